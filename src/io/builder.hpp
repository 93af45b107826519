// Private: builds a Backlog and its SourceMap row by row, collecting every
// problem. Shared by the CSV and JSON readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "prio/io.hpp"

namespace prio::inline v1::detail {

/// The whole file ("-" = standard input) into text; a diagnostic naming
/// file_name when it cannot be read.
std::optional<Diagnostic> read_input_file(const std::filesystem::path& path, const std::string& file_name, std::string& text);

/// A map keyed by strings that is searched with string views (no copy of
/// the key to look it up).
struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class T>
using StringIndex = std::unordered_map<std::string, T, StringViewHash, std::equal_to<>>;

struct CellPos {
  std::size_t line = 0;
  std::size_t column = 0;
};

struct SourceMapAccess {
  static SourceMap make(std::string file, FileFormat format, std::shared_ptr<const std::string> text,
                        std::vector<std::string> header, std::vector<std::uint64_t> row_offset,
                        std::vector<SourceMap::Position> row_position, std::vector<std::string> json_names,
                        std::vector<SourceMap::JsonKey> json_keys, std::vector<std::uint64_t> json_key_start) {
    SourceMap m;
    m.file_ = std::move(file);
    m.format_ = format;
    m.text_ = std::move(text);
    m.header_ = std::move(header);
    m.row_offset_ = std::move(row_offset);
    m.row_position_ = std::move(row_position);
    m.json_names_ = std::move(json_names);
    m.json_keys_ = std::move(json_keys);
    m.json_key_start_ = std::move(json_key_start);
    return m;
  }
  using Position = SourceMap::Position;
  using JsonKey = SourceMap::JsonKey;
};

/// Appends the parent problems of a read backlog (detail::check_parents) to
/// its diagnostics, each at the parent cell (`place` may set the position
/// first; otherwise the source map finds it), in file order, keeping at most
/// max_diagnostics (a last note counts the rest).
void locate_parent_problems(ReadResult& r, std::size_t max_diagnostics, const std::function<void(Diagnostic&)>& place = {});

class RowBuilder {
 public:
  RowBuilder(const ReadOptions& options, FileFormat format);

  // ---- diagnostics ----
  /// A problem outside any row (header, file structure).
  void report(Severity severity, errc code, CellPos pos, std::string field, std::string message);
  /// A problem in the current row; the feature id is filled in at end_row.
  void row_problem(errc code, CellPos pos, std::string field, std::string message);
  [[nodiscard]] std::size_t problems() const noexcept { return problem_count_; }
  [[nodiscard]] bool saturated() const noexcept { return kept_.size() >= options_.max_diagnostics; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

  // ---- columns ----
  /// The index of an attribute column, created (NaN for earlier rows) when new.
  std::size_t attribute(std::string_view name);
  [[nodiscard]] const std::string& attribute_name(std::size_t a) const { return attr_names_[a]; }

  // ---- rows ----
  void reserve(std::size_t rows);
  void begin_row(CellPos pos, std::uint64_t offset);
  void set_id(std::string_view raw, CellPos pos);
  void set_title(std::string_view raw, CellPos pos);
  void set_moscow(std::string_view raw, CellPos pos);
  /// `a;b;c`
  void set_depends_text(std::string_view raw, CellPos pos);
  void add_dependency(std::string_view raw, CellPos pos);
  /// One parent id; empty = none.
  void set_parent(std::string_view raw, CellPos pos);
  /// A cell's text: a number, 80% for percent columns, empty = missing.
  void set_cell(std::size_t attr, std::string_view raw, CellPos pos);
  void set_number(std::size_t attr, double value, CellPos pos);
  void set_missing(std::size_t attr) { attr_values_[attr].back() = std::numeric_limits<double>::quiet_NaN(); }
  /// JSON: the index of a field name in the source map (added when new).
  std::uint32_t json_name(std::string_view field);
  /// JSON: records where a field (json_name's index) of the current row is.
  void note_field(std::uint32_t name, CellPos pos);
  [[nodiscard]] bool row_has_id() const noexcept { return row_has_id_; }
  /// Keeps the row (when it has an id) and reports its problems.
  void end_row();
  /// Drops the row entirely (its problems were reported by the caller).
  void drop_row();
  [[nodiscard]] std::size_t rows() const noexcept { return ids_.size(); }

  ReadResult finish(std::shared_ptr<const std::string> text, std::vector<std::string> header);

 private:
  struct Pending {
    errc code;
    CellPos pos;
    std::string field;
    std::string message;
  };
  void keep(Diagnostic d);
  bool check_text(std::string_view s, CellPos pos, const char* field);

  const ReadOptions& options_;
  FileFormat format_;
  std::string file_;
  std::vector<Diagnostic> kept_;
  std::size_t problem_count_ = 0;

  std::vector<std::string> attr_names_;
  std::vector<bool> attr_percent_;
  StringIndex<std::size_t> attr_index_;
  std::vector<std::vector<double>> attr_values_;
  std::vector<std::uint32_t> attr_stamp_;  // row number + 1 of the last set (JSON duplicate keys)

  std::vector<std::string> ids_;
  std::vector<std::string> titles_;
  std::vector<Moscow> moscow_;
  std::vector<std::vector<std::string>> depends_;
  std::vector<std::string> parents_;
  bool any_parent_ = false;
  std::vector<std::uint64_t> row_offset_;
  std::vector<SourceMapAccess::Position> row_position_;
  std::vector<SourceMapAccess::Position> id_position_;
  // JSON: each feature's keys (SourceMap's layout); distinct names looked up by value.
  std::vector<std::string> json_names_;
  StringIndex<std::uint32_t> json_name_index_;
  std::vector<SourceMapAccess::JsonKey> json_keys_;
  std::vector<std::uint64_t> json_key_start_;

  bool in_row_ = false;
  bool row_has_id_ = false;
  std::vector<Pending> pending_;
};

}  // namespace prio::v1::detail
