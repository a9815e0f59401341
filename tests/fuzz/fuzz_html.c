/* fuzz_html.c - the HTML front end (BOILOFF_OPT_HTML) through the public
 * API.  Use it with tests/fuzz/html.dict.
 *
 * Option bytes: [0] flags and charset, [1] chunk seed, [2] stop after N.
 * Invariants:
 * - every block is valid UTF-8, with a label, a rule and a score in 0..1,
 *   and block numbers never go down;
 * - fed in chunks (libxml2's push parser sees other chunk boundaries), the
 *   status and the explain stream equal those of the document fed whole;
 * - a stop asked by the callback after N blocks returns BOILOFF_STOPPED
 *   with exactly the first N blocks; after a reset the context gives the
 *   whole result again;
 * - the page's rendering, written by a counting context, fed back in
 *   chunks (boiloff_feed_rendering) gives the explain stream and counters
 *   of the page itself; the page's own bytes fed as a rendering are
 *   refused (BOILOFF_ERR_ARG) unless they start as one, and never crash. */
#include <config.h>

#include <string.h>

#include "boiloff.h"
#include "fuzz_util.h"

static const char *const charsets[4] = {NULL, NULL, "UTF-8", "WINDOWS-1252"};

static int S_keep(void *user, const void *data, size_t len)
{
  fz_append(user, data, len);
  return 0;
}

/* Feeds `r` as a rendering in chunks from ch, then finishes. */
static boiloff_status S_replay(boiloff_ctx *ctx, const fz_str *r,
                               fz_chunker *ch)
{
  boiloff_status st = BOILOFF_OK;
  size_t at = 0;
  while (st == BOILOFF_OK && at < r->len) {
    size_t n = fz_chunk_next(ch, r->len - at);
    st = boiloff_feed_rendering(ctx, r->p + at, n);
    at += n;
  }
  return st == BOILOFF_OK ? boiloff_finish(ctx) : st;
}

static void S_stats(const boiloff_ctx *ctx, boiloff_stats *st)
{
  memset(st, 0, sizeof *st);
  st->size = sizeof *st;
  FZ_CHECK(boiloff_get_stats(ctx, st) == BOILOFF_OK);
}

/* A rendering with a byte changed (a damaged spill file) is refused or
 * read, never more: the blocks it gives keep their promises (the sink
 * checks them), and chunking does not change the outcome. */
static void S_check_damaged(const boiloff_options *opts, const fz_str *r,
                            unsigned seed)
{
  fz_str bad = {0};
  fz_sink a = {0}, b = {0};
  fz_chunker ch;
  boiloff_ctx *ctx;
  boiloff_status sa, sb;
  size_t at;
  if (!r->len)
    return;
  fz_append(&bad, r->p, r->len);
  at = ((size_t)seed * 2654435761u) % bad.len;
  bad.p[at] = (char)(bad.p[at] ^ (1u << (seed % 8)));
  a.max_len = b.max_len = r->len;
  ctx = boiloff_new(opts, fz_sink_cb, &a);
  FZ_CHECK(ctx != NULL);
  fz_chunker_init(&ch, seed ^ 0x77);
  sa = S_replay(ctx, &bad, &ch);
  boiloff_free(ctx);
  ctx = boiloff_new(opts, fz_sink_cb, &b);
  FZ_CHECK(ctx != NULL);
  fz_chunker_init(&ch, seed ^ 0x99);
  sb = S_replay(ctx, &bad, &ch);
  boiloff_free(ctx);
  FZ_CHECK(sa == sb);
  FZ_CHECK(sa == BOILOFF_OK || sa == BOILOFF_ERR_ARG);
  if (sa == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&a.explain, &b.explain));
  fz_free(&bad);
  fz_sink_free(&a);
  fz_sink_free(&b);
}

/* The rendering invariants (see the top) for a page whose direct run
 * gave `st` and `whole`, and counters `want`. */
static void S_check_rendering(const boiloff_options *opts, const char *doc,
                              size_t len, boiloff_status st,
                              const fz_sink *whole, const boiloff_stats *want,
                              unsigned seed)
{
  boiloff_options co = *opts;
  boiloff_profile *p = boiloff_profile_new(NULL);
  boiloff_ctx *counter, *ctx;
  fz_str r = {0}, page = {0};
  fz_sink replayed = {0}, junk = {0};
  fz_chunker ch;
  boiloff_stats got;
  boiloff_status cst;

  co.flags |= BOILOFF_OPT_RULES_ONLY | BOILOFF_OPT_NO_SMOOTH;
  FZ_CHECK(p != NULL);
  counter = boiloff_new(&co, boiloff_profile_count_block, p);
  FZ_CHECK(counter != NULL);
  FZ_CHECK(boiloff_set_rendering_writer(counter, S_keep, &r) == BOILOFF_OK);
  FZ_CHECK(boiloff_profile_begin_page(p, "s") == BOILOFF_OK);
  fz_chunker_init(&ch, seed ^ 0x3C);
  cst = fz_run_ctx(counter, doc, len, &ch);
  boiloff_profile_cancel_page(p);
  if (st == BOILOFF_OK && cst == BOILOFF_OK) {
    ctx = boiloff_new(opts, fz_sink_cb, &replayed);
    FZ_CHECK(ctx != NULL);
    fz_chunker_init(&ch, seed ^ 0x5A);
    FZ_CHECK(S_replay(ctx, &r, &ch) == BOILOFF_OK);
    FZ_CHECK(fz_str_eq(&replayed.explain, &whole->explain));
    S_stats(ctx, &got);
    FZ_CHECK(got.bytes_in == want->bytes_in &&
             got.blocks_kept == want->blocks_kept &&
             got.blocks_dropped == want->blocks_dropped &&
             got.invalid_sequences == want->invalid_sequences &&
             got.repairs == want->repairs && got.is_html == want->is_html);
    boiloff_free(ctx);
    S_check_damaged(opts, &r, seed);
  }
  /* the page's bytes are not a rendering */
  fz_append(&page, doc, len);
  ctx = boiloff_new(opts, fz_sink_cb, &junk);
  FZ_CHECK(ctx != NULL);
  fz_chunker_init(&ch, seed);
  cst = S_replay(ctx, &page, &ch);
  /* (nothing fed is an empty page; the rendering format's own magic at the
   * start may begin a well-formed rendering) */
  if (len == 0)
    FZ_CHECK(cst == BOILOFF_OK);
  else if (len < 8 || memcmp(doc, "borec2\n", 8) != 0)
    FZ_CHECK(cst == BOILOFF_ERR_ARG);
  else
    FZ_CHECK(cst == BOILOFF_ERR_ARG || cst == BOILOFF_OK);
  boiloff_free(ctx);
  boiloff_free(counter);
  boiloff_profile_free(p);
  fz_free(&r);
  fz_free(&page);
  fz_sink_free(&replayed);
  fz_sink_free(&junk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static int initialised;
  fz_in in = {data, size};
  unsigned f = fz_byte(&in), seed = fz_byte(&in), stop = fz_byte(&in);
  const char *doc = (const char *)in.p;
  size_t len = in.len;
  boiloff_options opts;
  boiloff_ctx *ctx;
  fz_sink whole = {0}, part = {0}, stopped = {0};
  fz_chunker ch;
  boiloff_status st, sst;
  boiloff_stats want;

  if (!initialised) {
    boiloff_global_init();
    initialised = 1;
  }
  boiloff_options_init(&opts);
  opts.flags = BOILOFF_OPT_HTML;
  if (f & 1)
    opts.flags |= BOILOFF_OPT_NO_REPAIR;
  if (f & 2)
    opts.flags |= BOILOFF_OPT_RULES_ONLY;
  if (f & 4)
    opts.flags |= BOILOFF_OPT_NO_SMOOTH;
  if (f & 8)
    opts.flags |= BOILOFF_OPT_ALLOW_BINARY;
  if (f & 16)
    opts.flags |= BOILOFF_OPT_STRICT;
  opts.from_code = charsets[(f >> 5) & 3];
  if (f & 0x80) /* below 16 bytes, the front end's floor applies */
    opts.max_line_bytes = (stop & 0x80) ? 5 : 64;

  ctx = boiloff_new(&opts, fz_sink_cb, &whole);
  FZ_CHECK(ctx != NULL);
  st = fz_run_ctx(ctx, doc, len, NULL);
  FZ_CHECK(st != BOILOFF_STOPPED && st != BOILOFF_ERR_STATE &&
           st != BOILOFF_ERR_ARG && st != BOILOFF_ERR_NOMEM);
  S_stats(ctx, &want);
  boiloff_free(ctx);
  S_check_rendering(&opts, doc, len, st, &whole, &want, seed);

  fz_chunker_init(&ch, seed ? seed : 1);
  FZ_CHECK(fz_run(&opts, doc, len, &ch, &part) == st);
  if (st == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&whole.explain, &part.explain));

  stopped.stop_after = stop % 8 + 1;
  ctx = boiloff_new(&opts, fz_sink_cb, &stopped);
  FZ_CHECK(ctx != NULL);
  fz_chunker_init(&ch, seed ^ 0xA5);
  sst = fz_run_ctx(ctx, doc, len, &ch);
  if (st == BOILOFF_OK && whole.blocks >= stopped.stop_after) {
    size_t n = fz_prefix_blocks(&whole.explain, stopped.stop_after);
    FZ_CHECK(sst == BOILOFF_STOPPED);
    FZ_CHECK(stopped.explain.len == n);
    FZ_CHECK(n == 0 || memcmp(stopped.explain.p, whole.explain.p, n) == 0);
  } else if (st == BOILOFF_OK) {
    FZ_CHECK(sst == BOILOFF_OK);
  }
  FZ_CHECK(boiloff_reset(ctx) == BOILOFF_OK);
  fz_sink_free(&stopped);
  memset(&stopped, 0, sizeof stopped);
  FZ_CHECK(fz_run_ctx(ctx, doc, len, NULL) == st);
  if (st == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&stopped.explain, &whole.explain));
  boiloff_free(ctx);

  fz_sink_free(&whole);
  fz_sink_free(&part);
  fz_sink_free(&stopped);
  return 0;
}
