/* rejects.h - the --rejects file: bad records and lines, as they were,
 * appended by any worker (one record at a time, under a lock) and renamed
 * into place at the end like every output. */
#ifndef BOILOFF_CLI_REJECTS_H
#define BOILOFF_CLI_REJECTS_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct rejects {
  pthread_mutex_t mu;
  struct atomic_file af;
  int error; /* errno of the first write failure */
};

/* -1 with errno set on failure. */
int rejects_open(struct rejects *r, const char *path);
/* Writes to the open stream `fp` instead, which rejects_close closes
 * (the Python module's distributed run gives each file its own part). */
void rejects_open_stream(struct rejects *r, FILE *fp);
/* One record is written between begin and end, in any number of pieces. */
void rejects_begin(struct rejects *r);
void rejects_write(struct rejects *r, const char *p, size_t n);
void rejects_end(struct rejects *r);
/* Commits (or with `keep` 0, removes) the file; -1 with errno on failure. */
int rejects_close(struct rejects *r, int keep);

#endif
