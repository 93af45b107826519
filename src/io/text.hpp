// Private helpers of prio::io: trimming, UTF-8 checks, number cells.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

namespace prio::inline v1::detail {

[[nodiscard]] inline bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

[[nodiscard]] inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

[[nodiscard]] inline char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

[[nodiscard]] inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

/// An attribute name from an export's column or field name: trimmed, ASCII
/// lower case, spaces as '_' ("Story Points" -> "story_points").
[[nodiscard]] inline std::string attribute_name_of(std::string_view column) {
  std::string out;
  for (char c : trim(column)) out += c == ' ' ? '_' : ascii_lower(c);
  return out;
}

/// The offset of the first byte that is not well-formed UTF-8 (overlongs,
/// surrogates and code points above U+10FFFF are errors), or npos.
[[nodiscard]] inline std::size_t utf8_error(std::string_view s) noexcept {
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* p = begin;
  const auto* end = p + s.size();
  while (p < end) {
    // ASCII fast path, 8 bytes at a time.
    while (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p == end) break;
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
    else return static_cast<std::size_t>(p - begin);
    if (end - p <= n) return static_cast<std::size_t>(p - begin);
    for (int k = 1; k <= n; ++k) {
      const unsigned cc = p[k];
      if ((cc & 0xC0) != 0x80) return static_cast<std::size_t>(p - begin);
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return static_cast<std::size_t>(p - begin);
    p += n + 1;
  }
  return std::string_view::npos;
}

[[nodiscard]] inline bool valid_utf8(std::string_view s) noexcept { return utf8_error(s) == std::string_view::npos; }

/// Text of a cell for a message: at most 40 bytes, control and non-UTF-8
/// bytes shown as '?', so a diagnostic never prints garbage.
[[nodiscard]] inline std::string quote_for_message(std::string_view s) {
  std::string out;
  const bool utf8 = valid_utf8(s);
  std::size_t i = 0;
  for (; i < s.size() && out.size() < 40; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F || (!utf8 && c >= 0x80)) out += '?';
    else out += static_cast<char>(c);
  }
  if (i < s.size()) {
    // Do not cut a UTF-8 sequence in half.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "...";
  }
  return "'" + out + "'";
}

/// Spreadsheet formula guard (OWASP "CSV injection"): a text cell starting
/// with = + - @, tab or carriage return would run as a formula when the CSV
/// is opened in a spreadsheet.
[[nodiscard]] inline bool spreadsheet_trigger(char c) noexcept {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/// True for a cell that spreadsheet_unescape shortens: a `'` followed by a
/// trigger character or by another `'`.
[[nodiscard]] inline bool spreadsheet_escaped(std::string_view cell) noexcept {
  return cell.size() >= 2 && cell[0] == '\'' && (spreadsheet_trigger(cell[1]) || cell[1] == '\'');
}

/// Whether spreadsheet_escape prefixes `'`: the text starts with a trigger,
/// or already looks escaped (so that the mapping stays invertible).
[[nodiscard]] inline bool spreadsheet_needs_escape(std::string_view s) noexcept {
  return (!s.empty() && spreadsheet_trigger(s.front())) || spreadsheet_escaped(s);
}

/// `'` + s when the cell would run as a formula (or looks escaped); s otherwise.
/// spreadsheet_unescape(spreadsheet_escape(s)) == s for every s.
[[nodiscard]] inline std::string spreadsheet_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 1);
  if (spreadsheet_needs_escape(s)) out += '\'';
  out += s;
  return out;
}

/// The cell without one leading `'` when it is followed by = + - @ ' tab or
/// carriage return (as spreadsheets, Linear and prio write them).
[[nodiscard]] inline std::string_view spreadsheet_unescape(std::string_view cell) noexcept {
  if (spreadsheet_escaped(cell)) cell.remove_prefix(1);
  return cell;
}

/// True when s holds a byte that makes a CSV field need quotes: , " CR LF.
/// One pass with no early exit, which compilers vectorize (find_first_of
/// calls memchr on the four bytes for every byte of s: ~6% of writing a
/// 10^6-row ranking).
[[nodiscard]] inline bool has_csv_special(std::string_view s) noexcept {
  bool hit = false;
  for (const char c : s) hit |= (c == ',') | (c == '"') | (c == '\r') | (c == '\n');
  return hit;
}

/// Appends one RFC 4180 field: quoted when it holds a comma, quote, CR or LF
/// or starts or ends with a space or tab. `text` cells are spreadsheet
/// escaped first (numbers are not: "-0.5" stays a number).
inline void append_csv_field(std::string& out, std::string_view s, bool text) {
  const bool escape = text && spreadsheet_needs_escape(s);
  const bool quote = has_csv_special(s) ||
                     (!s.empty() && ((!escape && is_space(s.front())) || is_space(s.back())));
  if (quote) out += '"';
  if (escape) out += '\'';
  if (!quote) {
    out += s;
    return;
  }
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

/// A number for prio's own files: format_number, except that -0 keeps its
/// sign (written as `negative_zero`), so a write/read round trip is exact.
[[nodiscard]] std::string exact_number(double v, const char* negative_zero);

/// Reads a whole file to the end, whatever it is: a regular file, a pipe, a
/// FIFO, process substitution (/dev/fd/N), a /proc file; "-" is standard
/// input. A regular file's size only reserves the buffer; streams are read in
/// blocks that are released while they are joined, so the text is never held
/// twice. False with `why` set (no file name) when it cannot be opened or read.
[[nodiscard]] bool read_whole_file(const std::filesystem::path& path, std::string& out, std::string& why);

}  // namespace prio::v1::detail
