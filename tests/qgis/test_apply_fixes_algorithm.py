"""citizen_pins:apply_fixes (issue 15): the fixes of a findings layer applied to a copy of the
pins, with the code the findings panel runs; validating the copy again finds no new error."""
import json

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

from _validate_data import validation_data as vd

pytestmark = pytest.mark.slow



def _pins_with_errors(moph_csv):
    """Rayong's MOPH facilities, four of them broken the way real lists are (codes and points)."""
    layer = vd.moph_layer(moph_csv, "21")
    feats = {f["pin_id"]: f for f in layer.getFeatures()}
    idx = layer.fields().indexFromName
    first = sorted(feats)[:4]
    p = feats[first[0]].geometry().asPoint()
    changes = {feats[first[1]].id(): {idx("tambon_code"): feats[first[1]]["amphoe_code"] + "-"},
               feats[first[2]].id(): {idx("point_type"): "สถานพยาบาล"},
               feats[first[3]].id(): {idx("tambon_code"): None}}
    layer.dataProvider().changeAttributeValues(changes)
    layer.dataProvider().changeGeometryValues(
        {feats[first[0]].id(): QgsGeometry.fromPointXY(QgsPointXY(p.y(), p.x()))})  # swapped
    return layer, first


@pytest.fixture(scope="module")
def data(moph_csv, fullres_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("apply_fixes")
    layer, broken = _pins_with_errors(moph_csv)
    pins = vd.write_gpkg(layer, d / "pins.gpkg", "service_points")
    tambons = vd.write_gpkg(vd.fullres_layer(fullres_dir, ("21",)), d / "tambons.gpkg", "tambons")
    return pins, tambons, broken, d


def _validate(pins, tambons, out):
    import processing

    return processing.run("citizen_pins:validate", {"INPUT": pins, "BOUNDARIES": tambons,
                                                    "OUTPUT": str(out)})


def _errors(path):
    layer = QgsVectorLayer(str(path), "f", "ogr")
    return {(f["pin_id"], f["rule_id"]) for f in layer.getFeatures() if f["severity"] == "error"}


def test_apply_fixes_writes_a_fixed_copy_that_validates_with_no_new_error(provider, data):
    import processing

    pins, tambons, broken, d = data
    _validate(pins, tambons, d / "findings.gpkg")
    before = _errors(d / "findings.gpkg")
    assert {pid for pid, _ in before} >= set(broken[:3])
    res = processing.run("citizen_pins:apply_fixes", {
        "INPUT": pins, "FINDINGS": str(d / "findings.gpkg"), "CONFIDENCE": 1,
        "OUTPUT": str(d / "fixed.gpkg")})
    counts = json.loads(res["COUNTS"])
    assert counts["coordinates.swapped"] == 1 and counts["attributes.point_type"] == 1
    assert counts["codes.malformed"] == 1 and counts["codes.missing"] == 1
    fixed = QgsVectorLayer(str(d / "fixed.gpkg"), "fixed", "ogr")
    assert fixed.featureCount() == QgsVectorLayer(pins, "p", "ogr").featureCount()
    _validate(str(d / "fixed.gpkg"), tambons, d / "findings_after.gpkg")
    after = _errors(d / "findings_after.gpkg")
    assert after <= before and not {pid for pid, _ in after} & set(broken)
    # INPUT is never changed
    assert _errors(d / "findings.gpkg") == before
    _validate(pins, tambons, d / "findings_again.gpkg")
    assert _errors(d / "findings_again.gpkg") == before


def test_rules_and_confidence_choose_what_is_applied(provider, data):
    import processing

    pins, tambons, broken, d = data
    _validate(pins, tambons, d / "findings.gpkg")
    res = processing.run("citizen_pins:apply_fixes", {
        "INPUT": pins, "FINDINGS": str(d / "findings.gpkg"),
        "RULES": "attributes.point_type, coordinates.swapped", "OUTPUT": str(d / "some.gpkg")})
    assert json.loads(res["COUNTS"]) == {"attributes.point_type": 1, "coordinates.swapped": 1}
    with pytest.raises(QgsProcessingException, match="not a rule id"):
        processing.run("citizen_pins:apply_fixes", {
            "INPUT": pins, "FINDINGS": str(d / "findings.gpkg"), "RULES": "codes.wrong",
            "OUTPUT": str(d / "never.gpkg")})


def test_the_findings_panel_applies_a_fix_with_the_same_code(provider, data, tmp_path):
    """The panel's button runs core/fixes.apply_fixes: the fix lands in the edit buffer (one undo
    step), and a finding whose pin is no longer the one validated is refused."""
    from citizen_pins.gui.findings_panel import FindingsPanel

    pins, tambons, broken, d = data
    _validate(pins, tambons, d / "findings.gpkg")
    layer = QgsVectorLayer(pins, "pins", "ogr")
    findings = QgsVectorLayer(str(d / "findings.gpkg"), "findings", "ogr")
    panel = FindingsPanel(None, "en")
    panel.set_findings(findings, layer)
    row = next(k for k, r in enumerate(panel.shown) if r["rule_id"] == "attributes.point_type")
    assert panel.apply_fix(row)
    fid = int(panel.shown[row]["feature_id"])
    assert layer.getFeature(fid)["point_type"] == "health_facility"
    assert layer.undoStack().count() == 1
    layer.undoStack().undo()
    # the same pin given another pin_id since validation: the finding is not its
    layer.changeAttributeValue(fid, layer.fields().indexFromName("pin_id"), "changed")
    assert not panel.apply_fix(row)
    assert layer.getFeature(fid)["point_type"] == "สถานพยาบาล"
    layer.rollBack()
    from qgis.PyQt import sip

    sip.delete(panel)  # a parentless dock left to the garbage collector outlives QGIS at exit
