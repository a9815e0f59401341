/* html.h - HTML pages to blocks, streaming, through libxml2's HTML push
 * parser (SAX only: no tree is built).
 *
 * The blocks are the lines the text path would see for the same page:
 * the rendering rules of the evaluation corpus (those of the html-text
 * library) are followed, so line breaks come around block elements, a
 * blank line around paragraphs and headings, whitespace is collapsed and
 * adjacent inline elements are joined by one space except before , : ; .
 * ! ? " ) and after (.  Each block carries what the markup says of it
 * (boiloff__block_hint): the kind of element, nav/footer/aside/form
 * ancestry, class and id words, hidden elements and its link density.
 * script, style, template, svg, iframe, frames and the <title> (metadata,
 * and a repeat of the headline) are dropped.
 *
 * Memory is bounded: the element stack is capped at BOILOFF__HTML_MAX_DEPTH
 * (deeper elements take their parent's hint), and a block longer than the
 * line cap is passed on in pieces, all but the last marked `continued`.
 * libxml2 decodes the page (BOM, <meta charset>, or the charset forced in
 * the options); blocks are UTF-8.
 */
#ifndef BOILOFF_HTML_H
#define BOILOFF_HTML_H

#include <stddef.h>

#include "boiloff.h"
#include "block_hint.h"
#include "html_render.h"

#define BOILOFF__HTML_MAX_DEPTH 256
/* The bytes of the page's <title> passed on (BOILOFF__HINT_TITLE), at
 * most; the line cap does not apply to it. */
#define BOILOFF__HTML_TITLE_BYTES 512

typedef struct boiloff__html boiloff__html;

/* The longest block the front end gives: the options' line cap, but never
 * below 16 bytes. */
size_t boiloff__html_line_cap(const boiloff_options *opts);

/* `opts` is read for from_code (copied) and max_line_bytes.  NULL when out
 * of memory. */
boiloff__html *boiloff__html_new(const boiloff_allocator *a,
                                 const boiloff_options *opts);
/* Parses `len` more bytes; finished blocks go to `fn`.  A status other
 * than BOILOFF_OK returned by `fn` stops the parse and is returned. */
boiloff_status boiloff__html_feed(boiloff__html *h, const char *buf, size_t len,
                                  boiloff__html_block_fn fn, void *user);
/* Ends the page: closes what is open and passes the last block. */
boiloff_status boiloff__html_finish(boiloff__html *h, boiloff__html_block_fn fn,
                                    void *user);
/* Ready for a new page with the same options. */
void boiloff__html_reset(boiloff__html *h);
void boiloff__html_free(boiloff__html *h);

/* Invalid UTF-8 sequences met in a UTF-8 page, and the offset of the
 * first (0 if none). */
unsigned long long boiloff__html_invalid(const boiloff__html *h);
unsigned long long boiloff__html_error_offset(const boiloff__html *h);

#endif
