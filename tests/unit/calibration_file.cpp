// The calibration file: write, read back exactly; bad files named precisely.
#include <catch2/catch.hpp>

#include <prio/io.hpp>

#include "history_generator.hpp"

TEST_CASE("a calibration file round-trips every number exactly") {
  std::vector<std::string> teams;
  prio::Backlog h = prio::test::make_history({.features = 300, .seed = 4, .teams = true}, &teams);
  h.set_value(0, "effort", 0);
  const prio::Calibration c = prio::calibrate(h, "effort", "actual_effort", &teams, "team");
  const prio::Calibration r = prio::read_calibration(prio::write_calibration(c));
  CHECK(r.estimate == "effort");
  CHECK(r.actual == "actual_effort");
  CHECK(r.group_by == "team");
  CHECK(r.features == 300);
  REQUIRE(r.groups.size() == c.groups.size());
  for (std::size_t g = 0; g <= c.groups.size(); ++g) {
    const prio::RatioFit& a = g == c.groups.size() ? c.overall : c.groups[g];
    const prio::RatioFit& b = g == c.groups.size() ? r.overall : r.groups[g];
    CHECK(a.group == b.group);
    CHECK(a.count == b.count);
    for (auto m : {&prio::RatioFit::median, &prio::RatioFit::p10, &prio::RatioFit::p50, &prio::RatioFit::p90, &prio::RatioFit::mu,
                   &prio::RatioFit::sigma, &prio::RatioFit::ks_d, &prio::RatioFit::ks_critical})
      CHECK(a.*m == b.*m);
  }
  CHECK(r.excluded.zero_estimate == std::vector<std::string>{h.id(0)});
  CHECK(prio::write_calibration(r) == prio::write_calibration(c));
}

TEST_CASE("bad calibration files: exact diagnostics") {
  CHECK_THROWS_WITH(prio::read_calibration("{\"kind\": \"prio.calibration\",\n \"schema\": 1,,}", "cal.json"),
                    Catch::StartsWith("cal.json:2:14: [prio.error.401] not valid JSON: syntax error while parsing object key - unexpected "));
  // A number beyond a double's range: the same kind of error, at the number (nlohmann/json throws out_of_range for it).
  CHECK_THROWS_WITH(prio::read_calibration("{\"kind\": \"prio.calibration\",\n \"schema\": 1e999}", "cal.json"),
                    "cal.json:2:12: [prio.error.401] not valid JSON: number overflow parsing '1e999'");
  CHECK_THROWS_WITH(prio::read_calibration("{\"schema\": 1}", "cal.json"),
                    "cal.json: [prio.error.401] field 'kind': not a prio calibration file (expected {\"kind\": \"prio.calibration\", ...}, "
                    "written by prio calibrate)");
  CHECK_THROWS_WITH(prio::read_calibration(R"({"kind": "prio.calibration", "schema": 1, "estimate": "effort", "overall": {"mu": 0.1}})", "cal.json"),
                    "cal.json: [prio.error.401] field 'sigma': the calibration has no 'sigma' (in 'overall')");
  CHECK_THROWS_WITH(
      prio::read_calibration(R"({"kind": "prio.calibration", "schema": 1, "estimate": "effort", "overall": {"mu": 0.1, "sigma": 0.2},
                              "groups": [{"group": "a", "mu": 0, "sigma": -1}]})", "cal.json"),
      "cal.json: [prio.error.106] field 'sigma': sigma must be finite and >= 0, got -1 (in groups[0])");
}
