// Rank comparison metrics, strategy comparison, several raters, weight sensitivity.
#include <catch2/catch.hpp>

#include "skip.hpp"

#include <prio/experiment/compare.hpp>
#include <prio/experiment/raters.hpp>
#include <prio/experiment/sensitivity.hpp>
#include <prio/score.hpp>
#include <prio/strategies/moscow.hpp>
#include <prio/strategies/rice.hpp>
#include <prio/strategies/wsjf.hpp>

#include "generators.hpp"
#include "release_planning.hpp"

#include <cmath>
#include <numeric>
#include <random>
#include <set>

namespace {

using prio::FeatureIndex;

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}

int sign(double x) { return (x > 0) - (x < 0); }

// Kendall's tau-b straight from its definition, O(n^2).
double brute_tau_b(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  double c = 0, d = 0, tx = 0, ty = 0;
  const Eigen::Index n = x.size();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const int s = sign(x[i] - x[j]) * sign(y[i] - y[j]);
      if (s > 0) ++c;
      if (s < 0) ++d;
      if (x[i] == x[j]) ++tx;
      if (y[i] == y[j]) ++ty;
    }
  const double n0 = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  return (c - d) / std::sqrt((n0 - tx) * (n0 - ty));
}

std::vector<FeatureIndex> random_permutation(std::size_t n, std::mt19937_64& rng) {
  std::vector<FeatureIndex> p(n);
  std::iota(p.begin(), p.end(), FeatureIndex{0});
  for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[prio::test::below(rng, i)]);
  return p;
}

// RBO_ext evaluated from the paper's definition, term by term (Webber, Moffat & Zobel 2010,
// sections 4.1 and 4.3): RBO = (1 - p) sum_d p^(d-1) X_d / d, where X_d is the overlap of the
// depth-d prefixes; beyond the shorter list's end s each of its unseen items is assumed to
// agree at the rate X_s / s, and beyond the longer list's end l the agreement stays at A_l.
double brute_rbo(const std::vector<FeatureIndex>& a, const std::vector<FeatureIndex>& b, double p) {
  const auto& S = a.size() <= b.size() ? a : b;
  const auto& L = a.size() <= b.size() ? b : a;
  const std::size_t s = S.size(), l = L.size();
  auto seen_overlap = [&](std::size_t d) {
    const std::set<FeatureIndex> x(S.begin(), S.begin() + static_cast<std::ptrdiff_t>(std::min(d, s)));
    double o = 0;
    for (std::size_t i = 0; i < d; ++i) o += x.count(L[i]) ? 1 : 0;
    return o;
  };
  const double xs = seen_overlap(s);
  double sum = 0, a_l = 0;
  for (std::size_t d = 1; d <= 5000; ++d) {
    double agreement = a_l;
    if (d <= l) {
      double x = seen_overlap(d);
      if (d > s) x += static_cast<double>(d - s) * xs / static_cast<double>(s);
      agreement = x / static_cast<double>(d);
      if (d == l) a_l = agreement;
    }
    sum += std::pow(p, static_cast<double>(d - 1)) * agreement;
  }
  return (1 - p) * sum;
}

}  // namespace

TEST_CASE("kendall_tau: scipy's documented example with ties in both variables") {
  // scipy.stats.kendalltau documentation: x1 = [12, 2, 1, 12, 2], x2 = [1, 4, 7, 1, 0]
  // gives tau-b = -0.47140452079103173 (= -4 / sqrt(72): 2 concordant, 6 discordant pairs,
  // 2 ties in x, 1 in y).
  CHECK(prio::kendall_tau(vec({12, 2, 1, 12, 2}), vec({1, 4, 7, 1, 0})) == Approx(-0.47140452079103173).epsilon(1e-12));
}

TEST_CASE("spearman: textbook examples") {
  // Wikipedia, "Spearman's rank correlation coefficient", worked example: IQ against hours of
  // TV per week for ten people gives rho = -29/165.
  CHECK(prio::spearman(vec({106, 100, 86, 101, 99, 103, 97, 113, 112, 110}), vec({7, 27, 2, 50, 28, 29, 20, 12, 6, 17})) ==
        Approx(-29.0 / 165.0).epsilon(1e-12));
  // scipy.stats.spearmanr documentation: [1, 2, 3, 4, 5] vs [5, 6, 7, 8, 7] -> 0.8207826816681233 (ties).
  CHECK(prio::spearman(vec({1, 2, 3, 4, 5}), vec({5, 6, 7, 8, 7})) == Approx(0.8207826816681233).epsilon(1e-12));
}

TEST_CASE("kendall_tau: O(n log n) algorithm equals the O(n^2) definition on random data with ties") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const auto n = static_cast<Eigen::Index>(2 + prio::test::below(rng, 60));
    const double levels = static_cast<double>(1 + prio::test::below(rng, 8));
    Eigen::VectorXd x(n), y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      x[i] = std::floor(prio::test::uniform(rng, 0, levels));
      y[i] = std::floor(prio::test::uniform(rng, 0, levels));
    }
    const double expected = brute_tau_b(x, y);
    if (std::isnan(expected)) CHECK(std::isnan(prio::kendall_tau(x, y)));
    else CHECK(prio::kendall_tau(x, y) == Approx(expected).margin(1e-12));
  }
}

TEST_CASE("rank metrics: properties on random permutations") {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t n = 2 + prio::test::below(rng, 200);
    const auto a = random_permutation(n, rng), b = random_permutation(n, rng);
    const std::vector<FeatureIndex> rev(a.rbegin(), a.rend());
    CHECK(prio::kendall_tau(a, a) == Approx(1.0));
    CHECK(prio::kendall_tau(a, rev) == Approx(-1.0));
    CHECK(prio::spearman(a, a) == Approx(1.0));
    CHECK(prio::spearman(a, rev) == Approx(-1.0));
    CHECK(prio::footrule(a, a) == 0.0);
    CHECK(prio::footrule(a, rev) == Approx(1.0));
    CHECK(prio::rbo(a, a, 0.9) == Approx(1.0));
    CHECK(prio::top_k_overlap(a, a, 5) == 1.0);
    const double t = prio::kendall_tau(a, b), o = prio::rbo(a, b, 0.9);
    CHECK(t == Approx(prio::kendall_tau(b, a)));
    CHECK((t >= -1 && t <= 1));
    CHECK(o == Approx(brute_rbo(a, b, 0.9)).margin(1e-9));  // rbo clamps to [0, 1]: a range check could not fail
    CHECK(o == Approx(prio::rbo(b, a, 0.9)));
    const double f = prio::footrule(a, b);
    CHECK((f >= 0 && f <= 1));
    // Diaconis & Graham (1977): I <= D <= 2 I, with I the number of discordant pairs and D
    // the footrule's sum: here as tau = 1 - 4 I / (n (n - 1)) and D = f floor(n^2 / 2).
    const double nd = static_cast<double>(n);
    const double inversions = (1 - t) * nd * (nd - 1) / 4;
    const double d = f * std::floor(nd * nd / 2);
    CHECK(d >= inversions - 1e-9);
    CHECK(d <= 2 * inversions + 1e-9);
  }
}

TEST_CASE("rbo: extrapolated RBO equals the paper's definition evaluated term by term") {
  // Worked by hand: S = (0 1 2), L = (1 0 3), p = 0.5: X = 0, 2, 2; RBO_ext = X_3/3 p^3 +
  // (1-p)/p (0 + 2/2 p^2 + 2/3 p^3) = 1/12 + 1/4 + 1/12 = 5/12.
  CHECK(prio::rbo({0, 1, 2}, {1, 0, 3}, 0.5) == Approx(5.0 / 12.0).epsilon(1e-12));
  CHECK(prio::rbo({0, 1, 2}, {3, 4, 5}, 0.9) == 0.0);
  CHECK(prio::rbo(std::vector<FeatureIndex>{}, std::vector<FeatureIndex>{}, 0.9) == 1.0);
  CHECK(prio::rbo({1}, std::vector<FeatureIndex>{}, 0.9) == 0.0);
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t universe = 4 + prio::test::below(rng, 30);
    auto a = random_permutation(universe, rng), b = random_permutation(universe, rng);
    a.resize(1 + prio::test::below(rng, universe));  // partial lists of uneven lengths
    b.resize(1 + prio::test::below(rng, universe));
    const double p = trial % 2 ? 0.9 : 0.7;
    INFO("trial " << trial);
    CHECK(prio::rbo(a, b, p) == Approx(brute_rbo(a, b, p)).margin(1e-9));
  }
  CHECK_THROWS_AS(prio::rbo({0, 1}, {0, 1}, 1.0), prio::error);
  CHECK_THROWS_AS(prio::rbo({0, 0}, {0, 1}, 0.9), prio::error);
}

TEST_CASE("top_k_overlap and input checks") {
  CHECK(prio::top_k_overlap({0, 1, 2, 3}, {1, 0, 3, 2}, 2) == 1.0);
  CHECK(prio::top_k_overlap({0, 1, 2, 3}, {1, 2, 0, 3}, 2) == Approx(1.0 / 3.0));  // {0,1} vs {1,2}
  CHECK(prio::top_k_overlap({0, 1, 2, 3}, {2, 3, 0, 1}, 2) == 0.0);
  CHECK_THROWS_AS(prio::kendall_tau(std::vector<FeatureIndex>{0, 1, 2}, std::vector<FeatureIndex>{0, 1}), prio::error);
  CHECK_THROWS_AS(prio::kendall_tau(std::vector<FeatureIndex>{0, 0, 2}, std::vector<FeatureIndex>{0, 1, 2}), prio::error);
}

TEST_CASE("metrics on Scores follow the ranking order, tiers first") {
  const prio::Backlog b = prio::test::random_backlog(300, 17, true);
  const prio::Scores r = prio::score(b, prio::rice()), w = prio::score(b, prio::wsjf());
  CHECK(prio::kendall_tau(r, w) == Approx(prio::kendall_tau(r.values(), w.values())));
  CHECK(prio::spearman(r, w) == Approx(prio::spearman(r.values(), w.values())));
  // rbo and top_k_overlap break ties by index on Scores as on vectors (README, "Comparing rankings").
  CHECK(prio::rbo(r, w, 0.9) == prio::rbo(r.values(), w.values(), 0.9));
  CHECK(prio::top_k_overlap(r, w, 10) == prio::top_k_overlap(r.values(), w.values(), 10));
  // With MoSCoW tiers the metrics compare the tiered rankings: as rank
  // correlations of the places, not of the raw scores inside the tiers.
  const prio::Scores rt = prio::score(b, prio::moscow(prio::rice())), wt = prio::score(b, prio::moscow(prio::wsjf()));
  const auto place = [](const prio::Scores& s) {  // higher is better: minus the place, equal (tier, score) pairs tied
    Eigen::VectorXd v(static_cast<Eigen::Index>(s.size()));
    const auto order = prio::rank(s);
    double key = 0;
    for (std::size_t p = 0; p < order.size(); ++p) {
      if (p > 0 && !(s.tier(order[p]) == s.tier(order[p - 1]) && s[order[p]] == s[order[p - 1]])) key -= 1;
      v[static_cast<Eigen::Index>(order[p])] = key;
    }
    return v;
  };
  CHECK(prio::kendall_tau(rt, wt) == Approx(prio::kendall_tau(place(rt), place(wt))));
  CHECK(prio::spearman(rt, wt) == Approx(prio::spearman(place(rt), place(wt))));
  CHECK(prio::rbo(rt, wt, 0.9) == prio::rbo(place(rt), place(wt), 0.9));
  CHECK(prio::top_k_overlap(rt, wt, 10) == prio::top_k_overlap(place(rt), place(wt), 10));
  // ... which is not what the raw scores give (so the check above has teeth).
  CHECK(prio::kendall_tau(rt, wt) != Approx(prio::kendall_tau(rt.values(), wt.values())));
  CHECK(prio::rank(rt) != prio::rank(r));
}

TEST_CASE("compare_strategies: matrices agree with the metrics, movers with a brute force") {
  const prio::Backlog b = prio::test::random_backlog(200, 23);
  const auto c = prio::compare_strategies(b, {{"rice", prio::rice()}, {"wsjf", prio::wsjf()},
                                              {"reach", prio::custom("reach", [](const prio::Backlog& x) {
                                                 return Eigen::VectorXd(x.column("reach"));
                                               })}},
                                          {.rbo_p = 0.8, .top_k = 7, .movers = 5});
  REQUIRE(c.names.size() == 3);
  for (Eigen::Index i = 0; i < 3; ++i) {
    CHECK(c.kendall_tau(i, i) == Approx(1.0));
    CHECK(c.footrule(i, i) == 0.0);
    for (Eigen::Index j = 0; j < 3; ++j) {
      const auto& ri = c.rankings[static_cast<std::size_t>(i)];
      const auto& rj = c.rankings[static_cast<std::size_t>(j)];
      CHECK(c.kendall_tau(i, j) == Approx(prio::kendall_tau(ri, rj)));
      CHECK(c.spearman(i, j) == Approx(prio::spearman(ri, rj)));
      CHECK(c.rbo(i, j) == Approx(prio::rbo(ri, rj, 0.8)));
      CHECK(c.top_k_overlap(i, j) == Approx(prio::top_k_overlap(ri, rj, 7)));
    }
  }
  CHECK(c.rankings[0] == prio::rank(prio::score(b, prio::rice())));
  // The largest spread of place over the strategies, by brute force.
  std::size_t best_spread = 0;
  for (FeatureIndex f = 0; f < b.size(); ++f) {
    std::size_t lo = b.size(), hi = 0;
    for (const auto& r : c.rankings) {
      const auto pos = prio::rank_positions(r)[f];
      lo = std::min(lo, pos);
      hi = std::max(hi, pos);
    }
    best_spread = std::max(best_spread, hi - lo);
  }
  REQUIRE(c.movers.size() == 5);
  CHECK(c.movers[0].spread == best_spread);
  for (std::size_t i = 1; i < c.movers.size(); ++i) CHECK(c.movers[i - 1].spread >= c.movers[i].spread);
  CHECK_THROWS_AS(prio::compare_strategies(b, {{"a", prio::rice()}, {"a", prio::wsjf()}}), prio::error);
  // An ordering policy is applied to every strategy.
  const auto reversed = prio::compare_strategies(b, {{"rice", prio::rice()}}, {.order = [](const prio::Scores& s) {
                                                   auto r = prio::rank(s);
                                                   std::reverse(r.begin(), r.end());
                                                   return r;
                                                 }});
  CHECK(reversed.rankings[0].front() == c.rankings[0].back());
}

TEST_CASE("raters: aggregation rules on small hand-worked cases") {
  // 3 raters x 3 items, weights 1, 1, 2.
  Eigen::MatrixXd r(3, 3);
  r << 1, 2, 3,
       3, 2, 1,
       2, 5, 1;
  const Eigen::VectorXd w = vec({1, 1, 2});
  // Weighted mean: item 0 = (1 + 3 + 4) / 4 = 2; item 1 = (2 + 2 + 10) / 4 = 3.5; item 2 = (3 + 1 + 2) / 4 = 1.5.
  CHECK(prio::aggregate(r, w, prio::Aggregation::weighted_mean).isApprox(vec({2, 3.5, 1.5})));
  // Weighted median: item 0 values 1(1) 2(2) 3(1): cumulative 1, 3 > 2 -> 2; item 1: 2(1) 2(1) 5(2):
  // cumulative 1, 2 == half -> (2 + 5) / 2 = 3.5; item 2: 1(1) 1(2) 3(1): 1, 3 > 2 -> 1.
  CHECK(prio::aggregate(r, w, prio::Aggregation::median).isApprox(vec({2, 3.5, 1})));
  // Borda: rater 0 gives 0, 1, 2 points; rater 1 gives 2, 1, 0; rater 2 gives 1, 2, 0.
  // Weighted: item 0 = (0 + 2 + 2) / 4 = 1; item 1 = (1 + 1 + 4) / 4 = 1.5; item 2 = (2 + 0 + 0) / 4 = 0.5.
  CHECK(prio::aggregate(r, w, prio::Aggregation::borda).isApprox(vec({1, 1.5, 0.5})));
  // Kendall's W with ties, by hand: raters (1 1 2) and (1 2 3); ranks (1.5 1.5 3), (1 2 3);
  // R = (2.5 3.5 6), mean 4, S = 6.5; T = 2^3 - 2 = 6; W = 12 S / (m^2 (n^3 - n) - m T) = 78 / 84.
  Eigen::MatrixXd t(2, 3);
  t << 1, 1, 2,
       1, 2, 3;
  CHECK(prio::kendall_w(t) == Approx(13.0 / 14.0));
  Eigen::MatrixXd same(3, 4);
  same << 1, 2, 3, 4, 2, 4, 6, 8, 0, 1, 2, 3;
  CHECK(prio::kendall_w(same) == Approx(1.0));
  CHECK_THROWS_AS(prio::aggregate(r, vec({1, 1}), prio::Aggregation::borda), prio::error);
  CHECK_THROWS_AS(prio::aggregate(r, vec({1, -1, 1}), prio::Aggregation::borda), prio::error);
}

TEST_CASE("raters: Kendall's W and the mean Spearman correlation without ties") {
  // Without ties W = ((m - 1) mean_rho + 1) / m, mean_rho over all pairs of raters
  // (Kendall & Gibbons, Rank Correlation Methods, 1990, ch. 6).
  std::mt19937_64 rng(9);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t m = 2 + prio::test::below(rng, 6), n = 2 + prio::test::below(rng, 30);
    Eigen::MatrixXd r(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n));
    for (Eigen::Index i = 0; i < r.size(); ++i) r.data()[i] = prio::test::uniform(rng, 0, 1);
    double rho = 0;
    for (Eigen::Index a = 0; a < r.rows(); ++a)
      for (Eigen::Index b = a + 1; b < r.rows(); ++b)
        rho += prio::spearman(Eigen::VectorXd(r.row(a).transpose()), Eigen::VectorXd(r.row(b).transpose()));
    const double md = static_cast<double>(m);
    rho /= md * (md - 1) / 2;
    CHECK(prio::kendall_w(r) == Approx(((md - 1) * rho + 1) / md).margin(1e-12));
  }
}

TEST_CASE("raters: the stakeholder data of Greer & Ruhe and del Sagrado et al.") {
  for (const char* name : {"p1.json", "p2.json"}) {
    const auto data = prio_test::read_release_planning(std::string(PRIO_SHARED_DATA_DIR) + "/release-planning/" + name);
    if (!data) {
      PRIO_SKIP("release-planning data: ../shared/data absent");
    }
    INFO(name);
    const Eigen::MatrixXd& r = data->priorities;
    const Eigen::Index m = r.rows(), n = r.cols();
    REQUIRE(m == 5);
    // Kendall's W from its definition: midranks by counting, tie groups by counting.
    double ties = 0;
    Eigen::VectorXd sums = Eigen::VectorXd::Zero(n);
    for (Eigen::Index s = 0; s < m; ++s)
      for (Eigen::Index i = 0; i < n; ++i) {
        double lower = 0, equal = 0;
        for (Eigen::Index j = 0; j < n; ++j) {
          lower += r(s, j) < r(s, i);
          equal += r(s, j) == r(s, i);
        }
        sums[i] += lower + (equal + 1) / 2;
        ties += (equal * equal * equal - equal) / equal;  // each member of a group adds 1/t of t^3 - t
      }
    const double md = static_cast<double>(m), nd = static_cast<double>(n);
    const double S = (sums.array() - md * (nd + 1) / 2).square().sum();
    const double w = 12 * S / (md * md * (nd * nd * nd - nd) - md * ties);
    const auto agg = prio::aggregate_raters(r, data->importance, prio::Aggregation::borda);
    CHECK(agg.kendall_w == Approx(w).epsilon(1e-12));
    CHECK((agg.kendall_w > 0 && agg.kendall_w < 1));
    // Borda from pairwise counts: points of item i = sum over raters of weight x (#lower + #ties / 2).
    for (Eigen::Index i = 0; i < n; ++i) {
      double pts = 0;
      for (Eigen::Index s = 0; s < m; ++s)
        for (Eigen::Index j = 0; j < n; ++j)
          if (j != i) pts += data->importance[s] * (r(s, j) < r(s, i) ? 1.0 : r(s, j) == r(s, i) ? 0.5 : 0.0);
      CHECK(agg.scores[i] == Approx(pts / data->importance.sum()));
    }
    // The weighted mean of the stakeholders' priorities, by the definition.
    const Eigen::VectorXd mean = prio::aggregate(r, data->importance, prio::Aggregation::weighted_mean);
    CHECK(mean.isApprox((data->importance.transpose() * r).transpose() / data->importance.sum()));
    CHECK(agg.rater_tau.size() == m);
    CHECK(data->dependencies.size() == static_cast<std::size_t>(n));
  }
}

namespace {
prio::Backlog two_criteria(std::initializer_list<std::pair<double, double>> rows) {
  prio::Backlog b;
  int i = 0;
  for (auto [x, y] : rows) b.add(prio::Feature{.id = "f" + std::to_string(i++), .attributes = {{"x", x}, {"y", y}}});
  return b;
}
}  // namespace

TEST_CASE("rank reversal: a dominated feature reorders min-max, never a fixed scale") {
  // Worked by hand: A = (10, 2), B = (2, 10), weights 0.6 / 0.4, min-max: A = 0.6, B = 0.4.
  // Adding D = (-6, 2) (x strictly worse by x's spread, y at the worst present value): x now
  // spans [-6, 10], so B's x becomes 8 / 16 = 0.5 and B = 0.3 + 0.4 = 0.7 > A = 0.6: B overtakes A.
  const prio::Backlog b = two_criteria({{10, 2}, {2, 10}});
  const prio::Weighted w = prio::weighted({{"x", 0.6, prio::Direction::benefit, -20, 20}, {"y", 0.4, prio::Direction::benefit, 0, 20}});
  const auto rr = prio::rank_reversal(b, w);
  REQUIRE(rr.size() == 5);
  CHECK(rr[0].normalization == prio::Normalization::min_max);
  CHECK(rr[0].reordered);
  CHECK(rr[0].kendall_tau == Approx(-1.0));
  CHECK(rr[0].worsened == "x");
  CHECK(rr[4].normalization == prio::Normalization::fixed);
  CHECK_FALSE(rr[4].reordered);
  // Property: a fixed scale never reorders.
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    const prio::Backlog rb = prio::test::random_backlog(40, seed);
    const prio::Weighted fw = prio::weighted({{"retention", 0.7, prio::Direction::benefit, 0, 10}, {"cost", 0.3, prio::Direction::cost, 1, 100}});
    for (const auto& r : prio::rank_reversal(rb, fw))
      if (r.normalization == prio::Normalization::fixed) CHECK_FALSE(r.reordered);
  }
}

TEST_CASE("weight sensitivity: the reported change is where the top changes, checked by rescoring") {
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    const prio::Backlog b = prio::test::random_backlog(30, 100 + seed);
    const prio::Weighted w = prio::weighted({{"retention", 0.5, prio::Direction::benefit},
                                             {"cost", 0.3, prio::Direction::cost},
                                             {"reach", 0.2, prio::Direction::benefit}},
                                            seed % 2 ? prio::Normalization::z_score : prio::Normalization::min_max);
    const auto base = prio::rank(prio::score(b, w));
    const std::set<FeatureIndex> base_top(base.begin(), base.begin() + 3);
    auto ranked_with = [&](std::size_t c, double d) {
      prio::Weighted v = w;
      v.criteria[c].weight *= 1 + d;
      return prio::rank(prio::score(b, v));
    };
    auto top_set = [](const std::vector<FeatureIndex>& r) { return std::set<FeatureIndex>(r.begin(), r.begin() + 3); };
    const auto ws = prio::weight_sensitivity(b, w, 3);
    REQUIRE(ws.size() == 3);
    for (std::size_t c = 0; c < 3; ++c) {
      INFO("seed " << seed << " criterion " << c);
      const auto& s = ws[c];
      const double eps = 1e-6;
      if (s.top1_up) {
        CHECK(ranked_with(c, *s.top1_up * (1 - eps) - 1e-12)[0] == base[0]);
        const auto after = ranked_with(c, *s.top1_up * (1 + eps) + 1e-9);
        CHECK(after[0] != base[0]);
        CHECK(after[0] == *s.top1_up_rival);
      } else {
        CHECK(ranked_with(c, 1e6)[0] == base[0]);
      }
      if (s.top1_down) {
        CHECK(ranked_with(c, *s.top1_down * (1 - eps))[0] == base[0]);
        if (*s.top1_down > -1) CHECK(ranked_with(c, std::max(-1.0, *s.top1_down * (1 + eps) - 1e-9))[0] != base[0]);
      } else {
        CHECK(ranked_with(c, -1)[0] == base[0]);
      }
      if (s.top_k_up) {
        CHECK(top_set(ranked_with(c, *s.top_k_up * (1 - eps))) == base_top);
        CHECK(top_set(ranked_with(c, *s.top_k_up * (1 + eps) + 1e-9)) != base_top);
      } else {
        CHECK(top_set(ranked_with(c, 1e6)) == base_top);
      }
      if (s.top_k_down && *s.top_k_down > -1) {
        CHECK(top_set(ranked_with(c, *s.top_k_down * (1 - eps))) == base_top);
        CHECK(top_set(ranked_with(c, std::max(-1.0, *s.top_k_down * (1 + eps) - 1e-9))) != base_top);
      }
      if (!s.top_k_down) CHECK(top_set(ranked_with(c, -1)) == base_top);
    }
  }
}

TEST_CASE("leave one criterion out equals ranking with the other criteria") {
  const prio::Backlog b = prio::test::random_backlog(50, 77);
  const prio::Weighted w = prio::weighted({{"retention", 0.5, prio::Direction::benefit}, {"cost", 0.5, prio::Direction::cost}});
  const auto l = prio::leave_one_out(b, w, 5);
  REQUIRE(l.size() == 2);
  const auto full = prio::rank(prio::score(b, w));
  const auto only_cost = prio::rank(prio::score(b, prio::weighted({{"cost", 1, prio::Direction::cost}})));
  CHECK(l[0].criterion == "retention");
  CHECK(l[0].kendall_tau == Approx(prio::kendall_tau(full, only_cost)));
  CHECK(l[0].same_top1 == (full[0] == only_cost[0]));
  const auto s = prio::sensitivity(b, w, {.top_k = 5});
  CHECK(s.weights.size() == 2);
  CHECK(s.rank_reversal.size() == 4);  // no fixed scale declared
}
