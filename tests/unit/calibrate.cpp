// Calibration of estimates from history, and simulate drawing from it.
#include <catch2/catch.hpp>

#include <prio/experiment/calibrate.hpp>
#include <prio/experiment/simulate.hpp>
#include <prio/strategies/rice.hpp>

#include <cmath>

#include "history_generator.hpp"

namespace {
prio::Backlog pairs(const std::vector<std::pair<double, double>>& ea) {
  prio::Backlog b;
  for (std::size_t i = 0; i < ea.size(); ++i)
    b.add({.id = "f" + std::to_string(i + 1), .attributes = {{"est", ea[i].first}, {"act", ea[i].second}}});
  return b;
}
}  // namespace

TEST_CASE("quantiles by hand: type 7, the median of an even count is the mean of the middle two") {
  // Ratios 1, 2, 4, 8 (act / est).
  const auto c = prio::calibrate(pairs({{1, 1}, {1, 2}, {2, 8}, {1, 8}}), "est", "act");
  CHECK(c.overall.count == 4);
  CHECK(c.overall.median == 3);                 // (2 + 4) / 2
  CHECK(c.overall.p10 == Approx(1.3));          // h = 0.3: 1 + 0.3 x (2 - 1)
  CHECK(c.overall.p90 == Approx(6.8));          // h = 2.7: 4 + 0.7 x (8 - 4)
  CHECK(c.overall.mu == Approx(1.5 * std::log(2.0)));   // mean of 0, 1, 2, 3 times ln 2
  CHECK(c.overall.sigma == Approx(std::sqrt(1.25) * std::log(2.0)));
  // KS D of 4 points at z = -1.342, -0.447, 0.447, 1.342 standard deviations.
  double d = 0;
  for (int i = 0; i < 4; ++i) {
    const double F = 0.5 * std::erfc(-((i - 1.5) / std::sqrt(1.25)) / std::sqrt(2.0));
    d = std::max({d, (i + 1) / 4.0 - F, F - i / 4.0});
  }
  CHECK(c.overall.ks_d == Approx(d));
  CHECK(c.overall.ks_critical == Approx(0.886 / 2));
}

TEST_CASE("zero and missing estimates or actuals are counted and named, never used") {
  prio::Backlog b = pairs({{1, 2}, {0, 3}, {2, 0}, {-1, 1}, {4, 4}});
  b.add({.id = "f6", .attributes = {{"act", 1}}});
  b.add({.id = "f7", .attributes = {{"est", 1}}});
  const auto c = prio::calibrate(b, "est", "act");
  CHECK(c.overall.count == 2);
  CHECK(c.excluded.zero_estimate == std::vector<std::string>{"f2"});
  CHECK(c.excluded.zero_actual == std::vector<std::string>{"f3"});
  CHECK(c.excluded.negative == std::vector<std::string>{"f4"});
  CHECK(c.excluded.missing_estimate == std::vector<std::string>{"f6"});
  CHECK(c.excluded.missing_actual == std::vector<std::string>{"f7"});
  CHECK(c.excluded.total() == 5);
  CHECK_THROWS_WITH(prio::calibrate(pairs({{0, 1}, {1, 0}}), "est", "act"),
                    "[prio.error.302] calibrate: no feature has a positive 'est' and a positive 'act' (2 features: 0 missing "
                    "estimate, 0 missing actual, 1 zero estimate, 1 zero actual, 0 negative)");
  CHECK_THROWS_WITH(prio::calibrate(b, "estimate", "act"),
                    "[prio.error.107] field 'estimate': the history has no column 'estimate' (the estimate column)");
}

TEST_CASE("calibrate recovers mu and sigma of generated lognormal ratios, per team") {
  std::vector<std::string> teams;
  const prio::Backlog h = prio::test::make_history({.features = 6000, .seed = 7, .noise = 0.35, .teams = true}, &teams);
  const auto c = prio::calibrate(h, "effort", "actual_effort", &teams, "team");
  REQUIRE(c.groups.size() == 3);
  for (const auto& g : c.groups) {
    double mu = 0;
    for (const auto& [name, bias] : prio::test::history_teams())
      if (g.group == name) mu = bias;
    INFO(g.group);
    // Rounding estimates to 0.1 (at least 0.1) adds a little spread; ~2000 ratios each.
    CHECK(g.mu == Approx(mu).margin(0.04));
    CHECK(g.sigma == Approx(0.35).margin(0.04));
    CHECK(g.median == Approx(std::exp(mu)).epsilon(0.05));
  }
  CHECK(c.fit_for("growth").group == "growth");
  CHECK(c.fit_for("unknown").group.empty());
}

TEST_CASE("KS D: below Lilliefors' 5% value for lognormal ratios, far above it for uniform ones") {
  prio::detail::Xoshiro256 g = prio::detail::Xoshiro256::stream(5, 0);
  std::vector<std::pair<double, double>> ln, un;
  for (int i = 0; i < 2000; ++i) {
    ln.push_back({1, std::exp(0.2 + 0.5 * prio::detail::normal(g))});
    un.push_back({1, 0.5 + g.uniform()});
  }
  const auto a = prio::calibrate(pairs(ln), "est", "act");
  CHECK(a.overall.mu == Approx(0.2).margin(0.03));
  CHECK(a.overall.sigma == Approx(0.5).margin(0.03));
  CHECK(a.overall.ks_d < a.overall.ks_critical);
  const auto b = prio::calibrate(pairs(un), "est", "act");
  CHECK(b.overall.ks_d > 1.5 * b.overall.ks_critical);
}

TEST_CASE("simulate with a calibration draws x R for features without a range, bit-identical without one") {
  prio::Backlog b;
  b.add({.id = "a", .attributes = {{"reach", 100}, {"impact", 1}, {"confidence", 1}, {"effort", 2}}});
  b.add({.id = "b", .attributes = {{"reach", 100}, {"impact", 1}, {"confidence", 1}, {"effort", 2.2}}});
  b.add({.id = "c", .attributes = {{"reach", 30}, {"impact", 1}, {"confidence", 1}, {"effort", 1}}});
  prio::Calibration cal;
  cal.estimate = "effort";
  cal.overall.mu = std::log(1.5);
  cal.overall.sigma = 0.4;
  const auto plain = prio::simulate(b, prio::rice(), {.draws = 2000, .seed = 3});
  CHECK(plain.uncertain.empty());
  CHECK(plain.p_top_k[0] == 1);
  const auto withc = prio::simulate(b, prio::rice(), {.draws = 2000, .seed = 3, .top_k = 1, .distribution = prio::Distribution::lognormal, .calibration = cal});
  CHECK(withc.uncertain == std::vector<std::string>{"effort"});
  // a and b are near-equal: each is first in a good share of the draws; c is first when both draw high.
  CHECK(withc.p_top_k[0] > 0.3);
  CHECK(withc.p_top_k[1] > 0.25);
  // The same as simulating the backlog with the ranges apply_calibration writes.
  const prio::Backlog ranged = prio::apply_calibration(b, cal);
  CHECK(ranged.value(0, "effort_lo") == Approx(2 * std::exp(std::log(1.5) - prio::detail::z95 * 0.4)));
  const auto direct = prio::simulate(ranged, prio::rice(), {.draws = 2000, .seed = 3, .top_k = 1, .distribution = prio::Distribution::lognormal});
  CHECK(direct.p_top_k == withc.p_top_k);
  // Median effort draw of a is 2 x 1.5 = 3: its score median is 100 / 3.
  CHECK(withc.score_median[0] == Approx(100.0 / 3).epsilon(0.03));
  CHECK_THROWS_WITH(prio::simulate(b, prio::rice(), {.draws = 10, .calibration = cal}),
                    "[prio.error.302] simulate: a calibration draws lognormal ratios; use Distribution::lognormal");
}
