/* lexicon.h - words and phrases: tokenising, stopwords, boilerplate phrase
 * families.
 *
 * The phrase and stopword lists are data (phrases.tsv, stopwords.tsv),
 * compiled into tables at build time and hashed into lookup tables then
 * too (build-aux/gen-lexicon), so a process starts with them.  Matching is by
 * 64-bit hashes of case-folded word sequences, so a line is matched against
 * every phrase in time linear in its length.
 */
#ifndef BOILOFF_LEXICON_H
#define BOILOFF_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "fnv.h"
#include "utf8.h"

/* Boilerplate families.  The order is the order of the bits in masks. */
typedef enum boiloff__family {
  BOILOFF__FAM_PLAYER,    /* video/audio player widgets */
  BOILOFF__FAM_SHARE,     /* share buttons, social links */
  BOILOFF__FAM_COPYRIGHT, /* copyright and legal footers */
  BOILOFF__FAM_COOKIE,    /* cookie, consent, GDPR notices */
  BOILOFF__FAM_NAV,       /* menus, breadcrumbs, section names */
  BOILOFF__FAM_READMORE,  /* "Read more", teasers, related stories */
  BOILOFF__FAM_COUNTER,   /* slideshow counters, "3 comments", "5 min read" */
  BOILOFF__FAM_CAPTION,   /* photo captions and credits */
  BOILOFF__FAM_AD,        /* advertising markers */
  BOILOFF__FAM_SUBSCRIBE, /* newsletter and subscription prompts */
  BOILOFF__FAM_LOGIN,     /* login and account prompts */
  BOILOFF__FAM_COMMENTS,  /* comment-section chrome */
  BOILOFF__FAM_COUNT
} boiloff__family;

typedef enum boiloff__match {
  BOILOFF__MATCH_LINE,     /* the whole line is the phrase */
  BOILOFF__MATCH_START,    /* the line begins with the phrase */
  BOILOFF__MATCH_CONTAINS, /* the phrase occurs anywhere */
  /* The parts of a comment's chrome (threads.c), apart from the above: */
  BOILOFF__MATCH_SAID,  /* the line ends in it, before a colon: "sagt:" */
  BOILOFF__MATCH_LINK,  /* the line ends in it, or in it and a number */
  BOILOFF__MATCH_COUNT, /* the line begins with it: "# kommentare" */
  /* Read by the final decision alone, never by a feature or a rule, so
   * that a row of it leaves the model's view of every line as it was: */
  BOILOFF__MATCH_LATE, /* the whole line is the phrase */
  BOILOFF__MATCH_KINDS
} boiloff__match;

typedef struct boiloff__phrase {
  const char *text;
  boiloff__family family;
  boiloff__match match;
  const char *lang;
} boiloff__phrase;

typedef struct boiloff__stopword {
  const char *word;
  const char *lang;
  const char *list; /* the list it counts in: its language, or a group */
} boiloff__stopword;

/* The stopword density of running text in a list's language. */
typedef struct boiloff__density {
  const char *list;
  double density;
} boiloff__density;

/* A function word written as the first letters of the next word. */
typedef struct boiloff__proclitic {
  const char *letters;
  const char *lang;
} boiloff__proclitic;

/* Generated from the data files (lexicon_data.c). */
extern const boiloff__phrase boiloff__phrase_table[];
extern const size_t boiloff__phrase_count;
extern const boiloff__stopword boiloff__stopword_table[];
extern const size_t boiloff__stopword_count;
extern const boiloff__density boiloff__density_table[];
extern const size_t boiloff__density_count;
extern const boiloff__proclitic boiloff__proclitic_table[];
extern const size_t boiloff__proclitic_count;

/* Name of a family ("share"...), for --explain. */
const char *boiloff__family_name(boiloff__family f);

/* One word of a line. */
typedef struct boiloff__token {
  uint64_t hash; /* of the case-folded word; every number is "#" */
  size_t offset; /* byte offset in the line */
  size_t bytes;
  unsigned chars;  /* code points */
  unsigned uppers; /* capital letters */
  unsigned char upper_first;
  unsigned char all_upper;
  unsigned char is_number;
  unsigned char has_digit;
  unsigned char unspaced; /* one character of a script without spaces */
} boiloff__token;

typedef struct boiloff__tokenizer {
  const unsigned char *p, *end, *start;
  int phrase_mode; /* '#' is a number: for reading the phrase lists */
} boiloff__tokenizer;

void boiloff__tokenizer_init(boiloff__tokenizer *t, const char *s, size_t len);
/* The next word, from any point of the text, in any script: what
 * boiloff__tokenizer_next does with all but the commonest words. */
int boiloff__tokenizer_next_any(boiloff__tokenizer *t, boiloff__token *tok);

/* Letters, digits (and '#' in phrase mode) make words, by utf8.h's byte
 * classes. */
#define BOILOFF__TOKEN_LETTER (BOILOFF__BYTE_UPPER | BOILOFF__BYTE_LOWER)
#define BOILOFF__TOKEN_WORD (BOILOFF__TOKEN_LETTER | BOILOFF__BYTE_DIGIT)
/* The FNV-1a hash of "#", which every number hashes as. */
#define BOILOFF__NUMBER_HASH ((BOILOFF__FNV_OFFSET ^ '#') * BOILOFF__FNV_PRIME)

/* What a word's hash is finished with: its bits mixed, and never 0 (an
 * empty slot of the tables). */
static inline uint64_t boiloff__word_mix(uint64_t h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h ? h : 1;
}

/* Fills tok with the ASCII word of `bytes` bytes at `word`, `offset`
 * bytes into the text, from its letters' `counts` and FNV `h`. */
static inline void boiloff__token_ascii(boiloff__token *tok, size_t offset,
                                        const unsigned char *word, size_t bytes,
                                        uint64_t counts, uint64_t h)
{
  tok->offset = offset;
  tok->bytes = bytes;
  tok->chars = (unsigned)bytes;
  tok->uppers = (unsigned)(counts & 0xffff);
  tok->upper_first = (boiloff__byte_class[*word] & BOILOFF__BYTE_UPPER) != 0;
  tok->all_upper =
      (counts & 0xffffffff) < BOILOFF__COUNT_LOWER && (counts & 0xffff) != 0;
  tok->is_number = !(counts & 0xffffffff);
  tok->has_digit = (counts & BOILOFF__COUNT_DIGITS) != 0;
  tok->unspaced = 0;
  tok->hash = boiloff__word_mix(tok->is_number ? BOILOFF__NUMBER_HASH : h);
}

/* The next word, or 0 at the end of the text.  Words are maximal runs of
 * letters and digits; a character of an unspaced script is a word of its
 * own.  Inline, as most words are ASCII between ASCII separators and take
 * a few instructions a byte here: the rest goes to _next_any, which reads
 * every word the same way. */
#ifdef __GNUC__
/* Inline even where the compiler would not: the call costs a word's. */
#define BOILOFF__TOKENIZER_INLINE inline __attribute__((always_inline))
#else
#define BOILOFF__TOKENIZER_INLINE inline
#endif
static BOILOFF__TOKENIZER_INLINE int
boiloff__tokenizer_next(boiloff__tokenizer *t, boiloff__token *tok)
{
  const unsigned char *p = t->p, *end = t->end, *start;
  uint64_t h = BOILOFF__FNV_OFFSET, counts = 0, add;
  if (t->phrase_mode)
    return boiloff__tokenizer_next_any(t, tok);
  while (p < end && !(boiloff__byte_class[*p] &
                      (BOILOFF__TOKEN_WORD | BOILOFF__BYTE_HIGH)))
    p++;
  start = t->p = p;
  if (p == end || !(boiloff__byte_class[*p] & BOILOFF__TOKEN_WORD))
    return boiloff__tokenizer_next_any(t, tok);
  /* A letter or digit costs one add to the counts and the hash step. */
  while ((int64_t)(add = boiloff__word_byte_counts[*p]) > 0) {
    counts += add;
    h = (h ^ (add >> BOILOFF__COUNT_FOLDED)) * BOILOFF__FNV_PRIME;
    if (++p == end)
      break;
  }
  if ((p < end && *p >= 0x80) || p - start >= 0x10000)
    return boiloff__tokenizer_next_any(t, tok); /* past ASCII, or too long */
  t->p = p;
  boiloff__token_ascii(tok, (size_t)(start - t->start), start,
                       (size_t)(p - start), counts, h);
  return 1;
}

/* The lookup tables are built at build time (build-aux/gen-lexicon runs
 * this code with BOILOFF_LEXICON_GENERATOR); this is then a no-op, kept
 * so that callers need not know. */
void boiloff__lexicon_init(void);
#ifdef BOILOFF_LEXICON_GENERATOR
#include <stdio.h>
/* Writes the tables as C source; 0, or -1 on a write error. */
int boiloff__lexicon_write(FILE *out);
#endif

int boiloff__is_stopword(uint64_t word_hash);

/* Stopword lists (a language, or languages counted together) are numbered
 * in the order the data names them; a mask of lists is a uint32_t whose
 * top bits are BOILOFF__PHRASE_BITS, so there can be this many. */
#define BOILOFF__MAX_LANGS 29
/* In a word's entry, beside its stopword lists: a phrase begins with it. */
#define BOILOFF__STARTS_PHRASE (1u << 31)
/* ... and the word alone is no phrase: only longer ones begin with it. */
#define BOILOFF__ONLY_LONGER (1u << 30)
/* ... and a phrase that may stand past a line's first word (a CONTAINS,
 * SAID or LINK one) begins with it: a word without this bit begins only
 * phrases that open the line, and is no phrase start elsewhere. */
#define BOILOFF__STARTS_INSIDE (1u << 29)
#define BOILOFF__PHRASE_BITS \
  (BOILOFF__STARTS_PHRASE | BOILOFF__ONLY_LONGER | BOILOFF__STARTS_INSIDE)
/* The word table's size: a power of two, > 2x its words and prefixes. */
#define BOILOFF__STOP_SLOTS 65536
/* A key table's filter (built with the table): a 64-bit word per key,
 * picked by its hash, with two of its bits set.  It stays in the caches
 * where the table does not, and turns away most keys that are not in the
 * table without a probe of it (most words of a text are no stopword). */
#define BOILOFF__FILTER_WORDS 4096
/* The place of a key's first (which = 0) or second bit in its word. */
static inline unsigned boiloff__filter_bit(uint64_t key, unsigned which)
{
  return (unsigned)(key >> (40 + 6 * which)) & 63;
}
static inline uint64_t boiloff__filter_bits(uint64_t key)
{
  return (1ull << boiloff__filter_bit(key, 0)) |
         (1ull << boiloff__filter_bit(key, 1));
}
/* Whether key may be in the table of `filter` (no: it is not): its two
 * bits, each shifted down to bit 0. */
static inline int boiloff__filter_may(const uint64_t *filter, uint64_t key)
{
  uint64_t w = filter[(key >> 20) & (BOILOFF__FILTER_WORDS - 1)];
  return (int)((w >> boiloff__filter_bit(key, 0)) &
               (w >> boiloff__filter_bit(key, 1)) & 1);
}
#ifdef BOILOFF_LEXICON_GENERATOR
uint32_t boiloff__stopword_langs(uint64_t word_hash);
#else
/* The word table (lexicon_tables.c, open addressing): probed inline, as
 * every word of every line asks it once. */
extern const uint64_t boiloff__stop_filter[BOILOFF__FILTER_WORDS];
extern const uint64_t boiloff__stop_keys[BOILOFF__STOP_SLOTS];
extern const uint32_t boiloff__stop_langs[BOILOFF__STOP_SLOTS];
/* The lists of which a word is a stopword (bit i: boiloff__lang_code(i)),
 * and BOILOFF__STARTS_PHRASE when a phrase begins with it (with
 * BOILOFF__ONLY_LONGER when the word alone is none). */
static inline uint32_t boiloff__word_entry(uint64_t word_hash)
{
  size_t i = (size_t)word_hash & (BOILOFF__STOP_SLOTS - 1);
  if (!boiloff__filter_may(boiloff__stop_filter, word_hash))
    return 0;
  for (;;) {
    uint64_t key = boiloff__stop_keys[i];
    if (key == word_hash)
      return boiloff__stop_langs[i];
    if (!key)
      return 0;
    i = (i + 1) & (BOILOFF__STOP_SLOTS - 1);
  }
}
/* The lists of which a word is a stopword (bit i: boiloff__lang_code(i)). */
static inline uint32_t boiloff__stopword_langs(uint64_t word_hash)
{
  return boiloff__word_entry(word_hash) & ~BOILOFF__PHRASE_BITS;
}
#endif
/* Longest stopword of a script without spaces at the start of a run of its
 * characters h[0..n) (one token each): its languages, and its length in
 * characters in *len (0: none). */
#define BOILOFF__MAX_RUN_CHARS 8
uint32_t boiloff__stopword_run(const uint64_t *h, size_t n, size_t *len);
/* What a stopword of list i weighs in stopword density: the density of
 * running text in the first list's languages over that in list i's
 * (stopword-density.tsv), so that density means the same in every
 * language; 1 for the first list, and for a list not measured. */
float boiloff__lang_scale(unsigned i);
/* The stopword density of running text in the first list's languages
 * (0 when not measured): what a line of unknown language is taken to
 * have, in the scale of boiloff__lang_scale. */
float boiloff__running_density_of_first(void);
/* The name of list i ("ru", or a group's), or NULL. */
const char *boiloff__lang_code(unsigned i);

/* What the phrase lists say of a line, given its word hashes. */
typedef struct boiloff__phrase_hits {
  unsigned line_families;     /* bit f: the whole line is a phrase of f */
  unsigned start_families;    /* bit f: the line starts with one */
  unsigned contains_families; /* bit f: some phrase of f occurs */
  unsigned edge_families;     /* bit f: a phrase of f opens the line or
                                 ends within its last four words */
  unsigned end_families;      /* bit f: a phrase of f ends the line's
                                 words (of those matched) */
  unsigned contains_words;    /* words covered by "contains" matches */
  unsigned contains_count[BOILOFF__FAM_COUNT]; /* hits per family */
  unsigned said_families;  /* bit f: the line's last words are a SAID */
  unsigned link_families;  /* bit f: ... a LINK, numbers after it aside */
  unsigned count_families; /* bit f: its first words are a COUNT */
  unsigned count_words;    /* the words of the longest COUNT */
  unsigned late_families;  /* bit f: the whole line is a LATE phrase */
} boiloff__phrase_hits;

/* Given the hashes of a line's words and, in order, the positions of
 * those with which a phrase begins (BOILOFF__STARTS_PHRASE), each or'd
 * with BOILOFF__START_ONLY_LONGER when its word's entry says so (then the
 * word alone is not looked up; the mark may be left out). */
#define BOILOFF__START_ONLY_LONGER 0x8000
void boiloff__match_phrases(const uint64_t *hashes, size_t n,
                            const uint16_t *starts, size_t n_starts,
                            boiloff__phrase_hits *hits);

#endif
