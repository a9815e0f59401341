/* charset_detect.h - deciding the charset of a document from its first
 * bytes.  Pure functions over a bounded window; the decoder (decode.c)
 * decides when the window is complete and what to do with the answer.
 *
 * Every returned name is a static string that iconv_open() accepts.
 */
#ifndef BOILOFF_CHARSET_DETECT_H
#define BOILOFF_CHARSET_DETECT_H

#include <stddef.h>

/* A byte-order mark at s[0..len): its charset, with *bom_len set, or NULL.
 * With fewer than 4 bytes and `final` zero the answer may still change,
 * so callers wait for 4 bytes (UTF-32LE's BOM starts like UTF-16LE's). */
const char *boiloff__charset_bom(const unsigned char *s, size_t len,
                                 size_t *bom_len);

/* UTF-16 or UTF-32 without a BOM, recognised by where the zero bytes fall
 * and confirmed by decoding the window; NULL when it does not look so. */
const char *boiloff__charset_wide(const unsigned char *s, size_t len);

/* Nonzero when the window looks like binary data (a known file signature,
 * NUL bytes, or many C0 control bytes).  Call after boiloff__charset_wide. */
int boiloff__charset_is_binary(const unsigned char *s, size_t len);

/* The charset declared by an HTML <meta charset>, <meta http-equiv
 * content="...; charset=..."> or an XML declaration in s[0..len), mapped
 * to the iconv name browsers would use (WHATWG labels: "iso-8859-1" and
 * "us-ascii" mean windows-1252, "gb2312" means GB18030...); NULL when
 * there is none or the label is unknown. */
const char *boiloff__charset_declared(const unsigned char *s, size_t len);

/* The iconv name for an encoding label (case-insensitive, WHATWG
 * aliases), or NULL when the label is unknown. */
const char *boiloff__charset_label(const char *label, size_t len);

/* UTF-8 validity of s[0..len): 0 invalid, 1 UTF-8 with a multi-byte
 * character (valid, or with at most one invalid sequence for every four
 * valid multi-byte ones: a stray byte, read as U+FFFD), 2 pure ASCII.  A
 * sequence cut by the end of the window counts as valid unless `final`. */
int boiloff__charset_utf8_check(const unsigned char *s, size_t len, int final);

/* Best single- or multi-byte legacy charset for a window that is not
 * valid UTF-8: uchardet when configure found it, else the heuristic
 * below ("WINDOWS-1252" when nothing fits better).  NULL only when built
 * with uchardet and it cannot be loaded (BOILOFF_ERR_LIBRARY). */
const char *boiloff__charset_guess(const unsigned char *s, size_t len);

/* The hand-written detector: decodes the window under each candidate
 * (windows-1252, ISO-8859-2, windows-1251, KOI8-R, GB18030, CP932,
 * EUC-JP) and keeps the most plausible text.  Exposed for the tests and
 * the detector measurement. */
const char *boiloff__charset_guess_heuristic(const unsigned char *s,
                                             size_t len);
/* uchardet's answer mapped to an iconv name, or NULL (not built with
 * uchardet, not loadable, no answer, or out of memory). */
const char *boiloff__charset_guess_uchardet(const unsigned char *s, size_t len);

#endif
