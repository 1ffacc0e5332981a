"""The boundary index: one spatial index over the tambon polygons of a boundary layer.

Amphoe and province follow from the tambon's DOPA code (its first 4 and 2 digits), so a pin is
located once, in one tambon, and every level is checked from that one answer: there is never a
second pass over full-resolution polygons.  Distances to a declared unit are computed only for the
pins that need them, against that unit's own tambons.

One polygon engine (batches of polygons tested in worker threads against the points in their
boxes, merged in order; distances from the few polygons read again) with the geometry operations
of either:

* ``shapely`` (shapely >= 2 on QGIS's GEOS): each batch prepared and tested with
  ``intersects_xy``, vectorised;
* ``qgis``: QGIS's own geometry, one GEOS call per polygon (its candidate points as one
  multipoint), for installs without shapely 2 on QGIS's GEOS.  Same answers (see
  docs/validation.md).

Distances are in metres and exact: the nearest point of the outline is found in degrees
(EPSG:4326) and the distance to it is the haversine distance (mean Earth radius).  At Thailand's latitudes (5.6-20.5 N) the nearest
point in degrees is within a few per cent of the true nearest point; this is far below the
tolerance and is documented in docs/validation.md.
"""
from __future__ import annotations

import os
import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .dopa import normalize_code
from .memory import index_dtype, release_freed

EARTH_RADIUS_M = 6371008.8
#: Known names of a tambon code field (compared case-insensitively), in order of preference.
KNOWN_CODE_FIELDS = ("ADM3_PCODE", "tambon_code", "TAMBON_IDN", "TAM_CODE", "TB_CODE", "SUBDIST_CODE",
                     "subdistrict_code", "TCODE", "geocode", "code")
_CODE_RE = re.compile(r"^(TH)?[1-9][0-9]{5}$", re.IGNORECASE)

SHAPELY, QGIS = "shapely", "qgis"
#: Height (degrees) of the bands of points the locator scans per polygon.
BAND_DEG = 0.25
#: Polygons read and measured at a time for distances (one slice of full-resolution polygons),
#: and the most WKB a slice holds: each thread holds a slice, its geometries, their rings and the
#: rings' index, and one more slice waits (1 MB slices: 3-4 MB more peak at 100k, no faster).
_SLICE = 128
DISTANCE_BATCH_BYTES = 1 << 18
#: WKB read again for distances from which freed memory is handed back, before the pass and at its
#: end (4 MB: a 100k-pin layer's pass reads 54 MB; a small layer's few slices are not worth it)
TRIM_AFTER_BYTES = 1 << 22
#: vertices of polygons whose rings are indexed at once for distances (per thread)
_RING_BATCH = 32768
#: Threads testing batches of polygons (GEOS releases the GIL); CITIZEN_PINS_THREADS overrides
#: (1: no thread).
STREAM_THREADS = min(4, os.cpu_count() or 1)


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


def engine_reason() -> Tuple[str, str]:
    """Why :func:`default_engine` chose what it chose: (``forced`` | ``shapely`` | ``missing`` |
    ``old`` | ``other_geos``, detail), the detail being shapely's version or its GEOS against
    QGIS's."""
    forced = os.environ.get("CITIZEN_PINS_ENGINE", "").strip().lower()
    if forced in (SHAPELY, QGIS):
        return "forced", forced
    try:
        import shapely
    except ImportError:
        return "missing", ""
    if not shapely2_available():
        return "old", shapely.__version__
    ours = qgis_geos_version()
    if ours is None or tuple(shapely.geos_version) != tuple(ours):
        return "other_geos", "{} / {}".format(".".join(map(str, shapely.geos_version)),
                                              ".".join(map(str, ours or ())))
    return "shapely", shapely.__version__


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

def _candidate_pairs(bounds: np.ndarray, queries, cells: int = 8_192):
    """(point, polygon, lower bound) of the pairs that can hold each point's nearest polygon.

    ``queries``: (subset or None for all polygons, xs, ys); points are numbered across the
    queries in order.  A polygon touches every side of its bounding box, so the distance from a
    point to it is at least the distance to the box and at most, for each side, the distance to
    that side's farther corner: a polygon whose lower bound exceeds some polygon's upper bound
    cannot be the nearest.  Polygons without a box (empty) are never candidates.  Every (point,
    member) combination is bounded in numpy, ``cells`` combinations at a time.
    """
    finite = np.isfinite(bounds[:, 0]) if len(bounds) else np.zeros(0, dtype=bool)
    blocks = []  # (first point number, xs, ys, members): at most ``cells`` combinations each
    first = 0
    for subset, xs, ys in queries:
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        members = np.arange(len(bounds)) if subset is None else np.asarray(subset, dtype=np.int64)
        members = members[finite[members]]
        if len(members) and len(xs):
            step = max(1, cells // len(members))
            for k in range(0, len(xs), step):
                blocks.append((first + k, xs[k:k + step], ys[k:k + step], members))
        first += len(xs)
    pts: List[np.ndarray] = [np.empty(0, np.int64)]
    polys: List[np.ndarray] = [np.empty(0, np.int64)]
    lows: List[np.ndarray] = [np.empty(0)]
    k = 0
    while k < len(blocks):
        group, total = [], 0  # blocks measured together
        while k < len(blocks) and (not group or total + len(blocks[k][1]) * len(blocks[k][3])
                                   <= cells):
            group.append(blocks[k])
            total += len(blocks[k][1]) * len(blocks[k][3])
            k += 1
        m = np.concatenate([np.full(len(b[1]), len(b[3])) for b in group])  # members per point
        pt = np.repeat(np.concatenate([b[0] + np.arange(len(b[1])) for b in group]), m)
        x = np.repeat(np.concatenate([b[1] for b in group]), m)
        y = np.repeat(np.concatenate([b[2] for b in group]), m)
        poly = np.concatenate([np.tile(b[3], len(b[1])) for b in group])
        bx0, by0, bx1, by1 = (bounds[poly, j] for j in range(4))
        lower = np.hypot(np.maximum(np.maximum(bx0 - x, x - bx1), 0.0),
                         np.maximum(np.maximum(by0 - y, y - by1), 0.0))
        ax0, ax1 = np.abs(x - bx0), np.abs(x - bx1)
        ay0, ay1 = np.abs(y - by0), np.abs(y - by1)
        fx, fy = np.maximum(ax0, ax1), np.maximum(ay0, ay1)
        upper = np.minimum(np.minimum(np.hypot(ax0, fy), np.hypot(ax1, fy)),   # left, right side
                           np.minimum(np.hypot(fx, ay0), np.hypot(fx, ay1)))   # bottom, top side
        starts = np.concatenate([[0], np.cumsum(m)[:-1]])
        best = np.repeat(np.minimum.reduceat(upper, starts), m)
        keep = lower <= best * (1 + 1e-9) + 1e-12
        pts.append(pt[keep])
        polys.append(poly[keep])
        lows.append(lower[keep])
    return np.concatenate(pts), np.concatenate(polys), np.concatenate(lows)


def _slices(wanted: np.ndarray, sizes: Optional[np.ndarray]) -> List[np.ndarray]:
    """``wanted`` (ascending polygon indices) cut into slices of at most _SLICE polygons and,
    where their WKB ``sizes`` are known, about DISTANCE_BATCH_BYTES of WKB (at least one
    polygon)."""
    if sizes is None or not len(wanted):
        return [wanted[k:k + _SLICE] for k in range(0, len(wanted), _SLICE)]
    out, k = [], 0
    ends = np.cumsum(sizes[wanted])
    while k < len(wanted):
        base = ends[k - 1] if k else 0
        stop = int(np.searchsorted(ends, base + DISTANCE_BATCH_BYTES, "left")) + 1
        stop = min(max(stop, k + 1), k + _SLICE, len(wanted))
        out.append(wanted[k:stop])
        k = stop
    return out


def threads() -> int:
    """Threads for GEOS work (GEOS releases the GIL): CITIZEN_PINS_THREADS, else up to 4."""
    try:
        return max(1, int(os.environ.get("CITIZEN_PINS_THREADS", "") or STREAM_THREADS))
    except ValueError:
        return STREAM_THREADS


def _geometries(ops, geoms) -> np.ndarray:
    """Polygons as the engine's geometries: WKB read again from the file is parsed (in the
    worker)."""
    return ops.from_wkb(geoms) if isinstance(geoms, list) else geoms


class _ShapelyOps:
    """The geometry operations of the shapely engine: vectorised over arrays of polygons and
    points (GEOS releases the GIL)."""

    name = SHAPELY

    def __init__(self):
        import shapely

        self.s = shapely

    def from_wkb(self, wkbs) -> np.ndarray:
        s = self.s
        if isinstance(wkbs, np.ndarray) and wkbs.dtype == object and (
                not len(wkbs) or isinstance(wkbs[0], s.Geometry)):
            return wkbs  # already geometries
        return s.from_wkb(np.asarray(list(wkbs), dtype=object))

    def bounds(self, geoms) -> np.ndarray:
        return self.s.bounds(geoms).reshape(-1, 4)

    def intersects(self, geoms, g_of: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """For each k, whether point (xs[k], ys[k]) lies in (or on) polygon geoms[g_of[k]];
        each polygon prepared only for this call."""
        s = self.s
        todo = np.unique(g_of)
        fresh = todo[~s.is_prepared(geoms[todo])]
        s.prepare(geoms[fresh])
        hit = s.intersects_xy(geoms[g_of], xs, ys)
        s.destroy_prepared(geoms[fresh])
        return hit

    def nearest_points(self, geoms, which: np.ndarray, xs: np.ndarray, ys: np.ndarray):
        """(distance in degrees, x, y of the nearest point) of polygon geoms[which[k]] to point
        k, as GEOS's nearest points of the two give them (the point itself inside or on it).

        GEOS's nearest points of a point and a polygon walk every vertex of the polygon for each
        point, twice (is it inside? then every segment).  Here each polygon is walked once: a
        point in (or on) it is told by its box and a point-in-polygon test, and a point outside
        is measured to the polygon's rings prepared as lines, where GEOS keeps an index of their
        segments (its indexed facet distance).  The nearest point is the same (the benchmark's
        findings digests, both engines, are unchanged)."""
        s = self.s
        d = np.zeros(len(xs))
        nx, ny = np.array(xs, dtype=float), np.array(ys, dtype=float)
        if not len(xs):
            return d, nx, ny
        used, of = np.unique(which, return_inverse=True)
        polygons = geoms[used]
        b = s.bounds(polygons).reshape(-1, 4)[of]
        boxed = (xs >= b[:, 0]) & (xs <= b[:, 2]) & (ys >= b[:, 1]) & (ys <= b[:, 3])
        inside = np.zeros(len(xs), dtype=bool)
        k = np.nonzero(boxed)[0]
        if len(k):
            inside[k] = s.intersects_xy(polygons[of[k]], xs[k], ys[k])
        out = np.nonzero(~inside)[0]
        if not len(out):
            return d, nx, ny
        out = out[np.argsort(of[out], kind="stable")]
        # the rings and their index, a few polygons at a time (about _RING_BATCH vertices): they
        # take twice the polygons' memory, in every thread
        ends_at = np.cumsum(s.get_num_coordinates(polygons))  # each polygon's last vertex + 1
        group = (np.maximum(ends_at - 1, 0) // _RING_BATCH)[of[out]]
        for k in np.split(out, np.flatnonzero(group[1:] != group[:-1]) + 1):
            first, last = of[k[0]], of[k[-1]] + 1
            rings = s.boundary(polygons[first:last])  # lines: their prepared index is of segments
            s.prepare(rings)
            ends = s.get_coordinates(s.shortest_line(rings[of[k] - first], s.points(xs[k], ys[k])))
            del rings
            ends = ends.reshape(-1, 2, 2)
            nx[k], ny[k] = ends[:, 0, 0], ends[:, 0, 1]
            d[k] = np.hypot(ends[:, 1, 0] - ends[:, 0, 0], ends[:, 1, 1] - ends[:, 0, 1])
        return d, nx, ny


#: little-endian WKB of a 2D point (byte order, type, x, y), the parts of a multipoint
_WKB_XY = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


class _QgisOps:
    """The same operations with QGIS's own geometry (GEOS underneath, through QgsGeometry), for
    installs without shapely 2 on QGIS's GEOS.

    One call per polygon, not per point: the candidate points of a polygon go to GEOS as one
    multipoint and its intersection with the polygon (GEOS locates each point in an index of the
    polygon's segments) says which lie in or on it.  PyQGIS releases the GIL in these calls, so
    batches run in threads as with shapely.
    """

    name = QGIS

    def from_wkb(self, wkbs) -> np.ndarray:
        from qgis.core import QgsGeometry

        if isinstance(wkbs, np.ndarray) and wkbs.dtype == object and (
                not len(wkbs) or isinstance(wkbs[0], QgsGeometry)):
            return wkbs
        out = np.empty(len(wkbs), dtype=object)
        for i, w in enumerate(wkbs):
            g = QgsGeometry()
            g.fromWkb(w)
            out[i] = g
        return out

    def bounds(self, geoms) -> np.ndarray:
        out = np.full((len(geoms), 4), np.nan)
        for i, g in enumerate(geoms):
            if g.isNull() or g.isEmpty():
                continue
            r = g.boundingBox()
            out[i] = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
        return out

    @staticmethod
    def _multipoint(xs: np.ndarray, ys: np.ndarray):
        from qgis.core import QgsGeometry

        rec = np.empty(len(xs), dtype=_WKB_XY)
        rec["order"], rec["type"], rec["x"], rec["y"] = 1, 1, xs, ys
        g = QgsGeometry()
        g.fromWkb(b"\x01" + np.asarray([4, len(xs)], dtype="<u4").tobytes() + rec.tobytes())
        return g

    @staticmethod
    def _points_of(geom) -> Optional[np.ndarray]:
        """The (x + iy) of the points of a point / multipoint / empty result, None otherwise."""
        wkb = bytes(geom.asWkb())
        if len(wkb) < 9 or wkb[0] != 1:
            return None
        kind = int(np.frombuffer(wkb, "<u4", 1, 1)[0])
        if kind == 1:
            x, y = np.frombuffer(wkb, "<f8", 2, 5)
            return np.asarray([complex(x, y)])
        n = int(np.frombuffer(wkb, "<u4", 1, 5)[0])
        if kind == 4 and len(wkb) == 9 + n * _WKB_XY.itemsize:
            rec = np.frombuffer(wkb, _WKB_XY, n, 9)
            return rec["x"] + 1j * rec["y"]
        if kind in (4, 7) and n == 0:  # nothing inside: an empty multipoint or collection
            return np.empty(0, dtype=complex)
        return None

    def intersects(self, geoms, g_of: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        from qgis.core import QgsGeometry, QgsPoint

        hit = np.zeros(len(g_of), dtype=bool)
        order = np.argsort(g_of, kind="stable")
        g_sorted = g_of[order]
        starts = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1]]) if len(g_of) else []
        ends = list(starts[1:]) + [len(g_of)] if len(g_of) else []
        for a, b in zip(starts, ends):
            k = order[a:b]
            polygon = geoms[g_sorted[a]]
            engine = QgsGeometry.createGeometryEngine(polygon.constGet())
            points = self._multipoint(xs[k], ys[k])  # kept: the engine reads it by pointer
            got = engine.intersection(points.constGet())
            inside = None if got is None else self._points_of(got)
            if inside is not None:
                # GEOS gives each distinct point inside once: none, every one, or look them up
                if len(inside) and (len(inside) == len(k) or len(k) == 1):
                    hit[k] = True
                elif len(inside):
                    hit[k] = np.isin(xs[k] + 1j * ys[k], inside)
                continue
            engine.prepareGeometry()  # GEOS failed on the multipoint: point by point
            hit[k] = [engine.intersects(QgsPoint(x, y))
                      for x, y in zip(xs[k].tolist(), ys[k].tolist())]
        return hit

    def nearest_points(self, geoms, which: np.ndarray, xs: np.ndarray, ys: np.ndarray):
        from qgis.core import QgsGeometry, QgsPointXY

        d = np.full(len(xs), np.inf)
        nx = np.full(len(xs), np.nan)
        ny = np.full(len(xs), np.nan)
        for k, (g, x, y) in enumerate(zip(geoms[which], xs.tolist(), ys.tolist())):
            line = g.shortestLine(QgsGeometry.fromPointXY(QgsPointXY(x, y))).asPolyline()
            if len(line) >= 2:  # from the polygon to the point (GEOS's nearest points)
                a, p = line[0], line[1]
                nx[k], ny[k] = a.x(), a.y()
                d[k] = np.hypot(a.x() - p.x(), a.y() - p.y())
        return d, nx, ny


def _ops(engine: str):
    return _ShapelyOps() if engine == SHAPELY else _QgisOps()


def _pipeline(items, work, collect) -> None:
    """``collect(work(item))`` for every item, in order; ``work`` runs in :func:`threads` threads
    while the next items are produced (read) here, with at most one item waiting per thread."""
    n = threads()
    if n <= 1:
        for item in items:
            collect(work(item))
        return
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=n) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(work, item))
            while len(pending) > n:
                collect(pending.popleft().result())
        while pending:
            collect(pending.popleft().result())


class _Locator:
    """Points sorted once by (horizontal band, x); polygons tested batch by batch
    (:meth:`hits`, any thread) and merged in index order (:meth:`merge`), each prepared only
    while its batch is tested.  A point keeps the first (lowest-index) polygon that contains it."""

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
        self.nbands = int(band.max()) + 1
        # one sorted key for (band, x): band * span + (x - x0), span wider than every x range,
        # so a band's x range is one searchsorted run (rounding is monotone: runs never shrink)
        self.x0 = float(self.px.min())
        self.xrange = float(self.px.max() - self.x0)
        self.span = self.xrange * 2.0 + 1.0
        key = band * self.span + (self.px - self.x0)
        self.order = np.argsort(key, kind="stable")
        self.key = key[self.order]

    def hits(self, ops, geoms, bounds: np.ndarray, numbers) -> Tuple[np.ndarray, np.ndarray]:
        """(point, polygon number) of every point of ``geoms`` (a batch) not yet located.

        Writes nothing, so batches may be tested in parallel threads (GEOS releases the GIL);
        :meth:`merge` them in batch order.  A point located by an earlier batch already merged
        is skipped: its polygon number is lower, so it would win anyway.
        """
        empty = (np.empty(0, np.int64), np.empty(0, np.int64))
        if not len(self.idx) or not len(geoms):
            return empty
        b = bounds
        nb = self.nbands
        b0 = np.clip(np.floor((b[:, 1] - self.y0) / BAND_DEG), 0, nb - 1).astype(np.int64)
        b1 = np.clip(np.floor((b[:, 3] - self.y0) / BAND_DEG), -1, nb - 1).astype(np.int64)
        use = np.nonzero((b1 >= b0) & np.isfinite(b[:, 0]))[0]
        if not len(use):
            return empty
        # every (polygon, band) its box crosses: the points of that band within its x range are
        # one run of the (band, x) order
        nband = b1[use] - b0[use] + 1
        g_of = np.repeat(use, nband)
        band = b0[g_of] + (np.arange(len(g_of)) - np.repeat(np.cumsum(nband) - nband, nband))
        lo = np.searchsorted(self.key, band * self.span + np.maximum(b[g_of, 0] - self.x0, 0.0),
                             "left")
        hi = np.searchsorted(self.key, band * self.span + np.minimum(b[g_of, 2] - self.x0,
                                                                     self.xrange), "right")
        count = np.maximum(hi - lo, 0)
        total = int(count.sum())
        if not total:
            return empty
        g_of = np.repeat(g_of, count)
        cand = self.order[np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(total)]
        cy = self.py[cand]
        keep = (cy >= b[g_of, 1]) & (cy <= b[g_of, 3]) & (self.best[cand] < 0)
        cand, g_of = cand[keep], g_of[keep]
        if not len(cand):
            return empty
        hit = ops.intersects(geoms, g_of, self.px[cand], self.py[cand])
        return cand[hit], np.asarray(numbers, dtype=np.int64)[g_of[hit]]

    def merge(self, pts: np.ndarray, polys: np.ndarray) -> None:
        """Record a batch's hits (batches in order): each point keeps its lowest polygon."""
        if not len(pts):
            return
        o = np.lexsort((polys, pts))
        pts, polys = pts[o], polys[o]
        first = np.ones(len(pts), dtype=bool)
        first[1:] = pts[1:] != pts[:-1]
        pts, polys = pts[first], polys[first]
        free = self.best[pts] < 0
        self.best[pts[free]] = polys[free]

    def result(self) -> np.ndarray:
        """Each point's polygon (-1: none), in 4 bytes a point while they fit (the validation
        keeps it)."""
        top = int(self.best.max()) + 1 if len(self.best) else 0
        out = np.full(self.n, -1, dtype=index_dtype(top))
        out[self.idx] = self.best
        return out


class _PolygonEngine:
    """Locates points in and measures distances to polygons, with the geometry operations of
    either engine (:class:`_ShapelyOps`, :class:`_QgisOps`): the same batches, candidates,
    threads and merge order, so both give the same answers."""

    def __init__(self, ops, wkbs, bounds: Optional[np.ndarray] = None, loader=None,
                 sizes: Optional[np.ndarray] = None):
        """``wkbs``: WKB or geometries; or None with ``bounds`` and a ``loader`` whose
        ``wkb_slices(parts)`` reads polygons again from the source when needed (the streaming
        reader keeps no full-resolution polygon in memory), and the ``sizes`` of their WKB."""
        self.ops = ops
        self.name = ops.name
        self._loader = loader
        self._sizes = sizes
        if wkbs is None:
            self._geoms = None
            self.bounds = bounds
        else:
            self._geoms = ops.from_wkb(wkbs)
            self.bounds = ops.bounds(self._geoms)

    def slices(self, parts):
        """(part, polygons or their WKB) for each part (ascending indices), in order."""
        if self._geoms is not None:
            for part in parts:
                yield part, self._geoms[part]
        else:
            yield from self._loader.wkb_slices(parts)

    def locate(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """For each point, the lowest-index polygon that contains it (-1: none).

        Polygons in batches of STREAM_BATCH (in index order; a lazily read index reads only
        those whose box can hold a point, in one pass over the file), each batch tested in a
        worker thread against the points in its polygons' boxes and merged in order.
        """
        loc = _Locator(xs, ys)
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
        parts = [sub[k:k + STREAM_BATCH] for k in range(0, len(sub), STREAM_BATCH)]
        ops = self.ops
        _pipeline(self.slices(parts),
                  lambda a: loc.hits(ops, _geometries(ops, a[1]), b[a[0]], a[0]),
                  lambda hits: loc.merge(*hits))
        return loc.result()

    def nearest(self, subset: Optional[np.ndarray], xs: np.ndarray,
                ys: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """For each point, the nearest polygon of ``subset`` (None: all) and the distance in
        metres to its nearest point (0 inside); -1 / NaN when there is none."""
        return self.nearest_many([(subset, xs, ys)])[0]

    def nearest_many(self, queries) -> List[Tuple[np.ndarray, np.ndarray]]:
        """:meth:`nearest` for many (subset, xs, ys) at once: each polygon is read (a lazily read
        index) and measured once for every query.

        Exact: the candidates of each point (:func:`_candidate_pairs`) are measured in degrees
        (GEOS), the nearest kept (ties: the lowest polygon index), and the haversine distance to
        its nearest point is the answer.  Polygons are read in slices of ascending index, so no
        more than one slice of full-resolution polygons is in memory.
        """
        ops = self.ops
        sizes = [len(q[1]) for q in queries]
        X = np.concatenate([np.asarray(q[1], dtype=float) for q in queries]) if queries else np.empty(0)
        Y = np.concatenate([np.asarray(q[2], dtype=float) for q in queries]) if queries else np.empty(0)
        pt, poly, low = _candidate_pairs(self.bounds, queries)
        best_d = np.full(len(X), np.inf)
        best_i = np.full(len(X), -1, dtype=np.int64)
        near_x = np.full(len(X), np.nan)
        near_y = np.full(len(X), np.nan)

        def measure(pt, poly, part, geoms):
            """Each point's nearest polygon of this slice: (points, polygons, degrees, x, y)."""
            geoms = _geometries(ops, geoms)
            lo = np.searchsorted(poly, part[0], "left")
            hi = np.searchsorted(poly, part[-1], "right")
            p_pt, p_poly = pt[lo:hi], poly[lo:hi]
            # the nearest point of each pair's polygon and its distance in degrees
            d, nx, ny = ops.nearest_points(geoms, np.searchsorted(part, p_poly), X[p_pt], Y[p_pt])
            o = np.lexsort((p_poly, d, p_pt))  # per point: nearest, then lowest polygon
            first = np.ones(len(o), dtype=bool)
            first[1:] = p_pt[o][1:] != p_pt[o][:-1]
            o = o[first]
            return p_pt[o], p_poly[o], d[o], nx[o], ny[o]

        def merge(result):  # nearer, or as near and a lower polygon index
            who, which, d, nx, ny = result
            better = (d < best_d[who]) | ((d == best_d[who]) & (which < best_i[who]))
            who = who[better]
            best_d[who] = d[better]
            best_i[who] = which[better]
            near_x[who] = nx[better]
            near_y[who] = ny[better]

        read = 0  # bytes of WKB read again

        def run(pt, poly):
            nonlocal read
            if not len(pt):
                return
            order = np.lexsort((pt, poly))
            pt, poly = pt[order], poly[order]
            wanted = np.unique(poly)
            if self._sizes is not None:
                got = int(self._sizes[wanted].sum())
                if not read and got >= TRIM_AFTER_BYTES:
                    release_freed()  # what working out the candidates freed, before the workers
                read += got
            _pipeline(self.slices(_slices(wanted, self._sizes)),
                      lambda a: measure(pt, poly, *a), merge)

        if len(pt):
            # first the candidate with the smallest lower bound of each point; then only the
            # candidates whose lower bound does not exceed the distance found (most are pruned)
            o = np.lexsort((poly, low, pt))
            first = np.ones(len(o), dtype=bool)
            first[1:] = pt[o][1:] != pt[o][:-1]
            run(pt[o[first]], poly[o[first]])
            rest = o[~first]
            rest = rest[low[rest] <= best_d[pt[rest]] * (1 + 1e-9) + 1e-12]
            run(pt[rest], poly[rest])
        if read >= TRIM_AFTER_BYTES:
            # what the worker threads freed stays in their own allocator arenas, which this
            # thread cannot reuse for what comes next (the findings): handed back now
            release_freed()
        metres = haversine_m(X, Y, near_x, near_y)
        metres[best_d == 0.0] = 0.0
        out = []
        offset = 0
        for n in sizes:
            out.append((best_i[offset:offset + n], metres[offset:offset + n]))
            offset += n
        return out


# -- the index ----------------------------------------------------------------------------------

class BoundaryIndex:
    """Tambon polygons with their DOPA codes, indexed once."""

    def __init__(self, raw_codes: Sequence[object], wkbs: Sequence[bytes], engine: Optional[str] = None,
                 source: str = ""):
        self.source = source
        self.raw_codes = [None if c is None else str(c) for c in raw_codes]
        self.codes: List[Optional[str]] = [normalize_boundary_code(c) for c in raw_codes]
        if isinstance(engine, _PolygonEngine):
            self.engine = engine  # built by a reader (e.g. the streaming one of from_ogr_stream)
        else:
            self.engine = _PolygonEngine(_ops(engine or default_engine()), wkbs)
        self._pre: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None
        members: Dict[str, List[int]] = {}
        for i, c in enumerate(self.codes):
            if c is None:
                continue
            for digits in (2, 4, 6):
                members.setdefault(c[:digits], []).append(i)
        self._members_np = {k: np.asarray(v, dtype=np.int64) for k, v in members.items()}
        del members
        # each unit's box: min / max of its polygons' boxes, per unit in one numpy pass; one row
        # per unit (a dict of tuples of numpy floats cost 1.3 MB for the national layer)
        b = self.engine.bounds
        keys = list(self._members_np)
        self._unit_row: Dict[str, int] = {k: j for j, k in enumerate(keys)}
        self._unit_box = np.full((len(keys) + 1, 4), np.inf)  # last row: unknown unit
        if keys:
            sizes = np.asarray([len(self._members_np[k]) for k in keys])
            flat = b[np.concatenate([self._members_np[k] for k in keys])]
            starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
            self._unit_box[:-1, :2] = np.minimum.reduceat(flat[:, :2], starts, axis=0)
            self._unit_box[:-1, 2:] = np.maximum.reduceat(flat[:, 2:], starts, axis=0)
        #: each polygon's tambon code as an integer (0: no valid code)
        self.code_int = np.asarray([int(c) if c else 0 for c in self.codes], dtype=np.int32)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def engine_name(self) -> str:
        return self.engine.name

    @property
    def invalid_code_count(self) -> int:
        return sum(1 for c in self.codes if c is None)

    def provinces(self) -> List[str]:
        return sorted(k for k in self._members_np if len(k) == 2)

    def has_unit(self, code: Optional[str]) -> bool:
        return bool(code) and code in self._members_np

    def members(self, code: str) -> np.ndarray:
        """Polygon indices of a province (2 digits), amphoe (4) or tambon (6)."""
        return self._members_np.get(code, np.empty(0, dtype=np.int64))

    def locate(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """For each point, the index of the tambon polygon it lies in (-1: none)."""
        return self.engine.locate(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))

    def prelocated(self, xs: np.ndarray, ys: np.ndarray) -> Optional[np.ndarray]:
        """What :meth:`locate` gives for these very arrays when the reader located them while the
        polygons streamed by (``from_ogr_stream(..., points=(xs, ys))``), else None."""
        pre = self._pre
        if pre is None or len(pre[0]) != len(xs):
            return None
        if (pre[0] is xs and pre[1] is ys) or (np.array_equal(pre[0], xs, equal_nan=True)
                                               and np.array_equal(pre[1], ys, equal_nan=True)):
            return pre[2]
        return None

    def distance_to_unit(self, code: str, xs: np.ndarray,
                         ys: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """Nearest polygon of unit ``code`` and the distance to it in metres (0 inside)."""
        return self.distances_to_units([(code, xs, ys)])[0]

    def distances_to_units(self, queries) -> List[Tuple[np.ndarray, np.ndarray]]:
        """:meth:`distance_to_unit` for many (code, xs, ys) at once (each polygon read once)."""
        out: List[Tuple[np.ndarray, np.ndarray]] = [None] * len(queries)  # type: ignore[list-item]
        todo, where = [], []
        for k, (code, xs, ys) in enumerate(queries):
            xs = np.asarray(xs, dtype=float)
            ys = np.asarray(ys, dtype=float)
            members = self.members(code)
            if not len(members):
                out[k] = (np.full(len(xs), -1, dtype=np.int64), np.full(len(xs), np.nan))
            else:
                todo.append((members, xs, ys))
                where.append(k)
        many = getattr(self.engine, "nearest_many", None)
        got = many(todo) if many is not None else [self.engine.nearest(*q) for q in todo]
        for k, r in zip(where, got):
            out[k] = r
        return out

    def lower_bounds_m(self, codes: Sequence[str], xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """A cheap lower bound of the distance (metres) from point k to unit ``codes[k]``: the
        distance to the unit's bounding box, shrunk for the latitude (inf for an unknown unit)."""
        unknown = len(self._unit_row)
        rows = np.fromiter((self._unit_row.get(c, unknown) for c in codes), dtype=np.int64,
                           count=len(codes))
        box = self._unit_box[rows]
        x0, y0, x1, y1 = box.T
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        with np.errstate(invalid="ignore"):
            dx = np.maximum(np.maximum(x0 - xs, xs - x1), 0.0)
            dy = np.maximum(np.maximum(y0 - ys, ys - y1), 0.0)
            lat = np.minimum(np.maximum(np.abs(ys), np.abs(y0)), 89.0) + 0.5
            out = 0.99 * np.hypot(dx * 111_000.0 * np.cos(np.radians(np.maximum(lat, np.abs(y1)))),
                                  dy * 110_500.0)
        return np.where(np.isfinite(box[:, 0]), out, np.inf)

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
    # a degree of the haversine sphere at the widest latitude used, with a margin: no pair
    # within the distance is ever outside the 3 x 3 cells (the haversine distance decides)
    degree_m = np.radians(1.0) * EARTH_RADIUS_M
    cell = distance_m * (1 + 1e-6) / (degree_m * np.cos(np.radians(lat_max)))
    px, py = xs[ok], ys[ok]
    # cell numbers as whole floats (exact below 2**53), built in place: a million pins take a
    # few arrays of 8 MB, not a dozen
    key = np.multiply(px, 1.0 / cell)
    np.floor(key, out=key)
    key -= key.min() - 1
    cy = np.multiply(py, 1.0 / cell)
    np.floor(cy, out=cy)
    cy -= cy.min() - 1
    width = float(cy.max()) + 2
    key *= width
    key += cy
    del cy
    order = np.argsort(key, kind="stable")
    skey = key[order]
    del key
    ii: List[np.ndarray] = []
    jj: List[np.ndarray] = []
    n = len(ok)
    # each unordered pair once: the same cell (a < b) and 4 of the 8 neighbours, in two runs of
    # consecutive keys: (x, y..y+1) and (x+1, y-1..y+1); points in slices of the sorted order
    for k, first_off, last_off in ((k, o0, o1) for k in range(0, n, 16384)
                                   for o0, o1 in ((0, 1), (width - 1, width + 1))):
        mine = skey[k:k + 16384]
        lo = np.searchsorted(skey, mine + first_off, "left")
        hi = np.searchsorted(skey, mine + last_off, "right")
        count = hi - lo
        total = int(count.sum())
        if not total:
            continue
        pos_a = np.repeat(np.arange(k, k + len(mine)), count)
        pos_b = np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(total)
        a, b = order[pos_a], order[pos_b]
        if first_off == 0:
            same = skey[pos_b] == skey[pos_a]
            keep = ~same | (a < b)
            a, b = a[keep], b[keep]
        a, b = np.minimum(a, b), np.maximum(a, b)
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

    from .qgis_compat import REQUEST_NO_GEOMETRY

    fields = [f for f in layer.fields() if f.type() in _CODE_FIELD_TYPES()]
    out: Dict[str, List[object]] = {f.name(): [] for f in fields}
    req = QgsFeatureRequest().setLimit(limit).setFlags(REQUEST_NO_GEOMETRY)
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

    def wkb_slices(self, slices):
        """(slice, WKB of its polygons) for each slice of ascending indices, in order, with the
        file opened once: feature by feature by id when few are wanted, else in one pass over
        the layer (the features come in index order)."""
        from .ogr_io import open_layer

        slices = [np.asarray(p, dtype=np.int64) for p in slices if len(p)]
        if not slices:
            return
        ds, lyr, _ = open_layer(self.path, self.layer_name)
        restore = _small_page_cache(ds)
        try:
            yield from self._read(lyr, slices)
        finally:
            restore()
            del lyr, ds

    def _read(self, lyr, slices):
        wanted = sum(len(p) for p in slices)
        if wanted * 4 < len(self.fids):  # few: random access by feature id
            for part in slices:
                wkbs = []
                for fid in self.fids[part].tolist():
                    feat = lyr.GetFeature(fid)  # owns its geometry: keep it while exporting
                    wkbs.append(bytes(feat.GetGeometryRef().ExportToWkb()))
                    del feat
                yield part, wkbs
        else:
            k, part = 0, slices[0]
            want = set(self.fids[part].tolist())
            wkbs: List[bytes] = []
            for feat in lyr:
                if feat.GetFID() not in want:
                    continue
                wkbs.append(bytes(feat.GetGeometryRef().ExportToWkb()))
                if len(wkbs) == len(part):
                    yield part, wkbs
                    k += 1
                    if k == len(slices):
                        break
                    part, wkbs = slices[k], []
                    want = set(self.fids[part].tolist())


#: SQLite's page cache while polygons are read again (KB): each is read once, so the default
#: (2 MB per connection) only grew the distance pass's peak
_PAGE_CACHE_KB = 256


def _small_page_cache(ds):
    """Shrink a GeoPackage's (SQLite's) page cache on this connection; returns what puts it back
    (the connection may be shared: :func:`ogr_io.shared_datasets`).  Other formats: nothing."""
    driver = ds.GetDriver()
    if driver is None or driver.GetName() not in ("GPKG", "SQLite"):
        return lambda: None

    def pragma(sql):
        got = ds.ExecuteSQL(sql)
        if got is None:
            return None
        try:
            f = got.GetNextFeature()
            return None if f is None else f.GetField(0)
        finally:
            ds.ReleaseResultSet(got)

    try:
        old = pragma("PRAGMA cache_size")
        pragma(f"PRAGMA cache_size = -{_PAGE_CACHE_KB}")
    except RuntimeError:  # GDAL with exceptions on, and a database that refuses it
        return lambda: None
    if old is None:
        return lambda: None
    return lambda: pragma(f"PRAGMA cache_size = {int(old)}")


#: Polygons per batch of the streaming reader, and the most WKB a batch holds: a batch is tested
#: prepared, which costs several times its WKB, and a batch waits for each thread.
STREAM_BATCH = 64
STREAM_BATCH_BYTES = 1 << 20


def _ogr_batches(lyr, code_index: int, size: int, max_bytes: Optional[int] = None,
                 path: str = "", ds=None):
    """(codes, fids, WKBs) of an OGR layer, ``size`` features at a time (fewer once their WKB
    reaches ``max_bytes``), feature by feature: no GDAL reading thread and no more than one batch
    of WKB in memory.  Features without a geometry are skipped; a file GDAL cannot read to its
    end raises ``ogr_io.DamagedSource`` (never taken for fewer tambons)."""
    from .ogr_io import checked_features

    codes_: List[object] = []
    fids: List[int] = []
    wkbs: List[bytes] = []
    held = 0
    for f in checked_features(ds, lyr, path):
        g = f.GetGeometryRef()
        if g is None:
            continue
        codes_.append(f.GetField(code_index))
        fids.append(f.GetFID())
        wkbs.append(bytes(g.ExportToWkb()))
        held += len(wkbs[-1])
        if len(wkbs) >= size or (max_bytes is not None and held >= max_bytes):
            yield codes_, fids, wkbs
            codes_, fids, wkbs = [], [], []
            held = 0
    if wkbs:
        yield codes_, fids, wkbs


def from_ogr_stream(path: str, layer_name: Optional[str], code_field: str,
                    engine: Optional[str] = None, points=None) -> BoundaryIndex:
    """A BoundaryIndex streamed from an OGR file in EPSG:4326, feature by feature (GDAL's Arrow
    reader, used until 12bacdb, kept a reading thread and several batches in memory and was no
    faster for polygons).

    With either engine the polygons stream by, STREAM_BATCH at a time, and are dropped once
    their codes, boxes and feature ids are kept: ``points`` (xs, ys) are located meanwhile (what
    :meth:`BoundaryIndex.locate` gives, answered by :meth:`BoundaryIndex.prelocated`), batches
    tested in STREAM_THREADS threads and merged in order (the same answer as one thread), and
    the few polygons distances need are read again later by feature id.  No full-resolution
    layer is ever held in memory (the QGIS engine held every polygon and its prepared engine
    until issue 21: 1.1 GB for 100k pins in the 68 full-resolution provinces).
    """
    from .ogr_io import open_layer

    ds, lyr, _ = open_layer(path, layer_name, [code_field])
    code_index = lyr.GetLayerDefn().GetFieldIndex(code_field)
    ops = _ops(engine or default_engine())
    codes_: List[object] = []
    fids: List[int] = []
    sizes: List[int] = []
    bounds: List[np.ndarray] = []
    locator = None
    if points is not None:
        locator = _Locator(np.asarray(points[0], dtype=float), np.asarray(points[1], dtype=float))

    def work(wkbs, first):
        g = ops.from_wkb(wkbs)
        bb = ops.bounds(g)
        if locator is None:
            return bb, None
        return bb, locator.hits(ops, g, bb, np.arange(first, first + len(g)))

    def collect(result):
        bb, hits = result
        bounds.append(bb)
        if hits is not None:
            locator.merge(*hits)

    def batches():
        done = 0
        for c, f, w in _ogr_batches(lyr, code_index, STREAM_BATCH, STREAM_BATCH_BYTES, path, ds):
            codes_.extend(c)
            fids.extend(f)
            sizes.extend(len(x) for x in w)
            yield w, done
            done += len(w)

    _pipeline(batches(), lambda a: work(*a), collect)
    lyr = ds = None  # closes the file
    fid_arr = np.asarray(fids, dtype=np.int64)
    box = np.concatenate(bounds) if bounds else np.empty((0, 4))
    eng = _PolygonEngine(ops, None, box.reshape(-1, 4), _OgrPolygons(path, layer_name, fid_arr),
                         np.asarray(sizes, dtype=np.int64))
    index = BoundaryIndex(codes_, None, eng, path)
    if locator is not None:
        index._pre = (points[0], points[1], locator.result())
    return index
