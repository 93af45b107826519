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
};

/// Exact 0/1 knapsack of `items`, already sorted by value/cost descending,
/// within `budget`. With `want_set` the chosen ids are returned. O(n) plus the
/// core search (at most `node_limit` nodes).
[[nodiscard]] inline KnapsackResult knapsack(const std::vector<KnapsackItem>& items, double budget, KnapsackScratch& s,
                                             bool want_set = false, std::size_t node_limit = 20000000) {
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
