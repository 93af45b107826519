// Release selection: bundles of value under a budget (the Next Release Problem).
//
// A bundle (a customer, a segment, an objective) delivers its value only when
// every feature it needs, and every prerequisite of those, ships. Choosing the
// features that maximise delivered value within a budget is the Next Release
// Problem (Bagnall, Rayward-Smith & Whittley 2001), NP-hard.
//
// Method (prio::solve_nrp):
//  1. Each bundle is replaced by its closed requirement set; bundles that cannot
//     fit the budget or carry no value are set aside.
//  2. Lagrangian relaxation of the budget: for a multiplier lambda the problem is
//     a maximum-weight closure, solved exactly by a minimum cut. Bisection on
//     lambda gives an upper bound (reported as `bound`) and a feasible start.
//  3. Ruin-and-recreate local search (greedy refill by value per marginal cost,
//     simulated-annealing acceptance), seeded, stopping at the bound, after
//     `iterations` steps or at the time limit.
//  4. Exact branch and bound (cost-share bound) with a node limit, on instances
//     of at most `exact_bundles` useful bundles (after a short search for an
//     incumbent): when it finishes, the answer is proven optimal.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/nrp_solver.hpp"
#include "prio/error.hpp"
#include "prio/graph.hpp"

namespace prio {
inline namespace v1 {

/// A bundle of an NRP instance: its value and the requirements (0-based) it needs.
struct NrpBundle {
  double value = 0;
  std::vector<std::uint32_t> features;
};

/// A Next Release Problem instance, independent of any backlog.
struct NrpInstance {
  std::vector<double> cost;                               ///< per requirement, finite, >= 0
  std::vector<std::vector<std::uint32_t>> prerequisites;  ///< per requirement (or empty): what it needs first
  std::vector<double> feature_value;                      ///< per requirement (or empty): value of the feature alone
  std::vector<NrpBundle> bundles;
  double budget = 0;
};

/// Search limits. With the default time limit the iteration budget is what
/// stops the search on this project's instances, so equal input and seed give
/// equal output; a tight time limit trades that for speed.
struct ReleaseOptions {
  double time_limit = 10.0;           ///< seconds, wall clock, for the whole call
  std::uint64_t seed = 1;             ///< local-search seed
  std::size_t iterations = 1000000;   ///< local-search steps at most (about 1-5 s on the NRP files)
  std::size_t exact_bundles = 48;     ///< run the exact phase when at most this many useful bundles remain
  std::size_t exact_nodes = 5000000;  ///< branch-and-bound nodes at most (0: skip the exact phase)
};

/// The selected release.
struct NrpSolution {
  std::vector<std::uint32_t> selected;   ///< requirements, ascending, closed under prerequisites
  std::vector<std::uint32_t> satisfied;  ///< bundles whose whole closure is selected, ascending
  double cost = 0;
  double value = 0;                      ///< satisfied bundle values + feature values of the selection
  std::optional<double> bound;           ///< an upper bound on the optimal value, when one is known
  bool optimal = false;                  ///< proven optimal (exact search finished, or value reached the bound)
  std::size_t iterations = 0;            ///< local-search steps run
  double seconds = 0;
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/release.hpp"

namespace prio {
inline namespace v1 {

/// Solves the Next Release Problem: the requirement set, closed under
/// prerequisites and within the budget, of maximum satisfied-bundle value plus
/// feature value. Throws prio::error on invalid input (negative or non-finite
/// numbers, out-of-range indices). Heuristic with an upper bound; exact when
/// `optimal` is set. See the header comment for the method.
[[nodiscard]] inline NrpSolution solve_nrp(const NrpInstance& in, const ReleaseOptions& options = {}) {
  using detail::NrpClock;
  const auto start = NrpClock::now();
  // 2% of the limit is kept for the phases after the search, so the call returns within it.
  const auto deadline =
      start + std::chrono::duration_cast<NrpClock::duration>(std::chrono::duration<double>(0.98 * std::max(0.0, options.time_limit)));
  detail::check_nrp(in);
  const std::size_t n = in.cost.size();

  // Bundles (and feature values as one-feature bundles) with their closures.
  std::vector<std::vector<std::uint32_t>> closure;
  std::vector<double> value;
  std::vector<std::uint32_t> stamp(n, 0);
  std::uint32_t mark = 0;
  for (const auto& b : in.bundles) {
    closure.push_back(detail::nrp_closure(in, b.features, stamp, ++mark));
    value.push_back(b.value);
  }
  const std::size_t real_bundles = closure.size();
  for (std::size_t i = 0; i < in.feature_value.size(); ++i)
    if (in.feature_value[i] > 0) {
      closure.push_back(detail::nrp_closure(in, {static_cast<std::uint32_t>(i)}, stamp, ++mark));
      value.push_back(in.feature_value[i]);
    }

  // Reduced core: useful bundles that fit, relevant requirements renumbered.
  detail::NrpCore core;
  core.budget = in.budget;
  std::vector<std::uint32_t> core_of(n, UINT32_MAX), req_of;
  std::vector<std::size_t> bundle_of;
  double total_cost = 0;
  bool integral_costs = true;
  for (const double c : in.cost) total_cost += c, integral_costs = integral_costs && c == std::floor(c);
  // Integer costs sum exactly: no tolerance, so the budget is never exceeded.
  const double eps = integral_costs && total_cost < 0x1p53 ? 0.0 : 1e-9 * std::max(1.0, in.budget);
  for (std::size_t b = 0; b < closure.size(); ++b) {
    double c = 0;
    for (const auto r : closure[b]) c += in.cost[r];
    if (value[b] <= 0 || c > in.budget + eps) continue;
    std::vector<std::uint32_t> need;
    for (const auto r : closure[b]) {
      if (core_of[r] == UINT32_MAX) {
        core_of[r] = static_cast<std::uint32_t>(req_of.size());
        req_of.push_back(r);
        core.cost.push_back(in.cost[r]);
      }
      need.push_back(core_of[r]);
    }
    std::sort(need.begin(), need.end());
    core.need.push_back(std::move(need));
    core.value.push_back(value[b]);
    bundle_of.push_back(b);
  }

  const auto lag = detail::nrp_lagrange(core, deadline);
  bool integral = true;
  for (const double v : core.value) integral = integral && v == std::floor(v);
  const double bound = integral ? std::floor(lag.bound + 1e-6) : lag.bound;
  // Small instances: a short search for an incumbent, then the exact phase;
  // the full search only runs when the exact phase stops at its node limit.
  const bool small = options.exact_nodes > 0 && core.need.size() <= options.exact_bundles;
  const std::size_t first = small ? std::min<std::size_t>(options.iterations, 2000) : options.iterations;
  auto search = detail::nrp_local_search(core, lag.feasible, options.seed, first, deadline, bound);
  std::vector<char> best = search.best;
  std::size_t iterations = search.iterations;
  bool optimal = search.value >= bound - 1e-9 * std::max(1.0, bound);
  if (!optimal && small) {
    auto exact = detail::nrp_branch_and_bound(core, options.exact_nodes, deadline, search.best, search.value);
    best = exact.best;
    optimal = exact.finished;
    if (!optimal && options.iterations > first) {
      auto more = detail::nrp_local_search(core, exact.best, options.seed + 1, options.iterations - first, deadline, bound);
      iterations += more.iterations;
      if (more.value > exact.value) best = more.best;
      optimal = more.value >= bound - 1e-9 * std::max(1.0, bound);
    }
  }

  NrpSolution out;
  std::vector<char> chosen(n, 0);
  for (std::size_t b = 0; b < best.size(); ++b)
    if (best[b])
      for (const auto r : core.need[b]) chosen[req_of[r]] = 1;
  // Zero-cost requirements needed by a bundle are free value: take them.
  for (std::size_t b = 0; b < closure.size(); ++b) {
    bool free = value[b] > 0;
    for (const auto r : closure[b]) free = free && (chosen[r] || in.cost[r] == 0);
    if (free)
      for (const auto r : closure[b]) chosen[r] = 1;
  }
  for (std::size_t r = 0; r < n; ++r)
    if (chosen[r]) {
      out.selected.push_back(static_cast<std::uint32_t>(r));
      out.cost += in.cost[r];
    }
  for (std::size_t b = 0; b < closure.size(); ++b) {
    const bool ok = std::all_of(closure[b].begin(), closure[b].end(), [&](std::uint32_t r) { return chosen[r] != 0; });
    if (!ok) continue;
    out.value += value[b];
    if (b < real_bundles) out.satisfied.push_back(static_cast<std::uint32_t>(b));
  }
  out.optimal = optimal;
  out.bound = optimal ? out.value : std::max(out.value, bound);
  out.iterations = iterations;
  out.seconds = std::chrono::duration<double>(NrpClock::now() - start).count();
  return out;
}

/// A bundle of features that delivers its value only when all of them, and
/// their prerequisites, ship: a customer deal, a segment, an objective.
struct Bundle {
  std::string id;
  double value = 0;
  std::vector<std::string> features;
};

/// Where a backlog's costs and values come from, for select_release.
struct ReleaseAttributes {
  std::string effort = "effort";  ///< cost of each feature (required, >= 0)
  std::string value;              ///< optional value of a feature on its own (empty: none; missing = 0)
};

/// A release chosen from a backlog.
struct ReleaseSelection {
  std::vector<FeatureIndex> features;  ///< ascending, closed under prerequisites
  std::vector<std::size_t> bundles;    ///< delivered bundles (indices into the bundle list), ascending
  double cost = 0;
  double value = 0;
  std::optional<double> bound;
  bool optimal = false;
};

/// The features that maximise delivered bundle value (plus per-feature value)
/// within `budget` of effort, closed over prerequisites (prio::solve_nrp).
/// Won't features are never selected, nor any bundle that needs one. Throws
/// prio::error: unknown_feature (a bundle names a feature the backlog lacks,
/// naming the bundle), missing_value / invalid_value (effort missing or < 0,
/// naming the feature), unknown_attribute, invalid_argument (budget).
[[nodiscard]] inline ReleaseSelection select_release(const Backlog& b, const DependencyGraph& g, const std::vector<Bundle>& bundles, double budget,
                                                     const ReleaseOptions& options = {}, const ReleaseAttributes& attributes = {}) {
  const std::size_t n = b.size();
  if (g.size() != n) throw error(errc::size_mismatch, "the graph and the backlog differ in size", Location{{}, "graph", {}, 0, 0});
  if (!std::isfinite(budget) || budget < 0) throw error(errc::invalid_argument, "budget must be finite and >= 0", Location{{}, "budget", {}, 0, 0});
  NrpInstance in;
  in.budget = budget;
  const auto effort = b.column(attributes.effort);
  in.cost.resize(n);
  in.prerequisites.resize(n);
  for (FeatureIndex i = 0; i < n; ++i) {
    const double e = effort[static_cast<Eigen::Index>(i)];
    if (std::isnan(e)) throw error(errc::missing_value, "no effort value: the feature cannot be costed", Location{b.id(i), attributes.effort, {}, 0, 0});
    if (e < 0) throw error(errc::invalid_value, "effort must be >= 0", Location{b.id(i), attributes.effort, {}, 0, 0});
    in.cost[i] = e;
    const auto pre = g.prerequisites(i);
    in.prerequisites[i].assign(pre.begin(), pre.end());
  }
  // Won't features, and every feature that needs one, can never ship: they
  // carry no value and no bundle that needs them counts, so nothing ever
  // asks for them. (A big-M cost would not do: at a budget of 5e11 the
  // relative budget tolerance swallows it.)
  std::vector<char> blocked(n, 0);
  {
    std::vector<FeatureIndex> stack;
    for (FeatureIndex i = 0; i < n; ++i)
      if (b.moscow(i) == Moscow::wont) blocked[i] = 1, stack.push_back(i);
    while (!stack.empty()) {
      const FeatureIndex i = stack.back();
      stack.pop_back();
      for (const auto d : g.dependents(i))
        if (!blocked[d]) blocked[d] = 1, stack.push_back(d);
    }
  }
  if (!attributes.value.empty()) {
    const auto v = b.column(attributes.value);
    in.feature_value.resize(n);
    for (FeatureIndex i = 0; i < n; ++i) {
      const double x = v[static_cast<Eigen::Index>(i)];
      if (x < 0) throw error(errc::invalid_value, "value must be >= 0", Location{b.id(i), attributes.value, {}, 0, 0});
      in.feature_value[i] = std::isnan(x) || blocked[i] ? 0.0 : x;
    }
  }
  for (const auto& bu : bundles) {
    NrpBundle nb;
    if (!std::isfinite(bu.value) || bu.value < 0) throw error(errc::invalid_value, "bundle value must be finite and >= 0", Location{bu.id, "value", {}, 0, 0});
    nb.value = bu.value;
    for (const auto& f : bu.features) {
      const auto i = b.find(f);
      if (!i) throw error(errc::unknown_feature, "bundle needs feature '" + f + "', which the backlog does not have", Location{bu.id, "features", {}, 0, 0});
      nb.features.push_back(*i);
      if (blocked[*i]) nb.value = 0;  // needs a Won't feature: never delivered
    }
    in.bundles.push_back(std::move(nb));
  }
  const NrpSolution sol = solve_nrp(in, options);
  ReleaseSelection out;
  out.features.assign(sol.selected.begin(), sol.selected.end());
  out.bundles.assign(sol.satisfied.begin(), sol.satisfied.end());
  out.cost = sol.cost;
  out.value = sol.value;
  out.bound = sol.bound;
  out.optimal = sol.optimal;
  return out;
}

}  // namespace v1
}  // namespace prio
