/* profile.c - site profiles: on how many pages of a site each line occurs.
 *
 * What repeats across a site's pages is the site's furniture (CCNet's
 * paragraph deduplication; DESIGN.md "corpus").  A profile is a table of
 * (site, line key) -> pages, plus the pages counted per site.
 *
 * Line key.  A line is normalised, then hashed with 64-bit FNV-1a:
 *   - UTF-8 is decoded; a byte that does not start a valid sequence is read
 *     as windows-1252 (so a page not yet decoded counts like its decoded
 *     text, which is what the classifier looks up later);
 *   - simple case folding (ASCII, Latin, Greek, Cyrillic; utf8.c);
 *   - every run of digits becomes one "0" ("Page 3 of 12" = "page 0 of 0");
 *   - every run of white space and control characters becomes one space,
 *     leading and trailing space is dropped; zero-width characters and the
 *     BOM are dropped;
 *   - a line that is empty after this is not counted.
 * Only keys are stored, not the lines: 16 bytes per (site, line), so the
 * lines of a whole crawl fit in memory; a 64-bit collision is negligible.
 *
 * A page is counted streamed (begin_page, add_text..., end_page): a line is
 * normalised and hashed as its bytes arrive, a UTF-8 sequence cut between
 * two pieces waiting for the rest, so the key does not depend on the
 * pieces; the page keeps the set of its distinct keys (a line counts once
 * per page), bounded so that no page makes memory grow with its size.
 *
 * Counting is a sum per (site, key), so it is commutative: the same pages
 * counted in any order, in any number of partial profiles merged in any
 * order, give the same table, and the saved file is sorted (sites by name
 * bytes, keys ascending), so it is byte-identical too.
 *
 * File format (text, version 1), every line ending in "\n":
 *   boiloff-profile 1
 *   # comment lines (starting with '#') are ignored before "end"
 *   site PAGES LINES NAME     NAME percent-escaped: bytes <= 0x20, >= 0x7f
 *                             and '%' as %XX; may be empty
 *   KEY COUNT                 LINES times: KEY 16 lowercase hex digits,
 *                             strictly ascending, 1 <= COUNT <= PAGES
 *   end SITES LINES           totals, then end of file
 * Anything else is BOILOFF_ERR_PROFILE and leaves the profile unchanged.
 * A file that cannot be opened, read or written gives BOILOFF_ERR_IO with
 * errno set.  Saving writes a temporary file
 * beside `path` and renames it, so a reader never sees half a profile.
 * Loading adds the file's counts to what the profile holds already (loading
 * several files into one profile merges them).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boiloff.h"
#include "buf.h"
#include "fnv.h"
#include "mem.h"
#include "profile.h"
#include "profile_table.h"
#include "utf8.h"

/* ---- normalisation ------------------------------------------------------ */

/* A line's normalisation: line_state (profile_table.h) plus where the
 * normalised bytes go besides the hash (NULL: hash only). */
typedef struct nsink {
  line_state st;
  boiloff__buf *out;
  boiloff_status status;
} nsink;

static void S_emit(nsink *s, const char *p, size_t n)
{
  s->st.hash = boiloff__fnv1a(s->st.hash, p, n);
  s->st.bytes += n;
  if (s->out && s->status == BOILOFF_OK)
    s->status = boiloff__buf_append(s->out, p, n);
}

static int S_is_blank(uint32_t cp)
{
  return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
         boiloff__cp_is_space(cp);
}

static int S_is_invisible(uint32_t cp)
{
  return cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
         cp == 0xAD;
}

static void S_line_init(line_state *st)
{
  memset(st, 0, sizeof *st);
  st->hash = BOILOFF__FNV_OFFSET;
}

/* Bytes the UTF-8 sequence led by `c` needs (1 for anything that decodes
 * as one byte, valid or not). */
static size_t S_seq_len(unsigned char c)
{
  return c < 0xC2 ? 1 : c <= 0xDF ? 2 : c <= 0xEF ? 3 : c <= 0xF4 ? 4 : 1;
}

/* For eight ASCII bytes x that start with a visible character and hold
 * only visible characters other than digits and single spaces, the mask
 * of their capitals (0x80 per byte); else all ones.  Such bytes normalise
 * to themselves, capitals folded. */
#define ONES 0x0101010101010101ull
#define HIGHS (ONES * 0x80)
static uint64_t S_plain8(uint64_t x)
{
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  (void)x;
  return ~0ull; /* the first and last bytes below are little-endian's */
#else
  /* Each byte below 0x80, so no sum carries into the next byte. */
  uint64_t visible = (x + ONES * 0x5f) & ~(x + ONES * 0x01); /* 0x21-0x7e */
  uint64_t digit = (x + ONES * 0x50) & ~(x + ONES * 0x46);   /* 0x30-0x39 */
  uint64_t upper = (x + ONES * 0x3f) & ~(x + ONES * 0x25);   /* 0x41-0x5a */
  uint64_t v = x ^ (ONES * ' '), t = (v & ~HIGHS) + ~HIGHS;
  uint64_t space = ~(t | v | ~HIGHS); /* exactly the bytes that are ' ' */
  uint64_t plain = visible & ~digit & HIGHS;
  if ((x & HIGHS) || (plain | space) != HIGHS || !(plain & 0x80) ||
      (space & (space << 8)))
    return ~0ull;
  return upper & HIGHS;
#endif
}

/* The normalisation of S_norm_run below for a run of ASCII from p[i],
 * most of a page, without decoding, eight bytes a step where they are
 * words, punctuation and single spaces, and emitted in pieces rather than a
 * byte at a time.  Returns where the run ends (at most `stop`). */
static size_t S_norm_ascii(nsink *s, const unsigned char *p, size_t i,
                           size_t stop)
{
  char out[128];
  size_t k = 0;
  int space = s->st.space, digits = s->st.digits, any = s->st.bytes != 0;
  while (i < stop && p[i] < 0x80) {
    unsigned char c = p[i];
    if (k + 9 > sizeof out) {
      S_emit(s, out, k);
      k = 0;
    }
    if (i + 8 <= stop) {
      uint64_t x, upper;
      memcpy(&x, p + i, 8);
      if ((upper = S_plain8(x)) != ~0ull) {
        /* As bytes in memory order: a trailing space is only due. */
        size_t n = (x >> 56) == ' ' ? 7 : 8;
        x |= upper >> 2;
        if (space)
          out[k++] = ' ';
        memcpy(out + k, &x, 8);
        k += n;
        space = n == 7;
        digits = 0;
        any = 1;
        i += 8;
        continue;
      }
    }
    i++;
    if (c <= ' ' || c == 0x7f) { /* blank: a control character or space */
      space = any;
      digits = 0;
      continue;
    }
    if (c >= '0' && c <= '9') {
      if (digits)
        continue;
      digits = 1;
      c = '0';
    } else {
      digits = 0;
      if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    }
    if (space)
      out[k++] = ' ';
    space = 0;
    out[k++] = (char)c;
    any = 1;
  }
  if (k)
    S_emit(s, out, k);
  s->st.space = space;
  s->st.digits = digits;
  return i;
}

/* Normalises the characters of p[0..len) that start before `stop`; with
 * `end` unset it stops instead at a sequence that p[0..len) cuts short,
 * since the next piece of the line may complete it.  Returns the offset
 * reached.  The decoding is the same whatever the pieces: a sequence is
 * decoded only once all the bytes it needs are there (or the line ends). */
static size_t S_norm_run(nsink *s, const unsigned char *p, size_t len,
                         size_t stop, int end)
{
  size_t i = 0;
  char enc[4];

  while (i < stop) {
    uint32_t cp;
    size_t n;
    if (p[i] < 0x80) {
      i = S_norm_ascii(s, p, i, stop);
      continue;
    }
    if (!end && len - i < 4 && S_seq_len(p[i]) > len - i)
      break;
    n = boiloff__utf8_decode(p + i, len - i, &cp);
    /* An invalid byte: windows-1252, its undefined bytes as latin-1. */
    if (n == 1 && p[i] >= 0x80) {
      cp = p[i];
      if (p[i] < 0xa0 && boiloff__cp1252_high[p[i] - 0x80])
        cp = boiloff__cp1252_high[p[i] - 0x80];
    }
    i += n;
    if (S_is_invisible(cp))
      continue;
    if (S_is_blank(cp)) {
      s->st.space = s->st.bytes != 0;
      s->st.digits = 0;
      continue;
    }
    if (boiloff__cp_is_digit(cp)) {
      if (s->st.digits)
        continue;
      s->st.digits = 1;
      cp = '0';
    } else {
      s->st.digits = 0;
      cp = boiloff__cp_fold(cp);
    }
    if (s->st.space)
      S_emit(s, " ", 1);
    s->st.space = 0;
    S_emit(s, enc, boiloff__utf8_encode(cp, enc));
  }
  return i;
}

/* Feeds the next piece of a line (no line end in it). */
static void S_norm_feed(nsink *s, const unsigned char *p, size_t n)
{
  line_state *st = &s->st;
  size_t i;

  if (st->npend) { /* finish the cut sequence with the piece's first bytes */
    unsigned char tmp[8];
    size_t k = n < 4 ? n : 4, tlen = st->npend + k;
    memcpy(tmp, st->pend, st->npend);
    memcpy(tmp + st->npend, p, k);
    i = S_norm_run(s, tmp, tlen, st->npend, 0);
    if (i < st->npend) { /* still cut: then all of p is in tmp */
      st->npend = tlen - i;
      memcpy(st->pend, tmp + i, st->npend);
      return;
    }
    p += i - st->npend;
    n -= i - st->npend;
    st->npend = 0;
  }
  i = S_norm_run(s, p, n, n, 0);
  st->npend = n - i;
  memcpy(st->pend, p + i, st->npend);
}

/* Ends the line: decodes what was held back as the end of a line. */
static void S_norm_end(nsink *s)
{
  if (s->st.npend)
    S_norm_run(s, s->st.pend, s->st.npend, s->st.npend, 1);
  s->st.npend = 0;
}

static void S_normalize(const char *line, size_t len, nsink *s)
{
  S_line_init(&s->st);
  S_norm_run(s, (const unsigned char *)line, len, len, 1);
}

boiloff_status boiloff__profile_normalize(const char *line, size_t len,
                                          boiloff__buf *out)
{
  nsink s;
  s.out = out;
  s.status = BOILOFF_OK;
  S_normalize(line, len, &s);
  return s.status;
}

uint64_t boiloff__profile_line_key(const char *line, size_t len, int *empty)
{
  nsink s;
  s.out = NULL;
  s.status = BOILOFF_OK;
  S_normalize(line, len, &s);
  *empty = s.st.bytes == 0;
  return s.st.bytes ? s.st.hash : 0;
}

/* ---- tables ------------------------------------------------------------- */

static uint64_t S_name_hash(const char *name, size_t len)
{
  return boiloff__mix64(boiloff__fnv1a(BOILOFF__FNV_OFFSET, name, len));
}

/* Index of the site, or -1. */
long boiloff__profile_site_find(const boiloff_profile *p, const char *name,
                                size_t len)
{
  size_t mask, i;
  if (!p->site_slots_cap)
    return -1;
  mask = p->site_slots_cap - 1;
  for (i = S_name_hash(name, len) & mask; p->site_slots[i];
       i = (i + 1) & mask) {
    const site *s = &p->sites[p->site_slots[i] - 1];
    if (s->len == len && memcmp(s->name, name, len) == 0)
      return (long)(p->site_slots[i] - 1);
  }
  return -1;
}

static boiloff_status S_site_slots_grow(boiloff_profile *p)
{
  size_t cap = p->site_slots_cap ? p->site_slots_cap * 2 : 16, i, j;
  uint32_t *slots = boiloff__calloc(&p->alloc, cap, sizeof *slots);
  if (!slots)
    return BOILOFF_ERR_NOMEM;
  for (i = 0; i < p->nsites; i++) {
    for (j = S_name_hash(p->sites[i].name, p->sites[i].len) & (cap - 1);
         slots[j]; j = (j + 1) & (cap - 1))
      ;
    slots[j] = (uint32_t)(i + 1);
  }
  boiloff__free(&p->alloc, p->site_slots);
  p->site_slots = slots;
  p->site_slots_cap = cap;
  return BOILOFF_OK;
}

/* Finds or creates the site; its index in *idx. */
boiloff_status boiloff__profile_site_get(boiloff_profile *p, const char *name,
                                         size_t len, uint32_t *idx)
{
  long found = boiloff__profile_site_find(p, name, len);
  site *s;
  boiloff_status st;

  if (found >= 0) {
    *idx = (uint32_t)found;
    return BOILOFF_OK;
  }
  if (p->nsites >= UINT32_MAX - 1)
    return BOILOFF_ERR_NOMEM;
  if ((p->nsites + 1) * 2 > p->site_slots_cap &&
      (st = S_site_slots_grow(p)) != BOILOFF_OK)
    return st;
  if (p->nsites == p->sites_cap) {
    size_t cap = p->sites_cap ? p->sites_cap * 2 : 8;
    site *n = boiloff__realloc(&p->alloc, p->sites, cap * sizeof *n);
    if (!n)
      return BOILOFF_ERR_NOMEM;
    p->sites = n;
    p->sites_cap = cap;
  }
  s = &p->sites[p->nsites];
  s->name = boiloff__malloc(&p->alloc, len + 1);
  if (!s->name)
    return BOILOFF_ERR_NOMEM;
  memcpy(s->name, name, len);
  s->name[len] = '\0';
  s->len = len;
  s->pages = 0;
  {
    size_t mask = p->site_slots_cap - 1, i;
    for (i = S_name_hash(name, len) & mask; p->site_slots[i];
         i = (i + 1) & mask)
      ;
    p->site_slots[i] = (uint32_t)(p->nsites + 1);
  }
  *idx = (uint32_t)p->nsites++;
  return BOILOFF_OK;
}

static size_t S_slot(uint32_t site_idx, uint64_t key, size_t mask)
{
  return (size_t)(boiloff__entry_hash(site_idx, key) & mask);
}

static void S_often_set(boiloff_profile *p, uint32_t site_idx, uint64_t key)
{
  uint64_t bits;
  size_t w = boiloff__often_at(boiloff__entry_hash(site_idx, key),
                               boiloff__often_words(p->cap), &bits);
  p->often[w] |= bits;
}

/* 0 when (site, key) is surely counted fewer than BOILOFF__SITE_MIN_COUNT
 * times. */
static int S_often_may(const boiloff_profile *p, uint32_t site_idx,
                       uint64_t key)
{
  uint64_t bits;
  size_t w;
  if (!p->often)
    return 0; /* no entries yet */
  w = boiloff__often_at(boiloff__entry_hash(site_idx, key),
                        boiloff__often_words(p->cap), &bits);
  return (p->often[w] & bits) == bits;
}

static const entry *S_entry_find(const boiloff_profile *p, uint32_t site_idx,
                                 uint64_t key)
{
  size_t mask, i;
  if (!p->cap)
    return NULL;
  mask = p->cap - 1;
  for (i = S_slot(site_idx, key, mask); p->entries[i].count; i = (i + 1) & mask)
    if (p->entries[i].key == key && p->entries[i].site == site_idx)
      return &p->entries[i];
  return NULL;
}

size_t boiloff__profile_capacity(size_t cap, size_t need, unsigned tenths)
{
  if (need > SIZE_MAX / 16)
    return 0;
  if (!cap)
    cap = 64;
  while (need * 10 >= cap * tenths) {
    if (cap > SIZE_MAX / 2 / sizeof(entry))
      return 0;
    cap *= 2;
  }
  return cap;
}

/* Moves the entries counted `min_count` times or more into a table of
 * `cap` slots, with its often filter. */
static boiloff_status S_rehash(boiloff_profile *p, size_t cap,
                               uint32_t min_count)
{
  size_t i;
  entry *n = NULL;
  uint64_t *often = NULL;

  if (cap) {
    n = boiloff__malloc_table(&p->alloc, cap * sizeof *n);
    often =
        boiloff__calloc(&p->alloc, boiloff__often_words(cap), sizeof *often);
    if (n)
      memset(n, 0, cap * sizeof *n);
    if (!n || !often) {
      boiloff__free(&p->alloc, n);
      boiloff__free(&p->alloc, often);
      return BOILOFF_ERR_NOMEM;
    }
  }
  for (i = 0; i < p->cap; i++) {
    const entry *e = &p->entries[i];
    size_t j;
    if (e->count < min_count)
      continue;
    for (j = S_slot(e->site, e->key, cap - 1); n[j].count;
         j = (j + 1) & (cap - 1))
      ;
    n[j] = *e;
  }
  boiloff__free(&p->alloc, p->entries);
  boiloff__free(&p->alloc, p->often);
  p->entries = n;
  p->often = often;
  p->cap = cap;
  for (i = 0; i < cap; i++)
    if (n[i].count >= BOILOFF__SITE_MIN_COUNT)
      S_often_set(p, n[i].site, n[i].key);
  return BOILOFF_OK;
}

/* Makes room for `more` new entries without growing again (load <= 0.7). */
boiloff_status boiloff__profile_reserve(boiloff_profile *p, size_t more)
{
  size_t cap;
  if (more > SIZE_MAX - p->nentries ||
      !(cap = boiloff__profile_capacity(p->cap, p->nentries + more, 7)))
    return BOILOFF_ERR_NOMEM;
  return cap == p->cap ? BOILOFF_OK : S_rehash(p, cap, 1);
}

/* Adds `count` to (site, key); room must have been reserved. */
void boiloff__profile_add(boiloff_profile *p, uint32_t site_idx, uint64_t key,
                          uint32_t count)
{
  size_t mask = p->cap - 1, i;
  for (i = S_slot(site_idx, key, mask); p->entries[i].count;
       i = (i + 1) & mask) {
    entry *e = &p->entries[i];
    if (e->key == key && e->site == site_idx) {
      uint32_t before = e->count;
      e->count = count > UINT32_MAX - e->count ? UINT32_MAX : e->count + count;
      if (before < BOILOFF__SITE_MIN_COUNT &&
          e->count >= BOILOFF__SITE_MIN_COUNT)
        S_often_set(p, site_idx, key);
      return;
    }
  }
  p->entries[i].key = key;
  p->entries[i].site = site_idx;
  p->entries[i].count = count;
  p->nentries++;
  if (count >= BOILOFF__SITE_MIN_COUNT)
    S_often_set(p, site_idx, key);
}

/* ---- public API --------------------------------------------------------- */

boiloff_profile *boiloff_profile_new(const boiloff_allocator *allocator)
{
  const boiloff_allocator *a =
      allocator ? allocator : &boiloff__default_allocator;
  boiloff_profile *p = boiloff__calloc(a, 1, sizeof *p);
  if (p)
    p->alloc = *a;
  return p;
}

void boiloff_profile_free(boiloff_profile *p)
{
  size_t i;
  boiloff_allocator a;
  if (!p)
    return;
  a = p->alloc;
  for (i = 0; i < p->nsites; i++)
    boiloff__free(&a, p->sites[i].name);
  boiloff__free(&a, p->sites);
  boiloff__free(&a, p->site_slots);
  boiloff__free(&a, p->entries);
  boiloff__free(&a, p->often);
  boiloff__free(&a, p->page.site);
  boiloff__free(&a, p->page.keys);
  boiloff__free(&a, p);
}

/* ---- counting a page, streamed ----------------------------------------- */

/* Slots of the page's key set kept from one page to the next; a larger
 * set is freed, so that the pages after a big one do not clear it. */
#define PAGE_KEYS_KEPT 4096

static void S_page_clear(boiloff_profile *p)
{
  open_page *pg = &p->page;
  if (pg->keys_cap > PAGE_KEYS_KEPT) {
    boiloff__free(&p->alloc, pg->keys);
    pg->keys = NULL;
    pg->keys_cap = 0;
  } else if (pg->nkeys) {
    memset(pg->keys, 0, pg->keys_cap * sizeof *pg->keys);
  }
  pg->nkeys = 0;
  pg->has_zero = 0;
  pg->open = 0;
  pg->status = BOILOFF_OK;
  S_line_init(&pg->line);
}

static size_t S_key_slot(uint64_t key, size_t mask)
{
  return (size_t)(boiloff__mix64(key) & mask);
}

static boiloff_status S_page_keys_grow(boiloff_profile *p)
{
  open_page *pg = &p->page;
  size_t cap = pg->keys_cap ? pg->keys_cap * 2 : 256, i, j;
  uint64_t *keys = boiloff__calloc(&p->alloc, cap, sizeof *keys);
  if (!keys)
    return BOILOFF_ERR_NOMEM;
  for (i = 0; i < pg->keys_cap; i++) {
    if (!pg->keys[i])
      continue;
    for (j = S_key_slot(pg->keys[i], cap - 1); keys[j]; j = (j + 1) & (cap - 1))
      ;
    keys[j] = pg->keys[i];
  }
  boiloff__free(&p->alloc, pg->keys);
  pg->keys = keys;
  pg->keys_cap = cap;
  return BOILOFF_OK;
}

/* Puts the key of the line just ended into the page's set, once. */
static void S_page_line_end(boiloff_profile *p)
{
  open_page *pg = &p->page;
  nsink s;
  size_t i, mask;
  uint64_t key;

  s.st = pg->line;
  s.out = NULL;
  s.status = BOILOFF_OK;
  S_norm_end(&s);
  S_line_init(&pg->line);
  if (!s.st.bytes)
    return; /* empty lines are not counted */
  key = s.st.hash;
  if (key == 0) {
    if (!pg->has_zero && pg->nkeys >= BOILOFF_PROFILE_MAX_PAGE_LINES)
      pg->status = BOILOFF_ERR_LIMIT;
    else if (!pg->has_zero) {
      pg->has_zero = 1;
      pg->nkeys++;
    }
    return;
  }
  if (pg->keys_cap) {
    mask = pg->keys_cap - 1;
    for (i = S_key_slot(key, mask); pg->keys[i]; i = (i + 1) & mask)
      if (pg->keys[i] == key)
        return;
  }
  if (pg->nkeys >= BOILOFF_PROFILE_MAX_PAGE_LINES) {
    pg->status = BOILOFF_ERR_LIMIT;
    return;
  }
  if ((pg->nkeys + 1) * 2 > pg->keys_cap &&
      (pg->status = S_page_keys_grow(p)) != BOILOFF_OK)
    return;
  mask = pg->keys_cap - 1;
  for (i = S_key_slot(key, mask); pg->keys[i]; i = (i + 1) & mask)
    ;
  pg->keys[i] = key;
  pg->nkeys++;
}

boiloff_status boiloff_profile_begin_page(boiloff_profile *p,
                                          const char *site_name)
{
  open_page *pg;
  size_t len;

  if (!p)
    return BOILOFF_ERR_ARG;
  pg = &p->page;
  if (pg->open)
    return BOILOFF_ERR_STATE;
  if (!site_name)
    site_name = "";
  len = strlen(site_name);
  if (len >= pg->site_cap) {
    char *n = boiloff__realloc(&p->alloc, pg->site, len + 1);
    if (!n)
      return BOILOFF_ERR_NOMEM;
    pg->site = n;
    pg->site_cap = len + 1;
  }
  memcpy(pg->site, site_name, len + 1);
  pg->site_len = len;
  S_page_clear(p);
  pg->open = 1;
  return BOILOFF_OK;
}

/* Where the line from text[start] ends: its first '\n' or '\r', or len. */
static size_t S_line_end(const char *text, size_t start, size_t len)
{
  const char *nl = memchr(text + start, '\n', len - start);
  size_t end = nl ? (size_t)(nl - text) : len;
  const char *cr = memchr(text + start, '\r', end - start);
  return cr ? (size_t)(cr - text) : end;
}

boiloff_status boiloff_profile_add_text(boiloff_profile *p, const char *text,
                                        size_t len)
{
  open_page *pg;
  size_t start = 0, end;

  if (!p || (!text && len))
    return BOILOFF_ERR_ARG;
  pg = &p->page;
  if (!pg->open)
    return BOILOFF_ERR_STATE;
  while (pg->status == BOILOFF_OK && start < len) {
    nsink s;
    end = S_line_end(text, start, len);
    s.st = pg->line;
    s.out = NULL;
    s.status = BOILOFF_OK;
    S_norm_feed(&s, (const unsigned char *)text + start, end - start);
    pg->line = s.st;
    if (end == len)
      break;
    /* "\r\n" ends one line and starts an empty one, which is not counted */
    S_page_line_end(p);
    start = end + 1;
  }
  return pg->status;
}

int boiloff_profile_count_block(void *profile, const boiloff_block *block)
{
  boiloff_profile *p = profile;
  if (!block ||
      boiloff_profile_add_text(p, block->text, block->len) != BOILOFF_OK)
    return 1;
  return !block->continued &&
         boiloff_profile_add_text(p, "\n", 1) != BOILOFF_OK;
}

boiloff_status boiloff_profile_end_page(boiloff_profile *p)
{
  open_page *pg;
  boiloff_status st;
  uint32_t idx;
  size_t i;

  if (!p)
    return BOILOFF_ERR_ARG;
  pg = &p->page;
  if (!pg->open)
    return BOILOFF_ERR_STATE;
  if (pg->status == BOILOFF_OK)
    S_page_line_end(p); /* the last line needs no line end */
  /* Everything that can fail happens before the first count changes. */
  if ((st = pg->status) != BOILOFF_OK ||
      (st = boiloff__profile_site_get(p, pg->site, pg->site_len, &idx)) !=
          BOILOFF_OK ||
      (st = boiloff__profile_reserve(p, pg->nkeys)) != BOILOFF_OK) {
    S_page_clear(p);
    return st;
  }
  p->sites[idx].pages = boiloff__sat_add(p->sites[idx].pages, 1);
  if (pg->has_zero)
    boiloff__profile_add(p, idx, 0, 1);
  for (i = 0; i < pg->keys_cap; i++)
    if (pg->keys[i])
      boiloff__profile_add(p, idx, pg->keys[i], 1);
  S_page_clear(p);
  return BOILOFF_OK;
}

void boiloff_profile_cancel_page(boiloff_profile *p)
{
  if (p && p->page.open)
    S_page_clear(p);
}

boiloff_status boiloff_profile_add_page(boiloff_profile *p,
                                        const char *site_name, const char *text,
                                        size_t len)
{
  boiloff_status st;

  if (!p || (!text && len))
    return BOILOFF_ERR_ARG;
  if ((st = boiloff_profile_begin_page(p, site_name)) != BOILOFF_OK)
    return st;
  if ((st = boiloff_profile_add_text(p, text, len)) != BOILOFF_OK) {
    boiloff_profile_cancel_page(p);
    return st;
  }
  return boiloff_profile_end_page(p);
}

boiloff_status boiloff_profile_prune(boiloff_profile *p)
{
  size_t i, kept = 0, cap = 0;
  boiloff_status st;
  if (!p)
    return BOILOFF_ERR_ARG;
  for (i = 0; i < p->cap; i++)
    kept += p->entries[i].count >= BOILOFF__SITE_MIN_COUNT;
  if (kept == p->nentries)
    return BOILOFF_OK;
  if (kept && !(cap = boiloff__profile_capacity(0, kept, 7)))
    return BOILOFF_ERR_NOMEM;
  if ((st = S_rehash(p, cap, BOILOFF__SITE_MIN_COUNT)) == BOILOFF_OK)
    p->nentries = kept;
  return st;
}

unsigned long boiloff_profile_pages(const boiloff_profile *p, const char *name)
{
  long i;
  if (!p)
    return 0;
  if (!name)
    name = "";
  i = boiloff__profile_site_find(p, name, strlen(name));
  return i < 0 ? 0 : p->sites[i].pages;
}

unsigned long boiloff__profile_count_key(const boiloff_profile *p,
                                         const char *name, uint64_t key)
{
  long i;
  const entry *e;
  if (!p)
    return 0;
  if (!name)
    name = "";
  i = boiloff__profile_site_find(p, name, strlen(name));
  if (i < 0)
    return 0;
  e = S_entry_find(p, (uint32_t)i, key);
  return e ? e->count : 0;
}

unsigned long boiloff_profile_count(const boiloff_profile *p, const char *name,
                                    const char *line, size_t len)
{
  int empty;
  uint64_t key;
  if (!p || (!line && len))
    return 0;
  key = boiloff__profile_line_key(line, len, &empty);
  return empty ? 0 : boiloff__profile_count_key(p, name, key);
}

/* The pages of site `name` on which `line` occurs, and in *pages the
 * site's pages.  The line is looked up only when the site has `min_pages`
 * pages or more and, with `often` set, when the filter does not rule out
 * BOILOFF__SITE_MIN_COUNT pages (0 then: it is fewer). */
static unsigned long S_line_count(const boiloff_profile *p, const char *name,
                                  const char *line, size_t len,
                                  unsigned long min_pages, int often,
                                  unsigned long *pages)
{
  long i;
  int empty;
  uint64_t key;
  const entry *e;

  *pages = 0;
  if (!p || (!line && len))
    return 0;
  if (!name)
    name = "";
  i = boiloff__profile_site_find(p, name, strlen(name));
  if (i < 0 || (*pages = p->sites[i].pages) < min_pages)
    return 0;
  key = boiloff__profile_line_key(line, len, &empty);
  if (empty || (often && !S_often_may(p, (uint32_t)i, key)) ||
      !(e = S_entry_find(p, (uint32_t)i, key)))
    return 0;
  return e->count;
}

double boiloff__profile_share(const boiloff_profile *p, const char *name,
                              const char *line, size_t len,
                              unsigned long *pages_of_site)
{
  unsigned long pages, count = S_line_count(p, name, line, len, 0, 0, &pages);
  if (pages_of_site)
    *pages_of_site = pages;
  return pages ? (double)count / (double)pages : 0.0;
}

int boiloff__profile_is_furniture(const boiloff_profile *p, const char *name,
                                  const char *line, size_t len)
{
  /* A site with too few pages, or a line that the filter says is on too
   * few of them, needs no probe of the table. */
  unsigned long pages, count = S_line_count(p, name, line, len,
                                            BOILOFF__SITE_MIN_PAGES, 1, &pages);
  double share = pages ? (double)count / (double)pages : 0.0;
  return pages >= BOILOFF__SITE_MIN_PAGES && share >= BOILOFF__SITE_SHARE &&
         share * (double)pages >= BOILOFF__SITE_MIN_COUNT - 0.5;
}

/* ---- save --------------------------------------------------------------- */
