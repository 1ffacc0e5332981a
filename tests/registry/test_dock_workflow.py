"""The dock's daily workflow against the real registry, in a QGIS iface: test connection, pull a
province (as a task), validate (as a task), the findings panel, apply a fix (undoable)."""
import time

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig

from registry_helpers import PASSWORD, auth, new_feature

import citizen_pins
from citizen_pins.core.working_copy import create_working_copy

pytestmark = pytest.mark.registry


def wait_until(predicate, timeout=180):
    """Let QGIS's event loop run (tasks report back on it) until ``predicate()`` holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.02)
    raise AssertionError("timed out waiting for the task")


@pytest.fixture(scope="module")
def chanthaburi(registry, http, authcfgs):
    """An editor of Chanthaburi (22) with three pins: two right, one declaring a wrong tambon."""
    assert registry.add_user("chanthaburi", PASSWORD, "22").returncode == 0
    am = QgsApplication.authManager()
    cfg = QgsAuthMethodConfig()
    cfg.setName("citizen_pins test chanthaburi")
    cfg.setMethod("Basic")
    cfg.setConfig("username", "chanthaburi")
    cfg.setConfig("password", PASSWORD)
    ok = am.storeAuthenticationConfig(cfg)
    assert ok[0] if isinstance(ok, tuple) else ok
    pins = {
        "right_1": new_feature(registry.point_in("220101"), "22", "2201", "220101",
                               name_th="ที่ว่าการอำเภอเมืองจันทบุรี", point_type="district_office"),
        "right_2": new_feature(registry.point_in("220201"), "22", "2202", "220201",
                               name_th="สำนักงานเทศบาลตำบล", point_type="lao_office"),
        # Lies in 220301 but declares 220302 (same amphoe): a location finding with a fix.
        "wrong_tambon": new_feature(registry.point_in("220301"), "22", "2203", "220302",
                                    name_th="องค์การบริหารส่วนตำบล", point_type="lao_office"),
    }
    for f in pins.values():
        r = http.post(registry.items_url(), json=f, auth=auth("chanthaburi"), timeout=30)
        assert r.status_code == 201, r.text
    yield cfg.id(), pins
    am.removeAuthenticationConfig(cfg.id())


def test_connect_pull_validate_fix(qgis_iface, qgis_new_project, registry, chanthaburi, tmp_path,
                                   simplified_gpkg):
    cfg_id, pins = chanthaburi
    wc = str(tmp_path / "chanthaburi.gpkg")
    create_working_copy(wc, "22")
    plugin = citizen_pins.classFactory(qgis_iface)
    plugin.initGui()
    dock = plugin.dock
    try:
        dock.settings.set(working_copy=wc, auth_config_id=cfg_id)
        dock.registryUrlEdit.setText(registry.url)
        dock._url_changed()

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
        layer.rollBack()
    finally:
        plugin.unload()
