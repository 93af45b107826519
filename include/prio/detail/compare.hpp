// Private helpers of prio/experiment/compare.hpp: not API, may change in any release.
// Include "prio/experiment/compare.hpp" instead.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <functional>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/error.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio::inline v1::detail {

/// Keys whose ascending order is the ranking order; equal keys are ties.
using RankKeys = std::vector<std::uint64_t>;

[[nodiscard]] inline RankKeys keys_of(const std::vector<FeatureIndex>& ranking) {
  RankKeys k(ranking.size(), ~std::uint64_t{0});
  for (std::size_t p = 0; p < ranking.size(); ++p) {
    const FeatureIndex f = ranking[p];
    if (f >= ranking.size() || k[f] != ~std::uint64_t{0})
      throw error(errc::invalid_argument, "a ranking must hold each feature index 0..n-1 exactly once (index " +
                                              std::to_string(f) + " at position " + std::to_string(p) + ")");
    k[f] = p;
  }
  return k;
}

[[nodiscard]] inline RankKeys keys_of(const Eigen::Ref<const Eigen::VectorXd>& v) {
  RankKeys k(static_cast<std::size_t>(v.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) k[static_cast<std::size_t>(i)] = rank_key(v[i]);
  return k;
}

/// Dense keys in ranking order (tier first, then value); equal tier and value tie.
/// `r` is rank(s), when the caller has it already.
[[nodiscard]] inline RankKeys keys_of(const Scores& s, const std::vector<FeatureIndex>& r) {
  RankKeys k(r.size());
  std::uint64_t dense = 0;
  for (std::size_t p = 0; p < r.size(); ++p) {
    if (p > 0 && (s.tier(r[p]) != s.tier(r[p - 1]) || rank_key(s[r[p]]) != rank_key(s[r[p - 1]]))) ++dense;
    k[r[p]] = dense;
  }
  return k;
}
[[nodiscard]] inline RankKeys keys_of(const Scores& s) { return keys_of(s, rank(s)); }

/// A ranking (best first) from keys: ascending key, then index.
[[nodiscard]] inline std::vector<FeatureIndex> ranking_of(const RankKeys& k) {
  std::vector<FeatureIndex> r(k.size());
  std::iota(r.begin(), r.end(), FeatureIndex{0});
  std::stable_sort(r.begin(), r.end(), [&k](FeatureIndex a, FeatureIndex b) { return k[a] < k[b]; });
  return r;
}
[[nodiscard]] inline std::vector<FeatureIndex> ranking_of(const Eigen::Ref<const Eigen::VectorXd>& v) {
  return ranking_of(keys_of(v));
}
/// The ranking every rank metric uses for Scores: tier, then value, then
/// index, the rule plain vectors (which carry no ids) and rater matrices
/// follow too, so a metric gives the same number on Scores and on their values.
[[nodiscard]] inline std::vector<FeatureIndex> ranking_of(const Scores& s) { return ranking_of(keys_of(s)); }
[[nodiscard]] inline const std::vector<FeatureIndex>& ranking_of(const std::vector<FeatureIndex>& r) { return r; }

inline void check_same_size(std::size_t a, std::size_t b, const char* what) {
  if (a != b)
    throw error(errc::size_mismatch, std::string(what) + " needs two rankings of the same features (" + std::to_string(a) +
                                         " vs " + std::to_string(b) + " entries)");
}

/// Sum over runs of equal values of t (t - 1) / 2, for sorted input.
template <class It>
[[nodiscard]] double tied_pairs(It first, It last) {
  double s = 0;
  while (first != last) {
    It run = first;
    while (run != last && *run == *first) ++run;
    const auto t = static_cast<double>(run - first);
    s += t * (t - 1) / 2;
    first = run;
  }
  return s;
}

/// Kendall's tau-b by Knight's O(n log n) algorithm (Knight 1966, JASA 61).
[[nodiscard]] inline double kendall_tau_b(const RankKeys& x, const RankKeys& y) {
  check_same_size(x.size(), y.size(), "kendall_tau");
  const std::size_t n = x.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<std::uint64_t, std::uint64_t>> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = {x[i], y[i]};
  std::sort(p.begin(), p.end());
  // Ties in x, and joint ties in (x, y).
  double n1 = 0, n3 = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && p[j].first == p[i].first) ++j;
    const auto t = static_cast<double>(j - i);
    n1 += t * (t - 1) / 2;
    for (std::size_t a = i; a < j;) {
      std::size_t b = a;
      while (b < j && p[b].second == p[a].second) ++b;
      const auto u = static_cast<double>(b - a);
      n3 += u * (u - 1) / 2;
      a = b;
    }
    i = j;
  }
  // Merge sort by y, counting exchanges (discordant pairs).
  std::vector<std::uint64_t> ys(n), tmp(n);
  for (std::size_t i = 0; i < n; ++i) ys[i] = p[i].second;
  double swaps = 0;
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (ys[j] < ys[i]) {
          swaps += static_cast<double>(mid - i);
          tmp[k++] = ys[j++];
        } else {
          tmp[k++] = ys[i++];
        }
      }
      while (i < mid) tmp[k++] = ys[i++];
      while (j < hi) tmp[k++] = ys[j++];
    }
    ys.swap(tmp);
  }
  const double n2 = tied_pairs(ys.begin(), ys.end());
  const double n0 = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  const double s = n0 - n1 - n2 + n3 - 2 * swaps;
  const double den = std::sqrt((n0 - n1) * (n0 - n2));
  return den > 0 ? s / den : std::numeric_limits<double>::quiet_NaN();
}

/// Average ranks, the one helper behind Spearman, the footrule, Borda and
/// Kendall's W: the n items in ascending order by `less` (stable: equal
/// items keep index order), places 1..n, and each run of items `same` as
/// its first gets the mean of its places, written by put(i, rank). Returns
/// the tie term, the sum over runs of t^3 - t. O(n log n).
template <class Less, class Same, class Put>
double average_ranks(std::size_t n, Less&& less, Same&& same, Put&& put) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), less);
  double ties = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && same(idx[j], idx[i])) ++j;
    const double avg = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t t = i; t < j; ++t) put(idx[t], avg);
    const auto t = static_cast<double>(j - i);
    ties += t * t * t - t;
    i = j;
  }
  return ties;
}

/// Average ranks over rank keys (1 = best, the smallest key).
[[nodiscard]] inline std::vector<double> average_ranks(const RankKeys& k) {
  std::vector<double> out(k.size());
  (void)average_ranks(
      k.size(), [&k](std::size_t a, std::size_t b) { return k[a] < k[b]; },
      [&k](std::size_t a, std::size_t b) { return k[a] == k[b]; }, [&out](std::size_t i, double r) { out[i] = r; });
  return out;
}

[[nodiscard]] inline double spearman_rho(const RankKeys& x, const RankKeys& y) {
  check_same_size(x.size(), y.size(), "spearman");
  const std::vector<double> rx = average_ranks(x), ry = average_ranks(y);
  const auto n = static_cast<Eigen::Index>(rx.size());
  const Eigen::Map<const Eigen::ArrayXd> a(rx.data(), n), b(ry.data(), n);
  const Eigen::ArrayXd da = a - a.mean(), db = b - b.mean();
  const double den = std::sqrt((da * da).sum() * (db * db).sum());
  return den > 0 ? (da * db).sum() / den : std::numeric_limits<double>::quiet_NaN();
}

[[nodiscard]] inline double footrule_distance(const RankKeys& x, const RankKeys& y) {
  check_same_size(x.size(), y.size(), "footrule");
  const std::vector<double> rx = average_ranks(x), ry = average_ranks(y);
  const auto n = static_cast<double>(rx.size());
  double f = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) f += std::abs(rx[i] - ry[i]);
  const double max = std::floor(n * n / 2);
  return max > 0 ? f / max : 0.0;
}

}  // namespace prio::inline v1::detail
