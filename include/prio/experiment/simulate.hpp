// Monte Carlo rank stability: draw uncertain estimates, score, rank, repeat.
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

#if __has_include(<unistd.h>)
#include <unistd.h>
#define PRIO_HAS_ISATTY 1
#endif

#include "prio/backlog.hpp"
#include "prio/detail/formula.hpp"
#include "prio/detail/math.hpp"
#include "prio/detail/random.hpp"
#include "prio/error.hpp"
#include "prio/experiment/calibrate.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/order.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// How an uncertain attribute x (columns x_lo and x_hi beside x) is drawn:
/// - triangular: on [x_lo, x_hi] with mode x (default);
/// - uniform:    on [x_lo, x_hi];
/// - pert:       Beta-PERT on [x_lo, x_hi] with mode x (lambda 4);
/// - lognormal:  x_lo and x_hi are its 5th and 95th percentiles (both > 0).
/// For triangular and PERT a missing x means the midpoint.
enum class Distribution : std::uint8_t { triangular, uniform, pert, lognormal };

[[nodiscard]] constexpr std::string_view to_string(Distribution d) noexcept {
  switch (d) {
    case Distribution::triangular: return "triangular";
    case Distribution::uniform: return "uniform";
    case Distribution::pert: return "pert";
    case Distribution::lognormal: return "lognormal";
  }
  return "";
}

struct SimulationOptions {
  std::size_t draws = 10000;
  std::uint64_t seed = 0;
  std::size_t top_k = 10;
  Distribution distribution = Distribution::triangular;
  double interval = 0.9;  ///< central probability of the rank and score intervals
  unsigned threads = 0;   ///< 0: one per hardware thread; the result does not depend on it
  bool rank_stats = true;   ///< median rank and rank interval (stores 4 bytes per draw and feature)
  bool score_stats = true;  ///< score quantiles (stores 8 bytes per draw and feature)
  bool progress = true;     ///< progress bar on stderr when it is a terminal and the run takes > 1 s
  std::size_t memory_limit = std::size_t{2} << 30;  ///< bytes for the stored draws; more is an error
  Orderer order;  ///< optional: turns each draw's scores into an order (e.g. respecting dependencies); must be thread-safe
  /// Optional: the team's track record (prio::calibrate). Features with no
  /// range on its estimate attribute x are drawn as x R, R ~ LN(mu, sigma) of
  /// their group (prio::apply_calibration). Needs Distribution::lognormal.
  std::optional<Calibration> calibration;
  std::vector<std::string> calibration_groups;  ///< one group label per feature, or empty: the overall fit
  /// Optional: called from the worker threads after each block of draws with
  /// (draws done, draws in total); returning false cancels the run, which
  /// then throws prio::error (invalid_argument, "simulate: cancelled"). Must
  /// be thread-safe and quick (a binding polls a flag here, e.g. for Ctrl-C).
  std::function<bool(std::size_t, std::size_t)> on_progress;
};

/// Result of prio::simulate; vectors are aligned with the backlog. Ranks are
/// 1-based (1 = first). Quantiles are order statistics of the draws (the
/// ceil(q x draws)-th smallest). Fields switched off in the options are NaN.
struct Simulation {
  std::string strategy;
  std::vector<std::string> uncertain;  ///< attributes drawn (those with x_lo and x_hi columns)
  Distribution distribution = Distribution::triangular;
  std::size_t draws = 0;
  std::uint64_t seed = 0;
  std::size_t top_k = 0;
  double interval = 0.9;
  std::vector<FeatureIndex> ranking;  ///< the deterministic ranking of the point estimates
  Eigen::VectorXd p_top_k;            ///< share of draws with the feature in the top k
  Eigen::VectorXd median_rank, rank_lo, rank_hi;
  Eigen::VectorXd score_median, score_lo, score_hi;

  /// Monte Carlo standard error of p_top_k[i]: sqrt(p (1 - p) / draws).
  [[nodiscard]] double standard_error(FeatureIndex i) const {
    const double p = p_top_k[static_cast<Eigen::Index>(i)];
    return draws > 0 ? std::sqrt(p * (1 - p) / static_cast<double>(draws)) : 0.0;
  }
};

namespace detail {

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
  std::vector<std::string> names;
  for (const auto& a : b.attributes()) {
    for (const char* suffix : {"_lo", "_hi"}) {
      const std::string_view sv(a), sf(suffix);
      if (sv.size() <= sf.size() || sv.substr(sv.size() - sf.size()) != sf) continue;
      const std::string x(sv.substr(0, sv.size() - sf.size()));
      const std::string other = x + (sf == "_lo" ? "_hi" : "_lo");
      if (!b.has_attribute(other))
        throw error(errc::invalid_argument, "the backlog has " + a + " but no " + other + " (an uncertain attribute needs both)",
                    Location{{}, other, {}, 0, 0});
      if (sf == "_lo" && std::find(names.begin(), names.end(), x) == names.end()) names.push_back(x);
    }
  }
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
      if (std::isnan(lo) || std::isnan(hi))
        throw error(errc::missing_value, "an uncertain value needs both ends of its range", Location{id, x + (std::isnan(lo) ? "_lo" : "_hi"), {}, 0, 0});
      if (lo > hi)
        throw error(errc::invalid_value, "range end " + fmt_number(lo) + " is above " + x + "_hi " + fmt_number(hi), Location{id, x + "_lo", {}, 0, 0});
      double mode = u.base[i];
      if (dist == Distribution::triangular || dist == Distribution::pert) {
        if (std::isnan(mode)) mode = (lo + hi) / 2;
        if (mode < lo || mode > hi)
          throw error(errc::invalid_value, "the estimate " + fmt_number(mode) + " lies outside its range [" + fmt_number(lo) + ", " + fmt_number(hi) + "]",
                      Location{id, x, {}, 0, 0});
      }
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
/// count values, NaN lowest: one nth_element for the median, then each side.
template <class T>
void order_statistics(T* first, std::size_t count, std::size_t lo, std::size_t med, std::size_t hi, double& out_lo,
                      double& out_med, double& out_hi) {
  auto less = [](T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a)) return !std::isnan(b);
      if (std::isnan(b)) return false;
    }
    return a < b;
  };
  T* m = first + static_cast<std::ptrdiff_t>(med);
  T* last = first + static_cast<std::ptrdiff_t>(count);
  std::nth_element(first, m, last, less);
  out_med = static_cast<double>(*m);
  T* l = first + static_cast<std::ptrdiff_t>(lo);
  if (lo < med) std::nth_element(first, l, m, less);
  out_lo = static_cast<double>(*l);
  T* h = first + static_cast<std::ptrdiff_t>(hi);
  if (hi > med) std::nth_element(m + 1, h, last, less);
  out_hi = static_cast<double>(*h);
}

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

}  // namespace detail

/// Monte Carlo rank stability: draws every uncertain attribute (x with x_lo
/// and x_hi columns) `draws` times, scores each draw with the strategy, ranks
/// it (or orders it with options.order) and summarizes per feature. The
/// result depends only on the inputs and the seed, not on the thread count.
/// Throws prio::error for bad ranges (naming feature and field), what the
/// strategy throws, and invalid_argument when the stored draws would exceed
/// options.memory_limit. O(draws x (n x uncertain attributes + ranking)).
/// Draws are generated as matrices (features x a block of draws) and each
/// draw is scored by the strategy itself, so it scores exactly as prio::score
/// does. RICE, ICE and WSJF passed as their own types draw only the
/// attributes their formula reads; any other strategy draws all of them.
template <class S>
  requires ScoringModel<S>
[[nodiscard]] Simulation simulate(const Backlog& backlog, const S& strategy, const SimulationOptions& options = {}) {
  if (options.calibration) {
    if (options.distribution != Distribution::lognormal)
      throw error(errc::invalid_argument, "simulate: a calibration draws lognormal ratios; use Distribution::lognormal");
    SimulationOptions rest = options;
    rest.calibration.reset();
    const auto* groups = options.calibration_groups.empty() ? nullptr : &options.calibration_groups;
    return simulate(apply_calibration(backlog, *options.calibration, groups), strategy, rest);
  }
  constexpr bool formula = requires(const S& s) {
    { detail::FormulaAccess::spec(s) } -> std::convertible_to<detail::FormulaSpec>;
  };
  const std::size_t n = backlog.size();
  const std::size_t draws = options.draws;
  if (draws == 0) throw error(errc::invalid_argument, "simulate needs at least one draw");
  if (!(options.interval > 0 && options.interval < 1)) throw error(errc::invalid_argument, "simulate: interval must be in (0, 1)");
  const Scores point = strategy.score(backlog);  // throws the strategy's own errors first

  Simulation sim;
  sim.strategy = strategy.name();
  sim.distribution = options.distribution;
  sim.draws = draws;
  sim.seed = options.seed;
  sim.top_k = std::min(options.top_k, n);
  sim.interval = options.interval;
  sim.ranking = options.order ? options.order(point) : rank(point);

  std::vector<std::string> used;
  detail::FormulaSpec spec;
  if constexpr (formula) {
    spec = detail::FormulaAccess::spec(strategy);
    for (const auto& t : spec.terms) used.push_back(t.attribute);
  }
  const std::vector<detail::UncertainAttribute> attrs =
      detail::uncertain_attributes(backlog, options.distribution, formula ? &used : nullptr);
  for (const auto& a : attrs) sim.uncertain.push_back(a.name);

  const std::size_t per_value = (options.rank_stats ? sizeof(std::uint32_t) : 0) + (options.score_stats ? sizeof(double) : 0);
  if (per_value > 0 && n > 0 && (n * per_value > options.memory_limit / draws))
    throw error(errc::invalid_argument,
                "simulate: keeping " + std::to_string(draws) + " draws of " + std::to_string(n) + " features needs " +
                    std::to_string(draws * n * per_value >> 20) + " MiB, over memory_limit; lower draws or switch off rank_stats / score_stats");
  std::vector<std::uint32_t> ranks(options.rank_stats ? n * draws : 0);
  std::vector<double> scores(options.score_stats ? n * draws : 0);

  const auto ni = static_cast<Eigen::Index>(n);
  // Blocks of draws small enough that their matrices stay in cache.
  const std::size_t block =
      std::clamp<std::size_t>((std::size_t{1} << 21) / (std::max<std::size_t>(n, 1) * 8 * (attrs.size() + 2)), 1, 64);
  // Units of work (and of storage): chunks of whole blocks, so that a chunk's
  // stored ranks and scores are written out feature by feature in runs.
  const std::size_t chunk_blocks =
      per_value == 0 ? 1 : std::clamp<std::size_t>((std::size_t{8} << 20) / (std::max<std::size_t>(n, 1) * per_value * block), 1,
                                                    std::max<std::size_t>(1, 64 / block));
  const std::size_t chunk = block * chunk_blocks;
  const std::size_t blocks = (draws + chunk - 1) / chunk;
  unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (n * draws < (std::size_t{1} << 16)) threads = 1;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, blocks));

  std::vector<std::vector<std::uint32_t>> counts(threads, std::vector<std::uint32_t>(n, 0));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::size_t error_block = blocks;
  std::exception_ptr first_error;
  detail::Progress progress(options.progress, draws);
  const bool full_rank = options.rank_stats || options.order;

  auto worker = [&](unsigned t) {
    std::size_t current = 0;
    try {
      std::vector<Eigen::ArrayXXd> m(attrs.size(), Eigen::ArrayXXd(ni, static_cast<Eigen::Index>(block)));
      Eigen::ArrayXXd u1(ni, static_cast<Eigen::Index>(block)), u2(ni, static_cast<Eigen::Index>(block));
      std::vector<detail::Xoshiro256> gens;
      // Formula strategies score straight from the matrices of draws; any
      // other strategy scores a copy of the backlog holding the draw.
      Backlog local;
      if constexpr (!formula) local = backlog;
      std::vector<const double*> base_cols;
      std::vector<int> term_attr;  // per term: its index in attrs, or -1 when certain
      if constexpr (formula) {
        base_cols = detail::columns(spec, backlog);
        for (const auto& term : spec.terms) {
          int k = -1;
          for (std::size_t a = 0; a < attrs.size(); ++a)
            if (attrs[a].name == term.attribute) k = static_cast<int>(a);
          term_attr.push_back(k);
        }
      }
      Eigen::VectorXd buffer(ni);
      std::vector<FeatureIndex> order;
      std::vector<std::uint32_t> local_ranks(options.rank_stats ? chunk * n : 0);
      std::vector<double> local_scores(options.score_stats ? chunk * n : 0);
      std::vector<std::uint32_t>& count = counts[t];
      for (;;) {
        const std::size_t bi = next.fetch_add(1);
        if (bi >= blocks) break;
        if (failed.load()) {
          std::lock_guard lock(error_mutex);
          if (bi > error_block) break;  // blocks before the failing one still run: the error reported is the first
        }
        current = bi;
        const std::size_t c0 = bi * chunk, clen = std::min(chunk, draws - c0);
        for (std::size_t s0 = c0; s0 < c0 + clen; s0 += block) {
          const std::size_t d0 = s0, len = std::min(block, c0 + clen - s0);
          for (std::size_t a = 0; a < attrs.size(); ++a) {
            // One stream per (attribute, draw): a value does not depend on which
            // other attributes are drawn, nor on threads or blocks.
            gens.clear();
            const std::uint64_t key = options.seed ^ detail::fnv1a(attrs[a].name);
            for (std::size_t j = 0; j < len; ++j) gens.push_back(detail::Xoshiro256::stream(key, d0 + j));
            const bool interleave = options.distribution != Distribution::pert;
            if (interleave) {
              detail::fill_uniforms(gens.data(), len, u1.data(), ni, ni);
              if (options.distribution == Distribution::lognormal) detail::fill_uniforms(gens.data(), len, u2.data(), ni, ni);
            }
            for (std::size_t j = 0; j < len; ++j) {
              const auto jj = static_cast<Eigen::Index>(j);
              detail::draw_column(attrs[a], options.distribution, gens[j], m[a].col(jj), u1.col(jj), u2.col(jj), interleave);
            }
          }
          for (std::size_t j = 0; j < len; ++j) {
            const auto jj = static_cast<Eigen::Index>(j);
            const std::size_t draw = d0 + j;
            const double* values = nullptr;
            std::vector<std::uint8_t> no_tiers;
            const std::vector<std::uint8_t>* tiers = &no_tiers;
            std::optional<Scores> scored;
            if constexpr (formula) {
              std::vector<const double*> cols = base_cols;
              for (std::size_t k = 0; k < cols.size(); ++k)
                if (term_attr[k] >= 0) cols[k] = m[static_cast<std::size_t>(term_attr[k])].col(jj).data();
              detail::score_formula_columns(spec, backlog, cols, buffer.data());
              values = buffer.data();
              if (options.order) scored.emplace(buffer, backlog.shared_ids(), sim.strategy);
            } else {
              for (std::size_t a = 0; a < attrs.size(); ++a) local.set_column(attrs[a].name, m[a].col(jj).matrix());
              scored.emplace(strategy.score(local));
              values = scored->values().data();
              tiers = &scored->tiers();
            }
            if (full_rank) {
              order = options.order ? options.order(*scored)
                                    : detail::rank_values(Eigen::Map<const Eigen::VectorXd>(values, ni), *tiers, backlog.ids());
              if (options.rank_stats) {
                std::uint32_t* r = local_ranks.data() + (draw - c0) * n;
                for (std::size_t p = 0; p < order.size(); ++p) r[order[p]] = static_cast<std::uint32_t>(p + 1);
              }
            } else if (!tiers->empty()) {
              order = top_k(*scored, sim.top_k);
            } else {
              detail::top_k_values(values, nullptr, n, sim.top_k, backlog.ids(), order);
            }
            for (std::size_t p = 0; p < sim.top_k && p < order.size(); ++p) ++count[order[p]];
            if (options.score_stats) std::copy(values, values + n, local_scores.data() + (draw - c0) * n);
          }
          const std::size_t so_far = done.fetch_add(len) + len;
          progress.advance(so_far);
          if (options.on_progress && !options.on_progress(so_far, draws))
            throw error(errc::invalid_argument, "simulate: cancelled");
        }
        // The chunk's draws, feature by feature (runs of clen values).
        if (options.rank_stats)
          for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < clen; ++j) ranks[i * draws + c0 + j] = local_ranks[j * n + i];
        if (options.score_stats)
          for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < clen; ++j) scores[i * draws + c0 + j] = local_scores[j * n + i];
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      failed = true;
      if (!first_error || current < error_block) {
        first_error = std::current_exception();
        error_block = current;
      }
    }
  };
  if (threads <= 1) {
    worker(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
    for (auto& th : pool) th.join();
  }
  progress.finish();
  if (first_error) std::rethrow_exception(first_error);

  sim.p_top_k = Eigen::VectorXd::Zero(ni);
  for (const auto& c : counts)
    for (std::size_t i = 0; i < n; ++i) sim.p_top_k[static_cast<Eigen::Index>(i)] += c[i];
  sim.p_top_k /= static_cast<double>(draws);

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double q_lo = (1 - options.interval) / 2;
  auto index_of_q = [draws](double q) {
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(draws)));
    return k == 0 ? std::size_t{0} : std::min(k, draws) - 1;
  };
  const std::size_t k_lo = index_of_q(q_lo), k_med = index_of_q(0.5), k_hi = index_of_q(1 - q_lo);
  for (auto* v : {&sim.median_rank, &sim.rank_lo, &sim.rank_hi, &sim.score_median, &sim.score_lo, &sim.score_hi})
    v->setConstant(ni, nan);
  auto summarize = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      if (options.rank_stats)
        detail::order_statistics(ranks.data() + i * draws, draws, k_lo, k_med, k_hi, sim.rank_lo[ii], sim.median_rank[ii], sim.rank_hi[ii]);
      if (options.score_stats)
        detail::order_statistics(scores.data() + i * draws, draws, k_lo, k_med, k_hi, sim.score_lo[ii], sim.score_median[ii],
                                 sim.score_hi[ii]);
    }
  };
  if ((options.rank_stats || options.score_stats) && threads > 1) {  // features are independent: split them
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(summarize, n * t / threads, n * (t + 1) / threads);
    for (auto& th : pool) th.join();
  } else {
    summarize(0, n);
  }
  return sim;
}

/// simulate where each draw is put in dependency order by the policy
/// (prio::order(graph, scores, policy)), so P(top k) counts the first k
/// features actually delivered. Throws like both.
template <class S>
  requires ScoringModel<S>
[[nodiscard]] Simulation simulate(const Backlog& backlog, const S& strategy, const DependencyGraph& graph, OrderPolicy policy,
                                  SimulationOptions options = {}) {
  options.order = [&graph, p = std::move(policy)](const Scores& s) { return order(graph, s, p); };
  return simulate(backlog, strategy, options);
}

}  // namespace v1
}  // namespace prio
