#!/usr/bin/env python3
"""Benchmark: the memory and time floor under citizen_pins:validate (figures, not pass/fail).

Issue #3 asks validation to peak at no more memory than native:joinattributesbylocation.  This
runs, as whole qgis_process.bin processes under /usr/bin/time -v on bench_validate's data, the
first steps validate takes before any rule (scripts/memory_floor_plugin, installed only into
out/bench-floor/plugins): reading the pins' geometry, or every attribute the rules read; locating
them in the full-resolution tambons; loading DOPA's code list.  Rounds of every command in turn,
with qgis_process startup, the native join and the whole validate in the same rounds; medians.

Usage: .venv/bin/python scripts/bench_memory_floor.py [--pins 100000] [--repeat 3]
(`make bench-memory-floor`).  Needs the data of `make bench-validate` (made if missing).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_validate as bv  # noqa: E402

#: (label, steps, extra environment): each a floor under the whole validate
FLOORS = (
    ("algorithm run, no work", "run", {}),
    ("read pins: geometry only", "read_xy", {}),
    ("read geometry + locate", "read_xy,locate", {}),
    ("read geometry + locate, 1 thread", "read_xy,locate", {"CITIZEN_PINS_THREADS": "1"}),
    ("read geometry + locate + DOPA", "read_xy,locate,dopa", {}),
    ("read every column + locate + DOPA", "read_all,locate,dopa", {}),
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pins", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", default=str(bv.REPO / "out" / "bench"),
                    help="bench_validate's directory (pins and merged tambons)")
    ap.add_argument("--out", default=str(bv.REPO / "out" / "bench-floor"))
    a = ap.parse_args(argv)
    data, out = Path(a.data), Path(a.out)
    data.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    tambons = bv.merged_tambons(data)
    pins = bv.generate_pins(tambons, a.pins, data)
    plugins = bv.plugin_dir(out)
    shutil.copytree(Path(__file__).resolve().parent / "memory_floor_plugin",
                    plugins / "citizen_pins_floor")
    env = bv.environment(out, plugins, with_shapely=True)
    for plugin in ("citizen_pins", "citizen_pins_floor"):
        subprocess.run([bv.QGIS_PROCESS, "plugins", "enable", plugin], env=env, capture_output=True)

    def floor(steps, extra):
        r = bv.timed(["--json", "run", "citizen_pins_floor:floor", "--", f"PINS={pins}",
                      f"TAMBONS={tambons}", f"STEPS={steps}"], dict(env, **extra))
        text = r.pop("stdout")
        r["inside"] = json.loads(text[text.index("{"):])["results"]["RSS"]
        return r

    commands = [("qgis_process startup (list)", lambda: bv.timed(["list"], env)),
                ("native:joinattributesbylocation", lambda: bv.native_join(pins, tambons, out, env))]
    commands += [(label, lambda s=steps, e=extra: floor(s, e)) for label, steps, extra in FLOORS]
    commands.append(("citizen_pins:validate (all rules)", lambda: bv.ours(pins, tambons, out, env)))
    runs = {label: [] for label, _ in commands}
    for _ in range(max(1, a.repeat)):
        for label, run in commands:
            runs[label].append(run())
    joins = runs["native:joinattributesbylocation"]
    join = float(np.median([r["peak_mb"] for r in joins]))
    join_s = float(np.median([r["seconds"] for r in joins]))
    join_cpu = float(np.median([r["cpu_s"] for r in joins]))
    print(f"\n{a.pins:,} pins, whole qgis_process runs, median of {max(1, a.repeat)} (each run in "
          f"brackets); ratio to the native join. Peak RSS, then wall and CPU seconds (the same "
          f"steps are a floor under validate's time too):")
    report = {}
    for label, results in runs.items():
        peaks = [r["peak_mb"] for r in results]
        walls = [r["seconds"] for r in results]
        cpus = [r["cpu_s"] for r in results]
        med, wall, cpu = (float(np.median(v)) for v in (peaks, walls, cpus))
        report[label] = {"peak_mb": med, "runs_peak_mb": peaks, "seconds": wall,
                         "runs_seconds": walls, "cpu_s": cpu, "runs_cpu_s": cpus,
                         "inside": results[len(results) // 2].get("inside")}
        print(f"  {label:36s} {med:7.1f} MB  {med / join:5.2f}x  "
              f"[{', '.join(f'{p:.1f}' for p in peaks)}]   {wall:5.2f} s {wall / join_s:5.2f}x  "
              f"CPU {cpu:5.2f} s {cpu / join_cpu:5.2f}x  [{', '.join(f'{w:.2f}' for w in walls)}]")
    print("  resident/peak MB inside the algorithm after each step (one run of each):")
    for label, r in report.items():
        if r["inside"]:
            print(f"    {label}: {r['inside']}")
    (out / "floor.json").write_text(json.dumps(report, indent=2))
    print(f"\nwritten {out / 'floor.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
