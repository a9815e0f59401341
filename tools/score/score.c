/* score.c - tokeniser, shingle multisets and P/R/F1 (see score.h). */
#include <config.h>

#include "score.h"
#include "utf8.h"
#include "wordchars.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int score_is_word_char(uint32_t cp)
{
  size_t lo = 0, hi = score__wordchar_nranges;

  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 'a' && cp <= 'z') || cp == '_';
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cp < score__wordchar_ranges[mid][0])
      hi = mid;
    else if (cp > score__wordchar_ranges[mid][1])
      lo = mid + 1;
    else
      return 1;
  }
  return 0;
}


/* FNV-1a over the token's bytes. */
static uint64_t S_hash_bytes(const unsigned char *s, size_t len)
{
  uint64_t h = 0xcbf29ce484222325u;
  size_t i;

  for (i = 0; i < len; i++) {
    h ^= s[i];
    h *= 0x100000001b3u;
  }
  return h;
}

static int S_push(score_tokens *t, size_t off, size_t len)
{
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 256;
    score_token *tok;
    if (cap > SIZE_MAX / sizeof *tok) {
      errno = ENOMEM;
      return -1;
    }
    tok = realloc(t->tok, cap * sizeof *tok);
    if (!tok)
      return -1;
    t->tok = tok;
    t->cap = cap;
  }
  t->tok[t->n].off = off;
  t->tok[t->n].len = len;
  t->tok[t->n].hash = S_hash_bytes((const unsigned char *)t->text + off, len);
  t->n++;
  return 0;
}

int score_tokenize(score_tokens *t, const char *text, size_t len)
{
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0, start = 0;
  int in_word = 0;

  t->text = text;
  t->n = 0;
  while (i < len) {
    uint32_t cp;
    /* An invalid byte decodes as U+FFFD, which is no word
     * character: it separates tokens. */
    size_t n = boiloff__utf8_decode(s + i, len - i, &cp);
    int w = score_is_word_char(cp);

    if (w && !in_word) {
      start = i;
      in_word = 1;
    } else if (!w && in_word) {
      if (S_push(t, start, i - start) != 0)
        return -1;
      in_word = 0;
    }
    i += n;
  }
  if (in_word && S_push(t, start, len - start) != 0)
    return -1;
  return 0;
}

void score_tokens_free(score_tokens *t)
{
  if (!t)
    return;
  free(t->tok);
  t->tok = NULL;
  t->n = t->cap = 0;
}

size_t score_nshingles(size_t ntok, unsigned n)
{
  if (ntok == 0)
    return 0;
  if (n == 0 || ntok < n)
    return 1;
  return ntok - n + 1;
}

/* A shingle multiset entry: k tokens of src starting at start, counted
 * once per occurrence in the gold and in the output. */
struct entry {
  uint64_t hash;
  const score_tokens *src; /* NULL: empty slot */
  size_t start;
  size_t k;
  uint64_t gold;
  uint64_t out;
};

static uint64_t S_hash_shingle(const score_tokens *t, size_t start, size_t k)
{
  uint64_t h = 0x9e3779b97f4a7c15u ^ k;
  size_t i;

  for (i = 0; i < k; i++) {
    h ^= t->tok[start + i].hash;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  return h;
}

static int S_same(const score_tokens *a, size_t sa, const score_tokens *b,
                  size_t sb, size_t k)
{
  size_t i;

  for (i = 0; i < k; i++) {
    const score_token *x = &a->tok[sa + i], *y = &b->tok[sb + i];
    if (x->hash != y->hash || x->len != y->len ||
        memcmp(a->text + x->off, b->text + y->off, x->len) != 0)
      return 0;
  }
  return 1;
}

/* Adds the shingles of t to the table (mask = size - 1), counting them as
 * gold or output. */
static void S_add_all(struct entry *tab, size_t mask, const score_tokens *t,
                      unsigned n, int is_gold)
{
  size_t k = t->n < n ? t->n : n;
  size_t count = score_nshingles(t->n, n), s;

  for (s = 0; s < count; s++) {
    uint64_t h = S_hash_shingle(t, s, k);
    size_t i = (size_t)h & mask;
    struct entry *e;

    for (;;) {
      e = &tab[i];
      if (!e->src) {
        e->hash = h;
        e->src = t;
        e->start = s;
        e->k = k;
        break;
      }
      if (e->hash == h && e->k == k && S_same(e->src, e->start, t, s, k))
        break;
      i = (i + 1) & mask;
    }
    if (is_gold)
      e->gold++;
    else
      e->out++;
  }
}

int score_compare(const score_tokens *gold, const score_tokens *out, unsigned n,
                  score_counts *c)
{
  size_t ng, no, size = 16, i;
  struct entry *tab;

  memset(c, 0, sizeof *c);
  if (n == 0)
    n = 1;
  ng = score_nshingles(gold->n, n);
  no = score_nshingles(out->n, n);
  if (ng + no == 0)
    return 0;
  while (size < 2 * (ng + no)) {
    if (size > SIZE_MAX / 2 / sizeof *tab) {
      errno = ENOMEM;
      return -1;
    }
    size *= 2;
  }
  tab = calloc(size, sizeof *tab);
  if (!tab)
    return -1;
  S_add_all(tab, size - 1, gold, n, 1);
  S_add_all(tab, size - 1, out, n, 0);
  for (i = 0; i < size; i++) {
    const struct entry *e = &tab[i];
    if (!e->src)
      continue;
    if (e->gold < e->out) {
      c->tp += e->gold;
      c->fp += e->out - e->gold;
    } else {
      c->tp += e->out;
      c->fn += e->gold - e->out;
    }
  }
  free(tab);
  return 0;
}

static double S_f1(double p, double r)
{
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

score_prf score_shingle_prf(const score_counts *c)
{
  score_prf x;

  if (c->fp == 0 && c->fn == 0) {
    x.p = x.r = 1;
  } else {
    x.p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0;
    x.r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0;
  }
  x.f = S_f1(x.p, x.r);
  return x;
}

score_prf score_bow_prf(const score_counts *c)
{
  uint64_t nout = c->tp + c->fp, ngold = c->tp + c->fn;
  score_prf x;

  x.p = nout ? (double)c->tp / (double)nout : (ngold ? 0 : 1);
  x.r = ngold ? (double)c->tp / (double)ngold : (nout ? 0 : 1);
  x.f = S_f1(x.p, x.r);
  return x;
}

int score_document(const char *gold, size_t gold_len, const char *out,
                   size_t out_len, score_doc *d)
{
  score_tokens g = {0}, o = {0};
  int rc = -1;

  memset(d, 0, sizeof *d);
  if (score_tokenize(&g, gold, gold_len) != 0 ||
      score_tokenize(&o, out, out_len) != 0 ||
      score_compare(&g, &o, 4, &d->shingle) != 0 ||
      score_compare(&g, &o, 1, &d->bow) != 0)
    goto out;
  d->gold_tokens = g.n;
  d->out_tokens = o.n;
  d->shingle_prf = score_shingle_prf(&d->shingle);
  d->bow_prf = score_bow_prf(&d->bow);
  rc = 0;
out:
  score_tokens_free(&g);
  score_tokens_free(&o);
  return rc;
}

void score_set_init(score_set *s)
{
  memset(s, 0, sizeof *s);
}

void score_set_add(score_set *s, const score_doc *d)
{
  s->docs++;
  if (d->shingle.tp + d->shingle.fp > 0) {
    s->n_p++;
    s->sum_p += d->shingle_prf.p;
  }
  if (d->shingle.tp + d->shingle.fn > 0) {
    s->n_r++;
    s->sum_r += d->shingle_prf.r;
  }
  s->bow_sum_p += d->bow_prf.p;
  s->bow_sum_r += d->bow_prf.r;
  s->bow_sum_f += d->bow_prf.f;
}

score_prf score_set_shingle(const score_set *s)
{
  score_prf x;

  x.p = s->n_p ? s->sum_p / (double)s->n_p : 0;
  x.r = s->n_r ? s->sum_r / (double)s->n_r : 0;
  x.f = S_f1(x.p, x.r);
  return x;
}

score_prf score_set_bow(const score_set *s)
{
  score_prf x;

  x.p = s->docs ? s->bow_sum_p / (double)s->docs : 0;
  x.r = s->docs ? s->bow_sum_r / (double)s->docs : 0;
  x.f = s->docs ? s->bow_sum_f / (double)s->docs : 0;
  return x;
}
