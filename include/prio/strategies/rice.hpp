// RICE: reach x impact x confidence / effort (Sean McBride, Intercom).
#pragma once

#include <string>
#include <vector>

#include "prio/detail/formula.hpp"

namespace prio {
inline namespace v1 {

/// RICE (Intercom): reach (people or events per period) x impact (3 massive,
/// 2 high, 1 medium, 0.5 low, 0.25 minimal) x confidence (a fraction: 1 high,
/// 0.8 medium, 0.5 low) / effort (> 0, person-months).
///
/// Always rejected: reach < 0, impact < 0, confidence outside [0, 1],
/// effort <= 0. With `strict`, impact and confidence must be on Intercom's
/// scales. Missing: error (default); worst = a missing benefit term is 0 and a
/// missing effort infinite (score 0); skip = a missing benefit term is the
/// neutral factor 1 (effort cannot be skipped).
struct Rice {
  std::string reach = "reach";
  std::string impact = "impact";
  std::string confidence = "confidence";
  std::string effort = "effort";
  bool strict = false;
  Missing missing = Missing::error;

  [[nodiscard]] std::string name() const { return "rice"; }
  [[nodiscard]] Scores score(const Backlog& b) const { return detail::score_formula(spec(), b); }
  void score_into(const Backlog& b, Scores& out) const { detail::score_formula_into(spec(), b, out); }
  void check(const Backlog& b, std::vector<Diagnostic>& out) const { detail::check_formula(spec(), b, out); }
  [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const { return detail::explain_formula(spec(), b, i); }


 private:
  friend struct detail::FormulaAccess;
  [[nodiscard]] detail::FormulaSpec spec() const {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return {"rice",
            "reach x impact x confidence / effort",
            {{"reach", reach, TermRole::factor, 0, false, inf, {}, {}},
             {"impact", impact, TermRole::factor, 0, false, inf, {3, 2, 1, 0.5, 0.25}, "3, 2, 1, 0.5, 0.25"},
             {"confidence", confidence, TermRole::factor, 0, false, 1, {1, 0.8, 0.5}, "1, 0.8, 0.5"},
             {"effort", effort, TermRole::divisor, 0, true, inf, {}, {}}},
            false,
            strict,
            missing};
  }
};

/// RICE with prio's default attribute names; pass a Rice to rename them or to
/// set strict / missing: prio::rice({.effort = "person_months", .strict = true}).
[[nodiscard]] inline Rice rice(Rice options = {}) { return options; }

}  // namespace v1
}  // namespace prio
