"""Server-side validation of a pin: what can be checked without the database.

Text is normalised and judged by :mod:`citizen_pins.core.normalize` (the plugin's own rules):
stored clean (NFC, nothing blank around it), refused when blank where required, with control
characters, direction overrides, tabs or line breaks in a one-line field, or too long.

Each problem is a dict ``{"field", "code", "message_en", "message_th"}``; the gateway adds the
spatial problems (inside Thailand, inside the declared province) found with PostGIS.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from citizen_pins.core import normalize, schema
from citizen_pins.core.dopa import codes

#: Fields the registry requires although a working copy may leave them empty.
REGISTRY_REQUIRED = tuple(schema.REQUIRED_FIELDS) + ("province_code",)
#: Properties a client may send back unchanged (set by the registry, ignored on input).
IGNORED = tuple(f.name for f in schema.FIELDS if f.registry_managed)


def problem(field: Optional[str], code: str, en: str, th: str) -> Dict[str, Optional[str]]:
    return {"field": field, "code": code, "message_en": en, "message_th": th}


class Pin:
    """A parsed pin: its editable values (None for empty) and its point."""

    def __init__(self, pin_id: Optional[str], values: Dict[str, object],
                 lon: Optional[float], lat: Optional[float]):
        self.pin_id = pin_id
        self.values = values
        self.lon = lon
        self.lat = lat

    @property
    def province_code(self) -> Optional[str]:
        v = self.values.get("province_code")
        return v if isinstance(v, str) else None


def _label(name: str) -> Tuple[str, str]:
    f = schema.FIELD_BY_NAME.get(name)
    return (f.label_en, f.label_th) if f else (name, name)


def parse_feature(obj, url_id: Optional[str] = None) -> Tuple[Optional[Pin], List[dict]]:
    """Check a GeoJSON Feature against the schema.  Returns the pin (None when hopeless) and the
    list of problems."""
    problems: List[dict] = []
    if not isinstance(obj, dict) or obj.get("type") != "Feature":
        return None, [problem(None, "not_a_feature",
                              "The body must be one GeoJSON Feature (\"type\": \"Feature\").",
                              "ข้อมูลที่ส่งต้องเป็น GeoJSON Feature หนึ่งรายการ")]
    props = obj.get("properties")
    if props is None:
        props = {}
    if not isinstance(props, dict):
        return None, [problem(None, "properties", "\"properties\" must be an object.",
                              "\"properties\" ต้องเป็นออบเจกต์")]

    # -- the id --------------------------------------------------------------------------------
    ids = [v for v in (obj.get("id"), props.get("pin_id"), url_id) if v is not None]
    pin_id = None
    if not ids:
        problems.append(problem("pin_id", "required", "pin_id is missing (the feature's id).",
                                "ไม่มีรหัสหมุด (pin_id)"))
    elif any(v != ids[0] for v in ids[1:]):
        problems.append(problem("pin_id", "id_mismatch",
                                "The feature's id, properties.pin_id and the URL name different "
                                "pins; a pin_id never changes.",
                                "รหัสหมุดใน URL, id และ properties.pin_id ไม่ตรงกัน "
                                "(รหัสหมุดเปลี่ยนไม่ได้)"))
    elif not schema.is_pin_id(ids[0]):
        problems.append(problem("pin_id", "format",
                                "pin_id must be a lower-case UUID, e.g. "
                                "0b8e1c9a-3f2d-4e5a-9c1b-2d3e4f5a6b7c.",
                                "รหัสหมุดต้องเป็น UUID ตัวพิมพ์เล็ก"))
    else:
        pin_id = ids[0]

    # -- the geometry --------------------------------------------------------------------------
    lon = lat = None
    geom = obj.get("geometry")
    coords = geom.get("coordinates") if isinstance(geom, dict) else None
    if not (isinstance(geom, dict) and geom.get("type") == "Point" and isinstance(coords, list)
            and len(coords) in (2, 3)
            and all(normalize.finite_number(c) is not None for c in coords)):
        problems.append(problem("geometry", "not_a_point",
                                "The geometry must be a GeoJSON Point [longitude, latitude] in "
                                "WGS 84 (EPSG:4326).",
                                "ตำแหน่งต้องเป็นจุด (Point) [ลองจิจูด, ละติจูด] ในระบบ WGS 84"))
    else:
        lon, lat = normalize.finite_number(coords[0]), normalize.finite_number(coords[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(problem("geometry", "not_lonlat",
                                    "The coordinates are not longitude/latitude degrees "
                                    "(were they projected, or swapped?).",
                                    "พิกัดไม่ใช่องศาลองจิจูด/ละติจูด (อาจเป็นพิกัดฉาก หรือสลับกัน)"))
            lon = lat = None

    # -- attributes ----------------------------------------------------------------------------
    unknown = sorted(k for k in props if k not in schema.FIELD_BY_NAME)
    for k in unknown[:20]:  # enough to see the mistake; a body of 100k names is no list
        problems.append(problem(k[:100], "unknown_field",
                                f"Unknown property '{k[:64]}'. The properties are: "
                                f"{', '.join(schema.EDITABLE_FIELDS)}.",
                                f"ไม่รู้จักช่องข้อมูล '{k[:64]}'"))
    values: Dict[str, object] = {}
    for f in schema.FIELDS:
        if f.registry_managed or f.name == "pin_id":
            continue
        raw = props.get(f.name)
        en, th = _label(f.name)
        if f.kind == schema.CODE and isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        if raw is not None and not isinstance(raw, str):
            problems.append(problem(f.name, "type", f"{en} must be text.",
                                    f"{th} ต้องเป็นข้อความ"))
            continue
        if normalize.is_blank(raw):
            if f.name in REGISTRY_REQUIRED:
                problems.append(problem(f.name, "required", f"{en} is required.",
                                        f"ต้องกรอก{th}"))
            values[f.name] = None
            continue
        if f.kind == schema.TEXT:
            raw = normalize.clean_text(raw, f.multiline)
        bad = normalize.text_problem(raw, f.length, f.multiline)
        if bad is not None:
            problems.append(problem(f.name, bad, *normalize.text_message(bad, en, th, f.length)))
            continue
        values[f.name] = raw

    pt = values.get("point_type")
    if isinstance(pt, str) and pt not in schema.POINT_TYPE_KEYS:
        problems.append(problem("point_type", "unknown_point_type",
                                f"Unknown point type '{pt}'; use one of "
                                f"{', '.join(schema.POINT_TYPE_KEYS)}.",
                                f"ไม่รู้จักประเภทจุดให้บริการ '{pt}'"))
    problems.extend(_check_codes(values))
    return Pin(pin_id, values, lon, lat), problems


def _check_codes(values: Dict[str, object]) -> List[dict]:
    out: List[dict] = []
    dopa = codes()
    good: Dict[str, str] = {}
    for name in schema.CODE_FIELDS:
        v = values.get(name)
        if not isinstance(v, str):
            continue
        f = schema.FIELD_BY_NAME[name]
        en, th = _label(name)
        if not (v.isascii() and v.isdigit() and len(v) == f.digits and not v.startswith("0")):
            out.append(problem(name, "code_format",
                               f"{en} must be a {f.digits}-digit DOPA code, not '{v}'.",
                               f"{th} ต้องเป็นรหัสกรมการปกครอง {f.digits} หลัก ไม่ใช่ '{v}'"))
            continue
        if not dopa.is_current(v):
            gone = dopa.abolished(v)
            if gone is not None:
                repl = ", ".join(dopa.replacement(v)) or "-"
                out.append(problem(name, "code_abolished",
                                   f"{en} {v} was abolished on {gone.abolished_on}; "
                                   f"current code(s): {repl}.",
                                   f"{th} {v} ถูกยกเลิกเมื่อ {gone.abolished_on} "
                                   f"รหัสปัจจุบัน: {repl}"))
            else:
                out.append(problem(name, "code_unknown", f"{en} {v} is not a DOPA code.",
                                   f"{th} {v} ไม่ใช่รหัสของกรมการปกครอง"))
            continue
        good[name] = v
    p, a, t = good.get("province_code"), good.get("amphoe_code"), good.get("tambon_code")
    if a and p and not a.startswith(p):
        out.append(problem("amphoe_code", "code_nesting",
                           f"Amphoe {a} is not in province {p}.",
                           f"อำเภอ {a} ไม่อยู่ในจังหวัด {p}"))
    if t and (a or p) and not t.startswith(a or p):
        out.append(problem("tambon_code", "code_nesting",
                           f"Tambon {t} is not in {'amphoe ' + a if a else 'province ' + p}.",
                           f"ตำบล {t} ไม่อยู่ใน{'อำเภอ ' + a if a else 'จังหวัด ' + p}"))
    return out


def outside_thailand() -> dict:
    return problem("geometry", "outside_thailand", "The point is outside Thailand.",
                   "ตำแหน่งอยู่นอกประเทศไทย")


def outside_province(declared: str, found: List[str]) -> dict:
    dopa = codes()
    where_en = ", ".join(f"{c} {dopa.name(c, 'en')}" for c in found) or "-"
    where_th = ", ".join(f"{c} {dopa.name(c, 'th')}" for c in found) or "-"
    return problem("geometry", "outside_declared_province",
                   f"The point is not in the declared province {declared} "
                   f"{dopa.name(declared, 'en')}; it lies in {where_en}.",
                   f"ตำแหน่งไม่อยู่ในจังหวัดที่ระบุ ({declared} {dopa.name(declared, 'th')}) "
                   f"แต่อยู่ใน {where_th}")
