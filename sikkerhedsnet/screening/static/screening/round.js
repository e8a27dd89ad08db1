// The round page: with htmx present every change saves itself, so the rows' save buttons
// (for browsers without JavaScript) are hidden; a save that fails says so in its row.
document.addEventListener("DOMContentLoaded", function () {
  if (window.htmx) {
    document.documentElement.classList.add("round-js");
  }
});

function roundSaveFailed(event) {
  // Any refused save (a lost connection, a child who just left the unit): the row says so.
  var target = event.detail && event.detail.target;
  var table = document.getElementById("round-table");
  if (target && table && target.classList.contains("round-status")) {
    target.textContent = table.getAttribute("data-save-failed");
  }
}

document.addEventListener("htmx:responseError", roundSaveFailed);
document.addEventListener("htmx:sendError", roundSaveFailed);

// After the idle timeout a save is answered with the login page (the redirect is followed
// inside the request); show a message in the row instead of a login form in a table cell.
document.addEventListener("htmx:beforeSwap", function (event) {
  var xhr = event.detail.xhr;
  var table = document.getElementById("round-table");
  if (table && xhr && xhr.responseURL && xhr.responseURL.indexOf("/login/") !== -1) {
    event.detail.shouldSwap = false;
    event.detail.target.textContent = table.getAttribute("data-logged-out");
  }
});
