"""citizen_pins:completeness — how far the pinning campaign has come: which expected service points
have no pin yet, per tambon, amphoe and province, as tables and as polygon layers for a choropleth.

A pin counts for an expected item by its declared code, confirmed by its location (see
core/completeness.py for why both).
"""
from __future__ import annotations

import json

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFields,
                       QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ..core import completeness as cm
from ..core import schema
from ..core.context import DEFAULT_TOLERANCE_M
from ..core.dopa import codes
from ..core.qgis_compat import (DOUBLE, INT, SOURCE_POLYGON, SOURCE_VECTOR, STRING,
                                WKB_MULTIPOLYGON, WKB_NO_GEOMETRY, make_field)
from . import common
from .base import CitizenPinsAlgorithm
from .validate import ANY_GEOMETRY, FIELD_ANY, NUMBER_DOUBLE, add_boundary_parameters

TABLE, POLYGON, MULTIPOLYGON = SOURCE_VECTOR, SOURCE_POLYGON, WKB_MULTIPOLYGON

MODE_TAMBON, MODE_LIST = 0, 1
#: Field names of an expected list that are recognised without being chosen (lower case).
ID_NAMES = ("org_id", "id", "organisation_id", "organization_id", "code_org", "hoscode", "pin_id")
NAME_NAMES = ("name_th", "name", "org_name", "organisation", "organization", "hosname")
CODE_NAMES = ("dopa_code", "code", "tambon_code", "amphoe_code", "province_code", "geocode",
              "tmcode", "amcode", "provcode")
TYPE_NAMES = ("point_type", "type")


def unit_fields(level: bool = False) -> QgsFields:
    out = QgsFields()
    spec = [("level", STRING, 8)] if level else []
    spec += [("code", STRING, 6), ("name_th", STRING, 128), ("name_en", STRING, 128),
             ("province_code", STRING, 2), ("expected", INT, 0), ("complete", INT, 0),
             ("disputed", INT, 0), ("unchecked", INT, 0), ("missing", INT, 0), ("pinned", INT, 0),
             ("pct_complete", DOUBLE, 0), ("pct_pinned", DOUBLE, 0), ("in_layer", INT, 0)]
    for name, kind, length in spec:
        out.append(make_field(name, kind, length))
    return out


def unit_values(s: cm.UnitSummary):
    return [s.code, s.name_th, s.name_en, s.code[:2], s.expected, s.complete, s.disputed,
            s.unchecked, s.missing, s.pinned, s.pct_complete, s.pct_pinned, int(s.in_layer)]


def item_fields() -> QgsFields:
    out = QgsFields()
    for name, kind, length in (
            ("item_id", STRING, 64), ("name", STRING, 254), ("code", STRING, 6), ("level", STRING, 8),
            ("point_type", STRING, 32), ("status", STRING, 10), ("status_th", STRING, 64),
            ("status_en", STRING, 64), ("province_code", STRING, 2), ("province_th", STRING, 64),
            ("amphoe_code", STRING, 4), ("amphoe_th", STRING, 64), ("pins", INT, 0),
            ("pin_ids", STRING, 0), ("best_pin", STRING, 64), ("located", STRING, 6),
            ("distance_m", DOUBLE, 0), ("pins_here", STRING, 0)):
        out.append(make_field(name, kind, length))
    return out


def item_values(r: cm.ItemResult):
    d = codes()
    e = r.item
    amphoe = e.code[:4] if len(e.code) >= 4 else ""
    return [e.item_id, e.name, e.code, e.level, e.point_type, r.status, cm.STATUS_TH[r.status],
            cm.STATUS_EN[r.status], e.code[:2], d.name(e.code[:2], "th"), amphoe,
            d.name(amphoe, "th") if amphoe else "", len(r.pin_ids), " ".join(r.pin_ids),
            r.best_pin, r.located, None if r.distance_m is None else round(r.distance_m, 1),
            " ".join(r.pins_here)]


def _pick(fields, chosen: str, candidates) -> str:
    if chosen:
        return chosen
    lower = {f.name().lower(): f.name() for f in fields}
    for c in candidates:
        if c in lower:
            return lower[c]
    return ""


class CompletenessAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "completeness"
    GROUP_ID = "reports"

    INPUT = "INPUT"
    BOUNDARIES = "BOUNDARIES"
    CODE_FIELD = "CODE_FIELD"
    MODE = "MODE"
    POINT_TYPE = "POINT_TYPE"
    EXPECTED = "EXPECTED"
    EXPECTED_ID_FIELD = "EXPECTED_ID_FIELD"
    EXPECTED_NAME_FIELD = "EXPECTED_NAME_FIELD"
    EXPECTED_CODE_FIELD = "EXPECTED_CODE_FIELD"
    EXPECTED_TYPE_FIELD = "EXPECTED_TYPE_FIELD"
    PROVINCES = "PROVINCES"
    TOLERANCE = "TOLERANCE"
    ITEMS = "ITEMS"
    SUMMARY = "SUMMARY"
    TAMBONS = "TAMBONS"
    AMPHOES = "AMPHOES"
    PROVINCE_POLYGONS = "PROVINCE_POLYGONS"
    EXPECTED_COUNT = "EXPECTED_COUNT"
    COMPLETE = "COMPLETE"
    MISSING = "MISSING"
    PCT_COMPLETE = "PCT_COMPLETE"
    TOTALS = "TOTALS"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Campaign completeness")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Which expected service points have no pin yet. Expected: either one pin of a point "
            "type in every tambon (e.g. every tambon's local government office), or a list of "
            "organisations (a table with an id, a name, the DOPA code of the unit each serves and "
            "its point type). A pin counts by its declared code, confirmed by its location: "
            "'complete' when it also lies in that unit (or within the tolerance), 'disputed' when it "
            "lies elsewhere, 'unchecked' when the boundary layer lacks the unit. Writes the list of "
            "expected items with their status, a table per amphoe and province, and tambon, amphoe "
            "and province polygons with counts and % complete, ready for a choropleth.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points"), [ANY_GEOMETRY]))
        add_boundary_parameters(self)
        self.add_completeness_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.ITEMS, self.tr("Expected items and their status"), TABLE))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Completeness per amphoe and province"), TABLE))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.TAMBONS, self.tr("Tambons with completeness"), POLYGON, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.AMPHOES, self.tr("Amphoes with completeness"), POLYGON, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.PROVINCE_POLYGONS, self.tr("Provinces with completeness"), POLYGON, optional=True))
        for name, label in ((self.EXPECTED_COUNT, self.tr("Expected items")),
                            (self.COMPLETE, self.tr("Complete")),
                            (self.MISSING, self.tr("Without any pin")),
                            (self.PCT_COMPLETE, self.tr("% complete"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputString(self.TOTALS, self.tr("Totals per status (JSON)")))

    # shared with citizen_pins:report ------------------------------------------------------------
    @classmethod
    def add_completeness_parameters(cls, alg, with_provinces: bool = True) -> None:
        alg.addParameter(QgsProcessingParameterEnum(
            cls.MODE, alg.tr("What is expected"),
            [alg.tr("One pin of the point type in every tambon"),
             alg.tr("The organisations of the expected list")], defaultValue=MODE_TAMBON))
        alg.addParameter(QgsProcessingParameterEnum(
            cls.POINT_TYPE, alg.tr("Point type expected in every tambon"),
            list(schema.POINT_TYPE_KEYS), defaultValue=0))
        alg.addParameter(QgsProcessingParameterFeatureSource(
            cls.EXPECTED, alg.tr("Expected organisations (table: id, name, DOPA code, point type)"),
            [TABLE], optional=True))
        for name, label in ((cls.EXPECTED_ID_FIELD, alg.tr("Organisation id field")),
                            (cls.EXPECTED_NAME_FIELD, alg.tr("Organisation name field")),
                            (cls.EXPECTED_CODE_FIELD, alg.tr("DOPA code field")),
                            (cls.EXPECTED_TYPE_FIELD, alg.tr("Point type field"))):
            alg.addParameter(QgsProcessingParameterField(
                name, label, parentLayerParameterName=cls.EXPECTED, type=FIELD_ANY, optional=True))
        if with_provinces:
            alg.addParameter(QgsProcessingParameterString(
                cls.PROVINCES, alg.tr("Provinces (DOPA codes, comma-separated; empty: all the boundary "
                                      "layer covers)"), optional=True))
        alg.addParameter(QgsProcessingParameterNumber(
            cls.TOLERANCE, alg.tr("Tolerance (metres)"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_TOLERANCE_M, minValue=0.0))

    @classmethod
    def expected_items(cls, alg, parameters, context, provinces):
        """The expected items from MODE / POINT_TYPE / EXPECTED, and the mode's name."""
        mode = alg.parameterAsEnum(parameters, cls.MODE, context)
        if mode == MODE_TAMBON:
            ptype = schema.POINT_TYPE_KEYS[alg.parameterAsEnum(parameters, cls.POINT_TYPE, context)]
            return cm.expected_per_tambon(provinces, ptype), "tambon:" + ptype
        source = alg.parameterAsSource(parameters, cls.EXPECTED, context)
        if source is None:
            raise QgsProcessingException(alg.tr(
                "EXPECTED: 'What is expected' is the list of organisations, but no list was given. "
                "Give a table with an id, a name, a DOPA code and a point type per organisation."))
        fields = source.fields()
        names = {}
        for key, cands, required in ((cls.EXPECTED_ID_FIELD, ID_NAMES, False),
                                     (cls.EXPECTED_NAME_FIELD, NAME_NAMES, False),
                                     (cls.EXPECTED_CODE_FIELD, CODE_NAMES, True),
                                     (cls.EXPECTED_TYPE_FIELD, TYPE_NAMES, False)):
            name = _pick(fields, alg.parameterAsString(parameters, key, context), cands)
            if name and fields.indexFromName(name) < 0:
                raise QgsProcessingException(alg.tr("{}: the expected list has no field '{}'.").format(
                    key, name))
            if required and not name:
                raise QgsProcessingException(alg.tr(
                    "EXPECTED: no DOPA code field found (looked for {}). Choose it in "
                    "EXPECTED_CODE_FIELD.").format(", ".join(CODE_NAMES)))
            names[key] = name
        ptype_default = schema.POINT_TYPE_KEYS[alg.parameterAsEnum(parameters, cls.POINT_TYPE,
                                                                   context)]
        rows = []
        for f in source.getFeatures():
            def val(key):
                n = names[key]
                if not n:
                    return None
                v = f.attribute(n)
                return None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
            rows.append((val(cls.EXPECTED_ID_FIELD), val(cls.EXPECTED_NAME_FIELD),
                         val(cls.EXPECTED_CODE_FIELD), val(cls.EXPECTED_TYPE_FIELD)))
        try:
            items = cm.expected_from_rows(rows, schema.POINT_TYPE_KEYS,
                                          default_point_type=ptype_default)
        except cm.ExpectedListError as e:
            raise QgsProcessingException(alg.tr("EXPECTED: {}. Correct the list and run again.").format(e))
        return items, "list"

    @classmethod
    def compute(cls, alg, parameters, context, feedback, pins=None, index=None, field=None,
                provinces=None):
        """Read the inputs (unless given) and compute; returns (result, index, field)."""
        helper = common.validation_helper()
        if pins is None:
            pins = common.read_pins(helper, parameters.get(cls.INPUT), context, feedback)
        if index is None:
            index, field = common.read_boundaries(helper, parameters, context, feedback)
        if provinces is None:
            provinces = common.parse_provinces(alg, alg.parameterAsString(parameters, cls.PROVINCES,
                                                                          context))
        covered = cm.provinces_in(index)
        if provinces is None:
            provinces = covered
        elif not set(provinces) & set(covered):
            raise QgsProcessingException(alg.tr(
                "PROVINCES: the boundary layer covers none of {}. Choose a boundary layer that "
                "covers them.").format(", ".join(provinces)))
        items, mode = cls.expected_items(alg, parameters, context, provinces)
        tol = alg.parameterAsDouble(parameters, cls.TOLERANCE, context)
        result = cm.compute(pins, items, index, provinces, tolerance_m=tol, mode=mode)
        return result, index, field

    # run ---------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        result, index, field = self.compute(self, parameters, context, feedback)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
        feedback.setProgress(50)
        layer = self.parameterAsVectorLayer(parameters, self.BOUNDARIES, context)
        want_polygons = any(parameters.get(k) not in (None, "") for k in
                            (self.TAMBONS, self.AMPHOES, self.PROVINCE_POLYGONS))
        polygons = common.boundary_polygons(layer, field, result.provinces, context, feedback) \
            if want_polygons else []
        levels = {}
        if parameters.get(self.TAMBONS) not in (None, ""):
            levels["tambon"] = [(c, g) for c, _, g in polygons if c]
        if parameters.get(self.AMPHOES) not in (None, ""):
            feedback.pushInfo(self.tr("Merging tambons into amphoes"))
            levels["amphoe"] = common.dissolve(polygons, 4, feedback)
        feedback.setProgress(70)
        if parameters.get(self.PROVINCE_POLYGONS) not in (None, ""):
            feedback.pushInfo(self.tr("Merging tambons into provinces"))
            levels["province"] = common.dissolve(polygons, 2, feedback)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
        feedback.setProgress(85)

        out = {}
        ifields = item_fields()
        sink, out[self.ITEMS] = self.parameterAsSink(parameters, self.ITEMS, context, ifields,
                                                     WKB_NO_GEOMETRY, QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.tr("ITEMS: the table cannot be created."))
        common.write_all(self, sink, (self._feature(ifields, item_values(r))
                                      for r in result.items), "ITEMS")
        sfields = unit_fields(level=True)
        ssink, out[self.SUMMARY] = self.parameterAsSink(parameters, self.SUMMARY, context, sfields,
                                                        WKB_NO_GEOMETRY,
                                                        QgsCoordinateReferenceSystem())
        if ssink is None:
            raise QgsProcessingException(self.tr("SUMMARY: the table cannot be created."))
        rows = [["province"] + unit_values(s) for s in result.units["province"].values()]
        rows += [["amphoe"] + unit_values(s) for s in result.units["amphoe"].values()]
        common.write_all(self, ssink, (self._feature(sfields, r) for r in rows), "SUMMARY")
        ufields = unit_fields()
        for key, level in ((self.TAMBONS, "tambon"), (self.AMPHOES, "amphoe"),
                           (self.PROVINCE_POLYGONS, "province")):
            if level not in levels:
                continue
            psink, out[key] = self.parameterAsSink(parameters, key, context, ufields, MULTIPOLYGON,
                                                   QgsCoordinateReferenceSystem("EPSG:4326"))
            if psink is None:
                raise QgsProcessingException(self.tr("{}: the layer cannot be created.").format(key))
            common.write_all(self, psink, self.polygon_features(ufields, result, level,
                                                                levels[level]), key)
        t = result.total()
        feedback.pushInfo(self.tr("{} expected, {} complete ({} %), {} disputed, {} unchecked, "
                                  "{} without any pin").format(t.expected, t.complete,
                                                               t.pct_complete, t.disputed,
                                                               t.unchecked, t.missing))
        feedback.setProgress(100)
        out.update({self.EXPECTED_COUNT: t.expected, self.COMPLETE: t.complete,
                    self.MISSING: t.missing, self.PCT_COMPLETE: t.pct_complete,
                    self.TOTALS: json.dumps({s: getattr(t, s) for s in cm.STATUSES})})
        return out

    @staticmethod
    def _feature(fields, values):
        f = QgsFeature(fields)
        f.setAttributes(values)
        return f

    @staticmethod
    def polygon_features(fields, result, level, geoms):
        """One feature per polygon with its unit's counts (a code DOPA no longer has: no counts)."""
        from qgis.core import QgsGeometry

        units = result.units[level]
        d = codes()
        for code, g in geoms:
            s = units.get(code)
            if s is None:
                s = cm.UnitSummary(code, level, d.name(code, "th"), d.name(code, "en"))
            f = QgsFeature(fields)
            f.setAttributes(unit_values(s))
            geom = QgsGeometry(g)
            if not geom.isMultipart():
                geom.convertToMultiType()
            f.setGeometry(geom)
            yield f
