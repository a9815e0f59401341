/* html_tags_table.h - the HTML elements the renderer knows, as a table
 * that html_tags.c and build-aux/gen-tag-slots (its hash table, made at
 * build time) both include, so that the two agree by construction. */
#ifndef BOILOFF_HTML_TAGS_TABLE_H
#define BOILOFF_HTML_TAGS_TABLE_H

#include "block_hint.h"
#include "html_tags.h"

static const boiloff__html_tag boiloff__html_tags[] = {
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
    /* Rendered as text (libxml2 parses its markup), and marked. */
    {"noscript", BOILOFF__LAYOUT_INLINE, 0, 0, BOILOFF__HINT_NOSCRIPT},
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

#define BOILOFF__N_HTML_TAGS \
  (sizeof boiloff__html_tags / sizeof *boiloff__html_tags)

#endif
