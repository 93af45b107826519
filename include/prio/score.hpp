// prio::score and prio::explain: run any strategy on a backlog.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "prio/explain.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// Scores every feature of the backlog. Throws prio::error naming the
/// feature and field of the first problem (prio::validate(backlog, strategy)
/// lists all of them). O(n) for the built-in strategies except rank
/// normalization (O(n log n)).
template <class S>
  requires ScoringModel<S> || ScoreFunction<S>
[[nodiscard]] Scores score(const Backlog& backlog, const S& strategy) {
  if constexpr (ScoringModel<S>) {
    return strategy.score(backlog);
  } else {
    return Custom<S>{"custom", strategy}.score(backlog);
  }
}

/// The same scores as prio::score(backlog, strategy), bit for bit, written
/// into an existing Scores: out's values keep their storage when it already
/// holds backlog.size() of them (else it is resized), and out takes the
/// backlog's ids, the strategy's name and its tiers. For scoring the same
/// backlog again and again (after edits, in a loop) without allocating; RICE,
/// ICE and WSJF write straight into out's storage, other strategies score
/// as prio::score does and move the result into out (or use their own
/// score_into member, see prio::ScoringModel). Throws what prio::score
/// throws; out is then left empty (size 0, no strategy name), never half
/// written.
template <class S>
  requires ScoringModel<S> || ScoreFunction<S>
void score_into(const Backlog& backlog, const S& strategy, Scores& out) {
  if constexpr (ScoringModel<S>) {
    detail::score_into_any(strategy, backlog, out);
  } else {
    detail::score_into_any(Custom<S>{"custom", strategy}, backlog, out);
  }
}

/// The score of one feature, term by term. Throws prio::error.
[[nodiscard]] inline Explanation explain(const Backlog& backlog, const Strategy& strategy, FeatureIndex feature) {
  return strategy.explain(backlog, feature);
}

/// Why feature a outranks feature b (or does not) under the strategy: both
/// explanations, the reason (category, score, or the id tie-break) and each
/// term's share of the difference.
[[nodiscard]] inline Comparison explain(const Backlog& backlog, const Strategy& strategy, FeatureIndex a, FeatureIndex b) {
  Comparison c{strategy.explain(backlog, a), strategy.explain(backlog, b), false, {}, {}};
  const Scores s = strategy.score(backlog);
  const detail::RankLess less{s.values().data(), s.tiers().empty() ? nullptr : s.tiers().data(), &s.ids()};
  c.a_first = less(a, b);
  const std::string& first = c.a_first ? c.a.id : c.b.id;
  const std::string& second = c.a_first ? c.b.id : c.a.id;
  if (s.tier(a) != s.tier(b)) {
    c.reason = first + " outranks " + second + ": its MoSCoW category (" + (c.a_first ? c.a.category : c.b.category) +
               ") comes before " + (c.a_first ? c.b.category : c.a.category);
  } else if (detail::rank_key(s[a]) != detail::rank_key(s[b])) {
    const double hi = c.a_first ? s[a] : s[b], lo = c.a_first ? s[b] : s[a];
    c.reason = first + " outranks " + second + ": score " + detail::fmt_number(hi) + " vs " + detail::fmt_number(lo);
    if (lo > 0 && std::isfinite(hi)) c.reason += " (" + detail::fmt_number(hi / lo) + "x)";
  } else {
    c.reason = first + " outranks " + second + ": equal scores (" + detail::fmt_number(s[a]) + "), tie broken by id";
  }
  c.differences = detail::differences(c.a, c.b);
  return c;
}

}  // namespace v1
}  // namespace prio
