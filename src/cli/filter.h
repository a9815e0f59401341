/* filter.h - one document from a file descriptor (or a page's rendering)
 * through a context to an output; and the filter mode of the command
 * (inputs -> stdout or -o FILE). */
#ifndef BOILOFF_CLI_FILTER_H
#define BOILOFF_CLI_FILTER_H

#include <stddef.h>

#include "boiloff.h"
#include "options.h"
#include "output.h"

enum filter_code {
  FILTER_OK,
  FILTER_READ_ERROR,  /* errno in *err */
  FILTER_LIB_ERROR,   /* library status in *status */
  FILTER_WRITE_ERROR, /* out->error */
  FILTER_INTERRUPTED  /* cli_signal set */
};

/* Reads fd to its end in chunks of `size` bytes (read(2) into buf), feeds
 * ctx, finishes it.  ctx's block_fn writes to `out`; with `flush_each` the
 * output is flushed after each chunk, so it streams.  Does not reset ctx
 * nor end the output document. */
enum filter_code filter_stream(boiloff_ctx *ctx, int fd, struct output *out,
                               char *buf, size_t size, int flush_each,
                               boiloff_status *status, int *err);

/* The same for a page's rendering (boiloff_feed_rendering), the `len`
 * bytes at `off` of fd, read with pread. */
enum filter_code filter_rendering(boiloff_ctx *ctx, int fd,
                                  unsigned long long off,
                                  unsigned long long len, struct output *out,
                                  char *buf, size_t size,
                                  boiloff_status *status, int *err);

/* The error message for a failed filter_stream() of input `name`, printed
 * as "boiloff: error: NAME: ...". */
void filter_report(const char *name, enum filter_code code,
                   boiloff_status status, int err, const boiloff_ctx *ctx);

struct records_counts;
/* "NAME: N records: ... cleaned, ... skipped, ... bad (by kind)..." */
void filter_records_note(const char *name, const struct records_counts *c);

/* Filter mode: the operands (or stdin) one after the other to stdout or to
 * the file o->output.  Returns the exit status. */
int filter_run(const struct cli_options *o);

#endif
