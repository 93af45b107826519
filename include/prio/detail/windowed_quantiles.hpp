// Private: order statistics of many streams of values in bounded memory, each
// with a bound on its error (prio::simulate's rank and score statistics).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "prio/detail/prefetch.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// For each of n streams ("features") and each of three quantile levels: a
/// window of fine bins placed around the level's estimate from a pilot (the
/// first values of the stream, seen whole), the count of values below the
/// window, and the stream's extremes and NaN count. After all values are
/// added, an order statistic is located between the two nearest known
/// cumulative counts: exact when that bracket holds one value (a bin of width
/// 1 on integer values, or a bin of equal values), otherwise interpolated in
/// it, with the bracket's extent as its error bound. Memory: n x 3 x (bins + 4)
/// counters, whatever the number of values.
///
/// Integer mode (ranks): values are whole numbers, bins have a whole width, so
/// a window no wider than `bins` values counts each value exactly. NaN values
/// are the lowest (as in prio::simulate's exact order statistics).
class WindowedQuantiles {
 public:
  static constexpr std::size_t levels = 3;

  WindowedQuantiles(std::size_t streams, std::size_t bins, bool integer)
      : bins_(std::max<std::size_t>(bins, 1)), integer_(integer), a_(streams * levels, 0.0), w_(streams * levels, -1.0),
        end_(streams * levels, 0.0), used_(streams * levels, 0), below_(streams * levels, 0), count_(streams * levels * bins_, 0),
        nan_(streams, 0), min_(streams, std::numeric_limits<double>::infinity()), max_(streams, -std::numeric_limits<double>::infinity()) {}

  /// Bytes held for `streams` streams of `bins` bins.
  [[nodiscard]] static std::size_t bytes(std::size_t streams, std::size_t bins) noexcept {
    return streams * (levels * (bins * sizeof(std::uint32_t) + 3 * sizeof(double) + 2 * sizeof(std::uint32_t)) + 2 * sizeof(double) +
                      sizeof(std::uint32_t));
  }

  /// Places stream i's windows from its pilot values (any order; sorted in
  /// place, NaN first) for the levels q[0..2] (fractions in [0, 1]): each
  /// window spans the pilot's quantiles q -/+ (5 standard errors + 2 / pilot
  /// size), so the level's order statistic of the whole stream falls outside
  /// it with probability below 10^-6. Does not count the pilot values (add them).
  void place(std::size_t i, double* pilot, std::size_t p, const double (&q)[levels]) {
    std::sort(pilot, pilot + p, [](double x, double y) { return std::isnan(x) ? !std::isnan(y) : (!std::isnan(y) && x < y); });
    std::size_t first = 0;  // first non-NaN
    while (first < p && std::isnan(pilot[first])) ++first;
    for (std::size_t s = 0; s < levels; ++s) {
      const std::size_t j = i * levels + s;
      w_[j] = -1;  // no window
      if (first == p) continue;
      const double pd = static_cast<double>(p);
      const double margin = 5 * std::sqrt(q[s] * (1 - q[s]) / pd) + 2 / pd;
      const auto at = [&](double level) {
        const double h = std::clamp(level, 0.0, 1.0) * (pd - 1);
        return std::clamp<std::size_t>(static_cast<std::size_t>(h), first, p - 1);
      };
      const double lo = pilot[at(q[s] - margin)];
      const double hi = pilot[std::min(p - 1, at(q[s] + margin) + 1)];
      if (!std::isfinite(lo) || !std::isfinite(hi)) continue;
      a_[j] = lo;
      if (integer_) {
        const double span = hi - lo + 1;
        const double w = std::ceil(span / static_cast<double>(bins_));
        const double used = std::ceil(span / w);
        w_[j] = w;
        used_[j] = static_cast<std::uint32_t>(used);
        end_[j] = lo + used * w - 1;
      } else {
        w_[j] = (hi - lo) / static_cast<double>(bins_);
        used_[j] = static_cast<std::uint32_t>(hi > lo ? bins_ : 1);
        end_[j] = hi;
      }
    }
  }

  /// Counts value x of stream i. Calls for one stream must not overlap.
  void add(std::size_t i, double x) { add_many(i, &x, 1, 1); }

  /// Counts count values of stream i, x[0], x[stride], ... (calls for one
  /// stream must not overlap). The same counts as add() one by one, but the
  /// bins are found first and prefetched together, so their cache misses
  /// overlap instead of following one another.
  template <class T>
  void add_many(std::size_t i, const T* x, std::size_t stride, std::size_t count) {
    constexpr std::size_t batch = 128;
    std::uint32_t* where[levels * batch];
    // The stream's windows in locals (no reloads between the stores).
    double a[levels], end[levels];
    bool on[levels];
    for (std::size_t s = 0; s < levels; ++s) {
      a[s] = a_[i * levels + s];
      end[s] = end_[i * levels + s];
      on[s] = w_[i * levels + s] >= 0;
    }
    std::uint32_t below[levels] = {0, 0, 0}, nans = 0;
    for (std::size_t k0 = 0; k0 < count; k0 += batch) {
      const std::size_t len = std::min(batch, count - k0);
      std::size_t m = 0;
      double lo = min_[i], hi = max_[i];
      for (std::size_t k = k0; k < k0 + len; ++k) {
        const auto v = static_cast<double>(x[k * stride]);
        if (std::isnan(v)) {
          ++nans;
          continue;
        }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        for (std::size_t s = 0; s < levels; ++s) {
          if (!on[s] || v > end[s]) continue;
          if (v < a[s]) {
            ++below[s];
            continue;
          }
          const std::size_t j = i * levels + s;
          std::uint32_t* c = count_.data() + j * bins_ + bin(j, v);
          prefetch_for_write(c);
          where[m++] = c;
        }
      }
      min_[i] = lo;
      max_[i] = hi;
      for (std::size_t k = 0; k < m; ++k) ++*where[k];
    }
    nan_[i] += nans;
    for (std::size_t s = 0; s < levels; ++s) below_[i * levels + s] += below[s];
  }

  /// The k-th smallest (0-based) of the `total` values of stream i, and a
  /// bound on its distance from the exact value (0: exact).
  [[nodiscard]] std::pair<double, double> order_statistic(std::size_t i, std::size_t k, std::size_t total) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (k < nan_[i]) return {nan, 0.0};
    // The value v is >= every edge e with #{x < e} <= k, and below every
    // edge with #{x < e} > k. Start from the extremes.
    double lo = min_[i], hi = max_[i];
    std::size_t c_lo = nan_[i], c_hi = total;  // values below lo; values up to hi
    bool hi_open = false;                       // v < hi (rather than v <= hi)
    auto edge = [&](double e, std::size_t below, bool open) {
      if (below <= k) {
        // v >= e; past a closed edge (#{x <= e} <= k) v > e: whole numbers start at e + 1.
        const double from = !open && integer_ ? e + 1 : e;
        if (from > lo) lo = from, c_lo = below;
      } else if (e < hi || (e == hi && open && !hi_open)) {
        hi = e, c_hi = below, hi_open = open;
      }
    };
    for (std::size_t s = 0; s < levels; ++s) {
      const std::size_t j = i * levels + s;
      if (w_[j] < 0) continue;
      std::size_t c = nan_[i] + below_[j];  // NaN is below every window
      edge(a_[j], c, true);
      const std::uint32_t* cnt = count_.data() + j * bins_;
      for (std::uint32_t b = 0; b < used_[j]; ++b) {
        c += cnt[b];
        if (b + 1 < used_[j]) edge(lower(j, b + 1), c, true);
      }
      edge(end_[j], c, false);  // #{x <= end}: v <= end when more than k
    }
    if (integer_ && hi_open) hi -= 1;  // whole numbers below hi
    if (!(hi > lo)) return {lo, 0.0};
    // Interpolate by count inside [lo, hi], which holds values c_lo .. c_hi - 1.
    const double f = (static_cast<double>(k - c_lo) + 0.5) / static_cast<double>(std::max<std::size_t>(c_hi - c_lo, 1));
    double est = lo + std::clamp(f, 0.0, 1.0) * (hi - lo);
    if (integer_) est = std::floor(est + 0.5);
    return {est, std::max(est - lo, hi - est)};
  }

 private:
  // Lower edge of bin b of window j.
  [[nodiscard]] double lower(std::size_t j, std::size_t b) const { return a_[j] + static_cast<double>(b) * w_[j]; }

  [[nodiscard]] std::size_t bin(std::size_t j, double x) const {
    if (integer_) return static_cast<std::size_t>((x - a_[j]) / w_[j]);  // whole numbers below 2^53: exact
    if (!(w_[j] > 0)) return 0;
    auto b = static_cast<std::size_t>(std::min((x - a_[j]) / w_[j], static_cast<double>(used_[j] - 1)));
    // Agree with lower() bit for bit, whatever the rounding of the division.
    while (b > 0 && x < lower(j, b)) --b;
    while (b + 1 < used_[j] && x >= lower(j, b + 1)) ++b;
    return b;
  }

  std::size_t bins_;
  bool integer_;
  std::vector<double> a_, w_, end_;  // per (stream, level): first value, bin width (< 0: no window), last value inside
  std::vector<std::uint32_t> used_, below_, count_;
  std::vector<std::uint32_t> nan_;
  std::vector<double> min_, max_;
};

}  // namespace detail
}  // namespace v1
}  // namespace prio
