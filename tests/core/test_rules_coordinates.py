"""Geometry and coordinate rules: missing, not a point, several parts, (0,0), swapped, UTM, abroad."""
import pytest

from citizen_pins.core.pins import GEOM_EMPTY, GEOM_MULTIPART, GEOM_NONE, GEOM_NOT_POINT
from _validation_helpers import centre, run


def test_geometry_problems_each_have_their_rule_and_stop_location_checks():
    x, y = centre("210101")
    rows = [dict(), dict(), dict(x=x, y=y), dict(x=x, y=y)]
    f = run(rows, geom_issues=[GEOM_NONE, GEOM_EMPTY, GEOM_NOT_POINT, GEOM_MULTIPART])
    assert [(g.index, g.rule_id) for g in f] == [
        (0, "geometry.missing"), (1, "geometry.missing"), (2, "geometry.not_point"),
        (3, "geometry.multipart")]
    assert all(g.severity == "error" for g in f)
    assert f[0].x is None and f[3].x == pytest.approx(x)


def test_zero_zero():
    f = run([dict(x=0.0, y=0.0)])
    assert [g.rule_id for g in f] == ["coordinates.zero"]


def test_swapped_latitude_longitude_suggests_the_swapped_point():
    x, y = centre("210102")
    f = run([dict(x=y, y=x, tambon_code="210102")])
    assert [g.rule_id for g in f] == ["coordinates.swapped"]
    fix = f[0].fix_data()
    assert fix["action"] == "move" and fix["reason"] == "swap" and fix["confidence"] == "high"
    assert (fix["x"], fix["y"]) == (pytest.approx(x), pytest.approx(y))


def test_swapped_back_into_another_unit_than_declared_is_told_and_not_moved():
    # swapped back the point is in 210102, the pin declares 210101: moving it would trade this
    # error for a location error, so no fix; the message names both units
    x, y = centre("210102")
    f = run([dict(x=y, y=x, tambon_code="210101")])
    assert [g.rule_id for g in f] == ["coordinates.swapped"] and f[0].fix == ""
    assert "210102" in f[0].message_en and "210101" in f[0].message_en


@pytest.mark.parametrize("zone, easting, northing", [(47, 739_539.6, 1_394_461.1),
                                                       (48, 87_549.2, 1_396_438.9)])
def test_utm_numbers_in_a_geographic_layer_suggest_the_reprojected_point(zone, easting, northing):
    # Both are the centre of the square 210101 (101.205 E, 12.605 N) in UTM 47N and 48N.
    f = run([dict(x=easting, y=northing)])
    assert [g.rule_id for g in f] == ["coordinates.projected"]
    fix = f[0].fix_data()
    assert fix["reason"] == f"utm{zone}"
    assert fix["x"] == pytest.approx(101.205, abs=1e-5) and fix["y"] == pytest.approx(12.605, abs=1e-5)
    assert f"{zone}N" in f[0].message_en and f"{zone}N" in f[0].message_th


def test_projected_numbers_that_land_nowhere_have_no_fix():
    f = run([dict(x=5_000_000.0, y=9_000_000.0)])
    assert [g.rule_id for g in f] == ["coordinates.projected"] and f[0].fix == ""


def test_outside_thailand_by_envelope_and_by_a_national_layer():
    # Vientiane: outside the envelope? no (102.6 E, 17.97 N is inside it) -> needs the national rule
    far = dict(x=90.4, y=23.8)  # Dhaka
    assert [g.rule_id for g in run([far])] == ["coordinates.outside_thailand"]
    # With a national layer, 5 km off the squares is abroad; 50 m off is only a warning.
    x, y = centre("210101")
    off = dict(x=x, y=y - 0.005 - 0.045)    # ~5 km south of the squares
    near = dict(x=x, y=y - 0.005 - 0.0004)  # ~45 m south
    f = run([off, near], national=True)
    assert [(g.index, g.rule_id) for g in f] == [(0, "coordinates.outside_thailand"),
                                                 (1, "location.near_boundary")]
    assert f[0].distance_m == pytest.approx(4980, rel=0.02)
    assert f[1].distance_m == pytest.approx(44, rel=0.05) and f[1].severity == "warning"
