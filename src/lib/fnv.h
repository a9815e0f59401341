/* fnv.h - 64-bit FNV-1a: the hash of lexicon keys, word sequences,
 * profile lines and record ids, where one stable, fast hash serves. */
#ifndef BOILOFF_FNV_H
#define BOILOFF_FNV_H

#include <stddef.h>
#include <stdint.h>

#define BOILOFF__FNV_OFFSET 0xcbf29ce484222325ull
#define BOILOFF__FNV_PRIME 0x100000001b3ull

/* Hashes n more bytes into h (BOILOFF__FNV_OFFSET to start). */
static inline uint64_t boiloff__fnv1a(uint64_t h, const void *p, size_t n)
{
  const unsigned char *s = p;
  while (n--)
    h = (h ^ *s++) * BOILOFF__FNV_PRIME;
  return h;
}

#endif
