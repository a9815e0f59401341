/* replay.c - runs a fuzz target over files without libFuzzer, so that
 * plain `make check` (gcc too) replays the seed corpus and every
 * regression input.
 *
 *   replay_<target> [FILE|DIR]...
 *
 * With no arguments it replays $FIXTURES/fuzz/<target>/ and
 * $FIXTURES/fuzz/regressions/<target>/ (FUZZ_TARGET is set at build
 * time).  A broken invariant aborts, as under libFuzzer, so a failing
 * input is named by REPLAY_VERBOSE=1 (each path goes to stderr first). */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_util.h"

#ifndef FUZZ_TARGET
#error \
    "FUZZ_TARGET must name the target (decode, text, pipeline, html, profile)"
#endif

static unsigned long n_inputs, n_unreadable;

static int replay_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  unsigned char *p = NULL;
  size_t len = 0, cap = 0, got;
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    n_unreadable++;
    return -1;
  }
  do {
    if (len + 65536 > cap) {
      cap = cap ? cap * 2 : 65536;
      if (!(p = realloc(p, cap)))
        abort();
    }
    got = fread(p + len, 1, 65536, f);
    len += got;
  } while (got > 0);
  fclose(f);
  if (getenv("REPLAY_VERBOSE"))
    fprintf(stderr, "replay: %s\n", path);
  LLVMFuzzerTestOneInput(p, len);
  free(p);
  n_inputs++;
  return 0;
}

static int compare(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of a directory in name order (so a failure is reproducible). */
static int replay_path(const char *path, int must_exist)
{
  struct stat sb;
  DIR *dir;
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, i;
  int rc = 0;
  if (stat(path, &sb) != 0) {
    if (must_exist) {
      fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
      return -1;
    }
    return 0;
  }
  if (!S_ISDIR(sb.st_mode))
    return replay_file(path);
  if (!(dir = opendir(path))) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  while ((e = readdir(dir)) != NULL) {
    size_t l;
    if (e->d_name[0] == '.')
      continue;
    if (!(names = realloc(names, (n + 1) * sizeof *names)))
      abort();
    l = strlen(path) + strlen(e->d_name) + 2;
    if (!(names[n] = malloc(l)))
      abort();
    snprintf(names[n], l, "%s/%s", path, e->d_name);
    n++;
  }
  closedir(dir);
  if (n)
    qsort(names, n, sizeof *names, compare);
  for (i = 0; i < n; i++) {
    if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode) &&
        replay_file(names[i]) != 0)
      rc = -1;
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv)
{
  int i, rc = 0;
  if (argc > 1) {
    for (i = 1; i < argc; i++)
      if (replay_path(argv[i], 1) != 0)
        rc = 1;
  } else {
    const char *fx = getenv("FIXTURES");
    char path[4096];
    snprintf(path, sizeof path, "%s/fuzz/%s", fx ? fx : "fixtures",
             FUZZ_TARGET);
    if (replay_path(path, 1) != 0)
      rc = 1;
    snprintf(path, sizeof path, "%s/fuzz/regressions/%s", fx ? fx : "fixtures",
             FUZZ_TARGET);
    if (replay_path(path, 0) != 0)
      rc = 1;
  }
  /* An empty input and a one-byte input always run too. */
  LLVMFuzzerTestOneInput((const unsigned char *)"", 0);
  LLVMFuzzerTestOneInput((const unsigned char *)"\n", 1);
  n_inputs += 2;
  printf("replay %s: %lu inputs\n", FUZZ_TARGET, n_inputs);
  printf("%lu passed, %lu failed\n", n_inputs,
         n_unreadable + (rc && !n_unreadable));
  return rc ? EXIT_FAILURE : EXIT_SUCCESS;
}
