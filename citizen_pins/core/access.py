"""Access: how far every place (tambon, village, cell of a population grid) is from its nearest
service point, and where people are underserved.

Two measures, one result:

* **straight line** (:func:`straight_line`): the exact geodesic (WGS 84) distance to the nearest
  pin (:func:`.geodesy.nearest_geodesic`);
* **road network** (:func:`by_network`): network distance, or travel time, to the nearest pin
  along any line layer, all places in one multi-source shortest-path pass
  (:func:`.network.nearest_by_network`), with the snapping distances reported.

A place that cannot reach any pin gets no number (never a zero, never a huge one): its status
says why, in Thai and English.  :func:`summarise` gives, per province and amphoe (and the whole
country), the share of places and of people within the threshold, and the farthest place.

Where a place is measured from (:func:`representative_points`): a polygon's centroid when it lies
inside the polygon, else a point on its surface (default); a point on the surface; or the
population-weighted centroid of weight points (villages, a population grid) inside it.  Both
geometry engines of the plugin answer (shapely on QGIS's GEOS, or QGIS's own).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .dopa import DopaCodes, codes
from .geodesy import nearest_geodesic
from .network import DISTANCE, ISLAND, NOT_SNAPPED, ONE_WAY, REACHED, TIME, RoadNetwork

STRAIGHT, NETWORK_DISTANCE, NETWORK_TIME = "straight_line", "network_distance", "network_time"
#: Place statuses (REACHED: measured).
NO_POINT = "no_point"
STATUS_TH = {
    REACHED: "วัดได้",
    ISLAND: "ไปไม่ถึง: ถนนที่ใกล้ที่สุดเป็นเกาะของโครงข่ายที่ไม่มีจุดให้บริการ",
    ONE_WAY: "ไปไม่ถึง: ถนนทางเดียวพาออกจากจุดให้บริการทุกจุด",
    NO_POINT: "วัดไม่ได้: ไม่มีตำแหน่ง (รูปร่างว่าง หรือแปลงพิกัดไม่ได้)",
}
STATUS_EN = {
    REACHED: "measured",
    ISLAND: "cannot reach: the nearest road is an island of the network with no service point",
    ONE_WAY: "cannot reach: one-way roads lead away from every service point",
    NO_POINT: "not measured: no location (empty geometry, or not convertible to WGS 84)",
}
#: Class bounds as multiples of the threshold: <= 1/4, 1/4-1/2, 1/2-1, 1-2, 2-4, > 4 times.
CLASS_FACTORS = (0.25, 0.5, 1.0, 2.0, 4.0)
UNREACHABLE_CLASS = 9
CENTROID, POINT_ON_SURFACE, WEIGHTED = "centroid", "point_on_surface", "weighted"
POINT = "point"


class AccessError(ValueError):
    """The inputs cannot be analysed (says why)."""


@dataclass
class Places:
    """Where every place is measured from (lon/lat) and what it is."""

    x: np.ndarray
    y: np.ndarray
    ids: List[str]
    names: List[str]
    codes: List[str]                   # 6-digit tambon code ("" unknown; shorter codes allowed)
    population: Optional[np.ndarray] = None   # NaN where unknown; None: no population given
    how: List[str] = field(default_factory=list)  # CENTROID / POINT_ON_SURFACE / WEIGHTED / POINT

    def __len__(self) -> int:
        return len(self.x)


@dataclass
class Pins:
    x: np.ndarray
    y: np.ndarray
    ids: List[str]
    names: List[str]

    def __len__(self) -> int:
        return len(self.x)


@dataclass
class AccessResult:
    """Per place, in the order of :class:`Places`."""

    mode: str
    pin: np.ndarray                    # index into Pins, -1: none
    distance_m: np.ndarray             # NaN: not measured / unreachable
    time_min: np.ndarray               # network time mode only (else NaN)
    network_m: np.ndarray              # network modes: along the roads (between snapped points)
    place_snap_m: np.ndarray
    pin_snap_m: np.ndarray
    road_feature: np.ndarray           # network modes: the road feature the place snapped to
    status: List[str]
    island_segments: np.ndarray
    island_km: np.ndarray
    threshold: float                   # metres (distance modes) or minutes (time)
    info: Dict[str, object] = field(default_factory=dict)

    @property
    def value(self) -> np.ndarray:
        """What the threshold compares: metres, or minutes in the time mode."""
        return self.time_min if self.mode == NETWORK_TIME else self.distance_m

    @property
    def unit(self) -> str:
        return "min" if self.mode == NETWORK_TIME else "m"

    @property
    def measured(self) -> np.ndarray:
        return np.asarray([s == REACHED for s in self.status], dtype=bool)

    @property
    def underserved(self) -> np.ndarray:
        """1 beyond the threshold or unable to reach any pin; 0 within; -1 not measured."""
        v = self.value
        out = np.where(np.isfinite(v) & (v > self.threshold), 1, 0)
        out[[s in (ISLAND, ONE_WAY) for s in self.status]] = 1
        out[[s == NO_POINT for s in self.status]] = -1
        return out

    @property
    def access_class(self) -> np.ndarray:
        """1 (within a quarter of the threshold) ... 6 (beyond four times it); 9 cannot reach
        any pin; 0 not measured."""
        v = self.value
        bounds = np.asarray(CLASS_FACTORS) * self.threshold
        out = np.where(np.isfinite(v), np.searchsorted(bounds, v, "left") + 1, 0)
        out[[s in (ISLAND, ONE_WAY) for s in self.status]] = UNREACHABLE_CLASS
        return out.astype(np.int64)


def class_bounds(threshold: float) -> List[float]:
    return [f * threshold for f in CLASS_FACTORS]


# -- the two measures ---------------------------------------------------------------------------

def _empty(n: int) -> np.ndarray:
    return np.full(n, np.nan)


def straight_line(pins: Pins, places: Places, threshold_m: float,
                  backend: Optional[str] = None) -> AccessResult:
    """The exact geodesic distance from every place to its nearest pin."""
    if not len(pins):
        raise AccessError("no pin")
    idx, dist = nearest_geodesic(pins.x, pins.y, places.x, places.y, backend)
    n = len(places)
    status = [REACHED if i >= 0 else NO_POINT for i in idx.tolist()]
    return AccessResult(STRAIGHT, idx, dist, _empty(n), _empty(n), _empty(n), _empty(n),
                        np.full(n, -1, dtype=np.int64), status, np.zeros(n, np.int64),
                        np.zeros(n), threshold_m)


def by_network(net: RoadNetwork, pins: Pins, places: Places, threshold: float,
               strategy: str = DISTANCE, default_speed: float = 50.0,
               backend: Optional[str] = None) -> AccessResult:
    """Network distance (``DISTANCE``, threshold in metres) or travel time (``TIME``, threshold
    in minutes) from every place to its nearest pin, in one pass."""
    from .network import nearest_by_network

    if not len(pins):
        raise AccessError("no pin")
    r = nearest_by_network(net, pins.x, pins.y, places.x, places.y, strategy, default_speed,
                           backend)
    n = len(places)
    time_min = r.cost if strategy == TIME else _empty(n)
    status = [NO_POINT if s == NOT_SNAPPED else s for s in r.status]
    snap = r.pins_snap_m[np.isfinite(r.pins_snap_m)]
    info = {"graph": r.graph, "backend": r.backend, "default_speed_features": r.default_speed_features,
            "pin_snap_median_m": float(np.median(snap)) if len(snap) else None,
            "pin_snap_max_m": float(snap.max()) if len(snap) else None}
    return AccessResult(NETWORK_TIME if strategy == TIME else NETWORK_DISTANCE, r.pin, r.metres,
                        time_min, r.network_m, r.place_snap_m, r.pin_snap_m, r.place_seg_feature,
                        status, r.island_segments, r.island_km, threshold, info)


# -- where a polygon is measured from ------------------------------------------------------------

def representative_points(wkbs: Sequence[Optional[bytes]], method: str = CENTROID,
                          engine: Optional[str] = None, weights=None
                          ) -> Tuple[np.ndarray, np.ndarray, List[str]]:
    """(x, y, how) of polygons given as WKB (EPSG:4326; None: no geometry).

    ``CENTROID``: the centroid when it lies in the polygon, else a point on its surface (a
    crescent-shaped coastal tambon's centroid is at sea); ``POINT_ON_SURFACE``: always a point on
    the surface; ``WEIGHTED``: the weighted mean of the ``weights`` points (x, y, w) lying in each
    polygon (located with the boundary index, both engines), the default method for a polygon
    without any.
    """
    from .boundaries import SHAPELY, BoundaryIndex, default_engine

    engine = engine or default_engine()
    n = len(wkbs)
    x, y = np.full(n, np.nan), np.full(n, np.nan)
    how = [""] * n
    ok = [i for i, w in enumerate(wkbs) if w]
    centroid = method in (CENTROID, WEIGHTED)  # a polygon without weight points: as CENTROID
    if engine == SHAPELY:
        import shapely

        g = shapely.from_wkb(np.asarray([wkbs[i] for i in ok], dtype=object))
        good = ~(shapely.is_missing(g) | shapely.is_empty(g))
        c = shapely.centroid(g[good])
        cx, cy = shapely.get_x(c), shapely.get_y(c)
        shapely.prepare(g[good])
        inside = shapely.intersects_xy(g[good], cx, cy) if centroid else \
            np.zeros(int(good.sum()), dtype=bool)
        s = shapely.point_on_surface(g[good][~inside])
        sx, sy = cx.copy(), cy.copy()
        sx[~inside], sy[~inside] = shapely.get_x(s), shapely.get_y(s)
        rows = np.asarray(ok, dtype=np.int64)[good]
        x[rows], y[rows] = sx, sy
        for r, inn in zip(rows.tolist(), inside.tolist()):
            how[r] = CENTROID if inn else POINT_ON_SURFACE
    else:
        from qgis.core import QgsGeometry

        for i in ok:
            geom = QgsGeometry()
            geom.fromWkb(wkbs[i])
            if geom.isNull() or geom.isEmpty():
                continue
            p = geom.centroid() if centroid else None
            if p is not None and not p.isNull() and geom.intersects(p):
                how[i] = CENTROID
            else:
                p = geom.pointOnSurface()
                how[i] = POINT_ON_SURFACE
            if p.isNull():
                how[i] = ""
                continue
            pt = p.asPoint()
            x[i], y[i] = pt.x(), pt.y()
    if method == WEIGHTED and weights is not None and ok:
        wx, wy, w = (np.asarray(v, dtype=float) for v in weights)
        use = np.isfinite(wx) & np.isfinite(wy) & np.isfinite(w) & (w > 0)
        wx, wy, w = wx[use], wy[use], w[use]
        index = BoundaryIndex([None] * len(ok), [wkbs[i] for i in ok], engine)
        where = index.locate(wx, wy)
        inside = where >= 0
        poly = np.asarray(ok, dtype=np.int64)[where[inside]]
        total = np.bincount(poly, weights=w[inside], minlength=n)
        mx = np.bincount(poly, weights=(w * wx)[inside], minlength=n)
        my = np.bincount(poly, weights=(w * wy)[inside], minlength=n)
        got = np.nonzero(total > 0)[0]
        x[got], y[got] = mx[got] / total[got], my[got] / total[got]
        for i in got.tolist():
            how[i] = WEIGHTED
    return x, y, how


# -- summaries -----------------------------------------------------------------------------------

@dataclass
class UnitAccess:
    level: str                         # country / province / amphoe
    code: str
    name_th: str
    name_en: str
    places: int = 0
    measured: int = 0
    within: int = 0
    unreachable: int = 0
    population: Optional[float] = None
    population_within: Optional[float] = None
    median: Optional[float] = None     # of the measured places (metres or minutes)
    farthest: Optional[float] = None
    farthest_place: int = -1           # index into Places

    @property
    def pct_within(self) -> Optional[float]:
        """% of the places with a location that are within the threshold (unreachable: not)."""
        base = self.measured + self.unreachable
        return round(100.0 * self.within / base, 1) if base else None

    @property
    def pct_population_within(self) -> Optional[float]:
        if not self.population:
            return None
        return round(100.0 * (self.population_within or 0.0) / self.population, 1)


def summarise(result: AccessResult, places: Places, dopa: Optional[DopaCodes] = None
              ) -> "OrderedDict[Tuple[str, str], UnitAccess]":
    """Per province and amphoe of the places' codes (and ``("country", "")``): counts, shares of
    places and people within the threshold, median and farthest (keys: (level, code), country
    first, then provinces and amphoes by code).  A place without a code counts for the country
    only."""
    d = dopa or codes()
    v = result.value
    under = result.underserved
    unreachable = np.asarray([s in (ISLAND, ONE_WAY) for s in result.status], dtype=bool)
    measured = np.isfinite(v)
    pop = places.population
    groups: Dict[Tuple[str, str], List[int]] = {("country", ""): list(range(len(places)))}
    for i, c in enumerate(places.codes):
        c = c or ""
        for level, digits in (("province", 2), ("amphoe", 4)):
            if len(c) >= digits:
                groups.setdefault((level, c[:digits]), []).append(i)
    order = sorted(groups, key=lambda k: ({"country": 0, "province": 1, "amphoe": 2}[k[0]], k[1]))
    out: "OrderedDict[Tuple[str, str], UnitAccess]" = OrderedDict()
    for key in order:
        level, code = key
        rows = np.asarray(groups[key], dtype=np.int64)
        if level == "country":
            u = UnitAccess(level, "", "ทั้งหมด", "All places")
        else:
            u = UnitAccess(level, code, d.name(code, "th"), d.name(code, "en"))
        u.places = len(rows)
        m = rows[measured[rows]]
        u.measured = len(m)
        u.within = int((under[rows] == 0).sum())
        u.unreachable = int(unreachable[rows].sum())
        if pop is not None:
            p = np.nan_to_num(pop[rows], nan=0.0)
            u.population = float(p.sum())
            u.population_within = float(p[under[rows] == 0].sum())
        if len(m):
            u.median = float(np.median(v[m]))
            far = m[np.argmax(v[m])]  # the first of equals
            u.farthest, u.farthest_place = float(v[far]), int(far)
        out[key] = u
    return out


def worst(result: AccessResult, count: int) -> List[int]:
    """The places farthest from a pin, farthest first: those that cannot reach any come first,
    then by distance (or time)."""
    v = result.value
    unreachable = [i for i, s in enumerate(result.status) if s in (ISLAND, ONE_WAY)]
    measured = np.nonzero(np.isfinite(v))[0]
    ranked = measured[np.argsort(-v[measured], kind="stable")]
    return (unreachable + ranked.tolist())[:count]


def check_snap(result: AccessResult, far_m: float = 1000.0) -> Tuple[int, float]:
    """(number of places farther than ``far_m`` from the network, the largest such distance)."""
    s = result.place_snap_m
    far = np.isfinite(s) & (s > far_m)
    return int(far.sum()), float(s[far].max()) if far.any() else 0.0
