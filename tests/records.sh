#!/bin/sh
# tests/records.sh - records in, records out (issue 17): WET, WARC and JSON
# Lines fixtures built by tools/make-records from development pages.  Each
# cleaned record must equal the plain filter's output for its page byte for
# byte; each damaged copy must lose only its damaged records, exit 1, and
# keep them, as they were, in the --rejects file.
. "$(dirname "$0")/setup.sh"

R=$FIXTURES/records
P=$R/pages
command -v perl >/dev/null 2>&1 || { echo "records.sh: perl is required"; exit 77; }

# texts FILE DIR: the "text" of each JSON line of FILE into DIR/1, DIR/2...
# (and the url into DIR/1.url); prints the count.
texts() {
  rm -rf "$2"
  mkdir -p "$2"
  perl -MJSON::PP -e 'my $n = 0; while (<STDIN>) {
    my $o = decode_json($_) or die; $n++;
    open my $f, ">:utf8", "$ARGV[0]/$n" or die; print $f $o->{text}; close $f;
    open $f, ">", "$ARGV[0]/$n.url" or die; print $f $o->{url}; close $f; }
    print "$n\n"' "$2" <"$1" 2>/dev/null || echo error
}

pages="cleaneval-dev_59 dragnet_R35 dragnet_488 readability_ebb-org readability_v8-blog"
for p in $pages readability_ebb-org.cp1252; do
  gzip -dc "$P/$p.html.gz" >"$tmp/$p.html"
done

# same_texts NAME DIR MODE: record i's text equals the plain filter's output
# for page i (MODE text: --text on .txt; detect: no flag; html: --html).
same_texts() {
  i=0
  bad=
  for p in $pages; do
    i=$((i + 1))
    case $3 in
    text) "$BOILOFF" --text "$P/$p.txt" >"$tmp/want" ;;
    detect) "$BOILOFF" "$P/$p.txt" >"$tmp/want" ;;
    html) "$BOILOFF" --html "$tmp/$p.html" >"$tmp/want" ;;
    esac
    cmp -s "$tmp/want" "$2/$i" || bad="$bad $p"
  done
  if [ -z "$bad" ]; then pass "$1: every record = the plain filter's output"; else
    fail "$1: differs from the plain filter for:$bad"
  fi
}

# ---- WET -------------------------------------------------------------------
run "$R/pages.warc.wet.gz"
expect_rc "wet" 0
expect_no_err "wet"
cp "$tmp/out" "$tmp/wet.jsonl"
check "wet: 5 JSON lines" test "$(texts "$tmp/wet.jsonl" "$tmp/wet")" = 5
same_texts "wet" "$tmp/wet" text
check "wet: url, warc_record_id, date, content_type" \
  grep -q '^{"url":"http://dragnet.example/R35","warc_record_id":"<urn:uuid:00000000-0000-4000-8000-000000000003>","date":"2024-03-04T12:00:00Z","content_type":"text/plain","text":"' "$tmp/wet.jsonl"

run --warc <"$R/pages.warc.wet.gz"
check "wet from stdin (--warc) = from the file" cmp -s "$tmp/out" "$tmp/wet.jsonl"
run <"$R/pages.warc.wet.gz"
check "wet from stdin detected by its first bytes" cmp -s "$tmp/out" "$tmp/wet.jsonl"
gzip -dc "$R/pages.warc.wet.gz" >"$tmp/pages.warc.wet"
run "$tmp/pages.warc.wet"
check "wet uncompressed = gzip'd" cmp -s "$tmp/out" "$tmp/wet.jsonl"
run --read-size=7 "$R/pages.warc.wet.gz"
check "wet read 7 bytes at a time = at once" cmp -s "$tmp/out" "$tmp/wet.jsonl"

# A record larger than the reader's first window (it must grow and move
# under the record's header fields).
make_page "$tmp/big.txt" 4000
{
  printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://big.example/\r\n'
  printf 'Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$tmp/big.txt")"
  cat "$tmp/big.txt"
  printf '\r\n\r\n'
} >"$tmp/big.warc.wet"
cat "$tmp/big.warc.wet" "$tmp/pages.warc.wet" >"$tmp/big2.warc.wet"
run "$tmp/big2.warc.wet"
expect_rc "a record of $(wc -c <"$tmp/big.txt") bytes" 0
texts "$tmp/out" "$tmp/big" >/dev/null
"$BOILOFF" --text "$tmp/big.txt" >"$tmp/want"
check "a large record: its text = the plain filter's" cmp -s "$tmp/want" "$tmp/big/1"
check "a large record: its url" grep -q '^http://big.example/$' "$tmp/big/1.url"

# Gzip'd one member a record, as Common Crawl writes them: a record longer
# than what is inflated whole (2 MiB: it streams through zlib instead)
# among short ones, and a member whose header CRC is wrong (zlib checks
# it; the whole-member inflater would not), which alone is lost.
make_page "$tmp/huge.txt" 20000
{
  printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://huge.example/\r\n'
  printf 'Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$tmp/huge.txt")"
  cat "$tmp/huge.txt"
  printf '\r\n\r\n'
} | gzip -n >"$tmp/huge.warc.wet.gz"
check "a record over 2 MiB" test "$(wc -c <"$tmp/huge.txt")" -gt 2200000
cat "$R/pages.warc.wet.gz" "$tmp/huge.warc.wet.gz" "$R/pages.warc.wet.gz" >"$tmp/huge3.warc.wet.gz"
run "$tmp/huge3.warc.wet.gz"
expect_rc "a record over 2 MiB among short ones" 0
texts "$tmp/out" "$tmp/huge" >/dev/null
"$BOILOFF" --text "$tmp/huge.txt" >"$tmp/want"
check "a record over 2 MiB: its text = the plain filter's" cmp -s "$tmp/want" "$tmp/huge/6"
check "a record over 2 MiB: the records after it" cmp -s "$tmp/wet/5" "$tmp/huge/11"
gzip -dc "$R/pages.warc.wet.gz" | head -c 300 | gzip -n |
  perl -e 'local $/; my $g = <STDIN>; substr($g, 3, 1) = chr(ord(substr($g, 3, 1)) | 2);
    print substr($g, 0, 10), "\x12\x34", substr($g, 10)' >"$tmp/hcrc.gz"
cat "$R/pages.warc.wet.gz" "$tmp/hcrc.gz" "$R/pages.warc.wet.gz" >"$tmp/hcrc.warc.wet.gz"
run "$tmp/hcrc.warc.wet.gz"
expect_rc "a wrong header CRC" 1
check "a wrong header CRC: the member is damaged" grep -q 'corrupt gzip member' "$tmp/err"
tail -n 5 "$tmp/out" >"$tmp/got"
check "a wrong header CRC: the records after it" cmp -s "$tmp/wet.jsonl" "$tmp/got"

# ---- WARC --------------------------------------------------------------------
run -v "$R/pages.warc.gz"
expect_rc "warc" 0
cp "$tmp/out" "$tmp/warc.jsonl"
check "warc: 6 responses cleaned" test "$(texts "$tmp/warc.jsonl" "$tmp/warc")" = 6
same_texts "warc" "$tmp/warc" html
"$BOILOFF" --html --from-code=windows-1252 "$tmp/readability_ebb-org.cp1252.html" >"$tmp/want"
check "warc: the charset of the HTTP Content-Type is used" cmp -s "$tmp/want" "$tmp/warc/6"
check "warc: requests, metadata, warcinfo and the image skipped and counted" \
  grep -q ': 20 records: 6 cleaned, 14 skipped, 0 bad;' "$tmp/err"

# --format=wet: a valid WARC file whose records hold the same texts.
run --format=wet "$R/pages.warc.gz"
expect_rc "warc to wet" 0
cp "$tmp/out" "$tmp/clean.wet"
check "wet output: framing and Content-Length" perl -e '
  local $/; my $w = <STDIN>; my $n = 0;
  while (length $w) {
    $w =~ s/\A(WARC\/1\.0\r\n(?:[^\r\n]+\r\n)+?Content-Length: (\d+)\r\n\r\n)//s or exit 1;
    my ($h, $len) = ($1, $2);
    substr($w, $len, 4) eq "\r\n\r\n" or exit 1;
    $w = substr($w, $len + 4); $n++;
  }
  exit($n == 7 ? 0 : 1)' <"$tmp/clean.wet"
run "$tmp/clean.wet"
texts "$tmp/out" "$tmp/rewet" >/dev/null
ok=yes
for i in 1 2 3 4 5 6; do
  perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0]; my $t = <$f>;
    print JSON::PP->new->encode([$t])' "$tmp/warc/$i" >/dev/null
  "$BOILOFF" --text "$tmp/warc/$i" >"$tmp/want"
  cmp -s "$tmp/want" "$tmp/rewet/$i" || ok=no
done
check "wet output read back: each record is the cleaned text, cleaned again" test $ok = yes

# ---- JSON Lines ----------------------------------------------------------------
run --jsonl "$R/pages.jsonl.gz"
expect_rc "jsonl" 0
expect_no_err "jsonl"
cp "$tmp/out" "$tmp/jsonl.out"
check "jsonl: 5 lines" test "$(texts "$tmp/jsonl.out" "$tmp/jl")" = 5
same_texts "jsonl" "$tmp/jl" detect
check "jsonl: every other field kept, in its place" perl -MJSON::PP -e '
  open my $in, "-|", "gzip", "-dc", $ARGV[0] or die; open my $out, "<", $ARGV[1] or die;
  while (my $a = <$in>) { my $b = <$out>; my $x = decode_json($a); my $y = decode_json($b);
    delete $x->{text}; delete $y->{text};
    JSON::PP->new->canonical->encode($x) eq JSON::PP->new->canonical->encode($y) or exit 1;
    $b =~ /^\{"html":".*","id":\d+,"meta":\{"lang":"en","score":0.5\},"text":".*","url":"[^"]*"\}$/ or exit 1 }
  exit 0' "$R/pages.jsonl.gz" "$tmp/jsonl.out"
gzip -dc "$R/pages.jsonl.gz" >"$tmp/pages.jsonl"
run --jsonl --read-size=5 <"$tmp/pages.jsonl"
check "jsonl: uncompressed from stdin = gzip'd" cmp -s "$tmp/out" "$tmp/jsonl.out"

run --jsonl --html-field=html "$R/pages.jsonl.gz"
texts "$tmp/out" "$tmp/jh" >/dev/null
same_texts "jsonl --html-field" "$tmp/jh" html

run --jsonl --field=html --html "$R/pages.jsonl.gz"
perl -MJSON::PP -ne 'my $o = decode_json($_); binmode STDOUT, ":utf8"; print $o->{html} if $. == 2' \
  <"$tmp/out" >"$tmp/got"
"$BOILOFF" --html "$tmp/dragnet_R35.html" >"$tmp/want"
check "jsonl --field=html: that field cleaned" cmp -s "$tmp/want" "$tmp/got"

run --jsonl --jsonl-stats "$R/pages.jsonl.gz"
"$BOILOFF" --explain "$P/dragnet_R35.txt" >"$tmp/explain"
kept=$(grep -c '	KEEP	' "$tmp/explain")
dropped=$(grep -c '	DROP	' "$tmp/explain")
# words: runs of characters other than space, tab, CR and LF
words=$("$BOILOFF" "$P/dragnet_R35.txt" | perl -ne '$n += () = /[^ \t\r\n]+/g; END { print $n + 0 }')
check "jsonl-stats: blocks and words kept and dropped" perl -MJSON::PP -e '
  <STDIN>; my $s = decode_json(scalar <STDIN>)->{boiloff};
  exit(($s->{blocks_kept} == $ARGV[0] && $s->{blocks_dropped} == $ARGV[1] &&
        $s->{words_kept} == $ARGV[2] && $s->{words_dropped} > 0) ? 0 : 1)' \
  "$kept" "$dropped" "$words" <"$tmp/out"

# ---- damaged copies ----------------------------------------------------------
# without URL...: the good output without the records of these URLs.
without() {
  src=$1
  shift
  cp "$src" "$tmp/want"
  for u in "$@"; do
    grep -v "\"url\":\"$u\"" "$tmp/want" >"$tmp/want.1" || true
    mv "$tmp/want.1" "$tmp/want"
  done
}

run --rejects="$tmp/rej" "$R/truncated.warc.wet.gz"
expect_rc "truncated gzip" 1
without "$tmp/wet.jsonl" http://readability.example/v8-blog
check "truncated gzip: only the last record lost" cmp -s "$tmp/want" "$tmp/out"
check "truncated gzip: message" grep -q 'record 6: truncated gzip member' "$tmp/err"
check "truncated gzip: counted" grep -q '1 bad, 1 damaged_gzip;' "$tmp/err"
check "truncated gzip: the partial record in the rejects" \
  sh -c 'head -c 9 "$1" | grep -q "^WARC/1.0"' sh "$tmp/rej"

run --rejects="$tmp/rej" "$R/corrupt.warc.wet.gz"
expect_rc "corrupt gzip member" 1
without "$tmp/wet.jsonl" http://dragnet.example/488
check "corrupt gzip member: only its record lost" cmp -s "$tmp/want" "$tmp/out"
check "corrupt gzip member: message" grep -q 'record 4: corrupt gzip member' "$tmp/err"
check "corrupt gzip member: counted once" grep -q ': 6 records: 4 cleaned, 1 skipped, 1 bad, 1 damaged_gzip;' "$tmp/err"

run --rejects="$tmp/rej" "$R/badlength.warc.gz"
expect_rc "wrong Content-Length" 1
without "$tmp/warc.jsonl" http://dragnet.example/R35 http://readability.example/ebb-org
check "wrong Content-Length (too long, too short): only those records lost" \
  cmp -s "$tmp/want" "$tmp/out"
check "wrong Content-Length: message" grep -q 'Content-Length does not match the record' "$tmp/err"
gzip -dc "$R/badlength.warc.gz" | perl -e 'local $/; my $w = <STDIN>;
  my @r = grep { /^WARC-Type: response\r\nWARC-Target-URI: http:\/\/(dragnet.example\/R35|readability.example\/ebb-org)\r\n/m }
    split /(?=WARC\/1\.0\r\n)/, $w; print @r' >"$tmp/want_rej"
check "wrong Content-Length: the two records, as they were, in the rejects" \
  cmp -s "$tmp/want_rej" "$tmp/rej"

run --rejects="$tmp/rej" "$R/noheader.warc.gz"
expect_rc "missing WARC header" 1
without "$tmp/warc.jsonl" http://dragnet.example/488
check "missing WARC header: only that record lost" cmp -s "$tmp/want" "$tmp/out"
check "missing WARC header: message" grep -q 'no WARC header' "$tmp/err"
check "missing WARC header: the record in the rejects" \
  sh -c 'head -1 "$1" | grep -q "^WARC-Type: response"' sh "$tmp/rej"

run --jsonl --max-size=160K --rejects="$tmp/rej" "$R/bad.jsonl.gz"
expect_rc "bad JSON lines" 1
check "bad JSON lines: the good lines cleaned" cmp -s "$tmp/jsonl.out" "$tmp/out"
gzip -dc "$R/bad.jsonl.gz" | sed -n '2p;4p;6p' >"$tmp/want_rej"
check "bad JSON lines: the three lines, as they were, in the rejects" \
  cmp -s "$tmp/want_rej" "$tmp/rej"
check "bad JSON lines: messages" sh -c '
  grep -q "line 2: invalid JSON" "$1" && grep -q "line 4: field \"text\" is missing or not a string" "$1" &&
  grep -q "line 6: line larger than --max-size" "$1" &&
  grep -q "3 bad, 1 too_large, 1 bad_json, 1 bad_field;" "$1"' sh "$tmp/err"

# A member whose data inflate whole but whose CRC is wrong: the record
# (line) it holds is damaged, though it looked complete.
run --jsonl "$R/crc.jsonl.gz"
expect_rc "JSON Lines, a gzip member with a wrong CRC" 1
sed 3d "$tmp/jsonl.out" >"$tmp/want"
check "JSON Lines, a wrong CRC: only its line lost" cmp -s "$tmp/want" "$tmp/out"
check "JSON Lines, a wrong CRC: message" grep -q 'line 3: corrupt gzip member' "$tmp/err"
run "$R/crc.warc.wet.gz"
expect_rc "WET, a gzip member with a wrong CRC" 1
without "$tmp/wet.jsonl" http://dragnet.example/R35
check "WET, a wrong CRC: only its record lost" cmp -s "$tmp/want" "$tmp/out"
check "WET, a wrong CRC: message" grep -q 'record 3: corrupt gzip member' "$tmp/err"

# ---- a gzip member damaged from its start costs only its record (issue 17) ----
# members FILE DIR warc|lines: FILE (uncompressed) as one gzip member per
# record or line: DIR/001.gz, DIR/002.gz...
members() {
  rm -rf "$2"
  mkdir -p "$2"
  perl -e 'local $/; my $w = <STDIN>;
    my @r = $ARGV[1] eq "warc" ? split(/(?=WARC\/1\.0\r\n)/, $w) : ($w =~ /[^\n]*\n/g);
    for my $k (0 .. $#r) { open my $f, ">", sprintf("%s/%03d", $ARGV[0], $k + 1) or die;
      print $f $r[$k]; close $f }' "$2" "$3" <"$1"
  for f in "$2"/[0-9]*; do gzip -9n "$f"; done
}
# damaged DIR K HOW: the members of DIR on stdout, the K-th damaged from its
# start (flags: a reserved header flag set; magic: not gzip; cut: its first
# 12 bytes only, the input ending there).
damaged() {
  for f in "$1"/*.gz; do
    case $f in
    */$(printf %03d "$2").gz)
      case $3 in
      flags) perl -e 'local $/; my $g = <STDIN>; substr($g, 3, 1) = chr(ord(substr($g, 3, 1)) | 0xe0); print $g' <"$f" ;;
      magic) perl -e 'local $/; my $g = <STDIN>; substr($g, 0, 1) = "X"; print $g' <"$f" ;;
      cut) head -c 12 "$f" ;;
      esac ;;
    *) cat "$f" ;;
    esac
  done
}
members "$tmp/pages.warc.wet" "$tmp/wm" warc
for how in flags magic; do
  damaged "$tmp/wm" 5 $how >"$tmp/d.gz"
  for rs in 65536 7; do
    run --read-size=$rs --rejects="$tmp/rej" "$tmp/d.gz"
    expect_rc "WET, record 5's member damaged from its start ($how, read $rs)" 1
    without "$tmp/wet.jsonl" http://readability.example/ebb-org
    check "WET, record 5's member damaged ($how, read $rs): only it lost" cmp -s "$tmp/want" "$tmp/out"
    check "WET, record 5's member damaged ($how, read $rs): counted once" \
      grep -q ': 6 records: 4 cleaned, 1 skipped, 1 bad, 1 damaged_gzip;' "$tmp/err"
    check "WET, record 5's member damaged ($how, read $rs): record 4 not blamed" \
      sh -c '! grep -q "dragnet.example/488" "$1"' sh "$tmp/rej"
  done
done
check "WET, a member that is not gzip: message" grep -q 'record 5: data between gzip members is not gzip' "$tmp/err"
damaged "$tmp/wm" 6 cut >"$tmp/d.gz"
run "$tmp/d.gz"
expect_rc "WET, the last member cut in its header" 1
without "$tmp/wet.jsonl" http://readability.example/v8-blog
check "WET, the last member cut in its header: only its record lost" cmp -s "$tmp/want" "$tmp/out"
check "WET, the last member cut in its header: message" grep -q 'record 6: truncated gzip member' "$tmp/err"

gzip -dc "$R/pages.warc.gz" >"$tmp/pages.warc"
members "$tmp/pages.warc" "$tmp/hm" warc
damaged "$tmp/hm" 10 flags >"$tmp/d.gz"
run "$tmp/d.gz"
expect_rc "WARC, the metadata member after a response damaged" 1
check "WARC, the metadata member after a response damaged: no response lost" cmp -s "$tmp/warc.jsonl" "$tmp/out"
check "WARC, the metadata member damaged: message and count" sh -c '
  grep -q "record 10: corrupt gzip member" "$1" &&
  grep -q ": 20 records: 6 cleaned, 13 skipped, 1 bad, 1 damaged_gzip;" "$1"' sh "$tmp/err"
damaged "$tmp/hm" 9 flags >"$tmp/d.gz"
run "$tmp/d.gz"
without "$tmp/warc.jsonl" http://dragnet.example/488
check "WARC, a response's member damaged: only it lost" cmp -s "$tmp/want" "$tmp/out"
check "WARC, a response's member damaged: message" grep -q 'record 9: corrupt gzip member' "$tmp/err"

members "$tmp/pages.jsonl" "$tmp/jm" lines
damaged "$tmp/jm" 3 flags >"$tmp/d.gz"
run --jsonl "$tmp/d.gz"
expect_rc "JSON Lines, line 3's member damaged from its start" 1
sed 3d "$tmp/jsonl.out" >"$tmp/want"
check "JSON Lines, line 3's member damaged: only it lost" cmp -s "$tmp/want" "$tmp/out"
check "JSON Lines, line 3's member damaged: message" grep -q 'line 3: corrupt gzip member' "$tmp/err"
damaged "$tmp/jm" 5 cut >"$tmp/d.gz"
run --jsonl "$tmp/d.gz"
sed 5d "$tmp/jsonl.out" >"$tmp/want"
check "JSON Lines, the last member cut: only its line lost" cmp -s "$tmp/want" "$tmp/out"
check "JSON Lines, the last member cut: message" grep -q 'line 5: truncated gzip member' "$tmp/err"

# ---- batch mode -----------------------------------------------------------------
tree=$tmp/tree
mkdir -p "$tree/a" "$tree/b"
cp "$R/pages.warc.wet.gz" "$R/corrupt.warc.wet.gz" "$tree/a/"
cp "$R/pages.warc.gz" "$tree/b/"
cp "$P/dragnet_R35.txt" "$tree/b/"
run -r --warc "$tree" -o "$tmp/bo1" -j1 -q --report="$tmp/rep1" --rejects="$tmp/brej1" --no-site-learning
expect_rc "batch -r --warc" 1
check "batch: outputs named .jsonl, the .txt left out" sh -c '
  cd "$1" && test "$(find . -type f | sort | tr "\n" " ")" = "./a/corrupt.warc.wet.jsonl ./a/pages.warc.wet.jsonl ./b/pages.warc.jsonl "' sh "$tmp/bo1"
check "batch: a WET file = the filter's output" cmp -s "$tmp/wet.jsonl" "$tmp/bo1/a/pages.warc.wet.jsonl"
check "batch: a WARC file = the filter's output" cmp -s "$tmp/warc.jsonl" "$tmp/bo1/b/pages.warc.jsonl"
without "$tmp/wet.jsonl" http://dragnet.example/488
check "batch: the damaged file without its bad record" cmp -s "$tmp/want" "$tmp/bo1/a/corrupt.warc.wet.jsonl"
check "batch: --report counts the records and the bad ones" grep -q \
  '"path":"[^"]*/a/corrupt.warc.wet.gz",.*"status":"partial","error":"1 bad record skipped","records":6,"records_cleaned":4,"records_skipped":1,"records_bad":{"damaged_gzip":1,' "$tmp/rep1"
check "batch: --report, a good file" grep -q '/b/pages.warc.gz",.*"status":"ok",.*"records":20,"records_cleaned":6,"records_skipped":14,' "$tmp/rep1"
run -r --warc "$tree" -o "$tmp/bo1" -j2 -q --update --report="$tmp/rep2" --no-site-learning
check "batch --update: nothing cleaned again" test "$(grep -c '"status":"skipped"' "$tmp/rep2")" = 3
run -r --warc "$tree" -o "$tmp/bo2" -j2 -q --no-site-learning
check "batch: -j1 = -j2" diff -r "$tmp/bo1" "$tmp/bo2"

# Site learning across records: the host of each record's URL is its site.
mkdir -p "$tmp/sl"
footer="Kestrel Valley Gazette is published by Marlow Press Ltd. for readers everywhere."
wet_record() { # URL FILE
  printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: %s\r\n' "$1"
  printf 'Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$2")"
  cat "$2"
  printf '\r\n\r\n'
}
: >"$tmp/sl/one.warc.wet"
: >"$tmp/sl/two.warc.wet"
k=0
while [ $k -lt 10 ]; do
  k=$((k + 1))
  { prose $((100 + k)) 6; echo "$footer"; } >"$tmp/page"
  f=one
  [ $k -le 5 ] || f=two
  wet_record "https://www.Kestrel.example:8080/story/$k" "$tmp/page" >>"$tmp/sl/$f.warc.wet"
  wet_record "http://other$k.example/" "$P/dragnet_488.txt" >>"$tmp/sl/$f.warc.wet"
done
run -r --warc "$tmp/sl" -o "$tmp/slo" -q
expect_rc "site learning over records" 0
check "site learning over records: the shared footer dropped in all 10" \
  test "$(cat "$tmp/slo"/*.jsonl | grep -c 'Kestrel Valley Gazette')" = 0
run -r --warc "$tmp/sl" -o "$tmp/slo2" -q --no-site-learning
check "no site learning: the footer kept in all 10" \
  test "$(cat "$tmp/slo2"/*.jsonl | grep -c 'Kestrel Valley Gazette')" = 10
run -r --warc "$tmp/sl" -o "$tmp/slo3" -q -j2
check "site learning over records: -j1 = -j2" diff -r "$tmp/slo" "$tmp/slo3"

# The same with HTML responses, a bad record among them (records are
# matched to the renderings the first pass kept by their place in the
# file, bad ones counted): each HTML record is parsed once, and when the
# kept renderings cannot be written (tests/between_passes.c, preloaded) it
# is parsed again, with the same outputs; as it is when the file changed
# between the passes.
mkdir -p "$tmp/slh"
response_record() { # URL FILE
  { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; cat "$2"; } >"$tmp/block"
  printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n' "$1"
  printf 'Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$tmp/block")"
  cat "$tmp/block"
  printf '\r\n\r\n'
}
story_records() { # [LAST PARAGRAPH]: ten stories, the fourth followed by a bad record
  k=0
  while [ $k -lt 10 ]; do
    k=$((k + 1))
    {
      echo "<!DOCTYPE html><html><head><title>Story $k</title></head><body>"
      prose $((200 + k)) 6 | sed 's|.*|<p>&</p>|'
      [ -z "${1:-}" ] || echo "<p>$1</p>"
      echo "<p>$footer</p></body></html>"
    } >"$tmp/page"
    response_record "https://www.kestrel.example/story/$k" "$tmp/page"
    [ $k -ne 4 ] || printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n'
  done
}
story_records >"$tmp/slh/one.warc"
run -r --warc "$tmp/slh" -o "$tmp/slho" -q --report="$tmp/slh.rep"
expect_rc "site learning over HTML records, one bad (it hides the next)" 1
check "site learning over HTML records: the footer dropped in all 9 cleaned" \
  test "$(grep -c 'kestrel.example/story' "$tmp/slho/one.warc.jsonl")" -eq 9 -a "$(grep -c 'Kestrel Valley Gazette' "$tmp/slho/one.warc.jsonl")" -eq 0
check "site learning over HTML records: the bad record counted" grep -q '"missing_header":1' "$tmp/slh.rep"
run -r --warc "$tmp/slh" -o "$tmp/slho2" -q --no-site-learning
check "no site learning, HTML records: the footer kept in all 9" \
  test "$(grep -c 'Kestrel Valley Gazette' "$tmp/slho2/one.warc.jsonl")" -eq 9
if run_between_passes BETWEEN_PASSES_SPILL=full -- -q -r --warc "$tmp/slh" -o "$tmp/slho3"; then
  expect_rc "site learning over HTML records, spill file full" 1
  check "site learning over HTML records, spill file full: the same outputs" \
    diff -r "$tmp/slho" "$tmp/slho3"
  story_records "Written between the two passes, a sentence to keep at the end of the story." >"$tmp/one-changed.warc"
  run_between_passes BETWEEN_PASSES_CHANGE="$tmp/slh/one.warc" BETWEEN_PASSES_WITH="$tmp/one-changed.warc" -- -v -j1 -r --warc "$tmp/slh" -o "$tmp/slho4"
  expect_rc "site learning over HTML records, the file changed between the passes" 1
  check "site learning over HTML records, the file changed between the passes: parsed again" \
    grep -q 'changed since it was counted; parsed again' "$tmp/err"
  check "site learning over HTML records, the file changed between the passes: the new text" \
    test "$(grep -c 'Written between the two passes' "$tmp/slho4/one.warc.jsonl")" -eq 9
else
  skip "between the passes: no $BOILOFF_BETWEEN, or under valgrind"
fi

# ---- SIGINT mid-file: no output, no rejects, no temporary file ----
mkdir -p "$tmp/int"
mkfifo "$tmp/int/fifo"
"$BOILOFF" --warc -o "$tmp/int/out.jsonl" --rejects="$tmp/int/rej" <"$tmp/int/fifo" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/int/fifo"
head -c 20000 "$tmp/pages.warc.wet" >&3
i=0
while [ $i -lt 100 ] && [ -z "$(find "$tmp/int" -name '.out.jsonl.boiloff-*')" ]; do
  sleep 0.1
  i=$((i + 1))
done
kill -INT $pid
exec 3>&-
set +e
wait $pid
rc=$?
set -e
expect_rc "records: SIGINT" 130
expect_no_err "records: SIGINT"
check "records: SIGINT: no output, rejects or temporary file" \
  test -z "$(find "$tmp/int" -type f)"

# ---- several threads (-j): the same bytes as one --------------------------
# Good, bad and damaged records interleaved, and lines the cleaner refuses:
# with workers, the output, the messages, the rejects and the exit status
# are those of one thread, in input order.
for i in 1 2 3; do
  cat "$R/badlength.warc.gz" "$R/pages.warc.gz" "$R/noheader.warc.gz" \
    "$R/pages.warc.wet.gz" "$R/crc.warc.wet.gz" "$R/corrupt.warc.wet.gz"
done >"$tmp/mixed.warc.gz"
for i in 1 2 3; do
  cat "$R/bad.jsonl.gz" "$R/pages.jsonl.gz" "$R/crc.jsonl.gz"
  printf '{"text":"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006"}\n' | gzip -n
done >"$tmp/mixed.jsonl.gz"
# same_as_one WHAT ARGS...: -j1 against -j2 and -j5 (the warcinfo
# record's date aside: it is the time of the run).
same_as_one() {
  what=$1
  shift
  set +e
  "$BOILOFF" -j1 --rejects="$tmp/rej1" "$@" >"$tmp/raw" 2>"$tmp/err1"
  rc1=$?
  grep -av '^WARC-Date: ' "$tmp/raw" >"$tmp/out1"
  for j in 2 5; do
    "$BOILOFF" -j$j --rejects="$tmp/rej$j" "$@" >"$tmp/raw" 2>"$tmp/err$j"
    rc=$?
    grep -av '^WARC-Date: ' "$tmp/raw" >"$tmp/out$j"
    check "$what, -j$j: the output of -j1" cmp -s "$tmp/out1" "$tmp/out$j"
    check "$what, -j$j: the messages of -j1" cmp -s "$tmp/err1" "$tmp/err$j"
    check "$what, -j$j: the rejects of -j1" cmp -s "$tmp/rej1" "$tmp/rej$j"
    check "$what, -j$j: the exit status of -j1 ($rc1)" test "$rc" = "$rc1"
  done
  set -e
}
same_as_one "WARC and WET, bad records among good" "$tmp/mixed.warc.gz"
check "WARC and WET: bad records among them" grep -q ' 15 bad, ' "$tmp/err1"
same_as_one "WET out" --format=wet "$tmp/mixed.warc.gz"
same_as_one "JSON Lines, bad lines among good" --jsonl --max-size=160K "$tmp/mixed.jsonl.gz"
check "JSON Lines: lines the cleaner refuses among them" grep -q ' 3 clean_failed' "$tmp/err1"
same_as_one "JSON Lines, read 7 bytes at a time" --jsonl --max-size=160K --read-size=7 "$tmp/mixed.jsonl.gz"

# Records read from a pipe come out as they are cleaned, with workers as
# with one thread: not held back until the input ends.
perl -e 'local $/; my @r = split /(?=WARC\/1\.0\r\n)/, <STDIN>;
  open my $a, ">", $ARGV[0] or die; print $a @r[0 .. 3], "WARC/1.0\r\n"; close $a;
  open my $b, ">", $ARGV[1] or die; my $rest = join "", @r[4 .. $#r];
  print $b substr($rest, 10); close $b' \
  "$tmp/first.wet" "$tmp/rest.wet" <"$tmp/pages.warc.wet"
for j in 1 2; do
  rm -f "$tmp/fifo"
  mkfifo "$tmp/fifo"
  "$BOILOFF" -j$j --warc <"$tmp/fifo" >"$tmp/stream.jsonl" 2>"$tmp/err" &
  pid=$!
  exec 3>"$tmp/fifo"
  cat "$tmp/first.wet" >&3
  i=0
  while [ $i -lt 100 ] && [ "$(wc -l <"$tmp/stream.jsonl")" -lt 3 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  check "-j$j: a pipe's first three records out before the input ends" \
    test "$(wc -l <"$tmp/stream.jsonl")" -eq 3
  cat "$tmp/rest.wet" >&3
  exec 3>&-
  wait $pid
  check "-j$j: then the rest (the same as from the file)" cmp -s "$tmp/wet.jsonl" "$tmp/stream.jsonl"
done

# ---- usage -------------------------------------------------------------------
run --format=wet "$P/dragnet_R35.txt"
expect_rc "--format=wet on a page" 1
run --help
check "--help lists the record options" sh -c '
  for o in --warc --jsonl --field= --html-field= --jsonl-stats --rejects= "--format=wet"; do
    grep -q -e "$o" "$1" || exit 1; done' sh "$tmp/out"

finish
