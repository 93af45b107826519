// Weighted KPI scores: each normalization, weights, OKR trees, missing values,
// and how normalizations behave when a feature is added.
#include <prio/prio.hpp>

#include <catch2/catch.hpp>

#include <cmath>

#include "generators.hpp"

using prio::Backlog;
using prio::Direction;
using prio::errc;
using prio::Feature;
using prio::Normalization;

namespace {
Backlog kpis(std::vector<std::pair<double, double>> rows) {
  Backlog b;
  int i = 0;
  for (auto [retention, cost] : rows)
    b.add(Feature{.id = "k" + std::to_string(++i), .attributes = {{"retention", retention}, {"cost", cost}}});
  return b;
}
const std::vector<prio::Criterion> retention_cost{{"retention", 0.6, Direction::benefit}, {"cost", 0.4, Direction::cost}};
}  // namespace

TEST_CASE("min-max normalization, worked by hand") {
  // retention 2, 6, 10 -> 0, .5, 1; cost 10, 30, 20 (lower is better) -> 1, 0, .5.
  const Backlog b = kpis({{2, 10}, {6, 30}, {10, 20}});
  const auto s = prio::score(b, prio::weighted(retention_cost, Normalization::min_max));
  CHECK(s[0] == Approx(0.4));
  CHECK(s[1] == Approx(0.3));
  CHECK(s[2] == Approx(0.8));
  CHECK(s.strategy() == "weighted(min_max)");
}

TEST_CASE("weights are normalized; negative or all-zero weights are errors") {
  const Backlog b = kpis({{2, 10}, {6, 30}, {10, 20}});
  const auto a = prio::score(b, prio::weighted({{"retention", 3}, {"cost", 2, Direction::cost}}));
  const auto c = prio::score(b, prio::weighted(retention_cost));
  for (prio::FeatureIndex i = 0; i < 3; ++i) CHECK(a[i] == Approx(c[i]));
  auto code = [&](std::vector<prio::Criterion> cr) {
    try {
      (void)prio::score(b, prio::weighted(std::move(cr)));
    } catch (const prio::error& e) {
      return e.code();
    }
    return errc::cycle;  // "no error"
  };
  CHECK(code({{"retention", -1}, {"cost", 2}}) == errc::invalid_weight);
  CHECK(code({{"retention", 0}, {"cost", 0}}) == errc::invalid_weight);
  CHECK(code({{"retention", NAN}}) == errc::invalid_weight);
  CHECK(code({}) == errc::invalid_weight);
  CHECK(code({{"nope", 1}}) == errc::unknown_attribute);
}

TEST_CASE("z-score, vector and rank normalizations") {
  const Backlog b = kpis({{1, 10}, {2, 10}, {3, 40}, {3, 20}});
  SECTION("z-score: (x - mean) / population sd") {
    const auto s = prio::score(b, prio::weighted({{"retention", 1}}, Normalization::z_score));
    const double mean = 2.25, sd = std::sqrt((1.5625 + 0.0625 + 0.5625 + 0.5625) / 4);
    CHECK(s[0] == Approx((1 - mean) / sd));
    CHECK(s[3] == Approx((3 - mean) / sd));
    const auto c = prio::score(b, prio::weighted({{"cost", 1, Direction::cost}}, Normalization::z_score));
    CHECK(c[2] < c[3]);
    CHECK(c[3] < c[0]);
    CHECK(c[0] == c[1]);
  }
  SECTION("vector: x / ||x||_2, cost 1 - x / ||x||_2") {
    const auto s = prio::score(b, prio::weighted({{"retention", 1}}, Normalization::vector));
    CHECK(s[1] == Approx(2 / std::sqrt(23.0)));
    const auto c = prio::score(b, prio::weighted({{"cost", 1, Direction::cost}}, Normalization::vector));
    CHECK(c[2] == Approx(1 - 40 / std::sqrt(2200.0)));
  }
  SECTION("rank: average ranks for ties, scaled to [0, 1]") {
    const auto s = prio::score(b, prio::weighted({{"retention", 1}}, Normalization::rank));
    CHECK(s[0] == 0);
    CHECK(s[1] == Approx(1.0 / 3));
    CHECK(s[2] == Approx(2.5 / 3));
    CHECK(s[3] == Approx(2.5 / 3));
  }
}

TEST_CASE("fixed normalization: declared scales, values outside are errors") {
  const std::vector<prio::Criterion> fixed{{"retention", 0.6, Direction::benefit, 0, 10}, {"cost", 0.4, Direction::cost, 0, 100}};
  const Backlog b = kpis({{2, 10}, {6, 30}});
  const auto s = prio::score(b, prio::weighted(fixed, Normalization::fixed));
  CHECK(s[0] == Approx(0.6 * 0.2 + 0.4 * 0.9));
  CHECK(s[1] == Approx(0.6 * 0.6 + 0.4 * 0.7));
  try {
    (void)prio::score(kpis({{2, 10}, {12, 30}}), prio::weighted(fixed, Normalization::fixed));
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == errc::invalid_value);
    CHECK(e.feature() == "k2");
    CHECK(e.field() == "retention");
    CHECK(e.description() == "value 12 is outside the declared scale [0, 10]");
  }
  try {
    (void)prio::score(b, prio::weighted({{"retention", 1}}, Normalization::fixed));
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == errc::invalid_argument);
    CHECK(e.field() == "retention");
  }
}

TEST_CASE("adding a feature: fixed never reorders the others, min-max can") {
  // Property over generated backlogs: with fixed scales, the relative order of
  // the existing features is unchanged by any added feature.
  const std::vector<prio::Criterion> fixed{{"retention", 0.5, Direction::benefit, 0, 10}, {"cost", 0.5, Direction::cost, 0, 100}};
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const Backlog b = prio::test::random_backlog(40, seed);
    Backlog bigger = b;
    std::mt19937_64 rng(seed);
    bigger.add(Feature{.id = "zz-new", .attributes = {{"retention", prio::test::uniform(rng, 0, 10)}, {"cost", prio::test::uniform(rng, 1, 100)}}});
    auto before = prio::test::ids_of(b, prio::rank(prio::score(b, prio::weighted(fixed, Normalization::fixed))));
    auto after = prio::test::ids_of(bigger, prio::rank(prio::score(bigger, prio::weighted(fixed, Normalization::fixed))));
    after.erase(std::find(after.begin(), after.end(), "zz-new"));
    REQUIRE(before == after);
  }
  // Min-max: a documented rank reversal. k2 beats k1; adding k4, dominated by
  // both (less retention, far more cost), stretches the cost scale and k1
  // overtakes k2.
  Backlog b = kpis({{10, 50}, {6, 10}});  // k1 retention-heavy, k2 cheap
  const auto w = prio::weighted({{"retention", 0.5}, {"cost", 0.5, Direction::cost}}, Normalization::min_max);
  b.add(Feature{.id = "k3", .attributes = {{"retention", 0}, {"cost", 10}}});
  const auto r1 = prio::test::ids_of(b, prio::rank(prio::score(b, w)));
  b.add(Feature{.id = "k4", .attributes = {{"retention", 5}, {"cost", 1000}}});
  auto r2 = prio::test::ids_of(b, prio::rank(prio::score(b, w)));
  r2.erase(std::find(r2.begin(), r2.end(), "k4"));
  CHECK(r1 == std::vector<std::string>{"k2", "k1", "k3"});
  CHECK(r2 == std::vector<std::string>{"k1", "k2", "k3"});
}

TEST_CASE("min-max maps each criterion onto [0, 1] with the best feature at 1") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Backlog b = prio::test::random_backlog(50, seed);
    const auto s = prio::score(b, prio::weighted({{"retention", 1}}, Normalization::min_max));
    CHECK(s.values().minCoeff() == 0);
    CHECK(s.values().maxCoeff() == 1);
    const auto r = prio::rank(s);
    CHECK(b.value(r.front(), "retention") == b.column("retention").maxCoeff());
  }
}

TEST_CASE("OKR and North Star trees flatten to criteria") {
  const auto criteria = prio::okr_criteria({{"Grow", 3, {{"signups", 1}, {"activation", 3}}},
                                            {"Keep", 1, {{"retention", 2}, {"cost", 2, Direction::cost}}}});
  REQUIRE(criteria.size() == 4);
  CHECK(criteria[0].weight == Approx(0.75 * 0.25));
  CHECK(criteria[1].weight == Approx(0.75 * 0.75));
  CHECK(criteria[2].weight == Approx(0.25 * 0.5));
  CHECK(criteria[3].direction == Direction::cost);
  double total = 0;
  for (const auto& c : criteria) total += c.weight;
  CHECK(total == Approx(1));
  CHECK_THROWS_AS(prio::okr_criteria({{"Grow", -1, {{"signups", 1}}}}), prio::error);
  CHECK_THROWS_AS(prio::okr_criteria({{"Grow", 1, {}}}), prio::error);
  CHECK_THROWS_AS(prio::okr_criteria({{"Grow", 0, {{"signups", 1}}}}), prio::error);
}

TEST_CASE("weighted: missing values under each policy") {
  Backlog b = kpis({{2, 10}, {6, 30}, {10, 20}});
  b.set_value(1, "retention", NAN);
  try {
    (void)prio::score(b, prio::weighted(retention_cost));
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == errc::missing_value);
    CHECK(e.feature() == "k2");
    CHECK(e.field() == "retention");
  }
  // worst: the lowest normalized retention among the others (0).
  const auto w = prio::score(b, prio::weighted(retention_cost, Normalization::min_max, prio::Missing::worst));
  CHECK(w[1] == Approx(0.6 * 0 + 0.4 * 0));
  CHECK(w[0] == Approx(0.6 * 0 + 0.4 * 1));
  // skip: k2 is scored on cost alone (weight renormalized to 1).
  const auto s = prio::score(b, prio::weighted(retention_cost, Normalization::min_max, prio::Missing::skip));
  CHECK(s[1] == Approx(0));
  CHECK(s[2] == Approx(0.6 * 1 + 0.4 * 0.5));
  const auto e = prio::explain(b, prio::weighted(retention_cost, Normalization::min_max, prio::Missing::skip), 1);
  CHECK(e.terms[0].note == "missing: skipped");
  CHECK(e.terms[1].weight == Approx(1));
  const auto diags = prio::validate(b, prio::weighted(retention_cost));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == errc::missing_value);
}

TEST_CASE("weighted explanation: contributions add up to the score") {
  // The score's one-pass affine kernel against the per-criterion matrix that
  // explain uses, for every normalization.
  const Backlog b = prio::test::random_backlog(600, 3);  // several 512-row blocks of the affine kernel
  const auto norm = GENERATE(Normalization::min_max, Normalization::z_score, Normalization::vector, Normalization::rank,
                             Normalization::fixed);
  const auto w = prio::weighted({{"retention", 2, Direction::benefit, 0, 10}, {"cost", 1, Direction::cost, 0, 100},
                                 {"reach", 1, Direction::benefit, 0, 10000}},
                                norm);
  const auto s = prio::score(b, w);
  for (prio::FeatureIndex i = 0; i < b.size(); ++i) {
    const auto e = prio::explain(b, w, i);
    double sum = 0;
    for (const auto& t : e.terms) sum += t.contribution;
    REQUIRE(sum == Approx(s[i]));
    REQUIRE(e.score == Approx(s[i]));
  }
}

TEST_CASE("weighted: missing values under every normalization, by hand") {
  // retention 4, missing, 8, 6 (benefit, weight 0.6); cost 10, 30, 20, 40 (cost, 0.4).
  // Each normalization uses the present values only; "worst" gives k2 the lowest
  // normalized retention of the others, "skip" scores k2 on cost alone. A bug
  // reading the missing value as 0 would shift k1's retention off its lowest
  // place (min-max 0.5 instead of 0), so every case below would fail.
  Backlog b = kpis({{4, 10}, {5, 30}, {8, 20}, {6, 40}});
  b.set_value(1, "retention", NAN);
  struct Case {
    Normalization n;
    double k1, k2_worst, k2_skip, k3, k4;
  };
  const double zr = 2 / std::sqrt(8.0 / 3), zc = 1 / std::sqrt(125.0);  // retention sd sqrt(8/3) around 6; cost sd sqrt(125) around 25
  const double vr = 1 / std::sqrt(116.0), vc = 1 / std::sqrt(3000.0);    // vector norms of the present values
  const Case cases[] = {
      // min-max: retention (x - 4) / 4 -> 0, -, 1, 0.5; cost (40 - x) / 30 -> 1, 1/3, 2/3, 0.
      {Normalization::min_max, 0.4, 0.4 / 3, 1.0 / 3, 0.6 + 0.4 * 2 / 3, 0.3},
      // z-score: retention -zr, -, zr, 0; cost -(x - 25) zc -> 15zc, -5zc, 5zc, -15zc.
      {Normalization::z_score, -0.6 * zr + 0.4 * 15 * zc, -0.6 * zr - 0.4 * 5 * zc, -5 * zc, 0.6 * zr + 0.4 * 5 * zc, -0.4 * 15 * zc},
      // vector: retention x vr; cost 1 - x vc.
      {Normalization::vector, 0.6 * 4 * vr + 0.4 * (1 - 10 * vc), 0.6 * 4 * vr + 0.4 * (1 - 30 * vc), 1 - 30 * vc,
       0.6 * 8 * vr + 0.4 * (1 - 20 * vc), 0.6 * 6 * vr + 0.4 * (1 - 40 * vc)},
      // rank: retention 0, -, 1, 0.5 (three present); cost 1 - rank / 3 -> 1, 1/3, 2/3, 0.
      {Normalization::rank, 0.4, 0.4 / 3, 1.0 / 3, 0.6 + 0.4 * 2 / 3, 0.3},
      // fixed [0, 10] and [0, 50]: retention 0.4, -, 0.8, 0.6; cost (50 - x) / 50 -> 0.8, 0.4, 0.6, 0.2.
      {Normalization::fixed, 0.6 * 0.4 + 0.4 * 0.8, 0.6 * 0.4 + 0.4 * 0.4, 0.4, 0.6 * 0.8 + 0.4 * 0.6, 0.6 * 0.6 + 0.4 * 0.2},
  };
  for (const auto& c : cases) {
    INFO(prio::to_string(c.n));
    std::vector<prio::Criterion> cr{{"retention", 0.6, Direction::benefit, 0, 10}, {"cost", 0.4, Direction::cost, 0, 50}};
    const auto w = prio::score(b, prio::weighted(cr, c.n, prio::Missing::worst));
    const auto s = prio::score(b, prio::weighted(cr, c.n, prio::Missing::skip));
    CHECK(w[0] == Approx(c.k1).margin(1e-12));
    CHECK(w[1] == Approx(c.k2_worst).margin(1e-12));
    CHECK(w[2] == Approx(c.k3).margin(1e-12));
    CHECK(w[3] == Approx(c.k4).margin(1e-12));
    CHECK(s[0] == Approx(c.k1).margin(1e-12));
    CHECK(s[1] == Approx(c.k2_skip).margin(1e-12));
    CHECK(s[2] == Approx(c.k3).margin(1e-12));
    CHECK(s[3] == Approx(c.k4).margin(1e-12));
    for (prio::FeatureIndex i = 0; i < b.size(); ++i) {  // explanations agree
      CHECK(prio::explain(b, prio::weighted(cr, c.n, prio::Missing::worst), i).score == Approx(w[i]).margin(1e-12));
      CHECK(prio::explain(b, prio::weighted(cr, c.n, prio::Missing::skip), i).score == Approx(s[i]).margin(1e-12));
    }
  }
}
