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
};

struct BacktestScratch {
  std::vector<std::int64_t> fenwick;
  std::vector<double> rx, ry;
  std::vector<KnapsackItem> items;
  KnapsackScratch knap;
};

/// Per-resample quantities shared by the strategies.
struct ResampleContext {
  const std::uint32_t* cnt = nullptr;
  double budget = 0, optimum = 0;
  double thr_g = 0, thr_v = 0, idcg_g = 0, idcg_v = 0;
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

inline ResampleContext resample_context(const BacktestCommon& d, const std::uint32_t* cnt, BacktestScratch& s, std::size_t nodes, bool& proven) {
  ResampleContext r;
  r.cnt = cnt;
  r.kk = std::min(d.k, d.n);
  double total = 0;
  s.items.clear();
  for (std::uint32_t i : d.by_g) {
    for (std::uint32_t t = 0; t < cnt[i]; ++t) s.items.push_back({d.v[i], d.c[i], i});
    total += d.c[i] * cnt[i];
  }
  r.budget = d.ratio * total;
  const KnapsackResult opt = knapsack(s.items, r.budget, s.knap, false, nodes);
  proven = opt.proven;
  r.optimum = opt.value;
  ideal(d, d.by_g, d.g, cnt, r.kk, r.thr_g, r.idcg_g);
  ideal(d, d.by_v, d.v, cnt, r.kk, r.thr_v, r.idcg_v);
  // Hindsight average ranks (1-based, over copies).
  s.ry.assign(d.n, 0);
  std::size_t pos = 0;
  for (std::size_t a = 0; a < d.n;) {
    std::size_t b = a, copies = 0;
    while (b < d.n && d.gkey[d.by_g[b]] == d.gkey[d.by_g[a]]) copies += cnt[d.by_g[b++]];
    const double avg = static_cast<double>(pos) + 1 + (static_cast<double>(copies) - 1) / 2;
    for (std::size_t t = a; t < b; ++t) s.ry[d.by_g[t]] = avg;
    pos += copies;
    a = b;
  }
  return r;
}

/// All measures of one strategy on one resample (cnt: copies of each feature).
/// Kendall's tau-b is Knight's formula with the discordant pairs counted by a
/// Fenwick tree over the hindsight ranks, each feature weighted by its copies.
inline void evaluate(const BacktestCommon& d, const BacktestStrategyData& st, const ResampleContext& r, BacktestScratch& s,
                     double* out) {
  const std::uint32_t* cnt = r.cnt;
  const auto n = d.n;
  // Value captured: fund in order, skipping what does not fit.
  double left = r.budget, value = 0;
  for (std::uint32_t i : st.order)
    for (std::uint32_t t = 0; t < cnt[i]; ++t)
      if (d.c[i] <= left) {
        left -= d.c[i];
        value += d.v[i];
      }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out[static_cast<std::size_t>(Measure::value_captured)] = r.optimum > 0 ? value / r.optimum : nan;
  // DCG and precision at k.
  double dg = 0, dv = 0;
  std::size_t p = 0, hit_g = 0, hit_v = 0;
  for (std::uint32_t i : st.order) {
    if (p >= r.kk) break;
    for (std::uint32_t t = 0; t < cnt[i] && p < r.kk; ++t) {
      dg += d.g[i] * d.discount[p];
      dv += d.v[i] * d.discount[p];
      hit_g += d.g[i] >= r.thr_g;
      hit_v += d.v[i] >= r.thr_v;
      ++p;
    }
  }
  const auto kk = static_cast<double>(r.kk);
  out[static_cast<std::size_t>(Measure::ndcg)] = r.idcg_g > 0 ? dg / r.idcg_g : nan;
  out[static_cast<std::size_t>(Measure::ndcg_value)] = r.idcg_v > 0 ? dv / r.idcg_v : nan;
  out[static_cast<std::size_t>(Measure::precision)] = static_cast<double>(hit_g) / kk;
  out[static_cast<std::size_t>(Measure::precision_value)] = static_cast<double>(hit_v) / kk;
  // Spearman: average ranks over copies, Pearson correlation weighted by copies.
  s.rx.assign(n, 0);
  std::size_t pos = 0;
  double n1 = 0;
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a, copies = 0;
    while (b < n && st.key[st.order[b]] == st.key[st.order[a]]) copies += cnt[st.order[b++]];
    const double avg = static_cast<double>(pos) + 1 + (static_cast<double>(copies) - 1) / 2;
    for (std::size_t t = a; t < b; ++t) s.rx[st.order[t]] = avg;
    const auto cc = static_cast<double>(copies);
    n1 += cc * (cc - 1) / 2;
    pos += copies;
    a = b;
  }
  const double total = static_cast<double>(pos), mean = (total + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (cnt[i] == 0) continue;
    const double w = cnt[i], dx = s.rx[i] - mean, dy = s.ry[i] - mean;
    sxy += w * dx * dy;
    sxx += w * dx * dx;
    syy += w * dy * dy;
  }
  const double den_s = std::sqrt(sxx * syy);
  out[static_cast<std::size_t>(Measure::spearman)] = den_s > 0 ? sxy / den_s : nan;
  // Kendall tau-b.
  s.fenwick.assign(d.gdistinct + 1, 0);
  std::int64_t inserted = 0;
  double swaps = 0, n3 = 0, n2 = 0;
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a, copies = 0;
    const std::uint32_t ia = st.xy[a];
    while (b < n && st.key[st.xy[b]] == st.key[ia] && d.gkey[st.xy[b]] == d.gkey[ia]) copies += cnt[st.xy[b++]];
    const auto cc = static_cast<double>(copies);
    n3 += cc * (cc - 1) / 2;
    if (copies > 0) {
      const std::size_t y = d.gkey[ia] + 1;  // 1-based
      std::int64_t le = 0;
      for (std::size_t q = y; q > 0; q -= q & (~q + 1)) le += s.fenwick[q];
      swaps += static_cast<double>(static_cast<std::int64_t>(copies) * (inserted - le));
      for (std::size_t q = y; q <= d.gdistinct; q += q & (~q + 1)) s.fenwick[q] += static_cast<std::int64_t>(copies);
      inserted += static_cast<std::int64_t>(copies);
    }
    a = b;
  }
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a, copies = 0;
    while (b < n && d.gkey[d.by_g[b]] == d.gkey[d.by_g[a]]) copies += cnt[d.by_g[b++]];
    const auto cc = static_cast<double>(copies);
    n2 += cc * (cc - 1) / 2;
    a = b;
  }
  const double n0 = total * (total - 1) / 2;
  const double sk = n0 - n1 - n2 + n3 - 2 * swaps;
  const double den_k = std::sqrt((n0 - n1) * (n0 - n2));
  out[static_cast<std::size_t>(Measure::kendall_tau)] = den_k > 0 ? sk / den_k : nan;
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
