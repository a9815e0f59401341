/* pipeline.h - the front end (decoding, lines, repair, features) on a
 * thread of its own, handing its blocks with their features to the
 * caller's thread, which classifies them.  One stream then keeps two
 * cores busy.  The blocks, and so the output, are those of one thread:
 * only where each is computed changes.
 *
 * The front works on a copy of each chunk, so boiloff_feed returns while
 * it still reads; the blocks reach the caller's thread in batches, in
 * order, during later calls.  Memory stays bounded: one chunk waits at
 * most, and the front waits when every batch is full.
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

/* On the front's thread: a chunk of input, or (final) its end.  It hands
 * on its blocks with boiloff__pipeline_put. */
typedef boiloff_status (*boiloff__front_fn)(void *user, const char *buf,
                                            size_t len, int final);
/* On the caller's thread: each record, in input order. */
typedef boiloff_status (*boiloff__record_fn)(void *user,
                                             const boiloff__record *r);

typedef struct boiloff__pipeline boiloff__pipeline;

/* Starts the front's thread.  NULL when it cannot (then the caller runs
 * both ends itself). */
boiloff__pipeline *boiloff__pipeline_new(const boiloff_allocator *a,
                                         boiloff__front_fn front,
                                         boiloff__record_fn back, void *user);

/* On the caller's thread.  Each returns the first error of either end:
 * the back's at once, the front's once the blocks before it are
 * classified (so perhaps in a later call than the chunk that caused it).
 * After an error, only reset or free. */
boiloff_status boiloff__pipeline_feed(boiloff__pipeline *p, const char *buf,
                                      size_t len);
/* The end of the input: returns once every block has gone to the back. */
boiloff_status boiloff__pipeline_finish(boiloff__pipeline *p);
/* Waits until the front is idle or waiting for room, so that what it
 * owns (decoder, counts) may be read. */
void boiloff__pipeline_quiesce(boiloff__pipeline *p);
/* Stops the front's work on this page and drops what is pending. */
void boiloff__pipeline_reset(boiloff__pipeline *p);
void boiloff__pipeline_free(boiloff__pipeline *p);

/* On the front's thread: a block, its features computed here.
 * BOILOFF_STOPPED when a reset stops the front. */
boiloff_status boiloff__pipeline_put(boiloff__pipeline *p, const char *text,
                                     size_t len, unsigned long line,
                                     int continued);

#endif
