/* charset_detect.c - deciding the charset of a document from its first
 * bytes: BOM, zero-byte patterns of UTF-16/32, binary signatures, declared
 * charsets, UTF-8 validity, and a legacy-charset guess. */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "charset_detect.h"
#include "dynload.h" /* uchardet, loaded by the first guess */
#include "utf8.h"

const char *boiloff__charset_bom(const unsigned char *s, size_t len,
                                 size_t *bom_len)
{
  /* UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE. */
  if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) {
    *bom_len = 4;
    return "UTF-32LE";
  }
  if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
    *bom_len = 4;
    return "UTF-32BE";
  }
  if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    *bom_len = 3;
    return "UTF-8";
  }
  if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
    *bom_len = 2;
    return "UTF-16LE";
  }
  if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
    *bom_len = 2;
    return "UTF-16BE";
  }
  *bom_len = 0;
  return NULL;
}

/* Nonzero when s[0..len) converts from `cs` without an invalid sequence
 * (a cut sequence at the end is fine: the window is a prefix). */
static int converts_cleanly(const char *cs, const unsigned char *s, size_t len)
{
  char out[1024];
  char *in = (char *)s;
  size_t inleft = len;
  int ok = 1;
  iconv_t cd = iconv_open("UTF-8", cs);
  if (cd == (iconv_t)-1)
    return 0;
  while (inleft > 0) {
    char *o = out;
    size_t oleft = sizeof out;
    if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
      if (errno == E2BIG)
        continue;
      ok = errno == EINVAL;
      break;
    }
  }
  iconv_close(cd);
  return ok;
}

const char *boiloff__charset_wide(const unsigned char *s, size_t len)
{
  size_t units, i, zero[4] = {0, 0, 0, 0};
  /* Both forms need zero bytes; most windows have none (one memchr). */
  if (!memchr(s, 0, len))
    return NULL;
  /* UTF-32: every unit is a code point <= 0x10FFFF, so one end of each
   * 4-byte unit is 0x00 0x00 or 0x00 0x01..0x10. */
  units = len / 4;
  if (units >= 2) {
    int le = 1, be = 1;
    for (i = 0; i < units * 4; i += 4) {
      if (s[i + 3] != 0 || s[i + 2] > 0x10)
        le = 0;
      if (s[i] != 0 || s[i + 1] > 0x10)
        be = 0;
    }
    if (le && !be)
      return "UTF-32LE";
    if (be && !le)
      return "UTF-32BE";
  }
  /* UTF-16: text in an alphabet puts one or two values (0x00 for ASCII,
   * say 0x04 for Cyrillic) in the high byte of nearly every unit, and the
   * other byte is diverse and rarely zero.  The window must then decode
   * without an invalid sequence (binary data does not). */
  units = len / 2;
  if (units < 2)
    return NULL;
  for (i = 0; i < units * 2; i++)
    zero[i & 1] += s[i] == 0;
  for (i = 0; i < 2; i++) {
    size_t hi = i ^ 1, lo = i; /* i = 0: LE (high byte odd) */
    unsigned count[256] = {0};
    size_t top1 = 0, top2 = 0, k;
    if (zero[hi] == 0 || zero[lo] * 50 > units)
      continue;
    for (k = hi; k < units * 2; k += 2)
      count[s[k]]++;
    for (k = 0; k < 256; k++) {
      if (count[k] > top1) {
        top2 = top1;
        top1 = count[k];
      } else if (count[k] > top2) {
        top2 = count[k];
      }
    }
    /* Either the high bytes are few (an alphabet), or ASCII (zero high
     * byte) is most of it, as markup and spaces make it.  (One stray NUL
     * in a short line of text must not pass: "abc\0def".) */
    if ((top1 + top2) * 100 < units * 95 && zero[hi] * 2 < units)
      continue;
    if (converts_cleanly(i == 0 ? "UTF-16LE" : "UTF-16BE", s, units * 2))
      return i == 0 ? "UTF-16LE" : "UTF-16BE";
  }
  return NULL;
}

int boiloff__charset_is_binary(const unsigned char *s, size_t len)
{
  /* clang-format off: the signatures read as a table. */
  static const struct {
    const char *magic;
    size_t n;
  } sig[] = {
      {"\x1F\x8B", 2},
      {"PK\x03\x04", 4},
      {"%PDF-", 5},
      {"\x89PNG\r\n", 6},
      {"GIF8", 4},
      {"\xFF\xD8\xFF", 3},
      {"\x7F"
       "ELF",
       4},
      {"BZh", 3},
      {"\xFD"
       "7zXZ",
       5},
      {"\x28\xB5\x2F\xFD", 4},
      {"7z\xBC\xAF", 4},
      {"RIFF", 4},
      {"OggS", 4},
      {"\x00\x00\x01\x00", 4},
      {"wOFF", 4},
  };
  /* clang-format on */
  size_t i, nul = 0, ctl = 0;
  for (i = 0; i < sizeof sig / sizeof sig[0]; i++)
    if (len >= sig[i].n && memcmp(s, sig[i].magic, sig[i].n) == 0)
      return 1;
  for (i = 0; i < len; i++) {
    unsigned c;
    /* Eight bytes a step while none is below 0x20 or 0x7F: text is mostly
     * such runs between line ends. */
    while (i + 8 <= len) {
      uint64_t x, d;
      memcpy(&x, s + i, 8);
      d = x ^ 0x7F7F7F7F7F7F7F7Full;
      if (((x - 0x2020202020202020ull) | (d - 0x0101010101010101ull)) & ~x &
          0x8080808080808080ull)
        break;
      i += 8;
    }
    if (i >= len)
      break;
    c = s[i];
    if (c == 0)
      nul++;
    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
              c != '\v' && c != 0x1B) ||
             c == 0x7F)
      ctl++;
  }
  /* A stray NUL or control byte happens in scraped text (and becomes
   * U+FFFD); binary data has them throughout. */
  if (len < 64) /* too little to judge by proportions: only the flagrant */
    return (nul + ctl) * 2 > len;
  return nul * 100 > len || (nul + ctl) * 10 > len;
}

/* Case-insensitive search for the ASCII word `w` in s[from..to). */
static size_t find_ci(const unsigned char *s, size_t from, size_t to,
                      const char *w)
{
  size_t n = strlen(w), i, k;
  if (!boiloff__is_ascii_letter((unsigned char)w[0])) {
    /* '<' or '?' first: memchr finds the candidates. */
    const unsigned char *at;
    for (i = from; i + n <= to; i = (size_t)(at - s) + 1) {
      if (!(at = memchr(s + i, w[0], to - n + 1 - i)))
        break;
      for (k = 1; k < n && boiloff__ascii_lower(at[k]) == w[k]; k++)
        ;
      if (k == n)
        return (size_t)(at - s);
    }
    return (size_t)-1;
  }
  for (i = from; i + n <= to; i++) {
    for (k = 0; k < n && boiloff__ascii_lower(s[i + k]) == w[k]; k++)
      ;
    if (k == n)
      return i;
  }
  return (size_t)-1;
}

static int label_char(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

/* The label after `key` (charset= or encoding=) at s[at..end). */
static const char *label_after(const unsigned char *s, size_t at, size_t end)
{
  size_t b;
  while (at < end &&
         (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
    at++;
  if (at >= end || s[at] != '=')
    return NULL;
  at++;
  while (at < end &&
         (s[at] == ' ' || s[at] == '\t' || s[at] == '"' || s[at] == '\''))
    at++;
  for (b = at; at < end && label_char(s[at]); at++)
    ;
  return at > b ? boiloff__charset_label((const char *)s + b, at - b) : NULL;
}

const char *boiloff__charset_declared(const unsigned char *s, size_t len)
{
  size_t i = 0, at;
  while (i < len &&
         (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  if (len - i >= 5 && find_ci(s, i, i + 5, "<?xml") == i) {
    size_t end = find_ci(s, i, len, "?>");
    if (end == (size_t)-1)
      end = len;
    at = find_ci(s, i, end, "encoding");
    if (at != (size_t)-1)
      return label_after(s, at + 8, end);
  }
  /* A simplified form of the HTML prescan: each <meta ...> tag, and in
   * it "charset" followed by '=' (<meta charset=x> and the http-equiv
   * content="text/html; charset=x" alike). */
  while ((at = find_ci(s, i, len, "<meta")) != (size_t)-1) {
    size_t end = at + 5, c;
    while (end < len && s[end] != '>')
      end++;
    for (c = at + 5; (c = find_ci(s, c, end, "charset")) != (size_t)-1;
         c += 7) {
      const char *cs = label_after(s, c + 7, end);
      if (cs)
        return cs;
    }
    i = end;
  }
  return NULL;
}

const char *boiloff__charset_label(const char *label, size_t len)
{
  /* WHATWG Encoding Standard labels, mapped to the glibc iconv names of
   * what browsers decode (windows-1252 for latin1/ascii, CP932 for
   * Shift_JIS because glibc's SHIFT_JIS turns '\' into a yen sign).
   * UTF-16 in a declaration read as ASCII cannot be right: UTF-8, as the
   * HTML standard says. */
  static const struct {
    const char *label, *name;
  } tab[] = {
      {"utf-8", "UTF-8"},
      {"utf8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},
      {"utf-16", "UTF-8"},
      {"utf-16le", "UTF-8"},
      {"utf-16be", "UTF-8"},
      {"unicode", "UTF-8"},
      {"ucs-2", "UTF-8"},
      {"us-ascii", "WINDOWS-1252"},
      {"ascii", "WINDOWS-1252"},
      {"iso-8859-1", "WINDOWS-1252"},
      {"iso8859-1", "WINDOWS-1252"},
      {"iso_8859-1", "WINDOWS-1252"},
      {"latin1", "WINDOWS-1252"},
      {"l1", "WINDOWS-1252"},
      {"cp819", "WINDOWS-1252"},
      {"windows-1252", "WINDOWS-1252"},
      {"cp1252", "WINDOWS-1252"},
      {"x-cp1252", "WINDOWS-1252"},
      {"iso-8859-2", "ISO-8859-2"},
      {"iso8859-2", "ISO-8859-2"},
      {"latin2", "ISO-8859-2"},
      {"iso-8859-3", "ISO-8859-3"},
      {"iso-8859-4", "ISO-8859-4"},
      {"iso-8859-5", "ISO-8859-5"},
      {"iso-8859-6", "ISO-8859-6"},
      {"iso-8859-7", "ISO-8859-7"},
      {"iso-8859-8", "ISO-8859-8"},
      {"iso-8859-9", "WINDOWS-1254"},
      {"latin5", "WINDOWS-1254"},
      {"iso-8859-10", "ISO-8859-10"},
      {"iso-8859-13", "ISO-8859-13"},
      {"iso-8859-15", "ISO-8859-15"},
      {"iso8859-15", "ISO-8859-15"},
      {"latin9", "ISO-8859-15"},
      {"iso-8859-16", "ISO-8859-16"},
      {"windows-1250", "WINDOWS-1250"},
      {"cp1250", "WINDOWS-1250"},
      {"windows-1251", "WINDOWS-1251"},
      {"cp1251", "WINDOWS-1251"},
      {"windows-1253", "WINDOWS-1253"},
      {"windows-1254", "WINDOWS-1254"},
      {"windows-1255", "WINDOWS-1255"},
      {"windows-1256", "WINDOWS-1256"},
      {"windows-1257", "WINDOWS-1257"},
      {"windows-1258", "WINDOWS-1258"},
      {"windows-874", "WINDOWS-874"},
      {"tis-620", "WINDOWS-874"},
      {"koi8-r", "KOI8-R"},
      {"koi8", "KOI8-R"},
      {"koi", "KOI8-R"},
      {"koi8-u", "KOI8-U"},
      {"gb2312", "GB18030"},
      {"gbk", "GB18030"},
      {"gb18030", "GB18030"},
      {"x-gbk", "GB18030"},
      {"cp936", "GB18030"},
      {"chinese", "GB18030"},
      {"big5", "BIG5-HKSCS"},
      {"big5-hkscs", "BIG5-HKSCS"},
      {"x-x-big5", "BIG5-HKSCS"},
      {"shift_jis", "CP932"},
      {"shift-jis", "CP932"},
      {"sjis", "CP932"},
      {"x-sjis", "CP932"},
      {"ms_kanji", "CP932"},
      {"windows-31j", "CP932"},
      {"ms932", "CP932"},
      {"cp932", "CP932"},
      {"euc-jp", "EUC-JP"},
      {"x-euc-jp", "EUC-JP"},
      {"iso-2022-jp", "ISO-2022-JP"},
      {"euc-kr", "CP949"},
      {"ks_c_5601-1987", "CP949"},
      {"cp949", "CP949"},
      {"windows-949", "CP949"},
      {"macintosh", "MACINTOSH"},
      {"x-mac-roman", "MACINTOSH"},
  };
  size_t i, k;
  for (i = 0; i < sizeof tab / sizeof tab[0]; i++) {
    const char *l = tab[i].label;
    for (k = 0; k < len && l[k] &&
                boiloff__ascii_lower((unsigned char)label[k]) == l[k];
         k++)
      ;
    if (k == len && l[k] == '\0')
      return tab[i].name;
  }
  return NULL;
}

/* Valid multi-byte sequences per invalid one for text to read as UTF-8. */
#define UTF8_STRAY_RATIO 4

int boiloff__charset_utf8_check(const unsigned char *s, size_t len, int final)
{
  size_t i = 0, end = final ? len : boiloff__utf8_complete_prefix(s, len);
  size_t multi = 0, invalid = 0;
  while (i < end) {
    uint32_t cp;
    size_t n;
    i += boiloff__ascii_run(s + i, end - i);
    if (i >= end)
      break;
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    n = boiloff__utf8_decode(s + i, end - i, &cp);
    if (n == 1)
      invalid++;
    else
      multi++;
    i += n;
  }
  /* Scraped UTF-8 often carries a stray byte; text in a legacy charset
   * seldom makes even one valid multi-byte sequence by chance. */
  if (invalid)
    return multi >= UTF8_STRAY_RATIO * invalid ? 1 : 0;
  return multi ? 1 : 2;
}

/* ---- the hand-written legacy detector ---------------------------------- */

static const uint16_t common_han[] = {
    0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E0A, 0x4E0B, 0x4E0D, 0x4E0E, 0x4E13,
    0x4E14, 0x4E16, 0x4E1A, 0x4E1C, 0x4E24, 0x4E25, 0x4E2A, 0x4E2D, 0x4E34,
    0x4E3A, 0x4E3B, 0x4E3D, 0x4E3E, 0x4E45, 0x4E48, 0x4E49, 0x4E4B, 0x4E4E,
    0x4E50, 0x4E5D, 0x4E5F, 0x4E60, 0x4E66, 0x4E70, 0x4E71, 0x4E86, 0x4E88,
    0x4E89, 0x4E8B, 0x4E8C, 0x4E8E, 0x4E91, 0x4E92, 0x4E94, 0x4E9A, 0x4E9B,
    0x4EA4, 0x4EA7, 0x4EAC, 0x4EAE, 0x4EB2, 0x4EBA, 0x4EC0, 0x4EC5, 0x4ECA,
    0x4ECB, 0x4ECD, 0x4ECE, 0x4ED6, 0x4ED8, 0x4EE3, 0x4EE4, 0x4EE5, 0x4EEC,
    0x4EF6, 0x4EF7, 0x4EFB, 0x4EFD, 0x4F01, 0x4F0A, 0x4F11, 0x4F17, 0x4F18,
    0x4F1A, 0x4F20, 0x4F24, 0x4F2F, 0x4F3C, 0x4F46, 0x4F4D, 0x4F4E, 0x4F4F,
    0x4F53, 0x4F55, 0x4F59, 0x4F5B, 0x4F5C, 0x4F60, 0x4F7F, 0x4F8B, 0x4F9B,
    0x4F9D, 0x4FBF, 0x4FDD, 0x4FE1, 0x4FEE, 0x5012, 0x5019, 0x503C, 0x5047,
    0x505A, 0x505C, 0x50CF, 0x513F, 0x5143, 0x5145, 0x5148, 0x5149, 0x514B,
    0x514D, 0x515A, 0x5165, 0x5168, 0x516B, 0x516C, 0x516D, 0x5170, 0x5171,
    0x5173, 0x5174, 0x5175, 0x5176, 0x5177, 0x517B, 0x5185, 0x5186, 0x518D,
    0x5199, 0x519B, 0x519C, 0x51B2, 0x51B3, 0x51B5, 0x51B7, 0x51C6, 0x51CF,
    0x51E0, 0x51FA, 0x51FB, 0x5206, 0x5207, 0x5212, 0x5217, 0x5218, 0x5219,
    0x521A, 0x521B, 0x521D, 0x5224, 0x5229, 0x522B, 0x5230, 0x5236, 0x523B,
    0x524D, 0x526F, 0x529B, 0x529E, 0x529F, 0x52A0, 0x52A1, 0x52A8, 0x52A9,
    0x52B3, 0x52BF, 0x52D5, 0x5305, 0x5316, 0x5317, 0x533A, 0x533B, 0x5341,
    0x5343, 0x5347, 0x5348, 0x534A, 0x534E, 0x534F, 0x5355, 0x5357, 0x5360,
    0x5361, 0x536B, 0x5370, 0x5371, 0x5373, 0x5374, 0x5386, 0x538B, 0x539F,
    0x53BB, 0x53C2, 0x53C8, 0x53CA, 0x53CB, 0x53CC, 0x53CD, 0x53D1, 0x53D6,
    0x53D7, 0x53D8, 0x53E3, 0x53E4, 0x53E5, 0x53E6, 0x53EA, 0x53EB, 0x53EF,
    0x53F0, 0x53F2, 0x53F3, 0x53F7, 0x53F8, 0x5403, 0x5404, 0x5408, 0x5409,
    0x540C, 0x540D, 0x540E, 0x5411, 0x5417, 0x5426, 0x5427, 0x542C, 0x544A,
    0x5458, 0x5462, 0x5468, 0x5473, 0x547C, 0x547D, 0x548C, 0x54C1, 0x54C8,
    0x54CD, 0x54E1, 0x54E5, 0x54EA, 0x5546, 0x554A, 0x554F, 0x5584, 0x559C,
    0x55B6, 0x5668, 0x56DB, 0x56DE, 0x56E0, 0x56E2, 0x56F4, 0x56FD, 0x56FE,
    0x571F, 0x5728, 0x5730, 0x573A, 0x574F, 0x5750, 0x5757, 0x575A, 0x578B,
    0x57CE, 0x57DF, 0x57FA, 0x5831, 0x5834, 0x5883, 0x589E, 0x58EB, 0x58F0,
    0x5904, 0x5907, 0x5909, 0x590D, 0x5916, 0x591A, 0x591C, 0x591F, 0x5927,
    0x5929, 0x592A, 0x592B, 0x592E, 0x5931, 0x5934, 0x5947, 0x5973, 0x5979,
    0x597D, 0x5982, 0x5988, 0x59CB, 0x59D0, 0x59D4, 0x5A01, 0x5B50, 0x5B57,
    0x5B58, 0x5B66, 0x5B69, 0x5B83, 0x5B88, 0x5B89, 0x5B8C, 0x5B97, 0x5B98,
    0x5B9A, 0x5B9D, 0x5B9E, 0x5BA1, 0x5BA2, 0x5BA3, 0x5BA4, 0x5BB3, 0x5BB6,
    0x5BB9, 0x5BC6, 0x5BCC, 0x5BDF, 0x5BF9, 0x5BFC, 0x5C04, 0x5C06, 0x5C0F,
    0x5C11, 0x5C14, 0x5C31, 0x5C3C, 0x5C3D, 0x5C40, 0x5C42, 0x5C45, 0x5C55,
    0x5C5E, 0x5C71, 0x5C81, 0x5C9B, 0x5DDD, 0x5DDE, 0x5DE5, 0x5DE6, 0x5DEE,
    0x5DF1, 0x5DF2, 0x5DF4, 0x5E02, 0x5E03, 0x5E08, 0x5E0C, 0x5E1D, 0x5E26,
    0x5E2E, 0x5E38, 0x5E72, 0x5E73, 0x5E74, 0x5E76, 0x5E7F, 0x5E8F, 0x5E94,
    0x5E95, 0x5E97, 0x5E9C, 0x5EA6, 0x5EA7, 0x5EFA, 0x5F00, 0x5F02, 0x5F0F,
    0x5F15, 0x5F1F, 0x5F20, 0x5F39, 0x5F3A, 0x5F53, 0x5F62, 0x5F71, 0x5F7C,
    0x5F80, 0x5F81, 0x5F85, 0x5F88, 0x5F8B, 0x5F8C, 0x5F97, 0x5FAE, 0x5FB7,
    0x5FC3, 0x5FC5, 0x5FD7, 0x5FD9, 0x5FEB, 0x5FF5, 0x6000, 0x6001, 0x600E,
    0x6015, 0x601D, 0x6025, 0x6027, 0x602A, 0x603B, 0x606F, 0x6076, 0x60A8,
    0x60C5, 0x60CA, 0x60F3, 0x610F, 0x611F, 0x613F, 0x6162, 0x6210, 0x6211,
    0x6216, 0x6218, 0x6237, 0x623F, 0x6240, 0x624B, 0x624D, 0x6253, 0x6258,
    0x6267, 0x6279, 0x627E, 0x627F, 0x6280, 0x628A, 0x6295, 0x6297, 0x62A4,
    0x62A5, 0x62C5, 0x62C9, 0x62D2, 0x62EC, 0x62FF, 0x6301, 0x6307, 0x6309,
    0x6325, 0x6362, 0x636E, 0x6389, 0x6392, 0x63A5, 0x63A7, 0x63A8, 0x63D0,
    0x652F, 0x6536, 0x6539, 0x653B, 0x653E, 0x653F, 0x6545, 0x6548, 0x654C,
    0x6559, 0x6562, 0x6570, 0x6574, 0x6587, 0x6597, 0x6599, 0x65AD, 0x65AF,
    0x65B0, 0x65B9, 0x65BD, 0x65CF, 0x65E0, 0x65E2, 0x65E5, 0x65E9, 0x65F6,
    0x660E, 0x6613, 0x661F, 0x6620, 0x662F, 0x663E, 0x6642, 0x665A, 0x666E,
    0x666F, 0x6697, 0x66F2, 0x66F4, 0x66F8, 0x66FE, 0x6700, 0x6708, 0x6709,
    0x670D, 0x671B, 0x671D, 0x671F, 0x6728, 0x672A, 0x672C, 0x672F, 0x673A,
    0x6740, 0x6742, 0x6743, 0x674E, 0x6751, 0x6761, 0x6765, 0x6771, 0x6781,
    0x6784, 0x6797, 0x679C, 0x67B6, 0x67D0, 0x67E5, 0x67FB, 0x6807, 0x6811,
    0x6821, 0x6837, 0x6838, 0x6839, 0x683C, 0x6848, 0x68C0, 0x695A, 0x696D,
    0x697D, 0x6982, 0x6A21, 0x6B21, 0x6B22, 0x6B27, 0x6B3E, 0x6B4C, 0x6B62,
    0x6B63, 0x6B64, 0x6B65, 0x6B66, 0x6B7B, 0x6BB5, 0x6BCD, 0x6BCE, 0x6BCF,
    0x6BD4, 0x6BDB, 0x6C11, 0x6C14, 0x6C17, 0x6C34, 0x6C38, 0x6C42, 0x6C49,
    0x6C5F, 0x6C89, 0x6C99, 0x6CA1, 0x6CB3, 0x6CBB, 0x6CD5, 0x6CE2, 0x6CE8,
    0x6D0B, 0x6D32, 0x6D3B, 0x6D3E, 0x6D41, 0x6D4E, 0x6D77, 0x6D88, 0x6DF1,
    0x6E05, 0x6E38, 0x6E7E, 0x6E90, 0x6EE1, 0x6F14, 0x6FC0, 0x706B, 0x7075,
    0x70B9, 0x70C8, 0x70ED, 0x7136, 0x7167, 0x7231, 0x7236, 0x7247, 0x7248,
    0x7269, 0x7279, 0x72AF, 0x72B6, 0x72EC, 0x7387, 0x738B, 0x73AF, 0x73B0,
    0x73FE, 0x7403, 0x7406, 0x751A, 0x751F, 0x7528, 0x7530, 0x7531, 0x7535,
    0x7537, 0x753B, 0x754C, 0x7559, 0x7565, 0x756A, 0x7591, 0x75C5, 0x75DB,
    0x767A, 0x767B, 0x767D, 0x767E, 0x7684, 0x7687, 0x76AE, 0x76CA, 0x76D1,
    0x76EE, 0x76F4, 0x76F8, 0x7701, 0x770B, 0x770C, 0x771F, 0x773C, 0x7740,
    0x77E5, 0x77F3, 0x7814, 0x7834, 0x786E, 0x793A, 0x793E, 0x795E, 0x798F,
    0x79BB, 0x79C1, 0x79CD, 0x79D1, 0x79EF, 0x79F0, 0x7A0B, 0x7A0E, 0x7A76,
    0x7A7A, 0x7A7F, 0x7A81, 0x7ACB, 0x7AD9, 0x7ADF, 0x7AE0, 0x7B11, 0x7B2C,
    0x7B49, 0x7B54, 0x7B56, 0x7B80, 0x7B97, 0x7BA1, 0x7C73, 0x7C7B, 0x7CBE,
    0x7CFB, 0x7D04, 0x7D20, 0x7D22, 0x7D27, 0x7D44, 0x7D4C, 0x7EA2, 0x7EA6,
    0x7EA7, 0x7EAA, 0x7EB3, 0x7EBF, 0x7EC4, 0x7EC6, 0x7EC7, 0x7EC8, 0x7ECF,
    0x7ED3, 0x7ED9, 0x7EDD, 0x7EDF, 0x7EE7, 0x7EED, 0x7EF4, 0x7F16, 0x7F51,
    0x7F57, 0x7F6A, 0x7F6E, 0x7F8E, 0x7FA4, 0x7FBD, 0x8001, 0x8003, 0x8005,
    0x800C, 0x804C, 0x8054, 0x805E, 0x80A1, 0x80B2, 0x80CC, 0x80DC, 0x80E1,
    0x80FD, 0x8111, 0x811A, 0x8138, 0x81EA, 0x81F3, 0x81F4, 0x822A, 0x822C,
    0x8230, 0x8239, 0x826F, 0x8272, 0x827A, 0x8282, 0x82B1, 0x82CF, 0x82E5,
    0x82E6, 0x82F1, 0x8303, 0x8349, 0x836F, 0x83B7, 0x8425, 0x843D, 0x8457,
    0x867D, 0x8840, 0x884C, 0x8863, 0x8868, 0x88AB, 0x88C5, 0x897F, 0x8981,
    0x898B, 0x89C1, 0x89C2, 0x89C4, 0x89C6, 0x89C9, 0x89D2, 0x89E3, 0x8A00,
    0x8A18, 0x8A71, 0x8A9E, 0x8AAD, 0x8ABF, 0x8B66, 0x8B70, 0x8BA1, 0x8BA4,
    0x8BA8, 0x8BA9, 0x8BAE, 0x8BB0, 0x8BB2, 0x8BB8, 0x8BBA, 0x8BBE, 0x8BC1,
    0x8BC4, 0x8BC6, 0x8BC9, 0x8BD5, 0x8BDD, 0x8BE5, 0x8BED, 0x8BEF, 0x8BF4,
    0x8BF7, 0x8BFB, 0x8C01, 0x8C03, 0x8C08, 0x8C61, 0x8D1F, 0x8D22, 0x8D23,
    0x8D27, 0x8D28, 0x8D39, 0x8D44, 0x8D70, 0x8D77, 0x8D85, 0x8D8A, 0x8DB3,
    0x8DDF, 0x8DEF, 0x8EAB, 0x8ECA, 0x8F09, 0x8F66, 0x8F6C, 0x8F7B, 0x8F83,
    0x8FB9, 0x8FBE, 0x8FC7, 0x8FD0, 0x8FD1, 0x8FD8, 0x8FD9, 0x8FDB, 0x8FDC,
    0x8FDE, 0x8FF0, 0x8FFD, 0x9000, 0x9001, 0x9002, 0x9009, 0x901A, 0x901F,
    0x9020, 0x9023, 0x9053, 0x90A3, 0x90E8, 0x90FD, 0x914D, 0x9152, 0x91C7,
    0x91CA, 0x91CC, 0x91CD, 0x91CE, 0x91CF, 0x91D1, 0x94B1, 0x94C1, 0x94F6,
    0x9519, 0x9577, 0x957F, 0x958B, 0x9593, 0x95A2, 0x95E8, 0x95EE, 0x95F4,
    0x95FB, 0x961F, 0x9632, 0x9633, 0x9635, 0x9636, 0x963F, 0x9645, 0x9646,
    0x9648, 0x964D, 0x9650, 0x9662, 0x9664, 0x9669, 0x968F, 0x96BE, 0x96C6,
    0x96E8, 0x96F7, 0x96FB, 0x9700, 0x9732, 0x9752, 0x9759, 0x975E, 0x9760,
    0x9762, 0x9769, 0x97F3, 0x984C, 0x9879, 0x987B, 0x987E, 0x987F, 0x9884,
    0x9886, 0x9898, 0x98CE, 0x98DE, 0x98DF, 0x9996, 0x9999, 0x99C5, 0x99D0,
    0x9A6C, 0x9A8C, 0x9AD8, 0x9C7C, 0x9EC4, 0x9ED1, 0x9F99,
};

static int is_common_han(uint32_t cp)
{
  size_t lo = 0, hi = sizeof common_han / sizeof common_han[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (common_han[mid] == cp)
      return 1;
    if (common_han[mid] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

static int is_cyr_upper(uint32_t c)
{
  return c >= 0x410 && c <= 0x42F;
}
static int is_cyr_lower(uint32_t c)
{
  return c >= 0x430 && c <= 0x44F;
}
static int is_latin_high_letter(uint32_t c)
{
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* How plausible `cp` is as text after `prev` (both decoded code points).
 * Rewards what real text in the candidate's languages is made of, and
 * punishes what a wrong charset produces: C1 controls, symbols inside
 * words, scripts mixed inside a word, half-width katakana, rare Han. */
static int plausibility(uint32_t prev, uint32_t cp, int *high_run)
{
  static const char western[] = "\xE0\xE1\xE2\xE4\xE7\xE8\xE9\xEA\xEB\xED"
                                "\xEE\xEF\xF1\xF3\xF4\xF6\xFA\xFB\xFC\xDF";
  int score = 0;
  if (cp < 0x80) {
    *high_run = 0;
    return 0;
  }
  if (is_latin_high_letter(cp))
    ++*high_run;
  else
    *high_run = 0;
  if (cp < 0xA0)
    return -20; /* C1 control: a single-byte charset that is wrong */
  if (cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF))
    return -10;
  if (cp < 0x100 && !is_latin_high_letter(cp)) { /* Latin-1 symbols */
    if (cp == 0xBB)
      return 0; /* a closing guillemet follows a letter */
    if (boiloff__is_ascii_letter(prev) || is_latin_high_letter(prev))
      return -4;
    /* Spanish and French open with these: "¿Qué?", "«Oui»". */
    return cp == 0xBF || cp == 0xA1 || cp == 0xAB ? 2 : 0;
  }
  if (cp == 0x2C7 || cp == 0x2D8 || cp == 0x2D9 || cp == 0x2DB ||
      cp == 0x2DD) /* ISO-8859-2's spacing accents */
    return -4;
  if (is_latin_high_letter(cp)) {
    /* Western European languages rarely string 3+ accented letters
     * together; Cyrillic or Greek read as Latin does that all the time. */
    if (*high_run >= 3)
      return -3;
    if (cp < 0x100 && memchr(western, (int)cp, sizeof western - 1))
      score = 2;
    else if (cp == 0x105 || cp == 0x119 || cp == 0x142 || cp == 0x15B ||
             cp == 0x17C || cp == 0x17A || cp == 0x107 || cp == 0x144 ||
             cp == 0x10D || cp == 0x159 || cp == 0x161 || cp == 0x17E ||
             cp == 0x11B || cp == 0x16F || cp == 0x151 || cp == 0x171 ||
             cp == 0x141 || cp == 0x17B || cp == 0x15A || cp == 0x160 ||
             cp == 0x17D || cp == 0x10C)
      score = 2; /* Polish, Czech, Slovak, Hungarian letters */
    else
      score = 1;
    return score;
  }
  if (cp >= 0x400 && cp <= 0x4FF) {
    if (boiloff__is_ascii_letter(prev))
      return -4;
    if (is_cyr_lower(cp)) {
      switch (cp) { /* о е а и н т с р в л: Russian's commonest letters */
      case 0x43E:
      case 0x435:
      case 0x430:
      case 0x438:
      case 0x43D:
      case 0x442:
      case 0x441:
      case 0x440:
      case 0x432:
      case 0x43B:
        return 2;
      default:
        return 1;
      }
    }
    if (is_cyr_upper(cp))
      return is_cyr_lower(prev) || is_cyr_upper(prev) ? -1 : 1;
    return -2; /* Ѐ..Џ, ѐ..џ and beyond: not Russian */
  }
  if (cp >= 0x386 && cp <= 0x3CE) /* Greek */
    return boiloff__is_ascii_letter(prev) ? -4 : 1;
  if (cp >= 0x3040 && cp <= 0x30FF)
    return 2; /* kana */
  if (cp >= 0xFF61 && cp <= 0xFF9F)
    return -2; /* half-width katakana: rare on the web */
  if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF5E))
    return 1; /* CJK punctuation, full-width forms */
  if (cp >= 0x4E00 && cp <= 0x9FFF)
    return is_common_han(cp) ? 3 : 0;
  if (cp >= 0x3400 && cp <= 0x4DBF)
    return -4; /* CJK extension A: GB18030 decoding the wrong bytes */
  if (cp >= 0x2010 && cp <= 0x2044)
    return 1; /* dashes, quotes, ellipsis, bullet */
  if (cp == 0x20AC || cp == 0x2122 || cp == 0x152 || cp == 0x153)
    return 1; /* euro, trademark, oe ligatures */
  if (cp >= 0x10000)
    return -3;
  return 0;
}

/* Plausibility of s[0..len) decoded as `cs`; each invalid byte costs. */
static long score_as(const char *cs, const unsigned char *s, size_t len)
{
  char out[1024];
  char *in = (char *)s;
  size_t inleft = len;
  long score = 0;
  uint32_t prev = ' ';
  int run = 0;
  iconv_t cd = iconv_open("UTF-8", cs);
  if (cd == (iconv_t)-1)
    return LONG_MIN / 2;
  while (inleft > 0) {
    char *o = out;
    size_t oleft = sizeof out, r, i;
    r = iconv(cd, &in, &inleft, &o, &oleft);
    for (i = 0; i < (size_t)(o - out);) {
      uint32_t cp;
      i += boiloff__utf8_decode((const unsigned char *)out + i,
                                (size_t)(o - out) - i, &cp);
      score += plausibility(prev, cp, &run);
      prev = cp;
    }
    if (r == (size_t)-1) {
      if (errno == E2BIG)
        continue;
      if (errno == EINVAL)
        break; /* cut at the end of the window */
      score -= 20;
      in++;
      inleft--;
      prev = 0xFFFD;
    }
  }
  iconv_close(cd);
  return score;
}

const char *boiloff__charset_guess_heuristic(const unsigned char *s, size_t len)
{
  /* Ties go to the earlier candidate: windows-1252 first, the web's most
   * common legacy charset. */
  static const char *const cand[] = {
      "WINDOWS-1252", "ISO-8859-2", "WINDOWS-1251", "KOI8-R",
      "GB18030",      "CP932",      "EUC-JP"};
  const char *best = cand[0];
  long best_score = 0;
  size_t i;
  for (i = 0; i < sizeof cand / sizeof cand[0]; i++) {
    long sc = score_as(cand[i], s, len);
    if (i == 0 || sc > best_score) {
      best = cand[i];
      best_score = sc;
    }
  }
  return best;
}

const char *boiloff__charset_guess_uchardet(const unsigned char *s, size_t len)
{
#ifdef HAVE_UCHARDET
  /* Charsets uchardet may name that the label table does not map; the
   * answer must be one of our static strings (uchardet's dies with it). */
  static const char *const extra[] = {
      "ISO-8859-3",  "ISO-8859-4",  "ISO-8859-5",   "ISO-8859-6",
      "ISO-8859-7",  "ISO-8859-8",  "ISO-8859-9",   "ISO-8859-10",
      "ISO-8859-11", "ISO-8859-13", "ISO-8859-16",  "IBM852",
      "IBM855",      "IBM866",      "MAC-CYRILLIC", "MAC-CENTRALEUROPE",
      "TIS-620",     "VISCII",      "EUC-TW",       "ISO-2022-CN",
      "ISO-2022-KR", "HZ-GB-2312",  "UTF-16",       "UTF-32"};
  const char *name = NULL, *got;
  size_t i;
  uchardet_t ud;
  if (boiloff__uchardet_load() != BOILOFF_OK || !(ud = uchardet_new()))
    return NULL;
  if (uchardet_handle_data(ud, (const char *)s, len) == 0) {
    uchardet_data_end(ud);
    got = uchardet_get_charset(ud);
    /* Map as a declared label would be (ISO-8859-1 -> windows-1252,
     * SHIFT_JIS -> CP932, EUC-KR -> CP949). */
    if (got && *got && strcmp(got, "ASCII") != 0) {
      name = boiloff__charset_label(got, strlen(got));
      for (i = 0; !name && i < sizeof extra / sizeof extra[0]; i++)
        if (strcmp(extra[i], got) == 0)
          name = extra[i];
    }
  }
  uchardet_delete(ud);
  return name;
#else
  (void)s;
  (void)len;
  return NULL;
#endif
}

/* Single-byte charsets for Latin-script text, among which uchardet's
 * choice rests on little evidence when few bytes are non-ASCII. */
static int is_latin_family(const char *cs)
{
  static const char *const latin[] = {
      "ISO-8859-2",        "ISO-8859-3",   "ISO-8859-4",   "ISO-8859-9",
      "ISO-8859-10",       "ISO-8859-13",  "ISO-8859-15",  "ISO-8859-16",
      "WINDOWS-1250",      "WINDOWS-1254", "WINDOWS-1257", "WINDOWS-1258",
      "MAC-CENTRALEUROPE", "MACINTOSH",    "IBM852"};
  size_t i;
  for (i = 0; i < sizeof latin / sizeof latin[0]; i++)
    if (strcmp(latin[i], cs) == 0)
      return 1;
  return 0;
}

const char *boiloff__charset_guess(const unsigned char *s, size_t len)
{
  /* uchardet first: on the fixtures it is right more often from 128 bytes
   * of window on, and it knows many more charsets.  Its known
   * slips are within the Latin family (windows-1250 for ISO-8859-2
   * Polish, MAC-CENTRALEUROPE for short German, ISO-8859-3 for one stray
   * byte): there the plausibility model picks among windows-1252 (which
   * wins ties: the web's commonest legacy charset), uchardet's answer,
   * ISO-8859-2 and windows-1250.
   * With no answer (short windows, Korean in uchardet 0.0.7) the
   * hand-written detector decides. */
  const char *u;
  size_t i;
#ifdef HAVE_UCHARDET
  if (boiloff__uchardet_load() != BOILOFF_OK)
    return NULL; /* no guess rather than another guess than usual */
#endif
  u = boiloff__charset_guess_uchardet(s, len);
  if (!u || strncmp(u, "UTF-", 4) == 0)
    return boiloff__charset_guess_heuristic(s, len);
  if (is_latin_family(u)) {
    const char *cand[4], *best;
    long best_score, sc;
    cand[0] = "WINDOWS-1252";
    cand[1] = u;
    cand[2] = "ISO-8859-2";
    cand[3] = "WINDOWS-1250";
    best = cand[0];
    best_score = score_as(best, s, len);
    for (i = 1; i < 4; i++)
      if ((sc = score_as(cand[i], s, len)) > best_score) {
        best = cand[i];
        best_score = sc;
      }
    return best;
  }
  return u;
}
