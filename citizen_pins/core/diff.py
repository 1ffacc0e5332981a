"""Diffs and three-way merges of pins: pure Python (no Qt, no network), tested directly.

A pin's *state* is a plain dict of the fields a person edits and a publish sends
(:data:`DATA_FIELDS`) plus ``geometry`` (a ``(lon, lat)`` tuple or None).  ``pin_id`` is the key,
never part of the state; ``version`` and ``updated_at`` belong to the registry and are never
compared.

* :func:`diff` compares the working copy's layer with the base (the registry's state at the last
  pull or publish): added, changed (which fields), deleted.
* :func:`merge3` merges base / local / remote per field: a field changed on one side only takes
  that side's value; changed on both sides to the same value is no conflict; changed on both
  sides to different values is a conflict -- the merged state keeps the LOCAL value (nobody's
  work is overwritten) and the field is reported.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from . import schema
from .normalize import clean_text, is_blank

GEOMETRY = "geometry"
#: Attributes of a pin's state (the editable fields but the id).
DATA_FIELDS: Tuple[str, ...] = tuple(f for f in schema.EDITABLE_FIELDS if f != "pin_id")
#: Everything compared and merged, field by field.
MERGE_FIELDS: Tuple[str, ...] = DATA_FIELDS + (GEOMETRY,)
#: Pseudo-field of a conflict about the pin's existence (deleted on one side, edited on the other).
EXISTENCE = "_deleted"
#: Coordinates closer than this (degrees, ~0.1 mm) are the same point (the registry's rule too).
COORD_EPSILON = 1e-9

State = Dict[str, object]


def normalize_value(name: str, value):
    """The comparable form of one value, as the registry stores it: blank text is None, text is
    clean (core/normalize.py: NFC, nothing blank around it)."""
    if name == GEOMETRY:
        if value is None:
            return None
        try:
            x, y = float(value[0]), float(value[1])
        except (TypeError, ValueError, IndexError):
            return None
        if math.isnan(x) or math.isnan(y):
            return None
        return (x, y)
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        value = str(value)
    if is_blank(value):
        return None
    f = schema.FIELD_BY_NAME.get(name)
    if f is not None and f.kind == schema.TEXT:
        return clean_text(value, f.multiline) or None
    return value


def make_state(values: Mapping[str, object], geometry=None) -> State:
    """A normalized state from attribute values (extra keys ignored) and a (lon, lat)."""
    out: State = {name: normalize_value(name, values.get(name)) for name in DATA_FIELDS}
    out[GEOMETRY] = normalize_value(GEOMETRY, geometry if geometry is not None
                                    else values.get(GEOMETRY))
    return out


def same_value(name: str, a, b) -> bool:
    a, b = normalize_value(name, a), normalize_value(name, b)
    if name == GEOMETRY:
        if a is None or b is None:
            return a is None and b is None
        return abs(a[0] - b[0]) <= COORD_EPSILON and abs(a[1] - b[1]) <= COORD_EPSILON
    return a == b


def changed_fields(before: Optional[Mapping[str, object]],
                   after: Optional[Mapping[str, object]]) -> List[str]:
    """The merge fields whose values differ (in :data:`MERGE_FIELDS` order)."""
    before = before or {}
    after = after or {}
    return [n for n in MERGE_FIELDS if not same_value(n, before.get(n), after.get(n))]


def same_state(a: Optional[Mapping[str, object]], b: Optional[Mapping[str, object]]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return not changed_fields(a, b)


# -- GeoJSON --------------------------------------------------------------------------------------

def state_from_feature(feature: Mapping) -> State:
    props = feature.get("properties") or {}
    geom = feature.get("geometry") or {}
    coords = geom.get("coordinates") if isinstance(geom, dict) and geom.get("type") == "Point" \
        else None
    point = (coords[0], coords[1]) if coords and len(coords) >= 2 else None
    return make_state(props, point)


def feature_from_state(pin_id: str, state: Mapping[str, object]) -> dict:
    """The GeoJSON Feature a publish sends (every editable field, None for empty)."""
    props = {n: normalize_value(n, state.get(n)) for n in DATA_FIELDS}
    geom = normalize_value(GEOMETRY, state.get(GEOMETRY))
    return {"type": "Feature", "id": pin_id,
            "geometry": ({"type": "Point", "coordinates": [geom[0], geom[1]]}
                         if geom is not None else None),
            "properties": props}


# -- diff -----------------------------------------------------------------------------------------

ADD, CHANGE, DELETE = "add", "change", "delete"


@dataclass
class Change:
    kind: str           # add | change | delete
    pin_id: str
    fields: List[str] = field(default_factory=list)  # changed fields (all set fields for an add)
    label: str = ""     # the pin's Thai name, for lists


@dataclass
class ChangeSet:
    added: List[Change] = field(default_factory=list)
    changed: List[Change] = field(default_factory=list)
    deleted: List[Change] = field(default_factory=list)

    @property
    def changes(self) -> List[Change]:
        return self.added + self.changed + self.deleted

    def __len__(self) -> int:
        return len(self.added) + len(self.changed) + len(self.deleted)

    def counts(self) -> Dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed),
                "deleted": len(self.deleted)}


def diff(base: Mapping[str, Mapping[str, object]], local: Mapping[str, Mapping[str, object]],
         skip: Iterable[str] = (), kind: "Optional[Kind]" = None) -> ChangeSet:
    """The changes of ``local`` against ``base`` (both: id -> state), sorted by id; ``kind``
    (default: pins) says how states are compared.

    Items in ``skip`` (e.g. with open conflicts) are left out.
    """
    changed = kind.changed_fields if kind is not None else changed_fields
    skip = set(skip)
    out = ChangeSet()
    for pin_id in sorted(set(base) | set(local)):
        if pin_id in skip:
            continue
        b, l_ = base.get(pin_id), local.get(pin_id)
        if b is None:
            if kind is None:
                fields = [n for n in MERGE_FIELDS if normalize_value(n, l_.get(n)) is not None]
            else:
                fields = [n for n in changed(None, l_)]
            out.added.append(Change(ADD, pin_id, fields, str(l_.get("name_th") or "")))
        elif l_ is None:
            out.deleted.append(Change(DELETE, pin_id, [], str(b.get("name_th") or "")))
        else:
            fields = changed(b, l_)
            if fields:
                out.changed.append(Change(CHANGE, pin_id, fields, str(l_.get("name_th") or "")))
    return out


# -- three-way merge ------------------------------------------------------------------------------

@dataclass
class MergeResult:
    merged: State
    conflicts: List[str]       # fields changed on both sides to different values
    local_only: List[str]      # fields changed locally only (kept)
    remote_only: List[str]     # fields changed remotely only (taken)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge3(base: Optional[Mapping[str, object]], local: Mapping[str, object],
           remote: Mapping[str, object]) -> MergeResult:
    """Merge field by field.  ``base`` None (no common ancestor known): every field on which
    local and remote differ is a conflict."""
    merged: State = {}
    conflicts: List[str] = []
    local_only: List[str] = []
    remote_only: List[str] = []
    for n in MERGE_FIELDS:
        lv, rv = local.get(n), remote.get(n)
        if same_value(n, lv, rv):
            merged[n] = normalize_value(n, lv)
            continue
        if base is not None and same_value(n, base.get(n), lv):
            merged[n] = normalize_value(n, rv)
            remote_only.append(n)
        elif base is not None and same_value(n, base.get(n), rv):
            merged[n] = normalize_value(n, lv)
            local_only.append(n)
        else:
            merged[n] = normalize_value(n, lv)
            conflicts.append(n)
    return MergeResult(merged, conflicts, local_only, remote_only)


# -- values as text (conflict table, JSON) --------------------------------------------------------

def value_to_text(name: str, value) -> Optional[str]:
    """A value as the conflicts table stores it: text, None, or ``POINT(lon lat)``."""
    value = normalize_value(name, value) if name != EXISTENCE else value
    if value is None:
        return None
    if name == GEOMETRY:
        return f"POINT({value[0]!r} {value[1]!r})"
    return str(value)


def value_from_text(name: str, text: Optional[str]):
    if text is None:
        return None
    if name == GEOMETRY:
        inner = text.strip()
        if inner.upper().startswith("POINT(") and inner.endswith(")"):
            parts = inner[6:-1].split()
            if len(parts) == 2:
                return (float(parts[0]), float(parts[1]))
        return None
    return text


def describe(changes: Sequence[Change], limit: int = 50) -> List[str]:
    """One line per change (for a preview list): ``+ id name``, ``~ id name: fields``, ``- id``."""
    sign = {ADD: "+", CHANGE: "~", DELETE: "-"}
    lines = []
    for c in changes[:limit]:
        text = f"{sign[c.kind]} {c.pin_id}"
        if c.label:
            text += f" {c.label}"
        if c.kind == CHANGE:
            text += ": " + ", ".join(c.fields)
        lines.append(text)
    if len(changes) > limit:
        lines.append(f"... (+{len(changes) - limit})")
    return lines


# -- services: one service with its steps and documents, compared and merged record by record -----
#
# A service's state is its own fields (its pin's ``pin_id`` included) plus, under ``steps`` and
# ``documents``, its nested records keyed by their own UUIDs ({step_id: {field: value}}).  The
# registry keeps one version per service, so the nested records travel with it; they are still
# compared and merged one by one, field by field, by their UUIDs.  A conflict is named by its
# path: ``name_th``, ``documents/<document_id>/copies``, or ``documents/<document_id>/_deleted``
# (a document deleted on one side and changed on the other).

SERVICE_KEY = schema.SERVICES_TABLE.key
#: A service's own fields in its state (its pin included, its key not).
SERVICE_FIELDS: Tuple[str, ...] = tuple(
    n for n in schema.SERVICES_TABLE.editable_fields if n != SERVICE_KEY)
#: The nested records of a service: their key in the state and the registry's JSON, and table.
NESTED: Tuple[Tuple[str, schema.ChildTable], ...] = (
    ("steps", schema.STEPS_TABLE), ("documents", schema.DOCUMENTS_TABLE))
NESTED_TABLE: Dict[str, schema.ChildTable] = dict(NESTED)


def _record_fields(table: schema.ChildTable) -> Tuple[schema.Field, ...]:
    """The fields of a nested record's state (not its key, not its parent's)."""
    return tuple(f for f in table.fields if f.name not in (table.key, table.parent_key)
                 and not f.registry_managed)


def record_value(f: schema.Field, value):
    """The comparable form of one value of a service, step or document, as the registry stores
    it: text clean (blank is None), whole numbers int, amounts float, yes/no bool."""
    if value is None or (not isinstance(value, (str, int, float, bool)) and str(value) == "NULL"):
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if f.kind == schema.TEXT:
        text = value if isinstance(value, str) else str(value)
        return None if is_blank(text) else (clean_text(text, f.multiline) or None)
    if f.kind in (schema.INTEGER, schema.REAL):
        if isinstance(value, bool):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            return None
        if math.isnan(number) or math.isinf(number):
            return None
        if f.kind == schema.INTEGER:
            return int(number) if number == int(number) else number
        return number
    if f.kind == schema.BOOLEAN:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes")
        return bool(value)
    text = value if isinstance(value, str) else str(value)
    return None if is_blank(text) else text.strip()


_SERVICE_FIELD = {f.name: f for f in schema.SERVICES_TABLE.fields}


def _record_state(table: schema.ChildTable, record: Mapping) -> State:
    return {f.name: record_value(f, record.get(f.name)) for f in _record_fields(table)}


def service_state(service: Mapping, steps: Iterable[Mapping] = (),
                  documents: Iterable[Mapping] = ()) -> State:
    """A normalized service state from its record and its steps' and documents' records (each
    with its own key; records without a key are left out: they cannot be synced)."""
    out: State = {n: record_value(_SERVICE_FIELD[n], service.get(n)) for n in SERVICE_FIELDS}
    for key, rows in (("steps", steps), ("documents", documents)):
        table = NESTED_TABLE[key]
        nested: Dict[str, State] = {}
        for r in rows:
            rid = r.get(table.key)
            if isinstance(rid, str) and rid:
                nested[rid] = _record_state(table, r)
        out[key] = nested
    return out


def service_state_from_feature(feature: Mapping) -> State:
    props = feature.get("properties") or {}
    return service_state(props, [r for r in props.get("steps") or [] if isinstance(r, dict)],
                         [r for r in props.get("documents") or [] if isinstance(r, dict)])


def service_feature_from_state(service_id: str, state: Mapping) -> dict:
    """The item a publish sends (every editable field, None for empty; nested records with
    their keys, steps in their order)."""
    props: Dict[str, object] = {n: state.get(n) for n in SERVICE_FIELDS}
    for key, table in NESTED:
        records = list((state.get(key) or {}).items())
        if table.order_by:
            records.sort(key=lambda kv: (kv[1].get(table.order_by) is None,
                                         kv[1].get(table.order_by) or 0, kv[0]))
        props[key] = [dict({table.key: rid}, **{f.name: rec.get(f.name)
                                               for f in _record_fields(table)})
                      for rid, rec in records]
    return {"type": "Feature", "id": service_id, "geometry": None, "properties": props}


def _same_record(table: schema.ChildTable, a: Optional[Mapping], b: Optional[Mapping]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return all(a.get(f.name) == b.get(f.name) for f in _record_fields(table))


def service_changed_fields(before: Optional[Mapping], after: Optional[Mapping]) -> List[str]:
    """What differs, as paths: a service field (``fee_amount``), a nested record added or
    removed (``documents/<id>``), a nested field (``documents/<id>/copies``)."""
    before = before or {}
    after = after or {}
    out = [n for n in SERVICE_FIELDS if before.get(n) != after.get(n)]
    for key, table in NESTED:
        b, a = before.get(key) or {}, after.get(key) or {}
        for rid in list(b) + [r for r in a if r not in b]:
            if rid not in a or rid not in b:
                out.append(f"{key}/{rid}")
                continue
            out += [f"{key}/{rid}/{f.name}" for f in _record_fields(table)
                    if b[rid].get(f.name) != a[rid].get(f.name)]
    return out


def same_service(a: Optional[Mapping], b: Optional[Mapping]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return not service_changed_fields(a, b)


def _merge_flat(names: Iterable[str], base: Optional[Mapping], local: Mapping, remote: Mapping,
                prefix: str, merged: State, out: "MergeResult") -> None:
    for n in names:
        lv, rv = local.get(n), remote.get(n)
        if lv == rv:
            merged[n] = lv
        elif base is not None and base.get(n) == lv:
            merged[n] = rv
            out.remote_only.append(prefix + n)
        elif base is not None and base.get(n) == rv:
            merged[n] = lv
            out.local_only.append(prefix + n)
        else:
            merged[n] = lv
            out.conflicts.append(prefix + n)


def merge_service(base: Optional[Mapping], local: Mapping, remote: Mapping) -> MergeResult:
    """Three-way merge of a service: its fields one by one, its steps and documents record by
    record (by UUID) and field by field.  A nested record added on one side is kept; deleted on
    one side and untouched on the other is deleted; deleted on one side and changed on the other
    is a conflict (``<key>/<id>/_deleted``).  Conflicting values: the merged state keeps the
    LOCAL one (nobody's work is overwritten)."""
    out = MergeResult({}, [], [], [])
    _merge_flat(SERVICE_FIELDS, base, local, remote, "", out.merged, out)
    for key, table in NESTED:
        b_all = (base or {}).get(key) or {}
        l_all, r_all = local.get(key) or {}, remote.get(key) or {}
        merged: Dict[str, State] = {}
        for rid in list(l_all) + [r for r in r_all if r not in l_all]:
            b, lv, rv = b_all.get(rid), l_all.get(rid), r_all.get(rid)
            path = f"{key}/{rid}"
            if _same_record(table, lv, rv):
                merged[rid] = dict(lv)
            elif rv is None:                         # not in the registry (any more)
                if b is None:
                    merged[rid] = dict(lv)           # added here
                    out.local_only.append(path)
                elif _same_record(table, b, lv):
                    out.remote_only.append(path)     # deleted there, untouched here
                else:
                    merged[rid] = dict(lv)           # deleted there, changed here
                    out.conflicts.append(f"{path}/{EXISTENCE}")
            elif lv is None:                         # not here (any more)
                if base is None or b is None:
                    merged[rid] = dict(rv)           # added there
                    out.remote_only.append(path)
                elif _same_record(table, b, rv):
                    out.local_only.append(path)      # deleted here, untouched there
                else:
                    out.conflicts.append(f"{path}/{EXISTENCE}")  # deleted here, changed there
            else:
                rec: State = {}
                _merge_flat([f.name for f in _record_fields(table)], b, lv, rv, path + "/",
                            rec, out)
                merged[rid] = rec
        out.merged[key] = merged
    return out


def service_field(path: str) -> Optional[schema.Field]:
    """The schema field a conflict path names (None for an existence pseudo-field)."""
    parts = path.split("/")
    if len(parts) == 1:
        return _SERVICE_FIELD.get(parts[0])
    if len(parts) == 3 and parts[0] in NESTED_TABLE and parts[2] != EXISTENCE:
        table = NESTED_TABLE[parts[0]]
        return next((f for f in table.fields if f.name == parts[2]), None)
    return None


def service_value_to_text(path: str, value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value):
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def service_value_from_text(path: str, text: Optional[str]):
    f = service_field(path)
    if text is None or f is None:
        return text
    return record_value(f, text)


def label_of(state: Optional[Mapping]) -> str:
    return str((state or {}).get("name_th") or "")


# -- what is synced: pins and services, one engine ------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """One kind of item the sync engine carries: its registry collection (and tombstones), its
    key, and how its states are read, written, compared and merged."""

    collection: str
    deleted_collection: str
    key: str
    state_from_feature: Callable[[Mapping], State]
    feature_from_state: Callable[[str, Mapping], dict]
    changed_fields: Callable[[Optional[Mapping], Optional[Mapping]], List[str]]
    merge3: Callable[[Optional[Mapping], Mapping, Mapping], MergeResult]
    value_to_text: Callable[[str, object], Optional[str]]
    value_from_text: Callable[[str, Optional[str]], object]

    def same_state(self, a: Optional[Mapping], b: Optional[Mapping]) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return not self.changed_fields(a, b)


PINS = Kind("service_points", "deleted_service_points", "pin_id", state_from_feature,
            feature_from_state, changed_fields, merge3, value_to_text, value_from_text)
SERVICES = Kind("services", "deleted_services", SERVICE_KEY, service_state_from_feature,
                service_feature_from_state, service_changed_fields, merge_service,
                service_value_to_text, service_value_from_text)
KINDS: Dict[str, Kind] = {k.collection: k for k in (PINS, SERVICES)}


def value_at(state: Optional[Mapping], path: str):
    """The value a conflict path names in a state: a field's value, or for an existence path
    (``_deleted``, ``documents/<id>/_deleted``, ``documents/<id>``) "exists" / "deleted"."""
    if path == EXISTENCE:
        return "exists" if state is not None else "deleted"
    if state is None:
        return None
    parts = path.split("/")
    if len(parts) == 1:
        return state.get(path)
    record = (state.get(parts[0]) or {}).get(parts[1])
    if len(parts) == 2 or parts[2] == EXISTENCE:
        return "exists" if record is not None else "deleted"
    return None if record is None else record.get(parts[2])
