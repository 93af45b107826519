// Private helpers of prio/experiment/calibrate.hpp: not API, may change in any release.
// A part of prio/experiment/calibrate.hpp, included by it after the declarations these helpers
// use: include "prio/experiment/calibrate.hpp" instead.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <numbers>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/quantile.hpp"
#include "prio/detail/random.hpp"
#include "prio/error.hpp"

namespace prio::inline v1::detail {

/// Standard normal CDF.
[[nodiscard]] inline double normal_cdf(double z) noexcept { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

/// Fits the ratios (any order; sorted here).
[[nodiscard]] inline RatioFit fit_ratios(std::vector<double> r, std::string group) {
  RatioFit f;
  f.group = std::move(group);
  f.count = r.size();
  if (r.empty()) return f;
  std::sort(r.begin(), r.end());
  const std::size_t n = r.size();
  f.p10 = quantile_sorted(r.data(), n, 0.1);
  f.p50 = f.median = quantile_sorted(r.data(), n, 0.5);
  f.p90 = quantile_sorted(r.data(), n, 0.9);
  double sum = 0;
  for (double x : r) sum += std::log(x);
  f.mu = sum / static_cast<double>(n);
  double ss = 0;
  for (double x : r) ss += (std::log(x) - f.mu) * (std::log(x) - f.mu);
  f.sigma = std::sqrt(ss / static_cast<double>(n));
  double d = 0;  // all ratios equal (sigma 0): the fit is that point, exactly
  const auto nn = static_cast<double>(n);
  for (std::size_t i = 0; i < n && f.sigma > 0; ++i) {
    const double F = normal_cdf((std::log(r[i]) - f.mu) / f.sigma);
    d = std::max({d, static_cast<double>(i + 1) / nn - F, F - static_cast<double>(i) / nn});
  }
  f.ks_d = d;
  f.ks_critical = 0.886 / std::sqrt(nn);
  return f;
}

}  // namespace prio::inline v1::detail
