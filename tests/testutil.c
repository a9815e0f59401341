/* testutil.c - helpers shared by the Check suites. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleaner.h"
#include "testutil.h"

static void append(char **p, size_t *len, size_t *cap, const char *s, size_t n)
{
  if (*len + n + 1 > *cap) {
    size_t c = *cap ? *cap : 256;
    while (c < *len + n + 1)
      c *= 2;
    *p = realloc(*p, c);
    if (!*p)
      abort();
    *cap = c;
  }
  memcpy(*p + *len, s, n);
  *len += n;
  (*p)[*len] = '\0';
}

int sink_cb(void *user, const boiloff_block *b)
{
  sink *s = user;
  char head[96];
  int n = snprintf(head, sizeof head, "%lu\t%s\t%s\t", b->line,
                   b->label == BOILOFF_CONTENT ? "KEEP" : "DROP", b->rule);
  append(&s->explain, &s->elen, &s->ecap, head, (size_t)n);
  append(&s->explain, &s->elen, &s->ecap, b->text, b->len);
  append(&s->explain, &s->elen, &s->ecap, "\n", 1);
  if (b->label == BOILOFF_CONTENT) {
    append(&s->text, &s->len, &s->cap, b->text, b->len);
    if (!b->continued)
      append(&s->text, &s->len, &s->cap, "\n", 1);
  }
  s->blocks++;
  if (!s->text)
    append(&s->text, &s->len, &s->cap, "", 0);
  return s->stop_after && s->blocks >= s->stop_after;
}

void sink_clear(sink *s)
{
  free(s->text);
  free(s->explain);
  memset(s, 0, sizeof *s);
}

boiloff_ctx *test_new(const boiloff_options *opts, boiloff_block_fn fn,
                      void *user)
{
  boiloff_ctx *c = boiloff_new(opts, fn, user);
  if (c)
    boiloff__ctx_thread_from(c, 0);
  return c;
}

boiloff_status feed_in_chunks(boiloff_ctx *c, const char *buf, size_t len,
                              size_t chunk)
{
  size_t off = 0;
  if (!chunk)
    chunk = len ? len : 1;
  do {
    size_t n = len - off < chunk ? len - off : chunk;
    boiloff_status st = boiloff_feed(c, buf + off, n);
    if (st != BOILOFF_OK)
      return st;
    off += n;
  } while (off < len);
  return BOILOFF_OK;
}

boiloff_status clean_with(const boiloff_options *opts, const char *buf,
                          size_t len, size_t chunk, sink *out)
{
  boiloff_ctx *c = test_new(opts, sink_cb, out);
  boiloff_status st;
  if (!c)
    return BOILOFF_ERR_NOMEM;
  st = feed_in_chunks(c, buf, len, chunk);
  if (st == BOILOFF_OK)
    st = boiloff_finish(c);
  boiloff_free(c);
  if (!out->text) {
    out->text = calloc(1, 1);
    out->explain = calloc(1, 1);
  }
  return st;
}

char *read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *p = NULL;
  size_t n = 0, cap = 0, got;
  if (!f)
    return NULL;
  do {
    if (n + 65536 + 1 > cap) {
      cap = cap ? cap * 2 : 131072;
      p = realloc(p, cap);
      if (!p)
        abort();
    }
    got = fread(p + n, 1, 65536, f);
    n += got;
  } while (got > 0);
  fclose(f);
  p[n] = '\0';
  if (len)
    *len = n;
  return p;
}

const char *fixture_path(const char *name)
{
  static char path[4096];
  const char *dir = getenv("FIXTURES");
  snprintf(path, sizeof path, "%s/%s", dir ? dir : "fixtures", name);
  return path;
}

/* Fails the Nth allocation; counts the live ones to find leaks. */
static long alloc_budget, live_allocs;

static int allocation_allowed(void)
{
  return __atomic_sub_fetch(&alloc_budget, 1, __ATOMIC_SEQ_CST) >= 0;
}

static void *failing_malloc(size_t n, void *u)
{
  (void)u;
  if (!allocation_allowed())
    return NULL;
  __atomic_add_fetch(&live_allocs, 1, __ATOMIC_SEQ_CST);
  return malloc(n);
}

static void *failing_realloc(void *p, size_t n, void *u)
{
  void *q;
  (void)u;
  if (!allocation_allowed())
    return NULL;
  q = realloc(p, n);
  if (q && !p)
    __atomic_add_fetch(&live_allocs, 1, __ATOMIC_SEQ_CST);
  return q;
}

static void counting_free(void *p, void *u)
{
  (void)u;
  if (p)
    __atomic_sub_fetch(&live_allocs, 1, __ATOMIC_SEQ_CST);
  free(p);
}

void allocation_failures(const char *doc, size_t len, unsigned flags,
                         size_t chunk)
{
  boiloff_allocator a = {failing_malloc, failing_realloc, counting_free, NULL};
  boiloff_options o;
  long n;
  boiloff_options_init(&o);
  o.allocator = &a;
  o.flags = flags;
  for (n = 0;; n++) {
    sink s = {0};
    boiloff_status st;
    boiloff_ctx *c;
    __atomic_store_n(&alloc_budget, n, __ATOMIC_SEQ_CST);
    __atomic_store_n(&live_allocs, 0, __ATOMIC_SEQ_CST);
    c = test_new(&o, sink_cb, &s);
    if (!c) {
      ck_assert_int_eq(__atomic_load_n(&live_allocs, __ATOMIC_SEQ_CST), 0);
      continue;
    }
    st = feed_in_chunks(c, doc, len, chunk);
    if (st == BOILOFF_OK)
      st = boiloff_finish(c);
    boiloff_free(c);
    ck_assert_int_eq(__atomic_load_n(&live_allocs, __ATOMIC_SEQ_CST), 0);
    sink_clear(&s);
    if (st == BOILOFF_OK)
      break;
    ck_assert_int_eq(st, BOILOFF_ERR_NOMEM);
    ck_assert_int_lt(n, 100000);
  }
}
