// Analytics metrics joined to a backlog by feature id (long and wide layouts).
#include <catch2/catch.hpp>

#include <prio/import.hpp>
#include <prio/io.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string data(const std::string& name) {
  std::ifstream in(std::string(PRIO_TEST_DATA_DIR) + "/import/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

prio::Backlog backlog() {
  prio::Backlog b;
  b.add({.id = "SCRUM-2", .title = "SSO", .attributes = {{"reach", 5}}});
  b.add({.id = "SCRUM-3", .title = "Audit log", .attributes = {{"reach", 5}}});
  b.add({.id = "SCRUM-4", .title = "Saved carts", .attributes = {{"reach", 5}}});
  return b;
}

}  // namespace

TEST_CASE("metric specs: attribute=column[:aggregate]") {
  const auto m = prio::parse_metric_spec("reach=unique_users:max");
  CHECK(m.attribute == "reach");
  CHECK(m.source == "unique_users");
  CHECK(m.aggregate == prio::Aggregate::max);
  CHECK(prio::parse_metric_spec("reach=unique_users").aggregate == prio::Aggregate::sum);
  CHECK_THROWS_AS(prio::parse_metric_spec("reach=unique_users:median"), prio::error);
  CHECK_THROWS_AS(prio::parse_metric_spec("reach"), prio::error);
}

TEST_CASE("long layout: sum, mean, max and last per feature, --since, unmatched keys on both sides") {
  for (const auto& [agg, v2, v3] : std::vector<std::tuple<const char*, double, double>>{
           {"sum", 300, 120}, {"mean", 100, 60}, {"max", 120, 70}, {"last", 80, 70}}) {
    auto b = backlog();
    prio::JoinOptions o;
    o.on = "feature";
    o.metrics = {prio::parse_metric_spec(std::string("reach=unique_users:") + agg)};
    const auto r = prio::join_metrics(b, data("metrics_long.csv"), o);
    INFO(agg);
    REQUIRE(r.ok());
    CHECK_FALSE(r.wide);
    CHECK(b.value(0, "reach") == v2);
    CHECK(b.value(1, "reach") == v3);
    CHECK(b.value(2, "reach") == 5);  // no metrics: unchanged
    CHECK(r.unmatched_metrics == std::vector<std::string>{"checkout_v2"});
    CHECK(r.unmatched_features == std::vector<std::string>{"SCRUM-4"});
  }
  auto b = backlog();
  prio::JoinOptions o;
  o.on = "feature";
  o.metrics = {prio::parse_metric_spec("reach=unique_users"), prio::parse_metric_spec("events=events:max")};
  o.since = prio::parse_export_date("2026-02-01");
  o.add = true;
  REQUIRE(prio::join_metrics(b, data("metrics_long.csv"), o).ok());
  CHECK(b.value(0, "reach") == 5 + 200);  // 120 + 80, added
  CHECK(b.value(0, "events") == 340);
  CHECK(std::isnan(b.value(2, "events")));
}

TEST_CASE("wide layout: one column per date, a metric column picks the rows") {
  auto b = backlog();
  prio::JoinOptions o;
  o.on = "feature";
  o.metrics = {prio::parse_metric_spec("reach=unique_users:sum"), prio::parse_metric_spec("events=events:last")};
  o.since = prio::parse_export_date("2026-02-01");
  const auto r = prio::join_metrics(b, data("metrics_wide.csv"), o);
  REQUIRE(r.ok());
  CHECK(r.wide);
  CHECK(b.value(0, "reach") == 200);
  CHECK(b.value(1, "reach") == 120);
  CHECK(b.value(0, "events") == 200);
}

TEST_CASE("join: ambiguous dates, a missing --on column and bad numbers are located errors; the backlog is unchanged") {
  auto b = backlog();
  prio::JoinOptions o;
  o.file_name = "m.csv";
  o.on = "feature";
  o.metrics = {prio::parse_metric_spec("reach=unique_users")};
  const auto r = prio::join_metrics(b, data("../bad_import/metrics_ambiguous_date.csv"), o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.diagnostics[0].to_string().find("m.csv:2:1: error") == 0);
  CHECK(r.diagnostics[0].message.find("ambiguous date") != std::string::npos);
  const auto n = prio::join_metrics(b, "date,feature,unique_users\n2026-01-01,SCRUM-2,many\n", o);
  REQUIRE_FALSE(n.ok());
  CHECK(n.diagnostics[0].where.column == 20);
  CHECK(b.value(0, "reach") == 5);
  o.on = "segment";
  CHECK_FALSE(prio::join_metrics(b, data("metrics_long.csv"), o).ok());
}
