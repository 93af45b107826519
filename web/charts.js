// SVG charts built with DOM APIs only: every text from the backlog reaches
// the document through textContent or setAttribute, never as markup.
const NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes, appended to parent when given. */
export function el(tag, attrs = {}, parent = null) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

/** A <text> with its content set as text. */
export function label(parent, x, y, content, attrs = {}) {
  const t = el("text", { x, y, ...attrs }, parent);
  t.textContent = String(content);
  return t;
}

function root(width, height, title) {
  const svg = el("svg", { xmlns: NS, viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
  el("title", {}, svg).textContent = title;
  return svg;
}

// Long ids are cut for the labels (the full id is in the element's <title>).
function short(s, n = 22) {
  const chars = [...s];
  return chars.length > n ? chars.slice(0, n - 1).join("") + "…" : s;
}

const fmt = (v, digits = 2) => (v === null || v === undefined ? "–" : Number(v).toFixed(digits));

/** P(top k) bars and the central rank interval with the median rank, one row
 * per feature (the first `limit` of the point-estimate ranking). */
export function simulationChart(sim, limit = 20) {
  const rows = [...sim.features].sort((a, b) => a.rank - b.rank).slice(0, limit);
  const n = sim.features.length;
  const rowH = 22, top = 40, left = 170, barW = 200, gap = 40, rankW = 320;
  const width = left + barW + gap + rankW + 20, height = top + rows.length * rowH + 30;
  const svg = root(width, height, `P(top ${sim.top_k}) and ${Math.round(sim.interval * 100)}% rank intervals`);
  label(svg, left, 16, `P(top ${sim.top_k})`, { "font-weight": "bold" });
  label(svg, left + barW + gap, 16, `rank: ${Math.round(sim.interval * 100)}% interval, ● median`, { "font-weight": "bold" });
  const x = (r) => left + barW + gap + ((r - 1) / Math.max(1, n - 1)) * rankW;
  for (const t of [1, Math.ceil(n / 2), n]) {
    el("line", { x1: x(t), x2: x(t), y1: top - 8, y2: height - 24, class: "axis" }, svg);
    label(svg, x(t), height - 8, t, { "text-anchor": "middle" });
  }
  rows.forEach((f, i) => {
    const y = top + i * rowH;
    const g = el("g", { class: "sim-row", "data-id": f.id }, svg);
    el("title", {}, g).textContent = `${f.id}: P(top ${sim.top_k}) = ${f.p_top_k}, median rank ${f.median_rank}, interval ${f.rank_lo}–${f.rank_hi}`;
    label(g, left - 8, y + 14, short(f.id), { "text-anchor": "end" });
    el("rect", { x: left, y: y + 3, width: barW, height: rowH - 8, class: "bar2", opacity: 0.25 }, g);
    el("rect", { x: left, y: y + 3, width: Math.max(0, f.p_top_k) * barW, height: rowH - 8, class: "bar" }, g);
    label(g, left + barW + 4, y + 14, fmt(f.p_top_k));
    if (f.rank_lo !== null && f.rank_hi !== null) {
      el("line", { x1: x(f.rank_lo), x2: x(f.rank_hi), y1: y + 10, y2: y + 10, class: "interval" }, g);
      if (f.median_rank !== null) el("circle", { cx: x(f.median_rank), cy: y + 10, r: 4, class: "median" }, g);
    }
  });
  return svg;
}

/** Tornado of the weights: the relative change down (left) and up (right) of
 * each weight at which another feature takes first place; shorter bars are
 * more sensitive weights. Changes beyond ±range are drawn at the edge. */
export function tornadoChart(sens, range = 2) {
  const rows = [...sens.weights].sort((a, b) => magnitude(a) - magnitude(b));
  const rowH = 26, top = 40, left = 150, half = 220;
  const width = left + 2 * half + 120, height = top + rows.length * rowH + 30;
  const svg = root(width, height, `Sensitivity of the weights (top feature: ${sens.first})`);
  label(svg, left, 16, `relative weight change that dethrones '${short(sens.first, 30)}'`, { "font-weight": "bold" });
  const mid = left + half;
  const scale = (v) => (Math.max(-range, Math.min(range, v)) / range) * half;
  el("line", { x1: mid, x2: mid, y1: top - 8, y2: height - 24, class: "axis" }, svg);
  for (const t of [-range, -1, 0, 1, range]) label(svg, mid + scale(t), height - 8, (t > 0 ? "+" : "") + t, { "text-anchor": "middle" });
  rows.forEach((w, i) => {
    const y = top + i * rowH;
    const g = el("g", { class: "tornado-row", "data-criterion": w.criterion }, svg);
    el("title", {}, g).textContent = `${w.criterion} (weight ${w.weight}): down ${w.top1_down ?? "none"} (${w.top1_down_rival ?? "-"}), up ${w.top1_up ?? "none"} (${w.top1_up_rival ?? "-"})`;
    label(g, left - 8, y + 16, short(w.criterion), { "text-anchor": "end" });
    if (w.top1_down !== null) {
      const d = -scale(w.top1_down);
      el("rect", { x: mid - d, y: y + 4, width: d, height: rowH - 8, class: "down" }, g);
    }
    if (w.top1_up !== null) el("rect", { x: mid, y: y + 4, width: scale(w.top1_up), height: rowH - 8, class: "up" }, g);
    label(g, mid + half + 8, y + 16, `${fmt(w.top1_down)} / ${fmt(w.top1_up)}`);
  });
  return svg;
}
function magnitude(w) {
  const vals = [w.top1_down, w.top1_up].filter((v) => v !== null).map(Math.abs);
  return vals.length ? Math.min(...vals) : Infinity;
}

/** The dependency graph, drawn in layers: a feature sits one column right of
 * its deepest prerequisite; arrows run from prerequisite to dependent. */
export function graphChart(features) {
  const ids = new Map(features.map((f, i) => [f.id, i]));
  const deps = features.map((f) => (f.depends_on ?? []).filter((d) => ids.has(d)).map((d) => ids.get(d)));
  const depth = new Array(features.length).fill(-1);
  const visiting = new Uint8Array(features.length);
  const depthOf = (i) => {
    if (depth[i] >= 0) return depth[i];
    if (visiting[i]) return 0; // a cycle: prio reports it; draw it anyway
    visiting[i] = 1;
    let d = 0;
    for (const p of deps[i]) d = Math.max(d, depthOf(p) + 1);
    visiting[i] = 0;
    return (depth[i] = d);
  };
  features.forEach((_, i) => depthOf(i));
  const columns = [];
  features.forEach((_, i) => (columns[depth[i]] ??= []).push(i));
  const boxW = 150, boxH = 24, colGap = 60, rowGap = 10, pad = 10;
  const tallest = Math.max(...columns.map((c) => c.length));
  const width = pad * 2 + columns.length * boxW + (columns.length - 1) * colGap;
  const height = pad * 2 + tallest * (boxH + rowGap);
  const svg = root(width, height, "Dependency graph");
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
  el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }, marker);
  const pos = [];
  columns.forEach((col, c) => col.forEach((i, r) => (pos[i] = { x: pad + c * (boxW + colGap), y: pad + r * (boxH + rowGap) })));
  features.forEach((f, i) => {
    for (const p of deps[i]) {
      const a = pos[p], b = pos[i];
      const x1 = a.x + boxW, y1 = a.y + boxH / 2, x2 = b.x, y2 = b.y + boxH / 2;
      el("path", { d: `M ${x1} ${y1} C ${x1 + colGap / 2} ${y1}, ${x2 - colGap / 2} ${y2}, ${x2} ${y2}`, class: "edge", "marker-end": "url(#arrow)", "data-from": features[p].id, "data-to": f.id }, svg);
    }
  });
  features.forEach((f, i) => {
    const g = el("g", { class: "graph-node", "data-id": f.id }, svg);
    el("title", {}, g).textContent = f.title ? `${f.id}: ${f.title}` : f.id;
    el("rect", { x: pos[i].x, y: pos[i].y, width: boxW, height: boxH, rx: 4, class: "node" }, g);
    label(g, pos[i].x + 6, pos[i].y + 16, short(f.id, 20));
  });
  return svg;
}

const moscowFill = { must: "#c5221f", should: "#0b57d0", could: "#5f6368", wont: "#9aa0a6" };

/** The sprint plan as a roadmap: one lane per sprint, a box per feature as
 * wide as its effort. Colours and fonts are attributes, so the exported file
 * looks the same outside the page. */
export function roadmapChart(plan, info) {
  const lanes = plan.sprints;
  const maxCap = Math.max(1, ...lanes.map((s) => Math.max(s.capacity, s.used)));
  const left = 90, laneH = 40, top = 34, scale = 640 / maxCap;
  const width = left + 640 + 20, height = top + lanes.length * laneH + 10;
  const svg = root(width, height, `Roadmap (${plan.strategy})`);
  const font = { "font-family": "system-ui, DejaVu Sans, sans-serif", "font-size": 12 };
  el("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }, svg);
  label(svg, 8, 20, `Roadmap: ${plan.strategy}, capacity ${plan.capacity.join(", ")}`, { ...font, "font-weight": "bold", fill: "#1a1a1a" });
  lanes.forEach((s, i) => {
    const y = top + i * laneH;
    const lane = el("g", { class: "sprint", "data-sprint": s.sprint }, svg);
    label(lane, 8, y + 24, `Sprint ${s.sprint}`, { ...font, fill: "#1a1a1a" });
    el("rect", { x: left, y: y + 4, width: s.capacity * scale, height: laneH - 8, fill: "none", stroke: "#7a8594", "stroke-dasharray": "4 3" }, lane);
    let x = left;
    for (const id of s.features) {
      const f = info.get(id) ?? {};
      const w = Math.max(2, (f.effort ?? 0) * scale);
      const g = el("g", { class: "roadmap-item", "data-id": id }, lane);
      el("title", {}, g).textContent = `${id}${f.title ? ": " + f.title : ""} (effort ${f.effort ?? "?"})`;
      el("rect", { x, y: y + 6, width: w, height: laneH - 12, rx: 3, fill: moscowFill[f.moscow] ?? "#188038", stroke: "#ffffff" }, g);
      if (w > 30) label(g, x + 4, y + 24, short(id, Math.floor(w / 7)), { ...font, "font-size": 11, fill: "#ffffff" });
      x += w;
    }
  });
  return svg;
}
