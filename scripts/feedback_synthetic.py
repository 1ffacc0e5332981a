"""SYNTHETIC citizen feedback: realistic made-up responses for service points, written into the
registry's database (every row ``synthetic = true``; every output built from them says so).

No public per-point feedback exists (docs/feedback.md), so the analytics, the report and the
benchmark run on this.  What makes it realistic, and testable:

* ratings skewed to the top (about 45 % "5", 30 % "4", 12 % "3", 7 % "2", 6 % "1" overall, as
  satisfaction surveys of public services typically are), the eight items correlated through one
  latent experience of the visit, some items skipped;
* each point has its own quality; a few **bad points** (4 %) are clearly worse (low ratings, more
  complaints, asked for extra payment more often);
* **seasonality** (more visits in January-March, fewer in April's Songkran holidays and in
  December) and a slow improvement over time;
* **complaint bursts**: a few points have a month in which half the visitors complain about one
  thing (the queue system broke, a delay);
* "asked for a copy" follows the point's declared Zero Copy status when known (a point that
  declares Zero Copy is rarely said to ask for copies -- except some that **contradict** it), and
  a quarter of the time when unknown;
* short Thai comments from a phrase bank that matches the rating (for the term counts).

Pins come from the MOPH register (``--moph``: every facility of the given provinces, pin_id a
UUID derived from its code) or from a working copy (``--working-copy``: its pins, with their
declared Zero Copy status from the working copy's status view).

    python scripts/feedback_synthetic.py --moph --provinces 21 --months 24 --end 2026-11 \\
        --responses 200000 --registry-data .registry
    python scripts/feedback_synthetic.py --moph --responses 10000000 --database-url postgresql://...

Tests import it (:func:`generate` returns the columns, so an independent computation can be made
on exactly what was written).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from citizen_pins.core import feedback as fb  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
MOPH_CSV = SHARED / "data" / "service_points" / "moph_health_facilities.csv"
#: pin_id of a MOPH facility: uuid5 of its code in this namespace (stable across runs).
MOPH_NAMESPACE = uuid.UUID("6f1d3c52-0b7e-4f6e-9d1a-3c2b19a4e8d0")
#: Relative number of visits per calendar month (Songkran in April, holidays in December).
SEASON = np.array([1.15, 1.10, 1.20, 0.70, 0.95, 1.00, 1.00, 0.95, 1.00, 1.05, 1.00, 0.90])
#: Cut points of the latent experience (sd about 1.4) into 1..5: about 6/7/12/30/45 %.
CUTS = np.array([-2.2, -1.59, -0.95, 0.18])
BAD_SHARE, BURST_SHARE, CONTRADICT_SHARE = 0.04, 0.03, 0.15
POSITIVE = ("เจ้าหน้าที่บริการดีมาก ยิ้มแย้มแจ่มใส", "รวดเร็ว ไม่ต้องรอนาน",
            "ขั้นตอนชัดเจน เข้าใจง่าย", "สถานที่สะอาด มีที่นั่งรอเพียงพอ",
            "เจ้าหน้าที่อธิบายเอกสารที่ต้องใช้อย่างละเอียด", "ประทับใจการบริการ ขอบคุณค่ะ",
            "ไม่ต้องใช้สำเนาบัตรประชาชนแล้ว สะดวกมาก", "บริการดี รวดเร็วทันใจ")
NEUTRAL = ("ควรเพิ่มช่องบริการในช่วงเช้า", "อยากให้มีป้ายบอกขั้นตอนที่ชัดเจนกว่านี้",
           "ที่จอดรถค่อนข้างน้อย", "ควรมีบริการออนไลน์มากขึ้น")
NEGATIVE = ("รอคิวนานมาก กว่าสองชั่วโมง", "เจ้าหน้าที่พูดจาไม่สุภาพ",
            "ต้องถ่ายสำเนาบัตรประชาชนมาเอง ทั้งที่บอกว่าไม่ต้องใช้สำเนา", "ที่จอดรถไม่เพียงพอ",
            "ระบบคิวล่ม ต้องกลับมาใหม่อีกวัน", "ข้อมูลในเว็บไซต์ไม่ตรงกับที่เคาน์เตอร์",
            "เจ้าหน้าที่ไม่อยู่ที่โต๊ะ รอนาน", "เอกสารไม่ครบ ต้องเดินทางกลับไปเอาใหม่")
#: Complaint categories' weights when nothing else decides (delay and staff conduct lead).
CATEGORY_WEIGHTS = {"staff_conduct": 0.20, "delay": 0.30, "extra_payment": 0.02,
                    "documents": 0.12, "information": 0.12, "unfair_treatment": 0.03,
                    "facilities": 0.10, "systems": 0.08, "other": 0.03}
DETAILS = {"delay": "รอนานเกินระยะเวลาที่ประกาศไว้", "staff_conduct": "เจ้าหน้าที่ไม่สุภาพ",
           "documents": "ถูกขอสำเนาเอกสารหลายชุด", "systems": "ระบบคิวขัดข้องทั้งวัน",
           "information": "ข้อมูลขั้นตอนไม่ตรงกับคู่มือ", "facilities": "ไม่มีทางลาดสำหรับรถเข็น",
           "extra_payment": "ถูกเรียกเงินเพิ่มเพื่อให้ได้เร็วขึ้น",
           "unfair_treatment": "คนที่มาทีหลังได้รับบริการก่อน", "other": "เรื่องอื่น ๆ"}


@dataclass
class Pin:
    pin_id: str
    province_code: str
    amphoe_code: Optional[str]
    name: str = ""
    #: declared Zero Copy status (core/zero_copy.py), None when unknown
    declared: Optional[str] = None


def moph_pin_id(hoscode: str) -> str:
    return str(uuid.uuid5(MOPH_NAMESPACE, "moph:" + hoscode.strip()))


def pins_from_moph(path: Path = MOPH_CSV, provinces: Optional[Sequence[str]] = None) -> List[Pin]:
    """Every facility of the MOPH register (of ``provinces``) with a usable province code."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            prov = (r.get("provcode") or "").strip().zfill(2)
            amph = (r.get("amcode") or "").strip()
            if not prov.isdigit() or prov[0] == "0" or (provinces and prov not in provinces):
                continue
            amph = amph if len(amph) == 4 and amph.isdigit() and amph[:2] == prov else None
            out.append(Pin(moph_pin_id(r["hoscode"]), prov, amph, r.get("hosname") or ""))
    return out


def pins_from_working_copy(path: str) -> List[Pin]:
    """A working copy's pins, with their declared Zero Copy status when it has services."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT pin_id, province_code, amphoe_code, name_th FROM "
                            "service_points WHERE pin_id IS NOT NULL").fetchall()
        status: Dict[str, str] = {}
        try:
            status = dict(conn.execute("SELECT pin_id, zero_copy_status FROM "
                                       "citizen_pins_zero_copy").fetchall())
        except sqlite3.Error:
            pass
    return [Pin(p, prov or "", amph, name or "", status.get(p)) for p, prov, amph, name in rows
            if prov]


def _cut(latent: np.ndarray) -> np.ndarray:
    return (np.searchsorted(CUTS, latent) + 1).astype(np.int16)


def generate(pins: Sequence[Pin], end_month: dt.date, months: int, responses: int,
             seed: int = 19) -> Dict[str, object]:
    """About ``responses`` responses over the ``months`` months ending with ``end_month``, as
    columns (numpy arrays; ``comment`` / ``complaint_detail`` lists of str or None; ``pin`` the
    index into ``pins``)."""
    rng = np.random.default_rng(seed)
    n_pins = len(pins)
    quality = rng.normal(0.0, 0.6, n_pins)
    bad = rng.random(n_pins) < BAD_SHARE
    quality[bad] = -2.3
    volume = rng.lognormal(0.0, 0.8, n_pins)
    declared = np.array([p.declared or "" for p in pins])
    zero_copy = declared == "zero_copy"
    contradict = zero_copy & (rng.random(n_pins) < CONTRADICT_SHARE)
    copy_rate = np.where(zero_copy, 0.03, np.where(declared == "", 0.25, 0.6))
    copy_rate = np.where(contradict, 0.45, copy_rate)
    pay_rate = np.where(bad, 0.12, 0.01)
    first = dt.date(end_month.year, end_month.month, 1)
    month_starts = []
    for k in range(months - 1, -1, -1):
        m = first.year * 12 + first.month - 1 - k
        month_starts.append(dt.date(m // 12, m % 12 + 1, 1))
    season = np.array([SEASON[d.month - 1] for d in month_starts])
    weights = volume[:, None] * season[None, :]
    counts = rng.poisson(weights * (responses / weights.sum()))
    pin_idx = np.repeat(np.repeat(np.arange(n_pins), months), counts.ravel())
    month_idx = np.repeat(np.tile(np.arange(months), n_pins), counts.ravel())
    n = len(pin_idx)
    # the visit: a day of its month
    starts = np.array([np.datetime64(d) for d in month_starts])
    lengths = np.array([(dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1) - d).days
                        for d in month_starts])
    day = (rng.random(n) * lengths[month_idx]).astype(np.int64)
    visit = starts[month_idx] + day.astype("timedelta64[D]")
    # complaint bursts: (pin, month) pairs where half the visitors complain of one thing
    burst_pins = rng.choice(n_pins, max(1, int(BURST_SHARE * n_pins)), replace=False)
    burst_month = rng.integers(0, months, len(burst_pins))
    burst_cat = rng.choice(["systems", "delay"], len(burst_pins))
    burst_key = {(int(p), int(m)): c for p, m, c in zip(burst_pins, burst_month, burst_cat)}
    in_burst = np.zeros(n, bool)
    burst_category = np.full(n, "", dtype=object)
    if burst_key:
        code = pin_idx * months + month_idx
        for (p, m), c in burst_key.items():
            sel = code == p * months + m
            in_burst |= sel
            burst_category[sel] = c
    trend = 0.02 * month_idx  # a slow improvement
    latent = quality[pin_idx] + trend + rng.normal(0.0, 1.25, n) - 1.1 * in_burst
    cols: Dict[str, object] = {"pin": pin_idx, "month": month_idx, "visit_date": visit,
                               "satisfaction": _cut(latent)}
    skip = {"trust": 0.08, "effectiveness": 0.03, "ease": 0.05, "efficiency": 0.05,
            "equity": 0.12, "employee": 0.06, "transparency": 0.10}
    for k in fb.QUESTION_KEYS[1:]:
        v = _cut(latent + rng.normal(0.0, 0.6, n)).astype(np.float64)
        v[rng.random(n) < skip[k]] = np.nan
        cols[k] = v
    answered_copy = rng.random(n) < 0.85
    cols["asked_copy"] = np.where(answered_copy, (rng.random(n) < copy_rate[pin_idx]).astype(float),
                                  np.nan)
    answered_pay = rng.random(n) < 0.80
    cols["asked_payment"] = np.where(answered_pay,
                                     (rng.random(n) < pay_rate[pin_idx]).astype(float), np.nan)
    p_complaint = 0.02 + 0.13 * bad[pin_idx] + 0.03 * (cols["satisfaction"] <= 2) + 0.48 * in_burst
    complains = rng.random(n) < p_complaint
    cats = np.array(list(CATEGORY_WEIGHTS))
    w = np.array(list(CATEGORY_WEIGHTS.values()))
    category = rng.choice(cats, n, p=w / w.sum()).astype(object)
    category[(cols["asked_payment"] == 1.0) & (rng.random(n) < 0.7)] = "extra_payment"
    category[(cols["asked_copy"] == 1.0) & (rng.random(n) < 0.3)] = "documents"
    category[in_burst] = burst_category[in_burst]
    category[~complains] = None
    cols["complaint_category"] = category
    has_detail = complains & (rng.random(n) < 0.5)
    cols["complaint_detail"] = [DETAILS[c] if d else None for c, d in zip(category, has_detail)]
    has_comment = rng.random(n) < 0.12
    pick = rng.integers(0, 1 << 30, n)
    sat = cols["satisfaction"]
    comments: List[Optional[str]] = [None] * n
    for i in np.flatnonzero(has_comment).tolist():
        bank = POSITIVE if sat[i] >= 4 else NEGATIVE if sat[i] <= 2 else NEUTRAL
        comments[i] = bank[pick[i] % len(bank)]
    cols["comment"] = comments
    cols["month_starts"] = month_starts
    cols["bad"], cols["contradict"] = bad, contradict
    return cols


COLUMNS = ("feedback_id", "pin_id", "service_id", "province_code", "amphoe_code", "visit_date",
           "received_on") + fb.QUESTION_KEYS + ("asked_copy", "asked_payment", "comment",
                                                "complaint_category", "complaint_detail",
                                                "synthetic")


def _text(v) -> str:
    if v is None:
        return r"\N"
    return str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def copy_into(conn, pins: Sequence[Pin], cols: Dict[str, object], chunk: int = 1_000_000,
              log=None) -> int:
    """COPY the responses into ``feedback`` in chunks (each one statement: the summary trigger
    adds each chunk to the monthly summary).  ``conn`` is a connection as the owner (or a
    superuser); committed at the end."""
    n = len(cols["pin"])
    pin_ids = np.array([p.pin_id for p in pins], dtype=object)
    provs = np.array([p.province_code for p in pins], dtype=object)
    amphs = np.array([p.amphoe_code for p in pins], dtype=object)
    rng = np.random.default_rng(7)
    written = 0
    with conn.cursor() as cur:
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            idx = cols["pin"][lo:hi]
            visit = cols["visit_date"][lo:hi]
            received = visit + rng.integers(0, 3, hi - lo).astype("timedelta64[D]")
            fields = [[str(uuid.UUID(bytes=bytes(b), version=4)) for b in
                       rng.integers(0, 256, (hi - lo, 16), dtype=np.uint8)],
                      pin_ids[idx].tolist(), [r"\N"] * (hi - lo), provs[idx].tolist(),
                      [_text(a) for a in amphs[idx].tolist()],
                      visit.astype(str).tolist(), received.astype(str).tolist(),
                      cols["satisfaction"][lo:hi].astype(str).tolist()]
            for k in fb.QUESTION_KEYS[1:]:
                v = cols[k][lo:hi]
                fields.append([r"\N" if x != x else str(int(x)) for x in v.tolist()])
            for k in ("asked_copy", "asked_payment"):
                v = cols[k][lo:hi]
                fields.append([r"\N" if x != x else ("t" if x else "f") for x in v.tolist()])
            fields.append([_text(c) for c in cols["comment"][lo:hi]])
            fields.append([_text(c) for c in cols["complaint_category"][lo:hi].tolist()])
            fields.append([_text(c) for c in cols["complaint_detail"][lo:hi]])
            fields.append(["t"] * (hi - lo))
            buf = io.StringIO("\n".join("\t".join(r) for r in zip(*fields)) + "\n")
            cur.copy_expert(f"COPY feedback ({', '.join(COLUMNS)}) FROM STDIN", buf)
            written += hi - lo
            if log:
                log(f"  {written:,} / {n:,} responses written")
    conn.commit()
    return written


def connect(args):
    import psycopg2

    if args.database_url:
        return psycopg2.connect(args.database_url)
    from registry import launcher

    conn = launcher.superuser_connection(Path(args.registry_data))
    conn.autocommit = False
    return conn


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--moph", action="store_true", help="pins: the MOPH register")
    src.add_argument("--working-copy", help="pins: a working copy (.gpkg)")
    p.add_argument("--provinces", default="", help="with --moph: e.g. 21,22 (default: all)")
    p.add_argument("--months", type=int, default=24)
    p.add_argument("--end", default="", help="last month, YYYY-MM (default: last month)")
    p.add_argument("--responses", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=19)
    db = p.add_mutually_exclusive_group(required=True)
    db.add_argument("--database-url", help="the registry's database, as its owner")
    db.add_argument("--registry-data", help="a registry's data folder (its throwaway cluster)")
    args = p.parse_args(argv)
    if args.moph:
        provs = [x.strip() for x in args.provinces.split(",") if x.strip()] or None
        pins = pins_from_moph(MOPH_CSV, provs)
    else:
        pins = pins_from_working_copy(args.working_copy)
    today = dt.date.today()
    end = (dt.date.fromisoformat(args.end + "-01") if args.end
           else (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1))
    t0 = time.monotonic()
    cols = generate(pins, end, args.months, args.responses, args.seed)
    n = len(cols["pin"])
    print(f"SYNTHETIC feedback: {n:,} responses for {len(pins):,} pins, {args.months} months to "
          f"{end:%Y-%m} (generated in {time.monotonic() - t0:.1f} s)", flush=True)
    conn = connect(args)
    try:
        t1 = time.monotonic()
        copy_into(conn, pins, cols, log=lambda m: print(m, flush=True))
        print(f"written in {time.monotonic() - t1:.1f} s (summary kept by the trigger)")
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
