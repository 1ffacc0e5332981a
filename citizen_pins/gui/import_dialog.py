"""Import a list into the working copy for review: choose the file (encoding, sheet), check the
suggested column for each field of a pin (named as the form names it), the province to keep
(the working copy's), then the rows are read in a task and the pins go into the layer's edit
buffer as one undoable step, and the map shows them; rows that are likely pins the working copy
already has are asked about first; the per-row report is written next to the working copy.  The
rules are the importer's (core/importer); this dialog only asks and shows."""
from __future__ import annotations

import os
from typing import Optional

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import (QComboBox, QDialog, QFileDialog, QHeaderView, QMessageBox,
                                 QTableWidgetItem)

from ..core import schema
from ..core.importer.mapping import TARGETS, Mapping
from ..core.importer.run import (ExistingPins, ImportOptions, add_plan_to_layer,
                                 default_report_csv, plan_import, prepare_mapping,
                                 write_report_csv)
from ..core.importer.source import open_source
from ..toolbelt.resources import ui_path
from .messages import ask_yes_no
from .provinces import fill_province_combo, province_name
from .tasks import run_function

FORM_CLASS, _ = uic.loadUiType(str(ui_path("import_dialog.ui")))
NONE = ""
#: Rows of the file's structure, not data: never counted as skipped rows.
STRUCTURE = ("header row", "title row above the header")


class ImportDialog(QDialog, FORM_CLASS):
    def __init__(self, layer, working_copy: str, lang: str = "en", parent=None,
                 province: str = "", canvas=None, ask=None):
        super().__init__(parent)
        self.setupUi(self)
        self.layer = layer
        self.working_copy = working_copy
        self.lang = lang
        self.canvas = canvas
        #: ask(plan) -> True to add the likely duplicates too (default: a question)
        self.ask_likely = ask or self._ask_likely
        fill_province_combo(self.provinceFilterCombo, lang, (province,) if province else (),
                            province or None)
        self.provinceFilterCombo.insertItem(0, self.tr("Every province"), NONE)
        if not province:
            self.provinceFilterCombo.setCurrentIndex(0)
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
        self.fileEdit.editingFinished.connect(self.read)  # Enter reads (no default button)
        self.encodingCombo.activated.connect(lambda _i: self.read())
        self.sheetCombo.activated.connect(lambda _i: self.read())
        self.importButton.clicked.connect(self.run_import)
        self.closeButton.clicked.connect(self.accept)
        self.refusedList.setVisible(False)
        self._set_state("empty")

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ImportDialog", text)

    def target_label(self, target: str) -> str:
        """A pin field as the form names it (the column names of the file stay as they are)."""
        words = {"lat": self.tr("Latitude"), "lon": self.tr("Longitude"),
                 "latlon": self.tr("Latitude, longitude (one column)"),
                 "easting": self.tr("UTM easting"), "northing": self.tr("UTM northing"),
                 "utm_zone": self.tr("UTM zone"), "tambon_name": self.tr("Tambon (name)"),
                 "amphoe_name": self.tr("Amphoe (name)"),
                 "province_name": self.tr("Province (name)"),
                 "admin_names": self.tr("Tambon, amphoe, province (one column)")}
        if target in words:
            return words[target]
        if target in schema.CODE_FIELDS:
            return self.tr("{} (code)").format(schema.field_label(target, self.lang))
        if target in schema.FIELD_BY_NAME:
            return schema.field_label(target, self.lang)
        return target

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
            item = QTableWidgetItem(self.target_label(target))
            item.setToolTip(target)
            self.mappingTable.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem("—", NONE)
            for header in table.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(target, NONE))))
            self.mappingTable.setCellWidget(row, 1, combo)
        # as wide as its longest name (Qt measures only the rows on screen)
        fm = self.mappingTable.fontMetrics()
        self.mappingTable.setColumnWidth(0, 24 + max(
            [fm.horizontalAdvance(self.target_label(t)) for t in TARGETS]
            + [self.mappingTable.horizontalHeader().sectionSizeHint(0)]))
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
        options.province = self.provinceFilterCombo.currentData() or None
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
        likely = len(plan.likely)
        if likely and not self.ask_likely(plan):
            plan.skip_likely()
        else:
            likely = 0
        added = add_plan_to_layer(plan, self.layer)  # UI thread: the layer is the user's
        report = write_report_csv(plan, default_report_csv(self.working_copy, plan))
        self.resultLabel.setText(self.result_text(plan, added, likely, report))
        self.zoom_to_added(plan)
        refused = [o for o in plan.outcomes if o.status == "refused"]
        self.refusedList.clear()
        self.refusedList.addItems([f"{o.table} #{o.row}: {o.reason}" for o in refused[:500]])
        self.refusedList.setVisible(bool(refused))
        self.layer.triggerRepaint()
        self._set_state("done")

    def result_text(self, plan, added: int, likely_skipped: int, report: str) -> str:
        c = plan.counts()
        skipped = [o for o in plan.outcomes if o.status == "skipped"]
        existing = sum(1 for o in skipped if o.pin_id and not o.outside and o.likely is None)
        other = sum(1 for o in skipped if not o.pin_id and not o.outside
                    and o.reason not in STRUCTURE)
        lines = [self.tr("{} pin(s) added for review: undo with Ctrl+Z; save the layer to keep "
                         "them.").format(added),
                 self.tr("{imported} as they were, {repaired} with repairs.").format(
                     imported=c["imported"], repaired=c["repaired"])]
        if c["refused"]:
            lines.append(self.tr("{} row(s) refused (listed below).").format(c["refused"]))
        if existing:
            lines.append(self.tr("{} row(s) already in the working copy, not added again.")
                         .format(existing))
        if likely_skipped:
            lines.append(self.tr("{} row(s) likely already in the working copy, not added.")
                         .format(likely_skipped))
        if plan.outside:
            lines.append(self.tr("{count} row(s) of other provinces left out (only {province} "
                                 "is imported).").format(
                count=len(plan.outside),
                province=province_name(self.provinceFilterCombo.currentData(), self.lang)))
        if other:
            lines.append(self.tr("{} empty row(s) skipped.").format(other))
        lines.append(self.tr("Report: {}").format(report))
        return "\n".join(lines)

    def _ask_likely(self, plan) -> bool:
        """Rows that look like pins the working copy has: add them anyway?"""
        rows = plan.likely
        shown = "\n".join(self.tr("{row} ~ {pin} ({metres:.0f} m)").format(
            row=o.values.get("name_th", ""), pin=o.likely[1], metres=o.likely[2])
            for o in rows[:10])
        if len(rows) > 10:
            shown += "\n" + self.tr("… and {} more").format(len(rows) - 10)
        return ask_yes_no(self, QMessageBox.Icon.Question, self.tr("Likely duplicates"),
                          self.tr("{} row(s) look like pins the working copy already has (a "
                                  "name that differs by a typing slip, close by). Add them "
                                  "anyway?").format(len(rows)), shown)

    def zoom_to_added(self, plan) -> None:
        """The map shows the pins just added."""
        from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject,
                               QgsRectangle)

        points = [(o.lon, o.lat) for o in plan.pins if o.lon is not None]
        if self.canvas is None or not points:
            return
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        rect = QgsRectangle(min(xs), min(ys), max(xs), max(ys))
        rect.grow(max(rect.width(), rect.height(), 0.01) * 0.05)
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                           self.canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        self.canvas.setExtent(transform.transformBoundingBox(rect))
        self.canvas.refresh()
