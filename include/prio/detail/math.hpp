// Private: exp, log and cos(2 pi t) that give the same bits on every platform.
//
// The C library's transcendental functions are not correctly rounded and
// differ between implementations (glibc, musl under Emscripten, MSVC), and
// Eigen's vectorized .log()/.exp()/.cos() differ again from both. Every
// number prio computes must be the same bit for bit through every door (C++,
// CLI, Python, C, WebAssembly) for the same seed, so the few places where a
// transcendental value feeds a result (Monte Carlo draws, explain's log-ratio
// shares, the NRP solver's annealing acceptance) use these functions.
//
// They are built only from IEEE 754 basic operations (+ - * / and exact
// integer and bit manipulation), which are correctly rounded everywhere, with
// fixed coefficients written as hexadecimal literals. Two conditions keep
// them deterministic: round-to-nearest (the default) and no contraction of
// a * b + c into a fused multiply-add (prio's CMake targets pass
// -ffp-contract=off; WebAssembly has no FMA). Accuracy: below 1 ulp over
// the whole range (tests/unit/math.cpp measures it against long double).
//
// Methods (textbook, no code copied):
//  - exp: Cody & Waite argument reduction x = k ln2 + r, |r| <= ln2 / 2, with
//    ln2 split into a 32-bit head (k * head is exact) and a tail; exp(r) by its
//    Taylor series to degree 13 (truncation < 2^-58 relative); scaling by 2^k
//    through the exponent bits (two steps for subnormal results).
//    W. J. Cody and W. Waite, Software Manual for the Elementary Functions,
//    Prentice-Hall 1980; J.-M. Muller, Elementary Functions, 3rd ed., ch. 11.
//  - log: x = 2^k m with m in [sqrt(2)/2, sqrt(2)); with f = m - 1 (exact)
//    and s = f / (2 + f), log(m) = 2 atanh(s) = f - s (f - T) where
//    T = 2 (s^2/3 + s^4/5 + ... + s^20/21) (|s| <= 0.1716, truncation
//    < 2^-59 relative). The main term f is exact, so the rounding errors only
//    touch a correction of relative size <= s. Muller, ch. 11; the same
//    identity as in Sun's fdlibm e_log.c, but with the plain series.
//  - cos_2pi(t) = cos(2 pi t): the reduction is exact in t itself (t minus
//    the nearest integer, then the nearest quarter, all exact by Sterbenz's
//    lemma), leaving |d| <= 1/8 and a quadrant; sin(2 pi d) and cos(2 pi d)
//    by their Taylor series in d to degree 17 and 16, coefficients
//    (2 pi)^n / n! rounded to double (computed in exact rational arithmetic);
//    the leading 2 pi d of the sine is formed exactly (Dekker's product).
//    Box-Muller needs only cos(2 pi u), so no reduction modulo an irrational
//    pi is ever needed (compare Payne & Hanek, SIGNUM Newsletter 18(1), 1983).
#pragma once

#include <cstdint>
#include <limits>

#include "prio/detail/bit.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

namespace math_impl {

inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// ln 2 = ln2_hi + ln2_lo; ln2_hi has 32 significant bits, so k * ln2_hi is
// exact for |k| < 2^21.
inline constexpr double ln2_hi = 0x1.62e42feep-1;
inline constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
inline constexpr double log2e = 0x1.71547652b82fep+0;
// (a + round_shift) - round_shift is a rounded to the nearest integer
// (ties to even) for |a| < 2^51, exactly, with two IEEE additions.
inline constexpr double round_shift = 0x1.8p52;

/// a * b = hi + lo exactly (Dekker's product with Veltkamp's splitting, no
/// FMA needed; T. J. Dekker, Numer. Math. 18, 1971), for |a|, |b| well
/// inside the range (no overflow, no underflow).
struct TwoDouble {
  double hi, lo;
};
[[nodiscard]] constexpr TwoDouble two_product(double a, double b) noexcept {
  constexpr double split = 0x1p27 + 1;
  const double ca = split * a, cb = split * b;
  const double ah = ca - (ca - a), al = a - ah;
  const double bh = cb - (cb - b), bl = b - bh;
  const double hi = a * b;
  const double lo = ((ah * bh - hi) + ah * bl + al * bh) + al * bl;
  return {hi, lo};
}

/// 2^k as a double for -1022 <= k <= 1023 (a normal number).
[[nodiscard]] constexpr double pow2(int k) noexcept {
  return bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
}

}  // namespace math_impl

/// e^x, within 1 ulp; exp(NaN) = NaN, exp(-inf) = 0, exp(inf) = inf,
/// overflow gives inf and underflow 0 (subnormal results are rounded once).
[[nodiscard]] inline double exp(double x) noexcept {
  using namespace math_impl;
  if (x != x) return x;
  if (x > 0x1.62e42fefa39efp+9) return inf;  // above ln(DBL_MAX)
  if (x < -0x1.74910d52d3052p+9) return 0.0;  // below ln(2^-1075): rounds to 0
  const double kd = (x * log2e + round_shift) - round_shift;  // nearest integer to x / ln2
  const double r = (x - kd * ln2_hi) - kd * ln2_lo;           // |r| <= ln2 / 2 (+ a rounding)
  // exp(r) = 1 + r + r^2 (1/2! + r (1/3! + ... + r 1/13!)), Horner.
  double p = 0x1.6124613a86d09p-33;  // 1/13!
  p = p * r + 0x1.1eed8eff8d898p-29;  // 1/12!
  p = p * r + 0x1.ae64567f544e4p-26;  // 1/11!
  p = p * r + 0x1.27e4fb7789f5cp-22;  // 1/10!
  p = p * r + 0x1.71de3a556c734p-19;  // 1/9!
  p = p * r + 0x1.a01a01a01a01ap-16;  // 1/8!
  p = p * r + 0x1.a01a01a01a01ap-13;  // 1/7!
  p = p * r + 0x1.6c16c16c16c17p-10;  // 1/6!
  p = p * r + 0x1.1111111111111p-7;   // 1/5!
  p = p * r + 0x1.5555555555555p-5;   // 1/4!
  p = p * r + 0x1.5555555555555p-3;   // 1/3!
  p = p * r + 0.5;
  const double y = 1.0 + (r + (r * r) * p);
  const int k = static_cast<int>(kd);
  if (k > 1023) return y * 2.0 * pow2(k - 1);
  if (k >= -1022) return y * pow2(k);
  return (y * pow2(k + 1000)) * 0x1p-1000;  // subnormal result: exact first step, one rounding
}

/// Natural logarithm, within 1 ulp; log(0) = -inf, log(x < 0) = NaN,
/// log(inf) = inf, log(NaN) = NaN; subnormal arguments are exact inputs.
[[nodiscard]] inline double log(double x) noexcept {
  using namespace math_impl;
  if (x != x) return x;
  if (x < 0) return nan;
  if (x == 0) return -inf;
  if (x == inf) return inf;
  int k = 0;
  if (x < 0x1p-1022) {  // subnormal: scale into the normal range (exact)
    x *= 0x1p54;
    k = -54;
  }
  const auto bits = bit_cast<std::uint64_t>(x);
  k += static_cast<int>(bits >> 52) - 1023;
  double m = bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);  // [1, 2)
  if (m > 0x1.6a09e667f3bcdp+0) {  // above sqrt(2): halve (exact)
    m *= 0.5;
    ++k;
  }
  const double f = m - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double z = s * s;
  double t = 0x1.8618618618618p-4;  // 2/21
  t = t * z + 0x1.af286bca1af28p-4;  // 2/19
  t = t * z + 0x1.e1e1e1e1e1e1ep-4;  // 2/17
  t = t * z + 0x1.1111111111111p-3;  // 2/15
  t = t * z + 0x1.3b13b13b13b14p-3;  // 2/13
  t = t * z + 0x1.745d1745d1746p-3;  // 2/11
  t = t * z + 0x1.c71c71c71c71cp-3;  // 2/9
  t = t * z + 0x1.2492492492492p-2;  // 2/7
  t = t * z + 0x1.999999999999ap-2;  // 2/5
  t = t * z + 0x1.5555555555555p-1;  // 2/3
  t = t * z;
  const double kd = static_cast<double>(k);
  return kd * ln2_hi + (f - (s * (f - t) - kd * ln2_lo));
}

/// cos(2 pi t) for any finite t, within 1 ulp, with the argument reduced
/// exactly (so cos_2pi(0.25) is 0 and large t lose nothing); NaN for inf
/// and NaN.
[[nodiscard]] inline double cos_2pi(double t) noexcept {
  using namespace math_impl;
  if (t != t || t == inf || t == -inf) return nan;
  double a = t < 0 ? -t : t;  // cos is even
  if (a >= 0x1p52) return 1.0;  // every such double is an integer
  a = a - ((a + 0x1p52) - 0x1p52);  // minus the nearest integer: [-1/2, 1/2], exact
  if (a < 0) a = -a;
  const double q = (4.0 * a + round_shift) - round_shift;  // nearest quarter: 0, 1 or 2
  const double d = a - 0.25 * q;                             // |d| <= 1/8, exact
  const double z = d * d;
  if (q == 1.0) {  // cos(pi/2 + 2 pi d) = -sin(2 pi d)
    double p = 0x1.aaec32af93359p-4;
    p = p * z + -0x1.6fadb9f155744p-1;
    p = p * z + 0x1.e8f434d018d63p+1;
    p = p * z + -0x1.e3074fde8871fp+3;
    p = p * z + 0x1.50783487ee782p+5;
    p = p * z + -0x1.32d2cce62bd86p+6;
    p = p * z + 0x1.466bc6775aae2p+6;
    p = p * z + -0x1.4abbce625be53p+5;
    // The leading term 2 pi d can exceed the result's binade, so it is
    // formed exactly (2 pi as a double-double, d * hi by Dekker's product).
    const TwoDouble lead = two_product(d, 0x1.921fb54442d18p+2);
    return -(lead.hi + (lead.lo + d * 0x1.1a62633145c07p-52 + d * (z * p)));
  }
  double p = 0x1.20c62c2f2d7f5p-2;
  p = p * z + -0x1.b6e24f44b128fp+0;
  p = p * z + 0x1.f9d38a3763cc3p+2;
  p = p * z + -0x1.a6d1f2a204a8cp+4;
  p = p * z + 0x1.e1f506891babbp+5;
  p = p * z + -0x1.55d3c7e3cbffap+6;
  p = p * z + 0x1.03c1f081b5ac4p+6;
  // 1 - (2 pi d)^2 / 2 reaches 0.69, a binade below 1: its leading term is
  // formed exactly (d^2 and the product by -(2 pi)^2 / 2, a double-double,
  // by Dekker's product; the sum with 1 by Fast2Sum).
  const TwoDouble dd = two_product(d, d);
  const TwoDouble lead = two_product(dd.hi, -0x1.3bd3cc9be45dep+4);
  const double tail = lead.lo + (dd.lo * -0x1.3bd3cc9be45dep+4 + dd.hi * -0x1.692b71366cc04p-50) + (z * z) * p;
  const double head = 1.0 + lead.hi;
  const double c = head + (((1.0 - head) + lead.hi) + tail);
  return q == 0.0 ? c : -c;  // q == 2: cos(pi + 2 pi d) = -cos(2 pi d)
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
