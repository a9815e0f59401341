#!/bin/sh
# seeds.sh - the user's two sample pages through the command, against
# fixtures/seeds/seeds.spec (format in its header): every check must pass.
set -eu
: "${BOILOFF:?}" "${FIXTURES:?}"
spec="$FIXTURES/seeds/seeds.spec"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
tab=$(printf '\t')
while IFS="$tab" read -r file check text; do
  case "$file" in '' | '#'*) continue ;; esac
  out="$tmp/$file.out"
  if [ ! -e "$out" ]; then
    "$BOILOFF" < "$FIXTURES/seeds/$file" > "$out"
  fi
  n=$(grep -F -o -- "$text" "$out" | wc -l)
  case "$check" in
    keep) [ "$n" -ge 1 ] && ok=1 || ok=0 ;;
    once) [ "$n" -eq 1 ] && ok=1 || ok=0 ;;
    drop) [ "$n" -eq 0 ] && ok=1 || ok=0 ;;
    drop-line)
      m=$(sed 's/^[[:space:]]*//;s/[[:space:]]*$//' "$out" | grep -F -x -c -- "$text" || true)
      [ "$m" -eq 0 ] && ok=1 || ok=0 ;;
    *) echo "unknown check '$check'"; ok=0 ;;
  esac
  if [ "$ok" = 1 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $file $check: $text"
  fi
done < "$spec"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -eq 36 ]
