#!/bin/sh
# features-identical.sh - `make check-features`: the block features of
# every line of the dev corpus (pages and gold) and of the golden pages in
# 31 languages, compared with a reference recorded before a speed change
# (`make features-ref`).  Outputs can stay identical while a feature is
# wrong; this shows the feature.
#
# Usage: features-identical.sh [--record]
# Environment: FEATURES_DUMP (tools/features-dump), EVAL_DIR (the corpus),
# FIXTURES (fixtures/), FEATURES_REF (the reference, default
# ./features-ref.txt).
set -eu
LC_ALL=C
export LC_ALL
: "${FEATURES_REF:=./features-ref.txt}"
die() { echo "features-identical.sh: $*" >&2; exit 1; }
[ -d "$EVAL_DIR" ] || die "no corpus at $EVAL_DIR; set EVAL_DIR=..."
[ -d "$FIXTURES/golden" ] || die "no fixtures at $FIXTURES"
tmp=$(mktemp "${TMPDIR:-/tmp}/boiloff-features.XXXXXX")
trap 'rm -f "$tmp"' EXIT INT TERM
find "$EVAL_DIR" "$FIXTURES/golden" -name '*.txt' | sort |
	tr '\n' '\0' | xargs -0 "$FEATURES_DUMP" > "$tmp"
lines=$(grep -vc '^#' "$tmp")
if [ "${1-}" = --record ]; then
	mv "$tmp" "$FEATURES_REF"
	trap - EXIT INT TERM
	echo "features-identical: $lines lines recorded in $FEATURES_REF"
	exit 0
fi
[ -f "$FEATURES_REF" ] || die "no reference at $FEATURES_REF: make features-ref before the change"
if cmp -s "$tmp" "$FEATURES_REF"; then
	echo "features-identical: all $lines lines' features identical to $FEATURES_REF"
	exit 0
fi
echo "features-identical: features differ from $FEATURES_REF:" >&2
awk 'NR == FNR { ref[FNR] = $0; next }
	/^# / { file = substr($0, 3); line = 0; if (ref[FNR] != $0) { print "  files differ at " file; exit } next }
	{ line++; if (ref[FNR] != $0) { print "  " file ": line " line; if (++shown == 5) exit } }' \
	"$FEATURES_REF" "$tmp" >&2
exit 1
