// The round page: with htmx present every change saves itself, so the rows' save buttons
// (for browsers without JavaScript) are hidden; a save that fails says so in its row.
document.addEventListener("DOMContentLoaded", function () {
  if (window.htmx) {
    document.documentElement.classList.add("round-js");
  }
});

function roundSaveFailed(event) {
  var target = event.detail && event.detail.target;
  var table = document.getElementById("round-table");
  if (target && table && target.classList.contains("round-status")) {
    target.textContent = table.getAttribute("data-save-failed");
  }
}

document.addEventListener("htmx:responseError", roundSaveFailed);
document.addEventListener("htmx:sendError", roundSaveFailed);
