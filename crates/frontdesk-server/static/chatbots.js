/* Frontdesk chatbot editor (templates/chatbot_edit.html): draws the flow diagram the server
   laid out, checks the draft while it is typed, and keeps "Publish" honest (only a saved draft
   without errors can be published). Flow text goes into the page as text (textContent),
   never as HTML. */
(function () {
  "use strict";

  var doc = document;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var KINDS = ["message", "buttons", "collect", "set", "condition", "handover", "end", "goto"];
  var CHECK_DELAY_MS = 400;
  var hasOwn = Object.prototype.hasOwnProperty;

  // ---------------------------------------------------------------- basics

  function $(id) { return doc.getElementById(id); }

  function readJson(id) {
    var el = $(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent || "null"); } catch (e) { return null; }
  }

  function isObj(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function isStr(x) { return typeof x === "string"; }
  function num(x) { return typeof x === "number" && isFinite(x) ? x : 0; }

  var S = readJson("editor-strings");
  if (!isObj(S)) S = {};

  /** A string from the catalog, with `{name}` placeholders filled in one pass. */
  function str(key, vars) {
    var s = isStr(S[key]) ? S[key] : key;
    if (!vars) return s;
    return s.replace(/\{(\w+)\}/g, function (m, k) {
      return hasOwn.call(vars, k) ? String(vars[k]) : m;
    });
  }

  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svg(tag, attrs, text) {
    var e = doc.createElementNS(SVG_NS, tag);
    if (attrs) {
      for (var k in attrs) {
        if (hasOwn.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
      }
    }
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /** At most `max` characters (code points), with an ellipsis when cut. */
  function cut(text, max) {
    var chars = Array.from(String(text).replace(/\s+/g, " ").trim());
    if (chars.length <= max) return chars.join("");
    return chars.slice(0, Math.max(1, max - 1)).join("").replace(/\s+$/, "") + "…";
  }

  function length(text) { return Array.from(text).length; }

  /** Up to `maxLines` lines of at most `width` characters, breaking at spaces where it can;
      an ellipsis ends the last line when the text does not fit. */
  function wrap(text, width, maxLines) {
    var words = String(text).replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
    var out = [];
    var line = "";
    var i = 0;
    for (; i < words.length && out.length < maxLines; i++) {
      var word = words[i];
      var candidate = line ? line + " " + word : word;
      if (length(candidate) <= width) { line = candidate; continue; }
      if (line) {
        out.push(line);
        line = "";
        if (out.length === maxLines) break;
      }
      while (length(word) > width && out.length < maxLines) {
        out.push(Array.from(word).slice(0, width).join(""));
        word = Array.from(word).slice(width).join("");
      }
      if (out.length === maxLines) { i++; break; }
      line = word;
    }
    var truncated = i < words.length;
    if (line) {
      if (out.length < maxLines) out.push(line);
      else truncated = true;
    }
    if (truncated && out.length) {
      var last = Array.from(out[out.length - 1]);
      if (last.length > width - 1) last = last.slice(0, width - 1);
      out[out.length - 1] = last.join("").replace(/\s+$/, "") + "…";
    }
    return out;
  }

  function normalize(text) { return String(text).replace(/\r\n?/g, "\n"); }

  function escapeRe(text) { return String(text).replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&"); }

  // ---------------------------------------------------------------- the page

  var root = $("flow-editor");
  var textarea = $("flow-document");
  if (!root || !textarea) return;

  var canManage = root.getAttribute("data-can-manage") === "true" && !textarea.readOnly;
  var checkUrl = root.getAttribute("data-check-url") || "";
  var csrf = root.getAttribute("data-csrf") || "";
  var findingsList = $("findings");
  var findingsEmpty = $("findings-empty");
  var publishButton = $("publish");
  var publishHint = $("publish-hint");
  var statusLine = $("check-status");
  var unsavedMark = $("unsaved");
  var draftForm = $("draft-form");
  var diagramBox = $("diagram");
  var diagramEmpty = $("diagram-empty");
  var diagramStale = $("diagram-stale");

  var initial = readJson("diagram-data");
  // A saved draft always parses, so a page without a diagram shows text the server refused
  // to save (it comes back so nothing typed is lost): that text is not saved.
  var savedText = validDiagram(initial) ? normalize(textarea.defaultValue) : null;
  var hasErrors = !!(findingsList && findingsList.querySelector("li.finding.error"));
  var lastGoodDiagram = null;
  var submitting = false;

  // ---------------------------------------------------------------- the diagram

  function validDiagram(d) {
    return isObj(d) && Array.isArray(d.nodes) && Array.isArray(d.edges);
  }

  function kindOf(kind) { return KINDS.indexOf(kind) >= 0 ? kind : "other"; }

  function kindName(kind) {
    return KINDS.indexOf(kind) >= 0 ? str("kind_" + kind) : String(kind || "");
  }

  /** The point at `t` (0…1) of the cubic Bézier curve `c`. */
  function pointAt(c, t) {
    var u = 1 - t;
    var a = u * u * u, b = 3 * u * u * t, d = 3 * u * t * t, e = t * t * t;
    return {
      x: a * c.p0.x + b * c.p1.x + d * c.p2.x + e * c.p3.x,
      y: a * c.p0.y + b * c.p1.y + d * c.p2.y + e * c.p3.y
    };
  }

  /** The curve of an edge, from the bottom centre of `a` to the top centre of `b`. Edges that
      go back up (e.g. "back to menu") swing out on the side of the diagram nearer to them,
      so they pass beside the boxes rather than through the middle. */
  function edgeCurve(a, b, width) {
    var p0 = { x: a.x + a.w / 2, y: a.y + a.h };
    var p3 = { x: b.x + b.w / 2, y: b.y };
    var p1, p2, back = false;
    if (p3.y - p0.y >= 16) {
      var c = Math.max(24, (p3.y - p0.y) * 0.5);
      p1 = { x: p0.x, y: p0.y + c };
      p2 = { x: p3.x, y: p3.y - c };
    } else {
      back = true;
      var side = (p0.x + p3.x) / 2 < width / 2 ? -1 : 1;
      var lane = side < 0
        ? Math.min(a.x, b.x) - Math.max(a.w, b.w) * 0.45
        : Math.max(a.x + a.w, b.x + b.w) + Math.max(a.w, b.w) * 0.45;
      var lift = 60;
      p1 = { x: lane, y: p0.y + lift };
      p2 = { x: lane, y: p3.y - lift };
    }
    return { p0: p0, p1: p1, p2: p2, p3: p3, back: back };
  }

  function pathOf(c) {
    var r = function (v) { return Math.round(v * 10) / 10; };
    return "M" + r(c.p0.x) + "," + r(c.p0.y) +
      " C" + r(c.p1.x) + "," + r(c.p1.y) +
      " " + r(c.p2.x) + "," + r(c.p2.y) +
      " " + r(c.p3.x) + "," + r(c.p3.y);
  }

  function drawNode(n) {
    var kind = kindOf(n.kind);
    var g = svg("g", {
      "class": "node kind-" + kind + (n.start ? " is-start" : ""),
      transform: "translate(" + n.x + "," + n.y + ")",
      "data-node": n.id
    });
    var tip = kindName(n.kind) + " · " + n.id + (n.start ? " (" + str("start") + ")" : "") +
      (n.text ? "\n" + n.text : "");
    g.appendChild(svg("title", null, tip));
    g.appendChild(svg("rect", { width: n.w, height: n.h, rx: 8, ry: 8 }));

    var perLine = Math.max(8, Math.floor((n.w - 20) / 6.4));
    var kindLabel = cut(kindName(n.kind), 14);
    var idRoom = Math.max(6, Math.floor((n.w - 24 - Array.from(kindLabel).length * 5.8) / 7.6));
    g.appendChild(svg("text", { "class": "node-id", x: 10, y: 19 }, cut(n.id, idRoom)));
    g.appendChild(svg("text", { "class": "node-kind", x: n.w - 9, y: 18, "text-anchor": "end" }, kindLabel));

    var lines = n.h >= 52 ? wrap(cut(n.text, 60), perLine, n.h >= 64 ? 2 : 1) : [];
    if (lines.length) {
      var text = svg("text", { "class": "node-text", x: 10, y: 37 });
      for (var i = 0; i < lines.length; i++) {
        text.appendChild(svg("tspan", { x: 10, dy: i === 0 ? 0 : 15 }, lines[i]));
      }
      g.appendChild(text);
    }
    return g;
  }

  function buildDiagram(d) {
    var width = Math.max(1, num(d.width));
    var height = Math.max(1, num(d.height));
    var byId = Object.create(null);
    var nodes = [];
    d.nodes.forEach(function (raw) {
      if (!isObj(raw) || !isStr(raw.id)) return;
      var n = {
        id: raw.id,
        kind: isStr(raw.kind) ? raw.kind : "",
        text: isStr(raw.text) ? raw.text : "",
        x: num(raw.x), y: num(raw.y),
        w: Math.max(40, num(raw.w)), h: Math.max(24, num(raw.h)),
        start: raw.start === true
      };
      byId[n.id] = n;
      nodes.push(n);
    });

    // Curves may bulge past the laid-out area: the picture grows to hold them.
    var box = { x0: 0, y0: 0, x1: width, y1: height };
    function grow(p) {
      box.x0 = Math.min(box.x0, p.x - 12); box.x1 = Math.max(box.x1, p.x + 12);
      box.y0 = Math.min(box.y0, p.y - 12); box.y1 = Math.max(box.y1, p.y + 12);
    }
    var picture = svg("svg", {
      role: "img",
      "class": "flow-diagram",
      "aria-label": str("diagram_label", { count: nodes.length })
    });
    var defs = svg("defs");
    var marker = svg("marker", {
      id: "flow-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "strokeWidth"
    });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", "class": "edge-arrow" }));
    defs.appendChild(marker);
    picture.appendChild(defs);

    var edgeLayer = svg("g", { "class": "edges" });
    var nodeLayer = svg("g", { "class": "nodes" });
    var labelLayer = svg("g", { "class": "edge-labels" });
    var placed = [];

    d.edges.forEach(function (e) {
      if (!isObj(e)) return;
      var a = byId[e.from], b = byId[e.to];
      if (!a || !b) return;
      var c = edgeCurve(a, b, width);
      if (c.back) {
        for (var step = 1; step < 10; step++) grow(pointAt(c, step / 10));
      }
      var label = isStr(e.label) ? e.label : "";
      var cls = "edge" + (c.back ? " is-back" : "") +
        (label === "then" ? " is-then" : label === "else" ? " is-else" : "");
      var path = svg("path", { d: pathOf(c), "class": cls, "marker-end": "url(#flow-arrow)" });
      path.appendChild(svg("title", null, e.from + " → " + e.to + (label ? " · " + label : "")));
      edgeLayer.appendChild(path);
      if (!label) return;
      var shortLabel = cut(label, 22);
      var m = pointAt(c, 0.5);
      m.half = length(shortLabel) * 3.2 + 4;
      // Nudge a label down while it would cover one already placed (e.g. two buttons
      // leading to the same node).
      for (var tries = 0; tries < 6; tries++) {
        var clash = placed.some(function (p) {
          return Math.abs(p.x - m.x) < p.half + m.half && Math.abs(p.y - m.y) < 13;
        });
        if (!clash) break;
        m.y += 14;
      }
      placed.push(m);
      grow({ x: m.x - m.half, y: m.y }); grow({ x: m.x + m.half, y: m.y });
      var t = svg("text", {
        "class": "edge-label" + (label === "then" ? " is-then" : label === "else" ? " is-else" : ""),
        x: Math.round(m.x), y: Math.round(m.y), "text-anchor": "middle", "dominant-baseline": "middle"
      }, shortLabel);
      t.appendChild(svg("title", null, label));
      labelLayer.appendChild(t);
    });
    nodes.forEach(function (n) { nodeLayer.appendChild(drawNode(n)); });

    box.x0 = Math.floor(box.x0); box.y0 = Math.floor(box.y0);
    var boxW = Math.ceil(box.x1 - box.x0), boxH = Math.ceil(box.y1 - box.y0);
    picture.setAttribute("width", boxW);
    picture.setAttribute("height", boxH);
    picture.setAttribute("viewBox", box.x0 + " " + box.y0 + " " + boxW + " " + boxH);
    picture.appendChild(edgeLayer);
    picture.appendChild(nodeLayer);
    picture.appendChild(labelLayer);
    return picture;
  }

  /** Shows `d`, or keeps the last good diagram dimmed when the document cannot be read. */
  function showDiagram(d, stale) {
    if (!diagramBox) return;
    if (validDiagram(d)) lastGoodDiagram = d;
    var shown = validDiagram(d) ? d : lastGoodDiagram;
    var old = diagramBox.querySelector("svg");
    if (old) diagramBox.removeChild(old);
    if (shown) {
      var picture;
      try { picture = buildDiagram(shown); } catch (e) { picture = null; }
      if (picture) diagramBox.appendChild(picture);
    }
    var isStale = !!(stale && shown);
    diagramBox.classList.toggle("is-stale", isStale);
    diagramBox.classList.toggle("is-empty", !shown);
    if (diagramStale) diagramStale.hidden = !isStale;
    if (diagramEmpty) diagramEmpty.hidden = !!shown;
  }

  // ---------------------------------------------------------------- finding a node in the text

  /** Where node `id` is defined in the document (YAML or JSON), or -1. */
  function nodeOffset(text, id) {
    var at = -1, m;
    var nodesAt = text.search(/^(["']?)nodes\1[ \t]*:/m);
    if (nodesAt >= 0) {
      // YAML: the node keys share the indentation of the first line under `nodes:`.
      var rest = text.slice(nodesAt);
      var indent = /\n([ \t]+)[^\s#]/.exec(rest);
      if (indent) {
        var re = new RegExp("^" + escapeRe(indent[1]) + "([\"']?)" + escapeRe(id) + "\\1[ \\t]*:", "m");
        m = re.exec(rest);
        if (m) at = nodesAt + m.index + indent[1].length;
      }
    }
    if (at < 0) {
      m = new RegExp("\"" + escapeRe(id) + "\"\\s*:\\s*\\{").exec(text);
      if (m) at = m.index;
    }
    if (at < 0) {
      m = new RegExp("^[ \\t]*([\"']?)" + escapeRe(id) + "\\1[ \\t]*:", "m").exec(text);
      if (m) at = m.index + m[0].length - m[0].replace(/^[ \t]*/, "").length;
    }
    return at;
  }

  function revealNode(id) {
    var text = textarea.value;
    var at = nodeOffset(text, id);
    if (at < 0) return;
    var end = at + id.length + (text.charAt(at) === "\"" || text.charAt(at) === "'" ? 2 : 0);
    try { textarea.focus({ preventScroll: true }); } catch (e) { textarea.focus(); }
    textarea.setSelectionRange(at, end);
    var line = text.slice(0, at).split("\n").length - 1;
    var style = window.getComputedStyle(textarea);
    var lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5 || 18;
    textarea.scrollTop = Math.max(0, line * lineHeight - textarea.clientHeight / 3);
    if (textarea.scrollIntoView) textarea.scrollIntoView({ block: "nearest" });
  }

  // ---------------------------------------------------------------- findings

  /** Turns a `<code data-node>` into a button that shows the node in the document. */
  function linkNode(code) {
    var id = code.getAttribute("data-node");
    if (!id || (code.parentNode && code.parentNode.classList.contains("node-jump"))) return;
    var button = el("button", "link node-jump");
    button.type = "button";
    button.setAttribute("data-node", id);
    button.title = str("find_node", { node: id });
    code.parentNode.insertBefore(button, code);
    button.appendChild(code);
  }

  function renderFindings(findings, parseError) {
    if (!findingsList) return;
    var items = [];
    if (parseError) {
      items.push({ severity: "error", node: null, message: parseError });
    } else {
      (Array.isArray(findings) ? findings : []).forEach(function (f) {
        if (!isObj(f)) return;
        items.push({
          severity: f.severity === "error" ? "error" : "warning",
          node: isStr(f.node) && f.node ? f.node : null,
          message: isStr(f.message) ? f.message : ""
        });
      });
    }
    clear(findingsList);
    items.forEach(function (f) {
      var li = el("li", "finding " + f.severity);
      li.appendChild(el("span", "severity", str("severity_" + f.severity)));
      li.appendChild(doc.createTextNode(" "));
      if (f.node) {
        var code = el("code", null, f.node);
        code.setAttribute("data-node", f.node);
        li.appendChild(code);
        linkNode(code);
        li.appendChild(doc.createTextNode(" "));
      }
      li.appendChild(el("span", "message", f.message));
      findingsList.appendChild(li);
    });
    if (findingsEmpty) findingsEmpty.hidden = items.length > 0;
    hasErrors = items.some(function (f) { return f.severity === "error"; });
  }

  // ---------------------------------------------------------------- publish, saved state

  function isDirty() { return savedText === null || normalize(textarea.value) !== savedText; }

  function updateState() {
    var dirty = canManage && isDirty();
    if (unsavedMark) unsavedMark.hidden = !dirty;
    if (!publishButton) return;
    publishButton.disabled = dirty || hasErrors;
    if (publishHint) {
      var hint = dirty ? str("publish_hint_save") : hasErrors ? str("publish_hint_errors") : str("publish_help");
      if (publishHint.textContent !== hint) publishHint.textContent = hint;
      publishHint.classList.toggle("is-blocking", dirty || hasErrors);
    }
  }

  function setStatus(text, kind) {
    if (!statusLine) return;
    statusLine.textContent = text || "";
    statusLine.className = "check-status" + (kind ? " is-" + kind : "");
  }

  // ---------------------------------------------------------------- live check

  var timer = 0;
  var sequence = 0;
  var inFlight = null;

  function scheduleCheck() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { timer = 0; runCheck(); }, CHECK_DELAY_MS);
  }

  function runCheck() {
    if (!checkUrl || typeof window.fetch !== "function") return;
    var mine = ++sequence;
    if (inFlight) { try { inFlight.abort(); } catch (e) { /* already done */ } }
    inFlight = typeof AbortController === "function" ? new AbortController() : null;
    setStatus(str("check_running"), "busy");
    window.fetch(checkUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": csrf
      },
      body: JSON.stringify({ document: textarea.value }),
      signal: inFlight ? inFlight.signal : undefined
    }).then(function (res) {
      var type = res.headers.get("Content-Type") || "";
      if (res.status === 401 || res.status === 403 || (res.redirected && type.indexOf("json") < 0)) {
        throw { expired: true };
      }
      if (!res.ok || type.indexOf("json") < 0) throw { failed: res.status };
      return res.json();
    }).then(function (data) {
      if (mine !== sequence) return;
      inFlight = null;
      if (!isObj(data)) throw { failed: "shape" };
      var parseError = isStr(data.parse_error) && data.parse_error ? data.parse_error : null;
      renderFindings(data.findings, parseError);
      if (parseError || !validDiagram(data.diagram)) showDiagram(null, true);
      else showDiagram(data.diagram, false);
      setStatus(str("check_done"), "done");
      updateState();
    }).catch(function (err) {
      if (mine !== sequence) return;
      inFlight = null;
      if (err && err.name === "AbortError") return;
      setStatus(str(err && err.expired ? "check_expired" : "check_failed"), "error");
      updateState();
    });
  }

  // ---------------------------------------------------------------- the text area

  var escapeArmed = false;

  function insertText(text) {
    var done = false;
    try { done = doc.execCommand("insertText", false, text); } catch (e) { done = false; }
    if (!done || (text === "" && textarea.selectionStart !== textarea.selectionEnd)) {
      textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  /** Tab indents by two spaces (every selected line when several are selected); Shift+Tab
      takes up to two spaces away. Esc then Tab leaves the text area, so keyboards never get
      stuck in it. */
  function onKeyDown(e) {
    if (e.key === "Escape") { escapeArmed = true; return; }
    if (e.key !== "Tab") {
      if (e.key !== "Shift") escapeArmed = false;
      return;
    }
    if (escapeArmed || e.ctrlKey || e.altKey || e.metaKey) { escapeArmed = false; return; }
    e.preventDefault();
    var v = textarea.value;
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    if (!e.shiftKey && v.slice(start, end).indexOf("\n") < 0) {
      insertText("  ");
      return;
    }
    var lineStart = v.lastIndexOf("\n", start - 1) + 1;
    var blockEnd = end > start && v.charAt(end - 1) === "\n" ? end - 1 : end;
    var lineEnd = v.indexOf("\n", blockEnd);
    if (lineEnd < 0) lineEnd = v.length;
    var lines = v.slice(lineStart, lineEnd).split("\n");
    var removedFirst = 0;
    var changed = lines.map(function (line, i) {
      if (!e.shiftKey) return line ? "  " + line : line;
      var cutBy = /^ {0,2}/.exec(line)[0].length;
      if (i === 0) removedFirst = cutBy;
      return line.slice(cutBy);
    }).join("\n");
    if (changed === v.slice(lineStart, lineEnd)) return;
    textarea.setSelectionRange(lineStart, lineEnd);
    insertText(changed);
    if (start === end) {
      var caret = e.shiftKey ? Math.max(lineStart, start - removedFirst) : start + 2;
      textarea.setSelectionRange(caret, caret);
    } else {
      textarea.setSelectionRange(lineStart, lineStart + changed.length);
    }
  }

  // ---------------------------------------------------------------- start

  if (findingsList) {
    Array.prototype.forEach.call(findingsList.querySelectorAll("code[data-node]"), linkNode);
    findingsList.addEventListener("click", function (e) {
      var button = e.target.closest ? e.target.closest("button.node-jump") : null;
      if (button) revealNode(button.getAttribute("data-node"));
    });
  }
  if (diagramBox) {
    diagramBox.addEventListener("click", function (e) {
      var node = e.target.closest ? e.target.closest("g.node") : null;
      if (node) revealNode(node.getAttribute("data-node"));
    });
  }

  showDiagram(validDiagram(initial) ? initial : null, false);

  if (canManage) {
    textarea.addEventListener("keydown", onKeyDown);
    textarea.addEventListener("input", function () {
      updateState();
      scheduleCheck();
    });
    if (draftForm) {
      draftForm.addEventListener("submit", function () { submitting = true; });
    }
    window.addEventListener("beforeunload", function (e) {
      if (submitting || !isDirty()) return;
      e.preventDefault();
      e.returnValue = str("leave_unsaved");
      return e.returnValue;
    });
    window.addEventListener("pageshow", function (e) {
      // Coming back through the history cache: the form was not really sent.
      if (e.persisted) submitting = false;
    });
    // A document that does not parse has no diagram; ask why. A text area the browser
    // refilled after a reload holds unsaved text; check that.
    if (isDirty() && textarea.value.trim() !== "") runCheck();
  }
  updateState();
})();
