/* html_sniff.h - telling an HTML page from plain text by its first bytes. */
#ifndef BOILOFF_HTML_SNIFF_H
#define BOILOFF_HTML_SNIFF_H

#include <stddef.h>

/* Bytes looked at to tell HTML from text. */
#define BOILOFF__HTML_SNIFF 1024

/* Is buf[0..len) (the first bytes of a document) HTML?  1 yes, 0 no, -1
 * cannot tell yet (more bytes needed; `final` means there are no more). */
int boiloff__html_sniff(const char *buf, size_t len, int final);

#endif
