/* output.c - the output formats.
 *
 * text     kept blocks, each followed by "\n" unless `continued` (the next
 *          piece goes on with the same line).
 * explain  every block: LINE \t KEEP|DROP \t RULE \t SCORE(%.3f) \t TEXT,
 *          TEXT with \\, \t, \n, \r and \xHH for other control characters,
 *          so that one block is one line.
 * jsonl    {"line":N,"label":"content"|"boilerplate","rule":"..",
 *          "score":0.123,"text":".."} per block (RFC 8259 escaping), plus
 *          "continued":true on a piece of an over-long line.
 * xml      libxml2's xmlTextWriter: <document source=".."><block line=".."
 *          label=".." rule=".." score="..">text</block>...</document>; one
 *          document per input (several inputs to stdout: several documents).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "dynload.h" /* libxml2, loaded for --format=xml only */
#include "output.h"
#include "util.h"

static const char *S_xml_clean(struct output *o, const char *s, size_t n);

static int S_write(struct output *o, const char *p, size_t n)
{
  if (o->error || !o->fp)
    return -1; /* !fp: a dropped document's last bytes go nowhere */
  if (n && fwrite(p, 1, n, o->fp) != n) {
    o->error = errno ? errno : EIO;
    return -1;
  }
  o->bytes += n;
  return 0;
}

static int S_xml_write(void *ctx, const char *buf, int len)
{
  struct output *o = ctx;
  if (!o->fp)
    return len; /* a dropped document: nothing to write, and no error */
  return S_write(o, buf, (size_t)len) == 0 ? len : -1;
}

/* libxml2 prints its own I/O errors ("I/O error : flush error"); ours,
 * in the boiloff: format, are enough. */
static void S_quiet(void *ctx, const char *msg, ...)
{
  (void)ctx;
  (void)msg;
}

static void S_quiet_structured(void *ctx, xmlErrorPtr error)
{
  (void)ctx;
  (void)error;
}

int output_global_init(enum output_format format)
{
  if (format != FORMAT_XML)
    return 0;
  if (boiloff__libxml2_load() != BOILOFF_OK) {
    cli_error("--format=xml: cannot load " LIBXML2_SONAME ": %s",
              boiloff__libxml2_error());
    return -1;
  }
  xmlSetGenericErrorFunc(NULL, S_quiet);
  xmlThrDefSetGenericErrorFunc(NULL, S_quiet);
  xmlSetStructuredErrorFunc(NULL, S_quiet_structured);
  xmlThrDefSetStructuredErrorFunc(NULL, S_quiet_structured);
  return 0;
}

static int S_xml_close(void *ctx)
{
  (void)ctx;
  return 0;
}

void output_init(struct output *o, FILE *fp, enum output_format format)
{
  memset(o, 0, sizeof *o);
  o->fp = fp;
  o->format = format;
}

static int S_reserve(struct output *o, size_t n)
{
  char *p;
  if (n <= o->scratch_cap)
    return 0;
  if (n < 4096)
    n = 4096;
  p = realloc(o->scratch, n);
  if (!p) {
    o->error = ENOMEM;
    return -1;
  }
  o->scratch = p;
  o->scratch_cap = n;
  return 0;
}

int output_begin(struct output *o, const char *source)
{
  xmlOutputBufferPtr buf;
  xmlTextWriterPtr w;

  o->line_open = 0;
  if (o->format != FORMAT_XML)
    return o->error ? -1 : 0;
  buf = xmlOutputBufferCreateIO(S_xml_write, S_xml_close, o, NULL);
  if (!buf || !(w = xmlNewTextWriter(buf))) {
    if (buf)
      xmlOutputBufferClose(buf);
    if (!o->error)
      o->error = ENOMEM;
    return -1;
  }
  o->xml = w;
  if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
      xmlTextWriterStartElement(w, BAD_CAST "document") < 0 ||
      (source && (!(source = S_xml_clean(o, source, strlen(source))) ||
                  xmlTextWriterWriteAttribute(w, BAD_CAST "source",
                                              BAD_CAST source) < 0)) ||
      xmlTextWriterWriteString(w, BAD_CAST "\n") < 0)
    goto fail;
  return 0;
fail:
  if (!o->error)
    o->error = EIO;
  return -1;
}

/* explain: escapes so that the text stays on one line. */
static int S_explain_text(struct output *o, const char *s, size_t n)
{
  size_t i, k = 0;
  if (n > (SIZE_MAX - 2) / 4 || S_reserve(o, 4 * n + 2))
    return -1;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\\') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = '\\';
    } else if (c == '\t') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 't';
    } else if (c == '\n') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 'n';
    } else if (c == '\r') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 'r';
    } else if (c < 0x20 || c == 0x7f) {
      k += (size_t)snprintf(o->scratch + k, 5, "\\x%02X", c);
    } else
      o->scratch[k++] = (char)c;
  }
  o->scratch[k++] = '\n';
  return S_write(o, o->scratch, k);
}

static int S_json_string(struct output *o, const char *s, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  size_t i, k = 0;
  if (n > (SIZE_MAX - 4) / 6 || S_reserve(o, 6 * n + 4))
    return -1;
  o->scratch[k++] = '"';
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = (char)c;
    } else if (c == '\n') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 'n';
    } else if (c == '\t') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 't';
    } else if (c == '\r') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 'r';
    } else if (c == '\b') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 'b';
    } else if (c == '\f') {
      o->scratch[k++] = '\\';
      o->scratch[k++] = 'f';
    } else if (c < 0x20 || c == 0x7f) {
      memcpy(o->scratch + k, "\\u00", 4);
      k += 4;
      o->scratch[k++] = hex[c >> 4];
      o->scratch[k++] = hex[c & 15];
    } else
      o->scratch[k++] = (char)c;
  }
  o->scratch[k++] = '"';
  return S_write(o, o->scratch, k);
}

/* XML 1.0 forbids most C0 controls even as references, and U+FFFE and
 * U+FFFF; a file name may be any bytes: U+FFFD for all of those. */
static const char *S_xml_clean(struct output *o, const char *s, size_t n)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, k = 0, len;
  if (n > (SIZE_MAX - 1) / 3 || S_reserve(o, 3 * n + 1))
    return NULL;
  while (i < n) {
    unsigned char c = u[i];
    len = cli_utf8_char(u + i, n - i);
    if (!len || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
        c == 0x7f ||
        (len == 3 && c == 0xEF && u[i + 1] == 0xBF && u[i + 2] >= 0xBE)) {
      memcpy(o->scratch + k, "\xEF\xBF\xBD", 3);
      k += 3;
      i += len ? len : 1;
    } else {
      memcpy(o->scratch + k, u + i, len);
      k += len;
      i += len;
    }
  }
  o->scratch[k] = '\0';
  return o->scratch;
}

int output_block(struct output *o, const boiloff_block *b)
{
  char head[128];
  const char *rule = b->rule ? b->rule : "-";
  int keep = b->label == BOILOFF_CONTENT, n;

  if (o->error)
    return -1;
  switch (o->format) {
  case FORMAT_TEXT:
    if (keep) {
      if (S_write(o, b->text, b->len))
        return -1;
      o->line_open = b->continued != 0;
      if (!b->continued)
        return S_write(o, "\n", 1);
    } else if (!b->continued && o->line_open) {
      o->line_open = 0; /* a kept piece of this line was written */
      return S_write(o, "\n", 1);
    }
    return 0;
  case FORMAT_EXPLAIN:
    n = snprintf(head, sizeof head, "%lu\t%s\t", b->line,
                 keep ? "KEEP" : "DROP");
    if (S_write(o, head, (size_t)n) || S_write(o, rule, strlen(rule)))
      return -1;
    n = snprintf(head, sizeof head, "\t%.3f\t", b->score);
    if (S_write(o, head, (size_t)n))
      return -1;
    return S_explain_text(o, b->text, b->len);
  case FORMAT_JSONL:
    n = snprintf(head, sizeof head,
                 "{\"line\":%lu,\"label\":\"%s\",\"rule\":", b->line,
                 keep ? "content" : "boilerplate");
    if (S_write(o, head, (size_t)n) || S_json_string(o, rule, strlen(rule)))
      return -1;
    n = snprintf(head, sizeof head, ",\"score\":%.3f,\"text\":", b->score);
    if (S_write(o, head, (size_t)n) || S_json_string(o, b->text, b->len))
      return -1;
    return S_write(o, b->continued ? ",\"continued\":true}\n" : "}\n",
                   b->continued ? 19 : 2);
  case FORMAT_XML: {
    xmlTextWriterPtr w = o->xml;
    const char *text;
    if (!w)
      return -1;
    if (xmlTextWriterStartElement(w, BAD_CAST "block") < 0 ||
        xmlTextWriterWriteFormatAttribute(w, BAD_CAST "line", "%lu", b->line) <
            0 ||
        xmlTextWriterWriteAttribute(
            w, BAD_CAST "label", BAD_CAST(keep ? "content" : "boilerplate")) <
            0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "rule", BAD_CAST rule) < 0 ||
        xmlTextWriterWriteFormatAttribute(w, BAD_CAST "score", "%.3f",
                                          b->score) < 0 ||
        (b->continued && xmlTextWriterWriteAttribute(w, BAD_CAST "continued",
                                                     BAD_CAST "1") < 0) ||
        !(text = S_xml_clean(o, b->text, b->len)) ||
        xmlTextWriterWriteString(w, BAD_CAST text) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterWriteString(w, BAD_CAST "\n") < 0) {
      if (!o->error)
        o->error = EIO;
      return -1;
    }
    return 0;
  }
  case FORMAT_WET: /* records only (records.c); never a page's blocks */
    break;
  }
  return 0;
}

int output_flush(struct output *o)
{
  if (o->xml && xmlTextWriterFlush(o->xml) < 0 && !o->error)
    o->error = EIO;
  if (!o->error && fflush(o->fp) != 0)
    o->error = errno ? errno : EIO;
  return o->error ? -1 : 0;
}

int output_end(struct output *o)
{
  if (o->format == FORMAT_TEXT && o->line_open) {
    o->line_open = 0;
    S_write(o, "\n", 1);
  }
  if (o->xml) {
    xmlTextWriterPtr w = o->xml;
    if ((xmlTextWriterEndDocument(w) < 0 || xmlTextWriterFlush(w) < 0) &&
        !o->error)
      o->error = EIO;
    xmlFreeTextWriter(w);
    o->xml = NULL;
  }
  return output_flush(o);
}

void output_free(struct output *o)
{
  if (o->xml) { /* an unfinished document: dropped, not written */
    o->fp = NULL;
    xmlFreeTextWriter(o->xml);
    o->xml = NULL;
  }
  free(o->scratch);
  o->scratch = NULL;
  o->scratch_cap = 0;
}

int output_block_fn(void *user, const boiloff_block *b)
{
  struct output *o = *(struct output **)user;
  return output_block(o, b) != 0;
}
