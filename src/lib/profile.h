/* profile.h - internal helpers of the site profile (profile.c).
 *
 * The classifier asks the profile how common a block is on its site; the
 * tests reach the normalisation.  All of these only read the profile, so a
 * profile shared by several threads (batch mode) needs no lock as long as
 * nobody adds to it meanwhile.
 */
#ifndef BOILOFF_PROFILE_H
#define BOILOFF_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "boiloff.h"
#include "buf.h"

/* Appends the normalised form of line[0..len) to `out` (see profile.c:
 * UTF-8 decoded with a windows-1252 fallback per invalid byte, simple case
 * folding, every run of digits -> "0", every run of white space or control
 * characters -> one space, no leading or trailing space).  An empty result
 * means the line is not counted.  BOILOFF_ERR_NOMEM on failure. */
boiloff_status boiloff__profile_normalize(const char *line, size_t len,
                                          boiloff__buf *out);

/* The key of a line: 64-bit FNV-1a of its normalised form, computed without
 * allocating.  Sets *empty to 1 (and returns 0) when the normalised line is
 * empty, else to 0. */
uint64_t boiloff__profile_line_key(const char *line, size_t len, int *empty);

/* The share of the pages of `site` (NULL = "") on which `line` occurs: a
 * number in 0..1; 0 when the site is unknown, has no pages, or the line
 * normalises to nothing.  When `pages_of_site` is not NULL it receives the
 * number of pages counted for the site (0 if unknown), so the caller can
 * apply an absolute threshold as well as a relative one.  `profile` NULL
 * gives 0.  Thread-safe on a profile nobody modifies. */
double boiloff__profile_share(const boiloff_profile *profile, const char *site,
                              const char *line, size_t len,
                              unsigned long *pages_of_site);

/* Thresholds for treating a line as site furniture: low, because a line
 * repeated across a site's pages is furniture even on a large site that
 * varies its menus (chosen on CleanPortal's sites; doc/EVALUATION.md). */
#define BOILOFF__SITE_SHARE 0.1
#define BOILOFF__SITE_MIN_COUNT 3
#define BOILOFF__SITE_MIN_PAGES 5

/* 1 when `line` is furniture of `site` by the thresholds above, else 0
 * (also for a NULL profile).  The classifier may still keep the line when
 * the evidence that it is content is strong. */
int boiloff__profile_is_furniture(const boiloff_profile *profile,
                                  const char *site, const char *line,
                                  size_t len);

/* Same as boiloff_profile_count() but with a precomputed key. */
unsigned long boiloff__profile_count_key(const boiloff_profile *profile,
                                         const char *site, uint64_t key);

/* boiloff_profile_merge_many() in `parts` parts of the table (at most 64;
 * 0: one per thread where the parts are big enough for threads, else one,
 * as merge_many does).  More parts than threads leave more entries waiting
 * for the end of the merge: the tests reach that path this way. */
boiloff_status
boiloff__profile_merge_parts(boiloff_profile *profile,
                             const boiloff_profile *const *others, size_t n,
                             unsigned threads, unsigned parts);

#endif
