"""The plugin's registry client (QGIS network stack, auth configs) and citizen_pins:pull, against
the real registry; paging over more than 10k pins."""
import json
import socket
import threading
import uuid

import pytest
from qgis.core import (
    QgsApplication, QgsProcessingContext, QgsProcessingFeedback,
    QgsVectorLayer)

from registry_helpers import auth, new_feature

from citizen_pins.core import schema
from citizen_pins.core.working_copy import layer_uri, open_working_copy
from citizen_pins.registry.client import RegistryClient, etag_for_version
from citizen_pins.registry.errors import RegistryError

pytestmark = pytest.mark.registry

@pytest.fixture(scope="module")
def rayong_point(registry):
    return registry.point_in("210101")


def test_writes_with_an_auth_config_keep_etags(registry, authcfgs, rayong_point):
    client = RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)
    f = new_feature(rayong_point, "21", name_en="client")
    got, etag, created = client.create(f)
    assert created and etag == '"1"' == etag_for_version(got["properties"]["version"])
    again, etag2, created2 = client.create(f)  # safe to repeat
    assert not created2 and etag2 == etag
    f["properties"]["name_en"] = "client 2"
    got, etag = client.replace(f["id"], f, etag)
    assert etag == '"2"' and got["properties"]["name_en"] == "client 2"
    fetched, fetched_etag = client.get_pin(f["id"])
    assert fetched_etag == etag and fetched["properties"]["version"] == 2
    client.delete(f["id"], etag)
    with pytest.raises(RegistryError) as e:
        client.get_pin(f["id"])
    assert e.value.status == 404


def test_error_messages_an_officer_understands(registry, authcfgs, rayong_point, http):
    rayong = RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)
    wrong = RegistryClient(registry.url, authcfgs["wrong"], timeout_s=30)
    f = new_feature(rayong_point, "21")

    with pytest.raises(RegistryError) as e:
        wrong.create(f)
    assert e.value.status == 401 and e.value.code == "unauthorized"
    assert "ชื่อผู้ใช้และรหัสผ่าน" in str(e.value) and "username and password" in str(e.value)

    with pytest.raises(RegistryError) as e:
        rayong.create(new_feature(registry.point_in("500101"), "50"))
    assert e.value.status == 403 and e.value.allowed_provinces == ["21"]
    assert "21 ระยอง" in e.value.message_th and "21 Rayong" in e.value.message_en

    _, etag, _ = rayong.create(f)
    other = json.loads(json.dumps(f))
    other["properties"]["name_th"] = "เปลี่ยนโดยคนอื่น"
    r = http.put(registry.items_url(f["id"]), data=json.dumps(other), auth=auth("rayong"),
                 headers={"If-Match": etag, "Content-Type": "application/geo+json"}, timeout=30)
    assert r.status_code == 200
    with pytest.raises(RegistryError) as e:
        rayong.replace(f["id"], f, etag)
    assert e.value.status == 412 and "ดึงข้อมูลใหม่" in e.value.message_th
    assert "Pull again" in e.value.message_en and e.value.etag == '"2"'
    assert e.value.current["properties"]["name_th"] == "เปลี่ยนโดยคนอื่น"

    with pytest.raises(RegistryError) as e:
        rayong.create(new_feature(rayong_point, "21", name_th="", point_type="castle"))
    assert e.value.status == 422
    assert {p["field"] for p in e.value.problems} == {"name_th", "point_type"}
    text = str(e.value)
    assert "- name_th:" in text and "- point_type:" in text and "ต้องกรอก" in text

    with pytest.raises(RegistryError) as e:
        RegistryClient(registry.url, "nosuchid", timeout_s=5).create(f)
    assert e.value.status == 0 and e.value.code in ("authcfg", "network")


def test_network_failures_become_messages_with_bounded_retries(registry):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = RegistryClient(f"http://127.0.0.1:{port}", timeout_s=2, retries=2, backoff_s=0.05)
    with pytest.raises(RegistryError) as e:
        client.landing()
    assert e.value.status == 0 and e.value.code == "network"
    assert "พร็อกซี" in e.value.message_th and "proxy" in e.value.message_en

    # a server that accepts the connection and never answers: the timeout ends the call
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    conns = []
    stop = threading.Event()

    def accept():
        silent.settimeout(0.2)
        while not stop.is_set():
            try:
                conns.append(silent.accept()[0])
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        client = RegistryClient(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout_s=1,
                                retries=2, backoff_s=0.05)
        with pytest.raises(RegistryError) as e:
            client.landing()
        assert e.value.code == "timeout" and "วินาที" in e.value.message_th
        assert len(conns) == 2  # GET retried once, then given up
    finally:
        stop.set()
        t.join(5)
        for c in conns:
            c.close()
        silent.close()
    with pytest.raises(RegistryError) as e:
        RegistryClient("ftp://example.invalid")
    assert e.value.code == "bad_url"


def test_paging_over_10k_pins_and_pull_into_a_working_copy(registry, authcfgs, http, tmp_path):
    # 10,500 real pins in Nakhon Ratchasima (30), loaded through the bulk endpoint
    points = registry.query(
        "SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT (ST_Dump(ST_GeneratePoints("
        "ST_Buffer(geom, -0.02), 10500, 42))).geom AS g FROM provinces WHERE code = '30') s")
    assert len(points) == 10500
    korat = RegistryClient(registry.url, authcfgs["korat"], timeout_s=120)
    ids = []
    for start in range(0, len(points), 1000):
        ops = []
        for p in points[start:start + 1000]:
            f = new_feature([p["x"], p["y"]], "30", name_th=f"หมุด {len(ids)}")
            ids.append(f["id"])
            ops.append({"op": "create", "feature": f})
        results = korat.bulk(ops)
        assert [r["status"] for r in results] == [201] * len(ops), results[:3]

    client = RegistryClient(registry.url, timeout_s=60)  # reads need no account
    pages = []
    seen = [f["id"] for f in client.iter_items(params={"province_code": "30"}, page_size=1000,
                                               on_page=lambda n, m: pages.append((n, m)))]
    assert len(seen) == 10500 and set(seen) == set(ids)
    assert len(pages) == 11 and pages[-1] == (10500, 10500)

    # citizen_pins:pull through the Processing provider, into a new working copy
    from citizen_pins.processing.provider import CitizenPinsProvider

    registry_ = QgsApplication.processingRegistry()
    provider = CitizenPinsProvider()
    assert registry_.addProvider(provider)
    try:
        alg = registry_.algorithmById("citizen_pins:pull")
        assert alg is not None and alg.groupId() == "registry"
        path = str(tmp_path / "korat.gpkg")
        params = {"REGISTRY_URL": registry.url, "AUTHCFG": authcfgs["korat"], "PROVINCE": "๓๐",
                  "TIMEOUT": 60, "OUTPUT": path}
        context = QgsProcessingContext()
        feedback = QgsProcessingFeedback()
        results, ok = alg.run(params, context, feedback)
        assert ok, feedback.textLog()
        assert results["PIN_COUNT"] == 10500 and results["ADDED"] == 10500
        layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
        assert layer.featureCount() == 10500
        feat = next(layer.getFeatures(f"\"pin_id\" = '{ids[7]}'"))
        assert feat["version"] == 1 and feat["province_code"] == "30"
        assert feat["name_th"] == "หมุด 7"
        assert feat["updated_at"].isValid()
        assert feat.geometry().asPoint().x() == pytest.approx(points[7]["x"], abs=1e-9)
        info = open_working_copy(path)
        assert info.meta["registry_url"] == registry.url and info.meta["province_code"] == "30"
        assert info.meta["registry_newest_updated_at"]

        # a second pull updates in place: a pin edited remotely, one deleted local pin kept
        pin = ids[7]
        f, etag = korat.get_pin(pin)
        f["properties"]["name_en"] = "edited remotely"
        korat.replace(pin, {"type": "Feature", "id": pin, "geometry": f["geometry"],
                            "properties": {k: f["properties"][k] for k in schema.EDITABLE_FIELDS
                                           if k in f["properties"]}}, etag)
        results, ok = alg.run(dict(params, PROVINCE="30"), context, feedback)
        assert ok and results["ADDED"] == 0 and results["UPDATED"] == 1  # only what changed since
        layer = QgsVectorLayer(layer_uri(path), "sp", "ogr")
        feat = next(layer.getFeatures(f"\"pin_id\" = '{pin}'"))
        assert feat["name_en"] == "edited remotely" and feat["version"] == 2
        assert layer.featureCount() == 10500

        # a working copy of another province is refused with a message
        results, ok = alg.run(dict(params, PROVINCE="21"), context, feedback)
        assert not ok
    finally:
        registry_.removeProvider(provider)


def test_pull_of_a_small_province_has_every_field(registry, authcfgs, tmp_path, rayong_point):
    from citizen_pins.registry.pull import pull_province

    client = RegistryClient(registry.url, authcfgs["chiangmai"], timeout_s=30)
    f = new_feature(registry.point_in("500101"), "50", amphoe="5001", tambon="500101",
                    name_en="Full", agency="DOPA", address="1 ถนน", phone="053",
                    opening_hours="08:30-16:30", point_type="district_office")
    client.create(f)
    result = pull_province(client, str(tmp_path / "cm.gpkg"), "50")
    assert result.received >= 1 and result.added == result.received
    layer = QgsVectorLayer(layer_uri(str(tmp_path / "cm.gpkg")), "sp", "ogr")
    feat = next(layer.getFeatures(f"\"pin_id\" = '{f['id']}'"))
    for name, value in f["properties"].items():
        assert feat[name] == value, name
    assert feat["version"] == 1
    uuid.UUID(feat["pin_id"])


def test_a_locked_account_is_told_when_to_try_again(registry, authcfgs, rayong_point):
    """Issue 16: too many wrong passwords lock the name in the registry (from any address);
    the plugin says so, and for how long, instead of "the registry is not working"."""
    import requests

    from registry_helpers import PASSWORD, store_basic_authcfg

    assert registry.add_user("locked-out", PASSWORD, "21").returncode == 0
    for _ in range(10):
        r = requests.get(registry.url + "/account", auth=("locked-out", "a wrong guess"),
                         headers={"X-Forwarded-For": "192.0.2.77"}, timeout=30)
        assert r.status_code == 401
    cfg = store_basic_authcfg("locked-out", "locked-out", PASSWORD)
    try:
        with pytest.raises(RegistryError) as e:
            RegistryClient(registry.url, cfg, timeout_s=30).create(new_feature(rayong_point, "21"))
    finally:
        QgsApplication.authManager().removeAuthenticationConfig(cfg)
    assert e.value.status == 429 and e.value.code == "too_many_attempts"
    assert "min" in e.value.message_en and "นาที" in e.value.message_th


def test_an_answer_cut_short_is_a_network_fault_and_retried(registry):
    """Headers, then half the body, then the connection closed (scripts/faults/proxy.py's "cut"):
    a network fault, retried, and said as one -- not "something that is not JSON (is the URL
    right?)", which sent people to check a right address and stopped publishes."""
    import sys

    from registry_helpers import REPO

    sys.path.insert(0, str(REPO / "scripts" / "faults"))
    try:
        from proxy import FaultProxy
    finally:
        sys.path.remove(str(REPO / "scripts" / "faults"))
    upstream = int(registry.url.rsplit(":", 1)[1].split("/")[0])
    proxy = FaultProxy(upstream, rate=1.0, weights={"cut": 1}).start()
    try:
        client = RegistryClient(proxy.url, timeout_s=30, retries=2, backoff_s=0.05)
        with pytest.raises(RegistryError) as e:
            client.landing()
        assert e.value.status == 0 and e.value.code == "network", str(e.value)
        assert "not JSON" not in e.value.message_en
        assert proxy.counts["cut"] == 2  # GET retried once, then given up
        proxy.rate = 0.0  # the next answer whole: read as usual
        assert any(link.get("rel") == "bulk" for link in client.landing()["links"])
    finally:
        proxy.stop()
