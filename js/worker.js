// prio-wasm/worker: run long prio calls (simulate, release, sensitivity on big
// backlogs) off the main thread, in a Web Worker or a Node worker thread.
//
//   import { PrioWorker } from "prio-wasm/worker";
//   const w = await PrioWorker.start();
//   const sim = await w.call("simulate", { csv: text }, { draws: 10000, seed: 7 });
//   w.terminate();
//
// A Backlog lives in one WebAssembly instance's memory and cannot be posted
// to another thread, so a call names its backlog by source ({csv}, {json} or
// {rows}, with optional read options); the worker reads it, runs the call,
// frees it and posts back the plain result, or the PrioError's fields.
// This same file is the worker's script: loaded as a worker it serves calls.
import { load, PrioError } from "./index.js";

const isNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string";
// Marks workers started by PrioWorker.start, so that merely importing this
// module inside some other worker does not make it serve prio calls.
const WORKER_NAME = "prio-wasm";
const methods = new Set(["score", "rank", "rankReport", "rankCsv", "explain", "validate", "ready", "simulate", "compare", "sensitivity", "plan", "release"]);

/** A client for one worker running prio. */
export class PrioWorker {
  #worker;
  #node;
  #pending = new Map();
  #next = 1;

  constructor(worker, node) {
    this.#worker = worker;
    this.#node = node;
    const onMessage = (data) => this.#settle(data);
    const onError = (error) => {
      for (const { reject } of this.#pending.values()) reject(error instanceof Error ? error : new Error(String(error?.message ?? error)));
      this.#pending.clear();
    };
    if (node) {
      worker.on("message", onMessage);
      worker.on("error", onError);
    } else {
      worker.onmessage = (e) => onMessage(e.data);
      worker.onerror = (e) => onError(e);
    }
  }

  /** Starts a worker running this file (a module Worker in browsers, a
   * worker thread in Node) and waits until its WebAssembly is loaded. */
  static async start(url = new URL(import.meta.url)) {
    let client;
    if (isNode) {
      const { Worker } = await import("node:worker_threads");
      client = new PrioWorker(new Worker(url, { workerData: { role: WORKER_NAME } }), true);
    } else {
      client = new PrioWorker(new Worker(url, { type: "module", name: WORKER_NAME }), false);
    }
    await client.#post({ method: "ping" });
    return client;
  }

  /** Runs prio[method](backlog read from `source`, ...args) in the worker.
   * source: {csv: string} | {json: string | object} | {rows: object[]}, plus
   * optional `options` for reading. Rejects with a PrioError as prio would throw. */
  call(method, source, ...args) {
    if (!methods.has(method)) return Promise.reject(new TypeError(`PrioWorker.call: unknown method '${method}'`));
    if (source === null || typeof source !== "object") return Promise.reject(new TypeError("PrioWorker.call: source must be {csv}, {json} or {rows}"));
    // A function cannot cross threads: simulate's onProgress stays here and
    // the worker posts (done, total) back to it.
    const options = args[0];
    if (method === "simulate" && options && typeof options.onProgress === "function") {
      const { onProgress, ...rest } = options;
      return this.#post({ method, source, args: [rest, ...args.slice(1)], progress: true }, onProgress);
    }
    return this.#post({ method, source, args });
  }

  /** Shorthand for call("simulate", source, options). */
  simulate(source, options) { return this.call("simulate", source, options); }

  /** Stops the worker; pending calls reject. */
  terminate() {
    const error = new Error("PrioWorker terminated");
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
    return this.#worker.terminate();
  }

  #post(message, onProgress) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, ...message });
    });
  }

  #settle({ id, result, error, progress }) {
    const p = this.#pending.get(id);
    if (!p) return;
    if (progress) return void p.onProgress?.(progress[0], progress[1]);
    this.#pending.delete(id);
    if (!error) p.resolve(result);
    else if (error.name === "PrioError") p.reject(new PrioError(error));
    else if (error.name === "TypeError") p.reject(new TypeError(error.message));
    else p.reject(new Error(error.message));
  }
}

// ---- the worker side -------------------------------------------------------
async function serve(port, onMessage) {
  let prio;
  onMessage(async ({ id, method, source, args, progress }) => {
    try {
      prio ??= await load();
      if (method === "ping") return port.postMessage({ id, result: prio.version });
      const { csv, json, rows, options } = source;
      const backlog = csv !== undefined ? prio.Backlog.fromCsv(csv, options)
        : json !== undefined ? prio.Backlog.fromJson(json, options)
        : rows !== undefined ? prio.Backlog.fromRows(rows, options)
        : (() => { throw new TypeError("PrioWorker.call: source must be {csv}, {json} or {rows}"); })();
      if (progress) {
        // At most one report every 50 ms, and the last one.
        let last = 0;
        const onProgress = (done, total) => {
          const now = Date.now();
          if (done < total && now - last < 50) return;
          last = now;
          port.postMessage({ id, progress: [done, total] });
        };
        args = [{ ...args[0], onProgress }, ...args.slice(1)];
      }
      try {
        port.postMessage({ id, result: prio[method](backlog, ...args) });
      } finally {
        backlog.dispose();
      }
    } catch (e) {
      const error = e instanceof PrioError ? e.toJSON() : { name: e?.name ?? "Error", message: String(e?.message ?? e) };
      port.postMessage({ id, error });
    }
  });
}

if (isNode) {
  const { isMainThread, parentPort, workerData } = await import("node:worker_threads");
  if (!isMainThread && parentPort && workerData?.role === WORKER_NAME) serve(parentPort, (fn) => parentPort.on("message", fn));
} else if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope && globalThis.name === WORKER_NAME) {
  serve(globalThis, (fn) => { globalThis.onmessage = (e) => fn(e.data); });
}
