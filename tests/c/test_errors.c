/* Every error path of the C ABI: the NULL result, the code and the location
 * (feature, field, file, line, column) of the error object. Compiled as C. */
#include <math.h>
#include <prio/c.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

static const char good_csv[] =
    "id,title,reach,impact,confidence,effort,depends_on\n"
    "a,Alpha,100,2,0.5,2,\n"
    "b,Beta,400,1,1,1,a\n";

static prio_backlog* good(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_from_csv(good_csv, sizeof good_csv - 1, NULL, &err);
  CHECK(b != NULL && err == NULL);
  return b;
}

static void bad_file(void) {
  prio_error* err = NULL;
  CHECK(prio_backlog_read_file("no/such/backlog.csv", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_IO_ERROR);
  CHECK_STR(prio_error_code_name(prio_error_code(err)), "io_error");
  CHECK_STR(prio_error_file(err), "no/such/backlog.csv");
  CHECK_CONTAINS(prio_error_message(err), "no/such/backlog.csv");
  prio_error_free(err);
}

/* The CLI's golden answer: tests/cli/golden/bad_non_numeric.err. */
static void bad_csv_file(void) {
  prio_error* err = NULL;
  CHECK(prio_backlog_read_file("tests/data/bad/non_numeric.csv", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_VALUE || prio_error_code(err) == PRIO_E_PARSE_ERROR);
  CHECK_STR(prio_error_message(err),
            "tests/data/bad/non_numeric.csv:2:25: error: feature 'sso', field 'impact': expected a number, got 'two'");
  CHECK_STR(prio_error_description(err), "expected a number, got 'two'");
  CHECK_STR(prio_error_file(err), "tests/data/bad/non_numeric.csv");
  CHECK_STR(prio_error_feature(err), "sso");
  CHECK_STR(prio_error_field(err), "impact");
  CHECK(prio_error_line(err) == 2);
  CHECK(prio_error_column(err) == 25);
  /* Both problems of the file are listed. */
  CHECK_CONTAINS(prio_error_diagnostics_json(err), "\"line\": 2, \"column\": 25");
  CHECK_CONTAINS(prio_error_diagnostics_json(err), "\"feature\": \"dark-mode\", \"field\": \"reach\"");
  CHECK_CONTAINS(prio_error_diagnostics_json(err), "\"line\": 3, \"column\": 21");
  prio_error_free(err);
}

static void bad_csv_text(void) {
  static const char text[] = "id,title,reach\nx,\"open quote,1\n";
  prio_error* err = NULL;
  CHECK(prio_backlog_from_csv(text, sizeof text - 1, "{\"file_name\": \"pasted.csv\"}", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_PARSE_ERROR);
  CHECK_STR(prio_error_file(err), "pasted.csv");
  CHECK(prio_error_line(err) == 2);
  CHECK(prio_error_column(err) > 0);
  prio_error_free(err);
}

/* tests/cli/golden/bad_json_syntax.err */
static void bad_json(void) {
  prio_error* err = NULL;
  CHECK(prio_backlog_read_file("tests/data/bad/json_syntax.json", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_PARSE_ERROR);
  CHECK(prio_error_line(err) == 3);
  CHECK(prio_error_column(err) == 1);
  CHECK_CONTAINS(prio_error_message(err), "invalid JSON");
  prio_error_free(err);
  err = NULL;
  CHECK(prio_backlog_from_json("[1, 2", 5, NULL, &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_PARSE_ERROR);
  prio_error_free(err);
}

/* Parent problems, as tests/cli/golden/hierarchy_validate_unknown_parent.err
 * and hierarchy_validate_cycle_json.err: the library's codes, messages and
 * positions (the parent cell). */
static void bad_parents(void) {
  prio_error* err = NULL;
  CHECK(prio_backlog_read_file("tests/data/bad/parent_unknown.csv", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_UNKNOWN_FEATURE);
  CHECK_STR(prio_error_code_name(prio_error_code(err)), "unknown_feature");
  CHECK_STR(prio_error_message(err), "tests/data/bad/parent_unknown.csv:4:19: error: feature 'refunds', field 'parent': "
                                     "the parent 'billing' is not a feature of this backlog");
  CHECK_STR(prio_error_description(err), "the parent 'billing' is not a feature of this backlog");
  CHECK_STR(prio_error_feature(err), "refunds");
  CHECK_STR(prio_error_field(err), "parent");
  CHECK(prio_error_line(err) == 4 && prio_error_column(err) == 19);
  /* The second problem of the file, a feature that is its own parent (203). */
  CHECK_CONTAINS(prio_error_diagnostics_json(err), "\"code\": 203, \"code_name\": \"cycle\"");
  CHECK_CONTAINS(prio_error_diagnostics_json(err), "\"line\": 5, \"column\": 13");
  CHECK_CONTAINS(prio_error_diagnostics_json(err), "is its own parent");

  CHECK(prio_backlog_read_file("tests/data/bad/parent_cycle.csv", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_CYCLE);
  CHECK_STR(prio_error_message(err), "tests/data/bad/parent_cycle.csv:2:11: error: feature 'a', field 'parent': "
                                     "is in a parent cycle (each feature followed by its parent): a -> c -> b -> a");
  CHECK(prio_error_line(err) == 2 && prio_error_column(err) == 11);

  {
    static const char self[] = "id,effort,parent\nx,1,x\n";
    CHECK(prio_backlog_from_csv(self, sizeof self - 1, "{\"file_name\": \"pasted.csv\"}", &err) == NULL);
    CHECK(prio_error_code(err) == PRIO_E_CYCLE);
    CHECK_STR(prio_error_message(err), "pasted.csv:2:5: error: feature 'x', field 'parent': is its own parent");
  }
  prio_error_free(err);
}

static void unknown_strategy(void) {
  prio_backlog* b = good();
  prio_error* err = NULL;
  CHECK(prio_rank(b, "rise", "greedy", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(prio_error_message(err), "rise");
  CHECK_CONTAINS(prio_error_message(err), "wsjf"); /* lists what is accepted */
  CHECK(prio_score(b, "moscow:nope", &err) == NULL);  /* replaces the first error */
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK(prio_rank_with_options(b, "{\"by\": \"weighted:z_score\", \"weights\": \"retention=abc\"}", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_WEIGHT);
  CHECK(prio_rank_with_options(b, "{\"by\": \"rice\", \"weights\": \"reach=1\"}", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK_STR(prio_error_field(err), "weights");
  prio_error_free(err);
  prio_backlog_free(b);
}

/* tests/cli/golden/rank_bad_order.err */
static void unknown_order(void) {
  prio_backlog* b = good();
  prio_error* err = NULL;
  CHECK(prio_rank(b, "rice", "random", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK_STR(prio_error_description(err), "unknown --order 'random' (accepted: greedy|inherited|value-density|none)");
  prio_error_free(err);
  err = NULL;
  /* value-density needs an effort column */
  {
    static const char text[] = "id,title,reach,impact,confidence,job_size\na,A,1,1,1,1\n";
    prio_backlog* nb = prio_backlog_from_csv(text, sizeof text - 1, NULL, &err);
    CHECK(nb != NULL);
    CHECK(prio_rank(nb, "ice", "value-density", &err) == NULL);
    CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(prio_error_message(err), "effort");
    prio_backlog_free(nb);
  }
  prio_error_free(err);
  prio_backlog_free(b);
}

/* tests/cli/golden/bad_cycle.err */
static void cycle(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_read_file("tests/data/bad/cycle.csv", &err);
  CHECK(b != NULL);
  CHECK(prio_rank(b, "rice", "greedy", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_CYCLE);
  CHECK_STR(prio_error_message(err),
            "tests/data/bad/cycle.csv:2:35: error: feature 'billing', field 'depends_on': is in a dependency cycle: "
            "billing -> invoices -> billing");
  CHECK(prio_error_line(err) == 2 && prio_error_column(err) == 35);
  CHECK(prio_score(b, "rice", &err) == NULL); /* scoring checks the backlog as prio rank does */
  CHECK(prio_error_code(err) == PRIO_E_CYCLE);
  prio_error_free(err);
  prio_backlog_free(b);
}

static void null_arguments(void) {
  prio_error* err = NULL;
  prio_backlog* b = good();
  CHECK(prio_backlog_read_file(NULL, &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK_STR(prio_error_message(err), "[prio.error.302] prio_backlog_read_file: path is NULL");
  CHECK(prio_backlog_from_csv(NULL, 10, NULL, &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK(prio_rank(NULL, "rice", "greedy", &err) == NULL);
  CHECK_CONTAINS(prio_error_message(err), "backlog is NULL");
  CHECK(prio_rank(b, NULL, "greedy", &err) == NULL);
  CHECK_CONTAINS(prio_error_message(err), "strategy is NULL");
  CHECK(prio_score(NULL, "rice", &err) == NULL);
  CHECK(prio_ranking_to_json(NULL, NULL, &err) == NULL);
  CHECK(prio_ranking_to_csv(NULL, NULL, &err) == NULL);
  CHECK(prio_backlog_to_json(NULL, NULL, &err) == NULL);
  CHECK(prio_backlog_column(b, NULL, &err) == NULL);
  CHECK(prio_backlog_find(b, NULL, &err) == SIZE_MAX);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  prio_error_free(err);
  /* A NULL err is allowed: the failure is only in the result. */
  CHECK(prio_rank(NULL, "rice", "greedy", NULL) == NULL);
  /* NULL handles everywhere else give neutral answers. */
  CHECK(prio_backlog_size(NULL) == 0);
  CHECK(prio_backlog_id(NULL, 0) == NULL);
  CHECK(prio_ranking_size(NULL) == 0);
  CHECK(prio_ranking_id(NULL, 0) == NULL);
  CHECK(isnan(prio_ranking_score(NULL, 0)));
  CHECK(prio_scores_values(NULL) == NULL);
  CHECK(prio_error_code(NULL) == PRIO_OK);
  CHECK_STR(prio_error_message(NULL), "");
  prio_error_free(NULL);
  prio_backlog_free(NULL);
  prio_ranking_free(NULL);
  prio_scores_free(NULL);
  prio_string_free(NULL);
  prio_backlog_free(b);
}

static void out_of_range(void) {
  prio_error* err = NULL;
  prio_backlog* b = good();
  prio_ranking* r = prio_rank(b, "rice", "greedy", &err);
  CHECK(r != NULL && prio_ranking_size(r) == 2);
  CHECK(prio_ranking_id(r, 2) == NULL);
  CHECK(prio_ranking_title(r, 2) == NULL);
  CHECK(isnan(prio_ranking_score(r, 2)));
  CHECK(prio_ranking_index(r, 2) == SIZE_MAX);
  CHECK(prio_ranking_id(r, SIZE_MAX) == NULL);
  CHECK(prio_backlog_id(b, 2) == NULL);
  CHECK(prio_backlog_title(b, 99) == NULL);
  CHECK(prio_backlog_attribute_name(b, prio_backlog_attribute_count(b)) == NULL);
  CHECK(prio_backlog_find(b, "zz", &err) == SIZE_MAX);
  CHECK(prio_error_code(err) == PRIO_E_UNKNOWN_FEATURE);
  CHECK_STR(prio_error_feature(err), "zz");
  CHECK(prio_backlog_column(b, "nope", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_UNKNOWN_ATTRIBUTE);
  CHECK_STR(prio_error_field(err), "nope");
  CHECK(prio_rank_with_options(b, "{\"done\": [\"a\", \"zz\"]}", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_UNKNOWN_FEATURE);
  prio_error_free(err);
  prio_ranking_free(r);
  prio_backlog_free(b);
}

static void bad_options(void) {
  prio_error* err = NULL;
  prio_backlog* b = good();
  CHECK(prio_rank_with_options(b, "{\"by\": ", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(prio_error_message(err), "not valid JSON");
  CHECK(prio_rank_with_options(b, "[1]", &err) == NULL);
  CHECK_CONTAINS(prio_error_message(err), "JSON object");
  CHECK(prio_rank_with_options(b, "{\"by\": 3}", &err) == NULL);
  CHECK_STR(prio_error_field(err), "by");
  CHECK_CONTAINS(prio_error_message(err), "must be a string");
  CHECK(prio_rank_with_options(b, "{\"top\": -1}", &err) == NULL);
  CHECK_STR(prio_error_field(err), "top");
  CHECK(prio_rank_with_options(b, "{\"strategy\": \"rice\"}", &err) == NULL);
  CHECK_CONTAINS(prio_error_message(err), "unknown option 'strategy'");
  CHECK(prio_rank_with_options(b, "{\"missing\": \"sometimes\"}", &err) == NULL);
  CHECK(prio_error_code(err) == PRIO_E_INVALID_ARGUMENT);
  CHECK(prio_backlog_from_csv(good_csv, sizeof good_csv - 1, "{\"map\": [1]}", &err) == NULL);
  CHECK_STR(prio_error_field(err), "map");
  prio_error_free(err);
  prio_backlog_free(b);
}

int main(void) {
  bad_file();
  bad_csv_file();
  bad_csv_text();
  bad_json();
  bad_parents();
  unknown_strategy();
  unknown_order();
  cycle();
  null_arguments();
  out_of_range();
  bad_options();
  return check_report("test_errors");
}
