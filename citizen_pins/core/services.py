"""Services, their steps and documents as plain data: read once, checked, exchanged as JSON.

Pure Python (no QGIS): the validation rules, the Zero Copy status, the import and the registry
gateway all use these.  A record is a ``dict`` of schema field names to Python values (``str``,
``int``, ``float``, ``bool`` or ``None``); records read from a working copy also carry ``_fid``
(the GeoPackage feature id, to select or fix the record in QGIS; never sent anywhere).

The JSON exchange format (docs/services.md) is one service with its steps and documents nested::

    {"format": "citizen_pins.service/1",
     "point": {"pin_id": "...", "name_th": "...", "tambon_code": "..."},
     "service": {"name_th": "...", ..., "steps": [{...}], "documents": [{...}]}}

A file holds one such object, a list of them, or ``{"services": [...]}``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

from . import schema
from .schema import (BOOLEAN, CODE, DATETIME, INTEGER, REAL, TEXT, UUID, ChildTable, Field)

FORMAT = "citizen_pins.service/1"
FID = "_fid"


@dataclass
class ServiceSet:
    """Every service, step and document of a working copy (or of a registry extract)."""

    services: List[dict] = field(default_factory=list)
    steps: List[dict] = field(default_factory=list)
    documents: List[dict] = field(default_factory=list)
    #: Every pin id of the working copy the records may belong to (None: the pins validated with
    #: them); a service whose pin is not there is an orphan.
    pins: Optional[Set[str]] = None

    def rows(self, table: str) -> List[dict]:
        return {schema.SERVICES: self.services, schema.SERVICE_STEPS: self.steps,
                schema.SERVICE_DOCUMENTS: self.documents}[table]

    def __len__(self) -> int:
        return len(self.services) + len(self.steps) + len(self.documents)

    def by_parent(self, table: str) -> Dict[str, List[dict]]:
        """Records of ``table`` grouped by their parent's UUID (in order, when the table has one)."""
        t = schema.child_table(table)
        out: Dict[str, List[dict]] = {}
        for r in self.rows(table):
            out.setdefault(r.get(t.parent_key) or "", []).append(r)
        if t.order_by:
            for rows in out.values():
                rows.sort(key=lambda r: (_number(r.get(t.order_by)) is None,
                                         _number(r.get(t.order_by)) or 0))
        return out


def is_active(service: dict) -> bool:
    """A service is active unless it says otherwise (NULL counts as active)."""
    v = service.get("active")
    return True if v is None else bool(v)


def _number(value) -> Optional[float]:
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return None if math.isnan(v) else v


def number(value) -> Optional[float]:
    """A record's numeric value as float (None when empty or not a number)."""
    return _number(value)


def duration_minutes(amount, unit: Optional[str]) -> Optional[float]:
    """``amount`` in ``unit`` (minute / hour / day) as minutes; None when either is unknown."""
    a = _number(amount)
    per = schema.UNIT_MINUTES.get(unit or "")
    return None if a is None or per is None else a * per


# -- checking a record --------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """What is wrong with one value of a record, in Thai and English, saying what to do;
    ``code`` names the kind of problem (``unknown_field``, ``required``, ``type``, ``format``,
    ``not_allowed``, ``minimum``, ``too_long``) for programs (the registry's 422 answers)."""

    field: str
    message_th: str
    message_en: str
    code: str = ""

    def text(self) -> str:
        return f"{self.field}: {self.message_en} / {self.message_th}"


_URL_RE = re.compile(r"^https?://([^/?#\s]+)([/?#]\S*)?$", re.IGNORECASE)


def is_url(text: object) -> bool:
    """An absolute http(s) address with a host name (what a citizen can open in a browser)."""
    if not isinstance(text, str):
        return False
    m = _URL_RE.match(text.strip())
    if not m:
        return False
    host = m.group(1).rsplit("@", 1)[-1].split(":", 1)[0]
    return "." in host.strip(".") and ".." not in host


def _type_ok(f: Field, v) -> bool:
    if f.kind in (TEXT, CODE, UUID, DATETIME):
        return isinstance(v, str)
    if f.kind == INTEGER:
        return isinstance(v, int) and not isinstance(v, bool)
    if f.kind == REAL:  # a finite number (no NaN, no infinity)
        return (isinstance(v, (int, float)) and not isinstance(v, bool)
                and _number(v) is not None and math.isfinite(_number(v)))
    if f.kind == BOOLEAN:
        return isinstance(v, bool)
    return True


_KIND_TH = {TEXT: "ข้อความ", CODE: "ข้อความ", UUID: "UUID", DATETIME: "วันเวลา ISO-8601",
            INTEGER: "จำนวนเต็ม", REAL: "ตัวเลข", BOOLEAN: "จริง/เท็จ (true/false)"}
_KIND_EN = {TEXT: "text", CODE: "text", UUID: "a UUID", DATETIME: "an ISO-8601 date-time",
            INTEGER: "a whole number", REAL: "a number", BOOLEAN: "true or false"}


def _shown(value, limit: int = 60) -> str:
    """A value as a message quotes it (long ones cut: a message never echoes a whole body)."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def check_record(table: ChildTable, record: dict, with_keys: bool = True) -> List[Problem]:
    """The problems of one record against the schema: unknown fields, types, required values,
    allowed values, minimums and lengths.  ``with_keys=False`` skips the UUID keys (a record
    about to get new ones).  Cross-field rules (a fee kind without amount...) are validation's."""
    out: List[Problem] = []
    known = set(table.field_names)
    for name in record:
        if name not in known and name != FID:
            shown = _shown(name)
            out.append(Problem(name, f"ไม่มีช่อง '{shown}' ใน{table.label_th}: ลบออกหรือแก้ชื่อช่อง",
                               f"{table.label_en} have no field '{shown}': remove it or fix its "
                               "name", "unknown_field"))
    for f in table.fields:
        if f.registry_managed:
            continue
        if f.kind == UUID and not with_keys:
            continue
        v = record.get(f.name)
        if v is None or (isinstance(v, str) and not v.strip()):
            if f.required:
                out.append(Problem(f.name, f"ต้องกรอก '{f.label_th}'",
                                   f"'{f.label_en}' is required", "required"))
            continue
        if not _type_ok(f, v):
            shown = _shown(repr(v))
            out.append(Problem(f.name, f"'{f.label_th}' ต้องเป็น{_KIND_TH[f.kind]} ไม่ใช่ {shown}",
                               f"'{f.label_en}' must be {_KIND_EN[f.kind]}, not {shown}", "type"))
            continue
        if f.kind == UUID and not schema.is_pin_id(v):
            out.append(Problem(f.name, f"'{f.label_th}' ต้องเป็น UUID ตัวพิมพ์เล็ก ไม่ใช่ '{_shown(v)}'",
                               f"'{f.label_en}' must be a lower-case UUID, not '{_shown(v)}'",
                               "format"))
        if f.choices and v not in [c.key for c in f.choices]:
            keys = ", ".join(c.key for c in f.choices)
            out.append(Problem(f.name, f"'{f.label_th}' ต้องเป็นค่าหนึ่งใน {keys} ไม่ใช่ '{_shown(v)}'",
                               f"'{f.label_en}' must be one of {keys}, not '{_shown(v)}'",
                               "not_allowed"))
        if f.minimum is not None and f.kind in (INTEGER, REAL) and v < f.minimum:
            out.append(Problem(f.name, f"'{f.label_th}' ต้องไม่น้อยกว่า {f.minimum:g} ไม่ใช่ {v}",
                               f"'{f.label_en}' must be at least {f.minimum:g}, not {v}",
                               "minimum"))
        if f.length and isinstance(v, str) and len(v) > f.length:
            out.append(Problem(f.name, f"'{f.label_th}' ยาวเกิน {f.length} ตัวอักษร",
                               f"'{f.label_en}' is longer than {f.length} characters",
                               "too_long"))
    return out


# -- the JSON exchange format -------------------------------------------------------------------

class ExchangeError(ValueError):
    """A JSON document that is not in the exchange format; the message says what to fix."""


def _plain(table: ChildTable, record: dict, drop: Iterable[str] = ()) -> dict:
    skip = set(drop) | {FID}
    return {f.name: record.get(f.name) for f in table.fields
            if f.name not in skip and record.get(f.name) is not None}


def service_to_json(service: dict, steps: Iterable[dict] = (), documents: Iterable[dict] = (),
                    point: Optional[dict] = None) -> dict:
    """One service with its steps and documents in the exchange format (registry-managed fields
    kept when present; the parent keys of the nested records left out: they are implied)."""
    s = _plain(schema.SERVICES_TABLE, service)
    s["steps"] = [_plain(schema.STEPS_TABLE, r, ("service_id",)) for r in steps]
    s["documents"] = [_plain(schema.DOCUMENTS_TABLE, r, ("service_id",)) for r in documents]
    out = {"format": FORMAT}
    if point:
        out["point"] = dict(point)
    out["service"] = s
    return out


@dataclass
class ExchangedService:
    """One service read from the exchange format, not yet matched to a pin."""

    number: int                     # 1-based position in the file
    point: dict                     # how to find its service point (pin_id, or name + codes)
    service: dict
    steps: List[dict]
    documents: List[dict]


POINT_KEYS = ("pin_id", "name_th", "province_code", "amphoe_code", "tambon_code")


def services_from_json(data) -> List[ExchangedService]:
    """The services of a parsed JSON document in the exchange format (values not yet checked:
    that is :func:`check_record`'s and the importer's job).  Raises ExchangeError when the shape
    is not the exchange format at all."""
    if isinstance(data, dict) and isinstance(data.get("services"), list):
        items = data["services"]
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        items = [data]
    else:
        raise ExchangeError("The JSON is neither a service object nor a list of them: see "
                            "docs/services.md for the exchange format.")
    out = []
    for k, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ExchangeError(f"Item {k} is not a JSON object.")
        fmt = item.get("format")
        if fmt is not None and fmt != FORMAT:
            raise ExchangeError(f"Item {k} is in format '{fmt}'; this version reads '{FORMAT}'.")
        service = item.get("service", item if "name_th" in item else None)
        if not isinstance(service, dict):
            raise ExchangeError(f"Item {k} has no 'service' object.")
        service = dict(service)
        steps = service.pop("steps", None) or []
        documents = service.pop("documents", None) or []
        if not isinstance(steps, list) or not isinstance(documents, list):
            raise ExchangeError(f"Item {k}: 'steps' and 'documents' must be lists.")
        point = item.get("point") or {}
        if not isinstance(point, dict):
            raise ExchangeError(f"Item {k}: 'point' must be an object.")
        point = {key: point.get(key) for key in POINT_KEYS if point.get(key) not in (None, "")}
        if service.get("pin_id") and "pin_id" not in point:
            point["pin_id"] = service["pin_id"]
        for name, rows in (("steps", steps), ("documents", documents)):
            if not all(isinstance(r, dict) for r in rows):
                raise ExchangeError(f"Item {k}: every entry of '{name}' must be an object.")
        out.append(ExchangedService(k, point, service, [dict(r) for r in steps],
                                    [dict(r) for r in documents]))
    return out


def orphans(data: ServiceSet, pin_ids: Iterable[str]) -> Tuple[List[dict], List[dict], List[dict]]:
    """Services whose pin is missing, and steps / documents whose service is missing."""
    pins = set(pin_ids)
    service_ids = {s.get("service_id") for s in data.services}
    return ([s for s in data.services if s.get("pin_id") not in pins],
            [r for r in data.steps if r.get("service_id") not in service_ids],
            [r for r in data.documents if r.get("service_id") not in service_ids])
