// Monte Carlo rank stability: known probabilities, reproducibility, thread independence.
#include <catch2/catch.hpp>

#include <prio/detail/random.hpp>
#include <prio/experiment/simulate.hpp>
#include <prio/graph.hpp>
#include <prio/order.hpp>
#include <prio/score.hpp>
#include <prio/strategies/ice.hpp>
#include <prio/strategies/moscow.hpp>
#include <prio/strategies/rice.hpp>
#include <prio/strategies/wsjf.hpp>
#include <prio/validate.hpp>

#include "generators.hpp"
#include "simulation_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using prio_test::require_identical;

namespace {

const double none = std::numeric_limits<double>::quiet_NaN();

// Feature "a" scores reach (uncertain: reach_lo..reach_hi, mode reach), "b" scores t exactly.
prio::Backlog pair(double reach, double lo, double hi, double t) {
  prio::Backlog b;
  b.add(prio::Feature{.id = "a", .attributes = {{"reach", reach}, {"impact", 1}, {"confidence", 1}, {"effort", 1}, {"reach_lo", lo}, {"reach_hi", hi}}});
  b.add(prio::Feature{.id = "b", .attributes = {{"reach", t}, {"impact", 1}, {"confidence", 1}, {"effort", 1}}});
  return b;
}

// A backlog with ranges on reach, confidence and effort for about half of the features.
prio::Backlog uncertain_backlog(std::size_t n, std::uint64_t seed) {
  prio::Backlog b = prio::test::random_backlog(n, seed);
  std::mt19937_64 rng(seed + 1);
  Eigen::VectorXd rlo(static_cast<Eigen::Index>(n)), rhi = rlo, clo = rlo, chi = rlo, elo = rlo, ehi = rlo;
  for (prio::FeatureIndex i = 0; i < n; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    const bool u = prio::test::below(rng, 2) == 0;
    const double r = b.value(i, "reach"), c = b.value(i, "confidence"), e = b.value(i, "effort");
    rlo[ii] = u ? r * 0.5 : none;
    rhi[ii] = u ? r * 2 : none;
    clo[ii] = u ? c * 0.5 : none;
    chi[ii] = u ? c : none;
    elo[ii] = u ? e * 0.5 : none;
    ehi[ii] = u ? e * 3 : none;
  }
  b.set_column("reach_lo", rlo);
  b.set_column("reach_hi", rhi);
  b.set_column("confidence_lo", clo);
  b.set_column("confidence_hi", chi);
  b.set_column("effort_lo", elo);
  b.set_column("effort_hi", ehi);
  return b;
}

}  // namespace

TEST_CASE("random streams: SplitMix64 and xoshiro256** reproduce their reference outputs") {
  // Vigna's splitmix64.c seeded with 0, and xoshiro256** 1.0 from the state {1, 2, 3, 4}
  // (the values the reference C code prints; also used by Rust's rand_xoshiro tests).
  std::uint64_t s = 0;
  CHECK(prio::detail::splitmix64(s) == 0xe220a8397b1dcdafULL);
  CHECK(prio::detail::splitmix64(s) == 0x6e789e6aa1b965f4ULL);
  CHECK(prio::detail::splitmix64(s) == 0x06c45d188009454fULL);
  prio::detail::Xoshiro256 g(1, 2, 3, 4);
  CHECK(g.next() == 11520ULL);
  CHECK(g.next() == 0ULL);
  CHECK(g.next() == 1509978240ULL);
  CHECK(g.next() == 1215971899390074240ULL);
  // Uniforms are strictly inside (0, 1) and have the right mean.
  auto h = prio::detail::Xoshiro256::stream(7, 0);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = h.uniform();
    REQUIRE((u > 0 && u < 1));
    sum += u;
  }
  CHECK(sum / 100000 == Approx(0.5).margin(4 * std::sqrt(1.0 / 12 / 100000)));
}

TEST_CASE("simulate: P(top 1) of two features matches the closed form within 4 standard errors") {
  const std::size_t draws = 20000;
  auto check = [&](const prio::Backlog& b, prio::Distribution d, double p) {
    const auto sim = prio::simulate(b, prio::rice(), {.draws = draws, .seed = 42, .top_k = 1, .distribution = d});
    const double se = std::sqrt(p * (1 - p) / static_cast<double>(draws));
    INFO(prio::to_string(d) << ": expected " << p << ", got " << sim.p_top_k[0]);
    CHECK(std::abs(sim.p_top_k[0] - p) < 4 * se);
    CHECK(sim.p_top_k[0] + sim.p_top_k[1] == Approx(1.0));
  };
  // Uniform on [0, 10] above 7: 3/10.
  check(pair(5, 0, 10, 7), prio::Distribution::uniform, 0.3);
  // Triangular (0, mode 2, 10) above 5: (b - t)^2 / ((b - a)(b - c)) = 25 / 80.
  check(pair(2, 0, 10, 5), prio::Distribution::triangular, 25.0 / 80.0);
  // PERT (0, mode 5, 10) is 10 Beta(3, 3); P(Beta(3, 3) > 0.7) = sum_{j<3} C(5, j) 0.7^j 0.3^(5-j).
  check(pair(5, 0, 10, 7), prio::Distribution::pert, std::pow(0.3, 5) + 5 * 0.7 * std::pow(0.3, 4) + 10 * 0.49 * 0.027);
  // Lognormal with 5th / 95th percentiles 1 and 100: mu = ln 10, sigma = ln 100 / (2 z_0.95); above 20.
  const double mu = std::log(10.0), sigma = std::log(100.0) / (2 * 1.6448536269514722);
  check(pair(10, 1, 100, 20), prio::Distribution::lognormal, 0.5 * std::erfc((std::log(20.0) - mu) / (sigma * std::sqrt(2.0))));
}

TEST_CASE("simulate: without ranges the result is the deterministic ranking with probability 1") {
  const prio::Backlog b = prio::test::random_backlog(300, 3, true);
  const prio::Scores s = prio::score(b, prio::rice());
  const auto r = prio::rank(s);
  const auto sim = prio::simulate(b, prio::rice(), {.draws = 50, .seed = 1, .top_k = 5});
  CHECK(sim.uncertain.empty());
  CHECK(sim.ranking == r);
  for (std::size_t p = 0; p < r.size(); ++p) {
    const auto i = static_cast<Eigen::Index>(r[p]);
    CHECK(sim.p_top_k[i] == (p < 5 ? 1.0 : 0.0));
    CHECK(sim.median_rank[i] == static_cast<double>(p + 1));
    CHECK(sim.rank_lo[i] == sim.median_rank[i]);
    CHECK(sim.rank_hi[i] == sim.median_rank[i]);
    CHECK(sim.score_median[i] == s[r[p]]);
  }
  // MoSCoW tiers go through the generic path, and are kept.
  const auto m = prio::simulate(b, prio::moscow(prio::rice()), {.draws = 10, .seed = 1, .top_k = 5});
  CHECK(m.ranking == prio::rank(prio::score(b, prio::moscow(prio::rice()))));
  for (std::size_t p = 0; p < m.ranking.size(); ++p) CHECK(m.median_rank[static_cast<Eigen::Index>(m.ranking[p])] == static_cast<double>(p + 1));
}

TEST_CASE("simulate: same seed, same result, whatever the thread count and the scoring path") {
  const prio::Backlog b = uncertain_backlog(250, 8);
  const prio::SimulationOptions one{.draws = 300, .seed = 99, .top_k = 10, .threads = 1};
  prio::SimulationOptions two = one, three = one;
  two.threads = 2;
  three.threads = 3;
  const auto a = prio::simulate(b, prio::rice(), one);
  CHECK(a.uncertain == std::vector<std::string>{"reach", "confidence", "effort"});
  require_identical(a, prio::simulate(b, prio::rice(), two));
  require_identical(a, prio::simulate(b, prio::rice(), three));
  // The type-erased strategy is scored through a backlog per draw: same bits.
  require_identical(a, prio::simulate(b, prio::Strategy(prio::rice()), two));
  // Another seed gives another estimate; P(top k) sums to k either way.
  prio::SimulationOptions other = one;
  other.seed = 100;
  const auto c = prio::simulate(b, prio::rice(), other);
  CHECK(c.p_top_k != a.p_top_k);
  CHECK(a.p_top_k.sum() == Approx(10.0));
  // Uncertain features actually move: some feature is in the top 10 in some
  // draws but not all (the closed-form checks are in the tests below), and
  // intervals contain the median.
  CHECK(((a.p_top_k.array() > 0) && (a.p_top_k.array() < 1)).any());
  for (Eigen::Index i = 0; i < a.median_rank.size(); ++i) {
    CHECK(a.rank_lo[i] <= a.median_rank[i]);
    CHECK(a.median_rank[i] <= a.rank_hi[i]);
    CHECK(a.score_lo[i] <= a.score_median[i]);
    CHECK(a.score_median[i] <= a.score_hi[i]);
  }
  for (auto d : {prio::Distribution::uniform, prio::Distribution::pert, prio::Distribution::lognormal}) {
    prio::SimulationOptions o = one;
    o.distribution = d;
    o.draws = 100;
    prio::SimulationOptions o2 = o;
    o2.threads = 2;
    if (d == prio::Distribution::lognormal) {  // a lognormal confidence may exceed 1: RICE rejects it
      CHECK_THROWS_AS(prio::simulate(b, prio::rice(), o), prio::error);
      continue;
    }
    require_identical(prio::simulate(b, prio::rice(), o), prio::simulate(b, prio::rice(), o2));
  }
  // Formula strategies score from the matrices of draws, others through a backlog per draw:
  // both must give the same bits (this pins the copy of prio::score's arithmetic).
  {
    prio::Backlog w = prio::test::random_backlog(150, 12);
    Eigen::VectorXd lo = w.column("job_size"), hi = lo;
    lo *= 0.5;
    hi *= 2;
    w.set_column("job_size_lo", lo);
    w.set_column("job_size_hi", hi);
    Eigen::VectorXd elo = w.column("ease"), ehi = elo;
    elo = (elo.array() - 1).max(1).matrix();
    ehi = (ehi.array() + 1).min(10).matrix();
    w.set_column("ease_lo", elo);
    w.set_column("ease_hi", ehi);
    const prio::SimulationOptions o{.draws = 60, .seed = 3, .top_k = 5};
    require_identical(prio::simulate(w, prio::wsjf(), o), prio::simulate(w, prio::Strategy(prio::wsjf()), o));
    const prio::Ice avg = prio::ice({.impact = "ice_impact", .confidence = "ice_confidence", .variant = prio::IceVariant::average});
    require_identical(prio::simulate(w, avg, o), prio::simulate(w, prio::Strategy(avg), o));
  }
  // Top-k only (no stored draws) gives the same P(top k).
  prio::SimulationOptions lean = two;
  lean.rank_stats = false;
  lean.score_stats = false;
  const auto l = prio::simulate(b, prio::rice(), lean);
  CHECK(l.p_top_k == a.p_top_k);
  CHECK(std::isnan(l.median_rank[0]));
}

TEST_CASE("simulate: exact rank statistics counted rank by rank equal those of every stored rank (generated backlogs)") {
  // With threads x features <= draws, each thread counts how often each
  // feature takes each rank; otherwise every rank of every draw is kept and
  // selected from. Both must give the same bits (and so must the thread count).
  std::mt19937_64 rng(41);
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const std::size_t n = 2 + prio::test::below(rng, 300);
    const std::size_t draws = n + prio::test::below(rng, n);  // n <= draws < 2n
    prio::Backlog b = uncertain_backlog(n, seed);
    if (seed % 3 == 0) {  // ties between certain features: broken by id in every draw
      Eigen::VectorXd reach = b.column("reach");
      for (Eigen::Index i = 0; i < reach.size(); ++i)
        if (std::isnan(b.value(static_cast<prio::FeatureIndex>(i), "reach_lo")) && i % 3 == 0) reach[i] = 0;  // scores 0
      b.set_column("reach", reach);
    }
    INFO("seed " << seed << ", " << n << " features, " << draws << " draws");
    const prio::SimulationOptions counted{.draws = draws, .seed = seed, .top_k = 3, .threads = 1};  // 1 x n <= draws
    prio::SimulationOptions stored = counted;
    stored.threads = 2;  // 2 x n > draws
    const auto a = prio::simulate(b, prio::rice(), counted);
    REQUIRE(a.rank_error.isZero());
    require_identical(a, prio::simulate(b, prio::rice(), stored));
  }
}

TEST_CASE("simulate's exact score quantiles: selected among order keys, as a sort finds them (NaN lowest, -0 as +0)") {
  std::mt19937_64 rng(43);
  const double pool[] = {none, -0.0, 0.0, 1.5, -1.5, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                         std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::max(), 1e300};
  std::vector<std::uint64_t> keys;
  for (int round = 0; round < 2000; ++round) {
    const std::size_t count = 1 + prio::test::below(rng, 60);
    std::vector<double> x(count);
    for (double& v : x) v = prio::test::below(rng, 3) == 0 ? pool[prio::test::below(rng, std::size(pool))] : prio::test::uniform(rng, -5, 5);
    std::size_t k[3] = {prio::test::below(rng, count), prio::test::below(rng, count), prio::test::below(rng, count)};
    std::sort(k, k + 3);
    std::vector<double> sorted = x;
    std::sort(sorted.begin(), sorted.end(), [](double p, double q) { return std::isnan(p) ? !std::isnan(q) : !std::isnan(q) && p < q; });
    double got[3];
    prio::detail::score_order_statistics(x.data(), count, k[0], k[1], k[2], keys, got[0], got[1], got[2]);
    for (int s = 0; s < 3; ++s) {
      INFO("round " << round << ", k " << k[s]);
      const double want = sorted[k[s]] + 0.0;  // -0 as +0
      if (std::isnan(want)) {
        REQUIRE(std::isnan(got[s]));
      } else {
        REQUIRE(got[s] == want);
        REQUIRE(std::signbit(got[s]) == std::signbit(want));
      }
    }
  }
}

TEST_CASE("simulate: an ordering policy decides the places of every draw") {
  // WSJF = cost of delay / job size. a: 10 / U(1, 4); b: 10 / 2. a outscores b
  // when its job size is below 2: P = 1/3. An order that reverses each draw's
  // ranking puts a first with P = 2/3. 20000 draws: standard error 0.0033.
  prio::Backlog b;
  b.add(prio::Feature{.id = "a", .attributes = {{"business_value", 10}, {"time_criticality", 0}, {"risk_reduction", 0}, {"job_size", 2.5},
                                                {"job_size_lo", 1}, {"job_size_hi", 4}}});
  b.add(prio::Feature{.id = "b", .attributes = {{"business_value", 10}, {"time_criticality", 0}, {"risk_reduction", 0}, {"job_size", 2}}});
  const std::size_t draws = 20000;
  const double se = std::sqrt(2.0 / 9 / static_cast<double>(draws));
  const prio::SimulationOptions plain{.draws = draws, .seed = 5, .top_k = 1, .distribution = prio::Distribution::uniform};
  prio::SimulationOptions reversed = plain;
  reversed.order = [](const prio::Scores& s) {
    auto r = prio::rank(s);
    std::reverse(r.begin(), r.end());
    return r;
  };
  const auto p = prio::simulate(b, prio::wsjf(), plain);
  const auto r = prio::simulate(b, prio::wsjf(), reversed);
  CHECK(std::abs(p.p_top_k[0] - 1.0 / 3) < 4 * se);
  CHECK(std::abs(r.p_top_k[0] - 2.0 / 3) < 4 * se);
  CHECK(p.p_top_k[0] + r.p_top_k[0] == Approx(1.0));  // the same draws, reversed
}

TEST_CASE("simulate: PERT with the mode off the midpoint") {
  // PERT (0, mode 2.5, 10) is 10 Beta(1 + 4 x 0.25, 1 + 4 x 0.75) = 10 Beta(2, 4).
  // P(Beta(2, 4) > 0.5) = P(Binomial(5, 0.5) <= 1) = 6/32 = 0.1875; a PERT that
  // ignored the mode (Beta(3, 3)) would give 0.5. 20000 draws: se 0.0028.
  const std::size_t draws = 20000;
  const auto sim = prio::simulate(pair(2.5, 0, 10, 5), prio::rice(), {.draws = draws, .seed = 7, .top_k = 1, .distribution = prio::Distribution::pert});
  const double p = 6.0 / 32, se = std::sqrt(p * (1 - p) / static_cast<double>(draws));
  CHECK(std::abs(sim.p_top_k[0] - p) < 4 * se);
  // Median of 10 Beta(2, 4) (mode 2.5): about 3.14; of a midpoint PERT: 5.
  CHECK(sim.score_median[0] > 2.9);
  CHECK(sim.score_median[0] < 3.4);
}

TEST_CASE("simulate: median rank, rank interval, score quantiles and the interval option, enumerated") {
  // a = reach U(0, 10); b = 6 and c = 3 fixed. a's rank is 1 when a > 6 (P 0.4),
  // 2 when 3 < a < 6 (0.3), 3 when a < 3 (0.3): cumulative 0.4, 0.7, 1. b is 1
  // with P 0.6, else 2; c is 2 with P 0.3, else 3. Quantile q of a rank is the
  // smallest r with cumulative P >= q. With 20000 draws the empirical
  // cumulative probabilities are within 0.014 (4 se) of these, and every
  // quantile asked below is at least 0.05 away from a step, so the ranks are exact.
  // a's score quantile q is 10 q; its order statistic's se is 10 sqrt(q (1 - q) / draws).
  prio::Backlog b = pair(5, 0, 10, 6);
  b.add(prio::Feature{.id = "c", .attributes = {{"reach", 3}, {"impact", 1}, {"confidence", 1}, {"effort", 1}}});
  const std::size_t draws = 20000;
  auto score_tol = [&](double q) { return 4 * 10 * std::sqrt(q * (1 - q) / static_cast<double>(draws)); };
  struct Expect {
    double interval;
    double a_lo, a_hi, b_lo, b_hi, c_lo, c_hi;
  };
  for (const Expect e : {Expect{0.9, 1, 3, 1, 2, 2, 3}, Expect{0.5, 1, 3, 1, 2, 2, 3}, Expect{0.3, 1, 2, 1, 2, 3, 3}, Expect{0.1, 2, 2, 1, 1, 3, 3}}) {
    INFO("interval " << e.interval);
    const auto sim = prio::simulate(b, prio::rice(), {.draws = draws, .seed = 11, .top_k = 1, .distribution = prio::Distribution::uniform,
                                                      .interval = e.interval});
    CHECK(sim.median_rank[0] == 2);
    CHECK(sim.median_rank[1] == 1);
    CHECK(sim.median_rank[2] == 3);
    CHECK(sim.rank_lo[0] == e.a_lo);
    CHECK(sim.rank_hi[0] == e.a_hi);
    CHECK(sim.rank_lo[1] == e.b_lo);
    CHECK(sim.rank_hi[1] == e.b_hi);
    CHECK(sim.rank_lo[2] == e.c_lo);
    CHECK(sim.rank_hi[2] == e.c_hi);
    const double qlo = (1 - e.interval) / 2, qhi = 1 - qlo;
    CHECK(std::abs(sim.score_median[0] - 5) < score_tol(0.5));
    CHECK(std::abs(sim.score_lo[0] - 10 * qlo) < score_tol(qlo));
    CHECK(std::abs(sim.score_hi[0] - 10 * qhi) < score_tol(qhi));
    CHECK(sim.score_lo[1] == 6);
    CHECK(sim.score_hi[2] == 3);
    CHECK(std::abs(sim.p_top_k[0] - 0.4) < 4 * std::sqrt(0.24 / static_cast<double>(draws)));
  }
}

TEST_CASE("simulate and compare_strategies with a dependency graph: every draw respects the edges") {
  // b depends on a; a scores low, b high and uncertain: b can never come before a.
  prio::Backlog b;
  b.add(prio::Feature{.id = "a", .attributes = {{"reach", 1}, {"impact", 1}, {"confidence", 1}, {"effort", 1}}});
  b.add(prio::Feature{.id = "b", .attributes = {{"reach", 100}, {"impact", 1}, {"confidence", 1}, {"effort", 1}, {"reach_lo", 50}, {"reach_hi", 200}},
                      .depends_on = {"a"}});
  b.add(prio::Feature{.id = "c", .attributes = {{"reach", 60}, {"impact", 1}, {"confidence", 1}, {"effort", 1}, {"reach_lo", 10}, {"reach_hi", 300}}});
  const prio::DependencyGraph g(b);
  const auto plain = prio::simulate(b, prio::rice(), {.draws = 400, .seed = 2, .top_k = 1});
  const auto ordered = prio::simulate(b, prio::rice(), g, prio::greedy(), {.draws = 400, .seed = 2, .top_k = 1});
  CHECK(plain.p_top_k[1] > 0.5);    // b usually scores best
  CHECK(ordered.p_top_k[1] == 0.0);  // but never comes first
  CHECK(ordered.median_rank[0] < ordered.median_rank[1]);
  const auto c = prio::compare_strategies(b, {{"rice", prio::rice()}}, g, prio::greedy());
  CHECK(c.rankings[0] == prio::order(g, prio::score(b, prio::rice()), prio::greedy()));
}

TEST_CASE("simulate: bad ranges are errors naming the feature and the field") {
  prio::Backlog b = pair(5, 0, 10, 7);
  try {
    (void)prio::simulate(pair(11, 0, 10, 7), prio::rice(), {.draws = 10});
    FAIL("no error");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::invalid_value);
    CHECK(e.where().feature == "a");
    CHECK(e.where().field == "reach");
  }
  CHECK_THROWS_AS(prio::simulate(pair(5, 6, 4, 7), prio::rice(), {.draws = 10}), prio::error);
  b.set_value(0, "reach_hi", none);
  try {
    (void)prio::simulate(b, prio::rice(), {.draws = 10});
    FAIL("no error");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::missing_value);
    CHECK(e.where().field == "reach_hi");
  }
  prio::Backlog c = pair(5, 0, 10, 7);
  c.set_value(0, "effort_lo", 1);
  CHECK_THROWS_AS(prio::simulate(c, prio::rice(), {.draws = 10}), prio::error);  // effort_lo without effort_hi
  CHECK_THROWS_AS(prio::simulate(pair(5, 0, 10, 7), prio::rice(), {.draws = 0}), prio::error);
  CHECK_THROWS_AS(prio::simulate(pair(5, 0, 10, 7), prio::rice(), {.draws = 10, .memory_limit = 8}), prio::error);
}

TEST_CASE("ranges: simulate refuses exactly the backlogs whose ranges validate reports, with the same first problem") {
  // Generated backlogs with reach ranges: ends missing at random, reversed,
  // the estimate inside or outside, and sometimes a _lo or _hi column alone.
  prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(2024, 0);
  const auto pick = [&g](double p) { return g.uniform() < p; };
  std::size_t refused = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const bool lo_column = !pick(0.1), hi_column = !pick(0.1);
    prio::Backlog b;
    for (int i = 0; i < 4; ++i) {
      // Reversed ranges stay positive, so RICE's own checks (reach >= 0) never fire first.
      const double lo = 1 + 10 * g.uniform(), hi = pick(0.1) ? lo * (0.2 + 0.7 * g.uniform()) : lo + 5 * g.uniform();
      const double reach = pick(0.15) ? hi + 1 : (lo + hi) / 2;
      std::vector<std::pair<std::string, double>> attrs{
          {"reach", reach}, {"impact", 1}, {"confidence", 1}, {"effort", 1 + g.uniform()}};
      // A missing end is an attribute left out (a NaN value is refused by add).
      if (lo_column && !pick(0.05)) attrs.emplace_back("reach_lo", lo);
      if (hi_column && !pick(0.05)) attrs.emplace_back("reach_hi", hi);
      b.add(prio::Feature{.id = "f" + std::to_string(i), .attributes = attrs});
    }
    std::vector<prio::Diagnostic> problems;
    for (const auto& d : prio::validate(b))
      if (d.severity == prio::Severity::error) problems.push_back(d);
    for (const auto dist : {prio::Distribution::uniform, prio::Distribution::triangular, prio::Distribution::pert}) {
      if (problems.empty()) {
        CHECK_NOTHROW(prio::simulate(b, prio::rice(), {.draws = 10, .seed = 1, .top_k = 1, .distribution = dist}));
      } else {
        try {
          (void)prio::simulate(b, prio::rice(), {.draws = 10, .seed = 1, .top_k = 1, .distribution = dist});
          FAIL("simulate accepted a backlog validate refuses: " << problems.front().to_string());
        } catch (const prio::error& e) {
          CHECK(std::string(e.what()) == problems.front().to_error().what());
        }
      }
    }
    refused += !problems.empty();
  }
  CHECK(refused > 50);   // the generator reaches both sides
  CHECK(refused < 280);
}
