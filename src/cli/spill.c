/* spill.c - the renderings kept between batch mode's passes (spill.h). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "spill.h"

#define SPILL_BUFFER (256 * 1024)

int spill_open(struct spill *s, unsigned shares)
{
  struct statvfs v;
  const char *dir = getenv("TMPDIR");
  char *path;
  size_t n;

  memset(s, 0, sizeof *s);
  s->fd = -1;
  if (!dir || !*dir)
    dir = "/tmp";
  n = strlen(dir) + sizeof "/boiloff-spill.XXXXXX";
  if (!(path = malloc(n)))
    return -1;
  snprintf(path, n, "%s/boiloff-spill.XXXXXX", dir);
  s->fd = mkostemp(path, O_CLOEXEC);
  if (s->fd >= 0)
    unlink(path); /* the file lives as long as the descriptor */
  free(path);
  if (s->fd < 0)
    return -1;
  s->budget = ULLONG_MAX; /* size unknown: a write that fails ends it */
  if (fstatvfs(s->fd, &v) == 0)
    s->budget =
        (unsigned long long)v.f_bavail * v.f_frsize / 2 / (shares ? shares : 1);
  return 0;
}

int spill_keeps(const struct spill *s)
{
  return s->fd >= 0 && !s->failed;
}

static int S_write_all(int fd, const char *p, size_t n)
{
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int spill_flush(struct spill *s)
{
  if (s->failed || s->fd < 0)
    return -1;
  if (s->len && S_write_all(s->fd, s->buf, s->len) != 0) {
    s->failed = 1;
    return -1;
  }
  s->len = 0;
  return 0;
}

int spill_write(void *user, const void *data, size_t len)
{
  struct spill *s = user;
  if (!spill_keeps(s))
    return 1;
  if (len > s->budget - s->end) {
    s->refused++;
    return 1;
  }
  if (!s->buf && !(s->buf = malloc(SPILL_BUFFER))) { /* on first use */
    s->failed = 1;
    return 1;
  }
  if (len > SPILL_BUFFER - s->len && spill_flush(s) != 0)
    return 1;
  if (len > SPILL_BUFFER) { /* too big to buffer: straight out */
    if (S_write_all(s->fd, data, len) != 0) {
      s->failed = 1;
      return 1;
    }
  } else {
    memcpy(s->buf + s->len, data, len);
    s->len += len;
  }
  s->end += len;
  return 0;
}

void spill_finish(struct spill *s)
{
  spill_flush(s);
  free(s->buf);
  s->buf = NULL;
  s->failed = 1; /* nothing more is written */
}

void spill_close(struct spill *s)
{
  if (s->fd >= 0)
    close(s->fd);
  free(s->buf);
  s->fd = -1;
  s->buf = NULL;
  s->len = 0;
}

/* A frame's header: the ordinal, then the rendering's length. */
#define FRAME_HEAD 16
#define NO_ORDINAL ((uint64_t)-1)

void spill_frame_begin(struct spill *s, unsigned long long ordinal)
{
  uint64_t head[2] = {NO_ORDINAL, 0};
  s->frame = s->end;
  s->frame_ordinal = ordinal;
  s->frame_open = spill_write(s, head, sizeof head) == 0;
  s->frame_refused = s->refused;
}

/* Writes n bytes at `at`, which may still be in the buffer. */
static void S_patch(struct spill *s, unsigned long long at, const void *p,
                    size_t n)
{
  unsigned long long buffered = s->end - s->len;
  if (at >= buffered)
    memcpy(s->buf + (at - buffered), p, n);
  else if (pwrite(s->fd, p, n, (off_t)at) != (ssize_t)n)
    s->failed = 1;
}

void spill_frame_end(struct spill *s, int whole)
{
  uint64_t head[2];
  if (!s->frame_open || !spill_keeps(s))
    return;
  s->frame_open = 0;
  /* (a write refused during the frame cut its rendering short) */
  head[0] =
      whole && s->refused == s->frame_refused ? s->frame_ordinal : NO_ORDINAL;
  head[1] = s->end - s->frame - FRAME_HEAD;
  S_patch(s, s->frame, head, sizeof head);
}

void spill_frames_init(struct spill_frames *f, int fd, unsigned long long off,
                       unsigned long long len)
{
  memset(f, 0, sizeof *f);
  f->fd = fd;
  f->at = off;
  f->end = off + len;
}

int spill_frames_find(struct spill_frames *f, unsigned long long ordinal,
                      unsigned long long *off, unsigned long long *len)
{
  while (!f->dead &&
         (!f->have || f->ordinal < ordinal || f->ordinal == NO_ORDINAL)) {
    uint64_t head[2];
    if (f->at + FRAME_HEAD > f->end ||
        pread(f->fd, head, sizeof head, (off_t)f->at) != (ssize_t)sizeof head ||
        head[1] > f->end - f->at - FRAME_HEAD) {
      f->dead = 1; /* the end, or a spill that was not written whole */
      break;
    }
    f->have = 1;
    f->ordinal = head[0];
    f->off = f->at + FRAME_HEAD;
    f->len = head[1];
    f->at = f->off + f->len;
  }
  if (f->dead || f->ordinal != ordinal)
    return 0;
  *off = f->off;
  *len = f->len;
  return 1;
}
