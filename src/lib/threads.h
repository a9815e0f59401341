/* threads.h - the chrome of reader comment threads: a line that counts a
 * thread's comments, and a comment's signature line. */
#ifndef BOILOFF_THREADS_H
#define BOILOFF_THREADS_H

#include <stddef.h>

#include "lexicon.h"

/* Whether the line t[0..n) of `words` words, whose phrases are `hits`,
 * counts a thread's comments ("12 Comments", "53 Responses to ...",
 * "3 Kommentare"). */
int boiloff__comment_heading(const char *t, size_t n, unsigned words,
                             const boiloff__phrase_hits *hits);

/* Whether it is a comment's signature ("... | Reply", "Ann says:",
 * "Hans sagt:"). */
int boiloff__comment_stamp(const char *t, size_t n, unsigned words,
                           const boiloff__phrase_hits *hits);

#endif
