// prio::validate: every problem of a backlog at once, without throwing.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/graph_core.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// Every structural problem: dependencies on unknown ids or on the feature
/// itself (errors), the same dependency listed twice (warning), dependency
/// cycles (errors, one per strongly connected group, with a path), and ranges
/// `x_lo` / `x_hi` that do not contain `x` or are reversed (errors).
[[nodiscard]] inline std::vector<Diagnostic> validate(const Backlog& b) {
  std::vector<Diagnostic> out;
  for (FeatureIndex i = 0; i < b.size(); ++i) {
    const auto& deps = b.depends_on(i);
    for (std::size_t k = 0; k < deps.size(); ++k) {
      const std::string& d = deps[k];
      if (d == b.id(i)) {
        out.push_back({Severity::error, errc::self_dependency, Location{b.id(i), "depends_on", {}, 0, 0}, "depends on itself"});
      } else if (!b.contains(d)) {
        out.push_back({Severity::error, errc::unknown_dependency, Location{b.id(i), "depends_on", {}, 0, 0},
                       "depends on unknown feature '" + d + "'"});
      }
      for (std::size_t j = 0; j < k; ++j)
        if (deps[j] == d) {
          out.push_back({Severity::warning, errc::duplicate_dependency, Location{b.id(i), "depends_on", {}, 0, 0},
                         "lists the dependency '" + d + "' more than once"});
          break;
        }
    }
  }
  for (const auto& cycle : detail::backlog_cycles(b))
    out.push_back({Severity::error, errc::cycle, Location{cycle.front(), "depends_on", {}, 0, 0},
                   "is in a dependency cycle: " + detail::path_text(cycle)});
  // Ranges for uncertain estimates: x_lo <= x <= x_hi.
  for (const auto& name : b.attributes()) {
    if (name.size() <= 3 || name.compare(name.size() - 3, 3, "_lo") != 0) continue;
    const std::string base = name.substr(0, name.size() - 3);
    const auto hi_name = base + "_hi";
    if (!b.has_attribute(hi_name)) {
      out.push_back({Severity::warning, errc::invalid_value, Location{{}, name, {}, 0, 0},
                     "has no matching '" + hi_name + "' column, so it is not read as a range"});
      continue;
    }
    const auto lo = b.column(name), hi = b.column(hi_name);
    const bool has_mode = b.has_attribute(base);
    for (FeatureIndex i = 0; i < b.size(); ++i) {
      const auto r = static_cast<Eigen::Index>(i);
      if (std::isnan(lo[r]) != std::isnan(hi[r])) {
        out.push_back({Severity::error, errc::missing_value, Location{b.id(i), std::isnan(lo[r]) ? name : hi_name, {}, 0, 0},
                       "a range needs both ends"});
        continue;
      }
      if (std::isnan(lo[r])) continue;
      if (lo[r] > hi[r]) {
        out.push_back({Severity::error, errc::invalid_value, Location{b.id(i), name, {}, 0, 0},
                       "range is reversed: " + detail::fmt_number(lo[r]) + " > " + detail::fmt_number(hi[r])});
        continue;
      }
      const double m = has_mode ? b.value(i, base) : std::numeric_limits<double>::quiet_NaN();
      if (!std::isnan(m) && (m < lo[r] || m > hi[r]))
        out.push_back({Severity::error, errc::invalid_value, Location{b.id(i), base, {}, 0, 0},
                       "value " + detail::fmt_number(m) + " lies outside its range [" + detail::fmt_number(lo[r]) + ", " +
                           detail::fmt_number(hi[r]) + "]"});
    }
  }
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
