// Jira Product Discovery's weighted score (Normalization::jpd), with
// Atlassian's documented examples ("Expression-based formulas" page of the
// JPD documentation) as known answers.
#include <catch2/catch.hpp>

#include <prio/io.hpp>
#include <prio/spec.hpp>
#include <prio/prio.hpp>

#include <vector>

namespace {

prio::Backlog backlog(const std::vector<double>& x, const std::vector<double>& y = {}) {
  prio::Backlog b;
  for (std::size_t i = 0; i < x.size(); ++i) {
    prio::Feature f{.id = "idea" + std::to_string(i + 1)};
    f.attributes.push_back({"x", x[i]});
    if (!y.empty()) f.attributes.push_back({"y", y[i]});
    b.add(std::move(f));
  }
  return b;
}

std::vector<double> jpd(const prio::Backlog& b, std::vector<prio::Criterion> c) {
  const auto s = prio::weighted(std::move(c), prio::Normalization::jpd).score(b);
  return {s.values().data(), s.values().data() + s.values().size()};
}

}  // namespace

TEST_CASE("JPD: only positive values, 0 is the minimum (6, 3, 2 -> 100, 50, 33)") {
  const auto s = jpd(backlog({6, 3, 2}), {{"x", 1}});
  CHECK(s[0] == 100);
  CHECK(s[1] == 50);
  CHECK(s[2] == Approx(100.0 / 3));
}

TEST_CASE("JPD: a 5/5 rating is 100 and 4/5 is 80; ratings 4, 3, 1 are 100, 75, 25") {
  CHECK(jpd(backlog({5, 4}), {{"x", 1}}) == std::vector<double>{100, 80});
  CHECK(jpd(backlog({4, 3, 1}), {{"x", 1}}) == std::vector<double>{100, 75, 25});
}

TEST_CASE("JPD: with negative values the smallest is the minimum (5, 1, -5 -> 100, 60, 0)") {
  CHECK(jpd(backlog({5, 1, -5}), {{"x", 1}}) == std::vector<double>{100, 60, 0});
}

TEST_CASE("JPD: only negative values: the lowest is 0 and the highest 100") {
  // Atlassian's page lists -5, -2, -1 -> 0, 66, 100; its own rule (lowest ->
  // 0, highest -> 100, linear between) gives 75 for -2, which is what prio does.
  CHECK(jpd(backlog({-5, -2, -1}), {{"x", 1}}) == std::vector<double>{0, 75, 100});
}

TEST_CASE("JPD: weights on normalized inputs, the sum normalized again; negative weights divide") {
  const auto b = backlog({4, 2, 1}, {2, 1, 4});
  // Positive only: 0.75 x (100, 50, 25) + 0.25 x (50, 25, 100) = 87.5, 43.75, 43.75 -> 100, 50, 50.
  const auto p = jpd(b, {{"x", 3}, {"y", 1}});
  CHECK(p[0] == 100);
  CHECK(p[1] == 50);
  CHECK(p[2] == 50);
  // impact weight 1, effort weight -1: (100, 50, 25) / (50, 25, 100) = 2, 2, 0.25.
  const auto r = jpd(b, {{"x", 1}, {"y", 1, prio::Direction::cost}});
  CHECK(r == std::vector<double>{2, 2, 0.25});
}

TEST_CASE("JPD through the strategy spec: weighted:jpd with a negative weight") {
  prio::StrategyOptions o;
  o.weights = "x=1,y=-1";
  const auto s = prio::parse_strategy("weighted:jpd", o).score(backlog({4, 2, 1}, {2, 1, 4}));
  CHECK(s.values()[2] == 0.25);
  CHECK(s.strategy() == "weighted(jpd)");
}

TEST_CASE("JPD: a zero denominator is an error naming the feature") {
  const auto b = backlog({4, 2}, {0, 1});
  std::vector<prio::Diagnostic> d;
  prio::weighted({{"x", 1}, {"y", 1, prio::Direction::cost}}, prio::Normalization::jpd).check(b, d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].where.feature == "idea1");
}
