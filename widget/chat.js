/* Frontdesk chat box. Loaded lazily by loader.js, which then calls
 * window.__frontdeskBoot({key, base, queue, root, launcher, lang}) and forwards every later
 * Frontdesk(...) call to the function that boot returns. Speaks protocol v1 (docs/protocol.md)
 * on /ws/visitor. All visitor and agent text is set with textContent, never parsed as HTML. */
(function (w, d) {
  'use strict';
  if (w.__frontdeskBoot) return;

  var MAX_MESSAGES = 200;
  var MAX_BODY = 4000;
  var PING_MS = 25000;
  var SILENCE_MS = 70000; // no frame (not even a pong) for this long: the socket is dead
  var SVG = 'http://www.w3.org/2000/svg';
  var AUTHORS = { visitor: 1, agent: 1, bot: 1, system: 1 };
  var PRECHAT = { name: ['text', 'name'], email: ['email', 'email'], phone: ['tel', 'tel'] };
  var BOT_PACE = [500, 15, 1600]; // typing pause before each next bot message: base + per character, capped
  var TRIGGER_MS = 5000;          // a preview's chatbot starts this long after boot unless the box opens first
  var ICONS = {
    bot: ['M12 3v3M7 6h10a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3zM9 12h.01M15 12h.01M10 16h4', 1],
    close: ['M6 6l12 12M18 6L6 18', 1],
    dots: ['M5 12h.01M12 12h.01M19 12h.01', 1],
    send: ['M3.4 20.4l17.45-7.48a1 1 0 0 0 0-1.84L3.4 3.6a.99.99 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z', 0]
  };
  // English texts, used until (or if) the server's catalog for the visitor's language arrives.
  // Same ids as locales/*/widget.ftl without the "widget-" prefix.
  var EN = {
    'open-chat': 'Open chat',
    'close': 'Close chat',
    'menu': 'More options',
    'send': 'Send',
    'input-label': 'Your message',
    'input-placeholder': 'Write a message…',
    'messages-label': 'Chat messages',
    'panel-label': 'Chat with {name}',
    'team-name': 'Support team',
    'online': 'We’re online',
    'offline': 'We’re away right now',
    'typing': '{name} is typing…',
    'sending': 'Sending…',
    'failed': 'Not sent yet. Retrying…',
    'not-sent': 'This message could not be sent.',
    'seen': 'Seen',
    'you': 'You',
    'offline-title': 'Leave us a message',
    'offline-intro': 'Nobody is available right now. Leave your e-mail and your message and we will get back to you.',
    'offline-email': 'E-mail',
    'offline-name': 'Name',
    'offline-message': 'Message',
    'offline-submit': 'Send message',
    'offline-thanks': 'Thank you! We will reply to {email} as soon as we can.',
    'prechat-title': 'Before we start',
    'prechat-intro': 'Please tell us a little about yourself.',
    'prechat-name': 'Name',
    'prechat-email': 'E-mail',
    'prechat-phone': 'Phone',
    'prechat-submit': 'Start chat',
    'end-chat': 'End chat',
    'confirm-end': 'Do you really want to end this chat?',
    'confirm-yes': 'Yes, end the chat',
    'cancel': 'Cancel',
    'rating-title': 'How was your chat?',
    'rating-star': '{count} of 5',
    'rating-comment': 'Comment (optional)',
    'rating-submit': 'Send rating',
    'rating-thanks': 'Thank you for your feedback!',
    'transcript-title': 'Get a copy of this chat by e-mail',
    'transcript-email': 'E-mail',
    'transcript-submit': 'Send transcript',
    'transcript-sent': 'The transcript is on its way to {email}.',
    'new-conversation': 'New conversation started',
    'chat-ended': 'The chat has ended.',
    'banned': 'You can no longer send messages in this chat.',
    'connection-lost': 'Connection lost.',
    'reconnecting': 'Reconnecting…',
    'privacy-label': 'Privacy notice',
    'unread': 'Unread messages: {count}',
    'agent-joined': '{name} joined the chat',
    'agent-left': '{name} left the chat',
    'transferred': 'The chat was transferred to {name}.',
    'rated': 'Thank you for rating the chat.',
    'bot-name': 'Assistant',
    'choices-label': 'Choose an option'
  };

  function isObj(x) { return !!x && typeof x === 'object' && !Array.isArray(x); }
  function str(x) { return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : ''; }
  function sameId(a, b) { return a != null && b != null && String(a) === String(b); }
  function trimTo(s, n) { s = str(s).trim(); return s.length > n ? Array.from(s).slice(0, n).join('') : s; }
  // Control characters would only bloat frames (a JSON \u0001 is six bytes) and show as boxes.
  function clean(s) {
    return trimTo(str(s).replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ''), MAX_BODY);
  }
  function newId() {
    var b = new Uint8Array(8), c = w.crypto;
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (var i = 0; i < 8; i++) b[i] = Math.floor(Math.random() * 256);
    return 'c-' + Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
  }

  function el(tag, props, kids) {
    var e = d.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v == null || v === false) return;
        if (k === 'cls') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function icon(name) {
    var spec = ICONS[name], svg = d.createElementNS(SVG, 'svg'), p = d.createElementNS(SVG, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    p.setAttribute('d', spec[0]);
    if (spec[1]) {
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', 'currentColor');
      p.setAttribute('stroke-width', name === 'dots' ? '3' : '2');
      p.setAttribute('stroke-linecap', 'round');
    } else {
      p.setAttribute('fill', 'currentColor');
    }
    svg.appendChild(p);
    return svg;
  }
  function show(e, on) { if (e) e.hidden = !on; }
  // Plain text with http(s) links made clickable; the link text is the URL itself.
  function linkify(parent, text) {
    var re = /\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi, i = 0, m;
    while ((m = re.exec(text))) {
      if (m.index > i) parent.appendChild(d.createTextNode(text.slice(i, m.index)));
      parent.appendChild(el('a', { href: m[0], target: '_blank', rel: 'noopener noreferrer nofollow', text: m[0] }));
      i = m.index + m[0].length;
    }
    if (i < text.length) parent.appendChild(d.createTextNode(text.slice(i)));
  }
  function normMsg(m) {
    if (!isObj(m)) return null;
    var seq = Number(m.seq);
    if (!(seq > 0) || seq % 1) return null;
    var out = {
      id: m.id == null ? null : m.id,
      conversation_id: m.conversation_id == null ? null : m.conversation_id,
      seq: seq,
      author: AUTHORS[m.author] ? m.author : 'system',
      author_name: str(m.author_name),
      kind: m.kind === 'event' || m.kind === 'note' ? m.kind : 'message',
      body: str(m.body),
      event: str(m.event) || null,
      client_id: str(m.client_id) || null,
      created_at: Number(m.created_at) || Date.now()
    };
    // Chatbot fields, kept only when usable: a question's buttons (which need its node) and
    // the visitor's recorded click.
    var node = str(m.node);
    var buttons = Array.isArray(m.buttons) && node ? m.buttons.filter(function (b) {
      return isObj(b) && str(b.id) && str(b.label);
    }).slice(0, 20).map(function (b) { return { id: str(b.id), label: str(b.label) }; }) : [];
    if (buttons.length) { out.node = node; out.buttons = buttons; }
    if (isObj(m.choice) && str(m.choice.node) && str(m.choice.button)) out.choice = { node: str(m.choice.node), button: str(m.choice.button) };
    return out;
  }
  function publicMsg(m) {
    var o = { seq: m.seq, conversation_id: m.conversation_id, author: m.author, author_name: m.author_name, kind: m.kind, body: m.body, client_id: m.client_id, created_at: m.created_at };
    if (m.buttons) { o.node = m.node; o.buttons = m.buttons.map(function (b) { return { id: b.id, label: b.label }; }); }
    if (m.choice) o.choice = { node: m.choice.node, button: m.choice.button };
    return o;
  }
  function isBotMsg(m) { return m.author === 'bot' && m.kind === 'message'; }
  function botDelay(m) { return Math.min(BOT_PACE[2], BOT_PACE[0] + BOT_PACE[1] * Array.from(m.body).length); }

  var instance = null;
  w.__frontdeskBoot = function (ctx) {
    if (!instance) instance = boot(ctx || {});
    return instance;
  };

  function boot(ctx) {
    var key = String(ctx.key || '');
    var base = String(ctx.base || '').replace(/\/+$/, '');
    var queue = ctx.queue || [];
    // A chatbot preview (from the dashboard's editor) runs a draft: it keeps its state apart
    // from the real visitor's and starts afresh on every load.
    var previewToken = '';
    queue.forEach(function (a) { if (a && a[0] === 'preview') previewToken = String(a[1] || ''); });
    var SK = 'frontdesk:' + key + (previewToken ? ':preview' : '');
    var CK = 'frontdesk:' + key + ':config';
    var root = ctx.root;
    if (!root) {
      root = el('div', { id: 'frontdesk-root' });
      d.body.appendChild(root);
    }
    var launcher = ctx.launcher || null;
    var badge = launcher && launcher.querySelector('.fd-badge');
    var launcherLabel = launcher ? launcher.getAttribute('aria-label') : '';
    var mq = w.matchMedia ? w.matchMedia('(max-width: 640px)') : null;

    var apiCfg = {};      // Frontdesk('config', …), wins over the server's settings
    var serverCfg = {};   // from /widget/config
    var strings = {};
    var haveStrings = false;
    var lang = '';
    var explicitLang = '';
    var accountName = '';
    var agentsOnline = null;
    var onlineFromSocket = false;
    var consent = false;
    var listeners = {};
    var events = [];
    var seenAgents = {};
    var bySeq = {};
    var byCid = {};
    var seenEl = null;
    var E = {};           // DOM elements
    var st;               // the persisted state
    var ws = null, connected = false, stopped = false, suspended = false, banned = false;
    var attempt = 0, retryTimer = 0, pingTimer = 0, connTimer = 0, rateTimer = 0, lastRx = 0;
    var isOpen = false, booting = true, cfgSeq = 0;
    var typingOn = false, typingSentAt = 0, typingTimer = 0, agentTypingTimer = 0;
    var lastPage = '';
    var prechatShown = '';
    var focusAfterBoot = false;
    var openedAt = 0;
    // Bot messages held back to be revealed one by one after a typing pause; they are already
    // stored (st.messages, last_seq), only not drawn yet. Anything after them waits its turn.
    var held = [], heldSeq = {}, heldTimer = 0, lastBotReveal = 0, botTyping = false;
    var clicks = {};          // bot message seq -> {node, button, state: 'wait'|'refused'}, this page view
    var choiceFocus = false;  // focus parked on the list after a click; the next question takes it
    var triggered = false, wantTrigger = false, seenLive = false;
    // Chatbots the server offered for this page view, each with the moment it may greet
    // (docs/protocol.md `chatbots`); the first whose moment comes is asked for by id.
    var offers = [], offerTimers = [], offerUnlisten = [], triggerId = null, viewStart = 0;

    function conf(k, dflt) {
      if (Object.prototype.hasOwnProperty.call(apiCfg, k)) return apiCfg[k];
      if (Object.prototype.hasOwnProperty.call(serverCfg, k)) return serverCfg[k];
      return dflt;
    }

    /* ---------- texts ---------- */

    function t(id, vars) {
      var s = typeof strings[id] === 'string' ? strings[id] : EN[id] || id;
      return s.replace(/\{\s*\$?(\w+)\s*\}/g, function (m, k) {
        return vars && vars[k] != null ? String(vars[k]) : m;
      });
    }
    // Binds an element's text ('t'), aria-label ('l') or placeholder ('p') to a message id, so
    // a language change can repaint it.
    function tr(e, kind, id, vars) {
      e.setAttribute('data-fd' + kind, id);
      if (vars) e.setAttribute('data-fdv', JSON.stringify(vars));
      paint(e);
      return e;
    }
    function paint(e) {
      var vars = null, id;
      try { vars = JSON.parse(e.getAttribute('data-fdv') || 'null'); } catch (x) { vars = null; }
      if ((id = e.getAttribute('data-fdt'))) e.textContent = t(id, vars);
      if ((id = e.getAttribute('data-fdl'))) e.setAttribute('aria-label', t(id, vars));
      if ((id = e.getAttribute('data-fdp'))) e.setAttribute('placeholder', t(id, vars));
    }
    function relabel() {
      root.querySelectorAll('[data-fdt],[data-fdl],[data-fdp]').forEach(paint);
      if (E.panel && lang) E.panel.setAttribute('lang', lang);
      header();
      badgeUpdate();
      pendingStates();
      markRead();
    }
    function teamName() { return accountName || t('team-name'); }

    /* ---------- storage ---------- */

    function fresh() {
      return {
        v: 1, token: null, visitor_id: null, conversation_id: null, status: null,
        last_seq: 0, read_seq: 0, team_read: 0, messages: [], pending: [], outbox: [],
        open: false, unread: 0, contact: {}, prechat_done: false,
        offline_done: false, offline_email: '', rated: null, transcript_sent: null, transcript_email: '',
        text_disabled: false
      };
    }
    function sanitize(s) {
      var f = fresh();
      if (!isObj(s)) return f;
      if (typeof s.token === 'string') f.token = s.token;
      if (s.visitor_id != null) f.visitor_id = str(s.visitor_id) || null;
      if (typeof s.conversation_id === 'number' || typeof s.conversation_id === 'string') f.conversation_id = s.conversation_id;
      f.status = str(s.status) || null;
      ['last_seq', 'read_seq', 'team_read', 'unread'].forEach(function (k) {
        var n = Number(s[k]);
        f[k] = n > 0 && n % 1 === 0 ? n : 0;
      });
      if (Array.isArray(s.messages)) {
        s.messages.forEach(function (m) {
          m = normMsg(m);
          if (m && m.kind !== 'note') f.messages.push(m);
        });
        f.messages = f.messages.slice(-MAX_MESSAGES);
      }
      if (Array.isArray(s.pending)) {
        f.pending = s.pending.filter(function (p) {
          return isObj(p) && typeof p.client_id === 'string' && p.client_id && typeof p.body === 'string';
        }).slice(-50);
      }
      if (Array.isArray(s.outbox)) f.outbox = s.outbox.filter(function (o) { return isObj(o) && typeof o.type === 'string'; }).slice(-50);
      f.open = s.open === true;
      if (isObj(s.contact)) {
        ['name', 'email', 'phone'].forEach(function (k) { if (typeof s.contact[k] === 'string') f.contact[k] = s.contact[k]; });
      }
      f.prechat_done = s.prechat_done === true;
      f.offline_done = s.offline_done === true;
      f.offline_email = str(s.offline_email);
      f.rated = s.rated == null ? null : s.rated;
      f.transcript_sent = s.transcript_sent == null ? null : s.transcript_sent;
      f.transcript_email = str(s.transcript_email);
      f.text_disabled = s.text_disabled === true;
      return f;
    }
    // Cookie-consent mode keeps everything in session storage until consent is given.
    function area() {
      try { return conf('consentMode', false) && !consent ? w.sessionStorage : w.localStorage; } catch (e) { return null; }
    }
    function local() { try { return w.localStorage; } catch (e) { return null; } }
    function readRaw(a) {
      if (previewToken) return null;
      try { return a ? a.getItem(SK) : null; } catch (e) { return null; }
    }
    function loadState() {
      var a = area(), raw = readRaw(a), s = null;
      if (!raw && a !== local()) raw = readRaw(local());
      try { s = raw ? JSON.parse(raw) : null; } catch (e) { s = null; }
      return sanitize(s);
    }
    function save() {
      if (!st) return;
      if (st.messages.length > MAX_MESSAGES) st.messages = st.messages.slice(-MAX_MESSAGES);
      var a = area();
      try { if (a) a.setItem(SK, JSON.stringify(st)); } catch (e) { /* full or blocked: memory only */ }
    }
    // Runs fn; if that changed where state belongs, moves it there.
    function reArea(fn) {
      var before = area();
      fn();
      var after = area();
      if (before !== after) {
        try { if (before) before.removeItem(SK); } catch (e) { /* blocked */ }
        save();
      }
    }
    function setConsent(v) { reArea(function () { consent = v === true; }); }

    /* ---------- DOM ---------- */

    function field(id, labelId, control) {
      return el('div', { cls: 'fd-field' }, [tr(el('label', { 'for': id }), 't', labelId), control]);
    }
    function build() {
      E.title = el('div', { id: 'frontdesk-title', cls: 'fd-title', role: 'heading', 'aria-level': '2' });
      E.status = el('div', { id: 'frontdesk-status', cls: 'fd-status', hidden: true });
      E.end = tr(el('button', { type: 'button', id: 'frontdesk-end', cls: 'fd-menu-item', onclick: askEnd }), 't', 'end-chat');
      E.menu = el('div', { id: 'frontdesk-menu', cls: 'fd-menu', hidden: true }, [E.end]);
      E.menuBtn = tr(el('button', {
        type: 'button', id: 'frontdesk-menu-button', cls: 'fd-icon-btn', hidden: true,
        'aria-expanded': 'false', 'aria-controls': 'frontdesk-menu', onclick: toggleMenu
      }, [icon('dots')]), 'l', 'menu');
      E.close = tr(el('button', { type: 'button', id: 'frontdesk-close', cls: 'fd-icon-btn', onclick: function () { close(true); } }, [icon('close')]), 'l', 'close');
      var head = el('div', { cls: 'fd-header' }, [
        el('div', { cls: 'fd-head-text' }, [E.title, E.status]),
        el('div', { cls: 'fd-head-actions' }, [E.menuBtn, E.close, E.menu])
      ]);

      E.confirmText = tr(el('p', { id: 'frontdesk-confirm-text' }), 't', 'confirm-end');
      E.confirmYes = tr(el('button', { type: 'button', id: 'frontdesk-end-yes', cls: 'fd-btn fd-btn-primary', onclick: confirmEnd }), 't', 'confirm-yes');
      E.confirmNo = tr(el('button', { type: 'button', id: 'frontdesk-end-cancel', cls: 'fd-btn', onclick: cancelEnd }), 't', 'cancel');
      E.confirm = el('div', { id: 'frontdesk-confirm', cls: 'fd-card', role: 'group', 'aria-labelledby': 'frontdesk-confirm-text', hidden: true },
        [E.confirmText, el('div', { cls: 'fd-row' }, [E.confirmYes, E.confirmNo])]);

      E.conn = el('div', { id: 'frontdesk-conn', cls: 'fd-conn', role: 'status', hidden: true });
      E.list = tr(el('div', { id: 'frontdesk-messages', cls: 'fd-messages', role: 'log', 'aria-live': 'polite', tabindex: '0' }), 'l', 'messages-label');
      E.typing = el('div', { id: 'frontdesk-typing', cls: 'fd-typing', 'aria-live': 'polite', hidden: true });

      // After the chat: rating and transcript.
      E.stars = [];
      var starRow = tr(el('div', { cls: 'fd-stars', role: 'group' }), 'l', 'rating-title');
      for (var i = 1; i <= 5; i++) {
        var b = tr(el('button', { type: 'button', cls: 'fd-star', 'aria-pressed': 'false', 'data-score': String(i), onclick: pickStar },
          [el('span', { 'aria-hidden': 'true', text: '★' })]), 'l', 'rating-star', { count: i });
        E.stars.push(b);
        starRow.appendChild(b);
      }
      E.ratingComment = el('textarea', { id: 'frontdesk-rating-comment', rows: '2', maxlength: '1000' });
      E.ratingSubmit = tr(el('button', { type: 'submit', id: 'frontdesk-rating-submit', cls: 'fd-btn fd-btn-primary', disabled: true }), 't', 'rating-submit');
      E.rating = el('form', { id: 'frontdesk-rating', cls: 'fd-card', novalidate: true, onsubmit: submitRating }, [
        tr(el('p', { cls: 'fd-card-title' }), 't', 'rating-title'),
        starRow,
        E.ratingMore = el('div', { hidden: true }, [field('frontdesk-rating-comment', 'rating-comment', E.ratingComment), E.ratingSubmit])
      ]);
      E.ratingThanks = tr(el('p', { id: 'frontdesk-rating-thanks', cls: 'fd-card fd-thanks', hidden: true }), 't', 'rating-thanks');
      E.transcriptEmail = el('input', { id: 'frontdesk-transcript-email', type: 'email', required: true, autocomplete: 'email', maxlength: '254' });
      E.transcript = el('form', { id: 'frontdesk-transcript', cls: 'fd-card', onsubmit: submitTranscript }, [
        tr(el('p', { cls: 'fd-card-title' }), 't', 'transcript-title'),
        field('frontdesk-transcript-email', 'transcript-email', E.transcriptEmail),
        tr(el('button', { type: 'submit', id: 'frontdesk-transcript-submit', cls: 'fd-btn fd-btn-primary' }), 't', 'transcript-submit')
      ]);
      E.transcriptSent = el('p', { id: 'frontdesk-transcript-sent', cls: 'fd-card fd-thanks', hidden: true });
      E.after = el('div', { id: 'frontdesk-after', cls: 'fd-after', hidden: true }, [E.rating, E.ratingThanks, E.transcript, E.transcriptSent]);

      // Pre-chat form; its fields are filled in by showPrechat().
      E.prechatFields = el('div', { cls: 'fd-fields' });
      E.prechat = el('form', { id: 'frontdesk-prechat', cls: 'fd-form', hidden: true, onsubmit: submitPrechat }, [
        tr(el('p', { cls: 'fd-card-title' }), 't', 'prechat-title'),
        tr(el('p', { cls: 'fd-intro' }), 't', 'prechat-intro'),
        E.prechatFields,
        tr(el('button', { type: 'submit', id: 'frontdesk-prechat-submit', cls: 'fd-btn fd-btn-primary' }), 't', 'prechat-submit')
      ]);

      // Offline form.
      E.offEmail = el('input', { id: 'frontdesk-offline-email', type: 'email', required: true, autocomplete: 'email', maxlength: '254' });
      E.offName = el('input', { id: 'frontdesk-offline-name', type: 'text', autocomplete: 'name', maxlength: '200' });
      E.offBody = el('textarea', { id: 'frontdesk-offline-message', required: true, rows: '3', maxlength: String(MAX_BODY) });
      E.offline = el('form', { id: 'frontdesk-offline-form', cls: 'fd-form', hidden: true, onsubmit: submitOffline }, [
        tr(el('p', { cls: 'fd-card-title' }), 't', 'offline-title'),
        tr(el('p', { cls: 'fd-intro' }), 't', 'offline-intro'),
        field('frontdesk-offline-email', 'offline-email', E.offEmail),
        field('frontdesk-offline-name', 'offline-name', E.offName),
        field('frontdesk-offline-message', 'offline-message', E.offBody),
        tr(el('button', { type: 'submit', id: 'frontdesk-offline-submit', cls: 'fd-btn fd-btn-primary' }), 't', 'offline-submit')
      ]);
      E.offThanks = el('p', { id: 'frontdesk-offline-thanks', cls: 'fd-notice', role: 'status', hidden: true });

      E.privacyText = el('span');
      E.privacy = el('p', { id: 'frontdesk-privacy', cls: 'fd-privacy', hidden: true }, [
        tr(el('span', { cls: 'fd-sr' }), 't', 'privacy-label'), d.createTextNode(' '), E.privacyText
      ]);

      E.input = tr(tr(el('textarea', {
        id: 'frontdesk-input', rows: '1', maxlength: String(MAX_BODY), autocomplete: 'off',
        oninput: onInput, onkeydown: onInputKey
      }), 'p', 'input-placeholder'), 'l', 'input-label');
      E.send = tr(el('button', { type: 'submit', id: 'frontdesk-send', cls: 'fd-send' }, [icon('send')]), 'l', 'send');
      E.composer = el('form', { id: 'frontdesk-composer', cls: 'fd-composer', onsubmit: submitComposer }, [E.input, E.send]);

      E.panel = el('div', {
        id: 'frontdesk-panel', cls: 'fd-panel', role: 'dialog', 'aria-modal': 'false', hidden: true, onkeydown: onPanelKey
      }, [head, E.conn, E.confirm, E.list, E.typing, E.after, E.prechat, E.offline, E.offThanks, E.privacy, E.composer]);
      root.appendChild(E.panel);
      if (launcher) {
        launcher.setAttribute('aria-controls', 'frontdesk-panel');
        launcher.setAttribute('aria-expanded', 'false');
      }
      if (badge) badge.setAttribute('aria-hidden', 'true');
    }

    function header() {
      if (!E.panel) return;
      if (accountName) {
        E.title.removeAttribute('data-fdt');
        E.title.textContent = accountName;
      } else {
        tr(E.title, 't', 'team-name');
      }
      tr(E.panel, 'l', 'panel-label', { name: teamName() });
      if (agentsOnline === null) {
        show(E.status, false);
      } else {
        tr(E.status, 't', agentsOnline ? 'online' : 'offline');
        E.status.className = 'fd-status ' + (agentsOnline ? 'fd-online' : 'fd-offline');
        show(E.status, true);
      }
    }

    function badgeUpdate() {
      var n = st ? st.unread : 0;
      if (badge) {
        badge.textContent = n > 9 ? '9+' : String(n);
        badge.style.display = n > 0 ? 'block' : 'none';
      }
      if (launcher) {
        if (haveStrings) launcherLabel = t('open-chat');
        launcher.setAttribute('aria-label', launcherLabel + (n > 0 ? ' (' + t('unread', { count: n }) + ')' : ''));
      }
    }

    function validColor(c) {
      return typeof c === 'string' && c.length < 64 && (!w.CSS || !w.CSS.supports || w.CSS.supports('color', c));
    }
    // White or near-black text on the accent colour, whichever reads better (hex colours only).
    function onAccent(c) {
      var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
      if (!m) return '#fff';
      var h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
      var lum = [0, 2, 4].map(function (i) {
        var v = parseInt(h.slice(i, i + 2), 16) / 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] > 0.45 ? '#111' : '#fff';
    }
    function applyLook() {
      var left = conf('position', 'right') === 'left';
      root.classList.toggle('fd-left', left);
      root.classList.toggle('fd-right', !left);
      var color = conf('color', '');
      if (validColor(color) && color) {
        root.style.setProperty('--fd-accent', color);
        root.style.setProperty('--fd-on-accent', onAccent(color));
      }
      if (launcher) {
        var hide = conf('hidden', false) === true || (conf('hideOnMobile', false) === true && mq && mq.matches);
        launcher.style.display = hide ? 'none' : 'flex';
        launcher.style.left = left ? '20px' : '';
        launcher.style.right = left ? '' : '20px';
        launcher.style.background = validColor(color) && color ? color : '#2f6fed';
        launcher.style.color = validColor(color) && color ? onAccent(color) : '#fff';
      }
      var notice = conf('privacyNotice', '');
      E.privacyText.textContent = '';
      if (typeof notice === 'string' && notice.trim()) linkify(E.privacyText, notice.trim());
    }

    /* ---------- messages ---------- */

    function timeText(ms) {
      try {
        return new Date(ms).toLocaleTimeString(lang || undefined, { hour: '2-digit', minute: '2-digit' });
      } catch (e) {
        return new Date(ms).toLocaleTimeString();
      }
    }
    function eventLine(m) {
      var ids = { joined: 'agent-joined', left: 'agent-left', transferred: 'transferred', closed: 'chat-ended', rated: 'rated', handover: 'handover' };
      var e = el('div', { cls: 'fd-msg fd-from-system fd-event', 'data-seq': String(m.seq) });
      if (m.event === 'tagged') e.hidden = true; // internal bookkeeping; keeps its seq slot
      else if (!ids[m.event]) e.hidden = true; // an event this box does not know says nothing raw
      else if (ids[m.event]) tr(e, 't', ids[m.event], { name: m.body || teamName() });
      else e.textContent = m.body;
      return e;
    }
    function msgEl(m, pending) {
      if (m.kind === 'event') return eventLine(m);
      var e = el('div', { cls: 'fd-msg fd-from-' + m.author + (pending ? ' fd-pending' : '') });
      if (m.seq) e.setAttribute('data-seq', String(m.seq));
      if (m.author === 'visitor' && m.client_id) e.setAttribute('data-client-id', m.client_id);
      if (m.author === 'visitor') {
        e.appendChild(tr(el('span', { cls: 'fd-author fd-sr' }), 't', 'you'));
      } else if (m.author === 'bot') {
        var name = el('span', { text: m.author_name });
        if (!m.author_name) tr(name, 't', 'bot-name');
        e.appendChild(el('div', { cls: 'fd-author fd-bot-label' }, [
          el('span', { cls: 'fd-bot-avatar', 'aria-hidden': 'true' }, [icon('bot')]), name
        ]));
      } else if (m.author !== 'system') {
        e.appendChild(el('div', { cls: 'fd-author', text: m.author_name || teamName() }));
      }
      var body = el('div', { cls: 'fd-body' });
      linkify(body, m.body);
      e.appendChild(body);
      if (m.author === 'bot' && m.buttons) {
        // Start disabled; choicesUpdate() enables the latest question's set.
        e.appendChild(tr(el('div', { cls: 'fd-choices', role: 'group' }, m.buttons.map(function (b) {
          return el('button', {
            type: 'button', cls: 'fd-choice', 'data-button': b.id, 'data-node': m.node, disabled: true,
            text: b.label, onclick: onChoice
          });
        })), 'l', 'choices-label'));
      }
      e.appendChild(el('div', { cls: 'fd-meta' }, [
        el('span', { cls: 'fd-time', text: timeText(m.created_at) }),
        el('span', { cls: 'fd-state' })
      ]));
      return e;
    }
    function setState(e, id) {
      var s = e && e.querySelector('.fd-state');
      if (!s) return;
      if (id) tr(s, 't', id);
      else { s.removeAttribute('data-fdt'); s.textContent = ''; }
    }
    function nearBottom() {
      var l = E.list;
      return l.scrollHeight - l.scrollTop - l.clientHeight < 80;
    }
    function scrollBottom() { E.list.scrollTop = E.list.scrollHeight; }
    // Server messages in seq order; pending bubbles always last.
    function place(e, seq) {
      var kids = E.list.children, before = null;
      for (var i = 0; i < kids.length; i++) {
        var k = kids[i];
        if (k === e) continue;
        var s = Number(k.getAttribute('data-seq'));
        if ((s && s > seq) || (!s && k.classList.contains('fd-pending'))) { before = k; break; }
      }
      if (e.nextSibling === before && e.parentNode === E.list) return;
      E.list.insertBefore(e, before);
    }
    function renderMsg(m) {
      var e = m.client_id && byCid[m.client_id];
      if (e) {
        // The pending bubble becomes the stored message, without being re-announced.
        delete byCid[m.client_id];
        e.classList.remove('fd-pending', 'fd-failed');
        e.setAttribute('data-seq', String(m.seq));
        setState(e, null);
        var time = e.querySelector('.fd-time');
        if (time) time.textContent = timeText(m.created_at);
      } else {
        e = msgEl(m, false);
      }
      bySeq[m.seq] = e;
      place(e, m.seq);
      if (m.author === 'agent' && m.author_name) seenAgents[m.author_name] = 1;
    }
    // live: new to the visitor (events, unread count); pace: a bot message may wait for its
    // typing pause (live frames and a chatbot's first words after a trigger, never history).
    function addMessage(raw, live, pace) {
      var m = normMsg(raw);
      if (!m || m.kind === 'note') return null;
      if (m.conversation_id != null) {
        var guess = m.author === 'bot' ? 'bot' : 'open';
        if (st.conversation_id == null) {
          st.conversation_id = m.conversation_id;
          if (!st.status || st.status === 'closed') st.status = guess;
        } else if (!sameId(m.conversation_id, st.conversation_id)) {
          newConversation(m.conversation_id, guess);
        }
      }
      if (m.client_id) removePending(m.client_id);
      if (known(m.seq)) {
        if (m.client_id) dropBubble(m.client_id);
        return null;
      }
      st.messages.push(m);
      if (st.messages.length > 1 && st.messages[st.messages.length - 2].seq > m.seq) {
        st.messages.sort(function (a, b) { return a.seq - b.seq; });
      }
      if (m.seq > st.last_seq) st.last_seq = m.seq;
      // The visitor's own words (typed or clicked) come after everything said before them, and
      // the bot's reply to them starts a new burst.
      if (m.author === 'visitor') flushHeld();
      if (held.length || (pace && isOpen && isBotMsg(m) && lastBotReveal + botDelay(m) > Date.now())) {
        var i = held.length;
        while (i > 0 && held[i - 1].m.seq > m.seq) i--;
        held.splice(i, 0, { m: m, live: live });
        heldSeq[m.seq] = 1;
        pump();
      } else {
        reveal(m, live);
      }
      return m;
    }
    function known(seq) { return !!(bySeq[seq] || heldSeq[seq]); }
    // Draws a stored message, with what goes with its arrival (events, unread count).
    function reveal(m, live) {
      var stick = nearBottom() || m.author === 'visitor';
      var firstFromAgent = m.author === 'agent' && m.author_name && !seenAgents[m.author_name];
      renderMsg(m);
      if (stick) scrollBottom();
      if (m.author === 'agent' || m.author === 'bot') showTyping(false);
      if (isBotMsg(m)) lastBotReveal = Date.now();
      if (m.buttons || m.choice) choicesUpdate();
      if (live && m.author !== 'visitor' && m.kind === 'message') {
        if (m.author === 'agent') st.offline_done = false; // answered: the offline note is done
        if (firstFromAgent) emit('agent_joined', { name: m.author_name });
        emit('message_received', publicMsg(m));
        if (!isOpen && (m.author === 'agent' || m.author === 'bot')) {
          st.unread += 1;
          badgeUpdate();
        }
      }
    }
    // Reveals held messages in seq order: a bot message once the typing pause after the previous
    // bot message is over (no pause while the box is closed), anything else at its turn.
    function pump(now) {
      clearTimeout(heldTimer);
      heldTimer = 0;
      var any = false;
      while (held.length) {
        var h = held[0], wait = isOpen && !now && isBotMsg(h.m) ? lastBotReveal + botDelay(h.m) - Date.now() : 0;
        if (wait > 0) {
          botTyping = true;
          showTyping(true, h.m.author_name || t('bot-name'));
          heldTimer = setTimeout(function () { pump(); }, wait);
          break;
        }
        held.shift();
        delete heldSeq[h.m.seq];
        reveal(h.m, h.live);
        any = true;
      }
      if (!held.length && botTyping) {
        botTyping = false;
        showTyping(false);
      }
      if (any) {
        sendRead();
        view();
        save();
      }
    }
    function flushHeld() {
      if (held.length) pump(true);
      lastBotReveal = 0;
    }
    function dropHeld() {
      clearTimeout(heldTimer);
      heldTimer = 0;
      held = [];
      heldSeq = {};
      if (botTyping) { botTyping = false; showTyping(false); }
    }

    /* ---------- chatbot buttons ---------- */

    function botLive() { return st.conversation_id != null && !/^(open|served|closed)$/.test(st.status || ''); }
    function textOff() { return st.text_disabled === true && botLive(); }
    // Which button of which question was clicked, from the visitor's recorded choices: a choice
    // belongs to the nearest earlier question with the same node (flows may loop).
    function choicesUpdate() {
      if (!E.list) return;
      var latest = 0, byNode = {}, chosen = {};
      st.messages.forEach(function (m) {
        if (m.author === 'bot' && m.buttons) { latest = m.seq; byNode[m.node] = m.seq; }
        else if (m.author === 'visitor' && m.choice && byNode[m.choice.node]) chosen[byNode[m.choice.node]] = m.choice.button;
      });
      var takeFocus = null;
      E.list.querySelectorAll('.fd-choices').forEach(function (set) {
        var seq = Number(set.parentNode.getAttribute('data-seq'));
        if (chosen[seq]) delete clicks[seq]; // the server recorded it
        var pick = chosen[seq] || (clicks[seq] && clicks[seq].button) || null;
        var on = seq === latest && !pick && botLive() && !banned;
        set.classList.toggle('fd-choices-off', !on);
        set.querySelectorAll('.fd-choice').forEach(function (b, i) {
          b.disabled = !on;
          b.classList.toggle('fd-chosen', pick !== null && b.getAttribute('data-button') === pick);
          if (on && i === 0) takeFocus = b;
        });
      });
      if (choiceFocus && takeFocus && isOpen && d.activeElement === E.list) {
        choiceFocus = false;
        try { takeFocus.focus({ preventScroll: true }); } catch (e) { takeFocus.focus(); }
      }
    }
    function firstChoice() { return E.list.querySelector('.fd-choice:not(:disabled)'); }
    function onChoice(e) {
      var b = e.currentTarget, msg = b.parentNode && b.parentNode.parentNode;
      var seq = Number(msg && msg.getAttribute('data-seq'));
      if (b.disabled || !seq || clicks[seq] || banned) return;
      clicks[seq] = { node: b.getAttribute('data-node'), button: b.getAttribute('data-button'), state: 'wait' };
      sendClick(clicks[seq]);
      // Disabling the focused button would drop focus to the page; keep it in the box.
      choiceFocus = true;
      try { E.list.focus({ preventScroll: true }); } catch (x) { E.list.focus(); }
      choicesUpdate();
    }
    function sendClick(c) {
      if (connected && c.state === 'wait') raw({ type: 'click', conversation_id: st.conversation_id, node: c.node, button: c.button });
    }
    // After a (re)connection: clicks the server has not recorded are sent (again) if their
    // question is still the open one; the others stay disabled. Also after rate limiting.
    function resendClicks() {
      choicesUpdate(); // drops the recorded ones
      var latest = 0;
      st.messages.forEach(function (m) { if (m.author === 'bot' && m.buttons) latest = m.seq; });
      Object.keys(clicks).forEach(function (k) {
        var c = clicks[k];
        if (c.state !== 'wait') return;
        if (Number(k) === latest && botLive()) sendClick(c);
        else c.state = 'refused';
      });
    }
    function localLine(id, vars) {
      var e = tr(el('div', { cls: 'fd-msg fd-from-system fd-local' }), 't', id, vars);
      var first = E.list.querySelector('.fd-pending');
      E.list.insertBefore(e, first);
      scrollBottom();
    }
    function clearTranscript() {
      dropHeld();
      clicks = {};
      st.messages = [];
      bySeq = {};
      seenAgents = {};
      seenEl = null;
      Array.prototype.slice.call(E.list.children).forEach(function (k) {
        var cid = k.getAttribute('data-client-id');
        if (!(cid && byCid[cid] === k)) E.list.removeChild(k);
      });
    }
    function newConversation(id, status) {
      var had = st.messages.length > 0;
      clearTranscript();
      st.conversation_id = id;
      st.status = status || 'open';
      st.text_disabled = false;
      st.last_seq = 0;
      st.read_seq = 0;
      st.team_read = 0;
      st.rated = null;
      st.transcript_sent = null;
      if (had) localLine('new-conversation');
    }
    function renderAll() {
      st.messages.forEach(renderMsg);
      st.pending.forEach(showPending);
      choicesUpdate();
      markRead();
      scrollBottom();
    }
    // The visitor's last message the team has read shows "Seen".
    function markRead() {
      if (!st || !E.list) return;
      var target = null;
      for (var i = st.messages.length - 1; i >= 0; i--) {
        var m = st.messages[i];
        if (m.author === 'visitor' && m.seq <= st.team_read) { target = bySeq[m.seq]; break; }
      }
      if (seenEl && seenEl !== target) setState(seenEl, null);
      seenEl = target;
      if (target) setState(target, 'seen');
    }

    /* ---------- pending messages ---------- */

    function showPending(p) {
      if (byCid[p.client_id]) return;
      var e = msgEl({ author: 'visitor', kind: 'message', body: p.body, client_id: p.client_id, created_at: p.created_at || Date.now() }, true);
      byCid[p.client_id] = e;
      E.list.appendChild(e);
      setState(e, connected ? 'sending' : 'failed');
    }
    function pendingStates() {
      if (!st) return;
      st.pending.forEach(function (p) { setState(byCid[p.client_id], connected ? 'sending' : 'failed'); });
    }
    function findPending(cid) {
      for (var i = 0; i < st.pending.length; i++) if (st.pending[i].client_id === cid) return st.pending[i];
      return null;
    }
    function removePending(cid) {
      var p = findPending(cid);
      if (p) st.pending.splice(st.pending.indexOf(p), 1);
      return p;
    }
    function dropBubble(cid) {
      var e = byCid[cid];
      delete byCid[cid];
      if (e && e.parentNode) e.parentNode.removeChild(e);
    }
    function frameFor(p) {
      return p.offline
        ? { type: 'offline', client_id: p.client_id, email: str(p.offline.email), name: str(p.offline.name), body: p.body }
        : { type: 'send', client_id: p.client_id, body: p.body };
    }
    function resendPending() {
      if (connected) st.pending.forEach(function (p) { raw(frameFor(p)); });
    }
    function queueMessage(body, offline) {
      var p = { client_id: newId(), body: body, created_at: Date.now() };
      if (offline) p.offline = offline;
      st.pending.push(p);
      showPending(p);
      scrollBottom();
      save();
      if (connected) raw(frameFor(p));
      return p;
    }
    function sendMessage(text) {
      if (banned) return false;
      var body = clean(text);
      if (!body) return false;
      queueMessage(body, null);
      stopTyping();
      view();
      return true;
    }

    /* ---------- socket ---------- */

    function raw(f) {
      if (!ws || ws.readyState !== 1) return false;
      try { ws.send(JSON.stringify(f)); return true; } catch (e) { return false; }
    }
    // Frames that must not be lost (identify, end, rate, transcript, event) wait for a welcome.
    function sendOrQueue(f) {
      st.outbox.push(f);
      if (st.outbox.length > 50) st.outbox.shift();
      flushOutbox();
      save();
    }
    function flushOutbox() {
      if (!connected) return;
      while (st.outbox.length && raw(st.outbox[0])) st.outbox.shift();
    }
    function device() {
      return (mq && mq.matches) || /Mobi|Android|iPhone|iPad/i.test(navigator.userAgent) ? 'mobile' : 'desktop';
    }
    function page() {
      return { url: trimTo(location.href, 2000), title: trimTo(d.title, 300), referrer: trimTo(d.referrer, 2000) };
    }
    function connect() {
      if (stopped || suspended || ws || !w.WebSocket) return;
      clearTimeout(retryTimer);
      retryTimer = 0;
      var sock;
      try {
        sock = new WebSocket(base.replace(/^http/i, 'ws') + '/ws/visitor?key=' + encodeURIComponent(key));
      } catch (e) {
        retry();
        return;
      }
      ws = sock;
      sock.onopen = function () {
        if (ws !== sock) return;
        lastRx = Date.now();
        lastPage = location.href;
        raw({
          type: 'hello', v: 1, token: st.token, conversation_id: st.conversation_id, last_seq: st.last_seq,
          page: page(), language: explicitLang || lang || ctx.lang || navigator.language || '', device: device()
        });
      };
      sock.onmessage = function (e) {
        if (ws !== sock) return;
        lastRx = Date.now();
        var f = null;
        try { f = JSON.parse(e.data); } catch (x) { return; }
        if (!isObj(f)) return;
        try { onFrame(f); } catch (x) { /* a malformed frame must not break the box */ }
      };
      sock.onclose = function (e) { if (ws === sock) lost(e.code); };
      sock.onerror = function () { /* onclose follows */ };
    }
    function detach() {
      var s = ws;
      ws = null;
      if (!s) return;
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try { s.close(1000); } catch (e) { /* already closing */ }
    }
    function lost(code) {
      ws = null;
      connected = false;
      clearInterval(pingTimer);
      showTyping(false);
      typingOn = false;
      pendingStates();
      if (code === 4403) {
        banned = true;
        stopped = true;
        connUpdate();
        view();
        return;
      }
      if (code === 4401) {
        // Forged or forgotten token: start over as a new visitor, keeping unsent messages.
        st.token = null;
        st.visitor_id = null;
        st.conversation_id = null;
        st.status = null;
        st.text_disabled = false;
        st.last_seq = 0;
        st.read_seq = 0;
        st.team_read = 0;
        clearTranscript();
        var c = {};
        Object.keys(st.contact).forEach(function (k) { c[k] = st.contact[k]; });
        if (Object.keys(c).length) st.outbox.unshift(Object.assign({ type: 'identify' }, c));
        save();
        view();
      }
      retry();
      clearTimeout(connTimer);
      connTimer = setTimeout(connUpdate, 1500);
    }
    function retry() {
      if (stopped || suspended || retryTimer) return;
      var max = Math.min(10000, 500 * Math.pow(2, attempt));
      attempt = Math.min(attempt + 1, 10);
      retryTimer = setTimeout(function () { retryTimer = 0; connect(); }, max / 2 + Math.random() * max / 2);
    }
    function connectNow() {
      if (ws || stopped || suspended) return;
      clearTimeout(retryTimer);
      retryTimer = 0;
      attempt = 0;
      connect();
    }
    function connUpdate() {
      E.conn.textContent = '';
      E.conn.classList.toggle('fd-banned', banned);
      if (banned) {
        E.conn.appendChild(tr(el('span'), 't', 'banned'));
        show(E.conn, true);
        return;
      }
      var down = !connected && !stopped;
      if (down) {
        E.conn.appendChild(tr(el('span'), 't', 'connection-lost'));
        E.conn.appendChild(d.createTextNode(' '));
        E.conn.appendChild(tr(el('span'), 't', 'reconnecting'));
      }
      show(E.conn, down);
    }
    function startPing() {
      clearInterval(pingTimer);
      pingTimer = setInterval(function () {
        if (Date.now() - lastRx > SILENCE_MS) {
          detach();
          lost(1006);
          return;
        }
        raw({ type: 'ping' });
        checkPage();
      }, PING_MS);
    }
    // The chatbot is started at most once per page view, only after the welcome, and only when
    // no chat is going on: no conversation, or a closed one that was not live on this page.
    // Whether agents are online does not matter.
    function maybeTrigger() {
      if (triggered || !wantTrigger || !connected || banned || st.pending.length) return;
      if (st.conversation_id != null && (st.status !== 'closed' || seenLive)) return;
      var frame = previewToken ? { type: 'trigger', preview: previewToken } : { type: 'trigger' };
      if (triggerId != null && !previewToken) frame.chatbot_id = triggerId;
      if (raw(frame)) {
        triggered = true;
        disarm();
      }
    }

    /* ---------- when a chatbot greets (§5 "When") ---------- */
    function greetNow(id) {
      if (triggered || wantTrigger) return;
      triggerId = id;
      wantTrigger = true;
      maybeTrigger();
    }
    function disarm() {
      offerTimers.forEach(clearTimeout);
      offerUnlisten.forEach(function (f) { f(); });
      offerTimers = [];
      offerUnlisten = [];
    }
    function listen(target, type, fn) {
      target.addEventListener(type, fn, { passive: true });
      offerUnlisten.push(function () { target.removeEventListener(type, fn); });
    }
    // How much of the page has been seen, in percent: a page without scrolling is all seen.
    function seenPercent() {
      var h = Math.max(d.documentElement.scrollHeight, d.body ? d.body.scrollHeight : 0);
      return h > 0 ? Math.min(100, ((w.scrollY || 0) + w.innerHeight) * 100 / h) : 100;
    }
    function armOffer(o) {
      var id = Number(o.id);
      if (!isFinite(id)) return;
      var when = str(o.when);
      if (when === 'page' || when === 'returning_visit') {
        var wait = Math.max(0, Math.min(Number(o.seconds) || 0, 3600) * 1000 - (now() - viewStart));
        offerTimers.push(setTimeout(function () { greetNow(id); }, wait));
      } else if (when === 'scroll') {
        var pct = Number(o.percent) || 100;
        var check = function () { if (seenPercent() >= pct) greetNow(id); };
        listen(w, 'scroll', check);
        check();
      } else if (when === 'exit_intent') {
        // Desktop: the pointer leaves through the top of the window (towards tabs and the
        // address bar). Phones have no pointer: a quick scroll back up after reading down at
        // least one screen stands in for it.
        listen(d, 'mouseout', function (e) {
          if (!e.relatedTarget && e.clientY <= 0) greetNow(id);
        });
        var lastY = w.scrollY || 0, lastAt = now(), deepest = lastY;
        listen(w, 'scroll', function () {
          var y = w.scrollY || 0, t = now();
          deepest = Math.max(deepest, y);
          if (deepest >= w.innerHeight && lastY - y > w.innerHeight / 4 && t - lastAt < 400) greetNow(id);
          if (y >= lastY || t - lastAt >= 400) { lastY = y; lastAt = t; }
        });
      } else if (when === 'event') {
        var name = str(o.name);
        if (events.some(function (ev) { return ev.name === name && ev.at >= viewStartAt; })) greetNow(id);
      }
    }
    // The page view began at navigation (performance.now() counts from it) or, after a
    // change without reload, at that change; events of the view count from then.
    var viewStartAt = 0;
    function now() { return w.performance.now(); }
    function setOffers(list, newView) {
      disarm();
      if (newView) {
        viewStart = now();
        viewStartAt = Date.now();
        if (!(st.conversation_id != null && st.status !== 'closed')) {
          triggered = false;
          wantTrigger = false;
          triggerId = null;
        }
      }
      offers = Array.isArray(list) ? list.filter(isObj) : [];
      if (!triggered && !previewToken) offers.forEach(armOffer);
    }
    function offerForEvent(name) {
      if (triggered) return;
      offers.forEach(function (o) {
        if (str(o.when) === 'event' && str(o.name) === name) greetNow(Number(o.id));
      });
    }
    function checkPage() {
      if (!connected || location.href === lastPage) return;
      lastPage = location.href;
      raw({ type: 'page', url: trimTo(lastPage, 2000), title: trimTo(d.title, 300) });
    }

    function onFrame(f) {
      switch (f.type) {
        case 'welcome': onWelcome(f); break;
        case 'ack': onAck(f); break;
        case 'message':
          if (addMessage(f.message, true, true)) {
            sendRead();
            view();
            save();
          }
          break;
        case 'typing':
          if (!botTyping) showTyping(f.on === true && st.status !== 'closed', str(f.name)); // the bot's pause wins
          break;
        case 'status': onStatus(f); break;
        case 'presence':
          if (typeof f.agents_online === 'boolean') {
            agentsOnline = f.agents_online;
            onlineFromSocket = true;
            header();
            view();
          }
          break;
        case 'read': {
          var s = Number(f.seq);
          if (s > st.team_read) {
            st.team_read = s;
            markRead();
            save();
          }
          break;
        }
        case 'error': onError(f); break;
        case 'chatbots': setOffers(f.chatbots, true); break;
        default: break; // pong and anything newer
      }
    }
    function onWelcome(f) {
      if (typeof f.token === 'string' && f.token) st.token = f.token;
      if (f.visitor_id != null) st.visitor_id = str(f.visitor_id) || st.visitor_id;
      if (typeof f.agents_online === 'boolean') {
        agentsOnline = f.agents_online;
        onlineFromSocket = true;
      }
      var c = isObj(f.conversation) && f.conversation.id != null ? f.conversation : null;
      var reset = f.reset === true || (c !== null && st.conversation_id != null && !sameId(c.id, st.conversation_id));
      if (reset) {
        clearTranscript();
        st.last_seq = 0;
        st.read_seq = 0;
        st.team_read = 0;
        st.rated = null;
        st.transcript_sent = null;
        st.conversation_id = c ? c.id : null;
        st.status = null;
      } else if (c) {
        st.conversation_id = c.id;
      }
      if (c) st.status = str(c.status) || 'open';
      st.text_disabled = !!c && c.text_disabled === true && botLive();
      if (c && st.status !== 'closed') seenLive = true;
      // History shows at once; only a chatbot's newest unread words after our trigger (those
      // after the visitor's last message) get their typing pauses.
      var list = Array.isArray(f.messages) ? f.messages : [], from = Infinity;
      if (triggered) {
        from = st.read_seq;
        list.forEach(function (m) { if (isObj(m) && m.author === 'visitor' && Number(m.seq) > from) from = Number(m.seq); });
      }
      list.forEach(function (m) {
        var fresh = isObj(m) && Number(m.seq) > from;
        addMessage(m, !reset || fresh, fresh);
      });
      connected = true;
      attempt = 0;
      clearTimeout(connTimer);
      connUpdate();
      startPing();
      flushOutbox();
      resendPending();
      resendClicks();
      pendingStates();
      markRead();
      sendRead();
      header();
      view();
      save();
      setOffers(f.chatbots, false);
      maybeTrigger();
      scheduleGreeting(f.greeting);
      if (!haveStrings) loadConfig();
    }
    // An automatic greeting (first visit or returning) the server offered: asked for once its
    // delay is over, and only if no conversation started meanwhile (a chatbot goes first).
    var greetTimer = null, greeted = false;
    function scheduleGreeting(g) {
      clearTimeout(greetTimer);
      if (greeted || !isObj(g) || !str(g.kind)) return;
      var delay = Math.max(0, Math.min(Number(g.delay_ms) || 0, 3600000));
      greetTimer = setTimeout(function () {
        if (greeted || !connected || banned) return;
        if (st.conversation_id != null && st.status !== 'closed') return;
        if (raw({ type: 'greet', kind: str(g.kind) })) greeted = true;
      }, delay);
    }
    function onAck(f) {
      var cid = str(f.client_id);
      if (!cid) return;
      var p = findPending(cid);
      var m = normMsg(f.message);
      if (m) {
        if (!m.client_id) m.client_id = cid;
        addMessage(m, false);
      }
      removePending(cid);
      var e = byCid[cid];
      if (e) {
        // Acked without a usable message: keep the bubble, no longer pending.
        delete byCid[cid];
        e.classList.remove('fd-pending');
        setState(e, null);
      }
      if (p) emit('message_sent', m ? publicMsg(m) : { client_id: cid, body: p.body });
      view();
      save();
    }
    function onStatus(f) {
      var c = f.conversation;
      if (!isObj(c) || c.id == null) return;
      var status = str(c.status);
      if (!sameId(c.id, st.conversation_id)) {
        if (status === 'closed') return; // an older conversation
        if (st.conversation_id == null) st.conversation_id = c.id;
        else newConversation(c.id);
      }
      st.status = status || st.status;
      st.text_disabled = c.text_disabled === true && botLive();
      if (st.status !== 'closed') seenLive = true;
      choicesUpdate();
      if (status === 'closed') {
        showTyping(false);
        show(E.confirm, false);
        st.offline_done = false;
      }
      view();
      save();
    }
    function onError(f) {
      var code = str(f.code), cid = str(f.client_id);
      if (code === 'rate_limited') {
        // Not stored; the same client_id is safe to send again.
        if (!rateTimer) rateTimer = setTimeout(function () { rateTimer = 0; resendPending(); resendClicks(); }, 3000 + Math.random() * 2000);
      } else if (code === 'stale_button' || code === 'unknown_button') {
        // The question moved on (or never had that button): the set just stays disabled.
        Object.keys(clicks).forEach(function (k) { if (clicks[k].state === 'wait') clicks[k].state = 'refused'; });
        choicesUpdate();
      } else if ((code === 'too_long' || code === 'malformed') && cid && findPending(cid)) {
        removePending(cid);
        var e = byCid[cid];
        delete byCid[cid];
        if (e) {
          e.classList.remove('fd-pending');
          e.classList.add('fd-failed');
          setState(e, 'not-sent');
        }
        save();
      }
      // unknown_type (e.g. "event" on a v1 server), not_allowed and the rest: nothing to do.
    }

    /* ---------- typing and read ---------- */

    function showTyping(on, name) {
      clearTimeout(agentTypingTimer);
      if (!E.typing) return;
      if (!on) { show(E.typing, false); return; }
      var vars = { name: name || teamName() };
      if (E.typing.hidden || E.typing.getAttribute('data-fdv') !== JSON.stringify(vars)) tr(E.typing, 't', 'typing', vars);
      show(E.typing, true);
      agentTypingTimer = setTimeout(function () { show(E.typing, false); }, 8000);
    }
    function onInput() {
      grow();
      var now = Date.now();
      if (!E.input.value.trim()) { stopTyping(); return; }
      if (connected && (!typingOn || now - typingSentAt >= 2000)) {
        typingOn = raw({ type: 'typing', on: true });
        typingSentAt = now;
      }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(stopTyping, 3000);
    }
    function stopTyping() {
      clearTimeout(typingTimer);
      if (typingOn) raw({ type: 'typing', on: false });
      typingOn = false;
    }
    function grow() {
      E.input.style.height = 'auto';
      E.input.style.height = Math.min(E.input.scrollHeight, 120) + 'px';
    }
    function sendRead() {
      if (!connected || !isOpen || d.visibilityState === 'hidden' || st.conversation_id == null) return;
      var upto = held.length ? held[0].m.seq - 1 : st.last_seq; // held messages are not seen yet
      if (upto > st.read_seq && raw({ type: 'read', seq: upto })) {
        st.read_seq = upto;
        save();
      }
    }

    /* ---------- views ---------- */

    function ongoing() { return st.conversation_id != null && st.status !== 'closed'; }
    function prechatMissing() {
      var want = conf('prechat', null);
      if (!Array.isArray(want) || st.prechat_done || st.pending.length || textOff()) return [];
      if (st.messages.some(function (m) { return m.author === 'visitor'; })) return [];
      return want.filter(function (k, i) { return PRECHAT[k] && want.indexOf(k) === i && !st.contact[k]; });
    }
    function mode() {
      if (banned) return 'banned';
      if (agentsOnline === false && !ongoing() && !st.pending.length && !st.offline_done) return 'offline';
      if (prechatMissing().length) return 'prechat';
      return 'chat';
    }
    function view() {
      if (!E.panel || booting) return;
      var md = mode(), closed = st.status === 'closed' && st.conversation_id != null && !banned;
      show(E.menuBtn, ongoing() && !banned);
      if (!ongoing()) {
        closeMenu(false);
        show(E.confirm, false);
      }
      show(E.offline, md === 'offline');
      choicesUpdate();
      if (md === 'prechat') showPrechat(); else { show(E.prechat, false); prechatShown = ''; }
      // While the chatbot asks with buttons only, the text field goes away.
      var noText = md === 'chat' && textOff(), hadFocus = noText && E.composer.contains(d.activeElement);
      show(E.composer, md === 'chat' && !noText);
      show(E.privacy, md !== 'banned' && !noText && !!E.privacyText.textContent);
      if (hadFocus) {
        var fc = firstChoice() || E.list;
        try { fc.focus({ preventScroll: true }); } catch (e) { fc.focus(); }
      }
      if (st.offline_done && st.offline_email && md !== 'banned') {
        tr(E.offThanks, 't', 'offline-thanks', { email: st.offline_email });
        show(E.offThanks, true);
      } else {
        show(E.offThanks, false);
      }

      var rating = closed && conf('rating', false) === true;
      var transcript = closed && conf('transcript', true) !== false;
      var rated = rating && sameId(st.rated, st.conversation_id);
      var sent = transcript && sameId(st.transcript_sent, st.conversation_id);
      show(E.rating, rating && !rated);
      show(E.ratingThanks, rated);
      show(E.transcript, transcript && !sent);
      if (sent) tr(E.transcriptSent, 't', 'transcript-sent', { email: st.transcript_email });
      show(E.transcriptSent, sent);
      if (transcript && !sent && !E.transcriptEmail.value && st.contact.email) E.transcriptEmail.value = st.contact.email;
      show(E.after, rating || transcript);
    }
    function showPrechat() {
      var missing = prechatMissing(), sig = missing.join(',');
      show(E.prechat, true);
      if (sig === prechatShown) return;
      prechatShown = sig;
      E.prechatFields.textContent = '';
      missing.forEach(function (k) {
        var id = 'frontdesk-prechat-' + k;
        E.prechatFields.appendChild(field(id, 'prechat-' + k, el('input', {
          id: id, name: k, type: PRECHAT[k][0], autocomplete: PRECHAT[k][1], required: true, maxlength: k === 'email' ? '254' : '200'
        })));
      });
    }
    function firstControl() {
      var md = mode();
      if (md === 'offline') return E.offEmail;
      if (md === 'prechat') return E.prechatFields.querySelector('input') || E.close;
      if (md === 'chat') return textOff() ? firstChoice() || E.list : E.input;
      return E.close;
    }

    /* ---------- open / close ---------- */

    function open(focus) {
      if (!E.panel) return;
      if (!isOpen) {
        isOpen = true;
        openedAt = Date.now();
        st.open = true;
        st.unread = 0;
        E.panel.hidden = false;
        root.classList.add('fd-open');
        if (launcher) launcher.setAttribute('aria-expanded', 'true');
        badgeUpdate();
        view();
        scrollBottom();
        sendRead();
        save();
        emit('open', {});
        wantTrigger = true;
        maybeTrigger();
      }
      if (focus === false) return;
      if (booting) focusAfterBoot = true; // the right control is known once the replay is over
      else focusFirst();
    }
    function focusFirst() {
      var c = firstControl();
      try { c.focus({ preventScroll: true }); } catch (e) { c.focus(); }
    }
    function close(returnFocus) {
      if (!isOpen) return;
      isOpen = false;
      st.open = false;
      E.panel.hidden = true;
      root.classList.remove('fd-open');
      closeMenu(false);
      show(E.confirm, false);
      if (launcher) launcher.setAttribute('aria-expanded', 'false');
      stopTyping();
      if (held.length) pump(true); // no typing pauses while nobody watches
      save();
      emit('close', {});
      if (returnFocus && launcher && launcher.style.display !== 'none') launcher.focus();
    }
    function onPanelKey(e) {
      if (e.key !== 'Escape' && e.key !== 'Esc') return;
      if (!E.menu.hidden) closeMenu(true);
      else if (!E.confirm.hidden) cancelEnd();
      else close(true);
      e.stopPropagation();
    }
    function toggleMenu() {
      if (E.menu.hidden) {
        show(E.menu, true);
        E.menuBtn.setAttribute('aria-expanded', 'true');
        d.addEventListener('click', outsideMenu, true);
        E.end.focus();
      } else {
        closeMenu(true);
      }
    }
    function closeMenu(focus) {
      if (!E.menu || E.menu.hidden) return;
      show(E.menu, false);
      E.menuBtn.setAttribute('aria-expanded', 'false');
      d.removeEventListener('click', outsideMenu, true);
      if (focus) E.menuBtn.focus();
    }
    function outsideMenu(e) {
      if (!E.menu.contains(e.target) && !E.menuBtn.contains(e.target)) closeMenu(false);
    }

    /* ---------- forms ---------- */

    function askEnd() {
      closeMenu(false);
      show(E.confirm, true);
      E.confirmYes.focus();
    }
    function cancelEnd() {
      show(E.confirm, false);
      firstControl().focus();
    }
    function confirmEnd() {
      show(E.confirm, false);
      sendOrQueue({ type: 'end' });
      stopTyping();
      firstControl().focus();
    }
    function onInputKey(e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        submitComposer(e);
      }
    }
    function submitComposer(e) {
      if (e) e.preventDefault();
      if (sendMessage(E.input.value)) {
        E.input.value = '';
        grow();
      }
      E.input.focus();
    }
    function valid(form) {
      if (form.checkValidity && !form.checkValidity()) {
        if (form.reportValidity) form.reportValidity();
        return false;
      }
      return true;
    }
    function submitOffline(e) {
      e.preventDefault();
      var email = trimTo(E.offEmail.value, 254), name = trimTo(E.offName.value, 200), body = clean(E.offBody.value);
      if (!valid(E.offline) || !email || !body) return;
      st.contact.email = email;
      if (name) st.contact.name = name;
      st.offline_done = true;
      st.offline_email = email;
      queueMessage(body, { email: email, name: name });
      E.offline.reset();
      view();
      E.offThanks.setAttribute('tabindex', '-1');
      E.offThanks.focus();
    }
    function submitPrechat(e) {
      e.preventDefault();
      if (!valid(E.prechat)) return;
      var o = {};
      E.prechatFields.querySelectorAll('input').forEach(function (i) {
        var v = trimTo(i.value, 254);
        if (v) o[i.name] = v;
      });
      st.prechat_done = true;
      if (Object.keys(o).length) identify(o);
      else save();
      view();
      E.input.focus();
    }
    function pickStar(e) {
      var score = Number(e.currentTarget.getAttribute('data-score'));
      E.rating.setAttribute('data-score', String(score));
      E.stars.forEach(function (b, i) {
        b.setAttribute('aria-pressed', i < score ? 'true' : 'false');
        b.classList.toggle('fd-on', i < score);
      });
      E.ratingSubmit.disabled = false;
      show(E.ratingMore, true);
    }
    function submitRating(e) {
      e.preventDefault();
      var score = Number(E.rating.getAttribute('data-score'));
      if (!(score >= 1 && score <= 5)) return;
      sendOrQueue({ type: 'rate', score: score, comment: trimTo(E.ratingComment.value, 1000) });
      st.rated = st.conversation_id;
      save();
      view();
    }
    function submitTranscript(e) {
      e.preventDefault();
      var email = trimTo(E.transcriptEmail.value, 254);
      if (!valid(E.transcript) || !email) return;
      sendOrQueue({ type: 'transcript', email: email });
      st.transcript_sent = st.conversation_id;
      st.transcript_email = email;
      save();
      view();
    }

    /* ---------- JS API ---------- */

    function emit(name, data) {
      (listeners[name] || []).slice().forEach(function (fn) {
        try { fn(data); } catch (err) { setTimeout(function () { throw err; }); } // the page's bug, reported as such
      });
    }
    function identify(o) {
      ['name', 'email', 'phone'].forEach(function (k) { if (o[k]) st.contact[k] = o[k]; });
      var last = st.outbox[st.outbox.length - 1];
      if (last && last.type === 'identify' && !connected) {
        Object.keys(o).forEach(function (k) {
          last[k] = k === 'variables' ? Object.assign({}, isObj(last.variables) ? last.variables : {}, o.variables) : o[k];
        });
        save();
      } else {
        sendOrQueue(Object.assign({ type: 'identify' }, o));
      }
      view();
    }
    function setLanguage(v) {
      var l = trimTo(v, 35);
      if (!l) return;
      var changed = l !== explicitLang;
      explicitLang = l;
      identify({ language: l });
      if (changed && !booting) loadConfig();
    }
    function fireEvent(name, data) {
      name = trimTo(name, 100);
      if (!name) return;
      var payload = null;
      try {
        var json = JSON.stringify(data === undefined ? null : data);
        payload = json && json.length <= 8000 ? JSON.parse(json) : null;
      } catch (e) { payload = null; }
      var ev = { name: name, data: payload, at: Date.now() };
      events.push(ev);
      if (events.length > 50) events.shift();
      emit('event', ev);
      sendOrQueue({ type: 'event', name: name, data: payload });
      offerForEvent(name);
    }
    function setConfig(o) {
      reArea(function () { Object.keys(o).forEach(function (k) { apiCfg[k] = o[k]; }); });
      if (!booting) {
        applyLook();
        view();
      }
    }
    function command(a) {
      a = Array.prototype.slice.call(a || []);
      var c = str(a[0]), v = a[1];
      switch (c) {
        case 'name': case 'email': case 'phone': {
          var s = trimTo(v, c === 'email' ? 254 : 200);
          if (s) { var o = {}; o[c] = s; identify(o); }
          break;
        }
        case 'variables':
          if (isObj(v)) {
            var vars = {};
            Object.keys(v).slice(0, 50).forEach(function (k) {
              if (v[k] != null) vars[trimTo(k, 100)] = trimTo(typeof v[k] === 'object' ? JSON.stringify(v[k]) : String(v[k]), 500);
            });
            identify({ variables: vars });
          }
          break;
        case 'group': if (str(v)) identify({ group: trimTo(v, 100) }); break;
        case 'language': setLanguage(v); break;
        case 'open': open(); break;
        case 'close': close(false); break;
        case 'toggle':
          // A click that lands just after the box restored itself open was aimed at the closed
          // button the visitor saw: it must not close the box again.
          if (isOpen && Date.now() - openedAt > 1000) close(true);
          else open();
          break;
        case 'prefill':
          E.input.value = clean(v == null ? '' : String(v));
          grow();
          break;
        case 'send': sendMessage(v == null ? '' : String(v)); break;
        case 'trigger': wantTrigger = true; maybeTrigger(); break;
        case 'event': fireEvent(v, a[2]); break;
        case 'on': if (typeof a[2] === 'function') (listeners[str(v)] = listeners[str(v)] || []).push(a[2]); break;
        case 'off':
          if (listeners[str(v)]) listeners[str(v)] = listeners[str(v)].filter(function (f) { return a[2] && f !== a[2]; });
          break;
        case 'config': if (isObj(v)) setConfig(v); break;
        case 'consent': setConsent(v); break;
        case 'preview': break; // read from the queue at boot, before any state is loaded
        default: break;
      }
    }
    function run(a) {
      try { command(a); } catch (e) { /* a bad call must not break the box */ }
    }

    /* ---------- server config ---------- */

    function applyServerConfig(j) {
      if (!isObj(j)) return;
      strings = isObj(j.strings) ? j.strings : {};
      haveStrings = isObj(j.strings);
      lang = str(j.language) || lang;
      accountName = str(j.account_name) || accountName;
      if (typeof j.agents_online === 'boolean' && !onlineFromSocket) agentsOnline = j.agents_online;
      var s = {};
      [['color', 'color'], ['position', 'position'], ['rating', 'rating'], ['transcript', 'transcript'],
        ['prechat', 'prechat'], ['privacyNotice', 'privacy_notice'], ['hideOnMobile', 'hide_on_mobile']].forEach(function (p) {
        if (j[p[0]] != null) s[p[0]] = j[p[0]];
        else if (j[p[1]] != null) s[p[0]] = j[p[1]];
      });
      serverCfg = s;
      relabel();
      applyLook();
      view();
    }
    function wantLang() { return explicitLang || str(ctx.lang); }
    function loadConfig() {
      if (!w.fetch) return;
      var mine = ++cfgSeq, l = wantLang();
      var url = base + '/widget/config?key=' + encodeURIComponent(key) + (l ? '&lang=' + encodeURIComponent(l) : '');
      w.fetch(url, { credentials: 'omit' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) {
          if (mine !== cfgSeq || !isObj(j)) return;
          applyServerConfig(j);
          try { w.sessionStorage.setItem(CK, JSON.stringify({ lang: l, config: j })); } catch (e) { /* cache only */ }
        })
        .catch(function () { /* keep the English texts; retried after the next welcome */ });
    }
    function cachedConfig() {
      try {
        var c = JSON.parse(w.sessionStorage.getItem(CK) || 'null');
        if (isObj(c) && c.lang === wantLang() && isObj(c.config)) applyServerConfig(c.config);
      } catch (e) { /* no cache */ }
    }

    /* ---------- start ---------- */

    // Storage area and language must be right before anything is read or drawn.
    queue.forEach(function (a) {
      if (!a) return;
      if (a[0] === 'config' && isObj(a[1])) Object.keys(a[1]).forEach(function (k) { apiCfg[k] = a[1][k]; });
      if (a[0] === 'consent') consent = a[1] === true;
      if (a[0] === 'language' && a[1]) explicitLang = trimTo(a[1], 35);
    });
    st = loadState();
    build();
    renderAll();
    if (ctx.lang || explicitLang) E.panel.setAttribute('lang', wantLang());
    cachedConfig();
    while (queue.length) run(queue.shift());
    booting = false;
    applyLook();
    header();
    badgeUpdate();
    view();
    connUpdate();
    show(E.conn, false);
    if (focusAfterBoot && isOpen) focusFirst();
    if (st.open && !isOpen && !(mq && mq.matches)) open(false);
    loadConfig();
    connect();
    // A preview shows the draft chatbot whatever its timing; real pages wait for the offers.
    if (previewToken) setTimeout(function () { wantTrigger = true; maybeTrigger(); }, TRIGGER_MS);

    w.addEventListener('online', connectNow);
    d.addEventListener('visibilitychange', function () {
      if (d.visibilityState !== 'visible') return;
      connectNow();
      sendRead();
    });
    w.addEventListener('pagehide', function (e) {
      if (!e.persisted) return;
      suspended = true; // back/forward cache: reconnect when the page is shown again
      stopTyping();
      detach();
      connected = false;
      clearInterval(pingTimer);
      clearTimeout(retryTimer);
      retryTimer = 0;
    });
    w.addEventListener('pageshow', function (e) {
      if (!e.persisted || !suspended) return;
      suspended = false;
      connectNow();
    });
    w.addEventListener('popstate', function () { setTimeout(checkPage, 0); });
    w.addEventListener('hashchange', checkPage);
    // Another tab of the same visitor stored messages: show them here too (no write back).
    w.addEventListener('storage', function (e) {
      if (e.key !== SK || !e.newValue) return;
      var o = null;
      try { o = sanitize(JSON.parse(e.newValue)); } catch (x) { return; }
      if (!st.token && o.token) st.token = o.token;
      if (!sameId(o.conversation_id, st.conversation_id)) return;
      var added = false;
      o.messages.forEach(function (m) {
        if (known(m.seq)) return;
        if (m.client_id && findPending(m.client_id)) return; // our own ack will bring it
        if (addMessage(m, false)) added = true;
      });
      if (o.unread === 0 && st.unread) {
        st.unread = 0;
        badgeUpdate();
      }
      if (added) view();
    });
    if (mq) {
      var onMq = function () { applyLook(); };
      if (mq.addEventListener) mq.addEventListener('change', onMq);
      else if (mq.addListener) mq.addListener(onMq);
    }

    return run;
  }
})(window, document);
