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
  MaxFlow flow;  // the last cut's network, resumed by the next cut of a chain
  std::vector<std::uint32_t> net;  // its nodes (global ids; local index = position)
  std::vector<std::int32_t> net_local;  // global id -> position in net, or -1
  std::vector<std::size_t> src_arc, sink_arc;  // per position: arc s -> v, v -> t (none: npos)
  std::vector<double> c;
  std::vector<char> seen;
  explicit ClosureScratch(std::size_t n) : in_set(n, 0), local(n, -1), net_local(n, -1) {}
};

inline constexpr std::size_t no_arc = static_cast<std::size_t>(-1);

/// The smallest predecessor-closed set maximising sum(w - lambda p) over the
/// nodes listed in `nodes` (global ids), with prerequisites outside `nodes`
/// ignored (they are already scheduled). sc.in_set marks the result; returns
/// its value. One max flow on |nodes| + 2 nodes; with `resume`, `nodes` must be
/// the last call's result and lambda at least its lambda, and the flow goes on
/// from the last call's (a chain of such cuts costs about one max flow).
inline double min_closure(const ClosureProblem& cp, const std::vector<std::uint32_t>& nodes, double lambda,
                          ClosureScratch& sc, bool resume = false) {
  const std::size_t k = nodes.size();
  auto& g = sc.flow;
  auto& c = sc.c;
  double scale = 0;
  if (!resume) {
    for (const std::uint32_t v : sc.net) sc.net_local[v] = -1;
    sc.net = nodes;
    for (std::size_t a = 0; a < k; ++a) sc.net_local[nodes[a]] = static_cast<std::int32_t>(a);
  } else {
    g.join_sink_side(sc.seen);
  }
  const std::size_t nk = sc.net.size(), s = nk, t = nk + 1;
  c.assign(nk, 0);
  for (const std::uint32_t v : nodes) {
    const auto a = static_cast<std::size_t>(sc.net_local[v]);
    c[a] = cp.w[v] - lambda * cp.p[v];
    scale += std::abs(cp.w[v]) + std::abs(lambda) * cp.p[v];
  }
  if (!resume) {
    g.reset(nk + 2);
    sc.src_arc.assign(nk, no_arc);
    sc.sink_arc.assign(nk, no_arc);
    constexpr double infinite = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < nk; ++a) {
      // A node's weight only falls as lambda rises: one that starts positive
      // gets both arcs, for the resumed cuts.
      if (c[a] > 0) sc.src_arc[a] = g.add_arc(s, a, c[a]);
      sc.sink_arc[a] = g.add_arc(a, t, c[a] < 0 ? -c[a] : 0);
      for (const std::uint32_t u : cp.pre[nodes[a]])
        if (sc.net_local[u] >= 0) g.add_arc(a, static_cast<std::size_t>(sc.net_local[u]), infinite);
    }
    g.run(s, t);
  } else {
    for (const std::uint32_t v : nodes) {
      const auto a = static_cast<std::size_t>(sc.net_local[v]);
      if (sc.src_arc[a] != no_arc) g.set_capacity(sc.src_arc[a], c[a] > 0 ? c[a] : 0);
      g.set_capacity(sc.sink_arc[a], c[a] < 0 ? -c[a] : 0);
    }
    g.resume();
  }
  g.source_side(s, 1e-13 * (scale + 1), sc.seen);
  double value = 0;
  for (const std::uint32_t v : nodes) {
    const auto a = static_cast<std::size_t>(sc.net_local[v]);
    sc.in_set[v] = sc.seen[a];
    if (sc.seen[a]) value += c[a];
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
/// With `resume`, x is the head of the last split (see min_closure).
inline bool split_once(const ClosureProblem& cp, const std::vector<std::uint32_t>& x, ClosureScratch& sc,
                       std::vector<std::uint32_t>& head, std::vector<std::uint32_t>& tail, bool resume = false) {
  if (x.size() < 2) return false;
  const double lambda = ratio(cp, x);
  const double value = min_closure(cp, x, lambda, sc, resume);
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
  bool resume = false;  // the head of a split comes next: its cut resumes the split's flow
  while (!todo.empty()) {
    std::vector<std::uint32_t> cur = std::move(todo.back());
    todo.pop_back();
    resume = split_once(cp, cur, sc, head, tail, resume);
    if (resume) {
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
  for (bool resume = false; split_once(cp, x, sc, head, tail, resume); resume = true) x = head;
  return x;
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
