#!/usr/bin/env python3
"""`make bench-services`: figures for docs/services.md (not pass/fail).

* the in-place upgrade of a version-1 working copy holding the MOPH register (11,301 pins): time,
  and that no row of the pins changed;
* importing a CSV of N points x 3 services x 5 documents (one row per document);
* the Zero Copy status of every pin: in Python (point_statuses) and through the QGIS virtual field
  (what the map draws), on the imported working copy.

Synthetic services (names made up, the shape of the sample's), real pins (MOPH, Rayong and the
whole register).  Median of 3 runs where a run is cheap enough; wall-clock seconds on this machine.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "qgis"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402

APP = QgsApplication([], False)
APP.initQgis()

import validation_data as vd  # noqa: E402
from _services_data import copy_pins, make_version_1_working_copy  # noqa: E402
from citizen_pins.core import zero_copy as zc  # noqa: E402
from citizen_pins.core.importer.services_run import import_services  # noqa: E402
from citizen_pins.core.service_forms import STATUS_FIELD, add_to_project  # noqa: E402
from citizen_pins.core.service_tables import read_services, upgrade_working_copy  # noqa: E402
from citizen_pins.core.working_copy import create_working_copy, layer_uri  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared"))
MOPH = SHARED / "data" / "service_points" / "moph_health_facilities.csv"


def pins_hash(path: str) -> str:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT * FROM service_points ORDER BY fid").fetchall()
    return hashlib.sha1(repr(rows).encode()).hexdigest()


def bench_upgrade(tmp: Path) -> None:
    times = []
    for k in range(3):
        path = str(tmp / f"v1_{k}.gpkg")
        make_version_1_working_copy(path, "21")
        n = copy_pins(vd.moph_layer(str(MOPH)), path)
        before = pins_hash(path)
        t = time.perf_counter()
        result = upgrade_working_copy(path)
        times.append(time.perf_counter() - t)
        assert result.to_version == "2" and pins_hash(path) == before
    print(f"upgrade of a version-1 working copy with {n:,} pins: median {statistics.median(times):.2f} s "
          f"(runs {', '.join(f'{x:.2f}' for x in times)}); pins unchanged")


def services_csv(path: Path, pins) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("รหัสหมุด,ชื่องานบริการ,ชื่อเอกสาร,ฉบับจริง,สำเนา\n")
        for k, pin in enumerate(pins):
            for s in range(3):
                for d in range(5):
                    copies = 1 if (k + s + d) % 7 == 0 else 0
                    fh.write(f"{pin},งานบริการ {s + 1},เอกสาร {d + 1},1,{copies}\n")
                    rows += 1
    return rows


def bench_import_and_status(tmp: Path, limit: int = 1000) -> None:
    path = str(tmp / "pins.gpkg")
    create_working_copy(path)
    moph = vd.moph_layer(str(MOPH))
    moph.setSubsetString(f"$id <= {limit}")
    n = copy_pins(moph, path)
    ids = [f["pin_id"] for f in QgsVectorLayer(layer_uri(path), "p", "ogr").getFeatures()]
    src = tmp / "services.csv"
    rows = services_csv(src, ids)
    t = time.perf_counter()
    r = import_services(str(src), path)
    t_import = time.perf_counter() - t
    t = time.perf_counter()
    again = import_services(str(src), path)
    t_again = time.perf_counter() - t
    print(f"import of {rows:,} document rows ({n} pins x 3 services x 5 documents): {t_import:.2f} s "
          f"({r.added}); again: {t_again:.2f} s, {sum(again.added.values())} added")
    py, live = [], []
    for _ in range(3):
        t = time.perf_counter()
        data = read_services(path)
        statuses = zc.point_statuses(ids, data)
        py.append(time.perf_counter() - t)
        QgsProject.instance().clear()
        pins = QgsVectorLayer(layer_uri(path), "pins", "ogr")
        QgsProject.instance().addMapLayer(pins)
        add_to_project(path, pins, "th")
        t = time.perf_counter()
        got = {f["pin_id"]: f[STATUS_FIELD] for f in pins.getFeatures()}
        live.append(time.perf_counter() - t)
        assert got == {k: v.status for k, v in statuses.items()}
    counts = {s: sum(1 for v in statuses.values() if v.status == s) for s in zc.STATUS_KEYS}
    print(f"Zero Copy status of {n} pins ({len(data.services):,} services, "
          f"{len(data.documents):,} documents; {counts}): Python (read + status) median "
          f"{statistics.median(py):.3f} s; QGIS (joined from the status view) over every pin median "
          f"{statistics.median(live):.3f} s; both agree")
    QgsProject.instance().clear()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench_services_") as d:
        bench_upgrade(Path(d))
        bench_import_and_status(Path(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
