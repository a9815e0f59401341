/* check_decode.c - the charset decoder: one fixture per encoding fed
 * whole, in 7-byte chunks and one byte at a time; chunk-split characters;
 * strict mode offsets; binary input; unknown charsets; allocation
 * failure. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset_detect.h"
#include "decode.h"
#include "mem.h"

struct sink {
  char *text;
  size_t len;
};

static boiloff_status sink_cb(void *user, const char *text, size_t len)
{
  struct sink *s = user;
  char *p = realloc(s->text, s->len + len + 1);
  if (!p)
    return BOILOFF_ERR_NOMEM;
  memcpy(p + s->len, text, len);
  s->text = p;
  s->len += len;
  s->text[s->len] = '\0';
  return BOILOFF_OK;
}

static void sink_clear(struct sink *s)
{
  free(s->text);
  s->text = NULL;
  s->len = 0;
}

static char *slurp(const char *name, size_t *len)
{
  const char *dir = getenv("FIXTURES");
  char path[1024];
  FILE *f;
  char *buf;
  long n;
  snprintf(path, sizeof path, "%s/encodings/%s", dir ? dir : "fixtures", name);
  f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  buf = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(buf);
  ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  buf[n] = '\0';
  *len = (size_t)n;
  return buf;
}

/* Decodes buf in chunks of `chunk` bytes (0 = whole) into out. */
static boiloff_status decode_chunked(boiloff__decoder *d, const char *buf,
                                     size_t len, size_t chunk, struct sink *out)
{
  size_t i;
  boiloff_status st = BOILOFF_OK;
  if (chunk == 0)
    chunk = len ? len : 1;
  for (i = 0; i < len && st == BOILOFF_OK; i += chunk)
    st = boiloff__decoder_feed(d, buf + i, len - i < chunk ? len - i : chunk,
                               sink_cb, out);
  return st == BOILOFF_OK ? boiloff__decoder_finish(d, sink_cb, out) : st;
}

static const struct fixture {
  const char *file, *expected, *charset, *force;
} fixtures[] = {
    {"english.utf-8.txt", "english.expected", "UTF-8", "UTF-8"},
    {"english.utf-8-bom.txt", "english.expected", "UTF-8", "UTF-8"},
    {"english.utf-16le-bom.txt", "english.expected", "UTF-16LE", "UTF-16"},
    {"english.utf-16be-bom.txt", "english.expected", "UTF-16BE", "UTF-16"},
    {"english.utf-16le.txt", "english.expected", "UTF-16LE", "UTF-16LE"},
    {"english.utf-32le-bom.txt", "english.expected", "UTF-32LE", "UTF-32"},
    {"russian.utf-16be.txt", "russian.expected", "UTF-16BE", "UTF-16BE"},
    {"western.windows-1252.txt", "western.expected", "WINDOWS-1252",
     "WINDOWS-1252"},
    /* latin-1 is decoded as windows-1252, as browsers do: same text. */
    {"latin1.iso-8859-1.txt", "latin1.expected", "WINDOWS-1252", "ISO-8859-1"},
    {"polish.iso-8859-2.txt", "polish.expected", "ISO-8859-2", "ISO-8859-2"},
    {"russian.koi8-r.txt", "russian.expected", "KOI8-R", "KOI8-R"},
    {"russian.windows-1251.txt", "russian.expected", "WINDOWS-1251",
     "WINDOWS-1251"},
    {"chinese.gb18030.txt", "chinese.expected", "GB18030", "GB18030"},
    {"japanese.shift_jis.txt", "japanese.expected", "CP932", "CP932"},
    {"meta15.iso-8859-15.txt", "meta15.expected", "ISO-8859-15", "ISO-8859-15"},
    {"xmldecl.windows-1251.txt", "xmldecl.expected", "WINDOWS-1251",
     "WINDOWS-1251"},
    {"metautf8.utf-8.txt", "metautf8.expected", "UTF-8", "UTF-8"},
};
#define NFIX (sizeof fixtures / sizeof fixtures[0])
static const size_t chunks[] = {0, 1, 2, 3, 7, 4096};
#define NCHUNK (sizeof chunks / sizeof chunks[0])

/* _i = fixture * NCHUNK + chunk size index; detection and forced. */
START_TEST(test_fixture)
{
  const struct fixture *f = &fixtures[_i / NCHUNK];
  size_t chunk = chunks[_i % NCHUNK], len, elen;
  char *in = slurp(f->file, &len), *exp = slurp(f->expected, &elen);
  int forced;
  for (forced = 0; forced < 2; forced++) {
    struct sink out = {NULL, 0};
    boiloff__decoder *d = boiloff__decoder_new(&boiloff__default_allocator,
                                               forced ? f->force : NULL, 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(decode_chunked(d, in, len, chunk, &out), BOILOFF_OK);
    ck_assert_msg(out.len == elen && memcmp(out.text, exp, elen) == 0,
                  "%s (%s, chunk %zu): output differs", f->file,
                  forced ? "forced" : "detected", chunk);
    if (!forced)
      ck_assert_str_eq(boiloff__decoder_charset(d), f->charset);
    ck_assert_uint_eq(boiloff__decoder_invalid(d), 0);
    boiloff__decoder_free(d);
    sink_clear(&out);
  }
  free(in);
  free(exp);
}
END_TEST

static const char *run(const char *from, unsigned flags, const char *in,
                       size_t len, size_t chunk, boiloff_status *st,
                       unsigned long long *invalid, unsigned long long *offset)
{
  static struct sink out;
  boiloff__decoder *d =
      boiloff__decoder_new(&boiloff__default_allocator, from, flags);
  ck_assert_ptr_nonnull(d);
  sink_clear(&out);
  *st = decode_chunked(d, in, len, chunk, &out);
  if (invalid)
    *invalid = boiloff__decoder_invalid(d);
  if (offset)
    *offset = boiloff__decoder_error_offset(d);
  boiloff__decoder_free(d);
  return out.text ? out.text : "";
}

START_TEST(test_split_multibyte)
{
  static const struct {
    const char *from, *in, *out;
    size_t len;
  } c[] = {
      {NULL, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80!", "é€😀!", 10},
      {"GB18030", "\x81\x30\x81\x30\xD6\xD0", "\xC2\x80中", 6},
      {"UTF-16LE", "\x3D\xD8\x00\xDE!\0", "😀!", 6},
      {"CP932", "\x82\xA0\x8A\xBF", "あ漢", 4},
  };
  size_t k;
  for (k = 0; k < sizeof c / sizeof c[0]; k++) {
    boiloff_status st;
    unsigned long long inv;
    const char *got =
        run(c[k].from, 0, c[k].in, c[k].len, chunks[_i], &st, &inv, NULL);
    ck_assert_int_eq(st, BOILOFF_OK);
    ck_assert_str_eq(got, c[k].out);
    ck_assert_uint_eq(inv, 0);
  }
}
END_TEST

START_TEST(test_invalid_and_strict)
{
  boiloff_status st;
  unsigned long long inv, off;
  const char *got;
  /* Replacement: one U+FFFD per invalid byte, counted. */
  got = run("UTF-8", 0,
            "ab\xFF"
            "cd\xE2\x82",
            7, chunks[_i], &st, &inv, NULL);
  ck_assert_int_eq(st, BOILOFF_OK);
  ck_assert_str_eq(got, "ab\xEF\xBF\xBD"
                        "cd\xEF\xBF\xBD\xEF\xBF\xBD");
  ck_assert_uint_eq(inv, 3);
  /* Strict: the byte offset of the first invalid sequence. */
  got = run("UTF-8", BOILOFF_OPT_STRICT, "abc\xE9t\xC3\xA9", 8, chunks[_i], &st,
            NULL, &off);
  ck_assert_int_eq(st, BOILOFF_ERR_ENCODING);
  ck_assert_uint_eq(off, 3);
  ck_assert_str_eq(got, "abc"); /* what came before still went out */
  {
    /* Detected UTF-8 (BOM, then a window of valid UTF-8), bad byte later. */
    static char big[12000];
    memcpy(big, "\xEF\xBB\xBF\xC3\xA9", 5);
    memset(big + 5, 'x', sizeof big - 5);
    big[9000] = '\xFF';
    run(NULL, BOILOFF_OPT_STRICT, big, sizeof big, chunks[_i], &st, NULL, &off);
    ck_assert_int_eq(st, BOILOFF_ERR_ENCODING);
    ck_assert_uint_eq(off, 9000);
    memset(big, 'x', 3); /* no BOM: the sniff window decides UTF-8 */
    run(NULL, BOILOFF_OPT_STRICT, big, sizeof big, chunks[_i], &st, NULL, &off);
    ck_assert_int_eq(st, BOILOFF_ERR_ENCODING);
    ck_assert_uint_eq(off, 9000);
  }
  got = run("UTF-16LE", BOILOFF_OPT_STRICT,
            "a\0b\0\x00\xD8"
            "c\0",
            8, chunks[_i], &st, NULL, &off);
  ck_assert_int_eq(st, BOILOFF_ERR_ENCODING);
  ck_assert_uint_eq(off, 4);
  got = run("GB18030", 0, "a\x81", 2, chunks[_i], &st, &inv, NULL);
  ck_assert_int_eq(st, BOILOFF_OK);
  ck_assert_str_eq(got, "a\xEF\xBF\xBD");
  ck_assert_uint_eq(inv, 1);
  got = run("GB18030", BOILOFF_OPT_STRICT, "ab\x81\x30", 4, chunks[_i], &st,
            NULL, &off);
  ck_assert_int_eq(st, BOILOFF_ERR_ENCODING);
  ck_assert_uint_eq(off, 2);
  /* NUL becomes U+FFFD, also in strict mode (it is valid, just unwanted). */
  got = run(NULL, BOILOFF_OPT_STRICT, "a\0b", 3, chunks[_i], &st, &inv, NULL);
  ck_assert_int_eq(st, BOILOFF_OK);
  ck_assert_str_eq(got, "a\xEF\xBF\xBD"
                        "b");
  ck_assert_uint_eq(inv, 1);
}
END_TEST

START_TEST(test_late_non_ascii)
{
  /* 10 000 bytes of ASCII, then windows-1252 or UTF-8: a second window
   * from the first byte >= 0x80 decides. */
  size_t n = 10000, k;
  char *buf = malloc(n + 64), *exp = malloc(n + 64);
  boiloff__decoder *d;
  struct sink out = {NULL, 0};
  static const char *const tail_in[] = {"caf\xE9 \x93quoted\x94 \x80",
                                        "caf\xC3\xA9"};
  static const char *const tail_out[] = {"café “quoted” €", "café"};
  static const char *const cs[] = {"WINDOWS-1252", "UTF-8"};
  for (k = 0; k < 2; k++) {
    memset(buf, 'x', n);
    strcpy(buf + n, tail_in[k]);
    memset(exp, 'x', n);
    strcpy(exp + n, tail_out[k]);
    d = boiloff__decoder_new(&boiloff__default_allocator, NULL, 0);
    ck_assert_int_eq(decode_chunked(d, buf, strlen(buf), chunks[_i], &out),
                     BOILOFF_OK);
    ck_assert_str_eq(out.text, exp);
    ck_assert_str_eq(boiloff__decoder_charset(d), cs[k]);
    boiloff__decoder_free(d);
    sink_clear(&out);
  }
  free(buf);
  free(exp);
}
END_TEST

START_TEST(test_declared_vs_utf8)
{
  /* A page that says latin1 but is UTF-8 is decoded as UTF-8. */
  static const char page[] = "<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9</p>";
  boiloff_status st;
  const char *got =
      run(NULL, 0, page, sizeof page - 1, chunks[_i], &st, NULL, NULL);
  ck_assert_int_eq(st, BOILOFF_OK);
  ck_assert_str_eq(got, "<meta charset=\"iso-8859-1\"><p>café</p>");
}
END_TEST

START_TEST(test_binary)
{
  static const char gz[] = "\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03"
                           "\xCB\x48\xCD\xC9\xC9\x07\x00\x86\xA6";
  char junk[512];
  size_t k;
  boiloff_status st;
  run(NULL, 0, gz, sizeof gz - 1, chunks[_i], &st, NULL, NULL);
  ck_assert_int_eq(st, BOILOFF_ERR_BINARY);
  run(NULL, BOILOFF_OPT_ALLOW_BINARY, gz, sizeof gz - 1, chunks[_i], &st, NULL,
      NULL);
  ck_assert_int_eq(st, BOILOFF_OK);
  for (k = 0; k < sizeof junk; k++)
    junk[k] = (char)((k * 7919u) % 251u);
  run(NULL, 0, junk, sizeof junk, chunks[_i], &st, NULL, NULL);
  ck_assert_int_eq(st, BOILOFF_ERR_BINARY);
}
END_TEST

/* The byte-at-a-time definition of the binary test, which the detector's
 * eight-bytes-a-step scan must agree with wherever the odd bytes fall. */
static int binary_reference(const unsigned char *s, size_t len)
{
  size_t i, nul = 0, ctl = 0;
  for (i = 0; i < len; i++) {
    unsigned c = s[i];
    if (c == 0)
      nul++;
    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
              c != '\v' && c != 0x1B) ||
             c == 0x7F)
      ctl++;
  }
  if (len < 64)
    return (nul + ctl) * 2 > len;
  return nul * 100 > len || (nul + ctl) * 10 > len;
}

START_TEST(test_sniff_fast_paths)
{
  static const unsigned char odd[] = {0x00, 0x01, 0x08, 0x0A, 0x1B, 0x1F,
                                      0x20, 0x7E, 0x7F, 0x80, 0x9F, 0xFF};
  unsigned char w[200];
  size_t len, at, k, o, step;
  /* Text with odd bytes at every offset and spacing, around the
   * thresholds (a tenth, a hundredth, half of short windows). */
  for (len = 1; len <= sizeof w; len += 13)
    for (o = 0; o < sizeof odd; o++)
      for (step = 1; step <= 41; step += 4)
        for (at = 0; at < 9 && at < len; at++) {
          memset(w, 'a', len);
          for (k = at; k < len; k += step)
            w[k] = odd[o];
          ck_assert_int_eq(boiloff__charset_is_binary(w, len),
                           binary_reference(w, len));
        }
  /* No NUL byte: neither UTF-16 nor UTF-32. */
  ck_assert_ptr_null(
      boiloff__charset_wide((const unsigned char *)"abcdefgh", 8));
  ck_assert_str_eq(
      boiloff__charset_wide((const unsigned char *)"a\0b\0c\0d\0", 8),
      "UTF-16LE");
  /* A meta charset wherever it starts, up to the end of the window;
   * "<" that is no meta before it. */
  for (at = 0; at < 40; at++) {
    char page[128];
    int n = snprintf(page, sizeof page, "%.*s<b><META CHARSET=koi8-r>", (int)at,
                     "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
    ck_assert_str_eq(
        boiloff__charset_declared((const unsigned char *)page, (size_t)n),
        "KOI8-R");
    ck_assert_ptr_null(
        boiloff__charset_declared((const unsigned char *)page, at + 7));
  }
  ck_assert_str_eq(
      boiloff__charset_declared(
          (const unsigned char *)"<?XML version='1.0' encoding='latin2'?>", 39),
      "ISO-8859-2");
}
END_TEST

START_TEST(test_unknown_charset)
{
  struct sink out = {NULL, 0};
  boiloff__decoder *d =
      boiloff__decoder_new(&boiloff__default_allocator, "NO-SUCH-CHARSET", 0);
  ck_assert_ptr_nonnull(d); /* reported by the first feed, not by new */
  ck_assert_int_eq(boiloff__decoder_feed(d, "abc", 3, sink_cb, &out),
                   BOILOFF_ERR_CHARSET);
  ck_assert_int_eq(boiloff__decoder_finish(d, sink_cb, &out),
                   BOILOFF_ERR_CHARSET);
  boiloff__decoder_reset(d);
  ck_assert_int_eq(boiloff__decoder_finish(d, sink_cb, &out),
                   BOILOFF_ERR_CHARSET);
  boiloff__decoder_free(d);
  ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(test_reset_reuse)
{
  struct sink out = {NULL, 0};
  size_t len;
  char *in = slurp("russian.koi8-r.txt", &len);
  boiloff__decoder *d =
      boiloff__decoder_new(&boiloff__default_allocator, NULL, 0);
  ck_assert_int_eq(decode_chunked(d, in, len, 0, &out), BOILOFF_OK);
  ck_assert_str_eq(boiloff__decoder_charset(d), "KOI8-R");
  boiloff__decoder_reset(d);
  sink_clear(&out);
  ck_assert_ptr_null(boiloff__decoder_charset(d));
  ck_assert_int_eq(decode_chunked(d, "caf\xC3\xA9", 5, 1, &out), BOILOFF_OK);
  ck_assert_str_eq(out.text, "café");
  ck_assert_str_eq(boiloff__decoder_charset(d), "UTF-8");
  boiloff__decoder_free(d);
  sink_clear(&out);
  free(in);
}
END_TEST

/* Allocation failure: the Nth allocation fails, N rising until success;
 * every failure is BOILOFF_ERR_NOMEM (or NULL from new) and leaks
 * nothing. */
static long fail_at, n_alloc, live;
static void *fail_malloc(size_t size, void *user)
{
  void *p;
  (void)user;
  if (n_alloc++ == fail_at)
    return NULL;
  p = malloc(size);
  live += p != NULL;
  return p;
}
static void *fail_realloc(void *ptr, size_t size, void *user)
{
  void *p;
  (void)user;
  if (n_alloc++ == fail_at)
    return NULL;
  p = realloc(ptr, size);
  live += p != NULL && ptr == NULL;
  return p;
}
static void fail_free(void *ptr, void *user)
{
  (void)user;
  live -= ptr != NULL;
  free(ptr);
}

START_TEST(test_alloc_failure)
{
  static const boiloff_allocator fa = {fail_malloc, fail_realloc, fail_free,
                                       NULL};
  size_t len;
  char *in = slurp("chinese.gb18030.txt", &len);
  for (fail_at = 0; fail_at < 1000; fail_at++) {
    struct sink out = {NULL, 0};
    boiloff_status st;
    boiloff__decoder *d;
    n_alloc = live = 0;
    d = boiloff__decoder_new(&fa, "GB18030", 0);
    if (!d) {
      ck_assert_int_eq(live, 0);
      continue;
    }
    st = decode_chunked(d, in, len, 3, &out);
    boiloff__decoder_free(d);
    ck_assert_int_eq(live, 0);
    sink_clear(&out);
    if (st == BOILOFF_OK)
      break;
    ck_assert_int_eq(st, BOILOFF_ERR_NOMEM);
  }
  ck_assert_int_lt(fail_at, 1000);
  free(in);
}
END_TEST

static Suite *decode_suite(void)
{
  Suite *s = suite_create("decode");
  TCase *tc = tcase_create("fixtures");
  tcase_add_loop_test(tc, test_fixture, 0, (int)(NFIX * NCHUNK));
  suite_add_tcase(s, tc);
  tc = tcase_create("streaming");
  tcase_add_loop_test(tc, test_split_multibyte, 0, (int)NCHUNK);
  tcase_add_loop_test(tc, test_invalid_and_strict, 0, (int)NCHUNK);
  tcase_add_loop_test(tc, test_late_non_ascii, 0, (int)NCHUNK);
  tcase_add_loop_test(tc, test_declared_vs_utf8, 0, (int)NCHUNK);
  tcase_add_loop_test(tc, test_binary, 0, (int)NCHUNK);
  suite_add_tcase(s, tc);
  tc = tcase_create("api");
  tcase_add_test(tc, test_sniff_fast_paths);
  tcase_add_test(tc, test_unknown_charset);
  tcase_add_test(tc, test_reset_reuse);
  tcase_add_test(tc, test_alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(decode_suite());
  int failed;
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
