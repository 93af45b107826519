// Private helpers of prio/strategy.hpp: not API, may change in any release.
// Include "prio/strategy.hpp" instead.
#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "prio/explain.hpp"
#include "prio/scores.hpp"

namespace prio::inline v1 {
class Strategy;
struct MoscowStrategy;
}  // namespace prio::inline v1

namespace prio::inline v1::detail {

/// The formula of a strategy that has one (Rice, Ice, Wsjf: their private
/// spec(), a detail::FormulaSpec), for prio's own code; not declared for
/// other strategies.
struct FormulaAccess {
  template <class S>
  [[nodiscard]] static auto spec(const S& s) -> decltype(s.spec()) {
    return s.spec();
  }
};

/// What a prio::Strategy's model reads (below), for prio's own code.
struct StrategyAccess {
  template <class S>
    requires std::same_as<S, Strategy>
  [[nodiscard]] static auto attributes_read(const S& s) -> decltype(s.self_->attributes_read()) {
    return s.self_->attributes_read();
  }
};

/// The backlog attributes a strategy reads, where it says: a formula's
/// attributes (RICE, ICE, WSJF), the same through prio::Strategy and
/// prio::moscow around them; nullopt (it may read any) for every other
/// strategy. The one answer prio::simulate draws by, whichever way the
/// strategy is passed.
template <class S>
[[nodiscard]] std::optional<std::vector<std::string>> attributes_read(const S& s) {
  if constexpr (requires { FormulaAccess::spec(s).terms; }) {
    std::vector<std::string> out;
    for (const auto& t : FormulaAccess::spec(s).terms) out.push_back(t.attribute);
    return out;
  } else if constexpr (std::same_as<S, Strategy>) {
    return StrategyAccess::attributes_read(s);
  } else if constexpr (std::same_as<S, MoscowStrategy>) {  // tiers from the moscow column, values from secondary
    return StrategyAccess::attributes_read(s.secondary);
  } else {
    return std::nullopt;
  }
}

template <class S>
void check_any(const S& s, const Backlog& b, std::vector<Diagnostic>& out) {
  if constexpr (requires { s.check(b, out); }) {
    s.check(b, out);
  } else {
    try {
      (void)s.score(b);
    } catch (const error& e) {
      out.push_back(Diagnostic{Severity::error, e.code(), e.where(), e.description()});
    }
  }
}

template <class S>
Explanation explain_any(const S& s, const Backlog& b, FeatureIndex i) {
  if constexpr (requires { s.explain(b, i); }) {
    return s.explain(b, i);
  } else {
    const Scores sc = s.score(b);
    Explanation e{b.id(i), b.title(i), s.name(), "custom", {}, sc[i], {}, {}};
    e.terms.push_back(Term{"score", {}, TermRole::addend, sc[i], sc[i], 1, sc[i], {}});
    return e;
  }
}

}  // namespace prio::inline v1::detail
