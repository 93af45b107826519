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
  std::vector<std::uint32_t> node_of;  // position in net -> node of the flow network
  bool contracted = false;  // series paths were contracted: the network cannot be resumed
  std::vector<std::size_t> src_arc, sink_arc;  // per flow node: arc s -> v, v -> t (none: no_arc)
  std::vector<double> c, cn;  // per position, per flow node
  std::vector<char> seen;
  std::vector<std::uint32_t> pred, outdeg, next;  // series paths (min_closure)
  explicit ClosureScratch(std::size_t n) : in_set(n, 0), local(n, -1), net_local(n, -1) {}
};

inline constexpr std::size_t no_arc = static_cast<std::size_t>(-1);
inline constexpr std::uint32_t no_node = 0xffffffffU;

/// Contracts the series paths of the network over positions 0..k-1 of sc.net
/// (x_1 .. x_m, m >= 3, each x_{i+1} needing only x_i and x_i needed only by
/// x_{i+1}): a closed set holds a prefix x_1 .. x_j of such a path, and only
/// j = 0, j = m and the best 0 < j < m (the smallest on ties) can be in the
/// smallest maximum closure, so the path becomes two nodes, the best partial
/// prefix and the rest, with the rest needing the prefix. Sets sc.node_of
/// (every position to its flow node; sums of c in `cn`) and returns the number
/// of flow nodes. Push-relabel moves excess along a long path one step per
/// push; a dependency chain of 10^5 features took seconds without this.
inline std::size_t contract_series(const ClosureProblem& cp, std::size_t k, const std::vector<double>& c,
                                   ClosureScratch& sc, std::vector<double>& cn) {
  auto& pred = sc.pred;
  auto& outdeg = sc.outdeg;
  auto& next = sc.next;
  pred.assign(k, no_node);  // the one prerequisite in the set; no_node - 1: several
  outdeg.assign(k, 0);
  next.assign(k, no_node);
  for (std::size_t a = 0; a < k; ++a)
    for (const std::uint32_t u : cp.pre[sc.net[a]])
      if (const std::int32_t l = sc.net_local[u]; l >= 0) {
        pred[a] = pred[a] == no_node ? static_cast<std::uint32_t>(l) : no_node - 1;
        ++outdeg[static_cast<std::size_t>(l)];
      }
  for (std::size_t a = 0; a < k; ++a)
    if (pred[a] < no_node - 1 && outdeg[pred[a]] == 1) next[pred[a]] = static_cast<std::uint32_t>(a);
  auto& node_of = sc.node_of;
  node_of.assign(k, no_node);
  std::size_t nodes = 0;
  cn.clear();
  for (std::size_t a = 0; a < k; ++a) {
    if (node_of[a] != no_node) continue;
    const bool starts_path = next[a] != no_node && !(pred[a] < no_node - 1 && next[pred[a]] == a);
    if (!starts_path) {
      if (pred[a] < no_node - 1 && next[pred[a]] == a) continue;  // inside a path: placed from its start below
      node_of[a] = static_cast<std::uint32_t>(nodes++);
      cn.push_back(c[a]);
      continue;
    }
    // The path from a: the best partial prefix (the smallest on ties) and the whole.
    std::size_t m = 0, best_len = 1;
    double sum = 0, best = 0;
    for (std::uint32_t x = static_cast<std::uint32_t>(a); x != no_node; x = next[x]) {
      sum += c[x];
      ++m;
      if (next[x] != no_node && (m == 1 || sum > best)) {
        best = sum;
        best_len = m;
      }
    }
    if (m < 3) {
      for (std::uint32_t x = static_cast<std::uint32_t>(a); x != no_node; x = next[x]) {
        node_of[x] = static_cast<std::uint32_t>(nodes++);
        cn.push_back(c[x]);
      }
      continue;
    }
    const auto head = static_cast<std::uint32_t>(nodes++), rest = static_cast<std::uint32_t>(nodes++);
    std::size_t i = 0;
    for (std::uint32_t x = static_cast<std::uint32_t>(a); x != no_node; x = next[x]) node_of[x] = ++i <= best_len ? head : rest;
    cn.push_back(best);
    cn.push_back(sum - best);
  }
  return nodes;
}

/// The smallest predecessor-closed set maximising sum(w - lambda p) over the
/// nodes listed in `nodes` (global ids), with prerequisites outside `nodes`
/// ignored (they are already scheduled). sc.in_set marks the result; returns
/// its value. One max flow on at most |nodes| + 2 nodes (series paths
/// contracted); with `resume`, `nodes` must be the last call's result and
/// lambda at least its lambda, and unless the last network was contracted the
/// flow goes on from the last call's (a chain of such cuts costs about one
/// max flow). Contracting pays when it removes at least an eighth of the
/// nodes: on the 3 * 10^5 rows of bench/read_cli.sh's file it removed 0.4%
/// and, blocking the resumed cuts, cost 14% (4.8 s against 4.2 s).
inline double min_closure(const ClosureProblem& cp, const std::vector<std::uint32_t>& nodes, double lambda,
                          ClosureScratch& sc, bool resume = false) {
  const std::size_t k = nodes.size();
  auto& g = sc.flow;
  auto& c = sc.c;
  resume = resume && !sc.contracted;
  double scale = 0;
  if (!resume) {
    for (const std::uint32_t v : sc.net) sc.net_local[v] = -1;
    sc.net = nodes;
    for (std::size_t a = 0; a < k; ++a) sc.net_local[nodes[a]] = static_cast<std::int32_t>(a);
  } else {
    g.join_sink_side(sc.seen);
  }
  const std::size_t nk = sc.net.size();
  c.assign(nk, 0);
  for (const std::uint32_t v : nodes) {
    const auto a = static_cast<std::size_t>(sc.net_local[v]);
    c[a] = cp.w[v] - lambda * cp.p[v];
    scale += std::abs(cp.w[v]) + std::abs(lambda) * cp.p[v];
  }
  std::size_t fn = sc.src_arc.size();  // flow nodes
  if (!resume) {
    auto& cn = sc.cn;
    fn = contract_series(cp, nk, c, sc, cn);
    if (8 * (nk - fn) < nk) {  // a few short paths: not worth losing the resumed cuts
      cn = c;
      for (std::size_t a = 0; a < nk; ++a) sc.node_of[a] = static_cast<std::uint32_t>(a);
      fn = nk;
    }
    sc.contracted = fn < nk;
    const std::size_t s = fn, t = fn + 1;
    g.reset(fn + 2);
    sc.src_arc.assign(fn, no_arc);
    sc.sink_arc.assign(fn, no_arc);
    constexpr double infinite = std::numeric_limits<double>::infinity();
    for (std::size_t f = 0; f < fn; ++f) {
      // A node's weight only falls as lambda rises: one that starts positive
      // gets both arcs, for the resumed cuts.
      if (cn[f] > 0) sc.src_arc[f] = g.add_arc(s, f, cn[f]);
      sc.sink_arc[f] = g.add_arc(f, t, cn[f] < 0 ? -cn[f] : 0);
    }
    for (std::size_t a = 0; a < nk; ++a)
      for (const std::uint32_t u : cp.pre[nodes[a]])
        if (const std::int32_t l = sc.net_local[u]; l >= 0 && sc.node_of[a] != sc.node_of[static_cast<std::size_t>(l)])
          g.add_arc(sc.node_of[a], sc.node_of[static_cast<std::size_t>(l)], infinite);
    g.run(s, t);
  } else {
    for (const std::uint32_t v : nodes) {  // not contracted: one flow node per position
      const auto a = static_cast<std::size_t>(sc.net_local[v]);
      const std::uint32_t f = sc.node_of[a];
      if (sc.src_arc[f] != no_arc) g.set_capacity(sc.src_arc[f], c[a] > 0 ? c[a] : 0);
      g.set_capacity(sc.sink_arc[f], c[a] < 0 ? -c[a] : 0);
    }
    g.resume();
  }
  g.source_side(fn, 1e-13 * (scale + 1), sc.seen);
  double value = 0;
  for (const std::uint32_t v : nodes) {
    const auto a = static_cast<std::size_t>(sc.net_local[v]);
    const char in = sc.seen[sc.node_of[a]];
    sc.in_set[v] = in;
    if (in) value += c[a];
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
