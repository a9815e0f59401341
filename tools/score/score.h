/* score.h - the evaluation metric of boiloff-score.
 *
 * Implements the metric of the evaluation corpus (eval/README.md):
 *
 *  - tokens are maximal runs of word characters, exactly Python 3's \w+
 *    (Unicode letters L*, numbers N*, and '_'); everything else, including
 *    bytes that are not valid UTF-8, only separates tokens; case is kept;
 *  - the main score compares the multisets of 4-token shingles of the gold
 *    text and the prediction (a text of 1-3 tokens gives one shingle of all
 *    its tokens, an empty text none);
 *  - the secondary score compares the token multisets (bag of words).
 *
 * Per-document figures are combined into per-set figures with score_set_*:
 * shingle P is the mean of p over documents with non-empty output, R the
 * mean of r over documents with non-empty gold, F1 = 2PR/(P+R) of the
 * means; bag-of-words P, R and F1 are plain means over all documents.
 *
 * Nothing here prints, exits or keeps global state.  Functions that
 * allocate return 0 on success and -1 (errno ENOMEM) on failure.
 */
#ifndef BOILOFF_SCORE_H
#define BOILOFF_SCORE_H

#include <stddef.h>
#include <stdint.h>

/* 1 if code point cp is a word character (Python 3 \w), else 0. */
int score_is_word_char(uint32_t cp);

/* One token: bytes text[off .. off+len) of the tokenised text, and a hash
 * of those bytes. */
typedef struct score_token {
  size_t off;
  size_t len;
  uint64_t hash;
} score_token;

/* A tokenised text.  It borrows the text passed to score_tokenize, which
 * must outlive it; the token array is owned and freed by
 * score_tokens_free. */
typedef struct score_tokens {
  const char *text;
  score_token *tok;
  size_t n;
  size_t cap;
} score_tokens;

/* Splits text[0..len) into tokens (text may contain NUL bytes and invalid
 * UTF-8).  *t must be zero-initialised or previously used (its array is
 * reused).  Returns 0, or -1 when out of memory. */
int score_tokenize(score_tokens *t, const char *text, size_t len);
void score_tokens_free(score_tokens *t);

/* Multiset comparison counts: TP = sum of min(gold, out), FP = sum of the
 * output's excess, FN = sum of the gold's excess. */
typedef struct score_counts {
  uint64_t tp;
  uint64_t fp;
  uint64_t fn;
} score_counts;

/* Number of n-gram shingles a text of ntok tokens gives: ntok - n + 1 for
 * ntok >= n, 1 for 0 < ntok < n, 0 for ntok == 0. */
size_t score_nshingles(size_t ntok, unsigned n);

/* Compares the n-gram shingle multisets of gold and out (n >= 1; n = 4 is
 * the main metric, n = 1 the bag of words).  Returns 0, or -1 when out of
 * memory. */
int score_compare(const score_tokens *gold, const score_tokens *out, unsigned n,
                  score_counts *c);

/* Precision, recall and F1 of one document or one set. */
typedef struct score_prf {
  double p;
  double r;
  double f;
} score_prf;

/* Per-document shingle figures from the counts, with the metric's special
 * cases: FP = FN = 0 gives p = r = 1; TP = FP = 0 gives p = 0; TP = FN = 0
 * gives r = 0.  f = 2pr/(p+r), 0 when p + r = 0. */
score_prf score_shingle_prf(const score_counts *c);

/* Per-document bag-of-words figures from the token counts: an empty output
 * has p = 0 (1 if the gold is empty too), an empty gold r = 0 (1 if the
 * output is empty too). */
score_prf score_bow_prf(const score_counts *c);

/* Both metrics for one document. */
typedef struct score_doc {
  size_t gold_tokens;
  size_t out_tokens;
  score_counts shingle; /* 4-gram shingle counts */
  score_counts bow;     /* token counts */
  score_prf shingle_prf;
  score_prf bow_prf;
} score_doc;

/* Scores one document from its gold text and the output text.  Returns 0,
 * or -1 when out of memory. */
int score_document(const char *gold, size_t gold_len, const char *out,
                   size_t out_len, score_doc *d);

/* Accumulates documents into set figures. */
typedef struct score_set {
  size_t docs;
  size_t n_p;          /* documents with non-empty output */
  size_t n_r;          /* documents with non-empty gold */
  double sum_p, sum_r; /* shingle p and r over those */
  double bow_sum_p, bow_sum_r, bow_sum_f;
} score_set;

void score_set_init(score_set *s);
void score_set_add(score_set *s, const score_doc *d);
/* Set figures; with no qualifying documents the mean is 0. */
score_prf score_set_shingle(const score_set *s);
score_prf score_set_bow(const score_set *s);

#endif
