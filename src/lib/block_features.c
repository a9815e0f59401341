/* block_features.c - what one block (line) looks like, measured in one pass. */
#include <config.h>

#include <string.h>

#include "block_features.h"
#include "utf8.h"

static int is_sentence_mark(uint32_t cp)
{
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
         cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x061F ||
         cp == 0x0964;
}

static int is_closing(uint32_t cp)
{
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
         cp == 0x2019 || cp == 0xBB || cp == 0x300D || cp == 0x300F;
}

static int is_separator(uint32_t cp)
{
  return cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == 0xBB ||
         cp == 0x203A || cp == 0xA6 || cp == 0x25B8 || cp == 0x25BA ||
         cp == 0x2192;
}

/* ASCII classes for scan_chars, by table; 0 is punctuation (and the
 * control characters that are not white space). */
enum { S_UPPER = 1, S_LOWER = 2, S_SPACE = 4, S_DIGIT = 8, S_HIGH = 16 };
#define S4(c) [c] = S_HIGH, [c + 1] = S_HIGH, [c + 2] = S_HIGH, [c + 3] = S_HIGH
#define S16(c) S4(c), S4(c + 4), S4(c + 8), S4(c + 12)
static const unsigned char scan_class[256] = {
  ['\t'] = S_SPACE, ['\n'] = S_SPACE, ['\v'] = S_SPACE, ['\f'] = S_SPACE,
  ['\r'] = S_SPACE, [' '] = S_SPACE,
  ['0'] = S_DIGIT, ['1'] = S_DIGIT, ['2'] = S_DIGIT, ['3'] = S_DIGIT,
  ['4'] = S_DIGIT, ['5'] = S_DIGIT, ['6'] = S_DIGIT, ['7'] = S_DIGIT,
  ['8'] = S_DIGIT, ['9'] = S_DIGIT,
#define L(c) [c] = S_UPPER, [c + 32] = S_LOWER
  L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'),
  L('J'), L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'),
  L('S'), L('T'), L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
#undef L
  S16(0x80), S16(0x90), S16(0xA0), S16(0xB0), S16(0xC0), S16(0xD0),
  S16(0xE0), S16(0xF0),
};
#undef S16
#undef S4

/* Looks at the characters: classes, punctuation, how the line ends. */
static void scan_chars(const char *text, size_t len, boiloff__features *f)
{
  const unsigned char *p = (const unsigned char *)text, *end = p + len;
  uint32_t last = 0, before_last = 0, prev = ' ';
  int first_letter_seen = 0;
  unsigned colon_digits = 0;
  while (p < end) {
    uint32_t cp;
    unsigned k = scan_class[*p];
    if (k & (S_UPPER | S_LOWER)) {
      /* A run of ASCII letters, most of the input, in one tight loop. */
      const unsigned char *run = p;
      unsigned up = 0, n;
      if (!first_letter_seen) {
        first_letter_seen = 1;
        f->starts_lower = (k & S_LOWER) != 0;
      }
      do {
        up += k & S_UPPER;
        if (++p == end)
          break;
        k = scan_class[*p];
      } while (k & (S_UPPER | S_LOWER));
      n = (unsigned)(p - run);
      f->chars += n;
      f->letters += n;
      f->uppers += up;
      before_last = n >= 2 ? p[-2] : last;
      last = prev = p[-1];
      continue;
    }
    if (k & S_SPACE) {
      p++;
      prev = ' ';
      continue;
    }
    if (!(k & S_HIGH)) {
      /* An ASCII digit or punctuation mark. */
      cp = *p++;
      f->chars++;
      if (k & S_DIGIT) {
        f->digits++;
      } else {
        f->puncts++;
        if (cp == '.' || cp == '!' || cp == '?')
          f->sentence_marks++;
        else if (cp == ',')
          f->commas++;
        else if (cp == ':' && boiloff__cp_is_digit(prev))
          colon_digits++;
        if ((cp == '|' || cp == '/') && prev == ' ')
          f->separators++;
      }
      before_last = last;
      last = prev = cp;
      continue;
    }
    p += boiloff__utf8_decode(p, (size_t)(end - p), &cp);
    if (boiloff__cp_is_space(cp)) {
      prev = ' ';
      continue;
    }
    f->chars++;
    if (boiloff__cp_is_letter(cp)) {
      f->letters++;
      if (boiloff__cp_is_upper(cp))
        f->uppers++;
      if (boiloff__cp_is_unspaced_script(cp))
        f->unspaced++;
      if (!first_letter_seen) {
        first_letter_seen = 1;
        f->starts_lower = !boiloff__cp_is_upper(cp) &&
                          boiloff__cp_fold(cp) == cp &&
                          !boiloff__cp_is_unspaced_script(cp) &&
                          cp >= 'a';
      }
    } else if (boiloff__cp_is_digit(cp)) {
      f->digits++;
    } else {
      f->puncts++;
      if (is_sentence_mark(cp))
        f->sentence_marks++;
      else if (cp == ',' || cp == 0xFF0C || cp == 0x3001)
        f->commas++;
      else if (cp == 0xA9)
        f->copyright = 1;
      else if (cp == ':' && boiloff__cp_is_digit(prev))
        colon_digits++;
      if ((is_separator(cp) || cp == '/') && prev == ' ')
        f->separators++;
    }
    before_last = last;
    last = cp;
    prev = cp;
  }
  if (is_closing(last) && before_last)
    f->terminal = (unsigned char)is_sentence_mark(before_last);
  else
    f->terminal = (unsigned char)is_sentence_mark(last);
  f->ellipsis = last == 0x2026 || (last == '.' && len >= 3 &&
                                   memcmp(text + len - 3, "...", 3) == 0);
  f->dangling = last == ',' || last == ';' || last == ':' || last == '-' ||
                last == 0x2013 || last == 0x2014 || last == '(';
  f->open_end = f->dangling ||
                (!f->terminal && boiloff__cp_is_letter(last) &&
                 !boiloff__cp_is_upper(last) && boiloff__cp_fold(last) == last);
  f->timecode = colon_digits > 0 && f->letters <= 3 &&
                f->digits >= 2 * colon_digits + 1;
}

#define WORDS_HASH_SEED 0xcbf29ce484222325ull

static uint64_t words_hash_step(uint64_t seq, uint64_t word)
{
  return (seq ^ word) * 0x100000001b3ull;
}

unsigned boiloff__prefix_hashes(const char *text, size_t len, uint64_t *out,
                                unsigned max)
{
  boiloff__tokenizer t;
  boiloff__token tok;
  uint64_t seq = WORDS_HASH_SEED;
  unsigned n = 0;
  boiloff__tokenizer_init(&t, text, len);
  while (n < max && boiloff__tokenizer_next(&t, &tok))
    out[n++] = seq = words_hash_step(seq, tok.hash);
  return n;
}

void boiloff__features_compute(const char *text, size_t len,
                               boiloff__features *f)
{
  uint64_t hashes[BOILOFF__MATCH_WORDS];
  size_t n = 0;
  boiloff__tokenizer t;
  boiloff__token tok;
  uint64_t seq = WORDS_HASH_SEED;
  unsigned unspaced_chars = 0, spaced_words = 0;

  memset(f, 0, sizeof *f);
  scan_chars(text, len, f);
  boiloff__tokenizer_init(&t, text, len);
  while (boiloff__tokenizer_next(&t, &tok)) {
    if (tok.unspaced) {
      unspaced_chars++;
    } else {
      spaced_words++;
      if (tok.is_number)
        f->number_words++;
      else if (tok.upper_first)
        f->title_words++;
      if (tok.all_upper && tok.chars >= 2)
        f->caps_words++;
      if (boiloff__is_stopword(tok.hash))
        f->stopwords++;
      if (!tok.is_number && tok.chars >= 4 && (tok.bytes > 4 || tok.chars > 4) &&
          (memcmp(text + tok.offset, "http", 4) == 0 ||
           memcmp(text + tok.offset, "www", 3) == 0))
        f->urls++;
    }
    seq = words_hash_step(seq, tok.hash);
    if (n < BOILOFF__MATCH_WORDS)
      hashes[n++] = tok.hash;
  }
  f->words = spaced_words + (unspaced_chars + 1) / 2;
  f->tokens = spaced_words + unspaced_chars;
  f->all_numeric = f->words > 0 && f->number_words == spaced_words &&
                   unspaced_chars == 0;
  f->words_hash = seq;
  if (memchr(text, '@', len) && f->words < 40)
    f->urls++;
  boiloff__match_phrases(hashes, n, &f->hits);
  f->truncated = f->ellipsis;
  if (!f->truncated && (f->hits.edge_families & (1u << BOILOFF__FAM_READMORE)) &&
      len > 8) {
    /* "... read more": look for the ellipsis among the last bytes. */
    size_t tail = len < 40 ? len : 40;
    const char *p = text + len - tail;
    f->truncated = memmem(p, tail, "...", 3) != NULL ||
                   memmem(p, tail, "\xE2\x80\xA6", 3) != NULL;
  }
}
