"""Issue 16, item 9: the registry supervises itself.  Its PostgreSQL is killed (SIGKILL of the
postmaster): reads and writes answer 503 with Retry-After (JSON) while it is down, and the
registry brings it back and serves again by itself, with no restart by hand.  A registry of its
own (it is killed); bounded: about a minute."""
import json
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
import requests

from registry_helpers import BOUNDARIES, PASSWORD, auth, new_feature
from registry import launcher

pytestmark = pytest.mark.registry

RESTART_DELAY_S = 6  # how long the registry waits before bringing PostgreSQL back (test setting)


@pytest.fixture(scope="module")
def own_registry(shared_data):
    data = Path(tempfile.mkdtemp(prefix="cp-registry-supervised-"))
    try:
        reg = launcher.start(data, BOUNDARIES,
                             env={"REGISTRY_PG_RESTART_DELAY": str(RESTART_DELAY_S)})
    except RuntimeError:
        shutil.rmtree(data, ignore_errors=True)
        raise
    reg.add_user("rayong", PASSWORD, "21")
    yield reg
    code = reg.stop()
    log = reg.log_path.read_text()
    shutil.rmtree(data, ignore_errors=True)
    assert code == 0, log[-3000:]


def _postmaster_pid(data: Path) -> int:
    return int((data / "pgdata" / "postmaster.pid").read_text().splitlines()[0])


def _assert_unavailable(r, reg):
    assert r.status_code == 503, (r.status_code, r.text[:300], reg.log_path.read_text()[-3000:])
    assert r.headers["Content-Type"].startswith("application/json")
    assert int(r.headers["Retry-After"]) > 0
    body = r.json()
    assert body["code"] == "database_unavailable" and body["message_th"], body


def test_postgresql_killed_then_back_by_itself(own_registry):
    reg = own_registry
    items = f"{reg.url}/collections/service_points/items"
    point = launcher.query(reg.data, "SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT "
                                     "ST_PointOnSurface(geom) AS p FROM tambons WHERE code = "
                                     "'210101') s")[0]
    point = [point["x"], point["y"]]
    headers = {"Content-Type": "application/geo+json"}
    before = new_feature(point, "21")
    r = requests.post(items, data=json.dumps(before), headers=headers, auth=auth("rayong"),
                      timeout=30)
    assert r.status_code == 201, r.text
    assert requests.get(f"{items}/{before['id']}", params={"f": "json"},
                        timeout=30).status_code == 200

    killed_at = time.monotonic()
    os.kill(_postmaster_pid(reg.data), signal.SIGKILL)
    time.sleep(1.0)  # its backends notice and exit

    # down: reads and writes say so, with Retry-After
    _assert_unavailable(requests.get(items, params={"f": "json"}, timeout=10), reg)
    _assert_unavailable(requests.get(f"{items}/{before['id']}", params={"f": "json"},
                                     timeout=10), reg)
    during = new_feature(point, "21")
    _assert_unavailable(requests.post(items, data=json.dumps(during), headers=headers,
                                      auth=auth("rayong"), timeout=10), reg)
    _assert_unavailable(requests.get(f"{reg.url}/account", auth=auth("rayong"), timeout=10),
                        reg)
    assert time.monotonic() - killed_at < RESTART_DELAY_S  # all of that while it was down

    # back by itself
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = requests.get(f"{items}/{before['id']}", params={"f": "json"}, timeout=10)
        if r.status_code == 200:
            break
        _assert_unavailable(r, reg)  # nothing but 503 meanwhile
        time.sleep(0.5)
    assert r.status_code == 200, "the registry did not come back by itself"
    print(f"\nsupervision: served again {time.monotonic() - killed_at:.1f} s after the kill "
          f"(restart delay {RESTART_DELAY_S} s)")
    r = requests.post(items, data=json.dumps(during), headers=headers, auth=auth("rayong"),
                      timeout=30)
    assert r.status_code == 201, r.text
    assert requests.get(f"{reg.url}/account", auth=auth("rayong"), timeout=30).status_code == 200
    assert "restarting PostgreSQL" in reg.log_path.read_text()
