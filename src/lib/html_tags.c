/* html_tags.c - the HTML elements the renderer knows
 * (html_tags_table.h), found by a hash table made at build time. */
#include <config.h>

#include <string.h>

#include "ascii.h"
#include "html_tags.h"
#include "html_tags_table.h"

static const boiloff__html_tag inline_tag = {"", BOILOFF__LAYOUT_INLINE, 0, 0,
                                             0};

const boiloff__html_tag *boiloff__html_tag_lookup(const char *name)
{
  size_t len = strlen(name);
  unsigned h;
  if (len == 0)
    return &inline_tag;
  for (h = boiloff__name_hash(name, len, BOILOFF__TAG_SLOTS);
       boiloff__html_tag_slot[h]; h = (h + 1) & (BOILOFF__TAG_SLOTS - 1)) {
    const boiloff__html_tag *t =
        &boiloff__html_tags[boiloff__html_tag_slot[h] - 1];
    if (boiloff__strcmp_first(name, t->name) == 0)
      return t;
  }
  return &inline_tag;
}
