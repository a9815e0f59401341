"""boiloff.clean(), blocks() and Cleaner against the command, byte for byte."""
import json
import os
import pickle
import subprocess
import sys
import threading

import pytest

import boiloff
from conftest import cli, fixture_pages

SEEDS = fixture_pages("seeds/*.txt")
GOLDEN = fixture_pages("golden/*.txt")
HTML = fixture_pages("html/*.html")
ENCODINGS = fixture_pages("encodings/*.txt")
QUALITY = fixture_pages("quality/*/*[0-9].txt")
PAGES = SEEDS + GOLDEN + HTML + ENCODINGS


def read(path):
    with open(path, "rb") as f:
        return f.read()


def test_fixtures_found():
    assert len(SEEDS) == 2 and len(GOLDEN) >= 7 and HTML and ENCODINGS


def test_version():
    assert boiloff.__version__ == boiloff.library_version()
    assert boiloff.__version__.count(".") == 2


@pytest.mark.parametrize("path", SEEDS + GOLDEN, ids=os.path.basename)
def test_clean_str_equals_command(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert boiloff.clean(text).encode("utf-8") == cli(path)


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_clean_bytes_equals_command(path):
    out = boiloff.clean(read(path))
    assert isinstance(out, str)
    assert out.encode("utf-8", "surrogateescape") == cli(path)


@pytest.mark.parametrize("path", SEEDS + GOLDEN + HTML, ids=os.path.basename)
def test_one_byte_chunks_equal_whole_page(path):
    data = read(path)
    whole = boiloff.clean(data)
    with boiloff.Cleaner() as c:
        parts = [c.feed(data[i:i + 1]) for i in range(len(data))]
        parts.append(c.finish())
        assert "".join(parts) == whole
        # streaming: text comes out before the end of the page
        if whole.count("\n") > 60:
            assert "".join(parts[:-1])
        # the same cleaner takes the next page
        assert c.clean(data) == whole


def test_options_equal_command_flags():
    page = SEEDS[0]
    data = read(page)
    cases = [
        (dict(bias=-1.0), ["--bias=-1"]),
        (dict(bias=0.5), ["--favor-recall"]),
        (dict(keep_comments=True), ["--keep-comments"]),
        (dict(rules_only=True), ["--rules-only"]),
        (dict(smooth=False), ["--no-smooth"]),
        (dict(html=False), ["--text"]),
        (dict(repair=False), ["--no-repair"]),
        (dict(from_code="UTF-8"), ["--from-code=UTF-8"]),
        (dict(max_line_bytes=100), ["--max-line=100"]),
    ]
    for kw, flags in cases:
        assert boiloff.clean(data, **kw).encode() == cli(*flags, page), flags
    for page in HTML:
        assert boiloff.clean(read(page), html=True).encode() == cli("--html", page)


def test_long_lines_continued_pieces():
    # pieces of an over-long line: the text output joins them as the command
    data = b"".join(b"word%d " % i for i in range(4000)) + b"\nTail line here.\n"
    out = boiloff.clean(data, max_line_bytes=1000)
    assert out.encode() == cli("--max-line=1000", input=data)
    bl = list(boiloff.blocks(data, max_line_bytes=1000))
    assert any(b.continued for b in bl)


@pytest.mark.parametrize("path", SEEDS + HTML, ids=os.path.basename)
def test_blocks_equal_command_jsonl(path):
    want = [json.loads(l) for l in cli("--format=jsonl", path).splitlines()]
    got = list(boiloff.blocks(read(path)))
    assert len(got) == len(want)
    for b, w in zip(got, want):
        text, label, rule, score = b  # a 4-tuple
        assert (text, label, rule, b.line) == (w["text"], w["label"], w["rule"], w["line"])
        assert "%.3f" % score == "%.3f" % w["score"]
        assert b.continued == w.get("continued", False)
        assert pickle.loads(pickle.dumps(b)) == b
    kept = "".join(b.text + "\n" for b in got if b.is_content)
    assert kept == boiloff.clean(read(path))


def test_feed_blocks_streams():
    data = read(SEEDS[0])
    c = boiloff.Cleaner()
    got = []
    for i in range(0, len(data), 7):
        got.extend(c.feed_blocks(data[i:i + 7]))
    got.extend(c.finish_blocks())
    assert got == list(boiloff.blocks(data))
    assert c.stats.bytes_in == len(data)
    assert c.stats.blocks_kept == sum(b.is_content for b in got)
    assert c.stats.charset == "UTF-8" and not c.stats.is_html


# ---- errors -----------------------------------------------------------------

def test_binary_input():
    data = bytes(range(256)) * 64
    with pytest.raises(boiloff.BinaryInputError) as e:
        boiloff.clean(data)
    assert e.value.status == 8 and isinstance(e.value, boiloff.Error)
    assert e.value.message == "input looks like binary data"
    assert boiloff.clean(data, allow_binary=True) is not None


def test_library_missing():
    # libxml2 made unloadable (tests/nodlopen.c, preloaded): HTML input is
    # a LibraryError, text still cleaned.  In a child: the load is once
    # per process.
    shim = os.environ.get("BOILOFF_NODLOPEN", "")
    if not os.path.exists(shim):
        pytest.skip("no tests/.libs/libnodlopen.so")
    code = ("import boiloff\n"
            "assert boiloff.clean('Caf&eacute; and an article.\\n') is not None\n"
            "try:\n"
            "    boiloff.clean('<p>An article.</p>', html=True)\n"
            "except boiloff.LibraryError as e:\n"
            "    print(e.status, e.message)\n")
    env = dict(os.environ, LD_PRELOAD=shim, BOILOFF_TEST_NO_DLOPEN="libxml2")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         stdout=subprocess.PIPE).stdout.decode()
    assert out.startswith("12 cannot load a shared library"), out


def test_bad_options():
    for kw in (dict(bias=1.5), dict(bias=float("nan")), dict(html=True, max_line_bytes=-1)):
        with pytest.raises((boiloff.ArgumentError, OverflowError)) as e:
            boiloff.clean("x", **kw)
        if isinstance(e.value, boiloff.Error):
            assert e.value.status == 4 and isinstance(e.value, ValueError)
    with pytest.raises(TypeError):
        boiloff.clean(12)
    with pytest.raises(TypeError):
        boiloff.clean("x", no_such_option=True)


def test_strict_encoding_error_gives_offset():
    data = b"A line of text.\nAnother \xff\xfe line.\n"
    with pytest.raises(boiloff.EncodingError) as e:
        boiloff.clean(data, strict=True, from_code="UTF-8")
    assert e.value.status == 6 and e.value.offset == 24
    r = cli("--strict", "--from-code=UTF-8", input=data, check=False)
    assert r == b""


def test_unknown_charset():
    with pytest.raises(boiloff.CharsetError) as e:
        boiloff.clean(b"text\n", from_code="NO-SUCH-CHARSET")
    assert e.value.status == 5


def test_limit():
    with pytest.raises(boiloff.LimitError):
        boiloff.clean(b"x" * 5000 + b"\n", max_document_bytes=4096)


def test_error_leaves_cleaner_usable():
    data = read(SEEDS[0])
    c = boiloff.Cleaner(strict=True, from_code="UTF-8")
    c.feed(b"some text\n")
    with pytest.raises(boiloff.EncodingError):
        c.feed(b"\xff\xfe\n")
    assert c.clean(data) == boiloff.clean(data)


def test_closed_cleaner():
    c = boiloff.Cleaner()
    c.close()
    with pytest.raises(boiloff.StateError):
        c.feed(b"x")


def test_errors_pickle():
    e = boiloff.EncodingError(6, "invalid byte sequence in input", 12)
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is boiloff.EncodingError and e2.offset == 12


# ---- threads ----------------------------------------------------------------

def test_threads_give_the_same_outputs():
    pages = [read(p) for p in PAGES + QUALITY]
    want = [boiloff.clean(p) for p in pages]
    got = [None] * 4
    errors = []

    def work(k):
        try:
            got[k] = [boiloff.clean(p) for p in (pages[k:] + pages[:k])]
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for k in range(4):
        assert got[k] == want[k:] + want[:k]


def test_one_cleaner_from_two_threads_is_serialised():
    data = read(SEEDS[0])
    want = boiloff.clean(data)
    c = boiloff.Cleaner()
    outs = []

    def work():
        for _ in range(20):
            outs.append(c.clean(data))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outs == [want] * 40
