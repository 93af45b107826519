// Dependency-aware ordering beside Boost.Graph's topological_sort on the same
// backlog. Both sides start from the backlog (string ids and depends_on lists)
// and include building their graph, so the ratio is end to end. Two Boost
// baselines: an adjacency_list with every listed edge, and a CSR graph built
// like prio's (edges sorted, duplicates merged).
#include <prio/detail/id_index.hpp>
#include <prio/graph.hpp>
#include <prio/order.hpp>

#include <benchmark/benchmark.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

std::uint64_t next(std::uint64_t& s) {  // splitmix64
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct Fixture {
  prio::Backlog backlog;
  prio::Scores scores;
  Eigen::VectorXd durations;
};

// n features, about 4n dependencies (half_edges / 2 per feature): feature k
// of a random topological order depends on up to 4 random earlier ones; rows
// are added in another order.
const Fixture& fixture(std::size_t n, int half_edges = 8) {
  static std::map<std::pair<std::size_t, int>, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[{n, half_edges}];
  if (slot) return *slot;
  std::uint64_t seed = 12345 + n;
  std::vector<std::uint32_t> topo(n);
  for (std::size_t i = 0; i < n; ++i) topo[i] = static_cast<std::uint32_t>(i);
  for (std::size_t i = n; i > 1; --i) std::swap(topo[i - 1], topo[next(seed) % i]);
  std::vector<std::vector<std::string>> deps(n);
  for (std::size_t k = 1; k < n; ++k)
    for (int e = 0; e < (half_edges + static_cast<int>(k & 1)) / 2; ++e) deps[topo[k]].push_back("f" + std::to_string(topo[next(seed) % k]));
  std::vector<std::string> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = "f" + std::to_string(i);
  slot = std::make_unique<Fixture>();
  slot->backlog = prio::Backlog::from_ids(std::move(ids));
  slot->backlog.set_depends_on(std::move(deps));
  Eigen::VectorXd v(static_cast<Eigen::Index>(n)), d(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    v[static_cast<Eigen::Index>(i)] = static_cast<double>(next(seed) % 1000000) / 100.0;
    d[static_cast<Eigen::Index>(i)] = 1.0 + static_cast<double>(next(seed) % 13);
  }
  slot->scores = prio::Scores(v, slot->backlog.shared_ids(), "bench");
  slot->durations = d;
  return *slot;
}

void set_counters(benchmark::State& state, const prio::Backlog& b) {
  std::size_t edges = 0;
  for (const auto& d : b.depends_on()) edges += d.size();
  state.counters["features"] = static_cast<double>(b.size());
  state.counters["edges"] = static_cast<double>(edges);
}

// Baseline: Boost.Graph adjacency_list built from the backlog, then topological_sort.
void BM_boost_topological_sort(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)));
  const prio::Backlog& b = f.backlog;
  for (auto _ : state) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph g(b.size());
    for (prio::FeatureIndex i = 0; i < b.size(); ++i)
      for (const auto& d : b.depends_on(i)) boost::add_edge(*b.find(d), i, g);
    std::vector<Graph::vertex_descriptor> out;
    out.reserve(b.size());
    boost::topological_sort(g, std::back_inserter(out));
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(state, b);
}

// Baseline built the way prio builds its graph: edges gathered by id look-up,
// sorted, duplicates merged, then a compressed sparse row graph; construction
// included, as in prio's timings.
void BM_boost_csr_topological_sort(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)));
  const prio::Backlog& b = f.backlog;
  using Csr = boost::compressed_sparse_row_graph<boost::directedS>;
  for (auto _ : state) {
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    for (prio::FeatureIndex i = 0; i < b.size(); ++i)
      for (const auto& d : b.depends_on(i)) edges.emplace_back(*b.find(d), i);
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    const Csr g(boost::edges_are_sorted, edges.begin(), edges.end(), b.size());
    std::vector<Csr::vertex_descriptor> out;
    out.reserve(b.size());
    boost::topological_sort(g, std::back_inserter(out));
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(state, b);
}

void BM_prio_greedy(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const prio::DependencyGraph g(f.backlog);
    auto o = prio::order(g, f.scores);
    benchmark::DoNotOptimize(o.data());
  }
  set_counters(state, f.backlog);
}

void BM_prio_inherited(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const prio::DependencyGraph g(f.backlog);
    auto o = prio::order(g, f.scores, prio::inherited());
    benchmark::DoNotOptimize(o.data());
  }
  set_counters(state, f.backlog);
}

// The graph alone (id look-ups, folding duplicates, cycle check), to show where the time goes.
void BM_prio_graph_only(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const prio::DependencyGraph g(f.backlog);
    benchmark::DoNotOptimize(g.edge_count());
  }
  set_counters(state, f.backlog);
}

// The graph at 1.5 dependencies per feature (the rank_end_to_end backlog's shape).
void BM_prio_graph_1_5_edges(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state) {
    const prio::DependencyGraph g(f.backlog);
    benchmark::DoNotOptimize(g.edge_count());
  }
  set_counters(state, f.backlog);
}

// The id look-ups inside the graph (and every reader): building the index of
// n ids and finding every dependency, with the backlog's index
// (detail::IdIndex: 8-byte slots, keys are the backlog's own strings) beside
// std::unordered_map<std::string, index> (what the backlog used before: a
// node and a copy of the id per entry), on the same ids.
void BM_id_index_unordered_map(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state) {
    std::unordered_map<std::string, std::uint32_t> index;
    index.reserve(f.backlog.size());
    for (const auto& id : f.backlog.ids()) index.emplace(id, static_cast<std::uint32_t>(index.size()));
    std::uint64_t sum = 0;
    for (const auto& deps : f.backlog.depends_on())
      for (const auto& d : deps) sum += index.find(d)->second;
    benchmark::DoNotOptimize(sum);
  }
  set_counters(state, f.backlog);
}

void BM_id_index_prio(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)), 3);
  const auto& ids = f.backlog.ids();
  for (auto _ : state) {
    prio::detail::IdIndex index;
    index.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) index.insert(prio::detail::IdIndex::hash(ids[i]), static_cast<std::uint32_t>(i));
    std::uint64_t sum = 0;
    for (const auto& deps : f.backlog.depends_on())
      for (const auto& d : deps) sum += static_cast<std::uint64_t>(index.find(d, ids));
    benchmark::DoNotOptimize(sum);
  }
  set_counters(state, f.backlog);
}

// Backlog::from_ids (the readers' and from_pandas' way to index the ids)
// beside its baseline, the copy of the id vector it is handed.
void BM_ids_copy(benchmark::State& state) {
  const auto& ids = fixture(static_cast<std::size_t>(state.range(0)), 3).backlog.ids();
  for (auto _ : state) {
    std::vector<std::string> copy = ids;
    benchmark::DoNotOptimize(copy.data());
  }
}

void BM_backlog_from_ids(benchmark::State& state) {
  const auto& ids = fixture(static_cast<std::size_t>(state.range(0)), 3).backlog.ids();
  for (auto _ : state) {
    prio::Backlog b = prio::Backlog::from_ids(ids);
    benchmark::DoNotOptimize(&b);
  }
}

void BM_prio_value_density(benchmark::State& state) {
  const auto& f = fixture(static_cast<std::size_t>(state.range(0)));
  double cost = 0, greedy_cost = 0;
  const prio::DependencyGraph g(f.backlog);
  for (auto _ : state) {
    const prio::DependencyGraph g2(f.backlog);
    auto o = prio::order(g2, f.scores, prio::value_density(f.durations));
    benchmark::DoNotOptimize(o.data());
    cost = prio::weighted_completion_time(o, f.scores, f.durations);
  }
  greedy_cost = prio::weighted_completion_time(prio::order(g, f.scores), f.scores, f.durations);
  set_counters(state, f.backlog);
  state.counters["cost_vs_greedy"] = cost / greedy_cost;
}

}  // namespace

BENCHMARK(BM_boost_topological_sort)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_boost_csr_topological_sort)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_prio_greedy)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_prio_inherited)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_prio_graph_only)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_prio_graph_1_5_edges)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_id_index_unordered_map)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_id_index_prio)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ids_copy)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_backlog_from_ids)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_prio_value_density)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_prio_value_density)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
