"""The real MOPH register (11,301 rows) through the importer and through processing.run."""
import csv
import sqlite3

import pytest
from qgis.core import QgsVectorLayer

from citizen_pins.core.importer import ImportOptions, import_file
from citizen_pins.core.working_copy import layer_uri

pytestmark = pytest.mark.slow

ROWS = 11301
#: What the register really holds (counted from the file, see docs/import.md):
#: 1,606 names and 1,429 addresses with stray/double spaces (2,841 rows), 7 malformed tambon codes.
REPAIRED = 2841
MALFORMED_TAMBON = {"00023": "3501-", "00056": "7201-", "00336": "3501-", "00337": "3502-",
                    "00529": "5001-", "00551": "5023-", "00878": "9107-"}


@pytest.fixture(scope="module")
def moph_import(moph_csv, tmp_path_factory):
    wc = tmp_path_factory.mktemp("moph") / "moph.gpkg"
    result = import_file(str(moph_csv), str(wc), ImportOptions(source_key="hoscode"))
    return result, {o.source_key: o for o in result.plan.outcomes if o.source_key}


def test_every_row_is_accounted_for(moph_import):
    result, _ = moph_import
    c = result.counts
    assert c == {"imported": ROWS - REPAIRED, "repaired": REPAIRED, "refused": 0, "skipped": 1}
    assert result.written == ROWS
    assert QgsVectorLayer(layer_uri(result.working_copy), "sp", "ogr").featureCount() == ROWS
    with sqlite3.connect(result.working_copy) as db:
        statuses = dict(db.execute("select status, count(*) from import_report group by status"))
        assert statuses == {"imported": ROWS - REPAIRED, "repaired": REPAIRED, "skipped": 1}
        assert db.execute("select count(distinct pin_id) from import_report "
                          "where status in ('imported', 'repaired')").fetchone()[0] == ROWS
    with open(result.report_csv, encoding="utf-8-sig") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == ROWS + 1


def test_mapping_and_values(moph_import):
    result, by_key = moph_import
    m = result.plan.tables[0].mapping
    assert m.columns["tambon_code"] == "tmcode" and m.columns["name_th"] == "hosname"
    assert m.constants == {"point_type": "health_facility"}
    first = by_key["00001"]  # line 2: "186/1  ถ.ยุทธดำเนิน " (double and trailing space)
    assert first.row == 2 and first.status == "repaired" and first.repairs == ["address: spaces"]
    assert first.values["address"] == "186/1 ถ.ยุทธดำเนิน"
    assert first.values["tambon_code"] == "110101" and first.values["point_type"] == "health_facility"
    assert first.lat == pytest.approx(13.598975534668861)  # 20 decimals read as they are
    assert by_key["00003"].status == "imported" and by_key["00003"].repairs == []


def test_malformed_tambon_codes_are_cleared_and_listed(moph_import):
    _, by_key = moph_import
    for key, raw in MALFORMED_TAMBON.items():
        o = by_key[key]
        assert o.status == "repaired"
        assert f"tambon_code: '{raw}' is not a 6-digit DOPA code, left empty" in o.repairs
        assert "tambon_code" not in o.values and o.values["amphoe_code"] == raw[:4]


def test_codes_that_are_not_current_are_kept_with_a_warning(moph_import):
    _, by_key = moph_import
    o = by_key["03980"]  # tambon 360411 ซับสีทอง, abolished
    assert o.values["tambon_code"] == "360411"
    # no date: 2006-01-01 is DOPA's clean-up of its list, not when the tambon changed (issue 15)
    assert o.warnings == ["tambon_code 360411 (ซับสีทอง) is no longer in DOPA's code list; "
                          "probably now 360119 (matched by name in DOPA's history) (kept as given)"]
    assert by_key["00532"].warnings == ["tambon_code 500400 is not a current DOPA code (kept as given)"]
    warned = [o for o in by_key.values() if o.warnings]
    assert len(warned) == 10


def test_reimport_adds_nothing(moph_import, tmp_path):
    result, _ = moph_import
    again = import_file(result.plan.source.path, result.working_copy,
                        ImportOptions(source_key="hoscode"))
    assert again.written == 0 and again.counts["skipped"] == ROWS + 1
    # same-name facilities 85 m apart in one tambon (01242/01243, different villages) stay two
    # pins when matching by name + distance: each row takes its nearest unclaimed pin
    by_name = import_file(result.plan.source.path, result.working_copy)
    assert by_name.written == 0
    assert QgsVectorLayer(layer_uri(result.working_copy), "sp", "ogr").featureCount() == ROWS


def test_processing_run_with_defaults_just_works(provider, moph_csv, tmp_path):
    import processing

    target = tmp_path / "pins.gpkg"
    out = processing.run("citizen_pins:import", {
        "INPUT": str(moph_csv), "OUTPUT": str(target), "SAVE_MAPPING": False})
    assert out["IMPORTED"] + out["REPAIRED"] == ROWS and out["REFUSED"] == 0
    assert out["OUTPUT"] == str(target)
    assert QgsVectorLayer(out["LAYER"], "sp", "ogr").featureCount() == ROWS
    assert QgsVectorLayer(out["REPORT_TABLE"], "r", "ogr").featureCount() == ROWS + 1
    assert out["REPORT"].endswith(".csv")


def test_processing_errors_are_clear(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    src = tmp_path / "list.csv"
    src.write_bytes(b"")
    with pytest.raises(QgsProcessingException, match="empty"):
        processing.run("citizen_pins:import", {"INPUT": str(src),
                                               "OUTPUT": str(tmp_path / "wc.gpkg")})
    src.write_text("ชื่อ,Y,X\nโรงเรียน,12.7,101.3\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Unknown mapping target"):
        processing.run("citizen_pins:import", {"INPUT": str(src), "OUTPUT": str(tmp_path / "wc.gpkg"),
                                               "MAPPING": "latitude=Y"})
    assert not (tmp_path / "wc.gpkg").exists()
    out = processing.run("citizen_pins:import", {
        "INPUT": str(src), "OUTPUT": str(tmp_path / "wc.gpkg"), "POINT_TYPE": "โรงเรียน",
        "MAPPING": "name_th=ชื่อ; lat=Y; lon=X", "SAVE_MAPPING": False,
        "REPORT": str(tmp_path / "report.csv")})
    assert out["IMPORTED"] == 1 and out["REPORT"] == str(tmp_path / "report.csv")
