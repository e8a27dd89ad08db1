// Initialise Det Fælles Designsystem's components; kept in a file because the CSP forbids inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
document.body.addEventListener("htmx:afterSwap", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
