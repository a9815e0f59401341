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
boiloff_status boiloff__decoder_finish(boiloff__decoder *d,
                                       boiloff__text_fn fn, void *user);
void boiloff__decoder_reset(boiloff__decoder *d);
void boiloff__decoder_free(boiloff__decoder *d);

/* The charset in use ("UTF-8", "WINDOWS-1252"...), or NULL before it is
 * known. */
const char *boiloff__decoder_charset(const boiloff__decoder *d);
unsigned long long boiloff__decoder_invalid(const boiloff__decoder *d);
/* Input byte offset of the invalid sequence behind BOILOFF_ERR_ENCODING. */
unsigned long long boiloff__decoder_error_offset(const boiloff__decoder *d);

#endif
