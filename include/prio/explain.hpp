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

}  // namespace v1
}  // namespace prio

#include "prio/detail/explain.hpp"

namespace prio {
inline namespace v1 {

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
