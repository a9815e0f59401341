/* buf.h - a growable byte buffer that owns its memory. */
#ifndef BOILOFF_BUF_H
#define BOILOFF_BUF_H

#include <stddef.h>

#include "boiloff.h"

typedef struct boiloff__buf {
  char *data; /* NUL-terminated whenever data != NULL */
  size_t len;
  size_t cap;
  const boiloff_allocator *alloc;
} boiloff__buf;

void boiloff__buf_init(boiloff__buf *b, const boiloff_allocator *a);
/* Room for `extra` more bytes plus the NUL; BOILOFF_ERR_NOMEM on failure
 * (the buffer is then unchanged). */
boiloff_status boiloff__buf_reserve(boiloff__buf *b, size_t extra);
boiloff_status boiloff__buf_append(boiloff__buf *b, const char *s, size_t n);
boiloff_status boiloff__buf_putc(boiloff__buf *b, char c);
/* Appends n bytes and then a NUL that stays part of the contents: strings
 * stored one after another, each ending in its NUL, with one reserve. */
boiloff_status boiloff__buf_append_string(boiloff__buf *b, const char *s,
                                          size_t n);
/* Drops the first `n` bytes. */
void boiloff__buf_consume(boiloff__buf *b, size_t n);
void boiloff__buf_clear(boiloff__buf *b);
void boiloff__buf_free(boiloff__buf *b);

#endif
