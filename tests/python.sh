#!/bin/sh
# python.sh - the Python module's tests (python/tests, pytest) against the
# built module and library, not installed ones.  Skips (77) when Python,
# cffi, pytest or the built module is missing, and under the sanitizers
# (an ASan-built library cannot be loaded into an uninstrumented python3).
set -u
: "${BOILOFF:?}" "${FIXTURES:?}"
py=${BOILOFF_PYTHON:-}
if [ -z "$py" ] || [ "$py" = : ]; then
  echo "SKIP: configured without the Python module"; exit 77
fi
if [ -n "${BOILOFF_SANITIZED:-}" ]; then
  echo "SKIP: sanitizer build (python3 cannot load an ASan-built module)"; exit 77
fi
if [ ! -f "${BOILOFF_PYEXT:-}" ]; then
  echo "SKIP: the module was not built (${BOILOFF_PYEXT:-})"; exit 77
fi
if ! "$py" -c 'import cffi, pytest' 2>/dev/null; then
  echo "SKIP: $py lacks cffi or pytest (Debian: python3-cffi python3-pytest)"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# The package as it is installed: the sources and the built extension.
mkdir "$tmp/boiloff"
cp "$BOILOFF_PYSRC"/boiloff/*.py "$tmp/boiloff/" || exit 99
cp "$BOILOFF_PYEXT" "$tmp/boiloff/_boiloff.so" || exit 99
PYTHONPATH=$tmp${PYTHONPATH:+:$PYTHONPATH}
LD_LIBRARY_PATH=$BOILOFF_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH LD_LIBRARY_PATH PYTHONDONTWRITEBYTECODE
cd "$tmp" || exit 99
exec "$py" -m pytest -p no:cacheprovider -q -rfEs -W ignore::DeprecationWarning "$BOILOFF_PYSRC/tests"
