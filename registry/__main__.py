"""``python -m registry serve|add-user``: run the reference registry, register agency accounts.

serve
    Creates (once) a throwaway PostgreSQL cluster under ``--data`` (``$REGISTRY_DATA``, default
    ``.registry``) with the registry's three roles, starts it, creates or updates the schema (as
    the owner role), loads the boundary layer (``$REGISTRY_BOUNDARIES``) when it changed, writes
    pygeoapi's configuration (the reader role) and the gateway's (the writer role), starts
    gunicorn on 127.0.0.1:``--port`` (``$REGISTRY_PORT``, default 5080) with the registry's own
    worker (:mod:`registry.worker`: slow clients cost no thread, deadlines on every request),
    prints exactly ``registry ready at http://127.0.0.1:PORT`` and serves until SIGINT/SIGTERM;
    then it stops gunicorn and PostgreSQL cleanly.  It supervises its PostgreSQL: if the
    postmaster dies, it is started again (after ``$REGISTRY_PG_RESTART_DELAY`` seconds, default
    1) while the gateway answers 503.  ``--database-url`` (the owner role) with
    ``--writer-url`` and ``--reader-url`` uses an existing PostgreSQL instead of the throwaway
    cluster (see registry/README.md).

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

from registry import dbschema, openapi, pygeoapi_setup  # noqa: E402
from registry.accounts import AccountError, parse_provinces, upsert_account  # noqa: E402
from registry.cluster import Cluster, ClusterError, Dsn  # noqa: E402

DEFAULT_BOUNDARIES = (Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared"))
                      / "data" / "boundaries" / "thailand_admin_simplified.gpkg")


def log(msg: str) -> None:
    print(f"[registry] {msg}", file=sys.stderr, flush=True)


def dsn_from_url(url: str, option: str = "--database-url") -> Dsn:
    u = urlparse(url)
    if u.scheme not in ("postgresql", "postgres"):
        raise SystemExit(f"{option} is postgresql://user:password@host:port/dbname")
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


def role_dsns(args, cluster: Optional[Cluster]) -> dict:
    """owner / writer / reader: from the URLs, or the throwaway cluster's (set up as needed)."""
    if args.database_url:
        if not (args.writer_url and args.reader_url):
            raise SystemExit("--database-url (the owner role) needs --writer-url and --reader-url "
                             "($REGISTRY_WRITER_URL, $REGISTRY_READER_URL): the gateway and "
                             "pygeoapi never connect as the owner (registry/README.md).")
        return {"owner": dsn_from_url(args.database_url),
                "writer": dsn_from_url(args.writer_url, "--writer-url"),
                "reader": dsn_from_url(args.reader_url, "--reader-url")}
    port = cluster.running_port()
    if port is None:
        raise ClusterError("PostgreSQL is not running")
    return cluster.setup(port)


def check_roles(conn, dsns: dict) -> None:
    """The writer and the reader are neither superusers nor the owner (least privilege)."""
    names = {k: d.user for k, d in dsns.items()}
    if len(set(names.values())) != 3:
        raise RuntimeError(f"the owner, writer and reader must be three roles, not {names}")
    with conn.cursor() as cur:
        cur.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) AND (rolsuper OR "
                    "rolbypassrls)", ([names["writer"], names["reader"]],))
        bad = [r[0] for r in cur.fetchall()]
    if bad:
        raise RuntimeError(f"refusing to serve: {', '.join(bad)} may bypass every privilege "
                           "(superuser or BYPASSRLS); give the writer and the reader plain roles")


def _sleep(stopper: "Stopper", seconds: float) -> None:
    end = time.monotonic() + seconds
    while stopper.signal is None and time.monotonic() < end:
        time.sleep(0.2)


def supervise_postgresql(cluster: Cluster, port: int, stopper: "Stopper") -> None:
    """Called while serving: if the postmaster died, start it again on the same port (the
    gateway answers 503 meanwhile and reconnects by itself)."""
    if cluster.running_port() is not None or stopper.signal is not None:
        return
    delay = float(os.environ.get("REGISTRY_PG_RESTART_DELAY", "1"))
    log(f"PostgreSQL is not running; restarting PostgreSQL in {delay:g} s")
    _sleep(stopper, delay)
    attempt = 0
    while stopper.signal is None and cluster.running_port() is None:
        try:
            cluster.start(port)
            log("PostgreSQL is back")
            return
        except ClusterError as e:  # e.g. its old processes still hold the shared memory
            attempt += 1
            log(f"PostgreSQL did not start yet (attempt {attempt}): "
                f"{str(e).strip().splitlines()[-1] if str(e).strip() else e}")
            _sleep(stopper, min(10.0, 0.5 * 2 ** attempt))


def _private_json(path: Path, doc: dict) -> None:
    import json

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds a DB password
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)


def serve(args) -> int:
    data = Path(args.data).resolve()
    port = int(args.port)
    public = args.public_url or f"http://127.0.0.1:{port}"
    stopper = Stopper()
    cluster = None
    db_port = None
    import psycopg2

    try:
        if args.database_url:
            data.mkdir(parents=True, exist_ok=True)
        else:
            cluster = Cluster(str(data))
            cluster.init()
            db_port = cluster.start()
        dsns = role_dsns(args, cluster)
        owner = dsns["owner"]
        conn = psycopg2.connect(**owner.kwargs())
        try:
            check_roles(conn, dsns)
            dbschema.migrate(conn, dsns["writer"].user, dsns["reader"].user)
            dbschema.load_boundaries(conn, owner, args.boundaries, log=log)
        finally:
            conn.close()
        cfg = pygeoapi_setup.write_config(data, dsns["reader"], public, port)
        doc = data / "openapi.json"
        openapi.write(doc, public)
        gateway_cfg = data / "gateway.json"
        _private_json(gateway_cfg, {"database": dsns["writer"].kwargs(), "public_url": public,
                                    "tolerance_m": args.tolerance_m})
        pidfile = data / "gunicorn.pid"
        _stop_stale_gunicorn(pidfile)
        plugins = Path(args.plugins or data / "plugins").resolve()
        plugins.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PYGEOAPI_CONFIG=str(cfg), PYGEOAPI_OPENAPI=str(doc),
                   REGISTRY_GATEWAY_CONFIG=str(gateway_cfg), REGISTRY_PLUGINS=str(plugins),
                   PYTHONPATH=os.pathsep.join([str(REPO)] + [p for p in os.environ.get(
                       "PYTHONPATH", "").split(os.pathsep) if p]))
        cmd = [sys.executable, "-m", "gunicorn", "registry.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
               "--worker-class", "registry.worker.BufferingWorker", "--threads",
               str(args.threads), "--timeout", "120", "--graceful-timeout", "10",
               "--keep-alive", "5", "--pid", str(pidfile), "--chdir", str(REPO),
               "--log-level", "warning"]
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
            checked = time.monotonic()
            while stopper.signal is None and gun.poll() is None:
                time.sleep(0.2)
                if cluster is not None and time.monotonic() - checked >= 1.0:
                    supervise_postgresql(cluster, db_port, stopper)
                    checked = time.monotonic()
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
        dsn = cluster.setup(port)["owner"]
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
                   help="an existing PostgreSQL/PostGIS database (as its owner role) instead of "
                        "the throwaway cluster")
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
    s.add_argument("--writer-url", default=os.environ.get("REGISTRY_WRITER_URL", ""),
                   help="with --database-url: the gateway's role (writes through the functions)")
    s.add_argument("--reader-url", default=os.environ.get("REGISTRY_READER_URL", ""),
                   help="with --database-url: pygeoapi's read-only role")
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
