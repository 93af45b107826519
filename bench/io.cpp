// Reading backlog CSV files: prio::read_backlog beside a baseline that only
// reads the same file and counts its lines (the floor for any CSV reader),
// and JSON beside the same baseline. Bytes per second are reported, so the
// ratio is the reader's cost over raw I/O.
//
// The files are generated (seeded) next to the binary on first use:
// bench_io_<rows>.csv / .json, with ~1.5 dependencies per feature, quoted
// titles and percentages, as in bench/rank_end_to_end.py; and wide files,
// bench_io_wide_<columns>.csv (10 features, 10^3..10^5 attribute columns),
// where a reader that is linear in its input keeps the same bytes per second
// as the columns grow. And the dependency graph of the CSV's backlog (rows in
// file order, prerequisites among the 5,000 rows before), beside reading it.
#include <benchmark/benchmark.h>

#include <prio/graph.hpp>
#include <prio/io.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

std::string csv_text(std::size_t rows) {
  std::mt19937_64 rng(20261126);
  const char* impacts[] = {"3", "2", "1", "0.5", "0.25"};
  const char* confidences[] = {"100%", "80%", "50%", "0.8", "80"};
  const char* moscow[] = {"must", "should", "could", "won't", ""};
  const char* efforts[] = {"0.5", "1", "2", "3", "5", "8", "13"};
  std::string out = "id,title,reach,impact,confidence,effort,moscow,depends_on\n";
  char buf[256];
  for (std::size_t i = 0; i < rows; ++i) {
    std::string deps;
    const std::size_t k = i == 0 ? 0 : rng() % 4;
    for (std::size_t d = 0; d < k; ++d) {
      const std::size_t lo = i > 5000 ? i - 5000 : 0;
      std::snprintf(buf, sizeof buf, "%sF%07zu", deps.empty() ? "" : ";", lo + rng() % (i - lo));
      deps += buf;
    }
    std::snprintf(buf, sizeof buf, i % 10 ? "F%07zu,Feature %zu,%llu,%s,%s,%s,%s," : "F%07zu,\"Feature %zu, with a comma\",%llu,%s,%s,%s,%s,",
                  i, i, static_cast<unsigned long long>(10 + rng() % 99990), impacts[rng() % 5], confidences[rng() % 5],
                  efforts[rng() % 7], moscow[rng() % 5]);
    out += buf;
    out += deps;
    out += '\n';
  }
  return out;
}

std::string file_for(std::size_t rows, const char* ext) {
  const std::string path = "bench_io_" + std::to_string(rows) + ext;
  if (!std::filesystem::exists(path)) {
    std::string text = csv_text(rows);
    if (std::strcmp(ext, ".json") == 0) {
      const auto r = prio::read_csv(std::move(text));
      text = prio::write_json(r.backlog);
    }
    std::ofstream(path, std::ios::binary) << text;
  }
  return path;
}

std::string wide_file(std::size_t columns) {
  const std::string path = "bench_io_wide_" + std::to_string(columns) + ".csv";
  if (!std::filesystem::exists(path)) {
    std::mt19937_64 rng(20261127);
    std::string text = "id,title";
    for (std::size_t c = 0; c < columns; ++c) text += ",metric_" + std::to_string(c);
    text += '\n';
    for (std::size_t r = 0; r < 10; ++r) {
      text += "F" + std::to_string(r) + ",Feature " + std::to_string(r);
      for (std::size_t c = 0; c < columns; ++c) text += "," + std::to_string(rng() % 1000);
      text += '\n';
    }
    std::ofstream(path, std::ios::binary) << text;
  }
  return path;
}

// Baseline: read the whole file into memory and count its lines.
void baseline_count_lines(benchmark::State& state, const std::string& path) {
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  for (auto _ : state) {
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<std::size_t>(bytes), '\0');
    in.read(text.data(), bytes);
    benchmark::DoNotOptimize(std::count(text.begin(), text.end(), '\n'));
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}

void prio_read(benchmark::State& state, const std::string& path) {
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  for (auto _ : state) {
    const auto r = prio::read_backlog(path);
    if (!r.ok()) state.SkipWithError("the generated file did not read cleanly");
    benchmark::DoNotOptimize(r.backlog.size());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}

std::string rows_file(const benchmark::State& s, const char* ext) { return file_for(static_cast<std::size_t>(s.range(0)), ext); }

// DependencyGraph of the backlog read from the CSV (read once, outside the timing).
void BM_csv_backlog_dependency_graph(benchmark::State& state) {
  const auto r = prio::read_backlog(rows_file(state, ".csv"));
  if (!r.ok()) state.SkipWithError("the generated file did not read cleanly");
  for (auto _ : state) {
    const prio::DependencyGraph g(r.backlog);
    benchmark::DoNotOptimize(g.edge_count());
  }
}
// The floor of any reader that produces the backlog's layout (the API's
// std::string ids and titles, a std::vector of id strings per feature's
// dependencies, the id index, the columns): the CSV's backlog, read once
// outside the timing, rebuilt from copies of its own vectors, with no text to
// parse. The copies allocate and fault in what a reader's output must.
void BM_csv_backlog_layout_floor(benchmark::State& state) {
  const auto r = prio::read_backlog(rows_file(state, ".csv"));
  if (!r.ok()) state.SkipWithError("the generated file did not read cleanly");
  const prio::Backlog& src = r.backlog;
  for (auto _ : state) {
    prio::Backlog b = prio::Backlog::from_ids(src.ids());
    b.set_titles(src.titles());
    b.set_moscow(src.moscow());
    b.set_depends_on(src.depends_on());
    b.reserve_attributes(src.attributes().size());
    for (const auto& name : src.attributes()) b.set_column(name, src.column(name));
    benchmark::DoNotOptimize(b.size());
  }
}
void BM_csv_baseline_read_and_count_lines(benchmark::State& s) { baseline_count_lines(s, rows_file(s, ".csv")); }
void BM_csv_prio_read_backlog(benchmark::State& s) { prio_read(s, rows_file(s, ".csv")); }
void BM_json_baseline_read_and_count_lines(benchmark::State& s) { baseline_count_lines(s, rows_file(s, ".json")); }
void BM_json_prio_read_backlog(benchmark::State& s) { prio_read(s, rows_file(s, ".json")); }
void BM_wide_csv_baseline_read_and_count_lines(benchmark::State& s) { baseline_count_lines(s, wide_file(static_cast<std::size_t>(s.range(0)))); }
void BM_wide_csv_prio_read_backlog(benchmark::State& s) { prio_read(s, wide_file(static_cast<std::size_t>(s.range(0)))); }

}  // namespace

BENCHMARK(BM_csv_baseline_read_and_count_lines)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_csv_prio_read_backlog)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_csv_backlog_layout_floor)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_csv_backlog_dependency_graph)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_json_baseline_read_and_count_lines)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_json_prio_read_backlog)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_wide_csv_baseline_read_and_count_lines)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_wide_csv_prio_read_backlog)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
