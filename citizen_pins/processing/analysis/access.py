"""citizen_pins:access — how far every place is from its nearest service point, and where people
are underserved: straight line (exact geodesic distance, no extra data) or along a road network
(distance or travel time, all places in one multi-source pass).  The analysis is core/access.py
(with core/geodesy.py and core/network.py); this module reads the layers and writes the results.

Outputs: OUTPUT (the point each place was measured from, with its distance or time, nearest pin,
underserved flag, class and status), SUMMARY (per province and amphoe: shares of places and people
within the threshold, median, farthest place), optionally POLYGONS (the place polygons with the
same fields).  Layers are styled by distance class; a GeoPackage output keeps the style as its
default, so it opens styled anywhere.
"""
from __future__ import annotations

import json
import os
import time
from typing import List, Optional, Tuple

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature,
                       QgsFeatureRequest, QgsFields, QgsGeometry, QgsPointXY,
                       QgsProcessingException, QgsProcessingFeatureSourceDefinition,
                       QgsProcessingLayerPostProcessorInterface, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsVectorLayer, QgsWkbTypes)

from ...core import access as ac
from ...core import boundaries as bnd
from ...core import network as nw
from ...core import pins as pins_mod
from ...core import schema
from ...core.dopa import codes, normalize_code
from ...core.geodesy import NUMPY, SCIPY, scipy_available
from ...core.qgis_compat import (DOUBLE, FIELD_ANY, FIELD_NUMERIC, GEOMETRY_LINE, GEOMETRY_POINT,
                                 GEOMETRY_POLYGON, INT, LONG, NUMBER_DOUBLE, SOURCE_LINE, STRING,
                                 WKB_NO_GEOMETRY, WKB_POINT, make_field, save_style_to_database)
from .. import common
from ..base import CitizenPinsAlgorithm, refused_if_damaged
from ..completeness import MULTIPOLYGON, POLYGON, TABLE
from ..validate import ANY_GEOMETRY, FLAG_ADVANCED, POINT, _Phases
from .access_style import style_access

LINE = SOURCE_LINE
WGS84 = "EPSG:4326"
STRAIGHT_LINE, ROAD_NETWORK = 0, 1
SHORTEST, FASTEST = 0, 1
PLACE_POINTS = (ac.CENTROID, ac.POINT_ON_SURFACE, ac.WEIGHTED)
#: Field names recognised without being chosen (lower case, in order of preference).
PIN_ID_NAMES = ("pin_id", "id", "hoscode", "code")
PIN_NAME_NAMES = ("name_th", "name", "hosname", "name_en")
PLACE_NAME_NAMES = ("adm3_th", "name_th", "tambon_th", "name", "adm3_en", "name_en", "village")
#: Direction values recognised by default: OpenStreetMap's ``oneway`` (yes / -1 / no), Esri's
#: FT / TF, and plain words.
FORWARD_VALUES = "yes,true,1,forward,ft"
BACKWARD_VALUES = "-1,reverse,backward,tf"
BOTH_VALUES = "no,false,0,both"
DEFAULT_SPEED_KMH = 50.0


def _pick(fields, chosen: str, names) -> str:
    if chosen:
        return chosen
    lower = {f.name().lower(): f.name() for f in fields}
    for n in names:
        if n in lower:
            return lower[n]
    return ""


def _values(text: str) -> set:
    return {v.strip().lower() for v in (text or "").split(",") if v.strip()}


def output_fields() -> QgsFields:
    out = QgsFields()
    for name, kind in (("place_id", STRING), ("place_name", STRING), ("tambon_code", STRING),
                       ("amphoe_code", STRING), ("province_code", STRING),
                       ("amphoe_th", STRING), ("province_th", STRING), ("population", DOUBLE),
                       ("place_point", STRING), ("mode", STRING), ("distance_m", DOUBLE),
                       ("time_min", DOUBLE), ("network_m", DOUBLE), ("place_snap_m", DOUBLE),
                       ("pin_snap_m", DOUBLE), ("nearest_pin_id", STRING),
                       ("nearest_pin_name", STRING), ("underserved", INT), ("access_class", INT),
                       ("status", STRING), ("status_th", STRING), ("status_en", STRING),
                       ("island_segments", LONG), ("island_km", DOUBLE), ("road_fid", LONG)):
        out.append(make_field(name, kind))
    return out


def summary_fields() -> QgsFields:
    out = QgsFields()
    for name, kind in (("level", STRING), ("code", STRING), ("name_th", STRING),
                       ("name_en", STRING), ("province_code", STRING), ("places", INT),
                       ("measured", INT), ("within", INT), ("unreachable", INT),
                       ("pct_within", DOUBLE), ("population", DOUBLE),
                       ("population_within", DOUBLE), ("pct_population_within", DOUBLE),
                       ("median_m", DOUBLE), ("max_m", DOUBLE), ("median_min", DOUBLE),
                       ("max_min", DOUBLE), ("farthest_id", STRING), ("farthest_name", STRING),
                       ("farthest_code", STRING)):
        out.append(make_field(name, kind))
    return out


def _num(v) -> Optional[float]:
    return None if v is None or not np.isfinite(v) else round(float(v), 1)


def place_values(result: ac.AccessResult, places: ac.Places, pins: ac.Pins) -> List[list]:
    """One attribute row per place (the fields of :func:`output_fields`)."""
    d = codes()
    under, klass = result.underserved, result.access_class
    rows = []
    for i in range(len(places)):
        c = places.codes[i] or ""
        p = int(result.pin[i])
        s = result.status[i]
        pop = None if places.population is None else _num(places.population[i])
        rows.append([
            places.ids[i], places.names[i], c if len(c) == 6 else "", c[:4] if len(c) >= 4 else "",
            c[:2], d.name(c[:4], "th") if len(c) >= 4 else "", d.name(c[:2], "th") if c else "",
            pop, places.how[i] if places.how else "", result.mode, _num(result.distance_m[i]),
            None if not np.isfinite(result.time_min[i]) else round(float(result.time_min[i]), 2),
            _num(result.network_m[i]), _num(result.place_snap_m[i]), _num(result.pin_snap_m[i]),
            pins.ids[p] if p >= 0 else None, pins.names[p] if p >= 0 else None,
            None if under[i] < 0 else int(under[i]), None if klass[i] == 0 else int(klass[i]),
            s, ac.STATUS_TH[s], ac.STATUS_EN[s],
            int(result.island_segments[i]) if result.island_segments[i] else None,
            round(float(result.island_km[i]), 3) if result.island_segments[i] else None,
            int(result.road_feature[i]) if result.road_feature[i] >= 0 else None])
    return rows


def summary_values(result: ac.AccessResult, places: ac.Places, units) -> List[list]:
    time_mode = result.mode == ac.NETWORK_TIME
    rows = []
    for (level, code), u in units.items():
        far = u.farthest_place
        rows.append([level, code, u.name_th, u.name_en, code[:2], u.places, u.measured, u.within,
                     u.unreachable, u.pct_within, _num(u.population), _num(u.population_within),
                     u.pct_population_within,
                     None if time_mode else _num(u.median), None if time_mode else _num(u.farthest),
                     _num(u.median) if time_mode else None, _num(u.farthest) if time_mode else None,
                     places.ids[far] if far >= 0 else None, places.names[far] if far >= 0 else None,
                     places.codes[far] if far >= 0 else None])
    return rows


class _Styler(QgsProcessingLayerPostProcessorInterface):
    """Styles an output when QGIS loads it (the toolbox, the batch runner)."""

    def __init__(self, threshold: float, unit: str):
        super().__init__()
        self.threshold, self.unit = threshold, unit

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer):
            style_access(layer, self.threshold, self.unit)
            layer.triggerRepaint()


class AccessAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "access"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    POINT_TYPE = "POINT_TYPE"
    PIN_ID_FIELD = "PIN_ID_FIELD"
    PIN_NAME_FIELD = "PIN_NAME_FIELD"
    PLACES = "PLACES"
    PLACE_POINT = "PLACE_POINT"
    WEIGHTS = "WEIGHTS"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    PLACE_ID_FIELD = "PLACE_ID_FIELD"
    PLACE_NAME_FIELD = "PLACE_NAME_FIELD"
    PLACE_CODE_FIELD = "PLACE_CODE_FIELD"
    POPULATION_FIELD = "POPULATION_FIELD"
    MODE = "MODE"
    NETWORK = "NETWORK"
    STRATEGY = "STRATEGY"
    SPEED_FIELD = "SPEED_FIELD"
    DEFAULT_SPEED = "DEFAULT_SPEED"
    DIRECTION_FIELD = "DIRECTION_FIELD"
    VALUE_FORWARD = "VALUE_FORWARD"
    VALUE_BACKWARD = "VALUE_BACKWARD"
    VALUE_BOTH = "VALUE_BOTH"
    DEFAULT_DIRECTION = "DEFAULT_DIRECTION"
    TOLERANCE = "TOLERANCE"
    MAX_DISTANCE = "MAX_DISTANCE"
    MAX_TIME = "MAX_TIME"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    POLYGONS = "POLYGONS"
    PLACES_COUNT = "PLACES_COUNT"
    WITHIN = "WITHIN"
    UNDERSERVED = "UNDERSERVED"
    UNREACHABLE = "UNREACHABLE"
    PCT_WITHIN = "PCT_WITHIN"
    PCT_POPULATION_WITHIN = "PCT_POPULATION_WITHIN"
    MEDIAN = "MEDIAN"
    FARTHEST = "FARTHEST"
    ENGINE = "ENGINE"
    DETAILS = "DETAILS"

    def __init__(self):
        super().__init__()
        self._stylers = []  # kept alive until QGIS has loaded the outputs

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Access to the nearest service point")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "How far every place is from its nearest service point, and where people are "
            "underserved. Places: tambon polygons (measured from their centroid, or a point on the "
            "surface when the centroid falls outside, or the population-weighted centroid of "
            "WEIGHTS points), or any point layer (villages, a population grid), with an optional "
            "population field. Straight line (default): the exact geodesic distance on the WGS 84 "
            "ellipsoid. Road network: any line layer, with optional speed (km/h; a road without "
            "one takes DEFAULT_SPEED) and direction fields; the graph is built once and all places "
            "are measured in one multi-source shortest-path pass; places and pins are snapped to "
            "the nearest road and the snapping distances are reported. A place that cannot reach "
            "any service point (an island of the network, one-way roads) is said so, never given "
            "a distance. Writes the point each place was measured from with its distance (or "
            "time), nearest pin and an underserved flag beyond MAX_DISTANCE km (MAX_TIME "
            "minutes), and a summary per province and amphoe: shares of places and people within "
            "the threshold, and the farthest place.")

    def initAlgorithm(self, config=None):  # noqa: N802
        def advanced(p):
            p.setFlags(p.flags() | FLAG_ADVANCED)
            self.addParameter(p)

        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points"), [ANY_GEOMETRY]))
        self.addParameter(QgsProcessingParameterEnum(
            self.POINT_TYPE, self.tr("Point types to count (none chosen: every pin)"),
            list(schema.POINT_TYPE_KEYS), allowMultiple=True, optional=True))
        for name, label in ((self.PIN_ID_FIELD, self.tr("Pin id field (pin_id if empty)")),
                            (self.PIN_NAME_FIELD, self.tr("Pin name field (name_th if empty)"))):
            advanced(QgsProcessingParameterField(name, label, parentLayerParameterName=self.INPUT,
                                                 type=FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PLACES, self.tr("Places (tambon polygons, villages, population grid)"),
            [ANY_GEOMETRY]))
        self.addParameter(QgsProcessingParameterEnum(
            self.PLACE_POINT, self.tr("Where a polygon is measured from"),
            [self.tr("Centroid (a point on the surface when it falls outside)"),
             self.tr("Point on the surface"),
             self.tr("Population-weighted centroid of the WEIGHTS points")], defaultValue=0))
        advanced(QgsProcessingParameterFeatureSource(
            self.WEIGHTS, self.tr("Weight points for the weighted centroid (villages, population "
                                  "grid)"), [POINT], optional=True))
        advanced(QgsProcessingParameterField(
            self.WEIGHT_FIELD, self.tr("Weight field (population)"),
            parentLayerParameterName=self.WEIGHTS, type=FIELD_NUMERIC, optional=True))
        for name, label, kind in (
                (self.PLACE_ID_FIELD, self.tr("Place id field (the code field if empty)"), FIELD_ANY),
                (self.PLACE_NAME_FIELD, self.tr("Place name field (detected if empty)"), FIELD_ANY),
                (self.PLACE_CODE_FIELD, self.tr("Tambon code field of the places (detected if "
                                                "empty)"), FIELD_ANY)):
            advanced(QgsProcessingParameterField(name, label, parentLayerParameterName=self.PLACES,
                                                 type=kind, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field of the places"),
            parentLayerParameterName=self.PLACES, type=FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Distance measured"),
            [self.tr("Straight line (geodesic)"), self.tr("Along the road network")],
            defaultValue=STRAIGHT_LINE))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.NETWORK, self.tr("Road network (lines)"), [LINE], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.STRATEGY, self.tr("On the network: shortest or fastest"),
            [self.tr("Shortest (distance)"), self.tr("Fastest (travel time)")],
            defaultValue=SHORTEST))
        self.addParameter(QgsProcessingParameterField(
            self.SPEED_FIELD, self.tr("Speed field (km/h)"), parentLayerParameterName=self.NETWORK,
            type=FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.DEFAULT_SPEED, self.tr("Speed of a road without one, and of the walk to the road "
                                        "(km/h)"), NUMBER_DOUBLE, defaultValue=DEFAULT_SPEED_KMH,
            minValue=0.1))
        self.addParameter(QgsProcessingParameterField(
            self.DIRECTION_FIELD, self.tr("Direction field (one-way roads)"),
            parentLayerParameterName=self.NETWORK, type=FIELD_ANY, optional=True))
        for name, label, default in (
                (self.VALUE_FORWARD, self.tr("Values for one way, along the line"), FORWARD_VALUES),
                (self.VALUE_BACKWARD, self.tr("Values for one way, against the line"),
                 BACKWARD_VALUES),
                (self.VALUE_BOTH, self.tr("Values for both ways"), BOTH_VALUES)):
            advanced(QgsProcessingParameterString(name, label, defaultValue=default,
                                                  optional=True))
        advanced(QgsProcessingParameterEnum(
            self.DEFAULT_DIRECTION, self.tr("Direction of a road with another or no value"),
            [self.tr("Both ways"), self.tr("One way, along the line"),
             self.tr("One way, against the line")], defaultValue=0))
        advanced(QgsProcessingParameterNumber(
            self.TOLERANCE, self.tr("Join line ends closer than (metres; 0: only the same "
                                    "coordinates)"), NUMBER_DOUBLE, defaultValue=0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_DISTANCE, self.tr("Underserved beyond (km)"), NUMBER_DOUBLE, defaultValue=10.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_TIME, self.tr("Underserved beyond, fastest on the network (minutes)"),
            NUMBER_DOUBLE, defaultValue=30.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Access per place (points)"), POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Access per province and amphoe"), TABLE, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.POLYGONS, self.tr("Access per place (the place polygons)"), POLYGON,
            optional=True, createByDefault=False))
        for name, label in ((self.PLACES_COUNT, self.tr("Places")),
                            (self.WITHIN, self.tr("Places within the threshold")),
                            (self.UNDERSERVED, self.tr("Underserved places")),
                            (self.UNREACHABLE, self.tr("Places that cannot reach any pin")),
                            (self.PCT_WITHIN, self.tr("% of places within the threshold")),
                            (self.PCT_POPULATION_WITHIN,
                             self.tr("% of the population within the threshold")),
                            (self.MEDIAN, self.tr("Median distance (m) or time (min)")),
                            (self.FARTHEST, self.tr("Farthest distance (m) or time (min)"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputString(self.ENGINE, self.tr("Geometry engine and index")))
        self.addOutput(QgsProcessingOutputString(self.DETAILS, self.tr("Details of the run (JSON)")))

    # -- reading -----------------------------------------------------------------------------------
    def _fail(self, text: str) -> None:
        raise QgsProcessingException(text)

    def _source(self, parameters, name, context, what):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            self._fail(self.tr("{}: the layer cannot be opened.").format(what))
        if not source.sourceCrs().isValid():
            self._fail(self.tr("{} has no coordinate reference system: set its CRS (Layer "
                               "Properties > Source) and run again.").format(what))
        return source

    def _fast_path(self, parameters, name, context, source):
        """(path, layer name) when the layer is an unfiltered OGR file read whole, else None."""
        definition = parameters.get(name)
        if isinstance(definition, QgsProcessingFeatureSourceDefinition) and (
                definition.selectedFeaturesOnly or definition.featureLimit != -1):
            return None
        return common.ogr_source(self.parameterAsVectorLayer(parameters, name, context))

    def _transform(self, source, context):
        if source.sourceCrs().authid() == WGS84:
            return None
        return QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem(WGS84),
                                      context.transformContext())

    def read_pins(self, parameters, context, feedback) -> ac.Pins:
        source = self._source(parameters, self.INPUT, context, "INPUT")
        gtype = QgsWkbTypes.geometryType(source.wkbType())
        if gtype != GEOMETRY_POINT:
            self._fail(self.tr(
                "INPUT must be a point layer of service points, but it has {}. Choose the pins' "
                "layer (the places go in PLACES).").format(QgsWkbTypes.geometryDisplayString(gtype)))
        if source.featureCount() == 0:
            self._fail(self.tr("INPUT has no features: there is no service point to measure to."))
        fields = source.fields()
        # nothing chosen: every pin (QGIS 3.22 answers [0] for an optional multiple enum left out)
        chosen = parameters.get(self.POINT_TYPE)
        types = [] if chosen is None or chosen in ("", []) else [
            schema.POINT_TYPE_KEYS[i]
            for i in self.parameterAsEnums(parameters, self.POINT_TYPE, context)]
        if types and fields.indexFromName("point_type") < 0:
            self._fail(self.tr(
                "INPUT has no field point_type, so its pins cannot be chosen by type: leave "
                "POINT_TYPE empty (every pin counts) or use a layer in the service-point schema."))
        id_f = _pick(fields, self.parameterAsString(parameters, self.PIN_ID_FIELD, context),
                     PIN_ID_NAMES)
        name_f = _pick(fields, self.parameterAsString(parameters, self.PIN_NAME_FIELD, context),
                       PIN_NAME_NAMES)
        wanted = [f for f in dict.fromkeys((id_f, name_f, "point_type" if types else "")) if f]
        fast = self._fast_path(parameters, self.INPUT, context, source) \
            if source.sourceCrs().authid() == WGS84 else None
        table = None
        if fast is not None:
            try:
                with refused_if_damaged():
                    table = pins_mod.read_ogr_arrow(fast[0], fast[1], wanted)
            except (ImportError, AttributeError):  # no shapely for odd points, or GDAL < 3.6
                table = None
        if table is None:
            request = QgsFeatureRequest().setSubsetOfAttributes(wanted, fields)
            table = pins_mod.read_features(source.getFeatures(request), source.featureCount(),
                                           wanted, self._transform(source, context))
        usable = np.isfinite(table.x) & np.isfinite(table.y)
        if types:
            pt = table.column("point_type")
            of_type = np.fromiter(((v or "").strip() in types for v in pt), dtype=bool,
                                  count=len(table))
            if not of_type.any():
                self._fail(self.tr(
                    "INPUT has no pin of the type {} ({} pins of other types): choose another "
                    "POINT_TYPE, or leave it empty to count every pin.").format(
                        ", ".join(types), len(table)))
            usable &= of_type
        if not usable.any():
            self._fail(self.tr("INPUT has no pin with a usable location (every geometry is empty "
                               "or cannot be converted to WGS 84)."))
        keep = np.nonzero(usable)[0]
        fid = table.feature_id
        ids = table.column(id_f) if id_f else [str(v) for v in fid.tolist()]
        names = table.column(name_f) if name_f else [None] * len(table)
        feedback.pushInfo(self.tr("{} service points{}").format(
            len(keep), " ({})".format(", ".join(types)) if types else ""))
        return ac.Pins(table.x[keep], table.y[keep],
                       [str(ids[i]) if ids[i] is not None else str(fid[i]) for i in keep.tolist()],
                       [names[i] or "" for i in keep.tolist()])

    def read_places(self, parameters, context, feedback, want_polygons: bool):
        """(Places, polygons as QgsGeometry in EPSG:4326 or None, the engine's name)."""
        source = self._source(parameters, self.PLACES, context, "PLACES")
        gtype = QgsWkbTypes.geometryType(source.wkbType())
        if gtype not in (GEOMETRY_POLYGON, GEOMETRY_POINT):
            self._fail(self.tr(
                "PLACES must be polygons (tambons) or points (villages, a population grid), but "
                "it has {}.").format(QgsWkbTypes.geometryDisplayString(gtype)))
        if source.featureCount() == 0:
            self._fail(self.tr("PLACES has no features: there is no place to measure from."))
        fields = source.fields()
        code_f = self.parameterAsString(parameters, self.PLACE_CODE_FIELD, context) or \
            (bnd.detect_code_field(bnd.sample_values(source)) or "")
        for f in (code_f,) + tuple(self.parameterAsString(parameters, k, context)
                                   for k in (self.PLACE_ID_FIELD, self.PLACE_NAME_FIELD)):
            if f and fields.indexFromName(f) < 0:
                self._fail(self.tr("PLACES has no field '{}'.").format(f))
        name_f = _pick(fields, self.parameterAsString(parameters, self.PLACE_NAME_FIELD, context),
                       PLACE_NAME_NAMES)
        id_f = self.parameterAsString(parameters, self.PLACE_ID_FIELD, context) or code_f
        pop_f = self.parameterAsString(parameters, self.POPULATION_FIELD, context)
        polygons = gtype == GEOMETRY_POLYGON
        feedback.pushInfo(self.tr("{} places; tambon code field: {}; name field: {}").format(
            source.featureCount(), code_f or "-", name_f or "-"))
        wanted = [f for f in dict.fromkeys((code_f, name_f, id_f, pop_f)) if f]
        request = QgsFeatureRequest().setSubsetOfAttributes(wanted, fields)
        if source.sourceCrs().authid() != WGS84:
            request.setDestinationCrs(QgsCoordinateReferenceSystem(WGS84),
                                      context.transformContext())
        ids, names, place_codes, pops, wkbs, geoms = [], [], [], [], [], []
        xs, ys = [], []

        def text(f, name):
            if not name:
                return None
            return pins_mod.to_text(f.attribute(name))

        for k, f in enumerate(source.getFeatures(request)):
            if k % 1000 == 0 and feedback.isCanceled():
                self._fail(self.tr("Cancelled: nothing was written."))
            c = normalize_code(text(f, code_f)).code if code_f else None
            place_codes.append(c or "")
            ids.append(text(f, id_f) or str(f.id()))
            names.append(text(f, name_f) or "")
            if pop_f:
                try:
                    pops.append(float(text(f, pop_f)))
                except (TypeError, ValueError):
                    pops.append(np.nan)
            g = f.geometry()
            empty = g is None or g.isNull() or g.isEmpty()
            if polygons:
                wkbs.append(None if empty else bytes(g.asWkb()))
                if want_polygons:
                    geoms.append(None if empty else QgsGeometry(g))
            else:
                p = None if empty else g.constGet()
                if p is not None and QgsWkbTypes.isMultiType(g.wkbType()):
                    p = p.geometryN(0)
                xs.append(np.nan if p is None else p.x())
                ys.append(np.nan if p is None else p.y())
        engine = bnd.default_engine()
        if polygons:
            method = PLACE_POINTS[self.parameterAsEnum(parameters, self.PLACE_POINT, context)]
            weights = self._weights(parameters, context) if method == ac.WEIGHTED else None
            x, y, how = ac.representative_points(wkbs, method, engine, weights)
            if method == ac.WEIGHTED:
                fallback = sum(1 for h in how if h and h != ac.WEIGHTED)
                if fallback:
                    feedback.pushWarning(self.tr(
                        "{} place polygons hold no weight point: measured from their centroid "
                        "instead (place_point says which).").format(fallback))
        else:
            x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
            how = [ac.POINT] * len(x)
        places = ac.Places(x, y, ids, names, place_codes,
                           np.asarray(pops, dtype=float) if pop_f else None, how)
        return places, (geoms if polygons and want_polygons else None), engine

    def _weights(self, parameters, context):
        source = self.parameterAsSource(parameters, self.WEIGHTS, context)
        field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
        if source is None or not field:
            self._fail(self.tr(
                "PLACE_POINT is the population-weighted centroid, but WEIGHTS (points such as "
                "villages or a population grid) and WEIGHT_FIELD (their population) are not both "
                "given."))
        request = QgsFeatureRequest().setSubsetOfAttributes([field], source.fields())
        if source.sourceCrs().authid() != WGS84:
            request.setDestinationCrs(QgsCoordinateReferenceSystem(WGS84),
                                      context.transformContext())
        x, y, w = [], [], []
        for f in source.getFeatures(request):
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            p = g.constGet()
            if QgsWkbTypes.isMultiType(g.wkbType()):
                p = p.geometryN(0)
            v = f.attribute(field)
            x.append(p.x())
            y.append(p.y())
            w.append(np.nan if v is None or pins_mod.to_text(v) is None else float(v))
        return np.asarray(x), np.asarray(y), np.asarray(w)

    def read_network(self, parameters, context, feedback) -> nw.RoadNetwork:
        source = self.parameterAsSource(parameters, self.NETWORK, context)
        if source is None:
            self._fail(self.tr(
                "MODE is the road network, but no NETWORK was given: choose a line layer of roads "
                "(e.g. OpenStreetMap roads), or measure in a straight line (MODE=0)."))
        layer = self.parameterAsVectorLayer(parameters, self.NETWORK, context)
        label = layer.name() if layer is not None else "NETWORK"
        gtype = QgsWkbTypes.geometryType(source.wkbType())
        if gtype != GEOMETRY_LINE:
            self._fail(self.tr("NETWORK must be a line layer of roads, but {} has {}.").format(
                label, QgsWkbTypes.geometryDisplayString(gtype)))
        if source.featureCount() == 0:
            self._fail(self.tr("NETWORK ({}) is empty: a network without roads leads nowhere. "
                               "Choose a layer of road lines.").format(label))
        if not source.sourceCrs().isValid():
            self._fail(self.tr("NETWORK ({}) has no coordinate reference system: set its CRS and "
                               "run again.").format(label))
        fields = source.fields()
        speed_f = self.parameterAsString(parameters, self.SPEED_FIELD, context)
        dir_f = self.parameterAsString(parameters, self.DIRECTION_FIELD, context)
        values = [_values(self.parameterAsString(parameters, k, context))
                  for k in (self.VALUE_BOTH, self.VALUE_FORWARD, self.VALUE_BACKWARD)]
        default_dir = self.parameterAsEnum(parameters, self.DEFAULT_DIRECTION, context)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        t0 = time.perf_counter()
        fast = self._fast_path(parameters, self.NETWORK, context, source)
        with refused_if_damaged():  # a road layer GDAL cannot read to its end
            read = self._network_ogr(fast, speed_f, dir_f) if fast is not None else None
        to_wgs84 = None
        if source.sourceCrs().authid() != WGS84:
            feedback.pushInfo(self.tr("Reprojecting the network from {} to EPSG:4326").format(
                source.sourceCrs().authid() or source.sourceCrs().description()))
            if read is not None:  # read from the file: its vertices are reprojected at once
                to_wgs84 = _osr_transform(source.sourceCrs())
        if read is None:
            read = self._network_features(source, fields, speed_f, dir_f, context)
        lines, speeds, raw_dirs = read
        direction = self._directions(raw_dirs, values, default_dir)
        try:
            net = nw.build(lines, direction, speeds, to_wgs84, tolerance)
        except nw.NetworkError:
            self._fail(self.tr("NETWORK ({}) has no usable road: every line is empty or a single "
                               "point. Choose a layer of road lines.").format(label))
        feedback.pushInfo(self.tr(
            "Network: {} features, {} segments, {} nodes ({} vertices joined by the tolerance), "
            "built in {:.1f} s").format(net.features, net.segments, net.nodes,
                                        net.merged_vertices, time.perf_counter() - t0))
        one_way = int((direction != nw.BOTH).sum())
        if dir_f:
            feedback.pushInfo(self.tr("{} one-way features").format(one_way))
        return net

    @staticmethod
    def _directions(raw, values, default_dir) -> np.ndarray:
        both, forward, backward = values
        out = np.full(len(raw), default_dir, dtype=np.int8)
        if raw is None:
            return out
        distinct, inv = np.unique(np.asarray(raw, dtype=object).astype(str), return_inverse=True)
        code = np.full(len(distinct), default_dir, dtype=np.int8)
        for k, v in enumerate(distinct.tolist()):
            v = v.strip().lower()
            if v in forward:
                code[k] = nw.FORWARD
            elif v in backward:
                code[k] = nw.BACKWARD
            elif v in both:
                code[k] = nw.BOTH
        return code[inv.reshape(-1)]

    @staticmethod
    def _network_ogr(fast, speed_f, dir_f):
        """(lines in the layer's CRS, speeds, directions) read straight from the file with GDAL
        (Arrow batches when GDAL has them), or None when GDAL cannot."""
        from osgeo import ogr

        from ...core.ogr_io import arrow_batches, open_layer

        try:
            ds, lyr, _ = open_layer(fast[0], fast[1], [f for f in (speed_f, dir_f) if f])
        except OSError:
            return None
        batches, speeds, dirs = [], [], []
        count = 0
        if hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
            geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
            for batch in arrow_batches(ds, lyr, fast[0], ["GEOMETRY_ENCODING=WKB",
                                                      "MAX_FEATURES_IN_BATCH=65536"]):
                wkb = batch[geom_col] if geom_col in batch else batch[
                    [k for k in batch if k not in (speed_f, dir_f, lyr.GetFIDColumn() or "OGC_FID")][0]]
                wkb = np.ma.filled(wkb, None) if np.ma.isMaskedArray(wkb) else wkb
                batches.append((nw.decode_lines(wkb), count))
                n = len(wkb)
                if speed_f:
                    speeds.append(np.ma.filled(np.ma.asarray(batch[speed_f]).astype(float), np.nan))
                if dir_f:
                    d = batch[dir_f]
                    vals = np.ma.filled(d.astype(object), None) if np.ma.isMaskedArray(d) else \
                        d.astype(object)
                    dirs.append([v.decode("utf-8", "replace") if isinstance(v, bytes) else
                                 ("" if v is None else str(v)) for v in vals.tolist()])
                count += n
        else:  # pragma: no cover (GDAL < 3.6)
            wkbs, sp, dr = [], [], []
            for f in lyr:
                g = f.GetGeometryRef()
                wkbs.append(bytes(g.ExportToIsoWkb()) if g is not None else None)
                if speed_f:
                    v = f.GetField(speed_f)
                    sp.append(np.nan if v is None else float(v))
                if dir_f:
                    v = f.GetField(dir_f)
                    dr.append("" if v is None else str(v))
            batches.append((nw.decode_lines(wkbs), 0))
            count = len(wkbs)
            speeds, dirs = ([np.asarray(sp, dtype=float)] if speed_f else []), ([dr] if dir_f else [])
        del lyr, ds
        lines = nw.concat_lines(batches)
        speed = np.concatenate(speeds) if speed_f else np.full(count, np.nan)
        direction = [v for part in dirs for v in part] if dir_f else None
        return lines, speed, direction

    def _network_features(self, source, fields, speed_f, dir_f, context):
        """The same through QGIS features (any provider, selections, edit buffers), reprojected by
        QGIS with the project's transformations."""
        request = QgsFeatureRequest().setSubsetOfAttributes(
            [f for f in (speed_f, dir_f) if f], fields)
        if source.sourceCrs().authid() != WGS84:
            request.setDestinationCrs(QgsCoordinateReferenceSystem(WGS84),
                                      context.transformContext())
        wkbs, speeds, dirs = [], [], []
        for f in source.getFeatures(request):
            g = f.geometry()
            wkbs.append(None if g is None or g.isNull() else bytes(g.asWkb()))
            if speed_f:
                v = pins_mod.to_text(f.attribute(speed_f))
                speeds.append(np.nan if v is None else float(v))
            if dir_f:
                dirs.append(pins_mod.to_text(f.attribute(dir_f)) or "")
        return (nw.decode_lines(wkbs), np.asarray(speeds, dtype=float) if speed_f else
                np.full(len(wkbs), np.nan), dirs if dir_f else None)

    # -- run ---------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        t0 = time.perf_counter()
        phase = _Phases(feedback)  # CITIZEN_PINS_TRACE=1: one log line per phase
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        fastest = self.parameterAsEnum(parameters, self.STRATEGY, context) == FASTEST
        default_speed = self.parameterAsDouble(parameters, self.DEFAULT_SPEED, context)
        want_polygons = parameters.get(self.POLYGONS) not in (None, "")
        pins = self.read_pins(parameters, context, feedback)
        phase("pins read")
        feedback.setProgress(10)
        places, polygons, engine = self.read_places(parameters, context, feedback, want_polygons)
        phase("places read")
        if want_polygons and polygons is None:
            self._fail(self.tr("POLYGONS: the places are points; only polygon places can be "
                               "written as polygons. Leave POLYGONS empty."))
        feedback.setProgress(25)
        backend = SCIPY if scipy_available() else NUMPY
        if backend == NUMPY:
            feedback.pushWarning(self.tr(
                "scipy is not installed: the nearest-point index and the shortest paths run in "
                "numpy and pure Python (same answers, slower; see docs/access.md)."))
        if mode == ROAD_NETWORK:
            net = self.read_network(parameters, context, feedback)
            phase("network built")
            feedback.setProgress(50)
            if fastest:
                threshold = self.parameterAsDouble(parameters, self.MAX_TIME, context)
                result = ac.by_network(net, pins, places, threshold, nw.TIME, default_speed,
                                       backend)
            else:
                threshold = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context) * 1000
                result = ac.by_network(net, pins, places, threshold, nw.DISTANCE, default_speed,
                                       backend)
            info = result.info
            feedback.pushInfo(self.tr(
                "One shortest-path pass over {} nodes and {} edges from {} pins ({})").format(
                    info["graph"]["nodes"], info["graph"]["edges"], info["graph"]["pins_snapped"],
                    info["backend"]))
            if fastest and info["default_speed_features"]:
                feedback.pushWarning(self.tr(
                    "{} of {} road features have no usable speed (NULL, zero or negative): "
                    "{} km/h used for them.").format(info["default_speed_features"], net.features,
                                                     default_speed))
            far, far_max = ac.check_snap(result)
            if far:
                feedback.pushWarning(self.tr(
                    "{} places are more than 1 km from the nearest road (up to {:.1f} km): their "
                    "walk to the road is in place_snap_m.").format(far, far_max / 1000))
            if info["pin_snap_max_m"] is not None:
                feedback.pushInfo(self.tr("Pins snapped to the roads: median {:.0f} m, largest "
                                          "{:.0f} m").format(info["pin_snap_median_m"],
                                                             info["pin_snap_max_m"]))
        else:
            threshold = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context) * 1000
            result = ac.straight_line(pins, places, threshold, backend)
        phase("measured")
        if feedback.isCanceled():
            self._fail(self.tr("Cancelled: nothing was written."))
        feedback.setProgress(75)
        lost = [i for i, s in enumerate(result.status) if s in (nw.ISLAND, nw.ONE_WAY)]
        if lost:
            names = ", ".join(f"{places.names[i] or places.ids[i]} ({result.status[i]})"
                              for i in lost[:10])
            feedback.pushWarning(self.tr("{} places cannot reach any service point on the "
                                         "network: {}{}").format(len(lost), names,
                                                                 " ..." if len(lost) > 10 else ""))
        unmeasured = sum(1 for s in result.status if s == ac.NO_POINT)
        if unmeasured:
            feedback.pushWarning(self.tr("{} places have no usable location and are not "
                                         "measured.").format(unmeasured))
        units = ac.summarise(result, places)
        out = self._write(parameters, context, result, places, pins, units, polygons)
        phase("written and styled")
        total = units[("country", "")]
        feedback.pushInfo(self.tr("{} of {} places within the threshold ({} %); {} cannot reach "
                                  "any pin; done in {:.1f} s").format(
            total.within, total.places, total.pct_within, total.unreachable,
            time.perf_counter() - t0))
        under = result.underserved
        details = {"mode": result.mode, "threshold": result.threshold, "unit": result.unit,
                   "pins": len(pins), "engine": engine, "index": backend}
        details.update({k: v for k, v in result.info.items() if k != "backend"})
        out.update({self.PLACES_COUNT: total.places, self.WITHIN: total.within,
                    self.UNDERSERVED: int((under == 1).sum()), self.UNREACHABLE: total.unreachable,
                    self.PCT_WITHIN: total.pct_within,
                    self.PCT_POPULATION_WITHIN: total.pct_population_within,
                    self.MEDIAN: total.median, self.FARTHEST: total.farthest,
                    self.ENGINE: f"{engine}+{backend}", self.DETAILS: json.dumps(details)})
        feedback.setProgress(100)
        return out

    def _write(self, parameters, context, result, places, pins, units, polygons):
        out = {}
        fields = output_fields()
        values = place_values(result, places, pins)
        sink, out[self.OUTPUT] = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, WKB_POINT,
            QgsCoordinateReferenceSystem(WGS84))
        if sink is None:
            self._fail(self.tr("OUTPUT: the layer cannot be created."))

        def points():
            for i, row in enumerate(values):
                f = QgsFeature(fields)
                f.setAttributes(row)
                x, y = float(places.x[i]), float(places.y[i])
                if x == x and y == y:
                    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
                yield f

        common.write_all(self, sink, points(), "OUTPUT")
        del sink
        if parameters.get(self.SUMMARY) not in (None, ""):
            sfields = summary_fields()
            ssink, out[self.SUMMARY] = self.parameterAsSink(
                parameters, self.SUMMARY, context, sfields, WKB_NO_GEOMETRY,
                QgsCoordinateReferenceSystem())
            if ssink is None:
                self._fail(self.tr("SUMMARY: the table cannot be created."))
            common.write_all(self, ssink, (_feature(sfields, r) for r in
                                           summary_values(result, places, units)), "SUMMARY")
            del ssink
        if polygons is not None:
            psink, out[self.POLYGONS] = self.parameterAsSink(
                parameters, self.POLYGONS, context, fields, MULTIPOLYGON,
                QgsCoordinateReferenceSystem(WGS84))
            if psink is None:
                self._fail(self.tr("POLYGONS: the layer cannot be created."))

            def shapes():
                for row, g in zip(values, polygons):
                    f = _feature(fields, row)
                    if g is not None:
                        g = QgsGeometry(g)
                        if not g.isMultipart():
                            g.convertToMultiType()
                        f.setGeometry(g)
                    yield f

            common.write_all(self, psink, shapes(), "POLYGONS")
            del psink
        for key in (self.OUTPUT, self.POLYGONS):
            if key in out:
                self._style(out[key], context, result)
        return out

    def _style(self, dest: str, context, result) -> None:
        """Style an output: as the default style inside a GeoPackage, and when QGIS loads it."""
        styler = _Styler(result.threshold, result.unit)
        self._stylers.append(styler)
        if context.willLoadLayerOnCompletion(dest):
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(styler)
        path = dest.split("|")[0]
        if path.lower().endswith(".gpkg") and os.path.isfile(path):
            layer = QgsVectorLayer(dest, "access", "ogr")
            if layer.isValid():
                style_access(layer, result.threshold, result.unit)
                save_style_to_database(layer, layer.name() or "access",
                                       "citizen_pins access classes", True)


def _feature(fields, values):
    f = QgsFeature(fields)
    f.setAttributes(values)
    return f


def _osr_transform(crs):
    """lon/lat from a QGIS CRS, vectorised with GDAL/PROJ (the default transformation PROJ
    picks, as QGIS does without a project-specific one)."""
    from osgeo import osr

    src = osr.SpatialReference()
    authid = crs.authid()
    if authid.upper().startswith("EPSG:"):
        src.ImportFromEPSG(int(authid.split(":")[1]))
    else:
        src.ImportFromWkt(crs.toWkt())
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)

    def to_wgs84(x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        if not len(x):
            return x, y
        out = np.asarray(ct.TransformPoints(np.column_stack([x, y])), dtype=float)
        bad = ~np.isfinite(out[:, 0]) | (np.abs(out[:, 0]) > 1e30)
        out[bad] = np.nan
        return out[:, 0], out[:, 1]

    return to_wgs84
