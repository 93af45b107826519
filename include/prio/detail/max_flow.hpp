// Maximum flow / minimum cut: prio's one implementation, a highest-label
// push-relabel (Goldberg and Tarjan) with the gap and global-relabelling
// heuristics of Cherkassky and Goldberg, on arrays. Private to prio. Its two
// callers take the cut as the nodes reachable from the source in the residual
// network (the minimal minimum cut, the same for every max-flow algorithm up to
// the tolerance):
// - the maximum-weight closures of value-density ordering (detail/closure.hpp):
//   chains of cuts at a rising parameter on shrinking node sets, each resumed
//   from the last one's preflow (Gallo, Grigoriadis and Tarjan, 1989);
// - the Lagrangian bound of the Next Release Problem (detail/nrp_solver.hpp):
//   ~50 cuts per call on one network whose capacities change.
//
// The flow runs backwards, from t to s, on the reversed network: the first
// phase of push-relabel alone (a maximum preflow) then decides the cut the
// callers want, the nodes that can still reach s, and a cut at a larger
// parameter (arcs out of s lowered, arcs into t raised) resumes where the last
// one stopped. Capacities are doubles; every push either saturates an arc
// (residual exactly 0) or empties a node (excess exactly 0), so rounding
// cannot keep the algorithm from ending; +infinity is a valid capacity for arcs
// not into t.
//
// Measured against the Boykov-Kolmogorov max flow of Boost.Graph that served
// before (bench_order and bench_nrp, release build, the same orders and NRP
// answers): value density at 10^4 features 40 ms against 119-127 ms, at 10^5
// 0.77-0.80 s against 6.6 s, at 3 * 10^5 3.6 s against 126 s (its orphan
// adoption grew superlinearly on the large closure networks); the NRP bench's
// 34 instances 0.80x its time. Of that, resuming the chains is ~17% (3.4-3.7 s
// against 4.1-4.3 s at 3 * 10^5), the relabelling period ~45%. Push-relabel
// moves excess along a long path one node per push: value density contracts
// dependency chains before each cut (detail/closure.hpp), or one chain of 10^5
// features would take 2.6 s (Boykov-Kolmogorov: 4.4 s; now 46 ms).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace prio::inline v1::detail {

class MaxFlow {
 public:
  MaxFlow() = default;
  explicit MaxFlow(std::size_t nodes) : n_(nodes) {}

  /// Forgets every arc and sizes the network to `nodes` nodes.
  void reset(std::size_t nodes) {
    n_ = nodes;
    from_.clear();
    to_.clear();
    cap_.clear();
    dirty_.clear();
    built_ = false;
    flowing_ = false;
  }

  /// Adds the arc u -> v with capacity cap >= 0 (and its residual twin);
  /// returns the arc's index, for set_capacity.
  std::size_t add_arc(std::size_t u, std::size_t v, double cap) {
    from_.push_back(static_cast<Node>(u));
    to_.push_back(static_cast<Node>(v));
    cap_.push_back(cap);
    built_ = false;
    flowing_ = false;
    return cap_.size() - 1;
  }

  /// A new capacity for an arc; it takes effect at the next run() or resume().
  void set_capacity(std::size_t arc, double cap) {
    cap_[arc] = cap;
    if (flowing_) dirty_.push_back(static_cast<std::uint32_t>(arc));
  }

  /// Maximum flow from s to t on the current capacities (a previous flow is
  /// discarded, and every node is back in the network).
  double run(std::size_t s, std::size_t t) {
    if (!built_) build();
    s_ = static_cast<Node>(s);
    t_ = static_cast<Node>(t);
    // Slot 2i + 1 (v -> u) is arc i reversed, with i's capacity; slot 2i
    // (u -> v) starts empty and holds the flow on arc i.
    for (std::size_t i = 0; i < cap_.size(); ++i) {
      res_[slot_[2 * i]] = 0;
      res_[slot_[2 * i + 1]] = cap_[i];
    }
    excess_.assign(n_, 0.0);
    joined_.assign(n_, 0);
    dirty_.clear();
    for (std::size_t a = first_[t_]; a < first_[t_ + 1]; ++a) {
      const double r = res_[a];
      if (r > 0) {
        res_[a] = 0;
        res_[rev_[a]] += r;
        excess_[head_[a]] += r;
      }
    }
    flowing_ = true;
    return flow();
  }

  /// Continues from the last run() or resume() after capacity changes that
  /// move its cut towards t (a parametric cut at a rising parameter): arcs out
  /// of s set to anything, arcs into t (or into joined nodes) only raised,
  /// other arcs not lowered below their flow; and after join_sink_side(). The
  /// answer is that of run() on the changed network with the joined nodes
  /// merged into t. Not after add_arc() or reset(): run() first.
  double resume() {
    for (const std::uint32_t i : dirty_) {
      const std::uint32_t a = slot_[2 * std::size_t{i}], b = slot_[2 * std::size_t{i} + 1];
      const Node u = from_[i], v = to_[i];
      const double f = res_[a], c = cap_[i];
      if (v == t_ || joined_[v]) {  // out of the reversed network's source side: kept saturated
        excess_[u] += c - f;
        res_[a] = c;
        res_[b] = 0;
      } else if (f > c) {  // an arc out of s lowered below its flow: the excess returns to v
        excess_[v] += f - c;
        excess_[u] -= f - c;
        res_[a] = c;
        res_[b] = 0;
      } else {
        res_[b] = c - f;
      }
    }
    dirty_.clear();
    return flow();
  }

  /// Merges every node outside `side` (the last source_side() answer) into t
  /// for the resume() calls that follow: every later cut keeps them with t.
  void join_sink_side(const std::vector<char>& side) {
    for (std::size_t v = 0; v < n_; ++v)
      if (!side[v]) joined_[v] = 1;
  }

  /// After run() or resume(): the nodes reachable from s in the residual
  /// network (the source side of the minimal minimum cut), marked 1 in
  /// `seen`; an arc with residual capacity at most eps counts as saturated
  /// (rounding in real capacities).
  void source_side(std::size_t s, double eps, std::vector<char>& seen) const {
    seen.assign(n_, 0);
    stack_.assign(1, static_cast<Node>(s));
    seen[s] = 1;
    while (!stack_.empty()) {
      const Node x = stack_.back();
      stack_.pop_back();
      for (std::size_t a = first_[x]; a < first_[x + 1]; ++a) {
        const Node y = head_[a];
        if (!seen[y] && !joined_[y] && res_[rev_[a]] > eps) {  // y -> x has residual capacity
          seen[y] = 1;
          stack_.push_back(y);
        }
      }
    }
  }
  [[nodiscard]] std::vector<char> source_side(std::size_t s, double eps) const {
    std::vector<char> seen;
    source_side(s, eps, seen);
    return seen;
  }

 private:
  using Node = std::uint32_t;
  static constexpr Node none = 0xffffffffU;

  // Both directions of every arc in one array, grouped by tail node.
  void build() {
    const std::size_t m = cap_.size();
    first_.assign(n_ + 2, 0);
    for (std::size_t i = 0; i < m; ++i) {
      ++first_[from_[i] + 2];
      ++first_[to_[i] + 2];
    }
    for (std::size_t v = 0; v < n_; ++v) first_[v + 2] += first_[v + 1];
    head_.resize(2 * m);
    rev_.resize(2 * m);
    res_.resize(2 * m);
    slot_.resize(2 * m);
    for (std::size_t i = 0; i < m; ++i) {
      const std::size_t a = first_[from_[i] + 1]++, b = first_[to_[i] + 1]++;
      head_[a] = to_[i];
      head_[b] = from_[i];
      rev_[a] = static_cast<std::uint32_t>(b);
      rev_[b] = static_cast<std::uint32_t>(a);
      slot_[2 * i] = static_cast<std::uint32_t>(a);
      slot_[2 * i + 1] = static_cast<std::uint32_t>(b);
    }
    first_.pop_back();
    built_ = true;
  }

  // Phase one of push-relabel from t to s: a maximum preflow; returns its value.
  double flow() {
    global_relabel();
    // Global relabelling after about 8 (n + m) arcs scanned: more often spent
    // more time relabelling than it saved (value density at 3 * 10^5: 6.5 s
    // at n + m / 2, 3.8 s at 8 and 16 times that).
    const std::size_t period = 8 * (n_ + cap_.size());
    std::size_t work = 0;
    while (top_ >= 0) {
      const auto l = static_cast<std::size_t>(top_);
      const Node v = active_[l];
      if (v == none) {
        --top_;
        continue;
      }
      active_[l] = next_active_[v];
      work += discharge(v);
      if (work > period) {
        work = 0;
        global_relabel();
      }
    }
    return excess_[s_];
  }

  void activate(Node v) {
    const std::uint32_t l = label_[v];
    next_active_[v] = active_[l];
    active_[l] = v;
    top_ = std::max(top_, std::int64_t{l});
  }
  void link(Node v, std::uint32_t l) {
    prev_[v] = none;
    next_[v] = level_[l];
    if (level_[l] != none) prev_[level_[l]] = v;
    level_[l] = v;
    ++count_[l];
    highest_ = std::max(highest_, std::int64_t{l});
  }
  void unlink(Node v, std::uint32_t l) {
    if (prev_[v] != none) next_[prev_[v]] = next_[v];
    else level_[l] = next_[v];
    if (next_[v] != none) prev_[next_[v]] = prev_[v];
    --count_[l];
  }

  // Exact distances to s in the residual network; nodes that cannot reach it
  // (and t, and the joined nodes) are labelled n: out of the game.
  void global_relabel() {
    const auto out = static_cast<std::uint32_t>(n_);
    label_.assign(n_, out);
    active_.assign(n_ + 1, none);
    level_.assign(n_ + 1, none);
    count_.assign(n_ + 1, 0);
    next_active_.resize(n_);
    next_.resize(n_);
    prev_.resize(n_);
    current_.resize(n_);
    top_ = -1;
    highest_ = 0;
    queue_.assign(1, s_);
    label_[s_] = 0;
    for (std::size_t q = 0; q < queue_.size(); ++q) {
      const Node x = queue_[q];
      const std::uint32_t d = label_[x] + 1;
      for (std::size_t a = first_[x]; a < first_[x + 1]; ++a) {
        const Node y = head_[a];
        if (label_[y] == out && y != t_ && !joined_[y] && res_[rev_[a]] > 0) {
          label_[y] = d;
          queue_.push_back(y);
          link(y, d);
          current_[y] = static_cast<std::uint32_t>(first_[y]);
          if (excess_[y] > 0) activate(y);
        }
      }
    }
  }

  // Pushes v's excess along admissible arcs, relabelling v as needed; returns
  // the arcs scanned (the work that paces global relabelling).
  std::size_t discharge(Node v) {
    const auto out = static_cast<std::uint32_t>(n_);
    const std::size_t begin = first_[v], end = first_[v + 1];
    std::size_t work = 0;
    for (;;) {
      const std::uint32_t l = label_[v];
      double e = excess_[v];
      for (std::size_t a = current_[v]; a < end; ++a) {
        const Node w = head_[a];
        if (label_[w] + 1 != l || !(res_[a] > 0)) continue;
        const double r = res_[a];
        const double delta = std::min(e, r);
        res_[a] = r - delta;
        res_[rev_[a]] += delta;
        if (excess_[w] == 0 && w != s_) activate(w);
        excess_[w] += delta;
        e = delta == e ? 0 : e - delta;
        excess_[v] = e;
        if (e == 0) {
          work += a - current_[v] + 1;
          current_[v] = static_cast<std::uint32_t>(a);
          return work;
        }
      }
      // No admissible arc left: relabel to one above the lowest residual neighbour.
      work += end - begin;
      std::uint32_t best = out;
      std::size_t best_arc = begin;
      for (std::size_t a = begin; a < end; ++a)
        if (res_[a] > 0 && label_[head_[a]] + 1 < best) {
          best = label_[head_[a]] + 1;
          best_arc = a;
        }
      unlink(v, l);
      if (count_[l] == 0) {  // a gap: nothing above l can reach s any more
        label_[v] = out;
        for (auto k = static_cast<std::size_t>(l) + 1; static_cast<std::int64_t>(k) <= highest_; ++k) {
          for (Node x = level_[k]; x != none; x = next_[x]) label_[x] = out;
          level_[k] = none;
          active_[k] = none;
          count_[k] = 0;
        }
        highest_ = std::int64_t{l} - 1;
        return work;
      }
      if (best >= out) {
        label_[v] = out;
        return work;
      }
      label_[v] = best;
      current_[v] = static_cast<std::uint32_t>(best_arc);
      link(v, best);
    }
  }

  std::size_t n_ = 0;
  bool built_ = false, flowing_ = false;
  Node s_ = 0, t_ = 0;
  std::vector<Node> from_, to_;  // the arcs as added
  std::vector<double> cap_;
  std::vector<std::uint32_t> dirty_;  // arcs given a new capacity since the last flow
  std::vector<std::size_t> first_;  // per node: its first slot
  std::vector<Node> head_;  // per slot
  std::vector<std::uint32_t> rev_, slot_;
  std::vector<double> res_, excess_;
  std::vector<char> joined_;
  std::vector<std::uint32_t> label_, current_, count_;
  std::vector<Node> active_, next_active_, level_, next_, prev_, queue_;
  std::int64_t top_ = -1, highest_ = 0;
  mutable std::vector<Node> stack_;
};

}  // namespace prio::inline v1::detail
