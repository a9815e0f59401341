/* html_attributes.h - what an element's attributes say of its content:
 * class and id words (widget families such as "share" or "cookie-banner"),
 * hidden elements and ARIA roles. */
#ifndef BOILOFF_HTML_ATTRIBUTES_H
#define BOILOFF_HTML_ATTRIBUTES_H

#include <stddef.h>

/* What the tokens of class and id values met lately name, by their bytes:
 * a page repeats its tokens ("menu-item" on every item), which are split
 * into words once.  Zeroed before use; a slot of length 0 is empty. */
#define BOILOFF__CLASS_MEMO_SLOTS 512
#define BOILOFF__CLASS_TOKEN_MAX 48 /* longer tokens name nothing */
typedef struct boiloff__class_memo {
  struct {
    unsigned char n;
    char t[BOILOFF__CLASS_TOKEN_MAX - 1];
    unsigned families, flags;
  } slot[BOILOFF__CLASS_MEMO_SLOTS];
} boiloff__class_memo;

/* Adds to *families (bits 1 << boiloff__family) and *flags
 * (BOILOFF__HINT_*) what the attribute name="value" says; `in_main`: the
 * element is inside the main content, where role=banner is an article's
 * header. */
void boiloff__html_attribute(const char *name, const char *value, int in_main,
                             unsigned *families, unsigned *flags,
                             boiloff__class_memo *memo);

/* The families and hint flags named by one class or id attribute value
 * ("share-buttons cookieBanner"); `memo` may be NULL. */
void boiloff__html_class_words(const char *value, unsigned *families,
                               unsigned *flags, boiloff__class_memo *memo);

/* Is the attribute named by the n bytes at name (any case) one that
 * boiloff__html_attribute reads, or that libxml2 reads itself (a <meta>'s
 * charset)?  The others need not reach libxml2 at all (html_tag_trim.h). */
int boiloff__html_attribute_read(const char *name, size_t n);

/* Which of those the n bytes at name are: a number below 32, or -1. */
int boiloff__html_attribute_which(const char *name, size_t n);

/* Is attribute `which` a class or an id: a list of tokens, each naming
 * words or nothing? */
int boiloff__html_attribute_worded(int which);

/* Would attribute `which`, valued the vn bytes at value as they stand in
 * the page, say nothing to boiloff__html_attribute: a class or id with no
 * word it knows, a style that hides nothing?  A value with an entity
 * (libxml2 would pass it decoded) or a NUL, or a style of 256 bytes or
 * more, is never idle. */
int boiloff__html_attribute_idle(int which, const char *value, size_t vn);

/* The tokens of a class or id value, the vn bytes at value as they stand
 * in the page, that name nothing: the spans [from, to) of value that may
 * go with what stays naming the same, each from a silent token to the
 * next token that names something (or the value's end), at most max.
 * Returns their number, or -1 for a value with an entity or a NUL, or
 * with more spans than max; *says: whether any token names something. */
int boiloff__html_class_silent(const char *value, size_t vn, size_t span[][2],
                               size_t max, int *says,
                               boiloff__class_memo *memo);

#endif
