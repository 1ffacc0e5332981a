"""Start the reference registry as a child process and stop it cleanly (for demos, screenshots and
benchmarks that need a real registry on 127.0.0.1)."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from .cluster import free_port

REPO = Path(__file__).resolve().parents[1]


def superuser_connection(data: Path):
    """An autocommit connection, as the cluster's superuser, to the registry kept in ``data``
    (for tests and harnesses that check what the database really holds)."""
    import json

    import psycopg2

    state = json.loads((data / "state.json").read_text())
    port = int((data / "pgdata" / "postmaster.pid").read_text().splitlines()[3])
    conn = psycopg2.connect(host="127.0.0.1", port=port, dbname=state["dbname"],
                            user=state["superuser"], password=state["password"])
    conn.autocommit = True
    return conn


def role_connection(data: Path, role: str):
    """A connection (not autocommit) to the registry kept in ``data`` as one of its roles: owner,
    writer (the gateway's) or reader (pygeoapi's)."""
    import json

    import psycopg2

    state = json.loads((data / "state.json").read_text())
    port = int((data / "pgdata" / "postmaster.pid").read_text().splitlines()[3])
    r = state["roles"][role]
    return psycopg2.connect(host="127.0.0.1", port=port, dbname=state["dbname"], user=r["name"],
                            password=r["password"])


def role_urls(data: Path) -> dict:
    """owner / writer / reader as ``postgresql://`` URLs (``REGISTRY_DATABASE_URL``,
    ``REGISTRY_WRITER_URL``, ``REGISTRY_READER_URL`` of another gateway host on the same
    database)."""
    import json
    from urllib.parse import quote

    state = json.loads((data / "state.json").read_text())
    port = int((data / "pgdata" / "postmaster.pid").read_text().splitlines()[3])
    return {k: f"postgresql://{quote(r['name'])}:{quote(r['password'], safe='')}@127.0.0.1:"
               f"{port}/{state['dbname']}" for k, r in state["roles"].items()}


def query(data: Path, sql: str, args=()) -> list:
    """Rows (as dicts) of one SQL statement against the registry kept in ``data``."""
    import psycopg2.extras

    conn = superuser_connection(data)
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(sql, args)
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()


class RunningRegistry:
    def __init__(self, url: str, data: Path, proc: subprocess.Popen, log_path: Path):
        self.url = url
        self.data = data
        self.proc = proc
        self.log_path = log_path

    def add_user(self, name: str, password: str, provinces: str = "", role: str = "editor"):
        out = subprocess.run(
            [sys.executable, "-m", "registry", "--data", str(self.data), "add-user", name,
             "--provinces", provinces, "--role", role],
            input=password + "\n", capture_output=True, text=True, cwd=str(REPO), timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"add-user {name} failed: {out.stderr}")

    def stop(self, timeout: float = 90) -> int:
        """SIGTERM (the registry stops PostgreSQL cleanly), then wait; kill only as a last resort."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait(timeout=30)
        return self.proc.returncode


def start(data: Path, boundaries: Path, port: Optional[int] = None,
          timeout: float = 180, env: Optional[dict] = None) -> RunningRegistry:
    """Run ``python -m registry serve`` and wait for its ready line (``env``: more environment,
    e.g. the registry's limits, ``REGISTRY_DATABASE_URL``,
    ``REGISTRY_PLUGIN_MIN_VERSION``)."""
    data.mkdir(parents=True, exist_ok=True)
    os.chmod(data, 0o755)  # as root, PostgreSQL runs as the postgres user and must enter it
    port = port or free_port()
    log_path = data / "serve.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry", "--data", str(data), "serve", "--port", str(port),
         "--boundaries", str(boundaries)],
        cwd=str(REPO), stdout=subprocess.PIPE, stderr=log, text=True,
        env=dict(os.environ, **(env or {})))
    log.close()
    expected = f"registry ready at http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready and proc.stdout.readline().strip() == expected:
            return RunningRegistry(f"http://127.0.0.1:{port}", data, proc, log_path)
    if proc.poll() is None:
        proc.kill()
    raise RuntimeError(f"the registry did not start:\n{log_path.read_text()[-4000:]}")
