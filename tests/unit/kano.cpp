// Kano surveys: the evaluation table (all 25 cells), a hand-computed survey,
// CS+ / CS- (Berger et al. 1993) and the attributes set on a backlog.
#include <catch2/catch.hpp>

#include <prio/import.hpp>
#include <prio/io.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

using A = prio::KanoAnswer;
using C = prio::KanoCategory;

TEST_CASE("the standard Kano evaluation table, every cell") {
  // Berger et al. (1993), Table 1: rows functional, columns dysfunctional
  // (like, must-be/expect, neutral, live with, dislike).
  const C expected[5][5] = {
      {C::questionable, C::attractive, C::attractive, C::attractive, C::one_dimensional},
      {C::reverse, C::indifferent, C::indifferent, C::indifferent, C::must_be},
      {C::reverse, C::indifferent, C::indifferent, C::indifferent, C::must_be},
      {C::reverse, C::indifferent, C::indifferent, C::indifferent, C::must_be},
      {C::reverse, C::reverse, C::reverse, C::reverse, C::questionable},
  };
  const A answers[] = {A::like, A::expect, A::neutral, A::live_with, A::dislike};
  for (int f = 0; f < 5; ++f)
    for (int d = 0; d < 5; ++d) {
      INFO("functional " << f << ", dysfunctional " << d);
      CHECK(prio::kano_category(answers[f], answers[d]) == expected[f][d]);
    }
}

TEST_CASE("Kano answers: words, questionnaire phrases and 1..5") {
  A a{};
  CHECK((prio::parse_kano_answer("I can live with it", a) && a == A::live_with));
  CHECK((prio::parse_kano_answer("Must-be", a) && a == A::expect));
  CHECK((prio::parse_kano_answer("5", a) && a == A::dislike));
  CHECK_FALSE(prio::parse_kano_answer("love it", a));
}

TEST_CASE("a hand-computed survey: categories, counts, CS+ and CS-") {
  std::ifstream in(std::string(PRIO_TEST_DATA_DIR) + "/import/kano.csv");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto r = prio::read_kano(text);
  REQUIRE(r.ok());
  REQUIRE(r.features.size() == 3);
  const auto& sso = r.features[0];  // M, M, O, M
  CHECK(sso.id == "sso");
  CHECK(sso.category == C::must_be);
  CHECK(sso.count[static_cast<int>(C::must_be)] == 3);
  CHECK(sso.cs_plus == 0.25);
  CHECK(sso.cs_minus == -1);
  const auto& dark = r.features[1];  // A, A, I, O
  CHECK(dark.category == C::attractive);
  CHECK(dark.cs_plus == 0.75);
  CHECK(dark.cs_minus == -0.25);
  CHECK(dark.share(C::attractive) == 0.5);
  const auto& exp = r.features[2];  // O, O, R, Q: R and Q leave the coefficients
  CHECK(exp.category == C::one_dimensional);
  CHECK(exp.cs_plus == 1);
  CHECK(exp.cs_minus == -1);
  CHECK(exp.share(C::reverse) == 0.25);

  prio::Backlog b;
  b.add({.id = "sso", .title = "SSO", .attributes = {{"reach", 1000}}});
  b.add({.id = "dark_mode", .title = "Dark mode", .attributes = {{"reach", 400}}});
  const auto unknown = prio::apply_kano(b, r, true);
  CHECK(unknown == std::vector<std::string>{"export"});
  CHECK(b.value(0, "kano_cs_plus") == 0.25);
  CHECK(b.value(1, "kano_cs_minus") == -0.25);
  CHECK(b.value(0, "kano_m") == 0.75);
  CHECK(b.moscow(0) == prio::Moscow::must);
  CHECK(b.moscow(1) == prio::Moscow::unset);
}

TEST_CASE("Kano: ties go Must-be > One-dimensional > Attractive > Indifferent") {
  const auto r = prio::read_kano("respondent,feature,functional,dysfunctional\nr1,x,like,neutral\nr2,x,neutral,dislike\n");
  REQUIRE(r.ok());
  CHECK(r.features[0].category == C::must_be);
}

TEST_CASE("Kano: bad answers, repeated answers and missing columns are located errors") {
  const auto bad = prio::read_kano("respondent,feature,functional,dysfunctional\nr1,sso,love it,dislike\nr1,sso,like,dislike\nr1,sso,like,dislike\n");
  REQUIRE(bad.diagnostics.size() == 2);
  CHECK(bad.diagnostics[0].where.line == 2);
  CHECK(bad.diagnostics[0].where.column == 8);
  CHECK(bad.diagnostics[1].where.line == 4);
  CHECK(bad.diagnostics[1].message.find("twice") != std::string::npos);
  const auto cols = prio::read_kano("user,feature,answer\nr1,sso,like\n");
  REQUIRE_FALSE(cols.ok());
  CHECK(cols.diagnostics[0].message.find("'respondent', 'functional', 'dysfunctional'") != std::string::npos);
}
