// Monte Carlo rank stability: 10^4 draws of a 10^4-feature RICE backlog whose
// reach, confidence and effort carry triangular ranges; P(top 10) for every
// feature. Beside two baselines in the same binary:
//  - rng_bound: only generating the same number of uniforms with the same
//    generator, on the same thread count (the floor for any method drawing
//    these values);
//  - naive_loop: the textbook per-feature loop (std::mt19937_64, a scalar
//    triangular draw per value, score, std::nth_element for the top 10),
//    one thread.
// bench/simulate_numpy.py runs the scenario in NumPy on the same backlog
// (written by this binary when PRIO_BENCH_SIMULATE_INPUT names a file), on 1
// process and on 2 (multiprocessing), to compare 1 thread with 1 and 2 with 2.
// Lognormal and PERT draws, which need exp, log and cos: prio's own
// (detail/math.hpp, the same bits on every platform) beside the platform's
// (Eigen's vectorized log/cos/exp for lognormal, std::log for PERT's gamma
// deviates), which is how prio drew them before: the cost of determinism.
// Run: bench_simulate --benchmark_repetitions=3 --benchmark_min_time=0.1 (Debian's
// Google Benchmark 1.7 takes seconds, not "1x")
#include <prio/experiment/simulate.hpp>
#include <prio/strategies/rice.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <numbers>
#include <vector>

namespace {

// PRIO_BENCH_SMOKE (the ctest smoke run): a small input, only to see it run.
const bool smoke = std::getenv("PRIO_BENCH_SMOKE") != nullptr;
const std::size_t features = smoke ? 500 : 10000, draws = smoke ? 50 : 10000;
constexpr std::size_t top = 10;

struct Data {
  prio::Backlog backlog;
  Eigen::VectorXd reach, impact, confidence, effort, rlo, rhi, clo, chi, elo, ehi;
};

const Data& data() {
  static const Data d = [] {
    Data x;
    std::vector<std::string> ids(features);
    for (std::size_t i = 0; i < features; ++i) ids[i] = "f" + std::to_string(i);
    x.backlog = prio::Backlog::from_ids(std::move(ids));
    std::mt19937_64 rng(1);
    auto u = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    const auto m = static_cast<Eigen::Index>(features);
    for (auto* v : {&x.reach, &x.impact, &x.confidence, &x.effort, &x.rlo, &x.rhi, &x.clo, &x.chi, &x.elo, &x.ehi}) v->resize(m);
    const double impacts[] = {3, 2, 1, 0.5, 0.25}, confidences[] = {1, 0.8, 0.5};
    for (Eigen::Index i = 0; i < m; ++i) {
      x.reach[i] = std::floor(u(10, 100000));
      x.impact[i] = impacts[rng() % 5];
      x.confidence[i] = confidences[rng() % 3];
      x.effort[i] = u(0.5, 12);
      x.rlo[i] = x.reach[i] * 0.5;
      x.rhi[i] = x.reach[i] * 2;
      x.clo[i] = x.confidence[i] * 0.5;
      x.chi[i] = x.confidence[i];
      x.elo[i] = x.effort[i] * 0.5;
      x.ehi[i] = x.effort[i] * 3;
    }
    const std::pair<const char*, Eigen::VectorXd*> cols[] = {
        {"reach", &x.reach},       {"impact", &x.impact},     {"confidence", &x.confidence}, {"effort", &x.effort},
        {"reach_lo", &x.rlo},      {"reach_hi", &x.rhi},      {"confidence_lo", &x.clo},     {"confidence_hi", &x.chi},
        {"effort_lo", &x.elo},     {"effort_hi", &x.ehi}};
    for (const auto& [name, v] : cols) x.backlog.set_column(name, *v);
    // bench/simulate_numpy.py reads the same backlog: PRIO_BENCH_SIMULATE_INPUT=<file> writes it.
    if (const char* path = std::getenv("PRIO_BENCH_SIMULATE_INPUT")) {
      std::ofstream out(path);
      out.precision(17);
      out << "reach,impact,confidence,effort\n";
      for (Eigen::Index i = 0; i < m; ++i) out << x.reach[i] << ',' << x.impact[i] << ',' << x.confidence[i] << ',' << x.effort[i] << '\n';
    }
    // bench/simulate_cli.sh runs the prio tool on it: PRIO_BENCH_SIMULATE_BACKLOG=<file> writes it with ids and ranges.
    if (const char* path = std::getenv("PRIO_BENCH_SIMULATE_BACKLOG")) {
      std::ofstream out(path);
      out.precision(17);
      out << "id,reach,impact,confidence,effort,reach_lo,reach_hi,confidence_lo,confidence_hi,effort_lo,effort_hi\n";
      for (Eigen::Index i = 0; i < m; ++i)
        out << 'f' << i << ',' << x.reach[i] << ',' << x.impact[i] << ',' << x.confidence[i] << ',' << x.effort[i] << ',' << x.rlo[i] << ','
            << x.rhi[i] << ',' << x.clo[i] << ',' << x.chi[i] << ',' << x.elo[i] << ',' << x.ehi[i] << '\n';
    }
    return x;
  }();
  return d;
}

void prio_simulate(benchmark::State& state) {
  const Data& d = data();
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const auto sim = prio::simulate(d.backlog, prio::rice(),
                                    {.draws = draws, .seed = 7, .top_k = top, .threads = threads, .rank_stats = false,
                                     .score_stats = false, .progress = false});
    benchmark::DoNotOptimize(sim.p_top_k.data());
  }
  state.counters["draws_x_features/s"] =
      benchmark::Counter(static_cast<double>(draws * features), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(prio_simulate)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// With median rank, 90% rank interval and score quantiles (all draws kept), at 10^3 draws.
void prio_simulate_full_1000_draws(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    const auto sim = prio::simulate(d.backlog, prio::rice(), {.draws = 1000, .seed = 7, .top_k = top, .exact_stats = true, .progress = false});
    benchmark::DoNotOptimize(sim.median_rank.data());
  }
}
BENCHMARK(prio_simulate_full_1000_draws)->Unit(benchmark::kMillisecond)->UseRealTime();

// A sweep's unit of work (bench/python/bench_sweep.py: 200 features, 10^3
// draws, one thread): exact median rank, rank interval and score quantiles
// (range(0) = 1), beside P(top k) alone on the same draws (range(0) = 0).
void prio_simulate_200_features(benchmark::State& state) {
  static const prio::Backlog small = [] {
    const Data& d = data();
    const Eigen::Index m = std::min<Eigen::Index>(200, d.reach.size());
    std::vector<std::string> ids;
    for (Eigen::Index i = 0; i < m; ++i) ids.push_back(d.backlog.id(static_cast<prio::FeatureIndex>(i)));
    prio::Backlog b = prio::Backlog::from_ids(std::move(ids));
    for (const auto& name : d.backlog.attributes()) b.set_column(name, d.backlog.column(name).head(m));
    return b;
  }();
  const bool stats = state.range(0) != 0;
  for (auto _ : state) {
    const auto sim = prio::simulate(small, prio::rice(),
                                    {.draws = 1000, .seed = 7, .top_k = top, .threads = 1, .rank_stats = stats, .score_stats = stats,
                                     .progress = false});
    benchmark::DoNotOptimize(sim.p_top_k.data());
  }
}
BENCHMARK(prio_simulate_200_features)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

// As `prio simulate` runs by default: P(top k), median rank, 90% rank interval
// and score quantiles, estimated in bounded memory (the draws would need 1.2
// GB), on range(0) threads. Reports the largest error bound of the rank
// statistics (ranks) and of the score quantiles (relative to the feature's
// score interval), so a regression in accuracy shows here too.
void prio_simulate_default_stats(benchmark::State& state) {
  const Data& d = data();
  const auto threads = static_cast<unsigned>(state.range(0));
  double rank_error = 0, score_error = 0;
  for (auto _ : state) {
    const auto sim = prio::simulate(d.backlog, prio::rice(), {.draws = draws, .seed = 7, .top_k = top, .threads = threads, .progress = false});
    benchmark::DoNotOptimize(sim.median_rank.data());
    rank_error = sim.rank_error.maxCoeff();
    score_error = (sim.score_error.array() / (sim.score_hi - sim.score_lo).array().max(1e-300)).maxCoeff();
  }
  state.counters["max_rank_error"] = rank_error;
  state.counters["max_score_error_rel"] = score_error;
}
BENCHMARK(prio_simulate_default_stats)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor on the same thread count as prio: the same uniforms, from the
// same per-draw streams, split over range(0) threads like prio splits draws.
void rng_bound(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::vector<double> sums(threads, 0.0);
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
      pool.emplace_back([t, threads, &sums] {
        double sum = 0;
        for (std::size_t j = t; j < draws; j += threads) {
          auto g = prio::detail::Xoshiro256::stream(7, j);
          for (std::size_t i = 0; i < 3 * features; ++i) sum += g.uniform();
        }
        sums[t] = sum;
      });
    for (auto& th : pool) th.join();
    benchmark::DoNotOptimize(sums.data());
  }
}
BENCHMARK(rng_bound)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void naive_loop(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    std::mt19937_64 rng(7);
    auto uniform = [&] { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; };
    auto tri = [&](double a, double c, double b) { return prio::detail::triangular_quantile(a, c, b, uniform()); };
    std::vector<std::uint32_t> count(features, 0);
    std::vector<double> score(features);
    std::vector<std::uint32_t> idx(features);
    for (std::size_t j = 0; j < draws; ++j) {
      for (std::size_t i = 0; i < features; ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        const double r = tri(d.rlo[ii], d.reach[ii], d.rhi[ii]);
        const double c = tri(d.clo[ii], d.confidence[ii], d.chi[ii]);
        const double e = tri(d.elo[ii], d.effort[ii], d.ehi[ii]);
        score[i] = r * d.impact[ii] * c / e;
      }
      std::iota(idx.begin(), idx.end(), 0u);
      std::nth_element(idx.begin(), idx.begin() + top, idx.end(), [&](std::uint32_t a, std::uint32_t b) { return score[a] > score[b]; });
      for (std::size_t p = 0; p < top; ++p) ++count[idx[p]];
    }
    benchmark::DoNotOptimize(count.data());
  }
}
BENCHMARK(naive_loop)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- exp / log / cos: prio's portable functions vs the platform's ----------------
constexpr Eigen::Index kernel_n = 1 << 16;

struct KernelData {
  Eigen::ArrayXd u1, u2, mu, sigma;
};
const KernelData& kernel_data() {
  static const KernelData d = [] {
    KernelData k;
    for (auto* a : {&k.u1, &k.u2, &k.mu, &k.sigma}) a->resize(kernel_n);
    auto g = prio::detail::Xoshiro256::stream(3, 0);
    for (Eigen::Index i = 0; i < kernel_n; ++i) {
      k.u1[i] = g.uniform();
      k.u2[i] = g.uniform();
      k.mu[i] = 2 + 3 * g.uniform();
      k.sigma[i] = 0.1 + 0.5 * g.uniform();
    }
    return k;
  }();
  return d;
}

// Lognormal draws from two uniforms, as prio's simulate did before: Eigen's packet log, cos, exp.
void lognormal_draws_eigen(benchmark::State& state) {
  const KernelData& k = kernel_data();
  Eigen::ArrayXd m(kernel_n);
  for (auto _ : state) {
    m = (-2 * k.u1.log()).sqrt() * (2 * std::numbers::pi * k.u2).cos();
    m = (k.mu + k.sigma * m).exp();
    benchmark::DoNotOptimize(m.data());
  }
  state.counters["draws/s"] = benchmark::Counter(static_cast<double>(kernel_n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(lognormal_draws_eigen)->Unit(benchmark::kMicrosecond);

// The same draws as prio's simulate makes them now: detail::exp, log, cos_2pi.
void lognormal_draws_prio(benchmark::State& state) {
  const KernelData& k = kernel_data();
  Eigen::ArrayXd m(kernel_n);
  for (auto _ : state) {
    for (Eigen::Index i = 0; i < kernel_n; ++i)
      m[i] = prio::detail::exp(k.mu[i] + k.sigma[i] * prio::detail::normal_from(k.u1[i], k.u2[i]));
    benchmark::DoNotOptimize(m.data());
  }
  state.counters["draws/s"] = benchmark::Counter(static_cast<double>(kernel_n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(lognormal_draws_prio)->Unit(benchmark::kMicrosecond);

// PERT draws as before: Marsaglia-Tsang gamma deviates with std::log and std::cos.
double gamma_std(prio::detail::Xoshiro256& g, double shape) {
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0, v = 0;
    do {
      const double u1 = g.uniform(), u2 = g.uniform();
      x = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = g.uniform();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}
void pert_draws_std(benchmark::State& state) {
  for (auto _ : state) {
    auto g = prio::detail::Xoshiro256::stream(5, 0);
    double sum = 0;
    for (Eigen::Index i = 0; i < kernel_n; ++i) {
      const double x = gamma_std(g, 1.8), y = gamma_std(g, 4.2);
      sum += 2 + 10 * (x / (x + y));
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["draws/s"] = benchmark::Counter(static_cast<double>(kernel_n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(pert_draws_std)->Unit(benchmark::kMicrosecond);

void pert_draws_prio(benchmark::State& state) {
  for (auto _ : state) {
    auto g = prio::detail::Xoshiro256::stream(5, 0);
    double sum = 0;
    for (Eigen::Index i = 0; i < kernel_n; ++i) sum += prio::detail::pert_deviate(g, 2, 3.2, 12);
    benchmark::DoNotOptimize(sum);
  }
  state.counters["draws/s"] = benchmark::Counter(static_cast<double>(kernel_n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(pert_draws_prio)->Unit(benchmark::kMicrosecond);

// The same backlog with ranges on reach and effort only: a lognormal draw is
// unbounded above, so a confidence range would draw confidences above 1,
// which RICE rejects.
const prio::Backlog& reach_effort_ranges() {
  static const prio::Backlog b = [] {
    const Data& d = data();
    std::vector<std::string> ids(features);
    for (std::size_t i = 0; i < features; ++i) ids[i] = "f" + std::to_string(i);
    prio::Backlog c = prio::Backlog::from_ids(std::move(ids));
    const std::pair<const char*, const Eigen::VectorXd*> cols[] = {
        {"reach", &d.reach},  {"impact", &d.impact},  {"confidence", &d.confidence}, {"effort", &d.effort},
        {"reach_lo", &d.rlo}, {"reach_hi", &d.rhi},   {"effort_lo", &d.elo},         {"effort_hi", &d.ehi}};
    for (const auto& [name, v] : cols) c.set_column(name, *v);
    return c;
  }();
  return b;
}

// End to end: prio::simulate with lognormal and PERT ranges (10^3 draws).
void prio_simulate_distribution(benchmark::State& state) {
  const prio::Backlog& backlog = reach_effort_ranges();
  const auto dist = static_cast<prio::Distribution>(state.range(0));
  for (auto _ : state) {
    const auto sim = prio::simulate(backlog, prio::rice(),
                                    {.draws = 1000, .seed = 7, .top_k = top, .distribution = dist, .threads = 1,
                                     .rank_stats = false, .score_stats = false, .progress = false});
    benchmark::DoNotOptimize(sim.p_top_k.data());
  }
  state.SetLabel(std::string(prio::to_string(dist)));
}
BENCHMARK(prio_simulate_distribution)
    ->Arg(static_cast<int>(prio::Distribution::triangular))
    ->Arg(static_cast<int>(prio::Distribution::lognormal))
    ->Arg(static_cast<int>(prio::Distribution::pert))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
