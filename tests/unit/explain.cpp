// prio::explain: terms, formulas, and why one feature outranks another.
#include <prio/prio.hpp>

#include <catch2/catch.hpp>

#include <sstream>

#include "generators.hpp"

using prio::Backlog;
using prio::Feature;

namespace {
Backlog contract() {
  Backlog b;
  b.add(Feature{.id = "sso", .title = "Single sign-on",
                .attributes = {{"reach", 2000}, {"impact", 2}, {"confidence", 0.8}, {"effort", 4}}, .moscow = prio::Moscow::must});
  b.add(Feature{.id = "dark-mode", .title = "Dark mode",
                .attributes = {{"reach", 5000}, {"impact", 0.5}, {"confidence", 1.0}, {"effort", 1}},
                .moscow = prio::Moscow::could, .depends_on = {"sso"}});
  return b;
}
}  // namespace

TEST_CASE("a RICE explanation lists every term and the score") {
  const Backlog b = contract();
  const auto e = prio::explain(b, prio::rice(), b.index_of("sso"));
  CHECK(e.id == "sso");
  CHECK(e.formula == "reach x impact x confidence / effort");
  REQUIRE(e.terms.size() == 4);
  CHECK(e.terms[0].name == "reach");
  CHECK(e.terms[0].raw == 2000);
  CHECK(e.terms[3].role == prio::TermRole::divisor);
  CHECK(e.terms[3].contribution == 0.25);
  CHECK(e.score == 800);
  std::ostringstream os;
  os << e;
  CHECK(os.str() ==
        "sso (Single sign-on)\n"
        "  strategy: rice   score = reach x impact x confidence / effort\n"
        "  reach       2000\n"
        "  impact      2\n"
        "  confidence  0.8\n"
        "  effort      4  (divides)\n"
        "  score 800");
}

TEST_CASE("explaining a pair names the deciding terms") {
  const Backlog b = contract();
  const auto c = prio::explain(b, prio::rice(), b.index_of("sso"), b.index_of("dark-mode"));
  CHECK_FALSE(c.a_first);
  CHECK(c.reason == "dark-mode outranks sso: score 2500 vs 800 (3.125x)");
  REQUIRE(c.differences.size() == 4);
  // log(800 / 2500) = log(2000/5000) + log(2/0.5) + log(0.8/1) + log(0.25/1):
  // shares are each term's log ratio over the sum of their absolute values.
  const double total = std::abs(std::log(0.4)) + std::abs(std::log(4.0)) + std::abs(std::log(0.8)) + std::abs(std::log(0.25));
  CHECK(c.differences[0].name == "impact");
  CHECK(c.differences[0].share == Approx(std::log(4.0) / total));
  CHECK(c.differences[1].name == "effort");
  CHECK(c.differences[1].share == Approx(std::log(0.25) / total));
  double abs_sum = 0;
  for (const auto& d : c.differences) abs_sum += std::abs(d.share);
  CHECK(abs_sum == Approx(1));
  const auto tie = prio::explain(b, prio::custom("flat", [](const Backlog& bl) { return Eigen::VectorXd(Eigen::VectorXd::Ones(static_cast<Eigen::Index>(bl.size()))); }), 0, 1);
  CHECK(tie.a_first == false);
  CHECK(tie.reason == "dark-mode outranks sso: equal scores (1), tie broken by id");
}

TEST_CASE("every built-in strategy's explanation agrees with its score") {
  const Backlog b = prio::test::random_backlog(60, 9);
  const std::vector<prio::Strategy> strategies{
      prio::rice(), prio::ice({.impact = "ice_impact", .confidence = "ice_confidence"}),
      prio::ice({.impact = "ice_impact", .confidence = "ice_confidence", .variant = prio::IceVariant::average}), prio::wsjf(), prio::moscow(prio::wsjf()),
      prio::weighted({{"retention", 1}, {"cost", 1, prio::Direction::cost}}, prio::Normalization::vector)};
  for (const auto& st : strategies) {
    const auto s = st.score(b);
    for (prio::FeatureIndex i = 0; i < b.size(); ++i) REQUIRE(prio::explain(b, st, i).score == Approx(s[i]));
  }
  CHECK_THROWS_AS(prio::explain(b, prio::rice(), 1000), prio::error);
}

TEST_CASE("validate(backlog) reports structural problems without throwing") {
  Backlog b;
  b.add(Feature{.id = "a", .attributes = {{"reach", 5}, {"reach_lo", 6}, {"reach_hi", 9}}, .depends_on = {"a", "ghost", "b", "b"}});
  b.add(Feature{.id = "b", .attributes = {{"reach", 5}, {"reach_lo", 9}, {"reach_hi", 1}, {"effort_lo", 1}}});
  const auto d = prio::validate(b);
  std::vector<std::string> lines;
  for (const auto& x : d) lines.push_back(x.to_string());
  CHECK(lines == std::vector<std::string>{
                     "error: feature 'a', field 'depends_on': depends on itself",
                     "error: feature 'a', field 'depends_on': depends on unknown feature 'ghost'",
                     "warning: feature 'a', field 'depends_on': lists the dependency 'b' more than once",
                     "error: feature 'a', field 'reach': value 5 lies outside its range [6, 9]",
                     "error: feature 'b', field 'reach_lo': range is reversed: 9 > 1",
                     "warning: field 'effort_lo': has no matching 'effort_hi' column, so it is not read as a range",
                 });
  CHECK(prio::has_errors(d));
}
