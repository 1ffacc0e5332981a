"""The Citizen Pins dock: says honestly which working copy and boundary layer are in use, and
keeps saying it as the data changes.

It owns no rules: creating a working copy runs the ``citizen_pins:create_working_copy``
algorithm, pulling ``citizen_pins:pull``, validating ``citizen_pins:validate``; the publish
dialog runs ``citizen_pins:publish``.  What the dock remembers (working copy, boundaries, the last
findings) is in the plugin's settings and is put back when QGIS starts again, without touching
the authentication database.
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
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.PyQt.QtWidgets import QAction, QComboBox, QFileDialog, QMessageBox

from ..core.dopa import codes
from ..core.qgis_compat import LAYER_FILTER_POLYGON
from ..core.working_copy import (WorkingCopyError, layer_uri, open_working_copy,
                                 pins_fingerprint)
from ..toolbelt.i18n import qgis_language
from ..toolbelt.log import SUCCESS, WARNING, log
from ..toolbelt.resources import icon, plugin_metadata, ui_path
from ..toolbelt.settings import PluginSettings
from .findings_panel import FindingsPanel
from .layers import add_boundary_layer, add_working_copy_layers, remove_layers_of
from .pin_tool import PinTool
from .provinces import fill_province_combo, province_name
from .tasks import run_algorithm, run_function

FINDINGS_LAYER = "findings"
#: The layer signals after which what the dock shows may be out of date.
_LAYER_SIGNALS = ("featureAdded", "featuresDeleted", "attributeValueChanged", "geometryChanged",
                  "afterCommitChanges", "afterRollBack", "editingStarted", "editingStopped",
                  "dataChanged")

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


def _file_of(source: str) -> str:
    path = (source or "").split("|", 1)[0]
    return path[len("/vsizip/"):] if path.startswith("/vsizip/") else path


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
        self.findings = None  # {"errors", "warnings", "pins"} of the findings shown
        self.busy = set()  # what is running: "pull", "validate", "connect", "boundaries"
        self._watched = None  # the service layer whose signals refresh the dock
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)

        self.boundaryCombo.setFilters(LAYER_FILTER_POLYGON)
        self.boundaryCombo.setAllowEmptyLayer(True)
        # combos as wide as the dock, not as their longest entry (a province's or a layer's name)
        for combo in (self.boundaryCombo, self.provinceCombo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
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
        self.provinceCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.validateButton.clicked.connect(self.validate)
        self.publishButton.clicked.connect(self.publish)
        self.publish_dialog = None
        self.toleranceSpin.setValue(int(self.settings.tolerance_m))
        self.toleranceSpin.valueChanged.connect(
            lambda v: self.settings.set(tolerance_m=float(v)))

        self.pin_tool = PinTool(iface.mapCanvas(), self.service_layer, self.boundary_layer,
                                open_form=self._open_new_pin_form,
                                allowed_provinces=self.editable_provinces, warn=self._warn)
        self.pin_action = QAction(icon("pin_tool.svg"), self.tr("Add or move pins"), self)
        self.pin_action.setObjectName("CitizenPinsPinTool")
        self.pin_action.setToolTip(self.tr(
            "Click on the map to add a pin (codes from the boundary under the click); "
            "drag a pin to move it"))
        self.pin_action.setCheckable(True)
        self.pin_action.triggered.connect(self._pin_tool_toggled)
        self.pin_tool.setAction(self.pin_action)
        self.pinToolButton.setDefaultAction(self.pin_action)

        self._select_saved_boundary()
        self._fill_provinces()
        self.boundaryCombo.layerChanged.connect(self._boundary_changed)
        QgsProject.instance().layersRemoved.connect(self._project_layers_changed)
        QgsProject.instance().layersAdded.connect(self._project_layers_changed)
        self.refresh()
        self._fit_width()
        # what was in use when QGIS closed, once QGIS has started: at start-up QGIS makes a new
        # project after loading the plugins (layers added before would be dropped); a plugin
        # enabled later restores at once
        self._unloaded = False
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.timeout.connect(self._restore)
        if self.iface.mainWindow() is not None and self.iface.mainWindow().isVisible():
            self._restore_timer.start(0)
        elif hasattr(self.iface, "initializationCompleted"):
            self.iface.initializationCompleted.connect(self._restore_timer.start)

    def tr(self, text: str) -> str:  # noqa: D401 (Qt's name)
        return QCoreApplication.translate("CitizenPinsDock", text)

    def _fit_width(self):
        """The dock is never narrower than its content at its narrowest (buttons side by side
        keep their whole text; labels wrap): QGIS sizes a dock by its minimum, so nothing is
        cut on the right, in Thai or English."""
        bar = self.scrollArea.verticalScrollBar().sizeHint().width()
        need = self.scrollContents.minimumSizeHint().width() + bar + 2 * self.scrollArea.frameWidth()
        self.scrollArea.setMinimumWidth(need)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self._fit_width()

    def unload(self):
        self._unloaded = True
        self._restore_timer.stop()
        try:
            self.iface.initializationCompleted.disconnect(self._restore_timer.start)
        except (AttributeError, TypeError, RuntimeError):
            pass
        for signal in (QgsProject.instance().layersRemoved, QgsProject.instance().layersAdded):
            try:
                signal.disconnect(self._project_layers_changed)
            except TypeError:
                pass
        self._watch(None)
        self._refresh_timer.stop()
        canvas = self.iface.mapCanvas()
        if canvas.mapTool() is self.pin_tool:
            canvas.unsetMapTool(self.pin_tool)
        if self.findings_panel is not None:
            self.iface.removeDockWidget(self.findings_panel)
            self.findings_panel.setParent(None)
            self.findings_panel.deleteLater()
            self.findings_panel = None

    # what QGIS had when it closed ----------------------------------------------------------------
    def _restore(self):
        """Put back the working copy, the boundary layer and the last findings (local files
        only: nothing is downloaded and the authentication database is not touched)."""
        if self._unloaded:
            return
        path = self.settings.working_copy
        if path and os.path.isfile(path) and self.service_layer() is None:
            try:
                open_working_copy(path)
                add_working_copy_layers(path, self.lang)
            except WorkingCopyError as e:
                log(str(e), WARNING)
        source = self.settings.boundary_source
        if source and os.path.isfile(_file_of(source)) and self._layer_with_source(source) is None:
            name = source.split("layername=", 1)[1].split("|", 1)[0] if "layername=" in source \
                else os.path.splitext(os.path.basename(_file_of(source)))[0]
            layer = QgsVectorLayer(source, name, "ogr")
            if layer.isValid():
                add_boundary_layer(layer)
        self._select_saved_boundary()
        findings = self.settings.findings_path
        if findings and os.path.isfile(findings) and self.service_layer() is not None \
                and self.findings is None and self._layer_with_source(findings) is None:
            self._show_findings_file(findings, None)
        self._fill_provinces()
        self.refresh()

    @staticmethod
    def _layer_with_source(source: str):
        for layer in QgsProject.instance().mapLayers().values():
            if layer.source() == source:
                return layer
        return None

    # state ------------------------------------------------------------------------------------
    def _schedule_refresh(self, *_):
        self._refresh_timer.start()

    def _watch(self, layer):
        """Refresh the dock whenever ``layer`` (the working copy's) changes."""
        if layer is self._watched:
            return
        if self._watched is not None:
            for name in _LAYER_SIGNALS:
                try:
                    getattr(self._watched, name).disconnect(self._schedule_refresh)
                except (TypeError, RuntimeError):
                    pass
        self._watched = layer
        if layer is not None:
            for name in _LAYER_SIGNALS:
                getattr(layer, name).connect(self._schedule_refresh)

    def refresh(self):
        layer = self.service_layer()
        self._watch(layer)
        self._show_working_copy(layer)
        self._show_boundary()
        self._show_account()
        self._show_findings_state(layer)
        has_layer = layer is not None
        self.pin_action.setEnabled(has_layer)
        self.importButton.setEnabled(has_layer)
        self.validateButton.setEnabled(has_layer and self.boundary_layer() is not None
                                       and "validate" not in self.busy)
        self.pullButton.setEnabled(bool(self.settings.registry_url) and "pull" not in self.busy
                                   and bool(self.provinceCombo.currentData()))
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

    def working_copy_province(self) -> str:
        path = self.settings.working_copy
        if not path or not os.path.isfile(path):
            return ""
        try:
            return open_working_copy(path).province_code
        except WorkingCopyError:
            return ""

    def _show_working_copy(self, layer=None):
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
        count = layer.featureCount() if layer is not None else info.pin_count
        lines = [os.path.basename(info.path)]
        if info.province_code:
            lines[0] = self.tr("{file} · province {province}").format(
                file=lines[0], province=province_name(info.province_code, self.lang))
        state = self.tr("{} pin(s)").format(count)
        if layer is not None and layer.isModified():
            state += " · " + self.tr("edits not saved yet")
        lines.append(state)
        self.workingCopyLabel.setText("\n".join(lines))
        self.workingCopyLabel.setToolTip(info.path)

    def _show_boundary(self):
        layer = self.boundaryCombo.currentLayer()
        if "boundaries" in self.busy:
            return
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
        self.boundaryCombo.blockSignals(True)
        self.boundaryCombo.setLayer(self._layer_with_source(wanted) if wanted else None)
        self.boundaryCombo.blockSignals(False)

    def _project_layers_changed(self, *_):
        self._select_saved_boundary()
        self.refresh()

    def _boundary_changed(self, layer):
        # a layer chosen is remembered; the layer leaving the project (QGIS closing, the
        # project cleared) is not a choice: it comes back when QGIS starts again
        source = layer.source() if layer is not None else ""
        if source and source != self.settings.boundary_source:
            self.settings.set(boundary_source=source, boundary_loaded_at=_now_iso())
        self.refresh()

    # findings: current or out of date ---------------------------------------------------------
    def _findings_current(self, layer) -> bool:
        if not self.settings.findings_fingerprint or layer is None or layer.isModified():
            return False
        return pins_fingerprint(self.settings.working_copy) == self.settings.findings_fingerprint

    def _show_findings_state(self, layer):
        if "validate" in self.busy:
            return
        if self.findings is None:
            self.findingsSummaryLabel.setText(self.tr("Not validated yet."))
            return
        current = self._findings_current(layer)
        text = self.tr("{pins} pin(s) checked: {errors} error(s) block publishing, "
                       "{warnings} warning(s).").format(**self.findings)
        if not current:
            text = self.tr("The pins changed since the last validation ({errors} error(s), "
                           "{warnings} warning(s) then): validate again.").format(**self.findings)
        self.findingsSummaryLabel.setText(text)
        if self.findings_panel is not None:
            self.findings_panel.set_out_of_date(not current)

    # actions ----------------------------------------------------------------------------------
    def create_working_copy(self):
        """The plugin's own dialog (province, a folder that lasts), then the
        citizen_pins:create_working_copy algorithm as a task."""
        from .new_working_copy_dialog import NewWorkingCopyDialog

        mine = list(self.account.provinces) if self.account is not None else []
        dialog = NewWorkingCopyDialog(self.lang, mine, self.provinceCombo.currentData() or "",
                                      self.settings.working_copy_folder, self)
        if not dialog.exec():
            return None
        path, province = dialog.path(), dialog.province()
        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as e:
            log(self.tr("The folder {} cannot be made: {}").format(folder, e), WARNING, push=True)
            return None
        self.settings.set(working_copy_folder=folder)

        def done(ok, results, feedback):
            if ok and self._switch_to(results.get("OUTPUT") or path):
                made = self.tr("Working copy of {} made: {}")
                log(made.format(province_name(province, self.lang), path), SUCCESS, push=True,
                    bar=made.format(province_name(province, self.lang), os.path.basename(path)))
            elif not ok:
                log(self.tr("The working copy could not be made: {}").format(
                    " ".join(feedback.errors)), WARNING, push=True)

        self.create_task = run_algorithm("citizen_pins:create_working_copy",
                                         {"OUTPUT": path, "PROVINCE": province}, done,
                                         self.tr("Citizen Pins: new working copy"))
        return self.create_task

    def open_working_copy(self):
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a working copy"), os.path.dirname(self.settings.working_copy),
            self.tr("GeoPackage (*.gpkg)"))
        if path:
            self._switch_to(path)

    def _switch_to(self, path: str) -> bool:
        """Use another working copy: the one in use leaves the map (its unsaved edits must be
        saved or discarded first: the user is told)."""
        old = self.settings.working_copy
        layer = self.service_layer()
        if old and os.path.abspath(old) != os.path.abspath(path):
            if layer is not None and layer.isModified():
                log(self.tr("Save or discard the edits of {} first.").format(layer.name()),
                    WARNING, push=True)
                return False
            remove_layers_of(old)
        return self.use_working_copy(path)

    def use_working_copy(self, path: str) -> bool:
        """Open ``path`` as the working copy and add its layer to the map (once)."""
        try:
            info = open_working_copy(path)
        except WorkingCopyError as e:
            log(str(e), WARNING, push=True)
            return False
        if info.path != self.settings.working_copy:
            self.findings = None
            self.settings.set(working_copy=info.path, findings_path="", findings_fingerprint="")
        add_working_copy_layers(info.path, self.lang)
        self._fill_provinces()
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
        add_boundary_layer(layer)
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

    def editable_provinces(self):
        """The provinces the user may publish pins of: the account's once known, else the
        working copy's."""
        if self.account is not None:
            return tuple(self.account.provinces)
        province = self.working_copy_province()
        return (province,) if province else ()

    def _warn(self, text: str) -> None:
        log(text, WARNING, push=True, duration=15)

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

    def _role(self, role: str) -> str:
        return {"editor": self.tr("editor"), "coordinator": self.tr("coordinator")}.get(role, role)

    def _show_account(self):
        if self.account is not None:
            self.accountLabel.setText(self.tr("Account: {name} ({role})").format(
                name=self.account.name, role=self._role(self.account.role)))
        elif self.settings.auth_config_id:
            self.accountLabel.setText(self.tr("Account: {} (not checked yet)").format(
                self.settings.auth_config_name or self.tr("chosen")))
        else:
            self.accountLabel.setText(self.tr("No account chosen (reading needs none)."))

    def choose_account(self):
        from .account_dialog import AccountDialog  # touches the auth manager: only on demand

        dialog = AccountDialog(self.settings.auth_config_id, self)
        if dialog.exec():
            self.settings.set(auth_config_id=dialog.config_id(),
                              auth_config_name=dialog.config_name())
            self.account = None
            self.connectionLabel.setText("")
            self.refresh()

    def _client(self, public: bool = False):
        """The registry's client; ``public``: for data anyone may read (no account, so no
        master-password prompt)."""
        from ..registry.client import RegistryClient

        return RegistryClient(self.settings.registry_url,
                              "" if public else self.settings.auth_config_id, timeout_s=30)

    def _describe_account(self, info) -> str:
        names = ", ".join(f"{province_name(p, self.lang)} ({p})" for p in info.provinces)
        if not names:
            return self.tr("Signed in as {name} ({role}); read-only, may not edit pins.").format(
                name=info.name, role=self._role(info.role))
        return self.tr("Signed in as {name} ({role}); may edit pins of {provinces}.").format(
            name=info.name, role=self._role(info.role), provinces=names)

    def _plugin_notice(self, support) -> str:
        """What the registry says about this plugin's version: too old to publish, or a newer
        one in the registry's plugin repository; "" when neither."""
        from ..registry.compat import plugin_version

        mine = plugin_version()
        if support is None:
            return ""
        if not support.accepts(mine):
            return self.tr("This registry needs Citizen Pins {minimum} or newer (this is {mine}): "
                           "update it in Plugins ▸ Manage and Install Plugins before you "
                           "publish.").format(minimum=support.minimum_version, mine=mine)
        if support.newer_than(mine):
            return self.tr("Citizen Pins {latest} is available (this is {mine}): Plugins ▸ Manage "
                           "and Install Plugins ▸ Upgradeable.").format(
                latest=support.latest_version, mine=mine)
        return ""

    def test_connection(self):
        """Ask the registry who we are, in a task (the UI never waits on the network)."""
        from ..registry.account import whoami

        self._url_changed()
        try:
            client = self._client()
        except Exception as e:  # noqa: BLE001 - a bad address: said in the dock
            self.connectionLabel.setText(e.message(self.lang) if hasattr(e, "message") else str(e))
            return
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
                self.connectionLabel.setText("\n".join(
                    t for t in (self._describe_account(info), self._plugin_notice(info.plugin)) if t))
            self._fill_provinces()
            self.refresh()

        self.connection_task = run_function(self.tr("Citizen Pins: test connection"),
                                            lambda task: whoami(client), done)

    def _fill_provinces(self):
        """The account's provinces first; the working copy's province chosen, else the
        account's first; nothing known: the user chooses (no province is assumed)."""
        mine = list(self.account.provinces) if self.account is not None else []
        preferred = self.working_copy_province() or (mine[0] if mine else None)
        previous = self.provinceCombo.currentData()
        fill_province_combo(self.provinceCombo, self.lang, mine, preferred)
        if not preferred and not previous:
            self.provinceCombo.insertItem(0, self.tr("Choose a province…"), None)
            self.provinceCombo.setCurrentIndex(0)

    def registry_boundaries_path(self) -> str:
        """Where the registry's tambons are cached: one file per registry address."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.settings.registry_url)
        name = "".join(ch if ch.isalnum() else "_" for ch in (parts.netloc + parts.path))
        folder = os.path.join(QgsApplication.qgisSettingsDirPath(), "citizen_pins")
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"boundaries_{name.strip('_')}.gpkg")

    def _ask_use_cached(self, path: str) -> str:
        """The registry's boundaries are on this computer: "use", "download" or ""."""
        when = _dt.datetime.fromtimestamp(os.path.getmtime(path)).strftime("%Y-%m-%d %H:%M")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Registry boundaries"),
                          self.tr("The registry's boundaries are kept on this computer "
                                  "(downloaded {}). Use them, or download them again?").format(when),
                          QMessageBox.StandardButton.Cancel, self)
        use = box.addButton(self.tr("Use the copy on this computer"),
                            QMessageBox.ButtonRole.AcceptRole)
        again = box.addButton(self.tr("Download again"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(use)
        box.exec()
        return "use" if box.clickedButton() is use else \
            "download" if box.clickedButton() is again else ""

    def use_registry_boundaries(self, _checked=False, ask=None):
        """The registry's tambons: the copy on this computer when there is one (the user may
        download them again; ``ask(path)`` -> "use", "download" or "" instead of the question),
        else downloaded -- public data, read without the account."""
        from ..registry.boundaries import LAYER, cache_tambons

        if not self.settings.registry_url:
            return None
        path = self.registry_boundaries_path()
        if os.path.isfile(path):
            choice = (ask or self._ask_use_cached)(path)
            if not choice:
                return None
            if choice == "use":
                existing = self._layer_with_source(f"{path}|layername={LAYER}")
                if existing is not None:
                    self.boundaryCombo.setLayer(existing)
                else:
                    self.use_boundary_file(path, LAYER)
                self.refresh()
                return None
        client = self._client(public=True)
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
                    SUCCESS, push=True, bar=self.tr(
                        "{} tambons from the registry, kept on this computer").format(count))
            self.refresh()

        self.boundary_task = run_function(self.tr("Citizen Pins: registry boundaries"),
                                          lambda task: cache_tambons(client, path), done)
        return self.boundary_task

    def working_copy_for(self, province: str) -> str:
        """The working copy of ``province``: the one in use if it is that province's, else
        ``pins_<code>.gpkg`` in the working copies' folder."""
        from .new_working_copy_dialog import default_folder

        path = self.settings.working_copy
        if path and os.path.isfile(path):
            try:
                if open_working_copy(path).province_code in (province, ""):
                    return path
            except WorkingCopyError:
                pass
        folder = self.settings.working_copy_folder or default_folder()
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"pins_{province}.gpkg")

    def pull(self):
        province = self.provinceCombo.currentData()
        if not province or not self.settings.registry_url:
            return None
        path = self.working_copy_for(province)
        layer = self.service_layer()
        current = self.settings.working_copy
        switching = bool(current) and os.path.abspath(path) != os.path.abspath(current)
        if layer is not None and layer.isModified():
            log(self.tr("Save or discard your edits of the working copy before pulling."),
                WARNING, push=True)
            return None
        if switching:
            answer = QMessageBox.question(
                self, self.tr("Pull another province?"),
                self.tr("The working copy in use holds {current}. Pull {province} into another "
                        "working copy ({file}) and use that one?").format(
                    current=province_name(self.working_copy_province(), self.lang) or
                    os.path.basename(current),
                    province=province_name(province, self.lang), file=path))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        params = {"REGISTRY_URL": self.settings.registry_url,
                  "AUTHCFG": self.settings.auth_config_id or None,
                  "PROVINCE": province, "OUTPUT": path}
        self.busy.add("pull")
        self.refresh()

        def done(ok, results, feedback):
            self.busy.discard("pull")
            if ok:
                self._switch_to(path)
                layer = self.service_layer()
                if layer is not None:
                    layer.reload()
                    layer.triggerRepaint()
                self._say_pulled(province, path, results)
            else:
                log(self.tr("The pull failed: {}").format(" ".join(feedback.errors)), WARNING,
                    push=True)
            self.refresh()

        self.pull_task = run_algorithm("citizen_pins:pull", params, done,
                                       self.tr("Citizen Pins: pull province {}").format(
                                           province_name(province, self.lang)))
        return self.pull_task

    def _say_pulled(self, province: str, path: str, results: dict):
        import json

        text = self.tr("Pulled {count} pin(s) of {province} into {file}.").format(
            count=results.get("PIN_COUNT", 0), province=province_name(province, self.lang),
            file=os.path.basename(path))
        adopted = json.loads(results.get("ADOPTED") or "[]")
        bar = text
        if adopted:
            bar += " " + self.tr("{} pin(s) you had added were already in the registry: merged "
                                 "into its pins, not added twice.").format(len(adopted))
            names = ", ".join(name for _pin, name in adopted[:5])
            more = len(adopted) - 5
            text += " " + self.tr("{n} pin(s) you had added were already in the registry and "
                                  "were merged into its pins, not added twice: {names}").format(
                n=len(adopted), names=names + (self.tr(" and {} more").format(more)
                                               if more > 0 else ""))
        if results.get("CONFLICTS"):
            differ = " " + self.tr("{} pin(s) have fields that differ: resolve them in Publish… "
                                   "(Resolve conflicts).").format(results["CONFLICTS"])
            text += differ
            bar += differ
        log(text, SUCCESS, push=True, duration=20, bar=bar)

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
        for old in list(QgsProject.instance().mapLayers().values()):
            if old.source().startswith(out):
                QgsProject.instance().removeMapLayer(old.id())
        if os.path.exists(out):
            os.remove(out)
        params = {"INPUT": layer.source(), "BOUNDARIES": boundary.source(), "OUTPUT": out}
        if self.settings.tolerance_m:
            params["TOLERANCE"] = self.settings.tolerance_m
        fingerprint = pins_fingerprint(self.settings.working_copy)
        self.busy.add("validate")
        self.findingsSummaryLabel.setText(self.tr("Validating…"))
        self.refresh()

        def done(ok, results, feedback):
            self.busy.discard("validate")
            if not ok:
                self.findings = None
                self.refresh()
                self.findingsSummaryLabel.setText(self.tr("Validation failed: {}").format(
                    " ".join(feedback.errors)))
                return
            self.settings.set(findings_path=results["OUTPUT"], findings_fingerprint=fingerprint)
            self._show_findings_file(results["OUTPUT"], results.get("PINS"))
            self.refresh()

        self.validate_task = run_algorithm("citizen_pins:validate", params, done,
                                           self.tr("Citizen Pins: validate"))
        return self.validate_task

    def _show_findings_file(self, path: str, pins) -> None:
        """The findings layer on the map and in the panel (after a validation, or restored)."""
        findings = QgsVectorLayer(path, FINDINGS_LAYER, "ogr")
        if not findings.isValid():
            return
        self._style_findings(findings)
        QgsProject.instance().addMapLayer(findings)
        panel = self.show_findings()
        panel.set_findings(findings, self.service_layer())
        errors, warnings = panel.counts()
        if pins is None:
            pins = len({r["pin_id"] for r in panel.rows}) if panel.rows else 0
            layer = self.service_layer()
            pins = layer.featureCount() if layer is not None else pins
        self.findings = {"pins": pins, "errors": errors, "warnings": warnings}
        if self.service_layer() is not None:
            self.iface.setActiveLayer(self.service_layer())  # Ctrl+Z undoes edits of the pins

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
        self.import_dialog = ImportDialog(layer, self.settings.working_copy, self.lang, self,
                                          province=self.working_copy_province(),
                                          canvas=self.iface.mapCanvas())
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

        if self.publish_dialog is not None:
            self.publish_dialog.close()
        self.publish_dialog = open_publish_dialog(params, self.lang, self, published,
                                                  layer=layer, canvas=self.iface.mapCanvas())
        return self.publish_dialog

    def show_findings(self) -> FindingsPanel:
        if self.findings_panel is None:
            self.findings_panel = FindingsPanel(self.iface, self.lang, self.iface.mainWindow())
            self.findings_panel.revalidateRequested.connect(self.validate)
            self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_panel)
        self.findings_panel.show()
        self.findings_panel.raise_()
        return self.findings_panel
