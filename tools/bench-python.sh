#!/bin/sh
# tools/bench-python.sh - `make bench-python` (and `make bench`): the
# Python module against the command (tools/bench-python.py says what is
# measured).  Skips (77) without the module or the corpus.
set -eu
: "${BOILOFF:?}" "${EVAL_DIR:?}"
py=${BOILOFF_PYTHON:-}
if [ -z "$py" ] || [ "$py" = : ] || [ ! -f "${BOILOFF_PYEXT:-}" ]; then
  echo "bench-python: the Python module is not built" >&2; exit 77
fi
if ! ls "$EVAL_DIR"/*/*.txt >/dev/null 2>&1; then
  echo "bench-python: no corpus in $EVAL_DIR (set EVAL_DIR)" >&2; exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-bench-py.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/boiloff"
cp "$BOILOFF_PYSRC"/boiloff/*.py "$tmp/boiloff/"
cp "$BOILOFF_PYEXT" "$tmp/boiloff/_boiloff.so"
PYTHONPATH=$tmp LD_LIBRARY_PATH=$BOILOFF_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
  "$py" "$(dirname "$0")/bench-python.py" "$BOILOFF" "$EVAL_DIR" "$tmp" "${BENCH_PY_ROUNDS:-3}"
