// Private: order statistics of many streams of values in bounded memory, each
// with a bound on its error (prio::simulate's rank and score statistics).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "prio/detail/bit.hpp"
#include "prio/detail/prefetch.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// For each of n streams ("features") and each of three quantile levels: a
/// window of fine bins placed around the level's estimate from a pilot (the
/// first values of the stream, seen whole), the count of values below the
/// window, and the stream's extremes and NaN count. After all values are
/// added, an order statistic is located between the two nearest known
/// cumulative counts: exact when that bracket holds one value, otherwise
/// interpolated in it, with the bracket's extent as its error bound. Memory:
/// n x 3 x bins counters (16-bit when no stream gets more than 65,535
/// values), whatever the number of values.
///
/// Values are counted as 64-bit keys that order them as numbers do (whole
/// numbers offset by 2^63 in integer mode, ranks; otherwise the bits of a
/// double with its sign folded in, -0 as +0). A window is a range of keys;
/// a value's bin is its key's distance from the window's first key, scaled
/// to the bins by a shift and a 32-bit fixed-point product: monotone, so
/// every bin is a range of keys whose edges are found afterwards by
/// bisection, and whether a value falls inside is an integer compare chosen
/// without a branch (a coin toss for the median's window, which the branch
/// predictor loses). Integer mode: a window no wider than `bins` values
/// counts each value exactly. NaN values are the lowest (as in
/// prio::simulate's exact order statistics).
class WindowedQuantiles {
 public:
  static constexpr std::size_t levels = 3;

  /// n streams of `bins` bins per window; no stream will be given more than
  /// `max_values` values (bins count in 16 bits when that fits: half the
  /// memory, and half the traffic of counting, which misses the cache).
  WindowedQuantiles(std::size_t streams, std::size_t bins, bool integer,
                    std::size_t max_values = std::numeric_limits<std::uint32_t>::max())
      : bins_(std::clamp<std::size_t>(bins, 1, std::size_t{1} << 31)), integer_(integer),
        narrow_(narrow(max_values)), from_(streams * levels, 0), span_(streams * levels, 0), scale_(streams * levels, 0),
        shift_(streams * levels, 0), used_(streams * levels, 0), below_(streams * levels, 0),
        count32_(narrow_ ? 0 : streams * levels * bins_, 0), count16_(narrow_ ? streams * levels * bins_ : 0, 0),
        nan_(streams, 0), min_(streams, std::numeric_limits<double>::infinity()),
        max_(streams, -std::numeric_limits<double>::infinity()) {}

  /// Bytes held for `streams` streams of `bins` bins, `max_values` values each at most.
  [[nodiscard]] static std::size_t bytes(std::size_t streams, std::size_t bins,
                                         std::size_t max_values = std::numeric_limits<std::uint32_t>::max()) noexcept {
    const std::size_t counter = narrow(max_values) ? sizeof(std::uint16_t) : sizeof(std::uint32_t);
    return streams * (levels * (bins * counter + 3 * sizeof(std::uint64_t) + sizeof(std::uint8_t) +
                                2 * sizeof(std::uint32_t)) +
                      2 * sizeof(double) + sizeof(std::uint32_t));
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
      used_[j] = 0;  // no window
      if (first == p) continue;
      const double pd = static_cast<double>(p);
      const double margin = 5 * std::sqrt(q[s] * (1 - q[s]) / pd) + 2 / pd;
      const auto at = [&](double level) {
        const double h = std::clamp(level, 0.0, 1.0) * (pd - 1);
        return std::clamp<std::size_t>(static_cast<std::size_t>(h), first, p - 1);
      };
      const double lo = pilot[at(q[s] - margin)] + 0.0;  // + 0.0: -0 as +0
      const double hi = pilot[std::min(p - 1, at(q[s] + margin) + 1)] + 0.0;
      if (!std::isfinite(lo) || !std::isfinite(hi)) continue;
      from_[j] = key(lo);
      span_[j] = key(hi) - from_[j];
      std::uint8_t shift = 0;  // keys per step: span >> shift below 2^32
      while ((span_[j] >> shift) >> 32) ++shift;
      const std::uint64_t steps = (span_[j] >> shift) + 1;  // at most 2^32
      used_[j] = static_cast<std::uint32_t>(std::min<std::uint64_t>(bins_, steps));
      // bin = (steps from the first key x scale) >> 32: below used for every
      // step in the window, and the identity when every step has its bin.
      scale_[j] = (std::uint64_t{used_[j]} << 32) / steps;
      shift_[j] = shift;
    }
  }

  /// Counts value x of stream i. Calls for one stream must not overlap.
  void add(std::size_t i, double x) { add_many(i, &x, 1, 1); }

  /// Counts count values of stream i, x[0], x[stride], ... (calls for one
  /// stream must not overlap): the same counts as add() one by one.
  template <class T>
  void add_many(std::size_t i, const T* x, std::size_t stride, std::size_t count) {
    if (narrow_)
      count_into(count16_.data(), i, x, stride, count);
    else
      count_into(count32_.data(), i, x, stride, count);
  }

  /// The k-th smallest (0-based) of the `total` values of stream i, and a
  /// bound on its distance from the exact value (0: exact).
  [[nodiscard]] std::pair<double, double> order_statistic(std::size_t i, std::size_t k, std::size_t total) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (k < nan_[i]) return {nan, 0.0};
    // The value's key lies in [lo, hi]; c_lo values lie below lo, c_hi up to
    // hi. Start from the extremes and narrow at window edges, where the number
    // of values below is known: an edge e with c values below it puts the
    // value at or above e when c <= k, below e otherwise. Per window the
    // tightest two are the edges of the bin where the count passes k.
    std::uint64_t lo = key(min_[i]), hi = key(max_[i]);
    std::size_t c_lo = nan_[i], c_hi = total;
    auto edge = [&](std::uint64_t e, std::size_t c) {
      if (c <= k) {
        if (e > lo) lo = e, c_lo = c;
      } else if (e - 1 < hi) {  // e > lo >= 0 here, as c > k >= c_lo
        hi = e - 1, c_hi = c;
      }
    };
    for (std::size_t s = 0; s < levels; ++s) {
      const std::size_t j = i * levels + s;
      if (used_[j] == 0) continue;
      const auto cnt = [&](std::uint32_t b) -> std::size_t { return narrow_ ? count16_[j * bins_ + b] : count32_[j * bins_ + b]; };
      std::size_t c = nan_[i] + below_[j];  // NaN is below every window
      std::uint32_t b = 0;
      while (b < used_[j] && c + cnt(b) <= k) c += cnt(b++);
      edge(lower(j, b), c);
      if (b < used_[j]) edge(lower(j, b + 1), c + cnt(b));
    }
    const double vlo = value(lo);
    if (hi <= lo) return {vlo, 0.0};
    const double vhi = value(hi);
    // Interpolate by count inside [vlo, vhi], which holds values c_lo .. c_hi - 1.
    const double f = std::clamp(
        (static_cast<double>(k - c_lo) + 0.5) / static_cast<double>(std::max<std::size_t>(c_hi - c_lo, 1)), 0.0, 1.0);
    const double width = vhi - vlo;
    double est = std::isfinite(width) ? vlo + f * width : vlo * (1 - f) + vhi * f;
    if (integer_) est = std::floor(est + 0.5);
    est = std::clamp(est, vlo, vhi);
    return {est, std::max(est - vlo, vhi - est)};
  }

 private:
  static constexpr std::uint64_t top = std::uint64_t{1} << 63;

  [[nodiscard]] static bool narrow(std::size_t max_values) noexcept { return max_values <= std::numeric_limits<std::uint16_t>::max(); }

  // add_many into counters of type C (all: the first window's).
  template <class C, class T>
  void count_into(C* all, std::size_t i, const T* x, std::size_t stride, std::size_t count) {
    // The stream's windows in locals (no reloads between the stores).
    std::uint64_t from[levels], span[levels], scale[levels];
    std::uint8_t shift[levels];
    std::uint32_t below[levels] = {0, 0, 0};
    C* counts[levels];
    std::size_t on[levels], n_on = 0;
    for (std::size_t s = 0; s < levels; ++s) {
      const std::size_t j = i * levels + s;
      if (used_[j] == 0) continue;
      from[n_on] = from_[j];
      span[n_on] = span_[j];
      scale[n_on] = scale_[j];
      shift[n_on] = shift_[j];
      counts[n_on] = all + j * bins_;
      on[n_on++] = j;
    }
    double lo = min_[i], hi = max_[i];
    std::uint32_t nans = 0;
    // In batches: every slot of a batch is found and prefetched, then they
    // are counted, so that the cache misses on the counters overlap.
    constexpr std::size_t batch = 64;
    C* where[levels * batch];
    // Disjoint: three windows in order that do not overlap (the usual case),
    // so that a value can only fall in the last window whose first key it
    // reaches; one bin is computed per value instead of one per window.
    auto run = [&]<bool Disjoint>() {
      for (std::size_t k0 = 0; k0 < count; k0 += batch) {
        const std::size_t len = std::min(batch, count - k0);
        std::size_t m = 0;
        for (std::size_t k = k0; k < k0 + len; ++k) {
          const auto v = static_cast<double>(x[k * stride]);
          if constexpr (!std::is_integral_v<T>) {
            if (std::isnan(v)) {  // rare: predicted
              ++nans;
              continue;
            }
          }
          lo = std::min(lo, v);
          hi = std::max(hi, v);
          const std::uint64_t kv = key(v);
          // Masks, not ?: (which compilers may turn back into a branch): a
          // value outside its window is written to the list but not kept.
          const auto count_in = [&](std::size_t s) {
            const std::uint64_t d = kv - from[s];  // wraps below the window
            const std::size_t in = d <= span[s] ? 1u : 0u;
            C* c = counts[s] + (bin(d, shift[s], scale[s]) & (std::size_t{0} - in));
            prefetch_for_write(c);
            where[m] = c;
            m += in;
          };
          if constexpr (Disjoint) {
            const std::uint32_t a0 = kv >= from[0] ? 1u : 0u, a1 = kv >= from[1] ? 1u : 0u, a2 = kv >= from[2] ? 1u : 0u;
            below[0] += 1 - a0;
            below[1] += 1 - a1;
            below[2] += 1 - a2;
            count_in(a1 + a2);  // below from[0]: window 0, where d wraps past its span
          } else {
            for (std::size_t s = 0; s < n_on; ++s) {
              below[s] += kv < from[s] ? 1u : 0u;
              count_in(s);
            }
          }
        }
        for (std::size_t k = 0; k < m; ++k) ++*where[k];
      }
    };
    if (n_on == levels && from[0] + span[0] < from[1] && from[1] + span[1] < from[2])  // from + span: the last key, no overflow
      run.template operator()<true>();
    else
      run.template operator()<false>();
    min_[i] = lo;
    max_[i] = hi;
    nan_[i] += nans;
    for (std::size_t s = 0; s < n_on; ++s) below_[on[s]] += below[s];
  }

  // The bin of the key d steps past a window's first key (d within the
  // window): monotone in d. Outside the window the result is meaningless but
  // defined (unsigned arithmetic wraps).
  [[nodiscard]] static std::size_t bin(std::uint64_t d, std::uint8_t shift, std::uint64_t scale) noexcept {
    return static_cast<std::size_t>(((d >> shift) * scale) >> 32);
  }

  // Keys order values as numbers do (not NaN; -0 as +0; whole numbers below
  // 2^63 in magnitude in integer mode), so that "the next value" is key + 1.
  [[nodiscard]] std::uint64_t key(double x) const noexcept {
    return integer_ ? static_cast<std::uint64_t>(static_cast<std::int64_t>(x)) ^ top : order_key(x);
  }
  [[nodiscard]] double value(std::uint64_t k) const noexcept {
    return integer_ ? static_cast<double>(static_cast<std::int64_t>(k ^ top)) : from_order_key(k);
  }

  // The key of the lowest value in bin b of window j (b = used: the key after
  // the window's last value), by bisection over the keys of the window.
  [[nodiscard]] std::uint64_t lower(std::size_t j, std::uint32_t b) const {
    std::uint64_t lo = 0, hi = span_[j] + 1;  // steps from the first key
    while (lo < hi) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      if (bin(mid, shift_[j], scale_[j]) >= b)
        hi = mid;
      else
        lo = mid + 1;
    }
    return from_[j] + lo;
  }

  std::size_t bins_;  // bins per window
  bool integer_;
  bool narrow_;  // 16-bit counters (count16_), else 32-bit (count32_)
  std::vector<std::uint64_t> from_, span_, scale_;  // per (stream, level): the window's first key, last - first, bin scale
  std::vector<std::uint8_t> shift_;
  std::vector<std::uint32_t> used_;  // bins used (0: no window)
  std::vector<std::uint32_t> below_, count32_;
  std::vector<std::uint16_t> count16_;
  std::vector<std::uint32_t> nan_;
  std::vector<double> min_, max_;
};

}  // namespace detail
}  // namespace v1
}  // namespace prio
