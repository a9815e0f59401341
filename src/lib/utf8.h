/* utf8.h - UTF-8 decoding and the character classes the features need. */
#ifndef BOILOFF_UTF8_H
#define BOILOFF_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define BOILOFF_REPLACEMENT_CHAR 0xFFFDu

/* Decodes the code point at s[0..len).  Returns its length in bytes (1..4)
 * and stores it in *cp; an invalid or truncated sequence gives 1 and
 * U+FFFD.  len must be > 0. */
size_t boiloff__utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* The same, inline for a valid two- or three-byte sequence that cannot be
 * overlong or a surrogate (most non-ASCII text: ’ “ ” — é); the rest by
 * boiloff__utf8_decode. */
static inline size_t boiloff__utf8_decode_inline(const unsigned char *s,
                                                 size_t len, uint32_t *cp)
{
  unsigned c = s[0];
  if (c >= 0xE1 && c <= 0xEF && c != 0xED && len >= 3 &&
      (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
    *cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
          (uint32_t)(s[2] & 0x3F);
    return 3;
  }
  if (c >= 0xC2 && c <= 0xDF && len >= 2 && (s[1] & 0xC0) == 0x80) {
    *cp = (uint32_t)(c & 0x1F) << 6 | (uint32_t)(s[1] & 0x3F);
    return 2;
  }
  return boiloff__utf8_decode(s, len, cp);
}

/* Length of the longest prefix of s[0..len) that does not end inside a
 * multi-byte sequence which could still be completed by more bytes. */
size_t boiloff__utf8_complete_prefix(const unsigned char *s, size_t len);

/* Length of the longest prefix of s[0..len) of ASCII bytes other than
 * NUL (0x01..0x7F): the bytes that need no decoding, eight a step. */
size_t boiloff__ascii_run(const unsigned char *s, size_t len);

/* What windows-1252 decodes the bytes 0x80..0x9F to; 0 where a byte is
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
extern const uint16_t boiloff__cp1252_high[32];

/* Byte classes for the tokenizer's and the features' inner loops: ASCII
 * letters, digits, white space and '#' by table, 0 for other ASCII, and
 * BOILOFF__BYTE_HIGH for a byte that starts a character to decode. */
enum {
  BOILOFF__BYTE_UPPER = 1, /* A-Z; 1, so that adding k & UPPER counts them */
  BOILOFF__BYTE_LOWER = 2, /* a-z */
  BOILOFF__BYTE_SPACE = 4, /* tab, LF, VT, FF, CR, space */
  BOILOFF__BYTE_DIGIT = 8, /* 0-9 */
  BOILOFF__BYTE_HIGH = 16, /* 0x80-0xFF */
  BOILOFF__BYTE_HASH = 32  /* '#' */
};
extern const unsigned char boiloff__byte_class[256];
/* What a byte adds to the counts of the ASCII word it is part of, so that
 * the tokenizer counts a letter with one add: capitals in bits 0-15,
 * small letters in 16-31, digits in 32-47 (a field holds the counts of a
 * word of fewer than 65536 bytes); 0 for any other ASCII byte.  Bits 56-63 hold
 * the byte case-folded, which the word's hash takes. */
#define BOILOFF__COUNT_UPPER 1ull
#define BOILOFF__COUNT_LOWER (1ull << 16)
#define BOILOFF__COUNT_DIGIT (1ull << 32)
#define BOILOFF__COUNT_DIGITS (0xffffull << 32)
#define BOILOFF__COUNT_FOLDED 56 /* the shift */
/* A byte >= 0x80 has only the top bit: it ends an ASCII word (a letter's
 * entry is > 0), and the loop that stopped at it need not read it again. */
#define BOILOFF__COUNT_HIGH (1ull << 63)
extern const uint64_t boiloff__word_byte_counts[256];

/* Writes the UTF-8 form of cp into out (4 bytes room); returns its length. */
size_t boiloff__utf8_encode(uint32_t cp, char *out);

/* Character classes, Unicode-aware enough for block features. */
int boiloff__cp_is_letter(uint32_t cp);
int boiloff__cp_is_digit(uint32_t cp);
int boiloff__cp_is_space(uint32_t cp);
/* Scripts written without spaces between words (Han, kana, Thai, Lao,
 * Khmer, Myanmar): their text is measured in characters. */
int boiloff__cp_is_unspaced_script(uint32_t cp);
/* Simple case folding for Latin, Greek, Cyrillic and Armenian, and of
 * full-width Latin to ASCII; other code points are returned unchanged. */
uint32_t boiloff__cp_fold(uint32_t cp);
int boiloff__cp_is_upper(uint32_t cp);
/* A lower-case letter of a script with case (never Arabic, Han...). */
int boiloff__cp_is_lower(uint32_t cp);
/* A-Z or a-z: for matching English words in bytes, where a UTF-8 lead
 * byte must not count as a letter. */
static inline int boiloff__is_ascii_letter(uint32_t c)
{
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

#endif
