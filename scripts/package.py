#!/usr/bin/env python3
"""Build dist/citizen_pins-<version>.zip: one folder citizen_pins/ with the package, metadata.txt,
LICENSE, icons, .ui files and compiled translations — and nothing else.

The zip is reproducible (sorted entries, fixed timestamps), so two builds of one commit are equal.
"""
from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "citizen_pins"
MAX_BYTES = 25 * 1024 * 1024

# What never goes into the zip, wherever it is.
EXCLUDED_DIRS = {"__pycache__", ".pytest_cache", ".hypothesis", "tests", "test", ".mypy_cache",
                 ".ruff_cache", "bin"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts", ".orig", ".rej", ".swp"}
EXCLUDED_NAMES = {".stamp", ".DS_Store", "RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def plugin_files():
    """(path on disk, name in the zip) for everything the plugin ships."""
    src = REPO / PLUGIN
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_dir() or any(p in EXCLUDED_DIRS for p in rel.parts):
            continue
        if path.suffix in EXCLUDED_SUFFIXES or path.name in EXCLUDED_NAMES:
            continue
        yield path, f"{PLUGIN}/{rel.as_posix()}"
    for name in ("metadata.txt", "LICENSE"):
        yield REPO / name, f"{PLUGIN}/{name}"
    for ui in sorted((REPO / "ui").glob("*.ui")):
        yield ui, f"{PLUGIN}/ui/{ui.name}"


def check_inputs() -> list:
    problems = []
    if not (REPO / PLUGIN / "ext_libs" / "geothai" / "_data").is_dir():
        problems.append("citizen_pins/ext_libs/geothai is missing: run `make ext_libs`.")
    ts = sorted((REPO / PLUGIN / "i18n").glob("*.ts"))
    for t in ts:
        if not t.with_suffix(".qm").is_file():
            problems.append(f"{t.with_suffix('.qm').name} is missing: run `make i18n`.")
    return problems


def build(version: str, out_dir: Path) -> Path:
    problems = check_inputs()
    if problems:
        raise SystemExit("cannot package:\n  " + "\n  ".join(problems))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{version}.zip"
    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path, arcname in plugin_files():
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    size = tmp.stat().st_size
    if size > MAX_BYTES:
        tmp.unlink()
        raise SystemExit(f"the zip is {size} bytes, over the 25 MB limit of plugins.qgis.org")
    tmp.replace(target)
    return target


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", default="dist")
    args = ap.parse_args(argv)
    target = build(args.version, REPO / args.out)
    with zipfile.ZipFile(target) as zf:
        n = len(zf.namelist())
    print(f"{target.relative_to(REPO)}: {n} files, {target.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
