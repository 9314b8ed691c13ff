// "Change between waves" on the region analysis page: both waves drawn on one layout (the union of
// their ties), so a tie's position is the same in both; formed ties green, dissolved red dashed.
// Drawn by the shared renderer (static/coding/network_view.js).
(function () {
  "use strict";
  const holder = document.getElementById("wave-change-network");
  const dataNode = document.getElementById("wave-change-data");
  if (!holder || !dataNode || !window.NetworkView) return;
  const data = JSON.parse(dataNode.textContent);
  const graph = {
    nodes: data.actors.map((a) => ({ id: a.id, label: a.name, x: a.x, y: a.y })),
    edges: data.ties.map((t) => ({ source: t.source, target: t.target, change: t.change })),
  };
  window.NetworkView.draw(holder, graph, { colourBy: "none", sizeBy: "degree" });
  holder.dataset.drawn = String(data.ties.length);
})();
