// Private: std::bit_cast where the standard library has it, the compiler
// builtin otherwise (the libc++ shipped with Debian's Emscripten 3.1.6 lacks
// std::bit_cast; GCC >= 11 and Clang >= 9 provide __builtin_bit_cast, which
// is constexpr like std::bit_cast).
#pragma once

#include <bit>
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

}  // namespace detail
}  // namespace v1
}  // namespace prio
