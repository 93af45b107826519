/* prio's C ABI: rank product backlogs from C and from any language with a C
 * foreign-function interface (Go, Rust, C#, Java, Python, JavaScript through
 * WebAssembly). Link libprio_c (CMake: prio::c; pkg-config: prio-c).
 *
 * Conventions (the README's "C API" section has the full table):
 * - Handles are opaque. Each prio_X* is released with prio_X_free (NULL is
 *   accepted). Handles are immutable once created.
 * - Strings in and out are UTF-8 and NUL-terminated; texts that may hold NUL
 *   bytes (a CSV file) are passed with an explicit size.
 * - A fallible function takes `prio_error** err` last. On failure it returns
 *   NULL (pointers), SIZE_MAX (sizes) or a non-zero prio_error code (int
 *   status), and, when err is not NULL, stores a new error object in *err
 *   (an error object already there is freed first). On success *err is left
 *   alone. Release the error with prio_error_free.
 * - Strings returned as `char*` belong to the caller: release them with
 *   prio_string_free. Strings and arrays returned as `const` pointers are
 *   borrowed from a handle and valid until that handle is freed.
 * - Rich results are JSON text in the schema of `prio ... --format json`
 *   ("schema": 1), byte for byte what the command-line tool prints.
 * - Options are a small JSON object whose keys are the command-line tool's
 *   long options with '-' written as '_' ({"by": "wsjf", "order": "none",
 *   "draws": 1000, "seed": 7}); NULL or "" means all defaults; an unknown key
 *   or a value of the wrong type is an error (PRIO_E_INVALID_ARGUMENT).
 * - No C++ exception crosses this interface. There is no global state other
 *   than constant data (version strings, the static out-of-memory error).
 *   Thread safety: every function may be called from several threads at once
 *   on different handles; functions taking `const` handles may also share a
 *   handle between threads; a handle must not be freed while another thread
 *   uses it.
 */
#ifndef PRIO_C_H
#define PRIO_C_H

#include <stddef.h>

#if defined(_WIN32)
#  if defined(PRIO_C_BUILDING)
#    define PRIO_C_API __declspec(dllexport)
#  else
#    define PRIO_C_API __declspec(dllimport)
#  endif
#else
#  define PRIO_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version ------------------------------------------------------------ */

/* The library's version as MAJOR * 10000 + MINOR * 100 + PATCH (0.1.0 -> 100).
 * Thread-safe. */
PRIO_C_API unsigned prio_version(void);
/* The version as "MAJOR.MINOR.PATCH" (static storage). Thread-safe. */
PRIO_C_API const char* prio_version_string(void);

/* ---- errors ------------------------------------------------------------- */

/* Error and warning codes: the numbers of prio::errc, plus two of the C ABI's own. */
enum prio_error_code {
  PRIO_OK = 0,
  PRIO_E_DUPLICATE_ID = 101,
  PRIO_E_EMPTY_ID = 102,
  PRIO_E_UNKNOWN_FEATURE = 103,
  PRIO_E_NON_FINITE_VALUE = 104,
  PRIO_E_MISSING_VALUE = 105,
  PRIO_E_INVALID_VALUE = 106,
  PRIO_E_UNKNOWN_ATTRIBUTE = 107,
  PRIO_E_SIZE_MISMATCH = 108,
  PRIO_E_UNKNOWN_DEPENDENCY = 201,
  PRIO_E_SELF_DEPENDENCY = 202,
  PRIO_E_CYCLE = 203,
  PRIO_E_INVALID_WEIGHT = 301,
  PRIO_E_INVALID_ARGUMENT = 302, /* also: a NULL argument, an index out of range, bad options */
  PRIO_E_PARSE_ERROR = 401,
  PRIO_E_IO_ERROR = 402,
  PRIO_E_OUT_OF_MEMORY = 501,
  PRIO_E_INTERNAL = 502, /* an unexpected failure inside the library */
  /* Warnings and notes (601-699): codes of diagnostics that advise; a call
     never fails with one of them (see docs/errors.md). */
  PRIO_W_DUPLICATE_DEPENDENCY = 601,
  PRIO_W_MOSCOW_SHARE = 602,
  PRIO_W_EFFORT_MISSING = 603,
  PRIO_W_MOSCOW_UNSET = 604,
  PRIO_W_MUST_NOT_FIRST = 605,
  PRIO_W_UNMATCHED_METRICS = 606,
  PRIO_W_NO_METRICS = 607,
  PRIO_W_IGNORED_LINK = 608,
  PRIO_W_MORE_PROBLEMS = 609
};

typedef struct prio_error prio_error;

/* All error accessors accept NULL (they return 0 or ""), never fail and are
 * thread-safe on a shared error. Returned strings are borrowed from the error. */
PRIO_C_API int prio_error_code(const prio_error* err);
/* The code's name: "parse_error", "cycle", ... ("ok" for 0). */
PRIO_C_API const char* prio_error_code_name(int code);
/* One line for people, as the command-line tool prints it, e.g.
 * "data.csv:3:7: error: feature 'sso', field 'reach': not a number: 'abc'". */
PRIO_C_API const char* prio_error_message(const prio_error* err);
/* The message without location prefix ("not a number: 'abc'"). */
PRIO_C_API const char* prio_error_description(const prio_error* err);
/* The feature id, field (attribute or column) and file involved; "" when none. */
PRIO_C_API const char* prio_error_feature(const prio_error* err);
PRIO_C_API const char* prio_error_field(const prio_error* err);
PRIO_C_API const char* prio_error_file(const prio_error* err);
/* 1-based line and column in the file; 0 when unknown. */
PRIO_C_API size_t prio_error_line(const prio_error* err);
PRIO_C_API size_t prio_error_column(const prio_error* err);
/* Every diagnostic behind the error (a file with five bad cells gives five),
 * as JSON: {"schema": 1, "diagnostics": [{"severity", "code", "code_name",
 * "message", "feature", "field", "file", "line", "column"}]}. Never NULL. */
PRIO_C_API const char* prio_error_diagnostics_json(const prio_error* err);
PRIO_C_API void prio_error_free(prio_error* err);

/* Releases a string returned by the library (NULL is accepted). Thread-safe. */
PRIO_C_API void prio_string_free(char* s);

/* ---- backlogs ----------------------------------------------------------- */

typedef struct prio_backlog prio_backlog;

/* Reads a backlog file: JSON when the name ends in .json, CSV otherwise, with
 * the command-line tool's defaults. Every problem of the file (bad cells,
 * duplicate ids, ...) makes this fail; the error names the first one by file,
 * line and column and prio_error_diagnostics_json lists them all. */
PRIO_C_API prio_backlog* prio_backlog_read_file(const char* path, prio_error** err);
/* Reads CSV or JSON text of `size` bytes. options_json (NULL for defaults):
 * {"file_name": "name shown in errors", "map": {"reach": "Users per quarter"},
 *  "ignore": ["Notes"], "percent_columns": ["confidence"]}. */
PRIO_C_API prio_backlog* prio_backlog_from_csv(const char* text, size_t size, const char* options_json, prio_error** err);
PRIO_C_API prio_backlog* prio_backlog_from_json(const char* text, size_t size, const char* options_json, prio_error** err);
PRIO_C_API void prio_backlog_free(prio_backlog* backlog);

/* Number of features (0 for NULL). */
PRIO_C_API size_t prio_backlog_size(const prio_backlog* backlog);
/* Feature i's id / title; NULL when backlog is NULL or i is out of range. */
PRIO_C_API const char* prio_backlog_id(const prio_backlog* backlog, size_t i);
PRIO_C_API const char* prio_backlog_title(const prio_backlog* backlog, size_t i);
/* Feature i's parent id (the `parent` column of prio's CSV, "parent" of its
 * JSON: the epic a story belongs to); NULL when the feature has no parent,
 * backlog is NULL or i is out of range. A backlog read by this interface
 * always has a valid hierarchy: every parent is a feature of the backlog and
 * no feature is its own ancestor (the readers reject the file otherwise). */
PRIO_C_API const char* prio_backlog_parent(const prio_backlog* backlog, size_t i);
/* The index of the feature with this id; SIZE_MAX and an error (unknown_feature) when none. */
PRIO_C_API size_t prio_backlog_find(const prio_backlog* backlog, const char* id, prio_error** err);
/* Numeric attributes (columns) in file order; name NULL when k is out of range. */
PRIO_C_API size_t prio_backlog_attribute_count(const prio_backlog* backlog);
PRIO_C_API const char* prio_backlog_attribute_name(const prio_backlog* backlog, size_t k);
/* The attribute's values, prio_backlog_size() doubles (NaN = missing),
 * borrowed without a copy: valid until the backlog is freed. */
PRIO_C_API const double* prio_backlog_column(const prio_backlog* backlog, const char* name, prio_error** err);
/* The backlog as prio's JSON or CSV (every value kept; `prio convert`).
 * size (may be NULL) receives the length in bytes. */
PRIO_C_API char* prio_backlog_to_json(const prio_backlog* backlog, size_t* size, prio_error** err);
PRIO_C_API char* prio_backlog_to_csv(const prio_backlog* backlog, size_t* size, prio_error** err);

/* ---- scores ------------------------------------------------------------- */

typedef struct prio_scores prio_scores;

/* Scores every feature with a strategy spec as in `prio rank --by`: "rice",
 * "ice", "ice-average", "wsjf", "moscow:rice", "weighted:z_score", ... The
 * backlog is checked first as `prio rank` does (prio_validate_json lists the
 * problems); the first error fails the call. */
PRIO_C_API prio_scores* prio_score(const prio_backlog* backlog, const char* strategy, prio_error** err);
/* The same with options {"by", "weights", "missing", "strict"}; e.g.
 * {"by": "weighted:z_score", "weights": "retention=0.6,effort=-0.4"}. */
PRIO_C_API prio_scores* prio_score_with_options(const prio_backlog* backlog, const char* options_json, prio_error** err);
PRIO_C_API void prio_scores_free(prio_scores* scores);
PRIO_C_API size_t prio_scores_size(const prio_scores* scores);
/* The scores in the backlog's feature order, prio_scores_size() doubles,
 * borrowed without a copy: valid until the scores are freed. */
PRIO_C_API const double* prio_scores_values(const prio_scores* scores);
/* The strategy's name as the tool prints it ("rice", "moscow(rice)"). */
PRIO_C_API const char* prio_scores_strategy(const prio_scores* scores);

/* ---- rankings ----------------------------------------------------------- */

typedef struct prio_ranking prio_ranking;

/* Ranks the backlog as `prio rank FILE --by STRATEGY --order ORDER`. order:
 * "greedy" (default when NULL), "inherited", "value-density" or "none". */
PRIO_C_API prio_ranking* prio_rank(const prio_backlog* backlog, const char* strategy, const char* order, prio_error** err);
/* The same with options {"by", "weights", "missing", "strict", "order",
 * "top" (0 = all), "done" (ids: an array or a comma-separated string)}. */
PRIO_C_API prio_ranking* prio_rank_with_options(const prio_backlog* backlog, const char* options_json, prio_error** err);
PRIO_C_API void prio_ranking_free(prio_ranking* ranking);
/* A ranking keeps what it needs of the backlog: it may outlive it. */
PRIO_C_API size_t prio_ranking_size(const prio_ranking* ranking);
/* Place i (0 = first): the feature's id, title, score and index in the
 * backlog. NULL / NaN / SIZE_MAX when ranking is NULL or i out of range. */
PRIO_C_API const char* prio_ranking_id(const prio_ranking* ranking, size_t i);
PRIO_C_API const char* prio_ranking_title(const prio_ranking* ranking, size_t i);
PRIO_C_API double prio_ranking_score(const prio_ranking* ranking, size_t i);
PRIO_C_API size_t prio_ranking_index(const prio_ranking* ranking, size_t i);
/* The feature indices in ranking order, prio_ranking_size() values, borrowed. */
PRIO_C_API const size_t* prio_ranking_indices(const prio_ranking* ranking);
/* The ranking as `prio rank --format json` prints it. */
PRIO_C_API char* prio_ranking_to_json(const prio_ranking* ranking, size_t* size, prio_error** err);
/* The ranking as `prio rank --format csv` prints it (text cells guarded
 * against spreadsheet formulas). Free with prio_string_free. */
PRIO_C_API char* prio_ranking_to_csv(const prio_ranking* ranking, size_t* size, prio_error** err);

/* ---- dependency graphs ---------------------------------------------------- */

typedef struct prio_graph prio_graph;

/* The backlog's dependency graph. Fails with the first problem, located in
 * the file: unknown_dependency, self_dependency, cycle. */
PRIO_C_API prio_graph* prio_graph_new(const prio_backlog* backlog, prio_error** err);
PRIO_C_API void prio_graph_free(prio_graph* graph);
PRIO_C_API size_t prio_graph_size(const prio_graph* graph);
PRIO_C_API size_t prio_graph_edge_count(const prio_graph* graph);
/* The prerequisites (dependents) of feature i, as feature indices: writes at
 * most `capacity` of them to out (out may be NULL to ask for the count) and
 * returns how many there are; SIZE_MAX when graph is NULL or i out of range. */
PRIO_C_API size_t prio_graph_prerequisites(const prio_graph* graph, size_t i, size_t* out, size_t capacity);
PRIO_C_API size_t prio_graph_dependents(const prio_graph* graph, size_t i, size_t* out, size_t capacity);
/* The features that can start once `done` (feature indices) are done: not
 * done, every prerequisite done. Writes at most `capacity` indices (in
 * feature order) to out and returns the count; SIZE_MAX on error. */
PRIO_C_API size_t prio_graph_ready(const prio_graph* graph, const size_t* done, size_t done_count, size_t* out, size_t capacity,
                                   prio_error** err);
/* `prio ready --format json`. Options {"by", "weights", "missing", "strict", "done"}. */
PRIO_C_API char* prio_ready_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err);

/* ---- Monte Carlo simulation ----------------------------------------------- */

typedef struct prio_simulation prio_simulation;

/* `prio simulate`: rank stability under the uncertain estimates (columns x_lo
 * and x_hi beside x). Options {"by", "weights", "missing", "strict", "order"
 * (default "none"), "draws" (10000), "seed" (0), "top" (k of P(top k), 10),
 * "distribution" ("triangular", "uniform", "pert", "lognormal"), "interval"
 * (0.9), "threads" (0 = all cores; the result does not depend on it), "limit"
 * (rows of the JSON, 0 = all)}. The same seed gives the same numbers, bit for
 * bit, as the tool. Runs for long with many draws: call it from a worker thread. */
PRIO_C_API prio_simulation* prio_simulate(const prio_backlog* backlog, const char* options_json, prio_error** err);
/* Called after each block of draws with (draws done, draws in total, user);
 * returning 0 cancels the run, which then fails with PRIO_E_INVALID_ARGUMENT
 * ("simulate: cancelled"). With threads it is called from several threads:
 * it must be thread-safe and quick. */
typedef int (*prio_progress_fn)(size_t done, size_t total, void* user);
/* prio_simulate reporting its progress (progress may be NULL). */
PRIO_C_API prio_simulation* prio_simulate_with_progress(const prio_backlog* backlog, const char* options_json,
                                                        prio_progress_fn progress, void* user, prio_error** err);
PRIO_C_API void prio_simulation_free(prio_simulation* simulation);
/* Number of features; each array below has this many doubles in the
 * backlog's feature order, borrowed: valid until the simulation is freed. */
PRIO_C_API size_t prio_simulation_size(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_p_top_k(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_median_rank(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_rank_lo(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_rank_hi(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_score_lo(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_score_median(const prio_simulation* simulation);
PRIO_C_API const double* prio_simulation_score_hi(const prio_simulation* simulation);
/* The ranking of the point estimates (feature indices, prio_simulation_size() of them), borrowed. */
PRIO_C_API const size_t* prio_simulation_ranking(const prio_simulation* simulation);
/* `prio simulate --format json`. */
PRIO_C_API char* prio_simulation_to_json(const prio_simulation* simulation, size_t* size, prio_error** err);

/* ---- explanations, validation, experiments, plans, releases (JSON) ---------
 * Each returns the JSON text of the command (release it with
 * prio_string_free); size (may be NULL) receives its length. */

/* `prio explain --format json`: a feature's score term by term; with
 * other_id (may be NULL), why id outranks other_id or not. Options {"by",
 * "weights", "missing", "strict"}. */
PRIO_C_API char* prio_explain_json(const prio_backlog* backlog, const char* id, const char* other_id, const char* options_json,
                                   size_t* size, prio_error** err);
/* `prio validate --format json`: every problem the strategy would meet, as
 * diagnostics with file, line and column; succeeds even when there are errors
 * ("ok": false). Options {"by", "weights", "missing", "strict", "structure_only"}. */
PRIO_C_API char* prio_validate_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err);
/* `prio compare --format json`. Options {"by" (an array or "rice,wsjf"),
 * "weights", "missing", "strict", "order" ("none"), "top" (10), "rbo_p" (0.9), "movers" (10)}. */
PRIO_C_API char* prio_compare_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err);
/* `prio sensitivity --format json`. Options {"weights" (required),
 * "normalization" ("min_max"), "missing", "top" (3)}. */
PRIO_C_API char* prio_sensitivity_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err);
/* `prio plan --format json`. Options {"capacity" (required: a number or an
 * array), "sprints", "effort" ("effort"), "separate_sprints", "plan_wont",
 * "order" ("greedy"), "by", "weights", "missing", "strict"}. */
PRIO_C_API char* prio_plan_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err);
/* `prio release FILE --format json`. Options {"budget" (required), "bundles"
 * (a bundles CSV file name, or [{"bundle": "acme", "value": 40, "features":
 * ["sso"]}]), "effort", "value", "time_limit" (seconds, 10), "seed" (1), and
 * without bundles or value: "by", "weights", "missing", "strict"}. */
PRIO_C_API char* prio_release_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err);

#ifdef __cplusplus
}
#endif

#endif /* PRIO_C_H */
