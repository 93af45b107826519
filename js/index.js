// prio-wasm: prio's C ABI (include/prio/c.h) compiled to WebAssembly, wrapped
// in a JavaScript-shaped API. Every number comes from the same C++ code as the
// `prio` command-line tool, so results equal its `--format json` output.
import createPrioModule from "./dist/prio.mjs";

const isNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string";
const SIZE_MAX = 0xffffffff; // size_t is 32 bits in wasm32

/** The ordering policies of `rank`, `plan`, `simulate` and `compare` ("order" option). */
export const orders = Object.freeze(["greedy", "inherited", "value-density", "none"]);
/** Built-in strategy specs ("by" option); weighted ones take "weights". */
export const strategies = Object.freeze(["rice", "ice", "ice-average", "wsjf", "moscow:rice", "weighted:min_max",
  "weighted:z_score", "weighted:vector", "weighted:rank", "weighted:fixed"]);
/** Distributions of `simulate`. */
export const distributions = Object.freeze(["triangular", "uniform", "pert", "lognormal"]);

/** An error reported by prio: `code` is the stable code name ("parse_error",
 * "cycle", ...), `status` its number in the C ABI, and `feature`, `field`,
 * `file`, `line`, `column` locate it where known ("" / 0 otherwise). */
export class PrioError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = "PrioError";
    this.code = fields.code;
    this.status = fields.status;
    this.description = fields.description ?? fields.message;
    this.feature = fields.feature ?? "";
    this.field = fields.field ?? "";
    this.file = fields.file ?? "";
    this.line = fields.line ?? 0;
    this.column = fields.column ?? 0;
    this.diagnostics = fields.diagnostics ?? [];
  }
  /** The fields as a plain object (what a Worker posts back). */
  toJSON() {
    const { name, message, code, status, description, feature, field, file, line, column, diagnostics } = this;
    return { name, message, code, status, description, feature, field, file, line, column, diagnostics };
  }
}

function argumentError(message, field = "") {
  return new PrioError({ code: "invalid_argument", status: 302, message: `prio: ${message}`, description: message, field });
}

// {timeLimit: 5, rboP: 0.8} -> {"time_limit": 5, "rbo_p": 0.8}; BigInt kept exact.
function optionsJson(options, what) {
  if (options === undefined || options === null) return "";
  if (typeof options !== "object" || Array.isArray(options)) throw new TypeError(`prio.${what}: options must be an object`);
  const parts = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (typeof value === "function" || typeof value === "symbol")
      throw new TypeError(`prio.${what}: option '${key}' cannot be a ${typeof value}`);
    const name = key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
    const text = typeof value === "bigint" ? value.toString() : JSON.stringify(value, (_, v) => {
      if (typeof v === "bigint") throw new TypeError(`prio.${what}: option '${key}' holds a BigInt inside`);
      return v;
    });
    parts.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}

function bind(m) {
  const registry = new FinalizationRegistry((ptr) => m._prio_backlog_free(ptr));
  // Scratch words for the `prio_error** err` and `size_t* size` out-arguments:
  // calls are synchronous, so one pair per module instance is enough.
  const errSlot = m._malloc(8);
  const sizeSlot = errSlot + 4;
  const u32 = () => new Uint32Array(m.HEAPU8.buffer);

  function takeError() {
    const e = u32()[errSlot >> 2];
    if (e === 0) return argumentError("internal error without an error object");
    u32()[errSlot >> 2] = 0;
    const str = (p) => (p ? m.UTF8ToString(p) : "");
    const status = m._prio_error_code(e);
    let diagnostics = [];
    try {
      diagnostics = JSON.parse(str(m._prio_error_diagnostics_json(e))).diagnostics ?? [];
    } catch { /* keep [] */ }
    const err = new PrioError({
      code: str(m._prio_error_code_name(status)), status, message: str(m._prio_error_message(e)),
      description: str(m._prio_error_description(e)), feature: str(m._prio_error_feature(e)),
      field: str(m._prio_error_field(e)), file: str(m._prio_error_file(e)),
      line: m._prio_error_line(e) >>> 0, column: m._prio_error_column(e) >>> 0, diagnostics,
    });
    m._prio_error_free(e);
    return err;
  }

  const utf8 = new TextEncoder();
  // Copies a JS string (UTF-8) or bytes into the heap; the caller frees it.
  function heapText(value, what) {
    if (typeof value === "string") {
      // The engine's encoder writes straight into the heap (a UTF-16 unit
      // is at most 3 UTF-8 bytes); much faster than a loop in JS on large text.
      const capacity = value.length * 3;
      const p = m._malloc(capacity + 1);
      if (!p) throw new PrioError({ code: "out_of_memory", status: 501, message: `prio.${what}: out of memory` });
      const { written } = utf8.encodeInto(value, m.HEAPU8.subarray(p, p + capacity));
      m.HEAPU8[p + written] = 0;
      return [p, written];
    }
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
      const p = m._malloc(bytes.length + 1);
      if (!p) throw new PrioError({ code: "out_of_memory", status: 501, message: `prio.${what}: out of memory` });
      m.HEAPU8.set(bytes, p);
      m.HEAPU8[p + bytes.length] = 0;
      return [p, bytes.length];
    }
    throw new TypeError(`prio.${what}: expected a string or a Uint8Array, got ${value === null ? "null" : typeof value}`);
  }

  // Runs fn(...pointers to NUL-terminated copies of the strings); frees them.
  function withStrings(strings, what, fn) {
    const ptrs = [];
    try {
      for (const s of strings) ptrs.push(s === null || s === undefined ? 0 : heapText(s, what)[0]);
      u32()[errSlot >> 2] = 0;
      return fn(...ptrs);
    } finally {
      for (const p of ptrs) if (p) m._free(p);
    }
  }

  // A `char*` result: its text (freed), or the error thrown.
  function takeString(p) {
    if (!p) throw takeError();
    const len = u32()[sizeSlot >> 2];
    const text = new TextDecoder().decode(m.HEAPU8.subarray(p, p + len));
    m._prio_string_free(p);
    return text;
  }

  // prio_backlog_parent: NULL (no parent, or i out of range) -> null.
  function parentAt(p, i) {
    const s = m._prio_backlog_parent(p, i);
    return s ? m.UTF8ToString(s) : null;
  }

  // Backlog -> its C handle (0 once disposed), out of reach of user code.
  const handles = new WeakMap();
  // The handle for the C calls; TypeError for a non-Backlog, PrioError once disposed.
  function handleOf(b, what) {
    const p = handles.get(b);
    if (p === undefined) throw new TypeError(`prio.${what}: expected a Backlog, got ${b === null ? "null" : typeof b}`);
    if (!p) throw argumentError(`${what}: the Backlog was disposed`);
    return p;
  }

  class Backlog {
    constructor(token, ptr) {
      if (token !== Backlog.#token) throw new TypeError("prio: use Backlog.fromCsv, fromJson or fromRows");
      handles.set(this, ptr);
      registry.register(this, ptr, this);
    }
    static #token = Symbol("Backlog");

    static #read(fn, text, options, what) {
      const opts = optionsJson(options, what);
      const [p, n] = heapText(text, what);
      try {
        return withStrings([opts || null], what, (o) => {
          const b = fn(p, n, o, errSlot);
          if (!b) throw takeError();
          return new Backlog(Backlog.#token, b);
        });
      } finally {
        m._free(p);
      }
    }
    /** A backlog from CSV text (a string or UTF-8 bytes). Options: fileName, map, ignore, percentColumns. */
    static fromCsv(text, options) { return Backlog.#read(m._prio_backlog_from_csv, text, options, "Backlog.fromCsv"); }
    /** A backlog from prio's JSON (text, bytes or an already parsed object). */
    static fromJson(json, options) {
      const text = json !== null && typeof json === "object" && !(json instanceof Uint8Array) && !(json instanceof ArrayBuffer)
        ? JSON.stringify(json) : json;
      return Backlog.#read(m._prio_backlog_from_json, text, options, "Backlog.fromJson");
    }
    /** A backlog from row objects: {id, title?, moscow?, depends_on? (array), parent? (id or null), <attribute>: number, ...}. */
    static fromRows(rows, options) {
      if (!Array.isArray(rows)) throw new TypeError("prio.Backlog.fromRows: expected an array of row objects");
      rows.forEach((r, i) => {
        if (r === null || typeof r !== "object" || Array.isArray(r))
          throw new TypeError(`prio.Backlog.fromRows: row ${i} is not an object`);
      });
      const features = rows.map((r) => {
        if (!("dependsOn" in r)) return r;
        const { dependsOn, ...rest } = r;
        return { ...rest, depends_on: dependsOn };
      });
      return Backlog.#read(m._prio_backlog_from_json, JSON.stringify({ features }), options, "Backlog.fromRows");
    }

    /** Frees the WebAssembly memory now (also done, later, when garbage-collected). Idempotent. */
    dispose() {
      const p = handles.get(this);
      if (!p) return;
      registry.unregister(this);
      handles.set(this, 0);
      m._prio_backlog_free(p);
    }
    get disposed() { return handles.get(this) === 0; }
    get size() { return m._prio_backlog_size(handleOf(this, "Backlog.size")) >>> 0; }
    /** Feature ids in backlog order. */
    ids() {
      const p = handleOf(this, "Backlog.ids");
      return Array.from({ length: this.size }, (_, i) => m.UTF8ToString(m._prio_backlog_id(p, i)));
    }
    titles() {
      const p = handleOf(this, "Backlog.titles");
      return Array.from({ length: this.size }, (_, i) => m.UTF8ToString(m._prio_backlog_title(p, i)));
    }
    /** Each feature's parent id (the `parent` column: the epic a story
     * belongs to), null for a feature without one. */
    parents() {
      const p = handleOf(this, "Backlog.parents");
      return Array.from({ length: this.size }, (_, i) => parentAt(p, i));
    }
    /** Feature i's parent id; null when it has none or i is not an index. */
    parent(i) {
      const p = handleOf(this, "Backlog.parent");
      if (typeof i !== "number") throw new TypeError("prio.Backlog.parent: i must be a number (a feature's index)");
      // Range-checked here: a wasm size_t would wrap an index past 2^32.
      if (!Number.isInteger(i) || i < 0 || i >= m._prio_backlog_size(p) >>> 0) return null;
      return parentAt(p, i);
    }
    /** The features as row objects, as `toJson()` writes them and
     * `fromRows` reads them: {id, title, <attribute>: number | null, ...,
     * moscow, depends_on, parent: string | null}. */
    rows() {
      const features = JSON.parse(this.toJson()).features;
      for (const f of features) f.parent ??= null;
      return features;
    }
    /** Numeric attribute names in file order. */
    attributes() {
      const p = handleOf(this, "Backlog.attributes");
      const n = m._prio_backlog_attribute_count(p) >>> 0;
      return Array.from({ length: n }, (_, k) => m.UTF8ToString(m._prio_backlog_attribute_name(p, k)));
    }
    /** A copy of an attribute's values (NaN = missing). */
    column(name) {
      const p = handleOf(this, "Backlog.column");
      if (typeof name !== "string") throw new TypeError("prio.Backlog.column: name must be a string");
      return withStrings([name], "Backlog.column", (s) => {
        const col = m._prio_backlog_column(p, s, errSlot);
        if (!col) throw takeError();
        return new Float64Array(m.HEAPU8.buffer, col, this.size).slice();
      });
    }
    /** prio's JSON of the backlog (`prio convert`). */
    toJson() { u32()[errSlot >> 2] = 0; return takeString(m._prio_backlog_to_json(handleOf(this, "Backlog.toJson"), sizeSlot, errSlot)); }
    /** prio's CSV of the backlog. */
    toCsv() { u32()[errSlot >> 2] = 0; return takeString(m._prio_backlog_to_csv(handleOf(this, "Backlog.toCsv"), sizeSlot, errSlot)); }
  }
  if (typeof Symbol.dispose === "symbol") Backlog.prototype[Symbol.dispose] = Backlog.prototype.dispose;

  // options as an object, or a strategy spec string for {by}.
  const byOptions = (options) => (typeof options === "string" ? { by: options } : options) ?? undefined;

  // A C call creating a result handle: create(backlog, options, err), then
  // use(handle), the handle freed whatever happens.
  function handleCall(what, backlog, options, create, free, use) {
    const p = handleOf(backlog, what);
    const opts = optionsJson(options, what);
    return withStrings([opts || null], what, (o) => {
      const h = create(p, o, errSlot);
      if (!h) throw takeError();
      try {
        return use(h);
      } finally {
        free(h);
      }
    });
  }

  // One JSON-returning C call: fn(backlog, ...strings, options, size, err).
  function jsonCall(what, fn, backlog, strings, options) {
    const p = handleOf(backlog, what);
    const opts = optionsJson(options, what);
    return withStrings([...strings, opts || null], what, (...ptrs) => JSON.parse(takeString(fn(p, ...ptrs, sizeSlot, errSlot))));
  }

  return {
    Backlog,
    PrioError,
    orders,
    strategies,
    distributions,
    version: m.UTF8ToString(m._prio_version_string()),

    score(backlog, options) {
      return handleCall("score", backlog, byOptions(options), m._prio_score_with_options, m._prio_scores_free, (s) => ({
        strategy: m.UTF8ToString(m._prio_scores_strategy(s)),
        values: new Float64Array(m.HEAPU8.buffer, m._prio_scores_values(s), m._prio_scores_size(s) >>> 0).slice(),
      }));
    },

    rank(backlog, options) { return this.rankReport(backlog, options).ranking; },

    rankReport(backlog, options) {
      return handleCall("rank", backlog, byOptions(options), m._prio_rank_with_options, m._prio_ranking_free,
        (r) => JSON.parse(takeString(m._prio_ranking_to_json(r, sizeSlot, errSlot))));
    },

    rankCsv(backlog, options) {
      return handleCall("rank", backlog, byOptions(options), m._prio_rank_with_options, m._prio_ranking_free,
        (r) => takeString(m._prio_ranking_to_csv(r, sizeSlot, errSlot)));
    },

    explain(backlog, id, other, options) {
      if (typeof id !== "string") throw new TypeError("prio.explain: id must be a string");
      if (other !== undefined && other !== null && typeof other === "object") [other, options] = [undefined, other];
      if (other !== undefined && other !== null && typeof other !== "string")
        throw new TypeError("prio.explain: the other id must be a string");
      return jsonCall("explain", m._prio_explain_json, backlog, [id, other ?? null], byOptions(options));
    },
    validate(backlog, options) { return jsonCall("validate", m._prio_validate_json, backlog, [], byOptions(options)); },
    ready(backlog, options) { return jsonCall("ready", m._prio_ready_json, backlog, [], byOptions(options)); },
    compare(backlog, options) { return jsonCall("compare", m._prio_compare_json, backlog, [], options); },
    sensitivity(backlog, options) { return jsonCall("sensitivity", m._prio_sensitivity_json, backlog, [], options); },
    plan(backlog, options) { return jsonCall("plan", m._prio_plan_json, backlog, [], options); },
    release(backlog, options) { return jsonCall("release", m._prio_release_json, backlog, [], options); },

    simulate(backlog, options) {
      if (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options)))
        throw new TypeError("prio.simulate: options must be an object");
      // WebAssembly here runs on one thread (use a Worker for parallelism);
      // the result does not depend on the thread count.
      const { onProgress, ...rest } = options ?? {};
      if (onProgress !== undefined && typeof onProgress !== "function")
        throw new TypeError("prio.simulate: onProgress must be a function");
      const use = (s) => JSON.parse(takeString(m._prio_simulation_to_json(s, sizeSlot, errSlot)));
      if (!onProgress) return handleCall("simulate", backlog, { ...rest, threads: 1 }, m._prio_simulate, m._prio_simulation_free, use);
      // onProgress(done, total) after each block of draws; false cancels the run
      // (a PrioError "simulate: cancelled"). An exception it throws cancels too
      // and is rethrown.
      let thrown = null;
      const fn = m.addFunction((done, total) => {
        try {
          return onProgress(done >>> 0, total >>> 0) === false ? 0 : 1;
        } catch (e) {
          thrown = e;
          return 0;
        }
      }, "iiii");
      try {
        return handleCall("simulate", backlog, { ...rest, threads: 1 },
          (p, o, e) => m._prio_simulate_with_progress(p, o, fn, 0, e), m._prio_simulation_free, use);
      } catch (e) {
        throw thrown ?? e;
      } finally {
        m.removeFunction(fn);
      }
    },

    /** Bytes of WebAssembly memory (grows, never shrinks): for leak checks. */
    memoryBytes() { return m.HEAPU8.buffer.byteLength; },
  };
}

/** Instantiates the WebAssembly module. In Node the .wasm is read from the
 * package folder; in browsers it is fetched beside dist/prio.mjs unless
 * `wasmBinary` (bytes) or `wasmUrl` is given. Each call gives an independent
 * instance with its own memory. */
export async function load(options = {}) {
  if (options === null || typeof options !== "object") throw new TypeError("prio.load: options must be an object");
  const moduleArg = {
    print: options.print ?? (() => {}),
    printErr: options.printErr ?? (() => {}),
  };
  if (options.wasmBinary) {
    moduleArg.wasmBinary = options.wasmBinary;
  } else if (options.wasmUrl) {
    moduleArg.locateFile = (path) => (path.endsWith(".wasm") ? String(options.wasmUrl) : path);
  } else if (isNode) {
    const { readFile } = await import("node:fs/promises");
    moduleArg.wasmBinary = await readFile(new URL("./dist/prio.wasm", import.meta.url));
  } else {
    moduleArg.locateFile = (path) => String(new URL(`./dist/${path}`, import.meta.url));
  }
  return bind(await createPrioModule(moduleArg));
}

export default load;
