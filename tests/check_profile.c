/* check_profile.c - unit tests of the site profile (src/lib/profile.c):
 * normalisation, counting, share, save/load round trip, merge, malformed
 * files, allocation failure. */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boiloff.h"
#include "buf.h"
#include "mem.h"
#include "profile.h"

static char tmpdir[] = "/tmp/check_profile.XXXXXX";

static char *S_path(const char *name)
{
  static char buf[256];
  snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
  return buf;
}

static void S_write(const char *name, const char *text)
{
  FILE *f = fopen(S_path(name), "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  ck_assert_int_eq(fclose(f), 0);
}

/* The whole file as a malloc'd string. */
static char *S_slurp(const char *path)
{
  FILE *f = fopen(path, "r");
  char *s;
  long n;
  ck_assert_ptr_nonnull(f);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  s = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(s);
  ck_assert_int_eq(fread(s, 1, (size_t)n, f), n);
  s[n] = '\0';
  fclose(f);
  return s;
}

static void S_norm_is(const char *in, const char *want)
{
  boiloff__buf b;
  boiloff__buf_init(&b, &boiloff__default_allocator);
  ck_assert_int_eq(boiloff__profile_normalize(in, strlen(in), &b), BOILOFF_OK);
  ck_assert_str_eq(b.data ? b.data : "", want);
  boiloff__buf_free(&b);
}

/* ---- normalisation ---- */

START_TEST(test_normalize)
{
  S_norm_is("  Hello   WORLD\t ", "hello world");
  S_norm_is("Page 3 of 12", "page 0 of 0");
  S_norm_is("0:05:52", "0:0:0");
  S_norm_is("\xC3\x9C" "ber \xCE\xA3", "\xC3\xBC" "ber \xCF\x83"); /* Ü Σ */
  S_norm_is("caf\xE9", "caf\xC3\xA9");              /* latin-1 byte */
  S_norm_is("\x93quoted\x94", "\xE2\x80\x9Cquoted\xE2\x80\x9D"); /* cp1252 */
  S_norm_is("a\xE2\x80\x8B" "b\xC2\xA0" "c", "ab c"); /* ZWSP dropped, NBSP */
  S_norm_is(" \t\x01 ", "");
  S_norm_is("", "");
}
END_TEST

START_TEST(test_line_key)
{
  int empty = -1;
  uint64_t a = boiloff__profile_line_key("Share  THIS 3", 13, &empty);
  ck_assert_int_eq(empty, 0);
  ck_assert(a == boiloff__profile_line_key("share this 45", 13, &empty));
  ck_assert(a != boiloff__profile_line_key("share that 45", 13, &empty));
  ck_assert(boiloff__profile_line_key("   ", 3, &empty) == 0);
  ck_assert_int_eq(empty, 1);
}
END_TEST

/* ---- counting ---- */

static boiloff_profile *p;

static void setup(void)
{
  p = boiloff_profile_new(NULL);
  ck_assert_ptr_nonnull(p);
}

static void teardown(void)
{
  boiloff_profile_free(p);
  p = NULL;
}

START_TEST(test_count_once_per_page)
{
  const char *page = "Footer\nbody one\r\nFooter\rfooter  \n\n";
  unsigned long pages;
  ck_assert_int_eq(boiloff_profile_add_page(p, "s", page, strlen(page)), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_page(p, "s", "footer", 6), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_page(p, "t", "footer", 6), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, "s"), 2);
  ck_assert_uint_eq(boiloff_profile_pages(p, "t"), 1);
  ck_assert_uint_eq(boiloff_profile_pages(p, "u"), 0);
  ck_assert_uint_eq(boiloff_profile_count(p, "s", "FOOTER", 6), 2);
  ck_assert_uint_eq(boiloff_profile_count(p, "s", "body one", 8), 1);
  ck_assert_uint_eq(boiloff_profile_count(p, "s", "", 0), 0);
  ck_assert_uint_eq(boiloff_profile_count(p, "u", "footer", 6), 0);
  ck_assert(boiloff__profile_share(p, "s", "Footer", 6, &pages) == 1.0);
  ck_assert_uint_eq(pages, 2);
  ck_assert(boiloff__profile_share(p, "s", "body one", 8, NULL) == 0.5);
  ck_assert(boiloff__profile_share(p, "nope", "footer", 6, &pages) == 0.0);
  ck_assert_uint_eq(pages, 0);
  ck_assert(boiloff__profile_share(NULL, "s", "footer", 6, &pages) == 0.0);
}
END_TEST

START_TEST(test_furniture)
{
  char page[64];
  int i;
  for (i = 0; i < 20; i++) {
    snprintf(page, sizeof page, "Footer line\nbody %c\n%s", 'a' + i,
             i < 2 ? "rare\n" : i < 5 ? "some\n" : "");
    ck_assert_int_eq(boiloff_profile_add_page(p, "s", page, strlen(page)), BOILOFF_OK);
  }
  for (i = 0; i < 4; i++)
    ck_assert_int_eq(boiloff_profile_add_page(p, "small", "Footer line", 11), BOILOFF_OK);
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "footer LINE", 11), 1);
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "some", 4), 1); /* 3 of 20 */
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "rare", 4), 0); /* 2 pages */
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "body c", 6), 0);
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "small", "Footer line", 11), 0);
  ck_assert_int_eq(boiloff__profile_is_furniture(NULL, "s", "x", 1), 0);
}
END_TEST

START_TEST(test_default_site)
{
  ck_assert_int_eq(boiloff_profile_add_page(p, NULL, "x", 1), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, ""), 1);
  ck_assert_uint_eq(boiloff_profile_count(p, NULL, "x", 1), 1);
  ck_assert_int_eq(boiloff_profile_add_page(NULL, "s", "x", 1), BOILOFF_ERR_ARG);
}
END_TEST

START_TEST(test_many_lines_grow)
{
  char line[64];
  int i;
  for (i = 0; i < 20000; i++) {
    snprintf(line, sizeof line, "line %c%c%c", 'a' + i % 26, 'a' + i / 26 % 26,
             'a' + i / 676 % 26);
    ck_assert_int_eq(boiloff_profile_add_page(p, i % 2 ? "odd" : "even", line,
                                              strlen(line)),
                     BOILOFF_OK);
  }
  ck_assert_uint_eq(boiloff_profile_pages(p, "odd"), 10000);
  ck_assert_uint_eq(boiloff_profile_count(p, "even", "line aaa", 8), 2);
}
END_TEST

/* ---- save / load / merge ---- */

static void S_fill(boiloff_profile *q, int from, int to)
{
  char page[256];
  int i;
  for (i = from; i < to; i++) {
    snprintf(page, sizeof page, "Kestrel footer\npage %c body\nMenu\n",
             'a' + i);
    ck_assert_int_eq(boiloff_profile_add_page(q, "kestrel.example", page, strlen(page)),
                     BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_add_page(q, i % 2 ? "odd site%\n" : "", page,
                                              strlen(page)),
                     BOILOFF_OK);
  }
}

START_TEST(test_save_load_roundtrip)
{
  boiloff_profile *q = boiloff_profile_new(NULL);
  char *a, *b;
  S_fill(p, 0, 10);
  ck_assert_int_eq(boiloff_profile_save(p, S_path("a.prof")), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_load(q, S_path("a.prof")), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(q, "kestrel.example"), 10);
  ck_assert_uint_eq(boiloff_profile_pages(q, "odd site%\n"), 5);
  ck_assert_uint_eq(boiloff_profile_pages(q, ""), 5);
  ck_assert_uint_eq(boiloff_profile_count(q, "kestrel.example", "kestrel FOOTER", 14), 10);
  ck_assert_uint_eq(boiloff_profile_count(q, "kestrel.example", "page c body", 11), 1);
  ck_assert_int_eq(boiloff_profile_save(q, S_path("b.prof")), BOILOFF_OK);
  a = S_slurp(S_path("a.prof"));
  b = S_slurp(S_path("b.prof"));
  ck_assert_str_eq(a, b);
  ck_assert(strncmp(a, "boiloff-profile 1\n", 18) == 0);
  ck_assert_ptr_nonnull(strstr(a, "\nsite 5 7 odd%20site%25%0A\n"));
  free(a);
  free(b);
  boiloff_profile_free(q);
}
END_TEST

START_TEST(test_merge_is_order_free)
{
  boiloff_profile *x = boiloff_profile_new(NULL), *y = boiloff_profile_new(NULL),
                  *z = boiloff_profile_new(NULL);
  char *all, *xy, *yx;
  S_fill(p, 0, 10);
  S_fill(x, 0, 4);
  S_fill(y, 4, 10);
  ck_assert_int_eq(boiloff_profile_merge(z, y), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_merge(z, x), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_merge(x, y), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_save(p, S_path("all.prof")), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_save(x, S_path("xy.prof")), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_save(z, S_path("yx.prof")), BOILOFF_OK);
  all = S_slurp(S_path("all.prof"));
  xy = S_slurp(S_path("xy.prof"));
  yx = S_slurp(S_path("yx.prof"));
  ck_assert_str_eq(all, xy);
  ck_assert_str_eq(all, yx);
  /* Loading two files into one profile merges them too. */
  boiloff_profile_free(z);
  z = boiloff_profile_new(NULL);
  ck_assert_int_eq(boiloff_profile_load(z, S_path("all.prof")), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_load(z, S_path("all.prof")), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(z, "kestrel.example"), 20);
  ck_assert_int_eq(boiloff_profile_merge(z, z), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_count(z, "kestrel.example", "menu", 4), 40);
  free(all);
  free(xy);
  free(yx);
  boiloff_profile_free(x);
  boiloff_profile_free(y);
  boiloff_profile_free(z);
}
END_TEST

static const char *const malformed[] = {
    "",
    "boiloff-profile 2\nend 0 0\n",
    "boiloff-profile 1\n",                                    /* no end */
    "boiloff-profile 1\nend 0 0",                             /* no newline */
    "boiloff-profile 1\nend 1 0\n",                           /* wrong total */
    "boiloff-profile 1\nend 0 0\nextra\n",                    /* trailing */
    "boiloff-profile 1\nsite 2 1 s\n00000000000000aa 3\nend 1 1\n", /* > pages */
    "boiloff-profile 1\nsite 2 1 s\n00000000000000aa 0\nend 1 1\n", /* zero */
    "boiloff-profile 1\nsite 2 2 s\n00000000000000aa 1\n00000000000000aa 1\nend 1 2\n",
    "boiloff-profile 1\nsite 2 1 s\n00000000000000AA 1\nend 1 1\n", /* case */
    "boiloff-profile 1\nsite 2 1 s\n0000000000000aa 1\nend 1 1\n",  /* 15 hex */
    "boiloff-profile 1\nsite 2 1 s\nend 1 0\n",               /* missing line */
    "boiloff-profile 1\nsite 2 0 s\nsite 1 0 s\nend 2 0\n",   /* repeated site */
    "boiloff-profile 1\nsite 2 0 a b\nend 1 0\n",             /* raw space */
    "boiloff-profile 1\nsite 2 0 a%2\nend 1 0\n",             /* bad escape */
    "boiloff-profile 1\nsite -2 0 a\nend 1 0\n",
    "boiloff-profile 1\nsite 02 0 a\nend 1 0\n",
    "boiloff-profile 1\nsite 99999999999999999999999 0 a\nend 1 0\n",
    "boiloff-profile 1\ngarbage\nend 0 0\n",
};

START_TEST(test_malformed)
{
  ck_assert_int_eq(boiloff_profile_add_page(p, "keep", "x", 1), BOILOFF_OK);
  S_write("bad.prof", malformed[_i]);
  ck_assert_int_eq(boiloff_profile_load(p, S_path("bad.prof")), BOILOFF_ERR_PROFILE);
  /* unchanged */
  ck_assert_uint_eq(boiloff_profile_pages(p, "keep"), 1);
  ck_assert_uint_eq(boiloff_profile_pages(p, "s"), 0);
  ck_assert_uint_eq(boiloff_profile_pages(p, "a"), 0);
}
END_TEST

START_TEST(test_wellformed_minimal)
{
  S_write("ok.prof", "boiloff-profile 1\n# comment\nsite 3 1 \n"
                     "00000000000000aa 2\nsite 1 0 b\nend 2 1\n");
  ck_assert_int_eq(boiloff_profile_load(p, S_path("ok.prof")), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, ""), 3);
  ck_assert_uint_eq(boiloff_profile_pages(p, "b"), 1);
  ck_assert_uint_eq(boiloff__profile_count_key(p, "", 0xaa), 2);
}
END_TEST

START_TEST(test_io_errors)
{
  errno = 0;
  ck_assert_int_eq(boiloff_profile_load(p, S_path("missing.prof")), BOILOFF_ERR_IO);
  ck_assert_int_eq(errno, ENOENT);
  ck_assert_int_eq(boiloff_profile_save(p, S_path("no/such/dir.prof")), BOILOFF_ERR_IO);
  ck_assert_int_eq(errno, ENOENT);
  ck_assert_int_eq(boiloff_profile_load(NULL, "x"), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_profile_merge(p, NULL), BOILOFF_ERR_ARG);
}
END_TEST

/* ---- allocation failure: the Nth allocation fails ---- */

static long fail_at, alloc_count;

static void *S_malloc(size_t n, void *u)
{
  (void)u;
  return ++alloc_count == fail_at ? NULL : malloc(n);
}
static void *S_realloc(void *q, size_t n, void *u)
{
  (void)u;
  return ++alloc_count == fail_at ? NULL : realloc(q, n);
}
static void S_free(void *q, void *u)
{
  (void)u;
  free(q);
}

START_TEST(test_alloc_failure)
{
  boiloff_allocator a = {S_malloc, S_realloc, S_free, NULL};
  const char *page = "one\ntwo\nthree\n";
  for (fail_at = 1; fail_at < 100; fail_at++) {
    boiloff_profile *q;
    boiloff_status st;
    alloc_count = 0;
    q = boiloff_profile_new(&a);
    if (!q)
      continue;
    st = boiloff_profile_add_page(q, "s", page, strlen(page));
    if (st == BOILOFF_OK) {
      ck_assert_uint_eq(boiloff_profile_pages(q, "s"), 1);
      ck_assert_uint_eq(boiloff_profile_count(q, "s", "two", 3), 1);
    } else {
      ck_assert_int_eq(st, BOILOFF_ERR_NOMEM);
      ck_assert_uint_eq(boiloff_profile_pages(q, "s"), 0);
    }
    boiloff_profile_free(q);
  }
}
END_TEST

static Suite *S_suite(void)
{
  Suite *s = suite_create("profile");
  TCase *tc = tcase_create("normalize");
  tcase_add_test(tc, test_normalize);
  tcase_add_test(tc, test_line_key);
  suite_add_tcase(s, tc);
  tc = tcase_create("count");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_count_once_per_page);
  tcase_add_test(tc, test_default_site);
  tcase_add_test(tc, test_furniture);
  tcase_add_test(tc, test_many_lines_grow);
  suite_add_tcase(s, tc);
  tc = tcase_create("file");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_save_load_roundtrip);
  tcase_add_test(tc, test_merge_is_order_free);
  tcase_add_loop_test(tc, test_malformed, 0,
                      (int)(sizeof malformed / sizeof malformed[0]));
  tcase_add_test(tc, test_wellformed_minimal);
  tcase_add_test(tc, test_io_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("alloc");
  tcase_add_test(tc, test_alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr;
  int failed;
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return EXIT_FAILURE;
  }
  sr = srunner_create(S_suite());
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  {
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
      fprintf(stderr, "could not remove %s\n", tmpdir);
  }
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
