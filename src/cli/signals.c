/* signals.c - the only global state of the command (see signals.h). */
#include <config.h>

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "signals.h"

/* C11 7.14.1.1: a handler may store to a lock-free atomic object, and
 * unlike volatile sig_atomic_t it is also race-free between threads. */
static atomic_int caught = 0;

static void S_handler(int sig)
{
  int zero = 0;
  atomic_compare_exchange_strong(&caught, &zero, sig);
}

void signals_install(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = S_handler;
  sa.sa_flags = 0; /* no SA_RESTART: a blocked read(2) returns EINTR */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL);
}

int cli_interrupted(void)
{
  return atomic_load(&caught);
}
