// WSJF: cost of delay / job size (SAFe).
#pragma once

#include <string>
#include <vector>

#include "prio/detail/formula.hpp"

namespace prio {
inline namespace v1 {

/// Weighted Shortest Job First (SAFe): (business value + time criticality +
/// risk reduction / opportunity enablement) / job size. Components >= 0, job
/// size > 0; with `strict` every input must be on SAFe's modified Fibonacci
/// scale 1, 2, 3, 5, 8, 13, 20. Missing: error (default); worst = a missing
/// component is 0 and a missing job size infinite (score 0); skip = a missing
/// component adds nothing (job size cannot be skipped).
struct Wsjf {
  std::string business_value = "business_value";
  std::string time_criticality = "time_criticality";
  std::string risk_reduction = "risk_reduction";
  std::string job_size = "job_size";
  bool strict = false;
  Missing missing = Missing::error;

  [[nodiscard]] std::string name() const { return "wsjf"; }
  [[nodiscard]] Scores score(const Backlog& b) const { return detail::score_formula(spec(), b); }
  void score_into(const Backlog& b, Scores& out) const { detail::score_formula_into(spec(), b, out); }
  void check(const Backlog& b, std::vector<Diagnostic>& out) const { detail::check_formula(spec(), b, out); }
  [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const { return detail::explain_formula(spec(), b, i); }


 private:
  friend struct detail::FormulaAccess;
  [[nodiscard]] detail::FormulaSpec spec() const {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> fib{1, 2, 3, 5, 8, 13, 20};
    const std::string text = "1, 2, 3, 5, 8, 13, 20";
    return {"wsjf",
            "(business_value + time_criticality + risk_reduction) / job_size",
            {{"business_value", business_value, TermRole::addend, 0, false, inf, fib, text},
             {"time_criticality", time_criticality, TermRole::addend, 0, false, inf, fib, text},
             {"risk_reduction", risk_reduction, TermRole::addend, 0, false, inf, fib, text},
             {"job_size", job_size, TermRole::divisor, 0, true, inf, fib, text}},
            false,
            strict,
            missing};
  }
};

/// WSJF with prio's default attribute names: prio::wsjf(), or
/// prio::wsjf({.job_size = "story_points", .strict = true}).
[[nodiscard]] inline Wsjf wsjf(Wsjf options = {}) { return options; }

}  // namespace v1
}  // namespace prio
