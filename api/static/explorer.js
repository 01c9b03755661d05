/* explorer page: search → neighbourhood graph and lists → a claim inside its source text, via /explorer/* JSON. */
(function () {
  "use strict";
  const { el } = window.claimgraphDom;
  const status = document.getElementById("cg-status");
  const results = document.getElementById("cg-results");
  const sparqlList = document.getElementById("cg-sparql");
  const source = document.getElementById("cg-source");
  const view = new ClaimgraphView(document.getElementById("cg-graph"), document.getElementById("cg-panel"),
    { onClaim: showClaim });
  window.cgView = view;

  /** GET JSON or throw the server's problem detail. */
  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
    return body;
  }

  function sparqlLink(label, query) {
    return el("li", {}, [el("a", { href: `sparql?query=${encodeURIComponent(query)}`, target: "_blank",
      rel: "noopener", class: "cg-sparql-link" }, [`Run the SPARQL: ${label}`])]);
  }

  async function search(query) {
    status.textContent = "searching…";
    results.replaceChildren();
    try {
      const found = await getJSON(`explorer/search?q=${encodeURIComponent(query)}`);
      status.textContent = found.items.length ? `${found.items.length} match(es)` : `nothing matches “${query}”`;
      results.replaceChildren(...found.items.map((item) => el("li", {}, [
        el("button", { class: "cg-link cg-result", "data-entity": item.iri, onclick: () => open(item) }, [item.name]),
        ` (${item.claims_by} by, ${item.claims_about} about)`])));
      const exact = found.items.find((i) => i.name.toLowerCase() === query.trim().toLowerCase());
      if (exact || found.items.length === 1) await open(exact || found.items[0]);
    } catch (error) {
      status.textContent = `search failed: ${error.message}`;
    }
  }

  async function open(item) {
    status.textContent = `loading ${item.name}…`;
    source.replaceChildren();
    try {
      const data = await getJSON(`explorer/graph?entity=${encodeURIComponent(item.iri)}`);
      sparqlList.replaceChildren(...data.sparql.map((s) => sparqlLink(s.label, s.query)));
      if (!data.nodes.length) {
        status.textContent = `no claims by or about ${item.name} with a known speaker and target`;
        view.clearPanel(item.name);
        return;
      }
      await view.draw(data);
      view.focusNode(data.focus);
      status.textContent = `${item.name}: ${data.edges.length} edge(s), ${Object.keys(data.claims).length} claim(s)`;
    } catch (error) {
      status.textContent = `could not load ${item.name}: ${error.message}`;
    }
  }

  /** The document text split at span boundaries; spans become <mark data-role data-start data-end>. */
  function markedText(text, spans) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
    const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
    const rank = { content: 0, cue: 1, speaker: 2 };
    const out = el("div", { class: "cg-source-text" });
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = chars.slice(a, b).join("");
      const covering = spans.filter((s) => s.start <= a && b <= s.end).sort((x, y) => rank[x.role] - rank[y.role]);
      out.appendChild(covering.length
        ? el("mark", { "data-role": covering[0].role, "data-start": a, "data-end": b, title: covering[0].role }, [piece])
        : document.createTextNode(piece));
    }
    return out;
  }

  async function showClaim(id) {
    try {
      const data = await getJSON(`explorer/claims/${encodeURIComponent(id)}`);
      const claim = view.data.claims[id] || {};
      const text = markedText(data.document.text, data.spans);
      source.replaceChildren(
        el("h2", {}, [`In ${data.document.id}`]),
        el("p", { class: "cg-meta" }, [`${claim.speaker || ""} ${claim.cue || ""} — ${data.document.id}` +
          ` [${claim.start}–${claim.end}] · highlighted: quote (yellow), cue (blue), speaker (green)`]),
        text,
        el("ul", { class: "cg-sparql" }, [sparqlLink("this claim's source spans", data.sparql)]),
      );
      source.dataset.claim = id;
      const first = text.querySelector("mark[data-role=content]");
      if (first) first.scrollIntoView({ block: "center" });
    } catch (error) {
      status.textContent = `could not load claim ${id}: ${error.message}`;
    }
  }

  document.getElementById("cg-search").addEventListener("submit", (event) => {
    event.preventDefault();
    search(document.getElementById("cg-query").value);
  });
})();
