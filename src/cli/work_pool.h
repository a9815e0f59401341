/* work_pool.h - tasks done on worker threads and finished in order.
 *
 * The caller's thread fills numbered slots one after the other; the
 * workers take them in that order, each with a state of its own, and the
 * caller's thread finishes ("retires") them in the same order, so what it
 * writes is what one thread would have written.  At most `depth` tasks are
 * held at once: the caller waits for the oldest when every slot is in use.
 * The caller owns the tasks' memory (an array of `depth`, indexed by slot). */
#ifndef BOILOFF_CLI_WORK_POOL_H
#define BOILOFF_CLI_WORK_POOL_H

/* On a worker's thread: the task in `slot`, with that worker's state. */
typedef void (*work_pool_fn)(void *state, unsigned slot);
/* On the caller's thread: the task in `slot` is done.  Nonzero stops
 * the retiring (the error is the caller's to keep). */
typedef int (*work_pool_retire_fn)(void *user, unsigned slot);

struct work_pool;

/* Starts `workers` threads (signals blocked in them); states[i] is the
 * i-th worker's.  NULL when a thread or memory cannot be had. */
struct work_pool *work_pool_new(unsigned workers, unsigned depth,
                                work_pool_fn work, void *const *states);

/* The slot to fill next, once one is free: the oldest tasks are retired
 * (waiting for them) until one is.  0, or the retire function's nonzero. */
int work_pool_slot(struct work_pool *p, work_pool_retire_fn retire, void *user,
                   unsigned *slot);
/* The slot work_pool_slot gave is filled: a worker may take it. */
void work_pool_submit(struct work_pool *p);
/* Retires, in order, the tasks that are done, up to the first that is
 * not; with `all`, waits for every task submitted.  0, or the retire
 * function's nonzero. */
int work_pool_retire(struct work_pool *p, work_pool_retire_fn retire,
                     void *user, int all);
/* Stops the workers once their current tasks are done, and frees the
 * pool.  Tasks not retired are dropped. */
void work_pool_free(struct work_pool *p);

#endif
