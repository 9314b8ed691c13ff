// XY plots of the QCA page: each model's membership (x) against the outcome (y), one point per
// case, labelled; clicking a point goes to the case's values and their evidence.
(function () {
  "use strict";
  const source = document.getElementById("qca-xy");
  if (!source || typeof Chart === "undefined") return;
  const xy = JSON.parse(source.textContent);
  // Django's catalogue (base.html); without it the English text stays.
  const gettext = (text) => (window.gettext ? window.gettext(text) : text);
  const interpolate = (format, values) => (window.interpolate ? window.interpolate(format, values, true) : format.replace(/%\((\w+)\)s/g, (_, name) => String(values[name])));
  // Numbers as the page's language writes them (a decimal comma in German); axes by Chart.js's locale.
  const locale = document.documentElement.lang || undefined;
  const twoPlaces = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const labels = {
    id: "qcaCaseLabels",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = "11px sans-serif";
      ctx.fillStyle = "#333";
      // Cases on the same spot share one label ("Dortmund, Göteborg") instead of overprinting.
      const spots = new Map();
      chart.getDatasetMeta(0).data.forEach((point, index) => {
        const key = Math.round(point.x) + "," + Math.round(point.y);
        const spot = spots.get(key) || { x: point.x, y: point.y, names: [] };
        spot.names.push(chart.data.datasets[0].data[index].case);
        spots.set(key, spot);
      });
      spots.forEach((spot) => {
        const text = spot.names.join(", ");
        const width = ctx.measureText(text).width;
        const x = Math.min(spot.x + 5, chart.chartArea.right - width);
        ctx.fillText(text, Math.max(chart.chartArea.left, x), Math.max(chart.chartArea.top + 10, spot.y - 5));
      });
      ctx.restore();
    },
  };
  document.querySelectorAll("canvas[data-kind]").forEach((canvas) => {
    const plot = (xy.plots[canvas.dataset.kind] || [])[Number(canvas.dataset.model)];
    if (!plot) return;
    const points = plot.points.filter((p) => p.y !== null);
    new Chart(canvas, {
      type: "scatter",
      data: { datasets: [{ label: plot.expression, data: points, pointRadius: 5, backgroundColor: "#1f6feb" }] },
      options: {
        animation: false,
        responsive: false,
        locale: locale,
        scales: {
          x: { min: 0, max: 1, title: { display: true, text: plot.label + ": " + plot.expression } },
          y: { min: 0, max: 1, title: { display: true, text: xy.outcome } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (c) =>
                // Translators: the tooltip of a case's point in the XY plot: its name (membership, outcome).
                interpolate(gettext("%(case)s (%(x)s, %(y)s)"), { case: c.raw.case, x: twoPlaces.format(c.raw.x), y: twoPlaces.format(c.raw.y) }),
            },
          },
        },
        onClick: (event, elements) => {
          if (elements.length) window.location.hash = points[elements[0].index].anchor;
        },
      },
      plugins: [labels],
    });
    canvas.dataset.drawn = "true";
  });
})();
