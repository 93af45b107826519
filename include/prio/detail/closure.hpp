// Maximum-weight closure by minimum cut (Dinic's max flow on flat arrays: the
// instances are rebuilt for every cut, which Boost.Graph's adjacency_list makes
// slow), and the Sidney decomposition built on it. Private to prio.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "prio/backlog.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// A closure instance over local nodes 0..k-1: weight w, duration p > 0, and
/// pre[v] = the local prerequisites of v (a closed set holding v holds them).
struct ClosureProblem {
  std::vector<double> w;
  std::vector<double> p;
  std::vector<std::vector<std::uint32_t>> pre;
};

/// Max flow by Dinic's algorithm on an edge list with paired reverse edges
/// (edge e and e^1). Capacities are doubles; a residual below eps is treated
/// as saturated.
class MaxFlow {
 public:
  void reset(std::size_t nodes) {
    head_.assign(nodes, -1);
    to_.clear();
    next_.clear();
    cap_.clear();
  }
  void add_edge(std::size_t u, std::size_t v, double c) {
    push(u, v, c);
    push(v, u, 0);
  }
  double run(std::size_t s, std::size_t t, double eps) {
    eps_ = eps;
    double flow = 0;
    level_.resize(head_.size());
    while (bfs(s, t)) {
      iter_ = head_;
      flow += blocking_flow(s, t);
    }
    return flow;
  }
  /// Nodes reachable from s through unsaturated edges: the smallest source side.
  [[nodiscard]] std::vector<char> source_side(std::size_t s) const {
    std::vector<char> seen(head_.size(), 0);
    std::vector<std::size_t> stack{s};
    seen[s] = 1;
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      for (std::int64_t e = head_[v]; e >= 0; e = next_[static_cast<std::size_t>(e)]) {
        const auto ue = static_cast<std::size_t>(e);
        if (cap_[ue] > eps_ && !seen[to_[ue]]) {
          seen[to_[ue]] = 1;
          stack.push_back(to_[ue]);
        }
      }
    }
    return seen;
  }

 private:
  void push(std::size_t u, std::size_t v, double c) {
    to_.push_back(v);
    cap_.push_back(c);
    next_.push_back(head_[u]);
    head_[u] = static_cast<std::int64_t>(to_.size() - 1);
  }
  bool bfs(std::size_t s, std::size_t t) {
    std::fill(level_.begin(), level_.end(), -1);
    auto& q = queue_;
    q.assign(1, s);
    level_[s] = 0;
    for (std::size_t h = 0; h < q.size(); ++h) {
      const std::size_t v = q[h];
      if (level_[t] >= 0 && level_[v] >= level_[t]) break;
      for (std::int64_t e = head_[v]; e >= 0; e = next_[static_cast<std::size_t>(e)]) {
        const auto ue = static_cast<std::size_t>(e);
        if (cap_[ue] > eps_ && level_[to_[ue]] < 0) {
          level_[to_[ue]] = level_[v] + 1;
          q.push_back(to_[ue]);
        }
      }
    }
    return level_[t] >= 0;
  }
  // One phase of Dinic: augmenting paths along the level graph until none is
  // left; after each augmentation the search resumes at the first saturated edge.
  double blocking_flow(std::size_t s, std::size_t t) {
    double total = 0;
    path_.clear();
    std::size_t v = s;
    while (true) {
      if (v == t) {
        double f = std::numeric_limits<double>::infinity();
        for (const std::size_t e : path_) f = std::min(f, cap_[e]);
        std::size_t cut = path_.size();
        for (std::size_t k = 0; k < path_.size(); ++k) {
          const std::size_t e = path_[k];
          cap_[e] -= f;
          cap_[e ^ 1U] += f;
          if (cut == path_.size() && !(cap_[e] > eps_)) cut = k;
        }
        total += f;
        path_.resize(cut);
        v = cut == 0 ? s : to_[path_.back()];
        continue;
      }
      bool advanced = false;
      for (std::int64_t& e = iter_[v]; e >= 0; e = next_[static_cast<std::size_t>(e)]) {
        const auto ue = static_cast<std::size_t>(e);
        if (cap_[ue] > eps_ && level_[to_[ue]] == level_[v] + 1) {
          path_.push_back(ue);
          v = to_[ue];
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      if (v == s) return total;
      level_[v] = -1;  // dead end: prune it
      const std::size_t back = path_.back();
      path_.pop_back();
      v = to_[back ^ 1U];
      iter_[v] = next_[static_cast<std::size_t>(iter_[v])];
    }
  }

  std::vector<std::int64_t> head_, next_, iter_;
  std::vector<std::size_t> to_;
  std::vector<double> cap_;
  std::vector<std::int64_t> level_;
  std::vector<std::size_t> path_, queue_;
  double eps_ = 0;
};

/// The smallest predecessor-closed set maximising sum(w - lambda p) over the
/// nodes listed in `nodes` (global ids), with prerequisites outside `nodes`
/// ignored (they are already scheduled). in_set marks the result; returns its
/// value. One max flow on |nodes| + 2 vertices.
inline double min_closure(const ClosureProblem& cp, const std::vector<std::uint32_t>& nodes, double lambda,
                          std::vector<char>& in_set, std::vector<std::int32_t>& local, MaxFlow& mf) {
  const std::size_t k = nodes.size();
  for (std::size_t a = 0; a < k; ++a) local[nodes[a]] = static_cast<std::int32_t>(a);
  mf.reset(k + 2);
  const std::size_t s = k, t = k + 1;
  double scale = 0;
  std::vector<double> c(k);
  for (std::size_t a = 0; a < k; ++a) {
    const std::uint32_t v = nodes[a];
    c[a] = cp.w[v] - lambda * cp.p[v];
    scale += std::abs(cp.w[v]) + std::abs(lambda) * cp.p[v];
  }
  const double infinite = 2 * scale + 1;
  for (std::size_t a = 0; a < k; ++a) {
    if (c[a] > 0) mf.add_edge(s, a, c[a]);
    else if (c[a] < 0) mf.add_edge(a, t, -c[a]);
    for (const std::uint32_t u : cp.pre[nodes[a]])
      if (local[u] >= 0) mf.add_edge(a, static_cast<std::size_t>(local[u]), infinite);
  }
  mf.run(s, t, 1e-13 * (scale + 1));
  const std::vector<char> seen = mf.source_side(s);
  double value = 0;
  for (std::size_t a = 0; a < k; ++a) {
    in_set[nodes[a]] = seen[a];
    if (seen[a]) value += c[a];
    local[nodes[a]] = -1;
  }
  return value;
}

/// sum(w) / sum(p) over a set.
[[nodiscard]] inline double ratio(const ClosureProblem& cp, const std::vector<std::uint32_t>& nodes) {
  double w = 0, p = 0;
  for (const std::uint32_t v : nodes) {
    w += cp.w[v];
    p += cp.p[v];
  }
  return w / p;
}

/// Scratch space shared by the calls below (sized to the whole instance).
struct ClosureScratch {
  std::vector<char> in_set;
  std::vector<std::int32_t> local;
  MaxFlow flow;
  explicit ClosureScratch(std::size_t n) : in_set(n, 0), local(n, -1) {}
};

/// Splits `x` (a closed set) into C, the union of its leading Sidney blocks
/// (initial sets of ratio above ratio(x)), and the rest. Returns false when x
/// is a single block: no initial set beats its ratio by more than rounding.
inline bool split_once(const ClosureProblem& cp, const std::vector<std::uint32_t>& x, ClosureScratch& sc,
                       std::vector<std::uint32_t>& head, std::vector<std::uint32_t>& tail) {
  if (x.size() < 2) return false;
  const double lambda = ratio(cp, x);
  const double value = min_closure(cp, x, lambda, sc.in_set, sc.local, sc.flow);
  double scale = 0;
  for (const std::uint32_t v : x) scale += std::abs(cp.w[v]) + std::abs(lambda) * cp.p[v];
  head.clear();
  tail.clear();
  for (const std::uint32_t v : x) (sc.in_set[v] ? head : tail).push_back(v);
  if (!(value > 1e-9 * scale) || head.empty() || tail.empty()) return false;
  return true;
}

/// The Sidney decomposition of a closed set: blocks in order, each an initial
/// set of maximum ratio of what remains. Divide and conquer: every level of
/// the recursion solves min cuts whose node sets partition x.
[[nodiscard]] inline std::vector<std::vector<std::uint32_t>> sidney_blocks(const ClosureProblem& cp,
                                                                          std::vector<std::uint32_t> x,
                                                                          ClosureScratch& sc) {
  std::vector<std::vector<std::uint32_t>> out;
  std::vector<std::vector<std::uint32_t>> todo;  // a stack: the back is processed next
  todo.push_back(std::move(x));
  std::vector<std::uint32_t> head, tail;
  while (!todo.empty()) {
    std::vector<std::uint32_t> cur = std::move(todo.back());
    todo.pop_back();
    if (split_once(cp, cur, sc, head, tail)) {
      todo.push_back(tail);
      todo.push_back(head);
    } else {
      out.push_back(std::move(cur));
    }
  }
  return out;
}

/// The first Sidney block of a closed set.
[[nodiscard]] inline std::vector<std::uint32_t> first_block(const ClosureProblem& cp, std::vector<std::uint32_t> x,
                                                           ClosureScratch& sc) {
  std::vector<std::uint32_t> head, tail;
  while (split_once(cp, x, sc, head, tail)) x = head;
  return x;
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
