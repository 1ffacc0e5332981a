"""The working copy's tables of what a pin owns: services, their steps and documents.

Three attribute tables next to the service-point layer in the same GeoPackage, in the schema of
:data:`schema.CHILD_TABLES`, each with an index on its own key and on its parent's key (no SQL
foreign keys: a record whose parent is missing is a validation finding, never a refused write,
as for pins).  :func:`upgrade_working_copy` brings a working copy made before services existed
up to date in place: it only adds (tables, columns, indexes, metadata rows, the stored forms) and
never rewrites a row of the pins, the base, the journal, the conflicts or the import report, so
every edit and every pending publish survives it.

:func:`read_services` reads the records as plain data (core/services.ServiceSet) for the rules,
the Zero Copy status and the report.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional

from qgis.core import QgsFields, QgsProject, QgsVectorLayer

from . import schema, zero_copy
from .sql import compose, ident
from .qgis_compat import (BOOL, DATETIME, DOUBLE, LONG, REQUEST_NO_GEOMETRY, STRING,
                          WKB_NO_GEOMETRY, is_null, make_field)
from .services import FID, ServiceSet
from .working_copy import (META_TABLE, SCHEMA_VERSION, WorkingCopyError, _write_layer,
                           open_working_copy)

LAYER_NAME = schema.LAYER_NAME

WORKING_COPY_ID = "working_copy_id"

_KINDS = {schema.TEXT: STRING, schema.CODE: STRING, schema.UUID: STRING, schema.INTEGER: LONG,
          schema.DATETIME: DATETIME, schema.REAL: DOUBLE, schema.BOOLEAN: BOOL}


class UpgradeError(Exception):
    """The working copy cannot be upgraded; the message says why and what to do.  Nothing that
    was there before has changed."""


@contextmanager
def sqlite(path: str) -> Iterator[sqlite3.Connection]:
    """One SQLite transaction on the GeoPackage, committed (or rolled back) and closed."""
    db = sqlite3.connect(path, timeout=30)
    try:
        with db:
            yield db
    finally:
        db.close()


def table_uri(path: str, table: str) -> str:
    return f"{path}|layername={table}"


def qgis_fields(table: schema.ChildTable) -> QgsFields:
    out = QgsFields()
    for f in table.fields:
        out.append(make_field(f.name, _KINDS[f.kind],
                              f.length if f.kind in (schema.TEXT, schema.CODE, schema.UUID) else 0))
    return out


def _tables(path: str) -> Dict[str, List[str]]:
    """Every table of the GeoPackage with its columns."""
    with sqlite(path) as db:
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {n: [c[1] for c in db.execute(f'PRAGMA table_info("{n}")')] for n in names}


def missing_parts(path: str) -> Dict[str, List[str]]:
    """What the working copy lacks of the services schema: table -> missing columns (all of a
    missing table's columns); the status view -> ["view"]."""
    have = _tables(path)
    out = {}
    for t in schema.CHILD_TABLES:
        cols = have.get(t.name)
        missing = list(t.field_names) if cols is None else [n for n in t.field_names
                                                            if n not in cols]
        if missing:
            out[t.name] = missing
    if zero_copy.STATUS_VIEW not in have:
        out[zero_copy.STATUS_VIEW] = ["view"]
    return out


def _index_sql() -> List[str]:
    out = []
    for t in schema.CHILD_TABLES:
        for col in (t.key, t.parent_key):
            out.append(f'CREATE INDEX IF NOT EXISTS "{t.name}_{col}" ON "{t.name}" ("{col}")')
    return out


def create_service_tables(path: str) -> List[str]:
    """Create the child tables the working copy lacks and add missing columns to those it has;
    returns what was done (one line each).  Existing rows are never touched."""
    done = []
    missing = missing_parts(path)
    for t in schema.CHILD_TABLES:
        if t.name not in missing:
            continue
        if len(missing[t.name]) == len(t.fields) and t.name not in _tables(path):
            try:
                _write_layer(path, t.name, qgis_fields(t), WKB_NO_GEOMETRY, overwrite_file=False)
            except WorkingCopyError as e:
                raise UpgradeError(str(e)) from None
            done.append(f"table {t.name} created")
            continue
        layer = QgsVectorLayer(table_uri(path, t.name), t.name, "ogr")
        fields = qgis_fields(t)
        new = [fields.at(fields.indexFromName(n)) for n in missing[t.name]]
        if not layer.isValid() or not layer.dataProvider().addAttributes(new):
            raise UpgradeError(f"{path}: the table {t.name} cannot get the columns "
                               f"{', '.join(missing[t.name])}; is the file read-only or open "
                               "in another program?")
        del layer
        done.append(f"table {t.name}: columns {', '.join(missing[t.name])} added")
    with sqlite(path) as db:
        for sql in _index_sql():
            db.execute(sql)
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                          (zero_copy.STATUS_VIEW,)).fetchone():
            # every pin's Zero Copy status, computed by SQLite (registered so that OGR/QGIS
            # open it as a table)
            db.execute(zero_copy.status_view_sql(LAYER_NAME))
            db.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, "
                       "description) VALUES (?, 'attributes', ?, ?)",
                       (zero_copy.STATUS_VIEW, zero_copy.STATUS_VIEW,
                        "citizen_pins: each service point's Zero Copy status"))
            done.append(f"view {zero_copy.STATUS_VIEW} created")
    return done


def _set_meta(path: str, values: Dict[str, str], only_missing=()) -> None:
    with sqlite(path) as db:
        have = {r[0]: r[1] for r in db.execute(
            compose('SELECT "key", "value" FROM {t}', t=ident(META_TABLE)))}
        for k, v in values.items():
            if k in only_missing and have.get(k):
                continue
            if k in have:
                db.execute(compose('UPDATE {t} SET "value" = ? WHERE "key" = ?',
                                   t=ident(META_TABLE)), (v, k))
            else:
                db.execute(compose('INSERT INTO {t} ("key", "value") VALUES (?, ?)',
                                   t=ident(META_TABLE)), (k, v))


def working_copy_token(meta: Dict[str, str], path: str) -> str:
    """A short token naming this working copy's relations in a project (two working copies in
    one project must not share relation ids)."""
    wc = meta.get(WORKING_COPY_ID) or ""
    if wc:
        return wc.replace("-", "")[:12]
    # a name, not a security measure (Python >= 3.9 takes usedforsecurity)
    return hashlib.sha1(os.path.abspath(path).encode("utf-8"),
                        usedforsecurity=False).hexdigest()[:12]


def new_working_copy_meta() -> Dict[str, str]:
    return {"schema_version": SCHEMA_VERSION, WORKING_COPY_ID: schema.new_record_id()}


@dataclass
class UpgradeResult:
    path: str
    from_version: str
    to_version: str
    done: List[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.done)


def upgrade_working_copy(path: str, lang: str = "th") -> UpgradeResult:
    """Bring a working copy up to the services schema in place (idempotent: a current working copy
    is left as it is).  Adds the missing tables, columns and indexes, the metadata (schema
    version, working copy id) and the stored forms; rewrites no row of any other table.

    Raises UpgradeError (nothing lost: what was added can stay, running it again finishes it).
    """
    try:
        info = open_working_copy(path)
    except WorkingCopyError as e:
        raise UpgradeError(str(e)) from None
    before = info.meta.get("schema_version", "1") or "1"
    result = UpgradeResult(info.path, before, before)
    if not os.access(path, os.W_OK):
        if missing_parts(path) or before != SCHEMA_VERSION:
            raise UpgradeError(
                f"{path} was made before services existed and cannot be upgraded: the file is "
                "read-only. Make it writable (or copy it) and open it again. / ไฟล์นี้อ่านได้อย่างเดียว "
                "จึงปรับรุ่นให้รองรับงานบริการไม่ได้")
        return result
    need_forms = any(k != zero_copy.STATUS_VIEW for k in missing_parts(path)) \
        or before != SCHEMA_VERSION
    try:
        result.done += create_service_tables(path)
        if before != SCHEMA_VERSION or not info.meta.get(WORKING_COPY_ID):
            _set_meta(path, new_working_copy_meta(), only_missing=(WORKING_COPY_ID,))
            result.done.append(f"schema version {before} -> {SCHEMA_VERSION}")
        if need_forms:
            from .service_forms import store_forms

            store_forms(path, lang)
            result.done.append("forms stored")
    except sqlite3.Error as e:
        raise UpgradeError(f"{path} cannot be upgraded: {e}. Close it in other programs and try "
                           "again; nothing that was there before has changed.") from None
    result.to_version = SCHEMA_VERSION
    return result


# -- reading the records -------------------------------------------------------------------------

def _value(v, kind: str):
    if is_null(v):
        return None
    if kind == schema.BOOLEAN:
        return bool(v)
    if kind == schema.INTEGER:
        try:
            return int(v)
        except (TypeError, ValueError):
            return None
    if kind == schema.REAL:
        try:
            return float(v)
        except (TypeError, ValueError):
            return None
    if kind == schema.DATETIME:
        to_string = getattr(v, "toString", None)
        if to_string is not None:
            from qgis.PyQt.QtCore import Qt

            return to_string(Qt.DateFormat.ISODateWithMs) or None
        return str(v)
    return v if isinstance(v, str) else str(v)


def project_layer(uri: str, project: Optional[QgsProject] = None) -> Optional[QgsVectorLayer]:
    """The layer of ``project`` reading ``uri`` (with its unsaved edits), if there is one."""
    project = project or QgsProject.instance()
    norm = os.path.normcase(os.path.abspath(uri.split("|", 1)[0]))
    rest = uri.split("|", 1)[1] if "|" in uri else ""
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
            continue
        src = layer.source()
        if (os.path.normcase(os.path.abspath(src.split("|", 1)[0])) == norm
                and (src.split("|", 1)[1] if "|" in src else "") == rest):
            return layer
    return None


def read_pin_ids(path: str, project: Optional[QgsProject] = None) -> set:
    """Every pin id of the working copy (through the project's layer when it is loaded)."""
    from qgis.core import QgsFeatureRequest

    from .working_copy import layer_uri

    uri = layer_uri(path)
    layer = project_layer(uri, project) or QgsVectorLayer(uri, "pins", "ogr")
    if not layer.isValid():
        return set()
    request = QgsFeatureRequest().setSubsetOfAttributes(["pin_id"], layer.fields())
    request.setFlags(REQUEST_NO_GEOMETRY)
    return {str(f["pin_id"]) for f in layer.getFeatures(request) if not is_null(f["pin_id"])}


def has_service_tables(path: str) -> bool:
    try:
        return not missing_parts(path)
    except sqlite3.Error:
        return False


def read_services(path: str, project: Optional[QgsProject] = None) -> ServiceSet:
    """Every service, step and document of the working copy at ``path``: through the project's
    layer of a table when it has unsaved edits (they count), else straight from SQLite (about
    20 times faster than walking features).  Tables that are missing read empty."""
    out = ServiceSet()
    if not path or not os.path.isfile(path):
        return out
    present = _tables(path)
    for t in schema.CHILD_TABLES:
        if t.name not in present:
            continue
        uri = table_uri(path, t.name)
        layer = project_layer(uri, project)
        if layer is not None and layer.isModified():
            out.rows(t.name).extend(_layer_rows(layer, t))
        else:
            out.rows(t.name).extend(_sqlite_rows(path, t, present[t.name]))
    return out


def _layer_rows(layer: QgsVectorLayer, t: schema.ChildTable) -> Iterator[dict]:
    from qgis.core import QgsFeatureRequest

    idx = [(f.name, f.kind, layer.fields().indexFromName(f.name)) for f in t.fields]
    # the schema's fields only: a project layer's virtual fields are not computed
    request = QgsFeatureRequest().setSubsetOfAttributes(
        [i for _, _, i in idx if i >= 0]).setFlags(REQUEST_NO_GEOMETRY)
    for feat in layer.getFeatures(request):
        attrs = feat.attributes()
        r = {name: (_value(attrs[i], kind) if i >= 0 else None) for name, kind, i in idx}
        r[FID] = feat.id()
        yield r


def _sqlite_rows(path: str, t: schema.ChildTable, columns: List[str]) -> List[dict]:
    names = [f for f in t.field_names if f in columns]
    kinds = {f.name: f.kind for f in t.fields}
    fid = "fid" if "fid" in columns else "rowid"
    with sqlite(path) as db:
        rows = db.execute(f'SELECT "{fid}", ' + ", ".join(f'"{n}"' for n in names)
                          + f' FROM "{t.name}" ORDER BY "{fid}"').fetchall()
    out = []
    for row in rows:
        r = {f: None for f in t.field_names}
        for n, v in zip(names, row[1:]):
            r[n] = _value(v, kinds[n])
        r[FID] = row[0]
        out.append(r)
    return out


