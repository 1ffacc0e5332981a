"""Issue 16, item 8: least-privilege database roles.  One role owns the schema; the gateway logs in
as a writer that writes only through the registry's functions; pygeoapi logs in as a reader of the
published tables.  Neither is a superuser, neither owns anything."""
import pytest

import json

from registry_helpers import auth, new_feature
from registry import launcher

pytestmark = pytest.mark.registry

PUBLISHED = ("service_points", "deleted_service_points", "provinces", "amphoes", "tambons")


def _sessions(registry, http):
    # make sure both have connected
    assert http.get(registry.items_url(), params={"f": "json", "limit": 1},
                    timeout=30).status_code == 200
    assert http.get(registry.url + "/account", auth=auth("rayong"), timeout=30).status_code == 200
    rows = registry.query(
        "SELECT DISTINCT a.application_name AS app, a.usename AS role, r.rolsuper AS super, "
        "r.rolcreaterole AS createrole, r.rolcreatedb AS createdb, r.rolbypassrls AS bypassrls "
        "FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename "
        "WHERE a.datname = current_database() "
        "AND a.application_name IN ('pygeoapi', 'registry-gateway')")
    return {r["app"]: r for r in rows}


def test_gateway_and_pygeoapi_are_not_superusers_nor_owners(registry, http):
    sessions = _sessions(registry, http)
    assert set(sessions) == {"pygeoapi", "registry-gateway"}, sessions
    for s in sessions.values():
        assert not (s["super"] or s["createrole"] or s["createdb"] or s["bypassrls"]), s
    assert sessions["pygeoapi"]["role"] != sessions["registry-gateway"]["role"]
    owners = {r["tableowner"] for r in registry.query(
        "SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(%s)",
        (list(PUBLISHED) + ["accounts", "audit"],))}
    assert len(owners) == 1
    assert not owners & {s["role"] for s in sessions.values()}


def _denied(conn, sql, args=()):
    import psycopg2

    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        with conn.cursor() as cur:
            cur.execute(sql, args)
    conn.rollback()


def test_the_writer_writes_only_through_the_registrys_functions(registry, http):
    f = new_feature(registry.point_in("210101"), "21")
    r = http.post(registry.items_url(), data=json.dumps(f), auth=auth("rayong"),
                  headers={"Content-Type": "application/geo+json"}, timeout=30)
    assert r.status_code == 201, r.text
    conn = launcher.role_connection(registry.data, "writer")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pin_id, version FROM service_points WHERE pin_id = %s",
                        (f["id"],))  # it reads what it checks
            pin = cur.fetchone()
        conn.rollback()
        _denied(conn, "INSERT INTO service_points (pin_id, name_th, point_type, province_code, "
                      "geom) VALUES ('00000000-0000-4000-8000-000000000000', 'x', 'other', '21', "
                      "ST_SetSRID(ST_MakePoint(101.2, 12.7), 4326))")
        _denied(conn, "UPDATE service_points SET name_th = 'x'")
        _denied(conn, "DELETE FROM service_points")
        _denied(conn, "UPDATE audit SET actor = 'nobody'")
        _denied(conn, "DELETE FROM audit")
        _denied(conn, "DELETE FROM deleted_service_points")
        _denied(conn, "SELECT password_hash FROM accounts")
        _denied(conn, "UPDATE accounts SET provinces = '{21,50}'")
        _denied(conn, "TRUNCATE provinces")
        _denied(conn, "CREATE TABLE sneaky (x int)")
        # the functions check the actor's rights themselves: a write in a province the named
        # account does not hold is refused by the database, whatever the gateway believed
        _denied(conn, "SELECT citizen_pins_delete_pin('chiangmai', %s, %s)", pin)
    finally:
        conn.close()


def test_pygeoapi_reads_only_what_is_published(registry):
    conn = launcher.role_connection(registry.data, "reader")
    try:
        for table in PUBLISHED:
            with conn.cursor() as cur:
                cur.execute(f"SELECT count(*) FROM {table}")
        conn.rollback()
        _denied(conn, "SELECT * FROM accounts")
        _denied(conn, "SELECT * FROM audit")
        _denied(conn, "SELECT * FROM auth_throttle")
        _denied(conn, "DELETE FROM service_points")
        _denied(conn, "SELECT citizen_pins_delete_pin('rayong', "
                      "'00000000-0000-4000-8000-000000000000', 1)")
    finally:
        conn.close()
