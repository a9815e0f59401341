#!/bin/sh
# seed-corpus.sh EVAL_DIR OUT [PAGES]: seeds the fuzz corpora OUT/<target>/
# from real pages of EVAL_DIR (<set>/<id>.txt and <id>.html.gz), so that
# the fuzzer starts from what boiloff meets, not from what it can guess.
# Each seed is a page's first 8-64 KiB behind the target's option bytes
# (see the top of tests/fuzz/fuzz_<target>.c), varied with the page number
# so that flags, charsets, chunk seeds and stops are spread over the corpus.
set -eu
eval_dir=$1 out=$2 pages=${3:-300}
test -d "$eval_dir" || { echo "seed-corpus.sh: no $eval_dir" >&2; exit 1; }
for t in decode text pipeline html profile; do mkdir -p "$out/$t"; done

# A byte as a printf octal escape.
oct() { printf '\\%03o' $(($1 & 255)); }

n=0
# Every k-th page of the sorted list, for a spread over the four sets.
total=$(ls "$eval_dir"/*/*.txt | grep -vc '\.gold\.txt$')
step=$((total / pages)); test "$step" -ge 1 || step=1
ls "$eval_dir"/*/*.txt | grep -v '\.gold\.txt$' | LC_ALL=C sort |
awk -v s="$step" 'NR % s == 0' | head -n "$pages" |
while read -r txt; do
  n=$((n + 1))
  html=${txt%.txt}.html.gz
  kb=$(( (8 << (n % 4)) ))            # 8, 16, 32 or 64 KiB
  size=$((kb * 1024))
  name=dev-$(printf '%04d' "$n")
  a=$((n * 37)) b=$((n * 101 + 7))
  # decode: [0] flags/charset/padding, [1] chunk seed
  { printf "$(oct $a)$(oct $b)"; head -c "$size" "$txt"; } > "$out/decode/$name-txt"
  # text: [0] flags and line cap, [1] chunk seed
  { printf "$(oct $a)$(oct $b)"; head -c "$size" "$txt"; } > "$out/text/$name"
  # profile: [0] chunk seed
  { printf "$(oct $b)"; head -c "$size" "$txt"; } > "$out/profile/$name"
  test -f "$html" || continue
  # html: [0] flags and charset, [1] chunk seed, [2] stop after N
  { printf "$(oct $((a & 0x6F)))$(oct $b)$(oct $n)"; gzip -dc "$html" | head -c "$size"; } \
    > "$out/html/$name"
  { printf "$(oct $a)$(oct $b)"; gzip -dc "$html" | head -c "$size"; } > "$out/decode/$name-html"
  # pipeline: [0] flags (HTML on, TEXT off, known bits), [1] charset and
  # bias, [2] line cap, [3] chunk seed, [4] stop, [5] no size limit;
  # every other page goes in as text.
  if test $((n % 2)) = 0; then
    { printf "$(oct $(( (a & 0x73) | 0x04 )))$(oct $((b & 0x7C)))$(oct $n)$(oct $b)$(oct $a)\\000"
      gzip -dc "$html" | head -c "$size"; } > "$out/pipeline/$name"
  else
    { printf "$(oct $(( (a & 0x73) | 0x08 )))$(oct $((b & 0x7C)))$(oct $n)$(oct $b)$(oct $a)\\000"
      head -c "$size" "$txt"; } > "$out/pipeline/$name"
  fi
done
for t in decode text pipeline html profile; do
  echo "seed-corpus.sh: $t: $(ls "$out/$t" | wc -l) seeds"
done
