#include <prio/c.h>
#include <stdio.h>
int main(void) {
  prio_error* err = NULL;
  prio_backlog* b = prio_backlog_read_file("examples/backlog.csv", &err);
  if (!b) { fprintf(stderr, "%s\n", prio_error_message(err)); prio_error_free(err); return 1; }
  prio_ranking* r = prio_rank(b, "rice", "greedy", &err);        /* strategy and order specs as in the CLI */
  for (size_t i = 0; i < prio_ranking_size(r); ++i)
    printf("%zu %s %.17g\n", i + 1, prio_ranking_id(r, i), prio_ranking_score(r, i));
  prio_ranking_free(r);
  prio_backlog_free(b);
  return 0;
}
