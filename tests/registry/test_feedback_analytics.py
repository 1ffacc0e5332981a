"""Issue 19: citizen_pins:feedback_summary against an independent computation.  SYNTHETIC
responses (scripts/feedback_synthetic.py) for Rayong's MOPH facilities -- a working copy of them,
some with services declaring Zero Copy or copies demanded -- are written into the real
registry's database; the algorithm reads the registry's aggregates (its PostgreSQL summary); the
test recomputes every figure with numpy from the generated rows themselves."""
import datetime as dt
import re
import sys

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from registry_helpers import REPO
from citizen_pins.core import feedback as fb
from citizen_pins.core import feedback_analysis as fa
from citizen_pins.core.working_copy import create_working_copy, layer_uri
from registry import launcher

sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests" / "qgis"))
import feedback_synthetic as synth  # noqa: E402
from _services_data import service_with  # noqa: E402

pytestmark = pytest.mark.registry
MONTHS = 24


def v(x):
    """A feature's value, NULL as None."""
    return None if x is None or (hasattr(x, "isNull") and x.isNull()) else x


def last_month():
    today = dt.date.today()
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def ym(d):
    return d.strftime("%Y-%m")


@pytest.fixture(scope="module")
def data(registry, tmp_path_factory):
    """(working copy, pins, generated columns) -- written into the registry."""
    path = str(tmp_path_factory.mktemp("feedback") / "rayong_feedback.gpkg")
    create_working_copy(path, "21")
    moph = synth.pins_from_moph(synth.MOPH_CSV, ["21"])
    layer = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    import csv

    coords = {}
    with open(synth.MOPH_CSV, encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            coords[synth.moph_pin_id(r["hoscode"])] = (r["lon"], r["lat"])
    feats = []
    for p in moph:
        f = QgsFeature(layer.fields())
        f["pin_id"], f["name_th"], f["point_type"] = p.pin_id, p.name, "hospital"
        f["province_code"], f["amphoe_code"] = p.province_code, p.amphoe_code
        x, y = coords[p.pin_id]
        try:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        except ValueError:
            pass
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    for p in moph[:30]:  # declared Zero Copy: a document nobody brings a copy of
        service_with(path, p.pin_id, "ตรวจสุขภาพ", documents=[
            {"name_th": "บัตรประจำตัวประชาชน", "copies": 0, "copy_status": "no_copy"}])
    for p in moph[30:42]:  # every service demands a copy
        service_with(path, p.pin_id, "ขอใบรับรองแพทย์", documents=[
            {"name_th": "สำเนาทะเบียนบ้าน", "copies": 1, "copy_status": "copy_demanded"}])
    pins = synth.pins_from_working_copy(path)
    assert sum(p.declared == "zero_copy" for p in pins) == 30
    cols = synth.generate(pins, last_month(), MONTHS, 60_000, seed=1919)
    conn = launcher.superuser_connection(registry.data)
    conn.autocommit = False
    try:
        synth.copy_into(conn, pins, cols, chunk=25_000)
    finally:
        conn.close()
    return path, pins, cols


def independent(pins, cols, first_idx, last_idx):
    """Per pin and per amphoe, from the generated rows alone."""
    sel = (cols["month"] >= first_idx) & (cols["month"] <= last_idx)
    pin = cols["pin"][sel]
    out = {}
    amph = np.array([p.amphoe_code or "" for p in pins], dtype=object)
    for level, key in (("pin", pin), ("amphoe", amph[pin])):
        res = {}
        for k in np.unique(key):
            m = key == k
            sat = cols["satisfaction"][sel][m]
            n = int(m.sum())
            g = {"n": n, "pct": round(100.0 * (sat >= 4).sum() / n, 1),
                 "means": {"satisfaction": round(float(sat.mean()), 2)}}
            for item in fb.QUESTION_KEYS[1:]:
                v = cols[item][sel][m]
                v = v[~np.isnan(v)]
                g["means"][item] = round(float(v.mean()), 2) if len(v) else None
            copy = cols["asked_copy"][sel][m]
            copy = copy[~np.isnan(copy)]
            g["copy"] = (int(copy.sum()), len(copy))
            cats = cols["complaint_category"][sel][m]
            g["complaints"] = {c: int((cats == c).sum()) for c in fb.CATEGORY_KEYS}
            res[pins[k].pin_id if level == "pin" else k] = g
        out[level] = res
    return out


def test_the_summary_is_the_independent_computation(data, registry, provider, simplified_gpkg,
                                                    authcfgs, tmp_path):
    import processing

    path, pins, cols = data
    first_idx, last_idx = MONTHS - 12, MONTHS - 1
    first, last = cols["month_starts"][first_idx], cols["month_starts"][last_idx]
    res = processing.run("citizen_pins:feedback_summary", {
        "INPUT": layer_uri(path), "BOUNDARIES": str(simplified_gpkg) + "|layername=adm3_tambon",
        "REGISTRY_URL": registry.url, "AUTHCFG": authcfgs["rayong"], "PROVINCE": "21",
        "PERIOD_FROM": ym(first), "PERIOD_TO": ym(last), "OUTPUT": "memory:",
        "AMPHOES": "memory:", "CONTRADICTIONS": "memory:", "TERMS": "memory:",
        "CSV_FOLDER": str(tmp_path / "csv")})
    now = independent(pins, cols, first_idx, last_idx)
    before = independent(pins, cols, first_idx - 12, first_idx - 1)
    layer = res["OUTPUT"]
    feats = {f["pin_id"]: f for f in layer.getFeatures()}
    assert set(feats) == {p.pin_id for p in pins}
    assert res["RESPONSES"] == sum(g["n"] for g in now["pin"].values())
    checked = 0
    for pid, g in now["pin"].items():
        f = feats[pid]
        assert f["responses"] == g["n"]
        assert f["pct_satisfied"] == pytest.approx(g["pct"], abs=0.05)
        for item, mean in g["means"].items():
            assert f[f"mean_{item}"] == pytest.approx(mean, abs=0.005), (pid, item)
        yes, answered = g["copy"]
        assert f["answered_copy"] == answered
        assert f["pct_asked_copy"] == pytest.approx(round(100.0 * yes / answered, 1), abs=0.05)
        for c, n in g["complaints"].items():
            assert f[f"c_{c}"] == n
        enough = g["n"] >= fb.MIN_RESPONSES
        assert f["enough"] == int(enough) and (v(f["rank"]) is None) != enough
        prev = before["pin"].get(pid)
        if enough and prev and prev["n"] >= fb.MIN_RESPONSES:
            assert f["change_pct_satisfied"] == pytest.approx(round(g["pct"] - prev["pct"], 1),
                                                              abs=0.11)
            checked += 1
        else:
            assert v(f["change_pct_satisfied"]) is None
    assert checked > 20
    # small samples: never ranked; ranks 1..k by share satisfied, best first
    ranked = sorted((f for f in feats.values() if v(f["rank"])), key=lambda f: f["rank"])
    assert [f["rank"] for f in ranked] == list(range(1, len(ranked) + 1))
    shares = [f["pct_satisfied"] for f in ranked]
    assert shares == sorted(shares, reverse=True)
    small = [f for f in feats.values() if 0 < f["responses"] < fb.MIN_RESPONSES]
    assert small and all(f["status"] == "not_enough" and v(f["rank"]) is None for f in small)
    # the bad points (generated worse) are at the bottom of the ranking
    bad = {pins[i].pin_id for i in np.flatnonzero(cols["bad"])}
    worst = {f["pin_id"] for f in ranked[-len(bad & {f["pin_id"] for f in ranked}):]}
    assert bad & {f["pin_id"] for f in ranked} <= worst
    # amphoes
    amph = {f["code"]: f for f in res["AMPHOES"].getFeatures()}
    for code, g in now["amphoe"].items():
        assert amph[code]["responses"] == g["n"] and \
            amph[code]["pct_satisfied"] == pytest.approx(g["pct"], abs=0.05)
        assert not amph[code].geometry().isEmpty()
    # Zero Copy in practice: exactly the contradictions the independent figures give
    declared = {p.pin_id: p.declared for p in pins if p.declared}
    expected = set()
    for pid, status in declared.items():
        yes, answered = now["pin"].get(pid, {"copy": (0, 0)})["copy"]
        if answered >= fb.MIN_RESPONSES:
            pct = round(100.0 * yes / answered, 1)
            if status == "zero_copy" and pct >= fa.ZERO_COPY_ASKED_MAX:
                expected.add((pid, "asked_despite_zero_copy"))
            if status == "copies_demanded" and pct < fa.DEMANDED_ASKED_MIN:
                expected.add((pid, "record_may_be_outdated"))
    got = {(f["pin_id"], f["kind"]) for f in res["CONTRADICTIONS"].getFeatures()}
    assert got == expected and expected
    liars = {pins[i].pin_id for i in np.flatnonzero(cols["contradict"])}
    assert {p for p, k in got if k == "asked_despite_zero_copy"} <= liars
    # the comments' terms, with real word segmentation: "คิว" (queue) counted once per text
    assert res["SEGMENTATION"] == "pythainlp-newmm"
    terms = {(f["level"], f["code"], f["term"]): f["count"] for f in res["TERMS"].getFeatures()}
    sel = (cols["month"] >= first_idx) & (cols["month"] <= last_idx)
    texts = {}
    for i in np.flatnonzero(sel).tolist():
        t = " ".join(x for x in (cols["comment"][i], cols["complaint_detail"][i]) if x)
        if t:
            texts.setdefault(pins[cols["pin"][i]].pin_id, []).append(t)
    busiest = max(texts, key=lambda p: sum("คิว" in t for t in texts[p]))
    assert terms[("pin", busiest, "คิว")] == sum("คิว" in t for t in texts[busiest])
    assert ("pin", busiest, "ที่") not in terms  # a stop word
    # the trend by month in the CSV: every month of the period, with its responses
    lines = (tmp_path / "csv" / "months.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 13
    for line in lines[1:]:
        month, n = line.split(",")[:2]
        k = [ym(d) for d in cols["month_starts"]].index(month)
        assert int(n) == int((cols["month"] == k).sum())


def test_the_executive_report(data, registry, provider, simplified_gpkg, tmp_path):
    """citizen_pins:report with FEEDBACK_REGISTRY: executive.pdf -- its text (headline figures,
    Buddhist-era months, best and worst points, Zero Copy in practice, SYNTHETIC said) against the
    independent figures; CITIZEN_PINS_REPORT_PAGES=folder keeps its first pages as PNG."""
    import os
    import subprocess

    import processing
    from test_report_zero_copy import _bare

    path, pins, cols = data
    first_idx, last_idx = MONTHS - 12, MONTHS - 1
    first, last = cols["month_starts"][first_idx], cols["month_starts"][last_idx]
    out = tmp_path / "report"
    res = processing.run("citizen_pins:report", {
        "INPUT": layer_uri(path), "BOUNDARIES": str(simplified_gpkg) + "|layername=adm3_tambon",
        "PROVINCE": "21", "MODE": 0, "POINT_TYPE": 3, "REPORT_DATE": "2026-12-01",
        "FEEDBACK_REGISTRY": registry.url, "FEEDBACK_FROM": ym(first), "FEEDBACK_TO": ym(last),
        "OUTPUT_FOLDER": str(out)})
    pdf = res["EXECUTIVE_PDF"]
    assert pdf == str(out / "executive.pdf") and os.path.isfile(pdf)
    assert (out / "report.pdf").is_file()  # the coordinator report as before
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+3\n", info) and "595 x 842 pts (A4)" in info
    pages = [_bare(p) for p in subprocess.run(["pdftotext", "-layout", pdf, "-"],
                                              capture_output=True, text=True).stdout.split("\f")]
    now = independent(pins, cols, first_idx, last_idx)
    n = sum(g["n"] for g in now["pin"].values())
    sat = sum(round(g["pct"] * g["n"] / 100) for g in now["pin"].values())
    assert _bare(f"{n:,}") in pages[0] and _bare(f"{100.0 * sat / n:.1f} %") in pages[0]
    be_first = f"{first.year + 543}"
    assert be_first in pages[0] and "SYNTHETIC" in pages[0] and "จงหวดระยอง" in pages[0]
    assert _bare("แนวโน้มรายเดือน") in pages[1] and "SYNTHETIC" in pages[1]
    best = max((g["pct"], -ord(p[0]), p) for p, g in now["pin"].items()
               if g["n"] >= fb.MIN_RESPONSES)[2]
    name = {p.pin_id: p.name for p in pins}[best]
    assert _bare(name)[:12] in pages[2]
    assert _bare("Zero Copy ในทางปฏิบัติ") in pages[2]
    pages_dir = os.environ.get("CITIZEN_PINS_REPORT_PAGES")  # make feedback-pictures
    for k in (1, 2) if pages_dir else ():
        subprocess.run(["pdftoppm", "-r", "90", "-png", "-f", str(k), "-l", str(k), "-singlefile",
                        pdf, os.path.join(pages_dir, f"feedback_executive_page{k}")], check=True)
