// What a scoring strategy is, and prio::Strategy, a type-erased one.
#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "prio/detail/strategy.hpp"
#include "prio/explain.hpp"
#include "prio/scores.hpp"

namespace prio {
inline namespace v1 {

/// What a strategy does with a missing value (see the README's table for each
/// strategy):
/// - error: prio::score throws prio::error (missing_value) naming feature and field;
/// - worst: the term takes its worst value, so the feature ranks last on it;
/// - skip:  the term is left out (a neutral factor, a dropped addend, and for
///          weighted scores the remaining weights renormalized).
enum class Missing : std::uint8_t { error, worst, skip };

/// A scoring model: a value with name() and score(backlog). It may also offer
/// check(backlog, diagnostics) (collect every problem without throwing),
/// explain(backlog, feature) and score_into(backlog, scores) (the same scores
/// written into an existing Scores, reusing its storage; see prio::score_into).
template <class S>
concept ScoringModel = requires(const S& s, const Backlog& b) {
  { s.score(b) } -> std::convertible_to<Scores>;
  { s.name() } -> std::convertible_to<std::string>;
};

/// A custom strategy: any callable taking a Backlog and returning Scores or an
/// Eigen::VectorXd aligned with it.
template <class F>
concept ScoreFunction = !ScoringModel<F> && std::invocable<const F&, const Backlog&> &&
                        (std::convertible_to<std::invoke_result_t<const F&, const Backlog&>, Scores> ||
                         std::convertible_to<std::invoke_result_t<const F&, const Backlog&>, Eigen::VectorXd>);

/// A named custom strategy made from a callable.
template <class F>
struct Custom {
  std::string label;
  F function;

  [[nodiscard]] std::string name() const { return label; }
  [[nodiscard]] Scores score(const Backlog& b) const {
    auto r = function(b);
    if constexpr (std::convertible_to<decltype(r), Scores>) {
      return Scores(r);
    } else {
      Eigen::VectorXd v = std::move(r);
      if (static_cast<std::size_t>(v.size()) != b.size())
        throw error(errc::size_mismatch, "custom strategy '" + label + "' returned " + std::to_string(v.size()) +
                                             " scores for " + std::to_string(b.size()) + " features");
      return Scores(std::move(v), b.shared_ids(), label);
    }
  }
};

/// Wraps a callable as a named strategy: prio::custom("reach only", [](const prio::Backlog& b) { ... }).
template <class F>
[[nodiscard]] Custom<std::decay_t<F>> custom(std::string name, F&& f) {
  return {std::move(name), std::forward<F>(f)};
}

/// Any strategy, type-erased, with value semantics (copies are cheap: the
/// model is immutable and shared). Built implicitly from any ScoringModel or
/// ScoreFunction, so functions taking a Strategy accept prio::rice() etc.
class Strategy {
 public:
  template <class S>
    requires ScoringModel<std::decay_t<S>> && (!std::same_as<std::decay_t<S>, Strategy>)
  Strategy(S&& s)  // NOLINT(google-explicit-constructor): implicit by design
      : self_(std::make_shared<const Model<std::decay_t<S>>>(std::forward<S>(s))) {}

  template <class F>
    requires ScoreFunction<std::decay_t<F>>
  Strategy(F&& f)  // NOLINT(google-explicit-constructor)
      : Strategy(Custom<std::decay_t<F>>{"custom", std::forward<F>(f)}) {}

  [[nodiscard]] std::string name() const { return self_->name(); }
  [[nodiscard]] Scores score(const Backlog& b) const { return self_->score(b); }
  /// Scores into out's storage (see prio::score_into).
  void score_into(const Backlog& b, Scores& out) const { self_->score_into(b, out); }
  void check(const Backlog& b, std::vector<Diagnostic>& out) const { self_->check(b, out); }
  [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const { return self_->explain(b, i); }

 private:
  friend struct detail::StrategyAccess;  // prio::simulate asks what the model reads
  struct Concept {
    virtual ~Concept() = default;
    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual Scores score(const Backlog&) const = 0;
    virtual void score_into(const Backlog&, Scores&) const = 0;
    virtual void check(const Backlog&, std::vector<Diagnostic>&) const = 0;
    [[nodiscard]] virtual Explanation explain(const Backlog&, FeatureIndex) const = 0;
    [[nodiscard]] virtual std::optional<std::vector<std::string>> attributes_read() const = 0;
  };
  template <class S>
  struct Model final : Concept {
    explicit Model(S s) : model(std::move(s)) {}
    [[nodiscard]] std::string name() const override { return model.name(); }
    [[nodiscard]] Scores score(const Backlog& b) const override { return model.score(b); }
    void score_into(const Backlog& b, Scores& out) const override { detail::score_into_any(model, b, out); }
    void check(const Backlog& b, std::vector<Diagnostic>& out) const override { detail::check_any(model, b, out); }
    [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const override {
      return detail::explain_any(model, b, i);
    }
    [[nodiscard]] std::optional<std::vector<std::string>> attributes_read() const override {
      return detail::attributes_read(model);
    }
    S model;
  };
  std::shared_ptr<const Concept> self_;
};

}  // namespace v1
}  // namespace prio
