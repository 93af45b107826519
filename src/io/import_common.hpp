// Private: what the import profiles share. A profile reads its export row by
// row into an ImportSink (the RowBuilder of the CSV and JSON readers plus the
// columns a Backlog has no place for) and describes links by reference; the
// sink resolves them once every row is known (ids, aliases such as titles or
// Jira's numeric ids, rows left out as done) and deduplicates them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "builder.hpp"
#include "csv_scanner.hpp"
#include "prio/import.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

/// A link as a profile reads it: the text naming the other item (copied by
/// the sink, trimmed and with spreadsheet escaping removed, so a view into a
/// cell or a temporary is fine) and its cell.
struct Ref {
  std::string_view text;
  CellPos pos;
};

/// How a source column's cells become a number.
enum class CellKind : std::uint8_t {
  number,         // 4, 4.0, 80%, "$1,200", "12 pts", decimal comma in ';' files
  seconds,        // Jira time tracking: seconds -> hours
  jira_priority,  // Highest..Lowest (or Blocker..Trivial) -> 5..1
  linear_priority,// No priority=0, Urgent=1 .. Low=4 -> 0, 4..1
  select_priority,// Notion: Urgent/Critical/P0 .. Low/P3 -> ordinal
  count,          // number of non-empty values (Jira goals, repeated columns)
  date,           // days since 1970-01-01
};

/// Text of a number cell with currency, thousands separators and a unit word
/// removed ("$1,200" -> "1200", "12 pts" -> "12", "80 %" -> "80%"); with
/// decimal_comma, "4,5" -> "4.5". Returns false when nothing numeric is left.
bool clean_number(std::string_view in, bool decimal_comma, std::string& out);
/// The whole of s as a number (fast_float); false otherwise.
bool parse_double(std::string_view s, double& v) noexcept;
/// Byte offset -> line and column.
[[nodiscard]] CellPos position_of(const std::string& text, std::size_t offset);

class ImportSink {
 public:
  ImportSink(const ImportOptions& options, FileFormat format) : options_(options), b_(options.read, format) {}
  RowBuilder& builder() { return b_; }
  const ImportOptions& options() const { return options_; }

  /// Room for `rows` rows (an estimate: the lines of a CSV export).
  void reserve(std::size_t rows);
  void begin_row(CellPos pos, std::uint64_t offset) {
    b_.begin_row(pos, offset);
    links_begin_ = links_.size();
    aliases_begin_ = aliases_.size();
    text_begin_ = text_.size();
    cur_parent_ = npos;
    cur_status_.clear();
    cur_labels_.clear();
    cur_done_ = false;
  }
  void add_blocked_by(Ref r) { add_link(LinkKind::blocked_by, r); }
  void add_blocks(Ref r) { add_link(LinkKind::blocks, r); }
  /// The row's parent (a later call replaces an earlier one).
  void set_parent(Ref r) {
    if (cur_parent_ != npos) links_[cur_parent_] = make_link(LinkKind::parent, r);
    else cur_parent_ = links_.size(), add_link(LinkKind::parent, r);
  }
  void set_status(std::string s) { cur_status_ = std::move(s); }
  /// The current row is done (kept with ImportOptions::keep_done): it no longer blocks.
  void mark_done() { cur_done_ = true; }
  void add_label(std::string s) { cur_labels_.push_back(std::move(s)); }
  /// Room for n labels in the current row.
  void reserve_labels(std::size_t n) { cur_labels_.reserve(n); }
  /// Another name the links of other rows may use for the current row (a
  /// title, a numeric id, a card's short link); set before end_row.
  void add_alias(std::string_view a) { aliases_.push_back(Alias{static_cast<std::uint32_t>(status_.size()), keep_text(a)}); }
  /// Keeps the row (when it has an id).
  void end_row();
  /// A row left out as done: links to it (or its aliases) are dropped without a warning.
  void skip_done(std::string_view id, std::initializer_list<std::string_view> aliases = {});
  /// A number cell of the given kind into attribute `attr`.
  void set_value(std::size_t attr, CellKind kind, std::string_view raw, CellPos pos, bool decimal_comma);
  /// Resolves the links (aliases that name more than one row resolve to none,
  /// and links through them are reported as ambiguous). An export (items =
  /// true) with nothing to import is an error, as a backlog file without
  /// features is for prio's own readers.
  ImportResult finish(std::shared_ptr<const std::string> text, std::vector<std::string> header, bool items = true);

 private:
  // Every row's links and aliases live in flat vectors (a row's entries are
  // contiguous, rows in order): no allocation per row for what most rows
  // hold one or two of.
  // Their texts are kept in one string (text_), each entry by offset.
  enum class LinkKind : std::uint8_t { blocked_by, blocks, parent };
  struct Text {
    std::size_t offset, size;
  };
  struct Link {
    std::uint32_t row;
    LinkKind kind;
    Text text;  // the name
    CellPos pos;
  };
  struct Alias {
    std::uint32_t row;
    Text text;
  };
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  Text keep_text(std::string_view t) {
    const Text k{text_.size(), t.size()};
    text_.append(t);
    return k;
  }
  [[nodiscard]] std::string_view text_of(Text t) const { return std::string_view(text_).substr(t.offset, t.size); }
  // The name a link is resolved by (trimmed, spreadsheet escaping removed),
  // worked out while its cell is in the cache.
  Link make_link(LinkKind kind, Ref r) {
    return Link{static_cast<std::uint32_t>(status_.size()), kind, keep_text(trim(spreadsheet_unescape(trim(r.text)))), r.pos};
  }
  void add_link(LinkKind kind, Ref r) { links_.push_back(make_link(kind, r)); }
  /// Each link's target: a row, or why there is none (see finish).
  void resolve_links(const Backlog& bl, std::vector<std::int64_t>& target);

  const ImportOptions& options_;
  RowBuilder b_;
  // The row being read.
  std::size_t links_begin_ = 0, aliases_begin_ = 0, cur_parent_ = npos;
  std::string cur_status_;
  std::vector<std::string> cur_labels_;
  bool cur_done_ = false;
  // The rows kept, aligned with the builder's rows.
  std::vector<Link> links_;
  std::vector<Alias> aliases_;
  std::string text_;  // the texts of links_ and aliases_
  std::size_t text_begin_ = 0;
  std::vector<std::string> status_;
  std::vector<std::vector<std::string>> labels_;
  std::vector<char> done_row_;
  std::unordered_set<std::string> done_;
  std::size_t done_rows_ = 0;
  std::vector<Diagnostic> extra_;
};

/// A CSV export: BOM, ',' or ';' separator, trimmed header names (a Jira
/// header may have trailing spaces inside names), repeated columns.
class ImportCsv {
 public:
  ImportCsv(const std::string& text, const ReadOptions& options, bool case_insensitive);
  /// False when the header could not be read (reported to the sink).
  bool read_header(ImportSink& sink, std::string_view expected);
  [[nodiscard]] char separator() const noexcept { return sep_; }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }
  [[nodiscard]] CellPos header_pos(std::size_t k) const { return header_pos_[k]; }
  [[nodiscard]] std::size_t header_line() const noexcept { return header_line_; }
  /// Every column with this header name (trimmed; case-insensitive when asked).
  [[nodiscard]] std::vector<std::size_t> columns(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return !columns(name).empty(); }
  /// The column the user mapped `prio_name` to (--map), when there is one.
  [[nodiscard]] const std::string* mapped(std::string_view prio_name) const;
  /// Columns for a field: the user's --map when given, else the first
  /// default name present. Ignored columns (--ignore) are left out.
  [[nodiscard]] std::vector<std::size_t> field(std::string_view prio_name, const std::vector<std::string>& defaults) const;
  /// Reports each --map whose column the header lacks; false when any.
  bool check_maps(ImportSink& sink) const;
  /// An upper bound of the records left (their line breaks), to reserve room.
  [[nodiscard]] std::size_t records_left() const;
  /// The next record; false at the end. Problems go to the sink.
  bool next(std::vector<CsvCell>& cells, ImportSink& sink, std::uint64_t& offset);
  /// The text of the cell (stable only until the next call of next()).
  [[nodiscard]] static std::string_view cell(const std::vector<CsvCell>& cells, std::size_t k) {
    return k < cells.size() ? cells[k].text : std::string_view{};
  }

 private:
  const std::string& text_;
  const ReadOptions& options_;
  bool ci_;
  char sep_ = ',';
  std::vector<std::string> names_;
  std::vector<CellPos> header_pos_;
  std::size_t header_line_ = 1;
  const char* begin_;
  std::unique_ptr<CsvScanner> scan_;
  std::string scratch_;
  std::vector<CsvProblem> problems_;
};

/// A profile's default mapping of one attribute: the first source column the
/// header has (all of them, when several are present: a conflict between two
/// filled ones is an error), read as `kind`.
struct FieldSpec {
  std::string name;
  std::vector<std::string> sources;
  CellKind kind = CellKind::number;
};
struct PlannedField {
  std::string name;
  std::size_t attr = 0;
  std::vector<std::size_t> cols;
  CellKind kind = CellKind::number;
};
/// The profile's defaults with the user's --map applied (a mapped column
/// replaces the default source; other mapped names are plain numbers).
/// `reserved` names (id, title ...) are the profile's own.
[[nodiscard]] std::vector<PlannedField> plan_fields(const ImportCsv& csv, ImportSink& sink, const std::vector<FieldSpec>& defaults,
                                                   const std::vector<std::string>& reserved);
/// Sets the planned attributes of the current row.
void apply_fields(const std::vector<PlannedField>& fields, const std::vector<CsvCell>& cells, ImportSink& sink, bool decimal_comma);
/// The header lacks the required fields: one error listing them all.
void report_missing(ImportSink& sink, const ImportCsv& csv, const std::vector<std::pair<std::string, std::string>>& missing,
                    std::string_view format);

/// A CSV read for its diagnostics only (metrics, surveys): the options, the
/// sink collecting problems and the header / record reader over the text.
struct CsvSession {
  CsvSession(std::string text_in, const ReadOptions& read)
      : text(std::make_shared<const std::string>(std::move(text_in))), options{read, false, false, false},
        sink(options, FileFormat::csv), csv(*text, options.read, true) {}
  RowBuilder& builder() { return sink.builder(); }
  /// Every problem reported, in file order.
  std::vector<Diagnostic> diagnostics() { return sink.finish(text, {}, false).diagnostics; }
  std::shared_ptr<const std::string> text;
  ImportOptions options;
  ImportSink sink;
  ImportCsv csv;
};

/// The file's text handed to `read`, or a result holding the diagnostic of a
/// file that cannot be read ("-" = standard input).
template <class Result, class Read>
Result with_file(const std::filesystem::path& path, std::string& file_name, Read read) {
  if (file_name.empty()) file_name = path == "-" ? "<stdin>" : path.string();
  std::string text;
  if (auto d = read_input_file(path, file_name, text)) {
    Result r;
    r.diagnostics.push_back(std::move(*d));
    return r;
  }
  return read(std::move(text));
}

/// A CSV profile given a JSON file: the error saying what was expected.
std::optional<ImportResult> reject_json(const ImportOptions& o, const std::shared_ptr<const std::string>& text, std::string_view format,
                                        std::string_view expected);

/// Splits "a, b, c" on commas, trimming each part; empty parts left out.
[[nodiscard]] std::vector<std::string_view> split_list(std::string_view s, char sep = ',');

/// Reads the whole profile (dispatch used by read_import).
ImportResult import_jira(std::string text, const ImportOptions& o);
ImportResult import_linear(std::string text, const ImportOptions& o);
ImportResult import_trello(std::string text, const ImportOptions& o);
ImportResult import_notion(std::string text, const ImportOptions& o);

/// A result holding one error (a file that is not the profile's format).
ImportResult import_error(const ImportOptions& o, std::shared_ptr<const std::string> text, CellPos pos, std::string message);

}  // namespace prio::v1::detail
