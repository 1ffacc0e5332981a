"""One logger: QGIS's message log (tab "Citizen Pins") and, when asked, the message bar."""
from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

TAG = "Citizen Pins"

INFO, SUCCESS, WARNING, CRITICAL = (Qgis.MessageLevel.Info, Qgis.MessageLevel.Success,
                                    Qgis.MessageLevel.Warning, Qgis.MessageLevel.Critical)


def log(message: str, level=INFO, push: bool = False, duration: int = 5,
        bar: str = "") -> None:
    """Write to the message log; with ``push`` also show it in QGIS's message bar (GUI only) --
    ``bar`` instead of the whole message when that is too long for the bar's line."""
    QgsMessageLog.logMessage(message, TAG, level)
    message = bar or message
    if push:
        try:
            from qgis.utils import iface
        except ImportError:  # qgis_process: no GUI
            iface = None
        if iface is not None and hasattr(iface, "messageBar"):
            iface.messageBar().pushMessage(TAG, message, level, duration)
