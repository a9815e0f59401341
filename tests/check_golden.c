/* check_golden.c - golden pages and the user's sample pages, through the
 * library, fed whole and in tiny chunks.
 *
 * fixtures/golden/<name>.txt must give fixtures/golden/<name>.expected
 * byte for byte, where there is one; fixtures/golden/golden.spec (the page
 * of each language) and fixtures/seeds/seeds.spec list what the cleaned
 * pages must and must not contain (format in their headers).  A page named
 * in fixtures/golden/golden.xfail is a known failure: it must still fail
 * one of its checks, so that its fix is noticed. */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "testutil.h"

static const size_t chunk_sizes[] = {0, 1, 2, 3, 7, 4096};
#define N_CHUNKS ((int)(sizeof chunk_sizes / sizeof chunk_sizes[0]))

static char **golden_names;

/* The languages of the README, one golden page <lang>-article.txt each. */
static const char *const languages[] = {
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "ru",
    "uk", "bg", "tr", "ar", "fa", "he", "hi", "zh", "ja", "ko", "vi",
    "id", "th", "sv", "da", "no", "fi", "el", "hu", "ro"};
static size_t n_golden;

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_golden(void)
{
  DIR *d = opendir(fixture_path("golden"));
  struct dirent *e;
  if (!d) {
    fprintf(stderr, "check_golden: cannot open %s\n", fixture_path("golden"));
    exit(EXIT_FAILURE);
  }
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name);
    if (l > 9 && strcmp(e->d_name + l - 9, ".expected") == 0) {
      golden_names =
          realloc(golden_names, (n_golden + 1) * sizeof *golden_names);
      golden_names[n_golden] = strdup(e->d_name);
      golden_names[n_golden++][l - 9] = '\0';
    }
  }
  closedir(d);
  qsort(golden_names, n_golden, sizeof *golden_names, cmp_str);
}

START_TEST(test_golden_pages)
{
  size_t i;
  ck_assert_uint_ge(n_golden, 7); /* one page per language at least */
  for (i = 0; i < n_golden; i++) {
    char name[512];
    char *in, *expected;
    size_t in_len;
    sink out = {0};
    snprintf(name, sizeof name, "golden/%s.txt", golden_names[i]);
    in = read_file(fixture_path(name), &in_len);
    ck_assert_msg(in != NULL, "cannot read %s", name);
    snprintf(name, sizeof name, "golden/%s.expected", golden_names[i]);
    expected = read_file(fixture_path(name), NULL);
    ck_assert_msg(expected != NULL, "cannot read %s", name);
    ck_assert_int_eq(clean_with(NULL, in, in_len, chunk_sizes[_i], &out),
                     BOILOFF_OK);
    ck_assert_msg(strcmp(out.text, expected) == 0,
                  "%s (chunk %zu): got\n%s\nexpected\n%s", golden_names[i],
                  chunk_sizes[_i], out.text, expected);
    sink_clear(&out);
    free(in);
    free(expected);
  }
}
END_TEST

/* Counts the occurrences of `needle` in `hay`. */
static size_t occurrences(const char *hay, const char *needle)
{
  size_t n = 0, l = strlen(needle);
  const char *p = hay;
  while ((p = strstr(p, needle)) != NULL) {
    n++;
    p += l ? l : 1;
  }
  return n;
}

/* Whether some line of `text`, trimmed of white space, equals `want`. */
static int has_line(const char *text, const char *want)
{
  const char *p = text;
  size_t wl = strlen(want);
  while (*p) {
    const char *end = strchr(p, '\n'), *a = p, *b;
    if (!end)
      end = p + strlen(p);
    b = end;
    while (a < b && (*a == ' ' || *a == '\t'))
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
      b--;
    if ((size_t)(b - a) == wl && memcmp(a, want, wl) == 0)
      return 1;
    p = *end ? end + 1 : end;
  }
  return 0;
}

/* Whether `file` is named in the known failures' list `xfail`. */
static int listed(const char *xfail, const char *file)
{
  size_t l = strlen(file);
  const char *p = xfail;
  while (p && *p) {
    if (strncmp(p, file, l) == 0 && (p[l] == '\t' || p[l] == '\n'))
      return 1;
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  return 0;
}

/* Runs the checks of a spec file on the pages of `dir`; returns how many
 * failed, and counts the checks into *checks.  Failures are printed. */
static int run_spec(const char *dir, const char *spec_name, size_t chunk,
                    const char *only, int *checks)
{
  char path[512], line[4096];
  FILE *spec;
  int failed = 0;
  snprintf(path, sizeof path, "%s/%s", dir, spec_name);
  spec = fopen(fixture_path(path), "r");
  ck_assert_msg(spec != NULL, "cannot open %s", path);
  while (fgets(line, sizeof line, spec)) {
    char *file = line, *check, *text, *in;
    size_t len;
    sink out = {0};
    int ok;
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    check = strchr(file, '\t');
    ck_assert_ptr_nonnull(check);
    *check++ = '\0';
    text = strchr(check, '\t');
    ck_assert_ptr_nonnull(text);
    *text++ = '\0';
    if (only && strcmp(only, file) != 0)
      continue;
    ck_assert_msg(snprintf(path, sizeof path, "%s/%s", dir, file) <
                      (int)sizeof path,
                  "name too long: %s", file);
    in = read_file(fixture_path(path), &len);
    ck_assert_msg(in != NULL, "cannot read %s", path);
    ck_assert_int_eq(clean_with(NULL, in, len, chunk, &out), BOILOFF_OK);
    if (strcmp(check, "keep") == 0)
      ok = occurrences(out.text, text) >= 1;
    else if (strcmp(check, "once") == 0)
      ok = occurrences(out.text, text) == 1;
    else if (strcmp(check, "drop") == 0)
      ok = occurrences(out.text, text) == 0;
    else if (strcmp(check, "drop-line") == 0)
      ok = !has_line(out.text, text);
    else
      ck_abort_msg("unknown check %s", check);
    if (!ok) {
      failed++;
      if (!only)
        fprintf(stderr, "%s %s: %s (chunk %zu)\n", file, check, text, chunk);
    }
    (*checks)++;
    sink_clear(&out);
    free(in);
  }
  fclose(spec);
  return failed;
}

START_TEST(test_golden_spec)
{
  char *xfail = read_file(fixture_path("golden/golden.xfail"), NULL);
  int checks = 0, failed;
  size_t i;
  ck_assert_msg(xfail != NULL, "cannot read golden/golden.xfail");
  /* The pages expected to pass, all at once: every failure is printed. */
  failed = 0;
  for (i = 0; i < sizeof languages / sizeof languages[0]; i++) {
    char file[64];
    snprintf(file, sizeof file, "%s-article.txt", languages[i]);
    if (!listed(xfail, file))
      failed +=
          run_spec("golden", "golden.spec", chunk_sizes[_i], file, &checks);
    else
      ck_assert_msg(
          run_spec("golden", "golden.spec", chunk_sizes[_i], file, &checks) > 0,
          "%s passes now: take it out of golden.xfail", file);
  }
  if (failed)
    run_spec("golden", "golden.spec", chunk_sizes[_i], NULL, &checks);
  ck_assert_msg(failed == 0, "%d golden.spec checks failed (chunk %zu)", failed,
                chunk_sizes[_i]);
  ck_assert_int_ge(checks, 30 * 20);
  free(xfail);
}
END_TEST

START_TEST(test_seed_spec)
{
  FILE *spec = fopen(fixture_path("seeds/seeds.spec"), "r");
  char line[4096];
  int checks = 0;
  ck_assert_msg(spec != NULL, "cannot open seeds.spec");
  while (fgets(line, sizeof line, spec)) {
    char *file = line, *check, *text, path[512], *in;
    size_t len;
    sink out = {0};
    int ok;
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    check = strchr(file, '\t');
    ck_assert_ptr_nonnull(check);
    *check++ = '\0';
    text = strchr(check, '\t');
    ck_assert_ptr_nonnull(text);
    *text++ = '\0';
    ck_assert_msg(snprintf(path, sizeof path, "seeds/%s", file) <
                      (int)sizeof path,
                  "name too long: %s", file);
    in = read_file(fixture_path(path), &len);
    ck_assert_msg(in != NULL, "cannot read %s", path);
    ck_assert_int_eq(clean_with(NULL, in, len, chunk_sizes[_i], &out),
                     BOILOFF_OK);
    if (strcmp(check, "keep") == 0)
      ok = occurrences(out.text, text) >= 1;
    else if (strcmp(check, "once") == 0)
      ok = occurrences(out.text, text) == 1;
    else if (strcmp(check, "drop") == 0)
      ok = occurrences(out.text, text) == 0;
    else if (strcmp(check, "drop-line") == 0)
      ok = !has_line(out.text, text);
    else
      ck_abort_msg("unknown check %s", check);
    ck_assert_msg(ok, "%s %s: %s (chunk %zu)", file, check, text,
                  chunk_sizes[_i]);
    checks++;
    sink_clear(&out);
    free(in);
  }
  fclose(spec);
  ck_assert_int_eq(checks, 36);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("golden");
  TCase *tc = tcase_create("pages");
  SRunner *sr;
  int failed;
  list_golden();
  tcase_add_loop_test(tc, test_golden_pages, 0, N_CHUNKS);
  tcase_add_loop_test(tc, test_seed_spec, 0, N_CHUNKS);
  tcase_add_loop_test(tc, test_golden_spec, 0, N_CHUNKS);
  tcase_set_timeout(tc, 120);
  suite_add_tcase(s, tc);
  sr = srunner_create(s);
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
