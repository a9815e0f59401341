/* options.h - the command line of boiloff: parsed once in main(). */
#ifndef BOILOFF_CLI_OPTIONS_H
#define BOILOFF_CLI_OPTIONS_H

#include <stddef.h>

#include "boiloff.h"

/* Exit statuses, listed in --help. */
enum {
  BOILOFF_EXIT_OK = 0,      /* every input cleaned */
  BOILOFF_EXIT_FAILURE = 1, /* some input (or the output) failed */
  BOILOFF_EXIT_USAGE = 2,   /* bad command line; nothing was done */
  BOILOFF_EXIT_SIGNAL = 128 /* + signal number: interrupted (130, 143) */
};

enum output_format {
  FORMAT_TEXT,
  FORMAT_EXPLAIN,
  FORMAT_JSONL,
  FORMAT_XML,
  FORMAT_WET /* records: a WARC file of conversion records */
};

#define DEFAULT_READ_SIZE 65536

struct cli_options {
  boiloff_options lib; /* passed to every boiloff_new() */
  enum output_format format;
  const char *output;      /* -o; NULL = standard output */
  int recursive;           /* -r */
  const char *files0_from; /* --files0-from */
  const char **includes;   /* --include globs; empty = "*.txt" */
  size_t nincludes;
  const char **excludes; /* --exclude globs */
  size_t nexcludes;
  long jobs;                /* -j; 0 = online CPUs */
  int update;               /* --update */
  const char *report;       /* --report */
  long site_depth;          /* --site-depth, default 1 */
  int site_learning;        /* off with --no-site-learning */
  const char *save_profile; /* --save-profile */
  const char *profile_path; /* --profile */
  const char *site;         /* --site */
  int merge_profiles;       /* --merge-profiles */
  int quiet, verbose;
  size_t read_size;       /* --read-size (testing aid), default 64 KiB */
  int warc;               /* --warc: inputs are WARC/WET (else detected) */
  int jsonl;              /* --jsonl: inputs are JSON Lines */
  const char *field;      /* --field, default "text" */
  const char *html_field; /* --html-field */
  int jsonl_stats;        /* --jsonl-stats */
  const char *rejects;    /* --rejects */
  char **operands;        /* borrowed from argv */
  int noperands;
};

/* Parses argv into `o`.  Returns -1 when --help or --version was printed
 * (exit 0), BOILOFF_EXIT_USAGE after printing a usage error, else 0. */
int options_parse(int argc, char **argv, struct cli_options *o);
void options_free(struct cli_options *o);

/* "123", "64K", "10M", "1G" (powers of 1024) -> *out; -1 on error. */
int options_parse_size(const char *s, size_t *out);

/* Prints "boiloff: error: MSG" and the --help hint on stderr. */
void options_usage_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
