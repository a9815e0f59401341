/* threads.c - the chrome of reader comment threads. */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "threads.h"
#include "utf8.h"

/* Whether t[0..n) ends in `word` (lower case), in any case, after a
 * character that is not a letter. */
static int ends_with_word(const char *t, size_t n, const char *word)
{
  size_t w = strlen(word);
  /* The last byte first: it rules out nearly every line at once. */
  return n > w &&
         ((unsigned char)t[n - 1] | 0x20) == (unsigned char)word[w - 1] &&
         strncasecmp(t + n - w, word, w) == 0 &&
         !boiloff__is_ascii_letter((unsigned char)t[n - w - 1]);
}

/* Whether s counts a thread's comments: "12 Comments", "53 Responses to
 * “Title”", "One thought on ...", "2 Replies", "{ 14 comments… read them
 * below or add one }" (a number, or "one" or "no", a noun, and nothing
 * after it but what such a line goes on with: "Posted in C++ | 16
 * Comments" does not count).  One line of chrome like the others: as a
 * thread at once it lost the whole of a news article whose byline reads
 * "11 Comments" (readability/yahoo-2), and cleaneval's threads. */
int boiloff__comment_heading(const char *t, size_t n, unsigned words)
{
  static const char *const nouns[] = {"comment", "response", "thought", "repl"};
  const char *e;
  size_t i;
  if (!t || words < 2 || words > 12)
    return 0;
  e = t + n;
  if (t < e && *t == '{')
    for (t++; t < e && *t == ' '; t++)
      ;
  if (t < e && *t >= '0' && *t <= '9') {
    while (t < e && *t >= '0' && *t <= '9')
      t++;
  } else if (e - t >= 3 &&
             (strncasecmp(t, "one", 3) == 0 || strncasecmp(t, "no ", 3) == 0)) {
    t += (t[0] | 0x20) == 'o' ? 3 : 2;
  } else {
    return 0;
  }
  if (t >= e || *t != ' ')
    return 0;
  t++;
  for (i = 0; i < sizeof nouns / sizeof *nouns; i++) {
    size_t w = strlen(nouns[i]);
    if ((size_t)(e - t) >= w && strncasecmp(t, nouns[i], w) == 0)
      break;
  }
  if (i == sizeof nouns / sizeof *nouns)
    return 0;
  /* The noun's ending ("s", "ies"), then what may follow it. */
  while (t < e && boiloff__is_ascii_letter((unsigned char)*t))
    t++;
  while (t < e && *t == ' ')
    t++;
  return t == e || *t == ':' ||
         (e - t >= 2 && strncmp(t, "\xC2\xBB", 2) == 0) ||
         (e - t >= 3 && strncmp(t, "\xE2\x80\xA6", 3) == 0) ||
         (e - t >= 3 &&
          (strncasecmp(t, "to ", 3) == 0 || strncasecmp(t, "on ", 3) == 0));
}

/* Whether s is a comment's signature line: one that ends in its "Reply"
 * or "Permalink" link ("Bill Hays | November 9, 2012 5:54 PM | Reply",
 * "July 4, 2012 at 12:48 pm | Permalink", "by Ann on May 3, 2012 at 8:55
 * pm. Reply #": 2 to 16 words, the last one, before a "#" and a number,
 * that link), or a name that "says:" or "writes:" (up to 8 words).
 * Such lines are almost never in the gold (doc/EVALUATION.md).  Lines
 * with a time after "at" are comments' too, but cleaneval's gold keeps
 * comments, and counting them cost more there than it gained. */
int boiloff__comment_stamp(const char *t, size_t n, unsigned words)
{
  if (!t || words < 2 || words > 16)
    return 0;
  while (n > 0 && t[n - 1] == ' ')
    n--;
  if (words <= 8 &&
      (ends_with_word(t, n, "says:") || ends_with_word(t, n, "writes:")))
    return 1;
  while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '#' ||
                   (t[n - 1] >= '0' && t[n - 1] <= '9')))
    n--;
  return ends_with_word(t, n, "reply") || ends_with_word(t, n, "permalink");
}
