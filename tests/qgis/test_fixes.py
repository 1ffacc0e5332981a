"""Fixes from findings, applied through the edit buffer: one undoable command each."""
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from citizen_pins.core import findings as F
from citizen_pins.core.fixes import FixError, apply_fix, describe
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
    apply_fix(layer, fid, F.fix_set_codes("210101"))
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


def test_describe_in_both_languages():
    assert describe(F.fix_set_codes("210101"), "th") == "ตั้งรหัสตามตำแหน่ง: ตำบล 210101"
    assert describe(F.fix_replace_code("tambon_code", "530407"), "en") == \
        "Replace tambon_code with 530407"
    assert describe("", "en") == ""
