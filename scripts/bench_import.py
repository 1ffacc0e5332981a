#!/usr/bin/env python3
"""Benchmark: citizen_pins:import of a large CSV against QGIS's own delimited-text provider.

Builds a CSV of N rows (default 100,000) from the real MOPH register: rows repeated with jittered
coordinates, new facility codes, and a share of the messy forms offices send (decimal commas,
degrees-minutes-seconds, Thai numerals, swapped columns, stray spaces, malformed codes).  Then, in
the same run and on the same file:

* QGIS: the delimited-text provider loads it as points (x=lon, y=lat) and every feature is
  iterated (what "Add delimited text layer" does), and once more without geometry;
* the importer: read, map, convert, match, write the pins and the per-row report to a new
  working copy (the whole of ``import_file``).

Prints both times and the ratio.  Figures only: nothing passes or fails.

    .venv/bin/python scripts/bench_import.py [--rows 100000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared"))
MOPH = SHARED / "data" / "service_points" / "moph_health_facilities.csv"
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def dms(value: float, hemi: str) -> str:
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return f"{d}°{m}'{s:.2f}\"{hemi}"


def make_csv(path: Path, rows: int, seed: int = 1, messy: float = 0.10) -> dict:
    """The benchmark CSV; returns how many rows got each kind of mess (``messy``: the share of
    rows made messy, 0.10 by default; 0: a clean list, every coordinate a plain decimal)."""
    f = messy / 0.10
    rnd = random.Random(seed)
    with open(MOPH, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        source = list(reader)
    i_code, i_name, i_lat, i_lon, i_tm = (header.index(c) for c in
                                          ("hoscode", "hosname", "lat", "lon", "tmcode"))
    kinds = {"plain": 0, "decimal_comma": 0, "dms": 0, "thai_numerals": 0, "swapped": 0,
             "spaces": 0, "bad_code": 0}
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for n in range(rows):
            row = list(source[n % len(source)])
            copy = n // len(source)
            row[i_code] = f"{n + 1:07d}"
            if copy:
                row[i_name] = f"{row[i_name]} {copy}"
                lat = float(row[i_lat]) + rnd.uniform(-0.01, 0.01)
                lon = float(row[i_lon]) + rnd.uniform(-0.01, 0.01)
                row[i_lat], row[i_lon] = f"{lat:.8f}", f"{lon:.8f}"
            r = rnd.random()
            if r < 0.03 * f:
                row[i_lat], row[i_lon] = row[i_lat].replace(".", ","), row[i_lon].replace(".", ",")
                kinds["decimal_comma"] += 1
            elif r < 0.05 * f:
                row[i_lat], row[i_lon] = dms(float(row[i_lat]), "N"), dms(float(row[i_lon]), "E")
                kinds["dms"] += 1
            elif r < 0.06 * f:
                row[i_lat], row[i_lon] = row[i_lat].translate(THAI), row[i_lon].translate(THAI)
                kinds["thai_numerals"] += 1
            elif r < 0.07 * f:
                row[i_lat], row[i_lon] = row[i_lon], row[i_lat]
                kinds["swapped"] += 1
            elif r < 0.09 * f:
                row[i_name] = f"  {row[i_name]}  "
                kinds["spaces"] += 1
            elif r < 0.10 * f:
                row[i_tm] = row[i_tm][:4] + "-"
                kinds["bad_code"] += 1
            else:
                kinds["plain"] += 1
            w.writerow(row)
    return kinds


def qgis_load(path: Path, points: bool) -> tuple:
    from qgis.core import QgsVectorLayer
    from qgis.PyQt.QtCore import QUrl, QUrlQuery

    url = QUrl.fromLocalFile(str(path))
    q = QUrlQuery()
    q.addQueryItem("type", "csv")
    q.addQueryItem("detectTypes", "yes")
    if points:
        for k, v in (("xField", "lon"), ("yField", "lat"), ("crs", "EPSG:4326")):
            q.addQueryItem(k, v)
    else:
        q.addQueryItem("geomType", "none")
    url.setQuery(q)
    t, c = time.perf_counter(), time.process_time()
    layer = QgsVectorLayer(bytes(url.toEncoded()).decode(), "bench", "delimitedtext")
    assert layer.isValid(), layer.dataProvider().error().message()
    n = 0
    with_geometry = 0
    for f in layer.getFeatures():
        n += 1
        if points and f.hasGeometry():
            with_geometry += 1
    return time.perf_counter() - t, n, with_geometry, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--keep", help="keep the CSV, working copy and report in this folder")
    ap.add_argument("--profile", help="write where the import's time goes (cProfile, top "
                                      "functions) to this file")
    args = ap.parse_args()
    if not MOPH.is_file():
        print(f"missing {MOPH}: put the project's shared/ folder next to the repository",
              file=sys.stderr)
        return 2

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    try:
        from citizen_pins.core.dopa import codes
        from citizen_pins.core.importer import ImportOptions, import_file, open_source, plan_import
        from citizen_pins.core.importer.admin_names import name_index

        work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_import_"))
        work.mkdir(parents=True, exist_ok=True)
        src = work / f"moph_{args.rows}.csv"
        kinds = make_csv(src, args.rows)
        size = src.stat().st_size / 1e6
        print(f"source: {src} ({args.rows} rows, {size:.1f} MB); "
              + ", ".join(f"{k} {v}" for k, v in kinds.items()))
        codes(), name_index()  # the code list loads once per QGIS session, not per import

        # warm the file cache for both contenders
        with open(src, "rb") as fh:
            while fh.read(1 << 20):
                pass
        t_pts, n_pts, n_geom, c_pts = qgis_load(src, points=True)
        t_none, n_none, _, c_none = qgis_load(src, points=False)
        print(f"QGIS delimited text, as points : {t_pts:6.2f} s  ({n_pts} features, "
              f"{n_geom} with a geometry)")
        print(f"QGIS delimited text, no geometry: {t_none:6.2f} s  ({n_none} features)")

        t = time.perf_counter()
        plan = plan_import(open_source(str(src)), ImportOptions())
        t_plan = time.perf_counter() - t

        wc = work / "bench.gpkg"
        if wc.exists():
            wc.unlink()
        prof = None
        if args.profile:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        t, c = time.perf_counter(), time.process_time()
        result = import_file(str(src), str(wc), ImportOptions(source_key="hoscode"))
        t_import, c_import = time.perf_counter() - t, time.process_time() - c
        if prof is not None:
            import io
            import pstats

            prof.disable()
            text = io.StringIO()
            pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(30)
            pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(30)
            Path(args.profile).write_text(text.getvalue())
        print(f"citizen_pins import (plan only) : {t_plan:6.2f} s  ({plan.summary()})")
        print(f"citizen_pins import (complete)  : {t_import:6.2f} s  ({result.plan.summary()}; "
              f"{result.written} pins + report written)")

        t = time.perf_counter()
        again = import_file(str(src), str(wc), ImportOptions(source_key="hoscode"))
        t_again = time.perf_counter() - t
        print(f"re-import of the same file      : {t_again:6.2f} s  ({again.written} pins added, "
              f"{again.counts['skipped']} rows skipped)")
        print(f"ratio import / QGIS as points   : {t_import / t_pts:5.1f}x")
        print(f"ratio import / QGIS no geometry : {t_import / t_none:5.1f}x")
        print(f"rows per second (import)        : {args.rows / t_import:,.0f}")
        print(f"CPU seconds: QGIS as points {c_pts:.2f}, no geometry {c_none:.2f}, import "
              f"{c_import:.2f} ({c_import / c_pts:.1f}x as points); the profile's overhead is "
              f"in the import's figures when --profile is given")
        sys.path.insert(0, str(REPO / "scripts"))
        from layer_digest import import_digest  # noqa: E402

        print(f"digest of the working copy after both imports (scripts/layer_digest.py "
              f"import_digest: pins, admin units, report): {import_digest(str(wc))}")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
