"""Runs inside a real QGIS desktop (``qgis --code``) at 1366x768, started by
scripts/gui/daily_screens.py: the daily workflow of issue 17 as an officer lives it, against a
real registry (reached through a proxy the harness can hold), in the way a person does it --
buttons clicked, dialogs answered, the map clicked with the pin tool.  Every defect of the issue
is observed on its own (``result["obs"]``); the tests assert on them.

$CITIZEN_PINS_DAILY_MODE: ``first`` (Thai: connect, new working copy, import, pull, boundaries,
validate, fix and undo, the pin tool, publish and its preview, a held and stopped publish,
refused pins, deletions), ``restart`` (the same profile opened again: what the dock restores),
``english`` (a fresh profile in English: words, a conflict and its dialog).
"""
import json
import os
import sys
import urllib.request
import base64

from qgis.core import (QgsApplication, QgsAuthMethodConfig, QgsPointXY, QgsProcessingUtils,
                       QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QAction, QDialogButtonBox, QMessageBox, QTreeWidget
from qgis.utils import iface, plugins

sys.path.insert(0, os.environ["CITIZEN_PINS_GUI_DIR"])
from session_kit import (Steps, Wait, close_modal, describe_modal, layout_problems,  # noqa: E402
                         quit_qgis)
from shots import save_screen  # noqa: E402

OUT = os.environ["CITIZEN_PINS_RESULT"]
SHOTS = os.environ["CITIZEN_PINS_SHOTS"]
LANG = os.environ.get("CITIZEN_PINS_LANG", "th")
MODE = os.environ.get("CITIZEN_PINS_DAILY_MODE", "first")
URL = os.environ["CITIZEN_PINS_REGISTRY_URL"]
DIRECT_URL = os.environ.get("CITIZEN_PINS_DIRECT_URL", URL)
DOWN_URL = os.environ.get("CITIZEN_PINS_DOWN_URL", "http://127.0.0.1:9")
USER = os.environ["CITIZEN_PINS_USER"]
PASSWORD = os.environ["CITIZEN_PINS_PASSWORD"]
MOPH = os.environ["CITIZEN_PINS_MOPH"]
HOLD = os.environ.get("CITIZEN_PINS_HOLD", "")
MASTER = "citizen-pins-demo-master"
RAYONG = "21"

S = Steps(OUT)
state = {}


def dock():
    return plugins["citizen_pins"].dock


def pins():
    return dock().service_layer()


def action(name):
    return iface.mainWindow().findChild(QAction, name)


def shot(name):
    path = os.path.join(SHOTS, f"daily_{name}_{LANG}.png")
    save_screen(path)
    S.obs("shots", **{name: path})


def window_shot(key, widget, name):
    """A dialog's layout checked, and the screen saved while it is open."""
    S.obs("layout", **{key: layout_problems(widget)})
    path = os.path.join(SHOTS, f"daily_{name}_{LANG}.png")
    save_screen(path)
    S.obs("shots", **{name: path})


def layout(key, widget):
    problems = layout_problems(widget)
    S.obs("layout", **{key: problems})
    return problems


def message_bar_texts():
    out = []
    for item in iface.messageBar().items():
        out.append(" ".join(t for t in (item.title(), item.text()) if t))
    return out


def thai(text):
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text or "")


def registry_get(path):
    with urllib.request.urlopen(DIRECT_URL + path, timeout=60) as r:
        return json.loads(r.read().decode("utf-8")), r.headers.get("ETag")


def registry_put(pin_id, feature, etag):
    req = urllib.request.Request(
        f"{DIRECT_URL}/collections/service_points/items/{pin_id}", method="PUT",
        data=json.dumps(feature, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/geo+json", "If-Match": etag,
                 "Authorization": "Basic " + base64.b64encode(
                     f"{USER}:{PASSWORD}".encode()).decode()})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status


def registry_pins(province):
    doc, _ = registry_get(f"/collections/service_points/items?f=json&limit=5000"
                          f"&province_code={province}")
    return doc["features"]


def near_duplicates(features, metres=30.0):
    """Pairs of features with near-identical names within ``metres`` (the registry's own
    duplicate test, by the rules' name comparison)."""
    from citizen_pins.core.rules import _name_key, _near_identical
    from citizen_pins.core.boundaries import haversine_m

    pts = []
    for f in features:
        c = (f.get("geometry") or {}).get("coordinates")
        if c:
            pts.append((f["id"], _name_key(f["properties"].get("name_th")), c[0], c[1]))
    pairs = []
    for i, a in enumerate(pts):
        for b in pts[i + 1:]:
            if abs(a[2] - b[2]) > 0.001 or abs(a[3] - b[3]) > 0.001:
                continue
            if float(haversine_m(a[2], a[3], b[2], b[3])) <= metres and _near_identical(a[1], b[1]):
                pairs.append((a[0], b[0]))
    return pairs


def canvas_click(point):
    """A left click on the map canvas at ``point`` (map coordinates), as the mouse does it."""
    canvas = iface.mapCanvas()
    pixel = canvas.getCoordinateTransform().transform(point)
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(round(pixel.x())), int(round(pixel.y()))))


def zoom_to(point, scale):
    canvas = iface.mapCanvas()
    canvas.setCenter(point)
    canvas.zoomScale(scale)
    canvas.refresh()


def feature_by_pin(layer, pin_id):
    for f in layer.getFeatures():
        if f["pin_id"] == pin_id:
            return f
    return None


def conflicted():
    """Pins with open conflicts (left out of a publish until a person resolves them)."""
    from citizen_pins.registry.sync import open_conflicts

    return {c.pin_id for c in open_conflicts(dock().settings.working_copy)}


def dialog_texts(dlg):
    """Every line the publish preview shows (the tree, or the old list)."""
    tree = getattr(dlg, "changesTree", None)
    if tree is None:
        return [dlg.changesList.item(i).text() for i in range(dlg.changesList.count())]
    out = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        out.append(item.text(0))
        out.extend(item.child(k).text(0) for k in range(item.childCount()))
    return out


def findings_layer():
    for layer in QgsProject.instance().mapLayers().values():
        if layer.name().startswith("findings") or "findings" in layer.source():
            if isinstance(layer, QgsVectorLayer) and layer.fields().indexFromName("rule_id") >= 0:
                return layer
    return None


# -- common steps ---------------------------------------------------------------------------------

def s_setup():
    mw = iface.mainWindow()
    mw.setGeometry(0, 0, 1366, 768)  # the whole screen (Xvfb has no window manager)
    d = dock()
    d.show()
    d.raise_()
    if MODE != "restart":
        am = QgsApplication.authManager()
        am.setMasterPassword(MASTER, True)
        cfg = QgsAuthMethodConfig()
        cfg.setName("registry " + USER)
        cfg.setMethod("Basic")
        cfg.setConfig("username", USER)
        cfg.setConfig("password", PASSWORD)
        am.storeAuthenticationConfig(cfg)
        state["cfg"] = cfg.id()
    S.obs("setup", screen=[mw.width(), mw.height()])


def s_choose_account():
    """Account…: the authentication configuration is chosen in the plugin's dialog."""
    d = dock()

    def choose(w):
        w.authSelect.setConfigId(state["cfg"])
        w.accept()

    S.expect_modal(choose, "account dialog")
    d.chooseAccountButton.click()
    S.obs("d11", account_label_before_connect=d.accountLabel.text(), cfg_id=state["cfg"])


def _test_connection(url, label):
    """The registry's address typed in, then Test connection."""
    d = dock()
    d.registryUrlEdit.setText(url)
    d.registryUrlEdit.editingFinished.emit()
    d.testConnectionButton.click()
    return Wait(lambda: "connect" not in d.busy, 60, label)


def s_unreachable():
    return _test_connection(DOWN_URL, "the unreachable registry's answer")


def s_unreachable_seen():
    d = dock()
    S.obs("d7", unreachable_text=d.connectionLabel.text())
    layout("dock_unreachable", d)


def s_connect():
    d = dock()
    S.obs("d2", province_before_connect=d.provinceCombo.currentData())
    return _test_connection(URL, "test connection")


def s_connected():
    d = dock()
    S.obs("d2", province_after_connect=d.provinceCombo.currentData(),
          province_text=d.provinceCombo.currentText())
    S.obs("d11", account_label=d.accountLabel.text(), connection=d.connectionLabel.text(),
          account_provinces=list(d.account.provinces) if d.account else None)
    d.toleranceSpin.setValue(600)  # the registry's boundaries are the simplified ones
    layout("dock_connected", d)
    shot("1_connect")


def s_new_working_copy():
    d = dock()

    def answer(w):
        seen = {"class": type(w).__name__, "object": w.objectName()}
        if w.objectName() == "CitizenPinsNewWorkingCopyDialog":
            seen.update(province=w.provinceCombo.currentData(),
                        province_text=w.provinceCombo.currentText(),
                        folder=w.folderEdit.text(), path=w.path())
            window_shot("new_working_copy", w, "new_working_copy")
            S.obs("d3", dialog=seen)
            w.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
        else:
            S.obs("d3", dialog=seen)
            close_modal(w)

    S.expect_modal(answer, "new working copy dialog")
    d.newWorkingCopyButton.click()
    return Wait(lambda: pins() is not None, 30, "the new working copy's layer")


def s_new_working_copy_made():
    d = dock()
    path = d.settings.working_copy
    temp = QgsProcessingUtils.tempFolder()
    S.obs("d3", working_copy=path, in_processing_temp=bool(path) and path.startswith(temp),
          exists=bool(path) and os.path.isfile(path), layer=pins() is not None)
    if pins() is None:  # the old code made none the session can use: make one, go on
        from citizen_pins.core.working_copy import create_working_copy

        path = os.path.join(QgsApplication.qgisSettingsDirPath(), "citizen_pins",
                            f"pins_{RAYONG}.gpkg")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not os.path.exists(path):
            create_working_copy(path, RAYONG)
        d.use_working_copy(path)
        S.obs("d3", fallback=path)
    S.obs("d2", layer_name=pins().name(), working_copy=d.settings.working_copy)


def _open_import():
    """Import a list… clicked; the dialog where the screenshots see it."""
    dock().importButton.click()
    dlg = state["import"] = dock().import_dialog
    dlg.move(300, 40)
    return dlg


def s_import_open():
    dlg = _open_import()
    dlg.fileEdit.setFocus()
    dlg.fileEdit.setText(MOPH)
    QTest.keyClick(dlg.fileEdit, Qt.Key.Key_Return)  # the user presses Enter in the path
    return Wait(lambda: dlg.state not in ("empty", "reading"), 120, "the list read")


def s_import_read():
    dlg = state["import"]
    labels = [dlg.mappingTable.item(r, 0).text() for r in range(dlg.mappingTable.rowCount())]
    filt = getattr(dlg, "provinceFilterCombo", None)
    S.obs("d11", mapping_labels=labels,
          browse_opened=[m for m in S.result["unexpected_modals"] if m["step"] == "s_import_open"])
    S.obs("d4", filter=filt.currentData() if filt is not None else None,
          filter_text=filt.currentText() if filt is not None else None)
    layout("import_dialog", dlg)
    shot("2_import")
    dlg.importButton.click()
    return Wait(lambda: dlg.state in ("done", "ready", "asking"), 300, "the import")


def s_import_done():
    dlg = state["import"]
    d = dock()
    layer = pins()
    canvas = iface.mapCanvas().extent()
    ext = layer.extent()
    S.obs("d4", result=dlg.resultLabel.text(), pins=layer.featureCount(), state=dlg.state)
    S.obs("d11", import_result=dlg.resultLabel.text())
    S.obs("d10", count_label_after_import=d.workingCopyLabel.text(),
          pins_after_import=layer.featureCount())
    S.obs("d8", canvas=[canvas.xMinimum(), canvas.yMinimum(), canvas.xMaximum(), canvas.yMaximum()],
          pins_extent=[ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()],
          canvas_shows_pins=canvas.contains(ext) and canvas.width() < 10 * max(ext.width(), 0.01))
    layout("import_done", dlg)
    dlg.closeButton.click()
    layer.commitChanges()  # the user saves the layer
    S.obs("d10", count_label_after_save=d.workingCopyLabel.text(),
          pins_after_save=layer.featureCount())


def s_pull():
    d = dock()
    state["wc_before_pull"] = d.settings.working_copy
    S.obs("d2", province_at_pull=d.provinceCombo.currentData())
    d.pullButton.click()
    return Wait(lambda: "pull" not in d.busy, 180, "the pull")


def s_pulled():
    d = dock()
    layers = [lyr for lyr in QgsProject.instance().mapLayers().values()
              if "layername=service_points" in lyr.source()]
    S.obs("d2", working_copy_after_pull=d.settings.working_copy,
          same_working_copy=d.settings.working_copy == state["wc_before_pull"],
          service_layers=[lyr.name() for lyr in layers])
    if d.provinceCombo.currentData() != RAYONG or pins() is None or \
            d.settings.working_copy != state["wc_before_pull"]:
        # the user notices Bangkok was pulled, chooses Rayong and pulls again
        d.provinceCombo.setCurrentIndex(d.provinceCombo.findData(RAYONG))
        d.use_working_copy(state["wc_before_pull"])
        d.pullButton.click()
        S.obs("d2", pulled_again=True)
        return Wait(lambda: "pull" not in d.busy, 180, "the second pull")
    return None


def s_pulled_rayong():
    layer = pins()
    feats = [{"id": f["pin_id"], "properties": {"name_th": f["name_th"]},
              "geometry": {"coordinates": [f.geometry().asPoint().x(), f.geometry().asPoint().y()]}}
             for f in layer.getFeatures() if f.hasGeometry()]
    S.obs("d1", pins_after_pull=layer.featureCount(), local_duplicates=len(near_duplicates(feats)),
          registry_pins_before=len(registry_pins(RAYONG)), pull_messages=message_bar_texts())


def s_boundaries():
    d = dock()
    d.registryBoundaryButton.click()
    return Wait(lambda: "boundaries" not in d.busy and d.boundary_layer() is not None, 180,
                "the registry's boundaries")


def s_boundaries_done():
    d = dock()
    root = QgsProject.instance().layerTreeRoot()
    order = [node.layer().id() for node in root.findLayers()]  # top of the legend first
    boundary, layer = d.boundary_layer(), pins()
    symbol = boundary.renderer().symbol() if hasattr(boundary.renderer(), "symbol") else None
    fill = symbol.color().alpha() if symbol is not None else None
    S.obs("d8", boundary_below_pins=order.index(boundary.id()) > order.index(layer.id()),
          boundary_fill_alpha=fill, boundary_source=boundary.source())
    iface.mapCanvas().setExtent(layer.extent().buffered(0.02))
    iface.mapCanvas().refresh()
    iface.setActiveLayer(layer)
    layout("dock_pulled", d)
    shot("3_pulled")


def s_prepare_edits():
    """A pulled pin P declares the wrong tambon (a fix), and a new pin D is placed 4 m from P
    with P's name (a duplicate of a pin the registry has)."""
    from citizen_pins.core.dopa import codes

    layer = pins()
    base_ids = {f["id"] for f in registry_pins(RAYONG)} - conflicted()
    candidates = [f for f in layer.getFeatures() if f["pin_id"] in base_ids and f["tambon_code"]
                  and f["name_th"] and not f["phone"]]
    # a pin whose name names its tambon: the evidence a code fix rests on (issue 15)
    named = [f for f in candidates if f["tambon_code"] in codes().units
             and codes().units[f["tambon_code"]].name_th in f["name_th"]]
    p = (named or candidates)[len(named or candidates) // 2]
    other = next(u.code for code, u in sorted(codes().units.items())
                 if u.level == "tambon" and u.parent_code == p["amphoe_code"]
                 and u.code != p["tambon_code"] and codes().is_current(u.code))
    state["P"] = {"pin_id": p["pin_id"], "name": p["name_th"], "tambon": p["tambon_code"],
                  "wrong": other}
    layer.startEditing()
    layer.changeAttributeValue(p.id(), layer.fields().indexFromName("tambon_code"), other)
    layer.commitChanges()
    pt = p.geometry().asPoint()
    import math
    d_pt = QgsPointXY(pt.x() + 4.0 / (111320.0 * math.cos(math.radians(pt.y()))), pt.y())
    zoom_to(d_pt, 500)
    dock().pin_action.trigger()
    state["D_point"] = d_pt
    return Wait(lambda: iface.mapCanvas().mapTool() is dock().pin_tool, 10, "the pin tool")


def s_place_duplicate():
    canvas_click(state["D_point"])
    return Wait(lambda: getattr(dock(), "last_form", None) is not None, 20, "the pin's form")


def s_duplicate_form():
    d = dock()
    form = d.last_form
    form.attributeForm().changeAttribute("name_th", state["P"]["name"])
    form.attributeForm().changeAttribute("phone", "038 611 111")
    form.attributeForm().changeAttribute("point_type", "health_facility")
    new_id = form.attributeForm().feature()["pin_id"]
    form.accept()
    d.last_form = None
    layer = pins()
    state["D"] = {"pin_id": new_id}
    S.obs("d1", duplicate_placed=feature_by_pin(layer, new_id) is not None)
    layer.commitChanges()
    d.pin_action.trigger()  # tool off


def s_validate():
    d = dock()
    d.validateButton.click()
    return Wait(lambda: "validate" not in d.busy and d.findings_panel is not None, 180,
                "validation")


def s_validated():
    d = dock()
    panel = d.findings_panel
    t = panel.findingsTable
    headers = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    first = [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())]
             for r in range(min(5, t.rowCount()))]
    dup = [r for r in panel.rows if r["pin_id"] == state["D"]["pin_id"]]
    S.obs("d11", findings_headers=headers, findings_first_rows=first)
    S.obs("d1", duplicate_findings=[{"rule": r["rule_id"], "severity": r["severity"],
                                     "fix": str(r["fix"]) if r["fix"] else ""} for r in dup])
    S.obs("d10", summary_after_validate=d.findingsSummaryLabel.text())
    layout("findings_panel", panel)
    layout("dock_validated", d)
    shot("findings")


def _select_finding(pin_id, want_fix=True):
    panel = dock().findings_panel
    panel.severityCombo.setCurrentIndex(0)
    panel.ruleCombo.setCurrentIndex(0)
    for i, r in enumerate(panel.shown):
        if r["pin_id"] == pin_id and (not want_fix or (r["fix"] and str(r["fix"]) != "NULL")):
            panel.findingsTable.selectRow(i)
            return r
    return None


def s_fix_and_undo():
    """#5: the fix is applied while the findings layer is the active one; QGIS's Undo (Edit ▸
    Undo, Ctrl+Z) must undo it."""
    layer = pins()
    p = state["P"]
    r = _select_finding(p["pin_id"])
    S.obs("d5", finding=r["rule_id"] if r else None)
    if r is None:
        raise AssertionError("no finding with a fix for the pin with the wrong tambon")
    findings = findings_layer()
    iface.setActiveLayer(findings)
    dock().findings_panel.applyFixButton.click()
    fixed = feature_by_pin(layer, p["pin_id"])["tambon_code"]
    action("mActionUndo").trigger()
    undone = feature_by_pin(layer, p["pin_id"])["tambon_code"]
    S.obs("d5", active_before=findings.name(), fixed=fixed, after_undo=undone,
          expected_fixed=p["tambon"], expected_undone=p["wrong"],
          active_after=iface.activeLayer().name() if iface.activeLayer() else None)
    if undone == fixed:  # the old code: the user clicks the pins layer, undo works then
        iface.setActiveLayer(layer)
        action("mActionUndo").trigger()
    action("mActionRedo").trigger()
    S.obs("d5", after_redo=feature_by_pin(layer, p["pin_id"])["tambon_code"])
    layer.commitChanges()


def s_stale_findings():
    d = dock()
    S.obs("d10", summary_after_fix=d.findingsSummaryLabel.text(),
          panel_after_fix=d.findings_panel.countsLabel.text())


def s_pin_outside():
    """#6: a pin placed in Chon Buri, which the Rayong account may not edit."""
    d = dock()
    boundary = d.boundary_layer()
    field = "code" if boundary.fields().indexFromName("code") >= 0 else "ADM3_PCODE"
    value = "200101" if field == "code" else "TH200101"
    tambon = next(boundary.getFeatures(f"\"{field}\" = '{value}'"))
    point = QgsPointXY(tambon.geometry().pointOnSurface().asPoint())
    zoom_to(point, 5000)
    iface.messageBar().clearWidgets()
    d.pin_action.trigger()
    state["C_point"] = point
    return Wait(lambda: iface.mapCanvas().mapTool() is d.pin_tool, 10, "the pin tool")


def s_place_outside():
    canvas_click(state["C_point"])
    return Wait(lambda: getattr(dock(), "last_form", None) is not None, 20, "the pin's form")


def s_outside_form():
    d = dock()
    S.obs("d6", warnings=message_bar_texts(),
          modals=[m["text"] for m in S.result["modals"] + S.result["unexpected_modals"]
                  if m["step"] in ("s_place_outside", "s_outside_form")])
    form = d.last_form
    form.attributeForm().changeAttribute("name_th", "ศูนย์บริการร่วม ตำบลบางปลาสร้อย")
    form.attributeForm().changeAttribute("point_type", "other")
    state["C"] = {"pin_id": form.attributeForm().feature()["pin_id"]}
    form.accept()
    d.last_form = None
    pins().commitChanges()
    d.pin_action.trigger()
    iface.mapCanvas().setExtent(pins().extent().buffered(0.02))


def _open_publish():
    d = dock()
    d.publishButton.click()
    state["dialog"] = d.publish_dialog
    state["dialog"].move(200, 30)
    return Wait(lambda: state["dialog"].state != "checking", 240, "the publish check")


def s_publish_check():
    return _open_publish()


def s_publish_checked():
    dlg = state["dialog"]
    blocking = [dlg.blockingList.item(i).text() for i in range(dlg.blockingList.count())]
    S.obs("d1", first_check=dlg.state, first_blocking=blocking[:20],
          blocked_by_duplicate=dlg.state == "blocked" and any(
              state["P"]["name"] in b or state["D"]["pin_id"] in b for b in blocking))
    dlg.closeButton.click()


def s_merge_duplicate():
    """The duplicate's fix: merge it into the registry's pin (one undoable step)."""
    layer = pins()
    before = layer.featureCount()
    r = _select_finding(state["D"]["pin_id"])
    S.obs("d1", merge_fix=str(r["fix"]) if r else None)
    if r is None:
        # the old code offers no merge: the user deletes the duplicate by hand
        f = feature_by_pin(layer, state["D"]["pin_id"])
        layer.startEditing()
        layer.deleteFeature(f.id())
        layer.commitChanges()
        return
    iface.setActiveLayer(findings_layer())
    dock().findings_panel.applyFixButton.click()
    p = feature_by_pin(layer, state["P"]["pin_id"])
    S.obs("d1", merged_count=[before, layer.featureCount()],
          duplicate_left=feature_by_pin(layer, state["D"]["pin_id"]) is not None,
          existing_phone=p["phone"] if p else None)
    layer.commitChanges()


def s_publish_again():
    return _open_publish()


def s_publish_ready():
    dlg = state["dialog"]
    blocking = [dlg.blockingList.item(i).text() for i in range(dlg.blockingList.count())]
    S.obs("d1", second_check=dlg.state, second_blocking=blocking[:20])
    S.obs("i15", counts=dlg.countsLabel.text())
    tree = getattr(dlg, "changesTree", None)
    if isinstance(tree, QTreeWidget):
        top = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        S.obs("i15", items=[it.text(0) for it in top[:30]],
              children=[[it.child(k).text(0) for k in range(it.childCount())] for it in top[:30]],
              with_id=[it.text(0) for it in top if state["P"]["pin_id"] in it.text(0)])
        # zoom to the changed pin P
        for it in top:
            if state["P"]["name"] in it.text(0):
                tree.setCurrentItem(it)
                dlg.zoomChangeButton.click()
                c = iface.mapCanvas().center()
                p = feature_by_pin(pins(), state["P"]["pin_id"]).geometry().asPoint()
                S.obs("i15", zoom_distance_deg=max(abs(c.x() - p.x()), abs(c.y() - p.y())),
                      zoom_selected=[pins().getFeature(fid)["pin_id"]
                                     for fid in pins().selectedFeatureIds()])
                break
    else:
        items = [dlg.changesList.item(i).text() for i in range(min(30, dlg.changesList.count()))]
        S.obs("i15", items=items, children=None,
              with_id=[t for t in items if state["P"]["pin_id"] in t])
    layout("publish_preview", dlg)
    shot("4_publish_preview")


def s_dialog_follows_edits():
    """#10: the open preview follows a saved edit of the working copy."""
    dlg = state["dialog"]
    before = dlg.countsLabel.text()
    layer = pins()
    base_ids = {f["id"] for f in registry_pins(RAYONG)} - conflicted()
    q = next(f for f in layer.getFeatures() if f["pin_id"] in base_ids
             and f["pin_id"] != state["P"]["pin_id"] and not f["phone"])
    state["Q"] = q["pin_id"]
    layer.startEditing()
    layer.changeAttributeValue(q.id(), layer.fields().indexFromName("phone"), "038 622 222")
    layer.commitChanges()
    state["counts_before"] = before
    return Wait(lambda: any("038 622 222" in t for t in dialog_texts(dlg))
                and dlg.state != "checking", 60, "the preview to follow the edit")


def s_dialog_followed():
    dlg = state["dialog"]
    S.obs("d10", preview_follows=any("038 622 222" in t for t in dialog_texts(dlg)),
          state_after_edit=dlg.state)


def s_held_publish():
    """#10: the registry does not answer (the proxy holds the request): the progress must not
    sit at 100 %; then the user stops the publish."""
    dlg = state["dialog"]
    if dlg.state != "ready":
        raise AssertionError(f"the publish is not ready: {dlg.state} {dlg.checkLabel.text()}")
    with open(HOLD, "w") as fh:
        fh.write("hold")
    dlg.publishButton.click()
    return Wait(lambda: os.path.exists(HOLD + ".seen"), 120, "the held request")


def s_held():
    dlg = state["dialog"]
    bar = dlg.progressBar
    S.obs("d10", held_progress={"value": bar.value(), "minimum": bar.minimum(),
                                "maximum": bar.maximum(), "visible": bar.isVisible(),
                                "text": bar.text()},
          held_status=getattr(dlg, "statusLabel", dlg.resultLabel).text())
    dlg.cancelButton.click()
    with open(HOLD, "w") as fh:
        fh.write("drop")  # the connection breaks: no answer for what was sent
    return Wait(lambda: dlg.state not in ("publishing",), 180, "the stopped publish")


def s_stopped():
    dlg = state["dialog"]
    return Wait(lambda: dlg.state not in ("checking",), 120, "the check after the stop")


def s_stopped_seen():
    dlg = state["dialog"]
    if os.path.exists(HOLD):
        os.remove(HOLD)  # the registry answers again
    S.obs("d10", after_stop_state=dlg.state, publish_enabled_after_stop=dlg.publishButton.isEnabled(),
          after_stop_text=dlg.resultLabel.text())
    if not dlg.publishButton.isEnabled():  # the old code: close and open the dialog again
        dlg.closeButton.click()
        return _open_publish()
    return None


def s_publish():
    dlg = state["dialog"]
    dlg.publishButton.click()
    return Wait(lambda: dlg.state in ("done", "ready", "blocked", "nothing") and dlg.task is None,
                300, "the publish")


def s_published():
    dlg = state["dialog"]
    refused = getattr(dlg, "refusedTable", None)
    rows = []
    if refused is not None:
        for r in range(refused.rowCount()):
            rows.append([refused.item(r, c).text() if refused.item(r, c) else ""
                         for c in range(refused.columnCount())])
    S.obs("d6", refused_rows=rows, failed=dlg.last_results.get("FAILED"),
          zoom_button=bool(getattr(dlg, "zoomRefusedButton", None)))
    if refused is not None and refused.rowCount():
        refused.selectRow(0)
        dlg.zoomRefusedButton.click()
        c = iface.mapCanvas().center()
        S.obs("d6", zoom_center=[c.x(), c.y()], outside_point=[state["C_point"].x(),
                                                                state["C_point"].y()])
    S.obs("d11", publish_result=dlg.resultLabel.text())
    S.obs("d1", published=dict(dlg.last_results))
    rayong = registry_pins(RAYONG)
    S.obs("d1", registry_pins_after=len(rayong), registry_duplicates=near_duplicates(rayong))
    layout("published", dlg)
    shot("5_published")
    dlg.closeButton.click()


def s_delete_three():
    """#1: three pins deleted at once: the publish asks, with their count and names."""
    layer = pins()
    base_ids = {f["id"] for f in registry_pins(RAYONG)} - conflicted()
    victims = [f for f in layer.getFeatures() if f["pin_id"] in base_ids
               and f["pin_id"] not in (state["P"]["pin_id"], state.get("Q"))][:3]
    state["victims"] = [(f["pin_id"], f["name_th"]) for f in victims]
    layer.startEditing()
    layer.deleteFeatures([f.id() for f in victims])
    layer.commitChanges()
    return _open_publish()


def s_delete_publish():
    dlg = state["dialog"]
    S.obs("d1", delete_check=dlg.state)

    def answer(w):
        S.obs("d1", delete_question=describe_modal(w))
        w.button(QMessageBox.StandardButton.No).click()

    S.expect_modal(answer, "confirm deletions")
    dlg.publishButton.click()
    return Wait(lambda: dlg.state != "publishing" and dlg.task is None, 120,
                "the answer to the deletion question")


def s_delete_answered():
    dlg = state["dialog"]
    still = []
    for pin_id, _name in state["victims"]:
        try:
            registry_get(f"/collections/service_points/items/{pin_id}?f=json")
            still.append(pin_id)
        except Exception:  # noqa: BLE001 - 404: deleted
            pass
    S.obs("d1", victims=state["victims"], still_in_registry=still,
          delete_unexpected=[m for m in S.result["unexpected_modals"]
                             if m["step"] == "s_delete_publish"])
    dlg.closeButton.click()


def s_final_validate():
    d = dock()
    d.validateButton.click()
    return Wait(lambda: "validate" not in d.busy, 180, "the last validation")


def s_final_state():
    d = dock()
    S.obs("d9", before_exit={"working_copy": d.settings.working_copy,
                             "boundary": d.boundary_layer().source() if d.boundary_layer() else None,
                             "findings": len(d.findings_panel.rows) if d.findings_panel else 0})


# -- restart ------------------------------------------------------------------------------------

def s_restart_seen():
    d = dock()
    layer, boundary = d.service_layer(), d.boundary_layer()
    panel = d.findings_panel
    S.obs("d9", working_copy=d.settings.working_copy, layer=layer is not None,
          boundary=boundary.source() if boundary is not None else None,
          findings=len(panel.rows) if panel is not None else 0,
          findings_summary=d.findingsSummaryLabel.text(),
          enabled={"import": d.importButton.isEnabled(), "validate": d.validateButton.isEnabled(),
                   "publish": d.publishButton.isEnabled(), "pin": d.pin_action.isEnabled()},
          startup_modals=list(S.result["unexpected_modals"]))
    layout("dock_restored", d)
    cache = d.registry_boundaries_path()
    state["cache"] = cache
    state["cache_mtime"] = os.path.getmtime(cache) if os.path.exists(cache) else None


def s_restart_boundaries():
    d = dock()

    def answer(w):
        S.obs("d9", boundary_question=describe_modal(w))
        if isinstance(w, QMessageBox):
            for b in w.buttons():
                if w.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole:
                    b.click()
                    return
        close_modal(w)

    S.expect_modal(answer, "registry boundaries")
    d.registryBoundaryButton.click()
    return Wait(lambda: "boundaries" not in d.busy, 120, "the boundaries")


def s_restart_boundaries_done():
    d = dock()
    cache = state["cache"]
    S.obs("d9", cache_mtime_before=state["cache_mtime"],
          cache_mtime_after=os.path.getmtime(cache) if os.path.exists(cache) else None,
          boundary_after=d.boundary_layer().source() if d.boundary_layer() else None,
          modals=[m for m in S.result["modals"] + S.result["unexpected_modals"]
                  if m["step"].startswith("s_restart_boundaries")])


# -- English --------------------------------------------------------------------------------------

def s_en_import():
    dlg = _open_import()
    dlg.fileEdit.setText(MOPH)
    dlg.read()
    return Wait(lambda: dlg.state not in ("empty", "reading"), 120, "the list read")


def s_en_import_read():
    dlg = state["import"]
    S.obs("e11", mapping_labels=[dlg.mappingTable.item(r, 0).text()
                                 for r in range(dlg.mappingTable.rowCount())])
    layout("import_dialog", dlg)
    shot("2_import")
    dlg.closeButton.click()


def s_en_pulled():
    d = dock()
    S.obs("e11", working_copy_label=d.workingCopyLabel.text(), layer_name=pins().name(),
          account_label=d.accountLabel.text(), connection=d.connectionLabel.text())
    iface.mapCanvas().setExtent(pins().extent().buffered(0.02))
    iface.mapCanvas().refresh()
    layout("dock_pulled", d)
    shot("3_pulled")


def s_en_conflict():
    """The same field changed here and in the registry: a conflict."""
    layer = pins()
    q = next(f for f in layer.getFeatures() if f["pin_id"] not in
             (state.get("P", {}).get("pin_id"), ) and f["version"])
    state["Q"] = q["pin_id"]
    state["Q_name"] = q["name_th"]
    layer.startEditing()
    layer.changeAttributeValue(q.id(), layer.fields().indexFromName("opening_hours"),
                               "Mon-Fri 08:30-16:30")
    layer.commitChanges()
    doc, etag = registry_get(f"/collections/service_points/items/{q['pin_id']}?f=json")
    props = {k: v for k, v in doc["properties"].items() if k not in ("version", "updated_at")}
    props["opening_hours"] = "จันทร์-ศุกร์ 08.00-16.00"
    body = {"type": "Feature", "id": q["pin_id"], "geometry": doc["geometry"], "properties": props}
    S.obs("e11", remote_put=registry_put(q["pin_id"], body, etag))
    return _open_publish()


def s_en_preview():
    dlg = state["dialog"]
    S.obs("e11", preview_counts=dlg.countsLabel.text(), preview_state=dlg.state)
    layout("publish_preview", dlg)
    shot("4_publish_preview")
    if dlg.state != "ready":
        raise AssertionError(f"not ready: {dlg.checkLabel.text()}")
    dlg.publishButton.click()
    return Wait(lambda: dlg.state in ("done", "ready", "blocked", "nothing") and dlg.task is None,
                300, "the publish")


def s_en_published():
    dlg = state["dialog"]
    S.obs("e11", publish_result=dlg.resultLabel.text(), results=dict(dlg.last_results),
          counts_after=dlg.countsLabel.text())
    layout("published", dlg)
    shot("5_published")

    def inspect(w):
        t = w.conflictsTable
        S.obs("e11", conflict_rows=[[t.item(r, c).text() if t.item(r, c) else ""
                                     for c in range(5)] for r in range(t.rowCount())])
        window_shot("conflicts_dialog", w, "conflicts")
        w.closeButton.click()

    S.expect_modal(inspect, "conflicts dialog")
    dlg.conflictsButton.click()


def s_en_done():
    dlg = state["dialog"]
    if dlg.state not in ("checking", "publishing"):
        dlg.closeButton.click()


def s_new_working_copy_en():
    return s_new_working_copy()


def s_pull_en():
    d = dock()
    d.pullButton.click()
    return Wait(lambda: "pull" not in d.busy, 180, "the pull")


S.on_finish = quit_qgis
if MODE == "first":
    S.add(s_setup, s_choose_account, s_unreachable, s_unreachable_seen, s_connect, s_connected,
          s_new_working_copy, s_new_working_copy_made, s_import_open, s_import_read,
          s_import_done, s_pull, s_pulled, s_pulled_rayong, s_boundaries, s_boundaries_done,
          s_prepare_edits, s_place_duplicate, s_duplicate_form, s_validate, s_validated,
          s_fix_and_undo, s_stale_findings, s_pin_outside, s_place_outside, s_outside_form,
          s_publish_check, s_publish_checked, s_merge_duplicate, s_publish_again, s_publish_ready,
          s_dialog_follows_edits, s_dialog_followed, s_held_publish, s_held, s_stopped,
          s_stopped_seen, s_publish, s_published, s_delete_three, s_delete_publish,
          s_delete_answered, s_final_validate, s_final_state)
elif MODE == "restart":
    S.add(s_setup, s_restart_seen, s_restart_boundaries, s_restart_boundaries_done)
else:
    S.add(s_setup, s_choose_account, s_connect, s_connected, s_new_working_copy_en,
          s_new_working_copy_made, s_pull_en, s_boundaries, s_boundaries_done, s_en_pulled,
          s_en_import, s_en_import_read, s_en_conflict, s_en_preview, s_en_published, s_en_done)
S.start(5000 if MODE == "restart" else 3000)
