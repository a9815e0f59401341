/* model_features.h - the learned model's view of a block: the block, its
 * paragraph, its neighbours, the page so far and, for HTML input, what
 * the markup says (the features of model.h, in order). */
#ifndef BOILOFF_MODEL_FEATURES_H
#define BOILOFF_MODEL_FEATURES_H

#include "window.h"

/* Fills x[BOILOFF__NFEATURES] for block k, whose paragraph class is pc,
 * the nearest clear blocks before and after it `before` and `after`, and
 * which the rules alone would keep when rule_keep. */
void boiloff__model_features(boiloff__classifier *c, unsigned long long k,
                             cls pc, cls before, cls after, int rule_keep,
                             float *x);

#endif
