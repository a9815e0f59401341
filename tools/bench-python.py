"""bench-python.py - the Python module's speed (make bench, through
tools/bench-python.sh), as ratios measured in one run:

- boiloff.clean() over the development pages in one Python thread against
  the command's batch mode with -j1 on the same pages (--no-site-learning:
  clean() learns no sites), both reading each page from its file and
  writing its output to a file; CPU seconds (robust to the machine's
  load) and wall seconds;
- the same pages cleaned by 2 threads against 1 (wall time: the GIL is
  released while the library works, so threads run in parallel), with
  the files read and written as above, and with the pages held in memory
  (clean() alone: what the threads can gain where Python's own file
  handling, which holds the GIL, does not set the pace).

Rounds interleave the three runs; medians are printed.  The outputs of the
Python runs must equal the command's, byte for byte.

Usage: bench-python.py BOILOFF EVAL_DIR TMPDIR [ROUNDS]
"""
import concurrent.futures
import os
import resource
import statistics
import subprocess
import sys
import threading
import time

import boiloff


def pages_of(root):
    out = []
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(".txt") and not n.endswith(".gold.txt"):
                p = os.path.join(d, n)
                out.append((p, os.path.relpath(p, root)))
    out.sort()
    return out


def run_cli(boiloff_cmd, root, outdir):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([boiloff_cmd, "-q", "-j1", "--no-site-learning",
                    "--exclude=*.gold.txt", "-r", root, "-o", outdir], check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def clean_files(items, outdir):
    for path, rel in items:
        with open(path, "rb") as f:
            text = boiloff.clean(f.read())
        out = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)


def run_py(items, outdir, threads):
    t0 = time.perf_counter()
    c0 = time.process_time()
    if threads == 1:
        clean_files(items, outdir)
    else:
        parts = [items[k::threads] for k in range(threads)]
        with concurrent.futures.ThreadPoolExecutor(threads) as ex:
            list(ex.map(clean_files, parts, [outdir] * threads))
    return time.perf_counter() - t0, time.process_time() - c0


def run_mem(pages, threads):
    """Wall seconds of clean() over pages (bytes) in `threads` threads."""
    def work(part):
        for data in part:
            boiloff.clean(data)
    t0 = time.perf_counter()
    if threads == 1:
        work(pages)
    else:
        parts = [pages[k::threads] for k in range(threads)]
        with concurrent.futures.ThreadPoolExecutor(threads) as ex:
            list(ex.map(work, parts))
    return time.perf_counter() - t0


def same_tree(a, b):
    for d, _, names in os.walk(a):
        for n in names:
            p = os.path.join(d, n)
            q = os.path.join(b, os.path.relpath(p, a))
            with open(p, "rb") as f, open(q, "rb") as g:
                if f.read() != g.read():
                    return False
    return True


def main():
    boiloff_cmd, root, tmp = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    items = pages_of(root)
    mb = sum(os.path.getsize(p) for p, _ in items) / 1e6
    print("bench-python: %d pages, %.1f MB, %d rounds, load %s"
          % (len(items), mb, rounds, open("/proc/loadavg").read().split()[:3]))
    boiloff.clean("warm up")
    t = {"cli": [], "py1": [], "py2": []}
    c = {"cli": [], "py1": [], "py2": []}
    ok = True
    for r in range(rounds):
        order = ["cli", "py1", "py2"] if r % 2 == 0 else ["py2", "py1", "cli"]
        for name in order:
            out = os.path.join(tmp, "%s-%d" % (name, r))
            if name == "cli":
                wall, cpu = run_cli(boiloff_cmd, root, out)
            else:
                wall, cpu = run_py(items, out, 1 if name == "py1" else 2)
            t[name].append(wall)
            c[name].append(cpu)
        ok = ok and same_tree(os.path.join(tmp, "cli-%d" % r), os.path.join(tmp, "py1-%d" % r)) \
            and same_tree(os.path.join(tmp, "py2-%d" % r), os.path.join(tmp, "cli-%d" % r))
    pages = []
    for path, _ in items:
        with open(path, "rb") as f:
            pages.append(f.read())
    mem = {1: [], 2: []}
    for r in range(rounds):
        for n in ((1, 2) if r % 2 == 0 else (2, 1)):
            mem[n].append(run_mem(pages, n))
    med = {k: statistics.median(v) for k, v in t.items()}
    cmed = {k: statistics.median(v) for k, v in c.items()}
    print("bench-python: batch -j1: %.2f s wall, %.2f s CPU (%.1f MB/s)"
          % (med["cli"], cmed["cli"], mb / med["cli"]))
    print("bench-python: clean(), 1 thread: %.2f s wall, %.2f s CPU (%.1f MB/s)"
          % (med["py1"], cmed["py1"], mb / med["py1"]))
    print("bench-python: clean(), 2 threads: %.2f s wall, %.2f s CPU (%.1f MB/s)"
          % (med["py2"], cmed["py2"], mb / med["py2"]))
    print("bench-python: clean() 1 thread / batch -j1 speed: %.2fx by CPU time, "
          "%.2fx by wall time (goal >= 0.8x)"
          % (cmed["cli"] / cmed["py1"], med["cli"] / med["py1"]))
    print("bench-python: 2 threads / 1 thread speed-up: %.2fx (wall); outputs %s"
          % (med["py1"] / med["py2"], "identical to the command's" if ok else "DIFFERENT"))
    print("bench-python: 2 threads / 1 thread speed-up, pages in memory: %.2fx (wall; "
          "%.2f s against %.2f s)"
          % (statistics.median(mem[1]) / statistics.median(mem[2]),
             statistics.median(mem[2]), statistics.median(mem[1])))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
