/* html-push-null.c - `make bench`'s floor for HTML input: libxml2's HTML
 * push parser alone, with empty SAX callbacks, over the files named on
 * the command line (or, one per line, on standard input), fed in 64 KiB
 * chunks with the options boiloff uses.  What boiloff --html adds is the
 * rest.  Not installed. */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

#define CHUNK 65536

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
  (void)ctx;
  (void)name;
  (void)atts;
}

static void on_end(void *ctx, const xmlChar *name)
{
  (void)ctx;
  (void)name;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
  (void)ctx;
  (void)s;
  (void)len;
}

static void on_error(void *ctx, const xmlError *e)
{
  (void)ctx;
  (void)e;
}

/* Parses one file; returns 0, or -1 when it cannot be read. */
static int parse_file(const char *path, char *buf)
{
  htmlSAXHandler sax;
  htmlParserCtxtPtr p = NULL;
  ssize_t n;
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    perror(path);
    return -1;
  }
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_text;
  sax.serror = (xmlStructuredErrorFunc)on_error;
  sax.initialized = XML_SAX2_MAGIC;
  while ((n = read(fd, buf, CHUNK)) > 0) {
    if (!p) {
      p = htmlCreatePushParserCtxt(&sax, NULL, buf, n >= 4 ? 4 : 0, NULL,
                                   XML_CHAR_ENCODING_NONE);
      if (!p)
        break;
      htmlCtxtUseOptions(p, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                HTML_PARSE_COMPACT);
      if (n > 4)
        htmlParseChunk(p, buf + 4, (int)n - 4, 0);
      continue;
    }
    htmlParseChunk(p, buf, (int)n, 0);
  }
  close(fd);
  if (p) {
    htmlParseChunk(p, NULL, 0, 1);
    htmlFreeParserCtxt(p);
  }
  return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
  static char buf[CHUNK];
  char line[4096];
  int i, status = 0;
  xmlInitParser();
  if (argc > 1) {
    for (i = 1; i < argc; i++)
      status |= parse_file(argv[i], buf) != 0;
  } else {
    while (fgets(line, sizeof line, stdin)) {
      line[strcspn(line, "\n")] = '\0';
      if (*line)
        status |= parse_file(line, buf) != 0;
    }
  }
  return status;
}
