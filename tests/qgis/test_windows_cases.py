"""What Windows users meet that can be tested here (Windows itself cannot run on these machines):
folders with Thai names and spaces, a non-ASCII profile path (every qgis_process test runs with
one: see conftest.py), and files a layer holds open while an import writes to them (Windows
refuses to replace or delete an open file, so the working copy must be written in place).
The registry's part (pull, the boundary cache) is tests/registry/test_registry_windows_cases.py."""
import csv
import json
import os
import subprocess

import pytest
from qgis.core import QgsVectorLayer

from citizen_pins.core.importer import ImportOptions, import_file
from citizen_pins.core.importer.run import IMPORTED, REPAIRED
from citizen_pins.core.working_copy import layer_uri

pytestmark = pytest.mark.slow

#: Rayong's facilities of the MOPH register, as an office would export them.
PROVINCE = "21"


def _results(proc):
    return json.loads(proc.stdout[proc.stdout.index("{"):])["results"]


def _rayong_csv(moph_csv, path, start=0, stop=None):
    with open(moph_csv, encoding="utf-8") as src:
        rows = [r for r in csv.DictReader(src) if r["provcode"] == PROVINCE][start:stop]
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["hoscode", "hosname", "tmcode", "lat", "lon"])
        for r in rows:
            w.writerow([r["hoscode"], r["hosname"], r["tmcode"], r["lat"], r["lon"]])
    return len(rows)


def test_thai_folders_with_spaces_and_a_thai_profile(qgis_process, moph_csv, simplified_gpkg,
                                                     tmp_path):
    home = qgis_process.env["HOME"]
    assert "ผู้ใช้ ทดสอบ" in home and "ผู้ใช้ ทดสอบ" in str(qgis_process.plugins_dir)
    work = tmp_path / "งาน ปักหมุด" / "จังหวัด ระยอง"
    work.mkdir(parents=True)
    source = work / "รายชื่อ หน่วยบริการ.csv"
    n = _rayong_csv(moph_csv, source)
    wc = work / "หมุด ระยอง.gpkg"

    imported = _results(qgis_process("--json", "run", "citizen_pins:import", "--",
                                     f"INPUT={source}", f"OUTPUT={wc}", f"PROVINCE={PROVINCE}",
                                     "SOURCE_KEY=hoscode"))
    assert imported["IMPORTED"] + imported["REPAIRED"] + imported["REFUSED"] == n
    assert os.path.dirname(imported["REPORT"]) == str(work) and os.path.isfile(imported["REPORT"])
    layer = QgsVectorLayer(layer_uri(str(wc)), "sp", "ogr")
    assert layer.featureCount() == imported["IMPORTED"] + imported["REPAIRED"] > 100
    # the mapping (with its source key) was remembered in the profile, under its non-ASCII path
    stores = [os.path.join(d, f) for d, _, fs in os.walk(home) for f in fs
              if f == "import_mappings.json"]
    assert len(stores) == 1 and "ผู้ใช้ ทดสอบ" in stores[0], stores

    findings = work / "ผลการตรวจ ระยอง.gpkg"
    validated = _results(qgis_process(
        "--json", "run", "citizen_pins:validate", "--", f"INPUT={wc}",
        f"BOUNDARIES={simplified_gpkg}|layername=adm3_tambon", "TOLERANCE=600",
        f"OUTPUT={findings}"))
    assert validated["ERRORS"] + validated["WARNINGS"] > 0
    assert QgsVectorLayer(str(findings), "f", "ogr").featureCount() > 0

    folder = work / "รายงาน ประจำเดือน"
    reported = _results(qgis_process(
        "--json", "run", "citizen_pins:report", "--", f"INPUT={wc}",
        f"BOUNDARIES={simplified_gpkg}|layername=adm3_tambon", "TOLERANCE=600", "MODE=0",
        "POINT_TYPE=3", f"PROVINCE={PROVINCE}", "REPORT_DATE=2025-06-05",
        f"OUTPUT_FOLDER={folder}"))
    assert reported["PDF"] == str(folder / "report.pdf")
    text = subprocess.run(["pdftotext", str(folder / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Rayong" in text and "June 2025" in text
    assert "summary.csv" in reported["CSV_FILES"] and (folder / "report.html").is_file()


def test_import_writes_into_a_working_copy_a_layer_holds_open(moph_csv, tmp_path):
    """The working copy is open in QGIS (as a layer) while a second list is imported into it:
    the same file is written (Windows would refuse to replace it) and the layer sees the pins."""
    folder = tmp_path / "ข้อมูล นำเข้า"
    folder.mkdir()
    first, second = folder / "ชุด 1.csv", folder / "ชุด 2.csv"
    _rayong_csv(moph_csv, first, stop=20)
    _rayong_csv(moph_csv, second, start=20)
    wc = folder / "หมุด.gpkg"
    import_file(str(first), str(wc), ImportOptions(), province_code=PROVINCE)
    layer = QgsVectorLayer(layer_uri(str(wc)), "sp", "ogr")
    before = layer.featureCount()
    assert before > 0
    inode = os.stat(wc).st_ino
    result = import_file(str(second), str(wc), ImportOptions())
    assert os.stat(wc).st_ino == inode, "the working copy was replaced, not written in place"
    layer.reload()
    added = result.counts[IMPORTED] + result.counts[REPAIRED]
    assert added > 50 and layer.featureCount() == before + added
