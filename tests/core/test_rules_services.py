"""The rules of services, steps and documents, in the pins' rule registry: each on small real
inputs (pins as columns, tambons with real DOPA codes), messages in Thai and English."""
import json

import pytest

from citizen_pins.core.context import Settings
from citizen_pins.core.dopa import codes
from citizen_pins.core.findings import ERROR, WARNING
from citizen_pins.core.rules import RULES, rule_by_id
from citizen_pins.core.services import ServiceSet
from citizen_pins.core.validate import validate

from _validation_helpers import by_rule, centre, square_boundaries, table

SERVICE_RULES = ["services.name_missing", "services.duplicate", "documents.copy_against_policy",
                 "documents.copy_contradiction", "steps.over_time_limit",
                 "services.fee_without_amount", "services.manual_url", "services.orphan"]


def pins(n=2):
    return table([dict(zip("xy", centre("210101")), pin_id=f"p{k}") for k in range(n)])


def svc(sid, pin="p0", name=None, **kw):
    return {"service_id": sid, "pin_id": pin, "name_th": name or f"งานบริการ {sid}",
            "active": True, **kw}


def doc(sid, name, **kw):
    return {"document_id": f"d-{sid}-{name}", "service_id": sid, "name_th": name, **kw}


def check(data, n=2, rules=None):
    return validate(pins(n), square_boundaries(), codes(), Settings(), services=data,
                    rules=rules or SERVICE_RULES)


def test_registered_in_the_one_registry_with_thai_and_english_titles():
    ids = [r.rule_id for r in RULES]
    assert ids[-len(SERVICE_RULES):] == SERVICE_RULES
    severities = {r: rule_by_id(r).severity for r in SERVICE_RULES}
    assert severities == {
        "services.name_missing": ERROR, "services.duplicate": WARNING,
        "documents.copy_against_policy": WARNING, "documents.copy_contradiction": ERROR,
        "steps.over_time_limit": WARNING, "services.fee_without_amount": ERROR,
        "services.manual_url": ERROR, "services.orphan": ERROR}
    for r in SERVICE_RULES:
        assert any("\u0e00" <= c <= "\u0e7f" for c in rule_by_id(r).title_th)


def test_without_services_nothing_is_found():
    assert validate(pins(), square_boundaries(), codes(), Settings(), rules=SERVICE_RULES) == []
    assert check(ServiceSet()) == []


def test_a_clean_service_has_no_finding():
    data = ServiceSet(
        services=[svc("s1", fee_kind="fixed", fee_amount=20.0, time_limit=1, time_limit_unit="day",
                      manual_url="https://www.info.go.th/#/th/search/procedure/1")],
        steps=[{"step_id": "t1", "service_id": "s1", "step_order": 1, "title_th": "ยื่นคำขอ",
                "duration": 3, "duration_unit": "hour"},
               {"step_id": "t2", "service_id": "s1", "step_order": 2, "title_th": "พิจารณา",
                "duration": 4, "duration_unit": "hour"}],
        documents=[doc("s1", "บัตรประจำตัวประชาชน", originals=1, copies=0, copy_status="no_copy"),
                   doc("s1", "หนังสือมอบอำนาจ", copies=1, copy_status="exempt",
                       exempt_reason="ป.พ.พ. มาตรา 798")])
    assert check(data) == []  # 3 h + 4 h = one 7-hour working day: not over


def test_names_missing():
    data = ServiceSet(services=[svc("s1", name=" ", name_en="Birth registration")],
                      steps=[{"step_id": "t", "service_id": "s1", "title_th": None}],
                      documents=[doc("s1", "")])
    f = check(data)
    assert [(g.rule_id, g.record) for g in f] == [
        ("services.name_missing", "services/s1"), ("services.name_missing", "service_steps/t"),
        ("services.name_missing", "service_documents/d-s1-")]
    assert "Birth registration" in f[0].message_en and "ชื่ออังกฤษ" in f[0].message_th
    assert all(g.index == 0 and g.pin_id == "p0" and g.feature_id == 100 for g in f)


def test_duplicate_service_at_one_point_only_among_active_services():
    data = ServiceSet(services=[svc("s1", name="การแจ้งเกิด"), svc("s2", name="การ แจ้งเกิด"),
                                svc("s3", name="การแจ้งเกิด", active=False),
                                svc("s4", pin="p1", name="การแจ้งเกิด")])
    f = check(data)
    assert [(g.rule_id, g.record, g.actual) for g in f] == [
        ("services.duplicate", "services/s2", "s1")]
    assert "2 times" in f[0].message_en and "ซ้ำ" in f[0].message_th


def test_id_card_and_house_registration_copies_against_policy_with_the_fix():
    data = ServiceSet(services=[svc("s1", name="จดทะเบียนพาณิชย์"), svc("s2", active=False)],
                      documents=[doc("s1", "สำเนาทะเบียนบ้าน", copies=1,
                                     copy_status="copy_demanded"),
                                 doc("s1", "สำเนาบัตรประจำตัวประชาชน", copies=2,
                                     copy_status="copy_demanded"),
                                 doc("s1", "สำเนาโฉนดที่ดิน", copies=1,
                                     copy_status="copy_demanded"),  # not in the circular
                                 doc("s1", "บัตรประจำตัวประชาชน", copies=0,
                                     copy_status="no_copy"),  # the original, shown
                                 doc("s1", "ทะเบียนบ้าน (ผู้รับมอบอำนาจ)", copies=1,
                                     copy_status="exempt", exempt_reason="ระเบียบ"),
                                 doc("s2", "สำเนาทะเบียนบ้าน", copies=1,
                                     copy_status="copy_demanded")])  # inactive service
    f = by_rule(check(data), "documents.copy_against_policy")
    assert [g.record for g in f] == ["service_documents/d-s1-สำเนาทะเบียนบ้าน",
                                     "service_documents/d-s1-สำเนาบัตรประจำตัวประชาชน"]
    assert all(g.severity == WARNING for g in f)
    assert "มท 0309.4/ว 25043" in f[0].message_th and "มท 0309.4/ว 25043" in f[0].message_en
    assert "house registration" in f[0].message_en and "ID card" in f[1].message_en
    assert "Mark it as no_copy" in f[0].message_en
    assert json.loads(f[0].fix) == {"action": "set_record", "table": "service_documents",
                                    "id": "d-s1-สำเนาทะเบียนบ้าน",
                                    "values": {"copy_status": "no_copy", "copies": 0}}


def test_copies_with_status_no_copy_is_a_contradiction():
    data = ServiceSet(services=[svc("s1")], documents=[
        doc("s1", "หนังสือรับรองการเกิด", copies=1, copy_status="no_copy"),
        doc("s1", "ใบแจ้งการย้ายที่อยู่", copies=0, copy_status="no_copy")])
    f = check(data)
    assert [(g.rule_id, g.severity, g.actual) for g in f] == [
        ("documents.copy_contradiction", ERROR, "1")]
    assert "copy_demanded" in f[0].message_en and "เรียกสำเนา" in f[0].message_th


def test_steps_over_the_legal_time_limit():
    steps = lambda sid, *d: [{"step_id": f"{sid}{k}", "service_id": sid, "step_order": k,
                              "title_th": "ขั้น", "duration": v, "duration_unit": u}
                             for k, (v, u) in enumerate(d)]
    data = ServiceSet(
        services=[svc("s1", name="ก่อสร้างอาคาร", time_limit=45, time_limit_unit="day"),
                  svc("s2", name="บัตรประชาชน", time_limit=60, time_limit_unit="minute"),
                  svc("s3", name="แจ้งเกิด", time_limit=15, time_limit_unit="minute"),
                  svc("s4", name="ไม่มีกำหนด")],
        steps=steps("s1", (1, "day"), (40, "day"), (5, "day"))
        + steps("s2", (10, "minute"), (50, "minute"))
        + steps("s3", (10, "minute"), (1, "hour"), (None, "minute"))
        + steps("s4", (99, "day")))
    f = check(data)
    assert [(g.rule_id, g.record, g.expected, g.actual) for g in f] == [
        ("steps.over_time_limit", "services/s1", "45 working days", "46 working days"),
        ("steps.over_time_limit", "services/s3", "15 minutes", "70 minutes")]
    assert "46 วันทำการ" in f[0].message_th and "45 วันทำการ" in f[0].message_th


def test_fee_kind_without_amount():
    data = ServiceSet(services=[
        svc("s1", fee_kind="fixed"), svc("s2", fee_kind="range", fee_amount=100.0),
        svc("s3", fee_kind="range", fee_amount=500.0, fee_amount_max=100.0),
        svc("s4", fee_kind="starting_at", fee_amount=0.0), svc("s5", fee_kind="none"),
        svc("s6", fee_kind="range", fee_amount=50.0, fee_amount_max=100.0)])
    f = check(data)
    assert [(g.rule_id, g.record) for g in f] == [
        ("services.fee_without_amount", "services/s1"),
        ("services.fee_without_amount", "services/s2"),
        ("services.fee_without_amount", "services/s3")]
    assert "has no amount" in f[0].message_en and "ไม่มีจำนวนเงิน" in f[0].message_th
    assert "no upper amount" in f[1].message_en and "below its lower" in f[2].message_en


def test_manual_url_that_is_not_a_url_with_a_fix_when_only_the_scheme_is_missing():
    data = ServiceSet(services=[
        svc("s1", manual_url="www.info.go.th/#/th/search/procedure/7"),
        svc("s2", manual_url="ดูบอร์ดหน้าสำนักงาน"),
        svc("s3", manual_url="https://www.info.go.th/x"), svc("s4", manual_url="  ")])
    f = check(data)
    assert [(g.rule_id, g.record) for g in f] == [("services.manual_url", "services/s1"),
                                                  ("services.manual_url", "services/s2")]
    assert json.loads(f[0].fix)["values"] == {
        "manual_url": "https://www.info.go.th/#/th/search/procedure/7"}
    assert f[1].fix == "" and "not a web address" in f[1].message_en


def test_orphans_are_checked_against_every_pin_of_the_working_copy():
    data = ServiceSet(
        services=[svc("s1"), svc("s2", pin="gone"), svc("s3", pin="elsewhere")],
        steps=[{"step_id": "t1", "service_id": "nope", "title_th": "ยื่นคำขอ"}],
        documents=[doc("s1", "ท.ร.1/1"), doc("zz", "บัตรประชาชน")],
        pins={"p0", "p1", "elsewhere"})  # 'elsewhere' exists, it is just not validated now
    f = check(data)
    assert [(g.rule_id, g.index, g.feature_id, g.pin_id, g.record) for g in f] == [
        ("services.orphan", -1, -1, "gone", "services/s2"),
        ("services.orphan", -1, -1, "", "service_steps/t1"),
        ("services.orphan", -1, -1, "", "service_documents/d-zz-บัตรประชาชน")]
    assert all(g.severity == ERROR and g.x is None for g in f)
    assert "not in the working copy" in f[0].message_en and "ไม่มีในสำเนาทำงาน" in f[0].message_th


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_fix_is_described(lang):
    from citizen_pins.core.fixes import describe

    text = describe({"action": "set_record", "table": "service_documents", "id": "x",
                     "values": {"copy_status": "no_copy", "copies": 0}}, lang)
    assert text == ("แก้เอกสาร: การเรียกสำเนา = ไม่เรียกสำเนา (หน่วยงานทำสำเนาหรือตรวจสอบเอง), "
                    "สำเนา (จำนวน) = 0" if lang == "th" else
                    "Set in documents: Copy status = No copy (the office copies or looks it up "
                    "itself), Copies demanded = 0")
