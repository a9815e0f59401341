/* profile_file.c - a site profile saved and loaded as a text file (the
 * format is documented in profile.c and boiloff.h). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boiloff.h"
#include "mem.h"
#include "profile_table.h"

#define MAX_FILE_LINE 16384

typedef struct sorted {
  uint32_t rank;
  uint32_t count;
  uint64_t key;
} sorted;

static int S_cmp_sorted(const void *a, const void *b)
{
  const sorted *x = a, *y = b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

static int S_cmp_site_names(const site *x, const site *y)
{
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->name, y->name, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void S_write_name(FILE *f, const site *s)
{
  size_t i;
  for (i = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->name[i];
    if (c <= 0x20 || c >= 0x7f || c == '%')
      fprintf(f, "%%%02X", c);
    else
      putc(c, f);
  }
}

/* Sorts site indices by name (merge sort: no global comparator state, as
 * several threads may save profiles at once). */
static void S_sort_sites(const site *sites, uint32_t *ord, uint32_t *tmp,
                         size_t n)
{
  size_t mid = n / 2, i = 0, j, k = 0;
  if (n < 2)
    return;
  S_sort_sites(sites, ord, tmp, mid);
  S_sort_sites(sites, ord + mid, tmp, n - mid);
  j = mid;
  while (i < mid && j < n)
    tmp[k++] = S_cmp_site_names(&sites[ord[j]], &sites[ord[i]]) < 0 ? ord[j++]
                                                                    : ord[i++];
  while (i < mid)
    tmp[k++] = ord[i++];
  while (j < n)
    tmp[k++] = ord[j++];
  memcpy(ord, tmp, n * sizeof *ord);
}

boiloff_status boiloff_profile_save(const boiloff_profile *p, const char *path)
{
  boiloff_status st = BOILOFF_OK;
  uint32_t *ord = NULL, *tmp = NULL, *rank = NULL;
  sorted *all = NULL;
  size_t i, k = 0, n = 0, plen;
  char *tmppath = NULL;
  FILE *f = NULL;
  int fd = -1, saved_errno = 0;
  unsigned attempt;

  if (!p || !path)
    return BOILOFF_ERR_ARG;
  n = p->nsites;
  ord = boiloff__calloc(&p->alloc, n + 1, sizeof *ord);
  tmp = boiloff__calloc(&p->alloc, n + 1, sizeof *tmp);
  rank = boiloff__calloc(&p->alloc, n + 1, sizeof *rank);
  all = boiloff__calloc(&p->alloc, p->nentries + 1, sizeof *all);
  plen = strlen(path);
  tmppath = boiloff__malloc(&p->alloc, plen + 48);
  if (!ord || !tmp || !rank || !all || !tmppath) {
    st = BOILOFF_ERR_NOMEM;
    goto out;
  }
  for (i = 0; i < n; i++)
    ord[i] = (uint32_t)i;
  S_sort_sites(p->sites, ord, tmp, n);
  for (i = 0; i < n; i++)
    rank[ord[i]] = (uint32_t)i;
  for (i = 0; i < p->cap; i++)
    if (p->entries[i].count) {
      all[k].rank = rank[p->entries[i].site];
      all[k].key = p->entries[i].key;
      all[k].count = p->entries[i].count;
      k++;
    }
  qsort(all, k, sizeof *all, S_cmp_sorted);

  for (attempt = 0; fd < 0; attempt++) {
    snprintf(tmppath, plen + 48, "%s.%ld.%u.tmp", path, (long)getpid(),
             attempt);
    fd = open(tmppath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt > 100)) {
      st = BOILOFF_ERR_IO;
      saved_errno = errno;
      goto out;
    }
  }
  f = fdopen(fd, "w");
  if (!f) {
    saved_errno = errno;
    close(fd);
    unlink(tmppath);
    st = BOILOFF_ERR_IO;
    goto out;
  }
  fputs("boiloff-profile 1\n"
        "# site PAGES LINES NAME, then LINES of: FNV1A64(normalised line) "
        "PAGES_WITH_LINE\n",
        f);
  {
    size_t e = 0, r;
    for (r = 0; r < n; r++) {
      const site *s = &p->sites[ord[r]];
      size_t first = e;
      while (e < k && all[e].rank == r)
        e++;
      fprintf(f, "site %lu %lu ", s->pages, (unsigned long)(e - first));
      S_write_name(f, s);
      putc('\n', f);
      for (; first < e; first++)
        fprintf(f, "%016llx %lu\n", (unsigned long long)all[first].key,
                (unsigned long)all[first].count);
    }
  }
  fprintf(f, "end %lu %lu\n", (unsigned long)n, (unsigned long)k);
  if (ferror(f)) {
    saved_errno = errno ? errno : EIO;
    fclose(f);
    unlink(tmppath);
    st = BOILOFF_ERR_IO;
    goto out;
  }
  if (fclose(f) != 0 || rename(tmppath, path) != 0) {
    saved_errno = errno;
    unlink(tmppath);
    st = BOILOFF_ERR_IO;
  }
out:
  boiloff__free(&p->alloc, ord);
  boiloff__free(&p->alloc, tmp);
  boiloff__free(&p->alloc, rank);
  boiloff__free(&p->alloc, all);
  boiloff__free(&p->alloc, tmppath);
  if (saved_errno)
    errno = saved_errno;
  return st;
}

/* ---- load --------------------------------------------------------------- */

/* Strict unsigned decimal: digits only, no overflow; returns the end. */
static const char *S_ulong(const char *s, unsigned long *v)
{
  unsigned long x = 0;
  const char *p = s;
  while (*p >= '0' && *p <= '9') {
    unsigned d = (unsigned)(*p - '0');
    if (x > (~0UL - d) / 10)
      return NULL;
    x = x * 10 + d;
    p++;
  }
  if (p == s || (p - s > 1 && *s == '0'))
    return NULL;
  *v = x;
  return p;
}

static int S_hexval(int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes a percent-escaped name in place; its length, or -1. */
static long S_unescape(char *s)
{
  char *r = s, *w = s;
  while (*r) {
    unsigned char c = (unsigned char)*r;
    if (c <= 0x20 || c >= 0x7f)
      return -1;
    if (c == '%') {
      int hi = S_hexval(r[1]), lo = hi < 0 ? -1 : S_hexval(r[2]);
      if (lo < 0)
        return -1;
      *w++ = (char)(hi * 16 + lo);
      r += 3;
    } else {
      *w++ = *r++;
    }
  }
  return (long)(w - s);
}

/* Reads one line without its "\n" into buf: 1 ok, 0 EOF, -1 malformed
 * (too long or no final newline), -2 read error. */
static int S_getline(FILE *f, char *buf, size_t cap)
{
  size_t n;
  if (!fgets(buf, (int)cap, f))
    return ferror(f) ? -2 : 0;
  n = strlen(buf);
  if (n == 0 || buf[n - 1] != '\n')
    return ferror(f) ? -2 : -1;
  buf[n - 1] = '\0';
  return 1;
}

static boiloff_status S_parse(boiloff_profile *p, FILE *f, char *buf)
{
  unsigned long nsites = 0, total = 0, want_lines = 0, pages = 0;
  uint32_t idx = 0;
  uint64_t last = 0;
  int r, have_site = 0;

  if ((r = S_getline(f, buf, MAX_FILE_LINE)) != 1)
    return r == -2 ? BOILOFF_ERR_IO : BOILOFF_ERR_PROFILE;
  if (strcmp(buf, "boiloff-profile 1") != 0)
    return BOILOFF_ERR_PROFILE;
  for (;;) {
    if ((r = S_getline(f, buf, MAX_FILE_LINE)) != 1)
      return r == -2 ? BOILOFF_ERR_IO : BOILOFF_ERR_PROFILE; /* no "end" */
    if (want_lines) {                                        /* KEY COUNT */
      uint64_t key = 0;
      unsigned long count;
      int i;
      for (i = 0; i < 16; i++) {
        int v =
            (buf[i] >= 'a' && buf[i] <= 'f') || (buf[i] >= '0' && buf[i] <= '9')
                ? S_hexval(buf[i])
                : -1;
        if (v < 0)
          return BOILOFF_ERR_PROFILE;
        key = key << 4 | (uint64_t)v;
      }
      if (buf[16] != ' ' || !S_ulong(buf + 17, &count) ||
          *S_ulong(buf + 17, &count) != '\0' || count < 1 || count > pages ||
          count > UINT32_MAX || (have_site && key <= last))
        return BOILOFF_ERR_PROFILE;
      if (boiloff__profile_reserve(p, 1) != BOILOFF_OK)
        return BOILOFF_ERR_NOMEM;
      boiloff__profile_add(p, idx, key, (uint32_t)count);
      last = key;
      have_site = 1;
      want_lines--;
      total++;
      continue;
    }
    if (buf[0] == '#')
      continue;
    if (strncmp(buf, "site ", 5) == 0) {
      const char *q;
      long len;
      boiloff_status st;
      if (!(q = S_ulong(buf + 5, &pages)) || *q != ' ' ||
          !(q = S_ulong(q + 1, &want_lines)) || *q != ' ')
        return BOILOFF_ERR_PROFILE;
      if ((len = S_unescape((char *)q + 1)) < 0 ||
          boiloff__profile_site_find(p, q + 1, (size_t)len) >= 0)
        return BOILOFF_ERR_PROFILE; /* bad or repeated name */
      if ((st = boiloff__profile_site_get(p, q + 1, (size_t)len, &idx)) !=
          BOILOFF_OK)
        return st;
      p->sites[idx].pages = pages;
      have_site = 0;
      nsites++;
      continue;
    }
    if (strncmp(buf, "end ", 4) == 0) {
      unsigned long s, l;
      const char *q;
      if (!(q = S_ulong(buf + 4, &s)) || *q != ' ' ||
          !(q = S_ulong(q + 1, &l)) || *q != '\0' || s != nsites || l != total)
        return BOILOFF_ERR_PROFILE;
      if (fgetc(f) != EOF)
        return BOILOFF_ERR_PROFILE; /* trailing data */
      return ferror(f) ? BOILOFF_ERR_IO : BOILOFF_OK;
    }
    return BOILOFF_ERR_PROFILE;
  }
}

boiloff_status boiloff_profile_load(boiloff_profile *p, const char *path)
{
  boiloff_profile *tmp = NULL;
  char *buf = NULL;
  FILE *f = NULL;
  boiloff_status st;
  int saved_errno = 0;

  if (!p || !path)
    return BOILOFF_ERR_ARG;
  f = fopen(path, "r");
  if (!f)
    return BOILOFF_ERR_IO; /* errno from fopen */
  tmp = boiloff_profile_new(&p->alloc);
  buf = boiloff__malloc(&p->alloc, MAX_FILE_LINE);
  if (!tmp || !buf) {
    st = BOILOFF_ERR_NOMEM;
    goto out;
  }
  st = S_parse(tmp, f, buf);
  if (st == BOILOFF_ERR_IO)
    saved_errno = errno ? errno : EIO;
  if (st == BOILOFF_OK)
    st = boiloff_profile_merge(p, tmp);
out:
  fclose(f);
  boiloff__free(&p->alloc, buf);
  boiloff_profile_free(tmp);
  if (saved_errno)
    errno = saved_errno;
  return st;
}
