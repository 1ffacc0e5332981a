"""Citizen Pins: collect, check and publish government service points (QGIS plugin).

Importing this package must stay cheap and must not import QGIS GUI code: the registry gateway and
the core tests import ``citizen_pins.core`` without QGIS.
"""
import os
import sys

_EXT_LIBS = os.path.join(os.path.dirname(__file__), "ext_libs")
# Bundled pure-Python dependencies (geothai's data, ...).  Appended, so a newer copy installed in
# the user's Python wins for packages that are importable; geothai's data is located by path.
if os.path.isdir(_EXT_LIBS) and _EXT_LIBS not in sys.path:
    sys.path.append(_EXT_LIBS)


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS calls this to create the plugin."""
    from .plugin import CitizenPinsPlugin

    return CitizenPinsPlugin(iface)
