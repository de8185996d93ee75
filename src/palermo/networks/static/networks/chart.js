/* The link chart of an investigation (Cytoscape.js, served by Palermo). Entities are added by name, expanded
   to their neighbours through the filters, hidden, pinned, grouped, laid out and coloured; the path between
   two selected entities is highlighted; the chart is saved as a named view and downloaded. Everything on
   the canvas is also in the two tables below it, whose buttons work from the keyboard. */
(function () {
  "use strict";
  const app = document.getElementById("chart-app");
  if (!app || typeof window.cytoscape !== "function") return;
  if (window.cytoscapeFcose) window.cytoscape.use(window.cytoscapeFcose);
  const strings = JSON.parse(document.getElementById("chart-strings").textContent);
  const status = document.getElementById("chart-status");
  const max = Number(app.dataset.max);
  const FAMILY_COLOURS = {
    person: "#1f6fb2", organization: "#2e8540", account: "#d9730d", wallet: "#7b4fb0",
    "case": "#8c564b", address: "#6b7785", event: "#c2417f", asset: "#a08c00", other: "#168f9c",
  };
  const STATE_COLOURS = ["#1f6fb2", "#d9730d", "#2e8540", "#c0392b", "#7b4fb0", "#8c564b", "#c2417f", "#168f9c", "#a08c00", "#34495e"];
  let colourBy = document.getElementById("chart-colour").value;
  let groups = 0;

  function t(name, values) {
    let text = strings[name] || name;
    Object.entries(values || {}).forEach(([key, value]) => { text = text.split("%(" + key + ")s").join(String(value)); });
    return text;
  }
  function say(text) { status.textContent = text; }

  const cy = window.cytoscape({
    container: document.getElementById("chart-canvas"),
    textureOnViewport: true, // pans and zooms a picture of the chart: fluid at 2,000 entities
    hideEdgesOnViewport: true, // and draws the entities alone while the picture is made and moved
    hideLabelsOnViewport: true,
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(label)", "font-size": 10, "text-valign": "bottom",
        "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": 140, width: 22, height: 22,
        "min-zoomed-font-size": 7, color: "#1d2530", "text-background-color": "#ffffff", "text-background-opacity": 0.7,
      } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#003f6e" } },
      { selector: "node.pinned", style: { shape: "round-rectangle" } },
      { selector: "node.group", style: {
        "background-color": "#f3f6f9", "background-opacity": 0.6, "border-width": 1, "border-color": "#5a6573",
        label: "data(label)", "text-valign": "top", shape: "round-rectangle",
      } },
      { selector: "edge", style: {
        width: 1.5, "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1", "target-arrow-shape": "triangle",
        "curve-style": "bezier", label: "data(label)", "font-size": 8, "text-rotation": "autorotate",
        "min-zoomed-font-size": 9, color: "#5a6573", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
      } },
      { selector: "edge.on-path", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b", width: 4 } },
      { selector: "node.on-path", style: { "border-width": 4, "border-color": "#c0392b" } },
      { selector: "node[?listed]", style: { "border-width": 4, "border-style": "double", "border-color": "#b00020" } },
      { selector: ".faded", style: { opacity: 0.25 } },
    ],
  });

  function large() { return cy.nodes().length > 300; }

  function colourOf(data) {
    if (colourBy === "country") {
      if (!data.country) return "#b7c0cc";
      let hash = 0;
      for (const ch of data.country) hash = (hash * 31 + ch.charCodeAt(0)) % 9973;
      return STATE_COLOURS[hash % STATE_COLOURS.length];
    }
    return FAMILY_COLOURS[data.family] || FAMILY_COLOURS.other;
  }
  function recolour() {
    cy.nodes().not(".group").forEach((node) => node.data("colour", colourOf(node.data())));
    legend();
  }
  function legend() {
    const box = document.getElementById("chart-legend");
    const seen = new Map();
    cy.nodes().not(".group").forEach((node) => {
      const key = colourBy === "country" ? (node.data("states") || strings.no_state) : node.data("kind");
      if (!seen.has(key)) seen.set(key, node.data("colour"));
    });
    const items = [...seen].map(([label, colour]) => {
      const item = document.createElement("span");
      const key = document.createElement("span");
      key.className = "key";
      key.style.backgroundColor = colour;
      item.append(key, document.createTextNode(" " + label));
      return item;
    });
    if (cy.nodes("[?listed]").length) {
      const item = document.createElement("span");
      const key = document.createElement("span");
      key.className = "key listed";
      item.append(key, document.createTextNode(" " + strings.listed));
      items.push(item);
    }
    box.replaceChildren(...items);
  }

  // A request that failed has said so in the status line (call); its rejection needs no more handling.
  const quietly = (handler) => (...args) => Promise.resolve(handler(...args)).catch(() => {});

  async function call(url, body) {
    const options = body === undefined ? {} : {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRFToken": app.dataset.csrf },
    };
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", ...options });
    } catch (error) {
      say(strings.offline);
      throw error;
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      say(data.error || strings.failed);
      throw new Error(data.error || response.status);
    }
    return data;
  }

  function shownIds() { return cy.nodes().not(".group").map((node) => node.id()); }

  // Names sorted as the reader's language sorts them (one collator: localeCompare makes one per call).
  const collator = new Intl.Collator(document.documentElement.lang);

  function fresh(items, group) { // the elements not on the chart yet, each once
    const seen = new Set();
    return items.filter((item) => {
      const id = item.data.id;
      if (seen.has(id) || cy.getElementById(id).length) return false;
      seen.add(id);
      return true;
    }).map((item) => ({ group, data: item.data }));
  }

  function merge(result, options) {
    const empty = cy.nodes().not(".group").empty();
    const nodes = fresh(result.nodes, "nodes");
    nodes.forEach((node) => { node.data.colour = colourOf(node.data); });
    const edges = fresh(result.edges, "edges");
    let added = cy.collection();
    cy.batch(() => { // all at once: one call per element costs seconds at 2,000 entities
      added = cy.add(nodes);
      cy.add(edges);
    });
    if (added.length && !(options && options.placed)) place(added, empty, options && options.near);
    refresh();
    return added.length;
  }

  function place(added, all, near) {
    if (all || cy.nodes().length < 60) {
      layout();
      return;
    }
    ring(added, near);
  }

  function ring(added, near) { // the new entities in a ring around those they were found from
    const centre = near && near.length ? near.boundingBox() : cy.extent();
    const cx = (centre.x1 + centre.x2) / 2, cyy = (centre.y1 + centre.y2) / 2;
    added.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / added.length, radius = 80 + 6 * Math.sqrt(added.length);
      node.position({ x: cx + radius * Math.cos(angle), y: cyy + radius * Math.sin(angle) });
    });
  }

  function layout() {
    const name = document.getElementById("chart-layout").value;
    const options = { name, animate: false, fit: true, padding: 40 };
    if (name === "fcose") Object.assign(options, { quality: large() ? "draft" : "default", randomize: true, nodeRepulsion: 6000, idealEdgeLength: 90 });
    // Rings by number of links, entities far enough apart for their labels (Cytoscape's 10 px put them on top of each other).
    if (name === "concentric") Object.assign(options, { concentric: (node) => node.degree(), minNodeSpacing: 120 });
    if (name === "breadthfirst") options.directed = true;
    cy.layout(options).run();
    if (name === "fcose" && large()) {
      spread(cy.nodes().not(".group"));
      cy.fit(undefined, 40);
    }
    if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(); } // a few entities: readable, not huge
  }

  // fCoSE's draft (its spectral step alone: the whole of it takes minutes at 2,000 entities) puts the
  // entities with the same links on one spot — the hundreds around a hub on top of each other. Each entity
  // goes to the free cell nearest its place on a grid with room for twice as many, the innermost first:
  // the picture keeps its shape and no entity hides another. Pinned entities stay where they are.
  const CELL = 44;
  function spread(nodes) {
    const free = nodes.filter((node) => !node.locked());
    if (free.empty()) return;
    const box = free.boundingBox();
    const cx = (box.x1 + box.x2) / 2, cy0 = (box.y1 + box.y2) / 2;
    const scale = (CELL * Math.sqrt(2 * free.length)) / Math.max(box.w, box.h, 1);
    const taken = new Set();
    const cell = (i, j) => i + "," + j;
    nodes.filter((node) => node.locked()).forEach((node) => { // the four cells around a pinned entity
      const x = (node.position("x") - cx) / CELL, y = (node.position("y") - cy0) / CELL;
      [Math.floor(x), Math.ceil(x)].forEach((i) => [Math.floor(y), Math.ceil(y)].forEach((j) => taken.add(cell(i, j))));
    });
    const places = free.map((node) => {
      const p = node.position();
      return { node, x: (p.x - cx) * scale / CELL, y: (p.y - cy0) * scale / CELL };
    }).sort((a, b) => (a.x * a.x + a.y * a.y) - (b.x * b.x + b.y * b.y));
    cy.batch(() => places.forEach((place) => {
      const [i, j] = nearestFree(place.x, place.y, taken, cell);
      taken.add(cell(i, j));
      // Off the cell's centre towards where the entity was, by at most 0.15 of a cell: two neighbours stay
      // apart by more than an entity with its widest border (30 px), and the picture looks less like a grid.
      const off = (wanted, got) => Math.max(-0.15, Math.min(0.15, wanted - got));
      place.node.position({ x: cx + (i + off(place.x, i)) * CELL, y: cy0 + (j + off(place.y, j)) * CELL });
    }));
  }

  function nearestFree(x, y, taken, cell) { // the free cell nearest (x, y), searched ring by ring
    const i0 = Math.round(x), j0 = Math.round(y);
    for (let r = 0; ; r++) {
      let best = null, bestDistance = Infinity;
      for (let i = i0 - r; i <= i0 + r; i++) {
        for (let j = j0 - r; j <= j0 + r; j += (i === i0 - r || i === i0 + r) ? 1 : 2 * r) {
          if (taken.has(cell(i, j))) continue;
          const distance = (i - x) * (i - x) + (j - y) * (j - y);
          if (distance < bestDistance) { best = [i, j]; bestDistance = distance; }
        }
      }
      if (best) return best;
    }
  }

  function filterValues() {
    const box = document.querySelector(".chart-filters");
    const checked = (name) => [...box.querySelectorAll(`input[name=${name}]:checked`)].map((input) => input.value);
    return {
      kinds: checked("kinds"), countries: checked("countries"),
      since: document.getElementById("chart-since").value.trim(),
      until: document.getElementById("chart-until").value.trim(),
      min_sources: document.getElementById("chart-sources").value,
    };
  }

  async function expand(ids) {
    if (!ids.length) { say(strings.select_first); return; }
    const result = await call(app.dataset.elements, {
      ids: shownIds(), expand: ids, depth: document.getElementById("chart-depth").value, filter: filterValues(),
    });
    merge(result, { near: cy.collection(ids.map((id) => cy.getElementById(id))) });
    say(result.message);
  }

  function selected() { return cy.nodes(":selected").not(".group"); }

  function hide() {
    const chosen = selected();
    if (!chosen.length) { say(strings.select_first); return; }
    cy.remove(chosen);
    cy.nodes(".group").forEach((group) => { if (!group.children().length) cy.remove(group); });
    refresh();
    say(strings.hidden);
  }

  function pin() {
    const chosen = selected();
    if (!chosen.length) { say(strings.select_first); return; }
    chosen.forEach((node) => {
      if (node.locked()) { node.unlock(); node.removeClass("pinned"); } else { node.lock(); node.addClass("pinned"); }
    });
    refresh();
  }

  function group() {
    const chosen = selected();
    if (!chosen.length) { say(strings.select_first); return; }
    if (chosen.every((node) => node.parent().length)) {
      chosen.move({ parent: null });
      cy.nodes(".group").forEach((g) => { if (!g.children().length) cy.remove(g); });
      return;
    }
    groups += 1;
    const id = "group-" + groups;
    cy.add({ group: "nodes", data: { id, label: t("group", { number: groups }) }, classes: "group" });
    chosen.move({ parent: id });
  }

  async function path() {
    const chosen = selected();
    if (chosen.length !== 2) { say(strings.select_two); return; }
    const query = new URLSearchParams({
      from: chosen[0].id(), to: chosen[1].id(), k: document.getElementById("chart-k").value,
      weighted: document.getElementById("chart-weighted").checked ? "1" : "0",
    });
    const result = await call(app.dataset.path + "?" + query);
    merge(result, { near: chosen });
    cy.elements().removeClass("on-path faded");
    say(result.message);
    if (!result.paths.length) return;
    const onPath = cy.collection();
    result.paths.forEach((ids) => ids.forEach((id) => { onPath.merge(cy.getElementById(id)); }));
    result.path_edges.forEach((ids) => ids.forEach((id) => { onPath.merge(cy.getElementById(id)); }));
    onPath.addClass("on-path");
    cy.elements().not(onPath).addClass("faded");
  }

  // Each cell carries its column's name: at phone width a row is shown as a block, each value under it.
  const columnNames = (id) => [...document.querySelectorAll(`#${id} thead th`)].map((th) => th.textContent);
  const nodeColumns = columnNames("chart-nodes"), edgeColumns = columnNames("chart-edges");
  function cell(row, text, header, columns) {
    const element = document.createElement(header ? "th" : "td");
    if (header) element.scope = "row";
    if (text instanceof Node) element.append(text); else element.textContent = text;
    element.dir = "auto";
    if (!header) element.dataset.label = columns[row.children.length];
    row.append(element);
    return element;
  }
  function button(label, handler) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "link";
    element.textContent = label;
    element.addEventListener("click", quietly(handler));
    return element;
  }

  // The tables are drawn again once per frame at most, however many changes the frame saw.
  let refreshing = 0;
  function refresh() {
    if (!refreshing) refreshing = window.requestAnimationFrame(() => { refreshing = 0; drawTables(); });
  }

  function drawTables() {
    const nodes = document.querySelector("#chart-nodes tbody");
    const edges = document.querySelector("#chart-edges tbody");
    const nodeRows = cy.nodes().not(".group").sort((a, b) => collator.compare(a.data("label"), b.data("label"))).map((node) => {
      const row = document.createElement("tr");
      const link = document.createElement("a");
      link.href = node.data("url");
      link.textContent = node.data("label");
      const name = cell(row, link, true);
      if (node.data("listed")) name.append(document.createTextNode(" · " + strings.listed));
      cell(row, node.data("kind"), false, nodeColumns);
      cell(row, node.data("states") || "—", false, nodeColumns);
      const actions = cell(row, "", false, nodeColumns);
      actions.append(
        button(node.selected() ? strings.unselect : strings.select, () => { if (node.selected()) node.unselect(); else node.select(); refresh(); }),
        document.createTextNode(" "),
        button(strings.expand, () => expand([node.id()])),
        document.createTextNode(" "),
        button(strings.hide, () => { node.select(); hide(); }),
      );
      if (node.locked()) actions.prepend(document.createTextNode(strings.pinned + " · "));
      return row;
    });
    nodes.replaceChildren(...nodeRows);
    const edgeRows = cy.edges().map((edge) => {
      const row = document.createElement("tr");
      cell(row, edge.source().data("label"), true);
      cell(row, edge.data("label"), false, edgeColumns);
      cell(row, edge.target().data("label"), false, edgeColumns);
      cell(row, String(edge.data("sources")), false, edgeColumns).className = "number";
      return row;
    });
    edges.replaceChildren(...edgeRows);
    legend();
  }

  function state() {
    return {
      nodes: cy.nodes().not(".group").map((node) => ({ id: node.id(), x: node.position("x"), y: node.position("y"), pinned: node.locked() })),
      colour_by: colourBy,
    };
  }

  async function save(event) {
    event.preventDefault();
    const name = document.getElementById("chart-name").value.trim();
    if (!shownIds().length) { say(strings.empty); return; }
    const result = await call(app.dataset.save, { name, state: state() });
    say(result.message);
  }

  async function openSaved(id) {
    const saved = await call(app.dataset.view + id + "/");
    const nodes = saved.state.nodes || [];
    const byId = new Set(nodes.map((node) => node.id));
    colourBy = saved.state.colour_by || "schema";
    document.getElementById("chart-colour").value = colourBy;
    const result = await call(app.dataset.elements, { ids: nodes.map((node) => node.id), expand: [], depth: 1, filter: {} });
    cy.elements().remove();
    merge(result, { placed: true }); // the saved positions, not a layout that they would replace
    cy.batch(() => { // one redraw for all the positions, not one per entity
      nodes.forEach((entry) => {
        const node = cy.getElementById(entry.id);
        if (!node.length) return;
        node.position({ x: entry.x, y: entry.y });
        if (entry.pinned) { node.lock(); node.addClass("pinned"); }
      });
    });
    const unplaced = cy.nodes().filter((node) => !byId.has(node.id()));
    if (unplaced.length) ring(unplaced, cy.nodes().not(unplaced));
    cy.fit(undefined, 30);
    refresh();
    const missing = nodes.length - shownIds().length;
    say([t("opened", { name: saved.name }), result.message, missing > 0 ? strings.missing : ""].filter(Boolean).join(strings.sentence_gap));
  }

  function download(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function escapeXml(text) {
    return String(text).replace(/[<>&"']/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[ch]);
  }
  function svg() {
    const box = cy.elements().boundingBox();
    const pad = 40;
    const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.x1 - pad} ${box.y1 - pad} ${box.w + 2 * pad} ${box.h + 2 * pad}" font-family="sans-serif">`];
    cy.edges().forEach((edge) => {
      const a = edge.source().position(), b = edge.target().position();
      parts.push(`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="#9aa5b1" stroke-width="1.5"><title>${escapeXml(edge.data("label"))}</title></line>`);
    });
    cy.nodes().not(".group").forEach((node) => {
      const p = node.position();
      parts.push(`<circle cx="${p.x}" cy="${p.y}" r="11" fill="${node.data("colour")}"/>`);
      parts.push(`<text x="${p.x}" y="${p.y + 24}" font-size="10" text-anchor="middle">${escapeXml(node.data("label"))}</text>`);
    });
    parts.push("</svg>");
    return new Blob([parts.join("\n")], { type: "image/svg+xml" });
  }

  function exportChart(event) {
    const format = document.getElementById("chart-format").value;
    if (!shownIds().length) { event.preventDefault(); say(strings.empty); return; }
    if (format === "png") {
      event.preventDefault();
      download(cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), "chart.png");
    } else if (format === "svg") {
      event.preventDefault();
      download(svg(), "chart.svg");
    } else {
      document.getElementById("chart-export-ids").value = JSON.stringify(shownIds());
    }
  }

  async function search(event) {
    event.preventDefault();
    const query = document.getElementById("chart-search").value.trim();
    const list = document.getElementById("chart-search-results");
    if (!query) { list.replaceChildren(); return; }
    const result = await call(app.dataset.search + "?" + new URLSearchParams({ q: query }));
    if (!result.results.length) {
      const item = document.createElement("li");
      item.textContent = strings.nothing_found;
      list.replaceChildren(item);
      return;
    }
    list.replaceChildren(...result.results.map((found) => {
      const item = document.createElement("li");
      const add = button(found.label, async () => {
        if (shownIds().length >= max) { say(strings.full); return; }
        const added = await call(app.dataset.elements, { ids: shownIds().concat([found.id]), expand: [], depth: 1, filter: {} });
        merge(added);
        cy.getElementById(found.id).select();
        refresh();
        say(added.message);
      });
      add.dir = "auto";
      item.append(add, document.createTextNode(" — " + found.kind));
      return item;
    }));
  }

  const actions = {
    expand: () => expand(selected().map((node) => node.id())),
    hide, pin, group, path, layout,
    fit: () => cy.fit(undefined, 30),
    clear: () => { cy.elements().remove(); refresh(); say(strings.start); },
    "open-view": () => { window.location.search = "?view=" + document.getElementById("chart-views").value; },
    "delete-view": async () => {
      const id = document.getElementById("chart-views").value;
      if (!window.confirm(strings.confirm_remove)) return;
      await call(app.dataset.view + id + "/delete/", {});
      window.location.search = "";
    },
  };
  app.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (target && actions[target.dataset.action]) quietly(actions[target.dataset.action])();
  });
  document.getElementById("chart-colour").addEventListener("change", (event) => { colourBy = event.target.value; recolour(); });
  document.getElementById("chart-layout").addEventListener("change", () => { if (cy.nodes().length) layout(); });
  document.getElementById("chart-search-form").addEventListener("submit", quietly(search));
  document.getElementById("chart-export-form").addEventListener("submit", quietly(exportChart));
  const saveForm = document.getElementById("chart-save-form");
  if (saveForm) saveForm.addEventListener("submit", quietly(save));
  cy.on("select unselect", "node", () => {
    const chosen = selected();
    if (chosen.length === 1) say(chosen[0].data("label") + " — " + chosen[0].data("kind") + (chosen[0].data("states") ? " — " + chosen[0].data("states") : ""));
  });
  cy.on("dbltap", "node", quietly((event) => { if (!event.target.hasClass("group")) return expand([event.target.id()]); }));
  cy.on("tap", (event) => { if (event.target === cy) cy.elements().removeClass("on-path faded"); });
  document.getElementById("chart-canvas").addEventListener("keydown", (event) => {
    const keys = { e: "expand", "+": "expand", h: "hide", Delete: "hide", p: "pin", f: "fit", g: "group" };
    if (keys[event.key]) { event.preventDefault(); quietly(actions[keys[event.key]])(); }
  });

  if (app.dataset.saved) {
    openSaved(app.dataset.saved);
  } else if (app.dataset.ids) {
    call(app.dataset.elements, { ids: app.dataset.ids.split(","), expand: [], depth: 1, filter: {} }).then((result) => {
      merge(result);
      say(result.message);
    });
  } else if (app.dataset.start) {
    call(app.dataset.elements, { ids: [], expand: [app.dataset.start], depth: 1, filter: {} }).then((result) => {
      merge(result);
      cy.getElementById(app.dataset.start).select();
      refresh();
      say(result.message);
    });
  } else {
    say(strings.start);
  }
}());
