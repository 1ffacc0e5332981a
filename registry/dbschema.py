"""The registry's tables, derived from :mod:`citizen_pins.core.schema`, its roles and functions,
and the boundary loader.

``service_points`` has exactly the schema's fields plus ``geom``; every rule the gateway checks that
a database can check is also a constraint here (types, lengths, required fields, code formats,
nesting of codes, point type, control characters and line breaks, a point roughly in Thailand), so
no path around the gateway can store a malformed pin.  Triggers keep ``version`` and
``updated_at`` and write the audit trail and the tombstones of deleted pins, in the same
transaction as the change.  The acting account comes from the transaction-local setting
``citizen_pins.actor`` (set by the write functions), else the database user.

Three roles (least privilege):

* the **owner** owns every table and function and runs :func:`migrate` and the boundary loader;
* the **writer** (the gateway) reads the published tables and writes only through the
  ``SECURITY DEFINER`` functions below: ``citizen_pins_lock_pin``, ``citizen_pins_create_pin``,
  ``citizen_pins_replace_pin``, ``citizen_pins_delete_pin`` (which check the acting account's
  provinces and the version again), and ``citizen_pins_login`` / ``_login_failed`` /
  ``_login_ok`` (accounts and the sign-in throttle, without reading the password table);
* the **reader** (pygeoapi) reads the published tables, nothing else.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List

from citizen_pins.core import normalize, schema

from . import feedback_schema

#: Thailand's extent, with a margin: a database constraint, the real check is against the provinces.
THAILAND_BBOX = (97.0, 5.0, 106.0, 21.0)


def _column(f: schema.Field) -> str:
    n = f.name
    if f.kind == schema.UUID:
        sql = (f"{n} varchar(36) NOT NULL CHECK ({n} ~ "
               "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')")
    elif f.kind == schema.CODE:
        sql = f"{n} varchar({f.digits}) CHECK ({n} ~ '^[1-9][0-9]{{{f.digits - 1}}}$')"
    elif f.kind == schema.TEXT:
        sql = f"{n} varchar({f.length})" if f.length else f"{n} text"
        if f.required:
            sql += f" CHECK (btrim({n}) <> '')"
    elif f.kind == schema.INTEGER:
        sql = f"{n} integer"
    elif f.kind == schema.DATETIME:
        sql = f"{n} timestamptz"
    else:  # pragma: no cover - a new kind must be mapped here
        raise ValueError(f"no SQL type for field kind {f.kind}")
    if (f.required or f.registry_managed or n in REGISTRY_REQUIRED) and "NOT NULL" not in sql:
        sql += " NOT NULL"
    return sql


#: Optional in a working copy, required by the registry (authorization is by declared province).
REGISTRY_REQUIRED = ("province_code",)
#: The tables pygeoapi publishes (the reader's and the writer's SELECT).
PUBLISHED = ("service_points", "deleted_service_points", "provinces", "amphoes", "tambons")


def _pg_class(ranges) -> str:
    """A PostgreSQL regular-expression class of code point ranges (NUL cannot be in text)."""
    out = []
    for a, b in ranges:
        a = max(a, 1)
        out.append(f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else ""))
    return "[" + "".join(out) + "]"


def text_constraints_ddl() -> str:
    """Per text field: none of the characters the gateway refuses (core/normalize.py).  Added
    NOT VALID: rows stored before the rule existed are kept, every new write is checked."""
    out = []
    for f in schema.FIELDS:
        if f.kind != schema.TEXT:
            continue
        name = f"{f.name}_plain_text"
        cls = _pg_class(normalize.refused_ranges(f.multiline))
        out.append(f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{name}'
                   AND conrelid = 'service_points'::regclass) THEN
        ALTER TABLE service_points ADD CONSTRAINT {name} CHECK ({f.name} !~ E'{cls}') NOT VALID;
    END IF;
END $$;""")
    return "\n".join(out)


def service_points_ddl() -> str:
    cols = [_column(f) for f in schema.FIELDS]
    keys = ", ".join(f"'{k}'" for k in schema.POINT_TYPE_KEYS)
    x0, y0, x1, y1 = THAILAND_BBOX
    return f"""
CREATE TABLE IF NOT EXISTS service_points (
    {(',' + chr(10) + '    ').join(cols)},
    geom geometry(Point, 4326) NOT NULL,
    PRIMARY KEY (pin_id),
    CONSTRAINT point_type_known CHECK (point_type IN ({keys})),
    CONSTRAINT amphoe_in_province CHECK (amphoe_code IS NULL OR left(amphoe_code, 2) = province_code),
    CONSTRAINT tambon_in_amphoe CHECK (tambon_code IS NULL OR
        left(tambon_code, 4) = coalesce(amphoe_code, left(tambon_code, 4))
        AND left(tambon_code, 2) = province_code),
    CONSTRAINT version_positive CHECK (version > 0),
    CONSTRAINT point_in_thailand_bbox CHECK (NOT ST_IsEmpty(geom)
        AND ST_X(geom) BETWEEN {x0} AND {x1} AND ST_Y(geom) BETWEEN {y0} AND {y1})
);
CREATE INDEX IF NOT EXISTS service_points_geom_idx ON service_points USING gist (geom);
CREATE INDEX IF NOT EXISTS service_points_province_idx ON service_points (province_code);
CREATE INDEX IF NOT EXISTS service_points_updated_idx ON service_points (updated_at);
"""


def stamp_function(name: str, tombstones: str, key: str, what: str) -> str:
    """The trigger function keeping a row's ``version`` (1, then +1 per write) and
    ``updated_at``, refusing a deleted id again and a changed id."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM {tombstones} d WHERE d.{key} = NEW.{key}) THEN
            RAISE EXCEPTION '{what} % was deleted; a deleted {key} is never reused', NEW.{key}
                USING ERRCODE = 'unique_violation';
        END IF;
        NEW.version := 1;
    ELSE
        IF NEW.{key} <> OLD.{key} THEN
            RAISE EXCEPTION '{key} never changes' USING ERRCODE = 'check_violation';
        END IF;
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END $$;
"""


SUPPORT_DDL = """
CREATE TABLE IF NOT EXISTS accounts (
    name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('editor', 'coordinator')),
    provinces varchar(2)[] NOT NULL DEFAULT '{}'
        CHECK (array_to_string(provinces, ',') ~ '^([1-9][0-9](,[1-9][0-9])*)?$'),
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS audit (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL,
    action text NOT NULL CHECK (action IN ('create', 'replace', 'delete')),
    pin_id varchar(36) NOT NULL,
    before jsonb,
    after jsonb,
    txid bigint NOT NULL DEFAULT txid_current()
);
CREATE INDEX IF NOT EXISTS audit_pin_idx ON audit (pin_id);
CREATE INDEX IF NOT EXISTS audit_at_idx ON audit (at);

-- One row per deleted pin: clients syncing "changes since t" learn about deletions here.  It is
-- published: who deleted a pin is in the audit trail, not here (account names are not public).
CREATE TABLE IF NOT EXISTS deleted_service_points (
    pin_id varchar(36) PRIMARY KEY,
    province_code varchar(2),
    version integer NOT NULL,
    deleted_at timestamptz NOT NULL,
    geom geometry(Point, 4326)
);
ALTER TABLE deleted_service_points DROP COLUMN IF EXISTS deleted_by;

-- Failed sign-ins by account name ('name:...') and client address ('addr:...'), shared by every
-- gateway process and host (citizen_pins_login_failed).
CREATE TABLE IF NOT EXISTS auth_throttle (
    key text PRIMARY KEY,
    failures integer NOT NULL,
    window_start timestamptz NOT NULL,
    blocked_until timestamptz
);
CREATE INDEX IF NOT EXISTS deleted_sp_at_idx ON deleted_service_points (deleted_at);
CREATE INDEX IF NOT EXISTS deleted_sp_province_idx ON deleted_service_points (province_code);

CREATE TABLE IF NOT EXISTS registry_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE IF NOT EXISTS provinces (
    code varchar(2) PRIMARY KEY, name_th text, name_en text,
    geom geometry(MultiPolygon, 4326) NOT NULL);
CREATE TABLE IF NOT EXISTS amphoes (
    code varchar(4) PRIMARY KEY, province_code varchar(2) NOT NULL, name_th text, name_en text,
    geom geometry(MultiPolygon, 4326) NOT NULL);
CREATE TABLE IF NOT EXISTS tambons (
    code varchar(6) PRIMARY KEY, amphoe_code varchar(4) NOT NULL, province_code varchar(2) NOT NULL,
    name_th text, name_en text, geom geometry(MultiPolygon, 4326) NOT NULL);
CREATE INDEX IF NOT EXISTS provinces_geom_idx ON provinces USING gist (geom);
CREATE INDEX IF NOT EXISTS amphoes_geom_idx ON amphoes USING gist (geom);
CREATE INDEX IF NOT EXISTS tambons_geom_idx ON tambons USING gist (geom);

CREATE OR REPLACE FUNCTION citizen_pins_actor() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('citizen_pins.actor', true), ''), 'db:' || session_user)
$$;

CREATE OR REPLACE FUNCTION citizen_pins_row_json(r service_points) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT to_jsonb(r) - 'geom' || jsonb_build_object('geometry', ST_AsGeoJSON(r.geom)::jsonb)
$$;

""" + stamp_function("service_points_stamp", "deleted_service_points", "pin_id", "pin") + """

CREATE OR REPLACE FUNCTION service_points_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit (actor, action, pin_id, before, after)
        VALUES (citizen_pins_actor(), 'create', NEW.pin_id, NULL, citizen_pins_row_json(NEW));
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO audit (actor, action, pin_id, before, after)
        VALUES (citizen_pins_actor(), 'replace', NEW.pin_id, citizen_pins_row_json(OLD),
                citizen_pins_row_json(NEW));
    ELSE
        INSERT INTO audit (actor, action, pin_id, before, after)
        VALUES (citizen_pins_actor(), 'delete', OLD.pin_id, citizen_pins_row_json(OLD), NULL);
        INSERT INTO deleted_service_points (pin_id, province_code, version, deleted_at, geom)
        VALUES (OLD.pin_id, OLD.province_code, OLD.version + 1, clock_timestamp(), OLD.geom);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS service_points_stamp ON service_points;
CREATE TRIGGER service_points_stamp BEFORE INSERT OR UPDATE ON service_points
    FOR EACH ROW EXECUTE FUNCTION service_points_stamp();
DROP TRIGGER IF EXISTS service_points_audit ON service_points;
CREATE TRIGGER service_points_audit AFTER INSERT OR UPDATE OR DELETE ON service_points
    FOR EACH ROW EXECUTE FUNCTION service_points_audit();
"""


#: The functions the writer role may execute (signature as PostgreSQL names them).
WRITER_FUNCTIONS = (
    "citizen_pins_login(text, text)",
    "citizen_pins_login_failed(text, text, integer, integer, integer, integer, integer)",
    "citizen_pins_login_ok(text)",
    "citizen_pins_lock_pin(text)",
    "citizen_pins_create_pin(text, text, jsonb, double precision, double precision)",
    "citizen_pins_create_pins(text, jsonb)",
    "citizen_pins_replace_pin(text, text, integer, jsonb, double precision, double precision)",
    "citizen_pins_delete_pin(text, text, integer)",
)
#: Everything of ours that nobody but the owner executes.
PRIVATE_FUNCTIONS = WRITER_FUNCTIONS + (
    "citizen_pins_may_write(text, text)", "citizen_pins_actor()",
    "citizen_pins_row_json(service_points)", "service_points_stamp()", "service_points_audit()")

_DEFINER = "SECURITY DEFINER SET search_path = public, pg_temp"

AUTH_DDL = f"""
CREATE OR REPLACE FUNCTION citizen_pins_login(p_name text, p_address text)
RETURNS TABLE (retry_after integer, name_failures integer, name text, password_hash text,
               role text, provinces varchar(2)[])
LANGUAGE sql VOLATILE {_DEFINER} AS $$
    SELECT coalesce((SELECT ceil(extract(epoch FROM max(t.blocked_until) - clock_timestamp()))
                            ::integer
                     FROM auth_throttle t
                     WHERE t.key IN ('name:' || lower(p_name), 'addr:' || p_address)
                       AND t.blocked_until > clock_timestamp()), 0),
           coalesce((SELECT t.failures FROM auth_throttle t
                     WHERE t.key = 'name:' || lower(p_name)), 0),
           a.name, a.password_hash, a.role, a.provinces
    FROM (SELECT 1) AS one LEFT JOIN accounts a ON a.name = p_name AND NOT a.disabled
$$;

CREATE OR REPLACE FUNCTION citizen_pins_login_failed(
    p_name text, p_address text, name_limit integer, name_window integer,
    address_limit integer, address_window integer, block integer)
RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    k text; lim integer; win integer; n integer;
BEGIN
    FOREACH k IN ARRAY ARRAY['name:' || lower(p_name), 'addr:' || p_address] LOOP
        IF k LIKE 'name:%' THEN lim := name_limit; win := name_window;
        ELSE lim := address_limit; win := address_window;
        END IF;
        INSERT INTO auth_throttle AS t (key, failures, window_start)
        VALUES (k, 1, clock_timestamp())
        ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN t.window_start < clock_timestamp() - make_interval(secs => win)
                            THEN 1 ELSE t.failures + 1 END,
            window_start = CASE WHEN t.window_start < clock_timestamp() - make_interval(secs => win)
                                THEN clock_timestamp() ELSE t.window_start END
        RETURNING t.failures INTO n;
        IF n >= lim THEN
            UPDATE auth_throttle SET blocked_until = clock_timestamp()
                + make_interval(secs => block * power(2, least(n - lim, 4)))
            WHERE key = k;
        END IF;
    END LOOP;
    IF random() < 0.01 THEN  -- forget what is a day old
        DELETE FROM auth_throttle
        WHERE greatest(window_start, coalesce(blocked_until, window_start))
              < clock_timestamp() - interval '1 day';
    END IF;
END $$;

CREATE OR REPLACE FUNCTION citizen_pins_login_ok(p_name text)
RETURNS void LANGUAGE sql {_DEFINER} AS $$
    DELETE FROM auth_throttle WHERE key = 'name:' || lower(p_name)
$$;
"""


def pin_functions_ddl() -> str:
    """The writer's only way to change pins: each checks that the acting account (an enabled
    account holding the province, for the old and the new version) may write, and the version,
    then writes (the triggers audit) under the actor's name."""
    cols = [f for f in schema.EDITABLE_FIELDS if f != "pin_id"]
    insert_cols = ", ".join(cols)
    insert_vals = ", ".join(f"r.{c}" for c in cols)
    sets = ", ".join(f"{c} = r.{c}" for c in cols)
    refuse = ("RAISE EXCEPTION 'account % may not write pins of province %', p_actor, {prov} "
              "USING ERRCODE = 'insufficient_privilege'")
    stale = ("RAISE EXCEPTION 'pin % is not at version %', p_pin_id, p_version "
             "USING ERRCODE = 'serialization_failure'")
    return f"""
CREATE OR REPLACE FUNCTION citizen_pins_may_write(p_actor text, p_province text)
RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT EXISTS (SELECT 1 FROM accounts
                   WHERE name = p_actor AND NOT disabled AND p_province = ANY (provinces))
$$;

CREATE OR REPLACE FUNCTION citizen_pins_lock_pin(p_pin_id text)
RETURNS SETOF service_points LANGUAGE sql {_DEFINER} AS $$
    SELECT * FROM service_points WHERE pin_id = p_pin_id FOR UPDATE
$$;

CREATE OR REPLACE FUNCTION citizen_pins_create_pin(p_actor text, p_pin_id text, p jsonb,
                                                   p_lon double precision, p_lat double precision)
RETURNS boolean LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE r service_points;
BEGIN
    r := jsonb_populate_record(NULL::service_points, p);
    IF NOT citizen_pins_may_write(p_actor, r.province_code) THEN
        {refuse.format(prov="r.province_code")};
    END IF;
    PERFORM set_config('citizen_pins.actor', p_actor, true);
    INSERT INTO service_points (pin_id, {insert_cols}, geom)
    VALUES (p_pin_id, {insert_vals}, ST_SetSRID(ST_MakePoint(p_lon, p_lat), 4326))
    ON CONFLICT (pin_id) DO NOTHING;
    RETURN FOUND;
END $$;

-- many new pins at once (a bulk request), each as citizen_pins_create_pin would: p is a JSON
-- array of pins (their values, pin_id, lon, lat); returns the rows inserted (not those already
-- there, as ON CONFLICT DO NOTHING)
CREATE OR REPLACE FUNCTION citizen_pins_create_pins(p_actor text, p jsonb)
RETURNS SETOF service_points LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE bad text;
BEGIN
    SELECT r.province_code INTO bad
    FROM jsonb_array_elements(p) AS t(e), jsonb_populate_record(NULL::service_points, t.e) r
    WHERE NOT citizen_pins_may_write(p_actor, r.province_code) LIMIT 1;
    IF FOUND THEN
        {refuse.format(prov="bad")};
    END IF;
    PERFORM set_config('citizen_pins.actor', p_actor, true);
    RETURN QUERY WITH ins AS (
        INSERT INTO service_points AS s (pin_id, {insert_cols}, geom)
        SELECT r.pin_id, {insert_vals}, ST_SetSRID(ST_MakePoint((t.e->>'lon')::float8,
                                                                 (t.e->>'lat')::float8), 4326)
        FROM jsonb_array_elements(p) WITH ORDINALITY AS t(e, n),
             jsonb_populate_record(NULL::service_points, t.e) r
        ORDER BY t.n
        ON CONFLICT (pin_id) DO NOTHING RETURNING s.*)
    SELECT * FROM ins;
END $$;

CREATE OR REPLACE FUNCTION citizen_pins_replace_pin(p_actor text, p_pin_id text,
                                                    p_version integer, p jsonb,
                                                    p_lon double precision,
                                                    p_lat double precision)
RETURNS integer LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE r service_points; old_province text; v integer;
BEGIN
    r := jsonb_populate_record(NULL::service_points, p);
    SELECT province_code INTO old_province FROM service_points
    WHERE pin_id = p_pin_id AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        {stale};
    END IF;
    IF NOT (citizen_pins_may_write(p_actor, old_province)
            AND citizen_pins_may_write(p_actor, r.province_code)) THEN
        {refuse.format(prov="r.province_code")};
    END IF;
    PERFORM set_config('citizen_pins.actor', p_actor, true);
    UPDATE service_points SET {sets}, geom = ST_SetSRID(ST_MakePoint(p_lon, p_lat), 4326)
    WHERE pin_id = p_pin_id RETURNING version INTO v;
    RETURN v;
END $$;

{delete_function("citizen_pins_delete_pin", "service_points", "pin_id", "pin")}
"""


def delete_function(name: str, table: str, key: str, what: str) -> str:
    """A writer's function deleting one row of ``table`` (by ``key``) at the version the client
    named, if the acting account holds its province; the triggers audit and leave the
    tombstone."""
    return f"""
CREATE OR REPLACE FUNCTION {name}(p_actor text, p_{key} text, p_version integer)
RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE old_province text;
BEGIN
    SELECT province_code INTO old_province FROM {table}
    WHERE {key} = p_{key} AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '{what} % is not at version %', p_{key}, p_version
            USING ERRCODE = 'serialization_failure';
    END IF;
    IF NOT citizen_pins_may_write(p_actor, old_province) THEN
        RAISE EXCEPTION 'account % may not write {what}s of province %', p_actor, old_province
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('citizen_pins.actor', p_actor, true);
    DELETE FROM {table} WHERE {key} = p_{key};
END $$;"""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grants_ddl(writer: str, reader: str, private=PRIVATE_FUNCTIONS,
               writer_functions=WRITER_FUNCTIONS, published=PUBLISHED) -> str:
    """Privileges of the writer and the reader (idempotent; the owner runs it): nobody but the
    owner executes ``private`` functions, the writer ``writer_functions``; both read
    ``published``."""
    w, r = _ident(writer), _ident(reader)
    out = [f"GRANT USAGE ON SCHEMA public TO {w}, {r};"]
    for fn in private:
        out.append(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC;")
    for fn in writer_functions:
        out.append(f"GRANT EXECUTE ON FUNCTION {fn} TO {w};")
    for table in published:
        out.append(f"GRANT SELECT ON {table} TO {w}, {r};")
    return "\n".join(out)


def migrate(conn, writer: str = "", reader: str = "") -> None:
    """Create or update every table, function and trigger, and the privileges of the writer and
    reader roles when named (idempotent; run as the owner)."""
    with conn.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        cur.execute(service_points_ddl())
        # A field added to the schema later is added to an existing table (optional fields only:
        # a new required field needs a value for the existing pins, i.e. a real migration).
        for f in schema.FIELDS:
            cur.execute(f"ALTER TABLE service_points ADD COLUMN IF NOT EXISTS {_column(f)}")
        cur.execute(text_constraints_ddl())
        cur.execute(SUPPORT_DDL)
        cur.execute(AUTH_DDL)
        cur.execute(pin_functions_ddl())
        feedback_schema.migrate(cur)
        if writer and reader:
            cur.execute(grants_ddl(writer, reader))
            cur.execute(feedback_schema.grants_ddl(_ident(writer)))
        from . import services_db  # what a pin owns (it builds on what is above)

        services_db.migrate(cur, writer, reader)
    conn.commit()


# -- boundaries --------------------------------------------------------------------------------

#: Layers of a boundary GeoPackage in the HDX COD-AB naming (the shared national layer).
LAYERS = {"province": "adm1_province", "amphoe": "adm2_amphoe", "tambon": "adm3_tambon"}


def _fingerprint(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{int(st.st_mtime)}"


def _ogr_layers(path: Path) -> List[str]:
    out = subprocess.run(["ogrinfo", "-ro", "-q", "-so", str(path)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"Cannot read the boundary layer {path}: {out.stderr.strip()}")
    names = []
    for line in out.stdout.splitlines():
        # "1: adm1_province (Multi Polygon)"
        if ":" in line:
            names.append(line.split(":", 1)[1].strip().split(" (")[0])
    return names


def load_boundaries(conn, dsn, path: str, log=print) -> bool:
    """Load provinces, amphoes and tambons from ``path`` unless that same file is already loaded.

    The file is a GeoPackage (or any OGR source) with an ``adm3_tambon`` layer in the HDX COD-AB
    fields (``ADM3_PCODE``, ``ADM3_TH``, ``ADM3_EN``, ``ADM2_PCODE``, ``ADM1_PCODE``, ...); the
    ``adm2_amphoe`` and ``adm1_province`` layers are used when present, else dissolved from the
    tambons.  Returns True when it (re)loaded.
    """
    src = Path(path)
    if not src.exists():
        raise RuntimeError(f"Boundary layer not found: {src}. Set REGISTRY_BOUNDARIES.")
    fp = _fingerprint(src)
    with conn.cursor() as cur:
        cur.execute("SELECT value FROM registry_meta WHERE key = 'boundaries'")
        row = cur.fetchone()
        cur.execute("SELECT count(*) FROM provinces")
        have = cur.fetchone()[0]
    if row and row[0] == fp and have:
        return False
    layers = _ogr_layers(src)
    if LAYERS["tambon"] not in layers:
        raise RuntimeError(f"{src} has no layer '{LAYERS['tambon']}' (found: {', '.join(layers)}).")
    log(f"loading boundaries from {src} ...")
    env = dict(os.environ, PGPASSWORD=dsn.password, PG_USE_COPY="YES")
    for level, layer in LAYERS.items():
        if layer not in layers:
            continue
        subprocess.run(
            ["ogr2ogr", "-f", "PostgreSQL", f"PG:{dsn.libpq()}", str(src), layer,
             "-nln", f"staging_{level}", "-overwrite", "-lco", "GEOMETRY_NAME=geom",
             "-lco", "SPATIAL_INDEX=NONE", "-nlt", "PROMOTE_TO_MULTI", "-t_srs", "EPSG:4326",
             "--config", "PG_USE_COPY", "YES"],
            env=env, check=True, stdout=subprocess.DEVNULL)
    with conn.cursor() as cur:
        cur.execute("TRUNCATE tambons, amphoes, provinces")
        cur.execute("""
            INSERT INTO tambons (code, amphoe_code, province_code, name_th, name_en, geom)
            SELECT substr(adm3_pcode, 3), substr(adm2_pcode, 3), substr(adm1_pcode, 3),
                   adm3_th, adm3_en, ST_Multi(ST_MakeValid(geom))
            FROM staging_tambon""")
        if LAYERS["amphoe"] in layers:
            cur.execute("""
                INSERT INTO amphoes (code, province_code, name_th, name_en, geom)
                SELECT substr(adm2_pcode, 3), substr(adm1_pcode, 3), adm2_th, adm2_en,
                       ST_Multi(ST_MakeValid(geom)) FROM staging_amphoe""")
        else:
            cur.execute("""
                INSERT INTO amphoes (code, province_code, name_th, name_en, geom)
                SELECT t.amphoe_code, min(t.province_code), min(s.adm2_th), min(s.adm2_en),
                       ST_Multi(ST_Union(t.geom))
                FROM tambons t JOIN staging_tambon s ON substr(s.adm3_pcode, 3) = t.code
                GROUP BY t.amphoe_code""")
        if LAYERS["province"] in layers:
            cur.execute("""
                INSERT INTO provinces (code, name_th, name_en, geom)
                SELECT substr(adm1_pcode, 3), adm1_th, adm1_en, ST_Multi(ST_MakeValid(geom))
                FROM staging_province""")
        else:
            cur.execute("""
                INSERT INTO provinces (code, name_th, name_en, geom)
                SELECT t.province_code, min(s.adm1_th), min(s.adm1_en), ST_Multi(ST_Union(t.geom))
                FROM tambons t JOIN staging_tambon s ON substr(s.adm3_pcode, 3) = t.code
                GROUP BY t.province_code""")
        for level in LAYERS:
            cur.execute(f"DROP TABLE IF EXISTS staging_{level}")
        cur.execute("INSERT INTO registry_meta (key, value) VALUES ('boundaries', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (fp,))
        cur.execute("ANALYZE provinces; ANALYZE amphoes; ANALYZE tambons")
        cur.execute("SELECT (SELECT count(*) FROM provinces), (SELECT count(*) FROM amphoes), "
                    "(SELECT count(*) FROM tambons)")
        counts = cur.fetchone()
    conn.commit()
    log(f"boundaries loaded: {counts[0]} provinces, {counts[1]} amphoes, {counts[2]} tambons")
    return True
