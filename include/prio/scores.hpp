// Scores, and ranking them with a deterministic tie-break chain.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/bit.hpp"
#include "prio/detail/fwd.hpp"
#include "prio/detail/scores.hpp"

namespace prio {
inline namespace v1 {

/// The result of prio::score: one value per feature, aligned with the backlog.
///
/// Ranking order (the tie-break chain, used by prio::rank, prio::top_k and the
/// ordering policies): lower tier first (MoSCoW category for prio::moscow; all
/// features share tier 0 otherwise), then higher value, then feature id in
/// byte order. NaN values (a missing value under the `worst` policy, or a
/// custom strategy's NaN) rank after every number of their tier, and -0.0
/// ties with 0.0. So equal input gives equal output, whatever the order the
/// rows were added in.
class Scores {
 public:
  Scores() : ids_(std::make_shared<const std::vector<std::string>>()) {}
  /// values and tiers (empty = all tier 0) must have one entry per id.
  Scores(Eigen::VectorXd values, std::shared_ptr<const std::vector<std::string>> ids, std::string strategy,
         std::vector<std::uint8_t> tiers = {})
      : values_(std::move(values)), ids_(std::move(ids)), strategy_(std::move(strategy)), tiers_(std::move(tiers)) {
    if (!ids_) ids_ = std::make_shared<const std::vector<std::string>>();
    if (static_cast<std::size_t>(values_.size()) != ids_->size() || (!tiers_.empty() && tiers_.size() != ids_->size()))
      throw error(errc::size_mismatch, "scores must have one value per feature");
  }

  [[nodiscard]] double operator[](FeatureIndex i) const { return values_[static_cast<Eigen::Index>(i)]; }
  [[nodiscard]] std::size_t size() const noexcept { return static_cast<std::size_t>(values_.size()); }
  [[nodiscard]] bool empty() const noexcept { return values_.size() == 0; }
  [[nodiscard]] const Eigen::VectorXd& values() const noexcept { return values_; }
  /// Tier per feature (lower ranks first); empty when every feature is tier 0.
  [[nodiscard]] const std::vector<std::uint8_t>& tiers() const noexcept { return tiers_; }
  [[nodiscard]] std::uint8_t tier(FeatureIndex i) const { return tiers_.empty() ? std::uint8_t{0} : tiers_[i]; }
  /// The strategy that produced the scores, e.g. "rice" or "moscow(rice)".
  [[nodiscard]] const std::string& strategy() const noexcept { return strategy_; }
  [[nodiscard]] const std::string& id(FeatureIndex i) const { return (*ids_)[i]; }
  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return *ids_; }
  [[nodiscard]] const std::shared_ptr<const std::vector<std::string>>& shared_ids() const noexcept { return ids_; }

 private:
  friend struct detail::ScoresAccess;  // prio::score_into reuses the storage
  Eigen::VectorXd values_;
  std::shared_ptr<const std::vector<std::string>> ids_;
  std::string strategy_;
  std::vector<std::uint8_t> tiers_;
};

/// Feature indices best first (see Scores for the tie-break chain).
/// O(n) for n >= 4096 (radix sort) plus O(t log t) for each run of t ties.
[[nodiscard]] inline std::vector<FeatureIndex> rank(const Scores& scores) {
  return detail::rank_values(scores.values(), scores.tiers(), scores.ids());
}

/// The best k features, best first, in the same order as the first k of
/// rank(scores), without sorting everything: one pass, O(n log k).
[[nodiscard]] inline std::vector<FeatureIndex> top_k(const Scores& scores, std::size_t k) {
  std::vector<FeatureIndex> heap;
  heap.reserve(std::min(k, scores.size()));
  detail::top_k_values(scores.values().data(), scores.tiers().empty() ? nullptr : scores.tiers().data(), scores.size(), k,
                       scores.ids(), heap);
  return heap;
}

/// The inverse of a ranking: position[i] is the 0-based place of feature i.
[[nodiscard]] inline std::vector<std::size_t> rank_positions(const std::vector<FeatureIndex>& ranking) {
  std::vector<std::size_t> pos(ranking.size());
  for (std::size_t p = 0; p < ranking.size(); ++p) pos.at(ranking[p]) = p;
  return pos;
}

}  // namespace v1
}  // namespace prio
