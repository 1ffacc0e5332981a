"""The registry's tables of what a pin owns -- services, their steps and documents -- derived from
:mod:`citizen_pins.core.schema` (``CHILD_TABLES``), with their constraints, triggers and write
functions (called by :mod:`registry.dbschema`'s ``migrate``).

The data is normalised (``services``, ``service_steps``, ``service_documents``: one row per
record, every field a typed, checked column) and published nested (the view
``services_published``: one row per service with its steps and documents as JSON arrays, which is
what pygeoapi serves and what the gateway answers).  One version per service: a change to a step
or a document is a new version of its service.

What the database guarantees, whoever writes:

* a service belongs to a live pin and always has its pin's province: ``(pin_id, province_code)``
  references ``service_points (pin_id, province_code)`` ``ON UPDATE CASCADE ON DELETE CASCADE``
  -- a service cannot name another province than its pin's, follows its pin when the pin moves
  to another province (a new version of the service), and is deleted with its pin in the same
  transaction (tombstone and audit written by a trigger); steps and documents are deleted with
  their service;
* every field has its type, length, allowed values, minimum and no control characters (the
  gateway's rules, :mod:`core.normalize`), numbers are finite;
* ``version`` (+1 per write) and ``updated_at`` (``clock_timestamp()``) are the database's;
  a deleted service's id is never used again (``deleted_services``, published);
* every write is audited (``audit``: ``pin_id`` the service's pin, ``service_id``), the before
  and after of a service with its steps and documents, in the same transaction.

The writer role (the gateway) cannot touch these tables: it reads the view and the tombstones and
writes through ``citizen_pins_create_service`` / ``_replace_service`` / ``_delete_service``
(which check the acting account's province -- the pin's -- and the version again) and locks with
``citizen_pins_lock_service`` / ``citizen_pins_lock_pin_services``.
"""
from __future__ import annotations

from typing import List

from citizen_pins.core import normalize, schema

from .dbschema import _DEFINER, _pg_class, delete_function, stamp_function
from .dbschema import grants_ddl as _grants

#: The view pygeoapi serves as the collection ``services`` (and the gateway reads).
VIEW = "services_published"
TOMBSTONES = "deleted_services"
#: Nested in a service's JSON: key -> child table.
NESTED = (("steps", schema.STEPS_TABLE), ("documents", schema.DOCUMENTS_TABLE))
#: Largest number a whole-number field holds (PostgreSQL ``integer``).
MAX_INTEGER = 2147483647
#: Largest amount or duration the registry stores (a sanity bound, not a policy).
MAX_REAL = 1e12

_UUID_RE = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

#: The functions the writer role may execute (signatures as PostgreSQL names them).
WRITER_FUNCTIONS = (
    "citizen_pins_lock_service(text)",
    "citizen_pins_lock_pin_services(text)",
    "citizen_pins_create_service(text, text, jsonb)",
    "citizen_pins_replace_service(text, text, integer, jsonb)",
    "citizen_pins_delete_service(text, text, integer)",
)
PRIVATE_FUNCTIONS = WRITER_FUNCTIONS + (
    "citizen_pins_service_json(services)", "services_stamp()", "services_deleted()",
    "services_moved()")
#: Read by the writer and the reader (pygeoapi).
PUBLISHED = (VIEW, TOMBSTONES)


def column_sql(f: schema.Field) -> str:
    """One field as a column with its checks (named ``<field>_...`` within the table)."""
    n = f.name
    checks: List[str] = []
    if f.kind == schema.UUID:
        sql = f"{n} varchar(36)"
        checks.append(f"{n} ~ '{_UUID_RE}'")
    elif f.kind == schema.TEXT:
        sql = f"{n} varchar({f.length})" if f.length else f"{n} text"
        checks.append(f"{n} !~ E'{_pg_class(normalize.refused_ranges(f.multiline))}'")
        if f.required:
            checks.append(f"btrim({n}) <> ''")
        if f.choices:
            checks.append(f"{n} IN ({', '.join(repr(c.key) for c in f.choices)})")
    elif f.kind == schema.INTEGER:
        sql = f"{n} integer"
        if f.minimum is not None:
            checks.append(f"{n} >= {int(f.minimum)}")
    elif f.kind == schema.REAL:
        sql = f"{n} double precision"
        low = f"{n} >= {f.minimum:g}" if f.minimum is not None else f"{n} > -{MAX_REAL:g}"
        checks.append(f"{low} AND {n} <= {MAX_REAL:g}")  # NaN is above every number: refused
    elif f.kind == schema.BOOLEAN:
        sql = f"{n} boolean"
    elif f.kind == schema.DATETIME:
        sql = f"{n} timestamptz"
    else:  # pragma: no cover - a new kind must be mapped here
        raise ValueError(f"no SQL type for field kind {f.kind}")
    if f.required or f.registry_managed:
        sql += " NOT NULL"
    if checks:
        sql += " CHECK (" + " AND ".join(checks) + ")"
    return sql


def _nested_json(table: schema.ChildTable, alias: str, service_id: str) -> str:
    """The records of ``table`` under one service as a JSON array (in the order sent; the parent
    key and the position left out)."""
    cols = ", ".join(f"'{n}', {alias}.{n}" for n in table.field_names if n != table.parent_key)
    return (f"coalesce((SELECT jsonb_agg(jsonb_build_object({cols}) ORDER BY {alias}.position) "
            f"FROM {table.name} {alias} WHERE {alias}.service_id = {service_id}), '[]'::jsonb)")


def _service_columns() -> List[str]:
    return [n for n in schema.SERVICES_TABLE.field_names if n not in ("version", "updated_at")]


def view_sql() -> str:
    cols = ", ".join(f"s.{n}" for n in _service_columns())
    nested = ", ".join(f"{_nested_json(t, 'c', 's.service_id')} AS {key}" for key, t in NESTED)
    return (f"CREATE OR REPLACE VIEW {VIEW} AS SELECT {cols}, s.province_code, {nested}, "
            "s.version, s.updated_at FROM services s")


def tables_ddl() -> str:
    svc = schema.SERVICES_TABLE
    service_cols = ",\n    ".join(column_sql(f) for f in svc.fields)
    out = [f"""
-- a pin's (pin_id, province_code) is what its services reference
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'service_points_pin_province') THEN
        ALTER TABLE service_points ADD CONSTRAINT service_points_pin_province
            UNIQUE (pin_id, province_code);
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS services (
    {service_cols},
    province_code varchar(2) NOT NULL,
    PRIMARY KEY (service_id),
    CONSTRAINT service_of_a_live_pin_in_its_province FOREIGN KEY (pin_id, province_code)
        REFERENCES service_points (pin_id, province_code) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT service_version_positive CHECK (version > 0)
);
CREATE INDEX IF NOT EXISTS services_pin_idx ON services (pin_id);
CREATE INDEX IF NOT EXISTS services_province_idx ON services (province_code);
CREATE INDEX IF NOT EXISTS services_updated_idx ON services (updated_at);"""]
    for _key, t in NESTED:
        cols = ",\n    ".join(column_sql(f) for f in t.fields)
        out.append(f"""
CREATE TABLE IF NOT EXISTS {t.name} (
    {cols},
    position integer NOT NULL CHECK (position >= 1),
    PRIMARY KEY ({t.parent_key}, {t.key}),
    FOREIGN KEY ({t.parent_key}) REFERENCES services ({t.parent_key}) ON DELETE CASCADE
);""")
    for t in (svc,) + tuple(t for _k, t in NESTED):
        for f in t.fields:  # a field added to the schema later (optional fields only)
            out.append(f"ALTER TABLE {t.name} ADD COLUMN IF NOT EXISTS {column_sql(f)};")
    out.append(f"""
-- One row per deleted service (directly, or with its pin): pullers learn deletions here.
CREATE TABLE IF NOT EXISTS {TOMBSTONES} (
    service_id varchar(36) PRIMARY KEY,
    pin_id varchar(36) NOT NULL,
    province_code varchar(2),
    version integer NOT NULL,
    deleted_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS {TOMBSTONES}_at_idx ON {TOMBSTONES} (deleted_at);
CREATE INDEX IF NOT EXISTS {TOMBSTONES}_province_idx ON {TOMBSTONES} (province_code);

ALTER TABLE audit ADD COLUMN IF NOT EXISTS service_id varchar(36);
CREATE INDEX IF NOT EXISTS audit_service_idx ON audit (service_id);
""")
    out.append(view_sql() + ";")
    return "\n".join(out)


def functions_ddl() -> str:
    json_cols = ", ".join(f"'{n}', r.{n}" for n in _service_columns())
    nested_json = ", ".join(f"'{key}', {_nested_json(t, 'c', 'r.service_id')}"
                            for key, t in NESTED)
    data = [n for n in _service_columns() if n not in ("service_id", "pin_id")]
    insert_children = []
    for key, t in NESTED:
        cols = [n for n in t.field_names if n != t.parent_key]
        insert_children.append(f"""
    INSERT INTO {t.name} ({t.parent_key}, position, {', '.join(cols)})
    SELECT p_service_id, e.n, {', '.join('c.' + n for n in cols)}
    FROM jsonb_array_elements(coalesce(p->'{key}', '[]'::jsonb)) WITH ORDINALITY AS e(j, n),
         LATERAL jsonb_populate_record(NULL::{t.name}, e.j) AS c;""")
    children = "".join(insert_children)
    refuse = ("RAISE EXCEPTION 'account % may not write services of province %', p_actor, {prov} "
              "USING ERRCODE = 'insufficient_privilege'")
    stale = ("RAISE EXCEPTION 'service % is not at version %', p_service_id, p_version "
             "USING ERRCODE = 'serialization_failure'")
    # the audit of a write, with the service's steps and documents as they are now
    audit = """
    INSERT INTO audit (actor, action, pin_id, service_id, before, after)
    SELECT p_actor, '{action}', s.pin_id, s.service_id, {before}, citizen_pins_service_json(s)
    FROM services s WHERE s.service_id = p_service_id;"""
    # the service's pin (held until the transaction ends) and its province
    pin_province = """
    SELECT province_code INTO prov FROM service_points WHERE pin_id = r.pin_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'pin % is not in the registry', r.pin_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;"""
    return f"""
CREATE OR REPLACE FUNCTION citizen_pins_service_json(r services) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object({json_cols}, 'province_code', r.province_code, 'version', r.version,
                              'updated_at', r.updated_at, {nested_json})
$$;

{stamp_function("services_stamp", TOMBSTONES, "service_id", "service")}
-- BEFORE DELETE: the steps and documents are still there (they go with the service)
CREATE OR REPLACE FUNCTION services_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (actor, action, pin_id, service_id, before, after)
    VALUES (citizen_pins_actor(), 'delete', OLD.pin_id, OLD.service_id,
            citizen_pins_service_json(OLD), NULL);
    INSERT INTO {TOMBSTONES} (service_id, pin_id, province_code, version, deleted_at)
    VALUES (OLD.service_id, OLD.pin_id, OLD.province_code, OLD.version + 1, clock_timestamp());
    RETURN OLD;
END $$;

-- a pin moved to another province: its services follow (ON UPDATE CASCADE), audited
CREATE OR REPLACE FUNCTION services_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (actor, action, pin_id, service_id, before, after)
    VALUES (citizen_pins_actor(), 'replace', NEW.pin_id, NEW.service_id,
            citizen_pins_service_json(OLD), citizen_pins_service_json(NEW));
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS services_stamp ON services;
CREATE TRIGGER services_stamp BEFORE INSERT OR UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION services_stamp();
DROP TRIGGER IF EXISTS services_deleted ON services;
CREATE TRIGGER services_deleted BEFORE DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION services_deleted();
DROP TRIGGER IF EXISTS services_moved ON services;
CREATE TRIGGER services_moved AFTER UPDATE ON services FOR EACH ROW
    WHEN (OLD.pin_id = NEW.pin_id AND OLD.province_code IS DISTINCT FROM NEW.province_code)
    EXECUTE FUNCTION services_moved();

-- the service's pin first (as a pin's deletion locks the pin, then its services): the same
-- order everywhere, so that a service's write and its pin's deletion never deadlock
CREATE OR REPLACE FUNCTION citizen_pins_lock_service(p_service_id text)
RETURNS SETOF {VIEW} LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    PERFORM 1 FROM service_points p
    WHERE p.pin_id = (SELECT s.pin_id FROM services s WHERE s.service_id = p_service_id)
    FOR KEY SHARE;
    PERFORM 1 FROM services WHERE service_id = p_service_id FOR UPDATE;
    RETURN QUERY SELECT * FROM {VIEW} WHERE service_id = p_service_id;
END $$;

-- a pin's services, locked (with the pin locked first, no service can be added meanwhile)
CREATE OR REPLACE FUNCTION citizen_pins_lock_pin_services(p_pin_id text)
RETURNS TABLE (service_id varchar, version integer) LANGUAGE sql {_DEFINER} AS $$
    SELECT s.service_id, s.version FROM services s WHERE s.pin_id = p_pin_id
    ORDER BY s.service_id FOR UPDATE
$$;

CREATE OR REPLACE FUNCTION citizen_pins_create_service(p_actor text, p_service_id text, p jsonb)
RETURNS boolean LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE r services; prov text; done boolean;
BEGIN
    r := jsonb_populate_record(NULL::services, p);{pin_province}
    IF NOT citizen_pins_may_write(p_actor, prov) THEN
        {refuse.format(prov="prov")};
    END IF;
    PERFORM set_config('citizen_pins.actor', p_actor, true);
    INSERT INTO services (service_id, pin_id, province_code, {', '.join(data)})
    VALUES (p_service_id, r.pin_id, prov, {', '.join('r.' + n for n in data)})
    ON CONFLICT (service_id) DO NOTHING;
    done := FOUND;
    IF NOT done THEN
        RETURN false;
    END IF;{children}{audit.format(action="create", before="NULL")}
    RETURN true;
END $$;

CREATE OR REPLACE FUNCTION citizen_pins_replace_service(p_actor text, p_service_id text,
                                                        p_version integer, p jsonb)
RETURNS integer LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE r services; old services; prov text; before jsonb; v integer;
BEGIN
    r := jsonb_populate_record(NULL::services, p);
    SELECT * INTO old FROM services WHERE service_id = p_service_id AND version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        {stale};
    END IF;{pin_province}
    IF NOT (citizen_pins_may_write(p_actor, old.province_code)
            AND citizen_pins_may_write(p_actor, prov)) THEN
        {refuse.format(prov="prov")};
    END IF;
    PERFORM set_config('citizen_pins.actor', p_actor, true);
    before := citizen_pins_service_json(old);
    DELETE FROM service_steps WHERE service_id = p_service_id;
    DELETE FROM service_documents WHERE service_id = p_service_id;{children}
    UPDATE services SET pin_id = r.pin_id, province_code = prov,
        {', '.join(f'{n} = r.{n}' for n in data)}
    WHERE service_id = p_service_id RETURNING version INTO v;{audit.format(action="replace",
                                                                         before="before")}
    RETURN v;
END $$;

{delete_function("citizen_pins_delete_service", "services", "service_id", "service")}
"""


def grants_ddl(writer: str, reader: str) -> str:
    """The writer executes the functions and reads the view and the tombstones; the reader reads
    the view and the tombstones; nobody else gets anything (the owner runs it)."""
    return _grants(writer, reader, PRIVATE_FUNCTIONS, WRITER_FUNCTIONS, PUBLISHED)


def migrate(cur, writer: str = "", reader: str = "") -> None:
    """Create or update the services' tables, view, triggers and functions (after the pins'; the
    caller commits)."""
    cur.execute(tables_ddl())
    cur.execute(functions_ddl())
    if writer and reader:
        cur.execute(grants_ddl(writer, reader))
