// Maximum-weight closure by minimum cut (detail::MaxFlow), and the Sidney
// decomposition built on it. Private to prio.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "prio/backlog.hpp"

#include "prio/detail/max_flow.hpp"

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

/// Scratch space shared by the calls below (sized to the whole instance).
struct ClosureScratch {
  std::vector<char> in_set;
  std::vector<std::int32_t> local;
  MaxFlow flow;  // one network, rebuilt in the same storage by each cut
  std::vector<double> c;
  std::vector<char> seen;
  explicit ClosureScratch(std::size_t n) : in_set(n, 0), local(n, -1) {}
};

/// The smallest predecessor-closed set maximising sum(w - lambda p) over the
/// nodes listed in `nodes` (global ids), with prerequisites outside `nodes`
/// ignored (they are already scheduled). sc.in_set marks the result; returns
/// its value. One max flow on |nodes| + 2 nodes.
inline double min_closure(const ClosureProblem& cp, const std::vector<std::uint32_t>& nodes, double lambda,
                          ClosureScratch& sc) {
  const std::size_t k = nodes.size();
  auto& local = sc.local;
  for (std::size_t a = 0; a < k; ++a) local[nodes[a]] = static_cast<std::int32_t>(a);
  const std::size_t s = k, t = k + 1;
  double scale = 0;
  auto& c = sc.c;
  c.resize(k);
  for (std::size_t a = 0; a < k; ++a) {
    const std::uint32_t v = nodes[a];
    c[a] = cp.w[v] - lambda * cp.p[v];
    scale += std::abs(cp.w[v]) + std::abs(lambda) * cp.p[v];
  }
  const double infinite = 2 * scale + 1;
  auto& g = sc.flow;
  g.reset(k + 2);
  for (std::size_t a = 0; a < k; ++a) {
    if (c[a] > 0) g.add_arc(s, a, c[a]);
    else if (c[a] < 0) g.add_arc(a, t, -c[a]);
    for (const std::uint32_t u : cp.pre[nodes[a]])
      if (local[u] >= 0) g.add_arc(a, static_cast<std::size_t>(local[u]), infinite);
  }
  g.run(s, t);
  g.source_side(s, 1e-13 * (scale + 1), sc.seen);
  double value = 0;
  for (std::size_t a = 0; a < k; ++a) {
    sc.in_set[nodes[a]] = sc.seen[a];
    if (sc.seen[a]) value += c[a];
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

/// Splits `x` (a closed set) into C, the union of its leading Sidney blocks
/// (initial sets of ratio above ratio(x)), and the rest. Returns false when x
/// is a single block: no initial set beats its ratio by more than rounding.
inline bool split_once(const ClosureProblem& cp, const std::vector<std::uint32_t>& x, ClosureScratch& sc,
                       std::vector<std::uint32_t>& head, std::vector<std::uint32_t>& tail) {
  if (x.size() < 2) return false;
  const double lambda = ratio(cp, x);
  const double value = min_closure(cp, x, lambda, sc);
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
