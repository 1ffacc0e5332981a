"""Import a list into the working copy for review: choose the file (encoding, sheet), check the
suggested column for each field of a pin, then the rows are read in a task and the pins go into
the layer's edit buffer as one undoable step; the per-row report is written next to the working
copy.  The rules are the importer's (core/importer); this dialog only asks and shows."""
from __future__ import annotations

import os
from typing import Optional

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QFileDialog, QHeaderView, QTableWidgetItem

from ..core.importer.mapping import TARGETS, Mapping
from ..core.importer.run import (ExistingPins, ImportOptions, add_plan_to_layer,
                                 default_report_csv, plan_import, prepare_mapping,
                                 write_report_csv)
from ..core.importer.source import open_source
from ..toolbelt.resources import ui_path
from .tasks import run_function

FORM_CLASS, _ = uic.loadUiType(str(ui_path("import_dialog.ui")))
NONE = ""


class ImportDialog(QDialog, FORM_CLASS):
    def __init__(self, layer, working_copy: str, lang: str = "en", parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.layer = layer
        self.working_copy = working_copy
        self.lang = lang
        self.source = None
        self.plan = None
        self.task = None
        self.state = "empty"  # empty, reading, ready, planning, done
        for enc in ("auto", "utf-8", "utf-8-sig", "cp874"):
            self.encodingCombo.addItem(enc)
        self.mappingTable.setColumnCount(2)
        self.mappingTable.setHorizontalHeaderLabels([self.tr("Field of the pin"),
                                                     self.tr("Column of the file")])
        self.mappingTable.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.browseButton.clicked.connect(self.browse)
        self.fileEdit.editingFinished.connect(self.read)
        self.encodingCombo.activated.connect(lambda _i: self.read())
        self.sheetCombo.activated.connect(lambda _i: self.read())
        self.importButton.clicked.connect(self.run_import)
        self.closeButton.clicked.connect(self.accept)
        self.refusedList.setVisible(False)
        self._set_state("empty")

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ImportDialog", text)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.importButton.setEnabled(state == "ready")
        self.closeButton.setEnabled(state not in ("reading", "planning"))

    # reading the file -------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("A list to import"), os.path.dirname(self.fileEdit.text()),
            self.tr("Lists (*.csv *.txt *.xlsx *.ods *.kml *.kmz *.gpkg *.shp *.geojson);;"
                    "All files (*)"))
        if path:
            self.fileEdit.setText(path)
            self.read()

    def _options(self) -> ImportOptions:
        enc = self.encodingCombo.currentText().strip()
        sheet = self.sheetCombo.currentData()
        return ImportOptions(encoding=None if enc in ("", "auto") else enc,
                             layers=[sheet] if sheet else None)

    def read(self) -> None:
        path = self.fileEdit.text().strip()
        if not path or self.state in ("reading", "planning"):
            return
        options = self._options()
        self._set_state("reading")
        self.sourceLabel.setText(self.tr("Reading {}…").format(os.path.basename(path)))

        def done(source, error):
            if error is not None:
                self.source = None
                self.sourceLabel.setText(str(error))
                self.mappingTable.setRowCount(0)
                self._set_state("empty")
                return
            self.show_source(source, options)

        self.task = run_function(self.tr("Citizen Pins: read a list"),
                                 lambda task: open_source(path, options.encoding, options.layers),
                                 done)

    def show_source(self, source, options: ImportOptions) -> None:
        self.source = source
        table = source.tables[0]
        current = self.sheetCombo.currentData()
        self.sheetCombo.blockSignals(True)
        self.sheetCombo.clear()
        for name in source.available or [table.name]:
            self.sheetCombo.addItem(name, name)
        self.sheetCombo.setCurrentIndex(max(0, self.sheetCombo.findData(current or table.name)))
        self.sheetCombo.blockSignals(False)
        text = self.tr("{name}: {columns} columns").format(name=table.name or os.path.basename(source.path),
                                                           columns=len(table.headers))
        if source.encoding:
            text += " · " + self.tr("encoding {}").format(source.encoding)
        self.sourceLabel.setText(text)
        mapping = prepare_mapping(table, options)
        self.mappingTable.setRowCount(len(TARGETS))
        for row, target in enumerate(TARGETS):
            self.mappingTable.setItem(row, 0, QTableWidgetItem(target))
            combo = QComboBox()
            combo.addItem("—", NONE)
            for header in table.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(target, NONE))))
            self.mappingTable.setCellWidget(row, 1, combo)
        self.keyCombo.clear()
        self.keyCombo.addItem("—", NONE)
        for header in table.headers:
            self.keyCombo.addItem(header, header)
        self.keyCombo.setCurrentIndex(max(0, self.keyCombo.findData(mapping.source_key or NONE)))
        self._set_state("ready")

    def mapping(self) -> Mapping:
        """The columns as the person left them (the suggestions, corrected)."""
        m = Mapping()
        for row, target in enumerate(TARGETS):
            column = self.mappingTable.cellWidget(row, 1).currentData()
            if column:
                m.columns[target] = column
                m.origin[target] = "given"
        key = self.keyCombo.currentData()
        m.source_key = key or None
        return m

    def set_column(self, target: str, column: str) -> None:
        combo = self.mappingTable.cellWidget(TARGETS.index(target), 1)
        combo.setCurrentIndex(combo.findData(column))

    # importing ----------------------------------------------------------------------------------
    def run_import(self) -> Optional[object]:
        if self.source is None or self.state != "ready":
            return None
        options = self._options()
        options.mapping = self.mapping()
        options.source_key = options.mapping.source_key
        path = self.fileEdit.text().strip()
        wc = self.working_copy
        self._set_state("planning")
        self.resultLabel.setText(self.tr("Reading every row…"))

        def work(task):
            source = open_source(path, options.encoding, options.layers)
            existing = ExistingPins.from_working_copy(wc, options.source_key,
                                                      options.match_distance_m)
            return plan_import(source, options, existing)

        self.task = run_function(self.tr("Citizen Pins: import"), work, self._planned)
        return self.task

    def _planned(self, plan, error) -> None:
        if error is not None:
            self.resultLabel.setText(self.tr("The import could not run: {}").format(error))
            self._set_state("ready")
            return
        self.plan = plan
        added = add_plan_to_layer(plan, self.layer)  # UI thread: the layer is the user's
        report = write_report_csv(plan, default_report_csv(self.working_copy, plan))
        c = plan.counts()
        self.resultLabel.setText(self.tr(
            "{added} pin(s) added to the edit buffer for review (undo with Ctrl+Z; save the layer "
            "to keep them): {imported} as they were, {repaired} with repairs; {refused} row(s) "
            "refused, {skipped} skipped. Report: {report}").format(
            added=added, imported=c["imported"], repaired=c["repaired"], refused=c["refused"],
            skipped=c["skipped"], report=report))
        refused = [o for o in plan.outcomes if o.status == "refused"]
        self.refusedList.clear()
        self.refusedList.addItems([f"{o.table} #{o.row}: {o.reason}" for o in refused[:500]])
        self.refusedList.setVisible(bool(refused))
        self.layer.triggerRepaint()
        self._set_state("done")
