/* gzread.c - gzip (multi-member, resynchronising) or plain input. */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libdeflate.h>

#include "gzread.h"
#include "signals.h"

#define GZ_CHUNK 65536
/* Members up to this size (a record: Common Crawl cuts payloads at 1 MiB)
 * are inflated whole by libdeflate, in about half zlib's time; longer
 * ones, and any that libdeflate refuses, stream through zlib. */
#define FAST_OUT ((size_t)2 << 20)

int gzread_is_gzip(const char *p, size_t n)
{
  return n >= 3 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b &&
         (unsigned char)p[2] == 8;
}

/* read(2) that retries EINTR and waits out an inherited O_NONBLOCK. */
static ssize_t S_read(int fd, void *buf, size_t n)
{
  for (;;) {
    ssize_t r = read(fd, buf, n);
    if (r >= 0)
      return r;
    if (errno == EINTR && !cli_interrupted())
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      struct pollfd p = {fd, POLLIN, 0};
      poll(&p, 1, -1);
      continue;
    }
    return -1;
  }
}

ssize_t gzread_fill_prefix(int fd, char *buf, size_t size, size_t want)
{
  size_t got = 0;
  if (want > size)
    want = size;
  while (got < want) {
    ssize_t r = S_read(fd, buf + got, size - got);
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    got += (size_t)r;
  }
  return (ssize_t)got;
}

int gzread_open(struct gzread *g, int fd, const char *prefix, size_t n)
{
  memset(g, 0, sizeof *g);
  g->fd = fd;
  g->in_cap = n > GZ_CHUNK ? n : GZ_CHUNK;
  if (!(g->in = malloc(g->in_cap)))
    return -1;
  if (n)
    memcpy(g->in, prefix, n);
  g->in_len = n;
  if (n < 3 && !g->eof) { /* enough to see the magic */
    ssize_t r = gzread_fill_prefix(fd, (char *)g->in + n, g->in_cap - n, 3 - n);
    if (r < 0) {
      g->err = errno;
      free(g->in);
      g->in = NULL;
      return -1;
    }
    g->in_len += (size_t)r;
    if (g->in_len < 3)
      g->eof = 1;
  }
  g->gzip = gzread_is_gzip((const char *)g->in, g->in_len);
  if (g->gzip) {
    if (inflateInit2(&g->zs, 15 + 16) != Z_OK) {
      free(g->in);
      g->in = NULL;
      return -1;
    }
    g->zinit = 1;
    g->zs.next_in = g->in;
    g->zs.avail_in = (uInt)g->in_len;
  }
  return 0;
}

void gzread_close(struct gzread *g)
{
  if (g->zinit)
    inflateEnd(&g->zs);
  if (g->ld)
    libdeflate_free_decompressor(g->ld);
  free(g->out);
  free(g->in);
  memset(g, 0, sizeof *g);
}

/* Refills the compressed buffer, keeping the unread bytes.  0, or -1 on a
 * read error. */
static int S_refill(struct gzread *g)
{
  size_t keep = g->zs.avail_in;
  ssize_t r;
  if (g->eof)
    return 0;
  memmove(g->in, g->zs.next_in, keep);
  r = S_read(g->fd, g->in + keep, g->in_cap - keep);
  if (r < 0) {
    g->err = errno;
    return -1;
  }
  if (r == 0)
    g->eof = 1;
  g->zs.next_in = g->in;
  g->zs.avail_in = (uInt)(keep + (size_t)r);
  return 0;
}

/* Counts a damaged member of which `out` bytes were already returned. */
static void S_damaged(struct gzread *g, unsigned long long out)
{
  g->members_damaged++;
  g->damaged_out = out;
  g->member_out = 0;
}

/* After damage: skips to the next gzip magic (reading on as needed) and
 * restarts inflate there.  At end of input, nothing is left to read. */
static int S_resync(struct gzread *g)
{
  for (;;) {
    unsigned char *p = g->zs.next_in, *end = p + g->zs.avail_in;
    for (; p + 3 <= end; p++)
      if (p[0] == 0x1f && p[1] == 0x8b && p[2] == 8)
        break;
    if (p + 3 <= end) {
      g->zs.avail_in = (uInt)(end - p);
      g->zs.next_in = p;
      inflateReset(&g->zs);
      return 0;
    }
    /* keep the last two bytes: they may start a magic */
    {
      size_t tail = (size_t)(end - p);
      g->zs.next_in = p;
      g->zs.avail_in = (uInt)tail;
    }
    if (g->eof) {
      g->zs.avail_in = 0;
      return 0;
    }
    if (S_refill(g) != 0)
      return -1;
  }
}

/* Inflates the member at next_in whole into g->out with libdeflate: 1,
 * or 0 to leave it to zlib (a member longer than FAST_OUT, one cut by the
 * end of the buffer, or a damaged one, which zlib then reports as
 * before), or -1 on a read error.  A header CRC is left to zlib too:
 * libdeflate skips it unchecked. */
static int S_fast_member(struct gzread *g)
{
  size_t used = 0, got = 0;
  if (!g->out) {
    if (!(g->out = malloc(FAST_OUT)) ||
        !(g->ld = libdeflate_alloc_decompressor())) {
      free(g->out);
      g->out = NULL;
      return 0; /* zlib needs less memory */
    }
  }
  if (g->zs.avail_in < 4 || (g->zs.next_in[3] & 0x02))
    return 0;
  if (libdeflate_gzip_decompress_ex(g->ld, g->zs.next_in, g->zs.avail_in,
                                    g->out, FAST_OUT, &used,
                                    &got) != LIBDEFLATE_SUCCESS) {
    /* Maybe cut by the end of what was read (input is not read ahead of
     * need: a pipe's writer may be waiting for our output): read on once
     * when the buffer has room. */
    size_t had = g->zs.avail_in;
    if (g->eof || had >= g->in_cap / 2)
      return 0;
    if (S_refill(g) != 0)
      return -1;
    if (g->zs.avail_in == had ||
        libdeflate_gzip_decompress_ex(g->ld, g->zs.next_in, g->zs.avail_in,
                                      g->out, FAST_OUT, &used,
                                      &got) != LIBDEFLATE_SUCCESS)
      return 0;
  }
  g->zs.next_in += used;
  g->zs.avail_in -= (uInt)used;
  g->out_len = got;
  g->out_pos = 0;
  return 1;
}

ssize_t gzread_read(struct gzread *g, char *buf, size_t n)
{
  if (!g->gzip) {
    ssize_t r;
    if (g->in_len) { /* the prefix first */
      size_t k = g->in_len < n ? g->in_len : n;
      memcpy(buf, g->in, k);
      memmove(g->in, g->in + k, g->in_len - k);
      g->in_len -= k;
      return (ssize_t)k;
    }
    if (g->eof)
      return GZREAD_EOF;
    r = S_read(g->fd, buf, n);
    if (r < 0) {
      g->err = errno;
      return GZREAD_ERROR;
    }
    return r;
  }
  if (n > 1u << 30)
    n = 1u << 30;
  for (;;) {
    int zr;
    if (g->out_pos < g->out_len) { /* a member libdeflate inflated */
      size_t k = g->out_len - g->out_pos < n ? g->out_len - g->out_pos : n;
      memcpy(buf, g->out + g->out_pos, k);
      g->out_pos += k;
      return (ssize_t)k;
    }
    if (g->zs.avail_in == 0) {
      if (g->eof) {
        if (g->in_member) {
          g->in_member = 0;
          S_damaged(g, g->member_out);
          g->damage = "truncated gzip member";
          return GZREAD_DAMAGED;
        }
        return GZREAD_EOF;
      }
      if (S_refill(g) != 0)
        return GZREAD_ERROR;
      continue;
    }
    if (!g->in_member) {
      /* A new member must start here; anything else is garbage. */
      if (g->zs.avail_in < 3 && !g->eof) {
        if (S_refill(g) != 0)
          return GZREAD_ERROR;
        if (g->zs.avail_in < 3 && !g->eof)
          continue;
      }
      if (!gzread_is_gzip((const char *)g->zs.next_in, g->zs.avail_in)) {
        S_damaged(g, 0);
        g->damage = "data between gzip members is not gzip";
        g->zs.next_in++;
        g->zs.avail_in--;
        if (S_resync(g) != 0)
          return GZREAD_ERROR;
        return GZREAD_DAMAGED;
      }
      switch (S_fast_member(g)) {
      case 1:
        continue;
      case -1:
        return GZREAD_ERROR;
      }
      g->in_member = 1;
      g->member_out = 0;
    }
    g->zs.next_out = (unsigned char *)buf;
    g->zs.avail_out = (uInt)n;
    zr = inflate(&g->zs, Z_NO_FLUSH);
    if (zr == Z_STREAM_END) { /* its CRC-32 and length checked out */
      size_t got = n - g->zs.avail_out;
      g->in_member = 0;
      g->member_out = 0;
      inflateReset(&g->zs);
      if (got)
        return (ssize_t)got;
      continue;
    }
    if (zr == Z_OK || zr == Z_BUF_ERROR) {
      size_t got = n - g->zs.avail_out;
      g->member_out += got;
      if (got)
        return (ssize_t)got;
      continue; /* needs more input: the loop refills */
    }
    if (zr == Z_MEM_ERROR) {
      g->err = ENOMEM;
      return GZREAD_ERROR;
    }
    /* Z_DATA_ERROR, Z_STREAM_ERROR, Z_NEED_DICT: a corrupt member.  What
     * it gave before the damage comes first (inflate fails again next). */
    if (n - g->zs.avail_out > 0) {
      g->member_out += n - g->zs.avail_out;
      return (ssize_t)(n - g->zs.avail_out);
    }
    S_damaged(g, g->member_out);
    g->damage = "corrupt gzip member";
    g->in_member = 0;
    if (S_resync(g) != 0)
      return GZREAD_ERROR;
    return GZREAD_DAMAGED;
  }
}
