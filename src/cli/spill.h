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
  size_t len;                 /* bytes buffered, not written yet */
  unsigned long long end;     /* offset of the next byte written */
  unsigned long long budget;  /* the most the file may hold */
  unsigned long long refused; /* writes refused, past the budget */
  int failed;                 /* a write failed: nothing more is kept */
  unsigned long long frame;   /* where the open frame's header is */
  unsigned long long frame_ordinal, frame_refused;
  int frame_open; /* its header was written */
};

/* A new spill file, one of `shares` in its directory: together they
 * take at most half the space free there when they are made (disk or
 * memory: $TMPDIR is often a tmpfs).  -1 (and s->fd == -1) when it
 * cannot be made. */
int spill_open(struct spill *s, unsigned shares);
/* A boiloff_write_fn: appends to the spill given as `user`; nonzero once
 * a write has failed, and for a write past the budget (counted in
 * `refused`: the rendering it belongs to is not whole; a smaller one may
 * still fit). */
int spill_write(void *user, const void *data, size_t len);
/* Does the spill still take renderings?  (What is buffered may yet be
 * lost to a failed write: it is then read back short.) */
int spill_keeps(const struct spill *s);
/* Writes out what is buffered; -1 (and s->failed) on failure. */
int spill_flush(struct spill *s);
/* The writing is over: what is buffered goes out, the buffer is freed
 * (what could not be written is read back short, and parsed again). */
void spill_finish(struct spill *s);
void spill_close(struct spill *s);

/* Files of records (WARC, JSON Lines) keep the renderings of their HTML
 * records in frames: the record's ordinal in its file (counting bad
 * records too), the rendering's length, the rendering.  A frame is begun
 * before the record's page is read and ended after, whole or not (a
 * frame that is not whole is kept under no ordinal). */
void spill_frame_begin(struct spill *s, unsigned long long ordinal);
void spill_frame_end(struct spill *s, int whole);

/* Reads a file's frames back in order, as its records come again. */
struct spill_frames {
  int fd;
  unsigned long long at, end; /* the next frame, and where they stop */
  unsigned long long ordinal, off, len; /* the frame read last */
  int have, dead;
};
void spill_frames_init(struct spill_frames *f, int fd, unsigned long long off,
                       unsigned long long len);
/* Is the rendering of record `ordinal` kept (ordinals asked in ascending
 * order)?  1 with its bytes' offset and length in the spill file. */
int spill_frames_find(struct spill_frames *f, unsigned long long ordinal,
                      unsigned long long *off, unsigned long long *len);

#endif
