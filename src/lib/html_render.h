/* html_render.h - text nodes and layout requests to lines, by the rules the
 * corpus's text was made with (html-text): a text node is
 * whitespace-collapsed and joined to the previous one by a space unless
 * punctuation says otherwise; block elements ask for a line break or a
 * blank line, and consecutive requests merge.  Text is rendered as it
 * streams in, so a huge node costs no more memory than the line cap: a
 * longer line is passed on in pieces, all but the last `continued`. */
#ifndef BOILOFF_HTML_RENDER_H
#define BOILOFF_HTML_RENDER_H

#include <stddef.h>

#include "block_hint.h"
#include "boiloff.h"
#include "buf.h"

/* Receives each block (no line terminator; an empty block is a blank
 * line).  The text and hint are borrowed for the call. */
typedef boiloff_status (*boiloff__html_block_fn)(
    void *user, const char *text, size_t len, int continued,
    const boiloff__block_hint *hint);

/* What the open elements give the text inside them. */
typedef struct boiloff__html_context {
  unsigned flags;      /* BOILOFF__HINT_* */
  unsigned families;   /* class/id word families */
  unsigned level;      /* heading level, or 0 */
  int link;            /* inside <a> */
  unsigned container;  /* the text's box's parent box, by id (or 0) */
  unsigned container2; /* and that one's parent box */
} boiloff__html_context;

typedef struct boiloff__html_render {
  size_t max_line;
  boiloff__html_block_fn fn; /* where the lines go; set by the caller */
  void *user;
  int prev;           /* what came last: text, a line end, a blank line */
  unsigned breaks;    /* line ends owed before the next text */
  int prev_space_end; /* the last text node ended in whitespace */
  int prev_paren_end; /* ... or with '(' */
  int node_started;   /* the current text node has shown a non-space */
  int node_space;     /* whitespace pending inside the current node */
  int node_space_end; /* the current node's last character was a space */
  int node_paren_end;
  boiloff__buf line;
  boiloff__block_hint hint;                  /* of the line being built */
  int line_fresh;                            /* no text node in the line yet */
  unsigned long long line_chars, link_chars; /* non-space bytes */
} boiloff__html_render;

/* `max_line`: the line cap in bytes (at least 16). */
void boiloff__html_render_init(boiloff__html_render *r,
                               const boiloff_allocator *a, size_t max_line);
/* Ready for a new page. */
void boiloff__html_render_reset(boiloff__html_render *r);
void boiloff__html_render_free(boiloff__html_render *r);

/* An element asks for BOILOFF__LAYOUT_* around it. */
void boiloff__html_render_layout(boiloff__html_render *r, int layout);
/* n more bytes of the current text node, inside `ctx`.  A status other
 * than BOILOFF_OK comes from fn or is out of memory. */
boiloff_status boiloff__html_render_text(boiloff__html_render *r,
                                         const unsigned char *s, size_t n,
                                         const boiloff__html_context *ctx);
/* The current text node ends (an element starts or ends). */
void boiloff__html_render_node_end(boiloff__html_render *r);
/* The page ends: passes the last line. */
boiloff_status boiloff__html_render_finish(boiloff__html_render *r);

#endif
