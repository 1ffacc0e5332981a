#!/usr/bin/env python3
"""Where a publish of N new pins spends its time: scripts/bench_publish.py as it is, with the
client's ``publish()`` (the bulk run) under cProfile and the CPU seconds of the registry's
processes (gunicorn, and the benchmark's own PostgreSQL) read from /proc around it.

Usage: .venv/bin/python scripts/profile_publish.py [bench_publish.py's options] [--out FILE]
Writes the profile to --out (default out/bench/publish_profile.txt).  A measuring tool, not
shipped; figures are whatever the machine's load makes them.
"""
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "out" / "bench" / "publish_profile.txt"
if "--out" in sys.argv:
    i = sys.argv.index("--out")
    OUT = Path(sys.argv[i + 1])
    del sys.argv[i:i + 2]
sys.argv = ["bench_publish.py"] + sys.argv[1:]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))
import bench_publish as bp  # noqa: E402
import bench_registry as br  # noqa: E402

procs = {}
orig_start = br.start
def start(*a, **k):
    proc, log = orig_start(*a, **k)
    procs["server"] = proc.pid
    return proc, log
bp.br.start = start


tree_cpu = bp._tree  # CPU seconds of a live process and its descendants


def postgres_cpu():
    """CPU seconds of the benchmark's own PostgreSQL (the postmaster started on its data
    folder, and its children)."""
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                cmd = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ")
            except OSError:
                continue
            if b"cp-bench-publish" in cmd and b"postgres" in cmd and b"-D" in cmd:
                return tree_cpu(int(p))
    return float("nan")


import citizen_pins.registry.sync as sync  # noqa: E402

orig_publish = sync.publish


def publish(*a, **k):
    if k.get("use_bulk", True) is False:
        return orig_publish(*a, **k)
    prof = cProfile.Profile()
    s0, p0, w0, c0 = tree_cpu(procs["server"]), postgres_cpu(), time.perf_counter(), time.process_time()
    prof.enable()
    try:
        return orig_publish(*a, **k)
    finally:
        prof.disable()
        w, c = time.perf_counter() - w0, time.process_time() - c0
        s, p = tree_cpu(procs["server"]) - s0, postgres_cpu() - p0
        out = io.StringIO()
        print(f"publish: wall {w:.2f} s; client CPU {c:.2f} s (cProfile on); registry (gunicorn) CPU {s:.2f} s; the benchmark's PostgreSQL CPU {p:.2f} s", file=out)
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(40)
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(20)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(out.getvalue())


sync.publish = publish  # bench_publish imports it from sync when it runs
sys.exit(bp.main())
