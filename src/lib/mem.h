/* mem.h - allocation through the caller's optional allocator. */
#ifndef BOILOFF_MEM_H
#define BOILOFF_MEM_H

#include "boiloff.h"

/* The allocator used when the caller gives none: malloc/realloc/free. */
extern const boiloff_allocator boiloff__default_allocator;

void *boiloff__malloc(const boiloff_allocator *a, size_t size);
void *boiloff__calloc(const boiloff_allocator *a, size_t n, size_t size);
/* A big table probed at random: with the default allocator, aligned to huge
 * pages and advised to use them where the system has them (a page fault
 * and a TLB entry per 2 MB, not per 4 KB).  Freed by boiloff__free. */
void *boiloff__malloc_table(const boiloff_allocator *a, size_t size);
void *boiloff__realloc(const boiloff_allocator *a, void *ptr, size_t size);
void boiloff__free(const boiloff_allocator *a, void *ptr);
/* A copy of `s` (NUL-terminated), or NULL when out of memory. */
char *boiloff__strdup(const boiloff_allocator *a, const char *s);

#endif
