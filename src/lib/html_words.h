/* html_words.h - the class and id word table (generated from
 * src/lib/classwords.tsv by build-aux/gen-classwords.awk). */
#ifndef BOILOFF_HTML_WORDS_H
#define BOILOFF_HTML_WORDS_H

#include <stddef.h>

typedef struct boiloff__class_word {
  const char *word;  /* lower case */
  unsigned families; /* bits 1 << boiloff__family */
  unsigned flags;    /* BOILOFF__HINT_* */
} boiloff__class_word;

/* Sorted by strcmp. */
extern const boiloff__class_word boiloff__class_words[];
extern const size_t boiloff__class_word_count;
/* The words that start with byte c: [from[c], to[c]) (empty: none). */
extern const unsigned char boiloff__class_word_from[256];
extern const unsigned char boiloff__class_word_to[256];

#endif
