"""The validation rules of services, steps and documents: registered in the same registry as the
pins' rules (core/rules.py), run by the same engine, written to the same findings layer.

Each rule is ``fn(scope, emit)`` registered with :func:`service_rule` (core/rules.rule, run only
when services are given).  A finding about a record sorts under its pin (``emit(i, ...)`` with the pin's index) and names
the record (``record="<table>/<UUID>"``); a record whose parent is missing has no pin
(``emit(None, ...)``).  Only records of the pins being validated are checked; whether a parent
exists is decided against every pin of the working copy (``ServiceSet.pins``), so validating a
selection never makes the other pins' services look orphaned.  Without services
(``ctx.services`` is None) these rules find nothing.

Every message says what is wrong and what to do, in Thai and English.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, List, Optional, Set

from . import schema
from . import zero_copy as zc
from .findings import ERROR, WARNING, fix_set_record
from .rules import RULES, _name_key, rule
from .services import ServiceSet, duration_minutes, is_active, is_url, number

SERVICES, STEPS, DOCUMENTS = schema.SERVICES, schema.SERVICE_STEPS, schema.SERVICE_DOCUMENTS


@dataclass
class _Scope:
    data: ServiceSet
    #: pin id -> index of the pin among the pins validated (first one when an id repeats)
    pin_index: Dict[str, int]
    #: every pin id a record may belong to
    pins: Set[str]
    services: Dict[str, dict]

    def pin_of(self, service: Optional[dict]) -> Optional[int]:
        return self.pin_index.get((service or {}).get("pin_id") or "")

    def service_of(self, record: dict) -> Optional[dict]:
        return self.services.get(record.get("service_id") or "")


def _scope(ctx) -> Optional[_Scope]:
    if ctx.services is None:
        return None

    def make():
        index: Dict[str, int] = {}
        for i, v in enumerate(ctx.pins.column("pin_id")):
            if v and v not in index:
                index[v] = i
        data = ctx.services
        pins = set(data.pins) if data.pins is not None else set(index)
        services = {}
        for s in data.services:
            if s.get("service_id") and s["service_id"] not in services:
                services[s["service_id"]] = s
        return _Scope(data, index, pins, services)
    return ctx._cached("services_scope", make)


def service_rule(rule_id: str, severity: str, title_en: str, title_th: str):
    """Register ``fn(scope, emit)`` as a rule (core/rules.rule) that runs when services are
    given."""
    def register(fn):
        def check(ctx, emit):
            sc = _scope(ctx)
            if sc is not None:
                fn(sc, emit)
        check.__name__, check.__doc__ = fn.__name__, fn.__doc__
        rule(rule_id, severity, title_en, title_th)(check)
        return fn
    return register


def _services(sc: _Scope):
    """(pin index, service) of the services of the validated pins."""
    for s in sc.data.services:
        i = sc.pin_of(s)
        if i is not None:
            yield i, s


def _ref(table: str, record: dict) -> str:
    return f"{table}/{record.get(schema.child_table(table).key) or ''}"


def _name(record: Optional[dict], field: str = "name_th") -> str:
    return ((record or {}).get(field) or "").strip() or "?"


def _in_scope_documents(sc: _Scope):
    """(pin index, service, document) of documents of the validated pins' services."""
    for d in sc.data.documents:
        s = sc.service_of(d)
        i = sc.pin_of(s)
        if i is not None:
            yield i, s, d


@service_rule("services.name_missing", ERROR, "Service, step or document without a name",
              "งานบริการ ขั้นตอน หรือเอกสารไม่มีชื่อ")
def services_name_missing(sc, emit):
    for i, s in _services(sc):
        if not (s.get("name_th") or "").strip():
            hint_th = f" (ชื่ออังกฤษ: {s['name_en']})" if s.get("name_en") else ""
            hint_en = f" (English name: {s['name_en']})" if s.get("name_en") else ""
            emit(i, f"งานบริการไม่มีชื่อภาษาไทย{hint_th}: กรอกชื่อตามคู่มือสำหรับประชาชน",
                 f"A service has no Thai name{hint_en}: give its name as in the citizen manual.",
                 expected="name_th", record=_ref(SERVICES, s))
    for table, field, th, en in ((STEPS, "title_th", "ขั้นตอน", "step"),
                                 (DOCUMENTS, "name_th", "เอกสาร", "document")):
        for r in sc.data.rows(table):
            s = sc.service_of(r)
            i = sc.pin_of(s)
            if i is not None and not (r.get(field) or "").strip():
                emit(i, f"{th}หนึ่งของงานบริการ '{_name(s)}' ไม่มีชื่อ: กรอกชื่อ{th}ตามคู่มือ หรือลบทิ้ง",
                     f"A {en} of the service '{_name(s)}' has no name: name it as the manual "
                     "does, or delete it.", expected=field, record=_ref(table, r))


@service_rule("services.duplicate", WARNING, "Same service twice at one point",
              "งานบริการซ้ำที่จุดให้บริการเดียวกัน")
def services_duplicate(sc, emit):
    groups: Dict[tuple, List[dict]] = defaultdict(list)
    for s in sc.data.services:
        key = _name_key(s.get("name_th"))
        if key and is_active(s) and sc.pin_of(s) is not None:
            groups[(s.get("pin_id"), key)].append(s)
    for (pin, _), same in groups.items():
        for s in same[1:]:
            emit(sc.pin_of(s), f"งานบริการ '{_name(s)}' มีซ้ำที่จุดนี้ ({len(same)} รายการ): ถ้าเป็นงานเดียวกัน "
                               "ให้รวมขั้นตอนและเอกสารไว้ที่รายการเดียวแล้วลบรายการที่ซ้ำ",
                 f"The service '{_name(s)}' is recorded {len(same)} times at this point: if it is "
                 "the same service, keep its steps and documents on one record and delete the "
                 "others.", actual=same[0].get("service_id") or "", record=_ref(SERVICES, s))


@service_rule("documents.copy_against_policy", WARNING,
              "ID card or house registration copy demanded against DOPA's circular",
              "เรียกสำเนาบัตรประชาชนหรือทะเบียนบ้านขัดหนังสือกรมการปกครอง")
def documents_copy_against_policy(sc, emit):
    for i, s, d in _in_scope_documents(sc):
        policy = zc.policy_document(d.get("name_th"))
        # (a 'no copy' with copies is documents.copy_contradiction's, not this warning's)
        if (policy is None or not is_active(s) or not zc.demands_copy(d)
                or d.get("copy_status") == schema.NO_COPY):
            continue
        fix = fix_set_record(DOCUMENTS, d.get("document_id") or "",
                             {"copy_status": schema.NO_COPY, "copies": 0})
        emit(i, f"งานบริการ '{_name(s)}' ยังเรียกสำเนา{policy.label_th} ('{_name(d)}'): ตาม"
                f"{zc.CIRCULAR_TH} ให้หน่วยงานตรวจสอบจากระบบหรือทำสำเนาเอง ไม่เรียกจากประชาชน "
                "— เปลี่ยนเป็น 'ไม่เรียกสำเนา'",
             f"The service '{_name(s)}' still demands a copy of the {policy.label_en} "
             f"('{_name(d)}'): under {zc.CIRCULAR_EN} the office looks it up or copies it itself "
             "instead of asking the citizen. Mark it as no_copy.",
             expected=schema.NO_COPY, actual=d.get("copy_status") or "", fix=fix,
             record=_ref(DOCUMENTS, d))


@service_rule("documents.copy_contradiction", ERROR, "Copies demanded with status 'no copy'",
              "มีจำนวนสำเนาแต่สถานะ 'ไม่เรียกสำเนา'")
def documents_copy_contradiction(sc, emit):
    for i, s, d in _in_scope_documents(sc):
        copies = number(d.get("copies")) or 0
        if d.get("copy_status") == schema.NO_COPY and copies > 0:
            emit(i, f"เอกสาร '{_name(d)}' ของงานบริการ '{_name(s)}' ระบุสำเนา {copies:g} ฉบับ แต่สถานะ "
                    "'ไม่เรียกสำเนา': ถ้ายังเรียกสำเนา ให้เปลี่ยนสถานะเป็น 'เรียกสำเนา' ถ้าไม่เรียกแล้ว "
                    "ให้แก้จำนวนสำเนาเป็น 0",
                 f"The document '{_name(d)}' of the service '{_name(s)}' asks for {copies:g} "
                 "copies but its status is 'no copy': if copies are still demanded set the "
                 "status to copy_demanded, otherwise set the copies to 0.",
                 expected="0", actual=f"{copies:g}", record=_ref(DOCUMENTS, d))


def _in_unit(minutes: float, unit: str, lang: str) -> str:
    per = schema.UNIT_MINUTES[unit]
    label = schema.choice_label(schema.STEPS_TABLE.field("duration_unit"), unit, lang)
    return f"{round(minutes / per, 2):g} {label}"


@service_rule("steps.over_time_limit", WARNING, "Steps take longer than the legal time limit",
              "ขั้นตอนรวมนานกว่าระยะเวลาตามคู่มือ")
def steps_over_time_limit(sc, emit):
    steps = sc.data.by_parent(STEPS)
    for i, s in _services(sc):
        limit = duration_minutes(s.get("time_limit"), s.get("time_limit_unit"))
        mine = steps.get(s.get("service_id") or "", [])
        if limit is None or not mine:
            continue
        total = 0.0
        for st in mine:
            m = duration_minutes(st.get("duration"), st.get("duration_unit"))
            total += m or 0.0
        if total > limit + 1e-9:
            unit = s["time_limit_unit"]
            emit(i, f"ขั้นตอนของงานบริการ '{_name(s)}' รวม {_in_unit(total, unit, 'th')} นานกว่าระยะเวลา"
                    f"ตามคู่มือ {_in_unit(limit, unit, 'th')}: ตรวจระยะเวลาของแต่ละขั้นตอนหรือระยะเวลารวม"
                    "ให้ตรงกับคู่มือ (1 วันทำการนับ 7 ชั่วโมง)",
                 f"The steps of the service '{_name(s)}' add up to {_in_unit(total, unit, 'en')}, "
                 f"longer than its legal time limit of {_in_unit(limit, unit, 'en')}: check each "
                 "step's duration and the limit against the manual (a working day counts 7 hours).",
                 expected=_in_unit(limit, unit, "en"), actual=_in_unit(total, unit, "en"),
                 record=_ref(SERVICES, s))


@service_rule("services.fee_without_amount", ERROR, "Fee kind without its amount",
              "ระบุค่าธรรมเนียมแต่ไม่มีจำนวนเงิน")
def services_fee_without_amount(sc, emit):
    kinds = {c.key: c for c in schema.FEE_KINDS}
    for i, s in _services(sc):
        kind = s.get("fee_kind")
        if kind not in kinds or kind == schema.FEE_NONE:
            continue
        low, high = number(s.get("fee_amount")), number(s.get("fee_amount_max"))
        label = kinds[kind]
        if low is None:
            th, en = "ไม่มีจำนวนเงิน", "has no amount"
        elif kind == schema.FEE_RANGE and high is None:
            th, en = "ไม่มีจำนวนเงินสูงสุดของช่วง", "has no upper amount"
        elif kind == schema.FEE_RANGE and high < low:
            th, en = f"มีค่าสูงสุด {high:g} บาท น้อยกว่าค่าต่ำสุด {low:g} บาท", \
                f"has an upper amount ({high:g} baht) below its lower one ({low:g} baht)"
        else:
            continue
        emit(i, f"ค่าธรรมเนียม '{label.label_th}' ของงานบริการ '{_name(s)}' {th}: กรอกจำนวนเงิน (บาท) "
                "ตามคู่มือ หรือเลือก 'ไม่มีค่าธรรมเนียม'",
             f"The '{label.label_en}' fee of the service '{_name(s)}' {en}: enter the amount in "
             "baht as the manual states, or choose 'No fee'.",
             expected="fee_amount", actual=kind, record=_ref(SERVICES, s))


@service_rule("services.manual_url", ERROR, "Citizen manual address is not a web address",
              "ลิงก์คู่มือสำหรับประชาชนไม่ใช่ที่อยู่เว็บ")
def services_manual_url(sc, emit):
    for i, s in _services(sc):
        url = (s.get("manual_url") or "").strip()
        if not url or is_url(url):
            continue
        fix = ""
        if is_url("https://" + url):
            fix = fix_set_record(SERVICES, s.get("service_id") or "",
                                 {"manual_url": "https://" + url})
        emit(i, f"ลิงก์คู่มือของงานบริการ '{_name(s)}' ('{url}') ไม่ใช่ที่อยู่เว็บ: ใส่ที่อยู่เต็มที่เปิดได้ "
                "เช่น https://www.info.go.th/..." + (" (น่าจะขาด https://)" if fix else ""),
             f"The manual address of the service '{_name(s)}' ('{url}') is not a web address: "
             "give the full address a citizen can open, e.g. https://www.info.go.th/..."
             + (" (probably missing https://)." if fix else "."),
             expected="https://...", actual=url, fix=fix, record=_ref(SERVICES, s))


@service_rule("services.orphan", ERROR, "Service, step or document whose parent is missing",
              "งานบริการ ขั้นตอน หรือเอกสารที่ไม่มีต้นทาง")
def services_orphan(sc, emit):
    for s in sc.data.services:
        pin = s.get("pin_id") or ""
        if pin not in sc.pins:
            emit(None, f"งานบริการ '{_name(s)}' อ้างถึงหมุด '{pin}' ซึ่งไม่มีในสำเนาทำงาน: "
                       "ย้ายไปไว้ที่จุดให้บริการที่ถูกต้อง หรือลบทิ้ง",
                 f"The service '{_name(s)}' belongs to pin '{pin}', which is not in the working "
                 "copy: attach it to the right service point, or delete it.",
                 actual=pin, record=_ref(SERVICES, s), pin_id=pin)
    for table, field, th, en in ((STEPS, "title_th", "ขั้นตอน", "step"),
                                 (DOCUMENTS, "name_th", "เอกสาร", "document")):
        for r in sc.data.rows(table):
            sid = r.get("service_id") or ""
            if sid not in sc.services:
                emit(None, f"{th} '{_name(r, field)}' อ้างถึงงานบริการ '{sid}' ซึ่งไม่มีแล้ว: "
                           "ย้ายไปไว้ที่งานบริการที่ถูกต้อง หรือลบทิ้ง",
                     f"The {en} '{_name(r, field)}' belongs to service '{sid}', which does not "
                     "exist: attach it to the right service, or delete it.",
                     actual=sid, record=_ref(table, r))


#: The rules above: they find something only when services are given (algorithms that validate
#: pins alone -- the batch, the report -- leave them out of their per-rule tables).
SERVICE_RULE_IDS = tuple(r.rule_id for r in RULES if r.check.__module__ == __name__)


def pin_rules():
    """The registry's rules without the services' (for algorithms that check pins alone)."""
    return [r for r in RULES if r.rule_id not in SERVICE_RULE_IDS]
