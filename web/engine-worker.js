// The page's engine: one module Web Worker holding the loaded backlog in
// prio's WebAssembly, so that reading, ranking and explaining a large file
// never block the page. The page talks to it through Engine (app.js):
//   {id, op: "open", text, name, format}  -> {size, attributes}
//   {id, op: "edit", feature, attribute, value} -> {size, attributes}
//   {id, op: "call", method, args}        -> prio[method](backlog, ...args)
//   {id, op: "source"}                    -> prio's CSV of the backlog (text)
//   {id, op: "features", ids, attribute}  -> [{id, title, moscow, depends_on, value}]
//   {id, op: "version"}                   -> prio's version
// Errors come back as a PrioError's fields (or {name, message}).
//
// prio-wasm's own PrioWorker reads its backlog anew for each call (a backlog
// cannot cross threads); this worker keeps one between calls instead, which
// an interactive page needs (an edit re-ranks without re-reading the file).
// The Monte Carlo simulation still runs in a PrioWorker (app.js), so that
// cancelling it (terminating that worker) leaves this one untouched.
import { load, PrioError } from "../js/index.js";

const calls = new Set(["rank", "rankReport", "rankCsv", "explain", "validate", "plan", "sensitivity", "score"]);
let prio;
let backlog = null;
// For edits: prio's CSV of the backlog as raw records (one per feature, in
// backlog order, after the header) and the header's column names. An edit
// rewrites one numeric cell and reads the text back: prio's CSV reader is
// several times faster than its JSON reader in WebAssembly.
let records = null;
let columns = null;
let positions = null; // id -> index in backlog order
let model = null; // prio's JSON of the backlog as an object (graph, roadmap), made when asked

// Splits CSV text into records (quoted cells may hold line breaks) and a
// record into its raw cells (quotes kept): RFC 4180, as prio writes it.
function split(text, separator) {
  const out = [];
  let start = 0, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
const unquote = (cell) => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);

// The records an edit needs, made once per backlog.
function prepareEdits() {
  if (records || !backlog) return;
  const text = backlog.toCsv();
  records = split(text.endsWith("\n") ? text.slice(0, -1) : text, "\n");
  columns = split(records[0], ",").map(unquote);
  positions = new Map(backlog.ids().map((id, i) => [id, i]));
}

function summary() {
  return { size: backlog.size, attributes: backlog.attributes() };
}

function replace(next) {
  backlog?.dispose();
  backlog = next;
  model = null;
}

function noBacklog() {
  return new PrioError({ message: "no backlog loaded", code: "invalid_argument", status: 400 });
}

const ops = {
  open({ text, name, format }) {
    records = columns = positions = null;
    replace(null);
    const options = { fileName: name };
    replace(format === "json" ? prio.Backlog.fromJson(text, options) : prio.Backlog.fromCsv(text, options));
    return summary();
  },
  edit({ feature, attribute, value }) {
    if (!backlog) throw noBacklog();
    if (value !== null && !Number.isFinite(value))
      throw new PrioError({ message: `${attribute} must be a finite number`, code: "invalid_value", status: 400, feature, field: attribute });
    prepareEdits();
    const at = positions.get(feature) ?? -1;
    if (at < 0) throw new PrioError({ message: `unknown feature '${feature}'`, code: "unknown_feature", status: 400, feature });
    const column = columns.indexOf(attribute);
    if (column < 0 || !backlog.attributes().includes(attribute))
      throw new PrioError({ message: `unknown attribute '${attribute}'`, code: "unknown_attribute", status: 400, feature, field: attribute });
    const before = records[at + 1];
    const cells = split(before, ",");
    // A number's shortest round-trip text reads back as the same double.
    cells[column] = value === null ? "" : String(value);
    records[at + 1] = cells.join(",");
    try {
      // prio writes fractions (0.8), so no column is read as a percentage.
      replace(prio.Backlog.fromCsv(records.join("\n") + "\n", { fileName: "edited backlog", percentColumns: [] }));
    } catch (e) {
      records[at + 1] = before; // the backlog stays as it was
      throw e;
    }
    return summary();
  },
  call({ method, args }) {
    if (!calls.has(method)) throw new TypeError(`engine: unknown method '${method}'`);
    if (!backlog) throw noBacklog();
    return prio[method](backlog, ...args);
  },
  version() {
    return prio.version;
  },
  // The backlog as CSV, for a PrioWorker (read with percentColumns: []).
  source() {
    if (!backlog) throw noBacklog();
    return backlog.toCsv();
  },
  // id, title, moscow, depends_on and `attribute` of the given features (all when ids is null).
  features({ ids, attribute }) {
    if (!backlog) throw noBacklog();
    model ??= JSON.parse(backlog.toJson()).features;
    const pick = (f) => ({ id: f.id, title: f.title, moscow: f.moscow, depends_on: f.depends_on, value: attribute ? f[attribute] ?? null : null });
    if (!ids) return model.map(pick);
    const wanted = new Set(ids);
    return model.filter((f) => wanted.has(f.id)).map(pick);
  },
};

let ready = null;
self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    ready ??= load();
    prio = await ready;
    if (!Object.hasOwn(ops, op)) throw new TypeError(`engine: unknown operation '${op}'`);
    self.postMessage({ id, result: ops[op](data) });
    // An explanation comes before an edit (its values are the edit fields):
    // prepare the records then, once its answer is on its way.
    if (op === "call" && data.method === "explain" && !records) setTimeout(prepareEdits, 0);
  } catch (e) {
    const error = e instanceof PrioError ? e.toJSON() : { name: e?.name ?? "Error", message: String(e?.message ?? e) };
    self.postMessage({ id, error });
  }
};
