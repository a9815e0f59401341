/* dynload.c - libxml2 and uchardet, loaded at the first input that needs
 * them (see dynload.h). */
#include <config.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "dynload.h"

struct boiloff__libxml2 boiloff__libxml2;
static pthread_once_t libxml2_once = PTHREAD_ONCE_INIT;
static int libxml2_loaded;
/* dlerror()'s text is the thread's and gone at its next call: kept. */
static char libxml2_error[512];

/* Sets the table's pointer to f from the handle h, or goes to `missing`.
 * (f is pasted and quoted only: dynload.h routes its plain name.)  No
 * dlclose: the pointers taken stay valid for the process's life. */
#define RESOLVE_LIBXML2(f)                                     \
  if (!(boiloff__libxml2.p_##f =                               \
            (__typeof__(boiloff__libxml2.p_##f))dlsym(h, #f))) \
    goto missing;

static void note(char *to, size_t size, const char *soname)
{
  const char *why = dlerror();
  snprintf(to, size, "%s", why ? why : soname);
}

static void load_libxml2(void)
{
  void *h = dlopen(LIBXML2_SONAME, RTLD_LAZY | RTLD_LOCAL);
  if (!h) {
    note(libxml2_error, sizeof libxml2_error, LIBXML2_SONAME);
    return;
  }
  BOILOFF__LIBXML2_FUNCTIONS(RESOLVE_LIBXML2)
  boiloff__libxml2.p_xmlInitParser(); /* libxml2's global tables, once */
  libxml2_loaded = 1;
  return;
missing:
  note(libxml2_error, sizeof libxml2_error, LIBXML2_SONAME);
}

boiloff_status boiloff__libxml2_load(void)
{
  pthread_once(&libxml2_once, load_libxml2);
  return libxml2_loaded ? BOILOFF_OK : BOILOFF_ERR_LIBRARY;
}

const char *boiloff__libxml2_error(void)
{
  pthread_once(&libxml2_once, load_libxml2);
  return libxml2_loaded ? NULL : libxml2_error;
}

#ifdef HAVE_UCHARDET
struct boiloff__uchardet boiloff__uchardet;
static pthread_once_t uchardet_once = PTHREAD_ONCE_INIT;
static int uchardet_loaded;
#define RESOLVE_UCHARDET(f)                                     \
  if (!(boiloff__uchardet.p_##f =                               \
            (__typeof__(boiloff__uchardet.p_##f))dlsym(h, #f))) \
    goto missing;

static void load_uchardet(void)
{
  void *h = dlopen(UCHARDET_SONAME, RTLD_LAZY | RTLD_LOCAL);
  if (!h)
    return;
  BOILOFF__UCHARDET_FUNCTIONS(RESOLVE_UCHARDET)
  uchardet_loaded = 1;
missing:
  return;
}
#endif

boiloff_status boiloff__uchardet_load(void)
{
#ifdef HAVE_UCHARDET
  pthread_once(&uchardet_once, load_uchardet);
  return uchardet_loaded ? BOILOFF_OK : BOILOFF_ERR_LIBRARY;
#else
  return BOILOFF_ERR_LIBRARY;
#endif
}
