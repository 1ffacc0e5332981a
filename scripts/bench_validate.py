#!/usr/bin/env python3
"""Benchmark: citizen_pins:validate against QGIS's native:joinattributesbylocation (figures, not
pass/fail).

* merges the 68 full-resolution tambon files into one GeoPackage (all provinces that have one);
* generates N pins inside real tambons (uniformly per tambon, points rejected until inside), 95 %
  with their true codes and 5 % with wrong ones (another tambon of the same amphoe, a tambon of
  another province, a malformed code, an abolished code);
* runs, each as a whole process through /usr/bin/qgis_process.bin under /usr/bin/time -v:
  the native join (point in polygon, tambon code joined, first match) and citizen_pins:validate
  with every rule, on the same files; then validate on 1M pins;
* prints wall time and peak memory (max RSS) of each, the ratios, and writes out/bench/validate.json.

Usage: .venv/bin/python scripts/bench_validate.py [--pins 100000] [--big 1000000] [--qgis-engine]
Needs ../shared (or CITIZEN_PINS_SHARED) and shapely 2 in .venv (the plugin's fast engine).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
QGIS_PYTHON = "/usr/bin/python3"  # the interpreter QGIS embeds (Debian)
SHAPELY_PATH = Path(os.environ.get("CITIZEN_PINS_SHAPELY_PATH", REPO / "out" / "geos-shapely"))


def shared() -> Path:
    return Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()


def merged_tambons(out: Path) -> Path:
    """All full-resolution zips in one GeoPackage layer ``tambons`` (made once)."""
    from osgeo import gdal

    target = out / "tambons_fullres.gpkg"
    if target.exists():
        return target
    zips = sorted(glob.glob(str(shared() / "data" / "boundaries" / "tambon_fullres" / "*.zip")))
    if not zips:
        sys.exit(f"no full-resolution tambons in {shared()}/data/boundaries/tambon_fullres")
    tmp = out / "tambons_fullres.tmp.gpkg"
    if tmp.exists():
        tmp.unlink()
    for k, z in enumerate(zips):
        shp = [m for m in zipfile.ZipFile(z).namelist() if m.endswith(".shp")][0]
        gdal.VectorTranslate(str(tmp), f"/vsizip/{z}/{shp}", format="GPKG", layerName="tambons",
                             accessMode="append" if k else None, geometryType="MULTIPOLYGON",
                             dstSRS="EPSG:4326")
    tmp.rename(target)
    return target


def generate_pins(tambons: Path, n: int, out: Path, seed: int = 2024) -> Path:
    """n pins inside real tambons, 5 % with wrong codes (made once per n)."""
    import shapely
    from osgeo import ogr, osr

    target = out / f"pins_{n}.gpkg"
    if target.exists():
        return target
    ds = ogr.Open(str(tambons))
    lyr = ds.GetLayer(0)
    codes, geoms = [], []
    for f in lyr:
        codes.append(str(f.GetField("ADM3_PCODE"))[2:])
        geoms.append(shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb())))
    del ds
    geoms = np.asarray(geoms, dtype=object)
    shapely.prepare(geoms)
    bounds = shapely.bounds(geoms)
    rng = np.random.default_rng(seed)
    which = rng.integers(0, len(geoms), n)
    xs = np.empty(n)
    ys = np.empty(n)
    todo = np.arange(n)
    while len(todo):
        b = bounds[which[todo]]
        x = rng.uniform(b[:, 0], b[:, 2])
        y = rng.uniform(b[:, 1], b[:, 3])
        ok = shapely.contains_xy(geoms[which[todo]], x, y)
        xs[todo[ok]], ys[todo[ok]] = x[ok], y[ok]
        todo = todo[~ok]
    tambon = np.asarray(codes, dtype=object)[which]
    # 5 % wrong codes, four kinds
    by_amphoe = {}
    for c in codes:
        by_amphoe.setdefault(c[:4], []).append(c)
    wrong = rng.random(n) < 0.05
    kind = rng.integers(0, 4, n)
    abolished = ["530306", "104701", "360411", "210199"]
    declared_t = tambon.copy()
    for i in np.nonzero(wrong)[0].tolist():
        k = kind[i]
        if k == 0:
            sib = [c for c in by_amphoe[tambon[i][:4]] if c != tambon[i]]
            declared_t[i] = sib[rng.integers(0, len(sib))] if sib else codes[rng.integers(0, len(codes))]
        elif k == 1:
            declared_t[i] = codes[rng.integers(0, len(codes))]
        elif k == 2:
            declared_t[i] = tambon[i][:4] + "-"
        else:
            declared_t[i] = abolished[rng.integers(0, len(abolished))]
    tmp = out / f"pins_{n}.tmp.gpkg"
    if tmp.exists():
        tmp.unlink()
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(str(tmp))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("service_points", srs, ogr.wkbPoint, ["SPATIAL_INDEX=YES"])
    for name in ("pin_id", "name_th", "point_type", "province_code", "amphoe_code", "tambon_code"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    for i in range(n):
        f = ogr.Feature(defn)
        t = declared_t[i]
        f.SetField(0, str(uuid.UUID(int=int(i) + 1)))
        f.SetField(1, f"จุดให้บริการ {i}")
        f.SetField(2, "school")
        f.SetField(3, t[:2])
        f.SetField(4, t[:4])
        f.SetField(5, t)
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float(xs[i]), float(ys[i]))
        f.SetGeometry(g)
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    del ds
    tmp.rename(target)
    return target


def precompile(plugins: Path) -> None:
    """The plugin's modules compiled to bytecode by the Python QGIS runs, as Python does on a
    user's first start (the plugin folder is theirs).  The Makefile exports
    PYTHONDONTWRITEBYTECODE (a clean tree), under which every benchmark run compiled the plugin's
    82 modules again: 0.11 s of each `qgis_process` start, the anchors' runs included, which no
    user pays after the first start (measured: `list` 1.10-1.21 s against 0.96-1.02 s)."""
    subprocess.run([QGIS_PYTHON, "-m", "compileall", "-q", str(plugins)], check=True,
                   stdout=subprocess.DEVNULL)


def plugin_dir(out: Path) -> Path:
    """The plugin as QGIS installs it (the packaged zip, unzipped, its bytecode compiled as on a
    user's first start: :func:`precompile`)."""
    sys.path.insert(0, str(REPO / "scripts"))
    import package  # scripts/package.py (the foundation's packager)

    version = re.search(r"^version=(.+)$", (REPO / "metadata.txt").read_text(), re.M).group(1)
    plugins = out / "plugins"
    shutil.rmtree(plugins, ignore_errors=True)
    plugins.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as d:
        z = package.build(version.strip(), Path(d))
        with zipfile.ZipFile(z) as zf:
            zf.extractall(plugins)
    precompile(plugins)
    return plugins


def environment(out: Path, plugins: Path, with_shapely: bool) -> dict:
    home = out / "home"
    runtime = out / "runtime"
    home.mkdir(exist_ok=True)
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, QGIS_PLUGINPATH=str(plugins), HOME=str(home), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(runtime), PYTHONDONTWRITEBYTECODE="1")
    for var in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "CITIZEN_PINS_ENGINE"):
        env.pop(var, None)
    env.pop("PYTHONPATH", None)
    env["CITIZEN_PINS_TRACE"] = "1"  # citizen_pins:validate logs its phases (read by ours())
    if with_shapely:
        # shapely 2 built on QGIS's own GEOS (make bench-validate builds it): a PyPI wheel carries
        # another GEOS, which crashes inside qgis_process, so the plugin would not use it.
        env["PYTHONPATH"] = str(SHAPELY_PATH)
    else:
        env["CITIZEN_PINS_ENGINE"] = "qgis"
    return env


def timed(args, env) -> dict:
    """Run a command under /usr/bin/time -v: wall seconds, peak RSS (MB), output tail."""
    cmd = ["/usr/bin/time", "-v", QGIS_PROCESS, *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    # CPU seconds (user + system) move much less than wall time with a shared machine's load
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", proc.stderr).group(1))
              for k in ("User", "System"))
    return {"seconds": round(seconds, 2), "peak_mb": round(rss / 1024, 1), "cpu_s": round(cpu, 2),
            "stdout": proc.stdout}


def native_join(pins: Path, tambons: Path, out: Path, env: dict) -> dict:
    target = out / "joined.gpkg"
    if target.exists():
        target.unlink()
    return timed(["run", "native:joinattributesbylocation", "--",
                  f"INPUT={pins}|layername=service_points", f"JOIN={tambons}|layername=tambons",
                  "PREDICATE=0", "JOIN_FIELDS=ADM3_PCODE", "METHOD=1", "DISCARD_NONMATCHING=false",
                  f"OUTPUT={target}"], env)


def ours(pins: Path, tambons: Path, out: Path, env: dict) -> dict:
    target = out / f"findings_{pins.stem}.gpkg"
    if target.exists():
        target.unlink()
    r = timed(["--json", "run", "citizen_pins:validate", "--",
               f"INPUT={pins}|layername=service_points", f"BOUNDARIES={tambons}|layername=tambons",
               f"OUTPUT={target}"], env)
    out = json.loads(r["stdout"][r["stdout"].index("{"):])
    res = out["results"]
    r.update(errors=res["ERRORS"], warnings=res["WARNINGS"], engine=res["ENGINE"],
             pins=res["PINS"], counts=json.loads(res["COUNTS"]))
    # the algorithm's own phase lines (CITIZEN_PINS_TRACE=1): seconds since it started
    log = out.get("log", {})
    lines = log.get("info", []) if isinstance(log, dict) else []
    r["phases"] = {m.group(1): float(m.group(2)) for m in
                   (re.match(r"phase (.+?): ([\d.]+) s", line) for line in lines) if m}
    return r


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pins", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=1_000_000, help="0 to skip the 1M run")
    ap.add_argument("--qgis-engine", action="store_true",
                    help="also time the QGIS-engine fallback (no shapely) on --pins")
    ap.add_argument("--out", default=str(REPO / "out" / "bench"))
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds (each runs every command once, in turn); medians are reported")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    if not (SHAPELY_PATH / "shapely").is_dir():
        sys.exit(f"no shapely built on QGIS's GEOS in {SHAPELY_PATH}: run `make bench-validate` "
                 "(it builds one), or set CITIZEN_PINS_SHAPELY_PATH")
    t = time.time()
    tambons = merged_tambons(out)
    pins = generate_pins(tambons, a.pins, out)
    big = generate_pins(tambons, a.big, out) if a.big else None
    print(f"data ready in {time.time() - t:.0f} s: {tambons.name}, {pins.name}"
          + (f", {big.name}" if big else ""))
    plugins = plugin_dir(out)
    env = environment(out, plugins, with_shapely=True)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "citizen_pins"], env=env,  # 1 if enabled
                   capture_output=True)

    report = {"pins": a.pins, "repeat": a.repeat}
    commands = [
        # what every qgis_process run pays before any algorithm (QGIS, providers, plugins)
        ("startup", lambda: timed(["list"], env)),
        ("native_join", lambda: native_join(pins, tambons, out, env)),
        ("validate", lambda: ours(pins, tambons, out, env)),
    ]
    if a.qgis_engine:
        commands.append(("validate_qgis_engine", lambda: ours(
            pins, tambons, out, environment(out, plugins, with_shapely=False))))
    if big is not None:
        commands.append(("validate_big", lambda: ours(big, tambons, out, env)))
        report["big_pins"] = a.big
        if a.qgis_engine:
            commands.append(("validate_qgis_engine_big", lambda: ours(
                big, tambons, out, environment(out, plugins, with_shapely=False))))
    # rounds of every command in turn: a busy moment of a shared machine falls on all of them
    runs: dict = {name: [] for name, _ in commands}
    for _ in range(max(1, a.repeat)):
        for name, run in commands:
            runs[name].append(run())
    for name, results in runs.items():
        r = dict(results[len(results) // 2])  # the other fields from one run
        r["seconds"] = round(float(np.median([x["seconds"] for x in results])), 2)
        r["peak_mb"] = round(float(np.median([x["peak_mb"] for x in results])), 1)
        r["cpu_s"] = round(float(np.median([x["cpu_s"] for x in results])), 2)
        r["runs_cpu_s"] = [x["cpu_s"] for x in results]
        r["runs_seconds"] = [x["seconds"] for x in results]
        r["runs_peak_mb"] = [x["peak_mb"] for x in results]
        if results[0].get("counts") is not None:
            assert all(x["counts"] == results[0]["counts"] for x in results), name
        report[name] = r
    for v in report.values():
        if isinstance(v, dict):
            v.pop("stdout", None)
    nj, va = report["native_join"], report["validate"]
    report["time_ratio"] = round(va["seconds"] / nj["seconds"], 3)
    report["memory_ratio"] = round(va["peak_mb"] / nj["peak_mb"], 3)
    report["cpu_ratio"] = round(va["cpu_s"] / nj["cpu_s"], 3)
    if "validate_qgis_engine" in report:
        q = report["validate_qgis_engine"]
        report["qgis_engine_time_ratio"] = round(q["seconds"] / nj["seconds"], 3)
        report["qgis_engine_memory_ratio"] = round(q["peak_mb"] / nj["peak_mb"], 3)

    print(f"\n{a.pins:,} pins in {len(open_codes(tambons)):,} full-resolution tambons "
          f"(68 provinces), whole qgis_process runs, median of {max(1, a.repeat)}:")
    st = report["startup"]
    print(f"  qgis_process startup only (list)  {st['seconds']:7.2f} s  peak {st['peak_mb']:7.1f} MB")
    print(f"  native:joinattributesbylocation  {nj['seconds']:7.2f} s  peak {nj['peak_mb']:7.1f} MB")
    print(f"  citizen_pins:validate ({va['engine']}) {va['seconds']:7.2f} s  peak {va['peak_mb']:7.1f} MB"
          f"  ({va['errors']:,} errors, {va['warnings']:,} warnings)")
    if "validate_qgis_engine" in report:
        q = report["validate_qgis_engine"]
        print(f"  citizen_pins:validate (qgis)     {q['seconds']:7.2f} s  peak {q['peak_mb']:7.1f} MB"
              f"  (engine {q['engine']})")
    print("  CPU seconds (user + system, median): " + ", ".join(
        f"{name} {report[name]['cpu_s']:.2f}" for name, _ in commands))
    print("  every run (s): " + "; ".join(
        f"{name} {', '.join(f'{x:.2f}' for x in report[name]['runs_seconds'])}"
        for name, _ in commands))
    print(f"  ratio ours/native: time {report['time_ratio']:.2f}x (target <= 0.4), "
          f"memory {report['memory_ratio']:.2f}x (target <= 1.10), CPU {report['cpu_ratio']:.2f}x")
    if "validate_qgis_engine" in report:
        print(f"  QGIS engine / native: time {report['qgis_engine_time_ratio']:.2f}x, "
              f"memory {report['qgis_engine_memory_ratio']:.2f}x")
    print(f"  above startup: time {va['seconds'] - st['seconds']:.2f} s vs "
          f"{nj['seconds'] - st['seconds']:.2f} s, memory {va['peak_mb'] - st['peak_mb']:.0f} MB vs "
          f"{nj['peak_mb'] - st['peak_mb']:.0f} MB")
    if "validate_qgis_engine" in report and report["validate_qgis_engine"]["counts"] != va["counts"]:
        print("  WARNING: the QGIS engine's counts differ from shapely's")
    for name, run in (("100k", va), ("big", report.get("validate_big"))):
        if run and run.get("phases"):
            print(f"  phases of citizen_pins:validate ({name}, seconds since it started): "
                  + ", ".join(f"{k} {v:.2f}" for k, v in run["phases"].items()))
    if big is not None:
        b = report["validate_big"]
        print(f"  {a.big:,} pins, citizen_pins:validate: {b['seconds']:.2f} s (target <= 8 s), "
              f"peak {b['peak_mb']:.1f} MB, {b['errors']:,} errors")
        if "validate_qgis_engine_big" in report:
            q = report["validate_qgis_engine_big"]
            print(f"  {a.big:,} pins, QGIS engine: {q['seconds']:.2f} s, peak {q['peak_mb']:.1f} MB")
    print("  findings per rule (100k): " + ", ".join(
        f"{k} {v}" for k, v in va["counts"].items() if v))
    (out / "validate.json").write_text(json.dumps(report, indent=2))
    print(f"\nwritten {out / 'validate.json'}")
    return 0


def open_codes(tambons: Path):
    from osgeo import ogr

    ds = ogr.Open(str(tambons))
    n = ds.GetLayer(0).GetFeatureCount()
    del ds
    return range(n)


if __name__ == "__main__":
    sys.exit(main())
