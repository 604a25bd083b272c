// Arrow keys move the focus between the day cells of the week table (roving tabindex);
// in right-to-left pages left and right are swapped, as the reader sees them.
(function () {
  "use strict";
  function init(table) {
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return Array.prototype.slice.call(row.querySelectorAll("[data-week-cell]"));
    });
    if (!rows.length || !rows[0].length) { return; }
    var current = table.querySelector("td.ww-today[data-week-cell]") || rows[0][0];
    current.tabIndex = 0;
    table.addEventListener("keydown", function (event) {
      var cell = event.target.closest("[data-week-cell]");
      if (!cell || event.target !== cell) { return; }
      var r = rows.findIndex(function (row) { return row.indexOf(cell) >= 0; });
      var c = rows[r].indexOf(cell);
      var rtl = document.documentElement.dir === "rtl";
      var step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
      if (event.key in step) { c = Math.max(0, Math.min(rows[r].length - 1, c + step[event.key])); }
      else if (event.key === "ArrowDown") { r = Math.min(rows.length - 1, r + 1); }
      else if (event.key === "ArrowUp") { r = Math.max(0, r - 1); }
      else if (event.key === "Home") { c = 0; }
      else if (event.key === "End") { c = rows[r].length - 1; }
      else { return; }
      event.preventDefault();
      cell.tabIndex = -1;
      var next = rows[r][c];
      next.tabIndex = 0;
      next.focus();
    });
  }
  document.querySelectorAll("[data-week-grid]").forEach(init);
})();
