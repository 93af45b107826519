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

TEST_CASE("an optimum the node limit stops is the best found: value captured reads at most optimum_gap high") {
  // Values within 1 of their costs: ratios near 1 make the exact search a
  // subset-sum search, and a node limit of 1 stops it at once. The costs are
  // on no decimal grid (an odd offset), so no DP takes over.
  std::size_t unproven_histories = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(seed, 7);
    prio::Backlog h;
    std::vector<prio::detail::KnapsackItem> items;
    for (int i = 0; i < 14; ++i) {
      const double c = 10.0123456789 + std::floor(g.uniform() * 20), v = c + std::floor(g.uniform() * 3) - 1;
      h.add({.id = "f" + std::to_string(i), .attributes = {{"est", g.uniform()}, {"v", v}, {"c", c}}});
      items.push_back({v, c, static_cast<std::uint32_t>(i)});
    }
    const std::vector<std::pair<std::string, prio::Strategy>> s{{"est", by_column("est", "est")}};
    prio::BacktestOptions o{.value = "v", .cost = "c", .budget_ratio = 0.4637, .bootstrap = 60, .seed = seed, .threads = 1, .knapsack_nodes = 1};
    const auto cut = prio::backtest(h, s, o);
    o.knapsack_nodes = 10000000;
    const auto exact = prio::backtest(h, s, o);
    INFO("seed " << seed);
    REQUIRE(exact.optimum_proven);
    CHECK(exact.unproven_resamples == 0);
    CHECK(exact.optimum_gap == 0);
    CHECK(exact.optimum_value == brute_knapsack(items, exact.budget));
    if (cut.optimum_proven && cut.unproven_resamples == 0) {
      CHECK(cut.optimum_gap == 0);
      continue;
    }
    ++unproven_histories;
    // The reported optimum is a feasible set's value, the bound an upper bound.
    CHECK(cut.optimum_value <= exact.optimum_value);
    CHECK(exact.optimum_value <= cut.optimum_bound + 1e-9);
    CHECK(cut.optimum_gap > 0);
    CHECK(cut.optimum_gap >= (cut.optimum_bound - cut.optimum_value) / cut.optimum_value - 1e-15);
    // Every value captured, estimate and interval ends, lies in [true, true x (1 + gap)].
    const auto& a = cut.strategies[0][prio::Measure::value_captured];
    const auto& b = exact.strategies[0][prio::Measure::value_captured];
    const double up = 1 + cut.optimum_gap + 1e-12;
    for (auto [x, t] : {std::pair{a.estimate, b.estimate}, std::pair{a.lo, b.lo}, std::pair{a.hi, b.hi}}) {
      CHECK(x >= t - 1e-12);
      CHECK(x <= t * up);
    }
    // The other measures do not depend on the optimum.
    for (auto m : {prio::Measure::ndcg, prio::Measure::kendall_tau, prio::Measure::spearman}) {
      CHECK(cut.strategies[0][m].lo == exact.strategies[0][m].lo);
      CHECK(cut.strategies[0][m].hi == exact.strategies[0][m].hi);
    }
  }
  CHECK(unproven_histories >= 5);
}

namespace {

// The straightforward computation on the materialized resample: every copy a
// row, the optimum by brute force, tau and rho by the library's functions.
std::array<double, prio::measure_count> by_hand(const std::vector<double>& v, const std::vector<double>& c, const prio::detail::RankKeys& key,
                                                const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& cnt, std::size_t k,
                                                double ratio) {
  std::vector<std::uint32_t> rows;  // copies in the strategy's order
  for (std::uint32_t i : order)
    for (std::uint32_t t = 0; t < cnt[i]; ++t) rows.push_back(i);
  const std::size_t n = rows.size(), kk = std::min(k, n);
  std::vector<prio::detail::KnapsackItem> items;
  double total = 0;
  for (std::uint32_t i : rows) {
    items.push_back({v[i], c[i], i});
    total += c[i];
  }
  const double budget = ratio * total;
  std::array<double, prio::measure_count> out{};
  double left = budget, value = 0;
  for (std::uint32_t i : rows)
    if (c[i] <= left) {
      left -= c[i];
      value += v[i];
    }
  out[0] = value / brute_knapsack(items, budget);
  for (int which = 0; which < 2; ++which) {  // gain v / c, then v
    std::vector<double> gain;
    for (std::uint32_t i : rows) gain.push_back(which == 0 ? v[i] / c[i] : v[i]);
    std::vector<double> best = gain;
    std::sort(best.begin(), best.end(), std::greater<>());
    double dcg = 0, idcg = 0, hits = 0;
    for (std::size_t p = 0; p < kk; ++p) {
      dcg += gain[p] / std::log2(static_cast<double>(p) + 2);
      idcg += best[p] / std::log2(static_cast<double>(p) + 2);
      hits += gain[p] >= best[kk - 1];
    }
    out[static_cast<std::size_t>(which == 0 ? prio::Measure::ndcg : prio::Measure::ndcg_value)] = idcg > 0 ? dcg / idcg : NAN;
    out[static_cast<std::size_t>(which == 0 ? prio::Measure::precision : prio::Measure::precision_value)] = hits / static_cast<double>(kk);
  }
  prio::detail::RankKeys xs, ys;
  for (std::uint32_t i : rows) {
    xs.push_back(key[i]);
    ys.push_back(prio::detail::rank_key(v[i] / c[i]));
  }
  out[static_cast<std::size_t>(prio::Measure::kendall_tau)] = prio::detail::kendall_tau_b(xs, ys);
  out[static_cast<std::size_t>(prio::Measure::spearman)] = prio::detail::spearman_rho(xs, ys);
  return out;
}

}  // namespace

TEST_CASE("property: every measure of a resample equals the straightforward computation, one resample or eight at once") {
  prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(2026, 15);
  for (int trial = 0; trial < 150; ++trial) {
    // Small integers: ties in the estimates, in value / cost and in value.
    const std::size_t n = 2 + static_cast<std::size_t>(g.uniform() * 11);
    prio::Backlog h;
    for (std::size_t i = 0; i < n; ++i)
      h.add({.id = "f" + std::to_string(100 - i),  // ids against index order, so ties by id matter
             .attributes = {{"est", std::floor(g.uniform() * 4)}, {"v", std::floor(g.uniform() * 5)}, {"c", 1 + std::floor(g.uniform() * 3)}}});
    const prio::Scores sc = by_column("est", "est").score(h);
    prio::detail::BacktestCommon d;
    d.n = n;
    d.k = 1 + static_cast<std::size_t>(g.uniform() * 5);
    d.ratio = 0.2 + 0.6 * g.uniform();
    for (std::size_t i = 0; i < n; ++i) {
      d.v.push_back(h.value(static_cast<prio::FeatureIndex>(i), "v"));
      d.c.push_back(h.value(static_cast<prio::FeatureIndex>(i), "c"));
      d.g.push_back(d.v[i] / d.c[i]);
    }
    const Eigen::Map<const Eigen::VectorXd> gm(d.g.data(), static_cast<Eigen::Index>(n)), vm(d.v.data(), static_cast<Eigen::Index>(n));
    const auto gk = prio::detail::keys_of(gm), vk = prio::detail::keys_of(vm);
    d.by_g = prio::detail::ranking_of(gk);
    d.by_v = prio::detail::ranking_of(vk);
    d.gkey.assign(n, 0);
    for (std::size_t p = 1; p < n; ++p) d.gkey[d.by_g[p]] = d.gkey[d.by_g[p - 1]] + (gk[d.by_g[p]] != gk[d.by_g[p - 1]]);
    d.gdistinct = d.gkey[d.by_g[n - 1]] + 1;
    for (std::size_t p = 0; p < d.k; ++p) d.discount.push_back(1 / std::log2(static_cast<double>(p) + 2));
    prio::detail::BacktestStrategyData st;
    const auto r = prio::rank(sc);
    st.order.assign(r.begin(), r.end());
    st.key = prio::detail::keys_of(sc);
    st.xy = st.order;
    std::sort(st.xy.begin(), st.xy.end(), [&](auto a, auto b) {
      return st.key[a] != st.key[b] ? st.key[a] < st.key[b] : (d.gkey[a] != d.gkey[b] ? d.gkey[a] < d.gkey[b] : a < b);
    });
    const auto common = prio::detail::layout(d);
    const auto lay = prio::detail::layout(d, st);
    // Eight resamples with duplicate counts (and one with every feature once).
    std::vector<std::vector<std::uint32_t>> cnt(8, std::vector<std::uint32_t>(n, 0));
    std::vector<prio::detail::BacktestScratch> s(8);
    std::array<prio::detail::ResampleContext, 8> ctx;
    std::array<const std::uint32_t*, 8> co{};
    std::array<double, 8> n1{}, tau{};
    const std::size_t used = 1 + static_cast<std::size_t>(g.uniform() * 8);
    for (std::size_t l = 0; l < used; ++l) {
      if (l == 0) std::fill(cnt[l].begin(), cnt[l].end(), 1u);
      else
        for (std::size_t t = 0; t < n; ++t) ++cnt[l][std::min(n - 1, static_cast<std::size_t>(g.uniform() * static_cast<double>(n)))];
      bool proven = false;
      ctx[l] = prio::detail::resample_context(d, common, cnt[l].data(), s[l], 10000000, proven);
      CHECK(proven);
      std::array<double, prio::measure_count> one{}, lanes{};
      prio::detail::evaluate(d, st, lay, ctx[l], s[l], one.data());
      n1[l] = prio::detail::evaluate_ranked(d, st, lay, ctx[l], s[l], lanes.data());
      co[l] = s[l].cnt_order.data();
      const auto want = by_hand(d.v, d.c, st.key, st.order, cnt[l], d.k, d.ratio);
      INFO("trial " << trial << " resample " << l << " n " << n);
      for (std::size_t m = 0; m < prio::measure_count; ++m) {
        INFO("measure " << prio::to_string(prio::all_measures[m]));
        if (std::isnan(want[m])) {
          CHECK(std::isnan(one[m]));
        } else if (prio::all_measures[m] == prio::Measure::kendall_tau) {
          CHECK(one[m] == want[m]);  // exact integer counts: the same bits
        } else {
          CHECK(one[m] == Approx(want[m]).epsilon(1e-12).margin(1e-15));
        }
        if (m != static_cast<std::size_t>(prio::Measure::kendall_tau)) CHECK((lanes[m] == one[m] || (std::isnan(lanes[m]) && std::isnan(one[m]))));
      }
      tau[l] = one[static_cast<std::size_t>(prio::Measure::kendall_tau)];
    }
    std::array<double, 8> lane_tau{};
    std::vector<std::uint32_t> fenwick;
    prio::detail::kendall_lanes<8>(d, lay, co.data(), n1.data(), ctx.data(), used, fenwick, lane_tau.data());
    for (std::size_t l = 0; l < used; ++l) CHECK((lane_tau[l] == tau[l] || (std::isnan(lane_tau[l]) && std::isnan(tau[l]))));
  }
}

TEST_CASE("costs on a decimal grid: past the node limit a DP over whole cost units proves the optimum") {
  CHECK(prio::detail::cost_grid({1, 2, 30}) == 1);
  CHECK(prio::detail::cost_grid({0.1, 0.2, 0.3, 1.7}) == Approx(0.1).epsilon(1e-15));
  CHECK(prio::detail::cost_grid({0.25, 1.5}) == Approx(0.01).epsilon(1e-15));
  CHECK(prio::detail::cost_grid({1, 3.14159265358979}) == 0);
  prio::detail::KnapsackScratch scratch;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(seed, 8);
    const double unit = seed % 2 ? 1 : 0.1;
    std::vector<prio::detail::KnapsackItem> items;
    std::vector<double> costs;
    const std::size_t n = 4 + static_cast<std::size_t>(g.uniform() * 12);
    for (std::size_t i = 0; i < n; ++i) {
      const double c = (10 + std::floor(g.uniform() * 20)) * unit, v = c + (std::floor(g.uniform() * 3) - 1) * unit;
      items.push_back({v, c, static_cast<std::uint32_t>(i)});
      costs.push_back(c);
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.value / a.cost > b.value / b.cost; });
    double total = 0;
    for (double c : costs) total += c;
    const double budget = std::floor(total * (0.2 + 0.6 * g.uniform()) / unit) * unit;
    const double grid = prio::detail::cost_grid(costs);
    REQUIRE(grid == Approx(unit).epsilon(1e-15));
    const auto r = prio::detail::knapsack(items, budget, scratch, true, 1, grid);
    INFO("seed " << seed);
    CHECK(r.proven);
    CHECK(r.value == Approx(brute_knapsack(items, budget + 1e-9)).epsilon(1e-12));
    double cv = 0, cc = 0;
    for (auto id : r.chosen) {
      for (const auto& it : items)
        if (it.id == id) {
          cv += it.value;
          cc += it.cost;
        }
    }
    CHECK(cv == Approx(r.value).epsilon(1e-12));
    CHECK(cc <= budget + 1e-9);
    const auto quick = prio::detail::knapsack(items, budget, scratch, false, 1, grid);
    CHECK(quick.proven);
    CHECK(quick.value == Approx(r.value).epsilon(1e-12));
  }
}
