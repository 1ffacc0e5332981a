"""citizen_pins:access as a coordinator runs it (issue 20): qgis_process, the packaged plugin, the
command of the issue with every other parameter left at its default, on the MOPH register and the
national tambons.  Inside qgis_process the plugin runs on QGIS's own geometry engine (Debian's
QGIS has no shapely built on its GEOS)."""
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
