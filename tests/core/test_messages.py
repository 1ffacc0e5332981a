"""Messages: no blank slot, no broken phrase, Bangkok's own unit words, in Thai and English."""
import re

import pytest

from citizen_pins.core.dopa import codes
from _validation_helpers import S, X0, Y0, by_rule, run, square_boundaries

#: What a message with an empty slot or a phrase built around a missing value looks like.
DEFECTS = re.compile(r"\{|\}|  |\( *\)|\(''\)|'' | ,|\s[:.,;]|ที่ นอก|in outside|is +away|ห่างออกไป +ตำแหน่ง|"
                     r"ห่างออกไป *$|None|nan\b")


def clean(f):
    for text in (f.message_th, f.message_en):
        assert not DEFECTS.search(text), text


def test_full_names_of_bangkok_use_khet_and_khwaeng():
    d = codes()
    assert d.full_name("103202") == "แขวงหนองบอน เขตประเวศ กรุงเทพมหานคร"
    assert d.full_name("103202", "en") == "Khwaeng Nong Bon, Khet Prawet, Bangkok"
    assert d.full_name("1032") == "เขตประเวศ กรุงเทพมหานคร"
    assert d.full_name("10") == "กรุงเทพมหานคร"
    # elsewhere unchanged
    assert d.full_name("210101") == "ต.ท่าประดู่ อ.เมืองระยอง จ.ระยอง"


def test_a_bangkok_pin_is_told_in_khet_and_khwaeng_never_as_a_province():
    # two khwaeng of khet Prawet (1032) side by side; the pin lies in Nong Bon, declared Prawet
    b = square_boundaries(extra={"103201": (4, 0), "103202": (5, 0)})
    x, y = X0 + 5.5 * S, Y0 + 0.5 * S
    f = run([dict(x=x, y=y, province_code="10", amphoe_code="1032", tambon_code="103201")],
            boundaries=b)
    (g,) = by_rule(f, "location.not_in_tambon")
    clean(g)
    for bad in ("จ.กรุงเทพ", "จังหวัดกรุงเทพ", "อ.เขต", "ต.ประเวศ", "ต.หนองบอน"):
        assert bad not in g.message_th
    assert "แขวงประเวศ" in g.message_th and "แขวงหนองบอน" in g.message_th
    assert "khwaeng" in g.message_en.lower() and "tambon" not in g.message_en
    assert "province" not in g.message_en


def test_declared_province_absent_from_the_layer_says_why_there_is_no_distance():
    # declared Chon Buri (20), which this layer lacks; the pin lies in Rayong's 210101
    x, y = X0 + 0.5 * S, Y0 + 0.5 * S
    f = run([dict(x=x, y=y, province_code="20", amphoe_code="2001", tambon_code="200101")])
    (g,) = by_rule(f, "location.not_in_province")
    assert g.distance_m is None
    clean(g)
    assert "ท่าประดู่" in g.message_th and "Tha Pradu" in g.message_en


def test_a_pin_outside_the_layer_is_not_said_to_be_in_outside():
    # 87 km from the squares, declared Rayong which the layer covers
    f = run([dict(x=100.98, y=13.36)])
    (g,) = by_rule(f, "location.not_in_province")
    clean(g)
    assert g.distance_m > 80_000


# -- every template, rendered with edge values -------------------------------------------------------

def _edge_values():
    """Per slot name, values as the rules make them, edge cases included (Bangkok, a code DOPA
    does not know, an abolished one, distances at the unit changes, long and short numbers)."""
    from citizen_pins.core import rules as R
    from citizen_pins.core.normalize import TEXT_PROBLEMS, text_message
    from citizen_pins.core.context import ValidationContext
    from citizen_pins.core.pins import PinTable
    import numpy as np

    ctx = ValidationContext(PinTable(np.zeros(0, np.int64), np.zeros(0), np.zeros(0), [], {}),
                            None, codes())
    units = [R.names(ctx, c) for c in ("100101", "1001", "10", "210101", "2101", "21", "999999",
                                       "360411", "530407")]
    levels = [R.level(d, c) for d in (2, 4, 6) for c in ("10", "21")]
    distances = [R.dist(d) for d in (0.0, 0.4, 99.95, 999.5, 999.6, 1000.0, 153_842.2, 1e7)]
    numbers = [R._number(v) for v in (199.88, 100.5, 1101.205, -0.0001, 13.0)]
    return {
        "lat": ["13.700000", "-0.000001"], "lon": ["100.500000", "199.880000"],
        "here": units, "declared": units, "new": units, "child": units, "parent": units,
        "successors": [R._listed(ctx, ("104702", "104703")), R._listed(ctx, ("342506",), True)],
        "zone": ["47", "48"], "axis": [("ลองจิจูด", "longitude"), ("ละติจูด", "latitude")],
        "value": numbers, "reading": numbers, "readings": ["13.5, 13.75, 17.5", "99.88"],
        "distance": distances, "tolerance": distances, "level": levels,
        "raw": ["9107-", "x", "TH21O1O1"], "digits": ["2", "4", "6"],
        "code": ["210199", "100899", "4303"], "new_code": ["380101", "3801"],
        "why": [R._why_not_located(ctx, -1)],
        "name": [("ท่าแฝก", "Tha Faek"), ("ก", "K")], "gone": [("ไม่มีในบัญชีรหัสของกรมการปกครองแล้ว",
                                                                "is no longer in DOPA's code list")],
        "advice": list(R.ADVICE.values()), "field": [("ชื่อ (ไทย)", "Name (Thai)")],
        "listed": ["school, other"], "key": ["school"], "pin_id": ["p", "0b5c2a5e-8f0e"],
        "problem": [text_message(code, "Name (Thai)", "ชื่อ (ไทย)", 254)[::-1]
                    for code in TEXT_PROBLEMS],
        "count": ["2", "10000"],
        # services, steps and documents (core/rules_services.py)
        "service": ["ก", "การขอมีบัตรประจำตัวประชาชน (ทำใหม่)"], "document": ["ก", "สำเนาทะเบียนบ้าน"],
        "record_name": ["ก", "ยื่นคำขอ"], "what": [("ขั้นตอน", "step"), ("เอกสาร", "document")],
        "name_en": ["ID card"], "policy": [("บัตรประจำตัวประชาชน", "ID card")],
        "copies": ["1", "2.5"], "total": [("3 วันทำการ", "3 working days")],
        "limit": [("60 นาที", "60 minutes")], "fee": [("อัตราคงที่", "Fixed")],
        "high": ["0", "100"], "low": ["50", "1000.5"], "url": ["www.info.go.th", "x"],
        "pin": ["0b5c2a5e-8f0e", "p"], "service_id": ["9c1b-2d3e", "s"], "other": ["00012 (รพ.สต.บ้านนา)", "#7", "'ก'"],
        "other_name": ["ก", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองคันนา"],
    }


def test_every_message_template_renders_with_edge_values_and_no_slot_is_ever_empty():
    from citizen_pins.core.rules import MESSAGES, MessageError, say, slots_of

    edges = _edge_values()
    rendered = 0
    for rule_id, variants in MESSAGES.items():
        assert variants, f"{rule_id} has no message templates"
        for variant, (th, en) in variants.items():
            names = sorted(set(slots_of(th)) | set(slots_of(en)))
            missing = [n for n in names if n not in edges]
            assert not missing, f"{rule_id}/{variant}: give edge values for {missing}"
            width = max([len(edges[n]) for n in names] + [1])
            for k in range(width):
                values = {n: edges[n][k % len(edges[n])] for n in names}
                text_th, text_en = say(rule_id, variant, **values)
                for text in (text_th, text_en):
                    assert not DEFECTS.search(text), (rule_id, variant, text)
                    assert text.strip() == text, (rule_id, variant, text)
                rendered += 1
            for n in names:  # a blank value is refused, never rendered
                both = n in slots_of(th) and n in slots_of(en)
                for blank in ("", "  ", None) + ((("", "x"), ("x", "")) if both else ()):
                    values = {m: edges[m][0] for m in names}
                    values[n] = blank
                    with pytest.raises(MessageError):
                        say(rule_id, variant, **values)
    assert rendered > 100


def test_a_finding_holds_its_message_as_the_shared_templates_and_values_written_out_when_read():
    """Thousands of findings wait to be written: each keeps its rule's templates (shared, not
    copied) and its slot values, and gives the same texts an eager format gives."""
    from citizen_pins.core.findings import ERROR, Finding, Message
    from citizen_pins.core.rules import MESSAGES, say

    th, en = MESSAGES["duplicates.pin_id"][""]
    m = say("duplicates.pin_id", pin_id="00012", count="3")
    assert isinstance(m, Message)
    again = say("duplicates.pin_id", pin_id="00013", count="2")
    assert m.templates[0] is again.templates[0] and m.templates[1] is again.templates[1]
    f = Finding("duplicates.pin_id", ERROR, 4, 7, "00012", m, fix='{"action":"new_pin_id"}')
    assert f._message is m and not hasattr(f, "__dict__")
    assert f.message_th == th.format(pin_id="00012", count="3")
    assert f.message_en == en.format(pin_id="00012", count="3")
    # a (Thai, English) pair per language, and findings built from the texts are equal
    here = say("location.not_in_tambon", level=("ตำบล", "tambon"),
               declared=("ต.ก (100101)", "T. K (100101)"), here=("ต.ข (100102)", "T. Kh (100102)"),
               distance=("1.2 กม.", "1.2 km"), advice=("ย้ายหมุด", "Move the pin."))
    assert "ต.ข (100102)" in list(here)[0] and "T. Kh (100102)" in list(here)[1]
    assert "ต.ข" not in list(here)[1]
    eager = Finding("duplicates.pin_id", ERROR, 4, 7, "00012", f.message_th, f.message_en,
                    fix='{"action":"new_pin_id"}')
    assert eager == f and "00012" in repr(f)
    assert eager != Finding("duplicates.pin_id", ERROR, 4, 7, "00012", f.message_th, "other",
                            fix='{"action":"new_pin_id"}')


def test_every_template_numbered_for_writing_out_gives_the_named_templates_text():
    """Messages are written out with their slots numbered (no mapping per message): the same
    text as the named template, for every rule, variant and language (braces and format
    specifications kept)."""
    from citizen_pins.core.rules import MESSAGES, say, slots_of

    checked = 0
    for rule_id, variants in MESSAGES.items():
        for variant, (th, en) in variants.items():
            names = set(slots_of(th)) | set(slots_of(en))
            values = {n: (f"‹{n} ไทย›", f"<{n} en>") for n in names}
            got = list(say(rule_id, variant, **values))
            assert got[0] == th.format_map({n: v[0] for n, v in values.items()}), (rule_id, variant)
            assert got[1] == en.format_map({n: v[1] for n, v in values.items()}), (rule_id, variant)
            checked += 1
    assert checked > 50
