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
#include "work_pool.h"

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

/* ---- one record --------------------------------------------------------- */

/* What cleaning records takes: one for each thread that cleans. */
struct record_cleaner {
  const struct records_job *job;
  const struct cli_options *o;
  struct cleaner cl;
  struct jsonl_doc *doc;
  char *scratch;
  size_t scratch_cap;
  struct spill_frames *frames; /* the renderings pass 1 kept, or NULL */
};

/* What one record came to.  Its output is in `out` already; the rest is
 * reported by the reader's thread, in input order (S_report). */
struct outcome {
  FILE *out;
  unsigned long long ordinal; /* the record's number among those read */
  struct records_counts c;    /* what it adds to the totals */
  int res;                    /* 0 cleaned, 1 skipped, 2 bad, -1 error */
  int err;                    /* errno of an error */
  /* A bad record: what the message says, and the bytes to reject. */
  enum bad_kind bad;
  const char *what; /* "record" or "line" */
  unsigned long long n;
  char why[200];
  const char *raw;
  size_t raw_len;
};

static int S_record_cleaner_init(struct record_cleaner *k,
                                 const struct records_job *job,
                                 struct spill_frames *frames)
{
  memset(k, 0, sizeof *k);
  k->job = job;
  k->o = job->o;
  k->frames = frames;
  if (S_cleaner_init(&k->cl, job->o, job->profile) != 0 ||
      !(k->doc = jsonl_doc_new()))
    return -1;
  return 0;
}

static void S_record_cleaner_free(struct record_cleaner *k)
{
  S_cleaner_free(&k->cl);
  jsonl_doc_free(k->doc);
  free(k->scratch);
}

/* A bad record: 2. */
static int S_bad_record(struct outcome *oc, enum bad_kind kind,
                        const char *what, unsigned long long n, const char *why,
                        const char *raw, size_t raw_len)
{
  oc->bad = kind;
  oc->what = what;
  oc->n = n;
  snprintf(oc->why, sizeof oc->why, "%s", why);
  oc->raw = raw;
  oc->raw_len = raw_len;
  return 2;
}

static const char *const S_stat_keys[] = {"blocks_kept", "blocks_dropped",
                                          "words_kept", "words_dropped"};

/* Adds the counts of the page just cleaned (totals, and the JSON object). */
static int S_page_counts(struct record_cleaner *k, struct outcome *oc,
                         struct jsonl_doc *doc)
{
  boiloff_stats s = {.size = sizeof s};
  unsigned long long v[4];
  boiloff_get_stats(k->cl.ctx, &s);
  oc->c.blocks_kept += s.blocks_kept;
  oc->c.blocks_dropped += s.blocks_dropped;
  if (!k->o->jsonl_stats || !doc)
    return 0;
  v[0] = s.blocks_kept;
  v[1] = s.blocks_dropped;
  v[2] = k->cl.words_kept;
  v[3] = k->cl.words_dropped;
  return jsonl_set_counts(doc, "boiloff", S_stat_keys, v, 4);
}

static int S_emit_json(struct record_cleaner *k, struct outcome *oc)
{
  size_t len;
  const char *s = jsonl_dump(k->doc, &len);
  if (!s) {
    errno = ENOMEM;
    return -1;
  }
  oc->c.bytes_out += len + 1;
  if (fwrite(s, 1, len, oc->out) != len || putc('\n', oc->out) == EOF)
    return -1;
  return 0;
}

/* Cleans the page of one record and writes it; 0, 1 when the cleaner
 * failed (a bad record), -1 on a write or memory error. */
static int S_do_page(struct record_cleaner *k, struct outcome *oc,
                     const char *page, size_t n, unsigned flags,
                     const char *charset, const char *site, struct span uri,
                     struct span date, struct span id, struct span ctype,
                     int from_json, const char **why)
{
  const char *text;
  size_t len;
  struct kept kept, *kp = NULL;
  boiloff_status st;
  if ((flags & BOILOFF_OPT_HTML) && k->frames &&
      spill_frames_find(k->frames, oc->ordinal, &kept.off, &kept.len)) {
    kept.fd = k->job->frames_fd;
    kp = &kept;
  }
  st = S_clean_page(&k->cl, page, n, flags, charset, site, kp, &text, &len);
  if (st == BOILOFF_ERR_CHARSET && charset) /* a charset iconv does not know */
    st = S_clean_page(&k->cl, page, n, flags, NULL, site, NULL, &text, &len);
  if (st == BOILOFF_ERR_NOMEM) {
    errno = ENOMEM;
    return -1;
  }
  if (st != BOILOFF_OK) {
    boiloff_reset(k->cl.ctx);
    *why = boiloff_strerror(st);
    return 1;
  }
  oc->c.bytes_in += n;
  if (k->o->format == FORMAT_WET) {
    S_page_counts(k, oc, NULL);
    boiloff_reset(k->cl.ctx);
    oc->c.bytes_out += len; /* the block; headers are not counted */
    if (warc_write_conversion(oc->out, uri, date, id, text, len) != 0)
      return -1;
    return 0;
  }
  if (!from_json) {
    if (jsonl_new_object(k->doc) != 0 ||
        jsonl_set_string(k->doc, "url", uri.p ? uri.p : "", uri.n) != 0 ||
        jsonl_set_string(k->doc, "warc_record_id", id.p ? id.p : "", id.n) !=
            0 ||
        jsonl_set_string(k->doc, "date", date.p ? date.p : "", date.n) != 0 ||
        jsonl_set_string(k->doc, "content_type", ctype.p ? ctype.p : "",
                         ctype.n) != 0) {
      errno = ENOMEM;
      return -1;
    }
  }
  if (jsonl_set_string(k->doc, from_json ? k->o->field : "text", text, len) !=
          0 ||
      S_page_counts(k, oc, k->doc) != 0) {
    boiloff_reset(k->cl.ctx);
    errno = ENOMEM;
    return -1;
  }
  boiloff_reset(k->cl.ctx);
  return S_emit_json(k, oc);
}

static unsigned S_flags(const struct cli_options *o, unsigned kind_flag)
{
  if (o->lib.flags & (BOILOFF_OPT_HTML | BOILOFF_OPT_TEXT))
    return o->lib.flags; /* --html or --text: as the user says */
  return o->lib.flags | kind_flag;
}

/* One WARC record: 0, 1 when skipped, 2 when bad, -1 on error. */
static int S_warc_record(struct record_cleaner *k, struct outcome *oc,
                         const struct warc_record *rec)
{
  const struct cli_options *o = k->o;
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
      if (S_dechunk(h.body, h.body_len, &k->scratch, &k->scratch_cap, &n) == 0)
        page = k->scratch;
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
  res = S_do_page(k, oc, page, n, flags,
                  o->lib.from_code ? o->lib.from_code
                  : charset[0]     ? charset
                                   : NULL,
                  site, rec->uri, rec->date, rec->id, ctype, 0, &why);
  if (res == 1)
    return S_bad_record(oc, BAD_CLEAN, "record", oc->ordinal, why, rec->raw,
                        rec->raw_len);
  return res;
}

/* One JSON line (`raw_len` bytes with its line end): 0, 2 when bad, -1 on
 * error. */
static int S_json_line(struct record_cleaner *k, struct outcome *oc,
                       unsigned long long lineno, const char *line, size_t len,
                       size_t raw_len)
{
  const struct cli_options *o = k->o;
  const char *page, *url, *date, *why = NULL;
  size_t n, url_n = 0, date_n = 0;
  char site[256], msg[200];
  struct span uri = {NULL, 0}, sdate = {NULL, 0}, none = {NULL, 0};
  unsigned flags = o->lib.flags;
  int res;

  if (jsonl_parse(k->doc, line, len, msg, sizeof msg) != 0)
    return S_bad_record(oc, BAD_JSON, "line", lineno, msg, line, raw_len);
  if (o->html_field &&
      jsonl_get_string(k->doc, o->html_field, &page, &n) == 0) {
    flags = (flags & ~BOILOFF_OPT_TEXT) | BOILOFF_OPT_HTML;
  } else if (o->html_field ||
             jsonl_get_string(k->doc, o->field, &page, &n) != 0) {
    snprintf(msg, sizeof msg, "field \"%s\" is missing or not a string",
             o->html_field ? o->html_field : o->field);
    return S_bad_record(oc, BAD_FIELD, "line", lineno, msg, line, raw_len);
  }
  if (jsonl_get_string(k->doc, "url", &url, &url_n) == 0) {
    uri.p = url;
    uri.n = url_n;
  }
  if (jsonl_get_string(k->doc, "date", &date, &date_n) == 0) {
    sdate.p = date;
    sdate.n = date_n;
  }
  if (o->site)
    snprintf(site, sizeof site, "%s", o->site);
  else
    records_site_of_url(uri.p ? uri.p : "", uri.n, site, sizeof site);
  res = S_do_page(k, oc, page, n, flags, o->lib.from_code, site, uri, sdate,
                  none, none, 1, &why);
  if (res == 1)
    return S_bad_record(oc, BAD_CLEAN, "line", lineno, why, line, raw_len);
  return res;
}

/* A record as the readers give it: a WARC record, or a JSON line. */
struct record_in {
  int warc;
  struct warc_record rec;
  unsigned long long lineno;
  const char *line;
  size_t len, raw_len;
};

/* Cleans one record into oc (its out and ordinal set). */
static void S_clean_record(struct record_cleaner *k, const struct record_in *in,
                           struct outcome *oc)
{
  errno = 0;
  oc->res =
      in->warc ? S_warc_record(k, oc, &in->rec)
               : S_json_line(k, oc, in->lineno, in->line, in->len, in->raw_len);
  if (oc->res < 0)
    oc->err = errno ? errno : EIO;
}

/* ---- the record loop ---------------------------------------------------- */

/* A record handed to a worker: a copy of its bytes, and what it came to. */
struct task {
  struct record_in in;
  char *buf; /* the copy, which in's pointers point into */
  size_t cap;
  FILE *out; /* the output, in memory until it is reported */
  char *out_buf;
  size_t out_size;
  struct outcome oc;
};

struct run {
  const struct records_job *job;
  const struct cli_options *o;
  struct records_counts *c;
  FILE *out;
  int rej_locked;
  /* Why the run stopped; written by whichever thread reports, read by
   * the reader's once it knows (halted) or once the workers are done. */
  enum filter_code code;
  int err;
  int halted;                /* the reader's own: the run must stop */
  struct record_cleaner one; /* without workers: the reader's thread */
  /* With workers: */
  struct work_pool *pool;
  struct task *tasks;
  unsigned depth;
};

static void S_reject_piece(struct run *r, const char *p, size_t n)
{
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

/* Reports what a record came to: its rejects and message, its counts.
 * 0, or -1 (r->code, r->err) when the run must stop. */
static int S_report(struct run *r, const struct outcome *oc)
{
  struct records_counts *c = r->c;
  if (oc->res == 2) {
    S_reject_piece(r, oc->raw, oc->raw_len);
    S_bad(r, oc->bad, oc->what, oc->n, oc->why);
  }
  c->bytes_in += oc->c.bytes_in;
  c->bytes_out += oc->c.bytes_out;
  c->blocks_kept += oc->c.blocks_kept;
  c->blocks_dropped += oc->c.blocks_dropped;
  if (oc->res < 0) {
    r->err = oc->err;
    r->code = oc->err == ENOMEM ? FILTER_READ_ERROR : FILTER_WRITE_ERROR;
    return -1;
  }
  if (oc->res == 0)
    c->cleaned++;
  else if (oc->res == 1)
    c->skipped++;
  if (ferror(r->out) || (r->job->flush_each && fflush(r->out) != 0)) {
    r->err = errno ? errno : EIO;
    r->code = FILTER_WRITE_ERROR;
    return -1;
  }
  return 0;
}

/* A worker's own: its cleaner, and where the tasks are. */
struct worker {
  struct record_cleaner k;
  struct task *tasks;
};

/* On a worker's thread: cleans the record of a task into its memory. */
static void S_work(void *state, unsigned slot)
{
  struct worker *w = state;
  struct task *t = &w->tasks[slot];
  long len;
  rewind(t->out);
  S_clean_record(&w->k, &t->in, &t->oc);
  len = ftell(t->out);
  if (fflush(t->out) != 0 || len < 0) {
    t->oc.res = -1;
    t->oc.err = ENOMEM;
  } else {
    t->out_size = (size_t)len;
  }
}

/* On a worker's thread, in input order: a task's output, then its report. */
static int S_retire(void *user, unsigned slot)
{
  struct run *r = user;
  struct task *t = &r->tasks[slot];
  if (t->oc.res >= 0 && t->out_size &&
      fwrite(t->out_buf, 1, t->out_size, r->out) != t->out_size) {
    r->err = errno ? errno : EIO;
    r->code = FILTER_WRITE_ERROR;
    return -1;
  }
  return S_report(r, &t->oc);
}

/* Where p, inside [from, from + n), lands in a copy of it at `to`. */
static const char *S_moved(const char *p, const char *from, size_t n, char *to)
{
  return p && p >= from && p <= from + n ? to + (p - from) : NULL;
}

static void S_move_span(struct span *s, const char *from, size_t n, char *to)
{
  s->p = S_moved(s->p, from, n, to);
  if (!s->p)
    s->n = 0;
}

/* Copies a record into a task: its bytes, and pointers into the copy. */
static int S_task_fill(struct task *t, const struct record_in *in)
{
  const char *from = in->warc ? in->rec.raw : in->line;
  size_t n = in->warc ? in->rec.raw_len : in->raw_len;
  if (n > t->cap) {
    char *b = realloc(t->buf, n);
    if (!b)
      return -1;
    t->buf = b;
    t->cap = n;
  }
  memcpy(t->buf, from, n);
  t->in = *in;
  if (in->warc) {
    struct warc_record *rec = &t->in.rec;
    S_move_span(&rec->type, from, n, t->buf);
    S_move_span(&rec->uri, from, n, t->buf);
    S_move_span(&rec->id, from, n, t->buf);
    S_move_span(&rec->date, from, n, t->buf);
    S_move_span(&rec->content_type, from, n, t->buf);
    rec->block = S_moved(rec->block, from, n, t->buf);
    if (!rec->block)
      rec->block_len = 0;
    rec->raw = t->buf;
  } else {
    t->in.line = t->buf;
  }
  return 0;
}

/* Workers clean when -j allows more than one: as many as it allows, and
 * twice as many records held, so that none waits for the reader. */
static unsigned S_workers(const struct records_job *job)
{
  if (job->frames_len || job->threads < 2)
    return 0;
  return job->threads;
}

static void S_pool_free(struct run *r, struct worker *ws, unsigned n)
{
  unsigned i;
  work_pool_free(r->pool);
  r->pool = NULL;
  for (i = 0; i < n; i++)
    S_record_cleaner_free(&ws[i].k);
  for (i = 0; r->tasks && i < r->depth; i++) {
    if (r->tasks[i].out)
      fclose(r->tasks[i].out);
    free(r->tasks[i].out_buf);
    free(r->tasks[i].buf);
  }
  free(r->tasks);
  r->tasks = NULL;
  free(ws);
}

/* Starts the workers; without them (none wanted, or none to be had) the
 * reader's thread cleans.  The array of their states, or NULL. */
static struct worker *S_pool_start(struct run *r, unsigned n)
{
  struct worker *ws;
  void **states;
  unsigned i;
  if (n == 0 || !(ws = calloc(n, sizeof *ws)))
    return NULL;
  r->depth = 2 * n;
  r->tasks = calloc(r->depth, sizeof *r->tasks);
  states = calloc(n, sizeof *states);
  for (i = 0; r->tasks && i < r->depth; i++)
    if (!(r->tasks[i].out =
              open_memstream(&r->tasks[i].out_buf, &r->tasks[i].out_size)))
      break;
  if (!states || !r->tasks || i < r->depth) {
    free(states);
    S_pool_free(r, ws, 0);
    return NULL;
  }
  for (i = 0; i < n; i++) {
    ws[i].tasks = r->tasks;
    states[i] = &ws[i];
    if (S_record_cleaner_init(&ws[i].k, r->job, NULL) != 0)
      break;
  }
  if (i == n)
    r->pool = work_pool_new(n, r->depth, S_work, states, S_retire, r);
  free(states); /* the pool keeps what each state is */
  if (!r->pool) {
    S_pool_free(r, ws, i < n ? i + 1 : n);
    return NULL;
  }
  return ws;
}

/* Waits until every record handed out is reported: then the reader's
 * thread may write.  Nonzero (and r->halted) when the run must stop. */
static int S_drain(struct run *r)
{
  if (r->pool && work_pool_wait(r->pool) != 0)
    r->halted = 1;
  return r->halted;
}

/* The reader's bad record: the records before it are reported first
 * (and only then may the reader's thread look at the rejects' state). */
static void S_reader_reject(void *user, const char *p, size_t n)
{
  struct run *r = user;
  if (S_drain(r) != 0)
    return; /* the run stops; the rejects end here */
  S_reject_piece(r, p, n);
}

/* One record read: cleaned here, or handed to a worker. */
static int S_record(struct run *r, const struct record_in *in)
{
  struct outcome oc;
  unsigned slot;
  struct task *t;
  if (!r->pool) {
    memset(&oc, 0, sizeof oc);
    oc.out = r->out;
    oc.ordinal = r->c->records;
    S_clean_record(&r->one, in, &oc);
    if (S_report(r, &oc) != 0)
      r->halted = 1;
    return r->halted;
  }
  if (work_pool_slot(r->pool, &slot) != 0) {
    r->halted = 1;
    return 1;
  }
  t = &r->tasks[slot];
  if (S_task_fill(t, in) != 0) {
    /* the records before it first, as one thread would */
    if (S_drain(r) == 0) {
      r->err = ENOMEM;
      r->code = FILTER_READ_ERROR;
    }
    r->halted = 1;
    return 1;
  }
  memset(&t->oc, 0, sizeof t->oc);
  t->oc.out = t->out;
  t->oc.ordinal = r->c->records;
  work_pool_submit(r->pool);
  return 0;
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
  struct spill_frames frames; /* the renderings pass 1 kept */
  struct worker *workers = NULL;
  unsigned nworkers = S_workers(job);
  enum filter_code code = FILTER_OK; /* the reader's */
  int read_err = 0;
  struct run r;

  memset(&r, 0, sizeof r);
  r.job = job;
  r.o = o;
  r.c = c;
  r.out = out;
  r.code = FILTER_OK;
  if (job->frames_len)
    spill_frames_init(&frames, job->frames_fd, job->frames_off,
                      job->frames_len);
  if (gzread_open(&gz, fd, prefix, n) != 0) {
    *err = gz.err ? gz.err : ENOMEM;
    return FILTER_READ_ERROR;
  }
  rbuf_init(&in, &gz);
  in.reject = S_reader_reject;
  in.reject_user = &r;
  warc_reader_init(&wr, &in, max);
  jsonl_reader_init(&jr, &in, max);
  if (S_record_cleaner_init(&r.one, job, job->frames_len ? &frames : NULL) !=
      0) {
    read_err = ENOMEM;
    code = FILTER_READ_ERROR;
    goto out;
  }
  if (o->format == FORMAT_WET &&
      warc_write_info(out, "boiloff " PACKAGE_VERSION) != 0) {
    read_err = errno ? errno : EIO;
    code = FILTER_WRITE_ERROR;
    goto out;
  }
  workers = S_pool_start(&r, nworkers);
  for (;;) {
    /* One step of either reader, in common terms. */
    enum { STEP_RECORD, STEP_EOF, STEP_BAD, STEP_ERROR } step;
    struct record_in rin;
    memset(&rin, 0, sizeof rin);
    rin.warc = job->kind == RECORDS_WARC;
    if (cli_interrupted()) {
      code = FILTER_INTERRUPTED;
      break;
    }
    if (rin.warc) {
      enum warc_result w = warc_next(&wr, &rin.rec);
      step = w == WARC_EOF     ? STEP_EOF
             : w == WARC_ERROR ? STEP_ERROR
             : w == WARC_BAD   ? STEP_BAD
                               : STEP_RECORD;
    } else {
      enum jsonl_result j = jsonl_next(&jr, &rin.line, &rin.len);
      step = j == JSONL_EOF     ? STEP_EOF
             : j == JSONL_ERROR ? STEP_ERROR
             : j == JSONL_BAD   ? STEP_BAD
                                : STEP_RECORD;
      rin.lineno = jr.lineno;
      rin.raw_len = jr.consume;
    }
    if (r.halted) /* reporting earlier records failed */
      break;
    if (cli_interrupted()) { /* the input may have been cut by it */
      code = FILTER_INTERRUPTED;
      break;
    }
    if (step == STEP_EOF)
      break;
    if (step == STEP_ERROR) {
      read_err = in.err;
      code = FILTER_READ_ERROR;
      break;
    }
    c->records++;
    if (step == STEP_BAD) {
      if (S_drain(&r) != 0)
        break;
      if (rin.warc)
        S_bad(&r, wr.bad, "record", c->records, wr.why);
      else
        S_bad(&r, jr.bad, "line", jr.lineno, jr.why);
      continue;
    }
    if (S_record(&r, &rin) != 0)
      break;
  }
  if (!r.halted && code == FILTER_OK)
    S_drain(&r);
out:
  if (workers) /* first: a worker may be reporting */
    S_pool_free(&r, workers, nworkers);
  if (r.code == FILTER_OK) { /* no report failed: the reader's word */
    r.code = code;
    r.err = read_err;
  }
  if (r.code == FILTER_READ_ERROR && cli_interrupted())
    r.code = FILTER_INTERRUPTED; /* a read cut short by the signal */
  S_reject_done(&r);
  S_record_cleaner_free(&r.one);
  rbuf_free(&in);
  gzread_close(&gz);
  *err = r.err;
  return r.code;
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
