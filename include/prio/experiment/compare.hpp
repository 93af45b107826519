// Rank comparison: Kendall's tau-b, Spearman's rho, rank-biased overlap,
// top-k overlap, Spearman's footrule, and a harness comparing strategies.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <functional>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/compare.hpp"
#include "prio/error.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// Kendall's tau-b in [-1, 1] between two rankings (feature indices best
/// first, each a permutation of 0..n-1) or two score vectors (ties in scores
/// are handled by the tau-b correction). NaN when either side is constant or
/// n < 2. Throws prio::error (size_mismatch, invalid_argument). O(n log n).
[[nodiscard]] inline double kendall_tau(const std::vector<FeatureIndex>& a, const std::vector<FeatureIndex>& b) {
  return detail::kendall_tau_b(detail::keys_of(a), detail::keys_of(b));
}
template <class DA, class DB>
[[nodiscard]] double kendall_tau(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b) {
  return detail::kendall_tau_b(detail::keys_of(a), detail::keys_of(b));
}
/// Scores compare in ranking order: MoSCoW tier first, then value.
[[nodiscard]] inline double kendall_tau(const Scores& a, const Scores& b) {
  return detail::kendall_tau_b(detail::keys_of(a), detail::keys_of(b));
}

/// Spearman's rho in [-1, 1]: Pearson's correlation of the (average, for
/// ties) ranks. NaN when a side is constant. Throws like kendall_tau. O(n log n).
[[nodiscard]] inline double spearman(const std::vector<FeatureIndex>& a, const std::vector<FeatureIndex>& b) {
  return detail::spearman_rho(detail::keys_of(a), detail::keys_of(b));
}
template <class DA, class DB>
[[nodiscard]] double spearman(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b) {
  return detail::spearman_rho(detail::keys_of(a), detail::keys_of(b));
}
[[nodiscard]] inline double spearman(const Scores& a, const Scores& b) {
  return detail::spearman_rho(detail::keys_of(a), detail::keys_of(b));
}

/// Spearman's footrule, normalized: sum over features of |place in a - place
/// in b| divided by its maximum floor(n^2 / 2) (Diaconis & Graham 1977), so 0
/// for equal rankings and 1 for reversed ones. Ties take average places.
[[nodiscard]] inline double footrule(const std::vector<FeatureIndex>& a, const std::vector<FeatureIndex>& b) {
  return detail::footrule_distance(detail::keys_of(a), detail::keys_of(b));
}
template <class DA, class DB>
[[nodiscard]] double footrule(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b) {
  return detail::footrule_distance(detail::keys_of(a), detail::keys_of(b));
}
[[nodiscard]] inline double footrule(const Scores& a, const Scores& b) {
  return detail::footrule_distance(detail::keys_of(a), detail::keys_of(b));
}

/// Rank-biased overlap, extrapolated (RBO_ext, Webber, Moffat & Zobel 2010,
/// eq. 32), of two lists best first that may be partial, of different
/// lengths and hold different items; p in (0, 1) is the persistence (0.9
/// weighs the top 10 by about 86%). In [0, 1], 1 for identical lists; two
/// empty lists give 1, one empty list 0. Throws prio::error
/// (invalid_argument) for p outside (0, 1) or an item listed twice. O(a + b).
[[nodiscard]] inline double rbo(const std::vector<FeatureIndex>& a, const std::vector<FeatureIndex>& b, double p) {
  if (!(p > 0 && p < 1)) throw error(errc::invalid_argument, "rbo: p must be in (0, 1)");
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  const bool a_short = a.size() <= b.size();
  const std::vector<FeatureIndex>& S = a_short ? a : b;
  const std::vector<FeatureIndex>& L = a_short ? b : a;
  const std::size_t s = S.size(), l = L.size();
  FeatureIndex top = 0;
  for (FeatureIndex f : S) top = std::max(top, f);
  for (FeatureIndex f : L) top = std::max(top, f);
  std::vector<std::uint8_t> seen(std::size_t{top} + 1, 0);  // bit 0: in S prefix, bit 1: in L prefix
  double x = 0, xs = 0, sum = 0, pd = 1;
  for (std::size_t d = 1; d <= l; ++d) {
    pd *= p;
    const FeatureIndex fl = L[d - 1];
    if (seen[fl] & 2) throw error(errc::invalid_argument, "rbo: feature index " + std::to_string(fl) + " is listed twice");
    seen[fl] |= 2;
    if (seen[fl] & 1) x += 1;
    if (d <= s) {
      const FeatureIndex fs = S[d - 1];
      if (seen[fs] & 1) throw error(errc::invalid_argument, "rbo: feature index " + std::to_string(fs) + " is listed twice");
      seen[fs] |= 1;
      if ((seen[fs] & 2) != 0) x += 1;
      if (d == s) xs = x;
    }
    const auto dd = static_cast<double>(d);
    sum += x / dd * pd;
    if (d > s) sum += xs * (dd - static_cast<double>(s)) / (static_cast<double>(s) * dd) * pd;
  }
  const double result = (1 - p) / p * sum + ((x - xs) / static_cast<double>(l) + xs / static_cast<double>(s)) * pd;
  return std::clamp(result, 0.0, 1.0);
}
/// RBO of the full rankings implied by two score vectors or two Scores:
/// higher value first (Scores: lower tier first), equal values in index
/// order, the same rule for both, so rbo(Scores) equals rbo of their values.
template <class DA, class DB>
[[nodiscard]] double rbo(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b, double p) {
  return rbo(detail::ranking_of(a), detail::ranking_of(b), p);
}
[[nodiscard]] inline double rbo(const Scores& a, const Scores& b, double p) {
  return rbo(detail::ranking_of(a), detail::ranking_of(b), p);
}

/// Jaccard similarity |A & B| / |A | B| of the first k items of two lists
/// (partial lists allowed; a list shorter than k contributes what it has).
/// 1 when both are empty. O(k).
[[nodiscard]] inline double top_k_overlap(const std::vector<FeatureIndex>& a, const std::vector<FeatureIndex>& b, std::size_t k) {
  const std::size_t ka = std::min(k, a.size()), kb = std::min(k, b.size());
  if (ka == 0 && kb == 0) return 1.0;
  std::vector<FeatureIndex> x(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(ka)),
      y(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(kb));
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  x.erase(std::unique(x.begin(), x.end()), x.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  std::vector<FeatureIndex> both;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  const auto inter = static_cast<double>(both.size());
  return inter / (static_cast<double>(x.size() + y.size()) - inter);
}
template <class DA, class DB>
[[nodiscard]] double top_k_overlap(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b,
                                          std::size_t k) {
  return top_k_overlap(detail::ranking_of(a), detail::ranking_of(b), k);
}
/// Of score vectors or Scores: the first k by the rule of rbo (equal values in index order).
[[nodiscard]] inline double top_k_overlap(const Scores& a, const Scores& b, std::size_t k) {
  return top_k_overlap(detail::ranking_of(a), detail::ranking_of(b), k);
}

/// Turns scores into an order (e.g. a dependency-respecting order); empty
/// means prio::rank.
using Orderer = std::function<std::vector<FeatureIndex>(const Scores&)>;

struct CompareOptions {
  double rbo_p = 0.9;       ///< persistence for rbo
  std::size_t top_k = 10;   ///< k for top_k_overlap
  std::size_t movers = 10;  ///< how many features to list in StrategyComparison::movers
  Orderer order;            ///< optional ordering policy applied to every strategy's scores
};

/// A feature whose place differs between strategies (places 0-based).
struct Mover {
  FeatureIndex feature = 0;
  std::size_t best = 0;    ///< best (lowest) place over the strategies
  std::size_t worst = 0;   ///< worst place
  std::size_t spread = 0;  ///< worst - best
};

/// Rankings of several strategies and their pairwise agreement: each matrix
/// is strategies x strategies, symmetric, with 1 (0 for footrule) on the diagonal.
struct StrategyComparison {
  std::vector<std::string> names;
  std::vector<Scores> scores;
  std::vector<std::vector<FeatureIndex>> rankings;  ///< best first (ordered when an order was given)
  Eigen::MatrixXd kendall_tau, spearman, rbo, top_k_overlap, footrule;
  std::vector<Mover> movers;  ///< largest spread first, then id
  double rbo_p = 0.9;
  std::size_t top_k = 10;
};

/// Scores and ranks the backlog with every named strategy and compares each
/// pair. Throws what the strategies throw, and prio::error (invalid_argument)
/// for no strategy or a duplicate name. O(s n log n + s^2 n log n).
[[nodiscard]] inline StrategyComparison compare_strategies(const Backlog& backlog,
                                                           const std::vector<std::pair<std::string, Strategy>>& strategies,
                                                           const CompareOptions& options = {}) {
  if (strategies.empty()) throw error(errc::invalid_argument, "compare_strategies needs at least one strategy");
  StrategyComparison c;
  c.rbo_p = options.rbo_p;
  c.top_k = options.top_k;
  for (const auto& [name, strategy] : strategies) {
    if (std::find(c.names.begin(), c.names.end(), name) != c.names.end())
      throw error(errc::invalid_argument, "strategy name '" + name + "' is given twice");
    c.names.push_back(name);
    c.scores.push_back(strategy.score(backlog));
    c.rankings.push_back(options.order ? options.order(c.scores.back()) : rank(c.scores.back()));
  }
  const auto s = static_cast<Eigen::Index>(strategies.size());
  for (auto* m : {&c.kendall_tau, &c.spearman, &c.rbo, &c.top_k_overlap, &c.footrule}) m->setZero(s, s);
  std::vector<detail::RankKeys> keys;
  for (const auto& r : c.rankings) keys.push_back(detail::keys_of(r));
  for (Eigen::Index i = 0; i < s; ++i)
    for (Eigen::Index j = i; j < s; ++j) {
      const auto ui = static_cast<std::size_t>(i), uj = static_cast<std::size_t>(j);
      const double t = detail::kendall_tau_b(keys[ui], keys[uj]), r = detail::spearman_rho(keys[ui], keys[uj]);
      const double o = prio::rbo(c.rankings[ui], c.rankings[uj], options.rbo_p);
      const double k = prio::top_k_overlap(c.rankings[ui], c.rankings[uj], options.top_k);
      const double f = detail::footrule_distance(keys[ui], keys[uj]);
      c.kendall_tau(i, j) = c.kendall_tau(j, i) = t;
      c.spearman(i, j) = c.spearman(j, i) = r;
      c.rbo(i, j) = c.rbo(j, i) = o;
      c.top_k_overlap(i, j) = c.top_k_overlap(j, i) = k;
      c.footrule(i, j) = c.footrule(j, i) = f;
    }
  const std::size_t n = backlog.size();
  std::vector<Mover> all(n);
  for (std::size_t f = 0; f < n; ++f) all[f] = {static_cast<FeatureIndex>(f), n, 0, 0};
  for (const auto& k : keys)
    for (std::size_t f = 0; f < n; ++f) {
      const auto place = static_cast<std::size_t>(k[f]);
      all[f].best = std::min(all[f].best, place);
      all[f].worst = std::max(all[f].worst, place);
    }
  for (auto& m : all) m.spread = m.worst - m.best;
  const std::size_t keep = std::min(options.movers, n);
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(),
                    [&backlog](const Mover& a, const Mover& b) {
                      if (a.spread != b.spread) return a.spread > b.spread;
                      return backlog.id(a.feature) < backlog.id(b.feature);
                    });
  all.resize(keep);
  c.movers = std::move(all);
  return c;
}

/// compare_strategies where every strategy's scores are put in dependency
/// order by the policy (prio::order(graph, scores, policy), found through the
/// graph's namespace: include prio/order.hpp to call this, so that this header
/// stays free of the graph and max-flow code). The graph must stay alive
/// during the call. Throws like both.
template <class Graph, class Policy>
  requires requires(const Graph& g, const Scores& s, const Policy& p) {
    { order(g, s, p) } -> std::convertible_to<std::vector<FeatureIndex>>;
  }
[[nodiscard]] StrategyComparison compare_strategies(const Backlog& backlog, const std::vector<std::pair<std::string, Strategy>>& strategies,
                                                    const Graph& graph, Policy policy, CompareOptions options = {}) {
  options.order = [&graph, p = std::move(policy)](const Scores& s) { return order(graph, s, p); };
  return compare_strategies(backlog, strategies, options);
}

}  // namespace v1
}  // namespace prio
