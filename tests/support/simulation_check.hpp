// Comparing two prio::Simulation results field by field, bit for bit.
#pragma once

#include <prio/experiment/simulate.hpp>

#include <catch2/catch.hpp>

namespace prio_test {

/// The draws and what is computed from the scores alone: the same in every
/// run that draws the same attributes with the same seed, ranked or tiered.
inline void require_same_draws(const prio::Simulation& a, const prio::Simulation& b) {
  CHECK(a.uncertain == b.uncertain);
  CHECK(a.distribution == b.distribution);
  CHECK(a.draws == b.draws);
  CHECK(a.seed == b.seed);
  CHECK(a.top_k == b.top_k);
  CHECK(a.interval == b.interval);
  CHECK(a.score_median == b.score_median);
  CHECK(a.score_lo == b.score_lo);
  CHECK(a.score_hi == b.score_hi);
}

/// Everything.
inline void require_identical(const prio::Simulation& a, const prio::Simulation& b) {
  require_same_draws(a, b);
  CHECK(a.strategy == b.strategy);
  CHECK(a.ranking == b.ranking);
  CHECK(a.p_top_k == b.p_top_k);
  CHECK(a.median_rank == b.median_rank);
  CHECK(a.rank_lo == b.rank_lo);
  CHECK(a.rank_hi == b.rank_hi);
}

}  // namespace prio_test
