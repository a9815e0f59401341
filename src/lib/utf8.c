/* utf8.c - UTF-8 decoding and the character classes the features need. */
#include <config.h>

#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "utf8.h"

/* clang-format off */
const uint16_t boiloff__cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

#define H4(c)                                           \
  [c] = BOILOFF__BYTE_HIGH, [c + 1] = BOILOFF__BYTE_HIGH, \
  [c + 2] = BOILOFF__BYTE_HIGH, [c + 3] = BOILOFF__BYTE_HIGH
#define H16(c) H4(c), H4(c + 4), H4(c + 8), H4(c + 12)
#define D(c) [c] = BOILOFF__BYTE_DIGIT
#define L(c) [c] = BOILOFF__BYTE_UPPER, [c + 32] = BOILOFF__BYTE_LOWER
const unsigned char boiloff__byte_class[256] = {
  ['\t'] = BOILOFF__BYTE_SPACE, ['\n'] = BOILOFF__BYTE_SPACE,
  ['\v'] = BOILOFF__BYTE_SPACE, ['\f'] = BOILOFF__BYTE_SPACE,
  ['\r'] = BOILOFF__BYTE_SPACE, [' '] = BOILOFF__BYTE_SPACE,
  ['#'] = BOILOFF__BYTE_HASH,
  D('0'), D('1'), D('2'), D('3'), D('4'), D('5'), D('6'), D('7'), D('8'),
  D('9'),
  L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'),
  L('J'), L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'),
  L('S'), L('T'), L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
  H16(0x80), H16(0x90), H16(0xA0), H16(0xB0), H16(0xC0), H16(0xD0),
  H16(0xE0), H16(0xF0),
};
#undef L
#undef D
#undef H4
#define H4(c)                                             \
  [c] = BOILOFF__COUNT_HIGH, [c + 1] = BOILOFF__COUNT_HIGH, \
  [c + 2] = BOILOFF__COUNT_HIGH, [c + 3] = BOILOFF__COUNT_HIGH
#define F(c) ((uint64_t)((c) | 0x20) << BOILOFF__COUNT_FOLDED)
#define D(c) [c] = BOILOFF__COUNT_DIGIT | F(c)
#define L(c) [c] = BOILOFF__COUNT_UPPER | F(c), \
             [c + 32] = BOILOFF__COUNT_LOWER | F(c)
const uint64_t boiloff__word_byte_counts[256] = {
  D('0'), D('1'), D('2'), D('3'), D('4'), D('5'), D('6'), D('7'), D('8'),
  D('9'),
  L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'),
  L('J'), L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'),
  L('S'), L('T'), L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
  H16(0x80), H16(0x90), H16(0xA0), H16(0xB0), H16(0xC0), H16(0xD0),
  H16(0xE0), H16(0xF0),
};
/* clang-format on */
#undef L
#undef D
#undef F
#undef H16
#undef H4

size_t boiloff__utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
  unsigned c = s[0];
  size_t n, i;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    v = c & 0x1F;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    v = c & 0x0F;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    v = c & 0x07;
    min = 0x10000;
  } else {
    *cp = BOILOFF_REPLACEMENT_CHAR;
    return 1;
  }
  if (len < n) {
    *cp = BOILOFF_REPLACEMENT_CHAR;
    return 1;
  }
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *cp = BOILOFF_REPLACEMENT_CHAR;
      return 1;
    }
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = BOILOFF_REPLACEMENT_CHAR;
    return 1;
  }
  *cp = v;
  return n;
}

size_t boiloff__utf8_complete_prefix(const unsigned char *s, size_t len)
{
  size_t i, back;
  /* Look at most 3 bytes back for a lead byte whose sequence is cut. */
  for (back = 1; back <= 3 && back <= len; back++) {
    unsigned c = s[len - back];
    size_t need;
    if ((c & 0xC0) == 0x80)
      continue; /* continuation byte: keep looking for the lead */
    if (c >= 0xC2 && c <= 0xDF)
      need = 2;
    else if (c >= 0xE0 && c <= 0xEF)
      need = 3;
    else if (c >= 0xF0 && c <= 0xF4)
      need = 4;
    else
      return len;
    if (need > back) {
      /* Only hold the tail back if it is a valid start so far. */
      for (i = len - back + 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
          return len;
      return len - back;
    }
    return len;
  }
  return len;
}

size_t boiloff__ascii_run(const unsigned char *s, size_t len)
{
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  /* Sixteen bytes a step where the target has SSE2 (every x86-64). */
  const __m128i nul = _mm_setzero_si128();
  for (; i + 16 <= len; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    unsigned stop = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(v, _mm_cmpeq_epi8(v, nul))); /* >= 0x80, or a NUL */
    if (stop)
      return i + (size_t)__builtin_ctz(stop);
  }
#endif
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if ((x | ((x - ones) & ~x)) & highs)
      break; /* a byte >= 0x80, or a NUL */
  }
  while (i < len && s[i] >= 0x01 && s[i] < 0x80)
    i++;
  return i;
}

size_t boiloff__utf8_encode(uint32_t cp, char *out)
{
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* First code point of each run of ten decimal digits (Unicode Nd) of the
 * scripts of the web: Arabic-Indic, Persian, N'Ko, the Indic scripts, Thai,
 * Lao, Tibetan, Myanmar, Khmer, Mongolian, full-width.  Sorted. */
static const uint32_t digit_zeros[] = {
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6,
    0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50,
    0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10,
};

int boiloff__cp_is_digit(uint32_t cp)
{
  size_t i;
  if (cp < 0x80)
    return cp >= '0' && cp <= '9';
  if (cp < 0x0660 || cp > 0xFF19 || (cp > 0x1819 && cp < 0xFF10))
    return 0; /* outside the table; punctuation and CJK fall here */
  for (i = 0; i < sizeof digit_zeros / sizeof digit_zeros[0]; i++) {
    if (cp < digit_zeros[i])
      return 0;
    if (cp <= digit_zeros[i] + 9)
      return 1;
  }
  return 0;
}

int boiloff__cp_is_space(uint32_t cp)
{
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

/* Ranges of non-ASCII code points that are not letters: punctuation,
 * symbols, marks-as-symbols, private use, emoji.  Sorted. */
static const uint32_t non_letter_ranges[][2] = {
    {0x00A0, 0x00A9},    {0x00AB, 0x00B4}, {0x00B6, 0x00B9}, {0x00BB, 0x00BF},
    {0x00D7, 0x00D7},    {0x00F7, 0x00F7}, {0x02C2, 0x02C5}, {0x02D2, 0x02DF},
    {0x0300, 0x036F},    {0x037E, 0x037E}, {0x0387, 0x0387}, {0x055A, 0x055F},
    {0x0589, 0x058A},    {0x05BE, 0x05BE}, {0x05C0, 0x05C0}, {0x05F3, 0x05F4},
    {0x0600, 0x060F},    {0x061B, 0x061F}, {0x0660, 0x066D}, {0x06D4, 0x06D4},
    {0x06F0, 0x06F9},    {0x0964, 0x0970}, {0x0E3F, 0x0E3F}, {0x0E4F, 0x0E5B},
    {0x2000, 0x206F},    {0x20A0, 0x20CF}, {0x2100, 0x2101}, {0x2103, 0x2106},
    {0x2108, 0x2109},    {0x2114, 0x2114}, {0x2116, 0x2118}, {0x211E, 0x2123},
    {0x2125, 0x2125},    {0x2127, 0x2127}, {0x2129, 0x2129}, {0x212E, 0x212E},
    {0x213A, 0x213B},    {0x2140, 0x2144}, {0x214A, 0x214D}, {0x2150, 0x218F},
    {0x2190, 0x2BFF},    {0x2E00, 0x2E7F}, {0x3000, 0x3004}, {0x3008, 0x3020},
    {0x3030, 0x3030},    {0x303D, 0x303F}, {0x30FB, 0x30FB}, {0xD800, 0xF8FF},
    {0xFD3E, 0xFD3F},    {0xFE10, 0xFE6F}, {0xFEFF, 0xFEFF}, {0xFF01, 0xFF20},
    {0xFF3B, 0xFF40},    {0xFF5B, 0xFF65}, {0xFFE0, 0xFFFF}, {0x1F000, 0x1FAFF},
    {0xE0000, 0x10FFFF},
};

int boiloff__cp_is_letter(uint32_t cp)
{
  size_t lo = 0, hi = sizeof non_letter_ranges / sizeof non_letter_ranges[0];
  if (cp < 0x80)
    return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp - 0x2000u < 0x70u)
    return 0; /* General Punctuation, a range of the table: ’ “ ” — … */
  if (boiloff__cp_is_digit(cp))
    return 0;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < non_letter_ranges[mid][0])
      hi = mid;
    else if (cp > non_letter_ranges[mid][1])
      lo = mid + 1;
    else
      return 0;
  }
  return 1;
}

int boiloff__cp_is_unspaced_script(uint32_t cp)
{
  return (cp >= 0x0E00 && cp <= 0x0EFF) || /* Thai, Lao */
         (cp >= 0x1000 && cp <= 0x109F) || /* Myanmar */
         (cp >= 0x1780 && cp <= 0x17FF) || /* Khmer */
         (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
         (cp >= 0x3400 && cp <= 0x4DBF) || /* Han ext. A */
         (cp >= 0x4E00 && cp <= 0x9FFF) || /* Han */
         (cp >= 0xF900 && cp <= 0xFAFF) || /* Han compatibility */
         (cp >= 0x20000 && cp <= 0x3FFFF); /* Han ext. B+ */
}

int boiloff__cp_is_upper(uint32_t cp)
{
  if (cp < 0x80)
    return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xFF41 && cp <= 0xFF5A)
    return 0; /* full-width lower case folds to ASCII, but is not upper */
  return boiloff__cp_fold(cp) != cp;
}

/* Scripts with upper and lower case: Latin, Greek, Cyrillic, Armenian,
 * full-width Latin.  Elsewhere a letter is neither. */
static int has_case(uint32_t cp)
{
  return (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x52F) ||
         (cp >= 0x531 && cp <= 0x587) || (cp >= 0x1E00 && cp <= 0x1FFF) ||
         (cp >= 0xFF21 && cp <= 0xFF5A);
}

int boiloff__cp_is_lower(uint32_t cp)
{
  if (cp < 0x80)
    return cp >= 'a' && cp <= 'z';
  return has_case(cp) && boiloff__cp_is_letter(cp) && !boiloff__cp_is_upper(cp);
}

uint32_t boiloff__cp_fold(uint32_t cp)
{
  if (cp < 0x80)
    return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
    return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    /* Latin Extended-A pairs upper/lower, with an odd phase in two runs. */
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
      return (cp & 1) ? cp + 1 : cp;
    if (cp == 0x178)
      return 0xFF;
    if (cp == 0x130)
      return 'i'; /* Turkish dotted capital I: "İlgili" is "ilgili" */
    if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
      return cp;
    return (cp & 1) ? cp : cp + 1;
  }
  if (cp == 0x218 || cp == 0x21A || cp == 0x1A0 || cp == 0x1AF)
    return cp + 1; /* Romanian comma-below S and T; Vietnamese O and U horn */
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
    return cp + 32; /* Greek */
  if (cp == 0x386)
    return 0x3AC; /* Greek capitals with tonos */
  if (cp >= 0x388 && cp <= 0x38A)
    return cp + 37;
  if (cp == 0x38C)
    return 0x3CC;
  if (cp == 0x38E || cp == 0x38F)
    return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F)
    return cp + 32; /* Cyrillic basic */
  if (cp >= 0x400 && cp <= 0x40F)
    return cp + 80;
  if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF))
    return (cp & 1) ? cp : cp + 1; /* Cyrillic pairs: Ukrainian GHE UPTURN... */
  if (cp >= 0x531 && cp <= 0x556)
    return cp + 48; /* Armenian */
  if ((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF))
    return (cp & 1) ? cp : cp + 1; /* Latin Extended Additional: Vietnamese */
  if (cp >= 0xFF21 && cp <= 0xFF3A)
    return cp - 0xFF21 + 'a'; /* full-width Latin: the same words */
  if (cp >= 0xFF41 && cp <= 0xFF5A)
    return cp - 0xFF41 + 'a';
  return cp;
}
