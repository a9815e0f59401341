/* rescue.c - no page that holds running text comes out empty (see
 * rescue.h). */
#include <config.h>

#include "mem.h"
#include "rescue.h"

/* The hold's cap: past it the blocks pass as decided, and the page can no
 * longer be rescued (a page this long without kept text is rare, and the
 * memory must stay bounded whatever the input). */
#define HOLD_BLOCKS 4096
#define HOLD_BYTES (1u << 20)
/* The page's decision stands once it has kept this many words of running
 * text, and at least a tenth of those it has met so far. */
#define STANDS_WORDS 50
/* A page holds running text, and must not come out empty, with this many
 * lines of it, or this many words (an article of two long paragraphs). */
#define RESCUE_LINES 3
#define RESCUE_WORDS 100

struct boiloff__rescue_held {
  size_t at;       /* offset of its text in r->text */
  boiloff_block b; /* as decided (b.text is set when it is passed on) */
  boiloff__rescue_facts facts;
};

void boiloff__rescue_init(boiloff__rescue *r, const boiloff_allocator *a)
{
  r->alloc = a;
  r->held = NULL;
  r->room = 0;
  boiloff__buf_init(&r->text, a);
  boiloff__rescue_reset(r);
}

void boiloff__rescue_reset(boiloff__rescue *r)
{
  r->nheld = 0;
  boiloff__buf_clear(&r->text);
  r->released = 0;
  r->running_lines = 0;
  r->running_words = 0;
  r->kept_running_words = 0;
  r->kept_words = 0;
}

void boiloff__rescue_free(boiloff__rescue *r)
{
  boiloff__free(r->alloc, r->held);
  r->held = NULL;
  boiloff__buf_free(&r->text);
}

/* Whether a block the decision dropped is kept when the page is decided
 * again: the rules keep it, or it is running text. */
static int rescuable(const boiloff__rescue_facts *facts)
{
  return facts->rules_label == BOILOFF_CONTENT || facts->running_words;
}

/* Whether, of the held blocks, reader comments are all that a rescue
 * could keep: none is kept as decided, and no other is rescuable. */
static int only_threads(const boiloff__rescue *r)
{
  size_t i;
  for (i = 0; i < r->nheld; i++)
    if (r->held[i].b.label == BOILOFF_CONTENT ||
        (!r->held[i].facts.thread && rescuable(&r->held[i].facts)))
      return 0;
  return 1;
}

/* Passes on the held blocks, from the first, as decided or (rescue)
 * decided again. */
static boiloff_status release(boiloff__rescue *r, int rescue,
                              boiloff__emit_fn emit, void *user)
{
  size_t i;
  boiloff_status st;
  /* Comments only where nothing else would come out: never empty. */
  int threads = rescue && only_threads(r);
  for (i = 0; i < r->nheld; i++) {
    boiloff__rescue_held *h = &r->held[i];
    h->b.text = r->text.data ? r->text.data + h->at : "";
    if (rescue && h->b.label != BOILOFF_CONTENT &&
        (!h->facts.thread || threads) && rescuable(&h->facts)) {
      h->b.label = BOILOFF_CONTENT;
      h->b.rule = "rescue";
    }
    if ((st = emit(user, &h->b)) != BOILOFF_OK) {
      r->nheld = 0;
      return st;
    }
  }
  r->nheld = 0;
  boiloff__buf_clear(&r->text);
  r->released = 1;
  return BOILOFF_OK;
}

/* Holds a copy of `b`; 0 when the hold is full. */
static boiloff_status hold(boiloff__rescue *r, const boiloff_block *b,
                           const boiloff__rescue_facts *facts, int *held)
{
  boiloff__rescue_held *h;
  boiloff_status st;
  *held = 0;
  if (r->nheld == HOLD_BLOCKS || r->text.len + b->len > HOLD_BYTES)
    return BOILOFF_OK;
  if (r->nheld == r->room) {
    size_t room = r->room ? 2 * r->room : 64;
    boiloff__rescue_held *grown =
        boiloff__realloc(r->alloc, r->held, room * sizeof *grown);
    if (!grown)
      return BOILOFF_ERR_NOMEM;
    r->held = grown;
    r->room = room;
  }
  h = &r->held[r->nheld];
  h->at = r->text.len;
  if ((st = boiloff__buf_append(&r->text, b->text, b->len)) != BOILOFF_OK)
    return st;
  h->b = *b;
  h->b.text = NULL; /* r->text may move as it grows */
  h->facts = *facts;
  r->nheld++;
  *held = 1;
  return BOILOFF_OK;
}

boiloff_status boiloff__rescue_pass(boiloff__rescue *r, const boiloff_block *b,
                                    const boiloff__rescue_facts *facts,
                                    boiloff__emit_fn emit, void *user)
{
  boiloff_status st;
  int held;
  int kept = b->label == BOILOFF_CONTENT && !facts->guess;
  if (kept)
    r->kept_words += facts->words;
  if (facts->running_words) {
    r->running_lines++;
    r->running_words += facts->running_words;
    if (kept)
      r->kept_running_words += facts->running_words;
  }
  if (r->released)
    return emit(user, b);
  if ((st = hold(r, b, facts, &held)) != BOILOFF_OK)
    return st;
  if (!held) {
    /* The cap: what is held goes as decided, then this block. */
    if ((st = release(r, 0, emit, user)) != BOILOFF_OK)
      return st;
    return emit(user, b);
  }
  if (r->kept_running_words >= STANDS_WORDS &&
      r->kept_running_words * 10 >= r->running_words)
    return release(r, 0, emit, user);
  return BOILOFF_OK;
}

boiloff_status boiloff__rescue_finish(boiloff__rescue *r, boiloff__emit_fn emit,
                                      void *user)
{
  /* Almost none: less than a tenth of the running text's words kept, and
   * few words kept at all (a page that kept its short article right and
   * dropped long comments is not empty). */
  int rescue;
  rescue =
      (r->running_lines >= RESCUE_LINES || r->running_words >= RESCUE_WORDS) &&
      r->kept_running_words * 10 < r->running_words &&
      r->kept_words < STANDS_WORDS;
  return release(r, rescue, emit, user);
}
