// Region analysis page: network picture (Cytoscape.js), sortable actor tables, and status polling
// that swaps in the results fragment when a newer result is stored (no page reload).
(function () {
  "use strict";
  const root = document.getElementById("analysis-root");
  if (!root) return;

  const MODE_COLOURS = { cooperation: "#2e7d32", competition: "#ef6c00", rivalry: "#6a1b9a", conflict: "#c62828" };
  const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b"];

  function drawNetwork() {
    const holder = document.getElementById("analysis-network");
    const dataNode = document.getElementById("analysis-network-data");
    if (!holder || !dataNode || typeof cytoscape === "undefined") return;
    const data = JSON.parse(dataNode.textContent);
    const types = [...new Set(data.actors.map((a) => a.type))].sort();
    const maxStrength = Math.max(1, ...data.ties.map((t) => t.strength || 0));
    const elements = [
      ...data.actors.map((a) => ({
        data: { id: "a" + a.id, label: a.name, colour: PALETTE[types.indexOf(a.type) % PALETTE.length], external: a.location === "external" ? 1 : 0 },
      })),
      ...data.ties.map((t, i) => ({
        data: {
          id: "t" + i,
          source: "a" + t.source,
          target: "a" + t.target,
          colour: t.modes.length === 1 ? MODE_COLOURS[t.modes[0]] || "#999" : "#777",
          width: 1 + 5 * ((t.strength || 0) / maxStrength),
          dashed: t.modes.includes("conflict") || t.modes.includes("rivalry") ? "dashed" : "solid",
        },
      })),
    ];
    cytoscape({
      container: holder,
      elements: elements,
      layout: { name: "cose", animate: false, randomize: false },
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 10, "border-width": "data(external)", "border-color": "#000" } },
        { selector: "edge", style: { "line-color": "data(colour)", width: "data(width)", "line-style": "data(dashed)", "curve-style": "bezier" } },
      ],
    });
    holder.dataset.drawn = String(data.actors.length);
  }

  // Sorting by a button inside each heading, so the heading keeps its title (what the figure means)
  // and the sort is reachable by keyboard; aria-sort says the current order.
  function makeSortable() {
    document.querySelectorAll("table.actor-table").forEach((table) => {
      const headings = Array.from(table.tHead.rows[0].cells);
      headings.forEach((th, column) => {
        const button = th.querySelector(".sort-button");
        if (!button) return;
        button.addEventListener("click", () => {
          const descending = th.getAttribute("aria-sort") !== "descending";
          headings.forEach((other) => other.removeAttribute("aria-sort"));
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          sortRows(table.tBodies[0], column, descending);
        });
      });
    });
  }

  function sortRows(body, column, descending) {
    const key = (row) => {
      const cell = row.cells[column];
      const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
      const number = parseFloat(raw);
      return raw !== "" && !isNaN(number) && isFinite(raw) ? number : raw === "" ? null : raw.toLowerCase();
    };
    const keyed = Array.from(body.rows, (row) => [key(row), row]);
    keyed.sort(([x], [y]) => {
      if (x === y) return 0;
      if (x === null) return 1; // blanks last in both directions
      if (y === null) return -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    });
    body.append(...keyed.map(([, row]) => row));
  }

  function init() {
    drawNetwork();
    makeSortable();
  }

  async function poll() {
    const results = document.getElementById("analysis-results");
    let delay = 5000;
    try {
      const response = await fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const status = await response.json();
        const shownVersion = parseInt(results.dataset.inputVersion || "0", 10);
        const label = results.querySelector("[data-role=status-label]");
        if (label) label.textContent = status.status_label;
        const stabilityChanged = (status.stability || "") !== (results.dataset.stability || "");
        if (status.status !== results.dataset.status || status.input_version !== shownVersion || stabilityChanged) {
          const fragment = await fetch(root.dataset.fragmentUrl, { credentials: "same-origin" });
          if (fragment.ok) {
            root.innerHTML = await fragment.text();
            init();
          }
        }
        if (status.status !== "ok" && status.status !== "failed") delay = 1500;
      }
    } catch (error) {
      delay = 10000; // server unreachable: keep the page, try later
    }
    window.setTimeout(poll, delay);
  }

  init();
  window.setTimeout(poll, 1500);
})();
