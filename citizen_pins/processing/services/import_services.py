"""citizen_pins:import_services — services, steps and documents into a working copy, every row
accounted for in a report (core/importer/services.py does the work)."""
from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProviderRegistry,
)

from ...core import schema
from ...core.importer.mapping import MappingError
from ...core.importer.run import ImportFailed
from ...core.importer.services import REFUSED, ImportOptions, parse_mapping
from ...core.importer.services_run import import_services
from ...core.importer.source import SourceError
from ...core.qgis_compat import ALGORITHM_NO_THREADING, FILE_BEHAVIOR_FILE, SOURCE_POINT
from ...core.working_copy import WorkingCopyError
from ..base import CitizenPinsAlgorithm
from ..import_pins import ImportPinsAlgorithm
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP


def working_copy_path(alg, parameters, name: str, context) -> str:
    """The GeoPackage a pins layer parameter reads (a layer, or a path to the .gpkg)."""
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is None:
        raise QgsProcessingException(alg.tr(QT_TRANSLATE_NOOP(
            "CitizenPinsAlgorithm", "{}: the service-point layer cannot be opened. Give the "
            "working copy's pins layer (or its .gpkg file).")).format(name))
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get(
        "path") or ""
    if layer.providerType() != "ogr" or not path.lower().endswith(".gpkg"):
        raise QgsProcessingException(alg.tr(QT_TRANSLATE_NOOP(
            "CitizenPinsAlgorithm", "{}: {} is not a working copy (a GeoPackage made by "
            "citizen_pins). Services are recorded in the working copy of their service "
            "points.")).format(name, layer.name()))
    return path


class ImportServicesAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "import_services"
    GROUP_ID = "services"

    INPUT = "INPUT"
    PIN_LAYER = "PIN_LAYER"
    SHEET = "SHEET"
    MAPPING = "MAPPING"
    POINT = "POINT"
    ENCODING = "ENCODING"
    REPORT = "REPORT"
    REPORT_TABLE = "REPORT_TABLE"
    SERVICES = "SERVICES"
    STEPS = "STEPS"
    DOCUMENTS = "DOCUMENTS"
    COUNTS = ImportPinsAlgorithm.COUNTS  # the same four outcomes as the pins' import

    def flags(self):
        # reads the project's layers of the working copy (unsaved edits): on the main thread
        return super().flags() | ALGORITHM_NO_THREADING

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import services, steps and documents")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports the services a service point offers, with their steps and documents (from "
            "the agency's citizen manual), into the working copy of PIN_LAYER: an XLSX or CSV "
            "with one row per document or per step (Thai or English headers: ชื่องานบริการ, "
            "ชื่อเอกสาร, ฉบับจริง, สำเนา, การเรียกสำเนา, ขั้นตอน, ระยะเวลา, ...; the plugin's "
            "template resources/services/services_template.xlsx has them all), or a JSON file "
            "in the exchange format (docs/services.md).\n\n"
            "Each row is matched to its service point by รหัสหมุด (pin_id), or by the point's "
            "name and DOPA codes; POINT gives the point of a list that does not say. Every row "
            "is reported as imported, imported with repairs (each listed), refused (with the "
            "reason) or skipped (already in the working copy, or not data), in the table "
            "services_import_report and a CSV (REPORT). Importing the same list again adds "
            "nothing. A working copy made before services existed is upgraded in place first.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("List of services (XLSX, CSV or JSON)"),
            FILE_BEHAVIOR_FILE,
            fileFilter=self.tr("Service lists (*.xlsx *.xls *.ods *.csv *.txt *.json);;All files "
                               "(*.*)")))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.PIN_LAYER, self.tr("Service points (the working copy's pins layer)"),
            [SOURCE_POINT]))
        self.addParameter(QgsProcessingParameterString(
            self.SHEET, self.tr("Sheets (several separated by ;; empty: the first)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.MAPPING, self.tr("Column mapping (empty: from the headers)"), multiLine=True,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.POINT, self.tr("Service point of rows that do not say (pin_id or name)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ENCODING, self.tr("Encoding of a CSV (auto, utf-8, cp874, ...)"),
            defaultValue="auto", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Per-row report (CSV; empty: next to the working copy)"),
            self.tr("CSV (*.csv)"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString(self.REPORT_TABLE, self.tr("Report table")))
        labels = {"IMPORTED": self.tr("Rows imported as they were"),
                  "REPAIRED": self.tr("Rows imported with repairs"),
                  "REFUSED": self.tr("Rows refused"),
                  "SKIPPED": self.tr("Rows skipped (already in the working copy, or not data)")}
        for name, _ in self.COUNTS:
            self.addOutput(QgsProcessingOutputNumber(name, labels[name]))
        self.addOutput(QgsProcessingOutputNumber(self.SERVICES, self.tr("Services added")))
        self.addOutput(QgsProcessingOutputNumber(self.STEPS, self.tr("Steps added")))
        self.addOutput(QgsProcessingOutputNumber(self.DOCUMENTS, self.tr("Documents added")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsFile(parameters, self.INPUT, context)
        path = working_copy_path(self, parameters, self.PIN_LAYER, context)
        report = self.parameterAsFileOutput(parameters, self.REPORT, context) or None
        sheets = [s.strip() for s in
                  (self.parameterAsString(parameters, self.SHEET, context) or "").split(";")
                  if s.strip()]
        try:
            options = ImportOptions(
                encoding=self.parameterAsString(parameters, self.ENCODING, context) or None,
                layers=sheets or None,
                mapping=parse_mapping(self.parameterAsString(parameters, self.MAPPING, context)),
                point=self.parameterAsString(parameters, self.POINT, context).strip() or None)
            result = import_services(source, path, options, report, context.project(), feedback)
        except (SourceError, MappingError, WorkingCopyError, ImportFailed) as e:
            raise QgsProcessingException(str(e))
        plan = result.plan
        if result.upgraded:
            feedback.pushInfo(self.tr("The working copy was upgraded in place: services, steps "
                                      "and documents tables added."))
        for name, mapping in plan.mappings.items():
            where = f"[{name}] " if name else ""
            feedback.pushInfo(self.tr("Columns {}{}").format(
                where, "; ".join(f"{t} <- '{c}'" for t, c in mapping.items())))
        feedback.pushInfo(plan.summary())
        feedback.pushInfo(self.tr("Report: {} (table {} of the working copy)").format(
            result.report_csv, "services_import_report"))
        counts = plan.counts()
        if counts[REFUSED]:
            feedback.reportError(self.tr("{} row(s) refused: see the report for each reason.")
                                 .format(counts[REFUSED]))
        self._reload = path
        out = {self.REPORT: result.report_csv, self.REPORT_TABLE: result.report_uri,
               self.SERVICES: result.added[schema.SERVICES],
               self.STEPS: result.added[schema.SERVICE_STEPS],
               self.DOCUMENTS: result.added[schema.SERVICE_DOCUMENTS]}
        for name, status in self.COUNTS:
            out[name] = counts[status]
        return out

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        """On the main thread: layers of the working copy open in the project show the new rows."""
        path = getattr(self, "_reload", "")
        project = context.project()
        if path and project is not None:
            target = os.path.normcase(os.path.abspath(path))
            for layer in project.mapLayers().values():
                src = (layer.source() or "").split("|", 1)[0]
                if src and os.path.normcase(os.path.abspath(src)) == target:
                    layer.reload()
                    layer.triggerRepaint()
        return {}
