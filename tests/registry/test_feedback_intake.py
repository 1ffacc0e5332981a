"""Issue 19: citizens' feedback at the real registry -- the anonymous intake and its rules (unknown
pin, body limits, duplicates accepted once, personal data stripped, refusals in Thai and English),
aggregates public, comments only for the province's accounts and coordinators, and the rate
limits shared by two gateway processes (their counts are in PostgreSQL)."""
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import requests

from registry_helpers import BOUNDARIES, assert_json_error, auth, new_feature
from registry import launcher

pytestmark = pytest.mark.registry
BANGKOK = dt.timezone(dt.timedelta(hours=7))


def today():
    return dt.datetime.now(BANGKOK).date()


def response(pin_id, **props):
    p = {"pin_id": pin_id, "visit_date": today().isoformat(),
         "answers": {"satisfaction": 4, "trust": 5, "ease": 3}, "asked_copy": False,
         "asked_payment": False}
    p.update(props)
    return {"type": "Feature", "geometry": None, "properties": p}


def post(url, body, address=None, **headers):
    h = {"Content-Type": "application/json"}
    if address:
        h["X-Forwarded-For"] = address
    h.update(headers)
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return requests.post(url + "/collections/feedback/items", data=data, headers=h, timeout=30)


@pytest.fixture(scope="module")
def pins(registry):
    """Two live pins (Rayong, Chiang Mai) and one deleted."""
    out = {}
    for key, tambon, prov, account in (("rayong", "210101", "21", "rayong"),
                                       ("chiangmai", "500101", "50", "chiangmai"),
                                       ("deleted", "210102", "21", "rayong")):
        f = new_feature(registry.point_in(tambon), prov, name_en=f"feedback {key}")
        r = requests.post(registry.items_url(), data=json.dumps(f), auth=auth(account),
                          headers={"Content-Type": "application/geo+json"}, timeout=30)
        assert r.status_code == 201, r.text
        out[key] = f["id"]
    r = requests.delete(registry.items_url(out["deleted"]), auth=auth("rayong"),
                        headers={"If-Match": '"1"'}, timeout=30)
    assert r.status_code == 204
    return out


def stored(registry, feedback_id):
    rows = registry.query("SELECT * FROM feedback WHERE feedback_id = %s", (feedback_id,))
    return rows[0] if rows else None


def test_a_response_is_stored_once_and_its_personal_data_never(registry, pins):
    comment = ("รอนานมาก โทรหาผมได้ที่ 081-234-5678 หรือ ๐๘๙ ๑๒๓ ๔๕๖๗ เลขบัตร 3-1012-00345-67-8 "
               "อีเมล somchai.j@example.co.th บัญชี 123-4-56789-0 คิวที่ 45")
    body = response(pins["rayong"], comment=comment,
                    complaint={"category": "delay", "detail": "ติดต่อกลับ +66 81 234 5678"})
    r = post(registry.url, body, "198.51.100.7")
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["status"] == "stored" and doc["message_th"] and doc["message_en"]
    assert doc["removed"] == {"phone": 3, "id": 1, "email": 1, "digits": 1}
    row = stored(registry, doc["id"])
    assert row["province_code"] == "21" and row["satisfaction"] == 4 and row["trust"] == 5
    assert row["effectiveness"] is None and row["synthetic"] is False
    for secret in ("081-234-5678", "๐๘๙", "3-1012-00345-67-8", "somchai", "56789",
                   "81 234 5678"):
        assert secret not in row["comment"] + row["complaint_detail"], secret
    assert "คิวที่ 45" in row["comment"] and "[ลบเบอร์โทร" in row["complaint_detail"]
    # no raw address anywhere: not in the response, not in the throttle (a keyed hash only)
    text = json.dumps(registry.query("SELECT * FROM feedback_throttle"), default=str)
    text += json.dumps(registry.query("SELECT * FROM feedback_recent"), default=str)
    text += json.dumps(row, default=str)
    assert "198.51.100.7" not in text and "client:" in text
    # the same answers from the same client again: accepted once
    again = post(registry.url, body, "198.51.100.7")
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert again.json()["id"] == doc["id"]
    assert len(registry.query("SELECT 1 FROM feedback WHERE pin_id = %s AND comment = %s",
                              (pins["rayong"], row["comment"]))) == 1
    # the same answers from another client: another citizen
    other = post(registry.url, body, "198.51.100.8")
    assert other.status_code == 201 and other.json()["id"] != doc["id"]


def test_refusals_are_4xx_json_in_thai_and_english(registry, pins):
    url = registry.url
    r = post(url, response("0b8e1c9a-3f2d-4e5a-9c1b-2d3e4f5a6b7c"), "198.51.100.20")
    assert_json_error(r, 404, "unknown_pin")
    assert_json_error(post(url, response(pins["deleted"]), "198.51.100.20"), 404, "unknown_pin")
    big = response(pins["rayong"], comment="ก" * 12000)  # 36 KB of UTF-8
    assert_json_error(post(url, big, "198.51.100.20"), 413, "too_large")
    long_comment = response(pins["rayong"], comment="ดี" * 600)
    body = assert_json_error(post(url, long_comment, "198.51.100.20"), 422, "invalid")
    assert body["problems"][0]["field"] == "comment"
    for bad in ({"satisfaction": 6}, {"satisfaction": None}, {"trust": 4}, {"satisfaction": True},
                {"satisfaction": 5, "mood": 3}):
        r = post(url, response(pins["rayong"], answers=bad), "198.51.100.20")
        assert_json_error(r, 422, "invalid")
    old = (today() - dt.timedelta(days=120)).isoformat()
    assert_json_error(post(url, response(pins["rayong"], visit_date=old), "198.51.100.20"), 422)
    assert_json_error(post(url, response(pins["rayong"], complaint={"category": "weather"}),
                           "198.51.100.20"), 422)
    assert_json_error(post(url, b"{not json", "198.51.100.20"), 400, "malformed_json")
    r = requests.post(url + "/collections/feedback/items", data="satisfaction=5",
                      headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert_json_error(r, 415)
    r = post(url, response(pins["rayong"]), "198.51.100.20", Origin="https://evil.example")
    assert_json_error(r, 403, "cross_origin")
    r = requests.put(url + "/collections/feedback/items", data="{}", timeout=30,
                     headers={"Content-Type": "application/json"})
    assert_json_error(r, 405)
    r = requests.get(url + "/collections/feedback/summary", params={"by": "galaxy"}, timeout=30)
    assert_json_error(r, 400, "bad_parameter")
    r = requests.get(url + "/feedback/not-a-pin", timeout=30)
    assert_json_error(r, 404)
    assert not registry.query("SELECT 1 FROM feedback WHERE pin_id = %s AND visit_date = %s",
                              (pins["rayong"], old))


def test_a_named_service_must_be_one_of_the_pins_services(registry, pins):
    """Feedback may name one of the pin's services (issue 18's registry collection): a service
    the registry does not have, or one of another pin, is refused (404 unknown_service, Thai
    and English) and nothing is stored; the pin's own service is stored with the response."""
    import uuid
    service_id = str(uuid.uuid4())
    svc = {"type": "Feature", "id": service_id, "geometry": None,
           "properties": {"pin_id": pins["rayong"], "name_th": "ขอมีบัตรประจำตัวประชาชน",
                          "channel": "counter", "fee_kind": "none", "active": True,
                          "steps": [], "documents": []}}
    r = requests.post(registry.url + "/collections/services/items", data=json.dumps(svc),
                      auth=auth("rayong"), headers={"Content-Type": "application/geo+json"},
                      timeout=30)
    assert r.status_code == 201, r.text
    url = registry.url
    unknown = str(uuid.uuid4())
    body = assert_json_error(post(url, response(pins["rayong"], service_id=unknown),
                                  "198.51.100.30"), 404, "unknown_service")
    assert "บริการ" in body["message_th"] and unknown in body["message_en"]
    # a real service, but of another service point
    assert_json_error(post(url, response(pins["chiangmai"], service_id=service_id),
                           "198.51.100.30"), 404, "unknown_service")
    assert not registry.query("SELECT 1 FROM feedback WHERE service_id IN (%s, %s)",
                              (unknown, service_id))
    r = post(url, response(pins["rayong"], service_id=service_id), "198.51.100.30")
    assert r.status_code == 201, r.text
    assert stored(registry, r.json()["id"])["service_id"] == service_id


def test_aggregates_are_public_comments_are_not(registry, pins):
    for k, (sat, copy) in enumerate(((5, False), (4, True), (2, True))):
        body = response(pins["chiangmai"], answers={"satisfaction": sat, "trust": sat},
                        asked_copy=copy, comment=f"ความเห็นเชียงใหม่ {k}",
                        complaint={"category": "documents"} if copy else None)
        assert post(registry.url, body, f"203.0.113.{10 + k}").status_code == 201
    month = today().strftime("%Y-%m")
    r = requests.get(registry.url + "/collections/feedback/summary",
                     params={"pin_id": pins["chiangmai"], "from": month, "to": month}, timeout=30)
    assert r.status_code == 200, r.text
    (g,) = r.json()["groups"]
    assert (g["responses"], g["satisfied"], g["pct_satisfied"]) == (3, 2, 66.7)
    assert g["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    assert g["means"]["satisfaction"] == g["means"]["trust"] == round(11 / 3, 2)
    assert g["asked_copy"] == {"yes": 2, "answered": 3, "pct": 66.7}
    assert g["complaints"]["documents"] == 2 and g["comments"] == 3 and g["enough"] is False
    assert "ความเห็นเชียงใหม่" not in r.text  # aggregates carry no comment
    by_province = requests.get(registry.url + "/collections/feedback/summary",
                               params={"by": "province", "from": month, "to": month}, timeout=30)
    assert {x["province_code"] for x in by_province.json()["groups"]} >= {"21", "50"}
    items = registry.url + "/collections/feedback/items"
    assert_json_error(requests.get(items, params={"province_code": "50"}, timeout=30), 401)
    r = requests.get(items, params={"province_code": "50"}, auth=auth("rayong"), timeout=30)
    assert_json_error(r, 403, "forbidden")
    r = requests.get(items, auth=auth("rayong"), timeout=30)  # its own province only
    assert r.status_code == 200
    assert {f["properties"]["province_code"] for f in r.json()["features"]} == {"21"}
    for account in ("chiangmai", "coordinator"):
        r = requests.get(items, params={"province_code": "50", "pin_id": pins["chiangmai"]},
                         auth=auth(account), timeout=30)
        assert r.status_code == 200, (account, r.text)
        comments = {f["properties"]["comment"] for f in r.json()["features"]}
        assert {f"ความเห็นเชียงใหม่ {k}" for k in range(3)} <= comments
    # the database says the same to the gateway's role: no direct read of the responses
    conn = launcher.role_connection(registry.data, "writer")
    try:
        with conn.cursor() as cur:
            with pytest.raises(Exception, match="permission denied"):
                cur.execute("SELECT comment FROM feedback")
            conn.rollback()
            with pytest.raises(Exception, match="may not read"):
                cur.execute("SELECT * FROM citizen_pins_feedback_read('rayong', ARRAY['50'], "
                            "NULL, NULL, NULL, 10, 0)")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def two_gateways(registry):
    """Two more gateway processes (their own gunicorn) on the session registry's database, with
    small feedback limits: the limits must hold across them."""
    urls = launcher.role_urls(registry.data)
    env = {"REGISTRY_DATABASE_URL": urls["owner"], "REGISTRY_WRITER_URL": urls["writer"],
           "REGISTRY_READER_URL": urls["reader"], "REGISTRY_WORKERS": "1",
           "REGISTRY_FEEDBACK_CLIENT_LIMIT": "5", "REGISTRY_FEEDBACK_CLIENT_WINDOW": "600",
           "REGISTRY_FEEDBACK_PIN_LIMIT": "8", "REGISTRY_FEEDBACK_PIN_WINDOW": "600"}
    started = []
    try:
        for _ in range(2):
            data = Path(tempfile.mkdtemp(prefix="cp-feedback-gw-"))
            started.append(launcher.start(data, BOUNDARIES, env=env))
        yield started
    finally:
        for reg in started:
            assert reg.stop() == 0, reg.log_path.read_text()[-3000:]
            shutil.rmtree(reg.data, ignore_errors=True)


def test_rate_limits_hold_across_two_gateway_processes(registry, two_gateways):
    a, b = two_gateways
    assert a.proc.pid != b.proc.pid
    f = new_feature(registry.point_in("210103"), "21", name_en="busy point")
    r = requests.post(registry.items_url(), data=json.dumps(f), auth=auth("rayong"),
                      headers={"Content-Type": "application/geo+json"}, timeout=30)
    assert r.status_code == 201
    pin = f["id"]
    # one client, alternating gateways: 5 accepted in all, the 6th refused on either
    codes = []
    for k in range(7):
        body = response(pin, answers={"satisfaction": 1 + k % 5}, comment=f"client {k}")
        codes.append(post((a, b)[k % 2].url, body, "192.0.2.50").status_code)
    assert codes == [201] * 5 + [429, 429], codes
    refused = post(b.url, response(pin, comment="again"), "192.0.2.50")
    body = assert_json_error(refused, 429, "too_many_responses")
    assert 1 <= int(refused.headers["Retry-After"]) <= 600 and "นาที" in body["message_th"]
    # the pin: 8 in its window from any clients, across both gateways
    more = [post((a, b)[k % 2].url, response(pin, comment=f"other {k}"), f"192.0.2.{60 + k}")
            .status_code for k in range(5)]
    assert more == [201, 201, 201, 429, 429], more
    assert len(registry.query("SELECT 1 FROM feedback WHERE pin_id = %s", (pin,))) == 8
    # a refused attempt counted for nothing: the count is the limit, not the attempts
    rows = registry.query("SELECT count FROM feedback_throttle WHERE key = %s", ("pin:" + pin,))
    assert rows[0]["count"] == 8
