/* Prints a result of the C ABI as JSON, for comparison byte for byte with
 * `prio COMMAND FILE ... --format json`.
 * Usage: c_json COMMAND FILE OPTIONS_JSON [ID [ID2]]
 * COMMAND: rank, simulate, ready, compare, sensitivity, plan, release, explain, validate */
#include <prio/c.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  prio_error* err = NULL;
  prio_backlog* b;
  char* json = NULL;
  size_t size = 0;
  const char* cmd;
  const char* options;
  if (argc < 4) { fprintf(stderr, "usage: c_json COMMAND FILE OPTIONS_JSON [ID [ID2]]\n"); return 2; }
  cmd = argv[1];
  options = argv[3];
  b = prio_backlog_read_file(argv[2], &err);
  if (b) {
    if (strcmp(cmd, "rank") == 0) {
      prio_ranking* r = prio_rank_with_options(b, options, &err);
      if (r) json = prio_ranking_to_json(r, &size, &err);
      prio_ranking_free(r);
    } else if (strcmp(cmd, "simulate") == 0) {
      prio_simulation* s = prio_simulate(b, options, &err);
      if (s) json = prio_simulation_to_json(s, &size, &err);
      prio_simulation_free(s);
    } else if (strcmp(cmd, "ready") == 0) {
      json = prio_ready_json(b, options, &size, &err);
    } else if (strcmp(cmd, "compare") == 0) {
      json = prio_compare_json(b, options, &size, &err);
    } else if (strcmp(cmd, "sensitivity") == 0) {
      json = prio_sensitivity_json(b, options, &size, &err);
    } else if (strcmp(cmd, "plan") == 0) {
      json = prio_plan_json(b, options, &size, &err);
    } else if (strcmp(cmd, "release") == 0) {
      json = prio_release_json(b, options, &size, &err);
    } else if (strcmp(cmd, "validate") == 0) {
      json = prio_validate_json(b, options, &size, &err);
    } else if (strcmp(cmd, "explain") == 0 && argc > 4) {
      json = prio_explain_json(b, argv[4], argc > 5 ? argv[5] : NULL, options, &size, &err);
    } else {
      fprintf(stderr, "unknown command %s\n", cmd);
      prio_backlog_free(b);
      return 2;
    }
  }
  prio_backlog_free(b);
  if (!json) {
    fprintf(stderr, "%s\n", prio_error_message(err));
    prio_error_free(err);
    return 1;
  }
  if (fwrite(json, 1, size, stdout) != size) return 1;
  prio_string_free(json);
  return 0;
}
