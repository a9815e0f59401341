/* html_tag_trim.c - start tags with the attributes nothing reads blanked
 * (see html_tag_trim.h). */
#include <config.h>

#include <string.h>
#include <strings.h>

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

/* Does p[0..n) hold, in any case, `word` (lower-case)? */
static int holds(const char *p, size_t n, const char *word)
{
  size_t k, w = strlen(word);
  for (k = 0; k + w <= n; k++)
    if (boiloff__ascii_lower((unsigned char)p[k]) == (unsigned char)word[0] &&
        strncasecmp(p + k, word, w) == 0)
      return 1;
  return 0;
}

/* May the n bytes at p be blanked?  Only ASCII (in a legacy charset,
 * libxml2's converter may stop at another byte, and a <meta> may switch
 * it), never a '<' or '>' (where libxml2 reads them apart from the
 * scanner, inside a script body or a comment, they may end its item),
 * and never what libxml2's own charset search looks for in the bytes it
 * holds (htmlFindEncoding: "http-equiv", "content", "charset="). */
static int may_cut(const char *p, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '<' || c == '>' || c >= 0x80)
      return 0;
  }
  return !holds(p, n, "charset") && !holds(p, n, "http-equiv") &&
         !holds(p, n, "content");
}

/* May an attribute and the blanks before it go, t[at] following them and
 * the byte t[kept] before, of what stays?  libxml2 would then read on
 * from t[at] where it read on from the attribute's end: a blank or the
 * tag's end must follow - "/>" only where no unquoted value before would
 * take the '/', '>' only where no '/' before would make a "/>" - and no
 * '=' after the blanks (a bare name before would take it for its value).
 * Written for removing the attribute; blanking it, as is done, needs
 * only the last, and the others stay as a margin. */
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

int boiloff__html_tag_trim(char *t, size_t len, int read_only)
{
  size_t p = 1, k, kept, cut[CUTS_MAX][2], cuts = 0;
  int before = TAG_NAME, end_as;
  if (len < 3 || t[0] != '<' || t[len - 1] != '>' || !name_start(t[1]) ||
      memchr(t, '\0', len))
    return BOILOFF__TAG_APART;
  for (k = 0; boiloff__ascii_is_name((unsigned char)t[p]); p++)
    if (++k == NAME_CAP)
      return BOILOFF__TAG_APART;
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
        return BOILOFF__TAG_APART;
      end_as = t[p] == '/' ? BOILOFF__TAG_EMPTY : BOILOFF__TAG_OPEN;
      break;
    }
    if (name_start((unsigned char)t[p])) {
      for (; boiloff__ascii_is_name((unsigned char)t[p]); p++)
        if (++n == NAME_CAP)
          return BOILOFF__TAG_APART;
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
            return BOILOFF__TAG_APART;
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
    if (!read_only && item != BOGUS && at > from && cuts < CUTS_MAX &&
        !boiloff__html_attribute_read(t + at, n) &&
        may_cut(t + from, p - from) && may_follow(t, p, kept - 1, before)) {
      cut[cuts][0] = from; /* the blanks before it go too */
      cut[cuts++][1] = p;
    } else {
      before = item;
      kept = p;
    }
  }
  /* Blanked, not removed: every byte after stays where it was, so the
   * pieces end, and libxml2 holds, converts and looks back at the same
   * offsets as before (its decoding depends on them). */
  for (k = 0; k < cuts; k++)
    memset(t + cut[k][0], ' ', cut[k][1] - cut[k][0]);
  return end_as;
}
