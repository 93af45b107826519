// The machine-readable results of prio's commands, shared by the `prio` tool
// and the C ABI (src/capi) so that both print the same JSON, byte for byte,
// from one piece of code: the dependency-order policies by name, and each
// command's JSON rendering (`"schema": 1`, documented in README.md).
//
// Internal to the compiled part (not installed under include/prio): the stable
// contract is the JSON text and the C ABI, not these C++ signatures, which
// follow the commands' options and may change with them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/error.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/experiment/sensitivity.hpp"
#include "prio/experiment/simulate.hpp"
#include "prio/explain.hpp"
#include "prio/io.hpp"
#include "prio/plan.hpp"
#include "prio/release.hpp"
#include "prio/order.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio::inline v1::report {

// ---- dependency order --------------------------------------------------------

inline constexpr const char* order_names = "greedy|inherited|value-density|none";

/// The policy named greedy | inherited | value-density; nothing for "none".
/// value-density reads the backlog's 'effort' column. Throws prio::error
/// (invalid_argument) for an unknown name or a missing effort column.
[[nodiscard]] std::optional<OrderPolicy> order_policy(std::string_view name, const Backlog& backlog);

/// The features in the order of the policy (none = plain ranking by score).
/// Throws prio::error: invalid_argument as order_policy, cycle for a cyclic graph.
[[nodiscard]] std::vector<FeatureIndex> order_features(const Backlog& backlog, const Scores& scores, std::string_view policy);
/// The same on a graph of the backlog the caller already built.
[[nodiscard]] std::vector<FeatureIndex> order_features(const DependencyGraph& g, const Backlog& backlog, const Scores& scores,
                                                       std::string_view policy);

// ---- rows of a ranking ------------------------------------------------------

/// What holds a feature back: its prerequisites not in `done`, each once.
class Blockers {
 public:
  Blockers(const Backlog& b, const std::vector<FeatureIndex>& done);
  /// Valid until the next call.
  const std::vector<const std::string*>& operator()(FeatureIndex i);

 private:
  const Backlog& b_;
  bool any_done_;
  std::vector<char> is_done_;
  std::vector<const std::string*> blocked_;
};

/// A ranking visits features in score order, i.e. at random places in memory:
/// fetching the rows a few places ahead keeps a 10^6-row output from being
/// bound by cache misses. Called at each place: prefetches the row
/// prefetch_ahead places on (its id, title, dependency list, MoSCoW, score),
/// and the title text and dependency ids of the row half as far on.
inline constexpr std::size_t prefetch_ahead = 16;
void prefetch_rows(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& ranking, std::size_t place);

// ---- JSON pieces -------------------------------------------------------------

/// A JSON number (shortest round-trip form) or null for NaN / infinity.
[[nodiscard]] std::string json_number(double v);

// ---- command results ---------------------------------------------------------

/// `prio rank --format json`: {"schema": 1, "strategy", "order", "ranking":
/// [{"rank", "id", "title", "score", "moscow", "blocked_by"}]}; blocked_by
/// lists the prerequisites not in `done`.
[[nodiscard]] std::string rank_json(const Backlog& b, const Scores& scores, std::string_view order,
                                    const std::vector<FeatureIndex>& ranking, const std::vector<FeatureIndex>& done);

/// `prio rank --format csv`: rank,id,title,score,moscow,blocked_by, one row per
/// feature; text cells are guarded against spreadsheet formulas, blocked_by
/// joins the prerequisites not in `done` with ';'.
[[nodiscard]] std::string rank_csv(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& ranking,
                                   const std::vector<FeatureIndex>& done);

/// `prio ready --format json`: the frontier (already sorted best first).
[[nodiscard]] std::string ready_json(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& done,
                                     const std::vector<FeatureIndex>& frontier);

/// The frontier of `done` sorted best first by the scores.
[[nodiscard]] std::vector<FeatureIndex> ready_sorted(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& done);

/// Monte Carlo simulation as `prio simulate` runs it: the formula strategies
/// (rice, ice, ice-average, wsjf given by name in `by`) draw only the columns
/// they read; every other spec goes through the generic strategy.
[[nodiscard]] Simulation simulate(const Backlog& b, const Strategy& strategy, std::string_view by, Missing missing, bool strict,
                                  std::string_view order, SimulationOptions options);

/// `prio simulate --format json`; `rows` are the features listed (the
/// ranking, possibly cut to a limit), `point` the point-estimate scores.
/// `calibration`, when not empty, is the calibration file the draws used.
[[nodiscard]] std::string simulate_json(const Backlog& b, const Simulation& sim, const Scores& point, std::string_view order,
                                        const std::vector<FeatureIndex>& rows, std::string_view calibration = {});

/// `prio compare --format json`.
[[nodiscard]] std::string compare_json(const Backlog& b, const StrategyComparison& c, std::string_view order, double rbo_p,
                                       std::size_t top);

/// "triangular" | "uniform" | "pert" | "lognormal"; throws prio::error (invalid_argument).
[[nodiscard]] Distribution parse_distribution(std::string_view name);
/// "min_max" | "z_score" | "vector" | "rank"; throws prio::error (invalid_argument).
[[nodiscard]] Normalization parse_normalization(std::string_view name);

/// `prio sensitivity --format json`.
[[nodiscard]] std::string sensitivity_json(const Backlog& b, const Sensitivity& s, std::string_view strategy);

/// A sprint plan as `prio plan` makes it: scores, the order policy, first fit.
struct PlanResult {
  Scores scores;
  SprintPlan plan;
  PlanMoscowReport moscow;
};
/// Throws prio::error (invalid_argument) when the backlog has no `o.effort` column.
[[nodiscard]] PlanResult plan(const Backlog& b, const Strategy& strategy, std::string_view order, const SprintOptions& o);
/// `prio plan --format json`.
[[nodiscard]] std::string plan_json(const Backlog& b, const PlanResult& p, const std::vector<double>& capacity);

/// Bundles CSV: a header `bundle,value,features`, then one bundle per line with
/// its features separated by ';' (no quoting). Throws prio::error (io_error, parse_error).
[[nodiscard]] std::vector<Bundle> read_bundles(const std::string& path);
/// `prio release FILE --format json` (the selection among `bundles`).
[[nodiscard]] std::string release_json(const Backlog& b, const ReleaseSelection& r, const std::vector<Bundle>& bundles, double budget);

/// `prio explain --format json`: {"schema": 1, "id", "title", "strategy",
/// "formula", "score", "category", "terms": [...], "notes": [...]}.
[[nodiscard]] std::string explanation_json(const Explanation& e);
/// `prio explain ID ID2 --format json`: {"schema": 1, "a": {...}, "b": {...},
/// "a_first", "reason", "differences": [{"name", "a", "b", "share"}]}.
[[nodiscard]] std::string comparison_json(const Comparison& c);

/// Diagnostics as {"severity", "code", "code_name", "message", "feature",
/// "field", "file", "line", "column"} objects, one a line.
[[nodiscard]] std::string diagnostics_array(const std::vector<Diagnostic>& ds);
/// The strategy of `prio validate --structure-only`: needs no values (scores 0).
[[nodiscard]] Strategy structure_only();
/// What `prio validate` reports for a backlog that was read: the reader's
/// diagnostics (warnings) and validate(backlog, strategy), located in the file.
[[nodiscard]] std::vector<Diagnostic> validation(const ReadResult& read, const Strategy& strategy);
/// `prio validate --format json`: {"schema": 1, "file", "features",
/// "attributes", "ok", "diagnostics": [...]}.
[[nodiscard]] std::string validate_json(const ReadResult& read, const std::vector<Diagnostic>& located);

}  // namespace prio::v1::report
