/* records.c - cleaning WARC, WET and JSON Lines record by record.
 *
 * The reader (warc.c or jsonl.c over rbuf.c over gzread.c) hands over one
 * whole record at a time, so memory is bounded by the largest record held
 * (at most --max-size).  Each record's page goes through a context made
 * for its kind (text for WET, HTML for a WARC response), its charset (from
 * the HTTP Content-Type) and its site (the host of its URL); the kept text
 * is written by output.c's text format, exactly as the plain filter
 * writes it, and then wrapped in a JSON line or a WET record. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <zlib.h>

#include "gzread.h"
#include "jsonl.h"
#include "output.h"
#include "rbuf.h"
#include "records.h"
#include "signals.h"
#include "util.h"
#include "warc.h"

#define DEFAULT_MAX_RECORD ((size_t)1 << 30)

const char *const records_bad_names[BAD_KINDS] = {
    "damaged_gzip", "bad_length", "missing_header", "too_large",
    "bad_json",     "bad_field",  "clean_failed"};

unsigned long long records_bad_total(const struct records_counts *c)
{
  unsigned long long t = 0;
  int k;
  for (k = 0; k < BAD_KINDS; k++)
    t += c->bad[k];
  return t;
}

enum records_kind records_detect(const char *p, size_t n)
{
  if (n >= 5 && memcmp(p, "WARC/", 5) == 0)
    return RECORDS_WARC;
  if (gzread_is_gzip(p, n)) {
    unsigned char head[8];
    z_stream zs;
    int ok;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
      return RECORDS_NONE;
    zs.next_in = (unsigned char *)p;
    zs.avail_in = (uInt)n;
    zs.next_out = head;
    zs.avail_out = sizeof head;
    inflate(&zs, Z_SYNC_FLUSH);
    ok = sizeof head - zs.avail_out >= 5 && memcmp(head, "WARC/", 5) == 0;
    inflateEnd(&zs);
    return ok ? RECORDS_WARC : RECORDS_NONE;
  }
  return RECORDS_NONE;
}

static int S_ends(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *const warc_suffixes[] = {".warc", ".warc.gz", ".wet",
                                            ".wet.gz"};

static int S_warc_name(const char *name)
{
  size_t i;
  for (i = 0; i < sizeof warc_suffixes / sizeof *warc_suffixes; i++)
    if (S_ends(name, warc_suffixes[i]))
      return 1;
  return 0;
}

/* Can a name that `glob` matches end in a WARC suffix?  A match ends in
 * the glob's literal tail (after its last wildcard, class or escape), so
 * a tail that neither ends in a suffix nor is a suffix's end rules it
 * out; no tail rules out nothing. */
static int S_glob_may_match_warc(const char *glob)
{
  size_t n = strlen(glob), t = n, i;
  while (t > 0 && !strchr("*?[]\\", glob[t - 1]))
    t--;
  if (t == n)
    return 1;
  for (i = 0; i < sizeof warc_suffixes / sizeof *warc_suffixes; i++)
    if (S_ends(glob + t, warc_suffixes[i]) ||
        S_ends(warc_suffixes[i], glob + t))
      return 1;
  return 0;
}

int records_may_list(const struct cli_options *o)
{
  size_t i;
  if (o->warc || o->jsonl)
    return 1;
  for (i = 0; i < o->nincludes; i++)
    if (S_glob_may_match_warc(o->includes[i]))
      return 1;
  return 0;
}

enum records_kind records_kind_of_name(const struct cli_options *o,
                                       const char *name)
{
  if (o->jsonl)
    return RECORDS_JSONL;
  if (o->warc || S_warc_name(name))
    return RECORDS_WARC;
  return RECORDS_NONE;
}

int records_default_include(const struct cli_options *o, const char *name)
{
  if (o->jsonl)
    return S_ends(name, ".jsonl") || S_ends(name, ".jsonl.gz");
  return S_warc_name(name);
}

char *records_output_rel(const struct cli_options *o, const char *rel)
{
  size_t n = strlen(rel);
  char *out = malloc(n + 7);
  if (!out)
    return NULL;
  memcpy(out, rel, n + 1);
  if (S_ends(out, ".gz"))
    out[n -= 3] = '\0';
  if (o->format != FORMAT_WET && !S_ends(out, ".jsonl"))
    memcpy(out + n, ".jsonl", 7);
  return out;
}

void records_site_of_url(const char *url, size_t n, char *out, size_t size)
{
  const char *p = url, *end = url + n, *s, *host, *hend;
  size_t k = 0;
  s = n >= 3 ? memmem(url, n, "://", 3) : NULL;
  host = s ? s + 3 : p;
  for (hend = host; hend < end && *hend != '/' && *hend != '?' && *hend != '#';
       hend++)
    if (*hend == '@')
      host = hend + 1; /* user info */
  for (s = host; s < hend && k + 1 < size; s++) {
    if (*s == ':' && memchr(s, ']', (size_t)(hend - s)) == NULL)
      break; /* port (not inside an IPv6 literal) */
    out[k++] = (char)tolower((unsigned char)*s);
  }
  while (k && out[k - 1] == '.')
    k--;
  out[k] = '\0';
}

/* ---- one record's page through a context -------------------------------- */

struct cleaner {
  const struct cli_options *o;
  const boiloff_profile *profile;
  boiloff_ctx *ctx;
  unsigned ctx_flags;
  char ctx_site[256], ctx_charset[64];
  /* the text, written by output.c into a memory stream */
  FILE *mem;
  char *mem_buf;
  size_t mem_size;
  struct output text;
  int count_words;
  unsigned long long words_kept, words_dropped;
  char *piece; /* a kept rendering is read through it */
};

#define KEPT_PIECE (64 * 1024)

static unsigned long long S_words(const char *s, size_t n)
{
  unsigned long long w = 0;
  int in = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
    w += !sp && !in;
    in = !sp;
  }
  return w;
}

static int S_block(void *user, const boiloff_block *b)
{
  struct cleaner *cl = user;
  if (cl->count_words) {
    if (b->label == BOILOFF_CONTENT)
      cl->words_kept += S_words(b->text, b->len);
    else
      cl->words_dropped += S_words(b->text, b->len);
  }
  return output_block(&cl->text, b) != 0;
}

static int S_cleaner_init(struct cleaner *cl, const struct cli_options *o,
                          const boiloff_profile *profile)
{
  memset(cl, 0, sizeof *cl);
  cl->o = o;
  cl->profile = profile;
  cl->count_words = o->jsonl_stats;
  if (!(cl->mem = open_memstream(&cl->mem_buf, &cl->mem_size)))
    return -1;
  output_init(&cl->text, cl->mem, FORMAT_TEXT);
  return 0;
}

static void S_cleaner_free(struct cleaner *cl)
{
  boiloff_free(cl->ctx);
  free(cl->piece);
  output_free(&cl->text);
  if (cl->mem)
    fclose(cl->mem);
  free(cl->mem_buf);
}

/* Where a page's rendering was kept (spill.h), if it was. */
struct kept {
  int fd;
  unsigned long long off, len;
};

/* Feeds the kept rendering to the context, a piece at a time; BOILOFF_OK,
 * the library's status, or BOILOFF_ERR_IO when it cannot be read. */
static boiloff_status S_feed_kept(struct cleaner *cl, const struct kept *k)
{
  unsigned long long at = k->off, left = k->len;
  boiloff_status st = BOILOFF_OK;
  if (!cl->piece && !(cl->piece = malloc(KEPT_PIECE)))
    return BOILOFF_ERR_NOMEM;
  while (st == BOILOFF_OK && left) {
    size_t want = left < KEPT_PIECE ? (size_t)left : KEPT_PIECE;
    ssize_t got = pread(k->fd, cl->piece, want, (off_t)at);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return BOILOFF_ERR_IO;
    st = boiloff_feed_rendering(cl->ctx, cl->piece, (size_t)got);
    at += (unsigned long long)got;
    left -= (unsigned long long)got;
  }
  return st;
}

/* Was the page just cleaned from a rendering made of n bytes? */
static int S_rendering_of(const boiloff_ctx *ctx, size_t n)
{
  boiloff_stats stats = {.size = sizeof stats};
  return boiloff_get_stats(ctx, &stats) == BOILOFF_OK && stats.bytes_in == n;
}

/* Cleans one page, from its rendering when one was kept; *text and *len
 * are the kept text (valid until the next call).  Returns the library's
 * status (BOILOFF_ERR_NOMEM also when the text cannot be held). */
static boiloff_status S_clean_page(struct cleaner *cl, const char *p, size_t n,
                                   unsigned flags, const char *charset,
                                   const char *site, const struct kept *kept,
                                   const char **text, size_t *len)
{
  boiloff_status st = BOILOFF_ERR_ARG;
  long pos;
  if (!cl->ctx || cl->ctx_flags != flags || strcmp(cl->ctx_site, site) != 0 ||
      strcmp(cl->ctx_charset, charset ? charset : "") != 0) {
    boiloff_options lo = cl->o->lib;
    lo.flags = flags;
    lo.from_code = charset;
    lo.profile = cl->profile;
    lo.site = site;
    boiloff_free(cl->ctx);
    cl->ctx = boiloff_new(&lo, S_block, cl);
    if (!cl->ctx)
      return BOILOFF_ERR_NOMEM;
    cl->ctx_flags = flags;
    snprintf(cl->ctx_site, sizeof cl->ctx_site, "%s", site);
    snprintf(cl->ctx_charset, sizeof cl->ctx_charset, "%s",
             charset ? charset : "");
  }
  for (int from_kept = kept != NULL; from_kept >= 0; from_kept--) {
    rewind(cl->mem);
    cl->text.error = 0;
    cl->words_kept = cl->words_dropped = 0;
    output_begin(&cl->text, NULL);
    if (from_kept) {
      st = S_feed_kept(cl, kept);
    } else {
      st = boiloff_feed(cl->ctx, p, n);
    }
    if (st == BOILOFF_OK)
      st = boiloff_finish(cl->ctx);
    output_end(&cl->text);
    /* (records are matched to frames by their place in the file: a
     * rendering of another byte count is of another record, never used) */
    if (from_kept && st == BOILOFF_OK && !S_rendering_of(cl->ctx, n))
      st = BOILOFF_ERR_ARG;
    if (!from_kept || (st != BOILOFF_ERR_ARG && st != BOILOFF_ERR_IO))
      break;
    /* the rendering could not be read back: the page is parsed */
    boiloff_reset(cl->ctx);
  }
  if (st == BOILOFF_OK && cl->text.error)
    st = BOILOFF_ERR_NOMEM;
  pos = ftell(cl->mem);
  *text = cl->mem_buf;
  *len = pos > 0 ? (size_t)pos : 0;
  return st;
}

/* ---- HTTP responses ----------------------------------------------------- */

struct http {
  struct span content_type, charset, transfer_encoding, content_encoding;
  const char *body;
  size_t body_len;
};

/* Parses an HTTP response (status line, headers, empty line); -1 when the
 * block is not one. */
static int S_parse_http(const char *p, size_t n, struct http *h)
{
  const char *end = p + n, *line = p, *eol;
  memset(h, 0, sizeof *h);
  if (n < 5 || memcmp(p, "HTTP/", 5) != 0)
    return -1;
  for (;;) {
    const char *colon, *v, *ve;
    eol = memchr(line, '\n', (size_t)(end - line));
    if (!eol)
      return -1;
    if (line != p) {
      if (eol == line || (eol == line + 1 && *line == '\r'))
        break; /* the empty line */
      colon = memchr(line, ':', (size_t)(eol - line));
      if (colon) {
        struct span name = {line, (size_t)(colon - line)}, value;
        for (v = colon + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
          ;
        for (ve = eol; ve > v && isspace((unsigned char)ve[-1]); ve--)
          ;
        value.p = v;
        value.n = (size_t)(ve - v);
        if (span_eq(name, "Content-Type"))
          h->content_type = value;
        else if (span_eq(name, "Transfer-Encoding"))
          h->transfer_encoding = value;
        else if (span_eq(name, "Content-Encoding"))
          h->content_encoding = value;
      }
    }
    line = eol + 1;
  }
  h->body = eol + 1;
  h->body_len = (size_t)(end - h->body);
  if (h->content_type.n) { /* charset=NAME or charset="NAME" */
    const char *c = h->content_type.p, *ce = c + h->content_type.n;
    for (; c + 8 <= ce; c++)
      if (strncasecmp(c, "charset=", 8) == 0) {
        const char *s = c + 8, *e;
        if (s < ce && *s == '"')
          s++;
        for (e = s; e < ce && *e != '"' && *e != ';' && *e != ' '; e++)
          ;
        h->charset.p = s;
        h->charset.n = (size_t)(e - s);
        break;
      }
  }
  return 0;
}

static int S_contains(struct span s, const char *t)
{
  size_t k = strlen(t), i;
  for (i = 0; i + k <= s.n; i++)
    if (strncasecmp(s.p + i, t, k) == 0)
      return 1;
  return 0;
}

/* Undoes chunked transfer coding into buf; -1 when malformed. */
static int S_dechunk(const char *p, size_t n, char **buf, size_t *cap,
                     size_t *out)
{
  const char *end = p + n;
  size_t k = 0;
  for (;;) {
    char *e;
    unsigned long long len;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      return -1;
    errno = 0;
    len = strtoull(p, &e, 16);
    if (e == p || errno)
      return -1;
    p = eol + 1;
    if (len == 0)
      break;
    if (len > (unsigned long long)(end - p))
      return -1;
    if (k + len > *cap) {
      size_t c = *cap ? *cap : 65536;
      char *nb;
      while (c < k + len)
        c *= 2;
      if (!(nb = realloc(*buf, c)))
        return -1;
      *buf = nb;
      *cap = c;
    }
    memcpy(*buf + k, p, (size_t)len);
    k += (size_t)len;
    p += len;
    if (p < end && *p == '\r')
      p++;
    if (p < end && *p == '\n')
      p++;
  }
  *out = k;
  return 0;
}

/* ---- the record loop ---------------------------------------------------- */

struct run {
  const struct records_job *job;
  const struct cli_options *o;
  struct records_counts *c;
  FILE *out;
  struct cleaner cl;
  struct jsonl_doc *doc;
  char *scratch;
  size_t scratch_cap;
  int rej_locked;
  struct spill_frames frames; /* the renderings pass 1 kept */
};

static void S_reject_piece(void *user, const char *p, size_t n)
{
  struct run *r = user;
  if (!r->job->rejects)
    return;
  if (!r->rej_locked) {
    rejects_begin(r->job->rejects);
    r->rej_locked = 1;
  }
  rejects_write(r->job->rejects, p, n);
}

static void S_reject_done(struct run *r)
{
  if (r->rej_locked) {
    rejects_end(r->job->rejects);
    r->rej_locked = 0;
  }
}

static void S_bad(struct run *r, enum bad_kind kind, const char *what,
                  unsigned long long n, const char *why)
{
  S_reject_done(r);
  r->c->bad[kind]++;
  cli_error("%s: %s %llu: %s", r->job->name, what, n, why);
}

static const char *const S_stat_keys[] = {"blocks_kept", "blocks_dropped",
                                          "words_kept", "words_dropped"};

/* Adds the counts of the page just cleaned (totals, and the JSON object). */
static int S_page_counts(struct run *r, struct jsonl_doc *doc)
{
  boiloff_stats s = {.size = sizeof s};
  unsigned long long v[4];
  boiloff_get_stats(r->cl.ctx, &s);
  r->c->blocks_kept += s.blocks_kept;
  r->c->blocks_dropped += s.blocks_dropped;
  if (!r->o->jsonl_stats || !doc)
    return 0;
  v[0] = s.blocks_kept;
  v[1] = s.blocks_dropped;
  v[2] = r->cl.words_kept;
  v[3] = r->cl.words_dropped;
  return jsonl_set_counts(doc, "boiloff", S_stat_keys, v, 4);
}

static int S_emit_json(struct run *r)
{
  size_t len;
  const char *s = jsonl_dump(r->doc, &len);
  if (!s) {
    errno = ENOMEM;
    return -1;
  }
  r->c->bytes_out += len + 1;
  if (fwrite(s, 1, len, r->out) != len || putc('\n', r->out) == EOF)
    return -1;
  return 0;
}

/* Cleans the page of one record and writes it; 0, 1 when the cleaner
 * failed (a bad record), -1 on a write or memory error. */
static int S_do_page(struct run *r, const char *page, size_t n, unsigned flags,
                     const char *charset, const char *site, struct span uri,
                     struct span date, struct span id, struct span ctype,
                     int from_json, const char **why)
{
  const char *text;
  size_t len;
  struct kept kept, *k = NULL;
  boiloff_status st;
  if ((flags & BOILOFF_OPT_HTML) && r->job->frames_len &&
      spill_frames_find(&r->frames, r->c->records, &kept.off, &kept.len)) {
    kept.fd = r->job->frames_fd;
    k = &kept;
  }
  st = S_clean_page(&r->cl, page, n, flags, charset, site, k, &text, &len);
  if (st == BOILOFF_ERR_CHARSET && charset) /* a charset iconv does not know */
    st = S_clean_page(&r->cl, page, n, flags, NULL, site, NULL, &text, &len);
  if (st == BOILOFF_ERR_NOMEM) {
    errno = ENOMEM;
    return -1;
  }
  if (st != BOILOFF_OK) {
    boiloff_reset(r->cl.ctx);
    *why = boiloff_strerror(st);
    return 1;
  }
  r->c->bytes_in += n;
  if (r->o->format == FORMAT_WET) {
    S_page_counts(r, NULL);
    boiloff_reset(r->cl.ctx);
    r->c->bytes_out += len; /* the block; headers are not counted */
    if (warc_write_conversion(r->out, uri, date, id, text, len) != 0)
      return -1;
    return 0;
  }
  if (!from_json) {
    if (jsonl_new_object(r->doc) != 0 ||
        jsonl_set_string(r->doc, "url", uri.p ? uri.p : "", uri.n) != 0 ||
        jsonl_set_string(r->doc, "warc_record_id", id.p ? id.p : "", id.n) !=
            0 ||
        jsonl_set_string(r->doc, "date", date.p ? date.p : "", date.n) != 0 ||
        jsonl_set_string(r->doc, "content_type", ctype.p ? ctype.p : "",
                         ctype.n) != 0) {
      errno = ENOMEM;
      return -1;
    }
  }
  if (jsonl_set_string(r->doc, from_json ? r->o->field : "text", text, len) !=
          0 ||
      S_page_counts(r, r->doc) != 0) {
    boiloff_reset(r->cl.ctx);
    errno = ENOMEM;
    return -1;
  }
  boiloff_reset(r->cl.ctx);
  return S_emit_json(r);
}

static unsigned S_flags(const struct cli_options *o, unsigned kind_flag)
{
  if (o->lib.flags & (BOILOFF_OPT_HTML | BOILOFF_OPT_TEXT))
    return o->lib.flags; /* --html or --text: as the user says */
  return o->lib.flags | kind_flag;
}

/* One WARC record: 0, 1 when skipped, 2 when bad, -1 on error. */
static int S_warc_record(struct run *r, const struct warc_record *rec)
{
  const struct cli_options *o = r->o;
  char site[256], charset[64];
  const char *page = rec->block, *why = NULL;
  size_t n = rec->block_len;
  unsigned flags;
  struct span ctype = rec->content_type;
  int res;

  charset[0] = '\0';
  if (span_eq(rec->type, "conversion")) {
    flags = S_flags(o, BOILOFF_OPT_TEXT);
  } else if (span_eq(rec->type, "response")) {
    struct http h;
    if (S_parse_http(rec->block, rec->block_len, &h) != 0)
      return 1; /* dns:, whois: ... */
    if (h.content_type.n && !S_contains(h.content_type, "html"))
      return 1;
    if (h.content_encoding.n && !span_eq(h.content_encoding, "identity"))
      return 1; /* compressed payloads are not decoded */
    ctype = h.content_type;
    page = h.body;
    n = h.body_len;
    if (h.transfer_encoding.n && S_contains(h.transfer_encoding, "chunked")) {
      if (S_dechunk(h.body, h.body_len, &r->scratch, &r->scratch_cap, &n) == 0)
        page = r->scratch;
    }
    if (h.charset.n && h.charset.n < sizeof charset) {
      memcpy(charset, h.charset.p, h.charset.n);
      charset[h.charset.n] = '\0';
    }
    flags = h.content_type.n ? S_flags(o, BOILOFF_OPT_HTML) : o->lib.flags;
  } else {
    return 1; /* warcinfo, request, metadata, resource, revisit */
  }
  if (o->site)
    snprintf(site, sizeof site, "%s", o->site);
  else
    records_site_of_url(rec->uri.p ? rec->uri.p : "", rec->uri.n, site,
                        sizeof site);
  res = S_do_page(r, page, n, flags,
                  o->lib.from_code ? o->lib.from_code
                  : charset[0]     ? charset
                                   : NULL,
                  site, rec->uri, rec->date, rec->id, ctype, 0, &why);
  if (res == 1) {
    S_reject_piece(r, rec->raw, rec->raw_len);
    S_bad(r, BAD_CLEAN, "record", r->c->records, why);
    return 2;
  }
  return res;
}

static int S_json_line(struct run *r, struct jsonl_reader *jr, const char *line,
                       size_t len)
{
  const struct cli_options *o = r->o;
  const char *page, *url, *date, *why = NULL;
  size_t n, url_n = 0, date_n = 0;
  char site[256], msg[200];
  struct span uri = {NULL, 0}, sdate = {NULL, 0}, none = {NULL, 0};
  unsigned flags = o->lib.flags;
  int res;

  if (jsonl_parse(r->doc, line, len, msg, sizeof msg) != 0) {
    jsonl_reject_current(jr);
    S_bad(r, BAD_JSON, "line", jr->lineno, msg);
    return 2;
  }
  if (o->html_field &&
      jsonl_get_string(r->doc, o->html_field, &page, &n) == 0) {
    flags = (flags & ~BOILOFF_OPT_TEXT) | BOILOFF_OPT_HTML;
  } else if (o->html_field ||
             jsonl_get_string(r->doc, o->field, &page, &n) != 0) {
    snprintf(msg, sizeof msg, "field \"%s\" is missing or not a string",
             o->html_field ? o->html_field : o->field);
    jsonl_reject_current(jr);
    S_bad(r, BAD_FIELD, "line", jr->lineno, msg);
    return 2;
  }
  if (jsonl_get_string(r->doc, "url", &url, &url_n) == 0) {
    uri.p = url;
    uri.n = url_n;
  }
  if (jsonl_get_string(r->doc, "date", &date, &date_n) == 0) {
    sdate.p = date;
    sdate.n = date_n;
  }
  if (o->site)
    snprintf(site, sizeof site, "%s", o->site);
  else
    records_site_of_url(uri.p ? uri.p : "", uri.n, site, sizeof site);
  res = S_do_page(r, page, n, flags, o->lib.from_code, site, uri, sdate, none,
                  none, 1, &why);
  if (res == 1) {
    jsonl_reject_current(jr);
    S_bad(r, BAD_CLEAN, "line", jr->lineno, why);
    return 2;
  }
  return res;
}

/* The longest record read: --max-size, else the default. */
static size_t S_max_record(const struct cli_options *o)
{
  return o->lib.max_document_bytes ? o->lib.max_document_bytes
                                   : DEFAULT_MAX_RECORD;
}

enum filter_code records_clean(const struct records_job *job, int fd,
                               const char *prefix, size_t n, FILE *out,
                               struct records_counts *c, int *err)
{
  const struct cli_options *o = job->o;
  size_t max = S_max_record(o);
  struct gzread gz;
  struct rbuf in;
  struct warc_reader wr;
  struct jsonl_reader jr;
  struct run r;
  enum filter_code code = FILTER_OK;

  memset(&r, 0, sizeof r);
  r.job = job;
  r.o = o;
  r.c = c;
  r.out = out;
  if (job->frames_len)
    spill_frames_init(&r.frames, job->frames_fd, job->frames_off,
                      job->frames_len);
  if (gzread_open(&gz, fd, prefix, n) != 0) {
    *err = gz.err ? gz.err : ENOMEM;
    return FILTER_READ_ERROR;
  }
  rbuf_init(&in, &gz);
  in.reject = S_reject_piece;
  in.reject_user = &r;
  warc_reader_init(&wr, &in, max);
  jsonl_reader_init(&jr, &in, max);
  if (S_cleaner_init(&r.cl, o, job->profile) != 0 ||
      !(r.doc = jsonl_doc_new())) {
    *err = ENOMEM;
    code = FILTER_READ_ERROR;
    goto out;
  }
  if (o->format == FORMAT_WET &&
      warc_write_info(out, "boiloff " PACKAGE_VERSION) != 0) {
    *err = errno ? errno : EIO;
    code = FILTER_WRITE_ERROR;
    goto out;
  }
  for (;;) {
    /* One step of either reader, in common terms. */
    enum { STEP_RECORD, STEP_EOF, STEP_BAD, STEP_ERROR } step;
    const int warc = job->kind == RECORDS_WARC;
    struct warc_record rec;
    const char *line = NULL;
    size_t len = 0;
    int res = 0;
    if (cli_interrupted()) {
      code = FILTER_INTERRUPTED;
      break;
    }
    if (warc) {
      enum warc_result w = warc_next(&wr, &rec);
      step = w == WARC_EOF     ? STEP_EOF
             : w == WARC_ERROR ? STEP_ERROR
             : w == WARC_BAD   ? STEP_BAD
                               : STEP_RECORD;
    } else {
      enum jsonl_result j = jsonl_next(&jr, &line, &len);
      step = j == JSONL_EOF     ? STEP_EOF
             : j == JSONL_ERROR ? STEP_ERROR
             : j == JSONL_BAD   ? STEP_BAD
                                : STEP_RECORD;
    }
    if (cli_interrupted()) { /* the input may have been cut by it */
      code = FILTER_INTERRUPTED;
      break;
    }
    if (step == STEP_EOF)
      break;
    if (step == STEP_ERROR) {
      *err = in.err;
      code = FILTER_READ_ERROR;
      break;
    }
    c->records++;
    if (step == STEP_BAD) {
      if (warc)
        S_bad(&r, wr.bad, "record", c->records, wr.why);
      else
        S_bad(&r, jr.bad, "line", jr.lineno, jr.why);
      continue;
    }
    res = warc ? S_warc_record(&r, &rec) : S_json_line(&r, &jr, line, len);
    if (res < 0) {
      *err = errno ? errno : EIO;
      code = errno == ENOMEM ? FILTER_READ_ERROR : FILTER_WRITE_ERROR;
      break;
    }
    if (res == 0)
      c->cleaned++;
    else if (res == 1)
      c->skipped++;
    if (ferror(out) || (job->flush_each && fflush(out) != 0)) {
      *err = errno ? errno : EIO;
      code = FILTER_WRITE_ERROR;
      break;
    }
  }
out:
  if (code == FILTER_READ_ERROR && cli_interrupted())
    code = FILTER_INTERRUPTED; /* a read cut short by the signal */
  S_reject_done(&r);
  S_cleaner_free(&r.cl);
  jsonl_doc_free(r.doc);
  free(r.scratch);
  rbuf_free(&in);
  gzread_close(&gz);
  return code;
}

/* ---- site learning ------------------------------------------------------ */

/* Pass 1's context for HTML, and for text in a given charset: made again
 * when the options a record needs differ from the last one's. */
struct record_counter {
  boiloff_ctx *ctx;
  unsigned flags;
  char charset[64];
};

/* Counts one page: text as its raw lines (as batch mode counts .txt
 * files), HTML as the lines the library decodes from it, streamed into the
 * profile by boiloff_profile_count_block.  An HTML page's rendering goes
 * to `spill` in a frame under the record's ordinal. */
static void S_count_page(const struct cli_options *o, boiloff_profile *p,
                         struct record_counter *c, const char *site,
                         const char *page, size_t n, int html,
                         const char *charset, struct spill *spill,
                         unsigned long long ordinal)
{
  boiloff_options co = o->lib;
  int whole;
  if (!html && !o->lib.from_code) {
    boiloff_profile_add_page(p, site, page, n);
    return;
  }
  co.flags = (co.flags & ~BOILOFF_OPT_TEXT) | BOILOFF_OPT_RULES_ONLY |
             BOILOFF_OPT_NO_SMOOTH |
             (html ? BOILOFF_OPT_HTML : BOILOFF_OPT_TEXT);
  if (!html)
    co.flags &= ~BOILOFF_OPT_HTML;
  co.from_code = o->lib.from_code ? o->lib.from_code : charset;
  co.profile = NULL;
  co.site = NULL;
  if (!c->ctx || c->flags != co.flags ||
      strcmp(c->charset, co.from_code ? co.from_code : "") != 0) {
    boiloff_free(c->ctx);
    if (!(c->ctx = boiloff_new(&co, boiloff_profile_count_block, p)))
      return;
    c->flags = co.flags;
    snprintf(c->charset, sizeof c->charset, "%s",
             co.from_code ? co.from_code : "");
    if (spill && spill->fd >= 0)
      boiloff_set_rendering_writer(c->ctx, spill_write, spill);
  }
  if (boiloff_profile_begin_page(p, site) != BOILOFF_OK)
    return;
  if (html && spill && spill->fd >= 0)
    spill_frame_begin(spill, ordinal);
  whole = boiloff_feed(c->ctx, page, n) == BOILOFF_OK &&
          boiloff_finish(c->ctx) == BOILOFF_OK;
  if (html && spill && spill->fd >= 0)
    spill_frame_end(spill, whole);
  if (whole)
    boiloff_profile_end_page(p);
  else
    boiloff_profile_cancel_page(p);
  boiloff_reset(c->ctx);
}

void records_count(const struct records_job *job, int fd,
                   boiloff_profile *profile)
{
  const struct cli_options *o = job->o;
  size_t max = S_max_record(o);
  struct gzread gz;
  struct rbuf in;
  struct warc_reader wr;
  struct jsonl_reader jr;
  struct jsonl_doc *doc = NULL;
  struct record_counter counter;
  unsigned long long ordinal = 0; /* as records_clean counts records */
  char site[256], msg[200];

  memset(&counter, 0, sizeof counter);

  if (gzread_open(&gz, fd, NULL, 0) != 0)
    return;
  rbuf_init(&in, &gz);
  warc_reader_init(&wr, &in, max);
  jsonl_reader_init(&jr, &in, max);
  if (job->kind == RECORDS_JSONL && !(doc = jsonl_doc_new()))
    goto out;
  while (!cli_interrupted()) {
    if (job->kind == RECORDS_WARC) {
      struct warc_record rec;
      enum warc_result res = warc_next(&wr, &rec);
      struct http h;
      char charset[64];
      if (res == WARC_EOF || res == WARC_ERROR)
        break;
      ordinal++;
      if (res != WARC_RECORD)
        continue;
      if (o->site)
        snprintf(site, sizeof site, "%s", o->site);
      else
        records_site_of_url(rec.uri.p ? rec.uri.p : "", rec.uri.n, site,
                            sizeof site);
      if (span_eq(rec.type, "conversion")) {
        S_count_page(o, profile, &counter, site, rec.block, rec.block_len,
                     (o->lib.flags & BOILOFF_OPT_HTML) != 0, NULL, job->spill,
                     ordinal);
      } else if (span_eq(rec.type, "response") &&
                 S_parse_http(rec.block, rec.block_len, &h) == 0 &&
                 (!h.content_type.n || S_contains(h.content_type, "html")) &&
                 !h.content_encoding.n && !h.transfer_encoding.n) {
        charset[0] = '\0';
        if (h.charset.n && h.charset.n < sizeof charset) {
          memcpy(charset, h.charset.p, h.charset.n);
          charset[h.charset.n] = '\0';
        }
        S_count_page(o, profile, &counter, site, h.body, h.body_len,
                     !(o->lib.flags & BOILOFF_OPT_TEXT),
                     charset[0] ? charset : NULL, job->spill, ordinal);
      }
    } else {
      const char *line, *page, *url;
      size_t len, n, url_n = 0;
      enum jsonl_result res = jsonl_next(&jr, &line, &len);
      int html = 0;
      if (res == JSONL_EOF || res == JSONL_ERROR)
        break;
      ordinal++;
      if (res != JSONL_LINE ||
          jsonl_parse(doc, line, len, msg, sizeof msg) != 0)
        continue;
      if (o->html_field && jsonl_get_string(doc, o->html_field, &page, &n) == 0)
        html = 1;
      else if (o->html_field || jsonl_get_string(doc, o->field, &page, &n) != 0)
        continue;
      if (!html)
        html = (o->lib.flags & BOILOFF_OPT_HTML) != 0;
      if (o->site)
        snprintf(site, sizeof site, "%s", o->site);
      else if (jsonl_get_string(doc, "url", &url, &url_n) == 0)
        records_site_of_url(url, url_n, site, sizeof site);
      else
        site[0] = '\0';
      S_count_page(o, profile, &counter, site, page, n, html, NULL, job->spill,
                   ordinal);
    }
  }
out:
  boiloff_free(counter.ctx);
  jsonl_doc_free(doc);
  rbuf_free(&in);
  gzread_close(&gz);
}
