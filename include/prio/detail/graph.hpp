// Private helpers of prio/graph.hpp: not API, may change in any release.
// A part of prio/graph.hpp, included by it after the declarations these helpers
// use: include "prio/graph.hpp" instead.
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
#include "prio/detail/graph_core.hpp"
#include "prio/error.hpp"
#include "prio/explain.hpp"
#include "prio/scores.hpp"

namespace prio::inline v1::detail {

/// The graph's private arrays, for prio's ordering code only.
struct GraphAccess {
  static constexpr std::uint32_t no_bundle = DependencyGraph::no_bundle;
  [[nodiscard]] static const Csr& prerequisites(const DependencyGraph& g) noexcept { return g.prereq_; }
  [[nodiscard]] static const Csr& dependents(const DependencyGraph& g) noexcept { return g.dependents_; }
  [[nodiscard]] static const std::vector<std::uint32_t>& bundle_index(const DependencyGraph& g) noexcept {
    return g.bundle_index_;
  }
};

[[nodiscard]] inline std::vector<char> done_mask(const DependencyGraph& g, const std::vector<FeatureIndex>& done) {
  std::vector<char> mask(g.size(), 0);
  for (const FeatureIndex d : done) {
    if (d >= g.size()) throw error(errc::unknown_feature, "done lists feature index " + std::to_string(d) + ", out of range");
    mask[d] = 1;
  }
  return mask;
}

inline void check_vector(const DependencyGraph& g, Eigen::Index n, const char* field) {
  if (static_cast<std::size_t>(n) != g.size())
    throw error(errc::size_mismatch,
                std::to_string(n) + " values given for a graph of " + std::to_string(g.size()) + " features",
                Location{{}, field, {}, 0, 0});
}

/// Units of scheduling: a feature, or a whole bundle. unit_of maps features to
/// units; members lists each unit's features ascending; dag is the unit graph
/// (prerequisite -> dependent), duplicates folded.
struct Units {
  std::vector<std::uint32_t> unit_of;
  std::vector<std::vector<FeatureIndex>> members;  // empty when units are features
  Csr own;
  const Csr* dag_ptr = nullptr;  // the graph's own dependent rows when there are no bundles
  [[nodiscard]] const Csr& dag() const noexcept { return dag_ptr ? *dag_ptr : own; }
  [[nodiscard]] std::size_t size() const noexcept { return dag().nodes(); }
  [[nodiscard]] std::uint32_t unit(FeatureIndex i) const noexcept { return unit_of.empty() ? i : unit_of[i]; }
};

[[nodiscard]] inline Units make_units(const DependencyGraph& g) {
  Units u;
  if (g.bundles().empty()) {
    u.dag_ptr = &GraphAccess::dependents(g);
    return u;
  }
  const std::size_t n = g.size();
  u.unit_of.assign(n, 0);
  std::uint32_t next = 0;
  std::vector<std::uint32_t> bundle_unit(g.bundles().size(), GraphAccess::no_bundle);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t b = GraphAccess::bundle_index(g)[i];
    if (b == GraphAccess::no_bundle) {
      u.unit_of[i] = next++;
      u.members.push_back({static_cast<FeatureIndex>(i)});
    } else {
      if (bundle_unit[b] == GraphAccess::no_bundle) {
        bundle_unit[b] = next++;
        u.members.push_back(g.bundles()[b]);
      }
      u.unit_of[i] = bundle_unit[b];
    }
  }
  u.own.offsets.assign(static_cast<std::size_t>(next) + 1, 0);
  std::vector<FeatureIndex> row;
  for (std::uint32_t k = 0; k < next; ++k) {
    row.clear();
    for (const FeatureIndex m : u.members[k])
      for (const FeatureIndex d : g.dependents(m))
        if (u.unit_of[d] != k) row.push_back(u.unit_of[d]);
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    u.own.targets.insert(u.own.targets.end(), row.begin(), row.end());
    u.own.offsets[static_cast<std::size_t>(k) + 1] = u.own.targets.size();
  }
  return u;
}

inline void escape_dot(std::string& out, const std::string& s) {
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
}

}  // namespace prio::inline v1::detail
