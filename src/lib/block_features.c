/* block_features.c - what one block (line) looks like, measured in one pass. */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "block_features.h"
#include "fnv.h"
#include "utf8.h"

/* Full stops, question and exclamation marks of every script: Latin,
 * Greek (;), Armenian, Arabic, Urdu, Devanagari, Myanmar, Ethiopic, CJK
 * and their full- and half-width forms.  Thai ends a sentence with a space. */
static int is_sentence_mark(uint32_t cp)
{
  if (cp < 0x80)
    return cp == '.' || cp == '!' || cp == '?';
  switch (cp) {
  case 0x2026:
  case 0x203C:
  case 0x2047:
  case 0x2048:
  case 0x2049:
  case 0x037E:
  case 0x0589:
  case 0x061F:
  case 0x06D4:
  case 0x0964:
  case 0x0965:
  case 0x104B:
  case 0x1362:
  case 0x1367:
  case 0x1368:
  case 0x3002:
  case 0xFF01:
  case 0xFF0E:
  case 0xFF1F:
  case 0xFF61:
    return 1;
  default:
    return 0;
  }
}

/* Commas of every script: Latin, Arabic, Armenian, Myanmar, Ethiopic, CJK. */
static int is_comma(uint32_t cp)
{
  return cp == ',' || cp == 0x060C || cp == 0x055D || cp == 0x104A ||
         cp == 0x1363 || cp == 0x3001 || cp == 0xFF0C || cp == 0xFF64;
}

static int is_closing(uint32_t cp)
{
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
         cp == 0x201C || cp == 0x2019 || cp == 0xBB || cp == 0x203A ||
         cp == 0x3009 || cp == 0x300B || cp == 0x300D || cp == 0x300F ||
         cp == 0x3011 || cp == 0xFF09 || cp == 0xFF63;
}

/* Vowel signs and tone marks of Thai, Lao, Myanmar and Khmer: part of the
 * letter before them, not a letter of the word's length. */
static int is_syllable_mark(uint32_t cp)
{
  return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
         (cp >= 0x0E47 && cp <= 0x0E4E) || cp == 0x0EB1 ||
         (cp >= 0x0EB4 && cp <= 0x0EBC) || (cp >= 0x0EC8 && cp <= 0x0ECD) ||
         (cp >= 0x102B && cp <= 0x103E) || (cp >= 0x17B4 && cp <= 0x17D3);
}

/* Han and kana are counted one word per two characters; the alphabets
 * written without spaces (Thai, Lao, Myanmar, Khmer) one per three
 * letters: the mean length of a word in each, without a dictionary. */
static int is_ideographic(uint32_t cp)
{
  return cp >= 0x3040;
}

static int is_separator(uint32_t cp)
{
  return cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == 0xBB ||
         cp == 0x203A || cp == 0xA6 || cp == 0x25B8 || cp == 0x25BA ||
         cp == 0x2192;
}

/* Where the character scan of a line stands: what the end of the line
 * and a colon between digits need to know of the characters before. */
typedef struct char_scan {
  uint32_t last, before_last; /* the last two characters not white space */
  uint32_t prev;              /* the character before, ' ' for white space */
  int first_letter_seen;
  unsigned colon_digits;
  int at_sign; /* an '@': an e-mail address, or a handle */
} char_scan;

static void char_scan_init(char_scan *s)
{
  s->last = s->before_last = 0;
  s->prev = ' ';
  s->first_letter_seen = 0;
  s->colon_digits = 0;
  s->at_sign = 0;
}

/* Looks at the characters of text[0..len), a part of a line that begins
 * and ends on a character's boundary: classes and punctuation. */
static void scan_chars(char_scan *s, const char *text, size_t len,
                       boiloff__features *f)
{
  const unsigned char *p = (const unsigned char *)text, *end = p + len;
  uint32_t last = s->last, before_last = s->before_last, prev = s->prev;
  while (p < end) {
    uint32_t cp;
    unsigned k = boiloff__byte_class[*p];
    if (k & (BOILOFF__BYTE_UPPER | BOILOFF__BYTE_LOWER)) {
      /* A run of ASCII letters, most of the input, in one tight loop. */
      const unsigned char *run = p;
      unsigned up = 0, n;
      if (!s->first_letter_seen) {
        s->first_letter_seen = 1;
        f->starts_lower = (k & BOILOFF__BYTE_LOWER) != 0;
      }
      do {
        up += k & BOILOFF__BYTE_UPPER;
        if (++p == end)
          break;
        k = boiloff__byte_class[*p];
      } while (k & (BOILOFF__BYTE_UPPER | BOILOFF__BYTE_LOWER));
      n = (unsigned)(p - run);
      f->chars += n;
      f->letters += n;
      f->latin += n;
      f->uppers += up;
      before_last = n >= 2 ? p[-2] : last;
      last = prev = p[-1];
      continue;
    }
    if (k & BOILOFF__BYTE_SPACE) {
      p++;
      prev = ' ';
      continue;
    }
    if (!(k & BOILOFF__BYTE_HIGH)) {
      /* An ASCII digit or punctuation mark. */
      cp = *p++;
      f->chars++;
      if (k & BOILOFF__BYTE_DIGIT) {
        f->digits++;
      } else {
        f->puncts++;
        if (cp == '.' || cp == '!' || cp == '?')
          f->sentence_marks++;
        else if (cp == ',')
          f->commas++;
        else if (cp == ':' && boiloff__cp_is_digit(prev))
          s->colon_digits++;
        else if (cp == '@')
          s->at_sign = 1;
        if ((cp == '|' || cp == '/') && prev == ' ')
          f->separators++;
      }
      before_last = last;
      last = prev = cp;
      continue;
    }
    p += boiloff__utf8_decode_inline(p, (size_t)(end - p), &cp);
    if (boiloff__cp_is_space(cp)) {
      prev = ' ';
      continue;
    }
    f->chars++;
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
      /* A Hangul syllable is two or three letters (jamo) of an alphabet
       * stacked in one block (its canonical decomposition): counted as
       * letters, as in other alphabets, so that sizes mean the same. */
      unsigned extra = (cp - 0xAC00) % 28 ? 2 : 1;
      f->chars += extra;
      f->letters += extra;
    }
    if (boiloff__cp_is_letter(cp)) {
      f->letters++;
      if (boiloff__cp_is_upper(cp))
        f->uppers++;
      if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00))
        f->latin++; /* Latin-1, Extended-A and B, Vietnamese */
      if (boiloff__cp_is_unspaced_script(cp))
        f->unspaced++;
      if (!s->first_letter_seen) {
        s->first_letter_seen = 1;
        /* Only where the script has case: an Arabic or Han letter is not. */
        f->starts_lower = (unsigned char)boiloff__cp_is_lower(cp);
      }
    } else if (boiloff__cp_is_digit(cp)) {
      f->digits++;
    } else {
      f->puncts++;
      if (is_sentence_mark(cp))
        f->sentence_marks++;
      else if (is_comma(cp))
        f->commas++;
      else if (cp == 0xA9)
        f->copyright = 1;
      else if (cp == ':' && boiloff__cp_is_digit(prev))
        s->colon_digits++;
      if ((is_separator(cp) || cp == '/') && prev == ' ')
        f->separators++;
    }
    before_last = last;
    last = cp;
    prev = cp;
  }
  s->last = last;
  s->before_last = before_last;
  s->prev = prev;
}

/* Looks at the characters of a word: a word of ASCII letters, most words,
 * from what the tokenizer counted, with the same result as scan_chars. */
static void scan_word(char_scan *s, const char *text, const boiloff__token *tok,
                      boiloff__features *f)
{
  const char *w = text + tok->offset;
  unsigned n = tok->chars;
  if (tok->bytes == n && tok->is_number) {
    /* ASCII digits, as scan_chars counts them. */
    f->chars += n;
    f->digits += n;
    s->before_last = n >= 2 ? (unsigned char)w[n - 2] : s->last;
    s->last = s->prev = (unsigned char)w[n - 1];
    return;
  }
  if (tok->bytes != n || tok->has_digit) {
    scan_chars(s, w, tok->bytes, f);
    return;
  }
  if (!s->first_letter_seen) {
    s->first_letter_seen = 1;
    f->starts_lower = !tok->upper_first;
  }
  f->chars += n;
  f->letters += n;
  f->latin += n;
  f->uppers += tok->uppers;
  s->before_last = n >= 2 ? (unsigned char)w[n - 2] : s->last;
  s->last = s->prev = (unsigned char)w[n - 1];
}

/* Looks at the characters between two words (or before the first, or
 * after the last): most often a single space. */
static void scan_gap(char_scan *s, const char *text, size_t len,
                     boiloff__features *f)
{
  if (len == 1 && *text == ' ') {
    s->prev = ' ';
  } else if (len == 1 && *text == '.') {
    /* A full stop that ends the line, as scan_chars counts it. */
    f->chars++;
    f->puncts++;
    f->sentence_marks++;
    s->before_last = s->last;
    s->last = s->prev = '.';
  } else if (len) {
    scan_chars(s, text, len, f);
  }
}

/* The characters before a word of the loop over common words: most often
 * a comma or full stop and a space, else as scan_chars.  Out of line, so
 * that the loop keeps its registers. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static void
scan_gap_before(char_scan *s, const char *text, size_t len,
                boiloff__features *f)
{
  if (len == 2 && text[1] == ' ' && (text[0] == ',' || text[0] == '.')) {
    f->chars++;
    f->puncts++;
    if (text[0] == '.')
      f->sentence_marks++;
    else
      f->commas++;
    s->before_last = s->last;
    s->last = (unsigned char)text[0];
    s->prev = ' ';
    return;
  }
  scan_chars(s, text, len, f);
}

/* How the line ends, once all its characters have been looked at. */
static void scan_end(const char_scan *s, const char *text, size_t len,
                     boiloff__features *f)
{
  uint32_t last = s->last, before_last = s->before_last;
  f->timecode = s->colon_digits > 0 && f->letters <= 3 &&
                f->digits >= 2 * s->colon_digits + 1;
  if ((last | 0x20) - 'a' < 26u) {
    /* An ASCII letter, most lines' end: no mark ends the line, and it is
     * open unless the letter is a capital (f was cleared). */
    f->open_end = last >= 'a';
    return;
  }
  if (is_closing(last) && before_last)
    f->terminal = (unsigned char)is_sentence_mark(before_last);
  else
    f->terminal = (unsigned char)is_sentence_mark(last);
  f->ellipsis = last == 0x2026 || (last == '.' && len >= 3 &&
                                   memcmp(text + len - 3, "...", 3) == 0);
  f->dangling = is_comma(last) || last == ';' || last == ':' || last == '-' ||
                last == 0x2013 || last == 0x2014 || last == '(' ||
                last == 0x061B || last == 0xFF1A || last == 0xFF1B ||
                last == 0xFF08;
  /* Ending on a letter that is not a capital (lower case, or of a script
   * without case) and not on a full stop: the sentence may go on. */
  f->open_end = f->dangling || (!f->terminal && boiloff__cp_is_letter(last) &&
                                !boiloff__cp_is_upper(last));
}

/* Stopwords per list; of them, those that the first list does not have,
 * but for single letters (an initial "K." is a stopword of some lists);
 * and which lists have any (so that finding the best looks at those only).
 * A word of the first list adds nothing to `own`, so its other lists are
 * held, and added to `hits` only when one of them could displace the first
 * (lang_counts_settle): most lines have none. */
enum { LANGS_HELD = 64 };
typedef struct lang_counts {
  unsigned hits[BOILOFF__MAX_LANGS];
  unsigned own[BOILOFF__MAX_LANGS];
  uint32_t seen;
  unsigned n_held;
  uint32_t held[LANGS_HELD]; /* not cleared: n_held says how many */
} lang_counts;

static void lang_counts_init(lang_counts *c)
{
  memset(c, 0, offsetof(lang_counts, held));
}

static void add_langs(lang_counts *c, uint32_t langs, unsigned own)
{
  for (; langs; langs &= langs - 1) {
    unsigned i = (unsigned)__builtin_ctz(langs);
    c->hits[i]++;
    c->own[i] += own;
  }
}

/* Adds the held lists to hits. */
static void lang_counts_settle(lang_counts *c)
{
  unsigned i;
  for (i = 0; i < c->n_held; i++)
    add_langs(c, c->held[i], 0);
  c->n_held = 0;
}

static inline void count_langs(lang_counts *c, uint32_t langs, int letter)
{
  c->seen |= langs;
  /* The first list's own bit apart: most stopwords are of it alone. */
  if (langs & 1u) {
    uint32_t rest = langs & ~1u;
    c->hits[0]++;
    /* Written either way, kept when not empty: whether the word is of other
     * lists too is a coin toss, which a branch would mispredict. */
    c->held[c->n_held] = rest;
    c->n_held += rest != 0;
    if (c->n_held == LANGS_HELD)
      lang_counts_settle(c);
    return;
  }
  add_langs(c, langs, (unsigned)!letter);
}

/* Counts the stopwords in a run of characters of an unspaced script
 * (h[0..n), one hash per character), longest match first, until fewer
 * than `keep` characters are left (they may begin a longer stopword when
 * the run goes on).  Moves those to the front; returns how many. */
static size_t match_run_stopwords(uint64_t *h, size_t n, size_t keep,
                                  lang_counts *hits)
{
  size_t i = 0;
  while (n - i > keep) {
    size_t len;
    uint32_t langs = boiloff__stopword_run(h + i, n - i, &len);
    /* One character is a morpheme more often than a word: the lists' single
     * Han characters are most of running Chinese, so only runs count. */
    if (len >= 2)
      count_langs(hits, langs, 0);
    i += len ? len : 1;
  }
  memmove(h, h + i, (n - i) * sizeof *h);
  return n - i;
}

static uint64_t words_hash_step(uint64_t seq, uint64_t word)
{
  return (seq ^ word) * BOILOFF__FNV_PRIME;
}

unsigned boiloff__prefix_hashes(const char *text, size_t len, uint64_t *out,
                                unsigned max)
{
  boiloff__tokenizer t;
  boiloff__token tok;
  uint64_t seq = BOILOFF__FNV_OFFSET;
  unsigned n = 0;
  boiloff__tokenizer_init(&t, text, len);
  while (n < max && boiloff__tokenizer_next(&t, &tok))
    out[n++] = seq = words_hash_step(seq, tok.hash);
  return n;
}

/* Whether the characters between two words part a title's segments: a
 * spaced bar, colon, dash, slash or guillemet ("Ice-Cream" and "1:10"
 * are one segment). */
static int title_separator(const char *gap, size_t len)
{
  static const char *const seps[] = {"|",
                                     ":",
                                     "-",
                                     "/",
                                     "~",
                                     "\xc2\xb7",     /* middle dot */
                                     "\xc2\xbb",     /* >> */
                                     "\xc2\xab",     /* << */
                                     "\xe2\x80\x93", /* en dash */
                                     "\xe2\x80\x94", /* em dash */
                                     "\xe2\x80\xa2" /* bullet */};
  size_t i;
  if (!memchr(gap, ' ', len))
    return 0;
  for (i = 0; i < sizeof seps / sizeof seps[0]; i++)
    if (memmem(gap, len, seps[i], strlen(seps[i])))
      return 1;
  return 0;
}

/* The title's words longest read at once. */
enum { TITLE_MAX_WORDS = 64 };

/* The word hashes of a title and, for each, whether a separator stands
 * before it: the number of words, or 0 past max_words (no known end). */
static unsigned title_words(const char *text, size_t len, unsigned max_words,
                            uint64_t *hash, unsigned char *cut_before)
{
  boiloff__tokenizer t;
  boiloff__token tok;
  size_t end = 0;
  unsigned n = 0;
  if (max_words > TITLE_MAX_WORDS)
    max_words = TITLE_MAX_WORDS;
  boiloff__tokenizer_init(&t, text, len);
  while (boiloff__tokenizer_next(&t, &tok)) {
    if (n == max_words)
      return 0;
    cut_before[n] = n > 0 && title_separator(text + end, tok.offset - end);
    hash[n++] = tok.hash;
    end = tok.offset + tok.bytes;
  }
  return n;
}

uint64_t boiloff__words_run_hash(const uint64_t *hash, unsigned a, unsigned b)
{
  uint64_t seq = BOILOFF__FNV_OFFSET;
  for (; a < b; a++)
    seq = words_hash_step(seq, hash[a]);
  return seq;
}

unsigned boiloff__title_spans(const char *text, size_t len, unsigned max_words,
                              boiloff__title_span *out, unsigned max)
{
  uint64_t hash[TITLE_MAX_WORDS];
  unsigned char cut_before[TITLE_MAX_WORDS];
  unsigned n = title_words(text, len, max_words, hash, cut_before), i,
           spans = 0;
  /* A last part shorter than what stands before it is most often the
   * site's name ("Headline - Site"): not a headline. */
  for (i = 1; i + 2 <= n && spans < max; i++) {
    if (!cut_before[i] || n - i < i)
      continue;
    out[spans].first = i;
    out[spans].words = n - i;
    out[spans++].hash = boiloff__words_run_hash(hash, i, n);
  }
  return spans;
}

unsigned boiloff__title_parts(const char *text, size_t len, unsigned max_words,
                              boiloff__title_span *out, unsigned max)
{
  uint64_t hash[TITLE_MAX_WORDS];
  unsigned char cut_before[TITLE_MAX_WORDS];
  unsigned bound[TITLE_MAX_WORDS + 1]; /* the words that start a part, then n */
  unsigned n = title_words(text, len, max_words, hash, cut_before), nb = 0, a,
           b, i, parts = 0;
  for (i = 0; i < n; i++)
    if (i == 0 || cut_before[i])
      bound[nb++] = i;
  bound[nb] = n;
  for (a = 0; a < nb; a++)
    for (b = a + 1; b <= nb && parts < max; b++) {
      out[parts].first = bound[a];
      out[parts].words = bound[b] - bound[a];
      out[parts++].hash = boiloff__words_run_hash(hash, bound[a], bound[b]);
    }
  return parts;
}

unsigned boiloff__count_stopwords(const char *text, size_t len, unsigned list)
{
  boiloff__tokenizer t;
  boiloff__token tok;
  lang_counts hits;
  uint64_t run[2 * BOILOFF__MAX_RUN_CHARS];
  size_t run_n = 0;
  lang_counts_init(&hits);
  boiloff__tokenizer_init(&t, text, len);
  while (boiloff__tokenizer_next(&t, &tok)) {
    if (tok.unspaced) {
      run[run_n++] = tok.hash;
      if (run_n == sizeof run / sizeof run[0])
        run_n = match_run_stopwords(run, run_n, BOILOFF__MAX_RUN_CHARS, &hits);
    } else {
      if (run_n)
        run_n = match_run_stopwords(run, run_n, 0, &hits);
      count_langs(&hits, boiloff__stopword_langs(tok.hash), tok.chars == 1);
    }
  }
  if (run_n)
    match_run_stopwords(run, run_n, 0, &hits);
  lang_counts_settle(&hits);
  return list < BOILOFF__MAX_LANGS ? hits.hits[list] : 0;
}

/* Hands the word loop's view of the last characters to the scan. */
static inline void scan_set(char_scan *s, uint32_t last, uint32_t before_last,
                            uint32_t prev, int first_letter_seen)
{
  s->last = last;
  s->before_last = before_last;
  s->prev = prev;
  s->first_letter_seen = first_letter_seen;
}

/* Notes word n, whose entry is `entry`, for boiloff__match_phrases if
 * it begins a phrase that matching must look for: any at the line's first
 * word; past it, only one that may stand inside a line (most words that
 * begin phrases begin only a line's).  Its mark (n, with
 * BOILOFF__START_ONLY_LONGER when the entry has BOILOFF__ONLY_LONGER) is
 * written at starts[n_starts] either way, n_starts <= n; returns the new
 * count.  No branch: which words begin phrases is near random. */
static inline size_t note_start(uint16_t *starts, size_t n_starts, size_t n,
                                uint32_t entry)
{
  uint32_t bit = n ? BOILOFF__STARTS_INSIDE : BOILOFF__STARTS_PHRASE;
  starts[n_starts] =
      (uint16_t)(n | (entry & BOILOFF__ONLY_LONGER) /
                         (BOILOFF__ONLY_LONGER / BOILOFF__START_ONLY_LONGER));
  return n_starts + ((entry & bit) != 0);
}

/* What the words of a line have added up to so far. */
typedef struct line_words {
  uint64_t hashes[BOILOFF__MATCH_WORDS];
  uint16_t starts[BOILOFF__MATCH_WORDS]; /* words that begin a phrase */
  size_t n, n_starts;
  uint64_t seq;
  /* Stopwords per list (language); the line's count is its best list's,
   * so that one language's words do not count in another's text. */
  lang_counts lang_hits;
  uint64_t run[2 * BOILOFF__MAX_RUN_CHARS]; /* unspaced characters not yet
                                               matched */
  size_t run_n;
  char_scan scan;
  unsigned unspaced_chars, ideographs, syllabic_letters, spaced_words;
} line_words;

/* The ASCII letters and digits from p on, up to the byte that ends the
 * word (the NUL after the text at the latest): where they end, with
 * their counts and FNV hash added to *counts and *h, and in *stop that
 * byte's entry (BOILOFF__COUNT_HIGH for a byte >= 0x80, else 0). */
static BOILOFF__TOKENIZER_INLINE const unsigned char *
letters_run(const unsigned char *p, uint64_t *counts, uint64_t *h,
            uint64_t *stop)
{
  uint64_t add;
  /* Two letters a turn: one pointer step for both. */
  for (;; p += 2) {
    if ((int64_t)(add = boiloff__word_byte_counts[p[0]]) <= 0)
      break;
    *counts += add;
    *h = (*h ^ (add >> BOILOFF__COUNT_FOLDED)) * BOILOFF__FNV_PRIME;
    if ((int64_t)(add = boiloff__word_byte_counts[p[1]]) <= 0) {
      p++;
      break;
    }
    *counts += add;
    *h = (*h ^ (add >> BOILOFF__COUNT_FOLDED)) * BOILOFF__FNV_PRIME;
  }
  *stop = add;
  return p;
}

/* The length of the character at p, a byte >= 0x80, when it parts words
 * as the tokenizer reads it (neither a letter nor a digit: ’ “ ” — …);
 * else 0. */
static size_t high_separator(const unsigned char *p, const unsigned char *end)
{
  uint32_t cp;
  size_t n = boiloff__utf8_decode_inline(p, (size_t)(end - p), &cp);
  return boiloff__cp_is_letter(cp) || boiloff__cp_is_digit(cp) ? 0 : n;
}

/* The next word from p on, as the tokenizer gives it, when it is of ASCII
 * letters and digits and its separators are ASCII or such characters
 * (numbers, and words beside ’ “ ”: most words the loop over common words
 * leaves); else 0, and the tokenizer reads it.  Spares the tokenizer's
 * general path, which reads such a word three times. */
static int ascii_word_between(const unsigned char *start,
                              const unsigned char *p, const unsigned char *end,
                              boiloff__token *tok)
{
  const unsigned char *q = p, *r;
  uint64_t h = BOILOFF__FNV_OFFSET, counts = 0, stop;
  size_t n;
  for (;;) {
    while (q < end && !(boiloff__byte_class[*q] &
                        (BOILOFF__TOKEN_WORD | BOILOFF__BYTE_HIGH)))
      q++;
    if (q == end)
      return 0;
    if (boiloff__byte_class[*q] & BOILOFF__TOKEN_WORD)
      break;
    if (!(n = high_separator(q, end)))
      return 0;
    q += n;
  }
  r = letters_run(q, &counts, &h, &stop); /* the text ends in a NUL */
  if (r - q >= 0x10000 || (stop && !high_separator(r, end)))
    return 0;
  boiloff__token_ascii(tok, (size_t)(q - start), q, (size_t)(r - q), counts, h);
  return 1;
}

/* A word but one of ASCII letters between ASCII separators, from
 * text[*scanned] on, by the tokenizer: 0 when there is none.  Out of line,
 * so that the loop over the common words keeps its state in registers. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static int
other_word(line_words *w, boiloff__tokenizer *t, const char *text,
           size_t *scanned, boiloff__features *f)
{
  boiloff__token tok;
  uint32_t entry;
  const unsigned char *u = (const unsigned char *)text;
  if (!ascii_word_between(u, u + *scanned, t->end, &tok)) {
    t->p = u + *scanned;
    if (!boiloff__tokenizer_next(t, &tok))
      return 0;
  }
  scan_gap(&w->scan, text + *scanned, tok.offset - *scanned, f);
  scan_word(&w->scan, text, &tok, f);
  *scanned = tok.offset + tok.bytes;
  if (tok.unspaced) {
    uint32_t cp;
    w->unspaced_chars++;
    boiloff__utf8_decode((const unsigned char *)text + tok.offset, tok.bytes,
                         &cp);
    entry = boiloff__word_entry(tok.hash); /* a phrase may begin here */
    if (is_ideographic(cp))
      w->ideographs++;
    else if (!is_syllable_mark(cp))
      w->syllabic_letters++;
    w->run[w->run_n++] = tok.hash;
    if (w->run_n == sizeof w->run / sizeof w->run[0])
      w->run_n = match_run_stopwords(w->run, w->run_n, BOILOFF__MAX_RUN_CHARS,
                                     &w->lang_hits);
  } else {
    if (w->run_n)
      w->run_n = match_run_stopwords(w->run, w->run_n, 0, &w->lang_hits);
    w->spaced_words++;
    if (tok.is_number)
      f->number_words++;
    else if (tok.upper_first)
      f->title_words++;
    if (tok.all_upper && tok.chars >= 2)
      f->caps_words++;
    entry = boiloff__word_entry(tok.hash);
    if (entry & ~BOILOFF__PHRASE_BITS)
      count_langs(&w->lang_hits, entry & ~BOILOFF__PHRASE_BITS, tok.chars == 1);
    /* bytes >= chars: the length test first, as most words fail it. */
    if (tok.bytes > 4 && tok.chars >= 4 && !tok.is_number &&
        (memcmp(text + tok.offset, "http", 4) == 0 ||
         memcmp(text + tok.offset, "www", 3) == 0))
      f->urls++;
  }
  w->seq = words_hash_step(w->seq, tok.hash);
  if (w->n < BOILOFF__MATCH_WORDS) {
    w->n_starts = note_start(w->starts, w->n_starts, w->n, entry);
    w->hashes[w->n++] = tok.hash;
  }
  return 1;
}

/* A word of ASCII digits at text[q..r), after the characters from
 * text[scanned] and before an ASCII character that is neither a letter nor
 * a digit: what other_word makes of it, without the tokenizer.  Out of
 * line, so that the loop over the common words keeps its registers. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static void
number_word(line_words *w, const char *text, size_t scanned, size_t q, size_t r,
            boiloff__features *f)
{
  unsigned n = (unsigned)(r - q);
  uint64_t hash = boiloff__word_mix(BOILOFF__NUMBER_HASH);
  uint32_t entry = boiloff__word_entry(hash);
  scan_gap(&w->scan, text + scanned, q - scanned, f);
  f->chars += n;
  f->digits += n;
  w->scan.before_last = n >= 2 ? (unsigned char)text[r - 2] : w->scan.last;
  w->scan.last = w->scan.prev = (unsigned char)text[r - 1];
  if (w->run_n)
    w->run_n = match_run_stopwords(w->run, w->run_n, 0, &w->lang_hits);
  w->spaced_words++;
  f->number_words++;
  if (entry & ~BOILOFF__PHRASE_BITS)
    count_langs(&w->lang_hits, entry & ~BOILOFF__PHRASE_BITS, n == 1);
  w->seq = words_hash_step(w->seq, hash);
  if (w->n < BOILOFF__MATCH_WORDS) {
    w->n_starts = note_start(w->starts, w->n_starts, w->n, entry);
    w->hashes[w->n++] = hash;
  }
}

void boiloff__features_compute(const char *text, size_t len,
                               boiloff__features *f)
{
  line_words w;
  boiloff__tokenizer t;
  size_t scanned = 0;
  /* The words of ASCII letters between ASCII separators (most words) are
   * read here, their counts and the scan's last characters kept in locals
   * and added to f and w at the end or before another word. */
  const unsigned char *u = (const unsigned char *)text, *end = u + len;
  uint64_t seq = BOILOFF__FNV_OFFSET;
  size_t n = 0;
  uint32_t last = 0, before_last = 0, prev = ' ';
  int first_letter_seen = 0;
  uint64_t letters_uppers = 0; /* letters << 32 | capitals */
  unsigned title_words = 0, caps_words = 0, urls = 0, spaced_words = 0;

  memset(f, 0, sizeof *f);
  if (len == 0) {
    /* A blank line, a third of the lines of scraped text: what the
     * general path below gives it, without the path. */
    f->words_hash = seq;
    return;
  }
  lang_counts_init(&w.lang_hits);
  w.n_starts = 0;
  w.run_n = 0;
  w.unspaced_chars = w.ideographs = w.syllabic_letters = w.spaced_words = 0;
  char_scan_init(&w.scan);
  boiloff__tokenizer_init(&t, text, len);
  /* The loop's state lives in registers; the out-of-line readers of the
   * other words take it from `w` and give it back there. */
#define STATE_OUT()                                                \
  do {                                                             \
    scan_set(&w.scan, last, before_last, prev, first_letter_seen); \
    w.seq = seq;                                                   \
    w.n = n;                                                       \
  } while (0)
#define STATE_IN()                                \
  do {                                            \
    last = w.scan.last;                           \
    before_last = w.scan.before_last;             \
    prev = w.scan.prev;                           \
    first_letter_seen = w.scan.first_letter_seen; \
    seq = w.seq;                                  \
    n = w.n;                                      \
  } while (0)
  /* The characters are looked at as the words go by: one pass. */
  for (;;) {
    const unsigned char *p = u + scanned, *q = p + 1, *r;
    unsigned k = 0;
    uint64_t h = BOILOFF__FNV_OFFSET, counts = 0, hash, stop;
    uint32_t entry;
    size_t wn;
    int gap = 0; /* characters to scan before the word */
    /* Most words follow a single space (p[1] is then text[len] at most:
     * p is not, as text[len] is NUL). */
    if (*p != ' ' || !((k = boiloff__byte_class[*q]) & BOILOFF__TOKEN_LETTER)) {
      q = p;
      while (q < end && !((k = boiloff__byte_class[*q]) &
                          (BOILOFF__TOKEN_WORD | BOILOFF__BYTE_HIGH)))
        q++;
      if (q == end)
        break;
      if (k & BOILOFF__BYTE_DIGIT) {
        /* A number between ASCII separators, most of the other words. */
        r = q;
        while (boiloff__byte_class[*r] & BOILOFF__BYTE_DIGIT)
          r++;
        if (boiloff__word_byte_counts[*r] || r - q >= 0x10000)
          goto other;
        STATE_OUT();
        number_word(&w, text, scanned, (size_t)(q - u), (size_t)(r - u), f);
        STATE_IN();
        scanned = (size_t)(r - u);
        continue;
      }
      if (!(k & BOILOFF__TOKEN_LETTER))
        goto other;
      gap = q - p > 1 || (q == p + 1 && *p != ' ');
    }
    /* Letters only, up to an ASCII byte that ends the word: what the
     * tokenizer and scan_word would make of it, here.  The NUL after the
     * text ends the loop. */
    r = letters_run(q, &counts, &h, &stop);
    wn = (size_t)(r - q);
    if (stop || (counts & BOILOFF__COUNT_DIGITS) || wn >= 0x10000)
      goto other;
    if (gap) {
      scan_set(&w.scan, last, before_last, prev, first_letter_seen);
      scan_gap_before(&w.scan, (const char *)p, (size_t)(q - p), f);
      last = w.scan.last;
      before_last = w.scan.before_last;
      first_letter_seen = w.scan.first_letter_seen;
    }
    if (!first_letter_seen) {
      first_letter_seen = 1;
      f->starts_lower = !(k & BOILOFF__BYTE_UPPER);
    }
    if (w.run_n)
      w.run_n = match_run_stopwords(w.run, w.run_n, 0, &w.lang_hits);
    /* This word and those after it behind a single space, while they are
     * of ASCII letters: the scan's state is set when the run ends. */
    for (;;) {
      const unsigned char *s, *e;
      letters_uppers += (uint64_t)wn << 32 | (counts & 0xffff);
      spaced_words++;
      title_words += k & BOILOFF__BYTE_UPPER;
      /* Two capitals or more and no small letter: the letter counts (low
       * half) in [2, 0xffff]. */
      caps_words += (uint32_t)counts - 2 < 0xfffe;
      hash = boiloff__word_mix(h);
      entry = boiloff__word_entry(hash);
      if (entry & ~BOILOFF__PHRASE_BITS)
        count_langs(&w.lang_hits, entry & ~BOILOFF__PHRASE_BITS, wn == 1);
      if (wn > 4 && (memcmp(q, "http", 4) == 0 || memcmp(q, "www", 3) == 0))
        urls++;
      seq = words_hash_step(seq, hash);
      if (n < BOILOFF__MATCH_WORDS) {
        w.n_starts = note_start(w.starts, w.n_starts, n, entry);
        w.hashes[n++] = hash;
      }
      if (*r != ' ' ||
          !((k = boiloff__byte_class[r[1]]) & BOILOFF__TOKEN_LETTER))
        break;
      s = r + 1;
      h = BOILOFF__FNV_OFFSET;
      counts = 0;
      e = letters_run(s, &counts, &h, &stop);
      if (stop || (counts & BOILOFF__COUNT_DIGITS) || e - s >= 0x10000)
        break; /* the outer loop reads it again */
      /* A word of one letter: the character before its last is this one's. */
      if (e - s < 2)
        last = r[-1];
      q = s;
      r = e;
      wn = (size_t)(e - s);
    }
    before_last = wn >= 2 ? r[-2] : last;
    last = prev = r[-1];
    scanned = (size_t)(r - u);
    continue;
  other:
    /* Any other word, by the tokenizer. */
    STATE_OUT();
    if (!other_word(&w, &t, text, &scanned, f))
      break;
    STATE_IN();
  }
#undef STATE_OUT
#undef STATE_IN
  scan_set(&w.scan, last, before_last, prev, first_letter_seen);
  scan_gap(&w.scan, text + scanned, len - scanned, f);
  f->chars += (unsigned)(letters_uppers >> 32);
  f->letters += (unsigned)(letters_uppers >> 32);
  f->latin += (unsigned)(letters_uppers >> 32);
  f->uppers += (unsigned)letters_uppers;
  f->title_words += title_words;
  f->caps_words += caps_words;
  f->urls += urls;
  scan_end(&w.scan, text, len, f);
  if (w.run_n)
    match_run_stopwords(w.run, w.run_n, 0, &w.lang_hits);
  {
    /* The first list (the data's first file) is the default; another
     * displaces it when two of its words or more are not the first's and
     * it finds more, so that words of big lists that are also English
     * ("to", "a", "go", "ny") do not count in a line of the first's. */
    uint32_t m;
    f->stopwords = w.lang_hits.hits[0];
    for (m = w.lang_hits.seen & ~1u; m; m &= m - 1) {
      unsigned i = (unsigned)__builtin_ctz(m);
      if (w.lang_hits.own[i] < 2)
        continue;
      if (w.lang_hits.n_held)
        lang_counts_settle(&w.lang_hits);
      if (w.lang_hits.hits[i] > f->stopwords) {
        f->stopwords = w.lang_hits.hits[i];
        f->lang = (unsigned char)i;
      }
    }
  }
  spaced_words += w.spaced_words;
  f->words =
      spaced_words + (w.ideographs + 1) / 2 + (w.syllabic_letters + 2) / 3;
  f->tokens = spaced_words + w.unspaced_chars;
  if (f->lang)
    f->stop_weight = (float)f->stopwords * boiloff__lang_scale(f->lang);
  else if (f->stopwords || !f->letters || f->latin || f->unspaced)
    f->stop_weight = (float)f->stopwords;
  else
    /* No list finds a word, the first (Latin) could not, and no list of
     * a script without spaces was tried on a run: the language is
     * unknown, not shown to lack function words.  Some lists find few
     * in running text (Korean particles are part of the word, Hebrew and
     * Arabic prefix the article): take the line for running text of its
     * own language, and let size, punctuation and context decide. */
    f->stop_weight = (float)f->words * boiloff__running_density_of_first();
  f->all_numeric =
      f->words > 0 && f->number_words == spaced_words && w.unspaced_chars == 0;
  f->words_hash = seq;
  if (w.scan.at_sign && f->words < 40)
    f->urls++;
  boiloff__match_phrases(w.hashes, n, w.starts, w.n_starts, &f->hits);
  f->truncated = f->ellipsis;
  f->ends_in_link =
      (f->hits.end_families & (1u << BOILOFF__FAM_READMORE)) && n == f->tokens;
  if (!f->truncated &&
      (f->hits.edge_families & (1u << BOILOFF__FAM_READMORE)) && len > 8) {
    /* "... read more": look for the ellipsis among the last bytes. */
    size_t tail = len < 40 ? len : 40;
    const char *p = text + len - tail;
    f->truncated = memmem(p, tail, "...", 3) != NULL ||
                   memmem(p, tail, "\xE2\x80\xA6", 3) != NULL;
  }
}
