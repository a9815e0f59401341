/* fullspill.c - a write() that fails with ENOSPC on batch mode's spill
 * files (src/cli/spill.c: unlinked files named boiloff-spill.*), as on a
 * full $TMPDIR, so tests/batch.sh can see that pages whose kept rendering
 * was lost are cleaned from the page itself.  Preloaded (LD_PRELOAD). */
#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef ssize_t (*write_fn)(int, const void *, size_t);

/* Exported (the tree builds with hidden visibility): it must interpose.
 * The real write is looked up on each call: no state shared by threads. */
__attribute__((visibility("default"))) ssize_t write(int fd, const void *buf,
                                                     size_t n)
{
  write_fn real;
  char link[64], target[4096];
  ssize_t t;
  *(void **)&real = dlsym(RTLD_NEXT, "write");
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  t = readlink(link, target, sizeof target - 1);
  if (t > 0) {
    target[t] = '\0';
    if (strstr(target, "/boiloff-spill.")) {
      errno = ENOSPC;
      return -1;
    }
  }
  return real(fd, buf, n);
}
