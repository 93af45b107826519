// The parent hierarchy (Backlog::parent): one set of rules, used by
// prio::validate and by the file readers, so that a file a reader accepts
// passes validate and the other way round.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/graph_core.hpp"
#include "prio/error.hpp"

namespace prio::inline v1::detail {

/// Appends an error for every parent that names no feature (unknown_feature),
/// every feature that is its own parent and every parent cycle (cycle, one
/// per cycle, named by its first member in backlog order, with the path).
/// Each names the feature and the field "parent". O(size()).
inline void check_parents(const Backlog& b, std::vector<Diagnostic>& out) {
  const std::size_t n = b.size();
  if (!b.has_parents()) return;
  constexpr std::int64_t none = -1;
  std::vector<std::int64_t> up(n, none);
  for (FeatureIndex i = 0; i < n; ++i) {
    const std::string& p = b.parent(i);
    if (p.empty()) continue;
    if (p == b.id(i)) {
      out.push_back({Severity::error, errc::cycle, Location{b.id(i), "parent", {}, 0, 0}, "is its own parent"});
      continue;
    }
    const auto j = b.find(p);
    if (!j) {
      out.push_back({Severity::error, errc::unknown_feature, Location{b.id(i), "parent", {}, 0, 0},
                     "the parent '" + p + "' is not a feature of this backlog"});
      continue;
    }
    up[i] = *j;
  }
  // Each feature has at most one parent: walk up from every feature not yet
  // seen; meeting the current walk again closes a cycle.
  std::vector<std::uint32_t> walk(n, 0);  // 0 = not seen, else the number of the walk that saw it
  std::vector<FeatureIndex> path;
  std::uint32_t serial = 0;
  for (FeatureIndex s = 0; s < n; ++s) {
    if (walk[s] != 0) continue;
    ++serial;
    path.clear();
    std::int64_t v = s;
    while (v != none && walk[static_cast<std::size_t>(v)] == 0) {
      walk[static_cast<std::size_t>(v)] = serial;
      path.push_back(static_cast<FeatureIndex>(v));
      v = up[static_cast<std::size_t>(v)];
    }
    if (v == none || walk[static_cast<std::size_t>(v)] != serial) continue;  // reached a root or an earlier walk
    const auto start = std::find(path.begin(), path.end(), static_cast<FeatureIndex>(v));
    std::vector<FeatureIndex> cycle(start, path.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::vector<std::string> names;
    names.reserve(cycle.size() + 1);
    for (const FeatureIndex c : cycle) names.push_back(b.id(c));
    names.push_back(b.id(cycle.front()));
    out.push_back({Severity::error, errc::cycle, Location{b.id(cycle.front()), "parent", {}, 0, 0},
                   "is in a parent cycle (each feature followed by its parent): " + path_text(names)});
  }
}

}  // namespace prio::v1::detail
