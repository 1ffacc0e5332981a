"""``python -m registry serve|add-user``: run the reference registry, register agency accounts.

serve
    Creates (once) a throwaway PostgreSQL cluster under ``--data`` (``$REGISTRY_DATA``, default
    ``.registry``), starts it, creates or updates the schema, loads the boundary layer
    (``$REGISTRY_BOUNDARIES``) when it changed, writes pygeoapi's configuration, starts gunicorn
    on 127.0.0.1:``--port`` (``$REGISTRY_PORT``, default 5080), prints exactly
    ``registry ready at http://127.0.0.1:PORT`` and serves until SIGINT/SIGTERM; then it stops
    gunicorn and PostgreSQL cleanly.  ``--database-url`` uses an existing PostgreSQL instead of
    the throwaway cluster (see registry/README.md).

add-user NAME --provinces 21,50 [--role editor|coordinator]
    Creates the account (or resets its password, role and provinces) in the same database,
    reading the password from standard input (first line).  Starts the cluster for the moment
    when the registry is not running.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from registry import dbschema, pygeoapi_setup  # noqa: E402
from registry.accounts import AccountError, parse_provinces, upsert_account  # noqa: E402
from registry.cluster import Cluster, ClusterError, Dsn  # noqa: E402

DEFAULT_BOUNDARIES = (Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared"))
                      / "data" / "boundaries" / "thailand_admin_simplified.gpkg")


def log(msg: str) -> None:
    print(f"[registry] {msg}", file=sys.stderr, flush=True)


def dsn_from_url(url: str) -> Dsn:
    u = urlparse(url)
    if u.scheme not in ("postgresql", "postgres"):
        raise SystemExit("--database-url is postgresql://user:password@host:port/dbname")
    return Dsn(u.hostname or "127.0.0.1", u.port or 5432, (u.path or "/").lstrip("/") or "registry",
               unquote(u.username or ""), unquote(u.password or ""))


class Stopper:
    def __init__(self):
        self.signal: Optional[int] = None
        signal.signal(signal.SIGINT, self.on_signal)
        signal.signal(signal.SIGTERM, self.on_signal)

    def on_signal(self, signum, frame):
        self.signal = signum


def _stop_stale_gunicorn(pidfile: Path) -> None:
    """A gunicorn of an earlier run of this same registry whose parent was killed."""
    try:
        pid = int(pidfile.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except (OSError, ValueError):
        return
    if b"registry.wsgi" not in cmdline:
        return
    log(f"stopping the registry's stale gunicorn (pid {pid}) from an earlier run")
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists():
            return
        time.sleep(0.1)


def _wait_http(url: str, proc: subprocess.Popen, stopper: Stopper, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and stopper.signal is None:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/conformance?f=json", timeout=5) as r:
                if r.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    return False


def serve(args) -> int:
    data = Path(args.data).resolve()
    port = int(args.port)
    public = args.public_url or f"http://127.0.0.1:{port}"
    stopper = Stopper()
    cluster = None
    import psycopg2

    try:
        if args.database_url:
            dsn = dsn_from_url(args.database_url)
            data.mkdir(parents=True, exist_ok=True)
        else:
            cluster = Cluster(str(data))
            cluster.init()
            db_port = cluster.start()
            dsn = cluster.ensure_database(db_port)
        conn = psycopg2.connect(**dsn.kwargs())
        try:
            dbschema.migrate(conn)
            dbschema.load_boundaries(conn, dsn, args.boundaries, log=log)
        finally:
            conn.close()
        cfg, openapi = pygeoapi_setup.write_config(data, dsn, public, port)
        pidfile = data / "gunicorn.pid"
        _stop_stale_gunicorn(pidfile)
        plugins = Path(args.plugins or data / "plugins").resolve()
        plugins.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PYGEOAPI_CONFIG=str(cfg), PYGEOAPI_OPENAPI=str(openapi),
                   REGISTRY_PUBLIC_URL=public, REGISTRY_TOLERANCE_M=str(args.tolerance_m),
                   REGISTRY_PLUGINS=str(plugins),
                   PYTHONPATH=os.pathsep.join([str(REPO)] + [p for p in os.environ.get(
                       "PYTHONPATH", "").split(os.pathsep) if p]))
        cmd = [sys.executable, "-m", "gunicorn", "registry.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
               "--worker-class", "gthread", "--threads", str(args.threads),
               "--timeout", "120", "--graceful-timeout", "10", "--pid", str(pidfile),
               "--chdir", str(REPO), "--log-level", "warning"]
        if args.access_log:
            cmd += ["--access-logfile", args.access_log]
        # Its own session: a Ctrl-C in the terminal reaches only us, and we stop it in order.
        gun = subprocess.Popen(cmd, env=env, start_new_session=True)
        try:
            if not _wait_http(f"http://127.0.0.1:{port}", gun, stopper):
                if stopper.signal is None:
                    log(f"gunicorn did not start on 127.0.0.1:{port} (port in use?)")
                    return 1
                return 0
            print(f"registry ready at http://127.0.0.1:{port}", flush=True)
            while stopper.signal is None and gun.poll() is None:
                time.sleep(0.2)
            if gun.poll() is not None:
                log(f"gunicorn exited with status {gun.returncode}")
                return 1
            return 0
        finally:
            if gun.poll() is None:
                gun.send_signal(signal.SIGTERM)
                try:
                    gun.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    gun.kill()
                    gun.wait()
    except (ClusterError, RuntimeError, psycopg2.Error) as e:
        log(str(e))
        return 1
    finally:
        if cluster is not None:
            try:
                cluster.stop()
                log("PostgreSQL stopped")
            except ClusterError as e:
                log(str(e))


def add_user(args) -> int:
    import psycopg2

    line = sys.stdin.readline()
    password = line[:-1] if line.endswith("\n") else line
    if password.endswith("\r"):
        password = password[:-1]
    try:
        provinces = parse_provinces(args.provinces or "")
    except AccountError as e:
        print(f"registry-user: {e}", file=sys.stderr)
        return 2
    cluster = None
    started = False
    if args.database_url:
        dsn = dsn_from_url(args.database_url)
    else:
        cluster = Cluster(args.data)
        port = cluster.running_port()
        if port is None:
            port = cluster.start()
            started = True
        dsn = cluster.ensure_database(port)
    try:
        conn = psycopg2.connect(**dsn.kwargs())
        try:
            dbschema.migrate(conn)
            created = upsert_account(conn, args.name, password, args.role, provinces)
        finally:
            conn.close()
    except AccountError as e:
        print(f"registry-user: {e}", file=sys.stderr)
        return 2
    finally:
        if started and cluster is not None:
            cluster.stop()
    print(f"account {args.name} {'created' if created else 'updated'}: role {args.role}, "
          f"provinces {','.join(provinces) or '-'}")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m registry")
    p.add_argument("--data", default=os.environ.get("REGISTRY_DATA", ".registry"))
    p.add_argument("--database-url", default=os.environ.get("REGISTRY_DATABASE_URL", ""),
                   help="an existing PostgreSQL/PostGIS database instead of the throwaway cluster")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", default=os.environ.get("REGISTRY_PORT", "5080"))
    s.add_argument("--boundaries", default=os.environ.get("REGISTRY_BOUNDARIES",
                                                          str(DEFAULT_BOUNDARIES)))
    s.add_argument("--public-url", default=os.environ.get("REGISTRY_PUBLIC_URL", ""))
    s.add_argument("--tolerance-m", type=float,
                   default=float(os.environ.get("REGISTRY_TOLERANCE_M", "1500")))
    s.add_argument("--workers", type=int, default=int(os.environ.get("REGISTRY_WORKERS", "2")))
    s.add_argument("--threads", type=int, default=int(os.environ.get("REGISTRY_THREADS", "4")))
    s.add_argument("--access-log", default=os.environ.get("REGISTRY_ACCESS_LOG", ""))
    s.add_argument("--plugins", default=os.environ.get("REGISTRY_PLUGINS", ""),
                   help="the plugin repository's folder, served at /plugins/ (default DATA/plugins)")
    u = sub.add_parser("add-user")
    u.add_argument("name")
    u.add_argument("--provinces", default="")
    u.add_argument("--role", default="editor", choices=("editor", "coordinator"))
    args = p.parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return add_user(args)


if __name__ == "__main__":
    sys.exit(main())
