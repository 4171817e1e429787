// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // On an article page, clicking a speaker in the legend dims every other speaker's quotes.
  document.addEventListener("DOMContentLoaded", function () {
    var legend = document.querySelector(".legend");
    var text = document.querySelector(".article-text");
    if (legend && text) {
      legend.querySelectorAll(".swatch").forEach(function (swatch) {
        swatch.setAttribute("role", "button");
        swatch.setAttribute("tabindex", "0");
        swatch.setAttribute("title", "show only this speaker's quotes");
        var colour = Array.prototype.find.call(swatch.classList, function (c) { return /^sp/.test(c); });
        function toggle() {
          var on = text.getAttribute("data-focus") === colour;
          text.classList.toggle("focused", !on);
          text.setAttribute("data-focus", on ? "" : colour);
          text.querySelectorAll("mark.quote").forEach(function (mark) {
            mark.classList.toggle("dim", !on && !mark.classList.contains(colour));
          });
        }
        swatch.addEventListener("click", toggle);
        swatch.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
      });
    }
    // Filter forms: do not send empty fields, so shared links stay short.
    document.querySelectorAll("form.filters").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (field) {
          if (!field.value) { field.disabled = true; }
        });
      });
    });
  });
})();
