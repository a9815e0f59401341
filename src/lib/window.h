/* window.h - the state the classifier's modules share: the window of
 * blocks (a ring of slots) and what the page has shown so far.  Internal
 * to classify.c, model_features.c and smooth.c. */
#ifndef BOILOFF_WINDOW_H
#define BOILOFF_WINDOW_H

#include <stdint.h>

#include "block_features.h"
#include "block_hint.h"
#include "boiloff.h"
#include "buf.h"
#include "classify.h"
#include "model.h"
#include "profile.h"
#include "rescue.h"
#include "rules.h"

/* The window: BOILOFF__LAG blocks of lookahead and as much history again
 * for the context of the oldest pending block.  A power of two. */
#define RING 128
/* Buckets of the memo of recent lines (boiloff__classifier.repeat_slot). */
#define REPEAT_BUCKETS 256
/* Words of the page's first line kept to know its headline by. */
#define TITLE_WORDS 32
/* Last parts of the title (after a separator) that a headline may give. */
#define TITLE_SPANS 32
/* Runs of whole parts of the title a headline with its date may give. */
#define TITLE_PARTS 32
/* Lines remembered to spot repeats within a page (menus at top and foot). */
#define SEEN_SLOTS 512

typedef struct slot {
  /* First, what the context walks (anchor, survey_after, para_class) read
   * of every block near the one judged: one cache line, not six. */
  cls local;               /* class of the block on its own */
  unsigned long long head; /* index of the first line of its paragraph */
  /* In the head slot: quality(agg), cached because the context of every
   * block asks for its neighbours' paragraphs many times; agg_cls_valid
   * is cleared whenever a line joins the paragraph. */
  cls agg_cls;
  int agg_cls_valid;
  para agg;             /* valid in the head slot: the whole paragraph */
  int in_chain;         /* takes part in sequence smoothing */
  unsigned rule_family; /* CL_HARD by a phrase family's rule: its bit */
  const char *rule;     /* set with CL_HARD and CL_EMPTY */
  cls text_cls;         /* the class of its text alone, markup aside */
  int markup_verdict;   /* CL_HARD by what the markup says, not certain */
  int density_verdict;  /* CL_HARD running text, dense with legal phrases */
  boiloff__buf text;
  unsigned long line;
  int continued;
  boiloff__features f;
  boiloff__block_hint hint;        /* all zero for text input */
  int repeated;                    /* a short line met before on this page */
  int title_repeat;                /* its words give part of the page's title */
  unsigned title_first, title_end; /* which of the title's words it gives */
  /* Whether it gives a whole part of the title, however short (title_part);
   * and whether it stands next to a date line with such a part beside it
   * (DATED_TITLE: the title part; DATED_DATE: the date line). */
  unsigned char title_part, dated_pair;
  unsigned thread_before; /* c->thread_lines when it was judged */
  int related_item;       /* a short line of a list under "Related stories" */
  /* Set when the block is judged in context (JUDGE_LAG blocks later): */
  boiloff_label label;       /* what the rules (or the model alone) say */
  const char *why;           /* the rule behind it */
  boiloff_label rules_label; /* what the rules alone say, model aside */
  double p;                  /* probability of content (0 for certain rules) */
  double emit[2]; /* p as the smoothing chain's emission (emission()) */
  double beta[2]; /* its backward message (backward()) */
  /* In an item its link names: a heading, its text, then a read-more
   * link that gives the heading's words (named-item). */
  unsigned char named_item;
  /* Keeps the size at one that GCC indexes the ring by with one
   * multiply.  At some sizes (448 = 7 x 64, 432 = 27 x 16, 480 = 15 x 32)
   * it uses a chain of shifts and adds instead, at every access, and the
   * classifier takes 4-5% more instructions (doc/EVALUATION.md): count
   * them with cachegrind before a field is moved or resized. */
  unsigned char spare[7];
} slot;
/* Moving a field?  See `spare`.  This catches the commonest bad size. */
_Static_assert(sizeof(slot) % 64 != 0, "slot: see spare");

/* What one of anchor()'s plain walks found, for the next to resume (see
 * walk_back and walk_ahead in classify.c). */
typedef struct anchor_memo {
  int valid;
  unsigned long long lo;   /* the window's first block then */
  unsigned long long from; /* the block the walk began at */
  /* Back: the block found.  Ahead: where the part of the walk that later
   * blocks cannot change ends (the block found, when it can't). */
  unsigned long long to;
  cls found;      /* CL_EMPTY: none */
  unsigned count; /* back: the distance; ahead: non-blank in [from, to) */
  unsigned long long emptied; /* page_state.emptied then */
  /* The walk's answer, with page_state.pushed then: the block found and
   * its distance, for a walk through certain boilerplate to go on from. */
  unsigned long long pushed, at;
  cls answer;
  unsigned dist;
} anchor_memo;

/* What survey_after (model_features.c) counted last, for the next to take
 * up: the non-blank blocks in [from, to), and of them the certain
 * boilerplate and the text. */
typedef struct survey_memo {
  int valid;
  unsigned long long from, to;
  unsigned seen, hard, good;
  unsigned long long emptied; /* page_state.emptied then */
} survey_memo;

/* What the page has shown so far: everything boiloff__classifier_reset
 * clears, in one struct so that it is cleared in one statement. */
typedef struct page_state {
  unsigned long long pushed;  /* blocks pushed so far */
  unsigned long long judged;  /* blocks judged in context so far */
  unsigned long long decided; /* blocks emitted so far */
  double alpha[2];            /* forward message of the smoothing chain */
  int chain_started;
  uint64_t seen[SEEN_SLOTS]; /* hashes of short lines met on this page */
  unsigned seen_count;
  /* The last 16 non-blank blocks judged (remember_judged). */
  unsigned char recent[16];
  unsigned long long recent_n;
  unsigned recent_hard, recent_good, recent_comments;
  /* The families of the certain boilerplate met after text on this page
   * (comment threads, footers, lists of other stories follow articles). */
  unsigned families_after_text;
  unsigned long long text_chars_seen; /* characters of the text blocks */
  /* text_chars_seen when share buttons were last met after text (0:
   * never).  A share bar ends many articles, but it also heads many,
   * below a headline or a list of teasers the rules took for text: what
   * tells the two apart is how much text came before it (as a bare flag
   * it sank whole articles that followed teasers). */
  unsigned long long share_at;
  /* share_at before the last share line, and the non-blank block counts
   * (recent_n) of the last share and player lines: share buttons beside
   * a video player are the player's, not a bar that ends the article. */
  unsigned long long share_before, share_n, player_n;
  /* Inside a list of other stories: a "Related stories", "Read more" or
   * "Sponsored links" line after text, and the short lines and widgets
   * since; related_items counts the list's headlines so far. */
  int related_list;
  unsigned related_items;
  unsigned long long hard_since_text; /* certain boilerplate since then,
                                       * in-article widgets aside */
  unsigned longest_text;              /* the longest text paragraph */
  /* Lines of comment chrome met after text: one is a "Comments" link; a
   * "Reply" under every comment is a thread. */
  unsigned comment_lines;
  /* Those and the lines of comment_stamp() and comment_heading(), by
   * thread_chrome(), counted only where decide's thread rule reads them:
   * what tells a thread, kept apart from the model's feature so that the
   * model did not change with them. */
  unsigned thread_lines;
  /* Before any text: recent_n after a count of comments ("16 comments:"),
   * or 0.  A signature right below it opens a thread where no text was. */
  unsigned long long count_heading_at;
  int count_heading;       /* its kind: BOILOFF__COUNT_PLAIN or _THREAD_HEAD */
  int thread_without_text; /* and so a thread was opened */
  /* The page's first line is most often its <title>, and a later line
   * that gives its start (the title less " - Site name") its headline. */
  uint64_t title_prefix[TITLE_WORDS]; /* boiloff__prefix_hashes of it */
  unsigned title_words;
  /* Or that gives its last part: the headline of "Site: Headline". */
  boiloff__title_span title_spans[TITLE_SPANS];
  unsigned title_nspans;
  /* Every run of its whole parts, for a headline shown with its date. */
  boiloff__title_span title_parts[TITLE_PARTS];
  unsigned title_nparts;
  uint64_t title_part_lengths;      /* bit n: a part of n words (n < 64) */
  uint64_t title_part_hashes;       /* bit h & 63: a part of words_hash h */
  unsigned long long title_part_at; /* the last line giving one, index + 1 */
  int dated_headline; /* a title part with its date has been kept */
  unsigned long long dated_title_at; /* its block index + 1, or 0 */
  int title_taken;
  /* A block that gives the title (the headline) has been decided. */
  int headline_met;
  /* The first line of text input, its <title>: its index + 1 (0: none),
   * and whether a later line has given its start (a headline). */
  unsigned long long title_line;
  int title_given;
  uint64_t headline_kept; /* the words_hash of the headline kept, if any */
  unsigned long long headline_at; /* its block index + 1, or 0 */
  int content_kept;               /* a block beyond a short one kept */
  int article_kept; /* a paragraph kept that is not another story's summary */
  /* Items whose read-more links gave their headings' words (named-item):
   * how many, by heading, and the last one's heading. */
  unsigned named_items;
  uint64_t named_heading;
  int last_plain_kept;          /* the last block judged by its text was kept */
  unsigned text_container;      /* HTML: the element holding the last block
                                   of running text, when it was kept; or 0 */
  unsigned text_marks;          /* the class families and layout elements
                                   around that block of text */
  int kept_surely;              /* ... and not only by the first-text rule */
  unsigned kept_paragraphs;     /* blocks of running text kept */
  int chrome_decided;           /* a line of comment chrome has been decided */
  int post_above_comments;      /* above-comments has kept a block */
  int thread_below_post;        /* and a thread has started below it */
  int html;                     /* blocks come with HTML hints */
  unsigned long long text_seen; /* judged blocks of class text */
  unsigned long long last_text; /* index + 1 of the last of them */
  /* Blocks made blank after they were pushed (a repeated headline): what
   * tells anchor()'s memos that a walk they remember would go otherwise. */
  unsigned long long emptied;
  anchor_memo back, ahead;
  survey_memo survey;
} page_state;

struct boiloff__classifier {
  const boiloff_allocator *alloc;
  unsigned flags;
  double bias;
  int ends_threads; /* see ends_threads() in classify.c: set by use_model */
  double threshold; /* the bias's cut on the model's probability */
  double dial;      /* what quality() passes the rules: set by use_model */
  slot ring[RING];
  page_state page;
  double transition[2][2]; /* the model's, as probabilities */
  double inv_prior[2];
  const boiloff__model *model; /* NULL: hand-written rules only */
  /* The model for HTML input, taken on at the first block with hints;
   * NULL when the model is set explicitly (training) or for rules only. */
  const boiloff__model *html_model;
  const boiloff__model *text_model; /* the one for text (or the set one) */
  const boiloff_profile *profile;   /* the site's furniture, or NULL */
  const char *site;
  boiloff__rescue rescue;      /* holds a page until it keeps text */
  boiloff__observe_fn observe; /* training hook */
  void *observe_user;
  /* The model features that `reads_of` reads (bit i: feature i), so that
   * the judge need not compute the others (model_features.c). */
  const boiloff__model *reads_of;
  uint64_t reads[(BOILOFF__NFEATURES + 63) / 64];
  /* The ring's slot (index + 1; 0: none) that last held a line, by a
   * hash of the line: a line repeated within the window (a menu, a
   * comment's "Reply") takes its features from there (classify.c). */
  unsigned char repeat_slot[REPEAT_BUCKETS];
};

static inline slot *at(boiloff__classifier *c, unsigned long long k)
{
  return &c->ring[k & (RING - 1)];
}

/* The rules' class of a paragraph: with the model the classes are its
 * features, which must stay as they were in training, so there the bias
 * dial moves the threshold only. */
static inline cls quality(const boiloff__classifier *c, const para *p)
{
  return boiloff__quality(p, c->dial); /* with a model 0, else the bias */
}

/* The first block whose class may still change: the first of the
 * paragraph the next line may join, or `pushed` when none is open (at
 * least one block pushed). */
static inline unsigned long long open_from(boiloff__classifier *c)
{
  const slot *top = at(c, c->page.pushed - 1);
  return top->local == CL_EMPTY || top->local == CL_HARD ? c->page.pushed
                                                         : top->head;
}

/* The class of the paragraph block s belongs to. */
static inline cls para_class(boiloff__classifier *c, const slot *s)
{
  slot *h = at(c, s->head);
  if (s->local == CL_EMPTY || s->local == CL_HARD)
    return s->local;
  if (h->agg.members <= 1)
    return s->local;
  if (!h->agg_cls_valid) {
    h->agg_cls = quality(c, &h->agg);
    h->agg_cls_valid = 1;
  }
  return h->agg_cls;
}

#endif
