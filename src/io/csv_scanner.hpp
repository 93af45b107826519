// Private: an RFC 4180 record scanner over a buffer in memory. Cells are views
// into the buffer; only quoted cells with doubled quotes are copied (into a
// per-record scratch string), so the hot path allocates nothing.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace prio::inline v1::detail {

struct CsvCell {
  std::string_view text;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;
  std::size_t scratch_offset = std::string::npos;  // set when the text lives in the scratch string
};

struct CsvProblem {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  bool fatal = false;
};

class CsvScanner {
 public:
  CsvScanner(const char* begin, const char* end, std::size_t line = 1, const char* line_start = nullptr, char separator = ',')
      : p_(begin), end_(end), line_(line), line_start_(line_start ? line_start : begin), sep_(separator) {}

  [[nodiscard]] const char* position() const noexcept { return p_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  [[nodiscard]] std::size_t column_of(const char* p) const noexcept { return static_cast<std::size_t>(p - line_start_) + 1; }

  /// Reads the next record. Returns false at the end of the input (or after
  /// a fatal problem, which is appended to problems).
  bool next(std::vector<CsvCell>& cells, std::string& scratch, std::vector<CsvProblem>& problems, std::size_t max_cell) {
    cells.clear();
    scratch.clear();
    if (p_ >= end_ || stopped_) return false;
    for (;;) {
      CsvCell c;
      c.line = line_;
      c.column = column_of(p_);
      if (p_ < end_ && *p_ == '"') {
        c.quoted = true;
        ++p_;
        const char* start = p_;
        bool escaped = false;
        std::size_t off = scratch.size();
        for (;;) {
          const auto* q = static_cast<const char*>(std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_)));
          if (!q) {
            problems.push_back({c.line, c.column, "unterminated quoted field (the quote opened here is never closed)", true});
            stopped_ = true;
            p_ = end_;
            return false;
          }
          count_lines(p_, q);
          if (q + 1 < end_ && q[1] == '"') {  // "" inside quotes
            scratch.append(start, static_cast<std::size_t>(q + 1 - start));
            escaped = true;
            p_ = q + 2;
            start = p_;
            continue;
          }
          if (escaped) {
            scratch.append(start, static_cast<std::size_t>(q - start));
            c.scratch_offset = off;
            c.text = std::string_view(scratch.data() + off, scratch.size() - off);
          } else {
            c.text = std::string_view(start, static_cast<std::size_t>(q - start));
          }
          p_ = q + 1;
          break;
        }
        if (p_ < end_ && *p_ != sep_ && *p_ != '\n' && *p_ != '\r') {
          problems.push_back({line_, column_of(p_), "unexpected character after a closing quote (quotes inside a quoted field are doubled: \"\")", false});
          while (p_ < end_ && *p_ != sep_ && *p_ != '\n' && *p_ != '\r') ++p_;
        }
      } else {
        const char* q = skip_plain(p_);
        c.text = std::string_view(p_, static_cast<std::size_t>(q - p_));
        p_ = q;
      }
      if (c.text.size() > max_cell)
        problems.push_back({c.line, c.column, "field is longer than " + std::to_string(max_cell) + " bytes", false});
      cells.push_back(c);
      if (p_ >= end_) break;
      if (*p_ == sep_) {
        ++p_;
        continue;
      }
      if (*p_ == '\r') {
        ++p_;
        if (p_ < end_ && *p_ == '\n') ++p_;
      } else {
        ++p_;  // '\n'
      }
      ++line_;
      line_start_ = p_;
      break;
    }
    // Cells copied to scratch (only when a record has doubled quotes): point
    // them at its final buffer.
    if (!scratch.empty())
      for (auto& c : cells)
        if (c.scratch_offset != std::string::npos) c.text = std::string_view(scratch.data() + c.scratch_offset, c.text.size());
    return true;
  }

 private:
  // Eight bytes at a time: the bytes of w equal to c have their high bit
  // set in the result; the lowest set bit is exact (a false positive only
  // appears above a true one).
  static std::uint64_t bytes_equal(std::uint64_t w, char c) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const std::uint64_t x = w ^ (ones * static_cast<unsigned char>(c));
    return (x - ones) & ~x & highs;
  }
  static std::uint64_t load8(const char* p) noexcept {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  // The first separator or line break at or after p (or the end), looked for
  // eight bytes at a time while eight remain (little-endian only), then
  // byte by byte. A hit in a word is exact: no byte is read again.
  [[nodiscard]] const char* skip_plain(const char* p) const noexcept {
    if constexpr (std::endian::native == std::endian::little)
      while (end_ - p >= 8) {
        const std::uint64_t w = load8(p);
        const std::uint64_t hit = bytes_equal(w, sep_) | bytes_equal(w, '\n') | bytes_equal(w, '\r');
        if (hit != 0) return p + std::countr_zero(hit) / 8;
        p += 8;
      }
    while (p < end_ && *p != sep_ && *p != '\n' && *p != '\r') ++p;
    return p;
  }
  // Whether [a, b) holds a \n or \r.
  static bool any_break(const char* a, const char* b) noexcept {
    for (; b - a >= 8; a += 8) {
      const std::uint64_t w = load8(a);
      if ((bytes_equal(w, '\n') | bytes_equal(w, '\r')) != 0) return true;
    }
    for (; a < b; ++a)
      if (*a == '\n' || *a == '\r') return true;
    return false;
  }

  // Line breaks inside a quoted field: \n, \r\n or a lone \r.
  void count_lines(const char* a, const char* b) noexcept {
    if (!any_break(a, b)) return;
    for (const char* s = a; s < b; ++s) {
      if (*s == '\n' || (*s == '\r' && (s + 1 >= b || s[1] != '\n'))) {
        ++line_;
        line_start_ = s + 1;
      }
    }
  }

  const char* p_;
  const char* end_;
  std::size_t line_;
  const char* line_start_;
  bool stopped_ = false;
  char sep_;
};

}  // namespace prio::v1::detail
