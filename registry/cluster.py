"""A throwaway PostgreSQL cluster under ``$REGISTRY_DATA`` (Debian's PostgreSQL binaries).

Layout of the data folder::

    pgdata/        the cluster (owned by the ``postgres`` OS user when we run as root)
    state.json     superuser name and password of the cluster, and the names and passwords of the
                   registry's three roles (mode 600, generated once)

The registry never runs as the superuser: :meth:`Cluster.setup` creates the database and three
login roles -- the owner (schema, migrations, boundary loading), the writer (the gateway) and the
reader (pygeoapi) -- and gives the owner everything of ours that an earlier version left to the
superuser.

PostgreSQL refuses to run as root: as root the cluster's programs run as the ``postgres`` OS user
(created by Debian's package), through ``runuser``.  It listens on 127.0.0.1 only, on a free port
chosen at each start, with no Unix socket, and password (SCRAM) authentication.
"""
from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

#: Debian's layout: /usr/lib/postgresql/<major>/bin, PostGIS in /usr/share/postgresql/<major>.
PG_LIB = Path("/usr/lib/postgresql")
PG_SHARE = Path("/usr/share/postgresql")
SUPERUSER = "registry_admin"
DBNAME = "registry"
#: The registry's roles in a throwaway cluster (what a DBA creates by hand in production).
ROLES = {"owner": "citizen_pins_owner", "writer": "citizen_pins_writer",
         "reader": "citizen_pins_reader"}
RUN_AS = os.environ.get("REGISTRY_PG_OS_USER", "postgres")


class ClusterError(Exception):
    pass


def _major(name: str) -> tuple:
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def installed_versions() -> List[str]:
    """Major versions of PostgreSQL installed here with PostGIS, newest first."""
    found = []
    for d in PG_LIB.glob("*/bin/initdb"):
        major = d.parent.parent.name
        if _major(major) and (PG_SHARE / major / "extension" / "postgis.control").is_file():
            found.append(major)
    return sorted(found, key=_major, reverse=True)


def pg_bin(data_version: Optional[str] = None) -> Path:
    """The PostgreSQL programs to use: ``$REGISTRY_PG_BIN`` if set, else those of an existing
    cluster's version (``data_version``), else the newest installed with PostGIS (Debian 12: 15,
    trixie: 17, sid: 18)."""
    if os.environ.get("REGISTRY_PG_BIN"):
        return Path(os.environ["REGISTRY_PG_BIN"])
    versions = installed_versions()
    if data_version:
        if data_version in versions:
            return PG_LIB / data_version / "bin"
        raise ClusterError(
            f"The registry's cluster was made by PostgreSQL {data_version}, which is not installed "
            f"here (with PostGIS: {', '.join(versions) or 'none'}). Install it, or delete the "
            f"data folder to start again. / ฐานข้อมูลของทะเบียนสร้างด้วย PostgreSQL {data_version} "
            f"ซึ่งไม่ได้ติดตั้งไว้ในเครื่องนี้ ให้ติดตั้ง หรือลบโฟลเดอร์ข้อมูลเพื่อเริ่มใหม่")
    if not versions:
        raise ClusterError(
            f"No PostgreSQL with PostGIS found in {PG_LIB}: install the packages postgresql and "
            "postgresql-postgis (make deps), or set REGISTRY_PG_BIN. / ไม่พบ PostgreSQL ที่มี "
            "PostGIS ในเครื่องนี้: ติดตั้งแพ็กเกจ postgresql และ postgresql-postgis (make deps)")
    return PG_LIB / versions[0] / "bin"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dsn:
    host: str
    port: int
    dbname: str
    user: str
    password: str

    def kwargs(self) -> dict:
        return {"host": self.host, "port": self.port, "dbname": self.dbname, "user": self.user,
                "password": self.password}

    def libpq(self) -> str:
        """A libpq connection string without the password (give it via PGPASSWORD)."""
        return f"host={self.host} port={self.port} dbname={self.dbname} user={self.user}"


class Cluster:
    def __init__(self, data_dir: str):
        self.data_dir = Path(data_dir).resolve()
        self.pgdata = self.data_dir / "pgdata"
        self.state_file = self.data_dir / "state.json"
        self.log_file = self.pgdata / "server.log"
        self._as_root = os.geteuid() == 0

    @property
    def bin(self) -> Path:
        """The programs of the cluster's own PostgreSQL version (a new cluster: the newest)."""
        try:
            made_by = (self.pgdata / "PG_VERSION").read_text().strip()
        except OSError:
            made_by = None
        return pg_bin(made_by)

    # -- running the cluster's programs as an unprivileged user -------------------------------
    def _cmd(self, args: List[str]) -> List[str]:
        if self._as_root:
            return ["runuser", "-u", RUN_AS, "--"] + args
        return args

    def _run(self, args: List[str], **kw) -> subprocess.CompletedProcess:
        proc = subprocess.run(self._cmd(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, **kw)
        if proc.returncode != 0:
            raise ClusterError(f"{os.path.basename(args[0])} failed:\n{proc.stdout.strip()}")
        return proc

    def _chown(self, path: Path) -> None:
        if self._as_root:
            pw = pwd.getpwnam(RUN_AS)
            os.chown(path, pw.pw_uid, pw.pw_gid)

    def _check_traversable(self) -> None:
        """As root, the ``postgres`` user must be able to reach the data folder."""
        if not self._as_root:
            return
        for parent in [self.data_dir] + list(self.data_dir.parents):
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                raise ClusterError(
                    f"PostgreSQL runs as the '{RUN_AS}' user, which cannot enter {parent} "
                    f"(mode {oct(mode & 0o777)}). Put REGISTRY_DATA in a folder others may enter, "
                    f"or run as a normal user.")

    # -- state -----------------------------------------------------------------------------
    def state(self) -> dict:
        with open(self.state_file, encoding="utf-8") as fh:
            return json.load(fh)

    @property
    def initialized(self) -> bool:
        return (self.pgdata / "PG_VERSION").is_file() and self.state_file.is_file()

    def init(self) -> None:
        """Create the cluster once (kept between runs)."""
        if self.initialized:
            return
        initdb = pg_bin() / "initdb"
        if not initdb.exists():
            raise ClusterError(f"{initdb} not found (REGISTRY_PG_BIN?). / ไม่พบ {initdb}")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o755)
        self._check_traversable()
        if self.pgdata.exists():  # a half-made cluster from an interrupted run
            shutil.rmtree(self.pgdata)
        self.pgdata.mkdir(mode=0o700)
        self._chown(self.pgdata)
        password = secrets.token_urlsafe(24)
        pwfile = self.data_dir / ".initdb-pw"
        pwfile.write_text(password + "\n", encoding="utf-8")
        os.chmod(pwfile, 0o600)
        self._chown(pwfile)
        try:
            self._run([str(initdb), "-D", str(self.pgdata), "-U", SUPERUSER,
                       "--pwfile", str(pwfile), "--auth=scram-sha-256", "-E", "UTF8",
                       "--locale=C.UTF-8"])
        finally:
            pwfile.unlink(missing_ok=True)
        with open(self.pgdata / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write("\n# citizen_pins registry (throwaway cluster)\n"
                     "listen_addresses = '127.0.0.1'\n"
                     "unix_socket_directories = ''\n"
                     "max_connections = 100\n"
                     "shared_buffers = 128MB\n")
        self._write_state({"superuser": SUPERUSER, "password": password, "dbname": DBNAME})

    # -- start / stop ----------------------------------------------------------------------
    def running_port(self) -> Optional[int]:
        """The port of a running postmaster of this cluster, or None."""
        pidfile = self.pgdata / "postmaster.pid"
        try:
            lines = pidfile.read_text().splitlines()
        except OSError:
            return None
        try:
            pid, port = int(lines[0]), int(lines[3])
            os.kill(pid, 0)
        except (IndexError, ValueError, ProcessLookupError):
            return None
        except PermissionError:  # alive, owned by another user
            pass
        return port if len(lines) > 7 and lines[7].strip() == "ready" else None

    def start(self, port: Optional[int] = None) -> int:
        self.init()
        running = self.running_port()
        if running:
            return running
        port = port or free_port()
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.pgdata), "-l", str(self.log_file),
                   "-o", f"-p {port}", "-w", "-t", "60", "start"],
                  start_new_session=True)  # a Ctrl-C meant for us must not reach the postmaster
        return port

    def stop(self) -> None:
        if not (self.pgdata / "postmaster.pid").exists():
            return
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "-t", "60",
                   "stop"])

    def dsn(self, port: int, dbname: Optional[str] = None) -> Dsn:
        """The superuser's (for setting up, and for tests that check the database)."""
        st = self.state()
        return Dsn("127.0.0.1", port, dbname or st["dbname"], st["superuser"], st["password"])

    def _write_state(self, st: dict) -> None:
        fd = os.open(self.state_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(st, fh)

    def role_dsns(self, port: int) -> Dict[str, Dsn]:
        """owner / writer / reader: names and passwords generated once, kept in state.json."""
        st = self.state()
        roles = st.get("roles") or {}
        if set(roles) != set(ROLES):
            roles = {k: {"name": name, "password": secrets.token_urlsafe(24)}
                     for k, name in ROLES.items()}
            st["roles"] = roles
            self._write_state(st)
        return {k: Dsn("127.0.0.1", port, st["dbname"], r["name"], r["password"])
                for k, r in roles.items()}

    def setup(self, port: int) -> Dict[str, Dsn]:
        """The database, its PostGIS, and the three roles, as the superuser (idempotent)."""
        import psycopg2

        self.ensure_database(port)
        dsns = self.role_dsns(port)
        conn = psycopg2.connect(**self.dsn(port, "postgres").kwargs())
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                for d in dsns.values():
                    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (d.user,))
                    verb = "ALTER" if cur.fetchone() else "CREATE"
                    cur.execute(f'{verb} ROLE "{d.user}" LOGIN NOSUPERUSER NOCREATEDB '
                                "NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %s",
                                (d.password,))
                cur.execute(f'ALTER DATABASE "{DBNAME}" OWNER TO "{dsns["owner"].user}"')
        finally:
            conn.close()
        conn = psycopg2.connect(**self.dsn(port).kwargs())
        conn.autocommit = True
        owner = dsns["owner"].user
        try:
            with conn.cursor() as cur:
                cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")  # needs a superuser
                cur.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
                cur.execute(f'GRANT USAGE, CREATE ON SCHEMA public TO "{owner}"')
                self._give_to_owner(cur, owner)
        finally:
            conn.close()
        return dsns

    @staticmethod
    def _give_to_owner(cur, owner: str) -> None:
        """Tables, sequences and functions of the schema (not PostGIS's) that an earlier version
        created as the superuser now belong to the owner."""
        not_extension = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = {cat}::regclass "
                         "AND d.objid = {oid} AND d.deptype = 'e')")
        for kinds, verb in ((("r", "p", "v", "m"), "TABLE"), (("S",), "SEQUENCE")):
            cur.execute(
                "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = ANY(%s) "
                "AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = %s) AND "
                + not_extension.format(cat="'pg_class'", oid="c.oid"), (list(kinds), owner))
            for (name,) in cur.fetchall():
                cur.execute(f'ALTER {verb} {name} OWNER TO "{owner}"')
        cur.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n "
            "ON n.oid = p.pronamespace WHERE n.nspname = 'public' "
            "AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = %s) AND "
            + not_extension.format(cat="'pg_proc'", oid="p.oid"), (owner,))
        for (name,) in cur.fetchall():
            cur.execute(f'ALTER FUNCTION {name} OWNER TO "{owner}"')

    def ensure_database(self, port: int) -> Dsn:
        import psycopg2

        admin = self.dsn(port, "postgres")
        conn = psycopg2.connect(**admin.kwargs())
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DBNAME,))
                if cur.fetchone() is None:
                    cur.execute(f'CREATE DATABASE "{DBNAME}" ENCODING \'UTF8\' TEMPLATE template0')
        finally:
            conn.close()
        return self.dsn(port)
