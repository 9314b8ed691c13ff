// SVG and PNG downloads of charts, shared by the analysis and comparison pages.
// A button carries data-chart-download ("svg" or "png"), data-chart-target (the element holding
// the chart: an inline <svg>, or a <template> with the server-drawn SVG next to a Chart.js canvas)
// and data-filename. The SVG is the server's drawing (coding/charts/svg.py), saved as it is; the PNG
// is that SVG drawn onto a canvas at twice its size, or the Chart.js canvas itself when there is one.
(function () {
  "use strict";

  function svgText(target) {
    const template = target.querySelector("template[data-chart-svg]");
    const svg = template ? template.content.querySelector("svg") : target.querySelector("svg");
    if (!svg) return null;
    const text = new XMLSerializer().serializeToString(svg);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text;
  }

  function save(url, filename) {
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  }

  function pngFromSvg(text, filename) {
    const svgUrl = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth * 2;
      canvas.height = image.naturalHeight * 2;
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(svgUrl);
      canvas.toBlob((blob) => save(URL.createObjectURL(blob), filename), "image/png");
    };
    image.src = svgUrl;
  }

  function download(button) {
    const target = document.getElementById(button.dataset.chartTarget);
    if (!target) return;
    const filename = button.dataset.filename + "." + button.dataset.chartDownload;
    const canvas = target.querySelector("canvas");
    if (button.dataset.chartDownload === "png" && canvas && canvas.dataset.rendered) {
      save(canvas.toDataURL("image/png"), filename); // the chart as drawn on the page
      return;
    }
    const text = svgText(target);
    if (!text) return;
    if (button.dataset.chartDownload === "svg") {
      save(URL.createObjectURL(new Blob([text], { type: "image/svg+xml" })), filename);
    } else {
      pngFromSvg(text, filename);
    }
  }

  // Delegated: the analysis page swaps its results in without a reload, buttons and all.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-chart-download]");
    if (button) download(button);
  });
})();
