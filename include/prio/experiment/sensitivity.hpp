// Weight sensitivity and robustness of the weighted strategy.
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
#include "prio/detail/sensitivity.hpp"
#include "prio/error.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/scores.hpp"
#include "prio/strategies/weighted.hpp"

namespace prio {
inline namespace v1 {

/// How far one weight may move before the top changes. Changes are relative
/// to the weight (0.25 = the weight times 1.25; -1 = the weight set to 0),
/// the other weights staying put; empty when no change of that sign alters
/// the result. At the reported change the rival ties (the id breaks the tie).
struct WeightSensitivity {
  std::string criterion;
  double weight = 0;  ///< normalized (the weights sum to 1)
  std::optional<double> top1_up, top1_down;                ///< smallest increase (> 0) / decrease (in [-1, 0]) changing the first feature
  std::optional<FeatureIndex> top1_up_rival, top1_down_rival;  ///< the feature that reaches first place
  std::optional<double> top_k_up, top_k_down;              ///< same, for the set of the first k
};

/// Dropping one criterion (the others' weights renormalized), against the full ranking.
struct LeaveOneOut {
  std::string criterion;
  double kendall_tau = 0;
  double spearman = 0;
  double top_k_overlap = 0;
  bool same_top1 = true;
};

/// Adding a dominated feature (no better than the worst on any criterion)
/// under one normalization: whether the others' order changed.
struct RankReversal {
  Normalization normalization = Normalization::min_max;
  bool reordered = false;
  std::size_t moved = 0;  ///< features whose place among the original ones changed
  double kendall_tau = 1;  ///< original order vs order with the dominated feature
  std::string worsened;    ///< the criterion on which that feature is strictly worst (empty for fixed)
};

struct SensitivityOptions {
  std::size_t top_k = 3;
};

struct Sensitivity {
  std::size_t top_k = 3;
  std::vector<FeatureIndex> ranking;
  std::vector<WeightSensitivity> weights;
  std::vector<LeaveOneOut> leave_one_out;
  std::vector<RankReversal> rank_reversal;
};

/// For each criterion of a weighted strategy, the smallest relative change of
/// its weight that changes the first feature and the set of the first k.
/// Exact (scores are ratios of linear functions of the weight). Throws what
/// prio::score throws. O(criteria x k x n).
[[nodiscard]] inline std::vector<WeightSensitivity> weight_sensitivity(const Backlog& b, const Weighted& strategy, std::size_t k) {
  const Scores s = strategy.score(b);
  const std::vector<FeatureIndex> r = rank(s);
  std::vector<Diagnostic> diags;
  const Eigen::MatrixXd norm = detail::WeightedAccess::normalized(strategy, b, &diags, true);
  const Eigen::VectorXd w = strategy.weights();
  const std::size_t n = b.size();
  k = std::min(k, n);
  std::vector<bool> in_top(n, false);
  for (std::size_t p = 0; p < k; ++p) in_top[r[p]] = true;
  std::vector<WeightSensitivity> out;
  for (std::size_t c = 0; c < strategy.criteria.size(); ++c) {
    WeightSensitivity ws;
    ws.criterion = strategy.criteria[c].attribute;
    ws.weight = w[static_cast<Eigen::Index>(c)];
    if (n >= 2 && ws.weight > 0) {
      const detail::Linear l = detail::linear_form(norm, w, static_cast<Eigen::Index>(c));
      const auto t = static_cast<Eigen::Index>(r[0]);
      for (std::size_t j = 1; j < n; ++j) {
        const auto jj = static_cast<Eigen::Index>(r[j]);
        detail::keep_smallest(ws.top1_up, &ws.top1_up_rival, detail::crossing(l, t, jj, +1), jj);
        detail::keep_smallest(ws.top1_down, &ws.top1_down_rival, detail::crossing(l, t, jj, -1), jj);
      }
      if (k < n)
        for (std::size_t p = 0; p < k; ++p)
          for (std::size_t j = k; j < n; ++j) {
            const auto ii = static_cast<Eigen::Index>(r[p]), jj = static_cast<Eigen::Index>(r[j]);
            detail::keep_smallest(ws.top_k_up, nullptr, detail::crossing(l, ii, jj, +1), jj);
            detail::keep_smallest(ws.top_k_down, nullptr, detail::crossing(l, ii, jj, -1), jj);
          }
    }
    out.push_back(std::move(ws));
  }
  return out;
}

/// Rank correlation of the ranking without each criterion (one at a time)
/// with the full ranking. Empty for a single criterion. Throws what
/// prio::score throws. O(criteria x n log n).
[[nodiscard]] inline std::vector<LeaveOneOut> leave_one_out(const Backlog& b, const Weighted& strategy, std::size_t k) {
  std::vector<LeaveOneOut> out;
  if (strategy.criteria.size() < 2) return out;
  const std::vector<FeatureIndex> full = rank(strategy.score(b));
  for (std::size_t c = 0; c < strategy.criteria.size(); ++c) {
    Weighted w = strategy;
    w.criteria.erase(w.criteria.begin() + static_cast<std::ptrdiff_t>(c));
    LeaveOneOut l;
    l.criterion = strategy.criteria[c].attribute;
    double total = 0;
    for (const auto& cr : w.criteria) total += cr.weight;
    if (!(total > 0)) {  // the others all weigh 0: no ranking left
      l.kendall_tau = l.spearman = l.top_k_overlap = std::numeric_limits<double>::quiet_NaN();
      l.same_top1 = false;
      out.push_back(std::move(l));
      continue;
    }
    const std::vector<FeatureIndex> r = rank(w.score(b));
    l.kendall_tau = kendall_tau(full, r);
    l.spearman = spearman(full, r);
    l.top_k_overlap = top_k_overlap(full, r, k);
    l.same_top1 = full.empty() || full[0] == r[0];
    out.push_back(std::move(l));
  }
  return out;
}

/// Rank-reversal check: for each normalization (fixed only when every
/// criterion declares lo < hi), adds a dominated feature (the worst present
/// value on every criterion, and strictly worse, by the criterion's spread,
/// on one of them; each criterion is tried in turn, and for fixed the scale's
/// worst end everywhere) and reports the candidate that moves the original
/// features most. Throws what prio::score throws. O(normalizations x
/// criteria x n log n).
[[nodiscard]] inline std::vector<RankReversal> rank_reversal(const Backlog& b, const Weighted& strategy) {
  std::vector<RankReversal> out;
  if (b.empty()) return out;
  bool fixed_ok = true;
  for (const auto& cr : strategy.criteria) fixed_ok = fixed_ok && std::isfinite(cr.lo) && std::isfinite(cr.hi) && cr.lo < cr.hi;
  std::string id = "__dominated";
  while (b.contains(id)) id += "_";
  struct Range {
    double worst, worse;  // the worst present value, and a strictly worse one
  };
  std::vector<std::optional<Range>> ranges;
  for (const auto& cr : strategy.criteria) {
    double mn = std::numeric_limits<double>::infinity(), mx = -mn;
    if (b.has_attribute(cr.attribute))
      for (double v : b.column(cr.attribute))
        if (!std::isnan(v)) {
          mn = std::min(mn, v);
          mx = std::max(mx, v);
        }
    if (!std::isfinite(mn)) {
      ranges.emplace_back();
      continue;
    }
    const double spread = mx > mn ? mx - mn : std::max(1.0, std::abs(mx));
    ranges.push_back(cr.direction == Direction::benefit ? Range{mn, mn - spread} : Range{mx, mx + spread});
  }
  for (Normalization norm : {Normalization::min_max, Normalization::z_score, Normalization::vector, Normalization::rank, Normalization::fixed}) {
    if (norm == Normalization::fixed && !fixed_ok) continue;
    Weighted w = strategy;
    w.normalization = norm;
    const std::vector<FeatureIndex> before = rank(w.score(b));
    RankReversal rr;
    rr.normalization = norm;
    const std::size_t candidates = norm == Normalization::fixed ? 1 : strategy.criteria.size();
    for (std::size_t worse = 0; worse < candidates; ++worse) {
      Feature f{id, "dominated feature", {}, Moscow::unset, {}};
      for (std::size_t c = 0; c < strategy.criteria.size(); ++c) {
        const Criterion& cr = strategy.criteria[c];
        if (!ranges[c] || std::find_if(f.attributes.begin(), f.attributes.end(),
                                       [&cr](const auto& a) { return a.first == cr.attribute; }) != f.attributes.end())
          continue;
        double v = c == worse ? ranges[c]->worse : ranges[c]->worst;
        if (norm == Normalization::fixed) v = cr.direction == Direction::benefit ? cr.lo : cr.hi;
        f.attributes.emplace_back(cr.attribute, v);
      }
      Backlog b2 = b;
      const FeatureIndex added = b2.add(std::move(f));
      std::vector<FeatureIndex> after;
      for (FeatureIndex i : rank(w.score(b2)))
        if (i != added) after.push_back(i);
      std::size_t moved = 0;
      for (std::size_t p = 0; p < before.size(); ++p) moved += before[p] != after[p];
      if (worse == 0 || moved > rr.moved) {
        rr.moved = moved;
        rr.kendall_tau = before.size() >= 2 ? kendall_tau(before, after) : 1.0;
        rr.worsened = norm == Normalization::fixed ? std::string() : strategy.criteria[worse].attribute;
      }
    }
    rr.reordered = rr.moved > 0;
    out.push_back(rr);
  }
  return out;
}

/// Weight sensitivity, leave-one-criterion-out and the rank-reversal check in one call.
[[nodiscard]] inline Sensitivity sensitivity(const Backlog& b, const Weighted& strategy, const SensitivityOptions& options = {}) {
  Sensitivity s;
  s.top_k = options.top_k;
  s.ranking = rank(strategy.score(b));
  s.weights = weight_sensitivity(b, strategy, options.top_k);
  s.leave_one_out = leave_one_out(b, strategy, options.top_k);
  s.rank_reversal = rank_reversal(b, strategy);
  return s;
}

}  // namespace v1
}  // namespace prio
