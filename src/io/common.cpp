// File access, numbers, MoSCoW cells, column maps and locating diagnostics.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <list>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include <fast_float/fast_float.h>
#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

#include "builder.hpp"
#include "csv_scanner.hpp"
#include "prio/io.hpp"
#include "text.hpp"
#include "tool.hpp"

namespace prio::inline v1::detail {
std::optional<Diagnostic> read_input_file(const std::filesystem::path& path, const std::string& file_name, std::string& text) {
  std::string why;
  if (read_whole_file(path, text, why)) return std::nullopt;
  return Diagnostic{Severity::error, errc::io_error, Location{{}, {}, file_name, 0, 0}, why};
}
}  // namespace prio::v1::detail

namespace prio {
inline namespace v1 {

#if !defined(__cpp_lib_to_chars)
namespace {
// For standard libraries without floating-point std::to_chars (the libc++ of
// Debian's Emscripten 3.1.6): the shortest decimal digits that read back to
// exactly v, laid out as std::to_chars does (shortest_chars below).

#if defined(__EMSCRIPTEN__)
// Number.prototype.toExponential() with no argument gives the fewest digits
// that read back to exactly v and, among those, the closest to v
// (ECMA-262 Number::toString's rule, which engines apply to toExponential
// too), the digits std::to_chars chooses, in the form "d[.ddd]e(+|-)X". It
// is the engine's own shortest-digits code, far faster than the search over
// musl's snprintf below. Writes at most 25 ASCII bytes to out; returns the
// count.
EM_JS(int, prio_io_js_exponential, (double v, char* out), {
  const s = v.toExponential();
  for (let i = 0; i < s.length; ++i) HEAPU8[out + i] = s.charCodeAt(i);
  return s.length;
});
#endif

// The shortest digits of a finite nonzero v: its sign, its digits (no
// leading or trailing zeros) and the decimal exponent of the first digit.
struct Shortest {
  bool negative = false;
  char digits[24] = {};
  int count = 0;
  int exp10 = 0;
};

Shortest shortest_digits(double v) {
  char buf[40];
  int len = 0;
#if defined(__EMSCRIPTEN__)
  len = prio_io_js_exponential(v, buf);
#else
  // The fewest digits whose correctly rounded (printf) form reads back to v
  // (fast_float), by binary search. Always reads back to v, but not always
  // std::to_chars's text: at some powers of two the nearest 16-digit form
  // misses v while another 16-digit form hits it (the interval below v is
  // half as wide), and this search then writes 17 digits (46 of 3*10^6
  // doubles natively, all powers of two).
  int lo = 1, hi = 17;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    len = std::snprintf(buf, sizeof buf, "%.*e", mid - 1, v);
    double back = 0;
    fast_float::from_chars(buf, buf + len, back);  // exact, and much faster than musl's strtod
    if (back == v) hi = mid;
    else lo = mid + 1;
  }
  len = std::snprintf(buf, sizeof buf, "%.*e", lo - 1, v);
#endif
  Shortest s;
  int k = 0;
  if (buf[k] == '-') {
    s.negative = true;
    ++k;
  }
  for (; k < len && buf[k] != 'e'; ++k)
    if (buf[k] != '.') s.digits[s.count++] = buf[k];
  while (s.count > 1 && s.digits[s.count - 1] == '0') --s.count;  // printf pads; std::to_chars does not
  std::from_chars(buf + k + (buf[k + 1] == '+' ? 2 : 1), buf + len, s.exp10);
  return s;
}

// Laid out as std::to_chars does: fixed or scientific (d[.ddd]e(+|-)XX),
// whichever is shorter, fixed on a tie; an integer in fixed form is written
// with its exact digits, not the shortest digits and zeros.
std::string shortest_chars(double v) {
  const Shortest s = shortest_digits(v);
  const int n = s.count, e = s.exp10, abs_e = e < 0 ? -e : e;
  const int scientific_size = n + (n > 1 ? 1 : 0) + 2 + (abs_e >= 100 ? 3 : 2);
  const int fixed_size = e < 0 ? 1 + -e + n : e + 1 >= n ? e + 1 : n + 1;
  std::string out;
  out.reserve(static_cast<std::size_t>(std::max(scientific_size, fixed_size)) + 1);
  if (s.negative) out += '-';
  if (fixed_size <= scientific_size) {
    if (e < 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-e - 1), '0');
      out.append(s.digits, static_cast<std::size_t>(n));
    } else if (e + 1 >= n) {  // an integer
      char buf[352];          // %.0f of DBL_MAX has 309 digits
      const double a = std::fabs(v);
      if (a < 18446744073709551616.0) {  // 2^64: exact in an unsigned 64-bit integer
        const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<std::uint64_t>(a));
        out.append(buf, r.ptr);
      } else out.append(buf, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "%.0f", a)));
    } else {
      out.append(s.digits, static_cast<std::size_t>(e + 1));
      out += '.';
      out.append(s.digits + e + 1, static_cast<std::size_t>(n - e - 1));
    }
    return out;
  }
  out += s.digits[0];
  if (n > 1) {
    out += '.';
    out.append(s.digits + 1, static_cast<std::size_t>(n - 1));
  }
  out += e < 0 ? "e-" : "e+";
  if (abs_e < 10) out += '0';
  char buf[8];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, abs_e).ptr);
  return out;
}
}  // namespace
#endif

std::string format_number(double v) {
  if (std::isnan(v)) return {};
  if (v == 0) return "0";  // also -0
#if defined(__cpp_lib_to_chars)
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
#else
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return shortest_chars(v);
#endif
}

bool parse_moscow(std::string_view text, Moscow& out) noexcept {
  std::string_view s = detail::trim(text);
  if (s.empty()) {
    out = Moscow::unset;
    return true;
  }
  // "must have", "Must-have", "won't have"
  for (std::string_view suffix : {std::string_view(" have"), std::string_view("-have"), std::string_view("_have")})
    if (s.size() > suffix.size() && detail::iequals(s.substr(s.size() - suffix.size()), suffix)) {
      s = detail::trim(s.substr(0, s.size() - suffix.size()));
      break;
    }
  if (detail::iequals(s, "must") || detail::iequals(s, "m")) out = Moscow::must;
  else if (detail::iequals(s, "should") || detail::iequals(s, "s")) out = Moscow::should;
  else if (detail::iequals(s, "could") || detail::iequals(s, "c")) out = Moscow::could;
  else if (detail::iequals(s, "won't") || detail::iequals(s, "wont") || detail::iequals(s, "w") ||
           detail::iequals(s, "won\xE2\x80\x99t"))  // typographic apostrophe, as spreadsheets write it
    out = Moscow::wont;
  else return false;
  return true;
}

std::pair<std::string, std::string> parse_column_mapping(std::string_view spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string_view::npos)
    throw error(errc::invalid_argument, "a column mapping is NAME=COLUMN, e.g. reach=\"Users per quarter\"; got '" + std::string(spec) + "'");
  std::string_view name = detail::trim(spec.substr(0, eq));
  std::string_view column = detail::trim(spec.substr(eq + 1));
  if (column.size() >= 2 && (column.front() == '"' || column.front() == '\'') && column.back() == column.front())
    column = column.substr(1, column.size() - 2);
  if (name.empty() || column.empty())
    throw error(errc::invalid_argument, "a column mapping is NAME=COLUMN, e.g. reach=\"Users per quarter\"; got '" + std::string(spec) + "'");
  return {std::string(name), std::string(column)};
}

// prio::v1::detail (text.hpp).
namespace detail {

std::string exact_number(double v, const char* negative_zero) {
  if (v == 0 && std::signbit(v)) return negative_zero;
  return format_number(v);
}

bool read_whole_file(const std::filesystem::path& path, std::string& out, std::string& why) {
  const bool std_in = path == "-";
  const int fd = std_in ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = std::string("cannot open the file: ") + std::strerror(errno);
    return false;
  }
  struct Closer {
    int fd;
    bool own;
    ~Closer() {
      if (own) ::close(fd);
    }
  } closer{fd, !std_in};
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    why = "is a directory, not a file";
    return false;
  }
  out.clear();
  auto read_some = [fd, &why](char* buf, std::size_t n) -> ssize_t {
    for (;;) {
      const ssize_t r = ::read(fd, buf, n);
      if (r >= 0) return r;
      if (errno == EINTR) continue;
      why = std::string("cannot read the file: ") + std::strerror(errno);
      return -1;
    }
  };
  // A regular file's size is a hint only (/proc files say 0, files grow):
  // read into the reserved buffer to the end either way.
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    out.reserve(static_cast<std::size_t>(st.st_size) + 1);
    char buf[1 << 16];
    for (;;) {
      const ssize_t r = read_some(buf, sizeof buf);
      if (r < 0) return false;
      if (r == 0) return true;
      out.append(buf, static_cast<std::size_t>(r));
    }
  }
  // A stream: blocks of 1 MiB, joined into one buffer reserved at the exact
  // size (its pages are only touched as each block is copied in and freed).
  constexpr std::size_t block = std::size_t{1} << 20;
  std::list<std::unique_ptr<char[]>> blocks;
  std::size_t total = 0, last = block;
  for (;;) {
    if (last == block) {
      blocks.push_back(std::unique_ptr<char[]>(new char[block]));  // uninitialized (make_unique_for_overwrite is not in every libc++)
      last = 0;
    }
    const ssize_t r = read_some(blocks.back().get() + last, block - last);
    if (r < 0) return false;
    if (r == 0) break;
    last += static_cast<std::size_t>(r);
    total += static_cast<std::size_t>(r);
  }
  out.reserve(total);
  while (!blocks.empty()) {
    out.append(blocks.front().get(), std::min(block, total - out.size()));
    blocks.pop_front();
  }
  return true;
}

}  // namespace detail

std::vector<std::pair<std::string, std::string>> read_column_map(const std::filesystem::path& path) {
  std::string text, why;
  if (!detail::read_whole_file(path, text, why)) throw error(errc::io_error, "mapping file: " + why, Location{{}, {}, path.string(), 0, 0});
  std::istringstream in(std::move(text));
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string_view s = line;
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    if (const auto h = s.find('#'); h != std::string_view::npos) s = s.substr(0, h);
    s = detail::trim(s);
    if (s.empty()) continue;
    try {
      out.push_back(parse_column_mapping(s));
    } catch (const error& e) {
      throw error(errc::parse_error, e.description(), Location{{}, {}, path.string(), n, 1});
    }
  }
  return out;
}


ReadResult read_backlog(const std::filesystem::path& path, ReadOptions options) {
  const bool stdin_input = path == "-";
  if (options.file_name.empty()) options.file_name = stdin_input ? "<stdin>" : path.string();
  std::string text;
  if (auto d = detail::read_input_file(path, options.file_name, text)) {
    ReadResult r;
    r.diagnostics.push_back(std::move(*d));
    return r;
  }
  const std::string ext = path.extension().string();
  if (detail::iequals(ext, ".json")) return read_json(std::move(text), options);
  return read_csv(std::move(text), options);
}

void SourceMap::locate(Diagnostic& d, const Backlog& backlog) const {
  if (!d.where.file.empty()) return;
  d.where.file = file_;
  if (d.where.feature.empty()) {
    if (format_ == FileFormat::csv && !d.where.field.empty()) {  // a whole column: point at its header cell
      for (std::size_t k = 0; k < header_.size(); ++k)
        if (header_[k] == d.where.field && text_) {
          const char* begin = text_->data();
          const char* end = begin + text_->size();
          if (end - begin >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
          detail::CsvScanner scan(begin, end);
          std::vector<detail::CsvCell> cells;
          std::string scratch;
          std::vector<detail::CsvProblem> problems;
          while (scan.next(cells, scratch, problems, SIZE_MAX)) {
            bool blank = true;
            for (const auto& c : cells) blank = blank && !c.quoted && detail::trim(c.text).empty();
            if (blank) continue;
            if (k < cells.size()) {
              d.where.line = cells[k].line;
              d.where.column = cells[k].column;
            }
            break;
          }
          break;
        }
    }
    return;
  }
  const auto i = backlog.find(d.where.feature);
  if (!i || *i >= row_position_.size()) return;
  d.where.line = row_position_[*i].line;
  d.where.column = row_position_[*i].column;
  if (d.where.field.empty()) return;
  if (format_ == FileFormat::json) {
    if (*i + 1 >= json_key_start_.size()) return;
    for (auto k = json_key_start_[*i]; k < json_key_start_[*i + 1]; ++k)
      if (json_names_[json_keys_[k].name] == d.where.field) {  // the last of repeated keys
        d.where.line = json_keys_[k].pos.line;
        d.where.column = json_keys_[k].pos.column;
      }
    return;
  }
  if (!text_) return;
  // CSV: re-scan the feature's row to find the field's cell.
  for (std::size_t k = 0; k < header_.size(); ++k) {
    if (header_[k] != d.where.field) continue;
    const char* begin = text_->data();
    const char* row = begin + row_offset_[*i];
    detail::CsvScanner scan(row, begin + text_->size(), row_position_[*i].line, row);
    std::vector<detail::CsvCell> cells;
    std::string scratch;
    std::vector<detail::CsvProblem> problems;
    if (scan.next(cells, scratch, problems, SIZE_MAX) && k < cells.size()) {
      d.where.line = cells[k].line;
      d.where.column = cells[k].column;
    }
    return;
  }
}

}  // namespace v1
}  // namespace prio
