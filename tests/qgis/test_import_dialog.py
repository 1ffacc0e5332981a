"""The import dialog: a Thai spreadsheet export, suggested columns, rows read in a task, pins in
the edit buffer for review (one undo step), refused rows listed, the report next to the copy."""
import time

from qgis.core import QgsApplication

import citizen_pins
from citizen_pins.core.working_copy import create_working_copy

CSV = ("ชื่อหน่วยงาน,ประเภท,ละติจูด,ลองจิจูด,รหัสตำบล,รหัส\n"
       "ที่ว่าการอำเภอเมืองระยอง,ที่ว่าการอำเภอ,12.6814,101.2816,210101,A1\n"
       "สำนักงานเทศบาลตำบลเนินพระ,lao_office,\"12,6890\",\"101,2220\",๒๑๐๑๐๔,A2\n"
       "แถวไม่มีพิกัด,school,,,210101,A3\n")


def wait_until(predicate, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_import_for_review(qgis_iface, qgis_new_project, tmp_path):
    src = tmp_path / "list.csv"
    src.write_text(CSV, encoding="cp874")  # as Excel on Thai Windows saves it
    wc = str(tmp_path / "rayong.gpkg")
    create_working_copy(wc, "21")
    plugin = citizen_pins.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.dock
        assert dock.use_working_copy(wc)
        dialog = dock.import_list()
        dialog.fileEdit.setText(str(src))
        dialog.read()
        wait_until(lambda: dialog.state != "reading")
        assert dialog.state == "ready", dialog.sourceLabel.text()
        assert "874" in dialog.sourceLabel.text()  # cp874 = windows-874, detected
        m = dialog.mapping()
        assert m.columns["lat"] == "ละติจูด" and m.columns["lon"] == "ลองจิจูด"
        assert m.columns["name_th"] == "ชื่อหน่วยงาน" and m.columns["tambon_code"] == "รหัสตำบล"
        dialog.keyCombo.setCurrentIndex(dialog.keyCombo.findData("รหัส"))
        dialog.run_import()
        wait_until(lambda: dialog.state != "planning")
        assert dialog.state == "done", dialog.resultLabel.text()
        layer = dock.service_layer()
        assert layer.isEditable() and layer.featureCount() == 2
        names = sorted(f["name_th"] for f in layer.getFeatures())
        assert names == ["ที่ว่าการอำเภอเมืองระยอง", "สำนักงานเทศบาลตำบลเนินพระ"]
        codes = sorted(f["tambon_code"] for f in layer.getFeatures())
        assert codes == ["210101", "210104"]  # Thai numerals normalised
        assert dialog.refusedList.count() == 1 and "#4" in dialog.refusedList.item(0).text()
        report = tmp_path / [n for n in __import__("os").listdir(tmp_path)
                             if n.endswith(".csv") and n != "list.csv"][0]
        assert "refused" in report.read_text(encoding="utf-8")
        layer.undoStack().undo()  # one step removes the whole import
        assert layer.featureCount() == 0
        layer.rollBack()
    finally:
        plugin.unload()
