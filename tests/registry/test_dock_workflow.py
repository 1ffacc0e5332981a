"""The dock's daily workflow against the real registry, in a QGIS iface: test connection, pull a
province (as a task), validate (as a task), the findings panel, apply a fix (undoable)."""
import contextlib
import os

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from registry_helpers import PASSWORD, auth, new_feature, store_basic_authcfg, wait_until

import citizen_pins
from citizen_pins.core.working_copy import create_working_copy

pytestmark = pytest.mark.registry


@contextlib.contextmanager
def connected_dock(iface, registry, cfg_id, working_copy):
    """The plugin loaded, a working copy of Chanthaburi (22) in use, the registry and account set."""
    create_working_copy(str(working_copy), "22")
    plugin = citizen_pins.classFactory(iface)
    plugin.initGui()
    try:
        dock = plugin.dock
        dock.settings.set(working_copy=str(working_copy), auth_config_id=cfg_id)
        dock.registryUrlEdit.setText(registry.url)
        dock._url_changed()
        yield dock
    finally:
        plugin.unload()


@pytest.fixture(scope="module")
def chanthaburi(registry, http, authcfgs):
    """An editor of Chanthaburi (22) with three pins: two right, one declaring a wrong tambon."""
    assert registry.add_user("chanthaburi", PASSWORD, "22").returncode == 0
    cfg_id = store_basic_authcfg("chanthaburi", "chanthaburi", PASSWORD)
    pins = {
        "right_1": new_feature(registry.point_in("220101"), "22", "2201", "220101",
                               name_th="ที่ว่าการอำเภอเมืองจันทบุรี", point_type="district_office"),
        "right_2": new_feature(registry.point_in("220201"), "22", "2202", "220201",
                               name_th="สำนักงานเทศบาลตำบล", point_type="lao_office"),
        # Lies in 220301 (ท่าใหม่) but declares 220302 (same amphoe): a location finding with a
        # fix, offered because its name names the tambon it lies in (issue 15: the location
        # alone does not say whether the point or the codes are wrong).
        "wrong_tambon": new_feature(registry.point_in("220301"), "22", "2203", "220302",
                                    name_th="องค์การบริหารส่วนตำบลท่าใหม่", point_type="lao_office"),
    }
    for f in pins.values():
        r = http.post(registry.items_url(), json=f, auth=auth("chanthaburi"), timeout=30)
        assert r.status_code == 201, r.text
    yield cfg_id, pins
    QgsApplication.authManager().removeAuthenticationConfig(cfg_id)


def test_connect_pull_validate_fix_publish(qgis_iface, qgis_new_project, registry, chanthaburi,
                                           tmp_path, simplified_gpkg, http):
    cfg_id, pins = chanthaburi
    wc = str(tmp_path / "chanthaburi.gpkg")
    with connected_dock(qgis_iface, registry, cfg_id, wc) as dock:

        dock.test_connection()
        wait_until(lambda: "connect" not in dock.busy)
        assert dock.account is not None and dock.account.provinces == ("22",)
        assert "chanthaburi" in dock.connectionLabel.text()
        assert dock.provinceCombo.itemData(0) == "22"  # the account's province first

        dock.provinceCombo.setCurrentIndex(0)
        assert dock.working_copy_for("22") == wc
        dock.pull()
        wait_until(lambda: "pull" not in dock.busy)
        layer = dock.service_layer()
        assert layer is not None
        pulled = {f["pin_id"]: f for f in layer.getFeatures()}
        assert set(pulled) == {f["id"] for f in pins.values()}
        assert all(f["version"] == 1 for f in pulled.values())
        assert layer.editorWidgetSetup(layer.fields().indexFromName("tambon_code")).type() == \
            "ValueRelation"

        assert dock.use_boundary_file(str(simplified_gpkg), "adm3_tambon")
        assert dock.validateButton.isEnabled()
        dock.validate(ask=lambda layer: True)
        wait_until(lambda: "validate" not in dock.busy)
        panel = dock.findings_panel
        assert panel is not None and not panel.isHidden()
        wrong_id = pins["wrong_tambon"]["id"]
        mine = [r for r in panel.rows if r["pin_id"] == wrong_id]
        assert mine, panel.rows
        fixable = [i for i, r in enumerate(panel.shown) if r["pin_id"] == wrong_id and r["fix"]]
        assert fixable
        errors, warnings = panel.counts()
        assert errors + warnings == len(panel.rows) >= 1
        assert str(errors) in panel.countsLabel.text()
        # Nothing about the two right pins is an error.
        right = {pins["right_1"]["id"], pins["right_2"]["id"]}
        assert not [r for r in panel.rows if r["pin_id"] in right and r["severity"] == "error"]

        assert panel.zoom_to(fixable[0])
        assert layer.selectedFeatureIds() == [int(panel.shown[fixable[0]]["feature_id"])]
        assert panel.apply_fix(fixable[0])
        fixed = next(f for f in layer.getFeatures() if f["pin_id"] == wrong_id)
        assert fixed["tambon_code"] == "220301"
        layer.undoStack().undo()
        undone = next(f for f in layer.getFeatures() if f["pin_id"] == wrong_id)
        assert undone["tambon_code"] == "220302"
        layer.undoStack().redo()
        assert layer.commitChanges()

        # Publish: the preview lists the one change, validation passes, the registry gets it.
        dialog = dock.publish(ask=lambda lyr: True)
        assert dialog is not None
        assert "1 changed" in dialog.countsLabel.text()
        tree = dialog.changesTree
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        # named, not by id; the field as the form names it, before → after
        assert [it.data(0, Qt.ItemDataRole.UserRole) for it in items] == [wrong_id]
        assert items[0].text(0) == "Changed: องค์การบริหารส่วนตำบลท่าใหม่"
        assert [items[0].child(k).text(0) for k in range(items[0].childCount())] == [
            "Subdistrict (tambon): Yai Ra (220302) → Tha Mai (220301)"]
        wait_until(lambda: dialog.state != "checking")
        assert dialog.state == "ready", dialog.checkLabel.text()
        dialog.publish()
        wait_until(lambda: dialog.state == "done")
        assert dialog.last_results.get("CHANGED") == 1, dialog.resultLabel.text()
        remote = http.get(registry.items_url(wrong_id), params={"f": "json"}, timeout=30).json()
        assert remote["properties"]["tambon_code"] == "220301"
        assert remote["properties"]["version"] == 2
        dialog.reject()


def test_publish_is_blocked_by_errors_and_conflicts_are_resolved_per_field(
        qgis_iface, qgis_new_project, registry, chanthaburi, tmp_path, simplified_gpkg, http):
    from citizen_pins.gui.conflicts_dialog import ConflictsDialog

    cfg_id, pins = chanthaburi
    wc = str(tmp_path / "chanthaburi2.gpkg")
    with connected_dock(qgis_iface, registry, cfg_id, wc) as dock:
        dock.provinceCombo.setCurrentIndex(dock.provinceCombo.findData("22"))
        dock.pull()
        wait_until(lambda: "pull" not in dock.busy)
        assert dock.use_boundary_file(str(simplified_gpkg), "adm3_tambon")
        layer = dock.service_layer()
        idx = layer.fields().indexFromName
        right = pins["right_1"]["id"]
        fid = next(f.id() for f in layer.getFeatures() if f["pin_id"] == right)

        # 1. An error blocks the publish: nothing is sent.
        assert layer.startEditing()
        layer.changeAttributeValue(fid, idx("tambon_code"), "229999")  # unknown code
        assert layer.commitChanges()
        dialog = dock.publish(ask=lambda lyr: True)
        wait_until(lambda: dialog.state != "checking")
        assert dialog.state == "blocked"
        assert dialog.blockingList.count() >= 1 and not dialog.publishButton.isEnabled()
        blocking = [dialog.blockingList.item(i) for i in range(dialog.blockingList.count())]
        assert any((b.data(Qt.ItemDataRole.UserRole) or ("",))[0] == right and
                   b.text().startswith("ที่ว่าการอำเภอเมืองจันทบุรี: ") for b in blocking)
        dialog.reject()
        remote = http.get(registry.items_url(right), params={"f": "json"}, timeout=30).json()
        assert remote["properties"]["tambon_code"] == "220101"

        # 2. Someone else changes the same field in the registry: a conflict, kept, resolved.
        assert layer.startEditing()
        layer.changeAttributeValue(fid, idx("tambon_code"), "220101")
        layer.changeAttributeValue(fid, idx("phone"), "039 311 111")
        assert layer.commitChanges()
        r = http.get(registry.items_url(right), params={"f": "json"}, timeout=30)
        theirs = r.json()
        theirs["properties"]["phone"] = "039 322 222"
        body = {"type": "Feature", "id": right, "geometry": theirs["geometry"],
                "properties": {k: v for k, v in theirs["properties"].items()
                               if k not in ("version", "updated_at")}}
        put = http.put(registry.items_url(right), json=body, auth=auth("chanthaburi"),
                       headers={"If-Match": r.headers["ETag"]}, timeout=30)
        assert put.status_code == 200, put.text
        dialog = dock.publish(ask=lambda lyr: True)
        wait_until(lambda: dialog.state != "checking")
        assert dialog.state == "ready", dialog.checkLabel.text()
        dialog.publish()
        wait_until(lambda: dialog.state == "done")
        assert dialog.last_results.get("CONFLICTS") == 1, dialog.resultLabel.text()
        dialog.reject()
        conflicts = ConflictsDialog(wc, "en")
        rows = [i for i, c in enumerate(conflicts.rows) if c.pin_id == right and c.field == "phone"]
        assert len(rows) == 1
        c = conflicts.rows[rows[0]]
        assert (c.local_value, c.remote_value) == ("039 311 111", "039 322 222")
        assert conflicts.conflictsTable.item(rows[0], 3).text() == "039 322 222"  # theirs
        assert conflicts.conflictsTable.item(rows[0], 4).text() == "039 311 111"  # mine
        conflicts.choose(rows[0], "local")
        assert conflicts.apply() == 1
        assert conflicts.rows == [] or all(x.pin_id != right for x in conflicts.rows)
        layer.reload()
        dialog = dock.publish(ask=lambda lyr: True)
        wait_until(lambda: dialog.state != "checking")
        assert dialog.state == "ready", dialog.checkLabel.text()
        dialog.publish()
        wait_until(lambda: dialog.state == "done")
        remote = http.get(registry.items_url(right), params={"f": "json"}, timeout=30).json()
        assert remote["properties"]["phone"] == "039 311 111"  # mine, chosen field by field
        dialog.reject()


def test_registry_boundaries_are_cached_and_used_for_validation(qgis_iface, qgis_new_project,
                                                                registry):
    from qgis.core import QgsVectorLayer

    from citizen_pins.core.locate import code_field_of

    plugin = citizen_pins.classFactory(qgis_iface)
    plugin.initGui()
    dock = plugin.dock
    try:
        dock.registryUrlEdit.setText(registry.url)
        dock._url_changed()
        dock.use_registry_boundaries()
        wait_until(lambda: "boundaries" not in dock.busy)
        layer = dock.boundary_layer()
        assert layer is not None and layer.name() == "tambons"
        assert layer.source().startswith(dock.registry_boundaries_path())
        assert layer.featureCount() == 7425  # the registry loaded the simplified national layer
        assert code_field_of(layer) == "code"
        assert "7425" in dock.boundaryLabel.text()
        cached = QgsVectorLayer(dock.registry_boundaries_path() + "|layername=tambons", "t", "ogr")
        rayong = next(cached.getFeatures("\"code\" = '210101'"))
        assert rayong["name_th"] == "ท่าประดู่" and rayong.geometry().area() > 0
        # The copy on this computer is used again (no download: the file is not rewritten)...
        stamp = os.path.getmtime(dock.registry_boundaries_path())
        assert dock.use_registry_boundaries(ask=lambda path: "use") is None
        assert dock.boundary_layer().source().startswith(dock.registry_boundaries_path())
        assert os.path.getmtime(dock.registry_boundaries_path()) == stamp
        # ... and "download again" replaces the cache in place (no second layer).
        dock.use_registry_boundaries(ask=lambda path: "download")
        wait_until(lambda: "boundaries" not in dock.busy)
        assert len([lyr for lyr in qgis_new_project.mapLayers().values()
                    if lyr.name() == "tambons"]) == 1
    finally:
        plugin.unload()
