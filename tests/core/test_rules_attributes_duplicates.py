"""Attribute and duplicate rules, the rule registry, and deterministic order."""
import json

from citizen_pins.core.findings import ERROR, SEVERITIES
from citizen_pins.core.rules import RULES
from citizen_pins.core.validate import counts_per_rule
from _validation_helpers import by_rule, centre, run


def test_required_fields_empty():
    x, y = centre("210101")
    f = run([dict(x=x, y=y, name_th=None, point_type=None)])
    req = by_rule(f, "attributes.required")
    assert [g.expected for g in req] == ["name_th", "point_type"]
    assert "ชื่อ (ไทย)" in req[0].message_th and "Name (Thai)" in req[0].message_en


def test_point_type_not_in_the_list_with_a_fix_when_it_is_a_label():
    x, y = centre("210101")
    f = run([dict(x=x, y=y, point_type="โรงเรียน"), dict(x=x + 1e-3, y=y, point_type="shop")])
    pt = by_rule(f, "attributes.point_type")
    assert [g.index for g in pt] == [0, 1]
    assert pt[0].fix_data() == {"action": "set_field", "field": "point_type", "value": "school"}
    assert pt[1].fix == "" and "school" in pt[1].message_en


def test_same_pin_id_twice_is_an_error_on_the_second():
    x, y = centre("210101")
    f = run([dict(x=x, y=y, pin_id="a"), dict(x=x + 1e-3, y=y, pin_id="a", name_th="อื่น")])
    d = by_rule(f, "duplicates.pin_id")
    assert [(g.index, g.severity) for g in d] == [(1, ERROR)]
    assert d[0].actual == "100"  # the feature id of the first


def test_same_coordinates_and_near_identical_names():
    x, y = centre("210101")
    rows = [dict(x=x, y=y, name_th="รพ.สต.บ้านหนองแฟบ"),
            dict(x=x, y=y, name_th="โรงเรียนวัดหนองแฟบ"),                    # same place
            dict(x=x + 0.0004, y=y, name_th="รพ.สต. บ้านหนองแฟบ "),           # 43 m, same name
            dict(x=x - 0.0004, y=y, name_th="รพ.สต.บ้านหนองแฟบ๒"),            # 43 m, one char more
            dict(x=x, y=y + 0.0004, name_th="รพ.สต.บ้านหนองบัว")]             # 43 m, another name
    f = run(rows)
    same = by_rule(f, "duplicates.same_coordinates")
    assert [(g.index, g.actual) for g in same] == [(1, "p0")]
    near = by_rule(f, "duplicates.near_same_name")
    assert [(g.index, g.actual) for g in near] == [(2, "p0"), (3, "p0")]
    assert all(40 < g.distance_m < 46 for g in near)
    assert run(rows, duplicate_distance_m=20) == same


def test_rules_are_registered_once_with_both_languages():
    ids = [r.rule_id for r in RULES]
    assert len(ids) == len(set(ids)) >= 20
    for r in RULES:
        assert r.severity in SEVERITIES and r.title_en and r.title_th
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in r.title_th)


def test_every_finding_has_both_messages_and_the_order_is_deterministic():
    x, y = centre("210101")
    rows = [dict(x=x, y=y, pin_id="a", tambon_code="9107-", point_type="shop"),
            dict(x=y, y=x, pin_id="a"), dict(x=0.0, y=0.0, name_th=None),
            dict(x=x, y=y, tambon_code="530306", amphoe_code="5303", province_code="53")]
    a = run(rows)
    order = [r.rule_id for r in RULES]
    keys = [(f.index, order.index(f.rule_id)) for f in a]
    assert keys == sorted(keys) and len(a) >= 8
    for f in a:
        assert f.message_th and f.message_en and f.message_th != f.message_en
        if f.fix:
            json.loads(f.fix)
    assert [(f.index, f.rule_id, f.message_en) for f in run(rows)] == [
        (f.index, f.rule_id, f.message_en) for f in a]
    counts = counts_per_rule(a)
    assert list(counts) == [r.rule_id for r in RULES] and sum(counts.values()) == len(a)


def test_name_key_removes_every_unicode_space_and_keeps_the_regex_meaning():
    import re
    import sys

    from citizen_pins.core import rules

    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert rules.NAME_SPACES == spaces
    noise = re.compile(r"[\s\.\,\-\(\)/'\"]+")
    for name in ("รพ.สต. บ้าน-ใหม่ (๑๒)", "A\u3000B\u2028c", "Straße ẞ", "  ", "x/y'z\"w"):
        old = noise.sub("", name.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).casefold())
        assert rules._name_key(name) == old, name


def test_repeated_values_and_code_rows_found_on_raw_bytes():
    import numpy as np

    from citizen_pins.core import rules
    from citizen_pins.core.pins import TextColumn, factorize_rows

    ids = np.array([b"a", b"b", b"a", b"c" * 40, b"", b"c" * 40, b"d"])
    assert rules._repeated(TextColumn(ids)) == [0, 2, 3, 5]
    assert rules._repeated(TextColumn(np.array([b"x", b"y"]))) == []
    p = np.array([b"21", b"21", b"21", b"10", b"21"])
    t = np.array([b"210101", b"210102", b"210101", b"100101", b"2101"])
    first, inv = factorize_rows([p, t])
    rows = [(p[k], t[k]) for k in first[inv]]
    assert rows == list(zip(p, t))
    assert len(first) == 4 and inv[0] == inv[2]


def test_point_types_not_in_the_list_found_on_raw_bytes():
    import numpy as np

    from citizen_pins.core import rules, schema
    from citizen_pins.core.pins import TextColumn

    ok = schema.POINT_TYPE_KEYS[0]
    raw = np.array([ok.encode(), "โรงเรียน".encode(), b"", b"  ", ok.encode() + b" ", b"\xff"])
    assert rules._not_in(TextColumn(raw), set(schema.POINT_TYPE_KEYS), len(raw)) == [1, 4, 5]


def test_same_coordinates_groups_alike_with_or_without_the_near_pairs():
    x, y = centre("210101")
    rows = [dict(x=x, y=y), dict(x=x + 0.001, y=y), dict(x=x, y=y), dict(x=x + 0.001, y=y),
            dict(x=x, y=y + 0.000000004), dict(x=x + 0.002, y=y)]  # 0.4 mm: the same to 1 cm
    want = [(2, "p0"), (3, "p1"), (4, "p0")]
    for dup in (100.0, 0.0):  # 0: no near-duplicate check, the coordinates compared alone
        same = by_rule(run(rows, duplicate_distance_m=dup), "duplicates.same_coordinates")
        assert [(g.index, g.actual) for g in same] == want, dup


def test_near_pairs_equal_brute_force_haversine():
    """Every pair within the distance, once, also along a parallel just under the distance (the
    grid's cell was once 0.1 % too narrow there and missed pairs at 99.9 m)."""
    import numpy as np

    from citizen_pins.core.boundaries import haversine_m, near_pairs

    for seed, lat in ((0, 6.0), (1, 13.0), (2, 20.4)):
        rng = np.random.default_rng(seed)
        x = rng.uniform(100, 100.05, 2500)
        y = rng.uniform(lat, lat + 0.05, 2500)
        x[:40], y[:40] = x[40:80], y[40:80]  # identical points
        x[80], y[80] = 100.0, lat  # 99.95 m due east of its neighbour
        x[81], y[81] = 100.0 + 99.95 / (np.radians(1) * 6371008.8 * np.cos(np.radians(lat))), lat
        i, j = near_pairs(x, y, 100.0)
        d = haversine_m(x[:, None], y[:, None], x[None, :], y[None, :])
        bi, bj = np.nonzero(np.triu(d <= 100.0, 1))
        assert list(zip(i.tolist(), j.tolist())) == sorted(zip(bi.tolist(), bj.tolist()))
        assert (80, 81) in set(zip(i.tolist(), j.tolist()))


def test_packed_text_column_reads_like_the_fixed_width_one():
    import numpy as np

    from citizen_pins.core.pins import PackedTextColumn, TextColumn, blank_mask, text_column

    thai = "โรงพยาบาลส่งเสริมสุขภาพตำบล".encode()
    parts = [np.array([b"a", b"", " \u00a0".encode(), thai * 12]), np.array([b"x", b"\t"])]
    want = ["a", None, None, (thai * 12).decode(), "x", None]
    col = text_column(parts)
    assert isinstance(col, PackedTextColumn)  # 972 bytes wide for values of ~170 bytes in all
    assert len(col) == 6 and list(col) == want and col.tolist() == want and col == want
    assert [col[i] for i in range(6)] == want and col[-3] == want[3] and col[1:3] == want[1:3]
    assert blank_mask(col).tolist() == [v is None for v in want]
    short = text_column([np.array([b"a", b"bb"]), np.array([b"", b"ccc"])])
    assert isinstance(short, TextColumn) and short.tolist() == ["a", "bb", None, "ccc"]
