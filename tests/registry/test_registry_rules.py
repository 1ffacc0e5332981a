"""Every rule of the registry, over real HTTP against the real stack (PostgreSQL/PostGIS, pygeoapi,
the gateway, gunicorn)."""
import json
import uuid

import pytest

from registry_helpers import PASSWORD, assert_json_error, auth, new_feature

pytestmark = pytest.mark.registry

JSON = {"Content-Type": "application/geo+json"}


def post(http, registry, feature, user="rayong", **kw):
    return http.post(registry.items_url(), data=json.dumps(feature), headers=JSON,
                     auth=auth(user) if user else None, timeout=30, **kw)


def put(http, registry, pin_id, feature, etag=None, user="rayong"):
    headers = dict(JSON)
    if etag is not None:
        headers["If-Match"] = etag
    return http.put(registry.items_url(pin_id), data=json.dumps(feature), headers=headers,
                    auth=auth(user) if user else None, timeout=30)


def delete(http, registry, pin_id, etag=None, user="rayong"):
    headers = {"If-Match": etag} if etag is not None else {}
    return http.delete(registry.items_url(pin_id), headers=headers,
                       auth=auth(user) if user else None, timeout=30)


def row(registry, pin_id):
    rows = registry.query("SELECT *, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM service_points "
                          "WHERE pin_id = %s", (pin_id,))
    return rows[0] if rows else None


@pytest.fixture(scope="module")
def places(registry):
    return {
        "rayong": registry.point_in("210101"),      # Tha Pradu, Mueang Rayong
        "rayong2": registry.point_in("210401"),     # another Rayong tambon
        "chiangmai": registry.point_in("500101"),   # Si Phum, Mueang Chiang Mai
    }


def created(http, registry, places, where="rayong", user="rayong", **props):
    province = "50" if where == "chiangmai" else "21"
    f = new_feature(places[where], province, **props)
    r = post(http, registry, f, user=user)
    assert r.status_code == 201, r.text
    return f, r.headers["ETag"]


# -- reads, writes, ETags ---------------------------------------------------------------------

def test_create_read_replace_delete_with_etags(http, registry, places):
    f = new_feature(places["rayong"], "21", amphoe="2101", tambon="210101",
                    name_en="Test point", phone="038 000 000")
    r = post(http, registry, f)
    assert r.status_code == 201, r.text
    assert r.headers["ETag"] == '"1"'
    assert r.headers["Location"].endswith(f"/collections/service_points/items/{f['id']}")
    assert r.json()["properties"]["version"] == 1

    got = http.get(registry.items_url(f["id"]), params={"f": "json"}, timeout=30)
    assert got.status_code == 200 and got.headers["ETag"] == '"1"'
    assert got.json()["properties"]["name_en"] == "Test point"
    first_stamp = got.json()["properties"]["updated_at"]
    not_modified = http.get(registry.items_url(f["id"]), params={"f": "json"},
                            headers={"If-None-Match": '"1"'}, timeout=30)
    assert not_modified.status_code == 304

    f["properties"]["name_en"] = "Renamed"
    r = put(http, registry, f["id"], f, '"1"')
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"'
    assert r.json()["properties"]["updated_at"] > first_stamp
    same = put(http, registry, f["id"], f, '"2"')  # identical content: no new version
    assert same.status_code == 200 and same.headers["ETag"] == '"2"'

    r = delete(http, registry, f["id"], '"2"')
    assert r.status_code == 204
    assert row(registry, f["id"]) is None
    gone = http.get(registry.items_url(f["id"]), params={"f": "json"}, timeout=30)
    assert_json_error(gone, 404)

    audit = registry.query("SELECT actor, action, before, after FROM audit WHERE pin_id = %s "
                           "ORDER BY id", (f["id"],))
    assert [a["action"] for a in audit] == ["create", "replace", "delete"]
    assert {a["actor"] for a in audit} == {"rayong"}
    assert audit[1]["before"]["name_en"] == "Test point"
    assert audit[1]["after"]["name_en"] == "Renamed" and audit[1]["after"]["version"] == 2
    assert audit[2]["after"] is None and audit[2]["before"]["version"] == 2


def test_missing_and_stale_if_match(http, registry, places):
    f, etag = created(http, registry, places)
    changed = json.loads(json.dumps(f))
    changed["properties"]["name_th"] = "ชื่อใหม่"
    assert_json_error(put(http, registry, f["id"], changed), 428, "if_match_required")
    assert_json_error(put(http, registry, f["id"], changed, "*"), 428)
    assert_json_error(delete(http, registry, f["id"]), 428)
    assert put(http, registry, f["id"], changed, etag).status_code == 200
    stale = assert_json_error(put(http, registry, f["id"], f, etag), 412, "precondition_failed")
    assert stale["current"]["properties"]["name_th"] == "ชื่อใหม่"
    assert_json_error(delete(http, registry, f["id"], etag), 412)
    assert row(registry, f["id"])["name_th"] == "ชื่อใหม่"
    assert row(registry, f["id"])["version"] == 2


def test_url_id_is_the_id_and_put_of_missing_pin_is_404(http, registry, places):
    f, etag = created(http, registry, places)
    other = str(uuid.uuid4())
    body = assert_json_error(put(http, registry, other, f, '"1"'), 404)
    assert row(registry, other) is None  # no upsert
    moved = dict(f, id=other)
    assert_json_error(put(http, registry, f["id"], moved, etag), 422)
    assert row(registry, other) is None and row(registry, f["id"])["version"] == 1
    assert_json_error(put(http, registry, "not-a-uuid", f, '"1"'), 404)
    assert_json_error(delete(http, registry, other, '"1"'), 404)
    assert body["message_th"]


def test_repeated_post_is_idempotent_and_different_content_conflicts(http, registry, places):
    f = new_feature(places["rayong"], "21")
    assert post(http, registry, f).status_code == 201
    again = post(http, registry, f)
    assert again.status_code == 200 and again.headers["ETag"] == '"1"'
    assert registry.query("SELECT count(*) AS n FROM service_points WHERE pin_id = %s",
                          (f["id"],))[0]["n"] == 1
    assert registry.query("SELECT count(*) AS n FROM audit WHERE pin_id = %s",
                          (f["id"],))[0]["n"] == 1
    different = json.loads(json.dumps(f))
    different["properties"]["name_th"] = "อื่น"
    assert_json_error(post(http, registry, different), 409, "exists_different")
    assert row(registry, f["id"])["name_th"] == f["properties"]["name_th"]
    # a deleted pin's id is never used again
    assert delete(http, registry, f["id"], '"1"').status_code == 204
    assert_json_error(post(http, registry, f), 409, "deleted")
    assert row(registry, f["id"]) is None


# -- authentication and authorization ---------------------------------------------------------

def test_reads_are_public_and_writes_need_an_account(http, registry, places):
    r = http.get(f"{registry.url}/collections/service_points/items", params={"f": "json"},
                 timeout=30)
    assert r.status_code == 200
    f = new_feature(places["rayong"], "21")
    body = assert_json_error(post(http, registry, f, user=None), 401, "unauthorized")
    assert "WWW-Authenticate" in post(http, registry, f, user=None).headers
    assert "รหัสผ่าน" in body["message_th"]
    r = http.post(registry.items_url(), data=json.dumps(f), headers=JSON,
                  auth=("rayong", "wrong password"), timeout=30)
    assert_json_error(r, 401)
    r = http.post(registry.items_url(), data=json.dumps(f),
                  headers=dict(JSON, Authorization="Basic %%%notbase64"), timeout=30)
    assert_json_error(r, 401)
    assert row(registry, f["id"]) is None


def test_cross_province_attempts_are_all_refused(http, registry, places):
    theirs, their_etag = created(http, registry, places, "chiangmai", user="chiangmai")
    mine, my_etag = created(http, registry, places, "rayong", user="rayong")
    before_theirs = row(registry, theirs["id"])

    # create in another province
    f = new_feature(places["chiangmai"], "50")
    body = assert_json_error(post(http, registry, f, user="rayong"), 403, "forbidden")
    assert body["allowed_provinces"] == ["21"]
    assert "ระยอง" in body["message_th"] and "Rayong" in body["message_en"]
    assert row(registry, f["id"]) is None
    # declared in my province, located in theirs
    f = new_feature(places["chiangmai"], "21")
    r = post(http, registry, f, user="rayong")
    assert r.status_code in (403, 422), r.text
    assert row(registry, f["id"]) is None

    # edit theirs (declared and located in 50)
    edit = json.loads(json.dumps(theirs))
    edit["properties"]["name_th"] = "แก้ข้ามจังหวัด"
    assert_json_error(put(http, registry, theirs["id"], edit, their_etag, user="rayong"), 403)
    # move theirs into my province
    move_in = new_feature(places["rayong"], "21", pin_id=theirs["id"])
    assert_json_error(put(http, registry, theirs["id"], move_in, their_etag, user="rayong"), 403)
    # delete theirs
    assert_json_error(delete(http, registry, theirs["id"], their_etag, user="rayong"), 403)
    # move mine out into their province (declared and located there), or only its location
    move_out = new_feature(places["chiangmai"], "50", pin_id=mine["id"])
    assert_json_error(put(http, registry, mine["id"], move_out, my_etag, user="rayong"), 403)
    half_out = new_feature(places["chiangmai"], "21", pin_id=mine["id"])
    assert put(http, registry, mine["id"], half_out, my_etag,
               user="rayong").status_code in (403, 422)
    relabel = new_feature(places["rayong"], "50", pin_id=mine["id"])
    assert put(http, registry, mine["id"], relabel, my_etag,
               user="rayong").status_code in (403, 422)
    # a coordinator without provinces writes nothing
    assert_json_error(post(http, registry, new_feature(places["rayong"], "21"),
                           user="coordinator"), 403)
    assert_json_error(delete(http, registry, mine["id"], my_etag, user="coordinator"), 403)

    assert row(registry, theirs["id"]) == before_theirs
    assert row(registry, mine["id"])["province_code"] == "21"
    assert row(registry, mine["id"])["version"] == 1
    # positive control: an account holding both provinces may move the pin
    assert put(http, registry, mine["id"], move_out, my_etag, user="both").status_code == 200
    assert row(registry, mine["id"])["province_code"] == "50"
    actors = registry.query("SELECT actor FROM audit WHERE pin_id = %s ORDER BY id",
                            (mine["id"],))
    assert [a["actor"] for a in actors] == ["rayong", "both"]


# -- validation ---------------------------------------------------------------------------------

def problems_of(r):
    body = assert_json_error(r, 422, "invalid")
    assert all(p["message_th"] and p["message_en"] for p in body["problems"])
    return {(p["field"], p["code"]) for p in body["problems"]}


def test_validation_problems_in_thai_and_english(http, registry, places):
    from citizen_pins.core.dopa import codes

    p = places["rayong"]
    cases = [
        (new_feature([102.9, 19.6], "21"), ("geometry", "outside_thailand")),  # Laos
        (new_feature([99.0, 9.0], "21"), ("geometry", "outside_declared_province")),  # Surat Thani
        (new_feature([p[1], p[0]], "21"), ("geometry", "not_lonlat")),  # swapped
        (new_feature(p, "21", name_th=""), ("name_th", "required")),
        (new_feature(p, "21", name_th=None), ("name_th", "required")),
        (new_feature(p, "21", point_type="castle"), ("point_type", "unknown_point_type")),
        (new_feature(p, "21", amphoe="2199"), ("amphoe_code", "code_unknown")),
        (new_feature(p, "21", amphoe="5001"), ("amphoe_code", "code_nesting")),
        (new_feature(p, "21", tambon="21010"), ("tambon_code", "code_format")),
        (new_feature(p, "21", name_th="ก" * 255), ("name_th", "too_long")),
        (new_feature(p, "21", name_th="bad\x00nul"), ("name_th", "control_characters")),
        (new_feature(p, "21", colour="red"), ("colour", "unknown_field")),
        (new_feature(p, "21", pin_id=str(uuid.uuid4()).upper()), ("pin_id", "format")),
        (new_feature(p, ""), ("province_code", "required")),
        (dict(new_feature(p, "21"), geometry={"type": "Polygon", "coordinates": []}),
         ("geometry", "not_a_point")),
        (dict(new_feature(p, "21"), geometry={"type": "Point", "coordinates": ["a", 1]}),
         ("geometry", "not_a_point")),
        ({"type": "FeatureCollection", "features": []}, (None, "not_a_feature")),
        ([1, 2, 3], (None, "not_a_feature")),
    ]
    abolished = next(c for c in codes().abolished_units if len(c) == 6 and c.startswith("21")) \
        if any(len(c) == 6 and c.startswith("21") for c in codes().abolished_units) else None
    if abolished:
        cases.append((new_feature(p, "21", tambon=abolished), ("tambon_code", "code_abolished")))
    for feature, expected in cases:
        r = post(http, registry, feature)
        assert expected in problems_of(r), (expected, r.text)
    pid = [c[0].get("id") for c in cases if isinstance(c[0], dict) and c[0].get("id")]
    assert registry.query("SELECT count(*) AS n FROM service_points WHERE pin_id = ANY(%s)",
                          (pid,))[0]["n"] == 0


def test_malformed_bodies_are_400_json(http, registry):
    for data in (b"{bad json", b"", b'{"type": "Feature", "x": NaN}', b"\xff\xfe not utf8",
                 b"[" * 100000):
        r = http.post(registry.items_url(), data=data, headers=JSON, auth=auth("rayong"),
                      timeout=30)
        assert_json_error(r, 400)


def test_oversized_bodies_are_refused(http, registry, places):
    f = new_feature(places["rayong"], "21", address="x" * (2 << 20))
    assert_json_error(post(http, registry, f), 413, "too_large")
    ops = [{"op": "create", "feature": new_feature(places["rayong"], "21")} for _ in range(1001)]
    r = http.post(f"{registry.url}/collections/service_points/bulk",
                  data=json.dumps({"operations": ops}), headers=JSON, auth=auth("rayong"),
                  timeout=60)
    assert_json_error(r, 413)
    assert registry.query("SELECT count(*) AS n FROM service_points WHERE pin_id = %s",
                          (ops[0]["feature"]["id"],))[0]["n"] == 0


def test_other_methods_and_collections_are_json_errors(http, registry, places):
    f = new_feature(places["rayong"], "21")
    r = http.post(f"{registry.url}/collections/provinces/items", data=json.dumps(f),
                  headers=JSON, auth=auth("rayong"), timeout=30)
    assert_json_error(r, 405)
    r = http.patch(registry.items_url(f["id"]), data="{}", auth=auth("rayong"), timeout=30)
    assert_json_error(r, 405)
    for params in ({"datetime": "garbage"}, {"filter": "name_th >> 1"},
                   {"limit": "abc"}, {"bbox": "1,2"}):
        r = http.get(registry.items_url(), params=dict(params, f="json"), timeout=30)
        assert 400 <= r.status_code < 500, (params, r.status_code, r.text[:300])
        assert r.headers["Content-Type"].startswith("application/json")
    r = http.get(f"{registry.url}/collections/nope", headers={"Accept": "text/html"}, timeout=30)
    assert_json_error(r, 404)
    # a CQL2 temporal comparison: pygeoapi 0.21 (Python 3.11) cannot evaluate it, so it is
    # refused as the client's (400); 0.22+ (Python >= 3.12) answers it
    from importlib.metadata import version

    r = http.get(registry.items_url(), timeout=30, params={
        "filter": "updated_at > TIMESTAMP('2020-01-01T00:00:00Z')", "f": "json"})
    if tuple(int(p) for p in version("pygeoapi").split(".")[:2]) < (0, 22):
        assert_json_error(r, 400)
    else:
        assert r.status_code == 200 and r.json()["type"] == "FeatureCollection", r.text[:300]
        # items are GeoJSON and said so (the gateway's Content-Type of every items answer)
        assert r.headers["Content-Type"].startswith("application/geo+json"), r.headers
        assert all(f["properties"]["updated_at"] > "2020" for f in r.json()["features"])


# -- SQL-looking input ----------------------------------------------------------------------------

SQLISH = [
    "'); DROP TABLE service_points; --",
    "Robert'); DELETE FROM accounts; --",
    "\" OR 1=1 --",
    "1; UPDATE service_points SET name_th = 'x'",
    "' OR ''='",
    "$$; SELECT pg_sleep(5); $$",
    "\\'; TRUNCATE audit; --",
]


def test_sql_looking_text_is_stored_verbatim_and_never_executed(http, registry, places):
    count_before = registry.query("SELECT count(*) AS n FROM service_points")[0]["n"]
    accounts_before = registry.query("SELECT count(*) AS n FROM accounts")[0]["n"]
    text_fields = ["name_th", "name_en", "agency", "address", "phone", "opening_hours"]
    ids = []
    for i, s in enumerate(SQLISH):
        props = {name: s[:60] for name in text_fields}
        f = new_feature(places["rayong"], "21", **props)
        r = post(http, registry, f)
        assert r.status_code == 201, r.text
        ids.append(f["id"])
        got = http.get(registry.items_url(f["id"]), params={"f": "json"}, timeout=30).json()
        for name in text_fields:
            assert got["properties"][name] == s[:60]
    # in codes, point type and pin_id they are refused
    for s in SQLISH:
        for field in ("province_code", "amphoe_code", "tambon_code", "point_type"):
            f = new_feature(places["rayong"], "21", **{field: s})
            r = post(http, registry, f)
            assert r.status_code in (403, 422), (field, s, r.text)
        r = post(http, registry, new_feature(places["rayong"], "21", pin_id=s))
        assert_json_error(r, 422)
        assert_json_error(put(http, registry, s, new_feature(places["rayong"], "21"), '"1"'),
                          404)
        # in query parameters: no rows, no error page, no effect
        r = http.get(registry.items_url(), params={"f": "json", "province_code": s}, timeout=30)
        assert_json_error(r, 400, "bad_parameter")  # not a province code: refused, as documented
        r = http.get(registry.items_url(), params={"f": "json", "filter": f"name_th = '{s}'"},
                     timeout=30)
        assert r.status_code in (200, 400)
    # and in credentials
    for s in SQLISH + ["admin' --", "' OR '1'='1"]:
        r = http.post(registry.items_url(), data=json.dumps(new_feature(places["rayong"], "21")),
                      headers=JSON, auth=(s, s), timeout=30)
        assert_json_error(r, 401)
        r = http.post(registry.items_url(), data=json.dumps(new_feature(places["rayong"], "21")),
                      headers=JSON, auth=("rayong", s), timeout=30)
        assert_json_error(r, 401)
        out = registry.add_user(s, PASSWORD, "21")
        assert out.returncode != 0 and "account name" in out.stderr
    tables = {r["tablename"] for r in registry.query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"service_points", "accounts", "audit", "deleted_service_points"} <= tables
    assert registry.query("SELECT count(*) AS n FROM service_points")[0]["n"] == \
        count_before + len(SQLISH)
    assert registry.query("SELECT count(*) AS n FROM accounts")[0]["n"] == accounts_before
    assert registry.query("SELECT count(*) AS n FROM service_points WHERE name_th = 'x'"
                          )[0]["n"] == 0


def test_passwords_are_stored_as_slow_salted_hashes(registry):
    rows = registry.query("SELECT name, password_hash FROM accounts")
    hashes = [r["password_hash"] for r in rows]
    assert all(h.startswith("scrypt$16384$8$1$") for h in hashes)
    assert len(set(hashes)) == len(hashes)  # salted: same password, different hashes
    assert all(PASSWORD not in h for h in hashes)


def test_database_constraints_back_the_gateway(registry, places):
    import psycopg2

    conn = registry.db()
    bad_rows = [
        ("not-a-uuid", "x", "other", "21"),
        (str(uuid.uuid4()), " ", "other", "21"),
        (str(uuid.uuid4()), "x", "castle", "21"),
        (str(uuid.uuid4()), "x", "other", "2"),
    ]
    try:
        for pin_id, name, ptype, prov in bad_rows:
            with pytest.raises(psycopg2.IntegrityError):
                with conn.cursor() as cur:
                    cur.execute("INSERT INTO service_points (pin_id, name_th, point_type, "
                                "province_code, geom) VALUES (%s, %s, %s, %s, "
                                "ST_SetSRID(ST_MakePoint(%s, %s), 4326))",
                                (pin_id, name, ptype, prov, *places["rayong"]))
        with pytest.raises(psycopg2.IntegrityError):
            with conn.cursor() as cur:
                cur.execute("INSERT INTO service_points (pin_id, name_th, point_type, "
                            "province_code, amphoe_code, geom) VALUES (%s, 'x', 'other', '21', "
                            "'5001', ST_SetSRID(ST_MakePoint(101, 12.7), 4326))",
                            (str(uuid.uuid4()),))
        with pytest.raises(psycopg2.IntegrityError):  # far outside Thailand
            with conn.cursor() as cur:
                cur.execute("INSERT INTO service_points (pin_id, name_th, point_type, "
                            "province_code, geom) VALUES (%s, 'x', 'other', '21', "
                            "ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326))", (str(uuid.uuid4()),))
    finally:
        conn.close()


# -- changes since, tombstones, bulk ------------------------------------------------------------

def test_changes_since_and_deletions_since(http, registry, places):
    f, etag = created(http, registry, places)
    stamp = http.get(registry.items_url(f["id"]), params={"f": "json"},
                     timeout=30).json()["properties"]["updated_at"]
    g, g_etag = created(http, registry, places)
    since = http.get(registry.items_url(), params={"f": "json", "datetime": f"{stamp}/..",
                                                   "limit": 5000}, timeout=30).json()
    ids = {x["id"] for x in since["features"]}
    assert f["id"] in ids and g["id"] in ids
    later = http.get(registry.items_url(g["id"]), params={"f": "json"},
                     timeout=30).json()["properties"]["updated_at"]
    assert later > stamp
    newer = http.get(registry.items_url(), params={"f": "json", "datetime": f"{later}/..",
                                                   "limit": 5000}, timeout=30).json()
    assert f["id"] not in {x["id"] for x in newer["features"]}
    assert delete(http, registry, f["id"], etag).status_code == 204
    tomb = http.get(f"{registry.url}/collections/deleted_service_points/items",
                    params={"f": "json", "datetime": f"{stamp}/..", "limit": 5000},
                    timeout=30).json()
    gone = {x["id"]: x["properties"] for x in tomb["features"]}
    assert f["id"] in gone and g["id"] not in gone
    assert gone[f["id"]]["province_code"] == "21"
    assert "deleted_by" not in gone[f["id"]]  # who deleted it is in the audit, not published
    assert registry.query("SELECT actor FROM audit WHERE pin_id = %s AND action = 'delete'",
                          (f["id"],))[0]["actor"] == "rayong"


def test_bulk_endpoint_is_advertised_and_gives_one_result_per_operation(http, registry, places):
    landing = http.get(registry.url + "/", params={"f": "json"}, timeout=30).json()
    href = [link["href"] for link in landing["links"] if link["rel"] == "bulk"]
    # one per written collection: the pins' and the services' (issue 18)
    assert href == [f"{registry.url}/collections/service_points/bulk",
                    f"{registry.url}/collections/services/bulk"]
    assert http.get(href[0], timeout=30).json()["max_operations"] == 1000
    existing, etag = created(http, registry, places)
    theirs, their_etag = created(http, registry, places, "chiangmai", user="chiangmai")
    good = new_feature(places["rayong2"], "21")
    changed = json.loads(json.dumps(existing))
    changed["properties"]["name_en"] = "bulk"
    ops = [
        {"op": "create", "feature": good},
        {"op": "create", "feature": good},                              # repeated: 200
        {"op": "create", "feature": new_feature([102.9, 19.6], "21")},  # 422
        {"op": "replace", "id": existing["id"], "if_match": etag, "feature": changed},
        {"op": "replace", "id": existing["id"], "if_match": etag, "feature": changed},  # 412
        {"op": "delete", "id": theirs["id"], "if_match": their_etag},   # 403
        {"op": "delete", "id": str(uuid.uuid4()), "if_match": '"1"'},   # 404
        {"op": "explode"},                                              # 400
    ]
    r = http.post(href[0], data=json.dumps({"operations": ops}), headers=JSON,
                  auth=auth("rayong"), timeout=60)
    assert r.status_code == 200, r.text
    statuses = [x["status"] for x in r.json()["results"]]
    assert statuses == [201, 200, 422, 200, 412, 403, 404, 400]
    assert r.json()["results"][3]["etag"] == '"2"'
    assert r.json()["results"][2]["problems"][0]["code"] == "outside_thailand"
    assert row(registry, good["id"])["version"] == 1
    assert row(registry, existing["id"])["name_en"] == "bulk"
    assert row(registry, theirs["id"]) is not None
    assert_json_error(http.post(href[0], data=b"{}", headers=JSON, auth=auth("rayong"),
                                timeout=30), 400)
    assert_json_error(http.post(href[0], data=json.dumps({"operations": []}), headers=JSON,
                                timeout=30), 401)


def test_bulk_creates_set_based_keep_every_rule_per_pin(http, registry, places):
    """A run of creates in one bulk request is written set-based (registry/pins.py
    create_many): each pin still gets the answer a create of its own would give, in order."""
    bulk = f"{registry.url}/collections/service_points/bulk"
    same, _ = created(http, registry, places, name_th="จุดบริการซ้ำ ทดสอบ")
    other, _ = created(http, registry, places)
    gone, gone_etag = created(http, registry, places)
    assert delete(http, registry, gone["id"], gone_etag).status_code == 204
    different = json.loads(json.dumps(other))
    different["properties"]["name_en"] = "not what the registry has"
    twin = new_feature(places["rayong"], "21", name_th="จุดบริการซ้ำ ทดสอบ")
    twin_distinct = new_feature(places["rayong"], "21", name_th="จุดบริการซ้ำ ทดสอบ")
    fresh = [new_feature(places["rayong2"], "21") for _ in range(3)]
    ops = [
        {"op": "create", "feature": fresh[0]},                               # 201
        {"op": "create", "feature": other},                                  # 200 (repeat)
        {"op": "create", "feature": different},                              # 409 different
        {"op": "create", "feature": gone},                                   # 409 deleted
        {"op": "create", "feature": twin},                                   # 409 duplicate
        {"op": "create", "feature": twin_distinct, "distinct": True},        # 201
        {"op": "create", "feature": new_feature([102.9, 19.6], "21")},       # 422
        {"op": "create", "feature": new_feature(places["chiangmai"], "50")},  # 403
        {"op": "create", "feature": {"type": "Feature"}},                    # 422
        {"op": "create", "feature": fresh[1]},                               # 201
        {"op": "create", "feature": fresh[1]},        # the same id again: 200, one by one
        {"op": "create", "feature": fresh[2]},                               # 201
    ]
    r = http.post(bulk, data=json.dumps({"operations": ops}), headers=JSON, auth=auth("rayong"),
                  timeout=60)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == [201, 200, 409, 409, 409, 201, 422, 403, 422,
                                              201, 200, 201]
    assert [x.get("code") for x in results][2:5] == ["exists_different", "deleted", "duplicate"]
    assert results[4]["existing"]["id"] == same["id"]
    assert results[6]["problems"][0]["code"] == "outside_thailand"
    assert [x["index"] for x in results] == list(range(len(ops)))
    for i in (0, 5, 9, 11):
        assert results[i]["etag"] == '"1"' and results[i]["version"] == 1
        assert results[i]["id"] == ops[i]["feature"]["id"]
        assert results[i]["updated_at"]
        pin = ops[i]["feature"]["id"]
        assert row(registry, pin)["version"] == 1
        audit = registry.query("SELECT actor, action FROM audit WHERE pin_id = %s", (pin,))
        assert [(a["actor"], a["action"]) for a in audit] == [("rayong", "create")]
    for i in (2, 4, 6, 7):
        assert row(registry, ops[i]["feature"]["id"]) is None or i == 2
    assert row(registry, other["id"])["name_en"] != "not what the registry has"

    # two new pins of one request that are the same service point: the second is refused
    # naming the first, as if sent one after the other
    a = new_feature(places["rayong2"], "21", name_th="จุดบริการคู่ ทดสอบ")
    b = new_feature(places["rayong2"], "21", name_th="จุดบริการคู่ ทดสอบ")
    r = http.post(bulk, data=json.dumps({"operations": [{"op": "create", "feature": a},
                                                        {"op": "create", "feature": b}]}),
                  headers=JSON, auth=auth("rayong"), timeout=60)
    assert [(x["status"], x.get("code")) for x in r.json()["results"]] == [
        (201, None), (409, "duplicate")]
    assert r.json()["results"][1]["existing"]["id"] == a["id"]
