"""Runs inside a real QGIS desktop (``qgis --code``), started by scripts/gui/run_qgis.py (see
scripts/gui/services_screens.py): a Bangkok working copy with district offices and the plugin's
sample services; a pin's form with its services, a service's documents and steps; the Zero Copy
map.  Saves screenshots and writes what it saw to $CITIZEN_PINS_RESULT (JSON).

The offices are placed inside one of their district's tambons (from the boundary layer): a
demonstration, not their surveyed locations.  The services are the plugin's labelled sample.
"""
import json
import os
import sys
import traceback

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.gui import QgsDualView
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QAction, QTabWidget
from qgis.utils import iface, plugins

sys.path.insert(0, os.environ["CITIZEN_PINS_GUI_DIR"])
from shots import save_screen  # noqa: E402

OUT = os.environ["CITIZEN_PINS_RESULT"]
SHOTS = os.environ["CITIZEN_PINS_SHOTS"]
LANG = os.environ.get("CITIZEN_PINS_LANG", "en")
SHARED = os.environ["CITIZEN_PINS_SHARED"]
BOUNDARIES = os.path.join(SHARED, "data", "boundaries", "thailand_admin_simplified.gpkg")
result = {"errors": [], "steps": []}
state = {}
#: district offices (สำนักงานเขต): amphoe -> (name, a tambon to place it in)
OFFICES = {"1030": ("สำนักงานเขตจตุจักร", "103004"), "1004": ("สำนักงานเขตบางรัก", "100401"),
           "1001": ("สำนักงานเขตพระนคร", "100101"), "1005": ("สำนักงานเขตบางเขน", "100502"),
           "1038": ("สำนักงานเขตลาดพร้าว", "103801"), "1009": ("สำนักงานเขตพระโขนง", "100905")}


def guarded(fn):
    def run():
        try:
            fn()
        except Exception:  # noqa: BLE001 — reported to the test
            result["errors"].append(traceback.format_exc())
            finish()
    return run


def shot(name):
    save_screen(os.path.join(SHOTS, f"services_{name}_{LANG}.png"))
    result["steps"].append(name)


def prepare() -> str:
    """The working copy: six offices, services for three of them (from the plugin's files)."""
    from citizen_pins.core.importer.services_run import import_services
    from citizen_pins.core.working_copy import create_working_copy, layer_uri
    from citizen_pins.toolbelt.resources import PLUGIN_DIR
    from qgis.core import QgsFeature, QgsGeometry

    path = os.path.join(os.path.dirname(OUT), f"bangkok_{LANG}.gpkg")
    create_working_copy(path, "10")
    tambons = QgsVectorLayer(f"{BOUNDARIES}|layername=adm3_tambon", "t", "ogr")
    pins = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    feats = []
    for amphoe, (name, tambon) in OFFICES.items():
        t = next(tambons.getFeatures(f"\"ADM3_PCODE\" = 'TH{tambon}'"))
        f = QgsFeature(pins.fields())
        f["pin_id"], f["name_th"], f["point_type"] = str(__import__("uuid").uuid4()), name, \
            "district_office"
        f["province_code"], f["amphoe_code"], f["tambon_code"] = "10", amphoe, tambon
        f.setGeometry(QgsGeometry(t.geometry().pointOnSurface()))
        feats.append(f)
    assert pins.dataProvider().addFeatures(feats)[0]
    files = os.path.join(str(PLUGIN_DIR), "resources", "services")
    done = import_services(os.path.join(files, "sample_district_office.xlsx"), path)
    result["sample_added"] = done.added
    sample = json.load(open(os.path.join(files, "sample_birth_registration.json"), encoding="utf-8"))
    for name, amphoe in (("สำนักงานเขตบางรัก", "1004"), ("สำนักงานเขตลาดพร้าว", "1038")):
        sample["point"] = {"name_th": name, "amphoe_code": amphoe}
        one = os.path.join(os.path.dirname(OUT), f"{amphoe}.json")
        with open(one, "w", encoding="utf-8") as fh:
            json.dump(sample, fh, ensure_ascii=False)
        import_services(one, path)
    csv_path = os.path.join(os.path.dirname(OUT), "phranakhon.csv")
    with open(csv_path, "w", encoding="utf-8") as fh:
        fh.write("ชื่อจุดให้บริการ,รหัสอำเภอ,ชื่องานบริการ,ชื่อเอกสาร,ฉบับจริง,สำเนา\n"
                 "สำนักงานเขตพระนคร,1001,การขออนุญาตก่อสร้างอาคาร,สำเนาโฉนดที่ดิน,0,2\n")
    import_services(csv_path, path)
    return path


@guarded
def step_setup():
    iface.mainWindow().setGeometry(0, 0, 1440, 900)
    dock = plugins["citizen_pins"].dock
    state["dock"] = dock
    dock.show()
    path = prepare()
    dock.use_boundary_file(BOUNDARIES, "adm3_tambon")
    boundary = dock.boundary_layer()
    symbol = boundary.renderer().symbol()
    symbol.setColor(QColor(245, 245, 238))
    symbol.symbolLayer(0).setStrokeColor(QColor(160, 160, 160))
    dock.use_working_copy(path)
    layer = dock.service_layer()
    state["layer"] = layer
    result["pins"] = layer.featureCount()
    iface.setActiveLayer(layer)
    QTimer.singleShot(1500, guarded(step_zoom))


@guarded
def step_zoom():
    canvas = iface.mapCanvas()
    boundary = state["dock"].boundary_layer()
    boundary.selectByExpression("\"ADM1_PCODE\" = 'TH10'")
    canvas.setExtent(boundary.boundingBoxOfSelected().buffered(0.02))
    boundary.removeSelection()
    canvas.refresh()
    QTimer.singleShot(1500, guarded(step_form))


def _tabs(widget):
    return {tuple(t.tabText(i) for i in range(t.count())): t
            for t in widget.findChildren(QTabWidget)}


def _tab_widget(widget, names):
    for texts, tabs in _tabs(widget).items():
        if all(n in texts for n in names):
            return tabs
    raise RuntimeError(f"no tabs {names} among {list(_tabs(widget))}")


@guarded
def step_form():
    layer = state["layer"]
    for lyr in QgsProject.instance().mapLayers().values():  # as a person editing them
        if lyr.source().startswith(layer.source().split("|")[0]):
            lyr.startEditing()
    feature = next(layer.getFeatures("\"name_th\" = 'สำนักงานเขตจตุจักร'"))
    result["office_status"] = feature["zero_copy_status"]
    result["office_copies"] = int(feature["zero_copy_copies"])
    form = iface.getFeatureForm(layer, feature)
    form.setWindowTitle(feature["name_th"])
    form.move(40, 50)
    form.resize(1390, 820)
    form.show()
    state["form"] = form
    point_tab, services_tab = (("จุดให้บริการ", "งานบริการ") if LANG == "th"
                               else ("Service point", "Services"))
    tabs = _tab_widget(form, [point_tab, services_tab])
    result["pin_tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
    tabs.setCurrentIndex(1)
    QTimer.singleShot(1500, guarded(step_services))


def _dual_views(form, table):
    """The relation editors' views (QgsDualView) of ``table`` in the form, visible ones first."""
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QStackedWidget

    views = [sip.cast(w, QgsDualView) for w in form.findChildren(QStackedWidget)
             if w.metaObject().className() == "QgsDualView"]
    views = [v for v in views if v.masterModel() is not None
             and v.masterModel().layer().source().endswith(f"layername={table}")]
    return sorted(views, key=lambda v: not v.isVisible())


@guarded
def step_services():
    form = state["form"]
    outer = _dual_views(form, "services")[0]
    result["services_listed"] = outer.masterModel().rowCount()
    # the building permit: the service with the most documents and copies
    model = outer.masterModel()
    row = next(r for r in range(model.rowCount())
               if "ก่อสร้าง" in (model.feature(model.index(r, 0)).attribute("name_th") or ""))
    outer.setCurrentEditSelection([model.rowToId(row)])
    QTimer.singleShot(1200, guarded(step_documents))


@guarded
def step_documents():
    form = state["form"]
    service_tab, steps_tab, docs_tab = (("งานบริการ", "ขั้นตอน", "เอกสาร") if LANG == "th"
                                        else ("Service", "Steps", "Documents"))
    tabs = _tab_widget(form, [service_tab, steps_tab, docs_tab])
    result["service_tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
    state["service_tabs"] = tabs
    result["documents_listed"] = _show_table(2, "service_documents")
    QTimer.singleShot(1500, guarded(step_documents_shot))


def _show_table(tab: int, table: str) -> int:
    """Open the service form's tab ``tab``, its relation editor as a table; its row count."""
    state["service_tabs"].setCurrentIndex(tab)
    QgsApplication.processEvents()
    view = _dual_views(state["form"], table)[0]
    view.setView(QgsDualView.AttributeTable)
    return view.masterModel().rowCount()


@guarded
def step_documents_shot():
    shot("1_pin_form_documents")
    result["steps_listed"] = _show_table(1, "service_steps")
    QTimer.singleShot(1500, guarded(step_steps_shot))


@guarded
def step_steps_shot():
    shot("2_pin_form_steps")
    state["form"].reject()
    action = iface.mainWindow().findChild(QAction, "CitizenPinsZeroCopyMap")
    action.trigger()
    layer = state["layer"]
    result["map_checked"] = action.isChecked()
    result["map_field"] = layer.renderer().classAttribute()
    result["legend"] = [c.label() for c in layer.renderer().categories()]
    result["statuses"] = sorted(f["zero_copy_status"] for f in layer.getFeatures())
    view = iface.layerTreeView()
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    node.setExpanded(True)
    view.refreshLayerSymbology(layer.id())
    view.refreshLayerSymbology(state["dock"].boundary_layer().id())
    _label_offices(layer)  # the session's own labels, to tell the offices apart
    canvas = iface.mapCanvas()
    canvas.setExtent(layer.extent().buffered(0.03))
    canvas.refreshAllLayers()
    QTimer.singleShot(2500, guarded(step_map_shot))


def _label_offices(layer):
    from qgis.core import (QgsPalLayerSettings, QgsTextBufferSettings, QgsTextFormat,
                           QgsVectorLayerSimpleLabeling)
    from qgis.PyQt.QtGui import QFont

    settings = QgsPalLayerSettings()
    settings.fieldName = "replace(\"name_th\", 'สำนักงานเขต', 'เขต')"
    settings.isExpression = True
    fmt = QgsTextFormat()
    fmt.setFont(QFont("Loma"))
    fmt.setSize(9)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1)
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


@guarded
def step_map_shot():
    shot("3_zero_copy_map")
    action = iface.mainWindow().findChild(QAction, "CitizenPinsZeroCopyMap")
    action.trigger()  # back to the plain style
    result["plain_field"] = state["layer"].renderer().classAttribute()
    finish()


def finish():
    if state.get("finished"):
        return
    state["finished"] = True
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    for layer in QgsProject.instance().mapLayers().values():
        if hasattr(layer, "isEditable") and layer.isEditable():
            layer.rollBack()
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(300, iface.actionExit().trigger)


QTimer.singleShot(3000, step_setup)
