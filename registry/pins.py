"""Writes of service points (pins): the write handler of the ``service_points`` collection.

The gateway hands it a request already checked (origin, media type, size, JSON, If-Match, the
account) and a cursor inside ONE transaction; it locks the pin, checks the account's rights on the
old and the new version, the version named by If-Match, validates, and writes through the
database's functions (``citizen_pins_create_pin`` / ``_replace_pin`` / ``_delete_pin``), which
check the actor's provinces and the version again and audit, in the same transaction.  The
gateway's database role can do nothing else to the table.
"""
from __future__ import annotations

import datetime as dt
from typing import Dict, Iterable, List, Optional

from psycopg2 import sql as pgsql
from psycopg2.extras import Json

from citizen_pins.core import duplicates, normalize, schema
from citizen_pins.core.dopa import codes

from . import validation as v
from .accounts import Account
from .web import Reply, etag_of

COLLECTION = "service_points"
ITEMS = f"/collections/{COLLECTION}/items"
EDITABLE = [f for f in schema.EDITABLE_FIELDS if f != "pin_id"]
COLUMNS = ["pin_id"] + EDITABLE + ["version", "updated_at"]
SELECT_COLUMNS = ", ".join(COLUMNS) + ", ST_X(geom) AS lon, ST_Y(geom) AS lat"

# The set-based statements of a bulk request's creates (PinWrites.create_many).
_EXISTING = pgsql.SQL("SELECT {} FROM service_points WHERE pin_id = ANY(%s)").format(
    pgsql.SQL(SELECT_COLUMNS))
_CREATE_MANY = pgsql.SQL("SELECT {} FROM citizen_pins_create_pins(%s, %s)").format(
    pgsql.SQL(SELECT_COLUMNS))
#: pairs (n < m) of the new points (lon[], lat[], province[]) within a distance (degrees,
#: metres) of each other in the same province
_PAIRS_IN_BATCH = pgsql.SQL(
    "WITH p AS (SELECT n, pv, ST_SetSRID(ST_MakePoint(x, y), 4326) AS g FROM "
    "unnest(%s::float8[], %s::float8[], %s::text[]) WITH ORDINALITY AS t(x, y, pv, n)) "
    "SELECT a.n, b.n AS m FROM p a JOIN p b ON a.n < b.n AND a.pv = b.pv "
    "AND ST_DWithin(a.g, b.g, %s) AND ST_DWithin(a.g::geography, b.g::geography, %s)")
#: per new point, the live pins of its province within the distance, nearest first: through the
#: spatial index per point (OFFSET 0: the province is compared after, else the planner may scan
#: the whole province for each point -- measured: 1.5 s per 500 pins at 10k pins)
_NEAR_LIVE = pgsql.SQL(
    "WITH p AS (SELECT n, pv, ST_SetSRID(ST_MakePoint(x, y), 4326) AS g FROM "
    "unnest(%s::float8[], %s::float8[], %s::text[]) WITH ORDINALITY AS t(x, y, pv, n)) "
    "SELECT p.n, s.* FROM p CROSS JOIN LATERAL (SELECT {}, "
    "ST_Distance(geom::geography, p.g::geography) AS metres FROM service_points "
    "WHERE ST_DWithin(geom, p.g, %s) AND ST_DWithin(geom::geography, p.g::geography, %s) "
    "OFFSET 0) s WHERE s.province_code = p.pv ORDER BY p.n, s.metres").format(
    pgsql.SQL(SELECT_COLUMNS))


def _iso(value) -> Optional[str]:
    if value is None:
        return None
    return value.astimezone(dt.timezone.utc).isoformat()


def row_to_feature(row: dict) -> dict:
    """A pin as GeoJSON, shaped like pygeoapi's items (id = pin_id, not repeated in properties)."""
    props = {name: row[name] for name in EDITABLE}
    props["version"] = row["version"]
    props["updated_at"] = _iso(row["updated_at"])
    return {"type": "Feature", "id": row["pin_id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": props}


def same_content(row: dict, pin: v.Pin) -> bool:
    if any(row[name] != pin.values.get(name) for name in EDITABLE):
        return False
    return abs(row["lon"] - pin.lon) < 1e-9 and abs(row["lat"] - pin.lat) < 1e-9


def _province_list(provs: Iterable[str], lang: str) -> str:
    dopa = codes()
    return ", ".join(f"{c} {dopa.name(c, lang)}".strip() for c in provs) or "-"


def forbidden(account: Account, what_en: str, what_th: str) -> Reply:
    provs = list(account.provinces)
    if provs:
        en = (f"Your account may edit pins of provinces {_province_list(provs, 'en')} only; "
              f"{what_en}.")
        th = f"บัญชีของคุณแก้ไขหมุดได้เฉพาะจังหวัด {_province_list(provs, 'th')} เท่านั้น ({what_th})"
    else:
        en = f"Your account ({account.role}) may not edit any pin; {what_en}."
        th = f"บัญชีของคุณ ({account.role}) ไม่มีสิทธิ์แก้ไขหมุดใด ๆ ({what_th})"
    return Reply(403, "forbidden", en, th, allowed_provinces=provs)


def stale(version: int, current: dict, what_en: str = "pin", what_th: str = "หมุด") -> Reply:
    """412: the If-Match named another version than the registry's (``current``, ETag)."""
    return Reply(412, "precondition_failed",
                 f"Someone changed this {what_en} after your last pull (the registry has version "
                 f"{version}). Pull again, check the changes, then publish.",
                 f"มีผู้อื่นแก้ไข{what_th}นี้หลังจากที่คุณดึงข้อมูลครั้งล่าสุด (ทะเบียนกลางมีรุ่น "
                 f"{version}) กรุณาดึงข้อมูลใหม่ ตรวจสอบ แล้วจึงเผยแพร่",
                 headers={"ETag": etag_of(version)}, current=current)


def invalid(problems: List[dict]) -> Reply:
    return Reply(422, "invalid", "The pin has problems: "
                 + "; ".join(p["message_en"] for p in problems),
                 "หมุดมีข้อผิดพลาด: " + "; ".join(p["message_th"] for p in problems),
                 problems=problems)


class PinWrites:
    """create / replace / delete of one pin, inside the caller's transaction."""

    collection = COLLECTION
    id_field = "pin_id"
    #: a delete may name the pin's services as the client knows them (registry/services.py)
    takes_services = True

    def __init__(self, public_url: str, tolerance_m: float):
        self.public_url = public_url.rstrip("/")
        self.tolerance_m = float(tolerance_m)

    # -- the three operations ------------------------------------------------------------------
    def create(self, cur, account: Account, body, distinct: bool = False) -> Reply:
        """``distinct``: the client says the pin is a different service point from a same-named
        pin of its province nearby (else such a create is refused: 409 ``duplicate``)."""
        pin = self.check_new(cur, account, body)
        cur.execute("SELECT deleted_at FROM deleted_service_points WHERE pin_id = %s",
                    (pin.pin_id,))
        gone = cur.fetchone()
        if gone:
            raise Reply(409, "deleted", f"Pin {pin.pin_id} was deleted on "
                        f"{_iso(gone['deleted_at'])}; a deleted pin's id is never used again.",
                        f"หมุด {pin.pin_id} ถูกลบไปแล้ว ใช้รหัสหมุดเดิมซ้ำไม่ได้")
        if not distinct:
            self.refuse_duplicate(cur, pin)
        cur.execute("SELECT citizen_pins_create_pin(%s, %s, %s, %s, %s) AS inserted",
                    (account.name, pin.pin_id, Json(self._values(pin)), pin.lon, pin.lat))
        inserted = cur.fetchone()["inserted"]
        row = self._select(cur, pin.pin_id)
        headers = {"ETag": etag_of(row["version"]), "Location": f"{self.public_url}{ITEMS}/"
                   f"{pin.pin_id}"}
        if inserted:
            return Reply(201, body=row_to_feature(row), headers=headers)
        if same_content(row, pin):
            # A repeated POST (e.g. after a lost answer): success, no second record.
            return Reply(200, body=row_to_feature(row), headers=headers)
        raise Reply(409, "exists_different",
                    f"A pin with id {pin.pin_id} already exists with different content. To "
                    "change it, replace it (PUT with If-Match).",
                    f"มีหมุดรหัส {pin.pin_id} อยู่แล้วแต่ข้อมูลต่างกัน หากต้องการแก้ไขให้ใช้ PUT พร้อม If-Match",
                    headers={"ETag": etag_of(row["version"])}, current=row_to_feature(row))

    def replace(self, cur, account: Account, pin_id: str, version: int, body) -> Reply:
        _, problems = v.parse_feature(body)
        if problems:  # what is wrong with the body alone is said first, whatever the version
            raise invalid(problems)  # (a missing pin is 404 before a body naming another: 422)
        old = self._locked(cur, account, pin_id, version)
        pin = self.check_new(cur, account, body, url_id=pin_id)
        if same_content(old, pin):
            return Reply(200, body=row_to_feature(old), headers={"ETag": etag_of(version)})
        cur.execute("SELECT citizen_pins_replace_pin(%s, %s, %s, %s, %s, %s)",
                    (account.name, pin_id, version, Json(self._values(pin)), pin.lon, pin.lat))
        row = self._select(cur, pin_id)
        return Reply(200, body=row_to_feature(row), headers={"ETag": etag_of(row["version"])})

    def delete(self, cur, account: Account, pin_id: str, version: int,
               services: Optional[dict] = None) -> Reply:
        """``services`` (service_id -> version): the pin's services as the client knows them;
        when given, the pin is deleted (its services with it) only if they are exactly those
        (else 412 ``services_changed``, registry/services.py)."""
        old = self._locked(cur, account, pin_id, version)
        if services is not None:
            from .services import check_pin_services

            check_pin_services(cur, pin_id, services, row_to_feature(old), version)
        cur.execute("SELECT citizen_pins_delete_pin(%s, %s, %s)", (account.name, pin_id, version))
        return Reply(204, headers={"ETag": etag_of(version + 1)})

    def refuse_duplicate(self, cur, pin: v.Pin) -> None:
        """A new pin (not a repeated POST of its own id) where a live pin of its province with the
        same name already is (core/duplicates.py) is the same service point again: 409
        ``duplicate`` naming that pin, unless the client said it is a different one."""
        cur.execute("SELECT 1 FROM service_points WHERE pin_id = %s", (pin.pin_id,))
        if cur.fetchone() is not None or pin.lon is None:
            return
        metres = duplicates.SAME_POINT_M
        cur.execute(
            "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(%s, %s), 4326) AS g) "
            f"SELECT {SELECT_COLUMNS}, "
            "ST_Distance(geom::geography, p.g::geography) AS metres FROM service_points, p "
            "WHERE province_code = %s AND ST_DWithin(geom, p.g, %s) "
            "AND ST_DWithin(geom::geography, p.g::geography, %s) ORDER BY metres",
            (pin.lon, pin.lat, pin.province_code, metres / 50000.0, metres))
        for row in cur.fetchall():
            if duplicates.same_name(pin.values.get("name_th"), row["name_th"]):
                self._refuse_as_duplicate(row)

    @staticmethod
    def _refuse_as_duplicate(row: dict) -> None:
        """409 ``duplicate``: ``row`` (with its distance, ``metres``) is the same service
        point."""
        name, d = row["name_th"], row["metres"]
        raise Reply(
            409, "duplicate",
            f"The registry already has this service point: '{name}' (pin "
            f"{row['pin_id']}) is {d:.0f} m away with the same name. Edit that pin "
            "instead of adding it again; if this really is a different service point, "
            "send it marked as one (header X-Citizen-Pins-Distinct: true, or "
            "\"distinct\": true in a bulk operation).",
            f"ทะเบียนกลางมีจุดบริการนี้แล้ว: หมุด '{name}' อยู่ห่างเพียง {d:.0f} เมตรและชื่อ"
            "เหมือนกัน กรุณาแก้ไขหมุดเดิมแทนการเพิ่มซ้ำ หากเป็นจุดบริการอื่นจริง "
            "ให้ระบุว่าเป็นจุดบริการอื่น",
            existing=row_to_feature(row))

    # -- many creates at once (a bulk request) ---------------------------------------------------
    def create_many(self, cur, account: Account, items: List[tuple]) -> Optional[List[Reply]]:
        """``items``: (body, distinct) of creates with different ids.  The replies of
        :meth:`create` called on each in turn, with the same rules per pin (authorization by
        province, validation, the deleted ids, duplicates, idempotence), but in set-based SQL: one
        query locates every point, one reads the deleted ids, one the existing pins, one the
        same-named pins nearby, one INSERT writes the new pins (the triggers stamp and audit each
        row).  None when the pins could not be told apart from one another's effects (two new
        pins of the batch the same service point): the caller then creates them one by one.  A
        database error (a constraint) propagates: the caller rolls back and goes one by one, so
        that each pin gets its own answer."""
        memo = self.locate_many(cur, items)
        replies: List[Optional[Reply]] = [None] * len(items)
        pins: Dict[int, v.Pin] = {}
        for i, (body, _distinct) in enumerate(items):
            try:
                pins[i] = self.check_new(cur, account, body, memo=memo)
            except Reply as r:
                replies[i] = r
        ids = [p.pin_id for p in pins.values()]
        cur.execute("SELECT pin_id, deleted_at FROM deleted_service_points "
                    "WHERE pin_id = ANY(%s)", (ids,))
        gone = {r["pin_id"]: r["deleted_at"] for r in cur.fetchall()}
        cur.execute(_EXISTING, (ids,))
        existing = {r["pin_id"]: r for r in cur.fetchall()}
        new: Dict[int, v.Pin] = {}
        for i, pin in pins.items():
            if pin.pin_id in gone:
                replies[i] = Reply(409, "deleted", f"Pin {pin.pin_id} was deleted on "
                                   f"{_iso(gone[pin.pin_id])}; a deleted pin's id is never used "
                                   "again.", f"หมุด {pin.pin_id} ถูกลบไปแล้ว ใช้รหัสหมุดเดิมซ้ำไม่ได้")
            elif pin.pin_id not in existing:
                new[i] = pin
        # a new pin (not distinct) that is a live pin of its province again: 409 duplicate; two
        # new pins of this batch that are the same service point: one by one (the second is
        # refused naming the first, as created)
        located = {i: p for i, p in new.items() if p.lon is not None}
        check = {i: p for i, p in located.items() if not items[i][1]}
        if check:
            if self._same_in_batch(cur, located, check):
                return None
            dup = self._duplicates(cur, check)
            for i, reply in dup.items():
                replies[i] = reply
                del new[i]
        rows: Dict[str, dict] = {}
        if new:
            cur.execute(
                _CREATE_MANY,
                (account.name, Json([dict(self._values(p), pin_id=p.pin_id, lon=p.lon, lat=p.lat)
                                     for p in new.values()])))
            rows = {r["pin_id"]: r for r in cur.fetchall()}
        for i, pin in pins.items():
            if replies[i] is not None:
                continue
            if pin.pin_id in rows:
                row, status = rows[pin.pin_id], 201
            else:  # it was there (a repeated POST), or came meanwhile (another request)
                row, status = existing.get(pin.pin_id) or self._select(cur, pin.pin_id), 200
            headers = {"ETag": etag_of(row["version"]),
                       "Location": f"{self.public_url}{ITEMS}/{pin.pin_id}"}
            if status == 201 or same_content(row, pin):
                replies[i] = Reply(status, body=row_to_feature(row), headers=headers)
            else:
                replies[i] = Reply(
                    409, "exists_different",
                    f"A pin with id {pin.pin_id} already exists with different content. To "
                    "change it, replace it (PUT with If-Match).",
                    f"มีหมุดรหัส {pin.pin_id} อยู่แล้วแต่ข้อมูลต่างกัน หากต้องการแก้ไขให้ใช้ PUT พร้อม If-Match",
                    headers={"ETag": etag_of(row["version"])}, current=row_to_feature(row))
        return replies

    def locate_many(self, cur, items: List[tuple]) -> dict:
        """The provinces containing each point of the bodies, in one query, as :meth:`locate`'s
        memo (the tolerance's nearby provinces are asked per point when needed, rarely)."""
        pts = []
        for body, _distinct in items:
            geom = body.get("geometry") if isinstance(body, dict) else None
            coords = geom.get("coordinates") if isinstance(geom, dict) else None
            if isinstance(coords, list) and len(coords) in (2, 3):
                lon, lat = (normalize.finite_number(c) for c in coords[:2])
                if lon is not None and lat is not None:
                    pts.append((lon, lat))
        pts = list(dict.fromkeys(pts))
        memo: dict = {(lon, lat, False): [] for lon, lat in pts}
        if pts:
            cur.execute(
                "SELECT p.n, pr.code FROM unnest(%s::float8[], %s::float8[]) WITH ORDINALITY "
                "AS p(x, y, n) JOIN provinces pr ON ST_Intersects(pr.geom, "
                "ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)) ORDER BY p.n, pr.code",
                ([x for x, _ in pts], [y for _, y in pts]))
            for r in cur.fetchall():
                lon, lat = pts[r["n"] - 1]
                memo[(lon, lat, False)].append(r["code"])
        return memo

    def _near_pairs(self, cur, sql, pins: Dict[int, v.Pin], extra=()) -> List[dict]:
        order = list(pins)
        cur.execute(sql, ([pins[i].lon for i in order], [pins[i].lat for i in order],
                          [pins[i].province_code for i in order]) + tuple(extra))
        out = cur.fetchall()
        for r in out:
            r["i"] = order[r["n"] - 1]
        return out

    def _same_in_batch(self, cur, pins: Dict[int, v.Pin], checked: Dict[int, v.Pin]) -> bool:
        """Whether a new pin of ``checked`` (those not said to be distinct) is the same service
        point (core/duplicates.py) as a new pin before it in the batch."""
        metres = duplicates.SAME_POINT_M
        pairs = self._near_pairs(cur, _PAIRS_IN_BATCH, pins, (metres / 50000.0, metres))
        order = list(pins)
        return any(order[r["m"] - 1] in checked
                   and duplicates.same_name(pins[order[r["n"] - 1]].values.get("name_th"),
                                            pins[order[r["m"] - 1]].values.get("name_th"))
                   for r in pairs)

    def _duplicates(self, cur, pins: Dict[int, v.Pin]) -> Dict[int, Reply]:
        """:meth:`refuse_duplicate` of each new pin, in one query."""
        metres = duplicates.SAME_POINT_M
        rows = self._near_pairs(cur, _NEAR_LIVE, pins, (metres / 50000.0, metres))
        # a pin whose own id is there now (committed by another request since this one looked):
        # no duplicate, a repeated POST (create's own check, at this statement's snapshot)
        itself = {r["i"] for r in rows if r["pin_id"] == pins[r["i"]].pin_id}
        out: Dict[int, Reply] = {}
        for row in rows:
            i = row["i"]
            if i in out or i in itself or not duplicates.same_name(pins[i].values.get("name_th"),
                                                    row["name_th"]):
                continue
            try:
                self._refuse_as_duplicate(row)
            except Reply as r:
                out[i] = r
        return out

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _values(pin: v.Pin) -> dict:
        return {name: pin.values.get(name) for name in EDITABLE}

    @staticmethod
    def _select(cur, pin_id: str) -> dict:
        cur.execute(f"SELECT {SELECT_COLUMNS} FROM service_points WHERE pin_id = %s", (pin_id,))
        return cur.fetchone()

    def _locked(self, cur, account: Account, pin_id: str, version: int) -> dict:
        """The current pin, locked until the transaction ends, after the rights and version
        checks (403 / 404 / 412)."""
        old = None
        if schema.is_pin_id(pin_id):
            cur.execute(f"SELECT {SELECT_COLUMNS} FROM citizen_pins_lock_pin(%s)", (pin_id,))
            old = cur.fetchone()
        if old is None:
            raise self.not_found(cur, pin_id)
        self.authorize_location(cur, account, old["province_code"], old["lon"], old["lat"],
                                "the pin is now in another province", "หมุดนี้อยู่ในจังหวัดอื่น")
        if old["version"] != version:
            raise stale(old["version"], row_to_feature(old))
        return old

    def not_found(self, cur, pin_id: Optional[str]) -> Reply:
        shown = str(pin_id)[:64]
        if schema.is_pin_id(pin_id):
            cur.execute("SELECT deleted_at FROM deleted_service_points WHERE pin_id = %s",
                        (pin_id,))
            gone = cur.fetchone()
            if gone:
                return Reply(404, "deleted", f"Pin {pin_id} was deleted on "
                             f"{_iso(gone['deleted_at'])}.", f"หมุด {pin_id} ถูกลบไปแล้ว")
        return Reply(404, "not_found", f"There is no pin {shown} in the registry (a new pin is "
                     "created with POST).", f"ไม่พบหมุด {shown} ในทะเบียนกลาง")

    def check_new(self, cur, account: Account, body, url_id: Optional[str] = None,
                  memo: Optional[dict] = None) -> v.Pin:
        """Authorize and validate the new version of a pin (raises 403 / 422).  ``memo``: the
        provinces of points already located (:meth:`locate_many`)."""
        pin, problems = v.parse_feature(body, url_id=url_id)
        declared = pin.province_code if pin else None
        if declared and codes().is_current(declared) and not account.may_write(declared):
            raise forbidden(account, f"this pin is declared in province "
                            f"{_province_list([declared], 'en')}",
                            f"หมุดนี้ระบุจังหวัด {_province_list([declared], 'th')}")
        memo = {} if memo is None else memo
        if pin is not None and pin.lon is not None and not problems:
            problems.extend(self.spatial_problems(cur, pin, memo))
        if problems:
            raise invalid(problems)
        self.authorize_location(cur, account, declared, pin.lon, pin.lat,
                                "the new location is in another province",
                                "ตำแหน่งใหม่อยู่ในจังหวัดอื่น", memo)
        return pin

    def locate(self, cur, lon: float, lat: float, near: bool,
               memo: Optional[dict] = None) -> List[str]:
        """Provinces containing the point; with ``near``, those within the tolerance."""
        key = (lon, lat, near)
        if memo is not None and key in memo:
            return memo[key]
        if not near:
            cur.execute("SELECT code FROM provinces WHERE ST_Intersects(geom, "
                        "ST_SetSRID(ST_MakePoint(%s, %s), 4326)) ORDER BY code", (lon, lat))
        else:
            cur.execute(
                "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(%s, %s), 4326) AS g) "
                "SELECT code FROM provinces, p WHERE ST_DWithin(geom, p.g, %s) "
                "AND ST_DWithin(geom::geography, p.g::geography, %s) ORDER BY code",
                (lon, lat, self.tolerance_m / 100000.0, self.tolerance_m))
        found = [r["code"] for r in cur.fetchall()]
        if memo is not None:
            memo[key] = found
        return found

    def spatial_problems(self, cur, pin: v.Pin, memo: Optional[dict] = None) -> List[dict]:
        inside = self.locate(cur, pin.lon, pin.lat, False, memo)
        declared = pin.province_code
        if declared in inside:
            return []
        near = self.locate(cur, pin.lon, pin.lat, True, memo) if self.tolerance_m > 0 else []
        if not inside and not near:
            return [v.outside_thailand()]
        if declared in near:
            return []  # within the tolerance of the boundary layer's precision
        return [v.outside_province(declared, inside or near)]

    def authorize_location(self, cur, account: Account, declared: Optional[str], lon, lat,
                           en: str, th: str, memo: Optional[dict] = None) -> None:
        if not account.may_write(declared):
            raise forbidden(account, f"this pin is declared in province "
                            f"{_province_list([declared] if declared else [], 'en')}",
                            f"หมุดนี้ระบุจังหวัด {_province_list([declared] if declared else [], 'th')}")
        inside = self.locate(cur, lon, lat, False, memo)
        if any(p in account.provinces for p in inside):
            return
        near = self.locate(cur, lon, lat, True, memo) if self.tolerance_m > 0 else []
        if any(p in account.provinces for p in near):
            return
        raise forbidden(account, f"{en} ({_province_list(inside or near, 'en')})",
                        f"{th} ({_province_list(inside or near, 'th')})")
