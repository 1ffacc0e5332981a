"""A new pin where the registry already has the service point: one definition of "the same
service point" (core/duplicates.py) and the blocking rule duplicates.published."""
import json

from citizen_pins.core import duplicates
from citizen_pins.core.context import Settings
from citizen_pins.core.dopa import codes
from citizen_pins.core.findings import ERROR
from citizen_pins.core.validate import validate
from _validation_helpers import by_rule, centre, square_boundaries, table

METRE = 1 / 108_000  # degrees of longitude near Rayong (12.6° N), roughly


def test_same_name_ignores_spacing_case_thai_digits_and_one_slip_but_not_a_number():
    same = duplicates.same_name
    assert same("รพ.สต.บ้านหนองแฟบ", "รพ.สต. บ้านหนองแฟบ ")
    assert same("โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านเนินฆ้อ", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านเนินฆ้")
    assert same("Ban Chang Hospital", "ban chang hospital")
    assert same("รพ.สต.หมู่ ๑", "รพ.สต.หมู่ 1")
    assert not same("รพ.สต.หมู่ 1", "รพ.สต.หมู่ 2")       # numbered: two places
    assert not same("โรงเรียนวัดหนองแฟบ", "รพ.สต.บ้านหนองแฟบ")
    assert not same("", "") and not same(None, "ก")


def test_distance_and_same_service_point():
    x, y = centre("210101")
    assert 19 < duplicates.distance_m(x, y, x + 20 * METRE, y) < 21
    assert duplicates.same_service_point("ที่ว่าการอำเภอ", x, y, "ที่ว่าการอำเภอ ", x + 10 * METRE, y)
    assert not duplicates.same_service_point("ที่ว่าการอำเภอ", x, y, "ที่ว่าการอำเภอ",
                                             x + 30 * METRE, y)


def _validate(rows, published=None, distinct=None):
    return validate(table(rows), square_boundaries(), codes(), Settings(),
                    published=published, distinct=distinct)


def test_a_new_pin_at_a_published_pin_with_its_name_is_an_error_with_the_fix_merge():
    x, y = centre("210101")
    rows = [dict(x=x, y=y, pin_id="old", name_th="รพ.สต.บ้านหนองแฟบ"),
            dict(x=x + 4 * METRE, y=y, pin_id="new", name_th="รพ.สต. บ้านหนองแฟบ"),
            dict(x=x + 4 * METRE, y=y + 4 * METRE, pin_id="other", name_th="โรงเรียนวัดหนองแฟบ"),
            dict(x=x + 60 * METRE, y=y, pin_id="far", name_th="รพ.สต.บ้านหนองแฟบ")]
    found = _validate(rows, published={"old"})
    err = by_rule(found, "duplicates.published")
    assert [(f.pin_id, f.severity, f.actual) for f in err] == [("new", ERROR, "old")]
    assert 3 < err[0].distance_m < 5
    # a merge deletes a pin: medium, so citizen_pins:apply_fixes leaves it to a person by default
    assert json.loads(err[0].fix) == {"action": "merge", "into": "old",
                                      "name": "รพ.สต.บ้านหนองแฟบ", "confidence": "medium"}
    assert "รพ.สต.บ้านหนองแฟบ" in err[0].message_th and "Merge" in err[0].message_en
    # one error, not also a near-duplicate warning about the same pair
    assert [f.pin_id for f in by_rule(found, "duplicates.near_same_name")] == ["far"]


def test_without_a_base_or_when_said_distinct_nothing_blocks():
    x, y = centre("210101")
    rows = [dict(x=x, y=y, pin_id="old", name_th="ที่ว่าการอำเภอเมืองระยอง"),
            dict(x=x, y=y, pin_id="new", name_th="ที่ว่าการอำเภอเมืองระยอง")]
    assert by_rule(_validate(rows), "duplicates.published") == []       # no working copy
    assert by_rule(_validate(rows, published=set()), "duplicates.published") == []
    assert by_rule(_validate(rows, published={"old"}, distinct={"new"}),
                   "duplicates.published") == []
    # both published: the registry's own data, nothing new to block
    assert by_rule(_validate(rows, published={"old", "new"}), "duplicates.published") == []
    # identical coordinates: the error, and no "same coordinates" warning for the same pair
    found = _validate(rows, published={"old"})
    assert [f.pin_id for f in by_rule(found, "duplicates.published")] == ["new"]
    assert by_rule(found, "duplicates.same_coordinates") == []


def test_the_moph_register_has_almost_no_same_service_point_pairs(moph_csv):
    """How often the definition fires on real data: pairs of the MOPH register (11,301
    facilities) in one province within 20 m with the same name (one, a real double entry)."""
    import csv

    grid = duplicates.PointGrid()
    pairs = []
    with open(moph_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                lon, lat = float(row["lon"]), float(row["lat"])
            except ValueError:
                continue
            for olon, olat, other in grid.near(lon, lat):
                if other["provcode"] == row["provcode"] and duplicates.same_service_point(
                        row["hosname"], lon, lat, other["hosname"], olon, olat):
                    pairs.append((other["hoscode"], row["hoscode"]))
            grid.add(lon, lat, row)
    assert len(pairs) == 1, pairs
