// Private helpers of prio/plan.hpp: not API, may change in any release.
// A part of prio/plan.hpp, included by it after the declarations these helpers
// use: include "prio/plan.hpp" instead.
#pragma once

#include <algorithm>
#include <cstddef>

namespace prio::inline v1::detail {

[[nodiscard]] inline double sprint_capacity(const SprintOptions& o, std::size_t s) {
  return o.capacity[std::min(s, o.capacity.size() - 1)];
}

}  // namespace prio::inline v1::detail
