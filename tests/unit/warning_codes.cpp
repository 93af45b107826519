// Warnings have their own codes: every warning and note the library emits
// carries a code in 601-699 (prio::is_warning), every error a code below 500.
// Each case below triggers one kind of warning through the public API and
// checks every diagnostic it got, so a warning that borrows an error's code
// (as MoSCoW guidance once borrowed invalid_value) fails here.
#include <catch2/catch.hpp>

#include <prio/import.hpp>
#include <prio/io.hpp>
#include <prio/prio.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using prio::errc;
using prio::Severity;

namespace {

// Every diagnostic: a warning or a note has a warning code, an error does not.
void check_codes(const std::vector<prio::Diagnostic>& ds) {
  for (const auto& d : ds) {
    INFO(d.to_string() << " (code " << static_cast<unsigned>(d.code) << ")");
    CHECK(prio::is_warning(d.code) == (d.severity != Severity::error));
  }
}

bool has(const std::vector<prio::Diagnostic>& ds, errc code, Severity s) {
  return std::any_of(ds.begin(), ds.end(), [&](const prio::Diagnostic& d) { return d.code == code && d.severity == s; });
}

std::string data(const std::string& name) {
  std::ifstream in(std::string(PRIO_TEST_DATA_DIR) + "/import/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("warning codes: exactly the named codes in 601-699; errors below 500") {
  std::size_t warnings = 0, errors = 0;
  for (unsigned n = 0; n < 1000; ++n) {
    const auto code = static_cast<errc>(n);
    if (prio::to_string(code) == "unknown") continue;  // not a code
    INFO(n << " " << prio::to_string(code));
    CHECK(prio::is_warning(code) == (n >= 600 && n < 700));
    CHECK((n < 500 || (n > 600 && n < 700)));  // 501, 502 belong to the C ABI
    (prio::is_warning(code) ? warnings : errors) += 1;
  }
  CHECK(warnings == 9);
  CHECK(errors == 15);
  CHECK(static_cast<unsigned>(errc::duplicate_dependency) == 601);
  CHECK(static_cast<unsigned>(errc::moscow_share) == 602);
  CHECK(static_cast<unsigned>(errc::more_problems) == 609);
}

TEST_CASE("warning codes: validate folds a repeated dependency (duplicate_dependency)") {
  prio::Backlog b;
  b.add({.id = "a", .attributes = {{"reach", 1}}});
  b.add({.id = "b", .attributes = {{"reach", 2}}, .depends_on = {"a", "a", "zz"}});
  const auto ds = prio::validate(b);
  CHECK(has(ds, errc::duplicate_dependency, Severity::warning));
  CHECK(has(ds, errc::unknown_dependency, Severity::error));
  check_codes(ds);
}

TEST_CASE("warning codes: MoSCoW guidance (moscow_share, effort_missing, moscow_unset)") {
  prio::Backlog b;
  b.add({.id = "m", .attributes = {{"effort", 8}}, .moscow = prio::Moscow::must});
  b.add({.id = "c", .attributes = {{"effort", 2}}, .moscow = prio::Moscow::could});
  b.add({.id = "s", .moscow = prio::Moscow::should});  // no effort
  b.add({.id = "u", .attributes = {{"effort", 1}}});   // no category
  const auto r = prio::check_moscow(b);
  CHECK_FALSE(r.must_ok);  // 8 of 11 = 73% > 60%
  CHECK(has(r.diagnostics, errc::moscow_share, Severity::warning));
  CHECK(has(r.diagnostics, errc::effort_missing, Severity::warning));
  CHECK(has(r.diagnostics, errc::moscow_unset, Severity::note));
  CHECK_FALSE(prio::has_errors(r.diagnostics));
  check_codes(r.diagnostics);
}

TEST_CASE("warning codes: a sprint plan with a Must behind a Could (must_not_first)") {
  prio::Backlog b;
  b.add({.id = "must-big", .attributes = {{"effort", 9}}, .moscow = prio::Moscow::must});
  b.add({.id = "should", .attributes = {{"effort", 4}}, .moscow = prio::Moscow::should});
  b.add({.id = "could", .attributes = {{"effort", 1}}, .moscow = prio::Moscow::could});
  const prio::DependencyGraph g(b);
  prio::SprintOptions o;
  o.capacity = {10};
  Eigen::VectorXd v(3);
  v << 1, 3, 2;  // the value order puts should and could before the Must
  const auto plan = prio::plan_sprints(b, g, prio::Scores(v, b.shared_ids(), "test"), o);
  const auto r = prio::check_moscow(b, plan);
  CHECK_FALSE(r.musts_first);
  CHECK(has(r.diagnostics, errc::must_not_first, Severity::warning));
  check_codes(r.diagnostics);
  for (const auto& s : r.sprints) check_codes(s.report.diagnostics);
}

TEST_CASE("warning codes: readers and imports (more_problems, ignored_link, unmatched_metrics, no_metrics)") {
  std::string csv = "id,reach\n";
  for (int i = 0; i < 5; ++i) csv += "x" + std::to_string(i) + ",abc\n";
  const auto r = prio::read_csv(csv, {.max_diagnostics = 2});
  CHECK(has(r.diagnostics, errc::more_problems, Severity::note));
  check_codes(r.diagnostics);

  const auto jira = prio::read_import(prio::ImportProfile::jira, data("jira.csv"));
  CHECK(has(jira.diagnostics, errc::ignored_link, Severity::warning));
  check_codes(jira.diagnostics);

  // An export with nothing to import is an error (prio's readers refuse an empty backlog too).
  const auto empty = prio::read_import(prio::ImportProfile::jira, "Issue key,Summary,Status\nAPP-1,Old,Done\n");
  CHECK(has(empty.diagnostics, errc::parse_error, Severity::error));
  check_codes(empty.diagnostics);

  prio::Backlog b;
  b.add({.id = "SCRUM-2", .attributes = {{"reach", 5}}});
  b.add({.id = "SCRUM-4", .attributes = {{"reach", 5}}});
  prio::JoinOptions jo;
  jo.on = "feature";
  jo.metrics = {prio::parse_metric_spec("reach=unique_users:sum")};
  const auto joined = prio::join_metrics(b, data("metrics_long.csv"), jo);
  CHECK(has(joined.diagnostics, errc::unmatched_metrics, Severity::warning));
  CHECK(has(joined.diagnostics, errc::no_metrics, Severity::warning));
  check_codes(joined.diagnostics);
}
