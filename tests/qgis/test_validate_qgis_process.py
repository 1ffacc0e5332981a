"""citizen_pins:validate as a coordinator's batch job runs it: qgis_process, the packaged plugin.

The subprocess has no shapely 2 on its path (Debian's QGIS Python), so this is also the QGIS-engine
fallback run end to end; its findings must equal the in-process (shapely) run.
"""
import json

import pytest
from qgis.core import QgsVectorLayer

from _validate_data import validation_data as vd

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def satun(moph_csv, fullres_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("qp_validate")
    pins = vd.moph_layer(moph_csv, "91")
    pins_uri = vd.write_gpkg(pins, d / "satun.gpkg", "service_points")
    zips = list(vd.fullres_zips(fullres_dir, ["91"]))
    return pins_uri, zips[0], d  # qgis_process 3.22 opens a zip path, not a /vsizip/ string


def _json(proc):
    return json.loads(proc.stdout[proc.stdout.index("{"):])


def test_validate_runs_in_qgis_process_and_matches_processing_run(qgis_process, satun, qgis_processing):
    pins_uri, zip_uri, d = satun
    out = d / "findings.gpkg"
    proc = qgis_process("--json", "run", "citizen_pins:validate", "--", f"INPUT={pins_uri}",
                        f"BOUNDARIES={zip_uri}", f"OUTPUT={out}", "TOLERANCE=100")
    res = _json(proc)["results"]
    assert res["PINS"] == 66
    counts = json.loads(res["COUNTS"])
    assert counts["codes.malformed"] == 1  # 9107-
    layer = QgsVectorLayer(str(out), "f", "ogr")
    cli = [(f["pin_id"], f["rule_id"], f["actual"]) for f in layer.getFeatures()]
    assert ("00878", "location.not_in_province", "") in cli  # in Krabi: outside a Satun-only layer
    assert len(cli) == res["ERRORS"] + res["WARNINGS"]

    import processing
    from qgis.core import QgsApplication

    from citizen_pins.processing.provider import CitizenPinsProvider

    registry = QgsApplication.processingRegistry()
    added = None
    if registry.providerById("citizen_pins") is None:
        added = CitizenPinsProvider()
        registry.addProvider(added)
    try:
        ref = processing.run("citizen_pins:validate", {
            "INPUT": pins_uri, "BOUNDARIES": zip_uri, "TOLERANCE": 100, "OUTPUT": "memory:"})
    finally:
        if added is not None:
            registry.removeProvider(added)
    assert [(f["pin_id"], f["rule_id"], f["actual"]) for f in ref["OUTPUT"].getFeatures()] == cli
    assert json.loads(ref["COUNTS"]) == counts
    assert {res["ENGINE"], ref["ENGINE"]} <= {"shapely", "qgis"}


def test_qgis_process_bad_input_message(qgis_process, satun, simplified_gpkg):
    pins_uri, _, d = satun
    out = d / "never.gpkg"
    proc = qgis_process("run", "citizen_pins:validate", "--", f"INPUT={pins_uri}",
                        f"BOUNDARIES={simplified_gpkg}|layername=adm1_province", f"OUTPUT={out}",
                        check=False)
    assert proc.returncode != 0
    assert "no recognisable tambon code field" in proc.stdout + proc.stderr
    assert not out.exists()
