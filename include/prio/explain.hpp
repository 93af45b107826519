// Explanations: a score term by term, and why one feature outranks another.
#pragma once

#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/math.hpp"

namespace prio {
inline namespace v1 {

/// How a term enters its formula.
enum class TermRole : std::uint8_t {
  factor,   ///< multiplies the score (RICE reach, impact, confidence; ICE)
  divisor,  ///< divides the score (RICE effort, WSJF job size)
  addend,   ///< is added (WSJF cost-of-delay parts, ICE average, weighted criteria)
};

/// One term of a score.
struct Term {
  std::string name;       ///< the formula's name for it, e.g. "reach"
  std::string attribute;  ///< the backlog attribute it was read from
  TermRole role = TermRole::factor;
  double raw = 0;         ///< the value in the backlog (NaN when missing)
  double normalized = 0;  ///< the value the formula used (after normalization / missing policy)
  double weight = 1;      ///< its weight (1 for unweighted models; normalized weights sum to 1)
  double contribution = 0;  ///< weight x normalized for addends; the factor (or 1/divisor) otherwise
  std::string note;       ///< e.g. "missing: skipped", "cost criterion"
};

/// A feature's score, term by term. Printable with operator<<.
struct Explanation {
  std::string id;
  std::string title;
  std::string strategy;  ///< e.g. "rice"
  std::string formula;   ///< e.g. "reach x impact x confidence / effort"
  std::vector<Term> terms;
  double score = 0;
  std::string category;  ///< MoSCoW category when the strategy uses it, else empty
  std::vector<std::string> notes;
};

/// How one term differs between two features.
struct TermDifference {
  std::string name;
  double a = 0;  ///< the term's value used for feature a (normalized)
  double b = 0;
  /// The term's share of the difference, signed: > 0 favours a. For models
  /// with a product or a divisor the share of log(score_a / score_b) (a sum
  /// that is divided is split first into the sum's part and the divisor's);
  /// for pure sums the share of score_a - score_b. Shares' absolute values
  /// sum to 1.
  double share = 0;
};

/// Why a outranks b (or not): both explanations and the terms that decide.
struct Comparison {
  Explanation a;
  Explanation b;
  bool a_first = false;  ///< a ranks before b under the strategy's order
  std::string reason;    ///< one sentence: category, score or tie-break
  std::vector<TermDifference> differences;  ///< largest |share| first
};

namespace detail {
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
}  // namespace detail

inline std::ostream& operator<<(std::ostream& os, const Explanation& e) {
  os << e.id;
  if (!e.title.empty()) os << " (" << e.title << ')';
  os << "\n  strategy: " << e.strategy << "   score = " << e.formula << '\n';
  if (!e.category.empty()) os << "  moscow: " << e.category << '\n';
  std::size_t w = 4;
  for (const auto& t : e.terms) w = std::max(w, t.name.size());
  for (const auto& t : e.terms) {
    os << "  " << t.name << std::string(w - t.name.size() + 2, ' ') << detail::fmt_number(t.raw);
    if (t.role == TermRole::addend && (t.weight != 1 || t.normalized != t.raw)) {
      os << "  normalized " << detail::fmt_number(t.normalized) << "  weight " << detail::fmt_number(t.weight)
         << "  contributes " << detail::fmt_number(t.contribution);
    } else if (t.normalized != t.raw && !(std::isnan(t.raw) && std::isnan(t.normalized))) {
      os << "  used as " << detail::fmt_number(t.normalized);
    }
    if (t.role == TermRole::divisor) os << "  (divides)";
    if (!t.note.empty()) os << "  [" << t.note << ']';
    os << '\n';
  }
  for (const auto& n : e.notes) os << "  note: " << n << '\n';
  os << "  score " << detail::fmt_number(e.score);
  return os;
}

inline std::ostream& operator<<(std::ostream& os, const Comparison& c) {
  os << c.reason << '\n';
  for (const auto& d : c.differences) {
    if (d.share == 0) continue;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%+.0f%%", 100 * d.share);
    os << "  " << d.name << ": " << detail::fmt_number(d.a) << " vs " << detail::fmt_number(d.b) << "  (" << pct
       << (d.share > 0 ? " for " : " against ") << c.a.id << ")\n";
  }
  os << c.a << '\n' << c.b;
  return os;
}

}  // namespace v1
}  // namespace prio
