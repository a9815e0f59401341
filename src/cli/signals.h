/* signals.h - SIGINT/SIGTERM set a flag that the read loops and the batch
 * workers poll; they then remove their temporary files and stop.  SIGPIPE
 * is ignored, so a closed output pipe is an EPIPE write error that the
 * command handles quietly. */
#ifndef BOILOFF_CLI_SIGNALS_H
#define BOILOFF_CLI_SIGNALS_H

#include <signal.h>

/* 0, or the number of the first SIGINT/SIGTERM/SIGHUP received. */
extern volatile sig_atomic_t cli_signal;

void signals_install(void);

#endif
