/* html_attributes.c - class and id words, hidden elements and roles. */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "block_hint.h"
#include "html_attributes.h"
#include "html_words.h"

/* Adds what the n > 0 bytes at w (NUL-terminated) name, if a word. */
static void word_lookup(const char *w, size_t n, unsigned *families,
                        unsigned *flags)
{
  unsigned h = boiloff__name_hash(w, n, BOILOFF__CLASS_WORD_SLOTS), k;
  for (; (k = boiloff__class_word_slot[h]) != 0;
       h = (h + 1) & (BOILOFF__CLASS_WORD_SLOTS - 1)) {
    const boiloff__class_word *e = &boiloff__class_words[k - 1];
    if (boiloff__strcmp_first(w, e->word) == 0) {
      *families |= e->families;
      *flags |= e->flags;
      return;
    }
  }
}

/* One token of a class or id value, n bytes (n + 1 < TOKEN_MAX): looked
 * up whole ("more-stories"), then word by word, split at separators and
 * lower-to-upper humps; a name of more than four words is a slug of
 * text.  One pass finds the lower-cased token and its words' places,
 * whose bytes are those of the token lower-cased. */
#define TOKEN_MAX BOILOFF__CLASS_TOKEN_MAX
static void token_words(const unsigned char *t, size_t n, unsigned *families,
                        unsigned *flags)
{
  char low[TOKEN_MAX];
  unsigned char at[TOKEN_MAX], len[TOKEN_MAX];
  size_t i = 0, words = 0, nw = 0;
  /* A run at a time: most bytes are small letters or digits inside a word,
   * which need only be copied. */
  while (i < n) {
    size_t s;
    while (i < n && !boiloff__ascii_is_alnum(t[i])) {
      low[i] = (char)t[i];
      i++;
    }
    if (i == n)
      break;
    words++;
    s = i;
    low[i] = (char)boiloff__ascii_lower(t[i]);
    i++;
    for (;;) {
      while (i < n &&
             ((unsigned)t[i] - 'a' < 26u || (unsigned)t[i] - '0' < 10u)) {
        low[i] = (char)t[i];
        i++;
      }
      if (i == n || !boiloff__ascii_is_upper(t[i]))
        break;
      /* A capital after a small letter (a camel hump) starts a word. */
      if ((unsigned)t[i - 1] - 'a' < 26u) {
        at[nw] = (unsigned char)s;
        len[nw++] = (unsigned char)(i - s);
        s = i;
      }
      low[i] = (char)(t[i] + 32);
      i++;
    }
    at[nw] = (unsigned char)s;
    len[nw++] = (unsigned char)(i - s);
  }
  low[n] = '\0';
  word_lookup(low, n, families, flags);
  if (words > 4)
    return;
  for (i = 0; i < nw; i++) {
    char *word = low + at[i], *end = word + len[i], saved = *end;
    *end = '\0';
    word_lookup(word, len[i], families, flags);
    *end = saved;
  }
}

/* Adds what one token of a class or id value, the n bytes at t, names.
 * Longer tokens are not words we know.  WordPress's tag-* and category-*
 * classes and ids made from a heading ("sharing-with-a-single-developer")
 * name the text, not a widget. */
static void class_token(const unsigned char *t, size_t n, unsigned *families,
                        unsigned *flags, boiloff__class_memo *memo)
{
  unsigned h = 2166136261u, fam = 0, fl = 0;
  size_t i;
  if (n + 1 >= TOKEN_MAX || (n >= 4 && memcmp(t, "tag-", 4) == 0) ||
      (n >= 9 && memcmp(t, "category-", 9) == 0))
    return;
  if (!memo) {
    token_words(t, n, families, flags);
    return;
  }
  /* The slot: a token's first and last eight bytes and its length, or
   * its bytes one at a time if shorter. */
  if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, t, 8);
    memcpy(&b, t + n - 8, 8);
    a = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ n) * 0xFF51AFD7ED558CCDull;
    h = (unsigned)(a >> 32);
  } else {
    for (i = 0; i < n; i++)
      h = (h ^ t[i]) * 16777619u;
    h ^= h >> 16;
  }
  h &= BOILOFF__CLASS_MEMO_SLOTS - 1;
  if (memo->slot[h].n != n || memcmp(memo->slot[h].t, t, n) != 0) {
    token_words(t, n, &fam, &fl);
    memo->slot[h].n = (unsigned char)n;
    memcpy(memo->slot[h].t, t, n);
    memo->slot[h].families = fam;
    memo->slot[h].flags = fl;
  }
  *families |= memo->slot[h].families;
  *flags |= memo->slot[h].flags;
}

void boiloff__html_class_words(const char *value, unsigned *families,
                               unsigned *flags, boiloff__class_memo *memo)
{
  const unsigned char *p = (const unsigned char *)value;
  *families = *flags = 0;
  for (;;) {
    const unsigned char *t;
    while (boiloff__ascii_is_space(*p))
      p++;
    if (!*p)
      return;
    for (t = p; *p && !boiloff__ascii_is_space(*p);)
      p++;
    class_token(t, (size_t)(p - t), families, flags, memo);
  }
}

int boiloff__html_class_silent(const char *value, size_t vn, size_t span[][2],
                               size_t max, int *says, boiloff__class_memo *memo)
{
  const unsigned char *v = (const unsigned char *)value;
  size_t i = 0, spans = 0, open = 0;
  int opened = 0;
  *says = 0;
  if (memchr(value, '&', vn) || memchr(value, '\0', vn))
    return -1;
  for (;;) {
    size_t from;
    unsigned fam = 0, fl = 0;
    while (i < vn && boiloff__ascii_is_space(v[i]))
      i++;
    if (i == vn)
      break;
    /* The span of a token that says something ends the one before. */
    from = i;
    while (i < vn && !boiloff__ascii_is_space(v[i]))
      i++;
    class_token(v + from, i - from, &fam, &fl, memo);
    if (fam || fl) {
      *says = 1;
      if (opened) {
        if (spans == max)
          return -1;
        span[spans][0] = open;
        span[spans++][1] = from;
        opened = 0;
      }
    } else if (!opened) {
      open = from;
      opened = 1;
    }
  }
  if (opened) {
    if (spans == max)
      return -1;
    span[spans][0] = open;
    span[spans++][1] = vn;
  }
  return (int)spans;
}

/* The attributes read: boiloff__html_attribute's, then a <meta>'s that
 * libxml2 takes the charset from.  The others need not reach libxml2. */
enum attribute {
  A_CLASS,
  A_ID,
  A_HIDDEN,
  A_ARIA_HIDDEN,
  A_STYLE,
  A_ROLE,
  A_ITEMPROP,
  A_CHARSET,
  A_HTTP_EQUIV,
  A_CONTENT,
  A_NONE
};
static const char *const attribute_names[A_NONE] = {
    "class", "id",       "hidden",  "aria-hidden", "style",
    "role",  "itemprop", "charset", "http-equiv",  "content"};

/* The attribute named by the n bytes at name, in any case (no NUL among
 * them), or A_NONE.  Asked for most attributes of a page: the length
 * (and a byte where two names share one) picks the one name to compare. */
static enum attribute attribute_of(const char *name, size_t n)
{
  enum attribute a;
  const char *lower;
  size_t k;
  switch (n) {
  case 2:
    a = A_ID;
    break;
  case 4:
    a = A_ROLE;
    break;
  case 5:
    a = boiloff__ascii_lower((unsigned char)name[0]) == 'c' ? A_CLASS : A_STYLE;
    break;
  case 6:
    a = A_HIDDEN;
    break;
  case 7:
    a = boiloff__ascii_lower((unsigned char)name[1]) == 'h' ? A_CHARSET
                                                            : A_CONTENT;
    break;
  case 8:
    a = A_ITEMPROP;
    break;
  case 10:
    a = A_HTTP_EQUIV;
    break;
  case 11:
    a = A_ARIA_HIDDEN;
    break;
  default:
    return A_NONE;
  }
  lower = attribute_names[a];
  for (k = 0; k < n; k++)
    if (boiloff__ascii_lower((unsigned char)name[k]) != (unsigned char)lower[k])
      return A_NONE;
  return a;
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
                             unsigned *families, unsigned *flags,
                             boiloff__class_memo *memo)
{
  switch (attribute_of(name, strlen(name))) {
  case A_CLASS:
  case A_ID: {
    unsigned fam, fl;
    boiloff__html_class_words(value, &fam, &fl, memo);
    *families |= fam;
    *flags |= fl;
    break;
  }
  case A_HIDDEN:
    *flags |= BOILOFF__HINT_HIDDEN;
    break;
  case A_ARIA_HIDDEN:
    if (boiloff__ascii_ieq(value, "true"))
      *flags |= BOILOFF__HINT_HIDDEN;
    break;
  case A_STYLE:
    if (style_hides(value))
      *flags |= BOILOFF__HINT_HIDDEN;
    break;
  case A_ROLE:
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
    break;
  case A_ITEMPROP:
    if (boiloff__ascii_ieq(value, "articlebody"))
      *flags |= BOILOFF__HINT_MAIN;
    break;
  default: /* a <meta>'s, read by libxml2; or none of these */
    break;
  }
}

int boiloff__html_attribute_read(const char *name, size_t n)
{
  return attribute_of(name, n) != A_NONE;
}

int boiloff__html_attribute_which(const char *name, size_t n)
{
  enum attribute a = attribute_of(name, n);
  return a == A_NONE ? -1 : (int)a;
}

int boiloff__html_attribute_worded(int which)
{
  return which == A_CLASS || which == A_ID;
}

int boiloff__html_attribute_idle(int which, const char *value, size_t vn)
{
  char v[256];
  size_t span[1][2];
  int says;
  if (which == A_CLASS || which == A_ID)
    return boiloff__html_class_silent(value, vn, span, 1, &says, NULL) >= 0 &&
           !says;
  if (which != A_STYLE || vn >= sizeof v || memchr(value, '&', vn) ||
      memchr(value, '\0', vn))
    return 0;
  memcpy(v, value, vn);
  v[vn] = '\0';
  return !style_hides(v);
}
