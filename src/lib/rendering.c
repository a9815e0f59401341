/* rendering.c - a page's blocks as bytes, and back (rendering.h). */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "html.h"
#include "rendering.h"
#include "utf8.h"

/* The format's name and version: bytes of another kind, or of another
 * version of the format, are refused. */
static const char MAGIC[8] = {'b', 'o', 'r', 'e', 'c', '4', '\n', '\0'};

enum { ENTRY_BLOCK = 'B', ENTRY_END = 'E' };
enum { READ_HEADER, READ_BLOCKS, READ_ENDED };

/* Block: type, continued, flags, families, level, containers, link
 * density, length. */
#define BLOCK_HEAD (1 + 1 + 4 + 4 + 4 + 4 + 4 + 8 + 8)
/* End: type, bytes in, invalid sequences, first error's offset. */
#define END_SIZE (1 + 8 + 8 + 8)
/* Header: magic, strict, told, line cap, document limit, charset's
 * length. */
#define HEADER_HEAD (8 + 4 + 4 + 8 + 8 + 4)
#define KNOWN_HINTS ((BOILOFF__HINT_NOSCRIPT << 1) - 1)

/* The front-end options a rendering's blocks depend on.  `told`: what the
 * context was told that makes a page HTML, or readable, whatever it holds
 * (BOILOFF_OPT_HTML, BOILOFF_OPT_ALLOW_BINARY); a rendering made so is
 * not the page's for a context that must find these out from the page. */
typedef struct front_end {
  uint32_t strict, told;
  uint64_t max_line, max_document;
  const char *from_code;
  uint32_t from_code_len;
} front_end;

static front_end S_front_end(const boiloff_options *o)
{
  front_end f;
  f.strict = (o->flags & BOILOFF_OPT_STRICT) != 0;
  f.told = o->flags & (BOILOFF_OPT_HTML | BOILOFF_OPT_ALLOW_BINARY);
  f.max_line = boiloff__html_line_cap(o);
  f.max_document = o->max_document_bytes;
  f.from_code = o->from_code ? o->from_code : "";
  f.from_code_len = (uint32_t)strlen(f.from_code);
  return f;
}

static unsigned char *S_put(unsigned char *p, const void *v, size_t n)
{
  memcpy(p, v, n);
  return p + n;
}

static const unsigned char *S_get(const unsigned char *p, void *v, size_t n)
{
  memcpy(v, p, n);
  return p + n;
}

static void S_write(boiloff__rendering_writer *w, const void *data, size_t n)
{
  if (!w->failed && n && w->write(w->user, data, n) != 0)
    w->failed = 1;
}

static void S_header(boiloff__rendering_writer *w, const boiloff_options *opts)
{
  unsigned char head[HEADER_HEAD], *p = head;
  front_end f = S_front_end(opts);
  if (w->started)
    return;
  w->started = 1;
  p = S_put(p, MAGIC, sizeof MAGIC);
  p = S_put(p, &f.strict, 4);
  p = S_put(p, &f.told, 4);
  p = S_put(p, &f.max_line, 8);
  p = S_put(p, &f.max_document, 8);
  S_put(p, &f.from_code_len, 4);
  S_write(w, head, sizeof head);
  S_write(w, f.from_code, f.from_code_len);
}

void boiloff__rendering_begin(boiloff__rendering_writer *w)
{
  w->started = 0;
  w->failed = 0;
}

void boiloff__rendering_block(boiloff__rendering_writer *w,
                              const boiloff_options *opts, const char *text,
                              size_t len, int continued,
                              const boiloff__block_hint *hint)
{
  unsigned char head[BLOCK_HEAD], *p = head;
  boiloff__block_hint none;
  uint32_t flags, families, level, container, container2;
  uint64_t n = len;
  if (!w->write || w->failed)
    return;
  if (!hint) {
    memset(&none, 0, sizeof none);
    hint = &none;
  }
  flags = hint->flags;
  families = hint->class_families;
  level = hint->heading_level;
  container = hint->container;
  container2 = hint->container2;
  S_header(w, opts);
  *p++ = ENTRY_BLOCK;
  *p++ = continued ? 1 : 0;
  p = S_put(p, &flags, 4);
  p = S_put(p, &families, 4);
  p = S_put(p, &level, 4);
  p = S_put(p, &container, 4);
  p = S_put(p, &container2, 4);
  p = S_put(p, &hint->link_density, 8);
  S_put(p, &n, 8);
  S_write(w, head, sizeof head);
  S_write(w, text, len);
}

void boiloff__rendering_end(boiloff__rendering_writer *w,
                            const boiloff_options *opts,
                            unsigned long long bytes_in,
                            unsigned long long invalid,
                            unsigned long long error_offset)
{
  unsigned char end[END_SIZE], *p = end;
  uint64_t v[3];
  if (!w->write || w->failed)
    return;
  S_header(w, opts);
  v[0] = bytes_in;
  v[1] = invalid;
  v[2] = error_offset;
  *p++ = ENTRY_END;
  S_put(p, v, sizeof v);
  S_write(w, end, sizeof end);
}

void boiloff__rendering_reader_init(boiloff__rendering_reader *r,
                                    const boiloff_allocator *a)
{
  memset(r, 0, sizeof *r);
  boiloff__buf_init(&r->pending, a);
}

void boiloff__rendering_reader_reset(boiloff__rendering_reader *r)
{
  boiloff__buf_clear(&r->pending);
  r->state = READ_HEADER;
  r->bytes_in = r->invalid = r->error_offset = 0;
}

void boiloff__rendering_reader_free(boiloff__rendering_reader *r)
{
  boiloff__buf_free(&r->pending);
}

/* The header at p (n bytes there): its size when whole and made with
 * these options, 0 when more bytes are needed, -1 when it is not. */
static long S_read_header(const unsigned char *p, size_t n, front_end want)
{
  front_end got;
  if (n < HEADER_HEAD)
    return memcmp(p, MAGIC, n < sizeof MAGIC ? n : sizeof MAGIC) ? -1 : 0;
  if (memcmp(p, MAGIC, sizeof MAGIC) != 0)
    return -1;
  p += sizeof MAGIC;
  p = S_get(p, &got.strict, 4);
  p = S_get(p, &got.told, 4);
  p = S_get(p, &got.max_line, 8);
  p = S_get(p, &got.max_document, 8);
  p = S_get(p, &got.from_code_len, 4);
  if (got.strict != want.strict || (got.told & ~want.told) != 0 ||
      got.max_line != want.max_line || got.max_document != want.max_document ||
      got.from_code_len != want.from_code_len)
    return -1;
  if (n - HEADER_HEAD < got.from_code_len)
    return 0;
  if (memcmp(p, want.from_code, got.from_code_len) != 0)
    return -1;
  return (long)(HEADER_HEAD + got.from_code_len);
}

/* Is this a block's text as the front end gives it: UTF-8 without NUL,
 * CR or LF?  What callers are promised of every block.  (The <title>,
 * passed apart and never given out, is taken as it comes: the front end
 * cuts it at a byte count.) */
static int S_text_ok(const unsigned char *s, size_t n)
{
  size_t i = 0;
  if (memchr(s, '\n', n) || memchr(s, '\r', n))
    return 0;
  while (i < n) {
    uint32_t cp;
    size_t k;
    i += boiloff__ascii_run(s + i, n - i);
    if (i == n)
      break;
    if (!s[i])
      return 0;
    k = boiloff__utf8_decode(s + i, n - i, &cp);
    if (k == 1 && s[i] >= 0x80) /* an invalid sequence */
      return 0;
    i += k;
  }
  return 1;
}

/* The entries whole in p[0..n): passed on; how many bytes they took in
 * *used.  BOILOFF_ERR_ARG for bytes that are not entries. */
static boiloff_status S_read_entries(boiloff__rendering_reader *r,
                                     const boiloff_options *opts,
                                     const unsigned char *p, size_t n,
                                     size_t *used, boiloff__html_block_fn fn,
                                     void *user)
{
  size_t at = 0;
  front_end want = S_front_end(opts);
  boiloff_status st = BOILOFF_OK;

  while (st == BOILOFF_OK && at < n) {
    const unsigned char *q = p + at;
    size_t left = n - at;
    if (r->state == READ_HEADER) {
      long h = S_read_header(q, left, want);
      if (h < 0)
        return BOILOFF_ERR_ARG;
      if (h == 0)
        break;
      r->state = READ_BLOCKS;
      at += (size_t)h;
    } else if (r->state == READ_ENDED) {
      return BOILOFF_ERR_ARG; /* bytes after the end */
    } else if (q[0] == ENTRY_END) {
      uint64_t v[3];
      if (left < END_SIZE)
        break;
      S_get(q + 1, v, sizeof v);
      r->bytes_in = v[0];
      r->invalid = v[1];
      r->error_offset = v[2];
      r->state = READ_ENDED;
      at += END_SIZE;
    } else if (q[0] == ENTRY_BLOCK) {
      boiloff__block_hint hint;
      uint32_t flags, families, level, container, container2;
      uint64_t len;
      int continued;
      if (left < BLOCK_HEAD)
        break;
      continued = q[1];
      q = S_get(q + 2, &flags, 4);
      q = S_get(q, &families, 4);
      q = S_get(q, &level, 4);
      q = S_get(q, &container, 4);
      q = S_get(q, &container2, 4);
      q = S_get(q, &hint.link_density, 8);
      q = S_get(q, &len, 8);
      if (continued > 1 || (flags & ~(uint32_t)KNOWN_HINTS) || level > 6 ||
          !(hint.link_density >= 0.0 && hint.link_density <= 1.0) ||
          len > ((flags & BOILOFF__HINT_TITLE) ? BOILOFF__HTML_TITLE_BYTES
                                               : want.max_line))
        return BOILOFF_ERR_ARG;
      if (left - BLOCK_HEAD < len)
        break;
      if (!(flags & BOILOFF__HINT_TITLE) && !S_text_ok(q, len))
        return BOILOFF_ERR_ARG;
      hint.flags = flags;
      hint.class_families = families;
      hint.heading_level = level;
      hint.container = container;
      hint.container2 = container2;
      st = fn(user, (const char *)q, (size_t)len, continued, &hint);
      at += BLOCK_HEAD + (size_t)len;
    } else {
      return BOILOFF_ERR_ARG;
    }
  }
  *used = at;
  return st;
}

boiloff_status boiloff__rendering_read(boiloff__rendering_reader *r,
                                       const boiloff_options *opts,
                                       const char *buf, size_t n,
                                       boiloff__html_block_fn fn, void *user)
{
  boiloff_status st;
  size_t used = 0;

  if (r->pending.len) { /* an entry began in an earlier piece */
    size_t need = r->pending.len, take;
    /* Whole entries are read where they lie; only a piece's tail is kept.
     * No entry is longer than a header with its charset, a block or the
     * title. */
    front_end f = S_front_end(opts);
    size_t fixed =
        HEADER_HEAD + f.from_code_len + BLOCK_HEAD + BOILOFF__HTML_TITLE_BYTES;
    size_t longest =
        f.max_line > SIZE_MAX - fixed ? SIZE_MAX : fixed + (size_t)f.max_line;
    take = n < longest ? n : longest;
    if ((st = boiloff__buf_append(&r->pending, buf, take)) != BOILOFF_OK)
      return st;
    st = S_read_entries(r, opts, (const unsigned char *)r->pending.data,
                        r->pending.len, &used, fn, user);
    if (st != BOILOFF_OK)
      return st;
    if (used < need) { /* still not whole: all of take is pending */
      if (take < n)    /* cannot be: an entry is shorter than that */
        return BOILOFF_ERR_ARG;
      boiloff__buf_consume(&r->pending, used);
      return BOILOFF_OK;
    }
    /* The pending entry, and maybe more, came whole: go on in buf. */
    used -= need;
    boiloff__buf_clear(&r->pending);
    buf += used;
    n -= used;
  }
  st = S_read_entries(r, opts, (const unsigned char *)buf, n, &used, fn, user);
  if (st != BOILOFF_OK)
    return st;
  return boiloff__buf_append(&r->pending, buf + used, n - used);
}

boiloff_status boiloff__rendering_read_end(const boiloff__rendering_reader *r)
{
  return r->state == READ_ENDED && !r->pending.len ? BOILOFF_OK
                                                   : BOILOFF_ERR_ARG;
}
