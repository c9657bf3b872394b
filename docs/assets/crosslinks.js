/* Sortable catalogue tables, self-hosted (no request to any other host).
   A table inside <div class="sd-sortable"> gets a button in each column heading; pressing it
   sorts the rows by that column (again: reverse). Dates (YYYY-MM-DD) sort as text. */
(function () {
  function text(row, i) { return (row.cells[i] && row.cells[i].textContent || "").trim(); }
  function setup(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || table.dataset.sdSortable) return;
    table.dataset.sdSortable = "1";
    Array.prototype.forEach.call(head.cells, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sd-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (c) { c.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var r = text(a, i).localeCompare(text(b, i), "zh-Hans-CN", { numeric: true });
          return ascending ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function run() { document.querySelectorAll(".sd-sortable table").forEach(setup); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
