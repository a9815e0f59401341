/* decode.c - bytes in any charset to UTF-8, streaming.
 *
 * Phases: the first bytes are held in a bounded sniff window until the
 * charset is known (a BOM decides at 4 bytes, everything else at
 * SNIFF_MAX bytes or at finish), then every byte goes through the chosen
 * converter: our own UTF-8 validator, or iconv.  A window of pure ASCII
 * decides nothing: the text is passed on as it comes and a second window
 * is sniffed from the first byte >= 0x80.  Every decision depends on the
 * bytes only, never on where the chunks were cut.
 */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "buf.h"
#include "charset_detect.h"
#include "decode.h"
#include "mem.h"
#include "utf8.h"

#define SNIFF_MAX 8192    /* bytes held before the charset is decided */
#define DECLARED_MAX 4096 /* where a meta charset or XML declaration counts */
#define SLICE 65536       /* input converted per step: bounds the output */

enum phase {
  PH_SNIFF,   /* first window: BOM, wide, binary, declared, UTF-8, legacy */
  PH_ASCII,   /* only ASCII seen so far: passed on as UTF-8 */
  PH_RESNIFF, /* window from the first non-ASCII byte: UTF-8 or legacy */
  PH_CONVERT  /* charset known */
};

struct boiloff__decoder {
  const boiloff_allocator *alloc;
  unsigned flags;
  char *from_code;           /* owned copy, or NULL */
  boiloff_status status;     /* sticky error */
  boiloff_status new_status; /* what reset goes back to (unknown charset) */
  enum phase phase;
  const char *charset; /* static name or from_code; NULL = not yet */
  int use_iconv;
  size_t unit; /* bytes skipped past an invalid sequence */
  iconv_t cd;
  int started;          /* text has been emitted (leading U+FEFF) */
  boiloff__buf pending; /* sniff window, or a character cut by a chunk */
  boiloff__buf out;
  unsigned long long offset; /* input offset of the first unconverted byte */
  unsigned long long invalid;
  unsigned long long error_offset;
};

static const char replacement[] = "\xEF\xBF\xBD";

static int is_utf8_name(const char *cs)
{
  const char *l = boiloff__charset_label(cs, strlen(cs));
  /* The label table also maps "utf-16" to UTF-8 (right for a meta tag,
   * wrong for a forced charset), so look at the name itself too. */
  return l && strcmp(l, "UTF-8") == 0 && (cs[0] | 0x20) == 'u' &&
         (cs[1] | 0x20) == 't' && (cs[2] | 0x20) == 'f' &&
         strstr(cs, "16") == NULL && strstr(cs, "32") == NULL;
}

static size_t unit_of(const char *cs)
{
  if (strstr(cs, "16") && ((cs[0] | 0x20) == 'u'))
    return 2; /* UTF-16*, UCS-2 is 2 too but rarely given */
  if (strstr(cs, "32") && ((cs[0] | 0x20) == 'u'))
    return 4;
  return 1;
}

/* Chooses the converter for `cs`.  BOILOFF_ERR_CHARSET when iconv does
 * not know it, BOILOFF_ERR_NOMEM when iconv_open runs out of memory. */
static boiloff_status open_charset(boiloff__decoder *d, const char *cs)
{
  d->charset = cs;
  d->unit = unit_of(cs);
  if (is_utf8_name(cs)) {
    d->use_iconv = 0;
    return BOILOFF_OK;
  }
  d->cd = iconv_open("UTF-8", cs);
  if (d->cd == (iconv_t)-1)
    return errno == ENOMEM ? BOILOFF_ERR_NOMEM : BOILOFF_ERR_CHARSET;
  d->use_iconv = 1;
  return BOILOFF_OK;
}

static void close_charset(boiloff__decoder *d)
{
  if (d->use_iconv && d->cd != (iconv_t)-1)
    iconv_close(d->cd);
  d->cd = (iconv_t)-1;
  d->use_iconv = 0;
}

static void start(boiloff__decoder *d)
{
  d->status = d->new_status;
  d->phase = d->from_code ? PH_CONVERT : PH_SNIFF;
  d->charset = NULL;
  d->started = 0;
  d->offset = d->invalid = d->error_offset = 0;
  if (d->from_code && d->status == BOILOFF_OK)
    d->status = open_charset(d, d->from_code);
}

boiloff__decoder *boiloff__decoder_new(const boiloff_allocator *a,
                                       const char *from_code, unsigned flags)
{
  boiloff__decoder *d;
  if (!a)
    a = &boiloff__default_allocator;
  d = boiloff__calloc(a, 1, sizeof *d);
  if (!d)
    return NULL;
  d->alloc = a;
  d->flags = flags;
  d->cd = (iconv_t)-1;
  boiloff__buf_init(&d->pending, a);
  boiloff__buf_init(&d->out, a);
  if (from_code && *from_code) {
    d->from_code = boiloff__strdup(a, from_code);
    if (!d->from_code) {
      boiloff__free(a, d);
      return NULL;
    }
  }
  /* An unknown forced charset is reported by the first feed or finish
   * (the constructor can only say "out of memory"); iconv is asked now so
   * that the answer is the same for every document after a reset. */
  start(d);
  if (d->status == BOILOFF_ERR_NOMEM) {
    boiloff__decoder_free(d);
    return NULL;
  }
  d->new_status = d->status == BOILOFF_ERR_CHARSET ? d->status : BOILOFF_OK;
  return d;
}

/* Appends U+FFFD for the invalid input at d->offset + at, or fails with
 * BOILOFF_ERR_ENCODING in strict mode. */
static boiloff_status invalid_at(boiloff__decoder *d, size_t at)
{
  if (d->flags & BOILOFF_OPT_STRICT) {
    d->error_offset = d->offset + at;
    return BOILOFF_ERR_ENCODING;
  }
  d->invalid++;
  return boiloff__buf_append(&d->out, replacement, 3);
}

/* Our UTF-8 path: validates, replaces invalid bytes and NUL.  Returns the
 * bytes consumed in *used (a character cut at the end is left unless
 * `final`). */
static boiloff_status conv_utf8(boiloff__decoder *d, const unsigned char *s,
                                size_t len, int final, size_t *used)
{
  size_t i = 0, end = final ? len : boiloff__utf8_complete_prefix(s, len);
  boiloff_status st;
  if ((st = boiloff__buf_reserve(&d->out, end + 3)) != BOILOFF_OK)
    return st;
  while (i < end) {
    size_t run = i + boiloff__ascii_run(s + i, end - i), n;
    uint32_t cp;
    if (run > i && (st = boiloff__buf_append(&d->out, (const char *)s + i,
                                             run - i)) != BOILOFF_OK)
      return st;
    if ((i = run) >= end)
      break;
    if (s[i] == 0) {
      /* NUL is valid UTF-8 but no use to anyone downstream; not an
       * encoding error, so strict mode lets it through as U+FFFD. */
      d->invalid++;
      st = boiloff__buf_append(&d->out, replacement, 3);
      i++;
    } else if ((n = boiloff__utf8_decode(s + i, end - i, &cp)) == 1) {
      st = invalid_at(d, i);
      i++;
    } else {
      st = boiloff__buf_append(&d->out, (const char *)s + i, n);
      i += n;
    }
    if (st != BOILOFF_OK) {
      *used = i;
      return st;
    }
  }
  *used = end;
  return BOILOFF_OK;
}

/* Replaces the NUL bytes iconv wrote at out[from..) by U+FFFD. */
static boiloff_status fix_nuls(boiloff__decoder *d, size_t from)
{
  size_t i;
  for (i = from; i < d->out.len; i++) {
    boiloff_status st;
    if (d->out.data[i] != '\0')
      continue;
    if ((st = boiloff__buf_reserve(&d->out, 2)) != BOILOFF_OK)
      return st;
    memmove(d->out.data + i + 3, d->out.data + i + 1, d->out.len - i - 1);
    memcpy(d->out.data + i, replacement, 3);
    d->out.len += 2;
    d->out.data[d->out.len] = '\0';
    d->invalid++;
    i += 2;
  }
  return BOILOFF_OK;
}

static boiloff_status conv_iconv(boiloff__decoder *d, const unsigned char *s,
                                 size_t len, int final, size_t *used)
{
  char *in = (char *)s;
  size_t inleft = len;
  boiloff_status st = BOILOFF_OK;
  *used = 0;
  while (inleft > 0) {
    size_t from = d->out.len, room, r;
    char *o;
    int err;
    if ((st = boiloff__buf_reserve(&d->out, inleft * 2 + 16)) != BOILOFF_OK)
      break;
    room = d->out.cap - d->out.len - 1;
    o = d->out.data + d->out.len;
    r = iconv(d->cd, &in, &inleft, &o, &room);
    err = errno; /* fix_nuls may allocate and clobber errno */
    d->out.len = (size_t)(o - d->out.data);
    d->out.data[d->out.len] = '\0';
    if ((st = fix_nuls(d, from)) != BOILOFF_OK)
      break;
    if (r != (size_t)-1)
      continue;
    if (err == E2BIG)
      continue; /* reserve grows the buffer on the next turn */
    if (err == EINVAL && !final)
      break; /* a character cut by the chunk: kept for the next feed */
    if (err == EINVAL) {
      /* Cut by the end of the document: one U+FFFD for the remnant. */
      st = invalid_at(d, (size_t)(in - (char *)s));
      if (st == BOILOFF_OK)
        inleft = 0, in = (char *)s + len;
      break;
    }
    if (err != EILSEQ) {
      st = BOILOFF_ERR_ENCODING; /* EBADF cannot happen: be safe */
      break;
    }
    if ((st = invalid_at(d, (size_t)(in - (char *)s))) != BOILOFF_OK)
      break;
    r = d->unit < inleft ? d->unit : inleft;
    in += r;
    inleft -= r;
  }
  *used = (size_t)(in - (char *)s);
  return st;
}

/* Converts s[0..len) with the chosen charset; what stays unconverted (a
 * cut character) is left in d->pending.  `s` may point into pending. */
static boiloff_status convert(boiloff__decoder *d, const char *s, size_t len,
                              int final)
{
  size_t used = 0;
  boiloff_status st;
  if (d->use_iconv)
    st = conv_iconv(d, (const unsigned char *)s, len, final, &used);
  else
    st = conv_utf8(d, (const unsigned char *)s, len, final, &used);
  d->offset += used;
  if (st != BOILOFF_OK)
    return st;
  if (s == d->pending.data) {
    boiloff__buf_consume(&d->pending, used);
    return BOILOFF_OK;
  }
  return boiloff__buf_append(&d->pending, s + used, len - used);
}

/* Settles the charset of the first window (pending) and converts it. */
static boiloff_status decide_first(boiloff__decoder *d, int final)
{
  const unsigned char *w = (const unsigned char *)d->pending.data;
  size_t len = d->pending.len, bom = 0;
  const char *cs = boiloff__charset_bom(w, len, &bom), *declared;
  int utf8;
  if (cs) {
    boiloff__buf_consume(&d->pending, bom);
    d->offset += bom;
  } else if (!(cs = boiloff__charset_wide(w, len))) {
    if (!(d->flags & BOILOFF_OPT_ALLOW_BINARY) &&
        boiloff__charset_is_binary(w, len))
      return BOILOFF_ERR_BINARY;
    utf8 = boiloff__charset_utf8_check(w, len, final);
    /* A declaration counts only when the window is not UTF-8. */
    declared = utf8 == 1 ? NULL
                         : boiloff__charset_declared(
                               w, len < DECLARED_MAX ? len : DECLARED_MAX);
    if (utf8 == 1)
      cs = "UTF-8"; /* valid multi-byte UTF-8 is no accident, whatever a
                       meta tag says (pages mislabelled latin1 abound) */
    else if (declared)
      cs = declared;
    else if (utf8 == 2) {
      d->phase = PH_ASCII;
      d->charset = "UTF-8";
      d->use_iconv = 0;
      return convert(d, d->pending.data, d->pending.len, final);
    } else if (!(cs = boiloff__charset_guess(w, len)))
      return BOILOFF_ERR_LIBRARY;
  }
  d->phase = PH_CONVERT;
  if (open_charset(d, cs) != BOILOFF_OK && open_charset(d, "WINDOWS-1252"))
    return BOILOFF_ERR_CHARSET; /* glibc always has windows-1252 */
  return convert(d, d->pending.data, d->pending.len, final);
}

/* Settles the charset of a window that starts at the first byte >= 0x80
 * after pure ASCII. */
static boiloff_status decide_again(boiloff__decoder *d, int final)
{
  const unsigned char *w = (const unsigned char *)d->pending.data;
  size_t len = d->pending.len;
  const char *cs = boiloff__charset_utf8_check(w, len, final) != 0
                       ? "UTF-8"
                       : boiloff__charset_guess(w, len);
  if (!cs)
    return BOILOFF_ERR_LIBRARY;
  d->phase = PH_CONVERT;
  if (open_charset(d, cs) != BOILOFF_OK && open_charset(d, "WINDOWS-1252"))
    return BOILOFF_ERR_CHARSET;
  return convert(d, d->pending.data, d->pending.len, final);
}

/* Adds input to the sniff window up to SNIFF_MAX; returns bytes taken. */
static boiloff_status fill(boiloff__decoder *d, const char *s, size_t len,
                           size_t *took)
{
  size_t room = SNIFF_MAX - d->pending.len;
  *took = len < room ? len : room;
  return boiloff__buf_append(&d->pending, s, *took);
}

static boiloff_status run(boiloff__decoder *d, const char *s, size_t len,
                          int final)
{
  boiloff_status st = BOILOFF_OK;
  size_t took, k;
  for (;;) {
    switch (d->phase) {
    case PH_SNIFF:
      if ((st = fill(d, s, len, &took)) != BOILOFF_OK)
        return st;
      s += took;
      len -= took;
      if (d->pending.len >= 4 || final) {
        size_t bom;
        /* A BOM needs no more bytes; the rest needs a full window. */
        if (boiloff__charset_bom((const unsigned char *)d->pending.data,
                                 d->pending.len, &bom) ||
            d->pending.len == SNIFF_MAX || final) {
          if ((st = decide_first(d, final && len == 0)) != BOILOFF_OK)
            return st;
          continue;
        }
      }
      return BOILOFF_OK;
    case PH_ASCII:
      for (k = 0; k < len && (unsigned char)s[k] < 0x80; k++)
        ;
      if ((st = convert(d, s, k, final)) != BOILOFF_OK)
        return st;
      if (k == len)
        return BOILOFF_OK;
      s += k;
      len -= k;
      d->phase = PH_RESNIFF;
      continue;
    case PH_RESNIFF:
      if ((st = fill(d, s, len, &took)) != BOILOFF_OK)
        return st;
      s += took;
      len -= took;
      if (d->pending.len == SNIFF_MAX || (final && len == 0)) {
        if ((st = decide_again(d, final && len == 0)) != BOILOFF_OK)
          return st;
        continue;
      }
      return BOILOFF_OK;
    case PH_CONVERT:
      if (d->pending.len > 0) {
        /* Finish the cut character (or the rest of the window) first. */
        if ((st = boiloff__buf_append(&d->pending, s, len)) != BOILOFF_OK)
          return st;
        return convert(d, d->pending.data, d->pending.len, final);
      }
      return len || final ? convert(d, s, len, final) : BOILOFF_OK;
    }
  }
}

static boiloff_status flush(boiloff__decoder *d, boiloff__text_fn fn,
                            void *user)
{
  const char *p = d->out.data;
  size_t n = d->out.len;
  boiloff_status st;
  if (n == 0)
    return BOILOFF_OK;
  if (!d->started) {
    d->started = 1;
    /* A BOM inside the text (forced charset, or a doubled BOM) is not
     * text. */
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
      p += 3;
      n -= 3;
    }
  }
  st = n ? fn(user, p, n) : BOILOFF_OK;
  boiloff__buf_clear(&d->out);
  return st;
}

static boiloff_status step(boiloff__decoder *d, const char *buf, size_t len,
                           int final, boiloff__text_fn fn, void *user)
{
  boiloff_status st;
  if (d->status != BOILOFF_OK)
    return d->status;
  do {
    size_t n = len < SLICE ? len : SLICE;
    st = run(d, buf, n, final && n == len);
    if (st == BOILOFF_OK || st == BOILOFF_ERR_ENCODING) {
      /* Text decoded before an encoding error still goes out. */
      boiloff_status fst = flush(d, fn, user);
      if (st == BOILOFF_OK)
        st = fst;
    }
    if (st != BOILOFF_OK) {
      d->status = st;
      return st;
    }
    buf += n;
    len -= n;
  } while (len > 0);
  return BOILOFF_OK;
}

boiloff_status boiloff__decoder_feed(boiloff__decoder *d, const char *buf,
                                     size_t len, boiloff__text_fn fn,
                                     void *user)
{
  if (!d || (!buf && len))
    return BOILOFF_ERR_ARG;
  return len ? step(d, buf, len, 0, fn, user) : d->status;
}

boiloff_status boiloff__decoder_finish(boiloff__decoder *d, boiloff__text_fn fn,
                                       void *user)
{
  boiloff_status st;
  if (!d)
    return BOILOFF_ERR_ARG;
  st = step(d, "", 0, 1, fn, user);
  if (st == BOILOFF_OK && !d->charset)
    d->charset = "UTF-8"; /* empty document */
  return st;
}

void boiloff__decoder_reset(boiloff__decoder *d)
{
  if (!d)
    return;
  close_charset(d);
  boiloff__buf_clear(&d->pending);
  boiloff__buf_clear(&d->out);
  start(d);
}

void boiloff__decoder_free(boiloff__decoder *d)
{
  if (!d)
    return;
  close_charset(d);
  boiloff__buf_free(&d->pending);
  boiloff__buf_free(&d->out);
  boiloff__free(d->alloc, d->from_code);
  boiloff__free(d->alloc, d);
}

const char *boiloff__decoder_charset(const boiloff__decoder *d)
{
  return d->charset;
}

unsigned long long boiloff__decoder_invalid(const boiloff__decoder *d)
{
  return d->invalid;
}

unsigned long long boiloff__decoder_error_offset(const boiloff__decoder *d)
{
  return d->error_offset;
}
