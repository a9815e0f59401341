/* repair.c - undoing the damage scraped text picks up on the way.
 *
 * Two passes over the copy of the line in `out`, both in place (every
 * repair makes the text shorter):
 *  1. mojibake: a run of characters that all map back to windows-1252 (or
 *     latin-1) bytes >= 0x80 is replaced by the UTF-8 those bytes spell,
 *     only when the whole run is valid multi-byte UTF-8 and the result is
 *     in a script such text is written in; repeated for text damaged twice.
 *  2. character references ("&eacute;", "&#8217;", "&amp;nbsp;") decoded
 *     with libxml2's HTML entity table (copied at build time), and odd
 *     spaces normalised.
 * A line with none of the bytes these start with is copied in one scan.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "repair.h"
#include "utf8.h"

#define MAX_RUN 1024 /* bytes of one mojibake run (CJK has no spaces) */
#define MAX_LEVELS 3 /* damaged at most this many times over */

/* The byte >= 0x80 that windows-1252 or latin-1 decodes to `cp`, or 0. */
static unsigned byte_of(uint32_t cp)
{
  unsigned i;
  if (cp >= 0x80 && cp <= 0xFF)
    return (unsigned)cp; /* latin-1 (C1 controls included) */
  for (i = 0; i < 32; i++)
    if (boiloff__cp1252_high[i] == cp)
      return 0x80 + i;
  return 0;
}

/* Scripts and symbols that real text is written in; a decoded character
 * elsewhere (NKo, Syriac, IPA, C1 controls) means the run was correct
 * text that merely looked like mojibake ("ß“" is not U+07D3). */
static int plausible(uint32_t cp, int single)
{
  if ((cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x4FF) ||
      (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F) ||
      (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2100 && cp <= 0x22FF) ||
      (cp >= 0x2500 && cp <= 0x27BF) || (cp >= 0x3000 && cp <= 0x30FF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xFB00 && cp <= 0xFB4F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
      (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x1F000 && cp <= 0x1FAFF))
    return 1;
  /* Hebrew, Arabic, Indic, Thai: only as part of a longer run, since a
   * single two-byte pair such as "Ø…" (U+0605) is more likely correct. */
  return !single &&
         ((cp >= 0x590 && cp <= 0x6FF) || (cp >= 0x900 && cp <= 0xE7F));
}

static int is_letter_before(const unsigned char *s, size_t at)
{
  size_t i = at;
  uint32_t cp;
  if (at == 0)
    return 0;
  while (i > 0 && (s[i - 1] & 0xC0) == 0x80 && at - i < 3)
    i--;
  if (i > 0)
    i--;
  boiloff__utf8_decode(s + i, at - i, &cp);
  return boiloff__cp_is_letter(cp);
}

/* Context of a run in its line, for the two-character cases. */
struct run_ctx {
  int letter_before, letter_after;
};

/* Undoes one level of mojibake of the run s[0..n) (UTF-8, all characters
 * mappable by byte_of) into dst; returns the new length, or 0 when the
 * run is not unambiguous mojibake.  `relaxed`: the result need only be
 * mojibake again (a middle level of text damaged several times, which
 * may hold C1 controls such as U+009D from an undefined windows-1252
 * byte). */
static size_t unmangle(const unsigned char *s, size_t n, unsigned char *dst,
                       const struct run_ctx *ctx, int relaxed)
{
  unsigned char b[MAX_RUN];
  size_t nb = 0, i = 0, seqs = 0;
  uint32_t cp, last = 0;
  while (i < n) {
    size_t k = boiloff__utf8_decode(s + i, n - i, &cp);
    unsigned byte = byte_of(cp);
    if (!byte || nb == sizeof b)
      return 0;
    last = cp;
    b[nb++] = (unsigned char)byte;
    i += k;
  }
  if (nb == 2 && !relaxed) {
    /* "Ã" + NBSP is "à" cut in two, or an upper-case word ending in Ã
     * before a no-break space ("IRMÃ 2"): the first only when no letter
     * precedes.  An upper-case letter before a closing quote ("Å”") is
     * text unless a letter follows, as inside a damaged word. */
    if (last == 0xA0 && ctx->letter_before)
      return 0;
    if ((last == 0x2019 || last == 0x201D || last == 0xBB) &&
        !ctx->letter_after)
      return 0;
  }
  for (i = 0; i < nb;) {
    size_t k = boiloff__utf8_decode(b + i, nb - i, &cp);
    if (k == 1)
      return 0; /* an invalid or single byte: not the whole run is UTF-8 */
    seqs++;
    i += k;
  }
  for (i = 0; i < nb;) {
    size_t k = boiloff__utf8_decode(b + i, nb - i, &cp);
    if (relaxed ? !byte_of(cp) : !plausible(cp, seqs == 1))
      return 0;
    i += k;
  }
  memcpy(dst, b, nb);
  return nb;
}

/* Nonzero when every character of s[0..n) maps back to a high byte. */
static int all_mappable(const unsigned char *s, size_t n)
{
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    size_t k = boiloff__utf8_decode(s + i, n - i, &cp);
    if (!byte_of(cp) || (k == 1 && cp == BOILOFF_REPLACEMENT_CHAR))
      return 0;
    i += k;
  }
  return n > 0;
}

/* Undoes as many levels of mojibake of cur[0..len) as are unambiguous;
 * returns the repaired length (cur rewritten), or 0 for none. */
static size_t undo_levels(unsigned char *cur, size_t len,
                          const struct run_ctx *ctx, int depth)
{
  unsigned char next[MAX_RUN];
  size_t m, deeper;
  if (depth >= MAX_LEVELS)
    return 0;
  if ((m = unmangle(cur, len, next, ctx, 0)) != 0) {
    memcpy(cur, next, m);
    if (all_mappable(cur, m) && (deeper = undo_levels(cur, m, ctx, depth + 1)))
      return deeper;
    return m;
  }
  /* Not plausible text yet: maybe a middle level of repeated damage. */
  if ((m = unmangle(cur, len, next, ctx, 1)) != 0 &&
      (deeper = undo_levels(next, m, ctx, depth + 1)) != 0) {
    memcpy(cur, next, deeper);
    return deeper;
  }
  return 0;
}

/* Pass 1, in place over s[0..n): returns the new length. */
static size_t fix_mojibake(unsigned char *s, size_t n,
                           unsigned long long *repairs)
{
  size_t r = 0, w = 0;
  while (r < n) {
    size_t start = r, end, k, len, level;
    unsigned char cur[MAX_RUN];
    uint32_t cp;
    if (s[r] < 0x80) {
      /* ASCII up to the next character to decode, a run at a time (a NUL,
       * which ends no run, a byte at a time). */
      size_t a = boiloff__ascii_run(s + r, n - r);
      if (a == 0)
        a = 1;
      if (w != r)
        memmove(s + w, s + r, a);
      w += a;
      r += a;
      continue;
    }
    /* The run: consecutive characters that map back to a high byte. */
    end = r;
    while (end < n && s[end] >= 0x80) {
      k = boiloff__utf8_decode(s + end, n - end, &cp);
      if (!byte_of(cp) || (k == 1 && cp == BOILOFF_REPLACEMENT_CHAR))
        break;
      end += k;
    }
    if (end == start) { /* a character outside the run alphabet */
      k = boiloff__utf8_decode(s + r, n - r, &cp);
      memmove(s + w, s + r, k);
      w += k;
      r += k;
      continue;
    }
    len = end - start;
    level = 0;
    if (len <= MAX_RUN) {
      struct run_ctx ctx;
      ctx.letter_before = is_letter_before(s, start);
      ctx.letter_after = 0;
      if (end < n) {
        boiloff__utf8_decode(s + end, n - end, &cp);
        ctx.letter_after = boiloff__cp_is_letter(cp);
      }
      memcpy(cur, s + start, len);
      len = undo_levels(cur, len, &ctx, 0);
      level = len != 0;
      if (!level)
        len = end - start;
    }
    if (level) {
      memcpy(s + w, cur, len); /* len < end - start: w stays behind r */
      w += len;
      ++*repairs;
    } else {
      memmove(s + w, s + start, end - start);
      w += end - start;
    }
    r = end;
  }
  return w;
}

/* What an odd space becomes: ' ' (1), nothing (0), or kept (-1).  ZWJ and
 * ZWNJ stay between two non-ASCII characters (emoji sequences such as
 * the family emoji, Indic and Persian spelling) and go elsewhere. */
static int space_fix(uint32_t cp, uint32_t prev, uint32_t next)
{
  switch (cp) {
  case 0xA0:   /* no-break space */
  case 0x202F: /* narrow no-break space */
  case 0x205F: /* medium mathematical space */
  case 0x1680: /* ogham space mark */
    return 1;
  case 0x200B: /* zero-width space */
  case 0x2060: /* word joiner */
  case 0xFEFF: /* BOM / zero-width no-break space */
  case 0xAD:   /* soft hyphen: invisible unless a line breaks there */
    return 0;
  case 0x200C:
  case 0x200D:
    return prev >= 0x80 && next >= 0x80 ? -1 : 0;
  default:
    return cp >= 0x2000 && cp <= 0x200A ? 1 : -1; /* en quad..hair space */
  }
}

static int entity_cmp(const void *name, const void *entity)
{
  return strcmp(name, ((const boiloff__entity *)entity)->name);
}

/* A character reference at s[0..n) (after the '&'): its length up to and
 * including ';' with the code point in *cp, or 0. */
static size_t parse_ref(const unsigned char *s, size_t n, uint32_t *cp)
{
  size_t i = 0;
  if (n > 0 && s[0] == '#') {
    uint32_t v = 0;
    int hex = n > 1 && (s[1] == 'x' || s[1] == 'X'), digits = 0;
    for (i = hex ? 2 : 1; i < n && digits < 8; i++, digits++) {
      unsigned c = s[i], d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        d = (c | 0x20) - 'a' + 10;
      else
        break;
      v = v * (hex ? 16 : 10) + d;
    }
    if (!digits || i >= n || s[i] != ';')
      return 0;
    if (v >= 0x80 && v <= 0x9F && boiloff__cp1252_high[v - 0x80])
      v = boiloff__cp1252_high[v -
                               0x80]; /* "&#146;" means what browsers show */
    else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      v = BOILOFF_REPLACEMENT_CHAR;
    if (v < 0x20 || v == 0x7F || (v >= 0x80 && v <= 0x9F))
      return 0; /* a control (or a line break) does not belong in a line */
    *cp = v;
    return i + 1;
  } else {
    char name[32];
    const boiloff__entity *e;
    for (i = 0; i < n && i < sizeof name - 1 &&
                ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                 (s[i] >= '0' && s[i] <= '9'));
         i++)
      name[i] = (char)s[i];
    if (!i || i >= n || s[i] != ';')
      return 0; /* "AT&T", "R&D", "&c": no ';', no reference */
    name[i] = '\0';
    e = bsearch(name, boiloff__entities, boiloff__entities_count,
                sizeof boiloff__entities[0], entity_cmp);
    if (!e)
      return 0;
    *cp = e->value;
    return i + 1;
  }
}

/* Pass 2, in place over s[0..n): returns the new length. */
static size_t fix_refs_spaces(unsigned char *s, size_t n,
                              unsigned long long *repairs)
{
  size_t r = 0, w = 0;
  uint32_t prev = ' ';
  while (r < n) {
    uint32_t cp, next;
    size_t k;
    int fix;
    if (s[r] == '&') {
      size_t at = r + 1, m;
      /* "&amp;" that escapes another reference was escaped twice:
       * "&amp;nbsp;", "&amp;#8217;", "&amp;amp;quot;". */
      while (n - at > 4 && memcmp(s + at, "amp;", 4) == 0 &&
             parse_ref(s + at + 4, n - at - 4, &cp))
        at += 4;
      if ((m = parse_ref(s + at, n - at, &cp)) != 0) {
        char enc[4];
        size_t e;
        r = at + m;
        next = r < n ? s[r] : ' ';
        ++*repairs;
        fix = space_fix(cp, prev, next);
        if (fix == 0)
          continue;
        if (fix == 1)
          cp = ' ';
        e = boiloff__utf8_encode(cp, enc);
        memcpy(s + w, enc, e); /* e <= m + 1: the reference was longer */
        w += e;
        prev = cp;
        continue;
      }
    }
    if (s[r] < 0x80) {
      /* ASCII up to the next '&' or other byte, copied at once. */
      size_t end = r + boiloff__ascii_run(s + r, n - r);
      const unsigned char *amp = memchr(s + r + 1, '&', end - r - 1);
      if (amp)
        end = (size_t)(amp - s);
      prev = s[end - 1];
      if (w != r)
        memmove(s + w, s + r, end - r);
      w += end - r;
      r = end;
      continue;
    }
    k = boiloff__utf8_decode(s + r, n - r, &cp);
    if (r + k < n)
      boiloff__utf8_decode(s + r + k, n - r - k, &next);
    else
      next = ' ';
    fix = space_fix(cp, prev, next);
    if (fix < 0) {
      memmove(s + w, s + r, k);
      w += k;
      prev = cp;
    } else {
      ++*repairs;
      if (fix == 1) {
        s[w++] = ' ';
        prev = ' ';
      }
    }
    r += k;
  }
  return w;
}

/* Nonzero when the byte at s[i] may start work: '&', a byte that starts
 * Latin-1 characters (0xC2, 0xC3: NBSP, soft hyphen, and every mojibake
 * run), or the lead of a space that pass 2 changes (U+2000..U+200D,
 * U+202F, U+205F, U+2060, U+1680, U+FEFF; not the quotes and dashes of
 * U+2010..U+2027, which need nothing). */
static int starts_work(const unsigned char *s, size_t i, size_t n)
{
  unsigned c = s[i], c1, c2;
  if (c < 0xC2)
    return c == '&';
  if (c <= 0xC3)
    return 1;
  if (i + 2 >= n)
    return 0; /* every lead below takes 3 bytes; a cut one is left alone */
  c1 = s[i + 1];
  c2 = s[i + 2];
  if (c == 0xE2)
    return (c1 == 0x80 && (c2 <= 0x8D || c2 == 0xAF)) ||
           (c1 == 0x81 && (c2 == 0x9F || c2 == 0xA0));
  if (c == 0xE1)
    return c1 == 0x9A && c2 == 0x80;
  if (c == 0xEF)
    return c1 == 0xBB && c2 == 0xBF;
  return 0;
}

int boiloff__repair_needed(const char *line, size_t len)
{
  const unsigned char *s = (const unsigned char *)line;
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  /* Sixteen bytes a step where the target has SSE2 (every x86-64). */
  const __m128i amp16 = _mm_set1_epi8('&');
  while (len - i >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    unsigned m =
        (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, amp16)));
    if (!m) {
      i += 16;
      continue;
    }
    /* A byte >= 0x80 or an '&': it alone is looked at, then steps go on. */
    i += (size_t)__builtin_ctz(m);
    if (starts_work(s, i, len))
      return 1;
    i++;
  }
  if (i < len && len >= 16) {
    /* The last sixteen bytes, overlapping those seen: those from i on. */
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
    unsigned m =
        (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, amp16)));
    for (m >>= 16 - (len - i); m; m &= m - 1)
      if (starts_work(s, i + (size_t)__builtin_ctz(m), len))
        return 1;
    return 0;
  }
#endif
  if (len >= 8 && len < 16) {
    /* A short line's first and last eight bytes, overlapping: all of it. */
    uint64_t x, y, ax, ay;
    memcpy(&x, s, 8);
    memcpy(&y, s + len - 8, 8);
    ax = x ^ (ones * '&');
    ay = y ^ (ones * '&');
    if (!((x | y) & highs) &&
        !((((ax - ones) & ~ax) | ((ay - ones) & ~ay)) & highs))
      return 0;
  }
  while (i < len) {
    if (len - i >= 8) {
      /* Eight ASCII bytes without '&' need nothing: most of the text. */
      uint64_t x, amp;
      memcpy(&x, s + i, 8);
      amp = x ^ (ones * '&');
      if (!(x & highs) && !((amp - ones) & ~amp & highs)) {
        i += 8;
        continue;
      }
    }
    if (starts_work(s, i, len))
      return 1;
    i++;
  }
  return 0;
}

boiloff_status boiloff__repair_line(const char *line, size_t len,
                                    boiloff__buf *out,
                                    unsigned long long *repairs)
{
  size_t base = out->len, n;
  unsigned long long count = 0;
  boiloff_status st = boiloff__buf_append(out, line, len);
  if (st != BOILOFF_OK || !boiloff__repair_needed(line, len))
    return st;
  n = fix_mojibake((unsigned char *)out->data + base, len, &count);
  n = fix_refs_spaces((unsigned char *)out->data + base, n, &count);
  out->len = base + n;
  out->data[out->len] = '\0';
  if (repairs)
    *repairs += count;
  return BOILOFF_OK;
}
