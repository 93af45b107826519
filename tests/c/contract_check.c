/* Compares the contract program's output ("RANK ID SCORE" lines, scores with
 * %.17g) with `prio rank --format json`: the same ids in the same order and
 * the same scores (both read back to the same double).
 * Usage: contract_check CLI_JSON CONTRACT_OUTPUT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_file.h"

int main(int argc, char** argv) {
  char *json, *lines, *p, *line;
  size_t rows = 0;
  int failures = 0;
  if (argc != 3) return 2;
  json = check_read_file(argv[1]);
  lines = check_read_file(argv[2]);
  if (!json || !lines) { fprintf(stderr, "cannot read the inputs\n"); return 2; }
  p = json;
  line = strtok(lines, "\n");
  while ((p = strstr(p, "\"id\": \"")) != NULL) {
    char id[256], cid[256];
    size_t k = 0, place = 0;
    double score, cscore;
    p += 7;
    while (*p && *p != '"' && k + 1 < sizeof id) id[k++] = *p++;
    id[k] = '\0';
    p = strstr(p, "\"score\": ");
    if (!p) { fprintf(stderr, "no score after id %s\n", id); return 1; }
    p += 9;
    score = strncmp(p, "null", 4) == 0 ? NAN : strtod(p, NULL);
    ++rows;
    if (!line || sscanf(line, "%zu %255s %lf", &place, cid, &cscore) != 3) {
      fprintf(stderr, "row %zu: the C program printed no row\n", rows);
      return 1;
    }
    if (place != rows || strcmp(id, cid) != 0 || !((isnan(score) && isnan(cscore)) || score == cscore)) {
      fprintf(stderr, "row %zu: CLI %s %.17g, C: %s\n", rows, id, score, line);
      ++failures;
    }
    line = strtok(NULL, "\n");
  }
  if (line) { fprintf(stderr, "the C program printed more rows: %s\n", line); ++failures; }
  if (rows == 0) { fprintf(stderr, "no rows in the CLI output\n"); ++failures; }
  if (!failures) printf("%zu rows agree\n", rows);
  free(json);
  free(lines);
  return failures ? 1 : 0;
}
