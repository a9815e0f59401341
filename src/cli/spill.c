/* spill.c - the renderings kept between batch mode's passes (spill.h). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spill.h"

#define SPILL_BUFFER (256 * 1024)

int spill_open(struct spill *s)
{
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
  s->fd = mkstemp(path);
  if (s->fd >= 0)
    unlink(path); /* the file lives as long as the descriptor */
  free(path);
  if (s->fd < 0 || !(s->buf = malloc(SPILL_BUFFER))) {
    spill_close(s);
    return -1;
  }
  return 0;
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
  if (s->failed || s->fd < 0)
    return 1;
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

void spill_close(struct spill *s)
{
  if (s->fd >= 0)
    close(s->fd);
  free(s->buf);
  s->fd = -1;
  s->buf = NULL;
  s->len = 0;
}
