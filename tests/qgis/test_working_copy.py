"""The working copy in a real QGIS: created by the core and by the Processing algorithm."""
import sqlite3

import pytest
from qgis.core import QgsVectorLayer, QgsWkbTypes

from citizen_pins.core import schema
from citizen_pins.core.qgis_compat import WKB_POINT
from citizen_pins.core.working_copy import (
    WorkingCopyError, create_working_copy, layer_uri, open_working_copy)


def test_creates_empty_layer_in_schema(tmp_path):
    path = tmp_path / "rayong.gpkg"
    info = create_working_copy(str(path), "๒๑", "0.1.0")
    assert info.province_code == "21"
    layer = QgsVectorLayer(layer_uri(str(path)), "sp", "ogr")
    assert layer.isValid()
    assert layer.crs().authid() == "EPSG:4326"
    assert QgsWkbTypes.flatType(layer.wkbType()) == WKB_POINT
    names = [f.name() for f in layer.fields() if f.name() != "fid"]
    assert names == list(schema.FIELD_NAMES)
    assert layer.featureCount() == 0
    reopened = open_working_copy(str(path))
    assert reopened.meta["province_code"] == "21"
    assert reopened.meta["schema_version"] == "2"  # 2: with services, steps and documents
    assert reopened.meta["dopa_data_version"]


def test_form_is_stored_in_the_geopackage(tmp_path):
    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path)
    # A fresh layer loads the default style from the GeoPackage's layer_styles table.
    layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    idx = layer.fields().indexFromName
    assert layer.attributeAlias(idx("name_th")) == "ชื่อ (ไทย)"
    setup = layer.editorWidgetSetup(idx("point_type"))
    assert setup.type() == "ValueMap"
    mapped = {v for d in setup.config()["map"] for v in d.values()}
    assert mapped == set(schema.POINT_TYPE_KEYS)
    form = layer.editFormConfig()
    assert form.readOnly(idx("pin_id")) and form.readOnly(idx("version"))
    assert not form.readOnly(idx("name_th"))
    assert "uuid" in layer.defaultValueDefinition(idx("pin_id")).expression()
    with sqlite3.connect(path) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault and "
                          "f_table_name = 'service_points'").fetchone()[0] == 1


def test_new_pin_gets_a_uuid_and_required_fields_are_enforced(tmp_path):
    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path)
    layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    idx = layer.fields().indexFromName("pin_id")
    value = layer.defaultValue(idx)
    assert schema.is_pin_id(value), value
    from qgis.core import QgsFieldConstraints
    c = layer.fields().at(layer.fields().indexFromName("name_th")).constraints()
    assert c.constraints() & QgsFieldConstraints.ConstraintNotNull


def test_never_overwrites(tmp_path):
    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path)
    layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    f = QgsFeature(layer.fields())
    f["pin_id"], f["name_th"], f["point_type"] = schema.new_pin_id(), "ที่ว่าการอำเภอ", "district_office"
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(101.28, 12.68)))
    assert layer.dataProvider().addFeatures([f])[0]
    del layer
    with pytest.raises(WorkingCopyError, match="1 pin"):
        create_working_copy(path)
    assert open_working_copy(path).pin_count == 1


@pytest.mark.parametrize("bad, message", [
    ("99", "not a DOPA province"), ("Rayong", "not a DOPA province")])
def test_bad_province_is_refused_with_a_clear_message(tmp_path, bad, message):
    path = tmp_path / "wc.gpkg"
    with pytest.raises(WorkingCopyError, match=message):
        create_working_copy(str(path), bad)
    assert not path.exists()


def test_wrong_extension_and_missing_folder(tmp_path):
    with pytest.raises(WorkingCopyError, match=".gpkg"):
        create_working_copy(str(tmp_path / "wc.shp"))
    with pytest.raises(WorkingCopyError, match="does not exist"):
        create_working_copy(str(tmp_path / "nope" / "wc.gpkg"))


def test_admin_units_table_drives_cascading_pickers(tmp_path):
    from citizen_pins.core.dopa import codes
    from citizen_pins.core.working_copy import ADMIN_TABLE, admin_units_uri, apply_form_config

    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path, "21")
    admin = QgsVectorLayer(admin_units_uri(path), ADMIN_TABLE, "ogr")
    assert admin.featureCount() == len(codes().units)
    rayong = next(admin.getFeatures("\"code\" = '21'"))
    assert rayong["name_th"] == "ระยอง" and rayong["level"] == "province"
    tambons_of_2101 = [f["code"] for f in admin.getFeatures(
        "\"level\" = 'tambon' AND \"parent_code\" = '2101'")]
    assert "210101" in tambons_of_2101 and all(c.startswith("2101") for c in tambons_of_2101)

    layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    apply_form_config(layer, "en", admin)
    idx = layer.fields().indexFromName
    prov = layer.editorWidgetSetup(idx("province_code"))
    amphoe = layer.editorWidgetSetup(idx("amphoe_code"))
    tambon = layer.editorWidgetSetup(idx("tambon_code"))
    assert prov.type() == amphoe.type() == tambon.type() == "ValueRelation"
    assert prov.config()["Value"] == "name_en" and prov.config()["Key"] == "code"
    assert "current_value('province_code')" in amphoe.config()["FilterExpression"]
    assert "current_value('amphoe_code')" in tambon.config()["FilterExpression"]
    assert layer.attributeAlias(idx("tambon_code")) == "Subdistrict (tambon)"


def test_geopackage_fid_is_hidden_from_the_form(tmp_path):
    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path)
    layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    assert layer.editorWidgetSetup(layer.fields().indexFromName("fid")).type() == "Hidden"


def test_required_fields_explain_themselves(tmp_path):
    from citizen_pins.core.working_copy import apply_form_config

    path = str(tmp_path / "wc.gpkg")
    create_working_copy(path)
    layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    idx = layer.fields().indexFromName("name_th")
    assert layer.constraintDescription(idx) == "ต้องกรอกชื่อ (ไทย)"
    apply_form_config(layer, "en")
    assert layer.constraintDescription(idx) == "Name (Thai) is required"
    assert "trim" in layer.constraintExpression(idx)
