/* segment.c - decoded UTF-8 text to lines, streaming. */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "segment.h"
#include "utf8.h"

void boiloff__segmenter_init(boiloff__segmenter *s, const boiloff_allocator *a,
                             size_t max_line)
{
  boiloff__buf_init(&s->line, a);
  s->max_line = max_line < 16 ? 16 : max_line;
  s->after_cr = 0;
  s->have_text = 0;
}

/* Where to cut an over-long line: after the last space in its final
 * quarter, so words stay whole, else at the last character boundary. */
static size_t cut_point(const char *p, size_t len)
{
  size_t i, floor = len - len / 4;
  for (i = len; i > floor; i--)
    if (p[i - 1] == ' ')
      return i;
  return boiloff__utf8_complete_prefix((const unsigned char *)p, len);
}

static boiloff_status flush_long(boiloff__segmenter *s, boiloff__line_fn fn,
                                 void *user)
{
  while (s->line.len >= s->max_line) {
    size_t cut = cut_point(s->line.data, s->max_line);
    boiloff_status st;
    if (cut == 0)
      cut = s->max_line;
    st = fn(user, s->line.data, cut, 1);
    boiloff__buf_consume(&s->line, cut);
    if (st != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

static boiloff_status end_line(boiloff__segmenter *s, boiloff__line_fn fn,
                               void *user)
{
  boiloff_status st =
      fn(user, s->line.data ? s->line.data : "", s->line.len, 0);
  boiloff__buf_clear(&s->line);
  s->have_text = 0;
  return st;
}

/* Bytes before the first LF or CR in text[i..i + n), or n.  *lf keeps
 * where the next LF at or after i is (len: none; SIZE_MAX: not yet
 * known), so that a chunk is searched for LFs once even when its lines
 * end in CR alone, and a CR is looked for only before that LF; memchr
 * steps over a line many bytes at a time. */
static size_t line_end(const char *text, size_t len, size_t i, size_t n,
                       size_t *lf)
{
  const char *cr;
  size_t m;
  if (*lf == SIZE_MAX || *lf < i) {
    const char *q = memchr(text + i, '\n', len - i);
    *lf = q ? (size_t)(q - text) : len;
  }
  m = *lf - i < n ? *lf - i : n;
  cr = memchr(text + i, '\r', m);
  return cr ? (size_t)(cr - (text + i)) : m;
}

/* Steps over the line end at text[i] (CR, LF or CRLF): the index after
 * it.  A CR that ends the chunk may be half of a CRLF. */
static size_t past_line_end(boiloff__segmenter *s, const char *text, size_t len,
                            size_t i)
{
  if (text[i] == '\r') {
    if (i + 1 == len)
      s->after_cr = 1;
    else if (text[i + 1] == '\n')
      i++;
  }
  return i + 1;
}

boiloff_status boiloff__segmenter_feed(boiloff__segmenter *s, const char *text,
                                       size_t len, boiloff__line_fn fn,
                                       void *user)
{
  size_t i = 0, lf = SIZE_MAX;
  boiloff_status st;
  if (len && s->after_cr) {
    s->after_cr = 0;
    if (text[0] == '\n')
      i = 1; /* the LF of a CRLF cut by the chunk boundary */
  }
  while (i < len) {
    const char *start = text + i;
    size_t room = s->max_line - s->line.len, n;
    n = line_end(text, len, i, room < len - i ? room : len - i, &lf);
    if (s->line.len == 0 && i + n < len && n < room) {
      /* A whole line inside this chunk: passed on where it lies. */
      i = past_line_end(s, text, len, i + n);
      s->have_text = 0;
      if ((st = fn(user, start, n, 0)) != BOILOFF_OK)
        return st;
      continue;
    }
    /* Copy the run up to the next line end or to the cap in one go. */
    if (n) {
      if ((st = boiloff__buf_append(&s->line, start, n)) != BOILOFF_OK)
        return st;
      s->have_text = 1;
      i += n;
    }
    if (s->line.len >= s->max_line) {
      if ((st = flush_long(s, fn, user)) != BOILOFF_OK)
        return st;
      continue;
    }
    if (i >= len)
      break;
    i = past_line_end(s, text, len, i);
    if ((st = end_line(s, fn, user)) != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

boiloff_status boiloff__segmenter_finish(boiloff__segmenter *s,
                                         boiloff__line_fn fn, void *user)
{
  s->after_cr = 0;
  if (!s->have_text && s->line.len == 0)
    return BOILOFF_OK;
  return end_line(s, fn, user);
}

void boiloff__segmenter_reset(boiloff__segmenter *s)
{
  boiloff__buf_clear(&s->line);
  s->after_cr = 0;
  s->have_text = 0;
}

void boiloff__segmenter_free(boiloff__segmenter *s)
{
  boiloff__buf_free(&s->line);
}
