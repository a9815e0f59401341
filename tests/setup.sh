# tests/setup.sh - sourced by the shell tests (cli.sh, batch.sh, ...):
# strict mode, the C locale, a scratch directory removed on exit, and small
# helpers that count results.  Each script ends with `finish`, which prints
# "N passed, N failed" and sets the exit status (77 = skipped).
set -eu
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=$here/../boiloff}"
: "${FIXTURES:=$here/../fixtures}"
# Optional wrapper, e.g. VALGRIND='valgrind -q --error-exitcode=99'.
: "${VALGRIND:=}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-test.XXXXXX")
cleanup() {
  chmod -R u+rwx "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0
skipped=0
pending=0

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
skip() { skipped=$((skipped + 1)); echo "skip - $1"; }

# run CMD...: runs boiloff with CMD as arguments; stdin is inherited.
# Sets $rc; stdout in $tmp/out, stderr in $tmp/err.
run() {
  set +e
  $VALGRIND "$BOILOFF" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set -e
}

# run_between_passes SETTING... -- ARG...: as run, with what can befall
# batch mode's passes made to happen (tests/between_passes.c, preloaded;
# each SETTING is one of its VARIABLE=VALUE).  Returns 1, and runs
# nothing, without the shim or under valgrind.
: "${BOILOFF_BETWEEN:=$(dirname "$BOILOFF")/tests/.libs/libbetweenpasses.so}"
run_between_passes() {
  [ -f "$BOILOFF_BETWEEN" ] && [ -z "$VALGRIND" ] || return 1
  set +e
  (
    while [ "$1" != -- ]; do
      export "${1?run_between_passes: no --}"
      shift
    done
    shift
    # The shim comes first in the preload list, before a sanitizer's runtime.
    ASAN_OPTIONS=verify_asan_link_order=0:${ASAN_OPTIONS:-} \
      LD_PRELOAD="$BOILOFF_BETWEEN" exec "$BOILOFF" "$@"
  ) >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set -e
}

# check NAME CONDITION...: passes when the command CONDITION succeeds.
check() {
  name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}

# pending WHY NAME CONDITION...: a check of a feature whose library part
# has not landed yet (WHY says which).  It passes when CONDITION succeeds;
# otherwise it is listed as pending, not failed.  Turn it into `check`
# once the library part is in.
pending() {
  why=$1
  name=$2
  shift 2
  if "$@"; then pass "$name"; else
    pending=$((pending + 1))
    echo "pending - $name (needs $why)"
  fi
}

# expect_rc NAME WANT: the last run's exit status.
expect_rc() {
  if [ "$rc" = "$2" ]; then pass "$1: exit $2"; else
    fail "$1: exit $rc, want $2"
    sed 's/^/  stderr: /' "$tmp/err" | head -5
  fi
}

# expect_err NAME LINE...: the last run's stderr is exactly these lines.
expect_err() {
  name=$1
  shift
  printf '%s\n' "$@" >"$tmp/want_err"
  if cmp -s "$tmp/want_err" "$tmp/err"; then pass "$name: stderr"; else
    fail "$name: stderr"
    diff "$tmp/want_err" "$tmp/err" | sed 's/^/  /' | head -10
  fi
}

# expect_no_err NAME: nothing on stderr.
expect_no_err() {
  if [ ! -s "$tmp/err" ]; then pass "$1: no stderr"; else
    fail "$1: unexpected stderr"
    sed 's/^/  /' "$tmp/err" | head -5
  fi
}

# Root reads and writes everything: permission tests run the command as
# nobody through setpriv when we are root, and are skipped when neither
# works.  as_user CMD... runs CMD unprivileged.
unprivileged=no
if [ "$(id -u)" != 0 ]; then
  unprivileged=yes
  as_user() { "$@"; }
elif command -v setpriv >/dev/null 2>&1 &&
  setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  unprivileged=yes
  as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
  chmod 755 "$tmp"
fi

# run_user CMD...: like run, as an unprivileged user.
run_user() {
  set +e
  as_user $VALGRIND "$BOILOFF" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set -e
}

finish() {
  if [ "$skipped" -ne 0 ]; then echo "($skipped checks skipped)"; fi
  if [ "$pending" -ne 0 ]; then echo "($pending checks pending)"; fi
  echo "$passed passed, $failed failed"
  if [ "$failed" -ne 0 ]; then exit 1; fi
  exit 0
}

# Sample pages, generated so that the tests do not depend on fixtures.
# prose SEED N: N lines of varied article sentences (awk's rand, seeded).
prose() {
  awk -v seed="$1" -v n="$2" 'BEGIN {
    srand(seed)
    split("council,committee,harbour board,school,hospital,library,museum,fire service,railway company,water authority", who, ",")
    split("Ashford,Brampton,Carlisle,Dunmore,Elmswell,Fenwick,Glenrowan,Harwood,Ivybridge,Jarrow,Kelso,Lydford", town, ",")
    split("approved a plan to rebuild,voted against the sale of,announced new funding for,promised to repair,opened an inquiry into,delayed the opening of,published a report on,agreed to expand", act, ",")
    split("the old stone bridge,the market square,the flood defences,the northern road,the children'"'"'s ward,the reading rooms,the east wing,the harbour wall", obj, ",")
    split("residents,shopkeepers,teachers,engineers,farmers,nurses,parents,fishermen", ppl, ",")
    split("welcomed the decision,worried about the cost,asked for more time,doubted the figures,praised the volunteers,complained about the noise", says, ",")
    for (i = 0; i < n; i++) {
      printf "The %s of %s %s %s on %s, and %s said they %s, although the work will take %s.\n",
        who[int(rand() * 10) + 1], town[int(rand() * 12) + 1], act[int(rand() * 8) + 1],
        obj[int(rand() * 8) + 1], (rand() < 0.5 ? "Monday" : "Thursday"),
        ppl[int(rand() * 8) + 1], says[int(rand() * 6) + 1],
        (rand() < 0.5 ? "most of the summer" : "several months")
    }
  }'
}

# make_page FILE N: an article of N paragraphs between menus and a footer.
make_page() {
  {
    printf 'Home\nWorld\nBusiness\nShare\n'
    prose "$(printf '%s' "$1" | cksum | cut -d' ' -f1)" "$2"
    printf 'Read More\nCopyright 2024 Example News. All rights reserved.\n'
  } >"$1"
}
