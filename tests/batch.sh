#!/bin/sh
# tests/batch.sh - batch mode: trees built here with nested
# directories, an empty, a huge and a non-UTF-8 file, an unreadable file, a
# symlink loop and a fifo; -j1 = -j2; --update; --report; interruption;
# output tree inside the input tree; operands and --files0-from; site
# learning on a synthetic site, and site by site.
. "$(dirname "$0")/setup.sh"

tree=$tmp/tree
mkdir -p "$tree/a/b/c" "$tree/news" "$tree/blog"
make_page "$tree/top.txt" 3
make_page "$tree/a/one.txt" 4
make_page "$tree/a/b/two.txt" 5
make_page "$tree/a/b/c/three.txt" 6
for p in alpha beta gamma delta; do make_page "$tree/news/$p.txt" 4; done
make_page "$tree/blog/post.txt" 2
make_page "$tree/blog/page.html" 2 # not *.txt: not cleaned
: >"$tree/empty.txt"
{
  prose 11 3
  printf 'The caf\351 of Ashford approved a plan to rebuild the cr\350me br\373l\351e kitchen on Monday, and residents said they welcomed the decision, although the work will take several months.\n'
  prose 12 3
} >"$tree/latin1.txt"
prose 7 120000 >"$tree/a/huge.txt" # ~20 MB, one document
ln -s .. "$tree/a/loop"           # symlink loop (directory cycle)
ln -s self.txt "$tree/self.txt"   # symlink to itself
mkfifo "$tree/fifo.txt"           # special file

(cd "$tree" && find . -type f -exec cksum {} + | sort) >"$tmp/inputs.before"

want_errors() {
  printf '%s\n' \
    "boiloff: error: $tree/a/loop: symbolic link loop (directory cycle), skipped" \
    "boiloff: error: $tree/fifo.txt: not a regular file, skipped" \
    "boiloff: error: $tree/self.txt: Too many levels of symbolic links" | sort
}
want_errors >"$tmp/want_errors"

# ---- a tree with -j1 and -j2 ----
run -r "$tree" -o "$tmp/out1" -j1 -q --report="$tmp/report1.jsonl"
expect_rc "batch -j1 (some inputs fail)" 1
sort "$tmp/err" >"$tmp/err.sorted"
check "batch: loop, self-link and fifo reported, nothing else" cmp -s "$tmp/want_errors" "$tmp/err.sorted"
run -r "$tree" -o "$tmp/out2" -j2 -q
expect_rc "batch -j2" 1
check "batch: -j1 and -j2 outputs identical" diff -r "$tmp/out1" "$tmp/out2"
# Output directories are made from the deepest that exists down; a file
# where one must go fails the pages below it, and only them.
run -r "$tree" -o "$tmp/deep/x/y" -j1 -q
expect_rc "batch into a new output directory three levels down" 1
check "batch into a new output directory three levels down: the same outputs" diff -r "$tmp/out1" "$tmp/deep/x/y"
mkdir -p "$tmp/blocked"
echo 'not a directory' >"$tmp/blocked/a"
run -r "$tree" -o "$tmp/blocked" -j1 -q
expect_rc "a file where an output directory goes" 1
check "a file where an output directory goes: its pages fail, named" grep -q "^boiloff: error: $tmp/blocked/a/b/two.txt: Not a directory" "$tmp/err"
check "a file where an output directory goes: the other pages come out" cmp -s "$tmp/out1/news/alpha.txt" "$tmp/blocked/news/alpha.txt"
check "a file where an output directory goes: the file left as it was" grep -qx 'not a directory' "$tmp/blocked/a"
(cd "$tree" && find . -type f -name '*.txt' | sort) >"$tmp/want_files"
(cd "$tmp/out1" && find . -type f | sort) >"$tmp/got_files"
check "batch: one output per regular *.txt, at the same path" cmp -s "$tmp/want_files" "$tmp/got_files"
check "batch: empty input gives an empty output" test -f "$tmp/out1/empty.txt" -a ! -s "$tmp/out1/empty.txt"
check "batch: huge input cleaned" test -f "$tmp/out1/a/huge.txt"
check "batch: non-UTF-8 input cleaned to valid UTF-8" iconv -f UTF-8 -t UTF-8 "$tmp/out1/latin1.txt" -o /dev/null
check "batch: non-UTF-8 input decoded" grep -q "$(printf 'caf\303\251 of Ashford')" "$tmp/out1/latin1.txt"
check "batch: no temporary files" test -z "$(find "$tmp/out1" "$tmp/out2" "$tree" -name '.*boiloff-*')"
(cd "$tree" && find . -type f -exec cksum {} + | sort) >"$tmp/inputs.after"
check "batch: inputs not modified" cmp -s "$tmp/inputs.before" "$tmp/inputs.after"
run "$tree/a/b/two.txt"
cp "$tmp/out" "$tmp/two.expected"
run --no-site-learning -r "$tree" -o "$tmp/out3" -q
check "batch output = filter output (no learning)" cmp -s "$tmp/out3/a/b/two.txt" "$tmp/two.expected"

# ---- --report ----
r=$tmp/report1.jsonl
check "report: one line per input and failure" test "$(wc -l <"$r")" -eq 15
check "report: empty file" grep -Fqx "{\"path\":\"$tree/empty.txt\",\"bytes_in\":0,\"bytes_out\":0,\"blocks_kept\":0,\"blocks_dropped\":0,\"status\":\"ok\",\"error\":null}" "$r"
check "report: fifo failed" grep -Fq "{\"path\":\"$tree/fifo.txt\",\"bytes_in\":0,\"bytes_out\":0,\"blocks_kept\":0,\"blocks_dropped\":0,\"status\":\"failed\",\"error\":\"not a regular file, skipped\"}" "$r"
size=$(wc -c <"$tree/a/huge.txt" | tr -d ' ')
osize=$(wc -c <"$tmp/out1/a/huge.txt" | tr -d ' ')
check "report: bytes in and out of the huge file" grep -Fq "{\"path\":\"$tree/a/huge.txt\",\"bytes_in\":$size,\"bytes_out\":$osize," "$r"
check "report: blocks counted" grep -Eq "\"path\":\"$tree/a/one.txt\",.*\"blocks_kept\":[0-9]+,\"blocks_dropped\":[1-9]" "$r"
if command -v python3 >/dev/null 2>&1; then
  check "report: valid JSON Lines" python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    assert set(r) == {"path", "bytes_in", "bytes_out", "blocks_kept", "blocks_dropped", "status", "error"}
' "$r"
fi

# ---- --update ----
(cd "$tmp/out1" && find . -type f -exec cksum {} + | sort) >"$tmp/out1.before"
run -r "$tree" -o "$tmp/out1" -q --update --report="$tmp/report2.jsonl"
check "--update: every output up to date" test "$(grep -c '"status":"skipped"' "$tmp/report2.jsonl")" -eq 12
(cd "$tmp/out1" && find . -type f -exec cksum {} + | sort) >"$tmp/out1.after"
check "--update: outputs unchanged" cmp -s "$tmp/out1.before" "$tmp/out1.after"
touch -d "@$(($(date +%s) + 100))" "$tree/a/one.txt"
run -r "$tree" -o "$tmp/out1" -q --update --report="$tmp/report3.jsonl"
check "--update: a newer input is cleaned again" grep -Fq "{\"path\":\"$tree/a/one.txt\",\"bytes_in\"" "$tmp/report3.jsonl"
check "--update: only that one" test "$(grep -c '"status":"ok"' "$tmp/report3.jsonl")" -eq 1

# ---- output directory inside / equal to the input directory ----
t2=$tmp/t2
mkdir -p "$t2/s"
make_page "$t2/s/x.txt" 3
run -r "$t2" -o "$t2/out" --report="$tmp/r4.jsonl"
expect_rc "output inside input" 0
check "output inside input: note" grep -Fqx "boiloff: note: $t2/out: the output directory is inside the input directory; it is left out of the walk" "$tmp/err"
run -r "$t2" -o "$t2/out" -q --report="$tmp/r5.jsonl"
check "output inside input: outputs not cleaned again" test "$(wc -l <"$tmp/r5.jsonl")" -eq 1 -a ! -e "$t2/out/out"
run -r "$t2" -o "$t2/"
expect_rc "output = input" 2
expect_err "output = input" "boiloff: error: $t2: the output directory is the input directory" "Try 'boiloff --help' for more information."

mkdir -p "$tmp/t4/in/s"
make_page "$tmp/t4/in/s/x.txt" 2
run -r "$tmp/t4/in" -o "$tmp/t4"
expect_rc "input inside output" 2
expect_err "input inside output" "boiloff: error: $tmp/t4/in: the input directory is inside the output directory" "Try 'boiloff --help' for more information."

# ---- operands with -o DIR, --files0-from ----
(cd "$tree" && "$BOILOFF" -q a/one.txt news/alpha.txt -o "$tmp/ops")
check "operands -o DIR: mirrored paths" test -f "$tmp/ops/a/one.txt" -a -f "$tmp/ops/news/alpha.txt"
(cd "$tree" && find . -type f -name '*.txt' -print0 | "$BOILOFF" -q --files0-from=- -o "$tmp/f0") || true
check "--files0-from: same outputs as -r" diff -r "$tmp/out2" "$tmp/f0"
run -q "$tree/a/one.txt" "$tree/missing.txt" -o "$tmp/ops2"
expect_rc "operands: a missing one" 1
expect_err "operands: a missing one" "boiloff: error: $tree/missing.txt: No such file or directory"
check "operands: the others are cleaned" test -f "$tmp/ops2$tree/a/one.txt"

# ---- unreadable file and directory (as an unprivileged user) ----
if [ "$unprivileged" = yes ]; then
  t3=$tmp/t3
  mkdir -p "$t3/ok" "$t3/closed" "$tmp/out5"
  make_page "$t3/ok/a.txt" 2
  make_page "$t3/ok/secret.txt" 2
  make_page "$t3/closed/b.txt" 2
  chmod 000 "$t3/ok/secret.txt" "$t3/closed"
  chmod 777 "$tmp/out5"
  run_user -r "$t3" -o "$tmp/out5" -q
  expect_rc "unreadable file" 1
  sort "$tmp/err" >"$tmp/err.sorted"
  printf '%s\n' "boiloff: error: $t3/closed: Permission denied" \
    "boiloff: error: $t3/ok/secret.txt: Permission denied" >"$tmp/want"
  check "unreadable file and directory: reported" cmp -s "$tmp/want" "$tmp/err.sorted"
  check "unreadable file: the others are cleaned" test -f "$tmp/out5/ok/a.txt" -a ! -e "$tmp/out5/ok/secret.txt"
  chmod 755 "$t3/closed"
else
  skip "unreadable files (root without setpriv)"
fi

# ---- interruption: SIGINT and SIGTERM mid-run ----
big=$tmp/big
mkdir -p "$big/s"
prose 5 6000 >"$big/page"
i=0
while [ $i -lt 1500 ]; do ln "$big/page" "$big/s/p$i.txt"; i=$((i + 1)); done
run --no-site-learning "$big/page"
cp "$tmp/out" "$tmp/big.expected"
for sig in INT TERM; do
  out=$tmp/bigout$sig
  "$BOILOFF" --no-site-learning -q -j2 -r "$big" -o "$out" 2>"$tmp/err" &
  pid=$!
  i=0
  while [ $i -lt 100 ] && [ -z "$(find "$out" -type f -name 'p*.txt' 2>/dev/null | head -n1)" ]; do
    sleep 0.1
    i=$((i + 1))
  done
  kill -$sig $pid
  set +e
  wait $pid
  rc=$?
  set -e
  if [ $sig = INT ]; then expect_rc "SIGINT mid-run" 130; else expect_rc "SIGTERM mid-run" 143; fi
  check "SIG$sig: no temporary file" test -z "$(find "$out" -name '.*boiloff-*')"
  n=$(find "$out" -type f | wc -l)
  check "SIG$sig: stopped before the end ($n of 1500 done)" test "$n" -lt 1500
  partial=0
  for f in $(find "$out" -type f); do cmp -s "$f" "$tmp/big.expected" || partial=$((partial + 1)); done
  check "SIG$sig: every output complete" test $partial -eq 0
done

# ---- site learning ----
site=$tmp/sites/kestrel
mkdir -p "$site" "$tmp/half1/kestrel" "$tmp/half2/kestrel"
footer="Kestrel Valley Gazette is published by Marlow Press Ltd. for readers everywhere."
k=0
while [ $k -lt 10 ]; do
  k=$((k + 1))
  { prose $((100 + k)) 6; echo "$footer"; } >"$site/page$k.txt"
  if [ $k -le 5 ]; then cp "$site/page$k.txt" "$tmp/half1/kestrel/"; else cp "$site/page$k.txt" "$tmp/half2/kestrel/"; fi
done
# articles_stay DIR: every page kept at least 4 of its 6 article lines.
articles_stay() {
  for f in "$1"/kestrel/*.txt; do
    [ "$(grep -c ' of ' "$f")" -ge 4 ] || return 1
  done
}
run -r "$tmp/sites" -o "$tmp/learn" -q --save-profile="$tmp/all.prof"
expect_rc "site learning" 0
check "site learning: the shared footer is dropped on every page" test -z "$(grep -rl "Kestrel Valley Gazette" "$tmp/learn")"
check "site learning: the articles stay" articles_stay "$tmp/learn"
run -r "$tmp/sites" -o "$tmp/nolearn" -q --no-site-learning
check "no site learning: the footer is kept" test "$(grep -rl "Kestrel Valley Gazette" "$tmp/nolearn" | wc -l)" -eq 10
run -r "$tmp/sites" -o "$tmp/learn2" -q -j2
check "site learning: -j1 = -j2" diff -r "$tmp/learn" "$tmp/learn2"
check "--save-profile: a profile file" grep -qx 'boiloff-profile 1' "$tmp/all.prof"
run -r "$tmp/half1" -o "$tmp/h1" -q --save-profile="$tmp/h1.prof"
run -r "$tmp/half2" -o "$tmp/h2" -q --save-profile="$tmp/h2.prof"
run --merge-profiles -o "$tmp/merged.prof" "$tmp/h2.prof" "$tmp/h1.prof"
expect_rc "--merge-profiles" 0
check "--merge-profiles: halves merged = whole" cmp -s "$tmp/merged.prof" "$tmp/all.prof"
run --profile="$tmp/merged.prof" --site=kestrel "$site/page1.txt"
check "--profile in the filter: footer dropped" test -z "$(grep "Kestrel Valley" "$tmp/out")"
check "--profile in the filter: article kept" test "$(grep -c ' of ' "$tmp/out")" -ge 4
run -r "$tmp/sites" -o "$tmp/learn3" -q --profile="$tmp/merged.prof"
check "--profile in batch = learning" diff -r "$tmp/learn" "$tmp/learn3"
printf 'boiloff-profile 1\nsite 1 0 x\n' >"$tmp/trunc.prof"
run --merge-profiles -o "$tmp/m2.prof" "$tmp/h1.prof" "$tmp/trunc.prof"
expect_rc "--merge-profiles: malformed input" 1
check "--merge-profiles: nothing written" test ! -e "$tmp/m2.prof"

# ---- site learning, site by site ----
# A run that saves no profile folds each site into the learned profile as
# soon as its pages are counted, keeping only the lines that can be
# furniture: the outputs are those of a run that keeps every count
# (--save-profile), over the walk and over a list of names, and memory
# holds the site at hand rather than every line of the tree.  Each site
# has a footer on all its pages, and lines on 2, 3 and 4 of its 12 pages,
# about the counts that make furniture.
k=0
while [ $k -lt 8 ]; do
  k=$((k + 1))
  mkdir -p "$tmp/many/site$k"
  n=0
  while [ $n -lt 12 ]; do
    n=$((n + 1))
    {
      [ $n -le 2 ] && echo "The Site $k Review is printed by the Guild of Number $k for its members."
      [ $n -le 3 ] && echo "The Site $k Notes are edited by the Society of Number $k for its friends."
      [ $n -le 4 ] && echo "The Site $k Digest is sent by the League of Number $k to its patrons."
      prose $((k * 100 + n)) 5
      echo "Site $k Herald is published by Press Number $k Ltd. for its readers."
    } >"$tmp/many/site$k/page$n.txt"
  done
done
run -r "$tmp/many" -o "$tmp/many-kept" -q -j2 --save-profile="$tmp/many.prof"
run -r "$tmp/many" -o "$tmp/many-pruned" -q -j2
expect_rc "site learning, site by site" 0
check "site learning, site by site: the outputs of a run that keeps every count" diff -r "$tmp/many-kept" "$tmp/many-pruned"
check "site learning, site by site: the footers are dropped" test -z "$(grep -rl "Herald is published" "$tmp/many-pruned")"
run -r "$tmp/many" -o "$tmp/many-none" -q --no-site-learning
check "site learning, site by site: it learned (the footers stay without)" test "$(grep -rl "Herald is published" "$tmp/many-none" | wc -l)" -eq 96
run -v -r "$tmp/many" -o "$tmp/many-v" -j2
check "site learning, site by site: no note under -v" test -z "$(grep 'keeps every count' "$tmp/err")"
run -v -r "$tmp/many" -o "$tmp/many-star" -j2 --include='*'
check "site learning, an --include a WARC name can match: -v says every count is kept" grep -q 'keeps every count to the end' "$tmp/err"
check "site learning, an --include a WARC name can match: the same outputs" diff -r "$tmp/many-kept" "$tmp/many-star"
(cd "$tmp/many" && find . -name '*.txt' -print0) >"$tmp/many.list"
(cd "$tmp/many" && $VALGRIND "$BOILOFF" -q -j1 --files0-from="$tmp/many.list" -o "$tmp/many-names")
check "site learning, site by site, --files0-from: the same outputs" diff -r "$tmp/many-kept" "$tmp/many-names"
if command -v python3 >/dev/null 2>&1 && [ -z "$VALGRIND" ] && [ -z "${BOILOFF_SANITIZED:-}" ]; then
  # 40 sites of 30 pages of 400 lines found on no other page: a table of
  # them all takes 16 MB; one site's, half a megabyte.  (Not under a
  # sanitizer, whose allocator holds on to what is freed.)
  python3 - "$tmp/wide" <<'PY'
import os, random, sys
rng = random.Random(7)
words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
         for _ in range(5000)]
for s in range(40):
    d = os.path.join(sys.argv[1], "site%d" % s)
    os.makedirs(d)
    for p in range(30):
        with open(os.path.join(d, "p%d.txt" % p), "w") as f:
            f.write("".join(" ".join(rng.choices(words, k=3)) + "\n"
                            for _ in range(400)))
PY
  peak() { # peak RSS in kB of boiloff with these arguments
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$BOILOFF" "$@"
  }
  kept=$(peak -q -j1 -r "$tmp/wide" -o "$tmp/wide-kept" --save-profile="$tmp/wide.prof")
  pruned=$(peak -q -j1 -r "$tmp/wide" -o "$tmp/wide-pruned")
  none=$(peak -q -j1 -r "$tmp/wide" -o "$tmp/wide-none" --no-site-learning)
  echo "# peak RSS: $kept kB keeping every count, $pruned kB site by site, $none kB without site learning"
  check "site learning, site by site: the outputs of a run that keeps every count (40 sites)" diff -r "$tmp/wide-kept" "$tmp/wide-pruned"
  check "site learning, site by site: every count takes memory here" test "$kept" -gt $((none + 12000))
  check "site learning, site by site: memory holds a site, not the tree" test "$pruned" -lt $((none + 4000))
  rm -rf "$tmp/wide" "$tmp/wide-kept" "$tmp/wide-pruned" "$tmp/wide-none"
else
  skip "site learning's memory: no python3, or under valgrind or a sanitizer"
fi

# ---- a site's pages in runs ----
# A worker takes the pages of a site together, up to 16 pages and 1 MB:
# a site of 40 pages, and one of five pages of about 300 KB, are cut
# into several runs; every page comes out, the same under -j2 as under
# -j1, and the footer is learnt across the runs.
mkdir -p "$tmp/runs/many-pages" "$tmp/runs/big-pages"
k=0
while [ $k -lt 40 ]; do
  k=$((k + 1))
  { prose $((400 + k)) 5; echo "$footer"; } >"$tmp/runs/many-pages/page$k.txt"
done
k=0
while [ $k -lt 5 ]; do
  k=$((k + 1))
  { prose $((500 + k)) 2000; echo "$footer"; } >"$tmp/runs/big-pages/page$k.txt"
done
run -r "$tmp/runs" -o "$tmp/runs1" -q -j1
expect_rc "runs -j1" 0
run -r "$tmp/runs" -o "$tmp/runs2" -q -j2
expect_rc "runs -j2" 0
check "runs: -j1 = -j2" diff -r "$tmp/runs1" "$tmp/runs2"
check "runs: every page comes out" test "$(find "$tmp/runs2" -type f | wc -l)" -eq 45
check "runs: the footer is learnt across runs" test -z "$(grep -rl "Kestrel Valley Gazette" "$tmp/runs2")"
rm -rf "$tmp/runs" "$tmp/runs1" "$tmp/runs2"

# HTML pages are told from text in the first pass as in the second, so
# their furniture is learnt whether or not --html says what they are.
hsite=$tmp/hsites/kestrel
mkdir -p "$hsite"
k=0
while [ $k -lt 10 ]; do
  k=$((k + 1))
  {
    echo "<!DOCTYPE html><html><head><title>Page $k</title></head><body>"
    prose $((200 + k)) 6 | sed 's|.*|<p>&</p>|'
    echo "<p>$footer</p></body></html>"
  } >"$hsite/page$k.html"
done
run -r "$tmp/hsites" -o "$tmp/hlearn" -q --include='*.html'
check "site learning, HTML told by itself: the shared footer is dropped" test -z "$(grep -rl "Kestrel Valley Gazette" "$tmp/hlearn")"
run -r "$tmp/hsites" -o "$tmp/hlearn2" -q --include='*.html' --html
check "site learning, HTML: the outputs of --html" diff -r "$tmp/hlearn" "$tmp/hlearn2"
# The first pass keeps each HTML page's rendering in a spill file for the
# second (tests/between_passes.c makes what can befall it happen).  When
# that file cannot be written, as on a full $TMPDIR, the pages are parsed
# again, with the same outputs; the spill files take no more than half the
# free space; a page written to between the passes is parsed again.
if run_between_passes BETWEEN_PASSES_SPILL=full -- -v -r "$tmp/hsites" -o "$tmp/hfull" --include='*.html'; then
  expect_rc "site learning, HTML, spill file full" 0
  check "site learning, HTML, spill file full: the same outputs" diff -r "$tmp/hlearn" "$tmp/hfull"
  check "site learning, HTML, spill file full: every page parsed again" test "$(grep -c 'parsed again' "$tmp/err")" -eq 10
  kept=$(du -bs "$tmp/hsites" | cut -f1) # renderings are larger than this
  run_between_passes BETWEEN_PASSES_FREE=$kept -- -v -j1 -r "$tmp/hsites" -o "$tmp/hfree" --include='*.html'
  expect_rc "site learning, HTML, little free space" 0
  check "site learning, HTML, little free space: the same outputs" diff -r "$tmp/hlearn" "$tmp/hfree"
  check "site learning, HTML, little free space: the renderings keep to half of it" grep -q 'did not fit in the spill files' "$tmp/err"
  # --update: pages whose outputs are up to date are counted, and keep no rendering
  run -q -r "$tmp/hsites" -o "$tmp/hupd" --include='*.html'
  run_between_passes BETWEEN_PASSES_FREE=$kept -- -v -j1 --update -r "$tmp/hsites" -o "$tmp/hupd" --include='*.html'
  expect_rc "site learning, HTML, --update, little free space" 0
  check "site learning, HTML, --update: pages up to date keep no rendering" test -z "$(grep 'did not fit' "$tmp/err")"
  # an output that is a fifo is written in place: nothing to take back
  # when a rendering is lost, so the page is parsed from the start.  (With
  # every spill write failing, pages look kept until the spill's buffer,
  # larger than these pages' renderings, is written out at the end.)
  first=$(cd "$tmp/hlearn" && find . -type f | sort | head -n 1)
  mkdir -p "$tmp/hplace/$(dirname "$first")"
  mkfifo "$tmp/hplace/$first"
  timeout 60 cat "$tmp/hplace/$first" >"$tmp/hplace.out" &
  reader=$!
  run_between_passes BETWEEN_PASSES_SPILL=full -- -q -j1 -r "$tmp/hsites" -o "$tmp/hplace" --include='*.html'
  wait $reader
  expect_rc "site learning, HTML, spill file full, an output a fifo" 0
  check "site learning, HTML, spill file full, an output a fifo: what it was given" cmp "$tmp/hlearn/$first" "$tmp/hplace.out"
  run -v -j1 -r "$tmp/hsites" -o "$tmp/hfree2" --include='*.html'
  check "site learning, HTML, space enough: the renderings do not stop" test -z "$(grep 'free space' "$tmp/err")"
  # (the same size: its times tell)
  page=$(find "$tmp/hsites" -name '*.html' | sort | head -n 1)
  sed 's/Monday/Sunday/g; s/Thursday/Saturday/g' "$page" >"$tmp/changed.html"
  run_between_passes BETWEEN_PASSES_CHANGE="$page" BETWEEN_PASSES_WITH="$tmp/changed.html" -- -v -j1 -r "$tmp/hsites" -o "$tmp/hchanged" --include='*.html'
  expect_rc "site learning, HTML, a page changed between the passes" 0
  check "site learning, HTML, a page changed between the passes: parsed again" grep -q 'changed since it was counted; parsed again' "$tmp/err"
  check "site learning, HTML, a page changed between the passes: its new text" grep -rqE 'Sunday|Saturday' "$tmp/hchanged"
  cp "$tmp/changed.html" "$page"
else
  skip "between the passes: no $BOILOFF_BETWEEN, or under valgrind"
fi
run -r "$tmp/hsites" -o "$tmp/hnolearn" -q --include='*.html' --no-site-learning
check "no site learning, HTML: the footer is kept" test "$(grep -rl "Kestrel Valley Gazette" "$tmp/hnolearn" | wc -l)" -eq 10

finish
