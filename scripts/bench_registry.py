#!/usr/bin/env python3
"""Benchmark of the reference registry: sequential single-POST rate and read rate, in pins/s.

Starts a throwaway registry (``python -m registry serve`` on a free 127.0.0.1 port, temporary
data folder), registers a bench account, then measures on real pins of one province:

* sequential single POST: one pin per request, one request at a time, HTTP keep-alive -- the
  anchor of the publish issue (its parallel publish must reach 3x this);
* read: every pin of the province through the items endpoint, 1000 per page, following ``next``;
* bulk POST (for information): 1000 pins per request to the advertised bulk endpoint;
* sign-in (issue 16): the time to refuse an unknown account name, a known name with a wrong
  password, to accept the right one (remembered), to refuse a locked name (429); and single-pin
  reads while one address guesses passwords as fast as it can for 10 s (each attempt a new name:
  the address throttle is what stops it).  Clients of other addresses are told apart by
  ``X-Forwarded-For`` (the registry trusts it from the loopback); only headers, all traffic is on
  127.0.0.1.  ``--sign-in-only`` measures only this.

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


def _median_ms(times) -> float:
    return round(sorted(times)[len(times) // 2] * 1000, 1)


def measure_sign_in(url: str, name: str, password: str, read_url: str) -> dict:
    import threading

    def attempt(session, who, pw, address):
        t0 = time.perf_counter()
        r = session.get(f"{url}/account", auth=(who, pw), timeout=60,
                        headers={"X-Forwarded-For": address})
        return r.status_code, time.perf_counter() - t0

    out = {}
    with requests.Session() as s:
        for i in range(3):  # warm-up
            attempt(s, f"warm{i}", "x", f"198.18.9.{i}")
        out["unknown_name_ms"] = _median_ms([attempt(s, f"nobody{i}", "wrong password",
                                                     f"198.18.0.{i}")[1] for i in range(8)])
        out["wrong_password_ms"] = _median_ms([attempt(s, name, "wrong password",
                                                       f"198.18.1.{i}")[1] for i in range(8)])
        out["right_password_ms"] = _median_ms([attempt(s, name, password, "198.18.2.1")[1]
                                               for i in range(8)])
        answers = [attempt(s, "lock-me", "wrong password", f"198.18.3.{i}") for i in range(14)]
        locked = [t for code, t in answers if code == 429]
        out["failures_before_lock"] = next(i for i, (code, _) in enumerate(answers)
                                           if code == 429) if locked else None
        out["locked_ms"] = _median_ms(locked) if locked else None

        stop = threading.Event()
        flood = {"401": 0, "429": 0, "other": 0}

        def guess():
            with requests.Session() as g:
                i = 0
                while not stop.is_set():
                    code, _ = attempt(g, f"guess{i}", "password123", "198.18.4.4")
                    key = str(code) if code in (401, 429) else "other"
                    flood[key] += 1
                    i += 1

        reads = []
        t = threading.Thread(target=guess, daemon=True)
        t0 = time.perf_counter()
        t.start()
        while time.perf_counter() - t0 < 10.0:
            r0 = time.perf_counter()
            s.get(read_url, params={"f": "json"}, timeout=60)
            reads.append(time.perf_counter() - r0)
            time.sleep(0.05)
        stop.set()
        t.join(60)
        elapsed = time.perf_counter() - t0
    out["flood_attempts_per_s"] = round(sum(flood.values()) / elapsed, 1)
    out["flood_answers"] = flood
    out["read_during_flood_median_ms"] = _median_ms(reads)
    out["read_during_flood_max_ms"] = round(max(reads) * 1000, 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--single", type=int, default=1000, help="pins POSTed one by one")
    ap.add_argument("--bulk", type=int, default=10000, help="pins loaded by bulk POST")
    ap.add_argument("--workers", type=int, default=int(os.environ.get("REGISTRY_WORKERS", 2)))
    ap.add_argument("--threads", type=int, default=int(os.environ.get("REGISTRY_THREADS", 4)))
    ap.add_argument("--json", default=str(REPO / "out" / "bench_registry.json"))
    ap.add_argument("--sign-in-only", action="store_true", help="only the sign-in figures")
    args = ap.parse_args()
    if args.sign_in_only:
        args.single, args.bulk = 0, 0

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
            results = {"workers": args.workers, "threads": args.threads, "cpus": os.cpu_count()}
            if not args.sign_in_only:
                single_s = measure_single_posts(s, url, auth, feats[20:20 + args.single])
                bulk_s = measure_bulk(s, url, auth, feats[20 + args.single:])
                measure_read(s, url)  # warm-up
                n_read, read_s = measure_read(s, url)
                results.update({
                    "single_post_pins_per_s": round(args.single / single_s, 1),
                    "single_post_pins": args.single, "single_post_seconds": round(single_s, 2),
                    "read_pins_per_s": round(n_read / read_s, 1),
                    "read_pins": n_read, "read_seconds": round(read_s, 2),
                    "bulk_post_pins_per_s": round(args.bulk / bulk_s, 1) if args.bulk else None,
                    "bulk_post_pins": args.bulk, "bulk_post_seconds": round(bulk_s, 2)})
        results["sign_in"] = measure_sign_in(
            url, "bench", PASSWORD, f"{url}/collections/service_points/items/{feats[0]['id']}")
    finally:
        stop(proc)
        log.close()
        shutil.rmtree(data, ignore_errors=True)
    print(f"registry benchmark ({args.workers} gunicorn workers x {args.threads} threads, "
          f"{os.cpu_count()} CPUs, PostgreSQL + PostGIS on 127.0.0.1)")
    if not args.sign_in_only:
        print(f"  registry sequential single POST: {results['single_post_pins_per_s']:8.1f} "
              f"pins/s  ({args.single} pins in {results['single_post_seconds']} s)")
        print(f"  registry read (GET items, 1000/page): {results['read_pins_per_s']:8.1f} pins/s"
              f"  ({results['read_pins']} pins in {results['read_seconds']} s)")
    si = results["sign_in"]
    print(f"  sign-in, median: unknown name {si['unknown_name_ms']} ms, wrong password "
          f"{si['wrong_password_ms']} ms, right password (remembered) {si['right_password_ms']} ms,"
          f" locked {si['locked_ms']} ms after {si['failures_before_lock']} failures")
    print(f"  one address guessing for 10 s: {si['flood_attempts_per_s']} attempts/s answered "
          f"{si['flood_answers']}; a pin read meanwhile: median "
          f"{si['read_during_flood_median_ms']} ms, max {si['read_during_flood_max_ms']} ms")
    if args.bulk:
        print(f"  registry bulk POST (1000/request): {results['bulk_post_pins_per_s']:8.1f} pins/s"
              f"  ({args.bulk} pins in {results['bulk_post_seconds']} s)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
