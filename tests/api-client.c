/* api-client.c - a program built against the installed header and library
 * (`make installcheck`, through pkg-config), as a user builds one: it
 * needs the version macros and the growable options of the public API,
 * and counts a site profile streamed, as batch mode's first pass does. */
#include <stdio.h>
#include <string.h>

#include <boiloff.h>

#if BOILOFF_VERSION_NUMBER < 0x010000
#error "boiloff.h older than 1.0"
#endif

static int print_kept(void *user, const boiloff_block *b)
{
  int *kept = user;
  if (b->label == BOILOFF_CONTENT)
    (*kept)++;
  return 0;
}

int main(void)
{
  static const char page[] =
      "Home | News | Sport\n"
      "The council voted on Tuesday to close the old library, which has "
      "served the town for more than a century, and to move its books to "
      "the new community centre by the end of the year.\n"
      "Share this story\n";
  boiloff_options o;
  boiloff_stats st;
  boiloff_ctx *ctx;
  int kept = 0;
  if (boiloff_version() < BOILOFF_VERSION_NUMBER ||
      strcmp(boiloff_version_string(), BOILOFF_VERSION_STRING) != 0) {
    fprintf(stderr, "library %s older than header %s\n",
            boiloff_version_string(), BOILOFF_VERSION_STRING);
    return 1;
  }
  boiloff_options_init(&o);
  o.bias = -0.5;
  if (!(ctx = boiloff_new(&o, print_kept, &kept)) ||
      boiloff_feed(ctx, page, sizeof page - 1) != BOILOFF_OK ||
      boiloff_finish(ctx) != BOILOFF_OK)
    return 1;
  st.size = sizeof st;
  if (boiloff_get_stats(ctx, &st) != BOILOFF_OK ||
      st.bytes_in != sizeof page - 1 ||
      st.blocks_kept != (unsigned long long)kept || kept != 1) {
    fprintf(stderr, "unexpected result: %d kept\n", kept);
    return 1;
  }
  boiloff_free(ctx);
  {
    /* The page twice: its text in two pieces, then its blocks. */
    boiloff_profile *prof = boiloff_profile_new(NULL);
    boiloff_options_init(&o);
    o.flags = BOILOFF_OPT_RULES_ONLY | BOILOFF_OPT_NO_SMOOTH;
    if (!prof || !(ctx = boiloff_new(&o, boiloff_profile_count_block, prof)) ||
        boiloff_profile_begin_page(prof, "town.example") != BOILOFF_OK ||
        boiloff_profile_add_text(prof, page, 30) != BOILOFF_OK ||
        boiloff_profile_add_text(prof, page + 30, sizeof page - 31) !=
            BOILOFF_OK ||
        boiloff_profile_end_page(prof) != BOILOFF_OK ||
        boiloff_profile_begin_page(prof, "town.example") != BOILOFF_OK ||
        boiloff_feed(ctx, page, sizeof page - 1) != BOILOFF_OK ||
        boiloff_finish(ctx) != BOILOFF_OK ||
        boiloff_profile_end_page(prof) != BOILOFF_OK ||
        boiloff_profile_pages(prof, "town.example") != 2 ||
        boiloff_profile_count(prof, "town.example", "share this story", 16) !=
            2) {
      fprintf(stderr, "unexpected profile counts\n");
      return 1;
    }
    boiloff_free(ctx);
    boiloff_profile_free(prof);
  }
  printf("api-client: boiloff %s, 2 passed, 0 failed\n",
         boiloff_version_string());
  return 0;
}
