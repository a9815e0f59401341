/* decode.c - bytes to UTF-8 (first cut: UTF-8 input, BOM stripped,
 * invalid sequences and NUL replaced by U+FFFD). */
#include <config.h>

#include <string.h>

#include "buf.h"
#include "decode.h"
#include "mem.h"
#include "utf8.h"

struct boiloff__decoder {
  const boiloff_allocator *alloc;
  unsigned flags;
  boiloff__buf pending; /* bytes of a character cut by a chunk boundary */
  boiloff__buf out;
  unsigned long long offset; /* input bytes consumed */
  unsigned long long invalid;
  unsigned long long error_offset;
  int bom_checked;
};

boiloff__decoder *boiloff__decoder_new(const boiloff_allocator *a,
                                       const char *from_code, unsigned flags)
{
  boiloff__decoder *d = boiloff__calloc(a, 1, sizeof *d);
  (void)from_code;
  if (!d)
    return NULL;
  d->alloc = a;
  d->flags = flags;
  boiloff__buf_init(&d->pending, a);
  boiloff__buf_init(&d->out, a);
  return d;
}

static boiloff_status convert(boiloff__decoder *d, const unsigned char *s,
                              size_t len, boiloff__text_fn fn, void *user)
{
  size_t i = 0;
  boiloff_status st;
  boiloff__buf_clear(&d->out);
  if ((st = boiloff__buf_reserve(&d->out, len + len / 2 + 4)) != BOILOFF_OK)
    return st;
  while (i < len) {
    uint32_t cp;
    size_t n = boiloff__utf8_decode(s + i, len - i, &cp);
    if ((cp == BOILOFF_REPLACEMENT_CHAR && n == 1) || cp == 0) {
      if (d->flags & BOILOFF_OPT_STRICT) {
        d->error_offset = d->offset + i;
        return BOILOFF_ERR_ENCODING;
      }
      d->invalid++;
      st = boiloff__buf_append(&d->out, "\xEF\xBF\xBD", 3);
    } else {
      st = boiloff__buf_append(&d->out, (const char *)s + i, n);
    }
    if (st != BOILOFF_OK)
      return st;
    i += n;
  }
  d->offset += len;
  return d->out.len ? fn(user, d->out.data, d->out.len) : BOILOFF_OK;
}

boiloff_status boiloff__decoder_feed(boiloff__decoder *d, const char *buf,
                                     size_t len, boiloff__text_fn fn,
                                     void *user)
{
  boiloff_status st;
  size_t keep;
  if ((st = boiloff__buf_append(&d->pending, buf, len)) != BOILOFF_OK)
    return st;
  if (!d->bom_checked) {
    if (d->pending.len < 3 &&
        memcmp(d->pending.data, "\xEF\xBB\xBF", d->pending.len) == 0)
      return BOILOFF_OK; /* could still be a BOM */
    d->bom_checked = 1;
    if (d->pending.len >= 3 && memcmp(d->pending.data, "\xEF\xBB\xBF", 3) == 0) {
      boiloff__buf_consume(&d->pending, 3);
      d->offset += 3;
    }
  }
  keep = boiloff__utf8_complete_prefix((const unsigned char *)d->pending.data,
                                       d->pending.len);
  st = convert(d, (const unsigned char *)d->pending.data, keep, fn, user);
  if (st != BOILOFF_OK)
    return st;
  boiloff__buf_consume(&d->pending, keep);
  return BOILOFF_OK;
}

boiloff_status boiloff__decoder_finish(boiloff__decoder *d,
                                       boiloff__text_fn fn, void *user)
{
  boiloff_status st;
  d->bom_checked = 1;
  st = convert(d, (const unsigned char *)d->pending.data, d->pending.len, fn,
               user);
  boiloff__buf_clear(&d->pending);
  return st;
}

void boiloff__decoder_reset(boiloff__decoder *d)
{
  boiloff__buf_clear(&d->pending);
  d->offset = d->invalid = d->error_offset = 0;
  d->bom_checked = 0;
}

void boiloff__decoder_free(boiloff__decoder *d)
{
  if (!d)
    return;
  boiloff__buf_free(&d->pending);
  boiloff__buf_free(&d->out);
  boiloff__free(d->alloc, d);
}

const char *boiloff__decoder_charset(const boiloff__decoder *d)
{
  (void)d;
  return "UTF-8";
}

unsigned long long boiloff__decoder_invalid(const boiloff__decoder *d)
{
  return d->invalid;
}

unsigned long long boiloff__decoder_error_offset(const boiloff__decoder *d)
{
  return d->error_offset;
}
