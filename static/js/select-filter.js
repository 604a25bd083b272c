/* A search box in front of a long grouped select (select[data-filter-label]): typing hides
   the options (and empty groups) that do not contain the text; one match is chosen. */
(function () {
  "use strict";

  function filter(select, text) {
    var needle = text.trim().toLocaleLowerCase();
    var shown = [];
    select.querySelectorAll("option").forEach(function (option) {
      if (!option.value) return;
      var match = !needle || option.textContent.toLocaleLowerCase().indexOf(needle) !== -1;
      option.hidden = !match;
      if (match) shown.push(option);
    });
    select.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    if (needle && shown.length === 1) select.value = shown[0].value;
  }

  function enhance(root) {
    root.querySelectorAll("select[data-filter-label]:not([data-filter-ready])").forEach(function (select) {
      select.setAttribute("data-filter-ready", "");
      var input = document.createElement("input");
      input.type = "search";
      input.className = "kern-form-input__input ww-select-filter";
      input.autocomplete = "off";
      input.setAttribute("aria-label", select.getAttribute("data-filter-label"));
      input.setAttribute("placeholder", select.getAttribute("data-filter-label"));
      input.setAttribute("aria-controls", select.id);
      var anchor = select.closest(".kern-form-input__select-wrapper") || select;
      anchor.parentNode.insertBefore(input, anchor);
      input.addEventListener("input", function () { filter(select, input.value); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
})();
