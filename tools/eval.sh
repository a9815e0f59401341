#!/bin/sh
# eval.sh - `make eval`: runs boiloff over an evaluation corpus, scores the
# output with boiloff-score, prints the per-set table and the ten worst
# pages, and writes the table to $EVAL_RESULTS (doc/eval-results.txt).
#
# Environment: BOILOFF, BOILOFF_SCORE (programs), EVAL_DIR (corpus: set
# directories of <id>.txt + <id>.gold.txt, or one such directory),
# EVAL_FLAGS (extra boiloff options), EVAL_RESULTS (table file; empty: do
# not write one), JOBS (default 2), EVAL_INPUT (text, or html: the pages'
# <id>.html.gz with --html; see predict.sh).
set -eu
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=./boiloff}"
: "${BOILOFF_SCORE:=./boiloff-score}"
: "${EVAL_DIR:=$here/../../shared/eval/dev}"
EVAL_FLAGS=${EVAL_FLAGS:-}
EVAL_RESULTS=${EVAL_RESULTS-$here/../doc/eval-results.txt}

if [ ! -d "$EVAL_DIR" ]; then
	echo "eval.sh: no evaluation corpus at $EVAL_DIR; set EVAL_DIR=..." >&2
	exit 1
fi
EVAL_DIR=$(cd "$EVAL_DIR" && pwd)
for p in "$BOILOFF" "$BOILOFF_SCORE"; do
	if [ ! -x "$p" ]; then
		echo "eval.sh: $p is not built" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

EVAL_INPUT=${EVAL_INPUT:-text}
export EVAL_INPUT
if [ "$EVAL_INPUT" = html ]; then
	npages=$(find "$EVAL_DIR" -type f -name '*.html.gz' | wc -l)
	EVAL_FLAGS="--html${EVAL_FLAGS:+ $EVAL_FLAGS}"
else
	npages=$(find "$EVAL_DIR" -type f -name '*.txt' ! -name '*.gold.txt' | wc -l)
fi
echo "eval: boiloff ${EVAL_FLAGS:+$EVAL_FLAGS }on $npages pages of $EVAL_DIR"
t0=$(date +%s%N)
BOILOFF_FLAGS=${EVAL_FLAGS#--html} sh "$here/predict.sh" "$EVAL_DIR" "$tmp/pred"
t1=$(date +%s%N)
awk -v a="$t0" -v b="$t1" -v n="$npages" 'BEGIN {
	s = (b - a) / 1e9; printf "eval: %.1f s, %.0f pages/s (2 jobs)\n\n", s, (s > 0 ? n / s : 0) }'

rc=0
"$BOILOFF_SCORE" --worst 10 "$EVAL_DIR" "$tmp/pred" > "$tmp/report" || rc=$?
cat "$tmp/report"
if [ "$rc" -ne 0 ]; then
	echo "eval.sh: boiloff-score failed (exit $rc)" >&2
	exit "$rc"
fi

if [ -n "$EVAL_RESULTS" ]; then
	version=$("$BOILOFF" --version < /dev/null 2>/dev/null | head -n 1) || version=
	[ -n "$version" ] || version="boiloff (no --version output)"
	{
		echo "# make eval: $version${EVAL_FLAGS:+ $EVAL_FLAGS}"
		echo "# corpus: $(basename "$EVAL_DIR") ($npages pages), $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m)"
		echo "# metric: 4-gram shingle and bag-of-words P/R/F1 (boiloff-score --help)"
		sed '/^$/q' "$tmp/report" | sed '/^$/d'
	} > "$EVAL_RESULTS.tmp"
	mv "$EVAL_RESULTS.tmp" "$EVAL_RESULTS"
	echo
	echo "eval: table written to $EVAL_RESULTS"
fi
