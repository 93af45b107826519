// prio::io: backlogs from and to CSV and JSON files, and the strategy specs
// of the command line ("rice", "moscow:wsjf", "weighted" + weights).
//
// Compiled part: link the prio::io target (src/io). Everything here reports
// problems as prio::Diagnostic lists (readers) or throws prio::error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/fwd.hpp"
#include "prio/error.hpp"
#include "prio/experiment/calibrate.hpp"
#include "prio/version.hpp"

namespace prio {
inline namespace v1 {

enum class FileFormat : std::uint8_t { csv, json };

/// How a file's columns become backlog fields.
struct ReadOptions {
  /// Name shown in diagnostics (`FILE:LINE:COLUMN: ...`); empty = "<input>".
  std::string file_name;
  /// Column mapping, prio name -> the file's column (CSV header or JSON key),
  /// e.g. {"reach", "Users per quarter"}. Unmapped columns keep their names.
  std::vector<std::pair<std::string, std::string>> column_map;
  /// File columns to leave out (free text in an export: "Assignee", "Notes").
  std::vector<std::string> ignore_columns;
  /// Columns holding fractions that may be written as percentages: 0.8, 80
  /// and 80% all read as 0.8; above 100% is an error.
  std::vector<std::string> percent_columns = {"confidence"};
  /// In a percent column, a plain number above 1 is a percentage (80 reads as
  /// 0.8). False keeps plain numbers as written and reads only "80%" as 0.8:
  /// `prio convert` reads so, because a conversion never changes a number.
  bool percent_plain_numbers = true;
  /// At most this many diagnostics are kept (a last note says how many more).
  std::size_t max_diagnostics = 20;
  /// A cell longer than this is an error (protects against a broken quote
  /// swallowing the rest of a file into one cell).
  std::size_t max_cell_bytes = 65536;
};

/// Where each feature came from, to put file:line:column on diagnostics that
/// are found later (prio::validate, a strategy's check).
class SourceMap {
 public:
  SourceMap() = default;
  /// Fills where.file / line / column of a diagnostic that names a feature
  /// (and optionally a field) of `backlog`, the backlog that was read with
  /// this map. Diagnostics that already have a file are left alone. O(row length).
  void locate(Diagnostic& d, const Backlog& backlog) const;
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] FileFormat format() const noexcept { return format_; }

 private:
  friend struct detail::SourceMapAccess;
  struct Position {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
  };
  std::string file_;
  FileFormat format_ = FileFormat::csv;
  std::shared_ptr<const std::string> text_;
  std::vector<std::string> header_;        // CSV: prio field name per column
  std::vector<std::uint64_t> row_offset_;  // CSV: byte offset of each feature's row
  std::vector<Position> row_position_;     // line (and JSON: column) of each feature
  struct JsonKey {
    std::uint32_t name = 0;  // in json_names_
    Position pos;
  };
  std::vector<std::string> json_names_;        // JSON: the distinct keys of features (prio's field names)
  std::vector<JsonKey> json_keys_;             // JSON: each feature's keys in file order, feature after feature
  std::vector<std::uint64_t> json_key_start_;  // JSON: feature i's keys are [start[i], start[i + 1])
};

/// A backlog read from a file, every problem found, and where each feature is.
/// When diagnostics hold an error, `backlog` holds the rows that were read
/// cleanly and should not be used for ranking.
struct ReadResult {
  Backlog backlog;
  std::vector<Diagnostic> diagnostics;
  SourceMap source;
  [[nodiscard]] bool ok() const noexcept { return !has_errors(diagnostics); }
  /// source.locate(d, backlog).
  void locate(Diagnostic& d) const { source.locate(d, backlog); }
};

/// Reads CSV (RFC 4180: a header row, quoted fields with embedded commas,
/// quotes and newlines, CRLF or LF line ends, an optional UTF-8 BOM). Columns
/// `id`, `title`, `moscow`, `depends_on` (ids separated by `;`), `parent` (one
/// id; unknown parents, own parents and parent cycles are errors at the cell);
/// every other column is a numeric attribute; an empty cell is a missing
/// value. Never throws for bad input: every problem goes to diagnostics. O(bytes).
[[nodiscard]] ReadResult read_csv(std::string text, const ReadOptions& options = {});

/// Reads JSON `{"features": [{"id": "sso", "title": "...", "moscow": "must",
/// "depends_on": ["a", "b"], "parent": "epic", "reach": 1200, ...}]}`; null =
/// missing value (no parent). Never throws for bad input. O(bytes).
[[nodiscard]] ReadResult read_json(std::string text, const ReadOptions& options = {});

/// Reads a file, JSON when its name ends in .json, CSV otherwise; "-" reads
/// standard input as CSV. A file that cannot be opened is a diagnostic.
[[nodiscard]] ReadResult read_backlog(const std::filesystem::path& path, ReadOptions options = {});

/// The backlog as CSV: id, title, the attributes in column order, moscow,
/// depends_on, and parent when any feature has one; numbers in the shortest
/// form that reads back exactly.
[[nodiscard]] std::string write_csv(const Backlog& backlog);

/// The backlog as JSON (the schema read_json reads; missing values are null;
/// "parent" only when any feature has one).
[[nodiscard]] std::string write_json(const Backlog& backlog);

/// Shortest decimal form of v that reads back to exactly v (std::to_chars);
/// NaN gives "" (a missing value).
[[nodiscard]] std::string format_number(double v);

/// Parses a MoSCoW cell: must / should / could / won't (or wont), any case,
/// also M / S / C / W and "must have" etc.; empty = unset. False when unknown.
[[nodiscard]] bool parse_moscow(std::string_view text, Moscow& out) noexcept;

// ---- calibration files (prio calibrate) ----------------------------------------

/// A calibration as JSON, schema 1 (README, "Calibration file"); numbers in
/// the shortest form that reads back exactly, so a file round-trips.
[[nodiscard]] std::string write_calibration(const Calibration& calibration);
/// Reads a calibration written by write_calibration. Throws prio::error:
/// parse_error (not JSON: with line and column; not a calibration; a missing
/// or mistyped field, named), invalid_value (mu not finite, sigma < 0).
[[nodiscard]] Calibration read_calibration(std::string_view text, const std::string& file_name = "<input>");
/// read_calibration of a file; io_error when it cannot be opened.
[[nodiscard]] Calibration read_calibration_file(const std::filesystem::path& path);

}  // namespace v1
}  // namespace prio
