"""Writes of services -- each with its steps and documents nested -- the write handler of the
``services`` collection, and the precondition a pin's deletion may carry about its services.

A service is one item: ``{"type": "Feature", "id": service_id, "geometry": null, "properties":
{pin_id, name_th, ..., "steps": [...], "documents": [...], version, updated_at, province_code}}``
(the exchange format's service, :mod:`citizen_pins.core.services`).  Its steps and documents keep
their own UUIDs; the service has one version, so a change to a document is a new version of its
service, sent with one ``If-Match``.

The gateway hands it a request already checked (origin, media type, size, JSON, If-Match, the
account) and a cursor inside ONE transaction.  Authorization follows the service's pin: an
account writes the services of the pins of its provinces (the old pin and the new one, when a
service moves).  Values are checked with the plugin's own rules (``services.check_record``, text as
:mod:`citizen_pins.core.normalize` says) and every problem is said in Thai and English (422).  It
writes only through the database's functions (:mod:`registry.services_db`), which check the
actor's province and the version again and audit, in the same transaction.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Dict, List, Optional, Tuple

from psycopg2.extras import Json

from citizen_pins.core import normalize, schema
from citizen_pins.core.services import check_record

from . import validation as v
from .accounts import Account
from .pins import _province_list, stale
from .services_db import MAX_INTEGER, MAX_REAL, NESTED, TOMBSTONES, VIEW
from .web import Reply, bad_request, etag_of

COLLECTION = "services"
ITEMS = f"/collections/{COLLECTION}/items"
TABLE = schema.SERVICES_TABLE
#: What a client sends of a service (its pin included), its key excepted.
EDITABLE = [n for n in TABLE.editable_fields if n != TABLE.key]
#: Set by the registry: accepted on input (a client may send an item back) and ignored.
MANAGED = ("version", "updated_at", "province_code")
#: Steps (and documents) one service may have.
MAX_NESTED = 500
#: Problems listed in one answer at most.
MAX_PROBLEMS = 50
#: Services a pin's deletion may list in its precondition.
MAX_PRECONDITION = 10000
#: The header of a pin's DELETE listing the services the client knows (id:version, or "none").
SERVICES_HEADER = "X-Citizen-Pins-Services"
_DUMMY_ID = "00000000-0000-4000-8000-000000000000"


def _iso(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value.astimezone(dt.timezone.utc).isoformat()


class Service:
    """A parsed service: its editable values, its nested records (parent key left out)."""

    def __init__(self, service_id: Optional[str], values: Dict[str, object],
                 nested: Dict[str, List[dict]]):
        self.service_id = service_id
        self.values = values
        self.nested = nested

    @property
    def pin_id(self) -> Optional[str]:
        p = self.values.get("pin_id")
        return p if isinstance(p, str) else None

    def payload(self) -> dict:
        out = {n: self.values.get(n) for n in EDITABLE}
        out.update({key: rows for key, rows in self.nested.items()})
        return out


# -- checking a body -----------------------------------------------------------------------------

def _problem(field: str, p) -> dict:
    return v.problem(field, p.code or "invalid", p.message_en, p.message_th)


def _clean(table: schema.ChildTable, raw: dict, prefix: str, skip: Tuple[str, ...],
           parent_id: Optional[str]) -> Tuple[dict, List[dict]]:
    """One record's values (text clean, as the registry stores it) and its problems (fields
    named ``<prefix><field>``)."""
    problems: List[dict] = []
    values: Dict[str, object] = {}
    text_bad = set()
    for f in table.fields:
        if f.registry_managed or f.name in skip:
            continue
        value = raw.get(f.name)
        if f.kind == schema.TEXT and isinstance(value, str):
            value = normalize.clean_text(value, f.multiline)
            if normalize.is_blank(value):
                value = None
            else:
                bad = normalize.text_problem(value, f.length, f.multiline)
                if bad is not None:
                    problems.append(v.problem(prefix + f.name, bad, *normalize.text_message(
                        bad, f.label_en, f.label_th, f.length)))
                    text_bad.add(f.name)
        elif f.kind in (schema.INTEGER, schema.REAL) and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            big = MAX_INTEGER if f.kind == schema.INTEGER else MAX_REAL
            if isinstance(value, float) and not math.isfinite(value) or abs(value) > big:
                problems.append(v.problem(
                    prefix + f.name, "too_large",
                    f"'{f.label_en}' must be a finite number of at most {big:g}.",
                    f"'{f.label_th}' ต้องเป็นตัวเลขไม่เกิน {big:g}"))
                text_bad.add(f.name)
        values[f.name] = value
    checked = dict(values)
    for name in skip:  # the keys the caller checks itself
        checked[name] = parent_id if name == table.parent_key and parent_id else _DUMMY_ID
    for p in check_record(table, checked):
        if p.field not in text_bad:
            problems.append(_problem(prefix + p.field, p))
    return values, problems


def _nested(table: schema.ChildTable, key: str, raw, service_id: Optional[str]
            ) -> Tuple[List[dict], List[dict]]:
    if raw is None:
        return [], []
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        return [], [v.problem(key, "type", f"'{key}' must be a list of objects.",
                              f"'{key}' ต้องเป็นรายการของออบเจกต์")]
    if len(raw) > MAX_NESTED:
        return [], [v.problem(key, "too_many", f"A service has at most {MAX_NESTED} {key}.",
                              f"งานบริการหนึ่งมี{table.label_th}ได้ไม่เกิน {MAX_NESTED} รายการ")]
    out, problems, seen = [], [], set()
    known = set(table.field_names)
    for i, rec in enumerate(raw):
        prefix = f"{key}[{i}]."
        for k in sorted(rec)[:20]:
            if k not in known:
                problems.append(v.problem(prefix + k[:100], "unknown_field",
                                          f"Unknown field '{k[:64]}' in {key}; the fields are: "
                                          f"{', '.join(n for n in table.field_names if n != table.parent_key)}.",
                                          f"ไม่รู้จักช่องข้อมูล '{k[:64]}' ใน{table.label_th}"))
        parent = rec.get(table.parent_key)
        if parent is not None and parent != service_id:
            problems.append(v.problem(prefix + table.parent_key, "id_mismatch",
                                      f"A record of {key} names another service than its own.",
                                      f"{table.label_th}ระบุงานบริการอื่นที่ไม่ใช่งานบริการของตน"))
        values, bad = _clean(table, rec, prefix, (table.parent_key,), service_id)
        problems.extend(bad)
        rid = values.get(table.key)
        if isinstance(rid, str):  # (not text: a type problem already)
            if rid in seen:
                problems.append(v.problem(prefix + table.key, "duplicate_id",
                                          f"{table.key} {rid[:64]} appears twice in {key}.",
                                          f"รหัส {rid[:64]} ซ้ำกันใน{table.label_th}"))
            seen.add(rid)
        out.append({n: values.get(n) for n in table.field_names if n != table.parent_key})
    return out, problems


def parse_service(obj, url_id: Optional[str] = None) -> Tuple[Optional[Service], List[dict]]:
    """Check a service (a GeoJSON Feature without geometry) against the schema.  Returns the
    service (None when hopeless) and the list of problems."""
    if not isinstance(obj, dict) or obj.get("type") != "Feature":
        return None, [v.problem(None, "not_a_feature",
                                "The body must be one GeoJSON Feature (\"type\": \"Feature\") "
                                "whose properties are the service.",
                                "ข้อมูลที่ส่งต้องเป็น GeoJSON Feature หนึ่งรายการ (properties คืองานบริการ)")]
    props = obj.get("properties")
    if props is None:
        props = {}
    if not isinstance(props, dict):
        return None, [v.problem(None, "properties", "\"properties\" must be an object.",
                                "\"properties\" ต้องเป็นออบเจกต์")]
    problems: List[dict] = []
    ids = [x for x in (obj.get("id"), props.get(TABLE.key), url_id) if x is not None]
    service_id = None
    if not ids:
        problems.append(v.problem(TABLE.key, "required", "service_id is missing (the feature's "
                                  "id).", "ไม่มีรหัสงานบริการ (service_id)"))
    elif any(x != ids[0] for x in ids[1:]):
        problems.append(v.problem(TABLE.key, "id_mismatch",
                                  "The feature's id, properties.service_id and the URL name "
                                  "different services; a service_id never changes.",
                                  "รหัสงานบริการใน URL, id และ properties.service_id ไม่ตรงกัน"))
    elif not schema.is_pin_id(ids[0]):
        problems.append(v.problem(TABLE.key, "format", "service_id must be a lower-case UUID.",
                                  "รหัสงานบริการต้องเป็น UUID ตัวพิมพ์เล็ก"))
    else:
        service_id = ids[0]
    if obj.get("geometry") is not None:
        problems.append(v.problem("geometry", "geometry_not_allowed",
                                  "A service has no geometry of its own (it is where its pin "
                                  "is): send \"geometry\": null.",
                                  "งานบริการไม่มีตำแหน่งของตนเอง (อยู่ที่หมุดของตน) ให้ส่ง geometry เป็น null"))
    allowed = set(EDITABLE) | {TABLE.key} | set(MANAGED) | {key for key, _t in NESTED}
    for k in sorted(props)[:200]:
        if k not in allowed:
            problems.append(v.problem(k[:100], "unknown_field",
                                      f"Unknown property '{k[:64]}'. The properties are: "
                                      f"{', '.join(EDITABLE)}, steps, documents.",
                                      f"ไม่รู้จักช่องข้อมูล '{k[:64]}'"))
            if len(problems) > 20:
                break
    values, bad = _clean(TABLE, {k: props.get(k) for k in EDITABLE}, "", (TABLE.key,),
                         service_id)
    problems.extend(bad)
    nested = {}
    for key, table in NESTED:
        rows, bad = _nested(table, key, props.get(key), service_id)
        nested[key] = rows
        problems.extend(bad)
    if len(problems) > MAX_PROBLEMS:  # enough to see the mistakes; a body of errors is no list
        more = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [v.problem(
            None, "more_problems", f"... and {more} more problems.", f"... และอีก {more} รายการ")]
    return Service(service_id, {n: values.get(n) for n in EDITABLE}, nested), problems


# -- comparing and answering ---------------------------------------------------------------------

def _same(f: schema.Field, a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if f.kind == schema.REAL:
        return float(a) == float(b)
    return a == b


def _same_record(table: schema.ChildTable, a: dict, b: dict, skip=()) -> bool:
    return all(_same(f, a.get(f.name), b.get(f.name)) for f in table.fields
               if not f.registry_managed and f.name not in skip)


def same_content(row: dict, svc: Service) -> bool:
    """The stored service (a row of the view) has exactly the content sent (nested records
    compared by their ids, in any order)."""
    if not _same_record(TABLE, row, svc.values, (TABLE.key,)):
        return False
    for key, table in NESTED:
        have = {r.get(table.key): r for r in row.get(key) or []}
        sent = {r.get(table.key): r for r in svc.nested.get(key) or []}
        if set(have) != set(sent) or not all(
                _same_record(table, have[k], sent[k], (table.parent_key,)) for k in sent):
            return False
    return True


def row_to_feature(row: dict) -> dict:
    """A service as the registry publishes it (as pygeoapi serves the view)."""
    props = {n: row.get(n) for n in EDITABLE}
    props["province_code"] = row.get("province_code")
    for key, _t in NESTED:
        props[key] = row.get(key) or []
    props["version"] = row["version"]
    props["updated_at"] = _iso(row["updated_at"])
    return {"type": "Feature", "id": row[TABLE.key], "geometry": None, "properties": props}


def invalid(problems: List[dict]) -> Reply:
    return Reply(422, "invalid", "The service has problems: "
                 + "; ".join(p["message_en"] for p in problems),
                 "งานบริการมีข้อผิดพลาด: " + "; ".join(p["message_th"] for p in problems),
                 problems=problems)


def forbidden(account: Account, province: Optional[str]) -> Reply:
    provs = list(account.provinces)
    where_en = _province_list([province] if province else [], "en")
    where_th = _province_list([province] if province else [], "th")
    if provs:
        en = (f"Your account may edit the services of pins of provinces "
              f"{_province_list(provs, 'en')} only; this service's pin is in province {where_en}.")
        th = (f"บัญชีของคุณแก้ไขงานบริการได้เฉพาะของหมุดในจังหวัด {_province_list(provs, 'th')} "
              f"เท่านั้น (หมุดของงานบริการนี้อยู่ในจังหวัด {where_th})")
    else:
        en = f"Your account ({account.role}) may not edit any service."
        th = f"บัญชีของคุณ ({account.role}) ไม่มีสิทธิ์แก้ไขงานบริการใด ๆ"
    return Reply(403, "forbidden", en, th, allowed_provinces=provs)


class ServiceWrites:
    """create / replace / delete of one service (with its steps and documents), inside the
    caller's transaction."""

    collection = COLLECTION
    id_field = TABLE.key

    def __init__(self, public_url: str):
        self.public_url = public_url.rstrip("/")

    # -- the three operations ------------------------------------------------------------------
    def create(self, cur, account: Account, body, distinct: bool = False) -> Reply:
        svc = self.check(cur, account, body)
        cur.execute(f"SELECT deleted_at FROM {TOMBSTONES} WHERE service_id = %s",
                    (svc.service_id,))
        gone = cur.fetchone()
        if gone:
            raise Reply(409, "deleted", f"Service {svc.service_id} was deleted on "
                        f"{_iso(gone['deleted_at'])}; a deleted service's id is never used again.",
                        f"งานบริการ {svc.service_id} ถูกลบไปแล้ว ใช้รหัสเดิมซ้ำไม่ได้")
        cur.execute("SELECT citizen_pins_create_service(%s, %s, %s) AS inserted",
                    (account.name, svc.service_id, Json(svc.payload())))
        inserted = cur.fetchone()["inserted"]
        row = self._select(cur, svc.service_id)
        headers = {"ETag": etag_of(row["version"]),
                   "Location": f"{self.public_url}{ITEMS}/{svc.service_id}"}
        if inserted:
            return Reply(201, body=row_to_feature(row), headers=headers)
        if same_content(row, svc):  # a repeated POST (a lost answer): no second record
            return Reply(200, body=row_to_feature(row), headers=headers)
        raise Reply(409, "exists_different",
                    f"A service with id {svc.service_id} already exists with different content. "
                    "To change it, replace it (PUT with If-Match).",
                    f"มีงานบริการรหัส {svc.service_id} อยู่แล้วแต่ข้อมูลต่างกัน หากต้องการแก้ไขให้ใช้ PUT "
                    "พร้อม If-Match",
                    headers={"ETag": etag_of(row["version"])}, current=row_to_feature(row))

    def replace(self, cur, account: Account, service_id: str, version: int, body) -> Reply:
        _, problems = parse_service(body)
        if problems:  # what is wrong with the body alone is said first, whatever the version
            raise invalid(problems)
        old = self._locked(cur, account, service_id, version)
        svc = self.check(cur, account, body, url_id=service_id)
        if same_content(old, svc):
            return Reply(200, body=row_to_feature(old), headers={"ETag": etag_of(version)})
        cur.execute("SELECT citizen_pins_replace_service(%s, %s, %s, %s)",
                    (account.name, service_id, version, Json(svc.payload())))
        row = self._select(cur, service_id)
        return Reply(200, body=row_to_feature(row), headers={"ETag": etag_of(row["version"])})

    def delete(self, cur, account: Account, service_id: str, version: int) -> Reply:
        self._locked(cur, account, service_id, version)
        cur.execute("SELECT citizen_pins_delete_service(%s, %s, %s)",
                    (account.name, service_id, version))
        return Reply(204, headers={"ETag": etag_of(version + 1)})

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _select(cur, service_id: str) -> dict:
        cur.execute(f"SELECT * FROM {VIEW} WHERE service_id = %s", (service_id,))
        return cur.fetchone()

    def check(self, cur, account: Account, body, url_id: Optional[str] = None) -> Service:
        """Validate the new version of a service and authorize it by its pin's province
        (raises 422 / 409 / 403)."""
        svc, problems = parse_service(body, url_id=url_id)
        if problems:
            raise invalid(problems)
        cur.execute("SELECT province_code FROM service_points WHERE pin_id = %s", (svc.pin_id,))
        pin = cur.fetchone()
        if pin is None:
            cur.execute("SELECT deleted_at FROM deleted_service_points WHERE pin_id = %s",
                        (svc.pin_id,))
            if cur.fetchone() is not None:
                raise Reply(409, "pin_deleted",
                            f"The service's pin {svc.pin_id} was deleted (with its services).",
                            f"หมุด {svc.pin_id} ของงานบริการนี้ถูกลบไปแล้ว (พร้อมงานบริการของหมุด)")
            raise invalid([v.problem("pin_id", "pin_not_found",
                                     f"There is no pin {svc.pin_id} in the registry: publish the "
                                     "service point first.",
                                     f"ไม่พบหมุด {svc.pin_id} ในทะเบียนกลาง กรุณาเผยแพร่จุดให้บริการก่อน")])
        if not account.may_write(pin["province_code"]):
            raise forbidden(account, pin["province_code"])
        return svc

    def _locked(self, cur, account: Account, service_id: str, version: int) -> dict:
        """The current service, locked until the transaction ends, after the rights and version
        checks (403 / 404 / 412)."""
        old = None
        if schema.is_pin_id(service_id):
            cur.execute("SELECT * FROM citizen_pins_lock_service(%s)", (service_id,))
            old = cur.fetchone()
        if old is None:
            raise self.not_found(cur, service_id)
        if not account.may_write(old["province_code"]):
            raise forbidden(account, old["province_code"])
        if old["version"] != version:
            raise stale(old["version"], row_to_feature(old), "service", "งานบริการ")
        return old

    def not_found(self, cur, service_id: Optional[str]) -> Reply:
        shown = str(service_id)[:64]
        if schema.is_pin_id(service_id):
            cur.execute(f"SELECT t.deleted_at, (p.pin_id IS NOT NULL) AS with_pin FROM "
                        f"{TOMBSTONES} t LEFT JOIN deleted_service_points p ON p.pin_id = t.pin_id "
                        "WHERE t.service_id = %s", (service_id,))
            gone = cur.fetchone()
            if gone and gone["with_pin"]:
                return Reply(404, "pin_deleted", f"Service {service_id} was deleted with its pin "
                             f"on {_iso(gone['deleted_at'])}.",
                             f"งานบริการ {service_id} ถูกลบไปพร้อมกับหมุดของงานบริการ")
            if gone:
                return Reply(404, "deleted", f"Service {service_id} was deleted on "
                             f"{_iso(gone['deleted_at'])}.", f"งานบริการ {service_id} ถูกลบไปแล้ว")
        return Reply(404, "not_found", f"There is no service {shown} in the registry (a new "
                     "service is created with POST).", f"ไม่พบงานบริการ {shown} ในทะเบียนกลาง")


# -- a pin's deletion and its services -------------------------------------------------------------

def _bad_precondition() -> Reply:
    return bad_request("bad_services_precondition",
                       f"{SERVICES_HEADER} lists the pin's services as the client knows them: "
                       "'none', or service_id:version pairs separated by commas (in a bulk "
                       "delete: \"services\": {service_id: version}).",
                       f"{SERVICES_HEADER} ต้องเป็น 'none' หรือรายการ service_id:รุ่น คั่นด้วยจุลภาค")


_PAIR = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{1,9})")


def services_precondition(value) -> Optional[Dict[str, int]]:
    """The services a pin's deletion says the pin has (service_id -> version): from the header
    (text) or a bulk operation (an object); None when not given."""
    if value is None:
        return None
    out: Dict[str, int] = {}
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "none":
            return out
        parts = [p.strip() for p in text.split(",")]
        if not text or len(parts) > MAX_PRECONDITION:
            raise _bad_precondition()
        for p in parts:
            m = _PAIR.fullmatch(p)
            if not m or m.group(1) in out:
                raise _bad_precondition()
            out[m.group(1)] = int(m.group(2))
        return out
    if isinstance(value, dict) and len(value) <= MAX_PRECONDITION:
        for k, ver in value.items():
            if not schema.is_pin_id(k) or isinstance(ver, bool) or not isinstance(ver, int) \
                    or not 0 < ver < 10 ** 9:
                raise _bad_precondition()
            out[k] = ver
        return out
    raise _bad_precondition()


def check_pin_services(cur, pin_id: str, expected: Dict[str, int], pin_feature: dict,
                       pin_version: int) -> None:
    """Before a pin (locked) is deleted with its services: refuse (412 ``services_changed``)
    unless its services are exactly those the client knows, at those versions -- so that a
    service someone added or changed meanwhile is never deleted unseen.  The services are locked
    until the transaction ends."""
    cur.execute("SELECT service_id, version FROM citizen_pins_lock_pin_services(%s)", (pin_id,))
    have = {r["service_id"]: r["version"] for r in cur.fetchall()}
    if have == expected:
        return
    cur.execute(f"SELECT * FROM {VIEW} WHERE pin_id = %s ORDER BY service_id", (pin_id,))
    current = [row_to_feature(r) for r in cur.fetchall()]
    raise Reply(412, "services_changed",
                "Someone changed the services of this pin after your last pull (added, changed or "
                "deleted one); deleting the pin would delete them unseen. Pull again, check, then "
                "publish.",
                "มีผู้อื่นแก้ไขงานบริการของหมุดนี้หลังจากที่คุณดึงข้อมูลครั้งล่าสุด การลบหมุดจะลบงานบริการ"
                "เหล่านั้นไปด้วย กรุณาดึงข้อมูลใหม่ ตรวจสอบ แล้วจึงเผยแพร่",
                headers={"ETag": etag_of(pin_version)}, current=pin_feature, services=current)
