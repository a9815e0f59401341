/* main.c - the boiloff command: parses the options, loads a site profile,
 * and runs the filter (stdin/files -> stdout or -o FILE), batch mode
 * (-r, -o DIR, --files0-from) or --merge-profiles.  The exit codes are in
 * options.h and --help. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "boiloff.h"
#include "filter.h"
#include "options.h"
#include "output.h"
#include "signals.h"
#include "util.h"

static void S_profile_error(const char *path, boiloff_status st)
{
  if (st == BOILOFF_ERR_IO)
    cli_error("%s: %s", path, strerror(errno));
  else
    cli_error("%s: %s", path, boiloff_strerror(st));
}

/* --merge-profiles -o OUT IN...: the map-reduce "reduce" step. */
static int S_merge_profiles(const struct cli_options *o)
{
  boiloff_profile *p = boiloff_profile_new(NULL);
  boiloff_status st;
  int i, status = BOILOFF_EXIT_OK;

  if (!p) {
    cli_error("%s", strerror(ENOMEM));
    return BOILOFF_EXIT_FAILURE;
  }
  for (i = 0; i < o->noperands && !cli_interrupted(); i++)
    if ((st = boiloff_profile_load(p, o->operands[i])) != BOILOFF_OK) {
      S_profile_error(o->operands[i], st);
      status = BOILOFF_EXIT_FAILURE;
    }
  if (status == BOILOFF_EXIT_OK && !cli_interrupted() &&
      (st = boiloff_profile_save(p, o->output)) != BOILOFF_OK) {
    S_profile_error(o->output, st);
    status = BOILOFF_EXIT_FAILURE;
  }
  boiloff_profile_free(p);
  return cli_interrupted() ? BOILOFF_EXIT_SIGNAL + cli_interrupted() : status;
}

static int S_is_dir(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int S_ignore_block(void *user, const boiloff_block *b)
{
  (void)user;
  (void)b;
  return 0;
}

/* Is --from-code a charset the library can read?  Asked once here, so
 * that a typo is a usage error, not a failure of every file. */
static int S_charset_known(const char *name)
{
  boiloff_options lo;
  boiloff_options_init(&lo);
  lo.flags = BOILOFF_OPT_TEXT | BOILOFF_OPT_ALLOW_BINARY;
  lo.from_code = name;
  return boiloff_clean_buffer(&lo, "a\n", 2, S_ignore_block, NULL) !=
         BOILOFF_ERR_CHARSET;
}

/* Checks that the options go together; prints the usage error. */
static int S_check(const struct cli_options *o, int batch)
{
  if (o->lib.from_code && !*o->lib.from_code) {
    options_usage_error("empty charset name in --from-code");
    return -1;
  }
  if (o->lib.from_code && !S_charset_known(o->lib.from_code)) {
    options_usage_error("unknown charset: '%s'", o->lib.from_code);
    return -1;
  }
  if (o->merge_profiles) {
    if (!o->output || strcmp(o->output, "-") == 0 || !o->noperands) {
      options_usage_error(
          "--merge-profiles needs -o OUT_PROFILE and at least one PROFILE");
      return -1;
    }
    return 0;
  }
  if (o->recursive && !o->output) {
    options_usage_error("-r needs -o OUTPUT_DIR");
    return -1;
  }
  if (o->recursive && o->noperands != 1) {
    options_usage_error("-r takes exactly one INPUT_DIR");
    return -1;
  }
  if (o->recursive && o->files0_from) {
    options_usage_error("-r and --files0-from cannot be used together");
    return -1;
  }
  if (o->files0_from && o->noperands) {
    options_usage_error("file operands cannot be combined with --files0-from");
    return -1;
  }
  if (o->files0_from && !o->output) {
    options_usage_error("--files0-from needs -o OUTPUT_DIR");
    return -1;
  }
  if (o->save_profile && (o->profile_path || !o->site_learning)) {
    options_usage_error("--save-profile needs site learning (not with "
                        "--profile or --no-site-learning)");
    return -1;
  }
  if (batch) {
    int i;
    if (strcmp(o->output, "-") == 0) {
      options_usage_error(
          "batch mode needs -o OUTPUT_DIR, not standard output");
      return -1;
    }
    for (i = 0; i < o->noperands && !o->recursive; i++)
      if (strcmp(o->operands[i], "-") == 0) {
        options_usage_error("'-' (standard input) cannot be used with -o DIR");
        return -1;
      }
  } else if (o->save_profile || o->update || o->report || o->nincludes ||
             o->nexcludes) {
    options_usage_error(
        "--save-profile, --update, --report, --include and "
        "--exclude need batch mode (-r, -o DIR or --files0-from)");
    return -1;
  }
  return 0;
}

int main(int argc, char **argv)
{
  struct cli_options o;
  boiloff_profile *profile = NULL;
  boiloff_status st;
  int status, batch;

  status = options_parse(argc, argv, &o);
  if (status != 0) {
    if (status < 0) {            /* --help, --version */
      int werr = ferror(stdout); /* a write that failed mid-way */
      status = BOILOFF_EXIT_OK;
      if (fclose(stdout) != 0 || werr) {
        cli_error("write error: %s", strerror(errno));
        status = BOILOFF_EXIT_FAILURE;
      }
    }
    options_free(&o);
    return status;
  }
  if (o.output && !*o.output) {
    options_usage_error("empty output name");
    options_free(&o);
    return BOILOFF_EXIT_USAGE;
  }
  batch = !o.merge_profiles && (o.recursive || o.files0_from ||
                                (o.output && strcmp(o.output, "-") != 0 &&
                                 (o.noperands > 1 || S_is_dir(o.output) ||
                                  o.output[strlen(o.output) - 1] == '/')));
  if (S_check(&o, batch) != 0) {
    options_free(&o);
    return BOILOFF_EXIT_USAGE;
  }
  signals_install();
  if (output_global_init(o.format) != 0) { /* before any thread starts */
    options_free(&o);
    return BOILOFF_EXIT_FAILURE;
  }

  if (o.merge_profiles) {
    status = S_merge_profiles(&o);
    goto out;
  }
  if (o.profile_path) {
    profile = boiloff_profile_new(NULL);
    if (!profile) {
      cli_error("%s", strerror(ENOMEM));
      status = BOILOFF_EXIT_FAILURE;
      goto out;
    }
    if ((st = boiloff_profile_load(profile, o.profile_path)) != BOILOFF_OK) {
      S_profile_error(o.profile_path, st);
      status = BOILOFF_EXIT_FAILURE;
      goto out;
    }
    o.lib.profile = profile;
  }
  o.lib.site = o.site;
  status = batch ? batch_run(&o) : filter_run(&o);
out:
  boiloff_profile_free(profile);
  options_free(&o);
  return status;
}
