#!/bin/sh
# identical.sh - `make check-identical`: a speed change must leave every
# output byte the same.  Runs boiloff --explain (labels, rules, scores and
# text of every block) over every page of the development corpus, as text
# (<id>.txt) and as HTML (<id>.html.gz, --html), and compares the result
# with a reference tree made by a reference program or saved earlier.
#
# Usage: identical.sh [--record]
#   --record: (re)write the reference tree from $BOILOFF itself (a snapshot
#   of the current outputs, taken before a speed change).
# Environment: BOILOFF (the program under test), EVAL_DIR (the corpus),
# IDENTICAL_REF (the reference tree, default ./identical-ref),
# IDENTICAL_REF_BOILOFF (a reference program: when set, the reference tree
# is rebuilt with it first, e.g. main's build), JOBS (default 2).
set -eu
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=./boiloff}"
: "${EVAL_DIR:=$here/../../shared/eval/dev}"
: "${IDENTICAL_REF:=./identical-ref}"
IDENTICAL_REF_BOILOFF=${IDENTICAL_REF_BOILOFF:-}
record=no
[ "${1-}" = --record ] && record=yes

die() { echo "identical.sh: $*" >&2; exit 1; }
[ -d "$EVAL_DIR" ] || die "no corpus at $EVAL_DIR; set EVAL_DIR=..."
EVAL_DIR=$(cd "$EVAL_DIR" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-identical.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# outputs PROGRAM DIR: the explain outputs of PROGRAM under DIR/text and
# DIR/html (predict.sh: one process per page, on stdin, as make eval does).
outputs() {
	rm -rf "$2.tmp"
	BOILOFF=$1 BOILOFF_FLAGS=--explain EVAL_INPUT=text \
		sh "$here/predict.sh" "$EVAL_DIR" "$2.tmp/text"
	BOILOFF=$1 BOILOFF_FLAGS=--explain EVAL_INPUT=html \
		sh "$here/predict.sh" "$EVAL_DIR" "$2.tmp/html"
	rm -rf "$2"
	mv "$2.tmp" "$2"
}

if [ "$record" = yes ]; then
	outputs "$BOILOFF" "$IDENTICAL_REF"
	echo "identical: reference recorded in $IDENTICAL_REF from $BOILOFF"
	exit 0
fi
if [ -n "$IDENTICAL_REF_BOILOFF" ]; then
	[ -x "$IDENTICAL_REF_BOILOFF" ] || die "$IDENTICAL_REF_BOILOFF is not a program"
	outputs "$IDENTICAL_REF_BOILOFF" "$IDENTICAL_REF"
fi
[ -d "$IDENTICAL_REF/text" ] && [ -d "$IDENTICAL_REF/html" ] ||
	die "no reference tree at $IDENTICAL_REF: make identical-ref first, or set IDENTICAL_REF_BOILOFF=PROGRAM"
outputs "$BOILOFF" "$tmp/new"
npages=$(find "$tmp/new" -type f | wc -l)
if diff -r "$IDENTICAL_REF" "$tmp/new" > "$tmp/diff"; then
	echo "identical: all $npages outputs (text and HTML, --explain) byte-identical to $IDENTICAL_REF"
	exit 0
fi
ndiff=$(grep -c '^diff \|^Only in ' "$tmp/diff" || true)
echo "identical: $ndiff of $npages outputs DIFFER from $IDENTICAL_REF; the first lines:" >&2
head -n 40 "$tmp/diff" >&2
exit 1
