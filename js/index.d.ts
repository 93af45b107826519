// Types of prio-wasm (hand-written; the JSON results follow the schema of the
// `prio` tool's `--format json` output, "schema": 1).

/** Ordering policies over the dependency graph ("order" option). */
export type Order = "greedy" | "inherited" | "value-density" | "none";
/** Monte Carlo distributions of uncertain attributes (x with x_lo and x_hi). */
export type Distribution = "triangular" | "uniform" | "pert" | "lognormal";
/** A strategy spec as in `prio rank --by`: "rice", "ice", "ice-average",
 * "wsjf", "moscow", "moscow:<spec>", "weighted", "weighted:<normalization>". */
export type StrategySpec = string;
/** What to do with a missing value a strategy needs. */
export type Missing = "error" | "worst" | "skip";
/** MoSCoW category as written in results. */
export type Moscow = "must" | "should" | "could" | "wont";

/** The stable error codes (prio::errc names). */
export type ErrorCode =
  | "duplicate_id" | "empty_id" | "unknown_feature" | "non_finite_value" | "missing_value" | "invalid_value"
  | "unknown_attribute" | "size_mismatch" | "unknown_dependency" | "self_dependency" | "cycle"
  | "duplicate_dependency" | "invalid_weight" | "invalid_argument" | "parse_error" | "io_error"
  | "out_of_memory" | "internal"
  | "moscow_share" | "effort_missing" | "moscow_unset" | "must_not_first" | "unmatched_metrics" | "no_metrics"
  | "ignored_link" | "more_problems";

/** One problem found in a backlog, located in its file where possible. */
export interface Diagnostic {
  severity: "error" | "warning";
  code: number;
  code_name: ErrorCode;
  message: string;
  feature: string;
  field: string;
  file: string;
  line: number;
  column: number;
}

/** Thrown for every error prio reports (bad files, bad options, unknown ids,
 * use after dispose). Wrong JavaScript argument types throw TypeError. */
export class PrioError extends Error {
  constructor(fields: Partial<PrioErrorFields> & { message: string; code: ErrorCode; status: number });
  readonly name: "PrioError";
  /** Stable code name, e.g. "parse_error". */
  readonly code: ErrorCode;
  /** The code's number in the C ABI (prio_error_code), e.g. 401. */
  readonly status: number;
  /** The message without its "file:line:column: error:" prefix. */
  readonly description: string;
  /** Feature id, field (attribute or column) and file name involved; "" when none. */
  readonly feature: string;
  readonly field: string;
  readonly file: string;
  /** 1-based line and column in the text read; 0 when unknown. */
  readonly line: number;
  readonly column: number;
  /** Every problem behind the error (a file with five bad cells gives five). */
  readonly diagnostics: Diagnostic[];
  toJSON(): PrioErrorFields;
}
export interface PrioErrorFields {
  name: "PrioError";
  message: string;
  code: ErrorCode;
  status: number;
  description: string;
  feature: string;
  field: string;
  file: string;
  line: number;
  column: number;
  diagnostics: Diagnostic[];
}

// ---- options ------------------------------------------------------------------
// Keys are the command-line tool's long options in camelCase (snake_case is
// accepted too); an unknown key or a value of the wrong type is a PrioError.

/** Options of reading a backlog. */
export interface ReadOptions {
  /** Name shown in error messages (file:line:column). */
  fileName?: string;
  /** Read a column under prio's name: {reach: "Users per quarter"}. */
  map?: Record<string, string>;
  /** Columns to skip. */
  ignore?: string[];
  /** Columns holding percentages (80 read as 0.8). */
  percentColumns?: string[];
}

/** How features are scored. */
export interface StrategyOptions {
  /** Default "rice". */
  by?: StrategySpec;
  /** For weighted strategies: "retention=0.6,effort=-0.4" (negative = cost). */
  weights?: string;
  missing?: Missing;
  strict?: boolean;
}

export interface RankOptions extends StrategyOptions {
  /** Default "greedy". */
  order?: Order;
  /** Only the first n rows (0 = all). */
  top?: number;
  /** Ids already done: an array or "a,b". */
  done?: string[] | string;
}

export interface ValidateOptions extends StrategyOptions {
  /** Check only the structure (ids, dependencies), not the strategy's inputs. */
  structureOnly?: boolean;
}

export interface ReadyOptions extends StrategyOptions {
  done?: string[] | string;
}

export interface SimulateOptions extends StrategyOptions {
  /** Default "none". */
  order?: Order;
  /** Default 10000. */
  draws?: number;
  /** Default 0. The same seed gives the same numbers as the native tool. */
  seed?: number | bigint;
  /** k of P(top k); default 10. */
  top?: number;
  /** Default "triangular". */
  distribution?: Distribution;
  /** Central probability of the intervals, in (0, 1); default 0.9. */
  interval?: number;
  /** Ignored: WebAssembly runs on one thread here (use PrioWorker); results do not depend on it. */
  threads?: number;
  /** Rows of the result (0 = all). */
  limit?: number;
  /** Called after each block of draws with (draws done, draws in total);
   * returning false cancels the run (a PrioError, "simulate: cancelled"). */
  onProgress?: (done: number, total: number) => boolean | void;
}

export interface CompareOptions extends Omit<StrategyOptions, "by"> {
  /** The strategies: an array or "rice,wsjf". */
  by?: StrategySpec[] | string;
  /** Default "none". */
  order?: Order;
  top?: number;
  /** Rank-biased overlap persistence in (0, 1); default 0.9. */
  rboP?: number;
  movers?: number;
}

export interface SensitivityOptions {
  /** Required: "retention=0.6,effort=-0.4". */
  weights: string;
  /** "min_max" (default), "z_score", "vector", "rank", "fixed". */
  normalization?: string;
  missing?: Missing;
  top?: number;
}

export interface PlanOptions extends StrategyOptions {
  /** Required: effort per sprint, or per sprint in turn (the last repeats). */
  capacity: number | number[];
  sprints?: number;
  /** Effort attribute; default "effort". */
  effort?: string;
  separateSprints?: boolean;
  planWont?: boolean;
  /** Default "greedy". */
  order?: Order;
}

export interface BundleSpec {
  bundle: string;
  value: number;
  features: string[];
}

export interface ReleaseOptions extends StrategyOptions {
  /** Required: effort the release may use. */
  budget: number;
  bundles?: BundleSpec[];
  effort?: string;
  value?: string;
  /** Seconds for the search; default 10. */
  timeLimit?: number;
  seed?: number | bigint;
}

// ---- results ------------------------------------------------------------------

/** One row of a ranking, as `prio rank --format json` prints it. */
export interface RankRow {
  rank: number;
  id: string;
  title: string;
  /** null when the score is not finite. */
  score: number | null;
  moscow: Moscow | null;
  /** Prerequisites not yet done. */
  blocked_by: string[];
}
export interface RankReport {
  schema: 1;
  strategy: string;
  order: Order;
  ranking: RankRow[];
  [key: string]: unknown;
}

export interface Scored {
  /** The strategy's name as the tool prints it ("rice", "moscow(rice)"). */
  strategy: string;
  /** Scores in the backlog's feature order (NaN = no score). */
  values: Float64Array;
}

export interface Term {
  name: string;
  attribute: string;
  role: "factor" | "divisor" | "addend" | string;
  raw: number | null;
  normalized: number | null;
  weight: number | null;
  contribution: number | null;
  note: string;
}
export interface ExplanationFields {
  id: string;
  title: string;
  strategy: string;
  formula: string;
  score: number | null;
  category: string | null;
  terms: Term[];
  notes: string[];
}
export interface Explanation extends ExplanationFields {
  schema: 1;
}
export interface PairExplanation {
  schema: 1;
  a_first: boolean;
  reason: string;
  a: ExplanationFields;
  b: ExplanationFields;
  differences: { name: string; a: number | null; b: number | null; share: number | null }[];
}

export interface ValidateReport {
  schema: 1;
  file: string;
  features: number;
  attributes: number;
  ok: boolean;
  diagnostics: Diagnostic[];
}

export interface ReadyReport {
  schema: 1;
  strategy: string;
  done: string[];
  ready: { id: string; title: string; score: number | null; moscow: Moscow | null }[];
}

export interface SimulationRow {
  rank: number;
  id: string;
  score: number | null;
  p_top_k: number;
  median_rank: number | null;
  rank_lo: number | null;
  rank_hi: number | null;
  score_lo: number | null;
  score_median: number | null;
  score_hi: number | null;
}
export interface Simulation {
  schema: 1;
  strategy: string;
  order: Order;
  distribution: Distribution;
  draws: number;
  /** Beyond 2^53 a seed loses digits in JSON.parse; pass and keep it as a bigint. */
  seed: number;
  top_k: number;
  interval: number;
  uncertain: string[];
  features: SimulationRow[];
}

export interface Comparison {
  schema: 1;
  order: Order;
  rbo_p: number;
  top_k: number;
  strategies: { name: string; ranking: string[] }[];
  pairs: { a: string; b: string; kendall_tau: number | null; spearman: number | null; rbo: number | null; top_k_overlap: number | null; footrule: number | null }[];
  movers: { id: string; best: number; worst: number; places: number[] }[];
}

export interface Sensitivity {
  schema: 1;
  strategy: string;
  top_k: number;
  first: string;
  weights: {
    criterion: string;
    weight: number;
    top1_up: number | null;
    top1_up_rival: string | null;
    top1_down: number | null;
    top1_down_rival: string | null;
    top_k_up: number | null;
    top_k_down: number | null;
  }[];
  leave_one_out: { criterion: string; kendall_tau: number | null; spearman: number | null; top_k_overlap: number | null; same_top1: boolean }[];
  rank_reversal: { normalization: string; reordered: boolean; moved: number; kendall_tau: number | null; worsened: string }[];
}

export interface Sprint {
  sprint: number;
  capacity: number;
  used: number;
  free: number;
  value: number;
  cumulative_value: number;
  must_share: number | null;
  could_share: number | null;
  features: string[];
}
export interface Plan {
  schema: 1;
  strategy: string;
  capacity: number[];
  sprints: Sprint[];
  unplanned: string[];
  musts_first: boolean;
  warnings: string[];
  [key: string]: unknown;
}

export interface Release {
  schema: 1;
  budget: number;
  cost: number;
  value: number;
  selected: string[];
  /** Bundles whose features are all selected. */
  satisfied: string[];
  /** True when the selection is proven optimal. */
  optimal: boolean;
  /** Upper bound on the value; null when none was computed. */
  bound: number | null;
}

// ---- the API ------------------------------------------------------------------

/** A backlog held in WebAssembly memory. Free it with dispose() (or `using`);
 * a FinalizationRegistry frees forgotten ones eventually. Any use after
 * dispose() throws a PrioError (code "invalid_argument"). */
export interface Backlog {
  readonly size: number;
  readonly disposed: boolean;
  ids(): string[];
  titles(): string[];
  /** Each feature's parent id (the `parent` column), null for none. */
  parents(): (string | null)[];
  /** Feature i's parent id; null when it has none or i is out of range. */
  parent(i: number): string | null;
  /** The features as rows (what toJson writes, parent always present): fromRows(b.rows()) gives the backlog back. */
  rows(): Row[];
  attributes(): string[];
  /** A copy of an attribute's values (NaN = missing); PrioError for an unknown name. */
  column(name: string): Float64Array;
  /** prio's JSON of the backlog (every value kept). */
  toJson(): string;
  /** prio's CSV of the backlog. */
  toCsv(): string;
  /** Frees the memory now. Idempotent. */
  dispose(): void;
  [Symbol.dispose](): void;
}

/** One feature for Backlog.fromRows: id, optional title, moscow,
 * dependencies and parent, and numeric attributes by name (numbers, or strings such as
 * "80%" as a CSV cell would hold). */
export interface Row {
  id: string;
  title?: string;
  moscow?: string | null;
  depends_on?: string[] | string;
  dependsOn?: string[] | string;
  /** The parent feature's id (an epic for its stories); null or absent for none. */
  parent?: string | null;
  [attribute: string]: string | number | null | undefined | string[];
}

export interface BacklogFactory {
  /** Reads CSV text (or its UTF-8 bytes). */
  fromCsv(text: string | Uint8Array | ArrayBuffer, options?: ReadOptions): Backlog;
  /** Reads prio's JSON: text, bytes, or an object such as {features: [...]}. */
  fromJson(json: string | Uint8Array | ArrayBuffer | object, options?: ReadOptions): Backlog;
  /** Builds a backlog from row objects. */
  fromRows(rows: Row[], options?: ReadOptions): Backlog;
}

export interface Prio {
  readonly Backlog: BacklogFactory;
  readonly PrioError: typeof PrioError;
  readonly orders: readonly Order[];
  readonly strategies: readonly string[];
  readonly distributions: readonly Distribution[];
  /** The library's version, "MAJOR.MINOR.PATCH". */
  readonly version: string;

  /** Scores in backlog order. A string is the strategy spec. */
  score(backlog: Backlog, options?: StrategySpec | StrategyOptions): Scored;
  /** The ranking rows, equal to the `ranking` of `prio rank --format json`. */
  rank(backlog: Backlog, options?: StrategySpec | RankOptions): RankRow[];
  /** The whole `prio rank --format json` document. */
  rankReport(backlog: Backlog, options?: StrategySpec | RankOptions): RankReport;
  /** The ranking as `prio rank --format csv` prints it (text cells guarded against spreadsheet formulas). */
  rankCsv(backlog: Backlog, options?: StrategySpec | RankOptions): string;
  /** A feature's score term by term. */
  explain(backlog: Backlog, id: string, options?: StrategySpec | StrategyOptions): Explanation;
  /** Why `id` outranks `other` or not. */
  explain(backlog: Backlog, id: string, other: string, options?: StrategySpec | StrategyOptions): PairExplanation;
  /** Every problem at once (never throws for problems in the data). */
  validate(backlog: Backlog, options?: StrategySpec | ValidateOptions): ValidateReport;
  /** Features whose prerequisites are all done, best first. */
  ready(backlog: Backlog, options?: StrategySpec | ReadyOptions): ReadyReport;
  /** Monte Carlo rank stability; the same seed gives the native tool's numbers. Long: see PrioWorker. */
  simulate(backlog: Backlog, options?: SimulateOptions): Simulation;
  compare(backlog: Backlog, options?: CompareOptions): Comparison;
  sensitivity(backlog: Backlog, options: SensitivityOptions): Sensitivity;
  plan(backlog: Backlog, options: PlanOptions): Plan;
  release(backlog: Backlog, options: ReleaseOptions): Release;
  /** Bytes of WebAssembly memory (it grows, never shrinks): for leak checks. */
  memoryBytes(): number;
}

export interface LoadOptions {
  /** The .wasm bytes (skips fetching / reading the file). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where browsers fetch the .wasm (default: dist/prio.wasm beside this module). */
  wasmUrl?: string | URL;
  /** Receivers of the module's stdout / stderr (default: dropped). */
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export const orders: readonly Order[];
export const strategies: readonly string[];
export const distributions: readonly Distribution[];

/** Instantiates prio's WebAssembly; each call gives an independent instance. */
export function load(options?: LoadOptions): Promise<Prio>;
export default load;
