/* check_rendering.c - unit tests of pages' renderings (src/lib/rendering.c
 * and boiloff_set_rendering_writer / boiloff_feed_rendering): an HTML page
 * cleaned from the rendering a first pass kept gives the blocks and
 * counters of the page itself. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "testutil.h"

/* Bytes a writer was given; fail_at > 0: the fail_at-th write says no. */
typedef struct bytes {
  char *s;
  size_t len, cap;
  unsigned writes, fail_at;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = realloc(b->s, b->cap);
    ck_assert_ptr_nonnull(b->s);
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static int write_bytes(void *user, const void *data, size_t len)
{
  bytes *b = user;
  if (b->fail_at && ++b->writes >= b->fail_at)
    return 1;
  put(b, data, len);
  return 0;
}

/* Every block with everything the caller is told of it. */
static int all_of_block(void *user, const boiloff_block *k)
{
  char head[160];
  int n =
      snprintf(head, sizeof head, "%lu %d %s %.17g %d|", k->line, (int)k->label,
               k->rule ? k->rule : "-", k->score, k->continued);
  put(user, head, (size_t)n);
  put(user, k->text, k->len);
  put(user, "\n", 1);
  return 0;
}

/* The stats, as text to compare. */
static void put_stats(bytes *b, const boiloff_ctx *ctx)
{
  boiloff_stats st;
  char s[256];
  int n;
  st.size = sizeof st;
  ck_assert_int_eq(boiloff_get_stats(ctx, &st), BOILOFF_OK);
  n = snprintf(s, sizeof s,
               "in %llu kept %llu dropped %llu invalid %llu "
               "repairs %llu charset %s html %d error at %llu\n",
               st.bytes_in, st.blocks_kept, st.blocks_dropped,
               st.invalid_sequences, st.repairs, st.charset ? st.charset : "-",
               st.is_html, boiloff_error_offset(ctx));
  put(b, s, (size_t)n);
}

static const char *const pages[] = {
    /* a title apart, a nav, entities and mojibake to repair */
    "<!DOCTYPE html><html><head><title>Council votes to close library"
    "</title></head><body><nav><a href=/>Home</a> | <a href=/n>News</a>"
    "</nav><h1>Council votes to close library</h1><p>The council voted "
    "on Tuesday to close the old library, which has served the town for "
    "more than a century, said the mayor.</p><p>Caf\xC3\x83\xC2\xA9 &amp;"
    " &eacute;t&eacute; &nbsp; 12</p><div class=share>Share this</div>"
    "<footer>&copy; Kestrel Press</footer></body></html>",
    /* a legacy charset, invalid bytes, a paragraph longer than the cap */
    "<html><head><meta charset=\"windows-1252\"></head><body><p>\x93quoted"
    "\x94 caf\xE9</p><p>A long paragraph that runs on well past the line "
    "cap of this test, so that the front end passes it on in pieces, all "
    "but the last of them continued, and the rendering must say so.</p>"
    "<table><tr><td>cell one</td><td>cell two</td></tr></table></body>",
    /* UTF-8 with an invalid sequence */
    "<html><head><meta charset=utf-8></head><body><p>bad \xFF byte here, in"
    " a sentence of text that is long enough.</p></body></html>",
    /* no text at all */
    "<html><body><script>var x = 1;</script></body></html>",
};

/* The page cleaned as it is, in `chunk`-byte pieces. */
static void S_direct(const boiloff_options *o, const char *page, size_t len,
                     bytes *out)
{
  boiloff_ctx *ctx = boiloff_new(o, all_of_block, out);
  ck_assert_ptr_nonnull(ctx);
  ck_assert_int_eq(feed_in_chunks(ctx, page, len, 0), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  put_stats(out, ctx);
  boiloff_free(ctx);
}

/* The page's rendering as a counting context writes it (the counts go to
 * a profile of their own). */
static void S_render(const boiloff_options *o, const char *page, size_t len,
                     bytes *rendering)
{
  boiloff_profile *p = boiloff_profile_new(NULL);
  boiloff_ctx *ctx = boiloff_new(o, boiloff_profile_count_block, p);
  ck_assert_ptr_nonnull(ctx);
  ck_assert_int_eq(boiloff_set_rendering_writer(ctx, write_bytes, rendering),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_begin_page(p, "s"), BOILOFF_OK);
  ck_assert_int_eq(feed_in_chunks(ctx, page, len, 5), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_OK);
  boiloff_free(ctx);
  boiloff_profile_free(p);
}

/* Cleaned from a rendering fed in `chunk`-byte pieces. */
static boiloff_status S_replay(const boiloff_options *o, const bytes *r,
                               size_t chunk, bytes *out)
{
  boiloff_ctx *ctx = boiloff_new(o, all_of_block, out);
  boiloff_status st = BOILOFF_OK;
  size_t at;
  ck_assert_ptr_nonnull(ctx);
  for (at = 0; st == BOILOFF_OK && at < r->len; at += chunk)
    st = boiloff_feed_rendering(ctx, r->s + at,
                                r->len - at < chunk ? r->len - at : chunk);
  if (st == BOILOFF_OK)
    st = boiloff_finish(ctx);
  if (st == BOILOFF_OK)
    put_stats(out, ctx);
  boiloff_free(ctx);
  return st;
}

START_TEST(test_replay_is_the_page)
{
  static const size_t chunks[] = {1, 3, 26, 100, 100000};
  static const char *const names[] = {"html/news.html", "html/broken.html",
                                      "html/table.html"};
  size_t n_pages = sizeof pages / sizeof pages[0];
  size_t i, c;
  int v;

  for (i = 0; i < n_pages + 3; i++) {
    size_t len;
    char *file = NULL;
    const char *page;
    if (i < n_pages) {
      page = pages[i];
      len = strlen(page);
    } else {
      file = read_file(fixture_path(names[i - n_pages]), &len);
      ck_assert_ptr_nonnull(file);
      page = file;
    }
    for (v = 0; v < 3; v++) { /* the options that do not shape blocks vary */
      boiloff_options count, clean;
      bytes want = {0}, rendering = {0};
      boiloff_options_init(&clean);
      /* (a cap below the front end's floor of 16 bytes too) */
      clean.max_line_bytes = v == 1 ? 5 : 64;
      clean.bias = v == 1 ? -0.5 : 0.0;
      clean.flags = v == 2 ? BOILOFF_OPT_KEEP_COMMENTS | BOILOFF_OPT_HTML : 0;
      count = clean;
      count.flags |= BOILOFF_OPT_RULES_ONLY | BOILOFF_OPT_NO_SMOOTH;
      S_direct(&clean, page, len, &want);
      S_render(&count, page, len, &rendering);
      ck_assert_uint_gt(rendering.len, 0);
      for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        bytes got = {0};
        ck_assert_int_eq(S_replay(&clean, &rendering, chunks[c], &got),
                         BOILOFF_OK);
        ck_assert_str_eq(got.s, want.s);
        free(got.s);
      }
      free(want.s);
      free(rendering.s);
    }
    free(file);
  }
}
END_TEST

/* A cleaning context writes the same rendering as a counting one, and a
 * text page writes none. */
START_TEST(test_any_context_writes)
{
  boiloff_options o;
  bytes a = {0}, b = {0}, out = {0};
  boiloff_ctx *ctx;
  bytes long_page = {0};
  size_t half, mid, i;
  boiloff_options_init(&o);
  S_render(&o, pages[0], strlen(pages[0]), &a);
  ck_assert_ptr_nonnull(ctx = boiloff_new(&o, all_of_block, &out));
  ck_assert_int_eq(boiloff_set_rendering_writer(ctx, write_bytes, &b),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(ctx, pages[0], strlen(pages[0])), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_uint_eq(a.len, b.len);
  ck_assert(memcmp(a.s, b.s, a.len) == 0);
  /* the next page, text: nothing more written */
  ck_assert_int_eq(boiloff_reset(ctx), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(ctx, "Plain text.\n", 12), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_uint_eq(b.len, a.len);
  /* no writer: nothing either, from the moment it is taken away (half
   * way through a long page) */
  ck_assert_int_eq(boiloff_reset(ctx), BOILOFF_OK);
  put(&long_page, "<html><body>", 12);
  for (i = 0; i < 6000; i++) /* past the front end's 64 KB hand-offs */
    put(&long_page, "<p>One more paragraph of the page.</p>", 38);
  half = long_page.len / 2;
  ck_assert_int_eq(feed_in_chunks(ctx, long_page.s, half, 4096), BOILOFF_OK);
  ck_assert_uint_gt(b.len, a.len);
  ck_assert_int_eq(boiloff_set_rendering_writer(ctx, NULL, NULL), BOILOFF_OK);
  mid = b.len;
  ck_assert_int_eq(boiloff_feed(ctx, long_page.s + half, long_page.len - half),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_uint_eq(b.len, mid);
  ck_assert_int_eq(boiloff_reset(ctx), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(ctx, pages[0], strlen(pages[0])), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_uint_eq(b.len, mid);
  boiloff_free(ctx);
  free(long_page.s);
  free(a.s);
  free(b.s);
  free(out.s);
}
END_TEST

/* What is not a whole rendering made with the same front-end options is
 * refused, and a rendering is not mixed with the page's bytes. */
START_TEST(test_refused)
{
  static char page[] = "<html><p>a page, not its rendering</p>";
  boiloff_options o, other;
  bytes r = {0}, cut = {0}, failing = {0}, out = {0}, small = {0}, told = {0};
  bytes html = {page, sizeof page - 1, sizeof page, 0, 0};
  boiloff_ctx *ctx;
  boiloff_options_init(&o);
  S_render(&o, pages[0], strlen(pages[0]), &r);

  other = o; /* another line cap, charset or strictness */
  other.max_line_bytes = 100;
  ck_assert_int_eq(S_replay(&other, &r, 7, &out), BOILOFF_ERR_ARG);
  other = o;
  other.from_code = "windows-1252";
  ck_assert_int_eq(S_replay(&other, &r, 100000, &out), BOILOFF_ERR_ARG);
  other = o;
  other.flags = BOILOFF_OPT_STRICT;
  ck_assert_int_eq(S_replay(&other, &r, 1, &out), BOILOFF_ERR_ARG);
  other = o; /* caps below the floor give the same blocks */
  other.max_line_bytes = 5;
  S_render(&other, pages[0], strlen(pages[0]), &small);
  other.max_line_bytes = 12;
  ck_assert_int_eq(S_replay(&other, &small, 5, &out), BOILOFF_OK);
  /* a rendering made by a context told the page is HTML, or readable
   * whatever it holds, is not the page's for one that must find out */
  other = o;
  other.flags = BOILOFF_OPT_HTML;
  S_render(&other, pages[0], strlen(pages[0]), &told);
  ck_assert_int_eq(S_replay(&other, &told, 100000, &out), BOILOFF_OK);
  ck_assert_int_eq(S_replay(&other, &r, 100000, &out), BOILOFF_OK);
  ck_assert_int_eq(S_replay(&o, &told, 100000, &out), BOILOFF_ERR_ARG);
  other.flags = BOILOFF_OPT_ALLOW_BINARY;
  told.len = 0;
  S_render(&other, pages[0], strlen(pages[0]), &told);
  ck_assert_int_eq(S_replay(&other, &told, 100000, &out), BOILOFF_OK);
  ck_assert_int_eq(S_replay(&o, &told, 100000, &out), BOILOFF_ERR_ARG);
  /* a context told its input is text takes no rendering, and goes on */
  other = o;
  other.flags = BOILOFF_OPT_TEXT;
  ck_assert_ptr_nonnull(ctx = boiloff_new(&other, all_of_block, &out));
  ck_assert_int_eq(boiloff_feed_rendering(ctx, r.s, r.len), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_feed(ctx, "Text.\n", 6), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  boiloff_free(ctx);

  put(&cut, r.s, r.len - 1); /* cut short: found at finish */
  ck_assert_int_eq(S_replay(&o, &cut, 100000, &out), BOILOFF_ERR_ARG);
  put(&cut, r.s + r.len - 1, 1);
  put(&cut, "B", 1); /* something after the end */
  ck_assert_int_eq(S_replay(&o, &cut, 3, &out), BOILOFF_ERR_ARG);
  cut.s[37] ^= 0x40; /* a damaged field: the first block's `continued` */
  cut.len = r.len;
  ck_assert_int_eq(S_replay(&o, &cut, 100000, &out), BOILOFF_ERR_ARG);
  ck_assert_int_eq(S_replay(&o, &html, 100000, &out), BOILOFF_ERR_ARG);

  /* a write that fails ends the rendering; the page is cleaned all the
   * same, and what was written is not a whole rendering */
  failing.fail_at = 4;
  S_render(&o, pages[0], strlen(pages[0]), &failing);
  ck_assert_uint_gt(failing.len, 0);
  ck_assert_uint_lt(failing.len, r.len);
  ck_assert_int_eq(S_replay(&o, &failing, 100000, &out), BOILOFF_ERR_ARG);

  ck_assert_ptr_nonnull(ctx = boiloff_new(&o, all_of_block, &out));
  ck_assert_int_eq(boiloff_feed(ctx, "<p>x", 4), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed_rendering(ctx, r.s, r.len), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_reset(ctx), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed_rendering(ctx, r.s, 10), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(ctx, "<p>x", 4), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_feed_rendering(ctx, r.s + 10, r.len - 10),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed_rendering(NULL, r.s, 1), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_feed_rendering(ctx, NULL, 1), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_set_rendering_writer(NULL, write_bytes, &r),
                   BOILOFF_ERR_ARG);
  boiloff_free(ctx);
  free(r.s);
  free(cut.s);
  free(failing.s);
  free(small.s);
  free(told.s);
  free(out.s);
}
END_TEST

static Suite *rendering_suite(void)
{
  Suite *s = suite_create("rendering");
  TCase *tc = tcase_create("rendering");
  tcase_add_test(tc, test_replay_is_the_page);
  tcase_add_test(tc, test_any_context_writes);
  tcase_add_test(tc, test_refused);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(rendering_suite());
  int failed;
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
