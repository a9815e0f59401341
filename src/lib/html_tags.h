/* html_tags.h - what each HTML element means to the renderer: the layout
 * it asks for, whether its content is text, and the hint it gives. */
#ifndef BOILOFF_HTML_TAGS_H
#define BOILOFF_HTML_TAGS_H

/* What an element asks of the layout (html-text's NEWLINE_TAGS and
 * DOUBLE_NEWLINE_TAGS). */
enum { BOILOFF__LAYOUT_INLINE, BOILOFF__LAYOUT_LINE, BOILOFF__LAYOUT_BLANK };

/* Per-tag properties. */
enum {
  /* Its content is never text (script, style...). */
  BOILOFF__TAG_DROP = 1u << 0,
  /* <a>: its text counts towards link density. */
  BOILOFF__TAG_LINK = 1u << 1,
  /* <header> is the page's only outside <article>. */
  BOILOFF__TAG_MAINISH = 1u << 2,
  /* <html>, <body>: their classes describe the page ("has-sidebar
   * comments-open"), not a part of it. */
  BOILOFF__TAG_PAGE = 1u << 3,
  /* <title>: dropped, but kept apart as the title. */
  BOILOFF__TAG_TITLE = 1u << 4
};

typedef struct boiloff__html_tag {
  const char *name;
  unsigned char layout; /* BOILOFF__LAYOUT_* */
  unsigned char props;  /* BOILOFF__TAG_* */
  unsigned char level;  /* heading level */
  unsigned hint;        /* BOILOFF__HINT_* the element gives its text */
} boiloff__html_tag;

/* A hash table of the known elements, made at build time by
 * build-aux/gen-tag-slots: slot[h] is 1 + the element's index in
 * html_tags_table.h, 0 for none; an element is in the slot of
 * boiloff__name_hash or, taken, the next free one after it.  A binary
 * search's every step is a branch no predictor learns, and there is a
 * lookup per element. */
#define BOILOFF__TAG_SLOTS 256
extern const unsigned char boiloff__html_tag_slot[BOILOFF__TAG_SLOTS];

/* The element named `name` (lower case, as libxml2 gives it); an unknown
 * one is inline and gives nothing.  Never NULL. */
const boiloff__html_tag *boiloff__html_tag_lookup(const char *name);

#endif
