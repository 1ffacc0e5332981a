"""The working copy's services in the project, and the Zero Copy map.

Opening a working copy adds its services, steps and documents (upgrading a working copy made
before they existed, in place) with their relations and forms; the pins layer can be styled by
Zero Copy status (categorised, legend in the user's language) and switched back to the plain
style by point type.  The status comes from the layer's virtual field (core/service_forms.py),
so the map follows unsaved edits as soon as it is redrawn.
"""
from __future__ import annotations

from typing import Optional

from qgis.core import (QgsCategorizedSymbolRenderer, QgsMarkerSymbol, QgsRendererCategory,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtWidgets import QAction

from ..core import zero_copy as zc
from ..core.service_forms import STATUS_FIELD, ServiceLayers, add_to_project
from ..core.service_tables import UpgradeError, upgrade_working_copy
from ..toolbelt.log import WARNING, log
from ..toolbelt.resources import icon

#: Layer property remembering which style the pins layer shows.
STYLE_PROPERTY = "citizen_pins/style"
ZERO_COPY_STYLE, POINT_TYPE_STYLE = "zero_copy", "point_type"
STATUS_COLOURS = zc.STATUS_COLOURS


def tr(text: str) -> str:
    """``text`` (marked with QT_TRANSLATE_NOOP("CitizenPinsServices", ...) where it is written,
    so that pylupdate files it under this context) in the user's language."""
    return QCoreApplication.translate("CitizenPinsServices", text)



def open_services(path: str, pins: QgsVectorLayer, lang: str) -> Optional[ServiceLayers]:
    """Upgrade the working copy if it predates services, then add its services to the project."""
    try:
        result = upgrade_working_copy(path, lang)
    except UpgradeError as e:
        log(tr(QT_TRANSLATE_NOOP("CitizenPinsServices",
                                 "The working copy's services cannot be opened: {}")).format(e),
            WARNING, push=True)
        return None
    if result.changed:
        log(tr(QT_TRANSLATE_NOOP(
            "CitizenPinsServices", "Working copy upgraded in place to schema {} (services, "
            "steps and documents added; nothing else changed): {}")).format(result.to_version,
                                                                         path), push=True)
    layers = add_to_project(path, pins, lang)
    if pins.customProperty(STYLE_PROPERTY) == ZERO_COPY_STYLE:
        style_by_zero_copy(pins, lang)
    return layers


def style_by_zero_copy(layer: QgsVectorLayer, lang: str) -> None:
    """Pins coloured by their Zero Copy status, largest where copies are still demanded."""
    categories = []
    for c in zc.STATUSES:
        size = {zc.COPIES_DEMANDED: 3.4, zc.PARTIAL: 3.0}.get(c.key, 2.6)
        symbol = QgsMarkerSymbol.createSimple({
            "name": "circle", "color": STATUS_COLOURS[c.key], "size": str(size),
            "outline_color": "#ffffff" if c.key != zc.NO_SERVICES else "#757575",
            "outline_width": "0.4"})
        categories.append(QgsRendererCategory(c.key, symbol, c.label(lang)))
    layer.setRenderer(QgsCategorizedSymbolRenderer(STATUS_FIELD, categories))
    layer.setCustomProperty(STYLE_PROPERTY, ZERO_COPY_STYLE)


def set_zero_copy_style(layer: QgsVectorLayer, lang: str, on: bool) -> None:
    """The Zero Copy map (``on``) or the plain style by point type."""
    from .layers import style_by_point_type

    if on:
        style_by_zero_copy(layer, lang)
    else:
        style_by_point_type(layer, lang)
        layer.setCustomProperty(STYLE_PROPERTY, POINT_TYPE_STYLE)
    layer.triggerRepaint()


def make_zero_copy_action(iface, dock, parent) -> QAction:
    """A checkable action: the working copy's pins by Zero Copy status, or by point type."""
    action = QAction(icon("zero_copy.svg"),
                     tr(QT_TRANSLATE_NOOP("CitizenPinsServices", "Zero Copy map")), parent)
    action.setObjectName("CitizenPinsZeroCopyMap")
    action.setCheckable(True)
    action.setToolTip(tr(QT_TRANSLATE_NOOP(
        "CitizenPinsServices", "Colour the service points by Zero Copy status (copies of "
        "documents still demanded); off: by point type")))

    def toggled(checked: bool) -> None:
        layer = dock.service_layer()
        if layer is None:
            if checked:
                log(tr(QT_TRANSLATE_NOOP(
                    "CitizenPinsServices", "Open a working copy first: the Zero Copy map "
                    "colours its service points.")), WARNING, push=True)
                action.setChecked(False)
            return
        if checked and layer.fields().indexFromName(STATUS_FIELD) < 0:
            add_to_project(layer.source().split("|", 1)[0], layer, dock.lang)
        set_zero_copy_style(layer, dock.lang, checked)
        if iface is not None:
            iface.layerTreeView().refreshLayerSymbology(layer.id())

    action.toggled.connect(toggled)
    return action
