// One renderer (Cytoscape.js) for every network picture: the analysis page, the comparison page's small
// multiples and the wave-change picture. Colours come from the server's palette (json_script
// "network-palette", coding/analysis/palette.py), so an actor type looks the same everywhere.
// Labels never collide: the larger nodes are labelled first and a label whose box meets one already
// shown is left for hover, tap or zooming in. Stored positions (x, y on every node) are used as given.
(function () {
  "use strict";
  const FONT_FAMILY = "Helvetica, Arial, sans-serif";
  const LABEL_PAD = 3; // screen px kept free around a label
  const NODE_PX = 18; // node diameter on screen at the fitted zoom, when no figure sizes it
  const FALLBACK_PALETTE = { actor_type: {}, categories: ["#4c78a8"], unknown: "#d0d0d0", modes: {}, several_modes: "#777777", change: {} };
  let palette = null;

  function readPalette() {
    if (palette) return palette;
    const node = document.getElementById("network-palette");
    palette = node ? JSON.parse(node.textContent) : FALLBACK_PALETTE;
    return palette;
  }

  // colourBy "group:<attribute>": the actor's category (node.groups) in that attribute's colours
  // (graph.colours, from the server's palette by the categories' defined order); "(no value)" grey.
  function nodeColour(node, colourBy, colours) {
    const pal = readPalette();
    if (colourBy === "actor_type") return pal.actor_type[node.type] || pal.unknown;
    if (colourBy && colourBy.startsWith("group:")) {
      const category = (node.groups || {})[colourBy.slice("group:".length)];
      return ((colours || {})[colourBy] || {})[category] || pal.unknown;
    }
    if (colourBy === "community" && Number.isInteger(node.community) && node.community >= 0) {
      return pal.categories[node.community % pal.categories.length];
    }
    return pal.unknown;
  }

  function edgeLook(edge, maxStrength) {
    const pal = readPalette();
    if (edge.change) {
      return { colour: pal.change[edge.change] || "#999999", dashed: edge.change === "dissolved" ? "dashed" : "solid", widthPx: 2 };
    }
    const modes = edge.modes || [];
    const colour = modes.length === 1 ? pal.modes[modes[0]] || "#999999" : modes.length > 1 ? pal.several_modes : "#999999";
    const dashed = modes.includes("conflict") || modes.includes("rivalry") ? "dashed" : "solid";
    return { colour: colour, dashed: dashed, widthPx: 1 + 4 * ((edge.strength || 0) / maxStrength) };
  }

  const hasPositions = (nodes) => nodes.length > 0 && nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y));

  function degrees(graph) {
    const counts = {};
    graph.edges.forEach((e) => {
      counts[e.source] = (counts[e.source] || 0) + 1;
      counts[e.target] = (counts[e.target] || 0) + 1;
    });
    return counts;
  }

  // Screen px of every node: constant, or by the square root of a figure so areas follow it.
  function nodeSizes(graph, sizeBy) {
    const figure = (n) => {
      if (!sizeBy) return 0;
      const value = n.figures && n.figures[sizeBy];
      return Number.isFinite(value) ? Math.max(0, value) : sizeBy === "degree" ? graph.degree[n.id] || 0 : 0;
    };
    const max = Math.max(0, ...graph.nodes.map(figure));
    const sizes = {};
    graph.nodes.forEach((n) => {
      sizes[n.id] = max > 0 ? 12 + 30 * Math.sqrt(figure(n) / max) : NODE_PX;
    });
    return sizes;
  }

  function layoutOf(graph, options) {
    if (hasPositions(graph.nodes)) return { name: "preset", fit: true, padding: 24 };
    if (options.layout) return options.layout;
    return graph.nodes.length <= 150
      ? { name: "cose", animate: false, randomize: false, numIter: 600, fit: true, padding: 24 }
      : { name: "concentric", animate: false, minNodeSpacing: 4, fit: true, padding: 24 };
  }

  // Model units per screen px before the layout: stored positions may be on any scale.
  function presetUnit(nodes, holder) {
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const rangeX = Math.max(...xs) - Math.min(...xs), rangeY = Math.max(...ys) - Math.min(...ys);
    const zoom = Math.min(rangeX > 0 ? (holder.clientWidth - 80) / rangeX : Infinity, rangeY > 0 ? (holder.clientHeight - 80) / rangeY : Infinity);
    return Number.isFinite(zoom) && zoom > 0 ? 1 / zoom : 1;
  }

  const STYLE = [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        width: "data(size)",
        height: "data(size)",
        "border-width": "data(border)",
        "border-color": "data(borderColour)",
        // Every name is laid out but hidden (so Cytoscape measures its box); shown ones are opaque.
        label: "data(label)",
        "text-opacity": 0,
        "font-family": FONT_FAMILY,
        "font-size": "data(font)",
        color: "#1a1a1a",
        "text-outline-color": "#ffffff",
        "text-outline-width": "data(outline)",
        "text-valign": "bottom",
        "text-halign": "center",
        "text-margin-y": "data(margin)",
        "text-wrap": "ellipsis",
        "text-max-width": "data(maxWidth)",
      },
    },
    { selector: "node.labelled", style: { "text-opacity": 1, "z-index": 10 } },
    { selector: "node.hovered", style: { "text-opacity": 1, "text-wrap": "none", "z-index": 99, "text-background-color": "#ffffff", "text-background-opacity": 0.9 } },
    { selector: "edge", style: { "line-color": "data(colour)", width: "data(width)", "line-style": "data(dashed)", "curve-style": "haystack", opacity: 0.8 } },
  ];

  class NetworkView {
    // graph: {nodes: [{id, label, type, community, groups, external, x, y, figures}], colours: {"group:<name>": {category: colour}}, edges: [{source, target, strength, modes} or {source, target, change}]}
    // options: {colourBy, sizeBy, fontPx (label size on screen), maxLabels, maxLabelPx (longer names end in …),
    //           layout, interactive (zoom and pan by the user), labelsOverSmaller (names may cover smaller nodes)}
    constructor(holder, graph, options) {
      this.holder = holder;
      this.options = Object.assign({ colourBy: "actor_type", sizeBy: null, fontPx: 12, minFontPx: 10, maxLabels: Infinity, maxLabelPx: 170, interactive: true, labelsOverSmaller: false }, options || {});
      this.graph = Object.assign({}, graph, { degree: degrees(graph) });
      this.unit = this.labelUnit = hasPositions(graph.nodes) ? presetUnit(graph.nodes, holder) : 1;
      const maxStrength = Math.max(1, ...graph.edges.map((e) => e.strength || 0));
      const positioned = hasPositions(graph.nodes);
      const elements = [
        ...graph.nodes.map((n) => ({
          data: { id: "a" + n.id, actor: n.id, label: n.label || "", external: n.external ? 1 : 0 },
          position: positioned ? { x: n.x, y: n.y } : undefined,
        })),
        ...graph.edges.map((e, i) => {
          const look = edgeLook(e, maxStrength);
          return { data: { id: "t" + i, source: "a" + e.source, target: "a" + e.target, colour: look.colour, dashed: look.dashed, widthPx: look.widthPx } };
        }),
      ];
      // "preset" keeps the given positions (the default would be a grid); the real layout runs below.
      this.cy = cytoscape({ container: holder, elements: elements, style: STYLE, layout: { name: "preset", fit: false }, minZoom: 0.05, maxZoom: 40, wheelSensitivity: 0.3,
        // A small multiple neither zooms nor pans, so the page scrolls over it (on phones too).
        userZoomingEnabled: this.options.interactive, userPanningEnabled: this.options.interactive, boxSelectionEnabled: false });
      this.applyLook();
      this.cy.layout(layoutOf(graph, this.options)).run();
      // Sizes were guessed for the layout; now that the zoom is known, make them true screen px
      // (twice: the fit moves a little with the new sizes).
      for (let pass = 0; pass < 2; pass += 1) {
        this.unit = this.labelUnit = 1 / this.cy.zoom() || 1;
        this.applyLook();
        this.fitNodes();
      }
      this.bindLabels();
      holder.cy = this.cy;
      holder.networkView = this;
      holder.dataset.drawn = String(graph.nodes.length);
      holder.dataset.layout = positioned ? "preset" : "computed";
      holder.dispatchEvent(new CustomEvent("network-drawn"));
    }

    // Fit the nodes (not their hidden names, which Cytoscape's fit would count) with room at the
    // sides and under the lowest nodes for names.
    fitNodes() {
      const cy = this.cy, box = cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
      const width = this.holder.clientWidth, height = this.holder.clientHeight;
      const side = Math.min(60, Math.max(16, width * 0.06)), below = this.options.fontPx * 1.6 + 6;
      if (!cy.nodes().length || !(width > 0 && height > 0)) return;
      const fits = [(width - 2 * side) / Math.max(box.w, 1e-6), (height - 2 * side - below) / Math.max(box.h, 1e-6)];
      const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), ...fits));
      const middle = (height - below) / 2; // of the band from side to height - side - below
      cy.viewport({ zoom: zoom, pan: { x: width / 2 - (zoom * (box.x1 + box.x2)) / 2, y: middle - (zoom * (box.y1 + box.y2)) / 2 } });
    }

    applyLook() {
      const unit = this.unit, options = this.options;
      const sizes = nodeSizes(this.graph, options.sizeBy);
      // Smaller nodes in a narrow picture (a phone), so that names find room beside them.
      const narrow = Math.min(1, Math.max(0.55, this.holder.clientWidth / 900));
      const byId = {};
      this.graph.nodes.forEach((n) => (byId[n.id] = n));
      this.cy.batch(() => {
        this.cy.nodes().forEach((node) => {
          const n = byId[node.data("actor")];
          node.data({
            colour: nodeColour(n, options.colourBy, this.graph.colours),
            size: sizes[n.id] * narrow * unit,
            sizePx: sizes[n.id],
            border: (n.external ? 2.5 : 1) * unit,
            borderColour: n.external ? "#000000" : "#ffffff",
          });
        });
        this.sizeLabels();
        this.cy.edges().forEach((edge) => edge.data("width", edge.data("widthPx") * unit));
      });
    }

    colourBy(mode) {
      this.options.colourBy = mode;
      this.applyLook();
      this.holder.dataset.colourBy = mode;
    }

    sizeBy(figure) {
      this.options.sizeBy = figure || null;
      this.applyLook();
      this.placeLabels();
    }

    bindLabels() {
      const cy = this.cy;
      let pending = false;
      const later = () => {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(() => {
          pending = false;
          this.placeLabels();
        });
      };
      cy.on("zoom pan resize", later);
      cy.on("mouseover", "node", (event) => event.target.addClass("hovered"));
      cy.on("mouseout", "node", (event) => event.target.removeClass("hovered"));
      cy.on("tap", "node", (event) => {
        const node = event.target, shown = node.hasClass("hovered");
        cy.nodes(".hovered").removeClass("hovered");
        if (!shown) node.addClass("hovered");
      });
      cy.on("tap", (event) => {
        if (event.target === cy) cy.nodes(".hovered").removeClass("hovered");
      });
      if (this.options.interactive) this.bindKeys();
      this.placeLabels();
    }

    // From the keyboard: the picture takes focus; the arrow keys name one actor after the other
    // (largest first), read out through a live region.
    bindKeys() {
      const holder = this.holder, cy = this.cy;
      const said = document.createElement("span");
      said.className = "visually-hidden";
      said.setAttribute("aria-live", "polite");
      holder.after(said);
      holder.tabIndex = 0;
      let at = -1;
      holder.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
        event.preventDefault();
        const order = this.byImportance();
        if (!order.length) return;
        at = (at + (event.key === "ArrowRight" ? 1 : order.length - 1)) % order.length;
        cy.nodes(".hovered").removeClass("hovered");
        order[at].addClass("hovered");
        said.textContent = order[at].data("label");
      });
      holder.addEventListener("blur", () => cy.nodes(".hovered").removeClass("hovered"));
    }

    byImportance() {
      return this.cy.nodes().sort((a, b) => b.data("sizePx") - a.data("sizePx") || b.degree() - a.degree() || a.data("label").localeCompare(b.data("label")));
    }

    // Greedy: nodes by size (then degree, then name); a label is shown when its box on screen meets
    // no label shown before it and no other node, lies wholly in view and its text is at least minFontPx tall.
    placeLabels() {
      const cy = this.cy, options = this.options, zoom = cy.zoom();
      // Zoomed in, labels grow slower than the picture (with the square root of the zoom), so there
      // is room for more of them; zoomed out they shrink under minFontPx and are left to hover.
      const labelUnit = this.unit / Math.sqrt(zoom * this.unit);
      if (Math.abs(labelUnit / this.labelUnit - 1) > 0.02) {
        this.labelUnit = labelUnit;
        cy.batch(() => this.sizeLabels());
      }
      const scale = this.labelUnit * zoom; // screen px per label px
      const fontPx = options.fontPx * scale;
      const shown = [];
      const width = this.holder.clientWidth, height = this.holder.clientHeight;
      const order = this.byImportance();
      // Other nodes are obstacles too (a label under a node is unreadable), while that stays cheap.
      const nodes = cy.nodes().length <= 1000 ? cy.nodes().map((node) => ({ node: node, box: node.renderedBoundingBox({ includeLabels: false, includeOverlays: false }) })) : [];
      // In a small picture a name may cover smaller nodes (it is drawn above them), so the largest get named.
      const smallerMayHide = options.labelsOverSmaller;
      const meets = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
      cy.batch(() => {
        cy.nodes().removeClass("labelled");
        if (fontPx < options.minFontPx - 0.25) return; // zoomed out too far: names on hover only
        order.forEach((node) => {
          if (shown.length >= options.maxLabels || !node.data("label")) return;
          const box = this.labelBox(node);
          if (box.x1 < 0 || box.x2 > width || box.y1 < 0 || box.y2 > height) return; // cut at the edge
          if (shown.some((other) => meets(box, other))) return;
          const blocks = (other) => other.node !== node && (!smallerMayHide || other.node.data("sizePx") >= node.data("sizePx") || other.node.hasClass("labelled"));
          if (nodes.some((other) => blocks(other) && meets(box, other.box))) return;
          shown.push(box);
          node.addClass("labelled");
        });
      });
      this.holder.dataset.labels = String(shown.length);
    }

    sizeLabels() {
      const labelUnit = this.labelUnit, options = this.options;
      this.cy.nodes().forEach((node) => {
        node.data({ font: options.fontPx * labelUnit, outline: 2 * labelUnit, margin: 2 * labelUnit, maxWidth: options.maxLabelPx * labelUnit });
      });
    }

    // The name's box on screen as Cytoscape lays it out (hidden names included), with a margin.
    labelBox(node) {
      const b = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      return { x1: b.x1 - LABEL_PAD, x2: b.x2 + LABEL_PAD, y1: b.y1 - LABEL_PAD, y2: b.y2 + LABEL_PAD };
    }

    png() {
      return this.cy.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" });
    }

    svg() {
      // Hand-written (network_svg.js): the Cytoscape SVG extension is GPL-3.0.
      return new Blob([window.NetworkSvg.render(this.cy)], { type: "image/svg+xml" });
    }
  }

  function save(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // Buttons anywhere on the page: data-network-download="png|svg" data-network="<holder id>" data-filename.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-network-download]");
    if (!button) return;
    const holder = document.getElementById(button.dataset.network);
    const view = holder && holder.networkView;
    if (!view) return;
    const kind = button.dataset.networkDownload;
    save(kind === "svg" ? view.svg() : view.png(), (button.dataset.filename || "network") + "." + kind);
  });

  // Selects: data-network-colour / data-network-size="<holder id>"; the legend of that holder shows
  // the group of the chosen colouring.
  document.addEventListener("change", (event) => {
    const select = event.target;
    if (!select.dataset) return;
    const id = select.dataset.networkColour || select.dataset.networkSize;
    const holder = id && document.getElementById(id);
    if (!holder || !holder.networkView) return;
    if (select.dataset.networkColour) {
      holder.networkView.colourBy(select.value);
      showLegendGroup(id, select.value);
    } else {
      holder.networkView.sizeBy(select.value);
    }
  });

  function showLegendGroup(holderId, colourBy) {
    document.querySelectorAll('[data-network-legend="' + holderId + '"] [data-legend-group]').forEach((group) => {
      const key = group.dataset.legendGroup;
      if (key !== "modes") group.hidden = key !== colourBy; // node colourings: only the chosen one
    });
  }

  window.NetworkView = {
    draw: (holder, graph, options) => (typeof cytoscape === "undefined" ? null : new NetworkView(holder, graph, options)),
    showLegendGroup: showLegendGroup,
  };
})();
