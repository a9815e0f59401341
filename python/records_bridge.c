/* records_bridge.c - see records_bridge.h.  The command's options are
 * made from the module's, with the command's defaults for the rest. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "records.h"
#include "rejects.h"
#include "records_bridge.h"

static void S_cli_options(const struct bo_records_options *ro,
                          struct cli_options *o)
{
  memset(o, 0, sizeof *o);
  o->lib = *ro->lib;
  o->lib.profile = NULL; /* records.c gives each record its own */
  o->lib.site = NULL;
  o->format = ro->wet ? FORMAT_WET : FORMAT_TEXT;
  o->warc = ro->warc;
  o->jsonl = ro->jsonl;
  o->field = ro->field ? ro->field : "text";
  o->html_field = ro->html_field;
  o->jsonl_stats = ro->jsonl_stats;
  o->site_depth = 1;
  o->site_learning = 1;
  o->quiet = 1;
  o->read_size = DEFAULT_READ_SIZE;
}

int bo_records_kind(const struct bo_records_options *ro, const char *name)
{
  struct cli_options o;
  S_cli_options(ro, &o);
  switch (records_kind_of_name(&o, name)) {
  case RECORDS_WARC:
    return BO_WARC;
  case RECORDS_JSONL:
    return BO_JSONL;
  default:
    return BO_PAGE;
  }
}

int bo_records_default_include(const struct bo_records_options *ro,
                               const char *name)
{
  struct cli_options o;
  S_cli_options(ro, &o);
  return records_default_include(&o, name);
}

char *bo_records_output_rel(const struct bo_records_options *ro,
                            const char *rel)
{
  struct cli_options o;
  S_cli_options(ro, &o);
  return records_output_rel(&o, rel);
}

static void S_job(const struct cli_options *o, const char *path,
                  struct records_job *job)
{
  memset(job, 0, sizeof *job);
  job->o = o;
  job->name = path;
  job->kind = records_kind_of_name(o, path);
  if (job->kind == RECORDS_NONE)
    job->kind = RECORDS_WARC; /* a file the caller says holds records */
}

int bo_records_count(const struct bo_records_options *ro, const char *path,
                     boiloff_profile *profile)
{
  struct cli_options o;
  struct records_job job;
  int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  S_cli_options(ro, &o);
  S_job(&o, path, &job);
  records_count(&job, fd, profile);
  close(fd);
  return 0;
}

/* A stream of its own over the open file `fd`, which stays open. */
static FILE *S_stream_of(int fd)
{
  FILE *fp;
  int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (dup_fd < 0)
    return NULL;
  if (!(fp = fdopen(dup_fd, "wb")))
    close(dup_fd);
  return fp;
}

int bo_records_clean(const struct bo_records_options *ro, const char *path,
                     int out_fd, int rejects_fd,
                     const boiloff_profile *profile,
                     struct bo_records_result *res, int *err)
{
  struct cli_options o;
  struct records_job job;
  struct records_counts c;
  struct rejects rejects;
  enum filter_code code;
  int fd, rejects_failed = 0;
  FILE *out, *rejects_fp = NULL;

  memset(res, 0, sizeof *res);
  memset(&c, 0, sizeof c);
  *err = 0;
  if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
    *err = errno;
    return BO_RECORDS_READ_ERROR;
  }
  if (!(out = S_stream_of(out_fd))) {
    *err = errno;
    close(fd);
    return BO_RECORDS_WRITE_ERROR;
  }
  if (rejects_fd >= 0 && !(rejects_fp = S_stream_of(rejects_fd))) {
    *err = errno;
    fclose(out);
    close(fd);
    return BO_RECORDS_REJECTS_ERROR;
  }
  S_cli_options(ro, &o);
  S_job(&o, path, &job);
  job.profile = profile;
  if (rejects_fp) {
    rejects_open_stream(&rejects, rejects_fp);
    job.rejects = &rejects;
  }
  code = records_clean(&job, fd, NULL, 0, out, &c, err);
  close(fd);
  if (fclose(out) != 0 && code == FILTER_OK) {
    code = FILTER_WRITE_ERROR;
    *err = errno;
  }
  if (rejects_fp && rejects_close(&rejects, 1) != 0 && code == FILTER_OK) {
    rejects_failed = 1;
    *err = errno;
  }
  res->records = c.records;
  res->cleaned = c.cleaned;
  res->skipped = c.skipped;
  res->bad = records_bad_total(&c);
  res->bytes_in = c.bytes_in;
  res->bytes_out = c.bytes_out;
  res->blocks_kept = c.blocks_kept;
  res->blocks_dropped = c.blocks_dropped;
  if (rejects_failed)
    return BO_RECORDS_REJECTS_ERROR;
  if (code == FILTER_OK)
    return BO_RECORDS_OK;
  if (!*err)
    *err = EIO;
  return code == FILTER_WRITE_ERROR ? BO_RECORDS_WRITE_ERROR
                                    : BO_RECORDS_READ_ERROR;
}
