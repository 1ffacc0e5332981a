"""The Citizen Pins dock: says honestly which working copy and boundary layer are in use.

It owns no rules: creating a working copy runs the ``citizen_pins:create_working_copy``
algorithm; opening one uses core/working_copy.  Later issues add connect / pull / validate /
publish here.
"""
from __future__ import annotations

import datetime as _dt
import os

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsMarkerSymbol,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.gui import QgsAttributeEditorContext, QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QMessageBox

from ..core.dopa import codes
from ..core.qgis_compat import LAYER_FILTER_POLYGON
from ..core.working_copy import WorkingCopyError, layer_uri, open_working_copy
from ..toolbelt.i18n import qgis_language
from ..toolbelt.log import SUCCESS, WARNING, log
from ..toolbelt.resources import icon, plugin_metadata, ui_path
from ..toolbelt.settings import PluginSettings
from .findings_panel import FindingsPanel
from .layers import add_working_copy_layers
from .pin_tool import PinTool
from .tasks import run_algorithm, run_function

FINDINGS_LAYER = "findings"

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
        self.lang = qgis_language()
        self.account = None  # AccountInfo after "test connection"
        self.findings_panel = None
        self.busy = set()  # what is running: "pull", "validate", "connect"

        self.boundaryCombo.setFilters(LAYER_FILTER_POLYGON)
        self.boundaryCombo.setAllowEmptyLayer(True)
        self._select_saved_boundary()
        self.boundaryCombo.layerChanged.connect(self._boundary_changed)
        self.newWorkingCopyButton.clicked.connect(self.create_working_copy)
        self.openWorkingCopyButton.clicked.connect(self.open_working_copy)
        self.importButton.clicked.connect(self.import_list)
        self.import_dialog = None
        self.addBoundaryButton.clicked.connect(self.add_boundary_file)
        self.registryBoundaryButton.clicked.connect(self.use_registry_boundaries)

        self.registryUrlEdit.setText(self.settings.registry_url)
        self.registryUrlEdit.editingFinished.connect(self._url_changed)
        self.chooseAccountButton.clicked.connect(self.choose_account)
        self.testConnectionButton.clicked.connect(self.test_connection)
        self.pullButton.clicked.connect(self.pull)
        self._fill_provinces()
        self.validateButton.clicked.connect(self.validate)
        self.publishButton.clicked.connect(self.publish)
        self.publish_dialog = None
        self.toleranceSpin.setValue(int(self.settings.tolerance_m))
        self.toleranceSpin.valueChanged.connect(
            lambda v: self.settings.set(tolerance_m=float(v)))

        self.pin_tool = PinTool(iface.mapCanvas(), self.service_layer, self.boundary_layer,
                                open_form=self._open_new_pin_form)
        self.pin_action = QAction(icon("pin_tool.svg"), self.tr("Add or move pins"), self)
        self.pin_action.setObjectName("CitizenPinsPinTool")
        self.pin_action.setToolTip(self.tr(
            "Click on the map to add a pin (codes from the boundary under the click); "
            "drag a pin to move it"))
        self.pin_action.setCheckable(True)
        self.pin_action.triggered.connect(self._pin_tool_toggled)
        self.pin_tool.setAction(self.pin_action)
        self.pinToolButton.setDefaultAction(self.pin_action)
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
        canvas = self.iface.mapCanvas()
        if canvas.mapTool() is self.pin_tool:
            canvas.unsetMapTool(self.pin_tool)
        if self.findings_panel is not None:
            self.iface.removeDockWidget(self.findings_panel)
            self.findings_panel.setParent(None)
            self.findings_panel.deleteLater()
            self.findings_panel = None

    # state ------------------------------------------------------------------------------------
    def refresh(self):
        self._show_working_copy()
        self._show_boundary()
        self._show_account()
        has_layer = self.service_layer() is not None
        self.pin_action.setEnabled(has_layer)
        self.importButton.setEnabled(has_layer)
        self.validateButton.setEnabled(has_layer and self.boundary_layer() is not None
                                       and "validate" not in self.busy)
        self.pullButton.setEnabled(bool(self.settings.registry_url) and "pull" not in self.busy)
        self.publishButton.setEnabled(has_layer and self.boundary_layer() is not None
                                      and bool(self.settings.registry_url))
        self.testConnectionButton.setEnabled(bool(self.settings.registry_url)
                                             and "connect" not in self.busy)
        self.registryBoundaryButton.setEnabled(bool(self.settings.registry_url)
                                               and "boundaries" not in self.busy)
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
        self.refresh()

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
        add_working_copy_layers(info.path, self.lang)
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

    # layers in use ------------------------------------------------------------------------------
    def service_layer(self):
        """The working copy's service-point layer in the project, or None."""
        if not self.settings.working_copy:
            return None
        uri = layer_uri(self.settings.working_copy)
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and layer.source() == uri:
                return layer
        return None

    def boundary_layer(self):
        return self.boundaryCombo.currentLayer()

    def _pin_tool_toggled(self, checked: bool):
        canvas = self.iface.mapCanvas()
        if checked:
            layer = self.service_layer()
            if layer is None:
                self.pin_action.setChecked(False)
                return
            self.iface.setActiveLayer(layer)
            canvas.setMapTool(self.pin_tool)
        elif canvas.mapTool() is self.pin_tool:
            canvas.unsetMapTool(self.pin_tool)

    def _open_new_pin_form(self, layer, feature):
        """The attribute form of a new pin, non-modal; on OK QGIS adds it via the edit buffer."""
        dialog = self.iface.getFeatureForm(layer, feature)
        dialog.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_form = dialog
        return dialog

    # registry -----------------------------------------------------------------------------------
    def _url_changed(self):
        url = self.registryUrlEdit.text().strip()
        if url != self.settings.registry_url:
            self.settings.set(registry_url=url)
            self.account = None
            self.connectionLabel.setText("")
            self._fill_provinces()
        self.refresh()

    def _show_account(self):
        cfg = self.settings.auth_config_id
        if self.account is not None:
            self.accountLabel.setText(self.tr("Account: {}").format(self.account.name))
        elif cfg:
            self.accountLabel.setText(self.tr("Account: configuration {} (not checked yet)")
                                      .format(cfg))
        else:
            self.accountLabel.setText(self.tr("No account chosen (reading needs none)."))

    def choose_account(self):
        from .account_dialog import AccountDialog  # touches the auth manager: only on demand

        dialog = AccountDialog(self.settings.auth_config_id, self)
        if dialog.exec():
            self.settings.set(auth_config_id=dialog.config_id())
            self.account = None
            self.connectionLabel.setText("")
            self.refresh()

    def _client(self):
        from ..registry.client import RegistryClient

        return RegistryClient(self.settings.registry_url, self.settings.auth_config_id,
                              timeout_s=30)

    def test_connection(self):
        """Ask the registry who we are, in a task (the UI never waits on the network)."""
        from ..registry.account import whoami

        self._url_changed()
        client = self._client()
        self.busy.add("connect")
        self.connectionLabel.setText(self.tr("Connecting…"))
        self.refresh()

        def done(info, error):
            self.busy.discard("connect")
            if error is not None:
                text = error.message(self.lang) if hasattr(error, "message") else str(error)
                self.connectionLabel.setText(text)
                self.account = None
            else:
                self.account = info
                self.connectionLabel.setText(info.describe(self.lang))
            self._fill_provinces()
            self.refresh()

        self.connection_task = run_function(self.tr("Citizen Pins: test connection"),
                                            lambda task: whoami(client), done)

    def _fill_provinces(self):
        current = self.provinceCombo.currentData()
        mine = list(self.account.provinces) if self.account is not None else []
        self.provinceCombo.clear()
        for code in mine:
            self.provinceCombo.addItem(f"{codes().name(code, self.lang)} ({code})", code)
        if mine:
            self.provinceCombo.insertSeparator(len(mine))
        for unit in codes().provinces():
            if unit.code not in mine:
                name = unit.name_th if self.lang == "th" else unit.name_en
                self.provinceCombo.addItem(f"{name} ({unit.code})", unit.code)
        if current:
            idx = self.provinceCombo.findData(current)
            self.provinceCombo.setCurrentIndex(max(0, idx))

    def registry_boundaries_path(self) -> str:
        """Where the registry's tambons are cached: one file per registry address."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.settings.registry_url)
        name = "".join(ch if ch.isalnum() else "_" for ch in (parts.netloc + parts.path))
        folder = os.path.join(QgsApplication.qgisSettingsDirPath(), "citizen_pins")
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"boundaries_{name.strip('_')}.gpkg")

    def use_registry_boundaries(self):
        """Download (refresh) the registry's tambons into the local cache, then use them."""
        from ..registry.boundaries import LAYER, cache_tambons

        if not self.settings.registry_url:
            return None
        client = self._client()
        path = self.registry_boundaries_path()
        for layer in QgsProject.instance().mapLayers().values():
            if layer.source().startswith(path):
                QgsProject.instance().removeMapLayer(layer.id())  # release the file first
        self.busy.add("boundaries")
        self.boundaryLabel.setText(self.tr("Downloading the registry's boundaries…"))
        self.refresh()

        def done(count, error):
            self.busy.discard("boundaries")
            if error is not None:
                text = error.message(self.lang) if hasattr(error, "message") else str(error)
                log(self.tr("The boundaries could not be downloaded: {}").format(text), WARNING,
                    push=True)
            elif self.use_boundary_file(path, LAYER):
                self.settings.set(boundary_loaded_at=_now_iso())
                log(self.tr("{} tambons from the registry, kept in {}").format(count, path),
                    SUCCESS, push=True)
            self.refresh()

        self.boundary_task = run_function(self.tr("Citizen Pins: registry boundaries"),
                                          lambda task: cache_tambons(client, path), done)
        return self.boundary_task

    def working_copy_for(self, province: str) -> str:
        """The working copy of ``province``: the one in use if it is that province's, else
        ``pins_<code>.gpkg`` in the plugin's folder of the QGIS profile."""
        path = self.settings.working_copy
        if path and os.path.isfile(path):
            try:
                if open_working_copy(path).province_code == province:
                    return path
            except WorkingCopyError:
                pass
        folder = os.path.join(QgsApplication.qgisSettingsDirPath(), "citizen_pins")
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"pins_{province}.gpkg")

    def pull(self):
        province = self.provinceCombo.currentData()
        if not province or not self.settings.registry_url:
            return
        path = self.working_copy_for(province)
        layer = self.service_layer()
        if layer is not None and layer.source() == layer_uri(path) and layer.isModified():
            log(self.tr("Save or discard your edits of the working copy before pulling."),
                WARNING, push=True)
            return
        params = {"REGISTRY_URL": self.settings.registry_url,
                  "AUTHCFG": self.settings.auth_config_id or None,
                  "PROVINCE": province, "OUTPUT": path}
        self.busy.add("pull")
        self.refresh()

        def done(ok, results, feedback):
            self.busy.discard("pull")
            if ok:
                self.use_working_copy(path)
                layer = self.service_layer()
                if layer is not None:
                    layer.reload()
                    layer.triggerRepaint()
                log(self.tr("Pulled {} pin(s) of {} into {}").format(
                    results.get("PIN_COUNT", 0), codes().name(province, self.lang), path),
                    SUCCESS, push=True)
            else:
                log(self.tr("The pull failed: {}").format(" ".join(feedback.errors)), WARNING,
                    push=True)
            self.refresh()

        self.pull_task = run_algorithm("citizen_pins:pull", params, done,
                                       self.tr("Citizen Pins: pull province {}").format(province))

    # validation ---------------------------------------------------------------------------------
    def _ensure_saved(self, layer) -> bool:
        """Validation reads the file: unsaved edits are saved first (the user is asked)."""
        if not layer.isModified():
            return True
        answer = QMessageBox.question(
            self, self.tr("Save edits?"),
            self.tr("The working copy has unsaved edits. Save them first?"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if not layer.commitChanges(False):
            log(self.tr("The edits could not be saved: {}").format(
                "; ".join(layer.commitErrors())), WARNING, push=True)
            return False
        return True

    def findings_path(self) -> str:
        stem = os.path.splitext(self.settings.working_copy)[0]
        return stem + ".findings.gpkg"

    def validate(self, _checked=False, ask=None):
        layer, boundary = self.service_layer(), self.boundary_layer()
        if layer is None or boundary is None:
            return None
        if not (ask or self._ensure_saved)(layer):
            return None
        out = self.findings_path()
        for old in QgsProject.instance().mapLayersByName(FINDINGS_LAYER):
            if old.source().startswith(out):
                QgsProject.instance().removeMapLayer(old.id())
        if os.path.exists(out):
            os.remove(out)
        params = {"INPUT": layer.source(), "BOUNDARIES": boundary.source(), "OUTPUT": out}
        if self.settings.tolerance_m:
            params["TOLERANCE"] = self.settings.tolerance_m
        self.busy.add("validate")
        self.findingsSummaryLabel.setText(self.tr("Validating…"))
        self.refresh()

        def done(ok, results, feedback):
            self.busy.discard("validate")
            if not ok:
                self.findingsSummaryLabel.setText(self.tr("Validation failed: {}").format(
                    " ".join(feedback.errors)))
                self.refresh()
                return
            findings = QgsVectorLayer(results["OUTPUT"], FINDINGS_LAYER, "ogr")
            self._style_findings(findings)
            QgsProject.instance().addMapLayer(findings)
            panel = self.show_findings()
            panel.set_findings(findings, self.service_layer())
            errors, warnings = panel.counts()
            self.findingsSummaryLabel.setText(self.tr(
                "{pins} pin(s) checked: {errors} error(s) block publishing, {warnings} warning(s)."
            ).format(pins=results.get("PINS", 0), errors=errors, warnings=warnings))
            self.refresh()

        self.validate_task = run_algorithm("citizen_pins:validate", params, done,
                                           self.tr("Citizen Pins: validate"))
        return self.validate_task

    def _style_findings(self, layer):
        categories = []
        for severity, colour, label in (("error", "#d32f2f", self.tr("Error")),
                                        ("warning", "#f9a825", self.tr("Warning"))):
            symbol = QgsMarkerSymbol.createSimple({
                "name": "circle", "color": "0,0,0,0", "outline_color": colour,
                "outline_width": "0.8", "size": "4.6"})
            categories.append(QgsRendererCategory(severity, symbol, label))
        layer.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))

    def import_list(self):
        """The import dialog: pins go into the working copy's edit buffer for review."""
        from .import_dialog import ImportDialog

        layer = self.service_layer()
        if layer is None:
            return None
        self.iface.setActiveLayer(layer)
        self.import_dialog = ImportDialog(layer, self.settings.working_copy, self.lang, self)
        self.import_dialog.show()
        return self.import_dialog

    # publishing ---------------------------------------------------------------------------------
    def publish(self, _checked=False, ask=None):
        """The publish preview: change set, validation (blocking on errors), then the publish."""
        from .publish_dialog import open_publish_dialog

        layer, boundary = self.service_layer(), self.boundary_layer()
        if layer is None or boundary is None or not self.settings.registry_url:
            return None
        if not (ask or self._ensure_saved)(layer):
            return None
        params = {"WORKING_COPY": self.settings.working_copy,
                  "REGISTRY_URL": self.settings.registry_url,
                  "AUTHCFG": self.settings.auth_config_id or None,
                  "BOUNDARIES": boundary.source(), "TOLERANCE": self.settings.tolerance_m}

        def published(ok, results):
            layer = self.service_layer()
            if layer is not None:
                layer.reload()
                layer.triggerRepaint()
            self.refresh()

        self.publish_dialog = open_publish_dialog(params, self.lang, self, published)
        return self.publish_dialog

    def show_findings(self) -> FindingsPanel:
        if self.findings_panel is None:
            self.findings_panel = FindingsPanel(self.iface, self.lang, self.iface.mainWindow())
            self.findings_panel.revalidateRequested.connect(self.validate)
            self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_panel)
        self.findings_panel.show()
        self.findings_panel.raise_()
        return self.findings_panel
