// Small behaviours of every page, written here rather than in inline handlers so that the
// Content-Security-Policy can refuse every inline script (vstb/lib/middleware.py).
//   <select data-submit-on-change>        sends its form when the choice changes
//   <form data-confirm="Question?">       asks before sending
//   <button data-remove-after-request>    removes itself once its htmx request has answered
//   <input data-select-on-focus>          selects its whole text when focused (to copy it)
//   <a data-download-now>                 followed as soon as htmx brings it in (a file that
//                                         was being prepared is ready: its download starts)
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
      field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  document.addEventListener("focusin", function (event) {
    const field = event.target;
    if (field.matches && field.matches("[data-select-on-focus]")) {
      field.select();
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    const element = event.detail && event.detail.elt;
    if (element && element.matches && element.matches("[data-remove-after-request]")) {
      element.remove();
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail && event.detail.target;
    const link = target && target.querySelector && target.querySelector("a[data-download-now]");
    if (link) {
      window.location.assign(link.href);
    }
  });
})();
