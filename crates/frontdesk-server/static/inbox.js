/* Frontdesk agent inbox: the client of the agent endpoint of the realtime protocol v1
   (docs/protocol.md). Everything a visitor or an agent wrote is put into the page as text
   (textContent / createElement), never as HTML. */
(function () {
  "use strict";

  var doc = document;
  var hasOwn = Object.prototype.hasOwnProperty;

  // ---------------------------------------------------------------- basics

  function $(id) { return doc.getElementById(id); }

  function readJson(id) {
    var el = $(id);
    if (!el) return {};
    try {
      var v = JSON.parse(el.textContent || "{}");
      return v && typeof v === "object" ? v : {};
    } catch (e) {
      return {};
    }
  }

  var S = readJson("inbox-strings");
  var ME = readJson("inbox-me");

  /** A string from the catalog, with `{name}` placeholders filled in one pass. */
  function str(key, vars) {
    var s = typeof S[key] === "string" ? S[key] : key;
    if (!vars) return s;
    return s.replace(/\{(\w+)\}/g, function (m, k) {
      return hasOwn.call(vars, k) ? String(vars[k]) : m;
    });
  }

  function isObj(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function isStr(x) { return typeof x === "string"; }
  function isId(x) {
    return (typeof x === "number" && isFinite(x)) || (typeof x === "string" && x.length > 0 && x.length < 40);
  }
  function num(x) { return typeof x === "number" && isFinite(x) ? x : 0; }
  function optStr(x) { return typeof x === "string" && x !== "" ? x : null; }
  function key(id) { return String(id); }
  function cls(x) { return String(x).toLowerCase().replace(/[^a-z0-9_-]/g, ""); }

  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  var storage = {
    get: function (area, k) {
      try { return window[area].getItem(k); } catch (e) { return null; }
    },
    set: function (area, k, v) {
      try { if (v === null) window[area].removeItem(k); else window[area].setItem(k, v); } catch (e) { /* storage may be off */ }
    }
  };

  var locale = doc.documentElement.getAttribute("lang") || undefined;
  var fmtTime = null, fmtDate = null, fmtFull = null, rtf = null, langNames = null;
  try { fmtTime = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }); } catch (e) { /* none */ }
  try { fmtDate = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }); } catch (e) { /* none */ }
  try { fmtFull = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }); } catch (e) { /* none */ }
  try { rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" }); } catch (e) { /* none */ }
  try { langNames = new Intl.DisplayNames([locale || "en"], { type: "language" }); } catch (e) { /* none */ }

  function formatWith(f, ms, fallback) {
    if (!ms) return "";
    try { return f ? f.format(new Date(ms)) : fallback(new Date(ms)); } catch (e) { return ""; }
  }
  function timeText(ms) {
    return formatWith(fmtTime, ms, function (d) { return d.toTimeString().slice(0, 5); });
  }
  function fullText(ms) {
    return formatWith(fmtFull, ms, function (d) { return d.toLocaleString(); });
  }
  function relText(ms) {
    if (!ms) return "";
    var diff = Math.min(0, ms - Date.now()); // a clock ahead of ours reads as "now"
    var abs = Math.abs(diff);
    try {
      if (rtf) {
        if (abs < 45e3) return rtf.format(0, "second");
        if (abs < 3600e3) return rtf.format(Math.round(diff / 60e3), "minute");
        if (abs < 86400e3) return rtf.format(Math.round(diff / 3600e3), "hour");
        if (abs < 7 * 86400e3) return rtf.format(Math.round(diff / 86400e3), "day");
      }
      return fmtDate ? fmtDate.format(new Date(ms)) : new Date(ms).toLocaleDateString();
    } catch (e) {
      return "";
    }
  }
  function timeEl(ms, text, className) {
    var t = el("time", className, text);
    if (ms) {
      try { t.dateTime = new Date(ms).toISOString(); } catch (e) { /* out of range */ }
      t.title = fullText(ms);
    }
    return t;
  }

  /** Only http(s) addresses become links: a visitor controls these values. */
  function safeUrl(raw) {
    if (!isStr(raw) || raw.length > 2000) return null;
    try {
      var u = new URL(raw);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function externalLink(href, text) {
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  var URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

  /** Appends text, turning http(s) addresses into links (built as elements, never parsed). */
  function appendLinkified(parent, text) {
    var last = 0;
    var m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      var raw = m[0].replace(/[.,;:!?)\]}]+$/, "");
      var href = safeUrl(raw);
      if (!href || raw === "") continue;
      if (m.index > last) parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
      parent.appendChild(externalLink(href, raw));
      last = m.index + raw.length;
      URL_RE.lastIndex = last;
    }
    if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
  }

  function newClientId() {
    try {
      if (window.crypto && typeof window.crypto.randomUUID === "function") return "a-" + window.crypto.randomUUID();
      var b = new Uint8Array(16);
      window.crypto.getRandomValues(b);
      return "a-" + Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    } catch (e) {
      return "a-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 14);
    }
  }

  // ---------------------------------------------------------------- state

  var FILTERS = ["all", "bot", "open", "served", "closed", "mine", "unassigned", "chatbot"];
  var PENDING_KEY = "frontdesk-inbox-pending";
  var FILTER_KEY = "frontdesk-inbox-filter";
  var MAX_BODY = 4000;
  var MAX_FRAME = 16 * 1024 - 256; // room for the other fields of a `send` frame

  /** Bytes of a body once JSON-encoded as UTF-8 (control characters grow when escaped). */
  function frameBytes(body) {
    var json = JSON.stringify(body);
    try { return new TextEncoder().encode(json).length; } catch (e) { return json.length * 3; }
  }

  var state = {
    me: {
      id: isId(ME.id) ? ME.id : null,
      name: isStr(ME.name) ? ME.name : "",
      role: isStr(ME.role) ? ME.role : "agent",
      active: ME.state !== "inactive",
      presence: isStr(ME.presence) ? ME.presence : "online"
    },
    agents: [],                 // [{id, name, presence, online}]
    convs: new Map(),           // key -> summary
    loaded: false,              // a welcome arrived at least once
    filter: "all",
    selected: null,             // key of the open conversation
    transcripts: new Map(),     // key -> {messages: Map seq -> message, contig, max, loaded}
    pending: new Map(),         // client_id -> {client_id, conversation_id, body, note, created_at, sentAt, failed}
    typing: new Map(),          // key -> timer of the visitor's typing indicator
    lastRead: new Map(),        // key -> seq sent in the last `read`
    drafts: new Map(),          // key -> unsent reply text
    notified: new Set()         // "conv:seq" already announced with a sound
  };

  var savedFilter = storage.get("localStorage", FILTER_KEY);
  if (savedFilter && FILTERS.indexOf(savedFilter) >= 0) state.filter = savedFilter;

  // ---------------------------------------------------------------- frames → shapes

  function normMessage(m) {
    if (!isObj(m) || !isId(m.conversation_id)) return null;
    var seq = m.seq;
    if (typeof seq !== "number" || !isFinite(seq) || seq < 1) return null;
    return {
      id: isId(m.id) ? m.id : null,
      conversation_id: m.conversation_id,
      seq: seq,
      author: isStr(m.author) ? m.author : "system",
      author_name: optStr(m.author_name),
      kind: isStr(m.kind) ? m.kind : "message",
      body: isStr(m.body) ? m.body : "",
      event: optStr(m.event),
      client_id: optStr(m.client_id),
      created_at: num(m.created_at)
    };
  }

  function normVisitor(v) {
    if (!isObj(v)) v = {};
    var vars = [];
    if (isObj(v.variables)) {
      Object.keys(v.variables).forEach(function (k) {
        var x = v.variables[k];
        if (isStr(x) || typeof x === "number" || typeof x === "boolean") vars.push([k, String(x)]);
      });
    }
    var pages = Array.isArray(v.pages) ? v.pages.filter(isObj).map(function (p) {
      return { url: isStr(p.url) ? p.url : "", title: isStr(p.title) ? p.title : "", at: num(p.at) };
    }) : [];
    var past = Array.isArray(v.past_conversations) ? v.past_conversations.filter(function (p) {
      return isObj(p) && isId(p.id);
    }).map(function (p) {
      return { id: p.id, status: isStr(p.status) ? p.status : "", created_at: num(p.created_at) };
    }) : [];
    return {
      id: isStr(v.id) ? v.id : (typeof v.id === "number" ? String(v.id) : ""),
      name: optStr(v.name), email: optStr(v.email), phone: optStr(v.phone),
      language: optStr(v.language), device: optStr(v.device), group: optStr(v.group),
      current_url: optStr(v.current_url), current_title: optStr(v.current_title),
      pages: pages, visit_count: num(v.visit_count), variables: vars,
      banned: v.banned === true, online: v.online === true, past_conversations: past
    };
  }

  function normSummary(c) {
    if (!isObj(c) || !isId(c.id)) return null;
    return {
      id: c.id,
      status: isStr(c.status) ? c.status : "open",
      visitor: normVisitor(c.visitor),
      assigned_agent_id: isId(c.assigned_agent_id) ? c.assigned_agent_id : null,
      tags: Array.isArray(c.tags) ? c.tags.filter(isStr) : [],
      important: c.important === true,
      unread: Math.max(0, num(c.unread)),
      last_message: normMessage(c.last_message),
      last_seq: num(c.last_seq),
      created_at: num(c.created_at),
      updated_at: num(c.updated_at)
    };
  }

  function normAgent(a) {
    if (!isObj(a) || !isId(a.id)) return null;
    return {
      id: a.id,
      name: isStr(a.name) ? a.name : "",
      presence: isStr(a.presence) ? a.presence : "offline",
      online: a.online === true
    };
  }

  // ---------------------------------------------------------------- labels

  function visitorLabel(s) {
    if (!s) return "";
    if (s.visitor.name) return s.visitor.name;
    var shortId = s.visitor.id ? s.visitor.id.slice(0, 6) : String(s.id);
    return str("visitor_anon", { id: shortId });
  }

  function statusLabel(status) {
    return hasOwn.call(S, "status_" + status) ? str("status_" + status) : status;
  }

  function agentById(id) {
    if (id === null || id === undefined) return null;
    for (var i = 0; i < state.agents.length; i++) {
      if (key(state.agents[i].id) === key(id)) return state.agents[i];
    }
    return null;
  }

  function agentName(id) {
    var a = agentById(id);
    if (a && a.name) return a.name;
    if (state.me.id !== null && key(id) === key(state.me.id) && state.me.name) return state.me.name;
    return str("agent_unknown", { id: id });
  }

  function eventText(m) {
    var name = m.event ? "event_" + m.event : "";
    if (name && hasOwn.call(S, name)) return str(name, { detail: m.body });
    return m.body || m.event || "";
  }

  function previewText(m) {
    if (!m) return str("no_messages");
    if (m.kind === "event") return eventText(m);
    if (m.kind === "note") return str("note") + ": " + m.body;
    return m.body;
  }

  function activity(s) {
    return Math.max(s.updated_at, s.created_at, s.last_message ? s.last_message.created_at : 0);
  }

  function isMine(s) {
    return s.assigned_agent_id !== null && state.me.id !== null && key(s.assigned_agent_id) === key(state.me.id);
  }

  function matches(s, f) {
    switch (f) {
      case "all": return true;
      case "mine": return isMine(s);
      case "unassigned": return s.assigned_agent_id === null && s.status !== "closed";
      case "chatbot": return s.chatbot_counted === true;
      default: return s.status === f;
    }
  }

  function unreadOf(s) {
    // The conversation on screen is being read: its badge stays at 0 while the tab is visible.
    if (key(s.id) === state.selected && !doc.hidden) return 0;
    return s.unread;
  }

  // ---------------------------------------------------------------- DOM handles

  var root = $("inbox");
  var connBanner = $("conn-state");
  var alertBox = $("inbox-alert");
  var presenceSelect = $("presence-select");
  var filterButtons = Array.prototype.slice.call(doc.querySelectorAll("[data-filter]"));
  var listEl = $("inbox-list");
  var listEmpty = $("inbox-list-empty");
  var convEmpty = $("conv-empty");
  var convMain = $("conv-main");
  var convTitle = $("conv-title");
  var convStatus = $("conv-status");
  var btnImportant = $("conv-important");
  var btnClose = $("conv-close");
  var btnBan = $("conv-ban");
  var btnBack = $("conv-back");
  var assignSelect = $("assign-select");
  var messagesEl = $("conv-messages");
  var jumpBtn = $("conv-jump");
  var typingLine = $("conv-typing");
  var noticeEl = $("conv-notice");
  var replyForm = $("reply-form");
  var replyInput = $("reply-input");
  var replyNote = $("reply-note");
  var replySend = $("reply-send");
  var visitorEmpty = $("visitor-empty");
  var visitorBody = $("visitor-body");
  var tagInput = $("tag-input");
  var tagAdd = $("tag-add");

  if (!root || !listEl || !messagesEl || !replyInput) return;

  var baseTitle = doc.title;

  // ---------------------------------------------------------------- socket

  var ws = null;
  var connected = false;     // welcome received on the current socket
  var everConnected = false;
  var ended = false;         // the server ended the session: stop reconnecting
  var attempt = 0;
  var reconnectTimer = 0;
  var lastRx = 0;
  var rateTimer = 0;

  function wsUrl() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/agent";
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = 0;
    if (ended || ws) return;
    var sock;
    try {
      sock = new WebSocket(wsUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    ws = sock;
    lastRx = Date.now();
    sock.onopen = function () {
      if (ws !== sock) return;
      lastRx = Date.now();
      try { sock.send(JSON.stringify({ type: "hello", v: 1 })); } catch (e) { /* close follows */ }
    };
    sock.onmessage = function (ev) {
      if (ws !== sock) return;
      lastRx = Date.now();
      onFrame(ev.data);
    };
    sock.onerror = function () { /* a close event follows */ };
    sock.onclose = function (ev) {
      if (ws !== sock) return;
      ws = null;
      onDisconnect(ev && ev.code);
    };
  }

  /** Drops a socket that stopped answering, without waiting for the close handshake. */
  function dropSocket() {
    var s = ws;
    if (!s) return;
    ws = null;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try { s.close(); } catch (e) { /* already closed */ }
    onDisconnect(0);
  }

  function onDisconnect(code) {
    connected = false;
    if (code === 4401 || code === 4403) {
      ended = true;
      showBanner(true);
      return;
    }
    showBanner(false);
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (ended || reconnectTimer) return;
    // 0.5 s, 1 s, 2 s … up to 10 s, each ±20 % so a restarted server is not hit by every tab at once.
    var base = Math.min(10000, 500 * Math.pow(2, attempt));
    attempt = Math.min(attempt + 1, 10);
    var delay = Math.round(Math.min(10000, base * (0.8 + Math.random() * 0.4)));
    reconnectTimer = setTimeout(function () { reconnectTimer = 0; connect(); }, delay);
  }

  /** Sends a frame on a live session; false when it could not go out now. */
  function send(frame) {
    if (!ws || !connected || ws.readyState !== 1) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch (e) {
      return false;
    }
  }

  /** Sends an action; tells the agent when the connection is down. */
  function act(frame) {
    if (!state.me.active) return false;
    if (send(frame)) return true;
    showAlert(str("conn_reconnecting"));
    return false;
  }

  function showBanner(isEnded) {
    if (!connBanner) return;
    clear(connBanner);
    if (connected) {
      connBanner.hidden = true;
      root.classList.remove("is-offline");
      return;
    }
    root.classList.add("is-offline");
    connBanner.hidden = false;
    if (isEnded) {
      connBanner.appendChild(doc.createTextNode(str("conn_ended") + " "));
      var a = el("a", null, str("conn_login"));
      a.href = "/dashboard/login";
      connBanner.appendChild(a);
    } else {
      connBanner.textContent = everConnected ? str("conn_reconnecting") : str("conn_connecting");
    }
  }

  var alertTimer = 0;
  function showAlert(text) {
    if (!alertBox) return;
    alertBox.textContent = text;
    alertBox.hidden = false;
    clearTimeout(alertTimer);
    alertTimer = setTimeout(function () { alertBox.hidden = true; alertBox.textContent = ""; }, 6000);
  }

  // ---------------------------------------------------------------- incoming frames

  var handlers = new Map();

  function onFrame(data) {
    if (typeof data !== "string") return;
    var f;
    try { f = JSON.parse(data); } catch (e) { return; }
    if (!isObj(f) || !isStr(f.type)) return;
    var h = handlers.get(f.type);
    if (!h) return;
    try {
      h(f);
    } catch (e) {
      // A frame the inbox cannot use must not stop it.
    }
  }

  handlers.set("welcome", function (f) {
    if (isObj(f.me)) {
      if (isId(f.me.id)) state.me.id = f.me.id;
      if (isStr(f.me.name)) state.me.name = f.me.name;
      if (isStr(f.me.role)) state.me.role = f.me.role;
      if (isStr(f.me.presence)) state.me.presence = f.me.presence;
    }
    setAgents(f.agents);
    var next = new Map();
    (Array.isArray(f.conversations) ? f.conversations : []).forEach(function (c) {
      var s = normSummary(c);
      if (s) next.set(key(s.id), s);
    });
    // Keep the conversation on screen even if the list no longer carries it (an old one).
    if (state.selected && !next.has(state.selected) && state.convs.has(state.selected)) {
      next.set(state.selected, state.convs.get(state.selected));
    }
    state.convs = next;
    state.loaded = true;
    connected = true;
    everConnected = true;
    attempt = 0;
    showBanner(false);
    if (state.selected) openConversation(state.selected);
    resendPending();
    renderPresence();
    renderList();
    renderConversation(false);
  });

  handlers.set("history", function (f) {
    var s = normSummary(f.conversation);
    if (!s) return;
    var k = key(s.id);
    upsertSummary(s);
    var t = transcript(k);
    var firstLoad = !t.loaded;
    t.loaded = true;
    (Array.isArray(f.messages) ? f.messages : []).forEach(function (raw) {
      var m = normMessage(raw);
      if (m && key(m.conversation_id) === k) storeMessage(m);
    });
    var newest = t.messages.get(t.max);
    var sum = state.convs.get(k);
    if (sum && newest && newest.seq > sum.last_seq) {
      sum.last_seq = newest.seq;
      sum.last_message = newest;
      sum.updated_at = Math.max(sum.updated_at, newest.created_at);
    }
    renderList();
    if (k === state.selected) {
      renderHeader();
      renderVisitor();
      renderMessages({ quiet: firstLoad, toBottom: firstLoad });
    }
  });

  handlers.set("conversation", function (f) {
    var s = normSummary(f.conversation);
    if (!s) return;
    upsertSummary(s);
    if (s.status === "closed") setTyping(key(s.id), false);
    renderList();
    if (key(s.id) === state.selected) {
      renderHeader();
      renderVisitor();
    }
  });

  handlers.set("message", function (f) {
    var m = normMessage(f.message);
    if (!m) return;
    var k = key(m.conversation_id);
    receiveMessage(m);
    if (m.author === "visitor") setTyping(k, false);
    // `message` frames are live (missed ones come back in `history`), so each one is news;
    // the set only guards against a frame delivered twice.
    var wantsSound = (m.author === "visitor" && m.kind === "message") ||
      (m.kind === "event" && m.event === "handover");
    var tag = k + ":" + m.seq;
    if (wantsSound && !state.notified.has(tag)) {
      if (state.notified.size > 2000) state.notified.clear();
      state.notified.add(tag);
      if (k !== state.selected || doc.hidden) beep();
    }
    renderList();
    if (k === state.selected) renderMessages({});
  });

  handlers.set("ack", function (f) {
    if (isStr(f.client_id) && state.pending.has(f.client_id)) {
      state.pending.delete(f.client_id);
      savePending();
    }
    var m = normMessage(f.message);
    if (m) receiveMessage(m);
    renderList();
    if (m ? key(m.conversation_id) === state.selected : state.selected) renderMessages({});
  });

  handlers.set("typing", function (f) {
    if (!isId(f.conversation_id)) return;
    setTyping(key(f.conversation_id), f.on === true);
  });

  handlers.set("agents", function (f) {
    setAgents(f.agents);
    renderPresence();
    renderList();
    if (state.selected) renderHeader();
  });

  handlers.set("pong", function () { /* lastRx is enough */ });

  handlers.set("error", function (f) {
    var code = isStr(f.code) ? f.code : "";
    var k = "error_" + code;
    showAlert(code && hasOwn.call(S, k) ? str(k) : str("error_generic"));
    // Protocol v1 does not name the refused reply; if a server does, mark it at once
    // (a rate-limited one is sent again below).
    var refused = isStr(f.client_id) ? state.pending.get(f.client_id) : null;
    if (refused && code !== "rate_limited") {
      refused.failed = true;
      if (state.selected) renderMessages({});
    }
    if (code === "rate_limited") {
      // The refused frame is not named: resending every unacked reply is safe, the server
      // answers a known client_id with the same ack.
      clearTimeout(rateTimer);
      rateTimer = setTimeout(resendPending, 2500 + Math.random() * 2500);
    }
    // Controls show the server's state again (a refused assign, tag or status change).
    renderPresence();
    assignSig = "";
    if (state.selected) { renderHeader(); renderVisitor(); }
  });

  function setAgents(list) {
    if (!Array.isArray(list)) return;
    state.agents = list.map(normAgent).filter(Boolean);
    var mine = agentById(state.me.id);
    if (mine) state.me.presence = mine.presence;
  }

  function upsertSummary(s) {
    state.convs.set(key(s.id), s);
  }

  function transcript(k) {
    var t = state.transcripts.get(k);
    if (!t) {
      t = { messages: new Map(), contig: 0, max: 0, loaded: false };
      state.transcripts.set(k, t);
    }
    return t;
  }

  /** Adds a message to a transcript we hold; false if it was already there. */
  function storeMessage(m) {
    var k = key(m.conversation_id);
    if (m.client_id && state.pending.has(m.client_id)) {
      var p = state.pending.get(m.client_id);
      if (key(p.conversation_id) === k) {
        state.pending.delete(m.client_id);
        savePending();
      }
    }
    var t = state.transcripts.get(k);
    if (!t || t.messages.has(m.seq)) return false;
    t.messages.set(m.seq, m);
    while (t.messages.has(t.contig + 1)) t.contig++;
    if (m.seq > t.max) t.max = m.seq;
    return true;
  }

  /**
   * A live message (message or ack frame): into the transcript, then into the list's summary
   * unless a `conversation` frame already brought it (its last_seq covers the message).
   */
  function receiveMessage(m) {
    var k = key(m.conversation_id);
    var t = state.transcripts.get(k);
    storeMessage(m);
    var s = state.convs.get(k);
    if (s && m.seq > s.last_seq) {
      s.last_seq = m.seq;
      s.last_message = m;
      s.updated_at = Math.max(s.updated_at, m.created_at);
      if (m.author === "visitor" && m.kind === "message") s.unread += 1;
    }
    // A gap in the open conversation (a frame lost in transit): ask for what follows the
    // last message held without a gap; duplicates are dropped by seq.
    if (t && k === state.selected && t.loaded && m.seq > t.contig + 1) openConversation(k);
  }

  function setTyping(k, on) {
    var prev = state.typing.get(k);
    if (prev) clearTimeout(prev);
    state.typing.delete(k);
    if (on) {
      // An indicator whose "off" was lost must not stay forever.
      state.typing.set(k, setTimeout(function () {
        state.typing.delete(k);
        renderTyping();
      }, 8000));
    }
    renderTyping();
  }

  // ---------------------------------------------------------------- outgoing

  function idOf(k) {
    var s = state.convs.get(k);
    if (s) return s.id;
    var n = Number(k);
    return isFinite(n) ? n : k;
  }

  function openConversation(k) {
    var t = transcript(k);
    send({ type: "open", conversation_id: idOf(k), last_seq: t.contig });
  }

  function savePending() {
    var list = [];
    state.pending.forEach(function (p) {
      list.push({ client_id: p.client_id, conversation_id: p.conversation_id, body: p.body, note: p.note, created_at: p.created_at });
    });
    storage.set("sessionStorage", PENDING_KEY, list.length ? JSON.stringify(list) : null);
  }

  function loadPending() {
    var raw = storage.get("sessionStorage", PENDING_KEY);
    if (!raw) return;
    var list;
    try { list = JSON.parse(raw); } catch (e) { return; }
    if (!Array.isArray(list)) return;
    list.forEach(function (p) {
      if (isObj(p) && isStr(p.client_id) && isId(p.conversation_id) && isStr(p.body)) {
        state.pending.set(p.client_id, {
          client_id: p.client_id, conversation_id: p.conversation_id, body: p.body,
          note: p.note === true, created_at: num(p.created_at), sentAt: 0, failed: false
        });
      }
    });
  }

  function transmit(p) {
    p.failed = false;
    p.sentAt = send({
      type: "send", conversation_id: p.conversation_id, client_id: p.client_id, body: p.body, note: p.note
    }) ? Date.now() : 0;
  }

  function resendPending() {
    state.pending.forEach(transmit);
    if (state.selected) renderMessages({});
  }

  function sendReply() {
    var k = state.selected;
    if (!k || !state.me.active) return;
    var s = state.convs.get(k);
    if (s && s.status === "closed" && !replyNote.checked) return;
    var body = replyInput.value.trim();
    if (!body) return;
    if (Array.from(body).length > MAX_BODY || frameBytes(body) > MAX_FRAME) {
      showAlert(str("error_too_long"));
      return;
    }
    var p = {
      client_id: newClientId(), conversation_id: idOf(k), body: body, note: replyNote.checked,
      created_at: Date.now(), sentAt: 0, failed: false
    };
    state.pending.set(p.client_id, p);
    savePending();
    replyInput.value = "";
    state.drafts.delete(k);
    stopTyping();
    transmit(p);
    renderMessages({ toBottom: true });
  }

  var typingOn = false;
  var typingConv = null;
  var typingSentAt = 0;
  var typingOffTimer = 0;

  function onReplyInput() {
    var k = state.selected;
    if (!k) return;
    if (replyNote.checked || replyInput.value.trim() === "") {
      // A note is never announced to the visitor as typing.
      stopTyping();
      return;
    }
    var now = Date.now();
    var id = idOf(k);
    if (!typingOn || typingConv !== id || now - typingSentAt >= 2000) {
      if (typingOn && typingConv !== id) stopTyping();
      if (send({ type: "typing", conversation_id: id, on: true })) {
        typingOn = true;
        typingConv = id;
        typingSentAt = now;
      }
    }
    clearTimeout(typingOffTimer);
    typingOffTimer = setTimeout(stopTyping, 3000);
  }

  function stopTyping() {
    clearTimeout(typingOffTimer);
    typingOffTimer = 0;
    if (typingOn && typingConv !== null) send({ type: "typing", conversation_id: typingConv, on: false });
    typingOn = false;
    typingConv = null;
  }

  var readTimer = 0;
  function scheduleRead() {
    if (readTimer) return;
    readTimer = setTimeout(function () { readTimer = 0; maybeMarkRead(); }, 150);
  }

  /** `read` once the newest message is on screen in a visible tab. */
  function maybeMarkRead() {
    var k = state.selected;
    if (!k || doc.hidden || !connected) return;
    var t = state.transcripts.get(k);
    if (!t || !t.loaded || t.max < 1 || !nearBottom()) return;
    if (t.max <= (state.lastRead.get(k) || 0)) return;
    if (send({ type: "read", conversation_id: idOf(k), seq: t.max })) {
      state.lastRead.set(k, t.max);
      var s = state.convs.get(k);
      if (s) s.unread = 0;
      jumpBtn.hidden = true;
      renderList();
    }
  }

  // ---------------------------------------------------------------- notification

  var audioCtx = null;
  var lastBeep = 0;

  function unlockAudio() {
    var AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) return;
    try {
      if (!audioCtx) audioCtx = new AC();
      if (audioCtx.state === "suspended") {
        var r = audioCtx.resume();
        if (r && r.catch) r.catch(function () { /* still locked */ });
      }
    } catch (e) {
      audioCtx = null;
    }
  }

  function beep() {
    if (!audioCtx || audioCtx.state !== "running") return;
    var now = Date.now();
    if (now - lastBeep < 1500) return;
    lastBeep = now;
    try {
      var t0 = audioCtx.currentTime;
      var osc = audioCtx.createOscillator();
      var gain = audioCtx.createGain();
      osc.type = "sine";
      osc.frequency.setValueAtTime(880, t0);
      osc.frequency.setValueAtTime(1175, t0 + 0.09);
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.24);
      osc.connect(gain);
      gain.connect(audioCtx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.25);
    } catch (e) { /* no sound then */ }
  }

  function renderUnreadIndicators() {
    var total = 0;
    state.convs.forEach(function (s) { total += unreadOf(s); });
    var title = total > 0 ? "(" + total + ") " + baseTitle : baseTitle;
    if (doc.title !== title) doc.title = title;
    var nav = doc.querySelector('a[href="/dashboard/inbox"]');
    if (nav) {
      var b = nav.querySelector(".nav-badge");
      if (!b) {
        b = el("span", "nav-badge");
        nav.appendChild(b);
      }
      b.textContent = total > 0 ? String(total) : "";
      b.hidden = total === 0;
    }
  }

  // ---------------------------------------------------------------- rendering: list

  var listEls = new Map(); // key -> li

  function renderList() {
    var counts = {};
    FILTERS.forEach(function (f) { counts[f] = 0; });
    var all = [];
    state.convs.forEach(function (s) {
      all.push(s);
      FILTERS.forEach(function (f) { if (matches(s, f)) counts[f]++; });
    });
    filterButtons.forEach(function (b) {
      var f = b.getAttribute("data-filter");
      var c = b.querySelector(".count");
      if (c) c.textContent = state.loaded ? String(counts[f] || 0) : "";
      b.setAttribute("aria-pressed", f === state.filter ? "true" : "false");
      b.title = str("filter_count", { count: counts[f] || 0 });
    });

    all.sort(function (a, b) {
      var d = activity(b) - activity(a);
      if (d) return d;
      return key(b.id) < key(a.id) ? -1 : key(b.id) > key(a.id) ? 1 : 0;
    });
    var shown = all.filter(function (s) { return matches(s, state.filter); });

    var keep = new Set();
    var cursor = listEl.firstChild;
    shown.forEach(function (s) {
      var k = key(s.id);
      keep.add(k);
      var li = listEls.get(k);
      if (!li) {
        li = el("li");
        var a = el("a", "conv");
        li.appendChild(a);
        listEls.set(k, li);
      }
      fillListItem(li.firstChild, s);
      if (li !== cursor) listEl.insertBefore(li, cursor);
      else cursor = cursor.nextSibling;
    });
    listEls.forEach(function (li, k) {
      if (!keep.has(k)) {
        if (li.parentNode) li.parentNode.removeChild(li);
        listEls.delete(k);
      }
    });
    listEmpty.textContent = state.loaded ? str("list_empty") : str("list_loading");
    listEmpty.hidden = shown.length > 0;
    renderUnreadIndicators();
  }

  function fillListItem(a, s) {
    var k = key(s.id);
    var unread = unreadOf(s);
    a.href = "#c=" + encodeURIComponent(k);
    a.setAttribute("data-id", k);
    a.setAttribute("data-status", cls(s.status));
    a.className = "conv status-" + cls(s.status) + (unread > 0 ? " is-unread" : "") +
      (s.important ? " is-important" : "") + (k === state.selected ? " is-selected" : "");
    if (k === state.selected) a.setAttribute("aria-current", "true");
    else a.removeAttribute("aria-current");
    clear(a);

    var top = el("span", "conv-top");
    var star = el("span", "star", "★");
    star.setAttribute("aria-hidden", "true");
    star.title = str("important_label");
    star.hidden = !s.important;
    top.appendChild(star);
    if (s.important) top.appendChild(el("span", "sr-only", str("important_label") + ": "));
    top.appendChild(el("span", "conv-name", visitorLabel(s)));
    var when = activity(s);
    top.appendChild(timeEl(when, relText(when), "conv-time"));
    a.appendChild(top);

    a.appendChild(el("span", "conv-preview", previewText(s.last_message).slice(0, 200)));

    var meta = el("span", "conv-meta");
    meta.appendChild(el("span", "pill status-" + cls(s.status), statusLabel(s.status)));
    if (s.chatbot_counted === true) meta.appendChild(el("span", "pill joined-by-chatbot", str("joined_by_chatbot")));
    if (s.assigned_agent_id !== null) {
      meta.appendChild(el("span", "conv-agent", str("assigned_to", { name: agentName(s.assigned_agent_id) })));
    }
    var badge = el("span", "unread", unread > 0 ? String(unread) : "0");
    badge.setAttribute("aria-hidden", "true");
    badge.hidden = unread === 0;
    meta.appendChild(badge);
    if (unread > 0) meta.appendChild(el("span", "sr-only", str("unread_label", { count: unread })));
    a.appendChild(meta);
  }

  // ---------------------------------------------------------------- rendering: conversation

  var msgEls = new Map(); // "s:seq" | "p:client_id" -> element of the open conversation
  var renderedConv = null;

  function renderConversation(switched) {
    var k = state.selected;
    root.classList.toggle("has-selection", !!k);
    convEmpty.hidden = !!k;
    convMain.hidden = !k;
    if (!k) {
      renderVisitor();
      return;
    }
    renderHeader();
    renderVisitor();
    renderTyping();
    renderMessages({ quiet: switched, toBottom: switched });
  }

  function renderHeader() {
    var k = state.selected;
    if (!k) return;
    var s = state.convs.get(k);
    var active = state.me.active;
    convTitle.textContent = s ? visitorLabel(s) : "#" + k;
    convStatus.textContent = s ? statusLabel(s.status) : "";
    convStatus.className = "pill" + (s ? " status-" + cls(s.status) : "");
    convStatus.hidden = !s;
    btnImportant.setAttribute("aria-pressed", s && s.important ? "true" : "false");
    btnImportant.disabled = !s || !active;
    btnClose.disabled = !s || !active || s.status === "closed";
    btnBan.disabled = !s || !active || s.visitor.banned;
    renderAssign(s);

    var closed = s && s.status === "closed";
    var notice = !active ? str("inactive_notice") : closed ? str("closed_notice") : "";
    noticeEl.textContent = notice;
    noticeEl.hidden = !notice;
    // A closed conversation still takes internal notes (the server refuses only replies).
    var canWrite = active && !!s;
    var notesOnly = canWrite && closed;
    if (notesOnly && !replyNote.checked) {
      replyNote.checked = true;
      stopTyping();
    }
    replyInput.disabled = !canWrite;
    replyNote.disabled = !canWrite || notesOnly;
    replySend.disabled = !canWrite;
    replyForm.classList.toggle("is-note", replyNote.checked);
    replyInput.placeholder = replyNote.checked ? str("note_placeholder") : str("reply_placeholder");
  }

  var assignSig = "";

  function renderAssign(s, force) {
    var current = s && s.assigned_agent_id !== null ? key(s.assigned_agent_id) : "";
    var sig = JSON.stringify([current, state.me.active, !!s, state.agents]);
    assignSelect.disabled = !s || !state.me.active;
    if (!force && sig === assignSig) {
      // Same options: only show the server's choice again (an unanswered wish is undone).
      if (assignSelect.value !== current) assignSelect.value = current;
      return;
    }
    assignSig = sig;
    clear(assignSelect);
    var none = el("option", null, str("unassigned"));
    none.value = "";
    assignSelect.appendChild(none);
    var agents = state.agents.slice().sort(function (a, b) {
      return a.name.localeCompare(b.name, locale);
    });
    var found = current === "";
    agents.forEach(function (a) {
      var plain = a.name || str("agent_unknown", { id: a.id });
      var name = state.me.id !== null && key(a.id) === key(state.me.id) ? str("agent_you", { name: plain }) : plain;
      var presence = hasOwn.call(S, "presence_" + a.presence) ? str("presence_" + a.presence) : a.presence;
      var o = el("option", null, str("agent_presence", { name: name, presence: presence }));
      o.value = key(a.id);
      if (o.value === current) found = true;
      assignSelect.appendChild(o);
    });
    if (!found) {
      var o = el("option", null, agentName(s.assigned_agent_id));
      o.value = current;
      assignSelect.appendChild(o);
    }
    assignSelect.value = current;
  }

  function renderTyping() {
    var k = state.selected;
    typingLine.hidden = !(k && state.typing.has(k));
  }

  function nearBottom() {
    return messagesEl.scrollHeight - messagesEl.scrollTop - messagesEl.clientHeight < 48;
  }

  var stickToBottom = true; // the agent reads the newest messages: keep them in view

  function scrollToBottom() {
    messagesEl.scrollTop = messagesEl.scrollHeight;
    stickToBottom = true;
  }

  function itemsOf(k) {
    var items = [];
    var t = state.transcripts.get(k);
    var seen = new Set();
    if (t) {
      var seqs = Array.from(t.messages.keys()).sort(function (a, b) { return a - b; });
      seqs.forEach(function (q) {
        var m = t.messages.get(q);
        if (m.client_id) seen.add(m.client_id);
        items.push({ key: "s:" + q, msg: m });
      });
    }
    var pend = [];
    state.pending.forEach(function (p) {
      if (key(p.conversation_id) === k && !seen.has(p.client_id)) pend.push(p);
    });
    pend.sort(function (a, b) { return a.created_at - b.created_at; });
    pend.forEach(function (p) { items.push({ key: "p:" + p.client_id, pending: p }); });
    return items;
  }

  /**
   * Brings the message list in line with the transcript, touching only what changed, so the
   * live region announces new messages and nothing else.
   */
  function renderMessages(opts) {
    var k = state.selected;
    if (!k) return;
    if (renderedConv !== k) {
      clear(messagesEl);
      msgEls.clear();
      renderedConv = k;
      opts.quiet = true;
      opts.toBottom = true;
      jumpBtn.hidden = true;
    }
    var wasAtBottom = stickToBottom || nearBottom();
    if (opts.quiet) messagesEl.setAttribute("aria-live", "off");
    var added = 0;
    var keep = new Set();
    var cursor = messagesEl.firstChild;
    itemsOf(k).forEach(function (item) {
      var node = msgEls.get(item.key);
      if (!node && item.msg && item.msg.client_id && msgEls.has("p:" + item.msg.client_id)) {
        // The ack replaces the pending bubble in place.
        node = msgEls.get("p:" + item.msg.client_id);
        msgEls.delete("p:" + item.msg.client_id);
        msgEls.set(item.key, node);
      }
      if (!node) {
        node = el("div");
        msgEls.set(item.key, node);
        added++;
      }
      keep.add(item.key);
      var sig = item.msg ? item.key : item.key + (item.pending.failed ? ":failed" : ":sending");
      var had = node.getAttribute("data-sig") || "";
      if (had !== sig) {
        node.setAttribute("data-sig", sig);
        if (item.msg && had.indexOf("p:") === 0) promotePending(node, item.msg);
        else if (item.msg) fillMessage(node, item.msg);
        else fillPending(node, item.pending);
      }
      if (node !== cursor) messagesEl.insertBefore(node, cursor);
      else cursor = cursor.nextSibling;
    });
    msgEls.forEach(function (node, kk) {
      if (!keep.has(kk)) {
        if (node.parentNode) node.parentNode.removeChild(node);
        msgEls.delete(kk);
      }
    });
    if (opts.toBottom || wasAtBottom) {
      scrollToBottom();
      jumpBtn.hidden = true;
    } else if (added > 0) {
      jumpBtn.hidden = false;
    }
    if (opts.quiet) {
      setTimeout(function () { messagesEl.setAttribute("aria-live", "polite"); }, 0);
    }
    scheduleRead();
  }

  function authorName(m) {
    if (m.author_name) return m.author_name;
    if (m.author === "bot") return str("bot_name");
    if (m.author === "system") return str("system_name");
    if (m.author === "visitor") return visitorLabel(state.convs.get(key(m.conversation_id)));
    return "";
  }

  function fillMessage(node, m) {
    clear(node);
    var author = cls(m.author);
    var kind = cls(m.kind);
    node.className = "msg from-" + author + " kind-" + kind + (m.kind === "event" && m.event ? " event-" + cls(m.event) : "");
    node.setAttribute("data-seq", String(m.seq));
    if (m.client_id) node.setAttribute("data-client-id", m.client_id);
    else node.removeAttribute("data-client-id");
    if (m.kind === "event") {
      node.appendChild(el("span", "event-text", eventText(m)));
      node.appendChild(doc.createTextNode(" · "));
      node.appendChild(timeEl(m.created_at, timeText(m.created_at)));
      return;
    }
    var meta = el("div", "msg-meta");
    if (m.kind === "note") meta.appendChild(el("span", "note-label", str("note")));
    var name = authorName(m);
    if (name) meta.appendChild(el("span", "msg-author", name));
    meta.appendChild(timeEl(m.created_at, timeText(m.created_at), "msg-time"));
    node.appendChild(meta);
    var body = el("div", "msg-body");
    appendLinkified(body, m.body);
    node.appendChild(body);
  }

  function fillPending(node, p) {
    clear(node);
    node.className = "msg from-agent kind-" + (p.note ? "note" : "message") + " is-pending" + (p.failed ? " is-failed" : "");
    node.removeAttribute("data-seq");
    node.setAttribute("data-client-id", p.client_id);
    var meta = el("div", "msg-meta");
    if (p.note) meta.appendChild(el("span", "note-label", str("note")));
    meta.appendChild(el("span", "msg-author", state.me.name));
    meta.appendChild(timeEl(p.created_at, timeText(p.created_at), "msg-time"));
    node.appendChild(meta);
    var body = el("div", "msg-body");
    appendLinkified(body, p.body);
    node.appendChild(body);
    var st = el("div", "msg-state");
    if (p.failed) {
      st.appendChild(el("span", null, str("not_delivered") + " "));
      var retry = el("button", "link msg-retry", str("retry"));
      retry.type = "button";
      retry.setAttribute("data-client-id", p.client_id);
      var discard = el("button", "link msg-discard", str("discard"));
      discard.type = "button";
      discard.setAttribute("data-client-id", p.client_id);
      st.appendChild(retry);
      st.appendChild(doc.createTextNode(" · "));
      st.appendChild(discard);
    } else {
      st.textContent = str("sending");
    }
    node.appendChild(st);
  }

  /**
   * The stored message takes over its pending bubble: only the state line goes and the
   * server's time replaces ours, so a screen reader does not read the reply a second time.
   */
  function promotePending(node, m) {
    var body = node.querySelector(".msg-body");
    var time = node.querySelector(".msg-time");
    var st = node.querySelector(".msg-state");
    if (!body || !time || body.textContent !== m.body || m.kind === "event") {
      fillMessage(node, m);
      return;
    }
    if (st) node.removeChild(st);
    node.className = "msg from-" + cls(m.author) + " kind-" + cls(m.kind);
    node.setAttribute("data-seq", String(m.seq));
    if (m.client_id) node.setAttribute("data-client-id", m.client_id);
    var text = timeText(m.created_at);
    if (time.textContent !== text) time.textContent = text;
    try { time.dateTime = new Date(m.created_at).toISOString(); } catch (e) { /* out of range */ }
    time.title = fullText(m.created_at);
  }

  // ---------------------------------------------------------------- rendering: visitor panel

  function setFact(id, value) {
    var dd = $(id);
    if (!dd) return dd;
    clear(dd);
    if (value === null || value === undefined || value === "") {
      dd.appendChild(el("span", "none", "—"));
    } else if (typeof value === "object") {
      dd.appendChild(value);
    } else {
      dd.textContent = String(value);
    }
    return dd;
  }

  function showEmpty(id, empty) {
    var p = $(id);
    if (p) p.hidden = !empty;
  }

  function renderVisitor() {
    var k = state.selected;
    var s = k ? state.convs.get(k) : null;
    visitorEmpty.hidden = !!s;
    visitorBody.hidden = !s;
    if (!s) return;
    var v = s.visitor;
    var canEdit = state.me.active;

    $("v-title").textContent = visitorLabel(s);
    var online = $("v-online");
    online.textContent = v.online ? str("visitor_online") : str("visitor_gone");
    online.className = "v-online" + (v.online ? " is-online" : "");
    $("v-banned").hidden = !v.banned;

    var href = safeUrl(v.current_url);
    var pageText = v.current_title || v.current_url;
    setFact("v-current", href ? externalLink(href, pageText) : pageText);

    var lang = v.language;
    if (lang && langNames) {
      try {
        var named = langNames.of(lang);
        if (named && named !== lang) lang = named + " (" + v.language + ")";
      } catch (e) { /* not a language tag */ }
    }
    setFact("v-language", lang);
    setFact("v-device", v.device && hasOwn.call(S, "device_" + v.device) ? str("device_" + v.device) : v.device);
    setFact("v-visits", v.visit_count > 0 ? String(v.visit_count) : null);
    setFact("v-group", v.group);

    setFact("v-name", v.name);
    if (v.email) {
      var mail = el("a", null, v.email);
      mail.href = "mailto:" + encodeURIComponent(v.email).replace(/%40/g, "@");
      setFact("v-email", mail);
    } else {
      setFact("v-email", null);
    }
    if (v.phone) {
      var digits = v.phone.replace(/[^0-9+]/g, "");
      if (digits) {
        var tel = el("a", null, v.phone);
        tel.href = "tel:" + digits;
        setFact("v-phone", tel);
      } else {
        setFact("v-phone", v.phone);
      }
    } else {
      setFact("v-phone", null);
    }

    var vars = $("v-variables");
    clear(vars);
    v.variables.forEach(function (pair) {
      var tr = el("tr");
      var th = el("th", null, pair[0]);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", null, pair[1]));
      vars.appendChild(tr);
    });
    showEmpty("v-variables-empty", v.variables.length === 0);

    var tags = $("v-tags");
    clear(tags);
    s.tags.forEach(function (tag) {
      var li = el("li", "tag");
      li.appendChild(el("span", "tag-name", tag));
      var rm = el("button", "tag-remove");
      rm.type = "button";
      rm.setAttribute("data-tag", tag);
      rm.setAttribute("aria-label", str("remove_tag", { tag: tag }));
      rm.title = str("remove_tag", { tag: tag });
      rm.disabled = !canEdit;
      var x = el("span", null, "×");
      x.setAttribute("aria-hidden", "true");
      rm.appendChild(x);
      li.appendChild(rm);
      tags.appendChild(li);
    });
    showEmpty("v-tags-empty", s.tags.length === 0);
    tagInput.disabled = !canEdit;
    tagAdd.disabled = !canEdit;

    var pages = $("v-pages");
    clear(pages);
    v.pages.slice().sort(function (a, b) { return b.at - a.at; }).slice(0, 30).forEach(function (p) {
      var li = el("li");
      var u = safeUrl(p.url);
      var label = p.title || p.url || "—";
      li.appendChild(u ? externalLink(u, label) : el("span", null, label));
      if (p.at) {
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(timeEl(p.at, relText(p.at), "hint"));
      }
      pages.appendChild(li);
    });
    showEmpty("v-pages-empty", v.pages.length === 0);

    var past = $("v-past");
    clear(past);
    var shownPast = v.past_conversations.filter(function (p) { return key(p.id) !== k; });
    shownPast.sort(function (a, b) { return b.created_at - a.created_at; }).forEach(function (p) {
      var li = el("li");
      var a = el("a", null, "#" + p.id);
      a.href = "#c=" + encodeURIComponent(key(p.id));
      li.appendChild(a);
      li.appendChild(doc.createTextNode(" "));
      li.appendChild(el("span", "pill status-" + cls(p.status), statusLabel(p.status)));
      if (p.created_at) {
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(timeEl(p.created_at, fullText(p.created_at), "hint"));
      }
      past.appendChild(li);
    });
    showEmpty("v-past-empty", shownPast.length === 0);
  }

  function renderPresence() {
    if (!presenceSelect) return;
    if (["online", "away", "offline"].indexOf(state.me.presence) >= 0) presenceSelect.value = state.me.presence;
    presenceSelect.disabled = !state.me.active;
  }

  // ---------------------------------------------------------------- selection

  function hashKey() {
    var m = /^#c=(\d{1,15})$/.exec(location.hash);
    return m ? String(Number(m[1])) : null;
  }

  function select(k) {
    if (k === state.selected) return;
    stopTyping();
    if (state.selected) {
      if (replyInput.value) state.drafts.set(state.selected, replyInput.value);
      else state.drafts.delete(state.selected);
    }
    state.selected = k;
    replyInput.value = k ? state.drafts.get(k) || "" : "";
    replyNote.checked = false;
    renderedConv = null;
    if (k) {
      transcript(k);
      openConversation(k);
    }
    renderConversation(true);
    renderList();
  }

  // ---------------------------------------------------------------- events

  function currentConv() {
    return state.selected ? state.convs.get(state.selected) : null;
  }

  window.addEventListener("hashchange", function () { select(hashKey()); });

  filterButtons.forEach(function (b) {
    b.addEventListener("click", function () {
      var f = b.getAttribute("data-filter");
      if (FILTERS.indexOf(f) < 0) return;
      state.filter = f;
      storage.set("localStorage", FILTER_KEY, f);
      renderList();
    });
  });

  if (presenceSelect) {
    presenceSelect.addEventListener("change", function () {
      var v = presenceSelect.value;
      if (!act({ type: "presence", status: v })) renderPresence();
    });
  }

  btnBack.addEventListener("click", function () {
    location.hash = "";
  });

  btnImportant.addEventListener("click", function () {
    var s = currentConv();
    if (s) act({ type: "important", conversation_id: s.id, on: !s.important });
  });

  btnClose.addEventListener("click", function () {
    var s = currentConv();
    if (s && s.status !== "closed") act({ type: "close", conversation_id: s.id });
  });

  btnBan.addEventListener("click", function () {
    var s = currentConv();
    if (s && window.confirm(str("ban_confirm"))) act({ type: "ban", conversation_id: s.id });
  });

  assignSelect.addEventListener("change", function () {
    var s = currentConv();
    if (!s) return;
    var v = assignSelect.value;
    var agent = null;
    if (v !== "") {
      var a = agentById(v);
      agent = a ? a.id : (isFinite(Number(v)) ? Number(v) : v);
    }
    // The `conversation` frame that answers sets the select; a refusal (error frame) or a
    // closed connection puts it back to the server's state.
    if (!act({ type: "assign", conversation_id: s.id, agent_id: agent })) renderAssign(s, true);
  });

  function addTag() {
    var s = currentConv();
    if (!s) return;
    var tag = tagInput.value.trim().toLowerCase();
    if (!tag) return;
    if (Array.from(tag).length > 40) tag = Array.from(tag).slice(0, 40).join("");
    if (s.tags.indexOf(tag) >= 0 || act({ type: "tag", conversation_id: s.id, tag: tag, on: true })) {
      tagInput.value = "";
    }
  }

  tagAdd.addEventListener("click", addTag);
  tagInput.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      addTag();
    }
  });

  $("v-tags").addEventListener("click", function (e) {
    var b = e.target && e.target.closest ? e.target.closest(".tag-remove") : null;
    var s = currentConv();
    if (!b || !s) return;
    act({ type: "tag", conversation_id: s.id, tag: b.getAttribute("data-tag") || "", on: false });
  });

  messagesEl.addEventListener("click", function (e) {
    var b = e.target && e.target.closest ? e.target.closest("button[data-client-id]") : null;
    if (!b) return;
    var p = state.pending.get(b.getAttribute("data-client-id") || "");
    if (!p) return;
    if (b.classList.contains("msg-retry")) {
      transmit(p);
    } else {
      state.pending.delete(p.client_id);
      savePending();
    }
    renderMessages({});
  });

  messagesEl.addEventListener("scroll", function () {
    stickToBottom = nearBottom();
    if (stickToBottom) jumpBtn.hidden = true;
    scheduleRead();
  }, { passive: true });

  // Layout changes (a wrapping header, the window, the reply box) keep the newest message in
  // view when it was; the narrow layouts size themselves from the real top bar height.
  var topbar = doc.querySelector(".topbar");
  function measureTop() {
    if (topbar) root.style.setProperty("--inbox-top", topbar.offsetHeight + "px");
  }
  measureTop();
  if (typeof window.ResizeObserver === "function") {
    var ro = new window.ResizeObserver(function () {
      measureTop();
      if (stickToBottom) messagesEl.scrollTop = messagesEl.scrollHeight;
    });
    ro.observe(messagesEl);
    if (topbar) ro.observe(topbar);
  } else {
    window.addEventListener("resize", measureTop);
  }

  jumpBtn.addEventListener("click", function () {
    scrollToBottom();
    jumpBtn.hidden = true;
    messagesEl.focus();
    scheduleRead();
  });

  replyForm.addEventListener("submit", function (e) {
    e.preventDefault();
    sendReply();
  });

  replyInput.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendReply();
    }
  });

  replyInput.addEventListener("input", onReplyInput);
  replyInput.addEventListener("blur", function () {
    if (replyInput.value.trim() === "") stopTyping();
  });

  replyNote.addEventListener("change", function () {
    if (replyNote.checked) stopTyping();
    replyForm.classList.toggle("is-note", replyNote.checked);
    replyInput.placeholder = replyNote.checked ? str("note_placeholder") : str("reply_placeholder");
  });

  doc.addEventListener("visibilitychange", function () {
    renderList();
    if (!doc.hidden) scheduleRead();
  });
  window.addEventListener("focus", scheduleRead);

  // Sound is allowed only after the agent has interacted with the page once.
  ["pointerdown", "keydown", "touchstart"].forEach(function (type) {
    doc.addEventListener(type, unlockAudio, { capture: true, passive: true });
  });

  window.addEventListener("online", function () {
    if (!ws && !ended) {
      attempt = 0;
      connect();
    }
  });

  // Keep-alive, a dead-socket check, undelivered replies, relative times.
  setInterval(function () {
    if (!ws) return;
    // Nothing heard for a minute (pongs included), or no welcome for 30 s: start over.
    if (Date.now() - lastRx > (connected ? 60000 : 30000)) {
      dropSocket();
      return;
    }
    send({ type: "ping" });
  }, 25000);

  setInterval(function () {
    var changed = false;
    var now = Date.now();
    state.pending.forEach(function (p) {
      if (!p.failed && p.sentAt && now - p.sentAt > 15000) {
        p.failed = true;
        changed = true;
      }
    });
    if (changed && state.selected) renderMessages({});
  }, 5000);

  setInterval(function () { renderList(); }, 30000);

  // ---------------------------------------------------------------- start

  loadPending();
  renderPresence();
  showBanner(false);
  var initial = hashKey();
  if (initial) select(initial);
  else renderConversation(false);
  renderList();
  connect();
})();
