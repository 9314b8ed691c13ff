// Region analysis page: network picture (static/coding/network_view.js, data from the network endpoint) and status polling
// that swaps in the results fragment when a newer result is stored (no page reload).
(function () {
  "use strict";
  const root = document.getElementById("analysis-root");
  if (!root) return;

  // The picture's choices survive the fragment swap that brings a newer result.
  const chosen = {};

  // The network comes from its own compact JSON (coding/worker/network_json.py): actors and ties
  // as arrays named by actor_fields / tie_fields; a large one arrives with its strongest ties only.
  function toGraph(data) {
    const a = Object.fromEntries(data.actor_fields.map((name, i) => [name, i]));
    const t = Object.fromEntries(data.tie_fields.map((name, i) => [name, i]));
    const figureNames = data.actor_fields.slice(a.groups + 1);
    return {
      nodes: data.actors.map((row) => ({
        id: row[a.id],
        label: row[a.name],
        type: row[a.type],
        community: row[a.community],
        groups: row[a.groups] || {},
        external: row[a.location] === "external",
        x: row[a.x] === null ? undefined : row[a.x],
        y: row[a.y] === null ? undefined : row[a.y],
        figures: Object.fromEntries(figureNames.map((name) => [name, row[a[name]]])),
      })),
      edges: data.ties.map((row) => ({ source: row[t.source], target: row[t.target], strength: row[t.strength], modes: row[t.modes] || [] })),
      colours: data.colours || {},
    };
  }

  function tellShown(data) {
    const note = document.getElementById("analysis-network-note");
    const more = document.getElementById("analysis-network-more");
    if (!note) return;
    const partial = data.ties.length < data.total;
    note.textContent = partial ? note.dataset.partial.replace("%(shown)s", data.ties.length).replace("%(total)s", data.total) : "";
    note.hidden = !partial;
    if (more) more.hidden = !partial;
  }

  async function drawNetwork(everything) {
    const holder = document.getElementById("analysis-network");
    if (!holder || !holder.dataset.url || !window.NetworkView) return;
    const colour = document.getElementById("analysis-network-colour");
    const size = document.getElementById("analysis-network-size");
    const note = document.getElementById("analysis-network-note");
    const url = holder.dataset.url + (everything ? "&all=1" : "");
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch (error) {
      if (note) note.textContent = note.dataset.failed;
      return;
    }
    if (!holder.isConnected) return; // a newer fragment replaced this one meanwhile
    const picture = holder.cy ? fresh(holder) : holder;
    if (chosen.colour !== undefined) colour.value = chosen.colour;
    if (chosen.size !== undefined) size.value = chosen.size;
    window.NetworkView.draw(picture, toGraph(data), { colourBy: colour.value, sizeBy: size.value || null });
    window.NetworkView.showLegendGroup(picture.id, colour.value);
    picture.dataset.ties = String(data.ties.length);
    picture.dataset.total = String(data.total);
    tellShown(data);
  }

  // Drawn again (all ties): a new holder, so the old picture's key handlers and live region go with it.
  function fresh(holder) {
    holder.cy.destroy();
    const said = holder.nextElementSibling;
    if (said && said.matches("[aria-live]")) said.remove();
    const replacement = holder.cloneNode(false);
    holder.replaceWith(replacement);
    return replacement;
  }

  function init() {
    const colour = document.getElementById("analysis-network-colour");
    const size = document.getElementById("analysis-network-size");
    if (colour) colour.addEventListener("change", () => (chosen.colour = colour.value));
    if (size) size.addEventListener("change", () => (chosen.size = size.value));
    const all = document.getElementById("analysis-network-all");
    if (all) all.addEventListener("click", () => { all.disabled = true; chosen.everything = true; drawNetwork(true); });
    drawNetwork(Boolean(chosen.everything));
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

  // Informant reciprocity goes over every tie of the region: fetched once, after the first paint.
  async function loadReciprocity() {
    const holder = document.getElementById("informant-reciprocity-root");
    if (!holder || !holder.dataset.url) return;
    try {
      const response = await fetch(holder.dataset.url, { credentials: "same-origin" });
      holder.innerHTML = await response.text();
    } catch (error) {
      // The loading note stays; the section is not needed for the rest of the page.
    }
  }

  init();
  loadReciprocity();
  window.setTimeout(poll, 1500);
})();
