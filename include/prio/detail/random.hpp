// Private: seeded random streams and distributions whose output is the same
// bit for bit on every platform and standard library (std:: distributions are
// not), and does not depend on how draws are spread over threads.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "prio/detail/bit.hpp"
#include "prio/detail/math.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference splitmix64.c):
/// advances `state` and returns the next output.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018): 256 bits of state, period
/// 2^256 - 1, about 1 ns per number.
class Xoshiro256 {
 public:
  /// The four state words as given (not all zero).
  constexpr Xoshiro256(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) noexcept : s_{a, b, c, d} {}

  /// The independent stream number `index` of a seed: the state is filled by
  /// SplitMix64 from a mix of both, as Vigna recommends for seeding.
  [[nodiscard]] static constexpr Xoshiro256 stream(std::uint64_t seed, std::uint64_t index) noexcept {
    std::uint64_t k = seed;
    std::uint64_t x = splitmix64(k);
    std::uint64_t j = index ^ 0x5851f42d4c957f2dULL;
    x ^= splitmix64(j);
    const std::uint64_t a = splitmix64(x), b = splitmix64(x), c = splitmix64(x), d = splitmix64(x);
    return {a, b, c, d};
  }

  [[nodiscard]] constexpr std::uint64_t next() noexcept {
    const std::uint64_t result = std::rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }

  /// Uniform in the open interval (0, 1): the top 52 bits as a double in
  /// [1, 2), shifted down by 1 - 2^-53 (exact), so values are (2k + 1) 2^-53
  /// and log(u), log(1 - u) are always finite. No integer-to-double
  /// conversion, which is slow and not vectorized.
  [[nodiscard]] constexpr double uniform() noexcept {
    return bit_cast<double>((next() >> 12) | 0x3ff0000000000000ULL) - (1.0 - 0x1.0p-53);
  }

 private:
  std::uint64_t s_[4];
};

/// FNV-1a, 64 bits: a portable hash of a name (std::hash is not portable),
/// used to give each uncertain attribute its own streams.
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Inverse CDF of the triangular distribution on [a, b] with mode c, at u.
[[nodiscard]] inline double triangular_quantile(double a, double c, double b, double u) noexcept {
  const double w = b - a;
  if (!(w > 0)) return c;
  const double fc = (c - a) / w;
  return u < fc ? a + std::sqrt(u * w * (c - a)) : b - std::sqrt((1 - u) * w * (b - c));
}

/// A standard normal deviate from two uniforms (Box-Muller, cosine branch),
/// with prio's own log and cos (detail/math.hpp): the same bits everywhere.
[[nodiscard]] inline double normal_from(double u1, double u2) noexcept {
  return std::sqrt(-2.0 * detail::log(u1)) * detail::cos_2pi(u2);
}

/// Standard normal deviate: consumes exactly two uniforms.
[[nodiscard]] inline double normal(Xoshiro256& g) noexcept {
  const double u1 = g.uniform();
  const double u2 = g.uniform();
  return normal_from(u1, u2);
}

/// Gamma(shape >= 1, scale 1) by Marsaglia & Tsang (2000); consumes a
/// variable number of uniforms (deterministic for a given stream).
[[nodiscard]] inline double gamma_deviate(Xoshiro256& g, double shape) noexcept {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0, v = 0;
    do {
      x = normal(g);
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = g.uniform();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (detail::log(u) < 0.5 * x * x + d * (1.0 - v + detail::log(v))) return d * v;
  }
}

/// PERT on [a, b] with mode c (lambda 4): a + (b - a) Beta(alpha, beta) with
/// alpha = 1 + 4 (c - a) / (b - a), beta = 1 + 4 (b - c) / (b - a).
[[nodiscard]] inline double pert_deviate(Xoshiro256& g, double a, double c, double b) noexcept {
  const double w = b - a;
  if (!(w > 0)) return c;
  const double alpha = 1.0 + 4.0 * (c - a) / w, beta = 1.0 + 4.0 * (b - c) / w;
  const double x = gamma_deviate(g, alpha), y = gamma_deviate(g, beta);
  return a + w * (x / (x + y));
}

/// The 95th percentile of the standard normal distribution.
inline constexpr double z95 = 1.6448536269514722;

}  // namespace detail
}  // namespace v1
}  // namespace prio
