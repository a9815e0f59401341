/* html_input.c - the scanner between the page's bytes and libxml2 (see
 * html_input.h for why). */
#include <config.h>

#include <stdint.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "ascii.h"
#include "html_input.h"
#include "html_tag_trim.h"
#include "utf8.h"

/* Pieces handed over: big enough that libxml2 is called rarely. */
#define HANDOFF ((size_t)64 * 1024)
/* What libxml2 may have to hold of one item; real pages stay far below. */
#define TEXT_MAX ((size_t)64 * 1024)
#define COMMENT_MAX ((size_t)64 * 1024)
#define RAW_MAX ((size_t)256 * 1024)
/* Bytes of a script or style body seen before libxml2 is asked about it:
 * each question cuts a piece, and most bodies are empty or short. */
#define BODY_PROBE 128
#define TAG_MAX ((size_t)64 * 1024)
#define ATTR_MAX 256
/* An entity reference is shorter: no empty comment goes inside one. */
#define ENTITY_MAX 40
/* Word's "<![if !supportLists]>" and the like are far shorter. */
#define COND_MAX 128
/* A run of blanks in text at least this long is passed at its length.
 * libxml2 hands text over 1000 bytes at a time, and a piece of blanks
 * alone, cut before the next '<', has it imply a <p> where no element
 * is open; a shorter run is passed as its first byte. */
#define BLANKS_KEPT 256
/* For the steps of the hot loops: inlined where their arguments are
 * known. */
#ifdef __GNUC__
#define STEP_INLINE inline __attribute__((always_inline))
#else
#define STEP_INLINE inline
#endif

enum {
  S_TEXT,
  S_LT,          /* "<" */
  S_LT_SLASH,    /* "</" */
  S_LT_QUESTION, /* "<?" */
  S_BANG,        /* "<!" and `bang` bytes of "doctype" */
  S_BANG_DASH,   /* "<!-" */
  S_COND,        /* "<![" and a condition of Word's, up to its '>' */
  S_COMMENT,
  S_TAG,
  S_RAW
};

static const char empty_comment[] = "<!---->";
static const char replacement_ref[] = "&#xFFFD;";

void boiloff__html_input_init(boiloff__html_input *in,
                              const boiloff_allocator *a)
{
  memset(in, 0, sizeof *in);
  boiloff__buf_init(&in->out, a);
}

void boiloff__html_input_reset(boiloff__html_input *in, int mode, int strict,
                               unsigned long long offset)
{
  boiloff__buf out = in->out;
  boiloff__class_memo *memo = in->memo;
  boiloff__buf_clear(&out);
  memset(in, 0, sizeof *in);
  in->out = out;
  in->memo = memo;
  in->mode = mode;
  in->strict = strict;
  in->state = S_TEXT;
  in->since_amp = ENTITY_MAX + 1;
  in->offset = offset;
}

void boiloff__html_input_free(boiloff__html_input *in)
{
  boiloff__buf_free(&in->out);
}

int boiloff__html_input_opaque_charset(const char *name)
{
  static const char *const prefixes[] = {
      "utf-16",  "utf16",     "utf-32", "utf32", "ucs", "iso-2022",
      "iso2022", "csiso2022", "utf-7",  "utf7",  "hz"};
  size_t i;
  if (!name)
    return 0;
  for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0)
      return 1;
  return 0;
}

/* Does a character start at c?  Any byte below 0x80 ends one in UTF-8 and
 * in the ASCII-compatible legacy charsets (a trail byte is the last). */
static int boundary(const boiloff__html_input *in, unsigned char c)
{
  return in->prev < 0x80 ||
         (in->mode == BOILOFF__INPUT_UTF8 && (c < 0x80 || c >= 0xC0));
}

/* One byte of the UTF-8 check; -1 when it makes an invalid sequence. */
static int utf8_step(boiloff__html_input *in, unsigned char c)
{
  int bad = 0;
again:
  if (in->u8n == 0) {
    if (c < 0x80)
      return bad ? -1 : 0;
    if (c >= 0xC2 && c <= 0xDF)
      in->u8need = 2;
    else if (c >= 0xE0 && c <= 0xEF)
      in->u8need = 3;
    else if (c >= 0xF0 && c <= 0xF4)
      in->u8need = 4;
    else
      return -1;
    in->u8[0] = c;
    in->u8n = 1;
    return bad ? -1 : 0;
  }
  {
    unsigned char lo = 0x80, hi = 0xBF;
    if (in->u8n == 1) {
      if (in->u8[0] == 0xE0)
        lo = 0xA0;
      else if (in->u8[0] == 0xED)
        hi = 0x9F;
      else if (in->u8[0] == 0xF0)
        lo = 0x90;
      else if (in->u8[0] == 0xF4)
        hi = 0x8F;
    }
    if (c < lo || c > hi) { /* the sequence so far is one invalid one */
      in->u8n = 0;
      bad = 1;
      goto again;
    }
    in->u8[in->u8n++] = c;
    if (in->u8n == in->u8need)
      in->u8n = 0;
  }
  return bad ? -1 : 0;
}

static boiloff_status invalid_at(boiloff__html_input *in,
                                 unsigned long long off)
{
  in->invalid++;
  if (!in->have_error_offset) {
    in->error_offset = off;
    in->have_error_offset = 1;
  }
  return in->strict ? BOILOFF_ERR_ENCODING : BOILOFF_OK;
}

static boiloff_status handoff(boiloff__html_input *in,
                              const boiloff__html_input_sink *sink)
{
  boiloff_status st = BOILOFF_OK;
  if (in->out.len >= HANDOFF) {
    in->handed_last = (unsigned char)in->out.data[in->out.len - 1];
    st = sink->piece(sink->user, in->out.data, in->out.len);
    boiloff__buf_clear(&in->out);
  }
  return st;
}

/* Whether taking out Word's condition whose bytes end `out` would join
 * what stands before it to what follows into markup or a character
 * reference that libxml2 reads as such: after a '<', '/', '!', '-' or
 * '?', or inside a reference's name ("<<![if !x]>p>", "&amp<![if !x]>;").
 * Where out holds nothing before it, the byte handed over last tells. */
static int condition_joins(const boiloff__html_input *in)
{
  const unsigned char *o = (const unsigned char *)in->out.data;
  size_t at = in->out.len - in->cond, k;
  unsigned char b = at ? o[at - 1] : in->handed_last;
  if (b == '<' || b == '/' || b == '!' || b == '-' || b == '?' || b == '&')
    return 1;
  for (k = at; k > 0 && at - k <= ENTITY_MAX; k--) {
    b = o[k - 1];
    if (b == '&')
      return 1;
    if (!boiloff__ascii_is_alnum(b) && b != '#')
      return 0;
  }
  /* Back to what was handed over, inside a name: a reference may be open. */
  return k == 0 && (boiloff__ascii_is_alnum(in->handed_last) ||
                    in->handed_last == '#' || in->handed_last == '&');
}

static void tag_begin(boiloff__html_input *in, unsigned char c)
{
  in->state = S_TAG;
  in->quote = 0;
  in->after_eq = in->in_space = in->slash = in->name_done = 0;
  in->odd_quote = 0;
  in->end_tag = c == '/';
  in->decl = c == '!' || c == '?';
  in->pi = c == '?';
  in->name_len = 0;
  in->attrs = 0;
  in->eq = 0;
  in->closes = 0;
  in->tag_at = SIZE_MAX;
  in->run = 2;
  if (boiloff__ascii_is_alpha(c))
    in->name[in->name_len++] = (char)boiloff__ascii_lower(c);
  else if (!in->end_tag)
    in->name_done = 1;
}

/* The start tag just begun begins at `at` in `out`: its attributes may
 * be trimmed at its end, if html.c allows it. */
static void trim_from(boiloff__html_input *in, size_t at)
{
  if (in->trims && at != SIZE_MAX) {
    in->tag_at = at;
    in->tag_invalid = in->invalid;
  } else {
    /* In the bytes given with the context; SIZE_MAX: its last, the '<'
     * read before html.c emptied `out`. */
    in->tag_at = SIZE_MAX;
    in->ctx_at = at != SIZE_MAX ? at : in->ctx_len - 1;
  }
}

/* Can c begin an end tag's name?  libxml2 reads "</" and another byte
 * as no tag. */
static int end_tag_name_start(unsigned char c)
{
  return boiloff__ascii_is_alpha(c) || c == '_' || c == ':' || c == '.';
}

/* Is the tag a script or style start tag?  Its body's end, if so. */
static const char *body_end_of(const boiloff__html_input *in)
{
  if (in->end_tag || in->decl)
    return NULL;
  if (in->name_len == 6 && memcmp(in->name, "script", 6) == 0)
    return "</script";
  if (in->name_len == 5 && memcmp(in->name, "style", 5) == 0)
    return "</style";
  return NULL;
}

/* 0x80 in each byte of v that is zero, and only there. */
static uint64_t zero_bytes(uint64_t v)
{
  const uint64_t lows = 0x7F7F7F7F7F7F7F7Full;
  return ~(((v & lows) + lows) | v | lows);
}

/* Bytes before the first of p[0..n) that is NUL, '<', `also` or not
 * below `high` (0x80: any non-ASCII byte; 0xFF: that byte only), eight
 * bytes a step: most of a page is text, attribute values and script
 * bodies in which only these bytes matter to the scanner.  Unless
 * `blanks` is -1, also before a blank after a blank (1: the byte before
 * p is one). */
static STEP_INLINE size_t run_until(const unsigned char *p, size_t n,
                                    unsigned char also, unsigned char high,
                                    int blanks)
{
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  /* Sixteen bytes a step where the target has SSE2 (every x86-64). */
  const __m128i nul = _mm_setzero_si128(), lt = _mm_set1_epi8('<'),
                end = _mm_set1_epi8((char)also), ff = _mm_set1_epi8(-1);
  unsigned carry = blanks > 0;
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, nul), _mm_cmpeq_epi8(v, lt)),
        _mm_or_si128(_mm_cmpeq_epi8(v, end),
                     high == 0x80 ? v : _mm_cmpeq_epi8(v, ff)));
    unsigned stop = (unsigned)_mm_movemask_epi8(m);
    if (blanks >= 0) {
      unsigned b = (unsigned)_mm_movemask_epi8(
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
      stop |= b & (b << 1 | carry);
      carry = b >> 15;
    }
    if (stop)
      return i + (size_t)__builtin_ctz(stop);
  }
  if (blanks >= 0)
    blanks = (int)carry;
#endif
  /* A blank after a blank is looked for a byte at a time. */
  for (; blanks < 0 && i + 8 <= n; i += 8) {
    uint64_t x, stop;
    memcpy(&x, p + i, 8);
    stop = zero_bytes(x) | zero_bytes(x ^ (ones * '<')) |
           zero_bytes(x ^ (ones * also)) |
           (high == 0x80 ? x & highs : zero_bytes(~x));
    if (stop) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      return i + (size_t)__builtin_ctzll(stop) / 8; /* the first in memory */
#else
      break;
#endif
    }
  }
  for (; i < n && p[i] && p[i] != '<' && p[i] != also && p[i] < high; i++) {
    int blank = boiloff__ascii_is_blank(p[i]);
    if (blanks > 0 && blank)
      break;
    if (blanks >= 0)
      blanks = blank;
  }
  return i;
}

/* The first "<!" in p[0..n), or NULL: rare in a page, so looked for
 * sixteen bytes a step where the target has SSE2. */
static const char *find_bang(const char *p, size_t n)
{
  size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  const __m128i lt = _mm_set1_epi8('<'), bang = _mm_set1_epi8('!');
  for (; i + 17 <= n; i += 16) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 1));
    unsigned hit = (unsigned)_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpeq_epi8(a, lt), _mm_cmpeq_epi8(b, bang)));
    if (hit)
      return p + i + __builtin_ctz(hit);
  }
#endif
  for (; i + 1 < n; i++)
    if (p[i] == '<' && p[i + 1] == '!')
      return p + i;
  return NULL;
}

/* Might a comment begun in buf not end there?  libxml2 2.9's push parser
 * takes a cut after it for the comment's end if the comment begins
 * "<!-->", "<!--->" or "<!--!>" (its lookup for the end finds the "--" of
 * "<!--" itself), and the comment then runs to the end of the piece.  A
 * comment ends at the first "-->" or "--!>" after its "<!--".  Every
 * "<!--" is taken for a comment's start, wherever the scanner was (inside
 * a script body it is none, but libxml2 may read that body otherwise):
 * enough that the last one ends. */
static int comment_unended(const char *buf, size_t len)
{
  const char *end = buf + len, *p = buf, *last = NULL, *dashes;
  while ((p = find_bang(p, (size_t)(end - p))) != NULL) {
    if (end - p >= 4 && p[2] == '-' && p[3] == '-')
      last = p;
    p += 2;
  }
  if (!last)
    return 0;
  for (dashes = last + 4;; dashes++) {
    dashes = memmem(dashes, (size_t)(end - dashes), "--", 2);
    if (!dashes)
      return 1;
    if ((end - dashes > 2 && dashes[2] == '>') ||
        (end - dashes > 3 && dashes[2] == '!' && dashes[3] == '>'))
      return 0;
  }
}

/* May bytes nothing reads be taken out here?  Where html.c lets the
 * scanner remove bytes and it follows libxml2. */
static int removes_here(const boiloff__html_input *in)
{
  return in->removes && !in->apart;
}

/* Are runs of blanks in text collapsed?  Not in a <title>, whose text
 * html.c takes as it stands. */
static int collapses(const boiloff__html_input *in)
{
  return removes_here(in) && !in->in_title;
}

/* May a run of blanks that begins here be held back?  Where it would
 * change nothing the renderer makes, and not after </html>: libxml2 2.9
 * then stops a piece at each run of blanks, so taking one out would change
 * how far it reads. */
static int holds(const boiloff__html_input *in)
{
  return in->quiet && !in->past_html && collapses(in);
}

/* The bytes the state machine would only count in text: plain bytes and,
 * in UTF-8, whole valid sequences, up to the text run's cap; past the
 * cap (a cut put off by an entity reference or a character not yet
 * ended) none, so that the byte path cuts at the first place it may.
 * `prev` is the last byte skipped, as the byte path would leave it: in
 * a legacy charset it tells whether a character ends there.  Where
 * blanks are collapsed, up to a run's second blank, which the byte path
 * drops. */
static size_t skip_text(boiloff__html_input *in, const unsigned char *s,
                        size_t n)
{
  size_t k = 0, limit = n;
  int utf8 = in->mode == BOILOFF__INPUT_UTF8;
  unsigned char high = utf8 ? 0x80 : 0xff;
  if (n == 0 || in->run >= TEXT_MAX)
    return 0;
  /* A quiet run's first blank is the byte path's to hold back, and a
   * blank held is the byte path's to put back before text. */
  if (in->held || (!in->blanks && boiloff__ascii_is_blank(s[0]) && holds(in)))
    return 0;
  if (limit > TEXT_MAX - in->run)
    limit = TEXT_MAX - in->run;
  while (k < limit) {
    size_t r = run_until(s + k, limit - k, '&', high,
                         !collapses(in) ? -1
                         : k            ? boiloff__ascii_is_blank(s[k - 1])
                                        : in->blanks != 0);
    uint32_t cp;
    k += r;
    in->since_amp += r;
    if (k == limit)
      break;
    if (s[k] == '&') {
      in->since_amp = 0;
      k++;
      continue;
    }
    if (!utf8 || s[k] < 0x80 ||
        (r = boiloff__utf8_decode(s + k, limit - k, &cp)) == 1)
      break;
    k += r;
    in->since_amp += r;
  }
  if (k) {
    in->prev = s[k - 1];
    in->blanks = boiloff__ascii_is_blank(s[k - 1]);
    in->quiet = in->blanks != 0;
  }
  in->run += k;
  return k;
}

/* Bytes that only count, and set `prev`, in a comment, a quoted
 * attribute value or a script or style body: up to the byte that may end
 * it, a NUL, a byte the UTF-8 check must see, or the item's cap. */
static size_t skip_counted(boiloff__html_input *in, const unsigned char *s,
                           size_t n, unsigned char end, size_t cap)
{
  size_t k = 0;
  if (in->discard || in->run >= cap)
    return 0;
  if (n > cap - in->run)
    n = cap - in->run;
  k = run_until(s, n, end, in->mode == BOILOFF__INPUT_UTF8 ? 0x80 : 0xff, -1);
  if (k) {
    in->run += k;
    in->prev = s[k - 1];
  }
  return k;
}

/* A comment's last three bytes after k more were skipped. */
static void comment_history(boiloff__html_input *in, const unsigned char *s,
                            size_t k)
{
  size_t i;
  for (i = k > 3 ? k - 3 : 0; i < k; i++) {
    in->hist[0] = in->hist[1];
    in->hist[1] = in->hist[2];
    in->hist[2] = s[i];
  }
}

/* The bytes of a tag with a meaning of their own (the ASCII spaces too);
 * the others make attribute names and unquoted values. */
static const unsigned char tag_special[256] = {
    [0] = 1,   ['>'] = 1,  ['"'] = 1,  ['\''] = 1, ['='] = 1, ['/'] = 1,
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1};

/* What tag_step changes, copied out of the scanner for a run of steps so
 * that it stays in registers. */
typedef struct tag_state {
  size_t run, attrs;
  unsigned char quote;
  int after_eq, in_space, slash, name_done, eq, odd_quote;
} tag_state;

/* In a tag: its name's letters and digits, a quoted value, an `=` or a
 * quote, or a run of spaces or of the bytes of one attribute name or
 * unquoted value, whose effect on the state machine is that of its first
 * byte.  The cap on attributes is left to the byte-at-a-time path.
 * `high`: 0x80 where the UTF-8 check must see the bytes above 0x7F, else
 * 0x100. */
static STEP_INLINE size_t tag_step(boiloff__html_input *in, tag_state *t,
                                   const unsigned char *s, size_t n,
                                   unsigned high)
{
  size_t k = 0;
  if (t->quote && s[0] != t->quote) {
    /* A quoted value's bytes, as skip_counted counts them. */
    if (t->attrs > ATTR_MAX || t->run >= TAG_MAX)
      return 0;
    if (n > TAG_MAX - t->run)
      n = TAG_MAX - t->run;
    k = run_until(s, n, t->quote, high == 0x80 ? 0x80 : 0xff, -1);
    t->run += k;
    return k;
  }
  if (t->attrs >= ATTR_MAX || t->run >= TAG_MAX)
    return 0;
  if (n > TAG_MAX - t->run)
    n = TAG_MAX - t->run;
  if (t->quote) { /* its closing quote */
    t->quote = 0;
    k = 1;
  } else if (s[0] == '=') {
    t->after_eq = t->name_done = t->eq = 1;
    t->slash = 0;
    k = 1;
  } else if (s[0] == '"' || s[0] == '\'') {
    if (t->after_eq && !in->end_tag && !in->pi)
      t->quote = s[0];
    else
      t->odd_quote = 1;
    t->after_eq = t->slash = 0;
    k = 1;
  } else if (boiloff__ascii_is_space(s[0])) {
    while (k < n && boiloff__ascii_is_space(s[k]))
      k++;
    t->in_space = t->name_done = 1;
  } else if (!t->name_done) {
    /* The name's letters and digits, kept lower-cased while they fit. */
    while (k < n && boiloff__ascii_is_alnum(s[k])) {
      if (in->name_len < sizeof in->name)
        in->name[in->name_len++] = (char)boiloff__ascii_lower(s[k]);
      k++;
    }
    if (k == 0)
      return 0;
    t->slash = t->after_eq = t->in_space = 0;
  } else {
    while (k < n && !tag_special[s[k]] && s[k] < high)
      k++;
    if (k == 0)
      return 0;
    if (t->in_space && !t->after_eq)
      t->attrs++;
    t->slash = t->after_eq = t->in_space = 0;
  }
  t->run += k;
  return k;
}

/* Steps through a tag up to a byte the byte-at-a-time path must see.
 * Six steps a turn, each a copy of tag_step of its own: an attribute is
 * spaces, a name, '=', a quote, a value and a quote, so each copy's
 * tests mostly see one kind of step and are predicted. */
static size_t skip_tag(boiloff__html_input *in, const unsigned char *s,
                       size_t n)
{
  unsigned high = in->mode == BOILOFF__INPUT_UTF8 ? 0x80 : 0x100;
  size_t k = 0, r;
  tag_state t;
  if (in->discard)
    return 0;
  t.run = in->run;
  t.attrs = in->attrs;
  t.quote = in->quote;
  t.after_eq = in->after_eq;
  t.in_space = in->in_space;
  t.slash = in->slash;
  t.name_done = in->name_done;
  t.eq = in->eq;
  t.odd_quote = in->odd_quote;
#define STEP()                                                     \
  do {                                                             \
    if (k == n || (r = tag_step(in, &t, s + k, n - k, high)) == 0) \
      goto done;                                                   \
    k += r;                                                        \
  } while (0)
  for (;;) {
    STEP();
    STEP();
    STEP();
    STEP();
    STEP();
    STEP();
  }
#undef STEP
done:
  if (k) {
    in->run = t.run;
    in->attrs = t.attrs;
    in->quote = t.quote;
    in->after_eq = t.after_eq;
    in->in_space = t.in_space;
    in->slash = t.slash;
    in->name_done = t.name_done;
    in->eq = t.eq;
    in->odd_quote = t.odd_quote;
    in->prev = s[k - 1];
  }
  return k;
}

/* In a script or style body: up to a '<', then the bytes that go on
 * matching its end tag, short of the last (which ends the body).  In a
 * body being dropped, only up to a '<', a NUL or a byte the UTF-8 check
 * must see, and those bytes are counted in `dropped`. */
static size_t skip_raw(boiloff__html_input *in, const unsigned char *s,
                       size_t n)
{
  size_t k = 0, last;
  if (in->discard) {
    if (in->raw_match == 0)
      k = run_until(s, n, '<', in->mode == BOILOFF__INPUT_UTF8 ? 0x80 : 0xff,
                    -1);
    if (k)
      in->prev = s[k - 1];
    in->dropped = k;
    return k;
  }
  if (in->raw_match == 0)
    k = skip_counted(in, s, n, '<', in->probe ? BODY_PROBE : RAW_MAX);
  if (in->discard)
    return k;
  last = strlen(in->raw_end) - 1;
  while (k < n && in->raw_match < last &&
         boiloff__ascii_lower(s[k]) ==
             (unsigned char)in->raw_end[in->raw_match]) {
    in->raw_match++;
    in->run++;
    in->prev = s[k++];
  }
  return k;
}

/* The tag ends at its '>' (not in a quote, not cut at a cap).  A body
 * that libxml2 is known to be inside (`inside`, its end) is dropped whole;
 * else one follows a script or style start tag not ending in "/>". */
static void tag_end(boiloff__html_input *in, const char *inside)
{
  /* "</scriptx>" after a script body: libxml2 goes on in the body unless
   * a scriptx is open, which the scanner cannot tell. */
  if (in->closes && in->name_len != in->closes)
    in->apart = 1;
  if (!in->decl && in->name_len == 5 && memcmp(in->name, "title", 5) == 0)
    in->in_title = !in->end_tag;
  /* libxml2 calls back for every start tag but a misplaced <html>, <head>
   * or <body>; an end tag may be a stray one it ignores. */
  if (!in->end_tag && !in->decl &&
      !(in->name_len == 4 &&
        (memcmp(in->name, "html", 4) == 0 || memcmp(in->name, "head", 4) == 0 ||
         memcmp(in->name, "body", 4) == 0)))
    in->quiet = 1;
  if (in->end_tag && in->name_len == 4 && memcmp(in->name, "html", 4) == 0)
    in->past_html = 1;
  in->raw_end = inside ? inside : !in->slash ? body_end_of(in) : NULL;
  in->raw_match = 0;
  in->state = in->raw_end ? S_RAW : S_TEXT;
  in->discard = inside != NULL;
  in->run = 0;
  in->prev = '>';
}

/* Bytes whose only effect on the state machine is known in advance,
 * a tag's closing '>' included.  Tests, not a switch: the states follow
 * one another in a pattern a jump table's one target cannot predict. */
static size_t skip(boiloff__html_input *in, const unsigned char *s, size_t n)
{
  size_t k = 0;
  in->dropped = 0;
  for (;;) {
    if (in->state == S_TAG) {
      k += skip_tag(in, s + k, n - k);
      /* A script or style start tag ends in the byte path, which may ask
       * libxml2 about its body. */
      if (k == n || s[k] != '>' || in->quote || in->discard || in->attrs ||
          in->eq || in->odd_quote || body_end_of(in))
        return k;
      tag_end(in, NULL);
      k++;
    } else if (in->state == S_TEXT) {
      return k + skip_text(in, s + k, n - k);
    } else if (in->state == S_RAW) {
      return k + skip_raw(in, s + k, n - k);
    } else if (in->state == S_COMMENT) {
      size_t r;
      if (in->discard) {
        /* Dropped up to a '>' that may end it, as a body is. */
        r = run_until(s + k, n - k, '>',
                      in->mode == BOILOFF__INPUT_UTF8 ? 0x80 : 0xff, -1);
        if (r)
          in->prev = s[k + r - 1];
        in->dropped = r;
      } else if (!removes_here(in)) {
        r = skip_counted(in, s + k, n - k, '>', COMMENT_MAX);
      } else {
        return k; /* where the drop begins is the byte path's */
      }
      comment_history(in, s + k, r);
      return k + r;
    } else {
      return k;
    }
  }
}

/* The start tag at the end of `out`, from tag_at, read as libxml2 reads
 * it, and the attributes nothing reads trimmed: not when it holds a
 * quote that opens no value, nor an invalid UTF-8 sequence (libxml2
 * switches to Latin-1 at one).  Sets `apart` when libxml2 would end it
 * elsewhere, or a script or style start tag not as the scanner does. */
static void read_tag(boiloff__html_input *in)
{
  char *tag = in->out.data + in->tag_at;
  size_t len = in->out.len - in->tag_at;
  int end;
  if (in->tag_at >= in->out.len || tag[0] != '<') {
    in->apart = 1;
    return;
  }
  end = boiloff__html_tag_trim(tag, &len,
                               in->odd_quote || in->invalid != in->tag_invalid
                                   ? BOILOFF__TRIM_NONE
                               : in->removes ? BOILOFF__TRIM_REMOVE
                                             : BOILOFF__TRIM_BLANK,
                               in->memo);
  in->out.len = in->tag_at + len;
  if (end == BOILOFF__TAG_APART ||
      (body_end_of(in) && (end == BOILOFF__TAG_EMPTY) != in->slash))
    in->apart = 1;
}

/* Does libxml2 end the start tag begun in the bytes given with its
 * context, whose other bytes are those in `out` and the n at s, where the
 * scanner does?  Read whole, nothing trimmed; not for a long one. */
static int ctx_tag_read(boiloff__html_input *in, const unsigned char *s,
                        size_t n)
{
  char tag[1024];
  size_t len, k = in->ctx_len - in->ctx_at;
  int end;
  if (in->ctx_at >= in->ctx_len || k + in->out.len + n > sizeof tag)
    return 0;
  memcpy(tag, in->ctx + in->ctx_at, k);
  if (in->out.len)
    memcpy(tag + k, in->out.data, in->out.len);
  memcpy(tag + k + in->out.len, s, n);
  len = k + in->out.len + n;
  end = boiloff__html_tag_trim(tag, &len, BOILOFF__TRIM_NONE, NULL);
  return end != BOILOFF__TAG_APART &&
         !(body_end_of(in) && (end == BOILOFF__TAG_EMPTY) != in->slash);
}

/* The end tag of the body that an offer's outcome says libxml2 is in. */
static const char *body_end(int outcome)
{
  return outcome == BOILOFF__BODY_SCRIPT  ? "</script"
         : outcome == BOILOFF__BODY_STYLE ? "</style"
                                          : NULL;
}

/* Is any of p[0..n) not ASCII?  Eight bytes a step. */
static int any_high(const char *p, size_t n)
{
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    acc |= x;
  }
  for (; i < n; i++)
    acc |= (unsigned char)p[i];
  return (acc & 0x8080808080808080ull) != 0;
}

/* Offers the first n bytes waiting, which end with a script or style
 * start tag, unless a comment begun there does not end there, or, in a
 * legacy charset, they are not all ASCII: libxml2's converter may stop at
 * a byte it cannot convert, and the text before it would wait for a '<'
 * that never comes (whole, the page's last piece ends it). */
static boiloff_status offer(boiloff__html_input *in,
                            const boiloff__html_input_sink *sink, size_t n,
                            int *outcome)
{
  boiloff_status st;
  *outcome = BOILOFF__BODY_KEPT;
  if (comment_unended(in->out.data, n) ||
      (in->mode == BOILOFF__INPUT_MARKUP && any_high(in->out.data, n)))
    return BOILOFF_OK;
  if ((st = sink->body(sink->user, in->out.data, n, outcome)) != BOILOFF_OK)
    return st;
  if (*outcome != BOILOFF__BODY_KEPT && n)
    in->handed_last = (unsigned char)in->out.data[n - 1];
  if (*outcome != BOILOFF__BODY_KEPT && n == in->out.len)
    boiloff__buf_clear(&in->out);
  return BOILOFF_OK;
}

#define PUT(p, n)                                                       \
  do {                                                                  \
    if ((st = boiloff__buf_append(&in->out, (const char *)(p), (n))) != \
        BOILOFF_OK)                                                     \
      return st;                                                        \
  } while (0)
/* Copies the bytes since `from` up to (not including) byte i. */
#define FLUSH_RUN()            \
  do {                         \
    if (i > from)              \
      PUT(s + from, i - from); \
    from = i;                  \
  } while (0)
#define DROP()    \
  do {            \
    FLUSH_RUN();  \
    from = i + 1; \
  } while (0)
/* Writes back the blank held at the start of a run, after the bytes
 * before byte i. */
#define PUT_HELD()       \
  do {                   \
    if (in->held) {      \
      FLUSH_RUN();       \
      PUT(&in->held, 1); \
      in->held = 0;      \
    }                    \
  } while (0)

boiloff_status boiloff__html_input_scan(boiloff__html_input *in,
                                        const char *buf, size_t n,
                                        const boiloff__html_input_sink *sink)
{
  const unsigned char *s = (const unsigned char *)buf;
  size_t i, from = 0;
  boiloff_status st;

  if (in->mode == BOILOFF__INPUT_OPAQUE) {
    /* Fixed pieces: their ends depend on the offset alone. */
    while (n) {
      size_t take = HANDOFF - in->out.len;
      if (take > n)
        take = n;
      if ((st = boiloff__buf_append(&in->out, buf, take)) != BOILOFF_OK)
        return st;
      buf += take;
      n -= take;
      in->offset += take;
      if ((st = handoff(in, sink)) != BOILOFF_OK)
        return st;
    }
    return BOILOFF_OK;
  }
  for (i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (in->u8n == 0) {
      size_t k = skip(in, s + i, n - i);
      if (in->dropped) { /* the last bytes skipped, of a body */
        i += k - in->dropped;
        FLUSH_RUN();
        i += in->dropped;
        from = i;
      } else {
        i += k;
      }
      if (i == n)
        break;
      c = s[i];
    }
    if (in->mode == BOILOFF__INPUT_UTF8 && (c >= 0x80 || in->u8n) &&
        utf8_step(in, c) < 0) {
      if ((st = invalid_at(in, in->offset + i)) != BOILOFF_OK) {
        in->offset += i;
        return st;
      }
    }
  again:
    /* Most bytes here are a '<' in text: a test, not the switch's
     * indirect jump. */
    if (in->state == S_TEXT && c == '<') {
      /* Word's conditions, which are dropped, leave the run going on. */
      in->blanks_before_lt = in->blanks;
      in->blanks = 0;
      /* A held run ends at a '<': libxml2 would pass it as blanks alone,
       * which call for no element, and the renderer skips them. */
      in->held_before_lt = in->held;
      in->held = 0;
      /* Copied when the piece is handed over, not at every tag. */
      if (in->out.len + (i - from) >= HANDOFF) {
        FLUSH_RUN();
        if ((st = handoff(in, sink)) != BOILOFF_OK)
          return st;
      }
      if (i + 1 < n && boiloff__ascii_is_alpha(s[i + 1])) {
        c = s[++i]; /* S_LT's step too */
        tag_begin(in, c);
        trim_from(in, in->out.len + (i - 1 - from));
      } else if (i + 2 < n && s[i + 1] == '/' && end_tag_name_start(s[i + 2])) {
        c = s[++i]; /* S_LT's and S_LT_SLASH's */
        tag_begin(in, c);
      } else {
        in->state = S_LT;
      }
      in->prev = c;
      continue;
    }
    switch (in->state) {
    case S_TEXT:
      if (c == 0) {
        PUT_HELD();
        DROP();
        in->quiet = 0;
        PUT(replacement_ref, sizeof replacement_ref - 1);
        in->since_amp = ENTITY_MAX + 1;
        in->blanks = 0;
        break;
      }
      if (in->run >= TEXT_MAX && boundary(in, c) &&
          (c == '&' || in->since_amp > ENTITY_MAX)) {
        FLUSH_RUN();
        if ((st = handoff(in, sink)) != BOILOFF_OK)
          return st;
        PUT(empty_comment, sizeof empty_comment - 1);
        in->run = 0;
        in->blanks = 0; /* the comment ends the run */
        in->held = 0;
      }
      if (!boiloff__ascii_is_blank(c) || !collapses(in)) {
        PUT_HELD(); /* the run ends in text: its first blank stays */
        in->blanks = 0;
        in->quiet = boiloff__ascii_is_blank(c);
      } else if (!in->blanks && holds(in)) {
        DROP();
        in->held = c;
        in->blanks = 1;
        in->run++;
        in->since_amp++;
        break;
      } else if (in->blanks && in->blanks < BLANKS_KEPT) {
        /* A run's bytes after its first are dropped while it is short,
         * as many at once as follow. */
        size_t r = 1;
        while (r < n - i && in->blanks + r < BLANKS_KEPT &&
               in->run + r < TEXT_MAX && boiloff__ascii_is_blank(s[i + r]))
          r++;
        DROP();
        i += r - 1;
        from = i + 1;
        in->blanks += r;
        in->run += r;
        in->since_amp += r;
        break;
      } else {
        if (in->blanks == BLANKS_KEPT) {
          /* Long after all: passed at its length. */
          FLUSH_RUN();
          PUT_HELD();
          if ((st = boiloff__buf_reserve(&in->out, BLANKS_KEPT)) != BOILOFF_OK)
            return st;
          memset(in->out.data + in->out.len, ' ', BLANKS_KEPT - 1);
          in->out.len += BLANKS_KEPT - 1;
          in->out.data[in->out.len] = '\0';
        }
        in->blanks++;
        in->quiet = 1;
      }
      in->run++;
      in->since_amp = c == '&' ? 0 : in->since_amp + 1;
      break;
    case S_LT:
      if (c == '!') {
        in->state = S_BANG;
        in->bang = 0;
      } else if (c == '/') {
        in->state = S_LT_SLASH;
      } else if (c == '?') {
        in->state = S_LT_QUESTION;
      } else if (boiloff__ascii_is_alpha(c)) {
        tag_begin(in, c);
        trim_from(in, in->out.len + i - from - 1); /* the '<' before */
      } else {
        in->state = S_TEXT;
        in->run = 1;
        in->quiet = 0; /* the '<' is text */
        goto again;
      }
      break;
    case S_LT_SLASH:
      if (end_tag_name_start(c)) {
        tag_begin(in, '/');
        goto again; /* the name's first byte */
      }
      /* libxml2 drops "</" without a name, and goes on in text. */
      in->state = S_TEXT;
      in->run = 2;
      in->quiet = 0;
      goto again;
    case S_LT_QUESTION:
      /* A processing instruction needs a name; libxml2 drops "<?"
       * without one, and goes on in text. */
      if (boiloff__ascii_is_alpha(c) || c == '_' || c == ':' || c >= 0x80) {
        tag_begin(in, '?');
        goto again;
      }
      in->state = S_TEXT;
      in->run = 2;
      in->quiet = 0;
      goto again;
    case S_BANG:
      if (in->bang == 0 && c == '-') {
        in->state = S_BANG_DASH;
      } else if (in->bang == 0 && c == '[') {
        /* Counted as the text libxml2 reads it as, the text run before
         * kept for when a browser's bogus comment is dropped. */
        in->state = S_COND;
        in->cond = 3;
        in->cond_run = in->run;
        in->cond_amp = in->since_amp;
        in->run = 3;
        in->since_amp++;
      } else if (boiloff__ascii_lower(c) ==
                 (unsigned char)"doctype"[in->bang]) {
        if (++in->bang == 7)
          tag_begin(in, '!'); /* a DOCTYPE, up to its '>' */
      } else {
        /* libxml2 reads "<!" that starts no comment or DOCTYPE as text. */
        in->state = S_TEXT;
        in->run = 2 + in->bang;
        in->quiet = 0;
        goto again;
      }
      break;
    case S_BANG_DASH:
      if (c == '-') {
        in->state = S_COMMENT;
        in->run = 0;
        memset(in->hist, 0, sizeof in->hist);
      } else {
        in->state = S_TEXT;
        in->run = 3;
        in->quiet = 0;
        goto again;
      }
      break;
    case S_COND: {
      /* "<![if ...]>" and "<![endif]>" (Word's downlevel-revealed
       * conditions) are bogus comments to a browser, which shows what
       * lies between them; libxml2 reads them as text, so they are
       * dropped.  "<![CDATA[" and anything else stay text, as do
       * conditions with a '<' or a NUL before their '>'. */
      size_t k = in->cond - 3, kw;
      unsigned char l = boiloff__ascii_lower(c);
      int ok;
      if (k == 0)
        in->cond_kw = l == 'i' ? "if" : l == 'e' ? "endif" : NULL;
      kw = in->cond_kw ? strlen(in->cond_kw) : 0;
      /* ASCII only: libxml2 may read an invalid sequence otherwise. */
      if (!in->cond_kw || c == 0 || c == '<' || c >= 0x80 ||
          in->cond >= COND_MAX)
        ok = 0;
      else if (k < kw)
        ok = l == (unsigned char)in->cond_kw[k];
      else
        ok = k > kw || !boiloff__ascii_is_alnum(c);
      if (ok && c == '>') {
        FLUSH_RUN();
        /* Not when it began in the bytes libxml2 was given with its
         * context (html.c): it reads them as text. */
        if (in->out.len >= in->cond) {
          int joins = condition_joins(in);
          in->out.len -= in->cond;
          from = i + 1;
          in->run = in->cond_run;
          in->since_amp = in->cond_amp;
          in->blanks = in->blanks_before_lt;
          in->held = in->held_before_lt;
          in->state = S_TEXT;
          if (joins) {
            /* An empty comment keeps the two sides apart, as the
             * condition does in a browser, and ends the text run. */
            PUT(empty_comment, sizeof empty_comment - 1);
            in->run = 0;
            in->since_amp = ENTITY_MAX + 1;
            in->blanks = 0;
            in->held = 0;
          }
          break;
        }
        ok = 0;
      }
      if (!ok) {
        in->state = S_TEXT;
        in->quiet = 0;
        goto again;
      }
      in->cond++;
      in->run++;
      in->since_amp = c == '&' ? 0 : in->since_amp + 1;
      break;
    }
    case S_COMMENT: {
      int end =
          c == '>' &&
          ((in->hist[1] == '-' && in->hist[2] == '-') ||
           (in->hist[0] == '-' && in->hist[1] == '-' && in->hist[2] == '!'));
      in->hist[0] = in->hist[1];
      in->hist[1] = in->hist[2];
      in->hist[2] = c;
      if (end) {
        if (in->discard) {
          DROP();
          PUT("-->", 3);
          in->discard = 0;
        }
        in->state = S_TEXT;
        in->run = 0;
        break;
      }
      /* Past its cap, or where bytes may be taken out from after its
       * leading dashes on (nothing reads a comment), it is dropped. */
      if (!in->discard && (in->run >= COMMENT_MAX || removes_here(in)) &&
          c != '-' && c != '!' && boundary(in, c)) {
        FLUSH_RUN();
        in->discard = 1;
      }
      if (in->discard || c == 0)
        DROP();
      in->run++;
      break;
    }
    case S_TAG:
      if (c == 0) {
        DROP();
        break;
      }
      if (in->quote) {
        if (c == in->quote)
          in->quote = 0;
      } else if (c == '>') {
        int outcome = BOILOFF__BODY_KEPT;
        if (in->trims && !in->apart && !in->end_tag && !in->decl &&
            (in->attrs || in->eq || in->odd_quote)) {
          if (in->tag_at == SIZE_MAX || in->discard) {
            /* Begun in bytes given to libxml2 before, or capped: kept as
             * it stands, if libxml2 reads it as the scanner does. */
            if (in->discard || !ctx_tag_read(in, s + from, i + 1 - from))
              in->apart = 1;
          } else {
            PUT(s + from, i + 1 - from);
            from = i + 1;
            read_tag(in);
          }
        }
        if (in->discard)
          DROP(); /* the tag was closed at the cap */
        in->discard = 0;
        /* libxml2's lookup for a tag's '>' takes any quote to open a
         * value: with an odd one, it may not see this '>' as the end. */
        if (sink->body && !in->odd_quote && body_end_of(in)) {
          PUT(s + from, i + 1 - from);
          from = i + 1;
          if (!in->slash) {
            /* Asked once the body is BODY_PROBE bytes long (S_RAW). */
            tag_end(in, NULL);
            in->probe = 1;
            in->probe_at = in->out.len;
            break;
          }
          if ((st = offer(in, sink, in->out.len, &outcome)) != BOILOFF_OK)
            return st;
        }
        tag_end(in, body_end(outcome));
        break;
      } else if (c == '"' || c == '\'') {
        if (in->after_eq && !in->end_tag && !in->pi)
          in->quote = c;
        else
          in->odd_quote = 1;
        in->after_eq = 0;
        in->slash = 0;
      } else if (c == '=') {
        in->after_eq = 1;
        in->name_done = 1;
        in->eq = 1;
        in->slash = 0;
      } else if (boiloff__ascii_is_space(c)) {
        in->in_space = 1;
        in->name_done = 1;
      } else {
        if (!in->name_done) {
          /* libxml2's name ends at a byte that makes none ("<script<"). */
          if (in->name_len < sizeof in->name && boiloff__ascii_is_alnum(c))
            in->name[in->name_len++] = (char)boiloff__ascii_lower(c);
          else if (boiloff__ascii_is_name(c))
            in->name_len = sizeof in->name; /* not a name we look for */
          else
            in->name_done = 1;
        } else if (in->in_space && !in->after_eq && c != '/') {
          in->attrs++;
        }
        in->slash = c == '/';
        in->after_eq = 0;
        in->in_space = 0;
      }
      if (!in->discard &&
          (in->attrs > ATTR_MAX || (in->run >= TAG_MAX && boundary(in, c)))) {
        /* Close the tag here: the rest of it is skipped. */
        FLUSH_RUN();
        if (in->quote)
          PUT((const char *)&in->quote, 1);
        PUT(">", 1);
        in->discard = 1;
      }
      if (in->discard)
        DROP();
      in->run++;
      break;
    case S_RAW: {
      size_t len = strlen(in->raw_end);
      if (c == 0) {
        DROP();
        break;
      }
      if (in->probe && in->run >= BODY_PROBE && in->raw_match == 0) {
        /* The body so far stays with the scanner while libxml2 is
         * given the bytes before it and asked. */
        int outcome;
        size_t body;
        FLUSH_RUN();
        body = in->out.len - in->probe_at;
        in->probe = 0;
        if ((st = offer(in, sink, in->probe_at, &outcome)) != BOILOFF_OK)
          return st;
        const char *inside = body_end(outcome);
        if (inside && strcmp(inside, in->raw_end) == 0) {
          boiloff__buf_clear(&in->out);
          in->discard = 1;
        } else if (outcome != BOILOFF__BODY_KEPT) {
          /* Inside another body, or none: this one is passed on. */
          memmove(in->out.data, in->out.data + in->probe_at, body);
          in->out.len = body;
        }
      }
      if (boiloff__ascii_lower(c) == (unsigned char)in->raw_end[in->raw_match])
        in->raw_match++;
      else
        in->raw_match = c == '<';
      if (in->raw_match == len) {
        /* The body ends where libxml2 ends it: at "</script" or
         * "</style", whatever follows ("</scriptx>" closes the script
         * if a scriptx is open, and is ignored if not). */
        in->probe = 0; /* a body too short to ask about */
        if (in->discard) {
          DROP();
          PUT(in->raw_end, len);
          in->discard = 0;
        }
        tag_begin(in, '/');
        memcpy(in->name, in->raw_end + 2, len - 2);
        in->name_len = in->closes = len - 2;
        in->run = len;
        break;
      }
      if (!in->discard && in->run >= RAW_MAX && in->raw_match == 0 &&
          boundary(in, c)) {
        FLUSH_RUN();
        in->discard = 1;
      }
      if (in->discard)
        DROP();
      in->run++;
      break;
    }
    }
    in->prev = c;
  }
  FLUSH_RUN();
  in->offset += n;
  return BOILOFF_OK;
}

boiloff_status boiloff__html_input_end(boiloff__html_input *in)
{
  if (in->mode == BOILOFF__INPUT_UTF8 && in->u8n) {
    unsigned long long at = in->offset - (unsigned)in->u8n;
    in->u8n = 0;
    return invalid_at(in, at);
  }
  return BOILOFF_OK;
}
