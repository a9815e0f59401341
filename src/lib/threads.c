/* threads.c - the chrome of reader comment threads.
 *
 * The words are data: the comments family's said, link and count phrases
 * of phrases.tsv, in every language, matched by lexicon.c with the other
 * phrases.  What is left here is the punctuation around them. */
#include <config.h>

#include <string.h>

#include "threads.h"
#include "utf8.h"

#define COMMENTS (1u << BOILOFF__FAM_COMMENTS)

static int is_digit(char c)
{
  return c >= '0' && c <= '9';
}

/* Whether the byte before t[n] ends a word (a letter or digit, or the
 * last byte of a character beyond ASCII), not punctuation. */
static int after_word(const char *t, size_t n)
{
  unsigned char c;
  if (n == 0)
    return 0;
  c = (unsigned char)t[n - 1];
  return c >= 0x80 || boiloff__is_ascii_letter(c) || is_digit((char)c);
}

/* The length of t[0..n) without the spaces that end it. */
static size_t trim_end(const char *t, size_t n)
{
  while (n > 0 && t[n - 1] == ' ')
    n--;
  return n;
}

/* What may follow a count of comments, before anything else: a colon
 * or a bracket; or a quote, which opens the post's title; or an
 * ellipsis, and then what the thread's heading goes on to say ("{ 14
 * comments… read them below or add one }"). */
static const char *const count_goes_on[] = {":", "(", "\xEF\xBC\x9A",
                                            "\xEF\xBC\x88"};
static const char *const ellipses[] = {"\xE2\x80\xA6", "..."};
static const char *const title_quotes[] = {"\"",           "'",
                                           "\xC2\xBB",     "\xC2\xAB",
                                           "\xE2\x80\x9C", "\xE2\x80\x9D",
                                           "\xE2\x80\x9E", "\xE2\x80\x98",
                                           "\xE2\x80\x99", "\xE2\x80\x9A",
                                           "\xE3\x80\x8C", "\xE3\x80\x8E",
                                           "\xE3\x80\x8A", "\xE3\x80\x88"};

/* Whether t[0..n) begins with one of the `count` strings of `set`. */
static int begins_with_any(const char *t, size_t n, const char *const *set,
                           size_t count)
{
  size_t i;
  for (i = 0; i < count; i++) {
    size_t w = strlen(set[i]);
    if (n >= w && memcmp(t, set[i], w) == 0)
      return 1;
  }
  return 0;
}

/* Whether s counts a thread's comments: a COUNT phrase ("# comments",
 * "# responses to", "# kommentare", "eine antwort auf", "# 件のコメント")
 * and nothing after it, or punctuation (: … ( and quotes) and then
 * anything: "53 Responses to “Title”", "{ 14 comments… read them below
 * or add one }", "2 Kommentare zu „Title“"; after a number and a
 * preposition (a stopword) the title need not be quoted: "15 comments
 * to Title".  Not a sentence that begins with the words ("Eine Antwort
 * auf die Frage gibt es nicht"), nor "Posted in C++ | 16 Comments".  One line
 * of chrome like the others: as a thread at once it lost the whole of a news
 * article whose byline reads "11 Comments" (readability/yahoo-2), and
 * cleaneval's threads. */
int boiloff__comment_heading(const char *t, size_t n, unsigned words,
                             const boiloff__phrase_hits *hits)
{
  boiloff__tokenizer tz;
  boiloff__token tok;
  unsigned k;
  size_t end = 0;
  int counted = 0; /* a number, not "one" or "eine" */
  if (!t || words < 2 || words > 12 || !hits ||
      !(hits->count_families & COMMENTS))
    return 0;
  boiloff__tokenizer_init(&tz, t, n);
  for (k = 0; k < hits->count_words; k++) {
    if (!boiloff__tokenizer_next(&tz, &tok))
      return 0;
    if (k == 0)
      counted = tok.is_number;
    end = tok.offset + tok.bytes;
  }
  if (counted && boiloff__is_stopword(tok.hash) && end < n)
    return BOILOFF__COUNT_THREAD_HEAD; /* "15 comments to Title" */
  while (end < n && t[end] == ' ')
    end++;
  if (end == n)
    return BOILOFF__COUNT_PLAIN;
  if (begins_with_any(t + end, n - end, title_quotes,
                      sizeof title_quotes / sizeof *title_quotes))
    return BOILOFF__COUNT_THREAD_HEAD;
  if (begins_with_any(t + end, n - end, ellipses,
                      sizeof ellipses / sizeof *ellipses)) {
    end += 3; /* either ellipsis is three bytes */
    while (end < n && t[end] == ' ')
      end++;
    return end < n ? BOILOFF__COUNT_THREAD_HEAD : BOILOFF__COUNT_PLAIN;
  }
  if (begins_with_any(t + end, n - end, count_goes_on,
                      sizeof count_goes_on / sizeof *count_goes_on))
    return BOILOFF__COUNT_PLAIN;
  return 0;
}

/* Whether t[0..n) holds a digit: a date or a time. */
static int has_digit(const char *t, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (is_digit(t[i]))
      return 1;
  return 0;
}

/* Whether t[0..n), trimmed, ends in a SAID phrase and a colon, a comma or
 * an ellipsis. */
static int ends_saying(const char *t, size_t n)
{
  size_t m = n;
  if (m >= 1 && (t[m - 1] == ':' || t[m - 1] == ','))
    m--; /* "Ann says:", and some themes' "Ann said," */
  else if (m >= 3 && memcmp(t + m - 3, "\xEF\xBC\x9A", 3) == 0)
    m -= 3; /* the full-width colon of Chinese and Japanese */
  else if (m >= 3 && (memcmp(t + m - 3, "...", 3) == 0 ||
                      memcmp(t + m - 3, "\xE2\x80\xA6", 3) == 0))
    m -= 3; /* Blogger's "Ann said...", "Hans hat gesagt…" */
  if (m == n)
    return 0;
  m = trim_end(t, m);
  if (m > 0 && t[m - 1] == ')') /* "napisał(a):" */
    m--;
  return after_word(t, m);
}

/* The length of t[0..n) less a final number and "#" ("Reply #2"). */
static size_t before_number(const char *t, size_t n)
{
  while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '#' || is_digit(t[n - 1])))
    n--;
  return n;
}

/* Whether s is a comment's signature line: one that ends in its reply or
 * permalink link, a LINK phrase ("Bill Hays | November 9, 2012 5:54 PM |
 * Reply", "July 4, 2012 at 12:48 pm | Permalink", "by Ann on May 3, 2012
 * at 8:55 pm. Reply #", "... | Antworten": 2 to 16 words, nothing after
 * the link but a "#" and a number), or a name that says it, a SAID phrase
 * and a colon, a comma or Blogger's ellipsis ("Ann says:", "Hans sagt:",
 * "Marie a dit :", "Jan napisał(a):", "张三 说道：", "Ann said,", "Ann
 * said...": up to 8 words, the verb last). Such
 * lines are almost never in the gold (doc/EVALUATION.md).  Lines with a time
 * after "at" are comments' too, but cleaneval's gold keeps comments, and
 * counting them cost more there than it gained. */
int boiloff__comment_stamp(const char *t, size_t n, unsigned words,
                           const boiloff__phrase_hits *hits)
{
  if (!t || words < 2 || words > 16 || !hits ||
      !((hits->said_families | hits->link_families) & COMMENTS))
    return 0;
  n = trim_end(t, n);
  if (words <= 8 && (hits->said_families & COMMENTS) && ends_saying(t, n))
    return 1;
  if (hits->link_families & COMMENTS)
    return after_word(t, before_number(t, n));
  return 0;
}

int boiloff__comment_signed(const char *t, size_t n, unsigned words,
                            const boiloff__phrase_hits *hits)
{
  if (!t || words < 3 || words > 16 || !hits)
    return 0;
  n = trim_end(t, n);
  if ((hits->said_families & COMMENTS) && has_digit(t, n) && ends_saying(t, n))
    return 1;
  if (hits->link_families & COMMENTS) {
    n = before_number(t, n);
    return after_word(t, n) && has_digit(t, n);
  }
  return 0;
}

/* The length of t[0..n) less a final "am"/"pm" (either case, "a.m."). */
static size_t trim_meridiem(const char *t, size_t n)
{
  static const char *const marks[] = {"am", "pm", "AM", "PM", "a.m.", "p.m."};
  size_t i;
  for (i = 0; i < sizeof marks / sizeof *marks; i++) {
    size_t w = strlen(marks[i]);
    if (n > w && memcmp(t + n - w, marks[i], w) == 0 &&
        !boiloff__is_ascii_letter((unsigned char)t[n - w - 1]))
      return trim_end(t, n - w);
  }
  return n;
}

int boiloff__comment_dated(const char *t, size_t n, unsigned words)
{
  if (!t || words < 2 || words > 12)
    return 0;
  n = trim_meridiem(t, trim_end(t, n));
  /* " H:MM" or " HH:MM" at the end. */
  if (n < 5 || !is_digit(t[n - 1]) || !is_digit(t[n - 2]) || t[n - 3] != ':' ||
      !is_digit(t[n - 4]))
    return 0;
  n -= 4;
  if (is_digit(t[n - 1]))
    n--;
  return n > 0 && t[n - 1] == ' ';
}
