"""Issue 15, import: a unit-id column is not the agency; a point type's label read as its key is
not a repair; a code's abolition is not given a date the data does not support."""
import csv

from citizen_pins.core.importer import ImportOptions, import_file
from citizen_pins.core.importer.mapping import suggest_mapping


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return str(path)


def test_a_unit_id_column_is_not_mapped_to_the_agency():
    m = suggest_mapping(["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภท", "ละติจูด", "ลองจิจูด"])
    assert m.columns.get("agency") is None and m.columns["name_th"] == "ชื่อหน่วยงาน"
    for header in ("agency_id", "AgencyCode", "รหัส หน่วยงาน", "เลขที่หน่วยงาน"):
        assert suggest_mapping(["ชื่อ", header, "lat", "lon"]).columns.get("agency") is None, header
    # a column that is the agency still is
    assert suggest_mapping(["ชื่อ", "หน่วยงาน", "lat", "lon"]).columns["agency"] == "หน่วยงาน"
    assert suggest_mapping(["ชื่อ", "สังกัด", "lat", "lon"]).columns["agency"] == "สังกัด"


def test_a_point_type_label_read_as_its_key_is_not_a_repair(tmp_path):
    # district and local-government offices as a province sends them: nothing is wrong in them
    rows = [["ชื่อหน่วยงาน", "ประเภท", "ละติจูด", "ลองจิจูด", "รหัสตำบล"],
            ["องค์การบริหารส่วนตำบลเชิงเนิน", "องค์การบริหารส่วนตำบล", "12.6814", "101.2816", "210102"],
            ["เทศบาลนครระยอง", "เทศบาลนคร", "12.6810", "101.2790", "210101"],
            ["ที่ว่าการอำเภอเมืองระยอง", "ที่ว่าการอำเภอ", "12.6830", "101.2780", "210101"],
            ["โรงพยาบาลระยอง", "สถานพยาบาล", "12.6840", "101.2770", "210101"],
            ["โรงเรียนวัดป่าประดู่", "School", "12.6850", "101.2760", "210101"]]
    result = import_file(write_csv(tmp_path / "offices.csv", rows), str(tmp_path / "wc.gpkg"))
    outcomes = [o for o in result.plan.outcomes if o.is_pin]
    assert [o.values["point_type"] for o in outcomes] == [
        "lao_office", "lao_office", "district_office", "health_facility", "school"]
    assert [o.status for o in outcomes] == ["imported"] * 5, [o.repairs for o in outcomes]
    assert result.counts["repaired"] == 0


def test_an_abolished_code_is_warned_without_an_unsupported_date(tmp_path):
    rows = [["ชื่อ", "lat", "lon", "รหัสตำบล"],
            ["รพ.สต.ซับสีทอง", "16.3158", "101.8757", "360411"],   # DOPA's 2006 clean-up
            ["อบต.ท่าแฝก", "17.70", "100.30", "530306"]]            # a Royal Gazette notice
    result = import_file(write_csv(tmp_path / "old.csv", rows), str(tmp_path / "wc.gpkg"),
                         ImportOptions(point_type="other"))
    w = [o.warnings for o in result.plan.outcomes if o.is_pin]
    assert any("360411" in x for x in w[0]) and not any("2006" in x for x in w[0]), w[0]
    assert any("14 February 2015" in x for x in w[1]), w[1]
