/* classify.h - labels blocks as content or boilerplate, with context.
 *
 * Blocks are pushed in input order.  Each is first judged on its own:
 * certain boilerplate (a phrase family, a time code, a counter) is decided
 * at once by a rule; the rest gets a class from its size and its share of
 * function words.  Lines that continue one another (a paragraph broken
 * over lines) are judged as one.  Short and borderline blocks then take
 * their label from the nearest clear blocks around them, as jusText does.
 * A block is decided once LAG blocks after it have been seen (or at
 * finish), so memory is bounded by the window, not the document.
 */
#ifndef BOILOFF_CLASSIFY_H
#define BOILOFF_CLASSIFY_H

#include <stddef.h>

#include "boiloff.h"

/* Blocks of lookahead before a block is decided. */
#define BOILOFF__LAG 32

typedef boiloff_status (*boiloff__emit_fn)(void *user,
                                           const boiloff_block *block);

typedef struct boiloff__classifier boiloff__classifier;

/* `opts` is read for flags, bias, profile and site (the profile and site
 * strings are borrowed).  NULL when out of memory. */
boiloff__classifier *boiloff__classifier_new(const boiloff_allocator *a,
                                             const boiloff_options *opts);
/* Adds one block; decided blocks are passed to `emit` in order. */
boiloff_status boiloff__classifier_push(boiloff__classifier *c,
                                        const char *text, size_t len,
                                        unsigned long line, int continued,
                                        boiloff__emit_fn emit, void *user);
/* Decides and emits every block still pending. */
boiloff_status boiloff__classifier_finish(boiloff__classifier *c,
                                          boiloff__emit_fn emit, void *user);
void boiloff__classifier_reset(boiloff__classifier *c);
void boiloff__classifier_free(boiloff__classifier *c);

#endif
