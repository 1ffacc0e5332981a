"""A road network from any line layer, and network distance or travel time from many places to
the nearest of many service points, in one multi-source shortest-path pass.

* The lines' WKB is decoded in numpy (:func:`decode_lines`: LineString and MultiLineString, any
  dimension; curves and big-endian WKB through OGR), with no geometry engine.
* Every vertex is a node, consecutive vertices are joined by a segment (as QGIS's own graph
  builder does); vertices at the same coordinates are one node, and with a tolerance vertices
  closer than it are merged.  Segment lengths are geodesic (WGS 84), whatever the layer's CRS.
* Each feature has a direction (both ways, or one way along or against its digitising
  direction) and, for travel times, a speed in km/h (a missing or non-positive speed takes the
  documented default).
* Pins and places are snapped to the nearest segment (exactly, by 3-D distance: see
  :meth:`RoadNetwork.snap`); a pin splits its segment, so a place on the same road reaches it
  directly.  The snapping distances are reported.
* One Dijkstra pass over the reversed graph, from every pin at once (each pin a source node
  joined to its snapped point by its snapping leg), gives for every node the cost to the nearest
  pin and which pin it is.  scipy's ``csgraph.dijkstra`` when scipy is importable, else a heap in
  pure Python (same answers, slower: see docs/access.md).
* A place that cannot reach any pin is said so, with why: its road is a separate island of the
  network (weakly connected component without a pin), or one-way streets lead away.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .geodesy import (NUMPY, SCIPY, PointIndex, ecef, geodesic_m, scipy_available,
                      short_geodesic_m)

BOTH, FORWARD, BACKWARD = 0, 1, 2
DISTANCE, TIME = "distance", "time"
#: Segments are indexed by points at most this far apart (metres) along them, for snapping.
SAMPLE_SPACING_M = 250.0
#: Longer segments are measured with Karney's algorithm (shorter: chord + sagitta, < 7 µm).
LONG_SEGMENT_M = 10_000.0
REACHED, ISLAND, ONE_WAY, NOT_SNAPPED = "ok", "island", "one_way", "no_point"


class NetworkError(ValueError):
    """The line layer cannot be used as a network (says why)."""


# -- WKB ----------------------------------------------------------------------------------------

@dataclass
class Lines:
    """Decoded line vertices: x, y (the layer's CRS), the part of each vertex (parts are runs of
    consecutive vertices) and the feature (row) of each part."""

    x: np.ndarray
    y: np.ndarray
    part: np.ndarray
    part_feature: np.ndarray


def _u32(u8: np.ndarray, at: np.ndarray) -> np.ndarray:
    return u8[at[:, None] + np.arange(4)].copy().view("<u4").ravel()


def _dims(t: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(base type, coordinates per vertex) of little-endian WKB type codes (ISO, 2.5D or EWKB)."""
    iso = (t & 0x0FFFFFFF) // 1000
    base = (t & 0x0FFFFFFF) % 1000
    z = ((t & 0x80000000) != 0) | (iso == 1) | (iso == 3)
    m = ((t & 0x40000000) != 0) | (iso == 2) | (iso == 3)
    return base.astype(np.int64), 2 + z.astype(np.int64) + m.astype(np.int64)


def decode_lines(wkbs: Sequence[Optional[bytes]]) -> Lines:
    """Vertices of line WKB (one value per feature; None or empty for no geometry).

    Little-endian LineString / MultiLineString (any of XY, XYZ, XYM, XYZM) are decoded in numpy,
    all features at once; anything else (curves, big-endian, a polygon by mistake) goes through
    OGR, which linearises curves, one feature at a time; a geometry that is not a line is skipped.
    """
    n = len(wkbs)
    if isinstance(wkbs, np.ndarray) and wkbs.dtype.kind == "V":  # GDAL's fixed-width WKB column
        buf = wkbs.tobytes()
        lens = np.full(n, wkbs.dtype.itemsize, dtype=np.int64)
    else:
        lens = np.fromiter((len(w) if w is not None else 0 for w in wkbs), dtype=np.int64, count=n)
        buf = b"".join(bytes(w) for w in wkbs if w is not None)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    u8 = np.frombuffer(buf, dtype=np.uint8)
    has = lens >= 9
    feat = np.nonzero(has)[0]
    order = u8[starts[feat]] if len(feat) else np.empty(0, np.uint8)
    little = order == 1
    t = _u32(u8, starts[feat[little]] + 1) if little.any() else np.empty(0, np.uint32)
    base, dim = _dims(t.astype(np.int64))
    simple = np.zeros(len(feat), dtype=bool)
    simple[np.nonzero(little)[0]] = (base == 2) | (base == 5)
    # parts of the simple features: (feature, byte offset of the first coordinate, count, dim)
    lit = feat[little]
    p_feat: List[np.ndarray] = []
    p_at: List[np.ndarray] = []
    p_n: List[np.ndarray] = []
    p_dim: List[np.ndarray] = []
    line = base == 2
    if line.any():
        at = starts[lit[line]]
        p_feat.append(lit[line])
        p_at.append(at + 9)
        p_n.append(_u32(u8, at + 5).astype(np.int64))
        p_dim.append(dim[line])
    multi = base == 5
    if multi.any():
        mf = lit[multi]
        count = _u32(u8, starts[mf] + 5).astype(np.int64)
        ptr = starts[mf] + 9
        for j in range(int(count.max()) if len(count) else 0):
            act = np.nonzero(count > j)[0]
            at = ptr[act]
            if not np.all(u8[at] == 1):
                raise NetworkError("mixed byte orders inside a MultiLineString")
            _, d = _dims(_u32(u8, at + 1).astype(np.int64))
            npts = _u32(u8, at + 5).astype(np.int64)
            p_feat.append(mf[act])
            p_at.append(at + 9)
            p_n.append(npts)
            p_dim.append(d)
            ptr[act] = at + 9 + npts * d * 8
    xs: List[np.ndarray] = []
    ys: List[np.ndarray] = []
    parts: List[np.ndarray] = []
    feats: List[np.ndarray] = []
    if p_feat:
        pf, pa, pn, pd = (np.concatenate(v) for v in (p_feat, p_at, p_n, p_dim))
        keep = pn > 0
        pf, pa, pn, pd = pf[keep], pa[keep], pn[keep], pd[keep]
        o = np.argsort(pf, kind="stable")  # parts in feature order (a multi's parts in order)
        pf, pa, pn, pd = pf[o], pa[o], pn[o], pd[o]
        x = np.empty(int(pn.sum()))
        y = np.empty(int(pn.sum()))
        first = np.concatenate([[0], np.cumsum(pn)[:-1]])
        within = np.arange(int(pn.sum())) - np.repeat(first, pn)
        byte = np.repeat(pa, pn) + within * np.repeat(pd, pn) * 8
        for r in range(8):  # coordinates read as float64 views at each byte alignment
            sel = np.nonzero(byte % 8 == r)[0]
            if not len(sel):
                continue
            view = np.frombuffer(buf, dtype="<f8", count=(len(buf) - r) // 8, offset=r)
            at = (byte[sel] - r) // 8
            x[sel] = view[at]
            y[sel] = view[at + 1]
        xs.append(x)
        ys.append(y)
        parts.append(np.repeat(np.arange(len(pn)), pn))
        feats.append(pf)
    # the rest, feature by feature through OGR
    rest = feat[~simple]
    if len(rest):
        from osgeo import ogr

        from .ogr_io import or_none

        next_part = len(feats[0]) if feats else 0
        rx, ry, rp, rf = [], [], [], []
        for i in rest.tolist():
            # corrupt: skipped, whether GDAL raises (QGIS 3.40+) or returns None (3.22)
            g = or_none(ogr.CreateGeometryFromWkb, buf[starts[i]:starts[i] + lens[i]])
            if g is None:
                continue
            g = g.GetLinearGeometry()
            flat = ogr.GT_Flatten(g.GetGeometryType())
            if flat == ogr.wkbLineString:
                members = [g]
            elif flat == ogr.wkbMultiLineString:
                members = [g.GetGeometryRef(k) for k in range(g.GetGeometryCount())]
            else:
                continue
            for m in members:
                pts = m.GetPoints() or []
                if not pts:
                    continue
                arr = np.asarray(pts, dtype=float)
                rx.append(arr[:, 0])
                ry.append(arr[:, 1])
                rp.append(np.full(len(arr), next_part))
                rf.append(i)
                next_part += 1
        if rx:
            xs.append(np.concatenate(rx))
            ys.append(np.concatenate(ry))
            parts.append(np.concatenate(rp))
            feats.append(np.asarray(rf, dtype=np.int64))
    if not xs:
        e = np.empty(0)
        return Lines(e, e.copy(), np.empty(0, np.int64), np.empty(0, np.int64))
    return Lines(np.concatenate(xs), np.concatenate(ys), np.concatenate(parts).astype(np.int64),
                 np.concatenate(feats).astype(np.int64))


def concat_lines(batches: Sequence[Tuple[Lines, int]]) -> Lines:
    """Lines decoded batch by batch (each with the number of features before it) as one."""
    parts, feats, xs, ys = [], [], [], []
    part0 = 0
    for lines, first in batches:
        xs.append(lines.x)
        ys.append(lines.y)
        parts.append(lines.part + part0)
        feats.append(lines.part_feature + first)
        part0 += len(lines.part_feature)
    if not xs:
        e = np.empty(0)
        return Lines(e, e.copy(), np.empty(0, np.int64), np.empty(0, np.int64))
    return Lines(np.concatenate(xs), np.concatenate(ys), np.concatenate(parts),
                 np.concatenate(feats))


# -- the network --------------------------------------------------------------------------------

def _factorize_xy(x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(first occurrence of each distinct (x, y), group of each vertex): exact equality."""
    from .pins import factorize_rows

    got = factorize_rows([np.ascontiguousarray(x).view("S8"), np.ascontiguousarray(y).view("S8")])
    if got is not None:
        return got
    _, first, inv = np.unique(np.column_stack([x, y]), axis=0, return_index=True,
                              return_inverse=True)
    return first, inv.reshape(-1)


def components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Weakly connected component of each of n nodes (numbered by their lowest node), from the
    edges (u, v): hooking and pointer jumping in numpy."""
    parent = np.arange(n, dtype=np.int64)
    while True:
        pu, pv = parent[u], parent[v]
        lo, hi = np.minimum(pu, pv), np.maximum(pu, pv)
        moved = lo != hi
        if not moved.any():
            break
        np.minimum.at(parent, hi[moved], lo[moved])
        while True:
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up
    return parent


@dataclass
class RoadNetwork:
    """Nodes (lon/lat) and segments (node a -> node b, the feature they come from)."""

    node_x: np.ndarray
    node_y: np.ndarray
    seg_a: np.ndarray
    seg_b: np.ndarray
    seg_feature: np.ndarray
    seg_length_m: np.ndarray
    #: per feature: direction (BOTH / FORWARD / BACKWARD), speed km/h (NaN: none given)
    feature_direction: np.ndarray
    feature_speed: np.ndarray
    features: int = 0
    merged_vertices: int = 0
    _index: Optional[PointIndex] = field(default=None, repr=False)
    _sample_seg: Optional[np.ndarray] = field(default=None, repr=False)
    _half_piece: float = 0.0

    @property
    def nodes(self) -> int:
        return len(self.node_x)

    @property
    def segments(self) -> int:
        return len(self.seg_a)

    # -- snapping -------------------------------------------------------------------------------
    def _build_index(self, backend: Optional[str]) -> None:
        a = ecef(self.node_x[self.seg_a], self.node_y[self.seg_a])
        b = ecef(self.node_x[self.seg_b], self.node_y[self.seg_b])
        chord = np.sqrt(((b - a) ** 2).sum(axis=1))
        pieces = np.maximum(np.ceil(chord / SAMPLE_SPACING_M), 1).astype(np.int64)
        seg = np.repeat(np.arange(self.segments), pieces)
        first = np.concatenate([[0], np.cumsum(pieces)[:-1]])
        k = np.arange(int(pieces.sum())) - np.repeat(first, pieces)
        f = ((k + 0.5) / np.repeat(pieces, pieces))[:, None]
        self._a, self._b = a, b
        self._sample_seg = seg
        self._half_piece = float((chord / pieces).max() / 2.0) if len(chord) else 0.0
        self._index = PointIndex(a[seg] + (b[seg] - a[seg]) * f, backend)

    def snap(self, lon, lat, backend: Optional[str] = None):
        """For each point: (segment, t along it from a to b, snapped lon, snapped lat, snapping
        distance in metres); segment -1 and NaN for a point without coordinates.

        Exact in 3-D (earth-centred) distance to the segments' chords: the segments are indexed
        by points at the middle of pieces at most SAMPLE_SPACING_M long, so a segment at distance
        d from the point has an indexed point within d + half a piece; the nearest indexed point
        gives a first distance d1, and every segment with an indexed point within d1 + half a
        piece is measured.  Ties go to the lowest segment.  The reported distance is geodesic.
        """
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        n = len(lon)
        seg = np.full(n, -1, dtype=np.int64)
        t = np.full(n, np.nan)
        sx = np.full(n, np.nan)
        sy = np.full(n, np.nan)
        dist = np.full(n, np.nan)
        ok = np.nonzero(np.isfinite(lon) & np.isfinite(lat))[0]
        if not len(ok) or not self.segments:
            return seg, t, sx, sy, dist
        if self._index is None:
            self._build_index(backend)
        q = ecef(lon[ok], lat[ok])
        near, _ = self._index.nearest(q)
        s1 = self._sample_seg[near]
        d1, _ = self._point_segment(q, s1)
        qi, pi = self._index.within(q, d1 + self._half_piece + 1e-6)
        cq = np.concatenate([np.arange(len(ok)), qi])
        cs = np.concatenate([s1, self._sample_seg[pi]])
        pair = np.unique(cq * np.int64(self.segments) + cs)
        cq, cs = pair // self.segments, pair % self.segments
        d, tt = self._point_segment(q[cq], cs)
        o = np.lexsort((cs, d, cq))
        keep = np.ones(len(o), dtype=bool)
        keep[1:] = cq[o][1:] != cq[o][:-1]
        o = o[keep]
        rows = ok[cq[o]]
        seg[rows] = cs[o]
        t[rows] = tt[o]
        a, b = self.seg_a[cs[o]], self.seg_b[cs[o]]
        sx[rows] = self.node_x[a] + (self.node_x[b] - self.node_x[a]) * tt[o]
        sy[rows] = self.node_y[a] + (self.node_y[b] - self.node_y[a]) * tt[o]
        dist[rows] = geodesic_m(lon[rows], lat[rows], sx[rows], sy[rows])
        return seg, t, sx, sy, dist

    def _point_segment(self, q: np.ndarray, seg: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        a, b = self._a[seg], self._b[seg]
        ab = b - a
        den = (ab * ab).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.where(den > 0, ((q - a) * ab).sum(axis=1) / den, 0.0)
        t = np.clip(t, 0.0, 1.0)
        p = a + ab * t[:, None]
        return np.sqrt(((q - p) ** 2).sum(axis=1)), t


def build(lines: Lines, direction: np.ndarray, speed: np.ndarray,
          to_wgs84: Optional[Callable[[np.ndarray, np.ndarray], Tuple[np.ndarray, np.ndarray]]]
          = None, tolerance_m: float = 0.0, backend: Optional[str] = None) -> RoadNetwork:
    """The network of decoded ``lines`` (per feature: ``direction``, ``speed`` km/h or NaN).

    Vertices at exactly the same coordinates (in the layer's CRS) are one node; ``to_wgs84``
    turns the distinct ones into lon/lat; with ``tolerance_m`` > 0, nodes closer than that are
    merged too (the lowest-numbered node of a group stays).  Raises :class:`NetworkError` when
    there is no segment.
    """
    if not len(lines.x):
        raise NetworkError("no line")
    first, node = _factorize_xy(lines.x, lines.y)
    nx, ny = lines.x[first], lines.y[first]
    if to_wgs84 is not None:
        nx, ny = to_wgs84(nx, ny)
    good = np.isfinite(nx) & np.isfinite(ny)
    merged = 0
    if tolerance_m > 0 and good.sum() > 1:
        ids = np.nonzero(good)[0]
        index = PointIndex(ecef(nx[ids], ny[ids]), backend)
        qi, pi = index.within(index.xyz, tolerance_m)
        keep = qi < pi
        label = components(len(ids), qi[keep], pi[keep])
        remap = np.arange(len(nx))
        remap[ids] = ids[label]
        merged = int((label != np.arange(len(ids))).sum())
        node = remap[node]
    # segments: consecutive vertices of a part, between two distinct usable nodes
    same = lines.part[1:] == lines.part[:-1]
    a, b = node[:-1][same], node[1:][same]
    feat = lines.part_feature[lines.part[:-1][same]]
    use = (a != b) & good[a] & good[b]
    a, b, feat = a[use], b[use], feat[use]
    if not len(a):
        raise NetworkError("no segment")
    # renumber the nodes that segments use, in order
    used, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    a, b = inv[:len(a)], inv[len(a):]
    nx, ny = nx[used], ny[used]
    length = short_geodesic_m(nx[a], ny[a], nx[b], ny[b])
    long_ = np.nonzero(length > LONG_SEGMENT_M)[0]
    if len(long_):
        length[long_] = geodesic_m(nx[a[long_]], ny[a[long_]], nx[b[long_]], ny[b[long_]])
    return RoadNetwork(nx, ny, a.astype(np.int64), b.astype(np.int64), feat.astype(np.int64),
                       length, np.asarray(direction, dtype=np.int8),
                       np.asarray(speed, dtype=float), features=len(direction),
                       merged_vertices=merged)


# -- the shortest paths -------------------------------------------------------------------------

@dataclass
class NetworkResult:
    """Per place: the nearest pin (-1: none reachable), the cost (metres or minutes), the metres
    travelled (on the network and the two snapping legs), the snapping, and the status."""

    pin: np.ndarray
    cost: np.ndarray
    metres: np.ndarray
    network_m: np.ndarray
    place_snap_m: np.ndarray
    pin_snap_m: np.ndarray
    place_seg_feature: np.ndarray
    status: List[str]
    island_segments: np.ndarray      # size of the place's weak component (segments), unreachable only
    island_km: np.ndarray
    pins_snap_m: np.ndarray          # every pin's snapping distance
    default_speed_features: int = 0
    graph: Dict[str, int] = field(default_factory=dict)
    backend: str = ""


def _speeds(net: RoadNetwork, default_speed: float) -> Tuple[np.ndarray, int]:
    s = net.feature_speed.astype(float).copy()
    bad = ~np.isfinite(s) | (s <= 0)
    s[bad] = default_speed
    return s, int(bad.sum())


def _dijkstra_py(n: int, indptr, indices, data, sources: np.ndarray):
    """Multi-source Dijkstra (each source at cost 0) with a binary heap in pure Python:
    (cost, predecessor or -9999, source) per node, as scipy's ``min_only`` gives them."""
    import heapq

    inf = float("inf")
    dist = [inf] * n
    pred = [-9999] * n
    src = [-9999] * n
    heap = []
    for s in sources.tolist():
        dist[s] = 0.0
        src[s] = s
        heap.append((0.0, s))
    heapq.heapify(heap)
    ip, ind, dat = indptr.tolist(), indices.tolist(), data.tolist()
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        d, u = pop(heap)
        if d > dist[u]:
            continue
        su = src[u]
        for k in range(ip[u], ip[u + 1]):
            v = ind[k]
            nd = d + dat[k]
            if nd < dist[v]:
                dist[v] = nd
                pred[v] = u
                src[v] = su
                push(heap, (nd, v))
    return np.asarray(dist), np.asarray(pred, dtype=np.int64), np.asarray(src, dtype=np.int64)


def nearest_by_network(net: RoadNetwork, pin_x, pin_y, place_x, place_y,
                       strategy: str = DISTANCE, default_speed: float = 50.0,
                       backend: Optional[str] = None) -> NetworkResult:
    """The nearest pin of every place along the network: one Dijkstra pass from all pins.

    Costs: ``DISTANCE`` in metres; ``TIME`` in minutes at each feature's speed (the default where
    it has none), the snapping legs at ``default_speed`` too.  A place's cost counts its leg to
    the network, the network, and the pin's leg; ``metres`` adds the same three in metres (in
    TIME mode along the fastest route).
    """
    backend = backend or (SCIPY if scipy_available() else NUMPY)
    pin_x, pin_y = np.asarray(pin_x, float), np.asarray(pin_y, float)
    place_x, place_y = np.asarray(place_x, float), np.asarray(place_y, float)
    speed, defaulted = _speeds(net, default_speed)
    per_m = (lambda m, s: m / (s / 3.6) / 60.0) if strategy == TIME else (lambda m, s: m)

    # pins split the segments they snap to
    pseg, pt, _, _, pleg = net.snap(pin_x, pin_y, backend)
    pins_ok = np.nonzero(pseg >= 0)[0]
    n0 = net.nodes
    a, b = net.seg_a.copy(), net.seg_b.copy()
    pin_node = np.full(len(pin_x), -1, dtype=np.int64)
    at_a = pins_ok[pt[pins_ok] * net.seg_length_m[pseg[pins_ok]] <= 1e-6]
    at_b = pins_ok[(1 - pt[pins_ok]) * net.seg_length_m[pseg[pins_ok]] <= 1e-6]
    pin_node[at_a] = a[pseg[at_a]]
    pin_node[at_b] = b[pseg[at_b]]
    inner = pins_ok[pin_node[pins_ok] < 0]
    key = pseg[inner].astype(float) + pt[inner] * 0.5
    uk, first, inv = np.unique(key, return_index=True, return_inverse=True)
    cut_seg = pseg[inner][first]
    cut_t = pt[inner][first]
    pin_node[inner] = n0 + inv.reshape(-1)
    nodes = n0 + len(uk)
    # sub-segments of the cut segments (in key order: by segment, then t)
    new_node = n0 + np.arange(len(uk))
    same_prev = np.zeros(len(cut_seg), dtype=bool)
    same_prev[1:] = cut_seg[1:] == cut_seg[:-1]
    last = np.ones(len(cut_seg), dtype=bool)
    last[:-1] = ~same_prev[1:]
    start_node = a[cut_seg].copy()
    start_node[same_prev] = new_node[:-1][same_prev[1:]]
    start_t = np.where(same_prev, np.roll(cut_t, 1), 0.0)
    sub_seg = np.concatenate([cut_seg, cut_seg[last]])
    sub_a = np.concatenate([start_node, new_node[last]])
    sub_b = np.concatenate([new_node, b[cut_seg[last]]])
    sub_t0 = np.concatenate([start_t, cut_t[last]])
    sub_t1 = np.concatenate([cut_t, np.ones(int(last.sum()))])
    whole = np.ones(net.segments, dtype=bool)
    whole[cut_seg] = False
    keep = np.nonzero(whole)[0]
    e_seg = np.concatenate([keep, sub_seg])
    e_a = np.concatenate([a[keep], sub_a])
    e_b = np.concatenate([b[keep], sub_b])
    e_t0 = np.concatenate([np.zeros(len(keep)), sub_t0])
    e_t1 = np.concatenate([np.ones(len(keep)), sub_t1])
    e_len = net.seg_length_m[e_seg] * (e_t1 - e_t0)
    e_feat = net.seg_feature[e_seg]
    e_cost = per_m(e_len, speed[e_feat])
    direction = net.feature_direction[e_feat]
    fwd = direction != BACKWARD
    bwd = direction != FORWARD

    # the reversed graph (edge v -> u for a way u -> v), plus one source node per pin
    src_pins = pins_ok
    src_node = nodes + np.arange(len(src_pins))
    total = nodes + len(src_pins)
    leg_cost = per_m(pleg[src_pins], default_speed)
    ru = np.concatenate([e_b[fwd], e_a[bwd], src_node])
    rv = np.concatenate([e_a[fwd], e_b[bwd], pin_node[src_pins]])
    rc = np.concatenate([e_cost[fwd], e_cost[bwd], leg_cost])
    rl = np.concatenate([e_len[fwd], e_len[bwd], pleg[src_pins]])
    o = np.lexsort((rc, rv, ru))  # per (u, v): cheapest first
    ru, rv, rc, rl = ru[o], rv[o], rc[o], rl[o]
    k = ru * np.int64(total) + rv
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    ru, rv, rc, rl, k = ru[first], rv[first], rc[first], rl[first], k[first]
    indptr = np.zeros(total + 1, dtype=np.int64)
    np.add.at(indptr, ru + 1, 1)
    indptr = np.cumsum(indptr)
    if backend == SCIPY:
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra

        g = csr_matrix((rc, rv, indptr), shape=(total, total))
        dist, pred, src = dijkstra(g, directed=True, indices=src_node, min_only=True,
                                   return_predecessors=True)
        pred = np.asarray(pred, dtype=np.int64)
        src = np.asarray(src, dtype=np.int64)
    else:
        dist, pred, src = _dijkstra_py(total, indptr, rv, rc, src_node)
    reached = np.isfinite(dist)
    node_pin = np.full(total, -1, dtype=np.int64)
    node_pin[reached] = src_pins[src[reached] - nodes]
    # metres along each node's route: lengths summed up the predecessor tree (pointer jumping)
    anc = np.where(pred >= 0, pred, np.arange(total))
    has = pred >= 0
    acc = np.zeros(total)
    acc[has] = rl[np.searchsorted(k, anc[has] * np.int64(total) + np.arange(total)[has])]
    while True:
        up = anc[anc]
        if np.array_equal(up, anc):
            break
        acc = acc + acc[anc]
        anc = up

    # places: snapped to a segment, then to its sub-segment after the cuts
    qseg, qt, _, _, qleg = net.snap(place_x, place_y, backend)
    n = len(place_x)
    best = np.full(n, np.inf)
    best_node = np.full(n, -1, dtype=np.int64)
    along = np.full(n, np.nan)  # metres from the snapped point to best_node
    ok = np.nonzero(qseg >= 0)[0]
    if len(ok):
        # the edge the place lies on: among its segment's edges (a whole segment is one edge
        # starting at t = 0; a cut one has an edge starting at 0 and one after each cut), the one
        # starting last at or before the place's t
        e_key = e_seg.astype(float) + e_t0 * 0.5
        by_key = np.argsort(e_key, kind="stable")
        row = by_key[np.searchsorted(e_key[by_key], qseg[ok].astype(float) + qt[ok] * 0.5,
                                     "right") - 1]
        t0, t1 = e_t0[row], e_t1[row]
        f = np.where(t1 > t0, (qt[ok] - t0) / np.where(t1 > t0, t1 - t0, 1.0), 0.0)
        f = np.clip(f, 0.0, 1.0)
        c, ln = e_cost[row], e_len[row]
        ua, ub = e_a[row], e_b[row]
        to_b = (1 - f) * c + dist[ub]
        to_a = f * c + dist[ua]
        to_b[~(fwd[row] | ((1 - f) * ln <= 1e-6))] = np.inf
        to_a[~(bwd[row] | (f * ln <= 1e-6))] = np.inf
        use_b = (to_b < to_a) | ((to_b == to_a) & (node_pin[ub] <= node_pin[ua]))
        cost = np.where(use_b, to_b, to_a)
        best[ok] = cost + per_m(qleg[ok], default_speed)
        best_node[ok] = np.where(use_b, ub, ua)
        along[ok] = np.where(use_b, (1 - f) * ln, f * ln)
    reach = np.isfinite(best)
    pin = np.full(n, -1, dtype=np.int64)
    pin[reach] = node_pin[best_node[reach]]
    pin_leg = np.full(n, np.nan)
    pin_leg[reach] = pleg[pin[reach]]
    metres = np.full(n, np.nan)
    metres[reach] = qleg[reach] + along[reach] + acc[best_node[reach]]
    network_m = metres - qleg - pin_leg
    cost_out = np.where(reach, best, np.nan)
    status = [REACHED if r else NOT_SNAPPED for r in reach.tolist()]
    island_segments = np.zeros(n, dtype=np.int64)
    island_km = np.zeros(n)
    lost = np.nonzero(~reach & (qseg >= 0))[0]
    if len(lost):
        comp = components(nodes, e_a, e_b)
        seg_comp = comp[e_a]
        size = np.bincount(seg_comp, minlength=nodes)
        km = np.bincount(seg_comp, weights=e_len, minlength=nodes) / 1000.0
        with_pin = np.zeros(nodes, dtype=bool)
        with_pin[comp[pin_node[pins_ok]]] = True
        cq = comp[net.seg_a[qseg[lost]]]
        for i, c_, has_pin in zip(lost.tolist(), cq.tolist(), with_pin[cq].tolist()):
            status[i] = ONE_WAY if has_pin else ISLAND
            island_segments[i] = size[c_]
            island_km[i] = km[c_]
    pins_snap = np.full(len(pin_x), np.nan)
    pins_snap[pins_ok] = pleg[pins_ok]
    return NetworkResult(pin, cost_out, metres, network_m, np.where(qseg >= 0, qleg, np.nan),
                         pin_leg, np.where(qseg >= 0, net.seg_feature[np.maximum(qseg, 0)], -1),
                         status, island_segments, island_km, pins_snap, defaulted,
                         {"nodes": nodes, "edges": int(len(ru)) - len(src_pins),
                          "segments": net.segments, "features": net.features,
                          "pins_snapped": int(len(pins_ok))}, backend)
