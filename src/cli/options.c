/* options.c - getopt_long parsing, --help and --version. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiloff.h"
#include "options.h"

enum {
  OPT_FROM_CODE = 256,
  OPT_HTML,
  OPT_TEXT,
  OPT_NO_REPAIR,
  OPT_STRICT,
  OPT_BIAS,
  OPT_FAVOR_PRECISION,
  OPT_FAVOR_RECALL,
  OPT_RULES_ONLY,
  OPT_NO_SMOOTH,
  OPT_KEEP_COMMENTS,
  OPT_MAX_LINE,
  OPT_MAX_SIZE,
  OPT_PROFILE,
  OPT_SITE,
  OPT_BINARY,
  OPT_EXPLAIN,
  OPT_FORMAT,
  OPT_FILES0_FROM,
  OPT_INCLUDE,
  OPT_EXCLUDE,
  OPT_UPDATE,
  OPT_REPORT,
  OPT_SITE_DEPTH,
  OPT_NO_SITE_LEARNING,
  OPT_SAVE_PROFILE,
  OPT_MERGE_PROFILES,
  OPT_READ_SIZE,
  OPT_WARC,
  OPT_JSONL,
  OPT_FIELD,
  OPT_HTML_FIELD,
  OPT_JSONL_STATS,
  OPT_REJECTS
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"recursive", no_argument, NULL, 'r'},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"from-code", required_argument, NULL, OPT_FROM_CODE},
    {"html", no_argument, NULL, OPT_HTML},
    {"text", no_argument, NULL, OPT_TEXT},
    {"no-repair", no_argument, NULL, OPT_NO_REPAIR},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"bias", required_argument, NULL, OPT_BIAS},
    {"favor-precision", no_argument, NULL, OPT_FAVOR_PRECISION},
    {"favor-recall", no_argument, NULL, OPT_FAVOR_RECALL},
    {"rules-only", no_argument, NULL, OPT_RULES_ONLY},
    {"no-smooth", no_argument, NULL, OPT_NO_SMOOTH},
    {"keep-comments", no_argument, NULL, OPT_KEEP_COMMENTS},
    {"max-line", required_argument, NULL, OPT_MAX_LINE},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"site", required_argument, NULL, OPT_SITE},
    {"binary", no_argument, NULL, OPT_BINARY},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"files0-from", required_argument, NULL, OPT_FILES0_FROM},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"update", no_argument, NULL, OPT_UPDATE},
    {"report", required_argument, NULL, OPT_REPORT},
    {"site-depth", required_argument, NULL, OPT_SITE_DEPTH},
    {"no-site-learning", no_argument, NULL, OPT_NO_SITE_LEARNING},
    {"save-profile", required_argument, NULL, OPT_SAVE_PROFILE},
    {"merge-profiles", no_argument, NULL, OPT_MERGE_PROFILES},
    {"read-size", required_argument, NULL, OPT_READ_SIZE},
    {"warc", no_argument, NULL, OPT_WARC},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"field", required_argument, NULL, OPT_FIELD},
    {"html-field", required_argument, NULL, OPT_HTML_FIELD},
    {"jsonl-stats", no_argument, NULL, OPT_JSONL_STATS},
    {"rejects", required_argument, NULL, OPT_REJECTS},
    {NULL, 0, NULL, 0}};

static void S_help(void)
{
  fputs(
      "Usage: boiloff [OPTION]... [FILE]...\n"
      "  or:  boiloff -r [OPTION]... INPUT_DIR -o OUTPUT_DIR\n"
      "  or:  boiloff --merge-profiles -o OUT_PROFILE PROFILE...\n"
      "Remove boilerplate (menus, share buttons, players, footers, cookie\n"
      "notices) from scraped web pages, keeping the article text.\n"
      "With no FILE, or when FILE is -, read standard input.  Several FILEs\n"
      "are cleaned one after the other to standard output.\n"
      "\n"
      "Input:\n"
      "      --from-code=ENC     input charset (iconv name); default: detect\n"
      "      --html              input is HTML      --text  input is text\n"
      "      --no-repair         keep mojibake, entities and odd spaces\n"
      "      --strict            invalid input bytes are an error\n"
      "      --binary            clean input that looks binary\n"
      "      --max-line=BYTES    split longer lines (default 64K)\n"
      "      --max-size=BYTES    fail on larger documents (default 1G)\n"
      "                          BYTES may end in K, M or G (1024-based)\n"
      "Decision:\n"
      "      --bias=X            -1 (favour precision) .. +1 (favour recall)\n"
      "      --favor-precision   same as --bias=-0.5\n"
      "      --favor-recall      same as --bias=0.5\n"
      "      --rules-only        hand-written rules only, no learned model\n"
      "      --no-smooth         no sequence smoothing between blocks\n"
      "      --keep-comments     keep reader comments that follow the article\n"
      "      --profile=FILE      site profile (from --save-profile) to use\n"
      "      --site=NAME         site of the input in the profile (batch mode\n"
      "                          takes the site from each input's path)\n"
      "Output:\n"
      "  -o, --output=FILE|DIR   write to FILE (atomically) instead of stdout;\n"
      "                          a directory (batch mode) when it exists, ends\n"
      "                          in / or there are several inputs\n"
      "      --format=FMT        text (default), explain, jsonl or xml\n"
      "      --explain           every block, one per line:\n"
      "                          LINE<TAB>KEEP|DROP<TAB>RULE<TAB>SCORE<TAB>TEXT\n"
      "                          (SCORE %.3f; in TEXT, \\ and control\n"
      "                          characters are written \\\\, \\t, \\n, \\r, \\xHH)\n"
      "                          jsonl: {\"line\",\"label\",\"rule\",\"score\",\"text\"}\n"
      "                          xml: <document><block line= label= rule= score=>\n"
      "  -q, --quiet             no progress, summary or notes\n"
      "Records (WARC, WET, JSON Lines: one page per record):\n"
      "      --warc              inputs are WARC or WET files (.warc, .warc.gz,\n"
      "                          .warc.wet.gz; also detected from the first\n"
      "                          bytes): WET conversion records are cleaned as\n"
      "                          text, HTML responses as HTML (charset from the\n"
      "                          HTTP Content-Type), other records skipped;\n"
      "                          one JSON line per record: url, warc_record_id,\n"
      "                          date, content_type, text\n"
      "      --jsonl             inputs are JSON Lines (may be gzip'd): each\n"
      "                          object comes out with its field cleaned\n"
      "      --field=NAME        the field to clean (default text)\n"
      "      --html-field=NAME   clean HTML from field NAME into --field\n"
      "      --jsonl-stats       add \"boiloff\":{blocks_kept, blocks_dropped,\n"
      "                          words_kept, words_dropped} to each record\n"
      "      --format=wet        write a WARC/1.0 file of conversion records\n"
      "      --rejects=FILE      keep bad records and lines, as they were\n"
      "                          --max-size applies to each record; a bad\n"
      "                          record is skipped and counted (exit status 1)\n"
      "  -v, --verbose           statistics per input on stderr\n"
      "Batch mode (outputs mirror the inputs' paths under OUTPUT_DIR):\n"
      "  -r, --recursive         clean every matching file under INPUT_DIR\n"
      "      --files0-from=F     read NUL-separated input names from F (- =\n"
      "                          stdin), e.g. from find -print0\n"
      "      --include=GLOB      clean files whose name matches (default *.txt;\n"
      "                          repeatable; GLOB with / matches the path)\n"
      "      --exclude=GLOB      skip files and directories that match\n"
      "  -j, --jobs=N            worker threads (default: online CPUs); without\n"
      "                          -r, 2 or more split a stream's work over two\n"
      "                          threads, and clean a file's records on N\n"
      "                          (the same output)\n"
      "      --update            skip inputs whose output is newer\n"
      "      --report=FILE       one JSON line per input: path, bytes_in,\n"
      "                          bytes_out, blocks_kept, blocks_dropped,\n"
      "                          status (ok, failed, skipped), error\n"
      "      --site-depth=N      site = first N directories of the path (1)\n"
      "      --no-site-learning  no first pass counting each site's lines\n"
      "      --save-profile=FILE save the counts of the first pass\n"
      "      --merge-profiles    merge PROFILE files into the -o file\n"
      "  -h, --help              show this help and exit\n"
      "  -V, --version           show the version and exit\n"
      "\n"
      "An OUTPUT_DIR inside INPUT_DIR is left out of the walk (with a note);\n"
      "an INPUT_DIR inside (or equal to) OUTPUT_DIR is a usage error.\n"
      "Progress goes to stderr when it is a terminal; a summary at the end.\n"
      "Site learning keeps what its first pass rendered of HTML pages in\n"
      "unlinked temporary files in $TMPDIR (else /tmp), so that each page\n"
      "is parsed once; they take at most half its free space, and pages\n"
      "they cannot hold, or that change between the passes, are parsed again.\n"
      "Its counts take 16 bytes of memory for each distinct line of the\n"
      "sites being counted; once a site's pages are all counted, only its\n"
      "lines that repeat are kept.  With --save-profile, or record files\n"
      "(whose sites are known only once read), every count is kept to the\n"
      "end; a crawl too large for that can be cleaned one site directory at\n"
      "a time with --site-depth=0 (the outputs are those of one run).\n"
      "When the reader of stdout goes away, boiloff stops quietly.\n"
      "\n"
      "Exit status:\n"
      "  0    every input cleaned (also when the output pipe was closed)\n"
      "  1    some input failed, or writing the output failed\n"
      "  2    usage error (nothing was done)\n"
      "  130  interrupted by SIGINT, 143 by SIGTERM (no partial outputs left)\n"
      "\n"
      "Report bugs to: " PACKAGE_BUGREPORT "\n",
      stdout);
}

void options_usage_error(const char *fmt, ...)
{
  va_list ap;
  fputs("boiloff: error: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nTry 'boiloff --help' for more information.\n", stderr);
}

int options_parse_size(const char *s, size_t *out)
{
  char *end;
  unsigned long long v, mult = 1;
  if (!*s || *s == '-' || *s == '+' || *s == ' ')
    return -1;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno || end == s)
    return -1;
  switch (*end) {
  case '\0':
    break;
  case 'k':
  case 'K':
    mult = 1ULL << 10;
    end++;
    break;
  case 'm':
  case 'M':
    mult = 1ULL << 20;
    end++;
    break;
  case 'g':
  case 'G':
    mult = 1ULL << 30;
    end++;
    break;
  default:
    return -1;
  }
  if (*end == 'B' || *end == 'i') /* accept "64KiB", "64KB" */
    end += *end == 'i' && end[1] == 'B' ? 2 : 1;
  if (*end || v > (unsigned long long)SIZE_MAX / mult)
    return -1;
  *out = (size_t)(v * mult);
  return 0;
}

static int S_parse_long(const char *s, long min, long max, long *out)
{
  char *end;
  long v;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

static int S_push(const char ***v, size_t *n, const char *s)
{
  const char **nv = realloc(*v, (*n + 1) * sizeof *nv);
  if (!nv)
    return -1;
  nv[(*n)++] = s;
  *v = nv;
  return 0;
}

int options_parse(int argc, char **argv, struct cli_options *o)
{
  int c;
  char *end;
  size_t size;

  memset(o, 0, sizeof *o);
  boiloff_options_init(&o->lib);
  o->site_depth = 1;
  o->site_learning = 1;
  o->read_size = DEFAULT_READ_SIZE;
  o->field = "text";
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:rj:qvhV", long_options, NULL)) !=
         -1) {
    switch (c) {
    case 'o':
      o->output = optarg;
      break;
    case 'r':
      o->recursive = 1;
      break;
    case 'j':
      if (S_parse_long(optarg, 1, 1024, &o->jobs) != 0) {
        options_usage_error("invalid number of jobs: '%s' (1..1024)", optarg);
        return BOILOFF_EXIT_USAGE;
      }
      break;
    case 'q':
      o->quiet = 1;
      o->verbose = 0;
      break;
    case 'v':
      o->verbose = 1;
      o->quiet = 0;
      break;
    case 'h':
      S_help();
      return -1;
    case 'V':
      printf("boiloff %s (libboiloff %s)\n", PACKAGE_VERSION,
             boiloff_version_string());
      return -1;
    case OPT_FROM_CODE:
      o->lib.from_code = optarg;
      break;
    case OPT_HTML:
      o->lib.flags = (o->lib.flags & ~BOILOFF_OPT_TEXT) | BOILOFF_OPT_HTML;
      break;
    case OPT_TEXT:
      o->lib.flags = (o->lib.flags & ~BOILOFF_OPT_HTML) | BOILOFF_OPT_TEXT;
      break;
    case OPT_NO_REPAIR:
      o->lib.flags |= BOILOFF_OPT_NO_REPAIR;
      break;
    case OPT_STRICT:
      o->lib.flags |= BOILOFF_OPT_STRICT;
      break;
    case OPT_RULES_ONLY:
      o->lib.flags |= BOILOFF_OPT_RULES_ONLY;
      break;
    case OPT_KEEP_COMMENTS:
      o->lib.flags |= BOILOFF_OPT_KEEP_COMMENTS;
      break;
    case OPT_NO_SMOOTH:
      o->lib.flags |= BOILOFF_OPT_NO_SMOOTH;
      break;
    case OPT_BINARY:
      o->lib.flags |= BOILOFF_OPT_ALLOW_BINARY;
      break;
    case OPT_BIAS:
      errno = 0;
      o->lib.bias = strtod(optarg, &end);
      if (errno || end == optarg || *end ||
          !(o->lib.bias >= -1.0 && o->lib.bias <= 1.0)) {
        options_usage_error("invalid bias: '%s' (a number from -1 to 1)",
                            optarg);
        return BOILOFF_EXIT_USAGE;
      }
      break;
    case OPT_FAVOR_PRECISION:
      o->lib.bias = -0.5;
      break;
    case OPT_FAVOR_RECALL:
      o->lib.bias = 0.5;
      break;
    case OPT_MAX_LINE:
    case OPT_MAX_SIZE:
    case OPT_READ_SIZE:
      if (options_parse_size(optarg, &size) != 0 || size == 0) {
        options_usage_error("invalid size: '%s' (bytes, may end in K, M or G)",
                            optarg);
        return BOILOFF_EXIT_USAGE;
      }
      if (c == OPT_MAX_LINE)
        o->lib.max_line_bytes = size;
      else if (c == OPT_MAX_SIZE)
        o->lib.max_document_bytes = size;
      else
        o->read_size = size;
      break;
    case OPT_PROFILE:
      o->profile_path = optarg;
      break;
    case OPT_SITE:
      o->site = optarg;
      break;
    case OPT_EXPLAIN:
      o->format = FORMAT_EXPLAIN;
      break;
    case OPT_FORMAT:
      if (strcmp(optarg, "text") == 0)
        o->format = FORMAT_TEXT;
      else if (strcmp(optarg, "explain") == 0)
        o->format = FORMAT_EXPLAIN;
      else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
        o->format = FORMAT_JSONL;
      else if (strcmp(optarg, "xml") == 0)
        o->format = FORMAT_XML;
      else if (strcmp(optarg, "wet") == 0)
        o->format = FORMAT_WET;
      else {
        options_usage_error(
            "unknown format: '%s' (text, explain, jsonl, xml, wet)", optarg);
        return BOILOFF_EXIT_USAGE;
      }
      break;
    case OPT_FILES0_FROM:
      o->files0_from = optarg;
      break;
    case OPT_INCLUDE:
    case OPT_EXCLUDE:
      if (c == OPT_INCLUDE ? S_push(&o->includes, &o->nincludes, optarg)
                           : S_push(&o->excludes, &o->nexcludes, optarg)) {
        fputs("boiloff: error: out of memory\n", stderr);
        return BOILOFF_EXIT_FAILURE;
      }
      break;
    case OPT_UPDATE:
      o->update = 1;
      break;
    case OPT_REPORT:
      o->report = optarg;
      break;
    case OPT_SITE_DEPTH:
      if (S_parse_long(optarg, 0, 64, &o->site_depth) != 0) {
        options_usage_error("invalid site depth: '%s' (0..64)", optarg);
        return BOILOFF_EXIT_USAGE;
      }
      break;
    case OPT_NO_SITE_LEARNING:
      o->site_learning = 0;
      break;
    case OPT_SAVE_PROFILE:
      o->save_profile = optarg;
      break;
    case OPT_MERGE_PROFILES:
      o->merge_profiles = 1;
      break;
    case OPT_WARC:
      o->warc = 1;
      o->jsonl = 0;
      break;
    case OPT_JSONL:
      o->jsonl = 1;
      o->warc = 0;
      break;
    case OPT_FIELD:
      o->field = optarg;
      break;
    case OPT_HTML_FIELD:
      o->html_field = optarg;
      break;
    case OPT_JSONL_STATS:
      o->jsonl_stats = 1;
      break;
    case OPT_REJECTS:
      o->rejects = optarg;
      break;
    case ':':
      options_usage_error("option '%s' requires an argument", argv[optind - 1]);
      return BOILOFF_EXIT_USAGE;
    default:
      if (optopt)
        options_usage_error("unknown option '-%c'", optopt);
      else
        options_usage_error("unknown option '%s'", argv[optind - 1]);
      return BOILOFF_EXIT_USAGE;
    }
  }
  o->operands = argv + optind;
  o->noperands = argc - optind;
  return 0;
}

void options_free(struct cli_options *o)
{
  free(o->includes);
  free(o->excludes);
  o->includes = o->excludes = NULL;
}
