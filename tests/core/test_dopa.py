"""DOPA codes from geothai's data: lookups, hierarchy, history, and what people really type."""
import re

import pytest
from hypothesis import given, strategies as st

from citizen_pins.core import dopa
from citizen_pins.core.dopa import codes, normalize_code


def test_counts_match_the_published_list():
    c = codes()
    assert len(c.provinces()) == 77
    assert sum(1 for u in c.units.values() if u.level == dopa.AMPHOE) == 928
    assert sum(1 for u in c.units.values() if u.level == dopa.TAMBON) == 7436
    assert c.data_version.startswith("20")


def test_names_and_hierarchy():
    c = codes()
    assert c.name("21") == "ระยอง" and c.name("21", "en") == "Rayong"
    assert c.name("210101") == "ท่าประดู่"
    assert c.full_name("210101") == "ต.ท่าประดู่ อ.เมืองระยอง จ.ระยอง"
    assert c.full_name("210101", "en") == "Tha Pradu, Mueang Rayong, Rayong"
    amphoes = c.children("21")
    assert [a.code for a in amphoes][:2] == ["2101", "2102"]
    assert all(a.parent_code == "21" for a in amphoes)
    assert "210101" in [t.code for t in c.children("2101")]


@pytest.mark.parametrize("code, successors", [
    # Bangkok khwaeng split in 2022 (Royal Gazette notice).
    ("104701", ("104702", "104703")),
    ("105001", ("105002", "105003", "105004", "105005")),
    # Tha Faek (Uttaradit) moved to a new amphoe in 2015.
    ("530306", ("530407",)),
])
def test_abolished_codes_say_what_replaced_them(code, successors):
    c = codes()
    assert not c.is_current(code)
    a = c.abolished(code)
    assert a is not None and a.abolished_on
    assert c.replacement(code) == successors
    assert all(c.is_current(s) for s in successors)
    assert c.name(code)  # old names stay readable


def test_unknown_code():
    c = codes()
    assert c.get("999999") is None and c.abolished("999999") is None
    assert c.name("999999") == "" and c.replacement("999999") == ()


@pytest.mark.parametrize("raw, digits, parent, expected, repairs", [
    ("210101", 6, None, "210101", ()),
    ("๒๑๐๑๐๑", 6, None, "210101", ("thai_numerals",)),
    ("TH210101", 6, None, "210101", ("pcode_prefix",)),
    ("th21", 2, None, "21", ("pcode_prefix",)),
    ("21 01 01", 6, None, "210101", ("spaces",)),
    ("  210101  ", 6, None, "210101", ()),
    ("210101.0", 6, None, "210101", ("float",)),
    (210101, 6, None, "210101", ()),
    ("1", 4, "21", "2101", ("local_part",)),
    ("01", 4, "21", "2101", ("local_part",)),
    ("1", 6, "2101", "210101", ("local_part",)),
    ("TH ๒๑", 2, None, "21", ("thai_numerals", "spaces", "pcode_prefix")),
])
def test_normalisation_of_what_people_type(raw, digits, parent, expected, repairs):
    n = normalize_code(raw, digits, parent)
    assert (n.code, n.repairs, n.error) == (expected, repairs, None)


@pytest.mark.parametrize("raw, digits, error", [
    ("9107-", 6, "not_digits"),
    ("21O1O1", 6, "not_digits"),
    ("21010", 6, "length"),
    ("2101011", 6, "length"),
    ("012345", 6, "leading_zero"),
    ("12345", None, "length"),
    ("00", None, "leading_zero"),  # found by hypothesis (import fuzzing)
    ("２１０１０１", 6, "not_digits"),  # full-width digits are not silently accepted
])
def test_malformed_codes_say_why(raw, digits, error):
    n = normalize_code(raw, digits)
    assert n.code is None and n.error == error


@pytest.mark.parametrize("raw", [None, "", "  ", "NULL", "-", "None"])
def test_empty_values_are_missing_not_malformed(raw):
    n = normalize_code(raw, 6)
    assert n.empty and n.code is None and n.error is None


THAI = "๐๑๒๓๔๕๖๗๘๙"


@given(st.integers(min_value=100000, max_value=999999), st.booleans(), st.booleans(),
       st.booleans())
def test_fuzz_any_spelling_of_a_valid_code_normalises_to_it(n, thai, prefix, spaced):
    code = str(n)
    text = "".join(THAI[int(ch)] for ch in code) if thai else code
    if spaced:
        text = " ".join([text[:2], text[2:4], text[4:]])
    if prefix:
        text = "TH" + text
    assert normalize_code(text, 6).code == code


@given(st.text(max_size=12), st.sampled_from([None, 2, 4, 6]))
def test_fuzz_never_raises_and_result_is_consistent(text, digits):
    n = normalize_code(text, digits)
    if n.code is not None:
        assert re.fullmatch(r"[1-9][0-9]{1}([0-9]{2}){0,2}", n.code)
        assert digits is None or len(n.code) == digits
        assert n.error is None
