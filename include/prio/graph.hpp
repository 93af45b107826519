// The dependency graph of a backlog and the queries over it.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/fwd.hpp"
#include "prio/detail/graph_core.hpp"
#include "prio/error.hpp"
#include "prio/explain.hpp"
#include "prio/scores.hpp"

namespace prio {
inline namespace v1 {

/// What to do with dependency cycles: reject them (prio::cycle_error), or fold
/// each strongly connected group into a bundle that ships as one unit.
enum class CyclePolicy : std::uint8_t { error, bundle };

struct GraphOptions {
  CyclePolicy cycles = CyclePolicy::error;
};

/// The features of a backlog and their dependencies: "a depends on b" is an
/// edge from b (the prerequisite, comes first) to a (the dependent).
/// Stored as two compressed adjacency arrays: O(V+E) memory.
class DependencyGraph {
 public:
  /// Builds the graph from each feature's depends_on; duplicates are folded.
  /// Throws prio::error (unknown_dependency, self_dependency) naming the
  /// feature and field, and prio::cycle_error listing every cycle unless
  /// options.cycles is CyclePolicy::bundle. O(V + E log d) for d the largest
  /// number of dependencies of one feature, plus the id look-ups.
  explicit DependencyGraph(const Backlog& b, GraphOptions options = {})
      : ids_(b.shared_ids()), prereq_(detail::prerequisite_rows(b, true)), options_(options) {
    dependents_ = detail::transpose(prereq_);
    bundle_index_.assign(size(), no_bundle);
    if (detail::is_acyclic(prereq_)) return;
    std::uint32_t count = 0;
    const auto comp = detail::strong_components(prereq_, &count);
    bundles_ = detail::nontrivial_components(comp, count);
    if (options_.cycles == CyclePolicy::error) {
      auto cycles = detail::cycle_paths(prereq_, comp, bundles_, *ids_);
      auto text = detail::describe_cycles(cycles);
      throw cycle_error(std::move(text), std::move(cycles));
    }
    for (std::size_t k = 0; k < bundles_.size(); ++k)
      for (const FeatureIndex i : bundles_[k]) bundle_index_[i] = static_cast<std::uint32_t>(k);
  }

  /// Number of features.
  [[nodiscard]] std::size_t size() const noexcept { return prereq_.nodes(); }
  /// Number of distinct edges after folding duplicates.
  [[nodiscard]] std::size_t edge_count() const noexcept { return prereq_.targets.size(); }
  /// What feature i depends on (they come first), ascending.
  [[nodiscard]] std::span<const FeatureIndex> prerequisites(FeatureIndex i) const {
    check(i);
    return {prereq_.begin(i), prereq_.degree(i)};
  }
  /// What depends on feature i, ascending.
  [[nodiscard]] std::span<const FeatureIndex> dependents(FeatureIndex i) const {
    check(i);
    return {dependents_.begin(i), dependents_.degree(i)};
  }
  /// The strongly connected groups of more than one feature (only with
  /// CyclePolicy::bundle), each ascending, ordered by their first member.
  [[nodiscard]] const std::vector<std::vector<FeatureIndex>>& bundles() const noexcept { return bundles_; }
  /// The bundle holding feature i, or std::nullopt.
  [[nodiscard]] std::optional<std::size_t> bundle_of(FeatureIndex i) const {
    check(i);
    if (bundle_index_[i] == no_bundle) return std::nullopt;
    return bundle_index_[i];
  }
  /// The feature's id (shared with the backlog, not copied).
  [[nodiscard]] const std::string& id(FeatureIndex i) const {
    check(i);
    return (*ids_)[i];
  }
  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return *ids_; }
  [[nodiscard]] const GraphOptions& options() const noexcept { return options_; }


 private:
  friend struct detail::GraphAccess;  // the ordering code reads the adjacency arrays
  static constexpr std::uint32_t no_bundle = 0xffffffffU;
  void check(FeatureIndex i) const {
    if (i >= size()) throw error(errc::unknown_feature, "feature index " + std::to_string(i) + " is out of range");
  }

  std::shared_ptr<const std::vector<std::string>> ids_;
  detail::Csr prereq_;
  detail::Csr dependents_;
  std::vector<std::vector<FeatureIndex>> bundles_;
  std::vector<std::uint32_t> bundle_index_;
  GraphOptions options_;
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/graph.hpp"

namespace prio {
inline namespace v1 {

/// The features not done whose prerequisites are all done, ascending. The
/// members of a bundle become ready together, when everything the bundle
/// needs from outside is done. Throws prio::error for an out-of-range index. O(V+E).
[[nodiscard]] inline std::vector<FeatureIndex> ready(const DependencyGraph& g, const std::vector<FeatureIndex>& done) {
  const auto mask = detail::done_mask(g, done);
  const auto& bi = detail::GraphAccess::bundle_index(g);
  std::vector<FeatureIndex> out;
  std::vector<char> bundle_ok(g.bundles().size(), 1);
  for (std::size_t k = 0; k < g.bundles().size(); ++k)
    for (const FeatureIndex m : g.bundles()[k])
      for (const FeatureIndex p : g.prerequisites(m))
        if (bi[p] != k && !mask[p]) bundle_ok[k] = 0;
  for (FeatureIndex i = 0; i < g.size(); ++i) {
    if (mask[i]) continue;
    if (bi[i] != detail::GraphAccess::no_bundle) {
      if (bundle_ok[bi[i]]) out.push_back(i);
      continue;
    }
    const auto pre = g.prerequisites(i);
    if (std::all_of(pre.begin(), pre.end(), [&mask](FeatureIndex p) { return mask[p] != 0; })) out.push_back(i);
  }
  return out;
}

/// Everything not done that feature i still waits for: its prerequisites,
/// theirs, and so on, through features not done; ascending. O(V+E).
[[nodiscard]] inline std::vector<FeatureIndex> unmet_prerequisites(const DependencyGraph& g, FeatureIndex i,
                                                                   const std::vector<FeatureIndex>& done) {
  const auto mask = detail::done_mask(g, done);
  std::vector<char> seen(g.size(), 0);
  std::vector<FeatureIndex> stack{i}, out;
  seen[i] = 1;
  while (!stack.empty()) {
    const FeatureIndex v = stack.back();
    stack.pop_back();
    for (const FeatureIndex p : g.prerequisites(v)) {
      if (seen[p] || mask[p]) continue;
      seen[p] = 1;
      if (p != i) out.push_back(p);
      stack.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// What finishing a feature unblocks: everything that transitively depends on it.
struct Unblocked {
  std::vector<FeatureIndex> features;  // ascending
  std::size_t count = 0;
  double total_score = 0;  // NaN scores count as 0
};

/// Everything that transitively depends on feature i (not i itself), with
/// their count and total score. Throws prio::error (size_mismatch). O(V+E).
[[nodiscard]] inline Unblocked unblocks(const DependencyGraph& g, FeatureIndex i, const Scores& s) {
  detail::check_vector(g, static_cast<Eigen::Index>(s.size()), "scores");
  Unblocked u;
  std::vector<char> seen(g.size(), 0);
  std::vector<FeatureIndex> stack{i};
  seen[i] = 1;
  while (!stack.empty()) {
    const FeatureIndex v = stack.back();
    stack.pop_back();
    for (const FeatureIndex d : g.dependents(v)) {
      if (seen[d]) continue;
      seen[d] = 1;
      if (d != i) u.features.push_back(d);
      stack.push_back(d);
    }
  }
  std::sort(u.features.begin(), u.features.end());
  u.count = u.features.size();
  for (const FeatureIndex f : u.features)
    if (!std::isnan(s[f])) u.total_score += s[f];
  return u;
}

/// The longest chain of dependencies by total duration.
struct CriticalPath {
  std::vector<FeatureIndex> features;  // first prerequisite first
  double length = 0;
};

/// The chain of dependent features with the largest total duration (a bundle
/// counts as one step of its members' total). Durations must be finite and
/// >= 0; throws prio::error (size_mismatch, invalid_value). O(V+E).
[[nodiscard]] inline CriticalPath critical_path(const DependencyGraph& g, const Eigen::Ref<const Eigen::VectorXd>& durations) {
  detail::check_vector(g, durations.size(), "durations");
  for (FeatureIndex i = 0; i < g.size(); ++i) {
    const double d = durations[static_cast<Eigen::Index>(i)];
    if (!std::isfinite(d) || d < 0)
      throw error(errc::invalid_value, "duration must be a finite number >= 0", Location{g.id(i), "durations", {}, 0, 0});
  }
  const detail::Units u = detail::make_units(g);
  const std::size_t n = u.size();
  const bool bundled = !u.members.empty();
  std::vector<double> dur(n, 0), best(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    if (bundled)
      for (const FeatureIndex m : u.members[k]) dur[k] += durations[static_cast<Eigen::Index>(m)];
    else
      dur[k] = durations[static_cast<Eigen::Index>(k)];
  }
  constexpr std::uint32_t none = 0xffffffffU;
  std::vector<std::uint32_t> from(n, none);
  for (const FeatureIndex v : detail::topological(u.dag())) {
    best[v] += dur[v];
    for (const FeatureIndex* p = u.dag().begin(v); p != u.dag().end(v); ++p)
      if (best[v] > best[*p] || (best[v] == best[*p] && from[*p] != none && v < from[*p])) {
        best[*p] = best[v];
        from[*p] = v;
      }
  }
  CriticalPath cp;
  if (n == 0) return cp;
  std::size_t end = 0;
  for (std::size_t k = 1; k < n; ++k)
    if (best[k] > best[end]) end = k;
  cp.length = best[end];
  std::vector<std::uint32_t> chain;
  for (std::uint32_t k = static_cast<std::uint32_t>(end); k != none; k = from[k]) chain.push_back(k);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (bundled)
      cp.features.insert(cp.features.end(), u.members[*it].begin(), u.members[*it].end());
    else
      cp.features.push_back(*it);
  }
  return cp;
}

/// What to_dot numbers and marks.
struct DotOptions {
  /// The order whose positions label the nodes ("#1" = first); empty: the
  /// scores' own ranking (rank(s)).
  std::vector<FeatureIndex> order;
  /// Its name in the labels and the legend, e.g. "greedy" (the policy of
  /// `prio rank --order`); empty: "score".
  std::string order_name;
  /// Features already done: the others are ready when everything they need
  /// is done (prio::ready) and blocked otherwise.
  std::vector<FeatureIndex> done;
  /// A legend node saying what the labels and styles mean.
  bool legend = true;
};

/// Graphviz DOT: one node per feature labelled with id, title, score and its
/// position in the order (`#1` = first) named in the label; ready features
/// (everything they need done) drawn solid and filled, blocked ones dashed
/// and grey, done ones filled grey; an edge from each prerequisite to its
/// dependent; bundles as dashed clusters; a legend. Render with `dot -Tsvg`.
/// Throws prio::error (size_mismatch; invalid_argument for an order that is
/// not a permutation; an out-of-range done index).
[[nodiscard]] inline std::string to_dot(const DependencyGraph& g, const Backlog& b, const Scores& s, const DotOptions& o) {
  detail::check_vector(g, static_cast<Eigen::Index>(s.size()), "scores");
  detail::check_vector(g, static_cast<Eigen::Index>(b.size()), "backlog");
  const std::vector<FeatureIndex> by_score = o.order.empty() ? rank(s) : std::vector<FeatureIndex>{};
  const std::vector<FeatureIndex>& order = o.order.empty() ? by_score : o.order;
  std::vector<char> seen(g.size(), 0);
  for (const FeatureIndex i : order)
    if (order.size() != g.size() || i >= g.size() || seen[i]++)
      throw error(errc::invalid_argument, "the order must list every feature once", Location{{}, "order", {}, 0, 0});
  const auto pos = rank_positions(order);
  const std::string order_name = o.order_name.empty() ? std::string("score") : o.order_name;
  std::vector<char> is_done(g.size(), 0), is_ready(g.size(), 0);
  for (const FeatureIndex d : o.done) is_done.at(d) = 1;
  for (const FeatureIndex r : ready(g, o.done)) is_ready[r] = 1;
  std::string out = "digraph backlog {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n";
  auto node = [&](FeatureIndex i, const char* indent) {
    out += indent;
    out += "n" + std::to_string(i) + " [label=\"";
    detail::escape_dot(out, b.id(i));
    if (!b.title(i).empty()) {
      out += "\\n";
      detail::escape_dot(out, b.title(i));
    }
    out += "\\nscore " + (std::isnan(s[i]) ? std::string("n/a") : detail::fmt_number(s[i]));
    out += ", #" + std::to_string(pos[i] + 1) + " " + (o.order_name.empty() ? "by score" : "in " + order_name + " order");
    if (is_done[i]) out += "\\n(done)\", fillcolor=\"#DDDDDD\", fontcolor=\"#555555\"];\n";
    else if (is_ready[i]) out += "\", fillcolor=\"#D6ECFA\", color=\"#0072B2\", penwidth=1.5];\n";
    else out += "\", style=\"rounded,dashed,filled\", fillcolor=\"#F5F5F5\", color=\"#777777\", fontcolor=\"#444444\"];\n";
  };
  for (std::size_t k = 0; k < g.bundles().size(); ++k) {
    out += "  subgraph cluster_" + std::to_string(k) + " {\n    label=\"bundle " + std::to_string(k + 1) +
           "\";\n    style=dashed;\n";
    for (const FeatureIndex m : g.bundles()[k]) node(m, "    ");
    out += "  }\n";
  }
  for (FeatureIndex i = 0; i < g.size(); ++i)
    if (!g.bundle_of(i)) node(i, "  ");
  for (FeatureIndex i = 0; i < g.size(); ++i)
    for (const FeatureIndex d : g.dependents(i)) out += "  n" + std::to_string(i) + " -> n" + std::to_string(d) + ";\n";
  if (o.legend) {
    out += "  legend [shape=note, style=filled, fillcolor=\"#FFFFFF\", label=\"Legend\\l";
    out += "#n: position in the " + (o.order_name.empty() ? std::string("ranking by score alone") : order_name + " order (prio rank --order " + order_name + ")") + "\\l";
    out += "score: ";
    detail::escape_dot(out, s.strategy().empty() ? std::string("the strategy's score") : s.strategy());
    out += "\\lsolid blue box: ready (everything it needs is done)\\ldashed grey box: blocked (waits for a prerequisite)\\l";
    out += "grey box: done\\larrow: from a prerequisite to what needs it\\l";
    if (!g.bundles().empty()) out += "dashed frame: a bundle (a dependency cycle), done together\\l";
    out += "\"];\n";
  }
  out += "}\n";
  return out;
}

/// to_dot with the default options: positions by score alone, nothing done, a legend.
[[nodiscard]] inline std::string to_dot(const DependencyGraph& g, const Backlog& b, const Scores& s) { return to_dot(g, b, s, DotOptions{}); }

}  // namespace v1
}  // namespace prio
