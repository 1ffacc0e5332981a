"""Conflicts, field by field: base, theirs (the registry) and mine (the working copy); the user
chooses per field.  Resolution is done by the sync engine (registry/sync.resolve_conflict)."""
from __future__ import annotations

from typing import Dict, List

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QHeaderView, QTableWidgetItem

from ..core import schema
from ..registry.sync import PublishError, open_conflicts, resolve_conflict
from ..toolbelt.resources import ui_path

FORM_CLASS, _ = uic.loadUiType(str(ui_path("conflicts_dialog.ui")))

MINE, THEIRS = "local", "remote"


def _text(value) -> str:
    if value is None:
        return "—"
    return str(value)


class ConflictsDialog(QDialog, FORM_CLASS):
    def __init__(self, working_copy: str, lang: str = "en", parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.path = working_copy
        self.lang = lang
        self.rows: List = []
        self.conflictsTable.setColumnCount(6)
        self.conflictsTable.setHorizontalHeaderLabels([
            self.tr("Pin"), self.tr("Field"), self.tr("Base (last pull)"),
            self.tr("Theirs (registry)"), self.tr("Mine (working copy)"), self.tr("Keep")])
        header = self.conflictsTable.horizontalHeader()
        for col in range(6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.applyButton.clicked.connect(self.apply)
        self.closeButton.clicked.connect(self.accept)
        self.reload()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ConflictsDialog", text)

    def _field_label(self, name: str) -> str:
        if name in schema.FIELD_BY_NAME:
            return schema.field_label(name, "th" if self.lang == "th" else "en")
        if name.startswith("_"):
            return self.tr("the pin itself (deleted on one side)")
        return name

    def reload(self) -> None:
        self.rows = open_conflicts(self.path)
        t = self.conflictsTable
        t.setRowCount(len(self.rows))
        for i, c in enumerate(self.rows):
            t.setItem(i, 0, QTableWidgetItem(c.pin_id[:8]))
            t.item(i, 0).setToolTip(c.pin_id)
            t.setItem(i, 1, QTableWidgetItem(self._field_label(c.field)))
            for col, value in ((2, c.base_value), (3, c.remote_value), (4, c.local_value)):
                t.setItem(i, col, QTableWidgetItem(_text(value)))
            choice = QComboBox()
            choice.addItem(self.tr("Decide later"), "")
            choice.addItem(self.tr("Mine"), MINE)
            choice.addItem(self.tr("Theirs"), THEIRS)
            t.setCellWidget(i, 5, choice)
        t.resizeRowsToContents()
        pins = len({c.pin_id for c in self.rows})
        self.statusLabel.setText(
            self.tr("No conflict to resolve.") if not self.rows else
            self.tr("{} field(s) in conflict on {} pin(s).").format(len(self.rows), pins))
        self.applyButton.setEnabled(bool(self.rows))

    def choices(self) -> Dict[int, str]:
        out = {}
        for i in range(self.conflictsTable.rowCount()):
            value = self.conflictsTable.cellWidget(i, 5).currentData()
            if value:
                out[i] = value
        return out

    def choose(self, row: int, choice: str) -> None:
        combo = self.conflictsTable.cellWidget(row, 5)
        combo.setCurrentIndex(combo.findData(choice))

    def apply(self) -> int:
        """Resolve every field the user decided; returns how many were resolved."""
        done = 0
        errors = []
        for row, choice in sorted(self.choices().items()):
            c = self.rows[row]
            try:
                resolve_conflict(self.path, c.pin_id, c.field, choice)
                done += 1
            except PublishError as e:
                errors.append(str(e))
        self.reload()
        if errors:
            self.statusLabel.setText("\n".join(errors))
        return done
