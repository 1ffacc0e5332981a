"""Is a pin a service point that is already there?  Names compared after normalisation, and
distance: pure Python (no Qt, no numpy), so the registry's gateway, the pull, the import and the
validation rules all answer the question alike.

Two pins are **the same service point** when they lie within :data:`SAME_POINT_M` of each other
and their names are the same after normalisation (case, Thai digits, spaces and punctuation
ignored), or one typing slip apart (one character replaced, added or dropped, in names of 6+
characters) -- except when the slip is a digit: "หมู่ 1" and "หมู่ 2" are two places.

Why 20 m: the same facility pinned twice (a list's coordinates, a click on the map, a GPS
reading) lands within a few metres; two offices with the same name 20 m apart are one office.
Near-identical names further apart (up to the validation's near-duplicate distance, 100 m) stay a
warning for a person to look at (``duplicates.near_same_name``).
"""
from __future__ import annotations

import math
from typing import Dict, Optional

#: Pins closer than this with the same (or one-slip) name are the same service point (metres).
SAME_POINT_M = 20.0

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


def name_key(name: Optional[str]) -> str:
    """A name compared for near-duplicates: case-folded, Thai digits as ASCII, without spaces and
    punctuation (one str.translate: Thai digits and the removed characters do not case-fold)."""
    if not name:
        return ""
    return name.casefold().translate(_NAME_KEY)


def _first_difference(a: str, b: str) -> int:
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    return i


def near_identical(a: str, b: str) -> bool:
    """Equal after normalisation, or one edit apart in names of 6+ characters (keys)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    # one edit (substitution, insertion or deletion)?
    if len(a) > len(b):
        a, b = b, a
    i = _first_difference(a, b)
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def same_name(a: Optional[str], b: Optional[str]) -> bool:
    """The names of one service point: :func:`near_identical` keys, unless the one character
    that differs is a digit (numbered places are different places)."""
    ka, kb = name_key(a), name_key(b)
    if not near_identical(ka, kb):
        return False
    if ka == kb:
        return True
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    i = _first_difference(short, long_)
    changed = {long_[i]} | ({short[i]} if len(short) == len(long_) else set())
    return not any(ch.isdigit() for ch in changed)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (WGS84 mean radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(h)))


def same_service_point(name_a: Optional[str], lon_a: float, lat_a: float,
                       name_b: Optional[str], lon_b: float, lat_b: float,
                       within_m: float = SAME_POINT_M) -> bool:
    return same_name(name_a, name_b) and distance_m(lon_a, lat_a, lon_b, lat_b) <= within_m


class PointGrid:
    """Points in cells of about 0.002 degrees (~220 m): the candidates near a point, fast."""

    CELL = 0.002

    def __init__(self):
        self.cells: Dict[tuple, list] = {}

    def _cell(self, lon: float, lat: float) -> tuple:
        return (int(math.floor(lon / self.CELL)), int(math.floor(lat / self.CELL)))

    def add(self, lon: float, lat: float, item) -> None:
        self.cells.setdefault(self._cell(lon, lat), []).append((lon, lat, item))

    def remove(self, lon: float, lat: float, item) -> None:
        cell = self.cells.get(self._cell(lon, lat), [])
        cell[:] = [c for c in cell if c[2] is not item]

    def near(self, lon: float, lat: float):
        """Every (lon, lat, item) in the 3x3 cells around the point (>= 220 m around it)."""
        cx, cy = self._cell(lon, lat)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                yield from self.cells.get((cx + dx, cy + dy), ())
