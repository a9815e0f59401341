/* cleaner.h - internal access to a context's parts, for the trainer and
 * the tests (not part of the public API). */
#ifndef BOILOFF_CLEANER_H
#define BOILOFF_CLEANER_H

#include "boiloff.h"
#include "classify.h"

boiloff__classifier *boiloff__ctx_classifier(boiloff_ctx *ctx);

#endif
