// Private: positions for nlohmann/json's parsers. The tracking iterator
// remembers the last byte the lexer read, so SAX events and parser callbacks
// know where they are; LineCounter turns those offsets into line:column.
#pragma once

#include <cstddef>
#include <iterator>

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

// Line and column of byte offsets that only grow.
class LineCounter {
 public:
  explicit LineCounter(const char* begin) : begin_(begin), scanned_(begin), line_start_(begin) {}
  CellPos at(const char* p) {
    if (p < scanned_) return slow(p);
    for (; scanned_ < p; ++scanned_)
      if (*scanned_ == '\n') {
        ++line_;
        line_start_ = scanned_ + 1;
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
