/* block_hint.h - what an HTML page's markup tells of a block beyond its
 * text.  The HTML front end (html.c) fills it; text input has none. */
#ifndef BOILOFF_BLOCK_HINT_H
#define BOILOFF_BLOCK_HINT_H

/* What an HTML page tells of a block beyond its text (the HTML front end
 * fills it; text input has none). */
enum {
  BOILOFF__HINT_NAV = 1u << 0,       /* inside <nav> or role=navigation */
  BOILOFF__HINT_HEADER = 1u << 1,    /* inside the page's <header> */
  BOILOFF__HINT_FOOTER = 1u << 2,    /* inside <footer> or role=contentinfo */
  BOILOFF__HINT_ASIDE = 1u << 3,     /* inside <aside> or role=complementary */
  BOILOFF__HINT_FORM = 1u << 4,      /* inside <form>, a button or a select */
  BOILOFF__HINT_HIDDEN = 1u << 5,    /* hidden, aria-hidden, display:none */
  BOILOFF__HINT_MAIN = 1u << 6,      /* inside <main>, <article> */
  BOILOFF__HINT_HEADING = 1u << 7,   /* <h1>..<h6> */
  BOILOFF__HINT_PARAGRAPH = 1u << 8, /* <p> */
  BOILOFF__HINT_LIST_ITEM = 1u << 9, /* <li>, <dd>, <dt> */
  BOILOFF__HINT_TABLE = 1u << 10,    /* inside a table cell */
  BOILOFF__HINT_CAPTION = 1u << 11,  /* <figcaption>, <caption> */
  BOILOFF__HINT_QUOTE = 1u << 12,    /* <blockquote>, <q> */
  BOILOFF__HINT_PRE = 1u << 13,      /* <pre>, <code> */
  /* Not a block: the page's <title>, which the HTML front end passes on
   * once, for boiloff__classifier_set_title. */
  BOILOFF__HINT_TITLE = 1u << 14,
  /* Inside <noscript>: a browser that runs scripts never shows it. */
  BOILOFF__HINT_NOSCRIPT = 1u << 15
};

typedef struct boiloff__block_hint {
  unsigned flags;          /* BOILOFF__HINT_* */
  double link_density;     /* share of the block's characters inside <a> */
  unsigned class_families; /* bit f: a class or id word of an ancestor
                              names family f ("share", "cookie-banner") */
  unsigned heading_level;  /* 1..6 for headings, else 0 */
  unsigned container;      /* id of the element around the block's box
                              (the nearest element around its text that
                              is not inline), ids counted in page order
                              from 1; 0: none */
  unsigned container2;     /* id of the element around that one, or 0 */
} boiloff__block_hint;

#endif
