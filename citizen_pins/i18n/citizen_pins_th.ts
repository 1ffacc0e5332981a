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
</TS>