/* Handles are immutable: several threads may rank, score and render one
 * backlog at once and get the same bytes as one thread. Compiled as C. */
#include <prio/c.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define THREADS 4

static const prio_backlog* shared;
static char* expected;

static void* work(void* arg) {
  int k;
  int* same = (int*)arg;
  *same = 1;
  for (k = 0; k < 20; ++k) {
    prio_error* err = NULL;
    prio_ranking* r = prio_rank_with_options(shared, "{\"by\": \"moscow:rice\", \"order\": \"inherited\"}", &err);
    char* json = r ? prio_ranking_to_json(r, NULL, &err) : NULL;
    char* explain = prio_explain_json(shared, "sso", "dark-mode", NULL, NULL, &err);
    if (!json || !explain || strcmp(json, expected) != 0) *same = 0;
    prio_string_free(json);
    prio_string_free(explain);
    prio_ranking_free(r);
    prio_error_free(err);
  }
  return NULL;
}

int main(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_read_file("examples/backlog.csv", &err);
  prio_ranking* r;
  pthread_t threads[THREADS];
  int same[THREADS];
  int t;
  CHECK(b != NULL);
  if (!b) return check_report("test_threads");
  r = prio_rank_with_options(b, "{\"by\": \"moscow:rice\", \"order\": \"inherited\"}", &err);
  expected = prio_ranking_to_json(r, NULL, &err);
  CHECK(expected != NULL);
  shared = b;
  for (t = 0; t < THREADS; ++t) CHECK(pthread_create(&threads[t], NULL, work, &same[t]) == 0);
  for (t = 0; t < THREADS; ++t) {
    CHECK(pthread_join(threads[t], NULL) == 0);
    CHECK(same[t] == 1);
  }
  prio_string_free(expected);
  prio_ranking_free(r);
  prio_backlog_free(b);
  return check_report("test_threads");
}
