"""The validation rules: each small and named, all registered here, in the order they run.

A rule is a function ``check(ctx, emit)`` decorated with :func:`rule`.  It reads the prepared
inputs of :class:`~citizen_pins.core.context.ValidationContext` and calls
``emit(i, message_th, message_en, ...)`` once per finding for pin ``i``.  Adding a rule is writing
one decorated function in this file; nothing else needs to change (the algorithm, the counts and
the documentation table read :data:`RULES`).

Every message says what is wrong and what to do, in Thai and English.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

import numpy as np

from . import schema
from .context import (COORD_OUTSIDE, COORD_PROJECTED, COORD_SWAPPED, COORD_ZERO, LOC_AMPHOE,
                      LOC_NEAR, LOC_NOT_COVERED, LOC_PROVINCE, LOC_TAMBON, LOC_UNCHECKED,
                      CODE_DIGITS, ValidationContext)
from .findings import (ERROR, WARNING, Finding, fix_move, fix_replace_code, fix_set_codes,
                       fix_set_field)
from .pins import (GEOM_EMPTY, GEOM_MULTIPART, GEOM_NONE, GEOM_NOT_POINT, GEOM_TRANSFORM,
                   _text_or_none, blank_mask)


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: str
    title_en: str
    title_th: str
    check: Callable


#: Every rule, in the order it runs (and in which findings of one pin are listed).
RULES: List[Rule] = []


def rule(rule_id: str, severity: str, title_en: str, title_th: str):
    """Register a rule (the one place where rules are listed)."""
    def register(fn):
        if any(r.rule_id == rule_id for r in RULES):
            raise ValueError(f"rule {rule_id} registered twice")
        RULES.append(Rule(rule_id, severity, title_en, title_th, fn))
        return fn
    return register


def rule_by_id(rule_id: str) -> Rule:
    for r in RULES:
        if r.rule_id == rule_id:
            return r
    raise KeyError(rule_id)


# -- wording helpers -----------------------------------------------------------------------------

def km(d: Optional[float], lang: str = "en") -> str:
    if d is None:
        return ""
    if d < 1000:
        return f"{d:.0f} m" if lang == "en" else f"{d:.0f} เมตร"
    return f"{d / 1000:.1f} km" if lang == "en" else f"{d / 1000:.1f} กม."


def unit_name(ctx: ValidationContext, code: str, lang: str) -> str:
    memo = ctx._cache.setdefault("unit_name", {})
    key = (code, lang)
    out = memo.get(key)
    if out is None:
        name = ctx.dopa.full_name(code, lang) if code else ""
        out = memo[key] = f"{name} ({code})" if name else code
    return out


LEVEL_TH = {"province_code": "จังหวัด", "amphoe_code": "อำเภอ", "tambon_code": "ตำบล",
            LOC_PROVINCE: "จังหวัด", LOC_AMPHOE: "อำเภอ", LOC_TAMBON: "ตำบล"}
LEVEL_EN = {"province_code": "province", "amphoe_code": "amphoe", "tambon_code": "tambon",
            LOC_PROVINCE: "province", LOC_AMPHOE: "amphoe", LOC_TAMBON: "tambon"}


def fix_from_location(ctx: ValidationContext, i: int, skip_field: str = "") -> str:
    """set_codes from where the pin lies, when that tambon is current and agrees with the other
    declared codes that are themselves valid (``skip_field="all"``: whatever they say)."""
    j = int(ctx.located[i])
    if j < 0 or not ctx.boundaries.codes[j]:
        return ""
    # the same for every pin with the same location (and, unless "all", the same declared codes)
    memo = ctx._cache.setdefault("fix_from_location", {})
    key = (j, skip_field, 0 if skip_field == "all" else int(ctx._code_rows()[1][i]))
    out = memo.get(key)
    if out is None:
        declared = () if skip_field == "all" else tuple(
            ctx.declared(field)[i] for field, _ in CODE_DIGITS if field != skip_field)
        out = memo[key] = _fix_from_location(ctx, ctx.boundaries.codes[j], skip_field, declared)
    return out


def _fix_from_location(ctx: ValidationContext, code: str, skip_field: str, declared) -> str:
    if not ctx.dopa.is_current(code):
        return ""
    fields = [(f, n) for f, n in CODE_DIGITS if f != skip_field] if skip_field != "all" else []
    for (field, digits), d in zip(fields, declared):
        if d and ctx.dopa.is_current(d) and code[:digits] != d:
            return ""
    return fix_set_codes(code)


# -- geometry ------------------------------------------------------------------------------------

@rule("geometry.missing", ERROR, "Pin without a location", "หมุดไม่มีตำแหน่ง")
def geometry_missing(ctx: ValidationContext, emit):
    for i, issue in ctx.geom_issues.items():
        if issue in (GEOM_NONE, GEOM_EMPTY):
            emit(i, "หมุดไม่มีตำแหน่ง: ปักหมุดลงบนแผนที่ ณ ที่ตั้งจริงของจุดให้บริการ",
                 "The pin has no location: place it on the map where the service point really is.",
                 actual="NULL" if issue == GEOM_NONE else "EMPTY")
        elif issue == GEOM_TRANSFORM:
            emit(i, "แปลงพิกัดของหมุดเป็น WGS 84 ไม่ได้: ตรวจระบบพิกัด (CRS) ของชั้นข้อมูล",
                 "The pin's coordinates cannot be converted to WGS 84: check the layer's CRS.",
                 actual="CRS")


@rule("geometry.not_point", ERROR, "Geometry is not a point", "รูปทรงไม่ใช่จุด")
def geometry_not_point(ctx: ValidationContext, emit):
    for i, issue in ctx.geom_issues.items():
        if issue == GEOM_NOT_POINT:
            emit(i, "รูปทรงของหมุดไม่ใช่จุด: แทนที่ด้วยจุดเดียว ณ ที่ตั้งของจุดให้บริการ",
                 "The pin's geometry is not a point: replace it with one point at the service point.",
                 expected="Point")


@rule("geometry.multipart", ERROR, "Several points in one pin", "หมุดเดียวมีหลายจุด")
def geometry_multipart(ctx: ValidationContext, emit):
    for i, issue in ctx.geom_issues.items():
        if issue == GEOM_MULTIPART:
            emit(i, "หมุดนี้มีหลายจุด: เก็บไว้เพียงจุดเดียว ณ ที่ตั้งจริง (แยกจุดอื่นเป็นหมุดใหม่หรือลบทิ้ง)",
                 "This pin has several points: keep only the one at the service point "
                 "(make the others new pins, or delete them).",
                 expected="1 point", actual="MultiPoint")


# -- coordinates ---------------------------------------------------------------------------------

def _coords(ctx: ValidationContext, kind: str):
    for i in sorted(ctx.coord_problems):
        p = ctx.coord_problems[i]
        if p.kind == kind:
            yield i, p


@rule("coordinates.zero", ERROR, "Coordinates (0, 0)", "พิกัดเป็น (0, 0)")
def coordinates_zero(ctx: ValidationContext, emit):
    for i, _ in _coords(ctx, COORD_ZERO):
        emit(i, "พิกัดเป็น (0, 0) ซึ่งหมายถึงยังไม่ได้ใส่ตำแหน่ง: ปักหมุดใหม่ ณ ที่ตั้งจริง",
             "The coordinates are (0, 0), i.e. no location was entered: place the pin where the "
             "service point really is.", actual="0, 0")


@rule("coordinates.swapped", ERROR, "Latitude and longitude swapped", "สลับละติจูดกับลองจิจูด")
def coordinates_swapped(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_SWAPPED):
        x, y = ctx.xy(i)
        sx, sy, _ = p.suggestion
        emit(i, f"ละติจูดกับลองจิจูดสลับกัน: ใช้ละติจูด {sy:.6f} ลองจิจูด {sx:.6f} (สลับค่าให้ถูกต้อง)",
             f"Latitude and longitude are swapped: use latitude {sy:.6f}, longitude {sx:.6f} "
             "(swap them back).",
             expected=f"{sx:.6f}, {sy:.6f}", actual=f"{x:.6f}, {y:.6f}",
             fix=fix_move(sx, sy, "swap"))


@rule("coordinates.projected", ERROR, "Projected (UTM) numbers in a geographic layer",
      "ค่าพิกัด UTM อยู่ในชั้นข้อมูลแบบละติจูด/ลองจิจูด")
def coordinates_projected(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_PROJECTED):
        x, y = float(ctx.pins.x[i]), float(ctx.pins.y[i])
        if p.suggestion:
            sx, sy, why = p.suggestion
            zone = why[-2:]
            emit(i, f"ค่าพิกัดเป็นเมตรของ UTM โซน {zone}N ไม่ใช่องศา: แปลงเป็นละติจูด {sy:.6f} "
                    f"ลองจิจูด {sx:.6f}",
                 f"The coordinates are UTM zone {zone}N metres, not degrees: convert them to "
                 f"latitude {sy:.6f}, longitude {sx:.6f}.",
                 expected=f"{sx:.6f}, {sy:.6f}", actual=f"{x:.1f}, {y:.1f}",
                 fix=fix_move(sx, sy, why), point=(sx, sy))
        else:
            emit(i, "ค่าพิกัดไม่ใช่องศา (ใหญ่เกินไปสำหรับละติจูด/ลองจิจูด) และแปลงจาก UTM โซน 47N/48N "
                    "แล้วไม่ตกในประเทศไทย: ตรวจระบบพิกัดของข้อมูลต้นทางแล้วนำเข้าใหม่",
                 "The coordinates are not degrees (too large for latitude/longitude) and do not land "
                 "in Thailand as UTM 47N/48N either: check the source's CRS and import again.",
                 actual=f"{x:.1f}, {y:.1f}", point=None)


@rule("coordinates.outside_thailand", ERROR, "Outside Thailand", "อยู่นอกประเทศไทย")
def coordinates_outside(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_OUTSIDE):
        d = p.distance_m
        far_th = f" ห่างเขตจังหวัดที่ใกล้ที่สุด {km(d, 'th')}" if d is not None else ""
        far_en = f", {km(d)} from the nearest province" if d is not None else ""
        emit(i, f"หมุดอยู่นอกประเทศไทย (หรือในทะเล){far_th}: ย้ายหมุดไปยังที่ตั้งจริง",
             f"The pin lies outside Thailand (or at sea){far_en}: move it to the service point's "
             "real location.", distance_m=d)


# -- codes ---------------------------------------------------------------------------------------

@rule("codes.malformed", ERROR, "Malformed DOPA code", "รหัสกรมการปกครองผิดรูปแบบ")
def codes_malformed(ctx: ValidationContext, emit):
    bad = sorted((i, k) for k, (field, _) in enumerate(CODE_DIGITS) for i in ctx.malformed(field))
    for i, k in bad:
        field, digits = CODE_DIGITS[k]
        n = ctx.normalized(field)[i]
        emit(i, f"รหัส{LEVEL_TH[field]} '{n.raw}' ผิดรูปแบบ: ต้องเป็นตัวเลข {digits} หลักของกรมการปกครอง",
             f"The {LEVEL_EN[field]} code '{n.raw}' is malformed: it must be the {digits}-digit "
             "DOPA code.",
             expected=f"{digits} digits", actual=str(n.raw), fix=fix_from_location(ctx, i, field),
             field=field)


@rule("codes.unknown", ERROR, "Code unknown to DOPA", "ไม่มีรหัสนี้ในบัญชีกรมการปกครอง")
def codes_unknown(ctx: ValidationContext, emit):
    for field, digits in CODE_DIGITS:
        declared = ctx.declared(field)
        for i in ctx.unknown_pins(field):
            code = declared[i]
            emit(i, f"ไม่มีรหัส{LEVEL_TH[field]} {code} ในบัญชีรหัสของกรมการปกครอง: แก้เป็นรหัสที่ถูกต้อง",
                 f"The {LEVEL_EN[field]} code {code} does not exist in DOPA's code list: correct it.",
                 actual=code, fix=fix_from_location(ctx, i, field), field=field)


@rule("codes.abolished", ERROR, "Abolished or renumbered code", "รหัสถูกยกเลิกหรือเปลี่ยนแล้ว")
def codes_abolished(ctx: ValidationContext, emit):
    for field, digits in CODE_DIGITS:
        known = ctx.known(field)
        gone = {c for c in set(ctx._codes(field).known) if c and ctx.dopa.abolished(c)}
        messages: Dict[str, tuple] = {}  # per abolished code: the same words for every pin
        for i in ctx.pins_with_known(field, gone) if gone else []:
            code = known[i]
            repl = ctx.dopa.replacement(code)
            fix = ""
            if len(repl) == 1:
                fix = fix_replace_code(field, repl[0])
            elif repl:
                here = ctx.located_code(i)
                for r in repl:
                    if here and here[:digits] == r:
                        fix = fix_replace_code(field, r)
            if code not in messages:
                messages[code] = _abolished_messages(ctx, field, code, repl)
            th, en = messages[code]
            emit(i, th, en, expected=" ".join(repl), actual=code, fix=fix, field=field)


def _abolished_messages(ctx: ValidationContext, field: str, code: str, repl) -> tuple:
    a = ctx.dopa.abolished(code)
    names_th = ", ".join(unit_name(ctx, r, "th") for r in repl)
    names_en = "; ".join(unit_name(ctx, r, "en") for r in repl)
    maybe_th = "น่าจะ" if a.successors_basis == "name" else ""
    maybe_en = "probably " if a.successors_basis == "name" else ""
    if repl:
        th = (f"รหัส{LEVEL_TH[field]} {code} ({a.name_th}) ถูกยกเลิกเมื่อ {a.abolished_on}: "
              f"{maybe_th}แทนที่ด้วย {names_th} — เปลี่ยนเป็นรหัสใหม่")
        en = (f"The {LEVEL_EN[field]} code {code} ({a.name_en or a.name_th}) was abolished on "
              f"{a.abolished_on}, {maybe_en}replaced by {names_en}: use the new code.")
    else:
        th = (f"รหัส{LEVEL_TH[field]} {code} ({a.name_th}) ถูกยกเลิกเมื่อ {a.abolished_on}: "
              "เลือกรหัสปัจจุบันตามที่ตั้งของจุดให้บริการ")
        en = (f"The {LEVEL_EN[field]} code {code} ({a.name_en or a.name_th}) was abolished on "
              f"{a.abolished_on}: choose the current code for the service point's location.")
    return th, en


def _hierarchy_suspects(ctx: ValidationContext) -> List[int]:
    """Pins whose declared codes do not nest, decided once per distinct (tambon, amphoe, province)."""
    rows, row_inv = ctx._code_rows()
    cs = [ctx._codes(f) for f in ("tambon_code", "amphoe_code", "province_code")]
    bad = np.zeros(len(rows), dtype=bool)
    for g, r in enumerate(rows.tolist()):
        t, a, p = (c.norms[int(c.inv[r])].code for c in cs)
        bad[g] = bool((t and a and t[:4] != a) or (a and p and a[:2] != p)
                      or (t and p and not a and t[:2] != p))
    return np.nonzero(bad[row_inv])[0].tolist()


@rule("codes.hierarchy", ERROR, "Codes do not nest", "รหัสตำบล/อำเภอ/จังหวัดไม่สอดคล้องกัน")
def codes_hierarchy(ctx: ValidationContext, emit):
    p, a, t = (ctx.declared("province_code"), ctx.declared("amphoe_code"),
               ctx.declared("tambon_code"))
    for i in _hierarchy_suspects(ctx):
        if t[i] and a[i] and t[i][:4] != a[i]:
            child, parent, lt, le = t[i], a[i], "ตำบล", "tambon"
        elif a[i] and p[i] and a[i][:2] != p[i]:
            child, parent, lt, le = a[i], p[i], "อำเภอ", "amphoe"
        elif t[i] and p[i] and not a[i] and t[i][:2] != p[i]:
            child, parent, lt, le = t[i], p[i], "ตำบล", "tambon"
        else:
            continue
        fix = fix_set_codes(t[i]) if t[i] and ctx.dopa.is_current(t[i]) else ""
        emit(i, f"{lt} {unit_name(ctx, child, 'th')} ไม่ได้อยู่ใน {unit_name(ctx, parent, 'th')}: "
                "แก้รหัสให้ตำบล อำเภอ และจังหวัดสอดคล้องกัน",
             f"The {le} {unit_name(ctx, child, 'en')} is not in {unit_name(ctx, parent, 'en')}: "
             "make the tambon, amphoe and province codes agree.",
             expected=child[:len(parent)], actual=parent, fix=fix)


# -- location vs declared codes ------------------------------------------------------------------

def _verdicts(ctx: ValidationContext, kind: str):
    loc = ctx.location
    for i in sorted(loc):
        if loc[i].kind == kind:
            yield i, loc[i]


def _location_error(ctx: ValidationContext, emit, level: str):
    names: Dict[tuple, tuple] = {}  # the unit names of each (declared, located), once
    for i, v in _verdicts(ctx, level):
        d = v.distance_m
        got = names.get((v.declared, v.located))
        if got is None:
            here = ((unit_name(ctx, v.located, "th"), unit_name(ctx, v.located, "en"))
                    if v.located else ("นอกขอบเขตในชั้นข้อมูล", "outside the boundary layer"))
            got = names[(v.declared, v.located)] = (
                unit_name(ctx, v.declared, "th"), unit_name(ctx, v.declared, "en")) + here
        want_th, want_en, here_th, here_en = got
        fix = fix_from_location(ctx, i, "all") if v.located else ""
        emit(i, f"หมุดไม่ได้อยู่ใน{LEVEL_TH[level]}ที่ระบุ ({want_th}) ห่างออกไป {km(d, 'th')} "
                f"ตำแหน่งจริงอยู่ที่ {here_th}: ย้ายหมุดไปยังที่ตั้งจริง หรือแก้รหัสให้ตรงกับตำแหน่ง",
             f"The pin is not in its declared {LEVEL_EN[level]} ({want_en}): it is {km(d)} away, in "
             f"{here_en}. Move the pin to the service point, or correct the codes to match its "
             "location.",
             expected=v.declared, actual=v.located, distance_m=d, fix=fix)


@rule("location.not_in_province", ERROR, "Not in the declared province", "ไม่อยู่ในจังหวัดที่ระบุ")
def location_not_in_province(ctx: ValidationContext, emit):
    _location_error(ctx, emit, LOC_PROVINCE)


@rule("location.not_in_amphoe", ERROR, "Not in the declared amphoe", "ไม่อยู่ในอำเภอที่ระบุ")
def location_not_in_amphoe(ctx: ValidationContext, emit):
    _location_error(ctx, emit, LOC_AMPHOE)


@rule("location.not_in_tambon", ERROR, "Not in the declared tambon", "ไม่อยู่ในตำบลที่ระบุ")
def location_not_in_tambon(ctx: ValidationContext, emit):
    _location_error(ctx, emit, LOC_TAMBON)


@rule("location.near_boundary", WARNING, "Just outside the declared unit (within tolerance)",
      "อยู่นอกเขตที่ระบุเล็กน้อย (ภายในค่าคลาดเคลื่อน)")
def location_near_boundary(ctx: ValidationContext, emit):
    tol = ctx.settings.tolerance_m
    for i, v in _verdicts(ctx, LOC_NEAR):
        d = v.distance_m
        here_th = unit_name(ctx, v.located, "th") if v.located else "นอกขอบเขตในชั้นข้อมูล"
        here_en = unit_name(ctx, v.located, "en") if v.located else "outside the boundary layer"
        emit(i, f"หมุดอยู่นอก {unit_name(ctx, v.declared, 'th')} เพียง {km(d, 'th')} (ไม่เกินค่าคลาดเคลื่อน "
                f"{km(tol, 'th')}) ใน {here_th}: ตรวจว่าหมุดอยู่ถูกที่ ขอบเขตอาจคลาดเคลื่อน",
             f"The pin is only {km(d)} outside {unit_name(ctx, v.declared, 'en')} (within the "
             f"{km(tol)} tolerance), in {here_en}: check the pin is in the right place; the boundary "
             "itself may be off.",
             expected=v.declared, actual=v.located, distance_m=d,
             fix=fix_from_location(ctx, i, "all") if v.located else "")


@rule("location.unchecked", WARNING, "Could not check: boundary layer lacks a valid code",
      "ตรวจไม่ได้: ชั้นขอบเขตไม่มีรหัสที่ใช้ได้")
def location_unchecked(ctx: ValidationContext, emit):
    for i, v in _verdicts(ctx, LOC_UNCHECKED):
        if v.detail == "boundary_code":
            emit(i, f"ตรวจตำแหน่งไม่ได้: รูปขอบเขตที่หมุดตั้งอยู่ไม่มีรหัสตำบลที่ถูกต้อง ('{v.raw_located}') "
                    "ให้ปรับปรุงชั้นขอบเขต แล้วตรวจใหม่",
                 "Could not check the location: the boundary polygon the pin lies in has no valid "
                 f"tambon code ('{v.raw_located}'). Update the boundary layer and validate again.",
                 actual=v.raw_located)
        else:
            emit(i, f"ตรวจตำแหน่งไม่ได้: ชั้นขอบเขตไม่มี{LEVEL_TH[v.level]} {unit_name(ctx, v.declared, 'th')} "
                    f"(ชั้นขอบเขตอาจเก่ากว่าบัญชีรหัส) หมุดอยู่ใน {unit_name(ctx, v.located, 'th')}: "
                    "ใช้ชั้นขอบเขตที่ใหม่กว่า หรือตรวจรหัสด้วยตนเอง",
                 f"Could not check the location: the boundary layer has no {LEVEL_EN[v.level]} "
                 f"{unit_name(ctx, v.declared, 'en')} (the layer may be older than DOPA's list); the "
                 f"pin lies in {unit_name(ctx, v.located, 'en')}. Use a newer boundary layer or check "
                 "the code by hand.",
                 expected=v.declared, actual=v.located)


@rule("location.not_covered", WARNING, "Could not check: outside the boundary layer",
      "ตรวจไม่ได้: อยู่นอกพื้นที่ของชั้นขอบเขต")
def location_not_covered(ctx: ValidationContext, emit):
    for i, v in _verdicts(ctx, LOC_NOT_COVERED):
        emit(i, "ตรวจตำแหน่งไม่ได้: หมุดและจังหวัดที่ระบุอยู่นอกพื้นที่ของชั้นขอบเขตที่ใช้ตรวจ "
                "ให้ตรวจด้วยชั้นขอบเขตที่ครอบคลุมพื้นที่นี้",
             "Could not check the location: the pin and its declared province are outside the "
             "boundary layer used. Validate with a boundary layer that covers this area.",
             expected=v.declared)


# -- attributes ----------------------------------------------------------------------------------

@rule("attributes.required", ERROR, "Required field empty", "ไม่ได้กรอกช่องที่ต้องกรอก")
def attributes_required(ctx: ValidationContext, emit):
    empty = sorted((i, k) for k, f in enumerate(schema.REQUIRED_FIELDS)
                   for i in np.nonzero(blank_mask(ctx.pins.column(f)))[0].tolist())
    for i, k in empty:
        f = schema.REQUIRED_FIELDS[k]
        emit(i, f"ยังไม่ได้กรอก '{schema.field_label(f, 'th')}': กรอกให้ครบก่อนเผยแพร่",
                 f"'{schema.field_label(f, 'en')}' is empty: fill it in before publishing.",
                 expected=f, field=f)


def _point_type_lookup() -> Dict[str, str]:
    out = {}
    for p in schema.POINT_TYPES:
        for label in (p.key, p.label_th, p.label_en):
            out[re.sub(r"\s+", " ", label.strip().casefold())] = p.key
    return out


def _not_in(col, keys, n: int) -> List[int]:
    """Pins whose value is neither None nor in ``keys`` (decided once per distinct value)."""
    raw = getattr(col, "raw", None)
    if raw is None:
        return [i for i, v in enumerate(col) if v is not None and v not in keys]
    # equal text is equal UTF-8 bytes; a blank value (None in the text view) is not "not in"
    good = np.zeros(len(raw), dtype=bool)
    for k in keys:
        good |= raw == k.encode("utf-8")
    return np.nonzero(~good & ~col.blank())[0].tolist()


@rule("attributes.point_type", ERROR, "Point type not in the list", "ประเภทจุดให้บริการไม่อยู่ในรายการ")
def attributes_point_type(ctx: ValidationContext, emit):
    keys = set(schema.POINT_TYPE_KEYS)
    lookup = _point_type_lookup()
    listed = ", ".join(schema.POINT_TYPE_KEYS)
    col = ctx.pins.column("point_type")
    for i in _not_in(col, keys, ctx.n):
        v = col[i]
        key = lookup.get(re.sub(r"\s+", " ", v.strip().casefold()))
        fix = fix_set_field("point_type", key) if key else ""
        emit(i, f"ประเภทจุดให้บริการ '{v}' ไม่อยู่ในรายการ: เลือกจากรายการ" +
             (f" (น่าจะเป็น {key})" if key else ""),
             f"Point type '{v}' is not in the list: choose one of {listed}" +
             (f" (probably {key})." if key else "."),
             expected=key or listed, actual=v, fix=fix)


# -- duplicates ----------------------------------------------------------------------------------

@rule("duplicates.pin_id", ERROR, "Same pin_id twice", "รหัสหมุดซ้ำ")
def duplicates_pin_id(ctx: ValidationContext, emit):
    ids = ctx.pins.column("pin_id")
    suspects = _repeated(ids)
    if suspects is None:
        counts = Counter(v for v in ids if v is not None)
        if not counts or counts.most_common(1)[0][1] < 2:
            return
        suspects = range(len(ids))
    else:
        if not len(suspects):
            return
        counts = Counter(v for v in (ids[i] for i in suspects) if v is not None)
    first: Dict[str, int] = {}
    for i in suspects:
        v = ids[i]
        if v is None or counts[v] < 2:
            continue
        if v not in first:
            first[v] = i
            continue
        emit(i, f"รหัสหมุด {v} ซ้ำกับหมุดอื่น ({counts[v]} หมุด): ให้รหัสใหม่แก่หมุดนี้ "
                "หรือลบหากเป็นหมุดเดียวกัน",
             f"pin_id {v} is used by {counts[v]} pins: give this pin a new id, or delete it if it is "
             "the same service point.",
             actual=str(int(ctx.pins.feature_id[first[v]])),
             fix='{"action":"new_pin_id"}')


def _repeated(col) -> Optional[List[int]]:
    """Pins whose raw value occurs more than once (ascending), or None without raw bytes.

    Equal bytes decode to equal text; different bytes decode to different text unless they are
    invalid UTF-8 (both would become U+FFFD): then None, and the caller compares decoded text.
    """
    raw = getattr(col, "raw", None)
    if raw is None:
        return None
    size = raw.dtype.itemsize
    for k in range(0, len(raw) if size else 0, 65536):  # in slices: small temporaries
        part = raw[k:k + 65536]
        high = (part.view(np.uint8).reshape(len(part), size) >= 0x80).any(axis=1)
        for i in np.nonzero(high)[0].tolist():
            try:
                part[i].decode("utf-8")
            except UnicodeDecodeError:
                return None
    from .pins import row_hash

    # equal values have equal hashes: only pins whose hash repeats can repeat a value
    h = row_hash([raw])
    s = np.sort(h)
    again = s[1:][s[1:] == s[:-1]]
    if not len(again):
        return []
    maybe = np.nonzero(np.isin(h, again))[0]
    seen = Counter(raw[maybe].tolist())
    return [i for i, v in zip(maybe.tolist(), raw[maybe].tolist()) if seen[v] > 1]


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
#: Removed from names before comparing: every character str.isspace() knows (a test checks
#: this list against it) and some punctuation.
NAME_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
               "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_NAME_NOISE = NAME_SPACES + ".,-()/'\""


def _name_key_table() -> Dict[int, Optional[int]]:
    """Thai digits to ASCII; spaces and punctuation removed."""
    table: Dict[int, Optional[int]] = dict(_THAI_DIGITS)
    table.update((ord(c), None) for c in _NAME_NOISE)
    return table


_NAME_KEY = _name_key_table()


def _name_key(name: Optional[str]) -> str:
    """A name compared for near-duplicates: case-folded, Thai digits as ASCII, without spaces and
    punctuation (one str.translate: Thai digits and the removed characters do not case-fold)."""
    if not name:
        return ""
    return name.casefold().translate(_NAME_KEY)


def _near_identical(a: str, b: str) -> bool:
    """Equal after normalisation, or one edit apart in names of 6+ characters."""
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    # one edit (substitution, insertion or deletion)?
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _near_identical_pairs(keys: List[str], ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """:func:`_near_identical` of (keys[ia[k]], keys[ib[k]]) for every k, in numpy.

    Keys as fixed-width UCS-4 code points (zero padded); one substitution (same length: one
    position differs) or one insertion/deletion (the shorter key equals the longer one with one
    character removed: equal up to the first difference, then equal shifted by one).
    """
    n = len(ia)
    out = np.zeros(n, dtype=bool)
    if not n:
        return out
    lens = np.asarray([len(k) for k in keys], dtype=np.int64)
    width = max(1, int(lens.max()) + 1)
    table = np.asarray(keys, dtype=f"<U{width}").view(np.uint32).reshape(len(keys), width)
    la, lb = lens[ia], lens[ib]
    short = np.where(la <= lb, ia, ib)
    long_ = np.where(la <= lb, ib, ia)
    ls, ll = lens[short], lens[long_]
    both = (ls > 0)
    equal = both & (ls == ll) & (table[short] == table[long_]).all(axis=1)
    out |= equal
    maybe = np.nonzero(both & ~equal & (ls >= 6) & (ll - ls <= 1))[0]
    if not len(maybe):
        return out
    A, B = table[short[maybe]], table[long_[maybe]]
    s_len, same_len = ls[maybe], (ls[maybe] == ll[maybe])
    cols = np.arange(width)[None, :]
    mismatch = (A != B) & (cols < s_len[:, None])
    first = np.where(mismatch.any(axis=1), mismatch.argmax(axis=1), s_len)
    # same length: nothing differs after the first difference
    after = (cols > first[:, None])
    sub_ok = ~((A != B) & after).any(axis=1)
    # one longer: A[first:] == B[first + 1:] (padding zeros compare equal beyond the ends)
    shifted = np.zeros_like(B)
    shifted[:, :-1] = B[:, 1:]
    tail = cols >= first[:, None]
    ins_ok = ~((A != shifted) & tail).any(axis=1)
    out[maybe] = np.where(same_len, sub_ok, ins_ok)
    return out


@rule("duplicates.same_coordinates", WARNING, "Different pins at the same coordinates",
      "หมุดต่างกันแต่พิกัดเดียวกัน")
def duplicates_same_coordinates(ctx: ValidationContext, emit):
    x, y = ctx.pins.x, ctx.pins.y
    first_of: Dict[int, int] = {}
    if ctx.settings.duplicate_distance_m >= 0.05:
        # equal to 1 cm means within 1.5 cm: among the near pairs the duplicates rule finds
        ii, jj = ctx.near_pairs
        same = ((np.round(x[ii], 7) == np.round(x[jj], 7))
                & (np.round(y[ii], 7) == np.round(y[jj], 7)))
        for a, b in zip(ii[same].tolist(), jj[same].tolist()):  # a < b: b's group starts lower
            first_of[b] = min(a, first_of.get(b, a))
    else:
        ok = np.nonzero(ctx.geometry_ok & np.isfinite(x) & np.isfinite(y))[0]
        rx, ry = np.round(x[ok], 7), np.round(y[ok], 7)  # ~1 cm
        order = np.lexsort((ok, ry, rx))
        same = (rx[order][1:] == rx[order][:-1]) & (ry[order][1:] == ry[order][:-1])
        for k in np.nonzero(same)[0].tolist():
            a, b = int(ok[order[k]]), int(ok[order[k + 1]])
            first_of[b] = first_of.get(a, a)
    if not first_of:
        return
    names = ctx.pins.column("name_th")
    ids = ctx.pins.column("pin_id")
    for b in sorted(first_of):
        a = first_of[b]
        emit(b, f"หมุดนี้มีพิกัดเดียวกับหมุด {ids[a] or ''} ({names[a] or ''}): ตรวจว่าตำแหน่งถูกต้อง "
                "(อาจคัดลอกพิกัดมา) หรือเป็นจุดเดียวกัน",
             f"This pin has exactly the same coordinates as pin {ids[a] or ''} ({names[a] or ''}): "
             "check its location (copied coordinates?) or whether it is the same service point.",
             actual=ids[a] or "", distance_m=0.0)


@rule("duplicates.near_same_name", WARNING, "Close pins with near-identical names",
      "หมุดใกล้กันและชื่อเกือบเหมือนกัน")
def duplicates_near_same_name(ctx: ValidationContext, emit):
    x, y = ctx.pins.x, ctx.pins.y
    ii, jj = ctx.near_pairs
    if not len(ii):
        return
    names = ctx.pins.column("name_th")
    ids = ctx.pins.column("pin_id")
    reported = set()
    from .boundaries import haversine_m

    # identical coordinates: duplicates.same_coordinates says it
    moved = (x[ii] != x[jj]) | (y[ii] != y[jj])
    ii, jj = ii[moved], jj[moved]
    if not len(ii):
        return
    # the pairs compared a slice at a time, with the name keys of that slice's pins only (at
    # most 65,536 keys at once, however many pairs there are)
    raw = getattr(names, "raw", None)
    similar = np.zeros(len(ii), dtype=bool)
    for k in range(0, len(ii), 32768):
        pi, pj = ii[k:k + 32768], jj[k:k + 32768]
        sub = np.unique(np.concatenate([pi, pj]))
        texts = ([_text_or_none(v) for v in raw[sub].tolist()] if raw is not None
                 else [names[w] for w in sub.tolist()])
        similar[k:k + len(pi)] = _near_identical_pairs(
            [_name_key(t) for t in texts], np.searchsorted(sub, pi), np.searchsorted(sub, pj))
    for a, b in zip(ii[similar].tolist(), jj[similar].tolist()):
        if b in reported:
            continue
        reported.add(b)
        d = float(haversine_m(x[a], y[a], x[b], y[b]))
        emit(b, f"หมุดนี้อยู่ห่างหมุด {ids[a] or ''} เพียง {km(d, 'th')} และชื่อเกือบเหมือนกัน "
                f"('{names[b]}' / '{names[a]}'): ถ้าเป็นจุดเดียวกันให้ลบหมุดที่ซ้ำ",
             f"This pin is only {km(d)} from pin {ids[a] or ''} and their names are near-identical "
             f"('{names[b]}' / '{names[a]}'): if they are the same service point, delete the "
             "duplicate.",
             actual=ids[a] or "", distance_m=d)


# -- running -------------------------------------------------------------------------------------

def run_rule(r: Rule, ctx: ValidationContext) -> List[Finding]:
    out: List[Finding] = []
    ids = ctx.pins.column("pin_id")
    fids = ctx.pins.feature_id

    def emit(i, message_th, message_en, expected="", actual="", distance_m=None, fix="",
             point="pin", field=None, record="", pin_id=""):
        if i is None:  # a service, step or document whose pin is missing (core/rules_services)
            out.append(Finding(r.rule_id, r.severity, -1, -1, pin_id, message_th, message_en,
                               expected or "", actual or "", None, fix or "", None, None, record))
            return
        if point == "pin":
            x, y = ctx.xy(i)
            if ctx.pins.geom_issue[i] is not None and ctx.pins.geom_issue[i] != "multipart":
                x = y = None
        elif point is None:
            x = y = None
        else:
            x, y = point
        out.append(Finding(r.rule_id, r.severity, i, int(fids[i]), ids[i] or "", message_th,
                           message_en, expected or "", actual or "",
                           None if distance_m is None else round(float(distance_m), 1),
                           fix or "", x, y, record))

    r.check(ctx, emit)
    return out


# The rules of services, steps and documents register themselves here (after the pins' rules).
from . import rules_services  # noqa: E402,F401
