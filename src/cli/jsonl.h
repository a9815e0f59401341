/* jsonl.h - JSON Lines: the line reader (each line at most --max-size
 * bytes; a damaged gzip member costs only its lines) and the objects,
 * parsed and written with json-c, so that every field other than the
 * cleaned one comes out as it went in. */
#ifndef BOILOFF_CLI_JSONL_H
#define BOILOFF_CLI_JSONL_H

#include <stddef.h>

#include "rbuf.h"
#include "warc.h" /* enum bad_kind */

enum jsonl_result { JSONL_LINE, JSONL_EOF, JSONL_BAD, JSONL_ERROR };

struct jsonl_reader {
  struct rbuf *in;
  size_t max_line;
  size_t consume;
  unsigned long long lineno; /* of the line returned last */
  enum bad_kind bad;
  char why[160];
};

void jsonl_reader_init(struct jsonl_reader *r, struct rbuf *in,
                       size_t max_line);
/* The next non-blank line (without its line end; valid until the next
 * call), JSONL_BAD (r->bad, r->why; the line went to the rejects),
 * JSONL_EOF or JSONL_ERROR (r->in->err). */
enum jsonl_result jsonl_next(struct jsonl_reader *r, const char **line,
                             size_t *len);

/* One JSON object at a time. */
struct jsonl_doc;
struct jsonl_doc *jsonl_doc_new(void);
void jsonl_doc_free(struct jsonl_doc *d);
/* Parses one line; 0, or -1 with the reason in why (not an object, syntax
 * error, trailing data, an integer out of range). */
int jsonl_parse(struct jsonl_doc *d, const char *line, size_t len, char *why,
                size_t why_size);
/* Starts an empty object (for records read from WARC). */
int jsonl_new_object(struct jsonl_doc *d);
/* The string field `name`: 0, or -1 when it is missing or not a string. */
int jsonl_get_string(const struct jsonl_doc *d, const char *name,
                     const char **s, size_t *n);
/* Sets (or replaces, in place) a field; 0 or -1 (out of memory). */
int jsonl_set_string(struct jsonl_doc *d, const char *name, const char *s,
                     size_t n);
int jsonl_set_counts(struct jsonl_doc *d, const char *name,
                     const char *const *keys, const unsigned long long *values,
                     size_t n);
/* The object as one line of JSON (without "\n"); NULL when out of memory.
 * Valid until the next call on d. */
const char *jsonl_dump(struct jsonl_doc *d, size_t *len);

#endif
