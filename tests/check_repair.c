/* check_repair.c - encoding repair: every damaged line of
 * fixtures/repair/pairs.tsv comes out clean, and no correct line (the
 * clean column, fixtures/repair/clean.txt) is changed: precision first. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "repair.h"
#include "utf8.h"

static FILE *open_fixture(const char *name)
{
  const char *dir = getenv("FIXTURES");
  char path[1024];
  FILE *f;
  snprintf(path, sizeof path, "%s/repair/%s", dir ? dir : "fixtures", name);
  f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  return f;
}

/* Undoes the fixtures' escapes in place: \uXXXX and \\. */
static size_t unescape(char *s)
{
  char *r = s, *w = s;
  while (*r) {
    if (r[0] == '\\' && r[1] == 'u') {
      char hex[5] = {r[2], r[3], r[4], r[5], 0};
      w += boiloff__utf8_encode((uint32_t)strtoul(hex, NULL, 16), w);
      r += 6;
    } else if (r[0] == '\\' && r[1] == '\\') {
      *w++ = '\\';
      r += 2;
    } else {
      *w++ = *r++;
    }
  }
  *w = '\0';
  return (size_t)(w - s);
}

static boiloff__buf out;
static void setup(void)
{
  boiloff__buf_init(&out, &boiloff__default_allocator);
}
static void teardown(void)
{
  boiloff__buf_free(&out);
}

/* Repairs s[0..n); nonzero when the result differs from `want`. */
static int repair_differs(const char *s, size_t n, const char *want, size_t wn,
                          unsigned long long *repairs)
{
  boiloff__buf_clear(&out);
  ck_assert_int_eq(boiloff__repair_line(s, n, &out, repairs), BOILOFF_OK);
  return out.len != wn || memcmp(out.data, want, wn) != 0;
}

START_TEST(test_pairs)
{
  FILE *f = open_fixture("pairs.tsv");
  char line[4096];
  int fixed = 0, total = 0, clean_changed = 0;
  while (fgets(line, sizeof line, f)) {
    char *tab, *damaged = line, *clean;
    size_t dn, cn;
    unsigned long long reps = 0;
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '#' || !(tab = strchr(line, '\t')))
      continue;
    *tab = '\0';
    clean = tab + 1;
    dn = unescape(damaged);
    cn = unescape(clean);
    total++;
    if (!repair_differs(damaged, dn, clean, cn, &reps) && reps > 0)
      fixed++;
    else
      fprintf(stderr, "not fixed: %s -> %s\n", damaged, out.data);
    reps = 0;
    if (repair_differs(clean, cn, clean, cn, &reps) || reps) {
      clean_changed++;
      fprintf(stderr, "clean changed: %s -> %s\n", clean, out.data);
    }
  }
  fclose(f);
  fprintf(stderr, "repair pairs: %d/%d fixed, %d clean sides changed\n", fixed,
          total, clean_changed);
  ck_assert_int_gt(total, 50);
  ck_assert_int_eq(fixed, total);
  ck_assert_int_eq(clean_changed, 0);
}
END_TEST

START_TEST(test_clean_lines)
{
  FILE *f = open_fixture("clean.txt");
  char line[4096];
  int total = 0, changed = 0;
  while (fgets(line, sizeof line, f)) {
    size_t n;
    unsigned long long reps = 0;
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    n = strlen(line);
    total++;
    if (repair_differs(line, n, line, n, &reps) || reps) {
      changed++;
      fprintf(stderr, "clean changed: %s -> %s\n", line, out.data);
    }
  }
  fclose(f);
  fprintf(stderr, "repair precision: %d/%d correct lines unchanged\n",
          total - changed, total);
  ck_assert_int_gt(total, 25);
  ck_assert_int_eq(changed, 0);
}
END_TEST

START_TEST(test_fast_path_and_append)
{
  /* Appends after what `out` holds; ASCII passes untouched. */
  unsigned long long reps = 0;
  boiloff__buf_append(&out, "> ", 2);
  static const char damaged[] = "don\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t";
  ck_assert_int_eq(
      boiloff__repair_line(damaged, sizeof damaged - 1, &out, &reps),
      BOILOFF_OK);
  ck_assert_str_eq(out.data, "> don\xE2\x80\x99t");
  ck_assert_uint_eq(reps, 1);
  boiloff__buf_clear(&out);
  ck_assert_int_eq(boiloff__repair_line("x", 0, &out, &reps), BOILOFF_OK);
  ck_assert_uint_eq(out.len, 0);
  ck_assert_int_eq(boiloff__repair_line("a & b;", 6, &out, NULL), BOILOFF_OK);
  ck_assert_str_eq(out.data, "a & b;");
}
END_TEST

START_TEST(test_scans_every_offset)
{
  /* The scans that skip plain ASCII a word or sixteen bytes at a time
   * find what stops them at every offset and every length. */
  char line[64];
  size_t len, at;
  for (len = 0; len <= 48; len++) {
    memset(line, 'a', len);
    ck_assert_int_eq(boiloff__repair_needed(line, len), 0);
    ck_assert_uint_eq(boiloff__ascii_run((const unsigned char *)line, len),
                      len);
    for (at = 0; at + 5 <= len; at++) {
      memset(line, 'a', len);
      memcpy(line + at, "&amp;", 5);
      ck_assert_msg(boiloff__repair_needed(line, len), "& at %zu of %zu", at,
                    len);
      memset(line, 'a', len);
      memcpy(line + at, "\xC3\xA9", 2); /* mojibake's first half */
      line[at + 2] = '\xC2';
      line[at + 3] = '\xA0';
      ck_assert_uint_eq(boiloff__ascii_run((const unsigned char *)line, len),
                        at);
      line[at] = '\0';
      ck_assert_uint_eq(boiloff__ascii_run((const unsigned char *)line, len),
                        at);
    }
  }
}
END_TEST

START_TEST(test_references)
{
  static const char *const c[][2] = {
      {"&#0;", "\xEF\xBF\xBD"},           /* NUL reference: U+FFFD */
      {"&#10;x", "&#10;x"},               /* no line break inside a line */
      {"&#xD800;", "\xEF\xBF\xBD"},       /* a surrogate is no character */
      {"&#1234567890;", "&#1234567890;"}, /* too long to be a reference */
      {"&nbsp", "&nbsp"},                 /* no semicolon: left as typed */
      {"&NoSuchEntity;", "&NoSuchEntity;"},
      {"&amp;", "&"},
      {"&amp;amp;", "&"},
      {"&amp;c", "&c"}, /* one level of escaping undone */
  };
  size_t k;
  for (k = 0; k < sizeof c / sizeof c[0]; k++) {
    boiloff__buf_clear(&out);
    ck_assert_int_eq(boiloff__repair_line(c[k][0], strlen(c[k][0]), &out, NULL),
                     BOILOFF_OK);
    ck_assert_str_eq(out.data, c[k][1]);
  }
}
END_TEST

/* A failing allocator: the append fails, the caller gets NOMEM. */
static void *no_malloc(size_t s, void *u)
{
  (void)s;
  (void)u;
  return NULL;
}
static void *no_realloc(void *p, size_t s, void *u)
{
  (void)p;
  (void)s;
  (void)u;
  return NULL;
}
static void no_free(void *p, void *u)
{
  (void)p;
  (void)u;
}

START_TEST(test_nomem)
{
  static const boiloff_allocator none = {no_malloc, no_realloc, no_free, NULL};
  boiloff__buf b;
  boiloff__buf_init(&b, &none);
  ck_assert_int_eq(boiloff__repair_line("caf\xC3\x83\xC2\xA9", 7, &b, NULL),
                   BOILOFF_ERR_NOMEM);
  ck_assert_ptr_null(b.data);
}
END_TEST

static Suite *repair_suite(void)
{
  Suite *s = suite_create("repair");
  TCase *tc = tcase_create("fixtures");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_pairs);
  tcase_add_test(tc, test_clean_lines);
  tcase_add_test(tc, test_scans_every_offset);
  suite_add_tcase(s, tc);
  tc = tcase_create("unit");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_fast_path_and_append);
  tcase_add_test(tc, test_references);
  tcase_add_test(tc, test_nomem);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(repair_suite());
  int failed;
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
