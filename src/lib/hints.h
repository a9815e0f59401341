/* hints.h - what the page's markup says of a block (boiloff__block_hint):
 * certain furniture by element or class word, and a milder word on the
 * class of its text.  Text input has an all-zero hint, for which these
 * change nothing, so the text rules stay the same for both inputs. */
#ifndef BOILOFF_HINTS_H
#define BOILOFF_HINTS_H

#include "block_features.h"
#include "block_hint.h"
#include "rules.h"

#define HINT(x) BOILOFF__HINT_##x
/* Class and id families that name a widget whatever its text says. */
#define HINT_FAMILIES                                                 \
  (FAM(SHARE) | FAM(COOKIE) | FAM(SUBSCRIBE) | FAM(LOGIN) | FAM(AD) | \
   FAM(PLAYER) | FAM(COMMENTS) | FAM(READMORE) | FAM(NAV) | FAM(COPYRIGHT))

/* What the HTML structure says for certain: the rule's name, or NULL.
 * `learned`: a model judges the rest (it reads link density itself). */
const char *boiloff__hint_rule(const boiloff__block_hint *h,
                               const boiloff__features *f, int learned);

/* Moves the class of a block alone (`local`, and `rule` when it names
 * why) by what its element says. */
void boiloff__hint_adjust(const boiloff__block_hint *h,
                          const boiloff__features *f, cls *local,
                          const char **rule);

#endif
