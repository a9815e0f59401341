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
 *   whole result again. */
#include <config.h>

#include <string.h>

#include "boiloff.h"
#include "fuzz_util.h"

static const char *const charsets[4] = {NULL, NULL, "UTF-8", "WINDOWS-1252"};

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
  if (f & 0x80)
    opts.max_line_bytes = 64;

  st = fz_run(&opts, doc, len, NULL, &whole);
  FZ_CHECK(st != BOILOFF_STOPPED && st != BOILOFF_ERR_STATE &&
           st != BOILOFF_ERR_ARG && st != BOILOFF_ERR_NOMEM);

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
