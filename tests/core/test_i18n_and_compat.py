"""The Thai translation is complete and current; the code runs on QGIS 3.22's Python 3.9."""
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import REPO

TS = REPO / "citizen_pins" / "i18n" / "citizen_pins_th.ts"


def test_every_thai_string_is_translated_by_hand():
    root = ET.parse(TS).getroot()
    untranslated = []
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            t = m.find("translation")
            if t is None or t.get("type") == "unfinished" or not (t.text or "").strip():
                untranslated.append(f"[{ctx.findtext('name')}] {m.findtext('source')}")
    assert untranslated == [], "translate these in citizen_pins_th.ts:\n" + "\n".join(untranslated)
    assert len(list(root.iter("message"))) > 30


def test_ts_file_is_current_with_the_sources():
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "i18n_update.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, ("run `make i18n-update` and translate:\n" + proc.stdout
                                  + proc.stderr)


def test_plugin_code_needs_no_python_newer_than_3_9():
    """QGIS 3.22 on Windows (OSGeo4W) runs Python 3.9.

    Annotations are evaluated (and so checked) only in modules without
    ``from __future__ import annotations``; in the others Python 3.9 never evaluates them.
    """
    files = [p for p in (REPO / "citizen_pins").rglob("*.py")
             if "ext_libs" not in p.parts and p.stat().st_size]
    lazy = [str(p) for p in files if "from __future__ import annotations" in p.read_text("utf-8")]
    eager = [str(p) for p in files if str(p) not in lazy]
    vermin = str(Path(sys.executable).parent / "vermin")
    base = [vermin, "--no-tips", "--violations", "--target=3.9-", "--feature", "union-types",
            "--backport", "dataclasses"]
    for group, extra in ((lazy, []), (eager, ["--eval-annotations"])):
        if group:
            proc = subprocess.run(base + extra + group, capture_output=True, text=True)
            assert proc.returncode == 0, proc.stdout + proc.stderr
