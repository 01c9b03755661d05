/* claimgraph view: draws a speaker graph with vis-network and lists the claims behind each edge.
 * Shared by the exported HTML file and the explorer page served at "/". Data is inserted with
 * textContent only (never as HTML). Character offsets are Unicode code points, as in the store. */
(function (global) {
  "use strict";

  /** Create an element with attributes and children (strings become text nodes). */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (value === undefined || value === null) return;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    });
    (children || []).forEach((child) => {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** The text of code points [start, end) of a string. */
  function slice(text, start, end) {
    return Array.from(text).slice(start, end).join("");
  }

  /** A sentence with the claim's quoted span marked, or the bare quote when the span leaves the sentence. */
  function quoteElement(claim) {
    const sentenceLength = Array.from(claim.sentence || "").length;
    const from = claim.start - claim.sentence_start;
    const to = claim.end - claim.sentence_start;
    if (!claim.sentence || claim.sentence_start < 0 || from < 0 || to > sentenceLength) {
      return el("blockquote", { class: "cg-quote" }, [claim.content]);
    }
    const mark = el("mark", { "data-role": "content", "data-start": claim.start, "data-end": claim.end },
      [slice(claim.sentence, from, to)]);
    return el("blockquote", { class: "cg-quote" },
      [slice(claim.sentence, 0, from), mark, slice(claim.sentence, to, sentenceLength)]);
  }

  /** vis-network options: physics only for small graphs, then frozen once stable. */
  function networkOptions(physics) {
    return {
      autoResize: true,
      layout: { improvedLayout: false },
      nodes: {
        shape: "dot",
        borderWidth: 1,
        font: { size: 14, face: "Helvetica, Arial, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" },
      },
      edges: {
        arrows: { to: { enabled: true, scaleFactor: 0.6 } },
        color: { color: "#8a8a8a", highlight: "#d62728", hover: "#333333", opacity: 0.85 },
        font: { size: 11, align: "middle", strokeWidth: 3 },
        smooth: physics ? { type: "curvedCW", roundness: 0.15 } : false,
        selectionWidth: 2,
      },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: !physics, hideEdgesOnZoom: !physics },
      physics: physics
        ? { solver: "forceAtlas2Based", stabilization: { iterations: 300, fit: true }, forceAtlas2Based: { springLength: 120 } }
        : false,
    };
  }

  function nodeTitle(n) {
    const lines = [`${n.name || n.label} (${n.type})`];
    if (n.aliases && n.aliases.length) lines.push(`also: ${n.aliases.slice(0, 6).join(", ")}`);
    if (n.kind === "entity") lines.push(`claims made: ${n.claims_made} · about it: ${n.claims_about}`);
    if (n.kind === "claim") lines.push(n.text || "");
    return lines.join("\n");
  }

  function edgeTitle(e, nodes) {
    const from = nodes.get(e.from), to = nodes.get(e.to);
    const cues = (e.cues || []).slice(0, 5).join(", ");
    return `${from ? from.label : e.from} → ${to ? to.label : e.to}\n${e.count} claim(s)${cues ? ": " + cues : ""}`;
  }

  class ClaimgraphView {
    /** container: graph div; panel: side panel; onClaim(id): optional "show in source" handler. */
    constructor(container, panel, options) {
      this.container = container;
      this.panel = panel;
      this.onClaim = (options || {}).onClaim || null;
      this.network = null;
      this.ready = false;
    }

    /** Draw a graph given as {meta, nodes, edges, claims} (see graph/readwrite/html.py view_data);
     *  resolves once the layout has settled. */
    draw(data) {
      this.data = data;
      this.ready = false;
      const physics = Boolean(data.meta.physics);
      this.nodes = new vis.DataSet(data.nodes.map((n) => ({
        ...n, title: nodeTitle(n), color: { background: n.color, border: "#ffffff",
          highlight: { background: n.color, border: "#222222" } }, physics: physics,
      })));
      this.edges = new vis.DataSet(data.edges.map((e) => ({
        ...e, label: e.count > 1 ? String(e.count) : undefined, title: edgeTitle(e, this.nodes),
      })));
      if (this.network) this.network.destroy();
      this.network = new vis.Network(this.container, { nodes: this.nodes, edges: this.edges }, networkOptions(physics));
      this.network.on("click", (params) => {
        if (params.nodes.length) this.showNode(params.nodes[0]);
        else if (params.edges.length) this.showEdge(params.edges[0]);
      });
      this.container.dataset.ready = "false";
      this.showSummary();
      return new Promise((resolve) => {
        const settle = () => {
          this.network.setOptions({ physics: false });
          this.ready = true;
          this.container.dataset.ready = "true";
          resolve(this);
        };
        if (physics && data.nodes.length) this.network.once("stabilizationIterationsDone", settle);
        else settle();
      });
    }

    /** Node ids whose name, label or alias matches the query (exact first, then containing). */
    findNodes(query) {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      const names = (n) => [n.name || "", n.label || "", ...(n.aliases || [])].map((s) => s.toLowerCase());
      const exact = this.nodes.get({ filter: (n) => names(n).includes(q) });
      const partial = this.nodes.get({ filter: (n) => !names(n).includes(q) && names(n).some((s) => s.includes(q)) });
      return exact.concat(partial).map((n) => n.id);
    }

    /** Select and centre a node, then list who spoke about it and whom it spoke about. */
    focusNode(id) {
      this.network.selectNodes([id]);
      this.network.focus(id, { scale: 1.1, animation: false });
      this.showNode(id);
    }

    /** The page coordinates of the middle of an edge (what a user would click). */
    edgePoint(id) {
      const edge = this.network.body.edges[id];
      const point = edge.edgeType.getPoint(0.5);
      const dom = this.network.canvasToDOM(point);
      const box = this.container.getBoundingClientRect();
      return { x: box.left + dom.x, y: box.top + dom.y };
    }

    clearPanel(title) {
      this.panel.replaceChildren(el("h2", {}, [title]));
      return this.panel;
    }

    showSummary() {
      const m = this.data.meta;
      const panel = this.clearPanel(m.title || "Who speaks about whom");
      panel.appendChild(el("p", {}, [`${this.data.nodes.length} nodes, ${this.data.edges.length} edges, ` +
        `${Object.keys(this.data.claims).length} claims (${m.filters}).`]));
      panel.appendChild(el("p", { class: "cg-hint" }, ["Click a node to list who spoke about it and whom it spoke " +
        "about; click an edge to read its claims. Edge width = number of claims."]));
      panel.appendChild(this.legend());
    }

    legend() {
      const types = [...new Set(this.data.nodes.map((n) => n.type))].sort();
      return el("ul", { class: "cg-legend" }, types.map((t) => {
        const colour = this.data.nodes.find((n) => n.type === t).color;
        return el("li", {}, [el("span", { class: "cg-swatch", style: `background:${colour}` }), t]);
      }));
    }

    edgeButton(edge, other) {
      const node = this.nodes.get(other);
      return el("li", {}, [el("button", { class: "cg-link", "data-edge": edge.id, onclick: () => this.showEdge(edge.id) },
        [`${node ? node.label : other}`]), ` — ${edge.count} claim(s)${edge.cues && edge.cues.length ? ": " +
        edge.cues.slice(0, 4).join(", ") : ""}`]);
    }

    /** Panel: a node's details and its incoming and outgoing edges as lists. */
    showNode(id) {
      const node = this.nodes.get(id);
      if (!node) return;
      const panel = this.clearPanel(node.label);
      panel.dataset.node = id;
      panel.appendChild(el("p", { class: "cg-meta" }, [nodeTitle(node)]));
      const incoming = this.edges.get({ filter: (e) => e.to === id }).sort((a, b) => b.count - a.count);
      const outgoing = this.edges.get({ filter: (e) => e.from === id }).sort((a, b) => b.count - a.count);
      panel.appendChild(el("h3", {}, [`Who spoke about ${node.label} (${incoming.length})`]));
      panel.appendChild(el("ul", { class: "cg-edges cg-in" }, incoming.map((e) => this.edgeButton(e, e.from))));
      panel.appendChild(el("h3", {}, [`Whom ${node.label} spoke about (${outgoing.length})`]));
      panel.appendChild(el("ul", { class: "cg-edges cg-out" }, outgoing.map((e) => this.edgeButton(e, e.to))));
    }

    /** Panel: every claim of an edge with speaker, cue, quote in its sentence, and document with offsets. */
    showEdge(id) {
      const edge = this.edges.get(id);
      if (!edge) return;
      this.network.selectEdges([id]);
      const from = this.nodes.get(edge.from), to = this.nodes.get(edge.to);
      const panel = this.clearPanel(`${from.label} → ${to.label}`);
      panel.dataset.edge = id;
      panel.appendChild(el("p", { class: "cg-meta" }, [`${edge.count} claim(s) · kinds: ${(edge.kinds || []).join(", ")}` +
        (edge.mean_confidence !== undefined ? ` · mean confidence ${Number(edge.mean_confidence).toFixed(2)}` : "")]));
      const items = (edge.claims || []).map((cid) => this.data.claims[cid]).filter(Boolean).map((c) => this.claimItem(c));
      panel.appendChild(el("ol", { class: "cg-claims" }, items));
    }

    claimItem(c) {
      const where = el("span", { class: "cg-doc", "data-document": c.document, "data-start": c.start, "data-end": c.end },
        [`${c.document} [${c.start}–${c.end}]`]);
      const source = this.onClaim
        ? el("button", { class: "cg-link cg-source", "data-claim": c.id, onclick: () => this.onClaim(c.id) }, ["show in source"])
        : null;
      return el("li", { class: "cg-claim", "data-claim": c.id }, [
        el("div", {}, [el("strong", { class: "cg-speaker" }, [c.speaker || c.speaker_text]), " ", el("em", {}, [c.cue || ""])]),
        quoteElement(c),
        el("div", { class: "cg-meta" }, [`${c.kind} · confidence ${Number(c.confidence).toFixed(2)} · `, where, " ", source]),
      ]);
    }
  }

  global.ClaimgraphView = ClaimgraphView;
  global.claimgraphDom = { el: el, slice: slice };
})(window);
