// Maximum flow / minimum cut: prio's one implementation, Boost.Graph's
// Boykov-Kolmogorov max flow behind a small arc-list interface. Private to
// prio. Its two callers take the cut as the nodes reachable from the source in
// the residual network (the minimal minimum cut, the same for every max-flow
// algorithm up to the tolerance):
// - the maximum-weight closures of value-density ordering (detail/closure.hpp):
//   one network per call;
// - the Lagrangian bound of the Next Release Problem (detail/nrp_solver.hpp):
//   ~50 cuts per call on one network whose capacities change.
// Boykov-Kolmogorov was measured against a hand-written Dinic (the NRP
// solver's own until then) on both callers' networks, release build: value
// density at 10^4 features 271-314 ms against 390-526 ms, the NRP bound over
// the 34 published instances 1.4-1.8 s against 1.9-2.0 s, identical cuts.
#pragma once

#include <cstddef>
#include <vector>

// GCC's -Wmaybe-uninitialized fires inside Boost's edge iterators when the max
// flow is inlined (a false positive); the state at the header's lines decides.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace prio::inline v1::detail {

class MaxFlow {
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS,
      boost::property<boost::vertex_index_t, long,
                      boost::property<boost::vertex_color_t, boost::default_color_type,
                                      boost::property<boost::vertex_distance_t, long,
                                                      boost::property<boost::vertex_predecessor_t, Traits::edge_descriptor>>>>,
      boost::property<boost::edge_capacity_t, double,
                      boost::property<boost::edge_residual_capacity_t, double,
                                      boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
  using Edge = Traits::edge_descriptor;

 public:
  MaxFlow() = default;
  explicit MaxFlow(std::size_t nodes) : g_(nodes) {}

  /// Forgets every arc and sizes the network to `nodes` nodes.
  void reset(std::size_t nodes) {
    g_ = Graph(nodes);
    arcs_.clear();
  }

  /// Adds the arc u -> v with capacity cap (and its residual twin); returns the
  /// arc's index, for set_capacity.
  std::size_t add_arc(std::size_t u, std::size_t v, double cap) {
    const auto e = boost::add_edge(u, v, g_).first;
    const auto r = boost::add_edge(v, u, g_).first;
    auto c = boost::get(boost::edge_capacity, g_);
    auto rev = boost::get(boost::edge_reverse, g_);
    c[e] = cap;
    c[r] = 0;
    rev[e] = r;
    rev[r] = e;
    arcs_.push_back(e);
    return arcs_.size() - 1;
  }
  void set_capacity(std::size_t arc, double cap) { boost::get(boost::edge_capacity, g_)[arcs_[arc]] = cap; }

  /// Maximum flow from s to t on the current capacities (a previous flow is
  /// discarded).
  double run(std::size_t s, std::size_t t) { return boost::boykov_kolmogorov_max_flow(g_, s, t); }

  /// After run(): the nodes reachable from s in the residual network (the
  /// source side of the minimal minimum cut), marked 1 in `seen`; an arc
  /// with residual capacity at most eps counts as saturated (rounding in
  /// real capacities).
  void source_side(std::size_t s, double eps, std::vector<char>& seen) const {
    const auto res = boost::get(boost::edge_residual_capacity, g_);
    seen.assign(boost::num_vertices(g_), 0);
    stack_.assign(1, s);
    seen[s] = 1;
    while (!stack_.empty()) {
      const std::size_t v = stack_.back();
      stack_.pop_back();
      for (auto [e, end] = boost::out_edges(v, g_); e != end; ++e) {
        const std::size_t w = boost::target(*e, g_);
        if (!seen[w] && res[*e] > eps) {
          seen[w] = 1;
          stack_.push_back(w);
        }
      }
    }
  }
  [[nodiscard]] std::vector<char> source_side(std::size_t s, double eps) const {
    std::vector<char> seen;
    source_side(s, eps, seen);
    return seen;
  }

 private:
  Graph g_;
  std::vector<Edge> arcs_;
  mutable std::vector<std::size_t> stack_;
};

}  // namespace prio::inline v1::detail
