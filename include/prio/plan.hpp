// Sprint planning: a ranked backlog packed into consecutive sprints under
// capacity and dependencies, with MoSCoW checks per sprint. Includes release
// selection (prio/release.hpp), the other half of planning.
//
// Fill rule ("first fit in value order"): features are taken in the given
// value order, adjusted only so that every feature comes after its
// prerequisites (a priority-keyed topological order; a strongly connected
// group, with CyclePolicy::bundle, moves as one unit). Each is put into the
// earliest sprint that (a) is not earlier than any prerequisite's sprint (not
// the same sprint either, unless same_sprint_dependencies), and (b) still has
// room for its effort. So a smaller, later feature may fill the gap a larger
// one left in an earlier sprint, but never takes room a more valuable feature
// could use: that one was placed first.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/error.hpp"
#include "prio/graph.hpp"
#include "prio/order.hpp"
#include "prio/scores.hpp"
#include "prio/strategies/moscow.hpp"

namespace prio {
inline namespace v1 {

struct SprintOptions {
  std::vector<double> capacity{10.0};    ///< per sprint; the last value repeats (one value: every sprint)
  std::string effort = "effort";         ///< effort attribute, >= 0 (NaN: not planned, reported)
  std::size_t max_sprints = 0;           ///< 0: as many as needed
  bool same_sprint_dependencies = true;  ///< a feature may share a sprint with its prerequisites
  bool plan_wont = false;                ///< plan Won't features too (by default they are reported, not planned)
};

/// Why a feature is or is not in the plan.
enum class PlanStatus : std::uint8_t {
  planned,
  wont,        ///< MoSCoW Won't (this time)
  no_effort,   ///< no effort value
  too_large,   ///< effort above every sprint's capacity
  capacity,    ///< fits a sprint, but no room left within max_sprints
  blocked,     ///< a prerequisite is not planned
};

[[nodiscard]] constexpr std::string_view to_string(PlanStatus s) noexcept {
  switch (s) {
    case PlanStatus::planned: return "planned";
    case PlanStatus::wont: return "wont";
    case PlanStatus::no_effort: return "no_effort";
    case PlanStatus::too_large: return "too_large";
    case PlanStatus::capacity: return "capacity";
    case PlanStatus::blocked: return "blocked";
  }
  return "planned";
}

struct Sprint {
  std::vector<FeatureIndex> features;  ///< in placement (value) order
  double capacity = 0;
  double used = 0;
  double free = 0;
  double value = 0;             ///< total value of its features
  double cumulative_value = 0;  ///< value delivered by the end of this sprint
};

struct SprintPlan {
  std::vector<Sprint> sprints;
  std::vector<PlanStatus> status;                 ///< per feature
  std::vector<std::optional<std::size_t>> sprint;  ///< per feature: 0-based sprint, when planned
  std::vector<std::optional<FeatureIndex>> blocked_by;  ///< per feature: an unplanned prerequisite, for `blocked`
  std::vector<FeatureIndex> sequence;  ///< the order the features were considered in (value order, prerequisites first)

  /// Features that are not planned, in backlog order.
  [[nodiscard]] std::vector<FeatureIndex> unplanned() const {
    std::vector<FeatureIndex> out;
    for (std::size_t i = 0; i < status.size(); ++i)
      if (status[i] != PlanStatus::planned) out.push_back(static_cast<FeatureIndex>(i));
    return out;
  }
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/plan.hpp"

namespace prio {
inline namespace v1 {

/// Packs the features into sprints by the fill rule in this header's comment,
/// taking `order` as the value order (a permutation of the features) and
/// `value` (empty: 1 per feature; NaN counts as 0) for the value curve.
/// Throws prio::error: invalid_argument (no or non-positive capacity; order not
/// a permutation), size_mismatch, unknown_attribute, invalid_value (negative
/// effort, naming the feature). O((V + E) log V + V log sprints).
[[nodiscard]] inline SprintPlan plan_sprints(const Backlog& b, const DependencyGraph& g, std::span<const FeatureIndex> order,
                                             const SprintOptions& o, const Eigen::Ref<const Eigen::VectorXd>& value = Eigen::VectorXd()) {
  const std::size_t n = b.size();
  if (g.size() != n) throw error(errc::size_mismatch, "the graph and the backlog differ in size", Location{{}, "graph", {}, 0, 0});
  if (value.size() != 0 && static_cast<std::size_t>(value.size()) != n)
    throw error(errc::size_mismatch, "one value per feature expected", Location{{}, "value", {}, 0, 0});
  if (o.capacity.empty()) throw error(errc::invalid_argument, "no sprint capacity given", Location{{}, "capacity", {}, 0, 0});
  for (const double c : o.capacity)
    if (!std::isfinite(c) || c <= 0) throw error(errc::invalid_argument, "sprint capacity must be a finite number > 0", Location{{}, "capacity", {}, 0, 0});
  if (order.size() != n) throw error(errc::invalid_argument, "the order must list every feature once", Location{{}, "order", {}, 0, 0});
  std::vector<std::uint32_t> pos(n, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t k = 0; k < n; ++k) {
    if (order[k] >= n || pos[order[k]] != std::numeric_limits<std::uint32_t>::max())
      throw error(errc::invalid_argument, "the order must list every feature once", Location{{}, "order", {}, 0, 0});
    pos[order[k]] = static_cast<std::uint32_t>(k);
  }
  const auto effort = b.column(o.effort);
  for (FeatureIndex i = 0; i < n; ++i)
    if (effort[static_cast<Eigen::Index>(i)] < 0) throw error(errc::invalid_value, "effort must be >= 0", Location{b.id(i), o.effort, {}, 0, 0});
  auto value_of = [&](FeatureIndex i) {
    if (value.size() == 0) return 1.0;
    const double v = value[static_cast<Eigen::Index>(i)];
    return std::isnan(v) ? 0.0 : v;
  };

  SprintPlan plan;
  // The priority-keyed topological order over units (bundles move as one).
  const detail::Units units = detail::make_units(g);
  std::vector<FeatureIndex> ranking(order.begin(), order.end());
  std::vector<std::uint32_t> unit_pos(units.size(), std::numeric_limits<std::uint32_t>::max());
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t u = units.unit(ranking[k]);
    unit_pos[u] = std::min(unit_pos[u], static_cast<std::uint32_t>(k));
  }
  // An order that already puts every prerequisite first (prio::order's
  // always does) is its own priority-keyed topological order: each feature
  // is the first of the rest and ready when its turn comes.
  bool topological = units.members.empty();
  for (FeatureIndex i = 0; i < n && topological; ++i)
    for (const FeatureIndex p : g.prerequisites(i)) topological = topological && pos[p] < pos[i];
  plan.sequence = topological ? std::move(ranking) : detail::kahn_by_rank(units, ranking, unit_pos, nullptr);
  const std::vector<FeatureIndex>& seq = plan.sequence;

  double largest = 0;  // the largest sprint that can be used
  const std::size_t sprints_considered = o.max_sprints == 0 ? o.capacity.size() : std::min(o.max_sprints, o.capacity.size());
  for (std::size_t s = 0; s < std::max<std::size_t>(1, sprints_considered); ++s) largest = std::max(largest, detail::sprint_capacity(o, s));

  plan.status.assign(n, PlanStatus::planned);
  plan.sprint.assign(n, std::nullopt);
  plan.blocked_by.assign(n, std::nullopt);
  const double eps = 1e-9 * std::max(1.0, largest);
  detail::FirstFit fit;
  for (std::size_t k = 0; k < seq.size();) {
    const std::uint32_t u = units.unit(seq[k]);
    const std::size_t len = units.members.empty() ? 1 : units.members[u].size();
    const std::span<const FeatureIndex> members(seq.data() + k, len);
    k += len;
    auto mark = [&](PlanStatus st) {
      for (const FeatureIndex i : members) plan.status[i] = st;
    };
    double need = 0;
    bool wont = false, missing = false;
    for (const FeatureIndex i : members) {
      const double e = effort[static_cast<Eigen::Index>(i)];
      missing = missing || std::isnan(e);
      if (!std::isnan(e)) need += e;
      wont = wont || (b.moscow(i) == Moscow::wont && !o.plan_wont);
    }
    if (wont) {
      mark(PlanStatus::wont);
      continue;
    }
    if (missing) {
      mark(PlanStatus::no_effort);
      continue;
    }
    std::size_t earliest = 0;
    std::optional<FeatureIndex> blocker;
    for (const FeatureIndex i : members)
      for (const FeatureIndex p : g.prerequisites(i)) {
        if (units.unit(p) == u) continue;
        if (!plan.sprint[p]) {
          if (!blocker) blocker = p;
          continue;
        }
        earliest = std::max(earliest, *plan.sprint[p] + (o.same_sprint_dependencies ? 0 : 1));
      }
    if (blocker) {
      mark(PlanStatus::blocked);
      for (const FeatureIndex i : members) plan.blocked_by[i] = blocker;
      continue;
    }
    if (need > largest + eps) {
      mark(PlanStatus::too_large);
      continue;
    }
    // The first sprint opened so far with room (first fit); else the first
    // sprint still to open that is large enough, opening those before it.
    std::size_t s = fit.find(earliest, need, eps);
    while ((o.max_sprints == 0 || s < o.max_sprints) && s >= plan.sprints.size()) {
      if (need <= detail::sprint_capacity(o, s) + eps) {
        while (plan.sprints.size() <= s) {
          Sprint sp;
          sp.capacity = detail::sprint_capacity(o, plan.sprints.size());
          sp.free = sp.capacity;
          plan.sprints.push_back(sp);
          fit.push_back(sp.free);
        }
        break;
      }
      // Past the listed capacities every sprint is the same: if this one is
      // too small, all later ones are too.
      if (s >= o.capacity.size()) {
        s = o.max_sprints == 0 ? std::numeric_limits<std::size_t>::max() : o.max_sprints;
        break;
      }
      ++s;
    }
    if ((o.max_sprints != 0 && s >= o.max_sprints) || s == std::numeric_limits<std::size_t>::max()) {
      mark(PlanStatus::capacity);
      continue;
    }
    Sprint& sp = plan.sprints[s];
    for (const FeatureIndex i : members) {
      sp.features.push_back(i);
      sp.value += value_of(i);
      plan.sprint[i] = s;
    }
    sp.used += need;
    sp.free = sp.capacity - sp.used;
    fit.set(s, sp.free);
  }
  double cumulative = 0;
  for (auto& sp : plan.sprints) {
    cumulative += sp.value;
    sp.cumulative_value = cumulative;
  }
  return plan;
}

/// Plans in the dependency-aware greedy order of the scores (prio::order with
/// prio::greedy()), the scores giving the value curve. Throws like the above.
[[nodiscard]] inline SprintPlan plan_sprints(const Backlog& b, const DependencyGraph& g, const Scores& scores, const SprintOptions& o) {
  detail::check_scores(g, scores);
  const auto ord = order(g, scores, greedy());
  return plan_sprints(b, g, ord, o, scores.values());
}

/// MoSCoW checks of one sprint (or release) of a plan.
struct SprintMoscow {
  std::size_t sprint = 0;
  MoscowReport report;  ///< DSDM shares of this sprint's effort
};

struct PlanMoscowReport {
  std::vector<SprintMoscow> sprints;
  bool musts_first = true;              ///< no Must is behind a Should or Could the value order put first
  std::vector<Diagnostic> diagnostics;  ///< "Musts first" findings; each sprint's own are in its report
};

/// Checks a plan against the MoSCoW rules: the DSDM effort shares per sprint
/// (prio::check_moscow on the sprint's features), and Musts first: a Must that
/// ends in a later sprint than a Should or Could, or is left out while one is
/// planned, is reported when the value order considered that Should or Could
/// first (a lower item that only filled a gap the Must did not fit is fine).
/// O(V log V) beside the per-sprint shares.
[[nodiscard]] inline PlanMoscowReport check_moscow(const Backlog& b, const SprintPlan& plan, const std::string& effort_attribute = "effort",
                                                   MoscowGuidance guidance = {}) {
  PlanMoscowReport r;
  for (std::size_t s = 0; s < plan.sprints.size(); ++s)
    r.sprints.push_back(SprintMoscow{s, check_moscow(b, plan.sprints[s].features, effort_attribute, guidance)});
  // A Must breaches "Musts first" when a Should or Could earlier in the
  // sequence is planned in an earlier sprint (or at all, when the Must is
  // not planned); the first such feature is named. One sweep of the sequence:
  // the first earlier lower feature in a sprint before s is the first of the
  // `falling` ones (planned lower features each in an earlier sprint than
  // every lower one before it) below s, found by bisection. O(n log n).
  std::vector<FeatureIndex> falling;
  for (const FeatureIndex i : plan.sequence) {
    const Moscow m = b.moscow(i);
    if (m == Moscow::should || m == Moscow::could) {
      if (plan.sprint[i] && (falling.empty() || *plan.sprint[i] < *plan.sprint[falling.back()])) falling.push_back(i);
      continue;
    }
    if (m != Moscow::must || falling.empty()) continue;
    const auto& at = plan.sprint[i];
    const auto it = at ? std::partition_point(falling.begin(), falling.end(), [&](FeatureIndex l) { return *plan.sprint[l] >= *at; })
                       : falling.begin();
    if (it == falling.end()) continue;
    const FeatureIndex l = *it;
    r.musts_first = false;
    const std::string what = std::string(to_string(b.moscow(l))) + " feature '" + b.id(l) + "' (sprint " + std::to_string(*plan.sprint[l] + 1) + ")";
    std::string msg = at ? "Must feature is planned in sprint " + std::to_string(*at + 1) + ", behind " + what + " which the order puts first"
                         : "Must feature is not planned (" + std::string(to_string(plan.status[i])) + ") while " + what + ", earlier in the order, is";
    r.diagnostics.push_back({Severity::warning, errc::must_not_first, Location{b.id(i), "moscow", {}, 0, 0}, std::move(msg)});
  }
  return r;
}

}  // namespace v1
}  // namespace prio
