// Calibration of estimates from history: how far actuals land from estimates.
//
// For every feature with a positive estimate and a positive actual the ratio
// r = actual / estimate is taken. Reported, overall and per group:
// - the median ratio (the bias: 1.4 means work took 40% longer than estimated)
//   and the 10th / 50th / 90th percentiles, all by one quantile definition,
//   Hyndman & Fan (1996) type 7: h = (n - 1) p, Q = x[floor h] + (h - floor h)
//   (x[floor h + 1] - x[floor h]) over the sorted ratios (0-based), so the
//   median of an even count is the mean of the two middle values;
// - a lognormal fit by maximum likelihood: mu = mean of ln r, sigma = sqrt(mean
//   of (ln r - mu)^2) (divisor n);
// - its goodness of fit, the Kolmogorov-Smirnov statistic D = max over the
//   sorted ratios x_(i), i = 1..n, of max(i/n - F(x_(i)), F(x_(i)) - (i-1)/n)
//   with F the fitted lognormal CDF (0 when all ratios are equal), and Lilliefors' (1967) approximate 5%
//   critical value 0.886 / sqrt(n) for a fit whose parameters come from the
//   same data (D above it: the lognormal is a poor description).
// Features whose estimate or actual is missing, zero or negative are counted
// and named, never used.
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

namespace prio {
inline namespace v1 {

/// The distribution of actual / estimate in one group (or overall).
struct RatioFit {
  std::string group;  ///< empty for the overall fit
  std::size_t count = 0;
  double median = std::numeric_limits<double>::quiet_NaN();  ///< = p50
  double p10 = std::numeric_limits<double>::quiet_NaN();
  double p50 = std::numeric_limits<double>::quiet_NaN();
  double p90 = std::numeric_limits<double>::quiet_NaN();
  double mu = std::numeric_limits<double>::quiet_NaN();     ///< mean of ln(ratio)
  double sigma = std::numeric_limits<double>::quiet_NaN();  ///< sd of ln(ratio), divisor n
  double ks_d = std::numeric_limits<double>::quiet_NaN();   ///< Kolmogorov-Smirnov D against LN(mu, sigma)
  double ks_critical = std::numeric_limits<double>::quiet_NaN();  ///< 0.886 / sqrt(count)
};

/// Features left out of a calibration, by reason (ids in backlog order).
struct CalibrationExclusions {
  std::vector<std::string> missing_estimate, missing_actual, zero_estimate, zero_actual, negative;
  [[nodiscard]] std::size_t total() const noexcept {
    return missing_estimate.size() + missing_actual.size() + zero_estimate.size() + zero_actual.size() + negative.size();
  }
};

/// The result of prio::calibrate; saved and loaded as a calibration file
/// (prio::write_calibration / read_calibration in prio/io.hpp).
struct Calibration {
  std::string estimate;  ///< the estimate attribute (what simulate draws)
  std::string actual;
  std::string group_by;  ///< empty when not grouped
  std::size_t features = 0;  ///< features in the history
  RatioFit overall;
  std::vector<RatioFit> groups;  ///< by group label, ascending
  CalibrationExclusions excluded;

  /// The fit for a group label: the group's own when it has one, else overall.
  [[nodiscard]] const RatioFit& fit_for(std::string_view group) const {
    for (const auto& g : groups)
      if (g.group == group) return g;
    return overall;
  }
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/calibrate.hpp"

namespace prio {
inline namespace v1 {

/// Calibrates the estimate attribute against the actual attribute of a
/// history. `groups`, when given, holds one label per feature (team, issue
/// type; an empty label joins no group) and `group_by` names it. Throws
/// prio::error: unknown_attribute for a missing column, size_mismatch for a
/// wrong number of labels, invalid_argument when no feature has a positive
/// estimate and actual (the message gives the counts). O(n log n).
[[nodiscard]] inline Calibration calibrate(const Backlog& history, const std::string& estimate, const std::string& actual,
                                           const std::vector<std::string>* groups = nullptr, std::string group_by = {}) {
  for (const std::string* c : {&estimate, &actual})
    if (!history.has_attribute(*c))
      throw error(errc::unknown_attribute, "the history has no column '" + *c + "' (the " + (c == &estimate ? "estimate" : "actual") + " column)",
                  Location{{}, *c, {}, 0, 0});
  if (groups && groups->size() != history.size())
    throw error(errc::size_mismatch, "calibrate: " + std::to_string(groups->size()) + " group labels for " + std::to_string(history.size()) + " features");
  Calibration c;
  c.estimate = estimate;
  c.actual = actual;
  c.group_by = groups ? std::move(group_by) : std::string{};
  c.features = history.size();
  const auto e = history.column(estimate);
  const auto a = history.column(actual);
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    const std::string& id = history.id(static_cast<FeatureIndex>(i));
    if (std::isnan(e[ii])) c.excluded.missing_estimate.push_back(id);
    else if (std::isnan(a[ii])) c.excluded.missing_actual.push_back(id);
    else if (e[ii] < 0 || a[ii] < 0) c.excluded.negative.push_back(id);
    else if (e[ii] == 0) c.excluded.zero_estimate.push_back(id);
    else if (a[ii] == 0) c.excluded.zero_actual.push_back(id);
    else {
      const double r = a[ii] / e[ii];
      all.push_back(r);
      if (groups && !(*groups)[i].empty()) by[(*groups)[i]].push_back(r);
    }
  }
  if (all.empty()) {
    const auto& x = c.excluded;
    throw error(errc::invalid_argument,
                "calibrate: no feature has a positive '" + estimate + "' and a positive '" + actual + "' (" + std::to_string(history.size()) +
                    " features: " + std::to_string(x.missing_estimate.size()) + " missing estimate, " + std::to_string(x.missing_actual.size()) +
                    " missing actual, " + std::to_string(x.zero_estimate.size()) + " zero estimate, " + std::to_string(x.zero_actual.size()) +
                    " zero actual, " + std::to_string(x.negative.size()) + " negative)");
  }
  c.overall = detail::fit_ratios(std::move(all), {});
  for (auto& [label, r] : by) c.groups.push_back(detail::fit_ratios(std::move(r), label));
  return c;
}

/// A copy of `backlog` where each feature without a range on the calibrated
/// attribute x (calibration.estimate; both x_lo and x_hi empty) and with a
/// positive x gets x_lo = x exp(mu - z sigma), x_hi = x exp(mu + z sigma),
/// z = 1.6449: the 5th and 95th percentiles of x R with R ~ LN(mu, sigma), the
/// fit of the feature's group (labels in `groups`, one per feature, or the
/// overall fit). With Distribution::lognormal, prio::simulate then draws
/// exactly x R. Throws prio::error (unknown_attribute, size_mismatch).
[[nodiscard]] inline Backlog apply_calibration(const Backlog& backlog, const Calibration& calibration,
                                               const std::vector<std::string>* groups = nullptr) {
  const std::string& x = calibration.estimate;
  if (!backlog.has_attribute(x))
    throw error(errc::unknown_attribute, "the calibration is for '" + x + "', which the backlog does not have", Location{{}, x, {}, 0, 0});
  if (groups && groups->size() != backlog.size())
    throw error(errc::size_mismatch, "apply_calibration: " + std::to_string(groups->size()) + " group labels for " + std::to_string(backlog.size()) + " features");
  const auto n = static_cast<Eigen::Index>(backlog.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd lo = backlog.has_attribute(x + "_lo") ? Eigen::VectorXd(backlog.column(x + "_lo")) : Eigen::VectorXd::Constant(n, nan);
  Eigen::VectorXd hi = backlog.has_attribute(x + "_hi") ? Eigen::VectorXd(backlog.column(x + "_hi")) : Eigen::VectorXd::Constant(n, nan);
  const auto v = backlog.column(x);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isnan(lo[i]) || !std::isnan(hi[i]) || !(v[i] > 0)) continue;
    const RatioFit& f = groups ? calibration.fit_for((*groups)[static_cast<std::size_t>(i)]) : calibration.overall;
    lo[i] = v[i] * std::exp(f.mu - detail::z95 * f.sigma);
    hi[i] = v[i] * std::exp(f.mu + detail::z95 * f.sigma);
  }
  Backlog out = backlog;
  out.set_column(x + "_lo", lo);
  out.set_column(x + "_hi", hi);
  return out;
}

}  // namespace v1
}  // namespace prio
