/* html_tag_trim.c - start tags without the attributes nothing reads (see
 * html_tag_trim.h). */
#include <config.h>

#include <string.h>

#include "ascii.h"
#include "html_attributes.h"
#include "html_tag_trim.h"

/* libxml2 reads at most this many bytes of a name at once, and the rest
 * as another name. */
#define NAME_CAP 100

/* What the item before an attribute was: it decides what may follow. */
enum item { TAG_NAME, QUOTED, UNQUOTED, BARE, BOGUS };

/* libxml2's IS_BLANK_CH: no form feed. */
static int blank(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int name_start(unsigned char c)
{
  return boiloff__ascii_is_alpha(c) || c == '_' || c == ':' || c == '.';
}

static int any_high(const char *p, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)p[i] >= 0x80)
      return 1;
  return 0;
}

/* May an attribute and the blanks before it go, t[at] following them and
 * the byte t[kept] before, of what stays?  libxml2 would then read on
 * from t[at] where it read on from the attribute's end: a blank or the
 * tag's end must follow - "/>" only where no unquoted value before would
 * take the '/', '>' only where no '/' before would make a "/>" - and no
 * '=' after the blanks (a bare name before would take it for its value). */
static int may_follow(const char *t, size_t at, size_t kept, int before)
{
  unsigned char c = (unsigned char)t[at];
  if (c == '/'   ? t[at + 1] != '>' || before == UNQUOTED
      : c == '>' ? t[kept] == '/'
                 : !blank(c))
    return 0;
  while (blank((unsigned char)t[at]))
    at++;
  return t[at] != '=';
}

/* Attributes dropped from one tag at most; the rest stay. */
#define CUTS_MAX 64

size_t boiloff__html_tag_trim(char *t, size_t len, int ascii_only)
{
  size_t p = 1, k, w, kept, cut[CUTS_MAX][2], cuts = 0;
  int before = TAG_NAME;
  if (len < 3 || t[0] != '<' || t[len - 1] != '>' || !name_start(t[1]) ||
      memchr(t, '\0', len))
    return len;
  for (k = 0; boiloff__ascii_is_name((unsigned char)t[p]); p++)
    if (++k == NAME_CAP)
      return len;
  kept = p; /* what stays ends there */
  /* Read it all first: a tag libxml2 would read otherwise stays whole. */
  for (;;) {
    size_t from = p, at, end, n = 0;
    int item;
    while (blank((unsigned char)t[p]))
      p++;
    at = p;
    if (t[p] == '>' || (t[p] == '/' && t[p + 1] == '>')) {
      /* The tag's end, as the scanner found it, or libxml2 reads it apart. */
      if (p + (t[p] == '/') + 1 != len)
        return len;
      break;
    }
    if (name_start((unsigned char)t[p])) {
      for (; boiloff__ascii_is_name((unsigned char)t[p]); p++)
        if (++n == NAME_CAP)
          return len;
      end = p;
      item = BARE;
      while (blank((unsigned char)t[p]))
        p++;
      if (t[p] == '=') {
        p++;
        while (blank((unsigned char)t[p]))
          p++;
        if (t[p] == '"' || t[p] == '\'') {
          const char *close = memchr(t + p + 1, t[p], len - 1 - (p + 1));
          if (!close)
            return len;
          end = (size_t)(close - t) + 1;
          item = QUOTED;
        } else {
          while (!blank((unsigned char)t[p]) && t[p] != '>')
            p++;
          end = p;
          item = UNQUOTED;
        }
      }
      p = end;
    } else {
      /* No name: libxml2 skips to a blank or the tag's end. */
      while (!blank((unsigned char)t[p]) && t[p] != '>' &&
             !(t[p] == '/' && t[p + 1] == '>'))
        p++;
      item = BOGUS;
    }
    if (item != BOGUS && at > from && cuts < CUTS_MAX &&
        !boiloff__html_attribute_read(t + at, n) &&
        !(ascii_only && any_high(t + from, p - from)) &&
        may_follow(t, p, kept - 1, before)) {
      cut[cuts][0] = from; /* the blanks before it go too */
      cut[cuts++][1] = p;
    } else {
      before = item;
      kept = p;
    }
  }
  if (cuts == 0)
    return len;
  w = cut[0][0];
  for (k = 0; k < cuts; k++) {
    size_t next = k + 1 < cuts ? cut[k + 1][0] : len;
    memmove(t + w, t + cut[k][1], next - cut[k][1]);
    w += next - cut[k][1];
  }
  return w;
}
