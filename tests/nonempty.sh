#!/bin/sh
# nonempty.sh - no page that holds an article comes out empty: every page of
# fixtures/quality and fixtures/nonempty whose gold has 100 words or more,
# cleaned as text and as HTML with the default options, keeps some text.
# fixtures/nonempty holds dev pages whose HTML once came out empty (an
# article inside <aside>, a class word of an ad around it).
set -u
: "${BOILOFF:=./boiloff}"
: "${FIXTURES:=$(dirname "$0")/../fixtures}"
pass=0 fail=0
for gold in "$FIXTURES"/quality/*/*.gold.txt "$FIXTURES"/nonempty/*.gold.txt; do
	[ -f "$gold" ] || continue
	[ "$(wc -w < "$gold")" -ge 100 ] || continue
	base=${gold%.gold.txt}
	for kind in text html; do
		if [ $kind = text ]; then
			out=$("$BOILOFF" --text < "$base.txt" | wc -w)
		else
			[ -f "$base.html.gz" ] || continue
			out=$(gzip -dc "$base.html.gz" | "$BOILOFF" --html | wc -w)
		fi
		if [ "$out" -gt 0 ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $base ($kind) comes out empty"
		fi
	done
done
echo "nonempty: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
