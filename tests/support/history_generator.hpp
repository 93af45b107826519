// A generated history of delivered features whose true value follows a known
// model, for backtests and calibration. Deterministic for a given seed on
// every platform (prio's own xoshiro256** streams, no std:: distributions).
//
// The model: each feature has a true reach R, impact I (Intercom's scale),
// confidence C and actual effort E. What it delivered afterwards is
// realized_value = R x I x C / 100 and it cost actual_effort = E, so value per
// unit of actual cost is exactly RICE on the true inputs. The estimates made
// before the decision are noisy: reach = R exp(noise z1), effort = E /
// exp(bias_team + noise z2) (z standard normal), so actual / estimate of the
// effort is lognormal with mu = the team's bias and sigma = noise. WSJF and
// weighted-KPI ratings are coarser, noisier readings of the same truth.
#pragma once

#include <prio/backlog.hpp>
#include <prio/detail/random.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace prio::test {

struct HistorySpec {
  std::size_t features = 200;
  std::uint64_t seed = 1;
  double noise = 0.5;             ///< sigma of the lognormal estimate noise (reach, effort)
  bool teams = false;             ///< three teams with different effort biases (else one, bias `bias`)
  double bias = 0.3;              ///< mu of ln(actual / estimate) of the effort, one team
  double missing_share = 0;       ///< share of features still without a realized value
};

/// The team names and their effort biases (mu of ln(actual / estimate)).
inline const std::array<std::pair<const char*, double>, 3>& history_teams() {
  static const std::array<std::pair<const char*, double>, 3> t{{{"core", 0.4}, {"growth", 0.1}, {"platform", 0.7}}};
  return t;
}

/// Columns: reach, impact, confidence, effort (estimates), business_value,
/// time_criticality, risk_reduction, job_size (WSJF), retention, revenue
/// (1-10 ratings), team (an index 0..2, see history_teams), actual_effort and
/// realized_value (outcomes).
inline Backlog make_history(const HistorySpec& spec, std::vector<std::string>* team_labels = nullptr) {
  detail::Xoshiro256 g = detail::Xoshiro256::stream(spec.seed, 0x4849535430ULL);
  const std::array<double, 5> impacts{0.25, 0.5, 1, 2, 3};
  const std::array<double, 3> confidences{0.5, 0.8, 1};
  const std::array<double, 7> fib{1, 2, 3, 5, 8, 13, 20};
  auto nearest_fib = [&fib](double x) {
    double best = fib[0];
    for (double f : fib)
      if (std::abs(std::log(f) - std::log(x)) < std::abs(std::log(best) - std::log(x))) best = f;
    return best;
  };
  auto rating = [](double x) { return std::clamp(std::round(x), 1.0, 10.0); };
  Backlog b;
  for (std::size_t i = 0; i < spec.features; ++i) {
    const double R = std::round(std::exp(5.5 + 1.0 * detail::normal(g)));
    const double I = impacts[std::min<std::size_t>(4, static_cast<std::size_t>(g.uniform() * 5))];
    const double C = confidences[std::min<std::size_t>(2, static_cast<std::size_t>(g.uniform() * 3))];
    const double E = (std::round(std::exp(0.8 + 0.8 * detail::normal(g)) * 10) + 1) / 10;
    const std::size_t team = spec.teams ? std::min<std::size_t>(2, static_cast<std::size_t>(g.uniform() * 3)) : 0;
    const double bias = spec.teams ? history_teams()[team].second : spec.bias;
    const double z1 = detail::normal(g), z2 = detail::normal(g), z3 = detail::normal(g), z4 = detail::normal(g);
    const double value = R * I * C / 100;
    const double reach_est = std::max(1.0, std::round(R * std::exp(spec.noise * z1)));
    const double effort_est = std::max(0.1, std::round(E / std::exp(bias + spec.noise * z2) * 10) / 10);
    const double worth = std::log(value + 1);  // about 0..6
    const bool missing = g.uniform() < spec.missing_share;
    Feature f;
    f.id = "h" + std::to_string(1000 + i);
    f.title = "Delivered feature " + std::to_string(i + 1);
    f.attributes = {{"reach", reach_est},
                    {"impact", I},
                    {"confidence", C},
                    {"effort", effort_est},
                    {"business_value", nearest_fib(std::exp(worth * 0.5 + 0.5 * z3))},
                    {"time_criticality", fib[std::min<std::size_t>(6, static_cast<std::size_t>(g.uniform() * 7))]},
                    {"risk_reduction", fib[std::min<std::size_t>(6, static_cast<std::size_t>(g.uniform() * 4))]},
                    {"job_size", nearest_fib(effort_est * 2)},
                    {"retention", rating(1 + worth * 1.5 + 1.5 * z4)},
                    {"revenue", rating(1 + 9 * g.uniform())},
                    {"team", static_cast<double>(team)},
                    {"actual_effort", E}};
    if (!missing) f.attributes.emplace_back("realized_value", std::round(value * 100) / 100);
    b.add(std::move(f));
    if (team_labels) team_labels->push_back(history_teams()[team].first);
  }
  return b;
}

}  // namespace prio::test
