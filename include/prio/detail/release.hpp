// Private helpers of prio/release.hpp: not API, may change in any release.
// A part of prio/release.hpp, included by it after the declarations these helpers
// use: include "prio/release.hpp" instead.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/nrp_solver.hpp"
#include "prio/error.hpp"
#include "prio/graph.hpp"

namespace prio::inline v1::detail {

inline void check_nrp(const NrpInstance& in) {
  const std::size_t n = in.cost.size();
  auto where = [](std::size_t i, const char* field) { return Location{"#" + std::to_string(i + 1), field, {}, 0, 0}; };
  if (!std::isfinite(in.budget) || in.budget < 0) throw error(errc::invalid_argument, "budget must be finite and >= 0", Location{{}, "budget", {}, 0, 0});
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(in.cost[i]) || in.cost[i] < 0) throw error(errc::invalid_value, "cost must be finite and >= 0", where(i, "cost"));
  if (!in.prerequisites.empty() && in.prerequisites.size() != n)
    throw error(errc::size_mismatch, "prerequisites must be empty or one list per requirement", Location{{}, "prerequisites", {}, 0, 0});
  if (!in.feature_value.empty() && in.feature_value.size() != n)
    throw error(errc::size_mismatch, "feature_value must be empty or one value per requirement", Location{{}, "feature_value", {}, 0, 0});
  for (std::size_t i = 0; i < in.prerequisites.size(); ++i)
    for (const auto q : in.prerequisites[i])
      if (q >= n) throw error(errc::unknown_dependency, "prerequisite " + std::to_string(q) + " is out of range", where(i, "prerequisites"));
  for (std::size_t i = 0; i < in.feature_value.size(); ++i)
    if (!std::isfinite(in.feature_value[i]) || in.feature_value[i] < 0)
      throw error(errc::invalid_value, "feature value must be finite and >= 0", where(i, "feature_value"));
  for (std::size_t b = 0; b < in.bundles.size(); ++b) {
    if (!std::isfinite(in.bundles[b].value) || in.bundles[b].value < 0)
      throw error(errc::invalid_value, "bundle value must be finite and >= 0", Location{"bundle " + std::to_string(b + 1), "value", {}, 0, 0});
    for (const auto r : in.bundles[b].features)
      if (r >= n)
        throw error(errc::unknown_feature, "requirement " + std::to_string(r) + " is out of range",
                    Location{"bundle " + std::to_string(b + 1), "features", {}, 0, 0});
  }
}

/// The closed, sorted requirement set of `roots` under prerequisites.
inline std::vector<std::uint32_t> nrp_closure(const NrpInstance& in, const std::vector<std::uint32_t>& roots, std::vector<std::uint32_t>& stamp,
                                              std::uint32_t mark) {
  std::vector<std::uint32_t> out, stack;
  for (const auto r : roots)
    if (stamp[r] != mark) {
      stamp[r] = mark;
      stack.push_back(r);
    }
  while (!stack.empty()) {
    const auto r = stack.back();
    stack.pop_back();
    out.push_back(r);
    if (in.prerequisites.empty()) continue;
    for (const auto q : in.prerequisites[r])
      if (stamp[q] != mark) {
        stamp[q] = mark;
        stack.push_back(q);
      }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace prio::inline v1::detail
