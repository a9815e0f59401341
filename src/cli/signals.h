/* signals.h - SIGINT/SIGTERM/SIGHUP set a flag that the read loops and the
 * batch workers poll; they then remove their temporary files and stop.
 * SIGPIPE is ignored, so a closed output pipe is an EPIPE write error that
 * the command handles quietly. */
#ifndef BOILOFF_CLI_SIGNALS_H
#define BOILOFF_CLI_SIGNALS_H

void signals_install(void);

/* 0, or the number of the first SIGINT/SIGTERM/SIGHUP received.  Safe to
 * call from any thread (a lock-free C11 atomic, which a signal handler may
 * also write). */
int cli_interrupted(void);

#endif
