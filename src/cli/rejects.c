/* rejects.c - the --rejects file. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rejects.h"

int rejects_open(struct rejects *r, const char *path)
{
  r->error = 0;
  if (atomic_open(&r->af, path) != 0)
    return -1;
  pthread_mutex_init(&r->mu, NULL);
  return 0;
}

void rejects_open_stream(struct rejects *r, FILE *fp)
{
  r->error = 0;
  memset(&r->af, 0, sizeof r->af);
  r->af.fp = fp;
  r->af.in_place = 1; /* closed where it is, nothing renamed or removed */
  pthread_mutex_init(&r->mu, NULL);
}

void rejects_begin(struct rejects *r)
{
  pthread_mutex_lock(&r->mu);
}

void rejects_write(struct rejects *r, const char *p, size_t n)
{
  if (!r->error && n && fwrite(p, 1, n, r->af.fp) != n)
    r->error = errno ? errno : EIO;
}

void rejects_end(struct rejects *r)
{
  pthread_mutex_unlock(&r->mu);
}

int rejects_close(struct rejects *r, int keep)
{
  int e = r->error;
  pthread_mutex_destroy(&r->mu);
  if (!keep || e) {
    atomic_abort(&r->af);
    if (e) {
      errno = e;
      return -1;
    }
    return 0;
  }
  return atomic_commit(&r->af);
}
