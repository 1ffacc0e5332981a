"""The pin tool on a real map canvas: add a pin (codes from the boundary under the click), move it
(asked to update the codes), undo and redo through the edit buffer."""
import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsVectorLayer

from citizen_pins.core import schema
from citizen_pins.core.locate import tambon_at
from citizen_pins.core.working_copy import create_working_copy
from citizen_pins.gui.layers import add_working_copy_layers
from citizen_pins.gui.pin_tool import PinTool

THA_PRADU = NOEN_PHRA = None  # set from the boundary layer (a point inside each tambon)


def _inside(boundary, pcode):
    feat = next(boundary.getFeatures(f"\"ADM3_PCODE\" = '{pcode}'"))
    return QgsPointXY(feat.geometry().pointOnSurface().asPoint())


@pytest.fixture
def setup(qgis_canvas, qgis_new_project, tmp_path, simplified_gpkg):
    path = str(tmp_path / "rayong.gpkg")
    create_working_copy(path, "21")
    layer, admin = add_working_copy_layers(path, "th")
    boundary = QgsVectorLayer(f"{simplified_gpkg}|layername=adm3_tambon", "tambons", "ogr")
    QgsProject.instance().addMapLayer(boundary)
    global THA_PRADU, NOEN_PHRA
    THA_PRADU = _inside(boundary, "TH210101")  # ต.ท่าประดู่ อ.เมืองระยอง
    NOEN_PHRA = _inside(boundary, "TH210104")  # ต.เนินพระ อ.เมืองระยอง
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    asked = []

    def ask(old, new):
        asked.append((old, new))
        return True

    tool = PinTool(qgis_canvas, lambda: layer, lambda: boundary, ask_update_codes=ask)
    return layer, boundary, tool, asked


def test_points_are_where_the_test_says(setup):
    _, boundary, _, _ = setup
    assert tambon_at(boundary, THA_PRADU) == "210101"
    assert tambon_at(boundary, NOEN_PHRA) == "210104"
    assert tambon_at(boundary, QgsPointXY(101.0, 12.0)) is None  # in the sea


def test_add_fills_codes_from_the_boundary_and_is_undoable(setup):
    layer, _, tool, _ = setup
    feat = tool.add_pin_at(THA_PRADU)
    assert layer.isEditable()
    assert schema.is_pin_id(feat["pin_id"])
    assert (feat["province_code"], feat["amphoe_code"], feat["tambon_code"]) == (
        "21", "2101", "210101")
    assert layer.featureCount() == 1
    layer.undoStack().undo()
    assert layer.featureCount() == 0
    layer.undoStack().redo()
    assert layer.featureCount() == 1
    assert layer.commitChanges()
    saved = next(layer.getFeatures())
    assert saved["tambon_code"] == "210101"


def test_move_to_another_tambon_asks_and_updates_codes(setup):
    layer, _, tool, asked = setup
    tool.add_pin_at(THA_PRADU)
    fid = next(layer.getFeatures()).id()
    assert tool.move_pin(fid, NOEN_PHRA)
    assert asked == [("210101", "210104")]
    moved = layer.getFeature(fid)
    assert moved["tambon_code"] == "210104"
    assert moved.geometry().asPoint() == NOEN_PHRA
    layer.undoStack().undo()  # one command: geometry and codes together
    back = layer.getFeature(fid)
    assert back["tambon_code"] == "210101" and back.geometry().asPoint() == THA_PRADU


def test_move_within_the_same_tambon_does_not_ask(setup):
    layer, _, tool, asked = setup
    tool.add_pin_at(THA_PRADU)
    fid = next(layer.getFeatures()).id()
    nearby = QgsPointXY(THA_PRADU.x() + 0.0002, THA_PRADU.y())
    assert tambon_at(setup[1], nearby) == "210101"
    assert tool.move_pin(fid, nearby)
    assert asked == []
    assert layer.getFeature(fid)["tambon_code"] == "210101"


def test_declined_update_keeps_the_codes(setup):
    layer, boundary, _, _ = setup
    from qgis.utils import iface  # noqa: F401 - pytest-qgis stub

    tool = PinTool(setup[2].canvas(), lambda: layer, lambda: boundary,
                   ask_update_codes=lambda old, new: False)
    tool.add_pin_at(THA_PRADU)
    fid = next(layer.getFeatures()).id()
    tool.move_pin(fid, NOEN_PHRA)
    assert layer.getFeature(fid)["tambon_code"] == "210101"


def test_no_boundary_layer_leaves_codes_empty(setup):
    layer = setup[0]
    tool = PinTool(setup[2].canvas(), lambda: layer, lambda: None)
    feat = tool.add_pin_at(THA_PRADU)
    assert feat["tambon_code"] in (None, "") or feat["tambon_code"].isNull()
