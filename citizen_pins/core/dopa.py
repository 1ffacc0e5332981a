"""DOPA administrative codes (TIS-1099): lookups, names, hierarchy, history and normalisation.

The data is DOPA's, as published by the ``geothai`` package (code MIT, data CC-BY 4.0).  We read
geothai's data files rather than call its API: geothai's code needs Python 3.10+, while QGIS 3.22
on Windows runs Python 3.9.  The package is bundled in the plugin's ``ext_libs`` folder (see the
Makefile), and an installed copy is used where the bundled one is absent (tests, the registry).

Codes: province 2 digits, amphoe (district) 4, tambon (subdistrict) 6; each code starts with its
parent's code.  DOPA codes never start with 0.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

PROVINCE, AMPHOE, TAMBON = "province", "amphoe", "tambon"
LEVEL_BY_DIGITS = {2: PROVINCE, 4: AMPHOE, 6: TAMBON}
DIGITS_BY_LEVEL = {v: k for k, v in LEVEL_BY_DIGITS.items()}

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_FLOAT_TAIL = re.compile(r"\.0+$")
_PCODE_PREFIX = re.compile(r"^TH", re.IGNORECASE)
_ASCII_DIGITS = re.compile(r"^[0-9]+$")


@dataclass(frozen=True)
class AdminUnit:
    code: str
    name_th: str
    name_en: str
    level: str

    @property
    def parent_code(self) -> Optional[str]:
        return self.code[:-2] if len(self.code) > 2 else None


@dataclass(frozen=True)
class AbolishedUnit:
    code: str
    name_th: str
    name_en: str
    level: str
    #: When DOPA's list dropped the code: for most codes (2006-01-01) the date of DOPA's clean-up
    #: of its list, not of any change to the unit, so it is never told as an abolition date.
    abolished_on: str
    successors: Tuple[str, ...]
    #: "notice" (Royal Gazette) or "name" (matched by name, likely not proven), or None.
    successors_basis: Optional[str]
    #: The date the change took legal effect, from the notice (None without a notice).
    in_force: Optional[str] = None
    #: The notice: title, Royal Gazette volume, part, page and URL (None without a notice).
    notice: Optional[str] = None

    @property
    def supported_date(self) -> Optional[str]:
        """The one date the data supports telling: when a Royal Gazette notice's change took
        effect.  None otherwise (the list date says when DOPA's list changed, not the unit)."""
        return self.in_force if self.successors_basis == "notice" and self.in_force else None


@dataclass(frozen=True)
class NormalizedCode:
    """What :func:`normalize_code` made of a raw value.

    ``code`` is the clean code (or None when the value was empty or malformed), ``repairs`` lists
    what was changed (Thai numerals, TH prefix, ...), ``error`` says why a value is malformed.
    """

    raw: object
    code: Optional[str]
    repairs: Tuple[str, ...] = ()
    error: Optional[str] = None

    @property
    def empty(self) -> bool:
        return self.code is None and self.error is None


def _is_empty(raw: object) -> bool:
    if raw is None:
        return True
    # QGIS NULL is a QVariant that compares equal to None / is falsy; checked by the caller layer.
    text = str(raw).strip()
    return text == "" or text.upper() in ("NULL", "NONE", "-")


def normalize_code(raw: object, digits: Optional[int] = None,
                   parent: Optional[str] = None) -> NormalizedCode:
    """Turn what people really type into a DOPA code.

    Normalised, not errors: Thai numerals (``๒๑๐๑๐๑``), the HDX P-code prefix (``TH210101``),
    spaces, a spreadsheet's float (``210101.0``), and a code that lost its leading zero(s) when
    only the local part was typed (amphoe ``1`` of province ``21`` is ``2101``; needs ``parent``).
    Malformed: anything else that is not all digits, or the wrong number of digits.
    """
    if _is_empty(raw):
        return NormalizedCode(raw, None)
    text = str(raw)
    repairs: List[str] = []
    t = text.translate(_THAI_DIGITS)
    if t != text:
        repairs.append("thai_numerals")
    stripped = re.sub(r"\s+", "", t)
    if stripped != t.strip():
        repairs.append("spaces")
    t = stripped
    if _PCODE_PREFIX.match(t):
        t = t[2:]
        repairs.append("pcode_prefix")
    if _FLOAT_TAIL.search(t) and _ASCII_DIGITS.match(t.split(".")[0]):
        t = _FLOAT_TAIL.sub("", t)
        repairs.append("float")
    if not _ASCII_DIGITS.match(t):  # str.isdigit() would let other scripts' digits in
        return NormalizedCode(raw, None, tuple(repairs), "not_digits")
    if digits is None:
        if len(t) not in LEVEL_BY_DIGITS:
            return NormalizedCode(raw, None, tuple(repairs), "length")
        if t.startswith("0"):
            return NormalizedCode(raw, None, tuple(repairs), "leading_zero")
        return NormalizedCode(raw, t, tuple(repairs))
    if len(t) == digits:
        if t.startswith("0"):
            return NormalizedCode(raw, None, tuple(repairs), "leading_zero")
        return NormalizedCode(raw, t, tuple(repairs))
    if parent and len(t) < digits and digits - len(parent) >= len(t) and parent.isdigit():
        local_len = digits - len(parent)
        if len(t) <= local_len and int(t) > 0:
            repairs.append("local_part")
            return NormalizedCode(raw, parent + t.zfill(local_len), tuple(repairs))
    return NormalizedCode(raw, None, tuple(repairs), "length")


#: Bangkok (กรุงเทพมหานคร): a special administrative area, not a province (จังหวัด); its districts
#: are khet (เขต) and their subdivisions khwaeng (แขวง), not amphoe and tambon.
BANGKOK = "10"


def is_bangkok(code: Optional[str]) -> bool:
    return bool(code) and code[:2] == BANGKOK


def level_word(level_or_digits, code: Optional[str] = None, lang: str = "th") -> str:
    """The word for a level (``province``/2, ``amphoe``/4, ``tambon``/6), Bangkok's own words when
    ``code`` is in Bangkok: จังหวัด / อำเภอ / ตำบล; กรุงเทพมหานคร / เขต / แขวง; province / amphoe /
    tambon; city / khet (district) / khwaeng (subdistrict)."""
    digits = level_or_digits if isinstance(level_or_digits, int) else DIGITS_BY_LEVEL[level_or_digits]
    k = {2: 0, 4: 1, 6: 2}[digits]
    if is_bangkok(code):
        return (("กรุงเทพมหานคร", "เขต", "แขวง") if lang == "th"
                else ("city", "khet (district)", "khwaeng (subdistrict)"))[k]
    return (("จังหวัด", "อำเภอ", "ตำบล") if lang == "th" else ("province", "amphoe", "tambon"))[k]


def level_of(code: str) -> Optional[str]:
    return LEVEL_BY_DIGITS.get(len(code)) if code else None


def _default_data_dir() -> Path:
    env = os.environ.get("CITIZEN_PINS_GEOTHAI_DATA")
    if env:
        return Path(env)
    bundled = Path(__file__).resolve().parents[1] / "ext_libs" / "geothai" / "_data"
    if bundled.is_dir():
        return bundled
    # find_spec does not execute the package (which needs Python 3.10+).
    spec = importlib.util.find_spec("geothai")
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            candidate = Path(loc) / "_data"
            if candidate.is_dir():
                return candidate
    raise FileNotFoundError(
        "DOPA code list not found: the geothai package is missing. Run `make ext_libs`, "
        "or `pip install geothai`, or set CITIZEN_PINS_GEOTHAI_DATA to its _data folder.")


@dataclass
class DopaCodes:
    """The DOPA code list: current units and abolished ones, with their history."""

    units: Dict[str, AdminUnit]
    abolished_units: Dict[str, AbolishedUnit]
    data_version: str = ""
    _children: Dict[str, List[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, data_dir: Optional[Path] = None) -> "DopaCodes":
        d = Path(data_dir) if data_dir else _default_data_dir()

        def rows(name: str) -> list:
            with open(d / f"{name}.json", encoding="utf-8") as fh:
                return json.load(fh)

        units: Dict[str, AdminUnit] = {}
        for level, name in ((PROVINCE, "provinces"), (AMPHOE, "districts"), (TAMBON, "subdistricts")):
            for row in rows(name):
                units[row[0]] = AdminUnit(row[0], row[1], row[2] or "", level)
        abolished: Dict[str, AbolishedUnit] = {}
        try:
            notices = rows("abolished-sources")
        except OSError:
            notices = []
        for row in rows("abolished"):
            code, name_th, name_en, on, successors, basis = row[:6]
            in_force, source = (list(row[6:8]) + [None, None])[:2]
            level = LEVEL_BY_DIGITS.get(len(code))
            if level is None:
                continue
            notice = (notices[source] if isinstance(source, int) and 0 <= source < len(notices)
                      else None)
            abolished[code] = AbolishedUnit(code, name_th, name_en or "", level, on,
                                            tuple(successors.split()) if successors else (), basis,
                                            in_force or None, notice)
        version = ""
        schema = d.parent / "_schema.py"
        if schema.is_file():
            m = re.search(r'DATA_VERSION[^=]*=\s*"([^"]+)"', schema.read_text(encoding="utf-8"))
            version = m.group(1) if m else ""
        children: Dict[str, List[str]] = {}
        for code in sorted(units):
            if len(code) > 2:
                children.setdefault(code[:-2], []).append(code)
        return cls(units, abolished, version, children)

    # lookups ---------------------------------------------------------------------------------
    def get(self, code: Optional[str]) -> Optional[AdminUnit]:
        return self.units.get(code) if code else None

    def is_current(self, code: Optional[str]) -> bool:
        return bool(code) and code in self.units

    def abolished(self, code: Optional[str]) -> Optional[AbolishedUnit]:
        return self.abolished_units.get(code) if code else None

    def name(self, code: Optional[str], lang: str = "th") -> str:
        u = self.get(code)
        if u is None:
            a = self.abolished(code)
            if a is None:
                return ""
            return a.name_th if lang == "th" else a.name_en
        return u.name_th if lang == "th" else u.name_en

    def provinces(self) -> List[AdminUnit]:
        return [self.units[c] for c in sorted(self.units) if len(c) == 2]

    def children(self, code: str) -> List[AdminUnit]:
        """Current amphoes of a province, or tambons of an amphoe, sorted by code."""
        return [self.units[c] for c in self._children.get(code, [])]

    def full_name(self, tambon_or_amphoe: str, lang: str = "th") -> str:
        """``ต.ท่าประดู่ อ.เมืองระยอง จ.ระยอง`` (or the English form) for a code of any level.

        Bangkok is not a province of amphoes and tambons: its units are khet and khwaeng
        (``แขวงดอกไม้ เขตประเวศ กรุงเทพมหานคร``, ``Khwaeng Dokmai, Khet Prawet, Bangkok``).
        """
        code = tambon_or_amphoe
        parts = [self.unit_label(code[:digits], lang, full=False)
                 for digits in (6, 4, 2) if len(code) >= digits]
        parts = [p for p in parts if p]
        return " ".join(parts) if lang == "th" else ", ".join(parts)

    def unit_label(self, code: str, lang: str = "th", full: bool = True) -> str:
        """One unit's name with its level word: ``ต.ท่าประดู่``, ``แขวงดอกไม้``, ``เขตประเวศ``,
        ``กรุงเทพมหานคร``; in English ``Khwaeng Dokmai``, ``Khet Prawet`` (elsewhere the bare name,
        as DOPA writes it).  ``full``: the Thai words spelled out (``ตำบลท่าประดู่``)."""
        n = self.name(code, lang)
        if not n:
            return ""
        if is_bangkok(code):
            if len(code) == 2:
                return n
            if lang == "th":  # DOPA's khet names already start with เขต
                return n if len(code) == 4 and n.startswith("เขต") else (
                    ("เขต" if len(code) == 4 else "แขวง") + n)
            return ("Khet " if len(code) == 4 else "Khwaeng ") + n
        if lang != "th":
            return n
        words = {2: ("จ.", "จังหวัด"), 4: ("อ.", "อำเภอ"), 6: ("ต.", "ตำบล")}[len(code)]
        return words[1 if full else 0] + n

    def replacement(self, code: str) -> Tuple[str, ...]:
        """Current codes that replaced an abolished one, following chains of abolitions."""
        out: List[str] = []
        seen = set()
        todo = [code]
        while todo:
            c = todo.pop(0)
            if c in seen:
                continue
            seen.add(c)
            a = self.abolished_units.get(c)
            if a is None:
                if c != code and c in self.units:
                    out.append(c)
                continue
            todo.extend(a.successors)
        return tuple(out)


_CODES: Optional[DopaCodes] = None


def codes() -> DopaCodes:
    """The code list, loaded once on first use (never at import, so QGIS starts fast)."""
    global _CODES
    if _CODES is None:
        _CODES = DopaCodes.load()
    return _CODES
