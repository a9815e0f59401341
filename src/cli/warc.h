/* warc.h - WARC/1.0 and 1.1 records (ISO 28500): the reader, which checks
 * each record's framing (version line, Content-Length, the CRLF CRLF after
 * the block) and skips a bad record to the next "WARC/" line, and the
 * writer of WET-style conversion records. */
#ifndef BOILOFF_CLI_WARC_H
#define BOILOFF_CLI_WARC_H

#include <stddef.h>
#include <stdio.h>

#include "rbuf.h"

/* Why a record was bad; also the report's counters (see records.h). */
enum bad_kind {
  BAD_GZIP,      /* a truncated or corrupt gzip member */
  BAD_LENGTH,    /* Content-Length does not match the record */
  BAD_HEADER,    /* no WARC header, or no Content-Length */
  BAD_TOO_LARGE, /* larger than --max-size */
  BAD_JSON,      /* a JSON line that does not parse */
  BAD_FIELD,     /* the field to clean is missing or not a string */
  BAD_CLEAN,     /* the cleaner failed on the record (binary...) */
  BAD_KINDS
};

/* A string inside the record (not NUL-terminated). */
struct span {
  const char *p;
  size_t n;
};

struct warc_record {
  struct span type, uri, id, date, content_type; /* WARC header fields */
  const char *block; /* the record's content block */
  size_t block_len;
  const char *raw; /* the whole record as read (header..trailer) */
  size_t raw_len;
};

enum warc_result { WARC_RECORD, WARC_EOF, WARC_BAD, WARC_ERROR };

struct warc_reader {
  struct rbuf *in;
  size_t max_block;    /* larger blocks are BAD_TOO_LARGE */
  size_t consume;      /* bytes of the last record, consumed on next call */
  enum bad_kind bad;   /* of the last WARC_BAD */
  const char *gap_why; /* a damaged member met while rejecting */
  char why[160];       /* message of the last WARC_BAD */
};

void warc_reader_init(struct warc_reader *r, struct rbuf *in, size_t max_block);
/* The next record (valid until the next call), WARC_BAD (r->bad, r->why;
 * its bytes went to the rbuf's reject function), WARC_EOF, or WARC_ERROR
 * (read error: r->in->err). */
enum warc_result warc_next(struct warc_reader *r, struct warc_record *rec);

/* Case-insensitive: does span s equal the C string t? */
int span_eq(struct span s, const char *t);

/* Writes a warcinfo record naming the software (the start of a WET file). */
int warc_write_info(FILE *f, const char *software);
/* Writes a conversion record of `text` (text/plain), derived from the
 * record `refers_to` of `uri` made at `date`.  0 or -1 (ferror). */
int warc_write_conversion(FILE *f, struct span uri, struct span date,
                          struct span refers_to, const char *text, size_t len);

#endif
