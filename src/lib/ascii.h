/* ascii.h - ASCII character tests for markup, charset labels and class
 * names: bytes, never code points, so a UTF-8 lead byte is no letter. */
#ifndef BOILOFF_ASCII_H
#define BOILOFF_ASCII_H

#include <string.h>

static inline int boiloff__ascii_is_upper(int c)
{
  return c >= 'A' && c <= 'Z';
}

static inline int boiloff__ascii_lower(int c)
{
  return boiloff__ascii_is_upper(c) ? c + 32 : c;
}

static inline int boiloff__ascii_is_alpha(int c)
{
  c = boiloff__ascii_lower(c);
  return c >= 'a' && c <= 'z';
}

static inline int boiloff__ascii_is_alnum(int c)
{
  return boiloff__ascii_is_alpha(c) || (c >= '0' && c <= '9');
}

/* Does c go on a tag name as libxml2 reads one? */
static inline int boiloff__ascii_is_name(int c)
{
  return boiloff__ascii_is_alnum(c) || c == ':' || c == '-' || c == '_' ||
         c == '.';
}

/* HTML's ASCII whitespace. */
static inline int boiloff__ascii_is_space(int c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* libxml2's IS_BLANK_CH: no form feed. */
static inline int boiloff__ascii_is_blank(int c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does `s` equal the lower-case `lower`, ignoring ASCII case? */
static inline int boiloff__ascii_ieq(const char *s, const char *lower)
{
  while (*s && boiloff__ascii_lower((unsigned char)*s) == *lower)
    s++, lower++;
  return *s == '\0' && *lower == '\0';
}

/* Do the n bytes at t open with the lower-case `lower`, ignoring ASCII
 * case? */
static inline int boiloff__ascii_iprefix(const char *t, size_t n,
                                         const char *lower)
{
  size_t i;
  for (i = 0; lower[i]; i++)
    if (i >= n ||
        boiloff__ascii_lower((unsigned char)t[i]) != (unsigned char)lower[i])
      return 0;
  return 1;
}

/* strcmp's order, with the first bytes compared here: the probes of a
 * binary search mostly differ there, and the call was most of their cost. */
static inline int boiloff__strcmp_first(const char *a, const char *b)
{
  if (*a != *b)
    return (unsigned char)*a - (unsigned char)*b;
  return strcmp(a, b);
}

/* The hash of a markup name's n > 0 bytes at w in a table of `slots` (a
 * power of two): its first and last bytes and its length, which tell
 * element names and class words apart cheaply.  gen-classwords.awk
 * computes the same. */
static inline unsigned boiloff__name_hash(const char *w, size_t n,
                                          unsigned slots)
{
  const unsigned char *s = (const unsigned char *)w;
  return (s[0] * 31u + s[n - 1] * 7u + (unsigned)n) & (slots - 1);
}

#endif
