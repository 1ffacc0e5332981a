"""The Citizen Pins dock: says honestly which working copy and boundary layer are in use.

It owns no rules: creating a working copy runs the ``citizen_pins:create_working_copy``
algorithm; opening one uses core/working_copy.  Later issues add connect / pull / validate /
publish here.
"""
from __future__ import annotations

import datetime as _dt
import os

from qgis.core import (
    Qgis,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QFileDialog

from ..core import schema
from ..core.dopa import codes
from ..core.working_copy import WorkingCopyError, open_working_copy
from ..toolbelt.log import WARNING, log
from ..toolbelt.resources import plugin_metadata, ui_path
from ..toolbelt.settings import PluginSettings

FORM_CLASS, _ = uic.loadUiType(str(ui_path("dock.ui")))


def _now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _age_days(iso: str):
    """Whole days since an ISO-8601 time, or None when there is none."""
    try:
        then = _dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    return max(0, (_dt.datetime.now(_dt.timezone.utc) - then).days)


class CitizenPinsDock(QgsDockWidget, FORM_CLASS):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CitizenPinsDock")
        self.iface = iface
        self.settings = PluginSettings.load()

        # Qgis.LayerFilter from 3.34 on (the only spelling in QGIS 4).
        polygon = (Qgis.LayerFilter.PolygonLayer if hasattr(Qgis, "LayerFilter")
                   else QgsMapLayerProxyModel.PolygonLayer)
        self.boundaryCombo.setFilters(polygon)
        self.boundaryCombo.setAllowEmptyLayer(True)
        self._select_saved_boundary()
        self.boundaryCombo.layerChanged.connect(self._boundary_changed)
        self.newWorkingCopyButton.clicked.connect(self.create_working_copy)
        self.openWorkingCopyButton.clicked.connect(self.open_working_copy)
        self.addBoundaryButton.clicked.connect(self.add_boundary_file)
        QgsProject.instance().layersRemoved.connect(self._project_layers_changed)
        QgsProject.instance().layersAdded.connect(self._project_layers_changed)
        self.refresh()

    def tr(self, text: str) -> str:  # noqa: D401 (Qt's name)
        return QCoreApplication.translate("CitizenPinsDock", text)

    def unload(self):
        for signal in (QgsProject.instance().layersRemoved, QgsProject.instance().layersAdded):
            try:
                signal.disconnect(self._project_layers_changed)
            except TypeError:
                pass

    # state ------------------------------------------------------------------------------------
    def refresh(self):
        self._show_working_copy()
        self._show_boundary()
        self.aboutLabel.setText(self.tr("Citizen Pins {} · DOPA code list {}").format(
            plugin_metadata("version"), self._dopa_version()))

    @staticmethod
    def _dopa_version() -> str:
        try:
            return codes().data_version or "?"
        except FileNotFoundError:
            return "—"

    def _show_working_copy(self):
        path = self.settings.working_copy
        if not path:
            self.workingCopyLabel.setText(self.tr(
                "No working copy yet. Create a new one, or open an existing GeoPackage."))
            return
        try:
            info = open_working_copy(path)
        except WorkingCopyError as e:
            self.workingCopyLabel.setText(self.tr("The working copy cannot be opened: {}").format(e))
            return
        province = ""
        if info.province_code:
            province = codes().name(info.province_code, "th") or info.province_code
        text = self.tr("{path}\n{count} pin(s)").format(path=info.path, count=info.pin_count)
        if province:
            text += " · " + self.tr("province {}").format(province)
        self.workingCopyLabel.setText(text)

    def _show_boundary(self):
        layer = self.boundaryCombo.currentLayer()
        if layer is None:
            self.boundaryLabel.setText(self.tr(
                "No boundary layer chosen. Validation needs a tambon polygon layer."))
            return
        days = _age_days(self.settings.boundary_loaded_at)
        age = ("" if days is None else self.tr("chosen today") if days == 0
               else self.tr("chosen {} day(s) ago").format(days))
        self.boundaryLabel.setText(self.tr("In use: {name} ({count} polygons){age}").format(
            name=layer.name(), count=layer.featureCount(), age=(" · " + age) if age else ""))

    def _select_saved_boundary(self):
        wanted = self.settings.boundary_source
        for layer in QgsProject.instance().mapLayers().values():
            if wanted and layer.source() == wanted:
                self.boundaryCombo.setLayer(layer)
                return
        self.boundaryCombo.setLayer(None)

    def _project_layers_changed(self, *_):
        self._select_saved_boundary()
        self.refresh()

    def _boundary_changed(self, layer):
        source = layer.source() if layer is not None else ""
        if source != self.settings.boundary_source:
            self.settings.set(boundary_source=source,
                              boundary_loaded_at=_now_iso() if source else "")
        self._show_boundary()

    # actions ----------------------------------------------------------------------------------
    def create_working_copy(self):
        """Runs citizen_pins:create_working_copy in Processing's own dialog."""
        import processing

        results = processing.execAlgorithmDialog("citizen_pins:create_working_copy", {})
        if results and results.get("OUTPUT"):
            self.settings.set(working_copy=results["OUTPUT"])
            self.refresh()

    def open_working_copy(self):
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a working copy"), os.path.dirname(self.settings.working_copy),
            self.tr("GeoPackage (*.gpkg)"))
        if path:
            self.use_working_copy(path)

    def use_working_copy(self, path: str) -> bool:
        """Open ``path`` as the working copy and add its layer to the map (once)."""
        try:
            info = open_working_copy(path)
        except WorkingCopyError as e:
            log(str(e), WARNING, push=True)
            return False
        self.settings.set(working_copy=info.path)
        if not any(lyr.source() == info.layer_uri
                   for lyr in QgsProject.instance().mapLayers().values()):
            layer = QgsVectorLayer(info.layer_uri, schema.LAYER_NAME, "ogr")
            QgsProject.instance().addMapLayer(layer)
        self.refresh()
        return True

    def add_boundary_file(self):
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a tambon boundary layer"), "",
            self.tr("Vector files (*.gpkg *.shp *.zip *.geojson);;All files (*)"))
        if path:
            self.use_boundary_file(path)

    def use_boundary_file(self, path: str, layer_name: str = "") -> bool:
        uri = path
        if path.lower().endswith(".zip"):
            uri = "/vsizip/" + path
        if layer_name:
            uri += f"|layername={layer_name}"
        layer = QgsVectorLayer(uri, layer_name or os.path.splitext(os.path.basename(path))[0], "ogr")
        if not layer.isValid():
            log(self.tr("{} could not be read as a vector layer.").format(path), WARNING, push=True)
            return False
        QgsProject.instance().addMapLayer(layer)
        self.boundaryCombo.setLayer(layer)
        return True
