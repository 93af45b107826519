// Private helpers of prio/nrp.hpp: not API, may change in any release.
// Include "prio/nrp.hpp" instead.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <istream>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "prio/error.hpp"
#include "prio/release.hpp"

namespace prio::inline v1::detail {

class NrpTokens {
 public:
  NrpTokens(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  /// The next integer; `what` names it in errors. Throws prio::error (parse_error) with file:line:column.
  long long next(const char* what) {
    int ch = in_.get();
    for (;;) {
      if (ch == '\n') {
        ++line_;
        column_ = 0;
      } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f') {
        ++column_;
      } else {
        break;
      }
      ch = in_.get();
    }
    ++column_;
    const std::size_t line = line_, column = column_;
    if (ch == std::char_traits<char>::eof()) fail(std::string("unexpected end of file, expected ") + what, line, column);
    bool negative = false;
    if (ch == '-') {
      negative = true;
      ch = in_.get();
      ++column_;
    }
    if (ch < '0' || ch > '9') fail(std::string("expected an integer (") + what + ")", line, column);
    long long v = 0;
    while (ch >= '0' && ch <= '9') {
      if (v > (std::numeric_limits<long long>::max() - 9) / 10) fail(std::string("number too large (") + what + ")", line, column);
      v = v * 10 + (ch - '0');
      ch = in_.get();
      ++column_;
    }
    if (ch != std::char_traits<char>::eof()) {
      if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n' && ch != '\v' && ch != '\f')
        fail(std::string("unexpected character after a number (") + what + ")", line_, column_);
      in_.unget();
      --column_;
    }
    last_line_ = line;
    last_column_ = column;
    return negative ? -v : v;
  }
  /// A count or id in [lo, hi].
  std::size_t next_in(const char* what, long long lo, long long hi) {
    const long long v = next(what);
    if (v < lo || v > hi)
      fail(std::string(what) + " " + std::to_string(v) + " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]", last_line_,
           last_column_);
    return static_cast<std::size_t>(v);
  }
  bool at_end() {
    int ch = in_.get();
    while (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f') {
      if (ch == '\n') ++line_;
      ch = in_.get();
    }
    return ch == std::char_traits<char>::eof();
  }
  [[noreturn]] void fail(const std::string& message, std::size_t line, std::size_t column) const {
    throw error(errc::parse_error, message, Location{{}, {}, name_, line, column});
  }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

 private:
  std::istream& in_;
  std::string name_;
  std::size_t line_ = 1, column_ = 0, last_line_ = 0, last_column_ = 0;
};

}  // namespace prio::inline v1::detail
