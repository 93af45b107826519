// MoSCoW ordering and the DSDM effort shares.
#include <prio/prio.hpp>

#include <catch2/catch.hpp>

#include "generators.hpp"

using prio::Backlog;
using prio::Feature;
using prio::Moscow;

namespace {
Backlog sample() {
  Backlog b;
  auto add = [&](std::string id, Moscow m, double reach, double effort) {
    b.add(Feature{.id = std::move(id), .attributes = {{"reach", reach}, {"impact", 1}, {"confidence", 1}, {"effort", effort}}, .moscow = m});
  };
  add("w", Moscow::wont, 9000, 1);
  add("c1", Moscow::could, 5000, 2);
  add("s1", Moscow::should, 100, 3);
  add("m1", Moscow::must, 10, 5);
  add("u", Moscow::unset, 8000, 1);
  add("m2", Moscow::must, 50, 5);
  add("c2", Moscow::could, 10, 4);
  return b;
}
}  // namespace

TEST_CASE("must, should, could, unset, wont; the secondary strategy inside each") {
  const Backlog b = sample();
  const auto s = prio::score(b, prio::moscow(prio::rice()));
  CHECK(prio::test::ids_of(b, prio::rank(s)) == std::vector<std::string>{"m2", "m1", "s1", "c1", "c2", "u", "w"});
  CHECK(s.strategy() == "moscow(rice)");
  CHECK(s[0] == 9000);  // the secondary's score is kept
  const auto e = prio::explain(b, prio::moscow(prio::rice()), b.index_of("m1"));
  CHECK(e.category == "must");
  const auto c = prio::explain(b, prio::moscow(prio::rice()), b.index_of("u"), b.index_of("c2"));
  CHECK_FALSE(c.a_first);
  CHECK(c.reason == "c2 outranks u: its MoSCoW category (could) comes before unset");
}

TEST_CASE("the property holds on generated backlogs: no feature ranks above a better category") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Backlog b = prio::test::random_backlog(200, seed, true);
    const auto r = prio::rank(prio::score(b, prio::moscow(prio::wsjf())));
    for (std::size_t p = 1; p < r.size(); ++p) REQUIRE(b.moscow(r[p - 1]) <= b.moscow(r[p]));
  }
}

TEST_CASE("check_moscow reports effort shares against the DSDM guidance") {
  const Backlog b = sample();
  // Timebox (all but wont): 2 + 3 + 5 + 1 + 5 + 4 = 20; must 10 (50%), should 3, could 6 (30%), unset 1.
  const auto r = prio::check_moscow(b, "effort");
  CHECK(r.total_effort == 20);
  CHECK(r[Moscow::must].share == Approx(0.5));
  CHECK(r[Moscow::must].features == 2);
  CHECK(r[Moscow::could].share == Approx(0.3));
  CHECK(r[Moscow::wont].share == 0);
  CHECK(r[Moscow::wont].effort == 1);
  CHECK(r.must_ok);
  CHECK(r.could_ok);  // 30% is within 20% +- 10%
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "1 feature(s) have no MoSCoW category");

  Backlog heavy = b;
  heavy.add(Feature{.id = "m3", .attributes = {{"effort", 20}}, .moscow = Moscow::must});
  const auto h = prio::check_moscow(heavy, "effort");
  CHECK(h[Moscow::must].share == Approx(0.75));
  CHECK_FALSE(h.must_ok);
  CHECK(h.could_ok);  // 6 / 40 = 15%, within 20% +- 10%
  Backlog no_could = heavy;
  no_could.set_moscow(no_could.index_of("c1"), Moscow::should);
  no_could.set_moscow(no_could.index_of("c2"), Moscow::should);
  CHECK_FALSE(prio::check_moscow(no_could).could_ok);
  CHECK(h.diagnostics[0].to_string() == "warning: field 'effort': Must features take 75% of the effort; DSDM advises at most 60%");
  CHECK_THROWS_AS(prio::check_moscow(b, "hours"), prio::error);
}
