// Generated backlogs for property tests. Deterministic for a given seed.
#pragma once

#include <prio/backlog.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace prio::test {

/// A uniform double in [lo, hi) from 53 random bits (portable, unlike std::uniform_real_distribution).
inline double uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
}
/// A uniform integer in [0, n).
inline std::size_t below(std::mt19937_64& rng, std::size_t n) { return static_cast<std::size_t>(rng() % n); }

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[below(rng, v.size())];
}

/// A backlog of n features with RICE, ICE (ice_impact, ice_confidence, ease) and WSJF attributes on their
/// frameworks' scales, random MoSCoW categories and no dependencies. With
/// `ties`, values come from small sets so that equal scores are common.
inline Backlog random_backlog(std::size_t n, std::uint64_t seed, bool ties = false) {
  std::mt19937_64 rng(seed);
  const std::vector<double> impact{3, 2, 1, 0.5, 0.25}, confidence{1, 0.8, 0.5}, fib{1, 2, 3, 5, 8, 13, 20};
  Backlog b;
  b.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    Feature f;
    f.id = "f" + std::to_string(rng() % 1000000000) + "-" + std::to_string(i);
    f.title = "Feature " + std::to_string(i);
    const double reach = ties ? static_cast<double>(100 * (1 + below(rng, 5))) : std::floor(uniform(rng, 10, 10000));
    f.attributes = {{"reach", reach},
                    {"impact", pick(rng, impact)},
                    {"confidence", pick(rng, confidence)},
                    {"effort", ties ? static_cast<double>(1 + below(rng, 3)) : std::round(uniform(rng, 0.5, 12) * 2) / 2},
                    {"ease", static_cast<double>(1 + below(rng, 10))},
                    {"ice_impact", static_cast<double>(1 + below(rng, 10))},
                    {"ice_confidence", static_cast<double>(1 + below(rng, 10))},
                    {"business_value", pick(rng, fib)},
                    {"time_criticality", pick(rng, fib)},
                    {"risk_reduction", pick(rng, fib)},
                    {"job_size", pick(rng, fib)},
                    {"retention", uniform(rng, 0, 10)},
                    {"cost", uniform(rng, 1, 100)}};
    f.moscow = static_cast<Moscow>(below(rng, 5));
    b.add(std::move(f));
  }
  return b;
}

/// The same features added in another order (a permutation from the seed).
inline Backlog shuffled(const Backlog& b, std::uint64_t seed) {
  std::vector<FeatureIndex> perm(b.size());
  std::iota(perm.begin(), perm.end(), FeatureIndex{0});
  std::mt19937_64 rng(seed);
  for (std::size_t i = perm.size(); i > 1; --i) std::swap(perm[i - 1], perm[below(rng, i)]);
  Backlog out;
  for (FeatureIndex i : perm) {
    Feature f{b.id(i), b.title(i), {}, b.moscow(i), b.depends_on(i)};
    for (const auto& a : b.attributes()) {
      const double v = b.value(i, a);
      if (!std::isnan(v)) f.attributes.emplace_back(a, v);
    }
    out.add(std::move(f));
  }
  return out;
}

/// Ids in ranking order: comparable across backlogs that hold the same features.
inline std::vector<std::string> ids_of(const Backlog& b, const std::vector<FeatureIndex>& order) {
  std::vector<std::string> out;
  out.reserve(order.size());
  for (FeatureIndex i : order) out.push_back(b.id(i));
  return out;
}

}  // namespace prio::test
