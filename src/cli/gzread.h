/* gzread.h - reads a file descriptor as a byte stream, inflating gzip
 * (any number of members, as Common Crawl writes one per record) when the
 * data starts with the gzip magic, and passing other data through.  A
 * damaged member is reported once and reading resumes at the next member,
 * so one bad record does not cost the rest of the file. */
#ifndef BOILOFF_CLI_GZREAD_H
#define BOILOFF_CLI_GZREAD_H

#include <stddef.h>
#include <sys/types.h>

#include <zlib.h>

struct libdeflate_decompressor;

enum { GZREAD_EOF = 0, GZREAD_ERROR = -1, GZREAD_DAMAGED = -2 };

struct gzread {
  int fd;
  int gzip;      /* the input is gzip */
  int in_member; /* inside a member (its header has been read) */
  int eof;       /* read(2) returned 0 */
  z_stream zs;
  int zinit;
  unsigned char *in; /* compressed bytes not yet inflated */
  size_t in_cap, in_len;
  const char *damage; /* why the last GZREAD_DAMAGED */
  int err;            /* errno of a GZREAD_ERROR */
  unsigned long long members_damaged;
  /* Bytes of the member being streamed by zlib already returned: they are
   * unchecked until its end (CRC-32, length).  At a GZREAD_DAMAGED, the
   * count of bytes just before it that came from the damaged member (0:
   * every byte before it came from whole members that checked out). */
  unsigned long long member_out, damaged_out;
  /* Whole members inflated at once by libdeflate, then read from here. */
  struct libdeflate_decompressor *ld;
  unsigned char *out;
  size_t out_len, out_pos;
};

/* `prefix` (n bytes already read from fd, possibly 0) comes first.  -1 on
 * allocation failure. */
int gzread_open(struct gzread *g, int fd, const char *prefix, size_t n);
/* Up to `n` bytes of the (inflated) stream into buf: > 0 bytes, GZREAD_EOF,
 * GZREAD_ERROR (g->err), or GZREAD_DAMAGED (g->damage: a corrupt or
 * truncated member; bytes before and after it are not contiguous; the
 * last g->damaged_out bytes before it came from the damaged member). */
ssize_t gzread_read(struct gzread *g, char *buf, size_t n);
void gzread_close(struct gzread *g);

/* Reads from fd into buf until it holds at least `want` bytes or the input
 * ends; returns the count (< want only at end of input) or -1 (errno). */
ssize_t gzread_fill_prefix(int fd, char *buf, size_t size, size_t want);

/* Nonzero when the n bytes at p begin a gzip member. */
int gzread_is_gzip(const char *p, size_t n);

#endif
