"""The gateway: a thin WSGI layer in front of pygeoapi, in the same gunicorn.

Measured on pygeoapi 0.21 with its PostgreSQL provider (see registry/README.md): no authentication,
no ETags, no validation; a malformed JSON body, a missing property or a bad ``datetime`` answer
500 (often an HTML page); PUT takes the id from the body and upserts (``session.merge``); its HTML
item pages embed a feature in ``<script>`` unescaped; it reads (and logs) a GET body as CQL JSON;
it serves processes, jobs, tiles, STAC and more that the registry has no use for.  So:

* reads (GET/HEAD) of the registry's own routes only (landing page, conformance, collections,
  items, one item, queryables) go to pygeoapi, always as JSON (or CSV for items), with their query
  parameters checked here first, no body, and no HTML ever: pygeoapi's links to HTML and to what
  is not served are dropped.  The gateway adds an ``ETag`` to single items, answers
  ``If-None-Match`` with 304, makes CSV safe for spreadsheets, and turns every pygeoapi error into
  JSON (a failure of the database into 503 + ``Retry-After``).
* writes (POST/PUT/DELETE, and ``/collections/{id}/bulk``) of the collections that have a write
  handler (:data:`registry.collections.COLLECTIONS`) are done here, each in ONE database
  transaction, after the same checks for every collection: another site's Origin (403), not JSON
  (415), no length or too long (411/413), the account (401/429), malformed JSON (400), If-Match
  (428/400).  The answer is rendered before the transaction commits: what is committed is always
  answered.
* ``/openapi`` is the gateway's own document (:mod:`registry.openapi`); ``/account`` says who the
  credentials are.

Every answer carries a Content-Security-Policy that lets nothing run (the citizens' feedback form,
registry/feedback.py, runs its own script by hash); every client error is a 4xx
with a JSON body ``{"code", "description", "message_en", "message_th", "problems"?}``.
The gateway holds no state that matters across requests but a pool of connections and a cache of
recent successful password checks: any number of gateway processes and hosts share one database.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import threading
import time
from typing import Dict, List, Optional, Tuple

import psycopg2
import psycopg2.errors
import psycopg2.extras
import psycopg2.pool

from citizen_pins.core import normalize

from . import openapi
from . import validation as v
from .accounts import Account
from .auth import Authenticator, Limits
from .collections import ARRAY, BOOLEAN, BY_ID, DATETIME, INTEGER, MAX_FILTER_VALUE, NUMBER, \
    Collection
from .feedback import FeedbackService
from .pins import PinWrites
from .plugin_channel import PATH as PLUGINS
from .plugin_channel import PluginChannel
from .services import SERVICES_HEADER, ServiceWrites, services_precondition
from .web import (REASONS, Reply, bad_parameter, bad_request, check_bbox, check_datetime, check_int,
                  check_json_content_type, check_same_origin, check_text_value, client_address,
                  content_length, etag_of, if_match_version, method_not_allowed, not_found,
                  origin_of, parse_json, query_params, render, server_error, too_large,
                  unavailable, with_security_headers)

LOG = logging.getLogger("registry.gateway")
#: The database connection is unusable (the database died, or the connection was closed under
#: us): a 503, and the pool is dropped.
CONNECTION_LOST = (psycopg2.OperationalError, psycopg2.InterfaceError)

ACCOUNT = "/account"
OPENAPI = "/openapi"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
CRS84 = ("http://www.opengis.net/def/crs/OGC/1.3/CRS84",
         "https://www.opengis.net/def/crs/OGC/1.3/CRS84")
#: Longest CQL2 text filter.
MAX_FILTER = 4096
MAX_OFFSET = 10_000_000


#: Largest magnitude of a decimal number in a query (the registry stores none larger).
MAX_QUERY_NUMBER = 1e12


def _finite(text: str) -> bool:
    """A decimal number as a query value (no NaN, no infinity, at most 32 characters, at most
    :data:`MAX_QUERY_NUMBER` either way)."""
    if len(text) > 32 or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?", text):
        return False
    try:
        return abs(float(text)) <= MAX_QUERY_NUMBER
    except ValueError:
        return False


class Route:
    """What a path is: ``kind`` one of landing, conformance, collections, collection,
    queryables, items, item, bulk, account, openapi, plugins (``item_id``: the file)."""

    def __init__(self, kind: str, collection: Optional[Collection] = None,
                 item_id: Optional[str] = None):
        self.kind = kind
        self.collection = collection
        self.item_id = item_id

    def allowed(self) -> List[str]:
        c = self.collection
        writable = c is not None and c.writer is not None
        if self.kind == "items" and writable:
            return ["GET", "HEAD", "OPTIONS", "POST"]
        if self.kind == "item" and writable:
            return ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]
        if self.kind == "bulk":
            return ["GET", "HEAD", "OPTIONS", "POST"]
        return list(READ_METHODS)


def route_of(path: str) -> Route:
    path = path.rstrip("/") or "/"
    if path == PLUGINS or path.startswith(PLUGINS + "/"):  # the plugin's update channel
        return Route("plugins", item_id=path[len(PLUGINS) + 1:])
    fixed = {"/": "landing", "/conformance": "conformance", "/collections": "collections",
             ACCOUNT: "account", OPENAPI: "openapi"}
    if path in fixed:
        return Route(fixed[path])
    parts = path.split("/")
    if len(parts) < 3 or parts[1] != "collections" or parts[2] not in BY_ID:
        raise not_found()
    c = BY_ID[parts[2]]
    rest = parts[3:]
    if not rest:
        return Route("collection", c)
    if rest == ["queryables"]:
        return Route("queryables", c)
    if rest == ["items"]:
        return Route("items", c)
    if rest == ["bulk"] and c.bulk:
        return Route("bulk", c)
    if len(rest) == 2 and rest[0] == "items":
        return Route("item", c, rest[1])
    raise not_found()


class Gateway:
    def __init__(self, pygeoapi_app, db_kwargs: dict, public_url: str, tolerance_m: float = 1500.0,
                 max_body: int = 1 << 20, max_bulk_body: int = 16 << 20, max_bulk_ops: int = 1000,
                 pool_size: int = 8, limits: Optional[Limits] = None,
                 trusted_proxies: Tuple[str, ...] = ("127.0.0.1", "::1"),
                 allowed_origins: Tuple[str, ...] = (), statement_timeout_ms: int = 120000):
        self.app = pygeoapi_app
        self.db_kwargs = dict(db_kwargs, application_name="registry-gateway", connect_timeout=5,
                              keepalives=1, keepalives_idle=30, keepalives_interval=10,
                              keepalives_count=3,
                              options=f"-c statement_timeout={int(statement_timeout_ms)}")
        self.public_url = public_url.rstrip("/")
        self.max_body = max_body
        self.max_bulk_body = max_bulk_body
        self.max_bulk_ops = max_bulk_ops
        self.pool_size = pool_size
        self.trusted_proxies = tuple(trusted_proxies)
        self.origins = {origin_of(self.public_url)} | {origin_of(o) for o in allowed_origins}
        self.auth = Authenticator(limits)
        self.writers = {"pins": PinWrites(public_url, tolerance_m),
                        "services": ServiceWrites(public_url)}
        self.feedback = FeedbackService(public_url)
        self.openapi = openapi.build(self.public_url, max_body, max_bulk_body, max_bulk_ops)
        #: the plugin's update channel (/plugins) and the compatibility handshake
        self.plugins = PluginChannel.from_environment(self.public_url)
        self._pool = None
        self._pool_lock = threading.Lock()
        self._origin: Dict[int, object] = {}  # id(connection) -> the pool it came from

    # -- database --------------------------------------------------------------------------
    # One pool per process.  When the database dies, every pooled connection is dead: the pool
    # is dropped whole (connections in use are closed as they come back) and a new one is made
    # at the next request, so the gateway recovers by itself when the database is back.
    def pool(self):
        with self._pool_lock:
            if self._pool is None:
                # psycopg2 keeps at most ``minconn`` idle connections (and opens them now)
                self._pool = psycopg2.pool.ThreadedConnectionPool(
                    min(4, self.pool_size), self.pool_size, **self.db_kwargs)
            return self._pool

    def connection(self):
        pool = self.pool()
        try:
            conn = pool.getconn()
        except psycopg2.pool.PoolError:  # every connection in use: the database is stuck
            raise unavailable()
        with self._pool_lock:
            self._origin[id(conn)] = pool
        return conn

    def release(self, conn, broken: bool = False) -> None:
        with self._pool_lock:
            pool = self._origin.pop(id(conn), None)
        try:
            if not conn.closed and not broken:
                conn.rollback()
        except psycopg2.Error:
            broken = True
        if broken:
            self.drop_pool(pool)
        try:
            pool.putconn(conn, close=broken or bool(conn.closed))
        except (psycopg2.pool.PoolError, AttributeError):
            conn.close()

    def drop_pool(self, pool) -> None:
        with self._pool_lock:
            if self._pool is pool and pool is not None:
                self._pool = None
                closing = pool
            else:
                closing = None
        if closing is not None:
            # the idle ones, under the pool's own lock (so none is handed out meanwhile); the
            # busy ones are closed as they come back
            with closing._lock:
                idle, closing._pool[:] = list(closing._pool), []
            for conn in idle:
                try:
                    conn.close()
                except psycopg2.Error:
                    pass

    def database_is_up(self) -> bool:
        """A read of pygeoapi failed: is it the database?  (A quick query of our own.)"""
        try:
            conn = self.connection()
        except (*CONNECTION_LOST, Reply):
            return False
        broken = False
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1")
            return True
        except psycopg2.Error:
            broken = True
            return False
        finally:
            self.release(conn, broken)

    # -- WSGI ------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        started = time.monotonic()
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO", "") or "/"
        environ["citizen_pins.account"] = "-"
        try:
            status, headers, body = self.handle(environ, method, path)
        except Reply as r:
            status, headers, body = render(r)
        except CONNECTION_LOST:
            LOG.warning("database unavailable on %s %s", method, path)
            status, headers, body = render(unavailable())
        except Exception:  # noqa: BLE001 - never an HTML 500
            LOG.exception("unexpected error on %s %s", method, path)
            status, headers, body = render(server_error())
        LOG.info("%s %s %s %s %.1fms", environ["citizen_pins.account"], method, path[:200],
                 status, (time.monotonic() - started) * 1000)
        start_response(f"{status} {REASONS.get(status, '')}", with_security_headers(headers))
        return [body] if method != "HEAD" else [b""]

    def handle(self, environ, method: str, path: str):
        if self.feedback.handles(path):  # citizens' feedback: its own rules (registry/feedback.py)
            return self.feedback.handle(self, environ, method, path)
        route = route_of(path)
        if method not in route.allowed():
            raise method_not_allowed(method, route.allowed())
        length = content_length(environ)
        if method in READ_METHODS or method == "DELETE":
            if length:
                raise too_large(0)
        if method == "OPTIONS":
            return 204, [("Allow", ", ".join(route.allowed()))], b""
        if method in ("GET", "HEAD"):
            return self.read(environ, route)
        return self.write(environ, method, route, length)

    # -- reads -----------------------------------------------------------------------------
    def read(self, environ, route: Route):
        if route.kind == "plugins":  # QGIS adds ?qgis=<version>: no query checks here
            return self.plugins.serve(route.item_id or "")
        query = query_params(environ)
        self.check_query(route, query)
        if route.kind == "openapi":
            return render(Reply(200, body=self.openapi, headers={
                "Content-Type": "application/vnd.oai.openapi+json;version=3.0"}))
        if route.kind == "bulk":
            return render(Reply(200, body=self.bulk_description()))
        if route.kind == "account":
            return render(self.whoami(environ))
        if route.kind == "item":
            pattern = str(route.collection.id_schema.get("pattern", ""))
            if pattern and not re.fullmatch(pattern.strip("^$"), route.item_id or ""):
                raise not_found(f"There is no item {str(route.item_id)[:64]} in "
                                f"{route.collection.id}.", "ไม่พบข้อมูล")
        fmt = query.get("f", "json")
        env = dict(environ)
        env["wsgi.input"] = io.BytesIO(b"")  # pygeoapi never sees a body
        env["CONTENT_LENGTH"] = "0"
        env.pop("HTTP_TRANSFER_ENCODING", None)
        env["HTTP_ACCEPT"] = "application/json"
        env["QUERY_STRING"] = "&".join(
            [p for p in environ.get("QUERY_STRING", "").split("&") if p and
             not p.startswith("f=")] + ["f=json"])  # CSV is made here, from the JSON
        status, headers, body = self.call_app(env)
        if (status >= 500 or self.may_be_lost_database(status, route)) \
                and self.database_is_up():
            # The database may have come back between pygeoapi's failure and our probe (its
            # pooled connections die with the database): a read is safe to ask again, once.
            status, headers, body = self.call_app(env)
        # only the registry's own handlers choose a Content-Security-Policy (web.py)
        headers = [(k, val) for k, val in headers if k.lower() != "content-security-policy"]
        hdr = {k.lower(): (k, val) for k, val in headers}
        ctype = hdr.get("content-type", ("", ""))[1]
        if status >= 400:
            return render(self.app_error(status, body, ctype, query))
        if status == 200 and fmt == "csv" and "json" in ctype:
            return self.csv(body, route.collection)
        if status == 200 and "json" not in ctype:
            LOG.error("pygeoapi answered %s for %s", ctype, environ.get("PATH_INFO"))
            return render(server_error())
        if status == 200 and route.kind in ("landing", "collections", "collection",
                                            "conformance", "items"):
            body, headers = self.adjust_document(body, headers, route)
        if status == 200 and route.kind in ("items", "item"):  # GeoJSON, said so
            headers = [(k, val) for k, val in headers if k.lower() != "content-type"]
            headers.append(("Content-Type", "application/geo+json; charset=utf-8"))
        if status == 200 and route.kind == "item":
            try:
                version = json.loads(body)["properties"]["version"]
            except (ValueError, KeyError, TypeError):
                version = None
            if isinstance(version, int):
                tag = etag_of(version)
                headers = [(k, val) for k, val in headers if k.lower() != "etag"]
                headers.append(("ETag", tag))
                inm = environ.get("HTTP_IF_NONE_MATCH")
                if inm and (tag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"):
                    return 304, [("ETag", tag)], b""
        return status, headers, body

    def check_query(self, route: Route, query: Dict[str, str]) -> None:
        """Every parameter known and well formed: pygeoapi answers 500 to many mistakes."""
        c = route.collection
        allowed = {"f", "lang"}
        formats = ("json",)
        if route.kind == "items":
            allowed |= {"limit", "offset", "properties", "sortby", "skipGeometry",
                        "filter", "filter-lang", "crs"}
            if c.geometry:  # a collection without geometry has no bbox to filter on
                allowed |= {"bbox", "bbox-crs"}
            allowed |= {p.name for p in c.properties if p.type not in (DATETIME, ARRAY)}
            if c.time_field:
                allowed.add("datetime")
            formats = ("json", "csv")
        elif route.kind in ("account", "bulk"):
            allowed = {"f"}
        for name, value in query.items():
            if name not in allowed:
                raise bad_request("unknown_parameter", f"Unknown parameter '{name[:64]}' here; "
                                  f"known: {', '.join(sorted(allowed))}.",
                                  f"ไม่รู้จักพารามิเตอร์ '{name[:64]}'", parameter=name[:64])
        fmt = query.get("f")
        if fmt is not None and fmt not in formats:
            raise bad_request("unsupported_format",
                              f"f={fmt[:32]} is not served here; use f={' or f='.join(formats)} "
                              "(the registry serves no HTML).",
                              f"ไม่มีรูปแบบ f={fmt[:32]} ใช้ f={' หรือ f='.join(formats)}")
        if "lang" in query and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}",
                                                query["lang"]):
            raise bad_parameter("lang", "a language tag is expected (en, th).",
                                "ต้องเป็นรหัสภาษา (en, th)")
        if route.kind != "items":
            return
        props = c.prop
        if "limit" in query:
            check_int("limit", query["limit"], 1, 5000)
        if "offset" in query:
            check_int("offset", query["offset"], 0, MAX_OFFSET)
        if "bbox" in query:
            check_bbox(query["bbox"])
        if "datetime" in query:
            check_datetime(query["datetime"])
        for name in ("crs", "bbox-crs"):
            if name in query and query[name] not in CRS84:
                raise bad_parameter(name, f"only {CRS84[0]} is served.",
                                    f"ใช้ได้เฉพาะ {CRS84[0]}")
        if "skipGeometry" in query and query["skipGeometry"] not in ("true", "false"):
            raise bad_parameter("skipGeometry", "true or false.", "true หรือ false")
        if "properties" in query:
            names = query["properties"].split(",")
            if not all(n in props for n in names):
                raise bad_parameter("properties", "a comma-separated list of the collection's "
                                    "properties is expected.", "ต้องเป็นรายชื่อช่องข้อมูลของชุดข้อมูล")
        if "sortby" in query:
            names = [n[1:] if n[:1] in "+-" else n for n in query["sortby"].split(",")]
            if not all(n in props and props[n].type != ARRAY for n in names):
                raise bad_parameter("sortby", "a comma-separated list of the collection's "
                                    "properties, each optionally after + or -, is expected.",
                                    "ต้องเป็นรายชื่อช่องข้อมูลของชุดข้อมูล (นำหน้าด้วย + หรือ - ได้)")
        if "filter-lang" in query and query["filter-lang"] != "cql2-text":
            raise bad_parameter("filter-lang", "only cql2-text is served.", "ใช้ได้เฉพาะ cql2-text")
        if "filter" in query:
            check_text_value("filter", query["filter"], MAX_FILTER)
            if not query["filter"].strip():
                raise bad_parameter("filter", "an empty filter.", "ตัวกรองว่างเปล่า")
        for name, value in query.items():
            p = props.get(name)
            if p is None or name in ("limit", "offset"):
                continue
            if p.type == INTEGER:
                if not re.fullmatch(r"-?\d{1,9}", value):
                    raise bad_parameter(name, "a whole number is expected.", "ต้องเป็นจำนวนเต็ม")
            elif p.type == NUMBER:
                if not _finite(value):
                    raise bad_parameter(name, "a number is expected.", "ต้องเป็นตัวเลข")
            elif p.type == BOOLEAN:
                if value not in ("true", "false"):
                    raise bad_parameter(name, "true or false.", "true หรือ false")
            else:
                check_text_value(name, value, MAX_FILTER_VALUE)
                if p.pattern and not re.search(p.pattern, value):
                    raise bad_parameter(name, f"the value must match {p.pattern}.",
                                        f"ค่าต้องอยู่ในรูป {p.pattern}")

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

    @staticmethod
    def may_be_lost_database(status: int, route: Optional[Route]) -> bool:
        """pygeoapi 0.22+ (Python >= 3.12) answers an item read that lost its database 404: its
        SQL provider takes every SQLAlchemy error for a missing item.  A 404 is then asked of
        the database too -- never "not found" (a publish reads it as "deleted") for "down"."""
        return status == 404 and (route is None or route.kind == "item")

    def app_error(self, status: int, body: bytes, ctype: str, query) -> Reply:
        detail = ""
        if "json" in ctype:
            try:
                detail = str(json.loads(body).get("description", ""))[:300]
            except (ValueError, AttributeError):
                detail = ""
        if (status >= 500 or self.may_be_lost_database(status, None)) \
                and not self.database_is_up():
            return unavailable()
        if status >= 500:
            if "filter" in query:
                return bad_request("bad_filter", "The filter could not be evaluated; check the "
                                   "CQL2 text (e.g. province_code = '21').",
                                   "ตัวกรอง (filter) ไม่ถูกต้อง")
            LOG.error("pygeoapi answered %s: %s", status, detail)
            return server_error()
        if status == 404:
            return not_found(detail or "Not found (the item may have been deleted).",
                             "ไม่พบข้อมูล (อาจถูกลบแล้ว)")
        if status == 400 and "filter" in query:
            return bad_request("bad_filter", detail or "The filter is not valid CQL2 text.",
                               "ตัวกรอง (filter) ไม่ถูกต้อง")
        return Reply(status if 400 <= status < 500 else 400, "bad_request",
                     detail or "The request is not valid.", "คำขอไม่ถูกต้อง")

    @staticmethod
    def csv(body: bytes, c: Collection):
        """A page of items as CSV: id, the collection's properties, x and y of a point (WKT of
        any other geometry); every cell a spreadsheet would run as a formula is neutralised."""
        doc = json.loads(body)
        feats = [f for f in doc.get("features") or [] if isinstance(f, dict)]
        names = [p.name for p in c.properties
                 if any(p.name in (f.get("properties") or {}) for f in feats)] or \
            [p.name for p in c.properties]
        geoms = [f.get("geometry") for f in feats]
        points = all(g is None or g.get("type") == "Point" for g in geoms)
        with_geometry = any(g is not None for g in geoms)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["id"] + names + ((["x", "y"] if points else ["wkt"])
                                          if with_geometry else []))
        for f, g in zip(feats, geoms):
            props = f.get("properties") or {}
            row = [f.get("id")] + [props.get(n) for n in names]
            if with_geometry:
                if g is None:
                    row += [None, None] if points else [None]
                elif points:
                    row += list(g.get("coordinates", [None, None]))[:2]
                else:
                    import shapely.geometry

                    row.append(shapely.geometry.shape(g).wkt)
            writer.writerow(["" if v is None else normalize.spreadsheet_safe(
                json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v))
                for v in row])
        data = out.getvalue().encode("utf-8")
        return 200, [("Content-Type", "text/csv; charset=utf-8"),
                     ("Content-Length", str(len(data)))], data

    #: Links pygeoapi writes that point to what the registry does not serve.
    _UNSERVED = re.compile(r"/(processes|jobs|TileMatrixSets|stac|static|tiles|map|schema)"
                           r"(/|$|\?)")

    def adjust_document(self, body: bytes, headers, route: Route):
        """Landing page, collections, conformance, pages of items: no links to HTML or to what
        is not served; the bulk endpoints advertised; conformance claims only what is served."""
        try:
            doc = json.loads(body)
        except ValueError:
            return body, headers
        if not isinstance(doc, dict):
            return body, headers

        def keep(link) -> bool:
            if not isinstance(link, dict):
                return False
            if link.get("type") in ("text/html", "application/ld+json"):
                return False
            href = str(link.get("href", ""))
            if href.startswith(self.public_url):
                href = href[len(self.public_url):]
            return not self._UNSERVED.search(href.split("?")[0] + "/")

        def clean(node):
            if isinstance(node.get("links"), list):
                node["links"] = [link for link in node["links"] if keep(link)]

        clean(doc)
        if route.kind == "collections" and isinstance(doc.get("collections"), list):
            doc["collections"].append(self.feedback.collection())
        for c in doc.get("collections") or []:
            if isinstance(c, dict):
                clean(c)
                self._add_bulk_link(c, BY_ID.get(c.get("id")))
        if route.kind == "landing":
            for c in BY_ID.values():
                self._add_bulk_link(doc, c)
            self.plugins.add_to(doc)
        if route.kind == "collection":
            self._add_bulk_link(doc, route.collection)
        if route.kind == "conformance" and isinstance(doc.get("conformsTo"), list):
            doc["conformsTo"] = [x for x in doc["conformsTo"] if isinstance(x, str) and
                                 ("ogcapi-features" in x or "ogcapi-common" in x
                                  or "/spec/cql2" in x) and not x.endswith("/html")]
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        headers = [(k, val) for k, val in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(data))))
        return data, headers

    def _add_bulk_link(self, doc: dict, c: Optional[Collection]) -> None:
        if c is None or not c.bulk or not isinstance(doc.get("links"), list):
            return
        doc["links"].append({"rel": "bulk", "type": "application/json",
                             "title": f"Bulk writes of {c.title.lower()} (citizen_pins)",
                             "href": f"{self.public_url}/collections/{c.id}/bulk"})

    def bulk_description(self) -> dict:
        return {
            "description": "POST {\"operations\": [...]} here: up to max_operations creates, "
                           "replaces and deletes in ONE database transaction, with one result "
                           "per operation (same rules and statuses as the single requests).",
            "max_operations": self.max_bulk_ops,
            "max_body_bytes": self.max_bulk_body,
            "operation_forms": [
                {"op": "create", "feature": "<GeoJSON Feature>",
                 "distinct": "(optional) true: a different service point from a pin nearby "
                             "with the same name"},
                {"op": "replace", "id": "<id>", "if_match": "\"<version>\"",
                 "feature": "<GeoJSON Feature>"},
                {"op": "delete", "id": "<id>", "if_match": "\"<version>\"",
                 "services": "(optional, a pin's delete) {\"<service_id>\": <version>}: the "
                             "pin's services as the client knows them (else 412 "
                             "services_changed)"},
            ],
        }

    def transaction(self, work):
        """``work(cursor)`` on a pooled connection, in one transaction committed when it
        returns (rolled back when it raises); a lost database is a 503."""
        conn = self.connection()
        broken = False
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                result = work(cur)
            conn.commit()
            return result
        except CONNECTION_LOST as e:
            # a statement that ran past its timeout leaves a good connection (still a 503)
            broken = not isinstance(e, psycopg2.errors.QueryCanceled)
            raise
        finally:
            self.release(conn, broken)

    def whoami(self, environ) -> Reply:
        account = self.transaction(lambda cur: self.authenticate(environ, cur))
        return Reply(200, body=self.plugins.add_to({
            "name": account.name, "role": account.role, "provinces": sorted(account.provinces),
            "can_edit": bool(account.provinces)}), headers={"Cache-Control": "no-store"})

    def authenticate(self, environ, cur) -> Account:
        return self.auth.authenticate(environ, cur,
                                      client_address(environ, self.trusted_proxies))

    # -- writes ----------------------------------------------------------------------------
    def write(self, environ, method: str, route: Route, length: int):
        refused = self.plugins.refusal(environ)  # a plugin too old for this registry
        if refused is not None:
            raise Reply(400, body=refused)
        check_same_origin(environ, self.origins)
        handler = self.writers[route.collection.writer]
        limit = self.max_bulk_body if route.kind == "bulk" else self.max_body
        if method != "DELETE":
            check_json_content_type(environ)
            if not environ.get("CONTENT_LENGTH"):
                raise Reply(411, "length_required", "Send the body with a Content-Length.",
                            "ต้องระบุ Content-Length")
            if length > limit:
                raise too_large(limit)
        if_match = services = None
        if route.kind == "item":
            if_match = environ.get("HTTP_IF_MATCH")
            header = "HTTP_" + SERVICES_HEADER.upper().replace("-", "_")
            if method == "DELETE" and header in environ:
                # a pin's deletion names the services the client knows (else 412)
                if not getattr(handler, "takes_services", False):
                    raise bad_request("bad_header", f"{SERVICES_HEADER} is for deleting a pin.",
                                      f"ใช้ {SERVICES_HEADER} ได้เฉพาะเมื่อลบหมุด")
                services = services_precondition(environ[header])
        # the client says a create is a different service point from a same-named pin nearby
        distinct = environ.get("HTTP_X_CITIZEN_PINS_DISTINCT", "").strip().lower() in (
            "1", "true", "yes")
        conn = self.connection()
        broken = False
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                account = self.authenticate(environ, cur)
                conn.rollback()
                body = None
                if method != "DELETE":
                    data = environ["wsgi.input"].read(length) if length else b""
                    body = parse_json(data)
                if route.kind == "bulk":
                    reply = self.bulk(cur, handler, account, body)
                else:
                    kind = {"POST": "create", "PUT": "replace", "DELETE": "delete"}[method]
                    try:
                        reply = self.apply(cur, handler, account, kind, route.item_id, if_match,
                                           body, distinct, services)
                    except CONNECTION_LOST:
                        raise
                    except psycopg2.Error as e:
                        conn.rollback()
                        raise self.db_error(e)
                rendered = render(reply)  # before the commit: what is committed is answered
                conn.commit()
                return rendered
        except CONNECTION_LOST as e:
            # the connection is gone (the database died): drop the pool; a statement that ran
            # past its timeout leaves a good connection (still a 503: try again)
            broken = not isinstance(e, psycopg2.errors.QueryCanceled)
            raise
        finally:
            self.release(conn, broken)

    def db_error(self, e: psycopg2.Error) -> Reply:
        if isinstance(e, psycopg2.errors.UniqueViolation):
            return Reply(409, "conflict", "The item already exists or was deleted (its id "
                         "cannot be used again).", "มีข้อมูลรหัสนี้อยู่แล้ว หรือถูกลบไปแล้ว")
        if isinstance(e, psycopg2.errors.SerializationFailure):
            return Reply(409, "conflict", "The item changed while this request ran; try again.",
                         "ข้อมูลถูกเปลี่ยนระหว่างที่ดำเนินการ กรุณาลองใหม่")
        if isinstance(e, psycopg2.errors.InsufficientPrivilege):
            return Reply(403, "forbidden", "The registry's database refused this write for "
                         "your account.", "ฐานข้อมูลของทะเบียนกลางไม่อนุญาตให้บัญชีของคุณเขียนข้อมูลนี้")
        if isinstance(e, (psycopg2.IntegrityError, psycopg2.DataError)):
            diag = getattr(e, "diag", None)
            constraint = getattr(diag, "constraint_name", None) or ""
            return Reply(422, "constraint", "The database refused the item"
                         + (f" (rule {constraint})" if constraint else "") + ".",
                         "ฐานข้อมูลไม่รับข้อมูลนี้",
                         problems=[v.problem(None, "constraint", constraint or str(e)[:200],
                                             constraint or "ข้อมูลไม่ผ่านกฎของฐานข้อมูล")])
        if isinstance(e, CONNECTION_LOST):
            raise e
        LOG.error("database error: %s", e)
        return server_error()

    # The one code path of every write, single or bulk.  Runs inside the caller's transaction.
    def apply(self, cur, handler, account: Account, kind: str, item_id: Optional[str],
              if_match, body, distinct: bool = False, services=None) -> Reply:
        """``distinct`` (a create): the client says it is a different service point from an
        item nearby with the same name (else the handler may refuse it as a duplicate, 409).
        ``services`` (a pin's delete): the pin's services as the client knows them."""
        if kind == "create":
            return handler.create(cur, account, body, distinct)
        version = if_match_version(if_match)
        if kind == "delete":
            if services is not None:
                return handler.delete(cur, account, item_id, version, services=services)
            return handler.delete(cur, account, item_id, version)
        return handler.replace(cur, account, item_id, version, body)

    def bulk(self, cur, handler, account: Account, body) -> Reply:
        ops = body.get("operations") if isinstance(body, dict) else None
        if not isinstance(ops, list) or set(body) != {"operations"} \
                or not all(isinstance(op, dict) for op in ops):
            raise bad_request("bad_bulk", "A bulk request is {\"operations\": [{...}, ...]} "
                              "(a list of objects).",
                              "คำขอแบบกลุ่มต้องอยู่ในรูป {\"operations\": [{...}, ...]}")
        if len(ops) > self.max_bulk_ops:
            raise Reply(413, "too_many_operations",
                        f"At most {self.max_bulk_ops} operations per bulk request.",
                        f"ส่งได้ไม่เกิน {self.max_bulk_ops} รายการต่อครั้ง",
                        max_operations=self.max_bulk_ops)
        results = []
        counts: Dict[str, int] = {}
        answered: List[tuple] = []
        i = 0
        while i < len(ops):
            # consecutive creates of different items: set-based when the handler can
            end = self._create_run(handler, ops, i)
            many = self.create_many(cur, handler, account, ops[i:end]) if end - i > 1 else None
            if many is not None:
                answered.extend((i + k, self._op_head(handler, i + k, ops[i + k]), reply)
                                for k, reply in enumerate(many))
                i = end
                continue
            answered.append((i,) + self.bulk_operation(cur, handler, account, i, ops[i]))
            i += 1
        for i, result, reply in answered:
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
        return Reply(200, body={"results": results, "counts": counts})

    _OP_KEYS = {"create": {"op", "feature", "distinct"}, "replace": {"op", "id", "if_match", "feature"},
                "delete": {"op", "id", "if_match", "services"}}

    @staticmethod
    def _item_id(handler, op: dict):
        kind, item_id, feature = op.get("op"), op.get("id"), op.get("feature")
        if kind == "create" and isinstance(feature, dict):
            props = feature.get("properties")
            item_id = feature.get("id") or (props.get(handler.id_field)
                                            if isinstance(props, dict) else None)
        return item_id

    def _op_head(self, handler, i: int, op: dict) -> dict:
        kind, item_id = op.get("op"), self._item_id(handler, op)
        shown = item_id if isinstance(item_id, str) else None
        return {"index": i, "op": kind if isinstance(kind, str) else None,
                "id": shown[:64] if shown else None}

    def _create_run(self, handler, ops: List[dict], start: int) -> int:
        """The end of the run of well-formed creates of different items from ``start`` (the
        creates a handler with ``create_many`` writes set-based)."""
        if not hasattr(handler, "create_many"):
            return start
        seen = set()
        end = start
        while end < len(ops):
            op = ops[end]
            item_id = self._item_id(handler, op)
            if op.get("op") != "create" or not set(op) <= self._OP_KEYS["create"] \
                    or not isinstance(op.get("feature"), dict) or not isinstance(item_id, str) \
                    or item_id in seen:
                break
            seen.add(item_id)
            end += 1
        return end

    def create_many(self, cur, handler, account: Account, ops: List[dict]):
        """The replies of creates ``ops``, set-based in one savepoint; None when they are to
        go one by one (the handler says so, or the database refused the set: then each gets
        its own answer, e.g. a 422 for the one pin a constraint refuses)."""
        cur.execute("SAVEPOINT run")
        try:
            replies = handler.create_many(cur, account, [(op["feature"], op.get("distinct")
                                                          is True) for op in ops])
        except CONNECTION_LOST:
            raise
        except (psycopg2.Error, Reply):
            replies = None
        if replies is None:
            cur.execute("ROLLBACK TO SAVEPOINT run")
        else:
            cur.execute("RELEASE SAVEPOINT run")
        return replies

    def bulk_operation(self, cur, handler, account: Account, i: int, op: dict):
        kind, item_id, feature = op.get("op"), op.get("id"), op.get("feature")
        if kind == "create" and isinstance(feature, dict):
            item_id = self._item_id(handler, op)
        result = self._op_head(handler, i, op)
        if kind not in self._OP_KEYS or not set(op) <= self._OP_KEYS[kind]:
            return result, bad_request("bad_operation", "Each operation is {\"op\": create, "
                                       "replace or delete, ...} with only the keys of its form "
                                       "(GET this URL for them).",
                                       "แต่ละรายการต้องมี op เป็น create, replace หรือ delete "
                                       "และมีเฉพาะช่องของรูปแบบนั้น")
        if kind != "create" and not isinstance(item_id, str):
            return result, bad_request("bad_operation", "A replace or delete names the item: "
                                       "\"id\" (text).", "ต้องระบุ id (ข้อความ)")
        services = None
        if "services" in op:
            if not getattr(handler, "takes_services", False):
                return result, bad_request("bad_operation", "\"services\" is for deleting a "
                                           "pin.", "ใช้ services ได้เฉพาะเมื่อลบหมุด")
            try:
                services = services_precondition(op["services"])
            except Reply as r:
                return result, r
        cur.execute("SAVEPOINT op")
        try:
            reply = self.apply(cur, handler, account, kind, item_id, op.get("if_match"), feature,
                               op.get("distinct") is True, services)
            cur.execute("RELEASE SAVEPOINT op")
        except Reply as r:
            reply = r
            cur.execute("ROLLBACK TO SAVEPOINT op")
        except CONNECTION_LOST:
            raise
        except psycopg2.Error as e:
            cur.execute("ROLLBACK TO SAVEPOINT op")
            reply = self.db_error(e)
        return result, reply


