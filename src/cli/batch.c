/* batch.c - batch mode.
 *
 * 1. The main thread lists the inputs: a tree walk with fts (FTS_LOGICAL:
 *    symlinks are followed, fts reports directory cycles by (dev, ino)), the
 *    operands, or a NUL-separated list.  Walk errors (unreadable directory,
 *    symlink loop, dangling link, special file) become failed items.  The
 *    list is sorted by (site, path), so the work does not depend on the walk
 *    order and consecutive items of a worker usually share a site (and so a
 *    context, which is only reset between them).
 * 2. Site learning (unless --no-site-learning or --profile): each worker
 *    counts its pages into its own profiles, which are merged as each site
 *    is complete, or at the end (site_counts.h).  Counts are sums, so the
 *    result is the same for any -j and any order.  The rendering of each
 *    HTML page goes to the worker's spill file (spill.h), so the cleaning
 *    does not parse the page again.
 * 3. Cleaning: workers take the next item under a mutex, with the next
 *    pages of its site up to a cap (one cleaner serves them; pass 1 takes
 *    runs too), write each output to a temporary file beside the target
 *    and rename it (a worker makes an output directory once, not for each
 *    file in it).  The main thread shows progress and waits.  On
 *    SIGINT/SIGTERM every worker drops its temporary file and stops; the
 *    exit status is then 128 + signal.
 * A failed item never stops the batch; the exit status is 1 if any failed.
 * Only the queue index and the counters are shared between threads.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <fts.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "boiloff.h"
#include "filter.h"
#include "output.h"
#include "records.h"
#include "rejects.h"
#include "signals.h"
#include "site_counts.h"
#include "spill.h"
#include "util.h"

/* What tells that a file was written to since it was seen. */
struct file_seen {
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime, ctime; /* the change time cannot be set back */
};

/* Where pass 1 kept a page's rendering (a record file: its HTML
 * records', in frames), and the file as pass 1 read it. */
struct kept_rendering {
  unsigned long long off, len; /* in spill file `spill`; len 0: none */
  long spill;
  struct file_seen file;
};

/* ST_PARTIAL: a record file written without its bad records. */
enum item_status { ST_PENDING, ST_OK, ST_FAILED, ST_SKIPPED, ST_PARTIAL };

struct item {
  char *path;  /* to open */
  char *rel;   /* relative output path */
  char *site;  /* site key */
  long bucket; /* of pass 1's counts */
  char *error; /* message when failed */
  enum item_status status;
  unsigned long long size, bytes_in, bytes_out, kept, dropped;
  dev_t dev; /* of the input, so that no output replaces an input */
  ino_t ino;
  enum records_kind kind;   /* RECORDS_NONE: a page */
  struct records_counts rc; /* of a record file */
  struct kept_rendering rendering;
};

struct file_id {
  dev_t dev;
  ino_t ino;
};

struct batch {
  const struct cli_options *o;
  struct item *items;
  size_t n, cap;
  char *outdir;
  const boiloff_profile *profile;
  struct rejects *rejects;    /* --rejects, or NULL */
  struct site_counts *counts; /* pass 1's */
  struct spill *spills;       /* pass 1's renderings: one per worker */
  struct file_id *inputs;     /* of every input, sorted */
  size_t ninputs;
  int pass; /* 1 = count, 2 = clean */
  long jobs;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_cond_t more; /* an item listed, or the walk ended */
  int walking;         /* pass 1 runs while the walk lists (under mu) */
  size_t next, done;   /* under mu */
  unsigned long long bytes_done, bytes_total;
  int running; /* workers still running, under mu */
};

struct worker {
  struct batch *b;
  long id;
};

/* ---- the list of inputs ------------------------------------------------- */

/* Out of memory while listing the inputs: nothing is written yet, so the
 * run stops; once files are cleaned, running out fails only the file. */
static _Noreturn void S_nomem(void)
{
  cli_error("%s", strerror(ENOMEM));
  exit(BOILOFF_EXIT_FAILURE);
}

static char *S_strdup(const char *s)
{
  char *p = strdup(s ? s : "");
  if (!p) {
    S_nomem();
  }
  return p;
}

/* Site key: the first `depth` directories of rel. */
static char *S_site_of(const char *rel, long depth)
{
  const char *p = rel, *end = rel, *slash;
  long d;
  char *s;
  for (d = 0; d < depth && (slash = strchr(p, '/')) != NULL; d++) {
    end = slash;
    p = slash + 1;
  }
  s = malloc((size_t)(end - rel) + 1);
  if (!s) {
    S_nomem();
  }
  memcpy(s, rel, (size_t)(end - rel));
  s[end - rel] = '\0';
  return s;
}

/* Lists an input (`msg`: one that failed, with its message).  Under the
 * lock: workers may be counting the items listed so far. */
static void S_add(struct batch *b, const char *path, const char *rel,
                  const struct stat *st, const char *msg)
{
  struct item *it;
  pthread_mutex_lock(&b->mu);
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    struct item *n = realloc(b->items, cap * sizeof *n);
    if (!n) {
      S_nomem();
    }
    b->items = n;
    b->cap = cap;
  }
  it = &b->items[b->n++];
  memset(it, 0, sizeof *it);
  it->path = S_strdup(path);
  it->rel = S_strdup(rel);
  it->site = S_site_of(rel, b->o->site_depth);
  it->size = st ? (unsigned long long)st->st_size : 0;
  if (st) {
    it->dev = st->st_dev;
    it->ino = st->st_ino;
  }
  it->kind = records_kind_of_name(b->o, rel);
  if (b->counts && (it->bucket = site_counts_listed(b->counts, it->site)) < 0) {
    S_nomem();
  }
  b->bytes_total += it->size;
  if (msg) {
    it->status = ST_FAILED;
    it->error = S_strdup(msg);
  }
  pthread_cond_signal(&b->more);
  pthread_mutex_unlock(&b->mu);
}

/* A failed item: reported now, listed in the report. */
static void S_add_failed(struct batch *b, const char *path, const char *msg)
{
  S_add(b, path, path, NULL, msg);
  cli_error("%s: %s", path, msg);
}

static int S_glob_match(const char *glob, const char *name, const char *rel)
{
  return strchr(glob, '/') ? fnmatch(glob, rel, FNM_PATHNAME | FNM_PERIOD) == 0
                           : fnmatch(glob, name, FNM_PERIOD) == 0;
}

static int S_included(const struct cli_options *o, const char *name,
                      const char *rel)
{
  size_t i;
  int in = 0;
  if (!o->nincludes)
    in = o->warc || o->jsonl ? records_default_include(o, name)
                             : fnmatch("*.txt", name, FNM_PERIOD) == 0;
  for (i = 0; i < o->nincludes && !in; i++)
    in = S_glob_match(o->includes[i], name, rel);
  return in;
}

static int S_excluded(const struct cli_options *o, const char *name,
                      const char *rel)
{
  size_t i;
  for (i = 0; i < o->nexcludes; i++)
    if (S_glob_match(o->excludes[i], name, rel))
      return 1;
  return 0;
}

/* Walks root; the output directory (dev, ino) is left out. */
static void S_walk(struct batch *b, const char *root, const struct stat *out)
{
  char *argv[2];
  FTS *fts;
  FTSENT *e;
  size_t rootlen = strlen(root);
  char *r = S_strdup(root);

  argv[0] = r;
  argv[1] = NULL;
  fts = fts_open(argv, FTS_LOGICAL | FTS_NOCHDIR, NULL);
  if (!fts) {
    S_add_failed(b, root, strerror(errno));
    free(r);
    return;
  }
  while ((e = fts_read(fts)) != NULL && !cli_interrupted()) {
    const char *rel = e->fts_pathlen > rootlen ? e->fts_path + rootlen + 1 : "";
    if (rootlen == 1 && root[0] == '/' && e->fts_pathlen > 1)
      rel = e->fts_path + 1;
    switch (e->fts_info) {
    case FTS_D:
      if (e->fts_level > 0 && S_excluded(b->o, e->fts_name, rel)) {
        fts_set(fts, e, FTS_SKIP);
      } else if (out && e->fts_statp->st_dev == out->st_dev &&
                 e->fts_statp->st_ino == out->st_ino) {
        fts_set(fts, e, FTS_SKIP);
        if (!b->o->quiet)
          cli_note("note: %s: the output directory is inside the input "
                   "directory; it is left out of the walk",
                   e->fts_path);
      }
      break;
    case FTS_DP: /* every page of the site named by this directory listed */
      if (b->counts && e->fts_level > 0 && e->fts_level <= b->o->site_depth)
        site_counts_close(b->counts, rel);
      break;
    case FTS_DC:
      S_add_failed(b, e->fts_path,
                   "symbolic link loop (directory cycle), skipped");
      break;
    case FTS_DNR:
    case FTS_ERR:
    case FTS_NS:
      S_add_failed(b, e->fts_path, strerror(e->fts_errno));
      break;
    case FTS_SLNONE:
      if (S_included(b->o, e->fts_name, rel) &&
          !S_excluded(b->o, e->fts_name, rel)) {
        struct stat st;
        int err = stat(e->fts_accpath, &st) == 0 ? 0 : errno;
        S_add_failed(b, e->fts_path, strerror(err ? err : ENOENT));
      }
      break;
    case FTS_F:
      if (S_included(b->o, e->fts_name, rel) &&
          !S_excluded(b->o, e->fts_name, rel))
        S_add(b, e->fts_path, rel, e->fts_statp, NULL);
      break;
    case FTS_DEFAULT: /* fifo, socket, device */
      if (S_included(b->o, e->fts_name, rel) &&
          !S_excluded(b->o, e->fts_name, rel))
        S_add_failed(b, e->fts_path, "not a regular file, skipped");
      break;
    default:
      break;
    }
  }
  if (!e && errno && !cli_interrupted())
    S_add_failed(b, root, strerror(errno));
  fts_close(fts);
  free(r);
}

/* An operand or a --files0-from name: its relative output path keeps its
 * directories (like cp --parents), without leading "/" and "./". */
static void S_add_name(struct batch *b, const char *path)
{
  const char *rel = path;
  struct stat st;
  char *copy, *tok, *save;

  if (!*path) {
    S_add_failed(b, "''", "invalid zero-length file name");
    return;
  }
  for (;;) {
    if (rel[0] == '/')
      rel++;
    else if (rel[0] == '.' && rel[1] == '/')
      rel += 2;
    else
      break;
  }
  copy = S_strdup(rel);
  for (tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save))
    if (strcmp(tok, "..") == 0)
      break;
  free(copy);
  if (tok) {
    S_add_failed(b, path,
                 "name has a '..' component (use -r on its directory)");
    return;
  }
  if (stat(path, &st) != 0) {
    S_add_failed(b, path, strerror(errno));
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    S_add_failed(b, path, "Is a directory (use -r)");
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    S_add_failed(b, path, "not a regular file, skipped");
    return;
  }
  S_add(b, path, rel, &st, NULL);
}

static int S_read_files0(struct batch *b, const char *from)
{
  FILE *f = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
  char *name = NULL;
  size_t cap = 0;
  ssize_t n;
  if (!f) {
    cli_error("%s: %s", from, strerror(errno));
    return -1;
  }
  while ((n = getdelim(&name, &cap, '\0', f)) > 0) {
    if (name[n - 1] == '\0')
      n--;
    name[n] = '\0';
    S_add_name(b, name);
  }
  if (ferror(f)) {
    cli_error("%s: %s", from, strerror(errno));
    n = -2;
  }
  free(name);
  if (f != stdin)
    fclose(f);
  return n == -2 ? -1 : 0;
}

static int S_cmp_ids(const void *x, const void *y)
{
  const struct file_id *a = x, *b = y;
  if (a->dev != b->dev)
    return a->dev < b->dev ? -1 : 1;
  return a->ino < b->ino ? -1 : a->ino > b->ino;
}

/* The (dev, ino) of every input, sorted, for S_is_input(). */
static void S_index_inputs(struct batch *b)
{
  size_t i;
  b->inputs = malloc((b->n ? b->n : 1) * sizeof *b->inputs);
  if (!b->inputs) {
    S_nomem();
  }
  for (i = 0; i < b->n; i++)
    if (b->items[i].status == ST_PENDING) {
      b->inputs[b->ninputs].dev = b->items[i].dev;
      b->inputs[b->ninputs++].ino = b->items[i].ino;
    }
  qsort(b->inputs, b->ninputs, sizeof *b->inputs, S_cmp_ids);
}

/* Is the existing file at path one of the inputs? */
static int S_is_input(const struct batch *b, const char *path)
{
  struct stat st;
  struct file_id key;
  if (stat(path, &st) != 0)
    return 0;
  key.dev = st.st_dev;
  key.ino = st.st_ino;
  return bsearch(&key, b->inputs, b->ninputs, sizeof key, S_cmp_ids) != NULL;
}

static int S_cmp_items(const void *x, const void *y)
{
  const struct item *a = x, *b = y;
  int c = strcmp(a->site, b->site);
  return c ? c : strcmp(a->rel, b->rel);
}

/* ---- workers ------------------------------------------------------------ */

static void S_fail(struct item *it, const char *who, const char *msg)
{
  size_t n = strlen(msg) + 1;
  cli_error("%s: %s", who, msg);
  free(it->error);
  it->error = malloc(n);
  if (it->error)
    memcpy(it->error, msg, n);
  it->status = ST_FAILED;
}

/* Pass 1: a counting context (boiloff_profile_count_block): it tells
 * HTML from text as pass 2 will, and counts HTML, and text in a charset
 * given with --from-code, as decoded, other text as its bytes. */
struct page_counter {
  boiloff_ctx *ctx;         /* created on first use */
  boiloff_profile *profile; /* the one ctx counts into */
};

static void S_counter_free(struct page_counter *c)
{
  boiloff_free(c->ctx);
}

/* The output file of an input (malloc'd; NULL: no memory). */
static char *S_output_path(const struct batch *b, const struct item *it)
{
  char *rel =
      it->kind != RECORDS_NONE ? records_output_rel(b->o, it->rel) : it->rel;
  size_t n = strlen(b->outdir) + (rel ? strlen(rel) : 0) + 2;
  char *path = rel ? malloc(n) : NULL;
  if (path)
    snprintf(path, n, "%s/%s", b->outdir, rel);
  if (rel != it->rel)
    free(rel);
  return path;
}

/* --update: is the output (os) at least as new as the input (in)? */
static int S_newer(const struct stat *os, const struct stat *in)
{
  return os->st_mtim.tv_sec > in->st_mtim.tv_sec ||
         (os->st_mtim.tv_sec == in->st_mtim.tv_sec &&
          os->st_mtim.tv_nsec >= in->st_mtim.tv_nsec);
}

/* --update: will pass 2 leave this input's output as it is?  (Then pass
 * 1 keeps no rendering of it.) */
static int S_up_to_date(const struct batch *b, const struct item *it,
                        const struct stat *in)
{
  struct stat os;
  char *outpath;
  int yes;
  if (!b->o->update || !(outpath = S_output_path(b, it)))
    return 0;
  yes = stat(outpath, &os) == 0 && S_newer(&os, in);
  free(outpath);
  return yes;
}

static struct file_seen S_file_seen(const struct stat *st)
{
  struct file_seen f;
  f.dev = st->st_dev;
  f.ino = st->st_ino;
  f.size = st->st_size;
  f.mtime = st->st_mtim;
  f.ctime = st->st_ctim;
  return f;
}

/* Is the file as pass 1 found it? */
static int S_unchanged(const struct stat *now, const struct file_seen *then)
{
  return now->st_dev == then->dev && now->st_ino == then->ino &&
         now->st_size == then->size &&
         now->st_mtim.tv_sec == then->mtime.tv_sec &&
         now->st_mtim.tv_nsec == then->mtime.tv_nsec &&
         now->st_ctim.tv_sec == then->ctime.tv_sec &&
         now->st_ctim.tv_nsec == then->ctime.tv_nsec;
}

/* Pass 1 keeps what it wrote to the spill since `start` as the file's
 * rendering when the spill still holds it whole (for a page: no write of
 * it was refused since `refused`; a record file's frames say so
 * themselves) and the file did not change while it was read. */
static void S_keep_rendering(struct item *it, int fd, const struct spill *spill,
                             long spill_id, unsigned long long start,
                             unsigned long long refused)
{
  struct stat after;
  if (spill && spill_keeps(spill) && spill->end > start &&
      (it->kind != RECORDS_NONE || spill->refused == refused) &&
      fstat(fd, &after) == 0 && S_unchanged(&after, &it->rendering.file)) {
    it->rendering.spill = spill_id;
    it->rendering.off = start;
    it->rendering.len = spill->end - start;
  }
}

/* Pass 1: counts the lines of one page into the worker's profile, a read
 * at a time (the page is never held whole).  Text pages are counted from
 * their raw bytes (the profile's normalisation reads invalid UTF-8 as
 * windows-1252, as the decoder's fallback does), which costs a fraction of
 * a cleaning pass; HTML pages, found as pass 2 finds them, from their
 * rendered lines.  A page that cannot be read to its end is not counted. */
static void S_count(struct batch *b, struct item *it, boiloff_profile *p,
                    struct page_counter *c, char *buf, struct spill *spill,
                    long spill_id)
{
  unsigned long long start = spill ? spill->end : 0;
  unsigned long long refused = spill ? spill->refused : 0;
  boiloff_stats stats = {.size = sizeof stats};
  const boiloff_options *lo = &b->o->lib;
  boiloff_status st = BOILOFF_OK;
  ssize_t n;
  int fd = open(it->path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  struct stat sb;

  if (fd < 0)
    return; /* reported by pass 2 */
  if (fstat(fd, &sb) != 0) {
    close(fd);
    return;
  }
  it->rendering.file = S_file_seen(&sb);
  if (spill && S_up_to_date(b, it, &sb))
    spill = NULL;                 /* pass 2 will not clean it */
  if (it->kind != RECORDS_NONE) { /* each record under its URL's host */
    struct records_job job;
    memset(&job, 0, sizeof job);
    job.o = b->o;
    job.name = it->path;
    job.kind = it->kind;
    job.spill = spill;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    records_count(&job, fd, p);
    S_keep_rendering(it, fd, spill, spill_id, start, refused);
    close(fd);
    return;
  }
  if (!buf || !S_ISREG(sb.st_mode)) {
    close(fd);
    return;
  }
  /* (made again for another profile: the library knows a counting
   * context by its callback, which takes the profile as its user) */
  if (!c->ctx || c->profile != p) {
    boiloff_options co = *lo;
    co.flags |= BOILOFF_OPT_RULES_ONLY | BOILOFF_OPT_NO_SMOOTH;
    co.profile = NULL;
    co.site = NULL;
    boiloff_free(c->ctx);
    c->profile = p;
    if (!(c->ctx = boiloff_new(&co, boiloff_profile_count_block, p))) {
      site_counts_failed(b->counts, BOILOFF_ERR_NOMEM);
      close(fd);
      return;
    }
  }
  boiloff_set_rendering_writer(c->ctx, spill ? spill_write : NULL, spill);
  if (boiloff_profile_begin_page(p, it->site) != BOILOFF_OK) {
    close(fd);
    return;
  }
  for (;;) {
    n = read(fd, buf, b->o->read_size);
    if (n < 0 && errno == EINTR && !cli_interrupted())
      continue;
    if (n <= 0)
      break;
    st = boiloff_feed(c->ctx, buf, (size_t)n);
    if (st != BOILOFF_OK)
      break;
  }
  if (n == 0 && st == BOILOFF_OK && boiloff_finish(c->ctx) == BOILOFF_OK) {
    boiloff_profile_end_page(p);
    boiloff_get_stats(c->ctx, &stats);
    if (stats.is_html)
      S_keep_rendering(it, fd, spill, spill_id, start, refused);
  } else {
    boiloff_profile_cancel_page(p);
  }
  close(fd);
  boiloff_reset(c->ctx);
}

/* Pass 2 for a file of records (WARC, WET, JSON Lines): written without
 * its bad records, which are counted (status "partial"). */
static void S_clean_records(struct batch *b, struct item *it, int fd,
                            struct atomic_file *af, const char *outpath)
{
  struct records_job job;
  enum filter_code code;
  int err = 0;

  memset(&job, 0, sizeof job);
  job.o = b->o;
  job.profile = b->profile;
  job.rejects = b->rejects;
  job.name = it->path;
  job.kind = it->kind;
  if (it->rendering.len && b->spills) {
    job.frames_fd = b->spills[it->rendering.spill].fd;
    job.frames_off = it->rendering.off;
    job.frames_len = it->rendering.len;
  }
  memset(&it->rc, 0, sizeof it->rc);
  code = records_clean(&job, fd, NULL, 0, af->fp, &it->rc, &err);
  it->kept = it->rc.blocks_kept;
  it->dropped = it->rc.blocks_dropped;
  if (code == FILTER_INTERRUPTED) {
    atomic_abort(af); /* stays ST_PENDING: not processed */
  } else if (code == FILTER_READ_ERROR) {
    atomic_abort(af);
    S_fail(it, it->path, strerror(err));
  } else if (code == FILTER_WRITE_ERROR) {
    atomic_abort(af);
    S_fail(it, outpath, strerror(err ? err : EIO));
  } else if (atomic_commit(af) != 0) {
    S_fail(it, outpath, strerror(errno));
  } else {
    unsigned long long bad = records_bad_total(&it->rc);
    it->bytes_out = it->rc.bytes_out;
    it->status = bad ? ST_PARTIAL : ST_OK;
    if (bad) {
      char msg[64];
      snprintf(msg, sizeof msg, "%llu bad record%s skipped", bad,
               bad == 1 ? "" : "s");
      free(it->error);
      it->error = strdup(msg);
    }
    if (b->o->verbose || (bad && !b->o->quiet))
      filter_records_note(it->path, &it->rc);
  }
}

/* Makes the directory of outpath, unless it is *made, the one made last
 * by this worker (most outputs share their directory with the one before).
 * -1 with errno set. */
static int S_output_dir(char **made, const char *outpath)
{
  const char *slash = strrchr(outpath, '/');
  size_t n = slash ? (size_t)(slash - outpath) : 0;
  if (*made && strlen(*made) == n && memcmp(*made, outpath, n) == 0)
    return 0;
  if (mkdir_parents(outpath) != 0)
    return -1;
  free(*made);
  *made = strndup(outpath, n); /* no memory: no shortcut next time */
  return 0;
}

/* The output's temporary file, in a directory made if need be.  Made again
 * if it went away since this worker made it. */
static int S_open_output(struct atomic_file *af, char **made,
                         const char *outpath)
{
  if (S_output_dir(made, outpath) != 0)
    return -1;
  if (atomic_open(af, outpath) == 0)
    return 0;
  if (errno != ENOENT || mkdir_parents(outpath) != 0)
    return -1;
  return atomic_open(af, outpath);
}

/* Pass 2: one page into its output: from the rendering pass 1 kept, or
 * from the file.  A rendering that cannot be read back (a spill write
 * that failed, a damaged spill) is dropped with what it wrote, and the
 * page is parsed after all. */
static enum filter_code S_clean_page(struct batch *b, struct item *it,
                                     boiloff_ctx *ctx, int fd,
                                     struct atomic_file *af, struct output *out,
                                     char *buf, boiloff_status *status,
                                     int *err)
{
  const struct cli_options *o = b->o;
  enum filter_code code;
  /* (an output written in place, a device or a fifo, cannot be taken
   * back: the page is parsed) */
  if (!it->rendering.len || !b->spills || af->in_place)
    return filter_stream(ctx, fd, out, buf, o->read_size, 0, status, err);
  code = filter_rendering(ctx, b->spills[it->rendering.spill].fd,
                          it->rendering.off, it->rendering.len, out, buf,
                          o->read_size, status, err);
  if (code != FILTER_READ_ERROR &&
      !(code == FILTER_LIB_ERROR && *status == BOILOFF_ERR_ARG))
    return code;
  if (o->verbose)
    cli_note("%s: its rendering could not be read back; parsed again",
             it->path);
  output_free(out);
  if (fflush(af->fp) != 0 || ftruncate(fileno(af->fp), 0) != 0) {
    int e = errno ? errno : EIO;
    output_init(out, af->fp, o->format);
    out->error = e;
    return FILTER_WRITE_ERROR;
  }
  rewind(af->fp);
  output_init(out, af->fp, o->format);
  output_begin(out, it->path);
  boiloff_reset(ctx);
  return filter_stream(ctx, fd, out, buf, o->read_size, 0, status, err);
}

/* Pass 2: cleans one input into its output. */
static void S_clean(struct batch *b, struct item *it, boiloff_ctx *ctx,
                    struct output **outp, char *buf, char **made)
{
  const struct cli_options *o = b->o;
  struct atomic_file af;
  struct output out;
  struct stat in, os;
  boiloff_status status = BOILOFF_OK;
  boiloff_stats stats = {.size = sizeof stats};
  enum filter_code code;
  int fd, err = 0;
  char *outpath = S_output_path(b, it);

  if (!outpath) {
    S_fail(it, it->path, strerror(ENOMEM));
    return;
  }
  fd = open(it->path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    S_fail(it, it->path, strerror(errno));
    goto out;
  }
  if (fstat(fd, &in) != 0) {
    S_fail(it, it->path, strerror(errno));
    goto out;
  }
  if (!S_ISREG(in.st_mode)) {
    S_fail(it, it->path,
           S_ISDIR(in.st_mode) ? strerror(EISDIR)
                               : "not a regular file, skipped");
    goto out;
  }
  /* O_NONBLOCK stays: it means nothing to a regular file. */
  it->bytes_in = (unsigned long long)in.st_size;
  if (it->rendering.len && !S_unchanged(&in, &it->rendering.file)) {
    if (o->verbose)
      cli_note("%s: changed since it was counted; parsed again", it->path);
    it->rendering.len = 0; /* what pass 1 kept is of other bytes */
  }
  if (stat(outpath, &os) == 0) {
    if (os.st_dev == in.st_dev && os.st_ino == in.st_ino) {
      S_fail(it, it->path, "input file is also the output file");
      goto out;
    }
    if (S_is_input(b, outpath)) {
      S_fail(it, outpath, "output would replace an input file; not written");
      goto out;
    }
    if (o->update && S_newer(&os, &in)) {
      it->status = ST_SKIPPED;
      it->bytes_out = (unsigned long long)os.st_size;
      goto out;
    }
  }
  if (S_open_output(&af, made, outpath) != 0) {
    S_fail(it, outpath, strerror(errno));
    goto out;
  }
  if (it->kind != RECORDS_NONE) {
    S_clean_records(b, it, fd, &af, outpath);
    goto out;
  }
  output_init(&out, af.fp, o->format);
  *outp = &out;
  output_begin(&out, it->path);
  code = S_clean_page(b, it, ctx, fd, &af, &out, buf, &status, &err);
  if (code == FILTER_OK)
    output_end(&out);
  boiloff_get_stats(ctx, &stats);
  it->kept = stats.blocks_kept;
  it->dropped = stats.blocks_dropped;
  /* Before the file is closed: an unfinished xml document still holds
   * bytes for it. */
  output_free(&out);
  *outp = NULL;
  if (code == FILTER_INTERRUPTED) {
    atomic_abort(&af); /* stays ST_PENDING: not processed */
  } else if (code == FILTER_READ_ERROR || code == FILTER_LIB_ERROR) {
    char msg[256];
    if (code == FILTER_READ_ERROR)
      snprintf(msg, sizeof msg, "%s", strerror(err));
    else if (status == BOILOFF_ERR_ENCODING)
      snprintf(msg, sizeof msg, "%s (at byte %llu)", boiloff_strerror(status),
               boiloff_error_offset(ctx));
    else
      snprintf(msg, sizeof msg, "%s", boiloff_strerror(status));
    atomic_abort(&af);
    S_fail(it, it->path, msg);
  } else if (out.error) {
    atomic_abort(&af);
    S_fail(it, outpath, strerror(out.error));
  } else if (atomic_commit(&af) != 0) {
    S_fail(it, outpath, strerror(errno));
  } else {
    it->status = ST_OK;
    it->bytes_out = out.bytes;
    if (o->verbose)
      cli_note("%s: %s%s, %llu bytes in, %llu bytes out, %llu blocks kept, "
               "%llu dropped",
               it->path, stats.charset ? stats.charset : "?",
               stats.is_html ? " HTML" : "", it->bytes_in, it->bytes_out,
               it->kept, it->dropped);
  }
  boiloff_reset(ctx);
out:
  if (fd >= 0)
    close(fd);
  free(outpath);
}

/* The pages of a site are handed out in runs, as the list allows: a worker
 * counts them into one profile (pass 1) or cleans them with one cleaner
 * (pass 2), as -j1 does, where workers taking turns on a site would each
 * make their own, and write into one directory at once.  The caps keep
 * the workers' shares even. */
#define SITE_RUN_ITEMS 16
#define SITE_RUN_BYTES (1ULL << 20)

/* Under mu: the end of the run that begins with item i. */
static size_t S_run_end(const struct batch *b, size_t i)
{
  const struct item *first = &b->items[i];
  unsigned long long bytes = first->size;
  size_t end = i + 1;
  if (first->kind != RECORDS_NONE)
    return end;
  while (end < b->n && end - i < SITE_RUN_ITEMS && bytes < SITE_RUN_BYTES &&
         b->items[end].kind == RECORDS_NONE &&
         strcmp(b->items[end].site, first->site) == 0)
    bytes += b->items[end++].size;
  return end;
}

static void *S_worker(void *arg)
{
  struct worker *w = arg;
  struct batch *b = w->b;
  boiloff_ctx *ctx = NULL;
  const char *ctx_site = NULL;
  struct output *outp = NULL;
  char *buf = malloc(b->o->read_size);
  char *made_dir = NULL; /* the output directory made last */
  struct page_counter counter;
  struct spill *spill = b->pass == 1 && b->spills ? &b->spills[w->id] : NULL;
  size_t i = 0, run_end = 0; /* this worker's items: up to run_end */

  memset(&counter, 0, sizeof counter);

  for (;;) {
    struct item *it, listed;
    if (i + 1 < run_end && !cli_interrupted()) {
      i++; /* the run goes on */
      if (b->pass == 1) {
        pthread_mutex_lock(&b->mu);
        listed = b->items[i]; /* the walk may move the array meanwhile */
        pthread_mutex_unlock(&b->mu);
      }
    } else {
      int got;
      pthread_mutex_lock(&b->mu);
      while (b->walking && b->next >= b->n && !cli_interrupted())
        pthread_cond_wait(&b->more, &b->mu);
      got = b->next < b->n && !cli_interrupted();
      if (got) {
        i = b->next;
        run_end = b->next = S_run_end(b, i);
        listed = b->items[i]; /* the walk may move the array meanwhile */
      }
      pthread_mutex_unlock(&b->mu);
      if (!got)
        break; /* decided under the lock: the walk may be adding */
    }
    it = b->pass == 1 ? &listed : &b->items[i];
    if (b->pass == 1) {
      boiloff_profile *p =
          it->status == ST_PENDING
              ? site_counts_profile(b->counts, it->bucket, w->id)
              : NULL;
      if (p)
        S_count(b, it, p, &counter, buf, spill, w->id);
      site_counts_done(b->counts, it->bucket);
    } else if (it->status == ST_PENDING) {
      if (it->kind == RECORDS_NONE &&
          (!ctx || strcmp(ctx_site, it->site) != 0)) {
        boiloff_options lo = b->o->lib;
        lo.profile = b->profile;
        lo.site = it->site;
        boiloff_free(ctx);
        ctx = buf ? boiloff_new(&lo, output_block_fn, &outp) : NULL;
        ctx_site = it->site;
      }
      if (!ctx && it->kind == RECORDS_NONE)
        S_fail(it, it->path, "cannot create a cleaner (out of memory)");
      else
        S_clean(b, it, ctx, &outp, buf, &made_dir);
    }
    pthread_mutex_lock(&b->mu); /* the main thread wakes by itself */
    if (it == &listed)          /* the array may have moved */
      b->items[i].rendering = listed.rendering;
    b->done++;
    b->bytes_done += it->size;
    pthread_mutex_unlock(&b->mu);
  }
  if (spill)
    spill_finish(spill);
  boiloff_free(ctx);
  free(buf);
  free(made_dir);
  S_counter_free(&counter);
  pthread_mutex_lock(&b->mu);
  b->running--;
  pthread_cond_signal(&b->cv);
  pthread_mutex_unlock(&b->mu);
  return NULL;
}

static double S_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The worker threads of a pass. */
struct pass_threads {
  pthread_t *tids;
  struct worker *ws;
  long started;
  double start;
};

/* Starts one pass over all items with b->jobs workers. */
static int S_start_pass(struct batch *b, int pass, struct pass_threads *pt)
{
  pthread_t *tids = calloc((size_t)b->jobs, sizeof *tids);
  struct worker *ws = calloc((size_t)b->jobs, sizeof *ws);
  sigset_t block, old;
  long i, started = 0;

  if (!tids || !ws) {
    free(tids);
    free(ws);
    cli_error("%s", strerror(ENOMEM));
    return -1;
  }
  b->pass = pass;
  b->next = b->done = 0;
  b->bytes_done = 0;
  /* Signals go to this thread; workers poll cli_interrupted(). */
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  for (i = 0; i < b->jobs; i++) {
    ws[i].b = b;
    ws[i].id = i;
    pthread_mutex_lock(&b->mu);
    b->running++;
    pthread_mutex_unlock(&b->mu);
    if (pthread_create(&tids[i], NULL, S_worker, &ws[i]) != 0) {
      pthread_mutex_lock(&b->mu);
      b->running--;
      pthread_mutex_unlock(&b->mu);
      break;
    }
    started++;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (!started) {
    cli_error("cannot start worker threads");
    free(tids);
    free(ws);
    return -1;
  }
  pt->tids = tids;
  pt->ws = ws;
  pt->started = started;
  pt->start = S_now();
  return 0;
}

/* Waits for the workers of a pass, showing progress (on a terminal). */
static void S_wait_pass(struct batch *b, struct pass_threads *pt, int progress)
{
  long i;
  pthread_mutex_lock(&b->mu);
  while (b->running > 0) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 250000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&b->cv, &b->mu, &until);
    if (progress) {
      double el = S_now() - pt->start,
             rate = el > 0 ? (double)b->bytes_done / el : 0;
      double eta =
          rate > 0 ? (double)(b->bytes_total - b->bytes_done) / rate : 0;
      fprintf(stderr,
              "\rboiloff: %s %zu/%zu files, %.1f MB/s, ETA %d:%02d\033[K",
              b->pass == 1 ? "counting" : "cleaning", b->done, b->n, rate / 1e6,
              (int)eta / 60, (int)eta % 60);
      fflush(stderr);
    }
  }
  pthread_mutex_unlock(&b->mu);
  for (i = 0; i < pt->started; i++)
    pthread_join(pt->tids[i], NULL);
  if (progress) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  free(pt->tids);
  free(pt->ws);
}

/* Runs one pass over all items; the calling thread waits. */
static int S_run_pass(struct batch *b, int pass, int progress)
{
  struct pass_threads pt;
  if (S_start_pass(b, pass, &pt) != 0)
    return -1;
  S_wait_pass(b, &pt, progress);
  return 0;
}

/* Pass 1's spill files, one per worker; a worker without one keeps no
 * renderings (its pages are parsed again). */
static void S_spills_new(struct batch *b)
{
  long w;
  if (b->spills || !(b->spills = calloc((size_t)b->jobs, sizeof *b->spills)))
    return;
  for (w = 0; w < b->jobs; w++)
    spill_open(&b->spills[w], (unsigned)b->jobs);
}

/* -v: says when renderings stopped being kept for want of space. */
static void S_spills_note(const struct batch *b)
{
  long w;
  for (w = 0; b->spills && w < b->jobs; w++)
    if (b->spills[w].refused) {
      cli_note("the renderings of some HTML pages did not fit in the spill "
               "files' half of the free space of $TMPDIR; those pages were "
               "parsed twice");
      return;
    }
}

static void S_spills_free(struct batch *b)
{
  long w;
  for (w = 0; b->spills && w < b->jobs; w++)
    spill_close(&b->spills[w]);
  free(b->spills);
  b->spills = NULL;
}

/* Has the list a file of records?  (They count under their URLs' hosts,
 * which the list does not tell, so their sites cannot be seen complete.) */
static int S_lists_records(const struct batch *b)
{
  size_t i;
  for (i = 0; i < b->n; i++)
    if (b->items[i].kind != RECORDS_NONE)
      return 1;
  return 0;
}

/* Pass 1's counts and spill files.  Its counts are pruned site by site
 * (site_counts.h) unless the profile is to be saved or the run may list
 * records; the items listed so far are registered, and when `walking`
 * is 0 the list is complete. */
static int S_counts_new(struct batch *b, int walking)
{
  const struct cli_options *o = b->o;
  size_t i;
  int by_site =
      !o->save_profile && !(walking ? records_may_list(o) : S_lists_records(b));
  S_spills_new(b);
  if (!(b->counts = site_counts_new(b->jobs, by_site)))
    return -1;
  if (o->verbose && !by_site && !o->save_profile)
    cli_note("site learning keeps every count to the end: the run may read "
             "record files, whose sites are known only once read (--warc, "
             "--jsonl, or an --include that a WARC name can match)");
  for (i = 0; i < b->n; i++)
    if ((b->items[i].bucket = site_counts_listed(b->counts, b->items[i].site)) <
        0)
      return -1;
  if (!walking)
    site_counts_close_all(b->counts);
  return 0;
}

static void S_counts_free(struct batch *b)
{
  site_counts_free(b->counts);
  b->counts = NULL;
}

/* ---- report and summary ------------------------------------------------- */

/* JSON has no bytes: a name's invalid UTF-8 becomes \ufffd. */
static void S_json_str(FILE *f, const char *str)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t n = strlen(str), i = 0, len;
  putc('"', f);
  while (i < n) {
    unsigned char c = s[i];
    len = cli_utf8_char(s + i, n - i);
    if (!len) {
      fputs("\\ufffd", f);
      i++;
    } else if (c == '"' || c == '\\') {
      fprintf(f, "\\%c", c);
      i++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(f, "\\u%04x", c);
      i++;
    } else {
      fwrite(s + i, 1, len, f);
      i += len;
    }
  }
  putc('"', f);
}

static int S_write_report(const struct batch *b, const char *path)
{
  static const char *const names[] = {"interrupted", "ok", "failed", "skipped",
                                      "partial"};
  struct atomic_file af;
  size_t i;
  if (atomic_open(&af, path) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    return -1;
  }
  for (i = 0; i < b->n; i++) {
    const struct item *it = &b->items[i];
    fputs("{\"path\":", af.fp);
    S_json_str(af.fp, it->path);
    fprintf(af.fp,
            ",\"bytes_in\":%llu,\"bytes_out\":%llu,\"blocks_kept\":%llu,"
            "\"blocks_dropped\":%llu,\"status\":\"%s\",\"error\":",
            it->bytes_in, it->bytes_out, it->kept, it->dropped,
            names[it->status]);
    if (it->error)
      S_json_str(af.fp, it->error);
    else
      fputs("null", af.fp);
    if (it->kind != RECORDS_NONE) { /* the records and why some were bad */
      int k;
      fprintf(af.fp,
              ",\"records\":%llu,\"records_cleaned\":%llu,"
              "\"records_skipped\":%llu,\"records_bad\":{",
              it->rc.records, it->rc.cleaned, it->rc.skipped);
      for (k = 0; k < BAD_KINDS; k++)
        fprintf(af.fp, "%s\"%s\":%llu", k ? "," : "", records_bad_names[k],
                it->rc.bad[k]);
      fputs("}", af.fp);
    }
    fputs("}\n", af.fp);
  }
  if (ferror(af.fp)) {
    cli_error("%s: %s", path, strerror(errno ? errno : EIO));
    atomic_abort(&af);
    return -1;
  }
  if (atomic_commit(&af) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

/* ---- entry -------------------------------------------------------------- */

static char *S_strip_slashes(const char *s)
{
  char *p = S_strdup(s);
  size_t n = strlen(p);
  while (n > 1 && p[n - 1] == '/')
    p[--n] = '\0';
  return p;
}

int batch_run(const struct cli_options *o)
{
  struct batch b;
  struct stat outst, inst;
  int have_outst = 0, status = BOILOFF_EXIT_OK, progress;
  size_t i, nfail = 0, nok = 0, nskip = 0, npartial = 0;
  struct rejects rejects;
  unsigned long long in = 0, out = 0;
  boiloff_profile *learned = NULL;
  struct pass_threads counting; /* pass 1, when it runs during the walk */
  int counted = 0;
  double start = S_now();
  char *dirslash;

  memset(&b, 0, sizeof b);
  b.o = o;
  b.profile = o->lib.profile;
  pthread_mutex_init(&b.mu, NULL);
  pthread_cond_init(&b.cv, NULL);
  pthread_cond_init(&b.more, NULL);
  b.jobs = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
  if (b.jobs < 1)
    b.jobs = 1;
  progress = !o->quiet && isatty(2);
  b.outdir = S_strip_slashes(o->output);

  /* The output directory must exist before the walk (to leave it out). */
  dirslash = malloc(strlen(b.outdir) + 2);
  if (!dirslash) {
    cli_error("%s", strerror(ENOMEM));
    status = BOILOFF_EXIT_FAILURE;
    goto out;
  }
  sprintf(dirslash, "%s/", b.outdir);
  if (mkdir_parents(dirslash) != 0 || stat(b.outdir, &outst) != 0) {
    cli_error("%s: %s", b.outdir, strerror(errno));
    free(dirslash);
    status = BOILOFF_EXIT_FAILURE;
    goto out;
  }
  free(dirslash);
  have_outst = 1;

  if (o->recursive) {
    char *root = S_strip_slashes(o->operands[0]);
    if (stat(root, &inst) != 0) {
      cli_error("%s: %s", root, strerror(errno));
      free(root);
      status = BOILOFF_EXIT_FAILURE;
      goto out;
    }
    if (!S_ISDIR(inst.st_mode)) {
      cli_error("%s: %s", root, strerror(ENOTDIR));
      free(root);
      status = BOILOFF_EXIT_FAILURE;
      goto out;
    }
    if (inst.st_dev == outst.st_dev && inst.st_ino == outst.st_ino) {
      options_usage_error("%s: the output directory is the input directory",
                          root);
      free(root);
      status = BOILOFF_EXIT_USAGE;
      goto out;
    }
    { /* outputs would land among the inputs: refuse */
      char *ri = realpath(root, NULL), *ro = realpath(b.outdir, NULL);
      size_t n = ro ? strlen(ro) : 0;
      int inside = ri && ro && strncmp(ri, ro, n) == 0 &&
                   (ri[n] == '/' || (n == 1 && ro[0] == '/'));
      free(ri);
      free(ro);
      if (inside) {
        options_usage_error(
            "%s: the input directory is inside the output directory", root);
        free(root);
        status = BOILOFF_EXIT_USAGE;
        goto out;
      }
    }
    /* Site learning counts the pages as the walk lists them. */
    if (!b.profile && o->site_learning && !cli_interrupted()) {
      b.walking = 1;
      if (S_counts_new(&b, 1) == 0 && S_start_pass(&b, 1, &counting) == 0) {
        counted = 1;
      } else {
        b.walking = 0;
        S_counts_free(&b); /* pass 1 will run after the walk */
      }
    }
    S_walk(&b, root, have_outst ? &outst : NULL);
    free(root);
    if (counted) {
      pthread_mutex_lock(&b.mu);
      b.walking = 0;
      pthread_cond_broadcast(&b.more);
      pthread_mutex_unlock(&b.mu);
      site_counts_close_all(b.counts);
      S_wait_pass(&b, &counting, progress);
    }
  } else if (o->files0_from) {
    if (S_read_files0(&b, o->files0_from) != 0)
      status = BOILOFF_EXIT_FAILURE;
  } else {
    int k;
    for (k = 0; k < o->noperands; k++)
      S_add_name(&b, o->operands[k]);
  }
  if (b.n > 1)
    qsort(b.items, b.n, sizeof *b.items, S_cmp_items);
  S_index_inputs(&b);
  {
    const char *what = NULL, *path = NULL;
    if (o->report && S_is_input(&b, o->report))
      what = "--report", path = o->report;
    else if (o->save_profile && S_is_input(&b, o->save_profile))
      what = "--save-profile", path = o->save_profile;
    if (what) {
      options_usage_error("%s %s: that is an input file", what, path);
      status = BOILOFF_EXIT_USAGE;
      goto out;
    }
  }

  /* Pass 1: site learning (done already when it ran during the walk). */
  if (!counted && !cli_interrupted() && !b.profile && o->site_learning && b.n) {
    if (S_counts_new(&b, 0) != 0 || S_run_pass(&b, 1, progress) != 0) {
      cli_error("site learning failed: %s", strerror(ENOMEM));
      status = BOILOFF_EXIT_FAILURE;
      S_counts_free(&b);
    }
  }
  if (o->verbose)
    S_spills_note(&b);
  if (b.counts && b.n && !cli_interrupted()) {
    boiloff_status st;
    if (!(learned = site_counts_finish(b.counts, &st))) {
      cli_error("site learning failed: %s", boiloff_strerror(st));
      status = BOILOFF_EXIT_FAILURE;
    }
    b.profile = learned;
    S_counts_free(&b);
    if (learned && o->save_profile && !cli_interrupted() &&
        boiloff_profile_save(learned, o->save_profile) != BOILOFF_OK) {
      cli_error("%s: %s", o->save_profile, strerror(errno));
      status = BOILOFF_EXIT_FAILURE;
    }
  }

  if (o->rejects && !cli_interrupted()) {
    if (rejects_open(&rejects, o->rejects) != 0) {
      cli_error("%s: %s", o->rejects, strerror(errno));
      status = BOILOFF_EXIT_FAILURE;
      goto out;
    }
    b.rejects = &rejects;
  }

  /* Pass 2: cleaning. */
  if (!cli_interrupted() && b.n && S_run_pass(&b, 2, progress) != 0)
    status = BOILOFF_EXIT_FAILURE;

  for (i = 0; i < b.n; i++) {
    const struct item *it = &b.items[i];
    nfail += it->status == ST_FAILED;
    nok += it->status == ST_OK;
    nskip += it->status == ST_SKIPPED;
    npartial += it->status == ST_PARTIAL;
    if (it->status == ST_OK || it->status == ST_PARTIAL) {
      in += it->bytes_in;
      out += it->bytes_out;
    }
  }
  if (o->report && S_write_report(&b, o->report) != 0)
    status = BOILOFF_EXIT_FAILURE;
  if (!o->quiet) {
    double el = S_now() - start;
    cli_note("%zu files: %zu cleaned, %zu up to date, %zu failed; %.1f MB in, "
             "%.1f MB out (%.1f%% removed); %.2f s, %.1f MB/s",
             b.n, nok, nskip, nfail, in / 1e6, out / 1e6,
             in ? 100.0 * (1.0 - (double)out / (double)in) : 0.0, el,
             el > 0 ? in / 1e6 / el : 0.0);
    if (npartial)
      cli_note("%zu record files written without their bad records", npartial);
    if (cli_interrupted())
      cli_note("interrupted: %zu files not processed; no partial output left",
               b.n - nok - nskip - nfail);
  }
  if (nfail || npartial)
    status = BOILOFF_EXIT_FAILURE;
out:
  if (b.rejects && rejects_close(b.rejects, !cli_interrupted()) != 0) {
    cli_error("%s: %s", o->rejects, strerror(errno));
    status = BOILOFF_EXIT_FAILURE;
  }
  for (i = 0; i < b.n; i++) {
    free(b.items[i].path);
    free(b.items[i].rel);
    free(b.items[i].site);
    free(b.items[i].error);
  }
  free(b.items);
  free(b.inputs);
  free(b.outdir);
  boiloff_profile_free(learned);
  S_counts_free(&b);
  S_spills_free(&b);
  pthread_mutex_destroy(&b.mu);
  pthread_cond_destroy(&b.cv);
  pthread_cond_destroy(&b.more);
  if (cli_interrupted())
    return BOILOFF_EXIT_SIGNAL + cli_interrupted();
  return status;
}
