#!/usr/bin/env python3
"""Benchmark of the publish engine: 10,000 new pins published vs the registry's sequential
single-POST rate measured in the same run, against the same throwaway registry.

* sequential single POST: one pin per request, one at a time, HTTP keep-alive (as
  ``bench_registry.py`` measures it) -- the anchor;
* publish: a working copy with N new pins, ``citizen_pins.registry.sync.publish`` with its
  defaults (bulk endpoint as advertised, chunks of 500, 2 requests in flight), through QGIS's
  network stack and a QGIS auth config, journal and base written -- everything but validation
  (which runs before and is timed separately by the validation benchmark);
* for information: the engine without the bulk endpoint (single requests, 4 in flight).

Figures, not pass/fail.  Prints the ratio publish / sequential single POST.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402

import bench_registry as br  # noqa: E402
from registry.cluster import free_port  # noqa: E402


def _tree(pid: int, skip=()) -> float:
    """CPU seconds (user + system) of a live process and its descendants, but not of the
    subtrees rooted at ``skip``."""
    tck = os.sysconf("SC_CLK_TCK")
    kids: dict = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                st = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
                kids.setdefault(int(st[1]), []).append(int(p))
            except OSError:
                pass
    total, todo = 0.0, [pid]
    while todo:
        q = todo.pop()
        if q in skip:
            continue
        try:
            st = open(f"/proc/{q}/stat").read().rsplit(")", 1)[1].split()
            total += (int(st[11]) + int(st[12])) / tck
        except OSError:
            pass
        todo.extend(kids.get(q, []))
    return total


def cpu_seconds(server_pid: int, tmp: Path):
    """(client, gateway, PostgreSQL) CPU seconds so far: this process (all threads), the
    registry's process tree without PostgreSQL (gunicorn), the benchmark's own PostgreSQL
    (the postmaster on a data folder under ``tmp``, and its backends)."""
    pg = None
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                cmd = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ")
            except OSError:
                continue
            if str(tmp).encode() in cmd and b"postgres" in cmd and b"-D" in cmd:
                pg = int(p)
                break
    pg_s = _tree(pg) if pg else float("nan")
    return time.process_time(), _tree(server_pid, skip={pg} if pg else ()), pg_s


def fill_working_copy(path: str, pts, province: str) -> None:
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    from citizen_pins.core.working_copy import create_working_copy, layer_uri

    create_working_copy(path, province)
    lyr = QgsVectorLayer(layer_uri(path), "sp", "ogr")
    feats = []
    for i, (x, y) in enumerate(pts):
        f = QgsFeature(lyr.fields())
        f["pin_id"] = str(uuid.uuid4())
        f["name_th"] = f"จุดบริการ {i}"
        f["name_en"] = f"Service point {i}"
        f["point_type"] = "other"
        f["province_code"] = province
        f["agency"] = "bench"
        f["phone"] = "044 000 000"
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    ok, _ = lyr.dataProvider().addFeatures(feats)
    assert ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pins", type=int, default=10000)
    ap.add_argument("--single", type=int, default=1000, help="pins POSTed one by one (anchor)")
    ap.add_argument("--single-engine", type=int, default=2000,
                    help="pins for the engine without bulk (information; 0 to skip)")
    ap.add_argument("--in-flight", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of (single POSTs, publish), each on new pins; medians printed")
    args = ap.parse_args()
    rounds = max(1, args.repeat)

    tmp = Path(tempfile.mkdtemp(prefix="cp-bench-publish-"))
    os.chmod(tmp, 0o755)
    data = tmp / "registry"
    data.mkdir()
    os.chmod(data, 0o755)
    port = free_port()
    proc, log = br.start(data, port, 2, 4)
    url = f"http://127.0.0.1:{port}"
    try:
        out = subprocess.run([sys.executable, "-m", "registry", "--data", str(data), "add-user",
                              "bench", "--provinces", br.PROVINCE], input=br.PASSWORD + "\n",
                             capture_output=True, text=True, cwd=str(REPO), timeout=60)
        if out.returncode:
            raise SystemExit(out.stderr)
        per_round = args.single + args.pins
        n_total = 20 + rounds * per_round + args.single_engine
        pts = br.points(data, n_total, 7)
        auth = ("bench", br.PASSWORD)
        session = requests.Session()
        warm = [br.feature(x, y, i) for i, (x, y) in enumerate(pts[:20])]
        br.measure_single_posts(session, url, auth, warm)  # warm-up

        from qgis.core import QgsApplication, QgsAuthMethodConfig

        from citizen_pins.core.qgis_compat import standalone_app

        app = standalone_app(str(tmp / "profile"))  # its own authentication database
        am = QgsApplication.authManager()
        am.setMasterPassword(uuid.uuid4().hex, True)
        cfg = QgsAuthMethodConfig()
        cfg.setName("bench")
        cfg.setMethod("Basic")
        cfg.setConfig("username", "bench")
        cfg.setConfig("password", br.PASSWORD)
        am.storeAuthenticationConfig(cfg)

        from citizen_pins.registry.client import RegistryClient
        from citizen_pins.registry.sync import preview, publish

        client = RegistryClient(url, cfg.id(), timeout_s=300)
        singles, publishes, cpus = [], [], []
        for r in range(rounds):  # the anchor and the publish in the same rounds
            base = 20 + r * per_round
            feats = [br.feature(x, y, base + i)
                     for i, (x, y) in enumerate(pts[base:base + args.single])]
            singles.append(br.measure_single_posts(session, url, auth, feats))
            start = base + args.single
            path = str(tmp / f"korat_{r}.gpkg")
            fill_working_copy(path, pts[start:start + args.pins], br.PROVINCE)
            c0 = cpu_seconds(proc.pid, tmp)
            t0 = time.perf_counter()
            counts = preview(path).counts()
            res = publish(path, client, in_flight=args.in_flight, chunk=args.chunk)
            publishes.append(time.perf_counter() - t0)
            cpus.append([b - a for a, b in zip(c0, cpu_seconds(proc.pid, tmp))])
            assert res.complete and res.created == args.pins, res.summary()
            assert counts["added"] == args.pins
        session.close()
        single_s = statistics.median(singles)
        publish_s = statistics.median(publishes)
        single_rate = args.single / single_s
        publish_rate = args.pins / publish_s

        single_engine = None
        if args.single_engine:
            path2 = str(tmp / "korat_single.gpkg")
            fill_working_copy(path2, pts[20 + rounds * per_round:], br.PROVINCE)
            t0 = time.perf_counter()
            res2 = publish(path2, client, use_bulk=False, in_flight=4)
            s2 = time.perf_counter() - t0
            assert res2.complete and res2.created == args.single_engine, res2.summary()
            single_engine = args.single_engine / s2
    finally:
        br.stop(proc)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"publish benchmark ({os.cpu_count()} CPUs, registry 2 gunicorn workers x 4 threads, "
          f"PostgreSQL 15 + PostGIS on 127.0.0.1), median of {rounds} round(s)"
          + (f": single POST runs {', '.join(f'{t:.2f}' for t in singles)} s, publish runs "
             f"{', '.join(f'{t:.2f}' for t in publishes)} s" if rounds > 1 else ""))
    print(f"  registry sequential single POST:   {single_rate:8.1f} pins/s  "
          f"({args.single} pins in {single_s:.2f} s)")
    print(f"  publish {args.pins} new pins (bulk, chunks of {args.chunk}, {args.in_flight} in "
          f"flight): {publish_rate:8.1f} pins/s  ({publish_s:.2f} s, journal + base included)")
    if single_engine:
        print(f"  publish without bulk (single requests, 4 in flight, {args.single_engine} pins): "
              f"{single_engine:8.1f} pins/s  ({single_engine / single_rate:.2f}x)")
    med = [statistics.median(c[k] for c in cpus) for k in range(3)]
    print(f"  publish CPU seconds (medians): client {med[0]:.2f}, registry gateway (gunicorn) "
          f"{med[1]:.2f}, PostgreSQL {med[2]:.2f}; runs: "
          + "; ".join("/".join(f"{x:.2f}" for x in c) for c in cpus))
    print(f"publish ratio: {publish_rate / single_rate:.2f}x the sequential single-POST rate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
