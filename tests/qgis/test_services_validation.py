"""citizen_pins:validate on a working copy with services (real GeoPackage, real boundaries): the
services' findings in the findings layer, a fix applied through the edit buffer (undoable), and
validating a selection never makes the other pins' services look orphaned."""
import json

import pytest
from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

from citizen_pins.core.fixes import apply_fix
from citizen_pins.core.working_copy import create_working_copy, layer_uri
from citizen_pins.gui.layers import add_working_copy_layers

from _services_data import add_pin, add_records, point_inside, service_with

pytestmark = pytest.mark.slow


@pytest.fixture
def working_copy(tmp_path, simplified_gpkg):
    boundaries = f"{simplified_gpkg}|layername=adm3_tambon"
    path = str(tmp_path / "rayong.gpkg")
    create_working_copy(path, "21")
    codes = dict(province_code="21", amphoe_code="2101")
    office = add_pin(path, "ที่ว่าการอำเภอเมืองระยอง", *point_inside(simplified_gpkg, "210101"),
                     tambon_code="210101", **codes)
    other = add_pin(path, "เทศบาลตำบลเชิงเนิน", *point_inside(simplified_gpkg, "210102"),
                    point_type="lao_office", tambon_code="210102", **codes)
    service_with(path, office, "การขอมีบัตรประจำตัวประชาชน", manual_url="www.info.go.th/x",
                 documents=[dict(name_th="สำเนาทะเบียนบ้าน", copies=1, copy_status="copy_demanded"),
                            dict(name_th="บัตรประจำตัวประชาชน", copies=1, copy_status="no_copy")])
    service_with(path, other, "การขออนุญาตก่อสร้างอาคาร", fee_kind="fixed",
                 documents=[dict(name_th="สำเนาโฉนดที่ดิน", copies=1,
                                 copy_status="copy_demanded")])
    add_records(path, "services", [dict(pin_id="6c0e4d6e-0000-4000-8000-000000000000",
                                        name_th="งานที่หมุดถูกลบไปแล้ว")])
    QgsProject.instance().clear()
    yield path, boundaries, office, other
    for layer in QgsProject.instance().mapLayers().values():
        if getattr(layer, "isEditable", lambda: False)():
            layer.rollBack()
    QgsProject.instance().clear()


def run(params):
    import processing

    res = processing.run("citizen_pins:validate", params)
    layer = QgsVectorLayer(res["OUTPUT"], "findings", "ogr") if isinstance(res["OUTPUT"], str) \
        else res["OUTPUT"]
    return res, [{n: f[n] for n in ("pin_id", "feature_id", "rule_id", "severity", "record",
                                    "fix", "message_en")} for f in layer.getFeatures()]


def test_services_are_validated_with_their_pins(provider, working_copy, tmp_path):
    path, boundaries, office, other = working_copy
    res, found = run({"INPUT": layer_uri(path), "BOUNDARIES": boundaries,
                      "OUTPUT": str(tmp_path / "findings.gpkg")})
    got = sorted((f["rule_id"], f["pin_id"], f["record"].split("/")[0]) for f in found)
    assert got == sorted([
        ("documents.copy_against_policy", office, "service_documents"),
        ("documents.copy_contradiction", office, "service_documents"),
        ("services.manual_url", office, "services"),
        ("services.fee_without_amount", other, "services"),
        ("services.orphan", "6c0e4d6e-0000-4000-8000-000000000000", "services")])
    counts = json.loads(res["COUNTS"])
    assert counts["services.orphan"] == 1 and res["ERRORS"] == 4 and res["WARNINGS"] == 1
    orphan = next(f for f in found if f["rule_id"] == "services.orphan")
    assert orphan["feature_id"] == -1 and "งานที่หมุดถูกลบไปแล้ว" in orphan["message_en"]
    # without the services: the pins alone, which are clean
    res, found = run({"INPUT": layer_uri(path), "BOUNDARIES": boundaries, "CHECK_SERVICES": False,
                      "OUTPUT": str(tmp_path / "pins_only.gpkg")})
    assert found == [] and res["PINS"] == 2


def test_a_selection_checks_its_own_services_only(provider, working_copy, tmp_path):
    path, boundaries, office, other = working_copy
    pins = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    QgsProject.instance().addMapLayer(pins)
    pins.selectByExpression(f"\"pin_id\" = '{other}'")
    res, found = run({"INPUT": QgsProcessingFeatureSourceDefinition(pins.id(), True),
                      "BOUNDARIES": boundaries, "OUTPUT": str(tmp_path / "sel.gpkg")})
    assert res["PINS"] == 1
    assert sorted(f["rule_id"] for f in found) == ["services.fee_without_amount",
                                                    "services.orphan"]


def test_the_policy_fix_is_applied_through_the_edit_buffer_and_undone(provider, working_copy,
                                                                       tmp_path):
    path, boundaries, office, _ = working_copy
    pins, _ = add_working_copy_layers(path, "th")
    res, found = run({"INPUT": pins, "BOUNDARIES": boundaries, "OUTPUT": "TEMPORARY_OUTPUT"})
    f = next(f for f in found if f["rule_id"] == "documents.copy_against_policy")
    assert json.loads(f["fix"])["values"] == {"copy_status": "no_copy", "copies": 0}
    status = {p["pin_id"]: p["zero_copy_status"] for p in pins.getFeatures()}
    assert status[office] == "copies_demanded"
    apply_fix(pins, int(f["feature_id"]), f["fix"], "Fix: copy against policy")
    docs = next(lyr for lyr in QgsProject.instance().mapLayers().values()
                if lyr.source().endswith("layername=service_documents"))
    assert docs.isEditable() and docs.isModified()
    fixed = next(docs.getFeatures("\"name_th\" = 'สำเนาทะเบียนบ้าน'"))
    assert (fixed["copy_status"], fixed["copies"]) == ("no_copy", 0)
    # validated again (unsaved edits count): the warning is gone; the status (from saved data)
    _, again = run({"INPUT": pins, "BOUNDARIES": boundaries, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "documents.copy_against_policy" not in {g["rule_id"] for g in again}
    status = {p["pin_id"]: p["zero_copy_status"] for p in pins.getFeatures()}
    assert status[office] == "copies_demanded"  # the contradictory ID card still counts
    docs.undoStack().undo()
    back = next(docs.getFeatures("\"name_th\" = 'สำเนาทะเบียนบ้าน'"))
    assert (back["copy_status"], back["copies"]) == ("copy_demanded", 1)
