#!/usr/bin/env python3
"""Benchmark of citizen_pins:access (issue 20) against what a QGIS user would run, as whole
qgis_process runs (start-up included) in rounds of every command in turn, medians reported.
Figures, not pass/fail.

* **straight line**: all 7,425 tambons of the country (the simplified national layer) to the
  nearest of N pins (default 100,000, generated inside random tambons), against
  ``native:joinbynearest`` (1 neighbour) from the same tambon points (centroids, or a point on
  the surface) to the same pins.  Target: <= 0.5x.
* **road network**: a synthetic grid of G x G nodes 0.001° apart (G = 708: 1,001,112 edges, each a
  2-vertex line feature, random speeds with 5 % NULL, 10 % one way), P places (default 7,425) and
  100 pins on it; ``citizen_pins:access`` measures every place in one run, QGIS's
  ``native:shortestpathlayertopoint`` routes K of the same places (default 20) to one pin.
  Per-place rate = places / seconds of the whole run.  Target: ours >= 20x the native rate.

Both geometry engines users get are measured: shapely built on QGIS's GEOS (``make geos-shapely``)
and QGIS's own (``CITIZEN_PINS_ENGINE=qgis``, what Debian's qgis_process gives without it).

Usage: scripts/bench_access.py [--repeat 3] [--pins 100000] [--grid 708] [--places 7425]
       [--native-places 20] [--skip-network] [--skip-straight]
Writes out/bench_access/access.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import bench_validate as bv  # noqa: E402  (the whole-process runner, the plugin as installed)

GRID_X0, GRID_Y0, GRID_STEP = 100.0, 14.0, 0.001
SEED = 2025


def _layer(path: Path, name: str, geom_type, fields, epsg: int = 4326):
    from osgeo import ogr, osr

    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer(name, srs, geom_type, ["SPATIAL_INDEX=YES"])
    for fname, kind in fields:
        lyr.CreateField(ogr.FieldDefn(fname, kind))
    return ds, lyr


def tambons(out: Path) -> Path:
    """The 7,425 national tambons as a GeoPackage of one layer."""
    from osgeo import gdal

    target = out / "tambons.gpkg"
    if not target.exists():
        gdal.VectorTranslate(str(target), str(bv.shared() / "data" / "boundaries" /
                                              "thailand_admin_simplified.gpkg"),
                             format="GPKG", layers=["adm3_tambon"], layerName="tambons")
    return target


def tambon_points(tambons_gpkg: Path, out: Path) -> Path:
    """The points citizen_pins:access measures the tambons from (the centroid, or a point on the
    surface when it falls outside), as a point layer: the native join's input.  Given the
    polygons, native:joinbynearest joins each tambon to every pin inside it (all at distance 0:
    100,000 rows), which is not the question."""
    import shapely
    from osgeo import ogr

    target = out / "tambon_points.gpkg"
    if target.exists():
        return target
    ds = ogr.Open(str(tambons_gpkg))
    geoms = shapely.from_wkb([bytes(f.GetGeometryRef().ExportToWkb()) for f in ds.GetLayer(0)])
    del ds
    c = shapely.centroid(geoms)
    outside = ~shapely.contains(geoms, c)
    c[outside] = shapely.point_on_surface(geoms[outside])
    _write_points(target, "tambons", shapely.get_x(c), shapely.get_y(c), "")
    return target


def pins_in_tambons(tambons_gpkg: Path, n: int, out: Path) -> Path:
    """n service points inside random tambons (uniform in each), made once per n."""
    import shapely
    from osgeo import ogr

    target = out / f"pins_{n}.gpkg"
    if target.exists():
        return target
    ds = ogr.Open(str(tambons_gpkg))
    geoms = np.asarray([shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))
                        for f in ds.GetLayer(0)], dtype=object)
    del ds
    shapely.prepare(geoms)
    bounds = shapely.bounds(geoms)
    rng = np.random.default_rng(SEED)
    which = rng.integers(0, len(geoms), n)
    xs, ys = np.empty(n), np.empty(n)
    todo = np.arange(n)
    while len(todo):
        b = bounds[which[todo]]
        x, y = rng.uniform(b[:, 0], b[:, 2]), rng.uniform(b[:, 1], b[:, 3])
        ok = shapely.contains_xy(geoms[which[todo]], x, y)
        xs[todo[ok]], ys[todo[ok]] = x[ok], y[ok]
        todo = todo[~ok]
    _write_points(target, "service_points", xs, ys, "health_facility")
    return target


def _write_points(path: Path, name: str, xs, ys, point_type: str) -> None:
    from osgeo import ogr

    tmp = path.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    ds, lyr = _layer(tmp, name, ogr.wkbPoint, [("pin_id", ogr.OFTString),
                                              ("name_th", ogr.OFTString),
                                              ("point_type", ogr.OFTString)])
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    for i, (x, y) in enumerate(zip(np.asarray(xs).tolist(), np.asarray(ys).tolist())):
        f = ogr.Feature(defn)
        f.SetField(0, f"p{i}")
        f.SetField(1, f"จุดให้บริการ {i}")
        f.SetField(2, point_type)
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(x, y)
        f.SetGeometry(g)
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    del ds
    tmp.rename(path)


def grid_network(out: Path, g: int) -> Path:
    """A g x g grid, one 2-vertex line per edge: speed km/h (5 % NULL), oneway (10 % 'yes')."""
    from osgeo import ogr

    target = out / f"grid_{g}.gpkg"
    if target.exists():
        return target
    tmp = target.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    rng = np.random.default_rng(SEED)
    ds, lyr = _layer(tmp, "roads", ogr.wkbLineString, [("speed", ogr.OFTReal),
                                                       ("oneway", ogr.OFTString)])
    defn = lyr.GetLayerDefn()
    edges = 2 * g * (g - 1)
    speed = rng.choice([30.0, 50.0, 80.0], edges)
    null = rng.random(edges) < 0.05
    oneway = rng.random(edges) < 0.10
    ds.StartTransaction()
    k = 0
    for i in range(g):
        for j in range(g):
            for di, dj in ((1, 0), (0, 1)):
                if i + di >= g or j + dj >= g:
                    continue
                f = ogr.Feature(defn)
                if not null[k]:
                    f.SetField(0, float(speed[k]))
                f.SetField(1, "yes" if oneway[k] else "no")
                line = ogr.Geometry(ogr.wkbLineString)
                line.AddPoint_2D(GRID_X0 + GRID_STEP * i, GRID_Y0 + GRID_STEP * j)
                line.AddPoint_2D(GRID_X0 + GRID_STEP * (i + di), GRID_Y0 + GRID_STEP * (j + dj))
                f.SetGeometry(line)
                lyr.CreateFeature(f)
                k += 1
        if i % 100 == 99:
            ds.CommitTransaction()
            ds.StartTransaction()
    ds.CommitTransaction()
    del ds
    tmp.rename(target)
    return target


def grid_points(out: Path, g: int, places: int, native_places: int):
    """(places, the first native_places of them, 100 pins) on the grid, made once."""
    rng = np.random.default_rng(SEED + 1)
    span = GRID_STEP * (g - 1)
    paths = []
    for name, n in (("places", places), ("pins", 100)):
        path = out / f"grid_{g}_{name}_{n}.gpkg"
        xs = GRID_X0 + rng.uniform(0, span, n)
        ys = GRID_Y0 + rng.uniform(0, span, n)
        if not path.exists():
            _write_points(path, name, xs, ys, "health_facility")
        paths.append((path, xs, ys))
    (pl, px, py), (pn, nx, ny) = paths
    sub = out / f"grid_{g}_places_{native_places}.gpkg"
    if not sub.exists():
        _write_points(sub, "places", px[:native_places], py[:native_places], "health_facility")
    return pl, sub, pn, (float(nx[0]), float(ny[0]))


def fresh(path: Path) -> Path:
    """``path``, removed if a previous run left it."""
    if path.exists():
        path.unlink()
    return path


def project_file(out: Path) -> Path:
    """An empty QGIS project (EPSG:4326, WGS 84 ellipsoid): QGIS's network algorithms refuse to
    run without one, and measure on its ellipsoid."""
    target = out / "network.qgz"
    if not target.exists():
        from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject

        app = QgsApplication([], False)
        app.initQgis()
        project = QgsProject()
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        project.setEllipsoid("EPSG:7030")
        assert project.write(str(target)), target
        app.exitQgis()
    return target


def run_access(env, args) -> dict:
    r = bv.timed(["--json", "run", "citizen_pins:access", "--", *args], env)
    res = json.loads(r["stdout"][r["stdout"].index("{"):])["results"]
    r.update(engine=res["ENGINE"], places=res["PLACES_COUNT"], within=res["WITHIN"],
             unreachable=res["UNREACHABLE"], details=json.loads(res["DETAILS"]))
    return r


def medians(runs: dict) -> dict:
    out = {}
    for name, results in runs.items():
        r = dict(results[len(results) // 2])
        r.pop("stdout", None)
        r["seconds"] = round(float(np.median([x["seconds"] for x in results])), 2)
        r["peak_mb"] = round(float(np.median([x["peak_mb"] for x in results])), 1)
        r["runs_seconds"] = [x["seconds"] for x in results]
        out[name] = r
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pins", type=int, default=100_000)
    ap.add_argument("--grid", type=int, default=708)
    ap.add_argument("--places", type=int, default=7425)
    ap.add_argument("--native-places", type=int, default=20)
    ap.add_argument("--skip-straight", action="store_true")
    ap.add_argument("--skip-network", action="store_true")
    ap.add_argument("--out", default=str(REPO / "out" / "bench_access"))
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    if not (bv.SHAPELY_PATH / "shapely").is_dir():
        sys.exit(f"no shapely built on QGIS's GEOS in {bv.SHAPELY_PATH}: run `make geos-shapely`")
    t = time.time()
    plugins = bv.plugin_dir(out)
    envs = {"shapely": bv.environment(out, plugins, with_shapely=True),
            "qgis": bv.environment(out, plugins, with_shapely=False)}
    import subprocess

    subprocess.run([bv.QGIS_PROCESS, "plugins", "enable", "citizen_pins"], env=envs["qgis"],
                   capture_output=True)
    commands = [("startup", lambda: bv.timed(["list"], envs["qgis"]))]

    def ours(kind, args):
        """citizen_pins:access with each engine, as (name, run) commands."""
        return [(f"access_{kind}_{engine}", lambda engine=engine: run_access(envs[engine], [
            *args, f"OUTPUT={fresh(out / f'access_{kind}_{engine}.gpkg')}"]))
            for engine in ("shapely", "qgis")]

    report: dict = {"repeat": a.repeat}
    if not a.skip_straight:
        tb = tambons(out)
        points = tambon_points(tb, out)
        pins = pins_in_tambons(tb, a.pins, out)
        report["straight"] = {"pins": a.pins, "tambons": 7425}

        commands.append(("joinbynearest", lambda: bv.timed([
            "run", "native:joinbynearest", "--", f"INPUT={points}", f"INPUT_2={pins}",
            "NEIGHBORS=1", f"OUTPUT={fresh(out / 'joined.gpkg')}"], envs["qgis"])))
        commands += ours("straight", [f"INPUT={pins}", f"PLACES={tb}"])
    if not a.skip_network:
        net = grid_network(out, a.grid)
        places, few, grid_pins, end = grid_points(out, a.grid, a.places, a.native_places)
        project = project_file(out)
        report["network"] = {"grid": a.grid, "edges": 2 * a.grid * (a.grid - 1),
                             "places": a.places, "native_places": a.native_places, "pins": 100}
        commands.append(("shortestpathlayertopoint", lambda: bv.timed([
            "run", "native:shortestpathlayertopoint", f"--PROJECT_PATH={project}", "--",
            f"INPUT={net}", "STRATEGY=0", "DIRECTION_FIELD=oneway", "VALUE_FORWARD=yes",
            "VALUE_BACKWARD=", "VALUE_BOTH=no", "DEFAULT_DIRECTION=2", "SPEED_FIELD=speed",
            "DEFAULT_SPEED=50", "TOLERANCE=0", f"START_POINTS={few}",
            f"END_POINT={end[0]!r},{end[1]!r} [EPSG:4326]",
            f"OUTPUT={fresh(out / 'routes.gpkg')}"], envs["qgis"])))
        commands += ours("network", [f"INPUT={grid_pins}", f"PLACES={places}", "MODE=1",
                                     f"NETWORK={net}", "SPEED_FIELD=speed",
                                     "DIRECTION_FIELD=oneway", "DEFAULT_SPEED=50"])
    print(f"data and plugin ready in {time.time() - t:.0f} s")
    runs: dict = {name: [] for name, _ in commands}
    for _ in range(max(1, a.repeat)):  # a busy moment of a shared machine falls on all of them
        for name, run in commands:
            runs[name].append(run())
            print(f"  {name}: {runs[name][-1]['seconds']:.2f} s", flush=True)
    m = medians(runs)
    report["runs"] = m
    print(f"\nwhole qgis_process runs, median of {max(1, a.repeat)} (every run in access.json):")
    print(f"  qgis_process startup only (list)   {m['startup']['seconds']:7.2f} s")
    if "joinbynearest" in m:
        j = m["joinbynearest"]
        print(f"  straight line: 7,425 tambons -> nearest of {a.pins:,} pins")
        print(f"    native:joinbynearest             {j['seconds']:7.2f} s  peak {j['peak_mb']:7.1f} MB")
        for engine in ("shapely", "qgis"):
            r = m[f"access_straight_{engine}"]
            ratio = r["seconds"] / j["seconds"]
            report["straight"][f"ratio_{engine}"] = round(ratio, 3)
            print(f"    citizen_pins:access ({r['engine']:13s}) {r['seconds']:7.2f} s  peak "
                  f"{r['peak_mb']:7.1f} MB  ratio {ratio:.2f}x (target <= 0.5)")
    if "shortestpathlayertopoint" in m:
        nat = m["shortestpathlayertopoint"]
        native_rate = a.native_places / nat["seconds"]
        print(f"  network: {report['network']['edges']:,} edges, {a.places:,} places, 100 pins")
        print(f"    native:shortestpathlayertopoint, {a.native_places} places to 1 point "
              f"{nat['seconds']:7.2f} s  = {native_rate:.3f} places/s")
        for engine in ("shapely", "qgis"):
            r = m[f"access_network_{engine}"]
            rate = a.places / r["seconds"]
            report["network"][f"rate_{engine}"] = round(rate, 2)
            report["network"][f"ratio_{engine}"] = round(rate / native_rate, 1)
            print(f"    citizen_pins:access ({r['engine']:13s}), all {a.places:,} places "
                  f"{r['seconds']:7.2f} s  peak {r['peak_mb']:7.1f} MB  = {rate:.1f} places/s, "
                  f"{rate / native_rate:.0f}x the native rate (target >= 20x)")
        report["network"]["native_rate"] = round(native_rate, 4)
    (out / "access.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten {out / 'access.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
