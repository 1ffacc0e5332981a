"""Campaign completeness: which expected service points have a pin yet, per tambon, amphoe, province.

What is expected comes in one of two forms:

* **one per tambon** (:func:`expected_per_tambon`): every current DOPA tambon of the provinces in
  scope must have a pin of one point type (by default ``lao_office``: the office of its local
  government);
* **a list of organisations** (:func:`expected_from_rows`): one row per organisation with an id, a
  name, the DOPA code of the unit it serves (2, 4 or 6 digits) and its point type (e.g. every
  district office with its amphoe code).

Whether a pin counts for an expected item: by its **declared code, confirmed by its location**.

* The declared code says *which* organisation a pin stands for.  An office near a tambon boundary,
  or a town hall serving several tambons, often stands in a neighbouring tambon: counting by
  location alone would credit the neighbour with an office it does not have, and leave the real
  tambon "missing".
* The location proves the pin is where that organisation is.  Counting by declared code alone
  would credit tambons with pins geocoded hundreds of kilometres away (the MOPH register has tens
  of them, placed by a same-named tambon elsewhere).

So a pin that declares the item's unit makes the item *pinned*; it is *complete* when one of its
pins also lies in that unit (or within ``tolerance_m`` of it, as validation's warning-only
margin); *disputed* when every such pin lies elsewhere; *unchecked* when the boundary layer lacks
the unit (layers lag behind DOPA) or the pin has no usable point.  Pins of the right type that lie
in a unit but declare another are listed as hints (``pins_here``): usually the missing office with
a wrong code.  % complete counts complete items only; % pinned counts every item with a pin.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from .boundaries import BoundaryIndex
from .context import DEFAULT_TOLERANCE_M, Settings, ValidationContext
from .dopa import DopaCodes, codes, normalize_code
from .pins import PinTable

COMPLETE, DISPUTED, UNCHECKED, MISSING = "complete", "disputed", "unchecked", "missing"
STATUSES = (COMPLETE, DISPUTED, UNCHECKED, MISSING)
STATUS_TH = {COMPLETE: "ครบ (ตำแหน่งตรงกับรหัส)", DISPUTED: "มีหมุดแต่ตำแหน่งไม่ตรงกับรหัส",
             UNCHECKED: "มีหมุดแต่ตรวจตำแหน่งไม่ได้", MISSING: "ยังไม่มีหมุด"}
STATUS_EN = {COMPLETE: "complete (location agrees)", DISPUTED: "pinned, location disagrees",
             UNCHECKED: "pinned, location not checkable", MISSING: "no pin yet"}
LEVELS = ("tambon", "amphoe", "province")
DIGITS = {"province": 2, "amphoe": 4, "tambon": 6}


class ExpectedListError(ValueError):
    """The expected list cannot be used (says which row and what to fix)."""


@dataclass
class ExpectedItem:
    item_id: str
    name: str
    code: str            # DOPA code of the unit it serves (2, 4 or 6 digits)
    point_type: str

    @property
    def level(self) -> str:
        return {2: "province", 4: "amphoe", 6: "tambon"}[len(self.code)]


@dataclass
class ItemResult:
    item: ExpectedItem
    status: str
    pin_ids: List[str] = field(default_factory=list)   # pins that declare it (assigned to it)
    best_pin: str = ""                                 # the confirmed pin, else the first
    located: str = ""                                  # tambon code where best_pin lies
    distance_m: Optional[float] = None                 # best_pin's distance to the unit (0 inside)
    pins_here: List[str] = field(default_factory=list)  # right type, lies here, declares elsewhere


@dataclass
class UnitSummary:
    code: str
    level: str
    name_th: str
    name_en: str
    expected: int = 0
    complete: int = 0
    disputed: int = 0
    unchecked: int = 0
    missing: int = 0
    in_layer: bool = True

    @property
    def pinned(self) -> int:
        return self.complete + self.disputed + self.unchecked

    @property
    def pct_complete(self) -> Optional[float]:
        return round(100.0 * self.complete / self.expected, 1) if self.expected else None

    @property
    def pct_pinned(self) -> Optional[float]:
        return round(100.0 * self.pinned / self.expected, 1) if self.expected else None


@dataclass
class CompletenessResult:
    items: List[ItemResult]
    #: level -> code -> summary (sorted by code)
    units: Dict[str, "OrderedDict[str, UnitSummary]"]
    provinces: List[str]
    pins_considered: int
    mode: str

    def total(self) -> UnitSummary:
        t = UnitSummary("", "country", "ทั้งประเทศ", "Whole country")
        for s in self.units["province"].values():
            for k in ("expected", "complete", "disputed", "unchecked", "missing"):
                setattr(t, k, getattr(t, k) + getattr(s, k))
        return t

    def missing_items(self) -> List[ItemResult]:
        return [r for r in self.items if r.status != COMPLETE]


# -- what is expected ---------------------------------------------------------------------------

def expected_per_tambon(provinces: Iterable[str], point_type: str = "lao_office",
                        dopa: Optional[DopaCodes] = None) -> List[ExpectedItem]:
    """One item per current DOPA tambon of the given provinces (sorted by code)."""
    d = dopa or codes()
    wanted = set(provinces)
    out = []
    for code in sorted(d.units):
        u = d.units[code]
        if u.level == "tambon" and code[:2] in wanted:
            out.append(ExpectedItem(code, d.full_name(code, "th"), code, point_type))
    return out


_SPACES = re.compile(r"\s+")


def _norm_name(text: Optional[str]) -> str:
    return _SPACES.sub("", str(text or "")).lower()


def expected_from_rows(rows: Sequence[Tuple[object, object, object, object]],
                       point_types: Sequence[str], dopa: Optional[DopaCodes] = None,
                       default_point_type: str = "") -> List[ExpectedItem]:
    """Expected organisations from rows ``(id, name, code, point_type)`` (row order kept).

    Codes are normalised like pins' codes (Thai numerals, ``TH`` prefix, float tails); an
    abolished code is replaced by its single successor.  Raises :class:`ExpectedListError` naming
    the first bad row (1-based): empty or unknown code, unknown point type, duplicate id.
    """
    d = dopa or codes()
    out: List[ExpectedItem] = []
    seen = set()
    for k, (oid, name, raw_code, ptype) in enumerate(rows, start=1):
        oid_s = "" if oid is None else str(oid).strip()
        if not oid_s:
            oid_s = str(k)
        if oid_s in seen:
            raise ExpectedListError(f"row {k}: organisation id '{oid_s}' appears twice")
        seen.add(oid_s)
        n = normalize_code(raw_code)
        if n.code is None:
            raise ExpectedListError(f"row {k} ({oid_s}): '{raw_code}' is not a DOPA code of 2, 4 or "
                                    "6 digits")
        code = n.code
        if code not in d.units:
            succ = d.replacement(code) if d.abolished(code) else ()
            if len(succ) == 1:
                code = succ[0]
            else:
                raise ExpectedListError(f"row {k} ({oid_s}): code {code} is not a current DOPA code")
        pt = str(ptype).strip() if ptype not in (None, "") else default_point_type
        if pt not in point_types:
            raise ExpectedListError(f"row {k} ({oid_s}): point type '{ptype}' is not one of "
                                    f"{', '.join(point_types)}")
        out.append(ExpectedItem(oid_s, "" if name is None else str(name).strip(), code, pt))
    if not out:
        raise ExpectedListError("the expected list has no rows")
    return out


# -- matching pins to what is expected ------------------------------------------------------------

def _effective_codes(ctx: ValidationContext) -> List[str]:
    """Each pin's declared tambon (or coarser) code, current, '' when none.

    The finest well-formed declared code wins; an abolished code becomes its single successor.
    """
    d = ctx.dopa
    t, a, p = (ctx.declared("tambon_code"), ctx.declared("amphoe_code"),
               ctx.declared("province_code"))
    out = []
    for ct, ca, cp in zip(t, a, p):
        code = ""
        for c in (ct, ca, cp):
            if not c:
                continue
            if c in d.units:
                code = c
                break
            succ = d.replacement(c) if d.abolished(c) else ()
            if len(succ) == 1:
                code = succ[0]
                break
        out.append(code)
    return out


def compute(pins: PinTable, expected: Sequence[ExpectedItem], boundaries: Optional[BoundaryIndex],
            provinces: Optional[Iterable[str]] = None, dopa: Optional[DopaCodes] = None,
            tolerance_m: float = DEFAULT_TOLERANCE_M, mode: str = "organisations",
            ) -> CompletenessResult:
    """Match pins to expected items and summarise per tambon, amphoe and province.

    ``provinces``: the provinces reported (default: those of the expected items).  Items outside
    them are ignored.
    """
    d = dopa or codes()
    ctx = ValidationContext(pins, boundaries, d, Settings(tolerance_m=tolerance_m))
    prov = sorted(set(provinces) if provinces is not None else {e.code[:2] for e in expected})
    prov_set = set(prov)
    items = [e for e in expected if e.code[:2] in prov_set]
    wanted_types = {e.point_type for e in items}

    eff = _effective_codes(ctx)
    ptypes = pins.column("point_type")
    ids = pins.column("pin_id")
    names = pins.column("name_th")
    usable = ctx.point_usable if boundaries is not None else np.zeros(len(pins), dtype=bool)
    located = ctx.located if boundaries is not None else np.full(len(pins), -1, dtype=np.int64)
    loc_code = [(boundaries.codes[j] or "") if (boundaries is not None and j >= 0) else ""
                for j in located.tolist()]

    # pins per (point type, code at each level)
    by_key: Dict[Tuple[str, str], List[int]] = {}
    here: Dict[Tuple[str, str], List[int]] = {}
    for i in range(len(pins)):
        pt = (ptypes[i] or "").strip()
        if pt not in wanted_types:
            continue
        c = eff[i]
        for digits in (2, 4, 6):
            if len(c) >= digits:
                by_key.setdefault((pt, c[:digits]), []).append(i)
            if len(loc_code[i]) >= digits and usable[i]:
                here.setdefault((pt, loc_code[i][:digits]), []).append(i)

    # assign pins to items; several items may share a key (e.g. two LAOs in one tambon)
    groups: "OrderedDict[Tuple[str, str], List[int]]" = OrderedDict()
    for k, e in enumerate(items):
        groups.setdefault((e.point_type, e.code), []).append(k)
    assigned: Dict[int, List[int]] = {k: [] for k in range(len(items))}
    for key, members in groups.items():
        cand = by_key.get(key, [])
        if len(members) == 1:
            assigned[members[0]] = list(cand)
            continue
        free = list(cand)
        for matcher in (lambda e, i: ids[i] is not None and str(ids[i]) == e.item_id,
                        lambda e, i: bool(e.name) and _norm_name(names[i]) == _norm_name(e.name),
                        lambda e, i: True):
            for k in members:
                if assigned[k]:
                    continue
                for i in free:
                    if matcher(items[k], i):
                        assigned[k] = [i]
                        free.remove(i)
                        break

    # confirm by location
    need: List[Tuple[int, str]] = []  # (pin, unit code) needing a distance
    for k, e in enumerate(items):
        for i in assigned[k]:
            if usable[i] and loc_code[i] and not _inside(ctx, loc_code[i], e.code) \
                    and boundaries is not None and boundaries.has_unit(e.code):
                need.append((i, e.code))
    dist = _distances(boundaries, pins, need) if need else {}

    results: List[ItemResult] = []
    for k, e in enumerate(items):
        pin_list = assigned[k]
        r = ItemResult(e, MISSING)
        r.pin_ids = [str(ids[i] or "") for i in pin_list]
        claimed = set(pin_list)
        r.pins_here = [str(ids[i] or "") for i in here.get((e.point_type, e.code), [])
                       if eff[i][:len(e.code)] != e.code and i not in claimed]
        if pin_list:
            best, best_status, best_d = pin_list[0], None, None
            for i in pin_list:
                status, d_i = _pin_status(ctx, boundaries, usable[i], loc_code[i], e.code,
                                          dist.get((i, e.code)), tolerance_m)
                rank = STATUSES.index(status)
                if best_status is None or rank < STATUSES.index(best_status):
                    best, best_status, best_d = i, status, d_i
            r.status = best_status
            r.best_pin = str(ids[best] or "")
            r.located = loc_code[best]
            r.distance_m = best_d
        results.append(r)

    units = _summaries(results, prov, boundaries, d)
    considered = sum(1 for i in range(len(pins)) if (ptypes[i] or "").strip() in wanted_types)
    return CompletenessResult(results, units, prov, considered, mode)


def _inside(ctx: ValidationContext, located: str, unit: str) -> bool:
    if located[:len(unit)] == unit:
        return True
    if len(unit) == 6:
        return ctx.equivalent(unit, located)
    return False


def _pin_status(ctx, boundaries, usable, located, unit, distance, tol):
    if boundaries is None or not usable:
        return UNCHECKED, None
    if located and _inside(ctx, located, unit):
        return COMPLETE, 0.0
    if not boundaries.has_unit(unit):
        return UNCHECKED, None
    if distance is not None and distance <= tol:
        return COMPLETE, distance
    return DISPUTED, distance


def _distances(boundaries: BoundaryIndex, pins: PinTable,
               need: List[Tuple[int, str]]) -> Dict[Tuple[int, str], float]:
    groups: Dict[str, List[int]] = {}
    for i, code in need:
        groups.setdefault(code, []).append(i)
    out: Dict[Tuple[int, str], float] = {}
    for code in sorted(groups):
        idx = np.asarray(groups[code], dtype=np.int64)
        _, d = boundaries.distance_to_unit(code, pins.x[idx], pins.y[idx])
        for i, v in zip(idx.tolist(), d.tolist()):
            if v == v:
                out[(i, code)] = float(v)
    return out


def _summaries(results: List[ItemResult], provinces: List[str], boundaries: Optional[BoundaryIndex],
               d: DopaCodes) -> Dict[str, "OrderedDict[str, UnitSummary]"]:
    out: Dict[str, "OrderedDict[str, UnitSummary]"] = {}
    for level in LEVELS:
        digits = DIGITS[level]
        table: Dict[str, UnitSummary] = {}
        # every current unit of the provinces in scope, expected or not (0 expected: no colour)
        for code, u in d.units.items():
            if u.level == level and code[:2] in provinces:
                table[code] = UnitSummary(code, level, u.name_th, u.name_en,
                                          in_layer=boundaries is None or boundaries.has_unit(code))
        for r in results:
            if len(r.item.code) < digits:
                continue
            code = r.item.code[:digits]
            s = table.get(code)
            if s is None:
                s = table[code] = UnitSummary(code, level, d.name(code, "th"), d.name(code, "en"))
            s.expected += 1
            setattr(s, r.status, getattr(s, r.status) + 1)
        out[level] = OrderedDict((c, table[c]) for c in sorted(table))
    return out


def provinces_in(boundaries: Optional[BoundaryIndex], dopa: Optional[DopaCodes] = None) -> List[str]:
    """The current DOPA provinces a boundary layer covers (all 77 when there is no layer)."""
    d = dopa or codes()
    allp = [p.code for p in d.provinces()]
    if boundaries is None:
        return allp
    have = set(boundaries.provinces())
    return [p for p in allp if p in have]
