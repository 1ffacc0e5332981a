"""The Zero Copy section of citizen_pins:report on a real working copy: Bangkok's MOPH health
facilities (real pins, real codes) and three district offices with services (the shipped sample,
the JSON exchange format, a list demanding copies), against the real boundaries."""
import csv
import json
import subprocess
import unicodedata

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from citizen_pins.core.importer.services_run import import_services
from citizen_pins.core.working_copy import create_working_copy, layer_uri
from conftest import REPO

from _services_data import add_pin, copy_pins, point_inside
from _validate_data import validation_data as vd
from test_coordinator_qgis_process import _bare as _bare_marks


def _bare(text):
    """As the coordinator tests compare PDF text, with sara am decomposed as pdftotext gives it."""
    return _bare_marks(unicodedata.normalize("NFKD", text))

pytestmark = pytest.mark.slow
FILES = REPO / "citizen_pins" / "resources" / "services"


@pytest.fixture(scope="module")
def bangkok(moph_csv, simplified_gpkg, tmp_path_factory):
    d = tmp_path_factory.mktemp("zero_copy_report")
    path = str(d / "bangkok.gpkg")
    create_working_copy(path, "10")
    moph = vd.moph_layer(moph_csv, "10")
    copy_pins(moph, path)
    offices = {"1030": ("สำนักงานเขตจตุจักร", "103004"), "1004": ("สำนักงานเขตบางรัก", "100401"),
               "1001": ("สำนักงานเขตพระนคร", "100101")}
    for amphoe, (name, tambon) in offices.items():
        add_pin(path, name, *point_inside(simplified_gpkg, tambon), province_code="10",
                amphoe_code=amphoe, tambon_code=tambon)
    # Chatuchak: the sample (partial); Bang Rak: birth registration only (zero copy);
    # Phra Nakhon: a building permit still demanding a title-deed copy (copies demanded)
    assert import_services(str(FILES / "sample_district_office.xlsx"), path).added["services"] == 5
    sample = json.loads((FILES / "sample_birth_registration.json").read_text("utf-8"))
    sample["point"] = {"name_th": "สำนักงานเขตบางรัก", "amphoe_code": "1004"}
    (d / "bangrak.json").write_text(json.dumps(sample, ensure_ascii=False), "utf-8")
    assert import_services(str(d / "bangrak.json"), path).added["services"] == 1
    (d / "phranakhon.csv").write_text(
        "ชื่อจุดให้บริการ,รหัสอำเภอ,ชื่องานบริการ,ชื่อเอกสาร,ฉบับจริง,สำเนา\n"
        "สำนักงานเขตพระนคร,1001,การขออนุญาตก่อสร้างอาคาร,สำเนาโฉนดที่ดิน,0,2\n"
        "สำนักงานเขตพระนคร,1001,การขออนุญาตก่อสร้างอาคาร,แบบคำขอ ข.1,1,0\n", "utf-8")
    assert import_services(str(d / "phranakhon.csv"), path).added["services"] == 1
    return dict(dir=d, path=path, moph=moph.featureCount(),
                boundaries=f"{simplified_gpkg}|layername=adm3_tambon")


def _pdf_text(pdf, page=None):
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _bare(subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout)


def _csv(path):
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def run_report(bangkok, name, province="10", **extra):
    import processing

    out = bangkok["dir"] / name
    params = {"INPUT": layer_uri(bangkok["path"]), "BOUNDARIES": bangkok["boundaries"],
              "TOLERANCE": 1000, "PROVINCE": province, "REPORT_DATE": "2025-06-05",
              "OUTPUT_FOLDER": str(out)}
    params.update(extra)
    return processing.run("citizen_pins:report", params), out


def test_province_report_has_the_zero_copy_section(provider, bangkok):
    res, out = run_report(bangkok, "province")
    units = {r[0]: r for r in _csv(out / "zero_copy_units.csv")[1:]}
    header = _csv(out / "zero_copy_units.csv")[0]
    assert header[2:] == ["จุด points", "มีงานบริการ with services", "Zero Copy",
                          "บางส่วน partial", "เรียกสำเนาทุกงาน all demand",
                          "ยังไม่บันทึก no services", "% Zero Copy", "สำเนาที่ยังเรียก copies"]
    assert units["1030"][3:] == ["1", "0", "1", "0", units["1030"][7], "0.0", "5"]
    assert units["1004"][3:8] == ["1", "1", "0", "0", units["1004"][7]] and units["1004"][8] == "100.0"
    assert units["1001"][3:6] == ["1", "0", "0"] and units["1001"][6] == "1"
    assert units["1001"][8] == "0.0" and units["1001"][9] == "2"
    total = _csv(out / "zero_copy_units.csv")[-1]
    assert total[1] == "รวม / total" and total[2] == str(bangkok["moph"] + 3)
    assert total[3:6] == ["3", "1", "1"] and total[8] == "33.3" and total[9] == "7"
    docs = _csv(out / "zero_copy_documents.csv")
    assert docs[1][:4] == ["สำเนาโฉนดที่ดิน", "1", "1", "2"]
    flagged = {r[0] for r in docs[1:] if r[4] == "ใช่ yes"}
    assert flagged == {"สำเนาบัตรประจำตัวประชาชนของเจ้าบ้าน", "สำเนาทะเบียนบ้านที่ตั้งสำนักงานแห่งใหญ่",
                       "สำเนาบัตรประจำตัวประชาชนของเจ้าของอาคาร"}
    none = _csv(out / "zero_copy_no_services.csv")
    assert len(none) == 1 + bangkok["moph"]
    text = _pdf_text(out / "report.pdf")
    assert _bare("สถานะการยกเลิกการเรียกสำเนาเอกสาร (Zero Copy)") in text
    assert "Documentsmostoftenstilldemandedascopies" in text
    assert "RoyalThaiSurveyDepartment/OCHA" in text
    assert _bare(f"หน้า {res['PAGES']}/{res['PAGES']}") in text
    html = (out / "report.html").read_text("utf-8")
    assert html.count("data:image/png;base64,") == 2
    assert "zero_copy_units.csv" in res["CSV_FILES"]
    # the map page as an image (looked at by hand; docs/reports/ keeps one)
    pages = res["PAGES"]
    zc_page = next(p for p in range(1, pages + 1)
                   if "ZeroCopyshare" in _pdf_text(out / "report.pdf", p))
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(zc_page), "-l", str(zc_page), "-png",
                    str(out / "report.pdf"), str(out / "zero_copy_page")], check=True)
    assert list(out.glob("zero_copy_page*.png"))


def test_national_report_counts_per_province_and_a_plain_layer_has_no_section(provider, bangkok,
                                                                               moph_csv):
    res, out = run_report(bangkok, "national", province="")
    units = {r[0]: r for r in _csv(out / "zero_copy_units.csv")[1:]}
    assert units["10"][3:6] == ["3", "1", "1"] and units["10"][8] == "33.3"
    assert units["21"][2:4] == ["0", "0"] and units["21"][8] == ""  # nothing recorded there
    # the same pins outside a working copy: no services known, no section, no extra files
    plain = vd.write_gpkg(QgsVectorLayer(layer_uri(bangkok["path"]), "p", "ogr"),
                          bangkok["dir"] / "plain.gpkg", "pins")
    res2, out2 = run_report(bangkok, "plain", INPUT=plain)
    assert not (out2 / "zero_copy_units.csv").exists() and res2["PAGES"] < res["PAGES"]
    assert "ZeroCopy" not in _pdf_text(out2 / "report.pdf")
    # ... unless SERVICES says where they are
    res3, out3 = run_report(bangkok, "plain_with_services", INPUT=plain,
                            SERVICES=bangkok["path"])
    assert (out3 / "zero_copy_units.csv").exists()
    with pytest.raises(Exception, match="not a working copy with services"):
        run_report(bangkok, "bad", SERVICES=plain.split("|")[0])
    QgsProject.instance().clear()
