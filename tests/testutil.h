/* testutil.h - helpers shared by the Check suites. */
#ifndef BOILOFF_TESTUTIL_H
#define BOILOFF_TESTUTIL_H

#include <stddef.h>

#include "boiloff.h"

/* Collects what a context emits: the kept text (as the command prints
 * it) and one explain line per block. */
typedef struct sink {
  char *text;
  size_t len, cap;
  char *explain;
  size_t elen, ecap;
  unsigned long blocks;
  unsigned long stop_after; /* nonzero: ask to stop after this many blocks */
} sink;

int sink_cb(void *user, const boiloff_block *b);
void sink_clear(sink *s);

/* boiloff_new, but a context with BOILOFF_OPT_THREADED starts its second
 * thread at a page's first chunk of text, not once the page is long: the
 * tests' pages are short. */
boiloff_ctx *test_new(const boiloff_options *opts, boiloff_block_fn fn,
                      void *user);

/* Feeds buf in chunks of `chunk` bytes (0 = all at once). */
boiloff_status feed_in_chunks(boiloff_ctx *c, const char *buf, size_t len,
                              size_t chunk);
/* Runs a whole document through a new context with `opts` in chunks of
 * `chunk`; the sink receives the result. */
boiloff_status clean_with(const boiloff_options *opts, const char *buf,
                          size_t len, size_t chunk, sink *out);
/* Runs `doc` through contexts whose Nth allocation fails, for N = 0, 1,
 * ... until one succeeds, fed in chunks of `chunk`: every failure must be
 * BOILOFF_ERR_NOMEM and leak nothing (Check assertions).  The counts are
 * atomic: a threaded context allocates on two threads. */
void allocation_failures(const char *doc, size_t len, unsigned flags,
                         size_t chunk);
/* Reads a whole file (NUL-terminated); NULL if it cannot be read. */
char *read_file(const char *path, size_t *len);
/* $FIXTURES/name, or srcdir-relative fixtures/name. */
const char *fixture_path(const char *name);

#endif
