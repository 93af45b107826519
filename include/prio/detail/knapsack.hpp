// Private: an exact 0/1 knapsack for many items with real-valued costs, as
// the backtest needs it once per bootstrap resample (10^5 items, 10^3 times).
//
// Method (Martello & Toth, "Knapsack Problems", 1990, ch. 2): items in
// decreasing value/cost order; the greedy solution is the incumbent and the
// Dantzig (LP) bound L the upper bound. Dembo & Hammer's reduction fixes every
// item whose reversal costs more than L - incumbent: with lambda = the break
// item's ratio, any solution is worth at most L - |v_j - lambda c_j| when item
// j takes the value opposite to its LP value. The few items left (the "core")
// are solved by Horowitz & Sahni's depth-first branch and bound with the
// Dantzig bound, iteratively (no recursion), with a node limit.
//
// When the node limit stops the search and every cost is a whole multiple of
// a decimal unit (cost_grid: 1, 0.1, ..., 10^-6), the core is reduced again
// against the best solution found and solved by dynamic programming over the
// capacity in whole units (Bellman; Martello & Toth 1990, sec. 2.6), which is
// exact: costs and the budget are then compared in whole units.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace prio {
inline namespace v1 {
namespace detail {

struct KnapsackItem {
  double value = 0;  // >= 0
  double cost = 0;   // > 0
  std::uint32_t id = 0;
};

struct KnapsackResult {
  double value = 0;
  double cost = 0;
  double bound = 0;     // Dantzig upper bound on the optimum
  bool proven = true;   // false when the node limit stopped the search
  std::vector<std::uint32_t> chosen;  // ids of the chosen items (only when asked)
};

/// Scratch buffers reused between calls (one per thread).
struct KnapsackScratch {
  std::vector<KnapsackItem> core;
  std::vector<std::uint8_t> x, best_x, greedy_x, fixed;
  std::vector<std::size_t> chosen;  // chosen core items on the current path, ascending
  std::vector<double> pc, pv;
  std::vector<double> dp;
  std::vector<std::uint64_t> took;  // DP decisions, one bit per (core item, capacity)
  std::vector<std::size_t> core_at;
};

/// The largest decimal unit 10^-q (q = 0..6) of which every cost is a whole
/// multiple (to 1e-9 relative), or 0 when there is none.
[[nodiscard]] inline double cost_grid(const std::vector<double>& costs) {
  for (int q = 0; q <= 6; ++q) {
    const double unit = std::pow(10.0, -q);
    bool whole = true;
    for (double c : costs) {
      const double u = c / unit;
      if (std::abs(u - std::round(u)) > 1e-9 * std::max(1.0, u)) {
        whole = false;
        break;
      }
    }
    if (whole) return unit;
  }
  return 0;
}

/// Whole units of `x` on `grid` (x a multiple of it up to rounding).
[[nodiscard]] inline std::int64_t grid_units(double x, double grid) { return std::llround(x / grid); }

/// Exact 0/1 knapsack of `items`, already sorted by value/cost descending,
/// within `budget`. With `want_set` the chosen ids are returned. O(n) plus the
/// core search (at most `node_limit` nodes).
[[nodiscard]] inline KnapsackResult knapsack(const std::vector<KnapsackItem>& items, double budget, KnapsackScratch& s,
                                             bool want_set = false, std::size_t node_limit = 20000000, double grid = 0,
                                             std::size_t dp_cells = 400000000) {
  KnapsackResult r;
  const std::size_t n = items.size();
  // Break item and Dantzig bound.
  std::size_t b = 0;
  double wsum = 0, vsum = 0;
  while (b < n && wsum + items[b].cost <= budget) {
    wsum += items[b].cost;
    vsum += items[b].value;
    ++b;
  }
  if (b == n) {  // everything fits
    r.value = r.bound = vsum;
    r.cost = wsum;
    if (want_set)
      for (const auto& it : items) r.chosen.push_back(it.id);
    return r;
  }
  const double lambda = items[b].value / items[b].cost;
  const double lp = vsum + (budget - wsum) * lambda;
  r.bound = lp;
  // Incumbent: greedy, skipping what does not fit.
  s.greedy_x.assign(n, 0);
  double gv = vsum, gw = wsum;
  for (std::size_t j = 0; j < b; ++j) s.greedy_x[j] = 1;
  for (std::size_t j = b + 1; j < n; ++j)
    if (gw + items[j].cost <= budget) {
      gw += items[j].cost;
      gv += items[j].value;
      s.greedy_x[j] = 1;
    }
  // Dembo-Hammer reduction (conservative by a relative slack for rounding).
  const double slack = 1e-9 * (std::abs(lp) + 1);
  const double gap = lp - gv;
  s.fixed.assign(n, 2);  // 0 / 1 fixed, 2 free
  s.core.clear();
  double fixed_value = 0, fixed_cost = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double reduced = std::abs(items[j].value - lambda * items[j].cost);
    if (j != b && reduced > gap + slack) {
      s.fixed[j] = j < b ? 1 : 0;
      if (j < b) {
        fixed_value += items[j].value;
        fixed_cost += items[j].cost;
      }
    } else {
      s.core.push_back(items[j]);
    }
  }
  // Horowitz-Sahni on the core, searching for more than the incumbent.
  const std::size_t m = s.core.size();
  const double cap = budget - fixed_cost;
  s.pc.assign(m + 1, 0);
  s.pv.assign(m + 1, 0);
  for (std::size_t j = 0; j < m; ++j) {
    s.pc[j + 1] = s.pc[j] + s.core[j].cost;
    s.pv[j + 1] = s.pv[j] + s.core[j].value;
  }
  s.x.assign(m, 0);
  s.chosen.clear();
  double best = gv - fixed_value;  // core value to beat
  bool improved = false;
  double cw = cap, cp = 0;
  std::size_t j = 0, nodes = 0;
  for (;;) {
    bool backtrack = false;
    if (++nodes > node_limit) {
      r.proven = false;
      break;
    }
    if (j < m) {
      // Items j..q-1 fit together; q does not (or q == m).
      const double target = s.pc[j] + cw;
      std::size_t q = static_cast<std::size_t>(std::upper_bound(s.pc.begin() + static_cast<std::ptrdiff_t>(j) + 1, s.pc.end(), target) -
                                               s.pc.begin()) - 1;
      double u = cp + (s.pv[q] - s.pv[j]);
      if (q < m) u += (cw - (s.pc[q] - s.pc[j])) * (s.core[q].value / s.core[q].cost);
      if (u <= best) {
        backtrack = true;
      } else {
        for (std::size_t i = j; i < q; ++i) {
          s.x[i] = 1;
          s.chosen.push_back(i);
          cw -= s.core[i].cost;
          cp += s.core[i].value;
        }
        if (q < m) {
          s.x[q] = 0;
          j = q + 1;
          continue;
        }
        j = m;
      }
    }
    if (!backtrack && j >= m) {
      if (cp > best) {
        best = cp;
        improved = true;
        if (want_set) s.best_x = s.x;
      }
    }
    // Backtrack: drop the last chosen item (the largest chosen index), O(1).
    if (s.chosen.empty()) break;
    const std::size_t i = s.chosen.back();
    s.chosen.pop_back();
    s.x[i] = 0;
    cw += s.core[i].cost;
    cp -= s.core[i].value;
    j = i + 1;
  }
  if (!r.proven && grid > 0) {
    // Reduce again against the best found, then DP on the core in whole units.
    const double inc = improved ? fixed_value + best : gv;
    const double gap2 = lp - inc;
    std::int64_t units = static_cast<std::int64_t>(std::floor(budget / grid + 1e-9 * std::max(1.0, budget / grid)));
    double fv = 0;
    s.core_at.clear();
    for (std::size_t t = 0; t < n; ++t) {
      const double reduced = std::abs(items[t].value - lambda * items[t].cost);
      if (t != b && reduced > gap2 + slack) {
        if (t < b) {
          fv += items[t].value;
          units -= grid_units(items[t].cost, grid);
        }
      } else {
        s.core_at.push_back(t);
      }
    }
    const std::size_t m2 = s.core_at.size();
    if (units >= 0 && static_cast<double>(m2) * static_cast<double>(units + 1) <= static_cast<double>(dp_cells)) {
      const auto U = static_cast<std::size_t>(units);
      const std::size_t words = U / 64 + 1;
      // Values first (a loop that vectorizes); the decisions, for the set,
      // only when the DP beats the best found.
      auto run = [&](bool record) {
        s.dp.assign(U + 1, 0.0);
        if (record) s.took.assign(m2 * words, 0);
        double* dp = s.dp.data();
        for (std::size_t e = 0; e < m2; ++e) {
          const KnapsackItem& it = items[s.core_at[e]];
          const auto u = static_cast<std::size_t>(grid_units(it.cost, grid));
          if (u > U) continue;
          if (record) {
            for (std::size_t w = U + 1; w-- > u;) {
              const double cand = dp[w - u] + it.value;
              if (cand > dp[w]) {
                dp[w] = cand;
                s.took[e * words + w / 64] |= std::uint64_t{1} << (w % 64);
              }
            }
          } else {
            for (std::size_t w = U + 1; w-- > u;) dp[w] = std::max(dp[w], dp[w - u] + it.value);
          }
        }
      };
      run(false);
      if (want_set && fv + s.dp[U] > inc) run(true);
      r.proven = true;
      if (fv + s.dp[U] > inc) {
        r.value = fv + s.dp[U];
        r.cost = std::numeric_limits<double>::quiet_NaN();
        if (want_set) {
          r.cost = 0;
          s.x.assign(n, 0);
          for (std::size_t t = 0; t < b; ++t) s.x[t] = 1;
          for (std::size_t t : s.core_at) s.x[t] = 0;
          std::size_t w = U;
          for (std::size_t e = m2; e-- > 0;)
            if (s.took[e * words + w / 64] >> (w % 64) & 1) {
              s.x[s.core_at[e]] = 1;
              w -= static_cast<std::size_t>(grid_units(items[s.core_at[e]].cost, grid));
            }
          for (std::size_t t = 0; t < n; ++t)
            if (s.x[t]) {
              r.chosen.push_back(items[t].id);
              r.cost += items[t].cost;
            }
        }
        return r;
      }
      // Otherwise the best found is optimal: fall through and return it.
    }
  }
  if (!improved) {
    r.value = gv;
    r.cost = gw;
    if (want_set)
      for (std::size_t t = 0; t < n; ++t)
        if (s.greedy_x[t]) r.chosen.push_back(items[t].id);
    return r;
  }
  r.value = fixed_value + best;
  r.cost = fixed_cost;
  std::size_t c = 0;
  for (std::size_t t = 0; t < n; ++t) {
    if (s.fixed[t] != 2) {
      if (s.fixed[t] == 1 && want_set) r.chosen.push_back(items[t].id);
      continue;
    }
    if (want_set && s.best_x[c]) {
      r.chosen.push_back(items[t].id);
      r.cost += items[t].cost;
    }
    ++c;
  }
  if (!want_set) r.cost = std::numeric_limits<double>::quiet_NaN();
  return r;
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
