"""A new working copy, made where it is kept: the province (the account's first), a folder that
lasts (Documents/Citizen Pins unless the user chose another; never a temporary file) and the
file name ``pins_<code>.gpkg``.  The dialog only asks; the dock then runs the
``citizen_pins:create_working_copy`` algorithm."""
from __future__ import annotations

import os

from qgis.core import QgsProcessingUtils
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QStandardPaths
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFileDialog

from ..toolbelt.resources import ui_path
from .provinces import fill_province_combo, province_name

FORM_CLASS, _ = uic.loadUiType(str(ui_path("new_working_copy_dialog.ui")))


def default_folder() -> str:
    """Documents/Citizen Pins: a folder the user sees, backs up and finds again."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return os.path.join(docs or os.path.expanduser("~"), "Citizen Pins")


def is_temporary(path: str) -> bool:
    """A path in Processing's temporary folder (deleted when QGIS closes)."""
    temp = os.path.normcase(os.path.abspath(QgsProcessingUtils.tempFolder()))
    return os.path.normcase(os.path.abspath(path)).startswith(temp + os.sep)


class NewWorkingCopyDialog(QDialog, FORM_CLASS):
    def __init__(self, lang: str, mine=(), province: str = "", folder: str = "", parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CitizenPinsNewWorkingCopyDialog")
        self.lang = lang
        fill_province_combo(self.provinceCombo, lang, mine, province or None)
        self.folderEdit.setText(folder or default_folder())
        self._auto_name = True
        self._set_name()
        self.provinceCombo.currentIndexChanged.connect(self._set_name)
        self.fileEdit.textEdited.connect(self._name_edited)
        self.folderEdit.textChanged.connect(self._show_path)
        self.fileEdit.textChanged.connect(self._show_path)
        self.folderButton.clicked.connect(self._browse)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self._show_path()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("NewWorkingCopyDialog", text)

    def province(self) -> str:
        return self.provinceCombo.currentData() or ""

    def path(self) -> str:
        name = self.fileEdit.text().strip()
        if name and not name.lower().endswith(".gpkg"):
            name += ".gpkg"
        return os.path.join(self.folderEdit.text().strip(), name) if name else ""

    def _name_edited(self, _text):
        self._auto_name = False

    def _set_name(self, *_):
        if self._auto_name and self.province():
            self.fileEdit.setText(f"pins_{self.province()}.gpkg")

    def _browse(self):
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of the working copy"),
                                                  self.folderEdit.text())
        if folder:
            self.folderEdit.setText(folder)

    def problem(self) -> str:
        """Why the working copy cannot be made there ("" when it can)."""
        path = self.path()
        if not self.province():
            return self.tr("Choose the province.")
        if not path:
            return self.tr("Give the file a name.")
        if is_temporary(path):
            return self.tr("This is a temporary folder, emptied when QGIS closes: choose a "
                           "folder that is kept.")
        if os.path.exists(path):
            return self.tr("{} already exists: open it with Open…, or choose another name.").format(
                os.path.basename(path))
        return ""

    def _show_path(self, *_):
        problem = self.problem()
        if problem:
            self.pathLabel.setText(problem)
        else:
            self.pathLabel.setText(self.tr("The pins of {province} will be kept in {path}").format(
                province=province_name(self.province(), self.lang), path=self.path()))
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self):
        if self.problem():
            self._show_path()
            return
        super().accept()
