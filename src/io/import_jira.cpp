// Jira (Cloud and Data Center) issue CSV export, Jira Product Discovery ideas
// included. Quirks: a column repeated once per value (Labels, Sprint, links,
// even custom fields), story points in one of two custom fields, time fields
// in seconds, every link written on both of its issues, a header with a BOM,
// trailing spaces inside names, and ';' with decimal commas in localized exports.
#include <algorithm>
#include <string>
#include <vector>

#include "import_common.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

namespace {

const std::vector<FieldSpec>& jira_fields() {
  static const std::vector<FieldSpec> f = {
      {"effort", {"Custom field (Story point estimate)", "Custom field (Story Points)", "Custom field (Effort)"}, CellKind::number},
      {"priority", {"Priority"}, CellKind::jira_priority},
      {"impact", {"Custom field (Impact)"}, CellKind::number},
      {"confidence", {"Custom field (Confidence)"}, CellKind::number},
      {"reach", {"Custom field (Reach)"}, CellKind::number},
      {"value", {"Custom field (Value)"}, CellKind::number},
      {"goals", {"Custom field (Goals)"}, CellKind::count},
      {"original_estimate_hours", {"Original estimate", "Original Estimate"}, CellKind::seconds},
      {"remaining_estimate_hours", {"Remaining Estimate"}, CellKind::seconds},
      {"time_spent_hours", {"Time Spent"}, CellKind::seconds},
      {"due", {"Due date"}, CellKind::date},
  };
  return f;
}

bool is_done_status(std::string_view s) {
  for (const char* d : {"done", "closed", "resolved", "cancelled", "canceled", "won't do", "rejected"})
    if (iequals(s, d)) return true;
  return false;
}

}  // namespace

ImportResult import_jira(std::string text_in, const ImportOptions& o) {
  auto text = std::make_shared<const std::string>(std::move(text_in));
  ImportSink sink(o, FileFormat::csv);
  if (auto r = reject_json(o, text, "Jira CSV export", "'Issue key' and 'Summary'")) return std::move(*r);
  ImportCsv csv(*text, o.read, true);
  if (!csv.read_header(sink, "a Jira CSV header with 'Issue key' and 'Summary'")) return sink.finish(text, {});
  const auto id_cols = csv.field("id", {"Issue key"});
  const auto title_cols = csv.field("title", {"Summary"});
  const bool custom_fields = std::any_of(csv.names().begin(), csv.names().end(),
                                         [](const std::string& n) { return n.rfind("Custom field (", 0) == 0; });
  if (id_cols.empty() && title_cols.empty() && !csv.has("Issue id") && !csv.has("Issue Type") && !custom_fields) {
    sink.builder().report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {},
                          "this does not look like a Jira CSV export (expected a header with 'Issue key', 'Summary', "
                          "'Issue id', 'Status' ...; localized exports: map the columns with --map id=COLUMN --map title=COLUMN)");
    return sink.finish(text, csv.names());
  }
  std::vector<std::pair<std::string, std::string>> missing;
  if (id_cols.empty()) missing.emplace_back("id", csv.mapped("id") ? *csv.mapped("id") : "Issue key");
  if (title_cols.empty()) missing.emplace_back("title", csv.mapped("title") ? *csv.mapped("title") : "Summary");
  const bool maps_ok = csv.check_maps(sink);
  if (!missing.empty()) report_missing(sink, csv, missing, "Jira");
  if (!missing.empty() || !maps_ok) return sink.finish(text, csv.names());

  const auto fields = plan_fields(csv, sink, jira_fields(), {"id", "title", "moscow", "depends_on", "parent", "status", "labels"});
  const auto moscow_cols = csv.field("moscow", {});
  const auto num_id = csv.field("issue_id", {"Issue id"});
  const auto status_cols = csv.field("status", {"Status"});
  const auto category_cols = csv.columns("Status Category");
  const auto label_cols = csv.field("labels", {"Labels"});
  const auto parent_key = csv.field("parent", {"Parent key", "Parent", "Parent id"});
  const auto outward = csv.columns("Outward issue link (Blocks)");
  const auto inward = csv.columns("Inward issue link (Blocks)");
  const bool decimal_comma = csv.separator() == ';';

  sink.reserve(csv.records_left());
  std::vector<CsvCell> cells;
  std::uint64_t offset = 0;
  std::vector<std::string_view> labels;
  while (csv.next(cells, sink, offset)) {
    const CsvCell& idc = cells[id_cols.front()];
    // The numeric Issue id: another name links and parents may use.
    const std::string_view alias = num_id.empty() ? std::string_view{} : trim(cells[num_id.front()].text);
    std::string_view status = status_cols.empty() ? std::string_view{} : trim(cells[status_cols.front()].text);
    const bool done = category_cols.empty() ? is_done_status(status) : iequals(trim(cells[category_cols.front()].text), "done");
    if (done && !o.keep_done) {
      const std::string_view id = trim(idc.text);
      if (alias.empty()) sink.skip_done(id);
      else sink.skip_done(id, {alias});
      continue;
    }
    sink.begin_row({idc.line, 1}, offset);
    sink.builder().set_id(idc.text, {idc.line, idc.column});
    const CsvCell& tc = cells[title_cols.front()];
    sink.builder().set_title(tc.text, {tc.line, tc.column});
    if (!moscow_cols.empty()) sink.builder().set_moscow(cells[moscow_cols.front()].text, {cells[moscow_cols.front()].line, cells[moscow_cols.front()].column});
    apply_fields(fields, cells, sink, decimal_comma);
    if (done) sink.mark_done();
    sink.set_status(std::string(status));
    labels.clear();
    for (std::size_t k : label_cols)
      if (const std::string_view l = trim(cells[k].text); !l.empty()) labels.push_back(l);
    if (!labels.empty()) {
      sink.reserve_labels(labels.size());
      for (const std::string_view l : labels) sink.add_label(std::string(l));
    }
    for (std::size_t k : parent_key)
      if (const std::string_view p = trim(cells[k].text); !p.empty()) {
        sink.set_parent({p, {cells[k].line, cells[k].column}});
        break;
      }
    for (std::size_t k : outward)
      if (const std::string_view t = trim(cells[k].text); !t.empty()) sink.add_blocks({t, {cells[k].line, cells[k].column}});
    for (std::size_t k : inward)
      if (const std::string_view t = trim(cells[k].text); !t.empty()) sink.add_blocked_by({t, {cells[k].line, cells[k].column}});
    if (!alias.empty()) sink.add_alias(alias);
    sink.end_row();
  }
  auto r = sink.finish(text, csv.names());
  return r;
}

}  // namespace prio::v1::detail
