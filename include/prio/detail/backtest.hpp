// Private helpers of prio/experiment/backtest.hpp: not API, may change in any release.
// A part of prio/experiment/backtest.hpp, included by it after the declarations these helpers
// use: include "prio/experiment/backtest.hpp" instead.
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

namespace prio::inline v1::detail {

struct BacktestStrategyData {
  std::vector<std::uint32_t> order;  // evaluated positions, best first
  RankKeys key;                      // dense (tier, score) keys: equal = tied
  std::vector<std::uint32_t> xy;     // positions by (key, hindsight rank), ascending
};

struct BacktestCommon {
  std::size_t n = 0, k = 0;
  double ratio = 0;
  std::vector<double> v, c, g;
  std::vector<std::uint32_t> by_g, by_v;  // positions by gain, descending
  RankKeys gkey;                          // dense hindsight keys (0 = best v / c)
  std::size_t gdistinct = 0;
  std::vector<double> discount;  // 1 / log2(p + 1), p = 1..k
  double grid = 0;               // decimal unit of every cost (cost_grid), 0: none
};

/// Cells of the exact knapsack DP (core items x capacity units) at most: per
/// resample, and for the whole history's optimum.
inline constexpr std::size_t resample_dp_cells = 2000000, history_dp_cells = 400000000;

/// The history laid out once in the orders the per-resample loops walk, so
/// that those loops read memory sequentially.
struct BacktestCommonLayout {
  std::vector<KnapsackItem> items;  // {v, c, position} in by_g order
  std::vector<std::uint32_t> gend;  // ends of the runs of equal hindsight key in by_g order
};

/// One strategy's data laid out in its ranking order (and its xy order).
struct BacktestStrategyLayout {
  std::vector<double> c, v, g;       // actual cost, value, value / cost in ranking order
  std::vector<double> cmin;          // cmin[p]: the smallest cost at positions p..n-1
  std::vector<std::uint32_t> kend;   // ends of the runs of equal key in ranking order
  std::vector<std::uint32_t> xpos;   // position in ranking order of each xy position
  std::vector<std::uint32_t> jend;   // ends of the runs of equal (key, hindsight key) in xy order
  std::vector<std::uint32_t> jy;     // each such run's hindsight key + 1 (a Fenwick index)
};

/// Ends of the runs of positions 0..n-1 where same(p - 1, p) holds.
template <class Same>
[[nodiscard]] std::vector<std::uint32_t> run_ends(std::size_t n, Same same) {
  std::vector<std::uint32_t> e;
  for (std::size_t p = 1; p <= n; ++p)
    if (p == n || !same(p - 1, p)) e.push_back(static_cast<std::uint32_t>(p));
  return e;
}

[[nodiscard]] inline BacktestCommonLayout layout(const BacktestCommon& d) {
  BacktestCommonLayout L;
  L.items.reserve(d.n);
  for (std::uint32_t i : d.by_g) L.items.push_back({d.v[i], d.c[i], i});
  L.gend = run_ends(d.n, [&d](std::size_t a, std::size_t b) { return d.gkey[d.by_g[a]] == d.gkey[d.by_g[b]]; });
  return L;
}

[[nodiscard]] inline BacktestStrategyLayout layout(const BacktestCommon& d, const BacktestStrategyData& st) {
  BacktestStrategyLayout L;
  const std::size_t n = d.n;
  L.c.resize(n);
  L.v.resize(n);
  L.g.resize(n);
  L.cmin.resize(n);
  std::vector<std::uint32_t> at(n);
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t i = st.order[p];
    L.c[p] = d.c[i];
    L.v[p] = d.v[i];
    L.g[p] = d.g[i];
    at[i] = static_cast<std::uint32_t>(p);
  }
  for (std::size_t p = n; p-- > 0;) L.cmin[p] = p + 1 < n ? std::min(L.c[p], L.cmin[p + 1]) : L.c[p];
  L.kend = run_ends(n, [&st](std::size_t a, std::size_t b) { return st.key[st.order[a]] == st.key[st.order[b]]; });
  L.xpos.resize(n);
  for (std::size_t q = 0; q < n; ++q) L.xpos[q] = at[st.xy[q]];
  L.jend = run_ends(n, [&st, &d](std::size_t a, std::size_t b) {
    return st.key[st.xy[a]] == st.key[st.xy[b]] && d.gkey[st.xy[a]] == d.gkey[st.xy[b]];
  });
  for (std::uint32_t e : L.jend) L.jy.push_back(static_cast<std::uint32_t>(d.gkey[st.xy[e - 1]] + 1));
  return L;
}

struct BacktestScratch {
  std::vector<std::uint32_t> fenwick;
  std::vector<std::uint32_t> cnt_order;  // copies in the strategy's ranking order
  std::vector<std::uint32_t> cnt_g;      // copies in by_g order
  std::vector<double> rx, ry;
  std::vector<KnapsackItem> items;
  KnapsackScratch knap;
};

/// Per-resample quantities shared by the strategies.
struct ResampleContext {
  const std::uint32_t* cnt = nullptr;
  double budget = 0, optimum = 0;
  double gap = 0;  // (bound - optimum) / optimum when the optimum is not proven
  double thr_g = 0, thr_v = 0, idcg_g = 0, idcg_v = 0;
  double n2 = 0;  // pairs tied in the hindsight ranking
  std::size_t kk = 0;
};

/// The k'-th largest gain and IDCG@k over an order by gain.
inline void ideal(const BacktestCommon& d, const std::vector<std::uint32_t>& by, const std::vector<double>& gain, const std::uint32_t* cnt,
                  std::size_t kk, double& thr, double& idcg) {
  std::size_t p = 0;
  idcg = 0;
  for (std::uint32_t i : by) {
    for (std::uint32_t t = 0; t < cnt[i] && p < kk; ++t) idcg += gain[i] * d.discount[p++];
    if (p >= kk) {
      thr = gain[i];
      return;
    }
  }
}

inline ResampleContext resample_context(const BacktestCommon& d, const BacktestCommonLayout& L, const std::uint32_t* cnt, BacktestScratch& s,
                                        std::size_t nodes, bool& proven) {
  ResampleContext r;
  r.cnt = cnt;
  r.kk = std::min(d.k, d.n);
  const std::size_t n = d.n;
  double total = 0;
  s.items.clear();
  s.cnt_g.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t m = cnt[d.by_g[p]];
    s.cnt_g[p] = m;
    for (std::uint32_t t = 0; t < m; ++t) s.items.push_back(L.items[p]);
    total += L.items[p].cost * m;
  }
  r.budget = d.ratio * total;
  const KnapsackResult opt = knapsack(s.items, r.budget, s.knap, false, nodes, d.grid, resample_dp_cells);
  proven = opt.proven;
  r.optimum = opt.value;
  if (!opt.proven && opt.value > 0) r.gap = (opt.bound - opt.value) / opt.value;
  ideal(d, d.by_g, d.g, cnt, r.kk, r.thr_g, r.idcg_g);
  ideal(d, d.by_v, d.v, cnt, r.kk, r.thr_v, r.idcg_v);
  // Hindsight average ranks (1-based, over copies) and tied pairs.
  s.ry.resize(n);
  std::size_t pos = 0, a = 0;
  for (std::uint32_t b : L.gend) {
    std::size_t copies = 0;
    for (std::size_t t = a; t < b; ++t) copies += s.cnt_g[t];
    const double avg = static_cast<double>(pos) + 1 + (static_cast<double>(copies) - 1) / 2;
    for (std::size_t t = a; t < b; ++t) s.ry[d.by_g[t]] = avg;
    const auto cc = static_cast<double>(copies);
    r.n2 += cc * (cc - 1) / 2;
    pos += copies;
    a = b;
  }
  return r;
}

/// The same, building the layout first (for a single use).
inline ResampleContext resample_context(const BacktestCommon& d, const std::uint32_t* cnt, BacktestScratch& s, std::size_t nodes, bool& proven) {
  return resample_context(d, layout(d), cnt, s, nodes, proven);
}

/// The measures of one strategy on one resample (r.cnt: copies of each
/// feature) but Kendall's tau, which kendall_lanes computes for several
/// resamples at once from the copies this leaves in ranking order in
/// s.cnt_order. Returns the pairs tied in the strategy's ranking (n1).
inline double evaluate_ranked(const BacktestCommon& d, const BacktestStrategyData& st, const BacktestStrategyLayout& L, const ResampleContext& r,
                              BacktestScratch& s, double* out) {
  const std::uint32_t* cnt = r.cnt;
  const auto n = d.n;
  // The copies in ranking order, gathered once.
  s.cnt_order.resize(n);
  std::uint32_t* co = s.cnt_order.data();
  for (std::size_t p = 0; p < n; ++p) co[p] = cnt[st.order[p]];
  // Value captured: fund in order, skipping what does not fit (nothing fits
  // once the budget left is below every cost still to come).
  double left = r.budget, value = 0;
  for (std::size_t p = 0; p < n && L.cmin[p] <= left; ++p)
    for (std::uint32_t t = 0; t < co[p]; ++t)
      if (L.c[p] <= left) {
        left -= L.c[p];
        value += L.v[p];
      }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out[static_cast<std::size_t>(Measure::value_captured)] = r.optimum > 0 ? value / r.optimum : nan;
  // DCG and precision at k.
  double dg = 0, dv = 0;
  std::size_t hit_g = 0, hit_v = 0;
  for (std::size_t p = 0, q = 0; p < n && q < r.kk; ++p)
    for (std::uint32_t t = 0; t < co[p] && q < r.kk; ++t) {
      dg += L.g[p] * d.discount[q];
      dv += L.v[p] * d.discount[q];
      hit_g += L.g[p] >= r.thr_g;
      hit_v += L.v[p] >= r.thr_v;
      ++q;
    }
  const auto kk = static_cast<double>(r.kk);
  out[static_cast<std::size_t>(Measure::ndcg)] = r.idcg_g > 0 ? dg / r.idcg_g : nan;
  out[static_cast<std::size_t>(Measure::ndcg_value)] = r.idcg_v > 0 ? dv / r.idcg_v : nan;
  out[static_cast<std::size_t>(Measure::precision)] = static_cast<double>(hit_g) / kk;
  out[static_cast<std::size_t>(Measure::precision_value)] = static_cast<double>(hit_v) / kk;
  // Spearman: average ranks over copies, Pearson correlation weighted by copies.
  s.rx.resize(n);
  std::size_t pos = 0, a = 0;
  double n1 = 0;
  for (std::uint32_t b : L.kend) {
    std::size_t copies = 0;
    for (std::size_t t = a; t < b; ++t) copies += co[t];
    const double avg = static_cast<double>(pos) + 1 + (static_cast<double>(copies) - 1) / 2;
    for (std::size_t t = a; t < b; ++t) s.rx[st.order[t]] = avg;
    const auto cc = static_cast<double>(copies);
    n1 += cc * (cc - 1) / 2;
    pos += copies;
    a = b;
  }
  const double total = static_cast<double>(pos), mean = (total + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {  // a feature with no copy adds exact zeros (no branch to mispredict)
    const double w = cnt[i], dx = s.rx[i] - mean, dy = s.ry[i] - mean;
    sxy += w * dx * dy;
    sxx += w * dx * dx;
    syy += w * dy * dy;
  }
  const double den_s = std::sqrt(sxx * syy);
  out[static_cast<std::size_t>(Measure::spearman)] = den_s > 0 ? sxy / den_s : nan;
  out[static_cast<std::size_t>(Measure::kendall_tau)] = nan;
  return n1;
}

/// Kendall's tau-b of one strategy on up to R resamples at once: Knight's
/// formula, the discordant pairs counted by a Fenwick tree over the hindsight
/// ranks with one counter per resample in each node (one cache line serves
/// them all), each feature weighted by its copies. Lane l reads the copies in
/// ranking order co[l], the strategy's tied pairs n1[l] and the context r[l];
/// each lane's sums run in the same order as for a single resample.
template <std::size_t R>
void kendall_lanes(const BacktestCommon& d, const BacktestStrategyLayout& L, const std::uint32_t* const* co, const double* n1,
                   const ResampleContext* r, std::size_t used, std::vector<std::uint32_t>& fenwick, double* tau) {
  const std::size_t G = d.gdistinct;
  fenwick.assign((G + 1) * R, 0);
  std::uint32_t* fw = fenwick.data();
  std::array<std::int64_t, R> inserted{};
  std::array<double, R> swaps{}, n3{};
  std::size_t a = 0;
  for (std::size_t j = 0; j < L.jend.size(); ++j) {
    const std::size_t b = L.jend[j];
    std::array<std::uint32_t, R> w{}, le{};
    for (std::size_t l = 0; l < used; ++l)
      for (std::size_t t = a; t < b; ++t) w[l] += co[l][L.xpos[t]];
    a = b;
    // A lane with no copies adds exact zeros.
    for (std::size_t l = 0; l < R; ++l) {
      const auto cc = static_cast<double>(w[l]);
      n3[l] += cc * (cc - 1) / 2;
    }
    const std::size_t y = L.jy[j];
    for (std::size_t q = y; q > 0; q -= q & (~q + 1))
      for (std::size_t l = 0; l < R; ++l) le[l] += fw[q * R + l];
    for (std::size_t l = 0; l < R; ++l)
      swaps[l] += static_cast<double>(static_cast<std::int64_t>(w[l]) * (inserted[l] - static_cast<std::int64_t>(le[l])));
    for (std::size_t q = y; q <= G; q += q & (~q + 1))
      for (std::size_t l = 0; l < R; ++l) fw[q * R + l] += w[l];
    for (std::size_t l = 0; l < R; ++l) inserted[l] += w[l];
  }
  for (std::size_t l = 0; l < used; ++l) {
    const auto total = static_cast<double>(inserted[l]);
    const double n0 = total * (total - 1) / 2;
    const double sk = n0 - n1[l] - r[l].n2 + n3[l] - 2 * swaps[l];
    const double den_k = std::sqrt((n0 - n1[l]) * (n0 - r[l].n2));
    tau[l] = den_k > 0 ? sk / den_k : std::numeric_limits<double>::quiet_NaN();
  }
}

/// All measures of one strategy on one resample.
inline void evaluate(const BacktestCommon& d, const BacktestStrategyData& st, const BacktestStrategyLayout& L, const ResampleContext& r,
                     BacktestScratch& s, double* out) {
  const double n1 = evaluate_ranked(d, st, L, r, s, out);
  const std::uint32_t* co = s.cnt_order.data();
  kendall_lanes<1>(d, L, &co, &n1, &r, 1, s.fenwick, out + static_cast<std::size_t>(Measure::kendall_tau));
}

/// The same, building the strategy's layout first (for a single use).
inline void evaluate(const BacktestCommon& d, const BacktestStrategyData& st, const ResampleContext& r, BacktestScratch& s, double* out) {
  evaluate(d, st, layout(d, st), r, s, out);
}

[[nodiscard]] inline Interval percentile_interval(double estimate, std::vector<double>& reps, double confidence) {
  const double a = (1 - confidence) / 2;
  const std::vector<double> q = quantiles(reps, {a, 1 - a});
  return {estimate, q[0], q[1]};
}

/// The history restricted to the rows in `keep` (attributes, titles, MoSCoW).
[[nodiscard]] inline Backlog subset(const Backlog& b, const std::vector<FeatureIndex>& keep) {
  std::vector<std::string> ids, titles;
  std::vector<Moscow> moscow;
  for (FeatureIndex i : keep) {
    ids.push_back(b.id(i));
    titles.push_back(b.title(i));
    moscow.push_back(b.moscow(i));
  }
  Backlog out = Backlog::from_ids(std::move(ids));
  out.set_titles(std::move(titles));
  out.set_moscow(std::move(moscow));
  Eigen::VectorXd col(static_cast<Eigen::Index>(keep.size()));
  for (const auto& a : b.attributes()) {
    const auto src = b.column(a);
    for (std::size_t j = 0; j < keep.size(); ++j) col[static_cast<Eigen::Index>(j)] = src[static_cast<Eigen::Index>(keep[j])];
    out.set_column(a, col);
  }
  return out;
}

}  // namespace prio::inline v1::detail
