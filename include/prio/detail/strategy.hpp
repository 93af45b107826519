// Private helpers of prio/strategy.hpp: not API, may change in any release.
// Include "prio/strategy.hpp" instead.
#pragma once

#include <concepts>
#include <cstdint>
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

/// Scores' storage, for prio::score_into and the strategies that score into
/// an existing Scores. Keeps Scores' invariant: one value (and, when tiers
/// are set, one tier) per id.
struct ScoresAccess {
  [[nodiscard]] static Eigen::VectorXd& values(Scores& s) noexcept { return s.values_; }
  [[nodiscard]] static std::vector<std::uint8_t>& tiers(Scores& s) noexcept { return s.tiers_; }
  /// Completes s once its values are written: the backlog's ids, the
  /// strategy's name, no tiers.
  static void finish(Scores& s, const Backlog& b, const std::string& strategy) {
    s.ids_ = b.shared_ids();
    s.strategy_ = strategy;
    s.tiers_.clear();
  }
  /// The empty ids every cleared Scores shares, made before anything can
  /// fail so that clear() cannot.
  [[nodiscard]] static const std::shared_ptr<const std::vector<std::string>>& no_ids() {
    static const auto none = std::make_shared<const std::vector<std::string>>();
    return none;
  }
  /// Empties s (what prio::score_into leaves after a failure).
  static void clear(Scores& s, const std::shared_ptr<const std::vector<std::string>>& none) noexcept {
    s.values_.resize(0);
    s.ids_ = none;
    s.strategy_.clear();
    s.tiers_.clear();
  }
};

/// Scores with s into out (prio::score_into): the strategy's own
/// score_into(backlog, scores) when it has one, else its score(backlog)
/// moved into out. If scoring throws, out is left empty.
template <class S>
void score_into_any(const S& s, const Backlog& b, Scores& out) {
  const auto& none = ScoresAccess::no_ids();
  try {
    if constexpr (requires { s.score_into(b, out); }) {
      s.score_into(b, out);
    } else {
      out = Scores(s.score(b));
    }
  } catch (...) {
    ScoresAccess::clear(out, none);
    throw;
  }
}

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
