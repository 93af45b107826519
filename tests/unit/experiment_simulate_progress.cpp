// SimulationOptions::on_progress: every draw is reported, and returning false cancels the run.
#include <catch2/catch.hpp>

#include <prio/experiment/simulate.hpp>
#include <prio/strategies/rice.hpp>

#include <atomic>
#include <cstddef>
#include <string>

namespace {

prio::Backlog ranged(std::size_t n) {
  prio::Backlog b;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = 100.0 + static_cast<double>(i);
    b.add(prio::Feature{.id = "f" + std::to_string(i),
                        .attributes = {{"reach", r}, {"reach_lo", r / 2}, {"reach_hi", r * 2}, {"impact", 1}, {"confidence", 1}, {"effort", 1}}});
  }
  return b;
}

}  // namespace

TEST_CASE("simulate: on_progress sees every draw once and does not change the result") {
  const prio::Backlog b = ranged(50);
  for (unsigned threads : {1u, 2u}) {
    std::atomic<std::size_t> calls{0}, last{0}, total{0};
    prio::SimulationOptions o{.draws = 2000, .seed = 3, .top_k = 5, .threads = threads, .progress = false};
    o.on_progress = [&](std::size_t done, std::size_t all) {
      ++calls;
      std::size_t seen = last.load();
      while (done > seen && !last.compare_exchange_weak(seen, done)) {}
      total = all;
      return true;
    };
    const auto with = prio::simulate(b, prio::rice(), o);
    const auto without = prio::simulate(b, prio::rice(), {.draws = 2000, .seed = 3, .top_k = 5, .threads = threads, .progress = false});
    CHECK(calls.load() > 0);
    CHECK(last.load() == 2000);
    CHECK(total.load() == 2000);
    CHECK(with.p_top_k == without.p_top_k);
    CHECK(with.median_rank == without.median_rank);
  }
}

TEST_CASE("simulate: on_progress returning false cancels with prio::error") {
  const prio::Backlog b = ranged(50);
  std::atomic<std::size_t> calls{0};
  prio::SimulationOptions o{.draws = 100000, .seed = 1, .top_k = 5, .threads = 2, .rank_stats = false, .score_stats = false,
                            .progress = false};
  o.on_progress = [&](std::size_t, std::size_t) { return ++calls < 3; };
  try {
    (void)prio::simulate(b, prio::rice(), o);
    FAIL("simulate was not cancelled");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::invalid_argument);
    CHECK(std::string(e.what()).find("cancelled") != std::string::npos);
  }
  CHECK(calls.load() < 100);  // stopped early, not after all 100000 draws
}
