#!/bin/sh
# golden.sh - the golden page of each language (fixtures/golden/golden.spec)
# through the command, with the default options, and the quality floor of
# each language: the shingle F1 of the model and of --rules-only against
# the article (the spec's keep and once lines) must be at least those in
# fixtures/golden/floor.tsv.  Pages in golden.xfail must still fail a check.
#
#   golden.sh            check (a test: exit 0 pass, 1 fail)
#   golden.sh --record   re-record floor.tsv and print the table
#
# Environment: BOILOFF, BOILOFF_SCORE (programs), FIXTURES.
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=./boiloff}"
: "${BOILOFF_SCORE:=$(dirname "$BOILOFF")/boiloff-score}"
: "${FIXTURES:=$here/../fixtures}"
dir=$FIXTURES/golden
spec=$dir/golden.spec
floor=$dir/floor.tsv
record=no
[ "${1-}" = --record ] && record=yes

tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

bad=0
for page in $(cut -f1 "$spec" | grep -v '^#' | sort -u); do
	lang=${page%-article.txt}
	mkdir -p "$tmp/in/$lang" "$tmp/model/$lang" "$tmp/rules/$lang"
	cp "$dir/$page" "$tmp/in/$lang/$lang.txt"
	awk -F '\t' -v p="$page" '$1 == p && ($2 == "keep" || $2 == "once") { print $3 }' \
		"$spec" > "$tmp/in/$lang/$lang.gold.txt"
	"$BOILOFF" < "$dir/$page" > "$tmp/model/$lang/$lang.txt"
	"$BOILOFF" --rules-only < "$dir/$page" > "$tmp/rules/$lang/$lang.txt"
	failed=0
	known=FAIL
	grep -q "^$page	" "$dir/golden.xfail" && known=XFAIL
	grep "^$page	" "$spec" > "$tmp/checks"
	while IFS="$(printf '\t')" read -r file check text; do
		out=$tmp/model/$lang/$lang.txt
		n=$(grep -F -o -- "$text" "$out" | wc -l)
		case $check in
		keep) ok=$((n >= 1)) ;;
		once) ok=$((n == 1)) ;;
		drop) ok=$((n == 0)) ;;
		drop-line) ok=$(($(sed 's/^[[:space:]]*//;s/[[:space:]]*$//' "$out" | { grep -F -x -c -- "$text" || true; }) == 0)) ;;
		*) echo "golden.sh: unknown check $check"; ok=0 ;;
		esac
		if [ "$ok" != 1 ]; then
			failed=$((failed + 1))
			echo "$known $page $check: $text"
		fi
	done < "$tmp/checks"
	if [ "$known" = XFAIL ]; then
		if [ "$failed" = 0 ]; then
			echo "FAIL $page passes now: take it out of golden.xfail"
			bad=1
		fi
	elif [ "$failed" != 0 ]; then
		bad=1
	fi
done

"$BOILOFF_SCORE" --sets-tsv "$tmp/in" "$tmp/model" > "$tmp/model.tsv"
"$BOILOFF_SCORE" --sets-tsv "$tmp/in" "$tmp/rules" > "$tmp/rules.tsv"
awk -F '\t' 'FNR == 1 { file++; next } file == 1 { m[$1] = $5 } file == 2 { r[$1] = $5 }
	END { for (s in m) if (s != "all" && s != "mean") printf "%s\t%.4f\t%.4f\n", s, m[s], r[s] }' \
	"$tmp/model.tsv" "$tmp/rules.tsv" | sort > "$tmp/f1.tsv"
if [ "$record" = yes ]; then
	{
		echo "# lang	model F1 floor	--rules-only F1 floor (shingles, against the"
		echo "# article of golden.spec); re-record with tests/golden.sh --record"
		awk -F '\t' '{ printf "%s\t%.3f\t%.3f\n", $1, int($2 * 1000) / 1000, int($3 * 1000) / 1000 }' "$tmp/f1.tsv"
	} > "$floor.tmp"
	mv "$floor.tmp" "$floor"
	cat "$floor"
	exit 0
fi
awk -F '\t' 'FNR == 1 { file++ } file == 1 && /^#/ { next }
	file == 1 { fm[$1] = $2; fr[$1] = $3; next }
	file == 2 { seen[$1] = 1
		ok = $2 + 0.002 >= fm[$1] && $3 + 0.002 >= fr[$1] && ($1 in fm)
		printf "%-4s model %.4f (floor %.3f)  rules %.4f (floor %.3f)  %s\n", $1, $2, fm[$1], $3, fr[$1], ok ? "ok" : "FAIL"
		if (!ok) bad = 1 }
	END { for (s in fm) if (!(s in seen)) { printf "%s: no page\n", s; bad = 1 }
	      exit bad }' "$floor" "$tmp/f1.tsv" || bad=1
exit "$bad"
