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
/* A hash table of the words: slot[h] is 1 + the index of a word, 0 for
 * none.  A word is in the slot of boiloff__name_hash or, taken, the next
 * free one after it (build-aux/gen-classwords.awk, which the build gives
 * this size). */
#define BOILOFF__CLASS_WORD_SLOTS 512
extern const unsigned char boiloff__class_word_slot[BOILOFF__CLASS_WORD_SLOTS];

#endif
