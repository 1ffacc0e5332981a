<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="th_TH">
<context>
    <name>AccountDialogBase</name>
    <message>
        <location filename="../../ui/account_dialog.ui" line="6" />
        <source>Registry account</source>
        <translation>บัญชีทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.ui" line="10" />
        <source>Your registry username and password are kept in QGIS's authentication database (protected by its master password), never in the plugin's settings. Choose a configuration, or create one with the + button (method: Basic authentication).</source>
        <translation>ชื่อผู้ใช้และรหัสผ่านทะเบียนกลางของคุณเก็บไว้ในฐานข้อมูลการยืนยันตัวตนของ QGIS (ป้องกันด้วยรหัสผ่านหลัก) ไม่เก็บในการตั้งค่าของปลั๊กอิน เลือกการตั้งค่าที่มีอยู่ หรือสร้างใหม่ด้วยปุ่ม + (วิธี: Basic authentication)</translation>
    </message>
</context>
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
    <message>
        <location filename="../processing/validate.py" line="118" />
        <source>Tambon boundaries</source>
        <translation>ขอบเขตตำบล</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="121" />
        <source>Tambon code field (detected if empty)</source>
        <translation>ฟิลด์รหัสตำบล (ตรวจหาให้ถ้าเว้นว่าง)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="129" />
        <source>Tolerance (metres)</source>
        <translation>ระยะผ่อนปรน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="132" />
        <source>Near-duplicate distance (metres)</source>
        <translation>ระยะที่ถือว่าใกล้ซ้ำกัน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="21" />
        <source>Services and Zero Copy</source>
        <translation>งานบริการและ Zero Copy</translation>
    </message>
    <message>
        <location filename="../processing/report_zero_copy.py" line="53" />
        <source>Services (a working copy with services; empty: INPUT's)</source>
        <translation>งานบริการ (สำเนาทำงานที่มีงานบริการ เว้นว่าง: ของ INPUT)</translation>
    </message>
    <message>
        <location filename="../processing/report_zero_copy.py" line="68" />
        <source>SERVICES: {} is not a working copy with services (tables services, service_steps, service_documents).</source>
        <translation>SERVICES: {} ไม่ใช่สำเนาทำงานที่มีงานบริการ (ตาราง services, service_steps, service_documents)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="35" />
        <source>{}: the service-point layer cannot be opened. Give the working copy's pins layer (or its .gpkg file).</source>
        <translation>{}: เปิดชั้นข้อมูลจุดให้บริการไม่ได้ ระบุชั้นข้อมูลหมุดของสำเนาทำงาน (หรือไฟล์ .gpkg ของสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="41" />
        <source>{}: {} is not a working copy (a GeoPackage made by citizen_pins). Services are recorded in the working copy of their service points.</source>
        <translation>{}: {} ไม่ใช่สำเนาทำงาน (GeoPackage ที่สร้างโดย citizen_pins) งานบริการต้องบันทึกในสำเนาทำงานของจุดให้บริการนั้น</translation>
    </message>
</context>
<context>
    <name>CitizenPinsDock</name>
    <message>
        <location filename="../gui/dock.py" line="145" />
        <source>Citizen Pins {} · DOPA code list {}</source>
        <translation>Citizen Pins {} · รายการรหัสกรมการปกครอง {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="158" />
        <source>No working copy yet. Create a new one, or open an existing GeoPackage.</source>
        <translation>ยังไม่มีสำเนาทำงาน สร้างใหม่ หรือเปิดไฟล์ GeoPackage ที่มีอยู่</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="164" />
        <source>The working copy cannot be opened: {}</source>
        <translation>เปิดสำเนาทำงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="169" />
        <source>{path}
{count} pin(s)</source>
        <translation>{path}
หมุด {count} จุด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="171" />
        <source>province {}</source>
        <translation>จังหวัด{}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="177" />
        <source>No boundary layer chosen. Validation needs a tambon polygon layer.</source>
        <translation>ยังไม่ได้เลือกชั้นข้อมูลขอบเขต การตรวจสอบต้องใช้ชั้นข้อมูลรูปปิดระดับตำบล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="183" />
        <source>In use: {name} ({count} polygons){age}</source>
        <translation>ใช้อยู่: {name} ({count} รูปปิด){age}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="216" />
        <source>Open a working copy</source>
        <translation>เปิดสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="216" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="235" />
        <source>Add a tambon boundary layer</source>
        <translation>เพิ่มชั้นข้อมูลขอบเขตตำบล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="235" />
        <source>Vector files (*.gpkg *.shp *.zip *.geojson);;All files (*)</source>
        <translation>ไฟล์เวกเตอร์ (*.gpkg *.shp *.zip *.geojson);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="249" />
        <source>{} could not be read as a vector layer.</source>
        <translation>อ่าน {} เป็นชั้นข้อมูลเวกเตอร์ไม่ได้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="181" />
        <source>chosen today</source>
        <translation>เลือกวันนี้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="181" />
        <source>chosen {} day(s) ago</source>
        <translation>เลือกเมื่อ {} วันก่อน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="97" />
        <source>Add or move pins</source>
        <translation>เพิ่มหรือย้ายหมุด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="99" />
        <source>Click on the map to add a pin (codes from the boundary under the click); drag a pin to move it</source>
        <translation>คลิกบนแผนที่เพื่อเพิ่มหมุด (รหัสมาจากขอบเขตตรงจุดที่คลิก) ลากหมุดเพื่อย้าย</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="303" />
        <source>Account: {}</source>
        <translation>บัญชี: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="305" />
        <source>Account: configuration {} (not checked yet)</source>
        <translation>บัญชี: การตั้งค่า {} (ยังไม่ได้ตรวจสอบ)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="308" />
        <source>No account chosen (reading needs none).</source>
        <translation>ยังไม่ได้เลือกบัญชี (การอ่านไม่ต้องใช้บัญชี)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="333" />
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="348" />
        <source>Citizen Pins: test connection</source>
        <translation>Citizen Pins: ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="429" />
        <source>Save or discard your edits of the working copy before pulling.</source>
        <translation>บันทึกหรือยกเลิกการแก้ไขสำเนาทำงานก่อนดึงข้อมูล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="446" />
        <source>Pulled {} pin(s) of {} into {}</source>
        <translation>ดึงหมุด {} จุดของจังหวัด{} ลงใน {} แล้ว</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="450" />
        <source>The pull failed: {}</source>
        <translation>ดึงข้อมูลไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="454" />
        <source>Citizen Pins: pull province {}</source>
        <translation>Citizen Pins: ดึงข้อมูลจังหวัด {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="462" />
        <source>Save edits?</source>
        <translation>บันทึกการแก้ไข?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="468" />
        <source>The edits could not be saved: {}</source>
        <translation>บันทึกการแก้ไขไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="493" />
        <source>Validating…</source>
        <translation>กำลังตรวจสอบ…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="499" />
        <source>Validation failed: {}</source>
        <translation>ตรวจสอบไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="509" />
        <source>{pins} pin(s) checked: {errors} error(s) block publishing, {warnings} warning(s).</source>
        <translation>ตรวจหมุดแล้ว {pins} จุด: ข้อผิดพลาด {errors} รายการที่ทำให้เผยแพร่ไม่ได้ คำเตือน {warnings} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="514" />
        <source>Citizen Pins: validate</source>
        <translation>Citizen Pins: ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="520" />
        <source>Error</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="520" />
        <source>Warning</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="462" />
        <source>The working copy has unsaved edits. Save them first?</source>
        <translation>สำเนาทำงานมีการแก้ไขที่ยังไม่บันทึก บันทึกก่อนหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="389" />
        <source>Downloading the registry's boundaries…</source>
        <translation>กำลังดาวน์โหลดขอบเขตจากทะเบียนกลาง…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="396" />
        <source>The boundaries could not be downloaded: {}</source>
        <translation>ดาวน์โหลดขอบเขตไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="400" />
        <source>{} tambons from the registry, kept in {}</source>
        <translation>ขอบเขตตำบล {} ตำบลจากทะเบียนกลาง เก็บไว้ที่ {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="404" />
        <source>Citizen Pins: registry boundaries</source>
        <translation>Citizen Pins: ขอบเขตจากทะเบียนกลาง</translation>
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
        <location filename="../../ui/dock.ui" line="51" />
        <source>Boundary layer (tambon)</source>
        <translation>ชั้นข้อมูลขอบเขต (ตำบล)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="55" />
        <source>The tambon polygons that pins are checked against</source>
        <translation>รูปปิดตำบลที่ใช้ตรวจสอบตำแหน่งหมุด</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="60" />
        <source>No boundary layer chosen.</source>
        <translation>ยังไม่ได้เลือกชั้นข้อมูลขอบเขต</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="68" />
        <source>Add boundary file…</source>
        <translation>เพิ่มไฟล์ขอบเขต…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="69" />
        <source>Add a tambon boundary layer from a file (GeoPackage, Shapefile, zip)</source>
        <translation>เพิ่มชั้นข้อมูลขอบเขตตำบลจากไฟล์ (GeoPackage, Shapefile, zip)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="199" />
        <source>citizen_pins</source>
        <translation>citizen_pins</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="85" />
        <source>National registry</source>
        <translation>ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="89" />
        <source>Registry address, e.g. https://registry.example.go.th</source>
        <translation>ที่อยู่ทะเบียนกลาง เช่น https://registry.example.go.th</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="96" />
        <source>No account chosen.</source>
        <translation>ยังไม่ได้เลือกบัญชี</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="102" />
        <source>Account…</source>
        <translation>บัญชี…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="103" />
        <source>Choose or create the QGIS authentication configuration holding your registry username and password</source>
        <translation>เลือกหรือสร้างการตั้งค่าการยืนยันตัวตนของ QGIS ที่เก็บชื่อผู้ใช้และรหัสผ่านทะเบียนกลางของคุณ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="110" />
        <source>Test connection</source>
        <translation>ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="123" />
        <source>The province to pull (your account's provinces first)</source>
        <translation>จังหวัดที่จะดึงข้อมูล (จังหวัดของบัญชีคุณอยู่ก่อน)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="128" />
        <source>Pull</source>
        <translation>ดึงข้อมูล</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="129" />
        <source>Download the province's pins into its working copy</source>
        <translation>ดาวน์โหลดหมุดของจังหวัดลงในสำเนาทำงานของจังหวัดนั้น</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="139" />
        <source>Edit and check</source>
        <translation>แก้ไขและตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="145" />
        <source>Pin tool</source>
        <translation>เครื่องมือปักหมุด</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="151" />
        <source>Validate</source>
        <translation>ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="152" />
        <source>Check the pins against the boundary layer and DOPA's code list</source>
        <translation>ตรวจหมุดกับชั้นข้อมูลขอบเขตและรายการรหัสของกรมการปกครอง</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="184" />
        <source>Not validated yet.</source>
        <translation>ยังไม่ได้ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="157" />
        <source>Publish…</source>
        <translation>เผยแพร่…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="158" />
        <source>Send your changes since the last pull to the national registry (checked first)</source>
        <translation>ส่งการเปลี่ยนแปลงตั้งแต่การดึงข้อมูลครั้งล่าสุดไปยังทะเบียนกลาง (ตรวจสอบก่อนส่ง)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="167" />
        <source>Tolerance</source>
        <translation>ระยะผ่อนปรน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="172" />
        <source>How far outside its declared tambon a pin may lie and only be warned about. Use 100 m with full-resolution boundaries and about 600 m with simplified ones (such as the national simplified layer).</source>
        <translation>ระยะที่หมุดอยู่นอกตำบลที่ระบุได้โดยได้รับเพียงคำเตือน ใช้ 100 เมตรกับขอบเขตความละเอียดเต็ม และประมาณ 600 เมตรกับขอบเขตแบบย่อ (เช่น ชั้นข้อมูลแบบย่อทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="173" />
        <source> m</source>
        <translation> ม.</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="177" />
        <source>default (100 m)</source>
        <translation>ค่าเริ่มต้น (100 ม.)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="74" />
        <source>From the registry</source>
        <translation>จากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="75" />
        <source>Download the registry's tambon boundaries and keep them on this computer (works offline afterwards)</source>
        <translation>ดาวน์โหลดขอบเขตตำบลของทะเบียนกลางเก็บไว้ในเครื่องนี้ (ใช้งานได้แม้ไม่มีเครือข่าย)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="40" />
        <source>Import…</source>
        <translation>นำเข้า…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="41" />
        <source>Import a list (CSV, XLSX, KML, ...) into the working copy for review</source>
        <translation>นำเข้ารายการ (CSV, XLSX, KML, ...) ลงในสำเนาทำงานเพื่อตรวจทาน</translation>
    </message>
</context>
<context>
    <name>CitizenPinsPlugin</name>
    <message>
        <location filename="../plugin.py" line="60" />
        <source>Citizen Pins panel</source>
        <translation>แผง Citizen Pins</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="61" />
        <source>Show or hide the Citizen Pins panel</source>
        <translation>แสดงหรือซ่อนแผง Citizen Pins</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="64" />
        <source>New working copy…</source>
        <translation>สร้างสำเนาทำงานใหม่…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="75" />
        <source>Citizen Pins loaded</source>
        <translation>โหลด Citizen Pins แล้ว</translation>
    </message>
</context>
<context>
    <name>CitizenPinsServices</name>
    <message>
        <location filename="../gui/services_layers.py" line="42" />
        <source>The working copy's services cannot be opened: {}</source>
        <translation>เปิดงานบริการของสำเนาทำงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="47" />
        <source>Working copy upgraded in place to schema {} (services, steps and documents added; nothing else changed): {}</source>
        <translation>ปรับรุ่นสำเนาทำงานเป็นโครงสร้างรุ่น {} แล้ว (เพิ่มตารางงานบริการ ขั้นตอน และเอกสาร ข้อมูลเดิมไม่เปลี่ยนแปลง): {}</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="85" />
        <source>Zero Copy map</source>
        <translation>แผนที่ Zero Copy</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="89" />
        <source>Colour the service points by Zero Copy status (copies of documents still demanded); off: by point type</source>
        <translation>แสดงสีจุดให้บริการตามสถานะ Zero Copy (การยังเรียกสำเนาเอกสาร) ปิด: แสดงตามประเภทจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="97" />
        <source>Open a working copy first: the Zero Copy map colours its service points.</source>
        <translation>เปิดสำเนาทำงานก่อน: แผนที่ Zero Copy แสดงสีจุดให้บริการของสำเนาทำงาน</translation>
    </message>
</context>
<context>
    <name>CompletenessAlgorithm</name>
    <message>
        <location filename="../processing/completeness.py" line="119" />
        <source>Campaign completeness</source>
        <translation>ความครบถ้วนของการปักหมุด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="122" />
        <source>Which expected service points have no pin yet. Expected: either one pin of a point type in every tambon (e.g. every tambon's local government office), or a list of organisations (a table with an id, a name, the DOPA code of the unit each serves and its point type). A pin counts by its declared code, confirmed by its location: 'complete' when it also lies in that unit (or within the tolerance), 'disputed' when it lies elsewhere, 'unchecked' when the boundary layer lacks the unit. Writes the list of expected items with their status, a table per amphoe and province, and tambon, amphoe and province polygons with counts and % complete, ready for a choropleth.</source>
        <translation>จุดให้บริการที่ควรมีแต่ยังไม่มีหมุด สิ่งที่ควรมี: หมุดประเภทหนึ่งในทุกตำบล (เช่น สำนักงานองค์กรปกครองส่วนท้องถิ่นของทุกตำบล) หรือรายชื่อหน่วยงาน (ตารางที่มีรหัส ชื่อ รหัสกรมการปกครองของพื้นที่ที่ให้บริการ และประเภทจุด) หมุดนับตามรหัสที่ระบุและยืนยันด้วยตำแหน่ง: 'ครบ' เมื่ออยู่ในพื้นที่นั้นด้วย (หรือภายในระยะผ่อนปรน) 'โต้แย้ง' เมื่ออยู่ที่อื่น 'ตรวจไม่ได้' เมื่อชั้นข้อมูลขอบเขตไม่มีพื้นที่นั้น ผลลัพธ์คือรายการที่ควรมีพร้อมสถานะ ตารางรายอำเภอและจังหวัด และรูปปิดตำบล อำเภอ จังหวัด พร้อมจำนวนและร้อยละความครบถ้วน พร้อมทำแผนที่แบ่งระดับสี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="133" />
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="137" />
        <source>Expected items and their status</source>
        <translation>รายการที่ต้องมีและสถานะ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="139" />
        <source>Completeness per amphoe and province</source>
        <translation>ความครบถ้วนรายอำเภอและจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="141" />
        <source>Tambons with completeness</source>
        <translation>ตำบลพร้อมความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="143" />
        <source>Amphoes with completeness</source>
        <translation>อำเภอพร้อมความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="145" />
        <source>Provinces with completeness</source>
        <translation>จังหวัดพร้อมความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="147" />
        <source>Expected items</source>
        <translation>รายการที่ต้องมี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="147" />
        <source>Complete</source>
        <translation>ครบ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="147" />
        <source>Without any pin</source>
        <translation>ยังไม่มีหมุด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="147" />
        <source>% complete</source>
        <translation>% ครบ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="152" />
        <source>Totals per status (JSON)</source>
        <translation>ยอดรวมตามสถานะ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="273" />
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="266" />
        <source>Merging tambons into amphoes</source>
        <translation>กำลังรวมตำบลเป็นอำเภอ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="270" />
        <source>Merging tambons into provinces</source>
        <translation>กำลังรวมตำบลเป็นจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="281" />
        <source>ITEMS: the table cannot be created.</source>
        <translation>ITEMS: สร้างตารางไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="289" />
        <source>SUMMARY: the table cannot be created.</source>
        <translation>SUMMARY: สร้างตารางไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="301" />
        <source>{}: the layer cannot be created.</source>
        <translation>{}: สร้างชั้นข้อมูลไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="305" />
        <source>{} expected, {} complete ({} %), {} disputed, {} unchecked, {} without any pin</source>
        <translation>ต้องมี {} ครบ {} ({} %) โต้แย้ง {} ตรวจไม่ได้ {} ยังไม่มีหมุด {}</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="34" />
        <source>Pin</source>
        <translation>หมุด</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="34" />
        <source>Field</source>
        <translation>ฟิลด์</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="34" />
        <source>Base (last pull)</source>
        <translation>ต้นฉบับ (ดึงครั้งล่าสุด)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="34" />
        <source>Theirs (registry)</source>
        <translation>ของทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="34" />
        <source>Mine (working copy)</source>
        <translation>ของฉัน (สำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="34" />
        <source>Keep</source>
        <translation>เก็บค่า</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="51" />
        <source>the pin itself (deleted on one side)</source>
        <translation>ตัวหมุดเอง (ถูกลบด้านใดด้านหนึ่ง)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="65" />
        <source>Decide later</source>
        <translation>ตัดสินใจภายหลัง</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="66" />
        <source>Mine</source>
        <translation>ของฉัน</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="67" />
        <source>Theirs</source>
        <translation>ของทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="71" />
        <source>No conflict to resolve.</source>
        <translation>ไม่มีข้อขัดแย้งที่ต้องแก้</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="71" />
        <source>{} field(s) in conflict on {} pin(s).</source>
        <translation>ฟิลด์ที่ขัดแย้ง {} ฟิลด์ ใน {} หมุด</translation>
    </message>
</context>
<context>
    <name>ConflictsDialogBase</name>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="6" />
        <source>Resolve conflicts</source>
        <translation>แก้ข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="10" />
        <source>Someone changed these fields in the registry while you changed them here. For each field choose which value to keep; the pin is published once all its fields are resolved.</source>
        <translation>มีผู้อื่นแก้ไขฟิลด์เหล่านี้ในทะเบียนกลางขณะที่คุณแก้ไขที่นี่ เลือกค่าที่จะเก็บของแต่ละฟิลด์ หมุดจะถูกเผยแพร่เมื่อแก้ครบทุกฟิลด์แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="37" />
        <source>Apply choices</source>
        <translation>ใช้ตามที่เลือก</translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="40" />
        <source>Close</source>
        <translation>ปิด</translation>
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
    <name>FindingsPanel</name>
    <message>
        <location filename="../gui/findings_panel.py" line="43" />
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="44" />
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="45" />
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="47" />
        <source>Severity</source>
        <translation>ความรุนแรง</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="47" />
        <source>Rule</source>
        <translation>กฎ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="47" />
        <source>Message</source>
        <translation>ข้อความ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="85" />
        <source>All rules</source>
        <translation>ทุกกฎ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="105" />
        <source>Error</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="105" />
        <source>Warning</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="116" />
        <source>No findings: every pin passed every rule.</source>
        <translation>ไม่พบปัญหา: หมุดทุกจุดผ่านทุกกฎ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="118" />
        <source>{errors} error(s) block publishing · {warnings} warning(s) to look at · {shown} shown</source>
        <translation>ข้อผิดพลาด {errors} รายการทำให้เผยแพร่ไม่ได้ · คำเตือน {warnings} รายการควรตรวจดู · แสดง {shown} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="152" />
        <source>Fix: {}</source>
        <translation>แก้ไข: {}</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="155" />
        <source>The fix could not be applied: {}</source>
        <translation>แก้ไขไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="158" />
        <source>Fix applied (undo with Ctrl+Z). Validate again to refresh the findings.</source>
        <translation>แก้ไขแล้ว (ย้อนกลับด้วย Ctrl+Z) ตรวจสอบอีกครั้งเพื่อปรับปรุงผลการตรวจ</translation>
    </message>
</context>
<context>
    <name>FindingsPanelBase</name>
    <message>
        <location filename="../../ui/findings_panel.ui" line="6" />
        <source>Validation findings</source>
        <translation>ผลการตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="11" />
        <source>Not validated yet.</source>
        <translation>ยังไม่ได้ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="18" />
        <source>Severity</source>
        <translation>ความรุนแรง</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="24" />
        <source>Rule</source>
        <translation>กฎ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="46" />
        <source>Double-click a finding to zoom to its pin and select it</source>
        <translation>ดับเบิลคลิกผลการตรวจเพื่อซูมไปที่หมุดและเลือกหมุดนั้น</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="58" />
        <source>Zoom to pin</source>
        <translation>ซูมไปที่หมุด</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="62" />
        <source>Apply fix</source>
        <translation>แก้ไขตามที่เสนอ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="63" />
        <source>Apply the proposed fix to the pin (undo with Ctrl+Z)</source>
        <translation>แก้ไขหมุดตามที่เสนอ (ย้อนกลับด้วย Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="67" />
        <source>Validate again</source>
        <translation>ตรวจสอบอีกครั้ง</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../gui/import_dialog.py" line="40" />
        <source>Field of the pin</source>
        <translation>ฟิลด์ของหมุด</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="40" />
        <source>Column of the file</source>
        <translation>คอลัมน์ของไฟล์</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="63" />
        <source>A list to import</source>
        <translation>รายการที่จะนำเข้า</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="63" />
        <source>Lists (*.csv *.txt *.xlsx *.ods *.kml *.kmz *.gpkg *.shp *.geojson);;All files (*)</source>
        <translation>รายการ (*.csv *.txt *.xlsx *.ods *.kml *.kmz *.gpkg *.shp *.geojson);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="83" />
        <source>Reading {}…</source>
        <translation>กำลังอ่าน {}…</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="94" />
        <source>Citizen Pins: read a list</source>
        <translation>Citizen Pins: อ่านรายการ</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="108" />
        <source>{name}: {columns} columns</source>
        <translation>{name}: {columns} คอลัมน์</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="111" />
        <source>encoding {}</source>
        <translation>การเข้ารหัส {}</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="156" />
        <source>Reading every row…</source>
        <translation>กำลังอ่านทุกแถว…</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="164" />
        <source>Citizen Pins: import</source>
        <translation>Citizen Pins: นำเข้า</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="169" />
        <source>The import could not run: {}</source>
        <translation>นำเข้าไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="176" />
        <source>{added} pin(s) added to the edit buffer for review (undo with Ctrl+Z; save the layer to keep them): {imported} as they were, {repaired} with repairs; {refused} row(s) refused, {skipped} skipped. Report: {report}</source>
        <translation>เพิ่มหมุด {added} จุดลงในบัฟเฟอร์การแก้ไขเพื่อตรวจทาน (ย้อนกลับด้วย Ctrl+Z บันทึกชั้นข้อมูลเพื่อเก็บไว้): ตามเดิม {imported} มีการแก้ไข {repaired} ปฏิเสธ {refused} แถว ข้าม {skipped} แถว รายงาน: {report}</translation>
    </message>
</context>
<context>
    <name>ImportDialogBase</name>
    <message>
        <location filename="../../ui/import_dialog.ui" line="6" />
        <source>Import a list of service points</source>
        <translation>นำเข้ารายการจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="12" />
        <source>CSV, XLSX, KML/KMZ, GeoPackage, Shapefile or GeoJSON</source>
        <translation>CSV, XLSX, KML/KMZ, GeoPackage, Shapefile หรือ GeoJSON</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="16" />
        <source>Browse…</source>
        <translation>เลือกไฟล์…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="23" />
        <source>Encoding</source>
        <translation>การเข้ารหัส</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="28" />
        <source>auto: detected (UTF-8, UTF-8 with BOM, Thai Windows cp874/TIS-620)</source>
        <translation>auto: ตรวจหาให้ (UTF-8, UTF-8 แบบมี BOM, ภาษาไทยของ Windows cp874/TIS-620)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="32" />
        <source>Sheet or layer</source>
        <translation>แผ่นงานหรือชั้นข้อมูล</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="38" />
        <source>Source key</source>
        <translation>รหัสต้นทาง</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="42" />
        <source>A column that identifies a row across imports (e.g. a facility code), so importing again adds no duplicate</source>
        <translation>คอลัมน์ที่ระบุแถวได้ข้ามการนำเข้าแต่ละครั้ง (เช่น รหัสสถานบริการ) เพื่อให้นำเข้าซ้ำแล้วไม่เกิดหมุดซ้ำ</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="49" />
        <source>Choose a file, then check how its columns fill the pin's fields.</source>
        <translation>เลือกไฟล์ แล้วตรวจว่าคอลัมน์ของไฟล์เติมฟิลด์ของหมุดอย่างไร</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="68" />
        <source>Rows refused, with the reason (the report lists every row)</source>
        <translation>แถวที่ปฏิเสธพร้อมเหตุผล (รายงานแสดงทุกแถว)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="81" />
        <source>Import for review</source>
        <translation>นำเข้าเพื่อตรวจทาน</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="82" />
        <source>Add the pins to the working copy's edit buffer: review them on the map, undo if needed, then save</source>
        <translation>เพิ่มหมุดลงในบัฟเฟอร์การแก้ไขของสำเนาทำงาน: ตรวจทานบนแผนที่ ย้อนกลับได้ถ้าจำเป็น แล้วจึงบันทึก</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="86" />
        <source>Close</source>
        <translation>ปิด</translation>
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
    <name>ImportServicesAlgorithm</name>
    <message>
        <location filename="../processing/services/import_services.py" line="71" />
        <source>Import services, steps and documents</source>
        <translation>นำเข้างานบริการ ขั้นตอน และเอกสาร</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="74" />
        <source>Imports the services a service point offers, with their steps and documents (from the agency's citizen manual), into the working copy of PIN_LAYER: an XLSX or CSV with one row per document or per step (Thai or English headers: ชื่องานบริการ, ชื่อเอกสาร, ฉบับจริง, สำเนา, การเรียกสำเนา, ขั้นตอน, ระยะเวลา, ...; the plugin's template resources/services/services_template.xlsx has them all), or a JSON file in the exchange format (docs/services.md).

Each row is matched to its service point by รหัสหมุด (pin_id), or by the point's name and DOPA codes; POINT gives the point of a list that does not say. Every row is reported as imported, imported with repairs (each listed), refused (with the reason) or skipped (already in the working copy, or not data), in the table services_import_report and a CSV (REPORT). Importing the same list again adds nothing. A working copy made before services existed is upgraded in place first.</source>
        <translation>นำเข้างานบริการที่จุดให้บริการเปิดให้บริการ พร้อมขั้นตอนและเอกสาร (ตามคู่มือสำหรับประชาชนของหน่วยงาน) ลงในสำเนาทำงานของ PIN_LAYER: ไฟล์ XLSX หรือ CSV แถวละหนึ่งเอกสารหรือหนึ่งขั้นตอน (หัวคอลัมน์ภาษาไทยหรืออังกฤษ: ชื่องานบริการ, ชื่อเอกสาร, ฉบับจริง, สำเนา, การเรียกสำเนา, ขั้นตอน, ระยะเวลา, ... แบบฟอร์ม resources/services/services_template.xlsx ของปลั๊กอินมีครบทุกคอลัมน์) หรือไฟล์ JSON ตามรูปแบบแลกเปลี่ยน (docs/services.md)

แต่ละแถวจับคู่กับจุดให้บริการด้วยรหัสหมุด (pin_id) หรือด้วยชื่อจุดให้บริการและรหัสกรมการปกครอง POINT ระบุจุดให้บริการของรายการที่ไม่ได้ระบุไว้ ทุกแถวมีผลในรายงาน: นำเข้าตามเดิม นำเข้าโดยมีการแก้ไข (ระบุทุกรายการ) ไม่นำเข้า (พร้อมเหตุผล) หรือข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่ข้อมูล) ในตาราง services_import_report และไฟล์ CSV (REPORT) การนำเข้ารายการเดิมซ้ำจะไม่เพิ่มข้อมูลใด สำเนาทำงานที่สร้างก่อนมีงานบริการจะได้รับการปรับรุ่นก่อน</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="89" />
        <source>List of services (XLSX, CSV or JSON)</source>
        <translation>รายการงานบริการ (XLSX, CSV หรือ JSON)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="89" />
        <source>Service lists (*.xlsx *.xls *.ods *.csv *.txt *.json);;All files (*.*)</source>
        <translation>รายการงานบริการ (*.xlsx *.xls *.ods *.csv *.txt *.json);;ทุกไฟล์ (*.*)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="94" />
        <source>Service points (the working copy's pins layer)</source>
        <translation>จุดให้บริการ (ชั้นข้อมูลหมุดของสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="97" />
        <source>Sheets (several separated by ;; empty: the first)</source>
        <translation>แผ่นงาน (หลายแผ่นคั่นด้วย ; เว้นว่าง: แผ่นแรก)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="100" />
        <source>Column mapping (empty: from the headers)</source>
        <translation>การจับคู่คอลัมน์ (เว้นว่าง: ตามหัวคอลัมน์)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="103" />
        <source>Service point of rows that do not say (pin_id or name)</source>
        <translation>จุดให้บริการของแถวที่ไม่ระบุ (รหัสหมุดหรือชื่อ)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="106" />
        <source>Encoding of a CSV (auto, utf-8, cp874, ...)</source>
        <translation>การเข้ารหัสของไฟล์ CSV (auto, utf-8, cp874, ...)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="109" />
        <source>Per-row report (CSV; empty: next to the working copy)</source>
        <translation>รายงานรายแถว (CSV เว้นว่าง: ไว้ข้างสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="109" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="112" />
        <source>Report table</source>
        <translation>ตารางรายงาน</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="113" />
        <source>Rows imported as they were</source>
        <translation>แถวที่นำเข้าตามเดิม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="114" />
        <source>Rows imported with repairs</source>
        <translation>แถวที่นำเข้าโดยมีการแก้ไข</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="115" />
        <source>Rows refused</source>
        <translation>แถวที่ไม่นำเข้า</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="116" />
        <source>Rows skipped (already in the working copy, or not data)</source>
        <translation>แถวที่ข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่ข้อมูล)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="119" />
        <source>Services added</source>
        <translation>งานบริการที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="120" />
        <source>Steps added</source>
        <translation>ขั้นตอนที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="121" />
        <source>Documents added</source>
        <translation>เอกสารที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="141" />
        <source>The working copy was upgraded in place: services, steps and documents tables added.</source>
        <translation>ปรับรุ่นสำเนาทำงานแล้ว: เพิ่มตารางงานบริการ ขั้นตอน และเอกสาร</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="145" />
        <source>Columns {}{}</source>
        <translation>คอลัมน์ {}{}</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="148" />
        <source>Report: {} (table {} of the working copy)</source>
        <translation>รายงาน: {} (ตาราง {} ในสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="152" />
        <source>{} row(s) refused: see the report for each reason.</source>
        <translation>ไม่นำเข้า {} แถว: ดูเหตุผลของแต่ละแถวในรายงาน</translation>
    </message>
</context>
<context>
    <name>PinTool</name>
    <message>
        <location filename="../gui/pin_tool.py" line="105" />
        <source>Add pin</source>
        <translation>เพิ่มหมุด</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="115" />
        <source>no tambon</source>
        <translation>ไม่อยู่ในตำบลใด</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="117" />
        <source>Update the codes?</source>
        <translation>ปรับรหัสหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="117" />
        <source>The pin moved from {old} to {new}. Update its province, amphoe and tambon codes?</source>
        <translation>หมุดย้ายจาก {old} ไปยัง {new} ปรับรหัสจังหวัด อำเภอ และตำบลของหมุดหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="133" />
        <source>Move pin</source>
        <translation>ย้ายหมุด</translation>
    </message>
</context>
<context>
    <name>PublishAlgorithm</name>
    <message>
        <location filename="../processing/publish.py" line="77" />
        <source>Publish pins to the registry</source>
        <translation>เผยแพร่หมุดไปยังทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="80" />
        <source>Sends the working copy's changes since the last pull (added, changed and deleted pins) to the national registry. The change set is listed first; the pins to send are validated against the tambon boundaries and any error stops the publish before anything is sent. Every change is written to the working copy's journal before it is sent, so a publish cut off by the network, a timeout or a crash is finished by the next publish without sending anything twice. Pins someone else changed in the registry meanwhile are merged field by field; fields changed on both sides become conflicts (table citizen_pins_conflicts) to resolve before they are published. Save your edits first. DRY_RUN only lists the changes.</source>
        <translation>ส่งการเปลี่ยนแปลงของสำเนาทำงานตั้งแต่การดึงข้อมูลครั้งล่าสุด (หมุดที่เพิ่ม แก้ไข และลบ) ไปยังทะเบียนกลาง แสดงรายการเปลี่ยนแปลงก่อน หมุดที่จะส่งจะถูกตรวจกับขอบเขตตำบล และข้อผิดพลาดใด ๆ จะหยุดการเผยแพร่ก่อนส่งข้อมูล ทุกการเปลี่ยนแปลงถูกบันทึกในบันทึกรายการของสำเนาทำงานก่อนส่ง การเผยแพร่ที่ถูกขัดจังหวะด้วยเครือข่าย หมดเวลา หรือโปรแกรมขัดข้อง จะถูกทำต่อให้เสร็จในการเผยแพร่ครั้งถัดไปโดยไม่ส่งซ้ำ หมุดที่ผู้อื่นแก้ไขในทะเบียนกลางระหว่างนั้นจะถูกรวมทีละฟิลด์ ฟิลด์ที่ถูกแก้ทั้งสองด้านจะเป็นข้อขัดแย้ง (ตาราง citizen_pins_conflicts) ที่ต้องแก้ก่อนเผยแพร่ บันทึกการแก้ไขก่อน DRY_RUN แสดงเฉพาะรายการเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="102" />
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="105" />
        <source>Registry URL</source>
        <translation>URL ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="107" />
        <source>Authentication configuration</source>
        <translation>การตั้งค่าการยืนยันตัวตน</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="110" />
        <source>Tambon boundaries (for validation)</source>
        <translation>ขอบเขตตำบล (สำหรับการตรวจสอบ)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="113" />
        <source>Validation tolerance (metres, 0: the validator's default)</source>
        <translation>ระยะผ่อนปรนในการตรวจสอบ (เมตร 0 = ค่าเริ่มต้นของการตรวจ)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="118" />
        <source>Only list the changes (send nothing)</source>
        <translation>แสดงเฉพาะรายการเปลี่ยนแปลง (ไม่ส่งข้อมูล)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="120" />
        <source>Timeout per request (seconds)</source>
        <translation>เวลารอต่อคำขอ (วินาที)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="124" />
        <source>Requests in flight at once</source>
        <translation>จำนวนคำขอที่ส่งพร้อมกัน</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="134" />
        <source>Change set (JSON)</source>
        <translation>รายการเปลี่ยนแปลง (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="135" />
        <source>Summary</source>
        <translation>สรุป</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="141" />
        <source>BOUNDARIES: choose the tambon boundary layer; nothing is published without validation. / เลือกชั้นข้อมูลขอบเขตตำบล (ต้องตรวจสอบข้อมูลก่อนเผยแพร่)</source>
        <translation>BOUNDARIES: เลือกชั้นข้อมูลขอบเขตตำบล (ต้องตรวจสอบข้อมูลก่อนเผยแพร่)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="149" />
        <source>The validation algorithm citizen_pins:validate is not available; nothing was sent.</source>
        <translation>ไม่มีอัลกอริทึมตรวจสอบ citizen_pins:validate ยังไม่ได้ส่งข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="157" />
        <source>Validating the pins to publish...</source>
        <translation>กำลังตรวจหมุดที่จะเผยแพร่...</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="160" />
        <source>Validation could not run; nothing was sent.</source>
        <translation>ตรวจสอบไม่ได้ ยังไม่ได้ส่งข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="191" />
        <source>Changes: {0} added, {1} changed, {2} deleted; {3} pin(s) wait for conflicts to be resolved.</source>
        <translation>การเปลี่ยนแปลง: เพิ่ม {0} แก้ไข {1} ลบ {2} มี {3} หมุดรอแก้ข้อขัดแย้ง</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../gui/publish_dialog.py" line="55" />
        <source>{added} added · {changed} changed · {deleted} deleted</source>
        <translation>เพิ่ม {added} · แก้ไข {changed} · ลบ {deleted}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="57" />
        <source>{} pin(s) wait for conflicts to be resolved</source>
        <translation>มี {} หมุดรอแก้ข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="60" />
        <source>{} change(s) of an interrupted publish to finish</source>
        <translation>มี {} รายการจากการเผยแพร่ที่ถูกขัดจังหวะรอส่งให้เสร็จ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="80" />
        <source>Validating the pins to publish…</source>
        <translation>กำลังตรวจหมุดที่จะเผยแพร่…</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="82" />
        <source>Citizen Pins: check before publishing</source>
        <translation>Citizen Pins: ตรวจก่อนเผยแพร่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="91" />
        <source>Publishing is blocked by {} error(s). Fix them (findings panel), then publish again. Nothing was sent.</source>
        <translation>เผยแพร่ไม่ได้เพราะมีข้อผิดพลาด {} รายการ แก้ไข (แผงผลการตรวจ) แล้วเผยแพร่อีกครั้ง ยังไม่ได้ส่งข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="96" />
        <source>The check failed: {}</source>
        <translation>ตรวจไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="101" />
        <source>Nothing to publish: the working copy equals the registry's state at the last pull.</source>
        <translation>ไม่มีอะไรต้องเผยแพร่: สำเนาทำงานตรงกับทะเบียนกลางเมื่อดึงข้อมูลครั้งล่าสุด</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="105" />
        <source>Validation passed: no error blocks publishing.</source>
        <translation>ผ่านการตรวจสอบ: ไม่มีข้อผิดพลาดที่ทำให้เผยแพร่ไม่ได้</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="113" />
        <source>Publishing…</source>
        <translation>กำลังเผยแพร่…</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="114" />
        <source>Citizen Pins: publish</source>
        <translation>Citizen Pins: เผยแพร่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="128" />
        <source>The publish stopped: {}</source>
        <translation>การเผยแพร่หยุด: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="128" />
        <source>cancelled</source>
        <translation>ยกเลิกแล้ว</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="128" />
        <source>Nothing is lost: what was not confirmed is finished by the next publish.</source>
        <translation>ข้อมูลไม่สูญหาย: รายการที่ยังไม่ได้รับการยืนยันจะถูกส่งให้เสร็จในการเผยแพร่ครั้งถัดไป</translation>
    </message>
</context>
<context>
    <name>PublishDialogBase</name>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="6" />
        <source>Publish to the national registry</source>
        <translation>เผยแพร่ไปยังทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="16" />
        <source>+ added, ~ changed (which fields), - deleted</source>
        <translation>+ เพิ่ม, ~ แก้ไข (ฟิลด์ใด), - ลบ</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="27" />
        <source>Errors that stop the publish: fix them (findings panel) and try again</source>
        <translation>ข้อผิดพลาดที่หยุดการเผยแพร่: แก้ไข (แผงผลการตรวจ) แล้วลองอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="46" />
        <source>Resolve conflicts…</source>
        <translation>แก้ข้อขัดแย้ง…</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="57" />
        <source>Publish</source>
        <translation>เผยแพร่</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="62" />
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="67" />
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>PullAlgorithm</name>
    <message>
        <location filename="../processing/pull.py" line="52" />
        <source>Pull pins from the registry</source>
        <translation>ดึงหมุดจากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="73" />
        <source>Registry URL</source>
        <translation>URL ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="75" />
        <source>Authentication configuration</source>
        <translation>การตั้งค่าการยืนยันตัวตน</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="77" />
        <source>Province (DOPA code)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="79" />
        <source>Timeout per request (seconds)</source>
        <translation>เวลารอต่อคำขอ (วินาที)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="82" />
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="82" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="84" />
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="86" />
        <source>Pins received</source>
        <translation>หมุดที่ได้รับ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="87" />
        <source>Pins added</source>
        <translation>หมุดที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="88" />
        <source>Pins updated</source>
        <translation>หมุดที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="104" />
        <source>{0} pins received: {1} added, {2} updated, {3} only in the working copy.</source>
        <translation>ได้รับหมุด {0} จุด: เพิ่ม {1} ปรับปรุง {2} มีเฉพาะในสำเนาทำงาน {3}</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="55" />
        <source>Downloads every pin of a province from the national registry into a working copy (GeoPackage; created when missing), and keeps the registry's state as the base of the next publish. A later pull brings only what changed since: pins changed only in the registry are updated, pins changed on both sides are merged field by field and fields changed on both sides become conflicts (nothing local is overwritten), pins deleted in the registry and untouched here are removed. Pins that exist only in the working copy are kept. Save your edits first. Reading needs no account; the authentication configuration is used when given.</source>
        <translation>ดาวน์โหลดหมุดทั้งหมดของจังหวัดจากทะเบียนกลางลงในสำเนาทำงาน (GeoPackage สร้างให้เมื่อยังไม่มี) และเก็บสถานะของทะเบียนกลางไว้เป็นต้นฉบับของการเผยแพร่ครั้งถัดไป การดึงครั้งต่อไปจะนำมาเฉพาะสิ่งที่เปลี่ยนไป: หมุดที่เปลี่ยนเฉพาะในทะเบียนกลางจะถูกปรับปรุง หมุดที่เปลี่ยนทั้งสองด้านจะถูกรวมทีละฟิลด์ และฟิลด์ที่เปลี่ยนทั้งสองด้านจะเป็นข้อขัดแย้ง (ไม่เขียนทับข้อมูลในเครื่อง) หมุดที่ถูกลบในทะเบียนกลางและไม่ได้แก้ไขที่นี่จะถูกลบออก หมุดที่มีเฉพาะในสำเนาทำงานจะถูกเก็บไว้ บันทึกการแก้ไขก่อน การอ่านไม่ต้องใช้บัญชี ถ้ากำหนดการตั้งค่าการยืนยันตัวตนไว้จะใช้ด้วย</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="89" />
        <source>Pins removed</source>
        <translation>หมุดที่ถูกลบออก</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="90" />
        <source>Pins with conflicts</source>
        <translation>หมุดที่มีข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="107" />
        <source>{0} merged with local edits, {1} removed (deleted in the registry), {2} with conflicts to resolve.</source>
        <translation>รวมกับการแก้ไขในเครื่อง {0} ถูกลบออก (ลบในทะเบียนกลาง) {1} มีข้อขัดแย้งที่ต้องแก้ {2}</translation>
    </message>
</context>
<context>
    <name>ReportAlgorithm</name>
    <message>
        <location filename="../processing/report.py" line="73" />
        <source>Coordinator report (PDF, HTML, CSV)</source>
        <translation>รายงานสำหรับผู้ประสานงาน (PDF, HTML, CSV)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="90" />
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="93" />
        <source>Province (DOPA code or name; empty: the whole country)</source>
        <translation>จังหวัด (รหัสหรือชื่อ เว้นว่าง = ทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="97" />
        <source>Campaign name (printed in the title)</source>
        <translation>ชื่อโครงการ (พิมพ์ในหัวเรื่อง)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="99" />
        <source>Report date (YYYY-MM-DD; empty: today)</source>
        <translation>วันที่ของรายงาน (ค.ศ. ปปปป-ดด-วว เว้นว่าง = วันนี้)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="103" />
        <source>Rows per table in the PDF (the CSV has all)</source>
        <translation>จำนวนแถวต่อตารางใน PDF (CSV มีครบทุกแถว)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="109" />
        <source>Report folder</source>
        <translation>โฟลเดอร์รายงาน</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="111" />
        <source>PDF report</source>
        <translation>รายงาน PDF</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="112" />
        <source>HTML report</source>
        <translation>รายงาน HTML</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="113" />
        <source>CSV tables</source>
        <translation>ตาราง CSV</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="114" />
        <source>PDF pages</source>
        <translation>จำนวนหน้า PDF</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="124" />
        <source>REPORT_DATE: '{}' is not a date; write it as YYYY-MM-DD (e.g. 2025-06-05), or leave it empty for today.</source>
        <translation>REPORT_DATE: '{}' ไม่ใช่วันที่ เขียนเป็น ปปปป-ดด-วว แบบ ค.ศ. (เช่น 2025-06-05) หรือเว้นว่างเพื่อใช้วันนี้</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="147" />
        <source>INPUT has no pin of province {} ({}): choose the layer with that province's pins, or another PROVINCE.</source>
        <translation>INPUT ไม่มีหมุดของจังหวัด {} ({}): เลือกชั้นข้อมูลที่มีหมุดของจังหวัดนั้น หรือเลือก PROVINCE อื่น</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="155" />
        <source>{} pins in the report</source>
        <translation>หมุดในรายงาน {} จุด</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="300" />
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="185" />
        <source>BOUNDARIES has no tambon of province {}: choose a boundary layer that covers it.</source>
        <translation>BOUNDARIES ไม่มีตำบลของจังหวัด {}: เลือกชั้นข้อมูลขอบเขตที่ครอบคลุมจังหวัดนั้น</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="188" />
        <source>Drawing the map</source>
        <translation>กำลังวาดแผนที่</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="263" />
        <source>Exporting the PDF ({} pages)</source>
        <translation>กำลังส่งออก PDF ({} หน้า)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="287" />
        <source>OUTPUT_FOLDER: the report cannot be written: {}</source>
        <translation>OUTPUT_FOLDER: เขียนรายงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="308" />
        <source>PROVINCE: give one province (a DOPA code such as 21), or leave it empty for the whole country.</source>
        <translation>PROVINCE: ระบุจังหวัดเดียว (รหัสกรมการปกครอง เช่น 21) หรือเว้นว่างสำหรับทั้งประเทศ</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="76" />
        <source>A report on one province (PROVINCE: DOPA code or name) or the whole country (empty): pins validated against the boundaries, findings per amphoe or province and per rule, and completeness of the campaign (what is expected: as in 'Campaign completeness'). Writes report.pdf (a print layout: map of pins and findings over a completeness choropleth, tables, Thai fonts, dates in the Buddhist era), report.html (one self-contained page) and CSV tables into OUTPUT_FOLDER. The boundary attribution is printed under every map.
When the pins' services are known (INPUT is a working copy with services, or SERVICES names one), a Zero Copy section follows: the share of service points that demand no copies per amphoe or province (a choropleth), the documents most often still demanded as copies, and the points with no services recorded.</source>
        <translation>รายงานของจังหวัดหนึ่ง (PROVINCE: รหัสหรือชื่อจังหวัด) หรือทั้งประเทศ (เว้นว่าง): หมุดที่ตรวจกับขอบเขตแล้ว ผลการตรวจรายอำเภอหรือจังหวัดและรายกฎ และความครบถ้วนของการปักหมุด (สิ่งที่ควรมี: เหมือน 'ความครบถ้วนของการปักหมุด') เขียน report.pdf (ผังพิมพ์: แผนที่หมุดและผลการตรวจบนแผนที่ความครบถ้วน ตาราง แบบอักษรไทย วันที่แบบพุทธศักราช) report.html (หน้าเดียวครบในตัว) และตาราง CSV ลงใน OUTPUT_FOLDER พิมพ์ที่มาของข้อมูลขอบเขตไว้ใต้แผนที่ทุกแผ่น
เมื่อทราบงานบริการของหมุด (INPUT เป็นสำเนาทำงานที่มีงานบริการ หรือระบุใน SERVICES) จะมีส่วน Zero Copy ต่อท้าย: สัดส่วนจุดให้บริการที่ไม่เรียกสำเนาเอกสารรายอำเภอหรือรายจังหวัด (แผนที่ระดับสี) เอกสารที่ยังเรียกสำเนาบ่อยที่สุด และจุดให้บริการที่ยังไม่บันทึกงานบริการ</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="223" />
        <source>Zero Copy section: services from {}</source>
        <translation>ส่วน Zero Copy: งานบริการจาก {}</translation>
    </message>
</context>
<context>
    <name>ValidateAlgorithm</name>
    <message>
        <location filename="../processing/validate.py" line="158" />
        <source>Validate service points</source>
        <translation>ตรวจสอบจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="176" />
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="180" />
        <source>Findings</source>
        <translation>ผลการตรวจพบ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="182" />
        <source>Findings per rule (JSON)</source>
        <translation>ผลการตรวจพบแยกตามกฎ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="183" />
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="184" />
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="185" />
        <source>Pins checked</source>
        <translation>หมุดที่ตรวจ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="186" />
        <source>Geometry engine used</source>
        <translation>เครื่องมือเรขาคณิตที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="235" />
        <source>Reading {} pins column-wise (GDAL Arrow)</source>
        <translation>กำลังอ่านหมุด {} จุดแบบคอลัมน์ (GDAL Arrow)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="240" />
        <source>Reprojecting the pins from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดหมุดจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="309" />
        <source>Tambon code field: {}</source>
        <translation>ฟิลด์รหัสตำบล: {}</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="317" />
        <source>Reprojecting the boundaries from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดขอบเขตจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="367" />
        <source>{} boundary feature(s) have no valid tambon code in '{}': pins inside them are reported as 'could not check'.</source>
        <translation>รูปขอบเขต {} รูปไม่มีรหัสตำบลที่ถูกต้องในฟิลด์ '{}': หมุดที่อยู่ในรูปเหล่านั้นจะถูกรายงานว่า 'ตรวจสอบไม่ได้'</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="370" />
        <source>{} pins, {} tambon polygons, engine {}</source>
        <translation>หมุด {} จุด รูปตำบล {} รูป เครื่องมือ {}</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="410" />
        <source>{} errors, {} warnings</source>
        <translation>ข้อผิดพลาด {} รายการ คำเตือน {} รายการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="161" />
        <source>Checks a service-point layer against a tambon boundary layer and DOPA's code list: geometry, coordinates (swapped, UTM numbers, outside Thailand), codes (malformed, unknown, abolished, not nesting), location against the declared province / amphoe / tambon, required attributes and duplicates. Writes one point per finding with its rule, severity (error blocks publishing, warning asks a person to look), a message in Thai and English, and a fix where one exists.
BOUNDARIES: tambon polygons with a DOPA code (HDX/RTSD ADM3_PCODE such as TH210101, or bare 6-digit codes); the field is detected, or choose it in CODE_FIELD.
TOLERANCE (metres): a pin outside its declared tambon by no more than this is a warning, not an error. The default {} m suits full-resolution boundaries; use 600 m (the measured P99 of simplified outlines against full resolution) with simplified ones (see docs/validation.md).</source>
        <translation>ตรวจชั้นข้อมูลจุดให้บริการกับชั้นข้อมูลขอบเขตตำบลและรายการรหัสของกรมการปกครอง: รูปเรขาคณิต พิกัด (สลับกัน ตัวเลข UTM อยู่นอกประเทศไทย) รหัส (ผิดรูปแบบ ไม่มีในบัญชี ถูกยกเลิก ไม่ซ้อนกันตามลำดับชั้น) ตำแหน่งเทียบกับจังหวัด / อำเภอ / ตำบลที่ระบุ ฟิลด์ที่ต้องกรอก และหมุดซ้ำ เขียนจุดหนึ่งจุดต่อผลการตรวจหนึ่งรายการ พร้อมกฎ ความรุนแรง (ข้อผิดพลาดทำให้เผยแพร่ไม่ได้ คำเตือนให้คนตรวจดู) ข้อความภาษาไทยและอังกฤษ และวิธีแก้ถ้ามี
BOUNDARIES: รูปปิดตำบลที่มีรหัสกรมการปกครอง (ADM3_PCODE ของ HDX/RTSD เช่น TH210101 หรือรหัส 6 หลัก) ตรวจหาฟิลด์ให้อัตโนมัติ หรือเลือกใน CODE_FIELD
TOLERANCE (เมตร): หมุดที่อยู่นอกตำบลที่ระบุไม่เกินระยะนี้จะได้รับคำเตือน ไม่ใช่ข้อผิดพลาด ค่าเริ่มต้น {} เมตรเหมาะกับขอบเขตความละเอียดเต็ม ใช้ 600 เมตร (ค่า P99 ที่วัดได้ของขอบเขตแบบย่อเทียบกับความละเอียดเต็ม) กับขอบเขตแบบย่อ (ดู docs/validation.md)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="187" />
        <source>Check the working copy's services, steps and documents too</source>
        <translation>ตรวจงานบริการ ขั้นตอน และเอกสารของสำเนาทำงานด้วย</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="344" />
        <source>Services of the working copy: {} services, {} steps, {} documents</source>
        <translation>งานบริการของสำเนาทำงาน: งานบริการ {} รายการ ขั้นตอน {} รายการ เอกสาร {} รายการ</translation>
    </message>
</context>
<context>
    <name>ValidateBatchAlgorithm</name>
    <message>
        <location filename="../processing/validate_batch.py" line="74" />
        <source>Validate many layers (national batch)</source>
        <translation>ตรวจหลายชั้นข้อมูลพร้อมกัน (ทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="77" />
        <source>Validates several service-point layers (one per province, or one national layer) in one run, with every rule of 'Validate service points' and one boundary index. Writes one findings layer (with the layer and province of each finding) and a summary table with one row per province: pins, pins with errors, pins with warnings only, errors, warnings and the count of each rule. A pin is counted under the province it declares; a pin without a usable code under the province it lies in.</source>
        <translation>ตรวจชั้นข้อมูลจุดให้บริการหลายชั้น (จังหวัดละชั้น หรือชั้นเดียวทั้งประเทศ) ในครั้งเดียว ด้วยทุกกฎของ 'ตรวจสอบจุดให้บริการ' และดัชนีขอบเขตชุดเดียว เขียนชั้นข้อมูลผลการตรวจหนึ่งชั้น (ระบุชั้นข้อมูลและจังหวัดของแต่ละรายการ) และตารางสรุปจังหวัดละหนึ่งแถว: จำนวนหมุด หมุดที่มีข้อผิดพลาด หมุดที่มีเพียงคำเตือน ข้อผิดพลาด คำเตือน และจำนวนตามแต่ละกฎ หมุดนับตามจังหวัดที่ระบุ หมุดที่ไม่มีรหัสที่ใช้ได้นับตามจังหวัดที่ตั้งอยู่</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="86" />
        <source>Service-point layers</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="90" />
        <source>Findings</source>
        <translation>ผลการตรวจพบ</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="92" />
        <source>Summary per province</source>
        <translation>สรุปรายจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="94" />
        <source>Findings per rule (JSON)</source>
        <translation>ผลการตรวจพบแยกตามกฎ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="95" />
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="96" />
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="97" />
        <source>Pins checked</source>
        <translation>หมุดที่ตรวจ</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="98" />
        <source>Layers read</source>
        <translation>จำนวนชั้นข้อมูลที่อ่าน</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="99" />
        <source>Provinces</source>
        <translation>จำนวนจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="100" />
        <source>Geometry engine used</source>
        <translation>เครื่องมือเรขาคณิตที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="113" />
        <source>INPUTS: no layer given. Choose the service-point layers to validate (one per province, or one national layer).</source>
        <translation>INPUTS: ยังไม่ได้เลือกชั้นข้อมูล เลือกชั้นข้อมูลจุดให้บริการที่จะตรวจ (จังหวัดละชั้น หรือชั้นเดียวทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="144" />
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="123" />
        <source>Reading layer {} of {}: {}</source>
        <translation>กำลังอ่านชั้นข้อมูลที่ {} จาก {}: {}</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="126" />
        <source>INPUTS layer '{}'</source>
        <translation>ชั้นข้อมูล INPUTS '{}'</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="133" />
        <source>{} pins from {} layer(s), {} tambon polygons, engine {}</source>
        <translation>หมุด {} จุดจาก {} ชั้นข้อมูล รูปตำบล {} รูป เครื่องมือ {}</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="164" />
        <source>OUTPUT: the findings layer cannot be created.</source>
        <translation>OUTPUT: สร้างชั้นข้อมูลผลการตรวจไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="169" />
        <source>SUMMARY: the summary table cannot be created.</source>
        <translation>SUMMARY: สร้างตารางสรุปไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="196" />
        <source>{} provinces, {} errors, {} warnings</source>
        <translation>{} จังหวัด ข้อผิดพลาด {} รายการ คำเตือน {} รายการ</translation>
    </message>
</context>
<context>
    <name>alg</name>
    <message>
        <location filename="../processing/common.py" line="109" />
        <source>PROVINCES: '{}' is not a province: give DOPA province codes such as 21 (Rayong) or 10 (Bangkok), separated by commas, or leave it empty.</source>
        <translation>PROVINCES: '{}' ไม่ใช่จังหวัด ระบุรหัสจังหวัดของกรมการปกครอง เช่น 21 (ระยอง) หรือ 10 (กรุงเทพมหานคร) คั่นด้วยจุลภาค หรือเว้นว่าง</translation>
    </message>
    <message>
        <location filename="../processing/common.py" line="178" />
        <source>{}: writing failed: {}</source>
        <translation>{}: เขียนไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="157" />
        <source>What is expected</source>
        <translation>สิ่งที่คาดว่าต้องมี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="157" />
        <source>One pin of the point type in every tambon</source>
        <translation>หมุดประเภทนี้ตำบลละหนึ่งหมุด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="157" />
        <source>The organisations of the expected list</source>
        <translation>หน่วยงานตามรายชื่อที่กำหนด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="161" />
        <source>Point type expected in every tambon</source>
        <translation>ประเภทจุดที่ทุกตำบลต้องมี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="164" />
        <source>Expected organisations (table: id, name, DOPA code, point type)</source>
        <translation>รายชื่อหน่วยงานที่ต้องมี (ตาราง: รหัส ชื่อ รหัสกรมการปกครอง ประเภทจุด)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="167" />
        <source>Organisation id field</source>
        <translation>ฟิลด์รหัสหน่วยงาน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="167" />
        <source>Organisation name field</source>
        <translation>ฟิลด์ชื่อหน่วยงาน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="167" />
        <source>DOPA code field</source>
        <translation>ฟิลด์รหัสกรมการปกครอง</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="167" />
        <source>Point type field</source>
        <translation>ฟิลด์ประเภทจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="174" />
        <source>Provinces (DOPA codes, comma-separated; empty: all the boundary layer covers)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง คั่นด้วยจุลภาค เว้นว่าง = ทุกจังหวัดที่ชั้นข้อมูลขอบเขตครอบคลุม)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="177" />
        <source>Tolerance (metres)</source>
        <translation>ระยะผ่อนปรน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="190" />
        <source>EXPECTED: 'What is expected' is the list of organisations, but no list was given. Give a table with an id, a name, a DOPA code and a point type per organisation.</source>
        <translation>EXPECTED: เลือก 'สิ่งที่คาดว่าต้องมี' เป็นรายชื่อหน่วยงาน แต่ไม่ได้ให้รายชื่อ ให้ตารางที่มีรหัส ชื่อ รหัสกรมการปกครอง และประเภทจุดของแต่ละหน่วยงาน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="201" />
        <source>{}: the expected list has no field '{}'.</source>
        <translation>{}: รายชื่อที่ต้องมีไม่มีฟิลด์ '{}'</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="204" />
        <source>EXPECTED: no DOPA code field found (looked for {}). Choose it in EXPECTED_CODE_FIELD.</source>
        <translation>EXPECTED: ไม่พบฟิลด์รหัสกรมการปกครอง (ค้นหา {}) เลือกใน EXPECTED_CODE_FIELD</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="224" />
        <source>EXPECTED: {}. Correct the list and run again.</source>
        <translation>EXPECTED: {} แก้รายชื่อแล้วลองใหม่</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="243" />
        <source>PROVINCES: the boundary layer covers none of {}. Choose a boundary layer that covers them.</source>
        <translation>PROVINCES: ชั้นข้อมูลขอบเขตไม่ครอบคลุม {} เลือกชั้นข้อมูลขอบเขตที่ครอบคลุม</translation>
    </message>
</context>
</TS>