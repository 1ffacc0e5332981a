<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="th_TH">
<context>
    <name>CitizenPinsAlgorithm</name>
    <message>
        <location filename="../processing/base.py" line="17" />
        <source>Working copy</source>
        <translation>สำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="18" />
        <source>Validation</source>
        <translation>การตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="19" />
        <source>National registry</source>
        <translation>ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="20" />
        <source>Reports</source>
        <translation>รายงาน</translation>
    </message>
</context>
<context>
    <name>CitizenPinsDock</name>
    <message>
        <location filename="../gui/dock.py" line="82" />
        <source>Citizen Pins {} · DOPA code list {}</source>
        <translation>Citizen Pins {} · รายการรหัสกรมการปกครอง {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="95" />
        <source>No working copy yet. Create a new one, or open an existing GeoPackage.</source>
        <translation>ยังไม่มีสำเนาทำงาน สร้างใหม่ หรือเปิดไฟล์ GeoPackage ที่มีอยู่</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="101" />
        <source>The working copy cannot be opened: {}</source>
        <translation>เปิดสำเนาทำงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="106" />
        <source>{path}
{count} pin(s)</source>
        <translation>{path}
หมุด {count} จุด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="108" />
        <source>province {}</source>
        <translation>จังหวัด{}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="114" />
        <source>No boundary layer chosen. Validation needs a tambon polygon layer.</source>
        <translation>ยังไม่ได้เลือกชั้นข้อมูลขอบเขต การตรวจสอบต้องใช้ชั้นข้อมูลรูปปิดระดับตำบล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="120" />
        <source>In use: {name} ({count} polygons){age}</source>
        <translation>ใช้อยู่: {name} ({count} รูปปิด){age}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="153" />
        <source>Open a working copy</source>
        <translation>เปิดสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="153" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="175" />
        <source>Add a tambon boundary layer</source>
        <translation>เพิ่มชั้นข้อมูลขอบเขตตำบล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="175" />
        <source>Vector files (*.gpkg *.shp *.zip *.geojson);;All files (*)</source>
        <translation>ไฟล์เวกเตอร์ (*.gpkg *.shp *.zip *.geojson);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="189" />
        <source>{} could not be read as a vector layer.</source>
        <translation>อ่าน {} เป็นชั้นข้อมูลเวกเตอร์ไม่ได้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="118" />
        <source>chosen today</source>
        <translation>เลือกวันนี้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="118" />
        <source>chosen {} day(s) ago</source>
        <translation>เลือกเมื่อ {} วันก่อน</translation>
    </message>
</context>
<context>
    <name>CitizenPinsDockBase</name>
    <message>
        <location filename="../../ui/dock.ui" line="9" />
        <source>Citizen Pins</source>
        <translation>Citizen Pins ปักหมุดจุดบริการ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="15" />
        <source>Working copy</source>
        <translation>สำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="19" />
        <source>No working copy yet.</source>
        <translation>ยังไม่มีสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="28" />
        <source>New…</source>
        <translation>สร้างใหม่…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="29" />
        <source>Create an empty service-point layer (GeoPackage) to edit</source>
        <translation>สร้างชั้นข้อมูลจุดให้บริการเปล่า (GeoPackage) เพื่อแก้ไข</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="34" />
        <source>Open…</source>
        <translation>เปิด…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="35" />
        <source>Open an existing working copy and add it to the map</source>
        <translation>เปิดสำเนาทำงานที่มีอยู่และเพิ่มลงในแผนที่</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="45" />
        <source>Boundary layer (tambon)</source>
        <translation>ชั้นข้อมูลขอบเขต (ตำบล)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="49" />
        <source>The tambon polygons that pins are checked against</source>
        <translation>รูปปิดตำบลที่ใช้ตรวจสอบตำแหน่งหมุด</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="54" />
        <source>No boundary layer chosen.</source>
        <translation>ยังไม่ได้เลือกชั้นข้อมูลขอบเขต</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="60" />
        <source>Add boundary file…</source>
        <translation>เพิ่มไฟล์ขอบเขต…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="61" />
        <source>Add a tambon boundary layer from a file (GeoPackage, Shapefile, zip)</source>
        <translation>เพิ่มชั้นข้อมูลขอบเขตตำบลจากไฟล์ (GeoPackage, Shapefile, zip)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="75" />
        <source>citizen_pins</source>
        <translation>citizen_pins</translation>
    </message>
</context>
<context>
    <name>CitizenPinsPlugin</name>
    <message>
        <location filename="../plugin.py" line="71" />
        <source>Citizen Pins panel</source>
        <translation>แผง Citizen Pins</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72" />
        <source>Show or hide the Citizen Pins panel</source>
        <translation>แสดงหรือซ่อนแผง Citizen Pins</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="75" />
        <source>New working copy…</source>
        <translation>สร้างสำเนาทำงานใหม่…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="82" />
        <source>Citizen Pins loaded</source>
        <translation>โหลด Citizen Pins แล้ว</translation>
    </message>
</context>
<context>
    <name>CreateWorkingCopyAlgorithm</name>
    <message>
        <location filename="../processing/create_working_copy.py" line="31" />
        <source>Create working copy</source>
        <translation>สร้างสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="34" />
        <source>Creates an empty service-point layer (GeoPackage, EPSG:4326) in the citizen_pins schema, with its attribute form, ready to edit in QGIS. An existing file is never overwritten. PROVINCE (optional) is the DOPA code of the province the working copy is for, e.g. 21 for Rayong.</source>
        <translation>สร้างชั้นข้อมูลจุดให้บริการเปล่า (GeoPackage, EPSG:4326) ตามโครงสร้างของ citizen_pins พร้อมแบบฟอร์มกรอกข้อมูล พร้อมแก้ไขใน QGIS จะไม่เขียนทับไฟล์ที่มีอยู่แล้ว PROVINCE (ไม่บังคับ) คือรหัสจังหวัดของกรมการปกครองที่สำเนาทำงานนี้ใช้ เช่น 21 คือระยอง</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="41" />
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="41" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="43" />
        <source>Province (DOPA code)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="45" />
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="47" />
        <source>Pins</source>
        <translation>จำนวนหมุด</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="56" />
        <source>Working copy created: {}</source>
        <translation>สร้างสำเนาทำงานแล้ว: {}</translation>
    </message>
</context>
<context>
    <name>ImportPinsAlgorithm</name>
    <message>
        <location filename="../processing/import_pins.py" line="69" />
        <source>Import service points</source>
        <translation>นำเข้าจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="72" />
        <source>Imports a list of service points into the working copy (created when missing, never overwritten): CSV (UTF-8, UTF-8 with BOM or Thai Windows cp874/TIS-620, detected), XLSX/ODS (SHEET picks the sheet), KML/KMZ, GeoPackage, Shapefile, GeoJSON.

Columns are matched to pin fields from their Thai or English headers (ละติจูด, ลองจิจูด, lat, Y, รหัสตำบล, tmcode, ชื่อหน่วยงาน, ...). MAPPING overrides entries, e.g. 'name_th=ชื่อ; lat=Y; lon=X; point_type:=school'; a mapping given once is remembered for files with the same columns. Coordinates may be decimal (dot or comma), degrees-minutes-seconds, Thai numerals, swapped, one 'lat, lon' column or UTM easting/northing (zone column or UTM_ZONE). Tambon/amphoe/province names are resolved to DOPA codes; ambiguous names are reported, not guessed.

Every row is reported as imported, imported with repairs (each listed), refused (with the reason) or skipped (already in the working copy, or not a data row), in the table import_report of the working copy and in a CSV (REPORT). Re-importing does not duplicate pins: rows are matched by SOURCE_KEY (a column such as hoscode), else by name, tambon and distance (MATCH_DISTANCE metres).</source>
        <translation>นำเข้ารายการจุดให้บริการลงในสำเนาทำงาน (สร้างให้เมื่อยังไม่มี และไม่เขียนทับ): CSV (UTF-8, UTF-8 แบบมี BOM หรือภาษาไทยของ Windows cp874/TIS-620 ตรวจหาให้อัตโนมัติ), XLSX/ODS (SHEET เลือกแผ่นงาน), KML/KMZ, GeoPackage, Shapefile, GeoJSON

คอลัมน์จะถูกจับคู่กับฟิลด์ของหมุดจากหัวคอลัมน์ภาษาไทยหรืออังกฤษ (ละติจูด, ลองจิจูด, lat, Y, รหัสตำบล, tmcode, ชื่อหน่วยงาน, ...) MAPPING ใช้กำหนดการจับคู่เอง เช่น 'name_th=ชื่อ; lat=Y; lon=X; point_type:=school' การจับคู่ที่กำหนดครั้งหนึ่งจะถูกจำไว้ใช้กับไฟล์ที่มีคอลัมน์แบบเดียวกัน พิกัดเป็นทศนิยม (จุดหรือจุลภาค) องศา-ลิปดา-ฟิลิปดา เลขไทย สลับกัน คอลัมน์เดียว 'lat, lon' หรือ UTM ตะวันออก/เหนือ (คอลัมน์โซนหรือ UTM_ZONE) ก็ได้ ชื่อตำบล/อำเภอ/จังหวัดจะถูกแปลงเป็นรหัสกรมการปกครอง ชื่อที่กำกวมจะถูกรายงาน ไม่เดา

ทุกแถวจะถูกรายงานว่านำเข้าตามเดิม นำเข้าโดยมีการแก้ไข (แจ้งทุกรายการ) ปฏิเสธ (พร้อมเหตุผล) หรือข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่แถวข้อมูล) ในตาราง import_report ของสำเนาทำงานและในไฟล์ CSV (REPORT) การนำเข้าซ้ำจะไม่ทำให้หมุดซ้ำ: จับคู่แถวด้วย SOURCE_KEY (คอลัมน์เช่น hoscode) หรือด้วยชื่อ ตำบล และระยะห่าง (MATCH_DISTANCE เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="90" />
        <source>List to import</source>
        <translation>รายการที่จะนำเข้า</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="90" />
        <source>Lists (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.kml *.kmz *.gpkg *.shp *.geojson *.json);;All files (*.*)</source>
        <translation>รายการ (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.kml *.kmz *.gpkg *.shp *.geojson *.json);;ทุกไฟล์ (*.*)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="94" />
        <source>Working copy (GeoPackage; created when missing)</source>
        <translation>สำเนาทำงาน (GeoPackage สร้างให้เมื่อยังไม่มี)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="94" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="97" />
        <source>Field mapping (empty: automatic)</source>
        <translation>การจับคู่ฟิลด์ (เว้นว่าง: อัตโนมัติ)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="100" />
        <source>Encoding of a CSV (auto, utf-8, cp874, ...)</source>
        <translation>การเข้ารหัสของ CSV (auto, utf-8, cp874, ...)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="103" />
        <source>Sheet or layer (several separated by ;)</source>
        <translation>แผ่นงานหรือชั้นข้อมูล (หลายรายการคั่นด้วย ;)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="105" />
        <source>Source key column (matches rows across imports)</source>
        <translation>คอลัมน์รหัสต้นทาง (ใช้จับคู่แถวระหว่างการนำเข้าแต่ละครั้ง)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="108" />
        <source>Point type of rows that do not say</source>
        <translation>ประเภทจุดสำหรับแถวที่ไม่ได้ระบุ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="110" />
        <source>UTM zone of easting/northing without a zone column</source>
        <translation>โซน UTM ของพิกัดตะวันออก/เหนือที่ไม่มีคอลัมน์โซน</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="113" />
        <source>Re-import match distance without a source key (m)</source>
        <translation>ระยะจับคู่เมื่อนำเข้าซ้ำโดยไม่มีรหัสต้นทาง (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="117" />
        <source>Province of a new working copy (DOPA code)</source>
        <translation>จังหวัดของสำเนาทำงานใหม่ (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="119" />
        <source>Remember the mapping for files with these columns</source>
        <translation>จำการจับคู่ไว้ใช้กับไฟล์ที่มีคอลัมน์เหล่านี้</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="122" />
        <source>Per-row report (CSV; empty: next to the working copy)</source>
        <translation>รายงานรายแถว (CSV เว้นว่าง: วางไว้ข้างสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="122" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="125" />
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="127" />
        <source>Report table</source>
        <translation>ตารางรายงาน</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="128" />
        <source>Rows imported as they were</source>
        <translation>แถวที่นำเข้าตามเดิม</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="129" />
        <source>Rows imported with repairs</source>
        <translation>แถวที่นำเข้าโดยมีการแก้ไข</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="130" />
        <source>Rows refused</source>
        <translation>แถวที่ปฏิเสธ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="131" />
        <source>Rows skipped (already in the working copy, or not data)</source>
        <translation>แถวที่ข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่ข้อมูล)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="165" />
        <source>Encoding: {}</source>
        <translation>การเข้ารหัส: {}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="168" />
        <source>Mapping {}{}</source>
        <translation>การจับคู่ {}{}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="170" />
        <source>Working copy created: {}</source>
        <translation>สร้างสำเนาทำงานแล้ว: {}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="172" />
        <source>Report: {} (table {} of the working copy)</source>
        <translation>รายงาน: {} (ตาราง {} ของสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="176" />
        <source>{} row(s) refused: see the report for each reason.</source>
        <translation>ปฏิเสธ {} แถว: ดูเหตุผลของแต่ละแถวในรายงาน</translation>
    </message>
</context>
<context>
    <name>PullAlgorithm</name>
    <message>
        <location filename="../processing/pull.py" line="49" />
        <source>Pull pins from the registry</source>
        <translation>ดึงหมุดจากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="52" />
        <source>Downloads every pin of a province from the national registry into a working copy (GeoPackage; created when missing). Pins already in the working copy are updated, new ones added, pins that exist only in the working copy are kept. Each pin keeps its registry version. Reading needs no account; the authentication configuration is used when given.</source>
        <translation>ดาวน์โหลดหมุดทั้งหมดของจังหวัดจากทะเบียนกลางลงในสำเนาทำงาน (GeoPackage สร้างให้เมื่อยังไม่มี) หมุดที่มีอยู่แล้วในสำเนาทำงานจะถูกปรับปรุง หมุดใหม่จะถูกเพิ่ม หมุดที่มีเฉพาะในสำเนาทำงานจะถูกเก็บไว้ หมุดแต่ละจุดจะเก็บรุ่นของทะเบียนกลางไว้ การอ่านไม่ต้องใช้บัญชี ถ้ากำหนดการตั้งค่าการยืนยันตัวตนไว้จะใช้ด้วย</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="67" />
        <source>Registry URL</source>
        <translation>URL ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="69" />
        <source>Authentication configuration</source>
        <translation>การตั้งค่าการยืนยันตัวตน</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="71" />
        <source>Province (DOPA code)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="73" />
        <source>Timeout per request (seconds)</source>
        <translation>เวลารอต่อคำขอ (วินาที)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="76" />
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="76" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="78" />
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="80" />
        <source>Pins received</source>
        <translation>หมุดที่ได้รับ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="81" />
        <source>Pins added</source>
        <translation>หมุดที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="82" />
        <source>Pins updated</source>
        <translation>หมุดที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="95" />
        <source>{0} pins received: {1} added, {2} updated, {3} only in the working copy.</source>
        <translation>ได้รับหมุด {0} จุด: เพิ่ม {1} ปรับปรุง {2} มีเฉพาะในสำเนาทำงาน {3}</translation>
    </message>
</context>
<context>
    <name>ValidateAlgorithm</name>
    <message>
        <location filename="../processing/validate.py" line="103" />
        <source>Validate service points</source>
        <translation>ตรวจสอบจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="106" />
        <source>Checks a service-point layer against a tambon boundary layer and DOPA's code list: geometry, coordinates (swapped, UTM numbers, outside Thailand), codes (malformed, unknown, abolished, not nesting), location against the declared province / amphoe / tambon, required attributes and duplicates. Writes one point per finding with its rule, severity (error blocks publishing, warning asks a person to look), a message in Thai and English, and a fix where one exists.
BOUNDARIES: tambon polygons with a DOPA code (HDX/RTSD ADM3_PCODE such as TH210101, or bare 6-digit codes); the field is detected, or choose it in CODE_FIELD.
TOLERANCE (metres): a pin outside its declared tambon by no more than this is a warning, not an error. The default {} m suits full-resolution boundaries; use about 1000 m with simplified ones (see docs/validation.md).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/validate.py" line="120" />
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="122" />
        <source>Tambon boundaries</source>
        <translation>ขอบเขตตำบล</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="124" />
        <source>Tambon code field (detected if empty)</source>
        <translation>ฟิลด์รหัสตำบล (ตรวจหาให้ถ้าเว้นว่าง)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="127" />
        <source>Tolerance (metres)</source>
        <translation>ระยะผ่อนปรน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="130" />
        <source>Near-duplicate distance (metres)</source>
        <translation>ระยะที่ถือว่าใกล้ซ้ำกัน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="135" />
        <source>Findings</source>
        <translation>ผลการตรวจพบ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="137" />
        <source>Findings per rule (JSON)</source>
        <translation>ผลการตรวจพบแยกตามกฎ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="138" />
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="139" />
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="140" />
        <source>Pins checked</source>
        <translation>หมุดที่ตรวจ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="141" />
        <source>Geometry engine used</source>
        <translation>เครื่องมือเรขาคณิตที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="184" />
        <source>Reading {} pins column-wise (GDAL Arrow)</source>
        <translation>กำลังอ่านหมุด {} จุดแบบคอลัมน์ (GDAL Arrow)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="189" />
        <source>Reprojecting the pins from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดหมุดจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="244" />
        <source>Tambon code field: {}</source>
        <translation>ฟิลด์รหัสตำบล: {}</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="251" />
        <source>Reprojecting the boundaries from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดขอบเขตจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="271" />
        <source>{} boundary feature(s) have no valid tambon code in '{}': pins inside them are reported as 'could not check'.</source>
        <translation>รูปขอบเขต {} รูปไม่มีรหัสตำบลที่ถูกต้องในฟิลด์ '{}': หมุดที่อยู่ในรูปเหล่านั้นจะถูกรายงานว่า 'ตรวจสอบไม่ได้'</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="274" />
        <source>{} pins, {} tambon polygons, engine {}</source>
        <translation>หมุด {} จุด รูปตำบล {} รูป เครื่องมือ {}</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="312" />
        <source>{} errors, {} warnings</source>
        <translation>ข้อผิดพลาด {} รายการ คำเตือน {} รายการ</translation>
    </message>
</context>
</TS>