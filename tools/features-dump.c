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

/* FNV-1a over each field's value in turn, each as 8 bytes: the same
 * values give the same hash whatever the struct's layout (a field made
 * smaller or moved). */
static uint64_t mix(uint64_t h, uint64_t v)
{
  int i;
  for (i = 0; i < 8; i++, v >>= 8)
    h = (h ^ (v & 0xff)) * 0x100000001b3ull;
  return h;
}

static uint64_t hash_features(const boiloff__features *f)
{
  uint64_t h = 0xcbf29ce484222325ull;
  uint32_t weight;
  size_t i;
  memcpy(&weight, &f->stop_weight, sizeof weight); /* its bits */
  h = mix(h, f->chars);
  h = mix(h, f->words);
  h = mix(h, f->letters);
  h = mix(h, f->uppers);
  h = mix(h, f->digits);
  h = mix(h, f->puncts);
  h = mix(h, f->latin);
  h = mix(h, f->stopwords);
  h = mix(h, f->lang);
  h = mix(h, weight);
  h = mix(h, f->title_words);
  h = mix(h, f->caps_words);
  h = mix(h, f->number_words);
  h = mix(h, f->unspaced);
  h = mix(h, f->sentence_marks);
  h = mix(h, f->commas);
  h = mix(h, f->separators);
  h = mix(h, f->urls);
  h = mix(h, f->terminal);
  h = mix(h, f->dangling);
  h = mix(h, f->open_end);
  h = mix(h, f->starts_lower);
  h = mix(h, f->timecode);
  h = mix(h, f->copyright);
  h = mix(h, f->ellipsis);
  h = mix(h, f->truncated);
  h = mix(h, f->ends_in_link);
  h = mix(h, f->all_numeric);
  h = mix(h, f->words_hash);
  h = mix(h, f->tokens);
  h = mix(h, f->hits.line_families);
  h = mix(h, f->hits.start_families);
  h = mix(h, f->hits.contains_families);
  h = mix(h, f->hits.edge_families);
  h = mix(h, f->hits.end_families);
  h = mix(h, f->hits.contains_words);
  for (i = 0;
       i < sizeof f->hits.contains_count / sizeof f->hits.contains_count[0];
       i++)
    h = mix(h, f->hits.contains_count[i]);
  h = mix(h, f->hits.said_families);
  h = mix(h, f->hits.link_families);
  h = mix(h, f->hits.count_families);
  h = mix(h, f->hits.count_words);
  /* Not late_families: read by the final decision alone, not a feature,
   * so a late row in the phrase data leaves every feature as it was. */
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
      memset(&f, 0x55, sizeof f); /* a field left unset shows */
      boiloff__features_compute(line, (size_t)n, &f);
      printf("%016llx\n", (unsigned long long)hash_features(&f));
    }
    fclose(in);
  }
  free(line);
  return st;
}
