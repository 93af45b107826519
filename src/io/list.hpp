// Comma-separated lists of the command line and of the C ABI's options
// ("rice, wsjf"). Implemented in report.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prio::inline v1::report {

/// The items of a comma-separated list, trimmed, empty ones left out.
[[nodiscard]] std::vector<std::string> split_list(std::string_view s);

}  // namespace prio::v1::report
