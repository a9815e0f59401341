/* smooth.h - sequence smoothing: boilerplate and content come in runs.
 * A two-state hidden Markov model over the non-blank blocks, whose
 * emissions are the model's probabilities; a block's label is the
 * posterior of forward-backward, the forward message carried from the
 * blocks already decided, the backward one computed over the judged
 * blocks after it, within the window. */
#ifndef BOILOFF_SMOOTH_H
#define BOILOFF_SMOOTH_H

#include "window.h"

/* Takes the transitions and priors of c->model (which must be set). */
void boiloff__smooth_use_model(boiloff__classifier *c);

/* The emission of a block of content probability p, as likelihood ratios:
 * the model's posterior over its prior (clamped, so that no block is
 * certain for the chain). */
void boiloff__smooth_emission(const boiloff__classifier *c, double p,
                              double e[2]);

/* The backward messages of blocks [from, stop): each block's is what the
 * judged blocks after it, up to stop, say. */
void boiloff__smooth_backward(boiloff__classifier *c, unsigned long long from,
                              unsigned long long stop);

/* The posterior of content of block k, the next one in order; carries the
 * forward message on. */
double boiloff__smoothed(boiloff__classifier *c, unsigned long long k);

#endif
