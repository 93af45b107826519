// Next Release Problem solver: exact answers against brute force over every
// requirement subset, heuristic answers bounded by them, and input checks.
#include <catch2/catch.hpp>

#include <prio/release.hpp>

#include <cstdint>
#include <random>
#include <vector>

namespace {

std::size_t below(std::mt19937_64& rng, std::size_t n) { return static_cast<std::size_t>(rng() % n); }

// A random instance: prerequisites only point to lower indices, then the ids
// are shuffled so the order carries no hint; some requirements cost nothing,
// some carry a value of their own.
prio::NrpInstance random_instance(std::mt19937_64& rng, std::size_t n, std::size_t bundles) {
  prio::NrpInstance in;
  std::vector<std::uint32_t> perm(n);
  for (std::size_t i = 0; i < n; ++i) perm[i] = static_cast<std::uint32_t>(i);
  for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[below(rng, i)]);
  in.cost.resize(n);
  in.prerequisites.resize(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    in.cost[perm[i]] = below(rng, 5) == 0 ? 0.0 : static_cast<double>(1 + below(rng, 9));
    total += in.cost[perm[i]];
    for (std::size_t j = 0; j < i; ++j)
      if (below(rng, 6) == 0) in.prerequisites[perm[i]].push_back(perm[j]);
  }
  if (below(rng, 2) == 0) {
    in.feature_value.resize(n);
    for (auto& v : in.feature_value) v = below(rng, 3) == 0 ? static_cast<double>(below(rng, 6)) : 0.0;
  }
  for (std::size_t b = 0; b < bundles; ++b) {
    prio::NrpBundle bu;
    bu.value = static_cast<double>(below(rng, 30));
    const std::size_t k = 1 + below(rng, 3);
    for (std::size_t j = 0; j < k; ++j) bu.features.push_back(static_cast<std::uint32_t>(below(rng, n)));
    in.bundles.push_back(bu);
  }
  in.budget = static_cast<double>(below(rng, static_cast<std::size_t>(total) + 2));
  return in;
}

bool closed(const prio::NrpInstance& in, const std::vector<char>& s) {
  for (std::size_t r = 0; r < in.cost.size(); ++r)
    if (s[r])
      for (const auto q : in.prerequisites[r])
        if (!s[q]) return false;
  return true;
}

double value_of(const prio::NrpInstance& in, const std::vector<char>& s) {
  double v = 0;
  for (const auto& b : in.bundles) {
    bool all = true;
    for (const auto r : b.features) all = all && s[r];
    if (all) v += b.value;
  }
  for (std::size_t r = 0; r < in.feature_value.size(); ++r)
    if (s[r]) v += in.feature_value[r];
  return v;
}

double brute_force(const prio::NrpInstance& in) {
  const std::size_t n = in.cost.size();
  double best = 0;
  std::vector<char> s(n);
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << n); ++mask) {
    double cost = 0;
    for (std::size_t r = 0; r < n; ++r) {
      s[r] = static_cast<char>((mask >> r) & 1U);
      if (s[r]) cost += in.cost[r];
    }
    if (cost > in.budget || !closed(in, s)) continue;
    best = std::max(best, value_of(in, s));
  }
  return best;
}

// The answer is self-consistent: closed, within budget, value and satisfied
// list recomputed from the instance.
void check_consistent(const prio::NrpInstance& in, const prio::NrpSolution& sol) {
  std::vector<char> s(in.cost.size(), 0);
  double cost = 0;
  for (const auto r : sol.selected) {
    s[r] = 1;
    cost += in.cost[r];
  }
  REQUIRE(closed(in, s));
  REQUIRE(cost == sol.cost);
  REQUIRE(cost <= in.budget);
  REQUIRE(value_of(in, s) == sol.value);
  std::vector<std::uint32_t> satisfied;
  for (std::size_t b = 0; b < in.bundles.size(); ++b) {
    bool all = true;
    for (const auto r : in.bundles[b].features) all = all && s[r];
    if (all) satisfied.push_back(static_cast<std::uint32_t>(b));
  }
  REQUIRE(satisfied == sol.satisfied);
  REQUIRE(sol.bound.has_value());
  REQUIRE(*sol.bound >= sol.value);
}

}  // namespace

TEST_CASE("solve_nrp finds the brute-force optimum on small random instances") {
  std::mt19937_64 rng(20240611);
  prio::ReleaseOptions opt;
  opt.iterations = 2000;
  for (int trial = 0; trial < 150; ++trial) {
    const auto in = random_instance(rng, 1 + below(rng, 12), below(rng, 9));
    const double best = brute_force(in);
    const auto sol = prio::solve_nrp(in, opt);
    INFO("trial " << trial);
    check_consistent(in, sol);
    REQUIRE(sol.optimal);
    REQUIRE(sol.value == best);
  }
}

TEST_CASE("the heuristic alone never beats the optimum, and its bound never falls below it") {
  std::mt19937_64 rng(99);
  prio::ReleaseOptions opt;
  opt.iterations = 300;
  opt.exact_nodes = 0;
  int reached = 0;
  for (int trial = 0; trial < 100; ++trial) {
    const auto in = random_instance(rng, 4 + below(rng, 9), 2 + below(rng, 8));
    const double best = brute_force(in);
    const auto sol = prio::solve_nrp(in, opt);
    INFO("trial " << trial);
    check_consistent(in, sol);
    REQUIRE(sol.value <= best);
    REQUIRE(*sol.bound >= best - 1e-9);
    if (sol.optimal) REQUIRE(sol.value == best);
    reached += sol.value == best ? 1 : 0;
  }
  // A search that finds nothing would still pass the checks above.
  REQUIRE(reached >= 90);
}

TEST_CASE("solve_nrp: same input and seed give the same answer") {
  std::mt19937_64 rng(7);
  const auto in = random_instance(rng, 12, 8);
  prio::ReleaseOptions opt;
  opt.iterations = 500;
  opt.exact_nodes = 0;
  opt.seed = 42;
  const auto a = prio::solve_nrp(in, opt), b = prio::solve_nrp(in, opt);
  REQUIRE(a.selected == b.selected);
  REQUIRE(a.value == b.value);
}

TEST_CASE("solve_nrp: a bundle needs the prerequisites of its features, cycles included") {
  prio::NrpInstance in;
  in.cost = {2, 3, 4, 1};
  in.prerequisites = {{2}, {0}, {1}, {}};  // 0 -> 2 -> 1 -> 0: a cycle ships all or nothing
  in.bundles = {{10, {2}}, {4, {3}}};
  in.budget = 9;
  auto sol = prio::solve_nrp(in);
  REQUIRE(sol.value == 10);
  REQUIRE(sol.selected == std::vector<std::uint32_t>{0, 1, 2});
  REQUIRE(sol.satisfied == std::vector<std::uint32_t>{0});
  in.budget = 8;
  REQUIRE(prio::solve_nrp(in).value == 4);
  in.budget = 10;
  sol = prio::solve_nrp(in);
  REQUIRE(sol.value == 14);
  REQUIRE(sol.optimal);
  in.budget = 9.5;  // real budgets work too
  REQUIRE(prio::solve_nrp(in).value == 10);
}

TEST_CASE("solve_nrp: empty and degenerate instances") {
  prio::NrpInstance in;
  auto sol = prio::solve_nrp(in);
  REQUIRE(sol.value == 0);
  REQUIRE(sol.selected.empty());
  in.cost = {0, 5};
  in.bundles = {{3, {0}}, {0, {1}}};
  sol = prio::solve_nrp(in);  // budget 0: the free requirement still delivers its bundle
  REQUIRE(sol.value == 3);
  REQUIRE(sol.selected == std::vector<std::uint32_t>{0});
  REQUIRE(sol.satisfied == std::vector<std::uint32_t>{0});
}

TEST_CASE("solve_nrp rejects invalid instances with the field named") {
  prio::NrpInstance in;
  in.cost = {1, -2};
  REQUIRE_THROWS_MATCHES(prio::solve_nrp(in), prio::error, Catch::Matchers::Predicate<prio::error>([](const prio::error& e) {
                           return e.code() == prio::errc::invalid_value && e.field() == "cost" && e.feature() == "#2";
                         }));
  in.cost = {1, 2};
  in.bundles = {{5, {2}}};
  REQUIRE_THROWS_AS(prio::solve_nrp(in), prio::error);
  in.bundles = {{5, {1}}};
  in.prerequisites = {{7}, {}};
  REQUIRE_THROWS_MATCHES(prio::solve_nrp(in), prio::error, Catch::Matchers::Predicate<prio::error>([](const prio::error& e) {
                           return e.code() == prio::errc::unknown_dependency;
                         }));
  in.prerequisites.clear();
  in.budget = -1;
  REQUIRE_THROWS_AS(prio::solve_nrp(in), prio::error);
}

TEST_CASE("select_release on a backlog: bundles, prerequisites, Won't features, errors") {
  prio::Backlog b;
  b.add({.id = "sso", .attributes = {{"effort", 5}}});
  b.add({.id = "audit", .attributes = {{"effort", 3}}, .depends_on = {"logging"}});
  b.add({.id = "logging", .attributes = {{"effort", 2}}});
  b.add({.id = "dark-mode", .attributes = {{"effort", 1}, {"value", 4}}});
  b.add({.id = "blockchain", .attributes = {{"effort", 1}}, .moscow = prio::Moscow::wont});
  const prio::DependencyGraph g(b);
  const std::vector<prio::Bundle> bundles{{"acme", 100, {"sso", "audit"}}, {"globex", 30, {"logging"}}, {"hype", 500, {"blockchain"}}};
  prio::ReleaseAttributes attr;
  attr.value = "value";
  // sso + audit + logging = 10: acme and globex (130) plus dark mode if it fits.
  auto r = prio::select_release(b, g, bundles, 10, {}, attr);
  CHECK(r.value == 130);
  CHECK(r.features == std::vector<prio::FeatureIndex>{0, 1, 2});
  CHECK(r.bundles == std::vector<std::size_t>{0, 1});
  CHECK(r.optimal);
  r = prio::select_release(b, g, bundles, 11, {}, attr);
  CHECK(r.value == 134);
  CHECK(r.cost == 11);
  r = prio::select_release(b, g, bundles, 9, {}, attr);
  CHECK(r.value == 34);  // acme does not fit: logging + dark mode
  CHECK_THROWS_MATCHES(prio::select_release(b, g, {{"bad", 1, {"nope"}}}, 5), prio::error,
                       Catch::Matchers::Predicate<prio::error>([](const prio::error& e) {
                         return e.code() == prio::errc::unknown_feature && e.feature() == "bad";
                       }));
  prio::Backlog missing;
  missing.add({.id = "x", .attributes = {{"value", 1}}});
  missing.add({.id = "y", .attributes = {{"effort", 1}}});
  CHECK_THROWS_MATCHES(prio::select_release(missing, prio::DependencyGraph(missing), {}, 5), prio::error,
                       Catch::Matchers::Predicate<prio::error>([](const prio::error& e) {
                         return e.code() == prio::errc::missing_value && e.feature() == "x" && e.field() == "effort";
                       }));
}
