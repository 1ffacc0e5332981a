"""A small hand-made road network with known shortest paths (issue 20's tests).

Nodes sit on a 0.01° grid near Rayong: (i, j) is (101 + 0.01 i, 12.7 + 0.01 j)::

      E(0,1) ---f3, no speed--- F(1,1) ---f3--- G(2,1) ---f3--- H(3,1)
        |                         |                              ^
      f2 (30)                   f5 (20)                    f4 one way D -> H (60)
        |                         |                              |
      A(0,0) ---f0 (60)------- B(1,0) ---f0--- C(2,0) ---f1 (60)--- D(3,0) ---f7 one way--> K(4,0)

      island: I(5,5) ---f6--- J(6,5)            the pin: at D

Places: 0 on G-H (22 m north of it), 1 on A-B (22 m south), 2 by the island, 3 on the one-way
dead end D -> K, 4 exactly at D.
"""
import numpy as np
from qgis.core import QgsGeometry

from citizen_pins.core import geodesy as g
from citizen_pins.core import network as nw


def P(i, j):
    return (101.0 + 0.01 * i, 12.7 + 0.01 * j)


ROADS = [  # (vertices, direction, speed km/h)
    ([P(0, 0), P(1, 0), P(2, 0)], nw.BOTH, 60.0),        # f0
    ([P(2, 0), P(3, 0)], nw.BOTH, 60.0),                 # f1
    ([P(0, 0), P(0, 1)], nw.BOTH, 30.0),                 # f2
    ([P(0, 1), P(1, 1), P(2, 1), P(3, 1)], nw.BOTH, np.nan),  # f3: no speed
    ([P(3, 0), P(3, 1)], nw.FORWARD, 60.0),              # f4: one way, D -> H only
    ([P(1, 0), P(1, 1)], nw.BOTH, 20.0),                 # f5
    ([P(5, 5), P(6, 5)], nw.BOTH, 50.0),                 # f6: the island
    ([P(3, 0), P(4, 0)], nw.FORWARD, 50.0),              # f7: one way out of D, dead end at K
]
PIN = P(3, 0)
PLACES = [(101.025, 12.7102), (101.005, 12.6998), (101.055, 12.7502), (101.038, 12.7001), PIN]
DEFAULT_SPEED = 40.0


def wkb(points):
    return bytes(QgsGeometry.fromWkt(
        "LINESTRING(" + ", ".join(f"{x!r} {y!r}" for x, y in points) + ")").asWkb())


def path_m(points):
    xs, ys = np.array(points).T
    return float(g.geodesic_m(xs[:-1], ys[:-1], xs[1:], ys[1:]).sum())


def legs():
    """Karney's distance from places 0 and 1 to the roads they lie by."""
    return g.geodesic_m([101.025, 101.005], [12.7102, 12.6998], [101.025, 101.005], [12.71, 12.7])


def expected_distances():
    """Places 0 and 1 to the pin: walk to the road, then along it (place 0 goes round, H -> D
    being one way the other way; place 1 east along f0, f1)."""
    leg = legs()
    around = path_m([(101.025, 12.71), P(2, 1), P(1, 1), P(1, 0), P(2, 0), P(3, 0)])
    east = path_m([(101.005, 12.7), P(1, 0), P(2, 0), P(3, 0)])
    return leg[0] + around, leg[1] + east


def minutes(metres, kmh):
    return metres / (kmh / 3.6) / 60.0


def expected_minutes(default_speed):
    """Place 0's fastest time: the walk and f3 (no speed) at the default, f5 at 20 km/h, f0 and
    f1 at 60 (the only way: H -> D is one way the other way)."""
    return (minutes(legs()[0], default_speed)
            + minutes(path_m([(101.025, 12.71), P(2, 1), P(1, 1)]), default_speed)
            + minutes(path_m([P(1, 1), P(1, 0)]), 20.0)
            + minutes(path_m([P(1, 0), P(2, 0), P(3, 0)]), 60.0))
