"""citizen_pins:import_services on real files (the shipped sample and template, messy CSVs, the
JSON exchange format) into real working copies: every row accounted for, repairs listed,
refusals with their reason, re-import adds nothing; then validated against the real boundaries."""
import json
import shutil

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from citizen_pins.core import zero_copy as zc
from citizen_pins.core.importer.mapping import MappingError
from citizen_pins.core.importer.run import ImportFailed
from citizen_pins.core.importer.services import ImportOptions
from citizen_pins.core.importer.services_run import import_services
from citizen_pins.core.importer.source import SourceError
from citizen_pins.core.service_tables import missing_parts, read_services
from citizen_pins.core.working_copy import create_working_copy, layer_uri
from conftest import REPO

from _services_data import add_pin, make_version_1_working_copy, point_inside

pytestmark = pytest.mark.slow
FILES = REPO / "citizen_pins" / "resources" / "services"
SAMPLE, TEMPLATE = FILES / "sample_district_office.xlsx", FILES / "services_template.xlsx"
SAMPLE_JSON = FILES / "sample_birth_registration.json"


def office_point(simplified_gpkg):
    """A point inside a tambon of เขตจตุจักร (for the tests; not the office's surveyed spot)."""
    return point_inside(simplified_gpkg, "103004")


@pytest.fixture
def bangkok(tmp_path, simplified_gpkg):
    QgsProject.instance().clear()
    path = str(tmp_path / "bangkok.gpkg")
    create_working_copy(path, "10")
    x, y = office_point(simplified_gpkg)
    pin = add_pin(path, "สำนักงานเขตจตุจักร", x, y, province_code="10", amphoe_code="1030",
                  tambon_code="103004")
    yield path, pin
    QgsProject.instance().clear()


def test_the_sample_imports_whole_and_again_adds_nothing(bangkok, tmp_path):
    path, pin = bangkok
    r = import_services(str(SAMPLE), path, report_csv=str(tmp_path / "report.csv"))
    c = r.plan.counts()
    assert r.added == {"services": 5, "service_steps": 15, "service_documents": 21}
    assert (c["imported"], c["repaired"], c["refused"]) == (41, 0, 0)
    # title and header rows of the three sheets, and the explanation sheet
    assert c["skipped"] == 7 and not r.upgraded
    data = read_services(path)
    assert {s["pin_id"] for s in data.services} == {pin}
    names = sorted(s["name_th"] for s in data.services)
    assert names == sorted(["การขอมีบัตรประจำตัวประชาชน กรณีบัตรเดิมหมดอายุ",
                            "การแจ้งย้ายที่อยู่ (ย้ายเข้า)", "การแจ้งเกิด",
                            "การขออนุญาตก่อสร้างอาคาร ตามมาตรา 21",
                            "การจดทะเบียนพาณิชย์ (ตั้งใหม่) บุคคลธรรมดา"])
    building = next(s for s in data.services if "ก่อสร้าง" in s["name_th"])
    assert (building["fee_kind"], building["fee_amount"], building["time_limit"],
            building["time_limit_unit"], building["channel"]) == ("starting_at", 20.0, 45.0,
                                                                  "day", "counter")
    commerce = next(s for s in data.services if "พาณิชย์" in s["name_th"])
    assert (commerce["fee_kind"], commerce["fee_amount"], commerce["channel"]) == (
        "fixed", 50.0, "both")
    steps = data.by_parent("service_steps")[building["service_id"]]
    assert [(s["step_order"], s["duration"], s["duration_unit"]) for s in steps] == [
        (1, 1.0, "day"), (2, 40.0, "day"), (3, 4.0, "day")]
    exempt = [d for d in data.documents if d["copy_status"] == "exempt"]
    assert len(exempt) == 1 and "มอบอำนาจ" in exempt[0]["name_th"] and exempt[0]["exempt_reason"]
    # the derived status of the office: 3 of its 5 services still demand copies
    st = zc.point_statuses([pin], data)[pin]
    assert (st.status, st.services, st.demanding, st.copies, st.exempt) == (
        "partial", 5, 3, 5, 1)
    # the report: every row of the file, in the GeoPackage and in the CSV
    report = QgsVectorLayer(r.report_uri, "r", "ogr")
    assert report.featureCount() == len(r.plan.outcomes) == 48
    with open(r.report_csv, encoding="utf-8-sig") as fh:
        assert len(fh.read().strip().splitlines()) == 49
    # again: nothing added; the same service as JSON: nothing added either
    again = import_services(str(SAMPLE), path)
    assert again.added == {"services": 0, "service_steps": 0, "service_documents": 0}
    assert again.plan.counts()["skipped"] == 48
    assert {o.reason for o in again.plan.outcomes if o.kind == "document"} == {
        "document already in the working copy"}
    as_json = import_services(str(SAMPLE_JSON), path)
    assert as_json.added == {"services": 0, "service_steps": 0, "service_documents": 0}
    assert len(read_services(path)) == 41


def test_the_json_exchange_format(bangkok):
    path, pin = bangkok
    r = import_services(str(SAMPLE_JSON), path)
    assert r.added == {"services": 1, "service_steps": 3, "service_documents": 4}
    s = read_services(path).services[0]
    assert (s["name_th"], s["pin_id"], s["channel"], s["time_limit"]) == (
        "การแจ้งเกิด", pin, "counter", 15.0)
    for text, message in (("{not json", "not readable JSON"),
                          ('{"format": "other/2", "service": {}}', "format 'other/2'")):
        p = path + ".json"
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(text)
        with pytest.raises(SourceError, match=message):
            import_services(p, path)


def test_a_messy_list_one_row_per_document(bangkok, tmp_path):
    path, pin = bangkok
    add_pin(path, "ที่ว่าการอำเภอ", 100.6, 13.9)           # the same name twice:
    add_pin(path, "ที่ว่าการอำเภอ", 100.61, 13.91)         # rows naming it are ambiguous
    src = tmp_path / "documents.csv"
    src.write_bytes((
        "ลำดับ,ชื่อจุดให้บริการ,รหัสอำเภอ,ชื่องานบริการ,ชื่อเอกสาร,ฉบับจริง,สำเนา,การเรียกสำเนา,หมายเหตุ\n"
        "1,สำนักงานเขตจตุจักร,1030,การจดทะเบียนพาณิชย์,คำขอจดทะเบียน (แบบ ทพ.),1,0,ไม่เรียกสำเนา,\n"
        "2,สำนักงานเขตจตุจักร,1030,การจดทะเบียนพาณิชย์,สำเนาทะเบียนบ้าน,-,๑ ฉบับ,,\n"
        "3,สำนักงานเขตจตุจักร,1030,การจดทะเบียนพาณิชย์,  บัตรประจำตัวประชาชน ,๑,0,ไม่ต้องใช้สำเนาแล้ว,\n"
        "4,สำนักงานเขตจตุจักร,1030,การจดทะเบียนพาณิชย์,แผนที่ตั้ง,1,สองชุด,เรียกสำเนา,\n"
        "5,สำนักงานเขตจตุจักร,1030,,หนังสือยินยอม,1,0,ไม่เรียกสำเนา,\n"
        "6,สำนักงานเขตบางรัก,1004,การแจ้งเกิด,ท.ร.1/1,1,0,ไม่เรียกสำเนา,\n"
        "7,ที่ว่าการอำเภอ,,การแจ้งเกิด,ท.ร.1/1,1,0,ไม่เรียกสำเนา,\n"
        "8,สำนักงานเขตจตุจักร,1030,การจดทะเบียนพาณิชย์,สำเนาทะเบียนบ้าน,0,1,เรียกสำเนา,ซ้ำ\n"
        ",,,,,,,,\n"
        "9,สำนักงานเขตจตุจักร,1030,การจดทะเบียนพาณิชย์,แผนที่ตั้ง,1,0,บางที,\n").encode("cp874"))
    r = import_services(str(src), path, report_csv=str(tmp_path / "r.csv"))
    by_row = {o.row: o for o in r.plan.outcomes}
    assert {k: by_row[k].status for k in by_row} == {
        1: "skipped", 2: "imported", 3: "repaired", 4: "repaired", 5: "refused", 6: "refused",
        7: "refused", 8: "refused", 9: "skipped", 10: "skipped", 11: "refused"}
    assert by_row[1].reason == "header row" and by_row[10].reason == "empty row"
    assert set(by_row[3].repairs) == {"copies: thai_numerals", "copies: '๑ ฉบับ' read as 1",
                                      "copy_status: copy_demanded from 1 copies"}
    assert "name_th: spaces" in by_row[4].repairs and "originals: thai_numerals" in by_row[4].repairs
    assert "copy_status: 'ไม่ต้องใช้สำเนาแล้ว' read as no_copy" in by_row[4].repairs
    assert "'สองชุด' is not a whole number" in by_row[5].reason
    assert "ไม่ใช่จำนวนเต็ม" in by_row[5].reason
    assert "no service name" in by_row[6].reason and "ไม่มีชื่องานบริการ" in by_row[6].reason
    assert "no service point named 'สำนักงานเขตบางรัก' (1004)" in by_row[7].reason
    assert "2 service points are named 'ที่ว่าการอำเภอ'" in by_row[8].reason
    assert by_row[9].reason == "same document of the same service as row 3"
    assert "'บางที' is not no_copy, copy_demanded or exempt" in by_row[11].reason
    assert r.added == {"services": 1, "service_steps": 0, "service_documents": 3}
    docs = {d["name_th"]: d for d in read_services(path).documents}
    assert (docs["สำเนาทะเบียนบ้าน"]["copies"], docs["สำเนาทะเบียนบ้าน"]["copy_status"],
            docs["สำเนาทะเบียนบ้าน"]["originals"]) == (1, "copy_demanded", None)
    assert docs["บัตรประจำตัวประชาชน"]["copy_status"] == "no_copy"
    # fixing the refused rows and importing again adds only them
    src.write_bytes(src.read_bytes().replace("สองชุด".encode("cp874"), b"2"))
    again = import_services(str(src), path)
    assert again.added == {"services": 0, "service_steps": 0, "service_documents": 1}


def test_a_list_of_steps_and_a_list_for_one_point(bangkok, tmp_path):
    path, pin = bangkok
    src = tmp_path / "steps.csv"
    src.write_text(
        "งานบริการ,ขั้นที่,ขั้นตอน,ระยะเวลา,หน่วยเวลา,ระยะเวลาดำเนินการ\n"
        "การแจ้งเกิด,1,ยื่นเอกสาร,5,นาที,15 นาที\n"
        "การแจ้งเกิด,2,บันทึกข้อมูล,๕ นาที,,15 นาที\n"
        "การแจ้งเกิด,,นายทะเบียนลงนาม,2 ชม.,,15 นาที\n"
        "การแจ้งเกิด,4,มอบสูติบัตร,สองนาที,,15 นาที\n", encoding="utf-8")
    r = import_services(str(src), path, ImportOptions(point="สำนักงานเขตจตุจักร"))
    by_row = {o.row: o for o in r.plan.outcomes}
    assert [by_row[k].status for k in (2, 3, 4, 5)] == ["repaired", "repaired", "repaired",
                                                         "refused"]
    assert by_row[2].repairs == ["time_limit: '15 นาที' read as 15 minute"]
    assert by_row[3].repairs == ["duration: thai_numerals", "duration: '๕ นาที' read as 5 minute"]
    assert "step_order: 3 from the row order" in by_row[4].repairs
    assert "'สองนาที' is not a duration" in by_row[5].reason
    data = read_services(path)
    (service,) = data.services
    assert (service["time_limit"], service["time_limit_unit"], service["pin_id"]) == (
        15.0, "minute", pin)
    assert [(s["step_order"], s["duration"], s["duration_unit"]) for s in
            data.by_parent("service_steps")[service["service_id"]]] == [
        (1, 5.0, "minute"), (2, 5.0, "minute"), (3, 2.0, "hour")]
    # without POINT the same rows cannot say where they belong
    r2 = import_services(str(src), path)
    assert {o.status for o in r2.plan.outcomes if o.kind} == {"refused"}
    assert "does not say which service point" in r2.plan.outcomes[1].reason


def test_refusals_up_front_change_nothing(bangkok, tmp_path):
    path, _ = bangkok
    before = len(read_services(path))
    no_name = tmp_path / "x.csv"
    no_name.write_text("ชื่อเอกสาร,สำเนา\nบัตรประชาชน,0\n", encoding="utf-8")
    with pytest.raises(MappingError, match="No service name column"):
        import_services(str(no_name), path)
    with pytest.raises(MappingError, match="no service rows"):
        import_services(str(TEMPLATE), path)  # the empty template
    pins = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    QgsProject.instance().addMapLayer(pins)
    pins.startEditing()
    pins.changeAttributeValue(next(pins.getFeatures()).id(), pins.fields().indexFromName("phone"),
                              "02 000 0000")
    with pytest.raises(ImportFailed, match="not saved"):
        import_services(str(SAMPLE), path, project=QgsProject.instance())
    pins.rollBack()
    assert len(read_services(path)) == before == 0
    assert QgsVectorLayer(f"{path}|layername=services_import_report", "r", "ogr").featureCount() \
        <= 0


def test_the_filled_in_template_imports(bangkok, tmp_path):
    from openpyxl import load_workbook

    path, pin = bangkok
    filled = tmp_path / "filled.xlsx"
    shutil.copy(TEMPLATE, filled)
    wb = load_workbook(filled)
    wb["งานบริการ"].append([pin, None, None, None, None, "การรับชำระภาษีป้าย", None, None,
                          "www.bangkok.go.th/chatuchak", None, "ที่สำนักงาน", "อัตราเดียว", 200,
                          None, 1, "วันทำการ", "ใช่"])
    wb["เอกสาร"].append([pin, None, None, None, None, "การรับชำระภาษีป้าย", "แบบแสดงรายการภาษีป้าย",
                        None, 1, 0, "ไม่เรียกสำเนา", None, None])
    wb.save(filled)
    r = import_services(str(filled), path)
    assert r.added == {"services": 1, "service_steps": 0, "service_documents": 1}
    s = read_services(path).services[0]
    assert s["manual_url"] == "https://www.bangkok.go.th/chatuchak"
    assert "manual_url: https:// added" in r.plan.outcomes[2].repairs


def test_an_old_working_copy_is_upgraded_by_the_import(tmp_path, simplified_gpkg):
    path = str(tmp_path / "old.gpkg")
    make_version_1_working_copy(path, "10")
    add_pin(path, "สำนักงานเขตจตุจักร", *office_point(simplified_gpkg), province_code="10",
            amphoe_code="1030")
    r = import_services(str(SAMPLE_JSON), path)
    assert r.upgraded and missing_parts(path) == {}
    assert r.added["service_documents"] == 4


def test_the_shipped_files_are_what_the_script_writes(tmp_path):
    """The template and the sample are made by scripts/make_services_files.py from the import's
    own headers: regenerated, they hold the same cells (the script's output is committed)."""
    import importlib.util

    from openpyxl import load_workbook

    spec = importlib.util.spec_from_file_location("msf", REPO / "scripts" / "make_services_files.py")
    msf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(msf)
    msf.write_workbook(tmp_path / "t.xlsx", "แบบฟอร์มบันทึกงานบริการ ขั้นตอน และเอกสาร (citizen_pins)")
    msf.write_workbook(tmp_path / "s.xlsx", "ตัวอย่าง: งานบริการของสำนักงานเขต", msf.sample_rows(),
                       msf.SAMPLE_NOTE)

    def cells(p):
        wb = load_workbook(p)
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}

    assert cells(tmp_path / "t.xlsx") == cells(TEMPLATE)
    assert cells(tmp_path / "s.xlsx") == cells(SAMPLE)
    assert json.loads(SAMPLE_JSON.read_text("utf-8")) == json.loads(
        json.dumps(msf.sample_json(), ensure_ascii=False))
    sample = cells(SAMPLE)
    assert "SAMPLE" in sample["งานบริการ"][0][0] and "ไม่ใช่ข้อมูลทางการ" in sample["งานบริการ"][0][0]


def test_the_imported_sample_validates_as_expected(provider, bangkok, simplified_gpkg, tmp_path):
    """The sample's services through citizen_pins:validate: the copies of ID cards and house
    registration it still demands are the only findings."""
    import processing

    path, pin = bangkok
    import_services(str(SAMPLE), path)
    res = processing.run("citizen_pins:validate", {
        "INPUT": layer_uri(path), "BOUNDARIES": f"{simplified_gpkg}|layername=adm3_tambon",
        "TOLERANCE": 600, "OUTPUT": str(tmp_path / "f.gpkg")})
    layer = QgsVectorLayer(str(tmp_path / "f.gpkg"), "f", "ogr")
    found = sorted((f["rule_id"], f["message_en"].split("('")[1].split("')")[0])
                   for f in layer.getFeatures())
    assert found == sorted([
        ("documents.copy_against_policy", "สำเนาทะเบียนบ้านที่ตั้งสำนักงานแห่งใหญ่"),
        ("documents.copy_against_policy", "สำเนาบัตรประจำตัวประชาชนของเจ้าบ้าน"),
        ("documents.copy_against_policy", "สำเนาบัตรประจำตัวประชาชนของเจ้าของอาคาร")])
    assert res["ERRORS"] == 0 and res["WARNINGS"] == 3


def test_qgis_process_with_input_and_pin_layer_alone(qgis_process, bangkok, tmp_path):
    path, _ = bangkok
    proc = qgis_process("--json", "run", "citizen_pins:import_services", "--", f"INPUT={SAMPLE}",
                        f"PIN_LAYER={path}")
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert (results["IMPORTED"], results["REFUSED"], results["SERVICES"], results["STEPS"],
            results["DOCUMENTS"]) == (41, 0, 5, 15, 21)
    assert len(read_services(path)) == 41
    again = qgis_process("--json", "run", "citizen_pins:import_services", "--",
                         f"INPUT={SAMPLE_JSON}", f"PIN_LAYER={layer_uri(path)}")
    results = json.loads(again.stdout[again.stdout.index("{"):])["results"]
    assert (results["SERVICES"], results["STEPS"], results["DOCUMENTS"], results["SKIPPED"]) == (
        0, 0, 0, 8)
    bad = qgis_process("run", "citizen_pins:import_services", "--", f"INPUT={SAMPLE}",
                       f"PIN_LAYER={tmp_path / 'nothing.gpkg'}", check=False)
    assert bad.returncode != 0
