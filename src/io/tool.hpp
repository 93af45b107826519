// Helpers of the `prio` tool compiled in prio::io: not installed, not API.
// (JSON string literals for the reports, --map / --map-file column mappings,
// text columns for --group-by.)
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace prio {
inline namespace v1 {

/// s as a JSON string literal, quotes included (control characters as \\u00XX).
[[nodiscard]] std::string json_quote(std::string_view s);

/// Parses `name=Column` (a --map argument) into {"name", "Column"}; surrounding
/// quotes on the column are removed. Throws prio::error (invalid_argument).
[[nodiscard]] std::pair<std::string, std::string> parse_column_mapping(std::string_view spec);

/// Reads a mapping file: one `name = Column` per line, `#` starts a comment.
/// Throws prio::error (io_error, parse_error with file:line).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> read_column_map(const std::filesystem::path& path);

/// (id, text) of one column of a CSV or JSON backlog file, row by row: text
/// labels such as a team or an issue type, which the backlog readers (numbers
/// only) leave out. Throws prio::error (io_error, parse_error, unknown_attribute).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> read_text_column(const std::filesystem::path& path, const std::string& column);

}  // namespace v1
}  // namespace prio
