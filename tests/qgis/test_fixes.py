"""Fixes from findings, applied through the edit buffer: one undoable command each."""
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from citizen_pins.core import findings as F
from citizen_pins.core.fixes import FixError, FixItem, apply_fix, apply_fixes, describe
from citizen_pins.core.working_copy import create_working_copy, layer_uri


@pytest.fixture
def layer(tmp_path):
    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path, "21")
    lyr = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    f = QgsFeature(lyr.fields())
    f["pin_id"], f["name_th"], f["point_type"] = "0b5c2a5e-8f0e-4f43-9a55-1f6c6f7b2e10", "อบต.", "lao_office"
    f["province_code"], f["amphoe_code"], f["tambon_code"] = "21", "2101", "530306"
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(12.68, 101.26)))  # lat/lon swapped
    assert lyr.dataProvider().addFeatures([f])[0]
    lyr.reload()
    return lyr


def _only(layer):
    return next(layer.getFeatures())


def test_set_codes_then_undo(layer):
    fid = _only(layer).id()
    apply_fix(layer, fid, F.fix_set_codes("210101", "high", "location"))
    f = layer.getFeature(fid)
    assert (f["province_code"], f["amphoe_code"], f["tambon_code"]) == ("21", "2101", "210101")
    assert layer.undoStack().count() == 1
    layer.undoStack().undo()
    assert layer.getFeature(fid)["tambon_code"] == "530306"


def test_replace_abolished_code(layer):
    fid = _only(layer).id()
    apply_fix(layer, fid, F.fix_replace_code("tambon_code", "530407"))
    assert layer.getFeature(fid)["tambon_code"] == "530407"


def test_move_swapped_point(layer):
    fid = _only(layer).id()
    apply_fix(layer, fid, F.fix_move(101.26, 12.68, "swap"))
    p = layer.getFeature(fid).geometry().asPoint()
    assert (round(p.x(), 5), round(p.y(), 5)) == (101.26, 12.68)
    assert layer.commitChanges()
    assert _only(layer).geometry().asPoint().x() == pytest.approx(101.26)


def test_refuses_registry_fields_and_unknown_actions(layer):
    fid = _only(layer).id()
    with pytest.raises(FixError):
        apply_fix(layer, fid, F.fix_set_field("version", "99"))
    with pytest.raises(FixError):
        apply_fix(layer, fid, '{"action": "drop_table"}')
    assert layer.undoStack().count() == 0


def test_describe_in_both_languages_with_how_sure():
    assert describe(F.fix_set_codes("210101", "high", "location+name"), "th") == \
        "ตั้งรหัส 21 / 2101 / 210101 ตามตำแหน่งของหมุดซึ่งตรงกับชื่อ (มั่นใจสูง)"
    assert describe(F.fix_set_codes("210101", "medium", "location"), "en") == \
        "Set the codes to 21 / 2101 / 210101 from the location (check first)"
    assert describe(F.fix_replace_code("tambon_code", "530407"), "en") == \
        "Replace tambon_code with 530407"
    assert describe('{"action": "new_pin_id"}', "en") == "Give the pin a new pin_id"
    assert describe("", "en") == ""


def _add(layer, n, **attrs):
    feats = []
    for k in range(n):
        f = QgsFeature(layer.fields())
        f["pin_id"] = attrs.get("pin_id", f"00000000-0000-4000-8000-{k:012d}")
        f["name_th"], f["point_type"] = "อบต.", "lao_office"
        for name in ("province_code", "amphoe_code", "tambon_code"):
            f[name] = attrs.get(name)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(101.205, 12.605)))
        feats.append(f)
    ok, added = layer.dataProvider().addFeatures(feats)
    assert ok
    return [f.id() for f in added]


def test_an_abolished_code_fix_leaves_codes_that_nest(layer):
    """Issue 15: applying every codes.abolished fix offered on pre-renumbering codes gave a
    codes.hierarchy error on each: the fix replaced the tambon code alone."""
    from citizen_pins.core.dopa import codes
    from citizen_pins.core.pins import read_features
    from citizen_pins.core.validate import validate

    fid = _only(layer).id()
    layer.dataProvider().changeAttributeValues({fid: {
        layer.fields().indexFromName("province_code"): "53",
        layer.fields().indexFromName("amphoe_code"): "5303",
        layer.fields().indexFromName("tambon_code"): "530306"}})
    layer.dataProvider().changeGeometryValues({fid: QgsGeometry.fromPointXY(
        QgsPointXY(100.3, 17.7))})

    def check():
        return validate(read_features(layer.getFeatures(), layer.featureCount()), None, codes())

    (f,) = [x for x in check() if x.rule_id == "codes.abolished"]
    report = apply_fixes(layer, [FixItem(f.feature_id, f.rule_id, f.fix, f.pin_id)])
    assert len(report.applied) == 1
    g = layer.getFeature(fid)
    assert (g["province_code"], g["amphoe_code"], g["tambon_code"]) == ("53", "5304", "530407")
    assert [x.rule_id for x in check()] == []


def test_apply_fixes_is_one_undo_step_and_refuses_what_it_cannot_trust(layer):
    a, b, c = _add(layer, 3, province_code="21", amphoe_code="2101", tambon_code="210101")
    items = [
        FixItem(a, "codes.malformed", F.fix_set_codes("210102", "high")),
        # two fixes that disagree on one pin: neither is applied
        FixItem(b, "codes.unknown", F.fix_set_codes("210102", "high")),
        FixItem(b, "codes.missing", F.fix_set_codes("210103", "medium")),
        # a finding made on another pin than the one now at that feature id
        FixItem(c, "codes.malformed", F.fix_set_codes("210102", "high"), pin_id="someone-else"),
        # the same fix from two findings: applied once
        FixItem(a, "location.not_in_tambon", F.fix_set_codes("210102", "high")),
    ]
    report = apply_fixes(layer, items)
    assert sorted(why for _, why in report.skipped) == ["conflict", "conflict", "stale"]
    assert len(report.applied) == 2 and layer.undoStack().count() == 1
    assert layer.getFeature(a)["tambon_code"] == "210102"
    assert layer.getFeature(b)["tambon_code"] == "210101"
    layer.undoStack().undo()
    assert layer.getFeature(a)["tambon_code"] == "210101"
    # only the sure ones
    report = apply_fixes(layer, [FixItem(a, "codes.missing", F.fix_set_codes("210103", "medium")),
                                 FixItem(c, "codes.unknown", F.fix_set_codes("210102", "high"))],
                         min_confidence="high")
    assert [i.feature_id for i in report.applied] == [c]
    assert [why for _, why in report.skipped] == ["confidence"]
    # a repeated pin_id gets a new one
    (d,) = _add(layer, 1, pin_id="00000000-0000-4000-8000-000000000000")
    report = apply_fixes(layer, [FixItem(d, "duplicates.pin_id", '{"action":"new_pin_id"}')])
    assert len(report.applied) == 1
    assert layer.getFeature(d)["pin_id"] != "00000000-0000-4000-8000-000000000000"
