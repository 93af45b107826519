// One tie rule for every rank metric that needs a strict order (rbo,
// top_k_overlap, RaterAggregate::ranking): higher value first (Scores: lower
// tier first), equal values in index order, on Scores as on plain vectors.
#include <prio/experiment/compare.hpp>
#include <prio/experiment/raters.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "graph_support.hpp"  // prio_test::Rng

using prio::FeatureIndex;
using prio_test::Rng;

namespace {

// Ids in a shuffled order, so that id order and index order differ.
std::shared_ptr<const std::vector<std::string>> shuffled_ids(Rng& rng, std::size_t n) {
  std::vector<std::string> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = "f" + std::to_string(1000 + i);
  rng.shuffle(ids);
  return std::make_shared<const std::vector<std::string>>(std::move(ids));
}

Eigen::VectorXd tied_values(Rng& rng, std::size_t n) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(n));
  const std::uint32_t levels = 1 + rng.below(5);
  for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = rng.uniform() < 0.05 ? std::nan("") : 0.5 * rng.below(levels);
  return v;
}

}  // namespace

TEST_CASE("rbo and top_k_overlap give the same number on Scores and on their values (generated scores with ties)") {
  Rng rng(2026);
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = 1 + rng.below(40);
    const auto ids = shuffled_ids(rng, n);
    const Eigen::VectorXd va = tied_values(rng, n), vb = tied_values(rng, n);
    const prio::Scores a(va, ids, "a"), b(vb, ids, "b");
    for (const double p : {0.5, 0.9, 0.98}) CHECK(prio::rbo(a, b, p) == prio::rbo(va, vb, p));
    for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{10}, n})
      CHECK(prio::top_k_overlap(a, b, k) == prio::top_k_overlap(va, vb, k));
  }
}

TEST_CASE("with MoSCoW tiers, Scores rank as vectors whose values put every tier below the one before") {
  Rng rng(2027);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = 1 + rng.below(30);
    const auto ids = shuffled_ids(rng, n);
    Eigen::VectorXd va(static_cast<Eigen::Index>(n)), vb(va.size()), ea(va.size()), eb(va.size());
    std::vector<std::uint8_t> ta(n), tb(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto e = static_cast<Eigen::Index>(i);
      ta[i] = static_cast<std::uint8_t>(rng.below(4));
      tb[i] = static_cast<std::uint8_t>(rng.below(4));
      va[e] = rng.below(3);
      vb[e] = rng.below(3);
      ea[e] = va[e] - 100.0 * ta[i];  // same order, same ties, as (tier, value)
      eb[e] = vb[e] - 100.0 * tb[i];
    }
    const prio::Scores a(va, ids, "a", ta), b(vb, ids, "b", tb);
    CHECK(prio::rbo(a, b, 0.9) == prio::rbo(ea, eb, 0.9));
    CHECK(prio::top_k_overlap(a, b, 3) == prio::top_k_overlap(ea, eb, 3));
  }
}

TEST_CASE("the tie rule, worked: equal values rank in index order, whatever the ids") {
  // Index 0 has id "z", index 1 id "a", both 5; index 2 is 9. By index:
  // 2, 0, 1 on both sides. prio::rank (ids) would put "a" (index 1) before "z".
  const auto ids = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"z", "a", "m"});
  Eigen::VectorXd v(3);
  v << 5, 5, 9;
  const prio::Scores s(v, ids, "s");
  CHECK(prio::rank(s) == std::vector<FeatureIndex>{2, 1, 0});  // rank keeps its id rule
  CHECK(prio::rbo(s, s, 0.9) == 1.0);
  const std::vector<FeatureIndex> by_index{2, 0, 1};
  CHECK(prio::rbo(s, s, 0.9) == prio::rbo(by_index, by_index, 0.9));
  // Against the ranking 2, 0, 1 the Scores side agrees fully at depth 2.
  const Eigen::VectorXd w = (Eigen::VectorXd(3) << 1, 0, 2).finished();  // strict: 2, 0, 1
  CHECK(prio::top_k_overlap(s, prio::Scores(w, ids, "w"), 2) == 1.0);
  CHECK(prio::top_k_overlap(v, w, 2) == 1.0);
}

TEST_CASE("RaterAggregate ranks by the same rule: its ranking is the one rbo uses on its scores") {
  Rng rng(2028);
  for (int round = 0; round < 200; ++round) {
    const Eigen::Index m = 1 + rng.below(5), n = 1 + rng.below(20);
    Eigen::MatrixXd ratings(m, n);
    for (Eigen::Index i = 0; i < ratings.size(); ++i) ratings.data()[i] = rng.below(3);  // coarse: ties in the aggregate
    const Eigen::VectorXd w = Eigen::VectorXd::Ones(m);
    for (const auto how : {prio::Aggregation::weighted_mean, prio::Aggregation::borda}) {
      const prio::RaterAggregate a = prio::aggregate_raters(ratings, w, how);
      // Brute force: higher score first, equal scores by index.
      for (std::size_t p = 1; p < a.ranking.size(); ++p) {
        const double hi = a.scores[a.ranking[p - 1]], lo = a.scores[a.ranking[p]];
        CHECK((hi > lo || (hi == lo && a.ranking[p - 1] < a.ranking[p])));
      }
      const auto ids = shuffled_ids(rng, static_cast<std::size_t>(n));
      const prio::Scores s(a.scores, ids, "raters");
      CHECK(prio::rbo(a.ranking, prio::detail::ranking_of(s), 0.9) == 1.0);
      Eigen::VectorXd x(n);
      for (Eigen::Index i = 0; i < n; ++i) x[i] = rng.below(3);
      CHECK(prio::rbo(s, prio::Scores(x, ids, "x"), 0.9) == prio::rbo(a.ranking, prio::detail::ranking_of(x), 0.9));
      CHECK(prio::top_k_overlap(s, prio::Scores(x, ids, "x"), 3) == prio::top_k_overlap(a.ranking, prio::detail::ranking_of(x), 3));
    }
  }
}
