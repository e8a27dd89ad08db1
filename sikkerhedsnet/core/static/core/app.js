// Initialise Det Fælles Designsystem's components; kept in a file because the CSP forbids inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
// DKFDS.init adds listeners to the whole document each time it runs, even with a scope, so
// running it after every HTMX swap made each keystroke slower on a page with many saves.
// Swapped content that holds components needing JavaScript asks for it with data-fds-init.
document.body.addEventListener("htmx:afterSwap", function (event) {
  var elt = event.detail && event.detail.elt;
  if (!window.DKFDS || !elt || !elt.querySelector) {
    return;
  }
  if (elt.querySelector("[data-fds-init]")) {
    window.DKFDS.init({ scope: elt });
    return;
  }
  // A form sent with HTMX that came back with errors: its error summary takes focus and its
  // links move focus to the fields, as on a page load (core/components/form_errors.html).
  var summary = elt.querySelector('[data-module="error-summary"]');
  if (summary) {
    new window.DKFDS.ErrorSummary(summary).init();
  }
});
