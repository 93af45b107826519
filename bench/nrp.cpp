// The Next Release Problem on the published instances (../shared/data/nrp):
// prio::solve_nrp beside the classic greedy baseline (customers by profit per
// marginal cost of their closure, Bagnall et al. 2001) in the same binary.
// Counters: value, the proven optimum, the gap to it (%), the published BMA
// value, the solver's upper bound. Each run is one call (Iterations(1)).
#include <benchmark/benchmark.h>

#include <prio/nrp.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Known {
  const char* file;
  double ratio, optimum, bma;
};

// ../shared/data/README.md: optima proven with an ILP solver, BMA values of Xuan et al. (2012).
const Known known[] = {
    {"classic/nrp1.txt", 0.3, 1204, 1201},    {"classic/nrp1.txt", 0.5, 1840, 1824},    {"classic/nrp2.txt", 0.3, 4970, 4726},
    {"classic/nrp2.txt", 0.5, 8065, 7566},    {"classic/nrp3.txt", 0.3, 7488, 7123},    {"classic/nrp3.txt", 0.5, 11159, 10897},
    {"classic/nrp4.txt", 0.3, 10690, 9818},   {"classic/nrp4.txt", 0.5, 15985, 15025},  {"classic/nrp5.txt", 0.3, 18510, 17200},
    {"classic/nrp5.txt", 0.5, 24701, 24240},  {"realistic/nrp-e1.txt", 0.3, 7919, 7572}, {"realistic/nrp-e1.txt", 0.5, 11071, 10664},
    {"realistic/nrp-e2.txt", 0.3, 7446, 7169}, {"realistic/nrp-e2.txt", 0.5, 10381, 10098}, {"realistic/nrp-e3.txt", 0.3, 6666, 6461},
    {"realistic/nrp-e3.txt", 0.5, 9362, 9175}, {"realistic/nrp-e4.txt", 0.3, 5814, 5692}, {"realistic/nrp-e4.txt", 0.5, 8174, 8043},
    {"realistic/nrp-g1.txt", 0.3, 6130, 5938}, {"realistic/nrp-g1.txt", 0.5, 8897, 8714}, {"realistic/nrp-g2.txt", 0.3, 4580, 4526},
    {"realistic/nrp-g2.txt", 0.5, 6553, 6502}, {"realistic/nrp-g3.txt", 0.3, 5932, 5802}, {"realistic/nrp-g3.txt", 0.5, 8501, 8402},
    {"realistic/nrp-g4.txt", 0.3, 4218, 4190}, {"realistic/nrp-g4.txt", 0.5, 6063, 6030}, {"realistic/nrp-m1.txt", 0.3, 10770, 10008},
    {"realistic/nrp-m1.txt", 0.5, 15540, 14588}, {"realistic/nrp-m2.txt", 0.3, 8707, 8272}, {"realistic/nrp-m2.txt", 0.5, 12585, 11975},
    {"realistic/nrp-m3.txt", 0.3, 10391, 9559}, {"realistic/nrp-m3.txt", 0.5, 15096, 14138}, {"realistic/nrp-m4.txt", 0.3, 7777, 7408},
    {"realistic/nrp-m4.txt", 0.5, 11369, 10893},
};

// The data sits beside the project: <repo>/../shared/data.
std::string path_of(const Known& k) {
  return (std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "shared" / "data" / "nrp" / k.file).lexically_normal().string();
}

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
  const auto in = prio::to_instance(prio::read_nrp_file(path_of(k)), k.ratio);
  prio::NrpSolution sol;
  for (auto _ : state) {
    sol = prio::solve_nrp(in, prio::ReleaseOptions{.time_limit = 10.0, .seed = 1});
    benchmark::DoNotOptimize(sol.value);
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
  const auto in = prio::to_instance(prio::read_nrp_file(path_of(k)), k.ratio);
  double value = 0;
  for (auto _ : state) {
    value = greedy(in);
    benchmark::DoNotOptimize(value);
  }
  report(state, k, value);
}

const int registered = [] {
  for (const auto& k : known) {
    const std::string name = std::string(k.file) + "/" + (k.ratio == 0.3 ? "0.3" : "0.5");
    benchmark::RegisterBenchmark(("greedy/" + name).c_str(), bm_greedy, k)->Iterations(1)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("prio/" + name).c_str(), bm_prio, k)->Iterations(1)->Unit(benchmark::kMillisecond);
  }
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
