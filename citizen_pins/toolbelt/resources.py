"""Paths of the plugin's files, and icons loaded by path (no compiled resources_rc.py)."""
from __future__ import annotations

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parents[1]
ICONS_DIR = PLUGIN_DIR / "resources" / "icons"
I18N_DIR = PLUGIN_DIR / "i18n"


def ui_path(name: str) -> Path:
    """A Qt Designer file: ``ui/`` inside the installed plugin, or the repository's ``ui/``."""
    for base in (PLUGIN_DIR / "ui", PLUGIN_DIR.parent / "ui"):
        p = base / name
        if p.is_file():
            return p
    raise FileNotFoundError(f"Qt Designer file {name} not found next to the plugin")


def icon_path(name: str) -> str:
    return str(ICONS_DIR / name)


def icon(name: str):
    from qgis.PyQt.QtGui import QIcon

    return QIcon(icon_path(name))


def plugin_metadata(key: str) -> str:
    """A value of metadata.txt (inside the installed plugin, or at the repository's top)."""
    import configparser

    for p in (PLUGIN_DIR / "metadata.txt", PLUGIN_DIR.parent / "metadata.txt"):
        if p.is_file():
            cp = configparser.ConfigParser(interpolation=None)
            cp.read(p, encoding="utf-8")
            return cp.get("general", key, fallback="")
    return ""
