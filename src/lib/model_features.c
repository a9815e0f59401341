/* model_features.c - the learned model's view of a block. */
#include <config.h>

#include <string.h>

#include "hints.h"
#include "model_features.h"

/* The nearest non-blank block before (dir < 0) or after block k, or NULL
 * when the window has none. */
static const slot *neighbour(boiloff__classifier *c, unsigned long long k,
                             int dir)
{
  unsigned long long lo = c->page.pushed > RING ? c->page.pushed - RING : 0,
                     j = k;
  for (;;) {
    const slot *s;
    if (dir < 0) {
      if (j <= lo)
        return NULL;
      j--;
    } else if (++j >= c->page.pushed) {
      return NULL;
    }
    s = at(c, j);
    if (s->local != CL_EMPTY)
      return s;
  }
}

static int is_blank(boiloff__classifier *c, unsigned long long j)
{
  unsigned long long lo = c->page.pushed > RING ? c->page.pushed - RING : 0;
  if (j < lo || j >= c->page.pushed)
    return 1; /* the edges of the page count as blank */
  return at(c, j)->local == CL_EMPTY && at(c, j)->f.chars == 0;
}

/* The families in a mask: few or none, so a nibble at a time (without
 * -mpopcnt, __builtin_popcount is a library call of 20 instructions). */
static unsigned families(unsigned mask)
{
  static const unsigned char bits[16] = {0, 1, 1, 2, 1, 2, 2, 3,
                                         1, 2, 2, 3, 2, 3, 3, 4};
  unsigned n = 0;
  for (; mask; mask >>= 4)
    n += bits[mask & 15];
  return n;
}

static float ratio(unsigned a, unsigned b)
{
  return b ? (float)a / (float)b : 0.0f;
}

static float weighed_ratio(float a, unsigned b)
{
  return b ? a / (float)b : 0.0f;
}

/* What the 8 non-blank blocks after k are: the shares of certain
 * boilerplate and of text.  (Those before k are counted as they are
 * judged: see remember_judged.) */
typedef struct surroundings {
  float hard, good;
} surroundings;

/* Takes block s out of the counts of a survey, or (sign +1) into them. */
static void survey_count(boiloff__classifier *c, const slot *s, int sign,
                         unsigned *seen, unsigned *hard, unsigned *good)
{
  if (s->local == CL_EMPTY)
    return;
  *seen += (unsigned)sign;
  *hard += (unsigned)(sign * (s->local == CL_HARD));
  *good += (unsigned)(sign * (para_class(c, s) == CL_GOOD));
}

/* The blocks before the paragraph still open (the last pushed one's)
 * keep their classes until one is made blank, so the survey of the next
 * block takes up the last one's counts of them: those of the blocks it
 * has passed go out, those of the blocks beyond come in. */
static surroundings survey_after(boiloff__classifier *c, unsigned long long k)
{
  survey_memo *m = &c->page.survey;
  surroundings r = {0, 0};
  unsigned long long pushed = c->page.pushed, j = k + 1, i, known;
  unsigned seen = 0, hard = 0, good = 0;
  if (m->valid && m->emptied == c->page.emptied && m->from <= j && j <= m->to) {
    seen = m->seen;
    hard = m->hard;
    good = m->good;
    for (i = m->from; i < j; i++)
      survey_count(c, at(c, i), -1, &seen, &hard, &good);
    j = m->to;
  }
  for (; seen < 8 && j < pushed; j++)
    survey_count(c, at(c, j), +1, &seen, &hard, &good);
  if (seen) {
    r.hard = (float)hard / (float)seen;
    r.good = (float)good / (float)seen;
  }
  if (pushed == 0)
    return r;
  known = open_from(c);
  if (known < k + 1)
    known = k + 1;
  for (i = known; i < j; i++)
    survey_count(c, at(c, i), -1, &seen, &hard, &good);
  m->valid = 1;
  m->from = k + 1;
  m->to = j < known ? j : known;
  m->seen = seen;
  m->hard = hard;
  m->good = good;
  m->emptied = c->page.emptied;
  return r;
}

/* The features the model in use reads: those its trees test, or all of
 * them for an observer (training), which takes them all. */
static const uint64_t *model_reads(boiloff__classifier *c)
{
  const boiloff__model *m = c->observe ? NULL : c->model;
  int t, i;
  if (c->reads_of == m && m)
    return c->reads;
  memset(c->reads, m ? 0 : 0xff, sizeof c->reads);
  /* Every inner node, reached or not: a superset of what is read. */
  for (t = 0; m && t < m->ntrees; t++)
    for (i = 0; i < BOILOFF__TREE_NODES / 2; i++) {
      unsigned f = (unsigned)m->tree[t][i].feature;
      if (f < BOILOFF__NFEATURES)
        c->reads[f / 64] |= 1ull << (f % 64);
      else
        memset(c->reads, 0xff, sizeof c->reads);
    }
  c->reads_of = m;
  return c->reads;
}

#define READS(r, name) \
  ((r[BOILOFF__F_##name / 64] >> (BOILOFF__F_##name % 64)) & 1)

/* Features of the first 64 that the text trees test nowhere: one test of
 * their bits for all eight (a retrained model that reads one sets them). */
#define FIRST64(name) (1ull << BOILOFF__F_##name)
#define TEXT_TREES_SKIP                                                    \
  (FIRST64(truncated) | FIRST64(has_url) | FIRST64(local_short) |          \
   FIRST64(local_neargood) | FIRST64(para_good) | FIRST64(para_neargood) | \
   FIRST64(prev_hard) | FIRST64(repeated))
/* The build fails if one of them moves past the first 64. */
typedef char text_trees_skip_in_first64
    [BOILOFF__F_truncated < 64 && BOILOFF__F_has_url < 64 &&
             BOILOFF__F_local_short < 64 && BOILOFF__F_local_neargood < 64 &&
             BOILOFF__F_para_good < 64 && BOILOFF__F_para_neargood < 64 &&
             BOILOFF__F_prev_hard < 64 && BOILOFF__F_repeated < 64
         ? 1
         : -1];

/* Whether the model reads any of the features from `first` to `last`. */
static int reads_any(const uint64_t *r, unsigned first, unsigned last)
{
  unsigned i;
  for (i = first / 64; i <= last / 64; i++) {
    uint64_t m = ~0ull;
    if (i == first / 64)
      m &= ~0ull << (first % 64);
    if (i == last / 64)
      m &= ~0ull >> (63 - last % 64);
    if (r[i] & m)
      return 1;
  }
  return 0;
}

/* The model's view of block k: the block, its paragraph, its context. */
void boiloff__model_features(boiloff__classifier *c, unsigned long long k,
                             cls pc, cls before, cls after, int rule_keep,
                             float *x)
{
  const slot *s = at(c, k), *prev = neighbour(c, k, -1),
             *next = neighbour(c, k, +1);
  const boiloff__features *f = &s->f;
  const para *agg = &at(c, s->head)->agg;
  const uint64_t *reads = model_reads(c);
  unsigned lower = f->words - f->title_words - f->number_words;
  /* Every feature the model reads is set below (no memset: it was a tenth
   * of the cost of judging; valgrind in make check-valgrind would see one
   * left out); a few that it does not read are left unset. */
  if (lower > f->words)
    lower = 0;
  x[BOILOFF__F_log_chars] = boiloff__log1p_count(f->chars);
  x[BOILOFF__F_log_words] = boiloff__log1p_count(f->words);
  if (READS(reads, stop_density))
    x[BOILOFF__F_stop_density] = weighed_ratio(f->stop_weight, f->words);
  x[BOILOFF__F_lower_ratio] = ratio(lower, f->words);
  x[BOILOFF__F_title_ratio] = ratio(f->title_words, f->words);
  if (READS(reads, number_ratio))
    x[BOILOFF__F_number_ratio] = ratio(f->number_words, f->words);
  x[BOILOFF__F_punct_ratio] = ratio(f->puncts, f->chars);
  x[BOILOFF__F_sentences_per_word] = ratio(f->sentence_marks, f->words);
  x[BOILOFF__F_commas_per_word] = ratio(f->commas, f->words);
  x[BOILOFF__F_terminal] = f->terminal;
  x[BOILOFF__F_dangling] = f->dangling;
  x[BOILOFF__F_starts_lower] = f->starts_lower;
  x[BOILOFF__F_separators_per_word] = ratio(f->separators, f->words);
  if (READS(reads, phrase_cover) | READS(reads, phrase_families) |
      READS(reads, unspaced_ratio)) {
    x[BOILOFF__F_phrase_cover] = ratio(f->hits.contains_words, f->words);
    x[BOILOFF__F_phrase_families] =
        (float)families(f->hits.contains_families | f->hits.start_families);
    x[BOILOFF__F_unspaced_ratio] = ratio(f->unspaced, f->chars);
  }
  x[BOILOFF__F_headline_like] = headline_like(f);
  x[BOILOFF__F_sentence_like] = sentence_like(f);
  x[BOILOFF__F_para_log_chars] = boiloff__log1p_count(para_chars(agg, f));
  x[BOILOFF__F_para_stop_density] =
      agg->members > 1 ? weighed_ratio(agg->stop_weight, agg->words)
                       : weighed_ratio(f->stop_weight, f->words);
  x[BOILOFF__F_local_good] = s->local == CL_GOOD;
  x[BOILOFF__F_para_bad] = pc == CL_BAD;
  x[BOILOFF__F_before_good] = before == CL_GOOD;
  x[BOILOFF__F_before_bad] = before == CL_BAD;
  x[BOILOFF__F_after_good] = after == CL_GOOD;
  x[BOILOFF__F_after_bad] = after == CL_BAD;
  x[BOILOFF__F_next_hard] = next && next->local == CL_HARD;
  x[BOILOFF__F_prev_good] = prev && para_class(c, prev) == CL_GOOD;
  x[BOILOFF__F_next_good] = next && para_class(c, next) == CL_GOOD;
  x[BOILOFF__F_blank_before] = (float)is_blank(c, k - 1);
  x[BOILOFF__F_blank_after] = (float)is_blank(c, k + 1);
  x[BOILOFF__F_log_position] = boiloff__log1p_count(k);
  x[BOILOFF__F_text_seen] = boiloff__log1p_count(c->page.text_seen);
  x[BOILOFF__F_since_text] = boiloff__log1p_count(
      c->page.last_text ? k + 1 - c->page.last_text : k + 1);
  if (reads[0] & TEXT_TREES_SKIP) {
    x[BOILOFF__F_truncated] = f->truncated;
    x[BOILOFF__F_has_url] = f->urls > 0;
    x[BOILOFF__F_local_short] = s->local == CL_SHORT;
    x[BOILOFF__F_local_neargood] = s->local == CL_NEARGOOD;
    x[BOILOFF__F_para_good] = pc == CL_GOOD;
    x[BOILOFF__F_para_neargood] = pc == CL_NEARGOOD;
    x[BOILOFF__F_prev_hard] = prev && prev->local == CL_HARD;
    x[BOILOFF__F_repeated] = s->repeated;
  }
  {
    surroundings sa = survey_after(c, k);
    unsigned before8 = c->page.recent_n < 8 ? (unsigned)c->page.recent_n : 8;
    x[BOILOFF__F_hard_before] = ratio(c->page.recent_hard, before8);
    x[BOILOFF__F_hard_after] = sa.hard;
    x[BOILOFF__F_good_before] = ratio(c->page.recent_good, before8);
    x[BOILOFF__F_good_after] = sa.good;
    x[BOILOFF__F_comments_near] = c->page.recent_comments > 0;
  }
  x[BOILOFF__F_rule_keep] = rule_keep;
  {
    unsigned fams = c->page.families_after_text;
    x[BOILOFF__F_comments_after_text] =
        (float)(c->page.comment_lines < 7 ? c->page.comment_lines : 7);
    x[BOILOFF__F_copyright_after_text] = (fams & FAM(COPYRIGHT)) != 0;
    /* In 32-character steps, 1 up: a bar after a few characters of text
     * is not one never met. */
    x[BOILOFF__F_text_before_share] =
        c->page.share_at ? boiloff__log1p_count((c->page.share_at >> 5) + 1)
                         : 0.0f;
    x[BOILOFF__F_nav_after_text] = (fams & FAM(NAV)) != 0;
    x[BOILOFF__F_families_after_text] = (float)families(fams & END_FAMILIES);
  }
  if (reads_any(reads, BOILOFF__F_html, BOILOFF__F_h_class_families)) {
    const boiloff__block_hint *h = &s->hint;
    unsigned fl = h->flags;
    x[BOILOFF__F_html] = (float)c->page.html;
    x[BOILOFF__F_h_link_density] = (float)h->link_density;
    x[BOILOFF__F_h_main] = (fl & HINT(MAIN)) != 0;
    x[BOILOFF__F_h_paragraph] = (fl & HINT(PARAGRAPH)) != 0;
    x[BOILOFF__F_h_heading] = h->heading_level > 0;
    x[BOILOFF__F_h_list_item] = (fl & HINT(LIST_ITEM)) != 0;
    x[BOILOFF__F_h_table] = (fl & HINT(TABLE)) != 0;
    x[BOILOFF__F_h_furniture] =
        (fl & (HINT(NAV) | HINT(HEADER) | HINT(FOOTER) | HINT(ASIDE))) != 0;
    x[BOILOFF__F_h_quote] =
        (fl & (HINT(QUOTE) | HINT(CAPTION) | HINT(PRE))) != 0;
    x[BOILOFF__F_h_class_boiler] = (h->class_families & HINT_FAMILIES) != 0;
    x[BOILOFF__F_h_class_families] = (float)families(h->class_families);
  }
  x[BOILOFF__F_text_chars_seen] = boiloff__log1p_count(c->page.text_chars_seen);
  x[BOILOFF__F_hard_since_text] = boiloff__log1p_count(c->page.hard_since_text);
  {
    /* 1 for the longest paragraph of text so far (the first one too). */
    unsigned chars = para_chars(agg, f);
    x[BOILOFF__F_para_vs_longest] =
        chars ? (float)chars / (float)(chars > c->page.longest_text
                                           ? chars
                                           : c->page.longest_text)
              : 0.0f;
  }
}
