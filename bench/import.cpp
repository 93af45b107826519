// Importing a Jira CSV export beside reading prio's own CSV of the same
// features, in the same binary: the export is wider (repeated Labels, Sprint
// and link columns, text the profile skips), so the ratio of the two times is
// the cost of the profile. Target: the import at no less than half the speed
// of prio's reader (time ratio <= 2).
//
// Both texts are generated in memory (seeded), 10^5 issues by default, with
// ~1 Blocks link per issue written on both of its issues as Jira does.
#include <benchmark/benchmark.h>

#include <prio/import.hpp>
#include <prio/io.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <random>
#include <string>

namespace {

struct Texts {
  std::string jira, prio;
};

const Texts& texts(std::size_t n) {
  static std::size_t made = 0;
  static Texts t;
  if (made == n) return t;
  made = n;
  std::mt19937_64 rng(20261126);
  const char* priorities[] = {"Highest", "High", "Medium", "Low", "Lowest"};
  const double ordinal[] = {5, 4, 3, 2, 1};
  const char* points[] = {"1", "2", "3", "5", "8", "13"};
  t.jira = "Summary,Issue key,Issue id,Issue Type,Status,Status Category,Priority,Labels,Labels,Sprint,Sprint,"
           "Custom field (Story point estimate),Custom field (Story Points),Original estimate,Time Spent,"
           "Outward issue link (Blocks),Inward issue link (Blocks),Parent,Parent key,Description\n";
  t.prio = "id,title,effort,priority,original_estimate_hours,time_spent_hours,depends_on\n";
  std::vector<std::size_t> blocker(n, n);  // issue i is blocked by blocker[i] (< i), or none
  for (std::size_t i = 1; i < n; ++i)
    if (rng() % 4 != 0) blocker[i] = i - 1 - rng() % std::min<std::size_t>(i, 500);
  std::vector<std::vector<std::size_t>> blocks(n);
  for (std::size_t i = 0; i < n; ++i)
    if (blocker[i] < n) blocks[blocker[i]].push_back(i);
  char buf[512];
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t p = rng() % 5;
    const char* sp = points[rng() % 6];
    const unsigned long long est = 3600ULL * (1 + rng() % 40), spent = 1800ULL * (rng() % 20);
    const std::string outward = blocks[i].empty() ? "" : "APP-" + std::to_string(blocks[i].front() + 1);
    const std::string inward = blocker[i] < n ? "APP-" + std::to_string(blocker[i] + 1) : "";
    const bool team = rng() % 2;
    std::snprintf(buf, sizeof buf,
                  "\"Feature %zu, phase %zu\",APP-%zu,%zu,Story,To Do,To Do,%s,backend,web,Sprint %zu,Sprint %zu,%s,%s,%llu,%llu,%s,%s,,,"
                  "\"As a user I want feature %zu so that I can work faster.\"\n",
                  i, i % 7, i + 1, 10000 + i, priorities[p], i % 30, i % 30 + 1, team ? sp : "", team ? "" : sp, est, spent,
                  outward.c_str(), inward.c_str(), i);
    t.jira += buf;
    std::snprintf(buf, sizeof buf, "APP-%zu,\"Feature %zu, phase %zu\",%s,%s,%s,%s,%s\n", i + 1, i, i % 7, sp,
                  prio::format_number(ordinal[p]).c_str(), prio::format_number(static_cast<double>(est) / 3600).c_str(),
                  prio::format_number(static_cast<double>(spent) / 3600).c_str(), inward.c_str());
    t.prio += buf;
  }
  return t;
}

void BM_prio_read_csv(benchmark::State& state) {
  const auto& t = texts(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto r = prio::read_csv(t.prio);
    if (!r.ok()) state.SkipWithError("prio's CSV did not read cleanly");
    benchmark::DoNotOptimize(r.backlog.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_jira_import(benchmark::State& state) {
  const auto& t = texts(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto r = prio::read_import(prio::ImportProfile::jira, t.jira);
    if (!r.ok() || r.backlog.size() != static_cast<std::size_t>(state.range(0))) state.SkipWithError("the Jira export did not read cleanly");
    benchmark::DoNotOptimize(r.backlog.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// PRIO_BENCH_SMOKE (the ctest smoke run): a small export, only to see it run.
const std::int64_t issues = std::getenv("PRIO_BENCH_SMOKE") != nullptr ? 2000 : 100000;

}  // namespace

BENCHMARK(BM_prio_read_csv)->Arg(issues)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_jira_import)->Arg(issues)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
