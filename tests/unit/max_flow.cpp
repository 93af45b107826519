// detail::MaxFlow, the one max-flow behind value-density ordering (closures)
// and the Next Release Problem's bound: the flow against the minimum cut found
// by trying every cut, the returned cut against the minimal minimum cut, a
// reused network against a fresh one, and a chain as deep as a long dependency
// chain makes a closure network.
#include <prio/detail/max_flow.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

using prio::detail::MaxFlow;

namespace {

struct Arc {
  std::size_t u, v;
  double cap;
};

struct Network {
  std::size_t n = 0;  // nodes; s = 0, t = n - 1
  std::vector<Arc> arcs;
};

Network random_network(std::mt19937_64& rng, bool integer) {
  Network g;
  g.n = 3 + rng() % 7;  // 3..9 nodes
  const std::size_t m = rng() % (3 * g.n);
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t u = rng() % g.n, v = rng() % g.n;
    if (u == v) continue;
    double cap = integer ? static_cast<double>(rng() % 10) : std::ldexp(static_cast<double>(rng() >> 11), -53) * 10;
    if (rng() % 8 == 0) cap = 1000;  // the "infinite" arcs of a closure network
    g.arcs.push_back({u, v, cap});
  }
  return g;
}

MaxFlow build(const Network& g) {
  MaxFlow f(g.n);
  for (const auto& a : g.arcs) f.add_arc(a.u, a.v, a.cap);
  return f;
}

// Every cut (s on one side, t on the other): the smallest capacity and the
// intersection of the source sides of all cuts within tol of it (the minimal
// minimum cut).
struct BruteCut {
  double capacity = INFINITY;
  std::vector<char> minimal;
};

BruteCut brute_min_cut(const Network& g, double tol) {
  const std::size_t inner = g.n - 2;
  std::vector<double> cut_of(std::size_t{1} << inner);
  BruteCut out;
  for (std::size_t mask = 0; mask < cut_of.size(); ++mask) {
    auto side = [&](std::size_t v) { return v == 0 || (v != g.n - 1 && ((mask >> (v - 1)) & 1U)); };
    double c = 0;
    for (const auto& a : g.arcs)
      if (side(a.u) && !side(a.v)) c += a.cap;
    cut_of[mask] = c;
    out.capacity = std::min(out.capacity, c);
  }
  std::size_t minimal = cut_of.size() - 1;
  for (std::size_t mask = 0; mask < cut_of.size(); ++mask)
    if (cut_of[mask] <= out.capacity + tol) minimal &= mask;
  out.minimal.assign(g.n, 0);
  out.minimal[0] = 1;
  for (std::size_t v = 1; v + 1 < g.n; ++v) out.minimal[v] = static_cast<char>((minimal >> (v - 1)) & 1U);
  return out;
}

}  // namespace

TEST_CASE("max flow equals the minimum cut, and the source side is the minimal minimum cut (integer capacities)") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 1500; ++round) {
    const Network g = random_network(rng, true);
    INFO("round " << round << ", " << g.n << " nodes, " << g.arcs.size() << " arcs");
    MaxFlow f = build(g);
    const double flow = f.run(0, g.n - 1);
    const BruteCut cut = brute_min_cut(g, 1e-9);
    REQUIRE(flow == cut.capacity);  // sums of small integers are exact
    CHECK(f.source_side(0, 1e-9) == cut.minimal);
  }
}

TEST_CASE("max flow with real capacities: the flow is the minimum cut's capacity, the cut is a minimum cut") {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 1500; ++round) {
    const Network g = random_network(rng, false);
    INFO("round " << round);
    MaxFlow f = build(g);
    const double flow = f.run(0, g.n - 1);
    const BruteCut cut = brute_min_cut(g, 1e-9);
    REQUIRE(std::abs(flow - cut.capacity) <= 1e-9 * (1 + cut.capacity));
    const auto side = f.source_side(0, 1e-12);
    double c = 0;
    for (const auto& a : g.arcs)
      if (side[a.u] && !side[a.v]) c += a.cap;
    CHECK(std::abs(c - cut.capacity) <= 1e-9 * (1 + cut.capacity));
    CHECK_FALSE(side[g.n - 1]);
  }
}

TEST_CASE("a network reused with new capacities (set_capacity) or rebuilt in place (reset) gives a fresh network's answer") {
  std::mt19937_64 rng(3);
  MaxFlow reused;
  for (int round = 0; round < 500; ++round) {
    Network g = random_network(rng, true);
    MaxFlow f = build(g);
    std::vector<std::size_t> ids;
    for (const auto& a : g.arcs) ids.push_back(f.add_arc(a.u, a.v, 0));  // twins, at capacity 0 for now
    REQUIRE(f.run(0, g.n - 1) == brute_min_cut(g, 1e-9).capacity);
    // Raise the twins to new capacities: the network now carries both sets of arcs.
    Network both = g;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const double cap = static_cast<double>(rng() % 5);
      f.set_capacity(ids[i], cap);
      both.arcs.push_back({g.arcs[i].u, g.arcs[i].v, cap});
    }
    const BruteCut cut = brute_min_cut(both, 1e-9);
    REQUIRE(f.run(0, g.n - 1) == cut.capacity);
    CHECK(f.source_side(0, 1e-9) == cut.minimal);
    // The same network built again in storage used by earlier rounds.
    reused.reset(both.n);
    for (const auto& a : both.arcs) reused.add_arc(a.u, a.v, a.cap);
    CHECK(reused.run(0, both.n - 1) == cut.capacity);
    CHECK(reused.source_side(0, 1e-9) == cut.minimal);
  }
}

TEST_CASE("a chain of 300,000 arcs: one augmenting path as long as the chain") {
  // A dependency chain makes a closure network this deep; a search that
  // recursed once per node would overflow the call stack.
  const std::size_t n = 300'001;
  MaxFlow f(n);
  double smallest = INFINITY;
  for (std::size_t v = 0; v + 1 < n; ++v) {
    const double cap = 2.0 + static_cast<double>((v * 7919) % 1000);
    smallest = std::min(smallest, cap);
    f.add_arc(v, v + 1, cap);
  }
  CHECK(f.run(0, n - 1) == smallest);
  const auto side = f.source_side(0, 1e-9);
  // The cut is at the first arc of the smallest capacity (v * 7919 % 1000 == 0: v = 0).
  CHECK(side[0] == 1);
  CHECK(side[1] == 0);
}

TEST_CASE("a resumed cut (arcs out of s changed, arcs into t raised, the sink side joined to t) gives a fresh network's answer") {
  // The parametric chains of value-density ordering: each cut resumes the
  // last one's preflow instead of starting over. The fresh network merges the
  // joined nodes into t.
  std::mt19937_64 rng(5);
  int resumed = 0, moved = 0;
  for (int round = 0; round < 1500; ++round) {
    Network g = random_network(rng, true);
    const std::size_t s = 0, t = g.n - 1;
    for (std::size_t v = 1; v < t; ++v) {  // every node gets arcs from s and to t, as a closure network has
      g.arcs.push_back({s, v, static_cast<double>(rng() % 10)});
      g.arcs.push_back({v, t, static_cast<double>(rng() % 10)});
    }
    MaxFlow f = build(g);
    double flow = f.run(s, t);
    std::vector<char> joined(g.n, 0);
    for (int step = 0; step < 4; ++step) {
      INFO("round " << round << ", step " << step);
      // The answer so far against the network with the joined nodes merged into t.
      Network merged{g.n, {}};
      for (const auto& a : g.arcs) {
        const std::size_t u = joined[a.u] ? t : a.u, v = joined[a.v] ? t : a.v;
        if (u != v && u != t) merged.arcs.push_back({u, v, a.cap});
      }
      const BruteCut cut = brute_min_cut(merged, 1e-9);
      REQUIRE(flow == cut.capacity);
      const auto side = f.source_side(s, 1e-9);
      CHECK(side == cut.minimal);
      if (step == 3) break;
      // Join the sink side, then move the cut towards t.
      f.join_sink_side(side);
      for (std::size_t v = 0; v < g.n; ++v)
        if (!side[v]) joined[v] = 1;
      for (std::size_t i = 0; i < g.arcs.size(); ++i) {
        auto& a = g.arcs[i];
        if (rng() % 3 != 0) continue;
        double cap = a.cap;
        if (a.u == s && !joined[a.v]) cap = static_cast<double>(rng() % 10);  // anything
        else if (a.v == t || joined[a.v] || a.u != s) cap += static_cast<double>(rng() % 4);  // only raised
        if (cap != a.cap) ++moved;
        a.cap = cap;
        f.set_capacity(i, cap);
      }
      flow = f.resume();
      ++resumed;
    }
  }
  CHECK(resumed > 3000);
  CHECK(moved > 10000);
}
