#!/bin/sh
# bench.sh - `make bench`: boiloff's throughput and peak memory, beside the
# machine's practical limits (cat, wc -w, grep -c .) on the same bytes.
# Not part of `make check`: benchmarks are not timed tests.
#
# Environment: BOILOFF (the program), EVAL_DIR (the development corpus the
# text is built from), BENCH_MB (size of the generated corpus, default
# 200), BENCH_RUNS (timed runs per command, default 3; medians reported),
# BENCH_PAIRS (interleaved model/rules-only pairs, default 9),
# BENCH_DATA (cache directory for generated data, default ./bench-data;
# `make clean` removes it), BENCH_STREAM_MB (default 1000: the single-stream
# memory test), BENCH_LINE_MB (default 200: the single-line memory test),
# BENCH_WARC_MB (default 1000: the warc.gz memory test),
# BENCH_IPB_MB (default 5: the slice cachegrind counts instructions on),
# BENCH_OUT_DIR (where batch outputs are written; default /dev/shm, see
# tools/bench-outdir.sh),
# BENCH_START_RUNS (default 300: hyperfine runs of the start-up test),
# HTML_PUSH_NULL (tools/html-push-null: libxml2's HTML push parser alone).
# MB = 10^6 bytes.
set -eu
LC_ALL=C
export LC_ALL

: "${BOILOFF:=./boiloff}"
: "${EVAL_DIR:=$(cd "$(dirname "$0")" && pwd)/../../shared/eval/dev}"
: "${BENCH_MB:=200}"
: "${BENCH_RUNS:=3}"
: "${BENCH_PAIRS:=9}"
: "${BENCH_DATA:=./bench-data}"
: "${BENCH_STREAM_MB:=1000}"
: "${BENCH_LINE_MB:=200}"
: "${BENCH_WARC_MB:=1000}"
: "${BENCH_IPB_MB:=5}"
: "${BENCH_START_RUNS:=300}"
: "${HTML_PUSH_NULL:=}"

die() { echo "bench.sh: $*" >&2; exit 1; }

[ -x "$BOILOFF" ] || die "$BOILOFF is not built"
[ -d "$EVAL_DIR" ] || die "no corpus at $EVAL_DIR; set EVAL_DIR=..."
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required for peak memory"
case $BENCH_MB in ''|*[!0-9]*|0) die "BENCH_MB must be a positive integer" ;; esac
case $BENCH_PAIRS in ''|*[!0-9]*|0) die "BENCH_PAIRS must be a positive integer" ;; esac
BOILOFF=$(cd "$(dirname "$BOILOFF")" && pwd)/$(basename "$BOILOFF")
. "$(cd "$(dirname "$0")" && pwd)/lt-resolve.sh"
EVAL_DIR=$(cd "$EVAL_DIR" && pwd)
mkdir -p "$BENCH_DATA"
data=$(cd "$BENCH_DATA" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(cd "$(dirname "$0")" && pwd)/bench-outdir.sh"
outdir=$(bench_outdir "$tmp") || die "cannot make an output directory"
trap 'rm -rf "$tmp" "$outdir"' EXIT
trap 'exit 130' INT TERM
export BOILOFF

help=$("$BOILOFF" --help < /dev/null 2>&1 || true)
have_batch=no
case $help in *--recursive*|*--jobs*) have_batch=yes ;; esac
have_html=no
case $help in *--html*) have_html=yes ;; esac
command -v xmllint > /dev/null 2>&1 || have_html=no
have_hyperfine=no
command -v hyperfine > /dev/null 2>&1 && have_hyperfine=yes

log() { echo "bench: $*" >&2; }

# ---- data ------------------------------------------------------------------
# base.txt: every scraped page of the corpus once, in a fixed order.
base=$data/base.txt
if [ ! -s "$base" ]; then
	log "building $base from $EVAL_DIR"
	(cd "$EVAL_DIR" && find . -type f -name '*.txt' ! -name '*.gold.txt' | sort |
		while IFS= read -r f; do cat "$f"; done) > "$base.tmp"
	mv "$base.tmp" "$base"
fi
base_bytes=$(wc -c < "$base")

# corpus-N.txt: base.txt repeated until it holds at least BENCH_MB MB.
corpus=$data/corpus-$BENCH_MB.txt
want=$((BENCH_MB * 1000000))
if [ ! -s "$corpus" ] || [ "$(wc -c < "$corpus")" -lt "$want" ]; then
	log "building $corpus (>= $BENCH_MB MB)"
	: > "$corpus.tmp"
	have=0
	while [ "$have" -lt "$want" ]; do
		cat "$base" >> "$corpus.tmp"
		have=$((have + base_bytes))
	done
	mv "$corpus.tmp" "$corpus"
fi
bytes=$(wc -c < "$corpus")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# ---- measuring -------------------------------------------------------------
# median_time NAME 'SHELL COMMAND' [PREPARE]: median wall seconds of
# BENCH_RUNS runs after one warm-up run.
median_time() {
	if [ "$have_hyperfine" = yes ]; then
		set -- "$1" "$2" "${3:-true}"
		hyperfine --style none --warmup 1 --runs "$BENCH_RUNS" -i \
			--prepare "$3" --export-csv "$tmp/h.csv" "$2" > /dev/null 2>&1 ||
			die "hyperfine failed on: $2"
		awk -F, 'NR == 2 { print $(NF - 4) }' "$tmp/h.csv"
	else
		: > "$tmp/times"
		i=0
		while [ "$i" -le "$BENCH_RUNS" ]; do
			[ -z "${3-}" ] || sh -c "$3"
			t0=$(date +%s%N)
			sh -c "$2" || true
			t1=$(date +%s%N)
			[ "$i" -eq 0 ] || echo "$t0 $t1" | awk '{ print ($2 - $1) / 1e9 }' >> "$tmp/times"
			i=$((i + 1))
		done
		sort -g "$tmp/times" | awk '{ v[NR] = $1 } END {
			print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
	fi
}

# peak_rss PROGRAM ARGS... (stdin redirected by the caller; stdout
# discarded): prints the program's peak resident set in MB.
peak_rss() {
	/usr/bin/time -f '%M' -o "$tmp/rss" "$@" > /dev/null || true
	awk 'END { printf "%.1f", $1 / 1000 }' "$tmp/rss"
}

# cpu_seconds 'SHELL COMMAND': user + system seconds of one run.
cpu_seconds() {
	/usr/bin/time -f '%U %S' -o "$tmp/cpu" sh -c "$1" || die "failed: $1"
	awk 'END { print $1 + $2 }' "$tmp/cpu"
}

# median_cpu 'SHELL COMMAND' [PREPARE]: median user + system seconds of
# BENCH_RUNS runs (CPU time: what the ratios to a parser are about).
median_cpu() {
	: > "$tmp/cpus"
	i=0
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		[ -z "${2-}" ] || sh -c "$2"
		cpu_seconds "$1" >> "$tmp/cpus"
		i=$((i + 1))
	done
	sort -g "$tmp/cpus" | awk '{ v[NR] = $1 } END {
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# paired_ratio 'COMMAND A' 'COMMAND B': the CPU time of A over that of B,
# run in BENCH_PAIRS interleaved pairs (which goes first alternates), as
# "median first-quartile third-quartile" of the pairs' ratios.  A load
# that comes and goes hits both of a pair alike, which separate medians
# of a few runs each do not see: they have put the same two programs
# anywhere from 0.8x to 1.4x of each other on this kind of machine.
paired_ratio() {
	: > "$tmp/ratios"
	i=0
	while [ "$i" -lt "$BENCH_PAIRS" ]; do
		if [ $((i % 2)) -eq 0 ]; then
			a=$(cpu_seconds "$1"); b=$(cpu_seconds "$2")
		else
			b=$(cpu_seconds "$2"); a=$(cpu_seconds "$1")
		fi
		awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) print a / b }' >> "$tmp/ratios"
		i=$((i + 1))
	done
	sort -g "$tmp/ratios" | awk '{ v[NR] = $1 } END {
		printf "%.2f %.2f %.2f\n", v[int((NR + 1) / 2)], v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'
}

rows=$tmp/rows
: > "$rows"
# row LABEL SECONDS|- MB_PER_S|- RSS_MB|- NOTE
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$rows"; }
rate() { awk -v m="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? m / s : 0) }'; }

# ---- filter throughput -------------------------------------------------------
log "filter: $mb MB, $BENCH_RUNS runs each (hyperfine: $have_hyperfine)"
c=$(printf '%s' "$corpus" | sed "s/'/'\\\\''/g")
t_cat=$(median_time cat "cat '$c' > /dev/null")
t_wc=$(median_time wc "wc -w < '$c' > /dev/null")
# GNU grep stops at the first match when its output is /dev/null.
t_grep=$(median_time grep "grep -c . < '$c' > '$tmp/grep.out'")
t_boil=$(median_time boiloff "\"\$BOILOFF\" < '$c' > /dev/null")
# One thread: the filter splits one stream over two when -j allows.
t_one=$(median_time one "\"\$BOILOFF\" -j1 < '$c' > /dev/null")
# The hand-written rules alone: what the learned model costs on top.
t_rules=$(median_time rules "\"\$BOILOFF\" --rules-only < '$c' > /dev/null")
r_cat=$(peak_rss cat "$corpus")
r_wc=$(peak_rss wc -w < "$corpus")
r_grep=$(peak_rss grep -c . < "$corpus")
r_boil=$(peak_rss "$BOILOFF" < "$corpus")
vs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx wc -w", (b > 0 ? a / b : 0) }'; }
row "cat" "$t_cat" "$(rate "$mb" "$t_cat")" "$r_cat" "$(vs "$t_wc" "$t_cat")"
row "wc -w (LC_ALL=C)" "$t_wc" "$(rate "$mb" "$t_wc")" "$r_wc" "1.00x wc -w"
row "grep -c ." "$t_grep" "$(rate "$mb" "$t_grep")" "$r_grep" "$(vs "$t_wc" "$t_grep")"
row "boiloff (filter)" "$t_boil" "$(rate "$mb" "$t_boil")" "$r_boil" "$(vs "$t_wc" "$t_boil")"
r_one=$(peak_rss "$BOILOFF" -j1 < "$corpus")
log "two threads vs one: $BENCH_PAIRS interleaved pairs of CPU time"
set -- $(paired_ratio "\"\$BOILOFF\" < '$c' > /dev/null" "\"\$BOILOFF\" -j1 < '$c' > /dev/null")
row "boiloff -j1 (one thread)" "$t_one" "$(rate "$mb" "$t_one")" "$r_one" \
	"$(vs "$t_wc" "$t_one"); two threads take ${1}x its CPU time (pairs: quartiles $2-$3)"
# What the learned model costs: CPU time against the rules alone, in
# interleaved pairs on the same corpus (the medians above are too few
# runs for a ratio of two close figures).
log "model vs --rules-only: $BENCH_PAIRS interleaved pairs"
set -- $(paired_ratio "\"\$BOILOFF\" < '$c' > /dev/null" "\"\$BOILOFF\" --rules-only < '$c' > /dev/null")
row "boiloff --rules-only" "$t_rules" "$(rate "$mb" "$t_rules")" "-" \
	"$(vs "$t_wc" "$t_rules"); model: ${1}x the rules' CPU time (pairs: quartiles $2-$3)"

# ---- instructions per byte (cachegrind: stable on a loaded machine) --------
if command -v valgrind > /dev/null 2>&1; then
	log "instructions per byte: cachegrind on $BENCH_IPB_MB MB"
	head -c $((BENCH_IPB_MB * 1000000)) "$corpus" > "$tmp/slice"
	sbytes=$(wc -c < "$tmp/slice")
	# irefs ARGS...: instructions of one boiloff run over the slice.
	irefs() {
		valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$BOILOFF" "$@" < "$tmp/slice" 2>&1 > /dev/null |
			sed -n 's/.*I *refs: *//p' | tr -d ,
	}
	# One thread: the work itself, without the hand-off between two.
	i_boil=$(irefs -j1)
	i_rules=$(irefs -j1 --rules-only)
	i_two=$(irefs)
	i_start=$(valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$BOILOFF" -j1 < /dev/null 2>&1 > /dev/null | sed -n 's/.*I *refs: *//p' | tr -d ,)
	ipb() { awk -v i="$1" -v s="$i_start" -v b="$sbytes" 'BEGIN { printf "%.1f", (i - s) / b }'; }
	row "instructions/byte (filter)" "-" "-" "-" \
		"$(ipb "$i_boil") (cachegrind, $BENCH_IPB_MB MB, start-up of $i_start instructions left out)"
	row "instructions/byte (--rules-only)" "-" "-" "-" "$(ipb "$i_rules")"
	row "instructions/byte (two threads)" "-" "-" "-" \
		"$(ipb "$i_two") (both threads together: the filter's, with the hand-off)"
fi

# ---- start-up ----------------------------------------------------------------
if [ "$have_hyperfine" = yes ]; then
	log "start-up: boiloff and cat on empty input, $BENCH_START_RUNS runs each"
	# -N: no shell; hyperfine gives the commands /dev/null as input.
	hyperfine -N --style none --warmup 20 --runs "$BENCH_START_RUNS" \
		--export-csv "$tmp/start.csv" cat "$BOILOFF" > /dev/null 2>&1 ||
		die "hyperfine failed on the start-up test"
	s_cat=$(awk -F, 'NR == 2 { print $2 }' "$tmp/start.csv")
	s_boil=$(awk -F, 'NR == 3 { print $2 }' "$tmp/start.csv")
	row "start-up: cat < /dev/null" "$s_cat" "-" "-" \
		"$(awk -v a="$s_cat" 'BEGIN { printf "%.1f ms", a * 1000 }'), mean of $BENCH_START_RUNS runs"
	row "start-up: boiloff < /dev/null" "$s_boil" "-" "-" \
		"$(awk -v a="$s_boil" -v b="$s_cat" 'BEGIN { printf "%.1f ms, %+.1f ms vs cat", a * 1000, (a - b) * 1000 }')"
fi

# ---- batch mode ----------------------------------------------------------------
if [ "$have_batch" = yes ]; then
	# A tree of the corpus's pages, copied until it holds about BENCH_MB/2 MB.
	copies=$(( (BENCH_MB * 500000 + base_bytes - 1) / base_bytes ))
	tree=$data/tree-$copies
	if [ ! -d "$tree" ]; then
		log "building $tree ($copies copies of the corpus's pages)"
		rm -rf "$tree.tmp"
		i=1
		while [ "$i" -le "$copies" ]; do
			mkdir -p "$tree.tmp/$i"
			(cd "$EVAL_DIR" && find . -type f -name '*.txt' ! -name '*.gold.txt' -print0 |
				cpio -0 -pdm --quiet "$tree.tmp/$i" 2> /dev/null) ||
			(cd "$EVAL_DIR" && find . -type f -name '*.txt' ! -name '*.gold.txt' |
				while IFS= read -r f; do
					mkdir -p "$tree.tmp/$i/$(dirname "$f")"
					cp "$f" "$tree.tmp/$i/$f"
				done)
			i=$((i + 1))
		done
		mv "$tree.tmp" "$tree"
	fi
	tbytes=$(find "$tree" -type f -name '*.txt' -exec cat {} + | wc -c)
	tfiles=$(find "$tree" -type f -name '*.txt' | wc -l)
	tmb=$(awk -v b="$tbytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	log "batch: $tfiles files, $tmb MB, -j1 and -j2"
	q=$(printf '%s' "$tree" | sed "s/'/'\\\\''/g")
	o=$(printf '%s' "$outdir/out" | sed "s/'/'\\\\''/g")
	t_j1=$(median_time j1 "\"\$BOILOFF\" -q -r -j 1 '$q' -o '$o'" "rm -rf '$o'")
	t_j2=$(median_time j2 "\"\$BOILOFF\" -q -r -j 2 '$q' -o '$o'" "rm -rf '$o'")
	rm -rf "$outdir/out"
	r_j2=$(peak_rss "$BOILOFF" -q -r -j 2 "$tree" -o "$outdir/out" < /dev/null)
	rm -rf "$outdir/out"
	set -- $(bench_copy_cost "$tree" "$outdir")
	row "batch -j1 ($tfiles files)" "$t_j1" "$(rate "$tmb" "$t_j1")" "-" \
		"outputs in $outdir; cp -r of the tree there: $1 s wall, $3 s system"
	row "batch -j2" "$t_j2" "$(rate "$tmb" "$t_j2")" "$r_j2" \
		"$(awk -v a="$t_j1" -v b="$t_j2" 'BEGIN { printf "speed-up %.2f", (b > 0 ? a / b : 0) }')"
else
	row "batch" "-" "-" "-" "n/a (no batch option in --help)"
fi

# ---- bounded memory ---------------------------------------------------------------
# Generated through a pipe; nothing this big is kept on disk.
log "memory: one $BENCH_STREAM_MB MB stream"
smb=$BENCH_STREAM_MB
t0=$(date +%s%N)
r_stream=$( { while cat "$base"; do :; done | head -c $((smb * 1000000)); } |
	peak_rss "$BOILOFF")
t1=$(date +%s%N)
t_stream=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
row "boiloff, one $smb MB stream" "$t_stream" "$(rate "$smb" "$t_stream")" "$r_stream" "1 run, with generator"

log "memory: one $BENCH_LINE_MB MB line"
lmb=$BENCH_LINE_MB
t0=$(date +%s%N)
r_line=$( { { while cat "$base"; do :; done | tr '\n' ' ' | head -c $((lmb * 1000000)); echo; } } |
	peak_rss "$BOILOFF")
t1=$(date +%s%N)
t_line=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
row "boiloff, one $lmb MB line" "$t_line" "$(rate "$lmb" "$t_line")" "$r_line" "1 run, with generator"

# ---- HTML ----------------------------------------------------------------------
if [ "$have_html" = yes ]; then
	html=$data/html
	if [ ! -d "$html" ]; then
		log "decompressing the corpus's .html.gz into $html"
		rm -rf "$html.tmp"
		(cd "$EVAL_DIR" && find . -type f -name '*.html.gz' | sort) |
			while IFS= read -r f; do
				mkdir -p "$html.tmp/$(dirname "$f")"
				gzip -dc "$EVAL_DIR/$f" > "$html.tmp/${f%.gz}"
			done
		mv "$html.tmp" "$html"
	fi
	hbytes=$(find "$html" -type f -name '*.html' -exec cat {} + | wc -c)
	hfiles=$(find "$html" -type f -name '*.html' | wc -l)
	hmb=$(awk -v b="$hbytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	log "html: $hfiles pages, $hmb MB"
	find "$html" -type f -name '*.html' | sort > "$tmp/html.list"
	l=$(printf '%s' "$tmp/html.list" | sed "s/'/'\\\\''/g")
	q=$(printf '%s' "$html" | sed "s/'/'\\\\''/g")
	o=$(printf '%s' "$outdir/hout" | sed "s/'/'\\\\''/g")
	# One process over all the pages on both sides (xargs hands xmllint
	# the whole list; boiloff walks the tree in batch mode, one worker), so
	# neither pays a process start per page.  Without batch mode boiloff
	# runs once per page and so does xmllint.
	if [ "$have_batch" = yes ]; then
		# CPU times, medians of BENCH_RUNS runs: the floor is libxml2's
		# push parser alone (tools/html-push-null), over the same files.
		xml_cmd="tr '\\n' '\\0' < '$l' | xargs -0 xmllint --html --noout 2> /dev/null || true"
		c_xml=$(median_cpu "$xml_cmd")
		c_push=
		if [ -n "$HTML_PUSH_NULL" ] && [ -x "$HTML_PUSH_NULL" ]; then
			c_push=$(median_cpu "'$HTML_PUSH_NULL' < '$l'")
		fi
		# The pages as FILE operands of one process, outputs to /dev/null
		# as the parser's are nowhere: HTML's own cost, against the parser
		# in interleaved pairs too (separate medians of a few runs move by
		# a third on these machines).
		files_cmd="tr '\\n' '\\0' < '$l' | xargs -0 \"\$BOILOFF\" --html > /dev/null || true"
		c_bf=$(median_cpu "$files_cmd")
		pairs=
		if [ -n "$c_push" ]; then
			log "html: boiloff against the push parser, $BENCH_PAIRS interleaved pairs"
			set -- $(paired_ratio "$files_cmd" "'$HTML_PUSH_NULL' < '$l'")
			pairs="${1}x push parser (quartiles $2-$3), "
		fi
		log "html: boiloff against xmllint, $BENCH_PAIRS interleaved pairs"
		set -- $(paired_ratio "$files_cmd" "$xml_cmd")
		pairs="${pairs}${1}x xmllint (quartiles $2-$3)"
		# Batch mode (outputs written to files, as a crawl's are), cleaning
		# alone (one pass) and as it comes, whose site learning reads every
		# page once more first.
		c_bh=$(median_cpu "\"\$BOILOFF\" -q -r -j 1 --html --no-site-learning --include '*.html' '$q' -o '$o' || true" "rm -rf '$o'")
		c_bs=$(median_cpu "\"\$BOILOFF\" -q -r -j 1 --html --include '*.html' '$q' -o '$o' || true" "rm -rf '$o'")
		rm -rf "$outdir/hout"
		ratios() { # CPU_SECONDS
			awk -v a="$1" -v x="$c_xml" -v p="${c_push:-0}" 'BEGIN {
				if (p > 0) printf "%.2fx push parser, ", a / p
				printf "%.2fx xmllint (CPU)", (x > 0 ? a / x : 0) }'
		}
		row "xmllint --html --noout" "$c_xml" "$(rate "$hmb" "$c_xml")" "-" "$hfiles pages, one process; CPU s"
		[ -z "$c_push" ] ||
			row "libxml2 push parser, no-op SAX" "$c_push" "$(rate "$hmb" "$c_push")" "-" "tools/html-push-null; CPU s"
		row "boiloff --html FILE..." "$c_bf" "$(rate "$hmb" "$c_bf")" "-" \
			"one process, to /dev/null: $(ratios "$c_bf"); pairs: $pairs"
		row "boiloff --html (1 pass)" "$c_bh" "$(rate "$hmb" "$c_bh")" "-" "batch -j1 --no-site-learning: $(ratios "$c_bh")"
		row "boiloff --html (batch)" "$c_bs" "$(rate "$hmb" "$c_bs")" "-" "batch -j1, site learning: $(ratios "$c_bs")"
	else
		# Process start-up dominates here: time the first 300 pages only.
		head -n 300 "$tmp/html.list" > "$tmp/html.sub"
		mv "$tmp/html.sub" "$tmp/html.list"
		hfiles=$(wc -l < "$tmp/html.list")
		hmb=$(tr '\n' '\0' < "$tmp/html.list" | xargs -0 cat | wc -c |
			awk '{ printf "%.1f", $1 / 1e6 }')
		t_xml=$(median_time xmllint "while IFS= read -r f; do xmllint --html --noout \"\$f\" 2> /dev/null; done < '$l'")
		t_bh=$(median_time boiloff-html "while IFS= read -r f; do \"\$BOILOFF\" --html < \"\$f\" > /dev/null; done < '$l'")
		rm -rf "$outdir/hout"
		row "xmllint --html --noout" "$t_xml" "$(rate "$hmb" "$t_xml")" "-" "$hfiles pages, one process per page"
		row "boiloff --html" "$t_bh" "$(rate "$hmb" "$t_bh")" "-" \
			"$(awk -v a="$t_bh" -v b="$t_xml" 'BEGIN { printf "%.2fx xmllint time", (b > 0 ? a / b : 0) }')"
	fi
else
	row "boiloff --html" "-" "-" "-" "n/a (no --html in --help)"
fi

# ---- records: WET and WARC against the plain filter --------------------
# The dev pages once as a WET file (.txt) and a WARC file (.html.gz), one
# gzip member per record (tools/corpus-to-warc), and the same pages
# concatenated.  WET: CPU time of the WET file against the plain filter on
# the same text (one stream).  WARC: against the same HTML pages given as
# files to one process (--html).  Speed ratios are plain/records, from
# interleaved pairs like the model's.  Memory: BENCH_WARC_MB MB of
# warc.gz (the WARC file repeated) through a pipe.
have_records=no
case $help in *--warc*) have_records=yes ;; esac
command -v perl > /dev/null 2>&1 || have_records=no
if [ "$have_records" = yes ]; then
	towarc=$(cd "$(dirname "$0")/.." && pwd)/tools/corpus-to-warc
	wet=$data/dev.warc.wet.gz
	warc=$data/dev.warc.gz
	[ -s "$wet" ] || { log "building $wet"; perl "$towarc" wet "$EVAL_DIR" "$wet"; }
	[ -s "$warc" ] || { log "building $warc"; perl "$towarc" warc "$EVAL_DIR" "$warc"; }
	log "records: WET vs plain text, WARC vs HTML files: $BENCH_PAIRS interleaved pairs each"
	w=$(printf '%s' "$wet" | sed "s/'/'\\\\''/g")
	a=$(printf '%s' "$warc" | sed "s/'/'\\\\''/g")
	wmb=$(wc -c < "$wet.plain" | awk '{ printf "%.1f", $1 / 1e6 }')
	amb=$(wc -c < "$warc.plain" | awk '{ printf "%.1f", $1 / 1e6 }')
	# the HTML pages as files (the HTML section's tree, or decompressed here)
	hdir=$data/html
	if [ ! -d "$hdir" ]; then
		rm -rf "$hdir.tmp"
		(cd "$EVAL_DIR" && find . -type f -name '*.html.gz' | sort) |
			while IFS= read -r f; do
				mkdir -p "$hdir.tmp/$(dirname "$f")"
				gzip -dc "$EVAL_DIR/$f" > "$hdir.tmp/${f%.gz}"
			done
		mv "$hdir.tmp" "$hdir"
	fi
	(cd "$hdir" && find . -type f -name '*.html' | LC_ALL=C sort | sed "s|^\./|$hdir/|") > "$tmp/hlist"
	hl=$(printf '%s' "$tmp/hlist" | sed "s/'/'\\\\''/g")
	# CPU time on one thread each: what reading records costs.
	set -- $(paired_ratio "\"\$BOILOFF\" -j1 --text '$w.plain' > /dev/null" "\"\$BOILOFF\" -j1 '$w' > /dev/null")
	row "boiloff WET file ($wmb MB text)" "-" "-" "-" \
		"${1}x the plain filter's speed on the same text, one thread each (pairs: quartiles $2-$3)"
	set -- $(paired_ratio "tr '\\n' '\\0' < '$hl' | xargs -0 \"\$BOILOFF\" --html > /dev/null" \
		"\"\$BOILOFF\" -j1 '$a' > /dev/null")
	row "boiloff WARC file ($amb MB HTML)" "-" "-" "-" \
		"${1}x the speed of the same pages as HTML files, one thread each (pairs: quartiles $2-$3)"
	# Wall time: a file's records on the workers -j allows, against -j1.
	t_wet1=$(median_time wet1 "\"\$BOILOFF\" -j1 '$w' > /dev/null")
	t_wet=$(median_time wet "\"\$BOILOFF\" '$w' > /dev/null")
	row "boiloff WET file, -j1" "$t_wet1" "$(rate "$wmb" "$t_wet1")" "-" "one thread"
	row "boiloff WET file" "$t_wet" "$(rate "$wmb" "$t_wet")" "-" \
		"$(awk -v a="$t_wet1" -v b="$t_wet" -v j="$(nproc 2>/dev/null || echo '?')" 'BEGIN { printf "records on %s workers: %.2fx -j1", j, (b > 0 ? a / b : 0) }')"
	t_warc1=$(median_time warc1 "\"\$BOILOFF\" -j1 '$a' > /dev/null")
	t_warcj=$(median_time warcj "\"\$BOILOFF\" '$a' > /dev/null")
	row "boiloff WARC file, -j1" "$t_warc1" "$(rate "$amb" "$t_warc1")" "-" "one thread"
	row "boiloff WARC file" "$t_warcj" "$(rate "$amb" "$t_warcj")" "-" \
		"$(awk -v a="$t_warc1" -v b="$t_warcj" -v j="$(nproc 2>/dev/null || echo '?')" 'BEGIN { printf "records on %s workers: %.2fx -j1", j, (b > 0 ? a / b : 0) }')"
	log "memory: $BENCH_WARC_MB MB of warc.gz through a pipe"
	copies=$(( (BENCH_WARC_MB * 1000000 + $(wc -c < "$warc") - 1) / $(wc -c < "$warc") ))
	t0=$(date +%s%N)
	r_warc=$( { i=0; while [ "$i" -lt "$copies" ]; do cat "$warc"; i=$((i + 1)); done; } |
		peak_rss "$BOILOFF" --warc)
	t1=$(date +%s%N)
	t_warc=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	row "boiloff, $BENCH_WARC_MB MB warc.gz" "$t_warc" "-" "$r_warc" \
		"$copies copies of the dev WARC ($(awk -v m="$amb" -v c="$copies" 'BEGIN { printf "%.0f", m * c }') MB HTML), 1 run"
else
	row "boiloff WET/WARC" "-" "-" "-" "n/a (no --warc in --help, or no perl)"
fi

# ---- the table ---------------------------------------------------------------------
{
	version=$("$BOILOFF" --version < /dev/null 2> /dev/null | head -n 1) || version=
	echo "make bench: ${version:-boiloff (no --version output)}"
	echo "machine: $(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), $(nproc 2>/dev/null || echo '?') cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "corpus: $mb MB of scraped text (the dev corpus's pages repeated); medians of $BENCH_RUNS runs; MB = 10^6 bytes"
	# Rows that need a tool this machine lacks are left out: say which.
	missing=
	[ "$have_hyperfine" = yes ] || missing="$missing hyperfine (start-up; medians by time instead)"
	command -v valgrind > /dev/null 2>&1 || missing="$missing valgrind (instructions per byte)"
	command -v xmllint > /dev/null 2>&1 || missing="$missing xmllint, package libxml2-utils (HTML)"
	[ -z "$missing" ] || echo "not installed, rows left out:$missing"
	echo
	awk -F '\t' 'BEGIN { printf "%-30s %9s %9s %12s  %s\n", "command", "time s", "MB/s", "peak RSS MB", "note" }
		{ printf "%-30s %9s %9s %12s  %s\n", $1, $2 == "-" ? "-" : sprintf("%.2f", $2), $3, $4, $5 }' "$rows"
} > "$tmp/table"
cat "$tmp/table"
cp "$tmp/table" "$data/bench-results.txt"
