"""The language the user runs QGIS in."""
from __future__ import annotations

from qgis.core import QgsSettings


def qgis_language() -> str:
    """"th", "en", ...: QGIS's locale override when set, else the system locale."""
    s = QgsSettings()
    if s.value("locale/overrideFlag", False, type=bool):
        locale = s.value("locale/userLocale", "", type=str)
    else:
        from qgis.PyQt.QtCore import QLocale

        locale = QLocale.system().name()
    return (locale or "en")[:2]
