#!/usr/bin/env python3
"""What plugins.qgis.org checks when a plugin zip is uploaded, run here before it is.

* The site's validator (qgis-app/plugins/validator.py of the QGIS-Plugins-Website project): size
  at most 25 MB; no path with ``..`` or a leading ``/``; no ``.pyc``; no ``__MACOSX``, ``.git``
  or ``__pycache__`` folder; a sound zip (CRC); one top folder, a Python identifier, holding
  ``__init__.py`` and ``metadata.txt`` with a ``[general]`` section and the required keys;
  the icon inside the zip; ``LICENSE``; an author without slashes; tracker, repository and
  homepage as absolute URLs (the site also fetches them, which cannot be done offline).
* The site's security scan's file checks (security_scanner.py): no executable ``.py``, no hidden
  file, no binary or script (``.exe .dll .so .dylib .bat .sh .ps1 .cmd``).
* Ours: the version is x.y.z; the changelog starts with this version and lists each release once,
  newest first; the metadata names no address that is not real (reserved or example domains, the
  project's old made-up GitHub address).

``python3 scripts/plugin_checks.py dist/citizen_pins-0.2.0.zip`` prints the problems (exit 1)
or "ok".  Bandit and detect-secrets, the scan's other half, run in tests/qgis/test_plugin_scan.py.
"""
from __future__ import annotations

import configparser
import re
import sys
import zipfile
from typing import Dict, List, Tuple
from urllib.parse import urlparse

MAX_BYTES = 25_000_000  # the site's PLUGIN_MAX_UPLOAD_SIZE
REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
            "tracker", "repository")
BOOLEANS = ("experimental", "deprecated", "server", "supportsQt6")
SUSPICIOUS = (".exe", ".dll", ".so", ".dylib", ".bat", ".sh", ".ps1", ".cmd")
FORBIDDEN_DIRS = ("__MACOSX", ".git", "__pycache__")
VERSION_RE = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
#: A changelog entry starts a line with its version: "0.2.0 What changed".
ENTRY_RE = re.compile(r"^\s*(\d+\.\d+\.\d+)\s", re.MULTILINE)
#: Addresses that are not anybody's: RFC 2606 / 6761 names, and the made-up project of 0.1.0.
UNREAL = re.compile(r"(\.invalid\b|\.example\b|\.test\b|\.localhost\b|example\.(com|org|net)\b|"
                    r"github\.com/citizen-pins\b)", re.IGNORECASE)


def read_metadata(text: str) -> Dict[str, str]:
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # keys keep their case, as the site reads them
    cp.read_string(text)
    if not cp.has_section("general"):
        raise ValueError("metadata.txt has no [general] section")
    return dict(cp.items("general"))


def version_key(version: str) -> Tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def changelog_versions(changelog: str) -> List[str]:
    return ENTRY_RE.findall(changelog or "")


def check_metadata(md: Dict[str, str], names: List[str], package: str) -> List[str]:
    problems = []
    missing = [k for k in REQUIRED if k not in md]
    if missing:
        problems.append(f"metadata.txt lacks {', '.join(missing)} (required by plugins.qgis.org)")
    for key in ("name", "description", "version", "qgisMinimumVersion", "author", "about"):
        if key in md and not md[key].strip():
            problems.append(f"metadata.txt: {key} is empty")
    version = md.get("version", "")
    if not VERSION_RE.match(version):
        problems.append(f"version {version!r} is not x.y.z")
    if "/" in md.get("author", ""):
        problems.append("author contains a slash (refused by plugins.qgis.org)")
    for key in ("tracker", "repository", "homepage"):
        url = md.get(key, "")
        parsed = urlparse(url)
        if key != "homepage" or url:
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                problems.append(f"{key} {url!r} is not an absolute http(s) URL")
            elif url.rstrip("/") in ("http://bugs", "http://repo", "http://homepage"):
                problems.append(f"{key} is the template's placeholder {url!r}")
    email = md.get("email", "")
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        problems.append(f"email {email!r} is not an address")
    for key, value in md.items():
        if UNREAL.search(value or ""):
            problems.append(f"{key} names an address that is not real or not the project's: {value!r}")
    for key in BOOLEANS:
        if key in md and md[key].strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
            problems.append(f"{key}={md[key]!r} is not a boolean")
    mn, mx = md.get("qgisMinimumVersion", ""), md.get("qgisMaximumVersion", "")
    try:
        if mx and version_key(mn) > version_key(mx):
            problems.append(f"qgisMinimumVersion {mn} is above qgisMaximumVersion {mx}")
    except ValueError:
        problems.append(f"QGIS versions {mn!r} / {mx!r} are not dotted numbers")
    icon = md.get("icon", "")
    if not icon:
        problems.append("metadata.txt names no icon")
    elif f"{package}/{icon[2:] if icon.startswith('./') else icon}" not in names:
        problems.append(f"the icon {icon} is not in the zip")
    versions = changelog_versions(md.get("changelog", ""))
    if not versions or versions[0] != version:
        problems.append(f"the changelog does not start with this version ({version}): "
                        f"{versions[:1] or 'no entry'}")
    if len(set(versions)) != len(versions):
        problems.append(f"the changelog lists a version twice: {versions}")
    if [version_key(v) for v in versions] != sorted((version_key(v) for v in versions),
                                                    reverse=True):
        problems.append(f"the changelog is not newest first: {versions}")
    return problems


def check_zip(path: str) -> List[str]:
    """Every problem plugins.qgis.org (and our own rules) would find in the zip at ``path``."""
    import os

    problems: List[str] = []
    if os.path.getsize(path) > MAX_BYTES:
        problems.append(f"{path} is over 25 MB")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [f"{path} is not a zip"]
    with zf:
        names = zf.namelist()
        bad = zf.testzip()
        if bad:
            problems.append(f"bad zip member (CRC): {bad}")
        tops = sorted({n.split("/")[0] for n in names})
        if len(tops) != 1:
            return problems + [f"the zip holds {len(tops)} top folders: {tops}"]
        package = tops[0]
        if not package.isidentifier() or not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", package):
            problems.append(f"top folder {package!r} is not a Python identifier")
        for info in zf.infolist():
            n = info.filename
            parts = n.split("/")
            if ".." in n or n.startswith("/"):
                problems.append(f"{n}: path information")
            if ".pyc" in n:
                problems.append(f"{n}: compiled Python")
            for d in FORBIDDEN_DIRS:
                if d in parts:
                    problems.append(f"{n}: a {d} folder")
            if parts[-1].startswith(".") and parts[-1] not in (".gitignore", ".gitattributes"):
                problems.append(f"{n}: hidden file")
            if n.lower().endswith(SUSPICIOUS):
                problems.append(f"{n}: binary or script")
            mode = info.external_attr >> 16
            if n.endswith(".py") and mode & 0o111:
                problems.append(f"{n}: executable Python file")
        for must in ("__init__.py", "metadata.txt", "LICENSE"):
            if f"{package}/{must}" not in names:
                problems.append(f"{package}/{must} is missing")
        if f"{package}/metadata.txt" in names:
            try:
                md = read_metadata(zf.read(f"{package}/metadata.txt").decode("utf-8"))
            except (ValueError, UnicodeDecodeError, configparser.Error) as e:
                problems.append(f"metadata.txt cannot be read: {e}")
            else:
                problems.extend(check_metadata(md, names, package))
    return problems


def publisher_todo(md: Dict[str, str]) -> List[str]:
    """What the programme still has to fill in before an upload to plugins.qgis.org (not a
    problem for the registry's own repository)."""
    todo = []
    if not md.get("email", "").strip():
        todo.append("email: a monitored address of the programme (shown to users; required)")
    home = md.get("homepage", "").rstrip("/")
    for key in ("tracker", "repository"):
        if md.get(key, "").rstrip("/") == home:
            todo.append(f"{key}: the public {'issue tracker' if key == 'tracker' else 'code repository'}"
                        f" (now the homepage {home}; plugins.qgis.org fetches it)")
    return todo


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    status = 0
    for path in args:
        problems = check_zip(path)
        for p in problems:
            print(f"{path}: {p}")
        if problems:
            status = 1
        else:
            with zipfile.ZipFile(path) as zf:
                top = zf.namelist()[0].split("/")[0]
                md = read_metadata(zf.read(f"{top}/metadata.txt").decode("utf-8"))
            print(f"{path}: ok (plugins.qgis.org's checks)")
            for item in publisher_todo(md):
                print(f"{path}: before an upload to plugins.qgis.org, set {item}")
    return status


if __name__ == "__main__":
    sys.exit(main())
