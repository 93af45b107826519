// prio::DependencyGraph: construction, errors, cycles, bundles, queries, DOT.
#include <prio/graph.hpp>
#include <prio/order.hpp>
#include <prio/validate.hpp>

#include <catch2/catch.hpp>

#include "skip.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "graph_support.hpp"

using prio::FeatureIndex;
using namespace prio_test;

namespace {

prio::Backlog backlog_of(std::vector<std::pair<std::string, std::vector<std::string>>> rows) {
  prio::Backlog b;
  for (auto& [id, deps] : rows) b.add(prio::Feature{.id = id, .depends_on = deps});
  return b;
}

std::vector<FeatureIndex> span_vec(std::span<const FeatureIndex> s) { return {s.begin(), s.end()}; }

// Checks a closed path: starts and ends at the same id, each step is a real
// "depends on" edge, and no id repeats inside.
void check_path(const prio::Backlog& b, const std::vector<std::string>& path) {
  REQUIRE(path.size() >= 3);
  CHECK(path.front() == path.back());
  for (std::size_t k = 0; k + 1 < path.size(); ++k) {
    const auto& deps = b.depends_on(b.index_of(path[k]));
    CHECK(std::find(deps.begin(), deps.end(), path[k + 1]) != deps.end());
  }
  std::set<std::string> inner(path.begin(), path.end() - 1);
  CHECK(inner.size() == path.size() - 1);
}

}  // namespace

TEST_CASE("the graph folds duplicate edges and answers adjacency") {
  const auto b = backlog_of({{"a", {}}, {"b", {"a", "a"}}, {"c", {"b", "a"}}, {"d", {}}});
  const prio::DependencyGraph g(b);
  CHECK(g.size() == 4);
  CHECK(g.edge_count() == 3);
  CHECK(span_vec(g.prerequisites(2)) == std::vector<FeatureIndex>{0, 1});
  CHECK(span_vec(g.dependents(0)) == std::vector<FeatureIndex>{1, 2});
  CHECK(g.prerequisites(3).empty());
  CHECK(g.bundles().empty());
  CHECK_FALSE(g.bundle_of(0));
  CHECK(&g.id(2) == &b.shared_ids()->at(2));  // shares the backlog's ids
  CHECK_THROWS_AS(g.prerequisites(4), prio::error);
  // validate reports the duplicate as a warning, not an error.
  const auto d = prio::validate(b);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == prio::errc::duplicate_dependency);
  CHECK(d[0].severity == prio::Severity::warning);
}

TEST_CASE("unknown ids and self-dependencies are errors naming the feature") {
  try {
    (void)prio::DependencyGraph(backlog_of({{"a", {}}, {"billing", {"a", "nope"}}}));
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::unknown_dependency);
    CHECK(e.feature() == "billing");
    CHECK(e.field() == "depends_on");
    CHECK(std::string(e.what()).find("'nope'") != std::string::npos);
  }
  try {
    (void)prio::DependencyGraph(backlog_of({{"a", {"a"}}}));
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::self_dependency);
    CHECK(e.feature() == "a");
  }
}

TEST_CASE("cycle_error lists every cycle group with a concrete path") {
  const auto b = backlog_of({{"billing", {"invoices"}},
                             {"invoices", {"billing"}},
                             {"x", {"billing"}},
                             {"c", {"a"}},
                             {"a", {"b"}},
                             {"b", {"c", "x"}},
                             {"free", {}}});
  try {
    (void)prio::DependencyGraph(b);
    FAIL("no throw");
  } catch (const prio::cycle_error& e) {
    CHECK(e.code() == prio::errc::cycle);
    REQUIRE(e.cycles().size() == 2);
    CHECK(e.cycles()[0] == std::vector<std::string>{"a", "b", "c", "a"});
    CHECK(e.cycles()[1] == std::vector<std::string>{"billing", "invoices", "billing"});
    CHECK(e.description() == "2 dependency cycles: a -> b -> c -> a; billing -> invoices -> billing");
    CHECK(e.feature() == "a");
  }
  const auto d = prio::validate(b);
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == prio::errc::cycle);
  CHECK(d[0].where.feature == "a");
  CHECK(d[0].message == "is in a dependency cycle: a -> b -> c -> a");
  CHECK(d[1].where.feature == "billing");
}

TEST_CASE("cycle groups equal the strongly connected components, on random graphs") {
  Rng rng(7);
  int with_cycles = 0;
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 2 + rng.below(14);
    std::vector<Edge> edges;
    const double p = 0.05 + 0.2 * rng.uniform();
    for (std::uint32_t u = 0; u < n; ++u)
      for (std::uint32_t v = 0; v < n; ++v)
        if (u != v && rng.uniform() < p) edges.emplace_back(u, v);
    const auto b = make_backlog(n, edges);
    const auto r = reachability(n, edges);
    // Brute-force groups: u ~ v when each reaches the other.
    std::set<std::set<std::string>> expected;
    for (std::uint32_t u = 0; u < n; ++u) {
      std::set<std::string> grp;
      for (std::uint32_t v = 0; v < n; ++v)
        if (u == v ? r[u][u] : (r[u][v] && r[v][u])) grp.insert(id_of(v));
      if (grp.size() > 1) expected.insert(grp);
    }
    std::set<std::set<std::string>> hit;  // the groups the reported cycles lie in
    try {
      const prio::DependencyGraph g(b);
      CHECK(expected.empty());
    } catch (const prio::cycle_error& e) {
      ++with_cycles;
      for (const auto& c : e.cycles()) check_path(b, c);
      // Each path lies inside one group; the groups are exactly the SCCs.
      REQUIRE(e.cycles().size() == expected.size());
      for (const auto& c : e.cycles()) {
        const auto it = std::find_if(expected.begin(), expected.end(), [&c](const auto& grp) { return grp.count(c.front()) > 0; });
        REQUIRE(it != expected.end());
        for (const auto& id : c) CHECK(it->count(id) == 1);
        hit.insert(*it);
      }
      CHECK(hit == expected);  // one cycle in every group
      // Bundles hold the groups in full.
      const prio::DependencyGraph g(b, {.cycles = prio::CyclePolicy::bundle});
      std::set<std::set<std::string>> bundles;
      for (const auto& bundle : g.bundles()) {
        std::set<std::string> s;
        for (const auto i : bundle) s.insert(b.id(i));
        bundles.insert(s);
      }
      CHECK(bundles == expected);
    }
  }
  CHECK(with_cycles > 100);
}

TEST_CASE("bundles keep each cycle group adjacent in every order") {
  Rng rng(11);
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 2 + rng.below(20);
    std::vector<Edge> edges;
    for (std::uint32_t u = 0; u < n; ++u)
      for (std::uint32_t v = 0; v < n; ++v)
        if (u != v && rng.uniform() < 0.08) edges.emplace_back(u, v);
    const auto b = make_backlog(n, edges);
    const prio::DependencyGraph g(b, {.cycles = prio::CyclePolicy::bundle});
    std::vector<double> score(n), dur(n);
    for (auto& x : score) x = rng.uniform() * 10;
    for (auto& x : dur) x = 0.5 + rng.uniform();
    const auto s = make_scores(b, score);
    Eigen::VectorXd d(n);
    for (FeatureIndex i = 0; i < n; ++i) d[i] = dur[std::stoul(b.id(i).substr(1))];
    for (const prio::OrderPolicy& policy : {prio::OrderPolicy{prio::greedy()}, prio::OrderPolicy{prio::inherited()},
                                            prio::OrderPolicy{prio::value_density(d)}}) {
      const auto o = prio::order(g, s, policy);
      REQUIRE(o.size() == n);
      const auto at = prio::rank_positions(o);
      for (const auto& bundle : g.bundles()) {
        std::size_t lo = n, hi = 0;
        for (const auto i : bundle) {
          lo = std::min(lo, at[i]);
          hi = std::max(hi, at[i]);
        }
        CHECK(hi - lo + 1 == bundle.size());
        // Inside a bundle: rank order.
        for (std::size_t k = lo; k < hi; ++k) CHECK(s[o[k]] >= s[o[k + 1]]);
      }
      // Edges between different units go forward.
      for (const auto& [u, v] : edges) {
        const auto iu = b.index_of(id_of(u)), iv = b.index_of(id_of(v));
        if (g.bundle_of(iu) && g.bundle_of(iu) == g.bundle_of(iv)) continue;
        CHECK(at[iu] < at[iv]);
      }
    }
  }
}

TEST_CASE("ready, unmet_prerequisites, unblocks and critical_path agree with brute force") {
  Rng rng(3);
  for (int round = 0; round < 200; ++round) {
    const std::uint32_t n = 1 + rng.below(11);
    const auto edges = random_dag(rng, n, 0.3);
    const auto b = make_backlog(n, edges);  // index == node
    const prio::DependencyGraph g(b);
    const auto r = reachability(n, edges);
    std::vector<double> score(n);
    for (auto& x : score) x = std::floor(rng.uniform() * 100);
    const auto s = make_scores(b, score);
    std::vector<FeatureIndex> done;
    std::vector<char> is_done(n, 0);
    for (FeatureIndex i = 0; i < n; ++i)
      if (rng.uniform() < 0.3) {
        done.push_back(i);
        is_done[i] = 1;
      }
    // ready: not done, every direct prerequisite done.
    std::vector<FeatureIndex> ready_expected;
    for (FeatureIndex v = 0; v < n; ++v) {
      bool ok = !is_done[v];
      for (const auto& [a, c] : edges)
        if (c == v && !is_done[a]) ok = false;
      if (ok) ready_expected.push_back(v);
    }
    CHECK(prio::ready(g, done) == ready_expected);
    for (FeatureIndex v = 0; v < n; ++v) {
      // unblocks: everything reachable from v.
      std::vector<FeatureIndex> down;
      double total = 0;
      for (FeatureIndex w = 0; w < n; ++w)
        if (r[v][w]) {
          down.push_back(w);
          total += score[w];
        }
      const auto u = prio::unblocks(g, v, s);
      CHECK(u.features == down);
      CHECK(u.count == down.size());
      CHECK(u.total_score == Approx(total));
      // unmet: when nothing is done, everything that reaches v.
      std::vector<FeatureIndex> up;
      for (FeatureIndex w = 0; w < n; ++w)
        if (r[w][v]) up.push_back(w);
      CHECK(prio::unmet_prerequisites(g, v, {}) == up);
      // With some done: exactly the features not done that reach v along a
      // path of features not done (both ways: nothing missing, nothing extra).
      std::vector<char> waits(n, 0);  // walk back from v through features not done
      std::vector<FeatureIndex> stack{v};
      while (!stack.empty()) {
        const FeatureIndex y = stack.back();
        stack.pop_back();
        for (const auto& [x, z] : edges)
          if (z == y && !is_done[x] && !waits[x]) {
            waits[x] = 1;
            stack.push_back(x);
          }
      }
      std::vector<FeatureIndex> unmet;
      for (FeatureIndex w = 0; w < n; ++w)
        if (waits[w] && w != v) unmet.push_back(w);
      CHECK(prio::unmet_prerequisites(g, v, done) == unmet);
    }
    // Critical path: longest path by exhaustive search over all paths.
    Eigen::VectorXd dur(n);
    for (FeatureIndex i = 0; i < n; ++i) dur[i] = 1 + std::floor(rng.uniform() * 9);
    double best = 0;
    std::vector<std::pair<FeatureIndex, double>> stack;
    for (FeatureIndex v = 0; v < n; ++v) stack.emplace_back(v, dur[v]);
    while (!stack.empty()) {
      const auto [v, len] = stack.back();
      stack.pop_back();
      best = std::max(best, len);
      for (const auto& [a, c] : edges)
        if (a == v) stack.emplace_back(c, len + dur[c]);
    }
    const auto cp = prio::critical_path(g, dur);
    CHECK(cp.length == best);
    double sum = 0;
    for (std::size_t k = 0; k < cp.features.size(); ++k) {
      sum += dur[cp.features[k]];
      if (k) {
        const auto pre = g.prerequisites(cp.features[k]);
        CHECK(std::find(pre.begin(), pre.end(), cp.features[k - 1]) != pre.end());
      }
    }
    CHECK(sum == best);
  }
}

TEST_CASE("bundle members become ready together") {
  const auto b = backlog_of({{"base", {}}, {"a", {"b", "base"}}, {"b", {"a"}}, {"top", {"a"}}});
  const prio::DependencyGraph g(b, {.cycles = prio::CyclePolicy::bundle});
  REQUIRE(g.bundles() == std::vector<std::vector<FeatureIndex>>{{1, 2}});
  CHECK(g.bundle_of(2) == std::optional<std::size_t>{0});
  CHECK(prio::ready(g, {}) == std::vector<FeatureIndex>{0});
  CHECK(prio::ready(g, {0}) == std::vector<FeatureIndex>{1, 2});
  CHECK(prio::ready(g, {0, 1, 2}) == std::vector<FeatureIndex>{3});
  Eigen::VectorXd d(4);
  d << 1, 2, 3, 4;
  const auto cp = prio::critical_path(g, d);
  CHECK(cp.features == std::vector<FeatureIndex>{0, 1, 2, 3});
  CHECK(cp.length == 10);
}

TEST_CASE("to_dot writes nodes, edges, ranks and bundles that Graphviz renders") {
  auto b = backlog_of({{"sso", {}}, {"dark \"mode\"", {"sso"}}, {"x", {"y"}}, {"y", {"x"}}});
  b.set_title(0, "Single sign-on");
  Eigen::VectorXd v(4);
  v << 800, 2500, 1, 2;
  const prio::Scores s(v, b.shared_ids(), "test");
  const prio::DependencyGraph g(b, {.cycles = prio::CyclePolicy::bundle});
  const std::string dot = prio::to_dot(g, b, s);
  // Positions by score alone (dark "mode" first); sso ready, dark "mode" blocked by it.
  CHECK(dot.find("n0 [label=\"sso\\nSingle sign-on\\nscore 800, #2 by score\", fillcolor=\"#D6ECFA\"") != std::string::npos);
  CHECK(dot.find("n1 [label=\"dark \\\"mode\\\"\\nscore 2500, #1 by score\", style=\"rounded,dashed,filled\"") != std::string::npos);
  CHECK(dot.find("legend [shape=note") != std::string::npos);
  CHECK(dot.find("#n: position in the ranking by score alone") != std::string::npos);
  // Positions in a given order, with sso done: dark "mode" becomes ready.
  const std::string dot2 = prio::to_dot(g, b, s, {.order = {0, 1, 3, 2}, .order_name = "greedy", .done = {0}, .legend = false});
  CHECK(dot2.find("score 800, #1 in greedy order\\n(done)") != std::string::npos);
  CHECK(dot2.find("n1 [label=\"dark \\\"mode\\\"\\nscore 2500, #2 in greedy order\", fillcolor=\"#D6ECFA\"") != std::string::npos);
  CHECK(dot2.find("score 2, #3 in greedy order") != std::string::npos);
  CHECK(dot2.find("legend") == std::string::npos);
  CHECK_THROWS_AS(prio::to_dot(g, b, s, {.order = {0, 0, 1, 2}, .order_name = {}, .done = {}, .legend = true}), prio::error);
  CHECK(dot.find("dark \\\"mode\\\"") != std::string::npos);
  CHECK(dot.find("n0 -> n1;") != std::string::npos);
  CHECK(dot.find("subgraph cluster_0") != std::string::npos);
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    PRIO_SKIP("Graphviz rendering: `dot` is not installed");
  }
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / "prio_graph_test.dot", out = dir / "prio_graph_test.svg";
  std::ofstream(in) << dot;
  const std::string cmd = "dot -Tsvg '" + in.string() + "' -o '" + out.string() + "'";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(std::filesystem::file_size(out) > 100);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
}

TEST_CASE("real data: the classic NRP dependency lists") {
  const std::filesystem::path dir = std::filesystem::path(PRIO_SHARED_DATA_DIR) / "nrp" / "classic";
  if (!std::filesystem::exists(dir)) {
    PRIO_SKIP("real data: ../shared/data absent");
  }
  for (int k = 1; k <= 5; ++k) {
    std::ifstream in(dir / ("nrp" + std::to_string(k) + ".txt"));
    REQUIRE(in);
    std::size_t levels = 0, total = 0;
    in >> levels;
    for (std::size_t l = 0; l < levels; ++l) {
      std::size_t count = 0;
      in >> count;
      for (std::size_t i = 0; i < count; ++i) {
        double cost = 0;
        in >> cost;
      }
      total += count;
    }
    std::size_t pairs = 0;
    in >> pairs;
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < pairs; ++i) {
      std::uint32_t a = 0, c = 0;
      in >> a >> c;  // a must be delivered before c, 1-based
      edges.emplace_back(a - 1, c - 1);
    }
    REQUIRE(in);
    const auto n = static_cast<std::uint32_t>(total);
    const auto b = make_backlog(n, edges);
    const prio::DependencyGraph g(b);
    const std::set<Edge> distinct(edges.begin(), edges.end());
    CHECK(g.edge_count() == distinct.size());
    Rng rng(static_cast<std::uint64_t>(k));
    std::vector<double> score(n);
    for (auto& x : score) x = rng.uniform();
    const auto s = make_scores(b, score);
    Eigen::VectorXd d = Eigen::VectorXd::Ones(n);
    for (const prio::OrderPolicy& policy : {prio::OrderPolicy{prio::greedy()}, prio::OrderPolicy{prio::inherited()},
                                            prio::OrderPolicy{prio::value_density(d)}})
      CHECK(respects(b, prio::order(g, s, policy), edges));
  }
}

TEST_CASE("real data: release-planning dependencies and their mutual pairs") {
  const std::filesystem::path dir = std::filesystem::path(PRIO_SHARED_DATA_DIR) / "release-planning";
  if (!std::filesystem::exists(dir)) {
    PRIO_SKIP("real data: ../shared/data absent");
  }
  auto load = [&dir](const std::string& name) {
    std::ifstream in(dir / name);
    const auto j = nlohmann::json::parse(in);
    const auto n = static_cast<std::uint32_t>(j.at("pbis_cost").size());
    std::vector<Edge> edges;
    for (std::uint32_t i = 0; i < n; ++i)
      if (!j.at("dependencies").at(i).is_null())
        for (const auto& d : j.at("dependencies").at(i)) edges.emplace_back(d.get<std::uint32_t>(), i);  // 0-based
    return std::pair{n, edges};
  };
  {
    const auto [n, edges] = load("p1_uncombined.json");
    const auto b = make_backlog(n, edges);
    CHECK_THROWS_AS(prio::DependencyGraph(b), prio::cycle_error);
    const prio::DependencyGraph g(b, {.cycles = prio::CyclePolicy::bundle});
    CHECK(g.bundles() == std::vector<std::vector<FeatureIndex>>{{2, 11}, {10, 12}});
  }
  {
    const auto [n, edges] = load("p2_uncombined.json");
    const auto b = make_backlog(n, edges);
    const prio::DependencyGraph g(b, {.cycles = prio::CyclePolicy::bundle});
    CHECK_FALSE(g.bundles().empty());
    for (const auto& bundle : g.bundles()) CHECK(bundle.size() == 2);  // "ships together" pairs
  }
  for (const char* name : {"p1.json", "p2.json"}) {  // combined: the pairs are merged, so no cycle
    const auto [n, edges] = load(name);
    const auto b = make_backlog(n, edges);
    const prio::DependencyGraph g(b);
    CHECK(g.size() == n);
  }
}

TEST_CASE("validate reports every dependency's problems in backlog order, as a check of one dependency at a time would") {
  // Generated backlogs whose dependencies mix known ids, unknown ids, the
  // feature itself and repetitions; the reference looks each one up alone.
  Rng rng(29);
  for (int round = 0; round < 200; ++round) {
    const std::uint32_t n = 1 + rng.below(40);
    prio::Backlog b;
    for (std::uint32_t i = 0; i < n; ++i) {
      std::vector<std::string> deps;
      const std::uint32_t m = rng.below(6);
      for (std::uint32_t k = 0; k < m; ++k) {
        const std::uint32_t kind = rng.below(10);
        if (kind == 0)
          deps.push_back("f" + std::to_string(i));  // itself
        else if (kind == 1)
          deps.push_back("missing" + std::to_string(rng.below(3)));
        else if (kind == 2 && !deps.empty())
          deps.push_back(deps[rng.below(static_cast<std::uint32_t>(deps.size()))]);
        else
          deps.push_back("f" + std::to_string(rng.below(n)));
      }
      b.add(prio::Feature{.id = "f" + std::to_string(i), .depends_on = deps});
    }
    std::vector<std::string> want;
    for (prio::FeatureIndex i = 0; i < b.size(); ++i) {
      const auto& deps = b.depends_on(i);
      for (std::size_t k = 0; k < deps.size(); ++k) {
        if (deps[k] == b.id(i))
          want.push_back(b.id(i) + " self");
        else if (!b.contains(deps[k]))
          want.push_back(b.id(i) + " unknown " + deps[k]);
        if (std::find(deps.begin(), deps.begin() + static_cast<std::ptrdiff_t>(k), deps[k]) != deps.begin() + static_cast<std::ptrdiff_t>(k))
          want.push_back(b.id(i) + " twice " + deps[k]);
      }
    }
    std::vector<std::string> got;
    for (const auto& d : prio::validate(b)) {
      if (d.code == prio::errc::self_dependency) got.push_back(d.where.feature + " self");
      if (d.code == prio::errc::unknown_dependency)
        got.push_back(d.where.feature + " unknown " + d.message.substr(d.message.find('\'') + 1, d.message.rfind('\'') - d.message.find('\'') - 1));
      if (d.code == prio::errc::duplicate_dependency)
        got.push_back(d.where.feature + " twice " + d.message.substr(d.message.find('\'') + 1, d.message.rfind('\'') - d.message.find('\'') - 1));
    }
    INFO("round " << round);
    CHECK(got == want);
  }
}
