#!/usr/bin/env python3
"""`make screenshots`: a real QGIS desktop under Xvfb, the plugin installed from its zip into a
throwaway profile, a real registry on 127.0.0.1 seeded with Rayong's MOPH facilities; a scripted
session (connect, pull Rayong, add a pin with the tool, validate, findings panel) in Thai and in
English, with a screenshot of each step in docs/screenshots/.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import requests  # noqa: E402
import run_qgis  # noqa: E402
import seed_registry  # noqa: E402
from registry import launcher  # noqa: E402

USER, PASSWORD = "rayong", "demo-password-rayong"


def run(plugin_zip: Path, shots: Path, langs=("th", "en"), shared: Path = None) -> dict:
    shared = shared or Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared"))
    boundaries = shared / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
    moph = shared / "data" / "service_points" / "moph_health_facilities.csv"
    out = {"langs": {}}
    with tempfile.TemporaryDirectory(prefix="citizen_pins_screens_") as tmp:
        os.chmod(tmp, 0o755)  # as root, PostgreSQL runs as 'postgres' and must enter it
        reg = launcher.start(Path(tmp) / "registry", boundaries)
        try:
            reg.add_user(USER, PASSWORD, "21")
            out["seed"] = seed_registry.seed(reg.url, USER, PASSWORD, moph, "21")
            for lang in langs:
                env = {"CITIZEN_PINS_REGISTRY_URL": reg.url, "CITIZEN_PINS_USER": USER,
                       "CITIZEN_PINS_PASSWORD": PASSWORD,
                       "CITIZEN_PINS_BOUNDARIES": str(boundaries)}
                result = run_qgis.run(HERE / "workflow_session.py", plugin_zip, lang, shots,
                                      extra_env=env, timeout=420)
                result.pop("log", None)
                out["langs"][lang] = result
                # What the registry holds after the session (the test compares).
                r = requests.get(f"{reg.url}/collections/service_points/items",
                                 params={"f": "json", "province_code": "21", "limit": 1},
                                 timeout=60)
                result["registry_pins_after"] = r.json().get("numberMatched")
        finally:
            out["registry_exit"] = reg.stop()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--zip", type=Path, required=True)
    ap.add_argument("--shots", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args()
    result = run(args.zip, args.shots)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if any(r.get("errors") for r in result["langs"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
