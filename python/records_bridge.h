/* records_bridge.h - the command's reader of record files (WARC, WET,
 * JSON Lines) for the Python module: one file counted into a profile
 * (site learning's first pass) or cleaned into an open file, as batch
 * mode does it, so that the distributed run writes the command's bytes.
 * Compiled into the extension with the command's record modules. */
#ifndef BOILOFF_PY_RECORDS_BRIDGE_H
#define BOILOFF_PY_RECORDS_BRIDGE_H

#include <stddef.h>

#include "boiloff.h"

/* What a file holds, as batch mode decides it (records.h). */
enum { BO_PAGE = 0, BO_WARC = 1, BO_JSONL = 2 };

struct bo_records_options {
  const boiloff_options *lib;
  int warc, jsonl;        /* --warc, --jsonl */
  int wet;                /* --format=wet: WET records out, not JSON lines */
  const char *field;      /* --field; NULL: "text" */
  const char *html_field; /* --html-field; NULL: none */
  int jsonl_stats;        /* --jsonl-stats */
};

enum {
  BO_RECORDS_OK = 0,
  BO_RECORDS_READ_ERROR = 1,
  BO_RECORDS_WRITE_ERROR = 2,
  BO_RECORDS_REJECTS_ERROR = 3
};

struct bo_records_result {
  unsigned long long records, cleaned, skipped, bad;
  unsigned long long bytes_in, bytes_out, blocks_kept, blocks_dropped;
};

/* BO_PAGE, BO_WARC or BO_JSONL: how batch mode reads the file `name`. */
int bo_records_kind(const struct bo_records_options *ro, const char *name);

/* With --warc or --jsonl and no --include: does batch mode list `name`? */
int bo_records_default_include(const struct bo_records_options *ro,
                               const char *name);

/* The output path of the record file `rel` (malloc'd; NULL: no memory). */
char *bo_records_output_rel(const struct bo_records_options *ro,
                            const char *rel);

/* Counts every good record of `path` into `profile` under the host of
 * its URL.  0, or -1 with errno set when the file cannot be opened. */
int bo_records_count(const struct bo_records_options *ro, const char *path,
                     boiloff_profile *profile);

/* Cleans every record of `path` into the open file `out_fd` (left open),
 * with `profile` (NULL: none).  Bad records are reported on stderr,
 * counted in *res and skipped; with `rejects_fd` >= 0 (left open) they
 * are also written there as they were, as --rejects does.  Returns
 * BO_RECORDS_OK, or what failed with its errno in *err: then the output
 * (or the rejects) is incomplete. */
int bo_records_clean(const struct bo_records_options *ro, const char *path,
                     int out_fd, int rejects_fd,
                     const boiloff_profile *profile,
                     struct bo_records_result *res, int *err);

#endif
