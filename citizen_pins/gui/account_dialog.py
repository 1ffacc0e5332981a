"""Choose (or create) the QGIS authentication configuration of the registry account.

Created only when the user asks for it: the authentication manager is never touched at start-up.
"""
from __future__ import annotations

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QDialog

from ..toolbelt.resources import ui_path

FORM_CLASS, _ = uic.loadUiType(str(ui_path("account_dialog.ui")))


class AccountDialog(QDialog, FORM_CLASS):
    def __init__(self, config_id: str = "", parent=None):
        super().__init__(parent)
        self.setupUi(self)
        if config_id:
            self.authSelect.setConfigId(config_id)

    def config_id(self) -> str:
        return self.authSelect.configId()

    def config_name(self) -> str:
        """The configuration's name as the user gave it (shown in the dock instead of its id)."""
        from qgis.core import QgsApplication

        config = QgsApplication.authManager().availableAuthMethodConfigs().get(self.config_id())
        return config.name() if config is not None else ""
