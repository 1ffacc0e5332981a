"""QGIS 4 (Qt6) as far as it can be checked without a Qt6 build of QGIS (none installs here):

* the QGIS project's own pyqt5_to_pyqt6 rules (PyPI ``qgis-pyqt5to6``, Python >= 3.12, so on
  Debian 12 it runs in ``make test-qgis340``) change nothing in the plugin;
* scripts/qgis4_check.py finds no QGIS 3 name that QGIS 4 drops (the aliases QGIS >= 3.40 lists)
  and no enum value reached unscoped;
* every moved enum goes through core/qgis_compat.py, whose spellings resolve on this QGIS.

What these cannot see is listed in README.md (support table).
"""
import filecmp
import importlib.util
import os
import shutil
import subprocess
import sys

import pytest
from qgis.core import Qgis

from conftest import REPO

TOOL = REPO / ".venv-qt6" / "bin" / "pyqt5to6"


def _load_check():
    spec = importlib.util.spec_from_file_location("qgis4_check", REPO / "scripts" / "qgis4_check.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_no_qgis3_only_names_and_no_unscoped_enums():
    check = _load_check()
    aliases = check.compat_aliases()
    if Qgis.QGIS_VERSION_INT >= 34000:  # 3.40 lists ~2,000 of them; 3.22 a few hundred
        assert len(aliases) > 1000, len(aliases)
        assert aliases["QgsWkbTypes.Type"] == "Qgis.WkbType"
    assert check.findings(aliases) == []


def test_the_check_finds_what_it_is_for(tmp_path, monkeypatch):
    """The scan is not blind: a module with an unscoped value and (on QGIS >= 3.40) moved names
    is reported, line by line."""
    check = _load_check()
    bad = tmp_path / "citizen_pins" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from qgis.core import QgsFeatureSink, QgsWkbTypes\n"
                   "FLAGS = QgsFeatureSink.FastInsert\n"
                   "KIND = QgsWkbTypes.PointGeometry\n"
                   "SPELLED = 'QgsWkbTypes.PointGeometry'\n", encoding="utf-8")
    monkeypatch.setattr(check, "REPO", tmp_path)
    monkeypatch.setattr(check, "PLUGIN", tmp_path / "citizen_pins")
    found = check.findings()
    assert any("bad.py:2: QgsFeatureSink.FastInsert is unscoped, Qt6 needs "
               "QgsFeatureSink.Flag.FastInsert" in f for f in found), found
    if Qgis.QGIS_VERSION_INT >= 34000:
        assert any("bad.py:3: QgsWkbTypes.PointGeometry is a QGIS 3 alias, QGIS 4 has only "
                   "Qgis.GeometryType.Point" in f for f in found), found
        assert any("bad.py:4: QgsWkbTypes.PointGeometry (in a string)" in f for f in found), found


def test_compat_spellings_resolve_newest_first():
    from citizen_pins.core import qgis_compat as qc

    assert qc.enum_value("Qgis.NoSuchEnum.Value", "Qgis.TextRenderFormat.AlwaysText") == \
        Qgis.TextRenderFormat.AlwaysText
    with pytest.raises(AttributeError, match="none of QgsNope.X"):
        qc.enum_value("QgsNope.X")
    if Qgis.QGIS_VERSION_INT >= 33600:  # every moved enum the plugin uses is in Qgis by then
        assert qc.WKB_POINT is Qgis.WkbType.Point
        assert qc.GEOMETRY_POLYGON is Qgis.GeometryType.Polygon
        assert qc.SOURCE_POINT is Qgis.ProcessingSourceType.VectorPoint
        assert qc.REQUEST_NO_GEOMETRY is Qgis.FeatureRequestFlag.NoGeometry
    if hasattr(Qgis, "LegendComponent"):  # after 3.40 (3.44 has it)
        assert qc.LEGEND_TITLE is Qgis.LegendComponent.Title


@pytest.mark.skipif(sys.version_info < (3, 12),
                    reason="qgis-pyqt5to6 needs Python >= 3.12: it runs in make test-qgis340")
def test_pyqt5_to_pyqt6_rules_change_nothing(tmp_path):
    assert TOOL.exists(), f"{TOOL} is missing: `make test` installs it (.venv-qt6)"
    copy = tmp_path / "citizen_pins"
    shutil.copytree(REPO / "citizen_pins", copy,
                    ignore=shutil.ignore_patterns("ext_libs", "__pycache__", "*.qm"))
    # a canary the rules must rewrite, so a tool that checks nothing cannot pass
    canary = tmp_path / "canary" / "canary.py"
    canary.parent.mkdir()
    canary.write_text("from qgis.PyQt.QtCore import Qt\nALIGN = Qt.AlignLeft\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    proc = subprocess.run([str(TOOL), str(copy)], capture_output=True, text=True, env=env,
                          timeout=600)
    changed = []
    for src in (REPO / "citizen_pins").rglob("*.py"):
        rel = src.relative_to(REPO / "citizen_pins")
        if "ext_libs" not in rel.parts and not filecmp.cmp(src, copy / rel, shallow=False):
            changed.append(str(rel))
    said = [line for line in proc.stdout.splitlines() if str(copy) in line]
    assert (changed, said) == ([], []), proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    canary_run = subprocess.run([str(TOOL), str(canary.parent)], capture_output=True, text=True,
                                env=env, timeout=600)
    assert "Qt.AlignmentFlag.AlignLeft" in canary.read_text("utf-8"), canary_run.stdout
