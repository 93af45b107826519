// Cache prefetch hints, private to prio: one place for the compiler builtin,
// so that headers a user includes compile on compilers without it (MSVC:
// the hints are skipped).
#pragma once

namespace prio::inline v1::detail {

/// Starts loading the cache line at p, to be read soon.
inline void prefetch([[maybe_unused]] const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#endif
}

/// Starts loading the cache line at p, to be written soon.
inline void prefetch_for_write([[maybe_unused]] const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p, 1);
#endif
}

}  // namespace prio::inline v1::detail
