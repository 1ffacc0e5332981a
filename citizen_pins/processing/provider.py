"""The Processing provider ``citizen_pins``: the toolbox, the batch runner, qgis_process and the
plugin's own GUI all run these same algorithms."""
from __future__ import annotations

from qgis.core import QgsProcessingProvider

from ..toolbelt.resources import icon, plugin_metadata

PROVIDER_ID = "citizen_pins"


def algorithm_classes():
    """Every algorithm of the provider (one module per user action)."""
    from .analysis.access import AccessAlgorithm
    from .apply_fixes import ApplyFixesAlgorithm
    from .completeness import CompletenessAlgorithm
    from .create_working_copy import CreateWorkingCopyAlgorithm
    from .feedback.feedback_summary import FeedbackSummaryAlgorithm
    from .feedback.qr_posters import QrPostersAlgorithm
    from .import_pins import ImportPinsAlgorithm
    from .publish import PublishAlgorithm
    from .pull import PullAlgorithm
    from .report import ReportAlgorithm
    from .services.import_services import ImportServicesAlgorithm
    from .validate import ValidateAlgorithm
    from .validate_batch import ValidateBatchAlgorithm

    return [CreateWorkingCopyAlgorithm, ImportPinsAlgorithm, PullAlgorithm, ValidateAlgorithm,
            ApplyFixesAlgorithm, ValidateBatchAlgorithm, CompletenessAlgorithm, ReportAlgorithm,
            PublishAlgorithm, AccessAlgorithm, ImportServicesAlgorithm, FeedbackSummaryAlgorithm,
            QrPostersAlgorithm]


class CitizenPinsProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return "Citizen Pins"

    def longName(self) -> str:  # noqa: N802
        return f"Citizen Pins {plugin_metadata('version')}"

    def icon(self):
        return icon("citizen_pins.svg")

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
