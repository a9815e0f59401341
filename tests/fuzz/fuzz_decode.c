/* fuzz_decode.c - the decoder (src/lib/decode.h) on its own.
 *
 * Option bytes: [0] flags, charset and padding, [1] chunk seed.  The
 * padding bits put ASCII before the input, so that its first non-ASCII
 * byte falls around or after the charset sniffing window (8 KiB), or
 * repeat the input past it.  Invariants:
 * - fed in chunks, the decoder gives the same status, text, charset,
 *   invalid count and error offset as fed in one piece;
 * - every piece it hands out is valid UTF-8 without NUL;
 * - a reset decoder behaves as a new one;
 * - with the charset forced to UTF-8, valid UTF-8 input without NUL comes
 *   out unchanged (but for a leading BOM). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "decode.h"
#include "fuzz_util.h"
#include "mem.h"

static const char *const charsets[8] = {
    NULL,       NULL,     "UTF-8",     "WINDOWS-1252",
    "UTF-16LE", "UTF-16", "SHIFT_JIS", "X-NO-SUCH-CHARSET"};

typedef struct result {
  boiloff_status st;
  fz_str text;
  unsigned long long invalid, error_offset;
  char charset[64]; /* copied: the decoder's string dies with it */
  int have_charset;
} result;

static boiloff_status on_text(void *user, const char *text, size_t len)
{
  result *r = user;
  FZ_CHECK(len > 0);
  FZ_CHECK(fz_utf8_valid(text, len));
  FZ_CHECK(memchr(text, '\0', len) == NULL);
  fz_append(&r->text, text, len);
  return BOILOFF_OK;
}

static void run(boiloff__decoder *d, const uint8_t *buf, size_t len,
                fz_chunker *ch, result *r)
{
  size_t off = 0;
  memset(r, 0, sizeof *r);
  r->st = BOILOFF_OK;
  while (off < len && r->st == BOILOFF_OK) {
    size_t n = fz_chunk_next(ch, len - off);
    r->st = boiloff__decoder_feed(d, (const char *)buf + off, n, on_text, r);
    off += n;
  }
  if (r->st == BOILOFF_OK)
    r->st = boiloff__decoder_finish(d, on_text, r);
  r->invalid = boiloff__decoder_invalid(d);
  r->error_offset = boiloff__decoder_error_offset(d);
  {
    const char *cs = boiloff__decoder_charset(d);
    r->have_charset = cs != NULL;
    if (cs)
      snprintf(r->charset, sizeof r->charset, "%s", cs);
  }
}

static void same(const result *a, const result *b)
{
  FZ_CHECK(a->st == b->st);
  if (a->st != BOILOFF_OK) {
    if (a->st == BOILOFF_ERR_ENCODING)
      FZ_CHECK(a->error_offset == b->error_offset);
    return;
  }
  FZ_CHECK(fz_str_eq(&a->text, &b->text));
  FZ_CHECK(a->invalid == b->invalid);
  FZ_CHECK(a->have_charset == b->have_charset);
  FZ_CHECK(strcmp(a->charset, b->charset) == 0);
}

/* Plain-C reference: is it valid UTF-8 without NUL? */
static int clean_utf8(const uint8_t *p, size_t len)
{
  return fz_utf8_valid((const char *)p, len) && memchr(p, '\0', len) == NULL;
}

/* The input as the decoder sees it, after the padding asked by `how`. */
static void pad(unsigned how, const uint8_t *p, size_t len, fz_str *out)
{
  static const size_t lead[4] = {0, 8190, 8193, 0};
  size_t i;
  for (i = 0; i + 16 <= lead[how]; i += 16)
    fz_append(out, "plain ascii...\r\n", 16);
  fz_append(out, "abcdefghijklmnop", lead[how] - i);
  do
    fz_append(out, p, len);
  while (how == 3 && len && out->len < 20000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fz_in in = {data, size};
  unsigned o = fz_byte(&in), seed = fz_byte(&in);
  fz_str body = {0};
  unsigned flags = 0;
  const char *cs = charsets[(o >> 2) & 7];
  boiloff__decoder *d;
  fz_chunker ch;
  result whole, part, again;
  if (o & 1)
    flags |= BOILOFF_OPT_STRICT;
  if (o & 2)
    flags |= BOILOFF_OPT_ALLOW_BINARY;
  pad((o >> 5) & 3, in.p, in.len, &body);
  in.p = (const uint8_t *)body.p;
  in.len = body.len;

  d = boiloff__decoder_new(&boiloff__default_allocator, cs, flags);
  if (!d) {
    fz_free(&body);
    return 0;
  }
  run(d, in.p, in.len, NULL, &whole);

  /* Reset, then the same bytes in chunks. */
  boiloff__decoder_reset(d);
  fz_chunker_init(&ch, seed ? seed : 1);
  run(d, in.p, in.len, &ch, &part);
  same(&whole, &part);
  boiloff__decoder_free(d);

  /* A new decoder, chunked differently. */
  d = boiloff__decoder_new(&boiloff__default_allocator, cs, flags);
  if (d) {
    fz_chunker_init(&ch, seed ^ 0x5A);
    run(d, in.p, in.len, &ch, &again);
    same(&whole, &again);
    boiloff__decoder_free(d);
    fz_free(&again.text);
  }

  if (cs && strcmp(cs, "UTF-8") == 0 && clean_utf8(in.p, in.len)) {
    const uint8_t *p = in.p;
    size_t n = in.len;
    FZ_CHECK(whole.st == BOILOFF_OK);
    if (whole.text.len + 3 == n && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
      p += 3;
      n -= 3;
    }
    FZ_CHECK(whole.text.len == n);
    FZ_CHECK(n == 0 || memcmp(whole.text.p, p, n) == 0);
    FZ_CHECK(whole.invalid == 0);
  }
  fz_free(&whole.text);
  fz_free(&part.text);
  fz_free(&body);
  return 0;
}
