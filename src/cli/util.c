/* util.c - diagnostics and atomic output files. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "util.h"

static void S_vmsg(const char *prefix, const char *fmt, va_list ap)
{
  char buf[4096];
  size_t n = 0;
  int r;
  ssize_t w;

  if (isatty(2))
    n = (size_t)snprintf(buf, sizeof buf, "\r\033[K");
  n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", prefix);
  r = vsnprintf(buf + n, sizeof buf - n, fmt, ap);
  if (r < 0)
    r = 0;
  n = n + (size_t)r < sizeof buf - 1 ? n + (size_t)r : sizeof buf - 2;
  buf[n++] = '\n';
  for (size_t off = 0; off < n; off += (size_t)w) {
    w = write(2, buf + off, n - off);
    if (w < 0 && errno == EINTR) {
      w = 0;
      continue;
    }
    if (w <= 0)
      break;
  }
}

void cli_error(const char *fmt, ...)
{
  va_list ap;
  int e = errno;
  va_start(ap, fmt);
  S_vmsg("boiloff: error: ", fmt, ap);
  va_end(ap);
  errno = e;
}

void cli_note(const char *fmt, ...)
{
  va_list ap;
  int e = errno;
  va_start(ap, fmt);
  S_vmsg("boiloff: ", fmt, ap);
  va_end(ap);
  errno = e;
}

size_t cli_utf8_char(const unsigned char *s, size_t n)
{
  uint32_t cp;
  size_t k = boiloff__utf8_decode(s, n, &cp);
  /* The decoder reads an invalid or cut sequence as one byte of U+FFFD. */
  return k == 1 && s[0] >= 0x80 ? 0 : k;
}

/* A device, fifo or socket: opened for writing where it is. */
static int S_open_in_place(struct atomic_file *af, const char *path)
{
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), e;
  if (fd < 0)
    return -1;
  if (!(af->path = strdup(path)) || !(af->fp = fdopen(fd, "w"))) {
    e = errno ? errno : ENOMEM;
    free(af->path);
    close(fd);
    memset(af, 0, sizeof *af);
    errno = e;
    return -1;
  }
  af->in_place = 1;
  return 0;
}

/* The process id, asked once: getpid is a system call, and a batch names
 * a temporary file for every output. */
static uint64_t S_pid(void)
{
  static pid_t pid; /* 0 until asked */
  pid_t p = __atomic_load_n(&pid, __ATOMIC_RELAXED);
  if (!p) {
    p = getpid();
    __atomic_store_n(&pid, p, __ATOMIC_RELAXED);
  }
  return (uint64_t)p;
}

/* stdio's own buffer is a block (4 KB) and costs an fstat to size. */
#define ATOMIC_BUFFER ((size_t)64 * 1024)

int atomic_open(struct atomic_file *af, const char *path)
{
  const char *slash;
  size_t dirlen, n;
  uint64_t seed;
  struct timespec ts;
  unsigned attempt;
  int fd = -1, e;
  struct stat st;
  char *resolved = NULL;

  memset(af, 0, sizeof *af);
  /* One lstat in the common case (no such file yet, or a regular one):
   * a batch opens thousands of outputs. */
  if (lstat(path, &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      struct stat target;
      if (stat(path, &target) == 0 && !S_ISREG(target.st_mode))
        return S_open_in_place(af, path);
      /* A link stays a link: its target is what gets replaced. */
      if ((resolved = realpath(path, NULL)) != NULL)
        path = resolved;
    } else if (!S_ISREG(st.st_mode)) {
      return S_open_in_place(af, path);
    }
  }
  slash = strrchr(path, '/');
  dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  n = strlen(path) + 32;
  af->path = strdup(path);
  free(resolved);
  path = af->path ? af->path : "";
  af->tmp = malloc(n);
  if (!af->path || !af->tmp) {
    e = ENOMEM;
    goto fail;
  }
  /* O_EXCL + umask-respecting mode; the name need only be unlikely to be
   * taken (a local's address differs between threads). */
  clock_gettime(CLOCK_REALTIME, &ts);
  seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (S_pid() << 32) ^
         (uint64_t)(uintptr_t)&seed;
  for (attempt = 0; attempt < 100; attempt++) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    snprintf(af->tmp, n, "%.*s.%s.boiloff-%08lx", (int)dirlen, path,
             path + dirlen, (unsigned long)(seed >> 32) & 0xffffffffUL);
    fd =
        open(af->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
    if (fd >= 0 || errno != EEXIST)
      break;
  }
  if (fd < 0) {
    e = errno;
    goto fail;
  }
  af->fp = fdopen(fd, "w");
  if (!af->fp) {
    e = errno;
    close(fd);
    unlink(af->tmp);
    goto fail;
  }
  if ((af->buffer = malloc(ATOMIC_BUFFER)) != NULL)
    setvbuf(af->fp, af->buffer, _IOFBF, ATOMIC_BUFFER);
  return 0;
fail:
  free(af->path);
  free(af->tmp);
  memset(af, 0, sizeof *af);
  errno = e;
  return -1;
}

int atomic_commit(struct atomic_file *af)
{
  int r = 0, e = 0;
  if (!af->fp)
    return 0;
  if (af->in_place) {
    r = fclose(af->fp);
    e = errno;
    free(af->path);
    memset(af, 0, sizeof *af);
    errno = e;
    return r == 0 ? 0 : -1;
  }
  r = fclose(af->fp);
  e = errno;
  free(af->buffer);
  if (r != 0) {
    unlink(af->tmp);
  } else if (rename(af->tmp, af->path) != 0) {
    r = -1;
    e = errno;
    unlink(af->tmp);
  }
  free(af->path);
  free(af->tmp);
  memset(af, 0, sizeof *af);
  if (r)
    errno = e;
  return r;
}

void atomic_abort(struct atomic_file *af)
{
  if (!af->fp)
    return;
  fclose(af->fp);
  free(af->buffer);
  if (!af->in_place)
    unlink(af->tmp);
  free(af->path);
  free(af->tmp);
  memset(af, 0, sizeof *af);
}

/* Makes directory p (a path it may write into) and those above it that
 * are missing, from the deepest that exists down: one mkdir for a new
 * directory beside existing ones, not one for every level from the root.
 * -1 with errno set. */
static int mkdir_up(char *p)
{
  char *slash;
  int r;
  if (mkdir(p, 0777) == 0 || errno == EEXIST)
    return 0;
  if (errno != ENOENT || !(slash = strrchr(p, '/')) || slash == p)
    return -1;
  *slash = '\0';
  r = mkdir_up(p);
  *slash = '/';
  if (r != 0)
    return -1;
  return mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

int mkdir_parents(const char *path)
{
  char *p = strdup(path), *last;
  struct stat st;
  int r;
  if (!p) {
    errno = ENOMEM;
    return -1;
  }
  last = strrchr(p, '/');
  if (!last || last == p) {
    free(p);
    return 0;
  }
  /* Most often the directory is there: one stat, not a mkdir per level. */
  *last = '\0';
  if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
    free(p);
    return 0;
  }
  r = mkdir_up(p);
  if (r == 0) { /* the parent must really be a directory */
    if (stat(p, &st) != 0)
      r = -1;
    else if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      r = -1;
    }
  }
  {
    int e = errno;
    free(p);
    errno = e;
  }
  return r;
}
