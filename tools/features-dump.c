/* features-dump - the block features of every line of the files named, as
 * one hash of the whole features struct a line, for `make check-features`:
 * a speed change to the features must leave every feature the same, which
 * the outputs alone do not show (a wrong count may change no decision on
 * the dev pages).  Each file's lines follow a "# FILE" line. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block_features.h"

/* FNV-1a over the struct's bytes: features_compute clears it first, so
 * its padding is zero too. */
static uint64_t hash_bytes(const void *p, size_t n)
{
  const unsigned char *b = p;
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

int main(int argc, char **argv)
{
  char *line = NULL;
  size_t cap = 0;
  int i, st = 0;
  for (i = 1; i < argc; i++) {
    FILE *in = fopen(argv[i], "rb");
    ssize_t n;
    if (!in) {
      fprintf(stderr, "features-dump: %s: cannot open\n", argv[i]);
      st = 1;
      continue;
    }
    printf("# %s\n", argv[i]);
    while ((n = getline(&line, &cap, in)) >= 0) {
      boiloff__features f;
      if (n && line[n - 1] == '\n')
        line[--n] = '\0'; /* features_compute wants a NUL after the text */
      memset(&f, 0x55, sizeof f);
      boiloff__features_compute(line, (size_t)n, &f);
      /* Read by the final decision alone, not a feature: a late row in
       * the phrase data leaves every feature as it was. */
      f.hits.late_families = 0;
      printf("%016llx\n", (unsigned long long)hash_bytes(&f, sizeof f));
    }
    fclose(in);
  }
  free(line);
  return st;
}
