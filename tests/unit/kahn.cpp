// detail::kahn, the one Kahn pass behind topological (FIFO), order/plan
// (a heap keyed by rank) and value density (a heap keyed by ratio), against
// brute-force references on generated graphs.
#include <prio/graph.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "graph_support.hpp"

using prio::FeatureIndex;
using prio::detail::Csr;
using namespace prio_test;

namespace {

Csr csr_of(std::uint32_t n, const std::vector<Edge>& edges) {
  Csr g;
  g.offsets.assign(n + 1, 0);
  for (const auto& [u, v] : edges) ++g.offsets[u + 1];
  for (std::uint32_t v = 0; v < n; ++v) g.offsets[v + 1] += g.offsets[v];
  g.targets.resize(edges.size());
  std::vector<std::uint64_t> fill(g.offsets.begin(), g.offsets.end() - 1);
  for (const auto& [u, v] : edges) g.targets[fill[u]++] = v;
  return g;
}

// The reference: repeatedly scan every node and take the unvisited one of
// smallest key whose prerequisites are all visited. O(n^2 + n E).
std::vector<FeatureIndex> smallest_key_ready(std::uint32_t n, const std::vector<Edge>& edges,
                                             const std::vector<std::uint64_t>& key) {
  std::vector<char> done(n, 0);
  std::vector<FeatureIndex> out;
  for (;;) {
    std::uint32_t best = n;
    for (std::uint32_t v = 0; v < n; ++v) {
      if (done[v]) continue;
      bool ready = true;
      for (const auto& [a, b] : edges)
        if (b == v && !done[a]) ready = false;
      if (ready && (best == n || key[v] < key[best])) best = v;
    }
    if (best == n) return out;
    done[best] = 1;
    out.push_back(best);
  }
}

// Nodes on a cycle or reachable from one: exactly those Kahn never visits.
std::vector<char> behind_a_cycle(std::uint32_t n, const std::vector<Edge>& edges) {
  const auto r = reachability(n, edges);
  std::vector<char> out(n, 0);
  for (std::uint32_t c = 0; c < n; ++c)
    if (r[c][c])
      for (std::uint32_t v = 0; v < n; ++v)
        if (v == c || r[c][v]) out[v] = 1;
  return out;
}

// Graphs of every shape the generators make, some with cycles added.
std::vector<Edge> some_graph(Rng& rng, std::uint32_t n, int shape) {
  std::vector<Edge> e;
  switch (shape % 5) {
    case 0: e = random_dag(rng, n, 0.15); break;
    case 1: e = layered(rng, n, 4, 0.3); break;
    case 2: e = tree(rng, n, rng.uniform() < 0.5); break;
    case 3: e = chains(rng, n); break;
    default: series_parallel(rng, 0, n, e); break;
  }
  if (shape >= 5 && n > 1) {  // a few back edges: cycles
    const std::uint32_t extra = 1 + rng.below(3);
    for (std::uint32_t k = 0; k < extra; ++k) {
      const std::uint32_t u = rng.below(n), v = rng.below(n);
      if (u != v) e.emplace_back(u, v);
    }
  }
  return e;
}

}  // namespace

TEST_CASE("kahn with a keyed heap pops the smallest-key ready node (generated graphs, with and without cycles)") {
  Rng rng(20261127);
  int graphs = 0;
  for (int round = 0; round < 600; ++round) {
    const std::uint32_t n = 1 + rng.below(40);
    const auto edges = some_graph(rng, n, round % 10);
    const Csr g = csr_of(n, edges);
    // Unique keys, as rank positions are: a random permutation, sometimes
    // with a high part in front (inherited priority) that ties often.
    std::vector<std::uint64_t> key(n);
    std::vector<std::uint32_t> perm(n);
    for (std::uint32_t v = 0; v < n; ++v) perm[v] = v;
    rng.shuffle(perm);
    const bool two_part = round % 3 == 0;
    for (std::uint32_t v = 0; v < n; ++v)
      key[v] = (two_part ? std::uint64_t{rng.below(4)} << 32 : 0) | perm[v];
    prio::detail::HeapReady ready([&key](FeatureIndex a, FeatureIndex b) { return key[a] > key[b]; });
    std::vector<FeatureIndex> got;
    prio::detail::kahn(g, ready, [&got](FeatureIndex v) { got.push_back(v); });
    const auto want = smallest_key_ready(n, edges, key);
    REQUIRE(got == want);
    // The heap of keys (prio::order's queue): keys that name their node.
    std::vector<FeatureIndex> node_of_perm(n);
    for (std::uint32_t v = 0; v < n; ++v) node_of_perm[perm[v]] = v;
    prio::detail::KeyHeapReady keyed([&key](FeatureIndex v) { return key[v]; },
                                     [&node_of_perm](std::uint64_t k) { return node_of_perm[static_cast<std::uint32_t>(k)]; });
    std::vector<FeatureIndex> got_keyed;
    prio::detail::kahn(g, keyed, [&got_keyed](FeatureIndex v) { got_keyed.push_back(v); });
    REQUIRE(got_keyed == want);
    // The bitmap of rank positions (prio::order's greedy queue): keys below n.
    if (!two_part) {
      prio::detail::BitmapReady bitmap(n, [&key](FeatureIndex v) { return key[v]; },
                                       [&node_of_perm](std::uint64_t k) { return node_of_perm[static_cast<std::uint32_t>(k)]; });
      std::vector<FeatureIndex> got_bitmap;
      prio::detail::kahn(g, bitmap, [&got_bitmap](FeatureIndex v) { got_bitmap.push_back(v); });
      REQUIRE(got_bitmap == want);
    }
    // Nodes left out are exactly those on or behind a cycle.
    const auto cyc = behind_a_cycle(n, edges);
    CHECK(got.size() == static_cast<std::size_t>(std::count(cyc.begin(), cyc.end(), 0)));
    for (const FeatureIndex v : got) CHECK(cyc[v] == 0);
    ++graphs;
  }
  CHECK(graphs == 600);
}

TEST_CASE("the bitmap ready queue pops the smallest key pushed (upcoming() names it first), as a heap does, across its word and level edges") {
  Rng rng(7);
  // Bounds at the edges of a word (64), of two levels (4096) and of three
  // (262144), and one key: every level count from 1 to 4.
  for (const std::uint32_t bound : {1u, 2u, 63u, 64u, 65u, 4095u, 4096u, 4097u, 262144u, 262145u, 300000u}) {
    std::vector<FeatureIndex> perm(bound);
    for (std::uint32_t v = 0; v < bound; ++v) perm[v] = v;
    rng.shuffle(perm);  // node v has key perm[v]
    std::vector<FeatureIndex> node_of(bound);
    for (std::uint32_t v = 0; v < bound; ++v) node_of[perm[v]] = v;
    prio::detail::BitmapReady ready(bound, [&perm](FeatureIndex v) { return std::uint64_t{perm[v]}; },
                                    [&node_of](std::uint64_t k) { return node_of[static_cast<std::uint32_t>(k)]; });
    std::vector<std::uint64_t> heap;  // the reference: keys, smallest on top
    std::uint32_t next = 0, popped = 0;
    while (next < bound || !heap.empty()) {
      // Push a random run of nodes (in node order, so keys come in any
      // order), then pop a random run; sometimes push everything first.
      const std::uint32_t pushes = bound - next <= 3 || rng.below(4) == 0 ? bound - next : rng.below(bound - next);
      for (std::uint32_t i = 0; i < pushes; ++i, ++next) {
        ready.push(next);
        heap.push_back(perm[next]);
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
      }
      for (std::uint32_t pops = 1 + rng.below(static_cast<std::uint32_t>(heap.size())); pops > 0 && !heap.empty(); --pops) {
        REQUIRE_FALSE(ready.empty());
        std::pop_heap(heap.begin(), heap.end(), std::greater<>());
        const std::uint64_t want = heap.back();
        heap.pop_back();
        const FeatureIndex soon = ready.upcoming();
        const FeatureIndex v = ready.pop();
        REQUIRE(soon == v);
        REQUIRE(perm[v] == want);
        ++popped;
      }
    }
    CHECK(ready.empty());
    CHECK(popped == bound);
  }
}

TEST_CASE("kahn through a local index (value density's pass) pops the same order as keyed by the node") {
  // by_ratio runs on positions in a subset x and maps back: the order must be
  // the reference order of the induced subgraph keyed by (ratio desc, tiebreak).
  Rng rng(7);
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 2 + rng.below(30);
    const auto edges = random_dag(rng, n, 0.2);
    std::vector<std::uint32_t> x;
    for (std::uint32_t v = 0; v < n; ++v)
      if (rng.uniform() < 0.7) x.push_back(v);
    rng.shuffle(x);
    std::vector<std::int32_t> local(n, -1);
    for (std::size_t a = 0; a < x.size(); ++a) local[x[a]] = static_cast<std::int32_t>(a);
    std::vector<double> ratio(n);
    for (auto& r : ratio) r = static_cast<double>(rng.below(5));  // many ties
    std::vector<std::uint32_t> tiebreak(n);
    for (std::uint32_t v = 0; v < n; ++v) tiebreak[v] = v;
    rng.shuffle(tiebreak);

    std::vector<std::uint32_t> indeg(x.size(), 0);
    std::vector<std::vector<std::uint32_t>> dep(x.size());
    std::vector<Edge> induced;
    for (const auto& [u, v] : edges)
      if (local[u] >= 0 && local[v] >= 0) {
        dep[static_cast<std::size_t>(local[u])].push_back(static_cast<std::uint32_t>(local[v]));
        ++indeg[static_cast<std::size_t>(local[v])];
        induced.emplace_back(u, v);
      }
    prio::detail::HeapReady ready([&](FeatureIndex la, FeatureIndex lb) {
      const std::uint32_t a = x[la], b = x[lb];
      if (ratio[a] != ratio[b]) return ratio[a] < ratio[b];
      return tiebreak[a] > tiebreak[b];
    });
    std::vector<FeatureIndex> got;
    prio::detail::kahn(
        indeg, ready, [&dep](FeatureIndex la) { return std::span<const std::uint32_t>(dep[la]); },
        [&](FeatureIndex la) { got.push_back(x[la]); });

    // Reference over the whole node set: nodes outside x come last (key high)
    // and are cut off; inside, key = (4 - ratio, tiebreak).
    std::vector<std::uint64_t> key(n);
    for (std::uint32_t v = 0; v < n; ++v)
      key[v] = local[v] < 0 ? ~std::uint64_t{0} - v
                            : (static_cast<std::uint64_t>(4 - ratio[v]) << 32) | tiebreak[v];
    auto want = smallest_key_ready(n, induced, key);
    want.resize(x.size());
    REQUIRE(got == want);
  }
}

TEST_CASE("topological is Kahn first-in first-out: the textbook queue order, cycles left out") {
  Rng rng(99);
  for (int round = 0; round < 600; ++round) {
    const std::uint32_t n = 1 + rng.below(40);
    const auto edges = some_graph(rng, n, round % 10);
    const Csr g = csr_of(n, edges);
    // The textbook pass, written out: a queue seeded in index order.
    std::vector<std::uint32_t> indeg(n, 0);
    for (const auto& [u, v] : edges) ++indeg[v];
    std::vector<FeatureIndex> q;
    for (std::uint32_t v = 0; v < n; ++v)
      if (indeg[v] == 0) q.push_back(v);
    for (std::size_t h = 0; h < q.size(); ++h)
      for (const FeatureIndex* p = g.begin(q[h]); p != g.end(q[h]); ++p)
        if (--indeg[*p] == 0) q.push_back(*p);
    const auto got = prio::detail::topological(g);
    REQUIRE(got == q);
    const auto cyc = behind_a_cycle(n, edges);
    CHECK(prio::detail::is_acyclic(g) == (std::count(cyc.begin(), cyc.end(), 1) == 0));
    std::vector<std::size_t> at(n, n);
    for (std::size_t k = 0; k < got.size(); ++k) at[got[k]] = k;
    for (const auto& [u, v] : edges)
      if (!cyc[u] && !cyc[v]) CHECK(at[u] < at[v]);
  }
}

TEST_CASE("is_acyclic: graphs whose edges all point down (or up) are acyclic at once; one edge the other way may close a cycle") {
  Rng rng(7);
  for (int round = 0; round < 600; ++round) {
    const std::uint32_t n = 2 + rng.below(40);
    std::vector<Edge> e;
    for (std::uint32_t v = 1; v < n; ++v)
      for (std::uint32_t k = rng.below(3); k > 0; --k) e.emplace_back(v, rng.below(v));  // v -> a lower node
    if (round % 2 == 1)
      for (auto& [u, v] : e) std::swap(u, v);  // every edge up
    if (round % 3 == 0 && !e.empty()) {  // one edge the other way: a cycle when its ends are connected
      const auto [u, v] = e[rng.below(static_cast<std::uint32_t>(e.size()))];
      const std::uint32_t w = rng.below(n);
      e.emplace_back(rng.below(2) == 0 ? v : w, u);
    }
    rng.shuffle(e);  // rows in any order: the check must not assume sorted rows
    const auto cyc = behind_a_cycle(n, e);
    INFO("round " << round);
    CHECK(prio::detail::is_acyclic(csr_of(n, e)) == (std::count(cyc.begin(), cyc.end(), 1) == 0));
  }
}
