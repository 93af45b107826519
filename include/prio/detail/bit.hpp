// Private: std::bit_cast where the standard library has it, the compiler
// builtin otherwise (the libc++ shipped with Debian's Emscripten 3.1.6 lacks
// std::bit_cast; GCC >= 11 and Clang >= 9 provide __builtin_bit_cast, which
// is constexpr like std::bit_cast).
#pragma once

#include <bit>
#include <cstdint>
#include <type_traits>

namespace prio {
inline namespace v1 {
namespace detail {

template <class To, class From>
  requires(sizeof(To) == sizeof(From) && std::is_trivially_copyable_v<To> && std::is_trivially_copyable_v<From>)
[[nodiscard]] constexpr To bit_cast(const From& from) noexcept {
#if defined(__cpp_lib_bit_cast)
  return std::bit_cast<To>(from);
#else
  return __builtin_bit_cast(To, from);
#endif
}

/// The key of a double (not NaN) whose unsigned order is the values' order,
/// -0 as +0: the bits with the sign folded in. Inverse: from_order_key.
[[nodiscard]] constexpr std::uint64_t order_key(double x) noexcept {
  constexpr std::uint64_t top = std::uint64_t{1} << 63;
  const auto u = detail::bit_cast<std::uint64_t>(x + 0.0);  // + 0.0: -0 as +0
  return u ^ (static_cast<std::uint64_t>(static_cast<std::int64_t>(u) >> 63) | top);  // negative: ~u; else u | top (no branch)
}

/// The double whose order_key is k.
[[nodiscard]] constexpr double from_order_key(std::uint64_t k) noexcept {
  constexpr std::uint64_t top = std::uint64_t{1} << 63;
  return detail::bit_cast<double>(k & top ? k ^ top : ~k);
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
