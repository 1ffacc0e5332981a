#!/usr/bin/env python3
"""What the fixes do, measured: the figures of docs/validation.md, "Fixes".

1. The property on the real MOPH register (11,301 pins) against the full-resolution tambons (68
   provinces) and the simplified national ones: validate, apply every offered fix with the
   plugin's own code, validate again; count new errors and pins whose error count went up.
2. The same on pins with every class of error whose truth is known (scripts/fix_cases.py), and
   the precision of each fix class there: the share of applied fixes that restored the truth.
3. On MOPH, where the truth is unknown, each code fix judged by a witness the fix never reads:
   the facility's postcode (geothai gives each tambon's): "right" when the postcode is the new
   tambon's and not the declared one's, "wrong" the other way round, else undetermined (a
   postcode usually covers a whole amphoe, so most tambon-level changes stay undetermined).

Usage (a QGIS Python; ../shared or CITIZEN_PINS_SHARED holds the data):
  .venv/bin/python scripts/measure_fixes.py [--out out/fixes] [--per-class 12]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def moph_copy(moph):
    """An editable memory copy of a layer (fixes are applied to it)."""
    from qgis.core import QgsFeature, QgsVectorLayer

    out = QgsVectorLayer("Point?crs=EPSG:4326", "moph_copy", "memory")
    out.dataProvider().addAttributes(moph.fields().toList())
    out.updateFields()
    feats = []
    for f in moph.getFeatures():
        g = QgsFeature(out.fields())
        g.setAttributes(f.attributes())
        g.setGeometry(f.geometry())
        feats.append(g)
    out.dataProvider().addFeatures(feats)
    return out


def postcode_witness(moph_csv: Path, outcome, pin_ids):
    """Each applied code fix on MOPH judged by the facility's postcode."""
    from citizen_pins.core.dopa import _default_data_dir

    data = _default_data_dir()
    post = {r[0]: r[3] for r in json.loads((data / "subdistricts.json").read_text("utf-8"))}
    rows = {r["hoscode"]: r for r in csv.DictReader(open(moph_csv, encoding="utf-8"))}
    out = defaultdict(Counter)
    for item in outcome.report.applied:
        fix = json.loads(item.fix)
        if fix.get("action") != "set_codes":
            continue
        r = rows[pin_ids[item.feature_id]]
        pc = str(r["postcode"]).strip()
        declared, new = r["tmcode"], fix.get("tambon_code", "")
        was, now = post.get(declared) == pc, post.get(new) == pc
        verdict = "right" if now and not was else "wrong" if was and not now else "undetermined"
        out[(item.rule_id, fix.get("confidence", "high"))][verdict] += 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(REPO / "out" / "fixes"))
    ap.add_argument("--per-class", type=int, default=40)
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)

    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    import bench_validate
    import fix_cases
    import validation_data as vd
    from citizen_pins.core import boundaries as bnd

    shared = vd.shared_dir() / "data"
    moph_csv = shared / "service_points" / "moph_health_facilities.csv"
    fullres_gpkg = bench_validate.merged_tambons(out)
    simp = QgsVectorLayer(f"{shared}/boundaries/thailand_admin_simplified.gpkg|layername=adm3_tambon",
                          "t", "ogr")
    layers = {"fullres": (bnd.from_ogr_stream(str(fullres_gpkg), "tambons", "ADM3_PCODE"), 100.0),
              "simplified": (bnd.from_features(simp.getFeatures(), "ADM3_PCODE"), 100.0)}
    moph = vd.moph_layer(moph_csv)
    report = {}
    for name, (index, tol) in layers.items():
        work = moph_copy(moph)
        pin_ids = {f.id(): f["pin_id"] for f in work.getFeatures()}
        o = fix_cases.apply_and_revalidate(work, index, tol)
        per_rule = Counter(i.rule_id for i in o.report.applied)
        report[f"moph_{name}"] = {
            "pins": work.featureCount(),
            "errors_before": sum(1 for f in o.before if f.severity == "error"),
            "errors_after": sum(1 for f in o.after if f.severity == "error"),
            "fixes_offered": sum(1 for f in o.before if f.fix),
            "fixes_applied": len(o.report.applied), "not_applied": len(o.report.skipped),
            "applied_per_rule": dict(sorted(per_rule.items())),
            "new_errors": o.new_errors, "pins_worse": len(o.worse),
            "postcode_witness": {f"{r} ({c})": dict(v) for (r, c), v in sorted(
                postcode_witness(moph_csv, o, pin_ids).items())},
        }
    # generated pins with every class of error, against the full-resolution tambons
    index, tol = layers["fullres"]
    clean = fix_cases.clean_pins(moph, index)
    layer, truth = fix_cases.error_pins(clean, moph.fields(), per_class=a.per_class)
    o = fix_cases.apply_and_revalidate(layer, index, tol)
    from citizen_pins.core.fixes import confidence

    judged = defaultdict(Counter)
    for item, kind, ok in fix_cases.verdicts(layer, truth, o.report):
        judged[(kind, item.rule_id, confidence(item.fix))]["right" if ok else "wrong"] += 1
    offered = Counter()
    for f in o.before:
        if f.fix and f.feature_id in truth:
            offered[truth[f.feature_id].kind] += 1
    report["generated"] = {
        "pins": layer.featureCount(), "broken": len(truth),
        "per_class": dict(Counter(c.kind for c in truth.values())),
        "fixes_offered_per_class": dict(offered),
        "errors_before": sum(1 for f in o.before if f.severity == "error"),
        "errors_after": sum(1 for f in o.after if f.severity == "error"),
        "fixes_applied": len(o.report.applied), "not_applied": len(o.report.skipped),
        "new_errors": o.new_errors, "pins_worse": len(o.worse),
        "precision": {f"{k} / {r} ({c})": dict(v) for (k, r, c), v in sorted(judged.items())},
    }
    (out / "measure_fixes.json").write_text(json.dumps(report, indent=1, ensure_ascii=False),
                                            "utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
