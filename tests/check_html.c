/* check_html.c - unit tests of the HTML front end (src/lib/html.c) and of
 * its routing in the cleaner. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "boiloff.h"
#include "classify.h"
#include "html.h"
#include "html_attributes.h"
#include "html_input.h"
#include "html_sniff.h"
#include "html_tags.h"
#include "html_words.h"
#include "lexicon.h"
#include "mem.h"
#include "testutil.h"

static const size_t chunk_sizes[] = {0, 1, 2, 3, 7, 64, 1000};
#define N_CHUNKS ((int)(sizeof chunk_sizes / sizeof chunk_sizes[0]))

/* The blocks of a page: one line each, "FLAGS\tTEXT" (see
 * fixtures/html/README), or the text alone. */
typedef struct rendering {
  char *s;
  size_t len, cap;
  int with_flags;
  unsigned long blocks;
  boiloff__block_hint last; /* hint of the last non-empty block */
  boiloff__block_hint hints[64];
  char title[600]; /* the <title> passed apart (BOILOFF__HINT_TITLE) */
  unsigned titles; /* how many times one was */
} rendering;

static void put(rendering *r, const char *s, size_t n)
{
  if (r->len + n + 1 > r->cap) {
    r->cap = (r->len + n + 1) * 2;
    r->s = realloc(r->s, r->cap);
    ck_assert_ptr_nonnull(r->s);
  }
  memcpy(r->s + r->len, s, n);
  r->len += n;
  r->s[r->len] = '\0';
}

static boiloff_status on_block(void *user, const char *text, size_t len,
                               int continued, const boiloff__block_hint *h)
{
  rendering *r = user;
  static const struct {
    unsigned flag;
    char c;
  } names[] = {{BOILOFF__HINT_HIDDEN, 'H'},    {BOILOFF__HINT_NAV, 'N'},
               {BOILOFF__HINT_FOOTER, 'F'},    {BOILOFF__HINT_ASIDE, 'A'},
               {BOILOFF__HINT_MAIN, 'M'},      {BOILOFF__HINT_HEADING, 'h'},
               {BOILOFF__HINT_PARAGRAPH, 'p'}, {BOILOFF__HINT_LIST_ITEM, 'l'},
               {BOILOFF__HINT_TABLE, 't'},     {BOILOFF__HINT_FORM, 'f'}};
  size_t i;
  (void)continued;
  if (h->flags & BOILOFF__HINT_TITLE) {
    ck_assert_uint_lt(len, sizeof r->title);
    memcpy(r->title, text, len);
    r->title[len] = '\0';
    r->titles++;
    return BOILOFF_OK;
  }
  if (r->with_flags) {
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
      if (h->flags & names[i].flag)
        put(r, &names[i].c, 1);
    put(r, "\t", 1);
  }
  put(r, text, len);
  put(r, "\n", 1);
  if (len) {
    r->last = *h;
    if (r->blocks < 64)
      r->hints[r->blocks] = *h;
  }
  r->blocks++;
  return BOILOFF_OK;
}

/* Renders `page` fed in chunks of `chunk` bytes (0: at once). */
static void render(const char *page, size_t len, size_t chunk, rendering *r)
{
  boiloff__html *h = boiloff__html_new(&boiloff__default_allocator, NULL);
  size_t off = 0;
  ck_assert_ptr_nonnull(h);
  r->len = 0;
  r->blocks = 0;
  r->titles = 0;
  r->title[0] = '\0';
  put(r, "", 0);
  while (off < len) {
    size_t n = chunk && chunk < len - off ? chunk : len - off;
    ck_assert_int_eq(boiloff__html_feed(h, page + off, n, on_block, r),
                     BOILOFF_OK);
    off += n;
  }
  ck_assert_int_eq(boiloff__html_finish(h, on_block, r), BOILOFF_OK);
  boiloff__html_free(h);
}

static const char *text_of(const char *page)
{
  static rendering r;
  r.with_flags = 0;
  render(page, strlen(page), 0, &r);
  return r.s;
}

/* ---- rendering ------------------------------------------------------------
 */

START_TEST(test_block_boundaries)
{
  ck_assert_str_eq(text_of("<div>a</div><div>b</div><p>c</p>d"),
                   "a\nb\n\nc\n\nd\n");
  /* Consecutive breaks merge: never two blank lines in a row. */
  ck_assert_str_eq(text_of("<p>a</p><div><p>b</p></div><br><br>c"),
                   "a\n\nb\n\nc\n");
  ck_assert_str_eq(text_of("<ul><li>x</li><li>y</li></ul><h2>T</h2>z"),
                   "x\ny\n\nT\n\nz\n");
  /* A whole table row is one line. */
  ck_assert_str_eq(text_of("<table><tr><td>a</td><td>b</td></tr>"
                           "<tr><td>c</td></tr></table>"),
                   "a b\nc\n");
}
END_TEST

START_TEST(test_inline_spacing)
{
  ck_assert_str_eq(text_of("<p>foo<b>bar</b>, baz (<i>x</i>) y<i>.</i></p>"),
                   "foo bar, baz (x) y.\n");
  ck_assert_str_eq(text_of("<p>  a \n\t b  <span> c </span>: d</p>"),
                   "a b c : d\n");
  ck_assert_str_eq(text_of("<p>say <q>hi</q>\"<b>!</b>?</p>"), "say hi\"!?\n");
  /* Whitespace-only nodes count for nothing. */
  ck_assert_str_eq(text_of("<p><b>a</b> <i> </i><b>.</b></p>"), "a.\n");
}
END_TEST

START_TEST(test_dropped_elements)
{
  ck_assert_str_eq(
      text_of("<p>a<script>var x = \"<p>no</p>\";</script>b</p>"
              "<style>p { color: red }</style><template>t</template>"
              "<svg><title>icon</title></svg><iframe>f</iframe>c"),
      "a b\n\nc\n");
}
END_TEST

/* The <title> is no block, but is passed on apart, once, whole and
 * decoded; an <svg>'s title is not the page's. */
START_TEST(test_title_apart)
{
  static rendering r;
  const char *page =
      "<html><head><title>Harbour &amp; town\n  floods | Coast News</title>"
      "<title>second</title></head><body><svg><title>icon</title></svg>"
      "<h1>Harbour &amp; town floods</h1><p>Water rose.</p></body></html>";
  render(page, strlen(page), chunk_sizes[_i], &r);
  ck_assert_uint_eq(r.titles, 1);
  ck_assert_str_eq(r.title, "Harbour & town\n  floods | Coast News");
  ck_assert_str_eq(r.s, "Harbour & town floods\n\nWater rose.\n");
}
END_TEST

START_TEST(test_hidden_flagged)
{
  rendering r = {0};
  const char *page = "<div hidden>h</div><div aria-hidden=\"true\">i</div>"
                     "<div style=\"color:red; DISPLAY : none\">j</div>"
                     "<div style=\"visibility:hidden\">k</div><div>l</div>";
  render(page, strlen(page), 0, &r);
  ck_assert_str_eq(r.s, "h\ni\nj\nk\nl\n");
  ck_assert(r.hints[0].flags & BOILOFF__HINT_HIDDEN);
  ck_assert(r.hints[1].flags & BOILOFF__HINT_HIDDEN);
  ck_assert(r.hints[2].flags & BOILOFF__HINT_HIDDEN);
  ck_assert(r.hints[3].flags & BOILOFF__HINT_HIDDEN);
  ck_assert(!(r.hints[4].flags & BOILOFF__HINT_HIDDEN));
  free(r.s);
}
END_TEST

START_TEST(test_class_words)
{
  unsigned fam, flags;
  boiloff__html_class_words("share-buttons cookieBanner", &fam, &flags, NULL);
  ck_assert_uint_eq(fam,
                    (1u << BOILOFF__FAM_SHARE) | (1u << BOILOFF__FAM_COOKIE));
  ck_assert_uint_eq(flags, 0);
  boiloff__html_class_words("more-stories", &fam, &flags, NULL);
  ck_assert_uint_eq(fam, 1u << BOILOFF__FAM_READMORE);
  boiloff__html_class_words("SiteNav breadcrumbs  ad_slot", &fam, &flags, NULL);
  ck_assert_uint_eq(fam, (1u << BOILOFF__FAM_NAV) | (1u << BOILOFF__FAM_AD));
  boiloff__html_class_words("sidebar sr-only", &fam, &flags, NULL);
  ck_assert_uint_eq(fam, 0);
  ck_assert_uint_eq(flags, BOILOFF__HINT_ASIDE | BOILOFF__HINT_HIDDEN);
  /* Words inside other words, WordPress tag classes and text slugs are
   * not widgets. */
  boiloff__html_class_words("header shadow loading", &fam, &flags, NULL);
  ck_assert_uint_eq(fam | flags, 0);
  boiloff__html_class_words("tag-cookie-recipes", &fam, &flags, NULL);
  ck_assert_uint_eq(fam | flags, 0);
  boiloff__html_class_words("sharing-with-a-single-developer", &fam, &flags,
                            NULL);
  ck_assert_uint_eq(fam | flags, 0);
  boiloff__html_class_words("", &fam, &flags, NULL);
  ck_assert_uint_eq(fam | flags, 0);
}
END_TEST

/* Every word of the table is found in the hash, whatever its neighbours,
 * and so is its upper-case spelling, at the end of a longer value. */
START_TEST(test_class_words_all)
{
  size_t i;
  for (i = 0; i < boiloff__class_word_count; i++) {
    const boiloff__class_word *e = &boiloff__class_words[i];
    char value[80], *p;
    unsigned fam, flags;
    boiloff__html_class_words(e->word, &fam, &flags, NULL);
    ck_assert_uint_eq(fam & e->families, e->families);
    ck_assert_uint_eq(flags & e->flags, e->flags);
    ck_assert_uint_lt(strlen(e->word), 40);
    snprintf(value, sizeof value, "zz-unknown %s", e->word);
    for (p = value + 11; *p; p++)
      if (*p >= 'a' && *p <= 'z')
        *p = (char)(*p - 32);
    boiloff__html_class_words(value, &fam, &flags, NULL);
    ck_assert_uint_eq(fam & e->families, e->families);
    ck_assert_uint_eq(flags & e->flags, e->flags);
  }
}
END_TEST

/* The memo of class and id tokens names what the words do, token after
 * token: each word of the table with its variants (filling and evicting
 * slots), then all again (found in the memo), and tokens that differ only
 * in their middle bytes (the memo's slot reads a token's ends). */
START_TEST(test_class_words_memo)
{
  static boiloff__class_memo memo;
  static const char *const middles[] = {"aaaa-nav-zzzz",
                                        "aaaa-xxx-zzzz",
                                        "aaaa-ad-s-zzzz",
                                        "aaaa-ads-zzzz",
                                        "share-buttons",
                                        "shareXbuttons",
                                        "a",
                                        "ab",
                                        "nav",
                                        "navx"};
  int round;
  size_t i;
  for (round = 0; round < 2; round++) {
    for (i = 0; i < boiloff__class_word_count; i++) {
      const boiloff__class_word *e = &boiloff__class_words[i];
      char value[80];
      unsigned fam, flags, mfam, mflags;
      snprintf(value, sizeof value, "x-%s %s %s-y", e->word, e->word, e->word);
      boiloff__html_class_words(value, &fam, &flags, NULL);
      boiloff__html_class_words(value, &mfam, &mflags, &memo);
      ck_assert_uint_eq(fam, mfam);
      ck_assert_uint_eq(flags, mflags);
    }
    for (i = 0; i < sizeof middles / sizeof middles[0]; i++) {
      unsigned fam, flags, mfam, mflags;
      boiloff__html_class_words(middles[i], &fam, &flags, NULL);
      boiloff__html_class_words(middles[i], &mfam, &mflags, &memo);
      ck_assert_uint_eq(fam, mfam);
      ck_assert_uint_eq(flags, mflags);
    }
  }
}
END_TEST

START_TEST(test_hints_inherited)
{
  rendering r = {0};
  const char *page =
      "<body class=\"comments-open\"><nav><a href=/>Home</a></nav>"
      "<article><header><h2>Head</h2></header><p>Text <a href=x>abcd</a> "
      "efgh</p><div class=\"social-links\"><span>Tweet</span></div>"
      "</article><footer>Foot</footer></body>";
  render(page, strlen(page), 0, &r);
  ck_assert_str_eq(r.s, "Home\n\nHead\n\nText abcd efgh\n\nTweet\nFoot\n");
  ck_assert_uint_eq(r.hints[0].flags, BOILOFF__HINT_NAV);
  ck_assert(r.hints[0].link_density > 0.99);
  ck_assert_uint_eq(r.hints[0].class_families, 0); /* <body>'s classes */
  /* hints[] is indexed by block; blocks 1, 3 and 5 are blank lines. */
  ck_assert_uint_eq(r.hints[2].flags,
                    BOILOFF__HINT_MAIN | BOILOFF__HINT_HEADING);
  ck_assert_uint_eq(r.hints[2].heading_level, 2);
  ck_assert_uint_eq(r.hints[4].flags,
                    BOILOFF__HINT_MAIN | BOILOFF__HINT_PARAGRAPH);
  /* 4 link bytes of 12 visible ones. */
  ck_assert(r.hints[4].link_density > 0.33 && r.hints[4].link_density < 0.34);
  ck_assert_uint_eq(r.hints[6].class_families, 1u << BOILOFF__FAM_SHARE);
  ck_assert_uint_eq(r.hints[7].flags, BOILOFF__HINT_FOOTER);
  free(r.s);
}
END_TEST

START_TEST(test_depth_cap)
{
  /* 100,000 nested divs: bounded stack, same layout. */
  size_t n = 100000, i;
  char *page = malloc(n * 11 + 64), *p = page;
  rendering r = {0};
  ck_assert_ptr_nonnull(page);
  p += sprintf(p, "<div class=share>");
  for (i = 0; i < n; i++)
    p += sprintf(p, "<div>");
  p += sprintf(p, "deep<script>x</script>");
  for (i = 0; i < n; i++)
    p += sprintf(p, "</div>");
  p += sprintf(p, "</div><p>after</p>");
  render(page, (size_t)(p - page), 4096, &r);
  ck_assert_str_eq(r.s, "deep\n\nafter\n");
  ck_assert_uint_eq(r.hints[0].class_families, 1u << BOILOFF__FAM_SHARE);
  ck_assert_uint_eq(r.hints[2].class_families, 0);
  free(page);
  free(r.s);
}
END_TEST

START_TEST(test_unclosed_and_entities)
{
  ck_assert_str_eq(text_of("<div><p>one<p>two<ul><li>x<li>y</ul>z"),
                   "one\n\ntwo\n\nx\ny\n\nz\n");
  ck_assert_str_eq(
      text_of("<p>a &amp; b &lt;c&gt; &eacute;t&eacute; &#8217;q&#x2019; "
              "&nbsp;x&nbsp;&nbsp;y</p>"),
      "a & b <c> \xC3\xA9t\xC3\xA9 \xE2\x80\x99q\xE2\x80\x99 x y\n");
}
END_TEST

START_TEST(test_long_block_split)
{
  boiloff_options o;
  boiloff__html *h;
  rendering r = {0};
  size_t i;
  char page[4200];
  strcpy(page, "<p>");
  for (i = 0; i < 800; i++)
    strcat(page, "word ");
  strcat(page, "</p>");
  boiloff_options_init(&o);
  o.max_line_bytes = 100;
  h = boiloff__html_new(&boiloff__default_allocator, &o);
  ck_assert_int_eq(boiloff__html_feed(h, page, strlen(page), on_block, &r),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff__html_finish(h, on_block, &r), BOILOFF_OK);
  ck_assert_uint_ge(r.blocks, 40);
  boiloff__html_free(h);
  free(r.s);
}
END_TEST

/* Markup that libxml2 reads as text, or ends at its first '>', is text
 * to the scanner too: 80 KB of it is not cut off as a tag past its cap,
 * whatever the chunk size. */
START_TEST(test_text_after_no_tag)
{
  static const char *const openers[] = {
      "<![CDATA[", "<!-x", "<!>", "</ ", "<? ", "</a x=\">", "<?x a=\">"};
  enum { WORDS = 40000 };
  static rendering r;
  size_t k, i, len, ws;
  char *page = malloc(WORDS * 2 + 64);
  ck_assert_ptr_nonnull(page);
  r.with_flags = 0;
  for (k = 0; k < sizeof openers / sizeof openers[0]; k++) {
    len = (size_t)sprintf(page, "<p>a</p>%s", openers[k]);
    for (i = 0; i < WORDS; i++, len += 2)
      memcpy(page + len, "w ", 2);
    len += (size_t)sprintf(page + len, "<b>end</b>");
    render(page, len, chunk_sizes[_i], &r);
    for (ws = 0, i = 0; i < r.len; i++)
      ws += r.s[i] == 'w';
    ck_assert_uint_eq(ws, WORDS);
    ck_assert_ptr_nonnull(strstr(r.s, "w end\n"));
  }
  free(page);
}
END_TEST

/* Script and style bodies that libxml2 is inside are dropped before it
 * sees them: what follows a body is parsed as it would be with the body
 * there, at every chunk size - whatever the body holds (markup in strings,
 * a '<' that starts no end tag, an end tag in capitals, a NUL, bytes past
 * 64 KiB). */
START_TEST(test_bodies_dropped)
{
  static rendering r;
  static const char head[] =
      "<p>a</p><script>var s = '</div><p>x</p>'; if (a<b && c</ d) {}"
      "\0</scrip t></SCRIPT ><p>b</p><style>p:before{content:'</p>'}";
  size_t fill = 70000, len = sizeof head - 1;
  char *page = malloc(len + fill + 64);
  ck_assert_ptr_nonnull(page);
  memcpy(page, head, len);
  memset(page + len, 'z', fill);
  len += fill;
  memcpy(page + len, "</style><p>c &amp; d</p>", 24);
  len += 24;
  r.with_flags = 0;
  render(page, len, chunk_sizes[_i], &r);
  ck_assert_str_eq(r.s, "a\n\nb\n\nc & d\n");
  free(page);
}
END_TEST

/* A page and the text it must render to. */
typedef struct page_text {
  const char *page, *text;
} page_text;

/* Renders each page in chunks of `chunk` bytes and checks its text. */
static void check_renders(const page_text *cases, size_t n, size_t chunk)
{
  static rendering r;
  size_t k;
  r.with_flags = 0;
  for (k = 0; k < n; k++) {
    render(cases[k].page, strlen(cases[k].page), chunk, &r);
    ck_assert_str_eq(r.s, cases[k].text);
  }
}

/* Where the scanner and libxml2 read the markup apart, no text is lost:
 * a body is dropped only when libxml2 is inside it, and libxml2 is cut
 * short only where a cut cannot change what it parses. */
START_TEST(test_bodies_read_apart)
{
  static const page_text cases[] = {
      /* "/>" ends an unquoted value, not the tag: libxml2 opens a script. */
      {"<p>one</p><script src=a.js/><p>x</p></script>"
       "<style>s</style><p>two</p>",
       "one\n\ntwo\n"},
      /* "</scriptx>" is not an end tag to libxml2: the script goes on. */
      {"<p>one</p><script>a</scriptx> <style>b</script> <p>two</p> "
       "</style><p>three</p>",
       "one\n\ntwo\n\nthree\n"},
      /* Custom elements are no scripts. */
      {"<script-x>one</script-x><style-y>two</style-y>", "one two\n"},
      /* "<!<" is text to libxml2, not a declaration. */
      {"<p>one</p><!<script><style>p{}</script><p>two</p>",
       "one\n\n<!\n\ntwo\n"},
      /* libxml2's push parser would take "<!-->" to end where it starts,
       * and the comment to run to the end of what it has. */
      {"<![CDATA[<!--><script>x</script><p>one</p>--><p>two</p>",
       "<\n\n![CDATA[\n\ntwo\n"},
  };
  check_renders(cases, sizeof cases / sizeof cases[0], chunk_sizes[_i]);
}
END_TEST

/* Word's downlevel-revealed conditions ("<![if !supportLists]>",
 * "<![endif]>") are bogus comments to a browser, which shows what lies
 * between them: they are not text, whatever the chunk size, and they
 * still keep apart what stands on either side.  "<![CDATA[" and other
 * "<![" stay text, as does a condition with a '<' before its '>';
 * conditional comments stay comments. */
START_TEST(test_word_conditions)
{
  static const page_text cases[] = {
      {"<p class=MsoListParagraph><![if !supportLists]><span>1.<span> "
       "</span></span><![endif]>One item</p>"
       "<p><![IF !vml]><img src=a.png><![EndIf]>Two<![if gte mso 9]>.</p>",
       "1. One item\n\nTwo.\n"},
      {"<p>a<!--[if gte mso 9]><xml>x</xml><![endif]-->b</p>", "ab\n"},
      {"<p>a<![ifx]>b</p>", "a<![ifx]>b\n"},
      {"<p>a<![endif <b>b</b>]>c</p>", "a<![endif b ]>c\n"},
      {"<p>a<![CDATA[b]]>c</p>", "a<![CDATA[b]]>c\n"},
      /* Taken out, a condition must not join its two sides into markup
       * or a character reference. */
      {"<p>one<<![if !x]>b>two</b> three</p>", "one<b>two three\n"},
      {"<p>one <!<![if !x]>-- two --> three</p>", "one <!-- two --> three\n"},
      {"<p>one &lt<![endif]>; two</p>", "one &lt; two\n"},
      {"<p>one &<![if !x]>lt; two</p>", "one &lt; two\n"},
      /* ... nor to the four bytes given with the parser's context. */
      {"abc<<![if !x]>p>one two</p>", "abc<p>one two\n"},
      {"ab&l<![if !x]>t; two", "ab&lt; two\n"},
  };
  check_renders(cases, sizeof cases / sizeof cases[0], chunk_sizes[_i]);
}
END_TEST

/* Long bodies (asked about, then dropped) keep what libxml2 makes of
 * their page: "</scripts>" closes a script when a scripts element is open;
 * and in a legacy charset, a byte libxml2 cannot convert stops it after
 * the text before it, as whole. */
START_TEST(test_long_bodies_read_apart)
{
  static const struct {
    const char *before, *after, *text;
  } cases[] = {
      {"<scripts><script>", "</scripts>kept</script>", "kept\n"},
      {"<style-x><style>", "</style-x>kept</style>", "kept\n"},
      {"<meta charset=euc-jp><p>caf\xe9 au lait</p><script>",
       "</script><p>b</p>", "caf\n"},
  };
  static rendering r;
  char page[1024];
  size_t k, len;
  r.with_flags = 0;
  for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    len = (size_t)sprintf(page, "%s", cases[k].before);
    memset(page + len, 'x', 600);
    len += 600;
    len += (size_t)sprintf(page + len, "%s", cases[k].after);
    render(page, len, chunk_sizes[_i], &r);
    ck_assert_str_eq(r.s, cases[k].text);
  }
}
END_TEST

/* A piece of many short blocks fills the queue (html.c) before libxml2
 * is done with it, so that it goes on mid-piece: the blocks still come
 * in order, each once, whatever the chunk size. */
/* A list of `items` short items "x0", "x1"... (malloc'd), and its length. */
static char *list_page(size_t items, size_t *len)
{
  char *page = malloc(items * 24 + 64);
  size_t i;
  ck_assert_ptr_nonnull(page);
  *len = (size_t)sprintf(page, "<ul>");
  for (i = 0; i < items; i++)
    *len += (size_t)sprintf(page + *len, "<li>x%zu</li>", i);
  *len += (size_t)sprintf(page + *len, "</ul>");
  return page;
}

START_TEST(test_queue_mid_piece)
{
  enum { ITEMS = 6000 };
  static rendering r;
  size_t len, wlen = 0, i;
  char *page = list_page(ITEMS, &len), *want = malloc(ITEMS * 12 + 1);
  ck_assert_ptr_nonnull(want);
  for (i = 0; i < ITEMS; i++)
    wlen += (size_t)sprintf(want + wlen, "x%zu\n", i);
  r.with_flags = 0;
  render(page, len, chunk_sizes[_i], &r);
  ck_assert_uint_eq(r.blocks, ITEMS);
  ck_assert_str_eq(r.s, want);
  free(page);
  free(want);
}
END_TEST

/* A receiver that fails at its thousandth block. */
static boiloff_status fail_thousandth(void *user, const char *text, size_t len,
                                      int continued,
                                      const boiloff__block_hint *h)
{
  unsigned *calls = user;
  (void)text;
  (void)len;
  (void)continued;
  (void)h;
  return ++*calls == 1000 ? BOILOFF_ERR_IO : BOILOFF_OK;
}

/* What the receiver says goes back to the caller, and no block follows
 * its failure, queued or not: on a page of 6,000 short blocks, fed at
 * once, the failure comes while the queue goes on mid-piece, inside
 * libxml2's callbacks. */
START_TEST(test_block_fn_error)
{
  size_t len;
  char *page = list_page(6000, &len);
  boiloff__html *h = boiloff__html_new(&boiloff__default_allocator, NULL);
  unsigned calls = 0;
  boiloff_status st;
  ck_assert_ptr_nonnull(h);
  st = boiloff__html_feed(h, page, len, fail_thousandth, &calls);
  ck_assert_int_eq(st, BOILOFF_ERR_IO);
  ck_assert_uint_eq(calls, 1000);
  /* The error stays: nothing more is parsed or passed on. */
  ck_assert_int_eq(
      boiloff__html_feed(h, "<p>y</p>", 8, fail_thousandth, &calls),
      BOILOFF_ERR_IO);
  ck_assert_int_eq(boiloff__html_finish(h, fail_thousandth, &calls),
                   BOILOFF_ERR_IO);
  ck_assert_uint_eq(calls, 1000);
  boiloff__html_free(h);
  free(page);
}
END_TEST

/* Every element the renderer knows is found by its name, whatever the
 * hash puts next to it; any other name is inline and gives nothing. */
START_TEST(test_tag_lookup)
{
  static const char *const known[] = {
      "a",      "applet",   "article",  "aside",    "blockquote", "body",
      "br",     "button",   "caption",  "code",     "dd",         "details",
      "div",    "dl",       "dt",       "fieldset", "figcaption", "figure",
      "footer", "form",     "frame",    "frameset", "h1",         "h2",
      "h3",     "h4",       "h5",       "h6",       "header",     "hr",
      "html",   "iframe",   "legend",   "li",       "main",       "menu",
      "nav",    "noembed",  "ol",       "option",   "p",          "pre",
      "q",      "script",   "select",   "style",    "svg",        "table",
      "td",     "template", "textarea", "th",       "title",      "tr",
      "ul"};
  static const char *const unknown[] = {"",   "span",  "img",     "b",
                                        "h7", "DIV",   "divs",    "tablex",
                                        "em", "thead", "section", "t"};
  size_t i;
  for (i = 0; i < sizeof known / sizeof known[0]; i++)
    ck_assert_str_eq(boiloff__html_tag_lookup(known[i])->name, known[i]);
  for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    const boiloff__html_tag *t = boiloff__html_tag_lookup(unknown[i]);
    ck_assert_str_eq(t->name, "");
    ck_assert_uint_eq(t->layout, BOILOFF__LAYOUT_INLINE);
    ck_assert_uint_eq(t->hint, 0);
  }
  ck_assert_uint_eq(boiloff__html_tag_lookup("h4")->level, 4);
  ck_assert_uint_eq(boiloff__html_tag_lookup("title")->props,
                    BOILOFF__TAG_DROP | BOILOFF__TAG_TITLE);
}
END_TEST

/* A line is cut as soon as it reaches max_line, also when the space that
 * joins its last word came at the end of the parser's previous piece of
 * the same text (libxml2 ends one before an entity reference). */
START_TEST(test_long_line_space_owed)
{
  static const char page[] = "<p>0123456789abcd &amp;</p>";
  boiloff_options o;
  boiloff__html *h;
  rendering r = {0};
  const char *line;
  boiloff_options_init(&o);
  o.max_line_bytes = 16;
  h = boiloff__html_new(&boiloff__default_allocator, &o);
  ck_assert_int_eq(boiloff__html_feed(h, page, strlen(page), on_block, &r),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff__html_finish(h, on_block, &r), BOILOFF_OK);
  for (line = r.s; *line; line = strchr(line, '\n') + 1)
    ck_assert_uint_lt((size_t)(strchr(line, '\n') - line), 16);
  ck_assert_ptr_nonnull(strstr(r.s, "0123456789abcd \n&\n"));
  boiloff__html_free(h);
  free(r.s);
}
END_TEST

/* ---- chunking and fixtures ------------------------------------------------
 */

static const char *const fixtures[] = {"news", "table", "broken"};
#define N_FIXTURES ((int)(sizeof fixtures / sizeof fixtures[0]))

START_TEST(test_golden)
{
  char name[256];
  size_t len, elen;
  char *page, *expected;
  int k;
  snprintf(name, sizeof name, "html/%s.html", fixtures[_i]);
  page = read_file(fixture_path(name), &len);
  ck_assert_msg(page != NULL, "cannot read %s", name);
  snprintf(name, sizeof name, "html/%s.expected", fixtures[_i]);
  expected = read_file(fixture_path(name), &elen);
  ck_assert_msg(expected != NULL, "cannot read %s", name);
  for (k = 0; k < N_CHUNKS; k++) {
    rendering r = {0};
    r.with_flags = 1;
    render(page, len, chunk_sizes[k], &r);
    ck_assert_str_eq(r.s, expected);
    free(r.s);
  }
  free(page);
  free(expected);
}
END_TEST

START_TEST(test_chunked_labels_identical)
{
  /* Through the whole pipeline: labels and text do not depend on the
   * chunk size, down to one byte. */
  size_t len;
  char *page = read_file(fixture_path("html/news.html"), &len);
  sink whole = {0}, part = {0};
  boiloff_options o;
  ck_assert_ptr_nonnull(page);
  boiloff_options_init(&o);
  ck_assert_int_eq(clean_with(&o, page, len, 0, &whole), BOILOFF_OK);
  ck_assert_int_eq(clean_with(&o, page, len, chunk_sizes[_i], &part),
                   BOILOFF_OK);
  ck_assert_str_eq(part.explain, whole.explain);
  ck_assert_str_eq(part.text, whole.text);
  sink_clear(&whole);
  sink_clear(&part);
  free(page);
}
END_TEST

/* ---- detection and routing ---------------------------------------------- */

/* Collects what html_input hands to libxml2. */
static boiloff_status collect_piece(void *user, const char *buf, size_t len)
{
  return boiloff__buf_append(user, buf, len);
}

/* The scanner's output for `page`, read `step` bytes at a time. */
static void scan_page(const char *page, size_t n, int mode, size_t step,
                      boiloff__buf *out)
{
  boiloff__html_input in;
  size_t at;
  boiloff__html_input_init(&in, &boiloff__default_allocator);
  boiloff__html_input_reset(&in, mode, 0, 0);
  for (at = 0; at < n; at += step) {
    size_t len = n - at < step ? n - at : step;
    ck_assert_int_eq(boiloff__html_input_scan(
                         &in, page + at, len,
                         &(boiloff__html_input_sink){collect_piece, NULL, out}),
                     BOILOFF_OK);
  }
  ck_assert_int_eq(boiloff__html_input_end(&in), BOILOFF_OK);
  ck_assert_int_eq(boiloff__buf_append(out, in.out.data, in.out.len),
                   BOILOFF_OK);
  boiloff__html_input_free(&in);
}

/* A stand-in for html.c: takes every piece, and answers each offer with
 * `outcome` - or, if that is BOILOFF__BODY_SCRIPT, with the body of the
 * offered tag's element. */
typedef struct offers {
  boiloff__buf out;
  unsigned n;
  int outcome;
} offers;

static boiloff_status take_piece(void *user, const char *buf, size_t len)
{
  return boiloff__buf_append(&((offers *)user)->out, buf, len);
}

static boiloff_status take_offer(void *user, const char *buf, size_t len,
                                 int *outcome)
{
  offers *o = user;
  const char *tag = buf + len;
  o->n++;
  *outcome = o->outcome;
  if (*outcome == BOILOFF__BODY_KEPT)
    return BOILOFF_OK;
  while (tag > buf && *--tag != '<')
    continue;
  if (*outcome == BOILOFF__BODY_SCRIPT && strncasecmp(tag, "<style", 6) == 0)
    *outcome = BOILOFF__BODY_STYLE;
  return take_piece(user, buf, len);
}

/* What the scanner hands over of page[0..n), read `step` bytes at a
 * time, to a stand-in for html.c in a UTF-8 page: into o->out, with a NUL
 * after it. */
static void scan_offered(const char *page, size_t n, size_t step, offers *o)
{
  boiloff__html_input_sink to = {take_piece, take_offer, o};
  boiloff__html_input in;
  size_t at;
  boiloff__buf_init(&o->out, &boiloff__default_allocator);
  boiloff__html_input_init(&in, &boiloff__default_allocator);
  boiloff__html_input_reset(&in, BOILOFF__INPUT_UTF8, 0, 0);
  in.trims = in.removes = 1; /* as html.c sets them in UTF-8 */
  for (at = 0; at < n; at += step)
    ck_assert_int_eq(boiloff__html_input_scan(
                         &in, page + at, n - at < step ? n - at : step, &to),
                     BOILOFF_OK);
  ck_assert_int_eq(boiloff__html_input_end(&in), BOILOFF_OK);
  ck_assert_int_eq(take_piece(o, in.out.data, in.out.len), BOILOFF_OK);
  ck_assert_int_eq(boiloff__buf_append(&o->out, "", 1), BOILOFF_OK);
  boiloff__html_input_free(&in);
}

/* Start tags reach libxml2 with the attributes nothing reads removed (a
 * class or id kept names a word), at
 * every read size: not in one with a quote that opens no value; after a
 * NUL dropped inside it; a script's before its body is offered.  Without
 * `trims` (html.c sets it once the parser has its first bytes), none is. */
START_TEST(test_tags_trimmed)
{
  static const char page[] =
      "<p>a</p><a href=\"x\" class=\"nav\">b</a><img src='s' alt=\"A > B\"/>"
      "<div a'b data-x=1>c</div><script src=\"j.js\" async></script>"
      "<span\0 title=\"t\">d</span><a href=x\n id=nav>e</a><P DATA-X=\"1\">f";
  static const char trimmed[] =
      "<p>a</p><a class=\"nav\">b</a><img alt=\"A > B\"/><div a'b data-x=1>c"
      "</div><script></script><span>d</span><a\n id=nav>e</a><P>f";
  const size_t n = sizeof page - 1;
  size_t step;
  for (step = 1; step <= n; step += step < 16 ? 1 : 23) {
    offers o = {.outcome = BOILOFF__BODY_KEPT};
    boiloff__buf whole;
    scan_offered(page, n, step, &o);
    ck_assert_msg(strcmp(o.out.data, trimmed) == 0, "step %zu: %s", step,
                  o.out.data);
    ck_assert_uint_eq(o.out.len, sizeof trimmed); /* with its NUL */
    boiloff__buf_free(&o.out);
    /* Without `trims` (html.c sets it): the bytes as they are, the NUL
     * dropped. */
    boiloff__buf_init(&whole, &boiloff__default_allocator);
    scan_page(page, n, BOILOFF__INPUT_UTF8, step, &whole);
    ck_assert_uint_eq(whole.len, n - 1);
    boiloff__buf_free(&whole);
  }
}
END_TEST

/* With `removes`, a comment reaches libxml2 empty, ending where libxml2
 * ends it ("-->" or "--!>", not a '>' inside), its leading dashes kept,
 * at every read size; without, as it is. */
START_TEST(test_comments_emptied)
{
  static const char page[] =
      "<p>a<!-- x <b> \xC3\xA9 -- y --!>b<!---->c<!--->d-->e<!---- z -->f";
  static const char emptied[] = "<p>a<!---->b<!---->c<!----->e<!------>f";
  const size_t n = sizeof page - 1;
  size_t step;
  for (step = 1; step <= n; step++) {
    offers o = {.outcome = BOILOFF__BODY_KEPT};
    boiloff__buf whole;
    scan_offered(page, n, step, &o);
    ck_assert_msg(strcmp(o.out.data, emptied) == 0, "step %zu: %s", step,
                  o.out.data);
    boiloff__buf_free(&o.out);
    boiloff__buf_init(&whole, &boiloff__default_allocator);
    scan_page(page, n, BOILOFF__INPUT_UTF8, step, &whole);
    ck_assert_uint_eq(whole.len, n);
    ck_assert_mem_eq(whole.data, page, n);
    boiloff__buf_free(&whole);
  }
}
END_TEST

/* The attributes read, in any case, and no others: html_tag_trim.c
 * drops every other before libxml2. */
START_TEST(test_attributes_read)
{
  static const char *const read[] = {
      "class", "ID",       "hidden",  "Aria-Hidden", "style",
      "role",  "itemprop", "charset", "HTTP-EQUIV",  "content"};
  static const char *const other[] = {
      "",         "i",        "clas",    "classx",     "styles",
      "href",     "src",      "data-id", "aria-label", "http-equi",
      "contents", "charsets", "rol",     "item"};
  size_t i;
  for (i = 0; i < sizeof read / sizeof read[0]; i++)
    ck_assert_msg(boiloff__html_attribute_read(read[i], strlen(read[i])), "%s",
                  read[i]);
  for (i = 0; i < sizeof other / sizeof other[0]; i++)
    ck_assert_msg(!boiloff__html_attribute_read(other[i], strlen(other[i])),
                  "%s", other[i]);
  /* The n bytes only: "class" in "classes". */
  ck_assert(boiloff__html_attribute_read("classes", 5));
}
END_TEST

/* Bodies libxml2 is said to be inside are dropped up to "</script" or
 * "</style", whatever follows (as libxml2 ends them), which is given back; the
 * scanner asks about every script and style body once it is 128 bytes long, or
 * at once after a tag ending in "/>" (libxml2 decides), but not after a tag
 * with a quote that opens no value; a body not dropped is passed on whole
 * - at every read size. */
START_TEST(test_body_offers)
{
  static const char *const parts[] = {
      "<p>a</p><script>",
      "L",
      "<b></script><style a=b>y</style><script a'b>",
      "L",
      "</script><script/>w<SCRIPT>",
      "L",
      "</script ><script>",
      "L",
      "</scriptx>",
      "L",
      "</script>"};
  static const size_t steps[] = {1, 7, 4096};
  char page[8192], kept[8192], dropped[8192], body[1001];
  size_t k, n;
  memset(body, 'x', 1000);
  body[1000] = '\0';
  page[0] = kept[0] = dropped[0] = '\0';
  for (k = 0; k < sizeof parts / sizeof parts[0]; k++) {
    strcat(page, strcmp(parts[k], "L") == 0 ? body : parts[k]);
    strcat(kept, strcmp(parts[k], "L") == 0 ? body : parts[k]);
  }
  /* a=b is removed (nothing reads it) in any case */
  memmove(strstr(kept, "<style a=b>") + 6, strstr(kept, "<style a=b>") + 10,
          strlen(strstr(kept, "<style a=b>") + 10) + 1);
  /* not trimmed: a tag with an odd quote */
  strcat(dropped, "<p>a</p><script></script><style>y</style><script a'b>");
  strcat(dropped, body);
  strcat(dropped, "</script><script/></script ><script></scriptx>");
  strcat(dropped, body);
  strcat(dropped, "</script>");
  n = strlen(page);
  for (k = 0; k < 2 * sizeof steps / sizeof steps[0]; k++) {
    offers o = {.outcome = k % 2 ? BOILOFF__BODY_KEPT : BOILOFF__BODY_SCRIPT};
    scan_offered(page, n, steps[k / 2], &o);
    ck_assert_str_eq(o.out.data,
                     o.outcome == BOILOFF__BODY_KEPT ? kept : dropped);
    ck_assert_uint_eq(o.n, o.outcome == BOILOFF__BODY_KEPT ? 4 : 3);
    boiloff__buf_free(&o.out);
  }
}
END_TEST

/* After an offer libxml2 took, a Word condition is judged by the offer's
 * last byte, the tag's '>', not by what was handed over before it: taken
 * out, nothing in its place, at every read size. */
START_TEST(test_condition_after_offer)
{
  static const size_t steps[] = {1, 7, 4096};
  const size_t before = 70000;
  char *page = malloc(before + 64);
  size_t k;
  ck_assert_ptr_nonnull(page);
  /* more than a piece's worth, handed over at the '<' of the script */
  memset(page, 'x', before);
  memcpy(page + 60000, "<i>", 3);
  strcpy(page + before, "<script/><![if !x]>y");
  for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
    offers o = {.outcome = BOILOFF__BODY_PASSED};
    scan_offered(page, strlen(page), steps[k], &o);
    ck_assert_uint_eq(o.n, 1);
    ck_assert_uint_ge(strlen(o.out.data), before);
    ck_assert_int_eq(memcmp(o.out.data, page, before), 0);
    ck_assert_str_eq(o.out.data + before, "<script/>y");
    boiloff__buf_free(&o.out);
  }
  free(page);
}
END_TEST

/* The longest run of the output without an empty comment or markup. */
static size_t longest_text_run(const boiloff__buf *out)
{
  size_t i, run = 0, longest = 0;
  for (i = 0; i < out->len; i++) {
    run = out->data[i] == '<' ? 0 : run + 1;
    if (run > longest)
      longest = run;
  }
  return longest;
}

/* A text run without markup is cut (an empty comment) every 64 KiB or a
 * little more, however it is read: also after a cut that an entity
 * reference put off; and in a legacy charset never between a lead byte
 * and its trail byte. */
START_TEST(test_text_run_capped)
{
  static const size_t steps[] = {1, 7, 4096, 1 << 20};
  const size_t n = 200 * 1024, cap = 64 * 1024;
  char *page = malloc(n);
  int mode, pass;
  size_t i;
  ck_assert_ptr_nonnull(page);
  for (pass = 0; pass < 2; pass++) {
    memset(page, 'a', n);
    if (pass == 0) /* an '&' just before the cap puts the first cut off */
      memcpy(page + cap - 10, "&amp;", 5);
    else /* a legacy charset's lead byte ends the first 64 KiB */
      page[cap - 1] = (char)0xE4;
    for (mode = BOILOFF__INPUT_MARKUP; mode <= BOILOFF__INPUT_UTF8; mode++) {
      if (pass == 1 && mode == BOILOFF__INPUT_UTF8)
        continue;
      for (i = 0; i < sizeof steps / sizeof *steps; i++) {
        boiloff__buf out;
        boiloff__buf_init(&out, &boiloff__default_allocator);
        scan_page(page, n, mode, steps[i], &out);
        ck_assert_msg(longest_text_run(&out) <= cap + 64,
                      "mode %d, pass %d, step %zu: a run of %zu bytes", mode,
                      pass, steps[i], longest_text_run(&out));
        if (pass == 1) /* never between the lead byte and its trail */
          ck_assert_ptr_null(memmem(out.data, out.len, "\xE4<", 2));
        boiloff__buf_free(&out);
      }
    }
  }
  free(page);
}
END_TEST

/* The text on either side of a Word condition dropped is one run to
 * libxml2: still cut every 64 KiB or a little more, the same way at any
 * read size. */
START_TEST(test_word_conditions_capped)
{
  static const size_t steps[] = {1, 7, 4096, 1 << 20};
  const size_t n = 200 * 1024, cap = 64 * 1024;
  char *page = malloc(n);
  boiloff__buf first;
  size_t i;
  ck_assert_ptr_nonnull(page);
  memset(page, 'a', n);
  for (i = 500; i + 20 < n; i += 1000)
    memcpy(page + i, i % 2000 ? "<![endif]>" : "<![if !x]>", 10);
  boiloff__buf_init(&first, &boiloff__default_allocator);
  for (i = 0; i < sizeof steps / sizeof *steps; i++) {
    boiloff__buf out;
    boiloff__buf_init(&out, &boiloff__default_allocator);
    scan_page(page, n, BOILOFF__INPUT_UTF8, steps[i], &out);
    ck_assert_ptr_null(memmem(out.data, out.len, "<![", 3));
    ck_assert_uint_le(longest_text_run(&out), cap + 64);
    ck_assert_uint_gt(longest_text_run(&out), cap - 1000);
    if (i == 0)
      ck_assert_int_eq(boiloff__buf_append(&first, out.data, out.len),
                       BOILOFF_OK);
    ck_assert_uint_eq(out.len, first.len);
    ck_assert_int_eq(memcmp(out.data, first.data, out.len), 0);
    boiloff__buf_free(&out);
  }
  boiloff__buf_free(&first);
  free(page);
}
END_TEST

START_TEST(test_sniff)
{
  ck_assert_int_eq(boiloff__html_sniff("<!DOCTYPE html><p>", 18, 0), 1);
  ck_assert_int_eq(boiloff__html_sniff("\xEF\xBB\xBF  \n<HTML>", 13, 0), 1);
  ck_assert_int_eq(boiloff__html_sniff("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14, 0), 1);
  ck_assert_int_eq(boiloff__html_sniff("Home\n<b>", 8, 0), 0);
  ck_assert_int_eq(boiloff__html_sniff("  ", 2, 0), -1);
  ck_assert_int_eq(boiloff__html_sniff("  ", 2, 1), 0);
  ck_assert_int_eq(boiloff__html_sniff("<ht", 3, 0), -1);
  ck_assert_int_eq(boiloff__html_sniff("<div>a</div><div>b</div>", 24, 1), 1);
  ck_assert_int_eq(boiloff__html_sniff("<3 you, and you", 15, 1), 0);
  {
    const char *x = "<?xml version=\"1.0\"?>\n<!-- c --><html><body>";
    ck_assert_int_eq(boiloff__html_sniff(x, strlen(x), 1), 1);
  }
}
END_TEST

START_TEST(test_routing)
{
  const char *page =
      "<!DOCTYPE html><html><body><p>Hello <b>world</b>, "
      "this is a page.</p><div hidden>secret</div></body></html>";
  boiloff_options o;
  sink s = {0};
  boiloff_ctx *c;
  boiloff_stats st;
  boiloff_options_init(&o);
  /* Detected, fed one byte at a time. */
  c = boiloff_new(&o, sink_cb, &s);
  ck_assert_ptr_nonnull(c);
  ck_assert_int_eq(feed_in_chunks(c, page, strlen(page), 1), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_OK);
  st.size = sizeof st;
  boiloff_get_stats(c, &st);
  ck_assert_int_eq(st.is_html, 1);
  ck_assert_ptr_nonnull(strstr(s.explain, "Hello world, this is a page."));
  ck_assert_ptr_null(strstr(s.text, "secret"));
  ck_assert_ptr_null(strstr(s.explain, "<p>"));
  /* Reset: a text document next, detected as text. */
  sink_clear(&s);
  ck_assert_int_eq(boiloff_reset(c), BOILOFF_OK);
  ck_assert_int_eq(feed_in_chunks(c, "Plain <b> text\n", 15, 0), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_OK);
  st.size = sizeof st;
  boiloff_get_stats(c, &st);
  ck_assert_int_eq(st.is_html, 0);
  ck_assert_ptr_nonnull(strstr(s.explain, "Plain <b> text"));
  boiloff_free(c);
  sink_clear(&s);
  /* Forced text: the tags stay text. */
  o.flags = BOILOFF_OPT_TEXT;
  ck_assert_int_eq(clean_with(&o, page, strlen(page), 0, &s), BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.explain, "<p>Hello"));
  sink_clear(&s);
  /* Forced HTML: even what does not look like it. */
  o.flags = BOILOFF_OPT_HTML;
  ck_assert_int_eq(clean_with(&o, "a<b>c</b>", 9, 0, &s), BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.explain, "a c"));
  sink_clear(&s);
  /* Short documents are decided at finish. */
  o.flags = 0;
  ck_assert_int_eq(clean_with(&o, "<html>x", 7, 0, &s), BOILOFF_OK);
  ck_assert_ptr_null(strstr(s.explain, "<html>"));
  sink_clear(&s);
  ck_assert_int_eq(clean_with(&o, "", 0, 0, &s), BOILOFF_OK);
  ck_assert_uint_eq(s.blocks, 0);
  sink_clear(&s);
}
END_TEST

START_TEST(test_charset)
{
  /* Declared legacy charset, legacy bytes: converted to UTF-8. */
  const char *latin = "<html><head><meta charset=\"iso-8859-1\"></head>"
                      "<body><p>caf\xE9</p></body></html>";
  /* Declared legacy, but the bytes are UTF-8: read as UTF-8. */
  const char *liar = "<html><head><meta charset=\"windows-1252\"></head>"
                     "<body><p>caf\xC3\xA9 \xC2\xAB"
                     "x\xC2\xBB</p></body></html>";
  ck_assert_str_eq(text_of(latin), "caf\xC3\xA9\n");
  ck_assert_str_eq(text_of(liar), "caf\xC3\xA9 \xC2\xAB"
                                  "x\xC2\xBB\n");
  /* No declaration, UTF-8 bytes before any meta. */
  ck_assert_str_eq(text_of("<p>\xC2\xAB"
                           "a\xC2\xBB</p>"),
                   "\xC2\xAB"
                   "a\xC2\xBB\n");
}
END_TEST

static Suite *html_suite(void)
{
  Suite *s = suite_create("html");
  TCase *rend = tcase_create("render"), *gold = tcase_create("golden"),
        *route = tcase_create("routing");
  tcase_add_test(rend, test_tag_lookup);
  tcase_add_test(rend, test_class_words_all);
  tcase_add_test(rend, test_block_boundaries);
  tcase_add_test(rend, test_inline_spacing);
  tcase_add_test(rend, test_dropped_elements);
  tcase_add_loop_test(rend, test_title_apart, 0, N_CHUNKS);
  tcase_add_test(rend, test_hidden_flagged);
  tcase_add_test(rend, test_class_words);
  tcase_add_test(rend, test_class_words_memo);
  tcase_add_test(rend, test_hints_inherited);
  tcase_add_test(rend, test_depth_cap);
  tcase_add_test(rend, test_unclosed_and_entities);
  tcase_add_test(rend, test_long_block_split);
  tcase_add_loop_test(rend, test_text_after_no_tag, 0, N_CHUNKS);
  tcase_add_loop_test(rend, test_bodies_dropped, 0, N_CHUNKS);
  tcase_add_loop_test(rend, test_bodies_read_apart, 0, N_CHUNKS);
  tcase_add_loop_test(rend, test_word_conditions, 0, N_CHUNKS);
  tcase_add_loop_test(rend, test_long_bodies_read_apart, 0, N_CHUNKS);
  tcase_add_loop_test(rend, test_queue_mid_piece, 0, N_CHUNKS);
  tcase_add_test(rend, test_block_fn_error);
  tcase_add_test(rend, test_long_line_space_owed);
  tcase_add_test(rend, test_charset);
  tcase_set_timeout(rend, 60);
  suite_add_tcase(s, rend);
  tcase_add_loop_test(gold, test_golden, 0, N_FIXTURES);
  tcase_add_loop_test(gold, test_chunked_labels_identical, 0, N_CHUNKS);
  tcase_set_timeout(gold, 60);
  suite_add_tcase(s, gold);
  tcase_add_test(route, test_sniff);
  tcase_add_test(route, test_text_run_capped);
  tcase_add_test(route, test_word_conditions_capped);
  tcase_add_test(route, test_body_offers);
  tcase_add_test(route, test_condition_after_offer);
  tcase_add_test(route, test_attributes_read);
  tcase_add_test(route, test_tags_trimmed);
  tcase_add_test(route, test_comments_emptied);
  tcase_add_test(route, test_routing);
  /* test_text_run_capped reads 200 KiB a byte at a time, ten times over */
  tcase_set_timeout(route, 60);
  suite_add_tcase(s, route);
  return s;
}

int main(void)
{
  SRunner *sr;
  int failed;
  boiloff_global_init();
  sr = srunner_create(html_suite());
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
