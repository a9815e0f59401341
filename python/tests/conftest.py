"""Shared helpers: the built command (BOILOFF) and the fixtures (FIXTURES),
as make check exports them."""
import glob
import os
import subprocess

import pytest

BOILOFF = os.environ.get("BOILOFF", "boiloff")
FIXTURES = os.environ.get("FIXTURES", os.path.join(os.path.dirname(__file__),
                                                   "..", "..", "fixtures"))


def fixture_pages(*patterns):
    out = []
    for p in patterns:
        out.extend(sorted(glob.glob(os.path.join(FIXTURES, p))))
    return out


def cli(*args, input=None, check=True):
    """The command's stdout (bytes)."""
    r = subprocess.run([BOILOFF, *args], input=input, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if check and r.returncode != 0:
        raise AssertionError("boiloff %s: exit %d: %s"
                             % (" ".join(args), r.returncode, r.stderr.decode()))
    return r.stdout


@pytest.fixture(scope="session")
def fixtures_dir():
    return FIXTURES
