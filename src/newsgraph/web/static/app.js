// newsgraph pages work without this file; it only adds small conveniences.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A statement in the side panel focuses its quotation in the text, which shows who said it.
  document.querySelectorAll("a.statement-text").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      }
    });
  });
  // Choosing from a filter's list applies it at once.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Escape hides a quotation's speaker box by leaving the quotation.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.classList.contains("quote")) {
      document.activeElement.blur();
    }
  });
});
