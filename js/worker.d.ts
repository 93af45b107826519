// Types of prio-wasm/worker: prio calls on a Web Worker or Node worker thread.
import type {
  Comparison, CompareOptions, Explanation, PairExplanation, Plan, PlanOptions, RankOptions, RankReport, RankRow, ReadOptions,
  ReadyOptions, ReadyReport, Release, ReleaseOptions, Row, Scored, Sensitivity, SensitivityOptions, Simulation,
  SimulateOptions, StrategyOptions, StrategySpec, ValidateOptions, ValidateReport,
} from "./index.js";

/** Where the worker reads the backlog from (a Backlog handle cannot cross threads). */
export type BacklogSource =
  | { csv: string | Uint8Array; options?: ReadOptions }
  | { json: string | Uint8Array | object; options?: ReadOptions }
  | { rows: Row[]; options?: ReadOptions };

/** A worker running prio; results and errors (PrioError, TypeError) as the direct calls give them. */
export class PrioWorker {
  private constructor();
  /** Starts the worker (module Worker in browsers, worker thread in Node) and waits for its WebAssembly. */
  static start(url?: URL | string): Promise<PrioWorker>;
  /** options.onProgress(done, total) is called on this thread as the worker reports (at most every
   * 50 ms, and at the end); here it only reports (its return value cannot cancel): stop a run with terminate(). */
  simulate(source: BacklogSource, options?: SimulateOptions): Promise<Simulation>;
  call(method: "score", source: BacklogSource, options?: StrategySpec | StrategyOptions): Promise<Scored>;
  call(method: "rank", source: BacklogSource, options?: StrategySpec | RankOptions): Promise<RankRow[]>;
  call(method: "rankReport", source: BacklogSource, options?: StrategySpec | RankOptions): Promise<RankReport>;
  call(method: "rankCsv", source: BacklogSource, options?: StrategySpec | RankOptions): Promise<string>;
  call(method: "explain", source: BacklogSource, id: string, options?: StrategySpec | StrategyOptions): Promise<Explanation>;
  call(method: "explain", source: BacklogSource, id: string, other: string, options?: StrategySpec | StrategyOptions): Promise<PairExplanation>;
  call(method: "validate", source: BacklogSource, options?: StrategySpec | ValidateOptions): Promise<ValidateReport>;
  call(method: "ready", source: BacklogSource, options?: StrategySpec | ReadyOptions): Promise<ReadyReport>;
  call(method: "simulate", source: BacklogSource, options?: SimulateOptions): Promise<Simulation>;
  call(method: "compare", source: BacklogSource, options?: CompareOptions): Promise<Comparison>;
  call(method: "sensitivity", source: BacklogSource, options: SensitivityOptions): Promise<Sensitivity>;
  call(method: "plan", source: BacklogSource, options: PlanOptions): Promise<Plan>;
  call(method: "release", source: BacklogSource, options: ReleaseOptions): Promise<Release>;
  /** Stops the worker; pending calls reject. */
  terminate(): Promise<number> | void;
}
