/* work_pool.h - tasks done on worker threads and finished in order.
 *
 * The caller's thread fills numbered slots one after the other; the
 * workers take them in that order, each with a state of its own.  Each
 * task is then "retired" (its results written) in the same order, by
 * the worker that finds it the oldest one done, so what is written is
 * what one thread would have written, as soon as it can be.  One task is
 * retired at a time.  At most `depth` tasks are held at once: the caller
 * waits for the oldest when every slot is in use.  The caller owns the
 * tasks' memory (an array of `depth`, indexed by slot). */
#ifndef BOILOFF_CLI_WORK_POOL_H
#define BOILOFF_CLI_WORK_POOL_H

/* On a worker's thread: the task in `slot`, with that worker's state. */
typedef void (*work_pool_fn)(void *state, unsigned slot);
/* On some worker's thread, in the order of the tasks: the task in
 * `slot` is done.  Nonzero stops the retiring: no later task is. */
typedef int (*work_pool_retire_fn)(void *user, unsigned slot);

struct work_pool;

/* Starts `workers` threads (signals blocked in them); states[i] is the
 * i-th worker's.  NULL when a thread or memory cannot be had. */
struct work_pool *work_pool_new(unsigned workers, unsigned depth,
                                work_pool_fn work, void *const *states,
                                work_pool_retire_fn retire, void *user);

/* The slot to fill next, once one is free (waiting for the oldest task
 * to be retired).  0, or the retire function's nonzero once it stopped. */
int work_pool_slot(struct work_pool *p, unsigned *slot);
/* The slot work_pool_slot gave is filled: a worker may take it. */
void work_pool_submit(struct work_pool *p);
/* Waits until every task submitted is retired: then the caller may write
 * where the retire function writes.  0, or its nonzero. */
int work_pool_wait(struct work_pool *p);
/* Stops the workers once their current tasks are done, and frees the
 * pool.  Tasks not retired are dropped. */
void work_pool_free(struct work_pool *p);

#endif
