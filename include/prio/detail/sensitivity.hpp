// Private helpers of prio/experiment/sensitivity.hpp: not API, may change in any release.
// Include "prio/experiment/sensitivity.hpp" instead.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/error.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/scores.hpp"
#include "prio/strategies/weighted.hpp"

namespace prio::inline v1::detail {

/// weight_sensitivity needs the normalized matrix a Weighted strategy scores
/// from (private to it: its arguments are an internal contract).
struct WeightedAccess {
  [[nodiscard]] static Eigen::MatrixXd normalized(const Weighted& w, const Backlog& b, std::vector<Diagnostic>* diags,
                                                  bool throw_first) {
    return w.normalized(b, diags, throw_first);
  }
};

/// Scores are (P_i + d q_i) / (R_i + d r_i) when one weight is scaled by
/// (1 + d): P, R are the weighted sum and the sum of weights of the
/// criteria present for feature i; q, r the changed criterion's share.
struct Linear {
  Eigen::ArrayXd P, R, q, r;
};

[[nodiscard]] inline Linear linear_form(const Eigen::MatrixXd& norm, const Eigen::VectorXd& w, Eigen::Index c) {
  const Eigen::Index n = norm.rows();
  Linear l{Eigen::ArrayXd::Zero(n), Eigen::ArrayXd::Zero(n), Eigen::ArrayXd::Zero(n), Eigen::ArrayXd::Zero(n)};
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index k = 0; k < norm.cols(); ++k) {
      const double v = norm(i, k);
      if (std::isnan(v)) continue;
      l.P[i] += w[k] * v;
      l.R[i] += w[k];
      if (k == c) {
        l.q[i] = w[k] * v;
        l.r[i] = w[k];
      }
    }
  return l;
}

/// The smallest |d| in the direction (sign) at which j reaches t, given t
/// ranks at or above j at d = 0: f(d) = P_j(d) R_t(d) - P_t(d) R_j(d) turns >= 0.
[[nodiscard]] inline std::optional<double> crossing(const Linear& l, Eigen::Index t, Eigen::Index j, double sign) {
  const double A = l.q[j] * l.r[t] - l.q[t] * l.r[j];
  const double B = l.q[j] * l.R[t] + l.P[j] * l.r[t] - l.q[t] * l.R[j] - l.P[t] * l.r[j];
  const double C = l.P[j] * l.R[t] - l.P[t] * l.R[j];
  auto f = [&](double d) { return (A * d + B) * d + C; };
  const double limit = sign > 0 ? std::numeric_limits<double>::infinity() : -1.0;
  std::vector<double> roots;
  if (C >= 0) roots.push_back(0.0);  // tied now
  if (A == 0) {
    if (B != 0) roots.push_back(-C / B);
  } else {
    const double disc = B * B - 4 * A * C;
    if (disc >= 0) {
      const double qq = -0.5 * (B + std::copysign(std::sqrt(disc), B));
      if (qq != 0) roots.push_back(qq / A);
      if (qq != 0) roots.push_back(C / qq);
      else roots.push_back(0.0);
    }
  }
  std::vector<double> in;
  for (double d : roots)
    if (sign > 0 ? d >= 0 : (d <= 0 && d >= limit)) in.push_back(d);
  std::sort(in.begin(), in.end(), [](double x, double y) { return std::abs(x) < std::abs(y); });
  in.erase(std::unique(in.begin(), in.end()), in.end());
  for (std::size_t k = 0; k < in.size(); ++k) {
    // j is above t on the whole interval between this root and the next one (or the end of the range).
    const double d = in[k];
    const double next = k + 1 < in.size() ? in[k + 1] : (sign > 0 ? 2 * d + 1 : limit);
    if (next == d) continue;
    if (f((d + next) / 2) > 0) return d;
  }
  return std::nullopt;
}

inline void keep_smallest(std::optional<double>& best, std::optional<FeatureIndex>* who, std::optional<double> d, Eigen::Index j) {
  if (!d) return;
  if (!best || std::abs(*d) < std::abs(*best)) {
    best = d;
    if (who) *who = static_cast<FeatureIndex>(j);
  }
}

}  // namespace prio::inline v1::detail
