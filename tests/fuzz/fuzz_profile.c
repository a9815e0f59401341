/* fuzz_profile.c - the site profile: how a line is normalised and how a
 * page is counted.
 *
 * Option byte: [0] chunk seed.  The rest is a page (any bytes).
 * - every line's normalised form is valid UTF-8 with no space at either
 *   end and no two in a row;
 * - a line of ASCII normalises to what the rules give, computed here a
 *   byte at a time apart from the library's eight-byte steps: blanks
 *   (controls, space, DEL) collapse to one space between words, a run of
 *   digits becomes one 0, capitals are folded, the rest stays;
 * - the page counted a piece at a time (add_text in chunks) counts every
 *   line as the page counted whole (add_page) does;
 * - the page's lines dealt to a few profiles as pages of a few sites, then
 *   merged all at once (merge_many, in 1 to 64 parts), count what the same
 *   profiles merged one at a time count;
 * - pruned, the merged profile keeps the count of every line counted
 *   BOILOFF__SITE_MIN_COUNT times or more, drops the others, keeps every
 *   site's pages and every verdict of furniture. */
#include <config.h>

#include <string.h>

#include "boiloff.h"
#include "buf.h"
#include "fuzz_util.h"
#include "mem.h"
#include "profile.h"

/* The rules for ASCII, a byte at a time. */
static void ascii_reference(const char *s, size_t n, fz_str *out)
{
  int space = 0, digits = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c <= ' ' || c == 0x7f) {
      space = out->len != 0;
      digits = 0;
      continue;
    }
    if (c >= '0' && c <= '9') {
      if (digits)
        continue;
      digits = 1;
      c = '0';
    } else {
      digits = 0;
      if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c + 32);
    }
    if (space)
      fz_append(out, " ", 1);
    space = 0;
    fz_append(out, &c, 1);
  }
}

static void check_line(const char *line, size_t len)
{
  boiloff__buf b;
  size_t i;
  int ascii = 1;
  boiloff__buf_init(&b, &boiloff__default_allocator);
  if (boiloff__profile_normalize(line, len, &b) != BOILOFF_OK)
    fz_fail("normalize failed");
  FZ_CHECK(fz_utf8_valid(b.data ? b.data : "", b.len));
  FZ_CHECK(b.len == 0 || (b.data[0] != ' ' && b.data[b.len - 1] != ' '));
  for (i = 1; i < b.len; i++)
    FZ_CHECK(b.data[i] != ' ' || b.data[i - 1] != ' ');
  for (i = 0; i < len; i++)
    ascii &= (unsigned char)line[i] < 0x80;
  if (ascii) {
    fz_str want = {0};
    ascii_reference(line, len, &want);
    FZ_CHECK(want.len == b.len &&
             (b.len == 0 || memcmp(want.p, b.data, b.len) == 0));
    fz_free(&want);
  }
  boiloff__buf_free(&b);
}

/* Deals the page's lines to `n` profiles: the line after a line of bytes
 * summing to k goes to profile k % n, under the site of k % 3; every line
 * is counted once more by profile 0 as a page of its own. */
static void deal(boiloff_profile **q, size_t n, const char *page, size_t len)
{
  static const char *const sites[] = {"s", "t", ""};
  size_t start, i, to = 0;
  unsigned sum = 0;
  for (start = 0; start <= len; start = i + 1) {
    for (i = start; i < len && page[i] != '\n' && page[i] != '\r'; i++)
      sum += (unsigned char)page[i];
    if (boiloff_profile_add_page(q[to], sites[sum % 3], page + start,
                                 i - start) != BOILOFF_OK ||
        boiloff_profile_add_page(q[0], "s", page + start, i - start) !=
            BOILOFF_OK)
      fz_fail("add_page failed");
    to = sum % n;
  }
}

static void check_prune(const boiloff_profile *p, const char *page, size_t len)
{
  static const char *const sites[] = {"s", "t", ""};
  boiloff_profile *q = boiloff_profile_new(NULL);
  size_t j, start, i;
  if (!q || boiloff_profile_merge(q, p) != BOILOFF_OK ||
      boiloff_profile_prune(q) != BOILOFF_OK)
    fz_fail("copy or prune failed");
  for (j = 0; j < 3; j++) {
    FZ_CHECK(boiloff_profile_pages(q, sites[j]) ==
             boiloff_profile_pages(p, sites[j]));
    for (start = 0; start <= len; start = i + 1) {
      unsigned long had;
      for (i = start; i < len && page[i] != '\n' && page[i] != '\r'; i++)
        ;
      had = boiloff_profile_count(p, sites[j], page + start, i - start);
      FZ_CHECK(boiloff_profile_count(q, sites[j], page + start, i - start) ==
               (had >= BOILOFF__SITE_MIN_COUNT ? had : 0));
      FZ_CHECK(
          boiloff__profile_is_furniture(q, sites[j], page + start, i - start) ==
          boiloff__profile_is_furniture(p, sites[j], page + start, i - start));
    }
  }
  boiloff_profile_free(q);
}

static void check_merge_many(const char *page, size_t len, unsigned seed,
                             unsigned threads)
{
  enum { MAX = 5 };
  static const char *const sites[] = {"s", "t", ""};
  boiloff_profile *many[MAX], *one[MAX];
  size_t n = 2 + seed % (MAX - 1), k, start, i, j;
  for (k = 0; k < n; k++)
    if (!(many[k] = boiloff_profile_new(NULL)) ||
        !(one[k] = boiloff_profile_new(NULL)))
      fz_fail("profile_new failed");
  deal(many, n, page, len);
  deal(one, n, page, len);
  /* As many parts as threads, threads or not: merge_many's own choice
   * makes one part of a small table. */
  if (boiloff__profile_merge_parts(many[0],
                                   (const boiloff_profile *const *)many + 1,
                                   n - 1, threads, threads) != BOILOFF_OK)
    fz_fail("merge_many failed");
  for (k = 1; k < n; k++)
    if (boiloff_profile_merge(one[0], one[k]) != BOILOFF_OK)
      fz_fail("merge failed");
  for (j = 0; j < 3; j++) {
    FZ_CHECK(boiloff_profile_pages(many[0], sites[j]) ==
             boiloff_profile_pages(one[0], sites[j]));
    for (start = 0; start <= len; start = i + 1) {
      for (i = start; i < len && page[i] != '\n' && page[i] != '\r'; i++)
        ;
      FZ_CHECK(
          boiloff_profile_count(many[0], sites[j], page + start, i - start) ==
          boiloff_profile_count(one[0], sites[j], page + start, i - start));
    }
  }
  check_prune(many[0], page, len);
  for (k = 0; k < n; k++) {
    boiloff_profile_free(many[k]);
    boiloff_profile_free(one[k]);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fz_in in = {data, size};
  unsigned seed = fz_byte(&in);
  const char *page = (const char *)in.p;
  size_t len = in.len, start, i;
  boiloff_profile *whole = boiloff_profile_new(NULL);
  boiloff_profile *parts = boiloff_profile_new(NULL);
  boiloff_status st_whole, st_parts = BOILOFF_OK;
  fz_chunker ch;

  if (!whole || !parts)
    fz_fail("profile_new failed");
  /* The lines as the profile splits them: at CR or LF. */
  for (start = 0; start <= len; start = i + 1) {
    for (i = start; i < len && page[i] != '\n' && page[i] != '\r'; i++)
      ;
    check_line(page + start, i - start);
  }

  st_whole = boiloff_profile_add_page(whole, "s", page, len);
  fz_chunker_init(&ch, seed);
  if (boiloff_profile_begin_page(parts, "s") != BOILOFF_OK)
    fz_fail("begin_page failed");
  for (i = 0; i < len && st_parts == BOILOFF_OK;) {
    size_t n = fz_chunk_next(&ch, len - i);
    st_parts = boiloff_profile_add_text(parts, page + i, n);
    i += n;
  }
  if (st_parts == BOILOFF_OK)
    st_parts = boiloff_profile_end_page(parts);
  else
    boiloff_profile_cancel_page(parts);
  FZ_CHECK(st_whole == st_parts);
  FZ_CHECK(boiloff_profile_pages(whole, "s") ==
           boiloff_profile_pages(parts, "s"));
  for (start = 0; start <= len; start = i + 1) {
    for (i = start; i < len && page[i] != '\n' && page[i] != '\r'; i++)
      ;
    FZ_CHECK(boiloff_profile_count(whole, "s", page + start, i - start) ==
             boiloff_profile_count(parts, "s", page + start, i - start));
  }
  boiloff_profile_free(whole);
  boiloff_profile_free(parts);
  /* 64 parts of a small table: most entries wait for the end. */
  check_merge_many(page, len, seed, 1 + (seed >> 2) % 64);
  check_merge_many(page, len, seed, 64);
  return 0;
}
