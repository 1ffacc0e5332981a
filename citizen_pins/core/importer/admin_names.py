"""Admin-unit names to DOPA codes: ``ต.ท่าประดู่ อ.เมือง จ.ระยอง`` -> 210101.

Reads the current units of :func:`citizen_pins.core.dopa.codes` (geothai's data), Thai and English
names.  A name that fits several units is reported with every candidate, never guessed: the
result then carries only the levels all candidates agree on (e.g. the province).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from ..dopa import AMPHOE, PROVINCE, TAMBON, DopaCodes, codes
from .text import THAI_DIGITS

_PREFIXES = {
    PROVINCE: ("จังหวัด", "จ.", "changwat", "province", "prov."),
    AMPHOE: ("กิ่งอำเภอ", "กิ่ง อ.", "อำเภอ", "อ.", "เขต", "ข.", "amphoe", "amphur", "amphor",
             "khet", "district"),
    TAMBON: ("ตำบล", "ต.", "แขวง", "ข.", "tambon", "khwaeng", "subdistrict", "sub-district"),
}
_SUFFIXES = {
    PROVINCE: (" province", " changwat"),
    AMPHOE: (" district", " amphoe"),
    TAMBON: (" subdistrict", " sub-district", " tambon"),
}
_DROP = re.compile(r"[\s.\-'’_]+")
_ALTERNATE = re.compile(r"^([^()]+)\(([^()]+)\)\s*$")  # "name (other name)"
_MUEANG = {"เมือง", "mueang", "muang", "meuang", "amphoemueang"}
_BANGKOK = {"กรุงเทพ", "กรุงเทพฯ", "กทม", "กทม.", "กรุงเทพมหานคร", "bangkok", "krungthep",
            "krungthepmahanakhon", "bkk"}


def admin_key(name: str, level: str) -> str:
    """A name as compared: no level prefix (``ต.``, ``อำเภอ``, ``Khet``...), no spaces or dots,
    lower case, Thai numerals as digits."""
    t = str(name).translate(THAI_DIGITS).strip().lower()
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES[level]:
            if t.startswith(p) and len(t) > len(p):
                t = t[len(p):].lstrip()
                changed = True
        for s in _SUFFIXES[level]:
            if t.endswith(s) and len(t) > len(s):
                t = t[:-len(s)].rstrip()
                changed = True
    t = _DROP.sub("", t)
    t = t.replace("muang", "mueang") if t.startswith("muang") else t
    return t


@dataclass(frozen=True)
class Resolution:
    """What some admin names resolved to.

    The codes are set only where every candidate agrees; ``candidates`` lists the units of the
    deepest level asked for when there were several; ``problem`` is None, "ambiguous" or
    "not_found" and ``message`` explains it in plain words.
    """

    province_code: Optional[str] = None
    amphoe_code: Optional[str] = None
    tambon_code: Optional[str] = None
    candidates: Tuple[str, ...] = ()
    problem: Optional[str] = None
    message: str = ""

    @property
    def code(self) -> Optional[str]:
        return self.tambon_code or self.amphoe_code or self.province_code


class AdminNameIndex:
    """Current DOPA units by name, per level."""

    def __init__(self, dopa: Optional[DopaCodes] = None):
        self.dopa = dopa or codes()
        self._by: Dict[str, Dict[str, List[str]]] = {PROVINCE: {}, AMPHOE: {}, TAMBON: {}}
        self._mueang: Dict[str, str] = {}
        for code, unit in self.dopa.units.items():
            keys = set()
            for name in (unit.name_th, unit.name_en):
                if not name:
                    continue
                keys.add(admin_key(name, unit.level))
                # "ปอภาร (ปอพาน)": an address gives either name (and a parenthesis ends a name
                # in parse_admin_text), so both are keys of the unit too
                m = _ALTERNATE.match(name)
                if m:
                    keys.update(admin_key(n, unit.level) for n in m.groups() if n.strip())
            if unit.level == AMPHOE and unit.name_th.startswith("เมือง"):
                province = self.dopa.units.get(code[:2])
                if province and unit.name_th == "เมือง" + province.name_th:
                    self._mueang[code[:2]] = code
            for k in keys:
                self._by[unit.level].setdefault(k, []).append(code)
        for k in _BANGKOK:
            self._by[PROVINCE].setdefault(admin_key(k, PROVINCE), []).append("10")
        self._cache: Dict[Tuple[str, str, str], Resolution] = {}

    def lookup(self, name: str, level: str) -> List[str]:
        return list(self._by[level].get(admin_key(name, level), ()))

    def _label(self, code: str) -> str:
        return f"{code} {self.dopa.full_name(code)}"

    def _labels(self, found: Iterable[str], limit: int = 5) -> str:
        found = sorted(found)
        text = ", ".join(self._label(c) for c in found[:limit])
        return text + (f" and {len(found) - limit} more" if len(found) > limit else "")

    def _agree(self, found: Iterable[str], candidates: Tuple[str, ...], problem: str,
               message: str) -> Resolution:
        found = sorted(set(found))
        out = {}
        for digits, field in ((2, "province_code"), (4, "amphoe_code"), (6, "tambon_code")):
            prefixes = {c[:digits] for c in found if len(c) >= digits}
            if len(prefixes) == 1 and all(len(c) >= digits for c in found):
                out[field] = prefixes.pop()
        return Resolution(candidates=candidates, problem=problem, message=message, **out)

    def resolve(self, tambon: Optional[str] = None, amphoe: Optional[str] = None,
                province: Optional[str] = None, within: Optional[str] = None) -> Resolution:
        """The unit named by the given names (any may be None or empty); ``within`` is a known
        province or amphoe code that the answer must be inside."""
        tambon = (tambon or "").strip()
        amphoe = (amphoe or "").strip()
        province = (province or "").strip()
        within = (within or "").strip()
        key = (tambon, amphoe, province, within)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._resolve(tambon, amphoe, province, within)
            if len(self._cache) < 50000:
                self._cache[key] = hit
        return hit

    def _resolve(self, tambon: str, amphoe: str, province: str, within: str = "") -> Resolution:
        if not (tambon or amphoe or province):
            return Resolution(problem="not_found", message="no admin names")
        notes: List[str] = []
        provinces: Optional[FrozenSet[str]] = frozenset([within[:2]]) if within else None
        if province and within and not any(c == within[:2] for c in self.lookup(province, PROVINCE)):
            notes.append(f"province '{province}' does not match code {within[:2]}")
        elif province:
            found = self.lookup(province, PROVINCE)
            if found:
                provinces = frozenset(found)
            else:
                notes.append(f"no province named '{province}'")
        amphoes: Optional[FrozenSet[str]] = None
        if amphoe:
            if admin_key(amphoe, AMPHOE) in _MUEANG:
                pool = provinces if provinces is not None else frozenset(self._mueang)
                found = [self._mueang[p] for p in pool if p in self._mueang]
            else:
                found = self.lookup(amphoe, AMPHOE)
            inside = [c for c in found if (provinces is None or c[:2] in provinces)
                      and (len(within) < 4 or c == within[:4])]
            if inside:
                amphoes = frozenset(inside)
            elif found:
                notes.append(f"amphoe '{amphoe}' is not in province '{province}'")
            else:
                notes.append(f"no amphoe named '{amphoe}'")
        if tambon:
            found = self.lookup(tambon, TAMBON)
            inside = [c for c in found
                      if (amphoes is None or c[:4] in amphoes)
                      and (provinces is None or c[:2] in provinces)
                      and (len(within) < 4 or c[:4] == within[:4])]
            if len(inside) == 1 and not notes:
                return Resolution(inside[0][:2], inside[0][:4], inside[0])
            if len(inside) == 1:
                return Resolution(inside[0][:2], inside[0][:4], inside[0],
                                  message="; ".join(notes))
            if len(inside) > 1:
                return self._agree(inside, tuple(sorted(inside)), "ambiguous",
                                   f"tambon '{tambon}' fits {len(inside)} units: "
                                   + self._labels(inside))
            if found:
                notes.append(f"tambon '{tambon}' is not in the amphoe/province given")
            else:
                notes.append(f"no tambon named '{tambon}'")
        # Fall back to the deepest level that resolved.
        for pool, what in ((amphoes, "amphoe"), (provinces, "province")):
            if pool is None:
                continue
            if len(pool) == 1:
                return self._agree(pool, (), "not_found" if notes else None, "; ".join(notes))
            labels = self._labels(pool)
            return self._agree(pool, tuple(sorted(pool)), "ambiguous",
                               "; ".join(notes + [f"{what} name fits {len(pool)} units: {labels}"]))
        return Resolution(problem="not_found", message="; ".join(notes))


_MARKERS = {
    TAMBON: re.compile(r"(?:^|[\s,(])(?:ตำบล|ต\.|แขวง)\s*([^\s,()]+)"),
    AMPHOE: re.compile(r"(?:^|[\s,(])(?:กิ่งอำเภอ|อำเภอ|อ\.|เขต)\s*([^\s,()]+)"),
    PROVINCE: re.compile(r"(?:^|[\s,(])(?:จังหวัด|จ\.)\s*([^\s,()]+)"),
}
_BANGKOK_IN_TEXT = re.compile(r"กรุงเทพ(?:มหานคร|ฯ)?|กทม\.?")


def parse_admin_text(text: str, allow_plain: bool = False) -> Tuple[str, str, str]:
    """(tambon, amphoe, province) names from ``ต.ท่าประดู่ อ.เมือง จ.ระยอง`` or
    ``ตำบลท่าประดู่ อำเภอเมืองระยอง จังหวัดระยอง`` (also inside a longer address).

    With ``allow_plain``, a text without Thai markers is read as ``tambon, amphoe, province``
    separated by commas (``Tha Pradu, Mueang Rayong, Rayong``).  Missing parts are "".
    """
    t = str(text or "")
    out = {}
    for level, pattern in _MARKERS.items():
        m = pattern.search(t)
        out[level] = m.group(1) if m else ""
    if not out[PROVINCE] and _BANGKOK_IN_TEXT.search(t):
        out[PROVINCE] = "กรุงเทพมหานคร"
    if allow_plain and not any(out.values()):
        parts = [p.strip() for p in t.split(",") if p.strip()]
        if 1 <= len(parts) <= 3:
            parts = [""] * (3 - len(parts)) + parts
            return parts[0], parts[1], parts[2]
    return out[TAMBON], out[AMPHOE], out[PROVINCE]


_INDEX: Optional[AdminNameIndex] = None


def name_index() -> AdminNameIndex:
    """The index over the current code list, built once on first use."""
    global _INDEX
    if _INDEX is None or _INDEX.dopa is not codes():
        _INDEX = AdminNameIndex()
    return _INDEX
