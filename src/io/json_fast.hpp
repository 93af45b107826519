// Private: a strict JSON parser for well-formed input, the fast path of
// read_json. It drives a SAX handler with nlohmann/json's event interface,
// the same events in the same order, and leaves *last where nlohmann's lexer
// reading through detail::TrackingIterator would leave it at each event (the
// handler's positions come from it). It accepts a subset of what nlohmann
// accepts and nothing more: on anything else (a syntax error, a lone
// surrogate, a number beyond a double) it stops and answers `careful`, and
// the caller parses again with nlohmann's parser, whose messages report the
// problem. Only JSON text that is valid UTF-8 may be given (read_json checks).
#pragma once

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace prio::inline v1::detail {

enum class FastJson : std::uint8_t {
  done,     // the whole text parsed, every event delivered
  stopped,  // a handler event returned false: parsing stopped there, as nlohmann's would
  careful,  // the text needs nlohmann's parser (events so far were delivered)
};

namespace json_fast {

[[nodiscard]] inline bool space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

[[nodiscard]] inline int hex(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at p (p + 4 <= end checked by the caller); -1 if not.
[[nodiscard]] inline long hex4(const char* p) noexcept {
  long v = 0;
  for (int k = 0; k < 4; ++k) {
    const int h = hex(p[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

inline void utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The string whose opening quote is at p[-1], into out; p ends on its
// closing quote. False when nlohmann would reject it (a control character,
// a bad escape, a lone surrogate) or it does not end.
[[nodiscard]] inline bool string(const char*& p, const char* end, std::string& out) {
  const char* run = p;
  while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
  out.assign(run, p);
  for (;;) {
    if (p == end || static_cast<unsigned char>(*p) < 0x20) return false;
    if (*p == '"') return true;
    if (*p == '\\') {
      if (end - p < 2) return false;
      switch (p[1]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (end - p < 6) return false;
          const long u = hex4(p + 2);
          if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF)) return false;
          if (u >= 0xD800 && u <= 0xDBFF) {  // a high surrogate: its low one must follow
            if (end - p < 12 || p[6] != '\\' || p[7] != 'u') return false;
            const long low = hex4(p + 8);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            utf8(out, static_cast<std::uint32_t>(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)));
            p += 6;
          } else {
            utf8(out, static_cast<std::uint32_t>(u));
          }
          p += 4;
          break;
        }
        default: return false;
      }
      p += 2;
    }
    run = p;
    while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
    out.append(run, p);
  }
}

}  // namespace json_fast

/// Parses [begin, end) into sax's events (nlohmann::json_sax's interface);
/// *last as nlohmann's lexer through TrackingIterator leaves it at each event.
template <class Sax>
[[nodiscard]] FastJson parse_json_fast(const char* begin, const char* end, Sax& sax, const char** last) {
  using json_fast::space;
  const char* p = begin;
  std::string text;
  std::vector<bool> in_object;  // open containers, innermost last
  const auto skip = [&] {
    while (p < end && space(*p)) ++p;
  };
  // After a value: a comma, a closing bracket, or the end of the text.
  enum class Next : std::uint8_t { value, key, after };
  Next next = Next::value;
  for (;;) {
    skip();
    if (next == Next::after) {
      if (in_object.empty()) return p == end ? FastJson::done : FastJson::careful;  // nlohmann: trailing text is an error
      if (p == end) return FastJson::careful;
      const bool object = in_object.back();
      if (*p == ',') {
        ++p;
        next = object ? Next::key : Next::value;
        continue;
      }
      if (*p != (object ? '}' : ']')) return FastJson::careful;
      *last = p++;
      in_object.pop_back();
      if (!(object ? sax.end_object() : sax.end_array())) return FastJson::stopped;
      continue;
    }
    if (p == end) return FastJson::careful;
    if (next == Next::key) {
      if (*p != '"') return FastJson::careful;
      ++p;
      if (!json_fast::string(p, end, text)) return FastJson::careful;
      *last = p++;
      if (!sax.key(text)) return FastJson::stopped;
      skip();
      if (p == end || *p != ':') return FastJson::careful;
      ++p;
      next = Next::value;
      continue;
    }
    // A value.
    next = Next::after;
    switch (*p) {
      case '{':
      case '[': {
        const bool object = *p == '{';
        *last = p++;
        if (!(object ? sax.start_object(static_cast<std::size_t>(-1)) : sax.start_array(static_cast<std::size_t>(-1))))
          return FastJson::stopped;
        skip();
        if (p < end && *p == (object ? '}' : ']')) {  // empty
          *last = p++;
          if (!(object ? sax.end_object() : sax.end_array())) return FastJson::stopped;
          continue;
        }
        in_object.push_back(object);
        next = object ? Next::key : Next::value;
        continue;
      }
      case '"': {
        ++p;
        if (!json_fast::string(p, end, text)) return FastJson::careful;
        *last = p++;
        if (!sax.string(text)) return FastJson::stopped;
        continue;
      }
      case 't':
      case 'f':
      case 'n': {
        const std::string_view word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
        if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) return FastJson::careful;
        p += word.size();
        *last = p - 1;
        if (!(word == "null" ? sax.null() : sax.boolean(word == "true"))) return FastJson::stopped;
        continue;
      }
      default: break;
    }
    // A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    const char* start = p;
    const auto digit = [&] { return p < end && *p >= '0' && *p <= '9'; };
    if (p < end && *p == '-') ++p;
    if (!digit()) return FastJson::careful;
    if (*p == '0') {
      ++p;
    } else {
      while (digit()) ++p;
    }
    bool integer = true;
    if (p < end && *p == '.') {
      ++p;
      if (!digit()) return FastJson::careful;
      while (digit()) ++p;
      integer = false;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
      ++p;
      if (p < end && (*p == '+' || *p == '-')) ++p;
      if (!digit()) return FastJson::careful;
      while (digit()) ++p;
      integer = false;
    }
    // The lexer reads the byte after a number to see that it ended.
    *last = p < end ? p : p - 1;
    if (integer) {
      // nlohmann reads whole numbers as 64-bit integers when they fit (so -0
      // is 0), and as doubles otherwise.
      const bool negative = *start == '-';
      std::uint64_t m = 0;
      bool fits = true;
      for (const char* d = start + (negative ? 1 : 0); d < p && fits; ++d) {
        const auto digit_value = static_cast<std::uint64_t>(*d - '0');
        fits = m <= (std::numeric_limits<std::uint64_t>::max() - digit_value) / 10;
        m = m * 10 + digit_value;
      }
      if (fits && negative && m <= std::uint64_t{1} << 63) {
        if (!sax.number_integer(m == std::uint64_t{1} << 63 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(m))) return FastJson::stopped;
        continue;
      }
      if (fits && !negative) {
        if (!sax.number_unsigned(m)) return FastJson::stopped;
        continue;
      }
    }
    double v = 0;
    const auto r = fast_float::from_chars(start, p, v);
    if (r.ptr != p || !std::isfinite(v)) return FastJson::careful;  // nlohmann: "number overflow"
    text.assign(start, p);  // the token, as nlohmann passes it
    if (!sax.number_float(v, text)) return FastJson::stopped;
  }
}

}  // namespace prio::inline v1::detail
