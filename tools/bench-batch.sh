#!/bin/sh
# tools/bench-batch.sh - `make bench-batch` (and `make bench`): batch mode on a tree of $BENCH_FILES files
# (default 20000) made from the development corpus, several pages per site
# ($BENCH_SITE_PAGES, default 5), cleaned with -j1 and with -j2 in turn
# ($BENCH_BATCH_RUNS times, default 3); checks that the outputs are
# identical and prints the fastest times and the speed-up.  Outputs go to
# BENCH_OUT_DIR (default /dev/shm; see tools/bench-outdir.sh).
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=$here/../boiloff}"
: "${EVAL_DIR:=$here/../../shared/eval/dev}"
: "${BENCH_FILES:=20000}"
: "${BENCH_SITE_PAGES:=5}"
: "${BENCH_ARGS:=}"

if ! ls "$EVAL_DIR"/*/*.txt >/dev/null 2>&1; then
  echo "bench: no corpus in $EVAL_DIR (set EVAL_DIR)" >&2
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/bench-outdir.sh"
outdir=$(bench_outdir "$tmp")
trap 'rm -rf "$tmp" "$outdir"' EXIT

# The pages (not the gold files), repeated up to BENCH_FILES, grouped into
# sites of BENCH_SITE_PAGES pages; hard links when possible.
ls "$EVAL_DIR"/*/*.txt | grep -v '\.gold\.txt$' >"$tmp/list"
awk -v n="$BENCH_FILES" -v per="$BENCH_SITE_PAGES" -v root="$tmp/tree" '
  { f[NR] = $0 }
  END {
    for (i = 0; i < n; i++) {
      site = sprintf("%s/site%05d", root, int(i / per))
      if (i % per == 0) print "mkdir -p \"" site "\""
      printf "ln \"%s\" \"%s/page%d.txt\" 2>/dev/null || cp \"%s\" \"%s/page%d.txt\"\n",
        f[i % NR + 1], site, i % per, f[i % NR + 1], site, i % per
    }
  }' "$tmp/list" | sh
bytes=$(find "$tmp/tree" -type f -name '*.txt' -exec cat {} + | wc -c)
echo "bench: $BENCH_FILES files, $((bytes / 1000000)) MB, $BENCH_SITE_PAGES pages per site"

# Wall and CPU seconds of each run (GNU time when present); the load
# average is printed too, as other processes skew wall times.
timed() { # OUT_FILE COMMAND...
  out=$1
  shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S' -o "$out" "$@"
  else
    t0=$(date +%s.%N)
    "$@"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a, 0, 0 }' >"$out"
  fi
}
# -j1 and -j2 in turn, BENCH_BATCH_RUNS times (default 3): the fastest
# wall time of each, as one slow run (the machine, or the file system
# still writing back the run before) would make the speed-up a guess.
runs=${BENCH_BATCH_RUNS:-3}
r=0
: >"$tmp/t1all"
: >"$tmp/t2all"
while [ "$r" -lt "$runs" ]; do
  r=$((r + 1))
  rm -rf "$outdir/out1" "$outdir/out2"
  timed "$tmp/t1" "$BOILOFF" -q -j1 $BENCH_ARGS -r "$tmp/tree" -o "$outdir/out1"
  timed "$tmp/t2" "$BOILOFF" -q -j2 $BENCH_ARGS -r "$tmp/tree" -o "$outdir/out2"
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$tmp/t1" >>"$tmp/t1all" || true
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$tmp/t2" >>"$tmp/t2all" || true
done
if diff -r "$outdir/out1" "$outdir/out2" >/dev/null; then same=identical; else same=DIFFERENT; fi
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
rm -rf "$outdir/out1" "$outdir/out2"
if [ -x /usr/bin/time ]; then
  set -- $(bench_copy_cost "$tmp/tree" "$outdir")
  echo "bench: outputs in $outdir; cp -r of the tree there: $1 s wall, $3 s system"
fi
{ sort -n "$tmp/t1all" | head -n1; sort -n "$tmp/t2all" | head -n1; } |
awk -v mb="$bytes" -v same="$same" -v loadavg="$load" -v runs="$runs" '
  { w[NR] = $1; c[NR] = $2 + $3 }
  END {
    printf "bench: -j1 %.2f s (%.1f MB/s, %.2f s CPU), -j2 %.2f s (%.1f MB/s, %.2f s CPU), speed-up %.2fx (fastest of %d runs each), outputs %s; load average %s\n",
      w[1], mb / 1e6 / w[1], c[1], w[2], mb / 1e6 / w[2], c[2], w[1] / w[2], runs, same, loadavg
  }'
[ "$same" = identical ]
