"""The sync state inside the working copy (a GeoPackage, which is SQLite).

Three tables live next to the service-point layer, in the same file:

``citizen_pins_base``
    the registry's state at the last pull / confirmed publish: per pin its ``version`` (the ETag
    is ``"<version>"``), ``updated_at``, every editable attribute and the point (lon, lat).
``citizen_pins_journal``
    one row per operation of a publish (create / replace / delete), written BEFORE it is sent,
    with the exact feature sent and its ``If-Match``; ``state`` goes ``pending`` -> ``done``
    (the registry confirmed, or the intended state is found there), ``conflict`` or ``failed``.
``citizen_pins_conflicts``
    one row per (pin, field) changed on both sides to different values: base, local and remote
    values as text, the remote version; ``resolution`` (local / remote) once a person chose.
``citizen_pins_base_services``
    the registry's state at the last sync of each service: version, ``updated_at``, its pin and
    its state (its fields, steps and documents) as JSON.

The journal and the conflicts carry the ``collection`` of their item (``service_points`` or
``services``; the column ``pin_id`` holds the item's id: a pin's, or a service's), so services
travel through the same journal, the same conflicts and the same engine as pins.  The services,
steps and documents themselves are the working copy's attribute tables (core/service_tables.py),
read and written here on the same connection as the pins.

Everything is read and written with Python's ``sqlite3`` on ONE connection, so a change to the
layer, the base and the journal commits atomically (``BEGIN IMMEDIATE`` ... ``COMMIT``): a crash
leaves either the old or the new state, never half.  The GeoPackage's R-tree triggers call
``ST_IsEmpty``/``ST_MinX``...; those are registered here in Python for points (GDAL provides them
to its own connections only).  The journal and conflicts tables are registered in
``gpkg_contents`` as attribute tables, so QGIS opens them as layers
(``path|layername=citizen_pins_conflicts``).
"""
from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import struct
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

from ..core import diff as d
from ..core import schema
from ..core.sql import Fragment, assignments, compose, ident, idents, marks

LAYER = schema.LAYER_NAME
BASE = "citizen_pins_base"
JOURNAL = "citizen_pins_journal"
CONFLICTS = "citizen_pins_conflicts"
META = "citizen_pins_meta"
#: New pins a person said are a different service point from a published pin nearby with the
#: same name (validation then does not block them, and the registry is told so).
DISTINCT = "citizen_pins_distinct"
BASE_SERVICES = "citizen_pins_base_services"
PINS, SERVICES = d.PINS, d.SERVICES

PENDING, DONE, CONFLICT, FAILED = "pending", "done", "conflict", "failed"
CREATE, REPLACE, DELETE = "create", "replace", "delete"

_COLS = ", ".join(f'"{n}" TEXT' for n in d.DATA_FIELDS)
_DDL = [
    f"""CREATE TABLE IF NOT EXISTS {BASE} (
        pin_id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, updated_at TEXT,
        {_COLS}, lon REAL, lat REAL)""",
    f"""CREATE TABLE IF NOT EXISTS {JOURNAL} (
        id INTEGER PRIMARY KEY AUTOINCREMENT, publish_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'replace', 'delete')),
        pin_id TEXT NOT NULL, if_match TEXT, payload TEXT, fields TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'conflict', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, status INTEGER, result_version INTEGER,
        message TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {JOURNAL}_state ON {JOURNAL} (state, id)",
    f"""CREATE TABLE IF NOT EXISTS {CONFLICTS} (
        id INTEGER PRIMARY KEY AUTOINCREMENT, pin_id TEXT NOT NULL, field TEXT NOT NULL,
        base_value TEXT, local_value TEXT, remote_value TEXT, remote_version INTEGER,
        detected_by TEXT, detected_at TEXT NOT NULL, resolution TEXT, resolved_at TEXT)""",
    f"CREATE INDEX IF NOT EXISTS {CONFLICTS}_pin ON {CONFLICTS} (pin_id, field)",
    f"""CREATE TABLE IF NOT EXISTS {DISTINCT} (
        pin_id TEXT PRIMARY KEY NOT NULL, other_pin_id TEXT, decided_at TEXT NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {BASE_SERVICES} (
        service_id TEXT PRIMARY KEY NOT NULL, pin_id TEXT, version INTEGER NOT NULL,
        updated_at TEXT, state TEXT NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {BASE_SERVICES}_pin ON {BASE_SERVICES} (pin_id)",
    # lookups by pin_id in the layer (not unique: a copied pin is reported, not refused by SQL)
    f'CREATE INDEX IF NOT EXISTS "{LAYER}_pin_id" ON "{LAYER}" (pin_id)',
]
_REGISTERED = (JOURNAL, CONFLICTS, DISTINCT)


class StoreError(Exception):
    """The working copy cannot hold the sync state (message says what to do)."""


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


# -- GeoPackage point blobs ----------------------------------------------------------------------

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def point_blob(lon: float, lat: float, srs_id: int = 4326) -> bytes:
    """A GeoPackage geometry blob of a 2D point (little-endian, no envelope)."""
    return b"GP\x00\x01" + struct.pack("<i", srs_id) + struct.pack("<bIdd", 1, 1, lon, lat)


def blob_point(blob) -> Optional[Tuple[float, float]]:
    """(x, y) of a GeoPackage point blob (2D/Z/M, any byte order); None if empty or not a point."""
    if blob is None or len(blob) < 8 or bytes(blob[:2]) != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # empty
        return None
    env = _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0)
    wkb = bytes(blob[8 + env:])
    if len(wkb) < 21:
        return None
    order = "<" if wkb[0] == 1 else ">"
    gtype = struct.unpack(order + "I", wkb[1:5])[0]
    if gtype & 0x0FFFFFFF not in (1, 1001, 2001, 3001) and gtype & 0xFF != 1:
        return None
    x, y = struct.unpack(order + "dd", wkb[5:21])
    if x != x or y != y:  # NaN: an empty point
        return None
    return x, y


def _st_is_empty(blob):
    if blob is None:
        return None
    return 1 if blob_point(blob) is None else 0


def _coord(i):
    def f(blob):
        p = blob_point(blob) if blob is not None else None
        return None if p is None else p[i]
    return f


# -- the store ------------------------------------------------------------------------------------

@dataclass
class LocalPin:
    fid: int
    state: d.State
    version: Optional[int]


@dataclass
class BasePin:
    version: int
    updated_at: Optional[str]
    state: d.State


@dataclass
class Conflict:
    id: int
    pin_id: str             # the item's id (a pin's, or a service's: see ``collection``)
    field: str
    base_value: object
    local_value: object
    remote_value: object
    remote_version: Optional[int]
    detected_by: str
    detected_at: str
    resolution: Optional[str]
    collection: str = PINS.collection


@dataclass
class JournalOp:
    id: int
    publish_id: str
    op: str
    pin_id: str
    if_match: Optional[str]
    payload: Optional[dict]
    fields: List[str]
    state: str
    attempts: int
    status: Optional[int]
    message: Optional[str]
    collection: str = PINS.collection

    @property
    def kind(self) -> d.Kind:
        return d.KINDS[self.collection]


class SyncStore:
    """The sync tables of one working copy, on one SQLite connection (use from one thread)."""

    def __init__(self, path: str, timeout_s: float = 60.0):
        self.path = path
        try:
            self.conn = sqlite3.connect(path, timeout=timeout_s, isolation_level=None,
                                        check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(f"Cannot open the working copy {path}: {e}")
        self.conn.create_function("ST_IsEmpty", 1, _st_is_empty)
        self.conn.create_function("ST_MinX", 1, _coord(0))
        self.conn.create_function("ST_MaxX", 1, _coord(0))
        self.conn.create_function("ST_MinY", 1, _coord(1))
        self.conn.create_function("ST_MaxY", 1, _coord(1))
        self.conn.execute("PRAGMA busy_timeout = %d" % int(timeout_s * 1000))
        self._depth = 0
        self._check_layer()
        self.ensure_tables()

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check_layer(self) -> None:
        cols = self.columns(LAYER)
        if not cols:
            raise StoreError(f"{self.path} is not a citizen_pins working copy (no layer "
                             f"'{LAYER}').")
        missing = [n for n in schema.FIELD_NAMES if n not in cols]
        if missing:
            raise StoreError(f"{self.path}: the service-point layer lacks fields "
                             f"{', '.join(missing)}.")
        row = self.conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE "
                                "table_name = ?", (LAYER,)).fetchone()
        self.geom_col = row[0] if row else "geom"
        pk = [c for c in self.conn.execute(compose("PRAGMA table_info({t})", t=ident(LAYER)))
              if c[5]]
        self.fid_col = pk[0][1] if pk else "fid"

    def columns(self, table: str) -> List[str]:
        return [r[1] for r in self.conn.execute(compose("PRAGMA table_info({t})", t=ident(table)))]

    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (nested uses join the outer transaction).

        ``durable`` (default): the commit is on disk before this returns (``synchronous=FULL``),
        what the journal needs before a request is sent.  ``durable=False`` (applying answers):
        ``synchronous=NORMAL`` -- still atomic and safe if the process dies; only a power cut may
        lose the last commits, and losing a "done" mark only means the operation is sent again
        and reconciled as already done.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("PRAGMA synchronous = %s" % ("FULL" if durable else "NORMAL"))
        for attempt in range(50):  # another writer (QGIS saving edits) holds the lock
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or attempt == 49:
                    raise StoreError(f"The working copy {self.path} is locked by another "
                                     f"program ({e}); close it there and try again.")
                time.sleep(0.2)
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        else:
            self._depth = 0
            self.conn.execute("COMMIT")

    def ensure_tables(self) -> None:
        with self.transaction() as c:
            for sql in _DDL:
                c.execute(sql)
            for table in (JOURNAL, CONFLICTS):  # made before services were synced
                if "collection" not in self.columns(table):
                    c.execute(f"ALTER TABLE {table} ADD COLUMN collection TEXT NOT NULL "
                              f"DEFAULT '{PINS.collection}'")
            c.execute(f"CREATE INDEX IF NOT EXISTS {CONFLICTS}_item ON {CONFLICTS} "
                      "(collection, pin_id)")
            for table in _REGISTERED:
                c.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier,"
                          " description, last_change) VALUES (?, 'attributes', ?, ?, ?)",
                          (table, table, "citizen_pins sync state", now_iso()))

    # -- meta ------------------------------------------------------------------------------------
    def meta(self) -> Dict[str, str]:
        return {str(k): str(v) for k, v in self.conn.execute(
            compose('SELECT "key", "value" FROM {t}', t=ident(META))) if k is not None}

    def set_meta(self, values: Dict[str, str]) -> None:
        with self.transaction() as c:
            for k, v in values.items():
                if c.execute(compose('UPDATE {t} SET "value" = ? WHERE "key" = ?', t=ident(META)),
                             (v, k)).rowcount == 0:
                    c.execute(compose('INSERT INTO {t} ("key", "value") VALUES (?, ?)',
                                      t=ident(META)), (k, v))

    # -- the layer -------------------------------------------------------------------------------
    def read_layer(self) -> Tuple[Dict[str, LocalPin], List[str]]:
        """Pins of the layer by pin_id, and problems (missing / malformed / repeated ids)."""
        out: Dict[str, LocalPin] = {}
        problems: List[str] = []
        for row in self.conn.execute(compose(
                "SELECT {fid}, pin_id, version, {geom}, {cols} FROM {t} ORDER BY {fid}",
                fid=ident(self.fid_col), geom=ident(self.geom_col), cols=idents(d.DATA_FIELDS),
                t=ident(LAYER))):
            fid, pin_id, version, blob = row[0], row[1], row[2], row[3]
            values = dict(zip(d.DATA_FIELDS, row[4:]))
            if not schema.is_pin_id(pin_id):
                problems.append(
                    f"Feature {fid}: pin_id '{pin_id or ''}' is not a lower-case UUID; give it a "
                    f"new one (the form's default) before publishing. / หมุดลำดับ {fid}: รหัสหมุด "
                    f"ไม่ถูกต้อง กรุณาสร้างรหัสใหม่ก่อนเผยแพร่")
                continue
            if pin_id in out:
                problems.append(
                    f"pin_id {pin_id} appears twice (features {out[pin_id].fid} and {fid}): a copy "
                    f"needs a new pin_id before publishing. / รหัสหมุด {pin_id} ซ้ำกัน (หมุดลำดับ "
                    f"{out[pin_id].fid} และ {fid}) หมุดที่คัดลอกต้องมีรหัสใหม่ก่อนเผยแพร่")
                continue
            out[pin_id] = LocalPin(fid, d.make_state(values, blob_point(blob)),
                                   int(version) if version is not None else None)
        return out, problems

    def write_layer_pin(self, pin_id: str, state: d.State, version: Optional[int] = None,
                        updated_at: Optional[str] = None, fid: Optional[int] = None,
                        insert: bool = False) -> None:
        """Insert or update one pin of the layer (by pin_id) with a state (+ registry fields)."""
        geom = state.get(d.GEOMETRY)
        blob = point_blob(geom[0], geom[1]) if geom is not None else None
        names = list(d.DATA_FIELDS)
        values = [state.get(n) for n in names]
        if fid is None and not insert:
            row = self.conn.execute(compose("SELECT {fid} FROM {t} WHERE pin_id = ?",
                                            fid=ident(self.fid_col), t=ident(LAYER)),
                                    (pin_id,)).fetchone()
            fid = row[0] if row else None
        with self.transaction() as c:
            if fid is None:
                c.execute(compose("INSERT INTO {t} ({geom}, pin_id, version, updated_at, {cols}) "
                                  "VALUES (?, ?, ?, ?, {marks})", t=ident(LAYER),
                                  geom=ident(self.geom_col), cols=idents(names),
                                  marks=marks(len(names))),
                          [blob, pin_id, version, _layer_dt(updated_at)] + values)
            else:
                c.execute(compose("UPDATE {t} SET {geom} = ?, version = ?, updated_at = ?, {sets} "
                                  "WHERE {fid} = ?", t=ident(LAYER), geom=ident(self.geom_col),
                                  sets=assignments(names), fid=ident(self.fid_col)),
                          [blob, version, _layer_dt(updated_at)] + values + [fid])

    def layer_pin(self, pin_id: str) -> Optional[LocalPin]:
        row = self.conn.execute(compose(
            "SELECT {fid}, version, {geom}, {cols} FROM {t} WHERE pin_id = ? ORDER BY {fid}",
            fid=ident(self.fid_col), geom=ident(self.geom_col), cols=idents(d.DATA_FIELDS),
            t=ident(LAYER)), (pin_id,)).fetchone()
        if row is None:
            return None
        return LocalPin(row[0], d.make_state(dict(zip(d.DATA_FIELDS, row[3:])),
                                             blob_point(row[2])),
                        int(row[1]) if row[1] is not None else None)

    def set_layer_version(self, pin_id: str, version: Optional[int],
                          updated_at: Optional[str]) -> None:
        with self.transaction() as c:
            c.execute(compose("UPDATE {t} SET version = ?, updated_at = ? WHERE pin_id = ?",
                              t=ident(LAYER)), (version, _layer_dt(updated_at), pin_id))

    def delete_layer_pin(self, pin_id: str) -> None:
        with self.transaction() as c:
            c.execute(compose("DELETE FROM {t} WHERE pin_id = ?", t=ident(LAYER)), (pin_id,))

    def change_pin_id(self, old: str, new: str) -> None:
        """A pin takes another id (its services follow it)."""
        with self.transaction() as c:
            c.execute(compose("UPDATE {t} SET pin_id = ?, version = NULL, updated_at = NULL "
                              "WHERE pin_id = ?", t=ident(LAYER)), (new, old))
            if self.has_services():
                c.execute('UPDATE "services" SET pin_id = ? WHERE pin_id = ?', (new, old))

    def repoint_import_report(self, old: str, new: str) -> None:
        """The import report's rows of pin ``old`` now name ``new`` (a re-import by source key
        then finds the pin under its new id)."""
        if "pin_id" not in self.columns("import_report"):
            return
        with self.transaction() as c:
            c.execute('UPDATE "import_report" SET pin_id = ? WHERE pin_id = ?', (new, old))

    # -- the base --------------------------------------------------------------------------------
    def read_base(self) -> Dict[str, BasePin]:
        out: Dict[str, BasePin] = {}
        for row in self.conn.execute(compose(
                "SELECT pin_id, version, updated_at, lon, lat, {cols} FROM {t}",
                cols=idents(d.DATA_FIELDS), t=ident(BASE))):
            geom = (row[3], row[4]) if row[3] is not None and row[4] is not None else None
            out[row[0]] = BasePin(int(row[1]), row[2],
                                  d.make_state(dict(zip(d.DATA_FIELDS, row[5:])), geom))
        return out

    def base_pin(self, pin_id: str) -> Optional[BasePin]:
        row = self.conn.execute(compose(
            "SELECT version, updated_at, lon, lat, {cols} FROM {t} WHERE pin_id = ?",
            cols=idents(d.DATA_FIELDS), t=ident(BASE)), (pin_id,)).fetchone()
        if row is None:
            return None
        geom = (row[2], row[3]) if row[2] is not None and row[3] is not None else None
        return BasePin(int(row[0]), row[1], d.make_state(dict(zip(d.DATA_FIELDS, row[4:])), geom))

    def set_base(self, pin_id: str, version: int, updated_at: Optional[str],
                 state: d.State) -> None:
        geom = state.get(d.GEOMETRY)
        names = list(d.DATA_FIELDS)
        with self.transaction() as c:
            c.execute(compose("INSERT OR REPLACE INTO {t} (pin_id, version, updated_at, lon, lat, "
                              "{cols}) VALUES (?, ?, ?, ?, ?, {marks})", t=ident(BASE),
                              cols=idents(names), marks=marks(len(names))),
                      [pin_id, int(version), updated_at,
                       geom[0] if geom else None, geom[1] if geom else None]
                      + [state.get(n) for n in names])

    def confirm_pins(self, rows: List[Tuple[int, str, int, Optional[str], d.State, int,
                                            Optional[int]]]) -> None:
        """Many pins the registry confirmed, in one transaction and one statement per table:
        ``rows`` of (journal op id, pin_id, version, updated_at, the state sent, HTTP status,
        the version the answer gave) --
        the base takes the state, the layer the version, the journal op is done (what
        :meth:`set_base`, :meth:`set_layer_version` and :meth:`journal_set` do one by one)."""
        if not rows:
            return
        names = list(d.DATA_FIELDS)
        t = now_iso()
        with self.transaction() as c:
            c.executemany(compose("INSERT OR REPLACE INTO {t} (pin_id, version, updated_at, lon, "
                                  "lat, {cols}) VALUES (?, ?, ?, ?, ?, {marks})", t=ident(BASE),
                                  cols=idents(names), marks=marks(len(names))),
                          [[pin_id, int(version), at, *_lonlat(state.get(d.GEOMETRY))]
                           + [state.get(n) for n in names]
                           for _op, pin_id, version, at, state, _s, _v in rows])
            c.executemany(compose("UPDATE {t} SET version = ?, updated_at = ? WHERE pin_id = ?",
                                  t=ident(LAYER)),
                          [(version, _layer_dt(at), pin_id)
                           for _op, pin_id, version, at, _state, _s, _v in rows])
            c.executemany(compose("UPDATE {t} SET state = ?, status = ?, result_version = ?, "
                                  "message = NULL, updated_at = ? WHERE id = ?",
                                  t=ident(JOURNAL)),
                          [(DONE, status, answered, t, op_id)
                           for op_id, _pin, _ver, _at, _state, status, answered in rows])

    def delete_base(self, pin_id: str) -> None:
        with self.transaction() as c:
            c.execute(compose("DELETE FROM {t} WHERE pin_id = ?", t=ident(BASE)), (pin_id,))

    # -- the journal -----------------------------------------------------------------------------
    def journal_add(self, publish_id: str, op: str, pin_id: str, if_match: Optional[str],
                    payload: Optional[dict], fields: List[str],
                    collection: str = PINS.collection) -> int:
        t = now_iso()
        with self.transaction() as c:
            cur = c.execute(compose("INSERT INTO {t} (publish_id, op, pin_id, if_match, payload, "
                                    "fields, state, created_at, updated_at, collection) VALUES "
                                    "(?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)", t=ident(JOURNAL)),
                            (publish_id, op, pin_id, if_match,
                             json.dumps(payload, ensure_ascii=False) if payload is not None
                             else None, json.dumps(fields), t, t, collection))
            return int(cur.lastrowid)

    def journal_add_many(self, publish_id: str,
                         ops: List[Tuple[str, str, Optional[str], Optional[dict], List[str],
                                         str]]) -> None:
        """:meth:`journal_add` of many operations (op, item id, If-Match, payload, fields,
        collection), in order, in one statement."""
        if not ops:
            return
        t = now_iso()
        with self.transaction() as c:
            c.executemany(compose("INSERT INTO {t} (publish_id, op, pin_id, if_match, payload, "
                                  "fields, state, created_at, updated_at, collection) VALUES "
                                  "(?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)", t=ident(JOURNAL)),
                          [(publish_id, op, pin_id, if_match,
                            json.dumps(payload, ensure_ascii=False) if payload is not None
                            else None, json.dumps(fields), t, t, collection)
                           for op, pin_id, if_match, payload, fields, collection in ops])

    def journal_set(self, op_id: int, state: str, status: Optional[int] = None,
                    version: Optional[int] = None, message: Optional[str] = None) -> None:
        with self.transaction() as c:
            c.execute(compose("UPDATE {t} SET state = ?, status = ?, result_version = ?, "
                              "message = ?, updated_at = ? WHERE id = ?", t=ident(JOURNAL)),
                      (state, status, version, message, now_iso(), op_id))

    def journal_attempt(self, op_ids: List[int]) -> None:
        with self.transaction() as c:
            c.executemany(compose("UPDATE {t} SET attempts = attempts + 1, updated_at = ? "
                                  "WHERE id = ?", t=ident(JOURNAL)),
                          [(now_iso(), i) for i in op_ids])

    def journal(self, states: Optional[Tuple[str, ...]] = None,
                publish_id: Optional[str] = None) -> List[JournalOp]:
        sql = compose("SELECT id, publish_id, op, pin_id, if_match, payload, fields, state, "
                      "attempts, status, message, collection FROM {t}", t=ident(JOURNAL))
        where, args = [], []
        if states:
            where.append(compose("state IN ({marks})", marks=marks(len(states))))
            args.extend(states)
        if publish_id:
            where.append("publish_id = ?")
            args.append(publish_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        return [JournalOp(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]) if r[5] else None,
                          json.loads(r[6] or "[]"), r[7], r[8], r[9], r[10], r[11])
                for r in self.conn.execute(sql, args)]

    def pending(self) -> List[JournalOp]:
        return self.journal((PENDING,))

    # -- conflicts -------------------------------------------------------------------------------
    def add_conflict(self, pin_id: str, field: str, base_value, local_value, remote_value,
                     remote_version: Optional[int], detected_by: str,
                     collection: str = PINS.collection) -> None:
        """Record (or refresh) an open conflict of an item (``pin_id``: its id) of
        ``collection``; an open one keeps its first base value."""
        kind = d.KINDS[collection]
        enc = (lambda v: kind.value_to_text(field, v))
        with self.transaction() as c:
            row = c.execute(compose("SELECT id FROM {t} WHERE pin_id = ? AND field = ? AND "
                                    "resolution IS NULL AND collection = ?", t=ident(CONFLICTS)),
                            (pin_id, field, collection)).fetchone()
            if row:
                c.execute(compose("UPDATE {t} SET local_value = ?, remote_value = ?, "
                                  "remote_version = ?, detected_by = ?, detected_at = ? "
                                  "WHERE id = ?", t=ident(CONFLICTS)),
                          (enc(local_value), enc(remote_value), remote_version, detected_by,
                           now_iso(), row[0]))
            else:
                c.execute(compose("INSERT INTO {t} (pin_id, field, base_value, local_value, "
                                  "remote_value, remote_version, detected_by, detected_at, "
                                  "collection) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  t=ident(CONFLICTS)),
                          (pin_id, field, enc(base_value), enc(local_value), enc(remote_value),
                           remote_version, detected_by, now_iso(), collection))

    def conflicts(self, open_only: bool = True, pin_id: Optional[str] = None,
                  collection: Optional[str] = None) -> List[Conflict]:
        """Conflicts (open ones by default) of every item, or of one (``pin_id``: the item's id,
        with ``collection`` to say which kind)."""
        sql = compose("SELECT id, pin_id, field, base_value, local_value, remote_value, "
                      "remote_version, detected_by, detected_at, resolution, collection FROM {t}",
                      t=ident(CONFLICTS))
        where, args = [], []
        if open_only:
            where.append("resolution IS NULL")
        if pin_id:
            where.append("pin_id = ?")
            args.append(pin_id)
        if collection:
            where.append("collection = ?")
            args.append(collection)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        out = []
        for r in self.conn.execute(sql, args):
            kind = d.KINDS.get(r[10], PINS)
            dec = (lambda v, f=r[2], k=kind: k.value_from_text(f, v))
            out.append(Conflict(r[0], r[1], r[2], dec(r[3]), dec(r[4]), dec(r[5]), r[6], r[7],
                                r[8], r[9], r[10]))
        return out

    def conflicted_pins(self) -> List[str]:
        return self.conflicted(PINS.collection)

    def conflicted(self, collection: str) -> List[str]:
        """The items of ``collection`` with open conflicts."""
        return [r[0] for r in self.conn.execute(
            compose("SELECT DISTINCT pin_id FROM {t} WHERE resolution IS NULL AND "
                    "collection = ?", t=ident(CONFLICTS)), (collection,))]

    def resolve(self, conflict_id: int, resolution: str) -> None:
        with self.transaction() as c:
            c.execute(compose("UPDATE {t} SET resolution = ?, resolved_at = ? WHERE id = ?",
                              t=ident(CONFLICTS)), (resolution, now_iso(), conflict_id))

    # -- "a different service point" -------------------------------------------------------------
    def distinct(self) -> Dict[str, Optional[str]]:
        """New pin -> the published pin it was said to differ from."""
        return {r[0]: r[1] for r in self.conn.execute(
            compose("SELECT pin_id, other_pin_id FROM {t}", t=ident(DISTINCT)))}

    def set_distinct(self, pin_id: str, other_pin_id: Optional[str]) -> None:
        with self.transaction() as c:
            c.execute(compose("INSERT OR REPLACE INTO {t} (pin_id, other_pin_id, decided_at) "
                              "VALUES (?, ?, ?)", t=ident(DISTINCT)),
                      (pin_id, other_pin_id, now_iso()))

    # -- services, steps and documents (the working copy's attribute tables) ---------------------
    def has_services(self) -> bool:
        """The working copy has the services' tables (a copy made before them has none: it
        holds no services, and a pull adds the tables)."""
        return all(self.columns(t.name) for t in schema.CHILD_TABLES)

    def _fid_of(self, table: str) -> str:
        pk = [c for c in self.conn.execute(compose("PRAGMA table_info({t})", t=ident(table)))
              if c[5]]
        return pk[0][1] if pk else "rowid"

    def _service_rows(self, where: Fragment = Fragment(""), args=()) -> Dict[str, list]:
        """Rows of the three tables (as dicts, with ``_fid``), by table name."""
        out: Dict[str, list] = {}
        for t in schema.CHILD_TABLES:
            have = set(self.columns(t.name))
            names = [n for n in t.field_names if n in have]
            fid = self._fid_of(t.name)
            if where:
                sql = compose("SELECT {fid}, {cols} FROM {t} WHERE service_id IN ({where}) "
                              "ORDER BY {fid}", fid=ident(fid), cols=idents(names),
                              t=ident(t.name), where=where)
            else:
                sql = compose("SELECT {fid}, {cols} FROM {t} ORDER BY {fid}", fid=ident(fid),
                              cols=idents(names), t=ident(t.name))
            rows = []
            for r in self.conn.execute(sql, args):
                rec = dict(zip(names, r[1:]))
                rec["_fid"] = r[0]
                rows.append(rec)
            out[t.name] = rows
        return out

    def read_services(self, only: Optional[List[str]] = None
                      ) -> Tuple[Dict[str, LocalPin], List[str]]:
        """The working copy's services as states (with their steps and documents) by
        service_id, and problems (missing / malformed / repeated ids) that stop a publish."""
        if not self.has_services():
            return {}, []
        if only is not None:
            if not only:
                return {}, []
            rows = self._service_rows(marks(len(only)), list(only))
        else:
            rows = self._service_rows()
        out: Dict[str, LocalPin] = {}
        problems: List[str] = []
        nested: Dict[str, Dict[str, list]] = {}
        for key, table in d.NESTED:
            seen = set()
            for r in rows[table.name]:
                sid, rid = r.get("service_id"), r.get(table.key)
                if not schema.is_pin_id(rid) or (sid, rid) in seen:
                    problems.append(
                        f"{table.label_en} row {r['_fid']} of service {sid or ''}: its id "
                        f"'{rid or ''}' is missing, malformed or repeated; give it a new one before "
                        f"publishing. / {table.label_th} ลำดับ {r['_fid']}: รหัสไม่ถูกต้องหรือซ้ำ "
                        "กรุณาสร้างรหัสใหม่ก่อนเผยแพร่")
                    continue
                seen.add((sid, rid))
                nested.setdefault(sid, {}).setdefault(key, []).append(r)
        for r in rows[schema.SERVICES]:
            sid = r.get("service_id")
            if not schema.is_pin_id(sid):
                problems.append(
                    f"Service row {r['_fid']}: service_id '{sid or ''}' is not a lower-case UUID; "
                    f"give it a new one before publishing. / งานบริการลำดับ {r['_fid']}: "
                    "รหัสงานบริการไม่ถูกต้อง กรุณาสร้างรหัสใหม่ก่อนเผยแพร่")
                continue
            if sid in out:
                problems.append(
                    f"service_id {sid} appears twice (rows {out[sid].fid} and {r['_fid']}): a copy "
                    f"needs a new service_id before publishing. / รหัสงานบริการ {sid} ซ้ำกัน "
                    "งานบริการที่คัดลอกต้องมีรหัสใหม่ก่อนเผยแพร่")
                continue
            kids = nested.get(sid, {})
            state = d.service_state(r, kids.get("steps", []), kids.get("documents", []))
            version = r.get("version")
            out[sid] = LocalPin(r["_fid"], state, int(version) if version is not None else None)
        return out, problems

    def local_service(self, service_id: str) -> Optional[LocalPin]:
        return self.read_services([service_id])[0].get(service_id)

    def services_of_pin(self, pin_id: str) -> List[str]:
        """The working copy's services of a pin (their ids)."""
        if not self.has_services():
            return []
        return [r[0] for r in self.conn.execute(
            'SELECT service_id FROM "services" WHERE pin_id = ?', (pin_id,))]

    def write_service(self, service_id: str, state: d.State, version: Optional[int] = None,
                      updated_at: Optional[str] = None) -> None:
        """Insert or update one service of the working copy with its steps and documents (rows
        kept where their ids are, added, or removed, so that the table's other rows and their
        feature ids stay as they are)."""
        feature = d.service_feature_from_state(service_id, state)
        props = feature["properties"]
        svc_cols = [n for n in d.SERVICE_FIELDS] + ["version", "updated_at"]
        values = [_sqlite_value(props.get(n)) for n in d.SERVICE_FIELDS] + [
            version, _layer_dt(updated_at)]
        with self.transaction() as c:
            row = c.execute('SELECT rowid FROM "services" WHERE service_id = ?',
                            (service_id,)).fetchone()
            if row is None:
                c.execute(compose('INSERT INTO "services" (service_id, {cols}) VALUES (?, {m})',
                                  cols=idents(svc_cols), m=marks(len(svc_cols))),
                          [service_id] + values)
            else:
                c.execute(compose('UPDATE "services" SET {a} WHERE rowid = ?',
                                  a=assignments(svc_cols)), values + [row[0]])
            for key, table in d.NESTED:
                names = [f.name for f in table.fields if f.name not in
                         (table.key, table.parent_key)]
                have = {r[0]: r[1] for r in c.execute(
                    compose("SELECT {k}, rowid FROM {t} WHERE service_id = ?",
                            k=ident(table.key), t=ident(table.name)),
                    (service_id,))}
                wanted = props.get(key) or []
                for rec in wanted:
                    vals = [_sqlite_value(rec.get(n)) for n in names]
                    rid = rec[table.key]
                    if rid in have:
                        c.execute(compose("UPDATE {t} SET {a} WHERE rowid = ?",
                                          t=ident(table.name), a=assignments(names)),
                                  vals + [have[rid]])
                    else:
                        c.execute(compose("INSERT INTO {t} ({k}, service_id, {cols}) VALUES "
                                          "(?, ?, {m})", t=ident(table.name), k=ident(table.key),
                                          cols=idents(names), m=marks(len(names))),
                                  [rid, service_id] + vals)
                gone = set(have) - {rec[table.key] for rec in wanted}
                for rid in gone:
                    c.execute(compose("DELETE FROM {t} WHERE rowid = ?", t=ident(table.name)),
                              (have[rid],))

    def delete_local_service(self, service_id: str) -> None:
        """A service of the working copy with its steps and documents."""
        with self.transaction() as c:
            for t in schema.CHILD_TABLES:
                c.execute(compose("DELETE FROM {t} WHERE service_id = ?", t=ident(t.name)),
                          (service_id,))

    def set_service_version(self, service_id: str, version: Optional[int],
                            updated_at: Optional[str]) -> None:
        with self.transaction() as c:
            c.execute('UPDATE "services" SET version = ?, updated_at = ? WHERE service_id = ?',
                      (version, _layer_dt(updated_at), service_id))

    def change_service_id(self, old: str, new: str, pin_id: Optional[str] = None) -> None:
        """A service (with its steps and documents) takes a new id (and, given, another pin)."""
        with self.transaction() as c:
            if pin_id:
                c.execute('UPDATE "services" SET service_id = ?, version = NULL, '
                          'updated_at = NULL, pin_id = ? WHERE service_id = ?', (new, pin_id, old))
            else:
                c.execute('UPDATE "services" SET service_id = ?, version = NULL, '
                          'updated_at = NULL WHERE service_id = ?', (new, old))
            for _key, table in d.NESTED:
                c.execute(compose("UPDATE {t} SET service_id = ? WHERE service_id = ?",
                                  t=ident(table.name)), (new, old))

    # -- the services' base ----------------------------------------------------------------------
    def read_service_base(self) -> Dict[str, BasePin]:
        return {r[0]: BasePin(int(r[1]), r[2], json.loads(r[3])) for r in self.conn.execute(
            compose("SELECT service_id, version, updated_at, state FROM {t}",
                    t=ident(BASE_SERVICES)))}

    def service_base(self, service_id: str) -> Optional[BasePin]:
        r = self.conn.execute(compose("SELECT version, updated_at, state FROM {t} "
                                      "WHERE service_id = ?", t=ident(BASE_SERVICES)),
                              (service_id,)).fetchone()
        return BasePin(int(r[0]), r[1], json.loads(r[2])) if r else None

    def service_base_of_pin(self, pin_id: str) -> Dict[str, int]:
        """The services of a pin as the registry had them at the last sync: id -> version."""
        return {r[0]: int(r[1]) for r in self.conn.execute(
            compose("SELECT service_id, version FROM {t} WHERE pin_id = ?",
                    t=ident(BASE_SERVICES)), (pin_id,))}

    def set_service_base(self, service_id: str, version: int, updated_at: Optional[str],
                         state: d.State) -> None:
        with self.transaction() as c:
            c.execute(compose("INSERT OR REPLACE INTO {t} (service_id, pin_id, version, "
                              "updated_at, state) VALUES (?, ?, ?, ?, ?)",
                              t=ident(BASE_SERVICES)),
                      (service_id, state.get("pin_id"), int(version), updated_at,
                       json.dumps(state, ensure_ascii=False)))

    def delete_service_base(self, service_id: str) -> None:
        with self.transaction() as c:
            c.execute(compose("DELETE FROM {t} WHERE service_id = ?", t=ident(BASE_SERVICES)),
                      (service_id,))

    # -- one engine for every kind of item -------------------------------------------------------
    def local_items(self, kind: d.Kind) -> Tuple[Dict[str, LocalPin], List[str]]:
        return self.read_layer() if kind is PINS else self.read_services()

    def local_item(self, kind: d.Kind, item_id: str) -> Optional[LocalPin]:
        return self.layer_pin(item_id) if kind is PINS else self.local_service(item_id)

    def write_local(self, kind: d.Kind, item_id: str, state: d.State, version: Optional[int],
                    updated_at: Optional[str], fid: Optional[int] = None,
                    insert: bool = False) -> None:
        if kind is PINS:
            self.write_layer_pin(item_id, state, version, updated_at, fid=fid, insert=insert)
        else:
            self.write_service(item_id, state, version, updated_at)

    def delete_local(self, kind: d.Kind, item_id: str) -> None:
        if kind is PINS:
            self.delete_layer_pin(item_id)
        else:
            self.delete_local_service(item_id)

    def set_local_version(self, kind: d.Kind, item_id: str, version: Optional[int],
                          updated_at: Optional[str]) -> None:
        if kind is PINS:
            self.set_layer_version(item_id, version, updated_at)
        elif self.has_services():
            self.set_service_version(item_id, version, updated_at)

    def base_items(self, kind: d.Kind) -> Dict[str, BasePin]:
        return self.read_base() if kind is PINS else self.read_service_base()

    def base_item(self, kind: d.Kind, item_id: str) -> Optional[BasePin]:
        return self.base_pin(item_id) if kind is PINS else self.service_base(item_id)

    def set_base_item(self, kind: d.Kind, item_id: str, version: int, updated_at: Optional[str],
                      state: d.State) -> None:
        if kind is PINS:
            self.set_base(item_id, version, updated_at, state)
        else:
            self.set_service_base(item_id, version, updated_at, state)

    def delete_base_item(self, kind: d.Kind, item_id: str) -> None:
        if kind is PINS:
            self.delete_base(item_id)
        else:
            self.delete_service_base(item_id)


def read_sync_state(path: str) -> Tuple[Optional[List[str]], List[str]]:
    """(the base's pin_ids, the pins said to be distinct) of a working copy, read-only; (None, [])
    when ``path`` is no working copy with a base (a plain layer, a CSV...)."""
    import os

    if not path or not os.path.isfile(path) or not path.lower().endswith(".gpkg"):
        return None, []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None, []
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if BASE not in tables:
            return None, []
        base = [r[0] for r in conn.execute(compose("SELECT pin_id FROM {t}", t=ident(BASE)))]
        distinct = ([r[0] for r in conn.execute(compose("SELECT pin_id FROM {t}",
                                                        t=ident(DISTINCT)))]
                    if DISTINCT in tables else [])
        return base, distinct
    except sqlite3.Error:
        return None, []
    finally:
        conn.close()


def _sqlite_value(value):
    """A state's value as SQLite stores it (booleans as 0/1)."""
    if isinstance(value, bool):
        return int(value)
    return value


def _lonlat(geom) -> Tuple[Optional[float], Optional[float]]:
    return (geom[0], geom[1]) if geom else (None, None)


def _layer_dt(value: Optional[str]) -> Optional[str]:
    """An ISO timestamp as GeoPackage DATETIME text (UTC, milliseconds, 'Z')."""
    if not value:
        return None
    try:
        t = _dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
