// Backtest of 5 strategies on a 10^5-feature history with 1,000 bootstrap
// resamples (NDCG@10, precision@10, Kendall tau-b, Spearman and the value
// captured against an exact knapsack optimum, per resample), beside the
// baseline of one scoring pass (RICE on the same history) in the same binary.
// Run: bench_backtest --benchmark_min_time=1x --benchmark_repetitions=3
#include <prio/experiment/backtest.hpp>
#include <prio/score.hpp>
#include <prio/strategies/rice.hpp>
#include <prio/strategies/weighted.hpp>
#include <prio/strategies/wsjf.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>

#include "../tests/support/history_generator.hpp"

namespace {

// PRIO_BENCH_SMOKE (the ctest smoke run): a small history, only to see it run.
const bool smoke = std::getenv("PRIO_BENCH_SMOKE") != nullptr;
const std::size_t features = smoke ? 2000 : 100000, resamples = smoke ? 20 : 1000;

const prio::Backlog& history() {
  static const prio::Backlog h = prio::test::make_history({.features = features, .seed = 1, .noise = 0.5, .teams = true});
  return h;
}

std::vector<std::pair<std::string, prio::Strategy>> strategies() {
  return {{"rice", prio::rice()},
          {"wsjf", prio::wsjf()},
          {"weighted", prio::weighted({{"retention", 0.6}, {"effort", 0.4, prio::Direction::cost}})},
          {"weighted-rank", prio::weighted({{"revenue", 0.5}, {"retention", 0.3}, {"job_size", 0.2, prio::Direction::cost}},
                                           prio::Normalization::rank)},
          {"reach", prio::custom("reach", [](const prio::Backlog& b) { return Eigen::VectorXd(b.column("reach")); })}};
}

void one_scoring_pass(benchmark::State& state) {
  const prio::Backlog& h = history();
  for (auto _ : state) {
    const prio::Scores s = prio::score(h, prio::rice());
    benchmark::DoNotOptimize(s.values().data());
  }
}
BENCHMARK(one_scoring_pass)->Unit(benchmark::kMillisecond)->UseRealTime();

void backtest_5_strategies_1000_resamples(benchmark::State& state) {
  const prio::Backlog& h = history();
  const auto s = strategies();
  for (auto _ : state) {
    const auto bt = prio::backtest(h, s,
                                   {.value = "realized_value", .cost = "actual_effort", .k = 10, .budget_ratio = 0.3, .bootstrap = resamples,
                                    .seed = 1, .threads = static_cast<unsigned>(state.range(0))});
    benchmark::DoNotOptimize(bt.strategies.data());
    state.counters["unproven_resamples"] = static_cast<double>(bt.unproven_resamples);
    state.counters["optimum_gap"] = bt.optimum_gap;  // value captured reads at most this share high
  }
}
BENCHMARK(backtest_5_strategies_1000_resamples)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The point estimates alone (no bootstrap): ranking, optimum and measures once.
void backtest_no_bootstrap(benchmark::State& state) {
  const prio::Backlog& h = history();
  const auto s = strategies();
  for (auto _ : state) {
    const auto bt = prio::backtest(h, s, {.value = "realized_value", .cost = "actual_effort", .bootstrap = 0});
    benchmark::DoNotOptimize(bt.strategies.data());
  }
}
BENCHMARK(backtest_no_bootstrap)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
