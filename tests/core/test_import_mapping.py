"""Field-mapping suggestions, the per-shape mapping store, and admin names to DOPA codes."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citizen_pins.core.dopa import codes, normalize_code
from citizen_pins.core.importer.admin_names import admin_key, name_index, parse_admin_text
from citizen_pins.core.importer.mapping import (
    Mapping, MappingError, MappingStore, parse_mapping_text, shape_key, suggest_mapping)

MOPH_HEADERS = ["hoscode", "hosname", "hostype", "address", "road", "mu", "subdistcode", "distcode",
                "provcode", "postcode", "hoscodenew", "bed", "level_service", "bedhos", "hdc_regist",
                "dep", "hmain_sent", "register_date", "mcode", "amcode", "tmcode", "lat", "lon"]


def test_moph_headers():
    m = suggest_mapping(MOPH_HEADERS)
    assert m.columns == {"name_th": "hosname", "address": "address", "province_code": "provcode",
                         "amphoe_code": "amcode", "tambon_code": "tmcode", "lat": "lat",
                         "lon": "lon"}
    # hostype holds MOPH's own codes: the register is all health facilities
    assert m.constants == {"point_type": "health_facility"}


@pytest.mark.parametrize("headers, expected", [
    (["ลำดับ", "ชื่อหน่วยงาน", "ละติจูด", "ลองจิจูด", "รหัสตำบล"],
     {"name_th": "ชื่อหน่วยงาน", "lat": "ละติจูด", "lon": "ลองจิจูด", "tambon_code": "รหัสตำบล"}),
    (["Name", "Y", "X", "Type", "Phone"],
     {"name_th": "Name", "lat": "Y", "lon": "X", "point_type": "Type", "phone": "Phone"}),
    (["ชื่อสถานที่", "พิกัด", "ตำบล", "อำเภอ", "จังหวัด", "สังกัด"],
     {"name_th": "ชื่อสถานที่", "latlon": "พิกัด", "tambon_name": "ตำบล", "amphoe_name": "อำเภอ",
      "province_name": "จังหวัด", "agency": "สังกัด"}),
    (["ชื่อ", "Easting", "Northing", "Zone"],
     {"name_th": "ชื่อ", "easting": "Easting", "northing": "Northing", "utm_zone": "Zone"}),
    (["ละติจูด (Latitude)", "ลองจิจูด (Longitude)", "ชื่อ (ไทย)", "ชื่อ (อังกฤษ)", "เบอร์โทรศัพท์"],
     {"lat": "ละติจูด (Latitude)", "lon": "ลองจิจูด (Longitude)", "name_th": "ชื่อ (ไทย)",
      "name_en": "ชื่อ (อังกฤษ)", "phone": "เบอร์โทรศัพท์"}),
    (["name_th", "lat_wgs84", "lon_wgs84", "TAMBON_CODE"],
     {"name_th": "name_th", "lat": "lat_wgs84", "lon": "lon_wgs84", "tambon_code": "TAMBON_CODE"}),
])
def test_thai_and_english_headers(headers, expected):
    assert suggest_mapping(headers).columns == expected


def test_values_find_coordinates_when_headers_do_not():
    headers = ["a", "b", "c"]
    sample = [["รพ.สต.บ้านนา", "12.68", "101.28"], ["โรงเรียนวัด", "13.1", "100.9"]]
    m = suggest_mapping(headers, sample)
    assert m.columns == {"lat": "b", "lon": "c", "name_th": "a"}
    assert m.origin["lat"] == "values"
    m = suggest_mapping(["n", "where"], [["ก", "12.68, 101.28"], ["ข", "13.1,100.9"]])
    assert m.columns["latlon"] == "where"


def test_parse_mapping_text():
    m = parse_mapping_text("name_th=ชื่อ; lat=Y;lon = X\npoint_type:=school; source_key=รหัส")
    assert m.columns == {"name_th": "ชื่อ", "lat": "Y", "lon": "X"}
    assert m.constants == {"point_type": "school"} and m.source_key == "รหัส"
    m = parse_mapping_text(json.dumps({"columns": {"lat": "y"}, "constants": {"agency": "กรม"}}))
    assert m.columns == {"lat": "y"} and m.constants == {"agency": "กรม"}
    assert parse_mapping_text('{"name_th": "n"}').columns == {"name_th": "n"}
    with pytest.raises(MappingError, match="Unknown mapping target"):
        parse_mapping_text("latitude=Y")
    with pytest.raises(MappingError, match="fixed value"):
        parse_mapping_text("name_th:=x")
    with pytest.raises(MappingError, match="JSON"):
        parse_mapping_text("{bad")
    with pytest.raises(MappingError, match="target=column"):
        parse_mapping_text("lat")


def test_given_entries_win_and_empty_switches_off():
    base = suggest_mapping(["lat", "lon", "name", "Y"])
    given = parse_mapping_text("lat=Y; name_th=")
    merged = given.merged_over(base)
    merged.columns = {t: c for t, c in merged.columns.items() if c}
    assert merged.columns == {"lat": "Y", "lon": "lon"}


def test_store_remembers_per_shape(tmp_path):
    store = MappingStore(str(tmp_path / "profile" / "citizen_pins" / "import_mappings.json"))
    headers = ["ชื่อ", "พิกัด y", "พิกัด x", "หมายเหตุ"]
    assert store.get(headers) is None
    store.put(headers, Mapping({"name_th": "ชื่อ", "lat": "พิกัด y", "lon": "พิกัด x"},
                               {"point_type": "school"}, "หมายเหตุ"))
    # same shape: other order, other case and spacing
    again = store.get(["หมายเหตุ", "พิกัด X", "พิกัด Y", " ชื่อ "])
    assert again is not None and again.columns["lat"] == "พิกัด y"
    assert again.constants == {"point_type": "school"} and again.source_key == "หมายเหตุ"
    assert store.get(headers + ["extra"]) is None
    assert shape_key(headers) != shape_key(headers + ["extra"])
    # a damaged file is set aside, not fatal
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    bad = MappingStore(str(tmp_path / "bad.json"))
    assert bad.get(headers) is None
    bad.put(headers, Mapping({"name_th": "ชื่อ"}))
    assert bad.get(headers).columns == {"name_th": "ชื่อ"}
    assert (tmp_path / "bad.json.unreadable").exists()


# ---- admin names ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ต.ท่าประดู่ อ.เมือง จ.ระยอง", "210101"),
    ("ตำบลท่าประดู่ อำเภอเมืองระยอง จังหวัดระยอง", "210101"),
    ("12/3 ม.4 ต.ท่าประดู่ อ.เมืองระยอง จ.ระยอง 21000", "210101"),
    ("แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร", "100101"),
])
def test_thai_admin_text_resolves(text, expected):
    t, a, p = parse_admin_text(text)
    assert name_index().resolve(t, a, p).tambon_code == expected


def test_english_names_and_spelling_variants():
    ix = name_index()
    assert ix.resolve(*parse_admin_text("Tha Pradu, Mueang Rayong, Rayong", True)).tambon_code == "210101"
    assert ix.resolve("Tha Pradu", "Muang Rayong").tambon_code == "210101"
    assert ix.resolve(province="กทม.").province_code == "10"


def test_ambiguity_is_reported_not_guessed():
    ix = name_index()
    r = ix.resolve("ท่าประดู่")
    assert r.problem == "ambiguous" and r.tambon_code is None
    assert r.candidates == ("210101", "900406")
    assert "ระยอง" in r.message and "สงขลา" in r.message
    r = ix.resolve("หนองบัว", province="สุรินทร์")  # two in Surin: province agreed, tambon not
    assert r.problem == "ambiguous" and r.province_code == "32" and r.tambon_code is None
    assert len(r.candidates) == 2
    r = ix.resolve(amphoe="เมือง")  # 75 "Mueang" amphoes without a province
    assert r.problem == "ambiguous" and "and 70 more" in r.message


def test_not_found_falls_back_to_what_resolved():
    ix = name_index()
    r = ix.resolve("ท่าประดู่", "บ้านค่าย", "ระยอง")
    assert r.problem == "not_found" and r.amphoe_code == "2105" and r.tambon_code is None
    r = ix.resolve("ไม่มีจริง")
    assert r.problem == "not_found" and r.code is None
    r = ix.resolve("ท่าประดู่", within="21")
    assert r.tambon_code == "210101"


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(c for c in codes().units if len(c) == 6)), st.integers(0, 3))
def test_fuzz_every_unambiguous_tambon_resolves_to_itself(code, form):
    dopa = codes()
    t, a, p = (dopa.units[code[:n]] for n in (6, 4, 2))
    text = [f"ต.{t.name_th} อ.{a.name_th} จ.{p.name_th}",
            f"ตำบล{t.name_th} อำเภอ{a.name_th} จังหวัด{p.name_th}",
            f"{t.name_en}, {a.name_en}, {p.name_en}",
            f"แขวง{t.name_th} {a.name_th} จ.{p.name_th}"][form]
    tn, an, pn = parse_admin_text(text, allow_plain=True)
    if form == 3:
        an = a.name_th
    r = name_index().resolve(tn, an, pn)
    # Every tambon the written names fit: same tambon name, an amphoe of the same name, same
    # province (romanised names collide: Bang Sai is both บางไทร and บางซ้าย in Ayutthaya).
    lang = "name_en" if form == 2 else "name_th"
    same = [c for c in dopa.units if len(c) == 6 and c[:2] == code[:2]
            and getattr(dopa.units[c], lang) == getattr(t, lang)
            and getattr(dopa.units[c[:4]], lang) == getattr(a, lang)]
    if len(same) == 1:
        assert r.tambon_code == code, (text, r)
    else:  # the names fit several tambons: must be reported, never guessed
        assert r.problem == "ambiguous" and code in r.candidates, (text, r)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789๐๑๒๓๔TtHh .-,ตอจำเภบลกขคง")), max_size=20),
       st.sampled_from([None, 2, 4, 6]))
def test_fuzz_code_normalisation_and_names_never_crash(text, digits):
    n = normalize_code(text, digits, parent="21" if digits == 4 else None)
    if n.code is not None:
        assert n.code.isascii() and n.code.isdigit()
        # (without ``digits`` dopa.normalize_code lets "00" through; the importer always gives
        # the digits, where a leading zero is refused)
        assert digits is None or (len(n.code) == digits and not n.code.startswith("0"))
    admin_key(text, "tambon")
    r = name_index().resolve(*parse_admin_text(text, allow_plain=True))
    assert r.problem in (None, "ambiguous", "not_found")


def test_a_tambon_with_a_name_in_parentheses_resolves_by_either_name():
    # DOPA's 450109 is "ปอภาร (ปอพาน)"; an address gives one of the two (found by the fuzz test)
    for text in ("ต.ปอภาร อ.เมืองร้อยเอ็ด จ.ร้อยเอ็ด", "ต.ปอพาน อ.เมืองร้อยเอ็ด จ.ร้อยเอ็ด",
                 "ต.ปอภาร (ปอพาน) อ.เมืองร้อยเอ็ด จ.ร้อยเอ็ด"):
        r = name_index().resolve(*parse_admin_text(text))
        assert r.tambon_code == "450109", (text, r)
