/* The C ABI's graphs, simulations and JSON reports: known answers worked by
 * hand (a release found by enumerating every subset), determinism of the
 * seeded simulation, and the error paths of their options. Compiled as C. */
#include <math.h>
#include <prio/c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* a <- b, a <- c (b and c depend on a); d alone. RICE: a 50, b 400, c 6, d 1. */
static const char csv[] =
    "id,title,reach,reach_lo,reach_hi,impact,confidence,effort,depends_on\n"
    "a,A,100,50,150,2,0.5,2,\n"
    "b,B,400,,,1,1,1,a\n"
    "c,C,10,,,3,1,5,a\n"
    "d,D,1,,,1,1,1,\n";

static prio_backlog* load(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(csv, sizeof csv - 1, NULL, &err);
  CHECK(b != NULL && err == NULL);
  return b;
}

static void graph(void) {
  prio_error* err = NULL;
  prio_backlog* b = load();
  prio_graph* g = prio_graph_new(b, &err);
  size_t out[8];
  size_t done[1];
  CHECK(g != NULL && err == NULL);
  CHECK(prio_graph_size(g) == 4);
  CHECK(prio_graph_edge_count(g) == 2);
  CHECK(prio_graph_prerequisites(g, 1, out, 8) == 1 && out[0] == 0);
  CHECK(prio_graph_dependents(g, 0, NULL, 0) == 2);
  CHECK(prio_graph_dependents(g, 0, out, 8) == 2 && out[0] == 1 && out[1] == 2);
  CHECK(prio_graph_prerequisites(g, 4, out, 8) == SIZE_MAX);
  /* Nothing done: a and d can start; a done: b, c, d. */
  CHECK(prio_graph_ready(g, NULL, 0, out, 8, &err) == 2 && out[0] == 0 && out[1] == 3);
  done[0] = 0;
  CHECK(prio_graph_ready(g, done, 1, out, 8, &err) == 3 && out[0] == 1 && out[1] == 2 && out[2] == 3);
  done[0] = 9;
  CHECK(prio_graph_ready(g, done, 1, out, 8, &err) == SIZE_MAX);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  prio_backlog_free(b); /* the graph keeps what it needs */
  CHECK(prio_graph_size(g) == 4);
  prio_graph_free(g);
  CHECK(prio_graph_new(NULL, &err) == NULL);
  {
    prio_backlog* cyc = prio_backlog_read_file("tests/data/bad/cycle.csv", &err);
    CHECK(cyc != NULL);
    CHECK(prio_graph_new(cyc, &err) == NULL);
    CHECK(prio_error_code(err) == PRIO_E_CYCLE);
    CHECK(prio_error_line(err) == 2);
    prio_backlog_free(cyc);
  }
  prio_error_free(err);
}

static void simulation(void) {
  prio_error* err = NULL;
  prio_backlog* b = load();
  prio_simulation* s1 = prio_simulate(b, "{\"draws\": 400, \"seed\": 11, \"top\": 1, \"threads\": 1}", &err);
  prio_simulation* s2 = prio_simulate(b, "{\"draws\": 400, \"seed\": 11, \"top\": 1, \"threads\": 3}", &err);
  prio_simulation* s3 = prio_simulate(b, "{\"draws\": 400, \"seed\": 12, \"top\": 1}", &err);
  size_t i, n;
  double total = 0;
  CHECK(s1 && s2 && s3 && err == NULL);
  n = prio_simulation_size(s1);
  CHECK(n == 4);
  /* The same seed gives the same numbers whatever the threads. */
  CHECK(memcmp(prio_simulation_p_top_k(s1), prio_simulation_p_top_k(s2), n * sizeof(double)) == 0);
  CHECK(memcmp(prio_simulation_score_median(s1), prio_simulation_score_median(s2), n * sizeof(double)) == 0);
  /* P(top 1) sums to 1 over the features; only a is uncertain, and its reach
   * (50..150) never lifts it (at most 75) above b (400). */
  for (i = 0; i < n; ++i) total += prio_simulation_p_top_k(s1)[i];
  CHECK(fabs(total - 1) < 1e-12);
  CHECK(prio_simulation_p_top_k(s1)[1] == 1);
  CHECK(prio_simulation_score_lo(s1)[0] >= 25 && prio_simulation_score_hi(s1)[0] <= 75);
  CHECK(prio_simulation_score_lo(s1)[1] == 400 && prio_simulation_score_hi(s1)[1] == 400);
  CHECK(prio_simulation_ranking(s1)[0] == 1);
  CHECK(prio_simulation_median_rank(s1)[1] == 1 && prio_simulation_rank_lo(s1)[1] == 1 && prio_simulation_rank_hi(s1)[1] == 1);
  {
    char* j1 = prio_simulation_to_json(s1, NULL, &err);
    char* j3 = prio_simulation_to_json(s3, NULL, &err);
    CHECK_CONTAINS(j1, "\"draws\": 400, \"seed\": 11, \"top_k\": 1");
    CHECK_CONTAINS(j1, "\"uncertain\": [\"reach\"]");
    CHECK(j3 != NULL && strcmp(j1, j3) != 0); /* another seed, other draws */
    prio_string_free(j1);
    prio_string_free(j3);
  }
  CHECK(prio_simulate(b, "{\"draws\": 0}", &err) == NULL);
  CHECK_STR(prio_error_field(err), "draws");
  CHECK(prio_simulate(b, "{\"interval\": 1.5}", &err) == NULL);
  CHECK_STR(prio_error_field(err), "interval");
  CHECK(prio_simulate(b, "{\"distribution\": \"normal\"}", &err) == NULL);
  CHECK_CONTAINS(prio_error_message(err), "triangular");
  CHECK(prio_simulate(b, "{\"order\": \"sideways\"}", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK(prio_simulation_size(NULL) == 0 && prio_simulation_p_top_k(NULL) == NULL);
  prio_error_free(err);
  prio_simulation_free(s1);
  prio_simulation_free(s2);
  prio_simulation_free(s3);
  prio_backlog_free(b);
}

/* Progress: counts the reports, remembers the last, stops after `stop` of them. */
struct progress_state {
  int calls, stop;
  size_t last_done, total, backwards;
};
static int on_progress(size_t done, size_t total, void* user) {
  struct progress_state* p = (struct progress_state*)user;
  if (done <= p->last_done) ++p->backwards;
  p->last_done = done;
  p->total = total;
  return ++p->calls != p->stop;
}

static void simulation_progress(void) {
  prio_error* err = NULL;
  prio_backlog* b = load();
  const char* options = "{\"draws\": 20000, \"seed\": 5, \"top\": 1, \"threads\": 1}";
  struct progress_state p = {0, -1, 0, 0, 0};
  prio_simulation* plain = prio_simulate(b, options, &err);
  prio_simulation* reported = prio_simulate_with_progress(b, options, on_progress, &p, &err);
  prio_simulation* silent = prio_simulate_with_progress(b, options, NULL, NULL, &err);
  CHECK(plain && reported && silent && err == NULL);
  CHECK(p.calls >= 2 && p.backwards == 0 && p.last_done == 20000 && p.total == 20000);
  {
    /* Reporting changes no number. */
    char* a = prio_simulation_to_json(plain, NULL, &err);
    char* r = prio_simulation_to_json(reported, NULL, &err);
    char* q = prio_simulation_to_json(silent, NULL, &err);
    CHECK(a && r && q && strcmp(a, r) == 0 && strcmp(a, q) == 0);
    prio_string_free(a);
    prio_string_free(r);
    prio_string_free(q);
  }
  /* Returning 0 cancels the run. */
  {
    struct progress_state stop = {0, 2, 0, 0, 0};
    CHECK(prio_simulate_with_progress(b, options, on_progress, &stop, &err) == NULL);
    CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(prio_error_message(err), "cancelled");
    CHECK(stop.calls == 2);
  }
  prio_error_free(err);
  prio_simulation_free(plain);
  prio_simulation_free(reported);
  prio_simulation_free(silent);
  prio_backlog_free(b);
}

static void reports(void) {
  prio_error* err = NULL;
  prio_backlog* b = load();
  char* j;
  j = prio_explain_json(b, "b", NULL, NULL, NULL, &err);
  CHECK_CONTAINS(j, "\"id\": \"b\"");
  CHECK_CONTAINS(j, "\"score\": 400");
  prio_string_free(j);
  j = prio_explain_json(b, "b", "a", NULL, NULL, &err);
  CHECK_CONTAINS(j, "\"a_first\": true");
  prio_string_free(j);
  CHECK(prio_explain_json(b, "zz", NULL, NULL, NULL, &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_UNKNOWN_FEATURE);
  CHECK(prio_explain_json(b, NULL, NULL, NULL, NULL, &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);

  j = prio_validate_json(b, "{\"by\": \"wsjf\"}", NULL, &err); /* no WSJF columns: ok false, still a result */
  CHECK_CONTAINS(j, "\"ok\": false");
  CHECK_CONTAINS(j, "\"severity\": \"error\"");
  prio_string_free(j);
  j = prio_validate_json(b, NULL, NULL, &err);
  CHECK_CONTAINS(j, "\"features\": 4, \"attributes\": 6, \"ok\": true");
  prio_string_free(j);

  j = prio_ready_json(b, "{\"done\": [\"a\"]}", NULL, &err);
  CHECK_CONTAINS(j, "\"done\": [\"a\"], \"ready\": [\n  {\"id\": \"b\"");
  prio_string_free(j);

  j = prio_compare_json(b, "{\"by\": \"rice,ice\"}", NULL, &err);
  CHECK(j == NULL); /* ICE needs ease */
  CHECK(prio_error_code(err) != PRIO_OK);
  j = prio_compare_json(b, "{\"by\": [\"rice\", \"moscow:rice\"], \"top\": 2}", NULL, &err);
  CHECK_CONTAINS(j, "\"kendall_tau\": 1"); /* no MoSCoW categories: the same order */
  prio_string_free(j);
  CHECK(prio_compare_json(b, "{\"rbo_p\": 1}", NULL, &err) == NULL);
  CHECK_STR(prio_error_field(err), "rbo_p");
  j = prio_compare_json(b, NULL, NULL, &err); /* rice and wsjf by default: no WSJF columns here */
  CHECK(j == NULL && prio_error_code(err) == PRIO_E_UNKNOWN_ATTRIBUTE);
  CHECK_STR(prio_error_field(err), "business_value");

  CHECK(prio_sensitivity_json(b, NULL, NULL, &err) == NULL);
  CHECK_STR(prio_error_field(err), "weights");
  j = prio_sensitivity_json(b, "{\"weights\": \"reach=1,effort=-1\", \"top\": 2}", NULL, &err);
  CHECK_CONTAINS(j, "\"top_k\": 2, \"first\": \"b\"");
  prio_string_free(j);

  CHECK(prio_plan_json(b, NULL, NULL, &err) == NULL);
  CHECK_STR(prio_error_field(err), "capacity");
  CHECK(prio_plan_json(b, "{\"capacity\": [3, -1]}", NULL, &err) == NULL);
  CHECK(prio_plan_json(b, "{\"capacity\": 3, \"effort\": \"size\"}", NULL, &err) == NULL);
  CHECK_STR(prio_error_field(err), "size");
  /* First fit in greedy order a, b, c, d with capacity 3: [a, b], then c (5) fits nowhere. */
  j = prio_plan_json(b, "{\"capacity\": 3}", NULL, &err);
  CHECK_CONTAINS(j, "\"features\": [\"a\", \"b\"]");
  prio_string_free(j);
  prio_error_free(err);
  prio_backlog_free(b);
}

/* Efforts a 2, b 3, c 4; bundles X = {a, b} worth 10, Y = {c} worth 7,
 * Z = {a, c} worth 6. Budget 6, every subset by hand: {a,b} 5 -> 10,
 * {c} 4 -> 7, {a,c} 6 -> Y + Z = 13, {a,b,c} 9 over budget: optimum 13. */
static void release(void) {
  static const char text[] = "id,title,effort\na,A,2\nb,B,3\nc,C,4\n";
  const char* bundles =
      "{\"budget\": 6, \"bundles\": [{\"bundle\": \"X\", \"value\": 10, \"features\": [\"a\", \"b\"]},"
      " {\"bundle\": \"Y\", \"value\": 7, \"features\": [\"c\"]}, {\"bundle\": \"Z\", \"value\": 6, \"features\": [\"a\", \"c\"]}]}";
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(text, sizeof text - 1, NULL, &err);
  char* j = prio_release_json(b, bundles, NULL, &err);
  CHECK(err == NULL);
  CHECK_STR(j, "{\"schema\": 1, \"budget\": 6, \"cost\": 6, \"value\": 13, \"selected\": [\"a\", \"c\"], \"satisfied\": [\"Y\", \"Z\"], "
               "\"optimal\": true, \"bound\": 13}\n");
  prio_string_free(j);
  CHECK(prio_release_json(b, "{\"bundles\": []}", NULL, &err) == NULL);
  CHECK_STR(prio_error_field(err), "budget");
  CHECK(prio_release_json(b, "{\"budget\": 6, \"bundles\": [{\"bundle\": \"X\"}]}", NULL, &err) == NULL);
  CHECK_STR(prio_error_field(err), "bundles");
  CHECK(prio_release_json(b, "{\"budget\": 6, \"bundles\": \"no/such/bundles.csv\"}", NULL, &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_IO_ERROR);
  prio_error_free(err);
  prio_backlog_free(b);
}

int main(void) {
  graph();
  simulation();
  simulation_progress();
  reports();
  release();
  return check_report("test_reports");
}
