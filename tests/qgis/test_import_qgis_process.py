"""The headline command, from the packaged plugin: `qgis_process run citizen_pins:import --
INPUT=list.csv OUTPUT=pins.gpkg` just works (no mapping given)."""
import json

import pytest
from qgis.core import QgsVectorLayer

pytestmark = pytest.mark.slow


def test_qgis_process_import_with_defaults(qgis_process, tmp_path):
    src = tmp_path / "list.csv"
    src.write_bytes("ชื่อหน่วยงาน,ละติจูด,ลองจิจูด,รหัสตำบล\n"
                    "ที่ว่าการอำเภอเมืองระยอง,12.6814,101.2816,210101\n"
                    "โรงเรียนบ้านเพ,\"12,6183\",101.4567,210401\n"
                    "ไม่มีพิกัด,,,210101\n".encode("cp874"))
    target = tmp_path / "pins.gpkg"
    proc = qgis_process("--json", "run", "citizen_pins:import", "--", f"INPUT={src}",
                        f"OUTPUT={target}", "SAVE_MAPPING=false")
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert (results["IMPORTED"], results["REPAIRED"], results["REFUSED"]) == (0, 2, 1)
    layer = QgsVectorLayer(f"{target}|layername=service_points", "sp", "ogr")
    assert sorted(f["name_th"] for f in layer.getFeatures()) == [
        "ที่ว่าการอำเภอเมืองระยอง", "โรงเรียนบ้านเพ"]
    report = QgsVectorLayer(f"{target}|layername=import_report", "r", "ogr")
    assert report.featureCount() == 4
