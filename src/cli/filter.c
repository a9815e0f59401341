/* filter.c - the stdin/stdout filter, and the read loop batch mode shares. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boiloff.h"
#include "filter.h"
#include "gzread.h"
#include "output.h"
#include "records.h"
#include "rejects.h"
#include "signals.h"
#include "util.h"

/* Where a document's bytes come from: a descriptor read to its end, or a
 * region of one (a rendering kept in a spill file) read with pread. */
struct source {
  int fd;
  int region;
  unsigned long long off, left; /* of the region */
};

/* The next piece: bytes, 0 at the end, -1 with errno. */
static ssize_t S_read(struct source *src, char *buf, size_t size)
{
  ssize_t n;
  if (!src->region)
    return read(src->fd, buf, size);
  if (!src->left)
    return 0;
  if (size > src->left)
    size = (size_t)src->left;
  n = pread(src->fd, buf, size, (off_t)src->off);
  if (n == 0) { /* the file ends before the region does */
    errno = EIO;
    return -1;
  }
  if (n > 0) {
    src->off += (unsigned long long)n;
    src->left -= (unsigned long long)n;
  }
  return n;
}

static enum filter_code S_run(boiloff_ctx *ctx, struct source *src,
                              struct output *out, char *buf, size_t size,
                              int flush_each, boiloff_status *status, int *err)
{
  boiloff_status st;
  ssize_t n;

  for (;;) {
    if (cli_interrupted())
      return FILTER_INTERRUPTED;
    n = S_read(src, buf, size);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) { /* inherited O_NONBLOCK */
        struct pollfd p = {src->fd, POLLIN, 0};
        poll(&p, 1, -1);
        continue;
      }
      *err = errno;
      return FILTER_READ_ERROR;
    }
    if (n == 0)
      break;
    st = src->region ? boiloff_feed_rendering(ctx, buf, (size_t)n)
                     : boiloff_feed(ctx, buf, (size_t)n);
    if (out->error)
      return FILTER_WRITE_ERROR;
    if (st != BOILOFF_OK) {
      *status = st;
      return FILTER_LIB_ERROR;
    }
    if (flush_each && output_flush(out))
      return FILTER_WRITE_ERROR;
  }
  st = boiloff_finish(ctx);
  if (out->error)
    return FILTER_WRITE_ERROR;
  if (st != BOILOFF_OK) {
    *status = st;
    return FILTER_LIB_ERROR;
  }
  return FILTER_OK;
}

enum filter_code filter_stream(boiloff_ctx *ctx, int fd, struct output *out,
                               char *buf, size_t size, int flush_each,
                               boiloff_status *status, int *err)
{
  struct source src = {fd, 0, 0, 0};
  return S_run(ctx, &src, out, buf, size, flush_each, status, err);
}

enum filter_code filter_rendering(boiloff_ctx *ctx, int fd,
                                  unsigned long long off,
                                  unsigned long long len, struct output *out,
                                  char *buf, size_t size,
                                  boiloff_status *status, int *err)
{
  struct source src = {fd, 1, off, len};
  return S_run(ctx, &src, out, buf, size, 0, status, err);
}

void filter_report(const char *name, enum filter_code code,
                   boiloff_status status, int err, const boiloff_ctx *ctx)
{
  switch (code) {
  case FILTER_READ_ERROR:
    cli_error("%s: %s", name, strerror(err));
    break;
  case FILTER_LIB_ERROR:
    if (status == BOILOFF_ERR_ENCODING)
      cli_error("%s: %s (at byte %llu)", name, boiloff_strerror(status),
                boiloff_error_offset(ctx));
    else
      cli_error("%s: %s", name, boiloff_strerror(status));
    break;
  default:
    break;
  }
}

/* Standard output through write(2) that waits out a non-blocking
 * descriptor (EAGAIN: poll until it can take more) and a signal that is not
 * ours (EINTR), so stdio never sees a short write and loses nothing.  On
 * SIGINT/SIGTERM it gives up: the exit status says why. */
static ssize_t S_stdout_write(void *cookie, const char *buf, size_t n)
{
  size_t done = 0;
  (void)cookie;
  while (done < n) {
    ssize_t w = write(1, buf + done, n - done);
    if (w > 0) {
      done += (size_t)w;
      continue;
    }
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      struct pollfd p = {1, POLLOUT, 0};
      if (poll(&p, 1, -1) >= 0 || errno == EINTR)
        w = 0;
    }
    if (w < 0 && errno == EINTR)
      w = 0;
    if (w == 0 && !cli_interrupted())
      continue;
    if (w == 0)
      errno = EINTR;
    return done ? (ssize_t)done : -1;
  }
  return (ssize_t)done;
}

/* Standard output, opened once per run.  The buffer is given: glibc's
 * setvbuf ignores the size when it is left to allocate (8 KB here). */
static FILE *S_open_stdout(void)
{
  static char buffer[1 << 16];
  cookie_io_functions_t io = {NULL, S_stdout_write, NULL, NULL};
  FILE *fp = fopencookie(NULL, "w", io);
  if (fp)
    setvbuf(fp, buffer, _IOFBF, sizeof buffer);
  return fp;
}

static void S_verbose(const char *name, const boiloff_ctx *ctx,
                      unsigned long long bytes_out)
{
  boiloff_stats s = {.size = sizeof s};
  boiloff_get_stats(ctx, &s);
  cli_note("%s: %s%s, %llu bytes in, %llu bytes out, %llu blocks kept, "
           "%llu dropped, %llu invalid sequences, %llu repairs",
           name, s.charset ? s.charset : "?", s.is_html ? " HTML" : "",
           s.bytes_in, bytes_out, s.blocks_kept, s.blocks_dropped,
           s.invalid_sequences, s.repairs);
}

void filter_records_note(const char *name, const struct records_counts *c)
{
  char bad[512];
  size_t k = 0;
  int i;
  bad[0] = '\0';
  for (i = 0; i < BAD_KINDS; i++)
    if (c->bad[i] && k < sizeof bad)
      k += (size_t)snprintf(bad + k, sizeof bad - k, ", %llu %s", c->bad[i],
                            records_bad_names[i]);
  cli_note(
      "%s: %llu records: %llu cleaned, %llu skipped, %llu bad%s; %llu bytes "
      "in, %llu bytes out, %llu blocks kept, %llu dropped",
      name, c->records, c->cleaned, c->skipped, records_bad_total(c), bad,
      c->bytes_in, c->bytes_out, c->blocks_kept, c->blocks_dropped);
}

/* The threads -j allows: a page's stream is read and measured on one and
 * classified on another; records are cleaned on as many workers. */
static long S_jobs(const struct cli_options *o)
{
  return o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
}

/* One input of records (WARC, WET, JSON Lines) to the output; 0, or 1 when
 * some record was bad or the input failed.  `got` bytes are in buf. */
static int S_records(const struct cli_options *o, enum records_kind kind,
                     int fd, const char *name, const char *buf, size_t got,
                     struct output *out, struct rejects *rj, int flush_each,
                     enum filter_code *code)
{
  struct records_job job;
  struct records_counts c;
  int err = 0;

  memset(&job, 0, sizeof job);
  memset(&c, 0, sizeof c);
  job.o = o;
  job.profile = o->lib.profile;
  job.rejects = rj;
  job.name = name;
  job.kind = kind;
  job.flush_each = flush_each;
  job.threads = S_jobs(o) > 1 ? (unsigned)S_jobs(o) : 1;
  if (o->format == FORMAT_EXPLAIN || o->format == FORMAT_XML) {
    cli_error(
        "%s: --format=explain and xml do not apply to records (jsonl or wet)",
        name);
    *code = FILTER_OK;
    return 1;
  }
  *code = records_clean(&job, fd, buf, got, out->fp, &c, &err);
  out->bytes += c.bytes_out;
  if (*code == FILTER_WRITE_ERROR) {
    out->error = err ? err : EIO;
    return 1;
  }
  if (*code == FILTER_READ_ERROR)
    cli_error("%s: %s", name, strerror(err));
  if (*code != FILTER_INTERRUPTED &&
      (o->verbose || (records_bad_total(&c) && !o->quiet)))
    filter_records_note(name, &c);
  return *code == FILTER_READ_ERROR || records_bad_total(&c) != 0;
}

int filter_run(const struct cli_options *o)
{
  static char *const stdin_operand[] = {"-"};
  char *const *inputs = o->noperands ? o->operands : stdin_operand;
  int ninputs = o->noperands ? o->noperands : 1, i;
  const char *outname =
      o->output && strcmp(o->output, "-") != 0 ? o->output : NULL;
  struct output out, *outp = &out;
  struct atomic_file af;
  struct rejects rejects, *rj = NULL;
  struct stat outst;
  int have_outst = 0, failed = 0, quiet_exit = 0;
  boiloff_ctx *ctx = NULL;
  char *buf = NULL;
  FILE *fp = NULL;
  int status = BOILOFF_EXIT_OK;

  memset(&af, 0, sizeof af);
  output_init(&out, NULL, o->format);
  if (outname) {
    if (stat(outname, &outst) == 0)
      have_outst = 1;
    if (atomic_open(&af, outname) != 0) {
      cli_error("%s: %s", outname, strerror(errno));
      return BOILOFF_EXIT_FAILURE;
    }
    fp = af.fp;
  } else if (!(fp = S_open_stdout())) {
    cli_error("%s", strerror(errno ? errno : ENOMEM));
    return BOILOFF_EXIT_FAILURE;
  }
  out.fp = fp;
  if (o->rejects) {
    if (rejects_open(&rejects, o->rejects) != 0) {
      cli_error("%s: %s", o->rejects, strerror(errno));
      if (outname)
        atomic_abort(&af);
      return BOILOFF_EXIT_FAILURE;
    }
    rj = &rejects;
  }
  buf = malloc(o->read_size);
  {
    boiloff_options lib = o->lib;
    if (S_jobs(o) >= 2) {
      lib.flags |= BOILOFF_OPT_THREADED;
#ifdef HAVE_MALLOPT
      /* The front end's thread allocates little, and once: an arena of
       * its own would cost more memory than it saves time. */
      mallopt(M_ARENA_MAX, 1);
#endif
    }
    ctx = boiloff_new(&lib, output_block_fn, &outp);
  }
  if (!buf || !ctx) {
    cli_error("%s",
              buf ? "cannot create a cleaner (invalid option or out of memory)"
                  : strerror(ENOMEM));
    failed = 1;
    goto out;
  }

  for (i = 0; i < ninputs && !cli_interrupted(); i++) {
    const char *path = inputs[i];
    int is_stdin = strcmp(path, "-") == 0, fd, err = 0;
    const char *name = is_stdin ? "(standard input)" : path;
    boiloff_status st = BOILOFF_OK;
    enum filter_code code;
    struct stat in;
    unsigned long long before = out.bytes;

    fd = is_stdin ? 0 : open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
      cli_error("%s: %s", name, strerror(errno));
      failed = 1;
      continue;
    }
    if (fstat(fd, &in) == 0) {
      const char *why = NULL;
      if (S_ISDIR(in.st_mode))
        why = strerror(EISDIR);
      else if (have_outst && in.st_dev == outst.st_dev &&
               in.st_ino == outst.st_ino)
        why = "input file is also the output file";
      if (why) {
        cli_error("%s: %s", name, why);
        failed = 1;
        if (!is_stdin)
          close(fd);
        continue;
      }
    }
    { /* records (WARC, WET, JSON Lines), named or seen in the first bytes */
      enum records_kind kind = o->jsonl  ? RECORDS_JSONL
                               : o->warc ? RECORDS_WARC
                                         : RECORDS_NONE;
      char head[1024]; /* the first bytes, whatever --read-size */
      ssize_t got = 0;
      if (kind == RECORDS_NONE) {
        got = gzread_fill_prefix(fd, head, sizeof head, 64);
        if (got < 0) {
          cli_error("%s: %s", name, strerror(errno));
          failed = 1;
          if (!is_stdin)
            close(fd);
          continue;
        }
        kind = records_detect(head, (size_t)got);
      }
      if (kind != RECORDS_NONE) {
        failed |= S_records(o, kind, fd, name, head, (size_t)got, &out, rj,
                            !outname, &code);
        if (!is_stdin)
          close(fd);
        if (out.error || code == FILTER_INTERRUPTED)
          break;
        continue;
      }
      if (o->format == FORMAT_WET) {
        cli_error("%s: --format=wet needs records (WARC, WET or --jsonl input)",
                  name);
        failed = 1;
        if (!is_stdin)
          close(fd);
        continue;
      }
      output_begin(&out, name);
      code = FILTER_OK;
      if (got > 0) { /* the bytes read to look at */
        st = boiloff_feed(ctx, head, (size_t)got);
        if (out.error)
          code = FILTER_WRITE_ERROR;
        else if (st != BOILOFF_OK)
          code = FILTER_LIB_ERROR;
        else if (!outname && output_flush(&out))
          code = FILTER_WRITE_ERROR;
      }
    }
    if (code == FILTER_OK)
      code =
          filter_stream(ctx, fd, &out, buf, o->read_size, !outname, &st, &err);
    if (!is_stdin)
      close(fd);
    if (code != FILTER_INTERRUPTED && code != FILTER_WRITE_ERROR)
      output_end(&out);
    if (code == FILTER_READ_ERROR || code == FILTER_LIB_ERROR) {
      filter_report(name, code, st, err, ctx);
      failed = 1;
    }
    if (o->verbose && code != FILTER_INTERRUPTED && !out.error)
      S_verbose(name, ctx, out.bytes - before);
    boiloff_reset(ctx);
    if (out.error || code == FILTER_INTERRUPTED)
      break;
  }

out:
  if (out.error == EPIPE && !outname) {
    quiet_exit = 1; /* the reader went away: stop quietly */
  } else if (out.error == EINTR && cli_interrupted()) {
    quiet_exit = 1; /* the exit status tells of the signal */
  } else if (out.error) {
    if (outname)
      cli_error("%s: %s", outname, strerror(out.error));
    else
      cli_error("write error: %s", strerror(out.error));
    failed = 1;
  }
  output_free(&out);
  boiloff_free(ctx);
  free(buf);
  if (rj && rejects_close(rj, !cli_interrupted()) != 0) {
    cli_error("%s: %s", o->rejects, strerror(errno));
    failed = 1;
  }
  if (outname) {
    if (failed || cli_interrupted()) {
      atomic_abort(&af); /* never a half-written output */
    } else if (atomic_commit(&af) != 0) {
      cli_error("%s: %s", outname, strerror(errno));
      failed = 1;
    }
  } else if (fclose(fp) != 0 && !failed && !quiet_exit && !cli_interrupted()) {
    if (errno != EPIPE) {
      cli_error("write error: %s", strerror(errno));
      failed = 1;
    }
  }
  if (cli_interrupted())
    return BOILOFF_EXIT_SIGNAL + cli_interrupted();
  if (failed)
    status = BOILOFF_EXIT_FAILURE;
  return status;
}
