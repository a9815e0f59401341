/* site_counts.h - batch mode's first pass: each site's counts, and the
 * profile they make.
 *
 * Each worker counts a page into a profile of its own for the page's
 * bucket.  When the run keeps no counts (no --save-profile) and lists
 * no record files, a bucket is a site: once the walk has left it and
 * every page of it is counted, its workers' profiles are merged, pruned
 * to the lines that can be furniture (boiloff_profile_prune) and added
 * to the learned profile.  Memory then holds the sites being counted
 * and the furniture of the others, not every line of the crawl.
 * Otherwise one bucket spans all sites and merges at the end.
 * Thread-safe: the walk lists and closes sites while workers count.
 */
#ifndef BOILOFF_CLI_SITE_COUNTS_H
#define BOILOFF_CLI_SITE_COUNTS_H

#include "boiloff.h"

struct site_counts;

/* Counts for `jobs` workers; `by_site`: a bucket per site, pruned when
 * complete.  NULL when out of memory. */
struct site_counts *site_counts_new(long jobs, int by_site);
void site_counts_free(struct site_counts *sc);

/* An item of `site` is listed: its bucket, or -1 when out of memory
 * (the run then cannot learn). */
long site_counts_listed(struct site_counts *sc, const char *site);
/* No more items of `site` will be listed (the walk left its directory). */
void site_counts_close(struct site_counts *sc, const char *site);
/* The list is complete. */
void site_counts_close_all(struct site_counts *sc);

/* The profile worker `w` counts the next page of `bucket` into; NULL
 * when out of memory. */
boiloff_profile *site_counts_profile(struct site_counts *sc, long bucket,
                                     long w);
/* A page could not be counted for want of `status` (memory): the
 * learned profile would miss it, so site_counts_finish() fails. */
void site_counts_failed(struct site_counts *sc, boiloff_status status);
/* An item of `bucket` is counted, or left out: its site may be complete,
 * and is then folded into the learned profile by this thread. */
void site_counts_done(struct site_counts *sc, long bucket);

/* The learned profile, with what is still open folded in (the caller
 * frees it); NULL with *status set when memory ran out on the way. */
boiloff_profile *site_counts_finish(struct site_counts *sc,
                                    boiloff_status *status);

#endif
