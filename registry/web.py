"""What every answer and every request of the gateway goes through, whatever the collection:
answers (:class:`Reply`, rendered as JSON with the security headers), and the checks of a request
before any handler sees it -- where it comes from (Origin), what it says it carries
(Content-Type), how big it is, its JSON (normalised: no NaN, no lone surrogates, no number beyond
a float), its ``If-Match``, its query parameters.

Every client error is a 4xx whose body is ``{"code", "description", "message_en", "message_th",
...}``.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import math
import re
from typing import Dict, Iterable, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

from citizen_pins.core import normalize

REASONS = {200: "OK", 201: "Created", 204: "No Content", 304: "Not Modified",
           400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout",
           409: "Conflict", 411: "Length Required", 412: "Precondition Failed",
           413: "Payload Too Large", 415: "Unsupported Media Type",
           422: "Unprocessable Entity", 428: "Precondition Required", 429: "Too Many Requests",
           431: "Request Header Fields Too Large", 500: "Internal Server Error",
           503: "Service Unavailable"}

#: On every answer: nothing the registry serves may run script, be framed or be sniffed into HTML.
SECURITY_HEADERS = (
    ("Content-Security-Policy",
     "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; "
     "sandbox"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-site"),
)
JSON_TYPES = ("application/json", "application/geo+json")


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


def to_json(doc) -> bytes:
    try:
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate got this far: escaped, still valid JSON
        return json.dumps(doc, ensure_ascii=True).encode("ascii")


def render(r: Reply) -> Tuple[int, List[Tuple[str, str]], bytes]:
    headers = dict(r.headers)
    if r.body is None:
        data = b""
    else:
        data = to_json(r.body)
        ctype = "application/geo+json" if r.body.get("type") == "Feature" else "application/json"
        headers.setdefault("Content-Type", f"{ctype}; charset=utf-8")
    if r.status >= 400 or r.status == 204:
        headers.setdefault("Cache-Control", "no-store")
    if r.status not in (204, 304):
        headers["Content-Length"] = str(len(data))
    return r.status, list(headers.items()), data


def with_security_headers(headers: Iterable[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """The security headers on an answer.  The Content-Security-Policy is the strict one unless
    the registry's own handler set another (only the citizens' feedback form does: its inline
    script and style by their hashes, registry/feedback_form.py); what pygeoapi sets never
    reaches here (the gateway builds its answers' headers)."""
    headers = list(headers)
    own_csp = [(k, v) for k, v in headers if k.lower() == "content-security-policy"]
    names = {k.lower() for k, _ in SECURITY_HEADERS}
    out = [(k, v) for k, v in headers if k.lower() not in names]
    out.extend(own_csp[:1] or SECURITY_HEADERS[:1])
    out.extend(SECURITY_HEADERS[1:])
    return out


# -- errors every handler uses ---------------------------------------------------------------

def unavailable() -> Reply:
    return Reply(503, "database_unavailable", "The registry's database is not available; try "
                 "again in a minute (nothing was changed by this request).",
                 "ฐานข้อมูลของทะเบียนกลางไม่พร้อมใช้งาน กรุณาลองใหม่ภายหลัง (คำขอนี้ไม่ได้เปลี่ยนแปลงข้อมูลใด)",
                 headers={"Retry-After": "10"})


def server_error() -> Reply:
    return Reply(500, "server_error", "The registry failed to handle the request (server error).",
                 "ระบบทะเบียนกลางขัดข้อง (ข้อผิดพลาดของเซิร์ฟเวอร์)")


def not_found(en: str = "", th: str = "") -> Reply:
    return Reply(404, "not_found", en or "There is nothing at this address of the registry.",
                 th or "ไม่พบข้อมูลที่ที่อยู่นี้ของทะเบียนกลาง")


def method_not_allowed(method: str, allowed: Iterable[str]) -> Reply:
    allow = ", ".join(allowed)
    return Reply(405, "method_not_allowed", f"{method} is not allowed here (allowed: {allow}).",
                 f"ไม่อนุญาตให้ใช้ {method} ที่นี่ (ใช้ได้: {allow})", headers={"Allow": allow})


def bad_request(code: str, en: str, th: str, **extra) -> Reply:
    return Reply(400, code, en, th, **extra)


# -- where a request comes from -------------------------------------------------------------

def origin_of(url: str) -> str:
    u = urlsplit(url)
    port = u.port
    default = {"http": 80, "https": 443}.get(u.scheme)
    host = (u.hostname or "").lower()
    return f"{u.scheme}://{host}" + (f":{port}" if port and port != default else "")


def check_same_origin(environ, allowed: Iterable[str]) -> None:
    """A write from a browser page of another site carries that site's Origin (or
    ``Sec-Fetch-Site: cross-site``); the plugin and scripts send neither.  Refused before the
    credentials a browser may have cached are even looked at."""
    fetch_site = environ.get("HTTP_SEC_FETCH_SITE", "").strip().lower()
    origin = environ.get("HTTP_ORIGIN")
    foreign = fetch_site in ("cross-site", "same-site")
    if origin is not None and (origin.strip() == "null"
                               or origin_of(origin.strip()) not in set(allowed)):
        foreign = True
    if foreign:
        raise Reply(403, "cross_origin", "Writes from a web page of another site are refused "
                    "(Origin / Sec-Fetch-Site).", "ไม่รับการเขียนข้อมูลจากหน้าเว็บของเว็บไซต์อื่น")


def client_address(environ, trusted_proxies: Iterable[str]) -> str:
    """The client's address: the peer's, or -- when the peer is a trusted proxy -- the last
    address the proxy added to ``X-Forwarded-For`` (the one it saw; earlier ones are the
    client's own claims)."""
    peer = environ.get("REMOTE_ADDR", "") or "-"
    if peer in set(trusted_proxies):
        forwarded = [p.strip() for p in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if forwarded:
            try:
                return str(ipaddress.ip_address(forwarded[-1]))
            except ValueError:
                pass
    return peer


# -- what a request carries -----------------------------------------------------------------

def content_length(environ) -> int:
    """The declared body length (0 without a body); refuses what cannot be bounded."""
    if environ.get("HTTP_TRANSFER_ENCODING"):
        raise Reply(411, "length_required", "Send the body with a Content-Length (chunked "
                    "bodies are not accepted).", "ต้องระบุ Content-Length (ไม่รับข้อมูลแบบ chunked)")
    raw = (environ.get("CONTENT_LENGTH") or "").strip()
    if not raw:
        return 0
    if not raw.isdigit() or len(raw) > 15:
        raise bad_request("bad_length", "Bad Content-Length.", "Content-Length ไม่ถูกต้อง")
    return int(raw)


def too_large(limit: int) -> Reply:
    if limit == 0:
        return Reply(413, "body_not_allowed", "This request carries no body.",
                     "คำขอนี้ต้องไม่มีข้อมูลแนบ (body)", max_body_bytes=0)
    return Reply(413, "too_large", f"The request body is larger than {limit} bytes.",
                 f"ข้อมูลที่ส่งมีขนาดเกิน {limit} ไบต์", max_body_bytes=limit)


def check_json_content_type(environ) -> None:
    """A write body is JSON, said so: a browser form (text/plain, urlencoded, multipart) can be
    sent to another site without asking it first; application/json cannot."""
    raw = environ.get("CONTENT_TYPE", "")
    parts = [p.strip() for p in raw.split(";")]
    mime = parts[0].lower()
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        params[k.strip().lower()] = v.strip().strip('"').lower()
    if mime not in JSON_TYPES or params.get("charset", "utf-8") != "utf-8":
        raise Reply(415, "unsupported_media_type",
                    "The body must be JSON, sent as Content-Type: application/json or "
                    "application/geo+json (UTF-8).",
                    "ข้อมูลที่ส่งต้องเป็น JSON และระบุ Content-Type: application/json หรือ "
                    "application/geo+json (UTF-8)")


#: Integers beyond this are no value of the registry (coordinates are floats, versions int32).
MAX_JSON_INT_DIGITS = 20


def _parse_int(text: str):
    if len(text.lstrip("-")) > MAX_JSON_INT_DIGITS:
        return float("inf")  # refused where a number is read (not finite), never a 500
    return int(text)


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(data: bytes):
    """The body as JSON, normalised: UTF-8, no NaN/Infinity, no lone surrogate anywhere."""
    if not data:
        raise bad_request("empty_body", "The request has no body (JSON was expected).",
                          "ไม่มีข้อมูลในคำขอ")
    try:
        doc = json.loads(data.decode("utf-8"), parse_constant=_no_constants,
                         parse_int=_parse_int)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise bad_request("malformed_json", f"The body is not valid JSON (UTF-8): {e}"[:300],
                          "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง")
    if normalize.has_lone_surrogate(doc):
        raise bad_request("invalid_text", "The body holds text that is not valid Unicode (a "
                          "lone surrogate such as \\ud800).",
                          "ข้อมูลที่ส่งมีข้อความที่ไม่ใช่ยูนิโค้ดที่ถูกต้อง")
    return doc


_STRONG_ETAG = re.compile(r'"(\d{1,9})"')


def bad_if_match() -> Reply:
    return bad_request("bad_if_match", "If-Match must be exactly one strong ETag of the pin, "
                       "as the registry sent it (e.g. \"3\"); lists and weak tags are not "
                       "accepted for writes.",
                       "If-Match ต้องเป็น ETag ของหมุดเพียงค่าเดียว ตามที่ทะเบียนกลางส่งให้ (เช่น \"3\")")


def if_match_version(value) -> int:
    """The version named by an If-Match (header or bulk field): exactly one strong tag."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Reply(428, "if_match_required",
                    "If-Match is required: send the pin's ETag (its version) from your last "
                    "pull, so that nobody's change is overwritten unseen.",
                    "ต้องส่ง If-Match (ETag/รุ่นของหมุด) มาด้วย เพื่อไม่ให้เขียนทับการแก้ไขของผู้อื่น")
    if not isinstance(value, str):
        raise bad_if_match()
    if value.strip() == "*":
        raise Reply(428, "if_match_required", "If-Match: * is not accepted; send the pin's ETag.",
                    "ไม่รับ If-Match: * กรุณาส่ง ETag ของหมุด")
    m = _STRONG_ETAG.fullmatch(value.strip())
    if not m:
        raise bad_if_match()
    return int(m.group(1))


def etag_of(version: int) -> str:
    return f'"{version}"'


# -- query parameters -----------------------------------------------------------------------

def query_params(environ) -> Dict[str, str]:
    """The query as a dict; a parameter given twice is refused (which one would count?)."""
    out: Dict[str, str] = {}
    for k, v in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
        if k in out:
            raise bad_request("repeated_parameter", f"The parameter '{k}' is given twice.",
                              f"ระบุพารามิเตอร์ '{k}' ซ้ำ")
        out[k] = v
    return out


def bad_parameter(name: str, en: str, th: str) -> Reply:
    return bad_request("bad_parameter", f"Parameter '{name}': {en}",
                       f"พารามิเตอร์ '{name}': {th}", parameter=name)


def check_datetime(value: str) -> None:
    """An RFC 3339 instant with a time zone, or an interval of them (``..`` open)."""
    bad = bad_parameter("datetime", "an RFC 3339 instant or interval is expected, e.g. "
                        "2025-01-31T00:00:00Z/.. for changes since that time.",
                        "ต้องเป็นเวลาแบบ RFC 3339 เช่น 2025-01-31T00:00:00Z/..")
    parts = value.split("/")
    if len(parts) > 2 or not value or all(p in ("..", "") for p in parts):
        raise bad
    for part in parts:
        if part in ("..", "") and len(parts) == 2:
            continue
        if not re.fullmatch(r"\d{4}-\d\d-\d\d([Tt ]\d\d:\d\d(:\d\d(\.\d{1,6})?)?"
                            r"([Zz]|[+-]\d\d:\d\d))?", part):
            raise bad
        try:
            stamp = dt.datetime.fromisoformat(part.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise bad
        if stamp.year < 1 or stamp.year > 9999:
            raise bad


def check_bbox(value: str) -> None:
    try:
        nums = [float(x) for x in value.split(",")]
    except ValueError:
        nums = []
    if (len(nums) != 4 or not all(math.isfinite(n) for n in nums)
            or not (-180 <= nums[0] <= 180 and -180 <= nums[2] <= 180)
            or not (-90 <= nums[1] <= nums[3] <= 90)):
        raise bad_parameter("bbox", "four numbers are expected: min lon, min lat, max lon, max "
                            "lat (degrees, WGS 84).",
                            "ต้องเป็นตัวเลขสี่ค่า: ลองจิจูดต่ำสุด ละติจูดต่ำสุด ลองจิจูดสูงสุด ละติจูดสูงสุด")


def check_int(name: str, value: str, low: int, high: int) -> None:
    if not (value.isascii() and value.isdigit() and len(value) <= 12 and low <= int(value) <= high):
        raise bad_parameter(name, f"a whole number from {low} to {high} is expected.",
                            f"ต้องเป็นจำนวนเต็มตั้งแต่ {low} ถึง {high}")


def check_text_value(name: str, value: str, limit: int) -> None:
    if len(value) > limit or normalize.text_problem(value) is not None:
        raise bad_parameter(name, f"one line of text of at most {limit} characters is expected.",
                            f"ต้องเป็นข้อความบรรทัดเดียว ไม่เกิน {limit} ตัวอักษร")
