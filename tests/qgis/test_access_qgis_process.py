"""citizen_pins:access as a coordinator runs it (issue 20): qgis_process, the packaged plugin, the
command of the issue with every other parameter left at its default, on the MOPH register and the
national tambons.  Inside qgis_process the plugin runs on QGIS's own geometry engine (Debian's
QGIS has no shapely built on its GEOS)."""
import csv
import sqlite3
import subprocess

import pytest
from qgis.core import QgsVectorLayer

from _validate_data import validation_data as vd
from conftest import QGIS_PROCESS

pytestmark = pytest.mark.slow


def test_the_issue_command_with_defaults(qgis_process, moph_csv, simplified_gpkg, tmp_path):
    vd.write_gpkg(vd.moph_layer(moph_csv), tmp_path / "pins.gpkg", "service_points")
    tambons = QgsVectorLayer(f"{simplified_gpkg}|layername=adm3_tambon", "t", "ogr")
    vd.write_gpkg(tambons, tmp_path / "tambons.gpkg", "tambons")
    proc = subprocess.run([QGIS_PROCESS, "run", "citizen_pins:access", "--", "INPUT=pins.gpkg",
                           "PLACES=tambons.gpkg", "OUTPUT=access.gpkg"], cwd=tmp_path,
                          env=qgis_process.env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = dict(line.split(":\t", 1) for line in proc.stdout.splitlines() if ":\t" in line)
    assert results["PLACES_COUNT"] == "7425" and results["WITHIN"] == "7372"
    assert results["ENGINE"].startswith("qgis+")
    layer = QgsVectorLayer(str(tmp_path / "access.gpkg"), "a", "ogr")
    assert layer.featureCount() == 7425
    assert layer.renderer().type() == "RuleRenderer"  # the style stored in the GeoPackage
    with sqlite3.connect(tmp_path / "access.gpkg") as db:
        assert db.execute("SELECT useAsDefault FROM layer_styles").fetchone() == (1,)
    far = next(layer.getFeatures("\"place_id\" = 'TH630805'"))
    assert far["nearest_pin_id"] == "07367" and far["distance_m"] == pytest.approx(25205.4,
                                                                                   abs=0.05)


def _pdf_text(pdf, first, last):
    from test_coordinator_qgis_process import _bare

    return _bare(subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last),
                                 str(pdf), "-"], capture_output=True, text=True,
                                check=True).stdout)


def test_report_access_page(qgis_process, moph_csv, simplified_gpkg, tmp_path):
    """Satun's report with its access page: 4 pages and the access page; the farthest tambon is
    Ko Sarai, 11.8 km from its health facility (checked by hand: shapely centroids and pyproj's
    Geod over all 11,301 facilities, apart from the plugin)."""
    from test_coordinator_qgis_process import _bare

    pins = vd.write_gpkg(vd.moph_layer(moph_csv), tmp_path / "pins.gpkg", "national")
    folder = tmp_path / "report"
    proc = qgis_process("run", "citizen_pins:report", "--", f"INPUT={pins}",
                        f"BOUNDARIES={simplified_gpkg}|layername=adm3_tambon", "TOLERANCE=1000",
                        "MODE=0", "POINT_TYPE=3", "PROVINCE=91", "REPORT_DATE=2025-06-05",
                        "ACCESS=true", f"OUTPUT_FOLDER={folder}")
    assert "PAGES:\t5" in proc.stdout
    page = _pdf_text(folder / "report.pdf", 5, 5)
    for text in ("การเข้าถึงสถานพยาบาล: จังหวัดสตูล", "Access to the nearest health facility",
                 "ในระยะ 10 กม.: 35 จาก 36 (97.2 %)", "farthest: Ko Sarai 11.8 km",
                 "Royal Thai Survey Department / OCHA", "เกาะสาหร่าย",
                 "(เกณฑ์ / threshold)", "หน้า 5/5"):
        assert _bare(text) in page, text
    # page 1's legend keeps to page 1's layers
    assert _bare("(เกณฑ์ / threshold)") not in _pdf_text(folder / "report.pdf", 1, 1)
    rows = list(csv.DictReader(open(folder / "access.csv", encoding="utf-8-sig")))
    assert len(rows) == 36
    sarai = next(r for r in rows if r["tambon_code"] == "910106")
    assert (sarai["nearest_pin_id"], sarai["distance_m"], sarai["underserved"]) == \
        ("09612", "11821.4", "1")
    html = (folder / "report.html").read_text("utf-8")  # the farthest tambons' table
    assert "ตำบลที่อยู่ไกลสถานพยาบาลที่สุด" in html and "09612" in html
    subprocess.run(["pdftoppm", "-r", "50", "-f", "5", "-l", "5", "-png",
                    str(folder / "report.pdf"), str(tmp_path / "access")], check=True)
    assert list(tmp_path.glob("access*.png"))
