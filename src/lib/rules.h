/* rules.h - what a block is on its own: certain boilerplate by rule (a
 * known phrase, a time code, a counter, a dense legal paragraph) and the
 * jusText-like class of running text (Pomikálek 2011). */
#ifndef BOILOFF_RULES_H
#define BOILOFF_RULES_H

#include "block_features.h"
#include "lexicon.h"

#define FAM(x) (1u << BOILOFF__FAM_##x)

/* Families that follow an article rather than stand inside it. */
#define END_FAMILIES \
  (FAM(COMMENTS) | FAM(COPYRIGHT) | FAM(SUBSCRIBE) | FAM(COOKIE) | FAM(LOGIN))

/* Families of the widgets that stand inside an article as well ("Read
 * more" links to other stories break many news articles). */
#define WIDGET_FAMILIES                                               \
  (FAM(CAPTION) | FAM(COUNTER) | FAM(AD) | FAM(PLAYER) | FAM(SHARE) | \
   FAM(READMORE))

/* The class of a block, or of a paragraph, in the rules' eyes. */
typedef enum cls {
  CL_EMPTY,    /* no words: blank line or a lone separator */
  CL_HARD,     /* boilerplate for certain, by a rule */
  CL_BAD,      /* long enough to judge, and not running text */
  CL_SHORT,    /* too short to judge on its own */
  CL_NEARGOOD, /* borderline running text */
  CL_GOOD      /* running text */
} cls;

/* What a paragraph (a run of connected lines) adds up to. */
typedef struct para {
  unsigned chars, words, stopwords, title_words, number_words, unspaced;
  unsigned sentence_marks, commas, members;
  float stop_weight; /* stopwords weighed by language (block_features.h) */
} para;

/* Certain boilerplate: the name of the rule, or NULL. */
const char *boiloff__hard_rule(const boiloff__features *f);

/* The class of running text a paragraph shows; `dial` is the bias (-1
 * precision .. +1 recall) that moves the thresholds. */
cls boiloff__quality(const para *p, double dial);

/* The first family of `mask` in the order that names a rule, or -1. */
int boiloff__first_family(unsigned mask);

/* The bit of the family whose name a rule bears, or 0. */
unsigned boiloff__family_of_rule(const char *rule);

/* Characters of the paragraph a block belongs to (agg: its head's). */
static inline unsigned para_chars(const para *agg, const boiloff__features *f)
{
  return agg->members > 1 ? agg->chars : f->chars;
}

static inline void para_add(para *p, const boiloff__features *f)
{
  p->chars += f->chars;
  p->words += f->words;
  p->stopwords += f->stopwords;
  p->stop_weight += f->stop_weight;
  p->title_words += f->title_words;
  p->number_words += f->number_words;
  p->unspaced += f->unspaced;
  p->sentence_marks += f->sentence_marks;
  p->commas += f->commas;
  p->members++;
}

static inline int headline_like(const boiloff__features *f)
{
  return f->words >= 2 && f->words <= 25 && !f->dangling &&
         f->number_words * 3 < f->words &&
         (!f->terminal || f->sentence_marks == 1) && !f->all_numeric &&
         !f->hits.contains_families && f->urls == 0;
}

static inline int sentence_like(const boiloff__features *f)
{
  return f->terminal && f->words >= 5 && f->stopwords >= 2;
}

#endif
