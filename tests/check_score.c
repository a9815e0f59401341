/* check_score.c - unit tests of the scorer's metric on hand-computed cases. */
#include <config.h>

#include "score.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* Tokenises s and checks the tokens against the NULL-terminated list. */
static void S_expect_tokens(const char *s, size_t len, const char *const *want)
{
  score_tokens t = {0};
  size_t i;

  ck_assert_int_eq(score_tokenize(&t, s, len), 0);
  for (i = 0; want[i]; i++) {
    ck_assert_msg(i < t.n, "token %zu missing (want '%s')", i, want[i]);
    ck_assert_uint_eq(t.tok[i].len, strlen(want[i]));
    ck_assert_msg(memcmp(s + t.tok[i].off, want[i], t.tok[i].len) == 0,
                  "token %zu is '%.*s', want '%s'", i, (int)t.tok[i].len,
                  s + t.tok[i].off, want[i]);
  }
  ck_assert_uint_eq(t.n, i);
  score_tokens_free(&t);
}

#define TOKENS(s, ...)                                      \
  do {                                                      \
    static const char *const want_[] = {__VA_ARGS__, NULL}; \
    S_expect_tokens((s), sizeof(s) - 1, want_);             \
  } while (0)
#define NO_TOKENS(s)                            \
  do {                                          \
    static const char *const want_[] = {NULL};  \
    S_expect_tokens((s), sizeof(s) - 1, want_); \
  } while (0)

static score_doc S_doc(const char *gold, const char *out)
{
  score_doc d;
  ck_assert_int_eq(score_document(gold, strlen(gold), out, strlen(out), &d), 0);
  return d;
}

#define COUNTS(c, tp_, fp_, fn_)      \
  do {                                \
    ck_assert_uint_eq((c).tp, (tp_)); \
    ck_assert_uint_eq((c).fp, (fp_)); \
    ck_assert_uint_eq((c).fn, (fn_)); \
  } while (0)
#define PRF(x, p_, r_, f_)                     \
  do {                                         \
    ck_assert_double_eq_tol((x).p, (p_), EPS); \
    ck_assert_double_eq_tol((x).r, (r_), EPS); \
    ck_assert_double_eq_tol((x).f, (f_), EPS); \
  } while (0)

/* ---- tokeniser ---------------------------------------------------------- */

START_TEST(test_ascii_tokens)
{
  TOKENS("Hello, world! foo_bar 42", "Hello", "world", "foo_bar", "42");
  TOKENS("  a-b.c/d  ", "a", "b", "c", "d");
  TOKENS("_x_ __ 3.14", "_x_", "__", "3", "14");
  TOKENS("don't", "don", "t");
  NO_TOKENS("");
  NO_TOKENS(" \t\n,.;:!?()[]{}<>\"'-+*/=&%$#@~^`|\\");
}
END_TEST

START_TEST(test_unicode_tokens)
{
  /* Latin letters with diacritics are letters; ß too. */
  TOKENS("café Straße naïve", "café", "Straße", "naïve");
  /* Han has no spaces: a run of ideographs is one token; the ideographic
   * comma and full stop separate. */
  TOKENS("北京欢迎你，中文。", "北京欢迎你", "中文");
  /* Non-ASCII digits (Nd), superscripts and fractions (No), Roman
   * numeral letters (Nl) are numbers, so word characters. */
  TOKENS("٣٤ x² y½ Ⅻ", "٣٤", "x²", "y½", "Ⅻ");
  /* Punctuation and symbols separate: em dash, curly quotes, euro sign,
   * no-break space, emoji. */
  TOKENS("a—b “c” 5€ d\xc2\xa0"
         "e 🙂f",
         "a", "b", "c", "5", "d", "e", "f");
  TOKENS("l’été", "l", "été");
  /* Combining marks (Mn) are not \w in Python: e + U+0301 splits. */
  TOKENS("cafe\xcc\x81s", "cafe", "s");
  /* Cyrillic, Greek, Arabic letters. */
  TOKENS("Привет мир αβγ مرحبا", "Привет", "мир", "αβγ", "مرحبا");
}
END_TEST

START_TEST(test_word_char_table)
{
  ck_assert_int_eq(score_is_word_char('_'), 1);
  ck_assert_int_eq(score_is_word_char('9'), 1);
  ck_assert_int_eq(score_is_word_char('-'), 0);
  ck_assert_int_eq(score_is_word_char(0xDF), 1);    /* ß */
  ck_assert_int_eq(score_is_word_char(0xB2), 1);    /* ² (No) */
  ck_assert_int_eq(score_is_word_char(0xD7), 0);    /* × */
  ck_assert_int_eq(score_is_word_char(0x301), 0);   /* combining acute */
  ck_assert_int_eq(score_is_word_char(0x4E2D), 1);  /* 中 */
  ck_assert_int_eq(score_is_word_char(0x3002), 0);  /* 。 */
  ck_assert_int_eq(score_is_word_char(0x1F642), 0); /* emoji */
  ck_assert_int_eq(score_is_word_char(0x10FFFF), 0);
  ck_assert_int_eq(score_is_word_char(0x110000), 0);
}
END_TEST

START_TEST(test_invalid_utf8)
{
  /* Bytes that are not valid UTF-8 separate tokens; nothing crashes. */
  static const char nul[] = "a\0b";
  static const char *const ab[] = {"a", "b", NULL};

  TOKENS("ab\xff"
         "cd",
         "ab", "cd");
  TOKENS("x\xc3", "x");       /* truncated at the end */
  TOKENS("x\xc3y", "x", "y"); /* truncated inside */
  TOKENS("\xc0\xaf"
         "a",
         "a"); /* overlong '/' */
  TOKENS("a\xed\xa0\x80"
         "b",
         "a", "b"); /* encoded surrogate */
  TOKENS("a\xf4\x90\x80\x80"
         "b",
         "a", "b");             /* above U+10FFFF */
  TOKENS("\x80\x80\x80z", "z"); /* stray continuations */
  S_expect_tokens(nul, sizeof nul - 1, ab);
}
END_TEST

/* ---- one document ---------------------------------------------------------
 */

START_TEST(test_partial_output)
{
  /* Gold: 5 tokens, shingles abcd bcde; output: abcd. */
  score_doc d = S_doc("a b c d e", "a b c d");
  COUNTS(d.shingle, 1, 0, 1);
  PRF(d.shingle_prf, 1.0, 0.5, 2.0 / 3.0);
  COUNTS(d.bow, 4, 0, 1);
  PRF(d.bow_prf, 1.0, 0.8, 2 * 0.8 / 1.8);
  ck_assert_uint_eq(d.gold_tokens, 5);
  ck_assert_uint_eq(d.out_tokens, 4);
}
END_TEST

START_TEST(test_empty_gold)
{
  score_doc d = S_doc("", "a b c d e");
  COUNTS(d.shingle, 0, 2, 0);
  PRF(d.shingle_prf, 0.0, 0.0, 0.0);
  COUNTS(d.bow, 0, 5, 0);
  PRF(d.bow_prf, 0.0, 0.0, 0.0);
}
END_TEST

START_TEST(test_empty_output)
{
  score_doc d = S_doc("a b c d e", " ,. ");
  COUNTS(d.shingle, 0, 0, 2);
  PRF(d.shingle_prf, 0.0, 0.0, 0.0);
  COUNTS(d.bow, 0, 0, 5);
  PRF(d.bow_prf, 0.0, 0.0, 0.0);
}
END_TEST

START_TEST(test_both_empty)
{
  score_doc d = S_doc("", "--");
  COUNTS(d.shingle, 0, 0, 0);
  PRF(d.shingle_prf, 1.0, 1.0, 1.0);
  COUNTS(d.bow, 0, 0, 0);
  PRF(d.bow_prf, 1.0, 1.0, 1.0);
}
END_TEST

START_TEST(test_short_texts)
{
  score_doc d;

  /* 1-3 tokens give one shingle of all of them. */
  d = S_doc("a b", "a, b!");
  COUNTS(d.shingle, 1, 0, 0);
  PRF(d.shingle_prf, 1.0, 1.0, 1.0);

  d = S_doc("a b c", "a b c d"); /* (a,b,c) vs (a,b,c,d) */
  COUNTS(d.shingle, 0, 1, 1);
  PRF(d.shingle_prf, 0.0, 0.0, 0.0);
  COUNTS(d.bow, 3, 1, 0);
  PRF(d.bow_prf, 0.75, 1.0, 2 * 0.75 / 1.75);

  d = S_doc("a b c", "a b"); /* (a,b,c) vs (a,b) */
  COUNTS(d.shingle, 0, 1, 1);

  d = S_doc("word", "word");
  COUNTS(d.shingle, 1, 0, 0);

  d = S_doc("a b c d", "a b c d"); /* exactly 4: one shingle */
  COUNTS(d.shingle, 1, 0, 0);
  ck_assert_uint_eq(score_nshingles(0, 4), 0);
  ck_assert_uint_eq(score_nshingles(3, 4), 1);
  ck_assert_uint_eq(score_nshingles(4, 4), 1);
  ck_assert_uint_eq(score_nshingles(10, 4), 7);
}
END_TEST

START_TEST(test_duplicates)
{
  score_doc d;

  /* Gold: x*6 = 3 shingles (x,x,x,x); output x*4 = 1. */
  d = S_doc("x x x x x x", "x x x x");
  COUNTS(d.shingle, 1, 0, 2);
  PRF(d.shingle_prf, 1.0, 1.0 / 3.0, 0.5);
  COUNTS(d.bow, 4, 0, 2);
  PRF(d.bow_prf, 1.0, 4.0 / 6.0, 0.8);

  /* The other way round: the output's excess is FP. */
  d = S_doc("x x x x", "x x x x x x");
  COUNTS(d.shingle, 1, 2, 0);
  PRF(d.shingle_prf, 1.0 / 3.0, 1.0, 0.5);

  /* a b c d a b c d: abcd twice, bcda, cdab, dabc. */
  d = S_doc("a b c d a b c d", "a b c d");
  COUNTS(d.shingle, 1, 0, 4);
  PRF(d.shingle_prf, 1.0, 0.2, 2 * 0.2 / 1.2);
  COUNTS(d.bow, 4, 0, 4);

  /* Case is kept: The != the. */
  d = S_doc("The cat sat down", "the cat sat down");
  COUNTS(d.shingle, 0, 1, 1);
  COUNTS(d.bow, 3, 1, 1);
}
END_TEST

START_TEST(test_order_matters)
{
  /* Same words, other order: no shingle in common, bag of words equal. */
  score_doc d = S_doc("a b c d e f", "d e f a b c");
  COUNTS(d.shingle, 0, 3, 3);
  PRF(d.shingle_prf, 0.0, 0.0, 0.0);
  COUNTS(d.bow, 6, 0, 0);
  PRF(d.bow_prf, 1.0, 1.0, 1.0);

  /* Punctuation and line breaks are only separators. */
  d = S_doc("Der Hund, das Fest\nété 2024.", "Der Hund das Fest été 2024");
  COUNTS(d.shingle, 3, 0, 0);
}
END_TEST

START_TEST(test_unicode_document)
{
  /* Tokens: 北京 的 Straße 3² | output drops the last one. */
  score_doc d = S_doc("北京 的 Straße 3², ok", "北京 的 Straße 3²");
  COUNTS(d.shingle, 1, 0, 1);
  COUNTS(d.bow, 4, 0, 1);
}
END_TEST

START_TEST(test_large_document)
{
  /* Many distinct shingles exercise the hash table's growth. */
  size_t n = 20000, i, len = 0, half = 0;
  char *s = malloc(n * 8);
  score_doc d;

  ck_assert_ptr_nonnull(s);
  for (i = 0; i < n; i++) {
    if (i == n / 2)
      half = len;
    len += (size_t)sprintf(s + len, "w%zu ", i % 5000);
  }
  ck_assert_int_eq(score_document(s, len, s, len, &d), 0);
  COUNTS(d.shingle, n - 3, 0, 0);
  /* The first n/2 tokens: all their shingles are in the gold. */
  ck_assert_int_eq(score_document(s, len, s, half, &d), 0);
  COUNTS(d.shingle, n / 2 - 3, 0, n / 2);
  free(s);
}
END_TEST

/* ---- sets -------------------------------------------------------------------
 */

START_TEST(test_set_means)
{
  score_set s;
  score_doc a = S_doc("a b c d e", "a b c d"); /* p 1, r 0.5 */
  score_doc b = S_doc("a b c d e", "");        /* R only: r 0 */
  score_doc c = S_doc("", "a b c d e");        /* P only: p 0 */
  score_doc d = S_doc("", "");                 /* neither */
  score_prf x;

  score_set_init(&s);
  score_set_add(&s, &a);
  score_set_add(&s, &b);
  score_set_add(&s, &c);
  score_set_add(&s, &d);
  ck_assert_uint_eq(s.docs, 4);
  ck_assert_uint_eq(s.n_p, 2);
  ck_assert_uint_eq(s.n_r, 2);
  x = score_set_shingle(&s);
  /* P = (1 + 0) / 2, R = (0.5 + 0) / 2, F1 of the means. */
  PRF(x, 0.5, 0.25, 2 * 0.5 * 0.25 / 0.75);
  x = score_set_bow(&s);
  /* bow p: 1, 0, 0, 1; r: 0.8, 0, 0, 1; f: 8/9, 0, 0, 1. */
  PRF(x, 0.5, 0.45, (8.0 / 9.0 + 1.0) / 4);
}
END_TEST

START_TEST(test_set_without_output)
{
  score_set s;
  score_doc a = S_doc("a b c d e", "");
  score_prf x;

  score_set_init(&s);
  x = score_set_shingle(&s);
  PRF(x, 0.0, 0.0, 0.0);
  score_set_add(&s, &a);
  score_set_add(&s, &a);
  x = score_set_shingle(&s);
  PRF(x, 0.0, 0.0, 0.0);
}
END_TEST

static Suite *S_suite(void)
{
  Suite *s = suite_create("score");
  TCase *tc;

  tc = tcase_create("tokenizer");
  tcase_add_test(tc, test_ascii_tokens);
  tcase_add_test(tc, test_unicode_tokens);
  tcase_add_test(tc, test_word_char_table);
  tcase_add_test(tc, test_invalid_utf8);
  suite_add_tcase(s, tc);

  tc = tcase_create("document");
  tcase_add_test(tc, test_partial_output);
  tcase_add_test(tc, test_empty_gold);
  tcase_add_test(tc, test_empty_output);
  tcase_add_test(tc, test_both_empty);
  tcase_add_test(tc, test_short_texts);
  tcase_add_test(tc, test_duplicates);
  tcase_add_test(tc, test_order_matters);
  tcase_add_test(tc, test_unicode_document);
  tcase_add_test(tc, test_large_document);
  suite_add_tcase(s, tc);

  tc = tcase_create("set");
  tcase_add_test(tc, test_set_means);
  tcase_add_test(tc, test_set_without_output);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(S_suite());
  int failed;

  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
