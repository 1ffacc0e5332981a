"""Citizen feedback on a service point: the question set, the complaint categories, what a response
is, and what personal data is taken out of its free text.  Pure Python (no QGIS): the registry's
gateway validates and stores responses with it, the plugin's analytics and the citizens' form read
the same questions and categories (docs/feedback.md says why these).

A response (the body of ``POST /collections/feedback/items``, a GeoJSON Feature without geometry)::

    {"type": "Feature", "geometry": null,
     "properties": {"pin_id": "<uuid>", "service_id": "<uuid>" | null,
                    "visit_date": "2025-03-14",
                    "answers": {"satisfaction": 5, "trust": 4, ..., "transparency": null},
                    "asked_copy": false, "asked_payment": false,
                    "comment": "..." | null,
                    "complaint": {"category": "delay", "detail": "..." | null} | null}}

Every item is answered 1 (strongly disagree) .. 5 (strongly agree), or null (not answered / does
not apply); ``satisfaction`` is required.  Free text is cleaned (core/normalize.py), then Thai ID
numbers, phone numbers, e-mail addresses and other long digit runs are replaced by a marker
(:func:`strip_personal_data`): the registry never stores them.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from . import normalize


@dataclass(frozen=True)
class Question:
    key: str
    #: the customer-experience driver of OMB Circular A-11 section 280 it measures
    driver: str
    text_th: str
    text_en: str
    short_th: str
    short_en: str
    required: bool = False


#: The fixed question set, in the form's order: the eight A-11 section 280 drivers, each a
#: statement the citizen agrees or disagrees with (1-5).
QUESTIONS: Tuple[Question, ...] = (
    Question("satisfaction", "satisfaction",
             "โดยรวม ฉันพอใจกับบริการที่ได้รับในครั้งนี้",
             "Overall, I am satisfied with the service I received.",
             "ความพึงพอใจ", "satisfaction", required=True),
    Question("trust", "confidence / trust",
             "การมาใช้บริการครั้งนี้ทำให้ฉันเชื่อมั่นในหน่วยงานนี้มากขึ้น",
             "This visit increased my trust in this office.", "ความเชื่อมั่น", "trust"),
    Question("effectiveness", "effectiveness / quality",
             "ฉันได้รับสิ่งที่ต้องการ (เรื่องของฉันได้รับการดำเนินการ)",
             "My need was addressed.", "ได้รับสิ่งที่ต้องการ", "need addressed"),
    Question("ease", "ease / simplicity",
             "การติดต่อขอรับบริการครั้งนี้ทำได้ง่าย",
             "It was easy to do what I needed to do.", "ความง่าย", "ease"),
    Question("efficiency", "efficiency / speed",
             "ใช้เวลาอย่างเหมาะสมในการดำเนินการ",
             "It took a reasonable amount of time.", "ระยะเวลาเหมาะสม", "reasonable time"),
    Question("equity", "equity",
             "ฉันได้รับการปฏิบัติอย่างเป็นธรรม",
             "I was treated fairly.", "ความเป็นธรรม", "treated fairly"),
    Question("employee", "employee helpfulness",
             "เจ้าหน้าที่ที่ให้บริการช่วยเหลือเป็นอย่างดี",
             "The staff who served me were helpful.", "เจ้าหน้าที่ช่วยเหลือดี", "helpful staff"),
    Question("transparency", "transparency",
             "ฉันเข้าใจขั้นตอนและสิ่งที่ต้องใช้ตลอดการรับบริการ",
             "I understood what was being asked of me throughout the process.",
             "ความชัดเจนโปร่งใส", "transparency"),
)
QUESTION_KEYS: Tuple[str, ...] = tuple(q.key for q in QUESTIONS)
#: The 1-5 scale, as the form shows it.
SCALE: Tuple[Tuple[int, str, str], ...] = (
    (1, "ไม่เห็นด้วยอย่างยิ่ง", "Strongly disagree"),
    (2, "ไม่เห็นด้วย", "Disagree"),
    (3, "เฉย ๆ", "Neutral"),
    (4, "เห็นด้วย", "Agree"),
    (5, "เห็นด้วยอย่างยิ่ง", "Strongly agree"),
)
#: Satisfied = the satisfaction item answered 4 or 5 (A-11's "top-two-box" share).
SATISFIED_FROM = 4

#: The two yes/no questions (Zero Copy in practice, and fees beyond the published one).
YES_NO: Tuple[Question, ...] = (
    Question("asked_copy", "Zero Copy",
             "เจ้าหน้าที่ขอให้คุณส่งสำเนาเอกสาร (เช่น สำเนาบัตรประชาชน สำเนาทะเบียนบ้าน) หรือไม่",
             "Were you asked for a copy of a document (e.g. of your ID card or house "
             "registration)?", "ถูกขอสำเนา", "asked for a copy"),
    Question("asked_payment", "integrity",
             "มีการเรียกเก็บเงินเกินค่าธรรมเนียมที่ประกาศไว้หรือไม่",
             "Were you asked for any payment beyond the published fee?",
             "ถูกเรียกเงินเกินค่าธรรมเนียม", "asked for extra payment"),
)


@dataclass(frozen=True)
class Category:
    key: str
    label_th: str
    label_en: str


#: Complaint categories (docs/feedback.md: why these, and what of the 1111 centre's topics could
#: and could not be established).
CATEGORIES: Tuple[Category, ...] = (
    Category("staff_conduct", "พฤติกรรมหรือการให้บริการของเจ้าหน้าที่",
             "Staff conduct or service manner"),
    Category("delay", "ความล่าช้า รอนาน หรือเกินระยะเวลาที่กำหนด",
             "Delay, long waits, beyond the time limit"),
    Category("extra_payment", "เรียกรับเงินหรือผลประโยชน์ / ทุจริตประพฤติมิชอบ",
             "Demand for money or favours / corruption"),
    Category("documents", "เรียกเอกสารหรือสำเนาเกินความจำเป็น",
             "Unnecessary documents or copies demanded"),
    Category("information", "ข้อมูล ขั้นตอน หรือคู่มือไม่ชัดเจนหรือไม่ตรงกับความจริง",
             "Unclear or wrong information, steps or manual"),
    Category("unfair_treatment", "การเลือกปฏิบัติ ไม่เป็นธรรม",
             "Discrimination, unfair treatment"),
    Category("facilities", "สถานที่ สิ่งอำนวยความสะดวก การเข้าถึงของผู้พิการและผู้สูงอายุ",
             "Premises, facilities, access for disabled and elderly people"),
    Category("systems", "ระบบคิว ระบบออนไลน์ หรืออุปกรณ์ขัดข้อง",
             "Queue, online system or equipment failure"),
    Category("other", "เรื่องอื่น ๆ", "Other"),
)
CATEGORY_KEYS: Tuple[str, ...] = tuple(c.key for c in CATEGORIES)

#: Longest comment and complaint detail (characters, after cleaning).
MAX_COMMENT = 1000
#: How far back a visit may be (days), and how far ahead (a day: the phone's date may differ).
MAX_VISIT_AGE_DAYS = 90
#: Fewer responses than this: "not enough responses", never ranked (docs/feedback.md).
MIN_RESPONSES = 30

BANGKOK = _dt.timezone(_dt.timedelta(hours=7))
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def category_label(key: Optional[str], lang: str = "th") -> str:
    for c in CATEGORIES:
        if c.key == key:
            return c.label_th if lang == "th" else c.label_en
    return key or ""


# -- personal data in free text -----------------------------------------------------------------

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SEP = r"[ \-.\u00a0]?"
#: A Thai ID number: 13 digits, often written 1-2345-67890-12-3 (any separators).
_ID = re.compile(r"(?<!\d)\d" + _SEP + r"\d{4}" + _SEP + r"\d{5}" + _SEP + r"\d{2}" + _SEP
                 + r"\d(?!\d)")
#: A Thai phone number: mobile 0[689]x-xxx-xxxx, fixed 0x-xxx-xxxx, or +66 / 66 without the 0.
_PHONE = re.compile(r"(?<![\d+])(?:\+?66" + _SEP + r"|0)" + r"\d(?:" + _SEP + r"\d){7,8}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
#: Any other run of 9 or more digits (bank accounts, passport or case numbers of a person).
_LONG_DIGITS = re.compile(r"(?<!\d)\d(?:" + _SEP + r"\d){8,}(?!\d)")
REMOVED = {"id": "[ลบเลขประจำตัว/ID removed]", "phone": "[ลบเบอร์โทร/phone removed]",
           "email": "[ลบอีเมล/e-mail removed]", "digits": "[ลบตัวเลข/number removed]"}


def strip_personal_data(text: Optional[str]) -> Tuple[Optional[str], Dict[str, int]]:
    """``text`` with ID numbers, phone numbers, e-mail addresses and long digit runs replaced by a
    marker (Thai digits are read as digits); and how many of each were removed."""
    if text is None:
        return None, {}
    t = text.translate(_THAI_DIGITS) if any("๐" <= ch <= "๙" for ch in text) else text
    counts: Dict[str, int] = {}
    for kind, pattern in (("email", _EMAIL), ("id", _ID), ("phone", _PHONE),
                          ("digits", _LONG_DIGITS)):
        t, n = pattern.subn(REMOVED[kind], t)
        if n:
            counts[kind] = n
    if not counts:
        return text, counts  # untouched (its Thai digits kept)
    return t, counts


# -- a response ----------------------------------------------------------------------------------

@dataclass
class Response:
    pin_id: str
    service_id: Optional[str]
    visit_date: _dt.date
    answers: Dict[str, Optional[int]]
    asked_copy: Optional[bool]
    asked_payment: Optional[bool]
    comment: Optional[str]
    complaint_category: Optional[str]
    complaint_detail: Optional[str]
    #: what strip_personal_data removed (kinds -> count), over comment and detail
    removed: Dict[str, int]

    def fingerprint(self) -> str:
        """What makes two submissions the same (the duplicate check): everything answered."""
        parts = [self.pin_id, self.service_id or "", self.visit_date.isoformat()]
        parts += [str(self.answers.get(k) or "") for k in QUESTION_KEYS]
        parts += [str(self.asked_copy), str(self.asked_payment), self.comment or "",
                  self.complaint_category or "", self.complaint_detail or ""]
        return "\x1f".join(parts)


def problem(field: Optional[str], code: str, en: str, th: str) -> dict:
    return {"field": field, "code": code, "message_en": en, "message_th": th}


PROPERTIES = ("pin_id", "service_id", "visit_date", "answers", "asked_copy", "asked_payment",
              "comment", "complaint")


def _text(props: dict, key: str, label_en: str, label_th: str, problems: List[dict],
          limit: int = MAX_COMMENT) -> Optional[str]:
    v = props.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        problems.append(problem(key, "type", f"{label_en} must be text.", f"{label_th}ต้องเป็นข้อความ"))
        return None
    cleaned = normalize.clean_text(v, multiline=True)
    if not cleaned:
        return None
    issue = normalize.text_problem(cleaned, limit, multiline=True)
    if issue is not None:
        en, th = normalize.text_message(issue, label_en, label_th, limit)
        problems.append(problem(key, issue, en, th))
        return None
    return cleaned


def parse_response(body, today: Optional[_dt.date] = None) -> Tuple[Optional[Response], List[dict]]:
    """A response from a request body, or the problems (in English and Thai) that refuse it."""
    problems: List[dict] = []
    if not isinstance(body, dict) or body.get("type") != "Feature" \
            or not isinstance(body.get("properties"), dict):
        return None, [problem(None, "not_a_feature",
                              "The body must be a GeoJSON Feature whose properties are the "
                              "answers (see the OpenAPI document).",
                              "ข้อมูลต้องเป็น GeoJSON Feature ที่มีคำตอบอยู่ใน properties")]
    extra = sorted(set(body) - {"type", "geometry", "properties"})
    if extra or body.get("geometry") is not None:
        problems.append(problem(None, "unknown_member",
                                "A response has no geometry, no id and no other members than "
                                "type and properties.",
                                "คำตอบต้องไม่มี geometry, id หรือส่วนอื่นนอกจาก type และ properties"))
    props = body["properties"]
    unknown = sorted(str(k)[:40] for k in props if k not in PROPERTIES)
    if unknown:
        problems.append(problem(None, "unknown_property", f"Unknown properties: {', '.join(unknown)}.",
                                f"ไม่รู้จักช่องข้อมูล: {', '.join(unknown)}"))
    pin_id = props.get("pin_id")
    if not isinstance(pin_id, str) or not UUID_RE.match(pin_id):
        problems.append(problem("pin_id", "pin_id", "pin_id must be the service point's id (a "
                                "UUID in lower case).", "pin_id ต้องเป็นรหัสจุดให้บริการ (UUID)"))
    service_id = props.get("service_id")
    if service_id is not None and (not isinstance(service_id, str) or not UUID_RE.match(service_id)):
        problems.append(problem("service_id", "service_id", "service_id must be a service's id "
                                "(a UUID in lower case) or null.",
                                "service_id ต้องเป็นรหัสงานบริการ (UUID) หรือเว้นว่าง"))
    today = today or _dt.datetime.now(BANGKOK).date()
    visit = None
    raw = props.get("visit_date")
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", raw):
        try:
            visit = _dt.date.fromisoformat(raw)
        except ValueError:
            visit = None
    if visit is None:
        problems.append(problem("visit_date", "visit_date", "visit_date must be the date of the "
                                "visit, YYYY-MM-DD.", "visit_date ต้องเป็นวันที่มารับบริการ (ปปปป-ดด-วว ค.ศ.)"))
    elif not (today - _dt.timedelta(days=MAX_VISIT_AGE_DAYS) <= visit
              <= today + _dt.timedelta(days=1)):
        problems.append(problem("visit_date", "visit_date_range",
                                f"visit_date must be within the last {MAX_VISIT_AGE_DAYS} days, "
                                "not in the future.",
                                f"วันที่มารับบริการต้องอยู่ภายใน {MAX_VISIT_AGE_DAYS} วันที่ผ่านมา "
                                "และไม่ใช่วันในอนาคต"))
    answers_raw = props.get("answers")
    answers: Dict[str, Optional[int]] = {}
    if not isinstance(answers_raw, dict):
        problems.append(problem("answers", "answers", "answers must be an object of the "
                                "question keys to 1-5 (or null).",
                                "answers ต้องเป็นคำตอบของแต่ละข้อ 1-5"))
    else:
        unknown = sorted(str(k)[:40] for k in answers_raw if k not in QUESTION_KEYS)
        if unknown:
            problems.append(problem("answers", "unknown_question",
                                    f"Unknown questions: {', '.join(unknown)}.",
                                    f"ไม่รู้จักคำถาม: {', '.join(unknown)}"))
        for q in QUESTIONS:
            v = answers_raw.get(q.key)
            if v is None:
                if q.required:
                    problems.append(problem(f"answers.{q.key}", "required",
                                            f"'{q.text_en}' must be answered (1-5).",
                                            f"กรุณาตอบข้อ '{q.text_th}' (1-5)"))
                answers[q.key] = None
            elif isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
                problems.append(problem(f"answers.{q.key}", "scale",
                                        f"answers.{q.key} must be a whole number from 1 to 5, or "
                                        "null.", f"คำตอบข้อ {q.short_th} ต้องเป็นเลข 1 ถึง 5"))
            else:
                answers[q.key] = v
    flags = {}
    for q in YES_NO:
        v = props.get(q.key)
        if v is not None and not isinstance(v, bool):
            problems.append(problem(q.key, "yes_no", f"{q.key} must be true, false or null.",
                                    f"{q.key} ต้องเป็น ใช่ / ไม่ใช่ หรือเว้นว่าง"))
            v = None
        flags[q.key] = v
    comment = _text(props, "comment", "comment", "ความคิดเห็น", problems)
    category = detail = None
    complaint = props.get("complaint")
    if complaint is not None:
        if not isinstance(complaint, dict) or set(complaint) - {"category", "detail"}:
            problems.append(problem("complaint", "complaint", "complaint must be {\"category\", "
                                    "\"detail\"} or null.", "ข้อร้องเรียนต้องมีประเภทและรายละเอียด"))
        else:
            category = complaint.get("category")
            if category not in CATEGORY_KEYS:
                problems.append(problem("complaint.category", "category",
                                        "complaint.category must be one of: "
                                        + ", ".join(CATEGORY_KEYS) + ".",
                                        "กรุณาเลือกประเภทของข้อร้องเรียน"))
                category = None
            detail = _text(complaint, "detail", "complaint detail", "รายละเอียดข้อร้องเรียน",
                           problems)
    if problems:
        return None, problems
    removed: Dict[str, int] = {}
    comment, r1 = strip_personal_data(comment)
    detail, r2 = strip_personal_data(detail)
    for r in (r1, r2):
        for k, n in r.items():
            removed[k] = removed.get(k, 0) + n
    return Response(pin_id, service_id, visit, answers, flags["asked_copy"],
                    flags["asked_payment"], comment, category, detail, removed), []


# -- the numbers every analysis shows ------------------------------------------------------------

def share(part: int, whole: int) -> Optional[float]:
    """Percent, one decimal; None without a whole."""
    return round(100.0 * part / whole, 1) if whole else None


def mean(total: float, n: int) -> Optional[float]:
    return round(total / n, 2) if n else None


def enough(n: int, minimum: int = MIN_RESPONSES) -> bool:
    return n >= minimum
