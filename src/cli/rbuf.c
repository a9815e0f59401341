/* rbuf.c - the look-ahead window of the record readers. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rbuf.h"

#define RBUF_READ 65536

void rbuf_init(struct rbuf *b, struct gzread *src)
{
  memset(b, 0, sizeof *b);
  b->src = src;
  b->gap = (size_t)-1;
}

void rbuf_free(struct rbuf *b)
{
  free(b->data);
  b->data = NULL;
  b->cap = b->start = b->end = 0;
}

int rbuf_fill(struct rbuf *b)
{
  ssize_t r;
  if (b->gap != (size_t)-1 || b->eof)
    return 0;
  if (b->start > 0 && (b->start == b->end || b->end + RBUF_READ > b->cap)) {
    memmove(b->data, b->data + b->start, b->end - b->start);
    b->end -= b->start;
    b->start = 0;
  }
  if (b->end + RBUF_READ > b->cap) { /* grows with the record held */
    size_t cap = b->cap ? b->cap * 2 : 4 * RBUF_READ;
    char *d;
    while (cap < b->end + RBUF_READ)
      cap *= 2;
    if (!(d = realloc(b->data, cap))) {
      b->err = ENOMEM;
      return -1;
    }
    b->data = d;
    b->cap = cap;
  }
  r = gzread_read(b->src, b->data + b->end, b->cap - b->end);
  if (r > 0) {
    b->end += (size_t)r;
    return 1;
  }
  if (r == GZREAD_EOF) {
    b->eof = 1;
    return 0;
  }
  if (r == GZREAD_DAMAGED) {
    unsigned long long from_damaged = b->src->damaged_out;
    b->gap = b->end;
    b->gap_why = b->src->damage;
    /* the member may have begun before the window (already consumed) */
    b->gap_from = from_damaged < b->end - b->start
                      ? b->end - (size_t)from_damaged
                      : b->start;
    return 0;
  }
  b->err = b->src->err ? b->src->err : EIO;
  return -1;
}

void rbuf_reject(struct rbuf *b, size_t n)
{
  if (n && b->reject)
    b->reject(b->reject_user, b->data + b->start, n);
  rbuf_consume(b, n);
}

void rbuf_consume(struct rbuf *b, size_t n)
{
  b->start += n;
  if (b->start == b->end && b->gap == (size_t)-1)
    b->start = b->end = 0;
}

int rbuf_spoiled_by_gap(const struct rbuf *b, size_t n)
{
  return b->gap != (size_t)-1 && b->gap == b->start + n && b->gap_from < b->gap;
}

const char *rbuf_take_gap(struct rbuf *b)
{
  const char *why = b->gap_why;
  if (b->gap == (size_t)-1 || b->start != b->gap)
    return NULL;
  b->gap = (size_t)-1;
  b->gap_why = NULL;
  return why ? why : "damaged gzip member";
}
