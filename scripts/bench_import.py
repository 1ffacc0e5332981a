#!/usr/bin/env python3
"""Benchmark: citizen_pins:import of a large CSV against QGIS's own delimited-text provider.

Builds a CSV of N rows (default 100,000) from the real MOPH register: rows repeated with jittered
coordinates, new facility codes, and a share of the messy forms offices send (decimal commas,
degrees-minutes-seconds, Thai numerals, swapped columns, stray spaces, malformed codes).  Then, in
the same run and on the same file:

* QGIS: the delimited-text provider loads it as points (x=lon, y=lat) and every feature is
  iterated (what "Add delimited text layer" does), and once more without geometry;
* the importer: read, map, convert, match, write the pins and the per-row report to a new
  working copy (the whole of ``import_file``), then the same file again (re-import);
* whole ``qgis_process`` runs under /usr/bin/time (wall, CPU user+sys, peak memory):
  ``citizen_pins:import`` into a new working copy against ``native:createpointslayerfromtable``
  writing a GeoPackage from the same file, on the messy CSV and on a clean one (no mess).

Every figure is a median of ``--repeat`` rounds, every ratio against the anchor measured in the
same rounds.  Figures only: nothing passes or fails.

    .venv/bin/python scripts/bench_import.py [--rows 100000] [--repeat 3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
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


def median(values):
    return statistics.median(values) if values else float("nan")


def in_process(args, src: Path, work: Path) -> dict:
    """QGIS's delimited-text provider and the importer in this process, ``--repeat`` rounds."""
    from citizen_pins.core.dopa import codes
    from citizen_pins.core.importer import ImportOptions, import_file, open_source, plan_import
    from citizen_pins.core.importer.admin_names import name_index

    codes(), name_index()  # the code list loads once per QGIS session, not per import
    with open(src, "rb") as fh:  # warm the file cache for both contenders
        while fh.read(1 << 20):
            pass
    runs = {k: [] for k in ("points", "none", "plan", "import", "reimport")}
    wc = work / "bench.gpkg"
    for r in range(max(1, args.repeat)):
        t_pts, n_pts, n_geom, c_pts = qgis_load(src, points=True)
        t_none, n_none, _, c_none = qgis_load(src, points=False)
        runs["points"].append((t_pts, c_pts))
        runs["none"].append((t_none, c_none))
        t, c = time.perf_counter(), time.process_time()
        plan = plan_import(open_source(str(src)), ImportOptions())
        runs["plan"].append((time.perf_counter() - t, time.process_time() - c))
        if wc.exists():
            wc.unlink()
        prof = None
        if args.profile and r == 0:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        t, c = time.perf_counter(), time.process_time()
        result = import_file(str(src), str(wc), ImportOptions(source_key="hoscode"))
        runs["import"].append((time.perf_counter() - t, time.process_time() - c))
        if prof is not None:
            import io
            import pstats

            prof.disable()
            text = io.StringIO()
            pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(30)
            pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(30)
            Path(args.profile).write_text(text.getvalue())
        t, c = time.perf_counter(), time.process_time()
        again = import_file(str(src), str(wc), ImportOptions(source_key="hoscode"))
        runs["reimport"].append((time.perf_counter() - t, time.process_time() - c))
        # keep only what is printed: a round's plans must not weigh on the next round's
        summary, written = plan.summary(), result.written
        added, skipped = again.written, again.counts["skipped"]
        del plan, result, again
    med = {k: (median([w for w, _ in v]), median([c for _, c in v])) for k, v in runs.items()}
    print(f"In this process, median of {max(1, args.repeat)} (wall s / CPU s):")
    print(f"  QGIS delimited text, as points  {med['points'][0]:6.2f} / {med['points'][1]:5.2f}  "
          f"({n_pts} features, {n_geom} with a geometry)")
    print(f"  QGIS delimited text, no geometry {med['none'][0]:6.2f} / {med['none'][1]:5.2f}  "
          f"({n_none} features)")
    print(f"  citizen_pins import, plan only   {med['plan'][0]:6.2f} / {med['plan'][1]:5.2f}  "
          f"({summary})")
    print(f"  citizen_pins import, complete    {med['import'][0]:6.2f} / {med['import'][1]:5.2f}  "
          f"({written} pins + report written)")
    print(f"  re-import of the same file       {med['reimport'][0]:6.2f} / {med['reimport'][1]:5.2f}  "
          f"({added} pins added, {skipped} rows skipped)")
    print(f"  ratio import / QGIS as points: {med['import'][0] / med['points'][0]:.2f}x wall, "
          f"{med['import'][1] / med['points'][1]:.2f}x CPU")
    sys.path.insert(0, str(REPO / "scripts"))
    from layer_digest import import_digest  # noqa: E402

    digest = import_digest(str(wc))
    print(f"  digest of the working copy after both imports (scripts/layer_digest.py --import): "
          f"{digest}")
    return {"runs": runs, "digest": digest}


def whole_processes(args, clean: Path, messy: Path, work: Path) -> dict:
    """Each import and its anchor as a whole qgis_process run under /usr/bin/time, ``--repeat``
    rounds of every command in turn: citizen_pins:import (a new working copy) against
    native:createpointslayerfromtable writing a GeoPackage from the same file."""
    sys.path.insert(0, str(REPO / "scripts"))
    from bench_validate import QGIS_PROCESS, environment, plugin_dir, timed  # noqa: E402

    plugins = plugin_dir(work)
    env = environment(work, plugins, with_shapely=False)
    env.pop("CITIZEN_PINS_ENGINE", None)
    env.pop("CITIZEN_PINS_TRACE", None)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "citizen_pins"], env=env,
                   capture_output=True)

    def native(src: Path) -> dict:
        target = work / f"native_{src.stem}.gpkg"
        target.unlink(missing_ok=True)
        return timed(["run", "native:createpointslayerfromtable", "--", f"INPUT={src}",
                      "XFIELD=lon", "YFIELD=lat", "TARGET_CRS=EPSG:4326", f"OUTPUT={target}"], env)

    def ours(src: Path) -> dict:
        target = work / f"import_{src.stem}.gpkg"
        target.unlink(missing_ok=True)
        for old in work.glob(f"import_{src.stem}_import_*.csv"):
            old.unlink()
        r = timed(["run", "citizen_pins:import", "--", f"INPUT={src}", f"OUTPUT={target}",
                   "SOURCE_KEY=hoscode", "SAVE_MAPPING=false"], env)
        r["target"] = str(target)
        return r

    jobs = {"startup (qgis_process list)": lambda: timed(["list"], env),
            "native, clean": lambda: native(clean), "import, clean": lambda: ours(clean),
            "native, messy": lambda: native(messy), "import, messy": lambda: ours(messy)}
    runs = {k: [] for k in jobs}
    for _ in range(max(1, args.repeat)):
        for k, job in jobs.items():
            runs[k].append(job())
    med = {k: {m: median([r[m] for r in v]) for m in ("seconds", "cpu_s", "peak_mb")}
           for k, v in runs.items()}
    print(f"Whole qgis_process runs, {args.rows} rows, median of {max(1, args.repeat)} "
          "(wall s / CPU s user+sys / peak MB):")
    for k, m in med.items():
        print(f"  {k:28s} {m['seconds']:6.2f} / {m['cpu_s']:5.2f} / {m['peak_mb']:6.1f}")
    for kind in ("clean", "messy"):
        a, b = med[f"import, {kind}"], med[f"native, {kind}"]
        print(f"  ratio import / native, {kind}: {a['seconds'] / b['seconds']:.2f}x wall, "
              f"{a['cpu_s'] / b['cpu_s']:.2f}x CPU, {a['peak_mb'] / b['peak_mb']:.2f}x memory")
    from layer_digest import import_digest  # noqa: E402

    digests = {kind: import_digest(runs[f"import, {kind}"][-1]["target"]) for kind in ("clean", "messy")}
    for kind, d in digests.items():
        print(f"  digest of the {kind} import (scripts/layer_digest.py --import): {d}")
    return {"median": med, "digests": digests,
            "runs": {k: [{m: r[m] for m in ("seconds", "cpu_s", "peak_mb")} for r in v]
                     for k, v in runs.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=3, help="rounds; medians are printed")
    ap.add_argument("--keep", help="keep the CSVs, working copies and reports in this folder")
    ap.add_argument("--profile", help="write where the import's time goes (cProfile, top "
                                      "functions, first round) to this file")
    ap.add_argument("--no-processes", action="store_true",
                    help="only the in-process comparison (no qgis_process runs)")
    ap.add_argument("--json", default=str(REPO / "out" / "bench" / "import.json"),
                    help="every run written here")
    args = ap.parse_args()
    if not MOPH.is_file():
        print(f"missing {MOPH}: put the project's shared/ folder next to the repository",
              file=sys.stderr)
        return 2

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    try:
        work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_import_"))
        work.mkdir(parents=True, exist_ok=True)
        messy = work / f"moph_{args.rows}.csv"
        clean = work / f"clean_{args.rows}.csv"
        kinds = make_csv(messy, args.rows)
        make_csv(clean, args.rows, messy=0.0)
        print(f"source: {messy} ({args.rows} rows, {messy.stat().st_size / 1e6:.1f} MB); "
              + ", ".join(f"{k} {v}" for k, v in kinds.items()) + f"; and {clean.name}, no mess")
        report = {"rows": args.rows, "repeat": args.repeat,
                  "in_process": in_process(args, messy, work)}
        if not args.no_processes:
            report["processes"] = whole_processes(args, clean, messy, work)
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1, default=str))
        print(f"every run: {args.json}")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
