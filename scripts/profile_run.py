#!/usr/bin/env python3
"""Where the time of one whole qgis_process run goes: py-spy samples it (Python and native
frames, every thread) and the top functions are printed by samples where they run (self) and
below them (total).  The plugin is packaged from this tree as the benchmarks package it.

Usage:
  .venv/bin/python scripts/profile_run.py [--shapely] [--top 25] [--out FILE] -- ARGS...
  (ARGS: what follows qgis_process.bin, e.g. run citizen_pins:validate -- INPUT=... )
Needs py-spy (pip install py-spy) and, as root or with ptrace allowed, nothing else.
"""
from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapely", action="store_true", help="shapely on QGIS's GEOS (out/geos-shapely)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--native", action="store_true",
                    help="also C/C++ frames (GEOS, GDAL, SQLite; slows the run several times)")
    ap.add_argument("--out", help="also write the summary here")
    ap.add_argument("--raw", help="also keep py-spy's collapsed stacks here")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args(argv)
    args = a.args[1:] if a.args[:1] == ["--"] else a.args
    import bench_validate as bv

    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        env = bv.environment(out, bv.plugin_dir(out), with_shapely=a.shapely)
        subprocess.run([bv.QGIS_PROCESS, "plugins", "enable", "citizen_pins"], env=env,
                       capture_output=True)
        raw = out / "stacks.txt"
        spy = Path(sys.executable).with_name("py-spy")
        # qgis_process loads Python only after QGIS starts: py-spy attaches once it is there
        # (QGIS's own start-up, ~1.5 s of C++, is not sampled)
        target = subprocess.Popen([bv.QGIS_PROCESS, *args], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        maps = Path(f"/proc/{target.pid}/maps")
        while target.poll() is None:
            try:
                if "libpython3" in maps.read_text():
                    break
            except OSError:
                break
            time.sleep(0.01)
        time.sleep(0.05)
        proc = subprocess.run([str(spy), "record", "--format", "raw", "--threads",
                               *(["--native"] if a.native else []), "--rate", str(a.rate),
                               "-o", str(raw), "--pid", str(target.pid)],
                              capture_output=True, text=True)
        target.wait()
        if not raw.exists():
            print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
            return 1
        if a.raw:
            Path(a.raw).write_text(raw.read_text())
        own: collections.Counter = collections.Counter()
        total: collections.Counter = collections.Counter()
        samples = 0
        for line in raw.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            n = int(count)
            frames = [f for f in stack.split(";") if f]
            if not frames:
                continue
            samples += n
            own[frames[-1]] += n
            for f in set(frames):
                total[f] += n
    lines = [f"qgis_process.bin {' '.join(args)}", f"{samples} samples at {a.rate}/s (every thread, once Python is loaded)",
             "", "self samples:"]
    lines += [f"  {n:6d} {100.0 * n / samples:5.1f}%  {f}" for f, n in own.most_common(a.top)]
    lines += ["", "total samples (the function and what it calls):"]
    lines += [f"  {n:6d} {100.0 * n / samples:5.1f}%  {f}" for f, n in total.most_common(a.top)]
    text = "\n".join(lines)
    print(text)
    if a.out:
        Path(a.out).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
