/* between_passes.c - what can befall batch mode's two passes, made to
 * happen for tests/batch.sh and tests/records.sh.  Preloaded
 * (LD_PRELOAD); set in the environment:
 *   BETWEEN_PASSES_SPILL=full  every write to a spill file (src/cli/spill.c:
 *                              unlinked files named boiloff-spill.*) fails
 *                              with ENOSPC, as on a full $TMPDIR;
 *   BETWEEN_PASSES_FREE=N      every file system says N bytes are free;
 *   BETWEEN_PASSES_CHANGE=PATH and BETWEEN_PASSES_WITH=FILE
 *                              PATH is given FILE's bytes as it is opened
 *                              the second time (pass 2's, with -j1), as by
 *                              another program writing to it meanwhile. */
#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Exported (the tree builds with hidden visibility): they must interpose.
 * The real functions are looked up on each call: no state shared by
 * threads but the count of opens, which matters with -j1 only. */
#define EXPORTED __attribute__((visibility("default")))

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*open_fn)(const char *, int, ...);

static int S_is_spill(int fd)
{
  char link[64], target[4096];
  ssize_t t;
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  t = readlink(link, target, sizeof target - 1);
  if (t <= 0)
    return 0;
  target[t] = '\0';
  return strstr(target, "/boiloff-spill.") != NULL;
}

EXPORTED ssize_t write(int fd, const void *buf, size_t n)
{
  write_fn real;
  const char *spill = getenv("BETWEEN_PASSES_SPILL");
  *(void **)&real = dlsym(RTLD_NEXT, "write");
  if (spill && strcmp(spill, "full") == 0 && S_is_spill(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buf, n);
}

/* BETWEEN_PASSES_FREE, told by fstatvfs and fstatvfs64 (which the
 * build's large-file settings may call instead). */
#define FSTATVFS(name, type)                                     \
  EXPORTED int name(int fd, type *v)                             \
  {                                                              \
    int (*real)(int, type *);                                    \
    const char *free_bytes = getenv("BETWEEN_PASSES_FREE");      \
    int rc;                                                      \
    *(void **)&real = dlsym(RTLD_NEXT, #name);                   \
    rc = real(fd, v);                                            \
    if (rc == 0 && free_bytes) {                                 \
      v->f_frsize = 1;                                           \
      v->f_bavail = v->f_bfree = strtoull(free_bytes, NULL, 10); \
    }                                                            \
    return rc;                                                   \
  }
FSTATVFS(fstatvfs, struct statvfs)
FSTATVFS(fstatvfs64, struct statvfs64)

/* PATH, on its second open, takes FILE's bytes. */
static void S_maybe_change(const char *path, open_fn real)
{
  static int opens;
  const char *target = getenv("BETWEEN_PASSES_CHANGE");
  const char *with = getenv("BETWEEN_PASSES_WITH");
  char buf[4096];
  ssize_t n;
  int in, out;
  write_fn real_write;
  if (!target || !with || strcmp(path, target) != 0 ||
      __atomic_add_fetch(&opens, 1, __ATOMIC_SEQ_CST) != 2)
    return;
  *(void **)&real_write = dlsym(RTLD_NEXT, "write");
  in = real(with, O_RDONLY);
  out = real(target, O_WRONLY | O_TRUNC);
  while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
    if (real_write(out, buf, (size_t)n) != n)
      break;
  if (in >= 0)
    close(in);
  if (out >= 0)
    close(out);
}

static int S_open(const char *name, const char *path, int flags, va_list ap)
{
  open_fn real;
  mode_t mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
                    ? va_arg(ap, mode_t)
                    : 0;
  *(void **)&real = dlsym(RTLD_NEXT, name);
  S_maybe_change(path, real);
  return real(path, flags, mode);
}

/* open and open64 (which the build's large-file settings may call). */
#define OPEN(name)                                    \
  EXPORTED int name(const char *path, int flags, ...) \
  {                                                   \
    va_list ap;                                       \
    int fd;                                           \
    va_start(ap, flags);                              \
    fd = S_open(#name, path, flags, ap);              \
    va_end(ap);                                       \
    return fd;                                        \
  }
OPEN(open)
OPEN(open64)
