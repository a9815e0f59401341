#!/bin/sh
# tests/chunking.sh [DIR...] - chunk invariance: every page (<id>.txt but
# not .gold.txt, <id>.html, <id>.html.gz) under the DIRs, read at sizes
# 1, 7, 64, 1000, 4096 and 65536, gives the --explain output it gives at
# the default read size.  Text pages are left to detection, HTML pages
# get --html --binary (NULs and all).  Without DIRs: fixtures/quality, fixtures/golden and
# fixtures/html and fixtures/chunking (make check); `make check-chunking` runs it on EVAL_DIR.
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/../tools/lt-resolve.sh"

SIZES=${CHUNK_SIZES:-"1 7 64 1000 4096 65536"}
# make check stays fast: there the sizes 1 and 7 are for pages of up to
# SMALL bytes (every size for every page in make check-chunking).
SMALL=
if test $# = 0; then
  set -- "$FIXTURES/quality" "$FIXTURES/golden" "$FIXTURES/html" "$FIXTURES/chunking"
  SMALL=${CHUNK_SMALL:-8192}
fi

# What a run that failed the same way at every read size would hide: a
# signal, or a sanitizer's report (ASan exits 1, as bad input does).
sanitizer_or_signal() {
  if test "$1" -ge 128; then
    echo "killed by signal $(($1 - 128))${2:+ at read size $2}"
  elif grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' \
      -e 'ERROR: LeakSanitizer' "$tmp/err"; then
    echo "sanitizer report${2:+ at read size $2}: $(grep -m1 -e ERROR: -e 'runtime error:' "$tmp/err")"
  fi
}

pages=0
find "$@" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.html.gz' \) \
  ! -name '*.gold.txt' | LC_ALL=C sort > "$tmp/list"
while read -r f; do
  case $f in
  *.html.gz) gzip -dc "$f" > "$tmp/page"; flag="--html --binary" ;;
  *.html) cp "$f" "$tmp/page"; flag="--html --binary" ;;
  *) cp "$f" "$tmp/page"; flag= ;;
  esac
  pages=$((pages + 1))
  set +e
  "$BOILOFF" $flag --explain "$tmp/page" > "$tmp/want" 2> "$tmp/err"
  want_rc=$?
  crashed=$(sanitizer_or_signal $want_rc)
  bad=
  size=$(wc -c < "$tmp/page")
  for n in $SIZES; do
    if test -n "$SMALL" && test "$n" -lt 64 && test "$size" -gt "$SMALL"; then
      continue
    fi
    "$BOILOFF" $flag --explain --read-size="$n" "$tmp/page" > "$tmp/got" 2> "$tmp/err"
    got_rc=$?
    if test $got_rc != $want_rc || ! cmp -s "$tmp/want" "$tmp/got"; then
      bad="$bad $n"
    fi
    if test -z "$crashed"; then
      crashed=$(sanitizer_or_signal $got_rc "$n")
    fi
  done
  set -e
  if test -n "$bad"; then fail "$f: other output at read sizes$bad"; fi
  if test -n "$crashed"; then fail "$f: $crashed"; fi
done < "$tmp/list"
test "$pages" -gt 0 || { skip "no pages under $*"; finish; }
test "$failed" -gt 0 || pass "$pages pages, identical at read sizes $SIZES"
finish
