/* fuzz_text.c - the text path (segment + classify + emit) through the
 * public API, repair off, so that the output can be checked against the
 * input byte for byte.
 *
 * Option bytes: [0] flags and line cap, [1] chunk seed.  The input is
 * decoded first with the library's decoder alone (same charset and
 * flags); then, with BOILOFF_OPT_TEXT | BOILOFF_OPT_NO_REPAIR:
 * - every block is valid UTF-8 without CR or LF, no longer than the cap,
 *   numbered line by line;
 * - the blocks, joined with LF after each complete line, give back the
 *   decoded input with its line ends made LF: every kept byte came from
 *   the input, in order, and nothing was lost;
 * - the explain stream fed in chunks equals the one fed whole. */
#include <config.h>

#include <string.h>

#include "boiloff.h"
#include "decode.h"
#include "fuzz_util.h"
#include "mem.h"

static boiloff_status collect(void *user, const char *text, size_t len)
{
  fz_append(user, text, len);
  return BOILOFF_OK;
}

/* The decoder alone; returns its status. */
static boiloff_status decode_all(const boiloff_options *o, const uint8_t *p,
                                 size_t len, fz_str *out)
{
  boiloff__decoder *d =
      boiloff__decoder_new(&boiloff__default_allocator, o->from_code, o->flags);
  boiloff_status st;
  if (!d)
    fz_fail("decoder_new failed");
  st = boiloff__decoder_feed(d, (const char *)p, len, collect, out);
  if (st == BOILOFF_OK)
    st = boiloff__decoder_finish(d, collect, out);
  boiloff__decoder_free(d);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fz_in in = {data, size};
  unsigned o = fz_byte(&in), seed = fz_byte(&in);
  boiloff_options opts;
  fz_sink whole = {0}, part = {0};
  fz_str decoded = {0}, lines = {0};
  fz_chunker ch;
  boiloff_status st, dst;

  boiloff_options_init(&opts);
  opts.flags = BOILOFF_OPT_TEXT | BOILOFF_OPT_NO_REPAIR;
  if (o & 1)
    opts.flags |= BOILOFF_OPT_RULES_ONLY;
  if (o & 2)
    opts.flags |= BOILOFF_OPT_NO_SMOOTH;
  if (o & 4)
    opts.flags |= BOILOFF_OPT_ALLOW_BINARY;
  if (o & 8)
    opts.from_code = "UTF-8";
  /* Line cap: the default, or 16..256 bytes so that cutting is common. */
  opts.max_line_bytes = (o >> 4) ? 16 * (o >> 4) : 0;
  whole.text_lines = part.text_lines = 1;
  whole.max_len = part.max_len =
      opts.max_line_bytes ? opts.max_line_bytes : 64 * 1024;

  dst = decode_all(&opts, in.p, in.len, &decoded);
  st = fz_run(&opts, (const char *)in.p, in.len, NULL, &whole);
  FZ_CHECK(st == dst);
  if (st == BOILOFF_OK) {
    fz_normalise_lines(decoded.p, decoded.len, &lines);
    FZ_CHECK(fz_str_eq(&whole.joined, &lines));
  }

  fz_chunker_init(&ch, seed ? seed : 1);
  FZ_CHECK(fz_run(&opts, (const char *)in.p, in.len, &ch, &part) == st);
  if (st == BOILOFF_OK)
    FZ_CHECK(fz_str_eq(&whole.explain, &part.explain));

  fz_sink_free(&whole);
  fz_sink_free(&part);
  fz_free(&decoded);
  fz_free(&lines);
  return 0;
}
