/* html_sniff.c - is this document HTML?  A known opening tag decides;
 * else the density of tags in the first bytes. */
#include <config.h>

#include "ascii.h"
#include "html_sniff.h"

/* Case-insensitive: does s[0..n) start with the lower-case word w?  -1 when
 * s is too short to tell. */
static int starts_with(const unsigned char *s, size_t n, const char *w)
{
  size_t i;
  for (i = 0; w[i]; i++) {
    if (i >= n)
      return -1;
    if (boiloff__ascii_lower(s[i]) != (unsigned char)w[i])
      return 0;
  }
  return 1;
}

int boiloff__html_sniff(const char *buf, size_t len, int final)
{
  static const char *const openers[] = {"<!doctype html", "<html", "<head",
                                        "<body",          "<meta", "<title"};
  unsigned char s[BOILOFF__HTML_SNIFF];
  const unsigned char *b = (const unsigned char *)buf;
  size_t n = 0, i = 0, step = 1, ntags = 0, k;
  int undecided = 0;
  /* UTF-16 with a BOM: look at the low bytes only. */
  if (len >= 2 &&
      ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) {
    i = b[0] == 0xff ? 2 : 3;
    step = 2;
  } else if (len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
    i = 3;
  }
  for (; i < len && n < sizeof s; i += step)
    s[n++] = b[i];
  for (i = 0; i < n && (s[i] == ' ' || (s[i] >= 0x09 && s[i] <= 0x0d)); i++)
    ;
  if (i == n)
    return final ? 0 : -1;
  if (s[i] != '<')
    return 0; /* text does not start with a tag */
  for (k = 0; k < sizeof openers / sizeof openers[0]; k++) {
    int r = starts_with(s + i, n - i, openers[k]);
    if (r > 0)
      return 1;
    if (r < 0)
      undecided = 1;
  }
  if (undecided && !final)
    return -1;
  if (starts_with(s + i, n - i, "<?xml") > 0) {
    for (k = i; k + 5 <= n; k++)
      if (starts_with(s + k, n - k, "<html") > 0)
        return 1;
  }
  if (!final && n < sizeof s)
    return -1; /* judge the density on a full window */
  /* Anything else starting with '<' (an XML declaration, a comment, a
   * bare <div>): HTML when tags are dense. */
  for (k = i; k + 1 < n; k++)
    if (s[k] == '<' && (s[k + 1] == '/' || s[k + 1] == '!' ||
                        (boiloff__ascii_lower(s[k + 1]) >= 'a' &&
                         boiloff__ascii_lower(s[k + 1]) <= 'z')))
      ntags++;
  return ntags >= 3 && ntags * 400 >= n - i;
}
