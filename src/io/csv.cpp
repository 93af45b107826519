// CSV reading and writing. The record scanner is written by hand (rather than
// libcsv) so that cells stay views into the file buffer and every problem
// gets an exact line and column.
#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "builder.hpp"
#include "csv_scanner.hpp"
#include "prio/io.hpp"
#include "text.hpp"

namespace prio {
inline namespace v1 {

namespace {

enum class Role : std::uint8_t { id, title, moscow, depends_on, parent, attribute, ignored };

struct ColumnRole {
  Role role = Role::ignored;
  std::size_t attribute = 0;
  std::string name;  // prio's name for the column
};

bool blank_record(const std::vector<detail::CsvCell>& cells) {
  for (const auto& c : cells)
    if (c.quoted || !detail::trim(c.text).empty()) return false;
  return true;
}

}  // namespace

ReadResult read_csv(std::string text_in, const ReadOptions& options) {
  auto text = std::make_shared<const std::string>(std::move(text_in));
  detail::RowBuilder b(options, FileFormat::csv);
  const char* begin = text->data();
  const char* end = begin + text->size();
  if (end - begin >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;  // UTF-8 BOM
  detail::CsvScanner scan(begin, end);
  std::vector<detail::CsvCell> cells;
  std::string scratch;
  std::vector<detail::CsvProblem> problems;
  auto flush_problems = [&](bool in_row) {
    for (auto& p : problems) {
      if (in_row) b.row_problem(errc::parse_error, {p.line, p.column}, {}, std::move(p.message));
      else b.report(Severity::error, errc::parse_error, {p.line, p.column}, {}, std::move(p.message));
    }
    problems.clear();
  };

  // ---- header ----
  bool have_header = false;
  while (scan.next(cells, scratch, problems, options.max_cell_bytes)) {
    if (!blank_record(cells)) {
      have_header = true;
      break;
    }
  }
  flush_problems(false);
  if (!have_header) {
    if (b.problems() == 0) b.report(Severity::error, errc::parse_error, {1, 1}, {}, "the file is empty (expected a header row: id,title,...)");
    return b.finish(text, {});
  }
  std::vector<ColumnRole> roles(cells.size());
  std::vector<std::string> header(cells.size());
  std::vector<bool> map_used(options.column_map.size(), false);
  std::unordered_map<std::string, std::size_t> first_column;
  bool has_id = false;
  bool header_ok = true;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const std::string_view raw = detail::trim(detail::spreadsheet_unescape(cells[k].text));
    const detail::CellPos pos{cells[k].line, cells[k].column};
    if (!detail::valid_utf8(raw)) {
      b.report(Severity::error, errc::parse_error, pos, {}, "invalid UTF-8 in the header");
      header_ok = false;
      continue;
    }
    if (std::find(options.ignore_columns.begin(), options.ignore_columns.end(), raw) != options.ignore_columns.end()) {
      roles[k].role = Role::ignored;
      continue;
    }
    std::string name(raw);
    for (std::size_t m = 0; m < options.column_map.size(); ++m)
      if (options.column_map[m].second == raw) {
        name = options.column_map[m].first;
        map_used[m] = true;
        break;
      }
    if (name.empty()) {
      b.report(Severity::error, errc::parse_error, pos, {}, "column " + std::to_string(k + 1) + " has no name in the header");
      header_ok = false;
      continue;
    }
    roles[k].name = name;
    if (detail::iequals(name, "id")) roles[k].role = Role::id, roles[k].name = "id";
    else if (detail::iequals(name, "title")) roles[k].role = Role::title, roles[k].name = "title";
    else if (detail::iequals(name, "moscow")) roles[k].role = Role::moscow, roles[k].name = "moscow";
    else if (detail::iequals(name, "depends_on")) roles[k].role = Role::depends_on, roles[k].name = "depends_on";
    else if (detail::iequals(name, "parent")) roles[k].role = Role::parent, roles[k].name = "parent";
    else roles[k].role = Role::attribute;
    // First column of each name: one hash lookup per column (10^5 columns stay linear).
    if (const auto [it, fresh] = first_column.try_emplace(roles[k].name, k); !fresh) {
      b.report(Severity::error, errc::parse_error, pos, roles[k].name,
               "the header names this column twice (columns " + std::to_string(it->second + 1) + " and " + std::to_string(k + 1) + ")");
      header_ok = false;
    }
    if (roles[k].role == Role::id) has_id = true;
    header[k] = roles[k].name;
  }
  for (std::size_t m = 0; m < options.column_map.size(); ++m)
    for (const auto& c : cells)
      if (detail::trim(detail::spreadsheet_unescape(c.text)) == options.column_map[m].second) map_used[m] = true;  // present (maybe ignored)
  for (std::size_t m = 0; m < options.column_map.size(); ++m)
    if (!map_used[m]) {
      b.report(Severity::error, errc::invalid_argument, {cells.front().line, 0}, options.column_map[m].first,
               "mapped to column '" + options.column_map[m].second + "', which the header does not have");
      header_ok = false;
    }
  if (!has_id) {
    b.report(Severity::error, errc::parse_error, {cells.front().line, 1}, {},
             "the header has no 'id' column (map one with --map id=COLUMN)");
    header_ok = false;
  }
  if (!header_ok) return b.finish(text, std::move(header));
  for (auto& r : roles)
    if (r.role == Role::attribute) r.attribute = b.attribute(r.name);

  // ---- rows ----
  {
    const char* rest = scan.position();
    const auto rows = static_cast<std::size_t>(std::count(rest, end, '\n')) + 1;
    b.reserve(rows);
  }
  const std::size_t header_line = cells.front().line;
  const std::size_t width = roles.size();
  for (;;) {
    const char* row_start = scan.position();
    if (!scan.next(cells, scratch, problems, options.max_cell_bytes)) break;
    if (problems.empty() && blank_record(cells)) continue;
    const detail::CellPos row_pos{cells.front().line, 1};
    if (cells.size() != width) {
      flush_problems(false);
      b.report(Severity::error, errc::parse_error, row_pos, {},
               "row has " + std::to_string(cells.size()) + " field(s) but the header has " + std::to_string(width));
      continue;
    }
    b.begin_row(row_pos, static_cast<std::uint64_t>(row_start - text->data()));
    flush_problems(true);
    for (std::size_t k = 0; k < width; ++k) {
      const auto& c = cells[k];
      const detail::CellPos pos{c.line, c.column};
      switch (roles[k].role) {
        // Text cells lose their spreadsheet escape first (the depends_on
        // cell as a whole, before it is split on ';').
        case Role::id: b.set_id(detail::spreadsheet_unescape(c.text), pos); break;
        case Role::title: b.set_title(detail::spreadsheet_unescape(c.text), pos); break;
        case Role::moscow: b.set_moscow(detail::spreadsheet_unescape(c.text), pos); break;
        case Role::depends_on: b.set_depends_text(detail::spreadsheet_unescape(c.text), pos); break;
        case Role::parent: b.set_parent(detail::spreadsheet_unescape(c.text), pos); break;
        case Role::attribute: b.set_cell(roles[k].attribute, c.text, pos); break;
        case Role::ignored: break;
      }
    }
    b.end_row();
  }
  flush_problems(false);
  if (b.rows() == 0 && b.problems() == 0)
    b.report(Severity::error, errc::parse_error, {header_line, 1}, {}, "the file has a header row but no features");
  return b.finish(text, std::move(header));
}

std::string write_csv(const Backlog& b) {
  std::string out;
  const auto& attrs = b.attributes();
  out += "id,title";
  for (const auto& a : attrs) {
    out += ',';
    detail::append_csv_field(out, a, true);
  }
  // The parent column only when there is a hierarchy: files without one
  // keep their exact layout.
  const bool parents = b.has_parents();
  out += parents ? ",moscow,depends_on,parent\n" : ",moscow,depends_on\n";
  const auto m = b.matrix();
  std::string deps;
  for (FeatureIndex i = 0; i < b.size(); ++i) {
    detail::append_csv_field(out, b.id(i), true);
    out += ',';
    detail::append_csv_field(out, b.title(i), true);
    for (std::size_t a = 0; a < attrs.size(); ++a) {
      out += ',';
      out += detail::exact_number(m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(a)), "-0");
    }
    out += ',';
    detail::append_csv_field(out, to_string(b.moscow(i)), true);
    out += ',';
    deps.clear();
    for (const auto& d : b.depends_on(i)) {
      if (!deps.empty()) deps += ';';
      deps += d;
    }
    detail::append_csv_field(out, deps, true);
    if (parents) {
      out += ',';
      detail::append_csv_field(out, b.parent(i), true);
    }
    out += '\n';
  }
  return out;
}

}  // namespace v1
}  // namespace prio
