// Private helpers of the dependency graph: compressed adjacency, strongly
// connected components and cycle paths. Light on purpose (no Boost) so that
// prio::validate can report cycles without pulling in Boost.Graph.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/backlog_access.hpp"
#include "prio/detail/prefetch.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// Compressed sparse rows: the neighbours of v are targets[offsets[v] .. offsets[v+1]).
struct Csr {
  std::vector<std::uint64_t> offsets{0};
  std::vector<FeatureIndex> targets;

  [[nodiscard]] std::size_t nodes() const noexcept { return offsets.size() - 1; }
  [[nodiscard]] const FeatureIndex* begin(std::size_t v) const noexcept { return targets.data() + offsets[v]; }
  [[nodiscard]] const FeatureIndex* end(std::size_t v) const noexcept { return targets.data() + offsets[v + 1]; }
  [[nodiscard]] std::size_t degree(std::size_t v) const noexcept {
    return static_cast<std::size_t>(offsets[v + 1] - offsets[v]);
  }
};

/// The transpose of g (edges reversed), rows sorted ascending. O(V+E).
[[nodiscard]] inline Csr transpose(const Csr& g) {
  const std::size_t n = g.nodes();
  Csr t;
  t.offsets.assign(n + 1, 0);
  for (const FeatureIndex v : g.targets) ++t.offsets[static_cast<std::size_t>(v) + 1];
  for (std::size_t v = 0; v < n; ++v) t.offsets[v + 1] += t.offsets[v];
  t.targets.resize(g.targets.size());
  std::vector<std::uint64_t> fill(t.offsets.begin(), t.offsets.end() - 1);
  for (std::size_t u = 0; u < n; ++u)
    for (const FeatureIndex* p = g.begin(u); p != g.end(u); ++p) t.targets[fill[*p]++] = static_cast<FeatureIndex>(u);
  return t;
}

/// The default visitor of prerequisite_rows: nothing to do per dependency.
struct NoDependencyVisit {
  void operator()(FeatureIndex, std::size_t, std::int64_t) const noexcept {}
};

/// Prerequisite rows of a backlog: row i lists what feature i depends on,
/// ascending, duplicates folded. Unknown ids and self-dependencies are skipped
/// when `strict` is false, and throw prio::error naming the feature when it is
/// true. `duplicates` counts the folded repetitions. `visit(i, k, j)` is told
/// every dependency in backlog order: feature i's k-th names feature j (-1:
/// unknown), before a strict error is thrown for it.
template <class Visit = NoDependencyVisit>
[[nodiscard]] Csr prerequisite_rows(const Backlog& b, bool strict, std::size_t* duplicates = nullptr, Visit&& visit = {}) {
  const std::size_t n = b.size();
  const std::vector<std::vector<std::string>>& deps = b.depends_on();
  Csr g;
  g.offsets.assign(n + 1, 0);
  std::size_t total = 0;
  for (const auto& d : deps) total += d.size();
  g.targets.reserve(total);
  std::size_t dup = 0;
  // Every dependency is looked up in one batch, in backlog order; a row is
  // closed (sorted, duplicates folded) once the answers pass its end.
  std::size_t row = 0, row_first = 0, row_end = n > 0 ? deps[0].size() : 0;  // row's lookups: [row_first, row_end)
  auto close_rows = [&](std::size_t answered) {
    while (row < n && row_end <= answered) {
      auto first = g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[row]);
      if (g.targets.end() - first > 1) {
        std::sort(first, g.targets.end());
        const auto last = std::unique(first, g.targets.end());
        dup += static_cast<std::size_t>(g.targets.end() - last);
        g.targets.erase(last, g.targets.end());
      }
      g.offsets[++row] = g.targets.size();
      row_first = row_end;
      if (row < n) row_end += deps[row].size();
    }
  };
  close_rows(0);
  std::size_t next_row = 0, next_dep = 0;
  auto next_id = [&]() -> std::string_view {
    while (next_dep == deps[next_row].size()) {
      ++next_row;
      next_dep = 0;
      // Each row's strings are their own allocation: start loading a later one.
      if (next_row + 8 < n) prefetch(deps[next_row + 8].data());
    }
    return deps[next_row][next_dep++];
  };
  auto found = [&](std::size_t k, std::int64_t j) {
    const auto fi = static_cast<FeatureIndex>(row);
    visit(fi, k - row_first, j);
    if (j < 0) {
      if (strict)
        throw error(errc::unknown_dependency, "depends on unknown feature '" + deps[row][k - row_first] + "'",
                    Location{b.id(fi), "depends_on", {}, 0, 0});
    } else if (static_cast<FeatureIndex>(j) == fi) {
      if (strict) throw error(errc::self_dependency, "depends on itself", Location{b.id(fi), "depends_on", {}, 0, 0});
    } else {
      g.targets.push_back(static_cast<FeatureIndex>(j));
    }
    close_rows(k + 1);
  };
  BacklogAccess::find_each(b, total, next_id, found);
  if (duplicates) *duplicates = dup;
  return g;
}

/// Strongly connected components (Tarjan, iterative). Returns the component
/// of every node; components are numbered in reverse topological order of the
/// condensation. O(V+E) time and memory.
[[nodiscard]] inline std::vector<std::uint32_t> strong_components(const Csr& g, std::uint32_t* count) {
  const std::size_t n = g.nodes();
  constexpr std::uint32_t unvisited = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> index(n, unvisited), low(n, 0), comp(n, unvisited);
  std::vector<FeatureIndex> stack;
  std::vector<std::pair<FeatureIndex, std::uint64_t>> call;  // node, next edge position
  std::uint32_t next_index = 0, next_comp = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != unvisited) continue;
    call.emplace_back(static_cast<FeatureIndex>(root), g.offsets[root]);
    index[root] = low[root] = next_index++;
    stack.push_back(static_cast<FeatureIndex>(root));
    while (!call.empty()) {
      auto& [v, e] = call.back();
      if (e < g.offsets[static_cast<std::size_t>(v) + 1]) {
        const FeatureIndex w = g.targets[e++];
        if (index[w] == unvisited) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          call.emplace_back(w, g.offsets[w]);
        } else if (comp[w] == unvisited) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const FeatureIndex done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] == index[done]) {
        FeatureIndex w;
        do {
          w = stack.back();
          stack.pop_back();
          comp[w] = next_comp;
        } while (w != done);
        ++next_comp;
      }
    }
  }
  if (count) *count = next_comp;
  return comp;
}

/// One shortest closed path through `start` inside its component, following
/// g's edges; neighbours are visited in id order so that the path does not
/// depend on the order the rows were added. Returns ids, start repeated last.
[[nodiscard]] inline std::vector<std::string> cycle_path(const Csr& g, const std::vector<std::uint32_t>& comp,
                                                         FeatureIndex start, const std::vector<std::string>& ids) {
  const std::uint32_t c = comp[start];
  std::unordered_map<FeatureIndex, FeatureIndex> parent;  // BFS tree over the component only
  std::vector<FeatureIndex> frontier{start}, next;
  auto by_id = [&ids](FeatureIndex a, FeatureIndex b) { return ids[a] < ids[b]; };
  while (!frontier.empty()) {
    next.clear();
    for (const FeatureIndex v : frontier) {
      std::vector<FeatureIndex> nb(g.begin(v), g.end(v));
      std::sort(nb.begin(), nb.end(), by_id);
      for (const FeatureIndex w : nb) {
        if (comp[w] != c) continue;
        if (w == start) {  // closed: walk back from v
          std::vector<std::string> path{ids[start]};
          std::vector<FeatureIndex> rev;
          for (FeatureIndex x = v; x != start; x = parent.at(x)) rev.push_back(x);
          for (auto it = rev.rbegin(); it != rev.rend(); ++it) path.push_back(ids[*it]);
          path.push_back(ids[start]);
          return path;
        }
        if (!parent.emplace(w, v).second) continue;
        next.push_back(w);
      }
    }
    frontier.swap(next);
  }
  return {ids[start], ids[start]};  // unreachable for a component of size > 1
}

/// Components of more than one node, each listed ascending, ordered by their
/// smallest member.
[[nodiscard]] inline std::vector<std::vector<FeatureIndex>> nontrivial_components(const std::vector<std::uint32_t>& comp,
                                                                                  std::uint32_t count) {
  std::vector<std::uint32_t> size(count, 0);
  for (const std::uint32_t c : comp) ++size[c];
  std::vector<std::int64_t> slot(count, -1);
  std::vector<std::vector<FeatureIndex>> out;
  for (std::size_t v = 0; v < comp.size(); ++v) {
    const std::uint32_t c = comp[v];
    if (size[c] < 2) continue;
    if (slot[c] < 0) {
      slot[c] = static_cast<std::int64_t>(out.size());
      out.emplace_back();
    }
    out[static_cast<std::size_t>(slot[c])].push_back(static_cast<FeatureIndex>(v));
  }
  return out;
}

/// Every cycle group as a closed path of ids (arrows read "depends on"),
/// each starting at its smallest id, groups sorted by that id.
[[nodiscard]] inline std::vector<std::vector<std::string>> cycle_paths(const Csr& prereq,
                                                                       const std::vector<std::uint32_t>& comp,
                                                                       const std::vector<std::vector<FeatureIndex>>& groups,
                                                                       const std::vector<std::string>& ids) {
  std::vector<std::vector<std::string>> out;
  out.reserve(groups.size());
  for (const auto& grp : groups) {
    const FeatureIndex start =
        *std::min_element(grp.begin(), grp.end(), [&ids](FeatureIndex a, FeatureIndex b) { return ids[a] < ids[b]; });
    out.push_back(cycle_path(prereq, comp, start, ids));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
  return out;
}

/// "billing -> invoices -> billing".
[[nodiscard]] inline std::string path_text(const std::vector<std::string>& path) {
  std::string s;
  for (std::size_t k = 0; k < path.size(); ++k) {
    if (k) s += " -> ";
    s += path[k];
  }
  return s;
}

/// "2 dependency cycles: billing -> invoices -> billing; a -> b -> c -> a".
[[nodiscard]] inline std::string describe_cycles(const std::vector<std::vector<std::string>>& cycles) {
  std::string s = std::to_string(cycles.size()) + (cycles.size() == 1 ? " dependency cycle: " : " dependency cycles: ");
  for (std::size_t c = 0; c < cycles.size(); ++c) {
    if (c) s += "; ";
    s += path_text(cycles[c]);
  }
  return s;
}

/// Kahn's ready queue that hands nodes out first in, first out.
class FifoReady {
 public:
  void reserve(std::size_t n) { q_.reserve(n); }
  void push(FeatureIndex v) { q_.push_back(v); }
  [[nodiscard]] bool empty() const noexcept { return head_ == q_.size(); }
  FeatureIndex pop() noexcept { return q_[head_++]; }
  /// A node popped soon (not empty): the one `ahead` pops on, or the last
  /// queued; kahn prefetches its edges (the queue's order is known, so the
  /// hint can run further ahead than the next pop).
  [[nodiscard]] FeatureIndex upcoming() const noexcept { return q_[std::min(head_ + ahead, q_.size() - 1)]; }
  /// Every node pushed so far, in push (= pop) order.
  [[nodiscard]] std::vector<FeatureIndex> take() && noexcept { return std::move(q_); }

 private:
  static constexpr std::size_t ahead = 8;
  std::vector<FeatureIndex> q_;
  std::size_t head_ = 0;
};

/// Kahn's ready queue that hands out first the node no other ready node
/// precedes: after(a, b) is true when a must come after b (a binary heap, as
/// std::priority_queue with the same comparator). Give it a strict total order
/// (unique keys) and the pop order does not depend on the push order.
template <class After>
class HeapReady {
 public:
  explicit HeapReady(After after) : after_(std::move(after)) {}
  void reserve(std::size_t n) { h_.reserve(n); }
  void push(FeatureIndex v) {
    h_.push_back(v);
    std::push_heap(h_.begin(), h_.end(), after_);
  }
  [[nodiscard]] bool empty() const noexcept { return h_.empty(); }
  /// The node pop() returns next (not empty): kahn prefetches its edges.
  [[nodiscard]] FeatureIndex upcoming() const noexcept { return h_.front(); }
  FeatureIndex pop() {
    std::pop_heap(h_.begin(), h_.end(), after_);
    const FeatureIndex v = h_.back();
    h_.pop_back();
    return v;
  }

 private:
  After after_;
  std::vector<FeatureIndex> h_;
};

/// Kahn's ready queue that hands out first the node of smallest key, for
/// unique 64-bit keys that name their node: the heap holds the keys
/// themselves, so a comparison reads no other memory (a heap of nodes
/// compared by a key looked up per comparison misses the cache on a big
/// backlog). key_of(v) gives v's key, node_of(key) the node back. The pop
/// order is HeapReady's with the comparator key(a) > key(b).
template <class KeyOf, class NodeOf>
class KeyHeapReady {
 public:
  KeyHeapReady(KeyOf key_of, NodeOf node_of) : key_of_(std::move(key_of)), node_of_(std::move(node_of)) {}
  void reserve(std::size_t n) { h_.reserve(n); }
  void push(FeatureIndex v) {
    h_.push_back(key_of_(v));
    std::push_heap(h_.begin(), h_.end(), std::greater<>());
  }
  [[nodiscard]] bool empty() const noexcept { return h_.empty(); }
  /// The node pop() returns next (not empty): kahn prefetches its edges.
  [[nodiscard]] FeatureIndex upcoming() const { return node_of_(h_.front()); }
  FeatureIndex pop() {
    std::pop_heap(h_.begin(), h_.end(), std::greater<>());
    const std::uint64_t k = h_.back();
    h_.pop_back();
    return node_of_(k);
  }

 private:
  KeyOf key_of_;
  NodeOf node_of_;
  std::vector<std::uint64_t> h_;
};

/// Kahn's ready queue for unique keys below a bound known in advance (rank
/// positions 0..n-1), handed out smallest first: a bitmap of the keys under
/// a summary bitmap per 64 words of the level below, up to one word. push
/// and pop touch one word per level (4 levels at 10^6 keys, the lowest 125
/// KB), where a binary heap of 10^6 keys misses the cache on most of its ~20
/// levels. key_of(v) gives v's key, node_of(key) the node back; the pop
/// order is KeyHeapReady's for the same keys.
template <class KeyOf, class NodeOf>
class BitmapReady {
 public:
  BitmapReady(std::size_t bound, KeyOf key_of, NodeOf node_of) : key_of_(std::move(key_of)), node_of_(std::move(node_of)) {
    std::size_t bits = std::max<std::size_t>(bound, 1);
    do {
      bits = (bits + 63) / 64;
      levels_.emplace_back(bits, 0);
    } while (bits > 1);
  }
  void reserve(std::size_t) noexcept {}
  void push(FeatureIndex v) {
    std::uint64_t k = key_of_(v);
    for (auto& level : levels_) {
      level[k / 64] |= std::uint64_t{1} << (k % 64);
      k /= 64;
    }
    ++size_;
  }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  /// The node pop() returns next (not empty): kahn prefetches its edges.
  [[nodiscard]] FeatureIndex upcoming() const { return node_of_(smallest()); }
  FeatureIndex pop() {
    const std::uint64_t key = smallest();
    std::uint64_t k = key;
    for (auto& level : levels_) {  // clear it, and each summary bit whose word became empty
      if ((level[k / 64] &= ~(std::uint64_t{1} << (k % 64))) != 0) break;
      k /= 64;
    }
    --size_;
    return node_of_(key);
  }

 private:
  [[nodiscard]] std::uint64_t smallest() const noexcept {  // from the top word down: the lowest set bit, word by word
    std::uint64_t key = 0;
    for (std::size_t l = levels_.size(); l-- > 0;)
      key = key * 64 + static_cast<std::uint64_t>(std::countr_zero(levels_[l][key]));
    return key;
  }
  KeyOf key_of_;
  NodeOf node_of_;
  std::vector<std::vector<std::uint64_t>> levels_;  // [0]: one bit per key
  std::size_t size_ = 0;
};

/// Kahn's pass, the one behind every topological order in prio (the FIFO
/// order here, the rank-keyed order of prio::order and prio::plan_sprints,
/// the ratio-keyed pass of value density). The nodes 0..indeg.size()-1 with
/// no prerequisite enter `ready` in index order; then, until ready is empty,
/// the node it pops goes to visit(v), and every successor whose count of
/// unvisited prerequisites (indeg) drops to 0 enters ready, in the order of
/// successors(v) (a contiguous range of nodes). Only the ready queue's policy
/// differs between callers. Nodes on or behind a cycle are never visited.
/// O(V+E) plus the queue's cost.
///
/// On a big graph the nodes come out in no order of memory, so each costs a
/// few cache misses (its successor list, their counts). The counts of v's
/// successors are prefetched together before visit(v), and when the queue
/// can tell a node it hands out soon (upcoming(): the next one for the
/// keyed queues, unless one of v's successors comes first; a few pops on for
/// FIFO) that node's successor list is fetched while v is handled.
template <class Ready, class Successors, class Visit>
void kahn(std::vector<std::uint32_t> indeg, Ready& ready, Successors&& successors, Visit&& visit) {
  ready.reserve(indeg.size());
  for (std::size_t v = 0; v < indeg.size(); ++v)
    if (indeg[v] == 0) ready.push(static_cast<FeatureIndex>(v));
  while (!ready.empty()) {
    const FeatureIndex v = ready.pop();
    if constexpr (requires { ready.upcoming(); }) {
      if (!ready.empty()) prefetch(std::data(successors(ready.upcoming())));
    }
    const auto next = successors(v);
    for (const FeatureIndex w : next) prefetch_for_write(&indeg[w]);
    visit(v);
    for (const FeatureIndex w : next)
      if (--indeg[w] == 0) ready.push(w);
  }
}

/// Kahn's pass over a graph in compressed rows (edges point to dependents).
template <class Ready, class Visit>
void kahn(const Csr& dag, Ready& ready, Visit&& visit) {
  std::vector<std::uint32_t> indeg(dag.nodes(), 0);
  for (const FeatureIndex v : dag.targets) ++indeg[v];
  kahn(
      std::move(indeg), ready, [&dag](FeatureIndex v) { return std::span<const FeatureIndex>(dag.begin(v), dag.end(v)); },
      std::forward<Visit>(visit));
}

/// A topological order (Kahn, FIFO), O(V+E); on a graph with cycles it
/// stops short and leaves out every node on or behind a cycle.
[[nodiscard]] inline std::vector<FeatureIndex> topological(const Csr& dag) {
  FifoReady ready;
  kahn(dag, ready, [](FeatureIndex) {});
  return std::move(ready).take();
}

/// True when g has no cycle: at once, in one pass over the edges, when
/// every edge points to a lower node or every edge to a higher one (a file
/// that lists prerequisites before the features that need them, or after),
/// else by Kahn's pass. O(V+E).
[[nodiscard]] inline bool is_acyclic(const Csr& g) {
  bool down = true, up = true;
  for (std::size_t v = 0; v < g.nodes() && (down || up); ++v)
    for (const FeatureIndex* p = g.begin(v); p != g.end(v); ++p) {
      down = down && *p < v;
      up = up && *p > v;
    }
  return down || up || topological(g).size() == g.nodes();
}

/// The dependency cycles of a backlog (ignoring unknown ids and self
/// references) from its prerequisite rows, as closed paths of ids; empty when
/// there is none.
[[nodiscard]] inline std::vector<std::vector<std::string>> backlog_cycles(const Backlog& b, const Csr& prereq) {
  if (is_acyclic(prereq)) return {};
  std::uint32_t count = 0;
  const auto comp = strong_components(prereq, &count);
  return cycle_paths(prereq, comp, nontrivial_components(comp, count), b.ids());
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
