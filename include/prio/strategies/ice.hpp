// ICE: impact x confidence x ease (Sean Ellis), each rated 1-10.
#pragma once

#include <string>
#include <vector>

#include "prio/detail/formula.hpp"

namespace prio {
inline namespace v1 {

enum class IceVariant : std::uint8_t {
  product,  ///< impact x confidence x ease (the default, 1..1000)
  average,  ///< (impact + confidence + ease) / 3 (1..10), a named alternative
};

/// ICE: each of impact, confidence and ease rated 1..10 (values outside are
/// rejected; with `strict` they must be whole numbers). Missing: error
/// (default); worst = the term counts as 0; skip = the term is left out (a
/// factor of 1 for the product, dropped from the mean for the average).
struct Ice {
  std::string impact = "impact";
  std::string confidence = "confidence";
  std::string ease = "ease";
  IceVariant variant = IceVariant::product;
  bool strict = false;
  Missing missing = Missing::error;

  [[nodiscard]] std::string name() const { return variant == IceVariant::product ? "ice" : "ice-average"; }
  [[nodiscard]] Scores score(const Backlog& b) const { return detail::score_formula(spec(), b); }
  void score_into(const Backlog& b, Scores& out) const { detail::score_formula_into(spec(), b, out); }
  void check(const Backlog& b, std::vector<Diagnostic>& out) const { detail::check_formula(spec(), b, out); }
  [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const { return detail::explain_formula(spec(), b, i); }


 private:
  friend struct detail::FormulaAccess;
  [[nodiscard]] detail::FormulaSpec spec() const {
    const TermRole role = variant == IceVariant::product ? TermRole::factor : TermRole::addend;
    const std::vector<double> whole{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const std::string text = "the whole numbers 1..10";
    detail::FormulaSpec f{name(),
                          variant == IceVariant::product ? "impact x confidence x ease" : "(impact + confidence + ease) / 3",
                          {{"impact", impact, role, 1, false, 10, whole, text},
                           {"confidence", confidence, role, 1, false, 10, whole, text},
                           {"ease", ease, role, 1, false, 10, whole, text}},
                          variant == IceVariant::average,
                          strict,
                          missing};
    return f;
  }
};

/// ICE with prio's default attribute names: prio::ice() or
/// prio::ice({.variant = prio::IceVariant::average}).
[[nodiscard]] inline Ice ice(Ice options = {}) { return options; }

}  // namespace v1
}  // namespace prio
