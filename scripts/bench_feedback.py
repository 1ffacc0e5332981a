"""`make bench-feedback`: the feedback intake's rate and the national aggregation's time, on a
registry of its own (127.0.0.1; throwaway PostgreSQL cluster).

1. intake, single posts: one client posting responses one after another (HTTP keep-alive), each
   a different response (no duplicates), rate limits raised out of the way;
2. intake, concurrent: CLIENTS threads, each its own connection and address (X-Forwarded-For
   from the trusted loopback), posting at once;
3. SYNTHETIC responses (scripts/feedback_synthetic.py) for every MOPH facility over 24 months --
   10 million by default -- COPYed into the real database in chunks of 1 million, the monthly
   summary kept by its trigger as they go;
4. the national aggregation, as the plugin asks it: ``/collections/feedback/summary`` by
   province and by pin over the last 12 months (HTTP, end to end), and the same SQL alone; for
   comparison the same aggregation straight from the 10 million raw rows (indexes, no summary).

Prints one line per figure; figures, not pass/fail.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import feedback_synthetic as synth  # noqa: E402
from registry import launcher  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
BOUNDARIES = SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
PASSWORD = "bench password, long enough"
BANGKOK = dt.timezone(dt.timedelta(hours=7))


def body(pin_id: str, k: int) -> bytes:
    return json.dumps({"type": "Feature", "geometry": None, "properties": {
        "pin_id": pin_id, "visit_date": dt.datetime.now(BANGKOK).date().isoformat(),
        "answers": {"satisfaction": 1 + k % 5, "trust": 1 + (k // 5) % 5, "ease": 4},
        "asked_copy": k % 3 == 0, "asked_payment": False,
        "comment": f"bench response {k} รอคิวไม่นาน"}}, ensure_ascii=False).encode()


def post_many(url: str, pin_id: str, start: int, count: int, address: str, out: list) -> None:
    s = requests.Session()
    headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
    for k in range(start, start + count):
        r = s.post(url + "/collections/feedback/items", data=body(pin_id, k), headers=headers,
                   timeout=60)
        out.append(r.status_code)
    s.close()


def timed(fn, repeat=3):
    times = []
    result = None
    for _ in range(repeat):
        t = time.monotonic()
        result = fn()
        times.append(time.monotonic() - t)
    return statistics.median(times), times, result


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--single", type=int, default=1000, help="sequential posts")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--per-client", type=int, default=250)
    p.add_argument("--responses", type=int, default=10_000_000)
    p.add_argument("--months", type=int, default=24)
    args = p.parse_args(argv)
    data = Path(tempfile.mkdtemp(prefix="cp-bench-feedback-"))
    env = {"REGISTRY_FEEDBACK_CLIENT_LIMIT": "1000000000", "REGISTRY_FEEDBACK_PIN_LIMIT":
           "1000000000", "REGISTRY_WORKERS": os.environ.get("REGISTRY_WORKERS", "2"),
           "REGISTRY_THREADS": os.environ.get("REGISTRY_THREADS", "4")}
    reg = launcher.start(data, BOUNDARIES, env=env)
    try:
        reg.add_user("bench", PASSWORD, "21")
        pt = launcher.query(data, "SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT "
                                  "ST_PointOnSurface(geom) AS p FROM tambons WHERE code = "
                                  "'210101') s")[0]
        pin_id = str(uuid.uuid4())
        f = {"type": "Feature", "id": pin_id, "geometry": {"type": "Point", "coordinates": [
            pt["x"], pt["y"]]}, "properties": {"name_th": "จุดวัดความเร็ว", "point_type": "other",
                                               "province_code": "21"}}
        r = requests.post(reg.url + "/collections/service_points/items", json=f,
                          auth=("bench", PASSWORD), timeout=60)
        assert r.status_code == 201, r.text
        print(f"feedback bench: registry at {reg.url}, workers={env['REGISTRY_WORKERS']} "
              f"threads={env['REGISTRY_THREADS']}", flush=True)
        post_many(reg.url, pin_id, 0, 20, "192.0.2.1", [])  # warm up (pools, secret)
        codes: list = []
        t = time.monotonic()
        post_many(reg.url, pin_id, 100, args.single, "192.0.2.2", codes)
        single = time.monotonic() - t
        assert codes.count(201) == args.single, {c: codes.count(c) for c in set(codes)}
        print(f"intake single client: {args.single} posts in {single:.2f} s = "
              f"{args.single / single:,.0f} responses/s", flush=True)
        codes = []
        threads = [threading.Thread(target=post_many, args=(
            reg.url, pin_id, 10_000 + c * args.per_client, args.per_client,
            f"198.51.100.{c + 1}", codes)) for c in range(args.clients)]
        t = time.monotonic()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        conc = time.monotonic() - t
        total = args.clients * args.per_client
        assert codes.count(201) == total, {c: codes.count(c) for c in set(codes)}
        print(f"intake {args.clients} concurrent clients: {total} posts in {conc:.2f} s = "
              f"{total / conc:,.0f} responses/s", flush=True)

        pins = synth.pins_from_moph()
        today = dt.datetime.now(BANGKOK).date()
        end = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        t = time.monotonic()
        cols = synth.generate(pins, end, args.months, args.responses)
        n = len(cols["pin"])
        gen = time.monotonic() - t
        conn = launcher.superuser_connection(data)
        conn.autocommit = False
        t = time.monotonic()
        synth.copy_into(conn, pins, cols)
        load = time.monotonic() - t
        with conn.cursor() as cur:
            cur.execute("ANALYZE feedback; ANALYZE feedback_monthly; "
                        "ANALYZE feedback_monthly_complaints")
            cur.execute("SELECT count(*), pg_size_pretty(pg_total_relation_size('feedback')), "
                        "(SELECT count(*) FROM feedback_monthly), "
                        "pg_size_pretty(pg_total_relation_size('feedback_monthly')) FROM feedback")
            rows, raw_size, summary_rows, summary_size = cur.fetchone()
        conn.commit()
        del cols
        print(f"SYNTHETIC responses: {n:,} for {len(pins):,} MOPH pins over {args.months} months "
              f"(generated in {gen:.1f} s, COPYed with the summary trigger in {load:.1f} s = "
              f"{n / load:,.0f} rows/s); feedback {rows:,} rows ({raw_size}), summary "
              f"{summary_rows:,} rows ({summary_size})", flush=True)
        first = (end.replace(day=1) - dt.timedelta(days=330)).replace(day=1)
        q = {"from": first.strftime("%Y-%m"), "to": end.strftime("%Y-%m")}
        for by in ("province", "pin"):
            med, runs, r = timed(lambda: requests.get(
                reg.url + "/collections/feedback/summary", params=dict(q, by=by), timeout=300))
            doc = r.json()
            total = sum(g["responses"] for g in doc["groups"])
            print(f"national aggregation by {by}, 12 months, HTTP end to end: median {med:.2f} s "
                  f"(runs {', '.join(f'{x:.2f}' for x in runs)}; {len(doc['groups']):,} groups, "
                  f"{total:,} responses, {len(r.content) / 1e6:.1f} MB)", flush=True)
        sql_summary = ("SELECT province_code, sum(n), sum(sat4 + sat5), sum(copy_yes), "
                       "sum(copy_n) FROM feedback_monthly WHERE month BETWEEN %s AND %s "
                       "GROUP BY province_code")
        sql_raw = ("SELECT province_code, count(*), count(*) FILTER (WHERE satisfaction >= 4), "
                   "count(*) FILTER (WHERE asked_copy), count(asked_copy) FROM feedback WHERE "
                   "visit_date >= %s AND visit_date < %s GROUP BY province_code")
        after = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        conn = launcher.superuser_connection(data)
        with conn.cursor() as cur:
            def run(sql, a):
                cur.execute(sql, a)
                return cur.fetchall()
            med_s, runs_s, res_s = timed(lambda: run(sql_summary, (first, end)))
            med_r, runs_r, res_r = timed(lambda: run(sql_raw, (first, after)))
        conn.close()
        same = sorted(tuple(int(x) for x in r[1:]) + (r[0],) for r in res_s) == \
            sorted(tuple(int(x) for x in r[1:]) + (r[0],) for r in res_r)
        print(f"national aggregation by province, 12 months, SQL on the summary: median "
              f"{med_s * 1000:.0f} ms (runs {', '.join(f'{x * 1000:.0f}' for x in runs_s)}); "
              f"straight from the raw rows: median {med_r:.2f} s (runs "
              f"{', '.join(f'{x:.2f}' for x in runs_r)}); same figures: {same}", flush=True)
    finally:
        reg.stop()
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
