/* site_counts.c - batch mode's first pass: each site's counts, and the
 * profile they make (site_counts.h).
 *
 * A bucket holds one profile per worker, made when the worker first
 * counts a page of it.  A site bucket is complete when it is closed and
 * every item listed in it is done; the thread that sees that folds it:
 * merges its parts, prunes them and adds them to the learned profile.
 * Folding runs outside the lock that guards the buckets (a large site
 * takes a while), under one of its own for the learned profile.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "site_counts.h"

struct bucket {
  char *site;              /* "": the one bucket of all sites, too */
  size_t listed, done;     /* items */
  int closed;              /* no more items will be listed */
  boiloff_profile **parts; /* one per worker, made on first use */
};

struct site_counts {
  long jobs;
  int by_site;
  pthread_mutex_t mu; /* the buckets */
  struct bucket *buckets;
  size_t nbuckets, cap;
  long *slots; /* open addressing on the site name: bucket + 1, 0 = empty */
  size_t nslots;
  pthread_mutex_t learned_mu;
  boiloff_profile *learned; /* the first fold's sum; NULL before */
  boiloff_status status;    /* the first failure to fold, under learned_mu */
};

struct site_counts *site_counts_new(long jobs, int by_site)
{
  struct site_counts *sc = calloc(1, sizeof *sc);
  if (!sc)
    return NULL;
  sc->jobs = jobs;
  sc->by_site = by_site;
  pthread_mutex_init(&sc->mu, NULL);
  pthread_mutex_init(&sc->learned_mu, NULL);
  sc->status = BOILOFF_OK;
  return sc;
}

static void S_parts_free(struct site_counts *sc, struct bucket *bk)
{
  long w;
  for (w = 0; bk->parts && w < sc->jobs; w++)
    boiloff_profile_free(bk->parts[w]);
  free(bk->parts);
  bk->parts = NULL;
}

void site_counts_free(struct site_counts *sc)
{
  size_t i;
  if (!sc)
    return;
  for (i = 0; i < sc->nbuckets; i++) {
    S_parts_free(sc, &sc->buckets[i]);
    free(sc->buckets[i].site);
  }
  free(sc->buckets);
  free(sc->slots);
  boiloff_profile_free(sc->learned);
  pthread_mutex_destroy(&sc->mu);
  pthread_mutex_destroy(&sc->learned_mu);
  free(sc);
}

/* The slot of `site` in the table: its bucket's, or the empty one where
 * it would go.  Under mu, with at least one empty slot. */
static size_t S_slot(const struct site_counts *sc, const char *site)
{
  size_t mask = sc->nslots - 1,
         i = (size_t)boiloff__fnv1a(BOILOFF__FNV_OFFSET, site, strlen(site)) &
             mask;
  while (sc->slots[i] && strcmp(sc->buckets[sc->slots[i] - 1].site, site) != 0)
    i = (i + 1) & mask;
  return i;
}

/* Room for one more bucket, in the array and in the table (at most half
 * full).  Under mu. */
static int S_grow(struct site_counts *sc)
{
  if (sc->nbuckets == sc->cap) {
    size_t cap = sc->cap ? sc->cap * 2 : 64;
    struct bucket *b = realloc(sc->buckets, cap * sizeof *b);
    if (!b)
      return -1;
    sc->buckets = b;
    sc->cap = cap;
  }
  if ((sc->nbuckets + 1) * 2 > sc->nslots) {
    size_t n = sc->nslots ? sc->nslots * 2 : 128, i, old = sc->nslots;
    long *slots = calloc(n, sizeof *slots), *was = sc->slots;
    if (!slots)
      return -1;
    sc->slots = slots;
    sc->nslots = n;
    for (i = 0; i < old; i++)
      if (was[i])
        sc->slots[S_slot(sc, sc->buckets[was[i] - 1].site)] = was[i];
    free(was);
  }
  return 0;
}

long site_counts_listed(struct site_counts *sc, const char *site)
{
  long id = -1;
  size_t i;
  if (!sc->by_site)
    site = "";
  pthread_mutex_lock(&sc->mu);
  if (S_grow(sc) == 0) {
    i = S_slot(sc, site);
    if (sc->slots[i]) {
      id = sc->slots[i] - 1;
    } else {
      struct bucket *bk = &sc->buckets[sc->nbuckets];
      memset(bk, 0, sizeof *bk);
      if ((bk->site = strdup(site)) != NULL) {
        id = (long)sc->nbuckets++;
        sc->slots[i] = id + 1;
      }
    }
  }
  if (id >= 0)
    sc->buckets[id].listed++;
  pthread_mutex_unlock(&sc->mu);
  return id;
}

/* Adds the parts of a bucket to the learned profile, pruned when it is a
 * site's; frees them.  Nobody else holds the parts any more.  The first
 * sum becomes the learned profile, uncopied: the whole of it when one
 * bucket holds every site. */
static void S_fold(struct site_counts *sc, boiloff_profile **parts)
{
  boiloff_profile *sum = NULL;
  boiloff_status st = BOILOFF_OK;
  long w, n = 0;

  for (w = 0; w < sc->jobs; w++)
    if (parts[w])
      parts[n++] = parts[w];
  if (n) {
    sum = parts[0];
    /* (threads only when the parts are large: a crawl that is one site) */
    st = boiloff_profile_merge_many(sum,
                                    (const boiloff_profile *const *)parts + 1,
                                    (size_t)n - 1, (unsigned)sc->jobs);
    if (st == BOILOFF_OK && sc->by_site)
      st = boiloff_profile_prune(sum);
  }
  for (w = 1; w < n; w++)
    boiloff_profile_free(parts[w]);
  free(parts);
  pthread_mutex_lock(&sc->learned_mu);
  if (st == BOILOFF_OK && sum && !sc->learned) {
    sc->learned = sum;
    sum = NULL;
  } else if (st == BOILOFF_OK && sum) {
    st = boiloff_profile_merge(sc->learned, sum);
  }
  if (sc->status == BOILOFF_OK)
    sc->status = st;
  pthread_mutex_unlock(&sc->learned_mu);
  boiloff_profile_free(sum);
}

/* Takes the parts of a complete site bucket, under mu: the caller folds
 * them once it has let go of the lock.  NULL when there are none. */
static boiloff_profile **S_take_if_complete(struct site_counts *sc,
                                            struct bucket *bk)
{
  boiloff_profile **parts = NULL;
  if (sc->by_site && bk->closed && bk->done == bk->listed) {
    parts = bk->parts;
    bk->parts = NULL;
  }
  return parts;
}

void site_counts_close(struct site_counts *sc, const char *site)
{
  boiloff_profile **parts = NULL;
  size_t i;
  pthread_mutex_lock(&sc->mu);
  if (sc->by_site && sc->nslots && sc->slots[i = S_slot(sc, site)]) {
    struct bucket *bk = &sc->buckets[sc->slots[i] - 1];
    bk->closed = 1;
    parts = S_take_if_complete(sc, bk);
  }
  pthread_mutex_unlock(&sc->mu);
  if (parts)
    S_fold(sc, parts);
}

void site_counts_close_all(struct site_counts *sc)
{
  size_t i = 0;
  for (;;) {
    boiloff_profile **parts = NULL;
    pthread_mutex_lock(&sc->mu);
    for (; i < sc->nbuckets && !parts; i++) {
      sc->buckets[i].closed = 1;
      parts = S_take_if_complete(sc, &sc->buckets[i]);
    }
    pthread_mutex_unlock(&sc->mu);
    if (!parts)
      return;
    S_fold(sc, parts);
  }
}

boiloff_profile *site_counts_profile(struct site_counts *sc, long bucket,
                                     long w)
{
  boiloff_profile *p = NULL;
  struct bucket *bk;
  pthread_mutex_lock(&sc->mu);
  bk = &sc->buckets[bucket];
  if (!bk->parts)
    bk->parts = calloc((size_t)sc->jobs, sizeof *bk->parts);
  if (bk->parts) {
    if (!bk->parts[w])
      bk->parts[w] = boiloff_profile_new(NULL);
    p = bk->parts[w];
  }
  pthread_mutex_unlock(&sc->mu);
  if (!p)
    site_counts_failed(sc, BOILOFF_ERR_NOMEM);
  return p;
}

void site_counts_failed(struct site_counts *sc, boiloff_status status)
{
  pthread_mutex_lock(&sc->learned_mu);
  if (sc->status == BOILOFF_OK)
    sc->status = status;
  pthread_mutex_unlock(&sc->learned_mu);
}

void site_counts_done(struct site_counts *sc, long bucket)
{
  boiloff_profile **parts;
  pthread_mutex_lock(&sc->mu);
  sc->buckets[bucket].done++;
  parts = S_take_if_complete(sc, &sc->buckets[bucket]);
  pthread_mutex_unlock(&sc->mu);
  if (parts)
    S_fold(sc, parts);
}

boiloff_profile *site_counts_finish(struct site_counts *sc,
                                    boiloff_status *status)
{
  boiloff_profile *learned;
  size_t i;

  site_counts_close_all(sc);
  /* What is left: the one bucket of all sites, or sites a stop left
   * incomplete. */
  for (i = 0; i < sc->nbuckets; i++) {
    boiloff_profile **parts = sc->buckets[i].parts;
    sc->buckets[i].parts = NULL;
    if (parts)
      S_fold(sc, parts);
  }
  /* (no page counted: an empty profile) */
  if (sc->status == BOILOFF_OK && !sc->learned &&
      !(sc->learned = boiloff_profile_new(NULL)))
    sc->status = BOILOFF_ERR_NOMEM;
  *status = sc->status;
  if (sc->status != BOILOFF_OK)
    return NULL;
  learned = sc->learned;
  sc->learned = NULL;
  return learned;
}
