/* wordchars.h - the table of non-ASCII word characters (see wordchars.c). */
#ifndef BOILOFF_SCORE_WORDCHARS_H
#define BOILOFF_SCORE_WORDCHARS_H

#include <stddef.h>
#include <stdint.h>

/* Sorted, disjoint, inclusive ranges of code points >= 0x80 that Python 3
 * counts as \w (letters L*, numbers N*).  Generated. */
extern const uint32_t score__wordchar_ranges[][2];
extern const size_t score__wordchar_nranges;

#endif
