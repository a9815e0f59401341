#!/bin/sh
# quality.sh - the quality floor of `make check`: boiloff on the fixed
# subset of the development corpus in fixtures/quality/<set>/ must score at
# least the shingle F1 recorded per set in fixtures/quality/floor.tsv.
#
#   quality.sh            check (a test: exit 0 pass, 1 fail, 77 skip)
#   quality.sh --record   re-record floor.tsv from the current boiloff
#                         (`make quality-record`)
#
# Environment: BOILOFF, BOILOFF_SCORE (programs), FIXTURES (the fixtures
# directory), QUALITY_TOLERANCE (default 0.002: float noise only).
set -eu
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=./boiloff}"
: "${BOILOFF_SCORE:=$(dirname "$BOILOFF")/boiloff-score}"
: "${FIXTURES:=$here/../fixtures}"
: "${QUALITY_TOLERANCE:=0.002}"
qdir=$FIXTURES/quality
floor=$qdir/floor.tsv

record=no
case ${1-} in
--record) record=yes ;;
'') ;;
*) echo "usage: quality.sh [--record]" >&2; exit 2 ;;
esac

if [ ! -d "$qdir" ] || [ -z "$(find "$qdir" -name '*.gold.txt' | head -n 1)" ]; then
	echo "SKIP: quality.sh: no pages with gold text in $qdir"
	exit 77
fi
for p in "$BOILOFF" "$BOILOFF_SCORE"; do
	if [ ! -x "$p" ]; then
		echo "FAIL: quality.sh: $p is not built" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-quality.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

sh "$here/../tools/predict.sh" "$qdir" "$tmp/pred"
"$BOILOFF_SCORE" --worst 5 "$qdir" "$tmp/pred"
"$BOILOFF_SCORE" --sets-tsv "$qdir" "$tmp/pred" > "$tmp/sets.tsv"

if [ "$record" = yes ]; then
	# Floor = measured F1 rounded down to 3 decimals.
	{
		echo "# set	shingle_f1 floor; re-record with 'make quality-record'"
		version=$("$BOILOFF" --version < /dev/null 2> /dev/null | head -n 1) || version=
		echo "# recorded $(date -u '+%Y-%m-%d %H:%M UTC') from ${version:-boiloff (no --version output)}"
		awk -F '\t' 'NR > 1 { printf "%s\t%.3f\n", $1, int($5 * 1000) / 1000 }' "$tmp/sets.tsv"
	} > "$floor.tmp"
	mv "$floor.tmp" "$floor"
	echo "quality.sh: recorded $floor:"
	cat "$floor"
	exit 0
fi

if [ ! -f "$floor" ]; then
	echo "FAIL: quality.sh: no floor file $floor; run 'make quality-record'" >&2
	exit 1
fi

echo
awk -F '\t' -v tol="$QUALITY_TOLERANCE" '
	FNR == 1 { file++ }
	file == 1 && /^#/ { next }
	file == 1 && NF >= 2 { floor[$1] = $2; order[++n] = $1; next }
	file == 2 && FNR > 1 { f1[$1] = $5; seen[$1] = 1 }
	END {
		bad = 0
		printf "%-16s %8s %8s  %s\n", "set", "F1", "floor", "verdict"
		for (i = 1; i <= n; i++) {
			s = order[i]
			if (!(s in seen)) {
				printf "%-16s %8s %8.3f  FAIL (no pages)\n", s, "-", floor[s]
				bad = 1
				continue
			}
			ok = f1[s] + tol >= floor[s]
			printf "%-16s %8.4f %8.3f  %s\n", s, f1[s], floor[s], ok ? "ok" : "FAIL (below the floor)"
			if (!ok)
				bad = 1
		}
		for (s in seen)
			if (!(s in floor)) {
				printf "%-16s %8.4f %8s  FAIL (no floor recorded)\n", s, f1[s], "-"
				bad = 1
			}
		exit bad
	}' "$floor" "$tmp/sets.tsv"
