/* rescue.h - no page that holds running text comes out empty.
 *
 * The decided blocks of a page are held until it has kept some of its
 * running text; from then on they pass as decided.  A page that ends
 * having held running text and kept almost none of it is decided again
 * without the model and without the markup's verdicts: what the rules
 * alone keep (in plain text, not a short line with no final stop),
 * and every line of running text (not script left in the text), is
 * kept; the certain boilerplate rules (a phrase family, a counter, the
 * site's furniture, hidden text) still drop, and so do reader comment
 * threads unless nothing else at all would come out.  The hold is capped in
 * blocks and bytes, so memory stays bounded; what it holds and when it lets go
 * depend on the blocks only, so the output does not depend on chunking.
 */
#ifndef BOILOFF_RESCUE_H
#define BOILOFF_RESCUE_H

#include <stddef.h>

#include "block_features.h"
#include "boiloff.h"
#include "buf.h"
#include "classify.h"
#include "rules.h"

/* A line of running text has at least this many words. */
#define RUNNING_WORDS 10

/* What the classifier knows of a block beyond its decision. */
typedef struct boiloff__rescue_facts {
  boiloff_label rules_label; /* the hand-written rules' label */
  unsigned running_words;    /* its words if a line of running text, else 0 */
  unsigned words;
  int thread; /* a reader's comment: not rescued */
  int guess;  /* kept, but not as the page's text that stops a rescue */
} boiloff__rescue_facts;

typedef struct boiloff__rescue_held boiloff__rescue_held;

typedef struct boiloff__rescue {
  const boiloff_allocator *alloc;
  boiloff__rescue_held *held; /* the blocks held, in order */
  size_t nheld, room;
  boiloff__buf text;      /* their text, one after the other */
  int released;           /* blocks pass as decided from here on */
  unsigned running_lines; /* lines of running text met on the page */
  unsigned long long running_words, kept_running_words, kept_words;
} boiloff__rescue;

/* The words of a line of running text, or 0: a line of RUNNING_WORDS or
 * more words that is text by its own class (text_cls) and that no certain
 * rule drops (`certain`).  Links or not: on some pages an unclosed <a>
 * holds the whole article. */
static inline unsigned boiloff__running_words(const boiloff__features *f,
                                              cls text_cls, int certain)
{
  if (certain || f->words < RUNNING_WORDS)
    return 0;
  return text_cls == CL_GOOD || text_cls == CL_NEARGOOD ? f->words : 0;
}

void boiloff__rescue_init(boiloff__rescue *r, const boiloff_allocator *a);
/* Takes decided block `b` (borrowed) and passes it, or what it holds, on
 * to `emit` when the page's decision stands. */
boiloff_status boiloff__rescue_pass(boiloff__rescue *r, const boiloff_block *b,
                                    const boiloff__rescue_facts *facts,
                                    boiloff__emit_fn emit, void *user);
/* At the page's end: passes on what is held, decided again if the page
 * kept almost none of its running text. */
boiloff_status boiloff__rescue_finish(boiloff__rescue *r, boiloff__emit_fn emit,
                                      void *user);
/* Forgets the page (the memory is kept for the next). */
void boiloff__rescue_reset(boiloff__rescue *r);
void boiloff__rescue_free(boiloff__rescue *r);

#endif
