// Comparison page: small multiples of the regions' networks (Cytoscape.js), drawn the same way with one
// legend, the charts (Chart.js) and PNG downloads of both. Data comes from the json_script "comparison-data".
(function () {
  "use strict";
  const dataNode = document.getElementById("comparison-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);

  // Mode colours as on the region analysis page (static/coding/analysis.js); the actor-type palette
  // continues that page's ten colours so that up to twenty types stay apart.
  const MODE_COLOURS = { cooperation: "#2e7d32", competition: "#ef6c00", rivalry: "#6a1b9a", conflict: "#c62828" };
  const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b",
    "#1b9e77", "#7570b3", "#a6761d", "#17becf", "#bcbd22", "#393b79", "#843c39", "#637939", "#e7298a", "#666666"];
  const SERIES = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b", "#1b9e77", "#7570b3"];
  const colourOf = (i) => PALETTE[i % PALETTE.length];
  const typeColour = (type) => (data.types.indexOf(type) < 0 ? "#999999" : colourOf(data.types.indexOf(type)));
  const drawn = {}; // element id -> Cytoscape instance or Chart

  function legend() {
    const holder = document.getElementById("network-legend");
    if (!holder) return;
    data.types.forEach((type, i) => {
      const item = document.createElement("span");
      item.className = "legend-item";
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colourOf(i);
      item.append(swatch, " " + type.replace(/_/g, " "));
      holder.append(item);
    });
  }

  // The networks come from their own endpoint (the bulk of the stored results), after the page.
  async function networks() {
    const grid = document.getElementById("comparison-networks");
    if (!grid || typeof cytoscape === "undefined") return;
    const response = await fetch(grid.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) {
      grid.dataset.error = String(response.status);
      return;
    }
    const networks = (await response.json()).networks;
    const largest = Math.max(0, ...networks.map((n) => n.nodes.length));
    // One layout for all multiples, so they are drawn alike: force-directed while that stays quick.
    const layout = largest <= 150 ? { name: "cose", animate: false, randomize: false, numIter: 600 } : { name: "concentric", animate: false, minNodeSpacing: 4 };
    networks.forEach((network) => {
      const holder = document.getElementById("network-" + network.key);
      if (!holder) return;
      const maxStrength = Math.max(1, ...network.edges.map((e) => e[2] || 0));
      const elements = [
        ...network.nodes.map(([id, name, type, external]) => ({ data: { id: "a" + id, label: name, colour: typeColour(type), external: external } })),
        ...network.edges.map(([source, target, strength, modes], i) => ({
          data: {
            id: "t" + i,
            source: "a" + source,
            target: "a" + target,
            colour: modes.length === 1 ? MODE_COLOURS[modes[0]] || "#999" : "#777",
            width: 1 + 4 * ((strength || 0) / maxStrength),
            dashed: modes.includes("conflict") || modes.includes("rivalry") ? "dashed" : "solid",
          },
        })),
      ];
      drawn[holder.id] = cytoscape({
        container: holder,
        elements: elements,
        layout: layout,
        style: [
          { selector: "node", style: { "background-color": "data(colour)", label: largest <= 40 ? "data(label)" : "", "font-size": 8, width: 12, height: 12, "border-width": "data(external)", "border-color": "#000" } },
          { selector: "edge", style: { "line-color": "data(colour)", width: "data(width)", "line-style": "data(dashed)", "curve-style": "haystack", opacity: 0.8 } },
        ],
      });
      holder.dataset.drawn = String(network.nodes.length);
    });
    grid.dataset.drawn = "1";
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
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: true }, config.options || {});
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
    stackedBars("chart-grabher", data.grabher, "% of typed ties", series, 100);
    // Each tie counts once (one mode only, several modes, no mode), so every bar adds up to 100 %.
    stackedBars("chart-coordination", data.coordination, "% of ties, each tie once (one mode only or several)", modes, 100);
    stackedBars("chart-actor-types", data.actor_types, "% of actors", colourOf, 100);  // the networks' colours
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
        const url = typeof target.toBase64Image === "function" ? target.toBase64Image("image/png", 1) : target.png({ full: true, scale: 2, bg: "#ffffff" });
        download(url, "comparison-" + button.dataset.filename);
      });
    });
  }

  legend();
  networks();
  charts();
  pngButtons();
})();
