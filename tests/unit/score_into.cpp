// prio::score_into (scores written into an existing prio::Scores) against
// prio::score, bit for bit, for every kind of strategy; and the formula
// kernels RICE, ICE and WSJF run on against the per-feature path.
#include <prio/prio.hpp>

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "generators.hpp"
#include "skip.hpp"

using prio::Backlog;
using prio::FeatureIndex;
using prio::Missing;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Every bit of two Scores: values (NaN payloads and the sign of zero
// included), ids, strategy name, tiers.
void require_same(const prio::Scores& a, const prio::Scores& b) {
  REQUIRE(a.size() == b.size());
  REQUIRE(a.strategy() == b.strategy());
  REQUIRE(a.ids() == b.ids());
  REQUIRE(a.tiers() == b.tiers());
  for (FeatureIndex i = 0; i < a.size(); ++i) {
    INFO("feature " << i << ": " << a[i] << " vs " << b[i]);
    REQUIRE(std::bit_cast<std::uint64_t>(a[i]) == std::bit_cast<std::uint64_t>(b[i]));
  }
}

// A double anywhere in [lo, hi] (open at lo when lo_open): mostly spread
// over every binade, sometimes an edge case the range allows (its bounds, 0,
// -0, the smallest subnormal, the largest finite; a backlog holds no
// infinity).
double wide(std::mt19937_64& rng, double lo, bool lo_open, double hi) {
  for (;;) {
    double x = 0;
    switch (rng() % 12) {
      case 0: x = lo; break;
      case 1: x = std::isfinite(hi) ? hi : std::numeric_limits<double>::max(); break;
      case 2: x = -0.0; break;
      case 3: x = std::numeric_limits<double>::denorm_min(); break;
      case 4: x = std::numeric_limits<double>::max(); break;
      case 5: x = std::nextafter(std::numeric_limits<double>::max(), 0.0); break;
      case 6:
      case 7: x = prio::test::uniform(rng, std::max(lo, 0.0), std::isfinite(hi) ? hi : 100.0); break;
      default: x = std::ldexp(prio::test::uniform(rng, 1, 2), static_cast<int>(rng() % 2100) - 1074 - 25); break;
    }
    if ((lo_open ? x > lo : x >= lo) && x <= hi) return x;
  }
}

// n features with every formula strategy's columns drawn by wide().
Backlog wide_backlog(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = "w" + std::to_string(i);
  Backlog b = Backlog::from_ids(std::move(ids));
  struct Column {
    const char* name;
    double lo;
    bool lo_open;
    double hi;
  };
  const Column columns[] = {{"reach", 0, false, inf},          {"impact", 0, false, inf},          {"confidence", 0, false, 1},
                            {"effort", 0, true, inf},          {"ice_impact", 1, false, 10},       {"ice_confidence", 1, false, 10},
                            {"ease", 1, false, 10},            {"business_value", 0, false, inf},  {"time_criticality", 0, false, inf},
                            {"risk_reduction", 0, false, inf}, {"job_size", 0, true, inf}};
  for (const Column& c : columns) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(n));
    for (auto& x : v) x = wide(rng, c.lo, c.lo_open, c.hi);
    b.set_column(c.name, v);
  }
  return b;
}

// Missing values and values out of range in a few random blocks of 512.
void spoil(Backlog& b, std::uint64_t seed, bool out_of_range) {
  std::mt19937_64 rng(seed);
  if (b.empty()) return;
  const char* attrs[] = {"reach", "impact", "confidence", "effort", "ease", "business_value", "job_size", "ice_impact"};
  for (int k = 0; k < 3; ++k) {
    const auto i = static_cast<FeatureIndex>(prio::test::below(rng, b.size()));
    const char* a = attrs[prio::test::below(rng, std::size(attrs))];
    b.set_value(i, a, out_of_range && k == 0 ? -1.0 : std::nan(""));
  }
}

const auto ice_names = prio::Ice{.impact = "ice_impact", .confidence = "ice_confidence"};

// Every kind of strategy prio::score takes, under a name for the messages.
std::vector<std::pair<std::string, prio::Strategy>> strategies(Missing missing) {
  prio::Ice ice = ice_names, average = ice_names;
  ice.missing = average.missing = missing;
  average.variant = prio::IceVariant::average;
  return {{"rice", prio::rice({.missing = missing})},
          {"rice strict", prio::rice({.strict = true, .missing = missing})},
          {"ice", ice},
          {"ice average", average},
          {"wsjf", prio::wsjf({.missing = missing})},
          {"weighted", prio::weighted({{"reach", 0.7}, {"effort", 0.3, prio::Direction::cost}}, prio::Normalization::rank)},
          {"moscow(rice)", prio::moscow(prio::rice({.missing = missing}))},
          {"moscow(wsjf)", prio::moscow(prio::wsjf({.missing = missing}))},
          {"custom", prio::custom("reach", [](const Backlog& b) { return Eigen::VectorXd(b.column("reach")); })}};
}

// score and score_into agree: same scores, or the same error and an empty out.
void require_into_equals_score(const Backlog& b, const prio::Strategy& s, prio::Scores& out) {
  std::string expected_error;
  prio::Scores expected;
  try {
    expected = prio::score(b, s);
  } catch (const prio::error& e) {
    expected_error = e.what();
  }
  std::string error;
  try {
    prio::score_into(b, s, out);
  } catch (const prio::error& e) {
    error = e.what();
  }
  REQUIRE(error == expected_error);
  if (error.empty()) {
    require_same(out, expected);
  } else {
    CHECK(out.empty());
    CHECK(out.ids().empty());
    CHECK(out.strategy().empty());
    CHECK(out.tiers().empty());
  }
}

}  // namespace

TEST_CASE("score_into: the allocating form's scores bit for bit, every strategy, sizes across block boundaries") {
  // One Scores reused for everything, so it arrives with every other size
  // and strategy (tiers or none, after a failure or not).
  prio::Scores out;
  std::size_t cases = 0, failures = 0;
  for (const std::size_t n : {0u, 1u, 511u, 512u, 513u, 5000u})
    for (int spoilt = 0; spoilt < 3; ++spoilt) {
      Backlog b = prio::test::random_backlog(n, 100 + n);
      if (spoilt > 0) spoil(b, n * 7 + static_cast<std::uint64_t>(spoilt), spoilt == 2);
      for (const Missing missing : {Missing::error, Missing::worst, Missing::skip})
        for (const auto& [name, s] : strategies(missing)) {
          INFO(name << ", " << n << " features, missing policy " << static_cast<int>(missing) << ", spoilt " << spoilt);
          require_into_equals_score(b, s, out);
          ++cases;
          failures += out.empty() && n > 0;
        }
      }
  CHECK(cases == 6 * 3 * 3 * 9);
  CHECK(failures > 20);             // errors were exercised ...
  CHECK(failures < cases / 2);      // ... and so were scores
}

TEST_CASE("score_into: the strategy types themselves, prio::Strategy and plain callables take the same path") {
  const Backlog b = prio::test::random_backlog(1500, 3);
  prio::Scores out;
  prio::score_into(b, prio::rice(), out);
  require_same(out, prio::score(b, prio::rice()));
  prio::score_into(b, ice_names, out);
  require_same(out, prio::score(b, ice_names));
  prio::score_into(b, prio::wsjf(), out);
  require_same(out, prio::score(b, prio::wsjf()));
  prio::score_into(b, prio::moscow(prio::ice(ice_names)), out);
  require_same(out, prio::score(b, prio::moscow(prio::ice(ice_names))));
  CHECK(out.strategy() == "moscow(ice)");
  REQUIRE(out.tiers().size() == b.size());
  for (FeatureIndex i = 0; i < b.size(); ++i) REQUIRE(out.tier(i) == static_cast<std::uint8_t>(b.moscow(i)));
  auto twice = [](const Backlog& x) { return Eigen::VectorXd(2 * x.column("reach")); };
  prio::score_into(b, twice, out);
  require_same(out, prio::score(b, twice));
  CHECK(out.strategy() == "custom");
  prio::rice().score_into(b, out);  // the member, as prio::ScoringModel describes it
  require_same(out, prio::score(b, prio::rice()));
  prio::Strategy(prio::wsjf()).score_into(b, out);
  require_same(out, prio::score(b, prio::wsjf()));
}

TEST_CASE("score_into: reuses the values' storage when the size matches, and resizes when not") {
  const Backlog b = prio::test::random_backlog(2000, 5);
  const Backlog small = prio::test::random_backlog(700, 6);
  prio::Scores out;
  prio::score_into(b, prio::rice(), out);
  const double* storage = out.values().data();
  for (const prio::Strategy& s : {prio::Strategy(prio::rice()), prio::Strategy(prio::wsjf()), prio::Strategy(prio::ice(ice_names)),
                                  prio::Strategy(prio::moscow(prio::rice()))}) {
    prio::score_into(b, s, out);
    CHECK(out.values().data() == storage);
    require_same(out, prio::score(b, s));
  }
  prio::score_into(small, prio::rice(), out);
  require_same(out, prio::score(small, prio::rice()));
  // The ids are the backlog's own, shared, not copied.
  CHECK(out.shared_ids() == small.shared_ids());
}

TEST_CASE("score_into: a failure leaves out empty, and out works again afterwards") {
  Backlog b = prio::test::random_backlog(1200, 8);
  prio::Scores out;
  prio::score_into(b, prio::rice(), out);
  REQUIRE(out.size() == 1200);
  for (const FeatureIndex bad : {0u, 511u, 512u, 1199u}) {
    Backlog broken = b;
    broken.set_value(bad, "effort", 0);  // effort must be > 0
    prio::score_into(b, prio::moscow(prio::rice()), out);
    REQUIRE(out.size() == 1200);
    try {
      prio::score_into(broken, prio::moscow(prio::rice()), out);
      FAIL("expected an error");
    } catch (const prio::error& e) {
      CHECK(e.code() == prio::errc::invalid_value);
      CHECK(e.where().feature == broken.id(bad));
      CHECK(e.where().field == "effort");
    }
    CHECK(out.empty());
    CHECK(out.strategy().empty());
    CHECK(out.tiers().empty());
    CHECK(prio::rank(out).empty());
    prio::score_into(b, prio::rice(), out);
    require_same(out, prio::score(b, prio::rice()));
  }
  // A custom strategy's wrong-sized result: the same error, out emptied.
  auto wrong = [](const Backlog&) { return Eigen::VectorXd(Eigen::VectorXd::Zero(3)); };
  CHECK_THROWS_AS(prio::score_into(b, wrong, out), prio::error);
  CHECK(out.empty());
}

TEST_CASE("formula kernels: the one-pass kernel of each shape equals the per-feature path bit for bit") {
  // Inputs spread over every binade plus the range edges (0, -0, bounds,
  // subnormal, max), so products overflow, underflow and give NaN (0 x inf)
  // as the per-feature path does. No missing or
  // out-of-range value: every block takes the fast kernel.
  namespace d = prio::detail;
  prio::Ice average = ice_names;
  average.variant = prio::IceVariant::average;
  const std::pair<const char*, d::FormulaSpec> specs[] = {
      {"rice", d::FormulaAccess::spec(prio::rice())},
      {"ice", d::FormulaAccess::spec(ice_names)},
      {"ice average", d::FormulaAccess::spec(average)},
      {"wsjf", d::FormulaAccess::spec(prio::wsjf())}};
  std::size_t nan_scores = 0, infinite = 0, zeros = 0, negative_zeros = 0;
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    const Backlog b = wide_backlog(4 * 512 + 77, seed);
    for (const auto& [name, spec] : specs) {
      INFO(name << ", seed " << seed);
      const d::BlockKernel kernel = d::block_kernel(spec);
      REQUIRE(kernel != &d::generic_block);  // the shaped kernel is the one under test
      const auto cols = d::columns(spec, b);
      std::vector<double> shaped(b.size()), generic(b.size());
      for (Eigen::Index s = 0; s < static_cast<Eigen::Index>(b.size()); s += d::formula_block) {
        const Eigen::Index len = std::min<Eigen::Index>(d::formula_block, static_cast<Eigen::Index>(b.size()) - s);
        REQUIRE_FALSE(kernel(spec, cols, s, len, shaped.data() + s));
        REQUIRE_FALSE(d::generic_block(spec, cols, s, len, generic.data() + s));
      }
      std::vector<double> through_score(b.size());
      d::score_formula_columns(spec, b, cols, through_score.data());
      for (FeatureIndex i = 0; i < b.size(); ++i) {
        double expected = 0;
        REQUIRE_FALSE(d::evaluate(spec, b, cols, i, expected).has_value());
        INFO("feature " << i << ": " << shaped[i] << " vs " << expected);
        REQUIRE(std::bit_cast<std::uint64_t>(shaped[i]) == std::bit_cast<std::uint64_t>(expected));
        REQUIRE(std::bit_cast<std::uint64_t>(generic[i]) == std::bit_cast<std::uint64_t>(expected));
        REQUIRE(std::bit_cast<std::uint64_t>(through_score[i]) == std::bit_cast<std::uint64_t>(expected));
        nan_scores += std::isnan(expected);
        infinite += std::isinf(expected);
        zeros += expected == 0 && !std::signbit(expected);
        negative_zeros += expected == 0 && std::signbit(expected);
      }
    }
  }
  // The edge cases were reached.
  CHECK(nan_scores > 100);
  CHECK(infinite > 100);
  CHECK(zeros > 100);
  CHECK(negative_zeros > 10);
}

TEST_CASE("formula kernels: each flags exactly the blocks with a missing or out-of-range input") {
  namespace d = prio::detail;
  const std::pair<const char*, d::FormulaSpec> specs[] = {{"rice", d::FormulaAccess::spec(prio::rice())},
                                                          {"ice", d::FormulaAccess::spec(ice_names)},
                                                          {"wsjf", d::FormulaAccess::spec(prio::wsjf())}};
  // Per term, values just outside its range (and NaN).
  for (const auto& [name, spec] : specs)
    for (std::size_t t = 0; t < spec.terms.size(); ++t) {
      const d::TermSpec& term = spec.terms[t];
      std::vector<double> outside{std::nan(""), std::nextafter(term.lo, -inf), -std::numeric_limits<double>::max()};
      if (term.lo_open) outside.push_back(term.lo);
      if (std::isfinite(term.hi)) outside.push_back(std::nextafter(term.hi, inf));
      for (const double x : outside)
        for (const FeatureIndex at : {0u, 300u, 511u}) {
          INFO(name << ", " << term.name << " = " << x << " at " << at);
          Backlog b = prio::test::random_backlog(512, 11);
          b.set_value(at, term.attribute, x);
          const auto cols = d::columns(spec, b);
          std::vector<double> o(512);
          CHECK(d::block_kernel(spec)(spec, cols, 0, 512, o.data()));
          b.set_value(at, term.attribute, term.lo_open ? std::nextafter(term.lo, inf) : term.lo);  // the edge itself is in range
          CHECK_FALSE(d::block_kernel(spec)(spec, d::columns(spec, b), 0, 512, o.data()));
        }
    }
}

namespace {
// The kernel's flags (VmFlags in /proc/self/smaps) of the mapping holding
// address a; empty when not found.
std::string vm_flags(const void* a) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(a);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-' && line.find(':') > line.find(' ')) {
      inside = lo <= at && at < hi;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line + " ";
    }
  }
  return {};
}
}  // namespace

TEST_CASE("fresh score buffers of 32 MiB and more ask Linux for huge pages, smaller ones do not") {
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled") || !std::ifstream("/proc/self/smaps"))
    PRIO_SKIP("no transparent huge pages or /proc/self/smaps here");
  // 5 x 10^6 scores (40 MB): the 2 MiB-aligned middle of the buffer is advised.
  Eigen::VectorXd large(5'000'000);
  prio::detail::advise_huge_pages(large.data(), static_cast<std::size_t>(large.size()));
  const double* middle = large.data() + large.size() / 2;
  CHECK(vm_flags(middle).find(" hg ") != std::string::npos);
  Eigen::VectorXd small(3'000'000);  // 24 MB
  prio::detail::advise_huge_pages(small.data(), static_cast<std::size_t>(small.size()));
  const std::string flags = vm_flags(small.data() + small.size() / 2);
  CHECK_FALSE(flags.empty());
  CHECK(flags.find(" hg ") == std::string::npos);
}
