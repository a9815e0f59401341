/* nodlopen.c - a dlopen() that fails for some libraries, so the tests can
 * see what boiloff does when libxml2 or uchardet is missing at run time.
 * BOILOFF_TEST_NO_DLOPEN holds words separated by commas ("libxml2,
 * uchardet"); a file whose name contains one is "not found", with the
 * loader's own message.  Linked into check_dynload, and preloaded
 * (LD_PRELOAD) into the command by tests/dynload.sh. */
#include <config.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "nodlopen.h"

int boiloff_test_denied(const char *file)
{
  const char *deny = getenv("BOILOFF_TEST_NO_DLOPEN");
  char word[64];
  while (file && deny && *deny) {
    size_t n = strcspn(deny, ",");
    if (n > 0 && n < sizeof word) {
      memcpy(word, deny, n);
      word[n] = '\0';
      if (strstr(file, word))
        return 1;
    }
    deny += n + (deny[n] == ',');
  }
  return 0;
}

/* Exported (the tree builds with hidden visibility): it must interpose. */
__attribute__((visibility("default"))) void *dlopen(const char *file, int mode)
{
  void *(*real)(const char *, int);
  *(void **)&real = dlsym(RTLD_NEXT, "dlopen");
  /* A path that cannot exist: the loader says "cannot open shared object
   * file", as it does for a library that is not installed. */
  return real(boiloff_test_denied(file) ? "/nonexistent/boiloff-test.so" : file,
              mode);
}
