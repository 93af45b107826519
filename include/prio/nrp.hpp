// Reader for Next Release Problem instance files (Bagnall et al. 2001; Xuan
// et al. 2012), the format of the classic nrp1..5 and realistic nrp-e/g/m sets.
//
// Whitespace-separated integers, ids 1-based:
//   levels t; then per level: count, that many costs;
//   dependency count d; d pairs `A B` (A is delivered before, or with, B);
//   customer count; per customer: profit, request count q, q requirement ids.
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

#include "prio/detail/nrp.hpp"
#include "prio/error.hpp"
#include "prio/release.hpp"

namespace prio {
inline namespace v1 {

/// An NRP file as read: requirement costs by level, dependencies, customers.
struct NrpFile {
  std::vector<std::size_t> level_sizes;  ///< requirements per level, in file order
  std::vector<double> cost;              ///< per requirement (0-based; file id = index + 1)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> dependencies;  ///< (A, B), 0-based: A before B
  struct Customer {
    double profit = 0;
    std::vector<std::uint32_t> requests;  ///< 0-based requirement indices, as listed
  };
  std::vector<Customer> customers;

  [[nodiscard]] double total_cost() const {
    double t = 0;
    for (const double c : cost) t += c;
    return t;
  }
};

/// The budget of an instance: ratio x total cost, rounded half up to an integer
/// (the convention that reproduces the published optima).
[[nodiscard]] inline double nrp_budget(double total_cost, double ratio) {
  const double x = ratio * total_cost;
  // 0.3 x 15 is 4.4999999999999996 in binary: a relative tolerance keeps "half up".
  return std::floor(x + 0.5 + 1e-9 * std::max(1.0, std::abs(x)));
}

/// The NRP instance of a file at a cost ratio: one bundle per customer, B's
/// prerequisites from each pair `A B`, budget per nrp_budget.
[[nodiscard]] inline NrpInstance nrp_instance(const NrpFile& f, double ratio) {
  if (!std::isfinite(ratio) || ratio < 0) throw error(errc::invalid_argument, "cost ratio must be finite and >= 0", Location{{}, "ratio", {}, 0, 0});
  NrpInstance in;
  in.cost = f.cost;
  in.prerequisites.assign(f.cost.size(), {});
  for (const auto& [a, b] : f.dependencies) in.prerequisites[b].push_back(a);
  for (const auto& c : f.customers) in.bundles.push_back(NrpBundle{c.profit, c.requests});
  in.budget = nrp_budget(f.total_cost(), ratio);
  return in;
}

/// Reads an NRP instance from a stream; `name` is used in error locations.
/// Throws prio::error (parse_error, with line and column) on malformed input,
/// out-of-range ids, negative numbers or trailing data. O(file size).
[[nodiscard]] inline NrpFile read_nrp(std::istream& in, const std::string& name = "<nrp>") {
  constexpr long long big = 100000000;
  detail::NrpTokens tok(in, name);
  NrpFile f;
  const std::size_t levels = tok.next_in("level count", 0, 10000);
  for (std::size_t l = 0; l < levels; ++l) {
    const std::size_t count = tok.next_in("requirement count", 0, big);
    f.level_sizes.push_back(count);
    for (std::size_t i = 0; i < count; ++i) f.cost.push_back(static_cast<double>(tok.next_in("cost", 0, big)));
  }
  const auto n = static_cast<long long>(f.cost.size());
  const std::size_t deps = tok.next_in("dependency count", 0, big);
  for (std::size_t d = 0; d < deps; ++d) {
    const auto a = tok.next_in("requirement id", 1, n);
    const auto b = tok.next_in("requirement id", 1, n);
    if (a == b) tok.fail("requirement " + std::to_string(a) + " depends on itself", tok.line(), 0);
    f.dependencies.emplace_back(static_cast<std::uint32_t>(a - 1), static_cast<std::uint32_t>(b - 1));
  }
  const std::size_t customers = tok.next_in("customer count", 0, big);
  for (std::size_t c = 0; c < customers; ++c) {
    NrpFile::Customer cu;
    cu.profit = static_cast<double>(tok.next_in("profit", 0, big));
    const std::size_t q = tok.next_in("request count", 0, n);
    for (std::size_t i = 0; i < q; ++i) cu.requests.push_back(static_cast<std::uint32_t>(tok.next_in("requirement id", 1, n) - 1));
    f.customers.push_back(std::move(cu));
  }
  if (!tok.at_end()) tok.fail("unexpected data after the last customer", tok.line(), 0);
  return f;
}

/// Reads an NRP instance file. Throws prio::error (io_error) when it cannot be opened.
[[nodiscard]] inline NrpFile read_nrp_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(errc::io_error, "cannot open the file", Location{{}, {}, path, 0, 0});
  return read_nrp(in, path);
}

}  // namespace v1
}  // namespace prio
