#!/bin/sh
# predict.sh - runs boiloff over every <id>.txt (not <id>.gold.txt) under
# IN_DIR and writes its output to the same relative path under OUT_DIR.
#
# Usage: predict.sh IN_DIR OUT_DIR
# Environment: BOILOFF (the program), BOILOFF_FLAGS (extra options, split
# on spaces), JOBS (parallel processes, default 2), EVAL_INPUT (text, the
# default, or html: read <id>.html.gz instead, through gzip -dc, with
# --html; the output is still OUT_DIR/.../<id>.txt).
#
# boiloff reads each page on stdin, as a filter.  A page on which it fails
# gets an empty output (the evaluation counts it as such); the failures
# are counted on stderr and the script still exits 0.
set -eu
LC_ALL=C
export LC_ALL

if [ $# -ne 2 ]; then
	echo "usage: predict.sh IN_DIR OUT_DIR" >&2
	exit 2
fi
: "${BOILOFF:?BOILOFF must name the boiloff program}"
BOILOFF_FLAGS=${BOILOFF_FLAGS:-}
JOBS=${JOBS:-2}
in=$1
. "$(dirname "$0")/lt-resolve.sh"
OUT=$(mkdir -p "$2" && cd "$2" && pwd)
export BOILOFF BOILOFF_FLAGS OUT

cd "$in"
find . -type d -print | while IFS= read -r d; do mkdir -p "$OUT/$d"; done
if [ "${EVAL_INPUT:-text}" = html ]; then
	find . -type f -name '*.html.gz' -print0 |
		xargs -0 -n 32 -P "$JOBS" sh -c '
			for f; do
				o=${f%.html.gz}.txt
				# shellcheck disable=SC2086
				if ! gzip -dc -- "$f" | "$BOILOFF" --html $BOILOFF_FLAGS > "$OUT/$o" 2>> "$OUT/.err.$$"; then
					: > "$OUT/$o"
					echo "$f" >> "$OUT/.failed.$$"
				fi
			done' predict
else
	find . -type f -name '*.txt' ! -name '*.gold.txt' -print0 |
		xargs -0 -n 32 -P "$JOBS" sh -c '
			for f; do
				# shellcheck disable=SC2086
				if ! "$BOILOFF" $BOILOFF_FLAGS < "$f" > "$OUT/$f" 2>> "$OUT/.err.$$"; then
					: > "$OUT/$f"
					echo "$f" >> "$OUT/.failed.$$"
				fi
			done' predict
fi
nfail=$(cat "$OUT"/.failed.* 2>/dev/null | wc -l)
if [ "$nfail" -gt 0 ]; then
	echo "predict.sh: boiloff failed on $nfail page(s), scored as empty output:" >&2
	cat "$OUT"/.failed.* | head -n 5 >&2
	cat "$OUT"/.err.* | head -n 5 >&2
fi
rm -f "$OUT"/.failed.* "$OUT"/.err.*
