"""The road network of core/network.py on a small hand-made network with known shortest paths
(issue 20): a one-way street, a road without a speed, an island and a one-way dead end.  The
network and its drawing: tests/_access_data.py.  Every expected figure is the sum, along a path
written out by hand, of Karney's distances between its points (so the test does not trust the
graph code to find the lengths either)."""
import numpy as np
import pytest
from qgis.core import QgsGeometry

from _access_data import (DEFAULT_SPEED, PIN, PLACES, ROADS, P, expected_distances,
                          expected_minutes, legs, path_m, wkb)
from citizen_pins.core import geodesy as g
from citizen_pins.core import network as nw


@pytest.fixture(scope="module")
def net(qgis_app):
    lines = nw.decode_lines([wkb(r[0]) for r in ROADS])
    return nw.build(lines, np.array([r[1] for r in ROADS]), np.array([r[2] for r in ROADS]))


def run(net, strategy, backend, default_speed=DEFAULT_SPEED):
    xs, ys = np.array(PLACES).T
    return nw.nearest_by_network(net, [PIN[0]], [PIN[1]], xs, ys, strategy, default_speed,
                                 backend)


def test_graph_from_the_lines(net):
    # 13 distinct vertices (A, B, C, D, E, F, G, H, K, I, J): 11 nodes; 11 segments
    assert (net.nodes, net.segments, net.features) == (11, 11, 8)
    assert net.seg_length_m.sum() == pytest.approx(sum(path_m(r[0]) for r in ROADS), abs=1e-6)


@pytest.mark.parametrize("backend", [g.SCIPY, g.NUMPY])
def test_shortest_distances(net, backend):
    r = run(net, nw.DISTANCE, backend)
    leg = legs()
    far, near = expected_distances()
    # place 0 lies on G-H; H -> D is against the one way, so it goes back west and round:
    # G, F, B (f5), C, D
    wrong_way = path_m([(101.025, 12.71), P(3, 1), P(3, 0)])  # down H -> D, against f4
    assert far - leg[0] > 2.9 * wrong_way  # 4.9 km instead of 1.6 km
    assert r.status[0] == nw.REACHED and r.pin[0] == 0
    assert r.place_snap_m[0] == pytest.approx(leg[0], abs=1e-3)
    assert r.network_m[0] == pytest.approx(far - leg[0], abs=1e-3)
    assert r.cost[0] == pytest.approx(far, abs=1e-3)
    # place 1 on A-B: east along f0, f1
    assert r.cost[1] == pytest.approx(near, abs=1e-3)
    assert r.metres[1] == pytest.approx(r.cost[1], abs=1e-9)
    # the island: no pin can be reached, never a zero or a huge number
    assert r.status[2] == nw.ISLAND and r.pin[2] == -1 and np.isnan(r.cost[2])
    assert r.island_segments[2] == 1
    assert r.island_km[2] == pytest.approx(path_m(ROADS[6][0]) / 1000, abs=1e-6)
    # on the one-way dead end D -> K: connected to the pin, but no way back
    assert r.status[3] == nw.ONE_WAY and np.isnan(r.cost[3])
    # at the pin itself
    assert r.cost[4] == pytest.approx(0.0, abs=1e-6) and r.pin[4] == 0
    assert r.pin_snap_m[0] == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("backend", [g.SCIPY, g.NUMPY])
def test_travel_time_with_a_road_without_speed(net, backend):
    r = run(net, nw.TIME, backend)
    assert r.default_speed_features == 1  # f3
    assert r.cost[0] == pytest.approx(expected_minutes(DEFAULT_SPEED), abs=1e-6)
    # the metres of that fastest route
    assert r.metres[0] == pytest.approx(expected_distances()[0], abs=1e-3)
    # the default speed is what a road without one gets: a faster default, a shorter time
    faster = run(net, nw.TIME, backend, default_speed=80.0)
    assert faster.cost[0] == pytest.approx(expected_minutes(80.0), abs=1e-6)


def test_a_pin_in_the_middle_of_a_road_splits_it(net):
    # the pin halfway along B-C: place 1 (on A-B) reaches it without passing C, and a place
    # beyond it on the same segment comes back along it
    pin = (101.015, 12.7)
    r = nw.nearest_by_network(net, [pin[0]], [pin[1]], [101.005, 101.018], [12.6998, 12.7])
    assert r.network_m[0] == pytest.approx(path_m([(101.005, 12.7), P(1, 0), pin]), abs=1e-3)
    assert r.network_m[1] == pytest.approx(path_m([(101.018, 12.7), pin]), abs=1e-3)


def test_decoder_reads_every_kind_of_line(qgis_app):
    from osgeo import ogr

    wkts = ["LINESTRING (1 2, 3 4)", "LINESTRING Z (1 2 9, 5 6 9)", "LINESTRING M (0 0 1, 1 1 2)",
            "LINESTRING ZM (7 8 1 2, 9 10 3 4)",
            "MULTILINESTRING ((0 0, 1 0), (2 2, 3 3, 4 4))",
            "COMPOUNDCURVE ((0 0, 1 0), CIRCULARSTRING (1 0, 2 1, 3 0))",
            "POINT (1 1)"]
    wkbs = [bytes(QgsGeometry.fromWkt(w).asWkb()) for w in wkts]
    big = ogr.CreateGeometryFromWkt("LINESTRING (10 20, 30 40)").ExportToWkb(ogr.wkbXDR)
    wkbs += [bytes(big), None, b""]
    lines = nw.decode_lines(wkbs)
    parts = [list(zip(lines.x[lines.part == p], lines.y[lines.part == p]))
             for p in range(int(lines.part.max()) + 1)]
    feats = lines.part_feature.tolist()
    assert parts[:6] == [[(1, 2), (3, 4)], [(1, 2), (5, 6)], [(0, 0), (1, 1)], [(7, 8), (9, 10)],
                         [(0, 0), (1, 0)], [(2, 2), (3, 3), (4, 4)]]
    assert feats[:6] == [0, 1, 2, 3, 4, 4]
    # the curve linearised by OGR (many vertices on the arc), the big-endian line; no point
    curve = parts[feats.index(5)]
    assert curve[0] == (0, 0) and curve[-1] == pytest.approx((3, 0)) and len(curve) > 10
    assert parts[feats.index(7)] == [(10, 20), (30, 40)]
    assert 6 not in feats and 8 not in feats and 9 not in feats


def test_an_empty_network_is_refused(qgis_app):
    with pytest.raises(nw.NetworkError):
        nw.build(nw.decode_lines([None]), np.zeros(1), np.zeros(1))
    # a "line" of one repeated vertex has no segment
    with pytest.raises(nw.NetworkError):
        nw.build(nw.decode_lines([wkb([(100, 13), (100, 13)])]), np.zeros(1), np.zeros(1))


@pytest.mark.parametrize("backend", [g.SCIPY, g.NUMPY])
def test_backends_agree_on_a_random_grid(qgis_app, backend):
    """A 60 x 60 grid with random one-ways and missing speeds: scipy's Dijkstra and the pure
    Python heap, the tree and the grid index, give the same answers."""
    rng = np.random.default_rng(11)
    n = 60
    lines, direction, speed = [], [], []
    for i in range(n):
        for j in range(n):
            for di, dj in ((1, 0), (0, 1)):
                if i + di < n and j + dj < n:
                    lines.append(wkb([(100 + 0.002 * i, 14 + 0.002 * j),
                                      (100 + 0.002 * (i + di), 14 + 0.002 * (j + dj))]))
                    direction.append(rng.choice([0, 0, 0, 1, 2]))
                    speed.append(rng.choice([np.nan, 30.0, 60.0]))
    net_ = nw.build(nw.decode_lines(lines), np.array(direction), np.array(speed))
    px, py = rng.uniform(100, 100.118, 5), rng.uniform(14, 14.118, 5)
    qx, qy = rng.uniform(99.99, 100.13, 400), rng.uniform(13.99, 14.13, 400)
    ref = nw.nearest_by_network(net_, px, py, qx, qy, nw.TIME, 35.0, g.SCIPY)
    got = nw.nearest_by_network(net_, px, py, qx, qy, nw.TIME, 35.0, backend)
    assert np.array_equal(ref.pin, got.pin)
    assert np.allclose(ref.cost, got.cost, rtol=0, atol=1e-9, equal_nan=True)
    assert ref.status == got.status
    assert sum(s == nw.REACHED for s in ref.status) > 300
