/* signals.c - the only global state of the command (see signals.h). */
#include <config.h>

#include <signal.h>
#include <string.h>

#include "signals.h"

volatile sig_atomic_t cli_signal = 0;

static void S_handler(int sig)
{
  if (!cli_signal)
    cli_signal = sig;
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
