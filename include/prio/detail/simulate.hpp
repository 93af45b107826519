// Private helpers of prio/experiment/simulate.hpp: not API, may change in any release.
// A part of prio/experiment/simulate.hpp, included by it after the declarations these helpers
// use: include "prio/experiment/simulate.hpp" instead.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>
#include <unistd.h>

#include "prio/backlog.hpp"
#include "prio/detail/formula.hpp"
#include "prio/detail/math.hpp"
#include "prio/detail/random.hpp"
#include "prio/detail/ranges.hpp"
#include "prio/detail/windowed_quantiles.hpp"
#include "prio/error.hpp"
#include "prio/experiment/calibrate.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/order.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio::inline v1::detail {

/// One uncertain attribute: per-feature parameters of its distribution.
struct UncertainAttribute {
  std::string name;
  Eigen::ArrayXd base;  // the point estimate (NaN when missing)
  Eigen::ArrayXd lo, mode, hi;
  Eigen::ArrayXd a1, a2, fc;  // triangular: (hi-lo)(mode-lo), (hi-lo)(hi-mode), (mode-lo)/(hi-lo)
  Eigen::Array<bool, Eigen::Dynamic, 1> certain;
};

[[nodiscard]] inline std::vector<UncertainAttribute> uncertain_attributes(const Backlog& b, Distribution dist,
                                                                          const std::vector<std::string>* only) {
  std::vector<UncertainAttribute> out;
  const auto n = static_cast<Eigen::Index>(b.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  {  // the rules validate applies: the first problem is thrown
    std::vector<Diagnostic> problems;
    check_ranges(b, problems, /*first_only=*/true);
    if (!problems.empty()) throw problems.front().to_error();
  }
  const std::vector<std::string> names = range_bases(b);
  for (const auto& x : names) {
    if (only && std::find(only->begin(), only->end(), x) == only->end()) continue;
    UncertainAttribute u;
    u.name = x;
    u.base = b.has_attribute(x) ? Eigen::ArrayXd(b.column(x).array()) : Eigen::ArrayXd::Constant(n, nan);
    u.lo = b.column(x + "_lo").array();
    u.hi = b.column(x + "_hi").array();
    u.mode = u.base;
    u.certain.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double lo = u.lo[i], hi = u.hi[i];
      const auto id = b.id(static_cast<FeatureIndex>(i));
      if (std::isnan(lo) && std::isnan(hi)) {
        u.certain[i] = true;
        u.lo[i] = u.hi[i] = u.mode[i] = 0;
        continue;
      }
      double mode = u.base[i];  // check_ranges: both ends, lo <= hi, and lo <= mode <= hi when given
      if ((dist == Distribution::triangular || dist == Distribution::pert) && std::isnan(mode)) mode = (lo + hi) / 2;
      if (dist == Distribution::lognormal && !(lo > 0))
        throw error(errc::invalid_value, "a lognormal range needs " + x + "_lo > 0, got " + fmt_number(lo), Location{id, x + "_lo", {}, 0, 0});
      u.mode[i] = mode;
      u.certain[i] = !(hi > lo);
      if (u.certain[i]) u.base[i] = dist == Distribution::triangular || dist == Distribution::pert ? mode : lo;
    }
    if (dist == Distribution::lognormal) {  // stored as mu (in lo) and sigma (in hi); fc flags certain features
      Eigen::ArrayXd llo(n), lhi(n);
      for (Eigen::Index i = 0; i < n; ++i) {
        llo[i] = u.certain[i] ? 0.0 : detail::log(u.lo[i]);
        lhi[i] = u.certain[i] ? 0.0 : detail::log(u.hi[i]);
      }
      u.lo = (llo + lhi) / 2;
      u.hi = (lhi - llo) / (2 * z95);
      u.fc = u.certain.select(Eigen::ArrayXd::Ones(n), Eigen::ArrayXd::Zero(n));
    } else {
      // Certain features: lo = hi = mode = the value, so every formula returns it.
      u.lo = u.certain.select(u.base, u.lo);
      u.hi = u.certain.select(u.base, u.hi);
      u.mode = u.certain.select(u.base, u.mode);
      const Eigen::ArrayXd w = u.hi - u.lo;
      u.a1 = u.certain.select(Eigen::ArrayXd::Zero(n), w * (u.mode - u.lo));
      u.a2 = u.certain.select(Eigen::ArrayXd::Zero(n), w * (u.hi - u.mode));
      u.fc = u.certain.select(Eigen::ArrayXd::Zero(n), (u.mode - u.lo) / w);
    }
    out.push_back(std::move(u));
  }
  return out;
}

/// out[j * ld + i] = the i-th next uniform of gens[j], for i < n and j <
/// lanes: each stream gives exactly the values it would give alone, but the
/// independent streams are stepped side by side for instruction-level parallelism.
inline void fill_uniforms(Xoshiro256* gens, std::size_t lanes, double* out, Eigen::Index ld, Eigen::Index n) {
  if (lanes == 1) {
    Xoshiro256 g = gens[0];
    for (Eigen::Index i = 0; i < n; ++i) out[i] = g.uniform();
    gens[0] = g;
    return;
  }
  for (std::size_t j0 = 0; j0 < lanes; j0 += 4) {
    const std::size_t k = std::min<std::size_t>(4, lanes - j0);
    if (k < 4) {
      for (std::size_t j = j0; j < lanes; ++j) fill_uniforms(gens + j, 1, out + static_cast<Eigen::Index>(j) * ld, ld, n);
      break;
    }
    Xoshiro256 g0 = gens[j0], g1 = gens[j0 + 1], g2 = gens[j0 + 2], g3 = gens[j0 + 3];
    double* o0 = out + static_cast<Eigen::Index>(j0) * ld;
    double* o1 = o0 + ld;
    double* o2 = o1 + ld;
    double* o3 = o2 + ld;
    for (Eigen::Index i = 0; i < n; ++i) {
      o0[i] = g0.uniform();
      o1[i] = g1.uniform();
      o2[i] = g2.uniform();
      o3[i] = g3.uniform();
    }
    gens[j0] = g0;
    gens[j0 + 1] = g1;
    gens[j0 + 2] = g2;
    gens[j0 + 3] = g3;
  }
}

/// Fills column j of m with draws of u from the draw's stream. Written as
/// plain loops (which compilers vectorize) around Eigen's packet sqrt:
/// Eigen's select() on bool arrays is not vectorized. Lognormal draws use
/// prio's own log, cos and exp (detail/math.hpp), not Eigen's packet
/// versions, so they are the same bits on every platform.
/// With `drawn`, u1 (and for lognormal u2) already hold the stream's uniforms.
inline void draw_column(const UncertainAttribute& u, Distribution dist, Xoshiro256& g, Eigen::Ref<Eigen::ArrayXd> m,
                        Eigen::Ref<Eigen::ArrayXd> u1, Eigen::Ref<Eigen::ArrayXd> u2, bool drawn = false) {
  const Eigen::Index n = m.size();
  double* __restrict out = m.data();
  double* __restrict x = u1.data();
  double* __restrict y = u2.data();
  const double* __restrict lo = u.lo.data();
  const double* __restrict hi = u.hi.data();
  const double* __restrict fc = u.fc.data();
  const double* __restrict a1 = u.a1.data();
  const double* __restrict a2 = u.a2.data();
  if (dist != Distribution::pert && !drawn) fill_uniforms(&g, 1, x, n, n);
  switch (dist) {
    case Distribution::triangular:
      // Certain features have lo = hi = the value and a1 = a2 = fc = 0: the
      // formula returns the value itself (NaN stays NaN).
      // Both sides computed and blended with t in {0, 1} (exact for finite
      // values): branch-free, so the compiler vectorizes it even under
      // -ftrapping-math, and no mispredictions (the branch is a coin flip).
      for (Eigen::Index i = 0; i < n; ++i) {
        const double t = static_cast<double>(x[i] < fc[i]);
        y[i] = t * (x[i] * a1[i]) + (1 - t) * ((1 - x[i]) * a2[i]);
      }
      u2 = u2.sqrt();
      for (Eigen::Index i = 0; i < n; ++i) {
        const double t = static_cast<double>(x[i] < fc[i]);
        out[i] = t * (lo[i] + y[i]) + (1 - t) * (hi[i] - y[i]);
      }
      break;
    case Distribution::uniform:
      for (Eigen::Index i = 0; i < n; ++i) out[i] = lo[i] + x[i] * (hi[i] - lo[i]);
      break;
    case Distribution::lognormal: {
      if (!drawn) fill_uniforms(&g, 1, y, n, n);
      const double* base = u.base.data();
      const double* certain = u.fc.data();  // 1 for certain features (lognormal keeps its flag here)
      for (Eigen::Index i = 0; i < n; ++i)
        out[i] = certain[i] != 0 ? base[i] : detail::exp(lo[i] + hi[i] * normal_from(x[i], y[i]));
      break;
    }
    case Distribution::pert:
      for (Eigen::Index i = 0; i < n; ++i) out[i] = u.certain[i] ? u.base[i] : pert_deviate(g, u.lo[i], u.mode[i], u.hi[i]);
      break;
  }
}

/// The lo, median and hi order statistics (0-based ks, lo <= med <= hi) of
/// count values (plain < order): one nth_element for the median, then each side.
template <class T>
void order_statistics(T* first, std::size_t count, std::size_t lo, std::size_t med, std::size_t hi, T& out_lo, T& out_med,
                      T& out_hi) {
  T* m = first + static_cast<std::ptrdiff_t>(med);
  T* last = first + static_cast<std::ptrdiff_t>(count);
  std::nth_element(first, m, last);
  out_med = *m;
  T* l = first + static_cast<std::ptrdiff_t>(lo);
  if (lo < med) std::nth_element(first, l, m);
  out_lo = *l;
  T* h = first + static_cast<std::ptrdiff_t>(hi);
  if (hi > med) std::nth_element(m + 1, h, last);
  out_hi = *h;
}

/// order_statistics of count ranks, as doubles.
inline void rank_order_statistics(std::uint32_t* first, std::size_t count, std::size_t lo, std::size_t med, std::size_t hi,
                                  double& out_lo, double& out_med, double& out_hi) {
  std::uint32_t a = 0, b = 0, c = 0;
  order_statistics(first, count, lo, med, hi, a, b, c);
  out_lo = a, out_med = b, out_hi = c;
}

/// order_statistics of count scores, NaN lowest, selected among their order
/// keys (integer compares; keys is scratch space). Equal values give the
/// same result whichever of them is selected (-0 counts as +0).
inline void score_order_statistics(const double* x, std::size_t count, std::size_t lo, std::size_t med, std::size_t hi,
                                   std::vector<std::uint64_t>& keys, double& out_lo, double& out_med, double& out_hi) {
  keys.resize(count);
  for (std::size_t i = 0; i < count; ++i) keys[i] = std::isnan(x[i]) ? 0 : order_key(x[i]);  // order_key(-inf) > 0
  std::uint64_t a = 0, b = 0, c = 0;
  order_statistics(keys.data(), count, lo, med, hi, a, b, c);
  const auto value = [](std::uint64_t k) { return k == 0 ? std::numeric_limits<double>::quiet_NaN() : from_order_key(k); };
  out_lo = value(a), out_med = value(b), out_hi = value(c);
}

/// The lo, median and hi order statistics (0-based ks, lo <= med <= hi) of
/// a feature's ranks from its rank counts: counts[t * n * n + r] draws of
/// thread t gave it rank r + 1 (r < n). The same values as
/// rank_order_statistics over every rank.
inline void rank_histogram_statistics(const std::uint32_t* counts, std::size_t n, std::size_t threads, std::size_t lo,
                                      std::size_t med, std::size_t hi, double& out_lo, double& out_med, double& out_hi) {
  double* out[3] = {&out_lo, &out_med, &out_hi};
  const std::size_t ks[3] = {lo, med, hi};
  std::size_t below = 0, s = 0;  // ranks 1 .. r counted so far
  for (std::size_t r = 0; r < n && s < 3; ++r) {
    for (std::size_t t = 0; t < threads; ++t) below += counts[t * n * n + r];
    for (; s < 3 && ks[s] < below; ++s) *out[s] = static_cast<double>(r + 1);
  }
}

/// simulate's largest buffers. A call returns them to a small process-wide
/// pool (up to `pooled` sets of up to `kept_bytes` each) and the next call
/// takes them from it: a sweep of many small simulations then allocates
/// nothing per call. That matters where glibc hands freed memory straight back
/// to the kernel (a low MALLOC_TRIM_THRESHOLD_, as Dask's workers are
/// started with): each call otherwise faulted every page of its buffers in
/// again, ~13% of a 200-feature simulation's time. A pool rather than a
/// per-thread cache, because bindings run each simulation on a thread of its own.
struct SimulateBuffers {
  static constexpr std::size_t kept_bytes = std::size_t{16} << 20;
  static constexpr std::size_t pooled = 4;
  std::vector<double> scores;              // stored scores (exact statistics, or the pilot)
  std::vector<std::uint32_t> ranks;        // stored ranks
  std::vector<std::uint32_t> rank_counts;  // per thread, feature and rank
  std::vector<double> work;                // a run on one thread: its matrices of draws and chunk of scores
  std::vector<std::uint32_t> local_ranks;  // a run on one thread: its chunk of ranks

  /// A set from the pool (empty buffers when the pool is empty).
  [[nodiscard]] static SimulateBuffers take() {
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    if (p.sets.empty()) return {};
    SimulateBuffers b = std::move(p.sets.back());
    p.sets.pop_back();
    return b;
  }
  /// Returns a set to the pool when it is small enough and the pool not full.
  static void keep(SimulateBuffers&& b) {
    const std::size_t bytes = (b.scores.capacity() + b.work.capacity()) * sizeof(double) +
                              (b.ranks.capacity() + b.rank_counts.capacity() + b.local_ranks.capacity()) * sizeof(std::uint32_t);
    if (bytes > kept_bytes) return;
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    if (p.sets.size() < pooled) p.sets.push_back(std::move(b));
  }

 private:
  struct Pool {
    std::mutex mutex;
    std::vector<SimulateBuffers> sets;
  };
  static Pool& pool() {
    static Pool p;
    return p;
  }
};

class Progress {
 public:
  Progress(bool enabled, std::size_t total) : total_(total), start_(std::chrono::steady_clock::now()) {
#ifdef PRIO_HAS_ISATTY
    enabled_ = enabled && isatty(2) == 1;
#else
    enabled_ = false;
    (void)enabled;
#endif
  }
  void advance(std::size_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1)) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || (shown_ && now - last_ < std::chrono::milliseconds(200))) return;
    last_ = now;
    shown_ = true;
    print(done);
  }
  void finish() {
    if (!shown_) return;
    print(total_);
    std::fputc('\n', stderr);
  }

 private:
  void print(std::size_t done) const {
    constexpr int width = 30;
    const double f = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
    const int filled = static_cast<int>(f * width);
    std::fprintf(stderr, "\rsimulate [%.*s%*s] %zu/%zu draws", filled, "##############################", width - filled, "", done, total_);
    std::fflush(stderr);
  }
  std::size_t total_;
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mutex_;
  bool enabled_ = false, shown_ = false;
};

}  // namespace prio::inline v1::detail
