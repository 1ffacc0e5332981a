"""What a pin owns (services, steps, documents) as the schema describes it, the record checks,
the JSON exchange format and the derived Zero Copy status: pure Python, no QGIS."""
import ast
import json

import pytest

from citizen_pins.core import schema
from citizen_pins.core import zero_copy as zc
from citizen_pins.core.services import (FORMAT, ExchangeError, ServiceSet, check_record,
                                        duration_minutes, is_url, orphans, service_to_json,
                                        services_from_json)
from conftest import REPO


def test_children_are_keyed_by_their_own_uuid_and_their_parents_uuid():
    assert [t.name for t in schema.CHILD_TABLES] == [
        "services", "service_steps", "service_documents"]
    chain = {t.name: (t.key, t.parent, t.parent_key) for t in schema.CHILD_TABLES}
    assert chain == {"services": ("service_id", "service_points", "pin_id"),
                     "service_steps": ("step_id", "services", "service_id"),
                     "service_documents": ("document_id", "services", "service_id")}
    for t in schema.CHILD_TABLES:
        key, parent = t.field(t.key), t.field(t.parent_key)
        assert key.kind == parent.kind == schema.UUID and key.required and parent.required
        assert "fid" not in t.field_names
        for f in t.fields:
            assert f.label_th and f.label_en, (t.name, f.name)
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in f.label_th), f.name
    assert schema.children_of("services") == (schema.STEPS_TABLE, schema.DOCUMENTS_TABLE)
    assert schema.children_of(schema.LAYER_NAME) == (schema.SERVICES_TABLE,)


def test_the_issue_fields_are_there():
    s, st, d = schema.SERVICES_TABLE, schema.STEPS_TABLE, schema.DOCUMENTS_TABLE
    for name in ("name_th", "name_en", "agency", "manual_url", "legal_basis", "channel",
                 "fee_kind", "fee_amount", "fee_amount_max", "time_limit", "active", "version",
                 "updated_at"):
        assert name in s.field_names
    assert {f.name for f in s.fields if f.registry_managed} == {"version", "updated_at"}
    assert s.required_fields == ("service_id", "pin_id", "name_th")
    assert [c.key for c in s.field("channel").choices] == ["counter", "online", "both"]
    assert [c.key for c in s.field("fee_kind").choices] == ["none", "fixed", "range",
                                                            "starting_at"]
    for name in ("step_order", "title_th", "detail", "duration", "duration_unit",
                 "responsible_unit"):
        assert name in st.field_names
    assert st.order_by == "step_order"
    for name in ("name_th", "issuing_agency", "originals", "copies", "copy_status",
                 "exempt_reason", "note"):
        assert name in d.field_names
    assert [c.key for c in d.field("copy_status").choices] == ["no_copy", "copy_demanded",
                                                               "exempt"]


def test_schema_module_imports_no_qgis():
    """The registry gateway imports core/schema.py, core/services.py and core/zero_copy.py."""
    for name in ("schema.py", "services.py", "zero_copy.py"):
        tree = ast.parse((REPO / "citizen_pins" / "core" / name).read_text("utf-8"))
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in imported if m.startswith(("qgis", "PyQt", "osgeo"))}, name


def test_describe_tables_is_json_for_the_gateway():
    d = json.loads(json.dumps(schema.describe_tables(), ensure_ascii=False))
    fields = {f["name"]: f for f in d["service_documents"]["fields"]}
    assert fields["copy_status"]["enum"] == ["no_copy", "copy_demanded", "exempt"]
    assert fields["copies"] == {**fields["copies"], "type": "integer", "minimum": 0}
    assert fields["document_id"]["format"] == "uuid"
    assert d["services"]["parent_key"] == "pin_id"
    assert {f["name"] for f in d["services"]["fields"] if f["registry_managed"]} == {
        "version", "updated_at"}


def _doc(**kw):
    base = {"document_id": schema.new_record_id(), "service_id": schema.new_record_id(),
            "name_th": "บัตรประจำตัวประชาชน", "originals": 1, "copies": 0,
            "copy_status": "no_copy"}
    base.update(kw)
    return base


def test_check_record_says_what_is_wrong_in_thai_and_english():
    assert check_record(schema.DOCUMENTS_TABLE, _doc()) == []
    problems = check_record(schema.DOCUMENTS_TABLE, _doc(
        name_th=" ", copies=-1, copy_status="maybe", originals="two", colour="red"))
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"name_th", "copies", "copy_status", "originals", "colour"}
    assert "required" in by_field["name_th"].message_en
    assert "ต้องกรอก" in by_field["name_th"].message_th
    assert "at least 0" in by_field["copies"].message_en
    assert "no_copy, copy_demanded, exempt" in by_field["copy_status"].message_en
    assert "whole number" in by_field["originals"].message_en
    assert "จำนวนเต็ม" in by_field["originals"].message_th
    bad_key = check_record(schema.DOCUMENTS_TABLE, _doc(document_id="D-1"))
    assert [p.field for p in bad_key] == ["document_id"]
    assert check_record(schema.DOCUMENTS_TABLE, _doc(document_id=None), with_keys=False) == []


@pytest.mark.parametrize("url, ok", [
    ("https://www.info.go.th/#/th/search/procedure/1234", True),
    ("http://www.bangkok.go.th/chatuchak", True),
    ("www.info.go.th/x", False), ("info.go.th", False), ("ftp://files.go.th/a", False),
    ("https://localhost", False), ("https://a b.go.th", False), ("ดูที่บอร์ดหน้าสำนักงาน", False),
    (None, False)])
def test_is_url(url, ok):
    assert is_url(url) is ok


def test_durations_in_minutes_with_a_working_day_of_seven_hours():
    assert duration_minutes(15, "minute") == 15
    assert duration_minutes(2, "hour") == 120
    assert duration_minutes(1, "day") == 420
    assert duration_minutes(None, "day") is None and duration_minutes(3, "week") is None


def test_exchange_format_round_trip():
    sid = schema.new_record_id()
    service = {"service_id": sid, "pin_id": schema.new_pin_id(), "name_th": "การแจ้งเกิด",
               "fee_kind": "none", "time_limit": 15, "time_limit_unit": "minute", "active": True,
               "_fid": 7}
    steps = [{"step_id": schema.new_record_id(), "service_id": sid, "step_order": 1,
              "title_th": "ยื่นเอกสาร", "duration": 5, "duration_unit": "minute"}]
    docs = [_doc(service_id=sid)]
    out = service_to_json(service, steps, docs, point={"name_th": "สำนักงานเขตจตุจักร"})
    text = json.dumps(out, ensure_ascii=False)
    assert out["format"] == FORMAT and "_fid" not in text
    assert "service_id" not in out["service"]["steps"][0]  # implied by nesting
    back = services_from_json(json.loads(text))
    assert len(back) == 1
    got = back[0]
    assert got.service["name_th"] == "การแจ้งเกิด" and got.point["pin_id"] == service["pin_id"]
    assert got.point["name_th"] == "สำนักงานเขตจตุจักร"
    assert got.steps[0]["title_th"] == "ยื่นเอกสาร" and got.documents[0]["copies"] == 0
    # a list, and {"services": [...]}, hold several
    assert len(services_from_json([out, out])) == 2
    assert len(services_from_json({"services": [out]})) == 1
    with pytest.raises(ExchangeError, match="format"):
        services_from_json({**out, "format": "other/9"})
    with pytest.raises(ExchangeError, match="no 'service'"):
        services_from_json({"point": {}})
    with pytest.raises(ExchangeError, match="lists"):
        services_from_json({"service": {"name_th": "x", "steps": "1. ยื่น"}})


def _set():
    """Pin a: two active services, one demanding copies; b: one service, no copy; c: every
    service demands; d: nothing; e: only an inactive service demanding copies."""
    s = lambda sid, pin, active=True: {"service_id": sid, "pin_id": pin, "name_th": sid,
                                       "active": active}
    d = lambda sid, **kw: {"document_id": schema.new_record_id(), "service_id": sid,
                           "name_th": kw.pop("name", "เอกสาร"), **kw}
    return ServiceSet(
        services=[s("a1", "a"), s("a2", "a"), s("b1", "b"), s("c1", "c"), s("c2", "c"),
                  s("e1", "e", active=False), s("x1", "gone")],
        documents=[
            d("a1", copies=2, copy_status="copy_demanded", name="สำเนาทะเบียนบ้าน"),
            d("a1", copies=0, copy_status="no_copy"),
            d("a2", copies=0, copy_status="no_copy"),
            d("b1", copies=1, copy_status="exempt", name="หนังสือมอบอำนาจ"),
            d("c1", copies=None, copy_status="copy_demanded", name="สำเนา ทะเบียนบ้าน"),
            d("c2", copies=1, copy_status="no_copy", name="บัตรประจำตัวประชาชน"),  # contradiction
            d("e1", copies=3, copy_status="copy_demanded"),
            d("zz", copies=1, copy_status="copy_demanded")])


def test_point_statuses():
    st = zc.point_statuses(["a", "b", "c", "d", "e"], _set())
    assert {k: v.status for k, v in st.items()} == {
        "a": "partial", "b": "zero_copy", "c": "copies_demanded", "d": "no_services",
        "e": "no_services"}
    assert (st["a"].services, st["a"].demanding, st["a"].copies) == (2, 1, 2)
    assert st["b"].exempt == 1 and st["b"].copies == 0
    # copy_demanded without a number counts one copy; no_copy with copies counts as demanded
    assert st["c"].copies == 2 and st["c"].demanding == 2
    assert [c.key for c in zc.STATUSES] == list(zc.STATUS_KEYS) == [
        "zero_copy", "partial", "copies_demanded", "no_services"]
    assert zc.status_label("partial", "en").startswith("Partial")


def test_documents_most_often_demanded_group_spellings():
    rows = zc.most_demanded(_set())
    assert rows[0] == ("สำเนาทะเบียนบ้าน", 2, 2, 3)  # 'สำเนา ทะเบียนบ้าน' is the same document
    assert ("บัตรประจำตัวประชาชน", 1, 1, 1) in rows
    assert all(r[0] != "หนังสือมอบอำนาจ" for r in rows)  # exempt: not demanded against policy
    assert zc.most_demanded(_set(), pins_in_scope=["b"]) == []


@pytest.mark.parametrize("name, key", [
    ("บัตรประจำตัวประชาชน", "id_card"), ("สำเนาบัตรประชาชน", "id_card"),
    ("Copy of ID card", "id_card"), ("สำเนาทะเบียนบ้าน (ท.ร.14)", "house_registration"),
    ("ท.ร. ๑๔", "house_registration"), ("House registration", "house_registration"),
    ("หนังสือรับรองการเกิด (ท.ร.1/1)", None), ("บัตรประจำตัวเจ้าหน้าที่ของรัฐ", None),
    ("โฉนดที่ดิน", None), ("", None)])
def test_policy_documents(name, key):
    got = zc.policy_document(name)
    assert (got.key if got else None) == key


def test_orphans():
    data = _set()
    data.steps = [{"step_id": "s", "service_id": "a1"}, {"step_id": "t", "service_id": "nope"}]
    services, steps, documents = orphans(data, ["a", "b", "c", "d", "e"])
    assert [s["service_id"] for s in services] == ["x1"]
    assert [s["step_id"] for s in steps] == ["t"]
    assert [d["service_id"] for d in documents] == ["zz"]


def test_docs_describe_every_field_and_rule():
    from citizen_pins.core.rules_services import SERVICE_RULE_IDS

    text = (REPO / "docs" / "services.md").read_text("utf-8")
    missing = [f"{t.name}.{f.name}" for t in schema.CHILD_TABLES for f in t.fields
               if f"`{f.name}`" not in text]
    missing += [r for r in SERVICE_RULE_IDS if f"`{r}`" not in text]
    missing += [s for s in zc.STATUS_KEYS if f"`{s}`" not in text]
    assert missing == [], "docs/services.md does not mention: " + ", ".join(missing)
