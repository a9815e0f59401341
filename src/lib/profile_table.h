/* profile_table.h - the table of a site profile, shared by profile.c
 * (counting, merging, lookups) and profile_file.c (the file format).
 * Internal to those two. */
#ifndef BOILOFF_PROFILE_TABLE_H
#define BOILOFF_PROFILE_TABLE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "boiloff.h"

typedef struct entry {
  uint64_t key;
  uint32_t site;
  uint32_t count; /* 0 = empty slot; saturates at UINT32_MAX */
} entry;

/* The normalisation of one line in progress (profile.c), fed in pieces:
 * the FNV-1a hash so far, the white-space and digit runs, and up to three
 * bytes of a UTF-8 sequence that the next piece may complete. */
typedef struct line_state {
  uint64_t hash;
  size_t bytes;      /* normalised bytes hashed; 0 = empty so far */
  int space, digits; /* a space is due; inside a run of digits */
  unsigned char pend[4];
  size_t npend;
} line_state;

/* The page being counted, from boiloff_profile_begin_page() to
 * boiloff_profile_end_page(): its site and the set of its distinct line
 * keys, which is what makes a line count once per page. */
typedef struct open_page {
  int open;
  boiloff_status status; /* sticky: the first error of the page */
  char *site;
  size_t site_len, site_cap;
  uint64_t *keys; /* open addressing, power-of-two capacity; 0 = empty */
  size_t nkeys, keys_cap;
  int has_zero; /* the key 0, which cannot be stored as itself */
  line_state line;
} open_page;

typedef struct site {
  char *name;
  size_t len;
  unsigned long pages;
} site;

struct boiloff_profile {
  boiloff_allocator alloc;
  site *sites;
  size_t nsites, sites_cap;
  uint32_t *site_slots; /* open addressing: site index + 1, 0 = empty */
  size_t site_slots_cap;
  entry *entries; /* open addressing, power-of-two capacity */
  size_t nentries, cap;
  /* A filter of the entries counted BOILOFF__SITE_MIN_COUNT times or more,
   * the only ones that can make furniture: most lines of a page are on
   * no other page, and the filter, small enough for the caches, spares
   * them a probe of the table (cap / 32 words, with the table). */
  uint64_t *often;
  open_page page;
};

/* The splitmix64 finaliser. */
static inline uint64_t boiloff__mix64(uint64_t x)
{
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

/* The hash of an entry: its low bits pick its home slot, higher bits its
 * word and bits of the often filter. */
static inline uint64_t boiloff__entry_hash(uint32_t site_idx, uint64_t key)
{
  return boiloff__mix64(key ^ ((uint64_t)site_idx * 0x9E3779B97F4A7C15ULL));
}

/* The often filter's words for a table of `cap` slots. */
static inline size_t boiloff__often_words(size_t cap)
{
  return cap / 32 ? cap / 32 : 1;
}

/* The often filter's word of an entry's hash, and its two bits. */
static inline size_t boiloff__often_at(uint64_t h, size_t words, uint64_t *bits)
{
  *bits = (1ull << ((h >> 52) & 63)) | (1ull << ((h >> 58) & 63));
  return (size_t)(h >> 20) & (words - 1);
}

/* Page counts stop at the largest value rather than wrap: a wrapped count
 * would fall below its lines' counts and make a profile that no load
 * accepts. */
static inline unsigned long boiloff__sat_add(unsigned long a, unsigned long b)
{
  return a > ULONG_MAX - b ? ULONG_MAX : a + b;
}

/* The table's capacity for `need` entries at a load below `tenths` / 10
 * (a power of two), no less than `cap`; 0 when it cannot be allocated. */
size_t boiloff__profile_capacity(size_t cap, size_t need, unsigned tenths);

/* Index of the site, or -1. */
long boiloff__profile_site_find(const boiloff_profile *p, const char *name,
                                size_t len);
/* Finds or creates the site; its index in *idx. */
boiloff_status boiloff__profile_site_get(boiloff_profile *p, const char *name,
                                         size_t len, uint32_t *idx);
/* Room for `more` entries more, so that adding them cannot fail. */
boiloff_status boiloff__profile_reserve(boiloff_profile *p, size_t more);
/* Adds `count` pages to (site, key); room must have been reserved. */
void boiloff__profile_add(boiloff_profile *p, uint32_t site_idx, uint64_t key,
                          uint32_t count);

#endif
