"""Which source column feeds which pin field: suggestions from Thai and English headers (and, for
coordinates without recognisable headers, from the values), and a store that remembers the mapping
of each source "shape" (its set of headers) so the next import of the same kind of file needs no
clicks.  Pure Python.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .. import schema
from .coords import CoordinateError, in_thailand, parse_angle, parse_pair
from .text import header_key

#: Pin fields a column can fill (pin_id is always new; version/updated_at belong to the registry).
SCHEMA_TARGETS: Tuple[str, ...] = tuple(
    n for n in schema.EDITABLE_FIELDS if n != "pin_id")
#: Coordinate columns.
LOCATION_TARGETS: Tuple[str, ...] = ("lat", "lon", "latlon", "easting", "northing", "utm_zone")
#: Admin-unit names (used when the codes are missing).
NAME_TARGETS: Tuple[str, ...] = ("tambon_name", "amphoe_name", "province_name", "admin_names")
TARGETS: Tuple[str, ...] = SCHEMA_TARGETS + LOCATION_TARGETS + NAME_TARGETS
#: Targets that may be given a constant instead of a column.
CONSTANT_TARGETS: Tuple[str, ...] = ("point_type", "agency", "province_code", "amphoe_code",
                                     "utm_zone")

# Header synonyms per target, best first.  Compared after header_key() (lower case, no spaces or
# punctuation, Thai digits).  Exact matches beat partial ones; a header serves one target.
_SYNONYMS: Dict[str, Tuple[str, ...]] = {
    "lat": ("lat", "latitude", "ละติจูด", "ละติจูต", "ลติจูด", "ละติจุด", "ละดิจูด", "y", "ycoord",
            "พิกัดy", "พิกัดละติจูด", "geolat", "latwgs84", "latdd", "coordy", "pointy"),
    "lon": ("lon", "long", "lng", "longitude", "ลองจิจูด", "ลองติจูด", "ลองจิจูต", "ลองกิจูด",
            "ลองจิจุด", "x", "xcoord", "พิกัดx", "พิกัดลองจิจูด", "geolon", "geolng", "lonwgs84",
            "longdd", "coordx", "pointx"),
    "latlon": ("latlon", "latlong", "latlng", "พิกัด", "พิกัดภูมิศาสตร์", "พิกัดgps", "gps",
               "coordinates", "coordinate", "coords", "location", "ตำแหน่ง", "ตำแหน่งพิกัด",
               "googlemaps", "googlemap", "maplink", "ลิงก์แผนที่", "แผนที่"),
    "easting": ("easting", "utme", "utmx", "east", "e", "พิกัดe", "พิกัดutme", "พิกัดutmx",
                "eutm", "xutm"),
    "northing": ("northing", "utmn", "utmy", "north", "n", "พิกัดn", "พิกัดutmn", "พิกัดutmy",
                 "nutm", "yutm"),
    "utm_zone": ("utmzone", "zone", "โซน", "zoneutm", "utm", "โซนutm"),
    "name_th": ("nameth", "name", "ชื่อ", "ชื่อหน่วยงาน", "ชื่อหน่วยบริการ", "ชื่อสถานที่",
                "ชื่อจุดบริการ", "ชื่อจุดให้บริการ", "ชื่อไทย", "ชื่อภาษาไทย", "ชื่อth",
                "hosname", "ชื่อสถานพยาบาล", "ชื่อสถานบริการ", "ชื่อโรงเรียน", "ชื่อสถานศึกษา",
                "ชื่อสำนักงาน", "ชื่อหน่วย", "ชื่อองค์กร", "ชื่ออปท", "ชื่อสถานี", "placename",
                "title", "ชื่อ(ไทย)", "namethai"),
    "name_en": ("nameen", "nameeng", "nameenglish", "englishname", "ชื่อภาษาอังกฤษ", "ชื่ออังกฤษ",
                "ชื่อen", "hosnameen", "ชื่อ(อังกฤษ)"),
    "point_type": ("pointtype", "type", "ประเภท", "ประเภทจุดบริการ", "ประเภทจุดให้บริการ",
                   "ประเภทหน่วยงาน", "ประเภทสถานที่", "category", "kind", "ชนิด"),
    "agency": ("agency", "หน่วยงาน", "สังกัด", "หน่วยงานต้นสังกัด", "ต้นสังกัด", "กรม", "กระทรวง",
               "department", "ministry", "owner", "organization", "organisation"),
    "province_code": ("provincecode", "provcode", "provid", "provinceid", "changwatcode",
                      "pvcode", "รหัสจังหวัด", "adm1pcode", "pcode1", "cwcode", "chwcode",
                      "prov"),
    "amphoe_code": ("amphoecode", "amcode", "ampcode", "amphurcode", "amphoeid", "ampid",
                    "districtcode", "distcode", "รหัสอำเภอ", "adm2pcode", "apcode", "aumcode",
                    "amphurid"),
    "tambon_code": ("tamboncode", "tmcode", "tamcode", "tambonid", "tamid", "tbcode",
                    "subdistrictcode", "subdistcode", "รหัสตำบล", "adm3pcode", "geocode", "tcode",
                    "tumboncode", "tumbolcode"),
    "address": ("address", "ที่อยู่", "ที่ตั้ง", "addr", "fulladdress", "ที่อยู่หน่วยงาน",
                "ที่อยู่สถานที่", "description"),
    "phone": ("phone", "tel", "telephone", "โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์", "หมายเลขโทรศัพท์",
              "โทร", "phonenumber", "mobile", "contact"),
    "opening_hours": ("openinghours", "hours", "เวลาทำการ", "เวลาเปิดทำการ", "เวลาเปิด", "เวลาเปิดปิด",
                      "วันเวลาทำการ", "officehours"),
    "tambon_name": ("tambon", "tambonname", "ตำบล", "ชื่อตำบล", "แขวง", "ตำบลแขวง", "แขวงตำบล",
                    "subdistrict", "subdistrictname", "tumbon", "tumbol", "adm3nameth",
                    "adm3name", "tamname", "tmname"),
    "amphoe_name": ("amphoe", "amphoename", "อำเภอ", "ชื่ออำเภอ", "เขต", "อำเภอเขต", "เขตอำเภอ",
                    "district", "districtname", "amphur", "amphurname", "adm2nameth", "adm2name",
                    "ampname", "amname"),
    "province_name": ("province", "provincename", "จังหวัด", "ชื่อจังหวัด", "changwat",
                      "adm1nameth", "adm1name", "provname", "pvname"),
    "admin_names": ("adminnames", "ตำบลอำเภอจังหวัด", "ตอจ", "เขตการปกครอง", "ที่ตั้งตามเขตการปกครอง"),
}
SYNONYMS: Dict[str, Tuple[str, ...]] = {t: tuple(header_key(s) for s in syns)
                                        for t, syns in _SYNONYMS.items()}
_THAI = re.compile(r"[\u0e00-\u0e7f]")


#: A header naming an identifier of something (รหัสหน่วยงาน: the unit's id, agency_id) is not that
#: thing: it only partly matches a code target, never the name, agency or type it mentions.
_ID_HEAD = re.compile(r"^(รหัส|เลขที่|หมายเลข|เลข)")
_ID_TAIL = re.compile(r"(id|code|no|number|pcode|รหัส)$")
_CODE_TARGETS = ("province_code", "amphoe_code", "tambon_code")


def _header_score(hk: str, target: str,
                  synonyms: Optional[Dict[str, Tuple[str, ...]]] = None) -> Optional[Tuple[int, int]]:
    best = None
    identifier = bool(_ID_HEAD.search(hk) or _ID_TAIL.search(hk))
    for rank, syn in enumerate((synonyms or SYNONYMS)[target]):
        if hk == syn:
            return (2, -rank)
        if identifier and target not in _CODE_TARGETS:
            continue
        if best is None and len(syn) >= 3 and (
                (_THAI.search(syn) and syn in hk) or hk.startswith(syn) or hk.endswith(syn)):
            best = (1, -rank)
    return best


def header_matches(header: str) -> int:
    """How many targets a header looks like (used to find the header row of a sheet)."""
    hk = header_key(header)
    if not hk:
        return 0
    return sum(1 for t in TARGETS if _header_score(hk, t))


class MappingError(ValueError):
    """A mapping that cannot be used; the message says what to fix."""


@dataclass
class Mapping:
    """target -> source column, target -> constant value, and the source key column."""

    columns: Dict[str, str] = field(default_factory=dict)
    constants: Dict[str, str] = field(default_factory=dict)
    source_key: Optional[str] = None
    #: How each entry was chosen ("header", "values", "saved", "given", "register"); for the log.
    origin: Dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        out: dict = {"columns": dict(self.columns)}
        if self.constants:
            out["constants"] = dict(self.constants)
        if self.source_key:
            out["source_key"] = self.source_key
        return out

    @classmethod
    def from_json(cls, data: dict) -> "Mapping":
        if not isinstance(data, dict):
            raise MappingError("a mapping is a JSON object")
        if "columns" in data or "constants" in data or "source_key" in data:
            columns = data.get("columns") or {}
            constants = data.get("constants") or {}
            key = data.get("source_key") or None
        else:
            columns, constants, key = data, {}, None
        m = cls({str(k): str(v) for k, v in columns.items() if v not in (None, "")},
                {str(k): str(v) for k, v in constants.items() if v not in (None, "")},
                str(key) if key else None)
        m.check_targets()
        return m

    def check_targets(self) -> None:
        unknown = [t for t in list(self.columns) + list(self.constants)
                   if t not in TARGETS and t != "source_key"]
        if unknown:
            raise MappingError(
                f"Unknown mapping target(s): {', '.join(unknown)}. Valid targets: "
                + ", ".join(TARGETS) + ".")
        bad = [t for t in self.constants if t not in CONSTANT_TARGETS]
        if bad:
            raise MappingError(f"Only {', '.join(CONSTANT_TARGETS)} can be given a fixed value "
                               f"(not {', '.join(bad)}).")
        if "source_key" in self.columns:
            self.source_key = self.columns.pop("source_key")

    def merged_over(self, base: "Mapping") -> "Mapping":
        """This mapping's entries win; a target given an empty column here is removed."""
        columns = dict(base.columns)
        constants = dict(base.constants)
        origin = dict(base.origin)
        for t, c in self.columns.items():
            columns[t] = c
            constants.pop(t, None)
            origin[t] = self.origin.get(t, "given")
        for t, v in self.constants.items():
            constants[t] = v
            columns.pop(t, None)
            origin[t] = self.origin.get(t, "given")
        return Mapping(columns, constants, self.source_key or base.source_key, origin)

    def describe(self) -> str:
        parts = [f"{t} <- '{c}' ({self.origin.get(t, 'given')})" for t, c in self.columns.items()]
        parts += [f"{t} = {v} ({self.origin.get(t, 'given')})" for t, v in self.constants.items()]
        if self.source_key:
            parts.append(f"source key '{self.source_key}'")
        return "; ".join(parts)


def parse_mapping_text(text: str) -> Mapping:
    """A mapping typed by a person or a script.

    Either JSON (``{"name_th": "ชื่อ", "lat": "Y"}`` or ``{"columns": {...}, "constants": {...},
    "source_key": "..."}``), or lines/``;``-separated ``target=column`` entries, ``target:=value``
    for a fixed value (``point_type:=school``) and ``source_key=column``.  ``target=`` (empty)
    switches a suggested target off.
    """
    text = (text or "").strip()
    if not text:
        return Mapping()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as e:
            raise MappingError(f"The mapping is not valid JSON: {e}") from None
        return Mapping.from_json(data)
    columns: Dict[str, str] = {}
    constants: Dict[str, str] = {}
    key = None
    for entry in re.split(r"[;\n]+", text):
        entry = entry.strip()
        if not entry:
            continue
        if ":=" in entry:
            t, v = entry.split(":=", 1)
            constants[t.strip()] = v.strip()
        elif "=" in entry:
            t, v = entry.split("=", 1)
            t, v = t.strip(), v.strip()
            if t == "source_key":
                key = v or None
            else:
                columns[t] = v
        else:
            raise MappingError(f"'{entry}' is not target=column (e.g. lat=Y; name_th=ชื่อ).")
    m = Mapping(columns, constants, key)
    m.check_targets()
    return m


def _looks_like(values: Sequence[Optional[str]], test) -> float:
    filled = [v for v in values if v not in (None, "") and str(v).strip()]
    if not filled:
        return 0.0
    ok = 0
    for v in filled:
        try:
            if test(v):
                ok += 1
        except (CoordinateError, ValueError, OverflowError):
            pass
    return ok / len(filled)


def _lat_like(v) -> bool:
    return 5.0 <= parse_angle(v).value <= 21.0


def _lon_like(v) -> bool:
    return 96.8 <= parse_angle(v).value <= 106.2


def _pair_like(v) -> bool:
    loc = parse_pair(v)
    return in_thailand(loc.lat, loc.lon) or in_thailand(loc.lon, loc.lat)


def match_headers(headers: Sequence[str], targets: Sequence[str],
                  synonyms: Optional[Dict[str, Tuple[str, ...]]] = None) -> Dict[str, str]:
    """target -> header from the headers alone: exact synonyms beat partial ones, better-ranked
    synonyms beat worse, the leftmost column wins a tie; a header serves one target."""
    keys = [header_key(h) for h in headers]
    scored: List[Tuple[Tuple[int, int], str, int]] = []
    for i, hk in enumerate(keys):
        if not hk:
            continue
        for t in targets:
            s = _header_score(hk, t, synonyms)
            if s:
                scored.append((s, t, i))
    scored.sort(key=lambda x: (x[0], -x[2]), reverse=True)
    out: Dict[str, str] = {}
    used = set()
    for _, t, i in scored:
        if t in out or i in used:
            continue
        out[t] = headers[i]
        used.add(i)
    return out


def suggest_mapping(headers: Sequence[str], sample: Iterable[Sequence[Optional[str]]] = ()) -> Mapping:
    """The automatic mapping: headers first, then (for coordinates and the name only) values."""
    keys = [header_key(h) for h in headers]
    m = Mapping()
    for t, h in match_headers(headers, TARGETS).items():
        m.columns[t] = h
        m.origin[t] = "header"
    used = {headers.index(h) for h in m.columns.values()}
    rows = [list(r) for r in sample]
    located = (("lat" in m.columns and "lon" in m.columns) or "latlon" in m.columns
               or ("easting" in m.columns and "northing" in m.columns))
    if rows and not located:
        # half a pair from the headers (a lone "N" or "Y") is no location: look at the values
        for t in ("lat", "lon", "easting", "northing"):
            if t in m.columns:
                used.discard(headers.index(m.columns.pop(t)))
                m.origin.pop(t, None)
        cols = [[r[i] if i < len(r) else None for r in rows] for i in range(len(headers))]
        free = [i for i in range(len(headers)) if i not in used]
        lat = max(free, key=lambda i: _looks_like(cols[i], _lat_like), default=None)
        lon = max(free, key=lambda i: _looks_like(cols[i], _lon_like), default=None)
        if (lat is not None and lon is not None and lat != lon
                and _looks_like(cols[lat], _lat_like) >= 0.8 and _looks_like(cols[lon], _lon_like) >= 0.8):
            m.columns["lat"], m.columns["lon"] = headers[lat], headers[lon]
            m.origin["lat"] = m.origin["lon"] = "values"
            used.update((lat, lon))
        else:
            pair = max(free, key=lambda i: _looks_like(cols[i], _pair_like), default=None)
            if pair is not None and _looks_like(cols[pair], _pair_like) >= 0.8:
                m.columns["latlon"] = headers[pair]
                m.origin["latlon"] = "values"
                used.add(pair)
    if rows and "name_th" not in m.columns:
        cols = [[r[i] if i < len(r) else None for r in rows] for i in range(len(headers))]

        def thai_text(i: int) -> float:
            return _looks_like(cols[i], lambda v: bool(_THAI.search(str(v)))
                               and not any(ch.isdigit() for ch in str(v)[:2]))

        free = [i for i in range(len(headers)) if i not in used]
        best = max(free, key=thai_text, default=None)
        if best is not None and thai_text(best) >= 0.8:
            m.columns["name_th"] = headers[best]
            m.origin["name_th"] = "values"
    # The MOPH facility register (chospital): every row is a health facility.
    # Its ``hostype`` holds MOPH's own type codes (18 = รพ.สต., ...), not point types.
    if {"hoscode", "hosname"} <= set(keys):
        if header_key(m.columns.get("point_type", "")) in ("hostype", ""):
            m.columns.pop("point_type", None)
            m.constants["point_type"] = "health_facility"
            m.origin["point_type"] = "register"
    return m


# ------------------------------------------------------------------------------------------------
# the store


def shape_key(headers: Iterable[str]) -> str:
    """The identity of a source's shape: its set of (normalised) headers, order ignored."""
    keys = sorted({header_key(h) for h in headers if h and header_key(h)})
    # a cache key, not a security measure (Python >= 3.9 takes usedforsecurity)
    return hashlib.sha1("\x1f".join(keys).encode("utf-8"),
                        usedforsecurity=False).hexdigest()[:16]


class MappingStore:
    """Mappings remembered per source shape, in one JSON file (path given by the caller, e.g.
    ``<QGIS profile>/citizen_pins/import_mappings.json``)."""

    VERSION = 1

    def __init__(self, path: str):
        self.path = path

    def _load(self) -> dict:
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return {"version": self.VERSION, "shapes": {}}
        except (OSError, ValueError):
            return {"version": self.VERSION, "shapes": {}, "_unreadable": True}
        if not isinstance(data, dict) or not isinstance(data.get("shapes"), dict):
            return {"version": self.VERSION, "shapes": {}, "_unreadable": True}
        return data

    def get(self, headers: Sequence[str]) -> Optional[Mapping]:
        entry = self._load()["shapes"].get(shape_key(headers))
        if not entry:
            return None
        try:
            m = Mapping.from_json(entry.get("mapping") or {})
        except MappingError:
            return None
        m.origin = {t: "saved" for t in list(m.columns) + list(m.constants)}
        return m

    def put(self, headers: Sequence[str], mapping: Mapping) -> None:
        data = self._load()
        if data.pop("_unreadable", False) and os.path.exists(self.path):
            os.replace(self.path, self.path + ".unreadable")
        data["shapes"][shape_key(headers)] = {
            "headers": list(headers),
            "mapping": mapping.to_json(),
            "saved_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        }
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".mappings", suffix=".json", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise

    def forget(self, headers: Sequence[str]) -> bool:
        data = self._load()
        if data["shapes"].pop(shape_key(headers), None) is None:
            return False
        with open(self.path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
        return True
