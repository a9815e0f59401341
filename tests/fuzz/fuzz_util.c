/* fuzz_util.c - helpers shared by the fuzz targets (see fuzz_util.h). */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleaner.h"
#include "fuzz_util.h"

void fz_append(fz_str *s, const void *p, size_t n)
{
  if (s->len + n + 1 > s->cap) {
    size_t c = s->cap ? s->cap : 256;
    while (c < s->len + n + 1)
      c *= 2;
    s->p = realloc(s->p, c);
    if (!s->p)
      abort();
    s->cap = c;
  }
  if (n)
    memcpy(s->p + s->len, p, n);
  s->len += n;
  s->p[s->len] = '\0';
}

void fz_free(fz_str *s)
{
  free(s->p);
  memset(s, 0, sizeof *s);
}

int fz_str_eq(const fz_str *a, const fz_str *b)
{
  return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

int fz_utf8_valid(const char *str, size_t len)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    size_t n, k;
    unsigned long v;
    if (c < 0x80) {
      i++;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 2;
      v = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3;
      v = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4;
      v = c & 0x07;
    } else {
      return 0;
    }
    if (len - i < n)
      return 0;
    for (k = 1; k < n; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return 0;
      v = (v << 6) | (s[i + k] & 0x3F);
    }
    if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) ||
        (n == 4 && v < 0x10000) || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      return 0;
    i += n;
  }
  return 1;
}

void fz_fail(const char *fmt, ...)
{
  va_list ap;
  fputs("boiloff fuzz: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

unsigned fz_byte(fz_in *in)
{
  unsigned b;
  if (!in->len)
    return 0;
  b = in->p[0];
  in->p++;
  in->len--;
  return b;
}

void fz_chunker_init(fz_chunker *ch, unsigned seed)
{
  static const size_t maxes[] = {1, 2, 3, 7, 16, 64, 300, 4096};
  ch->state = 0x9E3779B9u ^ (seed * 0x85EBCA6Bu);
  ch->max = seed ? maxes[seed & 7] : 0;
}

size_t fz_chunk_next(fz_chunker *ch, size_t left)
{
  size_t n;
  if (!ch || !ch->max)
    return left;
  ch->state ^= ch->state << 13; /* xorshift32 */
  ch->state ^= ch->state >> 17;
  ch->state ^= ch->state << 5;
  n = 1 + ch->state % ch->max;
  return n < left ? n : left;
}

int fz_sink_cb(void *user, const boiloff_block *b)
{
  fz_sink *s = user;
  char head[128];
  int n;
  FZ_CHECK(b->label == BOILOFF_CONTENT || b->label == BOILOFF_BOILERPLATE);
  FZ_CHECK(b->rule != NULL && b->rule[0] != '\0');
  FZ_CHECK(b->score >= 0.0 && b->score <= 1.0); /* also rejects NaN */
  FZ_CHECK(b->text != NULL || b->len == 0);
  if (!fz_utf8_valid(b->text, b->len)) {
    size_t i;
    fprintf(stderr, "block %lu (line %lu, rule %s): \"", s->blocks, b->line,
            b->rule);
    for (i = 0; i < b->len && i < 400; i++) {
      unsigned char c = (unsigned char)b->text[i];
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"')
        fputc(c, stderr);
      else
        fprintf(stderr, "\\x%02X", c);
    }
    fputs("\"\n", stderr);
    fz_fail("block text is not valid UTF-8");
  }
  FZ_CHECK(b->line >= 1);
  FZ_CHECK(b->line >= s->last_line);
  if (s->max_len)
    FZ_CHECK(b->len <= s->max_len);
  if (s->text_lines) {
    FZ_CHECK(memchr(b->text, '\n', b->len) == NULL);
    FZ_CHECK(memchr(b->text, '\r', b->len) == NULL);
    /* Lines are numbered 1, 2, 3...; the pieces of a cut line share it. */
    if (s->blocks == 0)
      FZ_CHECK(b->line == 1);
    else if (s->last_continued)
      FZ_CHECK(b->line == s->last_line);
    else
      FZ_CHECK(b->line == s->last_line + 1);
  }
  s->last_line = b->line;
  s->last_continued = b->continued != 0;
  n = snprintf(head, sizeof head, "%lu\t%s\t%s\t%d\t", b->line,
               b->label == BOILOFF_CONTENT ? "KEEP" : "DROP", b->rule,
               b->continued != 0);
  fz_append(&s->explain, head, (size_t)n);
  fz_append(&s->explain, b->text, b->len);
  fz_append(&s->explain, "\n", 1);
  fz_append(&s->joined, b->text, b->len);
  if (!b->continued)
    fz_append(&s->joined, "\n", 1);
  if (b->label == BOILOFF_CONTENT) {
    fz_append(&s->kept, b->text, b->len);
    if (!b->continued)
      fz_append(&s->kept, "\n", 1);
  }
  s->blocks++;
  return s->stop_after && s->blocks >= s->stop_after;
}

void fz_sink_free(fz_sink *s)
{
  fz_free(&s->explain);
  fz_free(&s->kept);
  fz_free(&s->joined);
}

boiloff_status fz_run_ctx(boiloff_ctx *ctx, const char *buf, size_t len,
                          fz_chunker *ch)
{
  size_t off = 0;
  boiloff_status st;
  while (off < len) {
    size_t n = fz_chunk_next(ch, len - off);
    if ((st = boiloff_feed(ctx, buf + off, n)) != BOILOFF_OK)
      return st;
    off += n;
  }
  return boiloff_finish(ctx);
}

boiloff_status fz_run(const boiloff_options *opts, const char *buf, size_t len,
                      fz_chunker *ch, fz_sink *out)
{
  boiloff_ctx *ctx = boiloff_new(opts, fz_sink_cb, out);
  boiloff_status st;
  if (!ctx)
    fz_fail("boiloff_new failed on valid options");
  /* With BOILOFF_OPT_THREADED, the second thread from the first chunk of
   * text: the inputs are short. */
  boiloff__ctx_thread_from(ctx, 0);
  st = fz_run_ctx(ctx, buf, len, ch);
  boiloff_free(ctx);
  return st;
}

void fz_normalise_lines(const char *text, size_t len, fz_str *out)
{
  size_t i;
  for (i = 0; i < len; i++) {
    if (text[i] == '\r') {
      fz_append(out, "\n", 1);
      if (i + 1 < len && text[i + 1] == '\n')
        i++;
    } else {
      fz_append(out, text + i, 1);
    }
  }
  if (out->len && out->p[out->len - 1] != '\n')
    fz_append(out, "\n", 1);
}

size_t fz_prefix_blocks(const fz_str *e, unsigned long n)
{
  size_t i = 0;
  while (n-- > 0) {
    const char *nl = memchr(e->p + i, '\n', e->len - i);
    FZ_CHECK(nl != NULL);
    i = (size_t)(nl - e->p) + 1;
  }
  return i;
}
