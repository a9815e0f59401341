/* html.c - HTML pages to blocks through libxml2's HTML push parser.
 *
 * The charset is chosen from the first bytes, the bytes go through the
 * input scanner (html_input.c) to libxml2, and its SAX events keep a stack
 * of open elements whose tags (html_tags.c) and attributes
 * (html_attributes.c) say what their text is; the text and the layout
 * requests go to the renderer (html_render.c), which makes the blocks.
 * They are queued while libxml2 parses a piece and passed on after it.
 */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "buf.h"
#include "charset_detect.h"
#include "dynload.h" /* libxml2, loaded by the first HTML page */
#include "html.h"
#include "html_attributes.h"
#include "html_input.h"
#include "html_render.h"
#include "html_sniff.h"
#include "html_tags.h"
#include "mem.h"
#include "segment.h"

/* One open element, with what it passes on to its descendants. */
typedef struct frame {
  unsigned flags;    /* BOILOFF__HINT_* */
  unsigned families; /* class/id word families of it and its ancestors */
  unsigned char layout;
  unsigned char level;
  unsigned char drop;
  unsigned char link;
  unsigned char title; /* inside <title> */
  /* Element ids (counted from 1 in page order): the nearest element that
   * is no inline one (the box of its text), the box around that box, and
   * the box around that one; 0 for none. */
  unsigned box, outer, outer2;
} frame;

struct boiloff__html {
  const boiloff_allocator *alloc;
  char *from_code;
  htmlParserCtxtPtr parser;      /* created at the first bytes */
  boiloff__buf head;             /* first bytes, held for the charset prescan */
  boiloff__html_input input;     /* the bytes on their way to the parser */
  boiloff__class_memo memo;      /* what class and id tokens name */
  boiloff__html_input_sink sink; /* ... and where they go */
  int strict;
  size_t bom;           /* bytes of a UTF-8 BOM at the start */
  boiloff_status error; /* from fn, or out of memory, inside a SAX event */
  frame stack[BOILOFF__HTML_MAX_DEPTH];
  size_t depth;
  size_t overflow;             /* elements open beyond the cap */
  unsigned serial;             /* elements started: the last id given */
  size_t overflow_drop;        /* overflow level of a dropped element, or 0 */
  boiloff__html_render render; /* holds fn and user */
  /* The page's first <title>, passed on (BOILOFF__HINT_TITLE) at its end;
   * only its first BOILOFF__HTML_TITLE_BYTES count. */
  boiloff__buf title;
  int title_done;
  /* The blocks of one piece wait here while libxml2 parses it and go on
   * together after it, so that the parser's code and the classifier's
   * take turns at the instruction cache once a piece, not once a block. */
  boiloff__buf queue;
  boiloff__html_block_fn fn; /* where they go, and its argument */
  void *user;
};

/* A queued block: this header, then its text. */
typedef struct queued {
  size_t len;
  int continued;
  boiloff__block_hint hint;
} queued;

/* What the queue may hold before it goes on at once, mid-piece: a piece
 * of short blocks makes a queue several times its size. */
#define QUEUE_MAX ((size_t)64 * 1024)
/* What it holds before it goes on after a piece: pieces end at every
 * script and style start tag, and drains of a few blocks would bring the
 * classifier's code back into the cache as often. */
#define QUEUE_BATCH (QUEUE_MAX / 4)

/* Passes the queued blocks on in order, and empties the queue. */
static boiloff_status drain(boiloff__html *h)
{
  size_t at = 0;
  boiloff_status st = BOILOFF_OK;
  while (at < h->queue.len && st == BOILOFF_OK) {
    queued q;
    memcpy(&q, h->queue.data + at, sizeof q); /* the text leaves it unaligned */
    at += sizeof q;
    st = h->fn(h->user, h->queue.data + at, q.len, q.continued, &q.hint);
    at += q.len;
  }
  boiloff__buf_clear(&h->queue);
  return st;
}

/* The renderer's receiver: queues the block (boiloff__html_block_fn). */
static boiloff_status enqueue(void *user, const char *text, size_t len,
                              int continued, const boiloff__block_hint *hint)
{
  boiloff__html *h = user;
  queued q;
  boiloff_status st;
  memset(&q, 0, sizeof q); /* no padding bytes of the stack in the queue */
  q.len = len;
  q.continued = continued;
  q.hint = *hint;
  /* Room for both first, so that a header never goes in without its text. */
  if ((st = boiloff__buf_reserve(&h->queue, sizeof q + len)) != BOILOFF_OK)
    return st;
  (void)boiloff__buf_append(&h->queue, (const char *)&q, sizeof q);
  (void)boiloff__buf_append(&h->queue, text, len);
  return h->queue.len >= QUEUE_MAX ? drain(h) : BOILOFF_OK;
}

static void fail(boiloff__html *h, boiloff_status st)
{
  if (st != BOILOFF_OK && h->error == BOILOFF_OK) {
    h->error = st;
    if (h->parser)
      xmlStopParser(h->parser);
  }
}

static const frame *top(const boiloff__html *h)
{
  static const frame root = {0, 0, BOILOFF__LAYOUT_INLINE, 0, 0, 0, 0, 0, 0, 0};
  return h->depth ? &h->stack[h->depth - 1] : &root;
}

/* Passes the page's title on, once. */
static void pass_title(boiloff__html *h)
{
  boiloff__block_hint hint;
  boiloff_status st;
  memset(&hint, 0, sizeof hint);
  hint.flags = BOILOFF__HINT_TITLE;
  h->title_done = 1;
  if (h->title.len && (st = h->render.fn(h->render.user, h->title.data,
                                         h->title.len, 0, &hint)) != BOILOFF_OK)
    fail(h, st);
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
  boiloff__html *h = ctx;
  const unsigned char *s = text;
  size_t n = len > 0 ? (size_t)len : 0;
  const frame *f = top(h);
  boiloff__html_context inside;
  boiloff_status st;
  if (h->error != BOILOFF_OK || h->overflow_drop)
    return;
  if (f->drop) {
    size_t room = BOILOFF__HTML_TITLE_BYTES - h->title.len; /* <= the cap */
    if (f->title && !h->title_done && room &&
        (st = boiloff__buf_append(&h->title, (const char *)s,
                                  n < room ? n : room)) != BOILOFF_OK)
      fail(h, st);
    return;
  }
  inside.flags = f->flags;
  inside.families = f->families;
  inside.level = f->level;
  inside.link = f->link;
  inside.container = f->outer;
  inside.container2 = f->outer2;
  if ((st = boiloff__html_render_text(&h->render, s, n, &inside)) != BOILOFF_OK)
    fail(h, st);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
  boiloff__html *h = ctx;
  const boiloff__html_tag *t = boiloff__html_tag_lookup((const char *)name);
  const frame *parent = top(h);
  frame *f;
  if (h->error != BOILOFF_OK)
    return;
  boiloff__html_render_node_end(&h->render);
  if (h->depth == BOILOFF__HTML_MAX_DEPTH) {
    /* Too deep to remember: the element takes its parent's hint, but its
     * layout and dropping still count. */
    h->overflow++;
    if (parent->drop || h->overflow_drop)
      return;
    if (t->props & BOILOFF__TAG_DROP)
      h->overflow_drop = h->overflow;
    else
      boiloff__html_render_layout(&h->render, t->layout);
    return;
  }
  f = &h->stack[h->depth];
  *f = *parent;
  f->layout = t->layout;
  if (++h->serial == 0)
    h->serial = 1; /* ids wrap, never to "none" */
  if (t->layout != BOILOFF__LAYOUT_INLINE) {
    f->outer2 = parent->outer;
    f->outer = parent->box;
    f->box = h->serial;
  }
  f->drop = parent->drop || (t->props & BOILOFF__TAG_DROP);
  /* The page's <title>, not an <svg>'s (inside a dropped element). */
  f->title =
      parent->title || ((t->props & BOILOFF__TAG_TITLE) && !parent->drop);
  f->link = parent->link || (t->props & BOILOFF__TAG_LINK);
  f->flags |= t->hint;
  if ((t->props & BOILOFF__TAG_MAINISH) && (parent->flags & BOILOFF__HINT_MAIN))
    f->flags &= ~(unsigned)BOILOFF__HINT_HEADER; /* an article's header */
  if (t->level)
    f->level = t->level;
  if (!(t->props & BOILOFF__TAG_PAGE) && atts) {
    int in_main = (parent->flags & BOILOFF__HINT_MAIN) != 0;
    size_t i;
    for (i = 0; atts[i]; i += 2)
      boiloff__html_attribute((const char *)atts[i],
                              atts[i + 1] ? (const char *)atts[i + 1] : "",
                              in_main, &f->families, &f->flags, &h->memo);
  }
  h->depth++;
  if (!f->drop)
    boiloff__html_render_layout(&h->render, f->layout);
}

static void on_end(void *ctx, const xmlChar *name)
{
  boiloff__html *h = ctx;
  if (h->error != BOILOFF_OK)
    return;
  boiloff__html_render_node_end(&h->render);
  if (h->overflow) {
    const boiloff__html_tag *t = boiloff__html_tag_lookup((const char *)name);
    if (h->overflow_drop) {
      if (h->overflow_drop == h->overflow)
        h->overflow_drop = 0;
    } else if (!top(h)->drop) {
      boiloff__html_render_layout(&h->render, t->layout);
    }
    h->overflow--;
    return;
  }
  if (h->depth) {
    const frame *f = &h->stack[--h->depth];
    if (!f->drop)
      boiloff__html_render_layout(&h->render, f->layout);
    else if (f->title && !top(h)->title && !h->title_done)
      pass_title(h);
  }
}

static void on_error(void *ctx, xmlErrorPtr error)
{
  (void)ctx;
  (void)error; /* the library never prints; a broken page is still a page */
}

size_t boiloff__html_line_cap(const boiloff_options *opts)
{
  size_t cap = opts && opts->max_line_bytes ? opts->max_line_bytes
                                            : BOILOFF__DEFAULT_MAX_LINE;
  return cap < 16 ? 16 : cap; /* a cut finds a character's end before it */
}

boiloff__html *boiloff__html_new(const boiloff_allocator *a,
                                 const boiloff_options *opts)
{
  boiloff__html *h = boiloff__calloc(a, 1, sizeof *h);
  if (!h)
    return NULL;
  h->alloc = a;
  h->strict = opts && (opts->flags & BOILOFF_OPT_STRICT) != 0;
  if (opts && opts->from_code &&
      !(h->from_code = boiloff__strdup(a, opts->from_code))) {
    boiloff__free(a, h);
    return NULL;
  }
  boiloff__html_render_init(&h->render, a, boiloff__html_line_cap(opts));
  h->render.fn = enqueue;
  h->render.user = h;
  boiloff__buf_init(&h->head, a);
  boiloff__buf_init(&h->queue, a);
  boiloff__buf_init(&h->title, a);
  boiloff__html_input_init(&h->input, a);
  h->input.memo = &h->memo; /* zeroed by the calloc */
  boiloff__html_reset(h);
  return h;
}

/* libxml2 reports errors through the thread's handlers as well as the
 * parser's: silence this thread's for the length of a call, then put the
 * caller's back (both are thread-local in libxml2). */
typedef struct quiet {
  xmlStructuredErrorFunc serror;
  void *serror_ctx;
  xmlGenericErrorFunc generic;
  void *generic_ctx;
} quiet;

static void quiet_generic(void *ctx, const char *msg, ...)
{
  (void)ctx;
  (void)msg;
}

static void quiet_begin(quiet *q)
{
  q->serror = xmlStructuredError;
  q->serror_ctx = xmlStructuredErrorContext;
  q->generic = xmlGenericError;
  q->generic_ctx = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc(NULL, on_error);
  xmlSetGenericErrorFunc(NULL, quiet_generic);
}

static void quiet_end(const quiet *q)
{
  xmlSetStructuredErrorFunc(q->serror_ctx, q->serror);
  xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
}

/* The encoding to read the page in: the forced one; else a BOM's (left to
 * libxml2); else UTF-8 when the first bytes are valid UTF-8 with some
 * non-ASCII (pages often declare a legacy charset and are UTF-8); else the
 * declared one; else UTF-8 when valid, else windows-1252 (what browsers
 * guess; libxml2 alone would take ISO-8859-1 at the first non-ASCII byte,
 * and would not see a later <meta charset> at all). */
static boiloff_status choose_encoding(boiloff__html *h, int *mode)
{
  const unsigned char *s =
      (const unsigned char *)(h->head.data ? h->head.data : "");
  size_t n = h->head.len, bom_len;
  const char *name, *bom;
  int utf8;
  xmlCharEncodingHandlerPtr enc = NULL;
  *mode = BOILOFF__INPUT_MARKUP;
  if (h->from_code) {
    if (!(enc = xmlFindCharEncodingHandler(h->from_code)))
      return BOILOFF_ERR_CHARSET;
    xmlSwitchToEncoding(h->parser, enc);
    if (boiloff__html_input_opaque_charset(h->from_code))
      *mode = BOILOFF__INPUT_OPAQUE;
    else if (xmlStrcasecmp(BAD_CAST h->from_code, BAD_CAST "UTF-8") == 0 ||
             xmlStrcasecmp(BAD_CAST h->from_code, BAD_CAST "UTF8") == 0)
      *mode = BOILOFF__INPUT_UTF8;
    return BOILOFF_OK;
  }
  if ((bom = boiloff__charset_bom(s, n, &bom_len)) != NULL &&
      strcmp(bom, "UTF-8") != 0) {
    *mode = BOILOFF__INPUT_OPAQUE; /* UTF-16 or UTF-32: left to libxml2 */
    return BOILOFF_OK;
  }
  /* UTF-16 without a BOM starts with a NUL beside the '<'. */
  if (n >= 2 && (s[0] == 0 || s[1] == 0)) {
    *mode = BOILOFF__INPUT_OPAQUE;
    return BOILOFF_OK;
  }
  utf8 = boiloff__charset_utf8_check(s, n, 0);
  if (utf8 == 1 || h->bom) {
    /* A handler, not just the charset: libxml2 then keeps it when a
     * <meta> names another. */
    if ((enc = xmlFindCharEncodingHandler("UTF-8")) != NULL)
      xmlSwitchToEncoding(h->parser, enc);
    else
      xmlSwitchEncoding(h->parser, XML_CHAR_ENCODING_UTF8);
    *mode = BOILOFF__INPUT_UTF8;
    return BOILOFF_OK;
  }
  /* The decoder's prescan: the declared charset, with the WHATWG aliases
   * (latin1 and ascii read as windows-1252). */
  if ((name = boiloff__charset_declared(s, n)) != NULL)
    enc = xmlFindCharEncodingHandler(name);
  if (!enc && !utf8)
    enc = xmlFindCharEncodingHandler("windows-1252");
  if (enc) {
    xmlSwitchToEncoding(h->parser, enc);
    if (boiloff__html_input_opaque_charset(enc->name))
      *mode = BOILOFF__INPUT_OPAQUE;
    else if (xmlStrcasecmp(BAD_CAST enc->name, BAD_CAST "UTF-8") == 0)
      *mode = BOILOFF__INPUT_UTF8;
  } else {
    xmlSwitchEncoding(h->parser, XML_CHAR_ENCODING_UTF8);
    *mode = BOILOFF__INPUT_UTF8;
  }
  return BOILOFF_OK;
}

static boiloff_status create_parser(boiloff__html *h, size_t given, int *mode)
{
  htmlSAXHandler sax;
  boiloff_status st;
  if ((st = boiloff__libxml2_load()) != BOILOFF_OK)
    return st;
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_text; /* script and style bodies: dropped there */
  sax.serror = on_error;
  sax.initialized = XML_SAX2_MAGIC; /* so that serror is used */
  /* The first bytes go in with the context so libxml2 can read a BOM. */
  /* Not NULL + 0 (undefined behaviour): an empty page has no head data. */
  h->parser = htmlCreatePushParserCtxt(
      &sax, h, h->head.data ? h->head.data + h->bom : "", (int)given, NULL,
      XML_CHAR_ENCODING_NONE);
  if (!h->parser)
    return BOILOFF_ERR_NOMEM;
  htmlCtxtUseOptions(h->parser, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                    HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                    HTML_PARSE_COMPACT);
  return choose_encoding(h, mode);
}

/* libxml2's HTML push parser never drops what it has parsed (its XML one
 * does, so): drop it as the XML one does, and forget the lookup position,
 * which counts from the start of the buffer. */
static void shrink(htmlParserCtxtPtr p)
{
  xmlParserInputPtr in = p->input;
  if (in && in->buf && in->buf->buffer && in->cur &&
      in->cur - in->base > (long)(64 * 1024)) {
    xmlParserInputShrink(in);
    p->checkIndex = 0;
  }
}

/* May the scanner blank attributes?  Only while libxml2 reads the page
 * as UTF-8 (with the UTF-8 handler, or with none: the bytes as they
 * are).  In the legacy charsets fuzzing found pages where blanking attributes
 * changed what libxml2's converter gave; a <meta> may also switch it to
 * a charset such as UCS-2. */
static int ascii_as_is(htmlParserCtxtPtr p)
{
  const char *name;
  if (!p->input || !p->input->buf || !p->input->buf->encoder)
    return 1;
  name = p->input->buf->encoder->name;
  return name &&
         (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0);
}

/* May the scanner also remove bytes (attributes, comments)?  Only where
 * libxml2 reads with its UTF-8 handler, which it keeps.  Without one, a
 * <meta> or an invalid sequence (in a comment too) switches its charset,
 * and it converts the bytes after it, where a byte removed would move
 * the rest (in UCS-2, by half a character). */
static int utf8_handler(htmlParserCtxtPtr p)
{
  return p->input && p->input->buf && p->input->buf->encoder;
}

static boiloff_status parse(boiloff__html *h, const char *buf, size_t len,
                            int terminate)
{
  quiet q;
  quiet_begin(&q);
  while (h->error == BOILOFF_OK && (len || terminate)) {
    /* htmlParseChunk takes an int size. */
    int n = len > (1u << 30) ? 1 << 30 : (int)len;
    int last = terminate && (size_t)n == len;
    boiloff_status st;
    htmlParseChunk(h->parser, buf, n, last);
    /* A <meta> may have switched libxml2 to a charset such as UCS-2. */
    if (h->input.trims && !ascii_as_is(h->parser))
      h->input.trims = h->input.removes = 0;
    if (h->parser->errNo == XML_ERR_NO_MEMORY)
      fail(h, BOILOFF_ERR_NOMEM);
    if ((last || h->queue.len >= QUEUE_BATCH) && (st = drain(h)) != BOILOFF_OK)
      fail(h, st);
    shrink(h->parser);
    buf += n;
    len -= (size_t)n;
    if (last)
      break;
  }
  quiet_end(&q);
  return h->error;
}

static boiloff_status to_parser(void *user, const char *buf, size_t len)
{
  return parse(user, buf, len, 0);
}

/* The bytes libxml2 was given and has not parsed (it waits for the end of
 * an item): *n of them at the result; NULL before its input is set up. */
static const xmlChar *parser_held(htmlParserCtxtPtr p, size_t *n)
{
  xmlParserInputPtr in = p->input;
  if (!in || !in->buf || !in->buf->buffer || !in->cur)
    return NULL;
  *n = xmlBufUse(in->buf->buffer) - (size_t)(in->cur - in->base);
  return in->cur;
}

/* Are there bytes libxml2 has not converted from the page's charset (its
 * converter stops at a byte it cannot convert)? */
static int parser_unconverted(htmlParserCtxtPtr p)
{
  xmlParserInputPtr in = p->input;
  return in && in->buf && in->buf->raw && xmlBufUse(in->buf->raw) != 0;
}

/* Has libxml2 not parsed all it was given? */
static int parser_pending(htmlParserCtxtPtr p)
{
  size_t n;
  if (!parser_held(p, &n))
    return 1;
  return n || p->token || parser_unconverted(p);
}

/* The script or style whose body libxml2 is inside, having parsed all it
 * was given (BOILOFF__BODY_SCRIPT or _STYLE), or BOILOFF__BODY_PASSED.  It
 * may be waiting for an end tag there: after a body's bytes that began
 * with "</" (see cut_in_body), it takes the next "</" for one, and what is
 * not for more of the body. */
static int parser_body(htmlParserCtxtPtr p)
{
  if ((p->instate != XML_PARSER_CONTENT && p->instate != XML_PARSER_END_TAG) ||
      !p->name || parser_pending(p))
    return BOILOFF__BODY_PASSED;
  if (strcmp((const char *)p->name, "script") == 0)
    return BOILOFF__BODY_SCRIPT;
  if (strcmp((const char *)p->name, "style") == 0)
    return BOILOFF__BODY_STYLE;
  return BOILOFF__BODY_PASSED;
}

/* Does a comment begin in the bytes libxml2 holds unparsed, or where they
 * meet the next piece?  The scanner looks for comments in a piece alone
 * (see comment_unended in html_input.c). */
static int comment_held(htmlParserCtxtPtr p, const char *buf, size_t len)
{
  static const char open[] = "<!--";
  size_t n, k;
  const xmlChar *held = parser_held(p, &n);
  if (!held)
    return 1;
  if (memmem(held, n, open, 4))
    return 1;
  for (k = 1; k < 4 && k <= n; k++) /* "<", "<!" or "<!-" at the end */
    if (memcmp(held + n - k, open, k) == 0 && len >= 4 - k &&
        memcmp(buf, open + k, 4 - k) == 0)
      return 1;
  return 0;
}

/* Inside a body, libxml2 2.9 takes a piece that starts with "</" (other
 * than the body's own end tag) to go on as the body to the end of the
 * piece, and then reads the next piece's first bytes as an end tag.  So
 * it is cut inside a body only just before the end tag that closes it:
 * "</name" and a byte that ends the name (as after a body dropped). */
static int cut_in_body(htmlParserCtxtPtr p, const char *buf, size_t len)
{
  int body = parser_body(p);
  const char *name = body == BOILOFF__BODY_SCRIPT ? "script" : "style";
  size_t n;
  if (body == BOILOFF__BODY_PASSED)
    return 0;
  n = strlen(name);
  return len <= n + 2 || buf[0] != '<' || buf[1] != '/' ||
         strncasecmp(buf + 2, name, n) != 0 ||
         boiloff__ascii_is_name((unsigned char)buf[n + 2]);
}

/* Offered the bytes up to a script or style start tag (as the scanner
 * reads it): libxml2 takes them unless a cut after them could change what
 * it parses (html_input.c rules out the cuts the bytes alone tell), and
 * says whether it has then parsed them all and is inside a script or
 * style body - whichever it is: the scanner drops it, and the next piece
 * starts with the end tag that closes it (see cut_in_body). */
static boiloff_status offer_body_start(void *user, const char *buf, size_t len,
                                       int *outcome)
{
  boiloff__html *h = user;
  htmlParserCtxtPtr p = h->parser;
  boiloff_status st;
  *outcome = BOILOFF__BODY_KEPT;
  if (h->error != BOILOFF_OK || !p->recovery || parser_unconverted(p) ||
      comment_held(p, buf, len) || cut_in_body(p, buf, len))
    return h->error;
  if ((st = parse(h, buf, len, 0)) != BOILOFF_OK)
    return st;
  *outcome = parser_body(p);
  return BOILOFF_OK;
}

/* Creates the parser and passes it the held first bytes.  A UTF-8 BOM is
 * not the page's text: it says UTF-8 and goes no further. */
static boiloff_status start(boiloff__html *h)
{
  const char *head = h->head.data ? h->head.data : "";
  const unsigned char *s = (const unsigned char *)head;
  size_t given, n = h->head.len;
  int mode;
  boiloff_status st;
  size_t bom_len;
  const char *bom = boiloff__charset_bom(s, n, &bom_len);
  h->bom = bom && strcmp(bom, "UTF-8") == 0 ? bom_len : 0;
  given = n - h->bom >= 4 ? 4 : 0;
  if ((st = create_parser(h, given, &mode)) != BOILOFF_OK)
    return st;
  boiloff__html_input_reset(&h->input, mode, h->strict, h->bom);
  h->sink = (boiloff__html_input_sink){to_parser, offer_body_start, h};
  /* The bytes given with the context are scanned for the markup state
   * only: the parser has them. */
  if ((st = boiloff__html_input_scan(
           &h->input, head + h->bom, given,
           &(boiloff__html_input_sink){to_parser, NULL, h})) != BOILOFF_OK)
    return st;
  memcpy(h->input.ctx, head + h->bom, given);
  h->input.ctx_len = given;
  /* The parser has them as if handed over: a Word condition taken out
   * right after them must not join its far side to them. */
  h->input.handed_last = given ? (unsigned char)head[h->bom + given - 1] : 0;
  boiloff__buf_clear(&h->input.out);
  /* Taken out only in what the parser has not been given. */
  h->input.trims = ascii_as_is(h->parser);
  h->input.removes = h->input.trims && utf8_handler(h->parser);
  st = boiloff__html_input_scan(&h->input, head + h->bom + given,
                                n - h->bom - given, &h->sink);
  boiloff__buf_clear(&h->head);
  return st;
}

boiloff_status boiloff__html_feed(boiloff__html *h, const char *buf, size_t len,
                                  boiloff__html_block_fn fn, void *user)
{
  boiloff_status st;
  if (h->error != BOILOFF_OK)
    return h->error;
  h->fn = fn;
  h->user = user;
  if (!h->parser) {
    /* Hold the first bytes until they fill the prescan window, so the
     * charset is chosen the same way whatever the chunk sizes. */
    size_t take = BOILOFF__HTML_SNIFF - h->head.len;
    if (take > len)
      take = len;
    if ((st = boiloff__buf_append(&h->head, buf, take)) != BOILOFF_OK)
      return h->error = st;
    buf += take;
    len -= take;
    if (h->head.len < BOILOFF__HTML_SNIFF)
      return BOILOFF_OK;
    if ((st = start(h)) != BOILOFF_OK)
      return h->error = st;
  }
  if (!len)
    return BOILOFF_OK;
  if ((st = boiloff__html_input_scan(&h->input, buf, len, &h->sink)) !=
      BOILOFF_OK)
    return h->error = st;
  return h->error;
}

boiloff_status boiloff__html_finish(boiloff__html *h, boiloff__html_block_fn fn,
                                    void *user)
{
  boiloff_status st;
  if (h->error != BOILOFF_OK)
    return h->error;
  h->fn = fn;
  h->user = user;
  if (!h->parser && (st = start(h)) != BOILOFF_OK)
    return h->error = st;
  if ((st = boiloff__html_input_end(&h->input)) != BOILOFF_OK)
    return h->error = st;
  /* not NULL: parse() steps it */
  if ((st = parse(h, h->input.out.len ? h->input.out.data : "",
                  h->input.out.len, 1)) != BOILOFF_OK)
    return st;
  boiloff__buf_clear(&h->input.out);
  if ((st = boiloff__html_render_finish(&h->render)) != BOILOFF_OK ||
      (st = drain(h)) != BOILOFF_OK)
    return h->error = st;
  return BOILOFF_OK;
}

void boiloff__html_reset(boiloff__html *h)
{
  if (h->parser) {
    htmlFreeParserCtxt(h->parser);
    h->parser = NULL;
  }
  boiloff__buf_clear(&h->head);
  boiloff__html_input_reset(&h->input, BOILOFF__INPUT_MARKUP, h->strict, 0);
  h->bom = 0;
  h->error = BOILOFF_OK;
  h->depth = h->overflow = h->overflow_drop = 0;
  h->serial = 0;
  boiloff__html_render_reset(&h->render);
  boiloff__buf_clear(&h->title);
  h->title_done = 0;
  boiloff__buf_clear(&h->queue);
}

void boiloff__html_free(boiloff__html *h)
{
  if (!h)
    return;
  if (h->parser)
    htmlFreeParserCtxt(h->parser);
  boiloff__html_render_free(&h->render);
  boiloff__buf_free(&h->head);
  boiloff__buf_free(&h->title);
  boiloff__buf_free(&h->queue);
  boiloff__html_input_free(&h->input);
  boiloff__free(h->alloc, h->from_code);
  boiloff__free(h->alloc, h);
}

unsigned long long boiloff__html_invalid(const boiloff__html *h)
{
  return h->input.invalid;
}

unsigned long long boiloff__html_error_offset(const boiloff__html *h)
{
  return h->input.have_error_offset ? h->input.error_offset : 0;
}
