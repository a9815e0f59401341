/* util.h - diagnostics and atomic output files of the command. */
#ifndef BOILOFF_CLI_UTIL_H
#define BOILOFF_CLI_UTIL_H

#include <stdio.h>

#ifdef __GNUC__
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

/* "boiloff: error: ...\n" on stderr, as one write(2) so that messages of
 * concurrent workers do not interleave; on a terminal it first clears the
 * progress line. */
void cli_error(const char *fmt, ...) CLI_PRINTF(1, 2);
/* "boiloff: ...\n" on stderr (notes, statistics, summary). */
void cli_note(const char *fmt, ...) CLI_PRINTF(1, 2);

/* An output written to a temporary file in the target's directory
 * (".NAME.boiloff-XXXXXXXX", mode 0666 & ~umask) and renamed into place,
 * so nobody ever sees a half-written output. */
struct atomic_file {
  char *path;
  char *tmp;
  FILE *fp;
  char *buffer; /* fp's, freed after it is closed */
  int in_place; /* not a regular file: written where it is */
};
/* -1 with errno set on failure (nothing is left behind).  A path that
 * names a device, fifo or socket is opened and written in place, as
 * `sort -o` and `cp` do (a rename would replace it with a regular file);
 * a symbolic link to a regular file has its target replaced. */
int atomic_open(struct atomic_file *af, const char *path);
/* Closes and renames; -1 with errno set on failure (temp file removed). */
int atomic_commit(struct atomic_file *af);
/* Closes and removes the temporary file. */
void atomic_abort(struct atomic_file *af);

/* Bytes of the UTF-8 character at s[0..n) when it is valid (no overlong
 * form, surrogate or value past U+10FFFF), else 0. */
size_t cli_utf8_char(const unsigned char *s, size_t n);

/* Creates the directories of `path` up to its last '/', like mkdir -p
 * (EEXIST from a concurrent worker is fine).  -1 with errno set. */
int mkdir_parents(const char *path);

#endif
