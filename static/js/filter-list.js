// Filterable checkbox lists (core/widgets/filter_checkboxes.html): typing in the filter box
// hides the options whose label does not contain the text (ignoring case and accents), and the
// line under the box names what is chosen. Loaded as a file: the CSP allows no inline script.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function setUp(list) {
    if (list.dataset.ready) return;
    list.dataset.ready = "1";
    var filter = list.querySelector("[data-filter-input]");
    var chosen = list.querySelector("[data-filter-chosen]");
    var empty = list.querySelector("[data-filter-empty]");
    var options = Array.prototype.slice.call(list.querySelectorAll("[data-filter-option]"));
    function showChosen() {
      var names = options
        .filter(function (o) { return o.querySelector("input").checked; })
        .map(function (o) { return o.querySelector("label").textContent.trim(); });
      chosen.textContent = names.length
        ? chosen.dataset.prefix + " " + names.join(document.documentElement.lang === "ar" ? "، " : ", ")
        : chosen.dataset.none;
    }
    filter.addEventListener("input", function () {
      var query = fold(filter.value);
      var shown = 0;
      options.forEach(function (option) {
        var match = !query || fold(option.textContent).indexOf(query) !== -1;
        option.hidden = !match;
        if (match) shown += 1;
      });
      empty.hidden = shown !== 0;
    });
    filter.addEventListener("keydown", function (event) {
      // Enter in the filter would send the form; it ticks the only match instead.
      if (event.key !== "Enter") return;
      event.preventDefault();
      var visible = options.filter(function (o) { return !o.hidden; });
      if (visible.length === 1) {
        var box = visible[0].querySelector("input");
        box.checked = !box.checked;
        showChosen();
      }
    });
    list.addEventListener("change", showChosen);
    showChosen();
  }
  function setUpAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-filter-list]"), setUp);
  }
  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { setUpAll(event.target); });
})();
