/* block_features.h - what one block (line) looks like, measured in one pass.
 *
 * Everything the classifier and the learned model know of a block on its
 * own: its size in words (or, for scripts written without spaces, in
 * characters), how much of it is function words, punctuation, case,
 * numbers, links, and which boilerplate phrase families it touches.
 */
#ifndef BOILOFF_FEATURES_H
#define BOILOFF_FEATURES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lexicon.h"

/* Phrase matching looks at the first this many words of a line: a
 * boilerplate phrase hides in the head of a line, and a longer line is a
 * paragraph whose size speaks for itself. */
#define BOILOFF__MATCH_WORDS 512

/* A field added here goes into tools/features-dump.c's hash too, which
 * `make check-features` compares before and after a speed change. */
typedef struct boiloff__features {
  unsigned chars; /* code points, white space excluded; a Hangul
                     syllable counts its letters (2 or 3 jamo) */
  unsigned words; /* words; unspaced scripts count 1 per 2 chars */
  unsigned letters, uppers, digits, puncts;
  unsigned latin;       /* letters of the Latin script */
  unsigned stopwords;   /* of the line's best stopword list */
  float stop_weight;    /* stopwords weighed by their list's scale
                           (boiloff__lang_scale): density that means
                           the same in every language */
  unsigned title_words; /* words beginning with a capital */
  unsigned caps_words;  /* words of 2+ letters all in capitals */
  unsigned number_words;
  unsigned unspaced;       /* characters of unspaced scripts */
  unsigned sentence_marks; /* . ! ? and their CJK forms */
  unsigned commas;
  unsigned separators;        /* | · • » › ¦ / between words */
  unsigned urls;              /* http://, www., e-mail addresses */
  unsigned char terminal;     /* ends a sentence: . ! ? … or a quote after */
  unsigned char dangling;     /* ends on , ; : - ( : the sentence goes on */
  unsigned char open_end;     /* dangling, or ends on a lower-case letter */
  unsigned char starts_lower; /* first letter is lower case */
  unsigned char timecode;     /* nothing but times and durations: 0:05:52 */
  unsigned char copyright;    /* ©, (c), "copyright" */
  unsigned char ellipsis;     /* ends with ... or … */
  unsigned char truncated;    /* an excerpt cut short: ends with an
                                 ellipsis, or one and then "read more" */
  unsigned char ends_in_link; /* its last words are "read more" or the like */
  unsigned char all_numeric;  /* words are all numbers */
  unsigned char lang;         /* the stopword list (boiloff__lang_code):
                                 the line's language guess; 0, the
                                 first, when none */
  uint64_t words_hash;        /* hash of the folded word sequence (repeats) */
  unsigned tokens;            /* the words hashed into it */
  boiloff__phrase_hits hits;
} boiloff__features;

/* text[len] must be '\0': the word loop stops there without a bound test. */
void boiloff__features_compute(const char *text, size_t len,
                               boiloff__features *f);

/* The stopwords of list `list` (boiloff__lang_code) in the text, counted
 * as features_compute counts those of the best list. */
unsigned boiloff__count_stopwords(const char *text, size_t len, unsigned list);

/* The words_hash of each of the first `max` prefixes of the text's words
 * (out[i]: of its first i + 1 words), so that a later line can be known
 * as the start of this one in one comparison.  Returns how many. */
unsigned boiloff__prefix_hashes(const char *text, size_t len, uint64_t *out,
                                unsigned max);

/* The words_hash of words [a, b) of a text, given its words' hashes. */
uint64_t boiloff__words_run_hash(const uint64_t *hash, unsigned a, unsigned b);

/* The last part of a title, after a separator ("Site: Headline", "Site »
 * Archive » Headline"): its words and their words_hash, for a later line
 * to be known as that part of the title. */
typedef struct boiloff__title_span {
  unsigned first, words; /* the index of its first word; how many */
  uint64_t hash;
} boiloff__title_span;

/* Of a text of at most `max_words` words, each run of two or more words
 * from a separator (a spaced bar, colon, dash, slash, guillemet, dot or
 * bullet) to its end, and no shorter than the words before it, at most
 * `max` of them.  Returns how many (0 for a longer text). */
unsigned boiloff__title_spans(const char *text, size_t len, unsigned max_words,
                              boiloff__title_span *out, unsigned max);

/* Of a text of at most `max_words` words, each run of its whole segments
 * (between separators, as title_spans), of any length, at most `max` of
 * them: what a headline shown with its date may give.  Returns how many
 * (0 for a longer text). */
unsigned boiloff__title_parts(const char *text, size_t len, unsigned max_words,
                              boiloff__title_span *out, unsigned max);

/* A line's memo bucket, 0-255: its length and its first and last eight
 * bytes, mixed (len > 0; the memo then compares the whole line).  A
 * block's features depend on its text alone, so a line met again may
 * copy them (classify.c's window, pipeline.c's batches). */
static inline unsigned boiloff__line_bucket(const char *text, size_t len)
{
  uint64_t a = 0, b = 0;
  if (len >= 8) {
    memcpy(&a, text, 8);
    memcpy(&b, text + len - 8, 8);
  } else {
    size_t i;
    for (i = 0; i < len; i++)
      a = a << 8 | (unsigned char)text[i];
  }
  a ^= b * 0x9e3779b97f4a7c15ull ^ len;
  return (unsigned)((a * 0xff51afd7ed558ccdull) >> 56);
}

#endif
