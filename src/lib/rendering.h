/* rendering.h - what the HTML front end gave for a page (its rendering),
 * as bytes that give the same blocks again: a page parsed in a first pass
 * (site learning's count) is cleaned in the second from its rendering,
 * not parsed twice.
 *
 * A rendering is a header (the options that shape the blocks: the line
 * cap, the document limit, strict mode, the charset given), then the
 * blocks in order, each with its hint, then the page's own counters.
 * Fields are in the machine's byte order: a rendering is read back by the
 * same build, not kept (boiloff_feed_rendering in boiloff.h). */
#ifndef BOILOFF_RENDERING_H
#define BOILOFF_RENDERING_H

#include <stddef.h>

#include "block_hint.h"
#include "boiloff.h"
#include "buf.h"
#include "html_render.h"

typedef struct boiloff__rendering_writer {
  boiloff_write_fn write; /* NULL: none kept */
  void *user;
  int started; /* the header is written */
  int failed;  /* write said no: nothing more for this page */
} boiloff__rendering_writer;

/* A new page: nothing written yet. */
void boiloff__rendering_begin(boiloff__rendering_writer *w);
/* One block as the front end gave it (before repair). */
void boiloff__rendering_block(boiloff__rendering_writer *w,
                              const boiloff_options *opts, const char *text,
                              size_t len, int continued,
                              const boiloff__block_hint *hint);
/* The page ended well: its counters close the rendering. */
void boiloff__rendering_end(boiloff__rendering_writer *w,
                            const boiloff_options *opts,
                            unsigned long long bytes_in,
                            unsigned long long invalid,
                            unsigned long long error_offset);

typedef struct boiloff__rendering_reader {
  boiloff__buf pending; /* the bytes of an entry not whole yet */
  int state;            /* header, blocks, ended */
  unsigned long long bytes_in, invalid, error_offset;
} boiloff__rendering_reader;

void boiloff__rendering_reader_init(boiloff__rendering_reader *r,
                                    const boiloff_allocator *a);
void boiloff__rendering_reader_reset(boiloff__rendering_reader *r);
void boiloff__rendering_reader_free(boiloff__rendering_reader *r);
/* n more bytes of a rendering, in pieces of any size: its blocks go to
 * fn.  BOILOFF_ERR_ARG when the bytes are not a rendering made with
 * `opts`'s front-end options (or run on past its end); else what fn
 * returns. */
boiloff_status boiloff__rendering_read(boiloff__rendering_reader *r,
                                       const boiloff_options *opts,
                                       const char *buf, size_t n,
                                       boiloff__html_block_fn fn, void *user);
/* The rendering is whole (BOILOFF_ERR_ARG if it stopped short). */
boiloff_status boiloff__rendering_read_end(const boiloff__rendering_reader *r);

#endif
