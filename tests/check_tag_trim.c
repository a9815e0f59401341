/* check_tag_trim.c - what the scanner takes out before libxml2, against
 * libxml2 itself: random start tags, parsed as written and as trimmed,
 * must give libxml2's SAX the same elements, text and attributes that
 * boiloff reads (of a class or id, what its words name), in the same order, and
 * the trim must take something from many of them; random pages with comments,
 * as written and as the scanner hands them over with comments emptied, the same
 * elements and text. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynload.h"
#include "html_attributes.h"
#include "html_input.h"
#include "html_tag_trim.h"
#include "mem.h"

/* What libxml2 reported, as text. */
typedef struct events {
  char s[16384];
  size_t n;
  int title; /* inside a <title> */
  int fresh; /* no text but blanks since an element's start or end */
} events;

static void add(events *e, const char *s)
{
  size_t k = strlen(s);
  if (e->n + k < sizeof e->s) {
    memcpy(e->s + e->n, s, k + 1);
    e->n += k;
  }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
  events *e = ctx;
  size_t i;
  add(e, "<");
  add(e, (const char *)name);
  e->title = strcmp((const char *)name, "title") == 0;
  e->fresh = 1;
  for (i = 0; atts && atts[i]; i += 2) {
    const char *a = (const char *)atts[i],
               *v = atts[i + 1] ? (const char *)atts[i + 1] : NULL;
    int which = boiloff__html_attribute_which(a, strlen(a));
    char said[64];
    /* what says nothing may be blanked */
    if (which < 0 || (v && boiloff__html_attribute_idle(which, v, strlen(v))))
      continue;
    /* of a class or id, only what its words name (its silent tokens may
     * go) */
    if (v && boiloff__html_attribute_worded(which)) {
      unsigned fam, fl;
      boiloff__html_class_words(v, &fam, &fl, NULL);
      snprintf(said, sizeof said, "names %x/%x", fam, fl);
      v = said;
    }
    add(e, " ");
    add(e, a);
    add(e, v ? "=[" : "");
    add(e, v ? v : "");
    add(e, v ? "]" : "");
  }
  add(e, ">");
}

static void on_end(void *ctx, const xmlChar *name)
{
  ((events *)ctx)->title = 0;
  ((events *)ctx)->fresh = 1;
  add(ctx, "</");
  add(ctx, (const char *)name);
  add(ctx, ">");
}

static void on_text(void *ctx, const xmlChar *s, int n)
{
  char buf[256];
  snprintf(buf, sizeof buf, "{%.*s}", n, (const char *)s);
  add(ctx, buf);
}

/* The n bytes of page as libxml2's push parser reads them, text going to
 * `text`, in UTF-8 (with its UTF-8 handler if `handler`, as html.c reads
 * a page that declares or shows UTF-8): the page, then its end, so that
 * it looks for a tag's '>' as in a run. */
static void push_parse(const char *page, size_t n, events *e,
                       charactersSAXFunc text, int handler)
{
  htmlSAXHandler sax;
  htmlParserCtxtPtr p;
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = text;
  sax.ignorableWhitespace = text;
  e->n = 0;
  e->s[0] = '\0';
  e->title = 0;
  e->fresh = 1;
  p = htmlCreatePushParserCtxt(&sax, e, "", 0, NULL,
                               handler ? XML_CHAR_ENCODING_NONE
                                       : XML_CHAR_ENCODING_UTF8);
  ck_assert_ptr_nonnull(p);
  htmlCtxtUseOptions(p, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (handler)
    xmlSwitchToEncoding(p, xmlFindCharEncodingHandler("UTF-8"));
  htmlParseChunk(p, page, (int)n, 0);
  htmlParseChunk(p, "", 0, 1);
  htmlFreeParserCtxt(p);
}

/* The page "<body><p>" TAG "text" as libxml2 reads it (with its UTF-8
 * handler if `handler`). */
static void parse(const char *tag, size_t len, events *e, int handler)
{
  static const char before[] = "<html><body><p>", after[] = "QZQ<b>x</b>";
  char page[4096];
  size_t n = 0;
  memcpy(page, before, sizeof before - 1);
  n += sizeof before - 1;
  memcpy(page + n, tag, len);
  n += len;
  memcpy(page + n, after, sizeof after - 1);
  n += sizeof after - 1;
  push_parse(page, n, e, on_text, handler);
}

/* A deterministic generator, so that a failure comes back. */
static unsigned long rng = 12345;
static unsigned pick(unsigned n)
{
  rng = rng * 6364136223846793005ul + 1442695040888963407ul;
  return (unsigned)((rng >> 33) % n);
}

/* Attributes and fragments of them: names read and not, values quoted,
 * unquoted and with references, blanks (a form feed is none to libxml2),
 * and the bytes that make libxml2 skip (no name) or stop. */
static const char *const pieces[] = {" ",
                                     " ",
                                     " ",
                                     "\t",
                                     "\n",
                                     "\f",
                                     "  ",
                                     "class",
                                     "ID",
                                     "style",
                                     "role",
                                     "content",
                                     "hidden",
                                     "href",
                                     "data-x",
                                     "a",
                                     "onclick",
                                     "SRC",
                                     "x:y",
                                     "_u",
                                     ".v",
                                     "w-",
                                     "=",
                                     "=",
                                     " = ",
                                     "\"v a\"",
                                     "'x>y'",
                                     "\"&amp;&#x41;&bogus;&\"",
                                     "\"it's\"",
                                     "'say \"hi\"'",
                                     "v",
                                     "v/",
                                     "&amp;",
                                     "\xC3\xA9",
                                     "\"\xC3\xA9t\xC3\xA9\"",
                                     "\"nav x-y\"",
                                     "\" a share-bar\tb \"",
                                     "'menu charset \xC3\xA9'",
                                     "\"u content nav&amp;\"",
                                     "\xC3",
                                     "\"\xFF\"",
                                     "<",
                                     "&",
                                     "\"",
                                     "'",
                                     "/",
                                     "/",
                                     "=",
                                     "9",
                                     "-",
                                     "!"};

static size_t random_tag(char *t)
{
  static const char *const names[] = {"div", "A",     "img", "meta",
                                      "br",  "my-el", "h1",  "x.y"};
  size_t n, k, items = pick(9);
  n = (size_t)sprintf(t, "<%s", names[pick(8)]);
  for (k = 0; k < items; k++) {
    const char *s = pieces[pick(sizeof pieces / sizeof pieces[0])];
    if (pick(5) == 0) { /* a whole attribute */
      static const char *const values[] = {"u v", "", "u nav v", "sidebar"};
      n += (size_t)sprintf(t + n, " %s=\"%s\"", pick(2) ? "title" : "class",
                           values[pick(4)]);
      continue;
    }
    strcpy(t + n, s);
    n += strlen(s);
  }
  if (pick(20) == 0) { /* a name past libxml2's 100 bytes */
    memset(t + n, 'q', 120);
    n += 120;
    t[n++] = '=';
    t[n++] = '1';
  }
  strcpy(t + n, pick(4) ? ">" : "/>");
  return n + strlen(t + n);
}

START_TEST(test_trim_as_libxml2_reads)
{
  int how, round;
  unsigned long trimmed = 0, tags = 0, apart = 0;
  events a, b;
  ck_assert_int_eq(boiloff__libxml2_load(), BOILOFF_OK);
  for (how = BOILOFF__TRIM_NONE; how <= BOILOFF__TRIM_REMOVE; how++)
    for (round = 0; round < 30000; round++) {
      char tag[1024], orig[1024];
      size_t len = random_tag(tag), left = len;
      int end;
      memcpy(orig, tag, len + 1);
      end = boiloff__html_tag_trim(tag, &left, how, NULL);
      tags++;
      ck_assert_uint_le(left, len);
      if (end == BOILOFF__TAG_APART) {
        ck_assert_uint_eq(left, len);
        ck_assert_mem_eq(tag, orig, len);
        apart++;
        continue;
      }
      /* Bytes are removed only where libxml2 reads with the handler. */
      parse(orig, len, &a, how == BOILOFF__TRIM_REMOVE);
      /* Read where libxml2 ends it: the text after is text. */
      ck_assert_msg(strstr(a.s, "{QZQ") != NULL, "tag [%s]: %s", orig, a.s);
      if (left == len && memcmp(tag, orig, len) == 0)
        continue;
      ck_assert_int_ne(how, BOILOFF__TRIM_NONE);
      /* blanked: no byte moves */
      ck_assert(how == BOILOFF__TRIM_REMOVE || left == len);
      trimmed++;
      parse(tag, left, &b, how == BOILOFF__TRIM_REMOVE);
      ck_assert_msg(strcmp(a.s, b.s) == 0,
                    "tag [%s] trimmed to [%.*s]:\n%s\nagainst\n%s", orig,
                    (int)left, tag, a.s, b.s);
    }
  /* The generator makes tags read apart too, and not only those. */
  ck_assert_uint_gt(apart, tags / 50);
  ck_assert_uint_lt(apart, tags / 2);
  /* Not a test that passes by trimming nothing: of these random tags,
   * about one in ten loses an attribute. */
  ck_assert_uint_gt(trimmed, tags / 20);
}
END_TEST

/* The tag with each run of spaces made one. */
static void squeeze(char *t)
{
  char *to = t, *from = t;
  for (; *from; from++)
    if (*from != ' ' || to == t || to[-1] != ' ')
      *to++ = *from;
  *to = '\0';
}

/* What stops an attribute's removal or blanking stops it wherever it
 * stands in the value (the scan reads sixteen bytes a step, the last few
 * apart), in any case; the same word cut short does not.  Blanked, where
 * libxml2 may search the bytes for a charset, or convert them from
 * another: only ASCII, and not the words it looks for.  Removed, where it
 * reads them with its UTF-8 handler: valid UTF-8. */
START_TEST(test_trim_stoppers)
{
  static const char *const blank_stops[] = {
      "cHarset", "Content", "HTTP-Equiv", "<", ">", "\xC3\xA9", NULL};
  static const char *const blank_misses[] = {"charse", "conten", "http-equi",
                                             "chars-et", NULL};
  static const char *const remove_stops[] = {
      "<", ">", "\xC3", "\xFF", "\xE2\x82", "\xED\xA0\x80", "\xC0\xAF", NULL};
  static const char *const remove_misses[] = {
      "cHarset",          "Content",      "HTTP-Equiv", "\xC3\xA9",
      "\xF0\x9F\x98\x80", "\xE2\x80\x9C", NULL};
  int how;
  for (how = BOILOFF__TRIM_BLANK; how <= BOILOFF__TRIM_REMOVE; how++) {
    int blanks = how == BOILOFF__TRIM_BLANK;
    const char *const *lists[2] = {blanks ? blank_stops : remove_stops,
                                   blanks ? blank_misses : remove_misses};
    size_t at, list, i;
    for (at = 0; at <= 40; at++)
      for (list = 0; list < 2; list++)
        for (i = 0; lists[list][i]; i++) {
          const char *word = lists[list][i];
          char t[128], before[128];
          size_t n;
          int end;
          /* Unquoted too, so that the word ends the attribute; a '<' or
           * '>' would end the value there. */
          int quoted = (at & 1) || strchr("<>", word[0]) != NULL;
          n = (size_t)snprintf(t, sizeof t, "<a href=%s%.*s%s%s id=nav>",
                               quoted ? "\"" : "", (int)at,
                               "0123456789abdefgijklmnopqrstuvwxyz0123456789",
                               word, quoted ? "\"" : "");
          memcpy(before, t, n + 1);
          end = boiloff__html_tag_trim(t, &n, how, NULL);
          t[n] = '\0';
          /* a '>' in the quotes: libxml2 reads the value past it */
          ck_assert_int_eq(end, BOILOFF__TAG_OPEN);
          if (list == 0) {
            ck_assert_msg(strcmp(t, before) == 0, "cut: %s", before);
          } else {
            ck_assert_uint_eq(n,
                              blanks ? strlen(before) : strlen("<a id=nav>"));
            squeeze(t);
            ck_assert_msg(strcmp(t, "<a id=nav>") == 0, "kept: %s -> %s",
                          before, t);
          }
        }
  }
}
END_TEST

/* The tag trimmed `how` gives `want`, and ends where libxml2 ends it. */
static void trims_to(const char *tag, int how, const char *want)
{
  char t[128];
  size_t n = strlen(tag);
  memcpy(t, tag, n + 1);
  ck_assert_int_ne(boiloff__html_tag_trim(t, &n, how, NULL),
                   BOILOFF__TAG_APART);
  t[n] = '\0';
  ck_assert_str_eq(t, want);
}

/* The common shapes, exactly. */
START_TEST(test_trim_shapes)
{
  static const char *const cases[][2] = {
      {"<a href=\"/x\" class=\"nav\">", "<a class=\"nav\">"},
      /* a '>' or '<' stays, whatever libxml2 is in (see html_tag_trim.c) */
      {"<img src='a.png' alt=\"A > B\"/>", "<img alt=\"A > B\"/>"},
      {"<div data-x=1 id=menu>", "<div id=menu>"},
      {"<p async class=\"nav\">", "<p class=\"nav\">"},
      /* what libxml2's own charset search looks for goes, and valid UTF-8
       * (its UTF-8 handler reads them), but not an invalid sequence */
      {"<a href=\"?charset=koi8-r\" x=1>", "<a>"},
      {"<img alt=\"caf\xC3\xA9\" x=1>", "<img>"},
      {"<img alt=\"caf\xC3\" x=1>", "<img alt=\"caf\xC3\">"},
      /* an unquoted value before would take the '/' of "/>" */
      {"<a id=nav d=\"e\"/>", "<a id=nav d=\"e\"/>"},
      /* a '/' before would make a "/>" of the '>' */
      {"<a/ x=\"1\">", "<a/ x=\"1\">"},
      {"<a/ x=\"1\" y=2>", "<a/ y=2>"},
      /* a bare name before would take the '=' for its value */
      {"<a class x=\"1\" =\"y\">", "<a class x=\"1\" =\"y\">"},
      /* no blank before: the name would run on (its silent tokens go) */
      {"<a x=\"1\"class=\"c\">", "<a x=\"1\"class=\"\">"},
      /* a class, id or style that says nothing goes; one that says
       * something, with an entity or named twice stays */
      {"<p class=\"c x\" id=y style=\"color:red\" z=1>", "<p>"},
      {"<p class=\"nav\" style=\"display: none\">",
       "<p class=\"nav\" style=\"display: none\">"},
      {"<p class=\"&#99;\" x=1>", "<p class=\"&#99;\">"},
      {"<p class=\"c\" class=\"nav\">", "<p class=\"c\" class=\"nav\">"},
      /* of one that says something, the tokens that say nothing go, each
       * with the blanks after it */
      {"<p class=\"a nav b\" id=\" x menu\ty-z \">",
       "<p class=\"nav \" id=\" menu\t\">"},
      {"<p class=\"a b nav c d\">", "<p class=\"nav \">"},
      {"<p class=\"nav caf\xC3 x\">", "<p class=\"nav caf\xC3 x\">"},
      {"<p class=\"caf\xC3\xA9 nav x\">", "<p class=\"nav \">"},
      /* not an unquoted one: the blank would end it */
      {"<p class=nav x=1>", "<p class=nav>"},
      /* nor with an entity, or named twice */
      {"<p class=\"a nav &amp;\">", "<p class=\"a nav &amp;\">"},
      {"<p class=\"a nav\" class=\"x\">", "<p class=\"a nav\" class=\"x\">"},
      /* ... and then what goes beside it is blanked, not removed */
      {"<p x=1 class=\"c\" class=\"nav\">",
       "<p     class=\"c\" class=\"nav\">"},
      /* a <meta>'s charset stays: libxml2 reads it */
      {"<meta charset=\"utf-8\" name=\"x\">", "<meta charset=\"utf-8\">"}};
  /* Blanked, where bytes may not move. */
  static const char *const blanked[][2] = {
      {"<a href=\"/x\" class=\"nav\">", "<a           class=\"nav\">"},
      {"<p class=\"c x\" id=y style=\"color:red\" z=1>",
       "<p                                       >"},
      {"<a/ x=\"1\" y=2>", "<a/       y=2>"},
      {"<a href=\"?charset=koi8-r\" x=1>", "<a href=\"?charset=koi8-r\"    >"},
      {"<img alt=\"caf\xC3\xA9\" x=1>", "<img alt=\"caf\xC3\xA9\"    >"},
      {"<p class=\"a nav b\">", "<p class=\"  nav  \">"}};
  /* Where libxml2 ends a tag. */
  static const struct {
    const char *tag;
    int end;
  } ends[] = {
      {"<script src=\"a.js\"/>", BOILOFF__TAG_EMPTY},
      /* an unquoted value takes the '/' */
      {"<script src=a.js/>", BOILOFF__TAG_OPEN},
      {"<br/>", BOILOFF__TAG_EMPTY},
      {"<a x/>", BOILOFF__TAG_EMPTY},
      /* no name before the '=': libxml2 skips to the '>' in the quotes */
      {"<a =\"x>y\">", BOILOFF__TAG_APART},
      /* ... or to the blank, and reads a value past the '>' */
      {"<a=\"\rs=\">", BOILOFF__TAG_APART},
      /* an unquoted value ends at the first '>' */
      {"<a b==\"x>y\">", BOILOFF__TAG_APART},
      {"<a 1=\"x>y\">", BOILOFF__TAG_APART},
      /* a quote left open: libxml2 reads on past the '>' */
      {"<a x=\"1>", BOILOFF__TAG_APART}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    trims_to(cases[i][0], BOILOFF__TRIM_REMOVE, cases[i][1]);
  for (i = 0; i < sizeof blanked / sizeof blanked[0]; i++)
    trims_to(blanked[i][0], BOILOFF__TRIM_BLANK, blanked[i][1]);
  for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    char t[128];
    size_t n = strlen(ends[i].tag);
    memcpy(t, ends[i].tag, n + 1);
    ck_assert_msg(boiloff__html_tag_trim(t, &n, BOILOFF__TRIM_NONE, NULL) ==
                      ends[i].end,
                  "%s", ends[i].tag);
  }
}
END_TEST

/* Text with each run of blanks one space, across calls too, and none
 * before a node's first other byte (after an element's start or end), as
 * the renderer reads it; in a <title>, each blank shown, as html.c takes
 * it. */
static void on_text_squeezed(void *ctx, const xmlChar *s, int n)
{
  events *e = ctx;
  char buf[1024];
  int i, k = 0, space = e->n && e->s[e->n - 1] == ' ';
  for (i = 0; i < n && k + 1 < (int)sizeof buf; i++) {
    char c = (char)s[i];
    int b = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (e->title)
      buf[k++] = !b          ? c
                 : c == ' '  ? '_'
                 : c == '\t' ? 'T'
                 : c == '\n' ? 'N'
                             : 'R';
    else if (!b)
      buf[k++] = c == '<' ? '\1' : c;
    else if (!space && !e->fresh && !(k && buf[k - 1] == ' '))
      buf[k++] = ' ';
    if (!b)
      e->fresh = 0;
    if (!b || e->title)
      space = 0;
  }
  buf[k] = '\0';
  add(e, buf);
}

static boiloff_status take(void *user, const char *buf, size_t len)
{
  return boiloff__buf_append(user, buf, len);
}

/* The n bytes of page as the scanner hands them to libxml2 where html.c
 * lets it remove bytes, into *out (which the caller frees). */
static void hand_over(const char *page, size_t n, boiloff__buf *out)
{
  boiloff__html_input in;
  boiloff__html_input_sink to = {take, NULL, out};
  boiloff__buf_init(out, &boiloff__default_allocator);
  boiloff__html_input_init(&in, &boiloff__default_allocator);
  boiloff__html_input_reset(&in, BOILOFF__INPUT_UTF8, 0, 0);
  in.trims = in.removes = 1; /* as html.c sets them */
  ck_assert_int_eq(boiloff__html_input_scan(&in, page, n, &to), BOILOFF_OK);
  ck_assert_int_eq(boiloff__html_input_end(&in), BOILOFF_OK);
  ck_assert_int_eq(take(out, in.out.data, in.out.len), BOILOFF_OK);
  boiloff__html_input_free(&in);
}

/* Each page of cases[i][0], handed over by `hand`, is cases[i][1]. */
static void hands_over_as(const char *const cases[][2], size_t n,
                          void (*hand)(const char *, size_t, boiloff__buf *))
{
  size_t i;
  for (i = 0; i < n; i++) {
    boiloff__buf out;
    hand(cases[i][0], strlen(cases[i][0]), &out);
    ck_assert_msg(out.len == strlen(cases[i][1]) &&
                      memcmp(out.data, cases[i][1], out.len) == 0,
                  "[%s] handed over as [%.*s]", cases[i][0], (int)out.len,
                  out.data ? out.data : "");
    boiloff__buf_free(&out);
  }
}

/* Comments and what may look like their ends, in text, tags and bodies,
 * with invalid UTF-8 too, and tags read apart. */
static const char *const page_pieces[] = {
    "<!--", "<!--", "-->", "--!>", "-", "--", "!", ">", "<", "x", " ", "\n",
    "<b>", "</b>", "<p>", "</p>", "<a title='-->'>", "<!-->", "<!--->",
    "<!---->", "\xC3\xA9", "\xC3", "&amp;", "<script>", "</script>", "<style>",
    "</style>", "<!", "<!-x",
    /* tags that libxml2 reads apart from the scanner */
    "<i x=\"1>", "<i =\"x>y\">", "<i b==\"x>y\">", "\"", "'"};

/* Does libxml2 read the scanner's hand-over of the n bytes of page as
 * it reads the wn bytes of `want` (the page as libxml2 should see it),
 * blanks squeezed?  Asserted; returns whether bytes were taken out. */
static int reads_as(const char *want, size_t wn, const char *page, size_t n)
{
  static events a, b;
  boiloff__buf out;
  int shorter;
  hand_over(page, n, &out);
  shorter = out.len < n;
  push_parse(want, wn, &a, on_text_squeezed, 1);
  push_parse(out.data ? out.data : "", out.len, &b, on_text_squeezed, 1);
  ck_assert_msg(strcmp(a.s, b.s) == 0,
                "page [%.*s] handed over as [%.*s]:\n%s\nagainst\n%s", (int)n,
                page, (int)out.len, out.data ? out.data : "", a.s, b.s);
  boiloff__buf_free(&out);
  return shorter;
}

START_TEST(test_comments_as_libxml2_reads)
{
  int round;
  unsigned long emptied = 0;
  ck_assert_int_eq(boiloff__libxml2_load(), BOILOFF_OK);
  for (round = 0; round < 20000; round++) {
    char page[2048];
    size_t n = (size_t)sprintf(page, "<html><body><p>lede"), k,
           items = 1 + pick(24);
    for (k = 0; k < items; k++) {
      const char *s =
          page_pieces[pick(sizeof page_pieces / sizeof page_pieces[0])];
      strcpy(page + n, s);
      n += strlen(s);
    }
    n += (size_t)sprintf(page + n, "<p>tail</p>");
    emptied += reads_as(page, n, page, n);
  }
  /* Not a test that passes by emptying nothing. */
  ck_assert_uint_gt(emptied, 20000 / 4);
}
END_TEST

/* Runs of blanks of every length that matters: shorter than the scanner
 * keeps, and at and around its BLANKS_KEPT and libxml2's 1000 bytes;
 * where no element is open, in <html> and <head>, in a <title>, around
 * entities, Word's conditions (dropped, so that the blanks around them
 * are one run), text that starts with '<' and comments. */
static const char *const blank_pieces[] = {
    "<html>",   "<head>",     "<title>",    "</title>", "<body>",
    "</body>",  "</html>",    "<p>",        "</p>",     "<div class=\"a  b\">",
    "</div>",   "x",          "two words",  "&amp;",    "&#32;",
    "&#9;",     "<![if !x]>", "<![endif]>", "< ",       "<!-- c -->",
    "\xC3\xA9", " ",          "\n",         "\t",       "\r",
    "  ",       " \n\t\r ",   "\f",         "<pre>",    "</pre>"};

START_TEST(test_blanks_as_libxml2_reads)
{
  static const size_t longs[] = {255,  256,  257,  258, 999,
                                 1000, 1001, 1500, 2100};
  static char page[65536], plain[65536];
  int round;
  unsigned long collapsed = 0;
  ck_assert_int_eq(boiloff__libxml2_load(), BOILOFF_OK);
  for (round = 0; round < 20000; round++) {
    size_t n = 0, m = 0, k, items = 1 + pick(20);
    for (k = 0; k < items; k++) {
      if (pick(8) == 0) {
        size_t len = longs[pick(sizeof longs / sizeof longs[0])], j;
        for (j = 0; j < len; j++)
          page[n++] = plain[m++] = " \n\t\r"[pick(8) ? 0 : pick(4)];
      } else {
        const char *s =
            blank_pieces[pick(sizeof blank_pieces / sizeof blank_pieces[0])];
        strcpy(page + n, s);
        n += strlen(s);
        /* Word's conditions are dropped before libxml2 (html_input.h). */
        if (strncmp(s, "<![", 3) != 0) {
          strcpy(plain + m, s);
          m += strlen(s);
        }
      }
    }
    collapsed += reads_as(plain, m, page, n);
  }
  /* Not a test that passes by collapsing nothing. */
  ck_assert_uint_gt(collapsed, 20000 / 4);
}
END_TEST

/* Blanks the renderer shows nothing for go: a run after a start tag or
 * after a blank, across end tags (which libxml2 may ignore), up to a
 * '<'; not after text, nor before text. */
START_TEST(test_blanks_between_tags)
{
  static const char *const cases[][2] = {
      {"<div>\n  <p>x</p>\n</div>", "<div><p>x</p>\n</div>"},
      {"<p>a </b> <i>b</i></p>", "<p>a </b><i>b</i></p>"},
      {"<p>a</b> <i>b</i></p>", "<p>a</b> <i>b</i></p>"},
      {"<p> text</p>", "<p> text</p>"},
      {"<p>\n< x</p>", "<p>< x</p>"},
      {"</html>\nbody>\n", "</html>\nbody>\n"},
      {"x<body>\n<html><p>", "x<body>\n<html><p>"},
      {"<title> </title>\n<p>", "<title> </title><p>"}};
  hands_over_as(cases, sizeof cases / sizeof cases[0], hand_over);
}
END_TEST

/* A page scanned as html.c starts it: its first four bytes given to
 * libxml2 with its context and scanned for the state alone, then the
 * rest, handed over into *out (which the caller frees). */
static void hand_over_started(const char *page, size_t n, boiloff__buf *out)
{
  boiloff__html_input in;
  boiloff__buf given;
  boiloff__html_input_sink to = {take, NULL, out}, ctx = {take, NULL, &given};
  ck_assert_uint_ge(n, 4);
  boiloff__buf_init(out, &boiloff__default_allocator);
  boiloff__buf_init(&given, &boiloff__default_allocator);
  boiloff__html_input_init(&in, &boiloff__default_allocator);
  boiloff__html_input_reset(&in, BOILOFF__INPUT_UTF8, 0, 0);
  ck_assert_int_eq(boiloff__html_input_scan(&in, page, 4, &ctx), BOILOFF_OK);
  boiloff__buf_clear(&in.out);
  memcpy(in.ctx, page, 4);
  in.ctx_len = 4;
  in.trims = in.removes = 1;
  ck_assert_int_eq(boiloff__html_input_scan(&in, page + 4, n - 4, &to),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff__html_input_end(&in), BOILOFF_OK);
  ck_assert_int_eq(take(out, in.out.data, in.out.len), BOILOFF_OK);
  boiloff__html_input_free(&in);
  boiloff__buf_free(&given);
}

/* A first tag begun in the bytes given with the context stays as it is;
 * if libxml2 reads it as the scanner does, the tags after it are still
 * trimmed, else none. */
START_TEST(test_tag_begun_in_context)
{
  static const char *const cases[][2] = {
      {"<html lang=\"en\" data-x=\"1\"><body><p data-y=\"2\">t</p>",
       "l lang=\"en\" data-x=\"1\"><body><p>t</p>"},
      {"\n\n\n<p x=1 class=\"nav\"><i y=2>t</i>",
       "p x=1 class=\"nav\"><i>t</i>"},
      {"<a =\"x>y\"><i y=2>t</i>", "\"x>y\"><i y=2>t</i>"}};
  hands_over_as(cases, sizeof cases / sizeof cases[0], hand_over_started);
}
END_TEST

/* Short runs of blanks between Word's conditions, which the scanner
 * drops, are one long run to libxml2: one it keeps at its length. */
START_TEST(test_blanks_around_conditions)
{
  static char page[8192], plain[8192];
  size_t n = 0, m = 0, k;
  events a;
  ck_assert_int_eq(boiloff__libxml2_load(), BOILOFF_OK);
  n = m = (size_t)sprintf(page, "<html>");
  memcpy(plain, page, n);
  for (k = 0; k < 6; k++) {
    memset(page + n, ' ', 200);
    memset(plain + m, ' ', 200);
    n += 200;
    m += 200;
    if (k < 5)
      n += (size_t)sprintf(page + n, "<![if !x]>");
  }
  n += (size_t)sprintf(page + n, "<head></head><body>b</body></html>");
  m += (size_t)sprintf(plain + m, "<head></head><body>b</body></html>");
  /* 1200 blanks in <html>: libxml2 implies a <p> there */
  push_parse(plain, m, &a, on_text_squeezed, 1);
  ck_assert_ptr_nonnull(strstr(a.s, "<html><body><p>"));
  reads_as(plain, m, page, n);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("tag_trim");
  TCase *tc = tcase_create("trim");
  SRunner *sr;
  int failed;
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_trim_stoppers);
  tcase_add_test(tc, test_trim_shapes);
  tcase_add_test(tc, test_trim_as_libxml2_reads);
  tcase_add_test(tc, test_comments_as_libxml2_reads);
  tcase_add_test(tc, test_blanks_as_libxml2_reads);
  tcase_add_test(tc, test_blanks_around_conditions);
  tcase_add_test(tc, test_blanks_between_tags);
  tcase_add_test(tc, test_tag_begun_in_context);
  suite_add_tcase(s, tc);
  sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
