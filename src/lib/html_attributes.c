/* html_attributes.c - class and id words, hidden elements and roles. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "block_hint.h"
#include "html_attributes.h"
#include "html_words.h"

/* Within one first-byte range the first bytes are equal: compare the
 * rest, and most probes differ at their first byte, so skip the call. */
static int word_tail_cmp(const void *key, const void *elem)
{
  return boiloff__strcmp_first(key,
                               ((const boiloff__class_word *)elem)->word + 1);
}

static void word_lookup(const char *w, unsigned *families, unsigned *flags)
{
  unsigned char c = (unsigned char)w[0];
  size_t from = boiloff__class_word_from[c], to = boiloff__class_word_to[c];
  const boiloff__class_word *e;
  if (from == to)
    return; /* no word starts so: most tokens */
  e = bsearch(w + 1, boiloff__class_words + from, to - from,
              sizeof boiloff__class_words[0], word_tail_cmp);
  if (e) {
    *families |= e->families;
    *flags |= e->flags;
  }
}

void boiloff__html_class_words(const char *value, unsigned *families,
                               unsigned *flags)
{
  const unsigned char *p = (const unsigned char *)value;
  *families = *flags = 0;
  while (*p) {
    char tok[48], word[48];
    size_t n = 0, w = 0;
    while (*p && boiloff__ascii_is_space(*p))
      p++;
    /* One token (a class name); longer ones are not words we know. */
    while (*p && !boiloff__ascii_is_space(*p)) {
      if (n + 1 < sizeof tok)
        tok[n] = (char)*p;
      n++;
      p++;
    }
    if (n == 0 || n + 1 >= sizeof tok)
      continue;
    /* WordPress's tag-* and category-* classes and ids made from a
     * heading ("sharing-with-a-single-developer") name the text, not a
     * widget. */
    if (strncmp(tok, "tag-", 4) == 0 || strncmp(tok, "category-", 9) == 0)
      continue;
    tok[n] = '\0';
    {
      size_t i;
      char low[48];
      for (i = 0; i <= n; i++)
        low[i] = boiloff__ascii_is_upper(tok[i]) ? (char)(tok[i] + 32) : tok[i];
      word_lookup(low, families, flags); /* whole: "more-stories" */
    }
    /* Then word by word: at separators and lower-to-upper humps; a name
     * of more than four words is a slug of text. */
    {
      size_t i, words = 0;
      for (i = 0; i < n; i++)
        if (boiloff__ascii_is_alnum((unsigned char)tok[i]) &&
            (i == 0 || !boiloff__ascii_is_alnum((unsigned char)tok[i - 1])))
          words++;
      if (words > 4)
        continue;
      for (i = 0; i <= n; i++) {
        int c = (unsigned char)tok[i];
        int end = c == '\0' || !boiloff__ascii_is_alnum(c) ||
                  (boiloff__ascii_is_upper(c) && i > 0 && tok[i - 1] >= 'a' &&
                   tok[i - 1] <= 'z');
        if (end && w) {
          word[w] = '\0';
          word_lookup(word, families, flags);
          w = 0;
        }
        if (boiloff__ascii_is_alnum(c))
          word[w++] = boiloff__ascii_is_upper(c) ? (char)(c + 32) : (char)c;
      }
    }
  }
}

/* Does the CSS text say display:none or visibility:hidden? */
static int style_hides(const char *s)
{
  char squeezed[256];
  size_t n = 0;
  for (; *s && n + 1 < sizeof squeezed; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      squeezed[n++] = (char)boiloff__ascii_lower((unsigned char)*s);
  squeezed[n] = '\0';
  return strstr(squeezed, "display:none") != NULL ||
         strstr(squeezed, "visibility:hidden") != NULL;
}

void boiloff__html_attribute(const char *name, const char *value, int in_main,
                             unsigned *families, unsigned *flags)
{
  if (boiloff__strcmp_first(name, "class") == 0 ||
      boiloff__strcmp_first(name, "id") == 0) {
    unsigned fam, fl;
    boiloff__html_class_words(value, &fam, &fl);
    *families |= fam;
    *flags |= fl;
  } else if (boiloff__strcmp_first(name, "hidden") == 0) {
    *flags |= BOILOFF__HINT_HIDDEN;
  } else if (boiloff__strcmp_first(name, "aria-hidden") == 0) {
    if (boiloff__ascii_ieq(value, "true"))
      *flags |= BOILOFF__HINT_HIDDEN;
  } else if (boiloff__strcmp_first(name, "style") == 0) {
    if (style_hides(value))
      *flags |= BOILOFF__HINT_HIDDEN;
  } else if (boiloff__strcmp_first(name, "role") == 0) {
    if (boiloff__ascii_ieq(value, "navigation") ||
        boiloff__ascii_ieq(value, "menu") ||
        boiloff__ascii_ieq(value, "menubar"))
      *flags |= BOILOFF__HINT_NAV;
    else if (boiloff__ascii_ieq(value, "banner") && !in_main)
      *flags |= BOILOFF__HINT_HEADER;
    else if (boiloff__ascii_ieq(value, "contentinfo"))
      *flags |= BOILOFF__HINT_FOOTER;
    else if (boiloff__ascii_ieq(value, "complementary"))
      *flags |= BOILOFF__HINT_ASIDE;
    else if (boiloff__ascii_ieq(value, "main") ||
             boiloff__ascii_ieq(value, "article"))
      *flags |= BOILOFF__HINT_MAIN;
    else if (boiloff__ascii_ieq(value, "search"))
      *flags |= BOILOFF__HINT_FORM;
  } else if (boiloff__strcmp_first(name, "itemprop") == 0) {
    if (boiloff__ascii_ieq(value, "articlebody"))
      *flags |= BOILOFF__HINT_MAIN;
  }
}
