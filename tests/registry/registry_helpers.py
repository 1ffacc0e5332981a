"""Helpers of the registry tests (the fixtures are in conftest.py)."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

from qgis.core import QgsApplication, QgsAuthMethodConfig

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
#: The shared boundary layer the test registries load.
BOUNDARIES = SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from registry import launcher  # noqa: E402
PASSWORD = "correct horse battery staple"
ACCOUNTS = {
    # name: (provinces, role)
    "rayong": ("21", "editor"),
    "chiangmai": ("50", "editor"),
    "both": ("21,50", "editor"),
    "korat": ("30", "editor"),
    "coordinator": ("", "coordinator"),
}


class Registry:
    def __init__(self, url: str, data: Path, proc: subprocess.Popen):
        self.url = url
        self.data = data
        self.proc = proc

    def db(self):
        return launcher.superuser_connection(self.data)

    def query(self, sql, args=()):
        return launcher.query(self.data, sql, args)

    def add_user(self, name, password, provinces="", role="editor"):
        return subprocess.run(
            [sys.executable, "-m", "registry", "--data", str(self.data), "add-user", name,
             "--provinces", provinces, "--role", role],
            input=password + "\n", capture_output=True, text=True, cwd=str(REPO), timeout=60)

    def point_in(self, tambon: str):
        """A point well inside a tambon (from the loaded boundary layer)."""
        row = self.query("SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) "
                         "AS p FROM tambons WHERE code = %s) s", (tambon,))[0]
        return [row["x"], row["y"]]

    def items_url(self, pin_id=""):
        return f"{self.url}/collections/service_points/items" + (f"/{pin_id}" if pin_id else "")


def auth(name):
    return (name, PASSWORD)


def new_feature(point, province="21", amphoe=None, tambon=None, **props):
    pin_id = props.pop("pin_id", None) or str(uuid.uuid4())
    # a name of its own: the registry refuses a second pin with the same name at the same place
    # (409 duplicate), and the tests put many pins on one point
    p = {"name_th": f"จุดบริการทดสอบ {pin_id[:8]}", "point_type": "other",
         "province_code": province}
    if amphoe:
        p["amphoe_code"] = amphoe
    if tambon:
        p["tambon_code"] = tambon
    p.update(props)
    return {"type": "Feature", "id": pin_id,
            "geometry": {"type": "Point", "coordinates": list(point)}, "properties": p}


def assert_json_error(r, status, code=None):
    """The registry's client error: that status, a JSON body in English and Thai (and that
    code)."""
    assert r.status_code == status, (r.status_code, r.headers.get("Content-Type"), r.text[:500])
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    body = r.json()
    assert body["message_en"] and body["message_th"], body
    if code:
        assert body["code"] == code, body
    return body


def wait_until(predicate, timeout=180):
    """Let QGIS's event loop run (tasks report back on it) until ``predicate()`` holds."""
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.02)
    raise AssertionError("timed out waiting for the task")


def store_basic_authcfg(label: str, username: str, password: str) -> str:
    """A Basic auth config in QGIS's authentication database; returns its id."""
    cfg = QgsAuthMethodConfig()
    cfg.setName(f"citizen_pins test {label}")
    cfg.setMethod("Basic")
    cfg.setConfig("username", username)
    cfg.setConfig("password", password)
    ok = QgsApplication.authManager().storeAuthenticationConfig(cfg)
    assert ok[0] if isinstance(ok, tuple) else ok
    return cfg.id()
