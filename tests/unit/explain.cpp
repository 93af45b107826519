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
                     "error: field 'effort_hi': the backlog has 'effort_lo' but no 'effort_hi' column (a range needs both)",
                     "error: feature 'a', field 'reach': value 5 lies outside its range [6, 9]",
                     "error: feature 'b', field 'reach_lo': range is reversed: 9 > 1",
                 });
  CHECK(prio::has_errors(d));
}

namespace {
Backlog wsjf_pair() {  // the rows of examples/backlog.csv
  Backlog b;
  b.add(Feature{.id = "sso", .attributes = {{"business_value", 13}, {"time_criticality", 8}, {"risk_reduction", 8}, {"job_size", 8}}});
  b.add(Feature{.id = "dark-mode", .attributes = {{"business_value", 3}, {"time_criticality", 1}, {"risk_reduction", 1}, {"job_size", 2}}});
  b.add(Feature{.id = "2fa", .attributes = {{"business_value", 8}, {"time_criticality", 8}, {"risk_reduction", 13}, {"job_size", 3}}});
  return b;
}
double share_of(const prio::Comparison& c, const std::string& name) {
  for (const auto& d : c.differences)
    if (d.name == name) return d.share;
  FAIL("no difference named " << name);
  return 0;
}
}  // namespace

TEST_CASE("WSJF pair: equal costs of delay leave the whole gap to job size") {
  // 2fa: (8 + 8 + 13) / 3; sso: (13 + 8 + 8) / 8. The sums are both 29, so
  // log(score ratio) = log(29/29) + log(8/3) and job size holds all of it.
  const Backlog b = wsjf_pair();
  const auto c = prio::explain(b, prio::wsjf(), b.index_of("2fa"), b.index_of("sso"));
  CHECK(c.a_first);
  CHECK(c.reason == "2fa outranks sso: score 9.66667 vs 3.625 (2.66667x)");
  REQUIRE(c.differences.size() == 4);
  CHECK(c.differences[0].name == "job_size");
  CHECK(c.differences[0].share == 1.0);
  CHECK(share_of(c, "business_value") == 0.0);
  CHECK(share_of(c, "time_criticality") == 0.0);
  CHECK(share_of(c, "risk_reduction") == 0.0);
}

TEST_CASE("WSJF pair: the sum's part and the divisor's part, then the sum among its terms") {
  // sso 29 / 8 = 3.625 vs dark-mode 5 / 2 = 2.5. log(1.45) = log(29/5) + log(2/8)
  // = 1.757858 - 1.386294; the sum's part is shared by the differences 10, 7, 7
  // of its 24. Normalized by 1.757858 + 1.386294 = 3.144152:
  // job size -0.440912, business value +0.232953, the other two +0.163067 each.
  const Backlog b = wsjf_pair();
  const auto c = prio::explain(b, prio::wsjf(), b.index_of("sso"), b.index_of("dark-mode"));
  CHECK(c.a_first);
  REQUIRE(c.differences.size() == 4);
  CHECK(c.differences[0].name == "job_size");
  CHECK(c.differences[0].share == Approx(-0.440912).margin(1e-6));
  CHECK(c.differences[1].name == "business_value");
  CHECK(c.differences[1].share == Approx(0.232953).margin(1e-6));
  CHECK(share_of(c, "time_criticality") == Approx(0.163067).margin(1e-6));
  CHECK(share_of(c, "risk_reduction") == Approx(0.163067).margin(1e-6));
  std::ostringstream os;
  os << c;
  CHECK(os.str().rfind("sso outranks dark-mode: score 3.625 vs 2.5 (1.45x)\n"
                       "  job_size: 8 vs 2  (-44% against sso)\n"
                       "  business_value: 13 vs 3  (+23% for sso)\n"
                       "  time_criticality: 8 vs 1  (+16% for sso)\n"
                       "  risk_reduction: 8 vs 1  (+16% for sso)\n",
                       0) == 0);
}

TEST_CASE("ICE pairs: the product's log ratios, the average's differences and its count") {
  Backlog b;
  b.add(Feature{.id = "a", .attributes = {{"impact", 8}, {"confidence", 5}, {"ease", 2}}});    // product 80, mean 5
  b.add(Feature{.id = "b", .attributes = {{"impact", 4}, {"confidence", 5}, {"ease", 8}}});    // product 160, mean 17/3
  b.add(Feature{.id = "c", .attributes = {{"impact", 9}, {"confidence", 3}, {"ease", 3}}});    // mean 5
  b.add(Feature{.id = "d", .attributes = {{"impact", 4}, {"confidence", 4}, {"ease", 4}}});    // mean 4
  // product, b over a: log 2 = log(4/8) + log(5/5) + log(8/2) = -log 2 + 2 log 2: shares -1/3, 0, +2/3.
  const auto p = prio::explain(b, prio::ice(), b.index_of("b"), b.index_of("a"));
  CHECK(p.a_first);
  CHECK(share_of(p, "ease") == Approx(2.0 / 3));
  CHECK(share_of(p, "impact") == Approx(-1.0 / 3));
  CHECK(share_of(p, "confidence") == 0.0);
  // average, c over d: (9 + 3 + 3) / 3 vs (4 + 4 + 4) / 3; the same count, so the
  // differences +5, -1, -1 of the sums share the gap: 5/7, -1/7, -1/7.
  const auto avg = prio::ice({.variant = prio::IceVariant::average});
  const auto m = prio::explain(b, avg, b.index_of("c"), b.index_of("d"));
  CHECK(m.a_first);
  REQUIRE(m.differences.size() == 3);
  CHECK(share_of(m, "impact") == Approx(5.0 / 7));
  CHECK(share_of(m, "confidence") == Approx(-1.0 / 7));
  CHECK(share_of(m, "ease") == Approx(-1.0 / 7));
  // average with a skipped term: e = (9 + skipped + 3) / 2 = 6 vs d = 12 / 3 = 4.
  // The sums are equal (12), so the whole log(6/4) is the count: 2 terms vs 3.
  Backlog s = b;
  s.add(Feature{.id = "e", .attributes = {{"impact", 9}, {"ease", 3}}});
  const auto skip = prio::ice({.variant = prio::IceVariant::average, .missing = prio::Missing::skip});
  const auto k = prio::explain(s, skip, s.index_of("e"), s.index_of("d"));
  CHECK(k.a_first);
  REQUIRE(k.differences.size() == 4);
  CHECK(k.differences[0].name == "count of present terms");
  CHECK(k.differences[0].a == 2.0);
  CHECK(k.differences[0].b == 3.0);
  CHECK(k.differences[0].share == Approx(1.0));
  CHECK(share_of(k, "impact") == 0.0);
  CHECK(share_of(k, "confidence") == 0.0);
}

TEST_CASE("weighted pairs share the score difference, cost criteria mirrored") {
  // min_max: retention 2, 6, 10 -> 0, 0.5, 1; effort (cost) 1, 3, 5 -> 1, 0.5, 0.
  // Weights 0.6 and 0.4: scores 0.4, 0.5, 0.6. hi over lo: retention +0.6, effort -0.4.
  Backlog b;
  b.add(Feature{.id = "lo", .attributes = {{"retention", 2}, {"effort", 1}}});
  b.add(Feature{.id = "mid", .attributes = {{"retention", 6}, {"effort", 3}}});
  b.add(Feature{.id = "hi", .attributes = {{"retention", 10}, {"effort", 5}}});
  const auto w = prio::weighted({{"retention", 3}, {"effort", 2, prio::Direction::cost}});
  const auto c = prio::explain(b, w, b.index_of("hi"), b.index_of("lo"));
  CHECK(c.a_first);
  CHECK(c.reason == "hi outranks lo: score 0.6 vs 0.4 (1.5x)");
  CHECK(share_of(c, "retention") == Approx(0.6));
  CHECK(share_of(c, "effort") == Approx(-0.4));
  // skip: lo lacks retention, so its one criterion (effort, normalized 1) gets
  // the whole weight: 1 vs hi's 0.6 + 0; differences effort +1, retention -0.6.
  Backlog m;
  m.add(Feature{.id = "lo", .attributes = {{"effort", 1}}});
  m.add(Feature{.id = "mid", .attributes = {{"retention", 6}, {"effort", 3}}});
  m.add(Feature{.id = "hi", .attributes = {{"retention", 10}, {"effort", 5}}});
  const auto ws = prio::weighted({{"retention", 3}, {"effort", 2, prio::Direction::cost}}, prio::Normalization::min_max, prio::Missing::skip);
  const auto k = prio::explain(m, ws, m.index_of("lo"), m.index_of("hi"));
  CHECK(k.a_first);
  CHECK(share_of(k, "effort") == Approx(1 / 1.6));
  CHECK(share_of(k, "retention") == Approx(-0.6 / 1.6));
}
