// prio — dependency-aware backlog prioritization.
// The single source of the version number: CMake reads these three macros.
#pragma once

#define PRIO_VERSION_MAJOR 0
#define PRIO_VERSION_MINOR 1
#define PRIO_VERSION_PATCH 0

#define PRIO_VERSION_STRING "0.1.0"

namespace prio {
// Every public name lives in prio::v1; the inline namespace lets a future
// ABI-breaking prio 2 live beside this one in the same program.
inline namespace v1 {

struct Version {
  int major;
  int minor;
  int patch;
};

/// The version of the headers this translation unit was compiled against.
[[nodiscard]] constexpr Version version() noexcept {
  return {PRIO_VERSION_MAJOR, PRIO_VERSION_MINOR, PRIO_VERSION_PATCH};
}

}  // namespace v1
}  // namespace prio
