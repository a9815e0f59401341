/* mem.c - allocation through the caller's optional allocator. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mem.h"

static void *std_malloc(size_t size, void *user)
{
  (void)user;
  return malloc(size);
}
static void *std_realloc(void *p, size_t size, void *user)
{
  (void)user;
  return realloc(p, size);
}
static void std_free(void *p, void *user)
{
  (void)user;
  free(p);
}

const boiloff_allocator boiloff__default_allocator = {std_malloc, std_realloc,
                                                      std_free, NULL};

void *boiloff__malloc(const boiloff_allocator *a, size_t size)
{
  return a->malloc_fn(size ? size : 1, a->user);
}

void *boiloff__calloc(const boiloff_allocator *a, size_t n, size_t size)
{
  void *p;
  if (size && n > SIZE_MAX / size)
    return NULL;
  p = boiloff__malloc(a, n * size);
  if (p)
    memset(p, 0, n * size);
  return p;
}

void *boiloff__malloc_table(const boiloff_allocator *a, size_t size)
{
#ifdef MADV_HUGEPAGE
  enum { HUGE_PAGE = 2 << 20 };
  void *p;
  if (a->malloc_fn == std_malloc && size >= 2 * HUGE_PAGE) {
    if (posix_memalign(&p, HUGE_PAGE, size) != 0)
      return NULL;
    (void)madvise(p, size & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
    return p;
  }
#endif
  return boiloff__malloc(a, size);
}

void *boiloff__realloc(const boiloff_allocator *a, void *ptr, size_t size)
{
  return a->realloc_fn(ptr, size ? size : 1, a->user);
}

void boiloff__free(const boiloff_allocator *a, void *ptr)
{
  if (ptr)
    a->free_fn(ptr, a->user);
}

char *boiloff__strdup(const boiloff_allocator *a, const char *s)
{
  size_t n = strlen(s) + 1;
  char *p = boiloff__malloc(a, n);
  if (p)
    memcpy(p, s, n);
  return p;
}
