/* fuzz_pipeline.c - the whole pipeline through the public API, with
 * options and chunk sizes taken from the leading bytes.
 *
 * Option bytes: [0] flags, [1] charset and bias, [2] line cap, [3] chunk
 * seed, [4] stop after N blocks, [5] document size limit.  Invariants:
 * - options that boiloff_new() takes give a context; others give NULL;
 * - every block is valid UTF-8, with a label, a rule and a score in 0..1;
 * - fed in chunks, the explain stream (line, label, rule, continued,
 *   text) and the status equal those of the document fed whole;
 * - on two threads (BOILOFF_OPT_THREADED), in the same chunks, the status
 *   and the explain stream are those of one thread, failed or not;
 * - a context reset after a document (finished, stopped or failed) gives
 *   the same result as a new one;
 * - a stop asked by the callback after N blocks returns BOILOFF_STOPPED
 *   with exactly the first N blocks of the whole run;
 * - text input without repair: the blocks join up to the decoded input. */
#include <config.h>

#include <string.h>

#include "boiloff.h"
#include "decode.h"
#include "fuzz_util.h"
#include "mem.h"

static const char *const charsets[4] = {NULL, "UTF-8", "WINDOWS-1252",
                                        "UTF-16LE"};

static boiloff_status collect(void *user, const char *text, size_t len)
{
  fz_append(user, text, len);
  return BOILOFF_OK;
}

/* Explain records are one per line: the first n of them. */
/* Status of a chunked run against that of the whole run.  A document over
 * the size limit fails at once when fed whole, but fed in chunks it may
 * first meet another error (strict decoding) before the limit. */
static int status_matches(boiloff_status whole, boiloff_status part, int over)
{
  if (over)
    return part != BOILOFF_OK && part != BOILOFF_STOPPED;
  return part == whole;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fz_in in = {data, size};
  unsigned f = fz_byte(&in), cb = fz_byte(&in), cap = fz_byte(&in);
  unsigned seed = fz_byte(&in), stop = fz_byte(&in), lim = fz_byte(&in);
  const char *doc = (const char *)in.p;
  size_t len = in.len;
  boiloff_options opts;
  boiloff_ctx *ctx;
  fz_sink whole = {0}, part = {0}, reused = {0}, stopped = {0};
  fz_chunker ch;
  boiloff_status st, pst;
  int valid, over;

  boiloff_options_init(&opts);
  opts.flags = f & 0x7F; /* the seven known bits */
  if (f & 0x80)
    opts.flags |= 1u << 9; /* an unknown bit: must be refused */
  opts.from_code = charsets[cb & 3];
  opts.bias = ((double)(cb >> 2) - 31.0) / 31.0; /* -1 .. 1.03 */
  opts.max_line_bytes = cap < 0x80 ? 0 : (size_t)(cap - 0x80) * 4;
  if (lim >= 0xF0)
    opts.max_document_bytes = (size_t)(lim - 0xF0) * 64 + 1;
  over = opts.max_document_bytes && len > opts.max_document_bytes;
  valid = !(f & 0x80) && opts.bias <= 1.0 &&
          !((opts.flags & BOILOFF_OPT_HTML) && (opts.flags & BOILOFF_OPT_TEXT));

  ctx = boiloff_new(&opts, fz_sink_cb, &whole);
  if (!valid) {
    FZ_CHECK(ctx == NULL);
    return 0;
  }
  FZ_CHECK(ctx != NULL);
  if (opts.flags & BOILOFF_OPT_TEXT) {
    whole.text_lines = part.text_lines = reused.text_lines = 1;
    stopped.text_lines = 1;
  }

  /* Whole document. */
  st = fz_run_ctx(ctx, doc, len, NULL);
  FZ_CHECK(st != BOILOFF_STOPPED && st != BOILOFF_ERR_STATE &&
           st != BOILOFF_ERR_ARG && st != BOILOFF_ERR_NOMEM);
  FZ_CHECK(boiloff_finish(ctx) == (st == BOILOFF_OK ? BOILOFF_ERR_STATE : st));
  FZ_CHECK(!over || st == BOILOFF_ERR_LIMIT);
  boiloff_free(ctx);

  /* In chunks. */
  fz_chunker_init(&ch, seed ? seed : 1);
  pst = fz_run(&opts, doc, len, &ch, &part);
  FZ_CHECK(status_matches(st, pst, over));
  if (st == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&whole.explain, &part.explain));

  /* On two threads, in the same chunks: the same status, and the same
   * blocks before it, whatever it is. */
  {
    boiloff_options two = opts;
    fz_sink threaded = {0};
    threaded.text_lines = part.text_lines;
    two.flags |= BOILOFF_OPT_THREADED;
    fz_chunker_init(&ch, seed ? seed : 1);
    FZ_CHECK(fz_run(&two, doc, len, &ch, &threaded) == pst);
    FZ_CHECK(fz_str_eq(&threaded.explain, &part.explain));
    fz_sink_free(&threaded);
  }

  /* Stopped by the callback after N blocks, then reset and reused. */
  stopped.stop_after = stop % 8 + 1;
  ctx = boiloff_new(&opts, fz_sink_cb, &stopped);
  FZ_CHECK(ctx != NULL);
  fz_chunker_init(&ch, seed ^ 0xA5);
  {
    boiloff_status sst = fz_run_ctx(ctx, doc, len, &ch);
    if (st == BOILOFF_OK && whole.blocks >= stopped.stop_after) {
      size_t n = fz_prefix_blocks(&whole.explain, stopped.stop_after);
      FZ_CHECK(sst == BOILOFF_STOPPED);
      FZ_CHECK(stopped.blocks == stopped.stop_after);
      FZ_CHECK(stopped.explain.len == n);
      FZ_CHECK(n == 0 || memcmp(stopped.explain.p, whole.explain.p, n) == 0);
      /* Sticky: the context stays stopped. */
      FZ_CHECK(boiloff_feed(ctx, "x", 1) == BOILOFF_STOPPED);
      FZ_CHECK(boiloff_finish(ctx) == BOILOFF_STOPPED);
    } else if (st == BOILOFF_OK) {
      FZ_CHECK(sst == BOILOFF_OK);
      FZ_CHECK(fz_str_eq(&stopped.explain, &whole.explain));
    }
  }
  /* Reset after a stop, a failure or a finish: as good as new.  The sink
   * is switched by running on a second context sharing nothing. */
  FZ_CHECK(boiloff_reset(ctx) == BOILOFF_OK);
  stopped.stop_after = 0;
  fz_sink_free(&stopped);
  memset(&stopped, 0, sizeof stopped);
  stopped.text_lines = (opts.flags & BOILOFF_OPT_TEXT) != 0;
  fz_chunker_init(&ch, seed ^ 0x3C);
  FZ_CHECK(status_matches(st, fz_run_ctx(ctx, doc, len, &ch), over));
  if (st == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&stopped.explain, &whole.explain));
  boiloff_free(ctx);

  /* One context, two documents: the second half first, then the whole. */
  ctx = boiloff_new(&opts, fz_sink_cb, &reused);
  FZ_CHECK(ctx != NULL);
  (void)fz_run_ctx(ctx, doc + len / 2, len - len / 2, NULL);
  FZ_CHECK(boiloff_reset(ctx) == BOILOFF_OK);
  fz_sink_free(&reused);
  memset(&reused, 0, sizeof reused);
  reused.text_lines = (opts.flags & BOILOFF_OPT_TEXT) != 0;
  fz_chunker_init(&ch, seed ^ 0x77);
  FZ_CHECK(status_matches(st, fz_run_ctx(ctx, doc, len, &ch), over));
  if (st == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&reused.explain, &whole.explain));
  boiloff_free(ctx);

  /* Text without repair: the blocks are the decoded input, cut in lines. */
  if (st == BOILOFF_OK && (opts.flags & BOILOFF_OPT_TEXT) &&
      (opts.flags & BOILOFF_OPT_NO_REPAIR)) {
    boiloff__decoder *d = boiloff__decoder_new(&boiloff__default_allocator,
                                               opts.from_code, opts.flags);
    fz_str decoded = {0}, lines = {0};
    FZ_CHECK(d != NULL);
    FZ_CHECK(boiloff__decoder_feed(d, doc, len, collect, &decoded) ==
             BOILOFF_OK);
    FZ_CHECK(boiloff__decoder_finish(d, collect, &decoded) == BOILOFF_OK);
    boiloff__decoder_free(d);
    fz_normalise_lines(decoded.p, decoded.len, &lines);
    FZ_CHECK(fz_str_eq(&whole.joined, &lines));
    fz_free(&decoded);
    fz_free(&lines);
  }

  fz_sink_free(&whole);
  fz_sink_free(&part);
  fz_sink_free(&reused);
  fz_sink_free(&stopped);
  return 0;
}
