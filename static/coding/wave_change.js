// "Change between waves" on the region analysis page: both waves drawn on one layout (the union of
// their ties), so a tie's position is the same in both; formed ties green, dissolved red dashed.
(function () {
  "use strict";
  const holder = document.getElementById("wave-change-network");
  const dataNode = document.getElementById("wave-change-data");
  if (!holder || !dataNode || typeof cytoscape === "undefined") return;
  const data = JSON.parse(dataNode.textContent);
  const STYLE = {
    formed: { colour: "#2e7d32", line: "solid" },
    dissolved: { colour: "#c62828", line: "dashed" },
    persisted: { colour: "#9e9e9e", line: "solid" },
  };
  const elements = [
    ...data.actors.map((a) => ({ data: { id: "a" + a.id, label: a.name } })),
    ...data.ties.map((t, i) => ({
      data: { id: "t" + i, source: "a" + t.source, target: "a" + t.target, change: t.change, colour: STYLE[t.change].colour, line: STYLE[t.change].line },
    })),
  ];
  cytoscape({
    container: holder,
    elements: elements,
    layout: { name: "cose", animate: false, randomize: false },
    style: [
      { selector: "node", style: { "background-color": "#4c78a8", label: "data(label)", "font-size": 10 } },
      { selector: "edge", style: { "line-color": "data(colour)", "line-style": "data(line)", width: 2, "curve-style": "bezier" } },
    ],
  });
  holder.dataset.drawn = String(data.ties.length);
})();
