// Generators and brute-force references shared by the graph and order tests.
#pragma once

#include <prio/graph.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace prio_test {

using Edge = std::pair<std::uint32_t, std::uint32_t>;  // first must come before second

/// Seeded generator with its own distributions (portable across libraries).
struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(uniform() * n); }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(static_cast<std::uint32_t>(i))]);
  }
};

inline std::string id_of(std::uint32_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "f%04u", static_cast<unsigned>(i));
  return buf;
}

/// A backlog of n features "f0000".. whose depends_on follow the edges;
/// rows are added in the order `rows` (a permutation of 0..n-1; empty = 0..n-1).
inline prio::Backlog make_backlog(std::uint32_t n, const std::vector<Edge>& edges, std::vector<std::uint32_t> rows = {}) {
  std::vector<std::vector<std::string>> deps(n);
  for (const auto& [u, v] : edges) deps[v].push_back(id_of(u));
  if (rows.empty())
    for (std::uint32_t i = 0; i < n; ++i) rows.push_back(i);
  prio::Backlog b;
  for (const std::uint32_t r : rows) b.add(prio::Feature{.id = id_of(r), .depends_on = deps[r]});
  return b;
}

inline prio::Scores make_scores(const prio::Backlog& b, const std::vector<double>& by_node) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(b.size()));
  for (prio::FeatureIndex i = 0; i < b.size(); ++i) v[i] = by_node[static_cast<std::size_t>(std::stoul(b.id(i).substr(1)))];
  return prio::Scores(v, b.shared_ids(), "test");
}

inline std::vector<Edge> random_dag(Rng& rng, std::uint32_t n, double p) {
  std::vector<std::uint32_t> perm(n);
  for (std::uint32_t i = 0; i < n; ++i) perm[i] = i;
  rng.shuffle(perm);
  std::vector<Edge> e;
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::uint32_t j = i + 1; j < n; ++j)
      if (rng.uniform() < p) e.emplace_back(perm[i], perm[j]);
  return e;
}

inline std::vector<Edge> layered(Rng& rng, std::uint32_t n, std::uint32_t layers, double p) {
  std::vector<std::uint32_t> layer(n);
  for (auto& l : layer) l = rng.below(layers);
  std::vector<Edge> e;
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::uint32_t v = 0; v < n; ++v)
      if (layer[u] + 1 == layer[v] && rng.uniform() < p) e.emplace_back(u, v);
  return e;
}

inline std::vector<Edge> tree(Rng& rng, std::uint32_t n, bool out_tree) {
  std::vector<Edge> e;
  for (std::uint32_t v = 1; v < n; ++v) {
    const std::uint32_t parent = rng.below(v);
    e.emplace_back(out_tree ? parent : v, out_tree ? v : parent);
  }
  return e;
}

inline std::vector<Edge> chains(Rng& rng, std::uint32_t n) {
  std::vector<Edge> e;
  for (std::uint32_t v = 1; v < n; ++v)
    if (rng.uniform() < 0.8) e.emplace_back(v - 1, v);
  return e;
}

/// A series-parallel order on nodes [lo, hi): its transitive reduction.
struct Sp {
  std::vector<std::uint32_t> sources, sinks;
};
inline Sp series_parallel(Rng& rng, std::uint32_t lo, std::uint32_t hi, std::vector<Edge>& e) {
  if (hi - lo == 1) return {{lo}, {lo}};
  const std::uint32_t mid = lo + 1 + rng.below(hi - lo - 1);
  Sp a = series_parallel(rng, lo, mid, e), b = series_parallel(rng, mid, hi, e);
  if (rng.uniform() < 0.5) {  // series: a before b
    for (const auto u : a.sinks)
      for (const auto v : b.sources) e.emplace_back(u, v);
    return {a.sources, b.sinks};
  }
  a.sources.insert(a.sources.end(), b.sources.begin(), b.sources.end());
  a.sinks.insert(a.sinks.end(), b.sinks.begin(), b.sinks.end());
  return a;
}

/// True when every edge goes forward in the order of ids.
inline bool respects(const prio::Backlog& b, const std::vector<prio::FeatureIndex>& order, const std::vector<Edge>& edges) {
  std::vector<std::size_t> at(b.size(), std::numeric_limits<std::size_t>::max());
  for (std::size_t k = 0; k < order.size(); ++k) at.at(order[k]) = k;
  for (const auto a : at)
    if (a == std::numeric_limits<std::size_t>::max()) return false;  // not a permutation
  for (const auto& [u, v] : edges)
    if (at[b.index_of(id_of(u))] >= at[b.index_of(id_of(v))]) return false;
  return true;
}

inline std::vector<std::string> ids(const prio::Backlog& b, const std::vector<prio::FeatureIndex>& order) {
  std::vector<std::string> out;
  for (const auto i : order) out.push_back(b.id(i));
  return out;
}

/// reach[u][v]: v is reachable from u along edges (u before v), u != v paths only.
inline std::vector<std::vector<char>> reachability(std::uint32_t n, const std::vector<Edge>& edges) {
  std::vector<std::vector<char>> r(n, std::vector<char>(n, 0));
  for (const auto& [u, v] : edges) r[u][v] = 1;
  for (std::uint32_t k = 0; k < n; ++k)
    for (std::uint32_t i = 0; i < n; ++i)
      if (r[i][k])
        for (std::uint32_t j = 0; j < n; ++j)
          if (r[k][j]) r[i][j] = 1;
  return r;
}

}  // namespace prio_test
