// Dependency-aware ordering policies: greedy, inherited, value density.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "prio/detail/closure.hpp"
#include "prio/detail/order.hpp"
#include "prio/graph.hpp"
#include "prio/scores.hpp"

namespace prio {
inline namespace v1 {

/// The best ready feature first, by prio::rank's order.
struct Greedy {};
/// Like Greedy, but a blocker ranks as high as the best feature it
/// transitively unblocks (ties between them: their own rank).
struct Inherited {};
/// Minimise sum(score x completion time) for the given durations (Sidney
/// decomposition by parametric minimum cut).
struct ValueDensity {
  Eigen::VectorXd durations;
};
using OrderPolicy = std::variant<Greedy, Inherited, ValueDensity>;

[[nodiscard]] inline Greedy greedy() { return {}; }
[[nodiscard]] inline Inherited inherited() { return {}; }
[[nodiscard]] inline ValueDensity value_density(Eigen::VectorXd durations) { return {std::move(durations)}; }

/// "greedy", "inherited" or "value-density".
[[nodiscard]] inline std::string_view policy_name(const OrderPolicy& p) noexcept {
  switch (p.index()) {
    case 0: return "greedy";
    case 1: return "inherited";
    default: return "value-density";
  }
}

/// A permutation of the features in which each comes after everything it
/// depends on (bundles stay adjacent, best member first), ordered by the
/// policy. Throws prio::error (size_mismatch; invalid_value for a duration
/// that is not > 0). Greedy and inherited: O((V+E) log V); value density: a
/// few minimum cuts per level of its decomposition, see the README.
[[nodiscard]] inline std::vector<FeatureIndex> order(const DependencyGraph& g, const Scores& s,
                                                     const OrderPolicy& p = Greedy{}) {
  if (std::holds_alternative<Greedy>(p)) return detail::order_by_rank(g, s, false);
  if (std::holds_alternative<Inherited>(p)) return detail::order_by_rank(g, s, true);
  return detail::order_by_density(g, s, std::get<ValueDensity>(p).durations);
}

/// sum over the order of score x completion time, where a feature completes
/// when its own duration and those of all before it are done. NaN scores
/// count as 0. Throws prio::error (size_mismatch).
[[nodiscard]] inline double weighted_completion_time(const std::vector<FeatureIndex>& order, const Scores& s,
                                                     const Eigen::Ref<const Eigen::VectorXd>& durations) {
  if (static_cast<std::size_t>(durations.size()) != s.size())
    throw error(errc::size_mismatch, "durations and scores differ in size", Location{{}, "durations", {}, 0, 0});
  double t = 0, total = 0;
  for (const FeatureIndex i : order) {
    if (i >= s.size()) throw error(errc::unknown_feature, "order lists an index out of range");
    t += durations[static_cast<Eigen::Index>(i)];
    if (!std::isnan(s[i])) total += s[i] * t;
  }
  return total;
}

/// The value delivered after each position of the order: entry k is the total
/// score of the first k+1 features (NaN scores count as 0).
[[nodiscard]] inline Eigen::VectorXd value_curve(const std::vector<FeatureIndex>& order, const Scores& s) {
  Eigen::VectorXd curve(static_cast<Eigen::Index>(order.size()));
  double sum = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const FeatureIndex i = order[k];
    if (i >= s.size()) throw error(errc::unknown_feature, "order lists an index out of range");
    if (!std::isnan(s[i])) sum += s[i];
    curve[static_cast<Eigen::Index>(k)] = sum;
  }
  return curve;
}

}  // namespace v1
}  // namespace prio
