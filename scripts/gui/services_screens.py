#!/usr/bin/env python3
"""`make screenshots` (services part): a real QGIS desktop under Xvfb, the plugin installed from
its zip into a throwaway profile; a Bangkok working copy with district offices and the plugin's
sample services (scripts/gui/services_session.py); a pin's form with its services, documents and
steps, and the Zero Copy map, in Thai and in English, into docs/screenshots/.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run_qgis  # noqa: E402


def run(plugin_zip: Path, shots: Path, langs=("th", "en")) -> dict:
    out = {}
    for lang in langs:
        result = run_qgis.run(HERE / "services_session.py", plugin_zip, lang, shots, timeout=300)
        result.pop("log", None)
        out[lang] = result
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--zip", type=Path, required=True)
    ap.add_argument("--shots", type=Path, default=HERE.parents[1] / "docs" / "screenshots")
    args = ap.parse_args()
    result = run(args.zip, args.shots)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if any(r.get("errors") for r in result.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
