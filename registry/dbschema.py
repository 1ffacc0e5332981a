"""The registry's tables, derived from :mod:`citizen_pins.core.schema`, and the boundary loader.

``service_points`` has exactly the schema's fields plus ``geom``; every rule the gateway checks that
a database can check is also a constraint here (types, lengths, required fields, code formats,
nesting of codes, point type, a point roughly in Thailand), so no path around the gateway can store
a malformed pin.  Triggers keep ``version`` and ``updated_at`` and write the audit trail and the
tombstones of deleted pins, in the same transaction as the change.  The acting account comes from
the transaction-local setting ``citizen_pins.actor`` (set by the gateway), else the database user.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List

from citizen_pins.core import schema

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

-- One row per deleted pin: clients syncing "changes since t" learn about deletions here.
CREATE TABLE IF NOT EXISTS deleted_service_points (
    pin_id varchar(36) PRIMARY KEY,
    province_code varchar(2),
    version integer NOT NULL,
    deleted_at timestamptz NOT NULL,
    deleted_by text NOT NULL,
    geom geometry(Point, 4326)
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

CREATE OR REPLACE FUNCTION service_points_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM deleted_service_points d WHERE d.pin_id = NEW.pin_id) THEN
            RAISE EXCEPTION 'pin % was deleted; a deleted pin_id is never reused', NEW.pin_id
                USING ERRCODE = 'unique_violation';
        END IF;
        NEW.version := 1;
    ELSE
        IF NEW.pin_id <> OLD.pin_id THEN
            RAISE EXCEPTION 'pin_id never changes' USING ERRCODE = 'check_violation';
        END IF;
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END $$;

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
        INSERT INTO deleted_service_points (pin_id, province_code, version, deleted_at, deleted_by, geom)
        VALUES (OLD.pin_id, OLD.province_code, OLD.version + 1, clock_timestamp(),
                citizen_pins_actor(), OLD.geom);
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


def migrate(conn) -> None:
    """Create or update every table, function and trigger (idempotent)."""
    with conn.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        cur.execute(service_points_ddl())
        # A field added to the schema later is added to an existing table (optional fields only:
        # a new required field needs a value for the existing pins, i.e. a real migration).
        for f in schema.FIELDS:
            cur.execute(f"ALTER TABLE service_points ADD COLUMN IF NOT EXISTS {_column(f)}")
        cur.execute(SUPPORT_DDL)
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
