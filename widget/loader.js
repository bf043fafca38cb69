/* Frontdesk launcher: the only widget code run on page load (keep it tiny). Draws the chat
 * button; loads chat.js/chat.css on click, when idle, or at once if a queued command or an
 * ongoing conversation needs them. Embed with:
 * <script>(function(w,d,k,u){w.Frontdesk=w.Frontdesk||function(){(w.Frontdesk.q=w.Frontdesk.q||[]).push(arguments)};var s=d.createElement('script');s.async=1;s.src=u+'/widget/loader.js';s.setAttribute('data-key',k);d.head.appendChild(s)})(window,document,'WIDGET_KEY','https://chat.example.com');</script>
 * The server fills in the button labels by language below. */
(function (w, d) {
  'use strict';
  var F = w.Frontdesk;
  if (F && F.fd) return; // loaded twice
  var s = d.currentScript || d.querySelector('script[data-key][src*="/widget/loader.js"]');
  var key = s && s.getAttribute('data-key');
  if (!key) return;
  var base = s.src.replace(/\/widget\/loader\.js.*$/, '');
  var queue = [].slice.call((F && F.q) || []);
  var cfg = {}, lang = '', now = 0, L, handler, loading, root, btn;
  try { L = __FRONTDESK_LABELS__; } catch (e) { /* not filled in */ }
  L = L || {};
  var mq = w.matchMedia && w.matchMedia('(max-width: 640px)');

  // Takes config and language from a command; true if it needs the chat box now.
  function note(a) {
    var o = a[1];
    if (a[0] == 'config' && o) for (var k in o) cfg[k] = o[k];
    if (a[0] == 'language' && o) lang = o;
    return /^(open|send|toggle|trigger)$/.test(a[0]);
  }

  // The first of the chosen and the browser's languages that has a label, or ''.
  function pick() {
    var n = navigator, c = [lang].concat(n.languages || n.language);
    for (var i = 0; i < c.length; i++) {
      var p = String(c[i] || '').toLowerCase().split('-')[0];
      if (L[p]) return p;
    }
    return '';
  }

  function style() {
    if (!btn) return;
    var t = btn.style, left = cfg.position == 'left';
    t.display = cfg.hidden || (cfg.hideOnMobile && mq && mq.matches) ? 'none' : 'flex';
    t.left = left ? '20px' : '';
    t.right = left ? '' : '20px';
    t.background = '#2f6fed';
    if (cfg.color) t.background = cfg.color; // an invalid colour is ignored
  }

  function add(tag, src, prop, cb) {
    var e = d.createElement(tag);
    if (tag == 'link') e.rel = 'stylesheet';
    e[prop] = base + '/widget/' + src;
    e.onload = cb;
    (d.head || d.documentElement).appendChild(e);
    return e;
  }

  function load() {
    if (loading) return;
    loading = 1;
    var n = 2, css = 0;
    function done() {
      if (--n) return;
      try {
        handler = w.__frontdeskBoot({ key: key, base: base, queue: queue, root: root, launcher: btn, lang: pick() });
      } catch (e) { /* chat.js broken: keep queueing */ }
    }
    function cssDone() { if (!css++) done(); }
    add('link', 'chat.css', 'href', cssDone).onerror = cssDone;
    setTimeout(cssDone, 3000);
    add('script', 'chat.js', 'src', done).onerror = function () { loading = 0; }; // retry on next click
  }

  function start() { if (root) load(); else now = 1; }

  function api() {
    var a = [].slice.call(arguments);
    if (handler) return handler(a);
    queue.push(a);
    var need = note(a);
    style();
    if (need) start();
  }
  api.fd = 1;
  api.q = queue;
  w.Frontdesk = api;

  queue.forEach(function (a) { if (note(a)) now = 1; });
  try {
    if (localStorage.getItem('frontdesk:' + key) || sessionStorage.getItem('frontdesk:' + key)) now = 1;
  } catch (e) { /* storage blocked */ }

  function el(ns, tag, attrs) {
    var e = ns ? d.createElementNS(ns, tag) : d.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function init() {
    var NS = 'http://www.w3.org/2000/svg', svg;
    root = el(0, 'div', { id: 'frontdesk-root' });
    btn = el(0, 'button', {
      id: 'frontdesk-launcher', type: 'button', 'aria-label': L[pick()] || L.en || 'Open chat',
      style: 'position:fixed;bottom:20px;z-index:2147483000;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;color:#fff;cursor:pointer;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.25)'
    });
    btn.appendChild(svg = el(NS, 'svg', { viewBox: '0 0 24 24', width: 28, height: 28, 'aria-hidden': 'true' }));
    svg.appendChild(el(NS, 'path', { fill: 'currentColor', d: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z' }));
    btn.appendChild(el(0, 'span', { 'class': 'fd-badge', style: 'display:none' })); // shown by chat.js
    btn.onclick = function () { api('toggle'); };
    root.appendChild(btn);
    d.body.appendChild(root);
    style();
    if (now) load();
    else if (w.requestIdleCallback) requestIdleCallback(start, { timeout: 4000 });
    else setTimeout(start, 3000);
  }

  if (d.body) init();
  else d.addEventListener('DOMContentLoaded', init);
})(window, document);
