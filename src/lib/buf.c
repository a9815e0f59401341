/* buf.c - a growable byte buffer that owns its memory. */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

void boiloff__buf_init(boiloff__buf *b, const boiloff_allocator *a)
{
  b->data = NULL;
  b->len = b->cap = 0;
  b->alloc = a;
}

boiloff_status boiloff__buf_reserve(boiloff__buf *b, size_t extra)
{
  size_t need, cap;
  char *p;
  if (extra > SIZE_MAX - b->len - 1)
    return BOILOFF_ERR_NOMEM;
  need = b->len + extra + 1;
  if (need <= b->cap)
    return BOILOFF_OK;
  cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  p = boiloff__realloc(b->alloc, b->data, cap);
  if (!p)
    return BOILOFF_ERR_NOMEM;
  b->data = p;
  b->cap = cap;
  b->data[b->len] = '\0';
  return BOILOFF_OK;
}

boiloff_status boiloff__buf_append(boiloff__buf *b, const char *s, size_t n)
{
  boiloff_status st = boiloff__buf_reserve(b, n);
  if (st != BOILOFF_OK)
    return st;
  if (n)
    memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return BOILOFF_OK;
}

boiloff_status boiloff__buf_putc(boiloff__buf *b, char c)
{
  return boiloff__buf_append(b, &c, 1);
}

boiloff_status boiloff__buf_append_string(boiloff__buf *b, const char *s,
                                          size_t n)
{
  if (n > SIZE_MAX - 2)
    return BOILOFF_ERR_NOMEM;
  /* Room for the bytes, their NUL and the buffer's is most often there:
   * reserve is called only when it is not (a call a line otherwise). */
  if (b->cap - b->len < n + 2) {
    boiloff_status st = boiloff__buf_reserve(b, n + 1);
    if (st != BOILOFF_OK)
      return st;
  }
  if (n)
    memcpy(b->data + b->len, s, n);
  b->data[b->len + n] = '\0';
  b->len += n + 1;
  b->data[b->len] = '\0';
  return BOILOFF_OK;
}

void boiloff__buf_consume(boiloff__buf *b, size_t n)
{
  if (n >= b->len) {
    boiloff__buf_clear(b);
    return;
  }
  memmove(b->data, b->data + n, b->len - n);
  b->len -= n;
  b->data[b->len] = '\0';
}

void boiloff__buf_clear(boiloff__buf *b)
{
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

void boiloff__buf_free(boiloff__buf *b)
{
  boiloff__free(b->alloc, b->data);
  boiloff__buf_init(b, b->alloc);
}
