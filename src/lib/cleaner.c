/* cleaner.c - the public API: a context that runs the pipeline
 *   bytes -> decode -> segment -> repair -> classify -> caller's callback
 * one chunk at a time. */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "boiloff.h"
#include "buf.h"
#include "classify.h"
#include "cleaner.h"
#include "decode.h"
#include "html.h"
#include "html_sniff.h"
#include "mem.h"
#include "pipeline.h"
#include "rendering.h"
#include "repair.h"
#include "segment.h"

#define DEFAULT_MAX_DOCUMENT ((unsigned long long)1 << 30)
/* With BOILOFF_OPT_THREADED, the size of text from which a page is worth
 * a second thread: most scraped pages are shorter. */
#define DEFAULT_THREAD_FROM 65536
#define KNOWN_FLAGS                                                    \
  (BOILOFF_OPT_NO_REPAIR | BOILOFF_OPT_STRICT | BOILOFF_OPT_HTML |     \
   BOILOFF_OPT_TEXT | BOILOFF_OPT_RULES_ONLY | BOILOFF_OPT_NO_SMOOTH | \
   BOILOFF_OPT_ALLOW_BINARY | BOILOFF_OPT_KEEP_COMMENTS |              \
   BOILOFF_OPT_THREADED)
/* The sizes of the structs in the first release: a caller's may be any
 * size from these up to today's (fields are only appended). */
#define OPTIONS_SIZE_1_0 (offsetof(boiloff_options, allocator) + sizeof(void *))
#define STATS_SIZE_1_0 (offsetof(boiloff_stats, is_html) + sizeof(int))

typedef enum ctx_state { ST_OPEN, ST_FINISHED, ST_FAILED } ctx_state;
/* Which front end reads the input: text, HTML, not known yet (the first
 * bytes are held in `sniff` until they tell), or the rendering of an HTML
 * page (boiloff_feed_rendering). */
typedef enum input_kind { IN_SNIFF, IN_TEXT, IN_HTML, IN_RENDERING } input_kind;

struct boiloff_ctx {
  boiloff_allocator alloc;
  boiloff_options opts;
  char *from_code; /* owned copies of the option strings */
  char *site;
  boiloff_block_fn fn;
  void *user;
  int count_only; /* fn counts every block into a profile: no labels needed */
  ctx_state state;
  boiloff_status error; /* sticky, while ST_FAILED */
  boiloff__decoder *decoder;
  boiloff__segmenter segmenter;
  boiloff__classifier *classifier;
  boiloff__buf repaired;
  boiloff__html *html;
  input_kind kind;
  int page_started; /* bytes or a rendering were fed since the reset */
  boiloff__buf sniff;
  boiloff_write_fn rendering_fn; /* set for the next page */
  void *rendering_user;
  boiloff__rendering_writer renderings;
  boiloff__rendering_reader reader;
  unsigned long line_no;
  boiloff_stats stats;
  boiloff__pipeline *pipeline; /* BOILOFF_OPT_THREADED, when it started */
  int threaded;                /* this page's blocks go through the pipeline */
  unsigned long long thread_from; /* the page's size when it starts */
};

/* Names the very files, so the message says what to install. */
#ifdef HAVE_UCHARDET
#define BOILOFF__LIBRARY_ERROR_TEXT                                \
  "cannot load a shared library this input needs (" LIBXML2_SONAME \
  " for HTML, " UCHARDET_SONAME " to guess a legacy charset)"
#else
#define BOILOFF__LIBRARY_ERROR_TEXT \
  "cannot load a shared library this input needs (" LIBXML2_SONAME " for HTML)"
#endif
static const char *const status_text[] = {"success",
                                          "stopped by the callback",
                                          "out of memory",
                                          "call not allowed in this state",
                                          "invalid argument",
                                          "unknown or unsupported charset",
                                          "invalid byte sequence in input",
                                          "document exceeds the size limit",
                                          "input looks like binary data",
                                          "HTML parser failure",
                                          "malformed site profile",
                                          "input/output error",
                                          BOILOFF__LIBRARY_ERROR_TEXT};

const char *boiloff_strerror(boiloff_status status)
{
  if ((unsigned)status < sizeof status_text / sizeof status_text[0])
    return status_text[status];
  return "unknown status";
}

const char *boiloff_version_string(void)
{
  return BOILOFF_VERSION_STRING;
}

int boiloff_version(void)
{
  return BOILOFF_VERSION_NUMBER;
}

void boiloff_options_init(boiloff_options *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->size = sizeof *opts;
}

/* The caller's callback, fed by the classifier. */
static boiloff_status emit_block(void *user, const boiloff_block *block)
{
  boiloff_ctx *ctx = user;
  if (block->label == BOILOFF_CONTENT)
    ctx->stats.blocks_kept++;
  else
    ctx->stats.blocks_dropped++;
  if (ctx->fn(ctx->user, block))
    return BOILOFF_STOPPED;
  return BOILOFF_OK;
}

/* A block of either front end: repaired, numbered, classified. */
static boiloff_status on_block(void *user, const char *line, size_t len,
                               int continued, const boiloff__block_hint *hint)
{
  boiloff_ctx *ctx = user;
  unsigned long no;
  if (ctx->kind == IN_HTML)
    boiloff__rendering_block(&ctx->renderings, &ctx->opts, line, len, continued,
                             hint);
  if (hint && (hint->flags & BOILOFF__HINT_TITLE)) {
    boiloff__classifier_set_title(ctx->classifier, line, len);
    return BOILOFF_OK; /* the page's title, not a line of it */
  }
  no = ++ctx->line_no;
  if (!(ctx->opts.flags & BOILOFF_OPT_NO_REPAIR) &&
      boiloff__repair_needed(line, len)) {
    boiloff_status st;
    boiloff__buf_clear(&ctx->repaired);
    st = boiloff__repair_line(line, len, &ctx->repaired, &ctx->stats.repairs);
    if (st != BOILOFF_OK)
      return st;
    line = ctx->repaired.data ? ctx->repaired.data : "";
    len = ctx->repaired.len;
  }
  if (continued)
    ctx->line_no--; /* the pieces of a line share its number */
  if (ctx->count_only) {
    boiloff_block b;
    memset(&b, 0, sizeof b);
    b.label = BOILOFF_BOILERPLATE;
    b.text = line;
    b.len = len;
    b.line = no;
    b.rule = "count";
    b.continued = continued;
    return emit_block(ctx, &b);
  }
  if (ctx->threaded) /* text: no hint */
    return boiloff__pipeline_line(ctx->pipeline, line, len, no, continued);
  return boiloff__classifier_push(ctx->classifier, line, len, no, continued,
                                  hint, emit_block, ctx);
}

/* A line the front end's thread made, on the caller's thread. */
static boiloff_status on_record(void *user, const boiloff__record *r)
{
  boiloff_ctx *ctx = user;
  return boiloff__classifier_push_measured(ctx->classifier, r->text, r->len,
                                           r->line, r->continued, NULL, r->f,
                                           emit_block, ctx);
}

static boiloff_status on_line(void *user, const char *line, size_t len,
                              int continued)
{
  return on_block(user, line, len, continued, NULL);
}

static boiloff_status on_text(void *user, const char *text, size_t len)
{
  boiloff_ctx *ctx = user;
  return boiloff__segmenter_feed(&ctx->segmenter, text, len, on_line, ctx);
}

static boiloff_status front_step(void *user, const char *buf, size_t len,
                                 int final);

boiloff_status boiloff_options_valid(const boiloff_options *o)
{
  if (!o || o->size < OPTIONS_SIZE_1_0 || o->size > sizeof *o)
    return BOILOFF_ERR_ARG;
  if (o->flags & ~(unsigned)KNOWN_FLAGS)
    return BOILOFF_ERR_ARG;
  if ((o->flags & BOILOFF_OPT_HTML) && (o->flags & BOILOFF_OPT_TEXT))
    return BOILOFF_ERR_ARG;
  if (!(o->bias >= -1.0 && o->bias <= 1.0)) /* also rejects NaN */
    return BOILOFF_ERR_ARG;
  if (o->allocator && (!o->allocator->malloc_fn || !o->allocator->realloc_fn ||
                       !o->allocator->free_fn))
    return BOILOFF_ERR_ARG;
  return BOILOFF_OK;
}

boiloff_ctx *boiloff_new(const boiloff_options *opts, boiloff_block_fn fn,
                         void *user)
{
  boiloff_options given;
  const boiloff_allocator *a;
  boiloff_ctx *ctx;
  /* The caller's fields over the defaults of those it does not have. */
  boiloff_options_init(&given);
  if (opts) {
    if (boiloff_options_valid(opts) != BOILOFF_OK)
      return NULL;
    memcpy(&given, opts, opts->size);
    given.size = sizeof given;
  }
  opts = &given;
  if (!fn)
    return NULL;
  a = opts->allocator ? opts->allocator : &boiloff__default_allocator;
  ctx = boiloff__calloc(a, 1, sizeof *ctx);
  if (!ctx)
    return NULL;
  ctx->alloc = *a;
  ctx->opts = *opts;
  ctx->opts.allocator = &ctx->alloc;
  if (!ctx->opts.max_line_bytes)
    ctx->opts.max_line_bytes = BOILOFF__DEFAULT_MAX_LINE;
  if (!ctx->opts.max_document_bytes)
    ctx->opts.max_document_bytes = (size_t)DEFAULT_MAX_DOCUMENT;
  ctx->fn = fn;
  ctx->user = user;
  ctx->thread_from = DEFAULT_THREAD_FROM;
  /* The profile's counter reads only the blocks' text: they go to it as
   * they are read, unclassified (half the work of a first pass over HTML). */
  ctx->count_only = fn == boiloff_profile_count_block;
  boiloff__segmenter_init(&ctx->segmenter, &ctx->alloc,
                          ctx->opts.max_line_bytes);
  boiloff__buf_init(&ctx->repaired, &ctx->alloc);
  boiloff__buf_init(&ctx->sniff, &ctx->alloc);
  boiloff__rendering_reader_init(&ctx->reader, &ctx->alloc);
  if ((opts->from_code &&
       !(ctx->from_code = boiloff__strdup(&ctx->alloc, opts->from_code))) ||
      (opts->site && !(ctx->site = boiloff__strdup(&ctx->alloc, opts->site))))
    goto fail;
  ctx->opts.from_code = ctx->from_code;
  ctx->opts.site = ctx->site;
  ctx->decoder = boiloff__decoder_new(&ctx->alloc, ctx->from_code, opts->flags);
  if (!ctx->decoder)
    goto fail;
  ctx->classifier = boiloff__classifier_new(&ctx->alloc, &ctx->opts);
  if (!ctx->classifier)
    goto fail;
  ctx->html = boiloff__html_new(&ctx->alloc, &ctx->opts);
  if (!ctx->html)
    goto fail;
  boiloff_reset(ctx);
  return ctx;
fail:
  boiloff_free(ctx);
  return NULL;
}

/* Records a failure: the context stays failed until reset.  A stop asked
 * by the callback is not a failure of the input, but ends it all the same. */
static boiloff_status fail(boiloff_ctx *ctx, boiloff_status st)
{
  if (st != BOILOFF_OK) {
    ctx->state = ST_FAILED;
    ctx->error = st;
  }
  return st;
}

/* A counting context reads text in no given charset as its bytes, as
 * boiloff_profile_add_text does (a fraction of the decoder's cost). */
static int counts_raw_text(const boiloff_ctx *ctx)
{
  return ctx->count_only && ctx->kind == IN_TEXT && !ctx->from_code;
}

/* Bytes to the front end of the input's kind. */
static boiloff_status route(boiloff_ctx *ctx, const char *buf, size_t len)
{
  if (ctx->kind == IN_HTML)
    return boiloff__html_feed(ctx->html, buf, len, on_block, ctx);
  if (counts_raw_text(ctx))
    return boiloff_profile_add_text(ctx->user, buf, len) == BOILOFF_OK
               ? BOILOFF_OK
               : BOILOFF_STOPPED; /* as count_block stops on a page error */
  return boiloff__decoder_feed(ctx->decoder, buf, len, on_text, ctx);
}

/* Holds the first bytes until they tell text from HTML (at most
 * BOILOFF__HTML_SNIFF bytes), then passes them on. */
static boiloff_status sniff(boiloff_ctx *ctx, const char *buf, size_t len,
                            int final)
{
  size_t take = BOILOFF__HTML_SNIFF - ctx->sniff.len;
  boiloff_status st;
  int is_html;
  if (take > len)
    take = len;
  if ((st = boiloff__buf_append(&ctx->sniff, buf, take)) != BOILOFF_OK)
    return st;
  is_html = boiloff__html_sniff(ctx->sniff.data, ctx->sniff.len,
                                final || ctx->sniff.len >= BOILOFF__HTML_SNIFF);
  if (is_html < 0)
    return BOILOFF_OK;
  ctx->kind = is_html ? IN_HTML : IN_TEXT;
  ctx->stats.is_html = is_html;
  st = route(ctx, ctx->sniff.data, ctx->sniff.len);
  boiloff__buf_clear(&ctx->sniff);
  if (st == BOILOFF_OK && len > take)
    st = route(ctx, buf + take, len - take);
  return st;
}

/* The front end's part of the end of the input. */
static boiloff_status finish_front(boiloff_ctx *ctx)
{
  boiloff_status st = ctx->kind == IN_SNIFF ? sniff(ctx, "", 0, 1) : BOILOFF_OK;
  if (st == BOILOFF_OK && ctx->kind == IN_HTML)
    st = boiloff__html_finish(ctx->html, on_block, ctx);
  if (st == BOILOFF_OK && ctx->kind == IN_RENDERING &&
      (st = boiloff__rendering_read_end(&ctx->reader)) == BOILOFF_OK)
    ctx->stats.bytes_in = ctx->reader.bytes_in;
  if (st == BOILOFF_OK && ctx->kind == IN_TEXT && !counts_raw_text(ctx))
    st = boiloff__decoder_finish(ctx->decoder, on_text, ctx);
  if (st == BOILOFF_OK && ctx->kind == IN_TEXT && !counts_raw_text(ctx))
    st = boiloff__segmenter_finish(&ctx->segmenter, on_line, ctx);
  return st;
}

/* The front end: a chunk of bytes, or the end of them. */
static boiloff_status front_step(void *user, const char *buf, size_t len,
                                 int final)
{
  boiloff_ctx *ctx = user;
  if (final)
    return finish_front(ctx);
  if (ctx->kind == IN_SNIFF)
    return sniff(ctx, buf, len, 0);
  return route(ctx, buf, len);
}

/* After the front end's step: with the pipeline, its lines are handed on,
 * or on an error those before it are classified first, as one thread
 * classifies them before it stops. */
static boiloff_status through_pipeline(boiloff_ctx *ctx, boiloff_status st,
                                       int final)
{
  boiloff_status before;
  if (!ctx->threaded)
    return st;
  if (st != BOILOFF_OK) {
    before = boiloff__pipeline_sync(ctx->pipeline);
    return before != BOILOFF_OK ? before : st;
  }
  return final ? boiloff__pipeline_finish(ctx->pipeline)
               : boiloff__pipeline_send(ctx->pipeline);
}

/* Whether the page, with len bytes more, reaches ctx->thread_from. */
static int grown_past(const boiloff_ctx *ctx, size_t len)
{
  return ctx->stats.bytes_in >= ctx->thread_from ||
         len >= ctx->thread_from - ctx->stats.bytes_in;
}

boiloff_status boiloff_feed(boiloff_ctx *ctx, const char *buf, size_t len)
{
  if (!ctx || (!buf && len))
    return BOILOFF_ERR_ARG;
  if (ctx->state == ST_FAILED)
    return ctx->error;
  if (ctx->state != ST_OPEN || ctx->kind == IN_RENDERING)
    return BOILOFF_ERR_STATE;
  if (len > ctx->opts.max_document_bytes - ctx->stats.bytes_in)
    return fail(ctx, through_pipeline(ctx, BOILOFF_ERR_LIMIT, 0));
  /* Text goes through the pipeline once it is known to be text (the
   * first bytes may be sniffed here).  HTML does not: its front end,
   * the parser, is most of the work, and hand-offs would cost more than
   * the classifier's share that they take off it.  The thread starts
   * once the page has grown past thread_from bytes, not with the
   * context: starting and stopping it costs more than it saves on a
   * short page, and nothing on an empty one.  Without a thread, one runs
   * all: the same output. */
  if (!ctx->threaded && ctx->kind == IN_TEXT && grown_past(ctx, len) &&
      (ctx->opts.flags & BOILOFF_OPT_THREADED) && !ctx->count_only) {
    if (!ctx->pipeline)
      ctx->pipeline = boiloff__pipeline_new(&ctx->alloc, on_record, ctx);
    ctx->threaded = ctx->pipeline != NULL;
  }
  ctx->page_started = 1;
  ctx->stats.bytes_in += len;
  return fail(ctx, through_pipeline(ctx, front_step(ctx, buf, len, 0), 0));
}

boiloff_status boiloff_finish(boiloff_ctx *ctx)
{
  boiloff_status st;
  if (!ctx)
    return BOILOFF_ERR_ARG;
  if (ctx->state == ST_FAILED)
    return ctx->error;
  if (ctx->state != ST_OPEN)
    return BOILOFF_ERR_STATE;
  st = through_pipeline(ctx, finish_front(ctx), 1);
  if (st == BOILOFF_OK)
    st = boiloff__classifier_finish(ctx->classifier, emit_block, ctx);
  if (st != BOILOFF_OK)
    return fail(ctx, st);
  if (ctx->kind == IN_HTML)
    boiloff__rendering_end(&ctx->renderings, &ctx->opts, ctx->stats.bytes_in,
                           boiloff__html_invalid(ctx->html),
                           boiloff__html_error_offset(ctx->html));
  ctx->state = ST_FINISHED;
  return BOILOFF_OK;
}

boiloff_status boiloff_set_rendering_writer(boiloff_ctx *ctx,
                                            boiloff_write_fn write, void *user)
{
  if (!ctx)
    return BOILOFF_ERR_ARG;
  ctx->rendering_fn = write;
  ctx->rendering_user = user;
  /* NULL stops at once; a writer starts with a page */
  if (!write || (ctx->state == ST_OPEN && !ctx->page_started)) {
    ctx->renderings.write = write;
    ctx->renderings.user = user;
  }
  return BOILOFF_OK;
}

boiloff_status boiloff_feed_rendering(boiloff_ctx *ctx, const char *buf,
                                      size_t len)
{
  if (!ctx || (!buf && len) || (ctx->opts.flags & BOILOFF_OPT_TEXT))
    return BOILOFF_ERR_ARG;
  if (ctx->state == ST_FAILED)
    return ctx->error;
  if (ctx->state != ST_OPEN || (ctx->page_started && ctx->kind != IN_RENDERING))
    return BOILOFF_ERR_STATE;
  ctx->page_started = 1;
  ctx->kind = IN_RENDERING;
  ctx->stats.is_html = 1;
  return fail(ctx, boiloff__rendering_read(&ctx->reader, &ctx->opts, buf, len,
                                           on_block, ctx));
}

boiloff_status boiloff_reset(boiloff_ctx *ctx)
{
  if (!ctx)
    return BOILOFF_ERR_ARG;
  if (ctx->pipeline)
    boiloff__pipeline_reset(ctx->pipeline);
  ctx->threaded = 0;
  boiloff__decoder_reset(ctx->decoder);
  boiloff__segmenter_reset(&ctx->segmenter);
  boiloff__classifier_reset(ctx->classifier);
  boiloff__html_reset(ctx->html);
  boiloff__buf_clear(&ctx->sniff);
  boiloff__rendering_reader_reset(&ctx->reader);
  boiloff__rendering_begin(&ctx->renderings);
  ctx->renderings.write = ctx->rendering_fn;
  ctx->renderings.user = ctx->rendering_user;
  ctx->page_started = 0;
  ctx->kind = (ctx->opts.flags & BOILOFF_OPT_HTML)   ? IN_HTML
              : (ctx->opts.flags & BOILOFF_OPT_TEXT) ? IN_TEXT
                                                     : IN_SNIFF;
  ctx->line_no = 0;
  ctx->state = ST_OPEN;
  ctx->error = BOILOFF_OK;
  memset(&ctx->stats, 0, sizeof ctx->stats);
  ctx->stats.is_html = ctx->kind == IN_HTML;
  return BOILOFF_OK;
}

void boiloff_free(boiloff_ctx *ctx)
{
  boiloff_allocator a;
  if (!ctx)
    return;
  a = ctx->alloc;
  boiloff__pipeline_free(ctx->pipeline); /* first: it calls back into ctx */
  boiloff__decoder_free(ctx->decoder);
  boiloff__segmenter_free(&ctx->segmenter);
  boiloff__classifier_free(ctx->classifier);
  boiloff__buf_free(&ctx->repaired);
  boiloff__html_free(ctx->html);
  boiloff__buf_free(&ctx->sniff);
  boiloff__rendering_reader_free(&ctx->reader);
  boiloff__free(&a, ctx->from_code);
  boiloff__free(&a, ctx->site);
  boiloff__free(&a, ctx);
}

boiloff_status boiloff_get_stats(const boiloff_ctx *ctx, boiloff_stats *stats)
{
  boiloff_stats now;
  size_t size;
  if (!ctx || !stats || stats->size < STATS_SIZE_1_0 ||
      stats->size > sizeof now)
    return BOILOFF_ERR_ARG;
  size = stats->size;
  now = ctx->stats;
  now.size = size;
  now.invalid_sequences =
      ctx->kind == IN_HTML        ? boiloff__html_invalid(ctx->html)
      : ctx->kind == IN_RENDERING ? ctx->reader.invalid
                                  : boiloff__decoder_invalid(ctx->decoder);
  now.charset = boiloff__decoder_charset(ctx->decoder);
  memcpy(stats, &now, size);
  return BOILOFF_OK;
}

unsigned long long boiloff_error_offset(const boiloff_ctx *ctx)
{
  if (!ctx)
    return 0;
  return ctx->kind == IN_HTML ? boiloff__html_error_offset(ctx->html)
         : ctx->kind == IN_RENDERING
             ? ctx->reader.error_offset
             : boiloff__decoder_error_offset(ctx->decoder);
}

boiloff_status boiloff_global_init(void)
{
  /* libxml2 is initialised where it is loaded, once (dynload.c). */
  return BOILOFF_OK;
}

boiloff_status boiloff_clean_buffer(const boiloff_options *opts,
                                    const char *buf, size_t len,
                                    boiloff_block_fn fn, void *user)
{
  boiloff_ctx *ctx;
  boiloff_status st;
  if (!fn || (opts && boiloff_options_valid(opts) != BOILOFF_OK))
    return BOILOFF_ERR_ARG;
  if (!(ctx = boiloff_new(opts, fn, user)))
    return BOILOFF_ERR_NOMEM;
  st = boiloff_feed(ctx, buf, len);
  if (st == BOILOFF_OK)
    st = boiloff_finish(ctx);
  boiloff_free(ctx);
  return st;
}

boiloff__classifier *boiloff__ctx_classifier(boiloff_ctx *ctx)
{
  return ctx->classifier;
}

void boiloff__ctx_thread_from(boiloff_ctx *ctx, unsigned long long bytes)
{
  ctx->thread_from = bytes;
}
