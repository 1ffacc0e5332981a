"""The service-point schema: the one place that says what a pin is, and what a pin owns.

Everything else (the GeoPackage working copy, the attribute forms, validation, import, the
registry's tables and their JSON) reads these definitions.  This module is pure Python on purpose:
the registry gateway imports it too, and it must not need QGIS.

A pin (:data:`FIELDS`, layer :data:`LAYER_NAME`) owns its services; a service owns its steps and
its documents (:data:`CHILD_TABLES`).  Each child is keyed by its own UUID and its parent's UUID,
never by a feature id (which the GeoPackage and the sync rewrite).
"""
from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

#: Logical field types.  ``text`` and ``code`` are strings, ``integer`` a whole number,
#: ``datetime`` an ISO-8601 timestamp in UTC.
TEXT, CODE, INTEGER, DATETIME, UUID = "text", "code", "integer", "datetime", "uuid"
#: ``real`` a decimal number (amounts, durations), ``boolean`` true/false (children only).
REAL, BOOLEAN = "real", "boolean"


@dataclass(frozen=True)
class Choice:
    """One value of a closed list: the key is stored, the labels are shown."""

    key: str
    label_th: str
    label_en: str

    def label(self, lang: str = "th") -> str:
        return self.label_th if lang == "th" else self.label_en


#: A kind of service point (a Choice: key, Thai and English labels).
PointType = Choice


#: The kinds of service point (initial list of the programme).  Keys are stored; labels are shown.
POINT_TYPES: Tuple[PointType, ...] = (
    PointType("lao_office", "สำนักงานองค์กรปกครองส่วนท้องถิ่น", "Local government office"),
    PointType("district_office", "ที่ว่าการอำเภอ", "District office"),
    PointType("provincial_hall", "ศาลากลางจังหวัด", "Provincial hall"),
    PointType("health_facility", "สถานพยาบาล", "Health facility"),
    PointType("police_station", "สถานีตำรวจ", "Police station"),
    PointType("land_office", "สำนักงานที่ดิน", "Land office"),
    PointType("post_office", "ที่ทำการไปรษณีย์", "Post office"),
    PointType("school", "โรงเรียน", "School"),
    PointType("other", "อื่น ๆ", "Other"),
)
POINT_TYPE_KEYS: Tuple[str, ...] = tuple(p.key for p in POINT_TYPES)


@dataclass(frozen=True)
class Field:
    """One attribute of a service point."""

    name: str
    kind: str
    label_th: str
    label_en: str
    length: int = 0  # 0: no limit
    required: bool = False
    #: Set by the registry (never edited by a person, never sent as an edit).
    registry_managed: bool = False
    #: For ``code`` fields: the number of digits of the DOPA code.
    digits: int = 0
    #: For ``text`` fields: may hold line breaks (an address); other text is one line.
    multiline: bool = False
    help_th: str = ""
    help_en: str = ""
    #: A closed list of values (keys stored, labels shown); empty: free values.
    choices: Tuple[Choice, ...] = ()
    #: Smallest value allowed (numbers).
    minimum: Optional[float] = None
    #: The value a new record starts with (None: empty; UUID keys are generated instead).
    default: object = None
    #: Long text (a multi-line editor in the form).
    multiline: bool = False


FIELDS: Tuple[Field, ...] = (
    Field("pin_id", UUID, "รหัสหมุด", "Pin ID", length=36, required=True,
          help_th="สร้างให้อัตโนมัติ ไม่เปลี่ยนตลอดอายุของหมุด",
          help_en="Generated automatically; never changes for the life of the pin"),
    Field("name_th", TEXT, "ชื่อ (ไทย)", "Name (Thai)", length=254, required=True,
          help_th="ชื่อจุดให้บริการภาษาไทย ต้องกรอก", help_en="Thai name of the service point (required)"),
    Field("name_en", TEXT, "ชื่อ (อังกฤษ)", "Name (English)", length=254),
    Field("point_type", TEXT, "ประเภทจุดให้บริการ", "Point type", length=32, required=True,
          help_th="เลือกจากรายการ", help_en="Choose from the list"),
    Field("agency", TEXT, "หน่วยงาน", "Agency", length=254),
    Field("province_code", CODE, "จังหวัด", "Province", length=2, digits=2,
          help_th="รหัสจังหวัดของกรมการปกครอง 2 หลัก", help_en="DOPA province code, 2 digits"),
    Field("amphoe_code", CODE, "อำเภอ", "District (amphoe)", length=4, digits=4,
          help_th="รหัสอำเภอของกรมการปกครอง 4 หลัก", help_en="DOPA amphoe code, 4 digits"),
    Field("tambon_code", CODE, "ตำบล", "Subdistrict (tambon)", length=6, digits=6,
          help_th="รหัสตำบลของกรมการปกครอง 6 หลัก", help_en="DOPA tambon code, 6 digits"),
    Field("address", TEXT, "ที่อยู่", "Address", length=254, multiline=True),
    Field("phone", TEXT, "โทรศัพท์", "Phone", length=64),
    Field("opening_hours", TEXT, "เวลาทำการ", "Opening hours", length=254, multiline=True),
    Field("version", INTEGER, "รุ่น", "Version", registry_managed=True,
          help_th="กำหนดโดยระบบทะเบียนกลาง", help_en="Set by the national registry"),
    Field("updated_at", DATETIME, "ปรับปรุงล่าสุด", "Updated at", registry_managed=True,
          help_th="กำหนดโดยระบบทะเบียนกลาง", help_en="Set by the national registry"),
)

FIELD_BY_NAME: Dict[str, Field] = {f.name: f for f in FIELDS}
FIELD_NAMES: Tuple[str, ...] = tuple(f.name for f in FIELDS)
REQUIRED_FIELDS: Tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
#: The fields a person edits and a publish sends (everything but what the registry manages).
EDITABLE_FIELDS: Tuple[str, ...] = tuple(f.name for f in FIELDS if not f.registry_managed)
CODE_FIELDS: Tuple[str, ...] = ("province_code", "amphoe_code", "tambon_code")

#: Name of the service-point layer inside a working-copy GeoPackage.
LAYER_NAME = "service_points"
#: Coordinate reference system of every pin.
CRS_AUTHID = "EPSG:4326"

_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def new_pin_id() -> str:
    """A new, random pin id (UUID4 as lower-case text)."""
    return str(uuid.uuid4())


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def new_pin_ids(n: int) -> List[str]:
    """``n`` new pin ids at once: what ``new_pin_id`` gives (random UUID4, version and variant
    bits set as ``uuid.uuid4`` sets them), from one read of the system's random source."""
    h = os.urandom(16 * n).hex()
    v = _VARIANT
    return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-{v[h[i + 16]]}{h[i + 17:i + 20]}-"
            f"{h[i + 20:i + 32]}" for i in range(0, 32 * n, 32)]


def is_pin_id(value: object) -> bool:
    """True if ``value`` is a pin id in canonical form (lower-case UUID text, nothing else: not
    even a trailing line break, which ``$`` would let through)."""
    return isinstance(value, str) and bool(_UUID_RE.fullmatch(value))


def point_type_label(key: str, lang: str = "th") -> Optional[str]:
    for p in POINT_TYPES:
        if p.key == key:
            return p.label_th if lang == "th" else p.label_en
    return None


def field_label(name: str, lang: str = "th") -> str:
    f = FIELD_BY_NAME[name]
    return f.label_th if lang == "th" else f.label_en


# -- what a pin owns: services, their steps and documents --------------------------------------
#
# From the agency's citizen manual (คู่มือสำหรับประชาชน) that the Licensing Facilitation Act
# B.E. 2558 (พ.ร.บ. การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558) requires for every
# licence and service: the steps with their durations, the documents with how many originals and
# copies, the fee, the legal time limit.  The Zero Copy status of a point is derived from them
# (core/zero_copy.py), never typed.

CHANNELS: Tuple[Choice, ...] = (
    Choice("counter", "ที่สำนักงาน", "At the office counter"),
    Choice("online", "ออนไลน์", "Online"),
    Choice("both", "ที่สำนักงานและออนไลน์", "Counter and online"),
)
FEE_NONE, FEE_FIXED, FEE_RANGE, FEE_STARTING_AT = "none", "fixed", "range", "starting_at"
FEE_KINDS: Tuple[Choice, ...] = (
    Choice(FEE_NONE, "ไม่มีค่าธรรมเนียม", "No fee"),
    Choice(FEE_FIXED, "อัตราเดียว", "Fixed amount"),
    Choice(FEE_RANGE, "เป็นช่วง (ต่ำสุด–สูงสุด)", "Range (from–to)"),
    Choice(FEE_STARTING_AT, "เริ่มต้นที่", "Starting at"),
)
MINUTE, HOUR, DAY = "minute", "hour", "day"
TIME_UNITS: Tuple[Choice, ...] = (
    Choice(MINUTE, "นาที", "minutes"),
    Choice(HOUR, "ชั่วโมง", "hours"),
    Choice(DAY, "วันทำการ", "working days"),
)
#: Minutes in each time unit, to add up and compare durations.  A working day is counted as the
#: civil service's 7 working hours (08:30–16:30 less the lunch hour): a convention, stated in
#: docs/services.md, not a measurement.
UNIT_MINUTES: Dict[str, float] = {MINUTE: 1.0, HOUR: 60.0, DAY: 7 * 60.0}
NO_COPY, COPY_DEMANDED, EXEMPT = "no_copy", "copy_demanded", "exempt"
COPY_STATUSES: Tuple[Choice, ...] = (
    Choice(NO_COPY, "ไม่เรียกสำเนา (หน่วยงานทำสำเนาหรือตรวจสอบเอง)",
           "No copy (the office copies or looks it up itself)"),
    Choice(COPY_DEMANDED, "เรียกสำเนาจากประชาชน", "Copy demanded from the citizen"),
    Choice(EXEMPT, "ยกเว้นตามกฎหมาย (ระบุเหตุผล)", "Exempt: a legal exception (give the reason)"),
)

_REGISTRY_TH, _REGISTRY_EN = "กำหนดโดยระบบทะเบียนกลาง", "Set by the national registry"


@dataclass(frozen=True)
class ChildTable:
    """A table of records owned by a parent (a pin, or a service)."""

    #: Table name in the working copy (and collection name in the registry).
    name: str
    label_th: str
    label_en: str
    #: The record's own UUID field.
    key: str
    #: The parent's table and the parent's UUID field (the same name on both sides).
    parent: str
    parent_key: str
    fields: Tuple[Field, ...]
    #: Field that orders the records under one parent (shown in this order), if any.
    order_by: str = ""

    @property
    def field_names(self) -> Tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def editable_fields(self) -> Tuple[str, ...]:
        """What a person edits and a publish sends (everything but the registry's fields)."""
        return tuple(f.name for f in self.fields if not f.registry_managed)

    @property
    def required_fields(self) -> Tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name}")

    def label(self, lang: str = "th") -> str:
        return self.label_th if lang == "th" else self.label_en


def _key(name: str, th: str, en: str) -> Field:
    return Field(name, UUID, th, en, length=36, required=True,
                 help_th="สร้างให้อัตโนมัติ ไม่เปลี่ยนตลอดอายุของข้อมูล",
                 help_en="Generated automatically; never changes")


def _registry_fields() -> Tuple[Field, ...]:
    return (Field("version", INTEGER, "รุ่น", "Version", registry_managed=True,
                  help_th=_REGISTRY_TH, help_en=_REGISTRY_EN),
            Field("updated_at", DATETIME, "ปรับปรุงล่าสุด", "Updated at", registry_managed=True,
                  help_th=_REGISTRY_TH, help_en=_REGISTRY_EN))


SERVICES = "services"
SERVICE_STEPS = "service_steps"
SERVICE_DOCUMENTS = "service_documents"

SERVICES_TABLE = ChildTable(
    SERVICES, "งานบริการ", "Services", "service_id", LAYER_NAME, "pin_id", (
        _key("service_id", "รหัสงานบริการ", "Service ID"),
        Field("pin_id", UUID, "รหัสหมุด", "Pin ID", length=36, required=True,
              help_th="จุดให้บริการที่ให้บริการนี้", help_en="The service point offering it"),
        Field("name_th", TEXT, "ชื่องานบริการ (ไทย)", "Service name (Thai)", length=254,
              required=True, help_th="ชื่อตามคู่มือสำหรับประชาชน เช่น การแจ้งเกิด",
              help_en="As in the citizen manual, e.g. การแจ้งเกิด (birth registration)"),
        Field("name_en", TEXT, "ชื่องานบริการ (อังกฤษ)", "Service name (English)", length=254),
        Field("agency", TEXT, "หน่วยงานผู้รับผิดชอบ", "Responsible agency", length=254),
        Field("manual_url", TEXT, "ลิงก์คู่มือสำหรับประชาชน", "Citizen manual (web address)",
              length=1000, help_th="ที่อยู่เว็บของคู่มือ เช่น หน้าขั้นตอนบน info.go.th",
              help_en="The manual's web address, e.g. its procedure page on info.go.th"),
        Field("legal_basis", TEXT, "กฎหมายที่ให้อำนาจ", "Legal basis", multiline=True),
        Field("channel", TEXT, "ช่องทางการให้บริการ", "Service channel", length=16,
              choices=CHANNELS, default="counter"),
        Field("fee_kind", TEXT, "ค่าธรรมเนียม", "Fee", length=16, choices=FEE_KINDS,
              default=FEE_NONE),
        Field("fee_amount", REAL, "ค่าธรรมเนียม (บาท)", "Fee (baht)", minimum=0,
              help_th="อัตราเดียว ค่าต่ำสุดของช่วง หรือค่าเริ่มต้น",
              help_en="The fixed amount, the lower end of a range, or the starting amount"),
        Field("fee_amount_max", REAL, "ค่าธรรมเนียมสูงสุด (บาท)", "Fee up to (baht)", minimum=0,
              help_th="เฉพาะค่าธรรมเนียมแบบเป็นช่วง", help_en="For a range only"),
        Field("time_limit", REAL, "ระยะเวลาดำเนินการตามคู่มือ", "Legal time limit", minimum=0,
              help_th="ระยะเวลาดำเนินการรวมที่คู่มือกำหนด",
              help_en="The total time the manual commits to"),
        Field("time_limit_unit", TEXT, "หน่วยของระยะเวลา", "Time limit unit", length=8,
              choices=TIME_UNITS, default=DAY),
        Field("active", BOOLEAN, "เปิดให้บริการ", "Active", default=True,
              help_th="ยังให้บริการอยู่ที่จุดนี้", help_en="Still offered at this point"),
    ) + _registry_fields())

STEPS_TABLE = ChildTable(
    SERVICE_STEPS, "ขั้นตอน", "Steps", "step_id", SERVICES, "service_id", (
        _key("step_id", "รหัสขั้นตอน", "Step ID"),
        Field("service_id", UUID, "รหัสงานบริการ", "Service ID", length=36, required=True),
        Field("step_order", INTEGER, "ลำดับ", "Order", required=True, minimum=1, default=1),
        Field("title_th", TEXT, "ขั้นตอน", "Step", length=254, required=True,
              help_th="เช่น ยื่นคำขอและตรวจสอบเอกสาร",
              help_en="e.g. ยื่นคำขอและตรวจสอบเอกสาร (application and document check)"),
        Field("detail", TEXT, "รายละเอียด", "Detail", multiline=True),
        Field("duration", REAL, "ระยะเวลา", "Duration", minimum=0),
        Field("duration_unit", TEXT, "หน่วยเวลา", "Unit", length=8, choices=TIME_UNITS,
              default=MINUTE),
        Field("responsible_unit", TEXT, "ส่วนงานที่รับผิดชอบ", "Responsible unit", length=254),
    ), order_by="step_order")

DOCUMENTS_TABLE = ChildTable(
    SERVICE_DOCUMENTS, "เอกสาร", "Documents", "document_id", SERVICES, "service_id", (
        _key("document_id", "รหัสเอกสาร", "Document ID"),
        Field("service_id", UUID, "รหัสงานบริการ", "Service ID", length=36, required=True),
        Field("name_th", TEXT, "ชื่อเอกสาร", "Document", length=254, required=True,
              help_th="เช่น บัตรประจำตัวประชาชน", help_en="e.g. บัตรประจำตัวประชาชน (ID card)"),
        Field("issuing_agency", TEXT, "หน่วยงานผู้ออกเอกสาร", "Issuing agency", length=254),
        Field("originals", INTEGER, "ฉบับจริง (จำนวน)", "Originals", minimum=0, default=1),
        Field("copies", INTEGER, "สำเนา (จำนวน)", "Copies demanded", minimum=0, default=0),
        Field("copy_status", TEXT, "การเรียกสำเนา", "Copy status", length=16, required=True,
              choices=COPY_STATUSES, default=NO_COPY),
        Field("exempt_reason", TEXT, "เหตุผลที่ยกเว้น", "Reason for the exemption", length=254,
              help_th="กฎหมายที่ยังกำหนดให้ใช้สำเนา เช่น หนังสือมอบอำนาจ",
              help_en="The law that still requires the copy, e.g. a power of attorney"),
        Field("note", TEXT, "หมายเหตุ", "Note", multiline=True),
    ))

#: Every table a pin owns, parents before children.
CHILD_TABLES: Tuple[ChildTable, ...] = (SERVICES_TABLE, STEPS_TABLE, DOCUMENTS_TABLE)
CHILD_TABLE_BY_NAME: Dict[str, ChildTable] = {t.name: t for t in CHILD_TABLES}


def child_table(name: str) -> ChildTable:
    return CHILD_TABLE_BY_NAME[name]


def children_of(parent: str) -> Tuple[ChildTable, ...]:
    """The tables whose records belong to a record of ``parent`` (a table name)."""
    return tuple(t for t in CHILD_TABLES if t.parent == parent)


def new_record_id() -> str:
    """A new UUID for a service, step or document (as :func:`new_pin_id`)."""
    return str(uuid.uuid4())


def choice_label(field: Field, key: object, lang: str = "th") -> Optional[str]:
    for c in field.choices:
        if c.key == key:
            return c.label(lang)
    return None


_JSON_TYPES = {TEXT: "string", CODE: "string", UUID: "string", DATETIME: "string",
               INTEGER: "integer", REAL: "number", BOOLEAN: "boolean"}


def describe_tables() -> dict:
    """The child tables as plain JSON-able data (for the registry gateway and documentation):
    per table its key, parent, order field and fields (JSON type, required, registry-managed,
    allowed values, minimum, maximum length, default, Thai/English labels)."""
    out = {}
    for t in CHILD_TABLES:
        fields = []
        for f in t.fields:
            d = {"name": f.name, "type": _JSON_TYPES[f.kind], "kind": f.kind,
                 "required": f.required, "registry_managed": f.registry_managed,
                 "label_th": f.label_th, "label_en": f.label_en}
            if f.kind == UUID:
                d["format"] = "uuid"
            if f.kind == DATETIME:
                d["format"] = "date-time"
            if f.length and f.kind in (TEXT, CODE):
                d["max_length"] = f.length
            if f.choices:
                d["enum"] = [c.key for c in f.choices]
            if f.minimum is not None:
                d["minimum"] = f.minimum
            if f.default is not None:
                d["default"] = f.default
            fields.append(d)
        out[t.name] = {"key": t.key, "parent": t.parent, "parent_key": t.parent_key,
                       "order_by": t.order_by or None, "label_th": t.label_th,
                       "label_en": t.label_en, "fields": fields}
    return out
