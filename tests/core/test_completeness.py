"""Completeness on a small crafted map: three real Rayong tambon codes drawn as squares."""
import numpy as np
import pytest
import shapely

from citizen_pins.core import completeness as cm
from citizen_pins.core.boundaries import BoundaryIndex
from citizen_pins.core.pins import PinTable

# 210101 Tha Pradu, 210102 Choeng Noen, 210103 Taphong: 0.1 degree squares side by side
SQUARES = {"TH210101": (101.0, 12.6), "TH210102": (101.1, 12.6), "TH210103": (101.2, 12.6)}


@pytest.fixture(scope="module")
def index():
    wkbs = [shapely.to_wkb(shapely.box(x, y, x + 0.1, y + 0.1)) for x, y in SQUARES.values()]
    return BoundaryIndex(list(SQUARES), wkbs, engine="shapely")


def table(rows):
    """rows: (pin_id, point_type, tambon_code, x, y)"""
    n = len(rows)
    return PinTable(np.arange(n, dtype=np.int64), np.asarray([r[3] for r in rows], float),
                    np.asarray([r[4] for r in rows], float), [None] * n,
                    {"pin_id": [r[0] for r in rows], "name_th": [f"ชื่อ {r[0]}" for r in rows],
                     "point_type": [r[1] for r in rows],
                     "province_code": [r[2][:2] if r[2] else None for r in rows],
                     "amphoe_code": [r[2][:4] if r[2] else None for r in rows],
                     "tambon_code": [r[2] for r in rows]})


def by_code(result):
    return {r.item.code: r for r in result.items}


def test_declared_and_located_decide_together(index):
    pins = table([
        ("a", "lao_office", "210101", 101.05, 12.65),     # in its tambon: complete
        ("b", "lao_office", "210102", 101.25, 12.65),     # declares 210102, lies in 210103 (5 km)
        ("c", "school", "210103", 101.25, 12.65),         # wrong point type: does not count
        ("d", "lao_office", "๒๑๐๑๐๓", 101.2995, 12.65),   # Thai numerals, 0.5 m inside: complete
    ])
    exp = [e for e in cm.expected_per_tambon(["21"]) if e.code in ("210101", "210102", "210103",
                                                                     "210104")]
    res = cm.compute(pins, exp, index, ["21"], tolerance_m=100, mode="tambon")
    r = by_code(res)
    assert r["210101"].status == cm.COMPLETE and r["210101"].best_pin == "a"
    assert r["210102"].status == cm.DISPUTED and r["210102"].located == "210103"
    assert r["210102"].distance_m == pytest.approx(5_440, rel=0.01)  # 0.05 deg of longitude at 12.65 N
    assert r["210103"].status == cm.COMPLETE and r["210103"].pin_ids == ["d"]
    # the office of 210104 is not in the layer and nobody declared it
    assert r["210104"].status == cm.MISSING
    # "b" lies in 210103 but declares 210102: a hint for whoever looks at 210103 (complete anyway)
    assert r["210103"].pins_here == ["b"]
    s = res.units["amphoe"]["2101"]
    assert (s.expected, s.complete, s.disputed, s.missing) == (4, 2, 1, 1)
    assert s.pct_complete == 50.0 and s.pct_pinned == 75.0
    # every current tambon of Rayong has a row (0 expected where not asked for)
    assert len(res.units["tambon"]) == 58 and res.units["tambon"]["210201"].expected == 0
    assert res.units["tambon"]["210201"].in_layer is False


def test_tolerance_turns_a_near_miss_into_complete(index):
    pins = table([("b", "lao_office", "210102", 101.2005, 12.65)])  # 54 m east of 210102
    exp = [e for e in cm.expected_per_tambon(["21"]) if e.code == "210102"]
    near = cm.compute(pins, exp, index, ["21"], tolerance_m=100).items[0]
    assert near.status == cm.COMPLETE and near.distance_m == pytest.approx(54.3, abs=1)
    assert cm.compute(pins, exp, index, ["21"], tolerance_m=10).items[0].status == cm.DISPUTED


def test_unchecked_without_polygon_or_point(index):
    pins = table([("x", "lao_office", "210104", 101.05, 12.65),       # 210104 not in the layer
                  ("y", "lao_office", "210105", float("nan"), float("nan"))])
    exp = [e for e in cm.expected_per_tambon(["21"]) if e.code in ("210104", "210105")]
    r = by_code(cm.compute(pins, exp, index, ["21"]))
    assert r["210104"].status == cm.UNCHECKED and r["210105"].status == cm.UNCHECKED


def test_organisation_list_shares_a_unit_and_matches_by_name(index):
    rows = [("sao", "อบต.ท่าประดู่", "TH210101", "lao_office"),
            ("muni", "เทศบาลนครระยอง", "๒๑๐๑๐๑", "lao_office"),
            ("do", "ที่ว่าการอำเภอเมืองระยอง", "2101", "district_office"),
            ("ph", "ศาลากลางจังหวัดระยอง", 21.0, "provincial_hall")]
    exp = cm.expected_from_rows(rows, ("lao_office", "district_office", "provincial_hall"))
    assert [e.code for e in exp] == ["210101", "210101", "2101", "21"]
    pins = PinTable(np.arange(2, dtype=np.int64), np.asarray([101.05, 101.15]),
                    np.asarray([12.65, 12.65]), [None, None],
                    {"pin_id": ["p1", "p2"], "name_th": ["เทศบาลนคร ระยอง", "อำเภอ"],
                     "point_type": ["lao_office", "district_office"],
                     "province_code": ["21", "21"], "amphoe_code": ["2101", "2101"],
                     "tambon_code": ["210101", "210102"]})
    r = {x.item.item_id: x for x in cm.compute(pins, exp, index).items}
    assert r["muni"].status == cm.COMPLETE and r["muni"].pin_ids == ["p1"]  # name, spaces ignored
    assert r["sao"].status == cm.MISSING
    assert r["do"].status == cm.COMPLETE  # amphoe-level: anywhere in 2101
    assert r["ph"].status == cm.MISSING


@pytest.mark.parametrize("rows,message", [
    ([("1", "x", "9107-", "lao_office")], "row 1 (1): '9107-' is not a DOPA code"),
    ([("1", "x", "219999", "lao_office")], "code 219999 is not a current DOPA code"),
    ([("1", "x", "210101", "temple")], "point type 'temple' is not one of"),
    ([("1", "x", "210101", "lao_office"), ("1", "y", "210102", "lao_office")],
     "row 2: organisation id '1' appears twice"),
])
def test_bad_expected_rows(rows, message):
    with pytest.raises(cm.ExpectedListError, match=message.replace("(", r"\(").replace(")", r"\)")):
        cm.expected_from_rows(rows, ("lao_office",))


def test_abolished_code_in_the_list_becomes_its_successor():
    exp = cm.expected_from_rows([("1", "อบต.สระสี่ทอง", "360411", "lao_office")], ("lao_office",))
    assert exp[0].code == "360119"


def test_the_reports_caption_names_the_point_type_by_its_label_not_its_key():
    """Issue 15: the coordinator report read "หมุด lao_office ทุกตำบล"."""
    from citizen_pins.core.report_data import expected_caption

    assert expected_caption("tambon:lao_office") == (
        "หมุดสำนักงานองค์กรปกครองส่วนท้องถิ่นทุกตำบล", "one local government office pin per tambon")
    assert expected_caption("tambon:health_facility") == (
        "หมุดสถานพยาบาลทุกตำบล", "one health facility pin per tambon")
    assert expected_caption("organisations") == ("ตามรายชื่อหน่วยงาน", "the list of organisations")
