"""The Zero Copy map: the pins layer styled by the live status (Thai/English legend), drawn by a
real QGIS renderer, and switched back to the plain style by point type."""
import pytest
from qgis.core import (QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from citizen_pins.core.working_copy import create_working_copy, layer_uri
from citizen_pins.gui.layers import add_working_copy_layers
from citizen_pins.gui.services_layers import (STATUS_COLOURS, STYLE_PROPERTY,
                                              set_zero_copy_style)

from _services_data import add_pin, service_with

X0, Y0 = 101.25, 12.65  # four pins 0.01 degree apart, west to east


@pytest.fixture
def working_copy(tmp_path):
    p = QgsProject.instance()
    p.clear()
    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path, "21")
    ids = [add_pin(path, f"จุด {i}", X0 + 0.01 * i, Y0) for i in range(4)]
    service_with(path, ids[0], "การแจ้งเกิด", documents=[dict(name_th="ท.ร.1/1")])
    service_with(path, ids[1], "การแจ้งเกิด", documents=[dict(name_th="ท.ร.1/1")])
    service_with(path, ids[1], "ทะเบียนพาณิชย์", documents=[
        dict(name_th="สำเนาทะเบียนบ้าน", copies=1, copy_status="copy_demanded")])
    service_with(path, ids[2], "ก่อสร้างอาคาร", documents=[
        dict(name_th="สำเนาโฉนดที่ดิน", copies=1, copy_status="copy_demanded")])
    yield path
    p.clear()


def _pixel_colours(layer):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(QgsRectangle(X0 - 0.005, Y0 - 0.005, X0 + 0.035, Y0 + 0.005))
    settings.setOutputSize(QSize(400, 100))
    settings.setBackgroundColor(QColor("#000000"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    return [image.pixelColor(50 + 100 * i, 50).name() for i in range(4)]


@pytest.mark.parametrize("lang, partial", [("th", "ยังเรียกสำเนาบางงานบริการ"),
                                           ("en", "Partial: some services demand copies")])
def test_zero_copy_style_and_back(working_copy, lang, partial):
    layer, _ = add_working_copy_layers(working_copy, lang)
    set_zero_copy_style(layer, lang, True)
    r = layer.renderer()
    assert r.classAttribute() == "zero_copy_status"
    labels = {c.value(): c.label() for c in r.categories()}
    assert labels["partial"] == partial and set(labels) == set(STATUS_COLOURS)
    assert layer.customProperty(STYLE_PROPERTY) == "zero_copy"
    # drawn by QGIS: each pin in its status' colour (zero copy, partial, demanded, none)
    assert _pixel_colours(layer) == [STATUS_COLOURS[s] for s in (
        "zero_copy", "partial", "copies_demanded", "no_services")]
    # reopening the working copy keeps the chosen style
    again, _ = add_working_copy_layers(working_copy, lang)
    assert again is layer and layer.renderer().classAttribute() == "zero_copy_status"
    set_zero_copy_style(layer, lang, False)
    assert layer.renderer().classAttribute() == "point_type"
    assert layer.customProperty(STYLE_PROPERTY) == "point_type"
    assert len(set(_pixel_colours(layer))) == 1  # every pin is a district office


def test_an_old_working_copy_is_upgraded_when_opened(tmp_path):
    from _services_data import make_version_1_working_copy
    from citizen_pins.core.service_tables import missing_parts

    QgsProject.instance().clear()
    path = str(tmp_path / "old.gpkg")
    make_version_1_working_copy(path)
    add_pin(path, "ที่ว่าการอำเภอเมืองระยอง")
    layer, _ = add_working_copy_layers(path, "th")
    assert missing_parts(path) == {}
    assert [f["zero_copy_status"] for f in layer.getFeatures()] == ["no_services"]
    names = {lyr.name() for lyr in QgsProject.instance().mapLayers().values()}
    assert {"งานบริการ", "ขั้นตอน", "เอกสาร"} <= names
    assert QgsVectorLayer(layer_uri(path), "x", "ogr").featureCount() == 1
    QgsProject.instance().clear()
