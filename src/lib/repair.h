/* repair.h - undoing the damage scraped text picks up on the way.
 *
 * Applied to each line (valid UTF-8 in, valid UTF-8 out): double-encoded
 * UTF-8 ("donâ€™t" for "don't", also twice over) is undone where the repair
 * is unambiguous; HTML entities and numeric character references left in
 * the text ("&amp;", "&#8217;", "&amp;nbsp;") are decoded; non-breaking,
 * zero-width and other odd spaces are normalised.  Correct text must come
 * out byte-identical.
 *
 * Decisions: no-break, narrow no-break, en/em/thin/hair and other
 * U+2000..U+200A spaces become ' '; ZWSP, word joiner, U+FEFF and soft
 * hyphens are removed; ZWJ and ZWNJ are kept between two non-ASCII
 * characters (emoji sequences, Indic and Persian spelling) and removed
 * elsewhere; the ideographic space U+3000 is CJK typography and is kept.
 * References need their ';' ("AT&T", "&c", "&nbsp" stay) and never
 * produce a control character or a line break.
 */
#ifndef BOILOFF_REPAIR_H
#define BOILOFF_REPAIR_H

#include <stddef.h>

#include "boiloff.h"
#include "buf.h"

/* Appends the repaired form of line[0..len) to `out` and adds the number
 * of repairs made to *repairs.  BOILOFF_ERR_NOMEM on allocation failure. */
boiloff_status boiloff__repair_line(const char *line, size_t len,
                                    boiloff__buf *out,
                                    unsigned long long *repairs);

/* Nonzero when repair_line could change line[0..len): without it, the
 * line is its own repaired form and need not be copied. */
int boiloff__repair_needed(const char *line, size_t len);

/* libxml2's HTML 4 named references, sorted by name (strcmp): generated
 * at build time by build-aux/gen-entities, so text input needs no libxml2.
 * The longest name is "thetasym". */
#define BOILOFF__ENTITY_NAME_MAX 8
typedef struct boiloff__entity {
  char name[BOILOFF__ENTITY_NAME_MAX + 1]; /* inline: no relocation to do */
  unsigned value;
} boiloff__entity;
extern const boiloff__entity boiloff__entities[];
extern const size_t boiloff__entities_count;

#endif
