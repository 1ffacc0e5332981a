"""What every citizen_pins algorithm shares.  Ids are explicit constants, never class names."""
from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..toolbelt.resources import icon


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
