#!/usr/bin/env python3
"""Write the files the plugin ships for recording services (`make services-files`):

* ``citizen_pins/resources/services/services_template.xlsx`` -- the fill-in template: a sheet of
  services, one of steps, one of documents (Thai headers, the import's own; drop-down lists for
  closed values) and a sheet explaining every column;
* ``citizen_pins/resources/services/sample_district_office.xlsx`` -- a SAMPLE in the same layout:
  five services of a Bangkok district office (สำนักงานเขต: ID card, house registration, birth
  registration, building permit, commercial registration) with steps and documents as their
  citizen manuals describe them, written from public knowledge; clearly labelled as a sample;
* ``citizen_pins/resources/services/sample_birth_registration.json`` -- one of them in the JSON
  exchange format.

Headers come from core/importer/services.py (TEMPLATE_HEADERS), allowed values from
core/schema.py: the template always matches what the import reads.  Needs openpyxl (a
development dependency; the plugin itself only reads these files, through OGR).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from citizen_pins.core import schema  # noqa: E402
from citizen_pins.core.importer.services import TEMPLATE_HEADERS as H  # noqa: E402
from citizen_pins.core.services import FORMAT  # noqa: E402

OUT = REPO / "citizen_pins" / "resources" / "services"
POINT = ["pin_id", "point_name", "province_code", "amphoe_code", "tambon_code"]
SHEETS = (
    ("งานบริการ", POINT + ["service_name", "service_name_en", "agency", "manual_url",
                           "legal_basis", "channel", "fee_kind", "fee_amount", "fee_amount_max",
                           "time_limit", "time_limit_unit", "active"]),
    ("ขั้นตอน", POINT + ["service_name", "step_order", "step_title", "step_detail", "duration",
                        "duration_unit", "responsible_unit"]),
    ("เอกสาร", POINT + ["service_name", "document_name", "issuing_agency", "originals", "copies",
                       "copy_status", "exempt_reason", "document_note"]),
)
#: Drop-down lists (the import also reads the schema's keys and English labels).
LISTS = {
    "channel": [c.label_th for c in schema.CHANNELS],
    "fee_kind": ["ไม่มีค่าธรรมเนียม", "อัตราเดียว", "เป็นช่วง", "เริ่มต้นที่"],
    "time_limit_unit": [c.label_th for c in schema.TIME_UNITS],
    "duration_unit": [c.label_th for c in schema.TIME_UNITS],
    "copy_status": ["ไม่เรียกสำเนา", "เรียกสำเนา", "ยกเว้น"],
    "active": ["ใช่", "ไม่ใช่"],
}
EXPLAIN = {
    "pin_id": "รหัสหมุดของจุดให้บริการ (ถ้ามี) / the point's pin_id, if known",
    "point_name": "ชื่อจุดให้บริการตามที่ปักหมุดไว้ (ใช้เมื่อไม่มีรหัสหมุด) / the point's name as pinned",
    "province_code": "รหัสจังหวัด 2 หลัก (ช่วยแยกจุดที่ชื่อซ้ำ) / DOPA province code",
    "amphoe_code": "รหัสอำเภอ 4 หลัก / DOPA amphoe code",
    "tambon_code": "รหัสตำบล 6 หลัก / DOPA tambon code",
    "service_name": "ชื่องานบริการตามคู่มือสำหรับประชาชน (ต้องกรอก) / as in the citizen manual (required)",
    "service_name_en": "ชื่อภาษาอังกฤษ / English name",
    "agency": "หน่วยงานผู้รับผิดชอบ / responsible agency",
    "manual_url": "ลิงก์คู่มือ เช่น https://www.info.go.th/... / the manual's web address",
    "legal_basis": "กฎหมายที่ให้อำนาจ / legal basis",
    "channel": "ที่สำนักงาน / ออนไลน์ / ที่สำนักงานและออนไลน์",
    "fee_kind": "ไม่มีค่าธรรมเนียม / อัตราเดียว / เป็นช่วง / เริ่มต้นที่ (หรือเขียน เช่น 50 บาท)",
    "fee_amount": "จำนวนเงิน (บาท): อัตราเดียว ค่าต่ำสุดของช่วง หรือค่าเริ่มต้น / amount in baht",
    "fee_amount_max": "ค่าสูงสุดของช่วง (บาท) / upper amount of a range",
    "time_limit": "ระยะเวลาดำเนินการรวมตามคู่มือ (ตัวเลข หรือ เช่น 45 วัน) / legal time limit",
    "time_limit_unit": "นาที / ชั่วโมง / วันทำการ",
    "active": "ใช่ / ไม่ใช่ (ว่าง = ใช่) / still offered",
    "step_order": "ลำดับที่ของขั้นตอน / step number",
    "step_title": "ชื่อขั้นตอน (ต้องกรอก) / step (required)",
    "step_detail": "รายละเอียด / detail",
    "duration": "ระยะเวลาของขั้นตอน (ตัวเลข หรือ เช่น 15 นาที) / duration",
    "duration_unit": "นาที / ชั่วโมง / วันทำการ",
    "responsible_unit": "ส่วนงานที่รับผิดชอบ / responsible unit",
    "document_name": "ชื่อเอกสาร (ต้องกรอก) / document (required)",
    "issuing_agency": "หน่วยงานผู้ออกเอกสาร / issuing agency",
    "originals": "จำนวนฉบับจริง / originals",
    "copies": "จำนวนสำเนาที่เรียกจากประชาชน (0 ถ้าไม่เรียก) / copies demanded",
    "copy_status": "ไม่เรียกสำเนา / เรียกสำเนา / ยกเว้น (ว่าง: ตามจำนวนสำเนา)",
    "exempt_reason": "เหตุผลทางกฎหมายที่ยังต้องใช้สำเนา (เมื่อยกเว้น) / legal reason when exempt",
    "document_note": "หมายเหตุ / note",
}

# -- the sample --------------------------------------------------------------------------------
SAMPLE_NOTE = ("ข้อมูลตัวอย่าง (SAMPLE) — เขียนจากความรู้ทั่วไปเกี่ยวกับคู่มือสำหรับประชาชนของงานทะเบียนราษฎร "
               "บัตรประจำตัวประชาชน ควบคุมอาคาร และทะเบียนพาณิชย์ของสำนักงานเขต ไม่ใช่ข้อมูลทางการ: "
               "ตรวจสอบกับคู่มือฉบับปัจจุบันของหน่วยงานก่อนใช้งาน / A sample written from public "
               "knowledge of these manuals, not official data: check each office's current manual.")
OFFICE = {"point_name": "สำนักงานเขตจตุจักร", "province_code": "10", "amphoe_code": "1030"}
DOPA_REG = "ฝ่ายทะเบียน สำนักงานเขตจตุจักร"
PORTAL = "https://www.info.go.th/"
SAMPLE = [
    {"service_name": "การขอมีบัตรประจำตัวประชาชน กรณีบัตรเดิมหมดอายุ",
     "service_name_en": "Renewing an expired ID card", "agency": DOPA_REG, "manual_url": PORTAL,
     "legal_basis": "พระราชบัญญัติบัตรประจำตัวประชาชน พ.ศ. 2526 และที่แก้ไขเพิ่มเติม",
     "channel": "ที่สำนักงาน", "fee_kind": "ไม่มีค่าธรรมเนียม", "time_limit": 60,
     "time_limit_unit": "นาที", "active": "ใช่",
     "steps": [("ยื่นคำขอและตรวจสอบหลักฐาน", "เจ้าหน้าที่ตรวจสอบบัตรเดิมกับฐานข้อมูลทะเบียนราษฎร", 10),
               ("ตรวจสอบข้อมูล พิสูจน์ตัวบุคคล ถ่ายภาพ และเก็บลายพิมพ์นิ้วมือ", "", 40),
               ("เจ้าพนักงานออกบัตรอนุมัติ และมอบบัตร", "", 10)],
     "documents": [("บัตรประจำตัวประชาชนใบเดิม", "กรมการปกครอง", 1, 0, "ไม่เรียกสำเนา", "", "")]},
    {"service_name": "การแจ้งย้ายที่อยู่ (ย้ายเข้า)",
     "service_name_en": "Registering a move into a house", "agency": DOPA_REG,
     "manual_url": PORTAL,
     "legal_basis": "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534 และที่แก้ไขเพิ่มเติม",
     "channel": "ที่สำนักงาน", "fee_kind": "ไม่มีค่าธรรมเนียม", "time_limit": 30,
     "time_limit_unit": "นาที", "active": "ใช่",
     "steps": [("ยื่นคำขอและตรวจสอบหลักฐาน", "", 10),
               ("ตรวจสอบข้อมูลและบันทึกรายการย้ายเข้าในทะเบียนบ้าน", "", 15),
               ("นายทะเบียนลงนาม", "", 5)],
     "documents": [
         ("บัตรประจำตัวประชาชนของผู้แจ้ง", "กรมการปกครอง", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("ทะเบียนบ้านฉบับเจ้าบ้าน (ท.ร.14) ที่จะย้ายเข้า", "กรมการปกครอง", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("หนังสือยินยอมให้ย้ายเข้าของเจ้าบ้าน", "", 1, 0, "ไม่เรียกสำเนา", "",
          "กรณีเจ้าบ้านไม่ได้มาด้วยตนเอง"),
         ("สำเนาบัตรประจำตัวประชาชนของเจ้าบ้าน", "กรมการปกครอง", 0, 1, "เรียกสำเนา", "",
          "แนบกับหนังสือยินยอม (ตัวอย่างการเรียกสำเนาที่ยังพบ)")]},
    {"service_name": "การแจ้งเกิด", "service_name_en": "Birth registration", "agency": DOPA_REG,
     "manual_url": PORTAL,
     "legal_basis": "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534 มาตรา 18 (แจ้งภายใน 15 วันนับแต่วันเกิด)",
     "channel": "ที่สำนักงาน", "fee_kind": "ไม่มีค่าธรรมเนียม", "time_limit": 15,
     "time_limit_unit": "นาที", "active": "ใช่",
     "steps": [("ยื่นหนังสือรับรองการเกิดและตรวจสอบหลักฐาน", "", 5),
               ("บันทึกข้อมูลและจัดทำสูติบัตร (ท.ร.1 ตอนหน้า)", "", 5),
               ("นายทะเบียนลงนามในสูติบัตรและเพิ่มชื่อเด็กในทะเบียนบ้าน", "", 5)],
     "documents": [
         ("หนังสือรับรองการเกิด (ท.ร.1/1)", "สถานพยาบาลที่เด็กเกิด", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("บัตรประจำตัวประชาชนของผู้แจ้ง", "กรมการปกครอง", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("บัตรประจำตัวประชาชนของบิดาและมารดา", "กรมการปกครอง", 2, 0, "ไม่เรียกสำเนา", "", ""),
         ("ทะเบียนบ้านฉบับเจ้าบ้าน (ท.ร.14) ที่จะเพิ่มชื่อเด็ก", "กรมการปกครอง", 1, 0, "ไม่เรียกสำเนา",
          "", "")]},
    {"service_name": "การขออนุญาตก่อสร้างอาคาร ตามมาตรา 21",
     "service_name_en": "Building permit (section 21)",
     "agency": "ฝ่ายโยธา สำนักงานเขตจตุจักร", "manual_url": PORTAL,
     "legal_basis": "พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 มาตรา 21 และมาตรา 25 (พิจารณาภายใน 45 วัน)",
     "channel": "ที่สำนักงาน", "fee_kind": "เริ่มต้นที่", "fee_amount": 20, "time_limit": 45,
     "time_limit_unit": "วันทำการ", "active": "ใช่",
     "steps": [("ยื่นคำขอ (แบบ ข.1) และตรวจสอบเอกสาร", "", 1, "วันทำการ"),
               ("ตรวจพิจารณาแบบแปลน ผังบริเวณ และตรวจสถานที่", "", 40, "วันทำการ"),
               ("เจ้าพนักงานท้องถิ่นพิจารณาลงนามและแจ้งผล", "", 4, "วันทำการ")],
     "documents": [
         ("แบบคำขออนุญาตก่อสร้างอาคาร (แบบ ข.1)", "", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("แผนผังบริเวณ แบบแปลน และรายการประกอบแบบแปลน", "ผู้ออกแบบ", 5, 0, "ไม่เรียกสำเนา", "",
          "5 ชุด"),
         ("รายการคำนวณโครงสร้าง", "วิศวกรผู้คำนวณ", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("สำเนาโฉนดที่ดินหรือเอกสารสิทธิ์", "กรมที่ดิน", 0, 1, "เรียกสำเนา", "",
          "เจ้าของที่ดินลงนามรับรองทุกหน้า"),
         ("สำเนาใบอนุญาตประกอบวิชาชีพสถาปัตยกรรมควบคุมและวิศวกรรมควบคุม", "สภาสถาปนิก / สภาวิศวกร",
          0, 1, "เรียกสำเนา", "", ""),
         ("สำเนาบัตรประจำตัวประชาชนของเจ้าของอาคาร", "กรมการปกครอง", 0, 1, "เรียกสำเนา", "", ""),
         ("หนังสือมอบอำนาจพร้อมสำเนาบัตรประจำตัวประชาชนของผู้มอบอำนาจ", "", 1, 1, "ยกเว้น",
          "ผู้มอบอำนาจไม่ได้มาแสดงตน: สำเนาบัตรแนบหนังสือมอบอำนาจเป็นหลักฐานการมอบอำนาจ (ตัวอย่างข้อยกเว้น)",
          "เฉพาะกรณีมอบอำนาจ")]},
    {"service_name": "การจดทะเบียนพาณิชย์ (ตั้งใหม่) บุคคลธรรมดา",
     "service_name_en": "Commercial registration (new, individual)",
     "agency": "ฝ่ายปกครอง สำนักงานเขตจตุจักร (นายทะเบียนพาณิชย์)", "manual_url": PORTAL,
     "legal_basis": "พระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499",
     "channel": "ที่สำนักงานและออนไลน์", "fee_kind": "อัตราเดียว", "fee_amount": 50,
     "time_limit": 60, "time_limit_unit": "นาที", "active": "ใช่",
     "steps": [("ยื่นคำขอจดทะเบียน (แบบ ทพ.) และตรวจสอบเอกสาร", "", 20),
               ("นายทะเบียนพาณิชย์พิจารณา", "", 30),
               ("ลงนามในใบทะเบียนพาณิชย์และชำระค่าธรรมเนียม", "", 10)],
     "documents": [
         ("แบบคำขอจดทะเบียนพาณิชย์ (แบบ ทพ.)", "", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("บัตรประจำตัวประชาชนของผู้ประกอบพาณิชยกิจ", "กรมการปกครอง", 1, 0, "ไม่เรียกสำเนา", "", ""),
         ("สำเนาทะเบียนบ้านที่ตั้งสำนักงานแห่งใหญ่", "กรมการปกครอง", 0, 1, "เรียกสำเนา", "",
          "ตัวอย่างการเรียกสำเนาที่ยังพบ"),
         ("หนังสือให้ความยินยอมให้ใช้สถานที่ตั้งสำนักงานแห่งใหญ่", "", 1, 0, "ไม่เรียกสำเนา", "",
          "กรณีผู้ประกอบการไม่ได้เป็นเจ้าบ้าน"),
         ("แผนที่แสดงที่ตั้งสำนักงานแห่งใหญ่", "", 1, 0, "ไม่เรียกสำเนา", "", "")]},
]


def sample_rows():
    """(sheet, [row values per target]) of the sample, in the template's layout."""
    point = [None, OFFICE["point_name"], OFFICE["province_code"], OFFICE["amphoe_code"], None]
    out = {name: [] for name, _ in SHEETS}
    for s in SAMPLE:
        out["งานบริการ"].append(point + [s.get(t) for t in SHEETS[0][1][5:]])
        for k, step in enumerate(s["steps"], start=1):
            title, detail, duration = step[:3]
            unit = step[3] if len(step) > 3 else "นาที"
            out["ขั้นตอน"].append(point + [s["service_name"], k, title, detail or None, duration,
                                         unit, s["agency"]])
        for name, issuer, originals, copies, status, reason, note in s["documents"]:
            out["เอกสาร"].append(point + [s["service_name"], name, issuer or None, originals,
                                        copies, status, reason or None, note or None])
    return out


def write_workbook(path: Path, title: str, rows=None, note: str = "") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    for name, targets in SHEETS:
        ws = wb.create_sheet(name)
        ws.append([f"{title} — {name}" + (f" · {note}" if note else "")])
        ws["A1"].font = Font(bold=True, size=12, color="1F4E79" if not note else "C00000")
        ws.append([H[t] for t in targets])
        for k, cell in enumerate(ws[2], start=1):
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(k)].width = 14 if targets[k - 1] in (
                "pin_id", "province_code", "amphoe_code", "tambon_code", "originals", "copies",
                "step_order", "duration", "duration_unit", "fee_amount", "fee_amount_max",
                "time_limit", "time_limit_unit", "active") else 30
        ws.freeze_panes = "A3"
        for r in (rows or {}).get(name, []):
            ws.append(r)
        for k, t in enumerate(targets, start=1):
            if t in LISTS:
                dv = DataValidation(type="list", formula1='"' + ",".join(LISTS[t]) + '"',
                                    allow_blank=True)
                col = get_column_letter(k)
                dv.add(f"{col}3:{col}2000")
                ws.add_data_validation(dv)
    ws = wb.create_sheet("คำอธิบาย")
    ws.append(["คอลัมน์ / column", "แผ่นงาน / sheets", "ความหมายและค่าที่ใช้ได้ / meaning and values"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for t, text in EXPLAIN.items():
        sheets = ", ".join(n for n, ts in SHEETS if t in ts)
        ws.append([H[t], sheets, text])
    ws.append([])
    ws.append(["กรอกหนึ่งแถวต่องานบริการ หนึ่งแถวต่อขั้นตอน และหนึ่งแถวต่อเอกสาร แถวในแผ่นขั้นตอนและเอกสาร"
               "จับคู่กับงานบริการด้วยจุดให้บริการและชื่องานบริการ นำเข้าด้วย citizen_pins:import_services"])
    ws.append(["One row per service, per step and per document; steps and documents find their "
               "service by the point and the service name. Import with citizen_pins:import_services."])
    if note:
        ws.append([note])
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 90
    wb.properties.creator = "citizen_pins"
    wb.save(path)


def sample_json() -> dict:
    s = next(x for x in SAMPLE if x["service_name"] == "การแจ้งเกิด")
    copy = {c: k for k, c in (("no_copy", "ไม่เรียกสำเนา"), ("copy_demanded", "เรียกสำเนา"),
                             ("exempt", "ยกเว้น"))}
    return {
        "format": FORMAT,
        "note": SAMPLE_NOTE,
        "point": {"name_th": OFFICE["point_name"], "province_code": OFFICE["province_code"],
                  "amphoe_code": OFFICE["amphoe_code"]},
        "service": {
            "name_th": s["service_name"], "name_en": s["service_name_en"], "agency": s["agency"],
            "manual_url": s["manual_url"], "legal_basis": s["legal_basis"], "channel": "counter",
            "fee_kind": "none", "time_limit": s["time_limit"], "time_limit_unit": "minute",
            "active": True,
            "steps": [{"step_order": k, "title_th": t, "duration": d, "duration_unit": "minute",
                       "responsible_unit": s["agency"]}
                      for k, (t, _, d) in enumerate(s["steps"], start=1)],
            "documents": [{"name_th": n, "issuing_agency": i or None, "originals": o,
                           "copies": c, "copy_status": copy[st]}
                          for n, i, o, c, st, _, _ in s["documents"]]}}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    write_workbook(OUT / "services_template.xlsx",
                   "แบบฟอร์มบันทึกงานบริการ ขั้นตอน และเอกสาร (citizen_pins)")
    write_workbook(OUT / "sample_district_office.xlsx", "ตัวอย่าง: งานบริการของสำนักงานเขต",
                   sample_rows(), SAMPLE_NOTE)
    with open(OUT / "sample_birth_registration.json", "w", encoding="utf-8") as fh:
        json.dump(sample_json(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
