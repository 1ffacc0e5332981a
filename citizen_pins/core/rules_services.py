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
from .rules import RULES, Template, _name_key, rule, say
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


def service_rule(rule_id: str, severity: str, title_en: str, title_th: str,
                 messages: Dict[str, Template]):
    """Register ``fn(scope, emit)`` as a rule (core/rules.rule, with its message templates) that
    runs when services are given."""
    def register(fn):
        def check(ctx, emit):
            sc = _scope(ctx)
            if sc is not None:
                fn(sc, emit)
        check.__name__, check.__doc__ = fn.__name__, fn.__doc__
        rule(rule_id, severity, title_en, title_th, messages)(check)
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


#: A step or a document, named in a message (Thai, English).
_KIND = {STEPS: ("ขั้นตอน", "step"), DOCUMENTS: ("เอกสาร", "document")}


def _in_scope_documents(sc: _Scope):
    """(pin index, service, document) of documents of the validated pins' services."""
    for d in sc.data.documents:
        s = sc.service_of(d)
        i = sc.pin_of(s)
        if i is not None:
            yield i, s, d


@service_rule("services.name_missing", ERROR, "Service, step or document without a name",
              "งานบริการ ขั้นตอน หรือเอกสารไม่มีชื่อ", messages={
    "": ("งานบริการไม่มีชื่อภาษาไทย: กรอกชื่อตามคู่มือสำหรับประชาชน",
         "A service has no Thai name: give its name as in the citizen manual."),
    "name_en": ("งานบริการไม่มีชื่อภาษาไทย (ชื่ออังกฤษ: {name_en}): กรอกชื่อตามคู่มือสำหรับประชาชน",
                "A service has no Thai name (English name: {name_en}): give its name as in the "
                "citizen manual."),
    "child": ("{what}หนึ่งของงานบริการ '{service}' ไม่มีชื่อ: กรอกชื่อ{what}ตามคู่มือ หรือลบทิ้ง",
              "A {what} of the service '{service}' has no name: name it as the manual does, or "
              "delete it."),
})
def services_name_missing(sc, emit):
    for i, s in _services(sc):
        if not (s.get("name_th") or "").strip():
            name_en = (s.get("name_en") or "").strip()
            emit(i, say("services.name_missing", "name_en" if name_en else "", name_en=name_en),
                 expected="name_th", record=_ref(SERVICES, s))
    for table, field in ((STEPS, "title_th"), (DOCUMENTS, "name_th")):
        for r in sc.data.rows(table):
            s = sc.service_of(r)
            i = sc.pin_of(s)
            if i is not None and not (r.get(field) or "").strip():
                emit(i, say("services.name_missing", "child", what=_KIND[table], service=_name(s)),
                     expected=field, record=_ref(table, r))


@service_rule("services.duplicate", WARNING, "Same service twice at one point",
              "งานบริการซ้ำที่จุดให้บริการเดียวกัน", messages={
    "": ("งานบริการ '{service}' มีซ้ำที่จุดนี้ ({count} รายการ): ถ้าเป็นงานเดียวกัน "
         "ให้รวมขั้นตอนและเอกสารไว้ที่รายการเดียวแล้วลบรายการที่ซ้ำ",
         "The service '{service}' is recorded {count} times at this point: if it is the same "
         "service, keep its steps and documents on one record and delete the others."),
})
def services_duplicate(sc, emit):
    groups: Dict[tuple, List[dict]] = defaultdict(list)
    for s in sc.data.services:
        key = _name_key(s.get("name_th"))
        if key and is_active(s) and sc.pin_of(s) is not None:
            groups[(s.get("pin_id"), key)].append(s)
    for (pin, _), same in groups.items():
        for s in same[1:]:
            emit(sc.pin_of(s), say("services.duplicate", service=_name(s), count=str(len(same))),
                 actual=same[0].get("service_id") or "", record=_ref(SERVICES, s))


@service_rule("documents.copy_against_policy", WARNING,
              "ID card or house registration copy demanded against DOPA's circular",
              "เรียกสำเนาบัตรประชาชนหรือทะเบียนบ้านขัดหนังสือกรมการปกครอง", messages={
    "": ("งานบริการ '{service}' ยังเรียกสำเนา{policy} ('{document}'): ตาม" + zc.CIRCULAR_TH
         + " ให้หน่วยงานตรวจสอบจากระบบหรือทำสำเนาเอง ไม่เรียกจากประชาชน — เปลี่ยนเป็น 'ไม่เรียกสำเนา'",
         "The service '{service}' still demands a copy of the {policy} ('{document}'): under "
         + zc.CIRCULAR_EN + " the office looks it up or copies it itself instead of asking the "
         "citizen. Mark it as no_copy."),
})
def documents_copy_against_policy(sc, emit):
    for i, s, d in _in_scope_documents(sc):
        policy = zc.policy_document(d.get("name_th"))
        # (a 'no copy' with copies is documents.copy_contradiction's, not this warning's)
        if (policy is None or not is_active(s) or not zc.demands_copy(d)
                or d.get("copy_status") == schema.NO_COPY):
            continue
        fix = fix_set_record(DOCUMENTS, d.get("document_id") or "",
                             {"copy_status": schema.NO_COPY, "copies": 0})
        emit(i, say("documents.copy_against_policy", service=_name(s), document=_name(d),
                     policy=(policy.label_th, policy.label_en)),
             expected=schema.NO_COPY, actual=d.get("copy_status") or "", fix=fix,
             record=_ref(DOCUMENTS, d))


@service_rule("documents.copy_contradiction", ERROR, "Copies demanded with status 'no copy'",
              "มีจำนวนสำเนาแต่สถานะ 'ไม่เรียกสำเนา'", messages={
    "": ("เอกสาร '{document}' ของงานบริการ '{service}' ระบุสำเนา {copies} ฉบับ แต่สถานะ "
         "'ไม่เรียกสำเนา': ถ้ายังเรียกสำเนา ให้เปลี่ยนสถานะเป็น 'เรียกสำเนา' ถ้าไม่เรียกแล้ว "
         "ให้แก้จำนวนสำเนาเป็น 0",
         "The document '{document}' of the service '{service}' asks for {copies} copies but "
         "its status is 'no copy': if copies are still demanded set the status to "
         "copy_demanded, otherwise set the copies to 0."),
})
def documents_copy_contradiction(sc, emit):
    for i, s, d in _in_scope_documents(sc):
        copies = number(d.get("copies")) or 0
        if d.get("copy_status") == schema.NO_COPY and copies > 0:
            emit(i, say("documents.copy_contradiction", document=_name(d), service=_name(s),
                         copies=f"{copies:g}"),
                 expected="0", actual=f"{copies:g}", record=_ref(DOCUMENTS, d))


def _in_unit(minutes: float, unit: str, lang: str) -> str:
    per = schema.UNIT_MINUTES[unit]
    label = schema.choice_label(schema.STEPS_TABLE.field("duration_unit"), unit, lang)
    return f"{round(minutes / per, 2):g} {label}"


@service_rule("steps.over_time_limit", WARNING, "Steps take longer than the legal time limit",
              "ขั้นตอนรวมนานกว่าระยะเวลาตามคู่มือ", messages={
    "": ("ขั้นตอนของงานบริการ '{service}' รวม {total} นานกว่าระยะเวลาตามคู่มือ {limit}: "
         "ตรวจระยะเวลาของแต่ละขั้นตอนหรือระยะเวลารวมให้ตรงกับคู่มือ (1 วันทำการนับ 7 ชั่วโมง)",
         "The steps of the service '{service}' add up to {total}, longer than its legal time "
         "limit of {limit}: check each step's duration and the limit against the manual (a "
         "working day counts 7 hours)."),
})
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
            both = {k: (_in_unit(v, unit, "th"), _in_unit(v, unit, "en"))
                    for k, v in (("total", total), ("limit", limit))}
            emit(i, say("steps.over_time_limit", service=_name(s), **both),
                 expected=both["limit"][1], actual=both["total"][1], record=_ref(SERVICES, s))


_FEE_TAIL = ("กรอกจำนวนเงิน (บาท) ตามคู่มือ หรือเลือก 'ไม่มีค่าธรรมเนียม'",
             "enter the amount in baht as the manual states, or choose 'No fee'.")


@service_rule("services.fee_without_amount", ERROR, "Fee kind without its amount",
              "ระบุค่าธรรมเนียมแต่ไม่มีจำนวนเงิน", messages={
    "": ("ค่าธรรมเนียม '{fee}' ของงานบริการ '{service}' ไม่มีจำนวนเงิน: " + _FEE_TAIL[0],
         "The '{fee}' fee of the service '{service}' has no amount: " + _FEE_TAIL[1]),
    "no_upper": ("ค่าธรรมเนียม '{fee}' ของงานบริการ '{service}' ไม่มีจำนวนเงินสูงสุดของช่วง: "
                 + _FEE_TAIL[0],
                 "The '{fee}' fee of the service '{service}' has no upper amount: " + _FEE_TAIL[1]),
    "upper_below": ("ค่าธรรมเนียม '{fee}' ของงานบริการ '{service}' มีค่าสูงสุด {high} บาท น้อยกว่า"
                    "ค่าต่ำสุด {low} บาท: " + _FEE_TAIL[0],
                    "The '{fee}' fee of the service '{service}' has an upper amount ({high} baht) "
                    "below its lower one ({low} baht): " + _FEE_TAIL[1]),
})
def services_fee_without_amount(sc, emit):
    kinds = {c.key: c for c in schema.FEE_KINDS}
    for i, s in _services(sc):
        kind = s.get("fee_kind")
        if kind not in kinds or kind == schema.FEE_NONE:
            continue
        low, high = number(s.get("fee_amount")), number(s.get("fee_amount_max"))
        label = kinds[kind]
        slots = {"fee": (label.label_th, label.label_en), "service": _name(s)}
        if low is None:
            variant = ""
        elif kind == schema.FEE_RANGE and high is None:
            variant = "no_upper"
        elif kind == schema.FEE_RANGE and high < low:
            variant = "upper_below"
            slots.update(high=f"{high:g}", low=f"{low:g}")
        else:
            continue
        emit(i, say("services.fee_without_amount", variant, **slots),
             expected="fee_amount", actual=kind, record=_ref(SERVICES, s))


_URL_TH = ("ลิงก์คู่มือของงานบริการ '{service}' ('{url}') ไม่ใช่ที่อยู่เว็บ: ใส่ที่อยู่เต็มที่เปิดได้ "
           "เช่น https://www.info.go.th/...")
_URL_EN = ("The manual address of the service '{service}' ('{url}') is not a web address: give "
           "the full address a citizen can open, e.g. https://www.info.go.th/...")


@service_rule("services.manual_url", ERROR, "Citizen manual address is not a web address",
              "ลิงก์คู่มือสำหรับประชาชนไม่ใช่ที่อยู่เว็บ", messages={
    "": (_URL_TH, _URL_EN + "."),
    "scheme": (_URL_TH + " (น่าจะขาด https://)", _URL_EN + " (probably missing https://)."),
})
def services_manual_url(sc, emit):
    for i, s in _services(sc):
        url = (s.get("manual_url") or "").strip()
        if not url or is_url(url):
            continue
        fix = ""
        if is_url("https://" + url):
            fix = fix_set_record(SERVICES, s.get("service_id") or "",
                                 {"manual_url": "https://" + url})
        emit(i, say("services.manual_url", "scheme" if fix else "", service=_name(s), url=url),
             expected="https://...", actual=url, fix=fix, record=_ref(SERVICES, s))


@service_rule("services.orphan", ERROR, "Service, step or document whose parent is missing",
              "งานบริการ ขั้นตอน หรือเอกสารที่ไม่มีต้นทาง", messages={
    "": ("งานบริการ '{service}' อ้างถึงหมุด '{pin}' ซึ่งไม่มีในสำเนาทำงาน: "
         "ย้ายไปไว้ที่จุดให้บริการที่ถูกต้อง หรือลบทิ้ง",
         "The service '{service}' belongs to pin '{pin}', which is not in the working copy: "
         "attach it to the right service point, or delete it."),
    "no_pin": ("งานบริการ '{service}' ไม่ได้ระบุหมุด: ย้ายไปไว้ที่จุดให้บริการที่ถูกต้อง หรือลบทิ้ง",
               "The service '{service}' names no pin: attach it to the right service point, or "
               "delete it."),
    "child": ("{what} '{record_name}' อ้างถึงงานบริการ '{service_id}' ซึ่งไม่มีแล้ว: "
              "ย้ายไปไว้ที่งานบริการที่ถูกต้อง หรือลบทิ้ง",
              "The {what} '{record_name}' belongs to service '{service_id}', which does not "
              "exist: attach it to the right service, or delete it."),
    "child_no_service": ("{what} '{record_name}' ไม่ได้ระบุงานบริการ: ย้ายไปไว้ที่งานบริการที่ถูกต้อง "
                         "หรือลบทิ้ง",
                         "The {what} '{record_name}' names no service: attach it to the right "
                         "service, or delete it."),
})
def services_orphan(sc, emit):
    for s in sc.data.services:
        pin = s.get("pin_id") or ""
        if pin not in sc.pins:
            emit(None, say("services.orphan", "" if pin.strip() else "no_pin", service=_name(s),
                            pin=pin),
                 actual=pin, record=_ref(SERVICES, s), pin_id=pin)
    for table, field in ((STEPS, "title_th"), (DOCUMENTS, "name_th")):
        for r in sc.data.rows(table):
            sid = r.get("service_id") or ""
            if sid not in sc.services:
                emit(None, say("services.orphan", "child" if sid.strip() else "child_no_service",
                                what=_KIND[table], record_name=_name(r, field), service_id=sid),
                     actual=sid, record=_ref(table, r))


#: The rules above: they find something only when services are given (algorithms that validate
#: pins alone -- the batch, the report -- leave them out of their per-rule tables).
SERVICE_RULE_IDS = tuple(r.rule_id for r in RULES if r.check.__module__ == __name__)


def pin_rules():
    """The registry's rules without the services' (for algorithms that check pins alone)."""
    return [r for r in RULES if r.rule_id not in SERVICE_RULE_IDS]
