/* profile_merge.c - adding profiles together.
 *
 * A merge that makes the table grow builds the new table in parts: each
 * part owns a range of its slots and takes the entries (of the profile and
 * of the others) whose home slot lies there, so that threads fill the parts
 * side by side without a lock.  An entry whose probe would run past the end
 * of its part waits, and is added once the parts are done.  Where entries
 * lie in the table does not matter: lookups probe for them, and a saved
 * profile is sorted.
 */
#include <config.h>

#include <pthread.h>
#include <string.h>

#include "boiloff.h"
#include "mem.h"
#include "profile.h"
#include "profile_table.h"

/* Threads and parts, up to this many (boiloff.h). */
#define MAX_PARTS 64
/* Below this many slots a part is not worth a thread of its own. */
#define MIN_THREAD_SLOTS 65536

/* A table whose entries go into the profile's, the index in the profile
 * of each of its sites (NULL: the same index), and a bit per slot for the
 * entries left for after the parts. */
typedef struct source {
  const entry *entries;
  size_t cap;
  const uint32_t *site_map;
  uint64_t *waiting;
} source;

/* A part of the table: its slots [begin, end). */
typedef struct part {
  const source *sources;
  size_t nsources;
  entry *table;
  size_t mask;
  uint64_t *often;
  size_t often_words;
  size_t begin, end;
  int clear;    /* a new table: the part's slots are cleared first */
  size_t added; /* entries placed in the part */
} part;

static uint32_t S_count_add(uint32_t a, uint32_t b)
{
  return b > UINT32_MAX - a ? UINT32_MAX : a + b;
}

/* Parts share the filter's words and the waiting bits: set atomically. */
static void S_set_bits(uint64_t *word, uint64_t bits)
{
  __atomic_fetch_or(word, bits, __ATOMIC_RELAXED);
}

/* Places the entries whose home slot is in the part.  An entry whose probe
 * meets the end of the part waits: the next part is another thread's. */
static void *S_fill_part(void *arg)
{
  part *pt = arg;
  size_t s, i;
  if (pt->clear)
    memset(pt->table + pt->begin, 0, (pt->end - pt->begin) * sizeof *pt->table);
  for (s = 0; s < pt->nsources; s++) {
    const source *src = &pt->sources[s];
    for (i = 0; i < src->cap; i++) {
      const entry *e = &src->entries[i];
      uint32_t site_idx, before;
      uint64_t h;
      size_t j;
      entry *t;
      if (!e->count)
        continue;
      site_idx = src->site_map ? src->site_map[e->site] : e->site;
      h = boiloff__entry_hash(site_idx, e->key);
      j = (size_t)h & pt->mask;
      if (j < pt->begin || j >= pt->end)
        continue;
      while (j < pt->end && pt->table[j].count &&
             (pt->table[j].key != e->key || pt->table[j].site != site_idx))
        j++;
      if (j == pt->end) {
        S_set_bits(&src->waiting[i / 64], 1ull << (i % 64));
        continue;
      }
      t = &pt->table[j];
      before = t->count;
      if (!before) {
        t->key = e->key;
        t->site = site_idx;
        pt->added++;
      }
      t->count = S_count_add(before, e->count);
      if (before < BOILOFF__SITE_MIN_COUNT &&
          t->count >= BOILOFF__SITE_MIN_COUNT) {
        uint64_t bits;
        size_t w = boiloff__often_at(h, pt->often_words, &bits);
        S_set_bits(&pt->often[w], bits);
      }
    }
  }
  return NULL;
}

/* Adds the sources' entries to p's table (`clear`: a new one of `cap`
 * slots, given), in `nparts` parts (0: one per thread where the parts are
 * big enough for threads, else one), on threads where they are. */
static void S_fill(boiloff_profile *p, const source *sources, size_t nsources,
                   entry *table, uint64_t *often, size_t cap, int clear,
                   unsigned threads, unsigned nparts)
{
  part parts[MAX_PARTS];
  pthread_t tid[MAX_PARTS];
  unsigned char started[MAX_PARTS];
  size_t i, s, added = 0;
  entry *old_entries = NULL;
  uint64_t *old_often = NULL;
  int threaded;
  /* Parts only where they get threads: each part reads every entry. */
  if (!nparts)
    nparts = threads > 1 && cap / threads >= MIN_THREAD_SLOTS ? threads : 1;
  threaded = threads > 1 && nparts > 1 && cap / nparts >= MIN_THREAD_SLOTS;

  for (i = 0; i < nparts; i++) {
    part *pt = &parts[i];
    pt->sources = sources;
    pt->nsources = nsources;
    pt->table = table;
    pt->mask = cap - 1;
    pt->often = often;
    pt->often_words = boiloff__often_words(cap);
    pt->begin = cap / nparts * i;
    pt->end = i + 1 < nparts ? cap / nparts * (i + 1) : cap;
    pt->clear = clear;
    pt->added = 0;
  }
  for (i = 1; i < nparts; i++)
    started[i] =
        threaded && pthread_create(&tid[i], NULL, S_fill_part, &parts[i]) == 0;
  S_fill_part(&parts[0]);
  for (i = 1; i < nparts; i++) {
    if (started[i])
      pthread_join(tid[i], NULL);
    else
      S_fill_part(&parts[i]);
  }
  for (i = 0; i < nparts; i++)
    added += parts[i].added;
  if (clear) {
    /* The old table is a source until the waiting entries are in. */
    old_entries = p->entries;
    old_often = p->often;
    p->entries = table;
    p->often = often;
    p->cap = cap;
    p->nentries = added;
  } else {
    p->nentries += added;
  }
  /* What waits goes in as any entry does; the room was counted. */
  for (s = 0; s < nsources; s++)
    for (i = 0; i < sources[s].cap; i += 64) {
      uint64_t w = sources[s].waiting[i / 64];
      for (; w; w &= w - 1) {
        const entry *e = &sources[s].entries[i + (size_t)__builtin_ctzll(w)];
        boiloff__profile_add(
            p, sources[s].site_map ? sources[s].site_map[e->site] : e->site,
            e->key, e->count);
      }
    }
  boiloff__free(&p->alloc, old_entries);
  boiloff__free(&p->alloc, old_often);
}

static void S_sources_free(boiloff_profile *p, source *sources, size_t n)
{
  size_t k;
  for (k = 0; k < n; k++) {
    boiloff__free(&p->alloc, (void *)sources[k].site_map);
    boiloff__free(&p->alloc, sources[k].waiting);
  }
  boiloff__free(&p->alloc, sources);
}

boiloff_status boiloff_profile_merge_many(boiloff_profile *p,
                                          const boiloff_profile *const *others,
                                          size_t n, unsigned threads)
{
  return boiloff__profile_merge_parts(p, others, n, threads, 0);
}

boiloff_status
boiloff__profile_merge_parts(boiloff_profile *p,
                             const boiloff_profile *const *others, size_t n,
                             unsigned threads, unsigned parts)
{
  /* [0] is p's own table (read when the table is new), [1 + k] others[k]'s */
  source *sources = NULL;
  size_t k, i, need, cap;
  entry *table = NULL;
  uint64_t *often = NULL;
  boiloff_status st = BOILOFF_OK;

  if (!p || (n && !others))
    return BOILOFF_ERR_ARG;
  need = p->nentries;
  for (k = 0; k < n; k++) {
    if (!others[k] || others[k] == p)
      return BOILOFF_ERR_ARG;
    if (others[k]->nentries > SIZE_MAX - need)
      return BOILOFF_ERR_NOMEM;
    need += others[k]->nentries;
  }
  if (n == 0)
    return BOILOFF_OK;
  if (threads < 1)
    threads = 1;
  if (threads > MAX_PARTS)
    threads = MAX_PARTS;
  if (parts > MAX_PARTS)
    parts = MAX_PARTS;
  /* Lines common to the profiles (a site's menu) are one entry: the table
   * is filled up to a load of 0.9 rather than doubled for entries that may
   * not come, and grows after the merge if it is fuller than it should
   * be. */
  if (!(cap = boiloff__profile_capacity(p->cap, need, 9)) ||
      !(sources = boiloff__calloc(&p->alloc, n + 1, sizeof *sources)))
    return BOILOFF_ERR_NOMEM;
  sources[0].entries = p->entries;
  sources[0].cap = p->entries ? p->cap : 0;
  for (k = 0; k < n; k++) {
    sources[1 + k].entries = others[k]->entries;
    sources[1 + k].cap = others[k]->entries ? others[k]->cap : 0;
  }
  for (k = cap == p->cap; k <= n && st == BOILOFF_OK; k++)
    if (!(sources[k].waiting = boiloff__calloc(
              &p->alloc, sources[k].cap / 64 + 1, sizeof(uint64_t))))
      st = BOILOFF_ERR_NOMEM;
  if (st == BOILOFF_OK && cap != p->cap &&
      (!(table = boiloff__malloc_table(&p->alloc, cap * sizeof *table)) ||
       !(often = boiloff__calloc(&p->alloc, boiloff__often_words(cap),
                                 sizeof *often))))
    st = BOILOFF_ERR_NOMEM;
  /* Creating the sites first may leave new empty sites on failure, which
   * counts nothing; the counts change only after the last allocation. */
  for (k = 0; k < n && st == BOILOFF_OK; k++) {
    const boiloff_profile *o = others[k];
    uint32_t *map =
        boiloff__calloc(&p->alloc, o->nsites ? o->nsites : 1, sizeof *map);
    sources[1 + k].site_map = map;
    if (!map)
      st = BOILOFF_ERR_NOMEM;
    for (i = 0; i < o->nsites && st == BOILOFF_OK; i++)
      st = boiloff__profile_site_get(p, o->sites[i].name, o->sites[i].len,
                                     &map[i]);
  }
  if (st != BOILOFF_OK) {
    boiloff__free(&p->alloc, table);
    boiloff__free(&p->alloc, often);
    S_sources_free(p, sources, n + 1);
    return st;
  }
  if (table)
    S_fill(p, sources, n + 1, table, often, cap, 1, threads, parts);
  else
    S_fill(p, sources + 1, n, p->entries, p->often, cap, 0, threads, parts);
  /* Growing may fail: the table is still whole, only fuller. */
  if (p->nentries * 10 >= p->cap * 7)
    (void)boiloff__profile_reserve(p, 0);
  for (k = 0; k < n; k++)
    for (i = 0; i < others[k]->nsites; i++) {
      site *s = &p->sites[sources[1 + k].site_map[i]];
      s->pages = boiloff__sat_add(s->pages, others[k]->sites[i].pages);
    }
  S_sources_free(p, sources, n + 1);
  return BOILOFF_OK;
}

boiloff_status boiloff_profile_merge(boiloff_profile *p,
                                     const boiloff_profile *other)
{
  size_t i;
  if (!p || !other)
    return BOILOFF_ERR_ARG;
  if (p != other)
    return boiloff_profile_merge_many(p, &other, 1, 1);
  /* Into itself: every count doubles, and no entry is new. */
  for (i = 0; i < p->nsites; i++)
    p->sites[i].pages = boiloff__sat_add(p->sites[i].pages, p->sites[i].pages);
  for (i = 0; i < p->cap; i++)
    if (p->entries[i].count)
      boiloff__profile_add(p, p->entries[i].site, p->entries[i].key,
                           p->entries[i].count);
  return BOILOFF_OK;
}
