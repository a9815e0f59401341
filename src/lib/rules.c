/* rules.c - what a block is on its own: certain boilerplate and the class
 * of running text. */
#include <config.h>

#include <string.h>

#include "rules.h"

/* Families that make a line boilerplate for certain when the whole line
 * is one of their phrases, in the order used to name the reason. */
static const boiloff__family rule_order[] = {
    BOILOFF__FAM_COOKIE,   BOILOFF__FAM_COPYRIGHT, BOILOFF__FAM_SHARE,
    BOILOFF__FAM_PLAYER,   BOILOFF__FAM_SUBSCRIBE, BOILOFF__FAM_LOGIN,
    BOILOFF__FAM_COMMENTS, BOILOFF__FAM_AD,        BOILOFF__FAM_READMORE,
    BOILOFF__FAM_COUNTER,  BOILOFF__FAM_CAPTION,   BOILOFF__FAM_NAV};

/* The families of rule_order as one mask: most lines carry none of them,
 * and this answers those without the walk. */
#define RULE_FAMILIES                                                         \
  (FAM(COOKIE) | FAM(COPYRIGHT) | FAM(SHARE) | FAM(PLAYER) | FAM(SUBSCRIBE) | \
   FAM(LOGIN) | FAM(COMMENTS) | FAM(AD) | FAM(READMORE) | FAM(COUNTER) |      \
   FAM(CAPTION) | FAM(NAV))

int boiloff__first_family(unsigned mask)
{
  size_t i;
  if (!(mask & RULE_FAMILIES))
    return -1;
  for (i = 0; i < sizeof rule_order / sizeof rule_order[0]; i++)
    if (mask & (1u << rule_order[i]))
      return (int)rule_order[i];
  return -1;
}

static const char *first_family(unsigned mask)
{
  int f = boiloff__first_family(mask);
  return f < 0 ? NULL : boiloff__family_name((boiloff__family)f);
}

/* Called for every certain block: most rules are a family's name as
 * boiloff__family_name gives it, known by its address; for the others the
 * first letter rules out most names before strcmp. */
unsigned boiloff__family_of_rule(const char *rule)
{
  int i;
  for (i = 0; rule && i < BOILOFF__FAM_COUNT; i++)
    if (rule == boiloff__family_name((boiloff__family)i))
      return 1u << i;
  for (i = 0; rule && i < BOILOFF__FAM_COUNT; i++) {
    const char *name = boiloff__family_name((boiloff__family)i);
    if (name[0] == rule[0] && strcmp(rule, name) == 0)
      return 1u << i;
  }
  return 0;
}

/* Families whose phrases name a widget outright wherever they stand. */
#define STRONG_FAMILIES                                                       \
  (FAM(SHARE) | FAM(READMORE) | FAM(SUBSCRIBE) | FAM(LOGIN) | FAM(COMMENTS) | \
   FAM(AD) | FAM(PLAYER))

/* Certain boilerplate, or NULL.  Only what no article line looks like:
 * the whole line is a known phrase, a time code, a counter; or a short
 * line opens with one; or a paragraph is dense with legal, consent or
 * subscription phrases. */
const char *boiloff__hard_rule(const boiloff__features *f)
{
  const boiloff__phrase_hits *h = &f->hits;
  const char *r;
  unsigned legal;
  if (f->timecode)
    return "player";
  if ((r = first_family(h->line_families)) != NULL)
    return r;
  if (f->all_numeric && f->words <= 8)
    return "counter";
  if (f->words <= 12 && (!f->terminal || f->words <= 6) &&
      (r = first_family(h->start_families & ~FAM(NAV))) != NULL)
    return r;
  if (f->words <= 6 && (r = first_family(h->start_families)) != NULL)
    return r;
  if (f->copyright && f->words <= 80)
    return "copyright";
  if ((h->edge_families & FAM(CAPTION)) && f->words <= 50)
    return "caption";
  legal = h->contains_count[BOILOFF__FAM_COOKIE] +
          h->contains_count[BOILOFF__FAM_COPYRIGHT];
  if (legal >= 2 && legal * 40 >= f->words)
    return h->contains_count[BOILOFF__FAM_COOKIE] >=
                   h->contains_count[BOILOFF__FAM_COPYRIGHT]
               ? "cookie"
               : "copyright";
  if (h->contains_words * 2 >= f->words && f->words <= 20 &&
      (r = first_family(h->contains_families & ~FAM(NAV) & ~FAM(COOKIE))) !=
          NULL)
    return r;
  if (f->words <= 10 &&
      (r = first_family(h->edge_families & STRONG_FAMILIES)) != NULL)
    return r;
  if (f->separators >= 2 && f->separators * 4 >= f->words)
    return "nav";
  return NULL;
}

/* Thresholds of jusText (Pomikálek 2011), moved by the bias dial: a
 * positive bias (recall) lowers what running text must show. */
cls boiloff__quality(const para *p, double dial)
{
  double sd, high = 0.30 - 0.06 * dial, low = 0.22 - 0.06 * dial;
  int unspaced = p->unspaced * 2 > p->chars;
  if (p->chars < (unspaced ? 25u : 70u))
    return CL_SHORT;
  /* Scripts without spaces have no stopword list here: size decides. */
  if (unspaced)
    return p->chars >= 60 ? CL_GOOD : CL_NEARGOOD;
  sd = p->words ? (double)p->stop_weight / p->words : 0;
  if (sd >= high && (p->chars >= 150 || (sd >= high + 0.12 && p->chars >= 120 &&
                                         p->sentence_marks)))
    return CL_GOOD;
  if (sd >= low)
    return CL_NEARGOOD;
  /* Few of our function words: another language, or not prose.  Prose
   * still shows itself: mostly lower-case words, commas and full stops. */
  if (p->words >= 8) {
    unsigned lower = p->words - p->title_words - p->number_words;
    if (lower * 10 >= p->words * 7 &&
        (p->sentence_marks + p->commas) * 12 >= p->words)
      return p->chars >= 200 ? CL_GOOD : CL_NEARGOOD;
  }
  return CL_BAD;
}
