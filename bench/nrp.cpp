// The Next Release Problem on the published instances (../shared/data/nrp):
// prio::solve_nrp beside the classic greedy baseline (customers by profit per
// marginal cost of their closure, Bagnall et al. 2001) in the same binary.
// Counters: value, the proven optimum, the gap to it (%), the published BMA
// value, the solver's upper bound. Each run is one call (Iterations(1)).
#include <benchmark/benchmark.h>

#include <prio/nrp.hpp>

#include "nrp_check.hpp"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

int failures = 0;  // answers that fail the independent check: the exit code
std::uint64_t seed = 1;  // --seed=N: the search's seed (the README's table uses 1)

using Known = prio_test::NrpKnown;

// The data sits beside the project: <repo>/../shared/data (PRIO_SHARED_DATA_DIR).
std::string path_of(const Known& k) { return std::string(PRIO_SHARED_DATA_DIR) + "/nrp/" + k.file; }

// Baseline: add the customer with the best profit per marginal cost of its
// closure until none fits (recomputing marginal costs after every addition).
double greedy(const prio::NrpInstance& in) {
  const std::size_t n = in.cost.size();
  std::vector<std::vector<std::uint32_t>> closure;
  std::vector<std::uint32_t> stamp(n, 0);
  std::uint32_t mark = 0;
  for (const auto& b : in.bundles) closure.push_back(prio::detail::nrp_closure(in, b.features, stamp, ++mark));
  std::vector<char> have(n, 0), done(in.bundles.size(), 0);
  double cost = 0, value = 0;
  for (;;) {
    std::size_t best = in.bundles.size();
    double best_ratio = -1;
    for (std::size_t b = 0; b < in.bundles.size(); ++b) {
      if (done[b]) continue;
      double m = 0;
      for (const auto r : closure[b])
        if (!have[r]) m += in.cost[r];
      if (cost + m > in.budget) continue;
      const double ratio = m == 0 ? 1e300 : in.bundles[b].value / m;
      if (ratio > best_ratio) {
        best_ratio = ratio;
        best = b;
      }
    }
    if (best == in.bundles.size()) break;
    done[best] = 1;
    for (const auto r : closure[best])
      if (!have[r]) {
        have[r] = 1;
        cost += in.cost[r];
      }
    value += in.bundles[best].value;
  }
  return value;
}

void report(benchmark::State& state, const Known& k, double value) {
  state.counters["value"] = value;
  state.counters["optimum"] = k.optimum;
  state.counters["gap_pct"] = 100.0 * (k.optimum - value) / k.optimum;
  state.counters["bma"] = k.bma;
  state.counters["vs_bma"] = value - k.bma;
}

void bm_prio(benchmark::State& state, Known k) {
  if (!std::filesystem::exists(path_of(k))) {
    state.SkipWithError("../shared/data absent");
    return;
  }
  const auto file = prio::read_nrp_file(path_of(k));
  const auto in = prio::nrp_instance(file, k.ratio);
  prio::NrpSolution sol;
  for (auto _ : state) {
    // The iteration budget, not the clock, stops the search (as in the unit
    // test), so a loaded machine gives the same answer, only later.
    sol = prio::solve_nrp(in, prio::ReleaseOptions{.time_limit = 120.0, .seed = seed});
    benchmark::DoNotOptimize(sol.value);
  }
  // Cost, budget, prerequisite closure, satisfied customers and value
  // recomputed from the selection; value >= BMA and within the README's gap.
  const auto problems = prio_test::check_nrp_answer(file, k.ratio, sol, &k);
  if (!problems.empty()) {
    failures += 1;
    state.SkipWithError(problems.front().c_str());
  }
  report(state, k, sol.value);
  state.counters["bound"] = sol.bound ? *sol.bound : -1;
  state.counters["optimal"] = sol.optimal ? 1 : 0;
  state.counters["iterations"] = static_cast<double>(sol.iterations);
}

void bm_greedy(benchmark::State& state, Known k) {
  if (!std::filesystem::exists(path_of(k))) {
    state.SkipWithError("../shared/data absent");
    return;
  }
  const auto in = prio::nrp_instance(prio::read_nrp_file(path_of(k)), k.ratio);
  double value = 0;
  for (auto _ : state) {
    value = greedy(in);
    benchmark::DoNotOptimize(value);
  }
  report(state, k, value);
}

const int registered = [] {
  for (const auto& k : prio_test::nrp_known()) {
    const std::string name = std::string(k.file) + "/" + (k.ratio == 0.3 ? "0.3" : "0.5");
    benchmark::RegisterBenchmark(("greedy/" + name).c_str(), bm_greedy, k)->Iterations(1)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("prio/" + name).c_str(), bm_prio, k)->Iterations(1)->Unit(benchmark::kMillisecond);
  }
  return 0;
}();

}  // namespace

// BENCHMARK_MAIN, plus a failing exit code when an answer fails the check.
int main(int argc, char** argv) {
  // --seed=N (taken out before the benchmark library reads the rest).
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--seed=", 0) == 0) {
      const char* first = a.c_str() + 7;
      const char* last = a.c_str() + a.size();
      const auto [end, ec] = std::from_chars(first, last, seed);
      if (ec != std::errc{} || end != last || first == last) {
        std::fprintf(stderr, "bench_nrp: --seed wants a non-negative integer, got '%s'\n", first);
        return 2;
      }
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return failures > 0 ? 1 : 0;
}
