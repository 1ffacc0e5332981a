"""The gateway: a thin WSGI layer in front of pygeoapi, in the same gunicorn.

Measured on pygeoapi 0.21 with its PostgreSQL provider (see registry/README.md): no authentication,
no ETags, no validation; a malformed JSON body, a missing property or a bad ``datetime`` answer
500 (often an HTML page); PUT takes the id from the body and upserts (``session.merge``); and a
plain POST of a valid pin fails with 500 unless ``storage_crs`` is set.  So:

* reads (GET/HEAD/OPTIONS) go to pygeoapi, which does them well (paging with ``next`` links,
  property filters, ``datetime`` on ``updated_at``, CQL2 ``filter``, HTML pages, OpenAPI).  The
  gateway adds an ``ETag`` to single pins, answers ``If-None-Match`` with 304, checks
  ``datetime`` itself and turns every pygeoapi error into JSON (a 5xx of a ``filter`` is the
  client's: 400).
* writes to ``service_points`` (POST/PUT/DELETE, Part 4 semantics, and the bulk endpoint) are
  done here, each in ONE database transaction that locks the pin, checks the account's rights
  on the old and the new version, the ``If-Match`` version, validates, writes and (by trigger)
  audits, so no check can race with the write.  pygeoapi never receives a write.

Every answer of the gateway is JSON; every client error is a 4xx with a body
``{"code", "description", "message_en", "message_th", "problems"?}``.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from typing import Dict, Iterable, List, Optional, Tuple
from urllib.parse import parse_qs

import psycopg2
import psycopg2.errors
import psycopg2.extras
import psycopg2.pool

from citizen_pins.core import duplicates, schema
from citizen_pins.core.dopa import codes

from . import validation as v
from .accounts import Account, verify_password
from .plugin_channel import PluginChannel

LOG = logging.getLogger("registry.gateway")

COLLECTION = "service_points"
ITEMS = f"/collections/{COLLECTION}/items"
BULK = f"/collections/{COLLECTION}/bulk"
#: Who am I: the signed-in account's name, role and provinces (what a client's "test connection"
#: shows before the user edits anything).
ACCOUNT = "/account"
EDITABLE = [f for f in schema.EDITABLE_FIELDS if f != "pin_id"]
COLUMNS = ["pin_id"] + EDITABLE + ["version", "updated_at"]

REASONS = {200: "OK", 201: "Created", 204: "No Content", 304: "Not Modified",
           400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 409: "Conflict", 411: "Length Required",
           412: "Precondition Failed", 413: "Payload Too Large", 415: "Unsupported Media Type",
           422: "Unprocessable Entity", 428: "Precondition Required",
           500: "Internal Server Error", 503: "Service Unavailable"}


class Reply(Exception):
    """An answer (raised to leave a handler early, or returned)."""

    def __init__(self, status: int, code: str = "", en: str = "", th: str = "",
                 body: Optional[dict] = None, headers: Optional[Dict[str, str]] = None,
                 problems: Optional[List[dict]] = None, **extra):
        super().__init__(f"{status} {code}")
        self.status = status
        self.headers = dict(headers or {})
        if body is None and status >= 400:
            body = {"code": code, "description": en, "message_en": en, "message_th": th}
            if problems is not None:
                body["problems"] = problems
            body.update(extra)
        self.body = body


def etag_of(version: int) -> str:
    return f'"{version}"'


def _match_etags(header: str) -> List[str]:
    return [t.strip() for t in header.split(",") if t.strip()]


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


# -- rendering ---------------------------------------------------------------------------------

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


SELECT_PIN = ("SELECT " + ", ".join(COLUMNS) +
              ", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM service_points WHERE pin_id = %s")


def same_content(row: dict, pin: v.Pin) -> bool:
    if any(row[name] != pin.values.get(name) for name in EDITABLE):
        return False
    return abs(row["lon"] - pin.lon) < 1e-9 and abs(row["lat"] - pin.lat) < 1e-9


# -- the gateway -------------------------------------------------------------------------------

class Gateway:
    def __init__(self, pygeoapi_app, db_kwargs: dict, public_url: str, tolerance_m: float = 1500.0,
                 max_body: int = 1 << 20, max_bulk_body: int = 16 << 20, max_bulk_ops: int = 1000,
                 pool_size: int = 8):
        self.app = pygeoapi_app
        self.db_kwargs = dict(db_kwargs, application_name="registry-gateway")
        self.public_url = public_url.rstrip("/")
        self.tolerance_m = float(tolerance_m)
        self.max_body = max_body
        self.max_bulk_body = max_bulk_body
        self.max_bulk_ops = max_bulk_ops
        self.pool_size = pool_size
        self._pool = None
        self._pool_lock = threading.Lock()
        self._auth_cache: Dict[str, Tuple[str, bytes, float]] = {}
        self._auth_key = secrets.token_bytes(32)
        self.auth_cache_seconds = 300.0
        #: the plugin's update channel (/plugins) and the compatibility handshake
        self.plugins = PluginChannel.from_environment(self.public_url)

    # -- database --------------------------------------------------------------------------
    def pool(self):
        if self._pool is None:
            with self._pool_lock:
                if self._pool is None:
                    self._pool = psycopg2.pool.ThreadedConnectionPool(
                        1, self.pool_size, **self.db_kwargs)
        return self._pool

    def connection(self):
        pool = self.pool()
        conn = pool.getconn()
        if conn.closed:
            pool.putconn(conn, close=True)
            conn = pool.getconn()
        return conn

    def release(self, conn, broken: bool = False) -> None:
        try:
            if not conn.closed:
                conn.rollback()
        except psycopg2.Error:
            broken = True
        self.pool().putconn(conn, close=broken or bool(conn.closed))

    # -- WSGI ------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        started = time.monotonic()
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO", "") or "/"
        environ["citizen_pins.account"] = "-"
        try:
            served = self.plugins.serve(method, path)
            if served is not None:
                status, headers, body = served
            elif method in ("GET", "HEAD", "OPTIONS"):
                status, headers, body = self.read(environ, method, path)
            else:
                reply = self.write(environ, method, path.rstrip("/"))
                status, headers, body = self.render(reply)
        except Reply as r:
            status, headers, body = self.render(r)
        except psycopg2.OperationalError:
            LOG.exception("database unavailable")
            status, headers, body = self.render(Reply(
                503, "database_unavailable", "The registry's database is not available; try "
                "again in a minute.", "ฐานข้อมูลของทะเบียนกลางไม่พร้อมใช้งาน กรุณาลองใหม่ภายหลัง",
                headers={"Retry-After": "30"}))
        except Exception:  # noqa: BLE001 - never an HTML 500
            LOG.exception("unexpected error on %s %s", method, path)
            status, headers, body = self.render(Reply(
                500, "server_error", "The registry failed to handle the request (server error).",
                "ระบบทะเบียนกลางขัดข้อง (ข้อผิดพลาดของเซิร์ฟเวอร์)"))
        LOG.info("%s %s %s %s %.1fms", environ["citizen_pins.account"], method, path, status,
                 (time.monotonic() - started) * 1000)
        start_response(f"{status} {REASONS.get(status, '')}", headers)
        return [body] if method != "HEAD" else [b""]

    def render(self, r: Reply) -> Tuple[int, List[Tuple[str, str]], bytes]:
        headers = dict(r.headers)
        if r.body is None:
            data = b""
        else:
            data = json.dumps(r.body, ensure_ascii=False).encode("utf-8")
            ctype = "application/geo+json" if r.body.get("type") == "Feature" else \
                "application/json"
            headers.setdefault("Content-Type", f"{ctype}; charset=utf-8")
        headers["Content-Length"] = str(len(data))
        return r.status, list(headers.items()), data

    # -- reads (pygeoapi) ------------------------------------------------------------------
    def call_app(self, environ) -> Tuple[int, List[Tuple[str, str]], bytes]:
        captured = {}

        def start(status, headers, exc_info=None):
            captured["status"] = int(status.split(" ", 1)[0])
            captured["headers"] = headers

        chunks = self.app(environ, start)
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
        return captured["status"], captured["headers"], body

    def read(self, environ, method: str, path: str):
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if "datetime" in query:
            check_datetime(query["datetime"][-1])
        stripped = path.rstrip("/")
        if stripped == BULK:
            return self.render(Reply(200, body=self.bulk_description()))
        if stripped == ACCOUNT:
            return self.render(self.whoami(environ))
        status, headers, body = self.call_app(environ)
        hdr = {k.lower(): (k, val) for k, val in headers}
        ctype = hdr.get("content-type", ("", ""))[1]
        if status >= 400:
            return self.render(self.app_error(status, body, ctype, query))
        is_json = "json" in ctype
        if status == 200 and is_json and (stripped in ("", "/") or
                                          stripped == f"/collections/{COLLECTION}"):
            body, headers = self.advertise_bulk(body, headers, landing=stripped in ("", "/"))
        if (status == 200 and is_json and stripped.startswith(ITEMS + "/")
                and stripped.count("/") == 4):
            try:
                version = json.loads(body)["properties"]["version"]
            except (ValueError, KeyError, TypeError):
                version = None
            if version is not None:
                tag = etag_of(version)
                headers = [(k, val) for k, val in headers if k.lower() != "etag"]
                headers.append(("ETag", tag))
                inm = environ.get("HTTP_IF_NONE_MATCH")
                if inm and (tag in _match_etags(inm) or inm.strip() == "*"):
                    return 304, [("ETag", tag)], b""
        return status, headers, body

    def app_error(self, status: int, body: bytes, ctype: str, query) -> Reply:
        detail = ""
        if "json" in ctype:
            try:
                detail = str(json.loads(body).get("description", ""))
            except (ValueError, AttributeError):
                detail = ""
        if status >= 500 and "filter" in query:
            return Reply(400, "bad_filter", "The filter could not be evaluated; check the CQL2 "
                         "text (e.g. province_code = '21').",
                         "ตัวกรอง (filter) ไม่ถูกต้อง")
        if status >= 500:
            return Reply(500, "server_error", "The registry failed to answer (server error).",
                         "ระบบทะเบียนกลางขัดข้อง (ข้อผิดพลาดของเซิร์ฟเวอร์)")
        if status == 404:
            return Reply(404, "not_found", detail or "Not found (the pin may have been deleted).",
                         "ไม่พบข้อมูล (หมุดอาจถูกลบแล้ว)")
        return Reply(status, "bad_request", detail or "The request is not valid.",
                     "คำขอไม่ถูกต้อง")

    def advertise_bulk(self, body: bytes, headers, landing: bool = False):
        try:
            doc = json.loads(body)
        except ValueError:
            return body, headers
        if not isinstance(doc, dict) or not isinstance(doc.get("links"), list):
            return body, headers
        doc["links"].append({"rel": "bulk", "type": "application/json",
                             "title": "Bulk writes of service points (citizen_pins)",
                             "href": self.public_url + BULK})
        if landing:
            self.plugins.add_to(doc)
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        headers = [(k, val) for k, val in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(data))))
        return data, headers

    def bulk_description(self) -> dict:
        return {
            "description": "POST {\"operations\": [...]} here: up to max_operations creates, "
                           "replaces and deletes of service points in ONE database transaction, "
                           "with one result per operation (same rules and statuses as the "
                           "single requests).",
            "max_operations": self.max_bulk_ops,
            "max_body_bytes": self.max_bulk_body,
            "operation_forms": [
                {"op": "create", "feature": "<GeoJSON Feature>",
                 "distinct": "(optional) true: a different service point from a pin nearby "
                             "with the same name"},
                {"op": "replace", "id": "<pin_id>", "if_match": "\"<version>\"",
                 "feature": "<GeoJSON Feature>"},
                {"op": "delete", "id": "<pin_id>", "if_match": "\"<version>\""},
            ],
        }

    def whoami(self, environ) -> Reply:
        conn = self.connection()
        broken = False
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                account = self.authenticate(environ, cur)
                conn.rollback()
        except psycopg2.OperationalError:
            broken = True
            raise
        finally:
            self.release(conn, broken)
        return Reply(200, body=self.plugins.add_to({
            "name": account.name, "role": account.role, "provinces": sorted(account.provinces),
            "can_edit": bool(account.provinces)}))

    # -- authentication --------------------------------------------------------------------
    def authenticate(self, environ, cur) -> Account:
        header = environ.get("HTTP_AUTHORIZATION", "")
        challenge = {}
        if not environ.get("HTTP_X_CITIZEN_PINS_CLIENT"):
            # Our own client asks for no challenge, so that Qt does not pop up a login dialog.
            challenge = {"WWW-Authenticate": 'Basic realm="citizen_pins registry", charset="UTF-8"'}
        fail = Reply(401, "unauthorized", "Sign-in failed: check the username and password of "
                     "your registry account (QGIS authentication configuration).",
                     "เข้าสู่ระบบไม่สำเร็จ กรุณาตรวจสอบชื่อผู้ใช้และรหัสผ่านของบัญชีทะเบียนกลาง",
                     headers=challenge)
        if not header.lower().startswith("basic "):
            raise fail
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            raise fail
        name, sep, password = decoded.partition(":")
        if not sep or not name or len(name) > 64 or len(password) > 1024:
            raise fail
        cur.execute("SELECT name, password_hash, role, provinces FROM accounts "
                    "WHERE name = %s AND NOT disabled", (name,))
        row = cur.fetchone()
        if row is None:
            raise fail
        stored = row["password_hash"]
        token = hmac.new(self._auth_key, password.encode("utf-8") + b"\0" + stored.encode(),
                         hashlib.sha256).digest()
        cached = self._auth_cache.get(name)
        now = time.monotonic()
        if not (cached and cached[0] == stored and hmac.compare_digest(cached[1], token)
                and cached[2] > now):
            if not verify_password(password, stored):
                raise fail
            if len(self._auth_cache) > 1000:
                self._auth_cache.clear()
            self._auth_cache[name] = (stored, token, now + self.auth_cache_seconds)
        environ["citizen_pins.account"] = name
        return Account(row["name"], row["role"], tuple(row["provinces"] or ()))

    # -- request bodies --------------------------------------------------------------------
    def read_json(self, environ, limit: int):
        length = environ.get("CONTENT_LENGTH") or ""
        too_big = Reply(413, "too_large", f"The request body is larger than {limit} bytes.",
                        f"ข้อมูลที่ส่งมีขนาดเกิน {limit} ไบต์",
                        max_body_bytes=limit)
        stream = environ["wsgi.input"]
        if length:
            try:
                n = int(length)
            except ValueError:
                raise Reply(400, "bad_length", "Bad Content-Length.", "Content-Length ไม่ถูกต้อง")
            if n > limit:
                raise too_big
            data = stream.read(n) if n > 0 else b""
        else:
            data = stream.read(limit + 1)
            if len(data) > limit:
                raise too_big
        if not data:
            raise Reply(400, "empty_body", "The request has no body (a GeoJSON Feature was "
                        "expected).", "ไม่มีข้อมูลในคำขอ")

        def no_constants(name):
            raise ValueError(f"{name} is not JSON")

        try:
            return json.loads(data.decode("utf-8"), parse_constant=no_constants)
        except (UnicodeDecodeError, ValueError, RecursionError) as e:
            raise Reply(400, "malformed_json", f"The body is not valid JSON (UTF-8): {e}"[:300],
                        "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง")

    # -- writes ----------------------------------------------------------------------------
    def write(self, environ, method: str, path: str) -> Reply:
        refused = self.plugins.refusal(environ)  # a plugin too old for this registry
        if refused is not None:
            raise Reply(400, body=refused)
        if path == ITEMS and method == "POST":
            kind, pin_id = "create", None
        elif path.startswith(ITEMS + "/") and path.count("/") == 4 and method in ("PUT",
                                                                                  "DELETE"):
            kind, pin_id = ("replace" if method == "PUT" else "delete"), path.rsplit("/", 1)[1]
        elif path == BULK and method == "POST":
            kind, pin_id = "bulk", None
        else:
            allowed = "GET, HEAD, OPTIONS"
            if path == ITEMS:
                allowed += ", POST"
            elif path.startswith(ITEMS + "/"):
                allowed += ", PUT, DELETE"
            raise Reply(405, "method_not_allowed",
                        f"{method} is not allowed here (allowed: {allowed}). Only "
                        f"{COLLECTION} can be edited; PATCH is not supported.",
                        f"ไม่อนุญาตให้ใช้ {method} ที่นี่", headers={"Allow": allowed})
        conn = self.connection()
        broken = False
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                account = self.authenticate(environ, cur)
                conn.rollback()
                body = None
                if kind != "delete":
                    body = self.read_json(environ,
                                          self.max_bulk_body if kind == "bulk" else self.max_body)
                if kind == "bulk":
                    return self.bulk(conn, cur, account, body)
                if_match = environ.get("HTTP_IF_MATCH")
                distinct = environ.get("HTTP_X_CITIZEN_PINS_DISTINCT", "").strip().lower() in (
                    "1", "true", "yes")
                try:
                    reply = self.apply(cur, account, kind, pin_id, if_match, body, distinct)
                except Reply as r:
                    conn.rollback()
                    raise r
                except psycopg2.Error as e:
                    conn.rollback()
                    raise self.db_error(e)
                conn.commit()
                return reply
        except psycopg2.OperationalError:
            broken = True
            raise
        finally:
            self.release(conn, broken)

    def db_error(self, e: psycopg2.Error) -> Reply:
        if isinstance(e, psycopg2.errors.UniqueViolation):
            return Reply(409, "conflict", "The pin already exists or was deleted (its pin_id "
                         "cannot be used again).", "มีหมุดรหัสนี้อยู่แล้ว หรือถูกลบไปแล้ว")
        if isinstance(e, psycopg2.errors.IntegrityError) or isinstance(e, psycopg2.DataError):
            diag = getattr(e, "diag", None)
            constraint = getattr(diag, "constraint_name", None) or ""
            return Reply(422, "constraint", "The database refused the pin"
                         + (f" (rule {constraint})" if constraint else "") + ".",
                         "ฐานข้อมูลไม่รับข้อมูลหมุดนี้",
                         problems=[v.problem(None, "constraint", constraint or str(e)[:200],
                                             constraint or "ข้อมูลไม่ผ่านกฎของฐานข้อมูล")])
        if isinstance(e, psycopg2.OperationalError):
            raise e
        LOG.error("database error: %s", e)
        return Reply(500, "server_error", "The registry's database failed.",
                     "ฐานข้อมูลของทะเบียนกลางขัดข้อง")

    # The one code path of every write, single or bulk.  Runs inside the caller's transaction.
    def apply(self, cur, account: Account, kind: str, pin_id: Optional[str],
              if_match: Optional[str], body, distinct: bool = False) -> Reply:
        """``distinct`` (a create): the client says it is a different service point from a pin
        of the province nearby with the same name (else such a create is refused, 409)."""
        cur.execute("SELECT set_config('citizen_pins.actor', %s, true)", (account.name,))
        if kind == "create":
            return self.create(cur, account, body, distinct)
        if not if_match or not if_match.strip():
            raise Reply(428, "if_match_required",
                        "If-Match is required: send the pin's ETag (its version) from your last "
                        "pull, so that nobody's change is overwritten unseen.",
                        "ต้องส่ง If-Match (ETag/รุ่นของหมุด) มาด้วย เพื่อไม่ให้เขียนทับการแก้ไขของผู้อื่น")
        tags = _match_etags(if_match)
        if "*" in tags:
            raise Reply(428, "if_match_required", "If-Match: * is not accepted; send the pin's "
                        "ETag.", "ไม่รับ If-Match: * กรุณาส่ง ETag ของหมุด")
        old = None
        if schema.is_pin_id(pin_id):
            cur.execute(SELECT_PIN + " FOR UPDATE", (pin_id,))
            old = cur.fetchone()
        if old is None:
            raise self.not_found(cur, pin_id)
        self.authorize_location(cur, account, old["province_code"], old["lon"], old["lat"],
                                "the pin is now in another province",
                                "หมุดนี้อยู่ในจังหวัดอื่น")
        current = etag_of(old["version"])
        if current not in tags:
            raise Reply(412, "precondition_failed",
                        f"Someone changed this pin after your last pull (the registry has version "
                        f"{old['version']}). Pull again, check the changes, then publish.",
                        f"มีผู้อื่นแก้ไขหมุดนี้หลังจากที่คุณดึงข้อมูลครั้งล่าสุด (ทะเบียนกลางมีรุ่น "
                        f"{old['version']}) กรุณาดึงข้อมูลใหม่ ตรวจสอบ แล้วจึงเผยแพร่",
                        headers={"ETag": current}, current=row_to_feature(old))
        if kind == "delete":
            cur.execute("DELETE FROM service_points WHERE pin_id = %s", (pin_id,))
            return Reply(204, headers={"ETag": etag_of(old["version"] + 1)})
        pin = self.check_new(cur, account, body, url_id=pin_id)
        if same_content(old, pin):
            return Reply(200, body=row_to_feature(old), headers={"ETag": current})
        sets = ", ".join(f"{name} = %s" for name in EDITABLE)
        cur.execute(f"UPDATE service_points SET {sets}, geom = ST_SetSRID(ST_MakePoint(%s, %s), "
                    "4326) WHERE pin_id = %s",
                    [pin.values.get(n) for n in EDITABLE] + [pin.lon, pin.lat, pin_id])
        cur.execute(SELECT_PIN, (pin_id,))
        row = cur.fetchone()
        return Reply(200, body=row_to_feature(row), headers={"ETag": etag_of(row["version"])})

    def create(self, cur, account: Account, body, distinct: bool = False) -> Reply:
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
        cols = ["pin_id"] + EDITABLE
        cur.execute(
            f"INSERT INTO service_points ({', '.join(cols)}, geom) VALUES "
            f"({', '.join(['%s'] * len(cols))}, ST_SetSRID(ST_MakePoint(%s, %s), 4326)) "
            "ON CONFLICT (pin_id) DO NOTHING RETURNING pin_id",
            [pin.pin_id] + [pin.values.get(n) for n in EDITABLE] + [pin.lon, pin.lat])
        inserted = cur.fetchone() is not None
        cur.execute(SELECT_PIN, (pin.pin_id,))
        row = cur.fetchone()
        location = f"{self.public_url}{ITEMS}/{pin.pin_id}"
        headers = {"ETag": etag_of(row["version"]), "Location": location}
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
            "SELECT " + ", ".join(COLUMNS) + ", ST_X(geom) AS lon, ST_Y(geom) AS lat, "
            "ST_Distance(geom::geography, p.g::geography) AS metres FROM service_points, p "
            "WHERE province_code = %s AND ST_DWithin(geom, p.g, %s) "
            "AND ST_DWithin(geom::geography, p.g::geography, %s) ORDER BY metres",
            (pin.lon, pin.lat, pin.province_code, metres / 50000.0, metres))
        for row in cur.fetchall():
            if duplicates.same_name(pin.values.get("name_th"), row["name_th"]):
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

    def not_found(self, cur, pin_id: Optional[str]) -> Reply:
        if schema.is_pin_id(pin_id):
            cur.execute("SELECT deleted_at FROM deleted_service_points WHERE pin_id = %s",
                        (pin_id,))
            gone = cur.fetchone()
            if gone:
                return Reply(404, "deleted", f"Pin {pin_id} was deleted on "
                             f"{_iso(gone['deleted_at'])}.", f"หมุด {pin_id} ถูกลบไปแล้ว")
        return Reply(404, "not_found", f"There is no pin {pin_id} in the registry (a new pin is "
                     "created with POST).", f"ไม่พบหมุด {pin_id} ในทะเบียนกลาง")

    def check_new(self, cur, account: Account, body, url_id: Optional[str] = None) -> v.Pin:
        """Authorize and validate the new version of a pin (raises 403 / 422)."""
        pin, problems = v.parse_feature(body, url_id=url_id)
        declared = pin.province_code if pin else None
        if declared and codes().is_current(declared) and not account.may_write(declared):
            raise forbidden(account, f"this pin is declared in province "
                            f"{_province_list([declared], 'en')}",
                            f"หมุดนี้ระบุจังหวัด {_province_list([declared], 'th')}")
        memo: dict = {}
        if pin is not None and pin.lon is not None and not problems:
            problems.extend(self.spatial_problems(cur, pin, memo))
        if problems:
            raise Reply(422, "invalid", "The pin has problems: "
                        + "; ".join(p["message_en"] for p in problems),
                        "หมุดมีข้อผิดพลาด: " + "; ".join(p["message_th"] for p in problems),
                        problems=problems)
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

    # -- bulk ------------------------------------------------------------------------------
    def bulk(self, conn, cur, account: Account, body) -> Reply:
        ops = body.get("operations") if isinstance(body, dict) else None
        if not isinstance(ops, list):
            raise Reply(400, "bad_bulk", "A bulk request is {\"operations\": [...]}.",
                        "คำขอแบบกลุ่มต้องอยู่ในรูป {\"operations\": [...]}")
        if len(ops) > self.max_bulk_ops:
            raise Reply(413, "too_many_operations",
                        f"At most {self.max_bulk_ops} operations per bulk request.",
                        f"ส่งได้ไม่เกิน {self.max_bulk_ops} รายการต่อครั้ง",
                        max_operations=self.max_bulk_ops)
        results = []
        counts: Dict[str, int] = {}
        for i, op in enumerate(ops):
            op = op if isinstance(op, dict) else {}
            kind, pin_id, feature = op.get("op"), op.get("id"), op.get("feature")
            if kind == "create" and isinstance(feature, dict):
                props = feature.get("properties")
                pin_id = feature.get("id") or (props.get("pin_id") if isinstance(props, dict)
                                               else None)
            result = {"index": i, "op": kind, "id": pin_id}
            if kind not in ("create", "replace", "delete"):
                reply = Reply(400, "bad_operation", "Each operation has \"op\": create, replace "
                              "or delete.", "แต่ละรายการต้องมี op เป็น create, replace หรือ delete")
            else:
                cur.execute("SAVEPOINT op")
                try:
                    reply = self.apply(cur, account, kind, pin_id, op.get("if_match"), feature,
                                       op.get("distinct") is True)
                    cur.execute("RELEASE SAVEPOINT op")
                except Reply as r:
                    reply = r
                    cur.execute("ROLLBACK TO SAVEPOINT op")
                except psycopg2.OperationalError:
                    raise
                except psycopg2.Error as e:
                    cur.execute("ROLLBACK TO SAVEPOINT op")
                    reply = self.db_error(e)
            result["status"] = reply.status
            if "ETag" in reply.headers:
                result["etag"] = reply.headers["ETag"]
            if reply.status >= 400 and reply.body:
                for key in ("code", "message_en", "message_th", "problems", "allowed_provinces",
                            "existing"):
                    if key in reply.body:
                        result[key] = reply.body[key]
            elif reply.body and reply.body.get("type") == "Feature":
                result["version"] = reply.body["properties"]["version"]
                result["updated_at"] = reply.body["properties"]["updated_at"]
            counts[str(reply.status)] = counts.get(str(reply.status), 0) + 1
            results.append(result)
        conn.commit()
        return Reply(200, body={"results": results, "counts": counts})


def check_datetime(value: str) -> None:
    """pygeoapi passes a bad ``datetime`` to PostgreSQL and answers 500: refuse it here."""
    bad = Reply(400, "bad_datetime", "datetime must be an RFC 3339 instant or interval, e.g. "
                "2025-01-31T00:00:00Z/.. for changes since that time.",
                "datetime ต้องเป็นเวลาแบบ RFC 3339 เช่น 2025-01-31T00:00:00Z/..")
    parts = value.split("/")
    if len(parts) > 2 or not value:
        raise bad
    for part in parts:
        if part in ("..", "") and len(parts) == 2:
            continue
        try:
            dt.datetime.fromisoformat(part.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise bad
