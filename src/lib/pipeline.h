/* pipeline.h - the blocks' features computed on a thread of its own (the
 * front), while the caller's thread reads, decodes and splits the input
 * into lines, and classifies the blocks the front hands back with their
 * features.  One stream then keeps two cores busy.  The blocks, and so
 * the output, are those of one thread: only where each is computed
 * changes.
 *
 * The caller's thread hands its lines on in runs; the blocks come back in
 * batches, in order, during later calls.  Memory stays bounded: one run
 * waits at most, and the front waits when every batch is full.
 */
#ifndef BOILOFF_PIPELINE_H
#define BOILOFF_PIPELINE_H

#include <stddef.h>

#include "block_features.h"
#include "boiloff.h"

/* A line as the front end made it (text input: no markup hints). */
typedef struct boiloff__record {
  const char *text; /* ends in NUL */
  size_t len;
  unsigned long line;
  int continued;
  const boiloff__features *f;
} boiloff__record;

/* On the caller's thread: each record, in input order. */
typedef boiloff_status (*boiloff__record_fn)(void *user,
                                             const boiloff__record *r);

typedef struct boiloff__pipeline boiloff__pipeline;

/* Starts the front's thread.  NULL when it cannot (then the caller runs
 * both ends itself). */
boiloff__pipeline *boiloff__pipeline_new(const boiloff_allocator *a,
                                         boiloff__record_fn back, void *user);

/* All on the caller's thread.  Each returns the first error of either
 * end; after an error, only reset or free. */
/* A line (text[len] is not read), to be measured and then classified;
 * the blocks that are ready meanwhile are classified. */
boiloff_status boiloff__pipeline_line(boiloff__pipeline *p, const char *text,
                                      size_t len, unsigned long line,
                                      int continued);
/* Hands on the lines given so far and classifies the blocks that are
 * ready: at the end of each input chunk, so that a short input goes on. */
boiloff_status boiloff__pipeline_send(boiloff__pipeline *p);
/* Returns once every line given so far is classified: before an error of
 * the input is reported, as one thread would have classified them. */
boiloff_status boiloff__pipeline_sync(boiloff__pipeline *p);
/* The end of the input: returns once every block has gone to the back. */
boiloff_status boiloff__pipeline_finish(boiloff__pipeline *p);
/* Drops this page's lines, wherever they are. */
void boiloff__pipeline_reset(boiloff__pipeline *p);
void boiloff__pipeline_free(boiloff__pipeline *p);

#endif
