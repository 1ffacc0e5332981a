"""Working copies with services for the tests: made by the real code, filled through real layers."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from citizen_pins.core import schema
from citizen_pins.core.service_tables import table_uri
from citizen_pins.core.working_copy import layer_uri

REPO = Path(__file__).resolve().parents[2]
#: The last commit before services existed: its code makes a "version 1" working copy.
BEFORE_SERVICES = "3dcfefb"


def point_inside(boundaries_gpkg, tambon: str):
    """(lon, lat) of a point inside a tambon of the real boundaries (to place test pins: not a
    surveyed location)."""
    layer = QgsVectorLayer(f"{boundaries_gpkg}|layername=adm3_tambon", "b", "ogr")
    f = next(layer.getFeatures(f"\"ADM3_PCODE\" = 'TH{tambon}'"))
    p = f.geometry().pointOnSurface().asPoint()
    return p.x(), p.y()


def copy_pins(src: QgsVectorLayer, path: str) -> int:
    """The features of a layer in the pins' schema (e.g. the MOPH register) into a working copy."""
    target = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    feats = []
    for f in src.getFeatures():
        g = QgsFeature(target.fields())
        for name in src.fields().names():
            g[name] = f[name]
        g.setGeometry(f.geometry())
        feats.append(g)
    assert target.dataProvider().addFeatures(feats)[0]
    return len(feats)


def add_pin(path: str, name: str, x: float = 101.2805, y: float = 12.6815, **values) -> str:
    layer = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    f = QgsFeature(layer.fields())
    pin_id = values.pop("pin_id", None) or schema.new_pin_id()
    f["pin_id"], f["name_th"] = pin_id, name
    f["point_type"] = values.pop("point_type", "district_office")
    for k, v in values.items():
        f[k] = v
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
    ok, _ = layer.dataProvider().addFeatures([f])
    assert ok
    return pin_id


def add_records(path: str, table: str, rows: List[Dict]) -> List[str]:
    """Rows into a child table through its OGR layer; keys are made when missing."""
    t = schema.child_table(table)
    layer = QgsVectorLayer(table_uri(path, table), table, "ogr")
    assert layer.isValid(), table
    feats, ids = [], []
    for r in rows:
        f = QgsFeature(layer.fields())
        r = dict(r)
        r.setdefault(t.key, schema.new_record_id())
        for k, v in r.items():
            f[k] = v
        ids.append(r[t.key])
        feats.append(f)
    ok, _ = layer.dataProvider().addFeatures(feats)
    assert ok, layer.dataProvider().errors()
    return ids


def service_with(path: str, pin_id: str, name: str, documents=(), steps=(), **service) -> str:
    sid = add_records(path, schema.SERVICES, [dict(pin_id=pin_id, name_th=name, **service)])[0]
    if documents:
        add_records(path, schema.SERVICE_DOCUMENTS, [dict(service_id=sid, **d) for d in documents])
    if steps:
        add_records(path, schema.SERVICE_STEPS, [dict(service_id=sid, **s) for s in steps])
    return sid


def make_version_1_working_copy(path: str, province: str = "21") -> None:
    """A working copy made by the code of commit BEFORE_SERVICES (pins only, schema version 1):
    that commit's ``citizen_pins`` package taken from git history and run in its own Python."""
    old = Path(path).parent / "old_code"
    old.mkdir(exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", BEFORE_SERVICES, "citizen_pins"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1",
               CITIZEN_PINS_GEOTHAI_DATA=str(REPO / "citizen_pins" / "ext_libs" / "geothai" / "_data"))
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from qgis.core import QgsApplication; app = QgsApplication([], False); app.initQgis();"
            "from citizen_pins.core.working_copy import create_working_copy, SCHEMA_VERSION;"
            "assert SCHEMA_VERSION == '1';"
            "create_working_copy(sys.argv[2], sys.argv[3]); app.exitQgis()")
    proc = subprocess.run([sys.executable, "-c", code, str(old), path, province], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and os.path.isfile(path), proc.stdout + proc.stderr
