"""The boundary index: one spatial index over the tambon polygons of a boundary layer.

Amphoe and province follow from the tambon's DOPA code (its first 4 and 2 digits), so a pin is
located once, in one tambon, and every level is checked from that one answer: there is never a
second pass over full-resolution polygons.  Distances to a declared unit are computed only for the
pins that need them, against that unit's own tambons.

Two engines answer behind the same small interface:

* ``shapely`` (shapely >= 2): polygon by polygon, prepared ``intersects_xy`` on its candidates;
* ``qgis``: QgsSpatialIndex + prepared QgsGeometryEngine, for QGIS installs without shapely 2
  (old Windows builds).  About 10x slower per point (see docs/validation.md), same answers.

Distances are in metres: the nearest point is found in degrees (EPSG:4326) and the distance to it
is the haversine distance (mean Earth radius).  At Thailand's latitudes (5.6-20.5 N) the nearest
point in degrees is within a few per cent of the true nearest point; this is far below the
tolerance and is documented in docs/validation.md.
"""
from __future__ import annotations

import os
import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .dopa import normalize_code

EARTH_RADIUS_M = 6371008.8
#: Known names of a tambon code field (compared case-insensitively), in order of preference.
KNOWN_CODE_FIELDS = ("ADM3_PCODE", "tambon_code", "TAMBON_IDN", "TAM_CODE", "TB_CODE", "SUBDIST_CODE",
                     "subdistrict_code", "TCODE", "geocode", "code")
_CODE_RE = re.compile(r"^(TH)?[1-9][0-9]{5}$", re.IGNORECASE)

SHAPELY, QGIS = "shapely", "qgis"
#: Simplification (degrees, ~20 m) of the outlines used for distances that are only reported
#: ("it is 153.8 km away"); tolerance decisions always use the exact outlines.
APPROX_DEG = 0.0002
#: Height (degrees) of the bands of points the locator scans per polygon.
BAND_DEG = 0.25


def shapely2_available() -> bool:
    try:
        import shapely
    except ImportError:
        return False
    return int(shapely.__version__.split(".")[0]) >= 2


def qgis_geos_version() -> Optional[Tuple[int, int, int]]:
    try:
        from qgis.core import Qgis

        return (Qgis.geosVersionMajor(), Qgis.geosVersionMinor(), Qgis.geosVersionPatch())
    except (ImportError, AttributeError):
        return None


def shapely_matches_qgis_geos() -> bool:
    """shapely 2 is importable and built on the very GEOS that QGIS uses.

    A shapely wheel from PyPI carries its own GEOS.  Inside the QGIS application and qgis_process,
    QGIS's GEOS is loaded globally and the wheel's GEOS then resolves some symbols to it: a
    different version crashes QGIS (seen: shapely 2.1.2 wheel, GEOS 3.13, in Debian's QGIS 3.22
    with GEOS 3.11 -> segmentation fault in ``intersects_xy``).  So shapely is used only when its
    GEOS is QGIS's (OSGeo4W's and distributions' shapely packages are built that way).
    """
    if not shapely2_available():
        return False
    import shapely

    ours = qgis_geos_version()
    return ours is not None and tuple(shapely.geos_version) == tuple(ours)


def default_engine() -> str:
    """``shapely`` when shapely 2 on QGIS's own GEOS is importable, else ``qgis``.

    CITIZEN_PINS_ENGINE=shapely|qgis overrides (shapely from a wheel is safe in a plain Python
    process that imports qgis, such as the test suite, but not inside QGIS or qgis_process).
    """
    forced = os.environ.get("CITIZEN_PINS_ENGINE", "").strip().lower()
    if forced in (SHAPELY, QGIS):
        return forced
    return SHAPELY if shapely_matches_qgis_geos() else QGIS


def haversine_m(x1, y1, x2, y2):
    """Great-circle distance in metres between lon/lat points (numpy arrays or floats)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (x1, y1, x2, y2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def normalize_boundary_code(raw) -> Optional[str]:
    """The 6-digit DOPA tambon code of a boundary feature (``TH210101`` -> ``210101``), or None."""
    return normalize_code(raw, digits=6).code


def looks_like_tambon_code(value) -> bool:
    return value is not None and bool(_CODE_RE.match(str(value).strip()))


def detect_code_field(samples: Dict[str, Sequence[object]]) -> Optional[str]:
    """The field holding tambon codes, from a sample of values per (text or integer) field.

    Known names first (``ADM3_PCODE`` of the HDX/RTSD layer, ...), then any field whose non-empty
    sampled values are at least 90 % ``TH`` + 6 digits or bare 6-digit codes.  None if no field
    qualifies.
    """
    def score(values) -> float:
        vals = [v for v in values if v is not None and str(v).strip() not in ("", "NULL")]
        if not vals:
            return 0.0
        return sum(1 for v in vals if looks_like_tambon_code(v)) / len(vals)

    lower = {name.lower(): name for name in samples}
    for known in KNOWN_CODE_FIELDS:
        name = lower.get(known.lower())
        if name is not None and score(samples[name]) >= 0.9:
            return name
    for name in samples:  # layer order
        if score(samples[name]) >= 0.9:
            return name
    return None


# -- engines ------------------------------------------------------------------------------------

def _box_candidates(bounds: np.ndarray, subset: np.ndarray, xs: np.ndarray,
                    ys: np.ndarray) -> np.ndarray:
    """The polygons of ``subset`` whose box can hold the nearest simplified outline of a point:
    box distance (a lower bound) not above some point's smallest farthest-corner distance."""
    if len(subset) <= 1:
        return subset
    b = bounds[subset]
    x = xs[:, None]
    y = ys[:, None]
    dx = np.maximum(np.maximum(b[None, :, 0] - x, x - b[None, :, 2]), 0.0)
    dy = np.maximum(np.maximum(b[None, :, 1] - y, y - b[None, :, 3]), 0.0)
    lower = np.hypot(dx, dy)
    fx = np.maximum(np.abs(x - b[None, :, 0]), np.abs(x - b[None, :, 2]))
    fy = np.maximum(np.abs(y - b[None, :, 1]), np.abs(y - b[None, :, 3]))
    upper = np.hypot(fx, fy).min(axis=1)
    keep = (lower <= upper[:, None] * (1 + 1e-9) + 1e-12).any(axis=0)
    return subset[keep]


class _Locator:
    """Points sorted once in horizontal bands; polygons fed in index order (all at once, or
    batch by batch as they stream from a file), each prepared only while its candidates are
    tested.  A point keeps the first (lowest-index) polygon that contains it."""

    def __init__(self, xs: np.ndarray, ys: np.ndarray):
        self.n = len(xs)
        self.idx = np.nonzero(np.isfinite(xs) & np.isfinite(ys))[0]
        self.px, self.py = xs[self.idx], ys[self.idx]
        self.best = np.full(len(self.idx), -1, dtype=np.int64)
        if not len(self.idx):
            return
        # points in horizontal bands (BAND_DEG tall), sorted by x within each band: the points in
        # a polygon's box are a few short runs of this order, one per band the box crosses
        self.y0 = float(self.py.min())
        band = np.floor((self.py - self.y0) / BAND_DEG).astype(np.int64)
        self.order = np.lexsort((self.px, band))
        self.sx = self.px[self.order]
        self.starts = np.searchsorted(band[self.order], np.arange(int(band.max()) + 2), "left")

    def feed(self, s, geoms, bounds: np.ndarray, numbers) -> None:
        """Test polygons ``geoms`` (global indices ``numbers``, ascending, after every polygon
        fed before)."""
        if not len(self.idx) or not len(geoms):
            return
        starts, order, sx, px, py, best = (self.starts, self.order, self.sx, self.px, self.py,
                                           self.best)
        b = bounds
        b0 = np.clip(np.floor((b[:, 1] - self.y0) / BAND_DEG), 0, len(starts) - 2)
        b1 = np.clip(np.floor((b[:, 3] - self.y0) / BAND_DEG), -1, len(starts) - 2)
        for g in np.nonzero((b1 >= b0) & np.isfinite(b[:, 0]))[0].tolist():
            runs = []
            for k in range(int(b0[g]), int(b1[g]) + 1):
                s0, s1 = starts[k], starts[k + 1]
                lo = s0 + np.searchsorted(sx[s0:s1], b[g, 0], "left")
                hi = s0 + np.searchsorted(sx[s0:s1], b[g, 2], "right")
                if hi > lo:
                    runs.append(order[lo:hi])
            if not runs:
                continue
            cand = runs[0] if len(runs) == 1 else np.concatenate(runs)
            cy = py[cand]
            cand = cand[(cy >= b[g, 1]) & (cy <= b[g, 3])]
            if len(cand):
                cand = cand[best[cand] < 0]
            if not len(cand):
                continue
            geom = geoms[g]
            prepared = s.is_prepared(geom)
            if not prepared:
                s.prepare(geom)
            hit = s.intersects_xy(geom, px[cand], py[cand])
            if not prepared:
                s.destroy_prepared(geom)
            best[cand[hit]] = int(numbers[g])

    def result(self) -> np.ndarray:
        out = np.full(self.n, -1, dtype=np.int64)
        out[self.idx] = self.best
        return out


class _ShapelyEngine:
    name = SHAPELY

    def __init__(self, wkbs, bounds: Optional[np.ndarray] = None, loader=None):
        """``wkbs``: WKB or geometries; or None with ``bounds`` and ``loader(indices)`` (the
        geometries of some polygons, read again from the source when needed: the streaming
        reader keeps no full-resolution polygon in memory)."""
        import shapely

        self._s = shapely
        self._loader = loader
        if wkbs is None:
            self._geoms = None
            self.bounds = bounds
        else:
            if isinstance(wkbs, np.ndarray) and wkbs.dtype == object and (
                    not len(wkbs) or isinstance(wkbs[0], shapely.Geometry)):
                self._geoms = wkbs  # already geometries (read straight from GDAL's Arrow buffers)
            else:
                self._geoms = shapely.from_wkb(np.asarray(list(wkbs), dtype=object))
            self.bounds = shapely.bounds(self._geoms)
        self._tree = None
        self._simple = None
        self._held: Dict[int, object] = {}  # polygons loaded for the current group of queries

    @property
    def geoms(self) -> np.ndarray:
        """Every polygon (a lazily read index loads them all, once: only ``nearest_any``)."""
        if self._geoms is None:
            self._geoms = self._loader(np.arange(len(self.bounds)))
        return self._geoms

    def take(self, subset: np.ndarray) -> np.ndarray:
        """The polygons ``subset`` (held, or read again from the source)."""
        subset = np.asarray(subset, dtype=np.int64)
        if self._geoms is not None:
            return self._geoms[subset]
        out = np.empty(len(subset), dtype=object)
        todo = [k for k, i in enumerate(subset.tolist()) if i not in self._held]
        if todo:
            got = self._loader(subset[todo])
            out[todo] = got
        for k, i in enumerate(subset.tolist()):
            if out[k] is None:
                out[k] = self._held[i]
        return out

    def hold(self, subset: np.ndarray) -> None:
        """Read polygons once for many queries to come (a lazily read index); see release()."""
        if self._geoms is not None or not len(subset):
            return
        subset = np.unique(np.asarray(subset, dtype=np.int64))
        subset = subset[[i not in self._held for i in subset.tolist()]]
        if len(subset):
            for i, g in zip(subset.tolist(), self._loader(subset).tolist()):
                self._held[i] = g

    def release(self) -> None:
        self._held = {}

    @property
    def tree(self):
        if self._tree is None:
            self._tree = self._s.STRtree(self.geoms)
        return self._tree

    def locate(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Polygon by polygon (in index order): the points in its bounding box (short runs
        of the points sorted by x within 0.25-degree bands) tested against it, prepared only while it is tested.

        Going polygon by polygon keeps one prepared polygon in memory at a time (not ten million
        indexed segments) and is cache-friendly; a point keeps the first (lowest-index) polygon
        that contains it, as overlapping polygons must give a deterministic answer.  A lazily
        read index reads only the polygons whose box holds a point.
        """
        loc = _Locator(xs, ys)
        if self._geoms is not None:
            loc.feed(self._s, self._geoms, self.bounds, np.arange(len(self._geoms)))
            return loc.result()
        b = self.bounds
        ok = np.isfinite(b[:, 0])
        if len(loc.idx):
            x0, x1 = loc.px.min(), loc.px.max()
            y0, y1 = loc.py.min(), loc.py.max()
            ok &= (b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)
            if len(loc.idx) <= 64:  # a few points (UTM guesses): only boxes holding one
                near = np.zeros(len(b), dtype=bool)
                for x, y in zip(loc.px.tolist(), loc.py.tolist()):
                    near |= (b[:, 0] <= x) & (b[:, 2] >= x) & (b[:, 1] <= y) & (b[:, 3] >= y)
                ok &= near
        else:
            ok[:] = False
        sub = np.nonzero(ok)[0]
        for k in range(0, len(sub), 256):
            part = sub[k:k + 256]
            loc.feed(self._s, self.take(part), b[part], part)
        return loc.result()

    def _simplified(self, subset: np.ndarray) -> np.ndarray:
        if self._simple is None:
            self._simple = np.full(len(self.bounds), None, dtype=object)
        todo = subset[np.equal(self._simple[subset], None)]
        if len(todo):
            # outlines (not areas): the pins measured here lie outside these polygons, and a
            # simplified line is always valid
            self._simple[todo] = self._s.simplify(self._s.boundary(self.take(todo)), APPROX_DEG,
                                                  preserve_topology=False)
        return self._simple[subset]

    def _nearest_candidates(self, subset: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """The polygons of ``subset`` that can hold the nearest simplified outline of some point.

        A simplified outline keeps a subset of the polygon's vertices, so it lies inside the
        polygon's bounding box: the distance to the box is a lower bound and the distance to its
        farthest corner an upper bound.  Only polygons whose lower bound does not exceed a
        point's smallest upper bound can be its nearest; only those are simplified (lazily,
        once).  Should one of them simplify to nothing, every polygon is kept.
        """
        if len(subset) <= 1:
            return subset
        cand = _box_candidates(self.bounds, subset, xs, ys)
        simple = self._simplified(cand)
        if len(cand) < len(subset) and np.any(self._s.is_empty(simple)):
            return subset
        return cand

    def nearest(self, subset: Optional[np.ndarray], xs: np.ndarray,
                ys: np.ndarray, approx: bool = False) -> Tuple[np.ndarray, np.ndarray]:
        s = self._s
        pts = s.points(xs, ys)
        if subset is None:
            tree, geoms, back = self.tree, self.geoms, None
        else:
            if approx:
                subset = self._nearest_candidates(subset, xs, ys)
            geoms = self._simplified(subset) if approx else self.take(subset)
            tree, back = s.STRtree(geoms), subset
        pi, gi = tree.query_nearest(pts, all_matches=False)
        order = np.argsort(pi, kind="stable")
        pi, gi = pi[order], gi[order]
        lines = s.shortest_line(pts[pi], geoms[gi])
        coords = s.get_coordinates(lines).reshape(-1, 2, 2)
        dist = haversine_m(coords[:, 0, 0], coords[:, 0, 1], coords[:, 1, 0], coords[:, 1, 1])
        idx = np.full(len(xs), -1, dtype=np.int64)
        out = np.full(len(xs), np.nan)
        idx[pi] = gi if back is None else back[gi]
        out[pi] = dist
        return idx, out


class _QgisEngine:
    name = QGIS

    def __init__(self, wkbs: Sequence[bytes]):
        from qgis.core import QgsGeometry, QgsSpatialIndex

        self.geoms = []
        for w in wkbs:
            g = QgsGeometry()
            g.fromWkb(w)
            self.geoms.append(g)
        self.index = QgsSpatialIndex()
        b = []
        for i, g in enumerate(self.geoms):
            r = g.boundingBox()
            self.index.addFeature(i, r)
            b.append((r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))
        self.bounds = np.asarray(b, dtype=float).reshape(-1, 4)
        self._engines: List = [None] * len(self.geoms)
        self._simple: Dict[int, object] = {}

    def hold(self, subset) -> None:  # every polygon is in memory
        pass

    def release(self) -> None:
        pass

    def _geom(self, i: int, approx: bool):
        if not approx:
            return self.geoms[i]
        g = self._simple.get(i)
        if g is None:
            from qgis.core import QgsGeometry

            g = QgsGeometry(self.geoms[i].constGet().boundary()).simplify(APPROX_DEG)
            self._simple[i] = g
        return g

    def _engine(self, i):
        e = self._engines[i]
        if e is None:
            from qgis.core import QgsGeometry

            e = QgsGeometry.createGeometryEngine(self.geoms[i].constGet())
            e.prepareGeometry()
            self._engines[i] = e
        return e

    def locate(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        from qgis.core import QgsPoint, QgsRectangle

        out = np.full(len(xs), -1, dtype=np.int64)
        for k, (x, y) in enumerate(zip(xs.tolist(), ys.tolist())):
            if x != x or y != y:
                continue
            p = QgsPoint(x, y)
            for c in sorted(self.index.intersects(QgsRectangle(x, y, x, y))):
                if self._engine(c).intersects(p):
                    out[k] = c
                    break
        return out

    def nearest(self, subset: Optional[np.ndarray], xs: np.ndarray,
                ys: np.ndarray, approx: bool = False) -> Tuple[np.ndarray, np.ndarray]:
        from qgis.core import QgsGeometry, QgsPointXY

        cand = np.arange(len(self.geoms)) if subset is None else np.asarray(subset)
        b = self.bounds[cand]
        idx = np.full(len(xs), -1, dtype=np.int64)
        out = np.full(len(xs), np.nan)
        for k, (x, y) in enumerate(zip(xs.tolist(), ys.tolist())):
            dx = np.maximum(np.maximum(b[:, 0] - x, x - b[:, 2]), 0.0)
            dy = np.maximum(np.maximum(b[:, 1] - y, y - b[:, 3]), 0.0)
            lower = np.hypot(dx, dy)  # a lower bound of the distance in degrees
            pt = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            best, best_i = float("inf"), -1
            for j in np.argsort(lower, kind="stable").tolist():
                if lower[j] > best:
                    break
                d = self._geom(int(cand[j]), approx).distance(pt)
                if d < best:
                    best, best_i = d, int(cand[j])
            if best_i < 0:
                continue
            line = self._geom(best_i, approx).shortestLine(pt)
            pl = line.asPolyline()
            if len(pl) >= 2:
                out[k] = float(haversine_m(x, y, pl[0].x(), pl[0].y()))
            else:
                out[k] = 0.0
            if best == 0.0:
                out[k] = 0.0
            idx[k] = best_i
        return idx, out


# -- the index ----------------------------------------------------------------------------------

class BoundaryIndex:
    """Tambon polygons with their DOPA codes, indexed once."""

    def __init__(self, raw_codes: Sequence[object], wkbs: Sequence[bytes], engine: Optional[str] = None,
                 source: str = ""):
        self.source = source
        self.raw_codes = [None if c is None else str(c) for c in raw_codes]
        self.codes: List[Optional[str]] = [normalize_boundary_code(c) for c in raw_codes]
        if isinstance(engine, (_ShapelyEngine, _QgisEngine)):
            self.engine = engine  # built by a reader (e.g. the streaming one of from_ogr_arrow)
        else:
            engine = engine or default_engine()
            self.engine = _ShapelyEngine(wkbs) if engine == SHAPELY else _QgisEngine(wkbs)
        self._pre: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None
        self._members: Dict[str, List[int]] = {}
        for i, c in enumerate(self.codes):
            if c is None:
                continue
            for digits in (2, 4, 6):
                self._members.setdefault(c[:digits], []).append(i)
        self._members_np = {k: np.asarray(v, dtype=np.int64) for k, v in self._members.items()}
        b = self.engine.bounds
        self._unit_bounds = {k: (b[v, 0].min(), b[v, 1].min(), b[v, 2].max(), b[v, 3].max())
                             for k, v in self._members_np.items()}
        self.code_array = np.asarray([c or "" for c in self.codes], dtype=object)
        self.code4_array = np.asarray([(c or "")[:4] for c in self.codes], dtype=object)
        self.code2_array = np.asarray([(c or "")[:2] for c in self.codes], dtype=object)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def engine_name(self) -> str:
        return self.engine.name

    @property
    def invalid_code_count(self) -> int:
        return sum(1 for c in self.codes if c is None)

    def provinces(self) -> List[str]:
        return sorted(k for k in self._members if len(k) == 2)

    def has_unit(self, code: Optional[str]) -> bool:
        return bool(code) and code in self._members

    def members(self, code: str) -> np.ndarray:
        """Polygon indices of a province (2 digits), amphoe (4) or tambon (6)."""
        return self._members_np.get(code, np.empty(0, dtype=np.int64))

    def locate(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """For each point, the index of the tambon polygon it lies in (-1: none)."""
        return self.engine.locate(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))

    def prelocated(self, xs: np.ndarray, ys: np.ndarray) -> Optional[np.ndarray]:
        """What :meth:`locate` gives for these very arrays when the reader located them while the
        polygons streamed by (``from_ogr_arrow(..., points=(xs, ys))``), else None."""
        pre = self._pre
        if pre is None or len(pre[0]) != len(xs):
            return None
        if (pre[0] is xs and pre[1] is ys) or (np.array_equal(pre[0], xs, equal_nan=True)
                                               and np.array_equal(pre[1], ys, equal_nan=True)):
            return pre[2]
        return None

    def hold_for_distances(self, groups, approx: bool = False) -> None:
        """Read once the polygons that many :meth:`distance_to_unit` calls will need.

        ``groups``: (code, xs, ys) of the calls to come.  A lazily read index (the streaming
        GDAL reader) then reads those polygons in one go instead of unit by unit; with
        ``approx`` only their simplified outlines are kept.  Call :meth:`release` after.
        """
        eng = self.engine
        if not hasattr(eng, "_loader") or eng._geoms is not None:
            return
        need = []
        for code, xs, ys in groups:
            members = self.members(code)
            if approx and len(members) > 1:
                members = _box_candidates(eng.bounds, members, np.asarray(xs, dtype=float),
                                          np.asarray(ys, dtype=float))
            need.append(members)
        if not need:
            return
        union = np.unique(np.concatenate(need))
        if approx:
            # read, simplify, drop the full polygons in slices (the outlines stay cached)
            simple = eng._simple
            if simple is not None:
                union = union[np.equal(simple[union], None)]
            for k in range(0, len(union), 512):
                part = union[k:k + 512]
                eng.hold(part)
                eng._simplified(part)
                eng.release()
        else:
            eng.hold(union)

    def release(self) -> None:
        """Drop the polygons read by :meth:`hold_for_distances` (a lazily read index)."""
        self.engine.release()

    def distance_to_unit(self, code: str, xs: np.ndarray, ys: np.ndarray,
                         approx: bool = False) -> Tuple[np.ndarray, np.ndarray]:
        """Nearest polygon of unit ``code`` and the distance to it in metres (0 inside).

        ``approx``: against outlines simplified by ~20 m (for distances only reported).
        """
        members = self.members(code)
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        if not len(members):
            return np.full(len(xs), -1, dtype=np.int64), np.full(len(xs), np.nan)
        return self.engine.nearest(members, xs, ys, approx)

    def lower_bound_m(self, code: str, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """A cheap lower bound of the distance (metres) to unit ``code``: its bounding box."""
        x0, y0, x1, y1 = self._unit_bounds.get(code, (np.inf, np.inf, np.inf, np.inf))
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        dx = np.maximum(np.maximum(x0 - xs, xs - x1), 0.0)
        dy = np.maximum(np.maximum(y0 - ys, ys - y1), 0.0)
        lat = np.minimum(np.maximum(np.abs(ys), abs(y0)), 89.0) + 0.5
        return 0.99 * np.hypot(dx * 111_000.0 * np.cos(np.radians(np.maximum(lat, np.abs(y1)))),
                               dy * 110_500.0)

    def nearest_any(self, xs: np.ndarray, ys: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        return self.engine.nearest(None, np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))


# -- near pairs (duplicates) --------------------------------------------------------------------

def near_pairs(xs: np.ndarray, ys: np.ndarray, distance_m: float) -> Tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of points closer than ``distance_m`` (haversine), sorted.

    A grid of cells one threshold wide (in degrees of longitude at the widest latitude used),
    sorted once: the candidates of a point are the points of its own and the 8 neighbouring cells
    within that width (Euclidean, in degrees), then the haversine distance decides.  Pure numpy,
    the same for both engines.
    """
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    ok = np.nonzero(np.isfinite(xs) & np.isfinite(ys))[0]
    empty = np.empty(0, np.int64)
    if len(ok) < 2 or distance_m <= 0:
        return empty, empty
    lat_max = min(float(np.max(np.abs(ys[ok]))), 85.0)
    cell = distance_m / (111_320.0 * np.cos(np.radians(lat_max)))
    px, py = xs[ok], ys[ok]
    cx = np.floor(px / cell).astype(np.int64)
    cy = np.floor(py / cell).astype(np.int64)
    cx -= cx.min() - 1
    cy -= cy.min() - 1
    width = int(cy.max()) + 2
    key = cx * width + cy
    order = np.argsort(key, kind="stable")
    skey = key[order]
    ii: List[np.ndarray] = []
    jj: List[np.ndarray] = []
    n = len(ok)
    for ox in (-1, 0, 1):
        for oy in (-1, 0, 1):
            target = skey + (ox * width + oy)  # sorted: searchsorted walks memory in order
            lo = np.searchsorted(skey, target, "left")
            hi = np.searchsorted(skey, target, "right")
            count = hi - lo
            total = int(count.sum())
            if not total:
                continue
            a = order[np.repeat(np.arange(n), count)]
            start = np.repeat(lo - (np.cumsum(count) - count), count)
            b = order[start + np.arange(total)]
            keep = a < b
            a, b = a[keep], b[keep]
            dx = px[b] - px[a]
            dy = py[b] - py[a]
            keep = np.sqrt(dx * dx + dy * dy) <= cell
            ii.append(a[keep])
            jj.append(b[keep])
    if not ii:
        return empty, empty
    i, j = ok[np.concatenate(ii)], ok[np.concatenate(jj)]
    if not len(i):
        return i, j
    d = haversine_m(xs[i], ys[i], xs[j], ys[j])
    close = d <= distance_m
    i, j = i[close], j[close]
    order = np.lexsort((j, i))
    return i[order], j[order]


# -- reading a boundary layer -------------------------------------------------------------------

def sample_values(layer, limit: int = 200) -> Dict[str, List[object]]:
    """Up to ``limit`` values of each text or integer field of a QGIS layer (for detection)."""
    from qgis.core import QgsFeatureRequest

    fields = [f for f in layer.fields() if f.type() in _CODE_FIELD_TYPES()]
    out: Dict[str, List[object]] = {f.name(): [] for f in fields}
    req = QgsFeatureRequest().setLimit(limit).setFlags(QgsFeatureRequest.NoGeometry)
    for feat in layer.getFeatures(req):
        for f in fields:
            v = feat.attribute(f.name())
            out[f.name()].append(None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
    return out


def _CODE_FIELD_TYPES():  # noqa: N802
    from .qgis_compat import INT, LONG, STRING

    return (STRING, INT, LONG)


def from_features(features, code_field: str, transform=None, engine: Optional[str] = None,
                  source: str = "", progress=None) -> BoundaryIndex:
    """A BoundaryIndex from QGIS features (any provider); ``transform`` to EPSG:4326."""
    codes_: List[object] = []
    wkbs: List[bytes] = []
    for k, f in enumerate(features):
        if progress is not None and k % 500 == 0 and progress(k) is False:
            break
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            continue
        if transform is not None:
            g = type(g)(g)
            g.transform(transform)
        v = f.attribute(code_field)
        codes_.append(None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
        wkbs.append(bytes(g.asWkb()))
    return BoundaryIndex(codes_, wkbs, engine, source)


class _OgrPolygons:
    """Polygons of one OGR layer read again by index (feature ids kept from the first read)."""

    def __init__(self, path: str, layer_name: Optional[str], fids: np.ndarray):
        self.path, self.layer_name, self.fids = path, layer_name, fids

    def __call__(self, indices: np.ndarray) -> np.ndarray:
        import shapely
        from osgeo import ogr

        indices = np.asarray(indices, dtype=np.int64)
        out = np.empty(len(indices), dtype=object)
        if not len(indices):
            return out
        ds = ogr.Open(self.path)
        lyr = ds.GetLayerByName(self.layer_name) if self.layer_name else ds.GetLayer(0)
        defn = lyr.GetLayerDefn()
        lyr.SetIgnoredFields([defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())])
        if len(indices) <= 1500:  # a few: feature by feature (random access by id)
            wkbs = []
            for fid in self.fids[indices].tolist():
                feat = lyr.GetFeature(fid)  # owns its geometry: keep it while exporting
                wkbs.append(bytes(feat.GetGeometryRef().ExportToWkb()))
                del feat
            out[:] = shapely.from_wkb(np.asarray(wkbs, dtype=object))
        else:  # many: one more pass over the stream, converting only the wanted ones
            where = {fid: k for k, fid in enumerate(self.fids[indices].tolist())}
            stream = lyr.GetArrowStreamAsNumPy(options=[
                "USE_MASKED_ARRAYS=NO", "GEOMETRY_ENCODING=WKB", "MAX_FEATURES_IN_BATCH=256"])
            fid_col = lyr.GetFIDColumn() or "OGC_FID"
            geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
            for b in stream:
                if geom_col not in b:
                    geom_col = [k for k in b if k != fid_col][0]
                pos = [(j, where[f]) for j, f in enumerate(b[fid_col].tolist()) if f in where]
                if pos:
                    geo = b[geom_col]
                    if geo.dtype.kind != "O":
                        geo = np.asarray(geo.tolist(), dtype=object)
                    js = np.asarray([p[0] for p in pos])
                    out[np.asarray([p[1] for p in pos])] = shapely.from_wkb(geo[js])
                del b
            del stream
        del ds
        return out


def from_ogr_arrow(path: str, layer_name: Optional[str], code_field: str,
                   engine: Optional[str] = None, points=None) -> BoundaryIndex:
    """A BoundaryIndex read column-wise through GDAL's Arrow interface (EPSG:4326 files).

    With the shapely engine the polygons stream by, 256 at a time, and are dropped once their
    codes, boxes and feature ids are kept: ``points`` (xs, ys) are located meanwhile (what
    :meth:`BoundaryIndex.locate` gives, answered by :meth:`BoundaryIndex.prelocated`), and the
    few polygons distances need are read again later by feature id.  No full-resolution layer is
    ever held in memory.
    """
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None:
        raise OSError(f"GDAL cannot open {path}")
    lyr = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    lyr.SetIgnoredFields([n for n in names if n != code_field])
    # small batches: one batch's WKB (not the whole layer's) is in memory next to the geometries
    stream = lyr.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=NO", "GEOMETRY_ENCODING=WKB",
                                                "MAX_FEATURES_IN_BATCH=256"])
    geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
    fid_col = lyr.GetFIDColumn() or "OGC_FID"
    codes_: List[object] = []
    parts = []
    engine = engine or default_engine()
    stream_mode = engine == SHAPELY
    if stream_mode:
        import shapely

        fids: List[np.ndarray] = []
        bounds: List[np.ndarray] = []
        locator = None
        if points is not None:
            pxs, pys = np.asarray(points[0], dtype=float), np.asarray(points[1], dtype=float)
            locator = _Locator(pxs, pys)
        done = 0
    for b in stream:  # batch by batch: each released once converted (one WKB copy at a time)
        if geom_col not in b:
            geom_col = [k for k in b if k not in (code_field, fid_col, "OGC_FID")][0]
        col, geo = b[code_field], b[geom_col]
        if geo.dtype.kind != "O":  # fixed-width bytes when every value has the same size
            geo = np.asarray(geo.tolist(), dtype=object)
        keep = np.asarray([w is not None and len(w) > 0 for w in geo.tolist()], dtype=bool)
        for c in col[keep].tolist():
            codes_.append(c.decode("utf-8", "replace") if isinstance(c, bytes) else c)
        geo = geo[keep]
        if stream_mode:
            g = shapely.from_wkb(geo)  # straight from GDAL's buffers, no copies
            bb = shapely.bounds(g)
            numbers = np.arange(done, done + len(g))
            if locator is not None:
                locator.feed(shapely, g, bb, numbers)
            fids.append(np.asarray(b[fid_col], dtype=np.int64)[keep])
            bounds.append(bb)
            done += len(g)
            del g
        else:
            parts.append(np.asarray([bytes(w) for w in geo.tolist()], dtype=object))
        del b, col, geo
    del stream
    del ds
    if stream_mode:
        fid_arr = np.concatenate(fids) if fids else np.empty(0, dtype=np.int64)
        box = np.concatenate(bounds) if bounds else np.empty((0, 4))
        eng = _ShapelyEngine(None, box.reshape(-1, 4), _OgrPolygons(path, layer_name, fid_arr))
        index = BoundaryIndex(codes_, None, eng, path)
        if locator is not None:
            index._pre = (points[0], points[1], locator.result())
        return index
    geoms = np.concatenate(parts) if parts else np.empty(0, dtype=object)
    del parts
    return BoundaryIndex(codes_, geoms.tolist(), engine, path)
