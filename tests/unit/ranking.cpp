// prio::rank and prio::top_k: the tie-break chain, determinism, and agreement
// with a plain comparison sort on generated scores.
#include <prio/prio.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "generators.hpp"

using prio::Backlog;
using prio::FeatureIndex;
using prio::Scores;

namespace {
Scores make_scores(std::vector<double> v, std::vector<std::string> ids, std::vector<std::uint8_t> tiers = {}) {
  Eigen::VectorXd e = Eigen::Map<Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  return Scores(e, std::make_shared<const std::vector<std::string>>(std::move(ids)), "test", std::move(tiers));
}

// The documented order, written as plainly as possible.
std::vector<FeatureIndex> reference_rank(const Scores& s) {
  std::vector<FeatureIndex> idx(s.size());
  std::iota(idx.begin(), idx.end(), FeatureIndex{0});
  std::sort(idx.begin(), idx.end(), [&](FeatureIndex a, FeatureIndex b) {
    if (s.tier(a) != s.tier(b)) return s.tier(a) < s.tier(b);
    const double x = s[a], y = s[b];
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);
    if (!std::isnan(x) && x != y) return x > y;
    return s.id(a) < s.id(b);
  });
  return idx;
}
}  // namespace

TEST_CASE("ties break by id; NaN ranks last; -0 ties with 0") {
  const Scores s = make_scores({1, NAN, 5, 1, -0.0, 0.0, 5, -INFINITY}, {"d", "a", "z", "b", "n", "m", "y", "c"});
  const auto r = prio::rank(s);
  std::vector<std::string> ids;
  for (auto i : r) ids.push_back(s.id(i));
  CHECK(ids == std::vector<std::string>{"y", "z", "b", "d", "m", "n", "c", "a"});
  CHECK(prio::top_k(s, 3) == std::vector<FeatureIndex>(r.begin(), r.begin() + 3));
}

TEST_CASE("tiers come before scores") {
  const Scores s = make_scores({1, 9, 5, 7}, {"a", "b", "c", "d"}, {2, 1, 0, 1});
  CHECK(prio::rank(s) == std::vector<FeatureIndex>{2, 1, 3, 0});
  CHECK(prio::top_k(s, 2) == std::vector<FeatureIndex>{2, 1});
}

TEST_CASE("radix ranking agrees with a comparison sort on generated scores") {
  std::mt19937_64 rng(11);
  for (std::size_t n : {0u, 1u, 2u, 3u, 17u, 100u, 1000u, 4095u, 4096u, 20000u}) {
    for (int variant = 0; variant < 4; ++variant) {
      std::vector<double> v(n);
      std::vector<std::string> ids(n);
      std::vector<std::uint8_t> tiers;
      for (std::size_t i = 0; i < n; ++i) {
        ids[i] = "id" + std::to_string(rng() % 100000000) + "_" + std::to_string(i);
        switch (variant) {
          case 0: v[i] = prio::test::uniform(rng, -1e6, 1e6); break;                        // distinct
          case 1: v[i] = static_cast<double>(prio::test::below(rng, 7)); break;              // many ties
          case 2: v[i] = prio::test::below(rng, 10) == 0 ? NAN : prio::test::uniform(rng, 0, 1); break;
          default: v[i] = std::ldexp(prio::test::uniform(rng, 0.5, 1), static_cast<int>(prio::test::below(rng, 200)) - 100); break;
        }
      }
      if (variant == 1) {
        tiers.resize(n);
        for (auto& t : tiers) t = static_cast<std::uint8_t>(prio::test::below(rng, 5));
      }
      const Scores s = make_scores(v, ids, tiers);
      const auto expected = reference_rank(s);
      REQUIRE(prio::rank(s) == expected);
      for (std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{10}, n / 2, n, n + 5}) {
        const auto top = prio::top_k(s, k);
        REQUIRE(top == std::vector<FeatureIndex>(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(std::min(k, n))));
      }
    }
  }
}

TEST_CASE("rankings do not depend on the order rows were added") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Backlog b = prio::test::random_backlog(300, seed, /*ties=*/true);
    const Backlog c = prio::test::shuffled(b, seed * 77);
    for (const prio::Strategy& st : {prio::Strategy(prio::rice()), prio::Strategy(prio::wsjf()), prio::Strategy(prio::ice({.impact = "ice_impact", .confidence = "ice_confidence"})),
                                     prio::Strategy(prio::moscow(prio::rice())),
                                     prio::Strategy(prio::weighted({{"retention", 1}, {"cost", 1, prio::Direction::cost}}, prio::Normalization::rank))}) {
      const auto rb = prio::test::ids_of(b, prio::rank(st.score(b)));
      const auto rc = prio::test::ids_of(c, prio::rank(st.score(c)));
      REQUIRE(rb == rc);
    }
  }
}

TEST_CASE("raising a feature's reach never lowers its RICE rank") {
  std::mt19937_64 rng(5);
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    Backlog b = prio::test::random_backlog(200, seed, /*ties=*/seed % 2 == 0);
    const auto i = static_cast<FeatureIndex>(prio::test::below(rng, b.size()));
    const auto before = prio::rank_positions(prio::rank(prio::score(b, prio::rice())))[i];
    b.set_value(i, "reach", b.value(i, "reach") * prio::test::uniform(rng, 1, 3) + 1);
    const auto after = prio::rank_positions(prio::rank(prio::score(b, prio::rice())))[i];
    REQUIRE(after <= before);
  }
}

TEST_CASE("positions inverts a ranking") {
  const std::vector<FeatureIndex> r{3, 0, 2, 1};
  CHECK(prio::rank_positions(r) == std::vector<std::size_t>{1, 3, 2, 0});
}
