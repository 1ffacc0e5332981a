#!/usr/bin/env python3
"""In-process driver for the validation benchmark data: phase times, peak memory, per-rule counts
and a SHA-256 over every field of every finding (to prove a speed change leaves findings alone).

Usage (after `make bench-validate` made out/bench/*.gpkg):
  PYTHONPATH=out/geos-shapely CITIZEN_PINS_ENGINE=shapely \
      .venv/bin/python scripts/profile_validate.py [--pins 100000] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def digest(findings) -> str:
    h = hashlib.sha256()
    for f in findings:
        h.update(repr((f.rule_id, f.severity, f.index, f.feature_id, f.pin_id, f.message_th,
                       f.message_en, f.expected, f.actual, f.distance_m, f.fix, f.x,
                       f.y)).encode("utf-8"))
    return h.hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pins", type=int, default=100_000)
    ap.add_argument("--bench", default=str(REPO / "out" / "bench"))
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--dump", help="write every finding to this file (JSON lines) to compare runs")
    a = ap.parse_args(argv)
    from citizen_pins.core import boundaries as bnd
    from citizen_pins.core import pins as pins_mod
    from citizen_pins.core.context import Settings
    from citizen_pins.core.dopa import codes
    from citizen_pins.core.validate import counts_per_rule, validate

    bench = Path(a.bench)
    prof = cProfile.Profile() if a.profile else None
    if prof:
        prof.enable()
    t0 = time.perf_counter()
    pins = pins_mod.read_ogr_arrow(str(bench / f"pins_{a.pins}.gpkg"), "service_points",
                                   present=list(pins_mod.PIN_FIELDS))
    t1 = time.perf_counter()
    index = bnd.from_ogr_stream(str(bench / "tambons_fullres.gpkg"), "tambons", "ADM3_PCODE",
                               points=(pins.x, pins.y))
    t2 = time.perf_counter()
    dopa = codes()
    findings = validate(pins, index, dopa, Settings())
    t3 = time.perf_counter()
    if prof:
        prof.disable()
    counts = {k: v for k, v in counts_per_rule(findings).items() if v}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pins": a.pins, "engine": index.engine_name, "read_pins_s": round(t1 - t0, 2),
                      "boundaries_s": round(t2 - t1, 2), "validate_s": round(t3 - t2, 2),
                      "total_s": round(t3 - t0, 2), "peak_mb": round(peak),
                      "findings": len(findings), "counts": counts,
                      "sha256": digest(findings)}, indent=1))
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as out:
            for f in findings:
                out.write(json.dumps([f.rule_id, f.severity, f.index, f.feature_id, f.pin_id,
                                      f.message_th, f.message_en, f.expected, f.actual, f.distance_m,
                                      f.fix, f.x, f.y], ensure_ascii=False) + "\n")
    if prof:
        pstats.Stats(prof).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main())
