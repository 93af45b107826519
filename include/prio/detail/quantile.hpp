// Private: the one sample-quantile definition the experiments report.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace prio {
inline namespace v1 {
namespace detail {

/// Sample quantile of sorted (ascending) values, Hyndman & Fan (1996) type 7
/// (R's default, NumPy's "linear"): h = (n - 1) p, Q = x[floor h] +
/// (h - floor h) (x[floor h + 1] - x[floor h]), 0-based. The median of an even
/// count is the mean of the two middle values. NaN for no values.
[[nodiscard]] inline double quantile_sorted(const double* x, std::size_t n, double p) noexcept {
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(n - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= n) return x[n - 1];
  return x[lo] + (h - static_cast<double>(lo)) * (x[lo + 1] - x[lo]);
}

/// Type-7 quantiles of the finite values (sorted in place; NaN left out).
[[nodiscard]] inline std::vector<double> quantiles(std::vector<double>& v, const std::vector<double>& ps) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double a) { return !std::isfinite(a); }), v.end());
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  out.reserve(ps.size());
  for (double p : ps) out.push_back(quantile_sorted(v.data(), v.size(), p));
  return out;
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
