/* pipeline.c - the blocks' features on a thread of its own (see
 * pipeline.h).
 *
 * One mutex guards the hand-offs; two condition variables wake each end.
 * The caller's thread stages its lines, then hands them on as the pending
 * run, which the front takes as its work.  The batches form a ring: the
 * back reads those from `head` on (`ready` of them), and the front fills
 * the one after them while it holds one.  Each end works on its own run
 * and batch without the lock. */
#include <config.h>

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "pipeline.h"

/* Enough batches that neither end waits for the other while both have
 * work.  Each hand-over may wake the other end (a system call, and a
 * context switch on its side), so a batch is large enough that these cost
 * little beside its work, and small enough that the back starts soon and
 * memory stays low. */
#define NBATCHES 3
#define BATCH_RECORDS 512
#define BATCH_TEXT 65536
/* The caller's thread hands its lines on at the end of each chunk of
 * input, or when this many bytes of them wait; lines handed on while the
 * last run still waits are added to it up to this size.  The slack lets
 * either thread run ahead a while: the two have about the same work. */
#define RUN_BYTES 262144
/* The front is woken for this much, or when the caller's thread waits
 * for it: runs of a few bytes would otherwise wake it for each. */
#define WAKE_BYTES 4096

/* A line as the caller's thread hands it on, in a run of them: this
 * head, then its text and a NUL.  Heads are copied in and out, so they
 * need no alignment. */
typedef struct line_head {
  size_t len;
  unsigned long line;
  int continued;
} line_head;

static size_t entry_size(size_t len)
{
  return sizeof(line_head) + len + 1;
}

typedef struct stored {
  size_t off, len; /* of its text in the batch's buffer */
  unsigned long line;
  int continued;
  boiloff__features f;
} stored;

typedef struct batch {
  stored rec[BATCH_RECORDS];
  size_t n;
  boiloff__buf text;
} batch;

/* Where a line was last met: a record of a batch, while the front has
 * not emptied it again (the back only reads batches).  The line's length
 * is kept here, so that most misses are known without reading the
 * record; 0: none (an empty line never enters the memo). */
typedef struct memo_ref {
  size_t len;
  unsigned char batch;
  unsigned short rec;
} memo_ref;

struct boiloff__pipeline {
  boiloff_allocator alloc;
  boiloff__record_fn back;
  void *user;
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t to_front, to_back;

  /* The caller's own: the lines not yet handed on. */
  boiloff__buf staged;

  /* Guarded by the lock. */
  boiloff__buf pending; /* the next run of lines */
  int has_pending, end_pending, done;
  int running;  /* the front is at work (not waiting) */
  int blocked;  /* it waits for a batch to fill */
  int aborting; /* a reset: the front stops where it is */
  int quit;
  boiloff_status front_error, back_error;
  unsigned head, ready;
  batch batches[NBATCHES];

  /* The front's own. */
  boiloff__buf work;  /* the run of lines it puts */
  batch *filling;     /* NULL: it holds none */
  memo_ref memo[256]; /* by boiloff__line_bucket */

  boiloff__features blank; /* an empty line's, which no record holds:
                              scraped text has many */
};

static void publish_locked(boiloff__pipeline *p)
{
  if (p->filling && p->filling->n) {
    p->ready++;
    p->filling = NULL;
    pthread_cond_signal(&p->to_back);
  }
}

/* The front's next batch: waits for room.  NULL when a reset stops it. */
static batch *take_batch(boiloff__pipeline *p)
{
  batch *b = NULL;
  pthread_mutex_lock(&p->lock);
  p->running = 0;
  p->blocked = 1;
  while (p->ready == NBATCHES && !p->aborting) {
    pthread_cond_signal(&p->to_back);
    pthread_cond_wait(&p->to_front, &p->lock);
  }
  p->blocked = 0;
  p->running = 1;
  if (!p->aborting) {
    b = &p->batches[(p->head + p->ready) % NBATCHES];
    b->n = 0;
    boiloff__buf_clear(&b->text);
  }
  pthread_mutex_unlock(&p->lock);
  return b;
}

/* Record r's features (its text stored in batch b, read by the front at
 * src, where it is still in cache): a copy of those of the same line met
 * in a batch still held, if the memo knows one (a block's features depend
 * on its text alone), else computed.  An empty line's are p->blank. */
static void measure(boiloff__pipeline *p, const batch *b, stored *r,
                    const char *src)
{
  const char *text = b->text.data + r->off;
  unsigned bucket;
  memo_ref *m;
  const batch *mb;
  const stored *q;
  if (!r->len)
    return;
  bucket = boiloff__line_bucket(src, r->len);
  m = &p->memo[bucket];
  mb = &p->batches[m->batch];
  q = &mb->rec[m->rec];
  /* The record's own length is tested too, as its batch may have been
   * filled anew since (r itself is not yet counted in b->n). */
  if (m->len == r->len && m->rec < mb->n && q->len == r->len &&
      memcmp(mb->text.data + q->off, text, r->len) == 0)
    r->f = q->f;
  else
    boiloff__features_compute(text, r->len, &r->f);
  m->len = r->len;
  m->batch = (unsigned char)(b - p->batches);
  m->rec = (unsigned short)b->n;
}

/* On the front's thread: a line into the batch it fills, measured. */
static boiloff_status put(boiloff__pipeline *p, const char *text, size_t len,
                          unsigned long line, int continued)
{
  batch *b = p->filling;
  stored *r;
  boiloff_status st;
  if (!b && !(b = p->filling = take_batch(p)))
    return BOILOFF_STOPPED;
  r = &b->rec[b->n];
  r->off = b->text.len;
  r->len = len;
  if ((st = boiloff__buf_append_string(&b->text, text, len)) != BOILOFF_OK)
    return st;
  r->line = line;
  r->continued = continued;
  measure(p, b, r, text);
  if (++b->n == BATCH_RECORDS || b->text.len >= BATCH_TEXT) {
    pthread_mutex_lock(&p->lock);
    publish_locked(p);
    pthread_mutex_unlock(&p->lock);
  }
  return BOILOFF_OK;
}

/* Puts each line of the run in p->work. */
static boiloff_status put_run(boiloff__pipeline *p)
{
  const char *q = p->work.data, *end = q + p->work.len;
  while (q < end) {
    line_head h;
    boiloff_status st;
    memcpy(&h, q, sizeof h);
    if ((st = put(p, q + sizeof h, h.len, h.line, h.continued)) != BOILOFF_OK)
      return st;
    q += entry_size(h.len);
  }
  return BOILOFF_OK;
}

/* The front's thread: each run of lines, then the end. */
static void *front_main(void *arg)
{
  boiloff__pipeline *p = arg;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    boiloff_status st = BOILOFF_OK;
    int final;
    while (!p->has_pending && !p->end_pending && !p->quit) {
      p->running = 0;
      pthread_cond_broadcast(&p->to_back);
      pthread_cond_wait(&p->to_front, &p->lock);
    }
    if (p->quit)
      break;
    p->running = 1;
    final = !p->has_pending;
    if (!final) { /* take the run: the caller may queue the next */
      boiloff__buf t = p->work;
      p->work = p->pending;
      p->pending = t;
      p->has_pending = 0;
    } else {
      p->end_pending = 0;
    }
    pthread_cond_signal(&p->to_back);
    if (p->front_error == BOILOFF_OK) {
      pthread_mutex_unlock(&p->lock);
      st = final ? BOILOFF_OK : put_run(p);
      pthread_mutex_lock(&p->lock);
    }
    publish_locked(p);
    if (st != BOILOFF_OK && p->front_error == BOILOFF_OK)
      p->front_error = st;
    if (final)
      p->done = 1;
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

/* Classifies one batch, without the lock. */
static boiloff_status run_batch(boiloff__pipeline *p, const batch *b)
{
  size_t i;
  for (i = 0; i < b->n; i++) {
    const stored *s = &b->rec[i];
    boiloff__record r;
    boiloff_status st;
    r.text = b->text.data + s->off;
    r.len = s->len;
    r.line = s->line;
    r.continued = s->continued;
    r.f = s->len ? &s->f : &p->blank;
    if ((st = p->back(p->user, &r)) != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

typedef int (*wait_done_fn)(const boiloff__pipeline *p);

static int room_for_run(const boiloff__pipeline *p)
{
  return !p->has_pending;
}

/* The front has put every line handed on, and the back classified them. */
static int all_classified(const boiloff__pipeline *p)
{
  return !p->has_pending && !p->running && !p->blocked && !p->ready;
}

static int front_finished(const boiloff__pipeline *p)
{
  return p->done && !p->ready;
}

static int nothing_to_wait_for(const boiloff__pipeline *p)
{
  (void)p;
  return 1;
}

/* The caller's thread waits (holding the lock): the front is woken first
 * if input waits for it. */
static void wait_for_front(boiloff__pipeline *p)
{
  if (p->has_pending)
    pthread_cond_signal(&p->to_front);
  pthread_cond_wait(&p->to_back, &p->lock);
}

/* On the caller's thread: classifies the batches as they come until
 * `done` holds, an end fails, or the front has stopped on an error with
 * nothing left before it. */
static boiloff_status drain(boiloff__pipeline *p, wait_done_fn done)
{
  boiloff_status st = BOILOFF_OK;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    if (p->back_error != BOILOFF_OK) {
      st = p->back_error;
      break;
    }
    if (p->ready) {
      batch *b = &p->batches[p->head];
      pthread_mutex_unlock(&p->lock);
      st = run_batch(p, b);
      pthread_mutex_lock(&p->lock);
      p->head = (p->head + 1) % NBATCHES;
      p->ready--;
      pthread_cond_signal(&p->to_front);
      if (st != BOILOFF_OK)
        p->back_error = st;
      continue;
    }
    if (p->front_error != BOILOFF_OK && !p->running && !p->has_pending &&
        !p->end_pending) {
      st = p->front_error;
      break;
    }
    if (done(p))
      break;
    wait_for_front(p);
  }
  pthread_mutex_unlock(&p->lock);
  return st;
}

/* Hands the staged lines on: added to the run that waits when there is
 * room, else once the front has taken that run. */
static boiloff_status hand_on(boiloff__pipeline *p)
{
  boiloff_status st = BOILOFF_OK;
  if (!p->staged.len)
    return BOILOFF_OK;
  pthread_mutex_lock(&p->lock);
  if (p->has_pending && p->pending.len + p->staged.len <= RUN_BYTES) {
    st = boiloff__buf_append(&p->pending, p->staged.data, p->staged.len);
  } else {
    boiloff__buf t;
    pthread_mutex_unlock(&p->lock);
    if ((st = drain(p, room_for_run)) != BOILOFF_OK)
      return st;
    pthread_mutex_lock(&p->lock);
    t = p->pending; /* the front's last run, or nothing */
    p->pending = p->staged;
    p->staged = t;
  }
  if (st == BOILOFF_OK) {
    boiloff__buf_clear(&p->staged);
    p->has_pending = 1;
    if (p->pending.len >= WAKE_BYTES)
      pthread_cond_signal(&p->to_front);
  }
  pthread_mutex_unlock(&p->lock);
  return st;
}

boiloff_status boiloff__pipeline_line(boiloff__pipeline *p, const char *text,
                                      size_t len, unsigned long line,
                                      int continued)
{
  line_head h;
  char *at;
  boiloff_status st;
  if (len > (size_t)-1 - sizeof h - 2)
    return BOILOFF_ERR_NOMEM;
  if (p->staged.cap - p->staged.len < entry_size(len) + 1 &&
      (st = boiloff__buf_reserve(&p->staged, entry_size(len))) != BOILOFF_OK)
    return st;
  /* Field by field: a copy of a whole head built on the stack would read
   * back the stores just made in one wider load, which stalls. */
  at = p->staged.data + p->staged.len;
  memcpy(at + offsetof(line_head, len), &len, sizeof h.len);
  memcpy(at + offsetof(line_head, line), &line, sizeof h.line);
  memcpy(at + offsetof(line_head, continued), &continued, sizeof h.continued);
  if (len)
    memcpy(at + sizeof h, text, len);
  at[sizeof h + len] = '\0';
  p->staged.len += entry_size(len);
  p->staged.data[p->staged.len] = '\0';
  return p->staged.len >= RUN_BYTES ? hand_on(p) : BOILOFF_OK;
}

boiloff_status boiloff__pipeline_send(boiloff__pipeline *p)
{
  boiloff_status st = hand_on(p);
  if (st != BOILOFF_OK)
    return st;
  return drain(p, nothing_to_wait_for); /* what is ready already */
}

boiloff_status boiloff__pipeline_sync(boiloff__pipeline *p)
{
  boiloff_status st = hand_on(p);
  if (st != BOILOFF_OK)
    return st;
  return drain(p, all_classified);
}

boiloff_status boiloff__pipeline_finish(boiloff__pipeline *p)
{
  boiloff_status st = hand_on(p);
  if (st == BOILOFF_OK)
    st = drain(p, room_for_run);
  if (st != BOILOFF_OK)
    return st;
  pthread_mutex_lock(&p->lock);
  p->end_pending = 1;
  pthread_cond_signal(&p->to_front);
  pthread_mutex_unlock(&p->lock);
  return drain(p, front_finished);
}

void boiloff__pipeline_reset(boiloff__pipeline *p)
{
  pthread_mutex_lock(&p->lock);
  p->has_pending = p->end_pending = 0;
  p->aborting = 1;
  pthread_cond_signal(&p->to_front);
  while (p->running || p->blocked)
    pthread_cond_wait(&p->to_back, &p->lock);
  p->aborting = 0;
  p->filling = NULL; /* the front is idle: its fields are ours */
  p->head = p->ready = 0;
  p->done = 0;
  p->front_error = p->back_error = BOILOFF_OK;
  pthread_mutex_unlock(&p->lock);
  boiloff__buf_clear(&p->staged);
}

static void free_buffers(boiloff__pipeline *p)
{
  unsigned i;
  for (i = 0; i < NBATCHES; i++)
    boiloff__buf_free(&p->batches[i].text);
  boiloff__buf_free(&p->staged);
  boiloff__buf_free(&p->pending);
  boiloff__buf_free(&p->work);
}

boiloff__pipeline *boiloff__pipeline_new(const boiloff_allocator *a,
                                         boiloff__record_fn back, void *user)
{
  boiloff__pipeline *p = boiloff__calloc(a, 1, sizeof *p);
  sigset_t all, old;
  unsigned i;
  int failed;
  if (!p)
    return NULL;
  p->alloc = *a;
  p->back = back;
  p->user = user;
  boiloff__features_compute("", 0, &p->blank);
  for (i = 0; i < NBATCHES; i++)
    boiloff__buf_init(&p->batches[i].text, &p->alloc);
  boiloff__buf_init(&p->staged, &p->alloc);
  boiloff__buf_init(&p->pending, &p->alloc);
  boiloff__buf_init(&p->work, &p->alloc);
  if (pthread_mutex_init(&p->lock, NULL) != 0)
    goto no_lock;
  if (pthread_cond_init(&p->to_front, NULL) != 0)
    goto no_front_cond;
  if (pthread_cond_init(&p->to_back, NULL) != 0)
    goto no_back_cond;
  /* Signals are the caller's: the front's thread takes none. */
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  failed = pthread_create(&p->thread, NULL, front_main, p) != 0;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (!failed)
    return p;
  pthread_cond_destroy(&p->to_back);
no_back_cond:
  pthread_cond_destroy(&p->to_front);
no_front_cond:
  pthread_mutex_destroy(&p->lock);
no_lock:
  boiloff__free(&p->alloc, p);
  return NULL;
}

void boiloff__pipeline_free(boiloff__pipeline *p)
{
  boiloff_allocator a;
  if (!p)
    return;
  boiloff__pipeline_reset(p);
  pthread_mutex_lock(&p->lock);
  p->quit = 1;
  pthread_cond_signal(&p->to_front);
  pthread_mutex_unlock(&p->lock);
  pthread_join(p->thread, NULL);
  pthread_cond_destroy(&p->to_back);
  pthread_cond_destroy(&p->to_front);
  pthread_mutex_destroy(&p->lock);
  free_buffers(p);
  a = p->alloc;
  boiloff__free(&a, p);
}
