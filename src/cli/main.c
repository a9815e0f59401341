/* main.c - provisional driver (replaced by the full command). */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "boiloff.h"

static int explain;

static int print_block(void *user, const boiloff_block *b)
{
  (void)user;
  if (explain) {
    printf("%lu\t%s\t%s\t%.3f\t%.*s\n", b->line,
           b->label == BOILOFF_CONTENT ? "KEEP" : "DROP", b->rule, b->score,
           (int)b->len, b->text);
  } else if (b->label == BOILOFF_CONTENT) {
    fwrite(b->text, 1, b->len, stdout);
    if (!b->continued)
      putchar('\n');
  }
  return 0;
}

int main(int argc, char **argv)
{
  boiloff_ctx *ctx;
  char buf[65536];
  ssize_t n;
  boiloff_status st = BOILOFF_OK;
  if (argc > 1 && strcmp(argv[1], "--explain") == 0)
    explain = 1;
  ctx = boiloff_new(NULL, print_block, NULL);
  if (!ctx)
    return 1;
  while ((n = read(0, buf, sizeof buf)) > 0)
    if ((st = boiloff_feed(ctx, buf, (size_t)n)) != BOILOFF_OK)
      break;
  if (st == BOILOFF_OK)
    st = boiloff_finish(ctx);
  boiloff_free(ctx);
  if (st != BOILOFF_OK) {
    fprintf(stderr, "boiloff: error: %s\n", boiloff_strerror(st));
    return 1;
  }
  return 0;
}
