// Private helpers of prio/strategy.hpp: not API, may change in any release.
// Include "prio/strategy.hpp" instead.
#pragma once

#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "prio/explain.hpp"
#include "prio/scores.hpp"

namespace prio::inline v1::detail {

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
