"""What every citizen_pins algorithm shares.  Ids are explicit constants, never class names."""
from __future__ import annotations

from contextlib import contextmanager

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core.ogr_io import DamagedSource
from ..toolbelt.resources import icon


@contextmanager
def refused_if_damaged():
    """A file GDAL cannot read to its end (:class:`core.ogr_io.DamagedSource`) stops the
    algorithm with its message alone (what to do, in Thai and English), not a traceback."""
    try:
        yield
    except DamagedSource as e:
        raise QgsProcessingException(str(e)) from None


class CitizenPinsAlgorithm(QgsProcessingAlgorithm):
    #: The algorithm's id inside the provider (``citizen_pins:<ALGORITHM_ID>``).  Set by subclasses.
    ALGORITHM_ID = ""
    GROUP_ID = "working_copy"
    ICON = "citizen_pins.svg"

    GROUPS = {
        "working_copy": QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Working copy"),
        "validation": QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Validation"),
        "registry": QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "National registry"),
        "reports": QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Reports"),
        "analysis": QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Analysis"),
        "services": QT_TRANSLATE_NOOP("CitizenPinsAlgorithm", "Services and Zero Copy"),
    }

    def tr(self, text: str) -> str:
        """Translate under the subclass's context (where pylupdate files strings written in the
        subclass), falling back to this base class's (strings written here, e.g. groups)."""
        for context in (type(self).__name__, "CitizenPinsAlgorithm"):
            translated = QCoreApplication.translate(context, text)
            if translated != text:
                return translated
        return text

    def name(self) -> str:
        assert self.ALGORITHM_ID, type(self).__name__ + " has no ALGORITHM_ID"
        return self.ALGORITHM_ID

    def group(self) -> str:
        return self.tr(self.GROUPS[self.GROUP_ID])

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP_ID

    def icon(self):
        return icon(self.ICON)

    def createInstance(self):  # noqa: N802
        return type(self)()
