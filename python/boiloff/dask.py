"""Cleans a tree of pages on a Dask cluster: ``boiloff -r`` across machines.

    python3 -m boiloff.dask IN OUT [--scheduler ADDR] [options]

Without ``--scheduler`` it starts a LocalCluster on this machine.  The
outputs are those of ``boiloff -r IN -o OUT`` with the same options, byte
for byte: the same files (``--include``, default ``*.txt``; ``--exclude``),
the same output paths, the same site learning.  Record files (WARC and
WET, or JSON Lines with ``--jsonl``) are read by the command's own code,
a page per record under its URL's host, and written as batch mode writes
them (JSON Lines, or WET with ``--format=wet``); a file with bad records
is written without them and reported, and ``--rejects FILE`` keeps the bad
records and lines there as they were.

- Site learning takes two passes, as in batch mode: first each task counts
  its share of the pages into a profile and the profiles are merged on the
  workers (counts are sums, so the result does not depend on the split);
  then every page is cleaned with the merged profile, pruned to the lines
  that can be furniture (Profile.prune) so that little travels to them.
  A counting task keeps what each HTML page of its batch rendered to, and
  the batch's cleaning task, sent where those renderings are, cleans the
  pages from them without parsing them again (unless a file changed in
  between); ``--parse-twice`` keeps nothing between the passes.
- Outputs are written to a temporary file beside the target and renamed, so
  a worker that dies leaves no half-written output; its tasks are run again
  on another worker (Dask reschedules them; ``--retries`` more times for a
  task that raised).  A worker killed while writing leaves its temporary
  file behind; each run names its temporary files by a token of its own
  and removes those that remain once every page is cleaned.  A page that fails is reported and the run goes on.
- Progress goes to stderr when it is a terminal.

Workers read IN and write OUT by the same paths as this process: on a
cluster, put both on a shared file system.

From Python: ``boiloff.dask.run(IN, OUT, client=client, **options)``.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import operator
import os
import secrets
import shutil
import stat
import sys
import time
from collections import Counter
from typing import (Callable, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple,
                    Union)

import boiloff

# Pages larger than this are not counted by site learning (as batch mode).
MAX_COUNTED_PAGE = 64 << 20


EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class Item(NamedTuple):
    """One input file: where to read it, its output path relative to OUT,
    its site key and size, and what it holds: "page", or records ("warc",
    "jsonl"), whose sites are their URLs' hosts."""
    path: str
    rel: str
    site: str
    size: int
    kind: str = "page"


class Result(NamedTuple):
    """What became of one input: status is "ok", "failed", "skipped" or
    "partial" (a record file written without its bad records)."""
    path: str
    status: str
    error: Optional[str]
    bytes_in: int
    bytes_out: int


# ---- the list of inputs (as batch mode walks) ----------------------------------

def _fnmatch(pattern: str, name: str, pathname: bool) -> bool:
    # libc's fnmatch, as batch mode calls it (FNM_PERIOD: '*' does not
    # match a leading dot).
    lib = boiloff._lib
    flags = lib.FNM_PERIOD | (lib.FNM_PATHNAME if pathname else 0)
    return lib.fnmatch(os.fsencode(pattern), os.fsencode(name), flags) == 0


def _glob_match(glob: str, name: str, rel: str) -> bool:
    if "/" in glob:
        return _fnmatch(glob, rel, True)
    return _fnmatch(glob, name, False)


def site_of(rel: str, depth: int) -> str:
    """The site key of an output path: its first `depth` directories."""
    parts = rel.split("/")
    return "/".join(parts[:min(depth, len(parts) - 1)])


def list_pages(root: str, *, includes: Sequence[str] = (),
               excludes: Sequence[str] = (), site_depth: int = 1,
               skip_dir: Optional[Tuple[int, int]] = None,
               records: Optional[Dict] = None
               ) -> Tuple[List[Item], List[Result]]:
    """The pages and record files under `root` (symbolic links followed),
    sorted by (site, path), and the entries that cannot be cleaned (as
    failed results).  `records` holds the keywords of boiloff.Records
    (warc, jsonl, wet...) that decide which files hold records."""
    items: List[Item] = []
    failed: List[Result] = []
    root = root.rstrip("/") or "/"
    rec = boiloff.Records(**(records or {}))

    def included(name: str, rel: str) -> bool:
        if not includes:
            if rec.warc or rec.jsonl:
                return rec.default_include(name)
            return _fnmatch("*.txt", name, False)
        return any(_glob_match(g, name, rel) for g in includes)

    def excluded(name: str, rel: str) -> bool:
        return any(_glob_match(g, name, rel) for g in excludes)

    def fail(path: str, msg: str) -> None:
        failed.append(Result(path, "failed", msg, 0, 0))

    seen = set()

    def walk(dirpath: str, reldir: str) -> None:
        try:
            st = os.stat(dirpath)
        except OSError as e:
            fail(dirpath, e.strerror)
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            fail(dirpath, "symbolic link loop (directory cycle), skipped")
            return
        if skip_dir is not None and key == skip_dir:
            return
        seen.add(key)
        try:
            names = os.listdir(dirpath)
        except OSError as e:
            fail(dirpath, e.strerror)
            seen.discard(key)
            return
        for name in names:
            path = dirpath + "/" + name if dirpath != "/" else "/" + name
            rel = reldir + "/" + name if reldir else name
            try:
                st = os.stat(path)
            except OSError as e:
                if included(name, rel) and not excluded(name, rel):
                    fail(path, e.strerror)
                continue
            if stat.S_ISDIR(st.st_mode):
                if not excluded(name, rel):
                    walk(path, rel)
            elif included(name, rel) and not excluded(name, rel):
                if stat.S_ISREG(st.st_mode):
                    kind = rec.kind(rel)
                    items.append(Item(path, rec.output_rel(rel) if kind != "page"
                                      else rel, site_of(rel, site_depth),
                                      st.st_size, kind))
                else:
                    fail(path, "not a regular file, skipped")
        seen.discard(key)

    walk(root, "")
    items.sort(key=lambda it: (os.fsencode(it.site), os.fsencode(it.rel)))
    return items, failed


def batches(items: Sequence[Item], max_bytes: int = 8 << 20,
            max_files: int = 256) -> List[List[Item]]:
    """Consecutive runs of items (so a batch mostly holds one site), each
    at most max_bytes or max_files."""
    out: List[List[Item]] = []
    cur: List[Item] = []
    size = 0
    for it in items:
        if cur and (size + it.size > max_bytes or len(cur) >= max_files):
            out.append(cur)
            cur, size = [], 0
        cur.append(it)
        size += it.size
    if cur:
        out.append(cur)
    return out


# ---- the tasks (run on the workers) -----------------------------------------------

class _Rendering(NamedTuple):
    """A page's rendering from pass 1, in place of its bytes."""
    data: bytes
    size: int  # of the page


def _pages_of(item: Item, renderings: Optional[Dict] = None
              ) -> Iterator[Tuple[str, Union[bytes, _Rendering]]]:
    # The page of one input file, with its output path: its rendering
    # when pass 1 kept one and the file is as it was then.  (Record files
    # go through boiloff.Records instead.)
    kept = renderings.get(item.rel) if renderings else None
    if kept is not None and _seen(os.stat(item.path)) == kept[0]:
        yield item.rel, _Rendering(kept[1], kept[0][2])
        return
    with open(item.path, "rb") as f:
        yield item.rel, f.read()


def _clean(cleaner: boiloff.Cleaner, item: Item,
           data: Union[bytes, _Rendering]) -> bytes:
    # A page's output, from its rendering when it has one that this
    # cleaner can read, else from its bytes.
    if isinstance(data, _Rendering):
        try:
            return cleaner.clean_rendering_bytes(data.data)
        except boiloff.ArgumentError:
            with open(item.path, "rb") as f:
                data = f.read()
    return cleaner.clean_bytes(data)


# What tells that a file was written to since it was read: (device,
# inode, size, modification and change times).
Seen = Tuple[int, int, int, int, int]


def _seen(st: os.stat_result) -> Seen:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _read_page(item: Item) -> Tuple[bytes, Optional[Seen]]:
    # The page's bytes, and how the file was when they were read (None: it
    # changed while it was read).
    with open(item.path, "rb") as f:
        before = _seen(os.fstat(f.fileno()))
        data = f.read()
        after = _seen(os.fstat(f.fileno()))
    return data, before if before == after else None


_COUNTING = ("html", "from_code", "repair", "strict", "allow_binary",
             "max_line_bytes", "max_document_bytes")


def _count(items: Sequence[Item], complete: Sequence[str], options: Dict,
           keep: bool, records: Optional[Dict] = None
           ) -> Tuple[boiloff.Profile, Dict[str, Tuple[Seen, bytes]]]:
    # The counting task: count_batch, and with `keep` the rendering of each
    # HTML page, by its output path, with how its file was when it was
    # read, for the cleaning task of the same batch.
    opts = {k: v for k, v in options.items() if k in _COUNTING}
    kept: Dict[str, Tuple[Seen, bytes]] = {}
    rec = (boiloff.Records(**(records or {}), **options)
           if any(it.kind != "page" for it in items) else None)

    def count(profile: boiloff.Profile, part: Sequence[Item]) -> None:
        read: List[Tuple[Item, Optional[Seen]]] = []

        def pages():
            for it in part:
                if rec is not None and it.kind != "page":
                    # each record under its URL's host, as batch mode
                    try:
                        rec.count(it.path, profile)
                    except OSError:
                        pass  # reported by pass 2
                    continue
                try:
                    if os.stat(it.path).st_size > MAX_COUNTED_PAGE:
                        continue
                    data, seen = _read_page(it)
                except OSError:
                    continue  # reported by pass 2
                read.append((it, seen))
                yield it.site, data

        renderings: Optional[list] = [] if keep else None
        profile.count_pages(pages(), renderings=renderings, **opts)
        for (it, seen), r in zip(read, renderings or ()):
            if r is not None and seen is not None:
                kept[it.rel] = (seen, r)

    complete = set(complete)
    profile = boiloff.Profile()
    count(profile, [it for it in items if it.site not in complete])
    if complete:
        done = boiloff.Profile()
        count(done, [it for it in items if it.site in complete])
        profile.merge(done.prune(), threads=1)
    return profile, kept


def count_batch(items: Sequence[Item], options: Dict,
                complete: Sequence[str] = (),
                records: Optional[Dict] = None) -> boiloff.Profile:
    """Pass 1: counts the pages of a batch into a new profile, as batch
    mode counts them (Profile.count_pages; a record file's records with
    Records.count, `records` its keywords).  The sites in `complete` have
    all their pages in this batch, so their counts are final here: only
    their lines that can be furniture are kept (Profile.prune), and the
    merges that follow carry no more of them than that."""
    return _count(items, complete, options, False, records)[0]


def complete_sites(groups: Sequence[Sequence[Item]]) -> List[List[str]]:
    """For each batch, the sites all of whose pages it holds.  None when
    there are record files: their records' sites (their URLs' hosts) are
    known only once read, and may be anywhere."""
    if any(it.kind != "page" for group in groups for it in group):
        return [[] for _ in groups]
    total = Counter(it.site for group in groups for it in group)
    return [sorted(site for site, n in Counter(it.site for it in group).items()
                   if n == total[site])
            for group in groups]


def _pruned(profile: boiloff.Profile) -> boiloff.Profile:
    # A copy: a task leaves its inputs as they are.
    return boiloff.Profile().merge(profile, threads=1).prune()


def merge_profiles(*profiles: boiloff.Profile) -> boiloff.Profile:
    """A new profile with the counts of these (the library adds them).  The
    inputs are left alone: they are results Dask may hand out again."""
    return boiloff.Profile().merge(*profiles)


def _temporary_name(base: str, run_token: str) -> str:
    return ".%s.boiloff-%s-%s" % (base, run_token, secrets.token_hex(4))


def _is_temporary_of(name: str, run_token: str) -> bool:
    tail = name.rsplit(".boiloff-", 1)
    return (name.startswith(".") and len(tail) == 2
            and tail[1].startswith(run_token + "-") and len(tail[1]) == len(run_token) + 9)


def _remove_leftover_temporaries(outdir: str, run_token: str) -> None:
    """Removes the temporary files of this run that a killed worker left
    (other runs' files, and every output, are left alone)."""
    for dirpath, _dirs, files in os.walk(outdir):
        for name in files:
            if _is_temporary_of(name, run_token):
                try:
                    os.unlink(os.path.join(dirpath, name))
                except OSError:
                    pass


def _atomic_write(path: str, write: Callable[[int], None], run_token: str) -> None:
    # write(fd) into a temporary file beside the target, renamed over it:
    # as batch mode.
    d, base = os.path.split(path)
    for _ in range(100):
        tmp = os.path.join(d, _temporary_name(base, run_token))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
                         | os.O_NOCTTY, 0o666)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(path)
    try:
        try:
            write(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_all(data: bytes) -> Callable[[int], None]:
    def write(fd: int) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    return write


def _check_not_input(item: Item, outpath: str) -> None:
    try:
        ost = os.stat(outpath)
        ist = os.stat(item.path)
        if (ost.st_dev, ost.st_ino) == (ist.st_dev, ist.st_ino):
            raise _PageError(item.path, "input file is also the output file")
    except FileNotFoundError:
        pass


def _rejects_part(parts_dir: str, item: Item) -> str:
    # Where a record file's bad records wait for the driver: named by its
    # output path, which is unique, so a task run again writes the same part.
    return os.path.join(parts_dir, hashlib.sha1(item.rel.encode("utf-8", "surrogateescape"))
                        .hexdigest() + ".part")


def _clean_records(rec: boiloff.Records, item: Item, outdir: str,
                   profile: Optional[boiloff.Profile], run_token: str,
                   rejects_parts: Optional[str] = None) -> Result:
    # A record file into its output, as batch mode writes it: without its
    # bad records (reported on stderr as they are met), status "partial".
    # With rejects_parts, the bad records go to the file's part there.
    outpath = os.path.join(outdir, item.rel)
    done: List[boiloff.RecordsResult] = []

    def clean(fd: int) -> None:
        if rejects_parts is None:
            done.append(rec.clean(item.path, fd, profile))
            return
        part = _rejects_part(rejects_parts, item)
        _atomic_write(part, lambda rfd: done.append(
            rec.clean(item.path, fd, profile, rejects=rfd)), run_token)
        if not done[0].bad:
            os.unlink(part)  # nothing to keep

    try:
        _check_not_input(item, outpath)
        os.makedirs(os.path.dirname(outpath) or ".", exist_ok=True)
        _atomic_write(outpath, clean, run_token)
    except _PageError as e:
        return Result(item.path, "failed", "%s: %s" % (e.where, e.msg), 0, 0)
    except OSError as e:
        where = e.filename or outpath
        return Result(item.path, "failed", "%s: %s" % (where, e.strerror or e), 0, 0)
    r = done[0]
    if r.bad:
        return Result(item.path, "partial", "%d bad record%s skipped"
                      % (r.bad, "" if r.bad == 1 else "s"), r.bytes_in, r.bytes_out)
    return Result(item.path, "ok", None, r.bytes_in, r.bytes_out)


def clean_batch(items: Sequence[Item], outdir: str, options: Dict,
                profile: Optional[boiloff.Profile],
                run_token: str = "0000",
                renderings: Optional[Dict[str, Tuple[Seen, bytes]]] = None,
                records: Optional[Dict] = None,
                rejects_parts: Optional[str] = None) -> List[Result]:
    """Pass 2: cleans the pages and record files of a batch into outdir;
    one Result each.  A page with a rendering from pass 1 (`renderings`,
    by output path) is cleaned from it, not parsed again, unless its file
    changed since.  `records` holds boiloff.Records's keywords; with
    `rejects_parts` (a directory), each record file's bad records are kept
    there, as they were, for the driver to join (--rejects)."""
    results: List[Result] = []
    cleaner: Optional[boiloff.Cleaner] = None
    cleaner_site: Optional[str] = None
    rec: Optional[boiloff.Records] = None
    for it in items:
        if it.kind != "page":
            rec = rec or boiloff.Records(**(records or {}), **options)
            results.append(_clean_records(rec, it, outdir, profile, run_token,
                                          rejects_parts))
            continue
        if cleaner is None or cleaner_site != it.site:
            if cleaner is not None:
                cleaner.close()
            kw = dict(options)
            if profile is not None:
                kw.update(profile=profile, site=it.site)
            cleaner = boiloff.Cleaner(**kw)
            cleaner_site = it.site
        bytes_in = bytes_out = 0
        try:
            for rel, data in _pages_of(it, renderings):
                outpath = os.path.join(outdir, rel)
                _check_not_input(it, outpath)
                try:
                    text = _clean(cleaner, it, data)
                except boiloff.EncodingError as e:
                    raise _PageError(it.path, str(e)) from None
                except boiloff.Error as e:
                    raise _PageError(it.path, e.message) from None
                try:
                    os.makedirs(os.path.dirname(outpath) or ".", exist_ok=True)
                    _atomic_write(outpath, _write_all(text), run_token)
                except OSError as e:
                    raise _PageError(outpath, e.strerror or str(e)) from None
                bytes_in += data.size if isinstance(data, _Rendering) else len(data)
                bytes_out += len(text)
        except _PageError as e:
            results.append(Result(it.path, "failed", "%s: %s" % (e.where, e.msg),
                                  bytes_in, bytes_out))
            continue
        except OSError as e:
            results.append(Result(it.path, "failed", "%s: %s" % (it.path, e.strerror or e),
                                  bytes_in, bytes_out))
            continue
        results.append(Result(it.path, "ok", None, bytes_in, bytes_out))
    if cleaner is not None:
        cleaner.close()
    return results


def _clean_task(items: Sequence[Item], renderings: Optional[Dict], outdir: str,
                options: Dict, profile: Optional[boiloff.Profile],
                run_token: str, records: Optional[Dict] = None,
                rejects_parts: Optional[str] = None) -> List[Result]:
    # clean_batch with its batch's renderings, as client.map passes them.
    return clean_batch(items, outdir, options, profile, run_token, renderings,
                       records, rejects_parts)


@contextlib.contextmanager
def _rejects_parts(rejects: Optional[str], run_token: str) -> Iterator[Optional[str]]:
    # The directory where the workers leave each record file's bad records,
    # beside the --rejects file: made first, so that a --rejects that
    # cannot be written fails before any work, and removed at the end.
    if rejects is None:
        yield None
        return
    d, base = os.path.split(os.path.abspath(rejects))
    parts_dir = os.path.join(d, ".%s.boiloff-%s-parts" % (base, run_token))
    os.mkdir(parts_dir)
    try:
        yield parts_dir
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)


def _join_rejects(path: str, parts_dir: str, items: Sequence[Item],
                  run_token: str) -> None:
    # The record files' parts, in the order of the listing, into the
    # --rejects file (written even when empty, as the command does).
    def write(fd: int) -> None:
        for it in items:
            try:
                part = open(_rejects_part(parts_dir, it), "rb")
            except FileNotFoundError:
                continue
            with part:
                while True:
                    chunk = part.read(1 << 20)
                    if not chunk:
                        break
                    _write_all(chunk)(fd)
    _atomic_write(path, write, run_token)


class _PageError(Exception):
    def __init__(self, where: str, msg: str):
        super().__init__(where, msg)
        self.where = where
        self.msg = msg


# ---- the driver ----------------------------------------------------------------

class Summary(NamedTuple):
    results: List[Result]
    seconds: float

    @property
    def failed(self) -> List[Result]:
        return [r for r in self.results if r.status == "failed"]


def _progress_line(what: str, done: int, total: int, nbytes: int,
                   total_bytes: int, start: float) -> str:
    el = time.monotonic() - start
    rate = nbytes / el if el > 0 else 0.0
    eta = int((total_bytes - nbytes) / rate) if rate > 0 else 0
    return "\rboiloff: %s %d/%d files, %.1f MB/s, ETA %d:%02d\033[K" % (
        what, done, total, rate / 1e6, eta // 60, eta % 60)


def _tree_reduce(client, futures: List, fanin: int = 8):
    # Merges on the workers, fanin profiles per task, until one is left.
    while len(futures) > 1:
        futures = [client.submit(merge_profiles, *futures[i:i + fanin], pure=False)
                   if len(futures[i:i + fanin]) > 1 else futures[i]
                   for i in range(0, len(futures), fanin)]
    return futures[0]


def run(input_dir: str, output_dir: str, *, client=None,
        includes: Sequence[str] = (), excludes: Sequence[str] = (),
        site_depth: int = 1, site_learning: bool = True,
        profile: Optional[boiloff.Profile] = None,
        save_profile: Optional[str] = None, retries: int = 2,
        batch_bytes: int = 8 << 20, batch_files: int = 256,
        parse_twice: bool = False,
        progress: Optional[Callable[[str, int, int, int, int], None]] = None,
        warc: bool = False, jsonl: bool = False, wet: bool = False,
        field: str = "text", html_field: Optional[str] = None,
        jsonl_stats: bool = False, rejects: Optional[str] = None,
        **options) -> Summary:
    """Cleans every page under input_dir into output_dir on `client` (a
    dask.distributed Client).  `options` are those of boiloff.Cleaner
    (html, bias, keep_comments, from_code, rules_only, ...); warc, jsonl,
    wet, field, html_field and jsonl_stats those of boiloff.Records, for
    the record files (WARC and WET files are read as records whatever
    they say; jsonl reads every listed file as JSON Lines).  A record
    file is parsed in both passes (its renderings are not kept).  Site
    learning's counting tasks keep what each HTML page rendered to, in the
    workers' memory (Dask spills it to disk past its thresholds), so that
    the cleaning of the batch does not parse the page again; parse_twice
    keeps nothing between the passes.  With `rejects` (a path), the bad
    records and lines of the record files are kept there as they were, in
    the order of the files (as ``--rejects``; the workers write a part per
    file beside it, joined at the end).  `progress`, if given, is called as
    progress(pass_name, files_done, files_total, bytes_done, bytes_total)
    as tasks complete."""
    from dask.distributed import as_completed

    start = time.monotonic()
    input_dir = os.path.abspath(input_dir)
    output_dir = os.path.abspath(output_dir)
    os.makedirs(output_dir, exist_ok=True)
    ost = os.stat(output_dir)
    records = dict(warc=warc, jsonl=jsonl, wet=wet, field=field,
                   html_field=html_field, jsonl_stats=jsonl_stats)
    boiloff.Cleaner(**options).close()  # bad options fail here, not on a worker
    boiloff.Records(**records, **options)
    run_token = secrets.token_hex(4)
    with _rejects_parts(rejects, run_token) as parts_dir:
        items, failed = list_pages(input_dir, includes=includes, excludes=excludes,
                                   site_depth=site_depth,
                                   skip_dir=(ost.st_dev, ost.st_ino), records=records)
        groups = batches(items, batch_bytes, batch_files)
        total_bytes = sum(it.size for it in items)

        def follow(what: str, futures: List, sizes: Dict) -> List:
            done = nbytes = nfiles = 0
            out = []
            for fut in as_completed(futures):
                out.append(fut)
                nfiles += sizes[fut.key][0]
                nbytes += sizes[fut.key][1]
                done += 1
                if progress is not None:
                    progress(what, nfiles, len(items), nbytes, total_bytes)
            return out

        def sizes_of(futures: List) -> Dict:
            return {f.key: (len(g), sum(it.size for it in g)) for f, g in zip(futures, groups)}

        # The profile stays a future: a worker that dies with it makes Dask
        # compute it again from the counts (a scattered copy could be lost).
        learned = None
        kept: List = [None] * len(groups)
        if profile is not None:
            learned = client.submit(boiloff.Profile.from_bytes, profile.to_bytes(),
                                    pure=False)
        elif site_learning and groups:
            # A saved profile holds every count: no site is pruned early.
            complete = ([[] for _ in groups] if save_profile
                        else complete_sites(groups))
            counted = client.map(_count, groups, complete, options=options,
                                 keep=not parse_twice, records=records,
                                 retries=retries, pure=False)
            follow("counting", counted, sizes_of(counted))
            # The renderings stay where they were made: the cleaning task of
            # the batch is sent there, as Dask moves the smaller inputs.
            if not parse_twice:
                kept = [client.submit(operator.itemgetter(1), f, pure=False)
                        for f in counted]
            learned = _tree_reduce(client, [
                client.submit(operator.itemgetter(0), f, pure=False) for f in counted])
            # Each counting result is then held by what was taken from it (Dask
            # keeps a dependency until its dependents are done, and can compute
            # it again): holding it here too would keep, and count, its
            # renderings twice.
            del counted
            if save_profile:
                learned.result().save(save_profile)
            # Every cleaning task's worker receives the profile: only the lines
            # that can be furniture need to travel.
            learned = client.submit(_pruned, learned, pure=False)
        results: List[Result] = list(failed)
        if groups:
            cleaned = client.map(_clean_task, groups, kept, outdir=output_dir,
                                 options=options, profile=learned, retries=retries,
                                 run_token=run_token, records=records,
                                 rejects_parts=parts_dir, pure=False)
            del kept  # a batch's renderings go once it is cleaned
            sizes = sizes_of(cleaned)
            for fut in follow("cleaning", cleaned, sizes):
                try:
                    results.extend(fut.result())
                except Exception as e:  # the task failed every retry (KilledWorker...)
                    group = groups[cleaned.index(fut)]
                    results.extend(Result(it.path, "failed", "%s: %s" % (it.path, e), 0, 0)
                                   for it in group)
            _remove_leftover_temporaries(output_dir, run_token)
        if rejects is not None:
            _join_rejects(rejects, parts_dir, [it for it in items if it.kind != "page"],
                          run_token)
        return Summary(results, time.monotonic() - start)


# ---- the command ----------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m boiloff.dask",
        description="Clean a tree of scraped pages on a Dask cluster, as "
        "'boiloff -r IN -o OUT' does on one machine (the same outputs).",
        epilog="Workers read IN and write OUT by the same paths: on a "
        "cluster, both must be on a shared file system.")
    p.add_argument("input", metavar="IN", help="input directory")
    p.add_argument("output", metavar="OUT", help="output directory")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="address of a Dask scheduler (tcp://host:8786); "
                   "default: a LocalCluster on this machine")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="LocalCluster worker processes (default: the CPUs)")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="files to clean (default *.txt; repeatable)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="files and directories to skip")
    p.add_argument("--site-depth", type=int, default=1, metavar="N",
                   help="a site is the first N directories of a path (1)")
    p.add_argument("--no-site-learning", action="store_true",
                   help="no first pass counting each site's repeated lines")
    p.add_argument("--profile", metavar="FILE",
                   help="use this site profile instead of learning one")
    p.add_argument("--save-profile", metavar="FILE",
                   help="save the learned profile")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="html", action="store_true", default=None,
                      help="the inputs are HTML")
    kind.add_argument("--text", dest="html", action="store_false",
                      help="the inputs are text")
    p.add_argument("--from-code", metavar="ENC", help="input charset")
    p.add_argument("--bias", type=float, default=0.0, metavar="X",
                   help="-1 (favour precision) .. +1 (favour recall)")
    p.add_argument("--keep-comments", action="store_true",
                   help="keep reader comments after the article")
    p.add_argument("--rules-only", action="store_true",
                   help="hand-written rules only, no learned model")
    p.add_argument("--no-smooth", action="store_true",
                   help="no sequence smoothing between blocks")
    p.add_argument("--no-repair", action="store_true",
                   help="keep mojibake, entities and odd spaces as they are")
    p.add_argument("--strict", action="store_true",
                   help="invalid input bytes are an error")
    p.add_argument("--binary", action="store_true",
                   help="clean input even when it looks binary")
    p.add_argument("--warc", action="store_true",
                   help="the inputs are WARC or WET files (default include "
                   "*.warc, *.warc.gz, *.wet, *.wet.gz; such names are read "
                   "as records in any case)")
    p.add_argument("--jsonl", action="store_true",
                   help="the inputs are JSON Lines (default include *.jsonl, "
                   "*.jsonl.gz): each object comes out with its field cleaned")
    p.add_argument("--field", default="text", metavar="NAME",
                   help="the JSON field to clean (default text)")
    p.add_argument("--html-field", metavar="NAME",
                   help="clean HTML from field NAME into --field")
    p.add_argument("--jsonl-stats", action="store_true",
                   help='add "boiloff":{blocks_kept, blocks_dropped, '
                   'words_kept, words_dropped} to each record')
    p.add_argument("--format", choices=("text", "wet"), default="text",
                   help="wet: write record files as WARC/1.0 conversion "
                   "records, not JSON Lines")
    p.add_argument("--rejects", metavar="FILE",
                   help="keep the record files' bad records and lines there, "
                   "as they were")
    p.add_argument("--parse-twice", action="store_true",
                   help="parse HTML pages again to clean them, rather than "
                   "keep what they rendered to in the workers' memory "
                   "between the passes")
    p.add_argument("--retries", type=int, default=2, metavar="N",
                   help="run a task that raised again up to N times (2)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress, summary or notes")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    if args.site_depth < 0:
        _parser().error("--site-depth must be 0 or more")
    if not os.path.isdir(args.input):
        print("boiloff: error: %s: %s" % (args.input, os.strerror(20 if os.path.exists(args.input) else 2)),
              file=sys.stderr)
        return EXIT_FAILURE
    ri, ro = os.path.realpath(args.input), os.path.realpath(args.output)
    if ri == ro or ri.startswith(ro.rstrip("/") + "/"):
        _parser().error("%s: the input directory is inside (or is) the output directory"
                        % args.input)
    if args.warc and args.jsonl:
        _parser().error("--warc and --jsonl cannot be given together")
    options = dict(html=args.html, bias=args.bias,
                   keep_comments=args.keep_comments, from_code=args.from_code,
                   rules_only=args.rules_only, smooth=not args.no_smooth,
                   repair=not args.no_repair, strict=args.strict,
                   allow_binary=args.binary)
    records = dict(warc=args.warc, jsonl=args.jsonl, wet=args.format == "wet",
                   field=args.field, html_field=args.html_field,
                   jsonl_stats=args.jsonl_stats)
    try:
        boiloff.Cleaner(**options).close()
        profile = boiloff.Profile.load(args.profile) if args.profile else None
    except boiloff.Error as e:
        print("boiloff: error: %s" % e, file=sys.stderr)
        return EXIT_USAGE if isinstance(e, boiloff.ArgumentError) else EXIT_FAILURE

    from dask.distributed import Client, LocalCluster

    show = not args.quiet and sys.stderr.isatty()
    start = time.monotonic()

    def progress(what, done, total, nbytes, total_bytes):
        if show:
            sys.stderr.write(_progress_line(what, done, total, nbytes,
                                            total_bytes, start))
            sys.stderr.flush()

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers or os.cpu_count() or 1,
                               threads_per_worker=1, dashboard_address=":0")
        client = Client(cluster)
    try:
        summary = run(args.input, args.output, client=client,
                      includes=args.include, excludes=args.exclude,
                      site_depth=args.site_depth,
                      site_learning=not args.no_site_learning, profile=profile,
                      save_profile=args.save_profile, retries=args.retries,
                      parse_twice=args.parse_twice, progress=progress,
                      rejects=args.rejects, **records, **options)
    except OSError as e:  # the --rejects file or its parts
        print("boiloff: error: %s: %s" % (e.filename or args.rejects, e.strerror or e),
              file=sys.stderr)
        return EXIT_FAILURE
    finally:
        if show:
            sys.stderr.write("\r\033[K")
        client.close()
        if cluster is not None:
            cluster.close()
    for r in summary.results:
        if r.status == "failed":
            print("boiloff: error: %s" % r.error, file=sys.stderr)
    ok = [r for r in summary.results if r.status == "ok"]
    partial = [r for r in summary.results if r.status == "partial"]
    nin = sum(r.bytes_in for r in ok + partial)
    nout = sum(r.bytes_out for r in ok + partial)
    if not args.quiet:
        el = summary.seconds
        print("boiloff: %d files: %d cleaned, %d failed; %.1f MB in, %.1f MB out "
              "(%.1f%% removed); %.2f s, %.1f MB/s"
              % (len(summary.results), len(ok), len(summary.failed), nin / 1e6,
                 nout / 1e6, 100.0 * (1 - nout / nin) if nin else 0.0, el,
                 nin / 1e6 / el if el > 0 else 0.0), file=sys.stderr)
        if partial:
            print("boiloff: %d record files written without their bad records"
                  % len(partial), file=sys.stderr)
    return EXIT_FAILURE if summary.failed or partial else EXIT_OK


if __name__ == "__main__":
    # Run as boiloff.dask (not __main__), so that the workers find the task
    # functions by that name.
    from boiloff import dask as _self
    sys.exit(_self.main())
