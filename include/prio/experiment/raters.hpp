// Several raters: aggregate stakeholders' ratings, and how much they agree.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "prio/detail/raters.hpp"
#include "prio/error.hpp"
#include "prio/experiment/compare.hpp"

namespace prio {
inline namespace v1 {

/// How several raters' ratings of the same items become one score per item
/// (higher = more important):
/// - weighted_mean: sum of weight x rating / sum of the weights of the raters who rated it;
/// - median:        the weighted median (the value where the raters' cumulative
///                  weight reaches half; the mean of the two middle values on an exact half);
/// - borda:         each rater gives an item one point per item it rates lower
///                  and half a point per other item it ties with; points are
///                  averaged with the rater weights (range 0 .. n - 1).
enum class Aggregation : std::uint8_t { weighted_mean, median, borda };

[[nodiscard]] constexpr std::string_view to_string(Aggregation a) noexcept {
  switch (a) {
    case Aggregation::weighted_mean: return "weighted_mean";
    case Aggregation::median: return "median";
    case Aggregation::borda: return "borda";
  }
  return "";
}

/// One score per item (column) from several raters (rows) with rater
/// weights. NaN ratings are skipped by weighted_mean and median (an item
/// nobody rated gets NaN); borda needs every rating. Throws prio::error
/// (size_mismatch, invalid_weight, missing_value). O(raters x items log items).
[[nodiscard]] inline Eigen::VectorXd aggregate(const Eigen::Ref<const Eigen::MatrixXd>& ratings,
                                               const Eigen::Ref<const Eigen::VectorXd>& weights, Aggregation how) {
  detail::check_raters(ratings, weights);
  const Eigen::Index m = ratings.rows(), n = ratings.cols();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd out(n);
  switch (how) {
    case Aggregation::weighted_mean:
      for (Eigen::Index i = 0; i < n; ++i) {
        double s = 0, ws = 0;
        for (Eigen::Index r = 0; r < m; ++r)
          if (!std::isnan(ratings(r, i))) {
            s += weights[r] * ratings(r, i);
            ws += weights[r];
          }
        out[i] = ws > 0 ? s / ws : nan;
      }
      break;
    case Aggregation::median:
      for (Eigen::Index i = 0; i < n; ++i) {
        std::vector<std::pair<double, double>> v;  // (rating, weight)
        double total = 0;
        for (Eigen::Index r = 0; r < m; ++r)
          if (!std::isnan(ratings(r, i)) && weights[r] > 0) {
            v.emplace_back(ratings(r, i), weights[r]);
            total += weights[r];
          }
        if (v.empty()) {
          out[i] = nan;
          continue;
        }
        std::sort(v.begin(), v.end());
        double cum = 0;
        for (std::size_t k = 0; k < v.size(); ++k) {
          cum += v[k].second;
          if (cum == total / 2 && k + 1 < v.size()) {
            out[i] = (v[k].first + v[k + 1].first) / 2;
            break;
          }
          if (cum > total / 2 || k + 1 == v.size()) {
            out[i] = v[k].first;
            break;
          }
        }
      }
      break;
    case Aggregation::borda: {
      detail::require_complete(ratings, "borda aggregation");
      out.setZero();
      Eigen::RowVectorXd rk(n);
      for (Eigen::Index r = 0; r < m; ++r) {
        (void)detail::rater_ranks(ratings.row(r), rk);
        out += weights[r] * (rk.transpose().array() - 1).matrix();  // average rank - 1 = lower + ties / 2
      }
      out /= weights.sum();
      break;
    }
  }
  return out;
}

/// Kendall's coefficient of concordance W in [0, 1] of m raters (rows) over n
/// items (columns), with the tie correction: W = 12 S / (m^2 (n^3 - n) - m
/// sum(t^3 - t)) (Kendall & Babington Smith 1939; Siegel & Castellan 1988).
/// 1 = every rater ranks alike. NaN for fewer than 2 raters or items, or
/// when every rater ties everything. Throws prio::error (missing_value).
[[nodiscard]] inline double kendall_w(const Eigen::Ref<const Eigen::MatrixXd>& ratings) {
  detail::require_complete(ratings, "kendall_w");
  const Eigen::Index m = ratings.rows(), n = ratings.cols();
  if (m < 2 || n < 2) return std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(n);
  Eigen::RowVectorXd rk(n);
  double ties = 0;
  for (Eigen::Index r = 0; r < m; ++r) {
    ties += detail::rater_ranks(ratings.row(r), rk);
    sums += rk.transpose();
  }
  const auto md = static_cast<double>(m), nd = static_cast<double>(n);
  const double s = (sums.array() - md * (nd + 1) / 2).square().sum();
  const double den = md * md * (nd * nd * nd - nd) - md * ties;
  return den > 0 ? 12 * s / den : std::numeric_limits<double>::quiet_NaN();
}

/// aggregate() with its ranking and the agreement among raters.
struct RaterAggregate {
  Aggregation method = Aggregation::weighted_mean;
  Eigen::VectorXd scores;              ///< one per item, higher first
  std::vector<FeatureIndex> ranking;   ///< items best first (ties by index)
  double kendall_w = 0;                ///< agreement of all raters (NaN with missing ratings)
  Eigen::VectorXd rater_tau;           ///< Kendall tau-b of each rater's ratings with the aggregate
};

/// Aggregates and measures agreement in one call. Throws like aggregate().
[[nodiscard]] inline RaterAggregate aggregate_raters(const Eigen::Ref<const Eigen::MatrixXd>& ratings,
                                                     const Eigen::Ref<const Eigen::VectorXd>& weights, Aggregation how) {
  RaterAggregate a;
  a.method = how;
  a.scores = aggregate(ratings, weights, how);
  a.ranking = detail::ranking_of(a.scores);
  bool complete = true;
  for (Eigen::Index i = 0; i < ratings.size(); ++i) complete = complete && !std::isnan(ratings.data()[i]);
  a.kendall_w = complete ? prio::kendall_w(ratings) : std::numeric_limits<double>::quiet_NaN();
  a.rater_tau.resize(ratings.rows());
  for (Eigen::Index r = 0; r < ratings.rows(); ++r) {
    const Eigen::VectorXd row = ratings.row(r).transpose();
    a.rater_tau[r] = kendall_tau(row, a.scores);
  }
  return a;
}

}  // namespace v1
}  // namespace prio
