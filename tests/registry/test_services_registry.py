"""Issue 18 (registry part): the services collection -- each service with its steps and documents
nested -- over real HTTP against the real stack, with the same rules as pins: authorization by the
parent pin's province, one strong ETag per service, idempotent create, 422 in Thai and English,
audit, changes since, tombstones; and what the database itself guarantees (a service cannot
outlive its pin nor move away from its pin's province; the writer writes only through the
registry's functions)."""
import json
import uuid

import psycopg2
import pytest

from registry_helpers import assert_json_error, auth, new_feature
from registry import launcher

pytestmark = pytest.mark.registry

JSON = {"Content-Type": "application/geo+json"}


def services_url(registry, service_id=""):
    return f"{registry.url}/collections/services/items" + (f"/{service_id}" if service_id else "")


def new_service(pin_id, n_steps=2, n_docs=2, **props):
    service_id = props.pop("service_id", None) or str(uuid.uuid4())
    p = {"pin_id": pin_id, "name_th": f"งานบริการ {service_id[:8]}", "channel": "counter",
         "fee_kind": "fixed", "fee_amount": 20, "time_limit": 60, "time_limit_unit": "minute",
         "active": True,
         "steps": [{"step_id": str(uuid.uuid4()), "step_order": i + 1,
                    "title_th": f"ขั้นตอน {i + 1}", "duration": 10, "duration_unit": "minute"}
                   for i in range(n_steps)],
         "documents": [{"document_id": str(uuid.uuid4()), "name_th": f"เอกสาร {i + 1}",
                        "originals": 1, "copies": 0, "copy_status": "no_copy"}
                       for i in range(n_docs)]}
    p.update(props)
    return {"type": "Feature", "id": service_id, "geometry": None, "properties": p}


def post(http, url, body, user="rayong", headers=None):
    return http.post(url, data=json.dumps(body), headers=dict(JSON, **(headers or {})),
                     auth=auth(user) if user else None, timeout=30)


def put(http, url, body, etag, user="rayong"):
    return http.put(url, data=json.dumps(body), headers=dict(JSON, **{"If-Match": etag}),
                    auth=auth(user), timeout=30)


def delete(http, url, etag, user="rayong", headers=None):
    return http.delete(url, headers=dict({"If-Match": etag}, **(headers or {})), auth=auth(user),
                       timeout=30)


@pytest.fixture(scope="module")
def spots(registry):
    return {"rayong": registry.point_in("210101"), "rayong2": registry.point_in("210401"),
            "chiangmai": registry.point_in("500101")}


def make_pin(http, registry, spots, where="rayong", user="rayong"):
    province = "50" if where == "chiangmai" else "21"
    f = new_feature(spots[where], province)
    r = post(http, registry.items_url(), f, user=user)
    assert r.status_code == 201, r.text
    return f


def make_service(http, registry, pin_id, user="rayong", **kw):
    s = new_service(pin_id, **kw)
    r = post(http, services_url(registry), s, user=user)
    assert r.status_code == 201, r.text
    return s, r


def db_service(registry, service_id):
    rows = registry.query("SELECT * FROM services_published WHERE service_id = %s", (service_id,))
    return rows[0] if rows else None


# -- reads, writes, ETags --------------------------------------------------------------------------

def test_a_service_with_its_steps_and_documents_round_trips(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s = new_service(pin["id"], n_steps=3, n_docs=2)
    s["properties"]["name_th"] = "  การแจ้งเกิด  "           # stored clean
    s["properties"]["documents"][0]["note"] = "บรรทัด 1\r\nบรรทัด 2"   # a multi-line field
    r = post(http, services_url(registry), s)
    assert r.status_code == 201, r.text
    assert r.headers["ETag"] == '"1"'
    assert r.headers["Location"].endswith(f"/collections/services/items/{s['id']}")
    body = r.json()
    assert body["id"] == s["id"] and body["geometry"] is None
    props = body["properties"]
    assert props["name_th"] == "การแจ้งเกิด" and props["province_code"] == "21"
    assert props["version"] == 1 and props["updated_at"]
    assert [x["step_id"] for x in props["steps"]] == [x["step_id"] for x in
                                                       s["properties"]["steps"]]
    assert [x["document_id"] for x in props["documents"]] == [
        x["document_id"] for x in s["properties"]["documents"]]
    assert props["documents"][0]["note"] == "บรรทัด 1\nบรรทัด 2"

    got = http.get(services_url(registry, s["id"]), params={"f": "json"}, timeout=30)
    assert got.status_code == 200 and got.headers["ETag"] == '"1"'
    assert got.headers["Content-Type"].startswith("application/geo+json")
    g = got.json()["properties"]
    assert g["steps"] == props["steps"] and g["documents"] == props["documents"]
    assert http.get(services_url(registry, s["id"]), params={"f": "json"},
                    headers={"If-None-Match": '"1"'}, timeout=30).status_code == 304
    # one listing of a pin's services, as a client asks
    listing = http.get(services_url(registry), params={"f": "json", "pin_id": pin["id"]},
                       timeout=30).json()
    assert [f["id"] for f in listing["features"]] == [s["id"]]


def test_replace_with_if_match_and_one_version_per_service(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"])
    url = services_url(registry, s["id"])
    # a change to one document is a new version of the service
    s["properties"]["documents"][1].update(copies=2, copy_status="copy_demanded")
    removed = s["properties"]["steps"].pop(0)
    s["properties"]["steps"].append({"step_id": str(uuid.uuid4()), "step_order": 9,
                                     "title_th": "ขั้นตอนใหม่"})
    r = put(http, url, s, '"1"')
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"'
    props = r.json()["properties"]
    assert props["documents"][1]["copies"] == 2
    assert removed["step_id"] not in {x["step_id"] for x in props["steps"]}
    assert len(props["steps"]) == 2
    # the same content again: no new version
    r = put(http, url, s, '"2"')
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'
    # stale, missing, weak, list: 412 (with the registry's service), 428, 400, 400
    r = put(http, url, s, '"1"')
    body = assert_json_error(r, 412, "precondition_failed")
    assert body["current"]["properties"]["version"] == 2 and r.headers["ETag"] == '"2"'
    r = http.put(url, data=json.dumps(s), headers=JSON, auth=auth("rayong"), timeout=30)
    assert_json_error(r, 428, "if_match_required")
    for tag in ('W/"2"', '"1", "2"', "*"):
        r = put(http, url, s, tag)
        assert r.status_code in (400, 428), (tag, r.text)
        assert r.json()["message_th"]
    # the URL's id is the id: a body naming another service is a 422; a missing one a 404
    other = dict(s, id=str(uuid.uuid4()))
    assert_json_error(put(http, url, other, '"2"'), 422)
    assert_json_error(put(http, services_url(registry, str(uuid.uuid4())),
                          new_service(pin["id"]), '"1"'), 404, "not_found")


def test_create_is_idempotent_by_service_id(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"])
    r = post(http, services_url(registry), s)            # a repeated POST (a lost answer)
    assert r.status_code == 200 and r.headers["ETag"] == '"1"'
    # nested records in another order are the same service
    again = json.loads(json.dumps(s))
    again["properties"]["documents"].reverse()
    assert post(http, services_url(registry), again).status_code == 200
    assert registry.query("SELECT count(*) AS n FROM services WHERE service_id = %s",
                          (s["id"],))[0]["n"] == 1
    different = json.loads(json.dumps(s))
    different["properties"]["documents"][0]["copies"] = 3
    body = assert_json_error(post(http, services_url(registry), different), 409,
                             "exists_different")
    assert body["current"]["properties"]["documents"][0]["copies"] == 0


def test_delete_leaves_a_tombstone_and_the_id_is_never_reused(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"])
    url = services_url(registry, s["id"])
    assert_json_error(delete(http, url, '"2"'), 412, "precondition_failed")
    r = delete(http, url, '"1"')
    assert r.status_code == 204 and r.headers["ETag"] == '"2"'
    assert registry.query("SELECT count(*) AS n FROM service_documents WHERE service_id = %s",
                          (s["id"],))[0]["n"] == 0
    assert_json_error(http.get(url, params={"f": "json"}, timeout=30), 404)
    assert_json_error(delete(http, url, '"1"'), 404, "deleted")
    assert_json_error(post(http, services_url(registry), s), 409, "deleted")
    tomb = http.get(f"{registry.url}/collections/deleted_services/items/{s['id']}",
                    params={"f": "json"}, timeout=30).json()["properties"]
    assert tomb["pin_id"] == pin["id"] and tomb["province_code"] == "21" and tomb["version"] == 2
    assert "actor" not in tomb and "deleted_by" not in tomb


# -- 422: the plugin's rules, in Thai and English ------------------------------------------------------

@pytest.mark.parametrize("change, field, code", [
    (lambda p: p.pop("name_th"), "name_th", "required"),
    (lambda p: p.update(name_th="   "), "name_th", "required"),
    (lambda p: p.update(name_th="ชื่อ\u202e"), "name_th", "control_characters"),
    (lambda p: p.update(name_en="two\nlines"), "name_en", "tab_or_line_break"),
    (lambda p: p.update(name_th="ก" * 255), "name_th", "too_long"),
    (lambda p: p.update(channel="fax"), "channel", "not_allowed"),
    (lambda p: p.update(fee_amount=-5), "fee_amount", "minimum"),
    (lambda p: p.update(fee_amount=1e13), "fee_amount", "too_large"),
    (lambda p: p.update(fee_amount="20"), "fee_amount", "type"),
    (lambda p: p.update(active="yes"), "active", "type"),
    (lambda p: p.update(pin_id="not-a-uuid"), "pin_id", "format"),
    (lambda p: p.update(colour="red"), "colour", "unknown_field"),
    (lambda p: p["documents"][0].update(copies=-1), "documents[0].copies", "minimum"),
    (lambda p: p["documents"][0].update(copies=1.5), "documents[0].copies", "type"),
    (lambda p: p["documents"][0].update(copies=2 ** 40), "documents[0].copies", "too_large"),
    (lambda p: p["documents"][1].update(copy_status="maybe"), "documents[1].copy_status",
     "not_allowed"),
    (lambda p: p["documents"][1].pop("document_id"), "documents[1].document_id", "required"),
    # found by the fuzzer: an object where an id belongs was a 500
    (lambda p: p["documents"][0].update(document_id={}), "documents[0].document_id", "type"),
    (lambda p: p["documents"][1].update(document_id=p["documents"][0]["document_id"]),
     "documents[1].document_id", "duplicate_id"),
    (lambda p: p["documents"][0].update(service_id=str(uuid.uuid4())),
     "documents[0].service_id", "id_mismatch"),
    (lambda p: p["steps"][0].update(step_order=0), "steps[0].step_order", "minimum"),
    (lambda p: p["steps"][0].update(secret=1), "steps[0].secret", "unknown_field"),
    (lambda p: p.update(steps={"a": 1}), "steps", "type"),
    (lambda p: p.update(documents=[{"name_th": "x", "document_id": str(uuid.uuid4()),
                                    "copy_status": "no_copy"}] * 501), "documents", "too_many"),
])
def test_problems_are_422_in_thai_and_english(http, registry, spots, change, field, code):
    pin = make_pin(http, registry, spots)
    s = new_service(pin["id"])
    change(s["properties"])
    body = assert_json_error(post(http, services_url(registry), s), 422)
    found = {(p["field"], p["code"]) for p in body["problems"]}
    assert (field, code) in found, body["problems"]
    for p in body["problems"]:
        assert p["message_en"] and p["message_th"], p
    assert db_service(registry, s["id"]) is None


def test_a_service_needs_a_live_pin_and_no_geometry(http, registry, spots):
    s = new_service(str(uuid.uuid4()))
    body = assert_json_error(post(http, services_url(registry), s), 422)
    assert [p["code"] for p in body["problems"]] == ["pin_not_found"]
    pin = make_pin(http, registry, spots)
    s = new_service(pin["id"])
    s["geometry"] = {"type": "Point", "coordinates": spots["rayong"]}
    body = assert_json_error(post(http, services_url(registry), s), 422)
    assert body["problems"][0]["code"] == "geometry_not_allowed"
    assert delete(http, registry.items_url(pin["id"]), '"1"').status_code == 204
    s["geometry"] = None
    assert_json_error(post(http, services_url(registry), s), 409, "pin_deleted")


# -- authorization follows the pin's province -----------------------------------------------------------

def test_authorization_follows_the_pins_province(http, registry, spots):
    rayong = make_pin(http, registry, spots)
    cm = make_pin(http, registry, spots, "chiangmai", user="chiangmai")
    # another province's editor: no create, replace or delete of a Rayong pin's service
    s = new_service(rayong["id"])
    body = assert_json_error(post(http, services_url(registry), s, user="chiangmai"), 403,
                             "forbidden")
    assert body["allowed_provinces"] == ["50"]
    for user in ("coordinator",):
        assert_json_error(post(http, services_url(registry), s, user=user), 403, "forbidden")
    s, _ = make_service(http, registry, rayong["id"])
    url = services_url(registry, s["id"])
    assert_json_error(put(http, url, s, '"1"', user="chiangmai"), 403, "forbidden")
    assert_json_error(delete(http, url, '"1"', user="chiangmai"), 403, "forbidden")
    # moving a service to a pin of a province the account does not hold: refused either way
    moved = json.loads(json.dumps(s))
    moved["properties"]["pin_id"] = cm["id"]
    assert_json_error(put(http, url, moved, '"1"'), 403, "forbidden")
    assert db_service(registry, s["id"])["pin_id"] == rayong["id"]
    # an account of both provinces may move it: the service takes the new pin's province
    r = put(http, url, moved, '"1"', user="both")
    assert r.status_code == 200, r.text
    assert r.json()["properties"]["province_code"] == "50"
    # no reads need an account; writes do
    assert http.get(url, params={"f": "json"}, timeout=30).status_code == 200
    assert_json_error(post(http, services_url(registry), new_service(rayong["id"]), user=None),
                      401)


# -- a pin's services go with it --------------------------------------------------------------------------

def test_deleting_a_pin_deletes_its_services_in_the_same_transaction(http, registry, spots):
    pin = make_pin(http, registry, spots)
    a, _ = make_service(http, registry, pin["id"])
    b, _ = make_service(http, registry, pin["id"])
    url = registry.items_url(pin["id"])
    # the client names the services it knows: one missing -> 412, nothing deleted
    r = delete(http, url, '"1"', headers={"X-Citizen-Pins-Services": f"{a['id']}:1"})
    body = assert_json_error(r, 412, "services_changed")
    assert sorted(x["id"] for x in body["services"]) == sorted([a["id"], b["id"]])
    assert body["current"]["id"] == pin["id"] and r.headers["ETag"] == '"1"'
    # a stale version of a known service -> 412 too
    r = delete(http, url, '"1"', headers={
        "X-Citizen-Pins-Services": f"{a['id']}:1,{b['id']}:2"})
    assert_json_error(r, 412, "services_changed")
    assert_json_error(delete(http, url, '"1"', headers={"X-Citizen-Pins-Services": "some"}), 400,
                      "bad_services_precondition")
    assert db_service(registry, a["id"]) and db_service(registry, b["id"])
    r = delete(http, url, '"1"', headers={
        "X-Citizen-Pins-Services": f"{b['id']}:1,{a['id']}:1"})
    assert r.status_code == 204, r.text
    for s in (a, b):
        assert db_service(registry, s["id"]) is None
        tomb = registry.query("SELECT * FROM deleted_services WHERE service_id = %s",
                              (s["id"],))[0]
        assert tomb["pin_id"] == pin["id"] and tomb["version"] == 2
        # deleted with its pin: a write of it says so
        assert_json_error(put(http, services_url(registry, s["id"]), s, '"1"'), 404,
                          "pin_deleted")
    # one transaction: the pin's and its services' audit rows have one txid
    txids = {r_["txid"] for r_ in registry.query(
        "SELECT txid FROM audit WHERE action = 'delete' AND (pin_id = %s)", (pin["id"],))}
    assert len(txids) == 1
    # without the header (another client), a pin goes with whatever services it has
    pin2 = make_pin(http, registry, spots)
    c, _ = make_service(http, registry, pin2["id"])
    assert delete(http, registry.items_url(pin2["id"]), '"1"').status_code == 204
    assert db_service(registry, c["id"]) is None
    # a service's delete takes no such header
    assert_json_error(delete(http, services_url(registry, a["id"]), '"1"',
                             headers={"X-Citizen-Pins-Services": "none"}), 400, "bad_header")


def test_services_follow_their_pin_to_another_province(http, registry, spots):
    pin = make_pin(http, registry, spots, user="both")
    s, _ = make_service(http, registry, pin["id"], user="both")
    moved = json.loads(json.dumps(pin))
    moved["geometry"]["coordinates"] = spots["chiangmai"]
    moved["properties"]["province_code"] = "50"
    r = put(http, registry.items_url(pin["id"]), moved, '"1"', user="both")
    assert r.status_code == 200, r.text
    row = db_service(registry, s["id"])
    assert row["province_code"] == "50" and row["version"] == 2  # a new version: pullers see it
    audit = registry.query("SELECT actor, action FROM audit WHERE service_id = %s ORDER BY id",
                           (s["id"],))
    assert [(a_["actor"], a_["action"]) for a_ in audit] == [("both", "create"),
                                                             ("both", "replace")]


# -- changes since, audit ------------------------------------------------------------------------------------

def test_changes_since_deletions_since_and_audit(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, r = make_service(http, registry, pin["id"])
    t0 = r.json()["properties"]["updated_at"]
    s["properties"]["name_en"] = "Birth registration"
    r = put(http, services_url(registry, s["id"]), s, '"1"')
    t1 = r.json()["properties"]["updated_at"]
    assert t1 > t0
    since = http.get(services_url(registry), params={
        "f": "json", "province_code": "21", "datetime": f"{t1}/..", "limit": 5000},
        timeout=30).json()
    assert s["id"] in {f["id"] for f in since["features"]}
    later = http.get(services_url(registry), params={
        "f": "json", "datetime": "2999-01-01T00:00:00Z/.."}, timeout=30).json()
    assert later["features"] == []
    assert delete(http, services_url(registry, s["id"]), '"2"').status_code == 204
    gone = http.get(f"{registry.url}/collections/deleted_services/items", params={
        "f": "json", "datetime": f"{t1}/..", "province_code": "21", "limit": 5000},
        timeout=30).json()
    assert s["id"] in {f["id"] for f in gone["features"]}
    rows = registry.query("SELECT actor, action, pin_id, before, after FROM audit "
                          "WHERE service_id = %s ORDER BY id", (s["id"],))
    assert [(x["actor"], x["action"]) for x in rows] == [
        ("rayong", "create"), ("rayong", "replace"), ("rayong", "delete")]
    assert all(x["pin_id"] == pin["id"] for x in rows)
    assert rows[1]["before"]["name_en"] is None
    assert rows[1]["after"]["name_en"] == "Birth registration"
    assert len(rows[2]["before"]["documents"]) == 2 and rows[2]["after"] is None


# -- bulk ----------------------------------------------------------------------------------------------------

def test_bulk_of_services_is_advertised_and_answers_each_operation(http, registry, spots):
    landing = http.get(registry.url + "/", params={"f": "json"}, timeout=30).json()
    bulk = [link["href"] for link in landing["links"] if link.get("rel") == "bulk"]
    assert any(h.endswith("/collections/services/bulk") for h in bulk)
    url = f"{registry.url}/collections/services/bulk"
    pin = make_pin(http, registry, spots)
    keep, _ = make_service(http, registry, pin["id"])
    gone, _ = make_service(http, registry, pin["id"])
    new = new_service(pin["id"])
    keep["properties"]["name_en"] = "bulk"
    ops = [{"op": "create", "feature": new},
           {"op": "replace", "id": keep["id"], "if_match": '"1"', "feature": keep},
           {"op": "delete", "id": gone["id"], "if_match": '"1"'},
           {"op": "delete", "id": gone["id"], "if_match": '"1"', "services": {}},
           {"op": "create", "feature": new_service(str(uuid.uuid4()))}]
    r = http.post(url, data=json.dumps({"operations": ops}), headers=JSON,
                  auth=auth("rayong"), timeout=30)
    assert r.status_code == 200, r.text
    res = r.json()["results"]
    assert [x["status"] for x in res] == [201, 200, 204, 400, 422]
    assert res[0]["id"] == new["id"] and res[1]["version"] == 2
    assert res[4]["problems"][0]["code"] == "pin_not_found"
    # a pin's bulk delete may carry its services
    pins_bulk = f"{registry.url}/collections/service_points/bulk"
    ops = [{"op": "delete", "id": pin["id"], "if_match": '"1"', "services": {keep["id"]: 2}}]
    r = http.post(pins_bulk, data=json.dumps({"operations": ops}), headers=JSON,
                  auth=auth("rayong"), timeout=30)
    assert r.json()["results"][0]["status"] == 412
    assert r.json()["results"][0]["code"] == "services_changed"
    ops[0]["services"] = {keep["id"]: 2, new["id"]: 1}
    r = http.post(pins_bulk, data=json.dumps({"operations": ops}), headers=JSON,
                  auth=auth("rayong"), timeout=30)
    assert r.json()["results"][0]["status"] == 204
    ops[0]["services"] = {"x": "1"}
    r = http.post(pins_bulk, data=json.dumps({"operations": ops}), headers=JSON,
                  auth=auth("rayong"), timeout=30)
    assert r.json()["results"][0]["status"] == 400


# -- reads of the new collections: only what is served ----------------------------------------------------

def test_reads_of_services_are_checked_json_and_safe_csv(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"], name_en="=HYPERLINK(\"http://x\")")
    for params in ({"bbox": "100,12,102,13"}, {"steps": "x"}, {"sortby": "documents"},
                   {"fee_amount": "NaN"}, {"active": "maybe"}, {"fee_amount": "1e999"},
                   {"time_limit": "1000000000001.0"}):  # (beyond what is stored: the fuzzer)
        r = http.get(services_url(registry), params=dict(params, f="json"), timeout=30)
        assert_json_error(r, 400)
    r = http.get(services_url(registry), params={"f": "json", "fee_amount": "20",
                                                 "active": "true", "pin_id": pin["id"]},
                 timeout=30)
    assert [f["id"] for f in r.json()["features"]] == [s["id"]]
    r = http.get(services_url(registry), params={"f": "json", "filter": "documents = 'x'"},
                 timeout=30)
    assert_json_error(r, 400)
    r = http.get(services_url(registry), params={"f": "csv", "pin_id": pin["id"]}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in r.text and '""document_id""' in r.text


# -- the database: constraints and roles --------------------------------------------------------------------

def _refused(conn, sql, args=(), error=psycopg2.Error):
    with pytest.raises(error):
        with conn.cursor() as cur:
            cur.execute(sql, args)
    conn.rollback()


def test_database_keeps_services_with_their_pin_and_its_province(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"])
    conn = registry.db()
    conn.autocommit = False
    try:
        # not even the superuser: another province than the pin's, a pin that does not exist
        _refused(conn, "UPDATE services SET province_code = '50' WHERE service_id = %s",
                 (s["id"],), psycopg2.errors.ForeignKeyViolation)
        _refused(conn, "INSERT INTO services (service_id, pin_id, province_code, name_th) "
                       "VALUES (%s, %s, '21', 'x')", (str(uuid.uuid4()), str(uuid.uuid4())),
                 psycopg2.errors.ForeignKeyViolation)
        _refused(conn, "UPDATE services SET fee_amount = 'NaN' WHERE service_id = %s", (s["id"],),
                 psycopg2.errors.CheckViolation)
        _refused(conn, "UPDATE services SET channel = 'fax' WHERE service_id = %s", (s["id"],),
                 psycopg2.errors.CheckViolation)
        _refused(conn, "UPDATE service_documents SET copies = -1 WHERE service_id = %s",
                 (s["id"],), psycopg2.errors.CheckViolation)
        _refused(conn, "UPDATE services SET name_th = E'a\\u202eb' WHERE service_id = %s",
                 (s["id"],), psycopg2.errors.CheckViolation)
        # a pin deleted behind the gateway's back still takes its services (and leaves their
        # tombstones)
        with conn.cursor() as cur:
            cur.execute("DELETE FROM service_points WHERE pin_id = %s", (pin["id"],))
            cur.execute("SELECT count(*) FROM services WHERE pin_id = %s", (pin["id"],))
            assert cur.fetchone()[0] == 0
            cur.execute("SELECT count(*) FROM service_steps WHERE service_id = %s", (s["id"],))
            assert cur.fetchone()[0] == 0
            cur.execute("SELECT count(*) FROM deleted_services WHERE service_id = %s",
                        (s["id"],))
            assert cur.fetchone()[0] == 1
        conn.commit()
    finally:
        conn.close()


def test_the_writer_writes_services_only_through_the_functions(http, registry, spots):
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"])
    conn = launcher.role_connection(registry.data, "writer")
    denied = psycopg2.errors.InsufficientPrivilege
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT version FROM services_published WHERE service_id = %s",
                        (s["id"],))
            assert cur.fetchone()[0] == 1
        conn.rollback()
        for sql in ("SELECT * FROM services", "SELECT * FROM service_documents",
                    "UPDATE services SET name_th = 'x'", "DELETE FROM service_steps",
                    "INSERT INTO service_documents (service_id, document_id, name_th, "
                    "copy_status, position) VALUES ('x', 'y', 'z', 'no_copy', 1)",
                    "DELETE FROM deleted_services", "UPDATE audit SET service_id = NULL"):
            _refused(conn, sql, (), denied)
        # the functions check the acting account themselves
        _refused(conn, "SELECT citizen_pins_delete_service('chiangmai', %s, 1)", (s["id"],),
                 denied)
        _refused(conn, "SELECT citizen_pins_create_service('chiangmai', %s, %s)",
                 (str(uuid.uuid4()), json.dumps({"pin_id": pin["id"], "name_th": "x"})), denied)
        _refused(conn, "SELECT citizen_pins_replace_service('rayong', %s, 7, %s)",
                 (s["id"], json.dumps({"pin_id": pin["id"], "name_th": "x"})),
                 psycopg2.errors.SerializationFailure)
    finally:
        conn.close()
    reader = launcher.role_connection(registry.data, "reader")
    try:
        with reader.cursor() as cur:
            cur.execute("SELECT count(*) FROM services_published")
            cur.execute("SELECT count(*) FROM deleted_services")
        reader.rollback()
        _refused(reader, "SELECT * FROM services", (), denied)
        _refused(reader, "SELECT citizen_pins_lock_service(%s)", (s["id"],), denied)
    finally:
        reader.close()


def test_a_body_of_mistakes_gets_a_bounded_answer(http, registry, spots):
    """500 documents, each with mistakes: the 422 lists 50 problems and says how many more."""
    pin = make_pin(http, registry, spots)
    s = new_service(pin["id"], n_docs=0)
    s["properties"]["documents"] = [{"document_id": str(uuid.uuid4()), "name_th": "x" * 300,
                                     "copy_status": "?", "junk": "y" * 1000}
                                    for _ in range(500)]
    r = post(http, services_url(registry), s)
    body = assert_json_error(r, 422)
    assert len(body["problems"]) == 51 and body["problems"][-1]["code"] == "more_problems"
    assert "1450 more" in body["problems"][-1]["message_en"]
    assert len(r.content) < 100_000


def test_a_service_write_and_its_pins_deletion_lock_in_one_order(http, registry, spots):
    """A write of a service locks its pin before the service, as a pin's deletion locks the pin
    before its services: the two wait for each other, never deadlock.  Shown with the writer's
    own functions on two connections: while one holds a service, the other cannot take its pin
    for deletion (it would wait; a lock timeout makes the waiting visible)."""
    pin = make_pin(http, registry, spots)
    s, _ = make_service(http, registry, pin["id"])
    first = launcher.role_connection(registry.data, "writer")
    second = launcher.role_connection(registry.data, "writer")
    try:
        with first.cursor() as cur:
            cur.execute("SELECT service_id FROM citizen_pins_lock_service(%s)", (s["id"],))
            assert cur.fetchone()[0] == s["id"]
        with second.cursor() as cur:
            cur.execute("SET lock_timeout = '100ms'")
            with pytest.raises(psycopg2.errors.LockNotAvailable):
                cur.execute("SELECT pin_id FROM citizen_pins_lock_pin(%s)", (pin["id"],))
        second.rollback()
        first.rollback()
        # and the other way round: a pin held for deletion holds its services' writes
        with first.cursor() as cur:
            cur.execute("SELECT pin_id FROM citizen_pins_lock_pin(%s)", (pin["id"],))
        with second.cursor() as cur:
            cur.execute("SET lock_timeout = '100ms'")
            with pytest.raises(psycopg2.errors.LockNotAvailable):
                cur.execute("SELECT service_id FROM citizen_pins_lock_service(%s)", (s["id"],))
    finally:
        first.close()
        second.close()
