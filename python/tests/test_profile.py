"""boiloff.Profile: counts, save/load/merge, pickling, use in clean()."""
import glob
import os
import pickle

import pytest

import boiloff
from conftest import cli

FOOTER = "Kestrel Valley Gazette is published by Marlow Press Ltd. for readers everywhere."


def prose(k, n):
    words = ("river council budget school harvest bridge festival library "
             "weather railway orchard museum").split()
    return "".join(
        "The %s of the valley %s met on day %d and the %s was discussed "
        "at length by many residents who came to hear it.\n"
        % (words[(k + i) % 12], words[(k * 7 + i) % 12], k * 10 + i, words[(i * 5 + k) % 12])
        for i in range(n))


@pytest.fixture
def site_tree(tmp_path):
    site = tmp_path / "in" / "kestrel"
    site.mkdir(parents=True)
    for k in range(10):
        (site / ("page%d.txt" % k)).write_text(prose(k, 6) + FOOTER + "\n")
    return tmp_path


def test_counts_and_merge(site_tree, tmp_path):
    pages = sorted((site_tree / "in" / "kestrel").iterdir())
    whole, a, b = boiloff.Profile(), boiloff.Profile(), boiloff.Profile()
    for i, p in enumerate(pages):
        whole.add_page("kestrel", p.read_bytes())
        (a if i < 5 else b).add_page("kestrel", p.read_bytes())
    assert whole.pages("kestrel") == 10 and a.pages("kestrel") == 5
    assert whole.count("kestrel", FOOTER) == 10
    assert whole.count("kestrel", FOOTER.upper() + "  ") == 10  # normalised
    assert whole.count("other", FOOTER) == 0
    merged = boiloff.Profile().merge(b, a)
    assert merged == whole
    for threads in (1, 2, 8):
        assert boiloff.Profile().merge(a, b, threads=threads) == whole
    doubled = boiloff.Profile().merge(a, b)
    assert doubled.merge(a, doubled).count("kestrel", FOOTER) == 30  # 10+5, x2
    path = tmp_path / "p.prof"
    whole.save(path)
    assert boiloff.Profile.load(path) == whole
    assert boiloff.Profile.load(path, path).count("kestrel", FOOTER) == 20
    assert pickle.loads(pickle.dumps(whole)) == whole
    assert whole.to_bytes().startswith(b"boiloff-profile 1\n")


def test_prune(site_tree):
    # Lines on 2 and on 3 of the 10 pages: those on 3 can be furniture.
    pages = [p.read_text() + ("Two of them carry this line, printed by the guild.\n" if i < 2 else "")
             + ("Three of them carry this line, edited by the society.\n" if i < 3 else "")
             for i, p in enumerate(sorted((site_tree / "in" / "kestrel").iterdir()))]
    whole = boiloff.Profile()
    for text in pages:
        whole.add_page("kestrel", text)
    pruned = boiloff.Profile().merge(whole).prune()
    assert pruned.pages("kestrel") == 10
    assert pruned.count("kestrel", FOOTER) == 10
    assert pruned.count("kestrel", "Three of them carry this line, edited by the society.") == 3
    assert whole.count("kestrel", "Two of them carry this line, printed by the guild.") == 2
    assert pruned.count("kestrel", "Two of them carry this line, printed by the guild.") == 0
    assert pruned.count("kestrel", pages[4].splitlines()[0]) == 0
    assert len(pruned.to_bytes()) * 5 < len(whole.to_bytes())
    for text in pages:
        assert (boiloff.clean(text, profile=pruned, site="kestrel")
                == boiloff.clean(text, profile=whole, site="kestrel"))
    assert pruned.prune() is pruned


def test_same_profile_as_command(site_tree, tmp_path):
    prof = tmp_path / "cli.prof"
    cli("-r", str(site_tree / "in"), "-o", str(tmp_path / "out"), "-q",
        "--save-profile=%s" % prof)
    mine = boiloff.Profile()
    for p in sorted((site_tree / "in" / "kestrel").iterdir()):
        mine.add_page("kestrel", p.read_bytes())
    assert mine.to_bytes() == prof.read_bytes()
    page = site_tree / "in" / "kestrel" / "page3.txt"
    out = boiloff.clean(page.read_bytes(), profile=mine, site="kestrel")
    assert FOOTER not in out and FOOTER in boiloff.clean(page.read_bytes())
    assert out.encode() == cli("--profile=%s" % prof, "--site=kestrel", str(page))
    assert out.encode() == (tmp_path / "out" / "kestrel" / "page3.txt").read_bytes()


def test_count_pages_as_command(tmp_path):
    """count_pages counts what batch mode's first pass counts: HTML found by
    itself as rendered lines, text (here in KOI8-R, which decoding would
    change) as its bytes."""
    site = tmp_path / "in" / "kestrel"
    site.mkdir(parents=True)
    pages = []
    for k in range(6):
        html = ("<!DOCTYPE html><html><body>%s<p>%s</p></body></html>"
                % ("".join("<p>%s</p>" % line for line in prose(k, 4).splitlines()),
                   FOOTER)).encode()
        text = ("%d \u0413\u0430\u0437\u0435\u0442\u0430\n" % k).encode("koi8-r") + prose(k, 3).encode()
        pages += [("p%d.html" % k, html), ("t%d.txt" % k, text)]
    for name, data in pages:
        (site / name).write_bytes(data)
    prof = tmp_path / "cli.prof"
    cli("-r", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q",
        "--include=*.html", "--include=*.txt", "--save-profile=%s" % prof)
    mine = boiloff.Profile()
    assert mine.count_pages(("kestrel", data) for _, data in sorted(pages)) == 12
    assert mine.to_bytes() == prof.read_bytes()
    assert mine.count("kestrel", FOOTER) == 6
    # a page the library refuses (here: too long) is not counted
    assert mine.count_pages([("kestrel", pages[0][1])],
                            max_document_bytes=100) == 0
    assert mine.pages("kestrel") == 6 * 2


def test_profile_errors(tmp_path):
    with pytest.raises(boiloff.FileError) as e:
        boiloff.Profile.load(tmp_path / "missing.prof")
    assert e.value.status == 11 and e.value.errno == 2
    assert isinstance(e.value, OSError)
    assert e.value.filename == str(tmp_path / "missing.prof")
    bad = tmp_path / "bad.prof"
    bad.write_text("boiloff-profile 1\nnonsense\n")
    with pytest.raises(boiloff.ProfileError) as e:
        boiloff.Profile.load(bad)
    assert e.value.status == 10
    with pytest.raises(boiloff.FileError):
        boiloff.Profile().save(tmp_path / "no" / "such" / "dir.prof")
    with pytest.raises(boiloff.ArgumentError):
        boiloff.clean("x", profile="not a profile")


def test_renderings_clean_as_the_pages(fixtures_dir):
    # What an HTML page rendered to while it was counted cleans to the
    # page's own output; a text page, or one that failed, has none.
    html = sorted(glob.glob(os.path.join(fixtures_dir, "html", "*.html")))
    text = sorted(glob.glob(os.path.join(fixtures_dir, "seeds", "*.txt")))
    pages = [open(p, "rb").read() for p in html + text] + [bytes(range(256)) * 64]
    renderings = []
    counted = boiloff.Profile().count_pages((("s", d) for d in pages),
                                            renderings=renderings)
    assert len(renderings) == len(pages)
    assert all(r is None for r in renderings[len(html):])
    plain = boiloff.Profile()
    assert plain.count_pages(("s", d) for d in pages) == counted
    with boiloff.Cleaner(profile=plain, site="s") as c:
        for page, r in zip(pages[:len(html)], renderings):
            assert r and c.clean_rendering_bytes(r) == c.clean_bytes(page)
        # bytes that are no rendering, and a rendering for other front-end
        # options, are refused: the caller cleans the page itself
        with pytest.raises(boiloff.ArgumentError):
            c.clean_rendering_bytes(b"<p>not a rendering</p>")
        assert c.clean_bytes(pages[0]) == boiloff.clean(pages[0], profile=plain, site="s").encode()
    with boiloff.Cleaner(max_line_bytes=4096) as c:
        with pytest.raises(boiloff.ArgumentError):
            c.clean_rendering_bytes(renderings[0])
    # made by a counter told the pages are HTML: not for one that detects
    told = []
    boiloff.Profile().count_pages((("s", d) for d in pages[:1]), html=True,
                                  renderings=told)
    assert boiloff.Cleaner(html=True).clean_rendering_bytes(told[0]) == \
        boiloff.Cleaner(html=True).clean_bytes(pages[0])
    with pytest.raises(boiloff.ArgumentError):
        boiloff.Cleaner().clean_rendering_bytes(told[0])
