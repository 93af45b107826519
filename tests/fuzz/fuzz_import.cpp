// libFuzzer target: every reader of other tools' files and every parser of a
// user-typed spec. The first byte picks the reader, the rest is its input:
//   0 Jira CSV, 1 Linear CSV, 2 Trello JSON, 3 Notion CSV   (prio::read_import)
//   4 Kano survey CSV (prio::read_kano)
//   5 an analytics metrics CSV joined to a small backlog (prio::join_metrics)
//   6 an NRP instance (prio::read_nrp)
//   7 a calibration file (prio::read_calibration)
//   8 the spec parsers: strategy, weights, missing, metric, column mapping, export date
// Checked: no crash, no sanitizer report, no exception other than prio::error
// from the parsers documented to throw it; every diagnostic formats; an import
// that succeeds gives a backlog whose parent ids exist and which round-trips
// through prio's CSV exactly; a join that fails leaves the backlog unchanged.
#include <prio/import.hpp>
#include <prio/io.hpp>
#include <prio/nrp.hpp>
#include <prio/spec.hpp>

#include <cstdint>
#include <sstream>
#include <string>

#include "io/tool.hpp"  // parse_column_mapping: private to the tool, fuzzed all the same

namespace {

void check_round_trip(const prio::Backlog& b) {
  const std::string csv = prio::write_csv(b);
  const auto again = prio::read_csv(csv, {.percent_columns = {}});
  if (!again.ok() || prio::write_csv(again.backlog) != csv) __builtin_trap();
}

prio::Backlog small_backlog() {
  const auto r = prio::read_csv("id,title,reach,impact,effort\nSCRUM-2,SSO,100,1,3\nSCRUM-3,Dark mode,50,2,1\nsso,Audit,10,1,1\n");
  if (!r.ok()) __builtin_trap();
  return r.backlog;
}

template <class F>
void parse_or_error(F&& f) {
  try {
    f();
  } catch (const prio::error& e) {
    (void)e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned which = data[0] % 9;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  prio::ReadOptions read{.file_name = "fuzz", .max_diagnostics = 8, .max_cell_bytes = 4096};
  switch (which) {
    case 0:
    case 1:
    case 2:
    case 3: {
      const auto profile = static_cast<prio::ImportProfile>(which);
      prio::ImportOptions options{.read = read, .keep_done = (size % 2) == 0, .roll_up_effort = (size % 3) == 0,
                                  .description_links = (size % 5) == 0};
      const auto r = prio::read_import(profile, std::move(text), options);
      for (const auto& d : r.diagnostics) (void)d.to_string();
      if (!r.ok()) return 0;
      const std::size_t n = r.backlog.size();
      if (r.status.size() != n || r.labels.size() != n) __builtin_trap();
      for (prio::FeatureIndex i = 0; i < n; ++i)
        if (!r.backlog.parent(i).empty() && !r.backlog.find(r.backlog.parent(i))) __builtin_trap();
      check_round_trip(r.backlog);
      return 0;
    }
    case 4: {
      const auto r = prio::read_kano(std::move(text), read);
      for (const auto& d : r.diagnostics) (void)d.to_string();
      for (const auto& f : r.features) {
        std::size_t total = 0;
        for (const auto c : f.count) total += c;
        if (total != f.answers) __builtin_trap();
      }
      return 0;
    }
    case 5: {
      prio::Backlog b = small_backlog();
      const std::string before = prio::write_csv(b);
      prio::JoinOptions options{.file_name = "metrics.csv", .on = "feature",
                                .metrics = {{"reach", "unique_users", prio::Aggregate::sum}, {"impact", "events", prio::Aggregate::mean}},
                                .add = (size % 2) == 0};
      const auto r = prio::join_metrics(b, std::move(text), options);
      for (const auto& d : r.diagnostics) (void)d.to_string();
      if (!r.ok() && prio::write_csv(b) != before) __builtin_trap();
      if (r.ok()) check_round_trip(b);
      return 0;
    }
    case 6: {
      std::istringstream in(text);
      parse_or_error([&] { (void)prio::read_nrp(in, "fuzz.nrp"); });
      return 0;
    }
    case 7:
      parse_or_error([&] { (void)prio::write_calibration(prio::read_calibration(text, "fuzz.calibration")); });
      return 0;
    default:
      parse_or_error([&] { (void)prio::parse_strategy(text); });
      parse_or_error([&] { (void)prio::parse_weights(text); });
      parse_or_error([&] { (void)prio::parse_missing(text); });
      parse_or_error([&] { (void)prio::parse_metric_spec(text); });
      parse_or_error([&] { (void)prio::parse_column_mapping(text); });
      bool ambiguous = false;
      (void)prio::parse_export_date(text, &ambiguous);
      return 0;
  }
}
