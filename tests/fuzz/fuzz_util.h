/* fuzz_util.h - what the fuzz targets share: a growable string, an
 * independent UTF-8 validator, a reader for the option bytes at the front
 * of an input, chunked feeding and a block sink that records the explain
 * stream (line, label, rule, continued, text) and checks each block.
 *
 * A broken invariant calls fz_fail(), which prints what broke and aborts,
 * so libFuzzer and the replay driver both report it as a crash. */
#ifndef BOILOFF_FUZZ_UTIL_H
#define BOILOFF_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "boiloff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fz_str {
  char *p;
  size_t len, cap;
} fz_str;

void fz_append(fz_str *s, const void *p, size_t n);
void fz_free(fz_str *s);
int fz_str_eq(const fz_str *a, const fz_str *b);

/* Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF),
 * written apart from the library's decoder so they cannot share a bug. */
int fz_utf8_valid(const char *s, size_t len);

#ifdef __GNUC__
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void fz_fail(const char *fmt, ...);
#define FZ_CHECK(cond)                                                   \
  do {                                                                   \
    if (!(cond))                                                         \
      fz_fail("%s:%d: invariant broken: %s", __FILE__, __LINE__, #cond); \
  } while (0)

/* Option bytes taken from the front of the input (0 once it is used up). */
typedef struct fz_in {
  const uint8_t *p;
  size_t len;
} fz_in;
unsigned fz_byte(fz_in *in);

/* Chunk sizes for one run: a small PRNG seeded from an option byte gives
 * sizes 1..max; seed 0 = one chunk. */
typedef struct fz_chunker {
  uint32_t state;
  size_t max;
} fz_chunker;
void fz_chunker_init(fz_chunker *ch, unsigned seed);
size_t fz_chunk_next(fz_chunker *ch, size_t left);

/* Records every block; checks its text is valid UTF-8, its label and
 * score are in range, its rule is named and its line number follows the
 * previous block's.  Asks to stop after `stop_after` blocks (0 = never). */
typedef struct fz_sink {
  fz_str explain; /* line \t KEEP|DROP \t rule \t continued \t text \n */
  fz_str kept;    /* kept text, as the command prints it */
  fz_str joined;  /* all blocks' text, LF after each complete line */
  unsigned long blocks;
  unsigned long stop_after;
  unsigned long last_line;
  int last_continued;
  int text_lines; /* text input: blocks hold no CR or LF and number the
                     lines 1, 2, 3... (pieces of a line share its number) */
  size_t max_len; /* nonzero: no block is longer than this */
} fz_sink;

int fz_sink_cb(void *user, const boiloff_block *b);
void fz_sink_free(fz_sink *s);

/* Runs `buf` through a new context with `opts`: fed in chunks from `ch`
 * (NULL = one chunk), then finished; the result goes to `out`.  Returns
 * the first status that is not OK, or OK. */
boiloff_status fz_run(const boiloff_options *opts, const char *buf, size_t len,
                      fz_chunker *ch, fz_sink *out);
/* The same on an existing context (fed, then finished). */
boiloff_status fz_run_ctx(boiloff_ctx *ctx, const char *buf, size_t len,
                          fz_chunker *ch);

/* `text` with CRLF and lone CR turned into LF, and an LF added at the end
 * of a last line that has none: what the blocks of a text document join
 * up to. */
/* Bytes of the first n lines of an explain stream (for stop-from-callback
 * checks: the stopped run must give exactly the first n blocks). */
size_t fz_prefix_blocks(const fz_str *explain, unsigned long n);

void fz_normalise_lines(const char *text, size_t len, fz_str *out);

#endif
