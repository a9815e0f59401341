/* train.c - boiloff-train: learns the block model from pages with gold
 * article text, reproducibly, and evaluates it.
 *
 *   boiloff-train [--out FILE] [--cv] [--eval] [options] CORPUS_DIR
 *
 * CORPUS_DIR holds sets (subdirectories) of <id>.txt pages and their
 * <id>.gold.txt article text.  Every block the model would judge is
 * labelled content when most of its words appear, in order, in the gold
 * (most of its 4-word shingles, or the whole of a shorter block).  The
 * features come from the library itself (the classifier's training hook),
 * so training and use cannot disagree.  The model is a few gradient-
 * boosted trees of depth 3 (logistic loss, Newton leaf values, quantile
 * bins): no randomness, so the same corpus gives the same model bit for
 * bit.  Each set weighs the same, and each page within a set, as in the
 * metric; within a page a block weighs its words (see WEIGHT_FLOOR).
 *
 * --out FILE writes the model as C source (src/lib/model_weights.c);
 * --rounds N and --shrink X (32 and 0.3) set the number of trees and the
 * learning rate, for experiments (`make train` uses the defaults);
 * --cv trains on all sets but one and scores the one left out, for each;
 * --leave-out SET trains (and writes) the model of all sets but SET, to
 * look at what cross-validation sees page by page;
 * --eval scores rules only and the model on every set;
 * --lost names the pages scored below F1 0.05 (each set's count of them
 * is printed anyway), --page-scores every page's F1.
 * For experiments only (`make train` uses the defaults): --drop NAME,...
 * fits without those features; --floor X and --weight-power X weigh a
 * block words^X + floor (1, 5); --lambda X, --min-hess X, --bins N the
 * trees' L2 (1), least hessian (1e-3) and bins (32, at most 64);
 * --page-norm A weighs a page's blocks by 1 / (content mass + A other
 * mass) rather than its whole mass; --set-power A weighs each set by its
 * pages to the power A (0: each set the same).
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "classify.h"
#include "cleaner.h"
#include "model.h"
#include "score.h"

#define NF BOILOFF__NFEATURES

static unsigned extra_flags; /* --no-smooth */
static double bias;          /* --bias */

typedef struct page {
  char *set, *id, *text, *gold;
  size_t text_len, gold_len;
  int html; /* text is the page's HTML (<id>.html.gz); set ends in .html */
} page;

typedef struct sample {
  float x[NF];
  int label;
  double weight; /* its words + WEIGHT_FLOOR: the metric counts words */
  size_t page;
} sample;

typedef struct corpus {
  page *pages;
  size_t npages, cap;
  sample *samples;
  size_t nsamples, scap;
} corpus;

/* A model for text pages and one for HTML pages. */
typedef struct model_pair {
  boiloff__model text, html;
} model_pair;

static void *xrealloc(void *p, size_t n)
{
  p = realloc(p, n ? n : 1);
  if (!p) {
    fprintf(stderr, "boiloff-train: out of memory\n");
    exit(1);
  }
  return p;
}

static char *xstrdup(const char *s)
{
  return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

/* All of stream f, NUL-terminated. */
static char *read_all(FILE *f, size_t *len)
{
  char *p = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (n + 65536 + 1 > cap)
      p = xrealloc(p, cap = cap ? cap * 2 : 131072);
    got = fread(p + n, 1, 65536, f);
    n += got;
  } while (got);
  p[n] = '\0';
  *len = n;
  return p;
}

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *p;
  if (!f)
    return NULL;
  p = read_all(f, len);
  fclose(f);
  return p;
}

/* The decompressed content of a .gz file, by gzip -dc (in every Debian
 * system; training needs no zlib). */
static char *slurp_gz(const char *path, size_t *len)
{
  char cmd[20000], *q = cmd, *p;
  const char *s;
  FILE *f;
  q += sprintf(q, "gzip -dc -- '");
  for (s = path; *s && q < cmd + sizeof cmd - 8; s++) {
    if (*s == '\'') {
      memcpy(q, "'\\''", 4);
      q += 4;
    } else {
      *q++ = *s;
    }
  }
  strcpy(q, "'");
  if (!(f = popen(cmd, "r")))
    return NULL;
  p = read_all(f, len);
  if (pclose(f) != 0) {
    free(p);
    return NULL;
  }
  return p;
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir, for a walk that does not depend on the file
 * system's order. */
static char **sorted_names(const char *dir, size_t *n)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  char **names = NULL;
  size_t cnt = 0;
  if (!d) {
    fprintf(stderr, "boiloff-train: %s: %s\n", dir, strerror(errno));
    exit(1);
  }
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    names = xrealloc(names, (cnt + 1) * sizeof *names);
    names[cnt++] = xstrdup(e->d_name);
  }
  closedir(d);
  qsort(names, cnt, sizeof *names, cmp_str);
  *n = cnt;
  return names;
}

static page *new_page(corpus *c)
{
  if (c->npages == c->cap)
    c->pages = xrealloc(c->pages, (c->cap = c->cap ? c->cap * 2 : 256) *
                                      sizeof *c->pages);
  memset(&c->pages[c->npages], 0, sizeof c->pages[0]);
  return &c->pages[c->npages++];
}

/* Every page twice when its HTML is there: as text (set S) and as HTML
 * (set S.html), for the text model and the HTML model. */
static void load_corpus(corpus *c, const char *root)
{
  size_t nsets, s;
  char **sets = sorted_names(root, &nsets);
  for (s = 0; s < nsets; s++) {
    char dir[8192];
    size_t nfiles, i, first = c->npages, ntext;
    char **files;
    snprintf(dir, sizeof dir, "%s/%s", root, sets[s]);
    files = sorted_names(dir, &nfiles);
    for (i = 0; i < nfiles; i++) {
      size_t l = strlen(files[i]);
      char path[16384];
      page *p;
      if (l < 10 || strcmp(files[i] + l - 9, ".gold.txt") != 0)
        continue;
      p = new_page(c);
      p->set = xstrdup(sets[s]);
      p->id = xstrdup(files[i]);
      p->id[l - 9] = '\0';
      snprintf(path, sizeof path, "%s/%s", dir, files[i]);
      p->gold = slurp(path, &p->gold_len);
      snprintf(path, sizeof path, "%s/%s.txt", dir, p->id);
      p->text = slurp(path, &p->text_len);
      if (!p->gold || !p->text) {
        fprintf(stderr, "boiloff-train: cannot read %s\n", path);
        exit(1);
      }
    }
    ntext = c->npages;
    for (i = first; i < ntext; i++) {
      char path[16384], set[8192];
      FILE *probe;
      page *p;
      snprintf(path, sizeof path, "%s/%s.html.gz", dir, c->pages[i].id);
      if (!(probe = fopen(path, "rb")))
        continue;
      fclose(probe);
      snprintf(set, sizeof set, "%s.html", sets[s]);
      p = new_page(c);
      p->set = xstrdup(set);
      p->id = xstrdup(c->pages[i].id);
      p->gold = xstrdup(c->pages[i].gold);
      p->gold_len = c->pages[i].gold_len;
      p->html = 1;
      if (!(p->text = slurp_gz(path, &p->text_len))) {
        fprintf(stderr, "boiloff-train: cannot decompress %s\n", path);
        exit(1);
      }
    }
    for (i = 0; i < nfiles; i++)
      free(files[i]);
    free(files);
  }
  for (s = 0; s < nsets; s++)
    free(sets[s]);
  free(sets);
}

/* ---- labels: does a block's text appear, in order, in the gold? -------- */

typedef struct hashset {
  uint64_t *keys;
  size_t cap;
} hashset;

static uint64_t gram_hash(const score_token *t, size_t n)
{
  uint64_t h = 0x9e3779b97f4a7c15ull;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ t[i].hash) * 0x100000001b3ull + n;
  return h ? h : 1;
}

static void hs_add(hashset *s, uint64_t k)
{
  size_t i = (size_t)k & (s->cap - 1);
  while (s->keys[i] && s->keys[i] != k)
    i = (i + 1) & (s->cap - 1);
  s->keys[i] = k;
}

static int hs_has(const hashset *s, uint64_t k)
{
  size_t i = (size_t)k & (s->cap - 1);
  while (s->keys[i]) {
    if (s->keys[i] == k)
      return 1;
    i = (i + 1) & (s->cap - 1);
  }
  return 0;
}

/* Every 1- to 4-gram of the gold. */
static void gold_grams(const char *gold, size_t len, hashset *s)
{
  score_tokens t = {0};
  size_t i, n;
  score_tokenize(&t, gold, len);
  s->cap = 64;
  while (s->cap < t.n * 8 + 64)
    s->cap *= 2;
  s->keys = calloc(s->cap, sizeof *s->keys);
  for (i = 0; i < t.n; i++)
    for (n = 1; n <= 4 && i + n <= t.n; n++)
      hs_add(s, gram_hash(t.tok + i, n));
  score_tokens_free(&t);
}

/* A block weighs its words plus this in training.  The metric counts
 * words, so a long comment wrongly kept costs more than a menu item; the
 * floor keeps short lines (headlines, bylines) from weighing nothing.
 * Measured on the dev corpus: words alone (floor 1) lost a tenth of the
 * headlines kept; 5 keeps as many as weighing every block the same, and
 * 12 or a floor for content lines cost F1. */
#define WEIGHT_FLOOR 5
static double weight_floor = WEIGHT_FLOOR; /* --floor */
static double weight_power = 1.0;          /* --weight-power: words^x */
/* --page-norm A: a page's blocks weigh 1 / (its content mass + A times
 * its other mass) instead of 1 / (all its mass) (A < 0: off). */
static double page_norm = -1.0;
/* --set-power A: a set weighs its pages to the power A (0: each set the
 * same). */
static double set_power = 0.0;

/* Content (1) or not (0); *words gets the block's words. */
static int block_label(const hashset *gold, const char *text, size_t len,
                       size_t *words)
{
  score_tokens t = {0};
  size_t i, hit = 0, total;
  int label;
  score_tokenize(&t, text, len);
  *words = t.n;
  if (t.n == 0) {
    label = 0;
  } else if (t.n < 4) {
    label = hs_has(gold, gram_hash(t.tok, t.n));
  } else {
    total = t.n - 3;
    for (i = 0; i + 4 <= t.n; i++)
      hit += hs_has(gold, gram_hash(t.tok + i, 4));
    label = hit * 2 > total;
  }
  score_tokens_free(&t);
  return label;
}

/* ---- running the library ---------------------------------------------- */

typedef struct run {
  corpus *c;
  size_t page;
  const hashset *gold;
  char *kept;
  size_t kept_len, kept_cap;
} run;

static void observe(void *user, const boiloff_block *b, const float *x)
{
  run *r = user;
  corpus *c = r->c;
  sample *s;
  size_t words;
  if (c->nsamples == c->scap)
    c->samples =
        xrealloc(c->samples, (c->scap = c->scap ? c->scap * 2 : 65536) *
                                 sizeof *c->samples);
  s = &c->samples[c->nsamples++];
  memcpy(s->x, x, sizeof s->x);
  s->label = block_label(r->gold, b->text, b->len, &words);
  s->page = r->page;
  s->weight =
      (weight_power == 1.0 ? (double)words : pow((double)words, weight_power)) +
      weight_floor;
}

static int keep_text(void *user, const boiloff_block *b)
{
  run *r = user;
  if (b->label != BOILOFF_CONTENT)
    return 0;
  if (r->kept_len + b->len + 2 > r->kept_cap)
    r->kept = xrealloc(r->kept, r->kept_cap = (r->kept_len + b->len + 2) * 2);
  memcpy(r->kept + r->kept_len, b->text, b->len);
  r->kept_len += b->len;
  r->kept[r->kept_len++] = b->continued ? ' ' : '\n';
  return 0;
}

/* Runs page p through the library with `model` (NULL = rules only);
 * with `collect`, records its samples. */
static void run_page(corpus *c, size_t p, const boiloff__model *model,
                     int collect, run *r)
{
  boiloff_options o;
  boiloff_ctx *ctx;
  hashset gold = {0};
  boiloff_options_init(&o);
  o.flags =
      (c->pages[p].html ? BOILOFF_OPT_HTML : BOILOFF_OPT_TEXT) | extra_flags;
  /* Samples are collected without a model, where the dial would move the
   * rules' thresholds and so the features: collect at 0, as in use. */
  o.bias = collect ? 0.0 : bias;
  memset(r, 0, sizeof *r);
  r->c = c;
  r->page = p;
  ctx = boiloff_new(&o, keep_text, r);
  if (!ctx) {
    fprintf(stderr, "boiloff-train: out of memory\n");
    exit(1);
  }
  boiloff__classifier_set_model(boiloff__ctx_classifier(ctx), model);
  if (collect) {
    gold_grams(c->pages[p].gold, c->pages[p].gold_len, &gold);
    r->gold = &gold;
    boiloff__classifier_observe(boiloff__ctx_classifier(ctx), observe, r);
  }
  if (boiloff_feed(ctx, c->pages[p].text, c->pages[p].text_len) != BOILOFF_OK ||
      boiloff_finish(ctx) != BOILOFF_OK) {
    fprintf(stderr, "boiloff-train: %s/%s: the library failed\n",
            c->pages[p].set, c->pages[p].id);
    exit(1);
  }
  boiloff_free(ctx);
  free(gold.keys);
}


/* ---- gradient-boosted trees ------------------------------------------ */

static int rounds = 32;     /* --rounds: trees (at most BOILOFF__MAX_TREES) */
static double shrink = 0.3; /* --shrink: learning rate */
static double subsample = 1.0; /* --subsample: share of pages each tree sees */

/* Whether page p is in round r's sample: a fixed hash, so that `make
 * train` stays reproducible bit for bit. */
static int in_round(size_t p, int r)
{
  uint64_t x = (uint64_t)p * 0x9E3779B97F4A7C15u ^
               (uint64_t)(r + 1) * 0xBF58476D1CE4E5B9u;
  if (subsample >= 1.0)
    return 1;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBu;
  x ^= x >> 29;
  return (double)(x >> 11) * (1.0 / 9007199254740992.0) < subsample;
}
static double leaf_l2 = 1.0;        /* --lambda: L2 on leaf values */
static double least_hessian = 1e-3; /* --min-hess: least hessian each side */
#define MAX_BINS 64
static int split_bins = 32; /* --bins */
/* --drop NAME,...: features held constant in fitting (never split on). */
static unsigned char dropped[NF];

typedef struct binned {
  float cut[NF][MAX_BINS]; /* cut[f][b]: upper bound of bin b (x < cut) */
  int ncut[NF];
  unsigned char *bin; /* nsamples x NF */
} binned;

static int cmp_float(const void *a, const void *b)
{
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* Quantile cuts per feature over the training samples. */
static void make_bins(const corpus *c, const unsigned char *use, binned *bn)
{
  float *v = malloc(sizeof(float) * (c->nsamples ? c->nsamples : 1));
  size_t i, n;
  int f, b;
  bn->bin = malloc(c->nsamples * NF + 1);
  for (f = 0; f < NF; f++) {
    n = 0;
    for (i = 0; i < c->nsamples; i++)
      if (use[i])
        v[n++] = c->samples[i].x[f];
    qsort(v, n, sizeof *v, cmp_float);
    bn->ncut[f] = 0;
    for (b = 1; b < split_bins && n && !dropped[f]; b++) {
      float q = v[(size_t)((double)b / split_bins * (double)(n - 1))];
      /* A cut between distinct values: x < q sends lower values left. */
      if (q > v[0] && (bn->ncut[f] == 0 || q > bn->cut[f][bn->ncut[f] - 1]))
        bn->cut[f][bn->ncut[f]++] = q;
    }
    for (i = 0; i < c->nsamples; i++) {
      float x = c->samples[i].x[f];
      int k = 0;
      while (k < bn->ncut[f] && x >= bn->cut[f][k])
        k++;
      bn->bin[i * NF + f] = (unsigned char)k;
    }
  }
  free(v);
}

static int has_html(const corpus *c)
{
  size_t p;
  for (p = 0; p < c->npages; p++)
    if (c->pages[p].html)
      return 1;
  return 0;
}

static void fit(const corpus *c, const char *leave_out, int html,
                boiloff__model *m);

/* Fits the text model and, when the corpus has HTML, the HTML model
 * (else the text model serves both). */
static void fit_pair(const corpus *c, const char *leave_out, model_pair *m)
{
  fit(c, leave_out, 0, &m->text);
  if (has_html(c))
    fit(c, leave_out, 1, &m->html);
  else
    m->html = m->text;
}

/* Whether set is the set named source, as text or as HTML. */
static int same_source(const char *set, const char *source)
{
  size_t n = strlen(source);
  return strncmp(set, source, n) == 0 &&
         (set[n] == '\0' || strcmp(set + n, ".html") == 0);
}

/* Fits the model for text (html = 0) or HTML pages on the samples of
 * those pages whose set is other than `leave_out` (NULL: all).  Each set
 * weighs the same, and within a set each page: the metric is a mean
 * over the pages of each set.  Within a page, a block weighs its words,
 * as the metric counts them: a long comment kept costs more than a menu
 * item. */
static void fit(const corpus *c, const char *leave_out, int html,
                boiloff__model *m)
{
  size_t i, j, n = c->nsamples, n_used = 0;
  double *page_mass = calloc(c->npages, sizeof *page_mass);
  double *page_weight = calloc(c->npages, sizeof *page_weight);
  double *page_pos = calloc(c->npages, sizeof *page_pos);
  double *w = malloc(sizeof(double) * (n + 1)),
         *z = malloc(sizeof(double) * (n + 1));
  double *g = malloc(sizeof(double) * (n + 1)),
         *h = malloc(sizeof(double) * (n + 1));
  unsigned char *use = malloc(n + 1), *node = malloc(n + 1);
  double trans[2][2] = {{1, 1}, {1, 1}}, prior[2] = {1, 1}, total = 0, pos = 0;
  binned bn;
  int prev_label = -1, r, f;
  size_t prev_page = (size_t)-1;

  for (i = 0; i < n; i++) {
    use[i] = c->pages[c->samples[i].page].html == html &&
             (!leave_out ||
              !same_source(c->pages[c->samples[i].page].set, leave_out));
    page_mass[c->samples[i].page] += c->samples[i].weight;
    if (c->samples[i].label)
      page_pos[c->samples[i].page] += c->samples[i].weight;
    n_used += use[i];
  }
  for (i = 0; i < c->npages; i++) {
    size_t in_set = 0;
    for (j = 0; j < c->npages; j++)
      in_set += strcmp(c->pages[j].set, c->pages[i].set) == 0;
    double mass = page_mass[i];
    if (page_norm >= 0 && page_pos[i] > 0)
      mass = page_pos[i] + page_norm * (page_mass[i] - page_pos[i]);
    page_weight[i] =
        mass > 0 ? pow((double)in_set, set_power) / (mass * (double)in_set) : 0;
  }
  for (i = 0; i < n; i++) {
    const sample *s = &c->samples[i];
    w[i] = use[i] ? page_weight[s->page] * s->weight : 0;
    total += w[i];
    pos += w[i] * s->label;
    if (!use[i])
      continue;
    if (s->page != prev_page)
      prev_label = -1;
    if (prev_label >= 0)
      trans[prev_label][s->label] += 1;
    prior[s->label] += 1;
    prev_label = s->label;
    prev_page = s->page;
  }
  /* Mean weight 1 over the samples used, so that the regularisation
   * (leaf_l2, least_hessian) means the same whatever else the corpus holds: the
   * text model does not move when HTML pages are added. */
  for (i = 0; i < n; i++)
    w[i] = total > 0 ? w[i] / total * (double)n_used : 0;
  memset(m, 0, sizeof *m);
  m->base = log((pos + 1e-9) / (total - pos + 1e-9));
  for (i = 0; i < n; i++)
    z[i] = m->base;
  make_bins(c, use, &bn);
  for (r = 0; r < rounds && r < BOILOFF__MAX_TREES; r++) {
    boiloff__tree_node *tree = m->tree[r];
    int level;
    for (i = 0; i < n; i++) {
      double p = 1.0 / (1.0 + exp(-z[i]));
      double wi = in_round(c->samples[i].page, r) ? w[i] : 0;
      g[i] = wi * (p - c->samples[i].label);
      h[i] = wi * p * (1 - p);
      node[i] = 0;
    }
    for (level = 0; level < BOILOFF__TREE_DEPTH; level++) {
      int first = (1 << level) - 1, count = 1 << level, k;
      /* Histograms of gradient and hessian per node, feature and bin. */
      static double hg[8][NF][MAX_BINS], hh[8][NF][MAX_BINS];
      memset(hg, 0, sizeof hg);
      memset(hh, 0, sizeof hh);
      for (i = 0; i < n; i++) {
        int nd = node[i] - first;
        if (!w[i])
          continue;
        for (f = 0; f < NF; f++) {
          int b = bn.bin[i * NF + f];
          hg[nd][f][b] += g[i];
          hh[nd][f][b] += h[i];
        }
      }
      for (k = 0; k < count; k++) {
        double G = 0, H = 0, best = 0;
        int bf = 0, bb, best_cut = -1;
        for (bb = 0; bb < split_bins; bb++) {
          G += hg[k][0][bb];
          H += hh[k][0][bb];
        }
        for (f = 0; f < NF; f++) {
          double gl = 0, hl = 0;
          for (bb = 0; bb < bn.ncut[f]; bb++) {
            double gain;
            gl += hg[k][f][bb];
            hl += hh[k][f][bb];
            if (hl < least_hessian || H - hl < least_hessian)
              continue;
            gain = gl * gl / (hl + leaf_l2) +
                   (G - gl) * (G - gl) / (H - hl + leaf_l2) -
                   G * G / (H + leaf_l2);
            if (gain > best + 1e-12) {
              best = gain;
              bf = f;
              best_cut = bb;
            }
          }
        }
        tree[first + k].feature = bf;
        /* No useful split: every sample goes left. */
        tree[first + k].threshold =
            best_cut >= 0 ? bn.cut[bf][best_cut] : 3.0e38f;
      }
      for (i = 0; i < n; i++) {
        const boiloff__tree_node *t = &tree[node[i]];
        node[i] =
            (unsigned char)(2 * node[i] +
                            (c->samples[i].x[t->feature] < t->threshold ? 1
                                                                        : 2));
      }
    }
    {
      double lg[8] = {0}, lh[8] = {0};
      int k;
      for (i = 0; i < n; i++) {
        lg[node[i] - 7] += g[i];
        lh[node[i] - 7] += h[i];
      }
      for (k = 0; k < 8; k++)
        tree[7 + k].value = (float)(-shrink * lg[k] / (lh[k] + leaf_l2));
      for (i = 0; i < n; i++)
        z[i] += tree[node[i]].value;
    }
    m->ntrees = r + 1;
  }
  for (f = 0; f < 2; f++) {
    double row = trans[f][0] + trans[f][1];
    m->log_transition[f][0] = log(trans[f][0] / row);
    m->log_transition[f][1] = log(trans[f][1] / row);
    m->log_prior[f] = log(prior[f] / (prior[0] + prior[1]));
  }
  free(bn.bin);
  free(page_mass);
  free(page_weight);
  free(page_pos);
  free(w);
  free(z);
  free(g);
  free(h);
  free(use);
  free(node);
}

/* ---- evaluation --------------------------------------------------------- */

typedef struct set_score {
  char name[64];
  score_set s;
  size_t lost; /* pages whose shingle F1 is below LOST_F1 */
} set_score;

/* A page scored below this is lost whole (the worst failure: counted in
 * cross-validation, and listed with --worst). */
#define LOST_F1 0.05
static int list_lost; /* --lost: name the lost pages of --cv */

/* Scores the models (NULL: rules only) on the pages of `only` (NULL: all
 * sets), per set. */
static size_t evaluate(corpus *c, const model_pair *models, const char *only,
                       set_score *out, size_t max)
{
  size_t p, n = 0, k;
  for (p = 0; p < c->npages; p++) {
    run r;
    score_doc d;
    if (only && strcmp(c->pages[p].set, only) != 0)
      continue;
    run_page(c, p,
             models ? (c->pages[p].html ? &models->html : &models->text) : NULL,
             0, &r);
    score_document(c->pages[p].gold, c->pages[p].gold_len, r.kept ? r.kept : "",
                   r.kept_len, &d);
    free(r.kept);
    for (k = 0; k < n; k++)
      if (strcmp(out[k].name, c->pages[p].set) == 0)
        break;
    if (k == n && n < max) {
      snprintf(out[n].name, sizeof out[n].name, "%s", c->pages[p].set);
      score_set_init(&out[n].s);
      out[n].lost = 0;
      n++;
    }
    if (k < n) {
      score_set_add(&out[k].s, &d);
      if (d.shingle_prf.f < LOST_F1)
        out[k].lost++;
      if (list_lost > 1 || (list_lost && d.shingle_prf.f < LOST_F1))
        printf("%s %s/%s F1 %.3f\n",
               d.shingle_prf.f < LOST_F1 ? "lost" : "page", c->pages[p].set,
               c->pages[p].id, d.shingle_prf.f);
    }
  }
  return n;
}

static void print_scores(const char *what, set_score *s, size_t n)
{
  size_t i;
  double mean = 0;
  for (i = 0; i < n; i++) {
    score_prf f = score_set_shingle(&s[i].s);
    printf("%-22s %-14s F1 %.3f  P %.3f  R %.3f  F1<%.2f %zu\n", what,
           s[i].name, f.f, f.p, f.r, LOST_F1, s[i].lost);
    mean += f.f;
  }
  if (n)
    printf("%-22s %-14s F1 %.3f\n", what, "mean", mean / (double)n);
}

/* A float constant that reads back as the same float. */
static void put_float(FILE *f, float v)
{
  char s[32];
  snprintf(s, sizeof s, "%.9g", (double)v);
  fprintf(f, "%s%sf", s, strpbrk(s, ".en") ? "" : ".0");
}

/* "x[f] >= t" (the test sends the block right) for inner node i of a
 * tree.  With t > 0 it compares the float's bits as an int32 against
 * t's, one integer compare against a constant (the output's above()):
 * a float of 0 or more orders as its bits, a negative one (its sign bit
 * set, a negative int) is below every t > 0.  Only a NaN would compare
 * otherwise, and no feature is one: each is a count, a flag, a table's
 * log of a count or a ratio, and model_features.c divides only by a count
 * it has tested for zero. */
static void put_test(FILE *f, const boiloff__tree_node *tree, int i)
{
  float t = tree[i].threshold;
  if (t > 0) {
    int32_t bits;
    memcpy(&bits, &t, sizeof bits);
    fprintf(f, "above(x + %d, 0x%08x)", tree[i].feature, (unsigned)bits);
    return;
  }
  fprintf(f, "(unsigned)!(x[%d] < ", tree[i].feature);
  put_float(f, t);
  fprintf(f, ")");
}

/* A tree's leaves as a row of 16, 8 for each side of the root: on side s,
 * entry r + 2a + 4b is the leaf where the tests below the root send a
 * block (r the test of node 1 + s; a and b those of nodes 3 + 2s and
 * 4 + 2s, of which r picks one), so the three bits index the row without
 * a shift or a mask.  Doubles (the same values: a float converts
 * exactly), so that the sum needs no conversion. */
static void put_leaves(FILE *f, const boiloff__tree_node *tree)
{
  int side, e;
  fprintf(f, "      {");
  for (side = 0; side < 2; side++)
    for (e = 0; e < 8; e++) {
      int r = e & 1, low = r ? e >> 2 & 1 : e >> 1 & 1;
      fprintf(f, "%.17g%s", (double)tree[7 + 4 * side + 2 * r + low].value,
              side == 1 && e == 7 ? "}" : ", ");
    }
}

/* Tree t as C: one branch at the root, then the side's three tests
 * without branches (independent of each other, so they run side by side),
 * their bits the index of the leaf in the side's row.  Below the root,
 * which way a block goes is data a predictor cannot learn; at the root, a
 * branch costs fewer mispredictions than the four tests it saves. */
static void put_tree(FILE *f, const boiloff__tree_node *tree, int t)
{
  int side;
  fprintf(f, "  if (");
  put_test(f, tree, 0);
  fprintf(f, ")\n");
  for (side = 1; side >= 0; side--) {
    fprintf(f, "    z += leaf[%d][%s", t, side ? "8 + " : "");
    put_test(f, tree, 1 + side);
    fprintf(f, " + 2 * ");
    put_test(f, tree, 3 + 2 * side);
    fprintf(f, " +\n                4 * ");
    put_test(f, tree, 4 + 2 * side);
    fprintf(f, "];\n%s", side ? "  else\n" : "");
  }
}

/* Model m, named `name`, as the compiled function `name`_sum and
 * the table `name`. */
static void put_model(FILE *f, const boiloff__model *m, const char *name)
{
  int t, i;
  fprintf(f, "static double %s_sum(const float *x)\n{\n", name);
  fprintf(f, "  static const double leaf[%d][16] = {\n", m->ntrees);
  for (t = 0; t < m->ntrees; t++) {
    put_leaves(f, m->tree[t]);
    fprintf(f, "%s\n", t + 1 < m->ntrees ? "," : "};");
  }
  fprintf(f, "  double z = %.17g;\n", m->base);
  for (t = 0; t < m->ntrees; t++)
    put_tree(f, m->tree[t], t);
  fprintf(f,
          "  return z;\n}\n\n"
          "const boiloff__model %s = {\n  %.17g,\n  %d,\n  {\n",
          name, m->base, m->ntrees);
  for (t = 0; t < m->ntrees; t++) {
    fprintf(f, "    {");
    for (i = 0; i < BOILOFF__TREE_NODES; i++) {
      const boiloff__tree_node *nd = &m->tree[t][i];
      if (i < 7)
        fprintf(f, "{%d, %.9g, 0}, ", nd->feature, (double)nd->threshold);
      else
        fprintf(f, "{0, 0, %.9g}%s", (double)nd->value,
                i + 1 < BOILOFF__TREE_NODES ? ", " : "");
      if (i == 6 || i == 10)
        fprintf(f, "\n     ");
    }
    fprintf(f, "},\n");
  }
  fprintf(
      f, "  },\n  {{%.9g, %.9g}, {%.9g, %.9g}},\n  {%.9g, %.9g},\n  %s_sum};\n",
      m->log_transition[0][0], m->log_transition[0][1], m->log_transition[1][0],
      m->log_transition[1][1], m->log_prior[0], m->log_prior[1], name);
}

static void write_models(const model_pair *m, const char *path)
{
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "boiloff-train: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  fprintf(
      f,
      "/* model_weights.c - generated by `make train` (tools/train/train.c)\n"
      " * from the development corpus; do not edit.  Two models: for text\n"
      " * input, trained on the pages' text, and for HTML input, trained on\n"
      " * their HTML.  The trees of each twice: as C code (what\n"
      " * the library runs) and as a table (what tests compare it with, and\n"
      " * what one reads).  Each tree in the table: 7 inner nodes {feature,\n"
      " * threshold, 0}, then 8 leaves {0, 0, value}. */\n"
      "#include <config.h>\n\n#include <stdint.h>\n#include <string.h>\n\n"
      "#include \"model.h\"\n\n"
      "/* !(*x < t) for a threshold t > 0 (whose bits t is): the float's bits\n"
      " * compared as an int32, one compare against a constant (features are\n"
      " * never NaN; tools/train/train.c, put_test, says why it holds). */\n"
      "static unsigned above(const float *x, int32_t t)\n{\n  int32_t v;\n"
      "  memcpy(&v, x, sizeof v);\n  return v >= t;\n}\n\n");
  put_model(f, &m->text, "boiloff__default_model");
  fprintf(f, "\n");
  put_model(f, &m->html, "boiloff__html_model");
  if (fclose(f) != 0) {
    fprintf(stderr, "boiloff-train: %s: write error\n", path);
    exit(1);
  }
}

int main(int argc, char **argv)
{
  corpus c;
  const char *out = NULL, *root = NULL, *leave_out = NULL;
  int cv = 0, eval = 0, i;
  static model_pair m;
  set_score scores[16];
  size_t n, p;

  memset(&c, 0, sizeof c);
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
      out = argv[++i];
    else if (strcmp(argv[i], "--cv") == 0)
      cv = 1;
    else if (strcmp(argv[i], "--leave-out") == 0 && i + 1 < argc)
      leave_out = argv[++i];
    else if (strcmp(argv[i], "--eval") == 0)
      eval = 1;
    else if (strcmp(argv[i], "--bias") == 0 && i + 1 < argc)
      bias = atof(argv[++i]);
    else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
      rounds = atoi(argv[++i]);
    else if (strcmp(argv[i], "--shrink") == 0 && i + 1 < argc)
      shrink = atof(argv[++i]);
    else if (strcmp(argv[i], "--subsample") == 0 && i + 1 < argc)
      subsample = atof(argv[++i]);
    else if (strcmp(argv[i], "--lost") == 0)
      list_lost = 1;
    else if (strcmp(argv[i], "--page-scores") == 0)
      list_lost = 2;
    else if (strcmp(argv[i], "--set-power") == 0 && i + 1 < argc)
      set_power = atof(argv[++i]);
    else if (strcmp(argv[i], "--page-norm") == 0 && i + 1 < argc)
      page_norm = atof(argv[++i]);
    else if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc)
      weight_floor = atof(argv[++i]);
    else if (strcmp(argv[i], "--weight-power") == 0 && i + 1 < argc)
      weight_power = atof(argv[++i]);
    else if (strcmp(argv[i], "--lambda") == 0 && i + 1 < argc)
      leaf_l2 = atof(argv[++i]);
    else if (strcmp(argv[i], "--min-hess") == 0 && i + 1 < argc)
      least_hessian = atof(argv[++i]);
    else if (strcmp(argv[i], "--bins") == 0 && i + 1 < argc) {
      split_bins = atoi(argv[++i]);
      if (split_bins < 2 || split_bins > MAX_BINS)
        split_bins = 32;
    } else if (strcmp(argv[i], "--drop") == 0 && i + 1 < argc) {
      char *list = xstrdup(argv[++i]), *tok;
      for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        int f, found = 0;
        for (f = 0; f < NF; f++)
          if (strcmp(boiloff__feature_names[f], tok) == 0)
            dropped[f] = found = 1;
        if (!found) {
          fprintf(stderr, "boiloff-train: no feature %s\n", tok);
          return 2;
        }
      }
      free(list);
    } else if (strcmp(argv[i], "--no-smooth") == 0)
      extra_flags |= BOILOFF_OPT_NO_SMOOTH;
    else if (argv[i][0] != '-' && !root)
      root = argv[i];
    else {
      fprintf(
          stderr,
          "usage: boiloff-train [--out FILE] [--cv] [--eval] [--leave-out SET] [--rounds N] [--shrink X] [--bias X] [--no-smooth] [--lost] [--page-scores] [--drop F,...] [--floor X] [--weight-power X] [--lambda X] [--min-hess X] [--bins N] [--page-norm A] [--set-power A] CORPUS_DIR\n");
      return 2;
    }
  }
  if (!root) {
    fprintf(
        stderr,
        "usage: boiloff-train [--out FILE] [--cv] [--eval] [--leave-out SET] [--rounds N] [--shrink X] [--bias X] [--no-smooth] [--lost] [--page-scores] CORPUS_DIR\n");
    return 2;
  }
  load_corpus(&c, root);
  for (p = 0; p < c.npages; p++) {
    run r;
    run_page(&c, p, NULL, 1, &r);
    free(r.kept);
  }
  fprintf(stderr, "boiloff-train: %zu pages, %zu blocks\n", c.npages,
          c.nsamples);
  fit_pair(&c, leave_out, &m);
  if (out)
    write_models(&m, out);
  if (eval) {
    n = evaluate(&c, NULL, NULL, scores, 16);
    print_scores("rules only", scores, n);
    n = evaluate(&c, &m, NULL, scores, 16);
    print_scores("model (all sets)", scores, n);
  }
  if (cv) {
    set_score all[16];
    size_t nsets = 0, s;
    for (p = 0; p < c.npages; p++) {
      for (s = 0; s < nsets; s++)
        if (strcmp(all[s].name, c.pages[p].set) == 0)
          break;
      if (s == nsets && nsets < 16)
        snprintf(all[nsets++].name, sizeof all[0].name, "%s", c.pages[p].set);
    }
    for (s = 0; s < nsets; s++) {
      static model_pair held;
      char html[80];
      size_t l = strlen(all[s].name);
      if (l > 5 && strcmp(all[s].name + l - 5, ".html") == 0)
        continue; /* held out with its text set */
      fit_pair(&c, all[s].name, &held);
      n = evaluate(&c, &held, all[s].name, scores, 16);
      print_scores("model (cross-val.)", scores, n);
      snprintf(html, sizeof html, "%s.html", all[s].name);
      n = evaluate(&c, &held, html, scores, 16);
      if (n)
        print_scores("model (cross-val.)", scores, n);
    }
  }
  return 0;
}
