// Notion database CSV export. A database has no fixed schema, so the profile
// maps by property type: the title property (Name) is the title and, without
// an ID property, the id; relation cells `Title (https://www.notion.so/...-<32
// hex>)` become links resolved by title; Status / Tags / MoSCoW / Priority
// selects are read as such; every other column whose cells are all numbers
// (units, currency, thousands separators and percentages allowed) becomes an
// attribute named in lower case with '_' for spaces.
#include <string>
#include <vector>

#include "import_common.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

namespace {

bool any_of_names(std::string_view name, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (iequals(name, n)) return true;
  return false;
}

// "A (https://www.notion.so/A-0123...), B, with comma (https://...)" -> titles.
// Cells without any link are plain comma-separated titles.
std::vector<std::string> relation_titles(std::string_view cell) {
  std::vector<std::string> out;
  if (cell.find("(http") == std::string_view::npos) {
    for (const auto t : split_list(cell)) out.emplace_back(t);
    return out;
  }
  while (true) {
    const std::size_t open = cell.find(" (http");
    if (open == std::string_view::npos) break;
    const std::size_t close = cell.find(')', open);
    std::string_view title = trim(cell.substr(0, open));
    if (!title.empty() && title.front() == ',') title = trim(title.substr(1));
    if (!title.empty()) out.emplace_back(title);
    if (close == std::string_view::npos) break;
    cell.remove_prefix(close + 1);
    cell = trim(cell);
    if (!cell.empty() && cell.front() == ',') cell.remove_prefix(1);
  }
  return out;
}

struct Row {
  std::vector<std::string> cells;
  std::vector<CellPos> pos;
  std::uint64_t offset = 0;
};

}  // namespace

ImportResult import_notion(std::string text_in, const ImportOptions& o) {
  auto text = std::make_shared<const std::string>(std::move(text_in));
  ImportSink sink(o, FileFormat::csv);
  if (auto r = reject_json(o, text, "Notion database CSV export", "'Name'")) return std::move(*r);
  ImportCsv csv(*text, o.read, true);
  if (!csv.read_header(sink, "a Notion database CSV header with 'Name'")) return sink.finish(text, {});
  const auto title_cols = csv.field("title", {"Name", "Title"});
  if (title_cols.empty()) {
    report_missing(sink, csv, {{"title", csv.mapped("title") ? *csv.mapped("title") : "Name"}}, "Notion");
    (void)csv.check_maps(sink);
    return sink.finish(text, csv.names());
  }
  if (!csv.check_maps(sink)) return sink.finish(text, csv.names());
  const auto id_cols = csv.field("id", {"ID"});
  const auto status_cols = csv.field("status", {"Status"});
  const auto label_cols = csv.field("labels", {"Tags", "Labels"});
  const auto moscow_cols = csv.field("moscow", {"MoSCoW"});
  const auto parent_cols = csv.field("parent", {"Parent item", "Parent"});
  const auto blocked_cols = csv.field("depends_on", {"Blocked by", "Depends on", "Dependencies"});
  const auto blocks_cols = csv.field("blocks", {"Blocking", "Blocks"});

  std::vector<Row> rows;
  std::vector<CsvCell> cells;
  std::uint64_t offset = 0;
  while (csv.next(cells, sink, offset)) {
    Row r;
    r.offset = offset;
    for (const auto& c : cells) {
      r.cells.emplace_back(c.text);
      r.pos.push_back({c.line, c.column});
    }
    rows.push_back(std::move(r));
  }

  // Attributes: Priority, known prio names, dates, and all-number columns.
  std::vector<FieldSpec> specs = {{"priority", {"Priority"}, CellKind::select_priority}};
  std::vector<std::size_t> used;
  for (const auto* cols : {&title_cols, &id_cols, &status_cols, &label_cols, &moscow_cols, &parent_cols, &blocked_cols, &blocks_cols})
    used.insert(used.end(), cols->begin(), cols->end());
  for (std::size_t k : csv.columns("Priority")) used.push_back(k);
  std::string scratch;
  for (std::size_t k = 0; k < csv.names().size(); ++k) {
    if (std::find(used.begin(), used.end(), k) != used.end()) continue;
    const std::string& name = csv.names()[k];
    bool mapped = false;
    for (const auto& [prio_name, column] : o.read.column_map)
      if (iequals(column, name)) mapped = true;
    if (mapped) continue;  // plan_fields reads it under the mapped name
    const std::string attr = attribute_name_of(name);
    // A column without a name is not a Notion property, and an attribute
    // needs a name: left out.
    if (attr.empty()) continue;
    if (any_of_names(name, {"Due", "Due date", "Deadline"})) {
      specs.push_back({attr, {name}, CellKind::date});
      continue;
    }
    bool numeric = true, any = false;
    for (const auto& r : rows) {
      const std::string_view t = trim(r.cells[k]);
      if (t.empty()) continue;
      any = true;
      double v = 0;
      if (!clean_number(t, false, scratch)) {
        numeric = false;
        break;
      }
      std::string_view d = scratch;
      if (!d.empty() && d.back() == '%') d.remove_suffix(1);
      if (!parse_double(d, v)) {
        numeric = false;
        break;
      }
    }
    const bool known = any_of_names(attr, {"reach", "impact", "confidence", "effort", "ease", "value", "business_value",
                                           "time_criticality", "risk_reduction", "job_size", "cost"});
    if ((numeric && any) || known) specs.push_back({attr, {name}, CellKind::number});
  }
  const auto fields = plan_fields(csv, sink, specs, {"id", "title", "moscow", "depends_on", "blocks", "parent", "status", "labels"});

  std::vector<CsvCell> view;
  for (const auto& r : rows) {
    view.clear();
    for (std::size_t k = 0; k < r.cells.size(); ++k) view.push_back(CsvCell{r.cells[k], r.pos[k].line, r.pos[k].column, false});
    const std::size_t tk = title_cols.front();
    const std::string_view title = trim(spreadsheet_unescape(trim(r.cells[tk])));
    const std::size_t ik = id_cols.empty() ? tk : id_cols.front();
    const std::string_view id = id_cols.empty() ? title : trim(r.cells[ik]);
    const std::string_view status = status_cols.empty() ? std::string_view{} : trim(r.cells[status_cols.front()]);
    const bool done = any_of_names(status, {"done", "complete", "completed", "archived", "canceled", "cancelled"});
    if (done && !o.keep_done) {
      sink.skip_done(id, {title});
      continue;
    }
    sink.begin_row({r.pos.front().line, 1}, r.offset);
    sink.builder().set_id(id, r.pos[ik]);
    sink.builder().set_title(title, r.pos[tk]);
    if (!moscow_cols.empty()) sink.builder().set_moscow(r.cells[moscow_cols.front()], r.pos[moscow_cols.front()]);
    apply_fields(fields, view, sink, false);
    if (done) sink.mark_done();
    sink.set_status(std::string(status));
    for (std::size_t k : label_cols)
      for (const auto l : split_list(r.cells[k])) sink.add_label(std::string(l));
    for (std::size_t k : parent_cols)
      for (const auto& t : relation_titles(r.cells[k])) sink.set_parent({t, r.pos[k]});
    for (std::size_t k : blocked_cols)
      for (const auto& t : relation_titles(r.cells[k])) sink.add_blocked_by({t, r.pos[k]});
    for (std::size_t k : blocks_cols)
      for (const auto& t : relation_titles(r.cells[k])) sink.add_blocks({t, r.pos[k]});
    sink.add_alias(title);
    sink.end_row();
  }
  return sink.finish(text, csv.names());
}

}  // namespace prio::v1::detail
