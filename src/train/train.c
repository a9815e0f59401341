/* train.c - boiloff-train: learns the block model from pages with gold
 * article text, reproducibly, and evaluates it.
 *
 *   boiloff-train [--out FILE] [--cv] [--eval] CORPUS_DIR
 *
 * CORPUS_DIR holds sets (subdirectories) of <id>.txt pages and their
 * <id>.gold.txt article text.  Every block the model would judge is
 * labelled content when most of its words appear, in order, in the gold
 * (most of its 4-word shingles, or the whole of a shorter block).  The
 * features come from the library itself (the classifier's training hook),
 * so training and use cannot disagree.  The model is an L2-regularised
 * logistic regression fitted by Newton's method: no randomness, the same
 * corpus gives the same weights bit for bit.  Each page weighs the same,
 * as in the metric.
 *
 * --out FILE writes the model as C source (src/lib/model_weights.c);
 * --cv trains on all sets but one and scores the one left out, for each;
 * --eval scores rules only and the model on every set.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "classify.h"
#include "cleaner.h"
#include "model.h"
#include "score.h"

#define NF BOILOFF__NFEATURES
#define L2 1.0           /* ridge penalty on the standardised weights */
#define NEWTON_STEPS 25

static unsigned extra_flags; /* --no-smooth */

typedef struct page {
  char *set, *id, *text, *gold;
  size_t text_len, gold_len;
} page;

typedef struct sample {
  float x[NF];
  int label;
  double weight;
  size_t page;
} sample;

typedef struct corpus {
  page *pages;
  size_t npages, cap;
  sample *samples;
  size_t nsamples, scap;
} corpus;

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

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *p = NULL;
  size_t n = 0, cap = 0, got;
  if (!f)
    return NULL;
  do {
    if (n + 65536 + 1 > cap)
      p = xrealloc(p, cap = cap ? cap * 2 : 131072);
    got = fread(p + n, 1, 65536, f);
    n += got;
  } while (got);
  fclose(f);
  p[n] = '\0';
  *len = n;
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

static void load_corpus(corpus *c, const char *root)
{
  size_t nsets, s;
  char **sets = sorted_names(root, &nsets);
  for (s = 0; s < nsets; s++) {
    char dir[8192];
    size_t nfiles, i;
    char **files;
    snprintf(dir, sizeof dir, "%s/%s", root, sets[s]);
    files = sorted_names(dir, &nfiles);
    for (i = 0; i < nfiles; i++) {
      size_t l = strlen(files[i]);
      char path[16384];
      page *p;
      if (l < 10 || strcmp(files[i] + l - 9, ".gold.txt") != 0)
        continue;
      if (c->npages == c->cap)
        c->pages = xrealloc(c->pages, (c->cap = c->cap ? c->cap * 2 : 256) * sizeof *c->pages);
      p = &c->pages[c->npages];
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
      c->npages++;
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

static int block_label(const hashset *gold, const char *text, size_t len)
{
  score_tokens t = {0};
  size_t i, hit = 0, total;
  int label;
  score_tokenize(&t, text, len);
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
  if (c->nsamples == c->scap)
    c->samples = xrealloc(c->samples, (c->scap = c->scap ? c->scap * 2 : 65536) *
                                          sizeof *c->samples);
  s = &c->samples[c->nsamples++];
  memcpy(s->x, x, sizeof s->x);
  s->label = block_label(r->gold, b->text, b->len);
  s->page = r->page;
  s->weight = 1;
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
  o.flags = BOILOFF_OPT_TEXT | extra_flags;
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

/* ---- logistic regression by Newton's method --------------------------- */

/* Solves A x = b for symmetric positive definite A (n x n) by Cholesky. */
static int cholesky_solve(double *a, double *b, int n)
{
  int i, j, k;
  for (j = 0; j < n; j++) {
    double d = a[j * n + j];
    for (k = 0; k < j; k++)
      d -= a[j * n + k] * a[j * n + k];
    if (d <= 0)
      return -1;
    a[j * n + j] = sqrt(d);
    for (i = j + 1; i < n; i++) {
      double v = a[i * n + j];
      for (k = 0; k < j; k++)
        v -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = v / a[j * n + j];
    }
  }
  for (i = 0; i < n; i++) {
    for (k = 0; k < i; k++)
      b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (i = n - 1; i >= 0; i--) {
    for (k = i + 1; k < n; k++)
      b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return 0;
}

/* Fits the model on the samples whose page is in a set other than
 * `leave_out` (NULL: all). */
static void fit(const corpus *c, const char *leave_out, boiloff__model *m)
{
  enum { D = NF + 1 };
  double *h = malloc(sizeof(double) * D * D), g[D], w[D] = {0};
  double sum[NF] = {0}, sq[NF] = {0}, total = 0;
  double trans[2][2] = {{1, 1}, {1, 1}}, prior[2] = {1, 1};
  size_t i, j, *page_blocks = calloc(c->npages, sizeof *page_blocks);
  double *page_weight = calloc(c->npages, sizeof *page_weight);
  int f, step, prev_label = -1;
  size_t prev_page = (size_t)-1;

  for (i = 0; i < c->nsamples; i++)
    page_blocks[c->samples[i].page]++;
  /* Each set weighs the same, and within a set each page: the metric is
   * a mean over the pages of each set. */
  for (i = 0; i < c->npages; i++) {
    size_t in_set = 0;
    for (j = 0; j < c->npages; j++)
      in_set += strcmp(c->pages[j].set, c->pages[i].set) == 0;
    page_weight[i] = page_blocks[i] ? 1.0 / ((double)page_blocks[i] * (double)in_set) : 0;
  }
  /* Standardise: mean and spread over the training samples. */
  for (i = 0; i < c->nsamples; i++) {
    const sample *s = &c->samples[i];
    double wt;
    if (leave_out && strcmp(c->pages[s->page].set, leave_out) == 0)
      continue;
    wt = page_weight[s->page];
    total += wt;
    for (f = 0; f < NF; f++) {
      sum[f] += wt * s->x[f];
      sq[f] += wt * s->x[f] * s->x[f];
    }
    if (s->page != prev_page)
      prev_label = -1;
    if (prev_label >= 0)
      trans[prev_label][s->label] += 1;
    prior[s->label] += 1;
    prev_label = s->label;
    prev_page = s->page;
  }
  memset(m, 0, sizeof *m);
  for (f = 0; f < NF; f++) {
    double mean = sum[f] / total, var = sq[f] / total - mean * mean;
    m->mean[f] = mean;
    m->scale[f] = var > 1e-12 ? 1.0 / sqrt(var) : 0.0;
  }
  for (step = 0; step < NEWTON_STEPS; step++) {
    memset(h, 0, sizeof(double) * D * D);
    memset(g, 0, sizeof g);
    for (i = 0; i < c->nsamples; i++) {
      const sample *s = &c->samples[i];
      double z[D], dot = w[0], p, wt, r;
      int a, b;
      if (leave_out && strcmp(c->pages[s->page].set, leave_out) == 0)
        continue;
      z[0] = 1.0;
      for (f = 0; f < NF; f++) {
        z[f + 1] = (s->x[f] - m->mean[f]) * m->scale[f];
        dot += w[f + 1] * z[f + 1];
      }
      p = 1.0 / (1.0 + exp(-dot));
      wt = page_weight[s->page] / total * 1000.0;
      r = wt * p * (1 - p);
      for (a = 0; a < D; a++) {
        g[a] += wt * (p - s->label) * z[a];
        for (b = 0; b <= a; b++)
          h[a * D + b] += r * z[a] * z[b];
      }
    }
    for (f = 1; f < D; f++) {
      g[f] += L2 * w[f];
      h[f * D + f] += L2;
    }
    h[0] += 1e-9;
    {
      int a, b;
      for (a = 0; a < D; a++)
        for (b = a + 1; b < D; b++)
          h[a * D + b] = h[b * D + a];
    }
    if (cholesky_solve(h, g, D) != 0)
      break;
    for (f = 0; f < D; f++)
      w[f] -= g[f];
  }
  m->intercept = w[0];
  for (f = 0; f < NF; f++)
    m->weight[f] = w[f + 1];
  for (f = 0; f < 2; f++) {
    double row = trans[f][0] + trans[f][1];
    m->log_transition[f][0] = log(trans[f][0] / row);
    m->log_transition[f][1] = log(trans[f][1] / row);
    m->log_prior[f] = log(prior[f] / (prior[0] + prior[1]));
  }
  free(h);
  free(page_blocks);
  free(page_weight);
}

/* ---- evaluation --------------------------------------------------------- */

typedef struct set_score {
  char name[64];
  score_set s;
} set_score;

/* Scores `model` on the pages of `only` (NULL: all sets), per set. */
static size_t evaluate(corpus *c, const boiloff__model *model, const char *only,
                       set_score *out, size_t max)
{
  size_t p, n = 0, k;
  for (p = 0; p < c->npages; p++) {
    run r;
    score_doc d;
    if (only && strcmp(c->pages[p].set, only) != 0)
      continue;
    run_page(c, p, model, 0, &r);
    score_document(c->pages[p].gold, c->pages[p].gold_len,
                   r.kept ? r.kept : "", r.kept_len, &d);
    free(r.kept);
    for (k = 0; k < n; k++)
      if (strcmp(out[k].name, c->pages[p].set) == 0)
        break;
    if (k == n && n < max) {
      snprintf(out[n].name, sizeof out[n].name, "%s", c->pages[p].set);
      score_set_init(&out[n].s);
      n++;
    }
    if (k < n)
      score_set_add(&out[k].s, &d);
  }
  return n;
}

static void print_scores(const char *what, set_score *s, size_t n)
{
  size_t i;
  double mean = 0;
  for (i = 0; i < n; i++) {
    score_prf f = score_set_shingle(&s[i].s);
    printf("%-22s %-14s F1 %.3f  P %.3f  R %.3f\n", what, s[i].name, f.f, f.p, f.r);
    mean += f.f;
  }
  if (n)
    printf("%-22s %-14s F1 %.3f\n", what, "mean", mean / (double)n);
}

static void write_model(const boiloff__model *m, const char *path)
{
  FILE *f = fopen(path, "w");
  int i;
  if (!f) {
    fprintf(stderr, "boiloff-train: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  fprintf(f, "/* model_weights.c - generated by `make train` (src/train/train.c)\n"
             " * from the development corpus; do not edit. */\n"
             "#include <config.h>\n\n#include \"model.h\"\n\n"
             "const boiloff__model boiloff__default_model = {\n  %.17g,\n  {\n", m->intercept);
  for (i = 0; i < NF; i++)
    fprintf(f, "    %.17g, /* %s */\n", m->weight[i], boiloff__feature_names[i]);
  fprintf(f, "  },\n  {\n");
  for (i = 0; i < NF; i++)
    fprintf(f, "    %.17g,\n", m->mean[i]);
  fprintf(f, "  },\n  {\n");
  for (i = 0; i < NF; i++)
    fprintf(f, "    %.17g,\n", m->scale[i]);
  fprintf(f, "  },\n  {{%.17g, %.17g}, {%.17g, %.17g}},\n  {%.17g, %.17g}};\n",
          m->log_transition[0][0], m->log_transition[0][1],
          m->log_transition[1][0], m->log_transition[1][1], m->log_prior[0],
          m->log_prior[1]);
  if (fclose(f) != 0) {
    fprintf(stderr, "boiloff-train: %s: write error\n", path);
    exit(1);
  }
}

int main(int argc, char **argv)
{
  corpus c;
  const char *out = NULL, *root = NULL;
  int cv = 0, eval = 0, i;
  boiloff__model m;
  set_score scores[16];
  size_t n, p;

  memset(&c, 0, sizeof c);
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
      out = argv[++i];
    else if (strcmp(argv[i], "--cv") == 0)
      cv = 1;
    else if (strcmp(argv[i], "--eval") == 0)
      eval = 1;
    else if (strcmp(argv[i], "--no-smooth") == 0)
      extra_flags |= BOILOFF_OPT_NO_SMOOTH;
    else if (argv[i][0] != '-' && !root)
      root = argv[i];
    else {
      fprintf(stderr, "usage: boiloff-train [--out FILE] [--cv] [--eval] CORPUS_DIR\n");
      return 2;
    }
  }
  if (!root) {
    fprintf(stderr, "usage: boiloff-train [--out FILE] [--cv] [--eval] CORPUS_DIR\n");
    return 2;
  }
  load_corpus(&c, root);
  for (p = 0; p < c.npages; p++) {
    run r;
    run_page(&c, p, NULL, 1, &r);
    free(r.kept);
  }
  fprintf(stderr, "boiloff-train: %zu pages, %zu blocks\n", c.npages, c.nsamples);
  fit(&c, NULL, &m);
  if (out)
    write_model(&m, out);
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
      boiloff__model held;
      fit(&c, all[s].name, &held);
      n = evaluate(&c, &held, all[s].name, scores, 16);
      print_scores("model (cross-val.)", scores, n);
    }
  }
  return 0;
}
