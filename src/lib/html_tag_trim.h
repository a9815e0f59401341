/* html_tag_trim.h - a start tag without the attributes that neither
 * boiloff nor libxml2 reads (links, image sources, data-*, event
 * handlers): libxml2 would copy each value, its entities decoded, only for
 * boiloff to pass it by, and they are a third of a page's bytes.
 *
 * The tag is read as libxml2 2.9's htmlParseStartTag reads it, and an
 * attribute goes only where what stays parses the same: the same element
 * and the same attributes, in the same order, with the same values. */
#ifndef BOILOFF_HTML_TAG_TRIM_H
#define BOILOFF_HTML_TAG_TRIM_H

#include <stddef.h>

/* Trims the start tag in tag[0..len), "<name" to its closing '>' as
 * libxml2 finds it, in place; returns its new length (len when nothing
 * goes, or when the tag is not one it reads as libxml2 would).
 * `ascii_only`: keep any attribute with a byte above 0x7F (in a legacy
 * charset, libxml2's converter may stop at one). */
size_t boiloff__html_tag_trim(char *tag, size_t len, int ascii_only);

#endif
