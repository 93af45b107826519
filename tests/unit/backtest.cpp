// Backtests of scoring strategies against realized outcomes.
#include <catch2/catch.hpp>

#include <prio/experiment/backtest.hpp>
#include <prio/release.hpp>
#include <prio/strategies/rice.hpp>
#include <prio/strategies/weighted.hpp>
#include <prio/strategies/wsjf.hpp>

#include <cmath>
#include <numeric>

#include "history_generator.hpp"

namespace {

prio::Strategy by_column(const std::string& name, const std::string& column) {
  return prio::custom(name, [column](const prio::Backlog& b) { return Eigen::VectorXd(b.column(column)); });
}

// a: v 6 c 3 (v/c 2); b: 4 1 (4); c: 3 3 (1); d: 10 4 (2.5); est ranks a, c, d, b.
prio::Backlog small_history() {
  prio::Backlog h;
  h.add({.id = "a", .attributes = {{"est", 4}, {"v", 6}, {"c", 3}}});
  h.add({.id = "b", .attributes = {{"est", 1}, {"v", 4}, {"c", 1}}});
  h.add({.id = "c", .attributes = {{"est", 3}, {"v", 3}, {"c", 3}}});
  h.add({.id = "d", .attributes = {{"est", 2}, {"v", 10}, {"c", 4}}});
  return h;
}

double brute_knapsack(const std::vector<prio::detail::KnapsackItem>& items, double budget) {
  double best = 0;
  for (std::uint32_t mask = 0; mask < (1u << items.size()); ++mask) {
    double v = 0, c = 0;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (mask & (1u << i)) {
        v += items[i].value;
        c += items[i].cost;
      }
    if (c <= budget) best = std::max(best, v);
  }
  return best;
}

}  // namespace

TEST_CASE("a hand-checked history of four features") {
  const prio::Backlog h = small_history();
  const auto bt = prio::backtest(h, {{"est", by_column("est", "est")}},
                                 {.value = "v", .cost = "c", .k = 2, .budget_ratio = 0.5, .bootstrap = 0});
  REQUIRE(bt.strategies.size() == 1);
  const auto& s = bt.strategies[0];
  // Budget 5.5: a (3) funded, c (3) and d (4) do not fit and are skipped, b (1) fits.
  CHECK(bt.budget == 5.5);
  CHECK(s.funded == std::vector<prio::FeatureIndex>{0, 1});
  CHECK(s.funded_value == 10);
  // Optimum of {6/3, 4/1, 3/3, 10/4} within 5.5: {b, d} = 14.
  CHECK(bt.optimum_value == 14);
  CHECK(bt.optimum == std::vector<prio::FeatureIndex>{1, 3});
  CHECK(s[prio::Measure::value_captured].estimate == Approx(10.0 / 14).epsilon(1e-15));
  // NDCG@2 on v/c: order a (2), c (1); ideal b (4), d (2.5).
  const double l3 = std::log2(3.0);
  CHECK(s[prio::Measure::ndcg].estimate == Approx((2 + 1 / l3) / (4 + 2.5 / l3)).epsilon(1e-15));
  // On v: order a (6), c (3); ideal d (10), a (6).
  CHECK(s[prio::Measure::ndcg_value].estimate == Approx((6 + 3 / l3) / (10 + 6 / l3)).epsilon(1e-15));
  // precision@2: the 2nd largest v/c is 2.5, neither a nor c reaches it; on v the 2nd is 6: a does.
  CHECK(s[prio::Measure::precision].estimate == 0);
  CHECK(s[prio::Measure::precision_value].estimate == 0.5);
  // Strategy places a1 c2 d3 b4, hindsight b1 d2 a3 c4: 1 concordant, 5 discordant pairs.
  CHECK(s[prio::Measure::kendall_tau].estimate == Approx(-4.0 / 6));
  // sum d^2 = 4 + 4 + 1 + 9 = 18: rho = 1 - 6 x 18 / (4 x 15).
  CHECK(s[prio::Measure::spearman].estimate == Approx(-0.8));
}

TEST_CASE("ties: precision counts features tied with the k-th best, NDCG ignores the order of tied gains") {
  prio::Backlog h;
  h.add({.id = "a", .attributes = {{"est", 3}, {"v", 2}, {"c", 1}}});
  h.add({.id = "b", .attributes = {{"est", 2}, {"v", 1}, {"c", 1}}});
  h.add({.id = "c", .attributes = {{"est", 1}, {"v", 2}, {"c", 1}}});
  const auto bt = prio::backtest(h, {{"est", by_column("est", "est")}}, {.value = "v", .cost = "c", .k = 1, .bootstrap = 0});
  // The best gain is 2 (a and c tied); the strategy puts a first: a hit.
  CHECK(bt.strategies[0][prio::Measure::precision].estimate == 1);
  CHECK(bt.strategies[0][prio::Measure::ndcg].estimate == 1);
}

TEST_CASE("missing outcomes are named and left out; bad outcomes are errors naming feature and field") {
  prio::Backlog h = small_history();
  h.add({.id = "e", .attributes = {{"est", 9}, {"c", 2}}});  // no value yet
  const auto bt = prio::backtest(h, {{"est", by_column("est", "est")}}, {.value = "v", .cost = "c", .k = 2, .budget_ratio = 0.5, .bootstrap = 0});
  CHECK(bt.missing_outcome == std::vector<std::string>{"e"});
  CHECK(bt.features == 4);
  CHECK(bt.strategies[0].ranking == std::vector<prio::FeatureIndex>{0, 2, 3, 1});

  prio::Backlog zero = small_history();
  zero.set_value(2, "c", 0);
  CHECK_THROWS_WITH(prio::backtest(zero, {{"est", by_column("est", "est")}}, {.value = "v", .cost = "c"}),
                    "[prio.error.106] feature 'c', field 'c': actual cost must be > 0, got 0");
  prio::Backlog neg = small_history();
  neg.set_value(1, "v", -1);
  CHECK_THROWS_WITH(prio::backtest(neg, {{"est", by_column("est", "est")}}, {.value = "v", .cost = "c"}),
                    "[prio.error.106] feature 'b', field 'v': realized value must be >= 0, got -1");
  CHECK_THROWS_WITH(prio::backtest(h, {{"est", by_column("est", "est")}}, {.value = "realized", .cost = "c"}),
                    "[prio.error.107] field 'realized': the history has no column 'realized' (the realized value column)");
  CHECK_THROWS_WITH(prio::backtest(h, {{"est", by_column("est", "est")}}, {.value = "v", .cost = "c", .budget_ratio = 0}),
                    "[prio.error.302] backtest: budget ratio must be in (0, 1], got 0");
}

TEST_CASE("the exact knapsack equals brute force and the release solver on small instances") {
  prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(42, 0);
  prio::detail::KnapsackScratch scratch;
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 1 + static_cast<std::size_t>(g.uniform() * 13);
    std::vector<prio::detail::KnapsackItem> items;
    prio::NrpInstance in;
    for (std::size_t i = 0; i < n; ++i) {
      // Integral values and costs (with ties in ratio), so sums are exact.
      const double v = std::floor(g.uniform() * 20), c = 1 + std::floor(g.uniform() * 9);
      items.push_back({v, c, static_cast<std::uint32_t>(i)});
      in.cost.push_back(c);
      in.bundles.push_back({v, {static_cast<std::uint32_t>(i)}});
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.value / a.cost > b.value / b.cost; });
    double total = 0;
    for (const auto& it : items) total += it.cost;
    const double budget = std::floor(total * g.uniform());
    in.budget = budget;
    const auto r = prio::detail::knapsack(items, budget, scratch, true);
    INFO("trial " << trial);
    CHECK(r.proven);
    CHECK(r.value == brute_knapsack(items, budget));
    double cv = 0, cc = 0;
    for (auto id : r.chosen) {
      cv += in.bundles[id].value;
      cc += in.cost[id];
    }
    CHECK(cv == r.value);
    CHECK(cc <= budget);
    const prio::NrpSolution nrp = prio::solve_nrp(in);
    CHECK(nrp.optimal);
    CHECK(nrp.value == r.value);
  }
}

TEST_CASE("bootstrap replicates of tau and rho equal the library's functions on the materialized resample") {
  const prio::Backlog h = prio::test::make_history({.features = 60, .seed = 3, .noise = 0.6});
  const prio::Scores sc = prio::rice().score(h);
  prio::detail::BacktestCommon d;
  d.n = h.size();
  d.k = 10;
  d.ratio = 0.3;
  for (prio::FeatureIndex i = 0; i < h.size(); ++i) {
    d.v.push_back(h.value(i, "realized_value"));
    d.c.push_back(h.value(i, "actual_effort"));
    d.g.push_back(d.v.back() / d.c.back());
  }
  // Build the same structures backtest builds, through backtest itself on a copy with one resample.
  const auto bt = prio::backtest(h, {{"rice", prio::rice()}}, {.value = "realized_value", .cost = "actual_effort", .bootstrap = 0});
  CHECK(bt.strategies[0][prio::Measure::kendall_tau].estimate == prio::kendall_tau(sc.values(), Eigen::Map<const Eigen::VectorXd>(d.g.data(), 60)));
  // Weighted versions against the materialized resample.
  prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(9, 1);
  std::vector<std::uint32_t> cnt(d.n, 0);
  for (std::size_t t = 0; t < d.n; ++t) ++cnt[static_cast<std::size_t>(g.uniform() * static_cast<double>(d.n))];
  prio::detail::RankKeys skeys = prio::detail::keys_of(sc), gk = prio::detail::keys_of(Eigen::Map<const Eigen::VectorXd>(d.g.data(), 60));
  prio::detail::RankKeys xs, ys;
  for (std::size_t i = 0; i < d.n; ++i)
    for (std::uint32_t t = 0; t < cnt[i]; ++t) {
      xs.push_back(skeys[i]);
      ys.push_back(gk[i]);
    }
  // The strategy and hindsight structures, as backtest builds them.
  prio::detail::BacktestStrategyData st;
  const auto r = prio::rank(sc);
  st.order.assign(r.begin(), r.end());
  st.key = skeys;
  d.by_g.resize(d.n);
  std::iota(d.by_g.begin(), d.by_g.end(), 0u);
  std::stable_sort(d.by_g.begin(), d.by_g.end(), [&gk](auto a, auto b) { return gk[a] < gk[b]; });
  d.gkey.assign(d.n, 0);
  for (std::size_t p = 1; p < d.n; ++p) d.gkey[d.by_g[p]] = d.gkey[d.by_g[p - 1]] + (gk[d.by_g[p]] != gk[d.by_g[p - 1]]);
  d.gdistinct = d.gkey[d.by_g[d.n - 1]] + 1;
  d.by_v = d.by_g;
  for (std::size_t p = 1; p <= d.k; ++p) d.discount.push_back(1 / std::log2(static_cast<double>(p) + 1));
  st.xy = st.order;
  std::sort(st.xy.begin(), st.xy.end(), [&](auto a, auto b) {
    return st.key[a] != st.key[b] ? st.key[a] < st.key[b] : (d.gkey[a] != d.gkey[b] ? d.gkey[a] < d.gkey[b] : a < b);
  });
  prio::detail::BacktestScratch s;
  bool proven = true;
  const auto ctx = prio::detail::resample_context(d, cnt.data(), s, 1000000, proven);
  std::array<double, prio::measure_count> out{};
  prio::detail::evaluate(d, st, ctx, s, out.data());
  CHECK(out[static_cast<std::size_t>(prio::Measure::kendall_tau)] == prio::detail::kendall_tau_b(xs, ys));
  CHECK(out[static_cast<std::size_t>(prio::Measure::spearman)] == Approx(prio::detail::spearman_rho(xs, ys)).epsilon(1e-12));
}

TEST_CASE("bootstrap: the same seed gives the same result whatever the threads; another seed another") {
  const prio::Backlog h = prio::test::make_history({.features = 150, .seed = 5});
  const std::vector<std::pair<std::string, prio::Strategy>> s{{"rice", prio::rice()}, {"wsjf", prio::wsjf()}};
  prio::BacktestOptions o{.value = "realized_value", .cost = "actual_effort", .bootstrap = 200, .seed = 11, .threads = 1};
  const auto a = prio::backtest(h, s, o);
  o.threads = 3;
  const auto b = prio::backtest(h, s, o);
  o.seed = 12;
  const auto c = prio::backtest(h, s, o);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t m = 0; m < prio::measure_count; ++m) {
      CHECK(a.strategies[i].measures[m].lo == b.strategies[i].measures[m].lo);
      CHECK(a.strategies[i].measures[m].hi == b.strategies[i].measures[m].hi);
      CHECK(a.strategies[i].measures[m].lo <= a.strategies[i].measures[m].estimate + 1e-12);
    }
  CHECK(a.strategies[0].measures[0].lo != c.strategies[0].measures[0].lo);
  CHECK(a.comparisons.size() == prio::measure_count);
  CHECK(a.comparisons[0].difference.lo == b.comparisons[0].difference.lo);
}

TEST_CASE("the strategy equal to the true model ranks first, and its measures degrade as estimate noise grows") {
  // Truth: value / actual cost = RICE on the true inputs. Rivals: WSJF and a
  // weighted score, coarser readings of the same truth.
  const std::vector<double> noise{0.0, 0.4, 1.0, 2.0};
  const std::vector<std::uint64_t> seeds{1, 2, 3, 4, 5, 6};
  std::vector<std::array<double, prio::measure_count>> mean(noise.size());
  for (std::size_t z = 0; z < noise.size(); ++z) {
    for (auto sd : seeds) {
      const prio::Backlog h = prio::test::make_history({.features = 300, .seed = sd, .noise = noise[z], .bias = 0});
      const auto bt = prio::backtest(h,
                                     {{"rice", prio::rice()},
                                      {"wsjf", prio::wsjf()},
                                      {"weighted", prio::weighted({{"retention", 0.7}, {"effort", 0.3, prio::Direction::cost}})}},
                                     {.value = "realized_value", .cost = "actual_effort", .bootstrap = 0});
      if (z == 0) {
        INFO("seed " << sd);
        CHECK(bt.strategies[0].name == "rice");
        CHECK(bt.strategies[0][prio::Measure::value_captured].estimate > 0.97);
        CHECK(bt.strategies[0][prio::Measure::kendall_tau].estimate > 0.99);
      }
      for (const auto& s : bt.strategies)
        if (s.name == "rice")
          for (std::size_t m = 0; m < prio::measure_count; ++m) mean[z][m] += s.measures[m].estimate / static_cast<double>(seeds.size());
    }
  }
  // Monotone in expectation, with a margin well above the spread over seeds.
  for (std::size_t z = 1; z < noise.size(); ++z)
    for (auto m : {prio::Measure::value_captured, prio::Measure::ndcg, prio::Measure::kendall_tau, prio::Measure::spearman}) {
      INFO("noise " << noise[z] << " measure " << prio::to_string(m));
      CHECK(mean[z][static_cast<std::size_t>(m)] < mean[z - 1][static_cast<std::size_t>(m)] - 0.02);
    }
}
