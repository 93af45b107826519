// The Next Release Problem solver core, on a reduced instance: every bundle
// already lists its whole closed requirement set (requested features and all
// their prerequisites), requirements are renumbered 0..m-1, and bundles that
// cannot fit the budget or carry no value are gone. See prio/release.hpp for
// the public entry points and the method.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "prio/detail/math.hpp"
#include "prio/detail/max_flow.hpp"
#include "prio/detail/random.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

struct NrpCore {
  std::vector<double> cost;                       ///< per requirement, >= 0
  std::vector<std::vector<std::uint32_t>> need;   ///< per bundle: sorted closed requirement set
  std::vector<double> value;                      ///< per bundle, > 0
  double budget = 0;
};

using NrpClock = std::chrono::steady_clock;

/// Unbiased index in [0, n) from the project's generator (rejection of the
/// incomplete top range; std:: distributions differ between standard libraries).
[[nodiscard]] inline std::size_t nrp_uniform(Xoshiro256& rng, std::size_t n) {
  const std::uint64_t range = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
  for (;;) {
    const std::uint64_t x = rng.next();
    if (x < limit) return static_cast<std::size_t>(x % range);
  }
}

/// Exact sums when costs are integers; a tolerance for real costs.
[[nodiscard]] inline double nrp_eps(const NrpCore& p) {
  const double total = std::accumulate(p.cost.begin(), p.cost.end(), 0.0);
  bool integral = total < 0x1p53;
  for (const double c : p.cost) integral = integral && c == std::floor(c);
  return integral ? 0.0 : 1e-9 * std::max(1.0, total);
}

// ---- Lagrangian relaxation of the budget -------------------------------------
// For a multiplier lambda >= 0, max sum v_b y_b - lambda sum c_r x_r over closed
// selections (y_b <= x_r for r in need[b]) is a maximum-weight closure: a
// minimum s-t cut with s->b of capacity v_b, b->r infinite, r->t of capacity
// lambda c_r. Its optimum plus lambda B bounds the NRP from above; the source
// side of the minimal cut is a selection whose cost decreases as lambda grows.
struct NrpLagrange {
  double bound = std::numeric_limits<double>::infinity();
  double lambda = 0;
  std::vector<char> feasible;  ///< per bundle: the cut selection at the smallest lambda found with cost <= B
  double feasible_value = -1;
  std::vector<double> reduced;  ///< per bundle: v_b - lambda * (share of cost), for guidance
};

[[nodiscard]] inline NrpLagrange nrp_lagrange(const NrpCore& p, NrpClock::time_point deadline, int iterations = 40) {
  const std::size_t nb = p.need.size(), nr = p.cost.size();
  NrpLagrange out;
  if (nb == 0) {
    out.bound = 0;
    out.feasible.assign(nb, 0);
    out.feasible_value = 0;
    return out;
  }
  const std::size_t s = nb + nr, t = s + 1;
  MaxFlow g(nr + nb + 2);
  double total_value = 0;
  for (std::size_t b = 0; b < nb; ++b) {
    g.add_arc(s, b, p.value[b]);
    total_value += p.value[b];
  }
  constexpr double inf = std::numeric_limits<double>::infinity();
  for (std::size_t b = 0; b < nb; ++b)
    for (const auto r : p.need[b]) g.add_arc(b, nb + r, inf);
  std::vector<std::size_t> sink_arc(nr);
  for (std::size_t r = 0; r < nr; ++r) sink_arc[r] = g.add_arc(nb + r, t, 0);

  const double eps = 1e-9 * std::max(1.0, total_value);
  double lo = 0, hi = 0;
  for (std::size_t b = 0; b < nb; ++b) {
    double c = 0;
    for (const auto r : p.need[b]) c += p.cost[r];
    if (c > 0) hi = std::max(hi, p.value[b] / c);
  }
  hi = hi * 1.01 + 1e-12;
  out.bound = total_value;  // lambda = 0: everything
  auto evaluate = [&](double lambda, std::vector<char>& bundles, double& cost, double& value) {
    for (std::size_t r = 0; r < nr; ++r) g.set_capacity(sink_arc[r], lambda * p.cost[r]);
    const double flow = g.run(s, t);
    const auto side = g.source_side(s, eps);
    bundles.assign(nb, 0);
    cost = 0;
    value = 0;
    for (std::size_t r = 0; r < nr; ++r)
      if (side[nb + r]) cost += p.cost[r];
    for (std::size_t b = 0; b < nb; ++b)
      if (side[b]) {
        bundles[b] = 1;
        value += p.value[b];
      }
    return total_value - flow + lambda * p.budget;
  };
  std::vector<char> sel;
  double cost = 0, value = 0;
  const double budget_eps = nrp_eps(p);
  for (int it = 0; it < iterations; ++it) {
    if (NrpClock::now() > deadline) break;
    const double mid = 0.5 * (lo + hi);
    const double ub = evaluate(mid, sel, cost, value);
    if (ub < out.bound) {
      out.bound = ub;
      out.lambda = mid;
    }
    if (cost <= p.budget + budget_eps) {
      hi = mid;
      if (value > out.feasible_value) {
        out.feasible_value = value;
        out.feasible = sel;
      }
    } else {
      lo = mid;
    }
  }
  if (out.feasible.empty()) {
    out.feasible.assign(nb, 0);
    out.feasible_value = 0;
  }
  // Reduced profits at the best multiplier: a requirement's cost is shared by
  // the bundles that need it.
  std::vector<std::uint32_t> users(nr, 0);
  for (const auto& k : p.need)
    for (const auto r : k) ++users[r];
  out.reduced.assign(nb, 0);
  for (std::size_t b = 0; b < nb; ++b) {
    double share = 0;
    for (const auto r : p.need[b]) share += p.cost[r] / users[r];
    out.reduced[b] = p.value[b] - out.lambda * share;
  }
  return out;
}

// ---- Incremental selection state for local search ------------------------------
class NrpState {
 public:
  explicit NrpState(const NrpCore& p) : p_(&p), eps_(nrp_eps(p)) {
    const std::size_t nb = p.need.size(), nr = p.cost.size();
    users_.assign(nr, {});
    for (std::size_t b = 0; b < nb; ++b)
      for (const auto r : p.need[b]) users_[r].push_back(static_cast<std::uint32_t>(b));
    count_.assign(nr, 0);
    in_.assign(nb, 0);
    marginal_.assign(nb, 0);
    for (std::size_t b = 0; b < nb; ++b)
      for (const auto r : p.need[b]) marginal_[b] += p.cost[r];
  }

  [[nodiscard]] double cost() const noexcept { return cost_; }
  [[nodiscard]] double value() const noexcept { return value_; }
  [[nodiscard]] double free() const noexcept { return p_->budget - cost_; }
  [[nodiscard]] bool in(std::size_t b) const noexcept { return in_[b] != 0; }
  [[nodiscard]] const std::vector<char>& selection() const noexcept { return in_; }
  [[nodiscard]] double marginal(std::size_t b) const noexcept { return marginal_[b]; }
  [[nodiscard]] bool fits(std::size_t b) const noexcept { return marginal_[b] <= free() + eps_; }
  [[nodiscard]] const std::vector<std::uint32_t>& selected() const noexcept { return list_; }
  [[nodiscard]] const std::vector<std::uint32_t>& users(std::size_t r) const noexcept { return users_[r]; }
  [[nodiscard]] std::uint32_t count(std::size_t r) const noexcept { return count_[r]; }

  /// Adds bundle b; bundles whose marginal cost fell are appended to `touched`.
  void add(std::size_t b, std::vector<std::uint32_t>* touched = nullptr) {
    in_[b] = 1;
    value_ += p_->value[b];
    pos_.resize(in_.size());
    pos_[b] = list_.size();
    list_.push_back(static_cast<std::uint32_t>(b));
    for (const auto r : p_->need[b])
      if (count_[r]++ == 0) {
        cost_ += p_->cost[r];
        for (const auto u : users_[r]) marginal_[u] -= p_->cost[r];
        if (touched && p_->cost[r] > 0) touched->insert(touched->end(), users_[r].begin(), users_[r].end());
      }
  }
  void remove(std::size_t b) {
    in_[b] = 0;
    value_ -= p_->value[b];
    const std::size_t at = pos_[b];
    list_[at] = list_.back();
    pos_[list_[at]] = at;
    list_.pop_back();
    for (const auto r : p_->need[b])
      if (--count_[r] == 0) {
        cost_ -= p_->cost[r];
        for (const auto u : users_[r]) marginal_[u] += p_->cost[r];
      }
  }
  /// The cost saved by removing bundle b (requirements only it uses).
  [[nodiscard]] double saving(std::size_t b) const {
    double s = 0;
    for (const auto r : p_->need[b])
      if (count_[r] == 1) s += p_->cost[r];
    return s;
  }
  void assign(const std::vector<char>& sel) {
    for (std::size_t b = 0; b < sel.size(); ++b)
      if (in(b) && !sel[b]) remove(b);
    for (std::size_t b = 0; b < sel.size(); ++b)
      if (!in(b) && sel[b]) add(b);
  }

  /// Greedy fill: repeatedly adds the fitting bundle with the highest value per
  /// marginal cost (free bundles first; ties by lower index), skipping those
  /// marked in `skip`. `noise` > 0 multiplies each ratio by a random factor in
  /// [1, 1 + noise]. Records added bundles in `added`. The candidates are the
  /// bundles in `from` (all bundles when null) that fit, plus any bundle whose
  /// marginal cost falls during the fill: room only shrinks, so nothing else
  /// can start to fit.
  void fill(const std::vector<char>* skip, double noise, Xoshiro256& rng, std::vector<std::uint32_t>& added,
            const std::vector<std::uint32_t>* from = nullptr) {
    const std::size_t nb = in_.size();
    if (in_cand_.size() != nb) in_cand_.assign(nb, 0);
    cand_.clear();
    auto consider = [&](std::size_t b) {
      if (!in_cand_[b] && !in_[b] && !(skip && (*skip)[b]) && fits(b)) {
        in_cand_[b] = 1;
        cand_.push_back(static_cast<std::uint32_t>(b));
      }
    };
    if (from) {
      for (const auto b : *from) consider(b);
    } else {
      for (std::size_t b = 0; b < nb; ++b) consider(b);
    }
    for (;;) {
      std::size_t best = nb;
      double best_ratio = -1;
      const double room = free() + eps_;
      for (std::size_t i = 0; i < cand_.size();) {
        const std::uint32_t b = cand_[i];
        const double m = marginal_[b];
        if (in_[b] || m > room) {
          in_cand_[b] = 0;
          cand_[i] = cand_.back();
          cand_.pop_back();
          continue;
        }
        double ratio = m <= eps_ ? std::numeric_limits<double>::infinity() : p_->value[b] / m;
        if (noise > 0 && m > eps_) ratio *= 1 + noise * rng.uniform();
        if (ratio > best_ratio || (ratio == best_ratio && b < best)) {
          best_ratio = ratio;
          best = b;
        }
        ++i;
      }
      if (best == nb) break;
      touched_.clear();
      add(best, &touched_);
      added.push_back(static_cast<std::uint32_t>(best));
      for (const auto u : touched_) consider(u);
    }
    for (const auto b : cand_) in_cand_[b] = 0;
  }

 private:
  const NrpCore* p_;
  double eps_;
  std::vector<std::vector<std::uint32_t>> users_;
  std::vector<std::uint32_t> count_;
  std::vector<char> in_;
  std::vector<double> marginal_;
  std::vector<std::uint32_t> list_;
  std::vector<std::size_t> pos_;
  double cost_ = 0, value_ = 0;
  std::vector<char> in_cand_;
  std::vector<std::uint32_t> cand_, touched_;
};

// ---- Ruin and recreate local search ----------------------------------------------
// Each step removes a few selected bundles (at random, or a bundle and the
// bundles that share requirements with it), refills greedily by value per
// marginal cost with the removed ones held back, then lets them back in.
// A third ruin drops one requirement: every selected bundle that needs it.
// A step is kept when it does not lose value, or with a small, cooling
// probability otherwise (simulated annealing on the value, restarted from the
// best selection in cycles); the best selection seen is returned.
struct NrpSearchResult {
  std::vector<char> best;
  double value = 0;
  std::size_t iterations = 0;
};

[[nodiscard]] inline NrpSearchResult nrp_local_search(const NrpCore& p, const std::vector<char>& start, std::uint64_t seed,
                                                      std::size_t max_iterations, NrpClock::time_point deadline,
                                                      double target = std::numeric_limits<double>::infinity()) {
  Xoshiro256 rng = Xoshiro256::stream(seed, 0);  // the generator of prio::simulate, seeded the same way
  NrpState st(p);
  st.assign(start);
  std::vector<std::uint32_t> added, removed;
  st.fill(nullptr, 0, rng, added);
  NrpSearchResult out{st.selection(), st.value(), 0};
  const std::size_t nb = p.need.size();
  if (nb == 0) return out;
  std::vector<char> held(nb, 0);
  // Tuned on nrp2 (the hardest classic instance for this search): a starting
  // temperature of 0.1% of the start value, six cooling cycles that each begin
  // from the best selection, ruins of one to six bundles.
  const double t0 = 0.001 * std::max(1.0, out.value);
  constexpr std::size_t kmax = 6, cycles = 6;
  const std::size_t cycle_len = std::max<std::size_t>(1, max_iterations / cycles);
  for (std::size_t it = 0; it < max_iterations; ++it) {
    if ((it & 63U) == 0 && NrpClock::now() > deadline) break;
    if (out.value >= target) break;
    ++out.iterations;
    const double before = st.value();
    added.clear();
    removed.clear();
    const auto& sel = st.selected();
    if (!sel.empty()) {
      const std::size_t k = 1 + nrp_uniform(rng, std::min<std::size_t>(kmax, sel.size()));
      const std::size_t kind = nrp_uniform(rng, 3);
      if (kind == 2) {
        // Drop a requirement: every selected bundle that needs one requirement
        // of a random selected bundle.
        const std::size_t b0 = sel[nrp_uniform(rng, sel.size())];
        const auto& need = p.need[b0];
        const std::size_t r = need[nrp_uniform(rng, need.size())];
        for (const auto u : st.users(r))
          if (st.in(u)) {
            st.remove(u);
            removed.push_back(u);
          }
      } else if (kind == 0) {
        for (std::size_t j = 0; j < k && !st.selected().empty(); ++j) {
          const std::size_t b = st.selected()[nrp_uniform(rng, st.selected().size())];
          st.remove(b);
          removed.push_back(static_cast<std::uint32_t>(b));
        }
      } else {
        // A bundle and up to k-1 selected bundles sharing a requirement with it.
        const std::size_t b0 = sel[nrp_uniform(rng, sel.size())];
        std::vector<std::uint32_t> related;
        for (const auto r : p.need[b0])
          for (const auto u : st.users(r))
            if (u != b0 && st.in(u)) related.push_back(u);
        st.remove(b0);
        removed.push_back(static_cast<std::uint32_t>(b0));
        for (std::size_t j = 1; j < k && !related.empty(); ++j) {
          const std::size_t at = nrp_uniform(rng, related.size());
          const std::uint32_t b = related[at];
          related[at] = related.back();
          related.pop_back();
          if (st.in(b)) {
            st.remove(b);
            removed.push_back(b);
          }
        }
      }
    }
    // Also try forcing one outside bundle in, making room by the removals above.
    if (nrp_uniform(rng, 3) == 0) {
      const std::size_t b = nrp_uniform(rng, nb);
      if (!st.in(b) && st.fits(b)) {
        st.add(b);
        added.push_back(static_cast<std::uint32_t>(b));
      }
    }
    for (const auto b : removed) held[b] = 1;
    const double noise = nrp_uniform(rng, 4) == 0 ? 0.3 : 0.0;
    st.fill(&held, noise, rng, added);
    for (const auto b : removed) held[b] = 0;
    // Only the held-back bundles can fit now (see NrpState::fill).
    st.fill(nullptr, 0, rng, added, &removed);

    const double after = st.value();
    const double progress = static_cast<double>(it % cycle_len) / static_cast<double>(cycle_len);
    const double temperature = t0 * (1 - progress);
    bool keep = after >= before;
    if (!keep && temperature > 0) keep = rng.uniform() < detail::exp((after - before) / temperature);
    if (after > out.value) {
      out.value = after;
      out.best = st.selection();
    }
    if (!keep) {
      for (auto a = added.rbegin(); a != added.rend(); ++a) st.remove(*a);
      for (const auto b : removed) st.add(b);
    }
    if ((it + 1) % cycle_len == 0 && st.value() < out.value) st.assign(out.best);
  }
  return out;
}

// ---- Exact branch and bound for small instances ------------------------------------
// Depth-first over bundles (best value per cost share first), include before
// exclude. The bound at a node: the value already included plus a fractional
// knapsack over the open bundles, where each open bundle is charged, for every
// requirement not yet selected, that requirement's cost divided by the number
// of open bundles needing it. Any set of open bundles pays at least the sum of
// its charges, so the bound is valid.
struct NrpExactResult {
  bool finished = false;
  std::vector<char> best;
  double value = 0;
  std::size_t nodes = 0;
};

[[nodiscard]] inline NrpExactResult nrp_branch_and_bound(const NrpCore& p, std::size_t node_limit, NrpClock::time_point deadline,
                                                         const std::vector<char>& incumbent, double incumbent_value) {
  const std::size_t nb = p.need.size(), nr = p.cost.size();
  NrpExactResult out;
  out.best = incumbent;
  out.value = incumbent_value;
  const double eps = nrp_eps(p);
  // Static order by value per share at the root.
  std::vector<std::uint32_t> users(nr, 0);
  for (const auto& k : p.need)
    for (const auto r : k) ++users[r];
  std::vector<double> root_share(nb, 0);
  for (std::size_t b = 0; b < nb; ++b)
    for (const auto r : p.need[b]) root_share[b] += p.cost[r] / users[r];
  std::vector<std::size_t> order(nb);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return p.value[a] * root_share[b] > p.value[b] * root_share[a];
  });

  std::vector<std::uint32_t> count(nr, 0);
  std::vector<char> in(nb, 0);
  std::vector<std::uint32_t> open_users(nr, 0);
  std::vector<std::pair<double, double>> items;  // (value, charge)
  double cost = 0, value = 0;
  bool aborted = false;

  auto bound = [&](std::size_t depth) {
    std::fill(open_users.begin(), open_users.end(), 0U);
    for (std::size_t i = depth; i < nb; ++i)
      for (const auto r : p.need[order[i]])
        if (count[r] == 0) ++open_users[r];
    items.clear();
    double free_value = 0;
    for (std::size_t i = depth; i < nb; ++i) {
      const std::size_t b = order[i];
      double charge = 0, marginal = 0;
      for (const auto r : p.need[b])
        if (count[r] == 0) {
          charge += p.cost[r] / open_users[r];
          marginal += p.cost[r];
        }
      if (marginal > p.budget - cost + eps) continue;  // can never join this branch
      if (charge <= eps) free_value += p.value[b];
      else items.emplace_back(p.value[b], charge);
    }
    std::sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.first * y.second > y.first * x.second; });
    double room = p.budget - cost, extra = free_value;
    for (const auto& [v, c] : items) {
      if (c <= room) {
        room -= c;
        extra += v;
      } else {
        extra += v * room / c;
        break;
      }
    }
    return value + extra;
  };
  auto add = [&](std::size_t b) {
    in[b] = 1;
    value += p.value[b];
    for (const auto r : p.need[b])
      if (count[r]++ == 0) cost += p.cost[r];
  };
  auto remove = [&](std::size_t b) {
    in[b] = 0;
    value -= p.value[b];
    for (const auto r : p.need[b])
      if (--count[r] == 0) cost -= p.cost[r];
  };
  // Improvement needs a strictly larger value; values in the NRP files are
  // integers, so with integral values anything below incumbent + 1 is pruned.
  bool integral = true;
  for (const double v : p.value) integral = integral && v == std::floor(v);
  const double step = integral ? 1.0 - 1e-9 : 1e-9 * std::max(1.0, incumbent_value);

  auto recurse = [&](auto&& self, std::size_t depth) -> void {
    if (aborted) return;
    if (++out.nodes > node_limit || ((out.nodes & 1023U) == 0 && NrpClock::now() > deadline)) {
      aborted = true;
      return;
    }
    if (value > out.value + (integral ? 0.5 : 0)) {
      out.value = value;
      out.best = in;
    }
    if (depth == nb) return;
    if (bound(depth) < out.value + step) return;
    const std::size_t b = order[depth];
    double marginal = 0;
    for (const auto r : p.need[b])
      if (count[r] == 0) marginal += p.cost[r];
    if (marginal <= p.budget - cost + eps) {
      add(b);
      self(self, depth + 1);
      remove(b);
    }
    if (marginal > eps) self(self, depth + 1);  // a free bundle is always taken
  };
  recurse(recurse, 0);
  out.finished = !aborted;
  return out;
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
