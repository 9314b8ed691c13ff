// Region analysis page: network picture (static/coding/network_view.js), sortable actor tables, and status polling
// that swaps in the results fragment when a newer result is stored (no page reload).
(function () {
  "use strict";
  const root = document.getElementById("analysis-root");
  if (!root) return;

  // The picture's choices survive the fragment swap that brings a newer result.
  const chosen = {};

  function drawNetwork() {
    const holder = document.getElementById("analysis-network");
    const dataNode = document.getElementById("analysis-network-data");
    if (!holder || !dataNode || !window.NetworkView) return;
    const data = JSON.parse(dataNode.textContent);
    const colour = document.getElementById("analysis-network-colour");
    const size = document.getElementById("analysis-network-size");
    if (chosen.colour !== undefined) colour.value = chosen.colour;
    if (chosen.size !== undefined) size.value = chosen.size;
    colour.addEventListener("change", () => (chosen.colour = colour.value));
    size.addEventListener("change", () => (chosen.size = size.value));
    const graph = {
      nodes: data.actors.map((a) => ({
        id: a.id,
        label: a.name,
        type: a.type,
        community: a.community,
        groups: a.groups || {},
        external: a.location === "external",
        x: a.x,
        y: a.y,
        figures: a.figures || {},
      })),
      edges: data.ties.map((t) => ({ source: t.source, target: t.target, strength: t.strength, modes: t.modes || [] })),
      colours: data.colours || {},
    };
    window.NetworkView.draw(holder, graph, { colourBy: colour.value, sizeBy: size.value || null });
    window.NetworkView.showLegendGroup(holder.id, colour.value);
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
        // A follow-up (the structure rule's null model) stores the same version anew.
        const recomputed = (status.computed_at || "") !== (results.dataset.computedAt || "");
        if (status.status !== results.dataset.status || status.input_version !== shownVersion || stabilityChanged || recomputed) {
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
