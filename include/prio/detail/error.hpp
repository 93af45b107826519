// Private helpers of prio/error.hpp: not API, may change in any release.
// A part of prio/error.hpp, included by it after the declarations these helpers
// use: include "prio/error.hpp" instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/version.hpp"

namespace prio::inline v1::detail {

/// The location part of every message, shared by error::what() and
/// Diagnostic::to_string(): `FILE[:LINE[:COL]]: ` (when there is a file).
inline void append_position(std::string& out, const Location& where) {
  if (where.file.empty()) return;
  out += where.file;
  if (where.line != 0) {
    out += ':' + std::to_string(where.line);
    if (where.column != 0) out += ':' + std::to_string(where.column);
  }
  out += ": ";
}
/// `feature 'ID', field 'F': `, `feature 'ID': `, `field 'F': ` or nothing.
inline void append_subject(std::string& out, const Location& where) {
  if (!where.feature.empty()) {
    out += "feature '";
    out += where.feature;
    out += '\'';
    if (!where.field.empty()) {
      out += ", field '";
      out += where.field;
      out += '\'';
    }
    out += ": ";
  } else if (!where.field.empty()) {
    out += "field '";
    out += where.field;
    out += "': ";
  }
}
inline std::string format_error(errc code, const Location& where, std::string_view what) {
  std::string out;
  append_position(out, where);
  out += "[prio.error.";
  out += std::to_string(static_cast<unsigned>(code));
  out += "] ";
  append_subject(out, where);
  out += what;
  return out;
}

}  // namespace prio::inline v1::detail
