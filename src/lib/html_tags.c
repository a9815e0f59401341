/* html_tags.c - the HTML elements the renderer knows. */
#include <config.h>

#include <pthread.h>
#include <string.h>

#include "ascii.h"
#include "block_hint.h"
#include "html_tags.h"

static const boiloff__html_tag tags[] = {
    {"a", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_LINK, 0, 0},
    {"applet", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"article", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_MAIN},
    {"aside", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_ASIDE},
    {"blockquote", BOILOFF__LAYOUT_BLANK, 0, 0, BOILOFF__HINT_QUOTE},
    {"body", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_PAGE, 0, 0},
    {"br", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"button", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_FORM},
    {"caption", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_CAPTION},
    {"code", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_PRE},
    {"dd", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_LIST_ITEM},
    {"details", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"div", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"dl", BOILOFF__LAYOUT_BLANK, 0, 0, 0},
    {"dt", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_LIST_ITEM},
    {"fieldset", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_FORM},
    {"figcaption", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_CAPTION},
    {"figure", BOILOFF__LAYOUT_BLANK, 0, 0, 0},
    {"footer", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_FOOTER},
    /* No FORM hint for <form> itself: ASP.NET pages wrap everything in one. */
    {"form", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"frame", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"frameset", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"h1", BOILOFF__LAYOUT_BLANK, 0, 1, BOILOFF__HINT_HEADING},
    {"h2", BOILOFF__LAYOUT_BLANK, 0, 2, BOILOFF__HINT_HEADING},
    {"h3", BOILOFF__LAYOUT_BLANK, 0, 3, BOILOFF__HINT_HEADING},
    {"h4", BOILOFF__LAYOUT_BLANK, 0, 4, BOILOFF__HINT_HEADING},
    {"h5", BOILOFF__LAYOUT_BLANK, 0, 5, BOILOFF__HINT_HEADING},
    {"h6", BOILOFF__LAYOUT_BLANK, 0, 6, BOILOFF__HINT_HEADING},
    {"header", BOILOFF__LAYOUT_LINE, BOILOFF__TAG_MAINISH, 0,
     BOILOFF__HINT_HEADER},
    {"hr", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"html", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_PAGE, 0, 0},
    {"iframe", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"legend", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_FORM},
    {"li", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_LIST_ITEM},
    {"main", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_MAIN},
    {"menu", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_NAV},
    {"nav", BOILOFF__LAYOUT_LINE, 0, 0, BOILOFF__HINT_NAV},
    {"noembed", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"ol", BOILOFF__LAYOUT_BLANK, 0, 0, 0},
    {"option", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_FORM},
    {"p", BOILOFF__LAYOUT_BLANK, 0, 0, BOILOFF__HINT_PARAGRAPH},
    {"pre", BOILOFF__LAYOUT_BLANK, 0, 0, BOILOFF__HINT_PRE},
    {"q", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_QUOTE},
    {"script", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"select", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_FORM},
    {"style", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"svg", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"table", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"td", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_TABLE},
    {"template", BOILOFF__LAYOUT_INLINE, BOILOFF__TAG_DROP, 0, 0},
    {"textarea", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_FORM},
    {"th", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_TABLE},
    /* The <title> is metadata, not body text; it also repeats the headline,
     * which the classifier would then drop as a repeat. */
    {"title", BOILOFF__LAYOUT_BLANK, BOILOFF__TAG_DROP | BOILOFF__TAG_TITLE, 0,
     0},
    {"tr", BOILOFF__LAYOUT_LINE, 0, 0, 0},
    {"ul", BOILOFF__LAYOUT_BLANK, 0, 0, 0}};

static const boiloff__html_tag inline_tag = {"", BOILOFF__LAYOUT_INLINE, 0, 0,
                                             0};

/* A hash of the names, made once: a binary search's every step is a
 * branch no predictor can learn, and there is a lookup per element. */
#define N_TAGS (sizeof tags / sizeof tags[0])
#define SLOTS 256 /* a power of two, some four times N_TAGS */
static unsigned char slot_tag[SLOTS]; /* 1 + index into tags, 0: empty */
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static void make_slots(void)
{
  size_t i;
  for (i = 0; i < N_TAGS; i++) {
    unsigned h = boiloff__name_hash(tags[i].name, strlen(tags[i].name), SLOTS);
    while (slot_tag[h])
      h = (h + 1) & (SLOTS - 1);
    slot_tag[h] = (unsigned char)(i + 1);
  }
}

const boiloff__html_tag *boiloff__html_tag_lookup(const char *name)
{
  size_t len = strlen(name);
  unsigned h;
  pthread_once(&slots_once, make_slots);
  if (len == 0)
    return &inline_tag;
  for (h = boiloff__name_hash(name, len, SLOTS); slot_tag[h];
       h = (h + 1) & (SLOTS - 1)) {
    const boiloff__html_tag *t = &tags[slot_tag[h] - 1];
    if (boiloff__strcmp_first(name, t->name) == 0)
      return t;
  }
  return &inline_tag;
}
