#!/bin/sh
# tests/hostile.sh - the promises a hostile but fair user broke.
# Each check failed on the code before its fix.
. "$(dirname "$0")/setup.sh"

page=$tmp/page.txt
make_page "$page" 8
nl='
'

# ---- 1. batch --format=xml with a failed file: no crash, outputs kept ----
mkdir -p "$tmp/x/in"
{ head -c 1500 /dev/zero; head -c 1500 /dev/urandom; } >"$tmp/x/in/b.txt"
cp "$page" "$tmp/x/in/"
run -r "$tmp/x/in" -o "$tmp/x/out" --format=xml -q
expect_rc "batch xml, one file failed" 1
check "batch xml: the good output is there" test -s "$tmp/x/out/page.txt"
check "batch xml: it is a whole document" grep -q '</document>' "$tmp/x/out/page.txt"
check "batch xml: no libxml2 message" sh -c "! grep -q 'I/O error' '$tmp/err'"

# ---- 2. -o on what is not a regular file: written in place ----
mkfifo "$tmp/fifo"
# run_into_fifo TARGET: boiloff -o TARGET (the FIFO or a way to it), with
# a reader on the FIFO that gets what is written into $tmp/fromfifo.
run_into_fifo() {
  rm -f "$tmp/fromfifo"
  timeout 20 cat "$tmp/fifo" >"$tmp/fromfifo" &
  reader=$!
  run "$page" -o "$1"
  if ! test -p "$tmp/fifo"; then kill $reader 2>/dev/null || true; fi
  wait $reader || true
}
run_into_fifo "$tmp/fifo"
expect_rc "-o FIFO" 0
check "-o FIFO: still a FIFO" test -p "$tmp/fifo"
check "-o FIFO: the reader got the output" test -s "$tmp/fromfifo"
ln -s fifo "$tmp/fifolink"
run_into_fifo "$tmp/fifolink"
expect_rc "-o a link to a FIFO" 0
check "-o a link to a FIFO: still a link to a FIFO" sh -c "test -L '$tmp/fifolink' && test -p '$tmp/fifo'"
check "-o a link to a FIFO: the reader got the output" test -s "$tmp/fromfifo"
echo old >"$tmp/target.txt"
ln -s target.txt "$tmp/link.txt"
run "$page" -o "$tmp/link.txt"
check "-o SYMLINK: still a link" test -L "$tmp/link.txt"
check "-o SYMLINK: its target has the output" cmp -s "$tmp/target.txt" "$tmp/fromfifo"
# A device of our own (root only), so that a failure cannot cost the
# machine its /dev/full.
if mknod "$tmp/full" c 1 7 2>/dev/null; then
  run "$page" -o "$tmp/full"
  expect_rc "-o a full device" 1
  expect_err "-o a full device" "boiloff: error: $tmp/full: No space left on device"
  check "-o a full device: still a device" test -c "$tmp/full"
fi

# ---- 4. no output replaces an input ----
mkdir -p "$tmp/o4/d"
cp "$page" "$tmp/o4/x.txt"
cp "$page" "$tmp/o4/d/x.txt"
echo 'do not touch' >>"$tmp/o4/d/x.txt"
cp "$tmp/o4/d/x.txt" "$tmp/o4/keep"
set +e
(cd "$tmp/o4" && "$BOILOFF" -q -o d x.txt d/x.txt >/dev/null 2>"$tmp/err")
rc=$?
set -e
expect_rc "-o d x.txt d/x.txt" 1
check "-o d x.txt d/x.txt: d/x.txt untouched" cmp -s "$tmp/o4/keep" "$tmp/o4/d/x.txt"
check "-o d x.txt d/x.txt: says why" grep -q 'd/x.txt: output would replace an input file' "$tmp/err"
run -q -o "$tmp/o4/out/" "$tmp/o4/x.txt" --report "$tmp/o4/x.txt"
expect_rc "--report naming an input" 2
check "--report naming an input: untouched" cmp -s "$page" "$tmp/o4/x.txt"
run -q -o "$tmp/o4/out/" "$tmp/o4/x.txt" --save-profile "$tmp/o4/x.txt"
expect_rc "--save-profile naming an input" 2
check "--save-profile naming an input: untouched" cmp -s "$page" "$tmp/o4/x.txt"
# -r: site learning counts while the walk lists; the usage error still
# comes before anything is written.
run -q -r "$tmp/o4" -o "$tmp/o4r" --save-profile "$tmp/o4/d/x.txt"
expect_rc "-r --save-profile naming an input" 2
check "-r --save-profile naming an input: untouched" cmp -s "$tmp/o4/keep" "$tmp/o4/d/x.txt"
check "-r --save-profile naming an input: no output" test ! -e "$tmp/o4r/x.txt"

# ---- 5. one stray byte in UTF-8 text ----
ru=$FIXTURES/encodings/russian.expected
{ head -c 300 "$ru"; printf '\377'; tail -c +301 "$ru"; } >"$tmp/ru.txt"
run -v --explain --no-repair "$tmp/ru.txt"
check "stray byte in Russian UTF-8: read as UTF-8" grep -q ': UTF-8, ' "$tmp/err"
check "stray byte: the invalid bytes are counted" sh -c "! grep -q ' 0 invalid sequences' '$tmp/err'"
check "stray byte: the first line is intact" grep -qF "$(head -n 1 "$ru")" "$tmp/out"

# ---- 6. --strict and the invalid count for HTML ----
printf '<html><body><p>Caf\303\251 d\303\251j\303\240 vu, r\303\251sum\303\251 na\303\257ve \377 bad</p></body></html>' >"$tmp/bad.html"
run --strict "$tmp/bad.html"
expect_rc "--strict on invalid UTF-8 HTML" 1
expect_err "--strict on HTML" "boiloff: error: $tmp/bad.html: invalid byte sequence in input (at byte 48)"
run -v "$tmp/bad.html"
check "HTML: the invalid sequence is counted" grep -q ' 1 invalid sequences' "$tmp/err"

# ---- 7. machine-readable output stays valid ----
bad=$(printf 'a\377b')
mkdir -p "$tmp/r7"
cp "$page" "$tmp/r7/$bad.txt"
run -q -r "$tmp/r7" -o "$tmp/r7out" --report "$tmp/r7.json"
check "--report: an invalid name as \\ufffd" grep -q 'a\\ufffdb' "$tmp/r7.json"
check "--report: no raw invalid byte" sh -c "! grep -q \"\$(printf '\\377')\" '$tmp/r7.json'"
run -q -r "$tmp/r7" -o "$tmp/r7xml" --format=xml
check "xml: no raw invalid byte in source=" sh -c "! grep -q \"\$(printf '\\377')\" '$tmp/r7xml/$bad.txt'"
printf '<p>one &#xFFFE; two \357\277\277 three</p>' >"$tmp/ffe.html"
run --html --format=xml "$tmp/ffe.html"
check "xml: no U+FFFE or U+FFFF" sh -c "! grep -q \"\$(printf '\\357\\277[\\276\\277]')\" '$tmp/out'"
if command -v xmllint >/dev/null 2>&1; then
  check "xml: xmllint accepts it" xmllint --noout "$tmp/out"
  check "xml: xmllint accepts the batch output" xmllint --noout "$tmp/r7xml/$bad.txt"
fi

# ---- also found ----
printf '\357\273\277<html><body><p>Hello there, a page with a BOM.</p></body></html>' >"$tmp/bom.html"
run "$tmp/bom.html"
check "UTF-8 BOM in HTML: not in the output" test "$(head -n 1 "$tmp/out")" = "Hello there, a page with a BOM."

run --from-code=NO-SUCH-CHARSET "$page"
expect_rc "--from-code unknown" 2
run --from-code= "$page"
expect_rc "--from-code empty" 2
run --from-code=NO-SUCH-CHARSET -o "$tmp/fc/" "$page"
expect_rc "--from-code unknown, batch" 2
check "--from-code unknown, batch: no output folder" test ! -e "$tmp/fc"

printf 'boiloff-profile 1\nsite 9223372036854775809 1 x\n0000000000000001 5\nend 1 1\n' >"$tmp/p1.prof"
run --merge-profiles -o "$tmp/m.prof" "$tmp/p1.prof" "$tmp/p1.prof"
expect_rc "--merge-profiles near 2^64 pages" 0
run --merge-profiles -o "$tmp/m2.prof" "$tmp/m.prof"
expect_rc "--merge-profiles: its own output loads" 0

# A page with many distinct lines, so that the output passes 64 KB.
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Line %d of a long page about the harbour, the town and the storm.\n", i }' >"$tmp/long.txt"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$BOILOFF" "$tmp/long.txt" >"$tmp/nb" 2>&1 <<'PY' || true
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
p = subprocess.Popen([sys.argv[1], '--explain', sys.argv[2]], stdout=w,
                     stderr=subprocess.PIPE)
os.close(w)
time.sleep(1)
n = 0
while True:
    b = os.read(r, 65536)
    if not b:
        break
    n += len(b)
err = p.stderr.read().decode()
print(p.wait(), n, err.strip())
PY
  set -- $(cat "$tmp/nb")
  check "non-blocking stdout: exit 0, nothing lost ($*)" test "${1:-}" = 0 -a "${2:-0}" -gt 65536
fi

# SIGINT while stdout is blocked: exit 130 and no "write error".
mkfifo "$tmp/blk"
sleep 30 <"$tmp/blk" &
holder=$!
"$BOILOFF" --explain "$tmp/long.txt" >"$tmp/blk" 2>"$tmp/err" &
pid=$!
sleep 1
kill -INT $pid 2>/dev/null || true
set +e
wait $pid
rc=$?
set -e
kill $holder 2>/dev/null || true
expect_rc "SIGINT with stdout blocked" 130
check "SIGINT with stdout blocked: no write error" sh -c "! grep -q 'write error' '$tmp/err'"

finish
