#!/usr/bin/env python3
"""National batch benchmark (issue 8): citizen_pins:validate_batch on all 77 provinces against
full-resolution tambons, next to QGIS's native:joinattributesbylocation on the same data, both as
whole qgis_process runs (start-up included).  Figures only: nothing passes or fails.

Data (built once into out/bench_batch/, reused afterwards):

* tambons: the 68 full-resolution province files merged, plus the simplified tambons of the 9
  provinces that have no full-resolution file (Chaiyaphum, Chiang Rai, Kalasin, Khon Kaen,
  Nakhon Ratchasima, Phetchabun, Sakon Nakhon, Ubon Ratchathani, Udon Thani), so that every
  province is covered and "outside every province" means abroad;
* pins: the MOPH register (11,301 facilities), one layer per declared province (77 layers, the
  way provincial working copies arrive) for the batch, and the same pins as one layer for the join.

Usage: scripts/bench_batch.py [--runs N]   (medians of N rounds, every run printed, and a
digest of the batch's findings and summary: scripts/layer_digest.py)
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
from layer_digest import layer_digest  # noqa: E402
SHAPELY_PATH = Path(os.environ.get("CITIZEN_PINS_SHAPELY_PATH", REPO / "out" / "geos-shapely"))
NO_FULLRES = ("30", "34", "36", "40", "41", "46", "47", "57", "67")


def build_data(out: Path) -> tuple:
    from osgeo import gdal, ogr
    from qgis.core import QgsApplication

    import validation_data as vd

    gdal.UseExceptions()
    shared = vd.shared_dir()
    tambons = out / "tambons_national.gpkg"
    pins = out / "moph_pins.gpkg"
    if tambons.exists() and pins.exists():
        return tambons, pins
    out.mkdir(parents=True, exist_ok=True)
    zips = sorted((shared / "data" / "boundaries" / "tambon_fullres").glob("*.zip"))
    tmp = tambons.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    for k, z in enumerate(zips):
        shp = [m for m in zipfile.ZipFile(z).namelist() if m.endswith(".shp")][0]
        gdal.VectorTranslate(str(tmp), f"/vsizip/{z}/{shp}", format="GPKG",
                             layerName="tambons", accessMode="append" if k else None,
                             geometryType="MULTIPOLYGON")
    where = "ADM1_PCODE IN ({})".format(", ".join(f"'TH{p}'" for p in NO_FULLRES))
    gdal.VectorTranslate(str(tmp), str(shared / "data" / "boundaries" /
                                       "thailand_admin_simplified.gpkg"),
                         format="GPKG", layerName="tambons", accessMode="append",
                         layers=["adm3_tambon"], where=where, geometryType="MULTIPOLYGON")
    tmp.rename(tambons)
    ds = ogr.Open(str(tambons))
    lyr = ds.GetLayer(0)
    print(f"tambons: {lyr.GetFeatureCount()} polygons ({len(zips)} full-resolution provinces, "
          f"{len(NO_FULLRES)} simplified)")
    del ds

    app = QgsApplication([], False)
    app.initQgis()
    national = vd.moph_layer(shared / "data" / "service_points" / "moph_health_facilities.csv")
    vd.write_gpkg(national, pins, "national")
    provinces = sorted({str(f["province_code"]).strip() for f in national.getFeatures()})
    for p in provinces:
        national.setSubsetString(f"\"province_code\" = '{p}'")
        name = f"p{p}" if re.fullmatch(r"[1-9][0-9]", p) else "p_other"
        vd.write_gpkg(national, pins, name)
    national.setSubsetString("")
    app.exitQgis()
    ogr.RegisterAll()  # exitQgis deregisters GDAL's drivers
    return tambons, pins


def qgis_env(root: Path) -> dict:
    import package

    version = re.search(r"^version=(.*)$", (REPO / "metadata.txt").read_text(), re.M).group(1)
    z = package.build(version, root / "dist")
    plugins = root / "plugins"
    with zipfile.ZipFile(z) as zf:
        zf.extractall(plugins)
    from bench_validate import precompile  # as on a user's first start

    precompile(plugins)
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, QGIS_PLUGINPATH=str(plugins), HOME=str(root / "home"),
               XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    for var in ("PYTHONPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(var, None)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "citizen_pins"], env=env, check=True,
                   capture_output=True)
    return env


def timed(env, args) -> tuple:
    """(seconds, peak RSS in MB, stdout, CPU seconds: user + system) of one whole qgis_process
    run (CPU seconds move much less than wall time with a shared machine's load)."""
    cmd = ["/usr/bin/time", "-f", "PEAK_KB=%M CPU=%U %S", QGIS_PROCESS, *args]
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args[:3])}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    peak = int(re.search(r"PEAK_KB=(\d+)", proc.stderr).group(1)) / 1024.0
    user, system = re.search(r"CPU=([\d.]+) ([\d.]+)", proc.stderr).groups()
    return dt, peak, proc.stdout, float(user) + float(system)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--out", default=str(REPO / "out" / "bench_batch"))
    ap.add_argument("--tolerance", type=float, default=100.0)
    args = ap.parse_args()
    out = Path(args.out)
    tambons, pins = build_data(out)
    from osgeo import ogr

    ds = ogr.Open(str(pins))
    layers = sorted(ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount()))
    n_pins = ds.GetLayerByName("national").GetFeatureCount()
    del ds
    per_province = [n for n in layers if n.startswith("p")]
    with tempfile.TemporaryDirectory() as root:
        env = qgis_env(Path(root))
        batch_args = ["--json", "run", "citizen_pins:validate_batch", "--"]
        batch_args += [f"INPUTS={pins}|layername={n}" for n in per_province]
        batch_args += [f"BOUNDARIES={tambons}|layername=tambons", f"TOLERANCE={args.tolerance}",
                       f"OUTPUT={Path(root) / 'findings.gpkg'}",
                       f"SUMMARY={Path(root) / 'summary.gpkg'}"]
        join_args = ["--json", "run", "native:joinattributesbylocation", "--",
                     f"INPUT={pins}|layername=national", f"JOIN={tambons}|layername=tambons",
                     "PREDICATE=0", "METHOD=1", "DISCARD_NONMATCHING=false",
                     f"OUTPUT={Path(root) / 'joined.gpkg'}"]
        single_args = ["--json", "run", "citizen_pins:validate", "--",
                       f"INPUT={pins}|layername=national", f"BOUNDARIES={tambons}|layername=tambons",
                       f"TOLERANCE={args.tolerance}", f"OUTPUT={Path(root) / 'findings.gpkg'}"]
        # the engine Debian's qgis_process gets (QGIS's own), and shapely on QGIS's GEOS
        # (make geos-shapely) as OSGeo4W's QGIS gets it
        shapely_env = dict(env, PYTHONPATH=str(SHAPELY_PATH)) if (SHAPELY_PATH / "shapely").is_dir() \
            else None
        commands = [("join", join_args, env), ("batch", batch_args, env), ("single", single_args, env)]
        if shapely_env is not None:
            commands.append(("batch_shapely", batch_args, shapely_env))
        runs = {k: [] for k, _, _ in commands}
        cpus = {k: [] for k, _, _ in commands}
        result, digests = {}, {}
        for _ in range(max(1, args.runs)):
            for key, a, e in commands:
                for f in ("findings.gpkg", "summary.gpkg", "joined.gpkg"):
                    p = Path(root) / f
                    if p.exists():
                        p.unlink()
                dt, peak, stdout, cpu = timed(e, a)
                runs[key].append((dt, peak))
                cpus[key].append(cpu)
                if key.startswith("batch"):
                    if key == "batch":
                        result = json.loads(stdout[stdout.index("{"):])["results"]
                    got = {f: layer_digest(str(Path(root) / f)) for f in ("findings.gpkg",
                                                                         "summary.gpkg")}
                    if digests and got != digests:
                        print(f"WARNING: the batch's outputs differ between runs ({key})")
                    digests = got
    med = {k: (statistics.median(t for t, _ in v), statistics.median(m for _, m in v))
           for k, v in runs.items()}
    tb, mb = med["batch"]
    tj, mj = med["join"]
    ts, ms = med["single"]
    print(f"pins: {n_pins} in {len(per_province)} province layers; tambons: {tambons.name}; "
          f"median of {max(1, args.runs)} whole qgis_process runs")
    print(f"citizen_pins:validate_batch  {tb:6.2f} s  peak {mb:6.0f} MB  "
          f"(engine {result.get('ENGINE')}, {result.get('ERRORS')} errors, "
          f"{result.get('WARNINGS')} warnings, {result.get('PROVINCES')} provinces)")
    print(f"native:joinattributesbylocation {tj:6.2f} s  peak {mj:6.0f} MB")
    print(f"citizen_pins:validate (the same pins as one layer) {ts:6.2f} s  peak {ms:6.0f} MB")
    if "batch_shapely" in med:
        tq, mq = med["batch_shapely"]
        print(f"citizen_pins:validate_batch, shapely engine {tq:6.2f} s  peak {mq:6.0f} MB: "
              f"{tq / tj:.2f}x time, {mq / mj:.2f}x memory")
    print("every run (s / MB): " + "; ".join(
        f"{k} " + ", ".join(f"{t:.2f}/{m:.0f}" for t, m in v) for k, v in runs.items()))
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    print("CPU seconds (user + system, median): " + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items())
          + f"; batch / join {cpu['batch'] / cpu['join']:.2f}x")
    print(f"ratio batch (engine {result.get('ENGINE')}) / native join: {tb / tj:.2f}x time, "
          f"{mb / mj:.2f}x memory (targets <= 0.5x, <= 1.2x)")
    print("digests (scripts/layer_digest.py): " + ", ".join(f"{k} {v}" for k, v in digests.items()))
    (out / "batch.json").write_text(json.dumps({"runs": runs, "median": med, "cpu": cpus, "result": result,
                                                "digests": digests}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
