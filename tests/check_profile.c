/* check_profile.c - unit tests of the site profile (src/lib/profile.c):
 * normalisation, counting (whole and streamed), share, save/load round
 * trip, merge, malformed files, allocation failure. */
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
  S_norm_is("\xC3\x9C"
            "ber \xCE\xA3",
            "\xC3\xBC"
            "ber \xCF\x83");           /* Ü Σ */
  S_norm_is("caf\xE9", "caf\xC3\xA9"); /* latin-1 byte */
  S_norm_is("\x93quoted\x94", "\xE2\x80\x9Cquoted\xE2\x80\x9D"); /* cp1252 */
  S_norm_is("a\xE2\x80\x8B"
            "b\xC2\xA0"
            "c",
            "ab c"); /* ZWSP dropped, NBSP */
  S_norm_is(" \t\x01 ", "");
  S_norm_is("", "");
}
END_TEST

/* Every ASCII byte between letters, at each offset of an eight-byte step
 * of the ASCII path: what it becomes by the rules (blank, digit, capital,
 * anything else as itself). */
START_TEST(test_normalize_ascii)
{
  static const char *const heads[] = {"Ab", "abcdefg", "Abcdefgh", "x y z"};
  size_t h;
  int c;
  for (h = 0; h < sizeof heads / sizeof heads[0]; h++) {
    for (c = 1; c < 0x80; c++) {
      char in[64], want[64], head[16];
      size_t i;
      for (i = 0; heads[h][i]; i++)
        head[i] =
            (char)((heads[h][i] >= 'A' && heads[h][i] <= 'Z') ? heads[h][i] + 32
                                                              : heads[h][i]);
      head[i] = '\0';
      snprintf(in, sizeof in, "%s%cIjKlMnOpQr", heads[h], c);
      if (c <= ' ' || c == 0x7f)
        snprintf(want, sizeof want, "%s ijklmnopqr", head);
      else if (c >= '0' && c <= '9')
        snprintf(want, sizeof want, "%s0ijklmnopqr", head);
      else
        snprintf(want, sizeof want, "%s%cijklmnopqr", head,
                 c >= 'A' && c <= 'Z' ? c + 32 : c);
      S_norm_is(in, want);
    }
  }
  S_norm_is("abcd  efgh  ijkl  mnop", "abcd efgh ijkl mnop");
  S_norm_is("abcdefg  hij", "abcdefg hij");
  S_norm_is("abcdefg hijklmn ", "abcdefg hijklmn");
  S_norm_is("   Abcdefgh ijklmnop", "abcdefgh ijklmnop");
  S_norm_is("abcdefgh123ijklmnop 4 5 67", "abcdefgh0ijklmnop 0 0 0");
  S_norm_is("Ab\xC3\x9C"
            "cdefghijkl 1\xC3\xA9"
            "2",
            "ab\xC3\xBC"
            "cdefghijkl 0\xC3\xA9"
            "0");
  {
    /* Longer than the ASCII path's piece of output. */
    char in[1024], want[1024];
    size_t i;
    for (i = 0; i < 100; i++) {
      memcpy(in + 8 * i, "Word,   ", 8);
      memcpy(want + 6 * i, "word, ", 6);
    }
    in[800] = '\0';
    want[599] = '\0';
    S_norm_is(in, want);
  }
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

/* ---- furniture ---- */

/* Whether the line is furniture by its share, as the thresholds say. */
static int S_furniture_by_share(const boiloff_profile *q, const char *site,
                                const char *line)
{
  unsigned long pages;
  double share = boiloff__profile_share(q, site, line, strlen(line), &pages);
  return pages >= BOILOFF__SITE_MIN_PAGES && share >= BOILOFF__SITE_SHARE &&
         share * (double)pages >= BOILOFF__SITE_MIN_COUNT - 0.5;
}

/* is_furniture (which a filter of the often-counted lines spares most
 * probes) says what the shares say, however the counts were made: page
 * by page, merged from profiles in which no line was counted often yet,
 * or grown past many capacities. */
/* 40 pages of site "s", alternately into a and b: line k ("Line ak") is
 * on the pages that k divides, and pages 0 to 3 also hold 200 lines of
 * their own; each page of "s" comes with one of "t".  Then a page of
 * 2,000 lines of site "big" into a, so that its table grows. */
static void S_divisor_pages(boiloff_profile *a, boiloff_profile *b)
{
  char page[8192];
  int i, j;
  for (i = 0; i < 40; i++) {
    size_t n = 0;
    boiloff_profile *q = i % 2 ? b : a;
    for (j = 1; j <= 40; j++)
      if (i % j == 0)
        n += (size_t)snprintf(page + n, sizeof page - n, "Line %c%c\n",
                              'a' + j / 26, 'a' + j % 26);
    for (j = 0; i < 4 && j < 200; j++)
      n += (size_t)snprintf(page + n, sizeof page - n, "own %d of page %c\n", j,
                            'a' + i);
    ck_assert_int_eq(boiloff_profile_add_page(q, "s", page, n), BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_add_page(q, "t", "Line ab\n", 8),
                     BOILOFF_OK);
  }
  {
    size_t cap = 64 * 1024, n = 0;
    char *big = malloc(cap);
    ck_assert_ptr_nonnull(big);
    for (j = 0; j < 2000; j++)
      n += (size_t)snprintf(big + n, cap - n, "big line %c%c%c\n",
                            'a' + j / 676, 'a' + j / 26 % 26, 'a' + j % 26);
    ck_assert_int_eq(boiloff_profile_add_page(a, "big", big, n), BOILOFF_OK);
    free(big);
  }
}

START_TEST(test_furniture_filter)
{
  boiloff_profile *a = boiloff_profile_new(NULL),
                  *b = boiloff_profile_new(NULL);
  char line[64];
  int j;
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(b);
  S_divisor_pages(a, b);
  ck_assert_int_eq(boiloff_profile_merge(a, b), BOILOFF_OK);
  for (j = 1; j <= 40; j++) {
    snprintf(line, sizeof line, "Line %c%c", 'a' + j / 26, 'a' + j % 26);
    ck_assert_int_eq(boiloff__profile_is_furniture(a, "s", line, strlen(line)),
                     S_furniture_by_share(a, "s", line));
    ck_assert_int_eq(boiloff__profile_is_furniture(b, "s", line, strlen(line)),
                     S_furniture_by_share(b, "s", line));
  }
  /* Counted twice in each profile, four times merged (of 40 pages):
   * furniture only once merged. */
  ck_assert(boiloff__profile_is_furniture(a, "s", "Line an", 7));
  ck_assert(!boiloff__profile_is_furniture(b, "s", "Line an", 7));
  ck_assert(boiloff__profile_is_furniture(a, "t", "line ab", 7));
  ck_assert(!boiloff__profile_is_furniture(a, "s", "own ad of page a", 16));
  ck_assert(!boiloff__profile_is_furniture(a, "u", "Line ab", 7));
  ck_assert(!boiloff__profile_is_furniture(NULL, "s", "Line ab", 7));
  boiloff_profile_free(a);
  boiloff_profile_free(b);
}
END_TEST

/* Pruning drops the lines on fewer than BOILOFF__SITE_MIN_COUNT pages
 * and nothing that decides furniture: every line is furniture or not as
 * before, the sites keep their pages, the rest keep their counts; the
 * pruned profile saves, and counts on. */
START_TEST(test_prune)
{
  static const char *const sites[] = {"s", "t", "big", "u"};
  boiloff_profile *a = boiloff_profile_new(NULL),
                  *b = boiloff_profile_new(NULL);
  char line[64];
  int j, k, before[4][42];
  unsigned long count[42];

  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(b);
  ck_assert_int_eq(boiloff_profile_prune(NULL), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_profile_prune(b), BOILOFF_OK); /* empty */
  S_divisor_pages(a, b);
  ck_assert_int_eq(boiloff_profile_merge(a, b), BOILOFF_OK);
  for (k = 0; k < 4; k++)
    for (j = 1; j <= 41; j++) {
      snprintf(line, sizeof line, "Line %c%c", 'a' + j / 26, 'a' + j % 26);
      before[k][j] =
          boiloff__profile_is_furniture(a, sites[k], line, strlen(line));
      if (k == 0)
        count[j] = boiloff_profile_count(a, "s", line, strlen(line));
    }
  ck_assert_int_eq(boiloff_profile_prune(a), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_prune(a), BOILOFF_OK); /* nothing more */
  for (k = 0; k < 4; k++)
    for (j = 1; j <= 41; j++) {
      snprintf(line, sizeof line, "Line %c%c", 'a' + j / 26, 'a' + j % 26);
      ck_assert_int_eq(
          boiloff__profile_is_furniture(a, sites[k], line, strlen(line)),
          before[k][j]);
      if (k == 0)
        ck_assert_uint_eq(boiloff_profile_count(a, "s", line, strlen(line)),
                          count[j] >= BOILOFF__SITE_MIN_COUNT ? count[j] : 0);
    }
  ck_assert(before[0][13]);  /* on pages 0, 13, 26, 39 */
  ck_assert(!before[0][20]); /* on pages 0 and 20 */
  ck_assert_uint_eq(boiloff_profile_pages(a, "s"), 40);
  ck_assert_uint_eq(boiloff_profile_pages(a, "big"), 1);
  ck_assert_uint_eq(boiloff_profile_count(a, "t", "Line ab", 7), 40);
  ck_assert_uint_eq(boiloff_profile_count(a, "s", "own 7 of page a", 15), 0);
  ck_assert_uint_eq(boiloff_profile_count(a, "big", "big line aab", 12), 0);
  /* Saved and loaded whole; then counted on. */
  ck_assert_int_eq(boiloff_profile_save(a, S_path("pruned.prof")), BOILOFF_OK);
  boiloff_profile_free(b);
  b = boiloff_profile_new(NULL);
  ck_assert_ptr_nonnull(b);
  ck_assert_int_eq(boiloff_profile_load(b, S_path("pruned.prof")), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_count(b, "t", "Line ab", 7), 40);
  ck_assert_uint_eq(boiloff_profile_pages(b, "s"), 40);
  /* (a line pruned at 2 pages counts from 0 again) */
  ck_assert_int_eq(boiloff_profile_add_page(a, "s", "Line au\nnew\n", 12),
                   BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_count(a, "s", "Line au", 7), 1);
  ck_assert_uint_eq(boiloff_profile_count(a, "s", "new", 3), 1);
  ck_assert_uint_eq(boiloff_profile_pages(a, "s"), 41);
  boiloff_profile_free(a);
  boiloff_profile_free(b);
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
  ck_assert_int_eq(boiloff_profile_add_page(p, "s", page, strlen(page)),
                   BOILOFF_OK);
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
             i < 2   ? "rare\n"
             : i < 5 ? "some\n"
                     : "");
    ck_assert_int_eq(boiloff_profile_add_page(p, "s", page, strlen(page)),
                     BOILOFF_OK);
  }
  for (i = 0; i < 4; i++)
    ck_assert_int_eq(boiloff_profile_add_page(p, "small", "Footer line", 11),
                     BOILOFF_OK);
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "footer LINE", 11), 1);
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "some", 4),
                   1); /* 3 of 20 */
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "rare", 4),
                   0); /* 2 pages */
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "s", "body c", 6), 0);
  ck_assert_int_eq(boiloff__profile_is_furniture(p, "small", "Footer line", 11),
                   0);
  ck_assert_int_eq(boiloff__profile_is_furniture(NULL, "s", "x", 1), 0);
}
END_TEST

START_TEST(test_default_site)
{
  ck_assert_int_eq(boiloff_profile_add_page(p, NULL, "x", 1), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, ""), 1);
  ck_assert_uint_eq(boiloff_profile_count(p, NULL, "x", 1), 1);
  ck_assert_int_eq(boiloff_profile_add_page(NULL, "s", "x", 1),
                   BOILOFF_ERR_ARG);
}
END_TEST

START_TEST(test_many_lines_grow)
{
  char line[64];
  int i;
  for (i = 0; i < 20000; i++) {
    snprintf(line, sizeof line, "line %c%c%c", 'a' + i % 26, 'a' + i / 26 % 26,
             'a' + i / 676 % 26);
    ck_assert_int_eq(
        boiloff_profile_add_page(p, i % 2 ? "odd" : "even", line, strlen(line)),
        BOILOFF_OK);
  }
  ck_assert_uint_eq(boiloff_profile_pages(p, "odd"), 10000);
  ck_assert_uint_eq(boiloff_profile_count(p, "even", "line aaa", 8), 2);
}
END_TEST

/* ---- streamed counting ---- */

/* The profile as its saved text (malloc'd), to compare profiles whole. */
static char *S_saved(const boiloff_profile *q)
{
  ck_assert_int_eq(boiloff_profile_save(q, S_path("saved.prof")), BOILOFF_OK);
  return S_slurp(S_path("saved.prof"));
}

/* Pages whose lines end in every way, with characters and sequences cut
 * at line ends and at the page's end, invalid bytes, digits, spaces and
 * zero-width characters: streamed in any pieces they count as whole. */
static const char *const stream_pages[] = {
    "Footer\nbody one\r\nFooter\rfooter  \n\n",
    "\xC3\x9C"
    "ber \xCE\xA3 caf\xE9 \x93q\x94\r\n\xF0\x9F\x98\x80 smile 12\n"
    "a\xE2\x80\x8B"
    "b\xC2\xA0"
    "c",
    "cut \xE2\x82\ncut \xF0\x9F\x98\rnext \xE2\x82\xAC\xE2\x82",
    "\xF0\xE2\x82\xAC \xE0\x80\x80 \xED\xA0\x80 \xF0\x9F\xC3\xA9 \xC2",
    "Page 3 of 12\n\n   \n0:05:52\r\r\nx\xE2\x82\xAC\xF0\x9F\x98\x80",
};

START_TEST(test_stream_any_pieces)
{
  const char *page = stream_pages[_i];
  size_t len = strlen(page), cut, i;
  boiloff_profile *whole = boiloff_profile_new(NULL);
  char *want;

  ck_assert_int_eq(boiloff_profile_add_page(whole, "s", page, len), BOILOFF_OK);
  want = S_saved(whole);
  /* in two pieces, cut at every byte */
  for (cut = 0; cut <= len; cut++) {
    boiloff_profile *q = boiloff_profile_new(NULL);
    char *got;
    ck_assert_int_eq(boiloff_profile_begin_page(q, "s"), BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_add_text(q, page, cut), BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_add_text(q, page + cut, len - cut),
                     BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_end_page(q), BOILOFF_OK);
    got = S_saved(q);
    ck_assert_msg(strcmp(got, want) == 0, "page %d cut at %zu:\n%s\nwant\n%s",
                  _i, cut, got, want);
    free(got);
    boiloff_profile_free(q);
  }
  /* a byte at a time, with empty pieces between */
  ck_assert_int_eq(boiloff_profile_begin_page(p, "s"), BOILOFF_OK);
  for (i = 0; i < len; i++) {
    ck_assert_int_eq(boiloff_profile_add_text(p, page + i, 1), BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_add_text(p, NULL, 0), BOILOFF_OK);
  }
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_OK);
  {
    char *got = S_saved(p);
    ck_assert_str_eq(got, want);
    free(got);
  }
  free(want);
  boiloff_profile_free(whole);
}
END_TEST

START_TEST(test_stream_states)
{
  ck_assert_int_eq(boiloff_profile_add_text(p, "x", 1), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_ERR_STATE);
  boiloff_profile_cancel_page(p); /* nothing open: a no-op */
  ck_assert_int_eq(boiloff_profile_begin_page(NULL, "s"), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_profile_add_text(NULL, "x", 1), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_profile_end_page(NULL), BOILOFF_ERR_ARG);
  boiloff_profile_cancel_page(NULL);
  ck_assert_int_eq(boiloff_profile_count_block(NULL, NULL), 1);

  /* the site is copied at begin_page */
  {
    char site[] = "site";
    ck_assert_int_eq(boiloff_profile_begin_page(p, site), BOILOFF_OK);
    site[0] = 'b';
  }
  ck_assert_int_eq(boiloff_profile_begin_page(p, "t"), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_profile_add_page(p, "t", "x", 1), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_profile_add_text(p, NULL, 1), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_profile_add_text(p, "Footer\nfirst", 12),
                   BOILOFF_OK);
  /* an open page is not in the counts */
  ck_assert_uint_eq(boiloff_profile_pages(p, "site"), 0);
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, "site"), 1);
  ck_assert_uint_eq(boiloff_profile_pages(p, "bite"), 0);
  ck_assert_uint_eq(boiloff_profile_count(p, "site", "first", 5), 1);

  /* a cancelled page counts nothing, not even its site */
  ck_assert_int_eq(boiloff_profile_begin_page(p, "gone"), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_text(p, "Footer\n", 7), BOILOFF_OK);
  boiloff_profile_cancel_page(p);
  ck_assert_int_eq(boiloff_profile_add_text(p, "x", 1), BOILOFF_ERR_STATE);
  ck_assert_uint_eq(boiloff_profile_pages(p, "gone"), 0);
  {
    char *saved = S_saved(p);
    ck_assert_ptr_null(strstr(saved, "gone"));
    free(saved);
  }

  /* NULL site is "" */
  ck_assert_int_eq(boiloff_profile_begin_page(p, NULL), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, ""), 1);
}
END_TEST

/* A page of `n` distinct lines ("l" and four letters), each twice. */
static char *S_distinct_lines(size_t n, size_t *len)
{
  char *t = malloc(n * 14 + 1), *o = t;
  size_t i, k;
  ck_assert_ptr_nonnull(t);
  for (k = 0; k < 2; k++)
    for (i = 0; i < n; i++)
      o += sprintf(o, "l%c%c%c%c\n", (int)('a' + i % 26),
                   (int)('a' + i / 26 % 26), (int)('a' + i / 676 % 26),
                   (int)('a' + i / 17576 % 26));
  *len = (size_t)(o - t);
  return t;
}

START_TEST(test_stream_line_limit)
{
  size_t len;
  char *page = S_distinct_lines(BOILOFF_PROFILE_MAX_PAGE_LINES, &len);

  /* as many distinct lines as the limit: counted */
  ck_assert_int_eq(boiloff_profile_add_page(p, "s", page, len), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, "s"), 1);
  ck_assert_uint_eq(boiloff_profile_count(p, "s", "laaaa", 5), 1);
  /* one more: not counted, the error sticks until the page ends */
  ck_assert_int_eq(boiloff_profile_begin_page(p, "s"), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_text(p, page, len), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_text(p, "one more\n", 9),
                   BOILOFF_ERR_LIMIT);
  ck_assert_int_eq(boiloff_profile_add_text(p, "x", 1), BOILOFF_ERR_LIMIT);
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_ERR_LIMIT);
  ck_assert_uint_eq(boiloff_profile_pages(p, "s"), 1);
  ck_assert_uint_eq(boiloff_profile_count(p, "s", "laaaa", 5), 1);
  ck_assert_uint_eq(boiloff_profile_count(p, "s", "one more", 8), 0);
  /* ... also when the line past the limit is the last, without a line end */
  ck_assert_int_eq(boiloff_profile_begin_page(p, "s"), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_text(p, page, len), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_add_text(p, "one more", 8), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_end_page(p), BOILOFF_ERR_LIMIT);
  ck_assert_int_eq(boiloff_profile_add_page(p, "t", "one more", 8), BOILOFF_OK);
  ck_assert_uint_eq(boiloff_profile_pages(p, "s"), 1);
  free(page);
}
END_TEST

/* The blocks of a context as the text of the page: a line per block, a
 * continued piece joined to the next. */
struct lines {
  char *text;
  size_t len;
};

static int S_lines_block(void *user, const boiloff_block *b)
{
  struct lines *l = user;
  l->text = realloc(l->text, l->len + b->len + 1);
  ck_assert_ptr_nonnull(l->text);
  memcpy(l->text + l->len, b->text, b->len);
  l->len += b->len;
  if (!b->continued)
    l->text[l->len++] = '\n';
  return 0;
}

/* count_block through a context (HTML; text in a given charset; a line
 * longer than max_line_bytes, in continued pieces) counts what add_page
 * counts for the lines the same context gives. */
START_TEST(test_stream_count_block)
{
  static const char html[] =
      "<html><head><title>T</title><script>var x = '<p>no</p>';</script></head>"
      "<body><nav><a href=/>Home</a> | <a href=/n>News</a></nav>"
      "<p>The council voted on Tuesday to close the old library, which has "
      "served the town for more than a century, and to move its books to the "
      "new community centre by the end of the year, said the mayor.</p>"
      "<p>Caf&eacute; 12 &amp; \xE2\x82\xAC 3</p><footer>Kestrel footer</footer>"
      "</body></html>";
  static const char cp1252[] = "\x93Quoted\x94 caf\xE9\r\nKestrel footer\n";
  struct {
    const char *page, *from_code;
    unsigned flags;
  } cases[] = {{html, NULL, BOILOFF_OPT_HTML},
               {cp1252, "windows-1252", BOILOFF_OPT_TEXT}};
  size_t c;

  for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    boiloff_options o;
    boiloff_ctx *ctx;
    boiloff_profile *whole = boiloff_profile_new(NULL), *q;
    struct lines l = {NULL, 0};
    size_t len = strlen(cases[c].page), i;
    char *want, *got;

    boiloff_options_init(&o);
    o.flags = cases[c].flags | BOILOFF_OPT_RULES_ONLY | BOILOFF_OPT_NO_SMOOTH;
    o.from_code = cases[c].from_code;
    o.max_line_bytes = 64;
    ck_assert_ptr_nonnull(ctx = boiloff_new(&o, S_lines_block, &l));
    ck_assert_int_eq(boiloff_feed(ctx, cases[c].page, len), BOILOFF_OK);
    ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
    boiloff_free(ctx);
    ck_assert_int_eq(boiloff_profile_add_page(whole, "s", l.text, l.len),
                     BOILOFF_OK);
    want = S_saved(whole);

    q = boiloff_profile_new(NULL);
    ck_assert_ptr_nonnull(ctx =
                              boiloff_new(&o, boiloff_profile_count_block, q));
    for (int round = 0; round < 2;
         round++) { /* the context reset between pages */
      ck_assert_int_eq(boiloff_profile_begin_page(q, "s"), BOILOFF_OK);
      for (i = 0; i < len; i += 7)
        ck_assert_int_eq(
            boiloff_feed(ctx, cases[c].page + i, len - i < 7 ? len - i : 7),
            BOILOFF_OK);
      ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
      ck_assert_int_eq(boiloff_profile_end_page(q), BOILOFF_OK);
      ck_assert_int_eq(boiloff_reset(ctx), BOILOFF_OK);
      if (round == 0) {
        got = S_saved(q);
        ck_assert_str_eq(got, want);
        free(got);
      }
    }
    ck_assert_uint_eq(boiloff_profile_pages(q, "s"), 2);
    ck_assert_uint_eq(boiloff_profile_count(q, "s", "kestrel footer", 14), 2);
    boiloff_free(ctx);
    boiloff_profile_free(q);
    boiloff_profile_free(whole);
    free(want);
    free(l.text);
  }
}
END_TEST

/* A counting context with no input kind given tells HTML from text as a
 * cleaning one does: HTML is counted as rendered (what --html counts),
 * text in no given charset as its bytes (what add_page counts), even
 * where decoding would change its lines. */
START_TEST(test_count_block_tells_html)
{
  static const char html[] = "<!DOCTYPE html><html><body><p>Kestrel footer</p>"
                             "<p>Caf&eacute; <b>12</b></p></body></html>";
  static const char text[] = "\xEF\xBB\xBF"
                             "caf\xE9 &amp; co\r\nKestrel footer\n";
  struct {
    const char *page;
    unsigned forced; /* the flags whose counts an unflagged context gives */
  } cases[] = {{html, BOILOFF_OPT_HTML}, {text, 0}};
  size_t c;

  for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    boiloff_profile *got = boiloff_profile_new(NULL),
                    *want = boiloff_profile_new(NULL);
    size_t len = strlen(cases[c].page);
    char *a, *b;
    int k;
    for (k = 0; k < 2; k++) {
      boiloff_profile *q = k ? want : got;
      boiloff_options o;
      boiloff_ctx *ctx;
      boiloff_options_init(&o);
      o.flags = k ? cases[c].forced : 0;
      if (k && !cases[c].forced) { /* text: the bytes themselves */
        ck_assert_int_eq(boiloff_profile_add_page(q, "s", cases[c].page, len),
                         BOILOFF_OK);
        continue;
      }
      ck_assert_ptr_nonnull(
          ctx = boiloff_new(&o, boiloff_profile_count_block, q));
      ck_assert_int_eq(boiloff_profile_begin_page(q, "s"), BOILOFF_OK);
      ck_assert_int_eq(boiloff_feed(ctx, cases[c].page, len), BOILOFF_OK);
      ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
      ck_assert_int_eq(boiloff_profile_end_page(q), BOILOFF_OK);
      boiloff_free(ctx);
    }
    a = S_saved(got);
    b = S_saved(want);
    ck_assert_str_eq(a, b);
    ck_assert_uint_eq(boiloff_profile_count(got, "s", "kestrel footer", 14), 1);
    if (c == 0) /* rendered: the markup is not a line */
      ck_assert_uint_eq(boiloff_profile_count(got, "s", "caf\xC3\xA9 12", 8),
                        1);
    free(a);
    free(b);
    boiloff_profile_free(got);
    boiloff_profile_free(want);
  }
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
    ck_assert_int_eq(
        boiloff_profile_add_page(q, "kestrel.example", page, strlen(page)),
        BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_add_page(q, i % 2 ? "odd site%\n" : "",
                                              page, strlen(page)),
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
  ck_assert_uint_eq(
      boiloff_profile_count(q, "kestrel.example", "kestrel FOOTER", 14), 10);
  ck_assert_uint_eq(
      boiloff_profile_count(q, "kestrel.example", "page c body", 11), 1);
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
  boiloff_profile *x = boiloff_profile_new(NULL),
                  *y = boiloff_profile_new(NULL),
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

/* Line i of the merge tests, in letters (digits would normalise alike). */
static size_t S_row(char *out, size_t i)
{
  size_t n = 0;
  memcpy(out, "row ", 4);
  n = 4;
  do {
    out[n++] = (char)('a' + i % 26);
    i /= 26;
  } while (i);
  out[n++] = '\n';
  return n;
}

/* Counts one page of `site` holding rows [from, to). */
static void S_add_rows(boiloff_profile *q, const char *site, size_t from,
                       size_t to)
{
  char *t = malloc((to - from) * 16 + 1);
  size_t n = 0, i;
  ck_assert_ptr_nonnull(t);
  for (i = from; i < to; i++)
    n += S_row(t + n, i);
  ck_assert_int_eq(boiloff_profile_add_page(q, site, t, n), BOILOFF_OK);
  free(t);
}

/* Profile k of the merge tests: sites shared with the others and its own,
 * rows shared and its own; `big` adds enough rows for threads. */
static boiloff_profile *S_merge_input(int k, int big)
{
  boiloff_profile *q = boiloff_profile_new(NULL);
  char own[32];
  size_t j;
  ck_assert_ptr_nonnull(q);
  snprintf(own, sizeof own, "own%c", 'a' + k);
  for (j = 0; j < 6; j++) {
    S_add_rows(q, "shared", 0, 50); /* on every page */
    S_add_rows(q, "shared", 1000 * (size_t)k + 100 * j,
               1000 * (size_t)k + 100 * j + 90);
    S_add_rows(q, own, 7 * j, 7 * j + 300);
  }
  for (j = 0; big && j < 2; j++)
    S_add_rows(q, j ? "big" : own, 30000 * (size_t)k,
               30000 * (size_t)k + 25000);
  return q;
}

static char *S_saved_as(const boiloff_profile *q, const char *name)
{
  ck_assert_int_eq(boiloff_profile_save(q, S_path(name)), BOILOFF_OK);
  return S_slurp(S_path(name));
}

/* Merging many at once, in any number of parts (64 parts of a small table
 * leave many entries waiting at the parts' ends), on threads or not, into
 * a new table or in place, gives what merging one at a time gives.  The
 * first merge cuts the table into as many parts as it is given threads,
 * threads or not; the second is merge_many's own choice. */
START_TEST(test_merge_many)
{
  static const unsigned threads[] = {0, 1, 2, 3, 8, 64};
  enum { N = 4 };
  int big = _i, k;
  size_t t;
  boiloff_profile *in[N], *one = boiloff_profile_new(NULL);
  char *want;
  for (k = 0; k < N; k++)
    in[k] = S_merge_input(k, big);
  ck_assert_ptr_nonnull(one);
  for (k = 0; k < N; k++)
    ck_assert_int_eq(boiloff_profile_merge(one, in[k]), BOILOFF_OK);
  want = S_saved_as(one, "one.prof");
  for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
    boiloff_profile *q = S_merge_input(0, big),
                    *roomy = boiloff_profile_new(NULL);
    char *got;
    ck_assert_int_eq(
        boiloff__profile_merge_parts(q, (const boiloff_profile *const *)in + 1,
                                     N - 1, threads[t], threads[t]),
        BOILOFF_OK);
    got = S_saved_as(q, "many.prof");
    ck_assert_str_eq(got, want);
    free(got);
    /* In place: a profile with room for all (`one` merged twice) takes
     * a third of every count. */
    ck_assert_int_eq(boiloff_profile_merge(roomy, one), BOILOFF_OK);
    ck_assert_int_eq(boiloff_profile_merge(roomy, one), BOILOFF_OK);
    boiloff_profile_free(q);
    q = boiloff_profile_new(NULL);
    ck_assert_int_eq(boiloff_profile_merge_many(
                         q, (const boiloff_profile *const *)in, N, threads[t]),
                     BOILOFF_OK);
    ck_assert_int_eq(
        boiloff_profile_merge_many(roomy, (const boiloff_profile *const *)&q, 1,
                                   threads[t]),
        BOILOFF_OK);
    ck_assert_uint_eq(boiloff_profile_pages(roomy, "shared"),
                      3 * boiloff_profile_pages(one, "shared"));
    ck_assert_uint_eq(boiloff_profile_count(roomy, "shared", "row a", 5),
                      3 * boiloff_profile_count(one, "shared", "row a", 5));
    ck_assert_uint_eq(boiloff_profile_count(roomy, "owna", "row ba", 6),
                      3 * boiloff_profile_count(one, "owna", "row ba", 6));
    boiloff_profile_free(q);
    boiloff_profile_free(roomy);
  }
  ck_assert_int_eq(boiloff_profile_merge_many(one, NULL, 0, 2), BOILOFF_OK);
  ck_assert_int_eq(boiloff_profile_merge_many(one, NULL, 1, 2),
                   BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_profile_merge_many(
                       one, (const boiloff_profile *const *)&one, 1, 2),
                   BOILOFF_ERR_ARG);
  free(want);
  boiloff_profile_free(one);
  for (k = 0; k < N; k++)
    boiloff_profile_free(in[k]);
}
END_TEST

static const char *const malformed[] = {
    "",
    "boiloff-profile 2\nend 0 0\n",
    "boiloff-profile 1\n",                 /* no end */
    "boiloff-profile 1\nend 0 0",          /* no newline */
    "boiloff-profile 1\nend 1 0\n",        /* wrong total */
    "boiloff-profile 1\nend 0 0\nextra\n", /* trailing */
    "boiloff-profile 1\nsite 2 1 s\n00000000000000aa 3\nend 1 1\n", /* > pages
                                                                     */
    "boiloff-profile 1\nsite 2 1 s\n00000000000000aa 0\nend 1 1\n", /* zero */
    "boiloff-profile 1\nsite 2 2 s\n00000000000000aa 1\n00000000000000aa 1\nend 1 2\n",
    "boiloff-profile 1\nsite 2 1 s\n00000000000000AA 1\nend 1 1\n", /* case */
    "boiloff-profile 1\nsite 2 1 s\n0000000000000aa 1\nend 1 1\n",  /* 15 hex */
    "boiloff-profile 1\nsite 2 1 s\nend 1 0\n",             /* missing line */
    "boiloff-profile 1\nsite 2 0 s\nsite 1 0 s\nend 2 0\n", /* repeated site */
    "boiloff-profile 1\nsite 2 0 a b\nend 1 0\n",           /* raw space */
    "boiloff-profile 1\nsite 2 0 a%2\nend 1 0\n",           /* bad escape */
    "boiloff-profile 1\nsite -2 0 a\nend 1 0\n",
    "boiloff-profile 1\nsite 02 0 a\nend 1 0\n",
    "boiloff-profile 1\nsite 99999999999999999999999 0 a\nend 1 0\n",
    "boiloff-profile 1\ngarbage\nend 0 0\n",
};

START_TEST(test_malformed)
{
  ck_assert_int_eq(boiloff_profile_add_page(p, "keep", "x", 1), BOILOFF_OK);
  S_write("bad.prof", malformed[_i]);
  ck_assert_int_eq(boiloff_profile_load(p, S_path("bad.prof")),
                   BOILOFF_ERR_PROFILE);
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
  ck_assert_int_eq(boiloff_profile_load(p, S_path("missing.prof")),
                   BOILOFF_ERR_IO);
  ck_assert_int_eq(errno, ENOENT);
  ck_assert_int_eq(boiloff_profile_save(p, S_path("no/such/dir.prof")),
                   BOILOFF_ERR_IO);
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

/* A merge of many whose allocations fail in turn changes no count. */
START_TEST(test_merge_many_alloc_failure)
{
  boiloff_allocator a = {S_malloc, S_realloc, S_free, NULL};
  boiloff_profile *in[2];
  long k;
  int failures = 0;
  in[0] = S_merge_input(1, 0);
  in[1] = S_merge_input(2, 0);
  for (k = 1; k < 40; k++) {
    boiloff_profile *q;
    boiloff_status st;
    fail_at = 0;
    q = boiloff_profile_new(&a);
    ck_assert_ptr_nonnull(q);
    S_add_rows(q, "shared", 0, 50);
    alloc_count = 0;
    fail_at = k;
    st =
        boiloff_profile_merge_many(q, (const boiloff_profile *const *)in, 2, 2);
    fail_at = 0;
    if (st == BOILOFF_OK) {
      ck_assert_uint_eq(boiloff_profile_pages(q, "shared"), 25);
      ck_assert_uint_eq(boiloff_profile_count(q, "shared", "row a", 5), 13);
    } else {
      failures++;
      ck_assert_int_eq(st, BOILOFF_ERR_NOMEM);
      ck_assert_uint_eq(boiloff_profile_pages(q, "shared"), 1);
      ck_assert_uint_eq(boiloff_profile_count(q, "shared", "row a", 5), 1);
      ck_assert_uint_eq(boiloff_profile_pages(q, "ownb"), 0);
    }
    boiloff_profile_free(q);
  }
  ck_assert_int_gt(failures, 3);
  boiloff_profile_free(in[0]);
  boiloff_profile_free(in[1]);
}
END_TEST

/* A prune whose allocations fail leaves every count as it was. */
START_TEST(test_prune_alloc_failure)
{
  boiloff_allocator a = {S_malloc, S_realloc, S_free, NULL};
  int failures = 0;
  for (fail_at = 1; fail_at < 4; fail_at++) {
    boiloff_profile *q;
    boiloff_status st;
    long at = fail_at;
    fail_at = 0;
    q = boiloff_profile_new(&a);
    ck_assert_ptr_nonnull(q);
    S_add_rows(q, "shared", 0, 10); /* rows 0 to 9 on 4 pages */
    S_add_rows(q, "shared", 0, 10);
    S_add_rows(q, "shared", 0, 10);
    S_add_rows(q, "shared", 0, 50); /* the others on one */
    alloc_count = 0;
    fail_at = at;
    st = boiloff_profile_prune(q);
    fail_at = 0;
    if (st == BOILOFF_OK) {
      ck_assert_uint_eq(boiloff_profile_count(q, "shared", "row xb", 6), 0);
    } else {
      failures++;
      ck_assert_int_eq(st, BOILOFF_ERR_NOMEM);
      ck_assert_uint_eq(boiloff_profile_count(q, "shared", "row xb", 6), 1);
    }
    ck_assert_uint_eq(boiloff_profile_count(q, "shared", "row a", 5), 4);
    ck_assert_uint_eq(boiloff_profile_pages(q, "shared"), 4);
    boiloff_profile_free(q);
    fail_at = at;
  }
  ck_assert_int_eq(failures, 2); /* the table and its filter */
}
END_TEST

/* Streamed: the site's copy, the growth of the page's key set (300
 * distinct lines) and the counting at end_page each fail in turn; a page
 * that failed counts nothing, and the profile takes the next page. */
START_TEST(test_stream_alloc_failure)
{
  boiloff_allocator a = {S_malloc, S_realloc, S_free, NULL};
  size_t len, i;
  char *page = S_distinct_lines(300, &len);
  long k;
  int failures = 0, successes = 0;

  for (k = 1; k < 200; k++) {
    boiloff_profile *q;
    boiloff_status st;
    fail_at = k;
    alloc_count = 0;
    if (!(q = boiloff_profile_new(&a)))
      continue;
    if ((st = boiloff_profile_begin_page(q, "kestrel.example")) == BOILOFF_OK) {
      for (i = 0; st == BOILOFF_OK && i < len; i += 100)
        st = boiloff_profile_add_text(q, page + i,
                                      len - i < 100 ? len - i : 100);
      /* end_page returns the page's error, or its own */
      if (st == BOILOFF_OK)
        st = boiloff_profile_end_page(q);
      else
        ck_assert_int_eq(boiloff_profile_end_page(q), st);
    }
    if (st == BOILOFF_OK) {
      successes++;
      ck_assert_uint_eq(boiloff_profile_pages(q, "kestrel.example"), 1);
      ck_assert_uint_eq(boiloff_profile_count(q, "kestrel.example", "lnlaa", 5),
                        1);
    } else {
      ck_assert_int_eq(st, BOILOFF_ERR_NOMEM);
      failures++;
      ck_assert_uint_eq(boiloff_profile_pages(q, "kestrel.example"), 0);
      ck_assert_uint_eq(boiloff_profile_count(q, "kestrel.example", "lnlaa", 5),
                        0);
      fail_at = -1; /* no more failures: the next page counts */
      ck_assert_int_eq(
          boiloff_profile_add_page(q, "kestrel.example", page, len),
          BOILOFF_OK);
      ck_assert_uint_eq(boiloff_profile_pages(q, "kestrel.example"), 1);
    }
    boiloff_profile_free(q);
  }
  ck_assert_int_gt(failures, 3); /* site, key set (twice), table */
  ck_assert_int_gt(successes, 0);
  free(page);
}
END_TEST

static Suite *S_suite(void)
{
  Suite *s = suite_create("profile");
  TCase *tc = tcase_create("normalize");
  tcase_add_test(tc, test_normalize);
  tcase_add_test(tc, test_normalize_ascii);
  tcase_add_test(tc, test_furniture_filter);
  tcase_add_test(tc, test_prune);
  tcase_add_test(tc, test_line_key);
  suite_add_tcase(s, tc);
  tc = tcase_create("count");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_count_once_per_page);
  tcase_add_test(tc, test_default_site);
  tcase_add_test(tc, test_furniture);
  tcase_add_test(tc, test_many_lines_grow);
  suite_add_tcase(s, tc);
  tc = tcase_create("stream");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_loop_test(tc, test_stream_any_pieces, 0,
                      (int)(sizeof stream_pages / sizeof stream_pages[0]));
  tcase_add_test(tc, test_stream_states);
  tcase_add_test(tc, test_stream_line_limit);
  tcase_add_test(tc, test_stream_count_block);
  tcase_add_test(tc, test_count_block_tells_html);
  suite_add_tcase(s, tc);
  tc = tcase_create("file");
  tcase_set_timeout(tc, 30); /* the merges of test_merge_many */
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_save_load_roundtrip);
  tcase_add_test(tc, test_merge_is_order_free);
  tcase_add_loop_test(tc, test_merge_many, 0, 2);
  tcase_add_loop_test(tc, test_malformed, 0,
                      (int)(sizeof malformed / sizeof malformed[0]));
  tcase_add_test(tc, test_wellformed_minimal);
  tcase_add_test(tc, test_io_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("alloc");
  tcase_add_test(tc, test_alloc_failure);
  tcase_add_test(tc, test_stream_alloc_failure);
  tcase_add_test(tc, test_merge_many_alloc_failure);
  tcase_add_test(tc, test_prune_alloc_failure);
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
