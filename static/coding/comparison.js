// Comparison page: small multiples of the regions' networks (drawn by static/coding/network_view.js, the
// legend is the server's), the charts (Chart.js) and their PNG downloads. Data comes from the json_script "comparison-data".
(function () {
  "use strict";
  const dataNode = document.getElementById("comparison-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  // Django's catalogue (base.html); without it the English text stays.
  const gettext = (text) => (window.gettext ? window.gettext(text) : text);
  // Chart.js writes its axes' and tooltips' numbers in this locale: a decimal comma in German.
  const locale = document.documentElement.lang || undefined;

  // Mode colours and the actor-type palette are the server's (coding/analysis/palette.py), the same
  // on the region analysis page; the actor-type chart takes its colours from there too.
  const palette = JSON.parse((document.getElementById("network-palette") || { textContent: "{}" }).textContent);
  const MODE_COLOURS = palette.modes || {};
  const SERIES = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b", "#1b9e77", "#7570b3"];
  const typeColour = (type) => (palette.actor_type || {})[type] || palette.unknown || "#d0d0d0";
  const colourOf = (i) => typeColour(data.types[i]);
  const drawn = {}; // element id -> Chart
  const graphs = {}; // network holder id -> the graph drawn there

  // The networks come from their own endpoint (the bulk of the stored results), after the page, compact
  // (coding/comparison/networks.py): a node is [id, name, index into payload.types, 1 if external] and,
  // when positions are stored, [..., x, y]; an edge is [source node index, target node index, strength,
  // bit set over payload.modes]. A large network holds its strongest ties only, and a note says so.
  async function networks() {
    const grid = document.getElementById("comparison-networks");
    if (!grid || !window.NetworkView) return;
    const response = await fetch(grid.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) {
      grid.dataset.error = String(response.status);
      return;
    }
    const payload = await response.json();
    const networks = payload.networks;
    const types = payload.types || [];
    const modeNames = payload.modes || [];
    const modesOf = (bits) => modeNames.filter((_name, i) => bits & (1 << i));
    // ?colour=<attribute>: each network's groups give its actors' categories, payload.colours their colours.
    const colourBy = payload.colour_by || "actor_type";
    const attribute = colourBy.startsWith("group:") ? colourBy.slice("group:".length) : null;
    const largest = Math.max(0, ...networks.map((n) => n.nodes.length));
    // One layout for all multiples, so they are drawn alike: force-directed while that stays quick.
    const layout = largest <= 150 ? { name: "cose", animate: false, randomize: false, numIter: 600, fit: true, padding: 24 } : { name: "concentric", animate: false, minNodeSpacing: 4, fit: true, padding: 24 };
    networks.forEach((network) => {
      const holder = document.getElementById("network-" + network.key);
      if (!holder) return;
      const nodes = network.nodes.map(([id, name, type, external, x, y]) => ({ id: id, label: name, type: types[type], external: external === 1, x: x, y: y, groups: attribute ? { [attribute]: (network.groups || {})[id] } : {} }));
      const graph = {
        nodes: nodes,
        edges: network.edges.map(([source, target, strength, bits]) => ({ source: nodes[source].id, target: nodes[target].id, strength: strength, modes: modesOf(bits) })),
        colours: payload.colours || {},
      };
      graphs[holder.id] = graph;
      const note = document.querySelector('[data-network-note="' + network.key + '"]');
      if (note && network.note) {
        note.textContent = network.note;
        note.hidden = false;
      }
      // Small: the names of the largest actors only, never under 10 px; the rest on hover or opened.
      window.NetworkView.draw(holder, graph, { colourBy: colourBy, sizeBy: "degree", fontPx: 11, maxLabels: 8, maxLabelPx: 110, layout: layout, interactive: false, labelsOverSmaller: true });
    });
    grid.dataset.drawn = "1";
  }

  // "Open": the same network large in a dialog, on the positions of its small multiple.
  function openButtons() {
    const dialog = document.getElementById("network-dialog");
    if (!dialog) return;
    const canvas = document.getElementById("network-dialog-canvas");
    document.getElementById("network-dialog-close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      if (canvas.cy) canvas.cy.destroy();
      canvas.cy = canvas.networkView = null;
    });
    const open = (button) => {
      const small = document.getElementById(button.dataset.networkOpen);
      const graph = graphs[small.id];
      if (!graph || !small.cy) return;
      document.getElementById("network-dialog-title").textContent = button.dataset.title;
      document.getElementById("network-dialog-analysis").href = button.dataset.analysisUrl;
      dialog.querySelectorAll("[data-network-download]").forEach((b) => (b.dataset.filename = "comparison-" + small.id));
      const placed = graph.nodes.map((n) => Object.assign({}, n, small.cy.getElementById("a" + n.id).position()));
      dialog.showModal();
      window.NetworkView.draw(canvas, { nodes: placed, edges: graph.edges, colours: graph.colours }, { colourBy: small.networkView.options.colourBy, sizeBy: "degree" });
    };
    document.querySelectorAll("[data-network-open]").forEach((button) => {
      button.addEventListener("click", () => open(button));
      // A click on the picture's background opens it too (a click on a node names it).
      const small = document.getElementById(button.dataset.networkOpen);
      const bind = () => small.cy && small.cy.on("tap", (event) => event.target === small.cy && open(button));
      if (small.cy) bind();
      else small.addEventListener("network-drawn", bind, { once: true });
    });
  }

  // Charts get a white background, so a downloaded PNG is readable anywhere.
  const whiteBackground = {
    id: "whiteBackground",
    beforeDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };

  const columnLabels = data.columns.map((c) => (c.current ? c.label : c.label + " †"));
  const percent = (values) => values.map((v) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10));

  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: true, locale: locale }, config.options || {});
    config.plugins = [whiteBackground];
    drawn[id] = new Chart(canvas, config);
    canvas.dataset.rendered = "1";
  }

  function stackedBars(id, series, unit, colours, max) {
    chart(id, {
      type: "bar",
      data: {
        labels: columnLabels,
        datasets: series.labels.map((label, i) => ({ label: label, data: percent(series.values[i]), backgroundColor: colours(i) })),
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, min: 0, max: max, title: { display: true, text: unit } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  function charts() {
    if (typeof Chart === "undefined") return;
    const series = (i) => SERIES[i % SERIES.length];
    // The mix's categories: one mode only (that mode's colour), several modes (grey as on the networks), none.
    const modes = (i) => [MODE_COLOURS.cooperation, MODE_COLOURS.competition, MODE_COLOURS.rivalry, MODE_COLOURS.conflict, "#777777", "#cccccc"][i];
    // The axis titles: "%" is the percent sign, no placeholder. xgettext:no-javascript-format
    stackedBars("chart-grabher", data.grabher, gettext("% of typed ties"), series, 100);
    // Each tie counts once (one mode only, several modes, no mode), so every bar adds up to 100 %.
    // xgettext:no-javascript-format
    stackedBars("chart-coordination", data.coordination, gettext("% of ties, each tie once (one mode only or several)"), modes, 100);
    // xgettext:no-javascript-format
    stackedBars("chart-actor-types", data.actor_types, gettext("% of actors"), colourOf, 100);  // the networks' colours
    chart("chart-radar", {
      type: "radar",
      data: {
        labels: data.radar.labels,
        datasets: data.columns.map((column, i) => ({
          label: columnLabels[i],
          data: data.radar.values.map((values) => values[i]),
          borderColor: SERIES[i % SERIES.length],
          backgroundColor: "transparent",
          borderDash: column.current ? [] : [6, 4],
          spanGaps: true,
        })),
      },
      options: { scales: { r: { min: 0, max: 1 } }, plugins: { legend: { position: "bottom" } } },
    });
    data.waves.forEach((region) => {
      chart("chart-waves-" + region.region, {
        type: "line",
        data: {
          labels: region.waves.map((label, i) => (region.current[i] ? label : label + " †")),
          datasets: region.lines.map((line, i) => ({ label: line.label, data: line.values, borderColor: SERIES[i % SERIES.length], backgroundColor: SERIES[i % SERIES.length], spanGaps: true })),
        },
        options: { scales: { y: { min: 0, max: 1 } }, plugins: { legend: { position: "bottom" } } },
      });
    });
  }

  function download(url, filename) {
    const link = document.createElement("a");
    link.href = url;
    link.download = filename + ".png";
    document.body.append(link);
    link.click();
    link.remove();
  }

  function pngButtons() {
    document.querySelectorAll("[data-png]").forEach((button) => {
      button.addEventListener("click", () => {
        const target = drawn[button.dataset.png];
        if (!target) return;
        download(target.toBase64Image("image/png", 1), "comparison-" + button.dataset.filename);
      });
    });
  }

  networks();
  openButtons();
  charts();
  pngButtons();
})();
