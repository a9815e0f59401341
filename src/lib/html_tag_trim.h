/* html_tag_trim.h - a start tag with the attributes that neither boiloff
 * nor libxml2 reads (links, image sources, data-*, event handlers)
 * removed (or blanked): libxml2 would copy each value, its entities
 * decoded, only for boiloff to pass it by, and its push parser scans each
 * byte of a tag twice (for the '>' and then to read it).
 *
 * The tag is read as libxml2 2.9's htmlParseStartTag reads it, and an
 * attribute goes only where what stays parses the same: the same element
 * and the same attributes, in the same order, with the same values, but
 * for the tokens of a class or id value that name nothing, which go
 * too. */
#ifndef BOILOFF_HTML_TAG_TRIM_H
#define BOILOFF_HTML_TAG_TRIM_H

#include <stddef.h>

#include "html_attributes.h"

/* How libxml2 ends a start tag read whole. */
enum boiloff__tag_end {
  BOILOFF__TAG_APART, /* not at its last byte (or not surely) */
  BOILOFF__TAG_OPEN,  /* at its '>': an element that may hold content */
  BOILOFF__TAG_EMPTY  /* at its "/>" */
};

/* What may become of the attributes nothing reads. */
enum boiloff__tag_trim {
  BOILOFF__TRIM_NONE,  /* nothing: the tag is only read */
  BOILOFF__TRIM_BLANK, /* overwritten with spaces: no byte moves */
  BOILOFF__TRIM_REMOVE /* taken out, what follows moved up */
};

/* Reads the start tag in tag[0..*len), "<name" up to a '>' (the one the
 * scanner took for its end), as libxml2 would, and says where libxml2
 * ends it; unless BOILOFF__TAG_APART, trims in place, as `how` says, the
 * attributes nothing reads, where what stays parses the same, and sets
 * *len to what is left.  (Where an attribute's name comes twice, they are
 * blanked, not removed.)  `memo` (or NULL) keeps what class and id tokens
 * name. */
int boiloff__html_tag_trim(char *tag, size_t *len, int how,
                           boiloff__class_memo *memo);

#endif
