"""Wiring only: initGui / initProcessing / unload.  No logic lives here."""
from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator
from qgis.PyQt.QtWidgets import QAction

from .toolbelt.i18n import qgis_language
from .toolbelt.log import log
from .toolbelt.resources import I18N_DIR, icon

MENU = "&Citizen Pins"


class CitizenPinsPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.dock = None
        self.toolbar = None
        self.actions = []

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("CitizenPinsPlugin", text)

    # Processing -----------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 (QGIS's name)
        """Register the provider.  Called by QGIS (also in qgis_process) without a GUI."""
        if self.provider is None:
            from .processing.provider import CitizenPinsProvider

            self.provider = CitizenPinsProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    # GUI --------------------------------------------------------------------------------------
    def _install_translator(self):
        qm = I18N_DIR / f"citizen_pins_{qgis_language()}.qm"
        if qm.is_file():
            self.translator = QTranslator()
            if self.translator.load(str(qm)):
                QCoreApplication.installTranslator(self.translator)
            else:
                self.translator = None

    def initGui(self):  # noqa: N802
        self._install_translator()
        self.initProcessing()
        from .gui.dock import CitizenPinsDock

        self.dock = CitizenPinsDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

        self.toolbar = self.iface.addToolBar("Citizen Pins")
        self.toolbar.setObjectName("CitizenPinsToolbar")

        toggle = self.dock.toggleViewAction()
        toggle.setIcon(icon("citizen_pins.svg"))
        toggle.setText(self.tr("Citizen Pins panel"))
        toggle.setToolTip(self.tr("Show or hide the Citizen Pins panel"))
        self._add_action(toggle, owned=False)

        new_wc = QAction(icon("new_working_copy.svg"), self.tr("New working copy…"),
                         self.iface.mainWindow())
        new_wc.setObjectName("CitizenPinsNewWorkingCopy")
        new_wc.triggered.connect(self.dock.create_working_copy)
        self._add_action(new_wc)
        self._add_action(self.dock.pin_action, owned=False)
        from .gui.services_layers import make_zero_copy_action

        self._add_action(make_zero_copy_action(self.iface, self.dock, self.iface.mainWindow()))

        self.dock.setVisible(self.dock.settings.show_dock)
        log(self.tr("Citizen Pins loaded"))

    def _add_action(self, action, owned: bool = True):
        self.toolbar.addAction(action)
        self.iface.addPluginToMenu(MENU, action)
        self.actions.append((action, owned))

    def unload(self):
        for action, owned in self.actions:
            self.iface.removePluginMenu(MENU, action)
            if owned:
                action.deleteLater()
        self.actions = []
        # Detach widgets from the main window at once (deleteLater alone leaves them findable
        # until the event loop runs, and a quick reload would then show them twice).
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.dock is not None:
            self.dock.unload()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
