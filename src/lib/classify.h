/* classify.h - labels blocks as content or boilerplate, with context.
 *
 * Blocks are pushed in input order.  Each is first judged on its own:
 * certain boilerplate (a phrase family, a time code, a counter) is decided
 * at once by a rule; the rest gets a class from its size and its share of
 * function words.  Lines that continue one another (a paragraph broken
 * over lines) are judged as one.  Short and borderline blocks then take
 * their label from the nearest clear blocks around them, as jusText does.
 * A learned model then gives each block a probability of being content,
 * smoothed over its neighbours by a two-state hidden Markov model.
 *
 * The parts live in their own modules: rules.c (what a block is on its
 * own), hints.c (what the markup says), threads.c (comment chrome),
 * model_features.c (the model's inputs), smooth.c (the sequence
 * smoothing); window.h holds the state they share, and this module the
 * window and the policy that ties them.  A
 * block is decided once BOILOFF__LAG blocks after it have been seen (or at
 * finish), so memory is bounded by the window, not the document.
 */
#ifndef BOILOFF_CLASSIFY_H
#define BOILOFF_CLASSIFY_H

#include <stddef.h>

#include "block_features.h"
#include "block_hint.h"
#include "boiloff.h"

/* Blocks of lookahead: a block is judged in context JUDGE_LAG blocks after
 * it; blocks are then decided (smoothed) in groups of SMOOTH_LAG, once
 * SMOOTH_LAG judged blocks follow the group, so that each sees at least
 * SMOOTH_LAG judged blocks ahead and at most BOILOFF__LAG blocks wait. */
#define JUDGE_LAG 16
#define SMOOTH_LAG 16
#define BOILOFF__LAG (JUDGE_LAG + 2 * SMOOTH_LAG)

typedef boiloff_status (*boiloff__emit_fn)(void *user,
                                           const boiloff_block *block);

typedef struct boiloff__classifier boiloff__classifier;

/* `opts` is read for flags, bias, profile and site (the profile and site
 * strings are borrowed).  NULL when out of memory. */
boiloff__classifier *boiloff__classifier_new(const boiloff_allocator *a,
                                             const boiloff_options *opts);
/* Adds one block; decided blocks are passed to `emit` in order.  `hint`
 * (may be NULL) is copied. */
boiloff_status boiloff__classifier_push(boiloff__classifier *c,
                                        const char *text, size_t len,
                                        unsigned long line, int continued,
                                        const boiloff__block_hint *hint,
                                        boiloff__emit_fn emit, void *user);
/* The same, with the block's features measured already (by the front
 * end's thread: pipeline.h); `f` is copied. */
boiloff_status boiloff__classifier_push_measured(
    boiloff__classifier *c, const char *text, size_t len, unsigned long line,
    int continued, const boiloff__block_hint *hint, const boiloff__features *f,
    boiloff__emit_fn emit, void *user);
/* The page's title (the <title> of HTML input), given before its first
 * block: a line that gives its start, before any text, is the headline.
 * Without it, the first line of text input is taken as the title. */
void boiloff__classifier_set_title(boiloff__classifier *c, const char *text,
                                   size_t len);
/* Decides and emits every block still pending. */
boiloff_status boiloff__classifier_finish(boiloff__classifier *c,
                                          boiloff__emit_fn emit, void *user);
void boiloff__classifier_reset(boiloff__classifier *c);

/* Training hook: `fn` sees every block the model would judge, with its
 * feature vector (BOILOFF__NFEATURES floats), before the model decides. */
typedef void (*boiloff__observe_fn)(void *user, const boiloff_block *block,
                                    const float *features);
void boiloff__classifier_observe(boiloff__classifier *c, boiloff__observe_fn fn,
                                 void *user);
/* Replaces the model (NULL: rules only); the model is borrowed. */
struct boiloff__model;
void boiloff__classifier_set_model(boiloff__classifier *c,
                                   const struct boiloff__model *model);
void boiloff__classifier_free(boiloff__classifier *c);

#endif
