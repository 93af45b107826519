// prio::detail::exp, log and cos_2pi: accuracy against long double over
// generated arguments (the maximum error in ulps is asserted), special
// values, and bits pinned so that a change of method shows up here first.
#include <prio/detail/math.hpp>
#include <prio/detail/random.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>

namespace {

using prio::detail::Xoshiro256;
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double denorm_min = std::numeric_limits<double>::denorm_min();

// The error of `got` in units in the last place of the exact value `want`
// (a long double holding 11 more bits than a double).
double ulps(double got, long double want) {
  const auto w = static_cast<double>(want);
  if (std::isinf(w)) return got == w ? 0.0 : inf;
  int e = 0;
  (void)std::frexp(w, &e);  // |w| in [2^(e-1), 2^e)
  const double ulp = w == 0 ? denorm_min : std::max(std::ldexp(1.0, e - 53), denorm_min);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - want) / static_cast<long double>(ulp));
}

struct Worst {
  double error = 0, at = 0;
  void add(double e, double x) {
    if (e > error) {
      error = e;
      at = x;
    }
  }
};

// Uniform in [lo, hi] from a stream.
double between(Xoshiro256& g, double lo, double hi) { return lo + (hi - lo) * g.uniform(); }

// A positive finite double with a uniformly drawn exponent and mantissa.
double any_positive(Xoshiro256& g) {
  for (;;) {
    const double x = prio::detail::bit_cast<double>(g.next() & 0x7fffffffffffffffULL);
    if (std::isfinite(x) && x > 0) return x;
  }
}

constexpr int samples = 200000;

}  // namespace

TEST_CASE("exp is within 1 ulp of expl over its whole range") {
  Xoshiro256 g = Xoshiro256::stream(1, 0);
  Worst w;
  const std::pair<double, double> ranges[] = {{-745.13, 709.78}, {-1, 1}, {-0.35, 0.35}, {-1e-6, 1e-6}, {-745.13, -708}, {700, 709.78}};
  for (const auto& [lo, hi] : ranges)
    for (int i = 0; i < samples; ++i) {
      const double x = between(g, lo, hi);
      w.add(ulps(prio::detail::exp(x), std::exp(static_cast<long double>(x))), x);
    }
  INFO("max error " << w.error << " ulp at x = " << w.at);
  CHECK(w.error < 1.0);
}

TEST_CASE("log is within 1 ulp of logl over all positive doubles") {
  Xoshiro256 g = Xoshiro256::stream(2, 0);
  Worst w;
  for (int i = 0; i < samples; ++i) {
    const double x = any_positive(g);
    w.add(ulps(prio::detail::log(x), std::log(static_cast<long double>(x))), x);
  }
  for (int i = 0; i < samples; ++i) {  // near 1, where log(x) is small and cancellation threatens
    const double x = between(g, 0.99, 1.01);
    w.add(ulps(prio::detail::log(x), std::log(static_cast<long double>(x))), x);
  }
  for (int i = 0; i < samples; ++i) {  // the uniforms Monte Carlo draws take the log of
    const double x = g.uniform();
    w.add(ulps(prio::detail::log(x), std::log(static_cast<long double>(x))), x);
  }
  for (int i = 0; i < samples / 10; ++i) {  // subnormal arguments
    const double x = prio::detail::bit_cast<double>(g.next() & 0x000fffffffffffffULL);
    if (x > 0) w.add(ulps(prio::detail::log(x), std::log(static_cast<long double>(x))), x);
  }
  INFO("max error " << w.error << " ulp at x = " << w.at);
  CHECK(w.error < 1.0);
}

TEST_CASE("cos_2pi is within 1 ulp of cosl(2 pi t)") {
  // The reference reduces t exactly in long double (minus the nearest
  // integer, then the nearest quarter q / 4) and takes cosl or sinl of
  // 2 pi d with a 64-bit 2 pi, so it stays accurate near the zeros too.
  const long double two_pi = 2 * std::numbers::pi_v<long double>;
  auto reference = [&](double t) {
    const long double r = std::fabs(static_cast<long double>(t) - std::round(static_cast<long double>(t)));
    const long double q = std::round(4 * r), d = r - q / 4;
    if (q == 1) return -std::sin(two_pi * d);
    return q == 0 ? std::cos(two_pi * d) : -std::cos(two_pi * d);
  };
  Xoshiro256 g = Xoshiro256::stream(3, 0);
  Worst w;
  const std::pair<double, double> ranges[] = {{0, 1}, {-3, 3}, {-1e6, 1e6}, {0.2, 0.3}, {-0.01, 0.01}};
  for (const auto& [lo, hi] : ranges)
    for (int i = 0; i < samples; ++i) {
      const double t = between(g, lo, hi);
      w.add(ulps(prio::detail::cos_2pi(t), reference(t)), t);
    }
  INFO("max error " << w.error << " ulp at t = " << w.at);
  CHECK(w.error < 1.0);
}

TEST_CASE("exp special values") {
  using prio::detail::exp;
  CHECK(exp(0.0) == 1.0);
  CHECK(exp(-0.0) == 1.0);
  CHECK(ulps(exp(1.0), std::exp(1.0L)) < 1.0);
  CHECK(exp(inf) == inf);
  CHECK(exp(-inf) == 0.0);
  CHECK(std::isnan(exp(qnan)));
  CHECK(exp(710.0) == inf);
  CHECK(exp(1e300) == inf);
  CHECK(exp(-1e300) == 0.0);
  CHECK(exp(-746.0) == 0.0);
  CHECK(exp(709.78) < std::numeric_limits<double>::max());
  CHECK(exp(709.78) > 1.7e308);
  CHECK(exp(-745.0) == denorm_min);  // e^-745 = 4.94e-324 * 1.0e0: the smallest subnormal
  CHECK(exp(-708.5) > 0);
  CHECK(exp(-708.5) < std::numeric_limits<double>::min());  // subnormal result
  CHECK(exp(denorm_min) == 1.0);
  CHECK(exp(1e-300) == 1.0);
  CHECK(exp(-0x1p-60) == 1.0);  // rounds to 1 (1 - 2^-60 is nearer 1 than 1 - 2^-53)
}

TEST_CASE("log special values") {
  using prio::detail::log;
  CHECK(log(1.0) == 0.0);
  CHECK(!std::signbit(log(1.0)));
  CHECK(log(0.0) == -inf);
  CHECK(log(-0.0) == -inf);
  CHECK(std::isnan(log(-1.0)));
  CHECK(std::isnan(log(-inf)));
  CHECK(std::isnan(log(qnan)));
  CHECK(log(inf) == inf);
  CHECK(log(2.0) == 0x1.62e42fefa39efp-1);  // ln 2, correctly rounded
  CHECK(log(0x1.5bf0a8b145769p+1) == 1.0);   // log(e)
  CHECK(log(denorm_min) == -0x1.74385446d71c3p+9);  // -1074 ln 2
  CHECK(log(std::numeric_limits<double>::max()) == 0x1.62e42fefa39efp+9);
  CHECK(log(std::numeric_limits<double>::min()) == -0x1.6232bdd7abcd2p+9);  // -1022 ln 2
}

TEST_CASE("cos_2pi special values and exact quadrants") {
  using prio::detail::cos_2pi;
  CHECK(cos_2pi(0.0) == 1.0);
  CHECK(cos_2pi(-0.0) == 1.0);
  CHECK(cos_2pi(0.25) == 0.0);
  CHECK(cos_2pi(0.5) == -1.0);
  CHECK(cos_2pi(0.75) == 0.0);
  CHECK(cos_2pi(1.0) == 1.0);
  CHECK(cos_2pi(-0.5) == -1.0);
  CHECK(cos_2pi(1e300) == 1.0);
  CHECK(cos_2pi(0x1p52 + 1) == 1.0);
  CHECK(cos_2pi(0x1p51 + 0.5) == -1.0);
  CHECK(cos_2pi(1.0 / 6) == 0x1.0000000000000p-1);  // cos(pi/3) = 1/2
  CHECK(std::isnan(cos_2pi(inf)));
  CHECK(std::isnan(cos_2pi(-inf)));
  CHECK(std::isnan(cos_2pi(qnan)));
  CHECK(cos_2pi(denorm_min) == 1.0);
  // Symmetries that hold exactly because the reduction is exact.
  Xoshiro256 g = Xoshiro256::stream(4, 0);
  for (int i = 0; i < 10000; ++i) {
    const double t = std::floor(g.uniform() * 0x1p40) * 0x1p-40;  // t + 8 is exact
    REQUIRE(cos_2pi(t) == cos_2pi(-t));
    REQUIRE(cos_2pi(t) == cos_2pi(t + 8.0));
    REQUIRE(cos_2pi(t) == cos_2pi(1.0 - t));
  }
}

TEST_CASE("the functions' bits are pinned (a change of method must show here)") {
  // The correctly rounded values, which these implementations give; the
  // same on every platform, so other doors can compare seeded draws bit for bit.
  CHECK(prio::detail::bit_cast<std::uint64_t>(prio::detail::exp(0.1)) == 0x3ff1aec7b35a00d4ULL);
  CHECK(prio::detail::bit_cast<std::uint64_t>(prio::detail::log(0.1)) == 0xc0026bb1bbb55515ULL);
  CHECK(prio::detail::bit_cast<std::uint64_t>(prio::detail::cos_2pi(0.1)) == 0x3fe9e3779b97f4a8ULL);
}
