// Private helpers of prio/experiment/raters.hpp: not API, may change in any release.
// Include "prio/experiment/raters.hpp" instead.
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

#include "prio/error.hpp"
#include "prio/experiment/compare.hpp"

namespace prio::inline v1::detail {

inline void check_raters(const Eigen::Ref<const Eigen::MatrixXd>& ratings, const Eigen::Ref<const Eigen::VectorXd>& weights) {
  if (weights.size() != ratings.rows())
    throw error(errc::size_mismatch, "one weight per rater is needed: " + std::to_string(weights.size()) + " weights for " +
                                         std::to_string(ratings.rows()) + " raters");
  for (Eigen::Index r = 0; r < weights.size(); ++r)
    if (!std::isfinite(weights[r]) || weights[r] < 0)
      throw error(errc::invalid_weight, "rater " + std::to_string(r) + " has a negative or non-finite weight");
  if (!(weights.sum() > 0)) throw error(errc::invalid_weight, "rater weights are all zero");
  for (Eigen::Index i = 0; i < ratings.size(); ++i)
    if (std::isinf(ratings.data()[i])) throw error(errc::non_finite_value, "a rating is infinite");
}

inline void require_complete(const Eigen::Ref<const Eigen::MatrixXd>& ratings, const char* what) {
  for (Eigen::Index r = 0; r < ratings.rows(); ++r)
    for (Eigen::Index i = 0; i < ratings.cols(); ++i)
      if (std::isnan(ratings(r, i)))
        throw error(errc::missing_value, std::string(what) + " needs every rating; rater " + std::to_string(r) + " has none for item " +
                                             std::to_string(i));
}

/// Average ranks (1 = lowest value) of one rater's ratings, and the tie term sum(t^3 - t).
inline double rater_ranks(const Eigen::Ref<const Eigen::RowVectorXd>& x, Eigen::Ref<Eigen::RowVectorXd> out) {
  const auto at = [&x](std::size_t i) { return x[static_cast<Eigen::Index>(i)]; };
  return average_ranks(
      static_cast<std::size_t>(x.size()), [&at](std::size_t a, std::size_t b) { return at(a) < at(b); },
      [&at](std::size_t a, std::size_t b) { return at(a) == at(b); },
      [&out](std::size_t i, double r) { out[static_cast<Eigen::Index>(i)] = r; });
}

}  // namespace prio::inline v1::detail
