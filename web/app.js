// prio's web page: loads a backlog, ranks it with prio's WebAssembly (the npm
// package in ../js) in a worker, explains, simulates, plans and exports.
// Every text from the user's file reaches the page through textContent or
// attribute setters (never innerHTML), and SVG is built with DOM calls.
import { PrioError } from "../js/index.js";
import { PrioWorker } from "../js/worker.js";
import { graphChart, roadmapChart, simulationChart, tornadoChart } from "./charts.js";

const $ = (id) => document.getElementById(id);
const PAGE = 100; // rows drawn per "show more"
const GRAPH_LIMIT = 400; // features drawn in the dependency graph
const DEFAULT_WEIGHTS = { retention: 0.6, revenue: 0.4, effort: -0.3 };

// ---- the engine worker (holds the backlog) ----------------------------------
function revive(error) {
  if (error.name === "PrioError") return new PrioError(error);
  if (error.name === "TypeError") return new TypeError(error.message);
  return new Error(error.message);
}

class Engine {
  #worker = new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module", name: "prio-engine" });
  #pending = new Map();
  #next = 1;
  constructor() {
    this.#worker.onmessage = ({ data: { id, result, error } }) => {
      const p = this.#pending.get(id);
      this.#pending.delete(id);
      if (error) p?.reject(revive(error));
      else p?.resolve(result);
    };
    this.#worker.onerror = (e) => {
      for (const p of this.#pending.values()) p.reject(new Error(`engine worker failed: ${e.message ?? e}`));
      this.#pending.clear();
    };
  }
  request(op, data = {}) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...data, id, op });
    });
  }
  call(method, ...args) {
    return this.request("call", { method, args });
  }
}

const engine = new Engine();

const state = {
  loaded: false,
  name: "",
  size: 0,
  attributes: [],
  shown: PAGE,
  rows: [], // the drawn ranking rows
  ranks: new Map(), // id -> rank as last drawn
  selected: null,
  second: null,
  token: 0,
  pending: 0, // rankings in flight
  simWorker: null,
  simRun: 0,
  plan: null,
};

// ---- small DOM helpers ---------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
// Each finished step is announced as a "prio:<name>" event and counted in
// <html data-<name>="n"> (what the end-to-end tests wait for).
function emit(name, detail = {}) {
  const root = document.documentElement;
  root.dataset[name] = String(Number(root.dataset[name] ?? 0) + 1);
  (window.prioLast ??= {})[name] = detail;
  document.dispatchEvent(new CustomEvent(`prio:${name}`, { detail }));
}
const status = (text) => ($("status").textContent = text);
// Scores for people (the exact number is in the cell's data-score).
const show = (v) => (v === null || v === undefined ? "–" : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
const moscowLabel = (m) => (m === "wont" ? "won't" : m ?? "");

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- diagnostics ---------------------------------------------------------------
// A diagnostic laid out as the tool prints it (prio::Diagnostic::to_string):
// FILE:LINE:COL: error: feature 'ID', field 'F': message.
function diagnosticLine(d) {
  let out = "";
  const file = d.file || state.name;
  if (file) out += file + (d.line ? `:${d.line}` + (d.column ? `:${d.column}` : "") : "") + ": ";
  out += `${d.severity ?? "error"}: `;
  if (d.feature) out += `feature '${d.feature}'` + (d.field ? `, field '${d.field}'` : "") + ": ";
  else if (d.field) out += `field '${d.field}': `;
  return out + d.message;
}

function showProblems(error) {
  const list = $("diagnostics-list");
  list.replaceChildren();
  const diags = error instanceof PrioError && error.diagnostics.length
    ? error.diagnostics
    : [{ severity: "error", message: error.description ?? error.message, file: error.file ?? "", line: error.line ?? 0, column: error.column ?? 0,
      feature: error.feature ?? "", field: error.field ?? "" }];
  for (const d of diags) {
    list.append(h("li", { class: d.severity === "warning" ? "warning" : "error", "data-line": d.line || null, "data-column": d.column || null },
      diagnosticLine(d)));
  }
  $("diagnostics-file").textContent = state.name || "the backlog";
  $("diagnostics").hidden = false;
}

function clearProblems() {
  $("diagnostics").hidden = true;
  $("diagnostics-list").replaceChildren();
}

// ---- strategy options --------------------------------------------------------
function weightsString() {
  return [...$("weights").querySelectorAll("input")]
    .filter((i) => i.value !== "" && Number(i.value) !== 0)
    .map((i) => `${i.dataset.attribute}=${Number(i.value)}`)
    .join(",");
}

function strategyOptions() {
  const by = $("by").value;
  if (by === "moscow") return { by: `moscow:${$("secondary").value}` };
  if (by === "weighted") return { by: `weighted:${$("normalization").value}`, weights: weightsString() };
  return { by };
}

function rankOptions() {
  return { ...strategyOptions(), order: $("order").value };
}

function buildWeights() {
  const box = $("weights");
  const old = new Map([...box.querySelectorAll("input")].map((i) => [i.dataset.attribute, i.value]));
  box.replaceChildren();
  const names = state.attributes.filter((a) => !/_(lo|hi)$/.test(a));
  names.forEach((a, k) => {
    const input = h("input", { type: "number", step: "any", id: `weight-${k}`, "data-attribute": a,
      value: old.get(a) ?? DEFAULT_WEIGHTS[a] ?? 0 });
    box.append(h("label", { for: `weight-${k}` }, a, input));
  });
}

// Actions that need a loaded backlog are off until one is.
const ACTIONS = ["export-csv", "export-json", "export-md", "simulate", "run-sensitivity", "draw-graph", "run-plan"];
function enableActions(on) {
  for (const id of ACTIONS) $(id).disabled = !on;
  if (!on) $("export-roadmap").disabled = true;
}

function syncControls() {
  const by = $("by").value;
  $("secondary-box").hidden = by !== "moscow";
  $("weights-box").hidden = by !== "weighted";
}

// ---- loading -------------------------------------------------------------------
function formatOf(name, text) {
  if (/\.json$/i.test(name)) return "json";
  if (/\.csv$/i.test(name)) return "csv";
  return /^\s*[[{]/.test(text) ? "json" : "csv";
}

async function openText(text, name) {
  const t0 = performance.now();
  state.name = name;
  state.loaded = false;
  state.ranks = new Map();
  state.selected = state.second = null;
  state.shown = PAGE;
  enableActions(false);
  $("source-name").textContent = `${name} (${text.length.toLocaleString("en")} characters)`;
  status(`Reading ${name}…`);
  $("explain-body").replaceChildren(h("p", { class: "muted" }, "Select a feature in the ranking."));
  for (const id of ["sim-chart", "sens-chart", "graph-chart", "plan-chart"]) $(id).replaceChildren();
  try {
    const info = await engine.request("open", { text, name, format: formatOf(name, text) });
    state.size = info.size;
    state.attributes = info.attributes;
    state.loaded = true;
    enableActions(true);
  } catch (e) {
    state.size = 0;
    $("rows").replaceChildren();
    $("ranking-meta").textContent = "";
    showProblems(e);
    status(`${name}: could not be read (${e instanceof PrioError ? e.diagnostics.length || 1 : 1} problem(s) listed below)`);
    emit("loaded", { ok: false });
    return;
  }
  buildWeights();
  await rerank();
  status(`${name}: ${state.size.toLocaleString("en")} features, read and ranked in ${Math.round(performance.now() - t0)} ms`);
  emit("loaded", { ok: true, ms: performance.now() - t0 });
}

async function openFile(file) {
  if (!file) return;
  await openText(await file.text(), file.name);
}

// ---- ranking -------------------------------------------------------------------
async function rerank(options) {
  document.documentElement.dataset.pending = String(++state.pending);
  try {
    await rankAndDraw(options);
  } finally {
    document.documentElement.dataset.pending = String(--state.pending);
  }
}

async function rankAndDraw({ moved = false } = {}) {
  if (!state.loaded) return;
  const t0 = performance.now();
  const token = ++state.token;
  let report;
  try {
    report = await engine.call("rankReport", { ...rankOptions(), top: state.shown });
  } catch (e) {
    if (token !== state.token) return;
    state.rows = [];
    $("rows").replaceChildren();
    $("ranking-meta").textContent = "";
    showProblems(e);
    status(`Cannot rank with ${strategyOptions().by}: see the problems listed under Backlog`);
    emit("ranked", { ok: false });
    return;
  }
  if (token !== state.token) return;
  clearProblems();
  drawTable(report, moved);
  const ms = performance.now() - t0;
  $("timing").textContent = `ranked and drawn in ${ms.toFixed(1)} ms`;
  emit("ranked", { ok: true, ms });
}

const COLUMNS = [["Rank", "num"], ["ID"], ["Title"], ["Score", "num"], ["MoSCoW"], ["Blocked by"]];

function drawTable(report, moved) {
  const head = $("table-head");
  if (!head.children.length) for (const [name, cls] of COLUMNS) head.append(h("th", { scope: "col", class: cls }, name));
  const focusedId = document.activeElement?.closest?.("#rows tr")?.dataset.id;
  const before = state.ranks;
  const frag = document.createDocumentFragment();
  for (const r of report.ranking) {
    const old = before.get(r.id);
    const shift = moved && old !== undefined ? old - r.rank : 0;
    const isMoved = moved && (old === undefined || shift !== 0);
    const rank = h("td", { class: "num" }, String(r.rank));
    if (isMoved && shift) rank.append(" ", h("span", { class: shift > 0 ? "arrow-up" : "arrow-down", "aria-label": shift > 0 ? `up ${shift}` : `down ${-shift}` }, shift > 0 ? `▲${shift}` : `▼${-shift}`));
    const tr = h("tr", { "data-id": r.id, "data-rank": r.rank, tabindex: -1, "aria-selected": r.id === state.selected ? "true" : "false",
      class: [isMoved ? "moved" : "", r.id === state.second ? "second" : ""].join(" ").trim() || null },
      rank,
      h("td", {}, r.id),
      h("td", {}, r.title),
      h("td", { class: "num", "data-score": r.score === null ? "null" : String(r.score) }, show(r.score)),
      h("td", {}, moscowLabel(r.moscow)),
      h("td", {}, r.blocked_by.join(", ")));
    frag.append(tr);
  }
  $("rows").replaceChildren(frag);
  state.rows = report.ranking;
  state.ranks = new Map(report.ranking.map((r) => [r.id, r.rank]));
  const rows = $("rows").rows;
  const focus = [...rows].find((tr) => tr.dataset.id === (focusedId ?? state.selected)) ?? rows[0];
  if (focus) focus.tabIndex = 0;
  if (focusedId && focus) focus.focus();
  $("ranking-meta").textContent = `— ${report.strategy}, order ${report.order}; ${Math.min(state.shown, state.size).toLocaleString("en")} of ${state.size.toLocaleString("en")} shown`;
  $("more").hidden = state.shown >= state.size;
}

// ---- selection, keyboard ---------------------------------------------------------
function focusRow(tr) {
  if (!tr) return;
  for (const r of $("rows").querySelectorAll("tr[tabindex='0']")) r.tabIndex = -1;
  tr.tabIndex = 0;
  tr.focus();
}

function select(id, asSecond) {
  if (asSecond && state.selected && id !== state.selected) state.second = state.second === id ? null : id;
  else {
    state.selected = id;
    state.second = null;
  }
  for (const tr of $("rows").rows) {
    tr.setAttribute("aria-selected", tr.dataset.id === state.selected ? "true" : "false");
    tr.classList.toggle("second", tr.dataset.id === state.second);
  }
  explain();
}

function onKey(e) {
  const tr = e.target.closest("tr");
  if (!tr) return;
  const rows = $("rows").rows;
  const i = tr.sectionRowIndex;
  const go = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1, PageDown: i + 10, PageUp: i - 10 }[e.key];
  if (go !== undefined) {
    e.preventDefault();
    focusRow(rows[Math.max(0, Math.min(rows.length - 1, go))]);
  } else if (e.key === "Enter") {
    e.preventDefault();
    select(tr.dataset.id, e.shiftKey);
  } else if (e.key === " ") {
    e.preventDefault();
    select(tr.dataset.id, true);
  }
}

// ---- explanations and inline edits ------------------------------------------------
async function explain() {
  const body = $("explain-body");
  if (!state.selected) return body.replaceChildren(h("p", { class: "muted" }, "Select a feature in the ranking."));
  const a = state.selected, b = state.second;
  try {
    if (b) drawPair(await engine.call("explain", a, b, strategyOptions()));
    else drawExplanation(await engine.call("explain", a, strategyOptions()));
  } catch (e) {
    body.replaceChildren(h("p", { class: "error" }, e.message));
  }
  emit("explained");
}

const num = (v) => (v === null || v === undefined ? "–" : String(v));

function drawExplanation(x) {
  const table = h("table", { id: "terms" },
    h("caption", { class: "visually-hidden" }, `Terms of ${x.id}'s score`),
    h("thead", {}, h("tr", {}, ...["Term", "Attribute", "Role", "Value", "Normalized", "Weight", "Contribution", "Note"].map((c) => h("th", { scope: "col" }, c)))));
  const tbody = h("tbody");
  x.terms.forEach((t, k) => {
    const editable = t.attribute && state.attributes.includes(t.attribute);
    const value = editable
      ? h("input", { type: "number", step: "any", value: t.raw ?? "", id: `edit-${k}`, class: "estimate", "data-attribute": t.attribute,
        "aria-label": `${t.attribute} of ${x.id}` })
      : num(t.raw);
    tbody.append(h("tr", { "data-term": t.name }, h("td", {}, t.name), h("td", {}, t.attribute), h("td", {}, t.role), h("td", { class: "num" }, value),
      h("td", { class: "num" }, num(t.normalized)), h("td", { class: "num" }, num(t.weight)), h("td", { class: "num" }, num(t.contribution)), h("td", {}, t.note)));
  });
  table.append(tbody);
  const notes = h("ul", {}, ...x.notes.map((n) => h("li", {}, n)));
  $("explain-body").replaceChildren(
    h("h3", {}, h("span", { class: "explain-id" }, x.id), " — ", x.title),
    h("p", {}, "Strategy ", h("strong", {}, x.strategy), ": ", h("span", { class: "formula" }, x.formula)),
    h("p", {}, "Score ", h("strong", { class: "explain-score", "data-score": x.score === null ? "null" : String(x.score) }, show(x.score)),
      x.category ? ` (MoSCoW: ${moscowLabel(x.category)})` : ""),
    table,
    x.notes.length ? notes : "",
    h("p", { class: "muted" }, "Change a value and press Enter (or leave the field): the ranking updates and moved rows are highlighted."));
  for (const input of tbody.querySelectorAll("input.estimate")) input.addEventListener("change", () => editEstimate(x.id, input));
}

function drawPair(p) {
  const [first, second] = p.a_first ? [p.a, p.b] : [p.b, p.a];
  const table = h("table", { id: "differences" },
    h("thead", {}, h("tr", {}, ...["Term", p.a.id, p.b.id, "Share of the gap"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...p.differences.map((d) => h("tr", {}, h("td", {}, d.name), h("td", { class: "num" }, num(d.a)), h("td", { class: "num" }, num(d.b)),
      h("td", { class: "num" }, d.share === null ? "–" : `${(d.share * 100).toFixed(1)}%`)))));
  $("explain-body").replaceChildren(
    h("h3", { class: "pair-title" }, `Why is ${first.id} above ${second.id}?`),
    h("p", { class: "pair-reason" }, p.reason),
    h("p", {}, `${p.a.id}: ${show(p.a.score)} · ${p.b.id}: ${show(p.b.score)} (${p.a.strategy})`),
    table);
}

async function editEstimate(id, input) {
  const value = input.value === "" ? null : Number(input.value);
  const t0 = performance.now();
  try {
    await engine.request("edit", { feature: id, attribute: input.dataset.attribute, value });
  } catch (e) {
    status(`Edit refused: ${e.message}`);
    input.setAttribute("aria-invalid", "true");
    return;
  }
  await rerank({ moved: true });
  status(`${id}: ${input.dataset.attribute} = ${input.value}; re-ranked in ${(performance.now() - t0).toFixed(1)} ms`);
  emit("edited", { ms: performance.now() - t0 });
  explain();
}

// ---- exports ---------------------------------------------------------------------
async function exportRanking(kind) {
  const opts = { ...rankOptions(), top: 0 };
  try {
    if (kind === "csv") download("ranking.csv", "text/csv", await engine.call("rankCsv", opts));
    else if (kind === "json") download("ranking.json", "application/json", JSON.stringify(await engine.call("rankReport", opts), null, 2) + "\n");
    else download("ranking.md", "text/markdown", markdown(await engine.call("rankReport", opts)));
  } catch (e) {
    showProblems(e);
  }
}

// Markdown cell: backslash-escapes what Markdown or a table would read as
// syntax (| * _ ` [ ] < > # and the backslash itself); no line breaks.
export function mdCell(s) {
  return String(s).replace(/[\\`*_{}[\]()<>#+!|~-]/g, (c) => "\\" + c).replace(/[\r\n]+/g, " ");
}

function markdown(report) {
  const lines = [`| Rank | ID | Title | Score | MoSCoW | Blocked by |`, `|---:|---|---|---:|---|---|`];
  for (const r of report.ranking)
    lines.push(`| ${r.rank} | ${mdCell(r.id)} | ${mdCell(r.title)} | ${r.score ?? ""} | ${moscowLabel(r.moscow)} | ${mdCell(r.blocked_by.join(", "))} |`);
  return lines.join("\n") + "\n";
}

// ---- Monte Carlo in a PrioWorker --------------------------------------------------
async function simulate() {
  if (!state.loaded) return;
  const run = ++state.simRun;
  const options = {
    ...strategyOptions(), order: "none",
    draws: Number($("draws").value), seed: Number($("seed").value), top: Number($("topk").value), distribution: $("distribution").value,
  };
  $("simulate").disabled = true;
  $("cancel").disabled = false;
  $("sim-progress").hidden = false;
  $("sim-chart").replaceChildren();
  const t0 = performance.now();
  const bar = $("sim-progress");
  bar.removeAttribute("value"); // indeterminate until the first block of draws is done
  let done = 0;
  const show = () => {
    const share = done ? ` ${Math.floor((100 * done) / options.draws)}% (${done.toLocaleString("en")} done)` : "";
    $("sim-status").textContent = `Running ${options.draws.toLocaleString("en")} draws in a worker…${share} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  };
  const tick = setInterval(show, 100);
  show();
  // The worker reports after each block of draws.
  options.onProgress = (d, total) => {
    if (run !== state.simRun) return;
    done = d;
    bar.max = total;
    bar.value = d;
  };
  try {
    const source = { csv: await engine.request("source"), options: { percentColumns: [] } };
    state.simWorker ??= await PrioWorker.start(new URL("../js/worker.js", import.meta.url));
    const sim = await state.simWorker.simulate(source, options);
    if (run !== state.simRun) return;
    $("sim-chart").replaceChildren(simulationChart(sim));
    $("sim-status").textContent = `${sim.draws.toLocaleString("en")} draws (seed ${sim.seed}, ${sim.distribution}) in ${((performance.now() - t0) / 1000).toFixed(2)} s; uncertain: ${sim.uncertain.join(", ") || "none"}`;
    window.prioLastSimulation = sim;
    emit("simulated", { ok: true });
  } catch (e) {
    if (run !== state.simRun) return;
    $("sim-status").textContent = `Simulation failed: ${e.message}`;
    emit("simulated", { ok: false });
  } finally {
    clearInterval(tick);
    if (run === state.simRun) finishSimulation();
  }
}

function finishSimulation() {
  $("simulate").disabled = !state.loaded;
  $("cancel").disabled = true;
  $("sim-progress").hidden = true;
}

function cancelSimulation() {
  state.simRun++;
  state.simWorker?.terminate();
  state.simWorker = null; // the next run starts a fresh worker
  finishSimulation();
  $("sim-status").textContent = "Simulation cancelled.";
  emit("simulated", { ok: false, cancelled: true });
}

// ---- sensitivity, graph, plan ---------------------------------------------------
async function sensitivity() {
  $("sens-chart").replaceChildren();
  try {
    const s = await engine.call("sensitivity", { weights: weightsString(), normalization: $("normalization").value });
    $("sens-chart").replaceChildren(tornadoChart(s));
    $("sens-status").textContent = `top feature: ${s.first}`;
  } catch (e) {
    $("sens-status").textContent = e.message;
  }
}

async function drawGraph() {
  if (!state.loaded) return;
  if (state.size > GRAPH_LIMIT) {
    $("graph-status").textContent = `${state.size.toLocaleString("en")} features: too many to draw (up to ${GRAPH_LIMIT}).`;
    return;
  }
  const features = (await engine.request("features", { ids: null })).map((f) => ({ ...f, depends_on: f.depends_on ?? [] }));
  $("graph-chart").replaceChildren(graphChart(features));
  $("graph-status").textContent = `${features.length} features, ${features.reduce((n, f) => n + f.depends_on.length, 0)} dependencies`;
}

async function plan() {
  if (!state.loaded) return;
  try {
    const p = await engine.call("plan", { ...strategyOptions(), order: $("order").value, capacity: Number($("capacity").value), sprints: Number($("sprints").value) });
    const planned = p.sprints.flatMap((sprint) => sprint.features);
    const info = new Map((await engine.request("features", { ids: planned, attribute: "effort" })).map((f) => [f.id, { title: f.title, moscow: f.moscow, effort: f.value }]));
    state.plan = roadmapChart(p, info);
    $("plan-chart").replaceChildren(state.plan);
    $("plan-status").textContent = `${p.sprints.length} sprint(s); ${p.unplanned.length} feature(s) not planned`;
    $("export-roadmap").disabled = false;
  } catch (e) {
    $("plan-status").textContent = e.message;
  }
}

// ---- wiring -----------------------------------------------------------------------
function wire() {
  $("file").addEventListener("change", (e) => openFile(e.target.files[0]));
  $("sample").addEventListener("click", async () => {
    const res = await fetch(new URL("../examples/backlog.csv", import.meta.url));
    await openText(await res.text(), "backlog.csv");
  });
  const drop = $("drop");
  for (const t of [document.body, drop]) t.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  document.body.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) drop.classList.remove("over");
  });
  document.body.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    openFile(e.dataTransfer?.files?.[0]);
  });
  drop.addEventListener("keydown", (e) => {
    if (e.target === drop && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      $("file").click();
    }
  });
  for (const id of ["by", "secondary", "order", "normalization"]) $(id).addEventListener("change", () => {
    syncControls();
    rerank();
    if (state.selected) explain();
  });
  $("weights").addEventListener("change", () => {
    rerank();
    if (state.selected) explain();
  });
  const rows = $("rows");
  rows.addEventListener("click", (e) => {
    const tr = e.target.closest("tr");
    if (!tr) return;
    focusRow(tr);
    select(tr.dataset.id, e.shiftKey);
  });
  rows.addEventListener("keydown", onKey);
  $("more").addEventListener("click", () => {
    state.shown += PAGE;
    rerank();
  });
  $("export-csv").addEventListener("click", () => exportRanking("csv"));
  $("export-json").addEventListener("click", () => exportRanking("json"));
  $("export-md").addEventListener("click", () => exportRanking("md"));
  $("simulate").addEventListener("click", simulate);
  $("cancel").addEventListener("click", cancelSimulation);
  $("run-sensitivity").addEventListener("click", sensitivity);
  $("draw-graph").addEventListener("click", drawGraph);
  $("run-plan").addEventListener("click", plan);
  $("export-roadmap").addEventListener("click", () => {
    if (state.plan) download("roadmap.svg", "image/svg+xml", new XMLSerializer().serializeToString(state.plan) + "\n");
  });
  syncControls();
  enableActions(false);
}

wire();
engine.request("version").then((v) => {
  $("version").textContent = v;
  status("Ready: load a backlog (CSV or JSON) or the sample.");
  document.documentElement.dataset.ready = "true";
}, (e) => status(`prio's WebAssembly could not be loaded: ${e.message}`));
