// prio::order: greedy, inherited and value density, against outside references
// (networkx, brute force, an exact dynamic program) and over generated DAGs.
#include <prio/order.hpp>
#include <prio/score.hpp>
#include <prio/strategies/moscow.hpp>
#include <prio/strategies/rice.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include "graph_support.hpp"

using prio::FeatureIndex;
using namespace prio_test;

namespace {

struct Instance {
  std::uint32_t n;
  std::vector<Edge> edges;
  std::vector<double> w, p;
};

// The minimum of sum w_j C_j over all orders respecting the edges (DP over
// subsets; n <= 16).
double optimum(const Instance& in) {
  const std::uint32_t n = in.n;
  std::vector<std::uint32_t> pre(n, 0);
  for (const auto& [u, v] : in.edges) pre[v] |= 1U << u;
  const std::uint32_t full = (1U << n) - 1;
  std::vector<double> dp(full + 1, std::numeric_limits<double>::infinity()), t(full + 1, 0);
  dp[0] = 0;
  for (std::uint32_t m = 1; m <= full; ++m) {
    const std::uint32_t low = m & (~m + 1);
    t[m] = t[m ^ low] + in.p[static_cast<std::size_t>(std::countr_zero(low))];
  }
  for (std::uint32_t m = 0; m < full; ++m) {
    if (!std::isfinite(dp[m])) continue;
    for (std::uint32_t j = 0; j < n; ++j) {
      if ((m >> j) & 1U || (pre[j] & m) != pre[j]) continue;
      const std::uint32_t m2 = m | (1U << j);
      dp[m2] = std::min(dp[m2], dp[m] + in.w[j] * (t[m] + in.p[j]));
    }
  }
  return dp[full];
}

struct Built {
  prio::Backlog b;
  prio::Scores s;
  Eigen::VectorXd d;
};

Built build(const Instance& in, std::vector<std::uint32_t> rows = {}) {
  Built out{make_backlog(in.n, in.edges, std::move(rows)), {}, {}};
  out.s = make_scores(out.b, in.w);
  out.d.resize(in.n);
  for (FeatureIndex i = 0; i < in.n; ++i) out.d[i] = in.p[std::stoul(out.b.id(i).substr(1))];
  return out;
}

double cost(const Built& x, const std::vector<FeatureIndex>& o) { return prio::weighted_completion_time(o, x.s, x.d); }

Instance random_instance(Rng& rng, std::uint32_t n, std::vector<Edge> edges, bool integer) {
  Instance in{n, std::move(edges), std::vector<double>(n), std::vector<double>(n)};
  for (std::uint32_t i = 0; i < n; ++i) {
    in.w[i] = integer ? std::floor(rng.uniform() * 10) : rng.uniform() * 10;
    in.p[i] = integer ? 1 + std::floor(rng.uniform() * 8) : 0.1 + rng.uniform() * 5;
  }
  return in;
}

// Reference greedy: at each step the ready feature that ranks best, by a plain scan.
std::vector<FeatureIndex> reference_greedy(const prio::DependencyGraph& g, const std::vector<std::size_t>& key) {
  std::vector<FeatureIndex> out;
  std::vector<char> done(g.size(), 0);
  for (std::size_t step = 0; step < g.size(); ++step) {
    std::size_t best = g.size();
    for (FeatureIndex v = 0; v < g.size(); ++v) {
      if (done[v]) continue;
      const auto pre = g.prerequisites(v);
      if (!std::all_of(pre.begin(), pre.end(), [&done](FeatureIndex u) { return done[u] != 0; })) continue;
      if (best == g.size() || key[v] < key[best]) best = v;
    }
    done[best] = 1;
    out.push_back(static_cast<FeatureIndex>(best));
  }
  return out;
}

}  // namespace

TEST_CASE("the contract example: sso before dark-mode") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "sso", .title = "Single sign-on", .attributes = {{"effort", 4}}});
  b.add(prio::Feature{.id = "dark-mode", .title = "Dark mode", .attributes = {{"effort", 1}}, .depends_on = {"sso"}});
  b.add(prio::Feature{.id = "export", .title = "CSV export", .attributes = {{"effort", 1}}});
  Eigen::VectorXd v(3);
  v << 800, 2500, 1000;
  const prio::Scores s(v, b.shared_ids(), "rice");
  const prio::DependencyGraph g(b);
  // Greedy: export (1000) is ready and beats sso (800); inherited lifts sso to dark-mode's 2500.
  CHECK(ids(b, prio::order(g, s)) == std::vector<std::string>{"export", "sso", "dark-mode"});
  CHECK(ids(b, prio::order(g, s, prio::inherited())) == std::vector<std::string>{"sso", "dark-mode", "export"});
  // Value density: sso+dark-mode deliver 3300 in 5 (660 per unit) vs export's 1000 in 1.
  CHECK(ids(b, prio::order(g, s, prio::value_density(b.column("effort")))) ==
        std::vector<std::string>{"export", "sso", "dark-mode"});
  CHECK(prio::ready(g, {}) == std::vector<FeatureIndex>{0, 2});
  CHECK(prio::policy_name(prio::inherited()) == "inherited");
  CHECK(prio::policy_name(prio::value_density(v)) == "value-density");
  CHECK(prio::policy_name(prio::OrderPolicy{}) == "greedy");
}

TEST_CASE("greedy equals networkx lexicographical_topological_sort (fixtures)") {
  std::ifstream in(std::string(PRIO_TEST_DATA_DIR) + "/graph/nx_lexicographical.txt");
  REQUIRE(in);
  std::string header, line;
  std::getline(in, header);
  int cases = 0;
  while (std::getline(in, line)) {
    std::istringstream head(line);
    std::uint32_t n = 0, m = 0;
    head >> n >> m;
    std::vector<std::size_t> pos(n);
    std::vector<Edge> edges(m);
    std::vector<FeatureIndex> expected(n);
    std::getline(in, line);
    std::istringstream ps(line);
    for (auto& x : pos) ps >> x;
    std::getline(in, line);
    std::istringstream es(line);
    for (auto& [u, v] : edges) es >> u >> v;
    std::getline(in, line);
    std::istringstream os(line);
    for (auto& x : expected) os >> x;
    REQUIRE(in);
    // Scores that rank node i at pos[i]; ids f0000.. keep index == node.
    std::vector<double> score(n);
    for (std::uint32_t i = 0; i < n; ++i) score[i] = static_cast<double>(n - pos[i]);
    const auto b = make_backlog(n, edges);
    const auto s = make_scores(b, score);
    REQUIRE(prio::rank_positions(prio::rank(s)) == pos);
    CHECK(prio::order(prio::DependencyGraph(b), s) == expected);
    ++cases;
  }
  CHECK(cases == 60);
}

TEST_CASE("without edges every policy is the ranking (value density: Smith's rule)") {
  Rng rng(5);
  for (int round = 0; round < 200; ++round) {
    const std::uint32_t n = 1 + rng.below(12);
    auto in = random_instance(rng, n, {}, round % 2 == 0);
    const auto x = build(in);
    const prio::DependencyGraph g(x.b);
    CHECK(prio::order(g, x.s) == prio::rank(x.s));
    CHECK(prio::order(g, x.s, prio::inherited()) == prio::rank(x.s));
    CHECK(cost(x, prio::order(g, x.s, prio::value_density(x.d))) == Approx(optimum(in)).epsilon(1e-9));
  }
}

TEST_CASE("orders respect every edge, are deterministic and ignore row order (thousands of DAGs)") {
  Rng rng(42);
  int graphs = 0;
  for (int round = 0; round < 2000; ++round) {
    const std::uint32_t n = 1 + rng.below(40);
    std::vector<Edge> edges;
    switch (round % 6) {
      case 0: edges = random_dag(rng, n, 0.15 * rng.uniform()); break;
      case 1: edges = layered(rng, n, 1 + rng.below(6), 0.3); break;
      case 2: edges = tree(rng, n, true); break;
      case 3: edges = tree(rng, n, false); break;
      case 4: edges = chains(rng, n); break;
      default: series_parallel(rng, 0, n, edges); break;
    }
    auto in = random_instance(rng, n, edges, round % 3 == 0);  // integer values make ties
    if (round % 7 == 0) in.w[rng.below(n)] = std::numeric_limits<double>::quiet_NaN();
    const auto x = build(in);
    std::vector<std::uint32_t> rows(n);
    std::iota(rows.begin(), rows.end(), 0U);
    rng.shuffle(rows);
    const auto y = build(in, rows);
    const prio::DependencyGraph gx(x.b), gy(y.b);
    for (const prio::OrderPolicy& px : {prio::OrderPolicy{prio::greedy()}, prio::OrderPolicy{prio::inherited()},
                                        prio::OrderPolicy{prio::value_density(x.d)}}) {
      const auto o = prio::order(gx, x.s, px);
      REQUIRE(respects(x.b, o, edges));
      CHECK(o == prio::order(gx, x.s, px));  // deterministic
      prio::OrderPolicy py = px;
      if (auto* vd = std::get_if<prio::ValueDensity>(&py)) vd->durations = y.d;
      const auto oy = prio::order(gy, y.s, py);
      if (px.index() < 2) {
        CHECK(ids(x.b, o) == ids(y.b, oy));
      } else {  // ties between equal-ratio blocks may fall either way; the cost may not
        CHECK(cost(x, o) == Approx(cost(y, oy)).epsilon(1e-9));
      }
    }
    ++graphs;
  }
  CHECK(graphs == 2000);
}

TEST_CASE("greedy picks the best-ranked ready feature; inherited the best effective priority") {
  Rng rng(9);
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 1 + rng.below(25);
    auto in = random_instance(rng, n, random_dag(rng, n, 0.15), true);
    const auto x = build(in);
    const prio::DependencyGraph g(x.b);
    const auto pos = prio::rank_positions(prio::rank(x.s));
    CHECK(prio::order(g, x.s) == reference_greedy(g, pos));
    // Effective priority: the best position among a feature and all it unblocks.
    const auto r = reachability(n, in.edges);  // index == node
    std::vector<std::size_t> key(n);
    for (FeatureIndex v = 0; v < n; ++v) {
      std::size_t eff = pos[v];
      for (FeatureIndex w = 0; w < n; ++w)
        if (r[v][w]) eff = std::min(eff, pos[w]);
      key[v] = eff * n + pos[v];
    }
    CHECK(prio::order(g, x.s, prio::inherited()) == reference_greedy(g, key));
  }
}

TEST_CASE("value density is optimal on series-parallel graphs (exact DP, n <= 12)") {
  Rng rng(2026);
  for (int round = 0; round < 1500; ++round) {
    const std::uint32_t n = 1 + rng.below(12);
    std::vector<Edge> edges;
    series_parallel(rng, 0, n, edges);
    if (round % 3 == 1) edges = tree(rng, n, round % 2 == 0);  // trees are series-parallel
    auto in = random_instance(rng, n, edges, round % 2 == 0);
    const auto x = build(in);
    const auto o = prio::order(prio::DependencyGraph(x.b), x.s, prio::value_density(x.d));
    REQUIRE(respects(x.b, o, edges));
    const double opt = optimum(in);
    INFO("round " << round << " n " << n);
    CHECK(cost(x, o) == Approx(opt).epsilon(1e-9).margin(1e-9));
  }
}

TEST_CASE("value density on random DAGs: mean and worst ratio to the optimum (n <= 12)") {
  Rng rng(77);
  double sum = 0, worst = 1, greedy_sum = 0;
  int count = 0, optimal = 0;
  for (int round = 0; round < 1500; ++round) {
    const std::uint32_t n = 2 + rng.below(11);
    std::vector<Edge> edges = round % 2 ? random_dag(rng, n, 0.1 + 0.3 * rng.uniform()) : layered(rng, n, 3, 0.4);
    auto in = random_instance(rng, n, edges, round % 2 == 0);
    const auto x = build(in);
    const prio::DependencyGraph g(x.b);
    const double opt = optimum(in);
    if (opt <= 0) continue;
    const double ratio = cost(x, prio::order(g, x.s, prio::value_density(x.d))) / opt;
    REQUIRE(ratio >= 1 - 1e-9);
    CHECK(ratio <= 2 + 1e-9);  // the 2-approximation bound
    sum += ratio;
    worst = std::max(worst, ratio);
    optimal += ratio < 1 + 1e-9;
    greedy_sum += cost(x, prio::order(g, x.s)) / opt;
    ++count;
  }
  const double mean = sum / count;
  WARN("value density on " << count << " random DAGs: mean ratio " << mean << ", worst " << worst << ", optimal in "
                           << optimal << "; greedy mean ratio " << greedy_sum / count);
  // The README's numbers (value_density row of the ordering table): mean
  // 1.0001x the optimum on 1,500 random DAGs, worst 1.044x. The seed is fixed,
  // so these are exact facts of this run, pinned to the printed precision.
  CHECK(count == 1500);
  CHECK(mean == Approx(1.0001).margin(0.00005));
  CHECK(worst == Approx(1.044).margin(0.0005));
}

TEST_CASE("value density is never worse than greedy on the adversarial family") {
  // A (score 0, duration 1) before B (score M, duration 1), and k unit features of score 1.
  for (const std::uint32_t k : {1U, 2U, 5U, 10U, 50U, 200U}) {
    for (const double big : {2.0, 10.0, 1000.0, 1e7}) {
      Instance in{k + 2, {{0, 1}}, std::vector<double>(k + 2, 1.0), std::vector<double>(k + 2, 1.0)};
      in.w[0] = 0;
      in.w[1] = big;
      const auto x = build(in);
      const prio::DependencyGraph g(x.b);
      const double vd = cost(x, prio::order(g, x.s, prio::value_density(x.d)));
      const double gr = cost(x, prio::order(g, x.s));
      CHECK(vd <= gr + 1e-9);
      CHECK(vd <= cost(x, prio::order(g, x.s, prio::inherited())) + 1e-9);
      // Greedy has no bound: for M >> k^2 its cost is about (k+2)/2 times the optimum.
      if (big >= 1e7) CHECK(gr / vd > 0.9 * static_cast<double>(k + 2) / 2);
      if (k + 2 <= 12) CHECK(vd == Approx(optimum(in)));
    }
  }
}

TEST_CASE("weighted completion time and the value curve") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "a"});
  b.add(prio::Feature{.id = "b"});
  b.add(prio::Feature{.id = "c"});
  Eigen::VectorXd v(3), d(3);
  v << 3, std::numeric_limits<double>::quiet_NaN(), 2;
  d << 2, 1, 4;
  const prio::Scores s(v, b.shared_ids(), "test");
  // Order c, a, b: completions 4, 6, 7 -> 2*4 + 3*6 + 0*7.
  CHECK(prio::weighted_completion_time({2, 0, 1}, s, d) == 26);
  const Eigen::VectorXd curve = prio::value_curve({2, 0, 1}, s);
  REQUIRE(curve.size() == 3);
  CHECK(curve[0] == 2);
  CHECK(curve[1] == 5);
  CHECK(curve[2] == 5);
  CHECK_THROWS_AS(prio::weighted_completion_time({0}, s, Eigen::VectorXd(2)), prio::error);
}

TEST_CASE("ordering errors name the problem") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "a"});
  b.add(prio::Feature{.id = "b", .depends_on = {"a"}});
  const prio::DependencyGraph g(b);
  Eigen::VectorXd v(2);
  v << 1, 2;
  const prio::Scores s(v, b.shared_ids(), "test");
  const prio::Scores wrong(Eigen::VectorXd::Ones(1), std::make_shared<const std::vector<std::string>>(1, "x"), "test");
  CHECK_THROWS_AS(prio::order(g, wrong), prio::error);
  Eigen::VectorXd d(2);
  d << 1, 0;
  try {
    (void)prio::order(g, s, prio::value_density(d));
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::invalid_value);
    CHECK(e.feature() == "b");
    CHECK(e.field() == "durations");
  }
  CHECK_THROWS_AS(prio::order(g, s, prio::value_density(Eigen::VectorXd::Ones(3))), prio::error);
  // Infinite scores: an error naming the feature (every ratio would be
  // infinite); NaN counts as 0 and orders.
  for (const double bad : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
    Eigen::VectorXd v2 = s.values();
    v2[0] = bad;
    const prio::Scores si(v2, b.shared_ids(), "test");
    try {
      (void)prio::order(g, si, prio::value_density(Eigen::VectorXd::Ones(2)));
      FAIL("no throw");
    } catch (const prio::error& e) {
      CHECK(e.code() == prio::errc::invalid_value);
      CHECK(e.feature() == "a");
      CHECK(e.field() == "scores");
      CHECK_THAT(std::string(e.what()), Catch::Contains(bad > 0 ? "got inf" : "got -inf"));
    }
  }
  Eigen::VectorXd v3 = s.values();
  v3[0] = std::numeric_limits<double>::quiet_NaN();
  CHECK(prio::order(g, prio::Scores(v3, b.shared_ids(), "test"), prio::value_density(Eigen::VectorXd::Ones(2))).size() == 2);
}

TEST_CASE("an empty backlog orders to nothing; one feature to itself") {
  prio::Backlog b;
  const prio::Scores s(Eigen::VectorXd(0), b.shared_ids(), "test");
  const prio::DependencyGraph g(b);
  CHECK(prio::order(g, s).empty());
  CHECK(prio::order(g, s, prio::inherited()).empty());
  CHECK(prio::order(g, s, prio::value_density(Eigen::VectorXd(0))).empty());
  CHECK(prio::ready(g, {}).empty());
  CHECK(prio::critical_path(g, Eigen::VectorXd(0)).features.empty());
  b.add(prio::Feature{.id = "only"});
  const prio::Scores s1(Eigen::VectorXd::Ones(1), b.shared_ids(), "test");
  const prio::DependencyGraph g1(b);
  CHECK(prio::order(g1, s1, prio::value_density(Eigen::VectorXd::Ones(1))) == std::vector<FeatureIndex>{0});
}

TEST_CASE("greedy follows MoSCoW tiers before scores, like prio::rank") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "a", .attributes = {{"reach", 1}, {"impact", 3}, {"confidence", 1}, {"effort", 1}},
                      .moscow = prio::Moscow::could});
  b.add(prio::Feature{.id = "b", .attributes = {{"reach", 1}, {"impact", 0.25}, {"confidence", 1}, {"effort", 1}},
                      .moscow = prio::Moscow::must});
  b.add(prio::Feature{.id = "c", .attributes = {{"reach", 1}, {"impact", 1}, {"confidence", 1}, {"effort", 1}},
                      .moscow = prio::Moscow::must, .depends_on = {"a"}});
  const auto s = prio::score(b, prio::moscow(prio::rice()));
  const prio::DependencyGraph g(b);
  CHECK(ids(b, prio::order(g, s)) == std::vector<std::string>{"b", "a", "c"});
  // Inherited: a unblocks the must c, which outranks b.
  CHECK(ids(b, prio::order(g, s, prio::inherited())) == std::vector<std::string>{"a", "c", "b"});
}
