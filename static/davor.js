// Keyboard-first helpers. No inline scripts: the CSP forbids them.

// True while the keyboard is typing into something, so single-key shortcuts stay out of the way.
function davorTyping(event) {
  var tag = (event.target.tagName || "").toLowerCase();
  if (document.querySelector("dialog[open]")) return true; // a dialog is in front: its keys only
  return tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable;
}

(function () {
  "use strict";

  // Ctrl+Enter (or Cmd+Enter) submits the form marked data-ctrl-enter.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = (event.target.closest && event.target.closest("form[data-ctrl-enter]")) ||
        document.querySelector("form[data-ctrl-enter]");
      if (form) {
        event.preventDefault();
        // Saving right after Alt+Enter: save what the take-over brings, once it is there.
        if (document.querySelector("#wrapup.htmx-request, #wrapup [data-accept-all].htmx-request, form.htmx-request[data-accept-url]")) {
          saveAfterSwap = true;
        } else {
          form.requestSubmit();
        }
      }
    }
  });

  var saveAfterSwap = false;
  document.addEventListener("htmx:afterSettle", function () {
    if (!saveAfterSwap || document.querySelector(".htmx-request")) return;
    saveAfterSwap = false;
    var form = document.querySelector("form[data-ctrl-enter]");
    if (form) form.requestSubmit();
  });

  // "Add another" for formsets: clone the <template> of the group, renumber
  // __prefix__, bump TOTAL_FORMS, focus the first field of the new row.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-form]");
    if (!button) return;
    event.preventDefault();
    var prefix = button.getAttribute("data-add-form");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-template");
    var target = document.getElementById(prefix + "-forms");
    if (!total || !template || !target) return;
    var index = parseInt(total.value, 10);
    // A row inside a row (a participant of an appointment) numbers itself with its own placeholder.
    var placeholder = new RegExp(button.getAttribute("data-placeholder") || "__prefix__", "g");
    var html = template.innerHTML.replace(placeholder, String(index));
    target.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = target.lastElementChild;
    if (added) {
      if (window.htmx) window.htmx.process(added);
      var first = added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    }
  });

  // On lists marked data-keyboard-list, "x" marks the focused row done.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "x" || event.ctrlKey || event.metaKey || event.altKey || davorTyping(event)) return;
    var row = event.target.closest && event.target.closest("[data-done-form]");
    if (!row) return;
    var form = row.querySelector("form.done");
    if (form) {
      event.preventDefault();
      if (window.htmx) window.htmx.trigger(form, "submit"); else form.requestSubmit();
    }
  });
})();

// Today's list: after a row was marked done (by "x" or its button) the list is
// swapped in anew; the keyboard stays in it, on the row that took the done
// row's place (or the row above, at the end). After an undo, the reopened row.
(function () {
  "use strict";
  var pending = false; // a request of the list is under way (the screen pop's polls are not)
  var doneIndex = -1;

  function rows(list) {
    return Array.prototype.slice.call(list.querySelectorAll("[data-done-form]"));
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail && event.detail.elt;
    var list = document.getElementById("tasks");
    if (!list || !form || !list.contains(form)) return;
    pending = true;
    doneIndex = rows(list).indexOf(form.closest("[data-done-form]"));
  });

  document.addEventListener("htmx:afterSettle", function () {
    var list = document.getElementById("tasks");
    if (!pending || !list) return;
    pending = false;
    var target = list.querySelector("[data-focus]");
    if (target) {
      target.removeAttribute("data-focus");
    } else if (doneIndex >= 0) {
      var left = rows(list);
      target = left[Math.min(doneIndex, left.length - 1)];
    }
    target = target || list.querySelector("[data-undo]");
    if (target) target.focus();
  });

  // "u" (or Ctrl+Z outside a text field) undoes the last "done".
  document.addEventListener("keydown", function (event) {
    if (davorTyping(event)) return;
    var plainU = event.key === "u" && !event.ctrlKey && !event.metaKey && !event.altKey;
    var ctrlZ = (event.key === "z" || event.key === "Z") && (event.ctrlKey || event.metaKey) && !event.shiftKey;
    if (!plainU && !ctrlZ) return;
    var undo = document.querySelector("#tasks [data-undo]");
    if (undo) {
      event.preventDefault();
      undo.click();
    }
  });
})();

// Alt+Enter takes the suggestions read from the note into the form.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !event.altKey) return;
  var accept = document.querySelector("[data-accept-all]");
  var form = document.querySelector("form[data-accept-url]");
  if (accept) {
    event.preventDefault();
    accept.click();
  } else if (form && window.htmx) {
    // Typed faster than the suggestions came: take the note over all the same.
    event.preventDefault();
    window.htmx.ajax("POST", form.getAttribute("data-accept-url"), {
      source: form, target: "#wrapup", select: "#wrapup", swap: "outerHTML"
    });
  }
});

// The top bar's search box shows its hits as you type (htmx swaps #search-menu in):
// ↓/↑ choose a hit while the typing goes on, Enter opens it (or, with none
// chosen, the search page), Esc closes the menu.
(function () {
  "use strict";
  var active = -1;

  function box() { return document.querySelector("[data-search-box]"); }
  function menu() { return document.getElementById("search-menu"); }
  function options() {
    var list = menu();
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option]")) : [];
  }

  function choose(index) {
    var all = options();
    var input = box();
    active = all.length ? (index + all.length) % all.length : -1;
    all.forEach(function (option, at) {
      option.classList.toggle("active", at === active);
      option.setAttribute("aria-selected", at === active ? "true" : "false");
    });
    if (!input) return;
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    var list = menu();
    var input = box();
    if (list) list.innerHTML = "";
    if (input) {
      input.setAttribute("aria-expanded", "false");
      if (window.htmx) window.htmx.trigger(input, "htmx:abort");
    }
    choose(-1);
  }

  document.addEventListener("htmx:afterSwap", function () {
    var input = box();
    if (!input || !menu()) return;
    active = -1;
    input.setAttribute("aria-expanded", menu().children.length ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
  });

  document.addEventListener("keydown", function (event) {
    if (!event.target.matches || !event.target.matches("[data-search-box]")) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options().length) return;
      event.preventDefault();
      choose(event.key === "ArrowDown" ? active + 1 : (active < 0 ? -1 : active - 1));
    } else if (event.key === "Enter" && active >= 0 && options()[active]) {
      event.preventDefault();
      window.location.assign(options()[active].href);
    } else if (event.key === "Escape" && menu() && menu().children.length) {
      event.preventDefault();
      close();
    }
  });

  document.addEventListener("click", function (event) {
    var form = box() && box().form;
    if (form && !form.contains(event.target)) close();
  });
})();

// "/" focuses the search box in the top bar (unless the seller is typing somewhere).
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  if (davorTyping(event)) return;
  var box = document.querySelector("[data-search-box]");
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

// "?" from any page (or the top bar's "?"): the overview of the keyboard shortcuts.
(function () {
  "use strict";
  function open() {
    var dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) dialog.showModal();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || davorTyping(event)) return;
    event.preventDefault();
    open();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-shortcuts-open]")) open();
  });
})();

// "n" from any page: a new call (the top bar's link).
document.addEventListener("keydown", function (event) {
  if (event.key !== "n" || event.ctrlKey || event.metaKey || event.altKey || davorTyping(event)) return;
  var link = document.querySelector("[data-new-call]");
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});

// The wrap-up's gaps: each item of the completeness panel links to its field;
// Alt+ArrowDown jumps to the next gap after the focus that is still empty.
(function () {
  "use strict";

  function isEmpty(field) {
    if (field.type === "checkbox" || field.type === "radio") return !field.checked;
    return !String(field.value || "").trim();
  }

  function gapFields() {
    var links = document.querySelectorAll("#completeness [data-gap-field]");
    var fields = [];
    links.forEach(function (link) {
      var field = document.getElementById(link.getAttribute("data-gap-field"));
      if (field && fields.indexOf(field) < 0) fields.push(field);
    });
    fields.sort(function (a, b) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return fields;
  }

  function land(field) {
    field.focus();
    if (field.select && field.type !== "select-one") field.select();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" || !event.altKey) return;
    var fields = gapFields().filter(isEmpty);
    if (!fields.length) return;
    event.preventDefault();
    var here = document.activeElement;
    var next = fields.find(function (field) {
      return field !== here && here && here.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    land(next || fields[0]);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-gap-field]");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("data-gap-field"));
    if (field) {
      event.preventDefault();
      land(field);
    }
  });

  // After the note was taken over: the first field the panel still asks for (once;
  // later swaps of the panel leave the focus where the seller is).
  function focusOnce() {
    var marked = document.querySelector("#wrapup[data-focus]");
    if (!marked) return;
    var field = document.getElementById(marked.getAttribute("data-focus"));
    marked.removeAttribute("data-focus");
    if (field) land(field);
  }
  document.addEventListener("DOMContentLoaded", focusOnce);
  document.addEventListener("htmx:afterSettle", focusOnce);
})();

// The new call's customer picker: type, ArrowDown/ArrowUp to choose, Enter to start.
(function () {
  "use strict";

  function options() {
    return Array.prototype.slice.call(document.querySelectorAll("#choices [role=option]"));
  }

  function choose(list, option) {
    list.forEach(function (item) { item.setAttribute("aria-selected", item === option ? "true" : "false"); });
    var box = document.querySelector("[data-picker]");
    if (box && option) box.setAttribute("aria-activedescendant", option.id);
    if (option && option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (event) {
    if (!event.target.matches || !event.target.matches("[data-picker]")) return;
    var list = options();
    var current = list.findIndex(function (item) { return item.getAttribute("aria-selected") === "true"; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!list.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      choose(list, list[(Math.max(current, 0) + step + list.length) % list.length]);
    } else if (event.key === "Enter") {
      event.preventDefault();
      var shown = document.getElementById("choices");
      var typed = event.target.value.trim().split(/\s+/).join(" ");
      if (!shown || shown.getAttribute("data-query") !== typed) {
        // The list is not yet the one for what was typed: ask now, start when it is there.
        waiting = true;
        if (window.htmx) window.htmx.trigger(event.target, "search");
        return;
      }
      start(list, current);
    }
  });

  var waiting = false;
  function start(list, current) {
    var option = list[Math.max(current, 0)];
    var link = option && option.querySelector("a");
    if (link) window.location.assign(link.href);
  }
  document.addEventListener("htmx:afterSettle", function () {
    var shown = document.getElementById("choices");
    if (!waiting || !shown) return;
    var box = document.querySelector("[data-picker]");
    var typed = box ? box.value.trim().split(/\s+/).join(" ") : "";
    if (shown.getAttribute("data-query") !== typed) return;
    waiting = false;
    start(options(), 0);
  });
})();

// Caller ID as a desktop notification, for users who switched it on in their settings:
// each phone call once (per browser tab session); a click opens its briefing.
(function () {
  "use strict";
  function supported() { return "Notification" in window; }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail || !event.detail.target || event.detail.target.id !== "screen-pop") return;
    if (!document.body.hasAttribute("data-notify-calls") || !supported()) return;
    if (Notification.permission !== "granted") return;
    var call = event.detail.target.querySelector("[data-call]");
    if (!call) return;
    var key = "davor-notified-" + call.getAttribute("data-call");
    if (window.sessionStorage.getItem(key)) return;
    window.sessionStorage.setItem(key, "1");
    var shown = new Notification(call.getAttribute("data-title"), {
      body: call.getAttribute("data-body") || "", tag: key
    });
    var href = call.getAttribute("data-href");
    shown.onclick = function () {
      window.focus();
      if (href) window.location.assign(href);
      shown.close();
    };
  });

  // The settings page: ticking the box asks the browser's permission (once, in the click, as browsers require).
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-notification-settings]");
    if (!form || event.target.type !== "checkbox" || !event.target.checked || !supported()) return;
    if (Notification.permission === "default") Notification.requestPermission().then(showBlocked);
    else showBlocked();
  });
  function showBlocked() {
    var hint = document.querySelector("[data-notification-blocked]");
    if (hint) hint.hidden = !(supported() && Notification.permission === "denied");
  }
  document.addEventListener("DOMContentLoaded", showBlocked);
})();
