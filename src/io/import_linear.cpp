// Linear issue CSV export. Quirks: header names in any case (ID / Id,
// Blocked by / Blocked By), priority numbered with 1 most urgent and 0 for
// none, labels joined with ", ", links by id or by title, a ' in front of
// cells starting with + - = @ (spreadsheet-injection escaping), archived rows.
#include <string>
#include <vector>

#include "import_common.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

namespace {

const std::vector<FieldSpec>& linear_fields() {
  static const std::vector<FieldSpec> f = {
      {"effort", {"Estimate"}, CellKind::number},
      {"priority", {"Priority"}, CellKind::linear_priority},
      {"due", {"Due Date"}, CellKind::date},
  };
  return f;
}

bool linear_done_status(std::string_view s) {
  for (const char* d : {"done", "canceled", "cancelled", "duplicate", "completed"})
    if (iequals(s, d)) return true;
  return false;
}

}  // namespace

ImportResult import_linear(std::string text_in, const ImportOptions& o) {
  auto text = std::make_shared<const std::string>(std::move(text_in));
  ImportSink sink(o, FileFormat::csv);
  if (auto r = reject_json(o, text, "Linear CSV export", "'ID' and 'Title'")) return std::move(*r);
  ImportCsv csv(*text, o.read, true);
  if (!csv.read_header(sink, "a Linear CSV header with 'ID' and 'Title'")) return sink.finish(text, {});
  const auto id_cols = csv.field("id", {"ID"});
  const auto title_cols = csv.field("title", {"Title"});
  // ID and Title alone are too common (prio's own CSV has them): a Linear
  // export always has Team and Status.
  if (!csv.mapped("id") && !csv.has("Team") && !csv.has("UUID") && !csv.has("Status")) {
    sink.builder().report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {},
                          "this does not look like a Linear CSV export (expected a header with 'ID', 'Team', 'Title', 'Status', 'Estimate', 'Priority' ...)");
    return sink.finish(text, csv.names());
  }
  std::vector<std::pair<std::string, std::string>> missing;
  if (id_cols.empty()) missing.emplace_back("id", csv.mapped("id") ? *csv.mapped("id") : "ID");
  if (title_cols.empty()) missing.emplace_back("title", csv.mapped("title") ? *csv.mapped("title") : "Title");
  const bool maps_ok = csv.check_maps(sink);
  if (!missing.empty()) report_missing(sink, csv, missing, "Linear");
  if (!missing.empty() || !maps_ok) return sink.finish(text, csv.names());

  const auto fields = plan_fields(csv, sink, linear_fields(), {"id", "title", "moscow", "depends_on", "parent", "status", "labels"});
  const auto moscow_cols = csv.field("moscow", {});
  const auto status_cols = csv.field("status", {"Status"});
  const auto finished = csv.columns("Completed");
  const auto canceled = csv.columns("Canceled");
  const auto archived = csv.columns("Archived");
  const auto label_cols = csv.field("labels", {"Labels"});
  const auto parent_cols = csv.field("parent", {"Parent issue"});
  const auto blocked_by = csv.columns("Blocked by");
  const auto blocks = csv.columns("Blocks");

  std::vector<CsvCell> cells;
  std::uint64_t offset = 0;
  auto text_of = [&](std::size_t k) { return trim(spreadsheet_unescape(trim(cells[k].text))); };
  auto filled = [&](const std::vector<std::size_t>& cols) {
    for (std::size_t k : cols)
      if (!trim(cells[k].text).empty()) return true;
    return false;
  };
  while (csv.next(cells, sink, offset)) {
    if (filled(archived)) continue;  // archived issues are not part of the backlog
    const CsvCell& idc = cells[id_cols.front()];
    const std::string_view status = status_cols.empty() ? std::string_view{} : text_of(status_cols.front());
    const std::string_view title = text_of(title_cols.front());
    const bool done = linear_done_status(status) || filled(finished) || filled(canceled);
    if (done && !o.keep_done) {
      sink.skip_done(text_of(id_cols.front()), {title});
      continue;
    }
    sink.begin_row({idc.line, 1}, offset);
    sink.builder().set_id(spreadsheet_unescape(trim(idc.text)), {idc.line, idc.column});
    sink.builder().set_title(title, {cells[title_cols.front()].line, cells[title_cols.front()].column});
    if (!moscow_cols.empty()) sink.builder().set_moscow(text_of(moscow_cols.front()), {cells[moscow_cols.front()].line, cells[moscow_cols.front()].column});
    apply_fields(fields, cells, sink, false);
    if (done) sink.mark_done();
    sink.set_status(std::string(status));
    for (std::size_t k : label_cols)
      for (const auto l : split_list(cells[k].text)) sink.add_label(std::string(spreadsheet_unescape(l)));
    for (std::size_t k : parent_cols)
      if (!text_of(k).empty()) sink.set_parent({text_of(k), {cells[k].line, cells[k].column}});
    // Link cells are comma-separated ids, or titles in some exports (a title
    // holding a comma cannot be told apart and is reported as unknown).
    for (std::size_t k : blocked_by)
      for (const auto d : split_list(cells[k].text)) sink.add_blocked_by({d, {cells[k].line, cells[k].column}});
    for (std::size_t k : blocks)
      for (const auto d : split_list(cells[k].text)) sink.add_blocks({d, {cells[k].line, cells[k].column}});
    sink.add_alias(title);
    sink.end_row();
  }
  return sink.finish(text, csv.names());
}

}  // namespace prio::v1::detail
