/* records.h - files of many pages: WARC, WET (WARC conversion records) and
 * JSON Lines.  Each record is cleaned on its own, with its own charset and
 * site (the host of its URL), and comes out as one JSON line or one WET
 * conversion record; a bad record is counted, kept in the rejects file and
 * skipped, and the records after it are cleaned. */
#ifndef BOILOFF_CLI_RECORDS_H
#define BOILOFF_CLI_RECORDS_H

#include <stddef.h>
#include <stdio.h>

#include "boiloff.h"
#include "filter.h"
#include "options.h"
#include "rejects.h"
#include "spill.h"
#include "warc.h"

enum records_kind { RECORDS_NONE, RECORDS_WARC, RECORDS_JSONL };

struct records_counts {
  unsigned long long records; /* records (or JSON lines) read, bad ones too */
  unsigned long long cleaned;
  unsigned long long skipped; /* record types and payloads not cleaned */
  unsigned long long bad[BAD_KINDS];
  unsigned long long bytes_in, bytes_out, blocks_kept, blocks_dropped;
};

/* Names of the bad kinds, for messages and the report ("truncated_gzip"...). */
extern const char *const records_bad_names[BAD_KINDS];
unsigned long long records_bad_total(const struct records_counts *c);

/* What the first bytes of an input are (n >= 64 where the input has them):
 * WARC (plain or gzip'd), or RECORDS_NONE. */
enum records_kind records_detect(const char *p, size_t n);

struct records_job {
  const struct cli_options *o;
  const boiloff_profile *profile; /* NULL = none */
  struct rejects *rejects;        /* NULL = none */
  const char *name;               /* the input, for messages */
  enum records_kind kind;
  int flush_each; /* flush after each record (a pipe) */
  /* Threads that clean: with 2 or more (and no renderings kept), records
   * are cleaned on that many workers and written in input order. */
  unsigned threads;
  /* Batch mode's renderings (spill.h): where counting keeps those of the
   * HTML records, and where cleaning finds them (frames_len 0: none). */
  struct spill *spill;
  int frames_fd;
  unsigned long long frames_off, frames_len;
};

/* Cleans every record of fd (after the n bytes of `prefix` already read
 * from it) to `out`.  Bad records are reported on stderr and counted.
 * Returns FILTER_OK, FILTER_READ_ERROR (*err), FILTER_WRITE_ERROR (*err)
 * or FILTER_INTERRUPTED. */
enum filter_code records_clean(const struct records_job *job, int fd,
                               const char *prefix, size_t n, FILE *out,
                               struct records_counts *c, int *err);

/* Site learning's first pass: counts the lines of every record of fd into
 * `profile` under the host of its URL.  Bad records are not counted (nor
 * reported: the cleaning pass does that).  With job->spill, the renderings
 * of the HTML records are kept there, in frames. */
void records_count(const struct records_job *job, int fd,
                   boiloff_profile *profile);

/* Batch mode: what an input is, by the options (--warc, --jsonl) or its
 * name (.warc, .warc.gz, .wet, .wet.gz: WARC).  RECORDS_NONE = a page. */
enum records_kind records_kind_of_name(const struct cli_options *o,
                                       const char *name);
/* Batch mode with --warc or --jsonl and no --include: is `name` one of
 * *.warc, *.warc.gz, *.wet, *.wet.gz (--warc) or *.jsonl, *.jsonl.gz
 * (--jsonl)? */
int records_default_include(const struct cli_options *o, const char *name);
/* Batch mode: may a walk with these options list a record file?  Yes
 * with --warc or --jsonl, or an --include that a WARC name can match;
 * not with the default "*.txt" or such as "*.html". */
int records_may_list(const struct cli_options *o);
/* The output path of a record file (malloc'd; NULL when out of memory):
 * `rel` without ".gz" (outputs are not compressed), and ".jsonl" added
 * unless the output is WET or the name already ends in ".jsonl". */
char *records_output_rel(const struct cli_options *o, const char *rel);

/* The site of a URL: its host, lower-cased, without port or user. */
void records_site_of_url(const char *url, size_t n, char *out, size_t size);

#endif
