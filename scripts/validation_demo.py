#!/usr/bin/env python3
"""make demo: validate the real MOPH register against the real boundaries; results in out/.

Runs citizen_pins:validate (the same algorithm as the toolbox and qgis_process) three times:
one province (Rayong by default) against the full-resolution tambons, and the whole country
against the simplified national tambons and against the 68 full-resolution files.  Writes
``out/findings.gpkg`` (one findings layer per run) and ``out/validation_summary.md`` (findings per
rule, in Thai and English, with an example message of each).

    .venv/bin/python scripts/validation_demo.py [--province 21] [--out out]
        [--shared ../shared] [--boundaries PATH_TO_TAMBON_LAYER] [--moph PATH_TO_CSV]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

HELP_NO_DATA = """
The real boundaries were not found ({where}).

Get the official Thailand subnational administrative boundaries (Royal Thai Survey Department /
OCHA, HDX COD-AB "cod-ab-tha", CC BY-IGO 3.0):
    https://data.humdata.org/dataset/cod-ab-tha
and use the tambon (admin level 3) layer, e.g. tha_admbnda_adm3_rtsd_20220121.shp, which carries
ADM3_PCODE = TH + the 6-digit DOPA code.  Then either
    make demo BOUNDARIES=/path/to/tha_admbnda_adm3_rtsd_20220121.shp MOPH_CSV=/path/to/register.csv
or put the project's shared data folder next to the repository (../shared) or point at it:
    make demo SHARED=/path/to/shared        (or: export CITIZEN_PINS_SHARED=/path/to/shared)
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--province", default="21")
    ap.add_argument("--out", default=str(REPO / "out"))
    ap.add_argument("--shared", default=os.environ.get("CITIZEN_PINS_SHARED", str(REPO.parent / "shared")))
    ap.add_argument("--boundaries", default=os.environ.get("BOUNDARIES", ""),
                    help="a tambon layer to use instead of the shared ones")
    ap.add_argument("--moph", default=os.environ.get("MOPH_CSV", ""))
    ap.add_argument("--tolerance", type=float, default=None)
    a = ap.parse_args(argv)

    shared = Path(a.shared)
    bdir = shared / "data" / "boundaries"
    moph_csv = Path(a.moph) if a.moph else shared / "data" / "service_points" / "moph_health_facilities.csv"
    if not a.boundaries and not (bdir / "thailand_admin_simplified.gpkg").is_file():
        print(HELP_NO_DATA.format(where=bdir), file=sys.stderr)
        return 2
    if not moph_csv.is_file():
        print(f"The MOPH register was not found at {moph_csv}: set MOPH_CSV=/path/to/the.csv "
              "(columns hoscode, hosname, provcode, amcode, tmcode, lat, lon).", file=sys.stderr)
        return 2

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from citizen_pins.core.boundaries import default_engine
    from citizen_pins.core.context import DEFAULT_TOLERANCE_M
    from citizen_pins.core.rules import RULES
    from citizen_pins.processing.provider import CitizenPinsProvider
    import validation_data as vd

    provider = CitizenPinsProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    tolerance = a.tolerance if a.tolerance is not None else DEFAULT_TOLERANCE_M

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    findings = out / "findings.gpkg"
    if findings.exists():
        findings.unlink()
    pins_gpkg = out / "moph_pins.gpkg"
    if pins_gpkg.exists():
        pins_gpkg.unlink()
    country_uri = vd.write_gpkg(vd.moph_layer(moph_csv), pins_gpkg, "moph_country")
    prov_uri = vd.write_gpkg(vd.moph_layer(moph_csv, a.province), pins_gpkg,
                             f"moph_province_{a.province}")

    runs = []
    if a.boundaries:
        runs.append(("country_custom", country_uri, a.boundaries, "your boundary layer"))
        runs.append((f"province_{a.province}_custom", prov_uri, a.boundaries, "your boundary layer"))
    else:
        sys.path.insert(0, str(REPO / "scripts"))
        from bench_validate import merged_tambons

        os.environ["CITIZEN_PINS_SHARED"] = str(shared)
        fullres = merged_tambons(out)  # the 68 full-resolution files in one GeoPackage (kept)
        full_uri = f"{fullres}|layername=tambons"
        simp_uri = f"{bdir / 'thailand_admin_simplified.gpkg'}|layername=adm3_tambon"
        runs += [(f"province_{a.province}_fullres", prov_uri, full_uri,
                  "full-resolution tambons (68 provinces)"),
                 ("country_simplified", country_uri, simp_uri, "simplified national tambons"),
                 ("country_fullres", country_uri, full_uri, "full-resolution tambons (68 provinces)")]

    lines = ["# citizen_pins validation demo", "",
             f"MOPH facility register ({moph_csv.name}); tolerance {tolerance:g} m; "
             f"engine {default_engine()}.", "",
             "Boundaries: Royal Thai Survey Department / OCHA, Thailand - Subnational Administrative "
             "Boundaries (HDX COD-AB cod-ab-tha), CC BY-IGO 3.0.", ""]
    for name, pins_uri, b_uri, what in runs:
        t = time.time()
        res = processing.run("citizen_pins:validate", {
            "INPUT": pins_uri, "BOUNDARIES": b_uri, "TOLERANCE": tolerance,
            "OUTPUT": f"ogr:dbname='{findings}' table=\"{name}\" (geom)"})
        secs = time.time() - t
        counts = json.loads(res["COUNTS"])
        from qgis.core import QgsVectorLayer

        layer = QgsVectorLayer(f"{findings}|layername={name}", name, "ogr")
        examples = {}
        for f in layer.getFeatures():
            examples.setdefault(f["rule_id"], (f["pin_id"], f["message_th"], f["message_en"]))
        lines += [f"## {name}: {res['PINS']:,} pins against {what}", "",
                  f"{res['ERRORS']:,} errors, {res['WARNINGS']:,} warnings ({secs:.1f} s). "
                  f"Layer `{name}` in {findings.name}.", "",
                  "| rule | severity | findings | ชื่อกฎ | example (pin) |", "|---|---|---:|---|---|"]
        for r in RULES:
            n = counts.get(r.rule_id, 0)
            if not n:
                continue
            ex = examples.get(r.rule_id)
            lines.append(f"| {r.rule_id} ({r.title_en}) | {r.severity} | {n:,} | {r.title_th} | "
                         + (f"{ex[0]}: {ex[2]}<br>{ex[1]}" if ex else "") + " |")
        lines.append("")
        print(f"{name}: {res['PINS']:,} pins, {res['ERRORS']:,} errors, {res['WARNINGS']:,} "
              f"warnings in {secs:.1f} s")
        for r in RULES:
            if counts.get(r.rule_id):
                print(f"    {r.rule_id:32s} {counts[r.rule_id]:6,}  {r.title_en} / {r.title_th}")
        del layer  # its connection to findings.gpkg: closed by exitQgis() below
    summary = out / "validation_summary.md"
    summary.write_text("\n".join(lines), encoding="utf-8")
    QgsApplication.processingRegistry().removeProvider(provider)
    # Closes QGIS's pooled GeoPackage connections: without it the last layer written stays in
    # findings.gpkg-wal, and a findings.gpkg copied or mailed on its own lacks it.
    app.exitQgis()
    print(f"\nwritten {findings} and {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
