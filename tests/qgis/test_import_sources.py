"""The importer on crafted files: encodings, coordinate forms, ragged and broken files, XLSX with
merged headers, KML/KMZ, projected layers, names instead of codes, re-import, the edit buffer."""
import csv
import sqlite3
import zipfile

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFeature, QgsFields,
    QgsGeometry, QgsPointXY, QgsVectorFileWriter, QgsVectorLayer)

from citizen_pins.core import schema
from citizen_pins.core.importer import (
    ImportFailed, ImportOptions, MappingError, MappingStore, SourceError, add_plan_to_layer,
    import_file, open_source, parse_mapping_text, plan_import)
from citizen_pins.core.importer.coords import latlon_to_utm
from citizen_pins.core.qgis_compat import STRING, WKB_POINT, make_field
from citizen_pins.core.working_copy import create_working_copy, layer_uri

HEADER = ["ชื่อหน่วยงาน", "ละติจูด", "ลองจิจูด", "รหัสตำบล"]
ROWS = [["ที่ว่าการอำเภอเมืองระยอง", "12.6814", "101.2816", "210101"],
        ["โรงเรียนบ้านเพ", "12.6183", "101.4567", "210401"],
        ["สถานีตำรวจภูธรเมืองระยอง", "12.6790", "101.2750", "210101"]]


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return str(path)


def pins(gpkg):
    layer = QgsVectorLayer(layer_uri(str(gpkg)), "sp", "ogr")
    return {f["name_th"]: f for f in layer.getFeatures()}


def by_row(result):
    return {o.row: o for o in result.plan.outcomes}


@pytest.mark.parametrize("encoding, note", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("cp874", "Thai Windows"),
    ("utf-16", "UTF-16")])
def test_each_encoding_is_detected(tmp_path, encoding, note):
    src = write_csv(tmp_path / "list.csv", [HEADER] + ROWS, encoding)
    result = import_file(src, str(tmp_path / "wc.gpkg"))
    assert note in result.plan.source.encoding_note
    assert len(result.plan.pins) == 3 and result.written == 3
    got = pins(tmp_path / "wc.gpkg")
    assert set(got) == {r[0] for r in ROWS}
    f = got["โรงเรียนบ้านเพ"]
    assert f["tambon_code"] == "210401" and f["amphoe_code"] == "2104"
    assert schema.is_pin_id(f["pin_id"])
    assert f["point_type"] == "school"  # from the name (a repair)


def test_encoding_override_and_a_wrong_one(tmp_path):
    src = write_csv(tmp_path / "list.csv", [HEADER] + ROWS, "cp874")
    plan = plan_import(open_source(src, encoding="tis-620"))
    assert plan.counts()["imported"] + plan.counts()["repaired"] == 3
    assert "given" in plan.source.encoding_note
    with pytest.raises(SourceError, match="cannot be read as utf-8"):
        open_source(src, encoding="utf-8")
    with pytest.raises(SourceError, match="Unknown encoding"):
        open_source(src, encoding="klingon")


def test_semicolon_csv_with_decimal_commas(tmp_path):
    rows = [["ชื่อ", "lat", "lon"], ["ศาลากลางจังหวัดระยอง", "12,6814", "101,2816"]]
    src = write_csv(tmp_path / "list.csv", rows, delimiter=";")
    result = import_file(src, str(tmp_path / "wc.gpkg"))
    o = by_row(result)[2]
    assert o.status == "repaired" and "location: decimal_comma" in o.repairs
    assert (o.lat, o.lon) == pytest.approx((12.6814, 101.2816))
    assert o.values["point_type"] == "provincial_hall"


def test_coordinate_forms_each_listed_as_repairs(tmp_path):
    e, n, _ = latlon_to_utm(12.6814, 101.2816)
    rows = [["ชื่อ", "Y", "X", "พิกัด", "E", "N", "zone"],
            ["dms", "12°40'53.04\"N", "101°16'53.76\"E", "", "", "", ""],
            ["ไทย", "๑๒.๖๘๑๔", "๑๐๑.๒๘๑๖", "", "", "", ""],
            ["สลับ", "101.2816", "12.6814", "", "", "", ""],
            ["คู่", "", "", "12.6814, 101.2816", "", "", ""],
            ["ลิงก์", "", "", "https://maps.google.com/?q=12.6814,101.2816", "", "", ""],
            ["utm", "", "", "", f"{e:.2f}", f"{n:.2f}", "47N"],
            ["utm ไม่มีโซน", "", "", "", f"{e:,.1f}", f"{n:,.1f}", ""],
            ["ศูนย์", "0", "0", "", "", "", ""],
            ["นอกประเทศ", "48.85", "2.35", "", "", "", ""],
            ["อ่านไม่ได้", "สิบสอง", "101.28", "", "", "", ""]]
    src = write_csv(tmp_path / "forms.csv", rows)
    result = import_file(src, str(tmp_path / "wc.gpkg"), ImportOptions(point_type="other"))
    rows_out = by_row(result)
    expect = {2: "location: dms", 3: "location: thai_numerals", 4: "location: swapped_lat_lon",
              5: "location: pair_in_one_column", 6: "location: map_link", 7: "location: utm",
              8: "location: utm_zone_inferred_47"}
    for row, repair in expect.items():
        o = rows_out[row]
        assert o.status == "repaired" and repair in o.repairs, (row, o)
        assert (o.lat, o.lon) == pytest.approx((12.6814, 101.2816), abs=1e-5), row
    assert rows_out[9].status == "refused" and "0, 0" in rows_out[9].reason
    assert rows_out[10].status == "refused" and "outside Thailand" in rows_out[10].reason
    assert rows_out[11].status == "refused" and "สิบสอง" in rows_out[11].reason
    assert result.written == 7


def test_ragged_csv_every_row_accounted_for(tmp_path):
    text = ("ชื่อ,lat,lon\n"
            "หนึ่ง,12.68,101.28\n"
            "สอง,12.69,101.29,เกิน,อีก\n"       # too many values
            "สาม,12.70\n"                       # too few: no longitude
            "\"สี่\nสองบรรทัด\",12.71,101.30\n"  # a quoted cell over two lines
            ",,\n"                               # empty
            "ห้า,12.72,101.31\n")
    src = tmp_path / "ragged.csv"
    src.write_text(text, encoding="utf-8")
    result = import_file(str(src), str(tmp_path / "wc.gpkg"), ImportOptions(point_type="school"))
    rows = by_row(result)
    assert rows[3].status == "imported" and "beyond the last column" in rows[3].warnings[0]
    assert rows[4].status == "refused" and "longitude is missing" in rows[4].reason
    assert rows[5].values["name_th"] == "สี่ สองบรรทัด" and "name_th: spaces" in rows[5].repairs
    # CSV rows are numbered by the line they start on (as a text editor shows them)
    assert rows[7].status == "skipped" and rows[7].reason == "empty row"
    assert rows[8].status == "imported"
    assert [o.row for o in result.plan.outcomes] == [1, 2, 3, 4, 5, 7, 8]


@pytest.mark.parametrize("content, error, message", [
    (b"", SourceError, "empty"),
    ("ชื่อ,ละติจูด,ลองจิจูด\n".encode("utf-8"), ImportFailed, "column names but no data rows"),
    (bytes(range(256)) * 40, SourceError, "binary data"),
    (b"PK\x03\x04" + bytes(200), SourceError, "ZIP archive"),
    (b"\xd0\xcf\x11\xe0" + bytes(200), SourceError, "old Excel"),
    ("name,lat,lon\nx,12.7,101.3\n".encode("latin-1") + b"\xe9\xe8\n", SourceError, "encoding"),
])
def test_bad_files_one_clear_error_and_nothing_written(tmp_path, content, error, message):
    src = tmp_path / "list.csv"
    src.write_bytes(content)
    target = tmp_path / "wc.gpkg"
    with pytest.raises(error, match=message):
        import_file(str(src), str(target))
    assert not target.exists()


def test_no_location_or_name_columns_are_refused_up_front(tmp_path):
    src = write_csv(tmp_path / "list.csv", [["ชื่อ", "หมายเหตุ"], ["ก", "ข"]])
    with pytest.raises(MappingError, match="No coordinate columns"):
        import_file(src, str(tmp_path / "wc.gpkg"))
    src = write_csv(tmp_path / "list2.csv", [["code", "lat", "lon"], ["1", "12.7", "101.3"]])
    with pytest.raises(MappingError, match="No name column"):
        import_file(src, str(tmp_path / "wc.gpkg"))
    opts = ImportOptions(mapping=parse_mapping_text("name_th=ไม่มีคอลัมน์นี้"))
    with pytest.raises(MappingError, match="not found"):
        import_file(src, str(tmp_path / "wc.gpkg"), opts)
    assert not (tmp_path / "wc.gpkg").exists()


def test_existing_working_copy_pins_are_never_touched(tmp_path):
    wc = str(tmp_path / "wc.gpkg")
    src = write_csv(tmp_path / "a.csv", [HEADER] + ROWS)
    import_file(src, wc)
    before = {f["pin_id"]: f.geometry().asWkt() for f in pins(wc).values()}
    # a broken file afterwards: error, working copy unchanged
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"\x00\x01\x02")
    with pytest.raises(SourceError):
        import_file(str(bad), wc)
    after = {f["pin_id"]: f.geometry().asWkt() for f in pins(wc).values()}
    assert after == before


def test_xlsx_with_title_and_merged_header_cells_every_sheet_selectable(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "รพ.สต."
    ws["A1"] = "รายชื่อหน่วยบริการ จังหวัดระยอง"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["ลำดับ", "ชื่อหน่วยงาน", "พิกัด", None, "รหัสตำบล"])
    ws.append([None, None, "ละติจูด", "ลองจิจูด", None])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:D3")
    ws.merge_cells("E3:E4")
    ws.append([1, "รพ.สต.บ้านเพ", 12.6183, 101.4567, 210401])
    ws.append([2, "รพ.สต.เชิงเนิน", "12°41'N", "101°17'E", "๒๑๐๑๐๒"])
    other = wb.create_sheet("โรงเรียน")
    other.append(["name", "lat", "lon"])
    other.append(["โรงเรียนวัดป่าประดู่", 12.68, 101.27])
    path = str(tmp_path / "list.xlsx")
    wb.save(path)

    src = open_source(path)
    assert src.available == ["รพ.สต.", "โรงเรียน"]
    table = src.tables[0]
    assert table.headers == ["ลำดับ", "ชื่อหน่วยงาน", "ละติจูด", "ลองจิจูด", "รหัสตำบล"]
    result = import_file(path, str(tmp_path / "wc.gpkg"), ImportOptions(point_type="health_facility"))
    rows = by_row(result)
    assert [rows[n].reason for n in (1, 2, 3, 4)] == [
        "title row above the header", "empty row", "header row", "header row"]
    assert rows[5].status == "imported" and rows[5].values["tambon_code"] == "210401"
    assert rows[6].status == "repaired"
    assert "tambon_code: thai_numerals" in rows[6].repairs and "location: dms" in rows[6].repairs
    assert set(pins(tmp_path / "wc.gpkg")) == {"รพ.สต.บ้านเพ", "รพ.สต.เชิงเนิน"}

    result = import_file(path, str(tmp_path / "wc2.gpkg"), ImportOptions(layers=["โรงเรียน"]))
    assert set(pins(tmp_path / "wc2.gpkg")) == {"โรงเรียนวัดป่าประดู่"}
    assert result.plan.outcomes[-1].table == "โรงเรียน"
    with pytest.raises(SourceError, match="has no sheet"):
        open_source(path, layers=["Sheet9"])


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>หมุด</name>
<Folder><name>สถานีตำรวจ</name>
 <Placemark><name>สภ.เมืองระยอง</name><Point><coordinates>101.2750,12.6790,0</coordinates></Point></Placemark>
 <Placemark><name>สภ.บ้านฉาง</name><Point><coordinates>101.0640,12.7260,0</coordinates></Point></Placemark>
</Folder>
<Folder><name>ไปรษณีย์</name>
 <Placemark><name>ที่ทำการไปรษณีย์ระยอง</name><Point><coordinates>101.2600,12.6800,0</coordinates></Point></Placemark>
 <Placemark><name>เส้นทาง</name><LineString><coordinates>101.0,12.7,0 101.2,12.7,0</coordinates></LineString></Placemark>
 <Placemark><name>ไม่มีตำแหน่ง</name></Placemark>
</Folder></Document></kml>"""


@pytest.fixture(params=["gdal as installed", "gdal without LIBKML"])
def kml_drivers(request):
    """GDAL as installed, then as Debian sid builds it: without LIBKML (only the plain KML
    driver, which opens no .kmz and drops placemarks without coordinates)."""
    from osgeo import gdal

    libkml = gdal.GetDriverByName("LIBKML") if "without" in request.param else None
    if libkml is not None:
        libkml.Deregister()
    try:
        yield request.param
    finally:
        if libkml is not None:  # back in front of KML, which GDAL would otherwise try first
            kml = gdal.GetDriverByName("KML")
            kml.Deregister()
            libkml.Register()
            kml.Register()


@pytest.mark.parametrize("kind", ["kml", "kmz"])
def test_kml_and_kmz_every_folder(tmp_path, kind, kml_drivers):
    path = tmp_path / f"pins.{kind}"
    if kind == "kml":
        path.write_text(KML, encoding="utf-8")
    else:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("doc.kml", KML)
    result = import_file(str(path), str(tmp_path / "wc.gpkg"))
    got = pins(tmp_path / "wc.gpkg")
    assert {"สภ.เมืองระยอง", "สภ.บ้านฉาง", "ที่ทำการไปรษณีย์ระยอง", "เส้นทาง"} <= set(got)
    assert got["สภ.เมืองระยอง"]["point_type"] == "police_station"
    assert got["ที่ทำการไปรษณีย์ระยอง"]["point_type"] == "post_office"
    line = [o for o in result.plan.outcomes if o.values.get("name_th") == "เส้นทาง"][0]
    assert "location: point_on_line" in line.repairs
    refused = [o for o in result.plan.outcomes if o.status == "refused"]
    assert len(refused) == 1 and "no coordinates" in refused[0].reason
    assert {o.table for o in result.plan.outcomes} == {"สถานีตำรวจ", "ไปรษณีย์"}
    assert (refused[0].table, refused[0].row, refused[0].raw.get("name_th")) == (
        "ไปรษณีย์", 3, "ไม่มีตำแหน่ง")


def test_kml_placemark_without_coordinates_in_an_unnamed_document(tmp_path, kml_drivers):
    path = tmp_path / "pins.kml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
 <Placemark><name>สภ.เมืองระยอง</name><Point><coordinates>101.2750,12.6790,0</coordinates></Point></Placemark>
 <Placemark><name>ไม่มีตำแหน่ง</name><description>ยังไม่ได้ปักหมุด</description></Placemark>
</Document></kml>""", encoding="utf-8")
    result = import_file(str(path), str(tmp_path / "wc.gpkg"))
    assert set(pins(tmp_path / "wc.gpkg")) == {"สภ.เมืองระยอง"}
    refused = [o for o in result.plan.outcomes if o.status == "refused"]
    assert len(refused) == 1 and "no coordinates" in refused[0].reason
    assert (refused[0].row, refused[0].raw.get("name_th")) == (2, "ไม่มีตำแหน่ง")


def _write_layer(path, driver, crs, rows):
    fields = QgsFields()
    fields.append(make_field("NAME_TH", STRING))
    fields.append(make_field("TB_CODE", STRING))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = driver
    writer = QgsVectorFileWriter.create(str(path), fields, WKB_POINT,
                                        QgsCoordinateReferenceSystem(crs),
                                        QgsCoordinateTransformContext(), options)
    for name, code, x, y in rows:
        f = QgsFeature(fields)
        f.setAttributes([name, code])
        if x is not None:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        writer.addFeature(f)
    del writer


@pytest.mark.parametrize("driver, ext", [("ESRI Shapefile", "shp"), ("GeoJSON", "geojson"),
                                         ("GPKG", "gpkg")])
def test_projected_layers_are_reprojected(tmp_path, driver, ext):
    e, n, _ = latlon_to_utm(12.6814, 101.2816, 47)
    path = tmp_path / f"old.{ext}"
    _write_layer(path, driver, "EPSG:32647", [("ที่ว่าการอำเภอเมืองระยอง", "210101", e, n)])
    result = import_file(str(path), str(tmp_path / "wc.gpkg"))
    o = result.plan.pins[0]
    assert (o.lat, o.lon) == pytest.approx((12.6814, 101.2816), abs=1e-6)
    assert o.values["tambon_code"] == "210101" and o.values["point_type"] == "district_office"


def test_names_instead_of_codes(tmp_path):
    rows = [["ชื่อ", "lat", "lon", "ที่อยู่", "ตำบล", "อำเภอ", "จังหวัด"],
            ["ก", "12.68", "101.28", "", "ท่าประดู่", "เมือง", "ระยอง"],
            ["ข", "12.68", "101.28", "", "ท่าประดู่", "", ""],
            ["ค", "12.68", "101.28", "", "หนองบัว", "", "สุรินทร์"],
            ["ง", "12.68", "101.28", "", "ไม่มีจริง", "", "ระยอง"]]
    src = write_csv(tmp_path / "names.csv", rows)
    rows_out = by_row(import_file(src, str(tmp_path / "wc.gpkg"), ImportOptions(point_type="other")))
    a = rows_out[2]
    assert a.values["tambon_code"] == "210101" and a.values["amphoe_code"] == "2101"
    assert any(r.startswith("tambon_code: 210101 from names") for r in a.repairs)
    b = rows_out[3]
    assert "tambon_code" not in b.values and "fits 2 units" in b.warnings[0]
    assert "210101" in b.warnings[0] and "900406" in b.warnings[0]
    c = rows_out[4]
    assert c.values.get("province_code") == "32" and "tambon_code" not in c.values
    d = rows_out[5]
    assert d.values.get("province_code") == "21" and "no tambon named" in d.warnings[0]
    # the same from one address column
    rows = [["ชื่อ", "lat", "lon", "ที่อยู่"],
            ["จ", "12.68", "101.28", "99 ม.2 ต.ท่าประดู่ อ.เมือง จ.ระยอง 21000"]]
    src = write_csv(tmp_path / "addr.csv", rows)
    e = import_file(src, str(tmp_path / "wc2.gpkg"), ImportOptions(point_type="other")).plan.pins[0]
    assert e.values["tambon_code"] == "210101"
    assert any("from the address" in r for r in e.repairs)


def test_reimport_does_not_duplicate_and_key_follows_moved_pins(tmp_path):
    wc = str(tmp_path / "wc.gpkg")
    rows = [["id", "ชื่อ", "lat", "lon"], ["A1", "โรงเรียนหนึ่ง", "12.6800", "101.2800"],
            ["A2", "โรงเรียนสอง", "12.7000", "101.3000"]]
    src = write_csv(tmp_path / "a.csv", rows)
    first = import_file(src, wc, ImportOptions(source_key="id"))
    assert first.written == 2
    # same file: matched by key
    again = import_file(src, wc, ImportOptions(source_key="id"))
    assert again.written == 0 and again.counts["skipped"] == 3
    assert "source key id=A1" in by_row(again)[2].reason
    # without a key: matched by name + distance (rows moved 20 m still match; a new row is added)
    rows2 = rows + [["A3", "โรงเรียนสาม", "12.7100", "101.3100"]]
    rows2[1] = ["A1", "โรงเรียนหนึ่ง", "12.68018", "101.2800"]
    src2 = write_csv(tmp_path / "b.csv", rows2)
    third = import_file(src2, wc)
    assert third.written == 1 and "m away" in by_row(third)[2].reason
    # with the key, a pin far away is still the same pin
    rows3 = [rows[0], ["A2", "โรงเรียนสอง (ย้าย)", "12.9000", "101.5000"]]
    src3 = write_csv(tmp_path / "c.csv", rows3)
    fourth = import_file(src3, wc, ImportOptions(source_key="id"))
    assert fourth.written == 0 and fourth.counts["skipped"] == 2
    assert len(pins(wc)) == 3
    # a key repeated inside one file: the second row is refused
    rows4 = [rows[0], ["B1", "ก", "12.60", "101.20"], ["B1", "ข", "12.61", "101.21"]]
    fifth = import_file(write_csv(tmp_path / "d.csv", rows4), wc, ImportOptions(source_key="id"))
    assert by_row(fifth)[3].status == "refused" and "repeats row 2" in by_row(fifth)[3].reason


def test_report_table_and_csv_hold_every_row(tmp_path):
    wc = str(tmp_path / "wc.gpkg")
    rows = [["ชื่อ", "lat", "lon"], ["ก", "12.68", "101.28"], ["", "12.68", "101.28"],
            ["ค ", "12,68", "101.28"]]
    result = import_file(write_csv(tmp_path / "a.csv", rows), wc, report_csv=str(tmp_path / "r.csv"))
    with sqlite3.connect(wc) as db:
        got = db.execute("select row, status, reason, repairs from import_report order by row").fetchall()
    assert [g[:2] for g in got] == [(1, "skipped"), (2, "repaired"), (3, "refused"), (4, "repaired")]
    assert got[2][2].startswith("no name")
    assert "location: decimal_comma" in got[3][3] and "name_th: spaces" in got[3][3]
    with open(tmp_path / "r.csv", encoding="utf-8-sig") as fh:
        report = list(csv.DictReader(fh))
    assert [r["status"] for r in report] == ["skipped", "repaired", "refused", "repaired"]
    assert report[1]["pin_id"] and schema.is_pin_id(report[1]["pin_id"])
    assert QgsVectorLayer(result.report_uri, "r", "ogr").featureCount() == 4


def test_mapping_given_once_is_remembered(tmp_path):
    store = MappingStore(str(tmp_path / "profile" / "import_mappings.json"))
    rows = [["สถานที่", "ก", "ข"], ["โรงเรียนบ้านนา", "12.68", "101.28"]]
    src = write_csv(tmp_path / "a.csv", rows)
    given = parse_mapping_text("name_th=สถานที่; lat=ก; lon=ข; point_type:=school")
    import_file(src, str(tmp_path / "wc.gpkg"), ImportOptions(mapping=given, store=store))
    # next month's file of the same shape: no mapping given
    rows = [["สถานที่", "ก", "ข"], ["โรงเรียนบ้านไร่", "12.70", "101.30"]]
    src2 = write_csv(tmp_path / "b.csv", rows)
    result = import_file(src2, str(tmp_path / "wc.gpkg"), ImportOptions(store=store))
    assert result.plan.tables[0].mapping.origin["lat"] == "saved"
    assert result.plan.pins[0].values["point_type"] == "school"


def test_plan_into_the_edit_buffer_can_be_undone(tmp_path):
    wc = str(tmp_path / "wc.gpkg")
    create_working_copy(wc)
    layer = QgsVectorLayer(layer_uri(wc), "sp", "ogr")
    plan = plan_import(open_source(write_csv(tmp_path / "a.csv", [HEADER] + ROWS)))
    assert add_plan_to_layer(plan, layer) == 3
    assert layer.isEditable() and layer.featureCount() == 3
    assert QgsVectorLayer(layer_uri(wc), "disk", "ogr").featureCount() == 0  # not saved yet
    layer.undoStack().undo()
    assert layer.featureCount() == 0
    layer.undoStack().redo()
    assert layer.commitChanges()
    assert QgsVectorLayer(layer_uri(wc), "disk", "ogr").featureCount() == 3


def test_a_damaged_geopackage_is_refused_not_imported_short(tmp_path):
    """A source GDAL cannot read to its end (one page of its table overwritten): QGIS's reader
    stopped at the damage without a word, so half the list was imported and reported as the
    whole; it is refused, with what to do, and nothing is written."""
    from osgeo import ogr

    from _damaged import damaged_gpkg

    src = damaged_gpkg(tmp_path / "list.gpkg", "offices", 20_000,
                       lambda i: ogr.CreateGeometryFromWkt(
                           f"POINT ({101.2 + (i % 500) * 0.0005} {12.7 + (i // 500) * 0.0005})"),
                       fields=(("name_th", 80),),
                       values=lambda i: {"name_th": f"สำนักงาน {i:06d} " + "ก" * 20})
    target = tmp_path / "wc.gpkg"
    with pytest.raises(SourceError, match=r"list.gpkg could not be read to its end.*"
                                          r"of its 20,000 features.*ไฟล์อาจเสียหาย"):
        import_file(src, str(target))
    assert not target.exists()


def test_a_shapefile_with_a_deleted_record_imports_its_other_records(tmp_path):
    from _damaged import shapefile_with_a_deleted_record

    src = shapefile_with_a_deleted_record(tmp_path)
    import_file(src, str(tmp_path / "wc.gpkg"))
    assert sorted(pins(tmp_path / "wc.gpkg")) == ["office 0", "office 2"]
