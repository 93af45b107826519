#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "skip.hpp"

// Catch2's exit code is the number of failed assertions; a failure never
// leaves with the skip code, and a run that skipped (and did not fail) does.
int main(int argc, char* argv[]) {
  const int failed = Catch::Session().run(argc, argv);
  if (failed != 0) return failed == prio_test::skip_exit_code ? 1 : failed;
  return prio_test::skipped() ? prio_test::skip_exit_code : 0;
}
