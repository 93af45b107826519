// detail::min_closure, the minimum cut behind value-density ordering, against
// every closed set of small networks: the answer must be the smallest closed
// set of maximum value. The networks are rich in dependency chains (which
// min_closure contracts before the flow) and branch points, and weights tie
// often (whole numbers). A resumed cut (the head of the last one at a higher
// lambda) must answer as a fresh one.
#include <prio/detail/closure.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

using prio::detail::ClosureProblem;
using prio::detail::ClosureScratch;

namespace {

// n nodes: mostly chains (node v needs v - 1), sometimes a random earlier node
// instead or as well, sometimes nothing.
ClosureProblem random_problem(std::mt19937_64& rng, std::size_t n) {
  ClosureProblem cp;
  cp.w.resize(n);
  cp.p.resize(n);
  cp.pre.assign(n, {});
  for (std::size_t v = 0; v < n; ++v) {
    cp.w[v] = static_cast<double>(rng() % 9);
    cp.p[v] = static_cast<double>(1 + rng() % 4);
    if (v == 0) continue;
    const auto kind = rng() % 8;
    if (kind < 5) cp.pre[v].push_back(static_cast<std::uint32_t>(v - 1));
    if (kind == 5 || kind == 6) cp.pre[v].push_back(static_cast<std::uint32_t>(rng() % v));
    if (kind == 6 && v > 1) {
      const auto u = static_cast<std::uint32_t>(rng() % v);
      if (u != cp.pre[v].front()) cp.pre[v].push_back(u);
    }
  }
  return cp;
}

// The smallest closed subset of `nodes` (prerequisites outside it ignored) of
// maximum sum(w - lambda p): the intersection of all maximum ones.
std::vector<char> brute_closure(const ClosureProblem& cp, const std::vector<std::uint32_t>& nodes, double lambda) {
  const std::size_t k = nodes.size();
  std::vector<int> at(cp.w.size(), -1);
  for (std::size_t a = 0; a < k; ++a) at[nodes[a]] = static_cast<int>(a);
  double best = -1;
  std::uint32_t meet = 0;
  for (std::uint32_t mask = 0; mask < (1U << k); ++mask) {
    bool closed = true;
    double value = 0;
    for (std::size_t a = 0; a < k && closed; ++a) {
      if (!((mask >> a) & 1U)) continue;
      value += cp.w[nodes[a]] - lambda * cp.p[nodes[a]];
      for (const std::uint32_t u : cp.pre[nodes[a]])
        if (at[u] >= 0 && !((mask >> at[u]) & 1U)) closed = false;
    }
    if (!closed) continue;
    if (value > best) {
      best = value;
      meet = mask;
    } else if (value == best) {
      meet &= mask;
    }
  }
  std::vector<char> out(cp.w.size(), 0);
  for (std::size_t a = 0; a < k; ++a) out[nodes[a]] = static_cast<char>((meet >> a) & 1U);
  return out;
}

std::vector<char> marks(const ClosureScratch& sc, const std::vector<std::uint32_t>& nodes, std::size_t n) {
  std::vector<char> out(n, 0);
  for (const std::uint32_t v : nodes) out[v] = sc.in_set[v];
  return out;
}

}  // namespace

TEST_CASE("min_closure is the smallest maximum closed set, chains contracted or not, fresh or resumed") {
  std::mt19937_64 rng(17);
  int resumed = 0, contracted = 0, warm = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = 2 + rng() % 13;
    const ClosureProblem cp = random_problem(rng, n);
    // A subset of the nodes (prerequisites outside it count as scheduled).
    std::vector<std::uint32_t> nodes;
    for (std::uint32_t v = 0; v < n; ++v)
      if (rng() % 6 != 0) nodes.push_back(v);
    if (nodes.empty()) continue;
    ClosureScratch sc(n);
    const double lambda = static_cast<double>(rng() % 9) / 2;  // halves: sums stay exact
    INFO("round " << round << ", " << n << " nodes, lambda " << lambda);
    prio::detail::min_closure(cp, nodes, lambda, sc);
    REQUIRE(marks(sc, nodes, n) == brute_closure(cp, nodes, lambda));
    contracted += sc.contracted ? 1 : 0;
    // The head at a higher lambda, resumed from this cut.
    std::vector<std::uint32_t> head;
    for (const std::uint32_t v : nodes)
      if (sc.in_set[v]) head.push_back(v);
    if (head.empty()) continue;
    const double higher = lambda + static_cast<double>(1 + rng() % 4) / 2;
    warm += sc.contracted ? 0 : 1;  // a contracted network is cut afresh
    prio::detail::min_closure(cp, head, higher, sc, true);
    CHECK(marks(sc, head, n) == brute_closure(cp, head, higher));
    ++resumed;
  }
  CHECK(contracted > 500);
  CHECK(resumed > 500);
  CHECK(warm > 300);
}
