// detail::average_ranks, the one average-rank helper behind Spearman, the
// footrule (compare, 1 = best key) and Borda / Kendall's W (raters, 1 = lowest
// value, with the tie term), against a brute-force count on data with ties.
#include <prio/experiment/compare.hpp>
#include <prio/experiment/raters.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "graph_support.hpp"  // prio_test::Rng

using prio_test::Rng;

namespace {

// Brute force: place = 1 + (items strictly before) + (other items tied) / 2.
template <class T>
std::vector<double> brute_ranks(const std::vector<T>& v) {
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    double below = 0, tied = 0;
    for (std::size_t j = 0; j < v.size(); ++j) {
      if (v[j] < v[i]) below += 1;
      if (j != i && v[j] == v[i]) tied += 1;
    }
    r[i] = 1 + below + tied / 2;
  }
  return r;
}

// Brute force tie term: sum over tie groups of t^3 - t = sum over items of t_i^2 - 1.
template <class T>
double brute_ties(const std::vector<T>& v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    double t = 0;
    for (std::size_t j = 0; j < v.size(); ++j) t += v[j] == v[i] ? 1 : 0;
    s += t * t - 1;
  }
  return s;
}

}  // namespace

TEST_CASE("average ranks over rank keys equal a brute-force count (1 = best; generated keys with ties)") {
  Rng rng(11);
  for (int round = 0; round < 500; ++round) {
    const std::uint32_t n = rng.below(30);
    const std::uint32_t distinct = 1 + rng.below(std::max<std::uint32_t>(n, 1));  // few distinct keys: many ties
    prio::detail::RankKeys k(n);
    for (auto& key : k) key = rng.below(distinct);
    const auto got = prio::detail::average_ranks(k);
    const auto want = brute_ranks(k);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < n; ++i) CHECK(got[i] == want[i]);  // halves and integers: exact
  }
}

TEST_CASE("rater ranks and their tie term equal a brute-force count (1 = lowest value; generated ratings with ties)") {
  Rng rng(12);
  for (int round = 0; round < 500; ++round) {
    const std::uint32_t n = 1 + rng.below(30);
    const std::uint32_t levels = 1 + rng.below(6);
    std::vector<double> v(n);
    for (auto& x : v) x = 0.5 * rng.below(levels) - 1;  // a rating scale with ties, some negative
    Eigen::RowVectorXd x(n), out(n);
    for (std::uint32_t i = 0; i < n; ++i) x[i] = v[i];
    const double ties = prio::detail::rater_ranks(x, out);
    const auto want = brute_ranks(v);
    for (std::uint32_t i = 0; i < n; ++i) CHECK(out[i] == want[i]);
    CHECK(ties == brute_ties(v));
  }
}

TEST_CASE("both directions come from the same helper: ranks of keys are rater ranks of the same numbers") {
  // Keys rank 1 = smallest; a rater's rank 1 = lowest value: the same rule on
  // the same numbers, so the two must agree place for place.
  Rng rng(13);
  for (int round = 0; round < 200; ++round) {
    const std::uint32_t n = 1 + rng.below(25);
    prio::detail::RankKeys k(n);
    Eigen::RowVectorXd x(n), out(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      k[i] = rng.below(5);
      x[i] = static_cast<double>(k[i]);
    }
    const auto a = prio::detail::average_ranks(k);
    (void)prio::detail::rater_ranks(x, out);
    for (std::uint32_t i = 0; i < n; ++i) CHECK(a[i] == out[i]);
  }
}

TEST_CASE("Kendall's W with ties: Siegel & Castellan's tie correction on a worked example") {
  // 3 raters, 4 items; rater 2 ties items 0 and 1. Ranks: r0 = 1 2 3 4,
  // r1 = 1.5 1.5 3 4, r2 = 2 1 3 4; sums 4.5 4.5 9 12, mean 7.5, S = 9+9+2.25+20.25 = 40.5;
  // tie term 2^3 - 2 = 6; W = 12 * 40.5 / (9 * 60 - 3 * 6) = 486 / 522.
  Eigen::MatrixXd r(3, 4);
  r << 1, 2, 3, 4,  //
      5, 5, 6, 7,   //
      2, 1, 3, 4;
  CHECK(prio::kendall_w(r) == Approx(486.0 / 522.0).epsilon(1e-15));
}
