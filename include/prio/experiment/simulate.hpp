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
#include "prio/detail/ranges.hpp"
#include "prio/detail/windowed_quantiles.hpp"
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
  bool rank_stats = true;   ///< median rank and rank interval
  bool score_stats = true;  ///< score quantiles
  /// Keep every draw (4 bytes per draw and feature for rank_stats, 8 for
  /// score_stats) for exact order statistics. Otherwise they are kept only when
  /// that needs at most exact_stats_memory bytes; above it the statistics are
  /// estimated in bounded memory (about 10 KB per feature, whatever the number
  /// of draws), with a bound on each error in Simulation::rank_error and score_error.
  /// (Exact rank statistics of up to 1,024 features are counted rank by rank
  /// instead, threads x features x features 4-byte counters, when that is
  /// smaller than the ranks kept: the same values.) A call's buffers, up to
  /// 16 MiB, are kept in a pool of 4 for the next calls.
  bool exact_stats = false;
  std::size_t exact_stats_memory = std::size_t{64} << 20;
  bool progress = true;     ///< progress bar on stderr when it is a terminal and the run takes > 1 s
  std::size_t memory_limit = std::size_t{2} << 30;  ///< bytes for the stored draws (or the estimators); more is an error
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
  /// Per feature: a bound on the distance between each of median_rank,
  /// rank_lo, rank_hi (score_median, score_lo, score_hi) and the exact order
  /// statistic of the draws. 0 when exact: always with exact_stats or when
  /// the draws fit exact_stats_memory; otherwise the statistic was located
  /// between two known cumulative counts of a window of fine bins placed by
  /// the first 256 draws, and this is the width of that bracket (0 for a
  /// rank bin of width 1). NaN when the statistic is switched off.
  Eigen::VectorXd rank_error, score_error;

  /// Monte Carlo standard error of p_top_k[i]: sqrt(p (1 - p) / draws).
  [[nodiscard]] double standard_error(FeatureIndex i) const {
    const double p = p_top_k[static_cast<Eigen::Index>(i)];
    return draws > 0 ? std::sqrt(p * (1 - p) / static_cast<double>(draws)) : 0.0;
  }
};

}  // namespace v1
}  // namespace prio

#include "prio/detail/simulate.hpp"

namespace prio {
inline namespace v1 {

/// Monte Carlo rank stability: draws every uncertain attribute (x with x_lo
/// and x_hi columns) `draws` times, scores each draw with the strategy, ranks
/// it (or orders it with options.order) and summarizes per feature. The
/// result depends only on the inputs and the seed, not on the thread count.
/// Throws prio::error for bad ranges (naming feature and field), what the
/// strategy throws, and invalid_argument when the stored draws would exceed
/// options.memory_limit. O(draws x (n x uncertain attributes + ranking)).
/// Draws are generated as matrices (features x a block of draws) and each
/// draw is scored by the strategy itself, so it scores exactly as prio::score
/// does. RICE, ICE and WSJF draw only the attributes their formula reads,
/// whether passed as their own types, as a prio::Strategy or inside
/// prio::moscow (same draws, same Simulation::uncertain); any other strategy
/// draws all of them.
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
  if (draws > std::numeric_limits<std::uint32_t>::max())  // the per-feature counters are 32-bit
    throw error(errc::invalid_argument, "simulate: at most " + std::to_string(std::numeric_limits<std::uint32_t>::max()) + " draws");
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

  detail::FormulaSpec spec;
  if constexpr (formula) spec = detail::FormulaAccess::spec(strategy);
  const std::optional<std::vector<std::string>> used = detail::attributes_read(strategy);
  const std::vector<detail::UncertainAttribute> attrs =
      detail::uncertain_attributes(backlog, options.distribution, used ? &*used : nullptr);
  for (const auto& a : attrs) sim.uncertain.push_back(a.name);

  const std::size_t per_value = (options.rank_stats ? sizeof(std::uint32_t) : 0) + (options.score_stats ? sizeof(double) : 0);
  // Exact statistics keep every draw. Estimated ones keep the first `kept`
  // draws whole (the pilot that places the windows), then count the rest.
  const bool stats = per_value > 0 && n > 0;
  const bool estimate = stats && !options.exact_stats && n * per_value > options.exact_stats_memory / draws;
  constexpr std::size_t pilot_draws = 256;
  const std::size_t kept = estimate ? std::min(draws, pilot_draws) : draws;
  std::size_t rank_bins = 512;  // fine bins per window: a rank window up to 512 wide is counted exactly
  if (estimate) {
    auto need = [&](std::size_t bins) {
      return n * per_value * kept + (options.rank_stats ? detail::WindowedQuantiles::bytes(n, bins, draws) : 0) +
             (options.score_stats ? detail::WindowedQuantiles::bytes(n, bins / 2, draws) : 0);
    };
    while (rank_bins > 16 && need(rank_bins) > options.memory_limit) rank_bins /= 2;
    if (need(rank_bins) > options.memory_limit)
      throw error(errc::invalid_argument, "simulate: estimating the statistics of " + std::to_string(n) + " features needs " +
                                              std::to_string(need(rank_bins) >> 20) +
                                              " MiB, over memory_limit; switch off rank_stats / score_stats");
  } else if (stats && (n * per_value > options.memory_limit / draws)) {
    throw error(errc::invalid_argument,
                "simulate: keeping " + std::to_string(draws) + " draws of " + std::to_string(n) + " features needs " +
                    std::to_string(draws * n * per_value >> 20) + " MiB, over memory_limit; lower draws or switch off rank_stats / score_stats");
  }
  detail::SimulateBuffers buffers = detail::SimulateBuffers::take();
  std::vector<double>& scores = buffers.scores;  // every value is written before it is read
  scores.resize(options.score_stats ? n * kept : 0);
  std::optional<detail::WindowedQuantiles> rank_windows, score_windows;

  const auto ni = static_cast<Eigen::Index>(n);
  // Blocks of draws small enough that their matrices stay in cache.
  const std::size_t block =
      std::clamp<std::size_t>((std::size_t{1} << 21) / (std::max<std::size_t>(n, 1) * 8 * (attrs.size() + 2)), 1, 64);
  // Units of work (and of storage): chunks of whole blocks, so that a chunk's
  // stored ranks and scores are written out feature by feature in runs, and
  // each feature's counters (estimated statistics) are visited once per chunk
  // (up to 128 draws or 16 MiB of ranks and scores: fewer chunks, fewer
  // cache misses on the counters).
  const std::size_t chunk_blocks =
      per_value == 0 ? 1 : std::clamp<std::size_t>((std::size_t{16} << 20) / (std::max<std::size_t>(n, 1) * per_value * block), 1,
                                                    std::max<std::size_t>(1, 128 / block));
  const std::size_t chunk = block * chunk_blocks;
  unsigned max_threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (n * draws < (std::size_t{1} << 16)) max_threads = 1;
  max_threads = static_cast<unsigned>(std::min<std::size_t>(max_threads, (draws + chunk - 1) / chunk));
  // Exact rank statistics of a small backlog: each thread counts how often
  // each feature takes each rank (n x n counters, up to 4 MiB), which gives the
  // same order statistics as keeping every rank of every draw, in less
  // memory (when threads x n <= draws) and without selecting among them.
  const bool rank_histogram = options.rank_stats && !estimate && n <= 1024 && max_threads * n <= draws;
  std::vector<std::uint32_t>& ranks = buffers.ranks;
  ranks.resize(options.rank_stats && !rank_histogram ? n * kept : 0);
  std::vector<std::uint32_t>& rank_counts = buffers.rank_counts;
  rank_counts.assign(rank_histogram ? std::size_t{max_threads} * n * n : 0, 0);

  std::vector<std::vector<std::uint32_t>> counts(max_threads, std::vector<std::uint32_t>(n, 0));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::size_t error_block = std::numeric_limits<std::size_t>::max();
  std::exception_ptr first_error;
  detail::Progress progress(options.progress, draws);
  const bool full_rank = options.rank_stats || options.order;
  // Counting into the windows: features in stripes, one lock each; threads
  // start at different stripes. Counts are sums, so the order does not matter.
  const std::size_t stripes = std::clamp<std::size_t>(n / 64, 1, 64);
  std::vector<std::mutex> stripe_locks(estimate ? stripes : 0);

  // Draws [from, to) in chunks; each chunk's ranks and scores are stored
  // (draws < kept) or counted into the windows.
  auto run = [&](std::size_t from, std::size_t to) {
    const std::size_t blocks = (to - from + chunk - 1) / chunk;
    const auto threads = static_cast<unsigned>(std::min<std::size_t>(max_threads, blocks));
    const bool store = to <= kept;
    next = 0;
    auto worker = [&](unsigned t) {
      std::size_t current = 0;
      try {
        // The matrices of draws (one per attribute, then two of uniforms) and
        // the chunk's scores, in one buffer: a run on one thread uses the
        // call's pooled one (SimulateBuffers), threads of their own their own.
        const bool caller = threads <= 1;
        std::vector<double> own_work;
        std::vector<double>& work = caller ? buffers.work : own_work;
        const std::size_t cells = n * block;
        work.resize((attrs.size() + 2) * cells + (options.score_stats ? chunk * n : 0));
        const auto matrix = [&](std::size_t k) { return Eigen::Map<Eigen::ArrayXXd>(work.data() + k * cells, ni, static_cast<Eigen::Index>(block)); };
        std::vector<Eigen::Map<Eigen::ArrayXXd>> m;
        for (std::size_t a = 0; a < attrs.size(); ++a) m.push_back(matrix(a));
        Eigen::Map<Eigen::ArrayXXd> u1 = matrix(attrs.size()), u2 = matrix(attrs.size() + 1);
        double* const local_scores = work.data() + (attrs.size() + 2) * cells;
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
        detail::RankBuffers rank_buffers;
        std::vector<std::uint32_t> own_ranks;
        std::vector<std::uint32_t>& local_ranks = caller ? buffers.local_ranks : own_ranks;
        local_ranks.resize(options.rank_stats && !rank_histogram ? chunk * n : 0);
        std::vector<std::uint32_t>& count = counts[t];
        for (;;) {
          const std::size_t bi = next.fetch_add(1);
          if (bi >= blocks) break;
          if (failed.load()) {
            std::lock_guard lock(error_mutex);
            if (bi > error_block) break;  // blocks before the failing one still run: the error reported is the first
          }
          current = bi;
          const std::size_t c0 = from + bi * chunk, clen = std::min(chunk, to - c0);
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
                if (options.order)
                  order = options.order(*scored);
                else
                  detail::rank_values(Eigen::Map<const Eigen::VectorXd>(values, ni), *tiers, backlog.ids(), order, rank_buffers);
                if (rank_histogram) {
                  std::uint32_t* h = rank_counts.data() + std::size_t{t} * n * n;  // row i: feature i's ranks 1 .. n
                  for (std::size_t p = 0; p < order.size(); ++p) ++h[std::size_t{order[p]} * n + p];
                } else if (options.rank_stats) {
                  std::uint32_t* r = local_ranks.data() + (draw - c0) * n;
                  for (std::size_t p = 0; p < order.size(); ++p) r[order[p]] = static_cast<std::uint32_t>(p + 1);
                }
              } else if (!tiers->empty()) {
                order = top_k(*scored, sim.top_k);
              } else {
                detail::top_k_values(values, nullptr, n, sim.top_k, backlog.ids(), order);
              }
              for (std::size_t p = 0; p < sim.top_k && p < order.size(); ++p) ++count[order[p]];
              if (options.score_stats) std::copy(values, values + n, local_scores + (draw - c0) * n);
            }
            const std::size_t so_far = done.fetch_add(len) + len;
            progress.advance(so_far);
            if (options.on_progress && !options.on_progress(so_far, draws))
              throw error(errc::invalid_argument, "simulate: cancelled");
          }
          if (store) {  // the chunk's draws, feature by feature (runs of clen values)
            if (options.rank_stats && !rank_histogram)
              for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < clen; ++j) ranks[i * kept + c0 + j] = local_ranks[j * n + i];
            if (options.score_stats)
              for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < clen; ++j) scores[i * kept + c0 + j] = local_scores[j * n + i];
          } else {
            for (std::size_t st = 0; st < stripes; ++st) {
              const std::size_t sp = (st + stripes * t / threads) % stripes;
              std::lock_guard lock(stripe_locks[sp]);
              for (std::size_t i = n * sp / stripes; i < n * (sp + 1) / stripes; ++i) {
                if (options.rank_stats) rank_windows->add_many(i, local_ranks.data() + i, n, clen);
                if (options.score_stats) score_windows->add_many(i, local_scores + i, n, clen);
              }
            }
          }
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
    if (first_error) {
      progress.finish();
      std::rethrow_exception(first_error);
    }
  };
  // Features are independent in the summaries: split them over the threads.
  auto for_features = [&](const auto& f) {
    if (max_threads > 1) {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < max_threads; ++t) pool.emplace_back(f, n * t / max_threads, n * (t + 1) / max_threads);
      for (auto& th : pool) th.join();
    } else {
      f(std::size_t{0}, n);
    }
  };

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double q_lo = (1 - options.interval) / 2;
  run(0, kept);
  if (estimate) {
    // The pilot places each feature's windows around its quantiles, and counts.
    const double levels[detail::WindowedQuantiles::levels] = {q_lo, 0.5, 1 - q_lo};
    if (options.rank_stats) rank_windows.emplace(n, rank_bins, true, draws);
    if (options.score_stats) score_windows.emplace(n, rank_bins / 2, false, draws);
    for_features([&](std::size_t from, std::size_t to) {
      std::vector<double> v(kept);
      for (std::size_t i = from; i < to; ++i) {
        if (options.rank_stats) {
          for (std::size_t j = 0; j < kept; ++j) v[j] = static_cast<double>(ranks[i * kept + j]);
          rank_windows->place(i, v.data(), kept, levels);
          rank_windows->add_many(i, v.data(), 1, kept);
        }
        if (options.score_stats) {
          std::copy(scores.begin() + static_cast<std::ptrdiff_t>(i * kept), scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * kept), v.begin());
          score_windows->place(i, v.data(), kept, levels);
          score_windows->add_many(i, v.data(), 1, kept);
        }
      }
    });
    std::vector<std::uint32_t>().swap(ranks);
    std::vector<double>().swap(scores);
    if (kept < draws) run(kept, draws);
  }
  progress.finish();

  sim.p_top_k = Eigen::VectorXd::Zero(ni);
  for (const auto& c : counts)
    for (std::size_t i = 0; i < n; ++i) sim.p_top_k[static_cast<Eigen::Index>(i)] += c[i];
  sim.p_top_k /= static_cast<double>(draws);

  auto index_of_q = [draws](double q) {
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(draws)));
    return k == 0 ? std::size_t{0} : std::min(k, draws) - 1;
  };
  const std::size_t k_lo = index_of_q(q_lo), k_med = index_of_q(0.5), k_hi = index_of_q(1 - q_lo);
  for (auto* v : {&sim.median_rank, &sim.rank_lo, &sim.rank_hi, &sim.score_median, &sim.score_lo, &sim.score_hi, &sim.rank_error,
                  &sim.score_error})
    v->setConstant(ni, nan);
  if (options.rank_stats) sim.rank_error.setZero();
  if (options.score_stats) sim.score_error.setZero();
  auto summarize = [&](std::size_t from, std::size_t to) {
    std::vector<std::uint64_t> keys;  // score_order_statistics' scratch
    for (std::size_t i = from; i < to; ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      if (estimate) {
        auto three = [&](const detail::WindowedQuantiles& w, double& lo, double& med, double& hi, double& err) {
          const auto a = w.order_statistic(i, k_lo, draws), b = w.order_statistic(i, k_med, draws), c = w.order_statistic(i, k_hi, draws);
          lo = a.first, med = b.first, hi = c.first;
          err = std::max({a.second, b.second, c.second});
        };
        if (options.rank_stats) three(*rank_windows, sim.rank_lo[ii], sim.median_rank[ii], sim.rank_hi[ii], sim.rank_error[ii]);
        if (options.score_stats) three(*score_windows, sim.score_lo[ii], sim.score_median[ii], sim.score_hi[ii], sim.score_error[ii]);
        continue;
      }
      if (rank_histogram)
        detail::rank_histogram_statistics(rank_counts.data() + i * n, n, max_threads, k_lo, k_med, k_hi, sim.rank_lo[ii],
                                          sim.median_rank[ii], sim.rank_hi[ii]);
      else if (options.rank_stats)
        detail::rank_order_statistics(ranks.data() + i * draws, draws, k_lo, k_med, k_hi, sim.rank_lo[ii], sim.median_rank[ii],
                                      sim.rank_hi[ii]);
      if (options.score_stats)
        detail::score_order_statistics(scores.data() + i * draws, draws, k_lo, k_med, k_hi, keys, sim.score_lo[ii],
                                       sim.score_median[ii], sim.score_hi[ii]);
    }
  };
  if (stats) for_features(summarize);
  detail::SimulateBuffers::keep(std::move(buffers));
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
