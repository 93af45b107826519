#include <prio/version.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

TEST_CASE("the version macros, prio::version() and the CMake project version agree") {
  // PRIO_PROJECT_VERSION is what CMake's project() parsed out of version.hpp
  // (and what prio-config-version.cmake installs): the integer macros, the
  // string macro and the package version are written separately.
  constexpr auto v = prio::version();
  const std::string project = PRIO_PROJECT_VERSION;
  CHECK(std::string(PRIO_VERSION_STRING) == project);
  CHECK(std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch) == project);
}

TEST_CASE("public names live in the inline namespace prio::v1") {
  STATIC_REQUIRE(std::is_same_v<prio::Version, prio::v1::Version>);
}
