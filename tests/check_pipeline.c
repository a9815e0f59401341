/* check_pipeline.c - BOILOFF_OPT_THREADED: the front end on its own thread
 * gives every block, label and error that one thread gives, whatever the
 * chunking, and stops, resets and frees cleanly wherever it is. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "testutil.h"

static const size_t chunk_sizes[] = {0, 1, 7, 64, 4096};
#define N_CHUNKS ((int)(sizeof chunk_sizes / sizeof chunk_sizes[0]))

/* A page of many paragraphs and furniture lines: more blocks than the
 * pipeline's batches hold, so each end waits for the other. */
static char *long_page(size_t *len)
{
  static const char *const lines[] = {
      "Home | World | Business | Sport",
      "The council met on Tuesday evening to decide the future of the "
      "library, and after three hours of debate it voted to keep the "
      "building open for another year while a new site is found.",
      "Share this story",
      "0:05:52",
      "Residents who had campaigned for months said they were relieved, but "
      "that a year was not long enough to plan a move of that size, and "
      "that they would go on making their case.",
      "Read More",
      "",
      "Caf\xC3\xA9 owners near the square welcomed the decision &amp; the "
      "promise of a public meeting in the spring.",
      "\xC2\xA9 2024 Harbour News. All rights reserved."};
  size_t n = sizeof lines / sizeof lines[0], cap = 1 << 20, used = 0, i;
  char *page = malloc(cap);
  ck_assert_ptr_nonnull(page);
  used +=
      (size_t)snprintf(page, cap, "Library saved for a year - Harbour News\n");
  for (i = 0; used + 400 < cap && i < 3000; i++)
    used += (size_t)snprintf(page + used, cap - used, "%s\n", lines[i % n]);
  *len = used;
  return page;
}

static boiloff_options options(unsigned flags)
{
  boiloff_options o;
  boiloff_options_init(&o);
  o.flags = flags;
  return o;
}

static void same_output(const char *doc, size_t len, unsigned flags)
{
  boiloff_options one = options(flags),
                  two = options(flags | BOILOFF_OPT_THREADED);
  int i;
  sink ref = {0};
  ck_assert_int_eq(clean_with(&one, doc, len, 0, &ref), BOILOFF_OK);
  for (i = 0; i < N_CHUNKS; i++) {
    sink s = {0};
    ck_assert_int_eq(clean_with(&two, doc, len, chunk_sizes[i], &s),
                     BOILOFF_OK);
    ck_assert_str_eq(ref.explain, s.explain);
    ck_assert_str_eq(ref.text, s.text);
    ck_assert_uint_eq(ref.blocks, s.blocks);
    sink_clear(&s);
  }
  sink_clear(&ref);
}

START_TEST(test_same_output_text)
{
  size_t len;
  char *page = long_page(&len);
  same_output(page, len, 0);
  same_output(page, len, BOILOFF_OPT_TEXT);
  same_output(page, len, BOILOFF_OPT_RULES_ONLY);
  free(page);
}
END_TEST

/* HTML stays on the caller's thread: the flag must change nothing. */
START_TEST(test_same_output_html)
{
  size_t len;
  char *page = read_file(fixture_path("html/news.html"), &len);
  ck_assert_ptr_nonnull(page);
  same_output(page, len, 0);
  same_output(page, len, BOILOFF_OPT_HTML);
  free(page);
}
END_TEST

START_TEST(test_empty_input)
{
  boiloff_options o = options(BOILOFF_OPT_THREADED);
  sink s = {0};
  ck_assert_int_eq(clean_with(&o, "", 0, 0, &s), BOILOFF_OK);
  ck_assert_uint_eq(s.blocks, 0);
  sink_clear(&s);
}
END_TEST

/* After a reset, the whole page again gives what a fresh context gives. */
static void page_again(boiloff_ctx *c, const char *page, size_t len,
                       size_t chunk, sink *s, const sink *ref)
{
  ck_assert_int_eq(boiloff_reset(c), BOILOFF_OK);
  sink_clear(s);
  ck_assert_int_eq(feed_in_chunks(c, page, len, chunk), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_OK);
  ck_assert_str_eq(ref->explain, s->explain);
}

/* The callback stops: STOPPED after exactly that many blocks, sticky; a
 * reset then gives a whole page again. */
START_TEST(test_stop_then_reset)
{
  boiloff_options o = options(BOILOFF_OPT_THREADED);
  size_t len;
  char *page = long_page(&len);
  sink s = {0}, ref = {0};
  boiloff_ctx *c;
  boiloff_status st;
  ck_assert_int_eq(clean_with(&o, page, len, 0, &ref), BOILOFF_OK);
  s.stop_after = 5;
  c = test_new(&o, sink_cb, &s);
  ck_assert_ptr_nonnull(c);
  st = feed_in_chunks(c, page, len, chunk_sizes[_i]);
  if (st == BOILOFF_OK)
    st = boiloff_finish(c);
  ck_assert_int_eq(st, BOILOFF_STOPPED);
  ck_assert_uint_eq(s.blocks, 5);
  ck_assert_int_eq(boiloff_feed(c, "x", 1), BOILOFF_STOPPED);
  page_again(c, page, len, chunk_sizes[_i], &s, &ref);
  boiloff_free(c);
  sink_clear(&s);
  sink_clear(&ref);
  free(page);
}
END_TEST

/* A reset or a free in the middle of a page, the front still at work. */
START_TEST(test_reset_and_free_midway)
{
  boiloff_options o = options(BOILOFF_OPT_THREADED);
  size_t len;
  char *page = long_page(&len);
  sink s = {0}, ref = {0};
  boiloff_ctx *c;
  ck_assert_int_eq(clean_with(&o, page, len, 0, &ref), BOILOFF_OK);
  c = test_new(&o, sink_cb, &s);
  ck_assert_ptr_nonnull(c);
  ck_assert_int_eq(feed_in_chunks(c, page, len / 2, chunk_sizes[_i]),
                   BOILOFF_OK);
  page_again(c, page, len, chunk_sizes[_i], &s, &ref);
  ck_assert_int_eq(boiloff_reset(c), BOILOFF_OK);
  ck_assert_int_eq(feed_in_chunks(c, page, len / 3, chunk_sizes[_i]),
                   BOILOFF_OK);
  boiloff_free(c); /* the front may be waiting for room */
  sink_clear(&s);
  sink_clear(&ref);
  free(page);
}
END_TEST

/* Feeds a page to one and two threads in step: the same status from
 * every call, and at the failure the same blocks before it. */
static void same_failure(const char *page, size_t len, boiloff_options one,
                         size_t chunk, boiloff_status want)
{
  boiloff_options two = one;
  sink ref = {0}, s = {0};
  boiloff_ctx *a, *b;
  boiloff_status sa, sb;
  size_t off = 0;
  two.flags |= BOILOFF_OPT_THREADED;
  a = test_new(&one, sink_cb, &ref);
  b = test_new(&two, sink_cb, &s);
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(b);
  if (!chunk)
    chunk = len;
  do {
    size_t n = len - off < chunk ? len - off : chunk;
    sa = boiloff_feed(a, page + off, n);
    sb = boiloff_feed(b, page + off, n);
    ck_assert_int_eq(sa, sb);
    off += n;
  } while (sa == BOILOFF_OK && off < len);
  ck_assert_int_eq(sa, want);
  ck_assert_uint_eq(boiloff_error_offset(a), boiloff_error_offset(b));
  ck_assert_uint_eq(ref.blocks, s.blocks);
  if (ref.blocks)
    ck_assert_str_eq(ref.explain, s.explain);
  boiloff_free(a);
  boiloff_free(b);
  sink_clear(&ref);
  sink_clear(&s);
}

/* An invalid byte under --strict (the caller's thread decodes). */
START_TEST(test_encoding_error)
{
  size_t len;
  char *page = long_page(&len);
  page[len * 2 / 3] = '\xFF';
  same_failure(page, len, options(BOILOFF_OPT_STRICT | BOILOFF_OPT_TEXT),
               chunk_sizes[_i], BOILOFF_ERR_ENCODING);
  free(page);
}
END_TEST

/* A document over its size limit, met after many blocks. */
START_TEST(test_limit_error)
{
  size_t len;
  char *page = long_page(&len);
  boiloff_options o = options(BOILOFF_OPT_TEXT);
  o.max_document_bytes = len * 2 / 3;
  /* Whole, the page is refused before any block: feed it in pieces. */
  same_failure(page, len, o, chunk_sizes[_i] ? chunk_sizes[_i] : 4096,
               BOILOFF_ERR_LIMIT);
  free(page);
}
END_TEST

START_TEST(test_stats)
{
  size_t len;
  char *page = long_page(&len);
  boiloff_options one = options(0), two = options(BOILOFF_OPT_THREADED);
  boiloff_stats x, y;
  sink ref = {0}, s = {0};
  boiloff_ctx *a = test_new(&one, sink_cb, &ref),
              *b = test_new(&two, sink_cb, &s);
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(b);
  ck_assert_int_eq(feed_in_chunks(a, page, len, 100), BOILOFF_OK);
  ck_assert_int_eq(feed_in_chunks(b, page, len, 100), BOILOFF_OK);
  memset(&y, 0, sizeof y);
  y.size = sizeof y;
  ck_assert_int_eq(boiloff_get_stats(b, &y), BOILOFF_OK); /* midway */
  ck_assert_uint_eq(y.bytes_in, len);
  ck_assert_int_eq(boiloff_finish(a), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(b), BOILOFF_OK);
  memset(&x, 0, sizeof x);
  x.size = sizeof x;
  ck_assert_int_eq(boiloff_get_stats(a, &x), BOILOFF_OK);
  ck_assert_int_eq(boiloff_get_stats(b, &y), BOILOFF_OK);
  ck_assert_uint_eq(x.bytes_in, y.bytes_in);
  ck_assert_uint_eq(x.blocks_kept, y.blocks_kept);
  ck_assert_uint_eq(x.blocks_dropped, y.blocks_dropped);
  ck_assert_uint_eq(x.repairs, y.repairs);
  ck_assert_uint_gt(y.repairs, 0);
  ck_assert_uint_eq(x.invalid_sequences, y.invalid_sequences);
  ck_assert_str_eq(x.charset ? x.charset : "", y.charset ? y.charset : "");
  boiloff_free(a);
  boiloff_free(b);
  sink_clear(&ref);
  sink_clear(&s);
  free(page);
}
END_TEST

/* Allocations fail on either thread: BOILOFF_ERR_NOMEM, nothing leaked. */
START_TEST(test_allocation_failures)
{
  size_t len;
  char *page = long_page(&len);
  allocation_failures(page, len < 20000 ? len : 20000, BOILOFF_OPT_THREADED,
                      512);
  free(page);
}
END_TEST

static Suite *pipeline_suite(void)
{
  Suite *s = suite_create("pipeline");
  TCase *tc = tcase_create("threaded");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_same_output_text);
  tcase_add_test(tc, test_same_output_html);
  tcase_add_test(tc, test_empty_input);
  tcase_add_loop_test(tc, test_stop_then_reset, 0, N_CHUNKS);
  tcase_add_loop_test(tc, test_reset_and_free_midway, 0, N_CHUNKS);
  tcase_add_loop_test(tc, test_encoding_error, 0, N_CHUNKS);
  tcase_add_loop_test(tc, test_limit_error, 0, N_CHUNKS);
  tcase_add_test(tc, test_stats);
  tcase_add_test(tc, test_allocation_failures);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(pipeline_suite());
  int failed;
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
