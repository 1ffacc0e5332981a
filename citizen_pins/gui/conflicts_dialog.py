"""Conflicts, field by field: base, theirs (the registry) and mine (the working copy); the user
chooses per field.  Pins are named by their facility's name, services by theirs and their pin's
(the id in the tooltip), fields as the form names them -- inside a service, a step or a document
by its name.  Resolution is done by the sync engine (registry/sync.resolve_conflict)."""
from __future__ import annotations

from typing import Dict, List

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QHeaderView, QTableWidgetItem

from ..core import diff as d
from ..core import schema
from ..registry.sync import PublishError, open_conflicts, preview, resolve_conflict
from ..toolbelt.resources import ui_path

FORM_CLASS, _ = uic.loadUiType(str(ui_path("conflicts_dialog.ui")))

MINE, THEIRS = "local", "remote"


def _field_label(f, lang: str) -> str:
    return f.label_th if lang == "th" else f.label_en


def _text(value) -> str:
    if value is None:
        return "—"
    return str(value)


class ConflictsDialog(QDialog, FORM_CLASS):
    def __init__(self, working_copy: str, lang: str = "en", parent=None, layer=None):
        super().__init__(parent)
        self.setupUi(self)
        self.path = working_copy
        self.lang = lang
        self.layer = layer
        self.rows: List = []
        self.services: Dict[str, dict] = {}  # service_id -> its state (names of its records)
        self.conflictsTable.setColumnCount(6)
        self.conflictsTable.setHorizontalHeaderLabels([
            self.tr("Pin"), self.tr("Field"), self.tr("Base (last pull)"),
            self.tr("Theirs (registry)"), self.tr("Mine (working copy)"), self.tr("Keep")])
        header = self.conflictsTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 190)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(2, 5):  # the values share the width left (full text in the tooltip)
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self.applyButton.clicked.connect(self.apply)
        self.closeButton.clicked.connect(self.accept)
        self.reload()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ConflictsDialog", text)

    def _lang(self) -> str:
        return "th" if self.lang == "th" else "en"

    def _field_label(self, name: str, collection: str = "service_points", service=None) -> str:
        if collection == "services":
            return self._service_field_label(name, service or {})
        if name in schema.FIELD_BY_NAME:
            return schema.field_label(name, self._lang())
        if name.startswith("_"):
            return self.tr("the pin itself (deleted on one side)")
        return name

    def _service_field_label(self, path: str, service) -> str:
        parts = path.split("/")
        if path == d.EXISTENCE:
            return self.tr("the service itself (deleted on one side)")
        if len(parts) == 1:
            return _field_label(schema.SERVICES_TABLE.field(path), self._lang())
        key, rid = parts[0], parts[1]
        record = ((service.get(key) or {}).get(rid) or {}) if service else {}
        if key == "steps":
            name = self.tr("Step '{}'").format(record.get("title_th") or rid[:8])
        else:
            name = self.tr("Document '{}'").format(record.get("name_th") or rid[:8])
        if parts[2] == d.EXISTENCE:
            return name + " " + self.tr("(deleted on one side)")
        return f"{name}: {_field_label(d.NESTED_TABLE[key].field(parts[2]), self._lang())}"

    def _names(self) -> Dict[str, str]:
        """Pins and services by id -> the name shown (a service: its name and its pin's)."""
        try:
            pv = preview(self.path)
        except PublishError:
            return {}
        out = {k: str(v.get("name_th") or "") for k, v in pv.base.items()}
        out.update({k: str(v.get("name_th") or "") for k, v in pv.local.items()})
        self.services = dict(pv.service_base)
        self.services.update(pv.service_local)
        for k, v in self.services.items():
            text = self.tr("Service: {}").format(v.get("name_th") or k[:8])
            if out.get(v.get("pin_id")):
                text += " — " + self.tr("at {}").format(out[v.get("pin_id")])
            out[k] = text
        return out

    def _value(self, field: str, value, collection: str = "service_points") -> str:
        if collection == "services" and value is not None:
            if field.endswith(d.EXISTENCE) and value in ("exists", "deleted"):
                return self.tr("kept") if value == "exists" else self.tr("deleted")
            f = d.service_field(field)
            if f is not None and f.choices:
                return schema.choice_label(f, value, self._lang()) or str(value)
            if isinstance(value, bool):
                return self.tr("yes") if value else self.tr("no")
            if isinstance(value, float) and value == int(value):
                return str(int(value))
            return str(value)
        if field == "point_type" and value:
            return schema.point_type_label(str(value), self.lang) or str(value)
        if field == "_deleted" and value in ("exists", "deleted"):
            return self.tr("kept") if value == "exists" else self.tr("deleted")
        return _text(value)

    def reload(self) -> None:
        self.rows = open_conflicts(self.path)
        names = self._names() if self.rows else {}
        t = self.conflictsTable
        t.setRowCount(len(self.rows))
        keep = 0
        for i, c in enumerate(self.rows):
            t.setItem(i, 0, QTableWidgetItem(names.get(c.pin_id) or c.pin_id[:8]))
            t.item(i, 0).setToolTip(c.pin_id)
            t.setItem(i, 1, QTableWidgetItem(self._field_label(
                c.field, c.collection, self.services.get(c.pin_id))))
            for col, value in ((2, c.base_value), (3, c.remote_value), (4, c.local_value)):
                item = QTableWidgetItem(self._value(c.field, value, c.collection))
                item.setToolTip(item.text())
                t.setItem(i, col, item)
            choice = QComboBox()
            choice.addItem(self.tr("Decide later"), "")
            choice.addItem(self.tr("Mine"), MINE)
            choice.addItem(self.tr("Theirs"), THEIRS)
            t.setCellWidget(i, 5, choice)
            keep = max(keep, choice.sizeHint().width())
        # the choice column is as wide as its widest choice and its header (never cut)
        header = t.horizontalHeader()
        title = header.fontMetrics().horizontalAdvance(self.tr("Keep")) + 24
        header.resizeSection(5, max(keep + 8, title, 120))
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
                resolve_conflict(self.path, c.pin_id, c.field, choice, c.collection)
                done += 1
            except PublishError as e:
                errors.append(str(e))
        self.reload()
        if errors:
            self.statusLabel.setText("\n".join(errors))
        return done
