"""The pin tool: click on the map to add a pin (codes filled from the boundary layer under the
click, then the form opens); drag a pin to move it (asked whether to update its codes when its
tambon changes).  Every change goes through the layer's edit buffer, so undo/redo work.  A pin
placed or dragged outside the provinces the user may edit is said at once (the registry would
refuse it), not discovered at publishing."""
from __future__ import annotations

from typing import Callable, Optional

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QMessageBox

from ..core import schema
from ..core.locate import WGS84, codes_of, tambon_at
from ..core.qgis_compat import is_null

#: How close (pixels) a press must be to a pin to grab it.
GRAB_PIXELS = 8


class PinTool(QgsMapTool):
    def __init__(self, canvas, layer_provider: Callable[[], Optional[QgsVectorLayer]],
                 boundary_provider: Callable[[], Optional[QgsVectorLayer]], open_form=None,
                 ask_update_codes=None, allowed_provinces=None, warn=None, ask_move_out=None):
        super().__init__(canvas)
        #: allowed_provinces() -> the province codes the user may edit (empty: not known)
        self.allowed_provinces = allowed_provinces or (lambda: ())
        #: warn(text): tells the user (the message bar)
        self.warn = warn or (lambda text: None)
        #: ask_move_out(text) -> bool: move a pin out of the user's provinces anyway?
        self.ask_move_out = ask_move_out or self._ask_move_out
        self.layer_provider = layer_provider
        self.boundary_provider = boundary_provider
        #: open_form(layer, feature) shows the attribute form of a new pin (non-modal).
        self.open_form = open_form
        #: ask_update_codes(old, new) -> bool; default asks with a message box.
        self.ask_update_codes = ask_update_codes or self._ask
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._drag_fid = None
        self._band = None
        self._moved = False

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PinTool", text)

    # helpers --------------------------------------------------------------------------------
    def _to_layer(self, layer: QgsVectorLayer, map_point) -> QgsPointXY:
        xform = QgsCoordinateTransform(self.canvas().mapSettings().destinationCrs(), layer.crs(),
                                       QgsProject.instance())
        return QgsPointXY(xform.transform(QgsPointXY(map_point)))

    def _tambon(self, layer: QgsVectorLayer, point: QgsPointXY) -> Optional[str]:
        boundary = self.boundary_provider()
        if boundary is None:
            return None
        p = point
        if layer.crs() != WGS84:
            p = QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance()).transform(point)
        return tambon_at(boundary, QgsPointXY(p))

    def _pin_near(self, layer: QgsVectorLayer, map_point) -> Optional[int]:
        tol = GRAB_PIXELS * self.canvas().mapUnitsPerPixel()
        rect = QgsRectangle(map_point.x() - tol, map_point.y() - tol,
                            map_point.x() + tol, map_point.y() + tol)
        rect = self.toLayerCoordinates(layer, rect)
        best, best_d = None, None
        centre = QgsGeometry.fromPointXY(self._to_layer(layer, map_point))
        for f in layer.getFeatures(rect):
            if not f.hasGeometry():
                continue
            d = f.geometry().distance(centre)
            if best_d is None or d < best_d:
                best, best_d = f.id(), d
        return best

    @staticmethod
    def _ensure_editable(layer: QgsVectorLayer) -> bool:
        return layer.isEditable() or layer.startEditing()

    # adding -------------------------------------------------------------------------------
    def new_pin(self, layer: QgsVectorLayer, point: QgsPointXY) -> QgsFeature:
        """A new pin at ``point`` (layer CRS) with its id and the codes under it."""
        feat = QgsFeature(layer.fields())
        for i in range(layer.fields().count()):
            if layer.defaultValueDefinition(i).expression():
                feat.setAttribute(i, layer.defaultValue(i, feat))
        if is_null(feat["pin_id"]) or not schema.is_pin_id(feat["pin_id"]):
            feat["pin_id"] = schema.new_pin_id()
        province, amphoe, tambon = codes_of(self._tambon(layer, point))
        feat["province_code"], feat["amphoe_code"], feat["tambon_code"] = province, amphoe, tambon
        feat.setGeometry(QgsGeometry.fromPointXY(point))
        return feat

    def outside_text(self, province: Optional[str]) -> str:
        """What to say when a pin lies in ``province``, outside the user's provinces ("" when
        it does not, or when that is not known)."""
        from .provinces import province_name
        from ..toolbelt.i18n import qgis_language

        allowed = [p for p in self.allowed_provinces() if p]
        if not province or not allowed or province in allowed:
            return ""
        lang = qgis_language()
        return self.tr("This pin lies in {province}, but your account may edit pins of {allowed} "
                       "only: the registry will refuse it. Place it inside your province.").format(
            province=province_name(province, lang),
            allowed=", ".join(province_name(p, lang) for p in allowed))

    def _ask_move_out(self, text: str) -> bool:
        answer = QMessageBox.question(self.canvas(), self.tr("Move the pin out of your province?"),
                                      text + "\n\n" + self.tr("Move it anyway?"))
        return answer == QMessageBox.StandardButton.Yes

    def add_pin_at(self, map_point) -> Optional[QgsFeature]:
        layer = self.layer_provider()
        if layer is None or not self._ensure_editable(layer):
            return None
        feat = self.new_pin(layer, self._to_layer(layer, map_point))
        outside = self.outside_text(feat["province_code"] if not is_null(feat["province_code"])
                                    else None)
        if outside:
            self.warn(outside)
        if self.open_form is not None:
            self.open_form(layer, feat)  # the form adds it (through the edit buffer) on OK
        else:
            layer.beginEditCommand(self.tr("Add pin"))
            layer.addFeature(feat)
            layer.endEditCommand()
        return feat

    # moving -------------------------------------------------------------------------------
    def _ask(self, old: Optional[str], new: Optional[str]) -> bool:
        from ..core.dopa import codes

        def name(code):
            return codes().full_name(code) if code else self.tr("no tambon")

        answer = QMessageBox.question(
            self.canvas(), self.tr("Update the codes?"),
            self.tr("The pin moved from {old} to {new}. Update its province, amphoe and tambon "
                    "codes?").format(old=name(old), new=name(new)))
        return answer == QMessageBox.StandardButton.Yes

    def move_pin(self, fid: int, map_point) -> bool:
        layer = self.layer_provider()
        if layer is None or not self._ensure_editable(layer):
            return False
        old = layer.getFeature(fid)
        point = self._to_layer(layer, map_point)
        old_tambon = None if is_null(old["tambon_code"]) else old["tambon_code"]
        new_tambon = self._tambon(layer, point)
        outside = self.outside_text(codes_of(new_tambon)[0] if new_tambon else None)
        if outside and not self.ask_move_out(outside):
            return False
        update = (self.boundary_provider() is not None and new_tambon != old_tambon
                  and self.ask_update_codes(old_tambon, new_tambon))
        layer.beginEditCommand(self.tr("Move pin"))
        layer.changeGeometry(fid, QgsGeometry.fromPointXY(point))
        if update:
            fields = layer.fields()
            for name, value in zip(("province_code", "amphoe_code", "tambon_code"),
                                   codes_of(new_tambon)):
                layer.changeAttributeValue(fid, fields.indexFromName(name), value)
        layer.endEditCommand()
        layer.triggerRepaint()
        return True

    # mouse ----------------------------------------------------------------------------------
    def canvasPressEvent(self, e):  # noqa: N802
        layer = self.layer_provider()
        self._moved = False
        self._drag_fid = self._pin_near(layer, e.mapPoint()) if layer is not None else None
        if self._drag_fid is not None:
            self._band = QgsRubberBand(self.canvas())
            self._band.setColor(QColor(21, 101, 192, 160))
            self._band.setWidth(3)

    def canvasMoveEvent(self, e):  # noqa: N802
        if self._drag_fid is not None and self._band is not None:
            self._moved = True
            self._band.setToGeometry(QgsGeometry.fromPointXY(QgsPointXY(e.mapPoint())), None)

    def canvasReleaseEvent(self, e):  # noqa: N802
        try:
            if e.button() != Qt.MouseButton.LeftButton:
                return
            if self._drag_fid is not None and self._moved:
                self.move_pin(self._drag_fid, e.mapPoint())
            elif self._drag_fid is None:
                self.add_pin_at(e.mapPoint())
        finally:
            self._drag_fid = None
            self._moved = False
            if self._band is not None:
                self.canvas().scene().removeItem(self._band)
                self._band = None

    def deactivate(self):
        if self._band is not None:
            self.canvas().scene().removeItem(self._band)
            self._band = None
        super().deactivate()
