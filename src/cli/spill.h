/* spill.h - the renderings of HTML pages kept between batch mode's two
 * passes: site learning's first pass parses each page and writes its
 * rendering (boiloff_set_rendering_writer) here; the second cleans the
 * page from it instead of parsing it again.
 *
 * A spill is one worker's temporary file, unlinked as soon as it is made
 * (in $TMPDIR, else /tmp), so nothing is left behind whatever happens,
 * written through a buffer by one thread and read by any with pread. */
#ifndef BOILOFF_CLI_SPILL_H
#define BOILOFF_CLI_SPILL_H

#include <stddef.h>

#include "boiloff.h"

struct spill {
  int fd; /* -1: none (renderings are not kept) */
  char *buf;
  size_t len;             /* bytes buffered, not written yet */
  unsigned long long end; /* offset of the next byte written */
  int failed;             /* a write failed: nothing more is kept */
};

/* A new spill file; -1 (and s->fd == -1) when it cannot be made. */
int spill_open(struct spill *s);
/* A boiloff_write_fn: appends to the spill given as `user`; nonzero once
 * a write has failed. */
int spill_write(void *user, const void *data, size_t len);
/* Writes out what is buffered; -1 (and s->failed) on failure. */
int spill_flush(struct spill *s);
void spill_close(struct spill *s);

#endif
