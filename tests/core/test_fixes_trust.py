"""Fixes a person can trust (issue 15): one fix per problem, the three codes together, offered
only when the evidence supports it, with how sure it is; one finding per cause."""
import pytest

from _validation_helpers import S, X0, Y0, by_rule, centre, run, square_boundaries


def at(cell, **attrs):
    i, j = cell
    d = dict(x=X0 + (i + 0.5) * S, y=Y0 + (j + 0.5) * S)
    d.update(attrs)
    return d


def codes(t, a=None, p=None):
    return dict(tambon_code=t, amphoe_code=a if a is not None else t[:4],
                province_code=p if p is not None else t[:2])


def rules_of(findings):
    return [f.rule_id for f in findings]


# -- location errors: the codes are changed only when the evidence says the codes are wrong -------

def test_a_location_error_alone_changes_no_code():
    # declared Tha Pradu (210101), the point lies in Choeng Noen (210102): which is wrong?
    f = run([dict(zip(("x", "y"), centre("210102")), **codes("210101"), name_th="จุดบริการ 7")])
    (g,) = by_rule(f, "location.not_in_tambon")
    assert g.fix == ""


def test_the_name_naming_where_the_pin_lies_supports_the_code_change():
    f = run([dict(zip(("x", "y"), centre("210102")), **codes("210101"),
                  name_th="องค์การบริหารส่วนตำบลเชิงเนิน")])
    (g,) = by_rule(f, "location.not_in_tambon")
    assert g.fix_data() == {"action": "set_codes", "province_code": "21", "amphoe_code": "2101",
                            "tambon_code": "210102", "confidence": "high",
                            "basis": "location+name"}


def test_no_code_change_when_the_name_names_the_declared_unit():
    # as MOPH 00878 "สำนักงานสาธารณสุขอำเภอมะนัง": the name says where it should be
    f = run([dict(zip(("x", "y"), centre("210102")), **codes("210101"),
                  name_th="โรงพยาบาลส่งเสริมสุขภาพตำบลท่าประดู่")])
    (g,) = by_rule(f, "location.not_in_tambon")
    assert g.fix == ""
    assert "misplaced" in g.message_en and "ปักหมุดผิดที่" in g.message_th


def test_no_code_change_for_pins_sharing_their_point():
    # the issue's wrong fixes: an office's coordinates copied from another office
    x, y = centre("210102")
    f = run([dict(x=x, y=y, **codes("210102"), name_th="เทศบาลตำบลเชิงเนิน"),
             dict(x=x, y=y, **codes("210101"), name_th="องค์การบริหารส่วนตำบลเชิงเนินใหม่")])
    assert sorted(rules_of(f)) == ["duplicates.same_coordinates", "location.not_in_tambon"]
    (g,) = by_rule(f, "location.not_in_tambon")
    assert g.fix == ""
    assert "copied" in g.message_en


def test_near_boundary_changes_no_code_even_with_the_name():
    # within the tolerance the point cannot tell the side: a name alone is one source
    for name in ("จุดบริการ 7", "องค์การบริหารส่วนตำบลเชิงเนิน"):
        f = run([dict(zip(("x", "y"), centre("210102", dx=0.05)), **codes("210101"), name_th=name)])
        (g,) = by_rule(f, "location.near_boundary")
        assert g.fix == ""


def test_a_tambon_named_like_its_amphoe_counts_after_a_tambon_word_but_not_a_town():
    # Phran Kratai: tambon 620601 and its amphoe 6206 share the name; the pin declares 620609
    b = square_boundaries(extra={"620601": (3, 0), "620609": (4, 0)})

    def fix_for(name):
        f = run([at((3, 0), **codes("620609"), name_th=name)], boundaries=b)
        (g,) = by_rule(f, "location.not_in_tambon")
        return g.fix_data()

    # "ตำบลพรานกระต่าย": the tambon, not the amphoe
    assert fix_for("โรงพยาบาลส่งเสริมสุขภาพตำบลพรานกระต่าย")["tambon_code"] == "620601"
    # the amphoe's name alone, or a tambon municipality (a town, not a tambon): nothing settled
    assert fix_for("โรงพยาบาลพรานกระต่าย") is None
    assert fix_for("ศูนย์บริการสาธารณสุข เทศบาลตำบลพรานกระต่าย") is None


# -- abolished codes: the three codes, the successor by location and name, no invented dates -------

def test_an_abolished_code_is_replaced_with_the_three_codes_together():
    # Sap Si Thong 360411 became 360119 (Mueang Chaiyaphum, 3601), matched by name in DOPA's
    # history.  A pin lying in 360119 gets the three codes; applied, its codes nest.
    b = square_boundaries(extra={"360119": (3, 0)})
    (g,) = run([at((3, 0), **codes("360411", "3604", "36"))], boundaries=b)
    assert g.rule_id == "codes.abolished"
    assert g.fix_data() == {"action": "set_codes", "province_code": "36", "amphoe_code": "3601",
                            "tambon_code": "360119", "confidence": "high",
                            "basis": "history+location"}
    # without a location, a name match into another amphoe than the pin's is not offered: MOPH
    # 03980 (declared 3604) lies 17.7 km from 360119, in its declared amphoe
    (g,) = run([at((0, 0), **codes("360411", "3604", "36"))], boundaries=None)
    assert g.fix == "" and "360119" in g.message_en and "not proven" in g.message_en


def test_the_successor_is_where_the_pin_lies_when_that_unit_bears_the_old_name():
    # Kham Khuean Kaeo 340603 (Ubon, amphoe Chanuman) has been in Amnat Charoen since 1993
    # (370203); a name match in Ubon gives 342506.  The pin lies in 370203.
    b = square_boundaries(extra={"370203": (3, 0), "342506": (4, 0)})
    f = run([at((3, 0), **codes("340603", "3406", "34"),
                name_th="โรงพยาบาลส่งเสริมสุขภาพตำบลคำเขื่อนแก้ว")], boundaries=b)
    assert rules_of(f) == ["codes.abolished"]
    assert f[0].fix_data() == {"action": "set_codes", "province_code": "37",
                               "amphoe_code": "3702", "tambon_code": "370203",
                               "confidence": "high", "basis": "location+old_name"}


def test_a_name_match_is_never_taken_across_provinces():
    # the same old code declared with the new province: 342506 (Ubon) cannot be its successor
    f = run([at((0, 0), **codes("340603", "3406", "37"))], boundaries=None)
    (g,) = by_rule(f, "codes.abolished")
    assert g.fix == ""
    assert "another province" in g.message_en


def test_without_a_successor_the_location_gives_the_codes_when_it_can_be_trusted():
    # Nang Loeng (100899, Bangkok) has no successor in DOPA's history; the pin lies in 100801,
    # in the same khet (1008): set from the location, to be checked (medium)
    b = square_boundaries(extra={"100801": (3, 0)})
    f = run([at((3, 0), **codes("100899", "1008", "10"))], boundaries=b)
    assert rules_of(f) == ["codes.abolished"]
    g = f[0]
    assert g.fix_data()["tambon_code"] == "100801" and g.confidence == "medium"
    assert "แขวง" in g.message_th and "ต." not in g.message_th


def test_no_date_the_data_does_not_support():
    # 360411 left DOPA's list in its 2006 clean-up: that date is not when the tambon changed
    (g,) = run([at((0, 0), **codes("360411", "3601", "36"))], boundaries=None)
    assert "2006" not in g.message_en and "2549" not in g.message_th
    # 530306: a Royal Gazette notice in force from 14 February 2015
    (g,) = run([at((0, 0), **codes("530306", "5303", "53"))], boundaries=None)
    assert "14 February 2015" in g.message_en and "14 กุมภาพันธ์ 2558" in g.message_th


def test_one_stale_code_gives_one_finding_with_one_fix():
    # Bueng Kan: amphoe 4303 and tambon 430301 both renumbered (38xx) by a notice in 2011
    b = square_boundaries(extra={"380101": (3, 0)})
    f = run([at((3, 0), **codes("430301", "4303", "43"))], boundaries=b)
    assert rules_of(f) == ["codes.abolished"]
    assert f[0].fix_data()["tambon_code"] == "380101" and f[0].confidence == "high"
    # Sa Kaeo 250401: no successor in the history; the pin lies in 270101, which bears its name
    b = square_boundaries(extra={"270101": (3, 0)})
    f = run([at((3, 0), **codes("250401", "2504", "25"), name_th="รพ.สต.บ้านสระแก้ว")],
            boundaries=b)
    assert rules_of(f) == ["codes.abolished"]
    assert f[0].fix_data()["tambon_code"] == "270101"


# -- codes that do not nest: the location says which one is wrong ----------------------------------

def test_codes_that_do_not_nest_are_one_finding_fixed_from_where_the_pin_lies():
    # tambon 210101 declared in amphoe 2102; the pin lies in 210201, in amphoe 2102
    f = run([dict(zip(("x", "y"), centre("210201")), **codes("210101", "2102", "21"))])
    assert rules_of(f) == ["codes.hierarchy"]
    assert f[0].fix_data()["tambon_code"] == "210201" and f[0].confidence == "high"


# -- a pin without a tambon code -------------------------------------------------------------------

def test_an_empty_tambon_code_is_a_warning_with_the_codes_of_the_location():
    f = run([dict(zip(("x", "y"), centre("210103")), **codes("", "2101", "21"))])
    assert [(g.rule_id, g.severity) for g in f] == [("codes.missing", "warning")]
    assert f[0].fix_data()["tambon_code"] == "210103" and f[0].confidence == "high"
    # nothing declared at all: the location alone (medium)
    f = run([dict(zip(("x", "y"), centre("210103")), **codes("", "", ""))])
    assert rules_of(f) == ["codes.missing"] and f[0].confidence == "medium"


# -- typing slips -----------------------------------------------------------------------------------

def test_a_longitude_with_a_digit_too_many_is_a_typing_slip_with_its_reading():
    x, y = centre("210102")
    f = run([dict(x=1000 + x, y=y, **codes("210102"))])  # 1101.215 typed for 101.215
    assert rules_of(f) == ["coordinates.typing_slip"]
    fix = f[0].fix_data()
    assert (fix["x"], fix["y"]) == (pytest.approx(x), pytest.approx(y))
    assert fix["confidence"] == "high" and "typing slip" in f[0].message_en
    assert "CRS" not in f[0].message_en


def test_the_issues_199_88_is_told_as_a_slip_and_lat_equal_lon_too():
    f = run([dict(x=199.88, y=13.7)], boundaries=None)
    assert rules_of(f) == ["coordinates.typing_slip"]
    assert "99.88" in f[0].message_en and f[0].confidence == "medium"
    f = run([dict(x=100.5, y=100.5)])
    assert rules_of(f) == ["coordinates.typing_slip"] and f[0].fix == ""
    assert "same number (100.5)" in f[0].message_en and "CRS" not in f[0].message_en
