// The page's engine: one module Web Worker holding the loaded backlog in
// prio's WebAssembly, so that reading, ranking and explaining a large file
// never block the page. The page talks to it through Engine (app.js):
//   {id, op: "open", text, name, format}  -> {size, attributes}
//   {id, op: "edit", feature, attribute, value} -> {size, attributes}
//   {id, op: "call", method, args}        -> prio[method](backlog, ...args)
//   {id, op: "source"}                    -> prio's JSON of the backlog (text)
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
let model = null; // prio's JSON of the backlog as an object, made on the first edit
let positions = null; // id -> index in model.features

function summary() {
  return { size: backlog.size, attributes: backlog.attributes() };
}

function replace(next) {
  backlog?.dispose();
  backlog = next;
}

const ops = {
  open({ text, name, format }) {
    model = null;
    positions = null;
    replace(null);
    const options = { fileName: name };
    replace(format === "json" ? prio.Backlog.fromJson(text, options) : prio.Backlog.fromCsv(text, options));
    return summary();
  },
  edit({ feature, attribute, value }) {
    if (!backlog) throw new PrioError({ message: "no backlog loaded", code: "invalid_argument", status: 400 });
    if (!model) {
      model = JSON.parse(backlog.toJson());
      positions = new Map(model.features.map((f, i) => [f.id, i]));
    }
    const at = positions.get(feature);
    if (at === undefined)
      throw new PrioError({ message: `unknown feature '${feature}'`, code: "unknown_feature", status: 400, feature });
    const row = model.features[at];
    const before = row[attribute];
    row[attribute] = value;
    try {
      replace(prio.Backlog.fromJson(model, { fileName: "edited backlog" }));
    } catch (e) {
      row[attribute] = before; // the backlog stays as it was
      throw e;
    }
    return summary();
  },
  call({ method, args }) {
    if (!calls.has(method)) throw new TypeError(`engine: unknown method '${method}'`);
    if (!backlog) throw new PrioError({ message: "no backlog loaded", code: "invalid_argument", status: 400 });
    return prio[method](backlog, ...args);
  },
  version() {
    return prio.version;
  },
  source() {
    return backlog ? backlog.toJson() : null;
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
  } catch (e) {
    const error = e instanceof PrioError ? e.toJSON() : { name: e?.name ?? "Error", message: String(e?.message ?? e) };
    self.postMessage({ id, error });
  }
};
