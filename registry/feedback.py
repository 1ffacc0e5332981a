"""Citizen feedback at the registry: the anonymous intake, the public aggregates, the comments for
accounts of the province, and the citizens' form (the gateway hands it every request under
``/collections/feedback`` and ``/feedback/``).

``POST /collections/feedback/items`` -- anonymous (no account), the registry's first public write:
  the same checks as every write (another site's Origin 403, not JSON 415, no length 411), a body
  of at most ``REGISTRY_FEEDBACK_MAX_BODY`` bytes (32 KiB: the two texts of 1,000 characters fit
  even written as JSON escapes; 413), the response checked by
  core/feedback.py (422, problems in English and Thai), personal data stripped from its text, then
  one database function (``citizen_pins_feedback_submit``) that, in one transaction: refuses an
  unknown or deleted pin (404); accepts the same client's same answers within
  ``REGISTRY_FEEDBACK_DUPLICATE_WINDOW`` seconds once (the repeat answers 200 with the first one's
  id); counts the client and the pin in PostgreSQL and refuses past their limits (429 +
  ``Retry-After``; ``REGISTRY_FEEDBACK_CLIENT_LIMIT`` per ``_CLIENT_WINDOW`` s, default 20 per hour;
  ``REGISTRY_FEEDBACK_PIN_LIMIT`` per ``_PIN_WINDOW`` s, default 600 per hour); else stores it
  (201).  The client is known only as a keyed hash (HMAC-SHA256 with the registry's secret) of its
  address, in the throttle table, forgotten after a day; the response itself holds no trace of
  it.
``GET /collections/feedback/summary`` -- public: counts, the satisfaction distribution and share
  satisfied, the mean of every item, the yes/no shares, complaints per category, per pin, service,
  amphoe, province, month or the whole country, over whole months of visits, computed by
  PostgreSQL from the incrementally kept monthly summary (never from the raw responses).
``GET /collections/feedback/items`` -- HTTP Basic: the individual responses with their comments,
  of the account's provinces (a coordinator: any); the database function checks it again.
``GET /feedback/{pin_id}`` -- the form (registry/feedback_form.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
import threading
from typing import Dict, List, Optional, Tuple

import psycopg2
import psycopg2.errors
import psycopg2.extras
from psycopg2 import sql

from citizen_pins.core import feedback as fb

from . import feedback_form, services_db
from .web import (Reply, bad_parameter, bad_request, check_json_content_type, check_same_origin,
                  client_address, content_length, method_not_allowed, not_found, parse_json,
                  query_params, render, too_large)

COLLECTION = "feedback"
BASE = f"/collections/{COLLECTION}"
ITEMS = f"{BASE}/items"
SUMMARY = f"{BASE}/summary"
FORM = "/feedback"
GROUPS = ("pin", "service", "amphoe", "province", "month", "country")
MAX_MONTHS = 120
MAX_PAGE = 1000
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


class Limits:
    """The intake's limits (the environment's, else the defaults)."""

    def __init__(self, client_limit: Optional[int] = None, client_window: Optional[int] = None,
                 pin_limit: Optional[int] = None, pin_window: Optional[int] = None,
                 duplicate_window: Optional[int] = None, max_body: Optional[int] = None):
        e = _env_int
        self.client_limit = client_limit or e("REGISTRY_FEEDBACK_CLIENT_LIMIT", 20)
        self.client_window = client_window or e("REGISTRY_FEEDBACK_CLIENT_WINDOW", 3600)
        self.pin_limit = pin_limit or e("REGISTRY_FEEDBACK_PIN_LIMIT", 600)
        self.pin_window = pin_window or e("REGISTRY_FEEDBACK_PIN_WINDOW", 3600)
        self.duplicate_window = duplicate_window or e("REGISTRY_FEEDBACK_DUPLICATE_WINDOW", 86400)
        self.max_body = max_body or e("REGISTRY_FEEDBACK_MAX_BODY", 32768)


def _month(name: str, value: str) -> dt.date:
    m = _MONTH.fullmatch(value)
    if not m or not 1900 <= int(m.group(1)) <= 2999:
        raise bad_parameter(name, "a month is expected, YYYY-MM (e.g. 2025-03).",
                            "ต้องเป็นเดือนในรูป ปปปป-ดด (ค.ศ.) เช่น 2025-03")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def _day(name: str, value: str) -> dt.date:
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(name, "a date is expected, YYYY-MM-DD.", "ต้องเป็นวันที่ ปปปป-ดด-วว (ค.ศ.)")


def _add_months(d: dt.date, k: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + k
    return dt.date(m // 12, m % 12 + 1, 1)


def period(query: Dict[str, str], today: Optional[dt.date] = None) -> Tuple[dt.date, dt.date]:
    """The whole months ``from`` .. ``to`` (first days); by default the last 12 months."""
    today = today or dt.datetime.now(fb.BANGKOK).date()
    end = _month("to", query["to"]) if "to" in query else today.replace(day=1)
    start = _month("from", query["from"]) if "from" in query else _add_months(end, -11)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months < 1 or months > MAX_MONTHS:
        raise bad_parameter("from", f"from must be a month before to, at most {MAX_MONTHS} "
                            "months apart.", f"from ต้องไม่อยู่หลัง to และห่างกันไม่เกิน {MAX_MONTHS} เดือน")
    return start, end


def group_document(row: dict, complaints: Dict[str, int], minimum: int) -> dict:
    """One group's aggregates as the summary answers them (and the plugin reads them)."""
    n = row["n"]
    dist = {str(v): row[f"sat{v}"] for v in range(1, 6)}
    satisfied = sum(row[f"sat{v}"] for v in range(fb.SATISFIED_FROM, 6))
    means = {"satisfaction": fb.mean(sum(v * row[f"sat{v}"] for v in range(1, 6)), n)}
    answered = {"satisfaction": n}
    for k in fb.QUESTION_KEYS[1:]:
        answered[k] = row[f"{k}_n"]
        means[k] = fb.mean(row[f"{k}_sum"], row[f"{k}_n"])
    doc = {k: row[k] for k in ("pin_id", "service_id", "amphoe_code", "province_code", "month")
           if k in row}
    if isinstance(doc.get("month"), dt.date):
        doc["month"] = doc["month"].strftime("%Y-%m")
    if doc.get("service_id") == "":
        doc["service_id"] = None
    doc.update({
        "responses": n, "enough": fb.enough(n, minimum), "satisfied": satisfied,
        "pct_satisfied": fb.share(satisfied, n), "distribution": dist, "means": means,
        "answered": answered,
        "asked_copy": {"yes": row["copy_yes"], "answered": row["copy_n"],
                       "pct": fb.share(row["copy_yes"], row["copy_n"])},
        "asked_payment": {"yes": row["pay_yes"], "answered": row["pay_n"],
                          "pct": fb.share(row["pay_yes"], row["pay_n"])},
        "comments": row["comments"], "complaints_total": row["complaints"],
        "complaints": {k: complaints.get(k, 0) for k in fb.CATEGORY_KEYS},
        "synthetic": row["synthetic"],
    })
    return doc


class FeedbackService:
    def __init__(self, public_url: str, limits: Optional[Limits] = None):
        self.public_url = public_url.rstrip("/")
        self.limits = limits or Limits()
        self._secret: Optional[bytes] = None
        self._lock = threading.Lock()

    @staticmethod
    def handles(path: str) -> bool:
        p = path.rstrip("/")
        return p == BASE or p.startswith(BASE + "/") or p.startswith(FORM + "/")

    def handle(self, gw, environ, method: str, path: str):
        p = path.rstrip("/")
        if p == BASE:
            allowed = ["GET", "HEAD", "OPTIONS"]
        elif p == ITEMS:
            allowed = ["GET", "HEAD", "OPTIONS", "POST"]
        elif p == SUMMARY:
            allowed = ["GET", "HEAD", "OPTIONS"]
        elif p.startswith(FORM + "/") and p.count("/") == 2:
            allowed = ["GET", "HEAD", "OPTIONS"]
        else:
            raise not_found()
        if method not in allowed:
            raise method_not_allowed(method, allowed)
        length = content_length(environ)
        if method != "POST" and length:
            raise too_large(0)
        if method == "OPTIONS":
            return 204, [("Allow", ", ".join(allowed))], b""
        query = query_params(environ)
        if method == "POST":
            return render(self.submit(gw, environ, length, query))
        if p == BASE:
            self._only(query, ())
            return render(Reply(200, body=self.collection()))
        if p == SUMMARY:
            return render(self.summary(gw, query))
        if p == ITEMS:
            return render(self.items(gw, environ, query))
        return self.form(gw, p[len(FORM) + 1:], query)

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _only(query: Dict[str, str], allowed) -> None:
        allowed = set(allowed) | {"f"}
        for name in query:
            if name not in allowed:
                raise bad_request("unknown_parameter", f"Unknown parameter '{name[:64]}' here; "
                                  f"known: {', '.join(sorted(allowed))}.",
                                  f"ไม่รู้จักพารามิเตอร์ '{name[:64]}'", parameter=name[:64])
        if query.get("f", "json") != "json":
            raise bad_request("unsupported_format", "Only f=json is served here.",
                              "ใช้ได้เฉพาะ f=json")

    def _key(self, cur, *parts: str) -> str:
        with self._lock:
            if self._secret is None:
                cur.execute("SELECT citizen_pins_feedback_secret() AS s")
                self._secret = cur.fetchone()["s"].encode("ascii")
            secret = self._secret
        return hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()

    # -- the collection --------------------------------------------------------------------------
    def collection(self) -> dict:
        return {
            "id": COLLECTION, "title": "Citizen feedback",
            "description": "Anonymous responses of citizens about a service point (OMB A-11 "
                           "section 280 items, 1-5; asked for a copy; asked for extra payment; "
                           "comment; complaint). POST one to items (no account). Aggregates are "
                           "public at summary; individual responses and comments need an account "
                           "of the province (HTTP Basic).",
            "itemType": "feature",
            "links": [
                {"rel": "items", "type": "application/geo+json", "title": "Responses (POST: "
                 "anonymous; GET: accounts of the province)", "href": self.public_url + ITEMS},
                {"rel": "summary", "type": "application/json", "title": "Aggregates (public)",
                 "href": self.public_url + SUMMARY},
            ],
        }

    # -- intake ----------------------------------------------------------------------------------
    def submit(self, gw, environ, length: int, query) -> Reply:
        check_same_origin(environ, gw.origins)
        check_json_content_type(environ)
        if not environ.get("CONTENT_LENGTH"):
            raise Reply(411, "length_required", "Send the body with a Content-Length.",
                        "ต้องระบุ Content-Length")
        lim = self.limits
        if length > lim.max_body:
            raise too_large(lim.max_body)
        self._only(query, ())
        body = parse_json(environ["wsgi.input"].read(length) if length else b"")
        response, problems = fb.parse_response(body)
        if problems:
            raise Reply(422, "invalid", "The response has problems: "
                        + "; ".join(p["message_en"] for p in problems),
                        "คำตอบมีข้อผิดพลาด: " + "; ".join(p["message_th"] for p in problems),
                        problems=problems)
        address = client_address(environ, gw.trusted_proxies)
        r = response

        def work(cur):
            client = self._key(cur, "client", address)
            dedupe = self._key(cur, "response", address, r.fingerprint())
            cur.execute(
                "SELECT * FROM citizen_pins_feedback_submit(%s, %s, %s, %s, %s, %s::smallint[], "
                "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (client, dedupe, r.pin_id, r.service_id, r.visit_date,
                 [r.answers.get(k) for k in fb.QUESTION_KEYS], r.asked_copy, r.asked_payment,
                 r.comment, r.complaint_category, r.complaint_detail, lim.client_limit,
                 lim.client_window, lim.pin_limit, lim.pin_window, lim.duplicate_window))
            row = cur.fetchone()
            if row["outcome"] == "throttled":
                cur.connection.rollback()  # a refused attempt counts for nothing
            return row

        row = gw.transaction(work)
        outcome = row["outcome"]
        if outcome == "unknown_pin":
            raise Reply(404, "unknown_pin", f"There is no service point {r.pin_id} in the "
                        "registry (it may have been deleted).",
                        f"ไม่พบจุดให้บริการ {r.pin_id} ในทะเบียนกลาง (อาจถูกลบไปแล้ว)")
        if outcome == "unknown_service":
            raise Reply(404, "unknown_service", f"The service point {r.pin_id} has no service "
                        f"{r.service_id} in the registry (leave the service out, or choose one "
                        "of its services).",
                        f"จุดให้บริการ {r.pin_id} ไม่มีงานบริการ {r.service_id} ในทะเบียนกลาง "
                        "(เว้นว่างไว้ หรือเลือกงานบริการของจุดนี้)")
        if outcome == "throttled":
            wait = int(row["retry_after"])
            minutes = max(1, (wait + 59) // 60)
            raise Reply(429, "too_many_responses",
                        f"Too many responses from this connection or for this service point; "
                        f"try again in {minutes} minute(s).",
                        f"มีการส่งความคิดเห็นจากเครือข่ายนี้หรือถึงจุดให้บริการนี้มากเกินไป "
                        f"กรุณาลองใหม่ใน {minutes} นาที", headers={"Retry-After": str(wait)})
        body = {"id": str(row["feedback_id"]), "status": outcome,
                "removed": r.removed,
                "message_en": "Thank you: your answers have been received."
                + (" (The same answers were already received.)" if outcome == "duplicate"
                   else ""),
                "message_th": "ขอบคุณที่ให้ความคิดเห็น ระบบได้รับคำตอบของท่านแล้ว"
                + (" (ได้รับคำตอบเดียวกันนี้ไว้แล้ว)" if outcome == "duplicate" else "")}
        return Reply(201 if outcome == "stored" else 200, body=body,
                     headers={"Cache-Control": "no-store"})

    # -- aggregates --------------------------------------------------------------------------------
    def summary(self, gw, query: Dict[str, str]) -> Reply:
        self._only(query, ("by", "province_code", "amphoe_code", "pin_id", "service_id", "from",
                           "to", "min_responses"))
        by = query.get("by", "pin")
        if by not in GROUPS:
            raise bad_parameter("by", f"one of {', '.join(GROUPS)}.",
                                f"ต้องเป็นค่าใดค่าหนึ่งของ {', '.join(GROUPS)}")
        start, end = period(query)
        minimum = fb.MIN_RESPONSES
        if "min_responses" in query:
            v = query["min_responses"]
            if not (v.isascii() and v.isdigit() and 1 <= int(v) <= 100000):
                raise bad_parameter("min_responses", "a whole number from 1 to 100000.",
                                    "ต้องเป็นจำนวนเต็ม 1 ถึง 100000")
            minimum = int(v)
        where, args = ["month BETWEEN %s AND %s"], [start, end]
        for name, pattern in (("province_code", r"[1-9][0-9]"), ("amphoe_code", r"[1-9][0-9]{3}"),
                              ("pin_id", fb.UUID_RE.pattern.strip("^$")),
                              ("service_id", fb.UUID_RE.pattern.strip("^$"))):
            if name in query:
                if not re.fullmatch(pattern, query[name]):
                    raise bad_parameter(name, f"the value must match ^{pattern}$.",
                                        f"ค่าต้องอยู่ในรูป ^{pattern}$")
                where.append(f"{name} = %s")
                args.append(query[name])
        keys = {"pin": ["pin_id"], "service": ["pin_id", "service_id"],
                "amphoe": ["amphoe_code"], "province": ["province_code"], "month": ["month"],
                "country": []}[by]
        extra = {"pin": ["min(province_code) AS province_code", "min(amphoe_code) AS amphoe_code"],
                 "service": ["min(province_code) AS province_code",
                             "min(amphoe_code) AS amphoe_code"],
                 "amphoe": ["min(province_code) AS province_code"]}.get(by, [])
        from .feedback_schema import SUMMARY_COUNTERS

        sums = ", ".join(f"sum({c})::integer AS {c}" for c in ["n"] + [c for c, _ in
                                                                      SUMMARY_COUNTERS])
        group = (" GROUP BY " + ", ".join(keys)) if keys else ""
        order = (" ORDER BY " + ", ".join(keys)) if keys else ""
        select = ", ".join(keys + extra + [sums])
        cond = " AND ".join(where)

        def work(cur):
            cur.execute(f"SELECT {select} FROM feedback_monthly WHERE {cond}{group}{order}", args)
            rows = [r for r in cur.fetchall() if r["n"]]
            ck = keys + ["category"]
            cur.execute(f"SELECT {', '.join(ck)}, sum(n)::integer AS n FROM "
                        f"feedback_monthly_complaints WHERE {cond} GROUP BY {', '.join(ck)}", args)
            comp: Dict[tuple, Dict[str, int]] = {}
            for c in cur.fetchall():
                comp.setdefault(tuple(c[k] for k in keys), {})[c["category"]] = c["n"]
            return rows, comp

        rows, comp = gw.transaction(work)
        groups = [group_document(r, comp.get(tuple(r[k] for k in keys), {}), minimum)
                  for r in rows]
        return Reply(200, body={
            "by": by, "from": start.strftime("%Y-%m"), "to": end.strftime("%Y-%m"),
            "min_responses": minimum, "satisfied_from": fb.SATISFIED_FROM,
            "questions": list(fb.QUESTION_KEYS), "categories": list(fb.CATEGORY_KEYS),
            "groups": groups}, headers={"Cache-Control": "public, max-age=60"})

    # -- individual responses (accounts) ---------------------------------------------------------
    def items(self, gw, environ, query: Dict[str, str]) -> Reply:
        def work(cur):
            account = gw.authenticate(environ, cur)  # who asks comes first (401 before 400)
            cur.connection.rollback()
            return self._items(cur, account, query)

        rows, query, limit, offset = gw.transaction(work)
        feats = [{"type": "Feature", "id": str(r["feedback_id"]), "geometry": None,
                  "properties": {
                      "pin_id": r["pin_id"], "service_id": r["service_id"],
                      "province_code": r["province_code"], "amphoe_code": r["amphoe_code"],
                      "visit_date": r["visit_date"].isoformat(),
                      "answers": {k: r[k] for k in fb.QUESTION_KEYS},
                      "asked_copy": r["asked_copy"], "asked_payment": r["asked_payment"],
                      "comment": r["comment"], "complaint_category": r["complaint_category"],
                      "complaint_detail": r["complaint_detail"], "synthetic": r["synthetic"]}}
                 for r in rows]
        links = []
        if len(feats) == limit:
            q = dict(query, offset=str(offset + limit), limit=str(limit))
            from urllib.parse import urlencode

            links.append({"rel": "next", "type": "application/geo+json",
                          "href": f"{self.public_url}{ITEMS}?{urlencode(q)}"})
        return Reply(200, body={"type": "FeatureCollection", "features": feats,
                                "numberReturned": len(feats), "links": links},
                     headers={"Cache-Control": "no-store",
                              "Content-Type": "application/geo+json; charset=utf-8"})

    def _items(self, cur, account, query: Dict[str, str]):
        self._only(query, ("province_code", "pin_id", "from", "to", "limit", "offset"))
        province = query.get("province_code")
        if province is not None and not re.fullmatch(r"[1-9][0-9]", province):
            raise bad_parameter("province_code", "a DOPA province code (2 digits).",
                                "ต้องเป็นรหัสจังหวัด 2 หลัก")
        pin = query.get("pin_id")
        if pin is not None and not fb.UUID_RE.match(pin):
            raise bad_parameter("pin_id", "a pin's id (UUID).", "ต้องเป็นรหัสหมุด (UUID)")
        start = _day("from", query["from"]) if "from" in query else None
        end = _day("to", query["to"]) if "to" in query else None
        limit, offset = 100, 0
        for name, low, high in (("limit", 1, MAX_PAGE), ("offset", 0, 1_000_000)):
            if name in query:
                v = query[name]
                if not (v.isascii() and v.isdigit() and len(v) <= 8 and low <= int(v) <= high):
                    raise bad_parameter(name, f"a whole number from {low} to {high}.",
                                        f"ต้องเป็นจำนวนเต็มตั้งแต่ {low} ถึง {high}")
                if name == "limit":
                    limit = int(v)
                else:
                    offset = int(v)
        if province:
            provinces: Optional[List[str]] = [province]
        elif account.role == "coordinator":
            provinces = None
        else:
            provinces = sorted(account.provinces)
        if provinces is not None and (not provinces or (account.role != "coordinator" and not
                                                        set(provinces) <= set(account.provinces))):
            raise Reply(403, "forbidden",
                        "Individual responses and comments are readable only by accounts of "
                        "their province and by coordinators.",
                        "ความคิดเห็นรายบุคคลเปิดให้เฉพาะบัญชีของจังหวัดนั้นและผู้ประสานงานเท่านั้น",
                        allowed_provinces=sorted(account.provinces))
        try:
            cur.execute("SELECT * FROM citizen_pins_feedback_read(%s, %s, %s, %s, %s, %s, %s)",
                        (account.name, provinces, pin, start, end, limit, offset))
        except psycopg2.errors.InsufficientPrivilege:
            cur.connection.rollback()
            raise Reply(403, "forbidden", "The registry's database refused this read for your "
                        "account.", "ฐานข้อมูลไม่อนุญาตให้บัญชีของคุณอ่านข้อมูลนี้",
                        allowed_provinces=sorted(account.provinces))
        return cur.fetchall(), query, limit, offset

    # -- the form ----------------------------------------------------------------------------------
    def form(self, gw, pin_id: str, query: Dict[str, str]):
        if not fb.UUID_RE.match(pin_id):
            raise not_found("There is no service point at this address.",
                            "ไม่พบจุดให้บริการที่ที่อยู่นี้")

        def work(cur):
            cur.execute("SELECT name_th, name_en FROM service_points WHERE pin_id = %s", (pin_id,))
            point = cur.fetchone()
            if point is None:
                return None, []
            # (the published view: the gateway's role reads services only through it)
            cur.execute(sql.SQL("SELECT service_id, name_th, name_en FROM {} WHERE pin_id = %s "
                                "AND active IS NOT FALSE ORDER BY name_th, service_id LIMIT 200")
                        .format(sql.Identifier(services_db.VIEW)), (pin_id,))
            return point, [(r["service_id"], r["name_th"], r["name_en"]) for r in cur.fetchall()]

        row, services = gw.transaction(work)
        if row is None:
            raise not_found(f"There is no service point {pin_id} in the registry (it may have "
                            "been deleted).", f"ไม่พบจุดให้บริการ {pin_id} ในทะเบียนกลาง")
        self._only_form(query)  # (what is asked for comes first: an unknown pin is a 404)
        page = feedback_form.render(pin_id, row["name_th"], row["name_en"],
                                    self.public_url + ITEMS, query.get("lang", "th"),
                                    services=services)
        return 200, [("Content-Type", "text/html; charset=utf-8"),
                     ("Content-Length", str(len(page))),
                     ("Cache-Control", "no-cache"),
                     ("Content-Security-Policy", feedback_form.CSP)], page

    @staticmethod
    def _only_form(query: Dict[str, str]) -> None:
        for name in query:
            if name != "lang":
                raise bad_request("unknown_parameter", f"Unknown parameter '{name[:64]}' here; "
                                  "known: lang.", f"ไม่รู้จักพารามิเตอร์ '{name[:64]}'",
                                  parameter=name[:64])
        if query.get("lang", "th") not in ("th", "en"):
            raise bad_parameter("lang", "th or en.", "th หรือ en")


# -- the OpenAPI document's part (registry/openapi.py merges it) ---------------------------------

def openapi(max_body: int, errors) -> Tuple[dict, dict]:
    """(paths, schemas) of the feedback endpoints; ``errors(statuses)`` makes the error
    responses (the document's shared ones)."""
    uuid = {"type": "string", "pattern": fb.UUID_RE.pattern}
    month = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}
    day = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d$"}
    item = {"type": "integer", "minimum": 1, "maximum": 5, "nullable": True}
    answers = {"type": "object", "required": ["satisfaction"], "additionalProperties": False,
               "properties": {q.key: dict(item, description=q.text_en) for q in fb.QUESTIONS}}
    answers["properties"]["satisfaction"] = {"type": "integer", "minimum": 1, "maximum": 5,
                                             "description": fb.QUESTIONS[0].text_en}
    text = {"type": "string", "maxLength": fb.MAX_COMMENT, "nullable": True}
    feedback_input = {
        "type": "object", "required": ["type", "properties"], "additionalProperties": False,
        "description": "One citizen's response (anonymous). Text is stored clean, with Thai ID "
                       "numbers, phone numbers, e-mail addresses and long digit runs removed.",
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "geometry": {"type": "object", "nullable": True, "description": "always null"},
            "properties": {
                "type": "object", "additionalProperties": False,
                "required": ["pin_id", "visit_date", "answers"],
                "properties": {
                    "pin_id": uuid, "service_id": dict(uuid, nullable=True),
                    "visit_date": dict(day, description="The visit, within the last "
                                       f"{fb.MAX_VISIT_AGE_DAYS} days (Bangkok time)."),
                    "answers": answers,
                    "asked_copy": {"type": "boolean", "nullable": True,
                                   "description": fb.YES_NO[0].text_en},
                    "asked_payment": {"type": "boolean", "nullable": True,
                                      "description": fb.YES_NO[1].text_en},
                    "comment": text,
                    "complaint": {"type": "object", "nullable": True,
                                  "additionalProperties": False, "required": ["category"],
                                  "properties": {"category": {"type": "string",
                                                              "enum": list(fb.CATEGORY_KEYS)},
                                                 "detail": text}}}}}}
    accepted = {"type": "object", "required": ["id", "status", "message_en", "message_th"],
                "properties": {"id": {"type": "string"},
                               "status": {"type": "string", "enum": ["stored", "duplicate"]},
                               "removed": {"type": "object",
                                           "additionalProperties": {"type": "integer"}},
                               "message_en": {"type": "string"},
                               "message_th": {"type": "string"}}}
    yes_no = {"type": "object", "properties": {"yes": {"type": "integer"},
                                               "answered": {"type": "integer"},
                                               "pct": {"type": "number", "nullable": True}}}
    nullable_str = {"type": "string", "nullable": True}
    group = {"type": "object", "required": ["responses", "enough", "pct_satisfied", "means"],
             "properties": {
                 "pin_id": {"type": "string"}, "service_id": nullable_str,
                 "amphoe_code": nullable_str, "province_code": {"type": "string"},
                 "month": {"type": "string"}, "responses": {"type": "integer"},
                 "enough": {"type": "boolean"}, "satisfied": {"type": "integer"},
                 "pct_satisfied": {"type": "number", "nullable": True},
                 "distribution": {"type": "object", "additionalProperties": {"type": "integer"}},
                 "means": {"type": "object",
                           "additionalProperties": {"type": "number", "nullable": True}},
                 "answered": {"type": "object", "additionalProperties": {"type": "integer"}},
                 "asked_copy": yes_no, "asked_payment": yes_no,
                 "comments": {"type": "integer"}, "complaints_total": {"type": "integer"},
                 "complaints": {"type": "object", "additionalProperties": {"type": "integer"}},
                 "synthetic": {"type": "integer"}}}
    summary = {"type": "object", "required": ["by", "from", "to", "groups"],
               "properties": {"by": {"type": "string", "enum": list(GROUPS)},
                              "from": {"type": "string"}, "to": {"type": "string"},
                              "min_responses": {"type": "integer"},
                              "satisfied_from": {"type": "integer"},
                              "questions": {"type": "array", "items": {"type": "string"}},
                              "categories": {"type": "array", "items": {"type": "string"}},
                              "groups": {"type": "array", "items": {"$ref":
                                                                    "#/components/schemas/"
                                                                    "FeedbackGroup"}}}}
    response_item = {
        "type": "object", "required": ["type", "id", "properties"],
        "properties": {"type": {"type": "string", "enum": ["Feature"]}, "id": {"type": "string"},
                       "geometry": {"nullable": True, "type": "object"},
                       "properties": {"type": "object"}}}
    responses_fc = {"type": "object", "required": ["type", "features"],
                    "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]},
                                   "features": {"type": "array", "items": response_item},
                                   "numberReturned": {"type": "integer"},
                                   "links": {"type": "array", "items": {"type": "object"}}}}

    def q(name, schema, description=""):
        return {"name": name, "in": "query", "required": False, "schema": schema,
                "description": description}

    f = q("f", {"type": "string", "enum": ["json"]})
    code2 = {"type": "string", "pattern": "^[1-9][0-9]$"}
    paths = {
        BASE: {"get": {
            "summary": "Citizen feedback (the collection)", "operationId": "getFeedbackCollection",
            "parameters": [f],
            "responses": dict(errors([400, 503]), **{"200": {
                "description": "What the collection offers.",
                "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/CollectionInfo"}}}}})}},
        ITEMS: {
            "post": {
                "summary": f"Send one citizen's response (anonymous; at most {max_body} bytes)",
                "operationId": "createFeedback",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/FeedbackInput"}},
                    "application/geo+json": {"schema": {
                        "$ref": "#/components/schemas/FeedbackInput"}}}},
                "responses": dict(errors([400, 403, 404, 411, 413, 415, 422, 429, 503]), **{
                    "201": {"description": "Stored.", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/FeedbackAccepted"}}}},
                    "200": {"description": "The same answers from the same client within the "
                                           "duplicate window: accepted once, not stored again.",
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/FeedbackAccepted"}}}}})},
            "get": {
                "summary": "Individual responses with their comments (accounts of the province, "
                           "coordinators)",
                "operationId": "getFeedbackItems", "security": [{"basicAuth": []}],
                "parameters": [f, q("province_code", code2), q("pin_id", uuid), q("from", day),
                               q("to", day),
                               q("limit", {"type": "integer", "minimum": 1,
                                           "maximum": MAX_PAGE}),
                               q("offset", {"type": "integer", "minimum": 0,
                                            "maximum": 1000000})],
                "responses": dict(errors([400, 401, 403, 429, 503]), **{"200": {
                    "description": "A page of responses; follow the next link.",
                    "content": {"application/geo+json": {"schema": {
                        "$ref": "#/components/schemas/FeedbackResponses"}}}}})}},
        SUMMARY: {"get": {
            "summary": "Aggregated feedback (public): per pin, service, amphoe, province, month "
                       "or the country, over whole months of visits",
            "operationId": "getFeedbackSummary",
            "parameters": [f, q("by", {"type": "string", "enum": list(GROUPS)}),
                           q("province_code", code2),
                           q("amphoe_code", {"type": "string", "pattern": "^[1-9][0-9]{3}$"}),
                           q("pin_id", uuid), q("service_id", uuid),
                           q("from", month, "First month (YYYY-MM); default 11 months before to."),
                           q("to", month, "Last month (YYYY-MM); default this month."),
                           q("min_responses", {"type": "integer", "minimum": 1,
                                               "maximum": 100000},
                             f"Fewer responses: enough=false (default {fb.MIN_RESPONSES}).")],
            "responses": dict(errors([400, 503]), **{"200": {
                "description": "One group per pin (service, amphoe, ...) with responses.",
                "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/FeedbackSummary"}}}}})}},
        FORM + "/{pinId}": {"get": {
            "summary": "The citizens' feedback form of a service point (HTML; the QR code's "
                       "address)",
            "operationId": "getFeedbackForm",
            "parameters": [{"name": "pinId", "in": "path", "required": True, "schema": uuid},
                           q("lang", {"type": "string", "enum": ["th", "en"]})],
            "responses": dict(errors([400, 404, 503]), **{"200": {
                "description": "The form.", "content": {"text/html": {
                    "schema": {"type": "string"}}}}})}},
    }
    schemas = {"FeedbackInput": feedback_input, "FeedbackAccepted": accepted,
               "FeedbackGroup": group, "FeedbackSummary": summary,
               "FeedbackResponses": responses_fc}
    return paths, schemas
