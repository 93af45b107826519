// RICE, ICE and WSJF: known answers from their authors, scales, missing-value
// policies and every error path.
#include <prio/prio.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "generators.hpp"

using prio::Backlog;
using prio::errc;
using prio::Feature;

namespace {
Backlog rice_backlog(std::vector<std::array<double, 4>> rows) {
  Backlog b;
  int i = 0;
  for (const auto& r : rows)
    b.add(Feature{.id = "p" + std::to_string(++i),
                  .attributes = {{"reach", r[0]}, {"impact", r[1]}, {"confidence", r[2]}, {"effort", r[3]}}});
  return b;
}

prio::error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const prio::error& e) {
    return e;
  }
  FAIL("expected a prio::error");
  return prio::error(errc::invalid_argument, "");
}
}  // namespace

TEST_CASE("RICE: Intercom's worked examples") {
  // Sean McBride, "RICE: Simple prioritization for product managers" (Intercom):
  // reach per quarter x impact (3 massive .. 0.25 minimal) x confidence / person-months.
  //   project 1: 450 x 3 x 100% / 2 = 675; project 2: 2000 x 1 x 80% / 4 = 400;
  //   project 3: 800 x 2 x 50% / 1 = 800.
  const Backlog b = rice_backlog({{450, 3, 1.0, 2}, {2000, 1, 0.8, 4}, {800, 2, 0.5, 1}});
  const prio::Scores s = prio::score(b, prio::rice({.strict = true}));
  CHECK(s[0] == Approx(675));
  CHECK(s[1] == Approx(400));
  CHECK(s[2] == Approx(800));
  CHECK(prio::rank(s) == std::vector<prio::FeatureIndex>{2, 0, 1});
  CHECK(s.strategy() == "rice");
}

TEST_CASE("RICE: the core contract's numbers") {
  const Backlog b = rice_backlog({{2000, 2, 0.8, 4}, {5000, 0.5, 1.0, 1}});
  const prio::Scores s = prio::score(b, prio::rice());
  CHECK(s[0] == 800);
  CHECK(s[1] == 2500);
}

TEST_CASE("RICE: the column kernel equals the formula feature by feature") {
  // Large enough for several blocks, with a block that needs the slow path.
  Backlog b = prio::test::random_backlog(10000, 42);
  const prio::Scores s = prio::score(b, prio::rice());
  for (prio::FeatureIndex i = 0; i < b.size(); ++i) {
    const double expected = b.value(i, "reach") * b.value(i, "impact") * b.value(i, "confidence") / b.value(i, "effort");
    REQUIRE(s[i] == expected);
  }
  b.set_value(7000, "reach", std::nan(""));
  const prio::Scores w = prio::score(b, prio::rice({.missing = prio::Missing::worst}));
  CHECK(w[7000] == 0);
  CHECK(w[6999] == s[6999]);
  CHECK(w[7001] == s[7001]);
}

TEST_CASE("RICE: values outside the definition are errors naming feature and field") {
  auto bad = [](std::array<double, 4> row) { return rice_backlog({{100, 1, 1, 1}, row}); };
  auto e = error_of([&] { (void)prio::score(bad({100, 1, 1, 0}), prio::rice()); });
  CHECK(e.code() == errc::invalid_value);
  CHECK(e.feature() == "p2");
  CHECK(e.field() == "effort");
  CHECK(e.description() == "effort must be > 0, got 0");
  CHECK(error_of([&] { (void)prio::score(bad({100, 1, 1, -2}), prio::rice()); }).field() == "effort");
  CHECK(error_of([&] { (void)prio::score(bad({-1, 1, 1, 1}), prio::rice()); }).field() == "reach");
  CHECK(error_of([&] { (void)prio::score(bad({1, -1, 1, 1}), prio::rice()); }).field() == "impact");
  e = error_of([&] { (void)prio::score(bad({1, 1, 1.5, 1}), prio::rice()); });
  CHECK(e.field() == "confidence");
  CHECK(e.description() == "confidence must be in [0, 1], got 1.5");
  // Strict: Intercom's scales.
  e = error_of([&] { (void)prio::score(bad({1, 1.5, 1, 1}), prio::rice({.strict = true})); });
  CHECK(e.field() == "impact");
  CHECK(e.description() == "impact must be one of 3, 2, 1, 0.5, 0.25 (strict scale), got 1.5");
  CHECK(error_of([&] { (void)prio::score(bad({1, 1, 0.7, 1}), prio::rice({.strict = true})); }).field() == "confidence");
  CHECK_NOTHROW(prio::score(bad({1, 1.5, 0.7, 1}), prio::rice()));
  // A missing attribute column.
  Backlog nothing;
  nothing.add(Feature{.id = "x", .attributes = {{"reach", 1}}});
  e = error_of([&] { (void)prio::score(nothing, prio::rice()); });
  CHECK(e.code() == errc::unknown_attribute);
  CHECK(e.field() == "impact");
}

TEST_CASE("RICE: missing values follow the declared policy") {
  Backlog b;
  b.add(Feature{.id = "full", .attributes = {{"reach", 100}, {"impact", 1}, {"confidence", 0.5}, {"effort", 2}}});
  b.add(Feature{.id = "no-confidence", .attributes = {{"reach", 100}, {"impact", 1}, {"effort", 2}}});
  b.add(Feature{.id = "no-effort", .attributes = {{"reach", 100}, {"impact", 1}, {"confidence", 1}}});
  auto e = error_of([&] { (void)prio::score(b, prio::rice()); });
  CHECK(e.code() == errc::missing_value);
  CHECK(e.feature() == "no-confidence");
  CHECK(e.field() == "confidence");
  const auto worst = prio::score(b, prio::rice({.missing = prio::Missing::worst}));
  CHECK(worst[0] == 25);
  CHECK(worst[1] == 0);
  CHECK(worst[2] == 0);
  // skip: a missing factor is neutral; effort divides and cannot be skipped.
  e = error_of([&] { (void)prio::score(b, prio::rice({.missing = prio::Missing::skip})); });
  CHECK(e.feature() == "no-effort");
  CHECK(e.field() == "effort");
  Backlog b2;
  b2.add(Feature{.id = "no-confidence", .attributes = {{"reach", 100}, {"impact", 1}, {"effort", 2}}});
  CHECK(prio::score(b2, prio::rice({.missing = prio::Missing::skip}))[0] == 50);
}

TEST_CASE("RICE: attribute names are configurable") {
  Backlog b;
  b.add(Feature{.id = "a", .attributes = {{"users", 10}, {"imp", 2}, {"conf", 0.5}, {"pm", 5}}});
  CHECK(prio::score(b, prio::rice({.reach = "users", .impact = "imp", .confidence = "conf", .effort = "pm"}))[0] == 2);
}

TEST_CASE("ICE: product and the named average variant") {
  Backlog b;
  b.add(Feature{.id = "a", .attributes = {{"impact", 8}, {"confidence", 5}, {"ease", 3}}});
  b.add(Feature{.id = "b", .attributes = {{"impact", 4}, {"confidence", 7}, {"ease", 9}}});
  const auto p = prio::score(b, prio::ice());
  CHECK(p[0] == 120);
  CHECK(p[1] == 252);
  CHECK(p.strategy() == "ice");
  const auto m = prio::score(b, prio::ice({.variant = prio::IceVariant::average}));
  CHECK(m[0] == Approx(16.0 / 3));
  CHECK(m[1] == Approx(20.0 / 3));
  CHECK(m.strategy() == "ice-average");
  b.add(Feature{.id = "c", .attributes = {{"impact", 11}, {"confidence", 5}, {"ease", 3}}});
  auto e = error_of([&] { (void)prio::score(b, prio::ice()); });
  CHECK(e.feature() == "c");
  CHECK(e.field() == "impact");
  CHECK(e.description() == "impact must be in [1, 10], got 11");
  Backlog frac;
  frac.add(Feature{.id = "x", .attributes = {{"impact", 2.5}, {"confidence", 5}, {"ease", 3}}});
  CHECK_NOTHROW(prio::score(frac, prio::ice()));
  CHECK(error_of([&] { (void)prio::score(frac, prio::ice({.strict = true})); }).field() == "impact");
  // skip: the average leaves the term out of the mean.
  Backlog gap;
  gap.add(Feature{.id = "x", .attributes = {{"impact", 6}, {"ease", 3}}});
  gap.set_value(0, "confidence", std::nan(""));
  CHECK(prio::score(gap, prio::ice({.variant = prio::IceVariant::average, .missing = prio::Missing::skip}))[0] == 4.5);
  CHECK(prio::score(gap, prio::ice({.missing = prio::Missing::skip}))[0] == 18);
}

TEST_CASE("a feature's score does not depend on its neighbours (vectorized blocks and the per-feature path agree)") {
  // ICE's average is (impact + confidence + ease) / 3 exactly as written: for
  // 327 of the 1000 combinations of 1..10, x * (1/3) differs from x / 3 in the
  // last bit. Every combination, scored in blocks of the vectorized path, then
  // again with a missing value in every block (forcing the per-feature path).
  Backlog b;
  for (int i = 1; i <= 10; ++i)
    for (int c = 1; c <= 10; ++c)
      for (int e = 1; e <= 10; ++e)
        b.add(Feature{.id = "f" + std::to_string(b.size()), .attributes = {{"impact", i}, {"confidence", c}, {"ease", e}}});
  const auto avg = prio::ice({.variant = prio::IceVariant::average, .missing = prio::Missing::skip});
  const prio::Scores fast = prio::score(b, avg);
  for (prio::FeatureIndex f = 0; f < b.size(); ++f)
    REQUIRE(fast[f] == (b.value(f, "impact") + b.value(f, "confidence") + b.value(f, "ease")) / 3);
  Backlog holes = b;
  for (prio::FeatureIndex f = 0; f < b.size(); f += 100) holes.set_value(f, "ease", std::nan(""));
  const prio::Scores slow = prio::score(holes, avg);
  for (prio::FeatureIndex f = 0; f < b.size(); ++f)
    if (f % 100 != 0) REQUIRE(slow[f] == fast[f]);
  // The same for RICE, ICE's product and WSJF on generated backlogs.
  Backlog r = prio::test::random_backlog(3000, 7);
  const std::pair<prio::Strategy, const char*> cases[] = {
      {prio::Strategy(prio::rice({.missing = prio::Missing::worst})), "effort"},
      {prio::Strategy(prio::ice({.impact = "ice_impact", .confidence = "ice_confidence", .missing = prio::Missing::worst})), "ease"},
      {prio::Strategy(prio::wsjf({.missing = prio::Missing::worst})), "job_size"}};
  for (const auto& [s, attribute] : cases) {
    const prio::Scores all = s.score(r);
    Backlog gaps = r;
    for (prio::FeatureIndex f = 0; f < r.size(); f += 700) gaps.set_value(f, attribute, std::nan(""));
    const prio::Scores some = s.score(gaps);
    for (prio::FeatureIndex f = 0; f < r.size(); ++f)
      if (f % 700 != 0) REQUIRE(some[f] == all[f]);
  }
}

TEST_CASE("WSJF: Reinertsen's three jobs, ordered as SAFe prescribes") {
  // Reinertsen, The Principles of Product Development Flow (F16), as used by
  // SAFe's WSJF article: cost of delay 10, 3, 1 and durations 1, 3, 10 give
  // WSJF 10, 1, 0.1 -- do A, then B, then C.
  Backlog b;
  b.add(Feature{.id = "C", .attributes = {{"business_value", 1}, {"time_criticality", 0}, {"risk_reduction", 0}, {"job_size", 10}}});
  b.add(Feature{.id = "A", .attributes = {{"business_value", 5}, {"time_criticality", 3}, {"risk_reduction", 2}, {"job_size", 1}}});
  b.add(Feature{.id = "B", .attributes = {{"business_value", 1}, {"time_criticality", 1}, {"risk_reduction", 1}, {"job_size", 3}}});
  const auto s = prio::score(b, prio::wsjf());
  CHECK(s[0] == Approx(0.1));
  CHECK(s[1] == 10);
  CHECK(s[2] == 1);
  CHECK(prio::test::ids_of(b, prio::rank(s)) == std::vector<std::string>{"A", "B", "C"});
  auto e = error_of([&] { (void)prio::score(b, prio::wsjf({.strict = true})); });
  CHECK(e.feature() == "C");
  CHECK(e.description() == "time_criticality must be one of 1, 2, 3, 5, 8, 13, 20 (strict scale), got 0");
  b.set_value(2, "job_size", 0);
  e = error_of([&] { (void)prio::score(b, prio::wsjf()); });
  CHECK(e.feature() == "B");
  CHECK(e.field() == "job_size");
}

TEST_CASE("WSJF order minimizes the total cost of delay (Smith's rule), checked by brute force") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 2 + prio::test::below(rng, 5);
    Backlog b;
    std::vector<double> cod(n), size(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double bv = static_cast<double>(1 + prio::test::below(rng, 20)), tc = static_cast<double>(prio::test::below(rng, 20));
      size[i] = static_cast<double>(1 + prio::test::below(rng, 20));
      cod[i] = bv + tc;
      b.add(Feature{.id = "j" + std::to_string(i),
                    .attributes = {{"business_value", bv}, {"time_criticality", tc}, {"risk_reduction", 0}, {"job_size", size[i]}}});
    }
    auto cost = [&](const std::vector<prio::FeatureIndex>& order) {
      double t = 0, total = 0;
      for (auto i : order) {
        t += size[i];
        total += cod[i] * t;
      }
      return total;
    };
    std::vector<prio::FeatureIndex> perm(n);
    std::iota(perm.begin(), perm.end(), prio::FeatureIndex{0});
    double best = INFINITY;
    do best = std::min(best, cost(perm));
    while (std::next_permutation(perm.begin(), perm.end()));
    REQUIRE(cost(prio::rank(prio::score(b, prio::wsjf()))) == Approx(best));
  }
}

TEST_CASE("validate(backlog, strategy) lists every problem instead of the first") {
  const Backlog b = rice_backlog({{100, 1, 1, 0}, {-5, 1, 2, 1}, {100, 1, 1, 1}});
  const auto diags = prio::validate(b, prio::rice());
  REQUIRE(diags.size() == 3);
  CHECK(diags[0].where.feature == "p1");
  CHECK(diags[0].where.field == "effort");
  CHECK(diags[1].where.field == "reach");
  CHECK(diags[2].where.field == "confidence");
  CHECK(diags[2].to_string() == "error: feature 'p2', field 'confidence': confidence must be in [0, 1], got 2");
  CHECK(prio::has_errors(diags));
  CHECK(prio::validate(rice_backlog({{1, 1, 1, 1}}), prio::rice()).empty());
}

TEST_CASE("a custom strategy is any callable returning scores") {
  const Backlog b = rice_backlog({{10, 1, 1, 1}, {30, 1, 1, 1}, {20, 1, 1, 1}});
  auto reach_only = [](const Backlog& bl) { return Eigen::VectorXd(bl.column("reach")); };
  const auto s = prio::score(b, reach_only);
  CHECK(prio::rank(s) == std::vector<prio::FeatureIndex>{1, 2, 0});
  CHECK(s.strategy() == "custom");
  const prio::Strategy named = prio::custom("reach", reach_only);
  CHECK(named.name() == "reach");
  CHECK(prio::rank(named.score(b)) == std::vector<prio::FeatureIndex>{1, 2, 0});
  CHECK(prio::explain(b, named, 1).score == 30);
  const prio::Strategy wrong = prio::custom("short", [](const Backlog&) { return Eigen::VectorXd(Eigen::VectorXd::Zero(1)); });
  CHECK(error_of([&] { (void)wrong.score(b); }).code() == errc::size_mismatch);
  std::vector<prio::Diagnostic> d;
  wrong.check(b, d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == errc::size_mismatch);
}
