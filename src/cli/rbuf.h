/* rbuf.h - a window of bytes over a gzread stream, for the record readers
 * (WARC, JSON Lines): they look ahead as far as a record goes, then consume
 * it.  Memory is bounded by the largest record that is held.  A damaged
 * gzip member is a "gap": data before it and after it are never joined
 * into one record. */
#ifndef BOILOFF_CLI_RBUF_H
#define BOILOFF_CLI_RBUF_H

#include <stddef.h>

#include "gzread.h"

/* Receives the bytes of a bad record or line, as they were, in pieces. */
typedef void (*rbuf_reject_fn)(void *user, const char *p, size_t n);

struct rbuf {
  struct gzread *src;
  char *data;
  size_t cap, start, end;
  size_t gap;          /* offset of a pending gap in data, or (size_t)-1 */
  const char *gap_why; /* the damage at the gap */
  size_t gap_from;     /* where the damaged member's bytes before the gap
                        * begin (= gap when it gave none) */
  int eof;
  int err; /* errno of a read error, 0 = none */
  rbuf_reject_fn reject;
  void *reject_user;
};

void rbuf_init(struct rbuf *b, struct gzread *src);
void rbuf_free(struct rbuf *b);
/* The contiguous bytes from start (up to the gap or the end). */
static inline size_t rbuf_avail(const struct rbuf *b)
{
  return (b->gap != (size_t)-1 ? b->gap : b->end) - b->start;
}
/* Reads more contiguous bytes: 1 when some came, 0 at the end of input or
 * at a gap, -1 on a read or allocation error (b->err). */
int rbuf_fill(struct rbuf *b);
/* Passes n bytes from start to the reject function and consumes them. */
void rbuf_reject(struct rbuf *b, size_t n);
/* Consumes n bytes from start. */
void rbuf_consume(struct rbuf *b, size_t n);
/* Nonzero when the n bytes from start end at a gap and some of them came
 * from the damaged member (one that failed its CRC or was cut after
 * giving them): they are suspect.  Bytes from whole members before a
 * member that is damaged from its start are not. */
int rbuf_spoiled_by_gap(const struct rbuf *b, size_t n);
/* At a gap with nothing before it: forgets the gap; returns its damage. */
const char *rbuf_take_gap(struct rbuf *b);

#endif
