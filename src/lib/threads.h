/* threads.h - the chrome of reader comment threads: a line that counts a
 * thread's comments, and a comment's signature line. */
#ifndef BOILOFF_THREADS_H
#define BOILOFF_THREADS_H

#include <stddef.h>

#include "lexicon.h"

/* Whether the line t[0..n) of `words` words, whose phrases are `hits`,
 * counts a thread's comments: 0 if not; BOILOFF__COUNT_PLAIN ("12
 * Comments", "3 Kommentare:"), which a byline may read too; or
 * BOILOFF__COUNT_THREAD_HEAD, which only heads a thread: the post's title
 * follows ("53 Responses to “Title”", "15 comments to Title", "2
 * Kommentare zu „Title“"), or an ellipsis and more ("{ 14 comments…
 * read them below or add one }"). */
enum { BOILOFF__COUNT_PLAIN = 1, BOILOFF__COUNT_THREAD_HEAD = 2 };
int boiloff__comment_heading(const char *t, size_t n, unsigned words,
                             const boiloff__phrase_hits *hits);

/* Whether it is a comment's signature ("... | Reply", "Ann says:",
 * "Hans sagt:"). */
int boiloff__comment_stamp(const char *t, size_t n, unsigned words,
                           const boiloff__phrase_hits *hits);

/* Whether it is a signature with its date: a name that says it, with a
 * digit before ("At 4/19/2005 7:14 PM, Ann said...", "Beth on August 22,
 * 2012 at 6:29 pm said:"), up to 16 words where comment_stamp() takes 8
 * (an article's line that introduces a quote, "Commenting on it, the
 * minister said:", carries no date); or a date that ends in a LINK phrase
 * ("Posted 9/19/2012 at 9:02 am | Permalink"). */
int boiloff__comment_signed(const char *t, size_t n, unsigned words,
                            const boiloff__phrase_hits *hits);

/* Whether it is a short line that ends in a time of day, as a comment's
 * name and date do ("Maria July 7, 2012 at 2:31 pm", "Ann 12.03.2012
 * 18:05"): a signature only where a thread is known to start, as an
 * article's byline or a news item may read the same. */
int boiloff__comment_dated(const char *t, size_t n, unsigned words);

#endif
