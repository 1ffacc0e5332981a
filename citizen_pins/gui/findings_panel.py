"""The findings panel: what validation found, filterable by severity and rule; double-click zooms
to and selects the pin; a fix is applied through the edit buffer (undoable); counts always shown.

It holds no rules: findings come from the ``citizen_pins:validate`` output layer, fixes are
applied by core/fixes.
"""
from __future__ import annotations

from typing import List, Optional

from qgis.core import QgsApplication, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QHeaderView, QTableWidgetItem

from ..core.findings import ERROR, WARNING
from ..core.fixes import FixError, FixItem, apply_fixes, describe, skip_reason
from ..core.rules import RULES
from ..toolbelt.log import WARNING as LOG_WARNING
from ..toolbelt.log import log
from ..toolbelt.resources import ui_path

FORM_CLASS, _ = uic.loadUiType(str(ui_path("findings_panel.ui")))

ICONS = {ERROR: "/mIconWarning.svg", WARNING: "/mIconInfo.svg"}
_TITLES = {r.rule_id: (r.title_th, r.title_en) for r in RULES}


class FindingsPanel(QgsDockWidget, FORM_CLASS):
    #: The user asked to validate again.
    revalidateRequested = pyqtSignal()

    def __init__(self, iface, lang: str = "en", parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CitizenPinsFindings")
        self.iface = iface
        self.lang = lang
        self.rows: List[dict] = []
        self.shown: List[dict] = []
        self.pins_layer: Optional[QgsVectorLayer] = None
        self.severityCombo.addItem(self.tr("All"), "")
        self.severityCombo.addItem(self.tr("Errors"), ERROR)
        self.severityCombo.addItem(self.tr("Warnings"), WARNING)
        self.out_of_date = False
        self.findingsTable.setColumnCount(4)
        self.findingsTable.setHorizontalHeaderLabels(
            [self.tr("Severity"), self.tr("Pin"), self.tr("Rule"), self.tr("Message")])
        header = self.findingsTable.horizontalHeader()
        # the pin's name and the rule wrap in columns of their own width: the message keeps the
        # most room (a 1366-pixel screen shares it with the Browser and the dock)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 170)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 170)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # a message wraps to the width of its column: rows grow when the column changes (and
        # the scroll bar is always there, so rows grown do not narrow the column again)
        header.sectionResized.connect(lambda *_: self.findingsTable.resizeRowsToContents())
        self.findingsTable.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.findingsTable.viewport().installEventFilter(self)
        self.severityCombo.currentIndexChanged.connect(self._refill)
        self.ruleCombo.currentIndexChanged.connect(self._refill)
        self.findingsTable.cellDoubleClicked.connect(lambda row, _col: self.zoom_to(row))
        self.findingsTable.itemSelectionChanged.connect(self._selection_changed)
        self.zoomButton.clicked.connect(lambda: self.zoom_to(self._current_row()))
        self.applyFixButton.clicked.connect(lambda: self.apply_fix(self._current_row()))
        self.revalidateButton.clicked.connect(self.revalidateRequested.emit)
        self._selection_changed()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("FindingsPanel", text)

    def rule_title(self, rule_id: str) -> str:
        th, en = _TITLES.get(rule_id, (rule_id, rule_id))
        return th if self.lang == "th" else en

    # data -------------------------------------------------------------------------------------
    def set_findings(self, findings_layer: Optional[QgsVectorLayer],
                     pins_layer: Optional[QgsVectorLayer]) -> None:
        """Show the findings of ``findings_layer`` (the validate algorithm's output)."""
        self.pins_layer = pins_layer
        self.rows = []
        if findings_layer is not None:
            for f in findings_layer.getFeatures():
                self.rows.append({name: f[name] for name in (
                    "pin_id", "feature_id", "rule_id", "severity", "message_th", "message_en",
                    "expected", "actual", "distance_m", "fix")})
        names = self._pin_names({r["pin_id"] for r in self.rows})
        for r in self.rows:
            r["name"] = names.get(r["pin_id"], "")
        present = sorted({r["rule_id"] for r in self.rows},
                         key=lambda rid: [r.rule_id for r in RULES].index(rid)
                         if rid in _TITLES else 999)
        self.ruleCombo.blockSignals(True)
        self.ruleCombo.clear()
        self.ruleCombo.addItem(self.tr("All rules"), "")
        for rid in present:
            n = sum(1 for r in self.rows if r["rule_id"] == rid)
            self.ruleCombo.addItem(f"{self.rule_title(rid)} ({n})", rid)
        self.ruleCombo.blockSignals(False)
        self._refill()

    def _pin_names(self, pin_ids) -> dict:
        """The facility names of the pins the findings are about (names before ids)."""
        out = {}
        if self.pins_layer is None or not pin_ids:
            return out
        from qgis.core import QgsFeatureRequest

        from ..core.qgis_compat import REQUEST_NO_GEOMETRY

        request = QgsFeatureRequest().setFlags(REQUEST_NO_GEOMETRY).setSubsetOfAttributes(
            ["pin_id", "name_th"], self.pins_layer.fields())
        for f in self.pins_layer.getFeatures(request):
            if f["pin_id"] in pin_ids:
                out[f["pin_id"]] = f["name_th"] or ""
        return out

    def set_out_of_date(self, out_of_date: bool) -> None:
        """The pins changed since these findings were made (the counts line says so)."""
        if out_of_date != self.out_of_date:
            self.out_of_date = out_of_date
            self._refill()

    def counts(self):
        errors = sum(1 for r in self.rows if r["severity"] == ERROR)
        return errors, len(self.rows) - errors

    def _refill(self, *_):
        severity = self.severityCombo.currentData() or ""
        rule = self.ruleCombo.currentData() or ""
        self.shown = [r for r in self.rows
                      if (not severity or r["severity"] == severity)
                      and (not rule or r["rule_id"] == rule)]
        t = self.findingsTable
        t.setRowCount(len(self.shown))
        for i, r in enumerate(self.shown):
            sev = QTableWidgetItem(self.tr("Error") if r["severity"] == ERROR else self.tr("Warning"))
            sev.setIcon(QgsApplication.getThemeIcon(ICONS.get(r["severity"], ICONS[WARNING])))
            t.setItem(i, 0, sev)
            name = QTableWidgetItem(str(r.get("name") or "—"))
            name.setToolTip(str(r["pin_id"] or ""))
            t.setItem(i, 1, name)
            t.setItem(i, 2, QTableWidgetItem(self.rule_title(r["rule_id"])))
            msg = r["message_th"] if self.lang == "th" else r["message_en"]
            item = QTableWidgetItem(str(msg))
            item.setToolTip(f"{r['message_th']}\n\n{r['message_en']}")
            t.setItem(i, 3, item)
        t.resizeRowsToContents()
        errors, warnings = self.counts()
        if not self.rows:
            text = self.tr("No findings: every pin passed every rule.")
        else:
            text = self.tr("{errors} error(s) block publishing · {warnings} warning(s) to look at"
                           " · {shown} shown").format(errors=errors, warnings=warnings,
                                                      shown=len(self.shown))
        if self.out_of_date:
            text = self.tr("Out of date: the pins changed since this validation; validate "
                           "again.") + " " + text
        self.countsLabel.setText(text)
        self._selection_changed()

    # actions ----------------------------------------------------------------------------------
    def _current_row(self) -> int:
        rows = self.findingsTable.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selection_changed(self):
        row = self._current_row()
        r = self.shown[row] if 0 <= row < len(self.shown) else None
        fix = r["fix"] if r and r["fix"] and str(r["fix"]) != "NULL" else ""
        self.zoomButton.setEnabled(r is not None and self.pins_layer is not None)
        self.applyFixButton.setEnabled(bool(fix) and self.pins_layer is not None)
        self.fixLabel.setText(describe(fix, self.lang) if fix else "")

    def zoom_to(self, row: int) -> bool:
        if not (0 <= row < len(self.shown)) or self.pins_layer is None:
            return False
        fid = int(self.shown[row]["feature_id"])
        self.pins_layer.selectByIds([fid])
        if self.iface is not None:
            self.iface.setActiveLayer(self.pins_layer)
            self.iface.mapCanvas().zoomToSelected(self.pins_layer)
            self.iface.mapCanvas().refresh()
        return True

    def apply_fix(self, row: int) -> bool:
        if not (0 <= row < len(self.shown)) or self.pins_layer is None:
            return False
        r = self.shown[row]
        pin_id = r.get("pin_id")
        item = FixItem(int(r["feature_id"]), str(r["rule_id"]), str(r["fix"]),
                       str(pin_id) if pin_id and str(pin_id) != "NULL" else None)
        try:  # the code citizen_pins:apply_fixes runs
            report = apply_fixes(self.pins_layer, [item],
                                 command_text=self.tr("Fix: {}").format(
                                     self.rule_title(r["rule_id"])))
        except FixError as e:
            log(self.tr("The fix could not be applied: {}").format(e), LOG_WARNING, push=True)
            return False
        if not report.applied:
            why = skip_reason(report.skipped[0][1], self.lang) if report.skipped else ""
            log(self.tr("The fix could not be applied: {}").format(why), LOG_WARNING, push=True)
            return False
        self.pins_layer.triggerRepaint()
        if self.iface is not None:
            # QGIS's Undo (Ctrl+Z) acts on the active layer: make it the one the fix changed
            self.iface.setActiveLayer(self.pins_layer)
        log(self.tr("Fix applied (undo with Ctrl+Z). Validate again to refresh the findings."),
            push=True)
        return True

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self.findingsTable.resizeRowsToContents()

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.findingsTable.viewport() and event.type() == QEvent.Type.Resize:
            # once the columns have their new widths (Qt lays them out after this event)
            QTimer.singleShot(0, self.findingsTable.resizeRowsToContents)
        return super().eventFilter(obj, event)
