"""Code rules: normalisation is not an error; malformed, unknown, abolished, broken hierarchy are."""
from _validation_helpers import S, X0, Y0, by_rule, centre, run, square_boundaries


def pin(tambon="210101", amphoe="2101", province="21", at="210101", **kw):
    x, y = centre(at)
    return dict(x=x, y=y, tambon_code=tambon, amphoe_code=amphoe, province_code=province, **kw)


def test_a_clean_pin_has_no_findings():
    assert run([pin()]) == []


def test_thai_numerals_th_prefix_spaces_and_lost_zeros_are_normalised_not_errors():
    rows = [pin(tambon="๒๑๐๑๐๑"), pin(tambon="TH210101"), pin(tambon=" 2101 01 "),
            pin(tambon="1", amphoe="1"), pin(tambon="210101.0", province="๒๑")]
    assert [f for f in run(rows) if not f.rule_id.startswith("duplicates.")] == []


def test_malformed_code_like_moph_9107_dash():
    f = run([pin(tambon="9107-", amphoe="9107", province="91", at="210101")])
    malformed = by_rule(f, "codes.malformed")
    assert len(malformed) == 1
    assert malformed[0].severity == "error"
    assert malformed[0].actual == "9107-" and malformed[0].expected == "6 digits"
    assert "9107-" in malformed[0].message_th and "6-digit" in malformed[0].message_en
    # The location is still checked at the levels that are well formed: Satun is not Rayong.
    assert [x.rule_id for x in f if x.rule_id.startswith("location.")] == ["location.not_in_province"]


def test_unknown_code_is_an_error_and_is_not_reported_again_by_location():
    f = run([pin(tambon="210150")])
    assert [x.rule_id for x in f] == ["codes.unknown"]
    # the pin lies in 210101, which agrees with its valid amphoe and province: proposed as the fix
    # (sure: the location and the amphoe code agree)
    assert f[0].fix_data() == {"action": "set_codes", "province_code": "21", "amphoe_code": "2101",
                               "tambon_code": "210101", "confidence": "high",
                               "basis": "location"}


def test_abolished_code_missing_from_the_layer_is_reported_once():
    # Phala (210199) became 210202 (amphoe Ban Chang, 2102) in 2006, matched by name only; the
    # layer (like DOPA today) has no 210199.  Declared in amphoe 2101, the pin lies in 210101:
    # history and location disagree, so one finding, no fix, both named.
    f = run([pin(tambon="210199")])
    assert [x.rule_id for x in f] == ["codes.abolished"]
    assert f[0].fix == ""
    assert "not proven" in f[0].message_en and "ยังไม่ยืนยัน" in f[0].message_th  # name match
    assert "210202" in f[0].message_en and "210101" in f[0].message_en
    # Where the pin lies in the successor, that is the fix: the three codes together.
    b = square_boundaries(extra={"210202": (2, 0)})
    f = run([dict(x=X0 + 2.5 * S, y=Y0 + 0.5 * S, tambon_code="210199", amphoe_code="2101",
                  province_code="21")], boundaries=b)
    assert [x.rule_id for x in f] == ["codes.abolished"]
    assert f[0].fix_data() == {"action": "set_codes", "province_code": "21",
                               "amphoe_code": "2102", "tambon_code": "210202",
                               "confidence": "high", "basis": "history+location"}


def test_abolished_code_names_its_replacement_and_proposes_it():
    # Tha Faek (530306) was moved to amphoe Tha Pla as 530407 (Royal Gazette notice).
    f = run([pin(tambon="530306", amphoe="5303", province="53")], boundaries=None)
    ab = by_rule(f, "codes.abolished")
    assert len(ab) == 1
    assert ab[0].expected == "530407" and ab[0].actual == "530306"
    assert "530407" in ab[0].message_en and "530407" in ab[0].message_th
    # the three codes together (the tambon moved to amphoe 5304): a Royal Gazette notice, sure
    assert ab[0].fix_data() == {"action": "set_codes", "province_code": "53",
                                "amphoe_code": "5304", "tambon_code": "530407",
                                "confidence": "high", "basis": "history"}


def test_abolished_code_with_several_successors_lists_them_all():
    f = run([pin(tambon="105001", amphoe="1050", province="10")], boundaries=None)
    ab = by_rule(f, "codes.abolished")[0]
    assert ab.expected == "105002 105003 105004 105005"
    assert ab.fix == ""  # no single answer, and the pin is not in one of them


def test_hierarchy_broken():
    f = run([pin(tambon="210101", amphoe="2102")])
    h = by_rule(f, "codes.hierarchy")
    assert len(h) == 1 and h[0].expected == "2101" and h[0].actual == "2102"
    assert h[0].fix_data()["tambon_code"] == "210101"
    f = run([pin(tambon="210101", amphoe="2101", province="20")])
    assert by_rule(f, "codes.hierarchy")[0].actual == "20"
