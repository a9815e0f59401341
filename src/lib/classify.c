/* classify.c - labels blocks as content or boilerplate, with context. */
#include <config.h>

#include <math.h>
#include <string.h>
#include <strings.h>

#include "block_features.h"
#include "buf.h"
#include "classify.h"
#include "mem.h"
#include "model.h"
#include "profile.h"
#include "utf8.h"

/* The window: BOILOFF__LAG blocks of lookahead and as much history again
 * for the context of the oldest pending block.  A power of two. */
#define RING 128
/* Longest run of lines judged together as one paragraph. */
#define MAX_GROUP 32
/* How far (in non-empty blocks) a headline may stand before its text. */
#define HEADLINE_REACH 2
/* How far a subhead may look, through widgets, for text on both sides. */
#define SUBHEAD_REACH 12
/* A paragraph this long stays even when its site repeats it. */
#define SITE_KEEPS_WORDS 40
/* Words of the page's first line kept to know its headline by. */
#define TITLE_WORDS 32
/* How many non-blank blocks back a repeated headline is looked for. */
#define REPEAT_REACH 12
/* Longer repeats, and lines that start in lower case (the pieces of a
 * wrapped paragraph), are text said twice, not a title given twice. */
#define REPEAT_WORDS 30
/* Lines of comment chrome after text that make a comment thread. */
#define COMMENT_THREAD 3u
/* Lines remembered to spot repeats within a page (menus at top and foot). */
#define SEEN_SLOTS 512

/* What remember_judged keeps of a block. */
#define RECENT_HARD 1
#define RECENT_GOOD 2
#define RECENT_COMMENTS 4

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
} para;

typedef struct slot {
  /* First, what the context walks (anchor, survey_after, para_class) read
   * of every block near the one judged: one cache line, not six. */
  cls local;             /* class of the block on its own */
  unsigned long long head; /* index of the first line of its paragraph */
  /* In the head slot: quality(agg), cached because the context of every
   * block asks for its neighbours' paragraphs many times; agg_cls_valid
   * is cleared whenever a line joins the paragraph. */
  cls agg_cls;
  int agg_cls_valid;
  para agg;              /* valid in the head slot: the whole paragraph */
  int in_chain;          /* takes part in sequence smoothing */
  unsigned rule_family;  /* CL_HARD by a phrase family's rule: its bit */
  const char *rule;      /* set with CL_HARD and CL_EMPTY */
  boiloff__buf text;
  unsigned long line;
  int continued;
  boiloff__features f;
  boiloff__block_hint hint; /* all zero for text input */
  int repeated;          /* a short line met before on this page */
  int title_repeat;      /* its words begin the page's first line */
  unsigned thread_before; /* c->thread_lines when it was judged */
  /* Set when the block is judged in context (JUDGE_LAG blocks later): */
  boiloff_label label;   /* what the rules (or the model alone) say */
  const char *why;       /* the rule behind it */
  double p;              /* probability of content (0 for certain rules) */
  double emit[2];        /* p as the smoothing chain's emission (emission()) */
  double beta[2];        /* its backward message (backward()) */
} slot;

struct boiloff__classifier {
  const boiloff_allocator *alloc;
  unsigned flags;
  double bias;
  slot ring[RING];
  unsigned long long pushed;  /* blocks pushed so far */
  unsigned long long judged;  /* blocks judged in context so far */
  unsigned long long decided; /* blocks emitted so far */
  double alpha[2];            /* forward message of the smoothing chain */
  double transition[2][2];    /* the model's, as probabilities */
  double inv_prior[2];
  int chain_started;
  uint64_t seen[SEEN_SLOTS];  /* hashes of short lines met on this page */
  unsigned seen_count;
  const boiloff__model *model; /* NULL: hand-written rules only */
  /* The model for HTML input, taken on at the first block with hints;
   * NULL when the model is set explicitly (training) or for rules only. */
  const boiloff__model *html_model;
  const boiloff__model *text_model;  /* the one for text (or the set one) */
  const boiloff_profile *profile; /* the site's furniture, or NULL */
  const char *site;
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
   * tells the two apart is how much text came before it.  Measured, as a
   * flag ("share buttons met after text") it sank whole articles that
   * followed teasers; as this amount cross-validated F1 went 0.894 ->
   * 0.894, 0.950 -> 0.956, 0.847 -> 0.853, 0.886 -> 0.885.  The same
   * for menu and copyright lines was no better. */
  unsigned long long share_at;
  unsigned long long hard_since_text; /* certain boilerplate since then,
                                       * in-article widgets aside */
  unsigned longest_text;              /* the longest text paragraph */
  /* Lines of comment chrome met after text: one, a "Comments" link; a
   * "Reply" under every comment, a thread (measured on dragnet: text kept
   * after the third was 80,769 tokens of reader comments for 675 of
   * article). */
  unsigned comment_lines;
  /* Those and the lines of comment_stamp() and comment_heading(): what
   * tells a thread (see decide), kept apart from the model's feature so
   * that the model did not change with them. */
  unsigned thread_lines;
  /* The page's first line is most often its <title>, and a later line
   * that gives its start (the title less " - Site name") its headline. */
  uint64_t title_prefix[TITLE_WORDS]; /* boiloff__prefix_hashes of it */
  unsigned title_words;
  int title_taken;
  /* The first line of text input, its <title>: its index + 1 (0: none),
   * and whether a later line has given its start (a headline). */
  unsigned long long title_line;
  int title_given;
  int content_kept;                   /* a block beyond a short one kept */
  int html;                           /* blocks come with HTML hints */
  unsigned long long text_seen;      /* decided blocks of class text */
  unsigned long long last_text;      /* index + 1 of the last of them */
  boiloff__observe_fn observe;       /* training hook */
  void *observe_user;
};

static slot *at(boiloff__classifier *c, unsigned long long k)
{
  return &c->ring[k & (RING - 1)];
}

/* Makes `model` (NULL: none) the one that judges the blocks. */
static void use_model(boiloff__classifier *c, const boiloff__model *model)
{
  int i, j;
  c->model = model;
  if (!model)
    return;
  for (i = 0; i < 2; i++) {
    for (j = 0; j < 2; j++)
      c->transition[i][j] = exp(model->log_transition[i][j]);
    c->inv_prior[i] = exp(-model->log_prior[i]);
  }
}

boiloff__classifier *boiloff__classifier_new(const boiloff_allocator *a,
                                             const boiloff_options *opts)
{
  boiloff__classifier *c = boiloff__calloc(a, 1, sizeof *c);
  size_t i;
  if (!c)
    return NULL;
  c->alloc = a;
  c->flags = opts->flags;
  c->profile = opts->profile;
  c->site = opts->site;
  if (!(opts->flags & BOILOFF_OPT_RULES_ONLY)) {
    use_model(c, &boiloff__default_model);
    c->text_model = &boiloff__default_model;
    c->html_model = &boiloff__html_model;
  }
  c->bias = opts->bias;
  for (i = 0; i < RING; i++)
    boiloff__buf_init(&c->ring[i].text, a);
  boiloff__lexicon_init();
  boiloff__model_init();
  return c;
}

/* Families that make a line boilerplate for certain when the whole line
 * is one of their phrases, in the order used to name the reason. */
static const boiloff__family rule_order[] = {
  BOILOFF__FAM_COOKIE, BOILOFF__FAM_COPYRIGHT, BOILOFF__FAM_SHARE,
  BOILOFF__FAM_PLAYER, BOILOFF__FAM_SUBSCRIBE, BOILOFF__FAM_LOGIN,
  BOILOFF__FAM_COMMENTS, BOILOFF__FAM_AD, BOILOFF__FAM_READMORE,
  BOILOFF__FAM_COUNTER, BOILOFF__FAM_CAPTION, BOILOFF__FAM_NAV};

/* Families that follow an article rather than stand inside it. */
#define END_FAMILIES                                                         \
  (FAM(COMMENTS) | FAM(COPYRIGHT) | FAM(SUBSCRIBE) | FAM(COOKIE) | FAM(LOGIN))

/* Families of the widgets that stand inside an article as well ("Read
 * more" links to other stories break many news articles). */
#define WIDGET_FAMILIES                                                      \
  (FAM(CAPTION) | FAM(COUNTER) | FAM(AD) | FAM(PLAYER) | FAM(SHARE) |        \
   FAM(READMORE))

/* The bit of the family whose name a rule bears, or 0.  Called for every
 * certain block: the first letter rules out most names before strcmp. */
static unsigned family_of_rule(const char *rule)
{
  int i;
  for (i = 0; rule && i < BOILOFF__FAM_COUNT; i++) {
    const char *name = boiloff__family_name((boiloff__family)i);
    if (name[0] == rule[0] && strcmp(rule, name) == 0)
      return 1u << i;
  }
  return 0;
}

static const char *first_family(unsigned mask)
{
  size_t i;
  for (i = 0; i < sizeof rule_order / sizeof rule_order[0]; i++)
    if (mask & (1u << rule_order[i]))
      return boiloff__family_name(rule_order[i]);
  return NULL;
}

#define FAM(x) (1u << BOILOFF__FAM_##x)
/* Families whose phrases name a widget outright wherever they stand. */
#define STRONG_FAMILIES                                                      \
  (FAM(SHARE) | FAM(READMORE) | FAM(SUBSCRIBE) | FAM(LOGIN) |               \
   FAM(COMMENTS) | FAM(AD) | FAM(PLAYER))

/* Certain boilerplate, or NULL.  Only what no article line looks like:
 * the whole line is a known phrase, a time code, a counter; or a short
 * line opens with one; or a paragraph is dense with legal, consent or
 * subscription phrases. */
static const char *hard_rule(const boiloff__features *f)
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
      (r = first_family(h->contains_families & ~FAM(NAV) & ~FAM(COOKIE))) != NULL)
    return r;
  if (f->words <= 10 &&
      (r = first_family(h->edge_families & STRONG_FAMILIES)) != NULL)
    return r;
  if (f->separators >= 2 && f->separators * 4 >= f->words)
    return "nav";
  return NULL;
}

/* Characters of the paragraph a block belongs to (agg: its head's). */
static unsigned para_chars(const para *agg, const boiloff__features *f)
{
  return agg->members > 1 ? agg->chars : f->chars;
}

static void para_add(para *p, const boiloff__features *f)
{
  p->chars += f->chars;
  p->words += f->words;
  p->stopwords += f->stopwords;
  p->title_words += f->title_words;
  p->number_words += f->number_words;
  p->unspaced += f->unspaced;
  p->sentence_marks += f->sentence_marks;
  p->commas += f->commas;
  p->members++;
}

/* Thresholds of jusText (Pomikálek 2011), moved by the bias dial: a
 * positive bias (recall) lowers what running text must show. */
static cls quality(const boiloff__classifier *c, const para *p)
{
  /* With the model the rules' classes are its features, which must stay
   * as they were in training: there the dial moves the threshold only. */
  double dial = c->model ? 0.0 : c->bias;
  double sd, high = 0.30 - 0.06 * dial, low = 0.22 - 0.06 * dial;
  int unspaced = p->unspaced * 2 > p->chars;
  if (p->chars < (unspaced ? 25u : 70u))
    return CL_SHORT;
  /* Scripts without spaces have no stopword list here: size decides. */
  if (unspaced)
    return p->chars >= 60 ? CL_GOOD : CL_NEARGOOD;
  sd = p->words ? (double)p->stopwords / p->words : 0;
  if (sd >= high && (p->chars >= 150 ||
                     (sd >= high + 0.12 && p->chars >= 120 && p->sentence_marks)))
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

/* Two lines belong to one paragraph when the first stops mid-sentence or
 * the second carries on in lower case ("irresponsible," / "disruptive, and"
 * / "destabilizing behavior ..."). */
static int continues(const slot *prev, const slot *cur)
{
  const boiloff__features *p = &prev->f, *f = &cur->f;
  if (prev->local == CL_HARD || prev->local == CL_EMPTY ||
      cur->local == CL_HARD || cur->local == CL_EMPTY)
    return 0;
  if (prev->continued)
    return 1;
  if (p->terminal)
    return f->starts_lower && p->words >= 3;
  return f->starts_lower || (p->open_end && !p->terminal &&
                             p->words >= 3 && f->words >= 1 &&
                             !p->ellipsis && p->commas + p->sentence_marks > 0);
}

/* Whether a short line (by its words' hash) was met before on this page;
 * remembers it.  The table fills to three quarters at most, so that a
 * miss ends at an empty slot after a few probes: a page of thousands of
 * distinct short lines (one long stream) costs no more per line than a
 * small one; lines past that are looked up but not remembered. */
static int seen_before(boiloff__classifier *c, uint64_t h)
{
  size_t i = (size_t)h & (SEEN_SLOTS - 1);
  while (c->seen[i]) {
    if (c->seen[i] == h)
      return 1;
    i = (i + 1) & (SEEN_SLOTS - 1);
  }
  if (c->seen_count < SEEN_SLOTS / 4 * 3) {
    c->seen[i] = h;
    c->seen_count++;
  }
  return 0;
}

static int headline_like(const boiloff__features *f)
{
  return f->words >= 2 && f->words <= 25 && !f->dangling &&
         f->number_words * 3 < f->words &&
         (!f->terminal || f->sentence_marks == 1) && !f->all_numeric &&
         !f->hits.contains_families && f->urls == 0;
}

static int sentence_like(const boiloff__features *f)
{
  return f->terminal && f->words >= 5 && f->stopwords >= 2;
}

/* ---- HTML hints ----------------------------------------------------------
 * What the page's markup adds (boiloff__block_hint).  Text input has an
 * all-zero hint, for which these functions change nothing, so the text
 * rules stay the same for both inputs. */

#define HINT(x) BOILOFF__HINT_##x
/* Class and id families that name a widget whatever its text says. */
#define HINT_FAMILIES                                                        \
  (FAM(SHARE) | FAM(COOKIE) | FAM(SUBSCRIBE) | FAM(LOGIN) | FAM(AD) |        \
   FAM(PLAYER) | FAM(COMMENTS) | FAM(READMORE) | FAM(NAV) | FAM(COPYRIGHT))
/* Longer blocks than this are judged by their text despite a class word or
 * an <aside> (the article is sometimes inside either); comment threads and
 * lists of other stories (teasers with excerpts) are dropped whatever
 * their length. */
#define HINT_LONG_WORDS 25
#define HINT_LONG_FAMILIES (FAM(COMMENTS) | FAM(READMORE))

/* The rule names of class-word families, in boiloff__family order. */
static const char *const class_rule[BOILOFF__FAM_COUNT] = {
  "class-player", "class-share", "class-copyright", "class-cookie",
  "class-nav", "class-readmore", "class-counter", "class-caption",
  "class-ad", "class-subscribe", "class-login", "class-comments"};

static const char *first_class_family(unsigned mask)
{
  size_t i;
  for (i = 0; i < sizeof rule_order / sizeof rule_order[0]; i++)
    if (mask & (1u << rule_order[i]))
      return class_rule[rule_order[i]];
  return NULL;
}

static int hinted(const boiloff__block_hint *h)
{
  return h->flags || h->class_families || h->link_density > 0;
}

/* What the HTML structure says for certain, or NULL. */
static const char *hint_rule(const boiloff__block_hint *h,
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
                              (f->words <= HINT_LONG_WORDS ? HINT_FAMILIES
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
static void hint_adjust(boiloff__classifier *c, slot *s)
{
  const boiloff__block_hint *h = &s->hint;
  (void)c;
  if (!hinted(h))
    return;
  if ((s->local == CL_GOOD || s->local == CL_NEARGOOD) &&
      h->link_density > 0.5) {
    s->local = CL_BAD; /* mostly links: a teaser list */
    s->rule = "links";
    return;
  }
  if (s->local == CL_SHORT && (h->flags & (HINT(PARAGRAPH) | HINT(QUOTE))) &&
      h->link_density < 0.3 && sentence_like(&s->f))
    s->local = CL_NEARGOOD; /* a short paragraph of its own */
  else if (s->local == CL_NEARGOOD &&
           (h->flags & (HINT(MAIN) | HINT(PARAGRAPH))) ==
               (HINT(MAIN) | HINT(PARAGRAPH)) &&
           h->link_density < 0.3)
    s->local = CL_GOOD; /* a paragraph of the article */
}

static void judge_alone(boiloff__classifier *c, slot *s,
                        unsigned long long k)
{
  const boiloff__features *f = &s->f;
  const char *r;
  s->rule = NULL;
  if (f->words == 0) {
    s->local = CL_EMPTY;
    s->rule = f->chars ? "separator" : "empty";
    return;
  }
  if ((r = hint_rule(&s->hint, f, c->model || c->observe)) != NULL ||
      (r = hard_rule(f)) != NULL) {
    s->local = CL_HARD;
    s->rule = r;
    return;
  }
  /* A headline given twice, the page title and then the article's own
   * heading, maybe with a menu between: the first copy goes, so that the
   * one standing above the text is judged there.  Only blocks not yet
   * passed on can still change. */
  {
    unsigned long long j = k;
    unsigned looked = 0;
    while (j > c->decided && looked < REPEAT_REACH) {
      slot *p = at(c, --j);
      if (p->local == CL_EMPTY)
        continue;
      looked++;
      if (p->f.words_hash == f->words_hash && p->f.words == f->words &&
          f->words <= REPEAT_WORDS && !f->starts_lower &&
          (looked == 1 || (f->words >= 3 && headline_like(f)))) {
        p->local = CL_EMPTY; /* invisible to the context, like a blank */
        p->rule = "repeat";
        if (j < c->judged) {
          p->label = BOILOFF_BOILERPLATE;
          p->why = "repeat";
          p->p = 0;
          p->in_chain = 0;
        }
        break;
      }
    }
  }
  {
    para alone = {0};
    para_add(&alone, f);
    s->local = quality(c, &alone);
    s->repeated = 0;
  }
  if ((s->local == CL_GOOD || s->local == CL_NEARGOOD) && f->truncated &&
      f->words >= 15) {
    /* An excerpt cut short: a teaser of another story; certain when a
     * "read more" link follows the ellipsis. */
    s->local = f->ellipsis ? CL_BAD : CL_HARD;
    s->rule = "teaser";
  }
  /* A line on many pages of its site is the site's furniture, unless it
   * is a full paragraph of running text (a quote or a disclaimer that an
   * article repeats is still said once per article). */
  if (c->profile && !(s->local == CL_GOOD && f->words >= SITE_KEEPS_WORDS) &&
      boiloff__profile_is_furniture(c->profile, c->site, s->text.data,
                                    s->text.len)) {
    s->local = CL_HARD;
    s->rule = "site";
    return;
  }
  if (s->local == CL_SHORT && sentence_like(f))
    s->local = CL_NEARGOOD; /* a one-line sentence: judged with its neighbours */
  if (s->local == CL_SHORT && f->words <= 10 && !headline_like(f) &&
      seen_before(c, f->words_hash)) {
    s->local = CL_BAD; /* a short line met twice on one page: a menu */
    s->rule = "repeated";
    s->repeated = 1;
  }
  hint_adjust(c, s);
}

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

/* The class of the nearest clear block (good, bad or certain) before or
 * after block k, skipping blanks, short and borderline blocks and the
 * lines of k's own paragraph.  CL_EMPTY when the window has none. */
static cls anchor(boiloff__classifier *c, unsigned long long k, int dir,
                  int through_hard, unsigned *distance)
{
  unsigned long long j = k, lo = c->pushed > RING ? c->pushed - RING : 0;
  unsigned long long head = at(c, k)->head;
  *distance = 0;
  for (;;) {
    const slot *s;
    cls pc;
    if (dir < 0) {
      if (j <= lo)
        return CL_EMPTY;
      j--;
    } else {
      if (j + 1 >= c->pushed)
        return CL_EMPTY;
      j++;
    }
    s = at(c, j);
    if (s->head == head && s->local != CL_EMPTY && s->local != CL_HARD)
      continue;
    if (s->local == CL_EMPTY)
      continue;
    (*distance)++;
    pc = para_class(c, s);
    if (pc == CL_HARD && through_hard && *distance < SUBHEAD_REACH)
      continue;
    if (pc == CL_GOOD || pc == CL_BAD || pc == CL_HARD)
      return pc == CL_HARD ? CL_BAD : pc;
  }
}

/* The nearest non-blank block before (dir < 0) or after block k, or NULL
 * when the window has none. */
static const slot *neighbour(boiloff__classifier *c, unsigned long long k,
                             int dir)
{
  unsigned long long lo = c->pushed > RING ? c->pushed - RING : 0, j = k;
  for (;;) {
    const slot *s;
    if (dir < 0) {
      if (j <= lo)
        return NULL;
      j--;
    } else if (++j >= c->pushed) {
      return NULL;
    }
    s = at(c, j);
    if (s->local != CL_EMPTY)
      return s;
  }
}

static int is_blank(boiloff__classifier *c, unsigned long long j)
{
  unsigned long long lo = c->pushed > RING ? c->pushed - RING : 0;
  if (j < lo || j >= c->pushed)
    return 1; /* the edges of the page count as blank */
  return at(c, j)->local == CL_EMPTY && at(c, j)->f.chars == 0;
}

static float ratio(unsigned a, unsigned b)
{
  return b ? (float)a / (float)b : 0.0f;
}

/* What the 8 non-blank blocks after k are: the shares of certain
 * boilerplate and of text.  (Those before k are counted as they are
 * judged: see remember_judged.) */
typedef struct surroundings {
  float hard, good;
} surroundings;

static surroundings survey_after(boiloff__classifier *c, unsigned long long k)
{
  surroundings r = {0, 0};
  unsigned long long j = k;
  unsigned seen = 0, hard = 0, good = 0;
  while (seen < 8 && ++j < c->pushed) {
    const slot *s = at(c, j);
    if (s->local == CL_EMPTY)
      continue;
    seen++;
    hard += s->local == CL_HARD;
    good += para_class(c, s) == CL_GOOD;
  }
  if (seen) {
    r.hard = (float)hard / (float)seen;
    r.good = (float)good / (float)seen;
  }
  return r;
}

/* Whether t[0..n) ends in `word` (lower case), in any case, after a
 * character that is not a letter. */
static int ends_with_word(const char *t, size_t n, const char *word)
{
  size_t w = strlen(word);
  return n > w && strncasecmp(t + n - w, word, w) == 0 &&
         !boiloff__is_ascii_letter((unsigned char)t[n - w - 1]);
}

/* Whether s counts a thread's comments: "12 Comments", "53 Responses to
 * “Title”", "One thought on ...", "2 Replies", "{ 14 comments… read them
 * below or add one }" (a number, or "one" or "no", a noun, and nothing
 * after it but what such a line goes on with: "Posted in C++ | 16
 * Comments" does not count).  One line of chrome like the others: as a
 * thread at once it lost the whole of a news article whose byline reads
 * "11 Comments" (readability/yahoo-2), and cleaneval's threads.  Measured
 * as one line: dragnet 0.846 -> 0.847 cross-validated, 0.851 -> 0.853
 * in-sample, the other sets unchanged. */
static int comment_heading(const slot *s)
{
  static const char *const nouns[] = {"comment", "response", "thought", "repl"};
  const char *t = s->text.data, *e;
  size_t i;
  if (!t || s->f.words < 2 || s->f.words > 12)
    return 0;
  e = t + s->text.len;
  if (t < e && *t == '{')
    for (t++; t < e && *t == ' '; t++)
      ;
  if (t < e && *t >= '0' && *t <= '9') {
    while (t < e && *t >= '0' && *t <= '9')
      t++;
  } else if (e - t >= 3 && (strncasecmp(t, "one", 3) == 0 || strncasecmp(t, "no ", 3) == 0)) {
    t += (t[0] | 0x20) == 'o' ? 3 : 2;
  } else {
    return 0;
  }
  if (t >= e || *t != ' ')
    return 0;
  t++;
  for (i = 0; i < sizeof nouns / sizeof *nouns; i++) {
    size_t n = strlen(nouns[i]);
    if ((size_t)(e - t) >= n && strncasecmp(t, nouns[i], n) == 0)
      break;
  }
  if (i == sizeof nouns / sizeof *nouns)
    return 0;
  /* The noun's ending ("s", "ies"), then what may follow it. */
  while (t < e && boiloff__is_ascii_letter((unsigned char)*t))
    t++;
  while (t < e && *t == ' ')
    t++;
  return t == e || *t == ':' || (e - t >= 2 && strncmp(t, "\xC2\xBB", 2) == 0) ||
         (e - t >= 3 && strncmp(t, "\xE2\x80\xA6", 3) == 0) ||
         (e - t >= 3 && (strncasecmp(t, "to ", 3) == 0 || strncasecmp(t, "on ", 3) == 0));
}

/* Whether s is a comment's signature line: one that ends in its "Reply"
 * or "Permalink" link ("Bill Hays | November 9, 2012 5:54 PM | Reply",
 * "July 4, 2012 at 12:48 pm | Permalink", "by Ann on May 3, 2012 at 8:55
 * pm. Reply #": 2 to 16 words, the last one, before a "#" and a number,
 * that link), or a name that "says:" or "writes:" (up to 8 words).
 * Measured on dragnet: 4,115 lines end in Reply, none in the gold; 554 in
 * Permalink, 3 in the gold; 1,348 in "says:" and 647 in "writes:", 4 in
 * the gold; in the other sets, 15 Permalinks and none of the rest, none
 * in the gold.  Lines with a time after "at" are comments' too, but
 * cleaneval's gold keeps comments: counting them took dragnet's
 * cross-validated F1 to 0.850 and cleaneval-dev's to 0.870, below the
 * rules alone. */
static int comment_stamp(const slot *s)
{
  const char *t = s->text.data;
  size_t n = s->text.len;
  if (!t || s->f.words < 2 || s->f.words > 16)
    return 0;
  while (n > 0 && t[n - 1] == ' ')
    n--;
  if (s->f.words <= 8 && (ends_with_word(t, n, "says:") || ends_with_word(t, n, "writes:")))
    return 1;
  while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '#' ||
                   (t[n - 1] >= '0' && t[n - 1] <= '9')))
    n--;
  return ends_with_word(t, n, "reply") || ends_with_word(t, n, "permalink");
}

/* Adds judged block k to the counts of the non-blank blocks before the
 * next one: certain boilerplate and text among the last 8, comment chrome
 * among the last 16.  Kept as running counts over a ring of the last 16,
 * so that the context before a block costs nothing to survey. */
static void remember_judged(boiloff__classifier *c, const slot *s, cls pc)
{
  unsigned char bits, out8, out16;
  if (s->local == CL_EMPTY)
    return;
  bits = (unsigned char)((s->local == CL_HARD ? RECENT_HARD : 0) |
                         (pc == CL_GOOD ? RECENT_GOOD : 0) |
                         (s->rule_family & FAM(COMMENTS) ? RECENT_COMMENTS : 0));
  out8 = c->recent_n >= 8 ? c->recent[(c->recent_n - 8) & 15] : 0;
  out16 = c->recent_n >= 16 ? c->recent[c->recent_n & 15] : 0;
  c->recent_hard += ((bits & RECENT_HARD) != 0) - ((out8 & RECENT_HARD) != 0);
  c->recent_good += ((bits & RECENT_GOOD) != 0) - ((out8 & RECENT_GOOD) != 0);
  c->recent_comments += ((bits & RECENT_COMMENTS) != 0) - ((out16 & RECENT_COMMENTS) != 0);
  c->recent[c->recent_n & 15] = bits;
  c->recent_n++;
  if (c->text_seen) {
    c->families_after_text |= s->rule_family;
    if (s->rule_family & FAM(SHARE))
      c->share_at = c->text_chars_seen;
    if (s->rule_family & FAM(COMMENTS)) {
      c->comment_lines++;
      c->thread_lines++;
    } else if (comment_stamp(s) || comment_heading(s)) {
      c->thread_lines++;
    }
  }
  if (pc == CL_GOOD) {
    unsigned chars = para_chars(&at(c, s->head)->agg, &s->f);
    c->text_chars_seen += s->f.chars;
    c->hard_since_text = 0;
    if (chars > c->longest_text)
      c->longest_text = chars;
  } else if (c->text_seen && s->local == CL_HARD &&
             !(s->rule_family & WIDGET_FAMILIES)) {
    c->hard_since_text++;
  }
}

/* The model's view of block k: the block, its paragraph, its context. */
static void model_features(boiloff__classifier *c, unsigned long long k,
                           cls pc, cls before, cls after, int rule_keep,
                           float *x)
{
  const slot *s = at(c, k), *prev = neighbour(c, k, -1),
             *next = neighbour(c, k, +1);
  const boiloff__features *f = &s->f;
  const para *agg = &at(c, s->head)->agg;
  unsigned lower = f->words - f->title_words - f->number_words;
  /* Every feature is set below (no memset: it was a tenth of the cost of
   * judging; valgrind in make check-valgrind would see one left out). */
  if (lower > f->words)
    lower = 0;
  x[BOILOFF__F_log_chars] = boiloff__log1p_count(f->chars);
  x[BOILOFF__F_log_words] = boiloff__log1p_count(f->words);
  x[BOILOFF__F_stop_density] = ratio(f->stopwords, f->words);
  x[BOILOFF__F_lower_ratio] = ratio(lower, f->words);
  x[BOILOFF__F_title_ratio] = ratio(f->title_words, f->words);
  x[BOILOFF__F_number_ratio] = ratio(f->number_words, f->words);
  x[BOILOFF__F_punct_ratio] = ratio(f->puncts, f->chars);
  x[BOILOFF__F_sentences_per_word] = ratio(f->sentence_marks, f->words);
  x[BOILOFF__F_commas_per_word] = ratio(f->commas, f->words);
  x[BOILOFF__F_terminal] = f->terminal;
  x[BOILOFF__F_dangling] = f->dangling;
  x[BOILOFF__F_starts_lower] = f->starts_lower;
  x[BOILOFF__F_truncated] = f->truncated;
  x[BOILOFF__F_has_url] = f->urls > 0;
  x[BOILOFF__F_separators_per_word] = ratio(f->separators, f->words);
  x[BOILOFF__F_phrase_cover] = ratio(f->hits.contains_words, f->words);
  x[BOILOFF__F_phrase_families] = (float)__builtin_popcount(
      f->hits.contains_families | f->hits.start_families);
  x[BOILOFF__F_unspaced_ratio] = ratio(f->unspaced, f->chars);
  x[BOILOFF__F_headline_like] = headline_like(f);
  x[BOILOFF__F_sentence_like] = sentence_like(f);
  x[BOILOFF__F_para_log_chars] = boiloff__log1p_count(para_chars(agg, f));
  x[BOILOFF__F_para_stop_density] =
      agg->members > 1 ? ratio(agg->stopwords, agg->words) : ratio(f->stopwords, f->words);
  x[BOILOFF__F_local_short] = s->local == CL_SHORT;
  x[BOILOFF__F_local_neargood] = s->local == CL_NEARGOOD;
  x[BOILOFF__F_local_good] = s->local == CL_GOOD;
  x[BOILOFF__F_para_good] = pc == CL_GOOD;
  x[BOILOFF__F_para_neargood] = pc == CL_NEARGOOD;
  x[BOILOFF__F_para_bad] = pc == CL_BAD;
  x[BOILOFF__F_before_good] = before == CL_GOOD;
  x[BOILOFF__F_before_bad] = before == CL_BAD;
  x[BOILOFF__F_after_good] = after == CL_GOOD;
  x[BOILOFF__F_after_bad] = after == CL_BAD;
  x[BOILOFF__F_prev_hard] = prev && prev->local == CL_HARD;
  x[BOILOFF__F_next_hard] = next && next->local == CL_HARD;
  x[BOILOFF__F_prev_good] = prev && para_class(c, prev) == CL_GOOD;
  x[BOILOFF__F_next_good] = next && para_class(c, next) == CL_GOOD;
  x[BOILOFF__F_blank_before] = (float)is_blank(c, k - 1);
  x[BOILOFF__F_blank_after] = (float)is_blank(c, k + 1);
  x[BOILOFF__F_log_position] = boiloff__log1p_count(k);
  x[BOILOFF__F_text_seen] = boiloff__log1p_count(c->text_seen);
  x[BOILOFF__F_since_text] =
      boiloff__log1p_count(c->last_text ? k + 1 - c->last_text : k + 1);
  x[BOILOFF__F_repeated] = s->repeated;
  {
    surroundings sa = survey_after(c, k);
    unsigned before8 = c->recent_n < 8 ? (unsigned)c->recent_n : 8;
    x[BOILOFF__F_hard_before] = ratio(c->recent_hard, before8);
    x[BOILOFF__F_hard_after] = sa.hard;
    x[BOILOFF__F_good_before] = ratio(c->recent_good, before8);
    x[BOILOFF__F_good_after] = sa.good;
    x[BOILOFF__F_comments_near] = c->recent_comments > 0;
  }
  x[BOILOFF__F_rule_keep] = rule_keep;
  {
    unsigned fams = c->families_after_text;
    x[BOILOFF__F_comments_after_text] =
        (float)(c->comment_lines < 7 ? c->comment_lines : 7);
    x[BOILOFF__F_copyright_after_text] = (fams & FAM(COPYRIGHT)) != 0;
    /* In 32-character steps, 1 up: a bar after a few characters of text
     * is not one never met. */
    x[BOILOFF__F_text_before_share] =
        c->share_at ? boiloff__log1p_count((c->share_at >> 5) + 1) : 0.0f;
    x[BOILOFF__F_nav_after_text] = (fams & FAM(NAV)) != 0;
    x[BOILOFF__F_families_after_text] = (float)__builtin_popcount(fams & END_FAMILIES);
  }
  {
    const boiloff__block_hint *h = &s->hint;
    unsigned fl = h->flags;
    x[BOILOFF__F_html] = (float)c->html;
    x[BOILOFF__F_h_link_density] = (float)h->link_density;
    x[BOILOFF__F_h_main] = (fl & HINT(MAIN)) != 0;
    x[BOILOFF__F_h_paragraph] = (fl & HINT(PARAGRAPH)) != 0;
    x[BOILOFF__F_h_heading] = h->heading_level > 0;
    x[BOILOFF__F_h_list_item] = (fl & HINT(LIST_ITEM)) != 0;
    x[BOILOFF__F_h_table] = (fl & HINT(TABLE)) != 0;
    x[BOILOFF__F_h_furniture] =
        (fl & (HINT(NAV) | HINT(HEADER) | HINT(FOOTER) | HINT(ASIDE))) != 0;
    x[BOILOFF__F_h_quote] = (fl & (HINT(QUOTE) | HINT(CAPTION) | HINT(PRE))) != 0;
    x[BOILOFF__F_h_class_boiler] = (h->class_families & HINT_FAMILIES) != 0;
    x[BOILOFF__F_h_class_families] = (float)__builtin_popcount(h->class_families);
  }
  x[BOILOFF__F_text_chars_seen] = boiloff__log1p_count(c->text_chars_seen);
  x[BOILOFF__F_hard_since_text] = boiloff__log1p_count(c->hard_since_text);
  {
    /* 1 for the longest paragraph of text so far (the first one too). */
    unsigned chars = para_chars(agg, f);
    x[BOILOFF__F_para_vs_longest] =
        chars ? (float)chars / (float)(chars > c->longest_text ? chars : c->longest_text)
              : 0.0f;
  }
}

/* The bias dial moves the decision threshold on the probability of
 * content.  At 0 it is 0.75, the best mean shingle F1 measured on the
 * development corpus (smoothed posteriors are confident, so the best cut
 * is above one half); -1 keeps only what is 95% likely to be text, +1
 * what is 10% likely.  Without the model the dial moves the rules'
 * thresholds instead (see quality()). */
static double threshold(const boiloff__classifier *c)
{
  return c->bias < 0 ? 0.75 - 0.2 * c->bias : 0.75 - 0.65 * c->bias;
}

/* The emission of a block of content probability p in the smoothing
 * chain, as likelihood ratios: the model's posterior over its prior
 * (clamped, so that no block is certain for the chain). */
static void emission(const boiloff__classifier *c, double p, double e[2])
{
  double q = p < 1e-4 ? 1e-4 : p > 1 - 1e-4 ? 1 - 1e-4 : p;
  e[0] = (1 - q) * c->inv_prior[0];
  e[1] = q * c->inv_prior[1];
}

/* Judges block k in its context: the rules' label and, with a model,
 * its probability of being content.  Done once, JUDGE_LAG blocks after k
 * (or at finish), so the context it sees never depends on chunking. */
static void judge(boiloff__classifier *c, unsigned long long k)
{
  slot *s = at(c, k);
  boiloff_block b;
  cls pc = para_class(c, s), before = CL_EMPTY, after = CL_EMPTY;
  unsigned dist_before = 0, dist_after = 0;
  int modelled = pc != CL_EMPTY && pc != CL_HARD && (c->model || c->observe);
  /* The model needs both anchors; the rules for some classes only. */
  int anchored = modelled || pc == CL_NEARGOOD || pc == CL_SHORT;
  if (anchored) {
    before = anchor(c, k, -1, 0, &dist_before);
    after = anchor(c, k, +1, 0, &dist_after);
  }
  memset(&b, 0, sizeof b);
  b.text = s->text.data ? s->text.data : "";
  b.len = s->text.len;
  b.line = s->line;
  b.continued = s->continued;
  b.label = BOILOFF_BOILERPLATE;
  s->in_chain = pc != CL_EMPTY && pc != CL_HARD;
  switch (pc) {
  case CL_EMPTY:
  case CL_HARD:
    b.rule = s->rule;
    b.score = 0.0;
    break;
  case CL_GOOD:
    b.label = BOILOFF_CONTENT;
    b.rule = "text";
    b.score = 0.9;
    break;
  case CL_BAD:
    b.rule = s->rule ? s->rule : "low-text";
    b.score = 0.2;
    if (!anchored)
      after = anchor(c, k, +1, 0, &dist_after);
    if (!s->rule && headline_like(&s->f) && after == CL_GOOD && dist_after == 1) {
      b.label = BOILOFF_CONTENT; /* a long headline, with its byline */
      b.rule = "headline";
    }
    break;
  case CL_NEARGOOD:
    b.score = 0.5;
    if (before == CL_GOOD || after == CL_GOOD) {
      b.label = BOILOFF_CONTENT;
      b.rule = "near-text";
    } else if (before == CL_EMPTY && after == CL_EMPTY) {
      b.label = BOILOFF_CONTENT; /* nothing clearer anywhere near */
      b.rule = "near-alone";
    } else {
      b.rule = "near-boilerplate";
    }
    break;
  case CL_SHORT:
    b.score = 0.4;
    b.rule = "short";
    if (before == CL_GOOD && after == CL_GOOD) {
      b.label = BOILOFF_CONTENT;
      b.rule = "inside-text";
    } else if (after == CL_GOOD && dist_after <= HEADLINE_REACH &&
               (headline_like(&s->f) || sentence_like(&s->f))) {
      b.label = BOILOFF_CONTENT;
      b.rule = "headline";
    } else if (before == CL_GOOD && dist_before == 1 && sentence_like(&s->f)) {
      b.label = BOILOFF_CONTENT;
      b.rule = "after-text";
    } else if (headline_like(&s->f) &&
               anchor(c, k, -1, 1, &dist_before) == CL_GOOD &&
               anchor(c, k, +1, 1, &dist_after) == CL_GOOD) {
      b.label = BOILOFF_CONTENT; /* a subhead, with a widget beside it */
      b.rule = "subhead";
    }
    break;
  }
  if (b.label == BOILOFF_CONTENT && b.score < 0.5)
    b.score = 0.6;
  if (modelled) {
    float x[BOILOFF__NFEATURES];
    model_features(c, k, pc, before, after, b.label == BOILOFF_CONTENT, x);
    if (c->observe)
      c->observe(c->observe_user, &b, x);
    if (c->model) {
      b.score = boiloff__model_probability(c->model, x);
      b.label = b.score >= threshold(c) ? BOILOFF_CONTENT : BOILOFF_BOILERPLATE;
      b.rule = "model";
    }
  }
  if (pc == CL_GOOD) {
    c->text_seen++;
    c->last_text = k + 1;
  }
  s->thread_before = c->thread_lines; /* those before k, not after */
  remember_judged(c, s, pc);
  s->label = b.label;
  s->why = b.rule;
  s->p = b.score;
  if (s->in_chain && c->model)
    emission(c, s->p, s->emit);
}

/* Sequence smoothing: boilerplate and content come in runs.  A two-state
 * hidden Markov model over the non-blank blocks, whose emissions are the
 * model's probabilities; block k's label is the posterior of
 * forward-backward, the forward message carried from the blocks already
 * decided, the backward one (beta) computed by backward() over the judged
 * blocks after k.  Certain rules stay in force on top. */
static double smoothed(boiloff__classifier *c, unsigned long long k)
{
  const double (*tr)[2] = c->transition;
  const slot *s = at(c, k);
  double a0, a1, sum;
  if (c->chain_started) {
    a0 = (c->alpha[0] * tr[0][0] + c->alpha[1] * tr[1][0]) * s->emit[0];
    a1 = (c->alpha[0] * tr[0][1] + c->alpha[1] * tr[1][1]) * s->emit[1];
  } else {
    a0 = s->emit[0] / c->inv_prior[0];
    a1 = s->emit[1] / c->inv_prior[1];
  }
  sum = a0 + a1;
  c->alpha[0] = a0 / sum;
  c->alpha[1] = a1 / sum;
  c->chain_started = 1;
  a0 = c->alpha[0] * s->beta[0];
  a1 = c->alpha[1] * s->beta[1];
  return a1 / (a0 + a1);
}

/* The backward messages of blocks [from, stop): each block's is what the
 * judged blocks after it, up to stop, say.  One pass for a whole group of
 * blocks (see decide_group), instead of one pass per block. */
static void backward(boiloff__classifier *c, unsigned long long from,
                     unsigned long long stop)
{
  const double (*tr)[2] = c->transition;
  double b0 = 1, b1 = 1;
  unsigned long long j;
  for (j = stop; j > from; j--) {
    slot *t = at(c, j - 1);
    double x, y;
    t->beta[0] = b0;
    t->beta[1] = b1;
    if (!t->in_chain)
      continue;
    x = tr[0][0] * t->emit[0] * b0 + tr[0][1] * t->emit[1] * b1;
    y = tr[1][0] * t->emit[0] * b0 + tr[1][1] * t->emit[1] * b1;
    b0 = x / (x + y);
    b1 = y / (x + y);
  }
}

/* Decides block k (judged already) and passes it on. */
static boiloff_status decide(boiloff__classifier *c, unsigned long long k,
                             boiloff__emit_fn emit, void *user)
{
  slot *s = at(c, k);
  boiloff_block b;
  memset(&b, 0, sizeof b);
  b.text = s->text.data ? s->text.data : "";
  b.len = s->text.len;
  b.line = s->line;
  b.continued = s->continued;
  b.label = s->label;
  b.rule = s->why;
  b.score = s->p;
  if (c->model && s->in_chain && !(c->flags & BOILOFF_OPT_NO_SMOOTH)) {
    double post = smoothed(c, k);
    if (s->local != CL_HARD) {
      b.score = post;
      b.label = post >= threshold(c) ? BOILOFF_CONTENT : BOILOFF_BOILERPLATE;
      b.rule = "model+context";
      /* Until the page has given any text, running text (by the rules)
       * needs a third of the usual confidence: an article deep in a
       * page of menus is still the article, and losing it whole is the
       * worst a cleaner can do (measured: fewer pages lost, same F1). */
      if (b.label != BOILOFF_CONTENT && !c->content_kept &&
          para_class(c, s) == CL_GOOD && post >= threshold(c) / 3) {
        b.label = BOILOFF_CONTENT;
        b.rule = "first-text";
      }
    }
  }
  /* The page's headline: before any text, a line that gives the start of
   * the page's first line (its <title>, less " - Site name").  Measured
   * on the dev corpus: 89% of such lines are in dragnet's gold; the rule
   * took the gold headlines kept from 959 to 1,177 of 1,342, at no cost
   * to F1 (readability's gold, which leaves headlines out, lost 0.001). */
  if (b.label != BOILOFF_CONTENT && !c->content_kept && s->title_repeat &&
      s->in_chain && s->local != CL_HARD) {
    b.label = BOILOFF_CONTENT;
    b.rule = "title-headline";
  }
  /* Reader comments: once text has been kept, what follows the third
   * line of comment chrome after the text ("Reply", "Posted by ... at
   * ...", "Report", a signature, a count of comments: thread_lines) is a
   * thread, not the article.  Three of the four sets' gold drop comments,
   * and so does this rule; cleaneval's keeps them, and a model that has
   * not seen the other sets learns from it to keep them.  Measured,
   * trained without dragnet: dragnet's F1 0.821 -> 0.847, the other sets
   * unchanged; in-sample cleaneval-dev 0.941 -> 0.934, nearly all on a
   * blog front page whose posts end "Posted by".  Favouring recall
   * (--bias > 0) leaves threads to the model. */
  if (b.label == BOILOFF_CONTENT && c->model && c->bias <= 0 &&
      !(c->flags & BOILOFF_OPT_KEEP_COMMENTS) &&
      s->local != CL_HARD && c->content_kept &&
      s->thread_before >= COMMENT_THREAD) {
    b.label = BOILOFF_BOILERPLATE;
    b.rule = "comment-thread";
  }
  /* The first line of scraped text is the page's <title>: when a line in
   * the lookahead gives its start, that line is the headline and the
   * title a copy of it with the site's name ("Headline | Site").  Of the
   * 500 first lines kept on the dev corpus, 373 were not in the gold;
   * dropping them when a headline follows moved every set's F1 by 0 to
   * +0.001 (cross-validated too), 77 pages better, 1 worse. */
  if (b.label == BOILOFF_CONTENT && k + 1 == c->title_line && c->title_given) {
    b.label = BOILOFF_BOILERPLATE;
    b.rule = "title";
  }
  if (b.label == BOILOFF_CONTENT && s->local != CL_SHORT)
    c->content_kept = 1;
  c->decided = k + 1;
  return emit(user, &b);
}



/* Decides the next group of SMOOTH_LAG blocks (fewer at the end), with
 * the judged blocks up to stop as their lookahead: every block sees
 * SMOOTH_LAG to 2 SMOOTH_LAG - 1 blocks ahead (fewer only at the end of
 * the page), and the groups fall by block index, so chunking changes
 * nothing. */
static boiloff_status decide_group(boiloff__classifier *c,
                                   unsigned long long stop,
                                   boiloff__emit_fn emit, void *user)
{
  unsigned long long end = c->decided + SMOOTH_LAG;
  boiloff_status st;
  if (end > stop)
    end = stop;
  if (c->model && !(c->flags & BOILOFF_OPT_NO_SMOOTH))
    backward(c, c->decided, stop);
  while (c->decided < end)
    if ((st = decide(c, c->decided, emit, user)) != BOILOFF_OK)
      return st;
  return BOILOFF_OK;
}

boiloff_status boiloff__classifier_push(boiloff__classifier *c,
                                        const char *text, size_t len,
                                        unsigned long line, int continued,
                                        const boiloff__block_hint *hint,
                                        boiloff__emit_fn emit, void *user)
{
  unsigned long long k = c->pushed;
  slot *s = at(c, k);
  boiloff_status st;
  boiloff__buf_clear(&s->text);
  if ((st = boiloff__buf_append(&s->text, text, len)) != BOILOFF_OK)
    return st;
  s->line = line;
  s->continued = continued;
  boiloff__features_compute(text, len, &s->f);
  s->title_repeat = 0;
  if (!c->title_taken && s->f.chars > 0) {
    /* The first line of scraped text is the <title>; that of HTML input
     * is not (html.c gives the <title> apart, to set_title). */
    if (hint)
      c->title_taken = 1;
    else {
      boiloff__classifier_set_title(c, text, len);
      c->title_line = k + 1;
    }
  } else if (s->f.tokens >= 3 && s->f.tokens <= c->title_words) {
    s->title_repeat = s->f.words_hash == c->title_prefix[s->f.tokens - 1];
    c->title_given |= s->title_repeat;
  }
  if (hint) {
    s->hint = *hint;
    if (!c->html && c->html_model)
      use_model(c, c->html_model);
    c->html = 1;
  } else {
    memset(&s->hint, 0, sizeof s->hint);
  }
  judge_alone(c, s, k);
  s->rule_family = s->local == CL_HARD ? family_of_rule(s->rule) : 0;
  s->head = k;
  memset(&s->agg, 0, sizeof s->agg);
  s->agg_cls_valid = 0;
  if (k > 0 && k - at(c, k - 1)->head + 1 < MAX_GROUP &&
      continues(at(c, k - 1), s))
    s->head = at(c, k - 1)->head;
  {
    slot *h = at(c, s->head);
    if (s->local != CL_EMPTY && s->local != CL_HARD) {
      para_add(&h->agg, &s->f);
      h->agg_cls_valid = 0;
    }
  }
  c->pushed = k + 1;
  while (c->pushed - c->judged > JUDGE_LAG)
    judge(c, c->judged++);
  while (c->judged >= c->decided + 2 * SMOOTH_LAG)
    if ((st = decide_group(c, c->decided + 2 * SMOOTH_LAG, emit, user)) != BOILOFF_OK)
      return st;
  return BOILOFF_OK;
}

void boiloff__classifier_set_title(boiloff__classifier *c, const char *text,
                                   size_t len)
{
  if (c->title_taken)
    return;
  c->title_taken = 1;
  c->title_words = boiloff__prefix_hashes(text, len, c->title_prefix, TITLE_WORDS);
}

boiloff_status boiloff__classifier_finish(boiloff__classifier *c,
                                          boiloff__emit_fn emit, void *user)
{
  boiloff_status st;
  while (c->judged < c->pushed)
    judge(c, c->judged++);
  while (c->decided < c->pushed) {
    unsigned long long stop = c->decided + 2 * SMOOTH_LAG;
    if ((st = decide_group(c, stop < c->pushed ? stop : c->pushed, emit, user)) != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

void boiloff__classifier_reset(boiloff__classifier *c)
{
  size_t i;
  if (c->model != c->text_model)
    use_model(c, c->text_model); /* the next page may be text */
  for (i = 0; i < RING; i++)
    boiloff__buf_clear(&c->ring[i].text);
  c->pushed = c->judged = c->decided = 0;
  c->chain_started = 0;
  c->text_seen = c->last_text = 0;
  c->recent_n = 0;
  c->recent_hard = c->recent_good = c->recent_comments = 0;
  c->families_after_text = 0;
  c->text_chars_seen = c->hard_since_text = 0;
  c->share_at = 0;
  c->longest_text = 0;
  c->comment_lines = c->thread_lines = 0;
  c->title_taken = 0;
  c->title_line = 0;
  c->title_given = 0;
  c->title_words = 0;
  c->content_kept = 0;
  c->html = 0;
  memset(c->seen, 0, sizeof c->seen);
  c->seen_count = 0;
}

void boiloff__classifier_free(boiloff__classifier *c)
{
  size_t i;
  if (!c)
    return;
  for (i = 0; i < RING; i++)
    boiloff__buf_free(&c->ring[i].text);
  boiloff__free(c->alloc, c);
}

void boiloff__classifier_observe(boiloff__classifier *c,
                                 boiloff__observe_fn fn, void *user)
{
  c->observe = fn;
  c->observe_user = user;
}

void boiloff__classifier_set_model(boiloff__classifier *c,
                                   const struct boiloff__model *model)
{
  use_model(c, model);
  c->text_model = model;
  c->html_model = NULL;
}
