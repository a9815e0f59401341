/* output.h - writes the blocks of a document in one of the output formats
 * (text, explain, jsonl, xml) to a stdio stream, counting bytes and keeping
 * the first write error. */
#ifndef BOILOFF_CLI_OUTPUT_H
#define BOILOFF_CLI_OUTPUT_H

#include <stdio.h>

#include "boiloff.h"
#include "options.h"

struct output {
  FILE *fp; /* borrowed */
  enum output_format format;
  void *xml;                /* xmlTextWriterPtr of the current document */
  int line_open;            /* text: a continued line is not ended yet */
  int error;                /* errno of the first write failure; 0 = none */
  unsigned long long bytes; /* bytes written since output_init */
  char *scratch;            /* escaping buffer */
  size_t scratch_cap;
};

/* Once, before threads: loads libxml2 when the format is xml (its own
 * messages not printed); -1, with a message, when it cannot be loaded. */
int output_global_init(enum output_format format);

void output_init(struct output *o, FILE *fp, enum output_format format);
/* Starts a document (xml: <document source=...>; `source` may be NULL). */
int output_begin(struct output *o, const char *source);
/* Writes one block; the block_fn of the library calls it.  0 or -1. */
int output_block(struct output *o, const boiloff_block *b);
/* Ends the document and flushes.  0 or -1 (o->error set). */
int output_end(struct output *o);
/* Flushes what is buffered (after each chunk, so output streams). */
int output_flush(struct output *o);
/* Frees the document state and scratch; does not close fp.  An xml
 * document not ended is dropped: nothing more is written to fp. */
void output_free(struct output *o);

/* block_fn for boiloff_new(): user is a struct output **, so one context
 * can be pointed at a new output for each document. */
int output_block_fn(void *user, const boiloff_block *b);

#endif
