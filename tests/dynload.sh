#!/bin/sh
# tests/dynload.sh - the command when libxml2 or uchardet is missing at run
# time (tests/nodlopen.c, preloaded, makes their dlopen fail): an HTML page,
# a legacy charset to guess and --format=xml fail with a boiloff: message
# and exit 1, a batch goes on with its other files, and text that needs
# neither library comes out as usual.  Also: a start loads neither.
. "$(dirname "$0")/setup.sh"
builddir=$(dirname "$BOILOFF")
: "${BOILOFF_NODLOPEN:=$builddir/tests/.libs/libnodlopen.so}"
. "$(dirname "$0")/../tools/lt-resolve.sh"

if [ ! -f "$BOILOFF_NODLOPEN" ]; then
  skip "no $BOILOFF_NODLOPEN"
  finish
fi
# The shim comes first in the preload list, before a sanitizer's runtime.
ASAN_OPTIONS=verify_asan_link_order=0:${ASAN_OPTIONS:-}
export ASAN_OPTIONS

# deny LIBS CMD...: runs boiloff with dlopen failing for LIBS ("libxml2",
# "uchardet", "libxml2,uchardet" or "" for none).
deny() {
  what=$1
  shift
  set +e
  BOILOFF_TEST_NO_DLOPEN=$what LD_PRELOAD=$BOILOFF_NODLOPEN \
    $VALGRIND "$BOILOFF" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set -e
}
missing='cannot load a shared library this input needs'

prose 16 12 > "$tmp/article.txt"
printf 'Caf&eacute; owners&nbsp;said so.\n' >> "$tmp/article.txt"
{
  printf '<html><head><title>News</title></head><body><article>\n'
  prose 16 12 | sed 's/^/<p>/; s/$/<\/p>/'
  printf '</article></body></html>\n'
} > "$tmp/page.html"
# KOI8-R without a declaration: its charset is guessed.
{ prose 17 6; printf '\367\323\305 \314\300\304\311 \322\317\326\304\301\300\324\323\321.\n'; } > "$tmp/koi8.txt"

run < "$tmp/article.txt"
cp "$tmp/out" "$tmp/article.want"
check "text: cleaned without the shim" grep -q "Caf$(printf '\303\251') owners said" "$tmp/article.want"
deny "" --html "$tmp/page.html"
expect_rc "html, nothing denied" 0
check "html, nothing denied: article kept" grep -q 'harbour\|council\|school' "$tmp/out"

deny libxml2 --html "$tmp/page.html"
expect_rc "html without libxml2" 1
check "html without libxml2: the message says so" \
  grep -q "^boiloff: error: $tmp/page.html: $missing (libxml2" "$tmp/err"
check "html without libxml2: no output" test ! -s "$tmp/out"
deny libxml2 < "$tmp/page.html"
expect_rc "html detected, without libxml2" 1
check "html detected, without libxml2: the message says so" \
  grep -q "^boiloff: .*$missing" "$tmp/err"

deny libxml2,uchardet < "$tmp/article.txt"
expect_rc "text without libxml2 and uchardet" 0
expect_no_err "text without libxml2 and uchardet"
check "text without libxml2 and uchardet: the same output" cmp -s "$tmp/out" "$tmp/article.want"

deny libxml2 --format=xml < "$tmp/article.txt"
expect_rc "--format=xml without libxml2" 1
check "--format=xml without libxml2: the loader's message" \
  grep -q '^boiloff: error: --format=xml: cannot load libxml2.*cannot open shared object file' "$tmp/err"

run < "$tmp/koi8.txt"
expect_rc "koi8-r" 0
deny uchardet < "$tmp/koi8.txt"
if grep -q '^#define HAVE_UCHARDET 1' "$builddir/config.h"; then
  expect_rc "koi8-r without uchardet" 1
  check "koi8-r without uchardet: the message says so" grep -q "^boiloff: .*$missing" "$tmp/err"
else
  check "koi8-r without uchardet (built without it): cleaned" test "$rc" = 0
fi
deny uchardet --from-code=KOI8-R < "$tmp/koi8.txt"
expect_rc "koi8-r given, without uchardet" 0

# A batch: the HTML page fails, the text page is cleaned, exit 1.
mkdir "$tmp/tree"
cp "$tmp/article.txt" "$tmp/tree/a.txt"
cp "$tmp/page.html" "$tmp/tree/b.txt"
deny libxml2 -r "$tmp/tree" -o "$tmp/outtree" --no-site-learning
expect_rc "batch without libxml2" 1
check "batch without libxml2: the text page cleaned" cmp -s "$tmp/outtree/a.txt" "$tmp/article.want"
check "batch without libxml2: no output for the HTML page" test ! -e "$tmp/outtree/b.txt"
check "batch without libxml2: the HTML page reported" grep -q "b.txt.*$missing" "$tmp/err"

# A start maps neither library (the loader's list of files it opens).
set +e
LD_DEBUG=files "$BOILOFF" </dev/null >/dev/null 2>"$tmp/ld"
set -e
check "start: the loader ran (LD_DEBUG works)" grep -q 'file=' "$tmp/ld"
check "start: libxml2 not loaded" sh -c "! grep -q 'file=libxml2' '$tmp/ld'"
check "start: uchardet not loaded" sh -c "! grep -q 'file=libuchardet' '$tmp/ld'"
finish
