// Private helpers of prio/order.hpp: not API, may change in any release.
// Include "prio/order.hpp" instead.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <span>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "prio/detail/closure.hpp"
#include "prio/graph.hpp"
#include "prio/scores.hpp"

namespace prio::inline v1::detail {

/// Scheduling units (features or bundles) keyed by their best member's rank
/// position, popped smallest key first once all their prerequisites are out.
/// key_hi lets inherited put an effective priority in front of the own one.
[[nodiscard]] inline std::vector<FeatureIndex> kahn_by_rank(const Units& u, const std::vector<FeatureIndex>& ranking,
                                                            const std::vector<std::uint32_t>& unit_pos,
                                                            const std::vector<std::uint32_t>* key_hi) {
  auto key = [&](FeatureIndex v) {
    return (key_hi ? std::uint64_t{(*key_hi)[v]} << 32 : 0) | std::uint64_t{unit_pos[v]};
  };
  // unit_pos is unique per unit, so the keys are too: one pop order. The
  // key's low half is the unit's first position in the ranking.
  auto unit_at = [&](std::uint64_t k) { return u.unit(ranking[static_cast<std::uint32_t>(k)]); };
  std::vector<FeatureIndex> out;
  out.reserve(ranking.size());
  auto visit = [&](FeatureIndex v) {
    if (u.members.empty()) {
      out.push_back(v);
    } else {  // a bundle's members stay adjacent; the caller sorts them
      out.insert(out.end(), u.members[v].begin(), u.members[v].end());
    }
  };
  if (key_hi) {
    KeyHeapReady ready(key, unit_at);
    kahn(u.dag(), ready, visit);
  } else {  // keys are rank positions, below ranking.size(): the same pop order from a bitmap
    BitmapReady ready(ranking.size(), key, unit_at);
    kahn(u.dag(), ready, visit);
  }
  return out;
}

inline void check_scores(const DependencyGraph& g, const Scores& s) {
  if (s.size() != g.size())
    throw error(errc::size_mismatch,
                std::to_string(s.size()) + " scores given for a graph of " + std::to_string(g.size()) + " features",
                Location{{}, "scores", {}, 0, 0});
}

[[nodiscard]] inline std::vector<FeatureIndex> order_by_rank(const DependencyGraph& g, const Scores& s, bool inherit) {
  check_scores(g, s);
  const std::vector<FeatureIndex> ranking = rank(s);
  const Units u = make_units(g);
  const std::size_t n = u.size();
  std::vector<std::uint32_t> unit_pos(n, 0xffffffffU);
  for (std::size_t p = 0; p < ranking.size(); ++p) {
    const std::uint32_t v = u.unit(ranking[p]);
    unit_pos[v] = std::min(unit_pos[v], static_cast<std::uint32_t>(p));
  }
  std::vector<FeatureIndex> out;
  if (!inherit) {
    out = kahn_by_rank(u, ranking, unit_pos, nullptr);
  } else {
    // Effective priority: the best rank position among a unit and everything
    // it transitively unblocks, in reverse topological order.
    std::vector<std::uint32_t> eff(unit_pos);
    const auto topo = topological(u.dag());
    for (auto it = topo.rbegin(); it != topo.rend(); ++it)
      for (const FeatureIndex* p = u.dag().begin(*it); p != u.dag().end(*it); ++p) eff[*it] = std::min(eff[*it], eff[*p]);
    out = kahn_by_rank(u, ranking, unit_pos, &eff);
  }
  if (!u.members.empty()) {  // inside a bundle: rank order
    const auto pos = rank_positions(ranking);
    for (std::size_t i = 0; i < out.size();) {
      const std::size_t len = u.members[u.unit(out[i])].size();
      std::sort(out.begin() + static_cast<std::ptrdiff_t>(i), out.begin() + static_cast<std::ptrdiff_t>(i + len),
                [&pos](FeatureIndex a, FeatureIndex b) { return pos[a] < pos[b]; });
      i += len;
    }
  }
  return out;
}

/// Value density on the unit graph. Blocks of up to `exact_block` units are
/// ordered by picking, recursively, the first job of the best proper initial
/// set (optimal on series-parallel graphs); larger indecomposable blocks by
/// ratio among their ready units (any order of a block is within 2x).
class DensityScheduler {
 public:
  static constexpr std::size_t exact_block = 16;

  DensityScheduler(ClosureProblem cp, std::vector<std::uint32_t> tiebreak)
      : cp_(std::move(cp)), tiebreak_(std::move(tiebreak)), sc_(cp_.w.size()), mark_(cp_.w.size(), 0) {}

  void schedule(const std::vector<std::uint32_t>& x, std::vector<std::uint32_t>& out) {
    if (x.empty()) return;
    for (auto& block : sidney_blocks(cp_, x, sc_)) {
      if (block.size() == 1) {
        out.push_back(block.front());
      } else if (block.size() > exact_block) {
        by_ratio(block, out);
      } else {
        sort_by_tiebreak(block);
        const std::uint32_t j = first_job(block);
        out.push_back(j);
        block.erase(std::find(block.begin(), block.end(), j));
        schedule(block, out);
      }
    }
  }

 private:
  void sort_by_tiebreak(std::vector<std::uint32_t>& x) const {
    std::sort(x.begin(), x.end(), [this](std::uint32_t a, std::uint32_t b) { return tiebreak_[a] < tiebreak_[b]; });
  }

  // The units of x with no dependent inside x.
  std::vector<std::uint32_t> sinks(const std::vector<std::uint32_t>& x) {
    for (const std::uint32_t v : x) mark_[v] = 1;
    std::vector<std::uint32_t> out;
    for (const std::uint32_t v : x)
      for (const std::uint32_t u : cp_.pre[v])
        if (mark_[u]) mark_[u] = 2;
    for (const std::uint32_t v : x) {
      if (mark_[v] == 1) out.push_back(v);
      mark_[v] = 0;
    }
    return out;
  }

  // A first job of an optimal order of the indecomposable set x: shrink x to
  // its best proper initial set (best over "x without one sink") until one is left.
  std::uint32_t first_job(std::vector<std::uint32_t> x) {
    while (x.size() > 1) {
      std::vector<std::uint32_t> best;
      double best_ratio = 0;
      for (const std::uint32_t t : sinks(x)) {
        std::vector<std::uint32_t> y;
        for (const std::uint32_t v : x)
          if (v != t) y.push_back(v);
        auto f = first_block(cp_, std::move(y), sc_);
        const double r = ratio(cp_, f);
        if (best.empty() || r > best_ratio + 1e-12 * std::abs(best_ratio)) {
          best = std::move(f);
          best_ratio = r;
        }
      }
      sort_by_tiebreak(best);
      x = std::move(best);
    }
    return x.front();
  }

  // Kahn inside x: the ready unit of highest ratio w/p first, ties by rank.
  // The pass runs on positions in x (a local index per unit).
  void by_ratio(const std::vector<std::uint32_t>& x, std::vector<std::uint32_t>& out) {
    for (const std::uint32_t v : x) mark_[v] = 1;
    std::vector<std::uint32_t> indeg_local(x.size(), 0);
    auto after = [this, &x](FeatureIndex la, FeatureIndex lb) {  // true when x[la] should come after x[lb]
      const std::uint32_t a = x[la], b = x[lb];
      const double ra = cp_.w[a] / cp_.p[a], rb = cp_.w[b] / cp_.p[b];
      if (ra != rb) return ra < rb;
      return tiebreak_[a] > tiebreak_[b];
    };
    // Dependents inside x, from the prerequisite lists.
    std::vector<std::vector<std::uint32_t>> dep(x.size());
    for (std::size_t a = 0; a < x.size(); ++a) sc_.local[x[a]] = static_cast<std::int32_t>(a);
    for (std::size_t a = 0; a < x.size(); ++a)
      for (const std::uint32_t u : cp_.pre[x[a]])
        if (mark_[u]) {
          dep[static_cast<std::size_t>(sc_.local[u])].push_back(static_cast<std::uint32_t>(a));
          ++indeg_local[a];
        }
    HeapReady ready(after);
    kahn(
        std::move(indeg_local), ready, [&dep](FeatureIndex la) { return std::span<const std::uint32_t>(dep[la]); },
        [&out, &x](FeatureIndex la) { out.push_back(x[la]); });
    for (const std::uint32_t v : x) {
      mark_[v] = 0;
      sc_.local[v] = -1;
    }
  }

  ClosureProblem cp_;
  std::vector<std::uint32_t> tiebreak_;
  ClosureScratch sc_;
  std::vector<char> mark_;
};

[[nodiscard]] inline std::vector<FeatureIndex> order_by_density(const DependencyGraph& g, const Scores& s,
                                                                const Eigen::VectorXd& durations) {
  check_scores(g, s);
  check_vector(g, durations.size(), "durations");
  for (FeatureIndex i = 0; i < g.size(); ++i) {
    const double d = durations[static_cast<Eigen::Index>(i)];
    if (!std::isfinite(d) || d <= 0)
      throw error(errc::invalid_value, "duration must be a finite number > 0", Location{g.id(i), "durations", {}, 0, 0});
    // An infinite score makes every ratio infinite and every cut weight NaN:
    // the order would mean nothing.
    if (std::isinf(s[i]))
      throw error(errc::invalid_value,
                  std::string("score must be finite for value-density ordering (NaN counts as 0), got ") +
                      (s[i] > 0 ? "inf" : "-inf"),
                  Location{g.id(i), "scores", {}, 0, 0});
  }
  const std::vector<FeatureIndex> ranking = rank(s);
  const auto pos = rank_positions(ranking);
  const Units u = make_units(g);
  const std::size_t n = u.size();
  ClosureProblem cp;
  cp.w.assign(n, 0);
  cp.p.assign(n, 0);
  cp.pre.assign(n, {});
  std::vector<std::uint32_t> tiebreak(n, 0xffffffffU);
  for (FeatureIndex i = 0; i < g.size(); ++i) {
    const std::uint32_t v = u.unit(i);
    if (!std::isnan(s[i])) cp.w[v] += s[i];
    cp.p[v] += durations[static_cast<Eigen::Index>(i)];
    tiebreak[v] = std::min(tiebreak[v], static_cast<std::uint32_t>(pos[i]));
  }
  for (std::size_t v = 0; v < n; ++v)
    for (const FeatureIndex* d = u.dag().begin(v); d != u.dag().end(v); ++d) cp.pre[*d].push_back(static_cast<std::uint32_t>(v));
  std::vector<std::uint32_t> all(n);
  for (std::size_t v = 0; v < n; ++v) all[v] = static_cast<std::uint32_t>(v);
  std::sort(all.begin(), all.end(), [&tiebreak](std::uint32_t a, std::uint32_t b) { return tiebreak[a] < tiebreak[b]; });
  DensityScheduler sched(std::move(cp), std::move(tiebreak));
  std::vector<std::uint32_t> units;
  units.reserve(n);
  sched.schedule(all, units);
  std::vector<FeatureIndex> out;
  out.reserve(g.size());
  for (const std::uint32_t v : units) {
    if (u.members.empty()) {
      out.push_back(v);
      continue;
    }
    const std::size_t first = out.size();
    out.insert(out.end(), u.members[v].begin(), u.members[v].end());
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [&pos](FeatureIndex a, FeatureIndex b) { return pos[a] < pos[b]; });
  }
  return out;
}

}  // namespace prio::inline v1::detail
