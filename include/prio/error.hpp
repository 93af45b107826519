// Errors: one hierarchy rooted at prio::error, each with a stable code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/version.hpp"

namespace prio {
inline namespace v1 {

/// Stable error codes. The numbers are part of the API: they appear in
/// messages as `[prio.error.N]` and never change meaning. 101-499 are errors;
/// 601-699 are warnings and notes (a Diagnostic that advises: the result is
/// still computed), see is_warning. (501 and 502 are the C ABI's own.)
enum class errc : std::uint16_t {
  duplicate_id = 101,
  empty_id = 102,
  unknown_feature = 103,
  non_finite_value = 104,
  missing_value = 105,
  invalid_value = 106,
  unknown_attribute = 107,
  size_mismatch = 108,
  unknown_dependency = 201,
  self_dependency = 202,
  cycle = 203,
  invalid_weight = 301,
  invalid_argument = 302,
  parse_error = 401,
  io_error = 402,
  duplicate_dependency = 601,
  moscow_share = 602,
  effort_missing = 603,
  moscow_unset = 604,
  must_not_first = 605,
  unmatched_metrics = 606,
  no_metrics = 607,
  ignored_link = 608,
  more_problems = 609,
};

/// A short stable name for a code, e.g. "duplicate_id".
[[nodiscard]] constexpr std::string_view to_string(errc code) noexcept {
  switch (code) {
    case errc::duplicate_id: return "duplicate_id";
    case errc::empty_id: return "empty_id";
    case errc::unknown_feature: return "unknown_feature";
    case errc::non_finite_value: return "non_finite_value";
    case errc::missing_value: return "missing_value";
    case errc::invalid_value: return "invalid_value";
    case errc::unknown_attribute: return "unknown_attribute";
    case errc::size_mismatch: return "size_mismatch";
    case errc::unknown_dependency: return "unknown_dependency";
    case errc::self_dependency: return "self_dependency";
    case errc::cycle: return "cycle";
    case errc::invalid_weight: return "invalid_weight";
    case errc::invalid_argument: return "invalid_argument";
    case errc::parse_error: return "parse_error";
    case errc::io_error: return "io_error";
    case errc::duplicate_dependency: return "duplicate_dependency";
    case errc::moscow_share: return "moscow_share";
    case errc::effort_missing: return "effort_missing";
    case errc::moscow_unset: return "moscow_unset";
    case errc::must_not_first: return "must_not_first";
    case errc::unmatched_metrics: return "unmatched_metrics";
    case errc::no_metrics: return "no_metrics";
    case errc::ignored_link: return "ignored_link";
    case errc::more_problems: return "more_problems";
  }
  return "unknown";
}

/// True for the codes of warnings and notes (601-699): a Diagnostic with one
/// of them advises and never makes has_errors true.
[[nodiscard]] constexpr bool is_warning(errc code) noexcept {
  return static_cast<unsigned>(code) >= 600 && static_cast<unsigned>(code) < 700;
}

/// Where a problem is: a feature, one of its fields, and for files a position.
/// Every member may be empty / zero when it does not apply.
struct Location {
  std::string feature;
  std::string field;
  std::string file;
  std::size_t line = 0;    // 1-based; 0 = unknown
  std::size_t column = 0;  // 1-based; 0 = unknown
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/error.hpp"

namespace prio {
inline namespace v1 {

/// The root of prio's exceptions. what() reads
/// `[FILE:LINE:COL: ][prio.error.N] feature 'ID', field 'F': description`.
class error : public std::runtime_error {
 public:
  error(errc code, std::string description, Location where = {})
      : std::runtime_error(detail::format_error(code, where, description)),
        code_(code),
        where_(std::move(where)),
        description_(std::move(description)) {}

  [[nodiscard]] errc code() const noexcept { return code_; }
  [[nodiscard]] const Location& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& feature() const noexcept { return where_.feature; }
  [[nodiscard]] const std::string& field() const noexcept { return where_.field; }
  /// The description alone, without code and location.
  [[nodiscard]] const std::string& description() const noexcept { return description_; }

 private:
  errc code_;
  Location where_;
  std::string description_;
};

/// Thrown when the dependency graph has cycles; cycles() lists every strongly
/// connected group, each as feature ids along one concrete closed path
/// (the first id is repeated at the end: {"billing", "invoices", "billing"}).
class cycle_error : public error {
 public:
  cycle_error(std::string description, std::vector<std::vector<std::string>> cycles)
      : error(errc::cycle, std::move(description), Location{cycles.empty() ? std::string{} : cycles.front().front(), "depends_on", {}, 0, 0}),
        cycles_(std::move(cycles)) {}
  [[nodiscard]] const std::vector<std::vector<std::string>>& cycles() const noexcept { return cycles_; }

 private:
  std::vector<std::vector<std::string>> cycles_;
};

enum class Severity : std::uint8_t { error, warning, note };

[[nodiscard]] constexpr std::string_view to_string(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

/// One problem found by prio::validate or a file reader, without throwing.
struct Diagnostic {
  Severity severity = Severity::error;
  errc code = errc::invalid_value;
  Location where;
  std::string message;

  /// `FILE:LINE:COL: error: feature 'ID', field 'F': message`.
  [[nodiscard]] std::string to_string() const {
    std::string out;
    detail::append_position(out, where);
    out += prio::to_string(severity);
    out += ": ";
    detail::append_subject(out, where);
    out += message;
    return out;
  }

  /// The exception this diagnostic would be when thrown.
  [[nodiscard]] error to_error() const { return error(code, message, where); }
};

/// True when any diagnostic is an error (warnings and notes do not count).
[[nodiscard]] inline bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

}  // namespace v1
}  // namespace prio
