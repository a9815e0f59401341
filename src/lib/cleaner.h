/* cleaner.h - internal access to a context's parts, for the trainer and
 * the tests (not part of the public API). */
#ifndef BOILOFF_CLEANER_H
#define BOILOFF_CLEANER_H

#include "boiloff.h"
#include "classify.h"

boiloff__classifier *boiloff__ctx_classifier(boiloff_ctx *ctx);
/* With BOILOFF_OPT_THREADED: the size a page of text reaches before the
 * second thread starts (the tests give 0: from its first chunk). */
void boiloff__ctx_thread_from(boiloff_ctx *ctx, unsigned long long bytes);

#endif
