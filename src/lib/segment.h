/* segment.h - decoded UTF-8 text to lines, streaming.
 *
 * A line ends at LF, CRLF or a lone CR (a CRLF split across two chunks is
 * one line end).  A line longer than the cap is cut into pieces, at the
 * last space before the cap when there is one, else at a character
 * boundary; every piece but the last is marked `continued`.  So memory is
 * bounded by the cap whatever the input, and a 500 MB line costs no more
 * than a short one.
 */
#ifndef BOILOFF_SEGMENT_H
#define BOILOFF_SEGMENT_H

#include <stddef.h>

#include "boiloff.h"
#include "buf.h"

/* The line cap when boiloff_options.max_line_bytes is 0 (HTML blocks too). */
#define BOILOFF__DEFAULT_MAX_LINE ((size_t)64 * 1024)

/* Receives each line (without its terminator). */
typedef boiloff_status (*boiloff__line_fn)(void *user, const char *line,
                                           size_t len, int continued);

typedef struct boiloff__segmenter {
  boiloff__buf line;
  size_t max_line; /* cap in bytes, >= 16 */
  int after_cr;    /* the previous chunk ended with CR */
  int have_text;   /* something since the last line end (for finish) */
} boiloff__segmenter;

void boiloff__segmenter_init(boiloff__segmenter *s, const boiloff_allocator *a,
                             size_t max_line);
boiloff_status boiloff__segmenter_feed(boiloff__segmenter *s, const char *text,
                                       size_t len, boiloff__line_fn fn,
                                       void *user);
/* Passes the last, unterminated line, if any. */
boiloff_status boiloff__segmenter_finish(boiloff__segmenter *s,
                                         boiloff__line_fn fn, void *user);
void boiloff__segmenter_reset(boiloff__segmenter *s);
void boiloff__segmenter_free(boiloff__segmenter *s);

#endif
