"""Input normalisation shared by the plugin and the registry (citizen_pins/core/normalize.py)."""
import sys

import numpy as np
import pytest

from citizen_pins.core import diff as d
from citizen_pins.core import normalize as n
from citizen_pins.core import schema
from citizen_pins.core.context import Settings
from citizen_pins.core.dopa import codes
from citizen_pins.core.pins import TextColumn
from citizen_pins.core.validate import validate
from _validation_helpers import by_rule, centre, run, square_boundaries, table


def test_white_space_is_what_python_calls_space_and_the_lead_bytes_cover_every_blank():
    assert set(n.WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    for ch in n.WHITESPACE + n.INVISIBLE:
        assert n.is_blank(ch * 3)
        assert ch.encode("utf-8")[0] in n.BLANK_LEAD_BYTES
    assert 0xE0 not in n.BLANK_LEAD_BYTES  # Thai text is never a candidate


@pytest.mark.parametrize("value, blank", [
    (None, True), ("", True), ("  ", True), ("\u200b", True), ("\ufeff\u200c \u00a0\u3000", True),
    ("\u00ad", True), ("ก", False), ("\u200bก", False), (0, False)])
def test_blank(value, blank):
    assert n.is_blank(value) is blank


def test_clean_text():
    assert n.clean_text("\u200b  จุดบริการ  \u00a0") == "จุดบริการ"
    assert n.clean_text("Cafe\u0301") == "Caf\u00e9"  # NFC
    assert n.clean_text("a\r\nb\rc\u2028d", multiline=True) == "a\nb\nc\nd"
    assert n.clean_text("a\r\nb") == "a\r\nb"  # a one-line field keeps it, to be refused
    assert n.clean_text("ชื่อ\u200bกลาง") == "ชื่อ\u200bกลาง"  # inside: a Thai word break
    assert n.clean_text("\ud800x") == "\ud800x"  # never "repaired"


@pytest.mark.parametrize("value, multiline, code", [
    ("ชื่อ", False, None), ("a\tb", False, "tab_or_line_break"), ("a\nb", False, "tab_or_line_break"),
    ("a\u2028b", False, "tab_or_line_break"), ("a\nb", True, None), ("a\tb", True, "tab_or_line_break"),
    ("a\x00b", True, "control_characters"), ("a\x1bb", False, "control_characters"),
    ("gnp\u202eexe.doc", False, "control_characters"), ("\u2066x\u2069", False, "control_characters"),
    ("a\ud800", False, "invalid_text"), ("x" * 255, False, "too_long")])
def test_text_problems(value, multiline, code):
    assert n.text_problem(value, length=254, multiline=multiline) == code
    if code:
        en, th = n.text_message(code, "Name", "ชื่อ", 254)
        assert "Name" in en and "ชื่อ" in th


def test_numbers_and_surrogates_in_json():
    assert n.finite_number(12) == 12.0 and n.finite_number(1.5) == 1.5
    for bad in (10 ** 309, float("inf"), float("nan"), True, "1", None):
        assert n.finite_number(bad) is None
    assert n.has_lone_surrogate({"a": [{"b": "x\udfff"}]})
    assert n.has_lone_surrogate({"\ud800": 1})
    assert not n.has_lone_surrogate({"a": ["ข้อความ", 1, None, {"b": "😀"}]})


@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ('=HYPERLINK("x")', "'=HYPERLINK(\"x\")"), ("+1+cmd|' /C calc'!A0",
                                                                    "'+1+cmd|' /C calc'!A0"),
    ("@SUM(1)", "'@SUM(1)"), ("-2+3", "'-2+3"), ("\t=1", "'\t=1"), ("\uff1d1+1", "'\uff1d1+1"),
    ("-12.5", "-12.5"), ("+3", "+3"), ("101.27", "101.27"), ("ชื่อ", "ชื่อ"), ("", "")])
def test_spreadsheet_safe(cell, safe):
    assert n.spreadsheet_safe(cell) == safe


def test_pin_id_is_exact():
    pin = schema.new_pin_id()
    assert schema.is_pin_id(pin)
    for bad in (pin + "\n", pin + " ", "\n" + pin, pin.upper()):
        assert not schema.is_pin_id(bad)


def test_the_plugin_finds_an_invisible_name_empty_and_compares_clean_text():
    x, y = centre("210101")
    f = run([dict(x=x, y=y, name_th="\u200b"), dict(x=x + 1e-3, y=y, name_th="\ufeff \u00a0")])
    assert [g.index for g in by_rule(f, "attributes.required")] == [0, 1]
    # what the plugin sends and compares is what the registry stores
    state = d.make_state({"name_th": " \u200bจุด ", "name_en": "Cafe\u0301", "agency": "\u200b",
                          "address": "1\r\n2", "province_code": "21"})
    assert (state["name_th"], state["name_en"], state["agency"], state["address"]) == (
        "จุด", "Caf\u00e9", None, "1\n2")
    assert d.same_value("name_th", "จุด", "จุด  ")


def test_the_plugin_refuses_the_text_the_registry_refuses():
    x, y = centre("210101")
    rows = [dict(x=x, y=y, name_th="ชื่อ\tแท็บ"), dict(x=x + 1e-3, y=y, name_th="บรรทัด\nใหม่"),
            dict(x=x + 2e-3, y=y, name_th="gnp\u202eexe.doc"), dict(x=x + 3e-3, y=y, name_th="ก" * 255),
            dict(x=x + 4e-3, y=y, name_th="  จุดบริการ\u00a0 "), dict(x=x + 5e-3, y=y, name_th="ร้าน – ตลาด")]
    found = {g.index: g for g in by_rule(run(rows), "attributes.text")}
    assert sorted(found) == [0, 1, 2, 3]  # blanks around a name are cleaned, an en dash is text
    assert "one line" in found[0].message_en and "บรรทัดเดียว" in found[0].message_th
    assert "control" in found[2].message_en and "254" in found[3].message_en
    # the same from GDAL's fixed-width bytes (the fast path of real working copies)
    t = table(rows)
    t.attrs["name_th"] = TextColumn(np.array([r["name_th"].encode("utf-8") for r in rows]))
    fast = validate(t, square_boundaries(), codes(), Settings(tolerance_m=100.0))
    assert [g.index for g in by_rule(fast, "attributes.text")] == [0, 1, 2, 3]
