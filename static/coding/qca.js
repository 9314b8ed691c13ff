// XY plots of the QCA page: each model's membership (x) against the outcome (y), one point per
// case, labelled; clicking a point goes to the case's values and their evidence.
(function () {
  "use strict";
  const source = document.getElementById("qca-xy");
  if (!source || typeof Chart === "undefined") return;
  const xy = JSON.parse(source.textContent);
  const labels = {
    id: "qcaCaseLabels",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = "11px sans-serif";
      ctx.fillStyle = "#333";
      chart.getDatasetMeta(0).data.forEach((point, index) => {
        const item = chart.data.datasets[0].data[index];
        ctx.fillText(item.case, point.x + 5, point.y - 5);
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
        scales: {
          x: { min: 0, max: 1, title: { display: true, text: plot.label + ": " + plot.expression } },
          y: { min: 0, max: 1, title: { display: true, text: xy.outcome } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => c.raw.case + " (" + c.raw.x.toFixed(2) + ", " + c.raw.y.toFixed(2) + ")" } },
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
