"""The real registry, started once per test session: a throwaway PostgreSQL/PostGIS cluster and
pygeoapi + the gateway under gunicorn on a free 127.0.0.1 port, exactly as `make registry` runs it
(``python -m registry serve``); stopped with SIGTERM at the end, which must stop PostgreSQL too."""
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from qgis.core import QgsApplication

from registry_helpers import ACCOUNTS, PASSWORD, REPO, Registry, store_basic_authcfg

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from registry.cluster import free_port  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
SIMPLIFIED_GPKG = SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg"


@pytest.fixture(scope="session")
def registry(shared_data):
    data = Path(tempfile.mkdtemp(prefix="cp-registry-"))
    os.chmod(data, 0o755)  # as root, PostgreSQL runs as the postgres user and must enter it
    port = free_port()
    log = open(data / "serve.log", "w+")
    env = dict(os.environ, REGISTRY_WORKERS="2", REGISTRY_THREADS="4")
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry", "--data", str(data), "serve", "--port", str(port),
         "--boundaries", str(SIMPLIFIED_GPKG)],
        cwd=str(REPO), stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    deadline = time.monotonic() + 180
    ready = None
    while time.monotonic() < deadline and proc.poll() is None:
        r, _, _ = select.select([proc.stdout], [], [], 1.0)
        if r:
            line = proc.stdout.readline()
            if line.startswith("registry ready at "):
                ready = line.strip()
                break
    if ready != f"registry ready at http://127.0.0.1:{port}":
        proc.kill()
        log.seek(0)
        pytest.fail(f"the registry did not start ({ready!r}):\n{log.read()[-4000:]}")
    reg = Registry(f"http://127.0.0.1:{port}", data, proc)
    for name, (provinces, role) in ACCOUNTS.items():
        out = reg.add_user(name, PASSWORD, provinces, role)
        assert out.returncode == 0, out.stderr
    yield reg
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = "killed"
    log.seek(0)
    text = log.read()
    log.close()
    stopped = not (data / "pgdata" / "postmaster.pid").exists()
    shutil.rmtree(data, ignore_errors=True)
    assert code == 0, text[-3000:]
    assert stopped, "PostgreSQL was not stopped"
    assert "PostgreSQL stopped" in text
    assert PASSWORD not in text  # never logged


@pytest.fixture(scope="session")
def http():
    s = requests.Session()
    yield s
    s.close()


MASTER = "citizen-pins-tests-master"

@pytest.fixture(scope="session")
def authcfgs(qgis_app):
    """QGIS auth configs (Basic) for the test accounts; removed afterwards."""
    am = QgsApplication.authManager()
    assert am.setMasterPassword(MASTER, True), "QGIS's auth DB has another master password"
    made = {}
    for name, password in (("rayong", PASSWORD), ("wrong", "not the password"),
                           ("chiangmai", PASSWORD), ("korat", PASSWORD)):
        made[name] = store_basic_authcfg(name, "rayong" if name == "wrong" else name, password)
    yield made
    for cfg_id in made.values():
        am.removeAuthenticationConfig(cfg_id)
