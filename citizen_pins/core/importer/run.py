"""The import as a whole: plan (read, map, convert, match against the working copy), then write
the pins (to the GeoPackage, or into a layer's edit buffer for review) and the per-row report.

Nothing is written until the plan is complete: a source that cannot be read, a mapping without a
location or a name, or a cancel leaves the working copy as it was.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import math
import os
import sqlite3
import struct
import uuid
from contextlib import contextmanager
from json.encoder import encode_basestring
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from .. import duplicates, schema
from ..sql import compose, ident, idents, marks
from ..qgis_compat import LONG, STRING, WKB_NO_GEOMETRY, make_field
from ..working_copy import WorkingCopyError, create_working_copy, layer_uri, open_working_copy
from .mapping import (
    CONSTANT_TARGETS,
    Mapping,
    MappingError,
    MappingStore,
    suggest_mapping,
)
from .columns import convert_records
from .rows import IMPORTED, REFUSED, REPAIRED, SKIPPED, STATUSES, RowConverter, RowOutcome
from .source import Source, SourceError, SourceTable, bulk_work, open_source
from .text import name_key

REPORT_TABLE = "import_report"
#: Columns of the report (the GeoPackage table and the CSV file).
REPORT_FIELDS: Tuple[Tuple[str, object], ...] = (
    ("import_id", STRING), ("imported_at", STRING), ("source_file", STRING),
    ("source_table", STRING), ("row", LONG), ("status", STRING), ("pin_id", STRING),
    ("key_field", STRING), ("source_key", STRING), ("name_th", STRING), ("repairs", STRING),
    ("warnings", STRING), ("reason", STRING), ("source_values", STRING),
)
DEFAULT_MATCH_DISTANCE_M = 100.0


class ImportFailed(Exception):
    """The import cannot run; the message says what to fix.  Nothing was written."""


@dataclass
class ImportOptions:
    #: Encoding of a CSV (or Shapefile) source; None/"auto" detects.
    encoding: Optional[str] = None
    #: Sheets/layers to read; None: the first sheet, every KML folder, the only layer.
    layers: Optional[List[str]] = None
    #: Mapping given by the person (wins over the saved and the suggested one, entry by entry).
    mapping: Optional[Mapping] = None
    #: Column whose value identifies a row across imports (e.g. hoscode).
    source_key: Optional[str] = None
    #: Point type for rows that do not say (a schema key, or a Thai/English label).
    point_type: Optional[str] = None
    #: UTM zone for easting/northing without a zone column.
    utm_zone: Optional[int] = None
    #: Re-import match without a source key: same name, compatible codes, within this distance.
    match_distance_m: float = DEFAULT_MATCH_DISTANCE_M
    #: Where mappings are remembered per source shape (None: not remembered).
    store: Optional[MappingStore] = None
    #: Only rows of this province (DOPA code) become pins; the others are skipped and counted
    #: (None: every row).  Rows without a province code are kept.
    province: Optional[str] = None


@dataclass
class TablePlan:
    name: str
    headers: List[str]
    mapping: Mapping
    skipped_rows: List[Tuple[int, str]]


@dataclass
class ImportPlan:
    source: Source
    tables: List[TablePlan]
    outcomes: List[RowOutcome]
    import_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_at: str = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc)
                            .replace(microsecond=0).isoformat())

    @property
    def pins(self) -> List[RowOutcome]:
        return [o for o in self.outcomes if o.is_pin]

    def counts(self) -> Dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for o in self.outcomes:
            out[o.status] += 1
        return out

    @property
    def outside(self) -> List[RowOutcome]:
        """Rows left out by the province filter."""
        return [o for o in self.outcomes if o.outside]

    @property
    def likely(self) -> List[RowOutcome]:
        """Rows to add that are likely pins the working copy already has."""
        return [o for o in self.outcomes if o.is_pin and o.likely is not None]

    def skip_likely(self) -> int:
        """Do not add the likely duplicates (the person said so); returns how many."""
        rows = self.likely
        for o in rows:
            pin_id, name, metres = o.likely
            o.status = SKIPPED
            o.reason = (f"likely the same service point as pin {pin_id} ('{name}', {metres:.0f} m "
                        "away): not added")
        return len(rows)

    def summary(self) -> str:
        c = self.counts()
        return (f"{len(self.outcomes)} rows: {c[IMPORTED]} imported, {c[REPAIRED]} imported with "
                f"repairs, {c[REFUSED]} refused, {c[SKIPPED]} skipped")


# ------------------------------------------------------------------------------------------------
# mapping


def prepare_mapping(table: SourceTable, options: ImportOptions) -> Mapping:
    """Suggested, then saved (same shape), then given: later wins, entry by entry.  Checked."""
    mapping = suggest_mapping(table.headers, table.sample)
    saved = options.store.get(table.headers) if options.store else None
    if saved is not None:
        mapping = saved.merged_over(mapping)
    if options.mapping is not None:
        mapping = options.mapping.merged_over(mapping)
    if options.source_key:
        mapping.source_key = options.source_key
    # a target explicitly switched off ("lat=") is dropped here
    mapping.columns = {t: c for t, c in mapping.columns.items() if c}
    where = f" in sheet/layer '{table.name}'" if table.name else ""
    missing = [c for c in mapping.columns.values() if c not in table.headers]
    if mapping.source_key and mapping.source_key not in table.headers:
        missing.append(mapping.source_key)
    if missing:
        raise MappingError(
            f"Column(s) {', '.join(repr(m) for m in missing)} not found{where}. The columns are: "
            + ", ".join(repr(h) for h in table.headers) + ".")
    has_location = table.has_geometry or ("lat" in mapping.columns and "lon" in mapping.columns) \
        or "latlon" in mapping.columns or ("easting" in mapping.columns and "northing" in mapping.columns)
    if not has_location:
        raise MappingError(
            f"No coordinate columns recognised{where} among: "
            + ", ".join(repr(h) for h in table.headers)
            + ". Map them, e.g. MAPPING='lat=<column>;lon=<column>' (or latlon=<column> for one "
            "'lat, lon' column, or easting/northing/utm_zone for UTM).")
    if "name_th" not in mapping.columns and "name_en" not in mapping.columns:
        raise MappingError(
            f"No name column recognised{where} among: "
            + ", ".join(repr(h) for h in table.headers)
            + ". Map the Thai name, e.g. MAPPING='name_th=<column>'.")
    for t, v in mapping.constants.items():
        if t == "point_type" and RowConverter._type_key(v) is None:
            raise MappingError(f"'{v}' is not a point type; use one of "
                               + ", ".join(schema.POINT_TYPE_KEYS) + ".")
    return mapping


# ------------------------------------------------------------------------------------------------
# the working copy's pins, for re-import matching


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    k = math.cos(math.radians((lat1 + lat2) / 2))
    return 6371008.8 * math.radians(math.hypot(lat2 - lat1, (lon2 - lon1) * k))


@dataclass
class _Pin:
    pin_id: str
    tambon: str
    lat: float
    lon: float
    name: str = ""


class ExistingPins:
    """The pins already in a working copy, matched by source key or by name + code + distance."""

    def __init__(self, pins: Iterable[Tuple[str, str, str, float, float]] = (),
                 keys: Optional[Dict[Tuple[str, str], str]] = None,
                 distance_m: float = DEFAULT_MATCH_DISTANCE_M):
        self.by_name: Dict[str, List[_Pin]] = {}
        self.ids = set()
        self.grid = duplicates.PointGrid()
        for pin_id, name, tambon, lat, lon in pins:
            if pin_id in self.ids:
                continue
            self.ids.add(pin_id)
            pin = _Pin(pin_id, tambon or "", lat, lon, name or "")
            self.by_name.setdefault(name_key(name or ""), []).append(pin)
            self.grid.add(lon, lat, pin)
        #: (key_field, key value) -> pin_id, for pins still present
        self.keys = {k: v for k, v in (keys or {}).items() if v in self.ids}
        self.distance_m = distance_m
        self.claimed = set()

    @classmethod
    def from_working_copy(cls, path: str, key_field: Optional[str],
                          distance_m: float = DEFAULT_MATCH_DISTANCE_M) -> "ExistingPins":
        """The working copy's pins -- the layer's, and the base's (the registry's pins at the
        last pull, also those deleted here but not yet published)."""
        layer = QgsVectorLayer(layer_uri(path), "pins", "ogr")
        pins = []
        req = QgsFeatureRequest().setSubsetOfAttributes(["pin_id", "name_th", "tambon_code"],
                                                        layer.fields())
        for f in layer.getFeatures(req):
            g = f.geometry()
            if g is None or g.isNull():
                continue
            p = g.asPoint()
            pins.append((str(f["pin_id"]), str(f["name_th"] or ""),
                         "" if f["tambon_code"] in (None, "") else str(f["tambon_code"]),
                         p.y(), p.x()))
        pins.extend(_base_pins(path))
        keys: Dict[Tuple[str, str], str] = {}
        if key_field:
            report = QgsVectorLayer(f"{path}|layername={REPORT_TABLE}", "report", "ogr")
            if report.isValid():
                expr = ("\"key_field\" = '{}' AND \"pin_id\" IS NOT NULL AND \"source_key\" IS NOT NULL"
                        .format(key_field.replace("'", "''")))
                for f in report.getFeatures(QgsFeatureRequest().setFilterExpression(expr)):
                    keys[(key_field, str(f["source_key"]))] = str(f["pin_id"])
        return cls(pins, keys, distance_m)

    def match(self, outcome: RowOutcome, key_field: Optional[str]) -> Optional[Tuple[str, str]]:
        """(pin_id, how) of the existing pin this row is, or None."""
        if not self.ids:
            return None
        if key_field and outcome.source_key:
            pin = self.keys.get((key_field, outcome.source_key))
            if pin and pin not in self.claimed:
                self.claimed.add(pin)
                return pin, f"source key {key_field}={outcome.source_key}"
        candidates = self.by_name.get(name_key(outcome.values.get("name_th", "")), ())
        tambon = outcome.values.get("tambon_code") or ""
        best = None
        for p in candidates:
            if p.pin_id in self.claimed or (tambon and p.tambon and tambon != p.tambon):
                continue
            d = _distance_m(outcome.lat, outcome.lon, p.lat, p.lon)
            if d <= self.distance_m and (best is None or d < best[0]):
                best = (d, p)
        if best is None:
            return None
        self.claimed.add(best[1].pin_id)
        return best[1].pin_id, f"same name{' and tambon' if tambon and best[1].tambon else ''}, " \
                               f"{best[0]:.0f} m away"

    def likely(self, outcome: RowOutcome) -> Optional[Tuple[str, str, float]]:
        """(pin_id, name, metres) of an existing pin within the match distance whose name is
        the same but for a typing slip (:func:`core.duplicates.same_name`): likely the same
        service point, for a person to decide."""
        if not self.ids:
            return None
        best = None
        name = outcome.values.get("name_th", "")
        for lon, lat, p in self.grid.near(outcome.lon, outcome.lat):
            if p.pin_id in self.claimed:
                continue
            d = _distance_m(outcome.lat, outcome.lon, p.lat, p.lon)
            if d <= max(self.distance_m, duplicates.SAME_POINT_M) and \
                    (best is None or d < best[2]) and duplicates.same_name(name, p.name):
                best = (p.pin_id, p.name, d)
        return best


def _base_pins(path: str) -> List[Tuple[str, str, str, float, float]]:
    """The pins of a working copy's base (``citizen_pins_base``), if it has one."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return []
    try:
        return [(str(r[0]), str(r[1] or ""), str(r[2] or ""), float(r[4]), float(r[3]))
                for r in db.execute("SELECT pin_id, name_th, tambon_code, lon, lat FROM "
                                    "citizen_pins_base WHERE lon IS NOT NULL AND lat IS NOT NULL")]
    except sqlite3.Error:  # no base yet
        return []
    finally:
        db.close()


# ------------------------------------------------------------------------------------------------
# planning


def _pin_ids(batch: int = 4096) -> Iterator[str]:
    """New pin ids, made a batch at a time."""
    while True:
        yield from schema.new_pin_ids(batch)


def plan_import(source: Source, options: Optional[ImportOptions] = None,
                existing: Optional[ExistingPins] = None, working_province: str = "",
                feedback=None) -> ImportPlan:
    """Read every row of the source and decide its fate; writes nothing."""
    with bulk_work():
        return _plan_import(source, options, existing, working_province, feedback)


def _plan_import(source: Source, options: Optional[ImportOptions], existing: Optional[ExistingPins],
                 working_province: str, feedback) -> ImportPlan:
    options = options or ImportOptions()
    existing = existing or ExistingPins()
    default_type = None
    if options.point_type:
        default_type = RowConverter._type_key(options.point_type)
        if default_type is None:
            raise MappingError(f"'{options.point_type}' is not a point type; use one of "
                               + ", ".join(schema.POINT_TYPE_KEYS) + ".")
    tables: List[TablePlan] = []
    outcomes: List[RowOutcome] = []
    pin_ids = _pin_ids()
    total = sum(max(t.count_hint, 0) for t in source.tables) or 1
    done = 0
    for table in source.tables:
        mapping = prepare_mapping(table, options)
        tables.append(TablePlan(table.name, table.headers, mapping, table.skipped))
        for number, reason in table.skipped:
            outcomes.append(RowOutcome(table.name, number, SKIPPED, reason=reason))
        conv = RowConverter(table.name, table.headers, mapping, default_type, options.utm_zone,
                            working_province)
        key_field = mapping.source_key
        seen_keys: Dict[str, int] = {}
        if table.records is not None:  # a grid: column by column
            converted = iter(convert_records(conv, table.records()))
        else:
            converted = (conv.convert(row) for row in table.rows())
        for out in converted:
            if out.is_pin:
                if key_field and out.source_key is None:
                    out.warnings.append(f"no value in the source key column '{key_field}'")
                if key_field and out.source_key is not None:
                    first = seen_keys.get(out.source_key)
                    if first is not None:
                        out.status = REFUSED
                        out.reason = (f"source key {key_field}={out.source_key} repeats row {first}: "
                                      "fix the key or remove one of the rows")
                    else:
                        seen_keys[out.source_key] = out.row
                province = out.values.get("province_code")
                if out.is_pin and options.province and province and province != options.province:
                    out.status, out.outside = SKIPPED, True
                    out.reason = (f"province {province}, outside the import's province "
                                  f"{options.province}")
                if out.is_pin:
                    hit = existing.match(out, key_field)
                    if hit is not None:
                        out.status, out.pin_id = SKIPPED, hit[0]
                        out.reason = f"already in the working copy as pin {hit[0]} ({hit[1]})"
                    else:
                        out.pin_id = next(pin_ids)
                        out.likely = existing.likely(out)
                        if out.likely is not None:
                            out.warnings.append(
                                f"likely the same service point as pin {out.likely[0]} "
                                f"('{out.likely[1]}', {out.likely[2]:.0f} m away)")
            outcomes.append(out)
            done += 1
            if feedback is not None and done % 2000 == 0:
                if feedback.isCanceled():
                    raise ImportFailed("Import cancelled: nothing was written.")
                feedback.setProgress(min(99.0, 90.0 * done / total))
    data_rows = sum(1 for o in outcomes if o.reason not in ("header row", "title row above the header",
                                                            "empty row"))
    if data_rows == 0:
        what = "column names but no data rows" if any(t.headers for t in tables) else "no rows"
        raise ImportFailed(f"{os.path.basename(source.path)} has {what}: nothing to import.")
    return ImportPlan(source, tables, outcomes)


# ------------------------------------------------------------------------------------------------
# writing


def _features(plan: ImportPlan, fields: QgsFields) -> List[QgsFeature]:
    index = {n: fields.indexFromName(n) for n in schema.FIELD_NAMES}
    feats = []
    for o in plan.pins:
        f = QgsFeature(fields)
        attrs = [None] * fields.count()
        for name, value in o.values.items():
            i = index.get(name, -1)
            if i >= 0:
                attrs[i] = value
        attrs[index["pin_id"]] = o.pin_id
        f.setAttributes(attrs)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(o.lon, o.lat)))
        feats.append(f)
    return feats


def write_pins(plan: ImportPlan, working_copy: str) -> int:
    """Add the plan's pins to the working copy on disk (one transaction).  Returns the count."""
    return _write(plan, working_copy, pins=True, report=False)[0]


_POINT_BLOB = struct.Struct("<2sBBiBIdd")  # GeoPackage header (no envelope) + WKB point


def _insert_pins(db: sqlite3.Connection, plan: ImportPlan, table: str) -> int:
    """The plan's pins as rows of the GeoPackage table, in one statement, written as GDAL
    writes them (header without envelope, little-endian WKB, the table's SRS), the spatial
    index filled from the points directly rather than by its trigger's ST_* functions, which
    only GDAL's own SQLite connections have."""
    pins = plan.pins
    if not pins:
        return 0
    geom_col, srs = db.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns "
                               "WHERE table_name = ?", (table,)).fetchone()
    columns = {r[1] for r in db.execute(compose("PRAGMA table_info({t})", t=ident(table)))}
    names = [n for n in schema.FIELD_NAMES if n in columns and n != "pin_id"]
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = db.execute(compose("SELECT max(fid) FROM {t}", t=ident(table))).fetchone()[0]
    first = max(seq[0] if seq else 0, top or 0) + 1
    pack = _POINT_BLOB.pack
    rows = [[first + k, pack(b"GP", 0, 1, srs, 1, 1, o.lon, o.lat), o.pin_id]
            + [o.values.get(n) for n in names] for k, o in enumerate(pins)]
    rtree = f"rtree_{table}_{geom_col}"
    cols = ["fid", geom_col, "pin_id"] + names
    with _triggers_off(db, f"{rtree}_insert", f"trigger_insert_feature_count_{table}") as off:
        db.executemany(compose("INSERT INTO {t} ({cols}) VALUES ({m})", t=ident(table),
                               cols=idents(cols), m=marks(len(cols))), rows)
        if f"{rtree}_insert" in off:  # what the trigger would have added, row by row
            db.executemany(compose("INSERT OR REPLACE INTO {t} VALUES (?, ?, ?, ?, ?)",
                                   t=ident(rtree)),
                           ((first + k, o.lon, o.lon, o.lat, o.lat) for k, o in enumerate(pins)))
    lons = [o.lon for o in pins]
    lats = [o.lat for o in pins]
    box = db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                     (table,)).fetchone()
    new = [min(lons), min(lats), max(lons), max(lats)]
    if box and None not in box:
        new = [min(new[0], box[0]), min(new[1], box[1]), max(new[2], box[2]), max(new[3], box[3])]
    db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
               "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
               new + [table])
    return len(rows)


@contextmanager
def _triggers_off(db: sqlite3.Connection, *names: str):
    """The named triggers dropped for a bulk insert and made again as they were (inside the
    caller's transaction: a failure leaves them as they were); yields the names that existed.
    The caller does their work (the R-tree's rows); GeoPackage feature counts are reset to
    unknown by :func:`_write`, so OGR counts again."""
    found = {n: sql for n, sql in db.execute(
        compose("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({m})",
                m=marks(len(names))), names)}
    for n in found:
        db.execute(compose("DROP TRIGGER {t}", t=ident(n)))
    yield set(found)
    for sql in found.values():
        db.execute(sql)


def _write(plan: ImportPlan, gpkg: str, pins: bool, report: bool,
           report_rows: Optional[List[list]] = None) -> Tuple[int, str]:
    """Pins and/or report rows into the GeoPackage, in one SQLite transaction: all or nothing."""
    uri = f"{gpkg}|layername={REPORT_TABLE}"
    if pins:
        layer = QgsVectorLayer(layer_uri(gpkg), schema.LAYER_NAME, "ogr")
        if not layer.isValid():
            raise ImportFailed(f"{gpkg} has no service-point layer.")
        del layer
    if report:
        _ensure_report_table(gpkg)
    try:
        db = sqlite3.connect(gpkg, timeout=30)
        try:
            with db:
                # one transaction from the first statement on: dropping and making the
                # triggers again is part of it (Python's sqlite3 begins none for DDL)
                db.execute("BEGIN IMMEDIATE")
                written = _insert_pins(db, plan, schema.LAYER_NAME) if pins else 0
                if report:
                    names = [n for n, _ in REPORT_FIELDS]
                    sql = compose("INSERT INTO {t} ({cols}) VALUES ({m})",
                                  t=ident(REPORT_TABLE), cols=idents(names), m=marks(len(names)))
                    with _triggers_off(db, f"trigger_insert_feature_count_{REPORT_TABLE}"):
                        db.executemany(sql, report_rows if report_rows is not None
                                       else _report_rows(plan))
                # let OGR recount the rows of the tables (GDAL's cache of feature counts)
                if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'"
                              ).fetchone():
                    db.executemany("UPDATE gpkg_ogr_contents SET feature_count = NULL "
                                   "WHERE table_name = ?",
                                   [(t,) for t, w in ((schema.LAYER_NAME, written),
                                                      (REPORT_TABLE, report)) if w])
        finally:
            db.close()
    except sqlite3.Error as e:
        what = " and ".join(w for w, on in (("the pins", pins), ("the import report", report))
                            if on)
        raise ImportFailed(f"Cannot write {what} into {gpkg}: {e}. The working copy was not "
                           "changed.") from None
    return written, f"{uri}|subset=\"import_id\" = '{plan.import_id}'"


def add_plan_to_layer(plan: ImportPlan, layer: QgsVectorLayer) -> int:
    """Put the plan's pins into ``layer``'s edit buffer as one undoable step (the GUI's review
    path): the person sees them, can undo, and saves with the layer's own commit."""
    feats = _features(plan, layer.fields())
    if not feats:
        return 0
    if not layer.isEditable() and not layer.startEditing():
        raise ImportFailed(f"The layer {layer.name()} cannot be edited.")
    layer.beginEditCommand(f"Import {len(feats)} pins from {os.path.basename(plan.source.path)}")
    ok = layer.addFeatures(feats)
    if not ok:
        layer.destroyEditCommand()
        raise ImportFailed(f"The pins could not be added to {layer.name()}.")
    layer.endEditCommand()
    return len(feats)


def _report_rows(plan: ImportPlan) -> List[list]:
    """The report's rows, one per outcome, in REPORT_FIELDS order."""
    keys = _key_fields(plan)
    head = [plan.import_id, plan.started_at, os.path.basename(plan.source.path)]
    enc = _json_text
    names: Dict[str, str] = {}  # a column's name as JSON, with its colon: made once

    def key(k: str) -> str:
        got = names.get(k)
        if got is None:
            got = names[k] = enc(k) + ": "
        return got

    return [head + [o.table, o.row, o.status, o.pin_id,
                    keys.get(o.table) if o.source_key else None, o.source_key,
                    o.values.get("name_th") or o.raw.get("name_th"), "; ".join(o.repairs) or None,
                    "; ".join(o.warnings) or None, o.reason or None,
                    "{" + ", ".join([key(k) + enc(v) for k, v in o.raw.items()]) + "}"
                    if o.raw else None]
            for o in plan.outcomes]


def _json_text(value) -> str:
    """A key or value of a row's raw cells as ``json.dumps(..., ensure_ascii=False)`` writes it."""
    return encode_basestring(value) if type(value) is str else json.dumps(value, ensure_ascii=False)


def _key_fields(plan: ImportPlan) -> Dict[str, Optional[str]]:
    return {t.name: t.mapping.source_key for t in plan.tables}


def report_fields() -> QgsFields:
    out = QgsFields()
    for name, kind in REPORT_FIELDS:
        out.append(make_field(name, kind))
    return out


def _create_table(gpkg: str, name: str, fields: QgsFields) -> None:
    """A new attribute table in an existing GeoPackage (other layers untouched)."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    writer = QgsVectorFileWriter.create(gpkg, fields, WKB_NO_GEOMETRY,
                                        QgsCoordinateReferenceSystem(), QgsCoordinateTransformContext(),
                                        options)
    error = writer.hasError() != QgsVectorFileWriter.WriterError.NoError
    message = writer.errorMessage()
    del writer
    if error:
        raise ImportFailed(f"Cannot create the table {name} in {gpkg}: {message}")


def _ensure_report_table(gpkg: str) -> None:
    """The ``import_report`` table, created through OGR when missing (a proper GeoPackage
    attribute table); refused when it lacks a column."""
    uri = f"{gpkg}|layername={REPORT_TABLE}"
    layer = QgsVectorLayer(uri, REPORT_TABLE, "ogr")
    if not layer.isValid():
        _create_table(gpkg, REPORT_TABLE, report_fields())
        layer = QgsVectorLayer(uri, REPORT_TABLE, "ogr")
        if not layer.isValid():
            raise ImportFailed(f"Cannot create the report table in {gpkg}.")
    missing = [n for n, _ in REPORT_FIELDS if layer.fields().indexFromName(n) < 0]
    del layer
    if missing:
        raise ImportFailed(f"The table {REPORT_TABLE} of {gpkg} lacks the columns "
                           f"{', '.join(missing)}: rename or delete that table.")


def write_report_table(plan: ImportPlan, gpkg: str) -> str:
    """Append the plan's rows to the ``import_report`` table of the GeoPackage; returns its URI
    filtered to this import.

    The table is created through OGR (so it is a proper GeoPackage attribute table); the rows
    are then inserted with SQLite in one transaction, which is an order of magnitude faster than
    feature by feature for a report of 100,000 rows.
    """
    return _write(plan, gpkg, pins=False, report=True)[1]


def write_report_csv(plan: ImportPlan, path: str, rows: Optional[List[list]] = None) -> str:
    """The report as CSV (UTF-8 with BOM, so Excel shows the Thai right)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([n for n, _ in REPORT_FIELDS])
        w.writerows(rows if rows is not None else _report_rows(plan))  # None: an empty cell
    return path


def default_report_csv(working_copy: str, plan, what: str = "import") -> str:
    """``<working copy>_<what>_<time>_<import id>.csv`` next to the working copy (``plan``: an
    import plan with ``started_at`` and ``import_id``)."""
    stem = os.path.splitext(os.path.abspath(working_copy))[0]
    stamp = plan.started_at.replace(":", "").replace("-", "").replace("+0000", "Z")[:15]
    return f"{stem}_{what}_{stamp}_{plan.import_id[:8]}.csv"


# ------------------------------------------------------------------------------------------------
# all in one


@dataclass
class ImportResult:
    plan: ImportPlan
    working_copy: str
    created: bool
    written: int
    report_uri: str
    report_csv: str

    @property
    def counts(self) -> Dict[str, int]:
        return self.plan.counts()


def import_file(path: str, working_copy: str, options: Optional[ImportOptions] = None,
                report_csv: Optional[str] = None, feedback=None,
                plugin_version: str = "", province_code: Optional[str] = None) -> ImportResult:
    """Import ``path`` into the working copy at ``working_copy`` (created when missing).

    Raises SourceError, MappingError, WorkingCopyError or ImportFailed with a message that says
    what to fix; in that case nothing was written.
    """
    with bulk_work():
        return _import_file(path, working_copy, options, report_csv, feedback, plugin_version,
                            province_code)


def _import_file(path: str, working_copy: str, options: Optional[ImportOptions],
                 report_csv: Optional[str], feedback, plugin_version: str,
                 province_code: Optional[str]) -> ImportResult:
    options = options or ImportOptions()
    working_copy = os.path.abspath(working_copy)
    exists = os.path.exists(working_copy)
    working_province = ""
    if exists:
        info = open_working_copy(working_copy)
        working_province = info.province_code
    elif not working_copy.lower().endswith(".gpkg"):
        raise WorkingCopyError(f"A working copy is a GeoPackage: give a path ending in .gpkg, "
                               f"not {working_copy}.")
    source = open_source(path, options.encoding, options.layers)
    key_field = options.source_key or (options.mapping.source_key if options.mapping else None)
    existing = (ExistingPins.from_working_copy(working_copy, key_field, options.match_distance_m)
                if exists else ExistingPins(distance_m=options.match_distance_m))
    plan = plan_import(source, options, existing, working_province, feedback)
    # from here on the plan is complete: write
    created = False
    if not exists:
        create_working_copy(working_copy, province_code, plugin_version)
        created = True
    rows = _report_rows(plan)
    written, uri = _write(plan, working_copy, pins=True, report=True, report_rows=rows)
    csv_path = write_report_csv(plan, report_csv or default_report_csv(working_copy, plan), rows)
    if options.store is not None:
        for t in plan.tables:
            if options.mapping is not None or options.source_key:
                options.store.put(t.headers, t.mapping)
    if feedback is not None:
        feedback.setProgress(100.0)
    return ImportResult(plan, working_copy, created, written, uri, csv_path)


__all__ = [
    "ImportOptions", "ImportPlan", "ImportResult", "ImportFailed", "ExistingPins", "REPORT_TABLE",
    "plan_import", "prepare_mapping", "write_pins", "add_plan_to_layer", "write_report_table",
    "write_report_csv", "import_file", "SourceError", "MappingError", "CONSTANT_TARGETS",
]
