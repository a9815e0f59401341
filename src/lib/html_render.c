/* html_render.c - the html-text rendering rules, as text streams in. */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "html_render.h"
#include "html_tags.h"
#include "utf8.h"

enum { PREV_TEXT, PREV_LINE, PREV_BLANK };

static boiloff_status emit(boiloff__html_render *r, const char *text,
                           size_t len, int continued)
{
  boiloff__block_hint hint = r->hint;
  if (r->line_chars)
    hint.link_density = (double)r->link_chars / (double)r->line_chars;
  return r->fn(r->user, text, len, continued, &hint);
}

/* Where to cut an over-long line: after the last space before the cap,
 * else at the last character boundary before it. */
static size_t cut_point(const char *s, size_t cap)
{
  size_t i = cap;
  while (i > cap / 2) {
    if (s[i - 1] == ' ')
      return i;
    i--;
  }
  i = cap;
  while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
    i--;
  return i ? i : cap;
}

static boiloff_status flush_long(boiloff__html_render *r)
{
  while (r->line.len >= r->max_line) {
    size_t cut = cut_point(r->line.data, r->max_line);
    boiloff_status st = emit(r, r->line.data, cut, 1);
    boiloff__buf_consume(&r->line, cut);
    if (st != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

static boiloff_status end_line(boiloff__html_render *r)
{
  boiloff_status st = emit(r, r->line.data ? r->line.data : "", r->line.len, 0);
  boiloff__buf_clear(&r->line);
  memset(&r->hint, 0, sizeof r->hint);
  r->line_fresh = 1;
  r->line_chars = r->link_chars = 0;
  return st;
}

/* html-text's add_newlines: a request for a line end or a blank line,
 * merged with what came just before. */
void boiloff__html_render_layout(boiloff__html_render *r, int lay)
{
  if (r->prev == PREV_BLANK || lay == BOILOFF__LAYOUT_INLINE)
    return;
  if (lay == BOILOFF__LAYOUT_BLANK) {
    r->breaks += r->prev == PREV_LINE ? 1 : 2;
    r->prev = PREV_BLANK;
  } else if (r->prev != PREV_LINE) {
    r->breaks++;
    r->prev = PREV_LINE;
  }
}

/* The first visible character of a text node: settle the line breaks owed
 * and the space that joins it to the text before. */
static boiloff_status node_start(boiloff__html_render *r, unsigned char c,
                                 const boiloff__html_context *ctx)
{
  boiloff_status st;
  if (r->breaks) {
    unsigned blank = r->breaks - 1;
    r->breaks = 0;
    if (r->line.len || !r->line_fresh)
      if ((st = end_line(r)) != BOILOFF_OK)
        return st;
    while (blank--)
      if ((st = end_line(r)) != BOILOFF_OK)
        return st;
  } else if (r->prev == PREV_TEXT && r->line.len) {
    int punct = c == ',' || c == ':' || c == ';' || c == '.' || c == '!' ||
                c == '?' || c == '"' || c == ')';
    if (r->prev_space_end || !(punct || r->prev_paren_end))
      if ((st = boiloff__buf_putc(&r->line, ' ')) != BOILOFF_OK)
        return st;
  }
  /* The line's hint is what all its text nodes share. */
  if (r->line_fresh) {
    r->hint.flags = ctx->flags;
    r->hint.class_families = ctx->families;
    r->hint.heading_level = ctx->level;
    r->hint.container = ctx->container;
    r->hint.container2 = ctx->container2;
    r->line_fresh = 0;
  } else {
    r->hint.flags &= ctx->flags;
    r->hint.class_families &= ctx->families;
  }
  r->node_started = 1;
  r->prev = PREV_TEXT;
  return BOILOFF_OK;
}

void boiloff__html_render_node_end(boiloff__html_render *r)
{
  if (r->node_started) {
    r->prev_space_end = r->node_space_end;
    r->prev_paren_end = r->node_paren_end;
  }
  r->node_started = r->node_space = 0;
  r->node_space_end = r->node_paren_end = 0;
}

/* Bytes of the Unicode whitespace character at s (Python's \s), or 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
  unsigned c = s[0];
  if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f))
    return 1;
  if (c == 0xc2 && n >= 2 && (s[1] == 0xa0 || s[1] == 0x85))
    return 2;
  if (n >= 3 && c == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
    return 3;
  if (n >= 3 && c == 0xe2 && s[1] == 0x80 &&
      (s[2] <= 0x8a || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
    return 3;
  if (n >= 3 && c == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
    return 3;
  if (n >= 3 && c == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
    return 3;
  return 0;
}

/* Bytes that may start a space: the ASCII spaces (2) and the lead bytes
 * of the others (1), so that space_len is asked only there. */
enum { LEAD_OTHER = 1, LEAD_ASCII = 2 };
static const unsigned char space_lead[256] = {
    ['\t'] = LEAD_ASCII, ['\n'] = LEAD_ASCII, ['\v'] = LEAD_ASCII,
    ['\f'] = LEAD_ASCII, ['\r'] = LEAD_ASCII, [0x1c] = LEAD_ASCII,
    [0x1d] = LEAD_ASCII, [0x1e] = LEAD_ASCII, [0x1f] = LEAD_ASCII,
    [' '] = LEAD_ASCII,  [0xc2] = LEAD_OTHER, [0xe1] = LEAD_OTHER,
    [0xe2] = LEAD_OTHER, [0xe3] = LEAD_OTHER};

static size_t space_at(const unsigned char *s, size_t n)
{
  return space_lead[s[0]] ? space_len(s, n) : 0;
}

/* Bytes of the run of visible characters at s[0..n), up to a space;
 * *ascii tells whether they are all ASCII (nothing to check). */
static size_t visible_run(const unsigned char *s, size_t n, int *ascii)
{
  size_t i = 0;
  unsigned char any = 0;
  while (i < n && !space_at(s + i, n - i))
    any |= s[i++];
  *ascii = any < 0x80;
  return i;
}

/* Appends s[0..n) with every invalid UTF-8 sequence replaced by U+FFFD:
 * libxml2 2.9 passes bytes through unchecked when the document says it is
 * UTF-8, and our output must be valid UTF-8 whatever the input. */
static boiloff_status append_utf8(boiloff__buf *out, const unsigned char *s,
                                  size_t n)
{
  size_t i = 0, start = 0;
  boiloff_status st;
  while (i < n) {
    uint32_t cp;
    size_t k;
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    k = boiloff__utf8_decode(s + i, n - i, &cp);
    if (k > 1 || cp != BOILOFF_REPLACEMENT_CHAR) {
      i += k;
      continue;
    }
    if ((st = boiloff__buf_append(out, (const char *)s + start, i - start)) !=
            BOILOFF_OK ||
        (st = boiloff__buf_append(out, "\xEF\xBF\xBD", 3)) != BOILOFF_OK)
      return st;
    start = ++i;
  }
  return boiloff__buf_append(out, (const char *)s + start, n - start);
}

/* Copies the ASCII word at s[i..n) to *o, up to an ASCII space or a
 * byte above 0x7F; returns where it stops.  Eight bytes a step where
 * eight are left to read (there is room to write them: the caller's
 * room is the bytes left plus one), so that the end of a word of up to
 * eight bytes is found without a branch per byte. */
static size_t word_copy(const unsigned char *s, size_t n, size_t i, char **o)
{
  char *p = *o;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  while (n - i >= 8) {
    uint64_t x, stop;
    memcpy(&x, s + i, 8);
    memcpy(p, &x, 8);
    /* Bytes below 0x21 or above 0x7F; the first in memory is exact. */
    stop = (((x - ones * 0x21) & ~x) | x) & highs;
    if (stop) {
      size_t j = (size_t)__builtin_ctzll(stop) / 8;
      i += j;
      p += j;
      break; /* the loop below takes a control byte that is no space */
    }
    i += 8;
    p += 8;
  }
#endif
  while (i < n && s[i] < 0x80 && space_lead[s[i]] != LEAD_ASCII)
    *p++ = (char)s[i++];
  *o = p;
  return i;
}

/* The ASCII words and spaces of a started text node, up to its first
 * other byte, as the loop below would render them, into the room the
 * caller reserved; no line can reach max_line here, so none is cut. */
static size_t ascii_words(boiloff__html_render *r, const unsigned char *s,
                          size_t n, int link)
{
  char *o = r->line.data + r->line.len;
  size_t i = 0, chars = 0;
  int space = r->node_space, space_end = r->node_space_end,
      paren_end = r->node_paren_end;
  while (i < n) {
    size_t start;
    if (space_lead[s[i]] == LEAD_ASCII) {
      space = space_end = 1;
      paren_end = 0;
      do
        i++;
      while (i < n && space_lead[s[i]] == LEAD_ASCII);
      continue;
    }
    if (s[i] >= 0x80)
      break;
    if (space)
      *o++ = ' ';
    space = space_end = 0;
    start = i;
    i = word_copy(s, n, i, &o);
    chars += i - start;
    paren_end = s[i - 1] == '(';
  }
  *o = '\0';
  r->line.len = (size_t)(o - r->line.data);
  r->line_chars += chars;
  if (link)
    r->link_chars += chars;
  r->node_space = space;
  r->node_space_end = space_end;
  r->node_paren_end = paren_end;
  return i;
}

boiloff_status boiloff__html_render_text(boiloff__html_render *r,
                                         const unsigned char *s, size_t n,
                                         const boiloff__html_context *ctx)
{
  size_t i = 0;
  boiloff_status st;
  while (i < n) {
    size_t sp, run;
    int ascii;
    /* Most of a node, once started: bytes in, the same bytes out (a run
     * of spaces one, and one owed from a part of the node before), so
     * the line stays below max_line. */
    if (r->node_started && r->line.len + (n - i) + 1 < r->max_line) {
      if ((st = boiloff__buf_reserve(&r->line, n - i + 1)) != BOILOFF_OK)
        return st;
      i += ascii_words(r, s + i, n - i, ctx->link);
      if (i == n)
        break;
    }
    sp = space_at(s + i, n - i);
    if (sp) {
      r->node_space = r->node_started;
      r->node_space_end = 1;
      r->node_paren_end = 0;
      i += sp;
      /* The rest of a run of ASCII spaces changes nothing more. */
      while (i < n && space_lead[s[i]] == LEAD_ASCII)
        i++;
      continue;
    }
    if (!r->node_started) {
      if ((st = node_start(r, s[i], ctx)) != BOILOFF_OK)
        return st;
    } else if (r->node_space) {
      if ((st = boiloff__buf_putc(&r->line, ' ')) != BOILOFF_OK)
        return st;
    }
    r->node_space = 0;
    /* The run of visible characters up to the next space. */
    run = visible_run(s + i, n - i, &ascii);
    st = ascii ? boiloff__buf_append(&r->line, (const char *)s + i, run)
               : append_utf8(&r->line, s + i, run);
    if (st != BOILOFF_OK)
      return st;
    r->line_chars += run;
    if (ctx->link)
      r->link_chars += run;
    r->node_space_end = 0;
    r->node_paren_end = s[i + run - 1] == '(';
    i += run;
    if (r->line.len >= r->max_line && (st = flush_long(r)) != BOILOFF_OK)
      return st;
  }
  return BOILOFF_OK;
}

void boiloff__html_render_init(boiloff__html_render *r,
                               const boiloff_allocator *a, size_t max_line)
{
  r->max_line = max_line;
  boiloff__buf_init(&r->line, a);
  boiloff__html_render_reset(r);
}

void boiloff__html_render_reset(boiloff__html_render *r)
{
  r->prev = PREV_BLANK; /* nothing before the first text */
  r->breaks = 0;
  r->prev_space_end = r->prev_paren_end = 0;
  r->node_started = r->node_space = 0;
  r->node_space_end = r->node_paren_end = 0;
  boiloff__buf_clear(&r->line);
  memset(&r->hint, 0, sizeof r->hint);
  r->line_fresh = 1;
  r->line_chars = r->link_chars = 0;
}

void boiloff__html_render_free(boiloff__html_render *r)
{
  boiloff__buf_free(&r->line);
}

boiloff_status boiloff__html_render_finish(boiloff__html_render *r)
{
  boiloff__html_render_node_end(r);
  if (r->line.len)
    return end_line(r);
  return BOILOFF_OK;
}
