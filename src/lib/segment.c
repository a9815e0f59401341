/* segment.c - decoded UTF-8 text to lines, streaming. */
#include <config.h>

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

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

/* Bytes before the first LF or CR in text[i..i + n), or n: sixteen bytes
 * a step where the target has SSE2 (every x86-64) and sixteen bytes of the
 * chunk are left to read, one pass for both bytes. */
static size_t line_end(const char *text, size_t len, size_t i, size_t n)
{
  const unsigned char *s = (const unsigned char *)text + i;
  size_t j = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  const __m128i lf16 = _mm_set1_epi8('\n'), cr16 = _mm_set1_epi8('\r');
  while (j < n && len - i - j >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
    unsigned m = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, lf16), _mm_cmpeq_epi8(v, cr16)));
    if (n - j < 16)
      m &= (1u << (n - j)) - 1; /* bytes past the line's room are not read */
    if (m)
      return j + (size_t)__builtin_ctz(m);
    j += 16;
  }
#endif
  for (; j < n; j++)
    if (s[j] == '\n' || s[j] == '\r')
      return j;
  return n;
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
  size_t i = 0;
  boiloff_status st;
  if (len && s->after_cr) {
    s->after_cr = 0;
    if (text[0] == '\n')
      i = 1; /* the LF of a CRLF cut by the chunk boundary */
  }
  while (i < len) {
    const char *start = text + i;
    size_t room = s->max_line - s->line.len, n;
    n = line_end(text, len, i, room < len - i ? room : len - i);
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
