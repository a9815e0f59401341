/* nodlopen.h - the dlopen() of the tests that fails on request (see
 * nodlopen.c). */
#ifndef BOILOFF_NODLOPEN_H
#define BOILOFF_NODLOPEN_H

/* Nonzero when BOILOFF_TEST_NO_DLOPEN denies loading `file`. */
int boiloff_test_denied(const char *file);

#endif
