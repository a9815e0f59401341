#!/bin/sh
# tests/cli.sh - the boiloff command: exit codes, exact error messages,
# stdin/stdout, -o FILE, output formats, streaming, closed pipes.
. "$(dirname "$0")/setup.sh"

page=$tmp/page.txt
make_page "$page" 5

# ---- --help, --version ----
run --help
expect_rc "--help" 0
check "--help: usage on stdout" grep -q '^Usage: boiloff \[OPTION\]... \[FILE\]...' "$tmp/out"
check "--help: exit codes listed" grep -q '^  2    usage error' "$tmp/out"
check "--help: explain format documented" grep -q 'LINE<TAB>KEEP|DROP<TAB>RULE<TAB>SCORE<TAB>TEXT' "$tmp/out"
expect_no_err "--help"
run --version
expect_rc "--version" 0
check "--version: one line 'boiloff X.Y.Z'" grep -Eq '^boiloff [0-9]+\.[0-9]+\.[0-9]+' "$tmp/out"
expect_no_err "--version"
set +e
"$BOILOFF" --help >/dev/full 2>"$tmp/err"
rc=$?
set -e
expect_rc "--help >/dev/full" 1
expect_err "--help >/dev/full" "boiloff: error: write error: No space left on device"

# ---- usage errors: exit 2, message + hint on stderr, nothing on stdout ----
hint="Try 'boiloff --help' for more information."
run --bogus
expect_rc "unknown option" 2
expect_err "unknown option" "boiloff: error: unknown option '--bogus'" "$hint"
check "unknown option: no stdout" test ! -s "$tmp/out"
run -Z
expect_rc "unknown short option" 2
expect_err "unknown short option" "boiloff: error: unknown option '-Z'" "$hint"
run --bias=2 "$page"
expect_rc "bias out of range" 2
expect_err "bias out of range" "boiloff: error: invalid bias: '2' (a number from -1 to 1)" "$hint"
run --max-size=12X "$page"
expect_rc "bad size" 2
expect_err "bad size" "boiloff: error: invalid size: '12X' (bytes, may end in K, M or G)" "$hint"
run --format=yaml "$page"
expect_rc "unknown format" 2
expect_err "unknown format" "boiloff: error: unknown format: 'yaml' (text, explain, jsonl, xml, wet)" "$hint"
run --from-code
expect_rc "missing argument" 2
expect_err "missing argument" "boiloff: error: option '--from-code' requires an argument" "$hint"
run -j 0 -r "$tmp" -o "$tmp/o"
expect_rc "bad -j" 2
run -r "$tmp"
expect_rc "-r without -o" 2
expect_err "-r without -o" "boiloff: error: -r needs -o OUTPUT_DIR" "$hint"
run --update "$page"
expect_rc "--update outside batch" 2

# ---- input errors: exit 1, "boiloff: error: FILE: message" ----
run "$tmp/missing.txt"
expect_rc "missing file" 1
expect_err "missing file" "boiloff: error: $tmp/missing.txt: No such file or directory"
run "$tmp"
expect_rc "directory as file" 1
expect_err "directory as file" "boiloff: error: $tmp: Is a directory"
run --explain "$tmp/missing.txt" "$page"
expect_rc "one of two inputs missing" 1
check "one of two inputs missing: the other is cleaned" test -s "$tmp/out"

if [ "$unprivileged" = yes ]; then
  cp "$page" "$tmp/secret.txt"
  chmod 000 "$tmp/secret.txt"
  run_user "$tmp/secret.txt"
  expect_rc "unreadable file" 1
  expect_err "unreadable file" "boiloff: error: $tmp/secret.txt: Permission denied"
  mkdir "$tmp/ro"
  chmod 555 "$tmp/ro"
  run_user -o "$tmp/ro/out.txt" "$page"
  expect_rc "read-only output directory" 1
  expect_err "read-only output directory" "boiloff: error: $tmp/ro/out.txt: Permission denied"
  check "read-only output directory: nothing created" test -z "$(ls -A "$tmp/ro")"
else
  skip "unreadable file and read-only directory (root without setpriv)"
fi

# ---- stdin, stdout, -o FILE ----
run "$page"
expect_rc "clean a file" 0
expect_no_err "clean a file"
cp "$tmp/out" "$tmp/expected"
run <"$page"
check "stdin = file" cmp -s "$tmp/out" "$tmp/expected"
run - <"$page"
check "'-' = stdin" cmp -s "$tmp/out" "$tmp/expected"
run "$page" "$page"
cat "$tmp/expected" "$tmp/expected" >"$tmp/twice"
check "two operands: outputs concatenated" cmp -s "$tmp/out" "$tmp/twice"
run --read-size=1 "$page"
check "1-byte reads: same output" cmp -s "$tmp/out" "$tmp/expected"
run --read-size=7 "$page"
check "7-byte reads: same output" cmp -s "$tmp/out" "$tmp/expected"

cksum <"$page" >"$tmp/sum.before"
run -o "$tmp/result.txt" "$page"
expect_rc "-o FILE" 0
check "-o FILE: same as stdout" cmp -s "$tmp/result.txt" "$tmp/expected"
check "-o FILE: no temporary file left" test -z "$(find "$tmp" -name '.*boiloff-*')"
cksum <"$page" >"$tmp/sum.after"
check "-o FILE: input not modified" cmp -s "$tmp/sum.before" "$tmp/sum.after"
run -o "$page" "$page"
expect_rc "-o the input itself" 1
expect_err "-o the input itself" "boiloff: error: $page: input file is also the output file"
cksum <"$page" >"$tmp/sum.after"
check "-o the input itself: input untouched" cmp -s "$tmp/sum.before" "$tmp/sum.after"
echo "old" >"$tmp/keep.txt"
run -o "$tmp/keep.txt" "$tmp/missing.txt"
expect_rc "-o FILE with a failed input" 1
check "-o FILE with a failed input: old output kept" test "$(cat "$tmp/keep.txt")" = old
run -o - "$page"
check "-o -: stdout" cmp -s "$tmp/out" "$tmp/expected"

# ---- write errors (--explain: output whatever the labels are) ----
set +e
"$BOILOFF" --explain "$page" >/dev/full 2>"$tmp/err"
rc=$?
set -e
expect_rc "stdout is /dev/full" 1
expect_err "stdout is /dev/full" "boiloff: error: write error: No space left on device"

# ---- bad input: what boiloff does with each, exactly ----
# Empty input: nothing out, nothing said, success.
: >"$tmp/empty.txt"
run "$tmp/empty.txt"
expect_rc "empty input" 0
expect_no_err "empty input"
check "empty input: no output" test ! -s "$tmp/out"
# NUL bytes: each becomes U+FFFD, the rest of the line is kept as text.
printf 'abc\000def\n' >"$tmp/nul.txt"
run --explain --rules-only "$tmp/nul.txt"
expect_rc "NUL byte" 0
check "NUL byte: U+FFFD in its place" grep -q "$(printf 'abc\357\277\275def')" "$tmp/out"
# Invalid UTF-8: the window is read as windows-1252 (what browsers do).
printf 'The caf\351 on the corner of the old harbour road was full of people on Monday morning, and the owner said it had never been so busy.\n' >"$tmp/latin.txt"
run "$tmp/latin.txt"
expect_rc "not UTF-8" 0
check "not UTF-8: read as windows-1252" grep -q "$(printf 'The caf\303\251 on the corner')" "$tmp/out"
# Invalid UTF-8 with --from-code=UTF-8 --strict: an error naming the offset.
printf 'The caf\351 on the corner.\n' >"$tmp/bad.txt"
run --from-code=UTF-8 --strict "$tmp/bad.txt"
expect_rc "strict invalid UTF-8" 1
check "strict invalid UTF-8: offset named" grep -q "byte 7" "$tmp/err"
# Binary data: refused, unless --binary.
printf '\037\213\010\000binary\000\001\002\003' >"$tmp/data.bin"
run "$tmp/data.bin"
expect_rc "binary input" 1
expect_err "binary input" "boiloff: error: $tmp/data.bin: input looks like binary data"
# UTF-16 without a BOM: detected and converted.
printf 'The old bridge over the river opened again on Friday after two years of repairs that cost the city more than planned.\n' |
  iconv -f UTF-8 -t UTF-16LE >"$tmp/utf16.txt"
run "$tmp/utf16.txt"
expect_rc "UTF-16 without BOM" 0
check "UTF-16 without BOM: converted" grep -q "The old bridge over the river" "$tmp/out"

# ---- closed pipe: quiet ----
i=0
while [ $i -lt 400 ]; do cat "$page"; i=$((i + 1)); done >"$tmp/big.txt"
set +e
("$BOILOFF" --explain "$tmp/big.txt" 2>"$tmp/err"; echo $? >"$tmp/rc") | head -c1 >/dev/null
set -e
rc=$(cat "$tmp/rc")
expect_rc "closed pipe" 0
expect_no_err "closed pipe"

# ---- formats ----
printf 'Share\nHe said "yes"\tand\\left, a long sentence of the article that goes on and on.\n' >"$tmp/esc.txt"
run --explain "$page"
expect_rc "--explain" 0
check "--explain: 5 tab-separated fields" test -z "$(awk -F '\t' 'NF != 5' "$tmp/out")"
check "--explain: KEEP|DROP" test -z "$(awk -F '\t' '$2 != "KEEP" && $2 != "DROP"' "$tmp/out")"
check "--explain: score %.3f" test -z "$(awk -F '\t' '$4 !~ /^[01]\.[0-9][0-9][0-9]$/' "$tmp/out")"
awk -F '\t' '$2 == "KEEP" { print $5 }' "$tmp/out" >"$tmp/kept"
check "--explain: KEEP lines = text output" cmp -s "$tmp/kept" "$tmp/expected"
run --explain "$tmp/esc.txt"
check "--explain: tab and backslash escaped" grep -q 'He said "yes"\\tand\\\\left' "$tmp/out"
run --format=jsonl "$tmp/esc.txt"
expect_rc "--format=jsonl" 0
check "--format=jsonl: JSON escaping" grep -q '"text":"He said \\"yes\\"\\tand\\\\left, a long' "$tmp/out"
check "--format=jsonl: fields" grep -Eq '^\{"line":1,"label":"(content|boilerplate)","rule":"[^"]*","score":[01]\.[0-9]{3},"text":"Share"\}$' "$tmp/out"
run --format=xml "$tmp/esc.txt"
expect_rc "--format=xml" 0
check "--format=xml: document" grep -q '^<document source="'"$tmp"'/esc.txt">$' "$tmp/out"
check "--format=xml: escaped text" grep -q '>He said &quot;yes&quot;	and\\left, a long' "$tmp/out"
if command -v python3 >/dev/null 2>&1; then
  run --format=jsonl "$page"
  check "--format=jsonl: valid JSON" python3 -c '
import json, sys
for l in open(sys.argv[1]): json.loads(l)' "$tmp/out"
  run --format=xml "$page"
  check "--format=xml: well-formed" python3 -c '
import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$tmp/out"
else
  skip "JSON/XML validity (no python3)"
fi

# ---- -v, -q ----
run -v "$page"
expect_rc "-v" 0
check "-v: statistics on stderr" grep -q "^boiloff: $page: .*bytes in, .* blocks kept" "$tmp/err"
check "-v: stdout unchanged" cmp -s "$tmp/out" "$tmp/expected"

# ---- profile errors ----
printf 'boiloff-profile 1\nnonsense\n' >"$tmp/bad.prof"
run --profile="$tmp/bad.prof" "$page"
expect_rc "malformed profile" 1
check "malformed profile: message" grep -q "^boiloff: error: $tmp/bad.prof: " "$tmp/err"
run --profile="$tmp/none.prof" "$page"
expect_rc "missing profile" 1
expect_err "missing profile" "boiloff: error: $tmp/none.prof: No such file or directory"

# ---- streaming: output before the input ends ----
mkfifo "$tmp/fifo"
"$BOILOFF" --explain <"$tmp/fifo" >"$tmp/stream.out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/fifo"
# ~80 KB: more than the decoder's charset detection window.
i=0
while [ $i -lt 80 ]; do cat "$page"; i=$((i + 1)); done >&3
streamed=no
i=0
while [ $i -lt 50 ]; do
  if [ -s "$tmp/stream.out" ]; then streamed=yes; break; fi
  sleep 0.1
  i=$((i + 1))
done
exec 3>&-
wait $pid || true
check "streaming: output appears while the input is still open" test "$streamed" = yes

# ---- SIGINT with -o FILE: no output, no temporary file ----
rm -f "$tmp/fifo"
mkfifo "$tmp/fifo"
"$BOILOFF" -o "$tmp/int.txt" <"$tmp/fifo" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/fifo"
cat "$page" >&3
# Signal only once it runs (its temporary output exists): an asynchronous
# command starts with SIGINT ignored until boiloff installs its handler.
i=0
while [ $i -lt 100 ] && [ -z "$(find "$tmp" -name '.int.txt.boiloff-*')" ]; do
  sleep 0.1
  i=$((i + 1))
done
kill -INT $pid
exec 3>&-
set +e
wait $pid
rc=$?
set -e
expect_rc "SIGINT" 130
check "SIGINT: no output file" test ! -e "$tmp/int.txt"
check "SIGINT: no temporary file" test -z "$(find "$tmp" -name '.*boiloff-*')"

finish
