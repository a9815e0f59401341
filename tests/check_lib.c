/* check_lib.c - unit tests of the public API and of the core modules
 * (segmenter, lexicon, features, classifier rules). */
#include <config.h>

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "block_features.h"
#include "buf.h"
#include "classify.h"
#include "cleaner.h"
#include "lexicon.h"
#include "mem.h"
#include "model.h"
#include "segment.h"
#include "testutil.h"
#include "threads.h"

static const size_t chunk_sizes[] = {0, 1, 2, 3, 5, 7, 64};
#define N_CHUNKS ((int)(sizeof chunk_sizes / sizeof chunk_sizes[0]))

static const char article[] =
    "Home\nWorld\nBusiness\n"
    "Storm floods the old harbour town\n"
    "The storm that reached the coast on Monday night flooded the old "
    "harbour town, and the water stood a metre high in the streets by the "
    "morning, the mayor said.\n"
    "Residents who had been told to leave their houses came back on Tuesday "
    "to find that the water had gone down, but that the damage was worse "
    "than they had feared.\r\n"
    "Share this story\n0:00\n0:05:52\n1/2\nRead More\n"
    "\xC2\xA9 2024 Harbour News. All rights reserved.\n";

/* ---- API ---------------------------------------------------------------- */

START_TEST(test_chunking_invariant)
{
  sink whole = {0}, part = {0};
  ck_assert_int_eq(clean_with(NULL, article, strlen(article), 0, &whole),
                   BOILOFF_OK);
  ck_assert_int_eq(
      clean_with(NULL, article, strlen(article), chunk_sizes[_i], &part),
      BOILOFF_OK);
  ck_assert_str_eq(whole.explain, part.explain);
  ck_assert_str_eq(whole.text, part.text);
  sink_clear(&whole);
  sink_clear(&part);
}
END_TEST

START_TEST(test_families_dropped)
{
  sink s = {0};
  ck_assert_int_eq(clean_with(NULL, article, strlen(article), 0, &s),
                   BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.text, "The storm that reached the coast"));
  ck_assert_ptr_nonnull(strstr(s.text, "Residents who had been told"));
  ck_assert_ptr_nonnull(strstr(s.text, "Storm floods the old harbour town\n"));
  ck_assert_ptr_null(strstr(s.text, "Share this story"));
  ck_assert_ptr_null(strstr(s.text, "0:05:52"));
  ck_assert_ptr_null(strstr(s.text, "1/2"));
  ck_assert_ptr_null(strstr(s.text, "Read More"));
  ck_assert_ptr_null(strstr(s.text, "rights reserved"));
  ck_assert_ptr_null(strstr(s.text, "Home\n"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tshare\tShare this story\n"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tplayer\t0:05:52\n"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tcopyright\t"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_line_numbers_and_crlf)
{
  sink s = {0};
  boiloff_options o;
  boiloff_options_init(&o);
  o.flags = BOILOFF_OPT_RULES_ONLY; /* the labels of the rules are known */
  ck_assert_int_eq(clean_with(&o, "a\r\nb\rc\n\nd", 9, chunk_sizes[_i], &s),
                   BOILOFF_OK);
  ck_assert_uint_eq(s.blocks, 5);
  ck_assert_ptr_nonnull(strstr(s.explain, "1\tDROP\t"));
  ck_assert_ptr_nonnull(strstr(s.explain, "5\tDROP\tshort\td\n"));
  ck_assert_ptr_nonnull(strstr(s.explain, "4\tDROP\tempty\t\n"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_empty_input)
{
  sink s = {0};
  ck_assert_int_eq(clean_with(NULL, "", 0, 0, &s), BOILOFF_OK);
  ck_assert_uint_eq(s.blocks, 0);
  ck_assert_str_eq(s.text, "");
  sink_clear(&s);
}
END_TEST

START_TEST(test_state_errors)
{
  sink s = {0};
  boiloff_ctx *c = boiloff_new(NULL, sink_cb, &s);
  ck_assert_ptr_nonnull(c);
  ck_assert_int_eq(boiloff_feed(c, NULL, 1), BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_feed(c, "x\n", 2), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(c, "y\n", 2), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_ERR_STATE);
  ck_assert_int_eq(boiloff_reset(c), BOILOFF_OK);
  ck_assert_int_eq(boiloff_feed(c, "y\n", 2), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_OK);
  ck_assert_uint_eq(s.blocks, 2);
  boiloff_free(c);
  boiloff_free(NULL);
  sink_clear(&s);
}
END_TEST

START_TEST(test_invalid_options)
{
  boiloff_options o;
  boiloff_options_init(&o);
  ck_assert_ptr_null(boiloff_new(&o, NULL, NULL));
  o.bias = 1.5;
  ck_assert_ptr_null(boiloff_new(&o, sink_cb, NULL));
  o.bias = 0;
  o.flags = 1u << 30;
  ck_assert_ptr_null(boiloff_new(&o, sink_cb, NULL));
  o.flags = BOILOFF_OPT_HTML | BOILOFF_OPT_TEXT;
  ck_assert_ptr_null(boiloff_new(&o, sink_cb, NULL));
}
END_TEST

START_TEST(test_stop_from_callback)
{
  sink s = {0};
  boiloff_ctx *c;
  s.stop_after = 2;
  c = boiloff_new(NULL, sink_cb, &s);
  ck_assert_int_eq(feed_in_chunks(c, article, strlen(article), 0), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(c), BOILOFF_STOPPED);
  ck_assert_uint_eq(s.blocks, 2);
  ck_assert_int_eq(boiloff_feed(c, "x", 1), BOILOFF_STOPPED); /* sticky */
  boiloff_free(c);
  sink_clear(&s);
}
END_TEST

START_TEST(test_size_limit)
{
  boiloff_options o;
  sink s = {0};
  boiloff_options_init(&o);
  o.max_document_bytes = 10;
  ck_assert_int_eq(clean_with(&o, article, strlen(article), 4, &s),
                   BOILOFF_ERR_LIMIT);
  sink_clear(&s);
}
END_TEST

START_TEST(test_strerror)
{
  int st;
  for (st = BOILOFF_OK; st <= BOILOFF_ERR_IO; st++)
    ck_assert_str_ne(boiloff_strerror((boiloff_status)st), "unknown status");
  ck_assert_str_eq(boiloff_strerror((boiloff_status)999), "unknown status");
}
END_TEST

/* The header, the library and the package agree on the version. */
START_TEST(test_version)
{
  char v[32];
  snprintf(v, sizeof v, "%d.%d.%d", BOILOFF_VERSION_MAJOR,
           BOILOFF_VERSION_MINOR, BOILOFF_VERSION_PATCH);
  ck_assert_str_eq(v, BOILOFF_VERSION_STRING);
  ck_assert_str_eq(boiloff_version_string(), BOILOFF_VERSION_STRING);
  ck_assert_str_eq(boiloff_version_string(), PACKAGE_VERSION);
  ck_assert_int_eq(boiloff_version(), BOILOFF_VERSION_NUMBER);
  ck_assert_int_eq(BOILOFF_VERSION_NUMBER >> 16, BOILOFF_VERSION_MAJOR);
}
END_TEST

/* The options and stats structs can grow: the library takes any size from
 * the first release's up to its own, and refuses others. */
START_TEST(test_struct_sizes)
{
  static const char page[] = "A sentence of the article that is long enough, "
                             "with words of every kind in it.\n";
  boiloff_options o;
  boiloff_stats st;
  sink s = {0};
  boiloff_ctx *ctx;
  boiloff_options_init(&o);
  ck_assert_uint_eq(o.size, sizeof o);
  ck_assert_int_eq(boiloff_options_valid(&o), BOILOFF_OK);
  o.size = sizeof o + 8; /* a newer caller: fields this library lacks */
  ck_assert_int_eq(boiloff_options_valid(&o), BOILOFF_ERR_ARG);
  ck_assert_ptr_null(boiloff_new(&o, sink_cb, &s));
  ck_assert_int_eq(boiloff_clean_buffer(&o, page, strlen(page), sink_cb, &s),
                   BOILOFF_ERR_ARG);
  o.size = 0; /* not filled by boiloff_options_init */
  ck_assert_ptr_null(boiloff_new(&o, sink_cb, &s));
  boiloff_options_init(&o);
  o.bias = 2; /* out of range: an argument error, not out of memory */
  ck_assert_int_eq(boiloff_clean_buffer(&o, page, strlen(page), sink_cb, &s),
                   BOILOFF_ERR_ARG);
  ck_assert_int_eq(boiloff_options_valid(NULL), BOILOFF_ERR_ARG);
  boiloff_options_init(&o);
  ctx = boiloff_new(&o, sink_cb, &s);
  ck_assert_ptr_nonnull(ctx);
  ck_assert_int_eq(boiloff_feed(ctx, page, strlen(page)), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  memset(&st, 0xff, sizeof st);
  st.size = 4; /* smaller than any release's */
  ck_assert_int_eq(boiloff_get_stats(ctx, &st), BOILOFF_ERR_ARG);
  st.size = sizeof st;
  ck_assert_int_eq(boiloff_get_stats(ctx, &st), BOILOFF_OK);
  ck_assert_uint_eq(st.size, sizeof st);
  ck_assert_uint_eq(st.bytes_in, strlen(page));
  ck_assert_uint_eq(st.blocks_kept + st.blocks_dropped, 1);
  ck_assert_int_eq(boiloff_get_stats(NULL, &st), BOILOFF_ERR_ARG);
  boiloff_free(ctx);
  sink_clear(&s);
}
END_TEST

/* HTML input: boiloff's own allocations (the renderer, the input scanner,
 * the classifier) go through the caller's allocator and fail cleanly;
 * libxml2's own go through its process-wide allocator (see boiloff.h). */
START_TEST(test_allocation_failures_html)
{
  static const char page[] =
      "<html><head><title>Council votes to close the library</title>"
      "</head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
      "<article><h1>Council votes to close the library</h1>"
      "<p>The council voted on Tuesday to close the old library, which "
      "has served the town for more than a century, and to move its "
      "books to the new community centre by the end of the year.</p>"
      "<script>var x = '</p>';</script>"
      "<p>Residents who spoke at the meeting asked that the building "
      "be kept as a museum, and the council agreed to look at offers.</p>"
      "</article><footer>&copy; 2026 The Town Herald</footer></body></html>";
  allocation_failures(page, strlen(page), BOILOFF_OPT_HTML, 7);
}
END_TEST

START_TEST(test_allocation_failures)
{
  allocation_failures(article, strlen(article), 0, 7);
}
END_TEST

/* ---- segmenter ---------------------------------------------------------- */

typedef struct lines {
  char out[4096];
  size_t len;
} lines;
static boiloff_status collect_line(void *user, const char *l, size_t n,
                                   int cont)
{
  lines *ls = user;
  memcpy(ls->out + ls->len, l, n);
  ls->len += n;
  ls->out[ls->len++] = cont ? '+' : '|';
  ls->out[ls->len] = '\0';
  return BOILOFF_OK;
}

START_TEST(test_segment_long_line_split)
{
  boiloff__segmenter s;
  lines ls = {{0}, 0};
  const char *text = "aaaa bbbb cccc dddd eeee ffff gggg\nx";
  size_t i;
  boiloff__segmenter_init(&s, &boiloff__default_allocator, 16);
  for (i = 0; text[i]; i++)
    ck_assert_int_eq(
        boiloff__segmenter_feed(&s, text + i, 1, collect_line, &ls),
        BOILOFF_OK);
  ck_assert_int_eq(boiloff__segmenter_finish(&s, collect_line, &ls),
                   BOILOFF_OK);
  ck_assert_str_eq(ls.out, "aaaa bbbb cccc +dddd eeee ffff +gggg|x|");
  boiloff__segmenter_free(&s);
}
END_TEST

/* The pipeline's batches: strings one after another, each with its NUL,
 * whether the buffer has room for the next or must grow. */
START_TEST(test_buf_append_string)
{
  boiloff__buf b;
  char long_text[100];
  memset(long_text, 'x', sizeof long_text);
  boiloff__buf_init(&b, &boiloff__default_allocator);
  ck_assert_int_eq(boiloff__buf_append_string(&b, "ab", 2), BOILOFF_OK);
  ck_assert_int_eq(boiloff__buf_append_string(&b, "", 0), BOILOFF_OK);
  ck_assert_int_eq(boiloff__buf_append_string(&b, long_text, sizeof long_text),
                   BOILOFF_OK);
  ck_assert_int_eq(boiloff__buf_append_string(&b, "cd", 2), BOILOFF_OK);
  ck_assert_uint_eq(b.len, 3 + 1 + 101 + 3);
  ck_assert_str_eq(b.data, "ab");
  ck_assert_str_eq(b.data + 3, "");
  ck_assert_uint_eq(strlen(b.data + 4), sizeof long_text);
  ck_assert_str_eq(b.data + 105, "cd");
  ck_assert_int_eq(b.data[b.len], '\0');
  ck_assert_uint_ge(b.cap, b.len + 1);
  boiloff__buf_free(&b);
}
END_TEST

START_TEST(test_segment_cut_keeps_characters_whole)
{
  boiloff__segmenter s;
  lines ls = {{0}, 0};
  /* 20 two-byte characters, no spaces: every cut must fall between them. */
  const char *text = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                     "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
  boiloff__segmenter_init(&s, &boiloff__default_allocator, 17);
  ck_assert_int_eq(
      boiloff__segmenter_feed(&s, text, strlen(text), collect_line, &ls),
      BOILOFF_OK);
  ck_assert_int_eq(boiloff__segmenter_finish(&s, collect_line, &ls),
                   BOILOFF_OK);
  ck_assert_str_eq(
      ls.out,
      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9+"
      "\xC3\xA9\xC3\xA9\xC3\xA9|");
  boiloff__segmenter_free(&s);
}
END_TEST

/* ---- lexicon and features ----------------------------------------------- */

static boiloff__features feat(const char *s)
{
  boiloff__features f;
  boiloff__lexicon_init();
  boiloff__features_compute(s, strlen(s), &f);
  return f;
}

#define HAS(mask, fam) (((mask) >> BOILOFF__FAM_##fam) & 1u)

START_TEST(test_prefix_hashes)
{
  const char *title = "City council approves new cycling lanes - The Times";
  uint64_t h[32];
  unsigned n;
  boiloff__lexicon_init();
  n = boiloff__prefix_hashes(title, strlen(title), h, 32);
  ck_assert_uint_eq(n, 8);
  ck_assert_uint_eq(feat("City council approves new cycling lanes").tokens, 6);
  ck_assert(feat("City council approves new cycling lanes").words_hash == h[5]);
  ck_assert(feat("city COUNCIL approves: new cycling lanes!").words_hash ==
            h[5]);
  ck_assert(feat("City council approves new cycling paths").words_hash != h[5]);
  ck_assert(feat(title).words_hash == h[7]);
  ck_assert_uint_eq(boiloff__prefix_hashes(title, strlen(title), h, 3), 3);
}
END_TEST

START_TEST(test_phrase_families)
{
  ck_assert(HAS(feat("Share this story").hits.line_families, SHARE));
  ck_assert(HAS(feat("  SHARE  ").hits.line_families, SHARE));
  ck_assert(HAS(feat("Diesen Artikel teilen").hits.line_families, SHARE));
  ck_assert(HAS(feat("Partager").hits.line_families, SHARE));
  ck_assert(HAS(feat("Lire la suite").hits.line_families, READMORE));
  ck_assert(HAS(feat("Leer más").hits.line_families, READMORE));
  ck_assert(HAS(feat("Leia mais").hits.line_families, READMORE));
  ck_assert(HAS(feat("Lees meer").hits.line_families, READMORE));
  ck_assert(HAS(feat("Leggi anche").hits.line_families, READMORE));
  /* Turkish capital I with a dot folds to i, as the phrase is written. */
  ck_assert(HAS(feat("\xC4\xB0lgili Haberler").hits.line_families, READMORE));
  ck_assert(HAS(feat("12 comments").hits.line_families, COUNTER));
  ck_assert(HAS(feat("3 of 10").hits.line_families, COUNTER));
  ck_assert(HAS(
      feat("We use cookies to improve your experience").hits.contains_families,
      COOKIE));
  ck_assert(HAS(feat("Copyright 2024 Foo Ltd").hits.start_families, COPYRIGHT));
  ck_assert(!feat("The sharing economy grew").hits.line_families);
  ck_assert(!HAS(
      feat("Share prices fell sharply on Monday.").hits.line_families, SHARE));
}
END_TEST

START_TEST(test_lexicon_data_found)
{
  /* Every phrase of the data, read as a line of its own, is found with
   * its family and match kind, and every one-word stopword is a stopword:
   * the tables' filters never turn away a key they hold.  Starts marked
   * BOILOFF__START_ONLY_LONGER find the same as starts without marks. */
  size_t i, found = 0;
  for (i = 0; i < boiloff__phrase_count; i++) {
    const boiloff__phrase *ph = &boiloff__phrase_table[i];
    uint64_t h[64];
    uint16_t starts[64], marked[64];
    size_t n = 0, n_starts = 0;
    unsigned bit = 1u << ph->family, got;
    boiloff__phrase_hits hits, hits_marked;
    boiloff__tokenizer t;
    boiloff__token tok;
    boiloff__tokenizer_init(&t, ph->text, strlen(ph->text));
    t.phrase_mode = 1;
    while (n < 64 && boiloff__tokenizer_next(&t, &tok)) {
      uint32_t entry = boiloff__word_entry(tok.hash);
      if (entry & BOILOFF__STARTS_PHRASE) {
        marked[n_starts] = (uint16_t)(n | (entry & BOILOFF__ONLY_LONGER
                                               ? BOILOFF__START_ONLY_LONGER
                                               : 0));
        starts[n_starts++] = (uint16_t)n;
      }
      h[n++] = tok.hash;
    }
    if (n == 0 || n == 64)
      continue;
    boiloff__match_phrases(h, n, starts, n_starts, &hits);
    boiloff__match_phrases(h, n, marked, n_starts, &hits_marked);
    ck_assert_msg(memcmp(&hits, &hits_marked, sizeof hits) == 0,
                  "marked starts differ: %s", ph->text);
    switch (ph->match) {
    case BOILOFF__MATCH_LINE:
      got = hits.line_families;
      break;
    case BOILOFF__MATCH_START:
      got = hits.start_families;
      break;
    case BOILOFF__MATCH_CONTAINS:
      got = hits.contains_families;
      break;
    case BOILOFF__MATCH_SAID:
      got = hits.said_families;
      break;
    case BOILOFF__MATCH_LINK:
      got = hits.link_families;
      break;
    case BOILOFF__MATCH_LATE:
      got = hits.late_families;
      break;
    default:
      got = hits.count_families;
      break;
    }
    ck_assert_msg(got & bit, "phrase not found: %s", ph->text);
    found++;
  }
  ck_assert_uint_gt(found, boiloff__phrase_count / 2);
  for (i = found = 0; i < boiloff__stopword_count; i++) {
    const char *w = boiloff__stopword_table[i].word;
    boiloff__tokenizer t;
    boiloff__token tok, extra;
    boiloff__tokenizer_init(&t, w, strlen(w));
    if (!boiloff__tokenizer_next(&t, &tok) || tok.unspaced ||
        boiloff__tokenizer_next(&t, &extra))
      continue; /* runs of unspaced characters: stopword_run */
    ck_assert_msg(boiloff__is_stopword(tok.hash), "stopword not found: %s", w);
    found++;
  }
  ck_assert_uint_gt(found, boiloff__stopword_count / 2);
}
END_TEST

START_TEST(test_phrase_starts_inside)
{
  /* Past a line's first word only words marked BOILOFF__STARTS_INSIDE
   * begin a phrase that matching must look for: every phrase of the data,
   * at a line's start and again after another word, finds the same with
   * those starts as with every word that begins a phrase. */
  size_t i, dropped = 0;
  boiloff__tokenizer t;
  boiloff__token tok;
  uint64_t filler;
  boiloff__tokenizer_init(&t, "zqxj", 4);
  ck_assert(boiloff__tokenizer_next(&t, &tok));
  filler = tok.hash;
  for (i = 0; i < boiloff__phrase_count; i++) {
    const boiloff__phrase *ph = &boiloff__phrase_table[i];
    uint64_t h[130];
    uint16_t all[130], inside[130];
    size_t n = 0, n_all = 0, n_inside = 0, words, k;
    boiloff__phrase_hits hits_all, hits_inside;
    boiloff__tokenizer_init(&t, ph->text, strlen(ph->text));
    t.phrase_mode = 1;
    while (n < 64 && boiloff__tokenizer_next(&t, &tok))
      h[n++] = tok.hash;
    if (n == 0 || n == 64)
      continue;
    words = n;
    h[n++] = filler;
    for (k = 0; k < words; k++)
      h[n++] = h[k];
    for (k = 0; k < n; k++) {
      uint32_t entry = boiloff__word_entry(h[k]);
      uint16_t mark = (uint16_t)(k | (entry & BOILOFF__ONLY_LONGER
                                          ? BOILOFF__START_ONLY_LONGER
                                          : 0));
      if (entry & BOILOFF__STARTS_PHRASE)
        all[n_all++] = mark;
      if (entry & (k ? BOILOFF__STARTS_INSIDE : BOILOFF__STARTS_PHRASE))
        inside[n_inside++] = mark;
    }
    dropped += n_all - n_inside;
    boiloff__match_phrases(h, n, all, n_all, &hits_all);
    boiloff__match_phrases(h, n, inside, n_inside, &hits_inside);
    ck_assert_msg(memcmp(&hits_all, &hits_inside, sizeof hits_all) == 0,
                  "inside starts differ: %s", ph->text);
  }
  ck_assert_uint_gt(dropped, 0);
}
END_TEST

/* One script's way of writing the same page: a stopword, a content word
 * (counted as one word in every script: two Han or kana characters, three
 * Thai letters), digits, its full stop and comma, a share button. */
typedef struct script_words {
  const char *name, *stop, *word, *digits, *stop_mark, *comma, *share;
  int spaces; /* words are separated by spaces */
  int cased;  /* the script has upper and lower case */
  int marks;  /* it ends sentences and clauses with marks (Thai does not) */
} script_words;

static const script_words scripts[] = {
    {"Latin", "the", "xbrq", "123", ".", ",", "share", 1, 1, 1},
    {"Cyrillic", "\xD1\x87\xD1\x82\xD0\xBE", "\xD0\xB6\xD1\x89\xD1\x84\xD1\x8B",
     "123", ".", ",",
     "\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8\xD1\x82\xD1\x8C\xD1\x81\xD1\x8F",
     1, 1, 1},
    {"Greek", "\xCE\xBA\xCE\xB1\xCE\xB9", "\xCE\xBE\xCF\x88\xCF\x86\xCE\xB6",
     "123", ".", ",",
     "\xCE\xBA\xCE\xBF\xCE\xB9\xCE\xBD\xCE\xBF\xCF\x80\xCE\xBF\xCE\xAF\xCE\xB7\xCF\x83\xCE\xB7",
     1, 1, 1},
    {"Arabic", "\xD9\x81\xD9\x8A", "\xD8\xB8\xD8\xBA\xD8\xB6\xD8\xAB",
     "\xD9\xA1\xD9\xA2\xD9\xA3", ".", "\xD8\x8C",
     "\xD8\xB4\xD8\xA7\xD8\xB1\xD9\x83", 1, 0, 1},
    {"Hebrew", "\xD7\xA9\xD7\x9C", "\xD7\xA5\xD7\xA3\xD7\x9A\xD7\x9D", "123",
     ".", ",", "\xD7\xA9\xD7\xAA\xD7\xA3", 1, 0, 1},
    {"Devanagari", "\xE0\xA4\x94\xE0\xA4\xB0",
     "\xE0\xA4\x99\xE0\xA4\x9E\xE0\xA4\xA3\xE0\xA4\xA2",
     "\xE0\xA5\xA7\xE0\xA5\xA8\xE0\xA5\xA9", "\xE0\xA5\xA4", ",",
     "\xE0\xA4\xB6\xE0\xA5\x87\xE0\xA4\xAF\xE0\xA4\xB0", 1, 0, 1},
    {"Hangul", "\xEA\xB7\xB8\xEB\xA6\xAC\xEA\xB3\xA0",
     "\xEB\xB7\x81\xEB\x92\x91", "123", ".", ",",
     "\xEA\xB3\xB5\xEC\x9C\xA0\xED\x95\x98\xEA\xB8\xB0", 1, 0, 1},
    {"Han", "\xE6\x88\x91\xE4\xBB\xAC", "\xE9\xBE\x98\xE9\xBE\x96",
     "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", "\xE3\x80\x82", "\xEF\xBC\x8C",
     "\xE5\x88\x86\xE4\xBA\xAB", 0, 0, 1},
    {"kana", "\xE3\x81\x93\xE3\x82\x8C", "\xE3\x83\x82\xE3\x83\x85", "123",
     "\xE3\x80\x82", "\xE3\x80\x81", "\xE9\x80\x81\xE3\x82\x8B", 0, 0, 1},
    {"Thai", "\xE0\xB8\x82\xE0\xB8\xAD\xE0\xB8\x87",
     "\xE0\xB8\x86\xE0\xB8\x8C\xE0\xB8\x8E",
     "\xE0\xB9\x91\xE0\xB9\x92\xE0\xB9\x93", " ", " ",
     "\xE0\xB9\x81\xE0\xB8\x8A\xE0\xB8\xA3\xE0\xB9\x8C", 0, 0, 0},
};

/* A page as a sequence of S (stopword), W (word), N (number), . , and P
 * (the share button), one string per line. */
static const char *const page_template[] = {
    "S W W S W , S W W N W .", "W W", "P", "N N", "S W S W W ,",
    "W S W W S W .",
};

static void render(const script_words *sc, const char *tpl, char *out,
                   size_t size)
{
  size_t n = 0;
  const char *p;
  out[0] = '\0';
  for (p = tpl; *p; p++) {
    const char *piece = NULL;
    switch (*p) {
    case 'S':
      piece = sc->stop;
      break;
    case 'W':
      piece = sc->word;
      break;
    case 'N':
      piece = sc->digits;
      break;
    case 'P':
      piece = sc->share;
      break;
    case '.':
      piece = sc->stop_mark;
      break;
    case ',':
      piece = sc->comma;
      break;
    default:
      continue;
    }
    /* Spaced scripts: a space before every word; unspaced ones only around
     * numbers (a run of digits is a word of its own either way). */
    if (n && (sc->spaces ? *p != '.' && *p != ',' : *p == 'N' || p[-2] == 'N'))
      n += (size_t)snprintf(out + n, size - n, " ");
    n += (size_t)snprintf(out + n, size - n, "%s", piece);
  }
}

/* The same page in each script has the same features, but for those that
 * are the script's by nature: its characters (chars, letters, puncts,
 * unspaced, latin; a Hangul syllable counts its jamo), the weight of its
 * stopwords (stop_weight: the list's scale), its case (uppers, title and caps
 * words, starts_lower: none where there is no case) and, in Thai, the marks it
 * does not write (sentence marks, commas, terminal, dangling, open_end). */
START_TEST(test_features_same_in_every_script)
{
  size_t s, l;
  boiloff__lexicon_init();
  for (l = 0; l < sizeof page_template / sizeof page_template[0]; l++) {
    char line[1024];
    boiloff__features ref, f;
    render(&scripts[0], page_template[l], line, sizeof line);
    boiloff__features_compute(line, strlen(line), &ref);
    for (s = 1; s < sizeof scripts / sizeof scripts[0]; s++) {
      const script_words *sc = &scripts[s];
      render(sc, page_template[l], line, sizeof line);
      boiloff__features_compute(line, strlen(line), &f);
#define SAME(field)                                                            \
  ck_assert_msg(f.field == ref.field,                                          \
                "%s, line %zu (%s): " #field " %u, Latin %u", sc->name, l + 1, \
                line, (unsigned)f.field, (unsigned)ref.field)
      SAME(words);
      SAME(stopwords);
      SAME(number_words);
      SAME(digits);
      SAME(all_numeric);
      SAME(timecode);
      SAME(urls);
      SAME(separators);
      SAME(hits.line_families);
      SAME(hits.start_families);
      SAME(hits.contains_families);
      if (sc->marks) {
        SAME(sentence_marks);
        SAME(commas);
        SAME(terminal);
        SAME(dangling);
        SAME(open_end);
      }
      /* Stopword density weighs each list's stopwords by its language's
       * density of running text (stopword-density.tsv): the same
       * stopwords, weighed by the scale of the list that found them. */
      if (f.stopwords)
        ck_assert_msg(f.stop_weight ==
                          (float)f.stopwords * boiloff__lang_scale(f.lang),
                      "%s, line %zu: stop_weight %g", sc->name, l + 1,
                      (double)f.stop_weight);
      if (sc->cased) {
        SAME(starts_lower);
        SAME(uppers);
      } else {
        ck_assert_uint_eq(f.starts_lower, 0);
        ck_assert_uint_eq(f.uppers, 0);
        ck_assert_uint_eq(f.title_words, 0);
        ck_assert_uint_eq(f.caps_words, 0);
      }
#undef SAME
    }
  }
}
END_TEST

START_TEST(test_features_counts)
{
  boiloff__features f = feat("The cat, and the dog sat on the mat.");
  ck_assert_uint_eq(f.words, 9);
  ck_assert_uint_eq(f.stopwords, 5); /* the, and, the, on, the */
  ck_assert(f.terminal);
  ck_assert(!f.open_end);
  f = feat("disruptive, and");
  ck_assert(f.open_end);
  ck_assert(f.starts_lower);
  f = feat("0:05:52");
  ck_assert(f.timecode);
  f = feat("Le 12:30, il pleut");
  ck_assert(!f.timecode);
  f = feat(
      "\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88\xE5\xA5\xBD"); /* 6 Han */
  ck_assert_uint_eq(f.unspaced, 6);
  ck_assert_uint_eq(f.words, 3);
  f = feat("\xC2\xA9 2024 Example");
  ck_assert(f.copyright);
  f = feat("Home | World | Business | Sport");
  ck_assert_uint_eq(f.separators, 3);
  /* An address counts as a link in a short line, wherever its '@'. */
  ck_assert_uint_eq(feat("Write to news@example.org").urls, 1);
  ck_assert_uint_eq(feat("@handle").urls, 1);
  ck_assert_uint_eq(feat("caf\xC3\xA9@b").urls, 1);
  ck_assert_uint_eq(feat("no address here").urls, 0);
}
END_TEST

/* A blank line takes a short cut: it must give what the general path
 * gives a line of white space alone. */
START_TEST(test_features_blank_line)
{
  boiloff__features blank, spaces;
  boiloff__lexicon_init();
  boiloff__features_compute("", 0, &blank);
  boiloff__features_compute(" \t ", 3, &spaces);
  ck_assert_uint_eq(blank.words_hash, spaces.words_hash);
  ck_assert(memcmp(&blank, &spaces, sizeof blank) == 0);
}
END_TEST

/* The inline tokenizer reads ASCII words itself and hands the rest to
 * the general one: both must read every text into the same words. */
START_TEST(test_tokenizer_paths_agree)
{
  static const char *const texts[] = {
      "Hello, World! 42 times",
      "caf\xc3\xa9 au lait",
      "na\xc3\xafve",
      "\xc3\x89t\xc3\xa9 ABC-def x1y2",
      "end",
      "  \t ",
      "",
      "USA \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
      "2024 ok",
      "\xe2\x80\x94"
      "dash\xe2\x80\x94 \xff bad",
      "a",
      "iPhone #3 e-mail",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
      "Mixed42CASE ALLCAPS 7 x@y [z] {q} `w` ~9",
      NULL /* a word too long for the fast path's counts, made below */};
  /* More capitals than a 16-bit count holds, then digits. */
  static char longword[70000 + 4];
  size_t i;
  memset(longword, 'A', 70000);
  memcpy(longword + 70000, "123", 4);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    const char *text = texts[i] ? texts[i] : longword;
    boiloff__tokenizer fast, any;
    boiloff__token a, b;
    int more;
    boiloff__tokenizer_init(&fast, text, strlen(text));
    boiloff__tokenizer_init(&any, text, strlen(text));
    do {
      memset(&a, 0, sizeof a);
      memset(&b, 0, sizeof b);
      more = boiloff__tokenizer_next(&fast, &a);
      ck_assert_int_eq(more, boiloff__tokenizer_next_any(&any, &b));
      ck_assert_msg(a.hash == b.hash, "text %zu: hash", i);
      ck_assert_uint_eq(a.offset, b.offset);
      ck_assert_uint_eq(a.bytes, b.bytes);
      ck_assert_uint_eq(a.chars, b.chars);
      ck_assert_uint_eq(a.uppers, b.uppers);
      ck_assert_uint_eq(a.upper_first, b.upper_first);
      ck_assert_uint_eq(a.all_upper, b.all_upper);
      ck_assert_uint_eq(a.is_number, b.is_number);
      ck_assert_uint_eq(a.has_digit, b.has_digit);
      ck_assert_uint_eq(a.unspaced, b.unspaced);
    } while (more);
  }
}
END_TEST

/* The stopword lists (by name) of which a word is a stopword. */
static int stopword_of(const char *word, const char *lang)
{
  boiloff__tokenizer t;
  boiloff__token tok;
  unsigned i;
  boiloff__lexicon_init();
  boiloff__tokenizer_init(&t, word, strlen(word));
  ck_assert(boiloff__tokenizer_next(&t, &tok));
  for (i = 0; boiloff__lang_code(i); i++)
    if (strcmp(boiloff__lang_code(i), lang) == 0)
      return (boiloff__stopword_langs(tok.hash) >> i) & 1u;
  ck_abort_msg("no list %s", lang);
  return 0;
}

/* Hebrew and Arabic write "and", "the", "in", "to" into the next word: a
 * stopword with them in front is one too (proclitics.tsv); a content word
 * with them is not, nor is a stopword with a letter that is not one. */
START_TEST(test_proclitic_stopwords)
{
  ck_assert(stopword_of("\xD7\x9B\xD7\x9A", "he")); /* kakh, "thus" */
  ck_assert(stopword_of("\xD7\x95\xD7\x91\xD7\x9B\xD7\x9A",
                        "he")); /* u-be-khakh, "and thereby" */
  ck_assert(stopword_of("\xD7\x94\xD7\x96\xD7\x94",
                        "he")); /* ha-zeh, "this" (after a noun) */
  ck_assert(
      stopword_of("\xD7\x95\xD7\xA9\xD7\x9C", "he")); /* u-shel, "and of" */
  ck_assert(!stopword_of("\xD7\x94\xD7\xA2\xD7\x99\xD7\xA8",
                         "he")); /* ha-ir, "the city" */
  ck_assert(!stopword_of("\xD7\xA6\xD7\x9B\xD7\x9A",
                         "he")); /* tsade + kakh: no proclitic */
  ck_assert(stopword_of("\xD9\x88\xD9\x87\xD8\xB0\xD8\xA7",
                        "ar")); /* wa-hadha, "and this" */
  ck_assert(stopword_of("\xD9\x81\xD8\xB9\xD9\x84\xD9\x89",
                        "ar")); /* fa-ala, "so on" */
  ck_assert(stopword_of("\xD9\x88\xD8\xA7\xD9\x84\xD8\xAA\xD9\x8A",
                        "ar")); /* wa-allati, "and which" */
  ck_assert(!stopword_of("\xD9\x88\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8\xA9",
                         "ar")); /* wa-madina, "and a city" */
  /* A line of Hebrew news: "and thereby", "that what" (here "put", a
   * homograph, as lists have in every language) and "of". */
  ck_assert_uint_eq(
      feat(
          "\xD7\x95\xD7\x91\xD7\x9B\xD7\x9A \xD7\xA9\xD7\x9E\xD7\x94 \xD7\xA7\xD7\xA5 \xD7\x9C\xD7\x9E\xD7\x97\xD7\x9C\xD7\x95\xD7\xA7\xD7\xAA \xD7\xA9\xD7\x9C \xD7\x94\xD7\xA2\xD7\x99\xD7\xA8 \xD7\x91\xD7\x9E\xD7\xA9\xD7\x9A \xD7\x99\xD7\x95\xD7\xAA\xD7\xA8 \xD7\x9E\xD7\xA9\xD7\xA0\xD7\xAA\xD7\x99\xD7\x99\xD7\x9D.")
          .stopwords,
      3);
}
END_TEST

/* ---- classifier in context --------------------------------------------- */

START_TEST(test_fragment_inside_paragraph_kept)
{
  const char *doc =
      "Menu\n"
      "The minister said in a statement on Monday that the country had shown "
      "a pattern of \xE2\x80\x9Cirresponsible,\n"
      "disruptive, and\n"
      "destabilizing behavior in cyberspace,\xE2\x80\x9D and that it would be "
      "answered by the allies together in the weeks to come.\n"
      "Share\n";
  sink s = {0};
  ck_assert_int_eq(clean_with(NULL, doc, strlen(doc), 1, &s), BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.text, "\ndisruptive, and\n"));
  ck_assert_ptr_null(strstr(s.text, "Share"));
  ck_assert_ptr_null(strstr(s.text, "Menu"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_repeated_headline_once)
{
  const char *doc =
      "Bridge reopens after two years of repairs\n"
      "Bridge reopens after two years of repairs\n"
      "The old bridge over the river opened again on Friday after two years "
      "of repairs that cost the city far more than it had planned, and the "
      "first cars crossed it in the afternoon.\n";
  sink s = {0};
  ck_assert_int_eq(clean_with(NULL, doc, strlen(doc), 0, &s), BOILOFF_OK);
  ck_assert_str_eq(
      s.text,
      "Bridge reopens after two years of repairs\n"
      "The old bridge over the river opened again on Friday after two years "
      "of repairs that cost the city far more than it had planned, and the "
      "first cars crossed it in the afternoon.\n");
  sink_clear(&s);
}
END_TEST

/* Cleans doc with the rules alone, whose labels the tests know. */
static boiloff_status clean_rules_only(const char *doc, size_t chunk, sink *s)
{
  boiloff_options o;
  boiloff_options_init(&o);
  o.flags = BOILOFF_OPT_RULES_ONLY;
  return clean_with(&o, doc, strlen(doc), chunk, s);
}

/* The rules alone drop a short line three share buttons away from the
 * text; as the start of the page's first line (its <title>), before any
 * text, it is the headline.  The title line itself, and a later repeat
 * once text has come, are not. */
START_TEST(test_title_headline)
{
  const char *doc =
      "Bridge reopens after two years of repairs | The River Post\n"
      "Home\nNews\nSport\n"
      "Bridge reopens after two years of repairs\n"
      "Share\nTweet\nEmail\nPrint\n"
      "The old bridge over the river opened again on Friday after two years "
      "of repairs that cost the city far more than it had planned, and the "
      "first cars crossed it in the afternoon.\n"
      "Share\nTweet\nEmail\nPrint\n"
      "Bridge reopens after two years\n";
  sink s = {0};
  ck_assert_int_eq(clean_rules_only(doc, chunk_sizes[_i], &s), BOILOFF_OK);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "5\tKEEP\ttitle-headline\tBridge reopens"));
  ck_assert_int_eq(strncmp(s.explain, "1\tDROP\t", 7), 0);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tshort\tBridge reopens after two years\n"));
  sink_clear(&s);
}
END_TEST

/* Chinese prose is short to jusText's sizes, which count characters: a
 * line ended on 。, or on a comma with such a line below it, among lines
 * of which one is long enough, is text to the rules; a teaser ended on no
 * mark, and a reader's "!" line, stay short. */
START_TEST(test_unspaced_prose)
{
  const char *doc =
      "首页\n国内\n"
      "市议会周二晚间投票通过了沿港口路修建十二公里受保护自行车道的计划。\n"
      "支持者表示，这些车道将使道路对孩子们更加安全，\n"
      "而商店店主则担心会失去停车位。\n"
      "表决结果为31票赞成。\n"
      "相关阅读\n"
      "新大桥历时三年建成通车\n"
      "太好了！\n";
  sink s = {0};
  ck_assert_int_eq(clean_rules_only(doc, chunk_sizes[_i], &s), BOILOFF_OK);
  ck_assert_ptr_nonnull(strstr(s.explain, "3\tKEEP\tunspaced-prose\t市议会"));
  ck_assert_ptr_nonnull(strstr(s.explain, "4\tKEEP\tunspaced-prose\t支持者"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "5\tKEEP\tunspaced-prose\t而商店店主则担心会失去停车位。\n"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "6\tKEEP\tunspaced-prose\t表决结果为31票赞成。\n"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tshort\t新大桥历时三年建成通车\n"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tshort\t太好了！\n"));
  sink_clear(&s);
}
END_TEST

/* WordPress prints its comment form, its widgets' headings and its login
 * links in the site's language (src/lib/phrases-wordpress.tsv): the rules
 * alone name each such line by its phrase family. */
START_TEST(test_wordpress_furniture)
{
  static const struct {
    const char *page, *dropped[4];
  } pages[] = {
      {"Neue Radwege am Hafen\n"
       "Der Stadtrat hat am Dienstagabend beschlossen, entlang der Hafenstraße "
       "zwölf Kilometer geschützte Radwege zu bauen.\n"
       "Hinterlasse eine Antwort\n"
       "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder "
       "sind mit * markiert\n"
       "Kommentar abschicken\nLetzte Beiträge\n",
       {"comments\tHinterlasse eine Antwort\n",
        "comments\tDeine E-Mail-Adresse", "comments\tKommentar abschicken\n",
        "nav\tLetzte Beiträge\n"}},
      {"De nouvelles pistes cyclables au port\n"
       "Le conseil municipal a voté mardi soir la construction de douze "
       "kilomètres de pistes cyclables protégées le long du port.\n"
       "Articles récents\nCommentaires récents\n"
       "Flux RSS des articles\nSe souvenir de moi\n",
       {"nav\tArticles récents\n", "nav\tCommentaires récents\n",
        "subscribe\tFlux RSS des articles\n", "login\tSe souvenir de moi\n"}},
      {"Новые велодорожки\n"
       "Городской совет во вторник решил построить двенадцать километров "
       "велодорожек вдоль порта.\n"
       "Свежие записи\nОбязательные поля помечены *\n",
       {"nav\tСвежие записи\n", "comments\tОбязательные поля помечены *\n"}},
      {"港の新しい自転車道\n"
       "市議会は火曜日、港沿いに十二キロの自転車道を建設することを決めた。\n"
       "コメントを残す\n最近の投稿\n",
       {"comments\tコメントを残す\n", "nav\t最近の投稿\n"}},
  };
  size_t i, k;
  for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
    sink s = {0};
    ck_assert_int_eq(clean_rules_only(pages[i].page, chunk_sizes[_i], &s),
                     BOILOFF_OK);
    for (k = 0; k < 4 && pages[i].dropped[k]; k++) {
      char want[256];
      snprintf(want, sizeof want, "\tDROP\t%s", pages[i].dropped[k]);
      ck_assert_msg(strstr(s.explain, want) != NULL, "not dropped: %s",
                    pages[i].dropped[k]);
    }
    sink_clear(&s);
  }
}
END_TEST

/* Whether line s is a line of comment chrome by threads.c. */
static int is_thread_chrome(const char *s)
{
  boiloff__features f;
  boiloff__features_compute(s, strlen(s), &f);
  return boiloff__comment_stamp(s, strlen(s), f.words, &f.hits) ||
         boiloff__comment_heading(s, strlen(s), f.words, &f.hits);
}

START_TEST(test_comment_chrome_lines)
{
  /* Signatures and counts in the phrase data's languages, with the
   * punctuation they need; and lines of articles that share their words
   * but are not chrome: a verb without its colon or before more text, a
   * sentence that begins like a count, a count inside a line. */
  static const char *const chrome[] = {
      "Ann Lee says:",
      "Hans Müller sagt:",
      "Marie Dupont a dit :",
      "Jan Kowalski napisał(a):",
      "Петр Иванов написал:",
      "王芳 说道：",
      "山田花子 より:",
      "홍길동 님의 말:",
      "Jennifer said...",
      "Debbie M said,",
      "Ana López dijo…",
      "Bill Hays | November 9, 2012 5:54 PM | Reply",
      "by Ann on May 3, 2012 at 8:55 pm. Reply #2",
      "Anna | 3. Mai 2012 um 12:48 | Antworten",
      "12 Mart 2012 22:10 Yanıtla",
      "山田太郎 さんのコメント",
      "3 Kommentare zu „Stadtbibliothek öffnet sonntags“",
      "Eine Antwort auf „Stadtbibliothek öffnet sonntags“",
      "4 réponses à « La médiathèque »",
      "15 comments to Taking the Counter to the Next Level",
      "{ 14 comments… read them below or add one }",
      "12 комментариев",
      "4 件のコメント",
      "4 条评论"};
  static const char *const not_chrome[] = {
      "Hans sagt",
      "Hans sagt: Wir bauen.",
      "Der Minister sagte am Dienstag vor dem Ausschuss in Berlin noch "
      "einmal, was er schon im Frühjahr gesagt hatte:",
      "Eine Antwort auf die Frage gibt es nicht.",
      "Ein Kommentar von Hans Müller",
      "Posted in C++ | 16 Comments",
      "2 Kommentare später war alles anders",
      "Reply:",
      "He said it was over...",
      "He said the deal was over,",
      "Wir suchen Antworten."};
  size_t i;
  for (i = 0; i < sizeof chrome / sizeof *chrome; i++)
    ck_assert_msg(is_thread_chrome(chrome[i]), "not chrome: %s", chrome[i]);
  for (i = 0; i < sizeof not_chrome / sizeof *not_chrome; i++)
    ck_assert_msg(!is_thread_chrome(not_chrome[i]), "chrome: %s",
                  not_chrome[i]);
}
END_TEST

/* "Site: Headline": the headline is the title's last segment, and the
 * site's name above it (its first segment) is not the headline. */
START_TEST(test_title_headline_last_segment)
{
  const char *doc =
      "The River Post: Bridge reopens after two years of repairs\n"
      "The River Post\nHome\nNews\nSport\n"
      "Bridge reopens after two years of repairs\n"
      "Share\nTweet\nEmail\nPrint\n"
      "The old bridge over the river opened again on Friday after two years "
      "of repairs that cost the city far more than it had planned, and the "
      "first cars crossed it in the afternoon.\n";
  sink s = {0};
  ck_assert_int_eq(clean_rules_only(doc, chunk_sizes[_i], &s), BOILOFF_OK);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "6\tKEEP\ttitle-headline\tBridge reopens"));
  ck_assert_ptr_nonnull(strstr(s.explain, "2\tDROP\t"));
  ck_assert_int_eq(strncmp(s.explain, "1\tDROP\t", 7), 0);
  sink_clear(&s);
}
END_TEST

/* Cleans doc read `chunk` bytes at a time into s (its --explain lines). */
static void explain_page(const boiloff_options *o, const char *doc,
                         size_t chunk, sink *s)
{
  ck_assert_int_eq(clean_with(o, doc, strlen(doc), chunk, s), BOILOFF_OK);
}

/* The start of a news page, the first paragraph of its article included
 * (lines 1-6). */
#define LIBRARY_ARTICLE_START                                             \
  "Council votes to close the old library | The Town Herald\n"            \
  "Home\nNews\nCouncil votes to close the old library\n\n"                \
  "The town council voted on Tuesday to close the old library on Bridge " \
  "Street at the end of the year, after a long debate about the cost of " \
  "repairing its roof and heating.\n"

/* An article, then four reader comments, each followed by `chrome`. */
static const char *thread_page(const char *chrome)
{
  static char page[4096];
  snprintf(
      page, sizeof page,
      LIBRARY_ARTICLE_START
      "The books will move to the new community centre, which the council "
      "says will open longer hours and offer more space for children and for "
      "the reading groups that meet every week.\n"
      "Several residents who spoke at the meeting said the building should be "
      "kept as a museum, and the council agreed to look at offers for it "
      "before any sale.\n\n"
      "3 Comments\nMargaret Hill\n"
      "I have borrowed books there for forty years and I think it is a real "
      "shame that the council could not find the money to keep it open for "
      "the people of this town.\n%s\nTom Baker\n"
      "The new centre is much easier to reach by bus and the opening hours "
      "are far better, so I think that the council made the right choice in "
      "the end.\n%s\nSarah Jones\n"
      "It would be lovely if the old building became a museum about the "
      "history of the town, since so many of us have good memories of the "
      "place and of its staff.\n%s\nPeter Grant\n"
      "My children go to the reading group every week, and they are very "
      "happy that it will carry on in the new community centre, where there "
      "is more space than before. The staff told us that the group will meet "
      "on the same day and at the same time, and that the books the children "
      "like best will move with them.\n%s\n",
      chrome, chrome, chrome, chrome);
  return page;
}

START_TEST(test_comment_thread)
{
  /* After the third line of comment chrome that follows the article (a
   * "Reply" link alone, a signature that ends in one or in "Permalink", a
   * name that "says:", a count of replies, in any language of the phrase
   * data), text is a reader's comment, whatever the model thinks of it;
   * the article itself stays, and favouring recall leaves threads to the
   * model. */
  static const char *const chrome[] = {"Reply",
                                       "May 3, 2012 5:54 PM | Reply #",
                                       "July 4, 2012 at 12:48 pm | Permalink",
                                       "Ann Lee says:",
                                       "2 Replies",
                                       "Hans Müller sagt:",
                                       "3. Mai 2012 um 12:48 | Antworten",
                                       "Marie Dupont a dit :",
                                       "12 mars 2012 à 8 h 15 min | Répondre",
                                       "Juan Pérez dice:",
                                       "Maria Rossi ha detto:",
                                       "João Silva disse:",
                                       "Jan Kowalski napisał(a):",
                                       "Иван Петров написал:",
                                       "Ответить",
                                       "Ahmet Yılmaz dedi ki:",
                                       "12 Mart 2012 22:10 Yanıtla",
                                       "张伟 说道：",
                                       "2012年3月4日 12:48 回复",
                                       "2012年3月4日 12:48 返信",
                                       "홍길동 님의 말:",
                                       "2012.03.04 12:48 답글",
                                       "12 комментариев к записи",
                                       "4 件のコメント"};
  size_t v;
  for (v = 0; v < sizeof chrome / sizeof *chrome; v++) {
    const char *doc = thread_page(chrome[v]);
    sink s = {0};
    boiloff_options o;
    int line;
    boiloff_options_init(&o);
    explain_page(&o, doc, chunk_sizes[_i], &s);
    for (line = 6; line <= 8; line++) {
      char want[16];
      snprintf(want, sizeof want, "\n%d\tKEEP\t", line);
      ck_assert_ptr_nonnull(strstr(s.explain, want));
    }
    ck_assert_msg(strstr(s.explain, "\n21\tDROP\tcomment-thread\t") != NULL,
                  "chrome \"%s\":\n%s", chrome[v], s.explain);
    sink_clear(&s);
    o.bias = 0.5;
    explain_page(&o, doc, chunk_sizes[_i], &s);
    ck_assert_ptr_nonnull(strstr(s.explain, "\n21\tKEEP\t"));
    ck_assert_ptr_null(strstr(s.explain, "comment-thread"));
    sink_clear(&s);
    /* --keep-comments keeps the thread at any bias. */
    o.bias = 0;
    o.flags = BOILOFF_OPT_KEEP_COMMENTS;
    explain_page(&o, doc, chunk_sizes[_i], &s);
    ck_assert_ptr_null(strstr(s.explain, "comment-thread"));
    sink_clear(&s);
  }
}
END_TEST

/* A count of comments followed by the post's title, or by an ellipsis
 * and more, heads nothing but a thread: what follows it is reader
 * comments, with no other chrome; a bare count ("3 Comments", which a
 * byline may read) starts none. */
START_TEST(test_titled_comment_count)
{
  static const struct {
    const char *line;
    int heads_thread;
  } heads[] = {
      {"3 Responses to \u201cCouncil votes to close the old library\u201d", 1},
      {"3 Kommentare zu \u201eCouncil votes to close the old library\u201c", 1},
      {"3 comments on Council votes to close the old library", 1},
      {"{ 3 comments\u2026 read them below or add one }", 1},
      {"3 Comments", 0},
      {"3 comments\u2026", 0}};
  size_t v;
  for (v = 0; v < sizeof heads / sizeof *heads; v++) {
    char doc[4096];
    const char *head = thread_page("");
    const char *at = strstr(head, "3 Comments\n");
    sink s = {0};
    snprintf(doc, sizeof doc, "%.*s%s%s", (int)(at - head), head, heads[v].line,
             at + strlen("3 Comments"));
    explain_page(NULL, doc, chunk_sizes[_i], &s);
    ck_assert_ptr_nonnull(strstr(s.explain, "\n6\tKEEP\t"));
    if (heads[v].heads_thread)
      ck_assert_msg(strstr(s.explain, "\n11\tDROP\tcomment-thread\t") != NULL,
                    "%s:\n%s", heads[v].line, s.explain);
    else
      ck_assert_ptr_null(strstr(s.explain, "comment-thread"));
    sink_clear(&s);
  }
}
END_TEST

/* A post with no text of its own (a picture), then Blogger's thread: a
 * count of comments, and right below it a name that "said..." (`stamp`).
 * The thread starts there, with no text before it, and its comments are
 * not the article that the never-empty rescue looks for; --keep-comments
 * keeps them, and a count with no signature below it starts nothing. */
static const char *picture_post(const char *count, const char *stamp)
{
  static char page[4096];
  snprintf(page, sizeof page,
           "Sunday by the river | Ann's photo blog\n"
           "Home\nAbout\nSunday by the river\n\n"
           "Posted by Ann at 10:00 AM\nLabels: Photos\n\n%s\n"
           "%s\n"
           "What a lovely picture, the light on the water in the evening is "
           "just perfect and it makes me want to go back there soon.\n"
           "November 11, 2012 11:54 PM\n%s\n"
           "I walked along that river every day when I was a child, and it "
           "still looks exactly the same as it did all those years ago.\n"
           "November 12, 2012 4:40 AM\n%s\n"
           "Beautiful colours, thank you for sharing this one with us, I hope "
           "that you will post some more pictures of the old bridge.\n"
           "November 12, 2012 7:24 PM\nPost a Comment\n",
           count, stamp, stamp, stamp);
  return page;
}

START_TEST(test_thread_without_text)
{
  /* Below a count that heads nothing but a thread, a name and a date are
   * a signature too; below a count a byline may read, they are not. */
  static const struct {
    const char *count, *stamp;
    int thread;
  } posts[] = {{"4 comments:", "Margaret Hill said...", 1},
               {"{ 4 comments\u2026 read them below or add one }",
                "Margaret Hill July 7, 2012 at 2:31 pm", 1},
               {"{ 4 comments\u2026 read them below or add one }",
                "Margaret Hill 07.07.2012 14:31", 1},
               {"4 comments:", "Margaret Hill", 0},
               {"4 Comments", "Margaret Hill July 7, 2012 at 2:31 pm", 0}};
  size_t v;
  for (v = 0; v < sizeof posts / sizeof *posts; v++) {
    const char *doc = picture_post(posts[v].count, posts[v].stamp);
    sink s = {0};
    boiloff_options o;
    int line;
    boiloff_options_init(&o);
    explain_page(&o, doc, chunk_sizes[_i], &s);
    ck_assert_msg(strstr(s.explain, "\n4\tKEEP\t") != NULL, "%s", s.explain);
    if (!posts[v].thread) {
      /* No thread: the rescue keeps the page's running text. */
      ck_assert_msg(strstr(s.explain, "\n11\tKEEP\t") != NULL, "%s", s.explain);
      sink_clear(&s);
      continue;
    }
    for (line = 10; line <= 18; line++) {
      char want[24];
      snprintf(want, sizeof want, "\n%d\tDROP\t", line);
      ck_assert_msg(strstr(s.explain, want) != NULL, "%s, line %d:\n%s",
                    posts[v].stamp, line, s.explain);
    }
    ck_assert_ptr_null(strstr(s.explain, "\tKEEP\trescue\t"));
    sink_clear(&s);
    o.flags = BOILOFF_OPT_KEEP_COMMENTS;
    explain_page(&o, doc, chunk_sizes[_i], &s);
    ck_assert_ptr_null(strstr(s.explain, "comment-thread"));
    ck_assert_msg(strstr(s.explain, "\n11\tKEEP\t") != NULL, "%s", s.explain);
    sink_clear(&s);
  }
  {
    /* With nothing but the thread, the page does not come out empty: the
     * rescue keeps the comments rather than nothing. */
    const char *doc =
        strstr(picture_post(posts[0].count, posts[0].stamp), posts[0].count);
    sink s = {0};
    explain_page(NULL, doc, chunk_sizes[_i], &s);
    ck_assert_msg(strstr(s.explain, "\tKEEP\trescue\tWhat a lovely") != NULL,
                  "%s", s.explain);
    sink_clear(&s);
  }
}
END_TEST

/* A page of menus whose only running text is a list of job ads: the
 * model keeps none of it and the rescue keeps the ads, but not the script
 * that a scraper left in the text, words though it has. */
START_TEST(test_rescue_not_script)
{
  const char *doc =
      "Lancaster Classifieds\nCars | Jobs | Homes | Customer Care Center\n"
      "\"); }else{ //not result is -1 because it does not exist "
      "document.write(\"\\\\\"); } //-->\n"
      "Home\nNews\nTop Stories\nLocal News\nSports\nBusiness\nJobs\n"
      "Search Jobs\nPost a Job\nLatest Jobs in Lancaster County\n"
      "Cornwall Manor offers excellent benefits, a competitive starting "
      "salary, and good working conditions...\n"
      "GROUNDS KEEPING Do you have knowledge & interest in lawn, shrub and "
      "tree care? Then we have the job ...\n"
      "PART-TIME OFFICE SUPPORT person is needed for our small, relaxed "
      "office. Some of the job responsibilities...\n"
      "Production Workers wanted: a premier food manufacturer of puddings is "
      "hiring for all of its shifts ...\n"
      "More Jobs\nContact Us\nPrivacy Policy\n\u00a9 2006 Lancaster "
      "Newspapers\n";
  sink s = {0};
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_msg(strstr(s.explain, "\n14\tKEEP\trescue\tCornwall") != NULL, "%s",
                s.explain);
  ck_assert_msg(strstr(s.explain, "\n3\tDROP\t") != NULL, "%s", s.explain);
  sink_clear(&s);
}
END_TEST

/* Sums written out in the article are kept, though all their words are
 * numbers; a pager's row of numbers below it is still a counter. */
START_TEST(test_equation)
{
  const char *doc =
      "The magic square puzzle\n\n"
      "Every row, column and diagonal of the square adds up to the same "
      "number, and there are many more groups of four that do, as the sums "
      "below show for the first rows of the square that we gave in the last "
      "issue.\n"
      "6 + 1 + 31 + 36 = 74\n11 + 8 + 26 + 29 = 74\n1.9 - 1.27 = 0.63\n"
      "The corners add up to the magic number too, which is the property "
      "that makes this square so unusual among the ones that readers have "
      "sent in to us over the years.\n"
      "1 2 3 4 5\nNext page\n";
  sink s = {0};
  int line;
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  for (line = 4; line <= 6; line++) {
    char want[24];
    snprintf(want, sizeof want, "\n%d\tKEEP\tequation\t", line);
    ck_assert_msg(strstr(s.explain, want) != NULL, "line %d:\n%s", line,
                  s.explain);
  }
  ck_assert_msg(strstr(s.explain, "\n8\tDROP\tcounter\t") != NULL, "%s",
                s.explain);
  sink_clear(&s);
}
END_TEST

/* After the article, a summary of another story whose last words are a
 * link to the rest of it is dropped; the article's own sentence that ends
 * in the same words, a paragraph with the article going on below it, and
 * excerpts with no article before them are not. */
START_TEST(test_teaser_link)
{
  const char *page = LIBRARY_ARTICLE_START
      "The books will move to the new community centre, which the council "
      "says will open longer hours; those who want the whole story of the "
      "building only have to continue reading.\n"
      "The report that the council asked for last spring sets out what the "
      "roof would cost to mend and what the building could become. Read "
      "More\n"
      "Several residents who spoke at the meeting said the building should be "
      "kept as a museum, and the council agreed to look at offers for it "
      "before any sale.\n\n"
      "More from The Town Herald\n"
      "Bridge repairs: the river crossing will close for three weeks in "
      "March while engineers replace its worn steel bearings. Read More\n"
      "School news: the primary school on Hill Road has won a national "
      "prize for its garden, planted and kept by its pupils. Read More\n";
  const char *excerpts = strstr(page, "Bridge repairs");
  sink s = {0};
  explain_page(NULL, page, chunk_sizes[_i], &s);
  ck_assert_msg(strstr(s.explain, "\n7\tKEEP\t") != NULL, "%s", s.explain);
  ck_assert_msg(strstr(s.explain, "\n8\tKEEP\t") != NULL, "%s", s.explain);
  ck_assert_msg(strstr(s.explain, "\n12\tDROP\tteaser-link\t") != NULL, "%s",
                s.explain);
  ck_assert_msg(strstr(s.explain, "\n13\tDROP\tteaser-link\t") != NULL, "%s",
                s.explain);
  sink_clear(&s);
  explain_page(NULL, excerpts, chunk_sizes[_i], &s);
  ck_assert_ptr_null(strstr(s.explain, "teaser-link"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_title_line_dropped)
{
  /* Scraped text's first line is the <title>: with its headline given
   * again below ("Council votes ..." without " | The Town Herald"), the
   * title is not kept, and the headline is. */
  const char *doc = thread_page("Reply"), *title = "1\tDROP\t";
  sink s = {0};
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_int_eq(strncmp(s.explain, title, strlen(title)), 0);
  ck_assert_ptr_nonnull(strstr(s.explain, "\n4\tKEEP\t"));
  sink_clear(&s);
}
END_TEST

/* What the model is told of share buttons after text: how much text came
 * before the last of them (a bar that heads an article comes after little
 * text, one that ends it after much), not only that one came. */
typedef struct share_probe {
  unsigned long line; /* the block whose features to keep */
  float value;        /* its text_before_share */
} share_probe;

static void probe_share(void *user, const boiloff_block *b, const float *x)
{
  share_probe *p = user;
  if (b->line == p->line)
    p->value = x[BOILOFF__F_text_before_share];
}

static boiloff_status ignore_block(void *user, const boiloff_block *b)
{
  (void)user;
  (void)b;
  return BOILOFF_OK;
}

/* text_before_share of line `line` of `page` (a line per entry). */
static float text_before_share_at(const char *const *page, size_t n,
                                  unsigned long line)
{
  boiloff_options o;
  boiloff__classifier *c;
  share_probe p = {line, -1.0f};
  size_t i;
  boiloff_options_init(&o);
  c = boiloff__classifier_new(&boiloff__default_allocator, &o);
  ck_assert_ptr_nonnull(c);
  boiloff__classifier_observe(c, probe_share, &p);
  for (i = 0; i < n; i++)
    ck_assert_int_eq(boiloff__classifier_push(c, page[i], strlen(page[i]),
                                              i + 1, 0, NULL, ignore_block,
                                              NULL),
                     BOILOFF_OK);
  ck_assert_int_eq(boiloff__classifier_finish(c, ignore_block, NULL),
                   BOILOFF_OK);
  boiloff__classifier_free(c);
  ck_assert_float_ge(p.value, 0.0f); /* the line was judged by the model */
  return p.value;
}

START_TEST(test_text_before_share)
{
  static const char para1[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.";
  static const char para2[] =
      "Residents who cross it every morning said they had not been told, "
      "and that the detour would add half an hour to the drive into town "
      "for anyone who lives on the far side of the river.";
  static const char para3[] =
      "The mayor said the bridge would open again in September, once the "
      "piers had been repaired, and that buses would run across it from "
      "the first week of the works, as they are lighter than the lorries.";
  const char *page[] = {
      "Share this story", para1, para2, "Share", para3, "Share", para3};
  boiloff__features f1, f2;
  float after_one, after_two;
  boiloff__features_compute(para1, strlen(para1), &f1);
  boiloff__features_compute(para2, strlen(para2), &f2);
  /* A share bar before any text tells nothing. */
  ck_assert_float_eq(text_before_share_at(page, 5, 2), 0.0f);
  ck_assert_float_eq(text_before_share_at(page, 5, 3), 0.0f);
  /* After one: the text met before it, in 32-character steps. */
  after_one = text_before_share_at(page, 5, 5);
  ck_assert_float_eq(after_one,
                     boiloff__log1p_count(((f1.chars + f2.chars) >> 5) + 1));
  /* The last bar counts: more text before it, a larger value. */
  after_two = text_before_share_at(page, 7, 7);
  ck_assert_float_gt(after_two, after_one);
}
END_TEST

/* Share buttons beside a video player are the player's: text after them
 * is still the article (seed page 000), while a bar away from any player
 * still tells how much text came before it. */
START_TEST(test_player_share_bar)
{
  static const char para1[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.";
  static const char para2[] =
      "Residents who cross it every morning said they had not been told, "
      "and that the detour would add half an hour to the drive into town "
      "for anyone who lives on the far side of the river.";
  const char *before[] = {para1, "Share", "0:00", "0:05:52", para2};
  const char *after[] = {para1, "0:00", "0:05:52", "Share", para2};
  const char *apart[] = {para1, "Share", para2,     para1,
                         para2, "0:00",  "0:05:52", para1};
  ck_assert_float_eq(text_before_share_at(before, 5, 5), 0.0f);
  ck_assert_float_eq(text_before_share_at(after, 5, 5), 0.0f);
  ck_assert_float_gt(text_before_share_at(apart, 8, 8), 0.0f);
}
END_TEST

/* Headlines listed under "Related stories" after the article go; a
 * subhead after a "Read more" link inside the article, with text right
 * below it, stays. */
START_TEST(test_related_list)
{
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  static const char list[] =
      "Related stories\n"
      "Harbour ferry to run on electricity from next year\n"
      "New school opens its doors in the old post office\n"
      "\u00a9 2024 The River Post. All rights reserved.\n";
  static const char subhead[] = "Read more\nWhat happens next\n";
  char doc[2048];
  sink s = {0};
  snprintf(doc, sizeof doc, "%s%s%s", para, para, list);
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tDROP\trelated-list\tHarbour ferry to run on electricity"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\trelated-list\tNew school opens its doors"));
  sink_clear(&s);
  snprintf(doc, sizeof doc, "%s%s%s", para, subhead, para);
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_null(strstr(s.explain, "related-list"));
  sink_clear(&s);
}
END_TEST

/* Below the article, a comment's signature with its date goes, though
 * the thread is not long enough to end the article (cleaneval's gold
 * keeps comments, not signatures), and so does a dated permalink line; a
 * line of the article that introduces a quote stays, and so does a dated
 * permalink line above the article. */
START_TEST(test_comment_signature)
{
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  static const char thread[] =
      "At 4/19/2005 07:14:49 PM, Anonymous said...\n"
      "I cross that bridge every morning and I had no idea it was in such "
      "a state, thanks for the report.\n"
      "Posted 4/19/2005 at 9:02 pm | Permalink\n"
      "Commenting on the vote, the mayor said:\n";
  static const char byline[] = "12:59 pm on August 9, 2012 | Permalink\n";
  char doc[2048];
  sink s = {0};
  snprintf(doc, sizeof doc, "%s%s%s%s%s", byline, para, para, thread, para);
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tcomment-signature\tAt 4/19/2005 07:14:49 PM"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\tmodel+context\tI cross that bridge"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tDROP\tcomment-signature\tPosted 4/19/2005 at 9:02 pm"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tKEEP\tmodel+context\tCommenting on the vote, the mayor"));
  ck_assert_ptr_null(strstr(s.explain, "comment-signature\t12:59 pm"));
  sink_clear(&s);
}
END_TEST

/* Below the article, a count of comments is the thread's chrome, also
 * where comments are kept; above it, a byline may read the same. */
START_TEST(test_comment_count)
{
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  static const char title[] = "Bridge to close for the summer\n";
  static const char count[] =
      "{ 2 comments\u2026 read them below or add one }\n";
  static const char comment[] =
      "I cross that bridge every morning and I had no idea it was in such "
      "a state, thanks for the report.\n";
  char doc[2048];
  sink s = {0};
  boiloff_options o;
  boiloff_options_init(&o);
  o.flags = BOILOFF_OPT_KEEP_COMMENTS;
  snprintf(doc, sizeof doc, "%s%s%s%s%s%s%s", title, count, para, para, count,
           comment, para);
  explain_page(&o, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tcomment-count\t{ 2 comments"));
  ck_assert_ptr_null(strstr(s.explain, "2\tDROP\tcomment-count"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\tmodel+context\tI cross that bridge"));
  sink_clear(&s);
}
END_TEST

/* Below the article, a line that is all a site's furniture, by the
 * phrase data's "late" rows, in any of their languages, is dropped. */
START_TEST(test_furniture_phrase)
{
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  char doc[2048];
  sink s = {0};
  snprintf(doc, sizeof doc, "%s%s%s%s%s%s%s%s",
           "Bridge to close for the summer\n", para, para,
           "You may like to read:\n", para, "Connectez-vous pour commenter\n",
           para, "JavaScript ist deaktiviert.\n");
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tfurniture-phrase\tYou may like to read:"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tDROP\tfurniture-phrase\tConnectez-vous pour commenter"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tDROP\tfurniture-phrase\tJavaScript ist deaktiviert."));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "5\tKEEP\tmodel+context\tThe council voted"));
  sink_clear(&s);
}
END_TEST

/* A list of sponsored stories opens as "Related stories" does, and a
 * one-word line between its items (an ad widget's "Undo", an
 * advertiser's name) does not end it once it has shown its items; a
 * lone "Advertisement" inside the article opens no list. */
START_TEST(test_sponsored_list)
{
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  static const char list[] =
      "Sponsored Links\n"
      "Best Flashlight Ever is Selling Like Crazy Lumify\n"
      "Say Goodbye To Snoring, Say Hello to Sleep Tonight\n"
      "Undo\n"
      "Finding Cheap Flights is Now Easy tripsinsider.com\n"
      "Undo\n"
      "Tiny Device Turns Old Computer into New Fast PC\n"
      "\u00a9 2024 The River Post. All rights reserved.\n";
  static const char aside[] = "Advertisement\n"
                              "In a wide-ranging interview, the mayor said:\n"
                              "The bridge will open again in September\n"
                              "The ferry will run on electricity from next "
                              "year\n";
  char doc[2048];
  sink s = {0};
  boiloff_options o;
  /* Recall favoured, so that the model alone would keep the items. */
  boiloff_options_init(&o);
  o.bias = 1;
  snprintf(doc, sizeof doc, "%s%s%s", para, para, list);
  explain_page(&o, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tDROP\trelated-list\tFinding Cheap Flights is Now Easy"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tDROP\trelated-list\tTiny Device Turns Old Computer"));
  sink_clear(&s);
  snprintf(doc, sizeof doc, "%s%s%s%s", para, aside, para, para);
  explain_page(&o, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_null(strstr(s.explain, "related-list"));
  sink_clear(&s);
}
END_TEST

/* After the article, a heading that names a list of the site's popular
 * stories ("Most Popular Stories", "Les plus partagés") opens it as
 * "Related stories" does: its headlines are dropped. */
START_TEST(test_popular_list)
{
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  static const char *const headings[] = {"Most Popular Stories",
                                         "Les plus partag\u00e9s",
                                         "Lo m\u00e1s le\u00eddo"};
  size_t v;
  for (v = 0; v < sizeof headings / sizeof *headings; v++) {
    char doc[2048];
    sink s = {0};
    boiloff_options o;
    /* Recall favoured, so that the model alone would keep the items. */
    boiloff_options_init(&o);
    o.bias = 1;
    snprintf(doc, sizeof doc,
             "%s%s%s\n"
             "Wife's fury at husband's million dollar gamble\n"
             "Australia passes fierce Pakistan test at the Gabba\n"
             "Police allege driver went on a rampage through town\n"
             "\u00a9 2024 The River Post. All rights reserved.\n",
             para, para, headings[v]);
    explain_page(&o, doc, chunk_sizes[_i], &s);
    ck_assert_msg(
        strstr(s.explain, "\tDROP\trelated-list\tAustralia passes fierce") !=
            NULL,
        "%s:\n%s", headings[v], s.explain);
    ck_assert_msg(
        strstr(s.explain, "\tDROP\trelated-list\tPolice allege driver") != NULL,
        "%s:\n%s", headings[v], s.explain);
    sink_clear(&s);
  }
}
END_TEST

START_TEST(test_before_headline)
{
  /* Scraped text: the <title> first, then a teaser of another story
   * that the model keeps, above the headline: not the article.  The
   * <title> is dropped (by the model alone, outside the smoothing's
   * chain, or by its own rule), and the headline stays. */
  static const char para[] =
      "The council voted on Tuesday night to close the old bridge to cars "
      "for the whole of the summer, after engineers found that its piers "
      "had been worn away far more than the last survey had shown.\n";
  static const char top[] =
      "Bridge to close for the summer | The River Post\n"
      "Harbour ferry to run on electricity from next year\n"
      "Council leader says the town can afford a second library\n"
      "Bridge to close for the summer\n";
  char doc[2048];
  sink s = {0};
  snprintf(doc, sizeof doc, "%s%s%s", top, para, para);
  explain_page(NULL, doc, chunk_sizes[_i], &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tbefore-headline\tHarbour ferry to run"));
  ck_assert_ptr_nonnull(strstr(
      s.explain, "\tKEEP\tmodel+context\tBridge to close for the summer\n"));
  ck_assert_int_eq(strncmp(s.explain, "1\tDROP\t", 7), 0);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tBridge to close"));
  sink_clear(&s);
}
END_TEST

/* Cleans doc in chunks with model m. */
static void clean_with_model(const boiloff_options *o, const char *doc,
                             size_t chunk, const boiloff__model *m, sink *out)
{
  boiloff_ctx *ctx = boiloff_new(o, sink_cb, out);
  ck_assert_ptr_nonnull(ctx);
  boiloff__classifier_set_model(boiloff__ctx_classifier(ctx), m);
  ck_assert_int_eq(feed_in_chunks(ctx, doc, strlen(doc), chunk), BOILOFF_OK);
  ck_assert_int_eq(boiloff_finish(ctx), BOILOFF_OK);
  boiloff_free(ctx);
}

/* Smoothing that stays in a state with probability `stay`: 0.5 neither
 * favours nor hinders a change; above it, a run of doubtful blocks adds
 * up and the smoothing pulls each below the model's own probability. */
static void set_stay(boiloff__model *m, double stay)
{
  m->log_transition[0][0] = m->log_transition[1][1] = log(stay);
  m->log_transition[0][1] = m->log_transition[1][0] = log(1 - stay);
  m->log_prior[0] = m->log_prior[1] = log(0.5);
}

/* Cleans doc in chunks with a model that gives every block probability p
 * (no trees) and stays in a state with probability `stay`. */
static void clean_with_flat_model(const boiloff_options *o, const char *doc,
                                  size_t chunk, double p, double stay,
                                  sink *out)
{
  static boiloff__model m;
  memset(&m, 0, sizeof m);
  m.base = log(p / (1 - p));
  set_stay(&m, stay);
  clean_with_model(o, doc, chunk, &m, out);
}

/* Neither favours nor hinders a change. */
static void clean_with_constant_model(const boiloff_options *o, const char *doc,
                                      size_t chunk, double p, sink *out)
{
  clean_with_flat_model(o, doc, chunk, p, 0.5, out);
}

/* As clean_with_constant_model, doc being HTML. */
static void clean_html_with_constant_model(const char *doc, size_t chunk,
                                           double p, sink *out)
{
  boiloff_options o;
  boiloff_options_init(&o);
  o.flags = BOILOFF_OPT_HTML;
  clean_with_constant_model(&o, doc, chunk, p, out);
}

START_TEST(test_text_after_headline)
{
  /* A short post: the running text just below the page's headline is the
   * article even when the model doubts it; the same text far below the
   * headline needs the model's usual doubt to go. */
  static const char para[] =
      "Most of the pieces in my tag sale at the shop have sold already, "
      "but several chic items remain: rare candlesticks, stylish lamps and "
      "old prints in gold leaf frames.\n";
  static const char top[] = "Going, going, gone | The Shop Blog\n\n"
                            "Going, going, gone\n\n";
  char doc[4096];
  sink s = {0};
  int i;
  snprintf(doc, sizeof doc, "%s%s", top, para);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.15, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\ttitle-headline\tGoing, going"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tfirst-text\tMost of"));
  sink_clear(&s);
  snprintf(doc, sizeof doc, "%s", top);
  for (i = 0; i < 12; i++)
    strcat(doc, "Share\n\n");
  strcat(doc, para);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.15, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tmodel+context\tMost of"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_hard_lines_in_chain)
{
  /* Text input: once text has been judged, certain lines of a menu or a
   * footer are evidence against the article in the smoothing, so a
   * doubtful line below them goes; with blank lines in their place, the
   * chain carries the text's state to it. */
  static const char para[] =
      "Most of the pieces in my tag sale at the shop have sold already, "
      "but several chic items remain: rare candlesticks, stylish lamps and "
      "old prints in gold leaf frames.\n\n";
  char doc[4096];
  sink s = {0};
  snprintf(doc, sizeof doc, "Tag sale | The Shop Blog\n\n%s", para);
  strcat(doc,
         "Home\n\nNews\n\nSport\n\nSign in\n\nSubscribe\n\nContact us\n\n");
  strcat(doc, "Lamps and lighting\n");
  clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.8, 0.9, &s);
  ck_assert_ptr_null(strstr(s.explain, "\tDROP\tmodel+context\tMost of"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tmodel+context\tLamps and lighting"));
  sink_clear(&s);
  snprintf(doc, sizeof doc, "Tag sale | The Shop Blog\n\n%s", para);
  strcat(doc, "Lamps and lighting\n");
  clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.8, 0.9, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\tmodel+context\tLamps and lighting"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_post_below_headline)
{
  /* A picture's post: a sentence below the headline among menus, which
   * the smoothing pulls down with them, is the post's text when the
   * model alone is not sure it is not; the same sentence the model is
   * sure of dropping goes. */
  static const char doc[] = "Lamps of the week | The Shop Blog\n\n"
                            "Lamps and lighting\nOld maps\nGarden benches\n\n"
                            "Lamps of the week\n\n"
                            "A pair of old lamps from the shop, found in an "
                            "attic.\n\n"
                            "Lamps and lighting\nOld maps\nGarden benches\n"
                            "Prints and frames\nMirrors\nClocks\n";
  sink s = {0};
  clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.15, 0.9, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\ttitle-headline\tLamps of the week"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\theadline-text\tA pair"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tmodel+context\tMirrors"));
  sink_clear(&s);
  clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.05, 0.9, &s);
  ck_assert_ptr_null(strstr(s.explain, "headline-text"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_date_above_headline)
{
  /* A post's bare date right above its headline is kept with it; a date
   * with a clock time (a dateline's stamp), or one that a menu parts from
   * the headline, is left to the model. */
  static const char *const dates[] = {"Monday, November 5, 2012",
                                      "5. November 2012",
                                      "November 5, 2012 at 16:05"};
  static const char *const between[] = {"", "", "Garden benches\n\n"};
  char doc[4096];
  sink s = {0};
  int i, v;
  for (v = 0; v < 4; v++) {
    const char *date = dates[v < 3 ? v : 0];
    snprintf(doc, sizeof doc,
             "Lamps of the week | The Shop Blog\n\n"
             "Lamps and lighting\nOld maps\nGarden benches\n\n"
             "%s\n\n%sLamps of the week\n\n"
             "A pair of old lamps from the shop, found in an attic.\n\n",
             date, v < 3 ? between[v] : "Old maps\n\n");
    for (i = 0; i < 6; i++)
      strcat(doc, "Prints and frames\nMirrors\nClocks\n\n");
    clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.15, 0.9, &s);
    ck_assert_ptr_nonnull(
        strstr(s.explain, "\tKEEP\ttitle-headline\tLamps of the week"));
    if (v < 2)
      ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tdate-headline\t"));
    else
      ck_assert_ptr_null(strstr(s.explain, "date-headline"));
    sink_clear(&s);
  }
}
END_TEST

START_TEST(test_thread_below_post)
{
  /* Below a post kept above its comments, the thread that starts at its
   * count of comments (a number above each signature) is not rescued
   * when the model keeps nothing else: the post is the page's text. */
  static const char *const comments[] = {
      "What lovely lamps, I have been looking for a pair like these for "
      "my own hall for years, and I think that I will come to the shop on "
      "Saturday to see them.",
      "We bought one of these last winter and it still lights our kitchen "
      "table every evening, so I can tell you that they are worth the price "
      "that you ask.",
      "Do you ship to other towns, or is it only for those who can come "
      "to the shop? We live a long way from you but would love to have "
      "one of them in our house."};
  char doc[4096];
  sink s = {0};
  int i;
  snprintf(doc, sizeof doc,
           "The Shop Blog: news from the shop\n\n"
           "Lamps and lighting\nOld maps\nGarden benches\n\n"
           "Two lamps\n\n"
           "A pair of old lamps from the shop, found in an attic.\n\n"
           "3 comments:\n\n");
  for (i = 0; i < 3; i++) {
    strcat(doc, "1\n\nAnn said...\n\n");
    strcat(doc, comments[i]);
    strcat(doc, "\n\n");
  }
  strcat(doc, "Post a Comment\n\n");
  for (i = 0; i < 6; i++)
    strcat(doc, "Prints and frames\nMirrors\nClocks\n\n");
  clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.15, 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tabove-comments\tA pair"));
  ck_assert_ptr_null(strstr(s.explain, "\tKEEP\trescue\t"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_headline_with_date)
{
  /* A part of the title, however short, with a date line right below it
   * (a byline) or a bare date right above it is the post's headline, and
   * the site's name, the title's other part above it, is not; without a
   * day in the line, or with a clock time above the headline, the site's
   * name stays the headline. */
  static const char *const around[][2] = {
      {"", "By Jane Doe, 5 November 2012\n\n"},
      {"5 Nov 2012\n\n", ""},
      {"", "By Jane Doe\n\n"},
      {"", "Spring 2012 catalogue\n\n"},
      {"November 5, 2012 at 16:05\n\n", ""}};
  char doc[4096];
  sink s = {0};
  int i, v;
  for (v = 0; v < 5; v++) {
    snprintf(doc, sizeof doc,
             "Two lamps - The Shop Blog\n\n"
             "The Shop Blog\n\n"
             "Lamps and lighting\nOld maps\nGarden benches\n\n"
             "%sTwo lamps\n\n%s",
             around[v][0], around[v][1]);
    for (i = 0; i < 6; i++)
      strcat(doc, "Prints and frames\nMirrors\nClocks\n\n");
    clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.15, 0.9, &s);
    if (v < 2) {
      ck_assert_ptr_nonnull(
          strstr(s.explain, "\tKEEP\theadline-date\tTwo lamps"));
      ck_assert_ptr_nonnull(
          strstr(s.explain, v ? "\tKEEP\theadline-date\t5 Nov"
                              : "\tKEEP\theadline-date\tBy Jane"));
      ck_assert_ptr_null(strstr(s.explain, "\tKEEP\ttitle-headline\tThe Shop"));
    } else {
      ck_assert_ptr_null(strstr(s.explain, "headline-date"));
      ck_assert_ptr_nonnull(
          strstr(s.explain, "\tKEEP\ttitle-headline\tThe Shop"));
    }
    sink_clear(&s);
  }
}
END_TEST

START_TEST(test_post_above_comments)
{
  /* A picture's post whose headline does not give the page's title: its
   * sentence, or its short credit line, right above "No comments:" and
   * the comment form is the post's text, though the smoothing pulls it
   * down with the menus; the same sentence below a thread's first chrome,
   * or far above it, is not. */
  static const char *const before[] = {"", "", "Leave a comment\n\n", ""};
  static const char *const post[] = {
      "A pair of old lamps from the shop, found in an attic.",
      "A pair of old lamps found by Jane Doe",
      "A pair of old lamps from the shop, found in an attic.",
      "A pair of old lamps from the shop, found in an attic."};
  static const char *const after[] = {"", "", "",
                                      "Old maps\nMirrors\nClocks\n"
                                      "Garden benches\n\n"};
  char doc[4096];
  sink s = {0};
  int i, v;
  for (v = 0; v < 4; v++) {
    snprintf(doc, sizeof doc,
             "The Shop Blog: news from the shop\n\n"
             "Lamps and lighting\nOld maps\nGarden benches\n\n"
             "%sTwo lamps\n\n%s\n\n%sNo comments:\n\nPost a Comment\n\n",
             before[v], post[v], after[v]);
    for (i = 0; i < 6; i++)
      strcat(doc, "Prints and frames\nMirrors\nClocks\n\n");
    clean_with_flat_model(NULL, doc, chunk_sizes[_i], 0.15, 0.9, &s);
    if (v < 2)
      ck_assert_ptr_nonnull(
          strstr(s.explain, "\tKEEP\tabove-comments\tA pair"));
    else
      ck_assert_ptr_null(strstr(s.explain, "\tKEEP\tabove-comments\tA pair"));
    sink_clear(&s);
  }
}
END_TEST

/* Cleans doc in chunks with a model of one tree that keeps every line
 * of more than 20 words and drops every shorter one. */
static void clean_with_length_model(const char *doc, size_t chunk, sink *out)
{
  static boiloff__model m;
  int i;
  memset(&m, 0, sizeof m);
  m.ntrees = 1;
  for (i = 0; i < 7; i++) {
    m.tree[0][i].feature = BOILOFF__F_log_words;
    m.tree[0][i].threshold = (float)log(21.0);
  }
  for (i = 7; i < BOILOFF__TREE_NODES; i++)
    m.tree[0][i].value = i < 11 ? -3.0f : 3.0f;
  set_stay(&m, 0.5);
  clean_with_model(NULL, doc, chunk, &m, out);
}

/* A garden blog whose sidebar comes first: `paragraphs` copies of the
 * paragraph about its author, `older` links to older posts, then the
 * post (its headline gives the page's title), after `teaser` if any. */
static void garden_page(char *doc, size_t size, int paragraphs, int older,
                        const char *teaser)
{
  static const char about[] =
      "I have grown vegetables and flowers in a small garden in the city "
      "for twenty years, and I write here about what works, what fails and "
      "what the slugs eat first; I also teach evening classes on growing "
      "food in pots at the community centre near the station.\n\n";
  static const char post[] =
      "Five bulbs to plant before the frost\n\n"
      "Tulips give colour in April and come back every year if you plant "
      "them deep enough, and crocus flower early, when the bees need them.\n";
  int i;
  snprintf(doc, size, "Garden Notes: Five bulbs to plant before the frost\n\n");
  for (i = 0; i < paragraphs; i++)
    strcat(doc, about);
  for (i = 0; i < older; i++)
    strcat(doc, "An older post\n\n");
  if (teaser)
    strcat(doc, teaser);
  strcat(doc, post);
}

START_TEST(test_headline_after_sidebar)
{
  /* The one paragraph about the author, kept, does not make a line that
   * gives the page's title, far below it, a sidebar's copy; a second
   * paragraph of text kept does. */
  char doc[4096];
  sink s = {0};
  int paragraphs;
  for (paragraphs = 1; paragraphs <= 2; paragraphs++) {
    garden_page(doc, sizeof doc, paragraphs, 20, NULL);
    clean_with_length_model(doc, chunk_sizes[_i], &s);
    ck_assert_ptr_nonnull(
        strstr(s.explain, paragraphs == 1 ? "\tKEEP\ttitle-headline\tFive"
                                          : "\tDROP\tmodel+context\tFive"));
    ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\tTulips"));
    sink_clear(&s);
  }
}
END_TEST

START_TEST(test_before_headline_after_sidebar)
{
  /* One paragraph kept far above the page's headline (a banner's or a
   * sidebar's) leaves the page open for its headline, and so for the
   * teasers right above it, which are not the article; after two
   * paragraphs, the page's text has begun and the same line stays. */
  static const char teaser[] =
      "Ten herbs that grow on a windowsill all winter long and why the "
      "basil always dies first when the heating goes on in the autumn\n\n";
  char doc[4096];
  sink s = {0};
  int paragraphs;
  for (paragraphs = 1; paragraphs <= 2; paragraphs++) {
    garden_page(doc, sizeof doc, paragraphs, 40, teaser);
    clean_with_length_model(doc, chunk_sizes[_i], &s);
    ck_assert_msg(strstr(s.explain, paragraphs == 1
                                        ? "\tDROP\tbefore-headline\tTen herbs"
                                        : "\tKEEP\tmodel+context\tTen herbs"),
                  "%s", s.explain);
    ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\tTulips"));
    sink_clear(&s);
  }
}
END_TEST

START_TEST(test_headline_after_guessed_text)
{
  /* Text the first-text rule kept above the headline was a guess (here a
   * sidebar's blurb): the headline below it is still the headline, and
   * the running text just below that is still the article. */
  static const char doc[] =
      "Going, going, gone | The Shop Blog\n\n"
      "Alongside the shop's own pieces this month you will find a whole "
      "room of old maps, a bench from a railway station in the north, and "
      "the lamps that a reader sent us from her grandmother's attic, with "
      "the letters she found in their boxes and a photograph of the house "
      "they stood in.\n\n"
      "Going, going, gone\n\n"
      "Most of the pieces in my tag sale at the shop have sold already, "
      "but several chic items remain: rare candlesticks, stylish lamps and "
      "old prints in gold leaf frames.\n";
  sink s = {0};
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.3, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tfirst-text\tAlongside"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\ttitle-headline\tGoing, going"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tfirst-text\tMost of"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_before_headline_paragraph)
{
  /* Above the page's headline, the site describing itself in a short
   * paragraph is not the article; a paragraph of more than 40 words
   * may be (its lede), and stays. */
  static const char about[] =
      "Every day I write here about life in a hospital's computer rooms, "
      "supporting thousands of doctors and nurses, and about what I learn "
      "from the people who keep the systems running.\n\n";
  static const char lede[] =
      "The old bridge over the river opened again on Friday after two years "
      "of repairs that cost the city far more than it had planned, and the "
      "first cars crossed it in the afternoon while crowds watched from both "
      "banks and the mayor thanked the engineers who had worked through two "
      "winters to finish it.\n\n";
  static const char rest[] =
      "Bridge reopens after repairs\n\n"
      "Residents who cross it every morning said they had not been told "
      "when the work would end, and many had given up waiting for it.\n";
  char doc[4096];
  sink s = {0};
  snprintf(doc, sizeof doc,
           "Bridge reopens after repairs | Hospital IT\n\n%s%s", about, rest);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tbefore-headline\tEvery day"));
  sink_clear(&s);
  snprintf(doc, sizeof doc,
           "Bridge reopens after repairs | The River Post\n\n%s%s", lede, rest);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\tThe old"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_markup_in_text)
{
  /* A paragraph of running text inside a "share" container, between
   * paragraphs kept for their text, is the article's; the bar's own
   * short lines stay dropped. */
  static const char doc[] =
      "<html><body><div><p>The old bridge over the river opened again on "
      "Friday after two years of repairs that cost the city far more than "
      "it had planned.</p>"
      "<div class=\"share-tools\"><p>Engineers found that its piers had "
      "been worn away far more than the last survey had shown, and the work "
      "took a second winter.</p><p>Share</p></div>"
      "<p>Residents who cross it every morning said they had not been told "
      "when the work would end, and many had given up waiting.</p>"
      "</div></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\tmarkup-in-text\tEngineers found"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tclass-share\tShare\n"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\tResidents"));
  sink_clear(&s);
}
END_TEST

/* The first and last paragraphs of an article about privacy. */
static const char regulator_first[] =
    "The regulator said on Tuesday that it would look again at how the "
    "largest shops track the people who visit their websites, after a "
    "year of complaints from readers.\n\n";
static const char regulator_last[] =
    "Shops that break the rules could be fined, although the regulator "
    "has not yet said how large the fines would be or when they would "
    "begin.\n\n";

START_TEST(test_legal_in_text)
{
  /* An article about privacy: a paragraph dense with "cookies" and
   * "consent" between paragraphs kept for their text is the article's;
   * the same paragraph after the article is a consent notice. */
  static const char legal[] =
      "Most shops ask for consent before they set cookies, but the regulator "
      "found that many of them set third-party cookies whatever the "
      "visitor chose, and that some of them did not ask at all.\n\n";
  char doc[4096];
  sink s = {0};
  snprintf(doc, sizeof doc, "%s%s%s", regulator_first, legal, regulator_last);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tlegal-in-text\tMost shops"));
  sink_clear(&s);
  snprintf(doc, sizeof doc, "%s%s%s", regulator_first, regulator_last, legal);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tcookie\tMost shops"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_sentence_in_text)
{
  /* A sentence that opens with a widget's phrase between the article's
   * paragraphs is the article's; the same line after its last
   * paragraph, with no text below, stays dropped. */
  static const char line[] = "Also, we went home.\n\n";
  char doc[4096];
  sink s = {0};
  snprintf(doc, sizeof doc, "%s%s%s", regulator_first, line, regulator_last);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_msg(strstr(s.explain, "\tKEEP\tsentence-in-text\tAlso,") != NULL,
                "%s", s.explain);
  sink_clear(&s);
  snprintf(doc, sizeof doc, "%s%s%s", regulator_first, regulator_last, line);
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_msg(strstr(s.explain, "\tDROP\t") != NULL &&
                    strstr(s.explain, "sentence-in-text") == NULL,
                "%s", s.explain);
  sink_clear(&s);
}
END_TEST

START_TEST(test_named_items)
{
  /* A blog's front page: each post's heading and excerpt, then a link
   * that ends in the heading's words ("Continue reading ..."), then its
   * byline; the posts are the page's, though the model doubts them, the
   * bylines read as a comment thread and a heading after a read-more
   * link as a list of other stories.  One such item alone (an author's
   * box), or items whose links name no heading, are left to the model. */
  static const char *const heads[] = {
      "Pass the Salt Please", "Anyone for a Swim", "Continental Landings"};
  /* Each link: the words before the heading and after it, or the words
   * alone when it names none. */
  static const char *const links[][2] = {
      {"Continue reading \"", "\""},
      {"Lire la suite de \u00ab ", " \u00bb"},
      {"Continue reading", NULL},
      {"Continue reading", NULL}};
  char doc[8192], link[256];
  sink s = {0};
  int i, v;
  for (v = 0; v < 4; v++) {
    snprintf(doc, sizeof doc, "Travels - A Travel Blog\n\n");
    for (i = 0; i < (v == 3 ? 1 : 3); i++) {
      const char *const *l = links[v == 3 ? 0 : v];
      snprintf(link, sizeof link, "%s%s%s", l[0], l[1] ? heads[i] : "",
               l[1] ? l[1] : "");
      snprintf(doc + strlen(doc), sizeof doc - strlen(doc),
               "%s\n\nWe had %d more landings left before heading back "
               "across the passage%s.\n\n%s\n\nPosted by Ann at 07:12 PM\n\n",
               heads[i], i + 2,
               i ? ""
                 : ", and the morning was cold and clear when the boats "
                   "went out to the islands, where the penguins were "
                   "waiting for us on the shore",
               link);
    }
    clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.05, &s);
    if (v < 2) {
      ck_assert_msg(
          strstr(s.explain, "\tKEEP\tnamed-item\tPass the Salt") != NULL &&
              strstr(s.explain, "\tKEEP\tnamed-item\tContinental") != NULL &&
              strstr(s.explain, "\tDROP\tnamed-item") == NULL,
          "%s", s.explain);
      ck_assert_ptr_null(strstr(s.explain, "\tKEEP\tnamed-item\tPosted by"));
    } else {
      ck_assert_msg(strstr(s.explain, "named-item") == NULL, "%s", s.explain);
    }
    sink_clear(&s);
  }
}
END_TEST

START_TEST(test_in_container)
{
  /* HTML: a code sample and a list among an article's paragraphs, inside
   * the element that holds them, are the article's even when the model
   * doubts them; the same code sample in an element of its own, with no
   * more of the article's text after it there, is the model's to judge. */
  static const char first[] =
      "<p>The old bridge over the river opened again on Friday after two "
      "years of repairs that cost the city far more than it had planned, "
      "and the first cars crossed it in the afternoon.</p>";
  static const char code[] = "<pre>bridge.open(span = 3)</pre>";
  static const char list[] = "<ul><li>North pier</li><li>South pier</li></ul>";
  static const char last[] =
      "<p>Residents who cross it every morning said that they had not been "
      "told when the work would end, and that many of them had given up "
      "waiting for it to open.</p>";
  char doc[4096];
  sink s = {0};
  snprintf(doc, sizeof doc, "<html><body><div>%s%s%s%s</div></body></html>",
           first, code, list, last);
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.5, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tfirst-text\tThe old"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tin-container\tbridge.open"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tin-container\tNorth pier"));
  sink_clear(&s);
  snprintf(doc, sizeof doc,
           "<html><body><div>%s</div><div>%s</div><div>%s</div></body></html>",
           first, code, last);
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.5, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tfirst-text\tThe old"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tmodel+context\tbridge.open"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_lede_in_aside)
{
  /* HTML: the article's first paragraph dropped for the <aside> that
   * wraps it with the headline is the article's, when the page's text
   * goes on below it; the same paragraph with no headline above it is
   * left to the markup. */
  static const char lede[] =
      "<p>The old bridge over the river opened again on Friday after two "
      "years of repairs that cost the city far more than it had planned.</p>";
  static const char body[] =
      "<p>Residents who cross it every morning said that they had not been "
      "told when the work would end, and that many of them had given up "
      "waiting for it to open.</p>";
  char doc[4096];
  sink s = {0};
  snprintf(doc, sizeof doc,
           "<html><head><title>Bridge opens again | City News</title></head>"
           "<body><aside><h1>Bridge opens again</h1>%s</aside>%s</body></html>",
           lede, body);
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\ttitle-headline\tBridge opens again"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmarkup-in-text\tThe old"));
  sink_clear(&s);
  snprintf(doc, sizeof doc,
           "<html><head><title>City News</title></head>"
           "<body><aside>%s</aside>%s</body></html>",
           lede, body);
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\taside\tThe old"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_code_in_container)
{
  /* A code sample about cookies inside the article's element: its names
   * read as a consent notice's phrases, but it is the article's. */
  static const char doc[] =
      "<html><body><div><p>To remember a reader between two visits, the "
      "page sets a small value in the browser when the reader first comes, "
      "and reads it back on every later visit to the site.</p>"
      "<pre>document.cookie = \"consent=1\"; // cookies</pre>"
      "<p>The value stays until the date given with it has passed, or until "
      "the reader clears the browser's storage by hand, which most of the "
      "readers who were asked had never done.</p>"
      "</div></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tin-container\tdocument"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_legal_in_container)
{
  /* An article about privacy: a paragraph dense with "cookies" and
   * "third parties" inside the article's element, where the block before
   * it was dropped (a hidden one), is the article's all the same. */
  static const char doc[] =
      "<html><body><div><p>The regulator said on Tuesday that it would look "
      "again at how the largest shops follow the people who visit them, "
      "after a year of complaints from readers.</p>"
      "<p hidden>Subscribe</p>"
      "<p>Some browsers do not send third-party cookies by default, and "
      "others scope cookies so that third parties never see one user's whole "
      "day; your consent is asked for the rest.</p>"
      "<p>The regulator's report is due in the spring, and the shops have "
      "said that they will answer it once they have read what it asks of "
      "them and of the many firms that they work with.</p>"
      "</div></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tin-container\tSome"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_noscript_dropped)
{
  /* What a page says to browsers that run no scripts is no text a reader
   * sees, even where the model keeps it; text around it stays. */
  static const char doc[] =
      "<html><body><p>The old bridge over the river opened again on Friday "
      "after two years of repairs.</p><noscript><p>Please turn on "
      "JavaScript. Media requires JavaScript to play.</p></noscript>"
      "<p>Residents said they had not been told when the work would "
      "end.</p></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tnoscript\tPlease"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\tResidents"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_markup_as_text)
{
  /* Markup escaped in a <noscript> (a tracking pixel) is no text a reader
   * sees, even where the model keeps it; a code sample in <pre> is. */
  static const char doc[] =
      "<html><body><noscript>&lt;div style=\"position:absolute\"&gt;&lt;img "
      "width=1 height=1 alt=\"\" src=\"http://example.com/b?p=1\"&gt;"
      "&lt;/div&gt;</noscript>"
      "<p>The old bridge over the river opened again on Friday after two "
      "years of repairs.</p>"
      "<pre>&lt;script src=\"vendor/blanket.js\"&gt;&lt;/script&gt;</pre>"
      "<p>&lt;jefferai&gt; it works</p></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\tmarkup-as-text\t<div"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\t<script"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tmodel+context\t<jefferai>"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_markup_as_text_input)
{
  /* Text input has no <pre>: markup that shows an image or a frame (a
   * scraper's copy of a <noscript> pixel) or words between its tags (a
   * <noscript> notice) is dropped, other markup (a tutorial's script tag)
   * is left to the model. */
  static const char doc[] =
      "The old bridge over the river opened again on Friday after two "
      "years of repairs that cost the city far more than it had planned.\n\n"
      "<img width=1 height=1 alt=\"\" src=\"http://example.com/b?p=1\">\n\n"
      "<div class=\"alert\"><p>Please turn on <em>JavaScript</em>.</p></div>\n\n"
      "<script src=\"vendor/blanket.js\"></script>\n\n"
      "The first cars crossed it in the afternoon, and the mayor walked "
      "over it in the evening with the engineers who had rebuilt it.\n";
  sink s = {0};
  clean_with_constant_model(NULL, doc, chunk_sizes[_i], 0.9, &s);
  ck_assert_msg(strstr(s.explain, "\tDROP\tmarkup-as-text\t<img") != NULL, "%s",
                s.explain);
  ck_assert_msg(strstr(s.explain, "\tDROP\tmarkup-as-text\t<div") != NULL, "%s",
                s.explain);
  ck_assert_msg(strstr(s.explain, "\tKEEP\tmodel+context\t<script") != NULL,
                "%s", s.explain);
  sink_clear(&s);
}
END_TEST

START_TEST(test_in_container_marked)
{
  /* HTML: a "share" wrapper around the whole article drops its short
   * paragraphs and list items for the markup; inside the article's
   * element they are the article's all the same.  A block whose own
   * marks the article's text does not share (an "ad" label) stays
   * dropped. */
  static const char doc[] =
      "<html><body><div class=\"share-wrap\"><div>"
      "<p>The old bridge over the river opened again on Friday after two "
      "years of repairs that cost the city far more than it had planned, "
      "and the first cars crossed it in the afternoon.</p>"
      "<p>The rankings were as follows:</p>"
      "<ul><li>1. North pier</li><li>2. South pier</li></ul>"
      "<p class=\"ad-label\">Advertisement</p>"
      "<p>Residents who cross it every morning said that they had not been "
      "told when the work would end, and that many of them had given up "
      "waiting for it to open.</p>"
      "</div></div></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.5, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\tin-container\tThe rankings were"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\tin-container\t1. North"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tDROP\tclass-share\tAdvertisement"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_headline_in_aside)
{
  /* HTML: a template that wraps the whole post in an <aside> still gives
   * the page's headline, the line that repeats its <title>; the other
   * short lines of the aside stay dropped, and the post's text below is
   * judged as before. */
  static const char doc[] =
      "<html><head><title>Garden Notes: Next Up: Pumpkin Pie</title></head>"
      "<body><aside><p>Monday, November 12</p><h3>Next Up: Pumpkin Pie</h3>"
      "<p>Archive</p></aside></body></html>";
  static const char sidebar[] =
      "<html><head><title>Garden Notes: Next Up: Pumpkin Pie</title></head>"
      "<body><aside><ul><li>Next Up: Pumpkin Pie</li>"
      "<li>Apple crumble for autumn</li><li>A soup of roasted squash</li>"
      "<li>Bread without kneading</li><li>Lemon tart with thyme</li>"
      "<li>Slow cooked beef stew</li><li>Granola bars for school</li>"
      "<li>Chocolate chip cookies</li><li>Pickled red onions</li>"
      "<li>Spiced carrot cake</li><li>Fresh pasta by hand</li>"
      "<li>Tomato and basil salad</li><li>Garlic roast chicken</li>"
      "<li>Archive</li></ul></aside><h1>Next Up: Pumpkin Pie</h1>"
      "<p>The pie takes an afternoon, most of it waiting for the pumpkin "
      "to roast and the custard to set in a slow oven.</p></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.1, &s);
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\ttitle-headline\tNext Up: Pumpkin Pie"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\taside\tMonday"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\taside\tArchive"));
  sink_clear(&s);
  /* A sidebar's list of posts above the article names it too: the
   * headline is the copy that follows, outside the aside. */
  clean_html_with_constant_model(sidebar, chunk_sizes[_i], 0.7, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\taside\tNext Up"));
  ck_assert_ptr_nonnull(
      strstr(s.explain, "\tKEEP\ttitle-headline\tNext Up: Pumpkin Pie"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_headline_with_date_in_aside)
{
  /* HTML: a template that wraps the whole post in an <aside> still gives
   * a short headline that its date stands above; the aside's other lines
   * stay dropped. */
  static const char doc[] =
      "<html><head><title>Garden Notes: Pie</title></head>"
      "<body><aside><p>12 Nov 2012</p><h3>Pie</h3>"
      "<p>Archive</p></aside></body></html>";
  sink s = {0};
  clean_html_with_constant_model(doc, chunk_sizes[_i], 0.1, &s);
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\theadline-date\t12 Nov"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tKEEP\theadline-date\tPie"));
  ck_assert_ptr_nonnull(strstr(s.explain, "\tDROP\taside\tArchive"));
  sink_clear(&s);
}
END_TEST

START_TEST(test_long_line_bounded)
{
  /* A 3 MB line with no break is cut into pieces, all emitted; the text
   * comes out whole. */
  size_t n = 3u << 20, i;
  char *big = malloc(n + 1);
  sink s = {0};
  for (i = 0; i < n; i++)
    big[i] = (i % 7 == 6) ? ' ' : 'a' + (char)(i % 5);
  big[n] = '\0';
  ck_assert_int_eq(clean_with(NULL, big, n, 65536, &s), BOILOFF_OK);
  ck_assert_uint_gt(s.blocks, 40);
  free(big);
  sink_clear(&s);
}
END_TEST

/* ---- the learned model ----------------------------------------------------
 */

START_TEST(test_compiled_model_matches_table)
{
  /* The straight-line trees must sum to the same bits as the table, on
   * vectors whose every feature sits on, just under or just over one of
   * the model's own thresholds for it (where a wrong constant or a wrong
   * comparison would show), and on plain pseudo-random ones. */
  static const boiloff__model *const models[] = {&boiloff__default_model,
                                                 &boiloff__html_model};
  const boiloff__model *m = models[_i];
  static float cuts[BOILOFF__NFEATURES][BOILOFF__MAX_TREES * 7];
  int ncuts[BOILOFF__NFEATURES] = {0};
  /* _i: 0 the text model, 1 the HTML model (a loop test). */
  unsigned long long seed = 42;
  int round, f, t, n;
  ck_assert_ptr_nonnull(m->compiled_sum);
  for (t = 0; t < m->ntrees; t++)
    for (n = 0; n < 7; n++) {
      f = m->tree[t][n].feature;
      cuts[f][ncuts[f]++] = m->tree[t][n].threshold;
    }
  for (round = 0; round < 20000; round++) {
    float x[BOILOFF__NFEATURES];
    for (f = 0; f < BOILOFF__NFEATURES; f++) {
      unsigned r;
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      r = (unsigned)(seed >> 33);
      if (round % 4 == 3 || ncuts[f] == 0) {
        x[f] = (float)(r % 20000) / 1000.0f - 2.0f;
        continue;
      }
      x[f] = cuts[f][r % (unsigned)ncuts[f]];
      if ((r >> 12) % 3 == 0)
        x[f] = nextafterf(x[f], -INFINITY);
      else if ((r >> 12) % 3 == 1)
        x[f] = nextafterf(x[f], INFINITY);
    }
    ck_assert_msg(m->compiled_sum(x) == boiloff__model_table_sum(m, x),
                  "round %d: compiled %.17g, table %.17g", round,
                  m->compiled_sum(x), boiloff__model_table_sum(m, x));
  }
}
END_TEST

START_TEST(test_log1p_count)
{
  unsigned long long n;
  for (n = 0; n < 4096; n++)
    ck_assert(boiloff__log1p_count(n) == (float)log1p((double)n));
  ck_assert(boiloff__log1p_count(4096) == (float)log1p(4095.0));
  ck_assert(boiloff__log1p_count(1ull << 40) == (float)log1p(4095.0));
}
END_TEST

static Suite *lib_suite(void)
{
  Suite *s = suite_create("lib");
  TCase *api = tcase_create("api"), *seg = tcase_create("segment"),
        *lex = tcase_create("features"), *cls = tcase_create("classify");
  tcase_add_loop_test(api, test_chunking_invariant, 0, N_CHUNKS);
  tcase_add_test(api, test_families_dropped);
  tcase_add_test(api, test_tokenizer_paths_agree);
  tcase_add_loop_test(api, test_line_numbers_and_crlf, 0, N_CHUNKS);
  tcase_add_test(api, test_empty_input);
  tcase_add_test(api, test_state_errors);
  tcase_add_test(api, test_invalid_options);
  tcase_add_test(api, test_stop_from_callback);
  tcase_add_test(api, test_size_limit);
  tcase_add_test(api, test_strerror);
  tcase_add_test(api, test_allocation_failures_html);
  tcase_add_test(api, test_version);
  tcase_add_test(api, test_struct_sizes);
  tcase_add_test(api, test_allocation_failures);
  tcase_set_timeout(api, 60);
  suite_add_tcase(s, api);
  tcase_add_test(seg, test_segment_long_line_split);
  tcase_add_test(seg, test_segment_cut_keeps_characters_whole);
  tcase_add_test(seg, test_buf_append_string);
  suite_add_tcase(s, seg);
  tcase_add_test(lex, test_phrase_families);
  tcase_add_test(lex, test_lexicon_data_found);
  tcase_add_test(lex, test_phrase_starts_inside);
  tcase_add_test(lex, test_features_counts);
  tcase_add_test(lex, test_features_blank_line);
  tcase_add_test(lex, test_features_same_in_every_script);
  tcase_add_test(lex, test_proclitic_stopwords);
  tcase_add_test(lex, test_prefix_hashes);
  tcase_add_test(lex, test_comment_chrome_lines);
  suite_add_tcase(s, lex);
  tcase_add_test(cls, test_fragment_inside_paragraph_kept);
  tcase_add_test(cls, test_repeated_headline_once);
  tcase_add_loop_test(cls, test_title_headline, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_unspaced_prose, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_wordpress_furniture, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_title_headline_last_segment, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_comment_thread, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_titled_comment_count, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_thread_without_text, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_rescue_not_script, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_equation, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_popular_list, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_teaser_link, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_title_line_dropped, 0, N_CHUNKS);
  tcase_add_test(cls, test_long_line_bounded);
  tcase_add_test(cls, test_text_before_share);
  tcase_add_test(cls, test_player_share_bar);
  tcase_add_loop_test(cls, test_related_list, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_sponsored_list, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_comment_signature, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_comment_count, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_furniture_phrase, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_before_headline, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_text_after_headline, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_hard_lines_in_chain, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_post_below_headline, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_date_above_headline, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_headline_with_date, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_thread_below_post, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_post_above_comments, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_headline_after_guessed_text, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_headline_after_sidebar, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_before_headline_after_sidebar, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_before_headline_paragraph, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_markup_in_text, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_legal_in_text, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_sentence_in_text, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_named_items, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_in_container, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_headline_in_aside, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_headline_with_date_in_aside, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_in_container_marked, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_lede_in_aside, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_markup_as_text, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_markup_as_text_input, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_code_in_container, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_legal_in_container, 0, N_CHUNKS);
  tcase_add_loop_test(cls, test_noscript_dropped, 0, N_CHUNKS);
  tcase_set_timeout(cls, 60);
  suite_add_tcase(s, cls);
  {
    TCase *model = tcase_create("model");
    tcase_add_loop_test(model, test_compiled_model_matches_table, 0, 2);
    tcase_add_test(model, test_log1p_count);
    suite_add_tcase(s, model);
  }
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(lib_suite());
  int failed;
  srunner_run_all(sr, CK_ENV);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
