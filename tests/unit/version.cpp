#include <prio/version.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

TEST_CASE("the version macros and prio::version() agree") {
  constexpr auto v = prio::version();
  STATIC_REQUIRE(v.major == PRIO_VERSION_MAJOR);
  STATIC_REQUIRE(v.minor == PRIO_VERSION_MINOR);
  STATIC_REQUIRE(v.patch == PRIO_VERSION_PATCH);
  CHECK(std::string(PRIO_VERSION_STRING) ==
        std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch));
}

TEST_CASE("public names live in the inline namespace prio::v1") {
  STATIC_REQUIRE(std::is_same_v<prio::Version, prio::v1::Version>);
  CHECK(prio::v1::version().major == prio::version().major);
}
