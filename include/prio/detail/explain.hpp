// Private helpers of prio/explain.hpp: not API, may change in any release.
// A part of prio/explain.hpp, included by it after the declarations these helpers
// use: include "prio/explain.hpp" instead.
#pragma once

#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/math.hpp"

namespace prio::inline v1::detail {

inline std::string fmt_number(double v) {
  if (std::isnan(v)) return "missing";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

inline bool multiplicative(const Explanation& e) {
  for (const auto& t : e.terms)
    if (t.role != TermRole::factor && t.role != TermRole::divisor) return false;
  return !e.terms.empty();
}

/// Signed log ratio log(x / y) of two non-negative parts: +-inf when only one is zero, 0 when both are.
inline double log_ratio(double x, double y) {
  if (x > 0 && y > 0) return detail::log(x / y);  // the same bits on every platform
  return x > 0 ? INFINITY : (y > 0 ? -INFINITY : 0.0);
}

/// Term-by-term differences between two explanations of the same strategy.
///
/// Products (RICE, ICE): each term's share of log(score_a / score_b) is the log
/// ratio of its factors. Formulas that sum then divide (WSJF, ICE average) split
/// log(score_a / score_b) into the parts of the divisors (and factors), the
/// mean's count when present terms differ, and the numerator's sum first; the
/// sum's part log(sum_a / sum_b) is then shared among its terms in proportion
/// to their differences. Pure sums (weighted) share score_a - score_b. Shares
/// are normalized so that their absolute values sum to 1.
inline std::vector<TermDifference> differences(const Explanation& a, const Explanation& b) {
  std::vector<TermDifference> out;
  if (a.terms.size() != b.terms.size()) return out;
  const bool mult = multiplicative(a) && multiplicative(b);
  double sum_a = 0, sum_b = 0, rest_a = 1, rest_b = 1;
  bool any_addend = false, any_other = false;
  for (std::size_t t = 0; t < a.terms.size(); ++t) {
    if (a.terms[t].role == TermRole::addend) {
      any_addend = true;
      sum_a += a.terms[t].contribution;
      sum_b += b.terms[t].contribution;
    } else {
      any_other = true;
      rest_a *= a.terms[t].contribution;
      rest_b *= b.terms[t].contribution;
    }
  }
  // The mean's count (ICE average: 3, or the present terms under missing = skip):
  // score = sum x rest / count.
  const double count_a = a.score != 0 ? sum_a * rest_a / a.score : 1, count_b = b.score != 0 ? sum_b * rest_b / b.score : 1;
  const bool counts_differ = any_addend && std::isfinite(count_a) && std::isfinite(count_b) && count_a > 0 && count_b > 0 &&
                             std::abs(count_a - count_b) > 1e-9 * std::max(count_a, count_b);
  const bool split = !mult && any_addend && (any_other || counts_differ) && sum_a >= 0 && sum_b >= 0;
  const double sum_part = split ? log_ratio(sum_a, sum_b) : 0;
  for (std::size_t t = 0; t < a.terms.size(); ++t) {
    TermDifference d{a.terms[t].name, a.terms[t].normalized, b.terms[t].normalized, 0};
    const double ca = a.terms[t].contribution, cb = b.terms[t].contribution;
    if (mult || (split && a.terms[t].role != TermRole::addend)) {
      d.share = log_ratio(ca, cb);
    } else if (split) {  // this addend's part of log(sum_a / sum_b)
      if (std::isinf(sum_part)) d.share = ca > cb ? INFINITY : (ca < cb ? -INFINITY : 0.0);
      else if (sum_a != sum_b) d.share = sum_part * (ca - cb) / (sum_a - sum_b);
    } else {
      d.share = ca - cb;
    }
    out.push_back(d);
  }
  if (split && counts_differ) out.push_back(TermDifference{"count of present terms", count_a, count_b, -log_ratio(count_a, count_b)});
  bool infinite = false;
  for (const auto& d : out) infinite = infinite || std::isinf(d.share);
  double total = 0;
  for (auto& d : out) {
    if (infinite) d.share = std::isinf(d.share) ? (d.share > 0 ? 1.0 : -1.0) : 0.0;
    total += std::abs(d.share);
  }
  if (total > 0)
    for (auto& d : out) d.share /= total;
  std::stable_sort(out.begin(), out.end(),
                   [](const TermDifference& x, const TermDifference& y) { return std::abs(x.share) > std::abs(y.share); });
  return out;
}

}  // namespace prio::inline v1::detail
