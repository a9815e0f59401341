/* html_input.h - what libxml2's HTML push parser is given, and when.
 *
 * libxml2 2.9's push parser gives other results for other chunk
 * boundaries (a boundary inside "</script>" loses the rest of the page),
 * and it holds whatever it has not parsed: a comment, a tag or a text
 * node without end grows its input without bound, and a tag's attributes
 * cost quadratic time.  So the bytes go through this scanner first.  It
 * follows the markup (text, tags with their quoted values, comments,
 * script and style bodies) as libxml2 reads it - "<!" that starts no
 * comment or DOCTYPE, and "</" or "<?" without a name, are text; a quote
 * holds a '>' only in a start tag's value - and:
 * - hands the bytes over in pieces whose ends depend on the content only:
 *   before a '<' in text, once HANDOFF bytes are waiting (so any read
 *   size gives libxml2 the same calls);
 * - caps what libxml2 must hold at once: a text run without markup gets an
 *   empty comment every TEXT_MAX bytes (libxml2 parses text only up to a
 *   '<'), and the bytes of a comment, of a script or style body and of a
 *   tag, and a tag's attributes, past their caps are skipped (a tag is
 *   closed there) - all at character boundaries;
 * - drops a script or style body when libxml2, given every byte up to the
 *   end of a start tag of either, has parsed them all and is inside such
 *   a body (it reads one as character data up to "</script" or "</style"
 *   in any case, whatever follows): the body is dropped up to there, so
 *   libxml2 is given the element empty and spends nothing on what
 *   html.c would ignore; a body it is not known to be inside (markup the
 *   two read apart) is passed on, as any bytes;
 * - when html.c sets `trims`, blanks in start tags the attributes that
 *   nothing reads (html_tag_trim.h), where the tag's quotes all open or
 *   close values (else libxml2's lookup for its end may read it
 *   otherwise), until a tag that libxml2 would end elsewhere (or, a
 *   script or style, not end empty where the scanner does), or an end
 *   tag after a body whose name runs past the body's: the two then read
 *   the rest of the page apart; when html.c also sets `removes`, they
 *   are removed, a comment's bytes after its leading dashes (nothing
 *   reads them) dropped, and a run of blanks in text (outside a <title>)
 *   shorter than BLANKS_KEPT passed as its first byte (the renderer makes
 *   any run one space), until then;
 * - writes a NUL in text as &#xFFFD; and drops it elsewhere;
 * - in a UTF-8 page, counts the invalid sequences (and stops at the
 *   first in strict mode).
 * Encodings that are not ASCII-compatible (UTF-16, UTF-32, ISO-2022...)
 * are passed through unchanged, in pieces of HANDOFF bytes. */
#ifndef BOILOFF_HTML_INPUT_H
#define BOILOFF_HTML_INPUT_H

#include <stddef.h>

#include "boiloff.h"
#include "buf.h"
#include "html_attributes.h"

/* Receives a piece for libxml2. */
typedef boiloff_status (*boiloff__html_input_fn)(void *user, const char *buf,
                                                 size_t len);
/* What became of the bytes offered up to a script or style start tag. */
enum boiloff__html_input_body {
  BOILOFF__BODY_KEPT,   /* not handed over: a cut there is not safe */
  BOILOFF__BODY_PASSED, /* handed over; what follows is passed on */
  BOILOFF__BODY_SCRIPT, /* handed over; libxml2 has parsed all of it and */
  BOILOFF__BODY_STYLE   /* is inside the body of a script or a style */
};
/* Offered the bytes waiting, which end with a script or style start tag
 * (as the scanner reads it); sets *outcome. */
typedef boiloff_status (*boiloff__html_input_body_fn)(void *user,
                                                      const char *buf,
                                                      size_t len, int *outcome);

/* Where the pieces go. */
typedef struct boiloff__html_input_sink {
  boiloff__html_input_fn piece;
  boiloff__html_input_body_fn body; /* NULL: no body is dropped */
  void *user;
} boiloff__html_input_sink;

enum boiloff__html_input_mode {
  BOILOFF__INPUT_MARKUP, /* an ASCII-compatible charset */
  BOILOFF__INPUT_UTF8,   /* ... that is UTF-8: checked */
  BOILOFF__INPUT_OPAQUE  /* UTF-16 and the like: passed through */
};

typedef struct boiloff__html_input {
  boiloff__buf out; /* scanned, not handed over yet */
  /* What class and id tokens name (html.c's; NULL: none), kept across
   * pages. */
  boiloff__class_memo *memo;
  int mode, strict;
  int state, discard;
  int probe;       /* libxml2 is to be asked about this body (probe_at: where */
  size_t probe_at; /* in `out` it begins) */
  unsigned char quote, prev, hist[3];
  int after_eq, in_space, end_tag, decl, pi, slash, name_done;
  int bang;      /* bytes of "doctype" after "<!" */
  int odd_quote; /* a quote in the tag that opens no value */
  int trims;     /* attributes may be blanked (set by html.c) */
  int removes;   /* ... and bytes removed: attributes, comments (html.c) */
  int eq;        /* the tag holds an '=': libxml2 may read it otherwise */
  int apart;     /* libxml2 read a tag otherwise: no more trims */
  size_t closes; /* an end tag after a body: its name's length */
  size_t tag_at; /* where in `out` the start tag begins (SIZE_MAX: none) */
  /* The bytes html.c gave libxml2 with its context, and where in them a
   * start tag begun there begins: read whole at its end. */
  unsigned char ctx[4];
  size_t ctx_len, ctx_at;
  unsigned long long tag_invalid; /* `invalid` where the tag began */
  char name[8];
  size_t name_len;
  const char *raw_end; /* "</script" or "</style" in their bodies */
  size_t raw_match;
  size_t dropped;   /* of the bytes the last skip passed, the body's last */
  size_t run;       /* bytes of the current text run, comment, tag or body */
  size_t attrs;     /* attributes of the current tag */
  size_t since_amp; /* bytes since the last '&' in text */
  /* Bytes of the run of blanks the text ends with, where they are
   * collapsed; and of the one before the last '<'. */
  size_t blanks, blanks_before_lt;
  /* Would a blank here change nothing the renderer makes?  After a start
   * tag (libxml2 calls back: a new text node) or a blank, until text. */
  int quiet;
  /* A run's first blank, held back while quiet; and the one before the
   * last '<', for a Word condition, which leaves the run going on. */
  unsigned char held, held_before_lt;
  int past_html; /* after an </html> end tag: nothing held */
  int in_title;  /* after a <title> start tag, before its end tag */
  /* Word's "<![if ...]>" or "<![endif]>": its bytes so far, its keyword
   * ("if" or "endif"; NULL: neither), `run` and `since_amp` before it. */
  size_t cond, cond_run, cond_amp;
  unsigned char handed_last; /* the last byte the parser has */
  const char *cond_kw;
  unsigned char u8[4];
  int u8n, u8need;
  unsigned long long offset, invalid, error_offset;
  int have_error_offset;
} boiloff__html_input;

void boiloff__html_input_init(boiloff__html_input *in,
                              const boiloff_allocator *a);
/* Ready for a page read in `mode`; `offset` input bytes come before. */
void boiloff__html_input_reset(boiloff__html_input *in, int mode, int strict,
                               unsigned long long offset);
void boiloff__html_input_free(boiloff__html_input *in);

/* Scans n more bytes; pieces that are ready go to the sink. */
boiloff_status boiloff__html_input_scan(boiloff__html_input *in, const char *s,
                                        size_t n,
                                        const boiloff__html_input_sink *sink);
/* The end of the page: what is left is in->out (for the last, terminating
 * call); BOILOFF_ERR_ENCODING in strict mode for a cut-off sequence. */
boiloff_status boiloff__html_input_end(boiloff__html_input *in);

/* Is a charset named so not ASCII-compatible? */
int boiloff__html_input_opaque_charset(const char *name);

#endif
