/* batch.h - batch mode: many inputs (a tree with -r, operands with -o DIR,
 * or --files0-from) cleaned by a pool of worker threads into a mirrored
 * output tree, with a first pass that learns each site's repeated lines. */
#ifndef BOILOFF_CLI_BATCH_H
#define BOILOFF_CLI_BATCH_H

#include "options.h"

/* Runs batch mode; returns the exit status.  boiloff_global_init() must
 * have been called and the signal handlers installed. */
int batch_run(const struct cli_options *o);

#endif
