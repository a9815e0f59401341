/* main.c - boiloff-score: scores cleaned text against gold text.
 *
 * boiloff-score [OPTION]... GOLD_DIR PRED_DIR
 *
 * GOLD_DIR holds <id>.gold.txt files (one set), or subdirectories that do
 * (one set each); the prediction for GOLD_DIR[/SET]/<id>.gold.txt is
 * PRED_DIR[/SET]/<id>.txt, a missing one counting as empty output.
 */
#include <config.h>

#include "score.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROG "boiloff-score"

enum {
  EXIT_OK = 0,   /* every page scored */
  EXIT_FAIL = 1, /* a file could not be read, or no gold found */
  EXIT_USAGE = 2 /* bad options or operands */
};

static const char GOLD_SUFFIX[] = ".gold.txt";

struct page {
  size_t set; /* index into run.sets */
  char *id;
  score_doc doc;
};

struct run {
  char **sets; /* set names; "" when GOLD_DIR itself is the set */
  size_t nsets;
  struct page *pages;
  size_t npages, cap;
  int failed;
};

static void S_usage(FILE *f)
{
  fprintf(
      f,
      "Usage: " PROG " [OPTION]... GOLD_DIR PRED_DIR\n"
      "Score cleaned text against gold text with the 4-gram shingle and the\n"
      "bag-of-words precision/recall/F1 of the boiloff evaluation corpus.\n"
      "\n"
      "GOLD_DIR holds <id>.gold.txt files, or set subdirectories that hold them;\n"
      "the output for each page is PRED_DIR[/SET]/<id>.txt (missing = empty).\n"
      "Tokens are runs of Unicode word characters (Python 3 \\w+), case kept.\n"
      "\n"
      "Shingle P is the mean precision over pages with non-empty output, R the\n"
      "mean recall over pages with non-empty gold, F1 = 2PR/(P+R); bag-of-words\n"
      "P, R and F1 are means over all pages.  With several sets, 'all' pools\n"
      "every page and 'mean' averages the sets' figures.\n"
      "\n"
      "Options:\n"
      "  -w, --worst=N   list the N pages with the lowest shingle F1 (default 10;\n"
      "                  0: none)\n"
      "  -t, --tsv       print one tab-separated row per page instead of the tables\n"
      "  -s, --sets-tsv  print one tab-separated row per set instead of the tables\n"
      "  -h, --help      show this help and exit\n"
      "  -V, --version   show the version and exit\n"
      "\n"
      "Exit status: 0 ok, 1 a file could not be read or no gold text was found,\n"
      "2 usage error.\n");
}

static int S_ends_with(const char *s, const char *suffix)
{
  size_t n = strlen(s), m = strlen(suffix);
  return n > m && strcmp(s + n - m, suffix) == 0;
}

static char *S_join(const char *a, const char *b, const char *c)
{
  size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
  char *s = malloc(la + lb + lc + 2);

  if (!s)
    return NULL;
  memcpy(s, a, la);
  s[la] = '/';
  memcpy(s + la + 1, b, lb);
  memcpy(s + la + 1 + lb, c, lc + 1);
  return s;
}

static int S_cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into a malloc'ed buffer.  Returns 0; ENOENT when the
 * file does not exist and missing_ok is set gives an empty buffer. */
static int S_slurp(const char *path, int missing_ok, char **buf, size_t *len)
{
  FILE *f = fopen(path, "rb");
  size_t cap = 0, n = 0;
  char *b = NULL;

  *buf = NULL;
  *len = 0;
  if (!f) {
    if (missing_ok && errno == ENOENT)
      return 0;
    fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
    return -1;
  }
  for (;;) {
    size_t got;
    if (cap - n < 65536) {
      char *nb;
      cap = cap ? 2 * cap : 65536;
      nb = realloc(b, cap);
      if (!nb) {
        fprintf(stderr, PROG ": %s: out of memory\n", path);
        goto fail;
      }
      b = nb;
    }
    got = fread(b + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    fprintf(stderr, PROG ": %s: read error\n", path);
    goto fail;
  }
  fclose(f);
  *buf = b;
  *len = n;
  return 0;
fail:
  free(b);
  fclose(f);
  return -1;
}

/* Lists the ids (names without ".gold.txt") in dir, sorted.  Returns the
 * count, or -1 on error (reported). */
static long S_list_ids(const char *dir, char ***ids)
{
  DIR *d = opendir(dir);
  struct dirent *de;
  char **v = NULL;
  size_t n = 0, cap = 0;

  *ids = NULL;
  if (!d) {
    fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
    return -1;
  }
  while ((de = readdir(d)) != NULL) {
    char *id;
    if (!S_ends_with(de->d_name, GOLD_SUFFIX))
      continue;
    if (n == cap) {
      char **nv;
      cap = cap ? 2 * cap : 64;
      nv = realloc(v, cap * sizeof *v);
      if (!nv)
        goto oom;
      v = nv;
    }
    id = strdup(de->d_name);
    if (!id)
      goto oom;
    id[strlen(id) - (sizeof GOLD_SUFFIX - 1)] = '\0';
    v[n++] = id;
  }
  closedir(d);
  if (n)
    qsort(v, n, sizeof *v, S_cmp_str);
  *ids = v;
  return (long)n;
oom:
  fprintf(stderr, PROG ": out of memory\n");
  while (n)
    free(v[--n]);
  free(v);
  closedir(d);
  return -1;
}

static void S_free_ids(char **ids, long n)
{
  while (n > 0)
    free(ids[--n]);
  free(ids);
}

/* Finds the sets: GOLD_DIR itself if it has gold files, else each
 * subdirectory that has them. */
static int S_find_sets(const char *gold_dir, struct run *r)
{
  char **ids;
  long n = S_list_ids(gold_dir, &ids);
  DIR *d;
  struct dirent *de;
  size_t cap = 0;

  if (n < 0)
    return -1;
  S_free_ids(ids, n);
  if (n > 0) {
    r->sets = malloc(sizeof *r->sets);
    if (!r->sets || !(r->sets[0] = strdup("")))
      goto oom;
    r->nsets = 1;
    return 0;
  }
  d = opendir(gold_dir);
  if (!d) {
    fprintf(stderr, PROG ": %s: %s\n", gold_dir, strerror(errno));
    return -1;
  }
  while ((de = readdir(d)) != NULL) {
    struct stat st;
    char *sub;
    if (de->d_name[0] == '.')
      continue;
    sub = S_join(gold_dir, de->d_name, "");
    if (!sub) {
      closedir(d);
      goto oom;
    }
    if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode)) {
      free(sub);
      continue;
    }
    free(sub);
    if (r->nsets == cap) {
      char **nv;
      cap = cap ? 2 * cap : 8;
      nv = realloc(r->sets, cap * sizeof *nv);
      if (!nv) {
        closedir(d);
        goto oom;
      }
      r->sets = nv;
    }
    if (!(r->sets[r->nsets] = strdup(de->d_name))) {
      closedir(d);
      goto oom;
    }
    r->nsets++;
  }
  closedir(d);
  if (r->nsets)
    qsort(r->sets, r->nsets, sizeof *r->sets, S_cmp_str);
  return 0;
oom:
  fprintf(stderr, PROG ": out of memory\n");
  return -1;
}

/* Scores every page of set number si. */
static int S_score_set(struct run *r, size_t si, const char *gold_root,
                       const char *pred_root)
{
  const char *name = r->sets[si];
  char *gdir = *name ? S_join(gold_root, name, "") : strdup(gold_root);
  char *pdir = *name ? S_join(pred_root, name, "") : strdup(pred_root);
  char **ids = NULL;
  long n = -1, i;
  int rc = -1;

  if (!gdir || !pdir) {
    fprintf(stderr, PROG ": out of memory\n");
    goto out;
  }
  n = S_list_ids(gdir, &ids);
  if (n < 0)
    goto out;
  if (n > 0 && *name) {
    struct stat st;
    if (stat(pdir, &st) != 0 || !S_ISDIR(st.st_mode))
      fprintf(stderr,
              PROG ": warning: %s: no such directory; the "
                   "set's %ld pages count as empty output\n",
              pdir, n);
  }
  for (i = 0; i < n; i++) {
    char *gpath = S_join(gdir, ids[i], GOLD_SUFFIX);
    char *ppath = S_join(pdir, ids[i], ".txt");
    char *gold = NULL, *pred = NULL;
    size_t glen = 0, plen = 0;
    struct page *pg;

    if (!gpath || !ppath) {
      free(gpath);
      free(ppath);
      fprintf(stderr, PROG ": out of memory\n");
      goto out;
    }
    if (S_slurp(gpath, 0, &gold, &glen) != 0 ||
        S_slurp(ppath, 1, &pred, &plen) != 0) {
      /* Reported; the page is left out and the run fails. */
      r->failed = 1;
      free(gold);
      free(pred);
      free(gpath);
      free(ppath);
      continue;
    }
    free(gpath);
    free(ppath);
    if (r->npages == r->cap) {
      struct page *np;
      size_t cap = r->cap ? 2 * r->cap : 256;
      np = realloc(r->pages, cap * sizeof *np);
      if (!np) {
        free(gold);
        free(pred);
        fprintf(stderr, PROG ": out of memory\n");
        goto out;
      }
      r->pages = np;
      r->cap = cap;
    }
    pg = &r->pages[r->npages];
    pg->set = si;
    pg->id = ids[i];
    if (score_document(gold ? gold : "", glen, pred ? pred : "", plen,
                       &pg->doc) != 0) {
      free(gold);
      free(pred);
      fprintf(stderr, PROG ": out of memory\n");
      goto out;
    }
    ids[i] = NULL; /* now owned by the page */
    r->npages++;
    free(gold);
    free(pred);
  }
  rc = 0;
out:
  S_free_ids(ids, n);
  free(gdir);
  free(pdir);
  return rc;
}

static const char *S_set_label(const struct run *r, size_t si,
                               const char *gold_root)
{
  const char *s;

  if (*r->sets[si])
    return r->sets[si];
  /* GOLD_DIR is the set: name it after its last component. */
  s = strrchr(gold_root, '/');
  return s && s[1] ? s + 1 : gold_root;
}

static void S_row(const char *label, int w, size_t pages, score_prf sh,
                  score_prf bow)
{
  if (pages == (size_t)-1)
    printf("%-*s %6s", w, label, "-");
  else
    printf("%-*s %6zu", w, label, pages);
  printf("  %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f\n", sh.p, sh.r, sh.f, bow.p,
         bow.r, bow.f);
}

static void S_print_tables(const struct run *r, const char *gold_root)
{
  score_set all, one;
  score_prf msh = {0, 0, 0}, mbow = {0, 0, 0};
  size_t si, i, nonempty = 0;
  int w = 13;

  for (si = 0; si < r->nsets; si++) {
    int l = (int)strlen(S_set_label(r, si, gold_root));
    if (l > w)
      w = l;
  }
  printf("%-*s %6s  %-20s   %s\n", w, "", "", "------ shingle -----",
         "--- bag of words ---");
  printf("%-*s %6s  %6s %6s %6s   %6s %6s %6s\n", w, "set", "pages", "P", "R",
         "F1", "P", "R", "F1");
  score_set_init(&all);
  for (si = 0; si < r->nsets; si++) {
    score_prf sh, bow;
    score_set_init(&one);
    for (i = 0; i < r->npages; i++) {
      if (r->pages[i].set != si)
        continue;
      score_set_add(&one, &r->pages[i].doc);
      score_set_add(&all, &r->pages[i].doc);
    }
    if (one.docs == 0) /* a subdirectory without gold files */
      continue;
    sh = score_set_shingle(&one);
    bow = score_set_bow(&one);
    S_row(S_set_label(r, si, gold_root), w, one.docs, sh, bow);
    msh.p += sh.p;
    msh.r += sh.r;
    msh.f += sh.f;
    mbow.p += bow.p;
    mbow.r += bow.r;
    mbow.f += bow.f;
    nonempty++;
  }
  if (nonempty > 1) {
    double k = (double)nonempty;
    S_row("all", w, all.docs, score_set_shingle(&all), score_set_bow(&all));
    msh.p /= k;
    msh.r /= k;
    msh.f /= k;
    mbow.p /= k;
    mbow.r /= k;
    mbow.f /= k;
    S_row("mean", w, (size_t)-1, msh, mbow);
  }
}

static int S_cmp_worst(const void *a, const void *b)
{
  const struct page *x = *(const struct page *const *)a;
  const struct page *y = *(const struct page *const *)b;

  if (x->doc.shingle_prf.f != y->doc.shingle_prf.f)
    return x->doc.shingle_prf.f < y->doc.shingle_prf.f ? -1 : 1;
  /* Equal F1 (often 0): the page with more gold text lost more. */
  if (x->doc.gold_tokens != y->doc.gold_tokens)
    return x->doc.gold_tokens > y->doc.gold_tokens ? -1 : 1;
  if (x->set != y->set)
    return x->set < y->set ? -1 : 1;
  return strcmp(x->id, y->id);
}

static int S_print_worst(const struct run *r, const char *gold_root, long worst)
{
  const struct page **v;
  size_t i, n = r->npages < (size_t)worst ? r->npages : (size_t)worst;
  int w = 20;

  if (n == 0)
    return 0;
  v = malloc(r->npages * sizeof *v);
  if (!v) {
    fprintf(stderr, PROG ": out of memory\n");
    return -1;
  }
  for (i = 0; i < r->npages; i++)
    v[i] = &r->pages[i];
  qsort(v, r->npages, sizeof *v, S_cmp_worst);
  for (i = 0; i < n; i++) {
    int l = (int)(strlen(S_set_label(r, v[i]->set, gold_root)) +
                  strlen(v[i]->id) + 1);
    if (l > w)
      w = l;
  }
  printf("\nWorst %zu page%s by shingle F1:\n", n, n == 1 ? "" : "s");
  printf("%-*s  %6s %6s %6s  %8s %8s\n", w, "page", "P", "R", "F1", "gold",
         "output");
  for (i = 0; i < n; i++) {
    const struct page *p = v[i];
    char label[4096];
    snprintf(label, sizeof label, "%s/%s", S_set_label(r, p->set, gold_root),
             p->id);
    printf("%-*s  %6.3f %6.3f %6.3f  %8zu %8zu\n", w, label,
           p->doc.shingle_prf.p, p->doc.shingle_prf.r, p->doc.shingle_prf.f,
           p->doc.gold_tokens, p->doc.out_tokens);
  }
  printf("(gold and output in tokens)\n");
  free(v);
  return 0;
}

static void S_print_sets_tsv(const struct run *r, const char *gold_root)
{
  size_t si, i;

  printf("set\tpages\tshingle_p\tshingle_r\tshingle_f1\tbow_p\tbow_r\t"
         "bow_f1\n");
  for (si = 0; si < r->nsets; si++) {
    score_set one;
    score_prf sh, bow;
    score_set_init(&one);
    for (i = 0; i < r->npages; i++)
      if (r->pages[i].set == si)
        score_set_add(&one, &r->pages[i].doc);
    if (one.docs == 0)
      continue;
    sh = score_set_shingle(&one);
    bow = score_set_bow(&one);
    printf("%s\t%zu\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\n",
           S_set_label(r, si, gold_root), one.docs, sh.p, sh.r, sh.f, bow.p,
           bow.r, bow.f);
  }
}

static void S_print_tsv(const struct run *r, const char *gold_root)
{
  size_t i;

  printf("set\tid\tgold_tokens\tout_tokens\tshingle_tp\tshingle_fp\t"
         "shingle_fn\tshingle_p\tshingle_r\tshingle_f1\tbow_p\tbow_r\t"
         "bow_f1\n");
  for (i = 0; i < r->npages; i++) {
    const score_doc *d = &r->pages[i].doc;
    printf("%s\t%s\t%zu\t%zu\t%llu\t%llu\t%llu\t%.6f\t%.6f\t%.6f\t"
           "%.6f\t%.6f\t%.6f\n",
           S_set_label(r, r->pages[i].set, gold_root), r->pages[i].id,
           d->gold_tokens, d->out_tokens, (unsigned long long)d->shingle.tp,
           (unsigned long long)d->shingle.fp, (unsigned long long)d->shingle.fn,
           d->shingle_prf.p, d->shingle_prf.r, d->shingle_prf.f, d->bow_prf.p,
           d->bow_prf.r, d->bow_prf.f);
  }
}

/* A missing PRED_DIR is a mistake, not a set of empty outputs. */
static int S_check_dir(const char *path)
{
  struct stat st;

  if (stat(path, &st) != 0) {
    fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    fprintf(stderr, PROG ": %s: not a directory\n", path);
    return -1;
  }
  return 0;
}

static char *S_strip_slashes(const char *s)
{
  char *t = strdup(s);
  size_t n;

  if (!t)
    return NULL;
  n = strlen(t);
  while (n > 1 && t[n - 1] == '/')
    t[--n] = '\0';
  return t;
}

int main(int argc, char **argv)
{
  static const struct option longopts[] = {
      {"worst", required_argument, NULL, 'w'}, {"tsv", no_argument, NULL, 't'},
      {"sets-tsv", no_argument, NULL, 's'},    {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},     {NULL, 0, NULL, 0}};
  struct run r;
  long worst = 10;
  int tsv = 0, c, status = EXIT_FAIL;
  char *gold_root = NULL, *pred_root = NULL;
  size_t i;

  memset(&r, 0, sizeof r);
  while ((c = getopt_long(argc, argv, "w:tshV", longopts, NULL)) != -1) {
    switch (c) {
    case 'w': {
      char *end;
      errno = 0;
      worst = strtol(optarg, &end, 10);
      if (errno || end == optarg || *end || worst < 0) {
        fprintf(stderr, PROG ": invalid --worst value '%s'\n", optarg);
        return EXIT_USAGE;
      }
      break;
    }
    case 't':
      tsv = 1;
      break;
    case 's':
      tsv = 2;
      break;
    case 'h':
      S_usage(stdout);
      return EXIT_OK;
    case 'V':
      printf(PROG " (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_OK;
    default:
      fprintf(stderr, "Try '" PROG " --help' for more information.\n");
      return EXIT_USAGE;
    }
  }
  if (argc - optind != 2) {
    fprintf(stderr, PROG ": expected GOLD_DIR and PRED_DIR\n"
                         "Try '" PROG " --help' for more information.\n");
    return EXIT_USAGE;
  }
  gold_root = S_strip_slashes(argv[optind]);
  pred_root = S_strip_slashes(argv[optind + 1]);
  if (!gold_root || !pred_root) {
    fprintf(stderr, PROG ": out of memory\n");
    goto out;
  }
  if (S_check_dir(pred_root) != 0 || S_find_sets(gold_root, &r) != 0)
    goto out;
  for (i = 0; i < r.nsets; i++)
    if (S_score_set(&r, i, gold_root, pred_root) != 0)
      goto out;
  if (r.npages == 0) {
    fprintf(stderr, PROG ": %s: no *%s files found\n", gold_root, GOLD_SUFFIX);
    goto out;
  }
  if (tsv == 1) {
    S_print_tsv(&r, gold_root);
  } else if (tsv == 2) {
    S_print_sets_tsv(&r, gold_root);
  } else {
    S_print_tables(&r, gold_root);
    if (S_print_worst(&r, gold_root, worst) != 0)
      goto out;
  }
  status = r.failed ? EXIT_FAIL : EXIT_OK;
out:
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, PROG ": write error: %s\n", strerror(errno));
    status = EXIT_FAIL;
  }
  for (i = 0; i < r.npages; i++)
    free(r.pages[i].id);
  free(r.pages);
  for (i = 0; i < r.nsets; i++)
    free(r.sets[i]);
  free(r.sets);
  free(gold_root);
  free(pred_root);
  return status;
}
