"""The service-point schema: the one place that says what a pin is.

Everything else (the GeoPackage working copy, the attribute form, validation, the registry's
table and its JSON) reads these definitions.  This module is pure Python on purpose: the registry
gateway imports it too, and it must not need QGIS.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

#: Logical field types.  ``text`` and ``code`` are strings, ``integer`` a whole number,
#: ``datetime`` an ISO-8601 timestamp in UTC.
TEXT, CODE, INTEGER, DATETIME, UUID = "text", "code", "integer", "datetime", "uuid"


@dataclass(frozen=True)
class PointType:
    key: str
    label_th: str
    label_en: str


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
