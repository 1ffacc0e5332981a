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
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

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
{app_extra}
[core]
first_run=false
"""


def run(session: Path, plugin_zip: Optional[Path], lang: str, shots: Path, extra_env=None,
        timeout: int = 300, keep: bool = False, screen: str = "1440x900",
        work: Path = None, app_settings: str = "") -> dict:
    """``work``: a folder holding the profile, kept after the run (a second run with the same
    folder is QGIS started again by the same user: same profile, same settings); by default a
    throwaway one.  ``screen``: the virtual screen's size (e.g. 1366x768).  ``plugin_zip``:
    unzipped into the new profile's plugins (None: a profile without the plugin).
    ``app_settings``: more lines of the new profile's ``[app]`` settings (``key=value``)."""
    keep = keep or work is not None
    work = Path(work) if work is not None else Path(tempfile.mkdtemp(prefix="citizen_pins_qgis_"))
    try:
        profile = work / "profiles" / "default"
        locale = {"th": "th_TH", "en": "en_US"}.get(lang, lang)
        if not (profile / "QGIS" / "QGIS3.ini").is_file():
            if plugin_zip is not None:
                with zipfile.ZipFile(plugin_zip) as zf:
                    zf.extractall(profile / "python" / "plugins")
            (profile / "QGIS").mkdir(parents=True)
            (profile / "QGIS" / "QGIS3.ini").write_text(
                INI.format(locale=locale, tipsver="322", app_extra=app_settings))
        shots.mkdir(parents=True, exist_ok=True)
        out = work / "result.json"
        if out.exists():
            out.unlink()
        runtime = work / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
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
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", "/usr/bin/qgis",
               "--profiles-path", str(work), "--nologo", "--noversioncheck",
               "--code", str(session.resolve())]
        # its own process group: on a timeout QGIS and its Xvfb go too, never left behind
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
        late = ""
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                stdout, stderr = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                stdout, stderr = proc.communicate()
            late = f"QGIS did not finish within {timeout} s (stopped)"
        if not out.is_file():
            raise RuntimeError(f"QGIS ended ({proc.returncode}) without a result. {late}\n"
                               f"stdout:\n{stdout[-4000:]}\nstderr:\n{stderr[-4000:]}")
        result = json.loads(out.read_text(encoding="utf-8"))
        result["returncode"] = proc.returncode
        if late:  # what the session wrote so far, and why it is not all
            result.setdefault("errors", []).append(late)
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
