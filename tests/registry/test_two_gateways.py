"""Issue 16: several gateway hosts on one database.  A second `registry serve` (its own gunicorn,
its own data folder) is started on the session registry's database with the owner, writer and
reader URLs, as a second host would be in production: what one writes the other serves with the
same version, and the sign-in throttle holds across them (its count is in PostgreSQL)."""
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import requests

from registry_helpers import BOUNDARIES, PASSWORD, assert_json_error, auth, new_feature
from registry import launcher

pytestmark = pytest.mark.registry


@pytest.fixture(scope="module")
def second(registry):
    urls = launcher.role_urls(registry.data)
    data = Path(tempfile.mkdtemp(prefix="cp-registry-second-"))
    try:
        reg = launcher.start(data, BOUNDARIES, env={  # as a second host: by the environment
            "REGISTRY_DATABASE_URL": urls["owner"], "REGISTRY_WRITER_URL": urls["writer"],
            "REGISTRY_READER_URL": urls["reader"]})
    except RuntimeError:
        shutil.rmtree(data, ignore_errors=True)
        raise
    yield reg
    code = reg.stop()
    log = reg.log_path.read_text()
    shutil.rmtree(data, ignore_errors=True)
    assert code == 0, log[-3000:]
    assert "PostgreSQL stopped" not in log  # not its database to stop


def test_what_one_host_writes_the_other_serves(registry, second):
    f = new_feature(registry.point_in("210101"), "21")
    r = requests.post(registry.items_url(), data=json.dumps(f), auth=auth("rayong"),
                      headers={"Content-Type": "application/geo+json"}, timeout=30)
    assert r.status_code == 201, r.text
    got = requests.get(f"{second.url}/collections/service_points/items/{f['id']}",
                       params={"f": "json"}, timeout=30)
    assert got.status_code == 200 and got.headers["ETag"] == r.headers["ETag"]
    f["properties"]["name_en"] = "changed on the second host"
    r2 = requests.put(f"{second.url}/collections/service_points/items/{f['id']}",
                      data=json.dumps(f), auth=auth("rayong"), timeout=30,
                      headers={"Content-Type": "application/geo+json", "If-Match": '"1"'})
    assert r2.status_code == 200 and r2.headers["ETag"] == '"2"', r2.text
    stale = requests.put(registry.items_url(f["id"]), data=json.dumps(f), auth=auth("rayong"),
                         timeout=30, headers={"Content-Type": "application/geo+json",
                                              "If-Match": '"1"'})
    assert_json_error(stale, 412, "precondition_failed")


def test_the_sign_in_throttle_holds_across_hosts(registry, second):
    assert registry.add_user("two-hosts", PASSWORD, "21").returncode == 0
    hosts = [registry.url, second.url]
    for i in range(10):  # alternating hosts, from alternating addresses
        r = requests.get(hosts[i % 2] + "/account", auth=("two-hosts", "wrong guess"),
                         headers={"X-Forwarded-For": f"192.0.2.{100 + i}"}, timeout=30)
        assert_json_error(r, 401)
    for url in hosts:  # locked on both, the right password too
        r = requests.get(url + "/account", auth=("two-hosts", PASSWORD), timeout=30)
        assert_json_error(r, 429, "too_many_attempts")
    assert requests.get(second.url + "/account", auth=auth("rayong"),
                        timeout=30).status_code == 200
