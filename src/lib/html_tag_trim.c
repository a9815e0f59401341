/* html_tag_trim.c - start tags without the attributes nothing reads (see
 * html_tag_trim.h). */
#include <config.h>

#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "ascii.h"
#include "html_attributes.h"
#include "html_tag_trim.h"
#include "utf8.h"

/* libxml2 reads at most this many bytes of a name at once, and the rest
 * as another name. */
#define NAME_CAP 100

/* What the item before an attribute was: it decides what may follow. */
enum item { TAG_NAME, QUOTED, UNQUOTED, BARE, BOGUS };

static int name_start(unsigned char c)
{
  return boiloff__ascii_is_alpha(c) || c == '_' || c == ':' || c == '.';
}

/* Does byte p[i] of n stop the cut: a byte above 0x7F, a '<' or a
 * '>', or the start of a word that libxml2's charset search looks for? */
static int stops_cut(const char *p, size_t n, size_t i)
{
  unsigned c = (unsigned char)p[i], lower = c | 0x20;
  if (c >= 0x80 || c == '<' || c == '>')
    return 1;
  if (lower == 'c')
    return boiloff__ascii_iprefix(p + i, n - i, "charset") ||
           boiloff__ascii_iprefix(p + i, n - i, "content");
  return lower == 'h' && boiloff__ascii_iprefix(p + i, n - i, "http-equiv");
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Which of the 16 bytes at q may stop the cut (stops_cut says; where
 * bytes are removed, only '<', '>' and bytes above 0x7F). */
static unsigned suspects(const char *q, int removes)
{
  const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q),
                lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')),
                           _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
  if (!removes)
    m = _mm_or_si128(m,
                     _mm_or_si128(_mm_cmpeq_epi8(lower, _mm_set1_epi8('c')),
                                  _mm_cmpeq_epi8(lower, _mm_set1_epi8('h'))));
  /* v's own top bits: the bytes above 0x7F. */
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, v));
}
#endif

/* Does byte p[i] of n stop a removal?  A '<' or '>', or a byte above 0x7F
 * that does not start a valid UTF-8 sequence (*valid_to: where the last
 * one checked ends, so that its other bytes pass). */
static int stops_removal(const char *p, size_t n, size_t i, size_t *valid_to)
{
  uint32_t cp;
  size_t k;
  if ((unsigned char)p[i] < 0x80)
    return p[i] == '<' || p[i] == '>';
  if (i < *valid_to)
    return 0;
  k = boiloff__utf8_decode((const unsigned char *)p + i, n - i, &cp);
  *valid_to = i + k;
  return k == 1;
}

/* May the n bytes at p go?  Never a '<' or '>' (where libxml2 reads them
 * apart from the scanner, inside a script body or a comment, they may end
 * its item).  Where they are blanked (`removes` 0) only ASCII, and never
 * what libxml2's own charset search looks for in the bytes it holds
 * (htmlFindEncoding: "http-equiv", "content", "charset="): without its
 * UTF-8 handler, libxml2's converter may stop at another byte, and a
 * <meta> may switch it.  Where they are removed, libxml2 reads with the
 * handler: it never searches for a charset, and valid UTF-8 passes
 * through it unchanged. */
static int may_cut(const char *p, size_t n, int removes)
{
  size_t i = 0, valid_to = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  /* Sixteen bytes a step, the last few copied out (a NUL stops nothing):
   * only the bytes that may stop it are looked at. */
  for (; i < n; i += 16) {
    unsigned bits;
    if (n - i >= 16) {
      bits = suspects(p + i, removes);
    } else {
      char last[16] = {0};
      memcpy(last, p + i, n - i);
      bits = suspects(last, removes);
    }
    for (; bits; bits &= bits - 1) {
      size_t at = i + (size_t)__builtin_ctz(bits);
      if (removes ? stops_removal(p, n, at, &valid_to) : stops_cut(p, n, at))
        return 0;
    }
  }
#else
  for (; i < n; i++)
    if (removes ? stops_removal(p, n, i, &valid_to) : stops_cut(p, n, i))
      return 0;
#endif
  return 1;
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
                 : !boiloff__ascii_is_blank(c))
    return 0;
  while (boiloff__ascii_is_blank((unsigned char)t[at]))
    at++;
  return t[at] != '=';
}

/* Attributes dropped from one tag at most; the rest stay. */
#define CUTS_MAX 64

int boiloff__html_tag_trim(char *t, size_t *length, int how,
                           boiloff__class_memo *memo)
{
  size_t len = *length, p = 1, k, kept, cut[CUTS_MAX][2], cuts = 0, to,
         span[CUTS_MAX][2];
  int before = TAG_NAME, end_as, cut_which[CUTS_MAX];
  unsigned seen = 0, twice = 0;
  if (len < 3 || t[0] != '<' || t[len - 1] != '>' || !name_start(t[1]) ||
      memchr(t, '\0', len))
    return BOILOFF__TAG_APART;
  for (k = 0; boiloff__ascii_is_name((unsigned char)t[p]); p++)
    if (++k == NAME_CAP)
      return BOILOFF__TAG_APART;
  kept = p; /* what stays ends there */
  /* Read it all first: a tag libxml2 would read otherwise stays whole. */
  for (;;) {
    size_t from = p, at, end, n = 0, v0 = 0, v1 = 0;
    int item, which, spans, idle, says;
    while (boiloff__ascii_is_blank((unsigned char)t[p]))
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
      while (boiloff__ascii_is_blank((unsigned char)t[p]))
        p++;
      if (t[p] == '=') {
        p++;
        while (boiloff__ascii_is_blank((unsigned char)t[p]))
          p++;
        if (t[p] == '"' || t[p] == '\'') {
          const char *close = memchr(t + p + 1, t[p], len - 1 - (p + 1));
          if (!close)
            return BOILOFF__TAG_APART;
          v0 = p + 1;
          v1 = (size_t)(close - t);
          end = v1 + 1;
          item = QUOTED;
        } else {
          v0 = p;
          while (!boiloff__ascii_is_blank((unsigned char)t[p]) && t[p] != '>')
            p++;
          v1 = end = p;
          item = UNQUOTED;
        }
      }
      p = end;
    } else {
      /* No name: libxml2 skips to a blank or the tag's end. */
      while (!boiloff__ascii_is_blank((unsigned char)t[p]) && t[p] != '>' &&
             !(t[p] == '/' && t[p + 1] == '>'))
        p++;
      item = BOGUS;
    }
    which = item == BOGUS ? -1 : boiloff__html_attribute_which(t + at, n);
    idle = which < 0; /* nothing reads it */
    spans = 0;
    if (which >= 0) {
      twice |= seen & (1u << which);
      seen |= 1u << which;
      if (item == BARE || how == BOILOFF__TRIM_NONE) {
        idle = 0;
      } else if (boiloff__html_attribute_worded(which)) {
        /* The tokens of a class or id value that name nothing. */
        spans = boiloff__html_class_silent(t + v0, v1 - v0, span,
                                           CUTS_MAX - cuts, &says, memo);
        idle = spans >= 0 && !says;
      } else {
        idle = boiloff__html_attribute_idle(which, t + v0, v1 - v0);
      }
    }
    /* An attribute read goes too where its value says nothing. */
    if (how != BOILOFF__TRIM_NONE && item != BOGUS && at > from &&
        cuts < CUTS_MAX && idle &&
        may_cut(t + from, p - from, how == BOILOFF__TRIM_REMOVE) &&
        may_follow(t, p, kept - 1, before)) {
      cut[cuts][0] = from; /* the blanks before it go too */
      cut_which[cuts] = which;
      cut[cuts++][1] = p;
      continue;
    }
    before = item;
    kept = p;
    /* Else its silent tokens go, where it is quoted (inside the quotes
     * they end nothing). */
    for (k = 0; item == QUOTED && k < (size_t)(spans > 0 ? spans : 0); k++)
      if (may_cut(t + v0 + span[k][0], span[k][1] - span[k][0],
                  how == BOILOFF__TRIM_REMOVE)) {
        cut[cuts][0] = v0 + span[k][0];
        cut_which[cuts] = which;
        cut[cuts++][1] = v0 + span[k][1];
      }
  }
  for (k = 0; k < cuts; k++)
    if (cut_which[k] >= 0 && (twice & (1u << cut_which[k])))
      break;
  if (k < cuts || how == BOILOFF__TRIM_BLANK) {
    /* Blanked where asked, and where an attribute's name comes twice:
     * libxml2 keeps the first, and taking it out would let the second
     * speak, so it stays, and what follows was judged with it gone. */
    for (k = 0; k < cuts; k++)
      if (cut_which[k] < 0 || !(twice & (1u << cut_which[k])))
        memset(t + cut[k][0], ' ', cut[k][1] - cut[k][0]);
    return end_as;
  }
  /* What stays moves up over what goes. */
  for (k = 0, to = cuts ? cut[0][0] : len; k < cuts; k++) {
    size_t next = k + 1 < cuts ? cut[k + 1][0] : len;
    memmove(t + to, t + cut[k][1], next - cut[k][1]);
    to += next - cut[k][1];
  }
  *length = to;
  return end_as;
}
