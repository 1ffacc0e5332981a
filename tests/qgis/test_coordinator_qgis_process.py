"""The coordinator algorithms (issue 8) as a coordinator runs them: qgis_process, the packaged
plugin, the real MOPH register and the real boundaries (simplified national tambons, tolerance
1 km as docs/validation.md advises for them).  Figures checked by hand: see docs/coordinator.md.
"""
import csv
import json
import subprocess

import pytest
from qgis.core import QgsVectorLayer

from _validate_data import validation_data as vd

pytestmark = pytest.mark.slow

# Rayong: the provincial health office (one of 5 facilities declaring tambon 210109), a รพ.สต.
# (one of 2 in 210102) and Rayong Hospital (the only one in 210101)
REMOVED = ("00011", "01920", "10663")


@pytest.fixture(scope="module")
def data(moph_csv, simplified_gpkg, tmp_path_factory):
    d = tmp_path_factory.mktemp("coordinator")
    gpkg = d / "pins.gpkg"
    national = vd.write_gpkg(vd.moph_layer(moph_csv), gpkg, "national")
    rayong_layer = vd.moph_layer(moph_csv, "21", "rayong")
    rayong = vd.write_gpkg(rayong_layer, gpkg, "rayong")
    satun = vd.write_gpkg(vd.moph_layer(moph_csv, "91", "satun"), gpkg, "satun")
    # the campaign's list: every Rayong facility; the pins: all but three of them
    expected = d / "rayong_expected.csv"
    with open(expected, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["org_id", "name", "dopa_code", "point_type"])
        for f in rayong_layer.getFeatures():
            w.writerow([f["pin_id"], f["name_th"], f["tambon_code"], "health_facility"])
    rayong_layer.setSubsetString(f"pin_id NOT IN {tuple(REMOVED)}")
    partial = vd.write_gpkg(rayong_layer, gpkg, "rayong_partial")
    tambons = f"{simplified_gpkg}|layername=adm3_tambon"
    return dict(dir=d, national=national, rayong=rayong, satun=satun, partial=partial,
                expected=str(expected), tambons=tambons)


def _json(proc):
    return json.loads(proc.stdout[proc.stdout.index("{"):])


def _rows(path, layer=None):
    uri = f"{path}|layername={layer}" if layer else str(path)
    lyr = QgsVectorLayer(uri, "t", "ogr")
    assert lyr.isValid(), uri
    return [{k: f[k] for k in lyr.fields().names()} for f in lyr.getFeatures()]


def test_validate_batch_two_province_layers(qgis_process, data):
    d = data["dir"]
    out, summary = d / "batch_findings.gpkg", d / "batch_summary.gpkg"
    res = _json(qgis_process("--json", "run", "citizen_pins:validate_batch", "--",
                             f"INPUTS={data['rayong']}", f"INPUTS={data['satun']}",
                             f"BOUNDARIES={data['tambons']}", "TOLERANCE=1000",
                             f"OUTPUT={out}", f"SUMMARY={summary}"))["results"]
    assert (res["LAYERS"], res["PINS"], res["PROVINCES"]) == (2, 180, 2)
    rows = {r["province_code"]: r for r in _rows(summary)}
    ry, st = rows["21"], rows["91"]
    assert (ry["pins"], ry["pins_with_errors"], ry["errors"], ry["warnings"]) == (114, 0, 0, 4)
    assert ry["location_near_boundary"] == 4 and ry["layers"] == "rayong"
    assert (st["pins"], st["pins_with_errors"], st["errors"], st["warnings"]) == (66, 4, 5, 4)
    assert st["province_th"] == "สตูล" and st["codes_malformed"] == 1  # 9107-
    findings = _rows(out)
    assert len(findings) == res["ERRORS"] + res["WARNINGS"] == 13
    manang = [f for f in findings if f["pin_id"] == "00878"]  # point in Krabi, 154 km away
    assert {f["rule_id"] for f in manang} == {"codes.malformed", "location.not_in_province"}
    assert {(f["layer"], f["province_code"]) for f in manang} == {("satun", "91")}


def test_validate_batch_column_reader_and_feature_reader_agree(qgis_process, data):
    """A layer read column-wise (GDAL Arrow, joined as bytes since issue 21) and the same layer
    through QGIS's feature reader (a subset that keeps every pin sends it there) give the same
    findings and summary, field by field."""
    d = data["dir"]
    got = []
    for k, satun in enumerate((data["satun"], f"{data['satun']}|subset=\"pin_id\" IS NOT NULL")):
        out, summary = d / f"direct_{k}.gpkg", d / f"direct_summary_{k}.gpkg"
        qgis_process("run", "citizen_pins:validate_batch", "--", f"INPUTS={data['rayong']}",
                     f"INPUTS={satun}", f"BOUNDARIES={data['tambons']}", "TOLERANCE=1000",
                     f"OUTPUT={out}", f"SUMMARY={summary}")
        got.append((_rows(out), _rows(summary)))
    assert got[0] == got[1] and len(got[0][0]) == 13


def test_validate_batch_one_national_layer(qgis_process, data):
    d = data["dir"]
    summary = d / "national_summary.gpkg"
    res = _json(qgis_process("--json", "run", "citizen_pins:validate_batch", "--",
                             f"INPUTS={data['national']}", f"BOUNDARIES={data['tambons']}",
                             "TOLERANCE=1000", f"OUTPUT={d / 'national_findings.gpkg'}",
                             f"SUMMARY={summary}"))["results"]
    assert (res["PINS"], res["PROVINCES"]) == (11301, 77)
    rows = {r["province_code"]: r for r in _rows(summary)}
    assert len(rows) == 77 and sum(r["pins"] for r in rows.values()) == 11301
    assert sum(r["errors"] for r in rows.values()) == res["ERRORS"]
    assert rows["21"]["pins"] == 114 and rows["91"]["errors"] == 5


def test_completeness_one_facility_per_tambon(qgis_process, data):
    d = data["dir"]
    amphoes = d / "amphoes.gpkg"
    res = _json(qgis_process(
        "--json", "run", "citizen_pins:completeness", "--", f"INPUT={data['national']}",
        f"BOUNDARIES={data['tambons']}", "TOLERANCE=1000", "MODE=0", "POINT_TYPE=3",
        f"ITEMS={d / 'items.gpkg'}", f"SUMMARY={d / 'comp_summary.gpkg'}",
        f"TAMBONS={d / 'tambons.gpkg'}", f"AMPHOES={amphoes}",
        f"PROVINCE_POLYGONS={d / 'provinces.gpkg'}"))["results"]
    assert (res["EXPECTED_COUNT"], res["COMPLETE"], res["MISSING"]) == (7436, 7012, 337)
    assert json.loads(res["TOTALS"])["disputed"] == 87
    a = {r["code"]: r for r in _rows(amphoes)}
    assert len(a) == 928
    assert (a["2105"]["expected"], a["2105"]["complete"], a["2105"]["pct_complete"]) == (7, 6, 85.7)
    assert len(_rows(d / "tambons.gpkg")) == 7425 and len(_rows(d / "provinces.gpkg")) == 77
    items = {r["item_id"]: r for r in _rows(d / "items.gpkg")}
    nam_hak = items["840803"]  # its only facility is 133 km away, in Nakhon Si Thammarat
    assert (nam_hak["status"], nam_hak["best_pin"], nam_hak["located"]) == ("disputed", "09213",
                                                                            "801302")


def test_completeness_expected_list(qgis_process, data):
    d = data["dir"]
    res = _json(qgis_process(
        "--json", "run", "citizen_pins:completeness", "--", f"INPUT={data['partial']}",
        f"BOUNDARIES={data['tambons']}", "TOLERANCE=1000", "MODE=1",
        f"EXPECTED={data['expected']}", f"ITEMS={d / 'list_items.gpkg'}",
        f"SUMMARY={d / 'list_summary.gpkg'}"))["results"]
    assert (res["EXPECTED_COUNT"], res["COMPLETE"], res["MISSING"]) == (114, 111, 3)
    missing = sorted(r["item_id"] for r in _rows(d / "list_items.gpkg") if r["status"] != "complete")
    assert missing == sorted(REMOVED)


def test_completeness_refuses_a_list_with_a_malformed_code(qgis_process, data, moph_csv):
    d = data["dir"]
    bad = d / "satun_expected.csv"
    with open(bad, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["org_id", "name", "dopa_code", "point_type"])
        w.writerow(["00878", "สำนักงานสาธารณสุขอำเภอมะนัง", "9107-", "health_facility"])
    out = d / "never.gpkg"
    proc = qgis_process("run", "citizen_pins:completeness", "--", f"INPUT={data['satun']}",
                        f"BOUNDARIES={data['tambons']}", "MODE=1", f"EXPECTED={bad}",
                        f"ITEMS={out}", f"SUMMARY={d / 'never2.gpkg'}", check=False)
    assert proc.returncode != 0
    assert "row 1 (00878): '9107-' is not a DOPA code" in proc.stdout + proc.stderr
    assert not out.exists()


def _pdf_text(pdf):
    return _bare(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout)


def _bare(text):
    """Text without spaces and Thai vowel/tone marks: the Thai fonts draw raised or shifted marks
    with private-use glyphs (U+F700...), which is what pdftotext gives back for them."""
    marks = {0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)}
    return "".join(c for c in text if not c.isspace() and ord(c) not in marks
                   and not 0xF700 <= ord(c) <= 0xF8FF)


@pytest.mark.parametrize("province,pages", [("91", 4), ("", 8)])
def test_report(qgis_process, data, province, pages):
    d = data["dir"] / f"report_{province or 'national'}"
    res = _json(qgis_process(
        "--json", "run", "citizen_pins:report", "--", f"INPUT={data['national']}",
        f"BOUNDARIES={data['tambons']}", "TOLERANCE=1000", "MODE=0", "POINT_TYPE=3",
        f"PROVINCE={province}", "REPORT_DATE=2025-06-05", f"OUTPUT_FOLDER={d}"))["results"]
    assert res["PAGES"] == pages
    text = _pdf_text(d / "report.pdf")
    where = "จังหวัดสตูล" if province else "ทั้งประเทศ"
    assert _bare(f"รายงานการปักหมุดจุดให้บริการ {where}") in text
    assert _bare("๕ มิถุนายน ๒๕๖๘") in text and _bare("5 June 2025") in text
    assert _bare("Royal Thai Survey Department / OCHA") in text and "CCBY-IGO3.0" in text
    assert _bare(f"หน้า {pages}/{pages}") in text
    # the words are text in a font, not outlines (QGIS 3.40+ draws outlines unless told)
    fonts = subprocess.run(["pdffonts", str(d / "report.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert any(f in fonts for f in ("Loma", "Garuda", "Tahoma", "Sawasdee", "Noto")), fonts
    html = (d / "report.html").read_text("utf-8")
    assert "data:image/png;base64," in html and "HDX COD-AB cod-ab-tha" in html
    # the point type by its label, not its key (issue 15: "หมุด lao_office ทุกตำบล")
    assert "หมุดสถานพยาบาลทุกตำบล" in html and "one health facility pin per tambon" in html
    assert "health_facility ทุกตำบล" not in html and "health_facility pin" not in html
    summary = list(csv.reader(open(d / "summary.csv", encoding="utf-8-sig")))
    if province:  # Satun: 7 amphoes; 66 pins, 4 with errors; 36 of 36 tambons have a facility
        assert len(summary) == 1 + 7 + 1
        assert summary[-1][2:4] == ["66", "4"] and summary[-1][7:9] == ["36", "36"]
        assert "00878" in (d / "findings.csv").read_text("utf-8-sig")
    else:
        assert len(summary) == 1 + 77 + 1 and summary[-1][2] == "11301"
    # page 1 as an image (looked at by hand; docs/reports/ keeps one of each)
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(d / "report.pdf"),
                    str(d / "page")], check=True)
    assert list(d.glob("page*.png"))
