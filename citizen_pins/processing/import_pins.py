"""citizen_pins:import — a list (CSV, XLSX, KML/KMZ, GeoPackage, Shapefile, GeoJSON) into the
working copy, every row accounted for in a report."""
from __future__ import annotations

import os

from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.importer import (
    IMPORTED,
    REFUSED,
    REPAIRED,
    SKIPPED,
    ImportFailed,
    ImportOptions,
    MappingError,
    MappingStore,
    SourceError,
    import_file,
    parse_mapping_text,
)
from ..core.importer.run import DEFAULT_MATCH_DISTANCE_M
from ..core.qgis_compat import FILE_BEHAVIOR_FILE, NUMBER_DOUBLE, NUMBER_INTEGER, SOURCE_POINT
from ..core.working_copy import (WorkingCopyError, layer_display_name, layer_uri,
                                 open_working_copy)
from ..toolbelt.i18n import qgis_language
from ..toolbelt.resources import plugin_metadata
from .base import CitizenPinsAlgorithm


def mapping_store_path() -> str:
    """Where mappings are remembered per source shape: the QGIS profile's settings folder."""
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "citizen_pins", "import_mappings.json")


class ImportPinsAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "import"
    GROUP_ID = "working_copy"

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    ENCODING = "ENCODING"
    SHEET = "SHEET"
    MAPPING = "MAPPING"
    SOURCE_KEY = "SOURCE_KEY"
    POINT_TYPE = "POINT_TYPE"
    UTM_ZONE = "UTM_ZONE"
    MATCH_DISTANCE = "MATCH_DISTANCE"
    PROVINCE = "PROVINCE"
    ONLY_PROVINCE = "ONLY_PROVINCE"
    OUTSIDE = "OUTSIDE"
    SAVE_MAPPING = "SAVE_MAPPING"
    REPORT = "REPORT"
    LAYER = "LAYER"
    REPORT_TABLE = "REPORT_TABLE"
    COUNTS = (("IMPORTED", IMPORTED), ("REPAIRED", REPAIRED), ("REFUSED", REFUSED),
              ("SKIPPED", SKIPPED))

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import service points")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports a list of service points into the working copy (created when missing, never "
            "overwritten): CSV (UTF-8, UTF-8 with BOM or Thai Windows cp874/TIS-620, detected), "
            "XLSX/ODS (SHEET picks the sheet), KML/KMZ, GeoPackage, Shapefile, GeoJSON.\n\n"
            "Columns are matched to pin fields from their Thai or English headers (ละติจูด, "
            "ลองจิจูด, lat, Y, รหัสตำบล, tmcode, ชื่อหน่วยงาน, ...). MAPPING overrides entries, "
            "e.g. 'name_th=ชื่อ; lat=Y; lon=X; point_type:=school'; a mapping given once is "
            "remembered for files with the same columns. Coordinates may be decimal (dot or "
            "comma), degrees-minutes-seconds, Thai numerals, swapped, one 'lat, lon' column or "
            "UTM easting/northing (zone column or UTM_ZONE). Tambon/amphoe/province names are "
            "resolved to DOPA codes; ambiguous names are reported, not guessed.\n\n"
            "Every row is reported as imported, imported with repairs (each listed), refused "
            "(with the reason) or skipped (already in the working copy, or not a data row), in "
            "the table import_report of the working copy and in a CSV (REPORT). Re-importing "
            "does not duplicate pins: rows are matched by SOURCE_KEY (a column such as hoscode), "
            "else by name, tambon and distance (MATCH_DISTANCE metres).\n\n"
            "ONLY_PROVINCE: only rows of this province (DOPA code) become pins; rows of other "
            "provinces are skipped and counted (OUTSIDE). Empty: the working copy's province "
            "(when it has one); * : every province.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("List to import"), FILE_BEHAVIOR_FILE,
            fileFilter=self.tr("Lists (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.kml *.kmz *.gpkg "
                               "*.shp *.geojson *.json);;All files (*.*)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Working copy (GeoPackage; created when missing)"),
            self.tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterString(
            self.MAPPING, self.tr("Field mapping (empty: automatic)"), multiLine=True,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ENCODING, self.tr("Encoding of a CSV (auto, utf-8, cp874, ...)"),
            defaultValue="auto", optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SHEET, self.tr("Sheet or layer (several separated by ;)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SOURCE_KEY, self.tr("Source key column (matches rows across imports)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.POINT_TYPE, self.tr("Point type of rows that do not say"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.UTM_ZONE, self.tr("UTM zone of easting/northing without a zone column"),
            NUMBER_INTEGER, optional=True, minValue=0, maxValue=60))
        self.addParameter(QgsProcessingParameterNumber(
            self.MATCH_DISTANCE, self.tr("Re-import match distance without a source key (m)"),
            NUMBER_DOUBLE, defaultValue=DEFAULT_MATCH_DISTANCE_M,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterString(
            self.PROVINCE, self.tr("Province of a new working copy (DOPA code)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ONLY_PROVINCE, self.tr("Only rows of this province (DOPA code; empty: the "
                                        "working copy's province; *: every province)"),
            optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.SAVE_MAPPING, self.tr("Remember the mapping for files with these columns"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Per-row report (CSV; empty: next to the working copy)"),
            self.tr("CSV (*.csv)"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputVectorLayer(
            self.LAYER, self.tr("Service-point layer"), SOURCE_POINT))
        self.addOutput(QgsProcessingOutputString(self.REPORT_TABLE, self.tr("Report table")))
        labels = {"IMPORTED": self.tr("Rows imported as they were"),
                  "REPAIRED": self.tr("Rows imported with repairs"),
                  "REFUSED": self.tr("Rows refused"),
                  "SKIPPED": self.tr("Rows skipped (already in the working copy, or not data)")}
        for name, _ in self.COUNTS:
            self.addOutput(QgsProcessingOutputNumber(name, labels[name]))
        self.addOutput(QgsProcessingOutputNumber(
            self.OUTSIDE, self.tr("Rows of other provinces (skipped)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, self.INPUT, context)
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        report = self.parameterAsFileOutput(parameters, self.REPORT, context) or None
        sheets = [s.strip() for s in
                  (self.parameterAsString(parameters, self.SHEET, context) or "").split(";")
                  if s.strip()]
        zone = parameters.get(self.UTM_ZONE)
        zone = self.parameterAsInt(parameters, self.UTM_ZONE, context) if zone not in (None, "") else 0
        save = self.parameterAsBool(parameters, self.SAVE_MAPPING, context)
        try:
            mapping_text = self.parameterAsString(parameters, self.MAPPING, context)
            options = ImportOptions(
                encoding=self.parameterAsString(parameters, self.ENCODING, context) or None,
                layers=sheets or None,
                mapping=parse_mapping_text(mapping_text) if mapping_text.strip() else None,
                source_key=self.parameterAsString(parameters, self.SOURCE_KEY, context) or None,
                point_type=self.parameterAsString(parameters, self.POINT_TYPE, context) or None,
                utm_zone=zone or None,
                match_distance_m=self.parameterAsDouble(parameters, self.MATCH_DISTANCE, context),
                store=MappingStore(mapping_store_path()) if save else None,
            )
            province = self.parameterAsString(parameters, self.PROVINCE, context) or None
            options.province = self._only_province(
                self.parameterAsString(parameters, self.ONLY_PROVINCE, context), target, province)
            if options.province:
                feedback.pushInfo(self.tr("Only rows of province {} are imported").format(
                    options.province))
            result = import_file(path, target, options, report, feedback,
                                 plugin_metadata("version"), province)
        except (SourceError, MappingError, WorkingCopyError, ImportFailed) as e:
            raise QgsProcessingException(str(e))
        plan = result.plan
        src = plan.source
        if src.encoding:
            feedback.pushInfo(self.tr("Encoding: {}").format(src.encoding_note or src.encoding))
        for t in plan.tables:
            where = f"[{t.name}] " if t.name else ""
            feedback.pushInfo(self.tr("Mapping {}{}").format(where, t.mapping.describe()))
        if result.created:
            feedback.pushInfo(self.tr("Working copy created: {}").format(result.working_copy))
        feedback.pushInfo(plan.summary())
        feedback.pushInfo(self.tr("Report: {} (table {} of the working copy)").format(
            result.report_csv, "import_report"))
        counts = plan.counts()
        if plan.outside:
            feedback.pushInfo(self.tr("{} row(s) of other provinces left out (see the report)")
                              .format(len(plan.outside)))
        if counts[REFUSED]:
            feedback.reportError(self.tr("{} row(s) refused: see the report for each reason.")
                                 .format(counts[REFUSED]))
        province = open_working_copy(result.working_copy).province_code
        details = QgsProcessingContext.LayerDetails(
            layer_display_name(result.working_copy, province, qgis_language()), context.project(),
            self.LAYER)
        context.addLayerToLoadOnCompletion(layer_uri(result.working_copy), details)
        out = {self.OUTPUT: result.working_copy, self.LAYER: layer_uri(result.working_copy),
               self.REPORT: result.report_csv, self.REPORT_TABLE: result.report_uri}
        for name, status in self.COUNTS:
            out[name] = counts[status]
        out[self.OUTSIDE] = len(plan.outside)
        return out

    @staticmethod
    def _only_province(value: str, target: str, new_province) -> str:
        """The province filter: given, else the working copy's (or the new one's), "*": none."""
        from ..core.dopa import normalize_code

        value = (value or "").strip()
        if value == "*":
            return ""
        if value:
            code = normalize_code(value, digits=2).code
            if not code:
                raise WorkingCopyError(f"ONLY_PROVINCE: '{value}' is not a DOPA province code "
                                       "(2 digits, e.g. 21 for Rayong), nor *.")
            return code
        if os.path.exists(target):
            return open_working_copy(target).province_code or ""
        return normalize_code(new_province, digits=2).code or "" if new_province else ""
