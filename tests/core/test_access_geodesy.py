"""Geodesic distances and the exact nearest-point search of core/geodesy.py (issue 20).

The answers are checked against brute force: Karney's distance from every query to every point.
"""
import numpy as np
import pytest

from citizen_pins.core import geodesy as g


def _points(seed, n, box=(97.3, 5.6, 105.7, 20.5)):
    rng = np.random.default_rng(seed)
    return rng.uniform(box[0], box[2], n), rng.uniform(box[1], box[3], n)


def test_geodesic_is_karney_on_wgs84(qgis_app):
    # reference values from Debian's pyproj 3.4.1 (Geod(ellps='WGS84').inv: GeographicLib's C
    # code in PROJ), computed in a separate process: Bangkok -> Chiang Mai, and a pair nearly
    # antipodal, where Vincenty's formula fails to converge
    d = g.geodesic_m([100.5018, 0.0], [13.7563, 0.0], [98.9853, 179.5], [18.7883, 0.5])
    assert d[0] == pytest.approx(579_946.320, abs=0.001)
    assert d[1] == pytest.approx(19_936_288.579, abs=0.001)
    assert np.isnan(g.geodesic_m(np.nan, 13.0, 100.0, 13.0))


def test_chord_never_exceeds_the_geodesic(qgis_app):
    x1, y1 = _points(1, 2000)
    x2, y2 = _points(2, 2000)
    chord = np.sqrt(((g.ecef(x1, y1) - g.ecef(x2, y2)) ** 2).sum(axis=1))
    s = g.geodesic_m(x1, y1, x2, y2)
    assert np.all(chord <= s)
    assert np.max(s - chord) < 0.01 * np.max(s)  # and close to it


@pytest.mark.parametrize("length", [100.0, 2_000.0, 10_000.0])
def test_short_segments_measure_as_karney(qgis_app, length):
    x1, y1 = _points(3, 5000)
    ang = np.random.default_rng(4).uniform(0, 2 * np.pi, 5000)
    deg = length / 111_000.0
    x2, y2 = x1 + deg * np.cos(ang) / np.cos(np.radians(y1)), y1 + deg * np.sin(ang)
    err = np.abs(g.short_geodesic_m(x1, y1, x2, y2) - g.geodesic_m(x1, y1, x2, y2))
    assert err.max() < 1e-5  # 10 µm


@pytest.mark.parametrize("backend", [g.SCIPY, g.NUMPY])
def test_nearest_geodesic_equals_brute_force(qgis_app, backend):
    px, py = _points(5, 5000)
    # pins twice at the same place: the lower index wins the tie
    px[4000], py[4000] = px[17], py[17]
    qx, qy = _points(6, 300, (96.0, 4.0, 107.0, 22.0))
    qx[:4], qy[:4] = [px[17], 0.0, -70.0, 100.0], [py[17], 0.0, 45.0, 60.0]  # on a pin, far away
    qx[4] = np.nan
    idx, dist = g.nearest_geodesic(px, py, qx, qy, backend=backend)
    assert idx[0] == 17 and dist[0] == 0.0
    assert idx[4] == -1 and np.isnan(dist[4])
    for k in [i for i in range(300) if i != 4]:
        s = g.geodesic_m(qx[k], qy[k], px, py)
        assert idx[k] == int(np.argmin(s)), k
        assert dist[k] == s.min()


def test_index_backends_agree(qgis_app):
    px, py = _points(7, 20000)
    qx, qy = _points(8, 2000, (90.0, 0.0, 110.0, 25.0))
    xyz, q = g.ecef(px, py), g.ecef(qx, qy)
    tree, grid = g.PointIndex(xyz, g.SCIPY), g.PointIndex(xyz, g.NUMPY)
    (ia, da), (ib, db) = tree.nearest(q), grid.nearest(q)
    assert np.array_equal(da, db) and np.array_equal(ia, ib)
    r = np.random.default_rng(9).uniform(0, 40_000, len(q))
    r[:5] = 2_000_000  # balls bigger than the grid's rings: brute force
    a, b = tree.within(q, r), grid.within(q, r)
    assert len(a[0]) > 1000
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
