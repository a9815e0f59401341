/* hints.c - what the page's markup says of a block. */
#include <config.h>

#include <stddef.h>

#include "hints.h"

/* Longer blocks than this are judged by their text despite a class word or
 * an <aside> (the article is sometimes inside either); comment threads and
 * lists of other stories (teasers with excerpts) are dropped whatever
 * their length. */
#define HINT_LONG_WORDS 25
#define HINT_LONG_FAMILIES (FAM(COMMENTS) | FAM(READMORE))

/* The rule names of class-word families, in boiloff__family order. */
static const char *const class_rule[BOILOFF__FAM_COUNT] = {
    "class-player", "class-share",     "class-copyright", "class-cookie",
    "class-nav",    "class-readmore",  "class-counter",   "class-caption",
    "class-ad",     "class-subscribe", "class-login",     "class-comments"};

static const char *first_class_family(unsigned mask)
{
  int f = boiloff__first_family(mask);
  return f < 0 ? NULL : class_rule[f];
}

static int hinted(const boiloff__block_hint *h)
{
  return h->flags || h->class_families || h->link_density > 0;
}

/* What the HTML structure says for certain, or NULL. */
const char *boiloff__hint_rule(const boiloff__block_hint *h,
                               const boiloff__features *f, int learned)
{
  unsigned fl = h->flags;
  int in_main = (fl & HINT(MAIN)) != 0;
  const char *r;
  if (!hinted(h))
    return NULL;
  if (fl & HINT(HIDDEN))
    return "hidden";
  /* Page furniture by element, unless the article itself is inside. */
  if (!in_main && (fl & HINT(NAV)))
    return "nav";
  if (!in_main && (fl & HINT(FOOTER)))
    return "footer";
  if (!in_main && (fl & HINT(ASIDE)) &&
      (f->words <= HINT_LONG_WORDS || (h->class_families & HINT_FAMILIES)))
    return "aside";
  if (!in_main && (fl & HINT(HEADER)))
    return "header";
  if (fl & HINT(FORM))
    return "form";
  if ((r = first_class_family(h->class_families &
                              (f->words <= HINT_LONG_WORDS
                                   ? HINT_FAMILIES
                                   : HINT_LONG_FAMILIES))) != NULL)
    return r;
  /* A line that is all links: a menu, a list of other stories (the
   * model, which reads the link density, judges these itself: lists of
   * links are content too, in a changelog or a bibliography). */
  if (!learned && h->link_density >= 0.7 && f->words <= 15 &&
      !(fl & HINT(PARAGRAPH)))
    return "links";
  return NULL;
}

/* A milder word of the structure on the class of a block alone. */
void boiloff__hint_adjust(const boiloff__block_hint *h,
                          const boiloff__features *f, cls *local,
                          const char **rule)
{
  if (!hinted(h))
    return;
  if ((*local == CL_GOOD || *local == CL_NEARGOOD) && h->link_density > 0.5) {
    *local = CL_BAD; /* mostly links: a teaser list */
    *rule = "links";
    return;
  }
  if (*local == CL_SHORT && (h->flags & (HINT(PARAGRAPH) | HINT(QUOTE))) &&
      h->link_density < 0.3 && sentence_like(f))
    *local = CL_NEARGOOD; /* a short paragraph of its own */
  else if (*local == CL_NEARGOOD &&
           (h->flags & (HINT(MAIN) | HINT(PARAGRAPH))) ==
               (HINT(MAIN) | HINT(PARAGRAPH)) &&
           h->link_density < 0.3)
    *local = CL_GOOD; /* a paragraph of the article */
}
