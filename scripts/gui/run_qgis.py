#!/usr/bin/env python3
"""Start a real QGIS desktop under Xvfb with the plugin installed in a throwaway profile, run a
scripted session inside it (``qgis --code``), and return what the session wrote.

    run_qgis.py SESSION.py --zip dist/citizen_pins-X.zip --lang th --shots docs/screenshots

The session script writes JSON to $CITIZEN_PINS_RESULT and quits QGIS.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

INI = """[PythonPlugins]
citizen_pins=true

[locale]
overrideFlag=true
userLocale={locale}
globalLocale={locale}

[qgis]
checkVersion=false
showTips{tipsver}=false
allowVersionCheck=false

[app]
LocaleOverride=true

[core]
first_run=false
"""


def run(session: Path, plugin_zip: Path, lang: str, shots: Path, extra_env=None,
        timeout: int = 300, keep: bool = False) -> dict:
    work = Path(tempfile.mkdtemp(prefix="citizen_pins_qgis_"))
    try:
        profile = work / "profiles" / "default"
        with zipfile.ZipFile(plugin_zip) as zf:
            zf.extractall(profile / "python" / "plugins")
        (profile / "QGIS").mkdir(parents=True)
        locale = {"th": "th_TH", "en": "en_US"}.get(lang, lang)
        (profile / "QGIS" / "QGIS3.ini").write_text(INI.format(locale=locale, tipsver="322"))
        shots.mkdir(parents=True, exist_ok=True)
        out = work / "result.json"
        runtime = work / "runtime"
        runtime.mkdir(mode=0o700)
        env = dict(os.environ, CITIZEN_PINS_RESULT=str(out), CITIZEN_PINS_SHOTS=str(shots.resolve()),
                   CITIZEN_PINS_LANG=lang, XDG_RUNTIME_DIR=str(runtime), HOME=str(work / "home"),
                   LANG=f"{locale}.UTF-8" if lang == "th" else "en_US.UTF-8",
                   PYTHONDONTWRITEBYTECODE="1", CITIZEN_PINS_GUI_DIR=str(Path(__file__).parent))
        for var in ("QT_QPA_PLATFORM", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH",
                    "PYTHONPATH", "QGIS_PLUGINPATH"):
            env.pop(var, None)
        repo = Path(__file__).resolve().parents[2]
        env.setdefault("CITIZEN_PINS_SHARED", str(repo.parent / "shared"))
        env.update(extra_env or {})
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", "/usr/bin/qgis",
               "--profiles-path", str(work), "--nologo", "--noversioncheck",
               "--code", str(session.resolve())]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        if not out.is_file():
            raise RuntimeError(f"QGIS ended ({proc.returncode}) without a result.\n"
                               f"stdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}")
        result = json.loads(out.read_text(encoding="utf-8"))
        result["returncode"] = proc.returncode
        return result
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("session", type=Path)
    ap.add_argument("--zip", type=Path, required=True)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--shots", type=Path, default=Path("docs/screenshots"))
    args = ap.parse_args()
    result = run(args.session, args.zip, args.lang, args.shots)
    json.dump({k: v for k, v in result.items() if k != "log"}, sys.stdout, ensure_ascii=False,
              indent=1)
    print()
    return 1 if result.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
