#!/usr/bin/env python3
"""Refresh citizen_pins/i18n/*.ts from the sources (.py and ui/*.ui) with pylupdate5.

Existing translations are kept; new strings arrive unfinished and the i18n test fails until a
person translates them (Qt Linguist, or by editing the .ts).  `--check` only reports strings in
the sources that the .ts lacks, and exits 1 if there are any.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS_FILES = sorted((REPO / "citizen_pins" / "i18n").glob("*.ts"))


def sources():
    py = [p for p in sorted((REPO / "citizen_pins").rglob("*.py"))
          if "ext_libs" not in p.parts and "__pycache__" not in p.parts]
    return [str(p) for p in py] + [str(p) for p in sorted((REPO / "ui").glob("*.ui"))]


def messages(ts: Path):
    root = ET.parse(ts).getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            t = m.find("translation")
            obsolete = t is not None and t.get("type") in ("obsolete", "vanished")
            if not obsolete:
                out[(name, m.findtext("source"))] = (t.text or "") if t is not None else ""
    return out


def update(ts: Path) -> None:
    subprocess.run(["pylupdate5", "-noobsolete", *sources(), "-ts", str(ts)], check=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    status = 0
    for ts in TS_FILES:
        if args.check:
            with tempfile.TemporaryDirectory() as d:
                tmp = Path(d) / ts.name
                shutil.copy(ts, tmp)
                update(tmp)
                missing = set(messages(tmp)) - set(messages(ts))
            for ctx, src in sorted(missing):
                print(f"{ts.name}: not in the .ts yet: [{ctx}] {src!r}")
                status = 1
        else:
            update(ts)
    return status


if __name__ == "__main__":
    sys.exit(main())
