// Estimate ranges (`x_lo` / `x_hi` columns): one set of rules, used by
// prio::validate (every problem, as diagnostics) and prio::simulate (the first
// problem, thrown), so that a backlog validate accepts never fails simulate's
// range checks.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/error.hpp"
#include "prio/explain.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// The attributes that have a range (`x` of every `x_lo` / `x_hi` pair), in
/// column order of their `_lo` column.
[[nodiscard]] inline std::vector<std::string> range_bases(const Backlog& b) {
  std::vector<std::string> out;
  for (const auto& a : b.attributes()) {
    const std::string_view sv(a);
    if (sv.size() > 3 && sv.substr(sv.size() - 3) == "_lo") {
      std::string x(sv.substr(0, sv.size() - 3));
      if (b.has_attribute(x + "_hi")) out.push_back(std::move(x));
    }
  }
  return out;
}

/// Appends every range problem: a `_lo` or `_hi` column without its partner,
/// a feature with one end only (missing_value), a reversed range, an estimate
/// `x` outside [x_lo, x_hi] (invalid_value). All are errors. With first_only,
/// stops after the first (in the same order), for callers that throw it.
inline void check_ranges(const Backlog& b, std::vector<Diagnostic>& out, bool first_only = false) {
  // Returns true when the caller wants no more (simulate throws the first
  // problem; validate lists them all).
  auto add = [&](Diagnostic d) {
    out.push_back(std::move(d));
    return first_only;
  };
  for (const auto& a : b.attributes()) {
    const std::string_view sv(a);
    if (sv.size() <= 3) continue;
    const std::string_view suffix = sv.substr(sv.size() - 3);
    if (suffix != "_lo" && suffix != "_hi") continue;
    const std::string other = std::string(sv.substr(0, sv.size() - 3)) + (suffix == "_lo" ? "_hi" : "_lo");
    if (!b.has_attribute(other) &&
        add({Severity::error, errc::missing_value, Location{{}, other, {}, 0, 0},
             "the backlog has '" + a + "' but no '" + other + "' column (a range needs both)"}))
      return;
  }
  for (const auto& x : range_bases(b)) {
    const auto lo = b.column(x + "_lo"), hi = b.column(x + "_hi");
    const auto est = b.attribute_column(x);  // the estimate's column, looked up once
    for (FeatureIndex i = 0; i < b.size(); ++i) {
      const auto r = static_cast<Eigen::Index>(i);
      if (std::isnan(lo[r]) != std::isnan(hi[r])) {
        if (add({Severity::error, errc::missing_value, Location{b.id(i), x + (std::isnan(lo[r]) ? "_lo" : "_hi"), {}, 0, 0},
                 "a range needs both ends"}))
          return;
        continue;
      }
      if (std::isnan(lo[r])) continue;
      if (lo[r] > hi[r]) {
        if (add({Severity::error, errc::invalid_value, Location{b.id(i), x + "_lo", {}, 0, 0},
                 "range is reversed: " + fmt_number(lo[r]) + " > " + fmt_number(hi[r])}))
          return;
        continue;
      }
      const double m = est ? b.matrix()(r, *est) : std::numeric_limits<double>::quiet_NaN();
      if (!std::isnan(m) && (m < lo[r] || m > hi[r]) &&
          add({Severity::error, errc::invalid_value, Location{b.id(i), x, {}, 0, 0},
               "value " + fmt_number(m) + " lies outside its range [" + fmt_number(lo[r]) + ", " + fmt_number(hi[r]) + "]"}))
        return;
    }
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
