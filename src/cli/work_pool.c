/* work_pool.c - tasks on worker threads, finished in order (see
 * work_pool.h).  Tasks are numbered as they are submitted; slot = number
 * modulo depth.  One mutex guards the counters and the flags. */
#include <config.h>

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "work_pool.h"

struct work_pool {
  pthread_mutex_t lock;
  pthread_cond_t to_workers, to_caller;
  work_pool_fn work;
  work_pool_retire_fn retire;
  void *user;
  unsigned depth, started;
  pthread_t *threads;
  /* Guarded by the lock.  Numbers of tasks: the next one filled, the
   * next a worker takes, the next retired. */
  unsigned long long filled, taken, retired;
  unsigned char *done; /* by slot */
  int retiring;        /* a worker is retiring tasks */
  int stop;            /* the retire function's nonzero */
  int quit;
};

/* Retires, in order, the tasks done from the oldest on, unless another
 * thread is at it (it will see those done meanwhile).  With the lock. */
static void S_retire_done(struct work_pool *p)
{
  if (p->retiring)
    return;
  p->retiring = 1;
  while (!p->stop && p->retired < p->filled && p->done[p->retired % p->depth]) {
    unsigned slot = (unsigned)(p->retired % p->depth);
    int rc;
    p->done[slot] = 0;
    pthread_mutex_unlock(&p->lock);
    rc = p->retire(p->user, slot);
    pthread_mutex_lock(&p->lock);
    p->retired++;
    p->stop = rc;
  }
  p->retiring = 0;
  pthread_cond_broadcast(&p->to_caller);
}

struct worker_arg {
  struct work_pool *p;
  void *state;
};

static void *S_worker(void *arg)
{
  struct worker_arg *wa = arg;
  struct work_pool *p = wa->p;
  void *state = wa->state;
  free(wa);
  pthread_mutex_lock(&p->lock);
  for (;;) {
    unsigned slot;
    while (p->taken == p->filled && !p->quit)
      pthread_cond_wait(&p->to_workers, &p->lock);
    if (p->quit)
      break;
    slot = (unsigned)(p->taken++ % p->depth);
    pthread_mutex_unlock(&p->lock);
    p->work(state, slot);
    pthread_mutex_lock(&p->lock);
    p->done[slot] = 1;
    S_retire_done(p);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

static void S_stop(struct work_pool *p)
{
  unsigned i;
  pthread_mutex_lock(&p->lock);
  p->quit = 1;
  pthread_cond_broadcast(&p->to_workers);
  pthread_mutex_unlock(&p->lock);
  for (i = 0; i < p->started; i++)
    pthread_join(p->threads[i], NULL);
}

static void S_destroy(struct work_pool *p)
{
  pthread_cond_destroy(&p->to_caller);
  pthread_cond_destroy(&p->to_workers);
  pthread_mutex_destroy(&p->lock);
  free(p->threads);
  free(p->done);
  free(p);
}

struct work_pool *work_pool_new(unsigned workers, unsigned depth,
                                work_pool_fn work, void *const *states,
                                work_pool_retire_fn retire, void *user)
{
  struct work_pool *p = calloc(1, sizeof *p);
  sigset_t all, old;
  unsigned i;
  if (!p)
    return NULL;
  p->work = work;
  p->retire = retire;
  p->user = user;
  p->depth = depth;
  p->threads = calloc(workers, sizeof *p->threads);
  p->done = calloc(depth, 1);
  if (!p->threads || !p->done) {
    free(p->threads);
    free(p->done);
    free(p);
    return NULL;
  }
  pthread_mutex_init(&p->lock, NULL);
  pthread_cond_init(&p->to_workers, NULL);
  pthread_cond_init(&p->to_caller, NULL);
  /* Signals are the caller's: the workers take none. */
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (i = 0; i < workers; i++) {
    struct worker_arg *wa = malloc(sizeof *wa);
    if (!wa)
      break;
    wa->p = p;
    wa->state = states[i];
    if (pthread_create(&p->threads[i], NULL, S_worker, wa) != 0) {
      free(wa);
      break;
    }
    p->started++;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (p->started < workers) {
    S_stop(p);
    S_destroy(p);
    return NULL;
  }
  return p;
}

int work_pool_slot(struct work_pool *p, unsigned *slot)
{
  int stop;
  pthread_mutex_lock(&p->lock);
  while (!p->stop && p->filled - p->retired == p->depth)
    pthread_cond_wait(&p->to_caller, &p->lock);
  *slot = (unsigned)(p->filled % p->depth);
  stop = p->stop;
  pthread_mutex_unlock(&p->lock);
  return stop;
}

void work_pool_submit(struct work_pool *p)
{
  pthread_mutex_lock(&p->lock);
  p->filled++;
  pthread_cond_signal(&p->to_workers);
  pthread_mutex_unlock(&p->lock);
}

int work_pool_wait(struct work_pool *p)
{
  int stop;
  pthread_mutex_lock(&p->lock);
  while (!p->stop && (p->retired < p->filled || p->retiring))
    pthread_cond_wait(&p->to_caller, &p->lock);
  stop = p->stop;
  pthread_mutex_unlock(&p->lock);
  return stop;
}

void work_pool_free(struct work_pool *p)
{
  if (!p)
    return;
  S_stop(p);
  S_destroy(p);
}
