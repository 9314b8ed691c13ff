// The SVG download of a network picture, written from the Cytoscape instance as it is drawn.
// Hand-written on purpose: the only SVG exporter for Cytoscape.js (cytoscape-svg) is GPL-3.0,
// which this project cannot ship. A network picture needs little: circles with fill and border,
// straight lines (haystack edges) with colour, width and dash, and the names currently shown as
// dark text with a white halo, on a white background fitted to what is drawn.
(function () {
  "use strict";
  const SVG_NS = "http://www.w3.org/2000/svg";
  const PAD_PX = 12; // white margin around the drawing, in screen px

  const escapeXml = (text) =>
    String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
  const num = (value) => (Number.isFinite(value) ? Number(value.toFixed(3)) : 0);
  const px = (value) => parseFloat(value) || 0;

  // Cytoscape ends a long name in "…" (text-wrap: ellipsis) to text-max-width; cut it the same way.
  let measure = null;
  function shownText(label, fontPx, fontFamily, maxWidth) {
    if (!(maxWidth > 0)) return label;
    if (!measure) measure = document.createElement("canvas").getContext("2d");
    measure.font = fontPx + "px " + fontFamily;
    if (measure.measureText(label).width <= maxWidth) return label;
    let cut = label;
    while (cut.length > 1 && measure.measureText(cut + "…").width > maxWidth) cut = cut.slice(0, -1);
    return cut + "…";
  }

  const shown = (node) => node.data("label") && px(node.style("text-opacity")) > 0;

  function labelOf(node) {
    const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
    const fontPx = px(node.style("font-size"));
    const fontFamily = node.style("font-family");
    const text = node.style("text-wrap") === "ellipsis" ? shownText(node.data("label"), fontPx, fontFamily, px(node.style("text-max-width"))) : node.data("label");
    return {
      box: box,
      svg:
        '<text x="' + num((box.x1 + box.x2) / 2) + '" y="' + num((box.y1 + box.y2) / 2) + '" text-anchor="middle" dominant-baseline="central"' +
        ' font-family="' + escapeXml(fontFamily) + '" font-size="' + num(fontPx) + '" fill="' + escapeXml(node.style("color")) + '"' +
        ' stroke="' + escapeXml(node.style("text-outline-color")) + '" stroke-width="' + num(2 * px(node.style("text-outline-width"))) + '"' +
        ' stroke-linejoin="round" paint-order="stroke">' + escapeXml(text) + "</text>",
    };
  }

  function edgeOf(edge) {
    const from = edge.sourceEndpoint(), to = edge.targetEndpoint();
    const width = px(edge.style("width"));
    // Cytoscape's dash pattern is in model units (default 6 3), so it is copied as it is.
    const pattern = String(edge.style("line-dash-pattern") || "6 3").match(/[\d.]+/g) || ["6", "3"];
    const dash = edge.style("line-style") === "dashed" ? ' stroke-dasharray="' + pattern.map((part) => num(parseFloat(part))).join(" ") + '"' : "";
    return (
      '<line x1="' + num(from.x) + '" y1="' + num(from.y) + '" x2="' + num(to.x) + '" y2="' + num(to.y) + '"' +
      ' stroke="' + escapeXml(edge.style("line-color")) + '" stroke-width="' + num(width) + '" stroke-opacity="' + num(px(edge.style("opacity"))) + '"' + dash + "/>"
    );
  }

  function nodeOf(node) {
    const at = node.position(), border = px(node.style("border-width"));
    return (
      '<circle cx="' + num(at.x) + '" cy="' + num(at.y) + '" r="' + num(node.width() / 2) + '" fill="' + escapeXml(node.style("background-color")) + '"' +
      (border > 0 ? ' stroke="' + escapeXml(node.style("border-color")) + '" stroke-width="' + num(border) + '"' : "") +
      ' data-actor="' + escapeXml(node.data("actor")) + '"/>'
    );
  }

  // The picture in model units (where node.position() lives); width and height in screen px at the
  // current zoom, so the file opens at the size it had on the page.
  function render(cy) {
    const drawn = cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
    const box = cy.nodes().length ? { x1: drawn.x1, y1: drawn.y1, x2: drawn.x2, y2: drawn.y2 } : { x1: 0, y1: 0, x2: 0, y2: 0 };
    const labels = cy.nodes().filter(shown).map(labelOf);
    labels.forEach((label) => {
      box.x1 = Math.min(box.x1, label.box.x1);
      box.y1 = Math.min(box.y1, label.box.y1);
      box.x2 = Math.max(box.x2, label.box.x2);
      box.y2 = Math.max(box.y2, label.box.y2);
    });
    const zoom = cy.zoom() || 1, pad = PAD_PX / zoom;
    const x = box.x1 - pad, y = box.y1 - pad, w = Math.max(box.x2 - box.x1, 0) + 2 * pad, h = Math.max(box.y2 - box.y1, 0) + 2 * pad;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="' + SVG_NS + '" viewBox="' + [x, y, w, h].map(num).join(" ") + '" width="' + num(w * zoom) + '" height="' + num(h * zoom) + '">',
      '<rect x="' + num(x) + '" y="' + num(y) + '" width="' + num(w) + '" height="' + num(h) + '" fill="#ffffff"/>',
      '<g class="edges">', ...cy.edges().map(edgeOf), "</g>",
      '<g class="nodes">', ...cy.nodes().map(nodeOf), "</g>",
      '<g class="labels">', ...labels.map((label) => label.svg), "</g>",
      "</svg>",
    ].join("\n");
  }

  window.NetworkSvg = { render: render };
})();
