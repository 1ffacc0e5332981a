"""Runs inside a real QGIS desktop (``qgis --code``), started by scripts/gui/run_qgis.py.

Checks the plugin as a user's QGIS loads it: menu, toolbar and dock present; unload and load
twice leave no error in the message log; then shows a working copy and the boundaries and saves
screenshots.  Writes its findings to $CITIZEN_PINS_RESULT (JSON) and quits QGIS.
"""
import json
import os
import sys
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar
from qgis.utils import iface, loadPlugin, plugins, startPlugin, unloadPlugin

sys.path.insert(0, os.environ["CITIZEN_PINS_GUI_DIR"])
from shots import save_window  # noqa: E402

OUT = os.environ["CITIZEN_PINS_RESULT"]
SHOTS = os.environ.get("CITIZEN_PINS_SHOTS", os.path.dirname(OUT))
SHARED = os.environ.get("CITIZEN_PINS_SHARED", "")
LANG = os.environ.get("CITIZEN_PINS_LANG", "en")
result = {"errors": [], "log": []}


def on_message(message, tag, level):
    result["log"].append([tag, int(level), message])


QgsApplication.messageLog().messageReceived.connect(on_message)


def state():
    main = iface.mainWindow()
    menu_titles = []
    for action in iface.pluginMenu().actions():
        if action.menu() is not None:
            menu_titles.append(action.menu().title())
    cp_menu = [a.menu() for a in iface.pluginMenu().actions()
               if a.menu() is not None and "Citizen Pins" in a.menu().title()]
    return {
        "loaded": "citizen_pins" in plugins,
        "menu_titles": menu_titles,
        "menu_items": [a.text() for a in cp_menu[0].actions()] if cp_menu else [],
        "toolbars": [t.objectName() for t in main.findChildren(QToolBar)
                     if t.objectName() == "CitizenPinsToolbar"],
        "docks": [d.objectName() for d in main.findChildren(QDockWidget)
                  if d.objectName() == "CitizenPinsDock"],
        "provider": QgsApplication.processingRegistry().providerById("citizen_pins") is not None,
    }


CYCLES = []


def step_checks():
    """Unload and load twice, going back to the event loop between steps as a user would."""
    try:
        if "initial" not in result:
            result["initial"] = state()
        if len(CYCLES) == 2:
            result["cycles"] = CYCLES
            QTimer.singleShot(300, step_show)
            return
        unloadPlugin("citizen_pins")
        QTimer.singleShot(300, step_reload)
    except Exception:  # noqa: BLE001 — reported to the test
        result["errors"].append(traceback.format_exc())
        QTimer.singleShot(300, step_show)


def step_reload():
    try:
        after_unload = state()
        loadPlugin("citizen_pins")
        startPlugin("citizen_pins")
        CYCLES.append({"after_unload": after_unload, "after_load": state()})
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(300, step_checks)


def step_show():
    try:
        dock = plugins["citizen_pins"].dock
        dock.show()
        dock.raise_()
        if SHARED:
            gpkg = os.path.join(SHARED, "data", "boundaries", "thailand_admin_simplified.gpkg")
            dock.use_boundary_file(gpkg, "adm3_tambon")
            lyr = dock.boundaryCombo.currentLayer()
            if lyr is not None:
                symbol = lyr.renderer().symbol()
                symbol.setColor(QColor(240, 240, 230))
                symbol.symbolLayer(0).setStrokeColor(QColor(120, 120, 120))
                lyr.triggerRepaint()
                iface.layerTreeView().refreshLayerSymbology(lyr.id())
        from citizen_pins.core.working_copy import create_working_copy

        wc = os.path.join(os.path.dirname(OUT), "rayong.gpkg")
        if not os.path.exists(wc):
            create_working_copy(wc, "21")
        dock.use_working_copy(wc)
        iface.setActiveLayer(dock.service_layer())
        result["dock_text"] = {"working_copy": dock.workingCopyLabel.text(),
                               "boundary": dock.boundaryLabel.text(),
                               "about": dock.aboutLabel.text(),
                               "title": dock.windowTitle()}
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(1500, step_zoom)


def step_zoom():
    """Zoom to Rayong (after QGIS has zoomed to the first layer it got)."""
    try:
        iface.mainWindow().setGeometry(0, 0, 1440, 900)
        canvas = iface.mapCanvas()
        for lyr in QgsProject.instance().mapLayersByName("adm3_tambon"):
            lyr.selectByExpression("\"ADM1_PCODE\" = 'TH21'")
            canvas.setExtent(lyr.boundingBoxOfSelected().buffered(0.15))
            lyr.removeSelection()
        canvas.refresh()
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(3000, step_shoot)


def step_shoot():
    try:
        path = os.path.join(SHOTS, f"foundation_{LANG}.png")
        result["screenshot"] = save_window(iface.mainWindow(), path)
        # The plugin's menu, opened as a user opens it (Plugins > Citizen Pins).
        menus = [a.menu() for a in iface.pluginMenu().actions()
                 if a.menu() is not None and "Citizen Pins" in a.menu().title()]
        if menus:
            menus[0].popup(iface.mainWindow().mapToGlobal(iface.mainWindow().rect().center()))
            QgsApplication.processEvents()
            menu_path = os.path.join(SHOTS, f"foundation_menu_{LANG}.png")
            result["menu_screenshot"] = save_window(menus[0], menu_path, attribution=False)
            menus[0].hide()
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    finish()


def finish():
    result["warnings_or_worse"] = [m for m in result["log"]
                                   if m[1] >= int(Qgis.Warning) and "citizen" in
                                   (m[0] + m[2]).lower()]
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    QgsProject.instance().clear()  # no "save project?" prompt on exit
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(200, iface.actionExit().trigger)


QTimer.singleShot(3000, step_checks)
