/* decode.h - bytes in any charset to UTF-8, streaming.
 *
 * The decoder sniffs the charset (BOM, HTML meta charset or XML
 * declaration, UTF-8 validity, legacy fallback) from the first bytes, or
 * takes the caller's --from-code, converts with iconv, and hands out valid
 * UTF-8 only: invalid sequences become U+FFFD and are counted (or, with
 * BOILOFF_OPT_STRICT, stop the decoder with BOILOFF_ERR_ENCODING and the
 * byte offset).  NUL bytes become U+FFFD.  Line ends are passed through
 * unchanged.  Chunk boundaries inside a character are handled: the output
 * never depends on how the input was split.
 *
 * Detection (charset_detect.c), decided on the bytes only: a BOM (UTF-8,
 * UTF-16LE/BE, UTF-32LE/BE) at once; otherwise a window of the first 8 KiB
 * (or the whole document when shorter) is held: UTF-16/32 without a BOM
 * by its zero bytes, binary data (file signatures, NULs, control bytes)
 * refused with BOILOFF_ERR_BINARY unless BOILOFF_OPT_ALLOW_BINARY, valid
 * multi-byte UTF-8 (which wins over a declaration: mislabelled pages are
 * common), a <meta> charset or XML declaration in the first 4 KiB (WHATWG
 * labels: latin1 and ascii mean windows-1252, shift_jis means CP932), else
 * a legacy guess (uchardet when built with it, checked by a plausibility
 * model; the built-in heuristic otherwise).  A window of pure ASCII
 * decides nothing: its text goes out at once and a new window starts at
 * the first byte >= 0x80.
 *
 * `from_code` is passed to iconv as given (no label mapping); a name
 * iconv does not know makes the first feed or finish return
 * BOILOFF_ERR_CHARSET (also after a reset).  In strict mode NUL is still
 * replaced, not an error; a legacy charset that maps every byte never
 * fails.
 */
#ifndef BOILOFF_DECODE_H
#define BOILOFF_DECODE_H

#include <stddef.h>

#include "boiloff.h"

/* Receives decoded UTF-8 text; a non-OK return stops the decoder and is
 * returned by the feed or finish call. */
typedef boiloff_status (*boiloff__text_fn)(void *user, const char *text,
                                           size_t len);

typedef struct boiloff__decoder boiloff__decoder;

/* `from_code` NULL = detect; `flags` are BOILOFF_OPT_* bits (STRICT).
 * NULL when out of memory. */
boiloff__decoder *boiloff__decoder_new(const boiloff_allocator *a,
                                       const char *from_code, unsigned flags);
boiloff_status boiloff__decoder_feed(boiloff__decoder *d, const char *buf,
                                     size_t len, boiloff__text_fn fn,
                                     void *user);
boiloff_status boiloff__decoder_finish(boiloff__decoder *d, boiloff__text_fn fn,
                                       void *user);
void boiloff__decoder_reset(boiloff__decoder *d);
void boiloff__decoder_free(boiloff__decoder *d);

/* The charset in use ("UTF-8", "WINDOWS-1252"...), or NULL before it is
 * known. */
const char *boiloff__decoder_charset(const boiloff__decoder *d);
unsigned long long boiloff__decoder_invalid(const boiloff__decoder *d);
/* Input byte offset of the invalid sequence behind BOILOFF_ERR_ENCODING. */
unsigned long long boiloff__decoder_error_offset(const boiloff__decoder *d);

#endif
