#!/usr/bin/env python3
"""`make release`: the plugin repository QGIS's Plugin Manager reads, from the zip `make package`
built -- what the registry serves at ``<registry>/plugins/`` (see README, "Publish a new version").

Writes into ``--out`` (default dist/release/):

    plugins.xml                      the repository, written by qgis-plugin-ci (its template,
                                     the one the ecosystem's custom repositories use)
    plugins.xsl                      qgis-plugin-ci's stylesheet: plugins.xml reads as a page
    citizen_pins.<version>.zip       the package, named as QGIS's installer wants it (the plugin's
                                     id is the file name up to its first dot)
    <version>/citizen_pins/<icon>    the icon, where qgis-plugin-ci's icon address points

Runs in .venv-release (qgis-plugin-ci pulls PyQt5 wheels, which must not meet QGIS's PyQt5 in
.venv).  Needs no network: qgis-plugin-ci's repository writer only reads metadata.txt.
"""
from __future__ import annotations

import argparse
import configparser
import datetime as dt
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET  # nosec B405 - reads the file qgis-plugin-ci just wrote
import zipfile
from pathlib import Path

PLUGIN = "citizen_pins"


def repository_name(version: str) -> str:
    return f"{PLUGIN}.{version}.zip"


def build(zip_path: Path, url: str, out: Path, created: str = "") -> Path:
    # qgis-plugin-ci imports GitPython, which refuses to load without a git program (Debian
    # trixie's root has none); the repository writer runs no git command
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    from qgispluginci.parameters import Parameters
    from qgispluginci.release import create_plugin_repo

    if not url.endswith("/"):
        url += "/"
    zip_path, out = zip_path.resolve(), out.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        md_text = zf.read(f"{PLUGIN}/metadata.txt").decode("utf-8")
        cp = configparser.ConfigParser(interpolation=None)
        cp.optionxform = str
        cp.read_string(md_text)
        md = dict(cp.items("general"))
        icon = zf.read(f"{PLUGIN}/{md['icon']}")
    version = md["version"]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / PLUGIN).mkdir()
        # qgis-plugin-ci reads metadata.txt line by line: a value continued on the next lines
        # (about, changelog) would lose all but its first line.  It gets one line per key.
        flat = "".join(f"{k}={' '.join(v.split())}\n" for k, v in md.items() if k != "changelog")
        (Path(tmp) / PLUGIN / "metadata.txt").write_text("[general]\n" + flat, encoding="utf-8")
        here = os.getcwd()
        os.chdir(tmp)  # qgis-plugin-ci reads <plugin_path>/metadata.txt, writes ./plugins.xml
        try:
            config = {"plugin_path": PLUGIN, "repository_url_raw": url.rstrip("/")}
            if created:  # when metadata.txt was first committed; else the tool's "now"
                config["create_date"] = created
            params = Parameters(config)
            xml = create_plugin_repo(params, release_version=version, release_tag=version,
                                     archive=repository_name(version), plugin_repo_url=url)
            _add_what_qgis_reads(Path(xml), md)
            for name in ("plugins.xml", "plugins.xsl"):
                shutil.copyfile(name, out / f".{name}.part")
        finally:
            os.chdir(here)
    icon_path = out / version / PLUGIN / md["icon"]
    icon_path.parent.mkdir(parents=True, exist_ok=True)
    icon_path.write_bytes(icon)
    shutil.copyfile(zip_path, out / repository_name(version))
    # the repository file last: it never names a zip that is not there yet
    for name in ("plugins.xsl", "plugins.xml"):
        os.replace(out / f".{name}.part", out / name)
    return out / "plugins.xml"


def _add_what_qgis_reads(xml: Path, md: dict) -> None:
    """QGIS's installer also reads ``changelog`` (shown when an update is offered), ``category``
    and ``author_email``; qgis-plugin-ci's template has no such elements.  Added here, nothing
    else changed."""
    text = xml.read_text(encoding="utf-8")
    tree = ET.ElementTree(ET.fromstring(text))  # nosec B314 - our own generated file
    node = tree.getroot().find("pyqgis_plugin")
    for tag, key in (("changelog", "changelog"), ("category", "category"),
                     ("author_email", "email")):
        if md.get(key) and node.find(tag) is None:
            ET.SubElement(node, tag).text = md[key]
    head = text[:text.index("<plugins")]  # the XML declaration and the stylesheet instruction
    xml.write_text(head + ET.tostring(tree.getroot(), encoding="unicode") + "\n",
                   encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zip", required=True, help="the package (dist/citizen_pins-<v>.zip)")
    ap.add_argument("--url", required=True,
                    help="where the repository is served, e.g. https://registry.example/plugins/")
    ap.add_argument("--out", default="dist/release")
    ap.add_argument("--created", default="", help="the plugin's first day (YYYY-MM-DD)")
    args = ap.parse_args(argv)
    xml = build(Path(args.zip), args.url, Path(args.out), args.created)
    root = ET.parse(xml).getroot()  # nosec B314 - our own generated file
    plugin = root.find("pyqgis_plugin")
    print(f"{xml}: {plugin.get('name')} {plugin.get('version')} from "
          f"{plugin.findtext('download_url')} ({dt.date.today().isoformat()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
