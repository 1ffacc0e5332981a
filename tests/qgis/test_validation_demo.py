"""`make demo`'s script (scripts/validation_demo.py) with a boundary layer of the user's own.

The demo's findings.gpkg is what a coordinator copies or mails on: it must hold every layer on
its own, with nothing left behind in a ``-wal`` file beside it.
"""
import os
import re
import shutil
import subprocess
import sys

import pytest
from osgeo import ogr

from conftest import REPO

pytestmark = pytest.mark.slow


def test_demo_with_own_boundaries_writes_a_self_contained_findings_gpkg(
        tmp_path, simplified_gpkg, moph_csv):
    out = tmp_path / "out"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "validation_demo.py"), "--province", "21",
         "--out", str(out), "--moph", str(moph_csv),
         "--boundaries", f"{simplified_gpkg}|layername=adm3_tambon"],
        env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # "country_custom: 11,301 pins, 704 errors, 194 warnings in 0.4 s"
    printed = {m.group(1): (int(m.group(2).replace(",", "")),
                            int(m.group(3).replace(",", "")) + int(m.group(4).replace(",", "")))
               for m in re.finditer(r"^(\w+): ([\d,]+) pins, ([\d,]+) errors, ([\d,]+) warnings",
                                    proc.stdout, re.M)}
    assert set(printed) == {"country_custom", "province_21_custom"}
    assert printed["country_custom"][0] == 11301
    assert printed["province_21_custom"][0] == 114

    # the GeoPackage alone, as it would be mailed: every run's layer, every finding
    assert not (out / "findings.gpkg-wal").exists()
    alone = tmp_path / "mailed"
    alone.mkdir()
    shutil.copy(out / "findings.gpkg", alone / "findings.gpkg")
    ds = ogr.Open(str(alone / "findings.gpkg"))
    counts = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount()
              for i in range(ds.GetLayerCount())}
    ds = None
    assert counts == {name: findings for name, (_, findings) in printed.items()}
    assert counts["country_custom"] > 500  # the register's real errors (docs/validation.md)

    summary = (out / "validation_summary.md").read_text(encoding="utf-8")
    assert "## country_custom: 11,301 pins against your boundary layer" in summary
    assert "codes.malformed (Malformed DOPA code)" in summary
    assert "รหัสกรมการปกครองผิดรูปแบบ" in summary  # the same rule's Thai title
