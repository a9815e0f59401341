/* boiloff.h - the one public header of libboiloff.
 *
 * libboiloff turns the text of a scraped web page (every visible line of
 * the page: menus, share buttons, player widgets, footers and the article)
 * into labelled blocks, so that a caller can keep the article body and drop
 * the furniture.  It streams: bytes go in through boiloff_feed() in chunks of
 * any size, and each block comes out through a callback as soon as enough
 * context after it has been seen.  Memory stays bounded whatever the input
 * length, and the labels never depend on how the input was chunked.
 *
 * The library never prints, exits or aborts.  Every fallible call returns a
 * boiloff_status; after an error the context stays in that error ("sticky")
 * until boiloff_reset().
 *
 * Threads: a context belongs to one thread at a time; distinct contexts may
 * be used concurrently.
 *
 * libxml2 and uchardet are not linked: the first input that needs one
 * (HTML; a legacy charset to guess) loads it, once per process, and fails
 * with BOILOFF_ERR_LIBRARY when it cannot be loaded.
 */
#ifndef BOILOFF_H
#define BOILOFF_H

#include <stddef.h>

/* The version of this header.  boiloff_version() gives the library's, which
 * may be newer: the ABI only grows (see boiloff_options.size). */
#define BOILOFF_VERSION_MAJOR 1
#define BOILOFF_VERSION_MINOR 2
#define BOILOFF_VERSION_PATCH 0
#define BOILOFF_VERSION_STRING "1.2.0"
/* MAJOR << 16 | MINOR << 8 | PATCH, for #if comparisons. */
#define BOILOFF_VERSION_NUMBER                                    \
  ((BOILOFF_VERSION_MAJOR << 16) | (BOILOFF_VERSION_MINOR << 8) | \
   BOILOFF_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the exported functions: the library is built with hidden
 * visibility, so nothing else leaks out of it. */
#ifndef BOILOFF_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define BOILOFF_API __attribute__((visibility("default")))
#else
#define BOILOFF_API
#endif
#endif

/* Status codes.  Append-only: values never change once released. */
typedef enum boiloff_status {
  BOILOFF_OK = 0,
  BOILOFF_STOPPED = 1,      /* the block callback asked to stop */
  BOILOFF_ERR_NOMEM = 2,    /* an allocation failed */
  BOILOFF_ERR_STATE = 3,    /* call not allowed now (feed after finish...) */
  BOILOFF_ERR_ARG = 4,      /* invalid argument or option */
  BOILOFF_ERR_CHARSET = 5,  /* unknown or unsupported input charset */
  BOILOFF_ERR_ENCODING = 6, /* invalid byte sequence (strict mode only) */
  BOILOFF_ERR_LIMIT = 7,    /* document larger than max_document_bytes, or a
                               profile page past its limit */
  BOILOFF_ERR_BINARY = 8,   /* input looks like binary data, not text */
  BOILOFF_ERR_HTML = 9,     /* the HTML parser failed irrecoverably */
  BOILOFF_ERR_PROFILE = 10, /* a site profile file is malformed */
  BOILOFF_ERR_IO = 11,      /* a file could not be opened, read or written;
                               errno tells why */
  BOILOFF_ERR_LIBRARY = 12  /* a shared library this input needs (libxml2
                               for HTML, uchardet to guess a legacy
                               charset) could not be loaded */
} boiloff_status;

/* Static English text for a status, never NULL. */
BOILOFF_API const char *boiloff_strerror(boiloff_status status);

/* "MAJOR.MINOR.PATCH" of the library. */
BOILOFF_API const char *boiloff_version_string(void);

/* The library's BOILOFF_VERSION_NUMBER. */
BOILOFF_API int boiloff_version(void);

/* Nothing left to do: libxml2 is initialised where it is loaded, once and
 * thread-safely.  Kept for callers written when it had to be called before
 * threads.  Safe to call any time.  Returns BOILOFF_OK. */
BOILOFF_API boiloff_status boiloff_global_init(void);

/* Optional allocator (for embedding and allocation-failure tests).  All
 * three functions must be given; `user` is passed back unchanged.  Every
 * allocation of boiloff's own goes through it.  libxml2's do not, on the
 * HTML path: libxml2 has one allocator per process (xmlMemSetup), which a
 * library cannot take over for one context without changing it for every
 * other user of libxml2 in the process. */
typedef struct boiloff_allocator {
  void *(*malloc_fn)(size_t size, void *user);
  void *(*realloc_fn)(void *ptr, size_t size, void *user);
  void (*free_fn)(void *ptr, void *user);
  void *user;
} boiloff_allocator;

/* Site profile: how many pages of a site each normalised line occurs on,
 * learned by a first pass over a crawl (see boiloff_profile_*). */
typedef struct boiloff_profile boiloff_profile;

/* Option bits for boiloff_options.flags. */
enum {
  BOILOFF_OPT_NO_REPAIR = 1u << 0,    /* keep mojibake, entities, odd spaces */
  BOILOFF_OPT_STRICT = 1u << 1,       /* invalid input bytes are an error */
  BOILOFF_OPT_HTML = 1u << 2,         /* input is HTML (skip detection) */
  BOILOFF_OPT_TEXT = 1u << 3,         /* input is text (skip detection) */
  BOILOFF_OPT_RULES_ONLY = 1u << 4,   /* hand-written rules, no learned model */
  BOILOFF_OPT_NO_SMOOTH = 1u << 5,    /* no sequence smoothing */
  BOILOFF_OPT_ALLOW_BINARY = 1u << 6, /* do not reject binary-looking input */
  BOILOFF_OPT_KEEP_COMMENTS = 1u
                              << 7, /* keep reader comments after the article */
  /* Text input: measure the lines on a second thread while the
   * caller's decodes, splits and classifies them: one stream on two
   * cores, the same output.  (HTML input stays on the caller's thread.)
   * Blocks still reach the callback on the caller's thread, during
   * boiloff_feed and boiloff_finish, and an error in the input is
   * returned by the call that fed it, after the blocks before it; an
   * allocation that fails on the second thread may be reported by a
   * later call.  The allocator is called from both threads.  Not used by
   * a profile's counter. */
  BOILOFF_OPT_THREADED = 1u << 8
};

/* Options of a context.  Always fill with boiloff_options_init() first and
 * then set fields: it sets `size`, by which the library knows which fields
 * a caller compiled against an older header has (fields are only ever
 * appended; those the caller does not have take their defaults). */
typedef struct boiloff_options {
  size_t size;               /* sizeof(boiloff_options) of the caller */
  unsigned flags;            /* BOILOFF_OPT_* bits */
  const char *from_code;     /* input charset for iconv; NULL = detect */
  double bias;               /* -1 (favour precision) .. +1 (favour recall) */
  size_t max_line_bytes;     /* longer lines are split; 0 = default 64 KiB */
  size_t max_document_bytes; /* 0 = default 1 GiB; larger = BOILOFF_ERR_LIMIT */
  const boiloff_profile *profile;     /* borrowed; NULL = none */
  const char *site;                   /* profile site key; NULL = "" */
  const boiloff_allocator *allocator; /* copied; NULL = malloc/free */
} boiloff_options;

/* Fills `opts` with the defaults: detect charset and input kind, repair
 * on, learned model and smoothing on, bias 0, 64 KiB lines, 1 GiB
 * documents, no profile, malloc/free. */
BOILOFF_API void boiloff_options_init(boiloff_options *opts);

typedef enum boiloff_label {
  BOILOFF_BOILERPLATE = 0,
  BOILOFF_CONTENT = 1
} boiloff_label;

/* One block (a line of the page, decoded to UTF-8).  Borrowed: valid only
 * during the callback. */
typedef struct boiloff_block {
  boiloff_label label;
  const char *text;   /* UTF-8, no line terminator, not NUL-terminated */
  size_t len;         /* bytes in text */
  unsigned long line; /* 1-based line of the decoded input (HTML: block no.) */
  const char *rule;   /* static name of what decided: "model+context",
                         "share", "cookie", "nav", "title"... */
  double score;       /* estimated probability that the block is content */
  int continued;      /* nonzero: a piece of an over-long line that goes on
                         in the next block (no line break between them) */
} boiloff_block;

/* Receives every block in input order, kept and dropped alike.  Return 0 to
 * go on, nonzero to stop (the pending call then returns BOILOFF_STOPPED). */
typedef int (*boiloff_block_fn)(void *user, const boiloff_block *block);

typedef struct boiloff_ctx boiloff_ctx;

/* A new context, or NULL when out of memory or `opts` is invalid (a size
 * that no version of boiloff_options has, unknown bits, --html with
 * --text, bias outside -1..1, an allocator missing a function).
 * boiloff_options_valid() tells which.  `opts` is copied (NULL = defaults),
 * and so are its strings; the profile it points to is borrowed and must
 * outlive the context.  `fn` must not be NULL.  An unknown `from_code` is
 * reported by the first boiloff_feed() as BOILOFF_ERR_CHARSET. */
BOILOFF_API boiloff_ctx *boiloff_new(const boiloff_options *opts,
                                     boiloff_block_fn fn, void *user);

/* BOILOFF_OK when boiloff_new() would accept `opts`, else BOILOFF_ERR_ARG. */
BOILOFF_API boiloff_status boiloff_options_valid(const boiloff_options *opts);

/* Feeds `len` bytes of the document (the caller keeps ownership of `buf`).
 * Blocks whose context is complete are passed to the callback before this
 * returns.  On error the context stays failed (see above); the blocks
 * already passed on stand. */
BOILOFF_API boiloff_status boiloff_feed(boiloff_ctx *ctx, const char *buf,
                                        size_t len);

/* Ends the document: passes the remaining blocks to the callback.  After it,
 * feed and finish return BOILOFF_ERR_STATE until boiloff_reset(). */
BOILOFF_API boiloff_status boiloff_finish(boiloff_ctx *ctx);

/* Makes the context ready for a new document with the same options, keeping
 * its allocated memory (for batch mode). */
BOILOFF_API boiloff_status boiloff_reset(boiloff_ctx *ctx);

/* Frees the context; NULL is a no-op. */
BOILOFF_API void boiloff_free(boiloff_ctx *ctx);

/* Two passes over HTML, one parse.  A context given a rendering writer
 * writes, for each HTML page it reads, the page's rendering: the blocks
 * the page rendered to, with what the markup said of each, before any
 * judgement, in pieces as they come.  A rendering is whole when
 * boiloff_finish() returned BOILOFF_OK and every write returned 0 (a
 * write that returns nonzero ends the page's rendering there; the page
 * itself goes on).  Text pages give none (boiloff_stats.is_html says
 * which pages were HTML).  The writer applies from the next page (or to
 * the current one if nothing was fed yet); NULL stops it at once, the
 * current page's rendering unfinished.  A context made
 * with boiloff_profile_count_block writes what it counts, so site
 * learning's first pass can keep each page's rendering for the second. */
typedef int (*boiloff_write_fn)(void *user, const void *data, size_t len);
BOILOFF_API boiloff_status boiloff_set_rendering_writer(boiloff_ctx *ctx,
                                                        boiloff_write_fn write,
                                                        void *user);
/* Reads a page's rendering, in pieces of any size, in place of the page:
 * boiloff_feed_rendering() instead of boiloff_feed(), then
 * boiloff_finish().  The blocks and counters are those the page itself
 * gives, for any options but the front end's (the line cap, the document
 * limit, strict, the charset given), which must be those the rendering
 * was made with (the document limit was applied to the page); a rendering
 * made with BOILOFF_OPT_HTML or BOILOFF_OPT_ALLOW_BINARY is read only
 * with them too (the page may not be HTML, or readable, without).
 * BOILOFF_ERR_ARG for bytes that are not a whole rendering made so (found
 * at finish when it stops short; the context then needs boiloff_reset(),
 * as after any error) and, without failing the context, for a context
 * made with BOILOFF_OPT_TEXT; BOILOFF_ERR_STATE after boiloff_feed() on
 * the same page.  A rendering is for the build of the library that wrote
 * it, not a format to keep. */
BOILOFF_API boiloff_status boiloff_feed_rendering(boiloff_ctx *ctx,
                                                  const char *buf, size_t len);

/* Counters of the current document.  Like the options, the struct only
 * grows: set `size` to sizeof(boiloff_stats) before boiloff_get_stats(),
 * which fills the fields that the caller's size covers. */
typedef struct boiloff_stats {
  size_t size;                    /* sizeof(boiloff_stats) of the caller */
  unsigned long long bytes_in;    /* bytes fed */
  unsigned long long blocks_kept; /* content blocks emitted */
  unsigned long long blocks_dropped;
  unsigned long long invalid_sequences; /* replaced by U+FFFD */
  unsigned long long repairs;           /* mojibake, entities, spaces fixed */
  const char *charset;                  /* detected or forced input charset
                                           (valid while ctx lives) */
  int is_html;                          /* input was treated as HTML */
} boiloff_stats;

/* Fills `stats` (whose `size` the caller set).  BOILOFF_ERR_ARG when ctx or
 * stats is NULL or the size is not that of any version of the struct. */
BOILOFF_API boiloff_status boiloff_get_stats(const boiloff_ctx *ctx,
                                             boiloff_stats *stats);

/* Byte offset in the input of the error returned last (for
 * BOILOFF_ERR_ENCODING), or 0. */
BOILOFF_API unsigned long long boiloff_error_offset(const boiloff_ctx *ctx);

/* One-shot helper: runs the same code path as new/feed/finish/free.
 * BOILOFF_ERR_ARG for invalid options or a NULL fn, BOILOFF_ERR_NOMEM when
 * the context cannot be allocated, else what feed or finish returned. */
BOILOFF_API boiloff_status boiloff_clean_buffer(const boiloff_options *opts,
                                                const char *buf, size_t len,
                                                boiloff_block_fn fn,
                                                void *user);

/* ---- Site profiles (batch mode's cross-page learning) ------------------
 * A profile counts, per site, on how many pages each normalised line
 * occurs (a line on many pages of a site is its furniture).  A line is
 * normalised before it is counted: case folded, every run of digits made
 * one "0", white space collapsed and trimmed, zero-width characters
 * dropped; only a 64-bit hash of it is kept.
 *
 * Merging adds counts per (site, line) and pages per site, so it is
 * commutative and associative: counting a crawl in parts (one profile per
 * worker or machine) and merging the parts in any order gives the same
 * profile, and the same saved bytes.  A count that would pass 2^64 - 1 is
 * BOILOFF_ERR_LIMIT and leaves the profile unchanged.
 *
 * The file format is plain text, version 1, every line ending in "\n":
 *   boiloff-profile 1
 *   # comments, ignored
 *   site PAGES LINES NAME    NAME percent-escaped (bytes <= 0x20, >= 0x7f
 *                            and '%' as %XX)
 *   KEY COUNT                LINES times: KEY 16 lowercase hex digits,
 *                            strictly ascending, 1 <= COUNT <= PAGES
 *   end SITES LINES
 * Sites are sorted by name bytes.  Anything else is BOILOFF_ERR_PROFILE. */
BOILOFF_API boiloff_profile *
boiloff_profile_new(const boiloff_allocator *allocator);
BOILOFF_API void boiloff_profile_free(boiloff_profile *profile);

/* Counting a page, streamed: begin_page, then the page's text in pieces
 * (add_text, or the blocks of a context through count_block), then
 * end_page, which adds the page to the counts, or cancel_page, which drops
 * it.  A line counts once per page however often it occurs there.  Memory
 * does not grow with the page: a line is hashed as it goes by, and the page
 * holds only the set of its distinct line keys, at most
 * BOILOFF_PROFILE_MAX_PAGE_LINES of them (8 bytes each, in a table at
 * most half full).  A page with more distinct lines than that is not
 * counted: no web page has that many, and such a page says nothing about
 * its site's furniture.
 *
 * The counts do not depend on how the text is cut into pieces, and are
 * those that boiloff_profile_add_page() gives for the whole text.  One page
 * at a time per profile, from one thread (batch mode gives each worker a
 * profile and merges them); the profile can be read, merged and saved
 * while a page is open (its counts do not include the open page).  Errors of a
 * page (BOILOFF_ERR_NOMEM, BOILOFF_ERR_LIMIT) are sticky: every later
 * add_text returns the same, and end_page returns it and drops the page,
 * leaving the counts unchanged. */
#define BOILOFF_PROFILE_MAX_PAGE_LINES 65536

/* Opens a page of `site` (NULL = ""; copied).  BOILOFF_ERR_STATE when a
 * page is open already, BOILOFF_ERR_NOMEM, BOILOFF_ERR_ARG for a NULL
 * profile. */
BOILOFF_API boiloff_status boiloff_profile_begin_page(boiloff_profile *profile,
                                                      const char *site);
/* Adds the next `len` bytes of the open page's text (UTF-8, a byte that is
 * not is read as windows-1252; lines end at "\n", "\r" or "\r\n"; a line,
 * or a character, may run on from one call into the next).  The caller
 * keeps `text`.  BOILOFF_ERR_STATE when no page is open, BOILOFF_ERR_ARG
 * for NULL text with a nonzero len; else the page's status (above). */
BOILOFF_API boiloff_status boiloff_profile_add_text(boiloff_profile *profile,
                                                    const char *text,
                                                    size_t len);
/* A boiloff_block_fn that adds each block to the open page of the
 * profile given as `user`, one line per block (a `continued` piece runs on
 * into the next block): what counts the lines of HTML, or of text in a
 * given charset, as the library decodes them.  A context made with it
 * tells HTML from text as any context does (unless the options say
 * which), and gives text in no given charset straight to
 * boiloff_profile_add_text(), undecoded: what batch mode's first pass
 * counts for every page.  Create the context with
 * boiloff_new(opts, boiloff_profile_count_block, profile), and per page:
 * begin_page, boiloff_feed..., boiloff_finish, end_page (cancel_page when
 * feed or finish fails; boiloff_reset before the next page).  On a page
 * error it returns nonzero, so feed returns BOILOFF_STOPPED, and end_page
 * then returns the error.  Every block counts, kept or dropped: a context
 * made with this callback passes its blocks on as it reads them, without
 * judging them (their labels are BOILOFF_BOILERPLATE, their rule "count"). */
BOILOFF_API int boiloff_profile_count_block(void *profile,
                                            const boiloff_block *block);
/* Closes the open page and adds it to the counts: the site's pages and
 * each distinct line's count grow by one.  BOILOFF_ERR_STATE when no page
 * is open; the page's error, or BOILOFF_ERR_NOMEM, leaves the counts
 * unchanged.  The page is closed in every case. */
BOILOFF_API boiloff_status boiloff_profile_end_page(boiloff_profile *profile);
/* Closes the open page without counting it (nothing open: a no-op). */
BOILOFF_API void boiloff_profile_cancel_page(boiloff_profile *profile);

/* Counts one page of `site` whose whole text is `text`: begin_page,
 * add_text, end_page in one call (BOILOFF_ERR_STATE while a page is
 * open); the counts are unchanged on error. */
BOILOFF_API boiloff_status boiloff_profile_add_page(boiloff_profile *profile,
                                                    const char *site,
                                                    const char *text,
                                                    size_t len);
/* Adds every count of `other` into `profile` (unchanged on error). */
BOILOFF_API boiloff_status boiloff_profile_merge(boiloff_profile *profile,
                                                 const boiloff_profile *other);
/* Adds every count of the n profiles `others` into `profile`: what n calls
 * of boiloff_profile_merge() give, faster, with up to `threads` threads
 * (at most 64; 0 or 1: the calling thread alone) when the table grows.
 * `profile` must not be among `others` (BOILOFF_ERR_ARG), and nothing may
 * use any of them meanwhile.  The counts are unchanged on error (new
 * sites may be left empty). */
BOILOFF_API boiloff_status boiloff_profile_merge_many(
    boiloff_profile *profile, const boiloff_profile *const *others, size_t n,
    unsigned threads);
/* Drops the lines counted on too few pages of their site to be its
 * furniture; the sites and their pages stay.  Cleaning with the profile
 * gives the same output as before, and the table shrinks to the few
 * lines that repeat: what a run that keeps no counts needs once a site is
 * wholly counted.  The counts of the dropped lines are gone, so adding
 * more pages of the same sites (counting, merging, loading) gives sums
 * that miss them.  BOILOFF_ERR_NOMEM leaves the profile unchanged;
 * BOILOFF_ERR_ARG for NULL. */
BOILOFF_API boiloff_status boiloff_profile_prune(boiloff_profile *profile);
/* Writes the file format above to a temporary file beside `path` and
 * renames it over `path`; loading adds a file's counts to what `profile`
 * holds (loading several files merges them) and changes nothing on error.
 * BOILOFF_ERR_IO (errno set) when the file cannot be opened, read or
 * written; BOILOFF_ERR_PROFILE when it is malformed. */
BOILOFF_API boiloff_status boiloff_profile_save(const boiloff_profile *profile,
                                                const char *path);
BOILOFF_API boiloff_status boiloff_profile_load(boiloff_profile *profile,
                                                const char *path);
/* Pages counted for `site`, and pages of `site` on which `line` occurs. */
BOILOFF_API unsigned long boiloff_profile_pages(const boiloff_profile *profile,
                                                const char *site);
BOILOFF_API unsigned long boiloff_profile_count(const boiloff_profile *profile,
                                                const char *site,
                                                const char *line, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* BOILOFF_H */
