// Weighted KPI scores: normalized criteria times weights, with OKR trees.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "prio/detail/fwd.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

enum class Direction : std::uint8_t { benefit, cost };

/// How each criterion's column is put on a common scale before weighting.
/// Benefit criteria (cost criteria are mirrored so that higher is better):
/// - min_max: (x - min) / (max - min), in [0, 1]; a constant column gives 1;
/// - z_score: (x - mean) / standard deviation (population); constant gives 0;
/// - vector:  x / ||x||_2 (cost: 1 - x / ||x||_2);
/// - rank:    the average rank of x among present values scaled to [0, 1];
/// - fixed:   (x - lo) / (hi - lo) with [lo, hi] declared per criterion; a
///            value outside is an error. The only one where adding a feature
///            never changes the others' normalized values (no rank reversal);
/// - jpd:     Jira Product Discovery's weighted score: each criterion scaled
///            to 100 x (x - lo) / (max - lo) with lo = min(0, min x) (6, 3, 2
///            -> 100, 50, 33.3); the weighted sum of the benefit criteria is
///            scaled the same way and, when there are cost criteria (JPD's
///            negative weights), divided by their scaled weighted sum.
enum class Normalization : std::uint8_t { min_max, z_score, vector, rank, fixed, jpd };

[[nodiscard]] constexpr std::string_view to_string(Normalization n) noexcept {
  switch (n) {
    case Normalization::min_max: return "min_max";
    case Normalization::z_score: return "z_score";
    case Normalization::vector: return "vector";
    case Normalization::rank: return "rank";
    case Normalization::fixed: return "fixed";
    case Normalization::jpd: return "jpd";
  }
  return "";
}

/// One criterion: `{"retention", 0.6, prio::Direction::benefit}`; lo and hi
/// are used by Normalization::fixed only.
struct Criterion {
  std::string attribute;
  double weight = 1;
  Direction direction = Direction::benefit;
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
};

/// An objective (or the North Star) with its key results.
struct Objective {
  std::string name;
  double weight = 1;
  std::vector<Criterion> key_results;
};

/// Flattens an OKR / North Star tree to criteria: each key result's weight
/// becomes (objective weight / sum of objective weights) x (its weight / sum
/// of its objective's key-result weights). Throws prio::error (invalid_weight).
[[nodiscard]] inline std::vector<Criterion> okr_criteria(const std::vector<Objective>& objectives) {
  double total = 0;
  for (const auto& o : objectives) {
    if (!(o.weight >= 0) || !std::isfinite(o.weight))
      throw error(errc::invalid_weight, "objective '" + o.name + "' has a negative or non-finite weight");
    total += o.weight;
  }
  if (!(total > 0)) throw error(errc::invalid_weight, "objective weights are all zero");
  std::vector<Criterion> out;
  for (const auto& o : objectives) {
    double kr_total = 0;
    for (const auto& kr : o.key_results) {
      if (!(kr.weight >= 0) || !std::isfinite(kr.weight))
        throw error(errc::invalid_weight, "key result '" + kr.attribute + "' of objective '" + o.name + "' has a negative or non-finite weight");
      kr_total += kr.weight;
    }
    if (o.weight > 0 && !(kr_total > 0))
      throw error(errc::invalid_weight, "objective '" + o.name + "' has no key result with a positive weight");
    for (const auto& kr : o.key_results) {
      Criterion c = kr;
      c.weight = (o.weight / total) * (kr_total > 0 ? kr.weight / kr_total : 0.0);
      out.push_back(std::move(c));
    }
  }
  return out;
}

/// Weighted KPI score: sum over criteria of weight x normalized value, with
/// weights normalized to sum to 1 (negative, non-finite or all-zero weights
/// are an error). Missing: error (default); worst = the criterion's lowest
/// normalized value among the features that have it; skip = the criterion is
/// left out for that feature and its other weights renormalized.
struct Weighted {
  std::vector<Criterion> criteria;
  Normalization normalization = Normalization::min_max;
  Missing missing = Missing::error;

  [[nodiscard]] std::string name() const { return "weighted(" + std::string(to_string(normalization)) + ")"; }

  [[nodiscard]] Scores score(const Backlog& b) const {
    if (auto fast = score_affine(b)) return Scores(std::move(*fast), b.shared_ids(), name());
    std::vector<Diagnostic> diags;
    Eigen::MatrixXd norm = normalized(b, &diags, true);
    if (normalization == Normalization::jpd) return Scores(jpd_combine(b, norm), b.shared_ids(), name());
    return Scores(combine(b, norm), b.shared_ids(), name());
  }

  void check(const Backlog& b, std::vector<Diagnostic>& out) const {
    try {
      const Eigen::MatrixXd norm = normalized(b, &out, false);
      if (normalization == Normalization::jpd && !has_errors(out)) (void)jpd_combine(b, norm);
    } catch (const error& e) {
      out.push_back(Diagnostic{Severity::error, e.code(), e.where(), e.description()});
    }
  }

  [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const {
    if (i >= b.size()) throw error(errc::unknown_feature, "feature index out of range");
    std::vector<Diagnostic> diags;
    const Eigen::MatrixXd norm = normalized(b, &diags, true);
    const Eigen::VectorXd w = weights();
    Explanation e{b.id(i), b.title(i), name(), "sum of weight x " + std::string(to_string(normalization)) + "(criterion)", {}, 0, {}, {}};
    double present_w = 0;
    for (Eigen::Index c = 0; c < norm.cols(); ++c)
      if (!std::isnan(norm(i, c))) present_w += w[c];
    if (normalization == Normalization::jpd) {
      e.formula = "JPD: scale(sum of weight x scale(benefit)) / scale(sum of weight x scale(cost)), scale(x) = 100 (x - min(0, min)) / (max - min(0, min))";
      e.score = jpd_combine(b, norm)[static_cast<Eigen::Index>(i)];
    }
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const auto ci = static_cast<Eigen::Index>(c);
      const double nv = norm(i, ci);
      const double wc = std::isnan(nv) ? 0.0 : w[ci] / present_w;
      Term t{criteria[c].attribute, criteria[c].attribute, TermRole::addend, b.value(i, criteria[c].attribute),
             std::isnan(nv) ? 0.0 : nv, wc, std::isnan(nv) ? 0.0 : wc * nv, {}};
      if (criteria[c].direction == Direction::cost) t.note = "cost: lower is better";
      if (std::isnan(t.raw)) t.note = std::isnan(nv) ? "missing: skipped" : "missing: worst";
      if (normalization != Normalization::jpd) e.score += t.contribution;
      e.terms.push_back(std::move(t));
    }
    return e;
  }

  /// Weights normalized to sum to 1; throws prio::error (invalid_weight).
  [[nodiscard]] Eigen::VectorXd weights() const {
    if (criteria.empty()) throw error(errc::invalid_weight, "weighted scoring needs at least one criterion");
    Eigen::VectorXd w(static_cast<Eigen::Index>(criteria.size()));
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const double x = criteria[c].weight;
      if (!std::isfinite(x) || x < 0)
        throw error(errc::invalid_weight, "weight must be a finite number >= 0, got " + detail::fmt_number(x),
                    Location{{}, criteria[c].attribute, {}, 0, 0});
      w[static_cast<Eigen::Index>(c)] = x;
    }
    if (!(w.sum() > 0)) throw error(errc::invalid_weight, "weights are all zero");
    return w / w.sum();
  }

 private:
  friend struct detail::WeightedAccess;  // weight_sensitivity reads the normalized matrix

  /// n x criteria matrix of normalized values; NaN = skipped. Problems go to
  /// diags; with `throw_first` the first error is thrown instead.
  [[nodiscard]] Eigen::MatrixXd normalized(const Backlog& b, std::vector<Diagnostic>* diags, bool throw_first) const {
    (void)weights();
    const auto n = static_cast<Eigen::Index>(b.size());
    Eigen::MatrixXd out(n, static_cast<Eigen::Index>(criteria.size()));
    auto report = [&](Diagnostic d) {
      if (throw_first) throw d.to_error();
      diags->push_back(std::move(d));
    };
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const Criterion& cr = criteria[c];
      const auto ci = static_cast<Eigen::Index>(c);
      const auto col = b.attribute_column(cr.attribute);
      if (!col) {
        if (n > 0 && missing == Missing::error) {
          report(Diagnostic{Severity::error, errc::unknown_attribute, Location{{}, cr.attribute, {}, 0, 0},
                            "weighted criterion '" + cr.attribute + "' is not an attribute of the backlog"});
          out.col(ci).setConstant(0);
          continue;
        }
        out.col(ci).setConstant(missing == Missing::skip ? std::numeric_limits<double>::quiet_NaN() : 0.0);
        continue;
      }
      const auto x = b.column(cr.attribute);
      if (normalization == Normalization::fixed && !(std::isfinite(cr.lo) && std::isfinite(cr.hi) && cr.lo < cr.hi)) {
        report(Diagnostic{Severity::error, errc::invalid_argument, Location{{}, cr.attribute, {}, 0, 0},
                          "fixed normalization needs a finite range lo < hi for this criterion"});
        out.col(ci).setConstant(0);
        continue;
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        if (std::isnan(x[i]) && missing == Missing::error)
          report(Diagnostic{Severity::error, errc::missing_value, Location{b.id(static_cast<FeatureIndex>(i)), cr.attribute, {}, 0, 0},
                            "missing value (set a missing-value policy to allow it)"});
        else if (normalization == Normalization::fixed && !std::isnan(x[i]) && (x[i] < cr.lo || x[i] > cr.hi))
          report(Diagnostic{Severity::error, errc::invalid_value, Location{b.id(static_cast<FeatureIndex>(i)), cr.attribute, {}, 0, 0},
                            "value " + detail::fmt_number(x[i]) + " is outside the declared scale [" + detail::fmt_number(cr.lo) +
                                ", " + detail::fmt_number(cr.hi) + "]"});
      }
      auto o = out.col(ci);
      normalize_column(x, cr, o);
      if (missing == Missing::worst) {
        // JPD keeps cost criteria unmirrored: their worst is the largest.
        const bool largest = normalization == Normalization::jpd && cr.direction == Direction::cost;
        double worst = largest ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        for (Eigen::Index i = 0; i < n; ++i)
          if (!std::isnan(o[i])) worst = largest ? std::max(worst, o[i]) : std::min(worst, o[i]);
        if (!std::isfinite(worst)) worst = 0;
        for (Eigen::Index i = 0; i < n; ++i)
          if (std::isnan(o[i])) o[i] = worst;
      }
    }
    return out;
  }

  // Every normalization but rank is affine per criterion, normalized =
  // sign (x - shift) / scale + k, so when no value is missing or off its scale
  // the score is one blocked pass over the columns, without the n x criteria
  // matrix. Returns nothing when the general path is needed (missing values,
  // errors, rank normalization).
  [[nodiscard]] std::optional<Eigen::VectorXd> score_affine(const Backlog& b) const {
    if (normalization == Normalization::rank || normalization == Normalization::jpd) return std::nullopt;
    const Eigen::VectorXd w = weights();
    const auto n = static_cast<Eigen::Index>(b.size());
    struct Affine {
      const double* x;
      double weight, sign, shift, scale;
    };
    std::vector<Affine> terms;
    double offset = 0;
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const Criterion& cr = criteria[c];
      const auto col = b.attribute_column(cr.attribute);
      if (!col) return std::nullopt;
      const double* x = b.matrix().col(*col).data();
      double mn = std::numeric_limits<double>::infinity(), mx = -mn, sum = 0, sumsq = 0;
      for (Eigen::Index i = 0; i < n; ++i) {  // a NaN propagates into sum
        mn = std::min(mn, x[i]);
        mx = std::max(mx, x[i]);
        sum += x[i];
        sumsq += x[i] * x[i];
      }
      if (std::isnan(sum)) return std::nullopt;
      const double wc = w[static_cast<Eigen::Index>(c)];
      const double sign = cr.direction == Direction::cost ? -1.0 : 1.0;
      const bool cost = cr.direction == Direction::cost;
      switch (normalization) {
        case Normalization::min_max:
          if (mx > mn) terms.push_back({x, wc, sign, cost ? mx : mn, mx - mn});
          else offset += wc;  // a constant column normalizes to 1
          break;
        case Normalization::z_score: {
          const double mean = n > 0 ? sum / static_cast<double>(n) : 0;
          double var = 0;
          for (Eigen::Index i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
          const double sd = n > 0 ? std::sqrt(var / static_cast<double>(n)) : 0;
          if (sd > 0) terms.push_back({x, wc, sign, mean, sd});
          break;
        }
        case Normalization::vector: {
          const double norm = std::sqrt(sumsq);
          if (norm > 0) terms.push_back({x, wc, sign, 0, norm});
          if (cost) offset += wc;  // 1 - x / ||x||
          break;
        }
        case Normalization::fixed:
          if (!(std::isfinite(cr.lo) && std::isfinite(cr.hi) && cr.lo < cr.hi) || mn < cr.lo || mx > cr.hi) return std::nullopt;
          terms.push_back({x, wc, sign, cost ? cr.hi : cr.lo, cr.hi - cr.lo});
          break;
        case Normalization::rank:
        case Normalization::jpd: return std::nullopt;
      }
    }
    Eigen::VectorXd out(n);
    constexpr Eigen::Index block = 512;
    for (Eigen::Index s = 0; s < n; s += block) {
      const Eigen::Index len = std::min(block, n - s);
      double* o = out.data() + s;
      std::fill(o, o + len, offset);
      for (const Affine& t : terms) {
        const double* x = t.x + s;
        for (Eigen::Index i = 0; i < len; ++i) o[i] += t.weight * (t.sign * (x[i] - t.shift) / t.scale);
      }
    }
    return out;
  }

  // NaN in, NaN out.
  void normalize_column(const Eigen::Ref<const Eigen::VectorXd>& x, const Criterion& cr, Eigen::Ref<Eigen::VectorXd> o) const {
    const Eigen::Index n = x.size();
    const bool cost = cr.direction == Direction::cost;
    double mn = std::numeric_limits<double>::infinity(), mx = -mn, sum = 0, sumsq = 0;
    Eigen::Index m = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (std::isnan(x[i])) continue;
      mn = std::min(mn, x[i]);
      mx = std::max(mx, x[i]);
      sum += x[i];
      sumsq += x[i] * x[i];
      ++m;
    }
    switch (normalization) {
      case Normalization::min_max:
        if (mx > mn && cost) o = ((mx - x.array()) / (mx - mn)).matrix();
        else if (mx > mn) o = ((x.array() - mn) / (mx - mn)).matrix();
        else o = x.array().isNaN().select(x.array(), 1.0).matrix();
        break;
      case Normalization::z_score: {
        const double mean = m > 0 ? sum / static_cast<double>(m) : 0;
        double var = 0;
        for (Eigen::Index i = 0; i < n; ++i)
          if (!std::isnan(x[i])) var += (x[i] - mean) * (x[i] - mean);
        const double sd = m > 0 ? std::sqrt(var / static_cast<double>(m)) : 0;
        if (sd > 0) o = ((cost ? -1.0 : 1.0) * (x.array() - mean) / sd).matrix();
        else o = x.array().isNaN().select(x.array(), 0.0).matrix();
        break;
      }
      case Normalization::vector: {
        const double norm = std::sqrt(sumsq);
        if (norm > 0 && cost) o = (1.0 - x.array() / norm).matrix();
        else if (norm > 0) o = (x.array() / norm).matrix();
        else o = x.array().isNaN().select(x.array(), cost ? 1.0 : 0.0).matrix();
        break;
      }
      case Normalization::rank: {
        std::vector<Eigen::Index> idx;
        idx.reserve(static_cast<std::size_t>(m));
        for (Eigen::Index i = 0; i < n; ++i)
          if (!std::isnan(x[i])) idx.push_back(i);
        std::sort(idx.begin(), idx.end(), [&x](Eigen::Index a, Eigen::Index c) { return x[a] < x[c]; });
        o = x;  // NaN stays NaN
        for (std::size_t s = 0; s < idx.size();) {
          std::size_t e = s;
          while (e < idx.size() && x[idx[e]] == x[idx[s]]) ++e;
          const double avg = (static_cast<double>(s) + static_cast<double>(e - 1)) / 2.0;
          const double r = idx.size() > 1 ? avg / static_cast<double>(idx.size() - 1) : 1.0;
          for (std::size_t k = s; k < e; ++k) o[idx[k]] = cost ? 1.0 - r : r;
          s = e;
        }
        break;
      }
      case Normalization::fixed:
        if (cost) o = ((cr.hi - x.array()) / (cr.hi - cr.lo)).matrix();
        else o = ((x.array() - cr.lo) / (cr.hi - cr.lo)).matrix();
        break;
      case Normalization::jpd: o = jpd_scale(x); break;
    }
  }

 public:
  /// JPD's normalization of one column: 100 (x - lo) / (max - lo), lo = min(0,
  /// min x); a column whose max equals lo gives 0. NaN stays NaN.
  [[nodiscard]] static Eigen::VectorXd jpd_scale(const Eigen::Ref<const Eigen::VectorXd>& x) {
    double mn = 0, mx = -std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i])) mn = std::min(mn, x[i]), mx = std::max(mx, x[i]);
    Eigen::VectorXd o(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i)
      o[i] = std::isnan(x[i]) ? x[i] : mx > mn ? 100.0 * (x[i] - mn) / (mx - mn) : 0.0;
    return o;
  }

 private:
  // JPD: scale(sum of benefit terms), divided by scale(sum of cost terms) when
  // there are cost criteria. A zero denominator is an error naming the feature.
  [[nodiscard]] Eigen::VectorXd jpd_combine(const Backlog& b, const Eigen::MatrixXd& norm) const {
    const Eigen::VectorXd w = weights();
    const auto n = static_cast<Eigen::Index>(b.size());
    Eigen::VectorXd pos = Eigen::VectorXd::Zero(n), neg = Eigen::VectorXd::Zero(n);
    bool any_cost = false;
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const auto ci = static_cast<Eigen::Index>(c);
      const bool cost = criteria[c].direction == Direction::cost;
      any_cost = any_cost || cost;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(norm(i, ci))) (cost ? neg : pos)[i] += w[ci] * norm(i, ci);
    }
    Eigen::VectorXd out = jpd_scale(pos);
    if (!any_cost) return out;
    const Eigen::VectorXd den = jpd_scale(neg);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!(den[i] > 0))
        throw error(errc::invalid_value,
                    "JPD weighted score divides by zero: this feature has the lowest value on every cost (negative-weight) criterion",
                    Location{b.id(static_cast<FeatureIndex>(i)), {}, {}, 0, 0});
      out[i] /= den[i];
    }
    return out;
  }
  [[nodiscard]] Eigen::VectorXd combine(const Backlog& b, const Eigen::MatrixXd& norm) const {
    const Eigen::VectorXd w = weights();
    const auto n = static_cast<Eigen::Index>(b.size());
    if (missing != Missing::skip) return norm * w;
    Eigen::VectorXd out(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      double s = 0, ws = 0;
      for (Eigen::Index c = 0; c < norm.cols(); ++c)
        if (!std::isnan(norm(i, c))) {
          s += w[c] * norm(i, c);
          ws += w[c];
        }
      out[i] = ws > 0 ? s / ws : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
  }
};

/// prio::weighted({{"retention", 0.6, prio::Direction::benefit},
///                 {"cost", 0.4, prio::Direction::cost}}, prio::Normalization::min_max)
[[nodiscard]] inline Weighted weighted(std::vector<Criterion> criteria,
                                       Normalization normalization = Normalization::min_max,
                                       Missing missing = Missing::error) {
  return Weighted{std::move(criteria), normalization, missing};
}

}  // namespace v1
}  // namespace prio
