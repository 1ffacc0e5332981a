"""Runs inside a real QGIS desktop (``qgis --code``), started by scripts/gui/workflow_screens.py:
connect to the registry, pull Rayong, add a pin with the pin tool, validate, look at the findings.
Saves a screenshot per step and writes the outcome to $CITIZEN_PINS_RESULT (JSON)."""
import json
import os
import sys
import time
import traceback

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsPointXY
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

sys.path.insert(0, os.environ["CITIZEN_PINS_GUI_DIR"])
from session_kit import quit_qgis  # noqa: E402
from shots import save_screen  # noqa: E402

OUT = os.environ["CITIZEN_PINS_RESULT"]
SHOTS = os.environ["CITIZEN_PINS_SHOTS"]
LANG = os.environ.get("CITIZEN_PINS_LANG", "en")
result = {"errors": [], "steps": []}
CLICK_TAMBON = {"th": "210101", "en": "210102"}
state = {}


def shot(name):
    path = os.path.join(SHOTS, f"workflow_{name}_{LANG}.png")
    save_screen(path)
    result["steps"].append(name)


def guarded(fn):
    def run():
        try:
            fn()
        except Exception:  # noqa: BLE001 — reported to the test
            result["errors"].append(traceback.format_exc())
            finish()
    return run


def wait_for(predicate, then, timeout=240):
    start = time.monotonic()

    def poll():
        if predicate():
            QTimer.singleShot(800, guarded(then))
        elif time.monotonic() - start > timeout:
            result["errors"].append(f"timed out before {then.__name__}")
            finish()
        else:
            QTimer.singleShot(200, poll)
    poll()


@guarded
def step_setup():
    iface.mainWindow().setGeometry(0, 0, 1440, 900)
    dock = plugins["citizen_pins"].dock
    state["dock"] = dock
    dock.show()
    am = QgsApplication.authManager()
    am.setMasterPassword("citizen-pins-demo-master", True)
    cfg = QgsAuthMethodConfig()
    cfg.setName("registry rayong")
    cfg.setMethod("Basic")
    cfg.setConfig("username", os.environ["CITIZEN_PINS_USER"])
    cfg.setConfig("password", os.environ["CITIZEN_PINS_PASSWORD"])
    am.storeAuthenticationConfig(cfg)
    dock.settings.set(auth_config_id=cfg.id())
    dock.registryUrlEdit.setText(os.environ["CITIZEN_PINS_REGISTRY_URL"])
    dock._url_changed()
    dock.use_boundary_file(os.environ["CITIZEN_PINS_BOUNDARIES"], "adm3_tambon")
    # The simplified national layer is 50-600 m off the real outlines (docs/validation.md): the
    # tolerance a user should set with it.
    dock.toleranceSpin.setValue(600)
    boundary = dock.boundary_layer()
    symbol = boundary.renderer().symbol()
    from qgis.PyQt.QtGui import QColor
    symbol.setColor(QColor(245, 245, 238))
    symbol.symbolLayer(0).setStrokeColor(QColor(150, 150, 150))
    dock.test_connection()
    wait_for(lambda: "connect" not in dock.busy, step_connected)


def step_connected():
    dock = state["dock"]
    result["connection"] = dock.connectionLabel.text()
    result["account_provinces"] = list(dock.account.provinces) if dock.account else []
    shot("1_connect")
    dock.provinceCombo.setCurrentIndex(dock.provinceCombo.findData("21"))
    dock.pull()
    wait_for(lambda: "pull" not in dock.busy, step_pulled)


def step_pulled():
    dock = state["dock"]
    layer = dock.service_layer()
    result["pulled"] = layer.featureCount()
    canvas = iface.mapCanvas()
    canvas.setExtent(layer.extent().buffered(0.02))
    canvas.refresh()
    QTimer.singleShot(1500, guarded(step_pull_shot))


def step_pull_shot():
    shot("2_pull")
    dock = state["dock"]
    dock.pin_action.trigger()
    result["pin_tool_active"] = iface.mapCanvas().mapTool() is dock.pin_tool
    # A click inside a tambon of Mueang Rayong (ท่าประดู่ in the Thai run, เชิงเนิน in the English
    # one, so the second run does not pin the same spot): a point inside it, from the boundary.
    boundary = dock.boundary_layer()
    code = CLICK_TAMBON[LANG]
    tambon = next(boundary.getFeatures(f"\"ADM3_PCODE\" = 'TH{code}'"))
    point = QgsPointXY(tambon.geometry().pointOnSurface().asPoint())
    canvas = iface.mapCanvas()
    canvas.setCenter(point)
    canvas.zoomScale(60000)
    canvas.refresh()
    state["point"] = point
    QTimer.singleShot(1500, guarded(step_click))


def step_click():
    dock = state["dock"]
    feat = dock.pin_tool.add_pin_at(state["point"])
    state["new_pin_id"] = feat["pin_id"]
    result["new_pin_codes"] = [feat["province_code"], feat["amphoe_code"], feat["tambon_code"]]
    form = dock.last_form
    form.move(760, 120)
    form.resize(560, 640)
    form.attributeForm().changeAttribute("name_th", "ศูนย์บริการร่วม อำเภอเมืองระยอง")
    form.attributeForm().changeAttribute("point_type", "district_office")
    QTimer.singleShot(1200, guarded(step_form_shot))


def step_form_shot():
    shot("3_pin_form")
    dock = state["dock"]
    dock.last_form.accept()
    layer = dock.service_layer()
    result["pins_after_add"] = layer.featureCount()
    dock.pin_action.trigger()  # tool off
    dock.validate(ask=lambda lyr: lyr.commitChanges(False))
    wait_for(lambda: "validate" not in dock.busy, step_validated)


def step_validated():
    dock = state["dock"]
    panel = dock.findings_panel
    errors, warnings = panel.counts()
    result["findings"] = {"rows": len(panel.rows), "errors": errors, "warnings": warnings,
                          "summary": dock.findingsSummaryLabel.text(),
                          "new_pin": [r["rule_id"] for r in panel.rows
                                      if r["pin_id"] == state["new_pin_id"]]}
    layer = dock.service_layer()
    result["pins_saved"] = layer.dataProvider().featureCount()
    iface.mapCanvas().setExtent(layer.extent().buffered(0.02))
    iface.mapCanvas().refresh()
    if panel.shown:
        panel.findingsTable.selectRow(0)
    QTimer.singleShot(2000, guarded(step_findings_shot))


def step_findings_shot():
    shot("4_findings")
    dock = state["dock"]
    state["dialog"] = dock.publish(ask=lambda lyr: lyr.commitChanges(False))
    wait_for(lambda: state["dialog"].state != "checking", step_preview)


def step_preview():
    dialog = state["dialog"]
    dialog.move(420, 120)
    dialog.resize(640, 600)
    result["preview"] = {"state": dialog.state, "counts": dialog.countsLabel.text(),
                         "blocking": dialog.blockingList.count(),
                         "check": dialog.checkLabel.text()}
    QTimer.singleShot(1000, guarded(step_preview_shot))


def step_preview_shot():
    shot("5_publish_preview")
    dialog = state["dialog"]
    dialog.reject()
    # Fix what can be fixed (each fix is one undoable edit), save, and validate again.
    dock = state["dock"]
    panel = dock.findings_panel
    panel.severityCombo.setCurrentIndex(panel.severityCombo.findData("error"))
    fixed = 0
    for row in reversed(range(len(panel.shown))):
        if panel.shown[row]["fix"] and str(panel.shown[row]["fix"]) != "NULL":
            fixed += bool(panel.apply_fix(row))
    result["fixes_applied"] = fixed
    dock.validate(ask=lambda lyr: lyr.commitChanges(False))
    wait_for(lambda: "validate" not in dock.busy, step_revalidated)


def step_revalidated():
    dock = state["dock"]
    errors, warnings = dock.findings_panel.counts()
    result["after_fixes"] = {"errors": errors, "warnings": warnings}
    state["dialog"] = dock.publish(ask=lambda lyr: lyr.commitChanges(False))
    wait_for(lambda: state["dialog"].state != "checking", step_publish)


def step_publish():
    dialog = state["dialog"]
    dialog.move(420, 120)
    dialog.resize(640, 600)
    result["second_check"] = dialog.state
    if dialog.state != "ready":
        result["errors"].append("publish not ready after fixes: " + dialog.checkLabel.text())
        finish()
        return
    dialog.publish()
    wait_for(lambda: dialog.state == "done", step_published)


def step_published():
    dialog = state["dialog"]
    result["published"] = {k: dialog.last_results.get(k) for k in (
        "ADDED", "CHANGED", "DELETED", "CONFLICTS", "FAILED", "PENDING")}
    result["published_summary"] = dialog.resultLabel.text()
    QTimer.singleShot(1000, guarded(step_published_shot))


def step_published_shot():
    shot("6_published")
    state["dialog"].reject()
    finish()


def finish():
    if state.get("finished"):
        return
    state["finished"] = True
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    quit_qgis()


QTimer.singleShot(3000, step_setup)
