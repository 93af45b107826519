// prio::validate: every problem of a backlog at once, without throwing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/graph_core.hpp"
#include "prio/detail/hierarchy.hpp"
#include "prio/detail/ranges.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// Every structural problem: dependencies on unknown ids or on the feature
/// itself (errors), the same dependency listed twice (warning), dependency
/// cycles (errors, one per strongly connected group, with a path), parents
/// that name no feature, a feature that is its own parent and parent cycles
/// (errors, field "parent"), and ranges
/// `x_lo` / `x_hi` that do not contain `x`, are reversed, have one end only or
/// lack their partner column (errors: simulate refuses the same backlogs).
[[nodiscard]] inline std::vector<Diagnostic> validate(const Backlog& b) {
  std::vector<Diagnostic> out;
  // One batched pass of id look-ups serves the checks of every dependency
  // (told in backlog order) and the cycle search.
  const detail::Csr prereq = detail::prerequisite_rows(b, false, nullptr, [&](FeatureIndex i, std::size_t k, std::int64_t j) {
    const auto& deps = b.depends_on(i);
    const std::string& d = deps[k];
    if (j == static_cast<std::int64_t>(i)) {
      out.push_back({Severity::error, errc::self_dependency, Location{b.id(i), "depends_on", {}, 0, 0}, "depends on itself"});
    } else if (j < 0) {
      out.push_back({Severity::error, errc::unknown_dependency, Location{b.id(i), "depends_on", {}, 0, 0},
                     "depends on unknown feature '" + d + "'"});
    }
    for (std::size_t m = 0; m < k; ++m)
      if (deps[m] == d) {
        out.push_back({Severity::warning, errc::duplicate_dependency, Location{b.id(i), "depends_on", {}, 0, 0},
                       "lists the dependency '" + d + "' more than once"});
        break;
      }
  });
  for (const auto& cycle : detail::backlog_cycles(b, prereq))
    out.push_back({Severity::error, errc::cycle, Location{cycle.front(), "depends_on", {}, 0, 0},
                   "is in a dependency cycle: " + detail::path_text(cycle)});
  detail::check_parents(b, out);
  // Ranges for uncertain estimates: x_lo <= x <= x_hi (the rules simulate applies).
  detail::check_ranges(b, out);
  return out;
}

/// validate(backlog) plus everything the strategy would reject (missing or
/// out-of-range values), each naming the feature and field.
[[nodiscard]] inline std::vector<Diagnostic> validate(const Backlog& b, const Strategy& strategy) {
  std::vector<Diagnostic> out = validate(b);
  strategy.check(b, out);
  return out;
}

}  // namespace v1
}  // namespace prio
