/* warc.c - reading and writing WARC records.
 *
 * A record is "WARC/1.x" CRLF, named fields each ending in CRLF, an empty
 * line, Content-Length bytes of block, then CRLF CRLF.  A record whose
 * bytes after the block are not CRLF CRLF has a wrong Content-Length: it
 * is rejected up to the next line that starts with "WARC/1.", which is
 * where the next record begins whether the length was too short or too
 * long. */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "warc.h"
#include "fnv.h"

#define HEADER_MAX 65536 /* a longer WARC header is not a header */

void warc_reader_init(struct warc_reader *r, struct rbuf *in, size_t max_block)
{
  memset(r, 0, sizeof *r);
  r->in = in;
  r->max_block = max_block;
}

int span_eq(struct span s, const char *t)
{
  size_t n = strlen(t);
  return s.n == n && strncasecmp(s.p, t, n) == 0;
}

static const char *S_find(const char *p, size_t n, const char *needle, size_t k)
{
  return n >= k ? memmem(p, n, needle, k) : NULL;
}

static enum warc_result S_bad(struct warc_reader *r, enum bad_kind kind,
                              const char *why)
{
  if (r->gap_why) { /* the real cause: a damaged gzip member */
    kind = BAD_GZIP;
    why = r->gap_why;
    r->gap_why = NULL;
  }
  r->bad = kind;
  snprintf(r->why, sizeof r->why, "%s", why);
  return WARC_BAD;
}

/* Rejects from start up to the next line beginning "WARC/1." at or after
 * offset `from` (relative to start), reading on as needed; at a gap or the
 * end of input everything before it goes.  1 when it stopped at a gap (the
 * record was cut by a damaged gzip member: the gap is taken, its damage
 * left in r->gap_why), 0, or -1 on a read error. */
static int S_reject_to_next(struct warc_reader *r, size_t from)
{
  struct rbuf *b = r->in;
  for (;;) {
    size_t avail = rbuf_avail(b);
    const char *base = b->data + b->start, *hit = NULL;
    if (from < avail)
      hit = S_find(base + from, avail - from, "\nWARC/1.", 8);
    if (hit) {
      rbuf_reject(b, (size_t)(hit - base) + 1);
      return 0;
    }
    if (avail > 8) { /* keep a tail that may start the marker */
      rbuf_reject(b, avail - 8);
      from = 0;
    }
    switch (rbuf_fill(b)) {
    case 1:
      continue;
    case -1:
      return -1;
    default:
      rbuf_reject(b, rbuf_avail(b));
      return (r->gap_why = rbuf_take_gap(b)) != NULL ? 1 : 0;
    }
  }
}

/* S_reject_to_next; a damaged member met on the way is left in
 * r->gap_why, and S_bad then reports it as the cause.  0 or -1. */
static int S_reject_gap(struct warc_reader *r, size_t from)
{
  return S_reject_to_next(r, from) < 0 ? -1 : 0;
}

/* Streams n bytes (of an over-large record) to the rejects.  1 when all
 * came, 0 when the input ended first, -1 on error. */
static int S_reject_n(struct warc_reader *r, unsigned long long n)
{
  struct rbuf *b = r->in;
  while (n) {
    size_t avail = rbuf_avail(b), k = avail < n ? avail : (size_t)n;
    rbuf_reject(b, k);
    n -= k;
    if (n) {
      int f = rbuf_fill(b);
      if (f <= 0)
        return f;
    }
  }
  return 1;
}

/* Parses the header at base[0..hlen) into rec; -1 when Content-Length is
 * missing or malformed. */
static int S_parse_header(const char *base, size_t hlen,
                          struct warc_record *rec, unsigned long long *clen)
{
  const char *p = memchr(base, '\n', hlen), *end = base + hlen;
  int have_len = 0;
  while (p && ++p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p)), *colon, *v, *ve;
    struct span name, value;
    if (!eol)
      eol = end;
    colon = memchr(p, ':', (size_t)(eol - p));
    if (colon && *p != ' ' && *p != '\t') {
      name.p = p;
      name.n = (size_t)(colon - p);
      for (v = colon + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
        ;
      for (ve = eol; ve > v && isspace((unsigned char)ve[-1]); ve--)
        ;
      value.p = v;
      value.n = (size_t)(ve - v);
      if (span_eq(name, "WARC-Type"))
        rec->type = value;
      else if (span_eq(name, "WARC-Target-URI"))
        rec->uri = value;
      else if (span_eq(name, "WARC-Record-ID"))
        rec->id = value;
      else if (span_eq(name, "WARC-Date"))
        rec->date = value;
      else if (span_eq(name, "Content-Type"))
        rec->content_type = value;
      else if (span_eq(name, "Content-Length")) {
        unsigned long long n = 0;
        const char *d;
        if (value.n == 0 || value.n > 19)
          return -1;
        for (d = value.p; d < value.p + value.n; d++) {
          if (*d < '0' || *d > '9')
            return -1;
          n = n * 10 + (unsigned)(*d - '0');
        }
        *clen = n;
        have_len = 1;
      }
    }
    p = eol;
  }
  return have_len ? 0 : -1;
}

enum warc_result warc_next(struct warc_reader *r, struct warc_record *rec)
{
  struct rbuf *b = r->in;
  const char *base, *hend;
  size_t hlen, avail;
  unsigned long long clen = 0;
  const char *gap;
  int f;

  rbuf_consume(b, r->consume);
  r->consume = 0;
  memset(rec, 0, sizeof *rec);
  for (;;) { /* blank lines between records are tolerated */
    while (rbuf_avail(b) &&
           (b->data[b->start] == '\r' || b->data[b->start] == '\n'))
      rbuf_consume(b, 1);
    if (rbuf_avail(b))
      break;
    if ((gap = rbuf_take_gap(b)) != NULL)
      return S_bad(r, BAD_GZIP, gap); /* a member lost whole */
    if ((f = rbuf_fill(b)) < 0)
      return WARC_ERROR;
    if (f == 0 && !rbuf_avail(b) && b->gap == (size_t)-1)
      return WARC_EOF;
  }
  /* The header, up to its empty line. */
  for (;;) {
    avail = rbuf_avail(b);
    base = b->data + b->start;
    if (avail >= 5 && memcmp(base, "WARC/", 5) != 0) {
      if (S_reject_gap(r, 0) != 0)
        return WARC_ERROR;
      return S_bad(r, BAD_HEADER,
                   "no WARC header (record skipped to the next one)");
    }
    if ((hend = S_find(base, avail < HEADER_MAX ? avail : HEADER_MAX,
                       "\r\n\r\n", 4)) != NULL)
      break;
    if (avail >= HEADER_MAX) {
      if (S_reject_gap(r, 1) != 0)
        return WARC_ERROR;
      return S_bad(r, BAD_HEADER,
                   "WARC header without an end (record skipped)");
    }
    if ((f = rbuf_fill(b)) < 0)
      return WARC_ERROR;
    if (f == 0) {
      int at_gap = b->gap != (size_t)-1;
      const char *why = b->gap_why;
      rbuf_reject(b, rbuf_avail(b));
      rbuf_take_gap(b);
      if (at_gap)
        return S_bad(r, BAD_GZIP, why ? why : "damaged gzip member");
      return S_bad(r, avail >= 5 ? BAD_LENGTH : BAD_HEADER,
                   "truncated record (the input ends in its header)");
    }
  }
  hlen = (size_t)(hend - base) + 4;
  if (S_parse_header(base, hlen, rec, &clen) != 0) {
    if (S_reject_gap(r, hlen) != 0)
      return WARC_ERROR;
    return S_bad(r, BAD_HEADER, "WARC header without a valid Content-Length");
  }
  if (clen > r->max_block) {
    char msg[160];
    snprintf(msg, sizeof msg, "record of %llu bytes is larger than --max-size",
             clen);
    if ((f = S_reject_n(r, hlen + clen)) < 0)
      return WARC_ERROR;
    if (f == 1) { /* and its CRLF CRLF, when it is there */
      while (rbuf_avail(b) < 4 && rbuf_fill(b) > 0)
        ;
      if (rbuf_avail(b) >= 4 && memcmp(b->data + b->start, "\r\n\r\n", 4) == 0)
        rbuf_reject(b, 4);
    }
    return S_bad(r, BAD_TOO_LARGE, msg);
  }
  /* The block and its trailer. */
  while (rbuf_avail(b) < hlen + clen + 4) {
    if ((f = rbuf_fill(b)) < 0)
      return WARC_ERROR;
    if (f == 0)
      break;
  }
  avail = rbuf_avail(b);
  base = b->data + b->start;
  if (avail < hlen + clen + 4 ||
      memcmp(base + hlen + clen, "\r\n\r\n", 4) != 0) {
    if (S_reject_gap(r, hlen) != 0)
      return WARC_ERROR;
    return S_bad(r, BAD_LENGTH,
                 avail < hlen + clen + 4
                     ? "record shorter than its Content-Length (truncated?)"
                     : "Content-Length does not match the record");
  }
  /* A gzip member's CRC is checked at its end: a damaged member right
   * after the record that gave some of its bytes means the record itself
   * was damaged.  One damaged from its start (it gave nothing) is the
   * next record's loss, not this one's. */
  f = 0;
  while (rbuf_avail(b) == hlen + clen + 4 && (f = rbuf_fill(b)) > 0)
    ;
  if (f < 0)
    return WARC_ERROR;
  if (rbuf_spoiled_by_gap(b, hlen + clen + 4)) {
    const char *why = b->gap_why;
    rbuf_reject(b, hlen + clen + 4);
    rbuf_take_gap(b);
    return S_bad(r, BAD_GZIP, why ? why : "damaged gzip member");
  }
  base = b->data + b->start;
  /* Reading on may have moved the window: the fields again, from here. */
  memset(rec, 0, sizeof *rec);
  S_parse_header(base, hlen, rec, &clen);
  rec->block = base + hlen;
  rec->block_len = (size_t)clen;
  rec->raw = base;
  rec->raw_len = hlen + (size_t)clen + 4;
  r->consume = rec->raw_len;
  return WARC_RECORD;
}

/* ---- writing ------------------------------------------------------------ */

static int S_put_field(FILE *f, const char *name, struct span v)
{
  if (!v.n)
    return 0;
  return fprintf(f, "%s: %.*s\r\n", name, (int)v.n, v.p) < 0 ? -1 : 0;
}

static int S_record_id(char *out, size_t size, struct span seed,
                       const char *text, size_t len)
{
  /* FNV-1a: ids that are the same on every run (outputs stay
   * byte-identical) yet differ between records. */
  uint64_t a = boiloff__fnv1a(BOILOFF__FNV_OFFSET, seed.p, seed.n);
  uint64_t c = boiloff__fnv1a(
      boiloff__fnv1a(a ^ 0x9e3779b97f4a7c15ULL, "boiloff", 7), text, len);
  a = boiloff__fnv1a(a, text, len);
  /* an RFC 9562 version 8 (custom) UUID */
  return snprintf(out, size, "<urn:uuid:%08x-%04x-8%03x-%04x-%012llx>",
                  (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
                  (unsigned)a & 0xfff, (unsigned)((c >> 48) & 0x3fff) | 0x8000,
                  (unsigned long long)(c & 0xffffffffffffULL));
}

static void S_now(char *out, size_t size)
{
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int warc_write_info(FILE *f, const char *software)
{
  char body[256], id[80], date[32];
  struct span s = {software, strlen(software)};
  int n =
      snprintf(body, sizeof body,
               "software: %s\r\nformat: WARC File Format 1.0\r\n", software);
  S_record_id(id, sizeof id, s, body, (size_t)n);
  S_now(date, sizeof date);
  fprintf(f,
          "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: %s\r\n"
          "WARC-Record-ID: %s\r\nContent-Type: application/warc-fields\r\n"
          "Content-Length: %d\r\n\r\n%s\r\n\r\n",
          date, id, n, body);
  return ferror(f) ? -1 : 0;
}

int warc_write_conversion(FILE *f, struct span uri, struct span date,
                          struct span refers_to, const char *text, size_t len)
{
  char id[80];
  S_record_id(id, sizeof id, refers_to.n ? refers_to : uri, text, len);
  fputs("WARC/1.0\r\nWARC-Type: conversion\r\n", f);
  S_put_field(f, "WARC-Target-URI", uri);
  S_put_field(f, "WARC-Date", date);
  fprintf(f, "WARC-Record-ID: %s\r\n", id);
  S_put_field(f, "WARC-Refers-To", refers_to);
  fprintf(f, "Content-Type: text/plain\r\nContent-Length: %zu\r\n\r\n", len);
  if (len)
    fwrite(text, 1, len, f);
  fputs("\r\n\r\n", f);
  return ferror(f) ? -1 : 0;
}
