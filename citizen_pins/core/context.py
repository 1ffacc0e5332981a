"""The prepared inputs every rule reads: pins (columns), the boundary index, DOPA codes, settings.

Everything derived (normalised codes, where each pin lies, coordinate problems, the location
verdict) is computed once, lazily, the first time a rule asks for it, so rules stay small and
independent and a rule that needs nothing expensive costs nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

try:
    from collections.abc import Sequence as SequenceABC
except ImportError:  # pragma: no cover
    from collections import Sequence as SequenceABC  # type: ignore

import numpy as np

from .boundaries import BoundaryIndex
from .dopa import DopaCodes, NormalizedCode, normalize_code
from .memory import index_dtype
from .pins import PinTable, _text_or_none

#: Default TOLERANCE in metres (see docs/validation.md for the measurement behind it).
DEFAULT_TOLERANCE_M = 100.0
#: Pins closer than this with near-identical names are reported as possible duplicates.
DEFAULT_DUPLICATE_DISTANCE_M = 100.0
#: Thailand's extent with a small margin (lon/lat, EPSG:4326).
THAILAND_ENVELOPE = (97.2, 5.5, 105.8, 20.6)

CODE_DIGITS = (("province_code", 2), ("amphoe_code", 4), ("tambon_code", 6))

# coordinate problems
COORD_ZERO, COORD_SWAPPED, COORD_PROJECTED, COORD_OUTSIDE = "zero", "swapped", "projected", "outside"
COORD_SLIP = "slip"  # a typing slip: lat == lon, or one digit too many / few, a misplaced point
# location verdicts
LOC_PROVINCE, LOC_AMPHOE, LOC_TAMBON, LOC_NEAR = "province", "amphoe", "tambon", "near"
LOC_UNCHECKED, LOC_NOT_COVERED = "unchecked", "not_covered"


@dataclass
class Settings:
    tolerance_m: float = DEFAULT_TOLERANCE_M
    duplicate_distance_m: float = DEFAULT_DUPLICATE_DISTANCE_M


@dataclass
class CoordProblem:
    kind: str
    #: proposed point (EPSG:4326) and why ("swap", "utm47", "utm48", "slip"), when one lands in
    #: Thailand
    suggestion: Optional[Tuple[float, float, str]] = None
    distance_m: Optional[float] = None
    #: the tambon code where the proposed point lies ("" if none or not checked)
    lands_in: str = ""
    #: the proposed point lies in the declared units (True), elsewhere (False), or nothing to
    #: compare it with: no boundary layer, no declared code (None)
    fits: Optional[bool] = None
    #: for a slip: "same" (lat == lon), "digits" (a value one edit from a Thai coordinate)
    detail: str = ""
    #: for a slip: every reading of the values that lands in Thailand
    readings: Tuple[Tuple[float, float], ...] = ()


@dataclass
class LocationVerdict:
    kind: str                        # LOC_*
    level: str = ""                  # the level that disagrees (province / amphoe / tambon)
    declared: str = ""               # the declared code at that level
    located: str = ""                # the tambon code where the pin lies ("" if none / invalid)
    raw_located: str = ""            # the boundary feature's own code value (for "unchecked")
    distance_m: Optional[float] = None
    detail: str = ""


def in_envelope(x, y):
    x0, y0, x1, y1 = THAILAND_ENVELOPE
    return (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)


def slip_readings(x: float, y: float) -> Tuple[Tuple[float, float], ...]:
    """Readings of (x, y) one keystroke away that land in Thailand, when the numbers are degrees
    gone wrong rather than another CRS: one value is in Thailand's range for its axis and the
    other is a number below 10,000 (UTM metres are far larger), more than 5 degrees out of range
    (not a neighbouring country), that one extra,
    missing or doubled digit or a misplaced decimal point brings into range (199.88 -> 99.88,
    1005.2 -> 100.52, 137.5 -> 13.75 or 17.5).  Empty when none does."""
    x0, y0, x1, y1 = THAILAND_ENVELOPE
    x_ok, y_ok = x0 <= x <= x1, y0 <= y <= y1
    if x_ok == y_ok:
        return ()
    bad, lo, hi = (y, y0, y1) if x_ok else (x, x0, x1)
    # UTM metres in Thailand are six or seven digits; a value within 5 degrees of Thailand's
    # range is a point in a neighbouring country or at sea, not a slip
    if not (abs(bad) < 10_000.0 and (bad < lo - 5.0 or bad > hi + 5.0)):
        return ()
    out = []
    for v in _one_edit(bad):
        if lo <= v <= hi:
            pt = (x, v) if x_ok else (v, y)
            if pt not in out:
                out.append(pt)
    return tuple(out)


def _one_edit(value: float) -> List[float]:
    """Numbers one keystroke from ``value``: a digit removed, a digit doubled, the decimal point
    moved by one or two places."""
    text = repr(abs(value))
    if "e" in text:
        return []
    sign = -1.0 if value < 0 else 1.0
    digits = text.replace(".", "")
    point = text.index(".") if "." in text else len(text)
    out = []
    for k in range(len(digits)):
        for d, p in ((digits[:k] + digits[k + 1:], point - (k < point)),
                     (digits[:k + 1] + digits[k:], point + (k < point))):
            if d and p > 0:
                out.append(float(d[:p] + "." + d[p:]) if p < len(d) else float(d))
    for shift in (-2, -1, 1, 2):
        p = point + shift
        if 0 < p < len(digits):
            out.append(float(digits[:p] + "." + digits[p:]))
    return [sign * v for v in out if v != abs(value)]


class ValidationContext:
    def __init__(self, pins: PinTable, boundaries: Optional[BoundaryIndex], dopa: DopaCodes,
                 settings: Optional[Settings] = None, national: Optional[bool] = None,
                 published: Optional[Iterable[str]] = None,
                 distinct: Optional[Iterable[str]] = None, services=None):
        self.pins = pins
        #: pin_ids the registry has (a working copy's base); None when the input is no working
        #: copy (then no pin is known to be new)
        self.published = None if published is None else frozenset(published)
        #: new pins a person said are a different service point from the published one nearby
        self.distinct = frozenset(distinct or ())
        #: The services, steps and documents to check with the pins (core/services.ServiceSet;
        #: None: only the pins are checked)
        self.services = services
        self.boundaries = boundaries
        self.dopa = dopa
        self.settings = settings or Settings()
        self.n = len(pins)
        if national is None and boundaries is not None:
            national = set(p.code for p in dopa.provinces()) <= set(boundaries.provinces())
        #: True when the boundary layer covers every province (then "nowhere" means abroad)
        self.national = bool(national)
        self._cache: Dict[str, object] = {}

    # -- small helpers -------------------------------------------------------------------------
    def xy(self, i: int) -> Tuple[Optional[float], Optional[float]]:
        x, y = float(self.pins.x[i]), float(self.pins.y[i])
        if x != x or y != y:
            return None, None
        return x, y

    def pin_id(self, i: int) -> str:
        return self.pins.column("pin_id")[i] or ""

    def clear(self) -> None:
        """Forget everything worked out (the rules are done): frees it at once, not at the
        garbage collector's next full pass (it refers back to this context)."""
        self._cache.clear()

    def _cached(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    # -- codes -----------------------------------------------------------------------------------
    def _codes(self, field: str) -> "_FieldCodes":
        """Each distinct (value, parent code) of ``field`` normalised once, and which one each pin has.

        Codes repeat a lot (a million pins have a few thousand distinct codes): the columns are
        factorised in numpy (on GDAL's raw bytes when the reader kept them), so no per-pin Python
        work is done for the common case.
        """
        def make():
            digits = dict(CODE_DIGITS)[field]
            parent_field = {"amphoe_code": "province_code", "tambon_code": "amphoe_code"}.get(field)
            parent = self._codes(parent_field) if parent_field else None
            rows, row_inv = self._code_rows()
            col = self.pins.column(field)
            raw = getattr(col, "raw", None)
            values = ([_text_or_none(v) for v in raw[rows].tolist()] if raw is not None
                      else [col[i] for i in rows.tolist()])
            # one normalised code per distinct (value, parent code)
            index: Dict[Tuple[object, Optional[str]], int] = {}
            norms: List[NormalizedCode] = []
            of_row = np.empty(len(rows), dtype=index_dtype(len(rows)))
            parent_of_row = parent.inv[rows] if parent is not None else None
            for g, v in enumerate(values):
                pc = parent.norms[int(parent_of_row[g])].code if parent is not None else None
                k = index.get((v, pc))
                if k is None:
                    k = index[(v, pc)] = len(norms)
                    norms.append(normalize_code(v, digits=digits, parent=pc))
                of_row[g] = k
            d = self.dopa
            known = [n.code if n.code and (n.code in d.units or n.code in d.abolished_units)
                     else None for n in norms]
            return _FieldCodes(of_row[row_inv], norms, known)
        return self._cached("codes:" + field, make)

    def _code_rows(self) -> Tuple[np.ndarray, np.ndarray]:
        """The distinct (province, amphoe, tambon code) rows: (first pin of each, each pin's row).

        A million pins have a few thousand distinct rows: they are found with one hash sort over
        GDAL's raw bytes when the reader kept them, else with a dictionary.
        """
        def make():
            cols = [self.pins.column(f) for f, _ in CODE_DIGITS]
            raws = [getattr(c, "raw", None) for c in cols]
            got = None
            if all(r is not None for r in raws):
                from .pins import factorize_rows

                got = factorize_rows(raws)
                if got is not None:  # kept for the whole validation: as small as it can be
                    got = got[0], got[1].astype(index_dtype(len(got[0])), copy=False)
            if got is None:
                index: Dict[tuple, int] = {}
                first: List[int] = []
                inv = np.empty(self.n, dtype=index_dtype(self.n))
                for i, row in enumerate(zip(*cols)):
                    k = index.get(row)
                    if k is None:
                        k = index[row] = len(first)
                        first.append(i)
                    inv[i] = k
                got = np.asarray(first, dtype=np.int64), inv
            return got
        return self._cached("code_rows", make)

    def _row_flags(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per distinct code row: (a known code is abolished, a well-formed code is unknown, the
        well-formed codes do not nest)."""
        def make():
            rows, _ = self._code_rows()
            cs = [self._codes(f) for f in ("province_code", "amphoe_code", "tambon_code")]
            gone = self.dopa.abolished_units
            n = len(rows)
            abolished = np.zeros(n, dtype=bool)
            unknown = np.zeros(n, dtype=bool)
            broken = np.zeros(n, dtype=bool)
            for g, r in enumerate(rows.tolist()):
                norms = [c.norms[int(c.inv[r])] for c in cs]
                knowns = [c.known[int(c.inv[r])] for c in cs]
                p, a, t = (m.code for m in norms)
                abolished[g] = any(k in gone for k in knowns if k)
                unknown[g] = any(m.code and not k for m, k in zip(norms, knowns))
                broken[g] = bool((t and a and t[:4] != a) or (a and p and a[:2] != p)
                                 or (t and p and not a and t[:2] != p))
            return abolished, unknown, broken
        return self._cached("row_flags", make)

    def abolished_pins(self) -> List[int]:
        """Pins with an abolished code in any field."""
        def make():
            ab, _, _ = self._row_flags()
            return np.nonzero(ab[self._code_rows()[1]])[0].tolist() if ab.any() else []
        return self._cached("abolished_pins", make)

    def hierarchy_pins(self) -> List[int]:
        """Pins whose codes do not nest and that have no abolished or unknown code (their codes
        finding sets the three codes together, so the break is not a second finding)."""
        def make():
            ab, unk, broken = self._row_flags()
            bad = broken & ~ab & ~unk
            return np.nonzero(bad[self._code_rows()[1]])[0].tolist() if bad.any() else []
        return self._cached("hierarchy_pins", make)

    def normalized(self, field: str) -> Sequence[NormalizedCode]:
        """Each pin's code in ``field`` normalised (Thai numerals, TH prefix, lost zeros...)."""
        c = self._codes(field)
        return PerPin(c.norms, c.inv)

    def declared(self, field: str) -> Sequence[Optional[str]]:
        """Well-formed declared codes (current or not), None where empty or malformed."""
        def make():
            c = self._codes(field)
            return PerPin([n.code for n in c.norms], c.inv)
        return self._cached("decl:" + field, make)

    def malformed(self, field: str) -> List[int]:
        """Pins whose code in ``field`` is malformed (not empty, not normalisable)."""
        def make():
            c = self._codes(field)
            bad = np.asarray([n.error is not None for n in c.norms] + [False], dtype=bool)
            return np.nonzero(bad[c.inv])[0].tolist()
        return self._cached("bad:" + field, make)

    def known(self, field: str) -> Sequence[Optional[str]]:
        """Declared codes that DOPA knows (current or abolished), else None."""
        c = self._codes(field)
        return PerPin(c.known, c.inv)

    def known_int(self, field: str) -> np.ndarray:
        """:meth:`known` as integers (0 for None): DOPA codes have no leading zero."""
        c = self._codes(field)
        return np.asarray([int(k) if k else 0 for k in c.known] + [0], dtype=np.int32)[c.inv]

    def unknown_pins(self, field: str) -> List[int]:
        """Pins whose code in ``field`` is well formed but unknown to DOPA."""
        c = self._codes(field)
        mask = np.asarray([n.code is not None and k is None for n, k in zip(c.norms, c.known)]
                          + [False], dtype=bool)
        return np.nonzero(mask[c.inv])[0].tolist()

    def empty_pins(self, field: str) -> List[int]:
        """Pins with no code in ``field`` (NULL, blank, ``-``, ``NULL`` text)."""
        c = self._codes(field)
        mask = np.asarray([n.empty for n in c.norms] + [False], dtype=bool)
        return np.nonzero(mask[c.inv])[0].tolist()

    def pins_with_known(self, field: str, wanted) -> List[int]:
        """Pins whose known code in ``field`` is in ``wanted``."""
        c = self._codes(field)
        mask = np.asarray([k in wanted for k in c.known] + [False], dtype=bool)
        return np.nonzero(mask[c.inv])[0].tolist()

    # -- geometry and coordinates --------------------------------------------------------------
    @property
    def geom_issues(self) -> Dict[int, str]:
        """The pins with a geometry problem (few): pin -> problem, in pin order."""
        return self._cached("geom_issues", lambda: dict(self.pins.geom_issue.items()))

    @property
    def geometry_ok(self) -> np.ndarray:
        def make():
            ok = np.ones(self.n, dtype=bool)
            if self.geom_issues:
                ok[np.fromiter(self.geom_issues, dtype=np.int64)] = False
            return ok
        return self._cached("geom_ok", make)

    @property
    def near_pairs(self) -> Tuple[np.ndarray, np.ndarray]:
        """Pairs (i < j, sorted) of pins with a usable geometry closer than the duplicate
        distance (both duplicate rules read them)."""
        def make():
            from .boundaries import near_pairs

            return near_pairs(np.where(self.geometry_ok, self.pins.x, np.nan), self.pins.y,
                              self.settings.duplicate_distance_m)
        return self._cached("near_pairs", make)

    @property
    def same_point(self) -> Dict[int, int]:
        """Pins at the very point (to 1 cm) of an earlier pin: pin -> the first pin of its group
        (the first is not a key)."""
        return self._cached("same_point", self._same_point)

    def _same_point(self) -> Dict[int, int]:
        x, y = self.pins.x, self.pins.y
        first_of: Dict[int, int] = {}
        if self.settings.duplicate_distance_m >= 0.05:
            # equal to 1 cm means within 1.5 cm: among the near pairs the duplicates rule finds
            ii, jj = self.near_pairs
            same = ((np.round(x[ii], 7) == np.round(x[jj], 7))
                    & (np.round(y[ii], 7) == np.round(y[jj], 7)))
            for a, b in zip(ii[same].tolist(), jj[same].tolist()):  # a < b: b's group starts lower
                first_of[b] = min(a, first_of.get(b, a))
        else:
            ok = np.nonzero(self.geometry_ok & np.isfinite(x) & np.isfinite(y))[0]
            rx, ry = np.round(x[ok], 7), np.round(y[ok], 7)  # ~1 cm
            order = np.lexsort((ok, ry, rx))
            same = (rx[order][1:] == rx[order][:-1]) & (ry[order][1:] == ry[order][:-1])
            for k in np.nonzero(same)[0].tolist():
                a, b = int(ok[order[k]]), int(ok[order[k + 1]])
                first_of[b] = first_of.get(a, a)
        return first_of

    @property
    def shares_point(self) -> set:
        """Every pin whose point another pin has too (coordinates copied from one office to
        another are never a reason to change codes)."""
        return self._cached("shares_point", lambda: set(self.same_point)
                            | set(self.same_point.values()))

    @property
    def located(self) -> np.ndarray:
        """Index of the boundary polygon each pin lies in (-1: none / not checked)."""
        return self._cached("located", self._locate)

    def _locate(self) -> np.ndarray:
        out = np.full(self.n, -1, dtype=index_dtype(len(self.boundaries or ())))
        if self.boundaries is None:
            return out
        ok = self.geometry_ok & in_envelope(self.pins.x, self.pins.y)
        idx = np.nonzero(ok)[0]
        pre = getattr(self.boundaries, "prelocated", None)
        pre = pre(self.pins.x, self.pins.y) if pre is not None else None
        if pre is not None:  # located while the boundaries streamed by (same answers)
            out[idx] = pre[idx]
        elif len(idx):
            out[idx] = self.boundaries.locate(self.pins.x[idx], self.pins.y[idx])
        return out

    def located_code(self, i: int) -> Optional[str]:
        j = int(self.located[i])
        return self.boundaries.codes[j] if j >= 0 and self.boundaries is not None else None

    @property
    def coord_problems(self) -> Dict[int, CoordProblem]:
        """Pins whose coordinates cannot be right: (0,0), swapped, projected, abroad."""
        return self._cached("coords", self._coord_problems)

    def _coord_problems(self) -> Dict[int, CoordProblem]:
        x, y = self.pins.x, self.pins.y
        ok = self.geometry_ok & np.isfinite(x) & np.isfinite(y)
        inside = in_envelope(x, y)
        out: Dict[int, CoordProblem] = {}
        for i in np.nonzero(ok & ~inside)[0].tolist():
            xi, yi = float(x[i]), float(y[i])
            if xi == 0.0 and yi == 0.0:
                out[i] = CoordProblem(COORD_ZERO)
            elif xi == yi:  # one value typed (or pasted) into both columns
                out[i] = CoordProblem(COORD_SLIP, detail="same")
            elif bool(in_envelope(yi, xi)):
                out[i] = self._landing(i, CoordProblem(COORD_SWAPPED, (yi, xi, "swap")))
            elif slip_readings(xi, yi):
                readings = slip_readings(xi, yi)
                out[i] = self._landing(i, CoordProblem(COORD_SLIP, detail="digits",
                                                       readings=readings), readings)
            elif abs(xi) > 180.0 or abs(yi) > 90.0:
                out[i] = self._utm_guess(i, xi, yi)
            else:
                out[i] = CoordProblem(COORD_OUTSIDE)
        if self.boundaries is not None and self.national:
            # inside the envelope but in no tambon: abroad (or at sea) if beyond the tolerance
            lost = np.nonzero(ok & inside & (self.located < 0))[0]
            if len(lost):
                _, dist = self.boundaries.nearest_any(x[lost], y[lost])
                for i, d in zip(lost.tolist(), dist.tolist()):
                    if d > self.settings.tolerance_m:
                        out[i] = CoordProblem(COORD_OUTSIDE, None, d)
        return out

    def _landing(self, i: int, p: CoordProblem,
                 candidates: Sequence[Tuple[float, float]] = ()) -> CoordProblem:
        """Where the proposed point(s) land, compared with the pin's declared codes.

        With several ``candidates`` (readings of a typing slip) the one that lies in the declared
        units is proposed, and only when exactly one does; with one proposal (a swap) it is
        proposed and ``fits`` says whether the declared units agree.
        """
        pts = list(candidates) or ([p.suggestion[:2]] if p.suggestion else [])
        if not pts:
            return p
        why = p.suggestion[2] if p.suggestion else "slip"
        if self.boundaries is None:
            if len(pts) == 1:
                p.suggestion = (pts[0][0], pts[0][1], why)
            return p
        where = self.boundaries.locate(np.asarray([q[0] for q in pts]),
                                       np.asarray([q[1] for q in pts]))
        lands = [self.boundaries.codes[j] or "" if j >= 0 else "" for j in where.tolist()]
        verdicts = [self.declared_agree(i, code) for code in lands]
        if len(pts) == 1:
            p.suggestion = (pts[0][0], pts[0][1], why)
            p.lands_in, p.fits = lands[0], verdicts[0]
            return p
        good = [k for k, v in enumerate(verdicts) if v]
        if len(good) == 1:
            k = good[0]
            p.suggestion = (pts[k][0], pts[k][1], why)
            p.lands_in, p.fits = lands[k], True
        return p

    def declared_agree(self, i: int, tambon: str) -> Optional[bool]:
        """Does tambon ``tambon`` (where a proposed point lands) agree with pin i's declared codes?
        None when the pin declares no usable code; False when it lands nowhere."""
        known = [(digits, self.known(field)[i]) for field, digits in CODE_DIGITS]
        known = [(digits, c) for digits, c in known if c]
        if not known:
            return None
        if not tambon:
            return False
        return all(self.equivalent(c, tambon[:digits]) if digits == 6 else c == tambon[:digits]
                   for digits, c in known)

    def _utm_guess(self, i: int, xi: float, yi: float) -> CoordProblem:
        from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY,
                               QgsProject)

        wgs = QgsCoordinateReferenceSystem("EPSG:4326")
        candidates = []
        for zone in (47, 48):
            for ex, ny in ((xi, yi), (yi, xi)):  # easting/northing may be swapped too
                try:
                    t = QgsCoordinateTransform(QgsCoordinateReferenceSystem(f"EPSG:326{zone}"), wgs,
                                               QgsProject.instance())
                    p = t.transform(QgsPointXY(ex, ny))
                except Exception:  # QgsCsException: numbers far outside the zone
                    continue
                if bool(in_envelope(p.x(), p.y())):
                    candidates.append((p.x(), p.y(), f"utm{zone}"))
        if not candidates:
            return CoordProblem(COORD_PROJECTED)
        if self.boundaries is not None:
            province = self.declared("province_code")[i]
            cx = np.asarray([c[0] for c in candidates])
            cy = np.asarray([c[1] for c in candidates])
            where = self.boundaries.locate(cx, cy)
            codes = [self.boundaries.codes[j] if j >= 0 else None for j in where.tolist()]
            for c, code in zip(candidates, codes):  # the one in the declared province first
                if province and code and code[:2] == province:
                    return self._landing(i, CoordProblem(COORD_PROJECTED, c))
            for c, code in zip(candidates, codes):
                if code:
                    return self._landing(i, CoordProblem(COORD_PROJECTED, c))
        return self._landing(i, CoordProblem(COORD_PROJECTED, candidates[0]))

    @property
    def point_usable(self) -> np.ndarray:
        """A single point with believable coordinates: the location rules may test it."""
        def make():
            m = self.geometry_ok & np.isfinite(self.pins.x) & np.isfinite(self.pins.y)
            bad = list(self.coord_problems)
            if bad:
                m[np.asarray(bad, dtype=np.int64)] = False
            return m
        return self._cached("usable", make)

    # -- the location verdict ------------------------------------------------------------------
    @property
    def location(self) -> Dict[int, LocationVerdict]:
        """For each usable pin that does not simply lie in its declared tambon: why not."""
        return self._cached("location", self._location)

    def equivalent(self, declared: str, located: str) -> bool:
        """Same unit, allowing for codes renumbered by DOPA (either side may lag behind)."""
        if declared == located:
            return True
        gone = self.dopa.abolished_units  # only an abolished code has replacements
        return ((declared in gone and located in self.dopa.replacement(declared))
                or (located in gone and declared in self.dopa.replacement(located)))

    def _location(self) -> Dict[int, LocationVerdict]:
        if self.boundaries is None:
            return {}
        out, need, codes_of, finest, maybe_near = self._location_plan()
        if not need:
            return out
        d_near, at_level = self._location_distances()
        near = {i for i, d in d_near.items() if d <= self.settings.tolerance_m}
        for i, level, code in need:
            L = self.located_code(i) or ""
            if i in near:
                out[i] = LocationVerdict(LOC_NEAR, level, finest[i], L, distance_m=d_near[i])
                continue
            d = d_near[i] if (finest.get(i) == code and i in d_near) else at_level.get(i)
            out[i] = LocationVerdict(level, level, code, L, distance_m=d)
        return out

    def _location_distances(self):
        """(distance to the finest declared unit of the pins that may be near it, distance to
        the declared unit of the disagreeing level of the others), measured once."""
        return self._cached("location_distances", self._measure_location)

    def _measure_location(self):
        """The distances of :meth:`_location_distances`, in one pass over the polygons (pure:
        reads the plan, the pins' points and the boundary polygons; writes nothing shared).

        Both sets are measured together, so a polygon is read and parsed once for both: the
        distance at the level is also measured for the pins that turn out within the tolerance
        of their finest unit (a few; unused).  Each point's distance does not depend on the
        others measured with it."""
        out, need, codes_of, finest, maybe_near = self._location_plan()
        may = {i for i, _ in maybe_near}
        rest = [(i, code) for i, level, code in need if not (finest.get(i) == code and i in may)]
        d_near, at_level = self._distances_many([maybe_near, rest])
        return d_near, at_level

    def _location_plan(self):
        """(verdicts needing no distance, [(pin, level, declared code)] to measure, codes per
        pin, finest declared unit in the layer per pin, [(pin, unit)] that may be within the
        tolerance): the location verdict's work before any distance, made once."""
        return self._cached("location_plan", self._make_location_plan)

    def _make_location_plan(self):
        b = self.boundaries
        tol = self.settings.tolerance_m
        # Only codes DOPA knows (current or abolished) are compared with the location: a malformed
        # or unknown code is the codes rules' finding, not a second one here.
        usable = self.point_usable
        loc = self.located
        found = (loc >= 0)
        # codes as integers (DOPA codes have no leading zero; 0 = none): vectorised comparisons
        loc_int = np.where(found, b.code_int[np.maximum(loc, 0)], 0)
        dt_i = self.known_int("tambon_code")
        da_i = self.known_int("amphoe_code")
        dp_i = self.known_int("province_code")
        has_any = (dt_i != 0) | (da_i != 0) | (dp_i != 0)
        agree = ((loc_int != 0) & ((dt_i == 0) | (dt_i == loc_int))
                 & ((da_i == 0) | (da_i == loc_int // 100))
                 & ((dp_i == 0) | (dp_i == loc_int // 10000)))
        todo = np.nonzero(usable & has_any & ~agree)[0]
        del loc_int, dt_i, da_i, dp_i, has_any, agree
        dp, da, dt = (self.known("province_code"), self.known("amphoe_code"),
                      self.known("tambon_code"))
        # pins whose codes finding (abolished, not nesting) sets their codes: compared as fixed
        from .codefix import resolved_codes

        resolved = resolved_codes(self) if len(todo) else {}

        def codes_of(i):
            got = resolved.get(i)
            return got if got is not None else (dp[i], da[i], dt[i])

        out: Dict[int, LocationVerdict] = {}
        need: List[Tuple[int, str, str]] = []  # (pin, level, declared code at that level)
        for i in todo.tolist():
            L = self.located_code(i) or ""
            P, A, T = codes_of(i)
            if loc[i] < 0:
                if P and b.has_unit(P):
                    need.append((i, LOC_PROVINCE, P))
                elif not self.national:
                    out[i] = LocationVerdict(LOC_NOT_COVERED,
                                             declared=dt[i] or da[i] or dp[i] or "")
                continue
            if not L:
                out[i] = LocationVerdict(LOC_UNCHECKED, located="",
                                         raw_located=b.raw_codes[int(loc[i])] or "",
                                         detail="boundary_code")
                continue
            if P and P != L[:2] and not (T and self.equivalent(T, L)):
                need.append((i, LOC_PROVINCE, P))
            elif A and A != L[:4] and not (T and self.equivalent(T, L)):
                if not b.has_unit(A):
                    # a current amphoe the layer lacks: it lags DOPA (an abolished one is
                    # already the codes rule's finding)
                    if self.dopa.is_current(A):
                        out[i] = LocationVerdict(LOC_UNCHECKED, LOC_AMPHOE, A, L,
                                                 detail="missing_unit")
                else:
                    need.append((i, LOC_AMPHOE, A))
            elif T and not self.equivalent(T, L):
                if not b.has_unit(T):
                    if self.dopa.is_current(T):
                        out[i] = LocationVerdict(LOC_UNCHECKED, LOC_TAMBON, T, L,
                                                 detail="missing_unit")
                else:
                    need.append((i, LOC_TAMBON, T))
        if not need:
            return out, need, codes_of, {}, []
        # Distance to the finest declared unit present in the layer decides warning vs error,
        # measured only for pins whose bounding-box lower bound is within the tolerance; the
        # others (and those found farther) get the distance to the declared unit of their level.
        finest: Dict[int, str] = {}
        for i, level, code in need:
            for c in reversed(codes_of(i)):
                if c and b.has_unit(c):
                    finest[i] = c
                    break
        maybe_near = []
        if finest:
            who = np.fromiter(finest, dtype=np.int64, count=len(finest))
            lb = b.lower_bounds_m(list(finest.values()), self.pins.x[who], self.pins.y[who])
            maybe_near = [(i, finest[i]) for i in who[lb <= tol].tolist()]
        return out, need, codes_of, finest, maybe_near

    @staticmethod
    def _grouped(pairs: List[Tuple[int, str]]):
        groups: Dict[str, List[int]] = {}
        for i, code in pairs:
            groups.setdefault(code, []).append(i)
        for code in sorted(groups):
            yield code, np.asarray(groups[code], dtype=np.int64)

    def _distances_many(self, sets: List[List[Tuple[int, str]]]) -> List[Dict[int, float]]:
        """Distance in metres from pin i to unit code for each set of (i, code), grouped by
        unit, all sets in one pass over the polygons (a pin may be in more than one set)."""
        grouped = [list(self._grouped(pairs)) for pairs in sets]
        got = self.boundaries.distances_to_units(
            [(code, self.pins.x[idx], self.pins.y[idx]) for groups in grouped
             for code, idx in groups])
        outs: List[Dict[int, float]] = []
        k = 0
        for groups in grouped:
            out: Dict[int, float] = {}
            for code, idx in groups:
                dist = got[k][1]
                k += 1
                for i, d in zip(idx.tolist(), dist.tolist()):
                    if d == d:
                        out[i] = float(d)
            outs.append(out)
        return outs


@dataclass
class _FieldCodes:
    inv: np.ndarray                  # per pin: index into norms
    norms: List[NormalizedCode]      # one per distinct (value, parent code)
    known: List[Optional[str]]       # the code when DOPA knows it (current or abolished)


class PerPin(SequenceABC):
    """One value per pin, stored once per distinct value: ``values[inv[i]]`` (a million pins have a
    few thousand distinct codes, so no list of a million references is built)."""

    def __init__(self, values: list, inv: np.ndarray):
        self.values, self.inv = values, inv

    def __len__(self) -> int:
        return len(self.inv)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.values[k] for k in self.inv[i].tolist()]
        return self.values[int(self.inv[i])]

    def __iter__(self):
        return map(self.values.__getitem__, self.inv.tolist())
