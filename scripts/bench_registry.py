#!/usr/bin/env python3
"""Benchmark of the reference registry: sequential single-POST rate and read rate, in pins/s.

Starts a throwaway registry (``python -m registry serve`` on a free 127.0.0.1 port, temporary
data folder), registers a bench account, then measures on real pins of one province:

* sequential single POST: one pin per request, one request at a time, HTTP keep-alive -- the
  anchor of the publish issue (its parallel publish must reach 3x this);
* read: every pin of the province through the items endpoint, 1000 per page, following ``next``;
* bulk POST (for information): 1000 pins per request to the advertised bulk endpoint.

Figures, not pass/fail.  ``--json FILE`` also writes them as JSON (default out/bench_registry.json).
"""
from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg2
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from registry.cluster import free_port  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
BOUNDARIES = SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
PASSWORD = "bench password 1"
PROVINCE = "30"  # Nakhon Ratchasima, the largest province


def start(data: Path, port: int, workers: int, threads: int):
    env = dict(os.environ, REGISTRY_WORKERS=str(workers), REGISTRY_THREADS=str(threads))
    log = open(data / "serve.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry", "--data", str(data), "serve", "--port", str(port),
         "--boundaries", str(BOUNDARIES)],
        cwd=str(REPO), stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if select.select([proc.stdout], [], [], 1.0)[0]:
            line = proc.stdout.readline()
            if line.startswith("registry ready at"):
                return proc, log
    proc.kill()
    log.seek(0)
    raise SystemExit("the registry did not start:\n" + log.read()[-3000:])


def stop(proc) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def points(data: Path, n: int, seed: int):
    state = json.loads((data / "state.json").read_text())
    port = int((data / "pgdata" / "postmaster.pid").read_text().splitlines()[3])
    conn = psycopg2.connect(host="127.0.0.1", port=port, dbname=state["dbname"],
                            user=state["superuser"], password=state["password"])
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT ST_X(g), ST_Y(g) FROM (SELECT (ST_Dump(ST_GeneratePoints("
                        "ST_Buffer(geom, -0.02), %s, %s))).geom AS g FROM provinces "
                        "WHERE code = %s) s", (n, seed, PROVINCE))
            return cur.fetchall()
    finally:
        conn.close()


def feature(x: float, y: float, i: int) -> dict:
    return {"type": "Feature", "id": str(uuid.uuid4()),
            "geometry": {"type": "Point", "coordinates": [x, y]},
            "properties": {"name_th": f"จุดบริการ {i}", "name_en": f"Service point {i}",
                           "point_type": "other", "province_code": PROVINCE,
                           "agency": "bench", "phone": "044 000 000"}}


def measure_single_posts(session: requests.Session, url: str, auth, feats) -> float:
    t0 = time.perf_counter()
    for f in feats:
        r = session.post(f"{url}/collections/service_points/items", data=json.dumps(f),
                         headers={"Content-Type": "application/geo+json"}, auth=auth, timeout=60)
        if r.status_code != 201:
            raise SystemExit(f"POST failed: {r.status_code} {r.text[:300]}")
    return time.perf_counter() - t0


def measure_bulk(session: requests.Session, url: str, auth, feats, size: int = 1000) -> float:
    bulk = [link["href"] for link in session.get(f"{url}/", params={"f": "json"}, timeout=60)
            .json()["links"] if link["rel"] == "bulk"][0]
    t0 = time.perf_counter()
    for i in range(0, len(feats), size):
        ops = [{"op": "create", "feature": f} for f in feats[i:i + size]]
        r = session.post(bulk, data=json.dumps({"operations": ops}), auth=auth, timeout=600,
                         headers={"Content-Type": "application/json"})
        bad = [x for x in r.json()["results"] if x["status"] != 201]
        if r.status_code != 200 or bad:
            raise SystemExit(f"bulk failed: {r.status_code} {bad[:2]}")
    return time.perf_counter() - t0


def measure_read(session: requests.Session, url: str, page: int = 1000):
    t0 = time.perf_counter()
    next_url = f"{url}/collections/service_points/items"
    params = {"f": "json", "limit": page, "province_code": PROVINCE}
    n = 0
    for _ in range(10000):  # bounded
        doc = session.get(next_url, params=params, timeout=120).json()
        params = None
        n += len(doc["features"])
        nxt = [link["href"] for link in doc.get("links", []) if link["rel"] == "next"]
        if not doc["features"] or not nxt:
            break
        next_url = nxt[0]
    return n, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--single", type=int, default=1000, help="pins POSTed one by one")
    ap.add_argument("--bulk", type=int, default=10000, help="pins loaded by bulk POST")
    ap.add_argument("--workers", type=int, default=int(os.environ.get("REGISTRY_WORKERS", 2)))
    ap.add_argument("--threads", type=int, default=int(os.environ.get("REGISTRY_THREADS", 4)))
    ap.add_argument("--json", default=str(REPO / "out" / "bench_registry.json"))
    args = ap.parse_args()

    data = Path(tempfile.mkdtemp(prefix="cp-registry-bench-"))
    os.chmod(data, 0o755)
    port = free_port()
    proc, log = start(data, port, args.workers, args.threads)
    url = f"http://127.0.0.1:{port}"
    try:
        out = subprocess.run([sys.executable, "-m", "registry", "--data", str(data), "add-user",
                              "bench", "--provinces", PROVINCE], input=PASSWORD + "\n",
                             capture_output=True, text=True, cwd=str(REPO), timeout=60)
        if out.returncode:
            raise SystemExit(out.stderr)
        pts = points(data, args.single + args.bulk + 20, 7)
        feats = [feature(x, y, i) for i, (x, y) in enumerate(pts)]
        auth = ("bench", PASSWORD)
        with requests.Session() as s:
            measure_single_posts(s, url, auth, feats[:20])  # warm-up: workers, auth cache
            single_s = measure_single_posts(s, url, auth, feats[20:20 + args.single])
            bulk_s = measure_bulk(s, url, auth, feats[20 + args.single:])
            measure_read(s, url)  # warm-up
            n_read, read_s = measure_read(s, url)
        results = {
            "single_post_pins_per_s": round(args.single / single_s, 1),
            "single_post_pins": args.single, "single_post_seconds": round(single_s, 2),
            "read_pins_per_s": round(n_read / read_s, 1),
            "read_pins": n_read, "read_seconds": round(read_s, 2),
            "bulk_post_pins_per_s": round(args.bulk / bulk_s, 1) if args.bulk else None,
            "bulk_post_pins": args.bulk, "bulk_post_seconds": round(bulk_s, 2),
            "workers": args.workers, "threads": args.threads, "cpus": os.cpu_count(),
        }
    finally:
        stop(proc)
        log.close()
        shutil.rmtree(data, ignore_errors=True)
    print(f"registry benchmark ({args.workers} gunicorn workers x {args.threads} threads, "
          f"{os.cpu_count()} CPUs, PostgreSQL 15 + PostGIS on 127.0.0.1)")
    print(f"  registry sequential single POST: {results['single_post_pins_per_s']:8.1f} pins/s"
          f"  ({args.single} pins in {results['single_post_seconds']} s)")
    print(f"  registry read (GET items, 1000/page): {results['read_pins_per_s']:8.1f} pins/s"
          f"  ({n_read} pins in {results['read_seconds']} s)")
    if args.bulk:
        print(f"  registry bulk POST (1000/request): {results['bulk_post_pins_per_s']:8.1f} pins/s"
              f"  ({args.bulk} pins in {results['bulk_post_seconds']} s)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
