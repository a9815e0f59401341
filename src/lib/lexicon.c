/* lexicon.c - words and phrases: tokenising, stopwords, phrase families. */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "lexicon.h"
#include "utf8.h"

/* The phrase table is keyed by the n-gram's hash: one probe tells what
 * the n-gram is, a record of the families of the phrases it is by match
 * kind and whether longer phrases begin with it (every proper prefix of
 * a phrase has one), so matching stops extending it as soon as none does. */
#define PHRASE_SLOTS 65536 /* power of two, > 2x the phrases and prefixes */
#define GOES_ON BOILOFF__MATCH_KINDS /* a record's last field */
#define RECORD_FIELDS (BOILOFF__MATCH_KINDS + 1)
#define MAX_RECORDS 65536 /* distinct records, numbered by a uint16_t */
#define STOP_SLOTS BOILOFF__STOP_SLOTS
#define MAX_PHRASE_WORDS 24 /* Thai phrases: a token per character */
/* A stopword of a script written without spaces is a run of characters,
 * keyed by the hash of the run xor this salt; its prefixes too. */
static const uint64_t run_salt = 0x85ebca6b0c2b2ae3ull;
static const uint64_t run_prefix_salt = 0x4cf5ad432745937full;

#ifdef BOILOFF_LEXICON_GENERATOR
/* build-aux/gen-lexicon: builds the tables from the data files and writes
 * them out as C (lexicon_tables.c), so the library starts with them. */
static uint64_t phrase_keys[PHRASE_SLOTS];
static uint16_t phrase_record[PHRASE_SLOTS]; /* a number in phrase_records */
static uint16_t slot_record[PHRASE_SLOTS][RECORD_FIELDS]; /* while building */
static uint16_t phrase_records[MAX_RECORDS][RECORD_FIELDS];
static size_t record_count;
static uint64_t stop_keys[STOP_SLOTS];
static uint32_t stop_langs[STOP_SLOTS]; /* bit i: a stopword of lang_codes[i] */
static const char *lang_codes[BOILOFF__MAX_LANGS];
static unsigned lang_count;
static float lang_scale[BOILOFF__MAX_LANGS];
static float running_density; /* the first list's, in running text */
static size_t longest_phrase = 1;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
#else
/* Made at build time by build-aux/gen-lexicon with this very code. */
extern const uint64_t boiloff__phrase_filter[BOILOFF__FILTER_WORDS];
extern const uint64_t boiloff__phrase_keys[PHRASE_SLOTS];
extern const uint16_t boiloff__phrase_record[PHRASE_SLOTS];
extern const uint16_t boiloff__phrase_records[][RECORD_FIELDS];
extern const uint64_t boiloff__stop_keys[STOP_SLOTS];
extern const size_t boiloff__longest_phrase;
extern const uint32_t boiloff__stop_langs[STOP_SLOTS];
extern const char *const boiloff__lang_codes[];
extern const unsigned boiloff__lang_count;
extern const float boiloff__lang_scales[BOILOFF__MAX_LANGS];
extern const float boiloff__running_density;
#define phrase_filter boiloff__phrase_filter
#define phrase_keys boiloff__phrase_keys
#define phrase_record boiloff__phrase_record
#define phrase_records boiloff__phrase_records
#define stop_keys boiloff__stop_keys
#define longest_phrase boiloff__longest_phrase
#define stop_langs boiloff__stop_langs
#define lang_codes boiloff__lang_codes
#define lang_count boiloff__lang_count
#define lang_scale boiloff__lang_scales
#define running_density boiloff__running_density
#endif

static const char *const family_names[BOILOFF__FAM_COUNT] = {
    "player",  "share",   "copyright", "cookie",    "nav",   "readmore",
    "counter", "caption", "ad",        "subscribe", "login", "comments"};

const char *boiloff__family_name(boiloff__family f)
{
  return (unsigned)f < BOILOFF__FAM_COUNT ? family_names[f] : "?";
}

void boiloff__tokenizer_init(boiloff__tokenizer *t, const char *s, size_t len)
{
  t->start = t->p = (const unsigned char *)s;
  t->end = t->p + len;
  t->phrase_mode = 0;
}

#define LETTER BOILOFF__TOKEN_LETTER
#define WORD BOILOFF__TOKEN_WORD

int boiloff__tokenizer_next_any(boiloff__tokenizer *t, boiloff__token *tok)
{
  const unsigned char *p = t->p, *end = t->end, *word_end = p;
  uint64_t h = BOILOFF__FNV_OFFSET;
  /* The UPPER and LOWER byte classes of the letters seen: all capitals, or
   * a number. */
  unsigned seen = 0, chars = 0, unspaced = 0, uppers = 0;
  const unsigned word = t->phrase_mode ? WORD | BOILOFF__BYTE_HASH : WORD;
  memset(tok, 0, sizeof *tok);
  while (p < end) {
    uint32_t cp;
    size_t n;
    unsigned ch = *p, k = boiloff__byte_class[ch];
    if (k & word) {
      if (!chars) {
        tok->offset = (size_t)(p - t->start);
        tok->upper_first = (k & BOILOFF__BYTE_UPPER) != 0;
      }
      /* The ASCII run of the word in one tight loop; the | 0x20 folds
       * capitals and leaves digits and '#' as they are. */
      do {
        seen |= k;
        uppers += k & BOILOFF__BYTE_UPPER;
        h = (h ^ (ch | 0x20)) * BOILOFF__FNV_PRIME;
        chars++;
        if (++p == end)
          break;
        ch = *p;
        k = boiloff__byte_class[ch];
      } while (k & word);
      word_end = p;
      continue;
    }
    if (!(k & BOILOFF__BYTE_HIGH)) {
      p++;
      if (chars)
        break;
      continue;
    }
    n = boiloff__utf8_decode(p, (size_t)(end - p), &cp);
    if (!boiloff__cp_is_letter(cp) && !boiloff__cp_is_digit(cp)) {
      p += n;
      if (chars)
        break;
      continue;
    }
    if (boiloff__cp_is_unspaced_script(cp) && !boiloff__cp_is_digit(cp)) {
      if (chars)
        break; /* ends the current word; the character comes next */
      unspaced = 1;
    }
    if (!chars) {
      tok->offset = (size_t)(p - t->start);
      tok->upper_first = (unsigned char)boiloff__cp_is_upper(cp);
    }
    if (boiloff__cp_is_letter(cp)) {
      unsigned upper = boiloff__cp_is_upper(cp) != 0;
      seen |= upper ? BOILOFF__BYTE_UPPER : BOILOFF__BYTE_LOWER;
      uppers += upper;
    } else {
      seen |= BOILOFF__BYTE_DIGIT;
    }
    {
      char folded[4];
      h = boiloff__fnv1a(h, folded,
                         boiloff__utf8_encode(boiloff__cp_fold(cp), folded));
    }
    chars++;
    word_end = p += n;
    if (unspaced)
      break;
  }
  t->p = p;
  if (!chars)
    return 0;
  tok->chars = chars;
  tok->uppers = uppers;
  tok->has_digit = (seen & BOILOFF__BYTE_DIGIT) != 0;
  tok->unspaced = (unsigned char)unspaced;
  tok->bytes = (size_t)(word_end - t->start) - tok->offset;
  tok->all_upper = (seen & LETTER) == BOILOFF__BYTE_UPPER;
  if (!(seen & LETTER)) {
    tok->is_number = 1;
    h = BOILOFF__NUMBER_HASH;
  }
  tok->hash = boiloff__word_mix(h);
  return 1;
}

static uint64_t extend(uint64_t gram, uint64_t word)
{
  return boiloff__word_mix(gram * 0x2127599bf4325c37ull + word);
}

#ifdef BOILOFF_LEXICON_GENERATOR
/* The slot of a key, added if new. */
static size_t insert(uint64_t *keys, size_t slots, uint64_t key)
{
  size_t i = (size_t)key & (slots - 1);
  while (keys[i] && keys[i] != key)
    i = (i + 1) & (slots - 1);
  keys[i] = key;
  return i;
}

/* The phrase table's records, each kept once: few n-grams differ in
 * theirs, so the table holds a number per slot rather than a record. */
static void number_records(void)
{
  size_t i, r;
  for (i = 0; i < PHRASE_SLOTS; i++) {
    if (!phrase_keys[i])
      continue;
    for (r = 0; r < record_count; r++)
      if (memcmp(phrase_records[r], slot_record[i], sizeof slot_record[i]) == 0)
        break;
    if (r == record_count) {
      if (record_count == MAX_RECORDS) {
        fputs("gen-lexicon: too many distinct phrase records\n", stderr);
        exit(1);
      }
      memcpy(phrase_records[record_count++], slot_record[i],
             sizeof slot_record[i]);
    }
    phrase_record[i] = (uint16_t)r;
  }
}

#endif

static long find(const uint64_t *keys, size_t slots, uint64_t key)
{
  size_t i = (size_t)key & (slots - 1);
  while (keys[i]) {
    if (keys[i] == key)
      return (long)i;
    i = (i + 1) & (slots - 1);
  }
  return -1;
}

#ifdef BOILOFF_LEXICON_GENERATOR
/* The bit of a language code, numbered in order of first appearance. */
static uint32_t lang_bit(const char *code)
{
  unsigned i;
  for (i = 0; i < lang_count; i++)
    if (strcmp(lang_codes[i], code) == 0)
      return 1u << i;
  if (lang_count == BOILOFF__MAX_LANGS) {
    /* More languages than bits: a silent loss of counts, so stop. */
    fprintf(stderr, "gen-lexicon: more than %d stopword lists (%s)\n",
            BOILOFF__MAX_LANGS, code);
    exit(1);
  }
  lang_codes[lang_count] = code;
  return 1u << lang_count++;
}

static void insert_stop(uint64_t key, uint32_t langs)
{
  stop_langs[insert(stop_keys, STOP_SLOTS, key)] |= langs;
}

/* The weight of a stopword of each list, from the measured densities. */
static void set_scales(void)
{
  double first = 0;
  size_t i, k;
  for (i = 0; i < boiloff__density_count; i++)
    if (lang_count &&
        strcmp(boiloff__density_table[i].list, lang_codes[0]) == 0)
      first = boiloff__density_table[i].density;
  running_density = (float)first;
  for (k = 0; k < lang_count; k++) {
    lang_scale[k] = 1.0f;
    for (i = 0; i < boiloff__density_count && k && first > 0; i++)
      if (strcmp(boiloff__density_table[i].list, lang_codes[k]) == 0 &&
          boiloff__density_table[i].density > 0)
        lang_scale[k] = (float)(first / boiloff__density_table[i].density);
  }
}

/* A stopword with each proclitic of its language in front is a stopword
 * of its list too (proclitics.tsv). */
static void insert_with_proclitics(const boiloff__stopword *sw, uint32_t bit)
{
  size_t i, wlen = strlen(sw->word);
  for (i = 0; i < boiloff__proclitic_count; i++) {
    const boiloff__proclitic *pc = &boiloff__proclitic_table[i];
    char joined[256];
    size_t plen = strlen(pc->letters);
    boiloff__tokenizer t;
    boiloff__token tok, extra;
    if (strcmp(pc->lang, sw->lang) != 0 || plen + wlen > sizeof joined)
      continue;
    memcpy(joined, pc->letters, plen);
    memcpy(joined + plen, sw->word, wlen);
    boiloff__tokenizer_init(&t, joined, plen + wlen);
    if (boiloff__tokenizer_next(&t, &tok) && !tok.unspaced &&
        !boiloff__tokenizer_next(&t, &extra))
      insert_stop(tok.hash, bit);
  }
}

/* Whether a phrase of this match kind may begin past a line's first word
 * (the others open the line). */
static int stands_inside(boiloff__match match)
{
  return match == BOILOFF__MATCH_CONTAINS || match == BOILOFF__MATCH_SAID ||
         match == BOILOFF__MATCH_LINK;
}

static void build_tables(void)
{
  size_t i;
  for (i = 0; i < boiloff__phrase_count; i++) {
    const boiloff__phrase *ph = &boiloff__phrase_table[i];
    boiloff__tokenizer t;
    boiloff__token tok;
    uint64_t gram = 0, first = 0;
    size_t words = 0;
    boiloff__tokenizer_init(&t, ph->text, strlen(ph->text));
    t.phrase_mode = 1;
    while (boiloff__tokenizer_next(&t, &tok) && words < MAX_PHRASE_WORDS) {
      if (words)
        slot_record[insert(phrase_keys, PHRASE_SLOTS, gram)][GOES_ON] = 1;
      if (!words)
        first = tok.hash;
      gram = words ? extend(gram, tok.hash) : tok.hash;
      words++;
    }
    if (!words)
      continue;
    if (words > longest_phrase)
      longest_phrase = words;
    /* Told by the word table, which every word is looked up in. */
    insert_stop(first,
                BOILOFF__STARTS_PHRASE |
                    (stands_inside(ph->match) ? BOILOFF__STARTS_INSIDE : 0));
    slot_record[insert(phrase_keys, PHRASE_SLOTS, gram)][ph->match] |=
        (uint16_t)(1u << ph->family);
  }
  number_records();
  /* The first words that are no phrase alone, whose own probe of the
   * phrase table matching can spare. */
  for (i = 0; i < STOP_SLOTS; i++)
    if (stop_langs[i] & BOILOFF__STARTS_PHRASE) {
      const uint16_t *r = phrase_records[phrase_record[find(
          phrase_keys, PHRASE_SLOTS, stop_keys[i])]];
      int kind, alone = 0;
      for (kind = 0; kind < BOILOFF__MATCH_KINDS; kind++)
        alone |= r[kind] != 0;
      if (!alone)
        stop_langs[i] |= BOILOFF__ONLY_LONGER;
    }
  for (i = 0; i < boiloff__stopword_count; i++) {
    const char *w = boiloff__stopword_table[i].word;
    uint32_t bit = lang_bit(boiloff__stopword_table[i].list);
    boiloff__tokenizer t;
    boiloff__token tok, extra;
    boiloff__tokenizer_init(&t, w, strlen(w));
    if (!boiloff__tokenizer_next(&t, &tok))
      continue;
    if (!tok.unspaced) {
      /* A word of a spaced script; a phrase of several is not one. */
      if (!boiloff__tokenizer_next(&t, &extra)) {
        insert_stop(tok.hash, bit);
        insert_with_proclitics(&boiloff__stopword_table[i], bit);
      }
    } else {
      /* A run of characters of a script without spaces. */
      uint64_t run = tok.hash;
      size_t chars = 1;
      int whole = 1;
      while (boiloff__tokenizer_next(&t, &extra)) {
        if (!extra.unspaced || chars == BOILOFF__MAX_RUN_CHARS) {
          whole = 0;
          break;
        }
        insert_stop(run ^ run_prefix_salt, 0);
        run = extend(run, extra.hash);
        chars++;
      }
      if (whole)
        insert_stop(run ^ run_salt, bit);
    }
  }
  set_scales();
}

void boiloff__lexicon_init(void)
{
  pthread_once(&init_once, build_tables);
}

/* Writes the tables as the C source of lexicon_tables.c. */
static void write_table(FILE *out, const char *decl, const uint64_t *v,
                        size_t n, int digits)
{
  size_t i;
  fprintf(out, "%s[%zu] = {\n", decl, n);
  for (i = 0; i < n; i++)
    if (v[i])
      fprintf(out, "  [%zu] = 0x%0*llx,\n", i, digits,
              (unsigned long long)v[i]);
  fprintf(out, "};\n");
}

/* Writes the filter of a key table (BOILOFF__FILTER_WORDS words). */
static void write_filter(FILE *out, const char *decl, const uint64_t *keys,
                         size_t slots)
{
  static uint64_t filter[BOILOFF__FILTER_WORDS];
  size_t i;
  memset(filter, 0, sizeof filter);
  for (i = 0; i < slots; i++)
    if (keys[i])
      filter[(keys[i] >> 20) & (BOILOFF__FILTER_WORDS - 1)] |=
          boiloff__filter_bits(keys[i]);
  write_table(out, decl, filter, BOILOFF__FILTER_WORDS, 16);
}

int boiloff__lexicon_write(FILE *out)
{
  static uint64_t wide[PHRASE_SLOTS > STOP_SLOTS ? PHRASE_SLOTS : STOP_SLOTS];
  size_t i;
  boiloff__lexicon_init();
  for (i = 0; i < PHRASE_SLOTS; i++)
    wide[i] = phrase_record[i];
  fprintf(out,
          "/* Generated by build-aux/gen-lexicon from the lexicon data "
          "files: the hash\n * tables of lexicon.c. */\n"
          "#include <config.h>\n#include <stddef.h>\n#include <stdint.h>\n");
  write_filter(out, "const uint64_t boiloff__phrase_filter", phrase_keys,
               PHRASE_SLOTS);
  write_table(out, "const uint64_t boiloff__phrase_keys", phrase_keys,
              PHRASE_SLOTS, 16);
  write_table(out, "const uint16_t boiloff__phrase_record", wide, PHRASE_SLOTS,
              4);
  fprintf(out, "const uint16_t boiloff__phrase_records[%zu][%d] = {\n",
          record_count, RECORD_FIELDS);
  for (i = 0; i < record_count; i++) {
    int k;
    fputs("  {", out);
    for (k = 0; k < RECORD_FIELDS; k++)
      fprintf(out, "%s0x%x", k ? ", " : "", phrase_records[i][k]);
    fputs("},\n", out);
  }
  fprintf(out, "};\n");
  write_filter(out, "const uint64_t boiloff__stop_filter", stop_keys,
               STOP_SLOTS);
  write_table(out, "const uint64_t boiloff__stop_keys", stop_keys, STOP_SLOTS,
              16);
  for (i = 0; i < STOP_SLOTS; i++)
    wide[i] = stop_langs[i];
  write_table(out, "const uint32_t boiloff__stop_langs", wide, STOP_SLOTS, 8);
  fprintf(out, "const size_t boiloff__longest_phrase = %zu;\n", longest_phrase);
  fprintf(out, "const unsigned boiloff__lang_count = %u;\n", lang_count);
  fprintf(out, "const char *const boiloff__lang_codes[%d] = {",
          BOILOFF__MAX_LANGS);
  for (i = 0; i < lang_count; i++) {
    const char *c;
    fputs(i ? ", \"" : "\"", out);
    for (c = lang_codes[i]; *c; c++)
      fprintf(out,
              *c == '"' || *c == '\\' || (unsigned char)*c < ' ' ||
                      (unsigned char)*c >= 0x7F
                  ? "\\%03o"
                  : "%c",
              (unsigned char)*c);
    fputc('"', out);
  }
  fprintf(out, "};\n");
  fprintf(out, "const float boiloff__lang_scales[%d] = {", BOILOFF__MAX_LANGS);
  for (i = 0; i < lang_count; i++)
    fprintf(out, "%s%af", i ? ", " : "", (double)lang_scale[i]);
  fprintf(out, "};\n");
  fprintf(out, "const float boiloff__running_density = %af;\n",
          (double)running_density);
  return ferror(out) ? -1 : 0;
}
#else
void boiloff__lexicon_init(void)
{
  /* The tables are built at build time. */
}
#endif

int boiloff__is_stopword(uint64_t word_hash)
{
  return boiloff__stopword_langs(word_hash) != 0;
}

#ifdef BOILOFF_LEXICON_GENERATOR
uint32_t boiloff__stopword_langs(uint64_t word_hash)
{
  long i = find(stop_keys, STOP_SLOTS, word_hash);
  return i < 0 ? 0 : stop_langs[i] & ~BOILOFF__PHRASE_BITS;
}
#endif

uint32_t boiloff__stopword_run(const uint64_t *h, size_t n, size_t *len)
{
  uint64_t run = 0;
  uint32_t langs = 0;
  size_t k;
  *len = 0;
  for (k = 0; k < n && k < BOILOFF__MAX_RUN_CHARS; k++) {
    long i;
    if (k && find(stop_keys, STOP_SLOTS, run ^ run_prefix_salt) < 0)
      break; /* no stopword goes on from here */
    run = k ? extend(run, h[k]) : h[0];
    i = find(stop_keys, STOP_SLOTS, run ^ run_salt);
    if (i >= 0 && stop_langs[i]) {
      langs = stop_langs[i];
      *len = k + 1;
    }
  }
  return langs;
}

float boiloff__running_density_of_first(void)
{
  boiloff__lexicon_init();
  return running_density;
}

float boiloff__lang_scale(unsigned i)
{
  boiloff__lexicon_init();
  return i < lang_count ? lang_scale[i] : 1.0f;
}

const char *boiloff__lang_code(unsigned i)
{
  boiloff__lexicon_init();
  return i < lang_count ? lang_codes[i] : NULL;
}

/* What the phrase lists hold of an n-gram, or NULL for nothing.  The
 * filter is asked first unless the gram is known to be in the table: a
 * word whose entry says a phrase begins with it is, and its filter line
 * would be one more cache miss for nothing. */
static const uint16_t *phrase_lookup(uint64_t gram, int known)
{
  long i;
#ifndef BOILOFF_LEXICON_GENERATOR
  if (!known && !boiloff__filter_may(phrase_filter, gram))
    return NULL;
#else
  (void)known;
#endif
  i = find(phrase_keys, PHRASE_SLOTS, gram);
  return i < 0 ? NULL : phrase_records[phrase_record[i]];
}

void boiloff__match_phrases(const uint64_t *h, size_t n, const uint16_t *starts,
                            size_t n_starts, boiloff__phrase_hits *hits)
{
  size_t i, j, k, covered_until = 0, n_link = n;
  /* The hash of every number, as the tokenizer makes it. */
  const uint64_t number = boiloff__word_mix(BOILOFF__NUMBER_HASH);
  memset(hits, 0, sizeof *hits);
  /* A LINK may be followed by numbers ("Reply #3"): it ends before them. */
  while (n_link > 0 && h[n_link - 1] == number)
    n_link--;
  for (j = 0; j < n_starts; j++) {
    uint64_t gram;
    size_t last = 0;
    i = starts[j] & ~BOILOFF__START_ONLY_LONGER;
    gram = h[i];
    k = 0;
    if (starts[j] & BOILOFF__START_ONLY_LONGER) {
      /* What the word alone would find: nothing, and that longer
       * phrases begin with it. */
      if (longest_phrase == 1 || i + 1 == n)
        continue;
      gram = extend(gram, h[i + 1]);
      k = 1;
    }
    for (;; k++) {
      const uint16_t *r = phrase_lookup(gram, k == 0);
      unsigned fams;
      if (!r)
        break; /* neither a phrase nor the start of one */
      fams = r[BOILOFF__MATCH_CONTAINS];
      if (fams) {
        unsigned f;
        hits->contains_families |= fams;
        if (i < 3 || i + k + 1 + 4 >= n)
          hits->edge_families |= fams;
        if (i + k + 1 == n)
          hits->end_families |= fams;
        for (f = 0; f < BOILOFF__FAM_COUNT; f++)
          if (fams & (1u << f))
            hits->contains_count[f]++;
        last = i + k + 1;
      }
      if (i == 0) {
        unsigned counts = r[BOILOFF__MATCH_COUNT];
        hits->start_families |= r[BOILOFF__MATCH_START];
        if (k + 1 == n) {
          hits->line_families |= r[BOILOFF__MATCH_LINE];
          hits->late_families |= r[BOILOFF__MATCH_LATE];
        }
        if (counts) {
          hits->count_families |= counts;
          hits->count_words = (unsigned)(k + 1);
        }
      }
      if (i + k + 1 == n)
        hits->said_families |= r[BOILOFF__MATCH_SAID];
      if (i + k + 1 == n_link)
        hits->link_families |= r[BOILOFF__MATCH_LINK];
      if (!r[GOES_ON] || k + 1 == longest_phrase || i + k + 1 == n)
        break;
      gram = extend(gram, h[i + k + 1]);
    }
    if (last > covered_until) {
      hits->contains_words +=
          (unsigned)(last - (i > covered_until ? i : covered_until));
      covered_until = last;
    }
  }
  /* A line that is a phrase also starts with it and contains it. */
  hits->start_families |= hits->line_families;
}
