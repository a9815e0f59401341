/* html.c - HTML pages to blocks through libxml2's HTML push parser.
 *
 * SAX events drive a small renderer that follows the rules the corpus's
 * text was made with (html-text): a text node is whitespace-collapsed and
 * joined to the previous one by a space unless punctuation says otherwise;
 * block elements ask for a line break or a blank line, and consecutive
 * requests merge.  Text nodes are rendered as they stream in (libxml2 may
 * hand one node over in several pieces), so a huge node costs no more
 * memory than the line cap.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "charset_detect.h"
#include "html.h"
#include "html_input.h"
#include "html_words.h"
#include "lexicon.h"
#include "mem.h"
#include "utf8.h"

#define DEFAULT_MAX_LINE ((size_t)64 * 1024)

/* What an element asks of the layout (html-text's NEWLINE_TAGS and
 * DOUBLE_NEWLINE_TAGS). */
enum { LAY_INLINE, LAY_LINE, LAY_BLANK };

/* Per-tag properties. */
enum {
  T_DROP = 1u << 0,   /* its content is never text (script, style...) */
  T_LINK = 1u << 1,   /* <a>: its text counts towards link density */
  T_MAINISH = 1u << 2, /* <header> is the page's only outside <article> */
  T_PAGE = 1u << 3,    /* <html>, <body>: their classes describe the page
                          ("has-sidebar comments-open"), not a part of it */
  T_TITLE = 1u << 4    /* <title>: dropped, but kept apart as the title */
};

typedef struct tag_info {
  const char *name;
  unsigned char layout;
  unsigned char props;
  unsigned char level; /* heading level */
  unsigned hint;       /* BOILOFF__HINT_* the element gives its text */
} tag_info;

/* Sorted by name (strcmp) for bsearch. */
static const tag_info tags[] = {
  {"a", LAY_INLINE, T_LINK, 0, 0},
  {"applet", LAY_INLINE, T_DROP, 0, 0},
  {"article", LAY_LINE, 0, 0, BOILOFF__HINT_MAIN},
  {"aside", LAY_LINE, 0, 0, BOILOFF__HINT_ASIDE},
  {"blockquote", LAY_BLANK, 0, 0, BOILOFF__HINT_QUOTE},
  {"body", LAY_INLINE, T_PAGE, 0, 0},
  {"br", LAY_LINE, 0, 0, 0},
  {"button", LAY_INLINE, 0, 0, BOILOFF__HINT_FORM},
  {"caption", LAY_INLINE, 0, 0, BOILOFF__HINT_CAPTION},
  {"code", LAY_INLINE, 0, 0, BOILOFF__HINT_PRE},
  {"dd", LAY_LINE, 0, 0, BOILOFF__HINT_LIST_ITEM},
  {"details", LAY_LINE, 0, 0, 0},
  {"div", LAY_LINE, 0, 0, 0},
  {"dl", LAY_BLANK, 0, 0, 0},
  {"dt", LAY_LINE, 0, 0, BOILOFF__HINT_LIST_ITEM},
  {"fieldset", LAY_LINE, 0, 0, BOILOFF__HINT_FORM},
  {"figcaption", LAY_LINE, 0, 0, BOILOFF__HINT_CAPTION},
  {"figure", LAY_BLANK, 0, 0, 0},
  {"footer", LAY_LINE, 0, 0, BOILOFF__HINT_FOOTER},
  /* No FORM hint for <form> itself: ASP.NET pages wrap everything in one. */
  {"form", LAY_LINE, 0, 0, 0},
  {"frame", LAY_INLINE, T_DROP, 0, 0},
  {"frameset", LAY_INLINE, T_DROP, 0, 0},
  {"h1", LAY_BLANK, 0, 1, BOILOFF__HINT_HEADING},
  {"h2", LAY_BLANK, 0, 2, BOILOFF__HINT_HEADING},
  {"h3", LAY_BLANK, 0, 3, BOILOFF__HINT_HEADING},
  {"h4", LAY_BLANK, 0, 4, BOILOFF__HINT_HEADING},
  {"h5", LAY_BLANK, 0, 5, BOILOFF__HINT_HEADING},
  {"h6", LAY_BLANK, 0, 6, BOILOFF__HINT_HEADING},
  {"header", LAY_LINE, T_MAINISH, 0, BOILOFF__HINT_HEADER},
  {"hr", LAY_LINE, 0, 0, 0},
  {"html", LAY_INLINE, T_PAGE, 0, 0},
  {"iframe", LAY_INLINE, T_DROP, 0, 0},
  {"legend", LAY_LINE, 0, 0, BOILOFF__HINT_FORM},
  {"li", LAY_LINE, 0, 0, BOILOFF__HINT_LIST_ITEM},
  {"main", LAY_LINE, 0, 0, BOILOFF__HINT_MAIN},
  {"menu", LAY_INLINE, 0, 0, BOILOFF__HINT_NAV},
  {"nav", LAY_LINE, 0, 0, BOILOFF__HINT_NAV},
  {"noembed", LAY_INLINE, T_DROP, 0, 0},
  {"ol", LAY_BLANK, 0, 0, 0},
  {"option", LAY_INLINE, 0, 0, BOILOFF__HINT_FORM},
  {"p", LAY_BLANK, 0, 0, BOILOFF__HINT_PARAGRAPH},
  {"pre", LAY_BLANK, 0, 0, BOILOFF__HINT_PRE},
  {"q", LAY_INLINE, 0, 0, BOILOFF__HINT_QUOTE},
  {"script", LAY_INLINE, T_DROP, 0, 0},
  {"select", LAY_INLINE, 0, 0, BOILOFF__HINT_FORM},
  {"style", LAY_INLINE, T_DROP, 0, 0},
  {"svg", LAY_INLINE, T_DROP, 0, 0},
  {"table", LAY_LINE, 0, 0, 0},
  {"td", LAY_INLINE, 0, 0, BOILOFF__HINT_TABLE},
  {"template", LAY_INLINE, T_DROP, 0, 0},
  {"textarea", LAY_INLINE, 0, 0, BOILOFF__HINT_FORM},
  {"th", LAY_INLINE, 0, 0, BOILOFF__HINT_TABLE},
  /* The <title> is metadata, not body text; it also repeats the headline,
   * which the classifier would then drop as a repeat. */
  {"title", LAY_BLANK, T_DROP | T_TITLE, 0, 0},
  {"tr", LAY_LINE, 0, 0, 0},
  {"ul", LAY_BLANK, 0, 0, 0}};

static const tag_info inline_tag = {"", LAY_INLINE, 0, 0, 0};

static int tag_cmp(const void *key, const void *elem)
{
  return strcmp(key, ((const tag_info *)elem)->name);
}

static const tag_info *tag_lookup(const char *name)
{
  const tag_info *t = bsearch(name, tags, sizeof tags / sizeof tags[0],
                              sizeof tags[0], tag_cmp);
  return t ? t : &inline_tag;
}

/* One open element, with what it passes on to its descendants. */
typedef struct frame {
  unsigned flags;    /* BOILOFF__HINT_* */
  unsigned families; /* class/id word families of it and its ancestors */
  unsigned char layout;
  unsigned char level;
  unsigned char drop;
  unsigned char link;
  unsigned char title; /* inside <title> */
} frame;

enum { PREV_TEXT, PREV_LINE, PREV_BLANK };

struct boiloff__html {
  const boiloff_allocator *alloc;
  char *from_code;
  size_t max_line;
  htmlParserCtxtPtr parser; /* created at the first bytes */
  boiloff__buf head;        /* first bytes, held for the charset prescan */
  boiloff__html_input input; /* the bytes on their way to the parser */
  int strict;
  size_t bom; /* bytes of a UTF-8 BOM at the start */
  boiloff__html_block_fn fn;
  void *user;
  boiloff_status error; /* from fn, or out of memory, inside a SAX event */
  frame stack[BOILOFF__HTML_MAX_DEPTH];
  size_t depth;
  size_t overflow;      /* elements open beyond the cap */
  size_t overflow_drop; /* overflow level of a dropped element, or 0 */
  /* The renderer. */
  int prev;           /* PREV_*: what came last */
  unsigned breaks;    /* line ends owed before the next text */
  int prev_space_end; /* the last text node ended in whitespace */
  int prev_paren_end; /* ... or with '(' */
  int node_started;   /* the current text node has shown a non-space */
  int node_space;     /* whitespace pending inside the current node */
  int node_space_end; /* the current node's last character was a space */
  int node_paren_end;
  boiloff__buf line;
  boiloff__block_hint hint; /* of the line being built */
  int line_fresh;           /* no text node in the line yet */
  unsigned long long line_chars, link_chars; /* non-space bytes */
  /* The page's first <title>, passed on (BOILOFF__HINT_TITLE) at its end;
   * only its first TITLE_BYTES count. */
  boiloff__buf title;
  int title_done;
};

#define TITLE_BYTES 512

/* ---- class and id words ------------------------------------------------ */

static int word_cmp(const void *key, const void *elem)
{
  return strcmp(key, ((const boiloff__class_word *)elem)->word);
}

static void word_lookup(const char *w, unsigned *families, unsigned *flags)
{
  const boiloff__class_word *e =
      bsearch(w, boiloff__class_words, boiloff__class_word_count,
              sizeof boiloff__class_words[0], word_cmp);
  if (e) {
    *families |= e->families;
    *flags |= e->flags;
  }
}

static int is_alnum(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

static int is_upper(int c)
{
  return c >= 'A' && c <= 'Z';
}

void boiloff__html_class_words(const char *value, unsigned *families,
                               unsigned *flags)
{
  const unsigned char *p = (const unsigned char *)value;
  *families = *flags = 0;
  while (*p) {
    char tok[48], word[48];
    size_t n = 0, w = 0;
    while (*p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
                  *p == '\f'))
      p++;
    /* One token (a class name); longer ones are not words we know. */
    while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
                   *p == '\f')) {
      if (n + 1 < sizeof tok)
        tok[n] = (char)*p;
      n++;
      p++;
    }
    if (n == 0 || n + 1 >= sizeof tok)
      continue;
    /* WordPress's tag-* and category-* classes and ids made from a
     * heading ("sharing-with-a-single-developer") name the text, not a
     * widget. */
    if (strncmp(tok, "tag-", 4) == 0 || strncmp(tok, "category-", 9) == 0)
      continue;
    tok[n] = '\0';
    {
      size_t i;
      char low[48];
      for (i = 0; i <= n; i++)
        low[i] = is_upper(tok[i]) ? (char)(tok[i] + 32) : tok[i];
      word_lookup(low, families, flags); /* whole: "more-stories" */
    }
    /* Then word by word: at separators and lower-to-upper humps; a name
     * of more than four words is a slug of text. */
    {
      size_t i, words = 0;
      for (i = 0; i < n; i++)
        if (is_alnum((unsigned char)tok[i]) &&
            (i == 0 || !is_alnum((unsigned char)tok[i - 1])))
          words++;
      if (words > 4)
        continue;
      for (i = 0; i <= n; i++) {
        int c = (unsigned char)tok[i];
        int end = c == '\0' || !is_alnum(c) ||
                  (is_upper(c) && i > 0 && tok[i - 1] >= 'a' &&
                   tok[i - 1] <= 'z');
        if (end && w) {
          word[w] = '\0';
          word_lookup(word, families, flags);
          w = 0;
        }
        if (is_alnum(c))
          word[w++] = is_upper(c) ? (char)(c + 32) : (char)c;
      }
    }
  }
}

/* ---- attributes ---------------------------------------------------------- */

static int ascii_lower(int c)
{
  return is_upper(c) ? c + 32 : c;
}

static int ieq(const char *a, const char *b)
{
  while (*a && ascii_lower((unsigned char)*a) == *b)
    a++, b++;
  return *a == '\0' && *b == '\0';
}

/* Does the CSS text say display:none or visibility:hidden? */
static int style_hides(const char *s)
{
  char squeezed[256];
  size_t n = 0;
  for (; *s && n + 1 < sizeof squeezed; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      squeezed[n++] = (char)ascii_lower((unsigned char)*s);
  squeezed[n] = '\0';
  return strstr(squeezed, "display:none") != NULL ||
         strstr(squeezed, "visibility:hidden") != NULL;
}

static void read_attributes(frame *f, const xmlChar **atts, int in_main)
{
  size_t i;
  if (!atts)
    return;
  for (i = 0; atts[i]; i += 2) {
    const char *name = (const char *)atts[i];
    const char *value = atts[i + 1] ? (const char *)atts[i + 1] : "";
    if (strcmp(name, "class") == 0 || strcmp(name, "id") == 0) {
      unsigned fam, flags;
      boiloff__html_class_words(value, &fam, &flags);
      f->families |= fam;
      f->flags |= flags;
    } else if (strcmp(name, "hidden") == 0) {
      f->flags |= BOILOFF__HINT_HIDDEN;
    } else if (strcmp(name, "aria-hidden") == 0) {
      if (ieq(value, "true"))
        f->flags |= BOILOFF__HINT_HIDDEN;
    } else if (strcmp(name, "style") == 0) {
      if (style_hides(value))
        f->flags |= BOILOFF__HINT_HIDDEN;
    } else if (strcmp(name, "role") == 0) {
      if (ieq(value, "navigation") || ieq(value, "menu") ||
          ieq(value, "menubar"))
        f->flags |= BOILOFF__HINT_NAV;
      else if (ieq(value, "banner") && !in_main)
        f->flags |= BOILOFF__HINT_HEADER;
      else if (ieq(value, "contentinfo"))
        f->flags |= BOILOFF__HINT_FOOTER;
      else if (ieq(value, "complementary"))
        f->flags |= BOILOFF__HINT_ASIDE;
      else if (ieq(value, "main") || ieq(value, "article"))
        f->flags |= BOILOFF__HINT_MAIN;
      else if (ieq(value, "search"))
        f->flags |= BOILOFF__HINT_FORM;
    } else if (strcmp(name, "itemprop") == 0) {
      if (ieq(value, "articlebody"))
        f->flags |= BOILOFF__HINT_MAIN;
    }
  }
}

/* ---- the renderer -------------------------------------------------------- */

static boiloff_status emit(boiloff__html *h, const char *text, size_t len,
                           int continued)
{
  boiloff__block_hint hint = h->hint;
  if (h->line_chars)
    hint.link_density = (double)h->link_chars / (double)h->line_chars;
  return h->fn(h->user, text, len, continued, &hint);
}

/* Where to cut an over-long line: after the last space before the cap,
 * else at the last character boundary before it. */
static size_t cut_point(const char *s, size_t cap)
{
  size_t i = cap;
  while (i > cap / 2) {
    if (s[i - 1] == ' ')
      return i;
    i--;
  }
  i = cap;
  while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
    i--;
  return i ? i : cap;
}

static boiloff_status flush_long(boiloff__html *h)
{
  while (h->line.len >= h->max_line) {
    size_t cut = cut_point(h->line.data, h->max_line);
    boiloff_status st = emit(h, h->line.data, cut, 1);
    boiloff__buf_consume(&h->line, cut);
    if (st != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

static boiloff_status end_line(boiloff__html *h)
{
  boiloff_status st = emit(h, h->line.data ? h->line.data : "", h->line.len, 0);
  boiloff__buf_clear(&h->line);
  memset(&h->hint, 0, sizeof h->hint);
  h->line_fresh = 1;
  h->line_chars = h->link_chars = 0;
  return st;
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
  static const frame root = {0, 0, LAY_INLINE, 0, 0, 0, 0};
  return h->depth ? &h->stack[h->depth - 1] : &root;
}

/* html-text's add_newlines: a request for a line end or a blank line,
 * merged with what came just before. */
static void layout(boiloff__html *h, int lay)
{
  if (h->prev == PREV_BLANK || lay == LAY_INLINE)
    return;
  if (lay == LAY_BLANK) {
    h->breaks += h->prev == PREV_LINE ? 1 : 2;
    h->prev = PREV_BLANK;
  } else if (h->prev != PREV_LINE) {
    h->breaks++;
    h->prev = PREV_LINE;
  }
}

/* The first visible character of a text node: settle the line breaks owed
 * and the space that joins it to the text before. */
static boiloff_status node_start(boiloff__html *h, unsigned char c)
{
  const frame *f = top(h);
  boiloff_status st;
  if (h->breaks) {
    unsigned blank = h->breaks - 1;
    h->breaks = 0;
    if (h->line.len || !h->line_fresh)
      if ((st = end_line(h)) != BOILOFF_OK)
        return st;
    while (blank--)
      if ((st = end_line(h)) != BOILOFF_OK)
        return st;
  } else if (h->prev == PREV_TEXT && h->line.len) {
    int punct = c == ',' || c == ':' || c == ';' || c == '.' || c == '!' ||
                c == '?' || c == '"' || c == ')';
    if (h->prev_space_end || !(punct || h->prev_paren_end))
      if ((st = boiloff__buf_putc(&h->line, ' ')) != BOILOFF_OK)
        return st;
  }
  /* The line's hint is what all its text nodes share. */
  if (h->line_fresh) {
    h->hint.flags = f->flags;
    h->hint.class_families = f->families;
    h->hint.heading_level = f->level;
    h->line_fresh = 0;
  } else {
    h->hint.flags &= f->flags;
    h->hint.class_families &= f->families;
  }
  h->node_started = 1;
  h->prev = PREV_TEXT;
  return BOILOFF_OK;
}

static void node_end(boiloff__html *h)
{
  if (h->node_started) {
    h->prev_space_end = h->node_space_end;
    h->prev_paren_end = h->node_paren_end;
  }
  h->node_started = h->node_space = 0;
  h->node_space_end = h->node_paren_end = 0;
}

/* Bytes of the Unicode whitespace character at s (Python's \s), or 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
  unsigned c = s[0];
  if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f))
    return 1;
  if (c == 0xc2 && n >= 2 && (s[1] == 0xa0 || s[1] == 0x85))
    return 2;
  if (n >= 3 && c == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
    return 3;
  if (n >= 3 && c == 0xe2 && s[1] == 0x80 &&
      (s[2] <= 0x8a || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
    return 3;
  if (n >= 3 && c == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
    return 3;
  if (n >= 3 && c == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
    return 3;
  return 0;
}

/* Appends s[0..n) with every invalid UTF-8 sequence replaced by U+FFFD:
 * libxml2 2.9 passes bytes through unchecked when the document says it is
 * UTF-8, and our output must be valid UTF-8 whatever the input. */
static boiloff_status append_utf8(boiloff__buf *out, const unsigned char *s,
                                  size_t n)
{
  size_t i = 0, start = 0;
  boiloff_status st;
  while (i < n) {
    uint32_t cp;
    size_t k;
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    k = boiloff__utf8_decode(s + i, n - i, &cp);
    if (k > 1 || cp != BOILOFF_REPLACEMENT_CHAR) {
      i += k;
      continue;
    }
    if ((st = boiloff__buf_append(out, (const char *)s + start, i - start)) != BOILOFF_OK ||
        (st = boiloff__buf_append(out, "\xEF\xBF\xBD", 3)) != BOILOFF_OK)
      return st;
    start = ++i;
  }
  return boiloff__buf_append(out, (const char *)s + start, n - start);
}

/* Passes the page's title on, once. */
static void pass_title(boiloff__html *h)
{
  boiloff__block_hint hint;
  boiloff_status st;
  memset(&hint, 0, sizeof hint);
  hint.flags = BOILOFF__HINT_TITLE;
  h->title_done = 1;
  if (h->title.len &&
      (st = h->fn(h->user, h->title.data, h->title.len, 0, &hint)) != BOILOFF_OK)
    fail(h, st);
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
  boiloff__html *h = ctx;
  const unsigned char *s = text;
  size_t n = len > 0 ? (size_t)len : 0, i = 0;
  const frame *f = top(h);
  boiloff_status st;
  if (h->error != BOILOFF_OK || h->overflow_drop)
    return;
  if (f->drop) {
    size_t room = TITLE_BYTES - h->title.len; /* title.len <= TITLE_BYTES */
    if (f->title && !h->title_done && room &&
        (st = boiloff__buf_append(&h->title, (const char *)s, n < room ? n : room)) !=
            BOILOFF_OK)
      fail(h, st);
    return;
  }
  while (i < n) {
    size_t sp = space_len(s + i, n - i), run = 0;
    if (sp) {
      h->node_space = h->node_started;
      h->node_space_end = 1;
      h->node_paren_end = 0;
      i += sp;
      continue;
    }
    if (!h->node_started) {
      if ((st = node_start(h, s[i])) != BOILOFF_OK)
        return fail(h, st);
    } else if (h->node_space) {
      if ((st = boiloff__buf_putc(&h->line, ' ')) != BOILOFF_OK)
        return fail(h, st);
    }
    h->node_space = 0;
    /* The run of visible characters up to the next space. */
    while (i + run < n && !space_len(s + i + run, n - i - run))
      run++;
    if ((st = append_utf8(&h->line, s + i, run)) != BOILOFF_OK)
      return fail(h, st);
    h->line_chars += run;
    if (f->link)
      h->link_chars += run;
    h->node_space_end = 0;
    h->node_paren_end = s[i + run - 1] == '(';
    i += run;
    if (h->line.len >= h->max_line &&
        (st = flush_long(h)) != BOILOFF_OK)
      return fail(h, st);
  }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
  boiloff__html *h = ctx;
  const tag_info *t = tag_lookup((const char *)name);
  const frame *parent = top(h);
  frame *f;
  if (h->error != BOILOFF_OK)
    return;
  node_end(h);
  if (h->depth == BOILOFF__HTML_MAX_DEPTH) {
    /* Too deep to remember: the element takes its parent's hint, but its
     * layout and dropping still count. */
    h->overflow++;
    if (parent->drop || h->overflow_drop)
      return;
    if (t->props & T_DROP)
      h->overflow_drop = h->overflow;
    else
      layout(h, t->layout);
    return;
  }
  f = &h->stack[h->depth];
  *f = *parent;
  f->layout = t->layout;
  f->drop = parent->drop || (t->props & T_DROP);
  /* The page's <title>, not an <svg>'s (inside a dropped element). */
  f->title = parent->title || ((t->props & T_TITLE) && !parent->drop);
  f->link = parent->link || (t->props & T_LINK);
  f->flags |= t->hint;
  if ((t->props & T_MAINISH) && (parent->flags & BOILOFF__HINT_MAIN))
    f->flags &= ~(unsigned)BOILOFF__HINT_HEADER; /* an article's header */
  if (t->level)
    f->level = t->level;
  if (!(t->props & T_PAGE))
    read_attributes(f, atts, (parent->flags & BOILOFF__HINT_MAIN) != 0);
  h->depth++;
  if (!f->drop)
    layout(h, f->layout);
}

static void on_end(void *ctx, const xmlChar *name)
{
  boiloff__html *h = ctx;
  if (h->error != BOILOFF_OK)
    return;
  node_end(h);
  if (h->overflow) {
    const tag_info *t = tag_lookup((const char *)name);
    if (h->overflow_drop) {
      if (h->overflow_drop == h->overflow)
        h->overflow_drop = 0;
    } else if (!top(h)->drop) {
      layout(h, t->layout);
    }
    h->overflow--;
    return;
  }
  if (h->depth) {
    const frame *f = &h->stack[--h->depth];
    if (!f->drop)
      layout(h, f->layout);
    else if (f->title && !top(h)->title && !h->title_done)
      pass_title(h);
  }
}

static void on_error(void *ctx, xmlErrorPtr error)
{
  (void)ctx;
  (void)error; /* the library never prints; a broken page is still a page */
}

/* ---- detection ----------------------------------------------------------- */

/* Case-insensitive: does s[0..n) start with the lower-case word w?  -1 when
 * s is too short to tell. */
static int starts_with(const unsigned char *s, size_t n, const char *w)
{
  size_t i;
  for (i = 0; w[i]; i++) {
    if (i >= n)
      return -1;
    if (ascii_lower(s[i]) != (unsigned char)w[i])
      return 0;
  }
  return 1;
}

int boiloff__html_sniff(const char *buf, size_t len, int final)
{
  static const char *const openers[] = {"<!doctype html", "<html", "<head",
                                        "<body", "<meta", "<title"};
  unsigned char s[BOILOFF__HTML_SNIFF];
  const unsigned char *b = (const unsigned char *)buf;
  size_t n = 0, i = 0, step = 1, ntags = 0, k;
  int undecided = 0;
  /* UTF-16 with a BOM: look at the low bytes only. */
  if (len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
                   (b[0] == 0xfe && b[1] == 0xff))) {
    i = b[0] == 0xff ? 2 : 3;
    step = 2;
  } else if (len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
    i = 3;
  }
  for (; i < len && n < sizeof s; i += step)
    s[n++] = b[i];
  for (i = 0; i < n && (s[i] == ' ' || (s[i] >= 0x09 && s[i] <= 0x0d)); i++)
    ;
  if (i == n)
    return final ? 0 : -1;
  if (s[i] != '<')
    return 0; /* text does not start with a tag */
  for (k = 0; k < sizeof openers / sizeof openers[0]; k++) {
    int r = starts_with(s + i, n - i, openers[k]);
    if (r > 0)
      return 1;
    if (r < 0)
      undecided = 1;
  }
  if (undecided && !final)
    return -1;
  if (starts_with(s + i, n - i, "<?xml") > 0) {
    for (k = i; k + 5 <= n; k++)
      if (starts_with(s + k, n - k, "<html") > 0)
        return 1;
  }
  if (!final && n < sizeof s)
    return -1; /* judge the density on a full window */
  /* Anything else starting with '<' (an XML declaration, a comment, a
   * bare <div>): HTML when tags are dense. */
  for (k = i; k + 1 < n; k++)
    if (s[k] == '<' && (s[k + 1] == '/' || s[k + 1] == '!' ||
                        (ascii_lower(s[k + 1]) >= 'a' &&
                         ascii_lower(s[k + 1]) <= 'z')))
      ntags++;
  return ntags >= 3 && ntags * 400 >= n - i;
}

/* ---- the parser ---------------------------------------------------------- */

boiloff__html *boiloff__html_new(const boiloff_allocator *a,
                                 const boiloff_options *opts)
{
  boiloff__html *h = boiloff__calloc(a, 1, sizeof *h);
  if (!h)
    return NULL;
  h->alloc = a;
  h->max_line = opts && opts->max_line_bytes ? opts->max_line_bytes
                                             : DEFAULT_MAX_LINE;
  if (h->max_line < 16)
    h->max_line = 16;
  h->strict = opts && (opts->flags & BOILOFF_OPT_STRICT) != 0;
  if (opts && opts->from_code &&
      !(h->from_code = boiloff__strdup(a, opts->from_code))) {
    boiloff__free(a, h);
    return NULL;
  }
  boiloff__buf_init(&h->line, a);
  boiloff__buf_init(&h->head, a);
  boiloff__buf_init(&h->title, a);
  boiloff__html_input_init(&h->input, a);
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
  const unsigned char *s = (const unsigned char *)h->head.data;
  size_t n = h->head.len;
  const char *name;
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
  if (n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff))) {
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
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_text; /* script and style bodies: dropped there */
  sax.serror = on_error;
  sax.initialized = XML_SAX2_MAGIC; /* so that serror is used */
  /* The first bytes go in with the context so libxml2 can read a BOM. */
  h->parser = htmlCreatePushParserCtxt(&sax, h, h->head.data + h->bom,
                                       (int)given, NULL, XML_CHAR_ENCODING_NONE);
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

static boiloff_status parse(boiloff__html *h, const char *buf, size_t len,
                            int terminate)
{
  quiet q;
  quiet_begin(&q);
  while (h->error == BOILOFF_OK && (len || terminate)) {
    /* htmlParseChunk takes an int size. */
    int n = len > (1u << 30) ? 1 << 30 : (int)len;
    int last = terminate && (size_t)n == len;
    htmlParseChunk(h->parser, buf, n, last);
    if (h->parser->errNo == XML_ERR_NO_MEMORY)
      fail(h, BOILOFF_ERR_NOMEM);
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

/* Creates the parser and passes it the held first bytes.  A UTF-8 BOM is
 * not the page's text: it says UTF-8 and goes no further. */
static boiloff_status start(boiloff__html *h)
{
  const unsigned char *s = (const unsigned char *)h->head.data;
  size_t given, n = h->head.len;
  int mode;
  boiloff_status st;
  h->bom = n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf ? 3 : 0;
  given = n - h->bom >= 4 ? 4 : 0;
  if ((st = create_parser(h, given, &mode)) != BOILOFF_OK)
    return st;
  boiloff__html_input_reset(&h->input, mode, h->strict, h->bom);
  /* The bytes given with the context are scanned for the markup state
   * only: the parser has them. */
  if ((st = boiloff__html_input_scan(&h->input, h->head.data + h->bom, given,
                                     to_parser, h)) != BOILOFF_OK)
    return st;
  boiloff__buf_clear(&h->input.out);
  st = boiloff__html_input_scan(&h->input, h->head.data + h->bom + given,
                                n - h->bom - given, to_parser, h);
  boiloff__buf_clear(&h->head);
  return st;
}

boiloff_status boiloff__html_feed(boiloff__html *h, const char *buf,
                                  size_t len, boiloff__html_block_fn fn,
                                  void *user)
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
  if ((st = boiloff__html_input_scan(&h->input, buf, len, to_parser, h)) != BOILOFF_OK)
    return h->error = st;
  return h->error;
}

boiloff_status boiloff__html_finish(boiloff__html *h,
                                    boiloff__html_block_fn fn, void *user)
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
  if ((st = parse(h, h->input.out.len ? h->input.out.data : "", h->input.out.len,
                  1)) != BOILOFF_OK)
    return st;
  boiloff__buf_clear(&h->input.out);
  node_end(h);
  if (h->line.len)
    if ((st = end_line(h)) != BOILOFF_OK)
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
  h->prev = PREV_BLANK; /* nothing before the first text */
  h->breaks = 0;
  h->prev_space_end = h->prev_paren_end = 0;
  h->node_started = h->node_space = 0;
  h->node_space_end = h->node_paren_end = 0;
  boiloff__buf_clear(&h->line);
  memset(&h->hint, 0, sizeof h->hint);
  h->line_fresh = 1;
  h->line_chars = h->link_chars = 0;
  boiloff__buf_clear(&h->title);
  h->title_done = 0;
}

void boiloff__html_free(boiloff__html *h)
{
  if (!h)
    return;
  if (h->parser)
    htmlFreeParserCtxt(h->parser);
  boiloff__buf_free(&h->line);
  boiloff__buf_free(&h->head);
  boiloff__buf_free(&h->title);
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
