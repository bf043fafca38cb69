/* Frontdesk chatbot settings (templates/chatbot_settings.html): fills the five groups of §5
   from the draft, lets rules be added and removed, and sends the whole panel as one JSON
   field. Values go into the page through .value and .textContent only. */
(function () {
  "use strict";

  var doc = document;
  function $(id) { return doc.getElementById(id); }
  function readJson(id) {
    var el = $(id);
    try { return el ? JSON.parse(el.textContent || "null") : null; } catch (e) { return null; }
  }

  var form = $("settings-form");
  var data = readJson("settings-data");
  var meta = readJson("settings-meta") || {};
  var S = readJson("settings-strings") || {};
  if (!form || !data) return;
  var custom = data.custom === true;
  var SECONDS_KINDS = ["page", "returning_visit", "no_reply"];

  // ---------------------------------------------------------------- When

  var kind = $("trigger-kind");
  var seconds = $("trigger-seconds");
  var percent = $("trigger-percent");
  var eventName = $("trigger-name");

  function showTriggerFields() {
    var k = kind.value;
    $("trigger-seconds-row").hidden = SECONDS_KINDS.indexOf(k) < 0;
    $("trigger-percent-row").hidden = k !== "scroll";
    $("trigger-name-row").hidden = k !== "event";
    seconds.min = k === "no_reply" ? "5" : "0";
    var hint = S["hint_" + k];
    $("trigger-hint").textContent = typeof hint === "string" ? hint : "";
  }

  function readTrigger() {
    var t = { when: kind.value };
    if (SECONDS_KINDS.indexOf(t.when) >= 0 && seconds.value !== "") t.seconds = Number(seconds.value);
    if (t.when === "no_reply" && seconds.value === "") t.seconds = 0;
    if (t.when === "scroll") t.percent = percent.value === "" ? 0 : Number(percent.value);
    if (t.when === "event") t.name = eventName.value.trim();
    return t;
  }

  // ---------------------------------------------------------------- rules (Where, Audience)

  function attributeKey(attribute) {
    return attribute.indexOf("var.") === 0 ? "var." : attribute;
  }

  /** Shows the operators and the value field that fit the row's attribute. */
  function fitRow(li, keep) {
    var attribute = li.querySelector(".rule-attribute").value;
    var m = meta[attribute] || { kind: "text", ops: [], choices: [] };
    var op = li.querySelector(".rule-op");
    var allowed = m.ops || [];
    Array.prototype.forEach.call(op.options, function (o) {
      o.hidden = o.disabled = allowed.indexOf(o.value) < 0;
    });
    if (allowed.indexOf(op.value) < 0) op.value = allowed[0] || "";
    var varName = li.querySelector(".rule-var");
    if (varName) varName.hidden = attribute !== "var.";
    var input = li.querySelector(".rule-value");
    var choice = li.querySelector(".rule-choice");
    var choices = m.kind === "boolean" ? ["true", "false"] : m.kind === "choice" ? m.choices : null;
    input.hidden = !!choices;
    choice.hidden = !choices;
    input.type = m.kind === "number" ? "number" : "text";
    if (choices) {
      var before = keep ? choice.value : "";
      while (choice.firstChild) choice.removeChild(choice.firstChild);
      choices.forEach(function (c) {
        var o = doc.createElement("option");
        o.value = c;
        o.textContent = typeof S[c] === "string" ? S[c] : c;
        choice.appendChild(o);
      });
      if (choices.indexOf(before) >= 0) choice.value = before;
    }
  }

  function addRule(group, rule) {
    var list = $(group + "-rules");
    var template = $(group + "-rule");
    if (!list || !template) return null;
    var li = template.content.firstElementChild.cloneNode(true);
    var attribute = li.querySelector(".rule-attribute");
    if (rule) {
      var key = attributeKey(rule.attribute);
      attribute.value = key;
      if (key === "var." && li.querySelector(".rule-var")) {
        li.querySelector(".rule-var").value = rule.attribute.slice(4);
      }
    }
    fitRow(li, false);
    if (rule) {
      li.querySelector(".rule-op").value = rule.op;
      var value = rule.value;
      if (typeof value === "boolean" || (meta[key] && meta[key].kind === "choice")) {
        li.querySelector(".rule-choice").value = String(value);
      } else {
        li.querySelector(".rule-value").value = value === null || value === undefined ? "" : String(value);
      }
    }
    attribute.addEventListener("change", function () { fitRow(li, false); });
    li.querySelector(".rule-remove").addEventListener("click", function () {
      list.removeChild(li);
      showEmpty(group);
      changed();
    });
    list.appendChild(li);
    showEmpty(group);
    return li;
  }

  function showEmpty(group) {
    var empty = $(group + "-empty");
    if (empty) empty.hidden = $(group + "-rules").children.length > 0;
  }

  function readGroup(group) {
    var rules = [];
    Array.prototype.forEach.call($(group + "-rules").children, function (li) {
      var attribute = li.querySelector(".rule-attribute").value;
      if (attribute === "var.") attribute += li.querySelector(".rule-var").value.trim();
      var m = meta[attributeKey(attribute)] || { kind: "text" };
      var value;
      if (m.kind === "boolean") value = li.querySelector(".rule-choice").value === "true";
      else if (m.kind === "choice") value = li.querySelector(".rule-choice").value;
      else {
        var raw = li.querySelector(".rule-value").value;
        if (raw.trim() === "") return;  // an empty row says nothing
        value = m.kind === "number" ? Number(raw) : raw;
      }
      rules.push({ attribute: attribute, op: li.querySelector(".rule-op").value, value: value });
    });
    return { combine: $(group + "-combine").value, rules: rules };
  }

  // ---------------------------------------------------------------- Scheduling

  function numberOrNull(input) {
    return input.value === "" ? null : Number(input.value);
  }

  function readScheduling() {
    var days = [];
    Array.prototype.forEach.call($("schedule-days").querySelectorAll("input:checked"), function (c) {
      days.push(c.value);
    });
    return {
      office_hours: $("schedule-office-hours").checked,
      days: days,
      hour_from: numberOrNull($("schedule-hour-from")),
      hour_to: numberOrNull($("schedule-hour-to")),
      date_from: $("schedule-date-from").value || null,
      date_to: $("schedule-date-to").value || null
    };
  }

  // ---------------------------------------------------------------- the whole panel

  function read() {
    var shown = form.querySelector("input[name=show]:checked");
    var out = {
      trigger: readTrigger(),
      show: shown ? shown.value : "once_per_session",
      disable_text_field: $("disable-text-field").checked,
      custom: custom,
      where: { combine: "all", rules: [] },
      audience: { combine: "all", rules: [] },
      scheduling: { office_hours: false, days: [] }
    };
    if (!custom) {
      out.where = readGroup("where");
      out.audience = readGroup("audience");
      out.scheduling = readScheduling();
    }
    return out;
  }

  function fill() {
    var t = data.trigger || { when: "page", seconds: 5 };
    kind.value = t.when;
    seconds.value = typeof t.seconds === "number" ? t.seconds : 5;
    percent.value = typeof t.percent === "number" ? t.percent : 50;
    eventName.value = typeof t.name === "string" ? t.name : "";
    showTriggerFields();
    var show = $("show-" + (data.show || "once_per_session"));
    if (show) show.checked = true;
    $("disable-text-field").checked = data.disable_text_field === true;
    if (custom) return;
    ["where", "audience"].forEach(function (group) {
      var g = data[group] || { combine: "all", rules: [] };
      $(group + "-combine").value = g.combine === "any" ? "any" : "all";
      (g.rules || []).forEach(function (rule) { addRule(group, rule); });
      showEmpty(group);
    });
    var s = data.scheduling || {};
    $("schedule-office-hours").checked = s.office_hours === true;
    Array.prototype.forEach.call($("schedule-days").querySelectorAll("input"), function (c) {
      c.checked = (s.days || []).indexOf(c.value) >= 0;
    });
    $("schedule-hour-from").value = s.hour_from === null || s.hour_from === undefined ? "" : s.hour_from;
    $("schedule-hour-to").value = s.hour_to === null || s.hour_to === undefined ? "" : s.hour_to;
    $("schedule-date-from").value = s.date_from || "";
    $("schedule-date-to").value = s.date_to || "";
  }

  // ---------------------------------------------------------------- start

  var saved = null;
  var submitting = false;
  var unsaved = $("settings-unsaved");

  function changed() {
    if (unsaved && saved !== null) unsaved.hidden = JSON.stringify(read()) === saved;
  }

  fill();
  saved = JSON.stringify(read());
  kind.addEventListener("change", showTriggerFields);
  ["where", "audience"].forEach(function (group) {
    var add = $(group + "-add");
    if (add) {
      add.addEventListener("click", function () {
        var li = addRule(group, null);
        if (li) li.querySelector(".rule-attribute").focus();
        changed();
      });
    }
  });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    $("settings-json").value = JSON.stringify(read());
    submitting = true;
  });
  window.addEventListener("beforeunload", function (e) {
    if (submitting || saved === null || JSON.stringify(read()) === saved) return;
    e.preventDefault();
    e.returnValue = "";
    return "";
  });
  window.addEventListener("pageshow", function (e) { if (e.persisted) submitting = false; });
  // Settings sent back refused are not saved yet.
  if ($("settings-errors")) saved = "";
  changed();
})();
