"""One source row to one pin (or a refusal), with every repair listed.

Statuses:

* ``imported``: the row became a pin as it was;
* ``repaired``: the row became a pin after repairs, each listed (``field: what``);
* ``refused``: the row did not become a pin; ``reason`` says why and what to fix;
* ``skipped``: not a data row (empty, title or header row) or already in the working copy.

Warnings (a code that is not current, an ambiguous tambon name, ...) never change a value; they
are listed for the person to check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .. import schema
from ..dopa import DopaCodes, codes, normalize_code
from ..thai_dates import english_date
from .admin_names import AdminNameIndex, admin_key, name_index, parse_admin_text
from .coords import CoordinateError, in_thailand, locate
from .mapping import Mapping
from .source import SourceRow
from .text import clean_spaces, thai_to_ascii_digits

IMPORTED, REPAIRED, REFUSED, SKIPPED = "imported", "repaired", "refused", "skipped"
STATUSES = (IMPORTED, REPAIRED, REFUSED, SKIPPED)

#: Cell values that mean "no value" in the lists offices send.
MISSING_MARKERS = frozenset({"null", "none", "-", "--", "n/a", "#n/a", "na", "ไม่มี", "ไม่ระบุ"})

_TEXT_FIELDS = ("name_th", "name_en", "agency", "address", "phone", "opening_hours")

# Words that say what kind of service point a name or a type value is; first match wins, so the
# more specific come first (a municipal health centre is a health facility, not a LAO office).
_TYPE_WORDS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("health_facility", ("โรงพยาบาล", "รพ.", "รพสต", "สถานีอนามัย", "ศูนย์สุขภาพชุมชน",
                         "ศูนย์บริการสาธารณสุข", "สาธารณสุข", "คลินิก", "hospital", "clinic",
                         "health")),
    ("police_station", ("สถานีตำรวจ", "สภ.", "สน.", "ตำรวจ", "police")),
    ("school", ("โรงเรียน", "ร.ร.", "school")),
    ("post_office", ("ไปรษณีย์", "post office", "postoffice")),
    ("land_office", ("สำนักงานที่ดิน", "ที่ดิน", "land office")),
    ("provincial_hall", ("ศาลากลาง", "provincial hall")),
    ("district_office", ("ที่ว่าการอำเภอ", "ที่ว่าการกิ่งอำเภอ", "district office")),
    ("lao_office", ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "อบต.", "อบจ.", "อบต",
                    "เทศบาล", "อปท", "municipality", "subdistrict administrative")),
)


def _type_lookup() -> Dict[str, str]:
    out = {}
    for p in schema.POINT_TYPES:
        for v in (p.key, p.label_th, p.label_en):
            out[re.sub(r"\s+", "", v).lower()] = p.key
    return out


_TYPE_EXACT = _type_lookup()


def infer_point_type(text: str) -> Optional[str]:
    """The point type a name or a type label speaks of, by its words; None if none does."""
    t = str(text or "").lower()
    for key, words in _TYPE_WORDS:
        if any(w in t for w in words):
            return key
    return None


@dataclass
class RowOutcome:
    table: str
    row: int
    status: str
    values: Dict[str, object] = field(default_factory=dict)
    lat: Optional[float] = None
    lon: Optional[float] = None
    repairs: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    reason: str = ""
    source_key: Optional[str] = None
    raw: Dict[str, str] = field(default_factory=dict)
    pin_id: Optional[str] = None
    #: skipped by the import's province filter (a row of another province)
    outside: bool = False
    #: (pin_id, name, metres) of a pin of the working copy this row is likely the same as
    likely: Optional[Tuple[str, str, float]] = None

    @property
    def is_pin(self) -> bool:
        return self.status in (IMPORTED, REPAIRED)


def _missing(v: Optional[str]) -> bool:
    return v is None or not v.strip() or v.strip().lower() in MISSING_MARKERS


class RowConverter:
    """Converts the rows of one source table with one mapping."""

    def __init__(self, table: str, headers: Sequence[str], mapping: Mapping,
                 default_point_type: Optional[str] = None, utm_zone: Optional[int] = None,
                 working_province: str = "", dopa: Optional[DopaCodes] = None,
                 names: Optional[AdminNameIndex] = None):
        self.table = table
        self.mapping = mapping
        self.dopa = dopa or codes()
        self.names = names or name_index()
        self.utm_zone = utm_zone
        self.working_province = working_province or ""
        index = {h: i for i, h in enumerate(headers)}
        self.col: Dict[str, int] = {t: index[c] for t, c in mapping.columns.items() if c in index}
        self.key_col = index.get(mapping.source_key) if mapping.source_key else None
        self.const = dict(mapping.constants)
        pt = self.const.get("point_type") or default_point_type
        self.default_point_type = self._type_key(pt) if pt else None
        self.has_names = any(t in self.col for t in
                             ("tambon_name", "amphoe_name", "province_name", "admin_names"))
        self.has_codes = any(t in self.col for t in ("tambon_code", "amphoe_code"))
        self._code_memo: Dict[tuple, object] = {}
        # what a row's codes depend on (the address only when nothing else can give them)
        self._code_inputs = tuple(t for t in ("province_code", "amphoe_code", "tambon_code",
                                              "tambon_name", "amphoe_name", "province_name",
                                              "admin_names") if t in self.col)
        if not self.has_names and not self.has_codes and "address" in self.col:
            self._code_inputs += ("address",)
        self._codes_memo: Dict[tuple, tuple] = {}
        self._type_memo: Dict[Optional[str], tuple] = {}

    @staticmethod
    def _type_key(value: str) -> Optional[str]:
        return _TYPE_EXACT.get(re.sub(r"\s+", "", str(value)).lower())

    def _get(self, values: List[Optional[str]], target: str) -> Optional[str]:
        i = self.col.get(target)
        if i is None:
            return None
        v = values[i] if i < len(values) else None
        return None if v is None else v

    def convert(self, row: SourceRow) -> RowOutcome:
        values = row.values
        out = RowOutcome(self.table, row.number, IMPORTED)
        out.raw = {t: values[i] for t, i in self.col.items()
                   if i < len(values) and values[i] is not None}
        if all(v is None or not str(v).strip() for v in values) and row.point is None:
            out.status, out.reason = SKIPPED, "empty row"
            return out
        if self.key_col is not None and self.key_col < len(values) and not _missing(values[self.key_col]):
            out.source_key = thai_to_ascii_digits(values[self.key_col].strip())
        if row.extra:
            shown = ", ".join(repr(v) for v in row.extra[:3])
            out.warnings.append(f"{len(row.extra)} value(s) beyond the last column ignored: {shown}")
        try:
            self._location(row, values, out)
        except CoordinateError as e:
            out.status, out.reason = REFUSED, f"location: {e}"
            return out
        self._texts(values, out)
        if not out.values.get("name_th"):
            out.status = REFUSED
            out.reason = "no name: name_th is empty (map the column holding the Thai name)"
            return out
        self._codes(values, out)
        self._point_type(values, out)
        if out.repairs:
            out.status = REPAIRED
        return out

    # -- location ------------------------------------------------------------------------------
    def _location(self, row: SourceRow, values: List[Optional[str]], out: RowOutcome) -> None:
        if row.geometry_error:
            raise CoordinateError(row.geometry_error)
        if row.point is not None:
            lon, lat = row.point
            if not in_thailand(lat, lon):
                if in_thailand(lon, lat):
                    lat, lon = lon, lat
                    out.repairs.append("location: swapped_lat_lon")
                else:
                    raise CoordinateError(f"{lat:.6f}, {lon:.6f} is outside Thailand")
            out.lat, out.lon = lat, lon
            out.repairs.extend(f"location: {r}" for r in row.geometry_repairs)
            return
        zone = self._get(values, "utm_zone")
        if zone is None and "utm_zone" in self.const:
            zone = self.const["utm_zone"]
        loc = locate(lat=self._get(values, "lat"), lon=self._get(values, "lon"),
                     pair=self._get(values, "latlon"), easting=self._get(values, "easting"),
                     northing=self._get(values, "northing"), zone=zone,
                     default_zone=self.utm_zone)
        out.lat, out.lon = loc.lat, loc.lon
        out.repairs.extend(f"location: {r}" for r in loc.repairs)

    # -- text ----------------------------------------------------------------------------------
    def _texts(self, values: List[Optional[str]], out: RowOutcome) -> None:
        for name in self.text_fields:
            text, repairs = self.text_value(name, self._get(values, name))
            if text is not None:
                out.values[name] = text
                out.repairs.extend(repairs)
        self._name_from_english(out)

    @property
    def text_fields(self) -> Tuple[str, ...]:
        """The text fields this mapping fills (a column or, for the agency, a constant)."""
        return tuple(n for n in _TEXT_FIELDS if n in self.col or (n == "agency" and n in self.const))

    def text_value(self, name: str, raw: Optional[str]) -> Tuple[Optional[str], Tuple[str, ...]]:
        """A text field's value from its cell (None when missing) and the repairs it took."""
        if raw is None and name == "agency" and "agency" in self.const:
            raw = self.const["agency"]
        if _missing(raw):
            return None, ()
        text = clean_spaces(raw)
        repairs: Tuple[str, ...] = () if text == raw else (f"{name}: spaces",)
        limit = schema.FIELD_BY_NAME[name].length
        if limit and len(text) > limit:
            text = text[:limit]
            repairs += (f"{name}: cut to {limit} characters",)
        return text, repairs

    @staticmethod
    def _name_from_english(out: RowOutcome) -> None:
        if not out.values.get("name_th") and out.values.get("name_en"):
            out.values["name_th"] = out.values["name_en"]
            out.repairs.append("name_th: copied from name_en (no Thai name)")

    # -- codes ---------------------------------------------------------------------------------
    def _codes(self, values: List[Optional[str]], out: RowOutcome) -> None:
        """The row's codes, repairs and warnings: worked out once per distinct set of the cells
        they depend on (a national list has a few thousand)."""
        self.apply_codes(tuple(self._get(values, t) for t in self._code_inputs), lambda: values, out)

    @property
    def code_inputs(self) -> Tuple[str, ...]:
        """The fields a row's codes are worked out from (the key of :meth:`apply_codes`)."""
        return self._code_inputs

    def apply_codes(self, key: tuple, values: Callable[[], List[Optional[str]]],
                    out: RowOutcome) -> None:
        """The codes of a row whose ``code_inputs`` cells are ``key`` (``values()``: the row's
        cells, read only the first time a key is seen)."""
        got = self._codes_memo.get(key)
        if got is None:
            scratch = RowOutcome(self.table, 0, IMPORTED)
            self._work_out_codes(values(), scratch)
            got = (tuple(scratch.repairs), tuple(scratch.warnings), tuple(scratch.values.items()))
            if len(self._codes_memo) < 200000:
                self._codes_memo[key] = got
        out.repairs.extend(got[0])
        out.warnings.extend(got[1])
        out.values.update(got[2])

    def _work_out_codes(self, values: List[Optional[str]], out: RowOutcome) -> None:
        found: Dict[str, Optional[str]] = {}
        parent = None
        for name, digits in (("province_code", 2), ("amphoe_code", 4), ("tambon_code", 6)):
            raw = self._get(values, name)
            if raw is None and name in self.const:
                raw = self.const[name]
            if raw is None:
                found[name] = None
                continue
            memo = (raw, digits, parent)
            n = self._code_memo.get(memo)
            if n is None:
                n = normalize_code(raw, digits, parent)
                if len(self._code_memo) < 200000:
                    self._code_memo[memo] = n
            if n.code is None and n.error:
                out.repairs.append(f"{name}: '{raw}' is not a {digits}-digit DOPA code, left empty")
            for r in n.repairs:
                if r == "local_part":
                    out.repairs.append(f"{name}: '{raw}' completed to {n.code}")
                elif r != "spaces" or n.code is not None:
                    out.repairs.append(f"{name}: {r}")
            found[name] = n.code
            parent = n.code or parent
        p, a, t = found["province_code"], found["amphoe_code"], found["tambon_code"]
        if not t and (self.has_names or not self.has_codes):
            p, a, t = self._from_names(values, out, p, a)
        # the parents of a known code follow from it (completion, not a repair)
        if t and not a:
            a = t[:4]
        if (t or a) and not p:
            p = (t or a)[:2]
        if t and a and not t.startswith(a):
            out.warnings.append(f"tambon_code {t} is not in amphoe_code {a}")
        if a and p and not a.startswith(p):
            out.warnings.append(f"amphoe_code {a} is not in province_code {p}")
        for name, code in (("tambon_code", t), ("amphoe_code", a), ("province_code", p)):
            if not code or self.dopa.is_current(code):
                continue
            gone = self.dopa.abolished(code)
            if gone is not None:
                repl = self.dopa.replacement(code)
                # a date only where a notice supports it (most are DOPA's 2006 list clean-up)
                when = gone.supported_date
                out.warnings.append(
                    f"{name} {code} ({gone.name_th}) "
                    + (f"was abolished by a Royal Gazette notice in force from "
                       f"{english_date(when)}" if when else "is no longer in DOPA's code list")
                    + ((f"; probably now {', '.join(repl)} (matched by name in DOPA's history)"
                        if gone.successors_basis == "name" else f"; now {', '.join(repl)}")
                       if repl else "") + " (kept as given)")
            else:
                out.warnings.append(f"{name} {code} is not a current DOPA code (kept as given)")
            break  # one warning per row about codes: the deepest
        if t and "tambon_name" in self.col and self.dopa.is_current(t):
            given = self._get(values, "tambon_name")
            unit = self.dopa.get(t)
            if not _missing(given) and admin_key(given, "tambon") not in (
                    admin_key(unit.name_th, "tambon"), admin_key(unit.name_en, "tambon")):
                out.warnings.append(f"tambon name '{given}' is not the name of {t} ({unit.name_th})")
        if self.working_province and p and p != self.working_province:
            out.warnings.append(f"province {p} is not the working copy's province "
                                f"{self.working_province}")
        for name, code in (("province_code", p), ("amphoe_code", a), ("tambon_code", t)):
            if code:
                out.values[name] = code

    def _from_names(self, values: List[Optional[str]], out: RowOutcome, p: Optional[str],
                    a: Optional[str]) -> Tuple[Optional[str], Optional[str], Optional[str]]:
        tn = self._get(values, "tambon_name")
        an = self._get(values, "amphoe_name")
        pn = self._get(values, "province_name")
        tn, an, pn = (None if _missing(v) else v for v in (tn, an, pn))
        source = "names"
        if not (tn or an or pn):
            text = self._get(values, "admin_names")
            if not _missing(text):
                tn, an, pn = parse_admin_text(text, allow_plain=True)
                source = f"'{clean_spaces(text)}'"
            elif not self.has_names:
                text = self._get(values, "address")
                if _missing(text):
                    return p, a, None
                tn, an, pn = parse_admin_text(text)
                if not (tn or an or pn):
                    return p, a, None
                source = "the address"
        if not (tn or an or pn):
            return p, a, None
        res = self.names.resolve(tn, an, pn, within=a or p)
        said = " ".join(x for x in (f"ต.{tn}" if tn else "", f"อ.{an}" if an else "",
                                    f"จ.{pn}" if pn else "") if x)
        if res.problem == "ambiguous":
            out.warnings.append(f"admin names {said}: {res.message}; code not set, choose one")
        elif res.problem == "not_found" or res.message:
            out.warnings.append(f"admin names {said}: {res.message}")
        new_t = res.tambon_code
        new_a = a or res.amphoe_code
        new_p = p or res.province_code
        if new_t:
            out.repairs.append(f"tambon_code: {new_t} from {source} ({said})")
        elif new_a and new_a != a:
            out.repairs.append(f"amphoe_code: {new_a} from {source} ({said})")
        elif new_p and new_p != p:
            out.repairs.append(f"province_code: {new_p} from {source} ({said})")
        if new_t:
            return new_t[:2], new_t[:4], new_t
        return new_p, new_a, None

    # -- point type ----------------------------------------------------------------------------
    def _point_type(self, values: List[Optional[str]], out: RowOutcome) -> None:
        self.apply_point_type(self._get(values, "point_type"), out)

    def apply_point_type(self, raw: Optional[str], out: RowOutcome) -> None:
        """The point type of a row whose type cell is ``raw`` (its name already in ``out``)."""
        got = self._type_memo.get(raw)
        if got is None:
            got = self._type_of(raw)
            if len(self._type_memo) < 200000:
                self._type_memo[raw] = got
        key, warnings = got
        out.warnings.extend(warnings)
        if key:
            out.values["point_type"] = key
            return
        key = infer_point_type(out.values.get("name_th", ""))
        if key:
            out.values["point_type"] = key
            out.repairs.append(f"point_type: {key} from the name")
        else:
            out.values["point_type"] = "other"
            out.repairs.append("point_type: other (no type given or recognised)")

    def _type_of(self, raw: Optional[str]) -> Tuple[Optional[str], Tuple[str, ...]]:
        """(the point type a type cell gives -- or the default --, warnings); None: the name
        decides."""
        warnings: Tuple[str, ...] = ()
        if not _missing(raw):
            # the list's own word for the type (อบต., เทศบาลนคร) is read, nothing repaired
            key = self._type_key(raw) or infer_point_type(raw)
            if key:
                return key, ()
            warnings = (f"point_type '{clean_spaces(raw)}' is not a known type",)
        return self.default_point_type, warnings
