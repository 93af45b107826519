// Backtests: which scoring strategy would have chosen best, judged by what
// actually happened.
//
// A history is a backlog whose features also carry outcomes: the realized
// value v (a KPI delta, revenue, a 1-5 outcome rating; >= 0) and the actual
// cost c (> 0). Each strategy ranks the history from the estimates alone
// (prio::rank: tier, score, then id, so tied scores are ordered by id, not
// averaged). Measures, for n evaluated features and k' = min(k, n):
//
// - NDCG@k (Jarvelin & Kekalainen 2002, "Cumulated gain-based evaluation of IR
//   techniques", ACM TOIS 20(4), with linear gains and the log2 discount of
//   Burges et al. 2005): DCG@k = sum over positions p = 1..k' of
//   gain(p) / log2(p + 1); NDCG@k = DCG@k / IDCG@k, where IDCG@k is the DCG of
//   the features sorted by gain, descending (ties in gain do not change it).
//   NaN when IDCG@k = 0. Gain: g = v / c (value per unit of actual cost,
//   `ndcg`) or g = v (`ndcg_value`).
// - precision@k: the share of the strategy's first k' features whose gain is
//   at least the k'-th largest gain (features tied with the k'-th best count
//   as relevant, so ties never make precision depend on the order of rows).
//   `precision` uses g = v / c, `precision_value` g = v.
// - Kendall tau-b and Spearman's rho (prio::kendall_tau, prio::spearman)
//   between the strategy's ranking (ties: equal tier and score) and the
//   hindsight ranking by v / c (ties: equal v / c).
// - value captured: the budget is budget_ratio x the total actual cost. The
//   strategy funds features in its order, skipping any whose actual cost no
//   longer fits and going on with the next (it does not stop at the first
//   that does not fit). Its realized value divided by the hindsight optimum:
//   the most value any set of features fits in the budget, an exact 0/1
//   knapsack on actual cost. 1 - share is the regret.
//
// Every measure gets a percentile bootstrap interval (Efron & Tibshirani
// 1993, ch. 13): resamples of n features drawn with replacement (a feature
// drawn twice counts twice; the budget and the optimum are recomputed for
// each resample), seeded, one xoshiro256** stream per resample, so the result
// does not depend on the thread count. Paired comparisons take the difference
// of two strategies' measures on the same resamples; a difference whose
// interval excludes 0 is called significant. Features with a missing value
// or cost are left out, and named.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/knapsack.hpp"
#include "prio/detail/quantile.hpp"
#include "prio/detail/random.hpp"
#include "prio/error.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/explain.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// The measures of a backtest, in the order of StrategyBacktest::measures.
enum class Measure : std::uint8_t { value_captured, ndcg, precision, ndcg_value, precision_value, kendall_tau, spearman };
inline constexpr std::size_t measure_count = 7;
inline constexpr std::array<Measure, measure_count> all_measures = {Measure::value_captured, Measure::ndcg,        Measure::precision,
                                                                    Measure::ndcg_value,     Measure::precision_value, Measure::kendall_tau,
                                                                    Measure::spearman};

[[nodiscard]] constexpr std::string_view to_string(Measure m) noexcept {
  switch (m) {
    case Measure::value_captured: return "value_captured";
    case Measure::ndcg: return "ndcg";
    case Measure::precision: return "precision";
    case Measure::ndcg_value: return "ndcg_value";
    case Measure::precision_value: return "precision_value";
    case Measure::kendall_tau: return "kendall_tau";
    case Measure::spearman: return "spearman";
  }
  return "";
}

struct BacktestOptions {
  std::string value = "realized_value";  ///< realized value column (>= 0)
  std::string cost = "actual_cost";      ///< actual cost column (> 0)
  std::size_t k = 10;
  double budget_ratio = 0.3;     ///< budget = ratio x total actual cost, in (0, 1]
  std::size_t bootstrap = 1000;  ///< resamples (0: no intervals)
  std::uint64_t seed = 0;
  double confidence = 0.95;  ///< central probability of the intervals
  unsigned threads = 0;      ///< 0: one per hardware thread; the result does not depend on it
  /// Branch-and-bound nodes per optimum at most. Many items of nearly the
  /// break item's value/cost make the exact search a subset-sum search; past
  /// the limit the best solution found is used and reported as not proven
  /// (its gap to the Dantzig bound is at most one item's value;
  /// Backtest::optimum_gap says what that means for value captured).
  std::size_t knapsack_nodes = 50000;
};

/// A point estimate on the whole history and its bootstrap interval.
struct Interval {
  double estimate = std::numeric_limits<double>::quiet_NaN();
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
};

struct StrategyBacktest {
  std::string name;
  std::array<Interval, measure_count> measures;  ///< indexed by Measure
  std::vector<FeatureIndex> ranking;  ///< evaluated features (history indices), best first
  std::vector<FeatureIndex> funded;   ///< what it funds within the budget, in its order
  double funded_value = 0, funded_cost = 0;
  [[nodiscard]] const Interval& operator[](Measure m) const { return measures[static_cast<std::size_t>(m)]; }
};

/// Measure of strategy a minus strategy b on the same resamples.
struct PairedDifference {
  std::string a, b;
  Measure measure = Measure::value_captured;
  Interval difference;
  bool significant = false;  ///< the interval excludes 0
};

struct Backtest {
  std::vector<StrategyBacktest> strategies;  ///< league order: value captured, then NDCG, then name
  std::vector<PairedDifference> comparisons; ///< each pair (a above b in the league) and measure
  std::vector<std::string> missing_outcome;  ///< ids left out (value or cost missing)
  std::string value_column, cost_column;
  std::size_t features = 0;  ///< evaluated
  std::size_t k = 0, bootstrap = 0;
  std::uint64_t seed = 0;
  double budget_ratio = 0, confidence = 0.95;
  double total_cost = 0, total_value = 0, budget = 0;
  double optimum_value = 0, optimum_cost = 0;
  std::vector<FeatureIndex> optimum;  ///< the hindsight optimum's features, ascending
  double optimum_bound = 0;           ///< Dantzig (LP) upper bound on the optimum
  bool optimum_proven = true;         ///< false if the node limit stopped the exact search
  std::size_t unproven_resamples = 0; ///< resamples whose optimum was not proven
  /// An optimum that is not proven is the best set found: a lower bound on the
  /// true optimum, whose Dantzig bound is the upper one. optimum_gap is the
  /// largest (bound - best found) / best found over the history and every
  /// resample (0 when all are proven), so every value captured (estimate,
  /// replicate and interval end) reads at most that share high: the true
  /// share lies in [share / (1 + optimum_gap), share].
  double optimum_gap = 0;
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/backtest.hpp"

namespace prio {
inline namespace v1 {

/// Backtests the named strategies on a history (see the top of this header
/// for every definition). Throws prio::error: unknown_attribute for a missing
/// value or cost column, invalid_value naming the feature and field for a
/// negative value or a cost <= 0, invalid_argument for bad options, no
/// strategy, a duplicate name or no feature with both outcomes, and what the
/// strategies throw. O(s n log n) for the rankings plus, per resample,
/// O(n + core search) for the optimum and O(s n log n) for the measures.
[[nodiscard]] inline Backtest backtest(const Backlog& history, const std::vector<std::pair<std::string, Strategy>>& strategies,
                                       const BacktestOptions& options = {}) {
  if (strategies.empty()) throw error(errc::invalid_argument, "backtest needs at least one strategy");
  for (std::size_t i = 0; i < strategies.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (strategies[i].first == strategies[j].first)
        throw error(errc::invalid_argument, "strategy name '" + strategies[i].first + "' is given twice");
  if (options.k == 0) throw error(errc::invalid_argument, "backtest: k must be at least 1");
  if (!(options.budget_ratio > 0 && options.budget_ratio <= 1))
    throw error(errc::invalid_argument, "backtest: budget ratio must be in (0, 1], got " + detail::fmt_number(options.budget_ratio));
  if (!(options.confidence > 0 && options.confidence < 1)) throw error(errc::invalid_argument, "backtest: confidence must be in (0, 1)");
  for (const auto* col : {&options.value, &options.cost})
    if (!history.has_attribute(*col))
      throw error(errc::unknown_attribute,
                  "the history has no column '" + *col + "' (the " + (col == &options.value ? "realized value" : "actual cost") + " column)",
                  Location{{}, *col, {}, 0, 0});
  Backtest bt;
  bt.value_column = options.value;
  bt.cost_column = options.cost;
  bt.k = options.k;
  bt.bootstrap = options.bootstrap;
  bt.seed = options.seed;
  bt.budget_ratio = options.budget_ratio;
  bt.confidence = options.confidence;
  const auto vcol = history.column(options.value);
  const auto ccol = history.column(options.cost);
  std::vector<FeatureIndex> keep;
  for (FeatureIndex i = 0; i < history.size(); ++i) {
    const double v = vcol[static_cast<Eigen::Index>(i)], c = ccol[static_cast<Eigen::Index>(i)];
    if (std::isnan(v) || std::isnan(c)) {
      bt.missing_outcome.push_back(history.id(i));
      continue;
    }
    if (v < 0) throw error(errc::invalid_value, "realized value must be >= 0, got " + detail::fmt_number(v), Location{history.id(i), options.value, {}, 0, 0});
    if (!(c > 0)) throw error(errc::invalid_value, "actual cost must be > 0, got " + detail::fmt_number(c), Location{history.id(i), options.cost, {}, 0, 0});
    keep.push_back(i);
  }
  const std::size_t n = keep.size();
  if (n == 0)
    throw error(errc::invalid_argument, "backtest: no feature has both a '" + options.value + "' and a '" + options.cost + "' (" +
                                            std::to_string(history.size()) + " features, all with a missing outcome)");
  const Backlog sub = bt.missing_outcome.empty() ? Backlog{} : detail::subset(history, keep);
  const Backlog& eval = bt.missing_outcome.empty() ? history : sub;
  bt.features = n;

  detail::BacktestCommon d;
  d.n = n;
  d.k = options.k;
  d.ratio = options.budget_ratio;
  d.v.resize(n);
  d.c.resize(n);
  d.g.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    d.v[j] = vcol[static_cast<Eigen::Index>(keep[j])];
    d.c[j] = ccol[static_cast<Eigen::Index>(keep[j])];
    d.g[j] = d.v[j] / d.c[j];
  }
  d.grid = detail::cost_grid(d.c);
  const Eigen::Map<const Eigen::VectorXd> gmap(d.g.data(), static_cast<Eigen::Index>(n)), vmap(d.v.data(), static_cast<Eigen::Index>(n));
  const detail::RankKeys graw = detail::keys_of(gmap);
  d.by_g = std::vector<std::uint32_t>(n);
  std::iota(d.by_g.begin(), d.by_g.end(), 0u);
  std::stable_sort(d.by_g.begin(), d.by_g.end(), [&graw](std::uint32_t a, std::uint32_t b) { return graw[a] < graw[b]; });
  d.gkey.assign(n, 0);
  for (std::size_t p = 1; p < n; ++p) d.gkey[d.by_g[p]] = d.gkey[d.by_g[p - 1]] + (graw[d.by_g[p]] != graw[d.by_g[p - 1]] ? 1 : 0);
  d.gdistinct = n > 0 ? d.gkey[d.by_g[n - 1]] + 1 : 0;
  const detail::RankKeys vraw = detail::keys_of(vmap);
  d.by_v = std::vector<std::uint32_t>(n);
  std::iota(d.by_v.begin(), d.by_v.end(), 0u);
  std::stable_sort(d.by_v.begin(), d.by_v.end(), [&vraw](std::uint32_t a, std::uint32_t b) { return vraw[a] < vraw[b]; });
  for (std::size_t p = 0; p < std::min(d.k, n); ++p) d.discount.push_back(1 / std::log2(static_cast<double>(p) + 2));

  const std::size_t S = strategies.size();
  std::vector<detail::BacktestStrategyData> sd(S);
  std::vector<detail::BacktestStrategyLayout> sl(S);
  for (std::size_t s = 0; s < S; ++s) {
    const Scores sc = strategies[s].second.score(eval);
    const std::vector<FeatureIndex> r = rank(sc);
    sd[s].order.assign(r.begin(), r.end());
    sd[s].key = detail::keys_of(sc, r);
    sd[s].xy = sd[s].order;
    const auto& key = sd[s].key;
    std::sort(sd[s].xy.begin(), sd[s].xy.end(), [&key, &d](std::uint32_t a, std::uint32_t b) {
      return key[a] != key[b] ? key[a] < key[b] : (d.gkey[a] != d.gkey[b] ? d.gkey[a] < d.gkey[b] : a < b);
    });
    sl[s] = detail::layout(d, sd[s]);
  }
  const detail::BacktestCommonLayout layout = detail::layout(d);

  // Point estimates on the whole history.
  std::vector<std::uint32_t> ones(n, 1);
  detail::BacktestScratch scratch;
  bool proven = true;
  detail::ResampleContext full = detail::resample_context(d, layout, ones.data(), scratch, options.knapsack_nodes, proven);
  const detail::KnapsackResult opt = detail::knapsack(scratch.items, full.budget, scratch.knap, true, options.knapsack_nodes, d.grid,
                                                           detail::history_dp_cells);
  bt.optimum_proven = opt.proven;
  bt.optimum_bound = opt.bound;
  if (!opt.proven && opt.value > 0) bt.optimum_gap = (opt.bound - opt.value) / opt.value;
  bt.optimum_value = opt.value;
  full.optimum = opt.value;  // the search with the set may go further (a larger DP)
  bt.optimum_cost = opt.cost;
  for (std::uint32_t j : opt.chosen) bt.optimum.push_back(keep[j]);
  std::sort(bt.optimum.begin(), bt.optimum.end());
  bt.budget = full.budget;
  for (std::size_t j = 0; j < n; ++j) {
    bt.total_cost += d.c[j];
    bt.total_value += d.v[j];
  }
  std::vector<StrategyBacktest> res(S);
  std::vector<std::array<double, measure_count>> point(S);
  for (std::size_t s = 0; s < S; ++s) {
    detail::evaluate(d, sd[s], sl[s], full, scratch, point[s].data());
    // The rank correlations of the whole history by the library's own functions.
    point[s][static_cast<std::size_t>(Measure::kendall_tau)] = detail::kendall_tau_b(sd[s].key, d.gkey);
    point[s][static_cast<std::size_t>(Measure::spearman)] = detail::spearman_rho(sd[s].key, d.gkey);
    res[s].name = strategies[s].first;
    double left = full.budget;
    for (std::uint32_t j : sd[s].order) {
      res[s].ranking.push_back(keep[j]);
      if (d.c[j] <= left) {
        left -= d.c[j];
        res[s].funded.push_back(keep[j]);
        res[s].funded_value += d.v[j];
        res[s].funded_cost += d.c[j];
      }
    }
  }

  // Bootstrap: reps[(s * measure_count + m) * B + r].
  const std::size_t B = options.bootstrap;
  std::vector<double> reps(S * measure_count * B);
  std::vector<std::uint8_t> unproven(B, 0);
  std::vector<double> gaps(B, 0.0);
  if (B > 0) {
    unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, B));
    if (n * B < 20000) threads = 1;
    std::atomic<std::size_t> next{0};
    std::mutex err_mutex;
    std::exception_ptr err;
    // Resamples go in groups of `lanes` (a group's Kendall counts share one
    // Fenwick tree); each resample's numbers depend on its index only.
    constexpr std::size_t lanes = 16;
    auto worker = [&]() {
      try {
        std::vector<detail::BacktestScratch> sc(lanes);
        std::vector<std::vector<std::uint32_t>> cnt(lanes, std::vector<std::uint32_t>(n));
        std::array<detail::ResampleContext, lanes> ctx;
        std::array<const std::uint32_t*, lanes> co{};
        std::array<double, lanes> n1{}, tau{};
        std::vector<std::uint32_t> fenwick;
        std::array<double, measure_count> out{};
        for (;;) {
          const std::size_t r0 = next.fetch_add(lanes);
          if (r0 >= B) break;
          const std::size_t used = std::min(lanes, B - r0);
          for (std::size_t l = 0; l < used; ++l) {
            std::fill(cnt[l].begin(), cnt[l].end(), 0u);
            detail::Xoshiro256 g = detail::Xoshiro256::stream(options.seed, r0 + l);
            const auto nn = static_cast<double>(n);
            for (std::size_t t = 0; t < n; ++t) ++cnt[l][std::min(static_cast<std::size_t>(g.uniform() * nn), n - 1)];
            bool ok = true;
            ctx[l] = detail::resample_context(d, layout, cnt[l].data(), sc[l], options.knapsack_nodes, ok);
            unproven[r0 + l] = ok ? 0 : 1;
            gaps[r0 + l] = ctx[l].gap;
          }
          for (std::size_t s = 0; s < S; ++s) {
            for (std::size_t l = 0; l < used; ++l) {
              n1[l] = detail::evaluate_ranked(d, sd[s], sl[s], ctx[l], sc[l], out.data());
              co[l] = sc[l].cnt_order.data();
              for (std::size_t m = 0; m < measure_count; ++m) reps[(s * measure_count + m) * B + r0 + l] = out[m];
            }
            detail::kendall_lanes<lanes>(d, sl[s], co.data(), n1.data(), ctx.data(), used, fenwick, tau.data());
            for (std::size_t l = 0; l < used; ++l) reps[(s * measure_count + static_cast<std::size_t>(Measure::kendall_tau)) * B + r0 + l] = tau[l];
          }
        }
      } catch (...) {
        std::lock_guard lock(err_mutex);
        if (!err) err = std::current_exception();
        next = B;
      }
    };
    if (threads <= 1) {
      worker();
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
      for (auto& th : pool) th.join();
    }
    if (err) std::rethrow_exception(err);
    for (auto u : unproven) bt.unproven_resamples += u;
    for (double x : gaps) bt.optimum_gap = std::max(bt.optimum_gap, x);
  }
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t m = 0; m < measure_count; ++m) {
      std::vector<double> r(reps.begin() + static_cast<std::ptrdiff_t>((s * measure_count + m) * B),
                            reps.begin() + static_cast<std::ptrdiff_t>((s * measure_count + m + 1) * B));
      res[s].measures[m] = B > 0 ? detail::percentile_interval(point[s][m], r, options.confidence) : Interval{point[s][m]};
    }

  // League order.
  std::vector<std::size_t> league(S);
  std::iota(league.begin(), league.end(), std::size_t{0});
  auto key_of = [](double x) { return std::isnan(x) ? -std::numeric_limits<double>::infinity() : x; };
  std::stable_sort(league.begin(), league.end(), [&](std::size_t a, std::size_t b) {
    const double ca = key_of(point[a][0]), cb = key_of(point[b][0]);
    if (ca != cb) return ca > cb;
    const double na = key_of(point[a][1]), nb = key_of(point[b][1]);
    if (na != nb) return na > nb;
    return res[a].name < res[b].name;
  });
  for (std::size_t x = 0; x < S; ++x)
    for (std::size_t y = x + 1; y < S; ++y) {
      const std::size_t a = league[x], b = league[y];
      for (std::size_t m = 0; m < measure_count; ++m) {
        PairedDifference pd;
        pd.a = res[a].name;
        pd.b = res[b].name;
        pd.measure = all_measures[m];
        std::vector<double> diff(B);
        for (std::size_t r = 0; r < B; ++r) diff[r] = reps[(a * measure_count + m) * B + r] - reps[(b * measure_count + m) * B + r];
        const double est = point[a][m] - point[b][m];
        pd.difference = B > 0 ? detail::percentile_interval(est, diff, options.confidence) : Interval{est};
        pd.significant = pd.difference.lo > 0 || pd.difference.hi < 0;
        bt.comparisons.push_back(std::move(pd));
      }
    }
  for (std::size_t x : league) bt.strategies.push_back(std::move(res[x]));
  return bt;
}

}  // namespace v1
}  // namespace prio
