/* gen-lexicon.c - writes src/lib/lexicon_tables.c: the phrase and stopword
 * hash tables, built from the data files (through gen-table.awk's
 * lexicon_data.c) by lexicon.c's own code, compiled here with
 * BOILOFF_LEXICON_GENERATOR.  So the library starts with its tables and
 * never hashes its lists at run time. */
#include <config.h>

#include <stdio.h>

#include "lexicon.h"

int main(void)
{
  if (boiloff__lexicon_write(stdout) != 0 || fflush(stdout) != 0) {
    perror("gen-lexicon");
    return 1;
  }
  return 0;
}
