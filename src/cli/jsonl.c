/* jsonl.c - JSON Lines over json-c (chosen over jansson: less CPU to
 * parse and write pages, and it keeps numbers as they were written). */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "jsonl.h"

void jsonl_reader_init(struct jsonl_reader *r, struct rbuf *in, size_t max_line)
{
  memset(r, 0, sizeof *r);
  r->in = in;
  r->max_line = max_line;
}

static enum jsonl_result S_bad(struct jsonl_reader *r, enum bad_kind kind,
                               const char *why)
{
  r->bad = kind;
  snprintf(r->why, sizeof r->why, "%s", why);
  return JSONL_BAD;
}

enum jsonl_result jsonl_next(struct jsonl_reader *r, const char **line,
                             size_t *len)
{
  struct rbuf *b = r->in;
  size_t scanned = 0;

  rbuf_consume(b, r->consume);
  r->consume = 0;
  for (;;) {
    size_t avail = rbuf_avail(b);
    const char *base = b->data + b->start;
    const char *nl =
        avail > scanned ? memchr(base + scanned, '\n', avail - scanned) : NULL;
    size_t n, skip;
    int f;
    if (!nl && avail > r->max_line) { /* too long: to the rejects, in pieces */
      for (;;) {
        avail = rbuf_avail(b);
        base = b->data + b->start;
        nl = memchr(base, '\n', avail);
        if (nl) {
          rbuf_reject(b, (size_t)(nl - base) + 1);
          break;
        }
        rbuf_reject(b, avail);
        if ((f = rbuf_fill(b)) < 0)
          return JSONL_ERROR;
        if (f == 0)
          break;
      }
      r->lineno++;
      return S_bad(r, BAD_TOO_LARGE, "line larger than --max-size");
    }
    if (!nl) {
      scanned = avail;
      if ((f = rbuf_fill(b)) < 0)
        return JSONL_ERROR;
      if (f > 0)
        continue;
      if (b->gap != (size_t)-1) { /* the line is cut by a damaged member */
        const char *why = b->gap_why;
        rbuf_reject(b, avail);
        rbuf_take_gap(b);
        r->lineno++;
        return S_bad(r, BAD_GZIP, why ? why : "damaged gzip member");
      }
      if (!avail)
        return JSONL_EOF;
      n = skip = avail; /* a last line without a line end */
    } else {
      if ((size_t)(nl - base) + 1 == avail && b->gap == (size_t)-1 && !b->eof) {
        /* the line ends where the data does: a damaged gzip member right
         * after it (its CRC is checked at its end) that gave some of its
         * bytes would make it bad */
        if ((f = rbuf_fill(b)) < 0)
          return JSONL_ERROR;
        if (rbuf_spoiled_by_gap(b, avail)) {
          const char *why = b->gap_why;
          r->lineno++;
          rbuf_reject(b, avail);
          rbuf_take_gap(b);
          return S_bad(r, BAD_GZIP, why ? why : "damaged gzip member");
        }
        base = b->data + b->start;
        nl = base + avail - 1;
      }
      n = (size_t)(nl - base);
      skip = n + 1;
      if (n > r->max_line) {
        r->lineno++;
        rbuf_reject(b, skip);
        return S_bad(r, BAD_TOO_LARGE, "line larger than --max-size");
      }
    }
    r->lineno++;
    while (n &&
           (base[n - 1] == '\r' || base[n - 1] == ' ' || base[n - 1] == '\t'))
      n--;
    {
      size_t k = 0;
      while (k < n && (base[k] == ' ' || base[k] == '\t'))
        k++;
      if (k == n) { /* blank line */
        rbuf_consume(b, skip);
        scanned = 0;
        continue;
      }
    }
    *line = base;
    *len = n;
    r->consume = skip;
    return JSONL_LINE;
  }
}

struct jsonl_doc {
  json_tokener *tok;
  json_object *obj;
};

struct jsonl_doc *jsonl_doc_new(void)
{
  struct jsonl_doc *d = calloc(1, sizeof *d);
  if (d && !(d->tok = json_tokener_new())) {
    free(d);
    d = NULL;
  }
  return d;
}

void jsonl_doc_free(struct jsonl_doc *d)
{
  if (!d)
    return;
  json_object_put(d->obj);
  json_tokener_free(d->tok);
  free(d);
}

/* json-c clamps integers beyond 64 bits to the limits; a limit in the
 * input is therefore taken as possibly clamped, and the line rejected
 * rather than changed. */
static int S_clamped(json_object *o)
{
  switch (json_object_get_type(o)) {
  case json_type_int: {
    int64_t v = json_object_get_int64(o);
    return v == INT64_MIN || v == INT64_MAX ||
           json_object_get_uint64(o) == UINT64_MAX;
  }
  case json_type_array: {
    size_t i, n = json_object_array_length(o);
    for (i = 0; i < n; i++)
      if (S_clamped(json_object_array_get_idx(o, i)))
        return 1;
    return 0;
  }
  case json_type_object: {
    json_object_object_foreach(o, k, v)
    {
      (void)k;
      if (S_clamped(v))
        return 1;
    }
    return 0;
  }
  default:
    return 0;
  }
}

int jsonl_parse(struct jsonl_doc *d, const char *line, size_t len, char *why,
                size_t why_size)
{
  enum json_tokener_error e;
  size_t end;
  json_object_put(d->obj);
  d->obj = NULL;
  json_tokener_reset(d->tok);
  if (len > INT32_MAX) {
    snprintf(why, why_size, "line too long for the JSON parser");
    return -1;
  }
  d->obj = json_tokener_parse_ex(d->tok, line, (int)len);
  e = json_tokener_get_error(d->tok);
  if (!d->obj || e != json_tokener_success) {
    json_object_put(d->obj);
    d->obj = NULL;
    snprintf(why, why_size, "invalid JSON: %s",
             e == json_tokener_continue ? "unexpected end of line"
                                        : json_tokener_error_desc(e));
    return -1;
  }
  for (end = json_tokener_get_parse_end(d->tok); end < len; end++)
    if (line[end] != ' ' && line[end] != '\t' && line[end] != '\r') {
      snprintf(why, why_size, "invalid JSON: data after the object");
      return -1;
    }
  if (!json_object_is_type(d->obj, json_type_object)) {
    snprintf(why, why_size, "invalid JSON line: not an object");
    return -1;
  }
  if (S_clamped(d->obj)) {
    snprintf(why, why_size, "invalid JSON line: an integer beyond 64 bits");
    return -1;
  }
  return 0;
}

int jsonl_new_object(struct jsonl_doc *d)
{
  json_object_put(d->obj);
  d->obj = json_object_new_object();
  return d->obj ? 0 : -1;
}

int jsonl_get_string(const struct jsonl_doc *d, const char *name,
                     const char **s, size_t *n)
{
  json_object *v;
  if (!d->obj || !json_object_object_get_ex(d->obj, name, &v) ||
      !json_object_is_type(v, json_type_string))
    return -1;
  *s = json_object_get_string(v);
  *n = (size_t)json_object_get_string_len(v);
  return 0;
}

int jsonl_set_string(struct jsonl_doc *d, const char *name, const char *s,
                     size_t n)
{
  json_object *v;
  if (n > INT32_MAX || !(v = json_object_new_string_len(s, (int)n)))
    return -1;
  return json_object_object_add(d->obj, name, v) == 0 ? 0 : -1;
}

int jsonl_set_counts(struct jsonl_doc *d, const char *name,
                     const char *const *keys, const unsigned long long *values,
                     size_t n)
{
  json_object *o = json_object_new_object();
  size_t i;
  if (!o)
    return -1;
  for (i = 0; i < n; i++)
    if (json_object_object_add(o, keys[i], json_object_new_uint64(values[i])) !=
        0) {
      json_object_put(o);
      return -1;
    }
  return json_object_object_add(d->obj, name, o) == 0 ? 0 : -1;
}

const char *jsonl_dump(struct jsonl_doc *d, size_t *len)
{
  return json_object_to_json_string_length(
      d->obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, len);
}
