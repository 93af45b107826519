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
    const auto sim = prio::simulate(d.backlog, prio::rice(), {.draws = 1000, .seed = 7, .top_k = top, .progress = false});
    benchmark::DoNotOptimize(sim.median_rank.data());
  }
}
BENCHMARK(prio_simulate_full_1000_draws)->Unit(benchmark::kMillisecond)->UseRealTime();

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

}  // namespace

BENCHMARK_MAIN();
