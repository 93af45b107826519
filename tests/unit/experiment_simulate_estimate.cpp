// Rank and score quantiles in bounded memory (the default above
// SimulationOptions::exact_stats_memory), checked against the exact order
// statistics of every draw on generated backlogs and streams.
#include <catch2/catch.hpp>

#include <prio/detail/windowed_quantiles.hpp>
#include <prio/experiment/simulate.hpp>
#include <prio/strategies/rice.hpp>
#include <prio/strategies/wsjf.hpp>

#include "generators.hpp"
#include "simulation_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

const double none = std::numeric_limits<double>::quiet_NaN();

// Ranges on reach, confidence and effort for a share of the features (as a
// product team fills them in: some estimates certain, some wide).
prio::Backlog uncertain_backlog(std::size_t n, std::uint64_t seed, unsigned uncertain_in_4) {
  prio::Backlog b = prio::test::random_backlog(n, seed);
  std::mt19937_64 rng(seed + 1);
  const auto m = static_cast<Eigen::Index>(n);
  Eigen::VectorXd rlo(m), rhi(m), clo(m), chi(m), elo(m), ehi(m);
  for (prio::FeatureIndex i = 0; i < n; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    const bool u = prio::test::below(rng, 4) < uncertain_in_4;
    const double r = b.value(i, "reach"), c = b.value(i, "confidence"), e = b.value(i, "effort");
    const double wide = 1.5 + static_cast<double>(prio::test::below(rng, 4));
    rlo[ii] = u ? r / wide : none;
    rhi[ii] = u ? r * wide : none;
    clo[ii] = u ? c * 0.5 : none;
    chi[ii] = u ? c : none;
    elo[ii] = u ? e * 0.5 : none;
    ehi[ii] = u ? e * wide : none;
  }
  b.set_column("reach_lo", rlo);
  b.set_column("reach_hi", rhi);
  b.set_column("confidence_lo", clo);
  b.set_column("confidence_hi", chi);
  b.set_column("effort_lo", elo);
  b.set_column("effort_hi", ehi);
  return b;
}

// The k-th smallest (0-based) of v, NaN lowest.
double kth(std::vector<double> v, std::size_t k) {
  std::sort(v.begin(), v.end(), [](double x, double y) { return std::isnan(x) ? !std::isnan(y) : (!std::isnan(y) && x < y); });
  return v[k];
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

TEST_CASE("simulate: estimated rank statistics are within one rank of the exact ones, and within their stated bounds") {
  struct Case {
    std::size_t n, draws;
    std::uint64_t seed;
    unsigned uncertain_in_4;
    double interval;
    prio::Distribution dist;
  };
  for (const Case c : {Case{200, 2000, 1, 2, 0.9, prio::Distribution::triangular}, Case{600, 1500, 2, 4, 0.9, prio::Distribution::triangular},
                       Case{300, 1000, 3, 3, 0.5, prio::Distribution::uniform}, Case{150, 3001, 4, 1, 0.8, prio::Distribution::pert}}) {
    INFO("n " << c.n << ", draws " << c.draws << ", seed " << c.seed);
    const prio::Backlog b = uncertain_backlog(c.n, c.seed, c.uncertain_in_4);
    prio::SimulationOptions exact{.draws = c.draws, .seed = c.seed, .top_k = 10, .distribution = c.dist, .interval = c.interval, .threads = 2,
                                  .exact_stats = true, .progress = false};
    prio::SimulationOptions est = exact;
    est.exact_stats = false;
    est.exact_stats_memory = 0;  // estimate even this small run
    const auto x = prio::simulate(b, prio::rice(), exact);
    const auto e = prio::simulate(b, prio::rice(), est);
    CHECK(e.p_top_k == x.p_top_k);  // P(top k) is counted the same way in both
    CHECK(x.rank_error.maxCoeff() == 0);
    CHECK(x.score_error.maxCoeff() == 0);
    std::size_t exact_ranks = 0;
    for (Eigen::Index i = 0; i < x.median_rank.size(); ++i) {
      INFO("feature " << b.id(static_cast<prio::FeatureIndex>(i)));
      for (const auto& [got, want] : {std::pair{e.median_rank[i], x.median_rank[i]}, std::pair{e.rank_lo[i], x.rank_lo[i]},
                                      std::pair{e.rank_hi[i], x.rank_hi[i]}}) {
        CHECK(std::abs(got - want) <= e.rank_error[i]);
        CHECK(std::abs(got - want) <= 1);
        exact_ranks += got == want;
      }
      for (const auto& [got, want] : {std::pair{e.score_median[i], x.score_median[i]}, std::pair{e.score_lo[i], x.score_lo[i]},
                                      std::pair{e.score_hi[i], x.score_hi[i]}})
        CHECK(std::abs(got - want) <= e.score_error[i]);
      // The score bound is a small part of the feature's own spread.
      CHECK(e.score_error[i] <= 0.01 * (x.score_hi[i] - x.score_lo[i]) + 1e-12 * std::abs(x.score_median[i]));
    }
    // Rank windows this narrow count every rank: all exact.
    CHECK(exact_ranks == 3 * c.n);
    CHECK(e.rank_error.maxCoeff() == 0);
    // Same seed, same numbers, whatever the thread count.
    prio::SimulationOptions one = est;
    one.threads = 1;
    const auto e1 = prio::simulate(b, prio::rice(), one);
    prio_test::require_identical(e1, e);
    CHECK(e1.rank_error == e.rank_error);
    CHECK(e1.score_error == e.score_error);
  }
}

TEST_CASE("simulate: small runs keep every draw; exact_stats keeps them above exact_stats_memory; memory_limit still applies") {
  const prio::Backlog b = uncertain_backlog(100, 9, 2);
  const auto small = prio::simulate(b, prio::wsjf(), {.draws = 200, .seed = 5, .progress = false});  // 240 KB of draws: exact
  CHECK(small.rank_error.maxCoeff() == 0);
  CHECK(small.score_error.maxCoeff() == 0);
  CHECK_THROWS_AS(prio::simulate(b, prio::rice(), {.draws = 1000, .exact_stats = true, .progress = false, .memory_limit = 1 << 20}),
                  prio::error);
  // Estimated, the same run fits a smaller budget than keeping its draws (1.2 MB).
  const auto est = prio::simulate(b, prio::rice(),
                                  {.draws = 1000, .exact_stats_memory = 0, .progress = false, .memory_limit = 1 << 20});
  CHECK(est.rank_error.allFinite());
  const auto lean = prio::simulate(b, prio::rice(), {.draws = 300, .rank_stats = false, .exact_stats_memory = 0, .progress = false});
  CHECK(std::isnan(lean.median_rank[0]));
  CHECK(std::isnan(lean.rank_error[0]));
  CHECK(lean.score_error.allFinite());
}

TEST_CASE("windowed quantiles: every order statistic lies within its bound of the exact one, even when the pilot misleads") {
  // Streams of whole numbers (ranks) and of doubles with ties and NaN; few
  // bins, so windows have wide bins; later values shifted from the pilot's,
  // so some statistics fall outside their windows.
  std::mt19937_64 rng(17);
  for (const bool integer : {true, false}) {
    for (const std::size_t bins : {1u, 4u, 64u}) {
      for (const double shift : {0.0, 0.3, 3.0}) {
        INFO("integer " << integer << ", bins " << bins << ", shift " << shift);
        const std::size_t streams = 20, pilot = 64, total = 700;
        prio::detail::WindowedQuantiles w(streams, bins, integer);
        prio::detail::WindowedQuantiles narrow(streams, bins, integer, total);  // 16-bit counters: the same answers
        std::vector<std::vector<double>> all(streams);
        for (std::size_t i = 0; i < streams; ++i) {
          const double scale = integer ? static_cast<double>(1 + i * 7) : 0.1 * static_cast<double>(i + 1);
          auto draw = [&](std::size_t j) {
            std::uniform_real_distribution<double> u(0, 1);
            double x = scale * (u(rng) + u(rng)) + (j >= pilot ? shift * scale : 0.0);
            if (integer) return std::floor(x) + 1;
            if (i % 5 == 0 && u(rng) < 0.05) return none;  // some NaN
            if (i % 3 == 0) return std::round(x * 4) / 4;    // ties
            return x;
          };
          std::vector<double> p(pilot);
          for (std::size_t j = 0; j < total; ++j) all[i].push_back(draw(j));
          std::copy(all[i].begin(), all[i].begin() + static_cast<std::ptrdiff_t>(pilot), p.begin());
          w.place(i, p.data(), pilot, {0.05, 0.5, 0.95});
          std::copy(all[i].begin(), all[i].begin() + static_cast<std::ptrdiff_t>(pilot), p.begin());
          narrow.place(i, p.data(), pilot, {0.05, 0.5, 0.95});
          for (const double x : all[i]) w.add(i, x);
          narrow.add_many(i, all[i].data(), 1, total);
          for (const std::size_t k : {std::size_t{0}, std::size_t{34}, std::size_t{349}, std::size_t{664}, total - 1}) {
            const auto [est, bound] = w.order_statistic(i, k, total);
            const auto [est16, bound16] = narrow.order_statistic(i, k, total);
            CHECK(same(est16, est));
            CHECK(bound16 == bound);
            const double want = kth(all[i], k);
            INFO("stream " << i << ", k " << k << ": " << est << " +- " << bound << ", exact " << want);
            if (std::isnan(want)) {
              CHECK(std::isnan(est));
            } else {
              CHECK(std::abs(est - want) <= bound);
              if (integer) CHECK(est == std::floor(est));
            }
            if (bound == 0) CHECK(same(est, want));
          }
        }
      }
    }
  }
  // Values over every binade, both signs, -0 and +0, subnormals and the
  // largest doubles; whole numbers spread over 2^40 (bins of many values).
  const double tiny = std::numeric_limits<double>::denorm_min(), big = std::numeric_limits<double>::max();
  for (const bool integer : {false, true}) {
    for (const std::size_t bins : {1u, 3u, 512u}) {
      INFO("extremes, integer " << integer << ", bins " << bins);
      const std::size_t streams = 6, pilot = 40, total = 400;
      prio::detail::WindowedQuantiles w(streams, bins, integer);
      for (std::size_t i = 0; i < streams; ++i) {
        std::vector<double> all;
        for (std::size_t j = 0; j < total; ++j) {
          const double u = std::uniform_real_distribution<double>(0, 1)(rng);
          double x;
          if (integer) {
            x = std::floor(std::ldexp(u, 40)) - (i % 2 ? std::ldexp(1.0, 39) : 0.0);
          } else {
            const double pick[] = {-0.0, 0.0, tiny, -tiny, big, -big, 1.0, -1.0};
            x = j % 7 == 0 ? pick[j / 7 % 8] : (u < 0.5 ? -1 : 1) * std::ldexp(1 + u, static_cast<int>(j % 2000) - 1000);
            if (i >= 3) x = std::abs(x);  // one-signed streams too
          }
          all.push_back(x);
        }
        std::vector<double> p(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(pilot));
        w.place(i, p.data(), pilot, {0.05, 0.5, 0.95});
        for (const double x : all) w.add(i, x);
        for (std::size_t k = 0; k < total; k += 9) {
          const auto [est, bound] = w.order_statistic(i, k, total);
          const double want = kth(all, k);
          INFO("stream " << i << ", k " << k << ": " << est << " +- " << bound << ", exact " << want);
          CHECK(std::abs(est - want) <= bound);
          if (bound == 0) CHECK(est == want);
        }
      }
    }
  }
  // 16-bit counters hold a bin of 65,535 values, the most they are made for:
  // a stream of one value repeated, and one of two values half and half.
  for (const bool two : {false, true}) {
    const std::size_t total = 65535;
    REQUIRE(prio::detail::WindowedQuantiles::bytes(1, 8, total) < prio::detail::WindowedQuantiles::bytes(1, 8, total + 1));
    prio::detail::WindowedQuantiles full(1, 8, true, total);
    std::vector<double> v(total, 5.0);
    if (two) std::fill(v.begin() + total / 2, v.end(), 6.0);
    std::vector<double> pilot(v.begin(), v.begin() + 100);
    if (two) pilot.back() = 6.0;
    full.place(0, pilot.data(), pilot.size(), {0.05, 0.5, 0.95});
    full.add_many(0, v.data(), 1, total);
    for (const std::size_t k : {std::size_t{0}, total / 2 - 1, total / 2, total - 1}) {
      const auto [est, bound] = full.order_statistic(0, k, total);
      INFO("two values " << two << ", k " << k);
      CHECK(bound == 0);
      CHECK(est == v[k]);
    }
  }
  // Integer windows no wider than their bins count every value exactly.
  prio::detail::WindowedQuantiles w(1, 512, true);
  std::vector<double> v, p;
  for (int j = 0; j < 5000; ++j) v.push_back(static_cast<double>((j * 7919) % 300 + 1));
  p.assign(v.begin(), v.begin() + 256);
  w.place(0, p.data(), p.size(), {0.05, 0.5, 0.95});
  for (const double x : v) w.add(0, x);
  for (const std::size_t k : {std::size_t{249}, std::size_t{2499}, std::size_t{4749}}) {
    const auto [est, bound] = w.order_statistic(0, k, v.size());
    CHECK(bound == 0);
    CHECK(est == kth(v, k));
  }
}
