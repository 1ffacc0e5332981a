"""citizen_pins:validate — check service points against the boundaries and DOPA's code list.

Writes a findings layer (points, EPSG:4326): one feature per finding, with the rule, severity
(``error`` blocks publishing, ``warning`` asks a person to look), messages in Thai and English and,
where one exists, a fix that the GUI can apply through the edit buffer.

Nothing is written until every input has been checked and every finding computed: bad input gives
one QgsProcessingException that says what to fix, and never a half-written output.
"""
from __future__ import annotations

import json

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core import boundaries as bnd
from ..core import ogr_io
from ..core import pins as pins_mod
from ..core import schema
from ..core.context import DEFAULT_DUPLICATE_DISTANCE_M, DEFAULT_TOLERANCE_M, Settings
from ..core.dopa import codes
from ..core.memory import collector_paused
from ..core.qgis_compat import (DOUBLE, FIELD_ANY, GEOMETRY_POINT, GEOMETRY_POLYGON, INT, LONG,
                                NUMBER_DOUBLE, PARAMETER_ADVANCED, SOURCE_ANY_GEOMETRY,
                                SOURCE_POINT, STRING, WKB_POINT, make_field)
from ..core.rules import RULES
from ..core.validate import Cancelled, counts_per_rule, severity_counts, validate
from .base import CitizenPinsAlgorithm, refused_if_damaged


ANY_GEOMETRY, POINT = SOURCE_ANY_GEOMETRY, SOURCE_POINT
FLAG_ADVANCED = PARAMETER_ADVANCED

#: Fields of the findings layer.
FINDING_FIELDS = (
    ("pin_id", STRING, 64), ("feature_id", LONG, 0), ("rule_id", STRING, 48),
    ("severity", STRING, 8), ("message_th", STRING, 0), ("message_en", STRING, 0),
    ("expected", STRING, 0), ("actual", STRING, 0), ("distance_m", DOUBLE, 0), ("fix", STRING, 0),
    ("record", STRING, 0),  # a service, step or document: "<table>/<UUID>" (empty: the pin)
)
#: Fields INPUT must have (the schema's required ones and the codes).
NEEDED_FIELDS = tuple(dict.fromkeys(schema.REQUIRED_FIELDS + schema.CODE_FIELDS))
WGS84 = "EPSG:4326"


def finding_values(f) -> list:
    """A finding's attributes in the order of FINDING_FIELDS."""
    return [f.pin_id, f.feature_id, f.rule_id, f.severity, f.message_th, f.message_en,
            f.expected, f.actual, f.distance_m, f.fix, f.record]


def findings_fields() -> QgsFields:
    out = QgsFields()
    for name, kind, length in FINDING_FIELDS:
        out.append(make_field(name, kind, length))
    return out


def add_boundary_parameters(alg) -> None:
    """BOUNDARIES (tambon polygons) and CODE_FIELD (detected when empty): every algorithm that
    checks pins against boundaries takes them alike."""
    alg.addParameter(QgsProcessingParameterVectorLayer(
        "BOUNDARIES", alg.tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Tambon boundaries")),
        [ANY_GEOMETRY]))
    alg.addParameter(QgsProcessingParameterField(
        "CODE_FIELD", alg.tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm",
                                               "Tambon code field (detected if empty)")),
        parentLayerParameterName="BOUNDARIES", type=FIELD_ANY, optional=True))


def add_tolerance_parameters(alg) -> None:
    """TOLERANCE and (advanced) DUPLICATE_DISTANCE of the validation rules."""
    alg.addParameter(QgsProcessingParameterNumber(
        "TOLERANCE", alg.tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Tolerance (metres)")),
        NUMBER_DOUBLE, defaultValue=DEFAULT_TOLERANCE_M, minValue=0.0))
    dup = QgsProcessingParameterNumber(
        "DUPLICATE_DISTANCE",
        alg.tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Near-duplicate distance (metres)")),
        NUMBER_DOUBLE, defaultValue=DEFAULT_DUPLICATE_DISTANCE_M, minValue=0.0)
    dup.setFlags(dup.flags() | FLAG_ADVANCED)
    alg.addParameter(dup)


def log_engine(alg, feedback, engine: str) -> None:
    """One log line naming the geometry engine that runs and, for QGIS's own, why and how to get
    the faster shapely engine on each platform (docs/validation.md, Engines)."""
    def tr(text):
        return alg.tr(text)

    reason, detail = bnd.engine_reason()
    geos = ".".join(map(str, bnd.qgis_geos_version() or ()))
    if engine == bnd.SHAPELY:
        feedback.pushInfo(tr(QT_TRANSLATE_NOOP(
            "CitizenPinsAlgorithm", "Geometry engine: shapely {} on QGIS's GEOS {} (the faster "
            "one).")).format(detail if reason == "shapely" else "", geos))
        return
    why = {
        "forced": tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "chosen by CITIZEN_PINS_ENGINE")),
        "missing": tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "shapely is not installed")),
        "old": tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm",
                                    "shapely {} is older than 2")).format(detail),
        "other_geos": tr(QT_TRANSLATE_NOOP(
            "CitizenPinsAlgorithm", "shapely's GEOS / QGIS's GEOS: {}; a shapely on another GEOS "
            "crashes QGIS")).format(detail),
    }.get(reason, reason)
    feedback.pushInfo(tr(QT_TRANSLATE_NOOP(
        "CitizenPinsAlgorithm",
        "Geometry engine: QGIS's own ({}). It gives the same findings; shapely 2 built on QGIS's "
        "GEOS {} is faster. Windows (OSGeo4W or the QGIS installer): install the python3-shapely "
        "package with the OSGeo4W setup. Debian / Ubuntu (Debian 12 has no shapely 2 package): "
        "build it on the system GEOS, python3 -m pip install --no-binary shapely --target DIR "
        "\"shapely>=2.0.6,<2.2\" (needs libgeos-dev), and start QGIS with PYTHONPATH=DIR. "
        "conda: conda install shapely in QGIS's environment. See docs/validation.md, Engines."
    )).format(why, geos))


class ValidateAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "validate"
    GROUP_ID = "validation"

    INPUT = "INPUT"
    BOUNDARIES = "BOUNDARIES"
    CODE_FIELD = "CODE_FIELD"
    TOLERANCE = "TOLERANCE"
    DUPLICATE_DISTANCE = "DUPLICATE_DISTANCE"
    OUTPUT = "OUTPUT"
    COUNTS = "COUNTS"
    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"
    PINS = "PINS"
    ENGINE = "ENGINE"
    CHECK_SERVICES = "CHECK_SERVICES"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Validate service points")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Checks a service-point layer against a tambon boundary layer and DOPA's code list: "
            "geometry, coordinates (swapped, UTM numbers, outside Thailand), codes (malformed, "
            "unknown, abolished, not nesting), location against the declared province / amphoe / "
            "tambon, required attributes and duplicates. Writes one point per finding with its "
            "rule, severity (error blocks publishing, warning asks a person to look), a message "
            "in Thai and English, and a fix where one exists.\n"
            "BOUNDARIES: tambon polygons with a DOPA code (HDX/RTSD ADM3_PCODE such as TH210101, "
            "or bare 6-digit codes); the field is detected, or choose it in CODE_FIELD.\n"
            "TOLERANCE (metres): a pin outside its declared tambon by no more than this is a "
            "warning, not an error. The default {} m suits full-resolution boundaries; use 600 m "
            "(the measured P99 of simplified outlines against full resolution) with simplified "
            "ones (see docs/validation.md).").format(int(DEFAULT_TOLERANCE_M))

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points"), [ANY_GEOMETRY]))
        add_boundary_parameters(self)
        add_tolerance_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Findings"), POINT))
        self.addOutput(QgsProcessingOutputString(self.COUNTS, self.tr("Findings per rule (JSON)")))
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber(self.PINS, self.tr("Pins checked")))
        self.addOutput(QgsProcessingOutputString(self.ENGINE, self.tr("Geometry engine used")))
        check = QgsProcessingParameterBoolean(
            self.CHECK_SERVICES, self.tr("Check the working copy's services, steps and documents "
                                         "too"), defaultValue=True)
        check.setFlags(check.flags() | FLAG_ADVANCED)
        self.addParameter(check)

    # -- input checks -------------------------------------------------------------------------
    def _fail(self, text: str, *args) -> None:
        raise QgsProcessingException(self.tr(text).format(*args))

    def _check_fields(self, fields, what: str, names) -> None:
        missing = [n for n in names if fields.indexFromName(n) < 0]
        if missing:
            self._fail("{} lacks the field(s) {} of the service-point schema: map your columns to "
                       "them (Import, or Refactor fields) and run again.", what, ", ".join(missing))
        for n in names:
            f = fields.at(fields.indexFromName(n))
            if not (f.type() == STRING or f.isNumeric()):
                self._fail("{}: field '{}' is of type {}; it must be text (or a whole number for "
                           "codes). Convert it and run again.", what, n, f.typeName())

    def read_pins(self, parameters, context, feedback):
        """The INPUT pins as a PinTable (checked; GDAL Arrow when possible, else features)."""
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            self._fail("INPUT: the service-point layer cannot be opened.")
        gtype = QgsWkbTypes.geometryType(source.wkbType())
        if gtype != GEOMETRY_POINT:
            self._fail("INPUT must be a point layer of service points, but it has {}. Convert it to "
                       "points (e.g. Centroids) or choose the right layer.",
                       QgsWkbTypes.geometryDisplayString(gtype))
        if source.featureCount() == 0:
            self._fail("INPUT has no features: there is nothing to validate. Choose a layer with "
                       "service points.")
        self._check_fields(source.fields(), "INPUT", NEEDED_FIELDS)
        crs = source.sourceCrs()
        if not crs.isValid():
            self._fail("INPUT has no coordinate reference system: set its CRS (Layer Properties > "
                       "Source) and run again.")
        present = [n for n in pins_mod.PIN_FIELDS if source.fields().indexFromName(n) >= 0]

        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        definition = parameters.get(self.INPUT)
        restricted = isinstance(definition, QgsProcessingFeatureSourceDefinition) and (
            definition.selectedFeaturesOnly or definition.featureLimit != -1)
        with ogr_io.shared_datasets():  # the check that GDAL opens the file is the read's open
            fast = self._ogr_file(layer) if (layer is not None and not restricted
                                              and crs.authid() == WGS84) else None
            if fast is not None:
                feedback.pushInfo(self.tr("Reading {} pins column-wise (GDAL Arrow)").format(
                    source.featureCount()))
                with refused_if_damaged():
                    return pins_mod.read_ogr_arrow(fast[0], fast[1], present=present)
        transform = None
        if crs.authid() != WGS84:
            feedback.pushInfo(self.tr("Reprojecting the pins from {} to EPSG:4326").format(crs.authid()))
            transform = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84),
                                               context.transformContext())
        total = source.featureCount()
        request = QgsFeatureRequest().setSubsetOfAttributes(present, source.fields())

        def progress(fraction):
            feedback.setProgress(20.0 * fraction)
            return not feedback.isCanceled()

        return pins_mod.read_features(source.getFeatures(request), total, present, transform, progress)

    @staticmethod
    def _ogr_file(layer):
        """(path, layer name) of an unmodified, unfiltered OGR layer readable column-wise."""
        if not pins_mod.arrow_available():
            return None
        from .common import ogr_source

        return ogr_source(layer)

    def read_boundaries(self, parameters, context, feedback, pins=None):
        """(BoundaryIndex, code field) from BOUNDARIES / CODE_FIELD (checked).

        ``pins`` (a PinTable): located while the boundaries stream by (the GDAL Arrow path then
        keeps no full-resolution polygon in memory; see docs/validation.md).
        """
        layer = self.parameterAsVectorLayer(parameters, self.BOUNDARIES, context)
        if layer is None or not layer.isValid():
            self._fail("BOUNDARIES: the boundary layer cannot be opened.")
        if QgsWkbTypes.geometryType(layer.wkbType()) != GEOMETRY_POLYGON:
            self._fail("BOUNDARIES must be a polygon layer of tambons, but {} has {}.", layer.name(),
                       QgsWkbTypes.geometryDisplayString(QgsWkbTypes.geometryType(layer.wkbType())))
        if layer.featureCount() == 0:
            self._fail("BOUNDARIES ({}) has no features: choose a tambon boundary layer.", layer.name())
        if not layer.crs().isValid():
            self._fail("BOUNDARIES ({}) has no coordinate reference system: set its CRS and run again.",
                       layer.name())
        field = self.parameterAsString(parameters, self.CODE_FIELD, context)
        samples = bnd.sample_values(layer)
        if field:
            idx = layer.fields().indexFromName(field)
            if idx < 0:
                self._fail("CODE_FIELD: {} has no field '{}'.", layer.name(), field)
            f = layer.fields().at(idx)
            if not (f.type() == STRING or f.type() in (INT, LONG)):
                self._fail("CODE_FIELD: field '{}' is of type {}; tambon codes are text (TH210101) or "
                           "6-digit numbers. Choose another field.", field, f.typeName())
            if bnd.detect_code_field({field: samples.get(field, [])}) is None:
                self._fail("CODE_FIELD: field '{}' of {} does not hold tambon codes (TH + 6 digits, or "
                           "6 digits). Choose the field with the DOPA tambon code.", field, layer.name())
        else:
            field = bnd.detect_code_field(samples)
            if field is None:
                self._fail("BOUNDARIES ({}) has no recognisable tambon code field (ADM3_PCODE such as "
                           "TH210101, or a field of 6-digit DOPA codes). Choose it in CODE_FIELD.",
                           layer.name())
        feedback.pushInfo(self.tr("Tambon code field: {}").format(field))
        engine = bnd.default_engine()
        with ogr_io.shared_datasets():
            fast = self._ogr_file(layer) if layer.crs().authid() == WGS84 else None
            if fast is not None:
                points = None if pins is None else (pins.x, pins.y)
                with refused_if_damaged():
                    return bnd.from_ogr_stream(fast[0], fast[1], field, engine,
                                               points=points), field
        transform = None
        if layer.crs().authid() != WGS84:
            feedback.pushInfo(self.tr("Reprojecting the boundaries from {} to EPSG:4326").format(
                layer.crs().authid()))
            transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(WGS84),
                                               context.transformContext())
        request = QgsFeatureRequest().setSubsetOfAttributes([field], layer.fields())
        return bnd.from_features(layer.getFeatures(request), field, transform, engine, layer.source(),
                                 progress=lambda k: not feedback.isCanceled()), field

    def read_sync_state(self, parameters, context):
        """A working copy's base (which pins the registry has) and the pins said to be different
        service points: (None, []) when INPUT is no working copy."""
        from ..registry.sync_store import read_sync_state

        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None or layer.providerType() != "ogr":
            return None, []
        path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
        return read_sync_state(path)

    def read_services(self, parameters, context, feedback):
        """The services, steps and documents of INPUT's working copy (None when INPUT is not a
        working copy with services, or CHECK_SERVICES is off)."""
        from ..core.service_tables import has_service_tables, read_pin_ids, read_services

        if not self.parameterAsBool(parameters, self.CHECK_SERVICES, context):
            return None
        value = parameters.get(self.INPUT)
        if isinstance(value, QgsProcessingFeatureSourceDefinition):  # a selection, a limit...
            value = value.source.staticValue()
        layer = value if isinstance(value, QgsVectorLayer) else (
            QgsProcessingUtils.mapLayerFromString(str(value), context) if value else None)
        if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
            return None
        path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
        if not path.lower().endswith(".gpkg") or not has_service_tables(path):
            return None
        data = read_services(path, context.project())
        data.pins = read_pin_ids(path, context.project())
        feedback.pushInfo(self.tr("Services of the working copy: {} services, {} steps, {} "
                                  "documents").format(len(data.services), len(data.steps),
                                                      len(data.documents)))
        return data

    # the names processing/common.py has used (kept for the coordinator algorithms)
    _pins = read_pins
    _boundaries = read_boundaries

    # -- run -------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        phase = _Phases(feedback)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        dup = self.parameterAsDouble(parameters, self.DUPLICATE_DISTANCE, context)
        pins = self.read_pins(parameters, context, feedback)
        phase("pins read")
        if feedback.isCanceled():
            self._fail("Cancelled: no findings were written.")
        feedback.setProgress(20)
        index, field = self.read_boundaries(parameters, context, feedback, pins)
        if feedback.isCanceled():
            self._fail("Cancelled: no findings were written.")
        if index.invalid_code_count:
            feedback.pushWarning(self.tr(
                "{} boundary feature(s) have no valid tambon code in '{}': pins inside them are "
                "reported as 'could not check'.").format(index.invalid_code_count, field))
        feedback.pushInfo(self.tr("{} pins, {} tambon polygons, engine {}").format(
            len(pins), len(index), index.engine_name))
        log_engine(self, feedback, index.engine_name)
        feedback.setProgress(35)
        phase("boundaries read, pins located")

        def progress(fraction, rule_id):
            phase.detail("before " + rule_id)
            feedback.setProgress(35 + 55 * fraction)
            return not feedback.isCanceled()

        published, distinct = self.read_sync_state(parameters, context)
        try:
            findings = validate(pins, index, codes(), Settings(tolerance, dup), progress=progress,
                                published=published, distinct=distinct,
                                services=self.read_services(parameters, context, feedback))
        except Cancelled:
            self._fail("Cancelled: no findings were written.")
        phase("rules")
        # the pins and the polygons' index are done with: their memory (12 MB and 3 MB at 100k
        # pins) goes to the output's writer, which needs about as much (GeoPackage, SQLite)
        pin_count, engine = len(pins), index.engine_name
        del pins, index

        # Everything is known: only now is the output created.
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, findings_fields(),
                                          WKB_POINT, QgsCoordinateReferenceSystem(WGS84))
        if sink is None:
            self._fail("OUTPUT: the findings layer cannot be created.")
        # one feature filled again for each finding (the sink copies it): no object per finding
        feat = QgsFeature(findings_fields())
        no_geometry = QgsGeometry()
        with collector_paused():
            for f in findings:
                feat.setAttributes(finding_values(f))
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(f.x, f.y))
                                 if f.x is not None and f.y is not None else no_geometry)
                if not sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
                    error = sink.lastError() if hasattr(sink, "lastError") else ""
                    self._fail("OUTPUT: writing the findings failed: {}", error)
        # closed here, not whenever qgis_process or the GUI lets go of it: the layer is complete
        # (GeoPackage index built, committed) when the algorithm says its findings are written
        del sink
        feedback.setProgress(100)
        phase("findings written")

        per_rule = counts_per_rule(findings)
        sev = severity_counts(findings)
        for r in RULES:
            if per_rule[r.rule_id]:
                feedback.pushInfo(f"{r.rule_id}: {per_rule[r.rule_id]}  ({r.title_en} / {r.title_th})")
        feedback.pushInfo(self.tr("{} errors, {} warnings").format(sev["error"], sev["warning"]))
        return {self.OUTPUT: dest, self.COUNTS: json.dumps(per_rule), self.ERRORS: sev["error"],
                self.WARNINGS: sev["warning"], self.PINS: pin_count, self.ENGINE: engine}


class _Phases:
    """With CITIZEN_PINS_TRACE=1, one log line per phase: seconds since the start and, where
    the system tells (Linux), resident and peak memory (=rules: also before each rule).  The
    benchmark reads these lines."""

    def __init__(self, feedback):
        import os
        import time

        self.feedback, self.clock = feedback, time.perf_counter
        self.on = bool(os.environ.get("CITIZEN_PINS_TRACE"))
        self.details = os.environ.get("CITIZEN_PINS_TRACE") == "rules"
        self.t0 = self.clock()

    def detail(self, label: str) -> None:
        """A finer phase (each rule), with CITIZEN_PINS_TRACE=rules."""
        if self.details:
            self(label)

    def __call__(self, label: str) -> None:
        if not self.on:
            return
        memory = ""
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                kb = dict(line.split(":", 1) for line in status if line.startswith("Vm"))
            memory = "  rss {} MB  peak {} MB".format(int(kb["VmRSS"].split()[0]) // 1024,
                                                       int(kb["VmHWM"].split()[0]) // 1024)
        except (OSError, KeyError, ValueError):
            pass
        self.feedback.pushInfo("phase {}: {:.2f} s{}".format(label, self.clock() - self.t0, memory))
