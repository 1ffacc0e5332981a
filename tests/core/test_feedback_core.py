"""Issue 19: the pure-Python part of citizen feedback -- what counts as personal data in a
comment (and what does not), what a response is, the small-sample and ranking rules, the
previous period, Zero Copy contradictions, and the terms without PyThaiNLP."""
import datetime as dt
import re

import pytest

from citizen_pins.core import feedback as fb
from citizen_pins.core import feedback_analysis as fa


@pytest.mark.parametrize("text,kind", [
    ("โทร 081-234-5678 ครับ", "phone"), ("0812345678", "phone"), ("+66 81 234 5678", "phone"),
    ("02-123-4567", "phone"), ("๐๘๑๒๓๔๕๖๗๘", "phone"), ("038 611 234", "phone"),
    ("เลขบัตร 1-2345-67890-12-3", "id"), ("1234567890123", "id"), ("1 2345 67890 12 3", "id"),
    ("a.b@example.co.th", "email"), ("บัญชี 123-4-56789-0", "digits"),
])
def test_personal_data_is_removed(text, kind):
    out, removed = fb.strip_personal_data(text)
    assert removed == {kind: 1}, (text, out)
    assert fb.REMOVED[kind] in out
    assert not re.search(r"[0-9๐-๙]{2}", out), out  # nothing of the number is left


@pytest.mark.parametrize("text", [
    "รอ 45 นาที คิวที่ 123", "ปี 2567 เวลา 10.30 น.", "ค่าธรรมเนียม 1,000 บาท", "ชั้น 2 ห้อง 204",
    "วันที่ 12/03/2567", "บริการดีมาก ๕ ดาว"])
def test_times_fees_and_queue_numbers_stay(text):
    assert fb.strip_personal_data(text) == (text, {})


def response(**props):
    p = {"pin_id": "0b8e1c9a-3f2d-4e5a-9c1b-2d3e4f5a6b7c", "visit_date": "2026-11-30",
         "answers": {"satisfaction": 4}}
    p.update(props)
    return {"type": "Feature", "geometry": None, "properties": p}


def test_a_response_and_its_refusals():
    today = dt.date(2026, 12, 1)
    r, problems = fb.parse_response(response(comment="  ดี \r\n มาก  "), today)
    assert not problems and r.comment == "ดี \n มาก" and r.answers["trust"] is None
    for bad, field in (({"answers": {"satisfaction": 0}}, "answers.satisfaction"),
                       ({"answers": {"trust": 3}}, "answers.satisfaction"),
                       ({"visit_date": "2026-12-03"}, "visit_date"),
                       ({"visit_date": "2026-08-01"}, "visit_date"),
                       ({"asked_copy": "yes"}, "asked_copy"),
                       ({"complaint": {"category": "delay", "why": 1}}, "complaint"),
                       ({"comment": "ก" * 1001}, "comment"),
                       ({"comment": "a\x07b"}, "comment")):
        r, problems = fb.parse_response(response(**bad), today)
        assert r is None and problems[0]["field"] == field, (bad, problems)
        assert problems[0]["message_th"] and problems[0]["message_en"]
    r, problems = fb.parse_response(dict(response(), id="x"), today)
    assert problems and problems[0]["code"] == "unknown_member"
    a, _ = fb.parse_response(response(), today)
    b, _ = fb.parse_response(response(asked_copy=True), today)
    assert a.fingerprint() != b.fingerprint()


def group(n, pct, mean, copy=(0, 0)):
    return {"responses": n, "pct_satisfied": pct, "means": {"satisfaction": mean},
            "enough": n >= fb.MIN_RESPONSES, "asked_copy": {"yes": copy[0], "answered": copy[1]}}


def test_small_samples_are_never_ranked_and_change_needs_two_enough_periods():
    now = {"a": group(40, 80.0, 4.1), "b": group(29, 100.0, 5.0), "c": group(60, 90.0, 4.5),
           "d": group(35, 80.0, 4.3)}
    before = {"a": group(50, 70.0, 3.9), "c": group(10, 50.0, 3.0)}
    rows = {r.key: r for r in fa.rows("abcde", now, before)}
    assert [rows[k].rank for k in "abcde"] == [3, None, 1, 2, None]
    assert rows["b"].status == fa.NOT_ENOUGH and rows["e"].status == fa.NO_RESPONSES
    assert rows["a"].change == 10.0 and rows["c"].change is None and rows["d"].change is None


def test_previous_period_has_the_same_length():
    assert fa.previous_period((2026, 1), (2026, 12)) == ((2025, 1), (2025, 12))
    assert fa.previous_period((2026, 2), (2026, 4)) == ((2025, 11), (2026, 1))


def test_contradictions_follow_their_thresholds():
    groups = {"z1": group(40, 80, 4, (8, 40)), "z2": group(40, 80, 4, (7, 40)),
              "z3": group(40, 80, 4, (20, 29)), "d1": group(40, 80, 4, (1, 40)),
              "d2": group(40, 80, 4, (2, 40))}
    declared = {"z1": "zero_copy", "z2": "zero_copy", "z3": "zero_copy",
                "d1": "copies_demanded", "d2": "copies_demanded"}
    got = {(c.pin_id, c.kind) for c in fa.contradictions(declared, groups)}
    # 8/40 = 20 % is at the threshold; 7/40 is under it; 29 answers are too few; 1/40 = 2.5 %
    assert got == {("z1", "asked_despite_zero_copy"), ("d1", "record_may_be_outdated")}


def test_terms_without_pythainlp_are_whole_phrases():
    texts = ["รอคิวนานมาก", "รอคิวนานมาก และที่จอดรถน้อย", "staff were helpful, helpful"]
    terms = dict(fa.top_terms(texts, tokenize=str.split))
    assert terms["รอคิวนานมาก"] == 2 and terms["helpful"] == 1 and "และ" not in terms
    assert "คิว" not in terms  # no word segmentation without PyThaiNLP
