// simulate through every way of passing a strategy: as its own type, as a
// prio::Strategy, inside prio::moscow (and both). On generated backlogs with
// ranges on attributes the formula reads and on others it does not, the runs
// must agree on everything they share, bit for bit.
#include <catch2/catch.hpp>

#include <prio/experiment/simulate.hpp>
#include <prio/strategies/ice.hpp>
#include <prio/strategies/moscow.hpp>
#include <prio/strategies/rice.hpp>
#include <prio/strategies/wsjf.hpp>

#include "generators.hpp"
#include "simulation_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using prio_test::require_identical;
using prio_test::require_same_draws;

namespace {

const double none = std::numeric_limits<double>::quiet_NaN();

// Ranges (x_lo, x_hi around x, valid for the frameworks' scales) on a random
// half of the features, for each attribute picked with probability 1/2; at
// least one attribute no formula reads ("retention") always gets ranges.
prio::Backlog ranged_backlog(std::size_t n, std::uint64_t seed, std::vector<std::string>& ranged) {
  prio::Backlog b = prio::test::random_backlog(n, seed, seed % 2 == 0);
  std::mt19937_64 rng(seed * 7 + 1);
  const std::vector<std::string> candidates{"reach", "impact", "confidence", "effort", "ease", "ice_impact",
                                            "ice_confidence", "business_value", "job_size", "retention"};
  ranged.clear();
  for (const auto& a : candidates) {
    if (a != "retention" && prio::test::below(rng, 2) == 0) continue;
    Eigen::VectorXd lo(static_cast<Eigen::Index>(n)), hi(lo.size());
    for (prio::FeatureIndex i = 0; i < n; ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      const double v = b.value(i, a);
      const bool u = prio::test::below(rng, 2) == 0;
      double l = v * 0.5, h = v * 1.5;
      if (a == "confidence") h = v;  // a share: at most 1
      if (a == "ease" || a == "ice_impact" || a == "ice_confidence") {  // the ICE scale 1..10
        l = std::max(1.0, v - 1);
        h = std::min(10.0, v + 1);
      }
      lo[ii] = u ? l : none;
      hi[ii] = u ? h : none;
    }
    b.set_column(a + "_lo", lo);
    b.set_column(a + "_hi", hi);
    ranged.push_back(a);
  }
  return b;
}

template <class S>
void check_paths(const prio::Backlog& b, const S& s, const std::vector<std::string>& ranged, const prio::SimulationOptions& o) {
  const prio::Simulation own = prio::simulate(b, s, o);
  const prio::Simulation erased = prio::simulate(b, prio::Strategy(s), o);
  const prio::Simulation tiered = prio::simulate(b, prio::moscow(s), o);
  const prio::Simulation tiered_erased = prio::simulate(b, prio::Strategy(prio::moscow(s)), o);
  require_identical(own, erased);
  require_same_draws(own, tiered);  // moscow ranks by tier first: only the draws and scores are shared
  require_identical(tiered, tiered_erased);
  // Drawn: exactly the ranged attributes the formula reads, in the backlog's order of range columns.
  const auto read = prio::detail::attributes_read(s);
  REQUIRE(read);
  for (const auto& a : own.uncertain) {
    CHECK(std::find(read->begin(), read->end(), a) != read->end());
    CHECK(std::find(ranged.begin(), ranged.end(), a) != ranged.end());
  }
  for (const auto& a : ranged)
    if (std::find(read->begin(), read->end(), a) != read->end())
      CHECK(std::find(own.uncertain.begin(), own.uncertain.end(), a) != own.uncertain.end());
  CHECK(std::find(own.uncertain.begin(), own.uncertain.end(), "retention") == own.uncertain.end());
}

}  // namespace

TEST_CASE("simulate agrees on the draws whether a strategy is passed as itself, as a Strategy or inside moscow (generated backlogs)") {
  const prio::Ice avg = prio::ice({.impact = "ice_impact", .confidence = "ice_confidence", .variant = prio::IceVariant::average});
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    std::vector<std::string> ranged;
    const prio::Backlog b = ranged_backlog(20 + 5 * seed, seed, ranged);
    prio::SimulationOptions o{.draws = 40, .seed = seed, .top_k = 5, .threads = 1};
    o.distribution = seed % 3 == 0 ? prio::Distribution::pert : prio::Distribution::triangular;
    check_paths(b, prio::rice(), ranged, o);
    check_paths(b, avg, ranged, o);
    check_paths(b, prio::wsjf(), ranged, o);
  }
}

TEST_CASE("a strategy that does not say what it reads draws every ranged attribute, however it is passed") {
  std::vector<std::string> ranged;
  const prio::Backlog b = ranged_backlog(30, 5, ranged);
  const auto reach_only = prio::custom("reach only", [](const prio::Backlog& x) {
    return prio::Scores(x.column("reach"), x.shared_ids(), "reach only");
  });
  const prio::SimulationOptions o{.draws = 30, .seed = 4, .top_k = 5, .threads = 1};
  const prio::Simulation own = prio::simulate(b, reach_only, o);
  CHECK(own.uncertain.size() == ranged.size());
  require_identical(own, prio::simulate(b, prio::Strategy(reach_only), o));
  require_same_draws(own, prio::simulate(b, prio::moscow(reach_only), o));
}
