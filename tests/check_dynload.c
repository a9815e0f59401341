/* check_dynload.c - libxml2 and uchardet missing at run time (dlopen made
 * to fail by nodlopen.c): HTML input and a legacy charset to guess fail
 * with BOILOFF_ERR_LIBRARY, naming the library, and the context stays
 * failed until reset; text that needs neither (ASCII, UTF-8, character
 * references) is cleaned as usual.  Each test holds whether or not Check
 * forks: every load in the process fails alike. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "nodlopen.h"

typedef struct sink {
  char text[4096];
  size_t len;
} sink;

static int sink_cb(void *user, const boiloff_block *b)
{
  sink *s = user;
  if (b->label == BOILOFF_CONTENT && s->len + b->len + 1 < sizeof s->text) {
    memcpy(s->text + s->len, b->text, b->len);
    s->len += b->len;
    s->text[s->len++] = '\n';
    s->text[s->len] = '\0';
  }
  return 0;
}

static const char article[] =
    "The council met on Tuesday evening to discuss the new budget for the "
    "schools of the district, and the members agreed on most of it.\n"
    "A second paragraph of the article follows, with more words in it so "
    "that the model keeps it as running text of the page.\n";

static void setup(void)
{
  setenv("BOILOFF_TEST_NO_DLOPEN", "libxml2,uchardet", 1);
}

START_TEST(test_html_fails)
{
  static const char page[] = "<html><body><p>The council met on Tuesday "
                             "evening to discuss the budget.</p></body>"
                             "</html>\n";
  boiloff_options o;
  boiloff_ctx *ctx;
  sink s = {{0}, 0};
  ck_assert(boiloff_test_denied(LIBXML2_SONAME));
  boiloff_options_init(&o);
  o.flags |= BOILOFF_OPT_HTML;
  ck_assert_int_eq(boiloff_clean_buffer(&o, page, strlen(page), sink_cb, &s),
                   BOILOFF_ERR_LIBRARY);
  ck_assert_ptr_nonnull(
      strstr(boiloff_strerror(BOILOFF_ERR_LIBRARY), LIBXML2_SONAME));
  /* Detected as HTML: the same, and the error sticks until reset. */
  o.flags &= ~(unsigned)BOILOFF_OPT_HTML;
  ctx = boiloff_new(&o, sink_cb, &s);
  ck_assert_ptr_nonnull(ctx);
  ck_assert_int_eq(boiloff_feed(ctx, page, strlen(page)), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_ERR_LIBRARY);
  ck_assert_int_eq(boiloff_feed(ctx, "x", 1), BOILOFF_ERR_LIBRARY);
  ck_assert_int_eq(boiloff_reset(ctx), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(ctx, article, strlen(article)), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.text, "The council met"));
  boiloff_free(ctx);
}
END_TEST

#ifdef HAVE_UCHARDET
/* KOI8-R without a declaration: the charset must be guessed. */
START_TEST(test_guess_fails)
{
  static const char page[] = "\xf7\xd3\xc5 \xcc\xc0\xc4\xc9 \xd2\xcf\xd6\xc4"
                             "\xc1\xc0\xd4\xd3\xd1 \xd3\xd7\xcf\xc2\xcf\xc4"
                             "\xce\xd9\xcd\xc9.\n";
  boiloff_options o;
  sink s = {{0}, 0};
  ck_assert(boiloff_test_denied(UCHARDET_SONAME));
  boiloff_options_init(&o);
  ck_assert_int_eq(boiloff_clean_buffer(&o, page, strlen(page), sink_cb, &s),
                   BOILOFF_ERR_LIBRARY);
  ck_assert_ptr_nonnull(
      strstr(boiloff_strerror(BOILOFF_ERR_LIBRARY), UCHARDET_SONAME));
  /* A charset given is not guessed. */
  o.from_code = "KOI8-R";
  ck_assert_int_eq(boiloff_clean_buffer(&o, page, strlen(page), sink_cb, &s),
                   BOILOFF_OK);
}
END_TEST
#endif

/* Text input needs neither library, references included (the entity
 * table is copied out of libxml2 at build time). */
START_TEST(test_text_needs_neither)
{
  static const char refs[] =
      "Caf&eacute; owners met the council on Tuesday&nbsp;evening to "
      "discuss the new budget for the schools, and they agreed on it.\n";
  boiloff_options o;
  sink s = {{0}, 0};
  boiloff_options_init(&o);
  ck_assert_int_eq(
      boiloff_clean_buffer(&o, article, strlen(article), sink_cb, &s),
      BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.text, "The council met"));
  s.len = 0;
  ck_assert_int_eq(boiloff_clean_buffer(&o, refs, strlen(refs), sink_cb, &s),
                   BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.text, "Caf\xc3\xa9 owners"));
  ck_assert_ptr_nonnull(strstr(s.text, "Tuesday evening"));
}
END_TEST

static Suite *dynload_suite(void)
{
  Suite *s = suite_create("dynload");
  TCase *tc = tcase_create("missing");
  tcase_add_unchecked_fixture(tc, setup, NULL);
  tcase_add_test(tc, test_html_fails);
#ifdef HAVE_UCHARDET
  tcase_add_test(tc, test_guess_fails);
#endif
  tcase_add_test(tc, test_text_needs_neither);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(dynload_suite());
  int failed;
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
