/* The C ABI's results: known answers worked by hand, borrowed columns,
 * ownership (a ranking outlives its backlog) and round trips. Compiled as C. */
#include <math.h>
#include <prio/c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* RICE by hand: a = 100 x 2 x 0.5 / 2 = 50, b = 400 x 1 x 1 / 1 = 400, c = 10 x 3 x 1 / 5 = 6. */
static const char csv[] =
    "id,title,reach,impact,confidence,effort,depends_on\n"
    "a,Alpha,100,2,50%,2,\n"
    "b,\"Beta, \"\"quoted\"\"\",400,1,1,1,a\n"
    "c,Gamma \xc3\xa9,10,3,1,5,\n";

static void version(void) {
  unsigned major = 0, minor = 0, patch = 0;
  CHECK(sscanf(prio_version_string(), "%u.%u.%u", &major, &minor, &patch) == 3);
  CHECK(prio_version() == major * 10000u + minor * 100u + patch);
}

static void backlog_columns(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(csv, sizeof csv - 1, NULL, &err);
  const double* reach;
  const double* confidence;
  CHECK(b != NULL && err == NULL);
  CHECK(prio_backlog_size(b) == 3);
  CHECK_STR(prio_backlog_id(b, 1), "b");
  CHECK_STR(prio_backlog_title(b, 1), "Beta, \"quoted\"");
  CHECK_STR(prio_backlog_title(b, 2), "Gamma \xc3\xa9");
  CHECK(prio_backlog_find(b, "c", &err) == 2);
  CHECK(prio_backlog_attribute_count(b) == 4);
  CHECK_STR(prio_backlog_attribute_name(b, 0), "reach");
  reach = prio_backlog_column(b, "reach", &err);
  CHECK(reach != NULL && reach[0] == 100 && reach[1] == 400 && reach[2] == 10);
  CHECK(prio_backlog_column(b, "reach", &err) == reach); /* borrowed, not copied */
  confidence = prio_backlog_column(b, "confidence", &err);
  CHECK(confidence != NULL && confidence[0] == 0.5); /* 50% */
  CHECK(err == NULL);
  prio_backlog_free(b);
}

static void rank_and_score(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(csv, sizeof csv - 1, NULL, &err);
  prio_scores* s = prio_score(b, "rice", &err);
  prio_ranking* greedy = prio_rank(b, "rice", "greedy", &err);
  prio_ranking* none = prio_rank(b, "rice", "none", &err);
  prio_ranking* dflt = prio_rank(b, "rice", NULL, &err);
  const double* v;
  CHECK(err == NULL);
  CHECK(s != NULL && prio_scores_size(s) == 3);
  v = prio_scores_values(s);
  CHECK(v != NULL && v[0] == 50 && v[1] == 400 && v[2] == 6);
  CHECK_STR(prio_scores_strategy(s), "rice");
  /* none: by score; greedy: b waits for a. */
  CHECK(prio_ranking_size(none) == 3);
  CHECK_STR(prio_ranking_id(none, 0), "b");
  CHECK_STR(prio_ranking_id(none, 1), "a");
  CHECK_STR(prio_ranking_id(none, 2), "c");
  CHECK_STR(prio_ranking_id(greedy, 0), "a");
  CHECK_STR(prio_ranking_id(greedy, 1), "b");
  CHECK(prio_ranking_score(greedy, 1) == 400);
  CHECK(prio_ranking_index(greedy, 1) == 1);
  CHECK(prio_ranking_indices(greedy)[2] == 2);
  CHECK_STR(prio_ranking_title(greedy, 1), "Beta, \"quoted\"");
  CHECK_STR(prio_ranking_id(dflt, 0), "a"); /* greedy is the default */
  prio_backlog_free(b);
  /* The ranking outlives the backlog. */
  CHECK_STR(prio_ranking_id(greedy, 2), "c");
  {
    size_t size = 0;
    char* json = prio_ranking_to_json(greedy, &size, &err);
    CHECK(json != NULL && size == strlen(json));
    CHECK_CONTAINS(json, "{\"schema\": 1, \"strategy\": \"rice\", \"order\": \"greedy\", \"ranking\": [\n");
    CHECK_CONTAINS(json, "{\"rank\": 2, \"id\": \"b\", \"title\": \"Beta, \\\"quoted\\\"\", \"score\": 400, \"moscow\": null, "
                         "\"blocked_by\": [\"a\"]}");
    prio_string_free(json);
  }
  {
    /* `prio rank --format csv`: the title with a comma and quotes is quoted. */
    size_t size = 0;
    char* text = prio_ranking_to_csv(greedy, &size, &err);
    CHECK(text != NULL && size == strlen(text));
    CHECK_CONTAINS(text, "rank,id,title,score,moscow,blocked_by\n1,a,");
    CHECK_CONTAINS(text, "\n2,b,\"Beta, \"\"quoted\"\"\",400,,a\n");
    prio_string_free(text);
  }
  prio_ranking_free(greedy);
  prio_ranking_free(none);
  prio_ranking_free(dflt);
  prio_scores_free(s);
}

static void options(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(csv, sizeof csv - 1, NULL, &err);
  /* weighted on one criterion ranks by it; a negative weight reverses it. */
  prio_ranking* r = prio_rank_with_options(b, "{\"by\": \"weighted\", \"weights\": \"reach=1\", \"order\": \"none\"}", &err);
  prio_ranking* rev = prio_rank_with_options(b, "{\"by\": \"weighted:z_score\", \"weights\": \"effort=-1\", \"order\": \"none\"}", &err);
  prio_ranking* top = prio_rank_with_options(b, "{\"order\": \"none\", \"top\": 2, \"done\": \"a\"}", &err);
  CHECK(err == NULL);
  CHECK_STR(prio_ranking_id(r, 0), "b");
  CHECK_STR(prio_ranking_id(r, 2), "c");
  CHECK_STR(prio_ranking_id(rev, 0), "b"); /* effort 1 */
  CHECK_STR(prio_ranking_id(rev, 2), "c"); /* effort 5 */
  CHECK(prio_ranking_size(top) == 2);
  {
    char* json = prio_ranking_to_json(top, NULL, &err);
    CHECK_CONTAINS(json, "\"id\": \"b\", \"title\": \"Beta, \\\"quoted\\\"\", \"score\": 400, \"moscow\": null, \"blocked_by\": []");
    prio_string_free(json);
  }
  prio_ranking_free(r);
  prio_ranking_free(rev);
  prio_ranking_free(top);
  prio_backlog_free(b);
}

static void round_trips(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(csv, sizeof csv - 1, NULL, &err);
  size_t n = 0;
  char* json = prio_backlog_to_json(b, &n, &err);
  char* text = prio_backlog_to_csv(b, NULL, &err);
  prio_backlog* from_json = prio_backlog_from_json(json, n, NULL, &err);
  prio_backlog* from_csv = prio_backlog_from_csv(text, strlen(text), "{\"percent_columns\": []}", &err);
  size_t i, k;
  CHECK(err == NULL && from_json != NULL && from_csv != NULL);
  CHECK(prio_backlog_size(from_json) == 3 && prio_backlog_size(from_csv) == 3);
  for (i = 0; i < 3; ++i) {
    CHECK_STR(prio_backlog_title(from_json, i), prio_backlog_title(b, i));
    CHECK_STR(prio_backlog_title(from_csv, i), prio_backlog_title(b, i));
  }
  for (k = 0; k < prio_backlog_attribute_count(b); ++k) {
    const char* name = prio_backlog_attribute_name(b, k);
    const double* x = prio_backlog_column(b, name, &err);
    const double* y = prio_backlog_column(from_json, name, &err);
    const double* z = prio_backlog_column(from_csv, name, &err);
    CHECK(x && y && z && memcmp(x, y, 3 * sizeof *x) == 0 && memcmp(x, z, 3 * sizeof *x) == 0);
  }
  /* Column mapping and ignored columns, as --map and --ignore. */
  {
    static const char jira[] = "Key,Summary,Users,impact,confidence,effort,Notes\nk1,One,7,1,1,1,free text\n";
    prio_backlog* m = prio_backlog_from_csv(jira, sizeof jira - 1,
                                            "{\"map\": {\"id\": \"Key\", \"title\": \"Summary\", \"reach\": \"Users\"}, \"ignore\": [\"Notes\"]}", &err);
    CHECK(m != NULL);
    CHECK_STR(prio_backlog_id(m, 0), "k1");
    CHECK(prio_backlog_attribute_count(m) == 4);
    CHECK(prio_backlog_column(m, "reach", &err)[0] == 7);
    prio_backlog_free(m);
  }
  CHECK(err == NULL);
  prio_string_free(json);
  prio_string_free(text);
  prio_backlog_free(from_json);
  prio_backlog_free(from_csv);
  prio_backlog_free(b);
}

/* The parent hierarchy: tests/cli/data/hierarchy.csv (checkout <- cards <-
 * receipts, checkout <- wallets, search alone) as `prio convert` reads it. */
static void parents(void) {
  static const char* const expected[5] = {NULL, "checkout", "checkout", "cards", NULL};
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_read_file("tests/cli/data/hierarchy.csv", &err);
  char* file = check_read_file("tests/cli/data/hierarchy.csv");
  char* golden = check_read_file("tests/cli/golden/hierarchy_convert_to_json.out");
  size_t i, n = 0;
  CHECK(b != NULL && err == NULL && file != NULL && golden != NULL);
  if (!b || !file || !golden) return;
  CHECK(prio_backlog_size(b) == 5);
  for (i = 0; i < 5; ++i) {
    if (expected[i])
      CHECK_STR(prio_backlog_parent(b, i), expected[i]);
    else
      CHECK(prio_backlog_parent(b, i) == NULL);
  }
  CHECK(prio_backlog_parent(b, 5) == NULL);
  CHECK(prio_backlog_parent(b, SIZE_MAX) == NULL);
  CHECK(prio_backlog_parent(NULL, 0) == NULL);
  CHECK(prio_backlog_parent(b, 1) == prio_backlog_parent(b, 1)); /* borrowed, not copied */
  {
    /* prio convert --to json (its golden output), byte for byte; then back. */
    char* json = prio_backlog_to_json(b, &n, &err);
    char* csv_text = prio_backlog_to_csv(b, NULL, &err);
    prio_backlog* from_json = prio_backlog_from_json(json, n, NULL, &err);
    prio_backlog* from_csv = prio_backlog_from_csv(csv_text, strlen(csv_text), NULL, &err);
    char* json2 = prio_backlog_to_json(from_json, NULL, &err);
    char* csv2 = prio_backlog_to_csv(from_csv, NULL, &err);
    CHECK(err == NULL);
    CHECK_STR(json, golden);
    CHECK_STR(csv_text, file); /* the writer gives back the file it read */
    CHECK_STR(json2, json);
    CHECK_STR(csv2, file);
    for (i = 0; i < 5; ++i) {
      if (expected[i]) {
        CHECK_STR(prio_backlog_parent(from_json, i), expected[i]);
        CHECK_STR(prio_backlog_parent(from_csv, i), expected[i]);
      } else {
        CHECK(prio_backlog_parent(from_json, i) == NULL && prio_backlog_parent(from_csv, i) == NULL);
      }
    }
    prio_string_free(json);
    prio_string_free(csv_text);
    prio_string_free(json2);
    prio_string_free(csv2);
    prio_backlog_free(from_json);
    prio_backlog_free(from_csv);
  }
  {
    /* JSON parents: a string, an integer id (like "id"), null; none at all. */
    static const char json[] = "{\"features\": [{\"id\": 7, \"effort\": 1, \"parent\": null},"
                               " {\"id\": \"s\", \"effort\": 1, \"parent\": 7}]}";
    static const char plain[] = "id,effort\na,1\n";
    prio_backlog* j = prio_backlog_from_json(json, sizeof json - 1, NULL, &err);
    prio_backlog* p = prio_backlog_from_csv(plain, sizeof plain - 1, NULL, &err);
    CHECK(j != NULL && p != NULL && err == NULL);
    CHECK(prio_backlog_parent(j, 0) == NULL);
    CHECK_STR(prio_backlog_parent(j, 1), "7");
    CHECK(prio_backlog_parent(p, 0) == NULL);
    prio_backlog_free(j);
    prio_backlog_free(p);
  }
  free(file);
  free(golden);
  prio_backlog_free(b);
}

int main(void) {
  version();
  backlog_columns();
  rank_and_score();
  options();
  round_trips();
  parents();
  return check_report("test_api");
}
