/* Reads a whole file for the C tests. */
#ifndef PRIO_TEST_READ_FILE_H
#define PRIO_TEST_READ_FILE_H
#include <stdio.h>
#include <stdlib.h>

/* A file's whole text, NUL-terminated (free it); NULL when it cannot be read. */
static char* check_read_file(const char* path) {
  FILE* f = fopen(path, "rb");
  char* text;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = n < 0 ? NULL : (char*)malloc((size_t)n + 1);
  if (text && fread(text, 1, (size_t)n, f) != (size_t)n) n = 0;
  if (text) text[n] = '\0';
  fclose(f);
  return text;
}
#endif
