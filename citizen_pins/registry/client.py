"""The plugin's one HTTP client for the national registry (OGC API - Features, Parts 1 and 4).

Why QGIS's own network stack (``QgsBlockingNetworkRequest`` on ``QgsNetworkAccessManager``) and
not ``requests``: it is the only route that applies, with no code of ours, everything a QGIS user
set up -- the proxy (including system/PAC proxies and proxy exclusions), SSL settings and
certificate exceptions, custom CA certificates from the authentication database, and auth configs
(Basic, PKI, OAuth2) -- identically on QGIS 3.22 and QGIS 4, in the GUI and in ``qgis_process``.
``requests`` would need all of that re-implemented from QgsSettings and still miss PAC and PKI.
``QgsBlockingNetworkRequest`` blocks the calling thread, so it is only called from a Processing
algorithm or a QgsTask (worker thread), never from the GUI thread.

Credentials come from a QGIS authentication config id (only the id is stored in settings); the
auth manager is touched only when a request is made, never at plugin start-up.

Every call has a timeout.  Retries with backoff happen only where a repeat is harmless: GET, and
POST of a pin (the registry makes POST idempotent by ``pin_id``); never PUT or DELETE.  Items are
paged by following ``next`` links.  Every failure becomes a :class:`RegistryError` whose text a
provincial officer understands, in Thai and English.
"""
from __future__ import annotations

import json
import time
from typing import Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlencode, urljoin, urlsplit

from qgis.core import QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from . import compat
from .errors import RegistryError, error_from_response, network_error

COLLECTION = "service_points"
#: The services (with their steps and documents nested) and the tombstones of both.
SERVICES = "services"
#: Sent on every request with the plugin's version (the registry's compatibility handshake,
#: registry/compat.py); its presence also spares the plugin the registry's Basic challenge.
CLIENT_HEADER = b"X-Citizen-Pins-Client"
#: On a create: "this is a different service point from the pin nearby with the same name".
DISTINCT_HEADER = "X-Citizen-Pins-Distinct"
#: On a pin's delete: the pin's services as this working copy knows them (id:version, or none);
#: the registry deletes the pin (and them with it) only if they are exactly those.
SERVICES_HEADER = "X-Citizen-Pins-Services"
#: Pins per page when pulling (the registry serves up to 5000).
PAGE_SIZE = 1000

_RETRY_STATUSES = (502, 503, 504)
_NetworkError = QNetworkReply.NetworkError
_TRANSIENT = (
    _NetworkError.ConnectionRefusedError, _NetworkError.RemoteHostClosedError,
    _NetworkError.TimeoutError, _NetworkError.TemporaryNetworkFailureError,
    _NetworkError.NetworkSessionFailedError, _NetworkError.UnknownNetworkError,
    _NetworkError.ProxyConnectionClosedError, _NetworkError.ProxyTimeoutError,
)
#: Errors that, after the status line arrived, mean the body was not received whole.
_CUT_SHORT = (
    _NetworkError.RemoteHostClosedError, _NetworkError.TimeoutError,
    _NetworkError.OperationCanceledError, _NetworkError.TemporaryNetworkFailureError,
    _NetworkError.NetworkSessionFailedError, _NetworkError.UnknownNetworkError,
    _NetworkError.ProxyConnectionClosedError, _NetworkError.ProxyTimeoutError,
)


def etag_for_version(version) -> str:
    """The registry's ETag of a pin version (what a working copy stores is the version)."""
    return f'"{int(version)}"'


def version_from_etag(etag: str) -> Optional[int]:
    t = (etag or "").strip()
    if t.startswith("W/"):
        t = t[2:]
    t = t.strip('"')
    return int(t) if t.isdigit() else None


def services_header(services: Dict[str, int]) -> str:
    """The value of :data:`SERVICES_HEADER`: ``none`` or ``id:version,id:version``."""
    return ",".join(f"{k}:{int(v)}" for k, v in sorted(services.items())) or "none"


class Response:
    def __init__(self, url: str, status: int, headers: Dict[str, str], body: bytes):
        self.url = url
        self.status = status
        self.headers = headers  # lower-case names
        self.body = body

    @property
    def etag(self) -> Optional[str]:
        return self.headers.get("etag")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise RegistryError(
                self.status, "bad_response",
                f"The registry at {self.url} answered something that is not JSON "
                "(is the URL right?).",
                f"ทะเบียนกลางที่ {self.url} ตอบกลับข้อมูลที่ไม่ใช่ JSON (ตรวจสอบ URL)")


class RegistryClient:
    """One registry, one account (an auth config id; empty for public reads)."""

    def __init__(self, base_url: str, authcfg: str = "", timeout_s: float = 60.0,
                 retries: int = 3, backoff_s: float = 0.5, feedback=None):
        if not base_url or urlsplit(base_url).scheme not in ("http", "https"):
            raise RegistryError(0, "bad_url",
                                f"'{base_url}' is not the address of a registry "
                                "(http:// or https://).",
                                f"'{base_url}' ไม่ใช่ที่อยู่ของทะเบียนกลาง (ต้องขึ้นต้นด้วย https:// หรือ http://)")
        self.base_url = base_url.rstrip("/")
        self.authcfg = authcfg or ""
        self.timeout_s = float(timeout_s)
        self.retries = max(1, int(retries))
        self.backoff_s = float(backoff_s)
        self.feedback = feedback
        self._links: Optional[List[dict]] = None
        self._landing: Optional[dict] = None
        self.plugin_version = compat.plugin_version()

    # -- transport ---------------------------------------------------------------------------
    def url(self, path: str, params: Optional[dict] = None) -> str:
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params)
        return url

    def _request(self, method: str, url: str, body: Optional[bytes],
                 headers: Optional[Dict[str, str]]) -> Response:
        req = QNetworkRequest(QUrl(url))
        req.setRawHeader(b"Accept", b"application/geo+json, application/json")
        req.setRawHeader(CLIENT_HEADER, self.plugin_version.encode("ascii", "replace"))
        req.setRawHeader(b"User-Agent", b"citizen_pins QGIS plugin")
        if body is not None:
            req.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, "application/geo+json")
        for k, val in (headers or {}).items():
            req.setRawHeader(k.encode("latin-1"), val.encode("latin-1"))
        if hasattr(req, "setTransferTimeout"):  # Qt >= 5.15: no bytes for this long = timeout
            req.setTransferTimeout(int(self.timeout_s * 1000))
        blocking = QgsBlockingNetworkRequest()
        if self.authcfg:
            blocking.setAuthCfg(self.authcfg)
        if method == "GET":
            err = blocking.get(req, True, self.feedback)
        elif method == "POST":
            err = blocking.post(req, QByteArray(body or b""), True, self.feedback)
        elif method == "PUT":
            err = blocking.put(req, QByteArray(body or b""), self.feedback)
        elif method == "DELETE":
            err = blocking.deleteResource(req, self.feedback)
        else:  # pragma: no cover
            raise ValueError(method)
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        status = int(status) if status not in (None, "") else 0
        if status and reply.error() in _CUT_SHORT:
            # the answer began (a status line came) and then the connection broke: what came is
            # cut short -- a fault of the network, to retry, not an answer to read (a cut JSON
            # body is not "something that is not JSON")
            if self.feedback is not None and self.feedback.isCanceled():
                raise RegistryError(0, "canceled", "Canceled.", "ยกเลิกแล้ว")
            timed_out = (err == QgsBlockingNetworkRequest.ErrorCode.TimeoutError
                         or reply.error() == _NetworkError.TimeoutError)
            raise network_error(url, "timeout" if timed_out else "network",
                                blocking.errorMessage(), self.timeout_s)
        if status == 0:
            if self.feedback is not None and self.feedback.isCanceled():
                raise RegistryError(0, "canceled", "Canceled.", "ยกเลิกแล้ว")
            if err == QgsBlockingNetworkRequest.ErrorCode.TimeoutError:
                raise network_error(url, "timeout", blocking.errorMessage(), self.timeout_s)
            raise network_error(url, self._kind(reply, blocking), blocking.errorMessage(),
                                self.timeout_s)
        headers = {}
        for name in reply.rawHeaderList():
            headers[bytes(name).decode("latin-1").lower()] = bytes(
                reply.rawHeader(name)).decode("latin-1")
        return Response(url, status, headers, bytes(reply.content()))

    def _kind(self, reply, blocking) -> str:
        code = reply.error()
        if code in (_NetworkError.SslHandshakeFailedError,):
            return "ssl"
        if code in (_NetworkError.ProxyConnectionRefusedError,
                    _NetworkError.ProxyConnectionClosedError, _NetworkError.ProxyNotFoundError,
                    _NetworkError.ProxyTimeoutError,
                    _NetworkError.ProxyAuthenticationRequiredError):
            return "proxy"
        if code == _NetworkError.HostNotFoundError:
            return "host"
        if code in (_NetworkError.TimeoutError, _NetworkError.OperationCanceledError):
            return "timeout"
        if "authentication" in (blocking.errorMessage() or "").lower() and self.authcfg:
            return "authcfg"
        return "network"

    def request(self, method: str, path: str, params: Optional[dict] = None,
                body: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None,
                retry: Optional[bool] = None, ok=(200, 201, 204)) -> Response:
        """One call; raises RegistryError for anything but ``ok`` statuses."""
        url = self.url(path, params)
        if retry is None:
            retry = method in ("GET", "POST")
        attempts = self.retries if retry else 1
        last: Optional[RegistryError] = None
        for attempt in range(attempts):
            if attempt:
                self._sleep(self.backoff_s * (2 ** (attempt - 1)))
            try:
                resp = self._request(method, url, body, headers)
            except RegistryError as e:
                if e.code not in ("network", "timeout"):  # SSL, proxy, DNS: a repeat won't help
                    raise
                last = e
                continue
            if resp.status in ok:
                return resp
            err = error_from_response(resp.status, resp.body, url, resp.headers)
            if resp.status in _RETRY_STATUSES:
                last = err
                continue
            raise err
        assert last is not None
        raise last

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.feedback is not None and self.feedback.isCanceled():
                raise RegistryError(0, "canceled", "Canceled.", "ยกเลิกแล้ว")
            time.sleep(min(0.1, max(0.0, end - time.monotonic())))

    # -- discovery ---------------------------------------------------------------------------
    def landing(self) -> dict:
        doc = self.request("GET", "/", {"f": "json"}).json()
        self._landing = doc if isinstance(doc, dict) else {}
        self._links = doc.get("links", []) if isinstance(doc, dict) else []
        return doc

    def check_plugin_version(self) -> None:
        """Raise RegistryError ``plugin_outdated`` when the registry's landing page says this
        plugin is too old for it (read once per client, with the bulk link)."""
        if self._landing is None:
            self.landing()
        compat.check(compat.PluginSupport.from_document(self._landing), self.plugin_version)

    def bulk_url(self, collection: str = COLLECTION) -> Optional[str]:
        """The registry's bulk endpoint of a collection when it advertises one (a landing-page
        link rel=bulk to ``/collections/<collection>/bulk``)."""
        if self._links is None:
            self.landing()
        for link in self._links or []:
            href = link.get("href") or ""
            if link.get("rel") == "bulk" and href.split("?")[0].rstrip("/").endswith(
                    f"/collections/{collection}/bulk"):
                return href
        return None

    # -- reads -------------------------------------------------------------------------------
    def iter_items(self, collection: str = COLLECTION, params: Optional[dict] = None,
                   page_size: int = PAGE_SIZE, on_page=None) -> Iterator[dict]:
        """Every feature of a collection matching ``params``, following ``next`` links.

        ``on_page(received, number_matched)`` is called after each page.  Bounded: stops when a
        page is empty, has no ``next`` link, or repeats a URL.
        """
        query = dict(params or {})
        query.setdefault("f", "json")
        query.setdefault("limit", page_size)
        url = self.url(f"/collections/{collection}/items", query)
        seen = set()
        received = 0
        while url and url not in seen:
            seen.add(url)
            doc = self.request("GET", url).json()
            feats = doc.get("features") or []
            for f in feats:
                yield f
            received += len(feats)
            if on_page is not None:
                on_page(received, doc.get("numberMatched"))
            if not feats:
                break
            url = None
            for link in doc.get("links") or []:
                if link.get("rel") == "next" and link.get("href"):
                    url = urljoin(self.base_url + "/", link["href"])
                    break

    def get_pin(self, pin_id: str) -> Tuple[dict, Optional[str]]:
        return self.get_item(COLLECTION, pin_id)

    def get_item(self, collection: str, item_id: str) -> Tuple[dict, Optional[str]]:
        resp = self.request("GET", f"/collections/{collection}/items/{item_id}", {"f": "json"})
        return resp.json(), resp.etag

    # -- writes ------------------------------------------------------------------------------
    @staticmethod
    def _body(feature: dict) -> bytes:
        return json.dumps(feature, ensure_ascii=False).encode("utf-8")

    def create(self, feature: dict, retry: bool = True, distinct: bool = False,
               collection: str = COLLECTION) -> Tuple[dict, Optional[str], bool]:
        """POST a new pin (or an item of ``collection``: a service).  Safe to repeat: the same id
        and content succeeds again without a second record.  ``distinct``: a person said it is a
        different service point from a pin of the registry nearby with the same name (else the
        registry refuses it, 409 ``duplicate``).  Returns (feature, etag, created)."""
        headers = {DISTINCT_HEADER: "true"} if distinct else None
        resp = self.request("POST", f"/collections/{collection}/items", body=self._body(feature),
                            headers=headers, retry=retry)
        return resp.json(), resp.etag, resp.status == 201

    def replace(self, pin_id: str, feature: dict, etag: str,
                collection: str = COLLECTION) -> Tuple[dict, Optional[str]]:
        resp = self.request("PUT", f"/collections/{collection}/items/{pin_id}",
                            body=self._body(feature), headers={"If-Match": etag}, retry=False)
        return resp.json(), resp.etag

    def delete(self, pin_id: str, etag: str, collection: str = COLLECTION,
               services: Optional[Dict[str, int]] = None) -> None:
        """DELETE an item.  ``services`` (a pin): its services as this working copy knows them
        (id -> version); the registry then deletes the pin -- with them -- only if they are
        exactly those (else 412 ``services_changed``)."""
        headers = {"If-Match": etag}
        if services is not None:
            headers[SERVICES_HEADER] = services_header(services)
        self.request("DELETE", f"/collections/{collection}/items/{pin_id}", headers=headers,
                     retry=False)

    def bulk(self, operations: List[dict], retry: Optional[bool] = None,
             collection: str = COLLECTION) -> List[dict]:
        """Send operations to the advertised bulk endpoint: one transaction, one result each.

        By default retried on network failure only when every operation is a create
        (idempotent); the sync engine passes ``retry=False`` and reconciles itself.  A reply that
        is not one result per operation raises a RegistryError (``bad_response``).
        """
        url = self.bulk_url(collection)
        if not url:
            raise RegistryError(0, "no_bulk", "This registry offers no bulk endpoint.",
                                "ทะเบียนกลางนี้ไม่มีบริการส่งข้อมูลแบบกลุ่ม")
        if retry is None:
            retry = all(op.get("op") == "create" for op in operations)
        resp = self.request("POST", url, body=json.dumps({"operations": operations},
                                                         ensure_ascii=False).encode("utf-8"),
                            retry=retry)
        doc = resp.json()
        results = doc.get("results") if isinstance(doc, dict) else None
        if not isinstance(results, list) or len(results) != len(operations):
            raise RegistryError(resp.status, "bad_response",
                                "The registry's bulk answer does not list one result per "
                                "operation; nothing is assumed, publish again.",
                                "คำตอบของทะเบียนกลางไม่ครบทุกรายการ กรุณาเผยแพร่อีกครั้ง")
        return results

    # -- citizens' feedback (issue 19) -----------------------------------------------------------
    def feedback_summary(self, by: str, first: str, last: str, **filters) -> dict:
        """The registry's aggregates (computed by its database): ``by`` pin, service, amphoe,
        province, month or country; ``first`` / ``last`` months as YYYY-MM; ``filters``:
        province_code, amphoe_code, pin_id, service_id, min_responses."""
        params = {"by": by, "from": first, "to": last, "f": "json"}
        params.update({k: v for k, v in filters.items() if v not in (None, "")})
        doc = self.request("GET", "/collections/feedback/summary", params).json()
        if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list):
            raise RegistryError(0, "bad_response", "The registry's feedback summary is not what "
                                "was expected (is it a citizen_pins registry?).",
                                "สรุปความคิดเห็นจากทะเบียนกลางไม่อยู่ในรูปแบบที่คาดไว้")
        return doc

    def feedback_responses(self, province_code: Optional[str] = None,
                           pin_id: Optional[str] = None, first_day: Optional[str] = None,
                           last_day: Optional[str] = None) -> Iterator[dict]:
        """Individual responses with their comments (an account of the province or a
        coordinator), following ``next`` links."""
        params = {"f": "json", "limit": 1000}
        for k, v in (("province_code", province_code), ("pin_id", pin_id), ("from", first_day),
                     ("to", last_day)):
            if v:
                params[k] = v
        url = self.url("/collections/feedback/items", params)
        seen = set()
        while url and url not in seen:
            seen.add(url)
            doc = self.request("GET", url).json()
            feats = doc.get("features") or []
            yield from feats
            url = None
            for link in doc.get("links") or []:
                if link.get("rel") == "next" and link.get("href") and feats:
                    url = urljoin(self.base_url + "/", link["href"])
