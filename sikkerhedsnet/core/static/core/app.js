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

// A wide table scrolls sideways inside DKFDS's .table--responsive-scroll on a narrow screen.
// Only then is the box a stop for the keyboard (so it can be scrolled without a mouse, WCAG
// 2.1.1) and a named region for a screen reader: named by the table's caption, else by the
// heading above it. A table that fits adds no stop.
function scrollableTablesMark(root) {
  var boxes = (root || document).querySelectorAll(".table--responsive-scroll");
  boxes.forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", scrollableTableName(box));
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}
function scrollableTableName(box) {
  var caption = box.querySelector("caption");
  if (caption && caption.textContent.trim()) {
    return caption.textContent.trim();
  }
  for (var node = box; node && node.tagName !== "MAIN"; node = node.parentElement) {
    for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
      if (/^H[1-6]$/.test(before.tagName)) {
        return before.textContent.trim();
      }
    }
  }
  return document.documentElement.lang === "en" ? "Table" : "Tabel";
}
document.addEventListener("DOMContentLoaded", function () {
  scrollableTablesMark(document);
});
window.addEventListener("resize", function () {
  scrollableTablesMark(document);
});
document.body.addEventListener("htmx:afterSettle", function () {
  scrollableTablesMark(document);
});
