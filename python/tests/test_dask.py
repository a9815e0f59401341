"""python3 -m boiloff.dask on a LocalCluster of 2 workers: the outputs of
'boiloff -r' byte for byte, site learning included."""
import errno
import itertools
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

import boiloff
from conftest import BOILOFF, FIXTURES

distributed = pytest.importorskip("distributed")
import boiloff.dask as bdask  # noqa: E402

FOOTER = "Kestrel Valley Gazette is published by Marlow Press Ltd. for readers everywhere."


def make_tree(root):
    """The fixture pages as a crawl: one directory per site, plus a site
    whose pages share a footer only site learning removes, a failed page,
    and files that are not included."""
    for sub in ("quality", "golden", "seeds", "html", "encodings"):
        shutil.copytree(os.path.join(FIXTURES, sub), os.path.join(root, sub))
    site = os.path.join(root, "kestrel", "news")
    os.makedirs(site)
    for k in range(8):
        with open(os.path.join(site, "p%d.txt" % k), "w") as f:
            for i in range(6):
                f.write("Item %d of day %d: the valley council met and the residents "
                        "talked about the bridge, the school and the railway.\n"
                        % (i, k * 6 + i))
            f.write(FOOTER + "\n")
    # HTML pages whose shared footer only site learning removes, found to
    # be HTML by both passes whether or not html=True says so.
    site = os.path.join(root, "kestrel-html")
    os.makedirs(site)
    for k in range(8):
        with open(os.path.join(site, "p%d.html" % k), "w") as f:
            f.write("<!DOCTYPE html><html><body>")
            for i in range(6):
                f.write("<p>Item %d of day %d: the valley council met and the "
                        "residents talked about the bridge and the school.</p>"
                        % (i, k * 6 + i))
            f.write("<p>%s</p></body></html>" % FOOTER)
    with open(os.path.join(root, "kestrel", "broken.txt"), "wb") as f:
        f.write(bytes(range(256)) * 64)
    with open(os.path.join(root, "kestrel", ".hidden.txt"), "w") as f:
        f.write("not matched by *.txt\n")


def tree_files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.mark.parametrize("flags,kw", [
    ([], {}),
    (["--include=*.txt", "--include=*.html", "--site-depth=2"],
     dict(includes=["*.txt", "*.html"], site_depth=2)),
    (["--no-site-learning", "--bias=-0.5"], dict(site_learning=False, bias=-0.5)),
    (["--html", "--include=*.html"], dict(html=True, includes=["*.html"])),
    (["--include=*.txt", "--include=*.html"],
     dict(includes=["*.txt", "*.html"], parse_twice=True)),
])
def test_dask_equals_batch(tmp_path, client, flags, kw):
    tree = str(tmp_path / "in")
    make_tree(tree)
    r = subprocess.run([BOILOFF, "-r", "-q", "-j2", *flags, tree, "-o", str(tmp_path / "cli")],
                       stderr=subprocess.PIPE)
    summary = bdask.run(tree, str(tmp_path / "dask"), client=client,
                        batch_files=5, **kw)
    want, got = tree_files(tmp_path / "cli"), tree_files(tmp_path / "dask")
    n_html = sum(f.endswith(".html") for _, _, fs in os.walk(tree) for f in fs)
    assert len(want) == n_html if kw.get("html") else len(want) > 20
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], name
    failed = sorted(os.path.basename(x.path) for x in summary.failed)
    assert (r.returncode == 1) == bool(failed)
    if not kw.get("html") and not kw.get("includes"):
        assert failed == ["broken.txt"]
    if kw.get("site_learning", True):
        for name, data in got.items():
            if name.startswith("kestrel"):
                assert FOOTER.encode() not in data, name


def test_site_learning_counts_merge(tmp_path, client):
    tree = str(tmp_path / "in")
    make_tree(tree)
    prof = tmp_path / "cli.prof"
    subprocess.run([BOILOFF, "-r", "-q", tree, "-o", str(tmp_path / "cli"),
                    "--save-profile=%s" % prof], stderr=subprocess.PIPE)
    bdask.run(tree, str(tmp_path / "dask"), client=client, batch_files=3,
              save_profile=str(tmp_path / "dask.prof"))
    assert (tmp_path / "dask.prof").read_bytes() == prof.read_bytes()
    # the same profile given (no learning pass) gives the same outputs
    bdask.run(tree, str(tmp_path / "given"), client=client,
              profile=boiloff.Profile.load(prof))
    assert tree_files(tmp_path / "given") == tree_files(tmp_path / "cli")


def test_sites_complete_in_a_batch_are_pruned_there(tmp_path, client):
    tree = str(tmp_path / "in")
    make_tree(tree)
    items, _ = bdask.list_pages(tree)
    # kestrel in a batch of its own, and one more site split over two
    kestrel = [it for it in items if it.site == "kestrel"]
    others = [it for it in items if it.site != "kestrel"]
    # (after the first site, inside the next one)
    split = next(i for i in range(2, len(others))
                 if others[i].site == others[i - 1].site != others[0].site)
    groups = [others[:split], others[split:], kestrel]
    complete = bdask.complete_sites(groups)
    assert complete[2] == ["kestrel"]
    assert others[split].site not in complete[0] + complete[1]
    assert sorted(complete[0] + complete[1]) == sorted(
        {it.site for it in others} - {others[split].site})
    wholes = [bdask.count_batch(g, {}) for g in groups]
    pruned = [bdask.count_batch(g, {}, c) for g, c in zip(groups, complete)]
    # kestrel's counts: pruned as a whole profile would be
    assert pruned[2] == boiloff.Profile().merge(wholes[2]).prune()
    assert pruned[2].count("kestrel", FOOTER) == 8
    # the split site's counts stay whole, to be summed; the others shrink
    split_site = others[split].site
    for it in groups[1]:
        if it.site == split_site:
            with open(it.path, "rb") as f:
                for line in f.read().splitlines():
                    assert pruned[1].count(split_site, line) == wholes[1].count(split_site, line)
    for w, p in zip(wholes[:2], pruned[:2]):  # (kestrel's lines differ in digits only)
        assert len(p.to_bytes()) < len(w.to_bytes())
    # and the outputs are still those of the command
    subprocess.run([BOILOFF, "-r", "-q", tree, "-o", str(tmp_path / "cli")],
                   stderr=subprocess.PIPE)
    # (one batch: every site complete in its task)
    bdask.run(tree, str(tmp_path / "dask"), client=client,
              batch_files=1 << 20, batch_bytes=1 << 40)
    assert tree_files(tmp_path / "dask") == tree_files(tmp_path / "cli")


def test_cleaning_reads_the_renderings_of_counting(tmp_path):
    # The cleaning of a batch takes each HTML page from what counting kept
    # of it, not from the file, unless the file changed since.
    site = tmp_path / "in" / "s"
    site.mkdir(parents=True)
    html = sorted(p for p in os.listdir(os.path.join(FIXTURES, "html")) if p.endswith(".html"))
    for name in html[:2]:
        shutil.copy(os.path.join(FIXTURES, "html", name), site / name)
    (site / "plain.txt").write_text("A text page has no rendering to keep.\n")
    items, _ = bdask.list_pages(str(tmp_path / "in"), includes=["*.html", "*.txt"])
    by_name = {os.path.basename(it.rel): it for it in items}
    _, kept = bdask._count(items, [], {}, True)
    a, b = (by_name[n].rel for n in html[:2])
    assert sorted(kept) == sorted([a, b])
    out = tmp_path / "out"
    # a's rendering under b's name, b's file as it was: b comes out as a
    swapped = {b: (kept[b][0], kept[a][1])}
    r = bdask.clean_batch([by_name[html[1]]], str(out), {}, None, renderings=swapped)
    assert r[0].status == "ok"
    want_a = boiloff.Cleaner().clean_bytes((site / html[0]).read_bytes())
    assert (out / b).read_bytes() == want_a
    # once b's file changed, b is parsed again
    (site / html[1]).write_bytes((site / html[1]).read_bytes() + b"\n")
    bdask.clean_batch([by_name[html[1]]], str(out), {}, None, renderings=swapped)
    assert (out / b).read_bytes() == boiloff.Cleaner().clean_bytes((site / html[1]).read_bytes())
    # bytes that are no rendering: the page is parsed
    bad = {a: (kept[a][0], b"not a rendering")}
    bdask.clean_batch([by_name[html[0]]], str(out), {}, None, renderings=bad)
    assert (out / a).read_bytes() == want_a


def make_record_tree(root):
    """Record files as a crawl: the WARC, WET and JSON Lines fixtures (a
    damaged WARC among them), a page, and JSON Lines files whose records
    from one host share a footer that only site learning removes."""
    rec = os.path.join(FIXTURES, "records")
    os.makedirs(os.path.join(root, "a"))
    os.makedirs(os.path.join(root, "b"))
    for name in ("pages.warc.gz", "pages.warc.wet.gz", "pages.jsonl.gz"):
        shutil.copy(os.path.join(rec, name), os.path.join(root, "a", name))
    shutil.copy(os.path.join(rec, "badlength.warc.gz"), os.path.join(root, "b"))
    with open(os.path.join(root, "b", "page.txt"), "w") as f:
        f.write("The council met on Monday to discuss the plan for the bridge "
                "and the new school, and the residents spoke at length.\n")
    # lines that differ from record to record, digits aside
    topics = itertools.permutations(("bridge", "school", "railway", "harbour",
                                     "library", "market", "orchard", "chapel"), 3)
    for part in range(2):  # the host's records in two files
        with open(os.path.join(root, "b", "kestrel%d.jsonl" % part), "w") as f:
            for k in range(4):
                text = "".join("The valley council met about the %s, the %s and "
                               "the %s, and the residents had their say.\n"
                               % next(topics) for i in range(6)) + FOOTER + "\n"
                f.write(json.dumps({"url": "https://kestrel.example/p%d-%d" % (part, k),
                                    "text": text}) + "\n")


def _undated(wet):
    # a WET file without its warcinfo record's date and id
    head, sep, rest = wet.partition(b"\r\n\r\n")
    head = re.sub(rb"(?m)^(WARC-Date|WARC-Record-ID): .*$", rb"\1: -", head)
    return head + sep + rest


@pytest.mark.parametrize("args", [
    ("--include=*.gz", "--include=*.txt"),   # WARC names are records, pages pages
    ("--warc", "--format=wet"),
    ("--jsonl", "--jsonl-stats"),
])
def test_record_files_as_batch_mode(tmp_path, args):
    """Record files through the Dask run: the outputs of 'boiloff -r' with
    the same options, byte for byte, site learning over records included,
    and a file with bad records written without them (exit status 1)."""
    tree = str(tmp_path / "in")
    make_record_tree(tree)
    r = subprocess.run([BOILOFF, "-r", "-q", *args, tree, "-o", str(tmp_path / "cli")],
                       stderr=subprocess.PIPE)
    cli_status = r.returncode
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", "--workers=2", *args,
                        tree, str(tmp_path / "dask")], stderr=subprocess.PIPE, timeout=300)
    err = r.stderr.decode()
    assert r.returncode == cli_status, err
    got, want = tree_files(tmp_path / "dask"), tree_files(tmp_path / "cli")
    if "--format=wet" in args:  # the warcinfo record is dated when written
        got, want = ({k: _undated(v) for k, v in t.items()} for t in (got, want))
    assert sorted(got) == sorted(want)
    assert got == want
    assert got, "nothing was cleaned"
    if "--jsonl" in args:
        kestrel = b"".join(v for k, v in got.items() if "kestrel" in k)
        assert kestrel.count(b"valley council met") == 48
        assert FOOTER.encode() not in kestrel  # learned from the records
    else:
        assert r.returncode == 1
        assert "badlength.warc.gz: record 6: Content-Length does not match" in err
        assert "1 record files written without their bad records" in err


@pytest.mark.parametrize("args", [("--warc",), ("--jsonl",)])
def test_record_rejects(tmp_path, args):
    """--rejects in the Dask run: the bad records and lines of every record
    file, as they were, in the order of the files: the file 'boiloff -r
    -j1 --rejects' writes, byte for byte."""
    tree = str(tmp_path / "in")
    make_record_tree(tree)
    if "--warc" in args:  # a second damaged file, after the first
        shutil.copy(os.path.join(FIXTURES, "records", "badlength.warc.gz"),
                    os.path.join(tree, "b", "later.warc.gz"))
    else:  # bad lines in two files
        for name, bad in (("kestrel0.jsonl", b'{"url": "https://kestrel.example/x", "te\n'),
                          ("kestrel1.jsonl", b"[1, 2\n")):
            with open(os.path.join(tree, "b", name), "ab") as f:
                f.write(bad)
    r = subprocess.run([BOILOFF, "-r", "-q", "-j1", *args, "--rejects",
                        str(tmp_path / "cli.rejects"), tree, "-o", str(tmp_path / "cli")],
                       stderr=subprocess.PIPE)
    assert r.returncode == 1
    want = (tmp_path / "cli.rejects").read_bytes()
    assert want
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", "--workers=2", *args,
                        "--rejects", str(tmp_path / "dask.rejects"), tree,
                        str(tmp_path / "dask")], stderr=subprocess.PIPE, timeout=300)
    assert r.returncode == 1, r.stderr.decode()
    assert (tmp_path / "dask.rejects").read_bytes() == want
    assert tree_files(tmp_path / "dask") == tree_files(tmp_path / "cli")
    assert sorted(os.listdir(tmp_path)) == ["cli", "cli.rejects", "dask", "dask.rejects", "in"]
    # no bad record: an empty file, as the command writes it
    good = tmp_path / "good"
    os.makedirs(good / "a")
    shutil.copy(os.path.join(FIXTURES, "records", "pages.warc.gz"), good / "a")
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", "--workers=1", "--warc",
                        "--rejects", str(tmp_path / "none"), str(good),
                        str(tmp_path / "good-out")], stderr=subprocess.PIPE, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / "none").read_bytes() == b""
    # a --rejects that cannot be written fails before any work
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", "--workers=1", "--warc",
                        "--rejects", str(tmp_path / "no" / "such"), str(good),
                        str(tmp_path / "never")], stderr=subprocess.PIPE, timeout=300)
    assert r.returncode == 1
    assert b"boiloff: error: " in r.stderr and b"No such file or directory" in r.stderr
    assert not (tmp_path / "never").exists() or not os.listdir(tmp_path / "never")


def test_record_file_result(tmp_path):
    """Records.clean on its own: the command's output, the counts, and a
    read error as FileError naming the input."""
    rec = boiloff.Records(warc=True)
    src = os.path.join(FIXTURES, "records", "badlength.warc.gz")
    with open(tmp_path / "out.jsonl", "wb") as f:
        res = rec.clean(src, f)
    assert (tmp_path / "out.jsonl").read_bytes() == subprocess.run(
        [BOILOFF, "--warc", src], stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout
    assert res.bad == 2 and res.records == 20 and res.cleaned == 4
    with open(os.devnull, "wb") as null, open(tmp_path / "rejects", "wb") as rj:
        rec.clean(src, null, rejects=rj)
    subprocess.run([BOILOFF, "--warc", "--rejects", str(tmp_path / "cli.rejects"), src],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert (tmp_path / "rejects").read_bytes() == (tmp_path / "cli.rejects").read_bytes()
    assert (tmp_path / "rejects").stat().st_size > 0
    assert rec.kind("x.txt") == "warc" and boiloff.Records().kind("x.txt") == "page"
    assert boiloff.Records().kind("x.wet.gz") == "warc"
    assert boiloff.Records(jsonl=True).output_rel("d/x.jsonl.gz") == "d/x.jsonl"
    assert boiloff.Records(wet=True).output_rel("d/x.warc.gz") == "d/x.warc"
    with open(os.devnull, "wb") as null, pytest.raises(boiloff.FileError) as e:
        rec.clean(str(tmp_path / "missing.warc"), null)
    assert e.value.filename == str(tmp_path / "missing.warc")
    assert e.value.errno == errno.ENOENT


def test_command_line(tmp_path):
    tree = str(tmp_path / "in")
    make_tree(tree)
    subprocess.run([BOILOFF, "-r", "-q", tree, "-o", str(tmp_path / "cli")],
                   stderr=subprocess.PIPE)
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", "--workers=2", tree,
                        str(tmp_path / "dask")], stderr=subprocess.PIPE, timeout=300)
    err = r.stderr.decode()
    assert r.returncode == 1, err  # broken.txt failed
    assert "boiloff: error: %s/kestrel/broken.txt: input looks like binary data" % tree in err
    assert "1 failed" in err
    assert tree_files(tmp_path / "dask") == tree_files(tmp_path / "cli")
    assert not [n for n in tree_files(tmp_path / "dask") if ".boiloff-" in n]
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", tree, tree],
                       stderr=subprocess.PIPE)
    assert r.returncode == 2
    r = subprocess.run([sys.executable, "-m", "boiloff.dask", "--bias=7", tree,
                        str(tmp_path / "x")], stderr=subprocess.PIPE)
    assert r.returncode == 2 and b"boiloff: error: invalid argument" in r.stderr


def test_killed_worker_files_are_retried(tmp_path):
    """A worker killed in the middle of the run: its tasks run again on
    the other, the outputs are complete and no temporary file is left."""
    from distributed import Client, LocalCluster
    tree = str(tmp_path / "in")
    make_tree(tree)
    subprocess.run([BOILOFF, "-r", "-q", tree, "-o", str(tmp_path / "cli")],
                   stderr=subprocess.PIPE)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0")
    c = Client(cluster)
    try:
        pids = c.run(os.getpid)
        killed = []

        def progress(what, done, total, nbytes, total_bytes):
            if what == "cleaning" and not killed:
                victim = sorted(pids)[0]
                os.kill(pids[victim], 9)
                killed.append(victim)

        summary = bdask.run(tree, str(tmp_path / "dask"), client=c,
                            batch_files=1, progress=progress)
    finally:
        c.close()
        cluster.close()
    assert killed
    assert [os.path.basename(x.path) for x in summary.failed] == ["broken.txt"]
    assert tree_files(tmp_path / "dask") == tree_files(tmp_path / "cli")


def test_leftover_temporaries_of_the_run_are_removed(tmp_path):
    """What a worker killed while writing leaves: this run's temporary file
    goes once the run is done; another run's, and every output, stay."""
    sub = tmp_path / "a"
    sub.mkdir()
    mine = bdask._temporary_name("page.txt", "c0ffee00")
    other = bdask._temporary_name("page.txt", "12345678")
    for name in (mine, other, "page.txt", ".page.txt"):
        (sub / name).write_bytes(b"x")
    bdask._remove_leftover_temporaries(str(tmp_path), "c0ffee00")
    assert sorted(os.listdir(sub)) == sorted([other, "page.txt", ".page.txt"])
    bdask._atomic_write(str(sub / "new.txt"), bdask._write_all(b"text"), "c0ffee00")
    assert (sub / "new.txt").read_bytes() == b"text"
    assert sorted(os.listdir(sub)) == sorted([other, "page.txt", ".page.txt", "new.txt"])
