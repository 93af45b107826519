// Dinic's maximum flow on a compact arc list, with real capacities: the
// min-cut kernel of the Next Release Problem's Lagrangian bound.
//
// Kept apart from the dependency graph's own closure helper on purpose: the
// NRP bound solves ~50 cuts per call on a bipartite bundle/requirement network
// and reuses one arc array between them (only the capacities change).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace prio {
inline namespace v1 {
namespace detail {

class NrpMaxFlow {
 public:
  explicit NrpMaxFlow(std::size_t nodes) : head_(nodes, npos), level_(nodes), iter_(nodes) {}

  /// Adds the arc u -> v with capacity cap (and its residual twin); returns the
  /// arc's index, for set_capacity.
  std::size_t add_arc(std::size_t u, std::size_t v, double cap) {
    const std::size_t a = to_.size();
    to_.push_back(v);
    cap_.push_back(cap);
    base_.push_back(cap);
    next_.push_back(head_[u]);
    head_[u] = a;
    to_.push_back(u);
    cap_.push_back(0);
    base_.push_back(0);
    next_.push_back(head_[v]);
    head_[v] = a + 1;
    return a;
  }
  void set_capacity(std::size_t arc, double cap) { base_[arc] = cap; }

  /// Maximum flow from s to t on the current capacities (the previous flow is discarded).
  double run(std::size_t s, std::size_t t, double eps) {
    cap_ = base_;
    eps_ = eps;
    double flow = 0;
    while (bfs(s, t)) {
      std::copy(head_.begin(), head_.end(), iter_.begin());
      for (;;) {
        const double f = dfs(s, t, std::numeric_limits<double>::infinity());
        if (f <= eps_) break;
        flow += f;
      }
    }
    return flow;
  }

  /// After run(): the nodes reachable from s in the residual network (the
  /// source side of the minimal minimum cut).
  [[nodiscard]] std::vector<char> source_side(std::size_t s) const {
    std::vector<char> seen(head_.size(), 0);
    std::vector<std::size_t> stack{s};
    seen[s] = 1;
    while (!stack.empty()) {
      const std::size_t u = stack.back();
      stack.pop_back();
      for (std::size_t a = head_[u]; a != npos; a = next_[a])
        if (cap_[a] > eps_ && !seen[to_[a]]) {
          seen[to_[a]] = 1;
          stack.push_back(to_[a]);
        }
    }
    return seen;
  }

 private:
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  bool bfs(std::size_t s, std::size_t t) {
    std::fill(level_.begin(), level_.end(), -1);
    std::vector<std::size_t> queue{s};
    level_[s] = 0;
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::size_t u = queue[q];
      for (std::size_t a = head_[u]; a != npos; a = next_[a])
        if (cap_[a] > eps_ && level_[to_[a]] < 0) {
          level_[to_[a]] = level_[u] + 1;
          queue.push_back(to_[a]);
        }
    }
    return level_[t] >= 0;
  }

  // Iterative augmenting-path search in the level graph would avoid deep
  // recursion, but the NRP networks are three layers deep (s, bundle, requirement, t).
  double dfs(std::size_t u, std::size_t t, double pushed) {
    if (u == t) return pushed;
    for (std::size_t& a = iter_[u]; a != npos; a = next_[a]) {
      const std::size_t v = to_[a];
      if (cap_[a] > eps_ && level_[v] == level_[u] + 1) {
        const double f = dfs(v, t, std::min(pushed, cap_[a]));
        if (f > eps_) {
          cap_[a] -= f;
          cap_[a ^ 1U] += f;
          return f;
        }
      }
    }
    return 0;
  }

  std::vector<std::size_t> head_, to_, next_;
  std::vector<double> cap_, base_;
  std::vector<int> level_;
  std::vector<std::size_t> iter_;
  double eps_ = 1e-9;
};

}  // namespace detail
}  // namespace v1
}  // namespace prio
