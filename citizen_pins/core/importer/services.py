"""Importing services, their steps and documents into a working copy (``citizen_pins:import_services``).

The lists agencies really have: an XLSX/CSV with one row per document (service name, document,
originals, copies, copy status, ...) or one row per step, Thai headers, the service's own columns
repeated on each row or given once; or the JSON exchange format (core/services.py), one service
with its steps and documents.  Each row is matched to its service point by ``pin_id``, or by the
point's name and DOPA codes, or (for a list of one office's services) to the POINT given.

Every row ends in the report: imported as it was, imported with repairs (each listed), refused
(with the reason, in English and Thai), or skipped (not data, or already in the working copy).
Re-importing adds nothing: a service is the same when it has the same ``service_id``, or the same
name at the same point; a document the same name in the same service; a step the same title in
the same service.  Nothing is written until the whole file has been read and every row decided;
the records and the report are then written in one SQLite transaction.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from .. import schema
from ..services import ServiceSet, services_from_json, ExchangeError, is_url
from .mapping import MappingError, _header_score, match_headers
from .rows import MISSING_MARKERS
from .text import clean_spaces, header_key, name_key, thai_to_ascii_digits

IMPORTED, REPAIRED, REFUSED, SKIPPED = "imported", "repaired", "refused", "skipped"
STATUSES = (IMPORTED, REPAIRED, REFUSED, SKIPPED)
SERVICE, STEP, DOCUMENT = "service", "step", "document"
REPORT_TABLE = "services_import_report"

# -- the columns a list may have -----------------------------------------------------------------
# target -> header synonyms, the template's Thai header first (compared after header_key()).
_SYNONYMS: Dict[str, Tuple[str, ...]] = {
    "pin_id": ("รหัสหมุด", "pin_id", "pinid", "pin"),
    "point_name": ("ชื่อจุดให้บริการ", "จุดให้บริการ", "ชื่อสถานที่ให้บริการ", "สถานที่ให้บริการ",
                   "ชื่อหน่วยบริการ", "point", "pointname", "servicepoint", "office"),
    "province_code": ("รหัสจังหวัด", "provincecode", "provcode"),
    "amphoe_code": ("รหัสอำเภอ", "amphoecode", "districtcode", "amcode"),
    "tambon_code": ("รหัสตำบล", "tamboncode", "subdistrictcode", "tmcode"),
    "service_id": ("รหัสงานบริการ", "service_id", "serviceid"),
    "service_name": ("ชื่องานบริการ", "งานบริการ", "ชื่อกระบวนงาน", "กระบวนงาน", "ชื่อบริการ",
                     "ชื่อคู่มือ", "service", "servicename", "procedure", "nameth"),
    "service_name_en": ("ชื่องานบริการภาษาอังกฤษ", "ชื่องานบริการ (อังกฤษ)", "servicenameen",
                        "nameen", "englishname"),
    "agency": ("หน่วยงานผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "หน่วยงาน", "agency",
               "department"),
    "manual_url": ("ลิงก์คู่มือสำหรับประชาชน", "ลิงก์คู่มือ", "ลิงค์คู่มือ", "คู่มือสำหรับประชาชน",
                   "manualurl", "manual", "url", "link", "เว็บไซต์"),
    "legal_basis": ("กฎหมายที่ให้อำนาจ", "กฎหมาย", "ฐานทางกฎหมาย", "legalbasis", "law"),
    "channel": ("ช่องทางการให้บริการ", "ช่องทาง", "channel"),
    "fee_kind": ("ค่าธรรมเนียม", "ประเภทค่าธรรมเนียม", "fee", "feekind"),
    "fee_amount": ("ค่าธรรมเนียม (บาท)", "จำนวนเงินค่าธรรมเนียม", "ค่าธรรมเนียมต่ำสุด (บาท)",
                   "feeamount", "amount", "บาท"),
    "fee_amount_max": ("ค่าธรรมเนียมสูงสุด (บาท)", "ค่าธรรมเนียมสูงสุด", "feeamountmax",
                       "feemax"),
    "time_limit": ("ระยะเวลาดำเนินการ", "ระยะเวลาดำเนินการรวม", "ระยะเวลาตามคู่มือ",
                   "ระยะเวลาให้บริการ", "timelimit"),
    "time_limit_unit": ("หน่วยของระยะเวลาดำเนินการ", "หน่วยระยะเวลาดำเนินการ", "timelimitunit"),
    "active": ("เปิดให้บริการ", "active"),
    "step_order": ("ลำดับขั้นตอน", "ขั้นที่", "ลำดับ", "stepno", "steporder", "order", "no"),
    "step_title": ("ขั้นตอน", "ขั้นตอนการให้บริการ", "ชื่อขั้นตอน", "step", "steptitle"),
    "step_detail": ("รายละเอียดขั้นตอน", "รายละเอียด", "stepdetail", "detail"),
    "duration": ("ระยะเวลา", "ระยะเวลาของขั้นตอน", "duration"),
    "duration_unit": ("หน่วยเวลา", "หน่วยของระยะเวลา", "durationunit", "unit"),
    "responsible_unit": ("ส่วนงานที่รับผิดชอบ", "ส่วนงาน", "ผู้รับผิดชอบ", "responsibleunit"),
    "document_name": ("ชื่อเอกสาร", "เอกสาร", "รายการเอกสาร", "เอกสารหลักฐาน",
                      "รายการเอกสารหลักฐานประกอบ", "document", "documentname"),
    "issuing_agency": ("หน่วยงานผู้ออกเอกสาร", "หน่วยงานภาครัฐผู้ออกเอกสาร", "ผู้ออกเอกสาร",
                       "issuingagency", "issuedby"),
    "originals": ("ฉบับจริง", "จำนวนฉบับจริง", "จำนวนเอกสารฉบับจริง", "originals", "original"),
    "copies": ("สำเนา", "จำนวนสำเนา", "จำนวนเอกสารสำเนา", "copies", "copy"),
    "copy_status": ("การเรียกสำเนา", "สถานะการเรียกสำเนา", "สถานะสำเนา", "copystatus"),
    "exempt_reason": ("เหตุผลที่ยกเว้น", "เหตุผลการยกเว้น", "exemptreason"),
    "document_note": ("หมายเหตุ", "note", "remark", "remarks"),
}
SYNONYMS: Dict[str, Tuple[str, ...]] = {t: tuple(header_key(s) for s in syns)
                                        for t, syns in _SYNONYMS.items()}
TARGETS: Tuple[str, ...] = tuple(_SYNONYMS)
#: The template's header of each target (its first synonym, as written).
TEMPLATE_HEADERS: Dict[str, str] = {t: syns[0] for t, syns in _SYNONYMS.items()}
POINT_TARGETS = ("pin_id", "point_name", "province_code", "amphoe_code", "tambon_code")
#: target -> (table, field) of the schema it fills
FIELD_OF: Dict[str, Tuple[str, str]] = {
    "service_id": (schema.SERVICES, "service_id"), "service_name": (schema.SERVICES, "name_th"),
    "service_name_en": (schema.SERVICES, "name_en"), "agency": (schema.SERVICES, "agency"),
    "manual_url": (schema.SERVICES, "manual_url"),
    "legal_basis": (schema.SERVICES, "legal_basis"), "channel": (schema.SERVICES, "channel"),
    "fee_kind": (schema.SERVICES, "fee_kind"), "fee_amount": (schema.SERVICES, "fee_amount"),
    "fee_amount_max": (schema.SERVICES, "fee_amount_max"),
    "time_limit": (schema.SERVICES, "time_limit"),
    "time_limit_unit": (schema.SERVICES, "time_limit_unit"),
    "active": (schema.SERVICES, "active"),
    "step_order": (schema.SERVICE_STEPS, "step_order"),
    "step_title": (schema.SERVICE_STEPS, "title_th"),
    "step_detail": (schema.SERVICE_STEPS, "detail"),
    "duration": (schema.SERVICE_STEPS, "duration"),
    "duration_unit": (schema.SERVICE_STEPS, "duration_unit"),
    "responsible_unit": (schema.SERVICE_STEPS, "responsible_unit"),
    "document_name": (schema.SERVICE_DOCUMENTS, "name_th"),
    "issuing_agency": (schema.SERVICE_DOCUMENTS, "issuing_agency"),
    "originals": (schema.SERVICE_DOCUMENTS, "originals"),
    "copies": (schema.SERVICE_DOCUMENTS, "copies"),
    "copy_status": (schema.SERVICE_DOCUMENTS, "copy_status"),
    "exempt_reason": (schema.SERVICE_DOCUMENTS, "exempt_reason"),
    "document_note": (schema.SERVICE_DOCUMENTS, "note"),
}
#: The JSON exchange format's field names as import targets.
_JSON_TARGET = {(table, f): t for t, (table, f) in FIELD_OF.items()}


def header_matcher(header: str) -> int:
    """How many import targets a header looks like (finds a sheet's header row)."""
    hk = header_key(header)
    return sum(1 for t in TARGETS if _header_score(hk, t, SYNONYMS)) if hk else 0


def parse_mapping(text: str) -> Dict[str, str]:
    """``'service_name=งาน; document_name=รายการ'`` -> {target: column}; ``target=`` switches a
    suggested column off."""
    out: Dict[str, str] = {}
    for entry in re.split(r"[;\n]+", text or ""):
        entry = entry.strip()
        if not entry:
            continue
        if "=" not in entry:
            raise MappingError(f"'{entry}' is not target=column (e.g. document_name=เอกสาร).")
        t, c = (x.strip() for x in entry.split("=", 1))
        if t not in TARGETS:
            raise MappingError(f"Unknown target '{t}'. Valid targets: {', '.join(TARGETS)}.")
        out[t] = c
    return out


# -- values: read as a person wrote them, repaired where it is safe -------------------------------

class Refused(Exception):
    """A row that cannot be imported; the message (English / Thai) says what to fix."""


def _both(en: str, th: str) -> str:
    return f"{en} / {th}"


def _missing(v: Optional[str]) -> bool:
    return v is None or not str(v).strip() or str(v).strip().lower() in MISSING_MARKERS


_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def _digits(text: str, label: str, repairs: List[str]) -> str:
    t = thai_to_ascii_digits(text)
    if t != text:
        repairs.append(f"{label}: thai_numerals")
    return t


def parse_number(raw: str, label: str, repairs: List[str]) -> float:
    """'1,500', '๒๐ บาท', '20.-' -> a number (Refused when it is not one)."""
    t = _digits(str(raw).strip(), label, repairs)
    u = re.sub(r"(บาท|baht|thb|฿|\.-)", "", t, flags=re.IGNORECASE).replace(",", "").strip()
    if not _NUMBER.match(u):
        raise Refused(_both(f"{label} '{raw}' is not a number", f"{label} '{raw}' ไม่ใช่ตัวเลข"))
    if u != t:
        repairs.append(f"{label}: '{raw}' read as {float(u):g}")
    return float(u)


def parse_count(raw: str, label: str, repairs: List[str]) -> int:
    """'1', '๒ ฉบับ', '1 ชุด' -> a whole number of documents."""
    t = _digits(str(raw).strip(), label, repairs)
    m = re.match(r"^(\d+)(?:\.0+)?\s*(ฉบับ|ชุด|แผ่น|copies|copy|copy\(ies\))?$", t, re.IGNORECASE)
    if not m:
        raise Refused(_both(f"{label} '{raw}' is not a whole number of documents",
                            f"{label} '{raw}' ไม่ใช่จำนวนเต็ม"))
    if m.group(0) != m.group(1):
        repairs.append(f"{label}: '{raw}' read as {int(m.group(1))}")
    return int(m.group(1))


_UNIT_WORDS = ((schema.MINUTE, ("นาที", "min", "mins", "minute", "minutes", "น.")),
               (schema.HOUR, ("ชั่วโมง", "ชม.", "ชม", "hour", "hours", "hr", "hrs", "h")),
               (schema.DAY, ("วันทำการ", "วัน", "day", "days", "workingday", "workingdays", "d")))


def parse_unit(raw: Optional[str]) -> Optional[str]:
    if _missing(raw):
        return None
    t = re.sub(r"\s+", "", str(raw).strip().lower())
    for key, words in _UNIT_WORDS:
        if t == key or t in words:
            return key
    for c in schema.TIME_UNITS:
        if t in (c.label_th.lower(), c.label_en.lower().replace(" ", "")):
            return c.key
    return None


def parse_duration(raw: str, unit_raw: Optional[str], label: str, repairs: List[str],
                   default_unit: str) -> Tuple[float, str]:
    """'15 นาที', '1 วันทำการ', '๒ ชั่วโมง', or a number with its unit column."""
    t = _digits(str(raw).strip(), label, repairs)
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(.*)$", t.replace(",", ""))
    if not m:
        raise Refused(_both(f"{label} '{raw}' is not a duration (e.g. 15 นาที, 45 วัน)",
                            f"{label} '{raw}' ไม่ใช่ระยะเวลา (เช่น 15 นาที, 45 วัน)"))
    amount, rest = float(m.group(1)), m.group(2).strip()
    unit = parse_unit(rest) if rest else parse_unit(unit_raw)
    if rest and unit is None:
        raise Refused(_both(f"{label} '{raw}': unknown unit '{rest}' (minutes, hours or days)",
                            f"{label} '{raw}': ไม่รู้จักหน่วย '{rest}' (นาที ชั่วโมง หรือวัน)"))
    if unit is None:
        if not _missing(unit_raw):
            raise Refused(_both(f"{label} unit '{unit_raw}' is not minutes, hours or days",
                                f"หน่วย '{unit_raw}' ไม่ใช่นาที ชั่วโมง หรือวัน"))
        unit = default_unit
        repairs.append(f"{label}: no unit, {default_unit} assumed")
    elif rest:
        repairs.append(f"{label}: '{raw}' read as {amount:g} {unit}")
    return amount, unit


_COPY_WORDS = ((schema.NO_COPY, ("ไม่เรียกสำเนา", "ไม่ต้องใช้สำเนา", "ไม่ใช้สำเนา", "ไม่ต้องแนบสำเนา",
                                  "ไม่เรียก", "ไม่ต้องใช้", "ตรวจสอบจากระบบ", "nocopy", "no")),
               (schema.EXEMPT, ("ยกเว้น", "ยกเว้นตามกฎหมาย", "exempt", "exemption")),
               (schema.COPY_DEMANDED, ("เรียกสำเนา", "ต้องใช้สำเนา", "ใช้สำเนา", "ต้องแนบสำเนา",
                                       "สำเนา", "copydemanded", "copy", "yes")))
_CHANNEL_WORDS = (("both", ("ทั้งสองช่องทาง", "ทั้งที่สำนักงานและออนไลน์", "both")),
                  ("online", ("ออนไลน์", "อินเทอร์เน็ต", "เว็บไซต์", "online", "internet",
                              "e-service", "eservice")),
                  ("counter", ("ที่สำนักงาน", "สำนักงาน", "ด้วยตนเอง", "เคาน์เตอร์", "ยื่นด้วยตนเอง",
                               "counter", "office", "walk-in")))
_FEE_WORDS = ((schema.FEE_NONE, ("ไม่มี", "ไม่มีค่าธรรมเนียม", "ไม่เสียค่าธรรมเนียม", "ฟรี", "free",
                                 "nofee")),
              (schema.FEE_FIXED, ("อัตราเดียว", "fixed")),
              (schema.FEE_RANGE, ("เป็นช่วง", "ช่วง", "range")),
              (schema.FEE_STARTING_AT, ("เริ่มต้นที่", "เริ่มต้น", "startingat", "from")))
_TRUE = {"1", "true", "yes", "y", "ใช่", "เปิด", "เปิดให้บริการ", "มี", "active", "✓", "x"}
_FALSE = {"0", "false", "no", "n", "ไม่", "ไม่ใช่", "ปิด", "ยกเลิก", "เลิก", "inactive"}


def _choice(raw: str, field: schema.Field, words, repairs: Optional[List[str]] = None
            ) -> Optional[str]:
    """The key a value names: the key itself, a label, or one of ``words`` (the template's
    drop-down values among them); a value that only contains such a word is read too, and that
    reading is listed in ``repairs``."""
    t = re.sub(r"[\s_\-]+", "", str(raw).strip().lower())
    for c in field.choices:
        if t in (c.key.replace("_", ""), re.sub(r"\s+", "", c.label_th.lower()),
                 re.sub(r"[\s_\-]+", "", c.label_en.lower())):
            return c.key
    for key, ws in words:
        if any(t == re.sub(r"[\s_\-]+", "", w) for w in ws):
            return key
    for key, ws in words:
        if any(re.sub(r"[\s_\-]+", "", w) in t for w in ws if len(w) >= 4):
            if repairs is not None:
                repairs.append(f"{field.name}: '{raw}' read as {key}")
            return key
    return None


def parse_fee(kind_raw: Optional[str], amount_raw: Optional[str], max_raw: Optional[str],
              repairs: List[str], warnings: List[str]):
    """(kind, amount, max) from a kind column and amount columns, or from one text such as
    'ไม่มีค่าธรรมเนียม', '20 บาท', '100 - 500 บาท', 'เริ่มต้น 50 บาท'."""
    kind = None
    amount = parse_number(amount_raw, "fee_amount", repairs) if not _missing(amount_raw) else None
    high = parse_number(max_raw, "fee_amount_max", repairs) if not _missing(max_raw) else None
    f = schema.SERVICES_TABLE.field("fee_kind")
    if not _missing(kind_raw):
        kind = _choice(kind_raw, f, _FEE_WORDS, repairs)
        if kind is None:
            text = thai_to_ascii_digits(str(kind_raw)).replace(",", "")
            nums = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]
            if re.search(r"เริ่มต้น|ตั้งแต่|from|starting", text, re.IGNORECASE) and nums:
                kind, amount = schema.FEE_STARTING_AT, nums[0]
            elif len(nums) == 2 and re.search(r"\d\s*(-|–|ถึง|to)\s*\d", text):
                kind, amount, high = schema.FEE_RANGE, nums[0], nums[1]
            elif len(nums) == 1:
                kind, amount = schema.FEE_FIXED, nums[0]
            if kind is None:
                warnings.append(f"fee '{kind_raw}' not understood: left empty")
                return None, amount, high
            repairs.append(f"fee: '{kind_raw}' read as {kind} "
                           + (f"{amount:g}" if amount is not None else "")
                           + (f"-{high:g}" if high is not None else ""))
    elif amount is not None:
        kind = schema.FEE_RANGE if high is not None else (
            schema.FEE_NONE if amount == 0 else schema.FEE_FIXED)
        repairs.append(f"fee_kind: {kind} from the amount")
    return kind, amount, high


def parse_bool(raw: str) -> Optional[bool]:
    t = str(raw).strip().lower()
    return True if t in _TRUE else False if t in _FALSE else None


# -- the service points of the working copy --------------------------------------------------------

@dataclass
class _Point:
    pin_id: str
    name: str
    codes: Tuple[str, str, str]  # province, amphoe, tambon


class PointIndex:
    """The working copy's service points, found by pin_id or by name and DOPA codes."""

    def __init__(self, points: Iterable[Tuple[str, str, str, str, str]]):
        self.by_id: Dict[str, _Point] = {}
        self.by_name: Dict[str, List[_Point]] = {}
        for pin_id, name, prov, amp, tam in points:
            p = _Point(pin_id, name or "", (prov or "", amp or "", tam or ""))
            self.by_id.setdefault(pin_id, p)
            self.by_name.setdefault(name_key(name or ""), []).append(p)

    def find(self, pin_id: Optional[str], name: Optional[str], codes: Dict[str, str]) -> str:
        if not _missing(pin_id):
            pin_id = str(pin_id).strip().lower()
            if pin_id in self.by_id:
                return pin_id
            raise Refused(_both(f"no service point with pin_id {pin_id} in the working copy: "
                                "check the id, or pull/import the point first",
                                f"ไม่มีจุดให้บริการรหัสหมุด {pin_id} ในสำเนาทำงาน"))
        if _missing(name):
            raise Refused(_both("the row does not say which service point it is: give the "
                                "point's pin_id or its name (and tambon code), or POINT",
                                "ไม่ระบุจุดให้บริการ: ใส่รหัสหมุด หรือชื่อจุดให้บริการและรหัสตำบล"))
        found = list(self.by_name.get(name_key(name), []))
        where = []
        for k, level in enumerate(("province_code", "amphoe_code", "tambon_code")):
            c = thai_to_ascii_digits(str(codes.get(level) or "")).strip()
            c = c[2:] if c.upper().startswith("TH") else c
            if c:
                found = [p for p in found if not p.codes[k] or p.codes[k] == c]
                where.append(c)
        place = f" ({', '.join(where)})" if where else ""
        if len(found) == 1:
            return found[0].pin_id
        if not found:
            raise Refused(_both(f"no service point named '{name}'{place} in the working copy: "
                                "import or add the point first, or give its pin_id",
                                f"ไม่พบจุดให้บริการชื่อ '{name}'{place} ในสำเนาทำงาน: นำเข้าหรือปักหมุดก่อน "
                                "หรือใส่รหัสหมุด"))
        ids = ", ".join(p.pin_id for p in found[:5])
        raise Refused(_both(f"{len(found)} service points are named '{name}'{place} ({ids}): give "
                            "the pin_id or the tambon code",
                            f"มีจุดให้บริการชื่อ '{name}'{place} {len(found)} จุด: ใส่รหัสหมุดหรือรหัสตำบล"))


# -- the plan --------------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What became of one source row (or one record of a JSON service)."""

    table: str
    row: int
    kind: str
    status: str = IMPORTED
    pin_id: str = ""
    service_id: str = ""
    record_id: str = ""
    service_name: str = ""
    name: str = ""
    repairs: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    reason: str = ""
    raw: Dict[str, str] = field(default_factory=dict)


@dataclass
class ImportOptions:
    encoding: Optional[str] = None
    layers: Optional[List[str]] = None
    #: target -> column, over the suggested mapping
    mapping: Dict[str, str] = field(default_factory=dict)
    #: the service point of rows that do not say (a pin_id, or a point name)
    point: Optional[str] = None


@dataclass
class Plan:
    path: str
    outcomes: List[Outcome]
    #: records to write: table -> list of records (schema field -> value)
    new: Dict[str, List[dict]]
    mappings: Dict[str, Dict[str, str]]
    import_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_at: str = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc)
                            .replace(microsecond=0).isoformat())

    def counts(self) -> Dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for o in self.outcomes:
            out[o.status] += 1
        return out

    def added(self) -> Dict[str, int]:
        return {t: len(rows) for t, rows in self.new.items()}

    def summary(self) -> str:
        c, a = self.counts(), self.added()
        return (f"{len(self.outcomes)} rows: {c[IMPORTED]} imported, {c[REPAIRED]} imported with "
                f"repairs, {c[REFUSED]} refused, {c[SKIPPED]} skipped; added "
                f"{a[schema.SERVICES]} services, {a[schema.SERVICE_STEPS]} steps, "
                f"{a[schema.SERVICE_DOCUMENTS]} documents")


_SERVICE_TEXT = ("service_name", "service_name_en", "agency", "manual_url", "legal_basis")


class Planner:
    """Decides every row's fate against the working copy's points and records; writes nothing."""

    def __init__(self, points: PointIndex, existing: ServiceSet, options: ImportOptions):
        self.points = points
        self.options = options
        self.new: Dict[str, List[dict]] = {t.name: [] for t in schema.CHILD_TABLES}
        self.outcomes: List[Outcome] = []
        # (pin, service name key) -> service record (existing or new); service_id -> record
        self.services: Dict[Tuple[str, str], dict] = {}
        self.service_ids: Dict[str, dict] = {}
        self.fresh = set()          # service_ids created by this import
        self.given: Dict[str, set] = {}  # per service created: the fields a row gave
        self.first_row: Dict[str, Tuple[str, int]] = {}
        self.docs: Dict[Tuple[str, str], Tuple[bool, int]] = {}
        self.steps: Dict[Tuple[str, str], Tuple[bool, int]] = {}
        self.step_max: Dict[str, int] = {}
        for s in existing.services:
            self._remember_service(s)
        for d in existing.documents:
            self.docs[(d.get("service_id") or "", name_key(d.get("name_th") or ""))] = (True, 0)
        for st in existing.steps:
            sid = st.get("service_id") or ""
            self.steps[(sid, name_key(st.get("title_th") or ""))] = (True, 0)
            order = st.get("step_order")
            if isinstance(order, int):
                self.step_max[sid] = max(self.step_max.get(sid, 0), order)

    def _remember_service(self, s: dict) -> None:
        if s.get("service_id"):
            self.service_ids[s["service_id"]] = s
        if s.get("pin_id") and s.get("name_th"):
            self.services.setdefault((s["pin_id"], name_key(s["name_th"])), s)

    # -- one row -----------------------------------------------------------------------------
    def row(self, table: str, number: int, values: Dict[str, Optional[str]]) -> None:
        raw = {t: v for t, v in values.items() if not _missing(v)}
        has_doc, has_step = "document_name" in raw, "step_title" in raw
        kind = DOCUMENT if has_doc else STEP if has_step else SERVICE
        out = Outcome(table, number, kind, raw=raw)
        self.outcomes.append(out)
        try:
            service, created = self._service(out, values)
            out.pin_id, out.service_id = service["pin_id"], service["service_id"]
            out.service_name = service.get("name_th") or ""
            if kind == SERVICE:
                if not created:
                    self._skip(out, f"service already in the working copy as {service['service_id']}"
                               if service["service_id"] not in self.fresh else
                               f"same service as row {self.first_row[service['service_id']][1]}")
                out.record_id, out.name = service["service_id"], out.service_name
            else:
                if kind == DOCUMENT:
                    self._document(out, service, values)
                if has_step:
                    self._step(out, service, values)
        except Refused as e:
            out.status, out.reason = REFUSED, str(e)
            return
        if out.status == IMPORTED and out.repairs:
            out.status = REPAIRED

    def _skip(self, out: Outcome, reason: str) -> None:
        out.status, out.reason = SKIPPED, reason

    def _text(self, out: Outcome, target: str, raw: Optional[str]) -> Optional[str]:
        if _missing(raw):
            return None
        table, name = FIELD_OF[target]
        f = schema.child_table(table).field(name)
        text = clean_spaces(str(raw))
        if text != raw:
            out.repairs.append(f"{name}: spaces")
        if f.length and len(text) > f.length:
            text = text[:f.length]
            out.repairs.append(f"{name}: cut to {f.length} characters")
        return text

    def _service(self, out: Outcome, v: Dict[str, Optional[str]]) -> Tuple[dict, bool]:
        sid = (v.get("service_id") or "").strip().lower()
        if sid and sid in self.service_ids:
            return self.service_ids[sid], False
        if not _missing(v.get("pin_id")) or not _missing(v.get("point_name")) \
                or not self.options.point:
            pin = self.points.find(v.get("pin_id"), v.get("point_name"), v)
        else:
            point = self.options.point
            pin = self.points.find(point if point.lower() in self.points.by_id else None,
                                   None if point.lower() in self.points.by_id else point, {})
        name = self._text(out, "service_name", v.get("service_name"))
        if not name:
            raise Refused(_both("no service name: give the service's name as in its citizen "
                                "manual", "ไม่มีชื่องานบริการ: ใส่ชื่อตามคู่มือสำหรับประชาชน"))
        key = (pin, name_key(name))
        known = self.services.get(key)
        if known is not None:
            if known["service_id"] not in self.fresh:
                return known, False
            # a later row of a service this import created: it may fill in what was missing
            # (its readings of values already given are not this row's repairs)
            scratch = Outcome(out.table, out.row, out.kind, raw=out.raw)
            given = self._service_values(scratch, v)
            have = self.given[known["service_id"]]
            row = self.first_row[known["service_id"]][1]
            added = False
            for name, value in given.items():
                if name not in have:
                    known[name] = value
                    have.add(name)
                    added = True
                elif known.get(name) != value:
                    out.warnings.append(f"{name} '{value}' differs from row {row}'s; "
                                        f"row {row}'s kept")
            if added:
                out.repairs += scratch.repairs
                out.warnings += scratch.warnings
            return known, added
        s = {"service_id": sid if schema.is_pin_id(sid) else schema.new_record_id(),
             "pin_id": pin, "name_th": name}
        if sid and not schema.is_pin_id(sid):
            out.warnings.append(f"service_id '{sid}' is not a UUID: a new one was given")
        given = self._service_values(out, v)
        self.given[s["service_id"]] = set(given) | {"name_th"}
        s.update(given)
        s.setdefault("active", True)
        self.new[schema.SERVICES].append(s)
        self.fresh.add(s["service_id"])
        self.first_row[s["service_id"]] = (out.table, out.row)
        self._remember_service(s)
        return s, True

    def _service_values(self, out: Outcome, v: Dict[str, Optional[str]]) -> Dict[str, object]:
        """The service's own values a row gives (schema field -> value), repaired."""
        s: Dict[str, object] = {}
        for target in _SERVICE_TEXT[1:]:
            value = self._text(out, target, v.get(target))
            if value is not None:
                s[FIELD_OF[target][1]] = value
        url = s.get("manual_url")
        if url and not is_url(url):
            if is_url("https://" + str(url)):
                s["manual_url"] = "https://" + str(url)
                out.repairs.append("manual_url: https:// added")
            else:
                out.warnings.append(f"manual_url '{url}' is not a web address (validation will "
                                    "report it)")
        if not _missing(v.get("channel")):
            ch = _choice(v["channel"], schema.SERVICES_TABLE.field("channel"), _CHANNEL_WORDS,
                         out.repairs)
            if ch is None:
                out.warnings.append(f"channel '{v['channel']}' not understood: left empty")
            else:
                s["channel"] = ch
        kind, amount, high = parse_fee(v.get("fee_kind"), v.get("fee_amount"),
                                       v.get("fee_amount_max"), out.repairs, out.warnings)
        for name, value in (("fee_kind", kind), ("fee_amount", amount),
                            ("fee_amount_max", high)):
            if value is not None:
                s[name] = value
        if not _missing(v.get("time_limit")):
            amount, unit = parse_duration(v["time_limit"], v.get("time_limit_unit"), "time_limit",
                                          out.repairs, schema.DAY)
            s["time_limit"], s["time_limit_unit"] = amount, unit
        if not _missing(v.get("active")):
            b = parse_bool(v["active"])
            if b is None:
                raise Refused(_both(f"active '{v['active']}' is not yes or no",
                                    f"เปิดให้บริการ '{v['active']}' ไม่ใช่ ใช่/ไม่ใช่"))
            s["active"] = b
        return s

    def _document(self, out: Outcome, service: dict, v: Dict[str, Optional[str]]) -> None:
        name = self._text(out, "document_name", v.get("document_name"))
        out.name = name or ""
        key = (service["service_id"], name_key(name))
        seen = self.docs.get(key)
        if seen is not None:
            self._skip(out, "document already in the working copy" if seen[0] else
                       f"same document of the same service as row {seen[1]}")
            return
        d = {"document_id": schema.new_record_id(), "service_id": service["service_id"],
             "name_th": name}
        for target in ("issuing_agency", "exempt_reason", "document_note"):
            value = self._text(out, target, v.get(target))
            if value is not None:
                d[FIELD_OF[target][1]] = value
        d["originals"] = (parse_count(v["originals"], "originals", out.repairs)
                          if not _missing(v.get("originals")) else None)
        if _missing(v.get("copies")):
            d["copies"] = 0
            if "copies" in v:
                out.repairs.append("copies: empty read as 0")
        else:
            d["copies"] = parse_count(v["copies"], "copies", out.repairs)
        if _missing(v.get("copy_status")):
            d["copy_status"] = schema.COPY_DEMANDED if d["copies"] > 0 else schema.NO_COPY
            out.repairs.append(f"copy_status: {d['copy_status']} from {d['copies']} copies")
        else:
            st = _choice(v["copy_status"], schema.DOCUMENTS_TABLE.field("copy_status"),
                         _COPY_WORDS, out.repairs)
            if st is None:
                raise Refused(_both(
                    f"copy status '{v['copy_status']}' is not no_copy, copy_demanded or exempt",
                    f"การเรียกสำเนา '{v['copy_status']}' ต้องเป็น ไม่เรียกสำเนา เรียกสำเนา หรือยกเว้น"))
            d["copy_status"] = st
        self.docs[key] = (False, out.row)
        self.new[schema.SERVICE_DOCUMENTS].append(d)
        out.record_id = d["document_id"]

    def _step(self, out: Outcome, service: dict, v: Dict[str, Optional[str]]) -> None:
        title = self._text(out, "step_title", v.get("step_title"))
        if out.kind == STEP:
            out.name = title or ""
        sid = service["service_id"]
        key = (sid, name_key(title))
        seen = self.steps.get(key)
        if seen is not None:
            if out.kind == STEP:
                self._skip(out, "step already in the working copy" if seen[0] else
                           f"same step of the same service as row {seen[1]}")
            return
        st = {"step_id": schema.new_record_id(), "service_id": sid, "title_th": title}
        for target in ("step_detail", "responsible_unit"):
            value = self._text(out, target, v.get(target))
            if value is not None:
                st[FIELD_OF[target][1]] = value
        if _missing(v.get("step_order")):
            st["step_order"] = self.step_max.get(sid, 0) + 1
            out.repairs.append(f"step_order: {st['step_order']} from the row order")
        else:
            st["step_order"] = parse_count(v["step_order"], "step_order", out.repairs)
        self.step_max[sid] = max(self.step_max.get(sid, 0), st["step_order"])
        if not _missing(v.get("duration")):
            st["duration"], st["duration_unit"] = parse_duration(
                v["duration"], v.get("duration_unit"), "duration", out.repairs, schema.MINUTE)
        self.steps[key] = (False, out.row)
        self.new[schema.SERVICE_STEPS].append(st)
        if out.kind == STEP:
            out.record_id = st["step_id"]


# -- reading the source ------------------------------------------------------------------------

def _table_rows(table, mapping: Dict[str, str]) -> Iterator[Tuple[int, Dict[str, Optional[str]]]]:
    index = {h: i for i, h in enumerate(table.headers)}
    cols = {t: index[c] for t, c in mapping.items() if c in index}
    for row in table.rows():
        yield row.number, {t: (row.values[i] if i < len(row.values) else None)
                           for t, i in cols.items()}


def table_mapping(headers: Sequence[str], given: Dict[str, str], where: str = "") -> Dict[str, str]:
    mapping = match_headers(headers, TARGETS, SYNONYMS)
    for t, c in given.items():
        if c:
            mapping[t] = c
        else:
            mapping.pop(t, None)
    missing = [c for c in mapping.values() if c not in headers]
    if missing:
        raise MappingError(f"Column(s) {', '.join(repr(m) for m in missing)} not found{where}. "
                           "The columns are: " + ", ".join(repr(h) for h in headers) + ".")
    if "service_name" not in mapping and "service_id" not in mapping:
        raise MappingError(
            f"No service name column recognised{where} among: "
            + ", ".join(repr(h) for h in headers) + ". Name it ชื่องานบริการ, or map it, e.g. "
            "MAPPING='service_name=<column>'. / ไม่พบคอลัมน์ชื่องานบริการ")
    return mapping


def _json_rows(path: str) -> List[Tuple[str, int, Dict[str, Optional[str]]]]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as e:
        from .source import SourceError

        raise SourceError(f"{os.path.basename(path)} is not readable JSON: {e}") from None
    try:
        items = services_from_json(data)
    except ExchangeError as e:
        from .source import SourceError

        raise SourceError(f"{os.path.basename(path)}: {e} (see docs/services.md)") from None

    def text(value):
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return f"{value:g}" if isinstance(value, float) else str(value)

    rows = []
    for item in items:
        base = {"pin_id": text(item.point.get("pin_id")),
                "point_name": text(item.point.get("name_th"))}
        for level in ("province_code", "amphoe_code", "tambon_code"):
            base[level] = text(item.point.get(level))
        for name, value in item.service.items():
            t = _JSON_TARGET.get((schema.SERVICES, name))
            if t:
                base[t] = text(value)
        rows.append((f"service {item.number}", item.number, dict(base)))
        for table, records in ((schema.SERVICE_STEPS, item.steps),
                               (schema.SERVICE_DOCUMENTS, item.documents)):
            for k, r in enumerate(records, start=1):
                row = dict(base)
                for name, value in r.items():
                    t = _JSON_TARGET.get((table, name))
                    if t:
                        row[t] = text(value)
                rows.append((f"service {item.number} {table[8:]}", k, row))
    return rows


def plan_services(path: str, points: PointIndex, existing: ServiceSet,
                  options: Optional[ImportOptions] = None, feedback=None) -> Plan:
    """Read the source and decide every row; writes nothing.  Raises SourceError / MappingError
    with a message that says what to fix."""
    from .source import open_source

    options = options or ImportOptions()
    planner = Planner(points, existing, options)
    mappings: Dict[str, Dict[str, str]] = {}
    if path.lower().endswith(".json"):
        for table, number, values in _json_rows(path):
            planner.row(table, number, values)
    else:
        source = open_source(path, options.encoding, options.layers, header_matcher)
        every_sheet = options.layers is None and len(source.available) > 1
        if every_sheet:  # a workbook: every sheet with a service name column (the template's)
            source = open_source(path, options.encoding, source.available, header_matcher)
        for table in source.tables:
            where = f" in sheet '{table.name}'" if table.name else ""
            try:
                mapping = table_mapping(table.headers, options.mapping, where)
            except MappingError:
                if not every_sheet:
                    raise
                planner.outcomes.append(Outcome(table.name, 0, "", SKIPPED, reason=(
                    "sheet without a service name column: not a list of services")))
                continue
            mappings[table.name] = mapping
            for number, reason in table.skipped:
                planner.outcomes.append(Outcome(table.name, number, "", SKIPPED, reason=reason))
            for number, values in _table_rows(table, mapping):
                if all(_missing(v) for v in values.values()):
                    planner.outcomes.append(Outcome(table.name, number, "", SKIPPED,
                                                    reason="empty row"))
                    continue
                planner.row(table.name, number, values)
                if feedback is not None and feedback.isCanceled():
                    raise MappingError("Import cancelled: nothing was written.")
    data_rows = [o for o in planner.outcomes if o.kind]
    if not data_rows:
        raise MappingError(f"{os.path.basename(path)} has no service rows: nothing to import. "
                           "/ ไม่มีแถวข้อมูลงานบริการ")
    return Plan(path, planner.outcomes, planner.new, mappings)


# -- the report --------------------------------------------------------------------------------

REPORT_FIELDS = ("import_id", "imported_at", "source_file", "source_table", "row", "kind",
                 "status", "pin_id", "service_id", "record_id", "service_name", "name", "repairs",
                 "warnings", "reason", "source_values")


def report_values(plan: Plan, o: Outcome) -> list:
    return [plan.import_id, plan.started_at, os.path.basename(plan.path), o.table, o.row,
            o.kind or None, o.status, o.pin_id or None, o.service_id or None,
            o.record_id or None, o.service_name or None, o.name or None,
            "; ".join(o.repairs) or None, "; ".join(o.warnings) or None, o.reason or None,
            json.dumps(o.raw, ensure_ascii=False) if o.raw else None]


def write_report_csv(plan: Plan, path: str) -> str:
    """The report as CSV (UTF-8 with BOM, so Excel shows the Thai right)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(REPORT_FIELDS)
        for o in plan.outcomes:
            w.writerow(["" if v is None else v for v in report_values(plan, o)])
    return path
