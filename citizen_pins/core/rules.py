"""The validation rules: each small and named, all registered here, in the order they run.

A rule is a function ``check(ctx, emit)`` decorated with :func:`rule`, which also holds its
messages: Thai and English templates with named slots (``{distance}``), one pair per variant.  The
rule reads the prepared inputs of :class:`~citizen_pins.core.context.ValidationContext` and calls
``emit(i, say(rule_id, variant, **slots), ...)`` once per finding for pin ``i``.  Adding a rule is
writing one decorated function in this file; nothing else needs to change (the algorithm, the
counts, the message tests and the documentation table read :data:`RULES`).

Every message says what is wrong and what to do, in Thai and English.  :func:`say` refuses an
empty slot, so no message reads "it is  away"; a value that may be missing picks another variant.
"""
from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from . import codefix, duplicates, schema
from .context import (COORD_OUTSIDE, COORD_PROJECTED, COORD_SLIP, COORD_SWAPPED, COORD_ZERO,
                      LOC_AMPHOE, LOC_NEAR, LOC_NOT_COVERED, LOC_PROVINCE, LOC_TAMBON,
                      LOC_UNCHECKED, CODE_DIGITS, ValidationContext)
from .dopa import is_bangkok, level_word
from .evidence import CONTRADICTS, SUPPORTS
from .findings import (ERROR, HIGH, MEDIUM, WARNING, Finding, Message, fix_merge, fix_move,
                       fix_set_field)
from .normalize import clean_text, text_message, text_problem
from .pins import (GEOM_EMPTY, GEOM_MULTIPART, GEOM_NONE, GEOM_NOT_POINT, GEOM_TRANSFORM,
                   SLICE_ROWS, _text_or_none, blank_mask)
from .thai_dates import english_date, thai_date_long

#: A template pair: (Thai, English), with ``{slot}`` placeholders.
Template = Tuple[str, str]


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: str
    title_en: str
    title_th: str
    check: Callable
    #: variant -> (Thai, English) templates ("" is the plain one)
    messages: Dict[str, Template] = field(default_factory=dict)


#: Every rule, in the order it runs (and in which findings of one pin are listed).
RULES: List[Rule] = []
#: rule_id -> its message templates (also in Rule.messages)
MESSAGES: Dict[str, Dict[str, Template]] = {}


def rule(rule_id: str, severity: str, title_en: str, title_th: str,
         messages: Optional[Dict[str, Template]] = None):
    """Register a rule and its messages (the one place where rules are listed)."""
    def register(fn):
        if any(r.rule_id == rule_id for r in RULES):
            raise ValueError(f"rule {rule_id} registered twice")
        RULES.append(Rule(rule_id, severity, title_en, title_th, fn, dict(messages or {})))
        MESSAGES[rule_id] = dict(messages or {})
        return fn
    return register


def rule_by_id(rule_id: str) -> Rule:
    for r in RULES:
        if r.rule_id == rule_id:
            return r
    raise KeyError(rule_id)


class MessageError(ValueError):
    """A message asked for with a slot missing or blank (a rule's bug: it must pick a variant
    that does not need the value)."""


_SLOTS: Dict[str, Tuple[str, ...]] = {}
_PLANS: Dict[Tuple[str, str], tuple] = {}


def slots_of(template: str) -> Tuple[str, ...]:
    got = _SLOTS.get(template)
    if got is None:
        got = _SLOTS[template] = tuple(dict.fromkeys(
            name for _, name, _, _ in string.Formatter().parse(template) if name))
    return got


def _positional(template: str, names_: Tuple[str, ...]) -> str:
    """``template`` with each ``{name}`` numbered by its place in ``names_`` (``{2}``), so that a
    message is written out by ``str.format(*values)``, without a mapping per message."""
    out = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{" + str(names_.index(name)) + ("!" + conversion if conversion else "")
                       + (":" + spec if spec else "") + "}")
    return "".join(out)


def say(rule_id: str, variant: str = "", **slots) -> Message:
    """The (Thai, English) message of a rule's variant, written out when it is read.  A slot's
    value is one text for both languages or a (Thai, English) pair; every slot a template names
    must be given and not blank (checked here, so a rule fails where it says the wrong thing)."""
    plan = _PLANS.get((rule_id, variant))
    if plan is None:
        th, en = MESSAGES[rule_id][variant]
        in_th, in_en = slots_of(th), slots_of(en)
        names_ = tuple(dict.fromkeys(in_th + in_en))
        # per slot, the languages whose template names it (a pair's other half is not checked)
        plan = _PLANS[(rule_id, variant)] = (
            (_positional(th, names_), _positional(en, names_)), names_,
            tuple(tuple(k for k, used in enumerate((in_th, in_en)) if n in used) for n in names_))
    templates, names_, langs = plan
    values = tuple(map(slots.get, names_))
    for name, v, ks in zip(names_, values, langs):
        if type(v) is str:
            if v.strip():
                continue
        elif type(v) is tuple:
            if all(v[k] is not None and str(v[k]).strip() for k in ks):
                continue
        elif v is not None and str(v).strip():
            continue
        raise MessageError(f"{rule_id}/{variant or '-'}: {{{name}}} is "
                           + ("missing" if name not in slots else "blank"))
    return Message(templates, values)


# -- wording helpers -----------------------------------------------------------------------------

def km(d: Optional[float], lang: str = "en") -> str:
    if d is None:
        raise MessageError("a distance was asked for without one")
    if round(d) < 1000:
        return f"{d:.0f} m" if lang == "en" else f"{d:.0f} เมตร"
    return f"{d / 1000:.1f} km" if lang == "en" else f"{d / 1000:.1f} กม."


def dist(d: float) -> Tuple[str, str]:
    return km(d, "th"), km(d, "en")


def unit_name(ctx: ValidationContext, code: str, lang: str) -> str:
    """``ต.ท่าประดู่ อ.เมืองระยอง จ.ระยอง (210101)`` (Bangkok: ``แขวง… เขต… กรุงเทพมหานคร``);
    the bare code when DOPA does not know it."""
    memo = ctx._cache.setdefault("unit_name", {})
    key = (code, lang)
    out = memo.get(key)
    if out is None:
        name = ctx.dopa.full_name(code, lang) if code else ""
        out = memo[key] = f"{name} ({code})" if name else code
    return out


def names(ctx: ValidationContext, code: str) -> Tuple[str, str]:
    """:func:`unit_name` in Thai and English."""
    memo = ctx._cache.setdefault("unit_names", {})
    got = memo.get(code)
    if got is None:
        got = memo[code] = (unit_name(ctx, code, "th"), unit_name(ctx, code, "en"))
    return got


_DIGITS_OF = {"province_code": 2, "amphoe_code": 4, "tambon_code": 6, LOC_PROVINCE: 2,
              LOC_AMPHOE: 4, LOC_TAMBON: 6, 2: 2, 4: 4, 6: 6}
_LEVELS: Dict[Tuple[int, bool], Tuple[str, str]] = {}


def level(code_or_field, code: Optional[str] = None) -> Tuple[str, str]:
    """The level word (Thai, English) of a code field, a level or a code's length, in
    Bangkok's own words when ``code`` is in Bangkok (เขต/แขวง, khet/khwaeng)."""
    key = (_DIGITS_OF[code_or_field], is_bangkok(code))
    got = _LEVELS.get(key)
    if got is None:
        got = _LEVELS[key] = (level_word(key[0], code, "th"), level_word(key[0], code, "en"))
    return got


# -- geometry ------------------------------------------------------------------------------------

@rule("geometry.missing", ERROR, "Pin without a location", "หมุดไม่มีตำแหน่ง", messages={
    "": ("หมุดไม่มีตำแหน่ง: ปักหมุดลงบนแผนที่ ณ ที่ตั้งจริงของจุดให้บริการ",
         "The pin has no location: place it on the map where the service point really is."),
    "transform": ("แปลงพิกัดของหมุดเป็น WGS 84 ไม่ได้: ตรวจระบบพิกัด (CRS) ของชั้นข้อมูล",
                  "The pin's coordinates cannot be converted to WGS 84: check the layer's CRS."),
})
def geometry_missing(ctx: ValidationContext, emit):
    for i, issue in ctx.geom_issues.items():
        if issue in (GEOM_NONE, GEOM_EMPTY):
            emit(i, say("geometry.missing"), actual="NULL" if issue == GEOM_NONE else "EMPTY")
        elif issue == GEOM_TRANSFORM:
            emit(i, say("geometry.missing", "transform"), actual="CRS")


@rule("geometry.not_point", ERROR, "Geometry is not a point", "รูปทรงไม่ใช่จุด", messages={
    "": ("รูปทรงของหมุดไม่ใช่จุด: แทนที่ด้วยจุดเดียว ณ ที่ตั้งของจุดให้บริการ",
         "The pin's geometry is not a point: replace it with one point at the service point."),
})
def geometry_not_point(ctx: ValidationContext, emit):
    for i, issue in ctx.geom_issues.items():
        if issue == GEOM_NOT_POINT:
            emit(i, say("geometry.not_point"), expected="Point")


@rule("geometry.multipart", ERROR, "Several points in one pin", "หมุดเดียวมีหลายจุด", messages={
    "": ("หมุดนี้มีหลายจุด: เก็บไว้เพียงจุดเดียว ณ ที่ตั้งจริง (แยกจุดอื่นเป็นหมุดใหม่หรือลบทิ้ง)",
         "This pin has several points: keep only the one at the service point "
         "(make the others new pins, or delete them)."),
})
def geometry_multipart(ctx: ValidationContext, emit):
    for i, issue in ctx.geom_issues.items():
        if issue == GEOM_MULTIPART:
            emit(i, say("geometry.multipart"), expected="1 point", actual="MultiPoint")


# -- coordinates ---------------------------------------------------------------------------------

def _coords(ctx: ValidationContext, kind: str):
    for i in sorted(ctx.coord_problems):
        p = ctx.coord_problems[i]
        if p.kind == kind:
            yield i, p


def _declared_unit(ctx: ValidationContext, i: int) -> str:
    """The finest declared code DOPA knows ("" if none)."""
    for field_name in ("tambon_code", "amphoe_code", "province_code"):
        c = ctx.known(field_name)[i]
        if c:
            return c
    return ""


def _move(ctx: ValidationContext, i: int, p) -> str:
    """The move fix of a proposed point: HIGH when it lands in the pin's declared units, MEDIUM
    when there is nothing to compare it with; none when it lands elsewhere (moving it there would
    trade this error for a location error)."""
    if p.suggestion is None or p.fits is False:
        return ""
    sx, sy, why = p.suggestion
    return fix_move(sx, sy, why, HIGH if p.fits else MEDIUM)


def _landed(ctx: ValidationContext, i: int, p) -> Dict[str, object]:
    """Slots saying where a proposed point lands instead of the declared unit."""
    return {"declared": names(ctx, _declared_unit(ctx, i)) if _declared_unit(ctx, i) else "",
            "here": names(ctx, p.lands_in) if p.lands_in else ""}


@rule("coordinates.zero", ERROR, "Coordinates (0, 0)", "พิกัดเป็น (0, 0)", messages={
    "": ("พิกัดเป็น (0, 0) ซึ่งหมายถึงยังไม่ได้ใส่ตำแหน่ง: ปักหมุดใหม่ ณ ที่ตั้งจริง",
         "The coordinates are (0, 0), i.e. no location was entered: place the pin where the "
         "service point really is."),
})
def coordinates_zero(ctx: ValidationContext, emit):
    for i, _ in _coords(ctx, COORD_ZERO):
        emit(i, say("coordinates.zero"), actual="0, 0")


@rule("coordinates.swapped", ERROR, "Latitude and longitude swapped", "สลับละติจูดกับลองจิจูด",
      messages={
    "": ("ละติจูดกับลองจิจูดสลับกัน: ใช้ละติจูด {lat} ลองจิจูด {lon} (สลับค่าให้ถูกต้อง)",
         "Latitude and longitude are swapped: use latitude {lat}, longitude {lon} "
         "(swap them back)."),
    "elsewhere": ("ละติจูดกับลองจิจูดน่าจะสลับกัน แต่เมื่อสลับแล้ว (ละติจูด {lat} ลองจิจูด {lon}) "
                  "หมุดจะอยู่ที่ {here} ไม่ใช่ {declared} ตามรหัสที่ระบุ: ตรวจพิกัดกับข้อมูลต้นทาง",
                  "Latitude and longitude look swapped, but swapped back (latitude {lat}, "
                  "longitude {lon}) the pin would lie in {here}, not in {declared} as its codes "
                  "say: check the coordinates against the source."),
    "elsewhere_outside": ("ละติจูดกับลองจิจูดน่าจะสลับกัน แต่เมื่อสลับแล้ว (ละติจูด {lat} ลองจิจูด "
                          "{lon}) หมุดจะอยู่นอกพื้นที่ของชั้นขอบเขต ไม่ใช่ใน {declared} ตามรหัสที่ระบุ: "
                          "ตรวจพิกัดกับข้อมูลต้นทาง",
                          "Latitude and longitude look swapped, but swapped back (latitude {lat}, "
                          "longitude {lon}) the pin would lie outside the boundary layer's area, "
                          "not in {declared} as its codes say: check the coordinates against the "
                          "source."),
})
def coordinates_swapped(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_SWAPPED):
        x, y = ctx.xy(i)
        sx, sy, _ = p.suggestion
        where = _landed(ctx, i, p)
        variant = "" if p.fits is not False else ("elsewhere" if p.lands_in else
                                                  "elsewhere_outside")
        emit(i, say("coordinates.swapped", variant, lat=f"{sy:.6f}", lon=f"{sx:.6f}", **where),
             expected=f"{sx:.6f}, {sy:.6f}", actual=f"{x:.6f}, {y:.6f}", fix=_move(ctx, i, p))


@rule("coordinates.projected", ERROR, "Projected (UTM) numbers in a geographic layer",
      "ค่าพิกัด UTM อยู่ในชั้นข้อมูลแบบละติจูด/ลองจิจูด", messages={
    "": ("ค่าพิกัดไม่ใช่องศา (ใหญ่เกินไปสำหรับละติจูด/ลองจิจูด) และแปลงจาก UTM โซน 47N/48N "
         "แล้วไม่ตกในประเทศไทย: ตรวจระบบพิกัดของข้อมูลต้นทางแล้วนำเข้าใหม่",
         "The coordinates are not degrees (too large for latitude/longitude) and do not land "
         "in Thailand as UTM 47N/48N either: check the source's CRS and import again."),
    "utm": ("ค่าพิกัดเป็นเมตรของ UTM โซน {zone}N ไม่ใช่องศา: แปลงเป็นละติจูด {lat} ลองจิจูด {lon}",
            "The coordinates are UTM zone {zone}N metres, not degrees: convert them to "
            "latitude {lat}, longitude {lon}."),
    "utm_elsewhere": ("ค่าพิกัดเป็นเมตรของ UTM โซน {zone}N ไม่ใช่องศา แต่เมื่อแปลงแล้ว (ละติจูด {lat} "
                      "ลองจิจูด {lon}) หมุดจะอยู่ที่ {here} ไม่ใช่ {declared} ตามรหัสที่ระบุ: "
                      "ตรวจระบบพิกัดของข้อมูลต้นทาง",
                      "The coordinates are UTM zone {zone}N metres, not degrees, but converted "
                      "(latitude {lat}, longitude {lon}) the pin would lie in {here}, not in "
                      "{declared} as its codes say: check the source's CRS."),
    "utm_elsewhere_outside": ("ค่าพิกัดเป็นเมตรของ UTM โซน {zone}N ไม่ใช่องศา แต่เมื่อแปลงแล้ว "
                              "(ละติจูด {lat} ลองจิจูด {lon}) หมุดจะอยู่นอกพื้นที่ของชั้นขอบเขต "
                              "ไม่ใช่ใน {declared} ตามรหัสที่ระบุ: ตรวจระบบพิกัดของข้อมูลต้นทาง",
                              "The coordinates are UTM zone {zone}N metres, not degrees, but "
                              "converted (latitude {lat}, longitude {lon}) the pin would lie "
                              "outside the boundary layer's area, not in {declared} as its codes "
                              "say: check the source's CRS."),
})
def coordinates_projected(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_PROJECTED):
        x, y = float(ctx.pins.x[i]), float(ctx.pins.y[i])
        if p.suggestion:
            sx, sy, why = p.suggestion
            variant = "utm" if p.fits is not False else (
                "utm_elsewhere" if p.lands_in else "utm_elsewhere_outside")
            emit(i, say("coordinates.projected", variant, zone=why[-2:], lat=f"{sy:.6f}",
                         lon=f"{sx:.6f}", **_landed(ctx, i, p)),
                 expected=f"{sx:.6f}, {sy:.6f}", actual=f"{x:.1f}, {y:.1f}",
                 fix=_move(ctx, i, p), point=(sx, sy))
        else:
            emit(i, say("coordinates.projected"), actual=f"{x:.1f}, {y:.1f}", point=None)


def _axis(ctx: ValidationContext, i: int, p) -> Tuple[Tuple[str, str], str, str]:
    """(axis words, the impossible value, its reading) of a typing slip."""
    x, y = float(ctx.pins.x[i]), float(ctx.pins.y[i])
    rx, ry = (p.suggestion[:2] if p.suggestion else p.readings[0])
    if rx != x:
        return ("ลองจิจูด", "longitude"), _number(x), _number(rx)
    return ("ละติจูด", "latitude"), _number(y), _number(ry)


def _number(v: float) -> str:
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


@rule("coordinates.typing_slip", ERROR, "Typing slip in the coordinates", "พิมพ์พิกัดผิด",
      messages={
    "same": ("ละติจูดกับลองจิจูดเป็นค่าเดียวกัน ({value}): ค่าหนึ่งถูกคัดลอกไปใส่อีกช่อง "
             "ใส่ละติจูดและลองจิจูดที่ถูกต้องจากข้อมูลต้นทาง",
             "Latitude and longitude are the same number ({value}): one was copied into the "
             "other's column. Enter the real latitude and longitude from the source."),
    "fix": ("{axis} {value} เป็นไปไม่ได้ น่าจะพิมพ์ผิด: {axis} {reading} ทำให้หมุดอยู่ที่ {here} "
            "ตรงกับรหัสที่ระบุ ใช้ค่านี้",
            "The {axis} {value} is impossible, a typing slip: {axis} {reading} puts the pin in "
            "{here}, as its codes say; use it."),
    "unchecked": ("{axis} {value} เป็นไปไม่ได้ น่าจะพิมพ์ผิดจาก {reading}: ตรวจกับข้อมูลต้นทาง",
                  "The {axis} {value} is impossible, probably a typing slip for {reading}: check "
                  "it against the source."),
    "readings": ("{axis} {value} เป็นไปไม่ได้ น่าจะพิมพ์ผิด (อาจเป็น {readings}): "
                 "แก้จากข้อมูลต้นทาง",
                 "The {axis} {value} is impossible, probably a typing slip (perhaps {readings}): "
                 "correct it from the source."),
})
def coordinates_typing_slip(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_SLIP):
        x, y = float(ctx.pins.x[i]), float(ctx.pins.y[i])
        actual = f"{x:.6f}, {y:.6f}"
        if p.detail == "same":
            emit(i, say("coordinates.typing_slip", "same", value=_number(x)), actual=actual)
            continue
        axis, value, reading = _axis(ctx, i, p)
        if p.suggestion is not None and p.fits is not False:  # one reading: in place, or unchecked
            sx, sy, _ = p.suggestion
            here = names(ctx, p.lands_in) if p.fits else ""
            emit(i, say("coordinates.typing_slip", "fix" if p.fits else "unchecked", axis=axis,
                         value=value, reading=reading, here=here),
                 expected=f"{sx:.6f}, {sy:.6f}", actual=actual, fix=_move(ctx, i, p))
        else:
            k = 0 if axis[1] == "latitude" else 1
            other = ", ".join(_number(r[1 - k]) for r in p.readings)
            emit(i, say("coordinates.typing_slip", "readings", axis=axis, value=value,
                         readings=other), actual=actual)


@rule("coordinates.outside_thailand", ERROR, "Outside Thailand", "อยู่นอกประเทศไทย", messages={
    "": ("หมุดอยู่นอกประเทศไทย (หรือในทะเล): ย้ายหมุดไปยังที่ตั้งจริง",
         "The pin lies outside Thailand (or at sea): move it to the service point's real "
         "location."),
    "far": ("หมุดอยู่นอกประเทศไทย (หรือในทะเล) ห่างเขตจังหวัดที่ใกล้ที่สุด {distance}: "
            "ย้ายหมุดไปยังที่ตั้งจริง",
            "The pin lies outside Thailand (or at sea), {distance} from the nearest province: "
            "move it to the service point's real location."),
})
def coordinates_outside(ctx: ValidationContext, emit):
    for i, p in _coords(ctx, COORD_OUTSIDE):
        d = p.distance_m
        if d is None:
            emit(i, say("coordinates.outside_thailand"))
        else:
            emit(i, say("coordinates.outside_thailand", "far", distance=dist(d)), distance_m=d)


# -- codes ---------------------------------------------------------------------------------------

def _why_not_located(ctx: ValidationContext, i: int) -> Tuple[str, str]:
    """Why the pin's location cannot give its codes (a known location that is not trusted)."""
    if i in ctx.shares_point:
        return ("หมุดมีพิกัดเดียวกับหมุดอื่น (อาจคัดลอกพิกัดมา)",
                "its point is shared with another pin (copied coordinates?)")
    return ("ชื่อของจุดให้บริการระบุพื้นที่อื่น", "its name names another unit")


@rule("codes.malformed", ERROR, "Malformed DOPA code", "รหัสกรมการปกครองผิดรูปแบบ", messages={
    "": ("รหัส{level} '{raw}' ผิดรูปแบบ: ต้องเป็นตัวเลข {digits} หลักของกรมการปกครอง",
         "The {level} code '{raw}' is malformed: it must be the {digits}-digit DOPA code."),
    "fix": ("รหัส{level} '{raw}' ผิดรูปแบบ: ต้องเป็นตัวเลข {digits} หลักของกรมการปกครอง "
            "หมุดอยู่ที่ {here} ซึ่งตรงกับรหัสอื่นที่ระบุ: ใช้รหัสของที่นั่น",
            "The {level} code '{raw}' is malformed: it must be the {digits}-digit DOPA code. "
            "The pin lies in {here}, which its other codes agree with: use its codes."),
})
def codes_malformed(ctx: ValidationContext, emit):
    bad = sorted((i, k) for k, (field_name, _) in enumerate(CODE_DIGITS)
                 for i in ctx.malformed(field_name))
    memo: Dict[tuple, Tuple[str, str]] = {}
    for i, k in bad:
        field_name, digits = CODE_DIGITS[k]
        n = ctx.normalized(field_name)[i]
        fix = codefix.from_location(ctx, i, field_name)
        lv = level(field_name, _declared_unit(ctx, i))
        key = (field_name, str(n.raw), lv, fix)
        th_en = memo.get(key)
        if th_en is None:
            if fix is None:
                th_en = say("codes.malformed", level=lv, raw=str(n.raw), digits=str(digits))
            else:
                th_en = say("codes.malformed", "fix", level=lv, raw=str(n.raw),
                            digits=str(digits), here=names(ctx, fix.code))
            memo[key] = th_en
        emit(i, th_en, expected=f"{digits} digits", actual=str(n.raw),
             fix=fix.json if fix else "", field=field_name)


@rule("codes.unknown", ERROR, "Code unknown to DOPA", "ไม่มีรหัสนี้ในบัญชีกรมการปกครอง", messages={
    "": ("ไม่มีรหัส{level} {code} ในบัญชีรหัสของกรมการปกครอง: แก้เป็นรหัสที่ถูกต้อง",
         "The {level} code {code} does not exist in DOPA's code list: correct it."),
    "fix": ("ไม่มีรหัส{level} {code} ในบัญชีรหัสของกรมการปกครอง หมุดอยู่ที่ {here} "
            "ซึ่งตรงกับรหัสอื่นที่ระบุ: ใช้รหัสของที่นั่น",
            "The {level} code {code} does not exist in DOPA's code list. The pin lies in {here}, "
            "which its other codes agree with: use its codes."),
})
def codes_unknown(ctx: ValidationContext, emit):
    for field_name, digits in CODE_DIGITS:
        declared = ctx.declared(field_name)
        for i in ctx.unknown_pins(field_name):
            code = declared[i]
            fix = codefix.from_location(ctx, i, field_name)
            lv = level(field_name, code)
            if fix is None:
                th_en = say("codes.unknown", level=lv, code=code)
            else:
                th_en = say("codes.unknown", "fix", level=lv, code=code, here=names(ctx, fix.code))
            emit(i, th_en, actual=code, fix=fix.json if fix else "", field=field_name)


@rule("codes.missing", WARNING, "No tambon code", "ไม่มีรหัสตำบล", messages={
    "": ("ยังไม่ได้ใส่รหัส{level}: ใส่รหัสของพื้นที่ที่จุดให้บริการตั้งอยู่ "
         "เพื่อให้นับความครบถ้วนรายตำบลได้",
         "The {level} code is empty: enter the code of the unit the service point is in, so "
         "that it counts for its tambon (completeness)."),
    "fix": ("ยังไม่ได้ใส่รหัส{level}: หมุดอยู่ที่ {here} ใช้รหัสของที่นั่น "
            "เพื่อให้นับความครบถ้วนรายตำบลได้",
            "The {level} code is empty: the pin lies in {here}; set the codes from the location "
            "so that it counts for its tambon (completeness)."),
    "untrusted": ("ยังไม่ได้ใส่รหัส{level}: หมุดอยู่ที่ {here} แต่{why} จึงไม่เสนอรหัสของที่นั่น: "
                  "ตรวจตำแหน่งแล้วใส่รหัส",
                  "The {level} code is empty: the pin lies in {here}, but {why}, so its codes are "
                  "not proposed: check the location, then enter the codes."),
})
def codes_missing(ctx: ValidationContext, emit):
    """A pin whose tambon code is empty is invisible to completeness per tambon (it counts by
    declared code) and its location cannot be checked below the codes it has: a warning (the
    schema does not require codes, and nothing it says is wrong), with the codes from where it
    lies when that can be trusted and agrees with the codes it has."""
    empty = np.asarray(ctx.empty_pins("tambon_code"), dtype=np.int64)
    if not len(empty):
        return
    usable = ctx.point_usable
    for i in empty[usable[empty]].tolist():
        lv = level(6, _declared_unit(ctx, i))
        fix = codefix.from_location(ctx, i, "tambon_code")
        here = codefix.current_location(ctx, i)
        if fix is not None:
            th_en = say("codes.missing", "fix", level=lv, here=names(ctx, fix.code))
        elif here and codefix.location_trust(ctx, i) is None:
            th_en = say("codes.missing", "untrusted", level=lv, here=names(ctx, here),
                        why=_why_not_located(ctx, i))
        elif here:
            continue  # its other codes disagree with the location: the location rules say it
        else:
            th_en = say("codes.missing", level=lv)
        emit(i, th_en, expected=here or "", fix=fix.json if fix else "", field="tambon_code")


def _gone(ctx: ValidationContext, code: str) -> Tuple[str, str]:
    """How an abolished code went, saying a date only when a notice supports it."""
    memo = ctx._cache.setdefault("gone", {})
    got = memo.get(code)
    if got is None:
        got = memo[code] = _gone_words(ctx, code)
    return got


def _gone_words(ctx: ValidationContext, code: str) -> Tuple[str, str]:
    a = ctx.dopa.abolished(code)
    when = a.supported_date
    if when:
        return (f"ถูกยกเลิกตามประกาศในราชกิจจานุเบกษา มีผลตั้งแต่ {thai_date_long(when, 'arabic')}",
                f"was abolished by a Royal Gazette notice in force from {english_date(when)}")
    return "ไม่มีในบัญชีรหัสของกรมการปกครองแล้ว", "is no longer in DOPA's code list"


@rule("codes.abolished", ERROR, "Abolished or renumbered code", "รหัสถูกยกเลิกหรือเปลี่ยนแล้ว",
      messages={
    "history": ("รหัส{level} {code} ({name}) {gone} แทนที่ด้วย {new} ตามประวัติรหัสของกรมการปกครอง: "
                "ตั้งรหัสเป็น {new_code}",
                "The {level} code {code} ({name}) {gone}; DOPA's history replaces it with {new}: "
                "set the codes to {new_code}."),
    "history_by_name": ("รหัส{level} {code} ({name}) {gone} น่าจะแทนที่ด้วย {new} "
                        "(จับคู่จากชื่อในประวัติรหัส ยังไม่ยืนยัน): ตรวจแล้วตั้งรหัสเป็น {new_code}",
                        "The {level} code {code} ({name}) {gone}; it was probably replaced by "
                        "{new} (matched by name in DOPA's history, not proven): check, then set the "
                        "codes to {new_code}."),
    "history_here": ("รหัส{level} {code} ({name}) {gone} แทนที่ด้วย {new} ซึ่งเป็นที่ที่หมุดตั้งอยู่: "
                     "ตั้งรหัสเป็น {new_code}",
                     "The {level} code {code} ({name}) {gone}; DOPA's history replaces it with "
                     "{new}, where the pin lies: set the codes to {new_code}."),
    "same_name": ("รหัส{level} {code} ({name}) {gone} หมุดอยู่ที่ {new} ซึ่งมีชื่อเดียวกัน: "
                  "ตั้งรหัสเป็น {new_code}",
                  "The {level} code {code} ({name}) {gone}; the pin lies in {new}, which bears its "
                  "name: set the codes to {new_code}."),
    "location": ("รหัส{level} {code} ({name}) {gone} และประวัติรหัสไม่ระบุรหัสที่มาแทน "
                 "หมุดอยู่ที่ {new}: ตั้งรหัสตามตำแหน่งเป็น {new_code}",
                 "The {level} code {code} ({name}) {gone} and DOPA's history names no successor; "
                 "the pin lies in {new}: set the codes from the location, {new_code}."),
    "conflict": ("รหัส{level} {code} ({name}) {gone} ประวัติรหัสระบุ {successors} แต่หมุดอยู่ที่ "
                 "{here}: ตรวจตำแหน่งของหมุด แล้วเลือกรหัสที่ถูกต้อง",
                 "The {level} code {code} ({name}) {gone}; DOPA's history names {successors}, but "
                 "the pin lies in {here}: check the pin's location, then choose the right code."),
    "untrusted": ("รหัส{level} {code} ({name}) {gone} หมุดอยู่ที่ {here} แต่{why} "
                  "จึงไม่เสนอรหัสของที่นั่น: ตรวจตำแหน่งแล้วเลือกรหัสปัจจุบัน",
                  "The {level} code {code} ({name}) {gone}; the pin lies in {here}, but {why}, so "
                  "its codes are not proposed: check the location, then choose the current "
                  "code."),
    "choose": ("รหัส{level} {code} ({name}) {gone} ประวัติรหัสระบุ {successors}: "
               "เลือกรหัสของที่ที่จุดให้บริการตั้งอยู่",
               "The {level} code {code} ({name}) {gone}; DOPA's history names {successors}: "
               "choose the one where the service point is."),
    "other_province": ("รหัส{level} {code} ({name}) {gone} ประวัติรหัสจับคู่จากชื่อได้ {successors} "
                       "ซึ่งอยู่ต่างจังหวัดกับที่ระบุ: เลือกรหัสปัจจุบันตามที่ตั้งของจุดให้บริการ",
                       "The {level} code {code} ({name}) {gone}; a name match in DOPA's history "
                       "gives {successors}, in another province than the declared one: choose "
                       "the current code for the service point's location."),
    "none": ("รหัส{level} {code} ({name}) {gone} และประวัติรหัสไม่ระบุรหัสที่มาแทน: "
             "เลือกรหัสปัจจุบันตามที่ตั้งของจุดให้บริการ",
             "The {level} code {code} ({name}) {gone} and DOPA's history names no successor: "
             "choose the current code for the service point's location."),
})
def codes_abolished(ctx: ValidationContext, emit):
    """One finding per pin however many of its codes are abolished (the finest is named), with
    one fix that sets the three codes together (see core/codefix.abolished)."""
    memo: Dict[tuple, Tuple[str, str]] = {}  # the same words for every pin of one case
    for i in ctx.abolished_pins():
        got = codefix.abolished(ctx, i)
        if got is None:
            continue
        here = codefix.current_location(ctx, i) if got.fix is None else ""
        why = i in ctx.shares_point if got.note == "untrusted" else None
        key = (got, here, why)
        th_en = memo.get(key)
        if th_en is None:
            th_en = memo[key] = _abolished_message(ctx, i, got, here)
        emit(i, th_en, expected=" ".join(got.successors), actual=got.code,
             fix=got.fix.json if got.fix else "", field=got.field)


def _abolished_message(ctx: ValidationContext, i: int, got, here: str) -> Tuple[str, str]:
    a = ctx.dopa.abolished(got.code)
    by_name = a.successors_basis == "name"
    slots = dict(level=level(got.field, got.code), code=got.code,
                 name=(a.name_th, a.name_en or a.name_th), gone=_gone(ctx, got.code))
    fix = got.fix
    if fix is not None:
        variant = {codefix.HISTORY: "history", codefix.HISTORY_BY_NAME: "history_by_name",
                   codefix.HISTORY_LOCATION: "history_here",
                   codefix.SAME_NAME: "same_name"}.get(fix.basis, "location")
        return say("codes.abolished", variant, new=names(ctx, fix.code[:len(got.code)]),
                   new_code=fix.code, **slots)
    if got.note == "untrusted" and here:
        return say("codes.abolished", "untrusted", here=names(ctx, here),
                   why=_why_not_located(ctx, i), **slots)
    if got.successors and got.note == "conflict" and here:
        return say("codes.abolished", "conflict", successors=_listed(ctx, got.successors, by_name),
                   here=names(ctx, here), **slots)
    if got.successors and got.note == "other_province":
        return say("codes.abolished", "other_province",
                   successors=_listed(ctx, got.successors, by_name), **slots)
    if got.successors:
        return say("codes.abolished", "choose", successors=_listed(ctx, got.successors, by_name),
                   **slots)
    return say("codes.abolished", "none", **slots)


def _listed(ctx: ValidationContext, codes_, by_name: bool = False) -> Tuple[str, str]:
    """Units named in a message; ``by_name``: DOPA's history matched them by name only."""
    memo = ctx._cache.setdefault("listed", {})
    key = (tuple(codes_), by_name)
    got = memo.get(key)
    if got is None:
        got = memo[key] = _listed_words(ctx, codes_, by_name)
    return got


def _listed_words(ctx: ValidationContext, codes_, by_name: bool) -> Tuple[str, str]:
    th = ", ".join(unit_name(ctx, c, "th") for c in codes_)
    en = "; ".join(unit_name(ctx, c, "en") for c in codes_)
    if by_name:
        th, en = th + " (จับคู่จากชื่อ ยังไม่ยืนยัน)", en + " (matched by name, not proven)"
    return th, en


@rule("codes.hierarchy", ERROR, "Codes do not nest", "รหัสตำบล/อำเภอ/จังหวัดไม่สอดคล้องกัน",
      messages={
    "": ("{level} {child} ไม่ได้อยู่ใน {parent}: แก้รหัสให้ตำบล อำเภอ และจังหวัดสอดคล้องกัน",
         "The {level} {child} is not in {parent}: make the tambon, amphoe and province codes "
         "agree."),
    "location": ("{level} {child} ไม่ได้อยู่ใน {parent} หมุดอยู่ที่ {here}: "
                 "ตั้งรหัสทั้งสามตามที่ตั้งนี้",
                 "The {level} {child} is not in {parent}; the pin lies in {here}: set the three "
                 "codes from it."),
    "tambon": ("{level} {child} ไม่ได้อยู่ใน {parent}: ตรวจว่าจุดให้บริการอยู่ใน {here} "
               "แล้วตั้งรหัสทั้งสามตามรหัสตำบล",
               "The {level} {child} is not in {parent}: check that the service point is in "
               "{here}, then set the three codes from the tambon code."),
})
def codes_hierarchy(ctx: ValidationContext, emit):
    p, a, t = (ctx.declared("province_code"), ctx.declared("amphoe_code"),
               ctx.declared("tambon_code"))
    for i in ctx.hierarchy_pins():
        if t[i] and a[i] and t[i][:4] != a[i]:
            child, parent, digits = t[i], a[i], 6
        elif a[i] and p[i] and a[i][:2] != p[i]:
            child, parent, digits = a[i], p[i], 4
        elif t[i] and p[i] and not a[i] and t[i][:2] != p[i]:
            child, parent, digits = t[i], p[i], 6
        else:
            continue
        fix = codefix.hierarchy(ctx, i)
        slots = dict(level=level(digits, child), child=names(ctx, child),
                     parent=names(ctx, parent))
        if fix is None:
            th_en = say("codes.hierarchy", **slots)
        else:
            th_en = say("codes.hierarchy", "tambon" if fix.basis == codefix.TAMBON_CODE
                        else "location", here=names(ctx, fix.code), **slots)
        emit(i, th_en, expected=child[:len(parent)], actual=parent, fix=fix.json if fix else "")


# -- location vs declared codes ------------------------------------------------------------------

def _verdicts(ctx: ValidationContext, kind: str):
    loc = ctx.location
    for i in sorted(loc):
        if loc[i].kind == kind:
            yield i, loc[i]


#: The advice closing a location message, by what the pin's name says.
ADVICE = {
    "": ("ย้ายหมุดไปยังที่ตั้งจริง หรือแก้รหัสให้ตรงกับตำแหน่ง",
         "Move the pin to the service point, or correct the codes to match its location."),
    CONTRADICTS: ("ชื่อของจุดให้บริการตรงกับพื้นที่ตามรหัสที่ระบุ ไม่ใช่ที่ที่หมุดอยู่ จึงน่าจะปักหมุดผิดที่: "
                  "ย้ายหมุดไปยังที่ตั้งจริง",
                  "Its name refers to the declared unit, not to where the pin lies, so the pin is "
                  "probably misplaced: move it to the service point."),
    SUPPORTS: ("ชื่อของจุดให้บริการตรงกับที่ที่หมุดตั้งอยู่: แก้รหัสตามตำแหน่ง",
               "Its name refers to where the pin lies: correct the codes from the location."),
    "shared": ("หมุดมีพิกัดเดียวกับหมุดอื่น (อาจคัดลอกพิกัดมา): ย้ายหมุดไปยังที่ตั้งจริง",
               "It shares its point with another pin (copied coordinates?): move it to the "
               "service point."),
}
_LOCATION_MESSAGES = {
    "": ("หมุดไม่ได้อยู่ใน{level}ที่ระบุ ({declared}) ห่างออกไป {distance} ตำแหน่งจริงอยู่ที่ {here}: "
         "{advice}",
         "The pin is not in its declared {level} ({declared}): it is {distance} away, in {here}. "
         "{advice}"),
    "outside_layer": ("หมุดไม่ได้อยู่ใน{level}ที่ระบุ ({declared}) ห่างออกไป {distance} "
                      "และอยู่นอกพื้นที่ของชั้นขอบเขต (ในทะเล นอกประเทศ หรือในจังหวัดที่ชั้นขอบเขตไม่มี): "
                      "ย้ายหมุดไปยังที่ตั้งจริง",
                      "The pin is not in its declared {level} ({declared}): it is {distance} away, "
                      "outside the boundary layer's area (at sea, abroad, or in a province the "
                      "layer lacks). Move the pin to the service point."),
    "unmeasured": ("หมุดไม่ได้อยู่ใน{level}ที่ระบุ ({declared}) แต่อยู่ที่ {here} "
                   "(วัดระยะห่างไม่ได้ เพราะชั้นขอบเขตไม่มี {declared}): {advice}",
                   "The pin is not in its declared {level} ({declared}): it lies in {here}; how "
                   "far that is cannot be measured, as the boundary layer does not include "
                   "{declared}. {advice}"),
}


def _advice(ctx: ValidationContext, i: int, v, fix) -> Tuple[str, str]:
    if fix is not None:
        return ADVICE[SUPPORTS]
    if v.located and i in ctx.shares_point:
        return ADVICE["shared"]
    if v.located:
        if codefix.current_location(ctx, i) and codefix.name_verdict(ctx, i) == CONTRADICTS:
            return ADVICE[CONTRADICTS]
    return ADVICE[""]


def _location_error(ctx: ValidationContext, emit, lv: str, rule_id: str):
    for i, v in _verdicts(ctx, lv):
        d = v.distance_m
        fix = codefix.for_location_error(ctx, i) if v.located else None
        slots = dict(level=level(lv, v.declared), declared=names(ctx, v.declared))
        if not v.located:
            th_en = say(rule_id, "outside_layer", distance=dist(d), **slots)
        elif d is None:
            th_en = say(rule_id, "unmeasured", here=names(ctx, v.located),
                        advice=_advice(ctx, i, v, fix), **slots)
        else:
            th_en = say(rule_id, distance=dist(d), here=names(ctx, v.located),
                        advice=_advice(ctx, i, v, fix), **slots)
        emit(i, th_en, expected=v.declared, actual=v.located, distance_m=d,
             fix=fix.json if fix else "")


@rule("location.not_in_province", ERROR, "Not in the declared province", "ไม่อยู่ในจังหวัดที่ระบุ",
      messages=_LOCATION_MESSAGES)
def location_not_in_province(ctx: ValidationContext, emit):
    _location_error(ctx, emit, LOC_PROVINCE, "location.not_in_province")


@rule("location.not_in_amphoe", ERROR, "Not in the declared amphoe", "ไม่อยู่ในอำเภอที่ระบุ",
      messages=_LOCATION_MESSAGES)
def location_not_in_amphoe(ctx: ValidationContext, emit):
    _location_error(ctx, emit, LOC_AMPHOE, "location.not_in_amphoe")


@rule("location.not_in_tambon", ERROR, "Not in the declared tambon", "ไม่อยู่ในตำบลที่ระบุ",
      messages=_LOCATION_MESSAGES)
def location_not_in_tambon(ctx: ValidationContext, emit):
    _location_error(ctx, emit, LOC_TAMBON, "location.not_in_tambon")


@rule("location.near_boundary", WARNING, "Just outside the declared unit (within tolerance)",
      "อยู่นอกเขตที่ระบุเล็กน้อย (ภายในค่าคลาดเคลื่อน)", messages={
    "": ("หมุดอยู่นอก {declared} เพียง {distance} (ไม่เกินค่าคลาดเคลื่อน {tolerance}) ใน {here}: "
         "ตรวจว่าหมุดอยู่ถูกที่ ขอบเขตอาจคลาดเคลื่อน",
         "The pin is only {distance} outside {declared} (within the {tolerance} tolerance), in "
         "{here}: check the pin is in the right place; the boundary itself may be off."),
    "outside_layer": ("หมุดอยู่นอก {declared} เพียง {distance} (ไม่เกินค่าคลาดเคลื่อน {tolerance}) "
                      "นอกพื้นที่ของชั้นขอบเขต: ตรวจว่าหมุดอยู่ถูกที่ ขอบเขตอาจคลาดเคลื่อน",
                      "The pin is only {distance} outside {declared} (within the {tolerance} "
                      "tolerance), outside the boundary layer's area: check the pin is in the right "
                      "place; the boundary itself may be off."),
})
def location_near_boundary(ctx: ValidationContext, emit):
    """Within the tolerance the codes and the point agree as well as the outlines can tell, so
    no code change is offered: the point cannot say which side it belongs to, and a name alone
    is one source (on MOPH: a clinic 0.2 m across, a town's health centre 1.9 m across)."""
    tol = ctx.settings.tolerance_m
    for i, v in _verdicts(ctx, LOC_NEAR):
        d = v.distance_m
        slots = dict(declared=names(ctx, v.declared), distance=dist(d), tolerance=dist(tol))
        if not v.located:
            th_en = say("location.near_boundary", "outside_layer", **slots)
        else:
            th_en = say("location.near_boundary", here=names(ctx, v.located), **slots)
        emit(i, th_en, expected=v.declared, actual=v.located, distance_m=d)


@rule("location.unchecked", WARNING, "Could not check: boundary layer lacks a valid code",
      "ตรวจไม่ได้: ชั้นขอบเขตไม่มีรหัสที่ใช้ได้", messages={
    "boundary_code": ("ตรวจตำแหน่งไม่ได้: รูปขอบเขตที่หมุดตั้งอยู่ไม่มีรหัสตำบลที่ถูกต้อง ('{raw}') "
                      "ให้ปรับปรุงชั้นขอบเขต แล้วตรวจใหม่",
                      "Could not check the location: the boundary polygon the pin lies in has no "
                      "valid tambon code ('{raw}'). Update the boundary layer and validate "
                      "again."),
    "no_code": ("ตรวจตำแหน่งไม่ได้: รูปขอบเขตที่หมุดตั้งอยู่ไม่มีรหัสตำบล ให้ปรับปรุงชั้นขอบเขต "
                "แล้วตรวจใหม่",
                "Could not check the location: the boundary polygon the pin lies in has no "
                "tambon code. Update the boundary layer and validate again."),
    "missing_unit": ("ตรวจตำแหน่งไม่ได้: ชั้นขอบเขตไม่มี{level} {declared} "
                     "(ชั้นขอบเขตอาจเก่ากว่าบัญชีรหัส) หมุดอยู่ใน {here}: "
                     "ใช้ชั้นขอบเขตที่ใหม่กว่า หรือตรวจรหัสด้วยตนเอง",
                     "Could not check the location: the boundary layer has no {level} {declared} "
                     "(the layer may be older than DOPA's list); the pin lies in {here}. Use a "
                     "newer boundary layer or check the code by hand."),
})
def location_unchecked(ctx: ValidationContext, emit):
    for i, v in _verdicts(ctx, LOC_UNCHECKED):
        if v.detail == "boundary_code":
            if v.raw_located.strip():
                emit(i, say("location.unchecked", "boundary_code", raw=v.raw_located),
                     actual=v.raw_located)
            else:
                emit(i, say("location.unchecked", "no_code"), actual=v.raw_located)
        else:
            emit(i, say("location.unchecked", "missing_unit", level=level(v.level, v.declared),
                         declared=names(ctx, v.declared), here=names(ctx, v.located)),
                 expected=v.declared, actual=v.located)


@rule("location.not_covered", WARNING, "Could not check: outside the boundary layer",
      "ตรวจไม่ได้: อยู่นอกพื้นที่ของชั้นขอบเขต", messages={
    "": ("ตรวจตำแหน่งไม่ได้: หมุดและจังหวัดที่ระบุอยู่นอกพื้นที่ของชั้นขอบเขตที่ใช้ตรวจ "
         "ให้ตรวจด้วยชั้นขอบเขตที่ครอบคลุมพื้นที่นี้",
         "Could not check the location: the pin and its declared province are outside the "
         "boundary layer used. Validate with a boundary layer that covers this area."),
})
def location_not_covered(ctx: ValidationContext, emit):
    for i, v in _verdicts(ctx, LOC_NOT_COVERED):
        emit(i, say("location.not_covered"), expected=v.declared)


# -- attributes ----------------------------------------------------------------------------------

@rule("attributes.required", ERROR, "Required field empty", "ไม่ได้กรอกช่องที่ต้องกรอก", messages={
    "": ("ยังไม่ได้กรอก '{field}': กรอกให้ครบก่อนเผยแพร่",
         "'{field}' is empty: fill it in before publishing."),
})
def attributes_required(ctx: ValidationContext, emit):
    empty = sorted((i, k) for k, f in enumerate(schema.REQUIRED_FIELDS)
                   for i in np.nonzero(blank_mask(ctx.pins.column(f)))[0].tolist())
    for i, k in empty:
        f = schema.REQUIRED_FIELDS[k]
        emit(i, say("attributes.required", field=(schema.field_label(f, "th"),
                                                    schema.field_label(f, "en"))),
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


@rule("attributes.point_type", ERROR, "Point type not in the list", "ประเภทจุดให้บริการไม่อยู่ในรายการ",
      messages={
    "": ("ประเภทจุดให้บริการ '{value}' ไม่อยู่ในรายการ: เลือกจากรายการ",
         "Point type '{value}' is not in the list: choose one of {listed}."),
    "key": ("ประเภทจุดให้บริการ '{value}' ไม่อยู่ในรายการ: เลือกจากรายการ (น่าจะเป็น {key})",
            "Point type '{value}' is not in the list: choose one of {listed} (probably {key})."),
})
def attributes_point_type(ctx: ValidationContext, emit):
    keys = set(schema.POINT_TYPE_KEYS)
    lookup = _point_type_lookup()
    listed = ", ".join(schema.POINT_TYPE_KEYS)
    col = ctx.pins.column("point_type")
    for i in _not_in(col, keys, ctx.n):
        v = col[i]
        key = lookup.get(re.sub(r"\s+", " ", v.strip().casefold()))
        fix = fix_set_field("point_type", key) if key else ""
        emit(i, say("attributes.point_type", "key" if key else "", value=v, listed=listed,
                     key=key or ""),
             expected=key or listed, actual=v, fix=fix)


#: First bytes (UTF-8) of what a text field may not hold: C0 controls and DEL; C2 (U+0080-U+009F,
#: among others) and E2 (U+2028/9, direction marks, among others).  Padding NULs do not count.
_TEXT_SUSPECT = np.zeros(256, dtype=bool)
_TEXT_SUSPECT[1:0x20] = True
_TEXT_SUSPECT[[0x7F, 0xC2, 0xE2]] = True


def _text_suspects(col, length: int) -> List[int]:
    """Pins whose text may hold what core/normalize.py refuses (decided on the bytes when the
    column has them: Thai and Latin text is passed over in numpy)."""
    raw = getattr(col, "raw", None)
    if raw is None:
        return [i for i, v in enumerate(col) if v is not None]
    size = raw.dtype.itemsize
    out: List[int] = []
    for k in range(0, len(raw) if size else 0, SLICE_ROWS):  # in slices: small temporaries
        part = raw[k:k + SLICE_ROWS]
        sus = _TEXT_SUSPECT[part.view(np.uint8).reshape(len(part), size)].any(axis=1)
        if length and size > length:  # no more characters than bytes
            sus |= np.char.str_len(part) > length
        out.extend((np.nonzero(sus)[0] + k).tolist())
    return out


@rule("attributes.text", ERROR, "Text the registry refuses", "ข้อความที่ทะเบียนกลางไม่รับ",
      messages={"": ("{problem}: แก้ไขก่อนเผยแพร่", "{problem} Fix it before publishing.")})
def attributes_text(ctx: ValidationContext, emit):
    """The registry's own check of text (core/normalize.py): no control characters or direction
    marks, no tab or line break in a one-line field, no more characters than the field holds."""
    for name in ctx.pins.attrs:
        f = schema.FIELD_BY_NAME.get(name)
        if f is None or f.kind != schema.TEXT or f.name == "point_type":
            continue
        col = ctx.pins.column(name)
        for i in _text_suspects(col, f.length):
            v = col[i]
            code = text_problem(clean_text(v, f.multiline), f.length, f.multiline) if v else None
            if code is None:
                continue
            en, th = text_message(code, f.label_en, f.label_th, f.length)
            emit(i, say("attributes.text", problem=(th, en)), actual=v[:80], field=name)


# -- duplicates ----------------------------------------------------------------------------------

@rule("duplicates.pin_id", ERROR, "Same pin_id twice", "รหัสหมุดซ้ำ", messages={
    "": ("รหัสหมุด {pin_id} ซ้ำกับหมุดอื่น ({count} หมุด): ให้รหัสใหม่แก่หมุดนี้ "
         "หรือลบหากเป็นหมุดเดียวกัน",
         "pin_id {pin_id} is used by {count} pins: give this pin a new id, or delete it if it is "
         "the same service point."),
})
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
        emit(i, say("duplicates.pin_id", pin_id=v, count=str(counts[v])),
             actual=str(int(ctx.pins.feature_id[first[v]])),
             fix='{"action":"new_pin_id"}')


def _republished(ctx: ValidationContext) -> Dict[int, Tuple[int, float]]:
    """New pins (not in the working copy's base) where a published pin already is, with its name
    (core/duplicates.py): new pin -> (published pin, metres).  Nothing without a base, and
    nothing for a new pin a person said is a different service point."""
    def make():
        if not ctx.published:
            return {}
        ids = ctx.pins.column("pin_id")
        names = ctx.pins.column("name_th")
        x, y = ctx.pins.x, ctx.pins.y
        usable = ctx.geometry_ok & np.isfinite(x) & np.isfinite(y)
        grid = duplicates.PointGrid()
        new = []
        for i in np.nonzero(usable)[0].tolist():
            pin = ids[i]
            if pin in ctx.published:
                grid.add(float(x[i]), float(y[i]), i)
            elif pin and pin not in ctx.distinct:
                new.append(i)
        out: Dict[int, Tuple[int, float]] = {}
        for i in new:
            xi, yi = float(x[i]), float(y[i])
            for lon, lat, j in grid.near(xi, yi):
                d = duplicates.distance_m(xi, yi, lon, lat)
                if d <= duplicates.SAME_POINT_M and (i not in out or d < out[i][1]) \
                        and duplicates.same_name(names[i], names[j]):
                    out[i] = (j, d)
        return out
    return ctx._cached("republished", make)


def _told_as_republished(ctx: ValidationContext, a: int, b: int) -> bool:
    """The pair (a, b) is one that duplicates.published reports (one error, not three)."""
    told = _republished(ctx)
    return told.get(a, (None,))[0] == b or told.get(b, (None,))[0] == a


@rule("duplicates.published", ERROR, "A new pin where the registry already has the service point",
      "หมุดใหม่ซ้ำกับจุดบริการที่มีในทะเบียนกลางแล้ว", messages={
    "": ("หมุดใหม่นี้อยู่ห่างหมุด {other} ที่มีในทะเบียนกลางแล้วเพียง {distance} และชื่อเหมือนกัน "
         "จึงเป็นจุดบริการเดียวกัน: ให้รวมเข้ากับหมุดเดิม (วิธีแก้) หากเป็นจุดบริการอื่นจริง "
         "ให้ยืนยันในหน้าต่างเผยแพร่",
         "This new pin is only {distance} from pin {other}, which the registry already has, and "
         "has the same name: it is the same service point. Merge it into the existing pin (the "
         "fix); if it really is a different service point, say so in the publish window."),
})
def duplicates_published(ctx: ValidationContext, emit):
    found = _republished(ctx)
    if not found:
        return
    ids = ctx.pins.column("pin_id")
    names = ctx.pins.column("name_th")
    for i in sorted(found):
        j, d = found[i]
        emit(i, say("duplicates.published", other=_pin_words(ctx, j, ids, names),
                     distance=dist(d)),
             actual=ids[j] or "", distance_m=d,
             fix=fix_merge(ids[j] or "", names[j] or "", confidence=MEDIUM))


def _repeated(col) -> Optional[List[int]]:
    """Pins whose raw value occurs more than once (ascending), or None without raw bytes.

    Equal bytes decode to equal text; different bytes decode to different text unless they are
    invalid UTF-8 (both would become U+FFFD): then None, and the caller compares decoded text.
    """
    raw = getattr(col, "raw", None)
    if raw is None:
        return None
    size = raw.dtype.itemsize
    for k in range(0, len(raw) if size else 0, SLICE_ROWS):  # in slices: small temporaries
        part = raw[k:k + SLICE_ROWS]
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


# The name comparison is core/duplicates.py's (the registry, the pull and the import share it).
_THAI_DIGITS = duplicates._THAI_DIGITS
NAME_SPACES = duplicates.NAME_SPACES
_name_key = duplicates.name_key
_near_identical = duplicates.near_identical


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
      "หมุดต่างกันแต่พิกัดเดียวกัน", messages={
    "": ("หมุดนี้มีพิกัดเดียวกับหมุด {other}: ตรวจว่าตำแหน่งถูกต้อง (อาจคัดลอกพิกัดมา) "
         "หรือเป็นจุดเดียวกัน",
         "This pin has exactly the same coordinates as pin {other}: check its location (copied "
         "coordinates?) or whether it is the same service point."),
})
def duplicates_same_coordinates(ctx: ValidationContext, emit):
    first_of = ctx.same_point
    if not first_of:
        return
    names_ = ctx.pins.column("name_th")
    ids = ctx.pins.column("pin_id")
    for b in sorted(first_of):
        a = first_of[b]
        if _told_as_republished(ctx, a, b):
            continue
        emit(b, say("duplicates.same_coordinates", other=_pin_words(ctx, a, ids, names_)),
             actual=ids[a] or "", distance_m=0.0)


def _pin_words(ctx: ValidationContext, a: int, ids, names_) -> str:
    """Another pin named in a message: ``<pin_id> (<name>)``, or what it has of them."""
    if ids[a] and names_[a]:
        return f"{ids[a]} ({names_[a]})"
    if ids[a] or names_[a]:
        return ids[a] or f"'{names_[a]}'"
    return f"#{int(ctx.pins.feature_id[a])}"


@rule("duplicates.near_same_name", WARNING, "Close pins with near-identical names",
      "หมุดใกล้กันและชื่อเกือบเหมือนกัน", messages={
    "": ("หมุดนี้อยู่ห่างหมุด {other} เพียง {distance} และชื่อเกือบเหมือนกัน ('{name}' / "
         "'{other_name}'): ถ้าเป็นจุดเดียวกันให้ลบหมุดที่ซ้ำ",
         "This pin is only {distance} from pin {other} and their names are near-identical "
         "('{name}' / '{other_name}'): if they are the same service point, delete the "
         "duplicate."),
})
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
        if b in reported or _told_as_republished(ctx, a, b):
            continue
        reported.add(b)
        d = float(haversine_m(x[a], y[a], x[b], y[b]))
        emit(b, say("duplicates.near_same_name", other=ids[a] or f"#{int(ctx.pins.feature_id[a])}",
                     distance=dist(d), name=names[b], other_name=names[a]),
             actual=ids[a] or "", distance_m=d)


# -- running -------------------------------------------------------------------------------------

def run_rule(r: Rule, ctx: ValidationContext) -> List[Finding]:
    out: List[Finding] = []
    ids = ctx.pins.column("pin_id")
    fids = ctx.pins.feature_id

    def emit(i, message, message_en=None, expected="", actual="", distance_m=None, fix="",
             point="pin", field=None, record="", pin_id=""):
        """``message``: what :func:`say` gives (or the Thai text, with ``message_en``)."""
        if i is None:  # a service, step or document whose pin is missing (core/rules_services)
            out.append(Finding(r.rule_id, r.severity, -1, -1, pin_id, message, message_en,
                               expected or "", actual or "", None, fix or "", None, None, record))
            return
        if point == "pin":
            x, y = ctx.xy(i)
            issue = ctx.pins.geom_issue[i]
            if issue is not None and issue != "multipart":
                x = y = None
        elif point is None:
            x = y = None
        else:
            x, y = point
        out.append(Finding(r.rule_id, r.severity, i, int(fids[i]), ids[i] or "", message,
                           message_en, expected or "", actual or "",
                           None if distance_m is None else round(float(distance_m), 1),
                           fix or "", x, y, record))

    r.check(ctx, emit)
    return out


# The rules of services, steps and documents register themselves here (after the pins' rules).
from . import rules_services  # noqa: E402,F401
