#!/usr/bin/env python3
"""Resident memory of a command over time, split into anonymous and file-backed pages (Linux
/proc/PID/status, sampled every few milliseconds): where in a run its peak is reached.

Usage: python3 scripts/rss_timeline.py [--every 0.003] [--tail 0.3] -- COMMAND ...
Prints the largest sample and every sample of the last --tail seconds before it; run it under
/usr/bin/time -v to compare with the kernel's own peak (which short spikes between samples can
exceed).  Not shipped; a measuring tool for docs/validation.md.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time


def sample(pid: int):
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "Threads"):
                fields[key] = int(value.split()[0])
    return (time.time(), fields["VmRSS"] // 1024, fields["RssAnon"] // 1024,
            fields["RssFile"] // 1024, fields["Threads"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=float, default=0.003)
    ap.add_argument("--tail", type=float, default=0.3)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args(argv)
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    while proc.poll() is None:
        try:
            samples.append(sample(proc.pid))
        except (OSError, KeyError, ValueError):
            pass
        time.sleep(a.every)
    if not samples:
        return proc.returncode
    top = max(samples, key=lambda s: s[1])
    start = samples[0][0]
    print(f"{len(samples)} samples; largest: {top[1]} MB at {top[0] - start:.3f} s "
          f"(anon {top[2]} MB, file {top[3]} MB, {top[4]} threads); exit status {proc.returncode}")
    print("    s    rss   anon   file threads")
    for t, rss, anon, fil, threads in samples:
        if top[0] - a.tail <= t <= top[0]:
            print(f"{t - start:6.3f} {rss:5d} {anon:6d} {fil:6d} {threads:5d}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
