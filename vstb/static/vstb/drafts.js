// Drafts kept in the browser (issue 11, item 12): what is typed into a form marked
// <form data-draft="KEY" data-draft-offer="…" data-draft-restore="…" data-draft-discard="…">
// is kept in this browser's localStorage while typing, and offered back when the page is
// opened again after a lost connection or a closed tab. A draft equal to what the page shows
// (it was saved) is forgotten. Nothing leaves the browser; texts come from the page (i18n).
(function () {
  "use strict";
  const PREFIX = "vstb-draft:";

  function fields(form) {
    return Array.from(form.elements).filter(function (element) {
      return element.name && element.name !== "csrfmiddlewaretoken" && element.name !== "version" &&
        ["hidden", "submit", "button", "file", "password", "reset"].indexOf(element.type) < 0;
    });
  }

  function valuesOf(form) {
    const values = {};
    fields(form).forEach(function (element) {
      if (element.type === "checkbox" || element.type === "radio") {
        values[element.name] = values[element.name] || [];
        if (element.checked) values[element.name].push(element.value);
      } else if (element.multiple) {
        values[element.name] = Array.from(element.selectedOptions).map(function (o) { return o.value; });
      } else {
        values[element.name] = element.value;
      }
    });
    return values;
  }

  function restore(form, values) {
    fields(form).forEach(function (element) {
      const value = values[element.name];
      if (value === undefined) return;
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = value.indexOf(element.value) >= 0;
      } else if (element.multiple) {
        Array.from(element.options).forEach(function (o) { o.selected = value.indexOf(o.value) >= 0; });
      } else {
        element.value = value;
      }
    });
  }

  function same(a, b) {
    return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
  }

  function offer(form, key, draft) {
    const box = document.createElement("div");
    box.className = "card warn-box draft-offer";
    box.setAttribute("role", "status");
    const text = document.createElement("p");
    const when = new Date(draft.at);
    const pad = function (n) { return String(n).padStart(2, "0"); };
    text.textContent = form.dataset.draftOffer + " (" + pad(when.getHours()) + ":" + pad(when.getMinutes()) +
      " " + pad(when.getDate()) + "/" + pad(when.getMonth() + 1) + "/" + when.getFullYear() + ")";
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "draft-restore";
    yes.textContent = form.dataset.draftRestore;
    const no = document.createElement("button");
    no.type = "button";
    no.className = "secondary draft-discard";
    no.textContent = form.dataset.draftDiscard;
    yes.addEventListener("click", function () { restore(form, draft.values); box.remove(); });
    no.addEventListener("click", function () { localStorage.removeItem(key); box.remove(); });
    box.append(text, yes, " ", no);
    form.parentNode.insertBefore(box, form);
  }

  function keep(form, key) {
    let timer = null;
    const save = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        try {
          localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: valuesOf(form) }));
        } catch (error) { /* storage full or disabled: the form still works */ }
      }, 400);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  }

  function start() {
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      const key = PREFIX + form.dataset.draft;
      let draft = null;
      try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch (error) { draft = null; }
      if (draft && draft.values) {
        if (same(draft.values, valuesOf(form))) localStorage.removeItem(key);
        else offer(form, key, draft);
      }
      keep(form, key);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
