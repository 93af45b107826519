/* A minimal check macro for the C tests: counts failures, prints each. */
#ifndef PRIO_TEST_CHECK_H
#define PRIO_TEST_CHECK_H
#include <stdio.h>
#include <string.h>

#include "read_file.h"

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond)                                                          \
  do {                                                                       \
    ++check_count;                                                           \
    if (!(cond)) {                                                           \
      ++check_failures;                                                      \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                        \
  } while (0)

#define CHECK_STR(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)
#define CHECK_CONTAINS(a, b) CHECK((a) != NULL && strstr((a), (b)) != NULL)

static int check_report(const char* name) {
  (void)check_read_file; /* not every test reads files */
  printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
  return check_failures ? 1 : 0;
}
#endif
