"""Registry errors as a provincial officer reads them: what happened and what to do, in Thai and
English.  Pure Python (no Qt), so the messages are tested directly."""
from __future__ import annotations

import json
from typing import Dict, List, Optional


class RegistryError(Exception):
    """A failed registry call.

    ``status`` is the HTTP status (0: no answer), ``code`` a short machine word (``unauthorized``,
    ``forbidden``, ``precondition_failed``, ``invalid``, ``timeout``, ...), ``problems`` the
    registry's list for a 422, ``etag`` and ``current`` the registry's version on a 412/409.
    ``str()`` is the Thai message, a line break, then the English one.
    """

    def __init__(self, status: int, code: str, message_en: str, message_th: str,
                 problems: Optional[List[dict]] = None, etag: Optional[str] = None,
                 current: Optional[dict] = None, allowed_provinces: Optional[List[str]] = None,
                 services: Optional[List[dict]] = None):
        self.status = status
        self.code = code
        self.message_en = message_en
        self.message_th = message_th
        self.problems = list(problems or [])
        self.etag = etag
        self.current = current
        self.allowed_provinces = list(allowed_provinces or [])
        #: a pin's deletion refused (412 ``services_changed``): the pin's services now
        self.services = services
        super().__init__(self.message())

    def message(self, lang: str = "both") -> str:
        if lang == "th":
            return self.message_th
        if lang == "en":
            return self.message_en
        return f"{self.message_th}\n{self.message_en}"

    def __str__(self) -> str:
        return self.message()


def _province_names(codes_: List[str], lang: str) -> str:
    try:
        from ..core.dopa import codes

        dopa = codes()
        names = [f"{c} {dopa.name(c, lang)}".strip() for c in codes_]
    except (FileNotFoundError, ImportError):  # the code list is optional for this message
        names = list(codes_)
    return ", ".join(names) if names else "-"


def network_error(url: str, kind: str, detail: str, timeout_s: float) -> RegistryError:
    detail = (detail or "").strip()
    if kind == "timeout":
        return RegistryError(
            0, "timeout",
            f"The registry at {url} did not answer within {timeout_s:.0f} s. The network may be "
            "slow or down; try again later.",
            f"ทะเบียนกลาง ({url}) ไม่ตอบภายใน {timeout_s:.0f} วินาที เครือข่ายอาจช้าหรือขัดข้อง "
            "กรุณาลองใหม่ภายหลัง")
    if kind == "ssl":
        return RegistryError(
            0, "ssl",
            f"The secure connection to {url} failed (certificate problem: {detail}). Check the "
            "address, or ask your IT staff to add the certificate in QGIS (Settings > Options > "
            "Authentication).",
            f"เชื่อมต่อแบบปลอดภัยกับ {url} ไม่สำเร็จ (ปัญหาใบรับรอง) ตรวจสอบที่อยู่ หรือให้เจ้าหน้าที่ไอที"
            "เพิ่มใบรับรองใน QGIS (Settings > Options > Authentication)")
    if kind == "proxy":
        return RegistryError(
            0, "proxy",
            f"The proxy refused or failed the connection to {url} ({detail}). Check QGIS's proxy "
            "settings (Settings > Options > Network).",
            "พร็อกซีปฏิเสธหรือเชื่อมต่อไม่สำเร็จ กรุณาตรวจสอบการตั้งค่าพร็อกซีของ QGIS "
            "(Settings > Options > Network)")
    if kind == "authcfg":
        return RegistryError(
            0, "authcfg",
            f"The QGIS authentication configuration for the registry cannot be used ({detail}). "
            "Choose or re-create it in the plugin's settings.",
            "ใช้การตั้งค่าการยืนยันตัวตนของ QGIS สำหรับทะเบียนกลางไม่ได้ กรุณาเลือกหรือสร้างใหม่ในการตั้งค่าของปลั๊กอิน")
    if kind == "host":
        return RegistryError(
            0, "host_not_found",
            f"The registry's address {url} was not found. Check the registry URL in the settings "
            "and the network connection.",
            f"ไม่พบที่อยู่ของทะเบียนกลาง ({url}) กรุณาตรวจสอบ URL ในการตั้งค่าและการเชื่อมต่อเครือข่าย")
    return RegistryError(
        0, "network",
        f"Cannot reach the registry at {url} ({detail}). Check the network connection and QGIS's "
        "proxy settings (Settings > Options > Network), then try again.",
        f"ติดต่อทะเบียนกลาง ({url}) ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อเครือข่ายและการตั้งค่าพร็อกซีของ QGIS "
        "(Settings > Options > Network) แล้วลองใหม่")


def _problem_lines(problems: List[dict], lang: str) -> str:
    key = "message_th" if lang == "th" else "message_en"
    lines = []
    for p in problems:
        text = p.get(key) or p.get("message_en") or p.get("code") or ""
        field = p.get("field")
        lines.append(f"- {field}: {text}" if field else f"- {text}")
    return "\n".join(lines)


def error_from_response(status: int, body: bytes, url: str,
                        headers: Optional[Dict[str, str]] = None) -> RegistryError:
    """Turn an HTTP error answer of the registry (or of a proxy in between) into a message."""
    headers = headers or {}
    doc: dict = {}
    try:
        parsed = json.loads(body.decode("utf-8")) if body else {}
        if isinstance(parsed, dict):
            doc = parsed
    except (UnicodeDecodeError, ValueError):
        doc = {}
    code = str(doc.get("code") or "")
    en = str(doc.get("message_en") or doc.get("description") or "")
    th = str(doc.get("message_th") or "")
    problems = doc.get("problems") if isinstance(doc.get("problems"), list) else []
    etag = headers.get("etag")
    current = doc.get("current") if isinstance(doc.get("current"), dict) else None
    allowed = [str(c) for c in doc.get("allowed_provinces") or []]
    services = [f for f in doc["services"] if isinstance(f, dict)] \
        if isinstance(doc.get("services"), list) else None

    def make(c, e, t):
        return RegistryError(status, c, e, t, problems, etag, current, allowed, services)

    if status == 401:
        return make("unauthorized",
                    "Sign-in to the registry failed: check the username and password in the "
                    "plugin's authentication configuration (QGIS > Settings > Options > "
                    "Authentication).",
                    "เข้าสู่ระบบทะเบียนกลางไม่สำเร็จ กรุณาตรวจสอบชื่อผู้ใช้และรหัสผ่านในการตั้งค่าการยืนยันตัวตนของปลั๊กอิน")
    if status == 403:
        if allowed:
            return make("forbidden",
                        f"Your account may edit pins of provinces {_province_names(allowed, 'en')}"
                        f" only. {en}".strip(),
                        f"บัญชีของคุณแก้ไขหมุดได้เฉพาะจังหวัด {_province_names(allowed, 'th')} เท่านั้น")
        return make("forbidden",
                    f"Your account may not make this change. {en}".strip(),
                    "บัญชีของคุณไม่มีสิทธิ์แก้ไขข้อมูลนี้" + (f" ({th})" if th else ""))
    if status == 412 and code == "services_changed":
        return make(code, "Someone changed the services of this pin in the registry after your "
                    "last pull; deleting the pin would delete them unseen. Pull again, check, "
                    "then publish.",
                    "มีผู้อื่นแก้ไขงานบริการของหมุดนี้ในทะเบียนกลางหลังจากที่คุณดึงข้อมูลครั้งล่าสุด "
                    "การลบหมุดจะลบงานบริการเหล่านั้นไปด้วย กรุณาดึงข้อมูลใหม่ ตรวจสอบ แล้วจึงเผยแพร่")
    if status == 412:
        return make("precondition_failed",
                    "Someone changed this pin in the registry after your last pull. Pull again, "
                    "check the changes, then publish.",
                    "มีผู้อื่นแก้ไขหมุดนี้ในทะเบียนกลางหลังจากที่คุณดึงข้อมูลครั้งล่าสุด กรุณาดึงข้อมูลใหม่ "
                    "ตรวจสอบการเปลี่ยนแปลง แล้วจึงเผยแพร่")
    if status == 422:
        return make("invalid",
                    "The registry refused the pin:\n" + _problem_lines(problems, "en"),
                    "ทะเบียนกลางไม่รับหมุดนี้:\n" + _problem_lines(problems, "th"))
    if status == 404:
        return make(code or "not_found",
                    en or "Not found in the registry (the pin may have been deleted).",
                    th or "ไม่พบในทะเบียนกลาง (หมุดอาจถูกลบแล้ว)")
    if status == 409:
        return make(code or "conflict",
                    en or "The registry already has this pin with different content.",
                    th or "ทะเบียนกลางมีหมุดนี้อยู่แล้วแต่ข้อมูลต่างกัน")
    if status == 413:
        return make("too_large", en or "The request is too large for the registry.",
                    th or "ข้อมูลที่ส่งมีขนาดใหญ่เกินกว่าที่ทะเบียนกลางรับได้")
    if status == 428:
        return make("if_match_required",
                    en or "The registry needs the pin's version (If-Match).",
                    th or "ทะเบียนกลางต้องการรุ่นของหมุด (If-Match)")
    if status == 429 and code == "too_many_attempts":
        wait = headers.get("retry-after", "")
        minutes = max(1, (int(wait) + 59) // 60) if wait.isdigit() else None
        return make(code,
                    "Too many failed sign-ins for this account: the registry refuses it for now"
                    + (f" (about {minutes} min)" if minutes else "") + ". Check the password in "
                    "the plugin's authentication configuration, then try again later.",
                    "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป ทะเบียนกลางระงับบัญชีนี้ชั่วคราว"
                    + (f" (ประมาณ {minutes} นาที)" if minutes else "")
                    + " กรุณาตรวจสอบรหัสผ่านในการตั้งค่าการยืนยันตัวตนของปลั๊กอิน แล้วลองใหม่ภายหลัง")
    if status == 429 or status >= 500:
        return make(code or "server_error",
                    f"The registry is not working properly right now (HTTP {status}); nothing "
                    "was lost, try again later.",
                    f"ทะเบียนกลางขัดข้องชั่วคราว (HTTP {status}) ข้อมูลของคุณไม่สูญหาย กรุณาลองใหม่ภายหลัง")
    return make(code or "bad_request",
                (en or f"The registry refused the request (HTTP {status}).") + f" [{url}]",
                th or f"ทะเบียนกลางปฏิเสธคำขอ (HTTP {status})")
