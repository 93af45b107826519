// Private: positions for nlohmann/json's parsers. The tracking iterator
// remembers the last byte the lexer read, so SAX events and parser callbacks
// know where they are; LineCounter turns those offsets into line:column.
#pragma once

#include <cstddef>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "builder.hpp"

namespace prio::inline v1::detail {

// An input iterator over the buffer that remembers the last byte the lexer
// read, so that SAX events know where they are.
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char** last = nullptr;

  reference operator*() const {
    *last = p;
    return *p;
  }
  TrackingIterator& operator++() {
    ++p;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator t = *this;
    ++p;
    return t;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.p == b.p; }
  friend bool operator!=(const TrackingIterator& a, const TrackingIterator& b) { return a.p != b.p; }
};

// Where a parse through TrackingIterator failed, as a byte offset from base:
// a syntax error's own byte; otherwise (a number too large for a double,
// out_of_range 406, thrown once the lexer has read past the number) the start
// of the last copy of the quoted number among the bytes read, or the last byte read.
inline std::size_t json_error_offset(const nlohmann::json::exception& e, const char* base, const char* last) {
  if (const auto* p = dynamic_cast<const nlohmann::json::parse_error*>(&e)) return p->byte > 0 ? p->byte - 1 : 0;
  const std::size_t off = last ? static_cast<std::size_t>(last - base) : 0;
  const std::string_view what = e.what();
  const auto q = what.find("parsing '");
  if (q == std::string_view::npos || !what.ends_with('\'')) return off;
  const std::string_view token = what.substr(q + 9, what.size() - q - 10);
  const auto at = std::string_view(base, last ? off + 1 : 0).rfind(token);
  return token.empty() || at == std::string_view::npos ? off : at;
}

// nlohmann/json's message without "[json.exception.<kind>.<n>] " and, for a
// syntax error, without "parse error at line L, column C: ".
inline std::string json_error_message(const nlohmann::json::exception& e) {
  std::string what = e.what();
  if (const auto k = what.find("] "); k != std::string::npos && what.starts_with("[json.exception.")) what.erase(0, k + 2);
  if (what.starts_with("parse error"))
    if (const auto c = what.find(": "); c != std::string::npos) what.erase(0, c + 2);
  return what;
}

// Line and column of byte offsets that only grow.
class LineCounter {
 public:
  explicit LineCounter(const char* begin) : begin_(begin), scanned_(begin), line_start_(begin) {}
  CellPos at(const char* p) {
    if (p < scanned_) return slow(p);
    while (scanned_ < p) {  // memchr from line to line
      const auto* nl = static_cast<const char*>(std::memchr(scanned_, '\n', static_cast<std::size_t>(p - scanned_)));
      if (!nl) {
        scanned_ = p;
        break;
      }
      ++line_;
      line_start_ = scanned_ = nl + 1;
    }
    return {line_, static_cast<std::size_t>(p - line_start_) + 1};
  }

 private:
  CellPos slow(const char* p) const {
    std::size_t line = 1;
    const char* ls = begin_;
    for (const char* s = begin_; s < p; ++s)
      if (*s == '\n') ++line, ls = s + 1;
    return {line, static_cast<std::size_t>(p - ls) + 1};
  }
  const char* begin_;
  const char* scanned_;
  const char* line_start_;
  std::size_t line_ = 1;
};

}  // namespace prio::v1::detail
