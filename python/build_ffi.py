"""Writes the C source of boiloff._boiloff, the cffi extension over libboiloff.

cffi's API mode: the generated C includes boiloff.h and is compiled by the
build (Makefile.am), so struct layouts and constants come from the header,
and a declaration below that disagrees with it fails the compilation.

Usage: python3 build_ffi.py OUTPUT.c
"""
import os
import sys

import cffi

# The public API of boiloff.h, as cffi reads it (no macros, no attributes).
# The sink's structs, declared once for the cdef and the C source.
STRUCTS = r"""
struct bo_record {
  size_t off, len;
  const char *rule;
  double score;
  unsigned long line;
  int label;
  int continued;
};
struct bo_sink {
  int mode;
  int line_open;
  int oom;
  char *text;
  size_t len, cap;
  struct bo_record *recs;
  size_t nrecs, reccap;
};
"""

CDEF = r"""
#define BOILOFF_VERSION_MAJOR ...
#define BOILOFF_VERSION_MINOR ...
#define BOILOFF_VERSION_PATCH ...
#define BOILOFF_VERSION_NUMBER ...

typedef enum boiloff_status {
  BOILOFF_OK = 0, BOILOFF_STOPPED = 1, BOILOFF_ERR_NOMEM = 2,
  BOILOFF_ERR_STATE = 3, BOILOFF_ERR_ARG = 4, BOILOFF_ERR_CHARSET = 5,
  BOILOFF_ERR_ENCODING = 6, BOILOFF_ERR_LIMIT = 7, BOILOFF_ERR_BINARY = 8,
  BOILOFF_ERR_HTML = 9, BOILOFF_ERR_PROFILE = 10, BOILOFF_ERR_IO = 11,
  BOILOFF_ERR_LIBRARY = 12
} boiloff_status;

const char *boiloff_strerror(boiloff_status status);
const char *boiloff_version_string(void);
int boiloff_version(void);
boiloff_status boiloff_global_init(void);

typedef struct boiloff_allocator boiloff_allocator;
typedef struct boiloff_profile boiloff_profile;

#define BOILOFF_OPT_NO_REPAIR ...
#define BOILOFF_OPT_STRICT ...
#define BOILOFF_OPT_HTML ...
#define BOILOFF_OPT_TEXT ...
#define BOILOFF_OPT_RULES_ONLY ...
#define BOILOFF_OPT_NO_SMOOTH ...
#define BOILOFF_OPT_ALLOW_BINARY ...
#define BOILOFF_OPT_KEEP_COMMENTS ...

typedef struct boiloff_options {
  size_t size;
  unsigned flags;
  const char *from_code;
  double bias;
  size_t max_line_bytes;
  size_t max_document_bytes;
  const boiloff_profile *profile;
  const char *site;
  const boiloff_allocator *allocator;
} boiloff_options;

void boiloff_options_init(boiloff_options *opts);

typedef enum boiloff_label {
  BOILOFF_BOILERPLATE = 0, BOILOFF_CONTENT = 1
} boiloff_label;

typedef struct boiloff_block {
  boiloff_label label;
  const char *text;
  size_t len;
  unsigned long line;
  const char *rule;
  double score;
  int continued;
} boiloff_block;

typedef int (*boiloff_block_fn)(void *user, const boiloff_block *block);
typedef struct boiloff_ctx boiloff_ctx;

boiloff_ctx *boiloff_new(const boiloff_options *opts, boiloff_block_fn fn,
                         void *user);
boiloff_status boiloff_options_valid(const boiloff_options *opts);
boiloff_status boiloff_reset(boiloff_ctx *ctx);
void boiloff_free(boiloff_ctx *ctx);

typedef struct boiloff_stats {
  size_t size;
  unsigned long long bytes_in;
  unsigned long long blocks_kept;
  unsigned long long blocks_dropped;
  unsigned long long invalid_sequences;
  unsigned long long repairs;
  const char *charset;
  int is_html;
} boiloff_stats;

boiloff_status boiloff_get_stats(const boiloff_ctx *ctx, boiloff_stats *stats);
unsigned long long boiloff_error_offset(const boiloff_ctx *ctx);

boiloff_profile *boiloff_profile_new(const boiloff_allocator *allocator);
void boiloff_profile_free(boiloff_profile *profile);
boiloff_status boiloff_profile_add_page(boiloff_profile *profile,
                                        const char *site, const char *text,
                                        size_t len);
boiloff_status boiloff_profile_merge(boiloff_profile *profile,
                                     const boiloff_profile *other);
boiloff_status boiloff_profile_merge_many(boiloff_profile *profile,
                                          const boiloff_profile *const *others,
                                          size_t n, unsigned threads);
boiloff_status boiloff_profile_prune(boiloff_profile *profile);
boiloff_status boiloff_profile_save(const boiloff_profile *profile,
                                    const char *path);
boiloff_status boiloff_profile_load(boiloff_profile *profile,
                                    const char *path);
unsigned long boiloff_profile_pages(const boiloff_profile *profile,
                                    const char *site);
unsigned long boiloff_profile_count(const boiloff_profile *profile,
                                    const char *site, const char *line,
                                    size_t len);

/* The binding's sink (below): collects a document's output in C, so that
 * no Python code runs per block and the GIL stays released. */
%(structs)sint bo_sink_fn(void *user, const boiloff_block *block);
boiloff_status bo_run(boiloff_ctx *ctx, struct bo_sink *sink,
                      const char *buf, size_t len, int finish);
boiloff_status bo_page(boiloff_ctx *ctx, struct bo_sink *sink, int mode,
                       const char *buf, size_t len);
void bo_sink_clear(struct bo_sink *sink);
void bo_sink_free(struct bo_sink *sink);
boiloff_ctx *bo_counter_new(const boiloff_options *opts,
                            boiloff_profile *profile);
boiloff_status bo_count_page(boiloff_ctx *ctx, boiloff_profile *profile,
                             const char *site, const char *buf, size_t len);
boiloff_ctx *bo_counter_keeping_new(const boiloff_options *opts,
                                    boiloff_profile *profile,
                                    struct bo_sink *rendering);
boiloff_status bo_count_page_keeping(boiloff_ctx *ctx,
                                     boiloff_profile *profile,
                                     const char *site, const char *buf,
                                     size_t len, struct bo_sink *rendering);
boiloff_status bo_page_rendering(boiloff_ctx *ctx, struct bo_sink *sink,
                                 int mode, const char *buf, size_t len);

%(records_bridge)s
void free(void *p);

int fnmatch(const char *pattern, const char *string, int flags);
#define FNM_PATHNAME ...
#define FNM_PERIOD ...
"""

# The sink.  Modes: 0 = the command's text format (kept blocks, each ended
# by "\n" unless continued; a dropped piece ends a kept line that goes on);
# 1 = every block as a record.
CDEF = CDEF.replace("%(structs)s", STRUCTS)


def _declarations(header):
    """A header of ours as cdef reads it: without its preprocessor lines
    (the include guard and includes), so it is declared once."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), header)
    with open(path) as f:
        return "".join(line for line in f if not line.startswith("#"))


# records_bridge.h: the command's record files (WARC, WET, JSON Lines).
CDEF = CDEF.replace("%(records_bridge)s", _declarations("records_bridge.h"))

SOURCE = r"""
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include "boiloff.h"
#include "records_bridge.h"

%(structs)s
static int bo_append(struct bo_sink *s, const char *p, size_t n)
{
  if (n > s->cap - s->len) {
    size_t cap = s->cap ? s->cap : 4096;
    char *t;
    while (cap - s->len < n) {
      if (cap > ((size_t)-1) / 2)
        return -1;
      cap *= 2;
    }
    if (!(t = realloc(s->text, cap)))
      return -1;
    s->text = t;
    s->cap = cap;
  }
  if (n)
    memcpy(s->text + s->len, p, n);
  s->len += n;
  return 0;
}

int bo_sink_fn(void *user, const boiloff_block *b)
{
  struct bo_sink *s = user;
  int keep = b->label == BOILOFF_CONTENT;
  if (s->mode == 1) {
    struct bo_record *r;
    if (s->nrecs == s->reccap) {
      size_t cap = s->reccap ? s->reccap * 2 : 256;
      struct bo_record *n = realloc(s->recs, cap * sizeof *n);
      if (!n)
        goto oom;
      s->recs = n;
      s->reccap = cap;
    }
    r = &s->recs[s->nrecs];
    r->off = s->len;
    r->len = b->len;
    r->rule = b->rule;
    r->score = b->score;
    r->line = b->line;
    r->label = keep;
    r->continued = b->continued;
    if (bo_append(s, b->text, b->len))
      goto oom;
    s->nrecs++;
    return 0;
  }
  if (keep) {
    if (bo_append(s, b->text, b->len))
      goto oom;
    s->line_open = b->continued != 0;
    if (!b->continued && bo_append(s, "\n", 1))
      goto oom;
  } else if (!b->continued && s->line_open) {
    s->line_open = 0;
    if (bo_append(s, "\n", 1))
      goto oom;
  }
  return 0;
oom:
  s->oom = 1;
  return 1;
}

/* Feeds, and finishes if asked, in one call: the GIL is released once. */
boiloff_status bo_run(boiloff_ctx *ctx, struct bo_sink *s, const char *buf,
                      size_t len, int finish)
{
  boiloff_status st = BOILOFF_OK;
  if (len)
    st = boiloff_feed(ctx, buf, len);
  if (st == BOILOFF_OK && finish) {
    st = boiloff_finish(ctx);
    if (st == BOILOFF_OK && s->mode == 0 && s->line_open) {
      s->line_open = 0;
      if (bo_append(s, "\n", 1))
        s->oom = 1;
    }
  }
  if (s->oom)
    return BOILOFF_ERR_NOMEM;
  return st;
}

void bo_sink_clear(struct bo_sink *s)
{
  s->len = 0;
  s->nrecs = 0;
  s->line_open = 0;
  s->oom = 0;
}

/* A new page: the context and the sink start afresh. */
static void bo_page_start(boiloff_ctx *ctx, struct bo_sink *s, int mode)
{
  boiloff_reset(ctx);
  bo_sink_clear(s);
  s->mode = mode;
}

/* A whole page in one call (one release of the GIL): the context and the
 * sink start afresh, the page is fed and finished. */
boiloff_status bo_page(boiloff_ctx *ctx, struct bo_sink *s, int mode,
                       const char *buf, size_t len)
{
  bo_page_start(ctx, s, mode);
  return bo_run(ctx, s, buf, len, 1);
}

/* A counting context.  Made here: cffi's address of the callback is a
 * wrapper's, and the library knows its counter by the address. */
boiloff_ctx *bo_counter_new(const boiloff_options *opts, boiloff_profile *p)
{
  return boiloff_new(opts, boiloff_profile_count_block, p);
}

/* One page through a context made by bo_counter_new():
 * counted whole or not at all. */
boiloff_status bo_count_page(boiloff_ctx *ctx, boiloff_profile *p,
                             const char *site, const char *buf, size_t len)
{
  boiloff_status st;
  boiloff_reset(ctx);
  if ((st = boiloff_profile_begin_page(p, site)) != BOILOFF_OK)
    return st;
  st = boiloff_feed(ctx, buf, len);
  if (st == BOILOFF_OK)
    st = boiloff_finish(ctx);
  if (st == BOILOFF_OK || st == BOILOFF_STOPPED)
    return boiloff_profile_end_page(p); /* the page's own error, if any */
  boiloff_profile_cancel_page(p);
  return st;
}

/* A rendering writer into a sink's text; a failed allocation ends the
 * rendering (the sink says oom). */
static int bo_rendering_write(void *user, const void *data, size_t len)
{
  struct bo_sink *s = user;
  if (bo_append(s, data, len)) {
    s->oom = 1;
    return 1;
  }
  return 0;
}

/* A counting context that writes each HTML page's rendering into the
 * text of `r`. */
boiloff_ctx *bo_counter_keeping_new(const boiloff_options *opts,
                                    boiloff_profile *p, struct bo_sink *r)
{
  boiloff_ctx *ctx = boiloff_new(opts, boiloff_profile_count_block, p);
  if (ctx && boiloff_set_rendering_writer(ctx, bo_rendering_write, r) !=
                 BOILOFF_OK) {
    boiloff_free(ctx);
    ctx = NULL;
  }
  return ctx;
}

/* bo_count_page through a context made by bo_counter_keeping_new(): the
 * page's rendering is left in r's text, empty unless the page was HTML
 * and its rendering is whole. */
boiloff_status bo_count_page_keeping(boiloff_ctx *ctx, boiloff_profile *p,
                                     const char *site, const char *buf,
                                     size_t len, struct bo_sink *r)
{
  boiloff_stats stats;
  boiloff_status st;
  bo_sink_clear(r);
  st = bo_count_page(ctx, p, site, buf, len);
  stats.size = sizeof stats;
  if (st != BOILOFF_OK || r->oom ||
      boiloff_get_stats(ctx, &stats) != BOILOFF_OK || !stats.is_html)
    r->len = 0;
  return st;
}

/* A whole page from its rendering, as bo_page() from the page: the
 * library's status (BOILOFF_ERR_ARG: not a rendering it can read). */
boiloff_status bo_page_rendering(boiloff_ctx *ctx, struct bo_sink *s, int mode,
                                 const char *buf, size_t len)
{
  boiloff_status st;
  bo_page_start(ctx, s, mode);
  if ((st = boiloff_feed_rendering(ctx, buf, len)) != BOILOFF_OK)
    return st;
  return bo_run(ctx, s, NULL, 0, 1);
}

void bo_sink_free(struct bo_sink *s)
{
  free(s->text);
  free(s->recs);
  s->text = NULL;
  s->recs = NULL;
  s->len = s->cap = s->nrecs = s->reccap = 0;
}
"""
SOURCE = SOURCE.replace("%(structs)s", STRUCTS)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: build_ffi.py OUTPUT.c\n")
        return 2
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    ffi.set_source("boiloff._boiloff", SOURCE)
    ffi.emit_c_code(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
